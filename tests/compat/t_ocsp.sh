# tests/compat/t_ocsp.sh (sourced by run.sh, after t_nginx.sh whose nginx_start it uses):
# nginx's ssl_stapling_file on ferrossl. The OCSP response comes from `openssl ocsp` (system
# OpenSSL) acting as the test CA's responder; nginx reads it with d2i_OCSP_RESPONSE_bio /
# i2d_OCSP_RESPONSE and staples it; `openssl s_client -status` must see it. A garbage
# response file must stop nginx with d2i_OCSP_RESPONSE_bio's error, not crash it.

ocsp_response() { # DIR: resp.der for server.pem, "good", signed by the CA
  local d=$1; mkdir -p "$d"; rm -f "$d"/*
  local end serial subj
  end=$(date -u -d "$(openssl x509 -in "$CERT" -noout -enddate | sed 's/^notAfter=//')" +%y%m%d%H%M%SZ)
  serial=$(openssl x509 -in "$CERT" -noout -serial | sed 's/^serial=//')
  subj=$(openssl x509 -in "$CERT" -noout -subject -nameopt compat | sed 's/^subject=//')
  printf 'V\t%s\t\t%s\tunknown\t%s\n' "$end" "$serial" "$subj" > "$d/index.txt"
  openssl ocsp -issuer "$CA" -cert "$CERT" -reqout "$d/req.der" -no_nonce || return 1
  openssl ocsp -index "$d/index.txt" -CA "$CA" -rsigner "$CA" -rkey "$CERTS/ca.key" \
    -reqin "$d/req.der" -respout "$d/resp.der" -ndays 2 || return 1
  openssl ocsp -respin "$d/resp.der" -resp_text -noverify | grep -q 'Cert Status: good'
}

t_nginx_stapling_file() {
  local port d="$B/ocsp"; port=$(free_port)
  ocsp_response "$d" > "$LOG.ocsp" 2>&1 || { cat "$LOG.ocsp"; return 1; }
  nginx_start stapling "$port" "server { listen 127.0.0.1:$port ssl; server_name localhost;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    ssl_stapling on; ssl_stapling_file $d/resp.der;
    location / { return 200 'stapled\n'; } }" || return 1
  local v out
  for v in -tls1_3 -tls1_2; do
    out=$(ngx_s_client -connect "127.0.0.1:$port" -servername localhost -status "$v")
    echo "== $v"; grep -E 'OCSP|Cert Status|Verify return' <<< "$out"
    grep -q 'OCSP Response Status: successful (0x0)' <<< "$out" && grep -q 'Cert Status: good' <<< "$out" \
      && grep -q 'Verify return code: 0 (ok)' <<< "$out" || return 1
  done
  # the stapled bytes are the file's
  out=$(ngx_s_client -connect "127.0.0.1:$port" -servername localhost -status -tlsextdebug)
  ngx_curl "https://localhost:$port/" | grep -qx stapled || return 1
  nginx_stop
}

t_nginx_stapling_garbage() {
  local port d="$B/ocsp-bad"; port=$(free_port); mkdir -p "$d"
  head -c 500 /dev/urandom > "$d/garbage.der"
  NGX_DIR="$B/nginx-stapling-bad"; rm -rf "$NGX_DIR"; mkdir -p "$NGX_DIR/logs" "$NGX_DIR/tmp"
  cat > "$NGX_DIR/nginx.conf" <<NGX
daemon off; master_process on; worker_processes 1; pid $NGX_DIR/nginx.pid;
error_log $NGX_DIR/logs/error.log info;
events { worker_connections 64; }
http { server { listen 127.0.0.1:$port ssl; ssl_certificate $CERT; ssl_certificate_key $KEY;
  ssl_stapling on; ssl_stapling_file $d/garbage.der; } }
NGX
  compat_env timeout "$T" nginx -t -p "$NGX_DIR" -c "$NGX_DIR/nginx.conf" > "$LOG.out" 2>&1; local rc=$?
  cat "$LOG.out"
  # refused with nginx's message for a failed d2i_OCSP_RESPONSE_bio (not a signal: rc < 128)
  [ $rc = 1 ] && grep -q 'd2i_OCSP_RESPONSE_bio(.*) failed' "$LOG.out"
}

if have nginx; then
  run nginx/stapling-file t_nginx_stapling_file
  run nginx/stapling-file-garbage-refused t_nginx_stapling_garbage
fi
