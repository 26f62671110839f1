# Account-level alert routing: a destination per target, a channel on it, and a workflow that
# sends the account's issues of the chosen priorities there. The alert policies themselves are
# rendered per component by paved deploy render; they only need to exist in the same account.

locals {
  workflow_priorities = { for name, d in var.destinations : name => sort(d.priorities) }
}

resource "newrelic_notification_destination" "this" {
  for_each = var.destinations

  account_id = var.account_id
  name       = "${var.name_prefix}-${each.key}"
  type       = each.value.type == "PAGERDUTY" ? "PAGERDUTY_SERVICE_INTEGRATION" : each.value.type

  property {
    key   = each.value.type == "EMAIL" ? "email" : each.value.type == "WEBHOOK" ? "url" : ""
    value = each.value.type == "EMAIL" ? join(",", each.value.emails) : each.value.type == "WEBHOOK" ? each.value.url : ""
  }

  dynamic "auth_token" {
    for_each = each.value.type == "PAGERDUTY" ? [1] : []
    content {
      prefix = "Token token="
      token  = var.destination_secrets[each.key]
    }
  }
}

resource "newrelic_notification_channel" "this" {
  for_each = var.destinations

  account_id     = var.account_id
  name           = "${var.name_prefix}-${each.key}"
  type           = newrelic_notification_destination.this[each.key].type
  destination_id = newrelic_notification_destination.this[each.key].id
  product        = "IINT"

  dynamic "property" {
    for_each = each.value.type == "EMAIL" ? [1] : []
    content {
      key   = "subject"
      value = "{{ issueTitle }}"
    }
  }

  dynamic "property" {
    for_each = each.value.type == "WEBHOOK" ? [1] : []
    content {
      key   = "payload"
      value = jsonencode({ id = "{{ issueId }}", title = "{{ issueTitle }}", priority = "{{ priority }}", state = "{{ state }}", url = "{{ issuePageUrl }}" })
      label = "Payload template"
    }
  }

  dynamic "property" {
    for_each = each.value.type == "PAGERDUTY" ? [1] : []
    content {
      key   = "summary"
      value = "{{ annotations.title.[0] }}"
    }
  }
}

resource "newrelic_workflow" "this" {
  for_each = var.destinations

  account_id            = var.account_id
  name                  = "${var.name_prefix}-${each.key}"
  muting_rules_handling = "DONT_NOTIFY_FULLY_MUTED_ISSUES"

  issues_filter {
    name = "priority"
    type = "FILTER"

    predicate {
      attribute = "priority"
      operator  = "EXACTLY_MATCHES"
      values    = local.workflow_priorities[each.key]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.this[each.key].id
  }
}
