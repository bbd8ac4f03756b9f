resource "exa_webhook" "alerts" {
  url    = "https://hooks.example.com/exa"
  events = ["webset.search.completed"]
}

# Debug a webhook: what did Exa send, and how did the endpoint answer?
data "exa_webhook_attempts" "recent" {
  webhook_id = exa_webhook.alerts.id
  event_type = "webset.search.completed"
  limit      = 20
}

output "failed_deliveries" {
  value = [for a in data.exa_webhook_attempts.recent.attempts : a if !a.successful]
}
