# tests/compat/t_openssl_cli_x509.sh (sourced by run.sh, after t_openssl_cli.sh: OSSL,
# ossl_f): Debian's `openssl x509` / `req` printing options on ferrossl, each output (and
# exit status) byte-equal to the same command on the system OpenSSL. The certificate
# carries the usual extensions (X509V3_EXT_print over aws-lc's methods, OpenSSL 3.0's
# layout) and one unknown to both (the -certopt ext_* flags); x509 -x509toreq signs a
# request byte-equal to OpenSSL's (RSA PKCS#1 v1.5 signatures are deterministic).

# x509_pki DIR: an RSA key, a self-signed certificate with many extensions (c.pem) and
# one with an issuer+serial authority key identifier (c2.pem), a request (r.csr)
x509_pki() {
  local d=$1
  cat > "$d/ext.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[v3]
subjectAltName=DNS:a.example,DNS:*.b.example,IP:127.0.0.1,IP:::1,email:me@example.com,URI:https://u.example/,dirName:dirn,RID:1.2.3.4
basicConstraints=critical,CA:TRUE,pathlen:2
keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign
extendedKeyUsage=serverAuth,clientAuth,1.2.3.4
subjectKeyIdentifier=hash
authorityInfoAccess=OCSP;URI:http://ocsp.example/,caIssuers;URI:http://ca.example/ca.crt
subjectInfoAccess=caRepository;URI:http://repo.example/
crlDistributionPoints=URI:http://crl.example/a.crl,URI:http://crl2.example/b.crl
certificatePolicies=1.2.3.4.5,@pol
issuerAltName=DNS:issuer.example
nsComment=a comment
policyConstraints=requireExplicitPolicy:1
inhibitAnyPolicy=2
nameConstraints=permitted;DNS:.example.com,excluded;IP:10.0.0.0/255.0.0.0
1.2.3.4.5.6=ASN1:UTF8String:an extension nobody knows
[v3b]
authorityKeyIdentifier=keyid,issuer:always
[pol]
policyIdentifier=1.3.6.1.4.1.99
CPS.1=http://cps.example/
userNotice.1=@notice
[notice]
explicitText=Some text
organization=Org
noticeNumbers=1,2
[dirn]
CN=dir name
O=x
EOF
  "$OSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/k.pem" 2>/dev/null &&
  "$OSSL" req -x509 -key "$d/k.pem" -subj "/C=US/O=Org, Inc./CN=x509 test/emailAddress=cn@example.com" \
    -days 30 -config "$d/ext.cnf" -extensions v3 -out "$d/c.pem" &&
  "$OSSL" req -x509 -key "$d/k.pem" -subj "/CN=akid" -days 30 -config "$d/ext.cnf" \
    -extensions v3b -out "$d/c2.pem" &&
  "$OSSL" req -new -key "$d/k.pem" -subj "/CN=req test/O=Org" \
    -addext "subjectAltName=DNS:r.example" -addext "basicConstraints=CA:FALSE" -out "$d/r.csr"
}

# same_out LABEL CMD...: CMD's stdout and exit status on ferrossl equal the system's
same_out() {
  local label=$1; shift
  local o f
  o=$("$OSSL" "$@" 2>"$LOG.o.err"; echo "rc=$?")
  f=$(ossl_f "$@" 2>"$LOG.f.err"; echo "rc=$?")
  if [ "$o" != "$f" ]; then
    echo "differs: $label"; diff <(echo "$o") <(echo "$f"); cat "$LOG.f.err"; return 1
  fi
  [[ "$o" == *"rc=0" ]] || [[ "$label" == *fails* ]] || { echo "failed on both: $label"; return 1; }
  echo "same: $label"
}

t_cli_x509_ext() {
  local d="$B/cli-x509" e
  rm -rf "$d"; mkdir -p "$d"; x509_pki "$d" || return 1
  for e in subjectAltName basicConstraints keyUsage extendedKeyUsage subjectKeyIdentifier \
      authorityInfoAccess subjectInfoAccess crlDistributionPoints certificatePolicies \
      issuerAltName nsComment policyConstraints inhibitAnyPolicy nameConstraints \
      subjectAltName,basicConstraints,keyUsage,extendedKeyUsage authorityKeyIdentifier nosuch; do
    same_out "-ext $e" x509 -in "$d/c.pem" -noout -ext "$e" || return 1
  done
  # it printed something real (not both empty)
  ossl_f x509 -in "$d/c.pem" -noout -ext subjectAltName | grep -qF 'IP Address:0:0:0:0:0:0:0:1' || return 1
  same_out "-ext authorityKeyIdentifier (issuer, serial)" x509 -in "$d/c2.pem" -noout -ext authorityKeyIdentifier || return 1
  # -ext keeps only the named extensions in the certificate it writes; as OpenSSL 3.0
  # the DER written is the one read (the signature stays valid)
  "$OSSL" x509 -in "$d/c.pem" -ext subjectAltName -out "$d/o.pem" &&
    ossl_f x509 -in "$d/c.pem" -ext subjectAltName -out "$d/f.pem" &&
    cmp "$d/o.pem" "$d/f.pem" || { echo "x509 -ext -out differs"; return 1; }
  same_out "-ext subjectAltName -text" x509 -in "$d/c.pem" -noout -ext subjectAltName -text || return 1
  for e in "" ext_dump ext_error ext_default no_pubkey,no_sigdump; do
    same_out "-text -certopt '$e'" x509 -in "$d/c.pem" -noout -text ${e:+-certopt "$e"} || return 1
  done
  ossl_f x509 -in "$d/c.pem" -noout -text -certopt ext_dump | grep -q '0000 - 0c 19 61 6e' ||
    { echo "no dump of the unknown extension"; return 1; }
}
run openssl-cli/x509-ext t_cli_x509_ext

t_cli_x509_opts() {
  local d="$B/cli-x509o" a
  rm -rf "$d"; mkdir -p "$d"; x509_pki "$d" || return 1
  for a in -email -ocsp_uri "-email -ocsp_uri" -subject_hash -issuer_hash -subject_hash_old \
      -issuer_hash_old -pubkey -modulus -serial -dates "-enddate -dateopt iso_8601" \
      "-subject -nameopt RFC2253" "-subject -nameopt oneline" "-issuer -nameopt multiline" \
      "-subject -nameopt RFC2253,-esc_msb" -fingerprint "-fingerprint -sha256" \
      "-checkend 0"; do
    # shellcheck disable=SC2086
    same_out "x509 $a" x509 -in "$d/c.pem" -noout $a || return 1
  done
  # -checkend past the end: exit status 1 on both, same message
  same_out "x509 -checkend fails" x509 -in "$d/c.pem" -noout -checkend 315360000 || return 1
  ossl_f x509 -in "$d/c.pem" -noout -email | grep -qx 'cn@example.com' || return 1
  ossl_f x509 -in "$d/c.pem" -noout -modulus | grep -q '^Modulus=[0-9A-F]\{512\}$' || return 1
}
run openssl-cli/x509-opts t_cli_x509_opts

t_cli_x509_req() {
  local d="$B/cli-x509r" who
  rm -rf "$d"; mkdir -p "$d"; x509_pki "$d" || return 1
  same_out "req -text" req -in "$d/r.csr" -noout -text || return 1
  "$OSSL" req -new -key "$d/k.pem" -subj "/CN=no ext" -config /dev/null -out "$d/r0.csr" 2>/dev/null || return 1
  same_out "req -text (no extensions)" req -in "$d/r0.csr" -noout -text || return 1
  # x509 -x509toreq (X509_to_X509_REQ), with and without the extensions copied
  for who in o f; do
    local run=("$OSSL"); [ "$who" = f ] && run=(compat_env "$OSSL")
    "${run[@]}" x509 -x509toreq -in "$d/c.pem" -signkey "$d/k.pem" -out "$d/$who.csr" &&
    "${run[@]}" x509 -x509toreq -in "$d/c.pem" -signkey "$d/k.pem" -copy_extensions copy \
      -out "$d/$who-ext.csr" || { echo "x509 -x509toreq failed ($who)"; return 1; }
  done
  cmp "$d/o.csr" "$d/f.csr" && cmp "$d/o-ext.csr" "$d/f-ext.csr" || { echo "requests differ"; return 1; }
  "$OSSL" req -in "$d/f-ext.csr" -verify -noout || return 1
  same_out "req -text of the copied request" req -in "$d/f-ext.csr" -noout -text
}
run openssl-cli/x509-req t_cli_x509_req
