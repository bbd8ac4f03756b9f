data "exa_webset_items" "top" {
  webset_id = "crm-accounts" # an id or an external_id
  limit     = 10
}

output "top_companies" {
  value = [for item in data.exa_webset_items.top.items : {
    name = item.name
    url  = item.url
    # Type-specific properties, such as a company's industry.
    industry = try(jsondecode(item.properties).company.industry, null)
  }]
}

# Wait for a webset, then read its enriched items, in one apply: the search
# and the enrichment are created first (depends_on), and the read waits
# until the webset is idle, so every item carries the enrichment's result.
resource "exa_webset" "leads" {
  external_id = "leads-with-ceos"
}

resource "exa_webset_search" "leads" {
  webset_id    = exa_webset.leads.id
  query        = "Robotics startups in Berlin"
  target_count = 20
}

resource "exa_webset_enrichment" "ceo" {
  webset_id   = exa_webset.leads.id
  description = "Name of the CEO"
  format      = "text"
}

data "exa_webset_items" "leads" {
  webset_id     = exa_webset.leads.id
  wait_for_idle = true
  timeouts      = { read = "45m" }

  depends_on = [exa_webset_search.leads, exa_webset_enrichment.ceo]
}

output "ceos" {
  value = { for item in data.exa_webset_items.leads.items : item.url => try(item.enrichments[0].result[0], null) }
}
