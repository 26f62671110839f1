# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
output "vpc_id" {
  description = "VPC of account 'prod' in us-east-1."
  value       = module.network.vpc_id
}

output "prod_use1_endpoint" {
  description = "API server of prod-use1: paved.yaml's clusters[].apiServer."
  value       = module.cluster_prod_use1.endpoint
}

output "prod_use1_certificate_authority_data" {
  description = "CA of prod-use1's API server: paved.yaml's infra.clusters[].caData."
  value       = module.cluster_prod_use1.certificate_authority_data
}
