# tests/compat/t_postgres.sh (sourced by run.sh): Debian's PostgreSQL 15 server and psql on
# ferrossl. One cluster per run (initdb in $B/pg, as the postgres user: the server refuses
# root); each case starts the server, on ferrossl or on the system OpenSSL, and connects with
# psql on ferrossl or on the system OpenSSL.
PG_BIN=/usr/lib/postgresql/15/bin
PG=$B/pg; PGDATA_DIR=$PG/data; PGC=$B/pgclient
PG_USER=${PG_USER:-postgres}
PG_CLIENT_ROLE="ferrossl compat client" # the client certificate's CN (cert authentication)

as_pg() { setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --init-groups "$@"; }

# pg_init: initdb once per run.sh run (marker names run.sh's PID), server TLS files owned by
# the postgres user (key 0600), pg_hba: TLS only, client certificates for $PG_CLIENT_ROLE.
pg_init() {
  [ -e "$PG/.ready-$$" ] && return 0
  rm -rf "$PG" "$PGC"; mkdir -p "$PG" "$PGC"
  cp "$CERT" "$PG/server.pem"; cp "$KEY" "$PG/server.key"; cp "$CA" "$PG/ca.pem"
  cp "$CERTS/client.pem" "$PGC/client.pem"; cp "$CERTS/client.key" "$PGC/client.key"
  chmod 0600 "$PG/server.key" "$PGC/client.key"
  chown -R "$PG_USER:" "$PG"
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    > "$PG/initdb.log" 2>&1 || { cat "$PG/initdb.log"; return 1; }
  cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG'
ssl = on
ssl_cert_file = '$PG/server.pem'
ssl_key_file = '$PG/server.key'
ssl_ca_file = '$PG/ca.pem'
fsync = off
CONF
  cat > "$PGDATA_DIR/pg_hba.conf" <<HBA
local     all  all                         trust
hostssl   all  "$PG_CLIENT_ROLE" 127.0.0.1/32 cert
hostssl   all  scram_user      127.0.0.1/32 scram-sha-256
hostssl   all  all                127.0.0.1/32 trust
hostnossl all  all                127.0.0.1/32 reject
HBA
  printf 'CREATE ROLE "%s" LOGIN;\nCREATE ROLE scram_user LOGIN PASSWORD '"'scram secret'"';\nCREATE EXTENSION sslinfo;\n' "$PG_CLIENT_ROLE" \
    | as_pg "$PG_BIN/postgres" --single -D "$PGDATA_DIR" postgres > "$PG/single.log" 2>&1 \
    || { cat "$PG/single.log"; return 1; }
  touch "$PG/.ready-$$"
}

# pg_start compat|system: the server in the foreground (setpriv execs it: $PGPID is the
# postmaster), on a free port ($PGPORT); returns once it accepts connections.
pg_start() {
  pg_init || return 1
  PGPORT=$(free_port)
  local cmd=(setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --init-groups
    "$PG_BIN/postgres" -D "$PGDATA_DIR" -p "$PGPORT")
  if [ "$1" = compat ]; then
    bg_compat "${cmd[@]}" > "$LOG.server" 2>&1
  else
    "${cmd[@]}" > "$LOG.server" 2>&1 &
    BG=$!; PIDS+=($BG)
    ( sleep "$T"; kill "$BG" 2>/dev/null ) &
    PIDS+=($!)
  fi
  PGPID=$BG
  for _ in $(seq 100); do
    grep -q 'ready to accept connections' "$LOG.server" && break
    kill -0 "$PGPID" 2>/dev/null || break
    sleep 0.1
  done
  grep -q 'ready to accept connections' "$LOG.server" || { cat "$LOG.server"; return 1; }
  if [ "$1" = compat ]; then maps_ok "$PGPID" || return 1; fi
}
pg_stop() {
  kill -INT "$PGPID" 2>/dev/null; wait "$PGPID" 2>/dev/null
  cat "$LOG.server"
  no_loader_warning "$LOG.server"
}

# pg_psql compat|system CONNINFO SQL: psql's output in $LOG.psql, its status returned
pg_psql() {
  local how=$1 conn=$2 sql=$3 pre=()
  [ "$how" = compat ] && pre=(env LD_LIBRARY_PATH="$COMPAT_DIR")
  "${pre[@]}" timeout "$T" "$PG_BIN/psql" -X -At -c "$sql" "$conn" > "$LOG.psql" 2>&1
  local rc=$?
  echo "--- psql ($how): $conn: $sql (status $rc)"; cat "$LOG.psql"
  return $rc
}
PG_SSL_SQL="SELECT ssl_is_used(), current_setting('ssl'), version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"

# psql on ferrossl, verify-full, against the server on ferrossl; then on the system OpenSSL
t_postgres_verify_full() {
  pg_start compat || return 1
  local conn="host=localhost port=$PGPORT dbname=postgres user=postgres sslmode=verify-full sslrootcert=$CA"
  pg_psql compat "$conn" "$PG_SSL_SQL" && grep -Eqx 't\|on\|TLSv1\.[23]' "$LOG.psql" \
    && no_loader_warning "$LOG.psql" || { pg_stop; return 1; }
  pg_psql system "$conn" "SHOW ssl" && grep -qx on "$LOG.psql" || { pg_stop; return 1; }
  pg_stop
}

# psql on ferrossl against the server on the system OpenSSL
t_postgres_psql_vs_openssl_server() {
  pg_start system || return 1
  local conn="host=localhost port=$PGPORT dbname=postgres user=postgres sslmode=verify-full sslrootcert=$CA"
  pg_psql compat "$conn" "$PG_SSL_SQL"; local rc=$?
  pg_stop
  [ $rc = 0 ] && grep -Eqx 't\|on\|TLSv1\.[23]' "$LOG.psql" && no_loader_warning "$LOG.psql"
}

# cert authentication: the server (ferrossl) verifies psql's (ferrossl, then system OpenSSL)
# client certificate against ssl_ca_file; without one the role is refused
t_postgres_client_cert() {
  pg_start compat || return 1
  local conn="host=localhost port=$PGPORT dbname=postgres user='$PG_CLIENT_ROLE' sslmode=verify-full sslrootcert=$CA"
  local q="SELECT ssl_client_cert_present(), ssl_client_dn(), current_user"
  local want="t|/O=ferrossl tests/CN=ferrossl compat client|$PG_CLIENT_ROLE" ok=1
  pg_psql compat "$conn sslcert=$PGC/client.pem sslkey=$PGC/client.key" "$q" \
    && grep -qxF "$want" "$LOG.psql" || ok=0
  pg_psql system "$conn sslcert=$PGC/client.pem sslkey=$PGC/client.key" "$q" \
    && grep -qxF "$want" "$LOG.psql" || ok=0
  # no client certificate: refused by pg_hba's cert line
  pg_psql compat "$conn sslcert=/nonexistent sslkey=/nonexistent" "$q" && ok=0
  grep -q 'connection requires a valid client certificate' "$LOG.psql" || ok=0
  pg_stop && [ $ok = 1 ]
}

# a host name the server certificate does not name: refused, as on OpenSSL
t_postgres_wrong_host() {
  pg_start compat || return 1
  local conn="host=wrong.example hostaddr=127.0.0.1 port=$PGPORT dbname=postgres user=postgres sslmode=verify-full sslrootcert=$CA" ok=1
  pg_psql compat "$conn" "SELECT 1" && ok=0
  grep -q 'does not match host name "wrong.example"' "$LOG.psql" || ok=0
  cp "$LOG.psql" "$LOG.psql.compat"
  pg_psql system "$conn" "SELECT 1" && ok=0
  # the same message as libpq on the system OpenSSL
  diff <(sed 's/port [0-9]*/port N/' "$LOG.psql.compat") <(sed 's/port [0-9]*/port N/' "$LOG.psql") || ok=0
  # sslmode=verify-ca does not check the name: accepted
  pg_psql compat "${conn/verify-full/verify-ca}" "SELECT 1" && grep -qx 1 "$LOG.psql" || ok=0
  pg_stop && [ $ok = 1 ]
}

# a server certificate from another CA: refused
t_postgres_untrusted_ca() {
  pg_start compat || return 1
  local ok=1
  pg_psql compat "host=localhost port=$PGPORT dbname=postgres user=postgres sslmode=verify-full sslrootcert=$CERTS/other-ca.pem" "SELECT 1" && ok=0
  grep -q 'certificate verify failed' "$LOG.psql" || ok=0
  pg_stop && [ $ok = 1 ]
}

# SCRAM-SHA-256-PLUS: both sides hash the server certificate with its signature's digest
# (X509_get_signature_info, tls-server-end-point, RFC 5929); channel_binding=require fails
# unless the server offered -PLUS and both hashes agree. Server on ferrossl with psql on
# ferrossl and on the system OpenSSL, then psql on ferrossl against the server on OpenSSL.
t_postgres_scram_channel_binding() {
  local ok=1 conn q="SELECT current_user, ssl_is_used()"
  pg_start compat || return 1
  conn="host=localhost port=$PGPORT dbname=postgres user=scram_user sslmode=verify-full sslrootcert=$CA channel_binding=require"
  PGPASSWORD='scram secret' pg_psql compat "$conn" "$q" && grep -qx 'scram_user|t' "$LOG.psql" || ok=0
  PGPASSWORD='scram secret' pg_psql system "$conn" "$q" && grep -qx 'scram_user|t' "$LOG.psql" || ok=0
  PGPASSWORD='wrong' pg_psql compat "$conn" "$q" && ok=0
  grep -q 'password authentication failed' "$LOG.psql" || ok=0
  pg_stop
  pg_start system || return 1
  conn="host=localhost port=$PGPORT dbname=postgres user=scram_user sslmode=verify-full sslrootcert=$CA channel_binding=require"
  PGPASSWORD='scram secret' pg_psql compat "$conn" "$q" && grep -qx 'scram_user|t' "$LOG.psql" || ok=0
  pg_stop && [ $ok = 1 ]
}

if [ -x "$PG_BIN/postgres" ] && have setpriv && id "$PG_USER" > /dev/null 2>&1; then
  run postgres/verify-full t_postgres_verify_full
  run postgres/psql-vs-openssl-server t_postgres_psql_vs_openssl_server
  run postgres/client-cert t_postgres_client_cert
  run postgres/wrong-host t_postgres_wrong_host
  run postgres/untrusted-ca t_postgres_untrusted_ca
  run postgres/scram-channel-binding t_postgres_scram_channel_binding
else
  echo "FAIL postgres: not installed (postgresql-15, setpriv, user $PG_USER)"; FAIL=$((FAIL+1))
fi
