# Rendered by Paved: paved infra render, from paved.yaml; change paved.yaml and render again, not this file.
variable "destination_secrets" {
  type        = map(string)
  description = "PagerDuty service integration keys by destination name; set TF_VAR_destination_secrets, never a file."
  default     = {}
  sensitive   = true
}
