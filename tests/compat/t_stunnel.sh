# tests/compat/t_stunnel.sh (sourced by run.sh): Debian's stunnel4 (5.68) on ferrossl, with
# its default configuration otherwise (its default groups list names X448, P-521 and ffdhe*,
# which ferrossl leaves out), in both directions against system-OpenSSL peers.

# stunnel_conf FILE SERVICE-LINES...: a foreground stunnel logging everything to $LOG.stunnel
stunnel_conf() {
  local f=$1; shift
  rm -f "$LOG.stunnel"
  { printf 'foreground = yes\npid =\ndebug = 7\noutput = %s\n' "$LOG.stunnel"
    printf '%s\n' "$@"; } > "$f"
}
# stunnel_start CONF PORT: stunnel4 on ferrossl, listening on PORT; its PID in $STUNNEL
stunnel_start() {
  bg_compat stunnel4 "$1" > "$LOG.out" 2> "$LOG.err"
  STUNNEL=$BG
  wait_port "$2" || { cat "$LOG.err" "$LOG.stunnel"; return 1; }
  maps_ok "$STUNNEL"
}
stunnel_stop() {
  kill "$STUNNEL" 2>/dev/null; wait "$STUNNEL" 2>/dev/null
  cat "$LOG.stunnel" "$LOG.err"
  no_loader_warning "$LOG.err"
}

# (a) server mode: openssl s_client -> stunnel (TLS, ferrossl) -> a plain TCP service
t_stunnel_server() {
  local port back; port=$(free_port); back=$(free_port)
  socat TCP-LISTEN:"$back",bind=127.0.0.1,reuseaddr,fork SYSTEM:'echo stunnel-backend; head -n 1' \
    > "$LOG.socat" 2>&1 &
  PIDS+=($!); wait_port "$back" || return 1
  stunnel_conf "$B/stunnel-server.conf" "[tls-in]" "accept = 127.0.0.1:$port" \
    "connect = 127.0.0.1:$back" "cert = $CERT" "key = $KEY"
  stunnel_start "$B/stunnel-server.conf" "$port" || return 1
  echo hello-through-stunnel | timeout "$T" openssl s_client -connect "127.0.0.1:$port" \
    -servername localhost -CAfile "$CA" -verify_return_error -ign_eof > "$LOG.client" 2>&1
  local rc=$?
  stunnel_stop || return 1
  cat "$LOG.client"
  [ $rc = 0 ] && grep -q 'stunnel-backend' "$LOG.client" && grep -q 'hello-through-stunnel' "$LOG.client" \
    && grep -q 'Verify return code: 0 (ok)' "$LOG.client" && grep -q 'Connection closed' "$LOG.stunnel"
}

# (a') server mode requiring a client certificate (verifyChain + CAfile)
t_stunnel_server_client_cert() {
  local port back; port=$(free_port); back=$(free_port)
  socat TCP-LISTEN:"$back",bind=127.0.0.1,reuseaddr,fork SYSTEM:'echo stunnel-backend' > "$LOG.socat" 2>&1 &
  PIDS+=($!); wait_port "$back" || return 1
  stunnel_conf "$B/stunnel-server-cc.conf" "[tls-in]" "accept = 127.0.0.1:$port" \
    "connect = 127.0.0.1:$back" "cert = $CERT" "key = $KEY" "verifyChain = yes" "CAfile = $CA"
  stunnel_start "$B/stunnel-server-cc.conf" "$port" || return 1
  timeout "$T" openssl s_client -connect "127.0.0.1:$port" -servername localhost -CAfile "$CA" \
    -cert "$CERTS/client.pem" -key "$CERTS/client.key" -verify_return_error -ign_eof \
    < /dev/null > "$LOG.client" 2>&1
  local rc=$?
  # without a client certificate: refused
  timeout "$T" openssl s_client -connect "127.0.0.1:$port" -servername localhost -CAfile "$CA" \
    -verify_return_error -ign_eof < /dev/null > "$LOG.client2" 2>&1
  stunnel_stop || return 1
  cat "$LOG.client" "$LOG.client2"
  [ $rc = 0 ] && grep -q 'stunnel-backend' "$LOG.client" && ! grep -q 'stunnel-backend' "$LOG.client2" \
    && grep -q 'CN=ferrossl compat client' "$LOG.stunnel"
}

# (b) client mode: curl (plain HTTP) -> stunnel (TLS, ferrossl, verifying) -> openssl s_server -www
t_stunnel_client() {
  local port lport; port=$(free_port); lport=$(free_port); s_server "$port" || return 1
  stunnel_conf "$B/stunnel-client.conf" "[tls-out]" "client = yes" "accept = 127.0.0.1:$lport" \
    "connect = 127.0.0.1:$port" "verifyChain = yes" "CAfile = $CA" "checkHost = localhost"
  stunnel_start "$B/stunnel-client.conf" "$lport" || return 1
  timeout "$T" curl -sS -o "$LOG.body" -w '%{http_code}\n' "http://127.0.0.1:$lport/" > "$LOG.curl" 2>&1
  local rc=$?
  stunnel_stop || return 1
  cat "$LOG.curl"
  [ $rc = 0 ] && grep -qx 200 "$LOG.curl" && grep -q 's_server' "$LOG.body" \
    && grep -q 'Certificate accepted at depth=0' "$LOG.stunnel"
}

# (b') client mode: a server certificate not for the checkHost name is refused
t_stunnel_client_wrong_host() {
  local port lport; port=$(free_port); lport=$(free_port); s_server "$port" || return 1
  stunnel_conf "$B/stunnel-client-wh.conf" "[tls-out]" "client = yes" "accept = 127.0.0.1:$lport" \
    "connect = 127.0.0.1:$port" "verifyChain = yes" "CAfile = $CA" "checkHost = wrong.example"
  stunnel_start "$B/stunnel-client-wh.conf" "$lport" || return 1
  timeout "$T" curl -sS -o "$LOG.body" -w '%{http_code}\n' "http://127.0.0.1:$lport/" > "$LOG.curl" 2>&1
  local rc=$?
  stunnel_stop || return 1
  cat "$LOG.curl"
  [ $rc != 0 ] && ! grep -qx 200 "$LOG.curl" && grep -qi 'Rejected by CERT at depth=0' "$LOG.stunnel"
}

# (b'') client mode: a server signed by another CA is refused
t_stunnel_client_untrusted() {
  local port lport; port=$(free_port); lport=$(free_port); s_server "$port" || return 1
  stunnel_conf "$B/stunnel-client-ut.conf" "[tls-out]" "client = yes" "accept = 127.0.0.1:$lport" \
    "connect = 127.0.0.1:$port" "verifyChain = yes" "CAfile = $CERTS/other-ca.pem" "checkHost = localhost"
  stunnel_start "$B/stunnel-client-ut.conf" "$lport" || return 1
  timeout "$T" curl -sS -o "$LOG.body" -w '%{http_code}\n' "http://127.0.0.1:$lport/" > "$LOG.curl" 2>&1
  local rc=$?
  stunnel_stop || return 1
  cat "$LOG.curl"
  [ $rc != 0 ] && ! grep -qx 200 "$LOG.curl" && grep -qi 'unable to get local issuer certificate' "$LOG.stunnel"
}

if have stunnel4; then
  run stunnel/server t_stunnel_server
  run stunnel/server-client-cert t_stunnel_server_client_cert
  run stunnel/client t_stunnel_client
  run stunnel/client-wrong-host t_stunnel_client_wrong_host
  run stunnel/client-untrusted t_stunnel_client_untrusted
else
  echo "FAIL stunnel: not installed"; FAIL=$((FAIL+1))
fi
