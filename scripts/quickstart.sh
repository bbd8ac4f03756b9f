#!/usr/bin/env bash
# Applies examples/quickstart against the bundled mock Websets server, prints
# the outputs, destroys it all and stops the mock. No Exa account needed.
#
#   scripts/quickstart.sh [terraform|tofu]      (make quickstart [ENGINE=tofu])
#
# It builds the provider and the mock into a temporary folder, points the
# engine at them with a dev_overrides CLI configuration in that folder
# (nothing is written to your home), and cleans up on exit, failure or Ctrl-C.
set -euo pipefail

engine=${1:-terraform}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin/$engine"
if [[ ! -x $bin ]]; then
  echo "quickstart: $bin is missing; run it through 'make quickstart', which builds it" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/exa-quickstart.XXXXXX")
mock_pid=""
cleanup() {
  local status=$?
  if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "quickstart: interrupted" >&2; exit 130' INT TERM

echo "==> building the provider and the mock server"
(cd "$root" && go build -o "$work/plugins/terraform-provider-exa" . && go build -o "$work/examock" ./cmd/examock)

echo "==> starting the mock server on a free loopback port"
key="quickstart-$RANDOM$RANDOM"
"$work/examock" -addr 127.0.0.1:0 -url-file "$work/url" -api-key "$key" -lifecycle reads:2 -page-size 2 >"$work/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do
  [[ -s $work/url ]] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log" >&2; exit 1; }
  sleep 0.05
done
url=$(cat "$work/url")
echo "    $url"

cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "exa-community/exa" = "$work/plugins"
  }
  direct {}
}
CFG
cp -R "$root/examples/quickstart" "$work/config"

export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export EXA_API_KEY="$key" EXA_BASE_URL="$url"
tf() { "$bin" -chdir="$work/config" "$@"; }

# run STEP ARGS...: runs the engine, shows the log only when it fails.
run() {
  local step=$1
  shift
  if ! tf "$@" -no-color >"$work/$step.log" 2>&1; then
    cat "$work/$step.log" >&2
    echo "quickstart: $engine $step failed" >&2
    exit 1
  fi
}

echo "==> $engine apply (one search is waited for; the mock completes it on its second read)"
run apply apply -auto-approve
grep -E '^exa_|^data\.exa_|^Apply complete' "$work/apply.log" | sed 's/^/    /'
echo "==> outputs"
tf output -no-color
echo "==> $engine destroy (cancels the search that still runs, then deletes the webset)"
run destroy destroy -auto-approve
grep -E '^exa_|^Destroy complete' "$work/destroy.log" | sed 's/^/    /'
echo "==> done: everything was applied against the mock and destroyed again"
