#!/usr/bin/env bash
# Builds a Terraform release newer than 1.5.7 from its Go module, for the
# acceptance tests only: make terraform-latest runs it.
#
# Terraform after 1.5.7 is under the BUSL. Running the CLI to test this
# provider is the use every provider's CI makes of it; this script builds it
# into ./bin for that and nothing else, and no Terraform binary is shipped.
#
# The module's go.mod replaces ten nested modules with folders that the
# module zip leaves out: nine cloud state backends and internal/legacy
# (imported by tests only). This drops those require and replace lines from
# a copy of the module, and the nine backends from internal/backend/init,
# which leaves the local backend, the one the tests use.
set -euo pipefail
version=$1 out=$2
src=$(GOFLAGS=-modcacherw go mod download -json "github.com/hashicorp/terraform@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
test -n "$src"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work"
chmod -R u+w "$work"
cd "$work"
nested='internal/backend/remote-state/(azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci)|internal/legacy'
grep -Ev "github.com/hashicorp/terraform/($nested)( |$)" go.mod > go.mod.new && mv go.mod.new go.mod
grep -Ev "remote-state/(azure|consul|cos|gcs|kubernetes|oss|pg|s3|oci)\"|backend(Azure|Consul|Cos|GCS|Kubernetes|OSS|Pg|S3|OCI)\.New" \
  internal/backend/init/init.go > init.go.new && mv init.go.new internal/backend/init/init.go
GOFLAGS=-modcacherw go build -trimpath -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out" .
"$out" version
