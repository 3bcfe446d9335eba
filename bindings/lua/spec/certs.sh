#!/usr/bin/env bash
# spec/certs.sh OUTDIR: throwaway PKI for the tests (openssl CLI; never use elsewhere).
#   ca.pem/.key            trusted root          server.pem/.key  leaf, SAN localhost + 127.0.0.1
#   untrusted-ca.pem/.key  a root nobody trusts  untrusted.pem/.key  leaf by it, same SANs
#   client.pem/.key        client certificate by ca
set -euo pipefail
OUT=${1:?usage: certs.sh OUTDIR}
mkdir -p "$OUT"; cd "$OUT"
export OPENSSL_CONF=/dev/null
cat > ext.cnf <<'CNF'
[server]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[client]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
root() { key "$1"; openssl req -new -x509 -key "$1.key" -subj "/CN=$2" -days 3650 \
  -config ext.cnf -extensions ca -out "$1.pem"; }
leaf() { key "$1"; openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions "$4" -out "$1.pem" 2>/dev/null; rm -f "$1.csr"; }
root ca "ferrossl lua test CA"
root untrusted-ca "ferrossl lua untrusted CA"
leaf server "localhost" ca server
leaf untrusted "localhost" untrusted-ca server
leaf client "ferrossl lua test client" ca client
