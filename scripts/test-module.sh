#!/usr/bin/env bash
# Runs a module's tests (`tofu test` or `terraform test`) against examock,
# the bundled mock of the Websets API, with the provider built from a
# checkout of its repository: what a CI job does before the provider is on
# a registry. The guide "Testing your configuration without an Exa account"
# runs it, and so does the provider's own suite
# (TestAccTestingGuide_ciJobBeforeTheFirstRelease).
#
#   scripts/test-module.sh PROVIDER_CHECKOUT MODULE_DIR [ENGINE]
#
# ENGINE is tofu (default) or terraform (1.6 or later), or a path to one.
# It needs Go, make and the engine; nothing is downloaded but Go modules.
set -euo pipefail
provider=$(cd "$1" && pwd)
module=$(cd "$2" && pwd)
engine=${3:-tofu}

work=$(mktemp -d)
mock_pid=
cleanup() {
  [[ -n $mock_pid ]] && kill "$mock_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The provider, in a filesystem mirror; the mock, built from the same checkout.
make -C "$provider" --no-print-directory mirror MIRROR_DIR="$work/plugins"
(cd "$provider" && go build -o "$work/examock" ./cmd/examock)

# 2. A CLI configuration that takes exa-community/exa from the mirror only.
cat >"$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/plugins"
    include = ["registry.terraform.io/exa-community/exa", "registry.opentofu.org/exa-community/exa"]
  }
  direct {
    exclude = ["registry.terraform.io/exa-community/exa", "registry.opentofu.org/exa-community/exa"]
  }
}
RC

# 3. The mock, on a free loopback port.
"$work/examock" -addr 127.0.0.1:0 -url-file "$work/url" -lifecycle immediate >"$work/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
[[ -s $work/url ]] || { cat "$work/mock.log" >&2; echo "examock did not start" >&2; exit 1; }

# 4. The module's tests, against the mock.
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" EXA_BASE_URL="$(cat "$work/url")" EXA_API_KEY=mock-api-key
cd "$module"
"$engine" init -input=false
"$engine" test
