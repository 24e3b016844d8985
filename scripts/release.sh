#!/usr/bin/env bash
# Builds a release binary that needs no Swift runtime on the target machine, strips it, and writes
# dist/xrayctl-VERSION-PLATFORM.tar.gz with its SHA-256 beside it. Checks: no libswift* in ldd's
# answer, no library outside the README's list among those it loads, and it answers --version.
set -euo pipefail
cd "$(dirname "$0")/.."
# Foundation's networking links against the system's libcurl (not a Swift library). Without the
# -dev package there is no libcurl.so to link with: point the linker at the runtime library.
linker=()
if [ "$(uname -s)" = Linux ]; then
  curl=$(ldconfig -p | awk '/libcurl\.so\.4 / && /x86-64|aarch64|AArch64/ {print $NF; exit}')
  curl=${curl:-$(ls /usr/lib/*-linux-gnu/libcurl.so.4 2>/dev/null | head -1)}
  mkdir -p .build-release/linklibs
  ln -sf "$curl" .build-release/linklibs/libcurl.so
  linker=(-Xlinker -L"$PWD/.build-release/linklibs")
fi
swift build -c release --product xrayctl --static-swift-stdlib --scratch-path .build-release "${linker[@]}"
binary=.build-release/release/xrayctl
strip "$binary"
if ldd "$binary" | grep -q 'libswift'; then
  echo "release: the binary still needs a Swift runtime library:" >&2
  ldd "$binary" >&2
  exit 1
fi
# What the binary loads itself (its NEEDED entries; ldd adds what those load in turn): the C and C++
# runtimes, libcurl (Foundation's networking) and libxml2 (Foundation's XML), and nothing else. The
# README lists the same libraries; a test compares the two lists.
allowed="libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 libcurl.so.4 libxml2.so.2 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1"
if command -v readelf > /dev/null; then
  needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  for library in $needed; do
    case " $allowed " in
      *" $library "*) ;;
      *) echo "release: the binary needs $library, which is not in the list the README gives" >&2; exit 1 ;;
    esac
  done
  echo "needs: $(echo $needed)"
fi
version=$("$binary" --version)
echo "$version"
number=$(echo "$version" | awk '{print $2}')
name="xrayctl-${number}-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
mkdir -p dist
tar -czf "dist/${name}.tar.gz" -C "$(dirname "$binary")" xrayctl
(cd dist && sha256sum "${name}.tar.gz" > "${name}.tar.gz.sha256")
echo "dist/${name}.tar.gz ($(du -h "$binary" | cut -f1) binary)"
