# Every webset of the account (terraform query, Terraform 1.14 or later).
# `terraform query -generate-config-out=generated.tf` writes an import
# block and the configuration for each.
list "exa_webset" "all" {
  provider = exa
}
