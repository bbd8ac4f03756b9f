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
