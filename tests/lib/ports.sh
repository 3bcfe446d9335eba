# tests/lib/ports.sh: sourced by the test and bench scripts that start servers on 127.0.0.1.
# free_port: a TCP port no socket uses now. wait_port PORT: until something listens
# there (up to 10 s; polls, as a server gives no other signal that it is ready).
# The ports come from below Linux's ephemeral range (32768-60999 by default), so a client
# connection made meanwhile cannot hold the port a server is about to bind, and a port
# any socket still uses (in any state) is skipped.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$(( 20000 + (RANDOM * 7 + $$) % 12000 ))
    ss -Htan "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
  done
  echo 24567
}
wait_port() {
  for _ in $(seq 100); do ss -Htln "sport = :$1" 2>/dev/null | grep -q . && return 0; sleep 0.1; done
  return 1
}
