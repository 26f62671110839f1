# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    newrelic = {
      source  = "newrelic/newrelic"
      version = "~> 3.50"
    }
  }
}
