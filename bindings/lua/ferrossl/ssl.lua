-- ferrossl.ssl: a TLS connection over a LuaSocket TCP socket, with LuaSec's methods.
-- LuaSocket keeps its descriptors non-blocking; the waiting happens here with
-- socket.select, bounded by settimeout (nil = block, 0 = never wait: "wantread" /
-- "wantwrite" come back, for socket.select-driven event loops; t > 0: "timeout").
-- Functions here may reach Lua callbacks (server ALPN selection) through C, so the JIT is
-- off for this module: LuaJIT cannot call back into Lua from compiled FFI calls.
if jit then jit.off(true, true) end

local socket = require "socket"
local lib = require "ferrossl.lib"
local err = require "ferrossl.err"
local ssl_ctx = require "ferrossl.ssl_ctx"
local C, ffi = lib.C, lib.ffi
local bit = require "bit"

local M = {}
local Conn = {}
Conn.__index = Conn
M.Connection = Conn

local READ_SIZE = 16384
local rbuf = ffi.new("uint8_t[?]", READ_SIZE)

-- wrap(sock, ctx) -> connection | nil, err. The connection owns `sock` from now on.
function M.wrap(sock, ctx)
  if getmetatable(ctx) ~= ssl_ctx.Context then return nil, "wrap: context expected" end
  if type(sock) ~= "userdata" and type(sock) ~= "table" or not sock.getfd then
    return nil, "wrap: LuaSocket TCP object expected"
  end
  local fd = sock:getfd()
  if not fd or fd < 0 then return nil, "wrap: socket is closed" end
  err.clear()
  local raw = C.SSL_new(ctx.ctx)
  if raw == nil then return err.fail("SSL_new") end
  raw = ffi.gc(raw, C.SSL_free)
  if C.SSL_set_fd(raw, fd) ~= 1 then return err.fail("SSL_set_fd") end
  if ctx.mode == "client" then C.SSL_set_connect_state(raw) else C.SSL_set_accept_state(raw) end
  -- a non-blocking send may be retried from a different Lua string
  C.SSL_ctrl(raw, C.SSL_CTRL_MODE,
    bit.bor(C.SSL_MODE_ENABLE_PARTIAL_WRITE, C.SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER), nil)
  sock:settimeout(0)
  return setmetatable({ ssl = raw, sock = sock, ctx = ctx, mode = ctx.mode, buf = "",
                        timeout = nil }, Conn)
end

local function wait(self, code, deadline)
  local reading = code == C.SSL_ERROR_WANT_READ
  if self.timeout == 0 then return nil, reading and "wantread" or "wantwrite" end
  local remaining
  if deadline then
    remaining = deadline - socket.gettime()
    if remaining <= 0 then return nil, "timeout" end
  end
  local r, w = nil, nil
  if reading then r = { self.sock } else w = { self.sock } end
  local _, _, e = socket.select(r, w, remaining)
  if e == "timeout" then return nil, "timeout" end
  return true
end

-- run(self, what, f): calls f() (an SSL_* call returning > 0 on success) until it
-- succeeds, waiting as settimeout says. Returns its result or nil, message.
local function run(self, what, f)
  local deadline = self.timeout and self.timeout > 0 and socket.gettime() + self.timeout
  while true do
    if not self.ssl then return nil, "closed" end
    err.clear()
    local ret = f(self.ssl)
    if ret > 0 then return ret end
    local code = C.SSL_get_error(self.ssl, ret)
    if code == C.SSL_ERROR_WANT_READ or code == C.SSL_ERROR_WANT_WRITE then
      local ok, e = wait(self, code, deadline)
      if not ok then return nil, e end
    elseif code == C.SSL_ERROR_ZERO_RETURN then
      return nil, "closed"
    else
      local q = err.drain()
      if code == C.SSL_ERROR_SYSCALL and q == "" then return nil, "closed" end
      local note
      if not self.handshaken then
        local v = tonumber(C.SSL_get_verify_result(self.ssl))
        if v ~= 0 then note = ffi.string(C.X509_verify_cert_error_string(v)) end
      end
      local msg = what
      if q ~= "" then msg = msg .. ": " .. q end
      if note then msg = msg .. " (" .. note .. ")" end
      return nil, msg
    end
  end
end

local function do_handshake(ssl) return C.SSL_do_handshake(ssl) end

function Conn:dohandshake()
  if not self.ssl then return nil, "closed" end
  -- after the handshake: sends a KeyUpdate scheduled by keyupdate (ferrossl.features)
  if self.handshaken and C.SSL_get_key_update_type(self.ssl) == C.SSL_KEY_UPDATE_NONE then
    return true
  end
  local ok, e = run(self, "handshake", do_handshake)
  if not ok then return nil, e end
  self.handshaken = true
  return true
end

-- sni(name): on a client, the server name sent and the name the certificate must match.
function Conn:sni(name)
  if not self.ssl then return nil, "closed" end
  if self.mode ~= "client" then return nil, "sni(name) is for client connections" end
  if type(name) ~= "string" then return nil, "sni: host name expected" end
  err.clear()
  if C.SSL_ctrl(self.ssl, C.SSL_CTRL_SET_TLSEXT_HOSTNAME, C.TLSEXT_NAMETYPE_host_name,
      ffi.cast("void *", ffi.cast("const char *", name))) ~= 1 then
    return err.fail("sni " .. name)
  end
  if C.SSL_set1_host(self.ssl, name) ~= 1 then return err.fail("host " .. name) end
  self.servername = name
  return true
end

-- getsniname(): on a server, the name the client asked for (or nil).
function Conn:getsniname()
  if not self.ssl then return nil end
  local p = C.SSL_get_servername(self.ssl, C.TLSEXT_NAMETYPE_host_name)
  if p == nil then return nil end
  return ffi.string(p)
end

local function read_chunk(self)
  local n, e = run(self, "receive", function(ssl) return C.SSL_read(ssl, rbuf, READ_SIZE) end)
  if not n then return nil, e end
  return ffi.string(rbuf, n)
end

-- receive(pattern, prefix): "*l" / "l" a line (CR dropped, LF stripped), "*a" / "a" all
-- until the peer closes, or a byte count. data | nil, err, partial.
function Conn:receive(pattern, prefix)
  prefix = prefix or ""
  if not self.ssl then return nil, "closed", prefix end
  pattern = pattern or "*l"
  if type(pattern) == "string" then pattern = pattern:gsub("^%*", "") end
  local n = tonumber(pattern)
  if n then
    while #self.buf < n do
      local chunk, e = read_chunk(self)
      if not chunk then
        local part = self.buf
        self.buf = ""
        return nil, e, prefix .. part
      end
      self.buf = self.buf .. chunk
    end
    local data = self.buf:sub(1, n)
    self.buf = self.buf:sub(n + 1)
    return prefix .. data
  elseif pattern == "l" then
    while true do
      local i = self.buf:find("\n", 1, true)
      if i then
        local line = self.buf:sub(1, i - 1):gsub("\r", "")
        self.buf = self.buf:sub(i + 1)
        return prefix .. line
      end
      local chunk, e = read_chunk(self)
      if not chunk then
        local part = self.buf:gsub("\r", "")
        self.buf = ""
        return nil, e, prefix .. part
      end
      self.buf = self.buf .. chunk
    end
  elseif pattern == "a" then
    local parts = { prefix, self.buf }
    self.buf = ""
    while true do
      local chunk, e = read_chunk(self)
      if not chunk then
        if e == "closed" then return table.concat(parts) end
        return nil, e, table.concat(parts)
      end
      parts[#parts + 1] = chunk
    end
  end
  return nil, "invalid receive pattern"
end

-- send(data, i, j): index of the last byte sent | nil, err, last index sent
function Conn:send(data, i, j)
  i = i or 1
  if not self.ssl then return nil, "closed", i - 1 end
  data = tostring(data)
  local s = data:sub(i, j or #data)
  local sent = 0
  while sent < #s do
    local n, e = run(self, "send", function(ssl)
      return C.SSL_write(ssl, ffi.cast("const char *", s) + sent, #s - sent)
    end)
    if not n then return nil, e, i - 1 + sent end
    sent = sent + n
  end
  return i - 1 + sent
end

function Conn:settimeout(t)
  t = tonumber(t)
  self.timeout = (t and t >= 0) and t or nil
  return 1
end

function Conn:getfd()
  if not self.sock then return -1 end
  return self.sock:getfd()
end

-- dirty(): data already received and decrypted but not yet returned (socket.select
-- consults this before waiting on the descriptor)
function Conn:dirty()
  if #self.buf > 0 then return true end
  return self.ssl ~= nil and C.SSL_pending(self.ssl) > 0
end

-- close(): sends close_notify (best effort), frees the SSL and closes the socket.
-- Idempotent; the ffi.gc finalizer frees the SSL when close() is never called.
function Conn:close()
  local ssl = self.ssl
  if ssl then
    self.ssl = nil
    if self.handshaken then C.SSL_shutdown(ssl) end
    ffi.gc(ssl, nil)
    C.SSL_free(ssl)
    err.clear()
  end
  if self.sock then
    self.sock:close()
    self.sock = nil
  end
  return 1
end

function Conn:getalpn()
  if not self.ssl then return nil end
  local p, n = ffi.new("const uint8_t *[1]"), ffi.new("unsigned int[1]")
  C.SSL_get0_alpn_selected(self.ssl, p, n)
  if p[0] == nil or n[0] == 0 then return nil end
  return ffi.string(p[0], n[0])
end

-- ech(list): a client offers Encrypted Client Hello with `list`, a serialized ECHConfigList
-- (the bytes of an HTTPS record's "ech" value, base64-decoded), before the handshake: the
-- name given to sni() then travels encrypted, the ClientHello on the wire names the
-- config's public name. ech_accepted(): true once a handshake completed with the offer
-- accepted. ech_retry_configs(): after a handshake that failed with "ech required", the
-- ECHConfigList the server sent to retry with (a string), or nil.
function Conn:ech(list)
  if not self.ssl then return nil, "closed" end
  if self.mode ~= "client" then return nil, "ech(list) is for client connections" end
  if type(list) ~= "string" then return nil, "ech: ECHConfigList bytes expected" end
  err.clear()
  if C.SSL_set1_ech_config_list(self.ssl, list, #list) ~= 1 then return err.fail("ech") end
  return true
end

function Conn:ech_accepted()
  if not self.ssl then return false end
  return C.SSL_ech_accepted(self.ssl) == 1
end

function Conn:ech_retry_configs()
  if not self.ssl then return nil end
  local p, n = ffi.new("const uint8_t *[1]"), ffi.new("size_t[1]")
  C.SSL_get0_ech_retry_configs(self.ssl, p, n)
  if p[0] == nil or n[0] == 0 then return nil end
  return ffi.string(p[0], n[0])
end

-- info([field]): protocol, cipher, bits, algbits, alpn, sni, resumed
function Conn:info(field)
  if not self.ssl then return nil, "closed" end
  local t = { compression = "none" }
  local v = C.SSL_get_version(self.ssl)
  if v ~= nil then t.protocol = ffi.string(v) end
  local c = C.SSL_get_current_cipher(self.ssl)
  if c ~= nil then
    t.cipher = ffi.string(C.SSL_CIPHER_get_name(c))
    local alg = ffi.new("int[1]")
    t.bits = C.SSL_CIPHER_get_bits(c, alg)
    t.algbits = alg[0]
  end
  t.alpn = self:getalpn()
  t.sni = self.servername or self:getsniname()
  t.resumed = C.SSL_session_reused(self.ssl) == 1
  if field then return t[field] end
  return t
end

-- getpeercertificate(): the peer's certificate (ferrossl.x509 object) or nil
function Conn:getpeercertificate(n)
  if not self.ssl then return nil, "closed" end
  if n and n ~= 0 then return nil, "only the peer's own certificate (n = 0) is available" end
  return require("ferrossl.x509").peer(self.ssl)
end

-- getpeerverification(): true | false, { [0] = { reason } }
function Conn:getpeerverification()
  if not self.ssl then return nil, "closed" end
  if C.SSL_get0_peer_certificate(self.ssl) == nil then
    return false, { [0] = { "no peer certificate" } }
  end
  local v = tonumber(C.SSL_get_verify_result(self.ssl))
  if v == C.X509_V_OK then return true end
  return false, { [0] = { ffi.string(C.X509_verify_cert_error_string(v)) } }
end

function Conn:want()
  if not self.ssl then return "nothing" end
  local w = C.SSL_want(self.ssl)
  if w == 2 then return "write" elseif w == 3 then return "read" end
  return "nothing"
end

Conn.__tostring = function(self)
  return "ferrossl connection: " .. (self.ssl and tostring(self.ssl) or "closed")
end

return M
