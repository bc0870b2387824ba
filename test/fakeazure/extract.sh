#!/usr/bin/env bash
# Regenerates schema/schema.json: the input schema of every azure-native resource type in
# tokens.txt, from the TypeScript declarations of the npm package @pulumi/azure-native at the
# version the platform pins (the same source pkg/azureml's bindings are checked against).
# Run when the pinned version or tokens.txt changes:
#   test/fakeazure/extract.sh
set -euo pipefail
ver=2.92.3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -n "${AZURE_NATIVE_TGZ:-}" ]; then cp "$AZURE_NATIVE_TGZ" "$work/"; else (cd "$work" && npm pack --silent "@pulumi/azure-native@$ver" >/dev/null); fi
(cd "$work" && tar xzf "pulumi-azure-native-$ver.tgz")
cd "$here/../.."
go run ./test/fakeazure/gen --npm "$work/package" --tokens test/fakeazure/tokens.txt --version "$ver" > test/fakeazure/schema/schema.json
