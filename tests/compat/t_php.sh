# tests/compat/t_php.sh (sourced by run.sh): PHP 8.2's openssl extension (Debian's php-cli,
# unchanged) on ferrossl. The crypto script runs on the system OpenSSL and on ferrossl and
# both outputs must be equal; signatures cross-check with `openssl dgst`, AES-128-CBC with
# `openssl enc`; tls:// and ssl:// streams verify the peer and refuse a wrong name or CA.

PHPDIR="$HERE/php"

t_php_crypto() {
  local d="$B/php"; mkdir -p "$d"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/ec.key" 2>/dev/null || return 1
  openssl pkey -in "$d/ec.key" -pubout -out "$d/ec.pub" || return 1
  cp "$CERT" "$d/server.pem"; cp "$CA" "$d/ca.pem"
  printf 'message to sign' | openssl dgst -sha256 -sign "$d/ec.key" -out "$d/msg.sig" || return 1
  php -n -d extension_dir=/nonexistent "$PHPDIR/crypto.php" "$d" > "$LOG.openssl" 2> "$LOG.openssl.err"
  compat_env timeout "$T" php -n "$PHPDIR/crypto.php" "$d" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"
  [ $rc = 0 ] || return 1
  diff -u "$LOG.openssl" "$LOG.out" || return 1
  grep -qx 'served-by-system-openssl' "$LOG.openssl.err" && grep -qx 'served-by-ferrossl' "$LOG.err" || return 1
  no_loader_warning "$LOG.err" || return 1
  grep -qx 'verify-own 1' "$LOG.out" && grep -qx 'verify-tampered 0' "$LOG.out" \
    && grep -qx 'verify-cli 1' "$LOG.out" && grep -qx 'gcm-bad-tag false' "$LOG.out" || return 1
  # the signature PHP made on ferrossl verifies with the openssl CLI
  printf 'message to sign' | openssl dgst -sha256 -verify "$d/ec.pub" -signature "$d/php.sig.ferrossl" || return 1
  # AES-128-CBC as `openssl enc` computes it
  local want; want=$(printf 'ferrossl php cbc round trip' | openssl enc -aes-128-cbc -K 000102030405060708090a0b0c0d0e0f \
    -iv f0e0d0c0b0a090807060504030201000 -base64 -A)
  echo "openssl enc: $want"
  grep -qx "cbc-b64 $want" "$LOG.out" || return 1
  grep -qx 'sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' "$LOG.out"
}

# php_tls URL PEER_NAME CAFILE: the stream script on ferrossl; its status in $?
php_tls() {
  compat_env timeout "$T" php -n "$PHPDIR/tls.php" "$1" "$3" "$2" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"; grep -qx served-by-ferrossl "$LOG.out" && no_loader_warning "$LOG.err" || return 9
  return $rc
}
t_php_tls_verified() {
  local port; port=$(free_port); s_server "$port" || return 1
  php_tls "tls://127.0.0.1:$port" localhost "$CA" && grep -q '^status: HTTP/1.0 200 ok' "$LOG.out" \
    && grep -qx 'protocol: TLSv1.3' "$LOG.out"
}
t_php_ssl_tls12_verified() {
  local port; port=$(free_port); s_server "$port" -tls1_2 || return 1
  php_tls "ssl://localhost:$port" localhost "$CA" && grep -q '^status: HTTP/1.0 200 ok' "$LOG.out" \
    && grep -qx 'protocol: TLSv1.2' "$LOG.out"
}
t_php_tls_wrong_name() {
  local port; port=$(free_port); s_server "$port" || return 1
  php_tls "tls://127.0.0.1:$port" wrong.example "$CA"; local rc=$?
  [ $rc = 2 ] && grep -q "Peer certificate subjectAltName did not match expected name \`wrong.example'" "$LOG.out"
}
t_php_tls_untrusted_ca() {
  local port; port=$(free_port); s_server "$port" || return 1
  php_tls "tls://127.0.0.1:$port" localhost "$CERTS/other-ca.pem"; local rc=$?
  [ $rc = 2 ] && grep -q 'certificate verify failed' "$LOG.out"
}

if have php; then
  run php/crypto-same-as-openssl t_php_crypto
  run php/tls-verified t_php_tls_verified
  run php/ssl-tls12-verified t_php_ssl_tls12_verified
  run php/tls-wrong-name-refused t_php_tls_wrong_name
  run php/tls-untrusted-ca-refused t_php_tls_untrusted_ca
else
  echo "FAIL php: not installed (tests/deps.sh installs php-cli)"; FAIL=$((FAIL+1))
fi
