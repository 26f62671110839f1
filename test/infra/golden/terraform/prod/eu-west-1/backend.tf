# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
terraform {
  backend "s3" {
    bucket       = "acme-tfstate-222222222222"
    key          = "paved/prod/eu-west-1/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
    assume_role = {
      role_arn = "arn:aws:iam::222222222222:role/paved-deploy"
    }
  }
}
