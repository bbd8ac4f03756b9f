# Every webset of the account: for example, to find the ones made in the
# dashboard and adopt them with import blocks.
data "exa_websets" "all" {}

output "webset_ids_by_external_id" {
  value = { for w in data.exa_websets.all.websets : coalesce(w.external_id, w.id) => w.id }
}
