# Enrich your own list: a CSV of accounts becomes an import, a search scoped
# to the import finds those accounts (Exa makes webset items only through
# searches: an import alone is a staging pool), and an enrichment fills a
# column for every account the search found.
resource "exa_import" "accounts" {
  file   = "${path.module}/accounts.csv"
  title  = "Accounts to enrich"
  entity = { type = "company" }
  csv    = { identifier = 0 } # the url column

  wait_for_completion = true
}

resource "exa_webset" "accounts" {
  external_id = "accounts-enriched"
}

resource "exa_webset_search" "accounts" {
  webset_id    = exa_webset.accounts.id
  query        = "The companies of my accounts list"
  target_count = 100 # at most one result per record
  scope        = [{ source = "import", id = exa_import.accounts.id }]

  wait_for_completion = true
}

resource "exa_webset_enrichment" "ceo" {
  webset_id   = exa_webset.accounts.id
  description = "Name of the CEO"
  format      = "text"
}

data "exa_webset_items" "accounts" {
  webset_id = exa_webset.accounts.id
  source_id = exa_webset_search.accounts.id

  depends_on = [exa_webset_enrichment.ceo]
}

output "accounts" {
  value = [for item in data.exa_webset_items.accounts.items : item.url]
}
