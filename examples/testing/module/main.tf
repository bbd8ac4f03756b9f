# A small module of the kind teams write around the provider: a webset and
# the search that fills it. tests/search.tftest.hcl tests it with `tofu test`
# against the bundled mock server, with no Exa account: see the guide
# "Testing your configuration without an Exa account".
terraform {
  required_providers {
    exa = {
      source = "exa-community/exa"
    }
  }
}

variable "query" {
  description = "What the search looks for."
  type        = string
  default     = "Seed-stage robotics startups in Europe"
}

variable "target_count" {
  description = "How many results the search aims for."
  type        = number
  default     = 5

  validation {
    condition     = var.target_count >= 1 && var.target_count <= 100
    error_message = "target_count must be from 1 to 100: larger searches need a budget review."
  }
}

resource "exa_webset" "this" {
  metadata = { owner = "growth" }
}

resource "exa_webset_search" "this" {
  webset_id    = exa_webset.this.id
  query        = var.query
  target_count = var.target_count
  criteria     = [{ description = "raised a seed round in the last 12 months" }]
}

output "webset_id" {
  value = exa_webset.this.id
}

output "search_status" {
  value = exa_webset_search.this.status
}
