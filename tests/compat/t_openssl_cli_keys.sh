# tests/compat/t_openssl_cli_keys.sh (sourced by run.sh): Debian's `openssl` tool on
# ferrossl signing and decrypting with pkeyutl and packing PKCS#12 files with
# `pkcs12 -export`; what one side writes, the system OpenSSL reads. Uses OSSL / ossl_f of
# t_openssl_cli.sh.

OSSL=${OSSL:-/usr/bin/openssl}
declare -F ossl_f > /dev/null || ossl_f() { compat_env "$OSSL" "$@"; }

cli_keys() {
  D="$B/cli-keys"; rm -rf "$D"; mkdir -p "$D"
  printf 'sign me\n' > "$D/msg"
  "$OSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$D/ec.pem" 2> /dev/null \
    && "$OSSL" pkey -in "$D/ec.pem" -pubout -out "$D/ec.pub" \
    && "$OSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$D/rsa.pem" 2> /dev/null \
    && "$OSSL" pkey -in "$D/rsa.pem" -pubout -out "$D/rsa.pub" \
    && "$OSSL" req -x509 -key "$D/ec.pem" -subj /CN=p12-test -days 2 -out "$D/cert.pem" 2> /dev/null
}

# pkeyutl reads its input through a memory BIO whose bytes it keeps after BIO_free
# (apps' bio_to_mem: BIO_FLAGS_MEM_RDONLY); ferrossl freed them, and this crashed
t_cli_pkeyutl() {
  cli_keys || return 1
  ossl_f pkeyutl -sign -inkey "$D/ec.pem" -in "$D/msg" -out "$D/sig.f" || return 1
  "$OSSL" pkeyutl -verify -pubin -inkey "$D/ec.pub" -in "$D/msg" -sigfile "$D/sig.f" || return 1
  "$OSSL" pkeyutl -sign -inkey "$D/ec.pem" -in "$D/msg" -out "$D/sig.o" || return 1
  ossl_f pkeyutl -verify -pubin -inkey "$D/ec.pub" -in "$D/msg" -sigfile "$D/sig.o" || return 1
  printf 'other\n' > "$D/other"
  if ossl_f pkeyutl -verify -pubin -inkey "$D/ec.pub" -in "$D/other" -sigfile "$D/sig.o"; then
    echo "a signature over other data verified"; return 1
  fi
  # RSA: OpenSSL encrypts (PKCS#1 v1.5 and OAEP), ferrossl decrypts, and the reverse
  "$OSSL" pkeyutl -encrypt -pubin -inkey "$D/rsa.pub" -in "$D/msg" -out "$D/ct.o" || return 1
  ossl_f pkeyutl -decrypt -inkey "$D/rsa.pem" -in "$D/ct.o" -out "$D/pt.f" || return 1
  cmp "$D/msg" "$D/pt.f" || return 1
  ossl_f pkeyutl -encrypt -pubin -inkey "$D/rsa.pub" -pkeyopt rsa_padding_mode:oaep \
    -in "$D/msg" -out "$D/ct.f" || return 1
  "$OSSL" pkeyutl -decrypt -inkey "$D/rsa.pem" -pkeyopt rsa_padding_mode:oaep \
    -in "$D/ct.f" -out "$D/pt.o" || return 1
  cmp "$D/msg" "$D/pt.o" && echo "pkeyutl: sign/verify and encrypt/decrypt both ways"
}

# pkcs12 -export on ferrossl: OpenSSL reads the file with the same password, finds the
# certificate, the key and the friendly name, and a 2048-iteration SHA-256 MAC (OpenSSL
# 3's defaults; the bags are PBE-SHA1-3DES, aws-lc having no PBES2 for PKCS#12)
t_cli_pkcs12_export() {
  cli_keys || return 1
  ossl_f pkcs12 -export -in "$D/cert.pem" -inkey "$D/ec.pem" -name friendly \
    -passout pass:s3cret -out "$D/f.p12" || return 1
  "$OSSL" pkcs12 -in "$D/f.p12" -passin pass:s3cret -info -nodes -out "$D/dump.pem" \
    2> "$D/info" || { cat "$D/info"; return 1; }
  cat "$D/info"
  grep -q '^MAC: sha256, Iteration 2048$' "$D/info" || return 1
  grep -q 'friendlyName: friendly' "$D/dump.pem" || return 1
  "$OSSL" x509 -in "$D/dump.pem" -noout -fingerprint -sha256 > "$D/fp.dump" \
    && "$OSSL" x509 -in "$D/cert.pem" -noout -fingerprint -sha256 > "$D/fp.cert" \
    && cmp "$D/fp.dump" "$D/fp.cert" || return 1
  "$OSSL" pkey -in "$D/dump.pem" -pubout > "$D/pub.dump" && cmp "$D/pub.dump" "$D/ec.pub" || return 1
  # the wrong password is refused on both sides
  if "$OSSL" pkcs12 -in "$D/f.p12" -passin pass:wrong -noout 2> /dev/null; then
    echo "OpenSSL accepted the wrong password"; return 1
  fi
  # asking for OpenSSL 3's PBES2/AES-256 bags fails cleanly instead of writing weaker ones
  if ossl_f pkcs12 -export -in "$D/cert.pem" -inkey "$D/ec.pem" -keypbe AES-256-CBC \
    -certpbe AES-256-CBC -passout pass:x -out "$D/aes.p12" 2> "$D/aes.err"; then
    echo "PBES2 bags reported written"; return 1
  fi
  grep -q PKCS12_create "$D/aes.err"
}

# pkey/rsa -text and -text_pub: RSA, EC on P-256/384/521 (whose private scalar OpenSSL 3
# prints at the order's length), Ed25519, X25519, public-only keys: byte-equal to OpenSSL
t_cli_key_text() {
  cli_keys || return 1
  local k f a n=0
  for k in "secp384r1" "secp521r1"; do
    "$OSSL" ecparam -name "$k" -genkey -noout -out "$D/$k.pem" || return 1
  done
  "$OSSL" genpkey -algorithm ED25519 -out "$D/ed.pem" && "$OSSL" genpkey -algorithm X25519 -out "$D/x.pem" \
    && "$OSSL" pkey -in "$D/ed.pem" -pubout -out "$D/ed.pub" || return 1
  for f in rsa.pem ec.pem secp384r1.pem secp521r1.pem ed.pem x.pem; do
    for a in -text -text_pub; do
      ossl_f pkey -in "$D/$f" $a -noout > "$D/text.f" 2>&1; "$OSSL" pkey -in "$D/$f" $a -noout > "$D/text.o" 2>&1
      cmp "$D/text.f" "$D/text.o" || { echo "pkey $a $f differs"; diff "$D/text.o" "$D/text.f" | head; return 1; }
      n=$((n + 1))
    done
  done
  for f in rsa.pub ec.pub ed.pub; do
    ossl_f pkey -pubin -in "$D/$f" -text -noout > "$D/text.f" 2>&1; "$OSSL" pkey -pubin -in "$D/$f" -text -noout > "$D/text.o"
    cmp "$D/text.f" "$D/text.o" || { echo "pkey -pubin -text $f differs"; diff "$D/text.o" "$D/text.f" | head; return 1; }
    n=$((n + 1))
  done
  ossl_f rsa -in "$D/rsa.pem" -text -noout > "$D/text.f" 2>&1; "$OSSL" rsa -in "$D/rsa.pem" -text -noout > "$D/text.o"
  cmp "$D/text.f" "$D/text.o" && echo "$((n + 1)) key texts byte-equal to OpenSSL's"
}

run openssl-cli/pkeyutl t_cli_pkeyutl
run openssl-cli/key-text t_cli_key_text
run openssl-cli/pkcs12-export t_cli_pkcs12_export
