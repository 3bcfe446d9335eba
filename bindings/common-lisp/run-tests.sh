#!/usr/bin/env bash
# bindings/common-lisp/run-tests.sh [both|ferrossl|openssl]
#
# cl+ssl, drakma and hunchentoot (Debian's, unmodified) on ferrossl, each scenario file
# run in its own `sbcl --non-interactive` process, and the same files on the system
# OpenSSL as the reference (default: both). Peers are `openssl s_server -www`,
# ferrossl's build/tls-server and curl, all on 127.0.0.1 with a throwaway PKI
# (tests/certs/gen.sh). Every check prints `ok`/`FAIL`; the last line is
# `N passed, N failed`; exit status is non-zero if anything failed.
#
#   ONLY=https bindings/common-lisp/run-tests.sh ferrossl   # one scenario file
#   FERROSSL_LIBRARY=/path/libferrossl.so ...               # another build
#   BENCH_N=300 bindings/common-lisp/run-tests.sh bench     # requests/s, ferrossl vs OpenSSL
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
B=$HERE/build
C=$B/certs
MODE=${1:-both}
ONLY=${ONLY:-}
SBCL_TIMEOUT=${SBCL_TIMEOUT:-600}
case $MODE in both|bench) BACKENDS="ferrossl openssl" ;; ferrossl|openssl) BACKENDS=$MODE ;;
  *) echo "usage: $0 [both|ferrossl|openssl|bench]" >&2; exit 2 ;; esac
mkdir -p "$B/logs"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done; }
trap cleanup EXIT
passed=0; failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

command -v sbcl > /dev/null || { fail "setup: sbcl is not installed"; echo "$passed passed, $failed failed"; exit 1; }
if [ -z "${FERROSSL_LIBRARY:-}" ] && [ ! -f "$ROOT/target/release/libferrossl.so" ]; then
  (cd "$ROOT" && cargo build --release) || { fail "setup: cargo build --release"; echo "$passed passed, $failed failed"; exit 1; }
fi
LIB=${FERROSSL_LIBRARY:-$ROOT/target/release/libferrossl.so}
# ferrossl's example server: the Makefile's build/tls-server, else our own build of
# examples-c/tls-server.c against the library under test (never a cargo build from here)
TLS_SERVER=$ROOT/build/tls-server
if [ ! -x "$TLS_SERVER" ] || [ -n "${FERROSSL_LIBRARY:-}" ]; then
  TLS_SERVER=$B/tls-server
  if [ ! -x "$TLS_SERVER" ] || [ "$ROOT/examples-c/tls-server.c" -nt "$TLS_SERVER" ] || [ "$LIB" -nt "$TLS_SERVER" ]; then
    cc -O2 -I "$ROOT/include" -I "$ROOT/examples-c" -o "$TLS_SERVER" "$ROOT/examples-c/tls-server.c" \
      "$LIB" -Wl,-rpath,"$(dirname "$LIB")" > "$B/logs/cc-tls-server.log" 2>&1 || rm -f "$TLS_SERVER"
  fi
fi

# throwaway PKI (regenerated when gen.sh changes)
if [ ! -f "$C/ca.pem" ] || [ "$ROOT/tests/certs/gen.sh" -nt "$C/ca.pem" ]; then
  rm -rf "$C"; "$ROOT/tests/certs/gen.sh" "$C" > "$B/logs/gen.log" 2>&1 || { fail "setup: tests/certs/gen.sh"; cat "$B/logs/gen.log"; echo "$passed passed, $failed failed"; exit 1; }
fi

wait_line() { # wait_line FILE REGEX -> prints the first match (5 s max)
  for _ in $(seq 50); do grep -m1 -E "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1
}
s_server() { # s_server NAME CERT KEY [ARGS...] -> sets PORT
  local log=$B/logs/s_server-$1.log; shift
  OPENSSL_CONF=/dev/null openssl s_server -accept 127.0.0.1:0 -www -cert "$1" -key "$2" "${@:3}" > "$log" 2>&1 < /dev/null &
  PIDS+=($!)
  PORT=$(wait_line "$log" '^ACCEPT 127' | sed 's/^ACCEPT 127.0.0.1:\([0-9]*\).*/\1/')
  [ -n "$PORT" ] || { fail "setup: s_server did not start ($log)"; PORT=1; }
}
s_server main "$C/server-ecdsa.chain.pem" "$C/server-ecdsa.key" -alpn http/1.1; export SSERVER_PORT=$PORT
s_server untrusted "$C/untrusted.pem" "$C/untrusted.key"; export UNTRUSTED_PORT=$PORT
s_server selfsigned "$C/selfsigned.pem" "$C/selfsigned.key"; export SELFSIGNED_PORT=$PORT
s_server expired "$C/expired.pem" "$C/expired.key"; export EXPIRED_PORT=$PORT
s_server wronghost "$C/other.pem" "$C/other.key"; export WRONGHOST_PORT=$PORT
export TLSSERVER_PORT=
if [ -x "$TLS_SERVER" ]; then
  "$TLS_SERVER" 0 "$C/server-ecdsa.chain.pem" "$C/server-ecdsa.key" --alpn h2,http/1.1 > "$B/logs/tls-server.log" 2>&1 < /dev/null &
  PIDS+=($!)
  TLSSERVER_PORT=$(wait_line "$B/logs/tls-server.log" '^listening on' | sed 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/')
  [ -n "$TLSSERVER_PORT" ] || fail "setup: build/tls-server did not start ($B/logs/tls-server.log)"
else
  echo "# build/tls-server not available: the ferrossl-side server is hunchentoot only"
fi
export FERROSSL_TEST_CERTS=$C
openssl x509 -in "$C/server-rsa.pem" -outform der -out "$C/server-rsa.der"
SERVER_SHA1=$(openssl x509 -in "$C/server-ecdsa.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
export SERVER_SHA1

run_lisp() { # run_lisp BACKEND FILE SYSTEMS...
  local be=$1 file=$2; shift 2
  local log=$B/logs/$file-$be${FERROSSL_TEST_LOAD_CASE:+-$FERROSSL_TEST_LOAD_CASE}.log sys=""
  for s in "$@"; do sys="$sys \"$s\""; done
  echo "# $be: $file"
  # separate fasl caches: cl+ssl compiled with and without :cl+ssl-foreign-libs-already-loaded
  FERROSSL_TEST_BACKEND=$be XDG_CACHE_HOME=$B/cache/$be \
    timeout -k 5 "$SBCL_TIMEOUT" sbcl --non-interactive --no-userinit \
      --load "$HERE/test/harness.lisp" --eval "(ferrossl-test:main \"$file\"$sys)" \
      > "$log" 2> "${log%.log}.stderr" < /dev/null
  local rc=$?
  grep -E '^(ok  |FAIL|#    )' "$log"
  local p f
  p=$(grep -c '^ok  ' "$log"); f=$(grep -c '^FAIL' "$log")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "$be $file: sbcl exited $rc without a failing check (timeout or crash), log $log"; tail -5 "${log%.log}.stderr"
  fi
}

if [ "$MODE" = bench ]; then # a measurement (BENCH_N requests), not part of the tests
  for be in $BACKENDS; do run_lisp "$be" bench drakma hunchentoot; grep -h '^BENCH' "$B/logs/bench-$be.log"; done
  echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit
fi

SCENARIOS=(
  "upstream"
  "https drakma"
  "hunchentoot drakma hunchentoot"
)
for be in $BACKENDS; do
  for sc in "${SCENARIOS[@]}"; do
    set -- $sc
    [ -z "$ONLY" ] || [ "$ONLY" = "$1" ] || continue
    run_lisp "$be" "$@"
  done
done

# ferrossl only: the binding's API and crypto functions, pure-tls-style freezing, and
# load-order errors
if [ "$MODE" != openssl ]; then
  [ -z "$ONLY" ] || [ "$ONLY" = api ] && run_lisp ferrossl api
  [ -z "$ONLY" ] || [ "$ONLY" = features ] && run_lisp ferrossl features usocket
  [ -z "$ONLY" ] || [ "$ONLY" = crypto ] && run_lisp ferrossl crypto
  if [ -z "$ONLY" ] || [ "$ONLY" = load-order ]; then
    FERROSSL_TEST_LOAD_CASE=openssl-first run_lisp ferrossl load-order :none
    FERROSSL_TEST_LOAD_CASE=bad-env FERROSSL_LIBRARY=/nonexistent/libferrossl.so run_lisp ferrossl load-order :none
    FERROSSL_TEST_LOAD_CASE=config run_lisp ferrossl load-order :none
  fi
  [ -z "$ONLY" ] || [ "$ONLY" = readme ] && run_lisp ferrossl readme :none
  # ECH against BoringSSL's bssl (tests/peers/bssl.sh builds it once, outside the checkout)
  if [ -z "$ONLY" ] || [ "$ONLY" = ech ]; then
    BSSL=${FERROSSL_BSSL:-$("$ROOT/tests/peers/bssl.sh" </dev/null 2>"$B/logs/bssl-build.log")}
    E=$B/ech
    rm -rf "$E"; mkdir -p "$E"
    if [ -x "$BSSL" ] && "$BSSL" generate-ech -out-ech-config-list "$E/a.list" -out-ech-config "$E/a.cfg" \
           -out-private-key "$E/a.key" -public-name public.example -config-id 1 &&
       "$BSSL" generate-ech -out-ech-config-list "$E/b.list" -out-ech-config "$E/b.cfg" \
           -out-private-key "$E/b.key" -public-name public.example -config-id 2; then
      ECH_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
      "$BSSL" server -accept "$ECH_PORT" -cert "$C/ech.pem" -key "$C/ech.key" -ech-config "$E/a.cfg" \
        -ech-key "$E/a.key" -loop -www > "$B/logs/bssl-server.log" 2>&1 < /dev/null &
      PIDS+=($!)
      for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$ECH_PORT") 2>/dev/null && break; sleep 0.1; done
      ECH_PORT=$ECH_PORT ECH_LIST=$E/a.list ECH_LIST_OTHER=$E/b.list run_lisp ferrossl ech drakma
    else
      fail "setup: no bssl for the ECH scenarios (tests/peers/bssl.sh, $B/logs/bssl-build.log)"
    fi
  fi
fi

# the upstream suites must give the same verdicts on both libraries
if [ "$MODE" = both ] && { [ -z "$ONLY" ] || [ "$ONLY" = upstream ]; }; then
  a=$(grep -E '^(ok  |FAIL) ferrossl upstream' "$B/logs/upstream-ferrossl.log" | sed 's/ ferrossl / /; s/:.*//')
  o=$(grep -E '^(ok  |FAIL) openssl upstream' "$B/logs/upstream-openssl.log" | sed 's/ openssl / /; s/:.*//')
  if [ -n "$a" ] && [ "$a" = "$o" ]; then echo "ok   upstream suites: same verdicts on ferrossl and OpenSSL"; passed=$((passed + 1))
  else fail "upstream suites differ between ferrossl and OpenSSL"; diff <(echo "$a") <(echo "$o"); fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
