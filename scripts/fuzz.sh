#!/usr/bin/env bash
# A long fuzzing run: ITERATIONS mutated inputs per target (default 20000), from SEED (default
# the date). A crash stops the run with the backtrace; save the input that caused it under
# Tests/XRayKitTests/Fixtures/fuzz/ so the short run in `swift test` keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
export XRAYCTL_FUZZ_ITERATIONS="${1:-20000}"
export XRAYCTL_FUZZ_SEED="${2:-$(date +%Y%m%d)}"
echo "fuzzing: $XRAYCTL_FUZZ_ITERATIONS inputs per target, seed $XRAYCTL_FUZZ_SEED"
swift test --filter FuzzTests
