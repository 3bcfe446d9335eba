# tests/compat/t_openssl_cli_req.sh (sourced by run.sh): Debian's `openssl req -new -x509`
# on ferrossl (NCONF_load_bio, X509_new_ex, BN_to_ASN1_INTEGER into the certificate's
# serial, X509V3_EXT_add_nconf, X509v3_get_ext_by_OBJ for the key identifiers, X509_sign):
# the certificate read by OpenSSL, its `x509 -text` equal to one OpenSSL made from the
# same key and arguments apart from what randomness and time enter (serial, dates,
# signature), and it verifies as its own CA. Requests (`req -new`, X509_REQ_*,
# X509V3_EXT_REQ_add_nconf) and `x509 -req -CA` both ways.

OSSL=/usr/bin/openssl
# the text with the random and time-dependent lines dropped (serial, validity, signature)
req_text() {
  "$OSSL" x509 -in "$1" -noout -text |
    sed -e '/Serial Number/,+1d' -e '/Not Before\|Not After/d' -e '/Signature Value/,$d'
}
t_cli_req_x509() {
  local d="$B/cli-req" alg args
  rm -rf "$d"; mkdir -p "$d"
  for alg in EC RSA ED25519; do
    args=(-algorithm "$alg"); [ "$alg" = EC ] && args+=(-pkeyopt ec_paramgen_curve:P-256)
    "$OSSL" genpkey "${args[@]}" -out "$d/$alg.key" 2>/dev/null || return 1
    for who in f o; do
      local run=("$OSSL"); [ "$who" = f ] && run=(compat_env "$OSSL")
      "${run[@]}" req -new -x509 -key "$d/$alg.key" -subj "/O=ferrossl tests/CN=req $alg" -days 30 \
        -addext "subjectAltName=DNS:req.example,IP:127.0.0.1" -out "$d/$who-$alg.pem" \
        || { echo "req -x509 $alg failed on $who"; return 1; }
    done
    diff -u <(req_text "$d/o-$alg.pem") <(req_text "$d/f-$alg.pem") || { echo "text differs: $alg"; return 1; }
    "$OSSL" verify -CAfile "$d/f-$alg.pem" "$d/f-$alg.pem" || return 1
    compat_env "$OSSL" verify -CAfile "$d/f-$alg.pem" "$d/f-$alg.pem" || return 1
    echo "ok $alg"
  done
  # a key that does not exist fails on both
  if compat_env "$OSSL" req -new -x509 -key "$d/none.key" -subj /CN=x -out "$d/x.pem" 2>/dev/null; then
    echo "req with a missing key succeeded"; return 1
  fi
}
run openssl-cli/req-x509 t_cli_req_x509

# a request made on ferrossl, checked and issued by OpenSSL (its extensions copied); one
# made by OpenSSL, checked and issued on ferrossl; each leaf verifies under the CA
t_cli_req_csr() {
  local d="$B/cli-csr" alg args
  rm -rf "$d"; mkdir -p "$d"
  "$OSSL" req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/ca.key" \
    -subj "/CN=csr test CA" -days 30 -out "$d/ca.pem" 2>/dev/null || return 1
  for alg in EC RSA ED25519; do
    args=(-algorithm "$alg"); [ "$alg" = EC ] && args+=(-pkeyopt ec_paramgen_curve:P-256)
    "$OSSL" genpkey "${args[@]}" -out "$d/$alg.key" 2>/dev/null || return 1
    compat_env "$OSSL" req -new -key "$d/$alg.key" -subj "/O=ferrossl/CN=csr $alg" \
      -addext "subjectAltName=DNS:csr.example" -out "$d/f-$alg.csr" || { echo "req -new $alg"; return 1; }
    "$OSSL" req -in "$d/f-$alg.csr" -verify -noout || return 1
    compat_env "$OSSL" req -in "$d/f-$alg.csr" -verify -noout || return 1
    "$OSSL" x509 -req -in "$d/f-$alg.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -copy_extensions copy \
      -days 2 -out "$d/o-$alg.pem" 2>/dev/null || return 1
    "$OSSL" x509 -in "$d/o-$alg.pem" -noout -ext subjectAltName | grep -q "DNS:csr.example" \
      || { echo "the requested extension did not reach the certificate"; return 1; }
    "$OSSL" req -new -key "$d/$alg.key" -subj "/CN=o $alg" -out "$d/o-$alg.csr" || return 1
    compat_env "$OSSL" x509 -req -in "$d/o-$alg.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -days 2 \
      -out "$d/f-$alg.pem" || { echo "x509 -req $alg on ferrossl"; return 1; }
    "$OSSL" verify -CAfile "$d/ca.pem" "$d/o-$alg.pem" "$d/f-$alg.pem" || return 1
    echo "ok $alg"
  done
  # a request whose signature was tampered with fails -verify on both
  "$OSSL" req -in "$d/f-EC.csr" -outform DER -out "$d/f-EC.der" || return 1
  python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[-3]^=1; open(sys.argv[2],"wb").write(b)' \
    "$d/f-EC.der" "$d/bad.der"
  "$OSSL" req -inform DER -in "$d/bad.der" -verify -noout > "$d/bad.o" 2>&1
  compat_env "$OSSL" req -inform DER -in "$d/bad.der" -verify -noout > "$d/bad.f" 2>&1
  cat "$d/bad.f"
  grep -q "verify failure" "$d/bad.o" && grep -q "verify failure" "$d/bad.f"
}
run openssl-cli/req-csr t_cli_req_csr
