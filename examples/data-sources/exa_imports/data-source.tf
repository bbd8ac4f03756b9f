# Every import of the account.
data "exa_imports" "all" {}

output "completed_imports" {
  value = [for i in data.exa_imports.all.imports : i.id if i.status == "completed"]
}
