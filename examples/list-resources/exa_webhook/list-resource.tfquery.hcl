# Every webhook of the account.
list "exa_webhook" "all" {
  provider = exa
}
