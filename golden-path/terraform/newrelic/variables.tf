variable "account_id" {
  type        = number
  description = "The NewRelic account the destinations belong to (paved.yaml's observability.newrelic.accountId)."
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every destination, channel and workflow name, e.g. the organisation's name."
  default     = "paved"
}

variable "destinations" {
  type = map(object({
    type       = string
    emails     = optional(list(string), [])
    url        = optional(string)
    priorities = optional(list(string), ["CRITICAL"])
  }))
  description = "Where alert notifications go, by name. type: EMAIL (emails), WEBHOOK (url) or PAGERDUTY (a service integration). priorities: which issues reach it (CRITICAL, HIGH, MEDIUM, LOW)."
  default     = {}

  validation {
    condition     = alltrue([for d in values(var.destinations) : contains(["EMAIL", "WEBHOOK", "PAGERDUTY"], d.type)])
    error_message = "Every destination's type must be EMAIL, WEBHOOK or PAGERDUTY."
  }

  validation {
    condition     = alltrue([for d in values(var.destinations) : d.type != "EMAIL" || length(d.emails) > 0])
    error_message = "An EMAIL destination needs at least one address in emails."
  }

  validation {
    condition     = alltrue([for d in values(var.destinations) : d.type != "WEBHOOK" || can(regex("^https://", d.url))])
    error_message = "A WEBHOOK destination needs an https:// url."
  }

  validation {
    condition     = alltrue(flatten([for d in values(var.destinations) : [for p in d.priorities : contains(["CRITICAL", "HIGH", "MEDIUM", "LOW"], p)]]))
    error_message = "priorities may hold CRITICAL, HIGH, MEDIUM and LOW."
  }
}

variable "destination_secrets" {
  type        = map(string)
  description = "Per PAGERDUTY destination name: its PagerDuty service integration key. Set through TF_VAR_destination_secrets, never in a file."
  default     = {}
  sensitive   = true

  validation {
    condition     = alltrue([for name, d in var.destinations : d.type != "PAGERDUTY" || contains(keys(var.destination_secrets), name)])
    error_message = "Every PAGERDUTY destination needs its integration key in destination_secrets."
  }
}
