#!/usr/bin/env bash
# mk/reliability.sh -- runs every reliability suite (see mk/reliability.mk), keeps going past
# failures, and sums their "N passed, N failed" lines into the final one. Exits 1 on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
total_p=0 total_f=0
suite() { # suite NAME CMD...
  local out rc p f
  echo "==== $1"
  out=$(mktemp)
  "${@:2}" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out" | tail -1)
  rm -f "$out"
  p=${p:-0} f=${f:-0}
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1   # a suite that died without its summary line
  total_p=$((total_p + p)) total_f=$((total_f + f))
}
suite fuzz-smoke fuzz/run.sh "${FUZZ_SMOKE_TIME:-30}" ${FUZZ_TARGETS:-pem_der record_stream api_seq bio_user}
suite valgrind env VALGRIND=1 JOBS="${VALGRIND_JOBS:-2}" tests/c/run.sh ferrossl
suite hostile tests/hostile/run.sh
suite hostile-valgrind env VALGRIND=1 tests/hostile/run.sh
suite threads tests/threads/run.sh
suite threads-valgrind env VALGRIND=1 tests/threads/run.sh
suite resource tests/resource/run.sh
echo "==== reliability total"
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
