# Look a webset up by its external_id (or by id).
data "exa_webset" "crm" {
  external_id = "crm-accounts"
}

output "crm_search_progress" {
  value = { for s in data.exa_webset.crm.searches : s.id => s.progress.completion }
}
