#!/usr/bin/env bash
# bindings/scheme/run-tests.sh: the Guile binding's suite under guile-3.0.
# Each tests/*.scm prints "ok - ..." / "not ok - ..."; a file that dies or times out counts
# as one more failure. Ends with "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GUILE=${GUILE:-guile-3.0}
export GUILE_LOAD_PATH="$HERE:$HERE/tests${GUILE_LOAD_PATH:+:$GUILE_LOAD_PATH}"
export GUILE_AUTO_COMPILE=${GUILE_AUTO_COMPILE:-0}
export FERROSSL_SCHEME_CERTS=$(mktemp -d /tmp/ferrossl-scm-certs.XXXXXX)
# the tests' scratch files (tmpname), gone with the run
export FERROSSL_SCHEME_TMP=$(mktemp -d /tmp/ferrossl-scm-tmp.XXXXXX)
trap 'rm -rf "$FERROSSL_SCHEME_CERTS" "$FERROSSL_SCHEME_TMP"' EXIT
"$HERE/tests/certs.sh" "$FERROSSL_SCHEME_CERTS" >/dev/null 2>&1 || { echo "tests/certs.sh failed"; echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for t in "$HERE"/tests/*.scm; do
  name=$(basename "$t" .scm)
  [ "$name" = harness ] && continue
  [ -n "${ONLY:-}" ] && [[ ! $name =~ $ONLY ]] && continue
  echo "# $name"
  out=$(cd "$ROOT" && timeout -k 5 ${TEST_TIMEOUT:-120} "$GUILE" "$t" 2>&1); rc=$?
  echo "$out" | grep -v '^;;; '
  p=$(grep -c '^ok - ' <<<"$out"); f=$(grep -c '^not ok - ' <<<"$out")
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "not ok - $name exited with status $rc"; failed=$((failed + 1))
  fi
done
# the reference: tests/crypto.scm on OpenSSL 3's own libcrypto gives the same verdicts
OPENSSL_CRYPTO=$(ldconfig -p 2>/dev/null | awk '/libcrypto\.so\.3 /{print $NF; exit}')
if [ -n "$OPENSSL_CRYPTO" ] && { [ -z "${ONLY:-}" ] || [[ crypto =~ $ONLY ]]; }; then
  echo "# crypto on OpenSSL ($OPENSSL_CRYPTO)"
  out=$(cd "$ROOT" && FERROSSL_LIBRARY=$OPENSSL_CRYPTO timeout -k 5 ${TEST_TIMEOUT:-120} "$GUILE" "$HERE/tests/crypto.scm" 2>&1); rc=$?
  echo "$out" | grep -v '^;;; ' | sed 's/^\(not \)\{0,1\}ok - /&openssl: /'
  p=$(grep -c '^ok - ' <<<"$out"); f=$(grep -c '^not ok - ' <<<"$out")
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "not ok - crypto on OpenSSL exited with status $rc"; failed=$((failed + 1))
  fi
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
