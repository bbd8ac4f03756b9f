# How Exa reads a query, before a search is paid for.
data "exa_webset_preview" "robotics" {
  query = "Seed-stage robotics startups in Europe, with their CEO's email"
}

output "criteria" {
  value = data.exa_webset_preview.robotics.criteria
}

output "suggested_columns" {
  value = [for e in data.exa_webset_preview.robotics.enrichments : "${e.description} (${e.format})"]
}
