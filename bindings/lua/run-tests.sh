#!/usr/bin/env bash
# bindings/lua/run-tests.sh: the Lua binding's suite under LuaJIT + LuaSocket.
# Each spec/*_spec.lua prints "ok - ..." / "not ok - ..."; a spec that dies or times out
# counts as one more failure. Ends with "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LUAJIT=${LUAJIT:-luajit}
export LUA_PATH="$HERE/?.lua;$HERE/?/init.lua;$HERE/spec/?.lua;;"
export FERROSSL_LUA_CERTS=$(mktemp -d /tmp/ferrossl-lua-certs.XXXXXX)
# the specs' scratch files (H.tmpname), gone with the run
export FERROSSL_LUA_TMP=$(mktemp -d /tmp/ferrossl-lua-tmp.XXXXXX)
trap 'rm -rf "$FERROSSL_LUA_CERTS" "$FERROSSL_LUA_TMP"' EXIT
"$HERE/spec/certs.sh" "$FERROSSL_LUA_CERTS" >/dev/null 2>&1 || { echo "spec/certs.sh failed"; echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for spec in "$HERE"/spec/*_spec.lua; do
  name=$(basename "$spec" .lua)
  [ -n "${ONLY:-}" ] && [[ ! $name =~ $ONLY ]] && continue
  echo "# $name"
  out=$(cd "$ROOT" && timeout -k 5 ${SPEC_TIMEOUT:-120} "$LUAJIT" "$spec" 2>&1); rc=$?
  echo "$out"
  p=$(grep -c '^ok - ' <<<"$out"); f=$(grep -c '^not ok - ' <<<"$out")
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "not ok - $name exited with status $rc"; failed=$((failed + 1))
  fi
done
# the reference: crypto_spec on OpenSSL 3's own libcrypto gives the same verdicts
OPENSSL_CRYPTO=$(ldconfig -p 2>/dev/null | awk '/libcrypto\.so\.3 /{print $NF; exit}')
if [ -n "$OPENSSL_CRYPTO" ] && { [ -z "${ONLY:-}" ] || [[ crypto_spec =~ $ONLY ]]; }; then
  echo "# crypto_spec on OpenSSL ($OPENSSL_CRYPTO)"
  out=$(cd "$ROOT" && FERROSSL_LIBRARY=$OPENSSL_CRYPTO timeout -k 5 ${SPEC_TIMEOUT:-120} "$LUAJIT" "$HERE/spec/crypto_spec.lua" 2>&1); rc=$?
  echo "$out" | sed 's/^\(not \)\{0,1\}ok - /&openssl: /'
  p=$(grep -c '^ok - ' <<<"$out"); f=$(grep -c '^not ok - ' <<<"$out")
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "not ok - crypto_spec on OpenSSL exited with status $rc"; failed=$((failed + 1))
  fi
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
