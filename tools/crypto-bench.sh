#!/usr/bin/env bash
# tools/crypto-bench.sh [OUT.txt]: libcrypto primitive rates, ferrossl against OpenSSL 3.
#
# One program (tools/cryptobench.c, OpenSSL's API only) built once against the system
# libcrypto and run ROUNDS times (default 5) on each library, alternating: plain (the
# system libcrypto.so.3) and with LD_LIBRARY_PATH at ferrossl's compat directory
# (target/release/openssl-compat, `make compat`). Each run names the library it found
# mapped in /proc/self/maps, and a run on the wrong one stops the script. Prints the
# median MB/s per row and library and the ratio ferrossl/OpenSSL (> 1: ferrossl faster).
# The certificate rows (operations per second, "/s" in the name) parse tests/data/server.der
# with d2i_X509 and load the system CA bundle (BUNDLE, default
# /etc/ssl/certs/ca-certificates.crt; skipped when absent) with PEM_read_bio_X509 and
# X509_STORE_load_file.
# The `python` rows are the same for CPython's hashlib and hmac.digest
# (tools/cryptobench-hashlib.py), the interpreter switched the same way.
# A measurement, never a test: nothing here asserts a speed.
#
#   ROUNDS=5 SLICE=0.2 tools/crypto-bench.sh build/bench/crypto.txt
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build/bench/crypto.txt}
ROUNDS=${ROUNDS:-5}
SLICE=${SLICE:-0.2}
BUNDLE=${BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
COMPAT=$ROOT/target/release/openssl-compat
B=$ROOT/build/bench
mkdir -p "$B" "$(dirname "$OUT")"
[ -e "$COMPAT/libcrypto.so.3" ] || { echo "crypto-bench: $COMPAT missing (make compat)" >&2; exit 1; }
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Werror -O2 \
  -o "$B/cryptobench" "$ROOT/tools/cryptobench.c" -lcrypto
CERTS=("$ROOT/tests/data/server.der")
[ -r "$BUNDLE" ] && CERTS+=("$BUNDLE")
RAW=$B/crypto-raw.tsv
: > "$RAW"
# run EXPECTED-LIBRARY CMD...: one run appended to $RAW; it must have mapped that library
run() {
  local want=$1 out
  shift
  out=$("$@")
  printf '%s\n' "$out" >> "$RAW"
  if ! grep -q $'\t'"$want"'$' <<<"$out"; then
    echo "crypto-bench: '$*' did not run on $want" >&2
    exit 1
  fi
}
for r in $(seq "$ROUNDS"); do
  run openssl "$B/cryptobench" "$SLICE" "${CERTS[@]}"
  run ferrossl env LD_LIBRARY_PATH="$COMPAT" "$B/cryptobench" "$SLICE" "${CERTS[@]}"
  run openssl python3 "$ROOT/tools/cryptobench-hashlib.py" "$SLICE"
  run ferrossl env LD_LIBRARY_PATH="$COMPAT" python3 "$ROOT/tools/cryptobench-hashlib.py" "$SLICE"
  echo "crypto-bench: round $r/$ROUNDS done" >&2
done
python3 - "$RAW" "$ROUNDS" "$SLICE" <<'PY' | tee "$OUT"
import statistics, sys
rows, vals = [], {}
for line in open(sys.argv[1]):
    row, v, lib = line.rstrip("\n").split("\t")
    if row not in rows:
        rows.append(row)
    vals.setdefault((row, lib), []).append(float(v))
print(f"libcrypto primitives, MB/s (10^6 bytes/s; rows ending '(/s)': operations/s), median of {sys.argv[2]} alternating runs "
      f"x {sys.argv[3]} s per row; ratio = ferrossl / OpenSSL (> 1: ferrossl faster)")
print(f"| {'row':<28} | {'OpenSSL 3':>10} | {'ferrossl':>10} | {'ratio':>6} |")
print(f"|{'-' * 30}|{'-' * 12}:|{'-' * 12}:|{'-' * 8}:|")
for row in rows:
    o = statistics.median(vals[(row, "openssl")])
    f = statistics.median(vals[(row, "ferrossl")])
    print(f"| {row:<28} | {o:>10.1f} | {f:>10.1f} | {f / o:>6.2f} |")
PY
