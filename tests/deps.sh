#!/usr/bin/env bash
# tests/deps.sh: install what building and testing ferrossl needs. Idempotent and
# non-interactive: runs `apt-get update` once and installs only the Debian packages that
# are missing (checked with dpkg -s), then `cargo fetch`. DRY_RUN=1 only reports.
# Extra package names as arguments are installed too (`make bench` adds its own).
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(openssl libssl-dev gcc g++ make valgrind curl
      sbcl cl-plus-ssl cl-drakma cl-hunchentoot cl-fiveam cl-usocket
      luajit lua-socket lua5.4 lua-sec guile-3.0 socat racket nginx-light
      stunnel4 postgresql-15 postgresql-client-15 cmake ninja-build php-cli
      openssh-server openssh-client libssh2-1 python3-cryptography "$@")
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} Debian packages present"
elif [ "${DRY_RUN:-0}" = 1 ]; then
  echo "deps: would install: ${missing[*]}"
else
  echo "deps: installing: ${missing[*]}"
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q < /dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" < /dev/null
fi
if [ "${DRY_RUN:-0}" = 1 ]; then
  echo "deps: would run: cargo fetch"
else
  cargo fetch < /dev/null
fi
