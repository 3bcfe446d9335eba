# tests/compat/t_pyca.sh (sourced by run.sh): Debian's python3-cryptography 38 (unchanged;
# its cffi module links libssl.so.3 / libcrypto.so.3) on ferrossl. tests/compat/pyca_check.py
# runs on the system OpenSSL and on ferrossl over keys, a certificate and a PKCS#12 file the
# openssl CLI wrote; both outputs must be equal (digests, MACs, KDFs, fixed-key ciphertexts,
# deterministic signatures, serializations of fixed keys, round trips), except the "gap"
# lines, which name what ferrossl does not support and must fail the way pyca reports it
# (UnsupportedAlgorithm, or InternalError for the calls pyca makes unconditionally: DSA, DH,
# Ed448, X448, PKCS#7; ValueError for PKCS#12 with AES). What pyca wrote on ferrossl must
# read back with the openssl CLI.

PYCA_PY=/usr/bin/python3

pyca_data() { # DIR: keys, cert and PKCS#12 by the openssl CLI (system OpenSSL)
  local d=$1; mkdir -p "$d"; rm -f "$d"/*
  (
    cd "$d" || exit 1
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem &&
    openssl rsa -in rsa-pkcs8.pem -traditional -out rsa-trad.pem &&
    openssl rsa -in rsa-pkcs8.pem -pubout -out rsa-pub.pem &&
    openssl rsa -in rsa-pkcs8.pem -traditional -aes256 -passout 'pass:cli pass' -out rsa-enc-trad.pem &&
    printf 'message' | openssl dgst -sha256 -sign rsa-pkcs8.pem -out rsa-msg.sig &&
    printf 'oaep from openssl' | openssl pkeyutl -encrypt -pubin -inkey rsa-pub.pem \
      -pkeyopt rsa_padding_mode:oaep -out rsa-oaep.bin &&
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-p8.pem &&
    openssl ec -in ec-p8.pem -out ec-sec1.pem &&
    openssl pkcs8 -topk8 -in ec-p8.pem -outform DER -nocrypt -out ec-pkcs8.der &&
    openssl pkcs8 -topk8 -in ec-p8.pem -v2 aes-256-cbc -passout 'pass:cli pass' -out ec-enc-pkcs8.pem &&
    openssl ec -in ec-p8.pem -pubout -outform DER -out ec-pub.der &&
    openssl genpkey -algorithm ED25519 -out ed25519.pem &&
    openssl genpkey -algorithm X25519 -out x25519.pem &&
    # a CA (RSA) and a leaf (the EC key) it signed, and a PKCS#12 of leaf + key + CA
    openssl req -x509 -key rsa-pkcs8.pem -out ca.pem -days 3650 -subj "/CN=pyca test CA" \
      -addext basicConstraints=critical,CA:TRUE && cp rsa-pkcs8.pem ca.key &&
    openssl req -new -key ec-p8.pem -subj "/O=ferrossl tests/CN=pyca leaf" -out leaf.csr &&
    openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out cert.pem &&
    openssl pkcs12 -export -inkey ec-p8.pem -in cert.pem -certfile ca.pem -passout 'pass:p12 pass' \
      -out bundle.p12
  )
}

t_pyca_same_as_openssl() {
  local d="$B/pyca"
  pyca_data "$d" > "$LOG.data" 2>&1 || { cat "$LOG.data"; return 1; }
  PYCA_TAG=openssl "$PYCA_PY" "$HERE/pyca_check.py" "$d" > "$LOG.openssl" 2> "$LOG.openssl.err"
  local rc_sys=$?
  PYCA_TAG=ferrossl compat_env timeout 60 "$PYCA_PY" "$HERE/pyca_check.py" "$d" > "$LOG.out" 2> "$LOG.err"
  local rc=$?
  cat "$LOG.out" "$LOG.err"
  echo "rc system=$rc_sys ferrossl=$rc"
  [ $rc_sys = 0 ] && [ $rc = 0 ] || return 1
  grep -qx 'served-by-system-openssl' "$LOG.openssl.err" && grep -qx 'served-by-ferrossl' "$LOG.err" || return 1
  no_loader_warning "$LOG.err" || return 1
  diff -u <(grep -v '^gap ' "$LOG.openssl") <(grep -v '^gap ' "$LOG.out") || return 1
  [ "$(grep -vc '^gap ' "$LOG.out")" -ge 60 ] || { echo "too few checks ran"; return 1; }
  # the system OpenSSL supports every gap; ferrossl fails them the way pyca reports it
  grep '^gap ' "$LOG.openssl" | grep -v ' ok$' && return 1
  local want
  while read -r want; do
    grep -qx "$want" "$LOG.out" || { echo "missing: $want"; return 1; }
  done <<'GAPS'
gap hash-blake2b UnsupportedAlgorithm
gap hash-blake2s UnsupportedAlgorithm
gap hash-sm3 UnsupportedAlgorithm
gap camellia-cbc UnsupportedAlgorithm
gap ec-brainpoolP256r1 UnsupportedAlgorithm
gap ec-sect283k1 UnsupportedAlgorithm
gap ecdsa-secp256k1 UnsupportedAlgorithm
gap chacha20-cipher UnsupportedAlgorithm
gap pkcs12-best-available ValueError
gap pkcs12-friendly-name AssertionError
gap dsa-generate InternalError
gap dh-parameters InternalError
gap ed448 InternalError
gap x448 InternalError
gap pkcs7-certificates InternalError
gap pkcs7-sign InternalError
gap x509-crl-without-number InternalError
GAPS
  # what pyca wrote on ferrossl, read by the openssl CLI
  local n
  for n in ec rsa ed25519; do
    openssl pkey -in "$d/out-ferrossl-$n.p8.pem" -passin 'pass:for cli' -noout || return 1
  done
  openssl rsa -in "$d/out-ferrossl-rsa-trad-enc.pem" -passin 'pass:for cli' -check -noout || return 1
  openssl verify -CAfile "$d/out-ferrossl-cert.pem" "$d/out-ferrossl-cert.pem" || return 1
  openssl pkcs12 -in "$d/out-ferrossl.p12" -passin 'pass:p12 pw' -nodes -info > /dev/null || return 1
}

if [ -x "$PYCA_PY" ] && "$PYCA_PY" -c 'import cryptography' 2> /dev/null; then
  run pyca/same-as-openssl t_pyca_same_as_openssl
else
  echo "FAIL pyca: python3-cryptography not installed (tests/deps.sh installs it)"; FAIL=$((FAIL+1))
fi
