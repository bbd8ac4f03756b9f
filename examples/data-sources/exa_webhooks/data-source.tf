# Every webhook of the account. Secrets are never listed.
data "exa_webhooks" "all" {}

output "webhook_urls" {
  value = [for h in data.exa_webhooks.all.webhooks : h.url]
}
