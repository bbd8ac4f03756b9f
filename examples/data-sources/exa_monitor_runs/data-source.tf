resource "exa_webset" "robotics" {
  external_id = "monitor-runs-example"
}

resource "exa_monitor" "daily" {
  webset_id = exa_webset.robotics.id
  cadence   = { cron = "0 9 * * *" }
  behavior  = { config = { target_count = 10 } }
}

data "exa_monitor_runs" "recent" {
  monitor_id = exa_monitor.daily.id
  limit      = 10
}

output "failed_runs" {
  value = [for r in data.exa_monitor_runs.recent.runs : r if r.status == "failed"]
}
