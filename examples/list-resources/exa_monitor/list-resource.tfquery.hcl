# The monitors of one webset; without config, every monitor of the account.
list "exa_monitor" "crm" {
  provider = exa
  config {
    webset_id = "crm-accounts"
  }
}
