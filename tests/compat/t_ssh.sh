# tests/compat/t_ssh.sh (sourced by run.sh): libssh2 1.10 (Debian's libssh2-1, which curl
# loads) on ferrossl's libcrypto: curl sftp:// and scp:// against a local OpenSSH server
# (sshd -D on 127.0.0.1, host and user keys made per run), files compared byte for byte.
# The key exchanges, ciphers and MACs are picked on the server side (KexAlgorithms, ...).
# LD_DEBUG shows which libcrypto the loader gave libssh2: ferrossl's compat one.

SSHD_DIR="$B/ssh"

ssh_setup() {
  mkdir -p "$SSHD_DIR" /run/sshd || return 1
  rm -f "$SSHD_DIR"/*key* "$SSHD_DIR"/payload.bin
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/hostkey" || return 1
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/userkey" || return 1
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/otherkey" || return 1
  cp "$SSHD_DIR/userkey.pub" "$SSHD_DIR/authorized_keys"
  head -c 300000 /dev/urandom > "$SSHD_DIR/payload.bin"
  HOSTPUB=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
  OTHERPUB=$(ssh-keygen -lf "$SSHD_DIR/otherkey.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
}
# sshd_start PORT [config lines...]: a foreground sshd for this test
sshd_start() {
  local port=$1; shift
  { printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nAuthorizedKeysFile %s\n' \
      "$port" "$SSHD_DIR/hostkey" "$SSHD_DIR/authorized_keys"
    printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n'
    printf 'UsePAM no\nStrictModes no\nPidFile none\nSubsystem sftp internal-sftp\nLogLevel DEBUG1\n'
    printf '%s\n' "$@"; } > "$SSHD_DIR/sshd_config.$port"
  /usr/sbin/sshd -D -f "$SSHD_DIR/sshd_config.$port" -E "$LOG.sshd" < /dev/null &
  PIDS+=($!); wait_port "$port"
}
# ssh_curl URL [curl args...]: curl on ferrossl with the user key, into $LOG.got; LD_DEBUG
# records which libcrypto libssh2 got
ssh_curl() {
  local url=$1; shift
  rm -f "$LOG.got" "$LOG".ld.*
  env LD_DEBUG=libs LD_DEBUG_OUTPUT="$LOG.ld" LD_LIBRARY_PATH="$COMPAT_DIR" timeout "$T" \
    curl -sS -o "$LOG.got" --key "$SSHD_DIR/userkey" --pubkey "$SSHD_DIR/userkey.pub" "$@" "$url" \
    > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.out" "$LOG.err"; grep -E '^debug1: kex: (algorithm|host key|client->server)' "$LOG.sshd"
  # libssh2 and libcrypto.so.3 from the compat directory; no system libcrypto looked up
  grep -hq "calling init: /lib/x86_64-linux-gnu/libssh2.so.1" "$LOG".ld.* \
    && grep -hq "trying file=$COMPAT_DIR/libcrypto.so.3" "$LOG".ld.* \
    && ! grep -hqE 'trying file=/(usr/)?lib/x86_64-linux-gnu/libcrypto' "$LOG".ld.* \
    || { echo "LD_DEBUG: libssh2 not on ferrossl's libcrypto"; return 9; }
  return $rc
}
same_payload() { cmp "$LOG.got" "$SSHD_DIR/payload.bin" && echo "payload identical ($(wc -c < "$LOG.got") bytes)"; }

t_ssh_sftp_curve25519() {
  local port; port=$(free_port); sshd_start "$port" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" \
    && same_payload && grep -q 'kex: algorithm: curve25519-sha256' "$LOG.sshd" \
    && grep -q 'Accepted publickey for .* ED25519' "$LOG.sshd"
}
t_ssh_sftp_dh16_aes256ctr() {
  local port; port=$(free_port)
  sshd_start "$port" "KexAlgorithms diffie-hellman-group16-sha512" "Ciphers aes256-ctr" "MACs hmac-sha2-512" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" \
    && same_payload && grep -q 'kex: client->server cipher: aes256-ctr MAC: hmac-sha2-512' "$LOG.sshd"
}
t_ssh_scp_dhgex_aes192cbc() {
  local port; port=$(free_port)
  sshd_start "$port" "KexAlgorithms diffie-hellman-group-exchange-sha256" "Ciphers aes192-cbc" "MACs hmac-sha1" || return 1
  ssh_curl "scp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" \
    && same_payload && grep -q 'kex: algorithm: diffie-hellman-group-exchange-sha256' "$LOG.sshd" \
    && grep -q 'kex: client->server cipher: aes192-cbc MAC: hmac-sha1' "$LOG.sshd"
}
t_ssh_sftp_dh14_sha256() {
  local port; port=$(free_port)
  sshd_start "$port" "KexAlgorithms diffie-hellman-group14-sha256" "Ciphers aes128-ctr" "MACs hmac-sha2-256" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" && same_payload
}
t_ssh_wrong_host_key() {
  local port; port=$(free_port); sshd_start "$port" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$OTHERPUB"; local rc=$?
  [ $rc != 0 ] && [ $rc != 9 ] && [ ! -s "$LOG.got" ] && grep -qi 'denied\|mismatch\|does not match' "$LOG.err"
}
t_ssh_unknown_user_key() {
  local port; port=$(free_port); sshd_start "$port" || return 1
  rm -f "$LOG.got"
  env LD_LIBRARY_PATH="$COMPAT_DIR" timeout "$T" curl -sS -o "$LOG.got" --key "$SSHD_DIR/otherkey" \
    --pubkey "$SSHD_DIR/otherkey.pub" --hostpubsha256 "$HOSTPUB" \
    "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" > "$LOG.out" 2> "$LOG.err"; local rc=$?
  cat "$LOG.err"
  [ $rc = 67 ] && [ ! -s "$LOG.got" ]
}

if [ -x /usr/sbin/sshd ] && have ssh-keygen && curl -V | grep -q '^Protocols:.* sftp'; then
  if ssh_setup > "$LOGS/ssh-setup.log" 2>&1; then
    run ssh/sftp-curve25519-ed25519 t_ssh_sftp_curve25519
    run ssh/sftp-dh-group16-aes256ctr-sha512 t_ssh_sftp_dh16_aes256ctr
    run ssh/sftp-dh-group14-sha256 t_ssh_sftp_dh14_sha256
    run ssh/scp-dh-gex-aes192cbc-sha1 t_ssh_scp_dhgex_aes192cbc
    run ssh/wrong-host-key-refused t_ssh_wrong_host_key
    run ssh/unknown-user-key-refused t_ssh_unknown_user_key
  else
    echo "FAIL ssh: key setup failed ($LOGS/ssh-setup.log)"; FAIL=$((FAIL+1))
  fi
else
  echo "FAIL ssh: openssh-server / curl with sftp missing (tests/deps.sh)"; FAIL=$((FAIL+1))
fi
