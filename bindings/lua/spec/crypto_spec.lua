-- ferrossl.crypto against published vectors (FIPS 180 / NIST, RFC 4231, RFC 5869, the
-- GCM spec's test cases, RFC 8439, RFC 7748, RFC 8032, RFC 6979, RFC 4648), plus bad input:
-- every failure is nil/false + a message, never a crash.
local H = require "helper"
local crypto = require "ferrossl.crypto"
local hex, unhex = crypto.tohex, crypto.fromhex

local function fails(what, v, e)
  H.eq(v, nil, what .. " result")
  H.truthy(type(e) == "string" and #e > 0, what .. " message", e)
end

H.test("sha1/256/384/512 of \"abc\" (FIPS 180-2 appendix examples)", function()
  H.eq(hex(crypto.sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d", "sha1")
  H.eq(hex(crypto.sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256")
  H.eq(hex(crypto.sha384("abc")), "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
    .. "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7", "sha384")
  H.eq(hex(crypto.sha512("abc")), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
    .. "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", "sha512")
  H.eq(hex(crypto.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 448-bit message")
  H.eq(hex(crypto.sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 empty")
end)

H.test("HMAC-SHA-256/512 (RFC 4231 test cases 1 and 2)", function()
  local key = ("\11"):rep(20)
  H.eq(hex(crypto.hmac("sha256", key, "Hi There")),
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "case 1 sha256")
  H.eq(hex(crypto.hmac("sha512", key, "Hi There")),
    "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
    .. "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854", "case 1 sha512")
  H.eq(hex(crypto.hmac("sha256", "Jefe", "what do ya want for nothing?")),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "case 2 sha256")
end)

H.test("HKDF-SHA-256 (RFC 5869 test cases 1 and 3)", function()
  local okm = crypto.hkdf("sha256", ("\11"):rep(22), unhex("000102030405060708090a0b0c"),
    unhex("f0f1f2f3f4f5f6f7f8f9"), 42)
  H.eq(hex(okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", "case 1")
  H.eq(hex(crypto.hkdf("sha256", ("\11"):rep(22), "", "", 42)),
    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", "case 3")
end)

H.test("random: the length asked for, and two draws differ", function()
  local a, b = crypto.random(32), crypto.random(32)
  H.eq(#a, 32, "length"); H.truthy(a ~= b, "two draws differ")
  H.eq(crypto.random(0), "", "zero bytes")
  fails("random(-1)", crypto.random(-1))
end)

H.test("AES-128-GCM (GCM spec test cases 2 and 4), seal and open", function()
  local z16 = ("\0"):rep(16)
  H.eq(hex(crypto.aead_seal("aes-128-gcm", z16, ("\0"):rep(12), z16)),
    "0388dace60b6a392f328c2b971b2fe78" .. "ab6e47d42cec13bdf53a67b21257bddf", "case 2")
  local key, iv = unhex("feffe9928665731c6d6a8f9467308308"), unhex("cafebabefacedbaddecaf888")
  local pt = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    .. "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
  local aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
  local ct = crypto.aead_seal("aes-128-gcm", key, iv, pt, aad)
  H.eq(hex(ct), "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
    .. "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091" .. "5bc94fbc3221a5db94fae95ae7121a47", "case 4")
  H.eq(crypto.aead_open("aes-128-gcm", key, iv, ct, aad), pt, "case 4 opens")
end)

local RFC8439_PT = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
  .. "the future, sunscreen would be it."
local RFC8439_CT = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
  .. "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3f"
  .. "f4def08e4b7a9de576d26586cec64b6116" .. "1ae10b594f09e26a7e902ecbd0600691"

H.test("ChaCha20-Poly1305 (RFC 8439 section 2.8.2), seal and open", function()
  local key = unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
  local nonce, aad = unhex("070000004041424344454647"), unhex("50515253c0c1c2c3c4c5c6c7")
  local ct = crypto.aead_seal("chacha20-poly1305", key, nonce, RFC8439_PT, aad)
  H.eq(hex(ct), RFC8439_CT, "ciphertext and tag")
  H.eq(crypto.aead_open("chacha20-poly1305", key, nonce, ct, aad), RFC8439_PT, "opens")
end)

H.test("AEAD: tampered tag, ciphertext or aad and a wrong key size fail cleanly", function()
  local key = unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
  local nonce, aad = unhex("070000004041424344454647"), unhex("50515253c0c1c2c3c4c5c6c7")
  local ct = unhex(RFC8439_CT)
  local flip = function(s, i) return s:sub(1, i - 1) .. string.char(bit.bxor(s:byte(i), 1)) .. s:sub(i + 1) end
  fails("tampered tag", crypto.aead_open("chacha20-poly1305", key, nonce, flip(ct, #ct), aad))
  fails("tampered ciphertext", crypto.aead_open("chacha20-poly1305", key, nonce, flip(ct, 1), aad))
  fails("tampered aad", crypto.aead_open("chacha20-poly1305", key, nonce, ct, flip(aad, 1)))
  local v, e = crypto.aead_open("aes-256-gcm", key, nonce, crypto.aead_seal("aes-256-gcm", key, nonce, "x") .. "", "")
  H.eq(v, "x", "aes-256-gcm round trip " .. tostring(e))
  fails("wrong key size", crypto.aead_seal("aes-128-gcm", key, nonce, "x"))
  fails("short key for open", crypto.aead_open("chacha20-poly1305", key:sub(1, 16), nonce, ct, aad))
  fails("shorter than a tag", crypto.aead_open("aes-128-gcm", key:sub(1, 16), nonce, "abc"))
  fails("unknown AEAD", crypto.aead_seal("aes-128-cbc", key:sub(1, 16), nonce, "x"))
end)

H.test("X25519 (RFC 7748 section 6.1)", function()
  local a = unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
  local b = unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
  local apub, bpub = crypto.x25519_public(a), crypto.x25519_public(b)
  H.eq(hex(apub), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", "Alice's public key")
  H.eq(hex(bpub), "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", "Bob's public key")
  local k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
  H.eq(hex(crypto.x25519(a, bpub)), k, "Alice's shared secret")
  H.eq(hex(crypto.x25519(b, apub)), k, "Bob's shared secret")
  local p1, q1 = crypto.x25519_keypair()
  local p2, q2 = crypto.x25519_keypair()
  H.eq(#p1, 32, "generated private"); H.eq(q1, crypto.x25519_public(p1), "generated public")
  H.eq(crypto.x25519(p1, q2), crypto.x25519(p2, q1), "generated pair agrees")
  fails("31-byte peer key", crypto.x25519(a, bpub:sub(2)))
  fails("all-zero peer key", crypto.x25519(a, ("\0"):rep(32)))
end)

H.test("Ed25519 (RFC 8032 section 7.1 tests 1 and 2), sign and verify", function()
  local sk1 = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
  local pk1 = crypto.ed25519_public(sk1)
  H.eq(hex(pk1), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "test 1 public key")
  local sig1 = crypto.ed25519_sign(sk1, "")
  H.eq(hex(sig1), "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    .. "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", "test 1 signature")
  H.eq(crypto.ed25519_verify(pk1, "", sig1), true, "test 1 verifies")
  local sk2 = unhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
  local pk2 = crypto.ed25519_public(sk2)
  H.eq(hex(pk2), "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "test 2 public key")
  local sig2 = crypto.ed25519_sign(sk2, "\x72")
  H.eq(hex(sig2), "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    .. "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00", "test 2 signature")
  H.eq(crypto.ed25519_verify(pk2, "\x72", sig2), true, "test 2 verifies")
  local ok, e = crypto.ed25519_verify(pk2, "\x73", sig2)
  H.eq(ok, false, "other message refused"); H.truthy(e, "a message")
  H.eq((crypto.ed25519_verify(pk1, "\x72", sig2)), false, "other key refused")
  local sk, pk = crypto.ed25519_keypair()
  H.eq(crypto.ed25519_verify(pk, "m", crypto.ed25519_sign(sk, "m")), true, "generated key round trip")
  fails("31-byte private key", crypto.ed25519_sign(sk1:sub(2), "x"))
  fails("33-byte public key", crypto.ed25519_verify(pk1 .. "\0", "", sig1))
end)

-- RFC 6979 A.2.5: the P-256 key (x; Ux, Uy) as DER. SubjectPublicKeyInfo = the fixed
-- id-ecPublicKey/prime256v1 header, then 04 || Ux || Uy; SEC1 ECPrivateKey = version 1,
-- the 32-byte x, the prime256v1 OID (the public key is left out; it is computed).
local P256_SPKI = unhex("3059301306072a8648ce3d020106082a8648ce3d030107034200"
  .. "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
  .. "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299")
local P256_SEC1 = unhex("30310201010420"
  .. "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721" .. "a00a06082a8648ce3d030107")
-- its SHA-256 signature of "sample": r, s as a DER ECDSA-Sig-Value
local P256_SIG = unhex("3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
  .. "022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")

H.test("ECDSA P-256 (RFC 6979 A.2.5): the published signature verifies, a tampered one does not", function()
  H.eq(crypto.ecdsa_p256_verify(P256_SPKI, "sample", P256_SIG), true, "published signature")
  H.eq((crypto.ecdsa_p256_verify(P256_SPKI, "samplE", P256_SIG)), false, "tampered message")
  local bad = P256_SIG:sub(1, -2) .. string.char(bit.bxor(P256_SIG:byte(-1), 1))
  H.eq((crypto.ecdsa_p256_verify(P256_SPKI, "sample", bad)), false, "tampered signature")
  H.eq(crypto.ecdsa_p256_public(P256_SEC1), P256_SPKI, "the private key's public half")
  local sig = crypto.ecdsa_p256_sign(P256_SEC1, "sample")
  H.eq(crypto.ecdsa_p256_verify(P256_SPKI, "sample", sig), true, "our signature with the RFC key")
end)

H.test("ECDSA P-256: generated key round trip and bad keys", function()
  local sk, pk = crypto.ecdsa_p256_keypair()
  H.truthy(sk and pk, "keypair", pk)
  local sig = crypto.ecdsa_p256_sign(sk, "hello")
  H.eq(crypto.ecdsa_p256_verify(pk, "hello", sig), true, "round trip")
  H.eq((crypto.ecdsa_p256_verify(pk, "hellp", sig)), false, "tampered message refused")
  H.eq((crypto.ecdsa_p256_verify(P256_SPKI, "hello", sig)), false, "other key refused")
  fails("garbage private key", crypto.ecdsa_p256_sign("not a key", "x"))
  fails("garbage public key", crypto.ecdsa_p256_verify("not a key", "x", sig))
  fails("truncated public key", crypto.ecdsa_p256_verify(P256_SPKI:sub(1, -2), "x", sig))
end)

H.test("base64 (RFC 4648 section 10) and bad input", function()
  local v = { [""] = "", f = "Zg==", fo = "Zm8=", foo = "Zm9v", foob = "Zm9vYg==", fooba = "Zm9vYmE=",
    foobar = "Zm9vYmFy" }
  for plain, enc in pairs(v) do
    H.eq(crypto.base64_encode(plain), enc, "encode " .. plain)
    H.eq(crypto.base64_decode(enc), plain, "decode " .. enc)
  end
  local all = {}
  for i = 0, 255 do all[#all + 1] = string.char(i) end
  all = table.concat(all)
  H.eq(crypto.base64_decode(crypto.base64_encode(all)), all, "all byte values")
  fails("not base64", crypto.base64_decode("Zm9v!A=="))
  fails("bad length", crypto.base64_decode("Zm9"))
end)

H.test("require(\"ferrossl\").crypto is this module", function()
  H.eq(require("ferrossl").crypto, crypto, "ferrossl.crypto")
end)

H.test("bad arguments are nil, message", function()
  fails("unknown digest", crypto.digest("sha3-999", "x"))
  fails("digest of a number", crypto.sha256(42))
  fails("hkdf too long", crypto.hkdf("sha256", "k", "", "", 255 * 32 + 1))
end)

H.test("README's crypto example runs as written", function()
  local here = debug.getinfo(1, "S").source:match("^@(.*)/spec/[^/]*$")
  local readme = H.slurp(here .. "/README.md")
  local code = readme:match("## Crypto primitives.-```lua\n(.-)```")
  H.truthy(code, "lua block under ## Crypto primitives")
  local printed = {}
  local env = setmetatable({ print = function(s) printed[#printed + 1] = s end }, { __index = _G })
  local f = assert(loadstring(code))
  setfenv(f, env)()
  H.eq(printed[1], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "printed digest")
end)

H.done()
