<?php
// tests/compat/t_php.sh: PHP's openssl extension, deterministic results printed one per
// line; run on the system OpenSSL and on ferrossl, the outputs must be the same.
// argv: dir with ec.key ec.pub server.pem msg.sig (an ECDSA signature by `openssl dgst`)
[$_, $dir] = $argv;
$out = function ($k, $v) { echo $k, " ", is_string($v) ? $v : json_encode($v), "\n"; };
$out("loaded", extension_loaded("openssl"));
$out("sha256", openssl_digest("abc", "sha256"));
$out("sha512-raw", bin2hex(openssl_digest("abc", "sha512", true)));
$out("md5", openssl_digest("", "md5"));
// AES-256-GCM with a tag and AAD, and a tampered tag refused
$key = hex2bin(str_repeat("0123456789abcdef", 4)); $iv = hex2bin("00112233445566778899aabb");
$ct = openssl_encrypt("ferrossl php gcm", "aes-256-gcm", $key, OPENSSL_RAW_DATA, $iv, $tag, "aad-bytes");
$out("gcm-ct", bin2hex($ct)); $out("gcm-tag", bin2hex($tag));
$out("gcm-pt", openssl_decrypt($ct, "aes-256-gcm", $key, OPENSSL_RAW_DATA, $iv, $tag, "aad-bytes"));
$bad = $tag; $bad[0] = chr(ord($bad[0]) ^ 1);
$out("gcm-bad-tag", openssl_decrypt($ct, "aes-256-gcm", $key, OPENSSL_RAW_DATA, $iv, $bad, "aad-bytes"));
// AES-128-CBC, base64 output (PKCS#7 padding)
$k16 = hex2bin("000102030405060708090a0b0c0d0e0f"); $iv16 = hex2bin("f0e0d0c0b0a090807060504030201000");
$cbc = openssl_encrypt("ferrossl php cbc round trip", "aes-128-cbc", $k16, 0, $iv16);
$out("cbc-b64", $cbc);
$out("cbc-pt", openssl_decrypt($cbc, "aes-128-cbc", $k16, 0, $iv16));
$out("iv-len", openssl_cipher_iv_length("aes-256-gcm"));
// EC P-256 signatures: sign here, verify here; verify the openssl-CLI signature; tampered
$priv = openssl_pkey_get_private(file_get_contents("$dir/ec.key"));
$pub = openssl_pkey_get_public(file_get_contents("$dir/ec.pub"));
$out("sign", openssl_sign("message to sign", $sig, $priv, OPENSSL_ALGO_SHA256));
file_put_contents("$dir/php.sig." . (getenv("LD_LIBRARY_PATH") ? "ferrossl" : "openssl"), $sig);
$out("verify-own", openssl_verify("message to sign", $sig, $pub, "sha256"));
$out("verify-tampered", openssl_verify("message to sigN", $sig, $pub, "sha256"));
$out("verify-cli", openssl_verify("message to sign", file_get_contents("$dir/msg.sig"), $pub, OPENSSL_ALGO_SHA256));
$d = openssl_pkey_get_details($priv);
$out("ec-bits", $d["bits"]); $out("ec-type", $d["type"] === OPENSSL_KEYTYPE_EC);
$out("ec-curve", $d["ec"]["curve_name"]); $out("ec-oid", $d["ec"]["curve_oid"]);
$out("ec-x", bin2hex($d["ec"]["x"])); $out("ec-y", bin2hex($d["ec"]["y"])); $out("ec-d", bin2hex($d["ec"]["d"]));
$out("ec-pub-pem", $d["key"] === file_get_contents("$dir/ec.pub"));
// fresh keys
foreach ([["private_key_type" => OPENSSL_KEYTYPE_EC, "curve_name" => "prime256v1"],
          ["private_key_type" => OPENSSL_KEYTYPE_EC, "curve_name" => "secp384r1"],
          ["private_key_type" => OPENSSL_KEYTYPE_RSA, "private_key_bits" => 2048]] as $o) {
  $k = openssl_pkey_new($o);
  $dd = openssl_pkey_get_details($k);
  $sub = $dd["ec"] ?? $dd["rsa"];
  $out("new-" . ($o["curve_name"] ?? "rsa"), [$dd["bits"], $dd["ec"]["curve_name"] ?? null,
       array_map(fn ($v) => strlen($v) > 0, $sub)]);
  $out("new-sign-verify", openssl_sign("x", $s, $k, "sha256") && openssl_verify("x", $s, $dd["key"], "sha256") === 1);
}
$r = openssl_random_pseudo_bytes(32, $strong);
$out("random", [strlen($r), $strong, $r !== openssl_random_pseudo_bytes(32)]);
// openssl_x509_parse: the fields ferrossl gives as OpenSSL does (the extension texts
// other than subjectAltName need X509V3_EXT_print); purposes through X509_check_purpose
$x = openssl_x509_parse(file_get_contents("$dir/server.pem"));
foreach (["name", "subject", "issuer", "serialNumber", "serialNumberHex", "validFrom", "validTo",
          "validFrom_time_t", "validTo_time_t", "signatureTypeSN", "signatureTypeLN",
          "signatureTypeNID", "version", "hash"] as $f) $out("x509-$f", $x[$f]);
$out("x509-purposes", $x["purposes"]);
$ca = openssl_x509_parse(file_get_contents("$dir/ca.pem"));
$out("x509-ca-purposes", $ca["purposes"]);
$out("x509-checkpurpose", [openssl_x509_checkpurpose(file_get_contents("$dir/server.pem"), X509_PURPOSE_SSL_SERVER, ["$dir/ca.pem"]),
                           openssl_x509_checkpurpose(file_get_contents("$dir/server.pem"), X509_PURPOSE_SSL_CLIENT, ["$dir/ca.pem"]),
                           openssl_x509_checkpurpose(file_get_contents("$dir/ca.pem"), X509_PURPOSE_SSL_SERVER, ["$dir/ca.pem"])]);
$out("x509-ext-names", array_keys($x["extensions"]));
$out("x509-san", $x["extensions"]["subjectAltName"]);
$out("x509-fingerprint", openssl_x509_fingerprint(file_get_contents("$dir/server.pem"), "sha256"));
$m = file_get_contents("/proc/self/maps");
fwrite(STDERR, (str_contains($m, "libferrossl.so") ? "served-by-ferrossl" : "served-by-system-openssl") . "\n");
