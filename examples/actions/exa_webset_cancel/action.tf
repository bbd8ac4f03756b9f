# The brake: when a bill grows, stop everything a webset is running with
# one request, without editing each resource (Terraform 1.14 or later):
#
#   terraform apply -invoke=action.exa_webset_cancel.brake
#
# Then set canceled = true on the searches and enrichments to keep stopped:
# the next plan would start those that say canceled = false again.
resource "exa_webset" "robotics" {
  external_id = "robotics-startups"
}

action "exa_webset_cancel" "brake" {
  config {
    webset_id = exa_webset.robotics.id
  }
}
