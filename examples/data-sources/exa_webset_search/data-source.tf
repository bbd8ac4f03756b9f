data "exa_webset" "crm" {
  external_id = "crm-accounts"
}

data "exa_webset_search" "first" {
  webset_id = data.exa_webset.crm.id
  id        = data.exa_webset.crm.search_ids[0]
}

output "first_search_status" {
  value = data.exa_webset_search.first.status
}
