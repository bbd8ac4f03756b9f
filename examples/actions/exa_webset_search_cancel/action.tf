# Stop one search (Terraform 1.14 or later):
#
#   terraform apply -invoke=action.exa_webset_search_cancel.stop
resource "exa_webset" "robotics" {
  external_id = "robotics-startups"
}

resource "exa_webset_search" "robotics" {
  webset_id    = exa_webset.robotics.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 50
}

action "exa_webset_search_cancel" "stop" {
  config {
    webset_id = exa_webset.robotics.id
    id        = exa_webset_search.robotics.id
  }
}
