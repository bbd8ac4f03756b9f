# Enrich your own list, with no search at all: a CSV of accounts becomes an
# import, the import is loaded into a webset, and an enrichment fills a
# column for every account.
resource "exa_import" "accounts" {
  file   = "${path.module}/accounts.csv"
  title  = "Accounts to enrich"
  entity = { type = "company" }
  csv    = { identifier = 0 } # the url column

  wait_for_completion = true
}

resource "exa_webset" "accounts" {
  external_id = "accounts-enriched"
  import      = [{ source = "import", id = exa_import.accounts.id }]
}

resource "exa_webset_enrichment" "ceo" {
  webset_id   = exa_webset.accounts.id
  description = "Name of the CEO"
  format      = "text"
}

data "exa_webset_items" "accounts" {
  webset_id = exa_webset.accounts.id

  depends_on = [exa_webset_enrichment.ceo]
}

output "accounts" {
  value = [for item in data.exa_webset_items.accounts.items : item.url]
}
