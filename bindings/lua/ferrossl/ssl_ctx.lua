-- ferrossl.ssl_ctx: ferrossl.newcontext{...}, LuaSec's parameter table over SSL_CTX.
local lib = require "ferrossl.lib"
local err = require "ferrossl.err"
local C, ffi = lib.C, lib.ffi
local bit = require "bit"

local M = {}
local Context = {}
Context.__index = Context
M.Context = Context

-- ALPN: the protocol list in RFC 7301 wire format (length-prefixed strings).
local function alpn_wire(list)
  if type(list) == "string" then list = { list } end
  local parts = {}
  for _, p in ipairs(list) do
    if type(p) ~= "string" or #p == 0 or #p > 255 then return nil, "invalid ALPN protocol name" end
    parts[#parts + 1] = string.char(#p) .. p
  end
  return table.concat(parts)
end
M.alpn_wire = alpn_wire

-- Server-side ALPN selection. One C callback for the process (LuaJIT has few callback
-- slots); `arg` is an id into `selectors`. It never raises: any Lua error becomes
-- SSL_TLSEXT_ERR_NOACK ("no protocol"), the error text kept for the connection.
local selectors, next_id = {}, 0
local alpn_cb
local function alpn_select(ssl, out, outlen, inp, inlen, arg)
  local ok, res = pcall(function()
    local sel = selectors[tonumber(ffi.cast("intptr_t", arg))]
    if not sel then return C.SSL_TLSEXT_ERR_NOACK end
    local offered, i, raw = {}, 0, ffi.string(inp, inlen)
    while i < #raw do
      local n = raw:byte(i + 1)
      offered[#offered + 1] = raw:sub(i + 2, i + 1 + n)
      i = i + 1 + n
    end
    local choice
    if type(sel.alpn) == "function" then
      choice = sel.alpn(offered)
    else
      for _, mine in ipairs(sel.alpn) do
        for _, theirs in ipairs(offered) do
          if mine == theirs then choice = mine; break end
        end
        if choice then break end
      end
    end
    if type(choice) ~= "string" then return C.SSL_TLSEXT_ERR_NOACK end
    -- point into the client's list (valid for the callback) at the chosen name
    i = 0
    while i < #raw do
      local n = raw:byte(i + 1)
      if raw:sub(i + 2, i + 1 + n) == choice then
        out[0] = inp + i + 1
        outlen[0] = n
        return C.SSL_TLSEXT_ERR_OK
      end
      i = i + 1 + n
    end
    return C.SSL_TLSEXT_ERR_NOACK
  end)
  if ok then return res end
  M.callback_error = tostring(res)
  return C.SSL_TLSEXT_ERR_NOACK
end

local function ctx_finalizer(id)
  return function(p)
    if id then selectors[id] = nil end
    C.SSL_CTX_free(p)
  end
end

local protocols = { any = false, tlsv1_2 = true, tlsv1_3 = true }

-- newcontext(params) -> context | nil, err
function M.newcontext(params)
  if type(params) ~= "table" then return nil, "newcontext: parameter table expected" end
  local mode = params.mode
  if mode ~= "client" and mode ~= "server" then
    return nil, "newcontext: mode must be \"client\" or \"server\""
  end
  err.clear()
  local method = mode == "client" and C.TLS_client_method() or C.TLS_server_method()
  local raw = C.SSL_CTX_new(method)
  if raw == nil then return err.fail("SSL_CTX_new") end
  local self = setmetatable({ mode = mode }, Context)
  self.ctx = ffi.gc(raw, ctx_finalizer(nil))

  local protocol = params.protocol or "any"
  if protocols[protocol] == nil then return nil, "newcontext: unsupported protocol " .. tostring(protocol) end
  if protocols[protocol] then
    local v = protocol == "tlsv1_2" and C.TLS1_2_VERSION or C.TLS1_3_VERSION
    if C.SSL_CTX_ctrl(raw, C.SSL_CTRL_SET_MIN_PROTO_VERSION, v, nil) ~= 1
      or C.SSL_CTX_ctrl(raw, C.SSL_CTRL_SET_MAX_PROTO_VERSION, v, nil) ~= 1 then
      return err.fail("protocol " .. protocol)
    end
  end

  -- verify: "none" | "peer" | {"peer", "fail_if_no_peer_cert", "client_once"}
  -- default: "peer" for clients (stricter than LuaSec), "none" for servers
  local verify = params.verify or (mode == "client" and "peer" or "none")
  if type(verify) == "string" then verify = { verify } end
  local vmode = 0
  for _, v in ipairs(verify) do
    if v == "none" then vmode = vmode + 0
    elseif v == "peer" then vmode = bit.bor(vmode, C.SSL_VERIFY_PEER)
    elseif v == "fail_if_no_peer_cert" then vmode = bit.bor(vmode, C.SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
    elseif v == "client_once" then vmode = bit.bor(vmode, C.SSL_VERIFY_CLIENT_ONCE)
    else return nil, "newcontext: invalid verify option " .. tostring(v) end
  end
  C.SSL_CTX_set_verify(raw, vmode, nil)
  if params.depth then C.SSL_CTX_set_verify_depth(raw, params.depth) end
  self.verify = vmode

  if params.cafile or params.capath then
    if C.SSL_CTX_load_verify_locations(raw, params.cafile, params.capath) ~= 1 then
      return err.fail("cafile/capath")
    end
  elseif bit.band(vmode, C.SSL_VERIFY_PEER) ~= 0 and mode == "client" then
    if C.SSL_CTX_set_default_verify_paths(raw) ~= 1 then return err.fail("default verify paths") end
  end

  if params.certificate then
    if C.SSL_CTX_use_certificate_chain_file(raw, params.certificate) ~= 1 then
      return err.fail("certificate " .. params.certificate)
    end
  end
  if params.key then
    if C.SSL_CTX_use_PrivateKey_file(raw, params.key, C.SSL_FILETYPE_PEM) ~= 1 then
      return err.fail("key " .. params.key)
    end
    if C.SSL_CTX_check_private_key(raw) ~= 1 then
      return err.fail("key does not match certificate")
    end
  end
  if params.ciphers and C.SSL_CTX_set_cipher_list(raw, params.ciphers) ~= 1 then
    return err.fail("ciphers")
  end
  if params.ciphersuites and C.SSL_CTX_set_ciphersuites(raw, params.ciphersuites) ~= 1 then
    return err.fail("ciphersuites")
  end
  if params.curves and C.SSL_CTX_ctrl(raw, C.SSL_CTRL_SET_GROUPS_LIST, 0,
      ffi.cast("void *", ffi.cast("const char *", params.curves))) ~= 1 then
    return err.fail("curves")
  end

  if params.alpn then
    if mode == "client" then
      local wire, e = alpn_wire(params.alpn)
      if not wire then return nil, "newcontext: " .. e end
      -- returns 0 on success (OpenSSL's inverted convention)
      if C.SSL_CTX_set_alpn_protos(raw, wire, #wire) ~= 0 then return err.fail("alpn") end
    else
      local alpn = params.alpn
      if type(alpn) == "string" then alpn = { alpn } end
      if type(alpn) ~= "table" and type(alpn) ~= "function" then
        return nil, "newcontext: alpn must be a string, a list or a function"
      end
      next_id = next_id + 1
      selectors[next_id] = { alpn = alpn }
      ffi.gc(self.ctx, nil)
      self.ctx = ffi.gc(raw, ctx_finalizer(next_id))
      if not alpn_cb then
        alpn_cb = ffi.cast("SSL_CTX_alpn_select_cb_func", alpn_select)
      end
      C.SSL_CTX_set_alpn_select_cb(raw, alpn_cb, ffi.cast("void *", next_id))
    end
  end
  -- keylog: a function(line, ssl) or a file name (ferrossl.features)
  if params.keylog ~= nil then
    require "ferrossl.features"
    local ok, e = self:setkeylog(params.keylog)
    if not ok then return nil, "newcontext: " .. e end
  end
  return self
end

return M
