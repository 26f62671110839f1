# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
module "network" {
  source = "git::https://github.com/acme/terraform-network.git?ref=v1.0.0"
  providers = {
    aws = aws.nonprod
  }

  name               = "acme-nonprod-us-east-1"
  cidr_block         = "10.11.0.0/18"
  az_count           = 2
  single_nat_gateway = true
  cluster_names      = ["staging-use1"]
}

module "cluster_staging_use1" {
  source = "git::https://github.com/acme/terraform-cluster.git?ref=v1.0.0"
  providers = {
    aws = aws.nonprod
  }

  cluster_name       = "staging-use1"
  environment        = "staging"
  kubernetes_version = "1.31"
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids

  # Each team edits its own namespace only (the namespace paved namespace renders).
  team_access = {
    payments = {
      principal_arn     = "arn:aws:iam::111111111111:role/paved-team-payments"
      namespaces        = ["payments"]
      kubernetes_groups = ["acme-payments"]
    }
    platform = {
      principal_arn     = "arn:aws:iam::111111111111:role/paved-team-platform"
      namespaces        = ["platform"]
      kubernetes_groups = ["acme-platform"]
    }
    search = {
      principal_arn     = "arn:aws:iam::111111111111:role/paved-team-search"
      namespaces        = ["search"]
      kubernetes_groups = []
    }
  }

  argocd_hub_role_arn = "arn:aws:iam::222222222222:role/prod-euw1-argocd-controller"
}

module "addons_staging_use1" {
  source = "git::https://github.com/acme/terraform-addons.git?ref=v1.0.0"
  providers = {
    aws     = aws.nonprod
    helm    = helm.staging_use1
    kubectl = kubectl.staging_use1
  }

  cluster_name                      = module.cluster_staging_use1.cluster_name
  cluster_endpoint                  = module.cluster_staging_use1.endpoint
  vpc_id                            = module.network.vpc_id
  karpenter_node_role_name          = module.cluster_staging_use1.karpenter_node_role_name
  karpenter_interruption_queue_name = module.cluster_staging_use1.karpenter_interruption_queue_name
  domain_filters                    = ["staging.acme.example"]
}
