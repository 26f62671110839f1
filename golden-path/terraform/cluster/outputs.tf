output "cluster_name" {
  description = "Name of the EKS cluster (known only once it exists, so modules using it wait for it)."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = aws_eks_cluster.this.arn
}

output "endpoint" {
  description = "URL of the Kubernetes API server: paved.yaml's clusters[].apiServer."
  value       = aws_eks_cluster.this.endpoint
}

output "certificate_authority_data" {
  description = "Base64 CA certificate of the API server: paved.yaml's infra.clusters[].caData, for ArgoCD's cluster Secret."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "kubernetes_version" {
  description = "Kubernetes version the control plane runs."
  value       = aws_eks_cluster.this.version
}

output "cluster_security_group_id" {
  description = "Security group EKS created for the control plane and nodes (tagged for Karpenter)."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster, for IRSA role trust policies."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer_url" {
  description = "OIDC issuer URL of the cluster."
  value       = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

output "karpenter_node_role_name" {
  description = "IAM role of the nodes Karpenter launches (the addons module's EC2NodeClass uses it)."
  value       = aws_iam_role.karpenter_node.name
}

output "karpenter_node_role_arn" {
  description = "ARN of the Karpenter node role."
  value       = aws_iam_role.karpenter_node.arn
}

output "karpenter_interruption_queue_name" {
  description = "SQS queue of EC2 interruption events that Karpenter reads."
  value       = aws_sqs_queue.karpenter_interruption.name
}

output "argocd_manager_role_arn" {
  description = "Role ArgoCD assumes to deploy here (null without argocd_hub_role_arn)."
  value       = one(aws_iam_role.argocd_manager[*].arn)
}

output "team_principal_arns" {
  description = "Per team, the IAM role that has an access entry."
  value       = { for team, access in var.team_access : team => access.principal_arn }
}
