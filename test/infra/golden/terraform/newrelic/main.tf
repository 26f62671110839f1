# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
module "newrelic" {
  source = "git::https://github.com/acme/terraform-newrelic.git?ref=v1.0.0"

  account_id  = 1234567
  name_prefix = "acme"
  destinations = {
    on-call = {
      type       = "PAGERDUTY"
      priorities = ["CRITICAL"]
    }
    platform-email = {
      type       = "EMAIL"
      emails     = ["platform@acme.example"]
      priorities = ["CRITICAL", "HIGH"]
    }
  }
  destination_secrets = var.destination_secrets
}
