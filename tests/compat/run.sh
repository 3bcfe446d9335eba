#!/usr/bin/env bash
# tests/compat/run.sh: unmodified Debian programs linked against OpenSSL 3 (lua5.4 +
# LuaSec, socat, racket's openssl collection) run with LD_LIBRARY_PATH set to
# ferrossl's compat directory (libssl.so.3 / libcrypto.so.3 -> libferrossl.so), against
# `openssl s_server` / `s_client` peers (system OpenSSL) on 127.0.0.1.
#
# Each test checks that ferrossl, not the system OpenSSL, served the program: through
# /proc/PID/maps (or /proc/self/maps read by the program itself) and that the loader
# printed no "no version information available" warning.
#
#   tests/compat/run.sh                 # all tests
#   ONLY=socat tests/compat/run.sh      # tests whose name contains "socat"
#   COMPAT_DIR=/usr/local/lib/ferrossl/openssl-compat tests/compat/run.sh
#
# Logs: tests/compat/build/logs/<test>.log. Last line: "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/compat"
COMPAT_DIR=${COMPAT_DIR:-$ROOT/target/release/openssl-compat}
B="$HERE/build"; LOGS="$B/logs"; CERTS="$B/certs"
T=${TIMEOUT:-20}
mkdir -p "$LOGS" "$CERTS"
PASS=0; FAIL=0; PIDS=()

cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

if [ ! -e "$COMPAT_DIR/libssl.so.3" ]; then
  echo "compat: $COMPAT_DIR/libssl.so.3 is missing (run 'make compat')" >&2
  echo "0 passed, 1 failed"; exit 1
fi

# ---- throwaway PKI: an EC CA, a server cert for localhost/127.0.0.1 ---------------------
if [ ! -s "$CERTS/server.pem" ] || [ "$HERE/run.sh" -nt "$CERTS/server.pem" ]; then
  (
    cd "$CERTS" || exit 1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
      -days 3650 -subj "/CN=ferrossl compat test CA" -addext basicConstraints=critical,CA:TRUE \
      -addext keyUsage=critical,keyCertSign,cRLSign
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
      -subj "/O=ferrossl tests/CN=localhost"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out server.pem -extfile ext.cnf
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr \
      -subj "/O=ferrossl tests/CN=ferrossl compat client"
    printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n' > client.cnf
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out client.pem -extfile client.cnf
    # a server certificate with basicConstraints CA:TRUE (OpenSSL accepts it as a leaf)
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-leaf.key -out ca-leaf.csr \
      -subj "/O=ferrossl tests/CN=ferrossl compat CA-flagged server"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,keyCertSign\nextendedKeyUsage=serverAuth\n' > ca-leaf.cnf
    openssl x509 -req -in ca-leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out ca-leaf.pem -extfile ca-leaf.cnf
    # CRLs of the CA: crl-empty.pem revokes nothing, crl.pem revokes server.pem
    printf '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 3650\n' > crl.cnf
    : > index.txt; echo 01 > crlnumber
    openssl ca -config crl.cnf -cert ca.pem -keyfile ca.key -gencrl -out crl-empty.pem
    openssl ca -config crl.cnf -cert ca.pem -keyfile ca.key -revoke server.pem
    openssl ca -config crl.cnf -cert ca.pem -keyfile ca.key -gencrl -out crl.pem
  ) > "$LOGS/certs.log" 2>&1 || { echo "compat: certificate generation failed, see $LOGS/certs.log"; echo "0 passed, 1 failed"; exit 1; }
fi
CA="$CERTS/ca.pem"; CERT="$CERTS/server.pem"; KEY="$CERTS/server.key"

# ---- helpers -----------------------------------------------------------------------------
. "$ROOT/tests/lib/ports.sh"
# s_server PORT [extra args]: OpenSSL peer answering HTTP (-www) with the test cert
s_server() {
  local port=$1; shift
  openssl s_server -accept "$port" -naccept 1 -cert "$CERT" -key "$KEY" -www "$@" \
    > "$LOG.s_server" 2>&1 < /dev/null &
  PIDS+=($!); wait_port "$port"
}
# maps_ok PID: the process maps libferrossl and no system libssl/libcrypto
maps_ok() {
  local m; m=$(cat "/proc/$1/maps" 2>/dev/null) || { echo "no /proc/$1/maps" >> "$LOG"; return 1; }
  grep -q 'libferrossl\.so' <<< "$m" || { echo "maps: libferrossl.so not mapped in $1" >> "$LOG"; return 1; }
  if grep -Eq '/usr/lib/x86_64-linux-gnu/(libssl|libcrypto)\.so' <<< "$m"; then
    echo "maps: system OpenSSL mapped in $1" >> "$LOG"; return 1
  fi
}
no_loader_warning() { ! grep -q 'no version information available' "$@"; }
compat_env() { env LD_LIBRARY_PATH="$COMPAT_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"; }
# bg_compat CMD...: start CMD on ferrossl in the background with a $T-second watchdog;
# BG is CMD's own PID (env execs it), so /proc/$BG/maps is the program's.
bg_compat() {
  env LD_LIBRARY_PATH="$COMPAT_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@" 0<&0 &
  BG=$!; PIDS+=($BG)
  ( sleep "$T"; kill "$BG" 2>/dev/null ) &
  PIDS+=($!)
}

run() { # NAME FUNCTION
  local name=$1; shift
  if [ -n "${ONLY:-}" ] && [[ "$name" != *"$ONLY"* ]]; then return; fi
  LOG="$LOGS/${name//\//_}.log"; : > "$LOG"
  if ( "$@" ) >> "$LOG" 2>&1; then
    PASS=$((PASS + 1)); echo "ok   $name"
  else
    FAIL=$((FAIL + 1)); echo "FAIL $name (log: $LOG)"; tail -n 15 "$LOG" | sed 's/^/     | /'
  fi
  cleanup; PIDS=()
}

# ---- LuaSec on lua5.4 --------------------------------------------------------------------
# The Lua side reads /proc/self/maps after its TLS work and reports what it found.
LUA_MAPS='local m = io.open("/proc/self/maps"):read("a")
local function served()
  if not m:find("libferrossl%.so") then return "maps: libferrossl.so not mapped" end
  if m:find("/usr/lib/x86_64%-linux%-gnu/libssl%.so") then return "maps: system libssl mapped" end
  return "served-by-ferrossl"
end'

t_luasec_https() {
  local port; port=$(free_port); s_server "$port" || return 1
  cat > "$B/https.lua" <<LUA
local https = require "ssl.https"
local ltn12 = require "ltn12"
local t = {}
local ok, code = https.request{ url = "https://localhost:$port/", sink = ltn12.sink.table(t),
  cafile = "$CA", verify = "peer", protocol = "any", options = "all" }
$LUA_MAPS
print("code", code)
print("body-has-s_server", table.concat(t):find("s_server") ~= nil)
print(served())
LUA
  compat_env timeout "$T" lua5.4 "$B/https.lua" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] && grep -qx 'code	200' "$LOG.out" && grep -qx 'body-has-s_server	true' "$LOG.out" \
    && grep -qx 'served-by-ferrossl' "$LOG.out" && no_loader_warning "$LOG.err"
}

t_luasec_wrap_tls12() {
  local port; port=$(free_port); s_server "$port" || return 1
  cat > "$B/wrap.lua" <<LUA
local socket = require "socket"
local ssl = require "ssl"
local conn = assert(socket.tcp())
assert(conn:connect("127.0.0.1", $port))
conn = assert(ssl.wrap(conn, { mode = "client", protocol = "tlsv1_2", cafile = "$CA",
  verify = "peer", options = "all" }))
conn:sni("localhost")
assert(conn:dohandshake())
local cert = assert(conn:getpeercertificate())
for _, e in ipairs(cert:subject()) do print("subject", e.name, e.value) end
print("notafter", cert:notafter())
print("digest", cert:digest("sha256"))
local ext = cert:extensions()
for _, n in ipairs((ext["2.5.29.17"] or {}).dNSName or {}) do print("san-dns", n) end
for _, n in ipairs((ext["2.5.29.17"] or {}).iPAddress or {}) do print("san-ip", n) end
local info = conn:info()
print("protocol", info.protocol)
print("cipher", info.cipher)
conn:send("GET / HTTP/1.0\r\n\r\n")
print("status", conn:receive("*l"))
conn:close()
$LUA_MAPS
print(served())
LUA
  compat_env timeout "$T" lua5.4 "$B/wrap.lua" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  local want_digest; want_digest=$(openssl x509 -in "$CERT" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
  [ $rc = 0 ] && grep -qx 'subject	commonName	localhost' "$LOG.out" \
    && grep -qx 'san-dns	localhost' "$LOG.out" && grep -qx 'san-ip	127.0.0.1' "$LOG.out" \
    && grep -q '^notafter	.*GMT$' "$LOG.out" && grep -qix "digest	$want_digest" "$LOG.out" \
    && grep -qx 'protocol	TLSv1.2' "$LOG.out" && grep -q '^status	HTTP/1.0 200 ok' "$LOG.out" \
    && grep -qx 'served-by-ferrossl' "$LOG.out" && no_loader_warning "$LOG.err"
}

t_luasec_server() {
  local port; port=$(free_port)
  cat > "$B/server.lua" <<LUA
local socket = require "socket"
local ssl = require "ssl"
local ctx = assert(ssl.newcontext{ mode = "server", protocol = "any", key = "$KEY",
  certificate = "$CERT", options = "all" })
local srv = assert(socket.bind("127.0.0.1", $port))
srv:settimeout($T)
local c = assert(srv:accept())
c = assert(ssl.wrap(c, ctx))
assert(c:dohandshake())
local line = c:receive("*l")
c:send("luasec-echo " .. tostring(line) .. "\n")
c:close()
$LUA_MAPS
print(served())
LUA
  bg_compat lua5.4 "$B/server.lua" > "$LOG.out" 2> "$LOG.err"
  local pid=$BG
  wait_port "$port" || { cat "$LOG.out" "$LOG.err"; return 1; }
  maps_ok "$pid" || return 1
  echo hello | timeout "$T" openssl s_client -connect "127.0.0.1:$port" -servername localhost \
    -CAfile "$CA" -verify_return_error -ign_eof > "$LOG.client" 2>&1
  wait "$pid"; local rc=$?
  cat "$LOG.out" "$LOG.err" "$LOG.client"
  [ $rc = 0 ] && grep -qx 'luasec-echo hello' "$LOG.client" && grep -q 'Verify return code: 0 (ok)' "$LOG.client" \
    && grep -qx 'served-by-ferrossl' "$LOG.out" && no_loader_warning "$LOG.err"
}

# ---- socat -------------------------------------------------------------------------------
t_socat_client_cafile() {
  local port; port=$(free_port); s_server "$port" || return 1
  bg_compat socat -T 5 - "OPENSSL:localhost:$port,cafile=$CA" \
    < <(printf 'GET / HTTP/1.0\r\n\r\n'; sleep 1) > "$LOG.out" 2> "$LOG.err"
  local pid=$BG
  sleep 0.2; maps_ok "$pid"; local maps=$?
  wait "$pid"; local rc=$?
  head -n 3 "$LOG.out"; cat "$LOG.err"
  [ $maps = 0 ] && [ $rc = 0 ] && grep -q '^HTTP/1.0 200 ok' "$LOG.out" && no_loader_warning "$LOG.err"
}

t_socat_client_rejects_unknown_ca() {
  local port; port=$(free_port); s_server "$port" || return 1
  # verification on (socat's default) with a CA file that did not sign the server: must fail
  compat_env timeout "$T" socat -T 5 - "OPENSSL:localhost:$port,cafile=$CERTS/other-ca.pem" \
    < /dev/null > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc != 0 ] && grep -qi 'certificate verify failed' "$LOG.err" && no_loader_warning "$LOG.err"
}

t_socat_server() {
  local port; port=$(free_port)
  bg_compat socat -T 5 "OPENSSL-LISTEN:$port,bind=127.0.0.1,reuseaddr,cert=$CERT,key=$KEY,verify=0" \
    SYSTEM:'echo socat-served' > "$LOG.out" 2> "$LOG.err"
  local pid=$BG
  wait_port "$port" || { cat "$LOG.err"; return 1; }
  maps_ok "$pid" || return 1
  timeout "$T" openssl s_client -connect "127.0.0.1:$port" -servername localhost -CAfile "$CA" \
    -verify_return_error -ign_eof < /dev/null > "$LOG.client" 2>&1
  wait "$pid"; local rc=$?
  cat "$LOG.out" "$LOG.err" "$LOG.client"
  [ $rc = 0 ] && grep -qx 'socat-served' "$LOG.client" && grep -q 'Verify return code: 0 (ok)' "$LOG.client" \
    && no_loader_warning "$LOG.err"
}

# ---- Racket's openssl collection -----------------------------------------------------------
t_racket_ssl_connect() {
  local port; port=$(free_port); s_server "$port" || return 1
  cat > "$B/connect.rkt" <<RKT
#lang racket/base
(require openssl racket/port racket/string racket/file)
(define ctx (ssl-make-client-context 'auto))
(ssl-load-verify-source! ctx "$CA")
(ssl-set-verify! ctx #t)
(ssl-set-verify-hostname! ctx #t)
(define-values (in out) (ssl-connect "localhost" $port ctx))
(write-string "GET / HTTP/1.0\r\n\r\n" out)
(flush-output out)
(printf "status ~a\n" (read-line in 'return-linefeed))
(printf "verified ~a\n" (ssl-peer-verified? in))
(close-input-port in) (close-output-port out)
(define maps (file->string "/proc/self/maps"))
(printf "~a\n" (cond [(not (string-contains? maps "libferrossl.so")) "maps: libferrossl.so not mapped"]
                     [(string-contains? maps "/usr/lib/x86_64-linux-gnu/libssl.so") "maps: system libssl mapped"]
                     [else "served-by-ferrossl"]))
RKT
  compat_env timeout 60 racket "$B/connect.rkt" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] && grep -q '^status HTTP/1.0 200 ok' "$LOG.out" && grep -qx 'verified #t' "$LOG.out" \
    && grep -qx 'served-by-ferrossl' "$LOG.out" && no_loader_warning "$LOG.err"
}

t_racket_hostname_mismatch() {
  local port; port=$(free_port); s_server "$port" || return 1
  # the certificate names localhost and 127.0.0.1; asking for another name must fail
  cat > "$B/mismatch.rkt" <<RKT
#lang racket/base
(require openssl)
(define ctx (ssl-make-client-context 'auto))
(ssl-load-verify-source! ctx "$CA")
(ssl-set-verify! ctx #t)
(ssl-set-verify-hostname! ctx #t)
(with-handlers ([exn:fail? (lambda (e) (printf "rejected: ~a\n" (exn-message e)))])
  (define-values (in out) (ssl-connect "127.0.0.2" $port ctx))
  (printf "connected (wrong)\n"))
RKT
  openssl s_server -accept "127.0.0.2:$port" -naccept 1 -cert "$CERT" -key "$KEY" -www \
    > "$LOG.s_server2" 2>&1 < /dev/null &
  PIDS+=($!); sleep 0.5
  compat_env timeout 60 racket "$B/mismatch.rkt" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] && grep -q '^rejected: ' "$LOG.out" && no_loader_warning "$LOG.err"
}

# ---- C: the compat entry points, OpenSSL's headers, same output as on OpenSSL -------------
t_c_entry_points() {
  cc -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-deprecated-declarations -O1 \
    -o "$B/t_compat" "$HERE/t_compat.c" -lssl -lcrypto || return 1
  [ -s "$CERTS/dh.pem" ] || openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$CERTS/dh.pem" || return 1
  local port; port=$(free_port)
  # not -www: then s_server prints each connection's "Keying material"
  # (its stdin stays open for at most $T seconds: s_server stops at stdin EOF)
  sleep "$T" | openssl s_server -accept "$port" -cert "$CERT" -key "$KEY" \
    -keymatexport EXPERIMENTAL-ferrossl -keymatexportlen 20 > "$LOG.s_server" 2>&1 &
  PIDS+=($!); wait_port "$port" || return 1
  timeout "$T" "$B/t_compat" "$CA" "$CERT" "$port" "$CERTS/dh.pem" > "$LOG.openssl" 2> "$LOG.openssl.err"
  compat_env timeout "$T" "$B/t_compat" "$CA" "$CERT" "$port" "$CERTS/dh.pem" > "$LOG.ferrossl" 2> "$LOG.err"
  cat "$LOG.ferrossl" "$LOG.err"
  # every exporter output (SSL_export_keying_material) equals what s_server derived
  local km n=0
  for km in $(sed -n 's/^keymat //p' "$LOG.err"); do
    grep -q "Keying material: $km" "$LOG.s_server" || { echo "keymat $km not seen by s_server"; return 1; }
    n=$((n + 1))
  done
  echo "exporter outputs matching s_server: $n"
  [ "$n" -ge 3 ] && diff -u "$LOG.openssl" "$LOG.ferrossl" && grep -qx done "$LOG.ferrossl" \
    && grep -qx served-by-system-openssl "$LOG.openssl.err" && grep -qx served-by-ferrossl "$LOG.err" \
    && no_loader_warning "$LOG.err"
}

# ---- curl (Debian's 7.88; libssh2 loads in the same process) ------------------------------
# curl_w ARGS...: curl on ferrossl printing "<http code> <ssl_verify_result>"; status in $?
curl_w() {
  compat_env timeout "$T" curl -sS -o /dev/null -w '%{http_code} %{ssl_verify_result}\n' "$@" \
    > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"; return $rc
}
t_curl_verified() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CA" "https://localhost:$port/" && grep -qx '200 0' "$LOG.out" && no_loader_warning "$LOG.err"
}
t_curl_served_by_ferrossl() {
  # a peer that never answers keeps curl alive after the handshake: read its maps
  local port; port=$(free_port)
  openssl s_server -accept "$port" -naccept 1 -cert "$CERT" -key "$KEY" -quiet > "$LOG.s_server" 2>&1 < <(sleep "$T") &
  PIDS+=($!); wait_port "$port" || return 1
  bg_compat curl -sS --cacert "$CA" "https://localhost:$port/" > "$LOG.out" 2> "$LOG.err"
  local pid=$BG
  for _ in $(seq 50); do grep -q 'GET / HTTP' "$LOG.s_server" && break; sleep 0.1; done
  grep -q 'GET / HTTP' "$LOG.s_server" || { cat "$LOG.s_server" "$LOG.err"; return 1; }
  maps_ok "$pid"
}
t_curl_wrong_host() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CA" --resolve "wrong.example:$port:127.0.0.1" "https://wrong.example:$port/"
  [ $? = 60 ] && grep -q 'no alternative certificate subject name matches' "$LOG.err"
}
t_curl_untrusted_ca() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CERTS/other-ca.pem" "https://localhost:$port/"
  [ $? = 60 ] && grep -q 'unable to get local issuer certificate' "$LOG.err"
}
t_curl_insecure() {
  local port; port=$(free_port); s_server "$port" || return 1
  # -k: the transfer succeeds and the (ignored) verify result is reported, as on OpenSSL
  curl_w -k "https://127.0.0.1:$port/" && grep -qx '200 20' "$LOG.out"
}
t_curl_capath() {
  local port; port=$(free_port); s_server "$port" || return 1
  mkdir -p "$B/capath"; cp "$CA" "$B/capath/ca.pem"; openssl rehash "$B/capath" > /dev/null 2>&1
  curl_w --capath "$B/capath" "https://localhost:$port/" && grep -qx '200 0' "$LOG.out"
}
t_curl_client_cert() {
  local port; port=$(free_port); s_server "$port" -Verify 1 -CAfile "$CA" || return 1
  curl_w --cacert "$CA" --cert "$CERTS/client.pem" --key "$CERTS/client.key" "https://localhost:$port/" \
    && grep -qx '200 0' "$LOG.out" && grep -q 'CN = ferrossl compat client' "$LOG.s_server"
}
# the same from a PKCS#12 file (d2i_PKCS12_bio, PKCS12_parse), written by OpenSSL's CLI;
# a wrong password fails as on OpenSSL (curl exit 58, "could not parse PKCS12 file")
t_curl_client_cert_p12() {
  local port; port=$(free_port); s_server "$port" -Verify 1 -CAfile "$CA" || return 1
  openssl pkcs12 -export -in "$CERTS/client.pem" -inkey "$CERTS/client.key" -passout pass:p12pw \
    -out "$B/client.p12" || return 1
  curl_w --cacert "$CA" --cert "$B/client.p12:p12pw" --cert-type P12 "https://localhost:$port/" \
    && grep -qx '200 0' "$LOG.out" && grep -q 'CN = ferrossl compat client' "$LOG.s_server" || return 1
  port=$(free_port); s_server "$port" -Verify 1 -CAfile "$CA" || return 1
  curl_w --cacert "$CA" --cert "$B/client.p12:wrong" --cert-type P12 "https://localhost:$port/"
  [ $? = 58 ] && grep -q 'PKCS12' "$LOG.err"
}
# --crlfile: curl loads it with X509_load_crl_file and sets X509_V_FLAG_CRL_CHECK(_ALL)
t_curl_crl_revoked() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CA" --crlfile "$CERTS/crl.pem" "https://localhost:$port/"
  [ $? = 60 ] && grep -q 'certificate revoked' "$LOG.err"
}
t_curl_crl_not_revoked() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CA" --crlfile "$CERTS/crl-empty.pem" "https://localhost:$port/" && grep -qx '200 0' "$LOG.out"
}
t_curl_tls12() {
  local port; port=$(free_port); s_server "$port" || return 1
  curl_w --cacert "$CA" --tlsv1.2 --tls-max 1.2 -v "https://localhost:$port/"
  grep -qx '200 0' "$LOG.out" && grep -q 'SSL connection using TLSv1.2' "$LOG.err"
}

# two URLs in one invocation: s_server -www closes after each page, so curl connects twice and
# offers the session its new-session callback kept (SSL_CTX_sess_set_new_cb, SSL_set_session);
# s_server's page says whether the handshake was New or Reused
t_curl_resume() {
  local port v rc=0
  for v in "--tlsv1.3" "--tlsv1.2 --tls-max 1.2"; do
    port=$(free_port); s_server "$port" -naccept 2 || return 1
    # shellcheck disable=SC2086
    compat_env timeout "$T" curl -sS -v --cacert "$CA" $v "https://localhost:$port/one" "https://localhost:$port/two" \
      > "$LOG.out" 2> "$LOG.err" || rc=1
    echo "== $v"; grep -E '^(New|Reused),' "$LOG.out"; grep -E 're-using session|SSL connection using' "$LOG.err"
    [ "$(grep -E '^(New|Reused),' "$LOG.out" | cut -d, -f1 | tr '\n' ' ')" = "New Reused " ] || rc=1
    grep -q 'SSL re-using session ID' "$LOG.err" || rc=1
    no_loader_warning "$LOG.err" || rc=1
    cleanup; PIDS=()
  done
  return $rc
}

# ---- stretch: CPython 3.11's ssl module (Debian's /usr/bin/python3.11) ---------------------
PY_MAPS='m = open("/proc/self/maps").read()
print("served-by-ferrossl" if "libferrossl.so" in m and "/usr/lib/x86_64-linux-gnu/libssl.so" not in m else "maps: not ferrossl")'

t_python_urllib() {
  local port; port=$(free_port); s_server "$port" || return 1
  cat > "$B/py_urllib.py" <<PY
import ssl, urllib.request
ctx = ssl.create_default_context(cafile="$CA")
with urllib.request.urlopen("https://localhost:$port/", context=ctx, timeout=10) as r:
    print("status", r.status)
$PY_MAPS
PY
  compat_env timeout "$T" /usr/bin/python3.11 "$B/py_urllib.py" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] && grep -qx 'status 200' "$LOG.out" && grep -qx served-by-ferrossl "$LOG.out" && no_loader_warning "$LOG.err"
}

# hashlib and hmac on ferrossl's libcrypto (aws-lc underneath): _hashlib must load (no quiet
# fall-back to the built-in hashes), and every result matches a published test vector.
t_python_hashlib() {
  cat > "$B/py_hashlib.py" <<'PY'
import hashlib, hmac, binascii, sys
import _hashlib
h = lambda b: binascii.hexlify(b).decode()
assert hashlib.sha256(b"abc").hexdigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"
assert hashlib.sha1(b"abc").hexdigest() == "a9993e364706816aba3e25717850c26c9cd0d89d"
assert hashlib.sha512(b"abc").hexdigest().startswith("ddaf35a193617aba")
assert hashlib.sha3_256(b"abc").hexdigest() == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
assert hashlib.sha3_224(b"abc").hexdigest() == "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"
assert hashlib.shake_128(b"").hexdigest(16) == "7f9c2ba4e88f827d616045507605853e"
assert hashlib.new("sha512_256", b"abc").hexdigest() == "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"
x = hashlib.sha256(b"a"); y = x.copy(); y.update(b"bc")
assert y.hexdigest() == hashlib.sha256(b"abc").hexdigest() and x.hexdigest() == hashlib.sha256(b"a").hexdigest()
# RFC 4231 test case 2
assert hmac.new(b"Jefe", b"what do ya want for nothing?", "sha256").hexdigest() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
assert hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "md5").hexdigest() == "80070713463e7749b90c2dc24911e275"
assert hmac.digest(b"Jefe", b"what do ya want for nothing?", "sha256") == bytes.fromhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
assert hmac.compare_digest(b"abc", b"abc") and not hmac.compare_digest(b"abc", b"abd")
# RFC 6070
assert h(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 2, 20)) == "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
# RFC 7914
assert h(hashlib.scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, dklen=64)).startswith("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162")
try:
    hashlib.scrypt(b"p", salt=b"s", n=3, r=8, p=1)
    raise SystemExit("scrypt accepted n=3")
except ValueError:
    pass
print("algorithms:", sorted(hashlib.algorithms_available))
print("hashlib ok")
PY
  echo "$PY_MAPS" >> "$B/py_hashlib.py"
  compat_env timeout "$T" /usr/bin/python3.11 "$B/py_hashlib.py" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] && grep -qx 'hashlib ok' "$LOG.out" && grep -qx served-by-ferrossl "$LOG.out" && no_loader_warning "$LOG.err"
}

t_python_server() {
  local port; port=$(free_port)
  cat > "$B/py_server.py" <<PY
import socket, ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain("$CERT", "$KEY")
s = socket.create_server(("127.0.0.1", $port))
s.settimeout($T)
c, _ = s.accept()
with ctx.wrap_socket(c, server_side=True) as t:
    t.sendall(b"python-echo " + t.recv(100))
    t.unwrap()
$PY_MAPS
PY
  bg_compat /usr/bin/python3.11 "$B/py_server.py" > "$LOG.out" 2> "$LOG.err"
  local pid=$BG
  wait_port "$port" || { cat "$LOG.out" "$LOG.err"; return 1; }
  echo hello | timeout "$T" openssl s_client -connect "127.0.0.1:$port" -servername localhost \
    -CAfile "$CA" -verify_return_error -ign_eof > "$LOG.client" 2>&1
  wait "$pid"; local rc=$?
  cat "$LOG.out" "$LOG.err" "$LOG.client"
  [ $rc = 0 ] && grep -qx 'python-echo hello' "$LOG.client" && grep -q 'Verify return code: 0 (ok)' "$LOG.client" \
    && grep -qx served-by-ferrossl "$LOG.out" && no_loader_warning "$LOG.err"
}

# a second, unrelated CA for the negative test
[ -s "$CERTS/other-ca.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$CERTS/other-ca.key" -out "$CERTS/other-ca.pem" -days 3650 -subj "/CN=unrelated CA" >> "$LOGS/certs.log" 2>&1

have() { command -v "$1" > /dev/null; }
run c/entry-points-match-openssl t_c_entry_points
if have lua5.4 && [ -e /usr/lib/x86_64-linux-gnu/lua/5.4/ssl.so ]; then
  run luasec/https-request t_luasec_https
  run luasec/wrap-tls12-sni-cert-info t_luasec_wrap_tls12
  run luasec/server-vs-s_client t_luasec_server
else
  echo "skip luasec: lua5.4 + lua-sec not installed (tests/deps.sh)"; FAIL=$((FAIL + 1))
fi
if have socat; then
  run socat/client-cafile t_socat_client_cafile
  run socat/client-rejects-unknown-ca t_socat_client_rejects_unknown_ca
  run socat/server-vs-s_client t_socat_server
else
  echo "skip socat: not installed (tests/deps.sh)"; FAIL=$((FAIL + 1))
fi
if have racket; then
  run racket/ssl-connect-verified t_racket_ssl_connect
  run racket/hostname-mismatch t_racket_hostname_mismatch
else
  echo "skip racket: not installed (tests/deps.sh)"; FAIL=$((FAIL + 1))
fi

if have curl; then
  run curl/verified t_curl_verified
  run curl/served-by-ferrossl t_curl_served_by_ferrossl
  run curl/wrong-host-refused t_curl_wrong_host
  run curl/untrusted-ca-refused t_curl_untrusted_ca
  run curl/insecure t_curl_insecure
  run curl/capath t_curl_capath
  run curl/client-cert t_curl_client_cert
  run curl/client-cert-p12 t_curl_client_cert_p12
  run curl/tls12 t_curl_tls12
  run curl/crlfile-revoked-refused t_curl_crl_revoked
  run curl/crlfile-not-revoked t_curl_crl_not_revoked
  run curl/resume-two-urls t_curl_resume
else
  echo "FAIL curl: not installed (tests/deps.sh installs it)"; FAIL=$((FAIL + 1))
fi
if [ -x /usr/bin/python3.11 ]; then
  run python/urllib-verified t_python_urllib
  run python/server-vs-s_client t_python_server
  run python/hashlib-hmac-kdf t_python_hashlib
else
  echo "skip python: /usr/bin/python3.11 not installed"
fi

# ---- more programs, one file each (tests/compat/t_*.sh: functions plus their `run` lines)
for t in "$HERE"/t_*.sh; do [ -e "$t" ] && . "$t"; done

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
