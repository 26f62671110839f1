# payments/orders-api (prod): rendered by Paved from the component's observability settings. Do not edit.

terraform {
  required_providers {
    newrelic = {
      source = "newrelic/newrelic"
    }
  }
}

resource "newrelic_one_dashboard_json" "payments_orders_api_prod" {
  json = <<-EOT
    {
      "name": "payments/orders-api (prod)",
      "description": "Golden signals of orders-api in prod (team payments; APM app 'orders-api-prod'). Rendered by Paved from the component's observability settings: change those, not this dashboard.",
      "permissions": "PUBLIC_READ_ONLY",
      "pages": [
        {
          "name": "payments/orders-api (prod)",
          "description": "Throughput, latency, errors and saturation.",
          "widgets": [
            {
              "title": "Throughput (requests per minute)",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 1,
                "row": 1,
                "width": 6,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT rate(count(*), 1 minute) AS 'Requests per minute' FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            },
            {
              "title": "Error rate (% of transactions)",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 7,
                "row": 1,
                "width": 6,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT percentage(count(*), WHERE error IS true) AS 'Error rate (%)' FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            },
            {
              "title": "Latency p50 / p95 / p99 (ms)",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 1,
                "row": 4,
                "width": 6,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT percentile(duration * 1000, 50, 95, 99) FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            },
            {
              "title": "Saturation: CPU and memory (% of limit)",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 7,
                "row": 4,
                "width": 6,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT average(cpuCoresUtilization) AS 'CPU (% of limit)', average(memoryUtilization) AS 'Memory (% of limit)' FROM K8sContainerSample WHERE namespaceName = 'payments-prod' AND deploymentName = 'orders-api' TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            },
            {
              "title": "Errors by class",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 1,
                "row": 7,
                "width": 12,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT count(*) FROM TransactionError WHERE appName = 'orders-api-prod' FACET error.class TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            },
            {
              "title": "Checkouts per minute",
              "visualization": {
                "id": "viz.line"
              },
              "layout": {
                "column": 1,
                "row": 10,
                "width": 6,
                "height": 3
              },
              "rawConfiguration": {
                "nrqlQueries": [
                  {
                    "accountIds": [
                      1234567
                    ],
                    "query": "SELECT rate(count(*), 1 minute) FROM Transaction WHERE appName = 'orders-api-prod' AND name LIKE '%checkout%' TIMESERIES"
                  }
                ],
                "legend": {
                  "enabled": true
                },
                "yAxisLeft": {
                  "zero": true
                },
                "platformOptions": {
                  "ignoreTimeRange": false
                }
              }
            }
          ]
        }
      ]
    }
  EOT
}

resource "newrelic_alert_policy" "payments_orders_api_prod" {
  account_id          = 1234567
  name                = "payments/orders-api (prod)"
  incident_preference = "PER_CONDITION"
}

resource "newrelic_nrql_alert_condition" "payments_orders_api_prod_error_rate" {
  account_id                   = 1234567
  policy_id                    = newrelic_alert_policy.payments_orders_api_prod.id
  type                         = "static"
  name                         = "orders-api-prod: error rate"
  description                  = "More than 5% of transactions failed for 5 minutes."
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 60
  aggregation_method           = "event_flow"
  aggregation_delay            = 120

  nrql {
    query = "SELECT percentage(count(*), WHERE error IS true) FROM Transaction WHERE appName = 'orders-api-prod'"
  }

  critical {
    operator              = "above"
    threshold             = 5
    threshold_duration    = 300
    threshold_occurrences = "all"
  }

  warning {
    operator              = "above"
    threshold             = 4
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "payments_orders_api_prod_latency_p95" {
  account_id                   = 1234567
  policy_id                    = newrelic_alert_policy.payments_orders_api_prod.id
  type                         = "static"
  name                         = "orders-api-prod: latency p95"
  description                  = "95th percentile latency above 300 ms for 5 minutes."
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 60
  aggregation_method           = "event_flow"
  aggregation_delay            = 120

  nrql {
    query = "SELECT percentile(duration * 1000, 95) FROM Transaction WHERE appName = 'orders-api-prod'"
  }

  critical {
    operator              = "above"
    threshold             = 300
    threshold_duration    = 300
    threshold_occurrences = "all"
  }

  warning {
    operator              = "above"
    threshold             = 240
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "payments_orders_api_prod_latency_p99" {
  account_id                   = 1234567
  policy_id                    = newrelic_alert_policy.payments_orders_api_prod.id
  type                         = "static"
  name                         = "orders-api-prod: latency p99"
  description                  = "99th percentile latency above 1000 ms for 5 minutes."
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 60
  aggregation_method           = "event_flow"
  aggregation_delay            = 120

  nrql {
    query = "SELECT percentile(duration * 1000, 99) FROM Transaction WHERE appName = 'orders-api-prod'"
  }

  critical {
    operator              = "above"
    threshold             = 1000
    threshold_duration    = 300
    threshold_occurrences = "all"
  }

  warning {
    operator              = "above"
    threshold             = 800
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "payments_orders_api_prod_loss_of_signal" {
  account_id                     = 1234567
  policy_id                      = newrelic_alert_policy.payments_orders_api_prod.id
  type                           = "static"
  name                           = "orders-api-prod: loss of signal"
  description                    = "No transaction for 5 minutes: the service or its APM agent is down."
  enabled                        = true
  violation_time_limit_seconds   = 86400
  aggregation_window             = 60
  aggregation_method             = "event_flow"
  aggregation_delay              = 120
  expiration_duration            = 300
  open_violation_on_expiration   = true
  close_violations_on_expiration = false

  nrql {
    query = "SELECT count(*) FROM Transaction WHERE appName = 'orders-api-prod'"
  }

  critical {
    operator              = "below"
    threshold             = 1
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}
