# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
output "destination_ids" {
  description = "NewRelic notification destination ids by name."
  value       = module.newrelic.destination_ids
}
