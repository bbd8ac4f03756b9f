# The items of a webset as CSV (RFC 4180): a header row, then one row per
# item. Terraform 1.8 or later, OpenTofu 1.7 or later.
data "exa_webset_items" "crm" {
  webset_id = "crm-accounts" # its id, or its external_id
}

output "crm_csv" {
  value = provider::exa::items_csv(data.exa_webset_items.crm.items, ["name", "url", "created_at"])
}

# A column may also be an exa_webset_enrichment, headed by its title and
# holding each item's results of it; write the CSV to a file with
# hashicorp/local:
#
#   resource "local_file" "accounts" {
#     filename = "${path.module}/accounts.csv"
#     content  = provider::exa::items_csv(data.exa_webset_items.crm.items, ["name", "url", exa_webset_enrichment.ceo])
#   }
