resource "exa_webset" "leads" {
  external_id = "enrichment-example"
}

# Exa picks the format from the description.
resource "exa_webset_enrichment" "ceo_email" {
  webset_id   = exa_webset.leads.id
  description = "Email address of the CEO"
}

# A fixed set of answers.
resource "exa_webset_enrichment" "stage" {
  webset_id   = exa_webset.leads.id
  description = "Latest funding stage of the company"
  format      = "options"
  options     = ["Pre-seed", "Seed", "Series A", "Series B or later"]
}
