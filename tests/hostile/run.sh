#!/usr/bin/env bash
# tests/hostile/run.sh -- hostile TLS peers (tests/hostile/hostile.py) against a ferrossl
# server and client (tests/hostile/victim.c). 127.0.0.1 only, every step bounded.
# Needs python3 and tlslite-ng (installed with pip if missing). ONLY=regex picks scenarios.
# VALGRIND=1 runs the victim under valgrind (definite leaks and memory errors fail).
# Prints one line per scenario, then "N passed, N failed"; exits 1 on failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/tests/hostile/build
LIB=$ROOT/target/release/libferrossl.so
mkdir -p "$B"
[ -f "$LIB" ] || { echo "no $LIB: run 'cargo build --release' first" >&2; exit 2; }
python3 -c 'import tlslite' 2>/dev/null || pip install -q tlslite-ng >/dev/null 2>&1 \
  || { echo "tlslite-ng is not installed and pip failed" >&2; echo "0 passed, 1 failed"; exit 1; }
if [ ! -f "$B/certs/ca.pem" ] || [ "$ROOT/tests/certs/gen.sh" -nt "$B/certs/ca.pem" ]; then
  rm -rf "$B/certs"; "$ROOT/tests/certs/gen.sh" "$B/certs" >/dev/null || { echo "gen.sh failed" >&2; exit 1; }
fi
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Werror -g -O1 -I"$ROOT/include" -I"$ROOT/examples-c" \
  -o "$B/victim" "$ROOT/tests/hostile/victim.c" -L"$ROOT/target/release" -lferrossl -Wl,-rpath,"$ROOT/target/release" \
  || { echo "BUILD FAIL victim"; echo "0 passed, 1 failed"; exit 1; }
VICTIM=$B/victim
if [ "${VALGRIND:-0}" = 1 ]; then
  printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' "$B/victim" > "$B/victim-vg"
  chmod +x "$B/victim-vg"; VICTIM=$B/victim-vg
fi
exec timeout 600 python3 "$ROOT/tests/hostile/hostile.py" "$VICTIM" "$B/certs" "${ONLY:-.}"
