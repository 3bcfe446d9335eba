# tests/compat/t_ssh.sh (sourced by run.sh): libssh2 1.10 (Debian's libssh2-1, which curl
# loads) on ferrossl's libcrypto: curl sftp:// and scp:// against a local OpenSSH server
# (sshd -D on 127.0.0.1, host and user keys made per run), files compared byte for byte.
# The key exchanges, ciphers, MACs and host key types are picked on the server side
# (KexAlgorithms, HostKeyAlgorithms, ...); the user key by curl's --key/--pubkey. The ECDH
# (NIST curves), ECDSA and RSA cases run libssh2 through the legacy RSA_* / EC_KEY_* /
# ECDSA_* / ECDH_* calls (ferrossl's, over aws-lc's keys).
# LD_DEBUG shows which libcrypto the loader gave libssh2: ferrossl's compat one.

SSHD_DIR="$B/ssh"

ssh_setup() {
  mkdir -p "$SSHD_DIR" /run/sshd || return 1
  rm -f "$SSHD_DIR"/*key* "$SSHD_DIR"/payload.bin
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/hostkey" || return 1
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/userkey" || return 1
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/otherkey" || return 1
  # ECDSA and RSA host and user keys (OpenSSH's own file format, which libssh2 parses
  # itself, then builds the key with RSA_set0_* / EC_KEY_set_*; and PEM, which it reads
  # with PEM_read_bio_*PrivateKey)
  ssh-keygen -q -t ecdsa -b 256 -N '' -f "$SSHD_DIR/hostkey_ecdsa256" || return 1
  ssh-keygen -q -t rsa -b 2048 -N '' -f "$SSHD_DIR/hostkey_rsa" || return 1
  ssh-keygen -q -t ecdsa -b 256 -N '' -f "$SSHD_DIR/userkey_ecdsa256" || return 1
  ssh-keygen -q -t ecdsa -b 384 -N '' -f "$SSHD_DIR/userkey_ecdsa384" || return 1
  ssh-keygen -q -t ecdsa -b 521 -N '' -f "$SSHD_DIR/userkey_ecdsa521" || return 1
  ssh-keygen -q -t rsa -b 3072 -N '' -f "$SSHD_DIR/userkey_rsa" || return 1
  ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f "$SSHD_DIR/userkey_rsa_pem" || return 1
  ssh-keygen -q -t ecdsa -b 256 -m PEM -N '' -f "$SSHD_DIR/userkey_ecdsa_pem" || return 1
  ssh-keygen -q -t ecdsa -b 256 -N '' -f "$SSHD_DIR/otherkey_ecdsa" || return 1
  ssh-keygen -q -t rsa -b 2048 -N '' -f "$SSHD_DIR/otherkey_rsa" || return 1
  cat "$SSHD_DIR"/userkey.pub "$SSHD_DIR"/userkey_*.pub > "$SSHD_DIR/authorized_keys"
  head -c 300000 /dev/urandom > "$SSHD_DIR/payload.bin"
  HOSTPUB=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
  ECDSAPUB=$(ssh-keygen -lf "$SSHD_DIR/hostkey_ecdsa256.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
  RSAPUB=$(ssh-keygen -lf "$SSHD_DIR/hostkey_rsa.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
  OTHERPUB=$(ssh-keygen -lf "$SSHD_DIR/otherkey.pub" -E sha256 | awk '{print $2}' | sed 's/^SHA256://')
}
# sshd_start PORT [config lines...]: a foreground sshd for this test (host key $HOSTKEY,
# the ed25519 one unless set)
sshd_start() {
  local port=$1; shift
  { printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nAuthorizedKeysFile %s\n' \
      "$port" "$SSHD_DIR/${HOSTKEY:-hostkey}" "$SSHD_DIR/authorized_keys"
    printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n'
    printf 'UsePAM no\nStrictModes no\nPidFile none\nSubsystem sftp internal-sftp\nLogLevel DEBUG1\n'
    printf '%s\n' "$@"; } > "$SSHD_DIR/sshd_config.$port"
  /usr/sbin/sshd -D -f "$SSHD_DIR/sshd_config.$port" -E "$LOG.sshd" < /dev/null &
  PIDS+=($!); wait_port "$port"
}
# ssh_curl URL [curl args...]: curl on ferrossl with the user key ($USERKEY, the ed25519
# one unless set), into $LOG.got; LD_DEBUG records which libcrypto libssh2 got
ssh_curl() {
  local url=$1 key=$SSHD_DIR/${USERKEY:-userkey}; shift
  rm -f "$LOG.got" "$LOG".ld.*
  env LD_DEBUG=libs LD_DEBUG_OUTPUT="$LOG.ld" LD_LIBRARY_PATH="$COMPAT_DIR" timeout "$T" \
    curl -sS -o "$LOG.got" --key "$key" --pubkey "$key.pub" "$@" "$url" \
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
# kex ecdh-sha2-nistpN: EC_KEY_generate_key, EC_POINT_point2oct/oct2point, ECDH_compute_key
t_ssh_kex_ecdh() { # N
  local port; port=$(free_port)
  sshd_start "$port" "KexAlgorithms ecdh-sha2-nistp$1" "Ciphers aes128-ctr" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" \
    && same_payload && grep -q "kex: algorithm: ecdh-sha2-nistp$1" "$LOG.sshd"
}
t_ssh_kex_ecdh256() { t_ssh_kex_ecdh 256; }
t_ssh_kex_ecdh384() { t_ssh_kex_ecdh 384; }
t_ssh_kex_ecdh521() { t_ssh_kex_ecdh 521; }
# host key ecdsa-sha2-nistp256: the signature over the exchange hash checked with
# ECDSA_SIG_set0 + ECDSA_do_verify on a key built by EC_POINT_oct2point/EC_KEY_set_public_key
t_ssh_hostkey_ecdsa() {
  local port; port=$(free_port)
  HOSTKEY=hostkey_ecdsa256 sshd_start "$port" "HostKeyAlgorithms ecdsa-sha2-nistp256" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$ECDSAPUB" \
    && same_payload && grep -q 'kex: host key algorithm: ecdsa-sha2-nistp256' "$LOG.sshd"
}
# host key RSA: RSA_set0_key + RSA_verify. libssh2 1.10 (Debian 12's) knows only ssh-rsa
# (SHA-1; rsa-sha2-256/512 came in libssh2 1.11), which OpenSSH 9 must be told to offer.
t_ssh_hostkey_rsa() {
  local port; port=$(free_port)
  HOSTKEY=hostkey_rsa sshd_start "$port" "HostKeyAlgorithms ssh-rsa" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$RSAPUB" \
    && same_payload && grep -q "kex: host key algorithm: ssh-rsa" "$LOG.sshd"
}
# an ECDSA host key whose fingerprint is not the one pinned: refused
t_ssh_hostkey_ecdsa_wrong() {
  local port; port=$(free_port)
  HOSTKEY=hostkey_ecdsa256 sshd_start "$port" "HostKeyAlgorithms ecdsa-sha2-nistp256" || return 1
  ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$RSAPUB"; local rc=$?
  [ $rc != 0 ] && [ $rc != 9 ] && [ ! -s "$LOG.got" ]
}
# user keys: libssh2 signs with ECDSA_do_sign / RSA_sign; sshd says which key it accepted
t_ssh_userkey() { # FILE SSHD-KEY-TYPE [sshd config...]
  local port key=$1 type=$2; shift 2; port=$(free_port)
  sshd_start "$port" "$@" || return 1
  USERKEY=$key ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB" \
    && same_payload && grep -q "Accepted publickey for .* $type" "$LOG.sshd"
}
t_ssh_userkey_ecdsa256() { t_ssh_userkey userkey_ecdsa256 'ECDSA SHA256'; }
t_ssh_userkey_ecdsa384() { t_ssh_userkey userkey_ecdsa384 'ECDSA SHA256'; }
t_ssh_userkey_ecdsa521() { t_ssh_userkey userkey_ecdsa521 'ECDSA SHA256'; }
# RSA user keys sign ssh-rsa (SHA-1) with libssh2 1.10, as above
t_ssh_userkey_rsa() { t_ssh_userkey userkey_rsa 'RSA SHA256' "PubkeyAcceptedAlgorithms +ssh-rsa"; }
t_ssh_userkey_rsa_pem() { t_ssh_userkey userkey_rsa_pem 'RSA SHA256' "PubkeyAcceptedAlgorithms +ssh-rsa"; }
t_ssh_userkey_ecdsa_pem() { t_ssh_userkey userkey_ecdsa_pem 'ECDSA SHA256'; }
# a user key not in authorized_keys: curl fails with CURLE_LOGIN_DENIED (67), nothing fetched
t_ssh_userkey_refused() { # FILE
  local port; port=$(free_port); sshd_start "$port" "PubkeyAcceptedAlgorithms +ssh-rsa" || return 1
  USERKEY=$1 ssh_curl "sftp://$(id -un)@127.0.0.1:$port$SSHD_DIR/payload.bin" --hostpubsha256 "$HOSTPUB"; local rc=$?
  [ $rc = 67 ] && [ ! -s "$LOG.got" ] && grep -q "Failed publickey for" "$LOG.sshd"
}
t_ssh_userkey_ecdsa_refused() { t_ssh_userkey_refused otherkey_ecdsa; }
t_ssh_userkey_rsa_refused() { t_ssh_userkey_refused otherkey_rsa; }

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
    run ssh/sftp-kex-ecdh-nistp256 t_ssh_kex_ecdh256
    run ssh/sftp-kex-ecdh-nistp384 t_ssh_kex_ecdh384
    run ssh/sftp-kex-ecdh-nistp521 t_ssh_kex_ecdh521
    run ssh/hostkey-ecdsa-nistp256 t_ssh_hostkey_ecdsa
    run ssh/hostkey-rsa t_ssh_hostkey_rsa
    run ssh/hostkey-ecdsa-wrong-pin-refused t_ssh_hostkey_ecdsa_wrong
    run ssh/userkey-ecdsa-nistp256 t_ssh_userkey_ecdsa256
    run ssh/userkey-ecdsa-nistp384 t_ssh_userkey_ecdsa384
    run ssh/userkey-ecdsa-nistp521 t_ssh_userkey_ecdsa521
    run ssh/userkey-rsa t_ssh_userkey_rsa
    run ssh/userkey-rsa-pem t_ssh_userkey_rsa_pem
    run ssh/userkey-ecdsa-pem t_ssh_userkey_ecdsa_pem
    run ssh/userkey-ecdsa-unknown-refused t_ssh_userkey_ecdsa_refused
    run ssh/userkey-rsa-unknown-refused t_ssh_userkey_rsa_refused
    run ssh/wrong-host-key-refused t_ssh_wrong_host_key
    run ssh/unknown-user-key-refused t_ssh_unknown_user_key
  else
    echo "FAIL ssh: key setup failed ($LOGS/ssh-setup.log)"; FAIL=$((FAIL+1))
  fi
else
  echo "FAIL ssh: openssh-server / curl with sftp missing (tests/deps.sh)"; FAIL=$((FAIL+1))
fi
