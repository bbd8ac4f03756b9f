# Upload your CRM accounts, then keep searches away from companies you know.
resource "exa_import" "crm" {
  file   = "${path.module}/accounts.csv"
  entity = { type = "company" }
  title  = "CRM accounts"
  csv    = { identifier = 0 } # the url column

  wait_for_completion = true
}

resource "exa_webset" "prospects" {
  external_id = "import-example"
}

resource "exa_webset_search" "new_prospects" {
  webset_id    = exa_webset.prospects.id
  query        = "Robotics companies in Europe"
  target_count = 20
  exclude      = [{ source = "import", id = exa_import.crm.id }]
}
