# A realistic Websets pipeline: one webset, two searches, and its first items.
# `make quickstart` applies it against the bundled mock server; point it at
# Exa by setting EXA_API_KEY (and unsetting EXA_BASE_URL).

terraform {
  required_providers {
    exa = {
      source = "exa-community/exa"
    }
  }
}

provider "exa" {}

resource "exa_webset" "robotics" {
  external_id = "quickstart-robotics"
  metadata = {
    purpose = "quickstart"
  }
}

# Exa picks the entity and writes the criteria; apply waits for the results.
resource "exa_webset_search" "startups" {
  webset_id           = exa_webset.robotics.id
  query               = "Seed-stage robotics startups in Europe"
  target_count        = 5
  behavior            = "append"
  recall              = true
  wait_for_completion = true

  timeouts = {
    create = "5m"
  }
}

# A custom entity with explicit criteria. It runs on after apply; destroy
# cancels it.
resource "exa_webset_search" "investors" {
  webset_id    = exa_webset.robotics.id
  query        = "Investors who back European robotics startups"
  target_count = 3
  behavior     = "append"

  entity = {
    type        = "custom"
    description = "venture capital firms and angel investors"
  }

  criteria = [
    { description = "invested in a robotics company in the last two years" },
    { description = "based in Europe" },
  ]
}

data "exa_webset_items" "startups" {
  webset_id = exa_webset.robotics.id
  source_id = exa_webset_search.startups.id
  limit     = 3
}

output "searches" {
  value = {
    for name, s in {
      startups  = exa_webset_search.startups
      investors = exa_webset_search.investors
      } : name => {
      id         = s.id
      status     = s.status
      completion = s.progress.completion
      found      = s.progress.found
      criteria   = [for c in s.criteria : "${c.description} (${c.success_rate}%)"]
    }
  }
}

output "recall_estimate" {
  value = exa_webset_search.startups.recall_result
}

output "first_items" {
  value = [for item in data.exa_webset_items.startups.items : {
    name        = item.name
    url         = item.url
    description = item.description
    evaluations = { for e in item.evaluations : e.criterion => e.satisfied }
  }]
}
