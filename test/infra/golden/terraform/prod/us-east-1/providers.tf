# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
# Everything here is made by the deploy role of account 'prod', and only in that account.
provider "aws" {
  alias               = "prod"
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]

  assume_role {
    role_arn     = "arn:aws:iam::222222222222:role/paved-deploy"
    session_name = "paved-infra-prod-us-east-1"
  }

  default_tags {
    tags = {
      "paved.dev/account"    = "prod"
      "paved.dev/managed-by" = "paved-infra"
      "paved.dev/region"     = "us-east-1"
    }
  }
}

provider "helm" {
  alias = "prod_use1"

  kubernetes {
    host                   = module.cluster_prod_use1.endpoint
    cluster_ca_certificate = base64decode(module.cluster_prod_use1.certificate_authority_data)
    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args = [
        "eks",
        "get-token",
        "--cluster-name",
        "prod-use1",
        "--region",
        "us-east-1",
        "--role-arn",
        "arn:aws:iam::222222222222:role/paved-deploy",
      ]
    }
  }
}

provider "kubectl" {
  alias                  = "prod_use1"
  host                   = module.cluster_prod_use1.endpoint
  cluster_ca_certificate = base64decode(module.cluster_prod_use1.certificate_authority_data)
  load_config_file       = false
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args = [
      "eks",
      "get-token",
      "--cluster-name",
      "prod-use1",
      "--region",
      "us-east-1",
      "--role-arn",
      "arn:aws:iam::222222222222:role/paved-deploy",
    ]
  }
}
