# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
# The API key comes from NEW_RELIC_API_KEY in the environment.
provider "newrelic" {
  account_id = 1234567
  region     = "EU"
}
