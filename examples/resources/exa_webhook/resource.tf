resource "exa_webhook" "alerts" {
  url    = "https://hooks.example.com/exa"
  events = ["webset.search.completed", "webset.search.canceled"]

  metadata = {
    team = "growth"
  }
}

# Verify deliveries with the signing secret, e.g. pass it to your receiver.
output "webhook_secret" {
  value     = exa_webhook.alerts.secret
  sensitive = true
}
