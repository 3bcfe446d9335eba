#!/usr/bin/env bash
# bindings/common-lisp/run-upstream.sh [both|ferrossl|ferrossl-asdf|openssl]
#
# Upstream cl+ssl (the vendored master, what Quicklisp users get) and its own test system
# cl+ssl.test, unmodified, on ferrossl and on the system OpenSSL as the reference
# (default: both). The sources are unpacked from /work/shared/vendor (UPSTREAM_VENDOR) into
# build/upstream/, never into the repository; cl+ssl is pointed at the library with
# cl+ssl/config:define-libssl-path / define-libcrypto-path; its other dependencies are
# Debian's cl-* packages. Backend ferrossl-asdf loads the same cl+ssl through this
# checkout's (asdf:load-system "ferrossl") instead. Each run first checks /proc/self/maps
# (`load/maps`: ferrossl mapped and OpenSSL's libraries not, or the reverse). Every FiveAM test prints `ok`/`FAIL`/`skip` (the badssl-com
# and alpn suites need the internet: skipped); the last line is `N passed, N failed`.
# With both libraries the exit status is non-zero if ferrossl fails a test that OpenSSL
# passes (or a run breaks); with one, if any test fails.
#
#   FERROSSL_LIBRARY=/path/libferrossl.so ...     # another build
#   OPENSSL_LIBDIR=/opt/openssl/lib ...           # another reference OpenSSL
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
B=$HERE/build/upstream
VENDOR=${UPSTREAM_VENDOR:-/work/shared/vendor}
CLSSL_TGZ=$VENDOR/cl-plus-ssl-e9de2ca.tar.gz
TSOCK_TGZ=$VENDOR/trivial-sockets-b848a46.tar.gz
MODE=${1:-both}
SBCL_TIMEOUT=${SBCL_TIMEOUT:-300}
case $MODE in both) BACKENDS="ferrossl ferrossl-asdf openssl" ;; ferrossl|ferrossl-asdf|openssl) BACKENDS=$MODE ;;
  *) echo "usage: $0 [both|ferrossl|ferrossl-asdf|openssl]" >&2; exit 2 ;; esac
passed=0; failed=0; broken=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); broken=$((broken + 1)); }
finish() { echo "$passed passed, $failed failed"; exit "$1"; }

command -v sbcl > /dev/null || { fail "setup: sbcl is not installed"; finish 1; }
for f in "$CLSSL_TGZ" "$TSOCK_TGZ"; do
  [ -f "$f" ] || { fail "setup: $f is missing (UPSTREAM_VENDOR)"; finish 1; }
done
mkdir -p "$B/logs"

# the vendored sources, unpacked afresh when a tarball changes
src=$B/src
if [ ! -f "$src/.unpacked" ] || [ "$CLSSL_TGZ" -nt "$src/.unpacked" ] || [ "$TSOCK_TGZ" -nt "$src/.unpacked" ]; then
  rm -rf "$src" "$B/cache"; mkdir -p "$src/stub"
  tar -xzf "$CLSSL_TGZ" -C "$src" && tar -xzf "$TSOCK_TGZ" -C "$src" ||
    { fail "setup: could not unpack the vendored sources"; finish 1; }
  # cl+ssl.test depends on cl-coveralls under SBCL only to upload coverage in upstream's CI
  echo '(defsystem "cl-coveralls" :description "empty stand-in for the test system")' > "$src/stub/cl-coveralls.asd"
  touch "$src/.unpacked"
fi

# the libraries: ferrossl as OpenSSL's two files (make compat) or the one .so for both
if [ -n "${FERROSSL_LIBRARY:-}" ]; then
  F_SSL=$FERROSSL_LIBRARY; F_CRYPTO=$FERROSSL_LIBRARY
elif [ -e "$ROOT/target/release/openssl-compat/libssl.so.3" ]; then
  F_SSL=$ROOT/target/release/openssl-compat/libssl.so.3; F_CRYPTO=$ROOT/target/release/openssl-compat/libcrypto.so.3
else
  F_SSL=$ROOT/target/release/libferrossl.so; F_CRYPTO=$F_SSL
fi
O_DIR=${OPENSSL_LIBDIR:-$(dirname "$(ldconfig -p 2>/dev/null | awk '$1 == "libssl.so.3" && /x86-64|AArch64/ { print $NF; exit }')")}
[ -f "$O_DIR/libssl.so.3" ] || O_DIR=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

run_backend() { # run_backend BACKEND LIBSSL LIBCRYPTO [LOAD]
  local be=$1 log=$B/logs/$1.log
  rm -f "$log" "${log%.log}.stderr"
  [ -f "$2" ] && [ -f "$3" ] || { fail "$be: library $2 / $3 not found"; return; }
  echo "# $be: $2"
  # fasls per backend: cl+ssl binds its foreign library when loaded
  UPSTREAM_SRC=$src UPSTREAM_BACKEND=$be UPSTREAM_LIBSSL=$2 UPSTREAM_LIBCRYPTO=$3 UPSTREAM_LOAD=${4:-config} \
    XDG_CACHE_HOME=$B/cache/$be \
    timeout -k 5 "$SBCL_TIMEOUT" sbcl --non-interactive --no-userinit \
      --load "$HERE/test/run-upstream.lisp" > "$log" 2> "${log%.log}.stderr" < /dev/null
  local rc=$?
  grep -E '^(ok  |FAIL|skip|# )' "$log"
  passed=$((passed + $(grep -c '^ok  ' "$log"))); failed=$((failed + $(grep -c '^FAIL' "$log")))
  # a test that never reported (crash or timeout) is a failure
  local t
  for t in $(sed -n 's/^PLAN //p' "$log"); do
    grep -F " $be $t:" "$log" | grep -qE "^(ok  |FAIL|skip)" || fail "$be $t: did not finish (sbcl exit $rc, log $log)"
  done
  if [ "$rc" -ne 0 ] || ! grep -q "^DONE $be" "$log"; then
    grep -q '^FAIL' "$log" || fail "$be: sbcl exited $rc before the end (log $log)"
    broken=$((broken + 1)); tail -5 "${log%.log}.stderr"
  fi
}

for be in $BACKENDS; do
  case $be in
    ferrossl) run_backend ferrossl "$F_SSL" "$F_CRYPTO" ;;
    # the one .so, as (asdf:load-system "ferrossl") finds it
    ferrossl-asdf) run_backend ferrossl-asdf "${FERROSSL_LIBRARY:-$ROOT/target/release/libferrossl.so}" "${FERROSSL_LIBRARY:-$ROOT/target/release/libferrossl.so}" asdf ;;
    openssl) run_backend openssl "$O_DIR/libssl.so.3" "$O_DIR/libcrypto.so.3" ;;
  esac
done

verdicts() { sed -nE "s/^(ok|FAIL|skip) +$1 ([^:]*):.*/\2 \1/p" "$B/logs/$1.log" 2> /dev/null | sort; }
if [ "$MODE" = both ]; then
  # ferrossl must pass every test OpenSSL passes; failing where OpenSSL fails too is
  # the environment's doing (reported above, not held against ferrossl)
  regressions=
  for be in ferrossl ferrossl-asdf; do
    r=$(join <(verdicts $be) <(verdicts openssl) | awk '$2 != "ok" && $3 == "ok" { print $1 }')
    better=$(join <(verdicts $be) <(verdicts openssl) | awk '$2 == "ok" && $3 == "FAIL" { print $1 }')
    for t in $r; do echo "# regression: $t passes on OpenSSL, not on $be"; done
    for t in $better; do echo "# $t passes on $be, not on OpenSSL"; done
    echo "# $be: $(verdicts $be | grep -c ' ok$') ok; OpenSSL: $(verdicts openssl | grep -c ' ok$') ok; $(echo "$r" | grep -c .) regressions"
    regressions="$regressions$r"
  done
  echo "$passed passed, $failed failed"
  [ "$broken" -eq 0 ] && [ -z "$regressions" ]; exit
fi
finish "$([ "$failed" -eq 0 ] && echo 0 || echo 1)"
