#!/usr/bin/env bash
# tests/c/run.sh [ferrossl|openssl|preload]  -- ferrossl's C test suite.
#
#   ferrossl  (default) programs built against include/ferrossl.h, linked -lferrossl
#   openssl   the same programs built against OpenSSL 3's headers, linked -lssl -lcrypto
#             (the reference: every expectation in tests/c was checked against it)
#   preload   the OpenSSL-built programs run with LD_PRELOAD=target/release/libferrossl.so
#
# Every test program is built both ways when possible (the ferrossl way needs
# include/ferrossl.h and target/release/libferrossl.so); the chosen way is run.
# Peers are the openssl CLI (s_server / s_client) and curl on 127.0.0.1, never preloaded.
#
# Environment: VALGRIND=1 runs our programs under valgrind (definite leaks fail);
#   SANITIZE=1 builds with ASan+UBSan (not with VALGRIND or preload); JOBS=N runs N scenarios
#   at once (default 1; the reliability suite runs valgrind with 2); ONLY=regex selects
#   tests by name; KEEP_CHILD_OUTPUT=1 keeps s_server/s_client logs in /tmp.
# Prints one line per test, then "N passed, M failed"; exits 1 if anything failed.
set -uo pipefail
MODE=${1:-ferrossl}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/tests/c/build
LIB=$ROOT/target/release/libferrossl.so
HDR=$ROOT/include/ferrossl.h
ONLY=${ONLY:-.}
TESTS="t_api t_client t_server t_verify t_anchors t_ech"
EXAMPLES="https-client tls-server bio-callbacks"
CC=${CC:-cc}
CFLAGS="-std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Werror -g -O1"
case "$MODE" in
  ferrossl|openssl|preload|compat) ;;
  *) echo "usage: $0 [ferrossl|openssl|preload|compat]" >&2; exit 2 ;;
esac
if [ "${SANITIZE:-0}" = 1 ] && [ "${VALGRIND:-0}" != 1 ] && [ "$MODE" != preload ] && [ "$MODE" != compat ]; then
  CFLAGS="$CFLAGS -fsanitize=address,undefined -fno-omit-frame-pointer"
fi
export FERROSSL_TEST_CERTS=$B/certs
# BoringSSL's bssl, t_ech's peer: built once into a cache outside the checkout (a few
# minutes the first time), when the first t_ech scenario runs; they fail without it
need_bssl() {
  [ -n "${FERROSSL_BSSL:-}" ] && return 0
  FERROSSL_BSSL=$("$ROOT/tests/peers/bssl.sh" </dev/null) && export FERROSSL_BSSL \
    || { echo "tests/peers/bssl.sh failed: the t_ech scenarios will fail" >&2; FERROSSL_BSSL=none; }
}
mkdir -p "$B/openssl" "$B/ferrossl" "$B/logs/$MODE"

# ---- certificates (regenerated when gen.sh changes)
if [ ! -f "$B/certs/ca.pem" ] || [ "$ROOT/tests/certs/gen.sh" -nt "$B/certs/ca.pem" ]; then
  rm -rf "$B/certs"
  "$ROOT/tests/certs/gen.sh" "$B/certs" >/dev/null || { echo "tests/certs/gen.sh failed" >&2; exit 1; }
fi

# ---- the native rustls peer t_anchors talks to (tests/peers/rustls_peer.rs): it compresses
# certificates and answers 0-RTT data, which the openssl CLI (3.0) does not
export FERROSSL_RUSTLS_PEER=$ROOT/target/release/examples/rustls_peer
(cd "$ROOT" && cargo build --release --quiet --example rustls_peer) \
  || { echo "cargo build --release --example rustls_peer failed" >&2; exit 1; }

# ---- build both ways
build() { # build VARIANT NAME SOURCE: into a new file renamed over the old one, so a
  # program another run of this script is executing is never rewritten under it
  local out=$B/$1/$2 tmp=$B/$1/.$2.$$
  if [ "$1" = openssl ]; then
    $CC $CFLAGS -DFERROSSL_USE_OPENSSL_HEADERS -I"$ROOT/examples-c" -I"$ROOT/tests/c" -o "$tmp" "$3" -lssl -lcrypto
  else
    $CC $CFLAGS -I"$ROOT/include" -I"$ROOT/examples-c" -I"$ROOT/tests/c" -o "$tmp" "$3" \
      -L"$ROOT/target/release" -lferrossl -Wl,-rpath,"$ROOT/target/release"
  fi || { rm -f "$tmp"; return 1; }
  mv -f "$tmp" "$out"
}
have_ferrossl=0
[ -f "$HDR" ] && [ -f "$LIB" ] && have_ferrossl=1
if [ "$MODE" != openssl ] && [ ! -f "$LIB" ]; then
  echo "no $LIB: run 'cargo build --release' (or 'make') first" >&2; exit 2
fi
if [ "$MODE" = ferrossl ] && [ ! -f "$HDR" ]; then
  echo "no $HDR: run 'make header' first" >&2; exit 2
fi
build_failed=0
for v in openssl ferrossl; do
  [ $v = ferrossl ] && [ $have_ferrossl = 0 ] && continue
  for t in $TESTS; do
    build $v "$t" "$ROOT/tests/c/$t.c" 2> "$B/$v/$t.build.log" || { echo "BUILD FAIL $v/$t"; sed 's/^/    /' "$B/$v/$t.build.log" | head -30; build_failed=1; rm -f "$B/$v/$t"; }
  done
  for e in $EXAMPLES; do
    build $v "$e" "$ROOT/examples-c/$e.c" 2> "$B/$v/$e.build.log" || { echo "BUILD FAIL $v/$e"; sed 's/^/    /' "$B/$v/$e.build.log" | head -30; build_failed=1; rm -f "$B/$v/$e"; }
  done
done

# ---- how our programs run
BIN=$B/ferrossl
[ "$MODE" = ferrossl ] || BIN=$B/openssl
WRAP=()
if [ "$MODE" = preload ]; then WRAP=(env "LD_PRELOAD=$LIB"); fi
# compat: the OpenSSL-built programs find ferrossl as libssl.so.3/libcrypto.so.3 by name
if [ "$MODE" = compat ]; then WRAP=(env "LD_LIBRARY_PATH=$ROOT/target/release/openssl-compat"); fi
ECHO_WAIT=2 # seconds s_client waits for the echo; longer under valgrind
SCENARIO_LIMIT=120 # seconds a scenario process may take (its own alarm: 30 s, helpers.h)
if [ "${VALGRIND:-0}" = 1 ]; then
  ECHO_WAIT=10
  SCENARIO_LIMIT=300
  export FERROSSL_TEST_TIMEOUT=${FERROSSL_TEST_TIMEOUT:-240}
  WRAP+=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no)
fi

passed=0; failed=0; PIDS=()
cleanup() { local p; for p in ${PIDS[@]+"${PIDS[@]}"}; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; PIDS=(); }
trap cleanup EXIT
report() { # report NAME RC LOG SECONDS
  if [ "$2" = 0 ]; then
    passed=$((passed + 1)); printf 'PASS  %-40s %5ss\n' "$1" "$4"
  else
    failed=$((failed + 1)); printf 'FAIL  %-40s %5ss (exit %s, log %s)\n' "$1" "$4" "$2" "${3#$ROOT/}"
    grep -E '^  (FAIL|err |note)|^[^ ]' "$3" | grep -v '^scenario ' | head -15 | sed 's/^/      /'
  fi
}
elapsed() { echo $(( ($(date +%s%N) - $1) / 100000000 )) | sed -E 's/^([0-9]*)([0-9])$/\1.\2/; s/^\./0./'; }

# ---- the C test programs, one scenario per process; JOBS (default 1) of them at once.
# Scenarios share nothing (their listeners take port 0, their files come from mkstemp);
# each one's result is printed in list order once it and those before it have finished.
JOBS=${JOBS:-1}
names=(); running=0; next=0
scenario() { # scenario T S: runs one, leaves "RC SECONDS" in its .rc file
  local log=$B/logs/$MODE/$1.$2.log t0 rc
  t0=$(date +%s%N)
  timeout "$SCENARIO_LIMIT" ${WRAP[@]+"${WRAP[@]}"} "$BIN/$1" "$2" > "$log" 2>&1
  rc=$?
  echo "$rc $(elapsed "$t0")" > "$log.rc.tmp" && mv "$log.rc.tmp" "$log.rc"
}
report_done() { # prints, in list order, the finished scenarios not yet printed
  local log rc secs
  while [ "$next" -lt "${#names[@]}" ]; do
    log=$B/logs/$MODE/${names[$next]/\//.}.log
    [ -f "$log.rc" ] || break
    read -r rc secs < "$log.rc"
    rm -f "$log.rc"
    report "${names[$next]}" "$rc" "$log" "$secs"
    next=$((next + 1))
  done
}
for t in $TESTS; do
  if [ ! -x "$BIN/$t" ]; then
    if echo "$t" | grep -Eq "$ONLY"; then failed=$((failed + 1)); echo "FAIL  $t (not built)"; fi
    continue
  fi
  for s in $("$B/openssl/$t" --list 2>/dev/null || "$BIN/$t" --list); do
    name="$t/$s"
    echo "$name" | grep -Eq "$ONLY" || continue
    [ "$t" = t_ech ] && need_bssl
    rm -f "$B/logs/$MODE/$t.$s.log.rc"
    names+=("$name")
    scenario "$t" "$s" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    report_done
  done
done
wait
report_done

# ---- the examples, against the openssl CLI and curl
start_bg() { # start_bg LOG CMD... : runs in the background, PID appended to PIDS
  local log=$1; shift
  : > "$log" # truncate now: the background child opens it later, and callers poll it at once
  "$@" > "$log" 2>&1 &
  PIDS+=($!)
}
wait_for() { # wait_for FILE REGEX [TENTHS]
  local i
  for ((i = 0; i < ${3:-100}; i++)); do grep -Eq "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
C=$B/certs
ex() { # ex NAME FUNCTION
  echo "examples/$1" | grep -Eq "$ONLY" || return 0
  local log=$B/logs/$MODE/examples.$1.log t0 rc
  t0=$(date +%s%N)
  ( set -e; trap 'cleanup || :' EXIT; "$2" ) > "$log" 2>&1
  rc=$?
  cleanup
  report "examples/$1" $rc "$log" "$(elapsed "$t0")"
}
run() { ${WRAP[@]+"${WRAP[@]}"} "$@"; }
plain() { env -u LD_PRELOAD "$@"; }
expect() { # expect FILE FIXED-STRING
  if grep -qF -- "$2" "$1"; then echo "  ok    $1 has \"$2\""; else echo "  FAIL  $1 lacks \"$2\""; cat "$1"; return 1; fi
}

ex_bio_callbacks() {
  run "$BIN/bio-callbacks" "$C/server-ecdsa.pem" "$C/server-ecdsa.key" "$C/ca.pem" | tee "$B/out.$$"
  expect "$B/out.$$" "client got: pong from server"
  expect "$B/out.$$" "shutdown: both close_notify exchanged"
}
ex_https_client_vs_s_server() {
  local port
  start_bg "$B/srv.$$" plain openssl s_server -accept 127.0.0.1:0 -www -alpn http/1.1 -cert "$C/server-rsa.pem" -key "$C/server-rsa.key"
  wait_for "$B/srv.$$" 'ACCEPT 127'
  port=$(sed -n 's/^ACCEPT 127.0.0.1:\([0-9]*\).*/\1/p' "$B/srv.$$")
  timeout 60 ${WRAP[@]+"${WRAP[@]}"} "$BIN/https-client" localhost "$port" "$C/ca.pem" --alpn h2,http/1.1 > "$B/out.$$"
  cat "$B/out.$$"
  expect "$B/out.$$" "status: HTTP/1.0 200 ok"
  expect "$B/out.$$" "version: TLSv1.3"
  expect "$B/out.$$" "alpn: http/1.1"
  expect "$B/out.$$" "verify: ok"
}
start_tls_server() { # start_tls_server CERTBASE ARGS... ; sets port
  start_bg "$B/srv.$$" run "$BIN/tls-server" 0 "$C/$1.pem" "$C/$1.key" "${@:2}"
  wait_for "$B/srv.$$" '^listening on 127\.0\.0\.1:[0-9]+$' 300
  port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$B/srv.$$")
  [ -n "$port" ]
}
ex_tls_server_vs_s_client() {
  start_tls_server server-ecdsa --count 1
  (printf 'hello echo\n'; sleep "$ECHO_WAIT") | timeout 30 env -u LD_PRELOAD openssl s_client -connect "127.0.0.1:$port" \
    -servername localhost -verify_return_error -CAfile "$C/ca.pem" > "$B/out.$$" 2>&1
  cat "$B/out.$$"
  expect "$B/out.$$" "Verification: OK"
  expect "$B/out.$$" "hello echo"
  wait_for "$B/srv.$$" 'conn 1' 100
  cat "$B/srv.$$"
  expect "$B/srv.$$" "conn 1: TLSv1.3 TLS_AES_256_GCM_SHA384 alpn=none sni=localhost peer=- request=echo bytes=11"
}
ex_tls_server_vs_curl() {
  start_tls_server server-ed25519 --alpn http/1.1 --count 1
  timeout 30 env -u LD_PRELOAD curl -sS --cacert "$C/ca.pem" "https://localhost:$port/" > "$B/out.$$"
  cat "$B/out.$$"
  expect "$B/out.$$" "ferrossl tls-server"
  expect "$B/out.$$" "alpn: http/1.1"
  expect "$B/out.$$" "sni: localhost"
}
ex_client_vs_server() {
  start_tls_server server-rsa --client-ca "$C/ca.pem" --count 2
  # mutual TLS is required: https-client has no client certificate, so it must be refused
  if timeout 60 ${WRAP[@]+"${WRAP[@]}"} "$BIN/https-client" localhost "$port" "$C/ca.pem" > "$B/out.$$" 2> "$B/err.$$"; then
    echo "  FAIL  https-client succeeded without a client certificate"; return 1
  fi
  echo "  ok    https-client without a client certificate was refused"
  cat "$B/err.$$"
  # s_client with the client certificate gets the page
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 30 env -u LD_PRELOAD openssl s_client -connect "127.0.0.1:$port" -ign_eof \
    -verify_return_error -CAfile "$C/ca.pem" -cert "$C/client.pem" -key "$C/client.key" > "$B/out.$$" 2>&1
  expect "$B/out.$$" "peer: /CN=ferrossl test client"
}
ex_https_client_vs_tls_server() {
  start_tls_server server-ecdsa --alpn h2,http/1.1 --count 1
  timeout 60 ${WRAP[@]+"${WRAP[@]}"} "$BIN/https-client" 127.0.0.1 "$port" "$C/ca.pem" --alpn http/1.1 > "$B/out.$$"
  cat "$B/out.$$"
  expect "$B/out.$$" "status: HTTP/1.0 200 ok"
  expect "$B/out.$$" "alpn: http/1.1"
  expect "$B/out.$$" "| sni: -"
}
ex_https_client_untrusted() {
  start_tls_server untrusted --count 1
  if timeout 60 ${WRAP[@]+"${WRAP[@]}"} "$BIN/https-client" localhost "$port" "$C/ca.pem" > "$B/out.$$" 2> "$B/err.$$"; then
    echo "  FAIL  https-client accepted an untrusted server"; return 1
  fi
  cat "$B/err.$$"
  expect "$B/err.$$" "certificate verify failed"
  expect "$B/err.$$" "verify: unable to get local issuer certificate (20)"
}
for e in $EXAMPLES; do
  if [ ! -x "$BIN/$e" ]; then echo "examples/$e" | grep -Eq "$ONLY" && { failed=$((failed + 1)); echo "FAIL  examples/$e (not built)"; }; fi
done
[ -x "$BIN/bio-callbacks" ] && ex bio-callbacks ex_bio_callbacks
if [ -x "$BIN/https-client" ]; then
  ex https-client-vs-s_server ex_https_client_vs_s_server
fi
if [ -x "$BIN/tls-server" ]; then
  ex tls-server-vs-s_client ex_tls_server_vs_s_client
  ex tls-server-vs-curl ex_tls_server_vs_curl
  ex tls-server-mtls ex_client_vs_server
  [ -x "$BIN/https-client" ] && ex https-client-vs-tls-server ex_https_client_vs_tls_server
  [ -x "$BIN/https-client" ] && ex https-client-untrusted ex_https_client_untrusted
fi
rm -f "$B"/out.$$ "$B"/err.$$ "$B"/srv.$$

[ $build_failed = 1 ] && echo "(some programs did not build, see above)"
echo "$passed passed, $failed failed"
[ $failed = 0 ] && [ $build_failed = 0 ]
