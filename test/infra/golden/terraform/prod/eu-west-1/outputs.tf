# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
output "vpc_id" {
  description = "VPC of account 'prod' in eu-west-1."
  value       = module.network.vpc_id
}

output "prod_euw1_endpoint" {
  description = "API server of prod-euw1: paved.yaml's clusters[].apiServer."
  value       = module.cluster_prod_euw1.endpoint
}

output "prod_euw1_certificate_authority_data" {
  description = "CA of prod-euw1's API server: paved.yaml's infra.clusters[].caData."
  value       = module.cluster_prod_euw1.certificate_authority_data
}
