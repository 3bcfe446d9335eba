#!/usr/bin/env bash
# tools/nginx-bench.sh OUT: Debian's nginx on ferrossl against the same nginx on the system
# OpenSSL, in one run, as ratios. Both servers get the same configuration (one worker, an
# ECDSA P-256 certificate, TLS 1.3, `return 200`), the same load generator (ApacheBench, which
# uses the system OpenSSL on the client side for both), and alternate A,B,A,B over REPS rounds;
# the median of each is reported. Rows: a new TLS connection per request (nginx's session
# defaults, tickets on; ab never resumes), and keep-alive.
# ab's client-side TLS work is the same for both servers, so the new-connection ratio
# understates the server-side difference; the client costs are reported with the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build/bench/nginx.txt}
REPS=${REPS:-3}
N_NEW=${N_NEW:-3000}
N_KA=${N_KA:-20000}
CONC=${CONC:-4}
# AB_LIBS=DIR runs ab itself on the libssl in DIR (e.g. the compat dir), for both servers
AB_LIBS=${AB_LIBS:-}
CERTS=$ROOT/../shared/bench/certs
COMPAT=$ROOT/target/release/openssl-compat
command -v ab > /dev/null || "$ROOT/tests/deps.sh" apache2-utils
[ -e "$COMPAT/libssl.so.3" ] || { echo "nginx-bench: $COMPAT missing (make compat)" >&2; exit 1; }
WORK=$(mktemp -d); trap 'kill $(jobs -p) 2> /dev/null; wait; rm -rf "$WORK"' EXIT

. "$ROOT/tests/lib/ports.sh"

# start NAME: writes WORK/NAME/nginx.conf, starts nginx (on ferrossl when NAME=ferrossl)
start() {
  local name=$1 port dir=$WORK/$1
  port=$(free_port); mkdir -p "$dir/logs" "$dir/tmp"
  cat > "$dir/nginx.conf" << EOF
daemon off; master_process on; worker_processes 1; pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off; client_body_temp_path $dir/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port ssl; ssl_protocols TLSv1.3;
    ssl_certificate $CERTS/server-ecdsa.pem; ssl_certificate_key $CERTS/server-ecdsa.key;
    location / { return 200 'ok\n'; } }
}
EOF
  if [ "$name" = ferrossl ]; then
    LD_LIBRARY_PATH=$COMPAT nginx -p "$dir" -c "$dir/nginx.conf" 2> "$dir/stderr" &
  else
    nginx -p "$dir" -c "$dir/nginx.conf" 2> "$dir/stderr" &
  fi
  echo $! > "$dir/pid"; echo "$port" > "$dir/port"
  wait_port "$port" || { cat "$dir/stderr" "$dir/logs/error.log" >&2; exit 1; }
  local worker; worker=$(pgrep -P "$(cat "$dir/pid")" | head -n1)
  if [ "$name" = ferrossl ]; then
    grep -q libferrossl "/proc/$worker/maps" || { echo "nginx-bench: worker does not map ferrossl" >&2; exit 1; }
  fi
}
# rps NAME N [-k]: requests per second from one ab run (fails on any failed request)
rps() {
  local name=$1 n=$2; shift 2
  local out; out=$(env ${AB_LIBS:+LD_LIBRARY_PATH=$AB_LIBS} ab -q -n "$n" -c "$CONC" "$@" \
    "https://127.0.0.1:$(cat "$WORK/$name/port")/" 2>&1)
  echo "$out" | grep -q '^Failed requests: *0$' || { echo "$out" >&2; exit 1; }
  echo "$out" | awk '/^Requests per second/ {print $4}'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

start openssl; start ferrossl
rps openssl 200 > /dev/null; rps ferrossl 200 > /dev/null # warm-up
for _ in $(seq "$REPS"); do
  for impl in openssl ferrossl; do
    echo "$(rps "$impl" "$N_NEW")" >> "$WORK/$impl.new"
    echo "$(rps "$impl" "$N_KA" -k)" >> "$WORK/$impl.ka"
  done
done
mkdir -p "$(dirname "$OUT")"
{
  echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), 1 worker, TLS 1.3 ECDSA P-256; ab -c $CONC${AB_LIBS:+ (on $AB_LIBS)}; medians of $REPS"
  printf '%-34s %12s %12s %7s\n' row OpenSSL ferrossl ratio
  for row in new ka; do
    o=$(median < "$WORK/openssl.$row"); f=$(median < "$WORK/ferrossl.$row")
    label=$([ $row = new ] && echo "new connection per request (req/s)" || echo "keep-alive (req/s)")
    printf '%-34s %12.0f %12.0f %6.2fx\n' "$label" "$o" "$f" "$(awk -v f="$f" -v o="$o" 'BEGIN {print f / o}')"
  done
} | tee "$OUT"
