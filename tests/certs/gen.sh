#!/usr/bin/env bash
# gen.sh OUTDIR: a throwaway test PKI made with the openssl CLI (never use outside tests).
#
#   ca-ecdsa.pem/.key        P-256 root "ferrossl test CA ecdsa"
#   ca-rsa.pem/.key          RSA-2048 root "ferrossl test CA rsa"
#   ca.pem                   both roots (the trust bundle tests use)
#   server-ecdsa.pem/.key    P-256 leaf by ca-ecdsa   SAN localhost, 127.0.0.1
#   server-rsa.pem/.key      RSA-2048 leaf by ca-rsa  SAN localhost, 127.0.0.1
#   server-ed25519.pem/.key  Ed25519 leaf by ca-ecdsa SAN localhost, 127.0.0.1
#   server-*.chain.pem       leaf followed by its CA
#   client.pem/.key          P-256 client cert by ca-ecdsa (CN "ferrossl test client")
#   expired.pem/.key         by ca-ecdsa, valid 2000-01-01 .. 2001-01-01
#   notyet.pem/.key          by ca-ecdsa, valid 2090-01-01 .. 2100-01-01
#   selfsigned.pem/.key      self-signed, SAN localhost, 127.0.0.1
#   selfsigned-ca.pem/.key   the same with CA:TRUE (req -x509's default), its own CA file
#   server-ecdsa.p12         PKCS#12 (pass "secret"): key, certificate, CA; server-rsa-3des.p12 the 3DES/SHA-1 form
#   untrusted-ca.pem/.key    a second root, NOT in ca.pem
#   untrusted.pem/.key       leaf by untrusted-ca, SAN localhost, 127.0.0.1
#   other.pem/.key           by ca-rsa, SAN other.example only (wrong host for localhost)
#   *.key                    PKCS#8 PEM; server-ecdsa.sec1.key (SEC1 "EC PRIVATE KEY"),
#                            server-rsa.pkcs1.key (PKCS#1 "RSA PRIVATE KEY")
#   wrong.key                a P-256 key that matches no certificate
#   garbage.pem              PEM armour around bytes that are not base64 DER
#   int-ca.pem/.key          P-256 intermediate CA under ca-ecdsa
#   chained.pem/.key         leaf by int-ca, SAN localhost; chained.chain.pem: leaf + int-ca
#   revoked.pem/.key         server leaf by ca-ecdsa, revoked in crl.pem
#   revoked-client.pem/.key  client leaf by ca-ecdsa, revoked in crl.pem
#   crl.pem                  ca-ecdsa's CRL (valid 2000 .. 2100) revoking the two above
#   crl-expired.pem          the same, nextUpdate 2001-01-01
#   crl-forged.pem           a CRL naming ca-ecdsa as issuer, signed by another key
#   crl-other.pem            untrusted-ca's CRL (another issuer)
#   ca-crl.pem               ca.pem followed by crl.pem (a CPython-style bundle)
#   crl-garbage.pem          X509 CRL armour around a DER that is not a CRL
#   server-ecdsa.ocsp.der    an OCSP response ("good") for server-ecdsa, signed by ca-ecdsa,
#                            made by `openssl ocsp` from the CA's index (stapling tests)
#   garbage.ocsp.der         bytes that are no OCSP response
#   ech.pem/.key             P-256 leaf by ca-ecdsa, SAN localhost, public.example (an ECH
#                            server: the public name answers a rejected offer)
#   ca-leaf.pem/.key         P-256 server leaf by ca-ecdsa with basicConstraints CA:TRUE
#                            (serverAuth only), SAN localhost, 127.0.0.1; ca-leaf-expired the
#                            same, valid 2000-01-01 .. 2001-01-01
# All certs except expired/notyet are valid 2000-01-01 .. 2100-01-01.
set -euo pipefail
OUT=${1:?usage: gen.sh OUTDIR}
mkdir -p "$OUT"
cd "$OUT"
export OPENSSL_CONF=/dev/null
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

cat > "$W/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
database = $W/index.txt
new_certs_dir = $W
serial = $W/serial
default_md = sha256
policy = p
copy_extensions = none
unique_subject = no
crlnumber = $W/crlnumber
[p]
commonName = supplied
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[other]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ech]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:public.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[caleaf]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
: > "$W/index.txt"
echo 1000 > "$W/serial"
echo 01 > "$W/crlnumber"

key() { # key NAME ec|rsa|ed25519
  case $2 in
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" ;;
  esac
}
root() { # root NAME TYPE CN
  key "$1" "$2"
  openssl req -new -key "$1.key" -subj "/CN=$3" -out "$W/$1.csr"
  openssl ca -batch -config "$W/ca.cnf" -selfsign -keyfile "$1.key" -in "$W/$1.csr" \
    -extensions v3_ca -startdate 20000101000000Z -enddate 21000101000000Z \
    -notext -out "$1.pem" 2>/dev/null
}
leaf() { # leaf NAME TYPE CN CA EXT [START END]
  key "$1" "$2"
  openssl req -new -key "$1.key" -subj "/CN=$3" -out "$W/$1.csr"
  openssl ca -batch -config "$W/ca.cnf" -cert "$4.pem" -keyfile "$4.key" -in "$W/$1.csr" \
    -extensions "$5" -startdate "${6:-20000101000000Z}" -enddate "${7:-21000101000000Z}" \
    -notext -out "$1.pem" 2>/dev/null
}

root ca-ecdsa ec "ferrossl test CA ecdsa"
root ca-rsa rsa "ferrossl test CA rsa"
root untrusted-ca ec "ferrossl untrusted CA"
cat ca-ecdsa.pem ca-rsa.pem > ca.pem

leaf server-ecdsa ec "ferrossl test server ecdsa" ca-ecdsa server
leaf server-rsa rsa "ferrossl test server rsa" ca-rsa server
leaf server-ed25519 ed25519 "ferrossl test server ed25519" ca-ecdsa server
leaf client ec "ferrossl test client" ca-ecdsa client
# an Ed25519 signature: server-ed25519's key certifying itself
openssl req -new -x509 -key server-ed25519.key -subj "/CN=ferrossl self-signed ed25519" -days 36500 \
  -addext "subjectKeyIdentifier = hash" -addext "authorityKeyIdentifier = keyid:always" \
  -out selfsigned-ed25519.pem
# an RSA-PSS signature (SHA-256, MGF1 SHA-256, salt 32) by ca-rsa
key server-pss rsa
openssl req -new -key server-pss.key -subj "/CN=ferrossl test server rsa-pss" -out "$W/server-pss.csr"
openssl ca -batch -config "$W/ca.cnf" -cert ca-rsa.pem -keyfile ca-rsa.key -in "$W/server-pss.csr" \
  -extensions server -startdate 20000101000000Z -enddate 21000101000000Z -md sha256 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -notext -out server-pss.pem 2>/dev/null
leaf expired ec "ferrossl expired server" ca-ecdsa server 20000101000000Z 20010101000000Z
leaf notyet ec "ferrossl not yet valid server" ca-ecdsa server 20900101000000Z 21000101000000Z
leaf untrusted ec "ferrossl untrusted server" untrusted-ca server
leaf other rsa "ferrossl other server" ca-rsa other
leaf ca-leaf ec "ferrossl CA-flagged server" ca-ecdsa caleaf
leaf ca-leaf-expired ec "ferrossl expired CA-flagged server" ca-ecdsa caleaf 20000101000000Z 20010101000000Z
cat server-ecdsa.pem ca-ecdsa.pem > server-ecdsa.chain.pem
cat server-rsa.pem ca-rsa.pem > server-rsa.chain.pem
cat server-ed25519.pem ca-ecdsa.pem > server-ed25519.chain.pem

key selfsigned ec
openssl req -new -x509 -key selfsigned.key -subj "/CN=ferrossl self-signed server" -days 36500 \
  -addext "subjectAltName = DNS:localhost, IP:127.0.0.1" -addext "basicConstraints = critical, CA:false" \
  -out selfsigned.pem
# what `openssl req -x509` makes by default: CA:TRUE, trusted as its own CA file
key selfsigned-ca ec
openssl req -new -x509 -key selfsigned-ca.key -subj "/CN=ferrossl self-signed CA server" -days 36500 \
  -addext "subjectAltName = DNS:localhost, IP:127.0.0.1" -addext "basicConstraints = critical, CA:true" \
  -out selfsigned-ca.pem

# PKCS#12: OpenSSL 3's default (PBES2 AES-256-CBC, SHA-256 MAC) with the CA certificate,
# and the classic form (3DES, SHA-1 MAC) other tools still write
openssl pkcs12 -export -inkey server-ecdsa.key -in server-ecdsa.pem -certfile ca-ecdsa.pem \
  -name "ferrossl p12" -passout pass:secret -out server-ecdsa.p12
openssl pkcs12 -export -inkey server-rsa.key -in server-rsa.pem -keypbe PBE-SHA1-3DES \
  -certpbe PBE-SHA1-3DES -macalg sha1 -passout pass:secret -out server-rsa-3des.p12

openssl ec -in server-ecdsa.key -out server-ecdsa.sec1.key 2>/dev/null
openssl rsa -traditional -in server-rsa.key -out server-rsa.pkcs1.key 2>/dev/null
key wrong ec
# OCSP: a request for server-ecdsa, answered from the CA database as a responder would
openssl ocsp -issuer ca-ecdsa.pem -cert server-ecdsa.pem -no_nonce -reqout "$W/ocsp.req" >/dev/null
openssl ocsp -index "$W/index.txt" -CA ca-ecdsa.pem -rsigner ca-ecdsa.pem -rkey ca-ecdsa.key \
  -reqin "$W/ocsp.req" -ndays 36500 -respout server-ecdsa.ocsp.der >/dev/null 2>&1
printf 'this is not an OCSP response' > garbage.ocsp.der
printf -- '-----BEGIN CERTIFICATE-----\nThis is not base64 DER at all!!\n***garbage***\n-----END CERTIFICATE-----\n' > garbage.pem

# Revocation: an intermediate chain, two revoked leaves and CRLs.
leafca() { # leafca NAME CN ISSUER (an intermediate CA)
  key "$1" ec
  openssl req -new -key "$1.key" -subj "/CN=$2" -out "$W/$1.csr"
  openssl ca -batch -config "$W/ca.cnf" -cert "$3.pem" -keyfile "$3.key" -in "$W/$1.csr" \
    -extensions v3_ca -startdate 20000101000000Z -enddate 21000101000000Z -notext -out "$1.pem" 2>/dev/null
}
leafca int-ca "ferrossl test intermediate CA" ca-ecdsa
leaf chained ec "ferrossl chained server" int-ca server
cat chained.pem int-ca.pem > chained.chain.pem
leaf revoked ec "ferrossl revoked server" ca-ecdsa server
leaf revoked-client ec "ferrossl revoked client" ca-ecdsa client
for c in revoked revoked-client; do
  openssl ca -config "$W/ca.cnf" -cert ca-ecdsa.pem -keyfile ca-ecdsa.key -revoke "$c.pem" 2>/dev/null
done
crl() { # crl OUT CA KEY [NEXTUPDATE]
  openssl ca -batch -config "$W/ca.cnf" -gencrl -cert "$2" -keyfile "$3" \
    -crl_lastupdate 20000101000000Z -crl_nextupdate "${4:-21000101000000Z}" -out "$1" 2>/dev/null
}
crl crl.pem ca-ecdsa.pem ca-ecdsa.key
crl crl-expired.pem ca-ecdsa.pem ca-ecdsa.key 20010101000000Z
crl crl-other.pem untrusted-ca.pem untrusted-ca.key
# forged: a self-signed CA with ca-ecdsa's name but another key
key forged-ca ec
openssl req -new -x509 -key forged-ca.key -subj "/CN=ferrossl test CA ecdsa" -days 36500 \
  -addext "keyUsage = critical, keyCertSign, cRLSign" -out "$W/forged-ca.pem"
crl crl-forged.pem "$W/forged-ca.pem" forged-ca.key
rm forged-ca.key
cat ca.pem crl.pem > ca-crl.pem
printf -- '-----BEGIN X509 CRL-----\nMAMCAQA=\n-----END X509 CRL-----\n' > crl-garbage.pem
# last, so the serials and the OCSP index of the certificates above stay as they were
leaf ech ec "ferrossl test server ech" ca-ecdsa ech
chmod 600 ./*.key
