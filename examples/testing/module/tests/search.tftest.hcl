# Run against the mock: EXA_BASE_URL points the provider at it, and
# EXA_API_KEY is the key the mock accepts (see the guide).

run "starts_the_search" {
  command = apply

  assert {
    condition     = exa_webset_search.this.webset_id == exa_webset.this.id
    error_message = "The search must belong to the module's webset."
  }

  assert {
    condition     = exa_webset_search.this.target_count == 5
    error_message = "The default target_count is 5."
  }

  assert {
    condition     = contains(["created", "running", "completed"], output.search_status)
    error_message = "The search should be under way, or done."
  }
}

run "refuses_an_oversized_search" {
  command = plan

  variables {
    target_count = 1000
  }

  expect_failures = [var.target_count]
}
