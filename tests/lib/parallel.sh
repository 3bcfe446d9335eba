#!/usr/bin/env bash
# tests/lib/parallel.sh 'CMD' 'CMD' ...  -- runs independent test lanes at once (make test's
# tail: the suites share no ports, files or build outputs once the C programs are built).
# Each lane's output goes to a log printed whole when the lane ends, headed by its command,
# exit status and wall time; exits 1 if any lane failed. A lane's commands run in order.
set -uo pipefail
dir=$(mktemp -d "${TMPDIR:-/tmp}/ferrossl-lanes.XXXXXX")
trap 'rm -rf "$dir"' EXIT
start=$(date +%s)
pids=() cmds=()
for cmd in "$@"; do
  i=${#pids[@]}
  ( t0=$(date +%s); bash -c "$cmd" > "$dir/$i.log" 2>&1 < /dev/null; rc=$?
    echo "$rc $(( $(date +%s) - t0 ))" > "$dir/$i.rc" ) &
  pids+=($!) cmds+=("$cmd")
  echo "lane $i started: $cmd"
done
failed=0 left=${#pids[@]}
declare -A shown=()
while [ "$left" -gt 0 ]; do
  wait -n
  for i in "${!pids[@]}"; do
    [ -f "$dir/$i.rc" ] && [ -z "${shown[$i]:-}" ] || continue
    read -r rc secs < "$dir/$i.rc"
    shown[$i]=1 left=$((left - 1))
    echo "==== lane $i: ${cmds[$i]} (exit $rc, $((secs / 60))m$((secs % 60))s)"
    cat "$dir/$i.log"
    echo "==== lane $i end: exit $rc"
    [ "$rc" = 0 ] || failed=1
  done
done
echo "lanes: $# in $(( $(date +%s) - start ))s, $([ "$failed" = 0 ] && echo all passed || echo FAILED)"
exit "$failed"
