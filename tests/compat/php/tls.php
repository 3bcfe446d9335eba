<?php
// tests/compat/t_php.sh: a tls:// (or ssl://) stream with peer verification.
// argv: url cafile peer_name
[$_, $url, $ca, $name] = $argv;
$ctx = stream_context_create(["ssl" => ["verify_peer" => true, "verify_peer_name" => true,
  "cafile" => $ca, "peer_name" => $name]]);
$msgs = [];
set_error_handler(function ($no, $str) use (&$msgs) { $msgs[] = $str; return true; });
$s = stream_socket_client($url, $errno, $errstr, 10, STREAM_CLIENT_CONNECT, $ctx);
restore_error_handler();
$m = file_get_contents("/proc/self/maps");
echo str_contains($m, "libferrossl.so") && !str_contains($m, "/usr/lib/x86_64-linux-gnu/libssl.so")
  ? "served-by-ferrossl\n" : "maps: not ferrossl\n";
if (!$s) { foreach ($msgs as $m) echo "refused: $m\n"; exit(2); }
fwrite($s, "GET / HTTP/1.0\r\n\r\n");
echo "status: ", trim(fgets($s)), "\n";
$meta = stream_get_meta_data($s);
echo "protocol: ", $meta["crypto"]["protocol"] ?? "?", "\n";
fclose($s);
