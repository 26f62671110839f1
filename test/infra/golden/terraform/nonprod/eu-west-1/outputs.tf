# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
output "vpc_id" {
  description = "VPC of account 'nonprod' in eu-west-1."
  value       = module.network.vpc_id
}

output "dev_euw1_endpoint" {
  description = "API server of dev-euw1: paved.yaml's clusters[].apiServer."
  value       = module.cluster_dev_euw1.endpoint
}

output "dev_euw1_certificate_authority_data" {
  description = "CA of dev-euw1's API server: paved.yaml's infra.clusters[].caData."
  value       = module.cluster_dev_euw1.certificate_authority_data
}
