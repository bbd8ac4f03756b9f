# The searches of one webset.
list "exa_webset_search" "crm" {
  provider = exa
  config {
    webset_id = "crm-accounts" # its id, or its external_id
  }
}
