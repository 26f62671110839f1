output "destination_ids" {
  description = "Per destination name, the NewRelic notification destination id."
  value       = { for name, d in newrelic_notification_destination.this : name => d.id }
}

output "channel_ids" {
  description = "Per destination name, the notification channel id."
  value       = { for name, c in newrelic_notification_channel.this : name => c.id }
}

output "workflow_ids" {
  description = "Per destination name, the workflow routing issues to it."
  value       = { for name, w in newrelic_workflow.this : name => w.id }
}
