#!/usr/bin/env bash
# Plans every stack as the base branch (e.g. origin/main) would and appends, per stack, how
# the pull request's plan (<out>/plan-<stack>.json from plan.sh) differs from it to
# <out>/diff-summary.md. The base is built in a throwaway git worktree.
# Usage: .ci/delivery/diff-base.sh <base-ref> [out-dir]
set -euo pipefail
base=${1:?usage: diff-base.sh <base-ref> [out-dir]}
out=$(cd "${2:-out}" && pwd)
bin=$(cd "$(dirname "${AZURE_MLOPS:-bin/azure-mlops}")" && pwd)/$(basename "${AZURE_MLOPS:-bin/azure-mlops}")
tree=$(mktemp -d)
cleanup() { git worktree remove --force "$tree" >/dev/null 2>&1 || true; }
trap cleanup EXIT
git worktree add --detach "$tree" "$base" >/dev/null
(cd "$tree" && go build -o "$out/base-azure-mlops" ./cmd/azure-mlops)
summary="$out/diff-summary.md"
echo "### Plan diff against $base" >"$summary"
for head in "$out"/plan-*.json; do
  stack=$(basename "$head" .json)
  stack=${stack#plan-}
  echo >>"$summary"
  echo "#### $stack" >>"$summary"
  if ! (cd "$tree" && "$out/base-azure-mlops" plan --stack "$stack" --format json >"$out/base-$stack.json" 2>/dev/null) && [ ! -s "$out/base-$stack.json" ]; then
    echo "New stack (or invalid on $base): no base plan." >>"$summary"
    continue
  fi
  {
    echo '```'
    "$bin" diff "$out/base-$stack.json" "$head"
    echo '```'
  } >>"$summary"
done
