#!/usr/bin/env bash
# Writes docs/man/xrayctl.1 with swift-argument-parser's GenerateManual plugin (from the commands'
# own help). Run it after changing a command or flag; ManPageTests checks the page stays in step.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --disable-sandbox plugin generate-manual --configuration debug --date "${1:-$(date +%Y-%m-%d)}"
mkdir -p docs/man
cp .build/plugins/GenerateManual/outputs/xrayctl/xrayctl.1 docs/man/xrayctl.1
echo "wrote docs/man/xrayctl.1"
