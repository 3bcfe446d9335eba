#!/usr/bin/env bash
# tests/resource/suite.sh DIR PROG -- builds tests/DIR/PROG.c against ferrossl (with the
# tests/c helpers) and runs each of its scenarios in its own process, bounded by timeout.
set -uo pipefail
DIR=$1 PROG=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/tests/$DIR/build
LIB=$ROOT/target/release/libferrossl.so
ONLY=${ONLY:-.}
mkdir -p "$B/logs"
[ -f "$LIB" ] || { echo "no $LIB: run 'cargo build --release' first" >&2; exit 2; }
export FERROSSL_TEST_CERTS=$B/certs
if [ ! -f "$B/certs/ca.pem" ] || [ "$ROOT/tests/certs/gen.sh" -nt "$B/certs/ca.pem" ]; then
  rm -rf "$B/certs"; "$ROOT/tests/certs/gen.sh" "$B/certs" >/dev/null || { echo "gen.sh failed" >&2; exit 1; }
fi
CFLAGS="-std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Werror -g -O1 -pthread"
WRAP=()
if [ "${VALGRIND:-0}" = 1 ]; then
  WRAP=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
  export FERROSSL_THREAD_ITER=${FERROSSL_THREAD_ITER:-4}
elif [ "${SANITIZE:-0}" = 1 ]; then
  CFLAGS="$CFLAGS -fsanitize=address,undefined -fno-omit-frame-pointer"
fi
${CC:-cc} $CFLAGS -I"$ROOT/include" -I"$ROOT/examples-c" -I"$ROOT/tests/c" -o "$B/$PROG" "$ROOT/tests/$DIR/$PROG.c" \
  -L"$ROOT/target/release" -lferrossl -Wl,-rpath,"$ROOT/target/release" 2> "$B/$PROG.build.log" \
  || { echo "BUILD FAIL $PROG"; sed 's/^/    /' "$B/$PROG.build.log" | head -30; echo "0 passed, 1 failed"; exit 1; }
passed=0 failed=0
for s in $("$B/$PROG" --list); do
  echo "$DIR/$s" | grep -Eq "$ONLY" || continue
  log=$B/logs/$s.log
  t0=$(date +%s)
  timeout 300 ${WRAP[@]+"${WRAP[@]}"} "$B/$PROG" "$s" > "$log" 2>&1
  rc=$?
  if [ $rc = 0 ]; then
    passed=$((passed + 1)); printf 'PASS  %-40s %4ss\n' "$DIR/$s" $(( $(date +%s) - t0 ))
  else
    failed=$((failed + 1)); printf 'FAIL  %-40s %4ss (exit %s, log %s)\n' "$DIR/$s" $(( $(date +%s) - t0 )) $rc "${log#$ROOT/}"
    grep -E '^  (FAIL|note)|==[0-9]+== ' "$log" | head -15 | sed 's/^/      /'
  fi
  grep -E '^  ok  .*(served|memory|bytes|pushed|held|resumed every)' "$log" | sed 's/^  ok  /      /' | head -4
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
