#!/usr/bin/env bash
# Runs `swift test` (arguments pass through) and ends with one line: how many tests and suites were
# skipped, and why. swift-testing prints each skip with its reason ("➜ Test x() skipped: "…""), but
# its own last line counts only what ran. The exit status is swift test's.
# `scripts/test.sh --summary LOG` prints only that line for the output of an earlier run.
set -uo pipefail

# "➜ Suite ConformanceTests skipped: "reason"": one count per reason, the commonest first.
summary() {
    grep -E '^➜ (Test|Suite) .* skipped' "$1" | sed -E 's/^➜ (Test|Suite) .* skipped(: "(.*)")?$/\3/' | sort | uniq -c | sort -rn \
        | awk '{ count = $1; sub(/^ *[0-9]+ /, ""); total += count; line = line (line ? "; " : "") count " × " ($0 == "" ? "(no reason given)" : $0) }
               END { print total ? "xrayctl tests: " total " skipped (a suite counts once) — " line : "xrayctl tests: nothing skipped" }'
}

if [ "${1:-}" = "--summary" ]; then
    summary "$2"
    exit 0
fi
cd "$(dirname "$0")/.."
log=$(mktemp "${TMPDIR:-/tmp}/xrayctl-test.XXXXXX")
trap 'rm -f "$log"' EXIT
swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary "$log"
exit "$status"
