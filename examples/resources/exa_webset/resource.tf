resource "exa_webset" "robotics" {
  external_id = "robotics-seed-europe"

  metadata = {
    team  = "growth"
    owner = "data-platform"
  }
}
