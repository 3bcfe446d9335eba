#!/usr/bin/env bash
# tests/demo.sh (make demo): a throwaway CA, build/tls-server on a free port of 127.0.0.1,
# one page fetched with build/https-client verified against that CA, then the server is
# stopped. Both programs are the C examples built against include/ferrossl.h.
set -euo pipefail
cd "$(dirname "$0")/.."
D=build/demo
BIN=${DEMO_BIN:-build} # DEMO_BIN=build/openssl: the same demo on OpenSSL (make examples-openssl)
# Every step runs or the demo fails saying why: nothing is skipped silently.
fail() { echo "demo: FAILED: $*" >&2; exit 1; }
for p in $BIN/tls-server $BIN/https-client $BIN/bio-callbacks; do
  [ -x "$p" ] || fail "$p is missing: run 'make' first"
done
# The Lisp half drives ferrossl's own binding, so it runs only on the ferrossl build.
LISP=0
if [ "$BIN" = build ]; then
  LISP=1
  command -v sbcl > /dev/null ||
    fail "sbcl is not installed (the Lisp half needs sbcl, cl-plus-ssl and cl-drakma: run 'make deps')"
fi
rm -rf "$D"
tests/certs/gen.sh "$D" > /dev/null || fail "tests/certs/gen.sh could not make the throwaway PKI"
echo "== throwaway PKI in $D (CA: $D/ca.pem)"

$BIN/tls-server 0 "$D/server-ecdsa.chain.pem" "$D/server-ecdsa.key" --alpn http/1.1 --count 2 > "$D/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^listening on' "$D/server.log" && break; sleep 0.1; done
PORT=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$D/server.log")
[ -n "$PORT" ] || { cat "$D/server.log" >&2; fail "$BIN/tls-server did not start (its log is above)"; }
echo "== $BIN/tls-server listening on 127.0.0.1:$PORT (ECDSA P-256 certificate)"

echo "== $BIN/https-client localhost $PORT $D/ca.pem --alpn h2,http/1.1"
$BIN/https-client localhost "$PORT" "$D/ca.pem" --alpn h2,http/1.1 || fail "$BIN/https-client failed"

if [ "$LISP" = 1 ]; then
  echo "== the same server, from Common Lisp: drakma on unmodified cl+ssl on ferrossl (sbcl)"
  sbcl --script tests/demo.lisp "$PORT" "$D/ca.pem" ||
    fail "the Lisp half (sbcl tests/demo.lisp) failed: are cl-plus-ssl and cl-drakma installed? ('make deps')"
else
  echo "== (no Lisp half on $BIN: it drives ferrossl's own Common Lisp binding)"
  kill "$SERVER" 2>/dev/null || true
fi
wait "$SERVER" 2>/dev/null || true
echo "== server log"
cat "$D/server.log"

echo "== $BIN/bio-callbacks (client and server in one process, user-defined BIOs)"
$BIN/bio-callbacks "$D/server-ecdsa.pem" "$D/server-ecdsa.key" "$D/ca.pem" || fail "$BIN/bio-callbacks failed"

echo "== demo done"
