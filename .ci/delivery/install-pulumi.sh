#!/usr/bin/env bash
# Installs the pinned Pulumi CLI into $HOME/.pulumi/bin (Azure Pipelines; GitHub Actions uses
# pulumi/actions with the same version). Usage: .ci/delivery/install-pulumi.sh <version>
set -euo pipefail
version=${1:?usage: install-pulumi.sh <version, e.g. 3.250.0>}
curl -fsSL https://get.pulumi.com | sh -s -- --version "$version"
"$HOME/.pulumi/bin/pulumi" version
