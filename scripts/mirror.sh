#!/usr/bin/env bash
# make mirror: the provider in a filesystem mirror, for `terraform init` and
# `tofu init` before it is on a registry, under both registries' host names
# (OpenTofu resolves exa-community/exa to registry.opentofu.org, Terraform
# to registry.terraform.io).
#
# A mirror holds one build per version. `init` records the build's checksum
# in .terraform.lock.hcl, and a different build under the same version then
# fails every init with a checksum mismatch that `init -upgrade` does not
# mend. So a build that differs from the one already mirrored under its
# version is refused, with what to do. (Builds are reproducible: the same
# source gives the same binary, which is mirrored again without a word.)
#
#   scripts/mirror.sh DIR VERSION GOOS_GOARCH
set -euo pipefail
dir=$1 version=$2 target=$3
for host in registry.terraform.io registry.opentofu.org; do
  out="$dir/$host/exa-community/exa/$version/$target/terraform-provider-exa_v$version"
  mkdir -p "$(dirname "$out")"
  go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$out.new" .
  if [[ -e $out ]] && ! cmp -s "$out" "$out.new"; then
    rm -f "$out.new"
    cat >&2 <<MSG
make mirror: $dir already holds another build of version $version.
A configuration whose .terraform.lock.hcl recorded that build would refuse
this one (a checksum mismatch that init -upgrade does not mend). Either:
  - mirror this build under a new version: make mirror MIRROR_VERSION=<a higher version>,
    then run init -upgrade in each configuration; or
  - if no lock file recorded the old build: rm -r $dir/*/exa-community/exa/$version,
    make mirror again, and delete the exa-community/exa entry of any lock file.
MSG
    exit 1
  fi
  mv -f "$out.new" "$out"
done
echo "provider $version mirrored under $dir"
