#!/usr/bin/env bash
# Builds a release binary that needs no Swift runtime on the target machine, strips it, and writes
# dist/xrayctl-VERSION-PLATFORM.tar.gz with its SHA-256 beside it. Checks: no libswift* in ldd's
# answer, no library outside the README's list among those it loads, and it answers --version.
set -euo pipefail
cd "$(dirname "$0")/.."
# libcurl and libxml2 are not linked (doctor and audit open them when they need them), so the
# build needs neither their -dev packages nor a linker path to them.
swift build -c release --product xrayctl --static-swift-stdlib --scratch-path .build-release
binary=.build-release/release/xrayctl
strip "$binary"
if ldd "$binary" | grep -q 'libswift'; then
  echo "release: the binary still needs a Swift runtime library:" >&2
  ldd "$binary" >&2
  exit 1
fi
# What the binary loads itself: the system's C and C++ runtimes and the loader only.
bash scripts/check-libraries.sh "$binary"
version=$("$binary" --version)
echo "$version"
number=$(echo "$version" | awk '{print $2}')
name="xrayctl-${number}-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
mkdir -p dist
tar -czf "dist/${name}.tar.gz" -C "$(dirname "$binary")" xrayctl
(cd dist && sha256sum "${name}.tar.gz" > "${name}.tar.gz.sha256")
echo "dist/${name}.tar.gz ($(du -h "$binary" | cut -f1) binary)"
