#!/usr/bin/env bash
# Plans every stack offline with its policy verdicts (azure-mlops plan --format json) and
# writes <out>/plan-<stack>.json plus a Markdown table <out>/plan-summary.md.
# Exit status: 0 when every stack planned without a mandatory violation; 1 when any stack has
# one (or an Azure Policy denial); 2 when a stack's configuration is invalid.
# Usage: .ci/delivery/plan.sh [out-dir]    (AZURE_MLOPS: the CLI binary, default bin/azure-mlops)
set -euo pipefail
out=${1:-out}
bin=${AZURE_MLOPS:-bin/azure-mlops}
mkdir -p "$out"
summary="$out/plan-summary.md"
{
  echo "### Offline plan and policy verdicts"
  echo
  echo "| stack | resources | mandatory violations | advisory | Azure Policy denials | exit |"
  echo "|---|---|---|---|---|---|"
} >"$summary"
worst=0
for stack in $("$bin" stacks); do
  rc=0
  "$bin" plan --stack "$stack" --format json >"$out/plan-$stack.json" 2>"$out/plan-$stack.err" || rc=$?
  if [ "$rc" -eq 2 ]; then
    echo "| $stack | - | - | - | - | 2 (invalid: $(head -n1 "$out/plan-$stack.err")) |" >>"$summary"
  else
    jq -r --arg s "$stack" --arg rc "$rc" '
      [ $s,
        (.summary.resources | tostring),
        ([.policy.violations[] | select(.enforcement == "mandatory")] | length | tostring),
        ([.policy.violations[] | select(.enforcement != "mandatory")] | length | tostring),
        ([(.azurePolicy.verdicts // [])[] | select(.action == "deny")] | length | tostring),
        $rc ] | "| " + join(" | ") + " |"' "$out/plan-$stack.json" >>"$summary"
    jq -r '.policy.violations[] | select(.enforcement == "mandatory") | "- **\(.policy)**: \(.message)"' \
      "$out/plan-$stack.json" >>"$out/plan-$stack-violations.md"
  fi
  if [ "$rc" -gt "$worst" ]; then worst=$rc; fi
done
for f in "$out"/plan-*-violations.md; do
  [ -s "$f" ] || continue
  { echo; echo "#### Mandatory violations: $(basename "$f" -violations.md)"; cat "$f"; } >>"$summary"
done
exit "$worst"
