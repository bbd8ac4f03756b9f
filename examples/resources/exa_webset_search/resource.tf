resource "exa_webset" "robotics" {
  external_id = "robotics-startups"
}

# A search with Exa's own choice of entity and criteria. Searches that fill
# one webset together all append: Terraform creates them in parallel, and an
# override search would replace what the others found, depending on which
# ran first.
resource "exa_webset_search" "broad" {
  webset_id    = exa_webset.robotics.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 25
  behavior     = "append"
}

# A search with a custom entity, explicit criteria and a recall estimate,
# that apply waits for.
resource "exa_webset_search" "humanoids" {
  webset_id    = exa_webset.robotics.id
  query        = "Companies building humanoid robots for warehouses"
  target_count = 10
  behavior     = "append"
  recall       = true

  entity = {
    type        = "custom"
    description = "robotics companies"
  }

  criteria = [
    { description = "raised a seed round in the last 12 months" },
    { description = "headquartered in Europe" },
  ]

  metadata = {
    campaign = "q3-outbound"
  }

  wait_for_completion = true
  timeouts = {
    create = "20m"
  }
}

# To stop a search without starting a new one, set canceled = true.
