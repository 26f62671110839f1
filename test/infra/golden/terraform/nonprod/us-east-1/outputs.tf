# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
output "vpc_id" {
  description = "VPC of account 'nonprod' in us-east-1."
  value       = module.network.vpc_id
}

output "staging_use1_endpoint" {
  description = "API server of staging-use1: paved.yaml's clusters[].apiServer."
  value       = module.cluster_staging_use1.endpoint
}

output "staging_use1_certificate_authority_data" {
  description = "CA of staging-use1's API server: paved.yaml's infra.clusters[].caData."
  value       = module.cluster_staging_use1.certificate_authority_data
}
