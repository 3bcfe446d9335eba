#!/usr/bin/env bash
# tests/peers/bssl.sh: print the path of BoringSSL's `bssl` tool, building it first if needed.
# The test peer for ECH and X25519MLKEM768 (tests/c/run.sh, the bindings' ECH tests).
# Source: $VENDOR/boringssl-a0689af.tar.gz (VENDOR defaults to /work/shared/vendor; BSSL_TGZ
# overrides the whole path). The build is cached outside the checkout, keyed by the tarball's
# sha256: ${XDG_CACHE_HOME:-$HOME/.cache}/ferrossl/bssl-<sha256>/bssl (BSSL_CACHE overrides the
# parent directory). An absent or incomplete cache entry is rebuilt in a temporary directory
# beside it and renamed into place, so a killed build never leaves a half entry; concurrent
# callers serialise on a lock file. Needs cmake, ninja-build, g++ (tests/deps.sh). Build log
# goes to stderr only on failure. No stdin is read. Exit 0 and the path on stdout, or 1.
set -euo pipefail
VENDOR=${VENDOR:-/work/shared/vendor}
TGZ=${BSSL_TGZ:-$VENDOR/boringssl-a0689af.tar.gz}
CACHE=${BSSL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ferrossl}
die() { echo "bssl.sh: $*" >&2; exit 1; }
[ -f "$TGZ" ] || die "$TGZ is missing (set VENDOR or BSSL_TGZ)"
hash=$(sha256sum "$TGZ" | cut -c1-64)
dest=$CACHE/bssl-$hash
# Complete = the binary exists, runs, and the stamp written last is there.
complete() { [ -f "$dest/.complete" ] && [ -x "$dest/bssl" ]; }
if complete; then echo "$dest/bssl"; exit 0; fi
for t in cmake ninja g++ tar; do
  command -v "$t" >/dev/null || die "$t not found (run tests/deps.sh)"
done
mkdir -p "$CACHE"
exec 9>"$CACHE/bssl-$hash.lock"
flock 9
if complete; then echo "$dest/bssl"; exit 0; fi
tmp=$(mktemp -d "$CACHE/.bssl-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log=$tmp/build.log
{
  tar -xzf "$TGZ" -C "$tmp" &&
  cmake -S "$tmp/boringssl" -B "$tmp/build" -GNinja -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF &&
  ninja -C "$tmp/build" bssl
} </dev/null >"$log" 2>&1 || { tail -40 "$log" >&2; die "build failed (log above)"; }
mkdir -p "$tmp/out"
cp "$tmp/build/bssl" "$tmp/out/bssl"
"$tmp/out/bssl" ciphers ALL </dev/null >/dev/null 2>&1 || die "the bssl built does not run"
touch "$tmp/out/.complete"
rm -rf "$dest"
mv -T "$tmp/out" "$dest"
echo "$dest/bssl"
