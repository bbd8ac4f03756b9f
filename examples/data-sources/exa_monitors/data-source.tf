data "exa_webset" "crm" {
  external_id = "crm-accounts"
}

# The monitors of one webset (leave webset_id out for every monitor).
data "exa_monitors" "crm" {
  webset_id = data.exa_webset.crm.id
}

output "monitor_crons" {
  value = [for m in data.exa_monitors.crm.monitors : m.cron]
}
