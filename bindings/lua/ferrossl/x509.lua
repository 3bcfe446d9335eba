-- ferrossl.x509: a peer certificate, LuaSec's x509 methods over X509_* accessors.
-- cert:subject() / cert:issuer()   "/CN=..." (X509_NAME_oneline)
-- cert:notbefore() / notafter()    "Nov 22 19:29:55 2036 GMT" (ASN1_TIME_print)
-- cert:sans()                      { {type = "DNS", value = "localhost"}, {type = "IP", ...} }
-- cert:extensions()                { ["2.5.29.17"] = { dNSName = {...}, iPAddress = {...} } }
-- cert:digest([alg])               lowercase hex, default "sha256"
-- Errors come back as nil, message (never raised).
local lib = require "ferrossl.lib"
local err = require "ferrossl.err"
local C, ffi = lib.C, lib.ffi

local M = {}
local Cert = {}
Cert.__index = Cert
M.Cert = Cert

local NID_subject_alt_name = 85
local GEN_EMAIL, GEN_DNS, GEN_URI, GEN_IPADD = 1, 2, 6, 7

-- protect(f): runs f, turning a missing export or any Lua error into nil, message
local function protect(what, f, ...)
  local ok, a, b = pcall(f, ...)
  if ok then return a, b end
  return nil, what .. ": " .. tostring(a)
end

-- M.peer(ssl): owning handle on the peer certificate (SSL_get1_peer_certificate)
function M.peer(ssl)
  return protect("getpeercertificate", function()
    err.clear()
    local x = C.SSL_get1_peer_certificate(ssl)
    if x == nil then return nil, "no peer certificate" end
    return setmetatable({ x509 = ffi.gc(x, C.X509_free) }, Cert)
  end)
end

local namebuf = ffi.new("char[1024]")
local function oneline(name)
  if name == nil then return err.fail("X509 name") end
  local p = C.X509_NAME_oneline(name, namebuf, 1024)
  if p == nil then return err.fail("X509_NAME_oneline") end
  return ffi.string(p)
end

function Cert:subject()
  return protect("subject", function() return oneline(C.X509_get_subject_name(self.x509)) end)
end

function Cert:issuer()
  return protect("issuer", function() return oneline(C.X509_get_issuer_name(self.x509)) end)
end

local function time_text(t)
  if t == nil then return err.fail("certificate time") end
  local bio = C.BIO_new(C.BIO_s_mem())
  if bio == nil then return err.fail("BIO_new") end
  local ok = C.ASN1_TIME_print(bio, t)
  local pp = ffi.new("char *[1]")
  local n = C.BIO_ctrl(bio, C.BIO_CTRL_INFO, 0, pp)
  local s = (ok == 1 and n > 0) and ffi.string(pp[0], n) or nil
  C.BIO_free(bio)
  if not s then return err.fail("ASN1_TIME_print") end
  return s
end

function Cert:notbefore()
  return protect("notbefore", function() return time_text(C.X509_get0_notBefore(self.x509)) end)
end

function Cert:notafter()
  return protect("notafter", function() return time_text(C.X509_get0_notAfter(self.x509)) end)
end

local function ip_text(s)
  if #s == 4 then return ("%d.%d.%d.%d"):format(s:byte(1, 4)) end
  if #s == 16 then
    local g = {}
    for i = 1, 16, 2 do g[#g + 1] = ("%x"):format(s:byte(i) * 256 + s:byte(i + 1)) end
    return table.concat(g, ":")
  end
  return nil
end

function Cert:sans()
  return protect("sans", function()
    local sk = C.X509_get_ext_d2i(self.x509, NID_subject_alt_name, nil, nil)
    if sk == nil then return {} end
    local names = {}
    local ptype = ffi.new("int[1]")
    for i = 0, C.OPENSSL_sk_num(sk) - 1 do
      local gn = C.OPENSSL_sk_value(sk, i)
      local v = C.GENERAL_NAME_get0_value(gn, ptype)
      local t = ptype[0]
      if v ~= nil and (t == GEN_DNS or t == GEN_IPADD or t == GEN_URI or t == GEN_EMAIL) then
        local raw = ffi.string(C.ASN1_STRING_get0_data(v), C.ASN1_STRING_length(v))
        if t == GEN_DNS then names[#names + 1] = { type = "DNS", value = raw }
        elseif t == GEN_IPADD then names[#names + 1] = { type = "IP", value = ip_text(raw) or raw }
        elseif t == GEN_URI then names[#names + 1] = { type = "URI", value = raw }
        else names[#names + 1] = { type = "email", value = raw } end
      end
    end
    C.GENERAL_NAMES_free(sk)
    return names
  end)
end

-- LuaSec's shape for the subjectAltName extension
function Cert:extensions()
  local sans, e = self:sans()
  if not sans then return nil, e end
  local keys = { DNS = "dNSName", IP = "iPAddress", URI = "uniformResourceIdentifier", email = "rfc822Name" }
  local ext = {}
  for _, n in ipairs(sans) do
    local k = keys[n.type]
    ext[k] = ext[k] or {}
    table.insert(ext[k], n.value)
  end
  return { ["2.5.29.17"] = ext }
end

function Cert:digest(alg)
  alg = alg or "sha256"
  return protect("digest", function()
    local md = C.EVP_get_digestbyname(alg)
    if md == nil then return nil, "digest: unknown algorithm " .. alg end
    local out, len = ffi.new("unsigned char[64]"), ffi.new("unsigned int[1]")
    if C.X509_digest(self.x509, md, out, len) ~= 1 then return err.fail("X509_digest") end
    local hex = {}
    for i = 0, len[0] - 1 do hex[#hex + 1] = ("%02x"):format(out[i]) end
    return table.concat(hex)
  end)
end

Cert.__tostring = function(self)
  return "ferrossl x509: " .. (self:subject() or "?")
end

return M
