# The last 20 completed searches of the account.
data "exa_events" "completed_searches" {
  types = ["webset.search.completed"]
  limit = 20
}

output "completed_search_ids" {
  value = [for e in data.exa_events.completed_searches.events : jsondecode(e.data).id]
}
