terraform {
  required_providers {
    exa = {
      source = "exa-community/exa"
    }
  }
}

# The API key comes from EXA_API_KEY. Never write it into a .tf file.
provider "exa" {
  # The most results one plan may start (or EXA_MAX_PLANNED_RESULTS): a plan
  # over it fails before anything is sent. Unset means no cap.
  max_planned_results = 1000

  # base_url            = "https://api.exa.ai" # or EXA_BASE_URL, e.g. the mock server
  # max_retries         = 5
  # requests_per_second = 10
}
