-- ferrossl.crypto: hashes, MACs, KDFs, AEADs and signatures over libferrossl's OpenSSL
-- entry points (EVP_Digest, HMAC, EVP_PKEY HKDF, EVP_CIPHER_CTX, EVP_DigestSign/Verify,
-- EVP_PKEY_derive, EVP_EncodeBlock). Every value is a Lua string of raw bytes; every
-- failure is `nil, message` (never raised). Verification answers `true`, or
-- `false, message` for a signature that does not verify.
--
--   local crypto = require "ferrossl.crypto"
--   crypto.sha256("abc")                               32 bytes
--   crypto.hmac("sha256", key, msg)                    the MAC
--   crypto.hkdf("sha256", ikm, salt, info, 42)         42 bytes of output keying material
--   local ct = crypto.aead_seal("aes-128-gcm", key, nonce, plaintext, aad)   ciphertext .. tag
--   local pt = crypto.aead_open("aes-128-gcm", key, nonce, ct, aad)          or nil, err
local lib = require "ferrossl.lib"
local err = require "ferrossl.err"
local C, ffi = lib.C, lib.ffi

local M = {}

-- protect(f): runs f, turning any Lua error (a bad argument type) into nil, message
local function protect(what, f, ...)
  local ok, a, b = pcall(f, ...)
  if ok then return a, b end
  return nil, what .. ": " .. tostring(a)
end

local function bytes(s, what)
  if type(s) ~= "string" then error(what .. " must be a string", 0) end
  return s
end

local DIGESTS = { sha1 = true, sha224 = true, sha256 = true, sha384 = true, sha512 = true,
  md5 = true }

local function md_by_name(name)
  name = type(name) == "string" and name:lower() or name
  if not DIGESTS[name] then error("unknown digest " .. tostring(name), 0) end
  local md = C.EVP_get_digestbyname(name)
  if md == nil then error("EVP_get_digestbyname(" .. name .. ") failed", 0) end
  return md
end

local mdbuf = ffi.new("unsigned char[64]")
local mdlen = ffi.new("unsigned int[1]")

-- digest(name, data): "sha1" | "sha224" | "sha256" | "sha384" | "sha512" | "md5"
function M.digest(name, data)
  return protect("digest", function()
    local md = md_by_name(name)
    bytes(data, "data")
    err.clear()
    if C.EVP_Digest(data, #data, mdbuf, mdlen, md, nil) ~= 1 then return err.fail("EVP_Digest") end
    return ffi.string(mdbuf, mdlen[0])
  end)
end

function M.sha1(data) return M.digest("sha1", data) end
function M.sha256(data) return M.digest("sha256", data) end
function M.sha384(data) return M.digest("sha384", data) end
function M.sha512(data) return M.digest("sha512", data) end

-- hmac(name, key, data): the MAC (HMAC)
function M.hmac(name, key, data)
  return protect("hmac", function()
    local md = md_by_name(name)
    bytes(key, "key"); bytes(data, "data")
    err.clear()
    if C.HMAC(md, key, #key, data, #data, mdbuf, mdlen) == nil then return err.fail("HMAC") end
    return ffi.string(mdbuf, mdlen[0])
  end)
end

-- hkdf(name, ikm, salt, info, length): RFC 5869 extract-and-expand (EVP_PKEY_HKDF)
function M.hkdf(name, ikm, salt, info, length)
  return protect("hkdf", function()
    local md = md_by_name(name)
    bytes(ikm, "ikm"); salt = bytes(salt or "", "salt"); info = bytes(info or "", "info")
    if type(length) ~= "number" or length < 1 or length > 255 * C.EVP_MD_get_size(md) then
      error("length must be 1 .. 255 * the digest size", 0)
    end
    err.clear()
    local pctx = C.EVP_PKEY_CTX_new_id(C.EVP_PKEY_HKDF, nil)
    if pctx == nil then return err.fail("EVP_PKEY_CTX_new_id(HKDF)") end
    pctx = ffi.gc(pctx, C.EVP_PKEY_CTX_free)
    local out = ffi.new("unsigned char[?]", length)
    local outlen = ffi.new("size_t[1]", length)
    local ok = C.EVP_PKEY_derive_init(pctx) == 1
      and C.EVP_PKEY_CTX_set_hkdf_md(pctx, md) == 1
      and C.EVP_PKEY_CTX_set1_hkdf_salt(pctx, salt, #salt) == 1
      and C.EVP_PKEY_CTX_set1_hkdf_key(pctx, ikm, #ikm) == 1
      and C.EVP_PKEY_CTX_add1_hkdf_info(pctx, info, #info) == 1
      and C.EVP_PKEY_derive(pctx, out, outlen) == 1
    C.EVP_PKEY_CTX_free(ffi.gc(pctx, nil))
    if not ok then return err.fail("HKDF") end
    return ffi.string(out, outlen[0])
  end)
end

-- random(n): n bytes from RAND_bytes
function M.random(n)
  return protect("random", function()
    if type(n) ~= "number" or n < 0 or n ~= math.floor(n) then error("n must be a count", 0) end
    if n == 0 then return "" end
    local buf = ffi.new("unsigned char[?]", n)
    err.clear()
    if C.RAND_bytes(buf, n) ~= 1 then return err.fail("RAND_bytes") end
    return ffi.string(buf, n)
  end)
end

-- AEADs: the name, its EVP_CIPHER, the key length
local AEADS = {
  ["aes-128-gcm"] = function() return C.EVP_aes_128_gcm() end,
  ["aes-192-gcm"] = function() return C.EVP_aes_192_gcm() end,
  ["aes-256-gcm"] = function() return C.EVP_aes_256_gcm() end,
  ["chacha20-poly1305"] = function() return C.EVP_chacha20_poly1305() end,
}
local TAGLEN = 16

local function aead(name, key, nonce, aad)
  local f = AEADS[type(name) == "string" and name:lower() or name]
  if not f then error("unknown AEAD " .. tostring(name), 0) end
  bytes(key, "key"); bytes(nonce, "nonce"); bytes(aad or "", "aad")
  local cipher = f()
  local klen = C.EVP_CIPHER_get_key_length(cipher)
  -- EVP_*Init_ex reads the cipher's key length from `key`: a shorter string is refused here
  if #key ~= klen then error(("key must be %d bytes, got %d"):format(klen, #key), 0) end
  if #nonce == 0 then error("empty nonce", 0) end
  return cipher
end

local function cipher_ctx()
  local ctx = C.EVP_CIPHER_CTX_new()
  if ctx == nil then return nil end
  return ffi.gc(ctx, C.EVP_CIPHER_CTX_free)
end

-- aead_seal(name, key, nonce, plaintext [, aad]): ciphertext .. 16-byte tag.
-- name: "aes-128-gcm" | "aes-192-gcm" | "aes-256-gcm" | "chacha20-poly1305"
function M.aead_seal(name, key, nonce, plaintext, aad)
  return protect("aead_seal", function()
    local cipher = aead(name, key, nonce, aad)
    bytes(plaintext, "plaintext"); aad = aad or ""
    err.clear()
    local ctx = cipher_ctx()
    if not ctx then return err.fail("EVP_CIPHER_CTX_new") end
    local out = ffi.new("unsigned char[?]", #plaintext + TAGLEN)
    local n = ffi.new("int[1]")
    local ok = C.EVP_EncryptInit_ex(ctx, cipher, nil, nil, nil) == 1
      and C.EVP_CIPHER_CTX_ctrl(ctx, C.EVP_CTRL_AEAD_SET_IVLEN, #nonce, nil) == 1
      and C.EVP_EncryptInit_ex(ctx, nil, nil, key, nonce) == 1
      and (#aad == 0 or C.EVP_EncryptUpdate(ctx, nil, n, aad, #aad) == 1)
      and C.EVP_EncryptUpdate(ctx, out, n, plaintext, #plaintext) == 1
    local len = n[0]
    ok = ok and C.EVP_EncryptFinal_ex(ctx, out + len, n) == 1
    if ok then len = len + n[0] end
    ok = ok and C.EVP_CIPHER_CTX_ctrl(ctx, C.EVP_CTRL_AEAD_GET_TAG, TAGLEN, out + len) == 1
    C.EVP_CIPHER_CTX_free(ffi.gc(ctx, nil))
    if not ok then return err.fail("aead_seal") end
    return ffi.string(out, len + TAGLEN)
  end)
end

-- aead_open(name, key, nonce, ciphertext_and_tag [, aad]): the plaintext, or nil, err
-- (a wrong key, nonce, aad or tag all give "aead_open: authentication failed")
function M.aead_open(name, key, nonce, sealed, aad)
  return protect("aead_open", function()
    local cipher = aead(name, key, nonce, aad)
    bytes(sealed, "ciphertext"); aad = aad or ""
    if #sealed < TAGLEN then error("ciphertext shorter than the tag", 0) end
    local clen = #sealed - TAGLEN
    local tag = ffi.new("unsigned char[?]", TAGLEN)
    ffi.copy(tag, sealed:sub(clen + 1), TAGLEN)
    err.clear()
    local ctx = cipher_ctx()
    if not ctx then return err.fail("EVP_CIPHER_CTX_new") end
    local out = ffi.new("unsigned char[?]", clen + 1)
    local n = ffi.new("int[1]")
    local ok = C.EVP_DecryptInit_ex(ctx, cipher, nil, nil, nil) == 1
      and C.EVP_CIPHER_CTX_ctrl(ctx, C.EVP_CTRL_AEAD_SET_IVLEN, #nonce, nil) == 1
      and C.EVP_DecryptInit_ex(ctx, nil, nil, key, nonce) == 1
      and (#aad == 0 or C.EVP_DecryptUpdate(ctx, nil, n, aad, #aad) == 1)
      and C.EVP_DecryptUpdate(ctx, out, n, sealed, clen) == 1
      and C.EVP_CIPHER_CTX_ctrl(ctx, C.EVP_CTRL_AEAD_SET_TAG, TAGLEN, tag) == 1
    if not ok then
      C.EVP_CIPHER_CTX_free(ffi.gc(ctx, nil))
      return err.fail("aead_open")
    end
    local len = n[0]
    local final = C.EVP_DecryptFinal_ex(ctx, out + len, n)
    C.EVP_CIPHER_CTX_free(ffi.gc(ctx, nil))
    if final ~= 1 then err.clear(); return nil, "aead_open: authentication failed" end
    return ffi.string(out, len + n[0])
  end)
end

-- keys ---------------------------------------------------------------------------------

local function owned_pkey(p) return ffi.gc(p, C.EVP_PKEY_free) end
local function free_pkey(p) C.EVP_PKEY_free(ffi.gc(p, nil)) end

local rawbuf = ffi.new("unsigned char[64]")
local rawlen = ffi.new("size_t[1]")
local function raw(pkey, private)
  rawlen[0] = 64
  local get = private and C.EVP_PKEY_get_raw_private_key or C.EVP_PKEY_get_raw_public_key
  if get(pkey, rawbuf, rawlen) ~= 1 then return nil end
  return ffi.string(rawbuf, rawlen[0])
end

local function raw_key(id, s, private, what)
  bytes(s, what)
  if #s ~= 32 then error(what .. " must be 32 bytes, got " .. #s, 0) end
  local new = private and C.EVP_PKEY_new_raw_private_key or C.EVP_PKEY_new_raw_public_key
  local k = new(id, nil, s, #s)
  if k == nil then return nil end
  return owned_pkey(k)
end

-- keypair(id): a new Ed25519 or X25519 key: private (32 bytes), public (32 bytes)
local function keypair(id, what)
  err.clear()
  local pctx = C.EVP_PKEY_CTX_new_id(id, nil)
  if pctx == nil then return err.fail(what) end
  pctx = ffi.gc(pctx, C.EVP_PKEY_CTX_free)
  local pp = ffi.new("EVP_PKEY *[1]")
  local ok = C.EVP_PKEY_keygen_init(pctx) == 1 and C.EVP_PKEY_keygen(pctx, pp) == 1
  C.EVP_PKEY_CTX_free(ffi.gc(pctx, nil))
  if not ok then return err.fail(what) end
  local k = owned_pkey(pp[0])
  local priv, pub = raw(k, true), raw(k, false)
  free_pkey(k)
  if not priv or not pub then return err.fail(what) end
  return priv, pub
end

-- public_of(id, private): the public half of a raw private key
local function public_of(id, priv, what)
  err.clear()
  local k = raw_key(id, priv, true, "private key")
  if not k then return err.fail(what) end
  local pub = raw(k, false)
  free_pkey(k)
  if not pub then return err.fail(what) end
  return pub
end

-- x25519_keypair(): private, public (32 bytes each)
function M.x25519_keypair()
  return protect("x25519_keypair", keypair, C.EVP_PKEY_X25519, "x25519_keypair")
end

-- x25519_public(private): the public key of a 32-byte private key
function M.x25519_public(priv)
  return protect("x25519_public", public_of, C.EVP_PKEY_X25519, priv, "x25519_public")
end

-- x25519(private, peer_public): the 32-byte shared secret (RFC 7748)
function M.x25519(priv, peer)
  return protect("x25519", function()
    err.clear()
    local k = raw_key(C.EVP_PKEY_X25519, priv, true, "private key")
    if not k then return err.fail("x25519: private key") end
    local p = raw_key(C.EVP_PKEY_X25519, peer, false, "peer key")
    if not p then free_pkey(k); return err.fail("x25519: peer key") end
    local pctx = C.EVP_PKEY_CTX_new(k, nil)
    local out, outlen = ffi.new("unsigned char[32]"), ffi.new("size_t[1]", 32)
    local ok = pctx ~= nil and C.EVP_PKEY_derive_init(pctx) == 1
      and C.EVP_PKEY_derive_set_peer(pctx, p) == 1
      and C.EVP_PKEY_derive(pctx, out, outlen) == 1
    if pctx ~= nil then C.EVP_PKEY_CTX_free(pctx) end
    free_pkey(p); free_pkey(k)
    if not ok then return err.fail("x25519") end
    return ffi.string(out, outlen[0])
  end)
end

-- one-shot EVP_DigestSign / EVP_DigestVerify with `md` (nil for Ed25519)
local function digest_sign(pkey, md, msg, what)
  local mctx = C.EVP_MD_CTX_new()
  if mctx == nil then return err.fail(what) end
  local siglen = ffi.new("size_t[1]")
  local sig
  local ok = C.EVP_DigestSignInit(mctx, nil, md, nil, pkey) == 1
    and C.EVP_DigestSign(mctx, nil, siglen, msg, #msg) == 1
  if ok then
    sig = ffi.new("unsigned char[?]", siglen[0])
    ok = C.EVP_DigestSign(mctx, sig, siglen, msg, #msg) == 1
  end
  C.EVP_MD_CTX_free(mctx)
  if not ok then return err.fail(what) end
  return ffi.string(sig, siglen[0])
end

local function digest_verify(pkey, md, msg, sig, what)
  local mctx = C.EVP_MD_CTX_new()
  if mctx == nil then return err.fail(what) end
  local r = -1
  if C.EVP_DigestVerifyInit(mctx, nil, md, nil, pkey) == 1 then
    r = C.EVP_DigestVerify(mctx, sig, #sig, msg, #msg)
  end
  C.EVP_MD_CTX_free(mctx)
  if r == 1 then return true end
  if r == 0 then err.clear(); return false, what .. ": bad signature" end
  return err.fail(what)
end

-- ed25519_keypair(): private (the 32-byte RFC 8032 seed), public (32 bytes)
function M.ed25519_keypair()
  return protect("ed25519_keypair", keypair, C.EVP_PKEY_ED25519, "ed25519_keypair")
end

function M.ed25519_public(priv)
  return protect("ed25519_public", public_of, C.EVP_PKEY_ED25519, priv, "ed25519_public")
end

-- ed25519_sign(private, message): the 64-byte signature
function M.ed25519_sign(priv, msg)
  return protect("ed25519_sign", function()
    bytes(msg, "message")
    err.clear()
    local k = raw_key(C.EVP_PKEY_ED25519, priv, true, "private key")
    if not k then return err.fail("ed25519_sign: private key") end
    local sig, e = digest_sign(k, nil, msg, "ed25519_sign")
    free_pkey(k)
    return sig, e
  end)
end

-- ed25519_verify(public, message, signature): true, or false, err
function M.ed25519_verify(pub, msg, sig)
  return protect("ed25519_verify", function()
    bytes(msg, "message"); bytes(sig, "signature")
    err.clear()
    local k = raw_key(C.EVP_PKEY_ED25519, pub, false, "public key")
    if not k then return err.fail("ed25519_verify: public key") end
    local ok, e = digest_verify(k, nil, msg, sig, "ed25519_verify")
    free_pkey(k)
    return ok, e
  end)
end

-- ECDSA P-256 with SHA-256. Keys are DER: the private key as i2d_PrivateKey writes it (SEC1
-- ECPrivateKey; PKCS#8 is read too), the public key as a SubjectPublicKeyInfo (i2d_PUBKEY).
-- Signatures are DER ECDSA-Sig-Value, as OpenSSL makes them.

local function der_out(f, k)
  local n = f(k, nil)
  if n <= 0 then return nil end
  local buf = ffi.new("unsigned char[?]", n)
  local pp = ffi.new("unsigned char *[1]", buf)
  if f(k, pp) ~= n then return nil end
  return ffi.string(buf, n)
end

local function p256_key(der, private)
  local pp = ffi.new("const unsigned char *[1]")
  local buf = ffi.new("unsigned char[?]", #der)
  ffi.copy(buf, der, #der)
  pp[0] = buf
  local k
  if private then k = C.d2i_PrivateKey(C.EVP_PKEY_EC, nil, pp, #der)
  else k = C.d2i_PUBKEY(nil, pp, #der) end
  if k == nil then return nil, "not a DER " .. (private and "EC private key" or "public key") end
  k = owned_pkey(k)
  if C.EVP_PKEY_get_base_id(k) ~= C.EVP_PKEY_EC or C.EVP_PKEY_get_bits(k) ~= 256 then
    free_pkey(k)
    return nil, "not a P-256 key"
  end
  return k
end

-- ecdsa_p256_keypair(): private (DER), public (DER SubjectPublicKeyInfo)
function M.ecdsa_p256_keypair()
  return protect("ecdsa_p256_keypair", function()
    err.clear()
    local pctx = C.EVP_PKEY_CTX_new_id(C.EVP_PKEY_EC, nil)
    if pctx == nil then return err.fail("ecdsa_p256_keypair") end
    pctx = ffi.gc(pctx, C.EVP_PKEY_CTX_free)
    local pp = ffi.new("EVP_PKEY *[1]")
    local ok = C.EVP_PKEY_keygen_init(pctx) == 1
      and C.EVP_PKEY_CTX_set_ec_paramgen_curve_nid(pctx, C.NID_X9_62_prime256v1) == 1
      and C.EVP_PKEY_keygen(pctx, pp) == 1
    C.EVP_PKEY_CTX_free(ffi.gc(pctx, nil))
    if not ok then return err.fail("ecdsa_p256_keypair") end
    local k = owned_pkey(pp[0])
    local priv, pub = der_out(C.i2d_PrivateKey, k), der_out(C.i2d_PUBKEY, k)
    free_pkey(k)
    if not priv or not pub then return err.fail("ecdsa_p256_keypair: DER") end
    return priv, pub
  end)
end

-- ecdsa_p256_public(private): the DER SubjectPublicKeyInfo of a DER private key
function M.ecdsa_p256_public(priv)
  return protect("ecdsa_p256_public", function()
    err.clear()
    local k, e = p256_key(bytes(priv, "private key"), true)
    if not k then return err.fail("ecdsa_p256_public: " .. e) end
    local pub = der_out(C.i2d_PUBKEY, k)
    free_pkey(k)
    if not pub then return err.fail("ecdsa_p256_public") end
    return pub
  end)
end

-- ecdsa_p256_sign(private, message): a DER signature over SHA-256(message)
function M.ecdsa_p256_sign(priv, msg)
  return protect("ecdsa_p256_sign", function()
    bytes(msg, "message")
    err.clear()
    local k, e = p256_key(bytes(priv, "private key"), true)
    if not k then return err.fail("ecdsa_p256_sign: " .. e) end
    local sig, e2 = digest_sign(k, C.EVP_sha256(), msg, "ecdsa_p256_sign")
    free_pkey(k)
    return sig, e2
  end)
end

-- ecdsa_p256_verify(public, message, signature): true, or false, err
function M.ecdsa_p256_verify(pub, msg, sig)
  return protect("ecdsa_p256_verify", function()
    bytes(msg, "message"); bytes(sig, "signature")
    err.clear()
    local k, e = p256_key(bytes(pub, "public key"), false)
    if not k then return err.fail("ecdsa_p256_verify: " .. e) end
    local ok, e2 = digest_verify(k, C.EVP_sha256(), msg, sig, "ecdsa_p256_verify")
    free_pkey(k)
    return ok, e2
  end)
end

-- base64 (RFC 4648, standard alphabet, padded, no line breaks) ---------------------------

function M.base64_encode(data)
  return protect("base64_encode", function()
    bytes(data, "data")
    local out = ffi.new("unsigned char[?]", 4 * math.ceil(#data / 3) + 1)
    local n = C.EVP_EncodeBlock(out, data, #data)
    return ffi.string(out, n)
  end)
end

-- base64_decode(text): the bytes, or nil, err for text that is not padded base64
function M.base64_decode(text)
  return protect("base64_decode", function()
    bytes(text, "text")
    if #text % 4 ~= 0 or text:find("[^%w%+/=]") or text:find("=[^=]") or text:find("===") then
      return nil, "base64_decode: not padded base64"
    end
    if #text == 0 then return "" end
    local out = ffi.new("unsigned char[?]", #text / 4 * 3)
    err.clear()
    local n = C.EVP_DecodeBlock(out, text, #text)
    if n < 0 then return err.fail("base64_decode") end
    -- EVP_DecodeBlock counts the bytes the padding stands for
    local pad = #text:match("=*$")
    return ffi.string(out, n - pad)
  end)
end

-- hex helpers for callers and tests
function M.tohex(s)
  return (s:gsub(".", function(c) return ("%02x"):format(c:byte()) end))
end

function M.fromhex(h)
  return (h:gsub("%s", ""):gsub("..", function(x) return string.char(tonumber(x, 16)) end))
end

return M
