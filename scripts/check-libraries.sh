#!/usr/bin/env bash
# Checks the libraries a binary loads itself (its NEEDED entries; ldd would add what those load in
# turn): the C and C++ runtimes and the dynamic loader, and nothing else. libcurl and libxml2 are not
# among them: doctor and audit open them with dlopen when they need them (Sources/CCurl, CLibXML).
# The README lists the same libraries; a test compares the lists.
#
# Usage: scripts/check-libraries.sh BINARY [--swift-runtime]
#   --swift-runtime  also allows the Swift toolchain's own libraries (a debug build links them
#                    dynamically; the release binary has them linked in, see scripts/release.sh).
# CI checks the debug binary this way, so that a new system library is caught on every change; the
# release binary is checked by scripts/release.sh.
set -euo pipefail
binary=$1
runtime=""
if [ "${2:-}" = "--swift-runtime" ]; then
  swiftc=$(command -v swiftc)
  runtime=$(cd "$(dirname "$(readlink -f "$swiftc")")/../lib/swift/linux" && ls -- *.so)
fi
allowed="libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1"
if ! command -v readelf > /dev/null; then
  echo "check-libraries: readelf is missing (binutils); the libraries were not checked" >&2
  exit 1
fi
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for library in $needed; do
  case " $allowed $(echo $runtime) " in
    *" $library "*) ;;
    *) echo "check-libraries: $binary needs $library, which is not in the list the README gives" >&2; exit 1 ;;
  esac
done
echo "needs: $(echo $needed)"
