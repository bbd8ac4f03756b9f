# Every import of the account.
list "exa_import" "all" {
  provider = exa
}
