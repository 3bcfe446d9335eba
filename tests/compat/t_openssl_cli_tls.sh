# tests/compat/t_openssl_cli_tls.sh (sourced by run.sh): Debian's unchanged `openssl`
# s_client and s_server running on ferrossl (BIO_ADDR / BIO_lookup_ex / BIO_socket ...),
# against each other and against the system OpenSSL's. Uses t_openssl_cli.sh's OSSL and
# ossl_f. The server side runs in its default mode (it reads its stdin, so it gets a FIFO
# the test writes to); `-www`, `-WWW` and `-rev` (BIO_f_buffer over BIO_f_ssl) answer
# curl and s_client in t_cli_s_server_www / t_cli_s_server_rev.

# cli_server WHO PORT [args]: s_server on OpenSSL (WHO=o) or ferrossl (WHO=f), its stdin a
# FIFO held open on fd 7 (so it never sees EOF), its output in $LOG.srv
cli_server() {
  local who=$1 port=$2; shift 2
  rm -f "$LOG.fifo"; mkfifo "$LOG.fifo"; exec 7<> "$LOG.fifo"
  local run=("$OSSL"); [ "$who" = f ] && run=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
  "${run[@]}" s_server -accept "$port" -naccept 1 -cert "$CERT" -key "$KEY" "$@" \
    <&7 > "$LOG.srv" 2>&1 &
  SRV=$!; PIDS+=($SRV)
  wait_port "$port" || { cat "$LOG.srv"; return 1; }
}
# wait_for FILE TEXT: until FILE contains TEXT (up to 10 s, polling like wait_port)
wait_for() {
  for _ in $(seq 100); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1"; return 1
}
# cli_client WHO PORT [args]: s_client (on OpenSSL or ferrossl) sends "ping-from-client",
# waits for the server to print it, has the server send "pong-from-server" and waits for
# it, then ends its input (s_client closes the connection: "DONE"). Output: $LOG.cli(.err)
cli_client() {
  local who=$1 port=$2; shift 2
  local run=("$OSSL"); [ "$who" = f ] && run=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
  : > "$LOG.cli"
  {
    echo ping-from-client
    wait_for "$LOG.srv" ping-from-client >&2 && echo pong-from-server >&7 &&
      wait_for "$LOG.cli" pong-from-server >&2
  } | timeout "$T" "${run[@]}" s_client -connect "127.0.0.1:$port" "$@" > "$LOG.cli" 2> "$LOG.cli.err"
}
# the lines of an s_client report that do not depend on the run
cli_summary() {
  grep -E '^(New|Reused), |^ALPN protocol|^No ALPN|^Verify return code|^Verification|^ *Protocol  :' "$1" | sort -u
}
# tls_pair CW SW VERSIONFLAG MODE: one connection, data both ways, the client's summary
# checked against OpenSSL's own s_client on the same server setup (printed). MODE alpn:
# the server offers h2 and http/1.1, the client asks for h2; MODE sni: the server has a
# second context for -servername localhost (s_server prints the name it got; OpenSSL's
# s_server then negotiates no ALPN, so that mode does not ask for it)
tls_pair() {
  local cw=$1 sw=$2 ver=$3 mode=$4 port want got sargs cargs
  if [ "$mode" = alpn ]; then
    sargs=(-alpn h2,http/1.1); cargs=(-alpn h2)
  else
    sargs=(-servername localhost -cert2 "$CERT" -key2 "$KEY"); cargs=()
  fi
  port=$(free_port)
  cli_server "$sw" "$port" "${sargs[@]}" || return 1
  cli_client "$cw" "$port" -CAfile "$CA" -servername localhost -verify_return_error "${cargs[@]}" $ver || {
    echo "s_client ($cw) failed"; cat "$LOG.cli" "$LOG.cli.err" "$LOG.srv"; return 1; }
  wait "$SRV"; exec 7>&-
  grep -q pong-from-server "$LOG.cli" || { echo "no data from the server"; return 1; }
  grep -q ping-from-client "$LOG.srv" || { echo "no data at the server"; return 1; }
  if [ "$mode" = sni ]; then
    grep -q 'Hostname in TLS extension: "localhost"' "$LOG.srv" || { echo "server saw no SNI"; cat "$LOG.srv"; return 1; }
  fi
  got=$(cli_summary "$LOG.cli")
  # the same client on the system OpenSSL, against the same kind of server
  cp "$LOG.srv" "$LOG.srv.first"
  port=$(free_port)
  cli_server "$sw" "$port" "${sargs[@]}" || return 1
  cli_client o "$port" -CAfile "$CA" -servername localhost -verify_return_error "${cargs[@]}" $ver || return 1
  wait "$SRV"; exec 7>&-
  want=$(cli_summary "$LOG.cli")
  echo "$cw -> $sw $ver $mode:"; echo "$got"
  [ "$got" = "$want" ] || { echo "differs from OpenSSL's s_client:"; echo "$want"; return 1; }
  [[ "$got" == *"Verification: OK"* ]] && [[ "$got" == *"Protocol  : TLSv1.${ver#-tls1_}"* ]] || return 1
  [ "$mode" = sni ] || [[ "$got" == *"ALPN protocol: h2"* ]]
}
# tls_pairs CW SW: TLS 1.3 and 1.2, each with ALPN and with SNI
tls_pairs() {
  local v m
  for v in -tls1_3 -tls1_2; do for m in alpn sni; do tls_pair "$1" "$2" "$v" "$m" || return 1; done; done
}

# ferrossl's s_client against OpenSSL's s_server: TLS 1.3 and 1.2
t_cli_s_client_to_openssl() {
  tls_pairs f o
}
# OpenSSL's s_client against ferrossl's s_server: TLS 1.3 and 1.2
t_cli_s_server_from_openssl() {
  tls_pairs o f
}
# both on ferrossl
t_cli_s_client_s_server() {
  tls_pairs f f
}

# -verify_return_error with a CA that did not sign the server: the handshake fails,
# s_client exits non-zero and prints the verify error, as OpenSSL's does
t_cli_verify_error() {
  local port who out
  for who in f o; do
    port=$(free_port)
    cli_server o "$port" || return 1
    local run=("$OSSL"); [ "$who" = f ] && run=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
    if timeout "$T" "${run[@]}" s_client -connect "127.0.0.1:$port" -CAfile "$CERT" \
        -verify_return_error < /dev/null > "$LOG.cli.$who" 2>&1; then
      echo "s_client ($who) succeeded with the wrong CA"; cat "$LOG.cli.$who"; return 1
    fi
    wait "$SRV"; exec 7>&-
    grep -E '^verify error:' "$LOG.cli.$who" | head -1 > "$LOG.verr.$who"
    cat "$LOG.verr.$who"
    [ -s "$LOG.verr.$who" ] || { echo "no verify error printed ($who)"; cat "$LOG.cli.$who"; return 1; }
  done
  cmp "$LOG.verr.f" "$LOG.verr.o" || { echo "the verify errors differ"; return 1; }
}

# -sess_out then -sess_in: OpenSSL's s_client resumes ("Reused") against either server.
# ferrossl's s_client writes and reads the session file, but a client session cannot be
# rebuilt in another process (docs/compat.md, Sessions): the second connection is a full
# handshake ("New"), and the test asserts exactly that.
t_cli_sess() {
  local sw cw ver port want
  for sw in o f; do
    for ver in -tls1_3 -tls1_2; do
      for cw in o f; do
        local run=("$OSSL"); [ "$cw" = f ] && run=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
        rm -f "$LOG.sess"
        port=$(free_port)
        # one server, two connections
        rm -f "$LOG.fifo"; mkfifo "$LOG.fifo"; exec 7<> "$LOG.fifo"
        local srun=("$OSSL"); [ "$sw" = f ] && srun=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
        "${srun[@]}" s_server -accept "$port" -naccept 2 -cert "$CERT" -key "$KEY" <&7 > "$LOG.srv" 2>&1 &
        SRV=$!; PIDS+=($SRV); wait_port "$port" || return 1
        # -ign_eof keeps the first connection open until the session (TLS 1.3: the
        # ticket, sent after the handshake) is written; then "q" on the server's
        # input closes that connection, which ends the client
        { wait_for "$LOG.sess" "END SSL SESSION PARAMETERS" >&2; echo q >&7; } &
        PIDS+=($!)
        timeout "$T" "${run[@]}" s_client -connect "127.0.0.1:$port" -CAfile "$CA" $ver \
          -ign_eof -sess_out "$LOG.sess" < /dev/null > "$LOG.cli1" 2>&1
        [ -s "$LOG.sess" ] || { echo "no session written ($cw $sw $ver)"; cat "$LOG.cli1"; return 1; }
        timeout "$T" "${run[@]}" s_client -connect "127.0.0.1:$port" -CAfile "$CA" $ver \
          -sess_in "$LOG.sess" < /dev/null > "$LOG.cli2" 2>&1 || { echo "second connection ($cw $sw $ver)"; cat "$LOG.cli2"; return 1; }
        wait "$SRV"; exec 7>&-
        local got; got=$(grep -E '^(New|Reused), ' "$LOG.cli2")
        echo "$cw -> $sw $ver: $got"
        if [ "$cw" = o ]; then want=Reused; else want=New; fi
        [[ "$got" == "$want, "* ]] || { echo "expected $want"; cat "$LOG.cli2"; return 1; }
      done
    done
  done
}

# s_server -www / -WWW on ferrossl (BIO_f_ssl under BIO_f_buffer, BIO_gets, BIO_puts,
# BIO_flush): curl gets the status page and a file, as from OpenSSL's s_server, and
# ferrossl's s_client gets the same file
t_cli_s_server_www() {
  local who port d="$B/cli-www"
  rm -rf "$d"; mkdir -p "$d"; echo "a file served by s_server -WWW" > "$d/index.txt"
  for who in o f; do
    local run=("$OSSL"); [ "$who" = f ] && run=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
    port=$(free_port)
    "${run[@]}" s_server -accept "$port" -naccept 1 -cert "$CERT" -key "$KEY" -www \
      < /dev/null > "$LOG.srv.$who" 2>&1 &
    SRV=$!; PIDS+=($SRV); wait_port "$port" || return 1
    timeout "$T" curl -sS --cacert "$CA" "https://localhost:$port/" -o "$d/www.$who" || return 1
    wait "$SRV" || { echo "s_server -www ($who) failed"; cat "$LOG.srv.$who"; return 1; }
    grep -q '^New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384$' "$d/www.$who" &&
      grep -q '^no client certificate available$' "$d/www.$who" &&
      grep -q '</pre></BODY></HTML>' "$d/www.$who" || { echo "-www page ($who):"; cat "$d/www.$who"; return 1; }
    port=$(free_port)
    ( cd "$d" && exec "${run[@]}" s_server -accept "$port" -naccept 2 -cert "$CERT" -key "$KEY" -WWW \
      < /dev/null > "$LOG.srvW.$who" 2>&1 ) &
    SRV=$!; PIDS+=($SRV); wait_port "$port" || return 1
    timeout "$T" curl -sS -D "$d/head.$who" --cacert "$CA" "https://localhost:$port/index.txt" \
      -o "$d/file.$who" || return 1
    printf 'GET /index.txt HTTP/1.0\r\n\r\n' | timeout "$T" env LD_LIBRARY_PATH="$COMPAT_DIR" \
      "$OSSL" s_client -connect "127.0.0.1:$port" -CAfile "$CA" -quiet -ign_eof \
      > "$d/sclient.$who" 2> "$d/sclient.$who.err" || { cat "$d/sclient.$who.err"; return 1; }
    wait "$SRV" || { echo "s_server -WWW ($who) failed"; cat "$LOG.srvW.$who"; return 1; }
    cmp "$d/index.txt" "$d/file.$who" || return 1
    grep -q '^HTTP/1.0 200 ok' "$d/head.$who" && grep -qx 'a file served by s_server -WWW' "$d/sclient.$who" ||
      { echo "-WWW answer ($who):"; cat "$d/head.$who" "$d/sclient.$who"; return 1; }
  done
  cmp "$d/head.o" "$d/head.f" && cmp "$d/sclient.o" "$d/sclient.f" || { echo "-WWW answers differ"; return 1; }
  echo "s_server -www and -WWW: same answers as OpenSSL's"
}
# s_server -rev (BIO_do_handshake over BIO_f_ssl, BUF_reverse): each line comes back
# reversed, to OpenSSL's s_client and to ferrossl's, until CLOSE
t_cli_s_server_rev() {
  local sw cw port
  for sw in o f; do
    for cw in o f; do
      local srun=("$OSSL"); [ "$sw" = f ] && srun=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
      local crun=("$OSSL"); [ "$cw" = f ] && crun=(env LD_LIBRARY_PATH="$COMPAT_DIR" "$OSSL")
      port=$(free_port)
      "${srun[@]}" s_server -accept "$port" -naccept 1 -cert "$CERT" -key "$KEY" -rev \
        < /dev/null > "$LOG.srv" 2>&1 &
      SRV=$!; PIDS+=($SRV); wait_port "$port" || return 1
      printf 'hello world\nabc\nCLOSE\n' | timeout "$T" "${crun[@]}" s_client \
        -connect "127.0.0.1:$port" -CAfile "$CA" -quiet -ign_eof > "$LOG.cli.$sw$cw" 2> "$LOG.cli.err" ||
        { echo "s_client ($cw) against -rev ($sw) failed"; cat "$LOG.cli.err" "$LOG.srv"; return 1; }
      wait "$SRV" || { echo "s_server -rev ($sw) failed"; cat "$LOG.srv"; return 1; }
      grep -q 'CONNECTION CLOSED' "$LOG.srv" || { cat "$LOG.srv"; return 1; }
      [ "$(cat "$LOG.cli.$sw$cw")" = "$(printf 'dlrow olleh\ncba')" ] ||
        { echo "-rev ($sw, client $cw) answered:"; cat "$LOG.cli.$sw$cw"; return 1; }
      echo "s_server -rev ($sw) with s_client ($cw): lines reversed"
    done
  done
}

run openssl-cli/s_client-to-openssl t_cli_s_client_to_openssl
run openssl-cli/s_server-from-openssl t_cli_s_server_from_openssl
run openssl-cli/s_client-s_server t_cli_s_client_s_server
run openssl-cli/verify-error t_cli_verify_error
run openssl-cli/sess t_cli_sess
run openssl-cli/s_server-www t_cli_s_server_www
run openssl-cli/s_server-rev t_cli_s_server_rev
