# tests/compat/t_nginx.sh (sourced by run.sh): Debian's nginx (nginx-light) on ferrossl,
# checked with system-OpenSSL clients (curl, openssl s_client) and an s_server upstream.
# Each test writes its own prefix under $B/nginx-<name>, starts nginx in the foreground
# (`daemon off;`, one worker unless NGX_WORKERS says), checks that the worker maps ferrossl,
# and stops it.

# extra certificates: an RSA one for localhost, an ECDSA one for other.test
nginx_certs() {
  (
    cd "$CERTS" || exit 1
    # (again when the CA was remade: run.sh remakes it when run.sh changes)
    [ -s rsa.pem ] && [ rsa.pem -nt ca.pem ] || {
      openssl req -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.csr -subj "/O=ferrossl tests/CN=localhost" &&
        openssl x509 -req -in rsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out rsa.pem -extfile ext.cnf
    } || exit 1
    [ -s other.pem ] && [ other.pem -nt ca.pem ] || {
      printf 'subjectAltName=DNS:other.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > other.cnf &&
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key -out other.csr \
          -subj "/O=ferrossl tests/CN=other.test" &&
        openssl x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out other.pem -extfile other.cnf
    } || exit 1
  ) >> "$LOG" 2>&1
}

# nginx_start NAME PORT SERVER-BLOCKS...: writes the config, starts nginx, waits for PORT;
# sets NGX_DIR and NGX_PID (the master) and checks the worker's maps.
nginx_start() {
  local name=$1 port=$2; shift 2
  nginx_certs || { echo "certificate generation failed"; return 1; }
  NGX_DIR="$B/nginx-$name"; rm -rf "$NGX_DIR"; mkdir -p "$NGX_DIR/logs" "$NGX_DIR/tmp"
  cat > "$NGX_DIR/nginx.conf" <<EOF
daemon off; master_process on; worker_processes ${NGX_WORKERS:-1}; pid $NGX_DIR/nginx.pid;
error_log $NGX_DIR/logs/error.log info;
events { worker_connections 64; }
http {
  access_log $NGX_DIR/logs/access.log;
  client_body_temp_path $NGX_DIR/tmp; proxy_temp_path $NGX_DIR/tmp;
  ssl_protocols TLSv1.2 TLSv1.3;
  $*
}
EOF
  if [ "${NGX_SYSTEM:-0}" = 1 ]; then # the peer for a program on ferrossl: nginx on OpenSSL
    nginx -p "$NGX_DIR" -c "$NGX_DIR/nginx.conf" > "$LOG.nginx" 2>&1 &
    NGX_PID=$!; PIDS+=("$NGX_PID")
    wait_port "$port" || { echo "nginx did not listen on $port"; cat "$LOG.nginx" "$NGX_DIR/logs/error.log"; return 1; }
    return 0
  fi
  bg_compat nginx -p "$NGX_DIR" -c "$NGX_DIR/nginx.conf" > "$LOG.nginx" 2>&1
  NGX_PID=$BG
  wait_port "$port" || { echo "nginx did not listen on $port"; cat "$LOG.nginx" "$NGX_DIR/logs/error.log"; return 1; }
  local worker; worker=$(pgrep -P "$NGX_PID" | head -n1)
  maps_ok "$NGX_PID" && maps_ok "${worker:-none}" && no_loader_warning "$LOG.nginx"
}
nginx_stop() {
  kill "$NGX_PID" 2>/dev/null; wait "$NGX_PID" 2>/dev/null
  echo "--- error.log"; cat "$NGX_DIR/logs/error.log"
  # nginx logs OpenSSL failures at crit/alert/emerg: ferrossl must leave none
  ! grep -E '\[(emerg|alert|crit)\]' "$NGX_DIR/logs/error.log"
}
ngx_curl() { timeout "$T" curl -sS --cacert "$CA" "$@"; echo; }
ngx_s_client() { echo | timeout "$T" openssl s_client -CAfile "$CA" -verify_return_error "$@" 2>&1; }

# (1) ECDSA certificate: curl gets 200, s_client verifies; the group list names groups
# ferrossl lacks (X448, P-521, ffdhe2048), which are skipped; ssl_conf_command (SSL_CONF_cmd)
# picks the one TLS 1.3 suite
t_nginx_https_ecdsa() {
  local port; port=$(free_port)
  nginx_start ecdsa "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY; ssl_ecdh_curve X448:X25519:P-521:prime256v1:ffdhe2048;
    ssl_conf_command Ciphersuites TLS_CHACHA20_POLY1305_SHA256; ssl_conf_command Options -SessionTicket;
    location / { return 200 'nginx-on-ferrossl\n'; } }" || return 1
  ngx_curl -w '%{http_code}\n' "https://localhost:$port/" > "$LOG.curl" 2>&1
  ngx_s_client -connect "127.0.0.1:$port" -servername localhost > "$LOG.s_client"
  cat "$LOG.curl" "$LOG.s_client"
  nginx_stop || return 1
  grep -qx 'nginx-on-ferrossl' "$LOG.curl" && grep -qx '200' "$LOG.curl" \
    && grep -q 'Verify return code: 0 (ok)' "$LOG.s_client" && grep -q 'Peer signature type: ECDSA' "$LOG.s_client" \
    && grep -q 'Cipher is TLS_CHACHA20_POLY1305_SHA256' "$LOG.s_client"
}

# (2) an ECDSA and an RSA certificate on one server: the client's signature algorithms pick;
# and SNI virtual hosts with different certificates
t_nginx_two_certs_sni() {
  local port; port=$(free_port)
  nginx_start certs "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    ssl_certificate $CERTS/rsa.pem; ssl_certificate_key $CERTS/rsa.key;
    location / { return 200 'host-localhost\n'; } }
  server { listen 127.0.0.1:$port ssl; server_name other.test;
    ssl_certificate $CERTS/other.pem; ssl_certificate_key $CERTS/other.key;
    location / { return 200 'host-other\n'; } }" || return 1
  ngx_s_client -connect "127.0.0.1:$port" -servername localhost -sigalgs ECDSA+SHA256 > "$LOG.ec"
  ngx_s_client -connect "127.0.0.1:$port" -servername localhost -sigalgs RSA-PSS+SHA256:RSA+SHA256 > "$LOG.rsa"
  ngx_s_client -tls1_2 -connect "127.0.0.1:$port" -servername localhost -cipher ECDHE-RSA-AES128-GCM-SHA256 > "$LOG.rsa12"
  ngx_s_client -connect "127.0.0.1:$port" -servername other.test > "$LOG.other"
  ngx_curl --resolve "other.test:$port:127.0.0.1" "https://other.test:$port/" > "$LOG.curl" 2>&1
  ngx_curl "https://localhost:$port/" >> "$LOG.curl" 2>&1
  cat "$LOG.ec" "$LOG.rsa" "$LOG.rsa12" "$LOG.other" "$LOG.curl"
  nginx_stop || return 1
  grep -q 'Peer signature type: ECDSA' "$LOG.ec" && grep -q 'Verify return code: 0 (ok)' "$LOG.ec" \
    && grep -q 'Peer signature type: RSA' "$LOG.rsa" && grep -q 'Verify return code: 0 (ok)' "$LOG.rsa" \
    && grep -q 'Cipher is ECDHE-RSA-AES128-GCM-SHA256' "$LOG.rsa12" \
    && grep -q 'subject=.*CN = other.test' "$LOG.other" && grep -q 'Verify return code: 0 (ok)' "$LOG.other" \
    && grep -qx 'host-other' "$LOG.curl" && grep -qx 'host-localhost' "$LOG.curl"
}

# (3) ssl_verify_client on: without a certificate 400, with one 200 and its subject
t_nginx_client_cert() {
  local port; port=$(free_port)
  nginx_start clientcert "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    ssl_verify_client on; ssl_client_certificate $CA;
    location / { return 200 'client=\$ssl_client_verify \$ssl_client_s_dn\n'; } }" || return 1
  ngx_curl -o /dev/null -w '%{http_code}\n' "https://localhost:$port/" > "$LOG.nocert" 2>&1
  ngx_curl --cert "$CERTS/client.pem" --key "$CERTS/client.key" -w '%{http_code}\n' \
    "https://localhost:$port/" > "$LOG.cert" 2>&1
  ngx_curl --cert "$CERT" --key "$KEY" -o /dev/null -w '%{http_code}\n' "https://localhost:$port/" > "$LOG.servercert" 2>&1
  cat "$LOG.nocert" "$LOG.cert" "$LOG.servercert"
  nginx_stop || return 1
  grep -qx '400' "$LOG.nocert" && grep -qx '200' "$LOG.cert" \
    && grep -qx 'client=SUCCESS CN=ferrossl compat client,O=ferrossl tests' "$LOG.cert" \
    && grep -q 'client sent no required SSL certificate' "$NGX_DIR/logs/error.log"
}

# (4) session resumption, TLS 1.3 (tickets) and TLS 1.2 (shared cache and tickets)
t_nginx_resumption() {
  local port; port=$(free_port)
  nginx_start resume "$port" "ssl_session_cache shared:SSL:1m; ssl_session_tickets on;
  server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    location / { return 200 'ok\n'; } }" || return 1
  # a request, so that TLS 1.3's tickets (sent after the handshake) arrive before the end
  ngx_get() { printf 'GET / HTTP/1.0\r\n\r\n' | timeout "$T" openssl s_client -CAfile "$CA" -verify_return_error -ign_eof "$@" 2>&1; }
  local v ok=0
  for v in -tls1_3 -tls1_2 "-tls1_2 -no_ticket"; do
    rm -f "$B/nginx.sess"
    # shellcheck disable=SC2086
    ngx_get $v -connect "127.0.0.1:$port" -servername localhost -sess_out "$B/nginx.sess" > "$LOG.first"
    # shellcheck disable=SC2086
    ngx_get $v -connect "127.0.0.1:$port" -servername localhost -sess_in "$B/nginx.sess" > "$LOG.second"
    echo "== $v"; grep -E '^(New|Reused),' "$LOG.first" "$LOG.second"
    grep -q '^New, TLS' "$LOG.first" && grep -q '^Reused, TLS' "$LOG.second" \
      && grep -q '^HTTP/1.1 200' "$LOG.second" || ok=1
  done
  nginx_stop && [ $ok = 0 ]
}

# (4b) the shared session cache across workers: with 2 workers and `ssl_session_cache shared:`
# nginx keeps sessions as i2d_SSL_SESSION bytes in shared memory (new/get/remove session
# callbacks, SSL_SESS_CACHE_NO_INTERNAL), so a TLS 1.2 session ID made in one worker resumes in
# the other; and TLS 1.3 tickets resume in both workers. `reuseport` spreads the connections over both workers; the access log names the
# worker ($pid) and whether the session was reused; it must be, in both workers.
t_nginx_shared_cache() {
  local port port2; port=$(free_port); port2=$(free_port)
  [ "$port2" = "$port" ] && port2=$((port + 1))
  NGX_DIR="$B/nginx-shared" # nginx_start sets the same; the config names it first
  NGX_WORKERS=2 nginx_start shared "$port" "ssl_session_cache shared:SSL:1m; ssl_session_tickets off;
  log_format reuse '\$pid \$ssl_session_reused \$ssl_protocol';
  server { listen 127.0.0.1:$port ssl reuseport; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY; access_log $NGX_DIR/logs/reuse.log reuse;
    location / { return 200 'ok\n'; } }
  server { listen 127.0.0.1:$port2 ssl reuseport; server_name localhost; ssl_session_tickets on;
    ssl_certificate $CERT; ssl_certificate_key $KEY; access_log $NGX_DIR/logs/reuse13.log reuse;
    location / { return 200 'ok\n'; } }" || return 1
  wait_port "$port2" || return 1
  ngx_get() { printf 'GET / HTTP/1.0\r\n\r\n' | timeout "$T" openssl s_client -CAfile "$CA" -verify_return_error -ign_eof "$@" 2>&1; }
  local i ok=0 pids pids13
  rm -f "$B/nginx-shared.sess"
  ngx_get -tls1_2 -no_ticket -connect "127.0.0.1:$port" -servername localhost -sess_out "$B/nginx-shared.sess" > "$LOG.first"
  grep -q '^New, TLS' "$LOG.first" || ok=1
  for i in $(seq 24); do
    ngx_get -tls1_2 -no_ticket -connect "127.0.0.1:$port" -servername localhost -sess_in "$B/nginx-shared.sess" > "$LOG.again"
    grep -q '^Reused, TLSv1.2' "$LOG.again" && grep -q '^HTTP/1.1 200' "$LOG.again" || { echo "attempt $i not reused"; ok=1; }
    pids=$(awk '$2 == "r" { print $1 }' "$NGX_DIR/logs/reuse.log" | sort -u | wc -l)
    [ "$i" -ge 4 ] && [ "$pids" -ge 2 ] && break
  done
  # TLS 1.3 tickets on a server with tickets on: the ticket keys are made with the context,
  # before nginx forks, so a ticket from one worker resumes in the other
  rm -f "$B/nginx-shared13.sess"
  ngx_get -tls1_3 -connect "127.0.0.1:$port2" -servername localhost -sess_out "$B/nginx-shared13.sess" > "$LOG.first13"
  grep -q '^New, TLSv1.3' "$LOG.first13" || ok=1
  for i in $(seq 24); do
    ngx_get -tls1_3 -connect "127.0.0.1:$port2" -servername localhost -sess_in "$B/nginx-shared13.sess" > "$LOG.again13"
    grep -q '^Reused, TLSv1.3' "$LOG.again13" && grep -q '^HTTP/1.1 200' "$LOG.again13" || { echo "TLS 1.3 attempt $i not reused"; ok=1; }
    pids13=$(awk '$2 == "r" { print $1 }' "$NGX_DIR/logs/reuse13.log" | sort -u | wc -l)
    [ "$i" -ge 4 ] && [ "$pids13" -ge 2 ] && break
  done
  # and -reconnect: one s_client, five more connections on the same session
  ngx_s_client -tls1_2 -no_ticket -connect "127.0.0.1:$port" -servername localhost -sess_in "$B/nginx-shared.sess" \
    -reconnect > "$LOG.reconnect"
  echo "--- reuse.log"; cat "$NGX_DIR/logs/reuse.log"
  echo "--- reuse13.log"; cat "$NGX_DIR/logs/reuse13.log"
  echo "--- -reconnect"; grep -E '^(New|Reused),' "$LOG.reconnect"
  nginx_stop || return 1
  echo "workers that resumed: $pids (TLS 1.2 ids), $pids13 (TLS 1.3 tickets)"
  [ $ok = 0 ] && [ "$pids" -ge 2 ] && [ "$pids13" -ge 2 ] && [ "$(grep -c '^Reused, TLSv1.2' "$LOG.reconnect")" -ge 5 ] \
    && ! grep -q '^New,' "$LOG.reconnect"
}

# (5) HTTP/2 over ALPN
t_nginx_http2() {
  local port; port=$(free_port)
  nginx_start h2 "$port" "server { listen 127.0.0.1:$port ssl http2; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    location / { return 200 'proto=\$server_protocol\n'; } }" || return 1
  ngx_curl --http2 -w '%{http_version} %{http_code}\n' "https://localhost:$port/" > "$LOG.curl" 2>&1
  ngx_s_client -connect "127.0.0.1:$port" -servername localhost -alpn h2,http/1.1 > "$LOG.s_client"
  cat "$LOG.curl" "$LOG.s_client"
  nginx_stop || return 1
  grep -qx 'proto=HTTP/2.0' "$LOG.curl" && grep -qx '2 200' "$LOG.curl" \
    && grep -q 'ALPN protocol: h2' "$LOG.s_client"
}

# (6) proxy_pass https:// to an s_server upstream, verified against the test CA
t_nginx_proxy_ssl_verify() {
  local port up; port=$(free_port); up=$(free_port)
  [ "$up" = "$port" ] && up=$((port + 1))
  s_server "$up" || return 1
  nginx_start proxy "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    location / { proxy_pass https://127.0.0.1:$up/; proxy_ssl_verify on; proxy_ssl_name localhost;
      proxy_ssl_server_name on; proxy_ssl_trusted_certificate $CA; } }" || return 1
  ngx_curl -w '%{http_code}\n' "https://localhost:$port/" > "$LOG.curl" 2>&1
  tail -n 3 "$LOG.curl"
  nginx_stop || return 1
  grep -qx '200' "$LOG.curl" && grep -q 's_server' "$LOG.curl"
}

# proxy_ssl_verify refuses an upstream whose certificate the trusted CA did not sign: 502
t_nginx_proxy_untrusted() {
  local port up; port=$(free_port); up=$(free_port)
  [ "$up" = "$port" ] && up=$((port + 1))
  s_server "$up" || return 1
  nginx_start proxybad "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    location / { proxy_pass https://127.0.0.1:$up/; proxy_ssl_verify on; proxy_ssl_name localhost;
      proxy_ssl_trusted_certificate $CERTS/other-ca.pem; } }" || return 1
  ngx_curl -o /dev/null -w '%{http_code}\n' "https://localhost:$port/" > "$LOG.curl" 2>&1
  cat "$LOG.curl"
  nginx_stop || return 1
  grep -qx '502' "$LOG.curl" && grep -q 'upstream SSL certificate verify error' "$NGX_DIR/logs/error.log"
}

# curl on ferrossl negotiates HTTP/2 by ALPN with nginx on the system OpenSSL (and stays on
# HTTP/1.1 with --http1.1); the transfer is verified
t_curl_http2_nginx() {
  local port; port=$(free_port)
  NGX_SYSTEM=1 nginx_start h2peer "$port" "server { listen 127.0.0.1:$port ssl http2; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY; location / { return 200 'h2-peer\n'; } }" || return 1
  local w='%{http_version} %{http_code} %{ssl_verify_result}\n'
  compat_env timeout "$T" curl -sS --cacert "$CA" --http2 -w "$w" "https://localhost:$port/" > "$LOG.h2" 2>&1
  compat_env timeout "$T" curl -sS --cacert "$CA" --http1.1 -w "$w" "https://localhost:$port/" > "$LOG.h1" 2>&1
  cat "$LOG.h2" "$LOG.h1"
  nginx_stop || return 1
  grep -qx 'h2-peer' "$LOG.h2" && grep -qx '2 200 0' "$LOG.h2" && grep -qx '1.1 200 0' "$LOG.h1" \
    && no_loader_warning "$LOG.h2"
}

if have nginx; then
  run nginx/https-ecdsa t_nginx_https_ecdsa
  run nginx/two-certs-sni t_nginx_two_certs_sni
  run nginx/client-cert t_nginx_client_cert
  run nginx/resumption t_nginx_resumption
  run nginx/shared-session-cache t_nginx_shared_cache
  run nginx/http2-alpn t_nginx_http2
  run nginx/proxy-ssl-verify t_nginx_proxy_ssl_verify
  run nginx/proxy-untrusted-upstream t_nginx_proxy_untrusted
  run curl/http2-to-nginx t_curl_http2_nginx
else
  echo "FAIL nginx: not installed (tests/deps.sh installs nginx-light)"; FAIL=$((FAIL + 1))
fi
