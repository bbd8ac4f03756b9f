resource "exa_webset" "robotics" {
  external_id = "monitor-example"
}

# Look for new robotics startups at 09:00 Berlin time on weekdays.
resource "exa_monitor" "daily" {
  webset_id = exa_webset.robotics.id

  cadence = {
    cron     = "0 9 * * 1-5"
    timezone = "Europe/Berlin"
  }

  behavior = {
    config = {
      query        = "Robotics startups in Europe founded this year"
      target_count = 10
      criteria     = [{ description = "founded in the last 12 months" }]
    }
  }

  metadata = {
    team = "growth"
  }
}
