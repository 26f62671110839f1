output "chart_versions" {
  description = "The Helm chart version of every add-on this module version installs."
  value       = { for name, chart in local.charts : name => chart.version if name != "argocd" || var.argocd.enabled }
}

output "karpenter_role_arn" {
  description = "IAM role of the Karpenter controller."
  value       = aws_iam_role.karpenter.arn
}

output "load_balancer_controller_role_arn" {
  description = "IAM role of the AWS Load Balancer Controller."
  value       = aws_iam_role.load_balancer_controller.arn
}

output "external_dns_role_arn" {
  description = "IAM role of External DNS."
  value       = aws_iam_role.external_dns.arn
}

output "external_secrets_role_arn" {
  description = "IAM role of External Secrets."
  value       = aws_iam_role.external_secrets.arn
}

output "cluster_secret_store" {
  description = "Name of the ClusterSecretStore that ExternalSecrets reference."
  value       = "aws-secrets-manager"
}

output "argocd_role_arn" {
  description = "IAM role of ArgoCD's controllers on the hub (null where ArgoCD is not installed); the clusters' argocd-manager roles trust it."
  value       = one(aws_iam_role.argocd[*].arn)
}
