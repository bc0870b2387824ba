#!/usr/bin/env bash
# Builds, once per pinned version, what the real-engine suite needs and prints the directory
# that holds them:
#   <cache>/pulumi-v3.250.0/bin/pulumi                 the Pulumi CLI (tools/pulumi-cli)
#   <cache>/pulumi-yaml-v1.25.0/bin/pulumi-language-yaml  the YAML language host (tools/pulumi-yaml)
# The cache lives outside the checkout (E2E_CACHE, default ~/.cache/azure-mlops/e2e), so a fresh
# clone on a warm machine does not rebuild them. Cold, on 2 cores: CLI ≈4-7 min, YAML host ≈1-5 min.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/azure-mlops/e2e}
cli_ver=v3.250.0
yaml_ver=v1.25.0
mkdir -p "$cache"

build() { # <dir> <binary> <package> <ldflags> [env...]
	local dir=$1 bin=$2 pkg=$3 ldflags=$4; shift 4
	if [ -x "$dir/bin/$bin" ]; then return; fi
	echo "e2e: building $bin (first time only; a few minutes on 2 cores)..." >&2
	local start=$SECONDS
	env "$@" go build -ldflags "$ldflags" -o "$dir/bin/$bin.tmp" "$pkg"
	mv "$dir/bin/$bin.tmp" "$dir/bin/$bin"
	echo "e2e: built $bin in $((SECONDS - start)) s" >&2
}

(cd "$root/tools/pulumi-cli" && build "$cache/pulumi-$cli_ver" pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
	"-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$cli_ver")
# pulumi-yaml asks for pkg/sdk versions the checksum database does not list.
(cd "$root/tools/pulumi-yaml" && build "$cache/pulumi-yaml-$yaml_ver" pulumi-language-yaml github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
	"-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_ver" GONOSUMDB=github.com/pulumi GOFLAGS=-mod=mod)
echo "E2E_PULUMI_ROOT=$cache/pulumi-$cli_ver"
echo "E2E_YAML_BIN=$cache/pulumi-yaml-$yaml_ver/bin"
