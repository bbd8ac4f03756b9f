# The signing secret is returned only when a webhook is created, so it is
# null after an import.
terraform import exa_webhook.alerts webhook_01jxyz
