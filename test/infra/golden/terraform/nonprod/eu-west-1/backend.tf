# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
terraform {
  backend "s3" {
    bucket       = "acme-nonprod-terraform"
    key          = "paved/nonprod/eu-west-1/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
    assume_role = {
      role_arn = "arn:aws:iam::111111111111:role/paved-deploy"
    }
  }
}
