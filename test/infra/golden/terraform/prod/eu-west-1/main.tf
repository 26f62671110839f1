# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
module "network" {
  source = "git::https://github.com/acme/terraform-network.git?ref=v1.0.0"
  providers = {
    aws = aws.prod
  }

  name               = "acme-prod-eu-west-1"
  cidr_block         = "10.20.0.0/16"
  az_count           = 3
  single_nat_gateway = false
  cluster_names      = ["prod-euw1"]
}

module "cluster_prod_euw1" {
  source = "git::https://github.com/acme/terraform-cluster.git?ref=v1.0.0"
  providers = {
    aws = aws.prod
  }

  cluster_name        = "prod-euw1"
  environment         = "prod"
  kubernetes_version  = "1.31"
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.private_subnet_ids
  public_access_cidrs = ["203.0.113.0/24"]
  system_node_group = {
    instance_types = ["m6i.xlarge"]
    min_size       = 3
    max_size       = 6
    desired_size   = 3
  }
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

module "addons_prod_euw1" {
  source = "git::https://github.com/acme/terraform-addons.git?ref=v1.0.0"
  providers = {
    aws     = aws.prod
    helm    = helm.prod_euw1
    kubectl = kubectl.prod_euw1
  }

  cluster_name                      = module.cluster_prod_euw1.cluster_name
  cluster_endpoint                  = module.cluster_prod_euw1.endpoint
  vpc_id                            = module.network.vpc_id
  karpenter_node_role_name          = module.cluster_prod_euw1.karpenter_node_role_name
  karpenter_interruption_queue_name = module.cluster_prod_euw1.karpenter_interruption_queue_name
  domain_filters                    = ["acme.example"]

  # The hub: ArgoCD runs here and deploys to every cluster through its argocd-manager role.
  argocd = {
    enabled = true
    manager_role_arns = [
      "arn:aws:iam::111111111111:role/dev-euw1-argocd-manager",
      "arn:aws:iam::222222222222:role/prod-euw1-argocd-manager",
      "arn:aws:iam::222222222222:role/prod-use1-argocd-manager",
      "arn:aws:iam::111111111111:role/staging-use1-argocd-manager",
    ]
  }
}
