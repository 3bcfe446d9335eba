# tests/compat/t_openssl_cli_keycmds.sh (sourced by run.sh): Debian's `openssl` tool on
# ferrossl running rsa, ec, ecparam and genrsa, which write keys through OSSL_ENCODER
# and set key parameters with EVP_PKEY_CTX_set_params / EVP_PKEY_set_int_param. Keys
# come from the system OpenSSL; unencrypted outputs are compared byte for byte with the
# same command there, and what ferrossl writes (generated or encrypted keys) OpenSSL
# reads and checks. Uses OSSL / ossl_f of t_openssl_cli.sh.

OSSL=${OSSL:-/usr/bin/openssl}
declare -F ossl_f > /dev/null || ossl_f() { compat_env "$OSSL" "$@"; }

cli_keycmd_keys() {
  D="$B/cli-keycmds"; rm -rf "$D"; mkdir -p "$D"
  "$OSSL" genrsa -out "$D/rsa.pem" 2048 2> /dev/null \
    && "$OSSL" ecparam -name prime256v1 -genkey -noout -out "$D/ec.pem"
}

# same_out NAME CMD ARGS...: `openssl CMD ARGS -out FILE` writes the same bytes and
# exits alike on ferrossl and on OpenSSL
same_out() {
  local name=$1 rf ro; shift
  ossl_f "$@" -out "$D/$name.f" 2> "$D/$name.ferr"; rf=$?
  "$OSSL" "$@" -out "$D/$name.o" 2> /dev/null; ro=$?
  if [ "$rf" != 0 ] || [ "$ro" != 0 ] || ! cmp -s "$D/$name.f" "$D/$name.o"; then
    echo "differs from OpenSSL (exit $rf vs $ro): $*"; cat "$D/$name.ferr"; return 1
  fi
  echo "same: $name"
}

# rsa: PKCS#8 and PKCS#1 private keys, SubjectPublicKeyInfo, in PEM and DER
t_cli_rsa() {
  cli_keycmd_keys || return 1
  same_out rsa-pkcs8 rsa -in "$D/rsa.pem" || return 1
  same_out rsa-trad rsa -in "$D/rsa.pem" -traditional || return 1
  same_out rsa-der rsa -in "$D/rsa.pem" -outform DER || return 1
  same_out rsa-pub rsa -in "$D/rsa.pem" -pubout || return 1
  same_out rsa-pub-der rsa -in "$D/rsa.pem" -pubout -outform DER || return 1
  # encrypted: PBES2 PKCS#8 and the legacy PEM encryption, read back by OpenSSL
  ossl_f rsa -in "$D/rsa.pem" -aes256 -passout pass:pw -out "$D/enc8.pem" 2> /dev/null \
    && head -1 "$D/enc8.pem" | grep -q 'BEGIN ENCRYPTED PRIVATE KEY' \
    && "$OSSL" rsa -in "$D/enc8.pem" -passin pass:pw -out "$D/dec8.pem" 2> /dev/null \
    && cmp "$D/dec8.pem" "$D/rsa-pkcs8.o" || { echo "encrypted PKCS#8 not read back"; return 1; }
  ossl_f rsa -in "$D/rsa.pem" -aes128 -traditional -passout pass:pw -out "$D/enc1.pem" 2> /dev/null \
    && grep -q '^Proc-Type: 4,ENCRYPTED' "$D/enc1.pem" \
    && "$OSSL" rsa -in "$D/enc1.pem" -passin pass:pw -out "$D/dec1.pem" 2> /dev/null \
    && cmp "$D/dec1.pem" "$D/rsa-pkcs8.o" || { echo "legacy encrypted key not read back"; return 1; }
  # a format with no encoder: the app's own message, exit 1
  if ossl_f rsa -in "$D/rsa.pem" -outform MSBLOB -out "$D/x.blob" 2> "$D/msblob.err"; then
    echo "MSBLOB reported written"; return 1
  fi
  grep -q 'MSBLOB format not supported' "$D/msblob.err"
}

# ec: SEC1 with and without the public key (EVP_PKEY_set_int_param "include-public"),
# SubjectPublicKeyInfo, the curve alone, DER
t_cli_ec() {
  cli_keycmd_keys || return 1
  same_out ec-sec1 ec -in "$D/ec.pem" || return 1
  same_out ec-nopub ec -in "$D/ec.pem" -no_public || return 1
  same_out ec-pub ec -in "$D/ec.pem" -pubout || return 1
  same_out ec-der ec -in "$D/ec.pem" -outform DER || return 1
  same_out ec-param ec -in "$D/ec.pem" -param_out || return 1
  ossl_f ec -in "$D/ec.pem" -aes256 -passout pass:pw -out "$D/ece.pem" 2> /dev/null \
    && grep -q '^Proc-Type: 4,ENCRYPTED' "$D/ece.pem" \
    && "$OSSL" ec -in "$D/ece.pem" -passin pass:pw -out "$D/ecd.pem" 2> /dev/null \
    && cmp "$D/ecd.pem" "$D/ec-sec1.o" || { echo "encrypted EC key not read back"; return 1; }
  echo "ec: encrypted key read back"
}

# ecparam: the curve (EVP_PKEY_CTX_set_params "group"), and keys OpenSSL checks
t_cli_ecparam() {
  cli_keycmd_keys || return 1
  same_out ecparam-p256 ecparam -name prime256v1 || return 1
  same_out ecparam-p384 ecparam -name secp384r1 || return 1
  for c in prime256v1 secp384r1 secp521r1; do
    ossl_f ecparam -name $c -genkey -noout -out "$D/$c.pem" || return 1
    head -1 "$D/$c.pem" | grep -q 'BEGIN EC PRIVATE KEY' || return 1
    "$OSSL" ec -in "$D/$c.pem" -check -noout 2>&1 | grep -q 'EC Key valid' || return 1
    "$OSSL" ec -in "$D/$c.pem" -param_out -out "$D/$c.param" 2> /dev/null \
      && "$OSSL" ecparam -name $c -out "$D/$c.want" && cmp "$D/$c.param" "$D/$c.want" || return 1
  done
  # without -noout: the curve, then the key
  ossl_f ecparam -name prime256v1 -genkey -out "$D/both.pem" || return 1
  grep -c '^-----BEGIN' "$D/both.pem" | grep -qx 2 \
    && "$OSSL" ec -in "$D/both.pem" -check -noout 2>&1 | grep -q 'EC Key valid' || return 1
  echo "ecparam: keys on three curves checked by OpenSSL"
}

# genrsa: BN_GENCB and EVP_PKEY_CTX_set_cb (never called), the exponent via
# EVP_PKEY_get_bn_param, plain and encrypted output OpenSSL checks
t_cli_genrsa() {
  D="$B/cli-genrsa"; rm -rf "$D"; mkdir -p "$D"
  ossl_f genrsa -verbose -out "$D/g.pem" 2048 2> "$D/g.err" || { cat "$D/g.err"; return 1; }
  grep -q '^e is 65537 (0x010001)$' "$D/g.err" || { cat "$D/g.err"; return 1; }
  head -1 "$D/g.pem" | grep -q 'BEGIN PRIVATE KEY' || return 1
  "$OSSL" rsa -in "$D/g.pem" -check -noout 2>&1 | grep -q 'RSA key ok' || return 1
  "$OSSL" rsa -in "$D/g.pem" -text -noout 2> /dev/null | grep -q 'Private-Key: (2048 bit, 2 primes)' \
    || return 1
  ossl_f genrsa -aes256 -passout pass:pw -out "$D/ge.pem" 3072 2> /dev/null || return 1
  "$OSSL" rsa -in "$D/ge.pem" -passin pass:pw -check -noout 2>&1 | grep -q 'RSA key ok' || return 1
  "$OSSL" rsa -in "$D/ge.pem" -passin pass:pw -text -noout 2> /dev/null \
    | grep -q 'Private-Key: (3072 bit' || return 1
  # three primes: aws-lc makes two-prime keys only, refused instead of ignored
  if ossl_f genrsa -primes 3 -out "$D/g3.pem" 2048 2> /dev/null; then
    echo "a 3-prime key reported generated"; return 1
  fi
  echo "genrsa: 2048 and encrypted 3072-bit keys checked by OpenSSL"
}

run openssl-cli/rsa t_cli_rsa
run openssl-cli/ec t_cli_ec
run openssl-cli/ecparam t_cli_ecparam
run openssl-cli/genrsa t_cli_genrsa
