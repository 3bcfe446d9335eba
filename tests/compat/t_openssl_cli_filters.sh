# tests/compat/t_openssl_cli_filters.sh (sourced by run.sh): Debian's `openssl` tool on
# ferrossl running dgst, enc and base64, which read and write through the filter BIOs
# (BIO_f_md, BIO_f_cipher, BIO_f_base64). Each output is compared byte for byte with the
# same command on the system OpenSSL, and what one side writes (signatures, ciphertexts)
# the other reads. Uses OSSL / ossl_f of t_openssl_cli.sh.

OSSL=${OSSL:-/usr/bin/openssl}
declare -F ossl_f > /dev/null || ossl_f() { compat_env "$OSSL" "$@"; }

# The inputs: empty, one line, and 200 000 bytes (more than 64 KiB: many BIO reads).
cli_filter_inputs() {
  D="$B/cli-filters"; rm -rf "$D"; mkdir -p "$D"
  : > "$D/empty"
  printf 'hello world\n' > "$D/line"
  "$OSSL" rand -out "$D/big" 200000 || return 1
  FILES=("$D/empty" "$D/line" "$D/big")
}

# same_as_openssl ARGS...: stdout and exit status of `openssl ARGS` equal on both
same_as_openssl() {
  local rf ro
  ossl_f "$@" > "$LOG.f" 2> "$LOG.ferr"; rf=$?
  "$OSSL" "$@" > "$LOG.o" 2> "$LOG.oerr"; ro=$?
  if [ "$rf" != "$ro" ] || ! cmp -s "$LOG.f" "$LOG.o"; then
    echo "differs from OpenSSL (exit $rf vs $ro): $*"; cat "$LOG.ferr"
    diff <(od -c "$LOG.o" | head -20) <(od -c "$LOG.f" | head -20)
    return 1
  fi
  echo "same (exit $rf): ${*##*/}"
}

# dgst: SHA-256, SHA-512, SHA-1 in the default, -r, -hex, -c and -binary forms, plain
# and -hmac (an HMAC EVP_PKEY signing through the md BIO), on files and on stdin
t_cli_dgst() {
  cli_filter_inputs || return 1
  local md form
  for md in -sha256 -sha512 -sha1; do
    for form in "" -r -hex -c -binary; do
      # shellcheck disable=SC2086
      same_as_openssl dgst $md $form "${FILES[@]}" || return 1
      # shellcheck disable=SC2086
      same_as_openssl dgst $md -hmac "secret key" $form "${FILES[@]}" || return 1
    done
    ossl_f dgst $md < "$D/big" > "$LOG.f" && "$OSSL" dgst $md < "$D/big" > "$LOG.o" || return 1
    cmp "$LOG.f" "$LOG.o" || { echo "stdin digest differs"; return 1; }
  done
  same_as_openssl dgst -hmac k "${FILES[@]}" || return 1   # HMAC-SHA256 by default
  # the name OpenSSL 3 prints is the provider's (SHA2-512, not SHA512)
  ossl_f dgst -sha512 < "$D/line" > "$LOG.f" || return 1
  cat "$LOG.f"; grep -q '^SHA2-512(stdin)= ' "$LOG.f"
}

# dgst -sign / -verify with an EC and an RSA key: each side verifies the other's
# signature, RSA (PKCS#1 v1.5) signatures are byte-equal, and a signature over other
# data fails on both with a non-zero exit
t_cli_dgst_sign() {
  cli_filter_inputs || return 1
  "$OSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$D/ec.pem" 2> /dev/null \
    && "$OSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$D/rsa.pem" 2> /dev/null \
    || return 1
  local k md f
  for k in ec rsa; do
    "$OSSL" pkey -in "$D/$k.pem" -pubout -out "$D/$k.pub" || return 1
    for md in -sha256 -sha512; do
      for f in "${FILES[@]}"; do
        ossl_f dgst $md -sign "$D/$k.pem" -out "$D/sig.f" "$f" || { echo "sign failed on ferrossl: $k $md $f"; return 1; }
        "$OSSL" dgst $md -sign "$D/$k.pem" -out "$D/sig.o" "$f" || return 1
        "$OSSL" dgst $md -verify "$D/$k.pub" -signature "$D/sig.f" "$f" > "$LOG.o" || { echo "OpenSSL rejects ferrossl's $k signature"; return 1; }
        ossl_f dgst $md -verify "$D/$k.pub" -signature "$D/sig.o" "$f" > "$LOG.f" || { echo "ferrossl rejects OpenSSL's $k signature"; return 1; }
        cmp "$LOG.f" "$LOG.o" || return 1
        if [ $k = rsa ]; then cmp "$D/sig.f" "$D/sig.o" || { echo "RSA signatures differ"; return 1; }; fi
      done
      echo "$k $md: $(cat "$LOG.f")"
      # the last signature (over the big file) does not verify the one-line file
      same_as_openssl dgst $md -verify "$D/$k.pub" -signature "$D/sig.o" "$D/line" || return 1
      [ "$(cat "$LOG.f")" = "Verification failure" ] || { echo "a bad signature verified"; return 1; }
      # -hex signature output: the label is equal (the EC signature itself is random)
      ossl_f dgst $md -sign "$D/$k.pem" -hex "$D/line" > "$LOG.f" || return 1
      "$OSSL" dgst $md -sign "$D/$k.pem" -hex "$D/line" > "$LOG.o" || return 1
      [ "$(cut -d' ' -f1 "$LOG.f")" = "$(cut -d' ' -f1 "$LOG.o")" ] || { cat "$LOG.f" "$LOG.o"; return 1; }
      if [ $k = rsa ]; then cmp "$LOG.f" "$LOG.o" || return 1; fi
    done
  done
}

# enc: aes-256-cbc -pbkdf2 round trips (ferrossl encrypts, OpenSSL decrypts, and the
# other way), byte-equal ciphertexts with a fixed key / IV / salt, base64 (-a, -A)
# output, and a wrong password failing on both sides
t_cli_enc() {
  cli_filter_inputs || return 1
  local K=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
  local IV=0f0e0d0c0b0a09080706050403020100 f n=0
  for f in "${FILES[@]}"; do
    ossl_f enc -aes-256-cbc -pbkdf2 -salt -pass pass:x -in "$f" -out "$D/c.f" || { echo "enc failed on ferrossl"; return 1; }
    "$OSSL" enc -d -aes-256-cbc -pbkdf2 -pass pass:x -in "$D/c.f" | cmp - "$f" || { echo "OpenSSL cannot decrypt ferrossl's $f"; return 1; }
    "$OSSL" enc -aes-256-cbc -pbkdf2 -salt -pass pass:x -in "$f" -out "$D/c.o" || return 1
    ossl_f enc -d -aes-256-cbc -pbkdf2 -pass pass:x -in "$D/c.o" | cmp - "$f" || { echo "ferrossl cannot decrypt OpenSSL's $f"; return 1; }
    # -a both ways
    ossl_f enc -aes-256-cbc -pbkdf2 -pass pass:x -a -in "$f" -out "$D/a.f" || return 1
    "$OSSL" enc -d -aes-256-cbc -pbkdf2 -pass pass:x -a -in "$D/a.f" | cmp - "$f" || { echo "-a: OpenSSL cannot decrypt"; return 1; }
    "$OSSL" enc -aes-256-cbc -pbkdf2 -pass pass:x -a -in "$f" -out "$D/a.o" || return 1
    ossl_f enc -d -aes-256-cbc -pbkdf2 -pass pass:x -a -in "$D/a.o" | cmp - "$f" || { echo "-a: ferrossl cannot decrypt"; return 1; }
    # deterministic forms: equal bytes
    same_as_openssl enc -aes-256-cbc -K $K -iv $IV -nosalt -in "$f" || return 1
    same_as_openssl enc -aes-128-ctr -K ${K:0:32} -iv $IV -in "$f" || return 1
    same_as_openssl enc -aes-256-cbc -K $K -iv $IV -a -in "$f" || return 1
    same_as_openssl enc -aes-256-cbc -K $K -iv $IV -a -A -in "$f" || return 1
    same_as_openssl enc -aes-256-cbc -pbkdf2 -S 0102030405060708 -pass pass:x -md sha256 -in "$f" || return 1
    same_as_openssl enc -aes-256-cbc -pbkdf2 -iter 1000 -nosalt -pass pass:x -md sha512 -a -in "$f" || return 1
    same_as_openssl enc -aes-128-cbc -S 0102030405060708 -pass pass:x -md sha256 -p -in "$f" || return 1
    same_as_openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:x -a -in "$D/a.o" || return 1
    n=$((n + 1))
  done
  # a wrong password: bad decrypt, non-zero exit on both
  local rf ro
  ossl_f enc -d -aes-256-cbc -pbkdf2 -pass pass:wrong -in "$D/c.o" > /dev/null 2> "$LOG.ferr"; rf=$?
  "$OSSL" enc -d -aes-256-cbc -pbkdf2 -pass pass:wrong -in "$D/c.o" > /dev/null 2> "$LOG.oerr"; ro=$?
  cat "$LOG.ferr"
  [ $rf != 0 ] && [ $ro != 0 ] || { echo "a wrong password: exit $rf (ferrossl), $ro (OpenSSL)"; return 1; }
  grep -q 'bad decrypt' "$LOG.ferr" || return 1
  echo "$n files"
}

# base64: enc -base64 and base64 (-A: one line), encoding and decoding, equal bytes
t_cli_base64() {
  cli_filter_inputs || return 1
  local f
  for f in "${FILES[@]}"; do
    same_as_openssl enc -base64 -in "$f" || return 1
    same_as_openssl base64 -in "$f" || return 1
    same_as_openssl base64 -A -in "$f" || return 1
    "$OSSL" base64 -in "$f" -out "$D/b64" && "$OSSL" base64 -A -in "$f" -out "$D/b64A" || return 1
    same_as_openssl base64 -d -in "$D/b64" || return 1
    same_as_openssl enc -d -base64 -A -in "$D/b64A" || return 1
    ossl_f base64 -d -in "$D/b64" | cmp - "$f" || return 1
  done
  # text before the base64 lines is skipped (as in PEM), on both
  { echo "a heading line"; cat "$D/b64"; } > "$D/b64h"
  same_as_openssl base64 -d -in "$D/b64h" || return 1
}

run openssl-cli/dgst t_cli_dgst
run openssl-cli/dgst-sign-verify t_cli_dgst_sign
run openssl-cli/enc t_cli_enc
run openssl-cli/base64 t_cli_base64
