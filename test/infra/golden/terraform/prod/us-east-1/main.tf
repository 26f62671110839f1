# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
module "network" {
  source = "git::https://github.com/acme/terraform-network.git?ref=v1.0.0"
  providers = {
    aws = aws.prod
  }

  name               = "acme-prod-us-east-1"
  cidr_block         = "10.21.0.0/16"
  az_count           = 3
  single_nat_gateway = false
  cluster_names      = ["prod-use1"]
}

module "cluster_prod_use1" {
  source = "git::https://github.com/acme/terraform-cluster.git?ref=v1.0.0"
  providers = {
    aws = aws.prod
  }

  cluster_name         = "prod-use1"
  environment          = "prod"
  kubernetes_version   = "1.31"
  vpc_id               = module.network.vpc_id
  subnet_ids           = module.network.private_subnet_ids
  admin_principal_arns = ["arn:aws:iam::222222222222:role/platform-admin"]

  # Each team edits its own namespace only (the namespace paved namespace renders).
  team_access = {
    payments = {
      principal_arn     = "arn:aws:iam::222222222222:role/paved-team-payments"
      namespaces        = ["payments"]
      kubernetes_groups = ["acme-payments"]
    }
    platform = {
      principal_arn     = "arn:aws:iam::222222222222:role/paved-team-platform"
      namespaces        = ["platform"]
      kubernetes_groups = ["acme-platform"]
    }
    search = {
      principal_arn     = "arn:aws:iam::222222222222:role/paved-team-search"
      namespaces        = ["search"]
      kubernetes_groups = []
    }
  }

  argocd_hub_role_arn = "arn:aws:iam::222222222222:role/prod-euw1-argocd-controller"
}

module "addons_prod_use1" {
  source = "git::https://github.com/acme/terraform-addons.git?ref=v1.0.0"
  providers = {
    aws     = aws.prod
    helm    = helm.prod_use1
    kubectl = kubectl.prod_use1
  }

  cluster_name                      = module.cluster_prod_use1.cluster_name
  cluster_endpoint                  = module.cluster_prod_use1.endpoint
  vpc_id                            = module.network.vpc_id
  karpenter_node_role_name          = module.cluster_prod_use1.karpenter_node_role_name
  karpenter_interruption_queue_name = module.cluster_prod_use1.karpenter_interruption_queue_name
  domain_filters                    = ["acme.example"]
}
