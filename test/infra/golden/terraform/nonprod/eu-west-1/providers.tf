# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
# Everything here is made by the deploy role of account 'nonprod', and only in that account.
provider "aws" {
  alias               = "nonprod"
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]

  assume_role {
    role_arn     = "arn:aws:iam::111111111111:role/paved-deploy"
    session_name = "paved-infra-nonprod-eu-west-1"
  }

  default_tags {
    tags = {
      "paved.dev/account"    = "nonprod"
      "paved.dev/managed-by" = "paved-infra"
      "paved.dev/region"     = "eu-west-1"
    }
  }
}

provider "helm" {
  alias = "dev_euw1"

  kubernetes {
    host                   = module.cluster_dev_euw1.endpoint
    cluster_ca_certificate = base64decode(module.cluster_dev_euw1.certificate_authority_data)
    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args = [
        "eks",
        "get-token",
        "--cluster-name",
        "dev-euw1",
        "--region",
        "eu-west-1",
        "--role-arn",
        "arn:aws:iam::111111111111:role/paved-deploy",
      ]
    }
  }
}

provider "kubectl" {
  alias                  = "dev_euw1"
  host                   = module.cluster_dev_euw1.endpoint
  cluster_ca_certificate = base64decode(module.cluster_dev_euw1.certificate_authority_data)
  load_config_file       = false
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args = [
      "eks",
      "get-token",
      "--cluster-name",
      "dev-euw1",
      "--region",
      "eu-west-1",
      "--role-arn",
      "arn:aws:iam::111111111111:role/paved-deploy",
    ]
  }
}
