# tests/compat/t_openssl_cli_req.sh (sourced by run.sh): Debian's `openssl req -new -x509`
# on ferrossl (NCONF_load_bio, X509_new_ex, BN_to_ASN1_INTEGER into the certificate's
# serial, X509V3_EXT_add_nconf, X509v3_get_ext_by_OBJ for the key identifiers, X509_sign):
# the certificate read by OpenSSL, its `x509 -text` equal to one OpenSSL made from the
# same key and arguments apart from what randomness and time enter (serial, dates,
# signature), and it verifies as its own CA. Not yet: `req -new` without -x509 (a CSR:
# X509V3_EXT_REQ_add_nconf), see docs/compat.md.

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
