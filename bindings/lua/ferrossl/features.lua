-- ferrossl.features: TLS 1.3 key update, client session save/restore as octets, and key
-- logging (NSS key log lines, as SSLKEYLOGFILE), as methods of connections and contexts:
--   conn:keyupdate("requested"|"not_requested"), conn:pendingkeyupdate()
--   conn:getsession() -> octets; conn:setsession(octets) before the handshake;
--   conn:sessionreused()
--   ctx:setkeylog(function(line, conn_ssl) ... end | "path/to/keylog.txt" | nil)
-- (newcontext{keylog = ...} calls ctx:setkeylog.) Loaded by `require "ferrossl"`.
-- The key log callback runs inside SSL_do_handshake/SSL_read, so the JIT is off here too.
if jit then jit.off(true, true) end

local lib = require "ferrossl.lib"
local err = require "ferrossl.err"
local ssl = require "ferrossl.ssl"
local ssl_ctx = require "ferrossl.ssl_ctx"
local C, ffi = lib.C, lib.ffi

local M = {}
local Conn, Context = ssl.Connection, ssl_ctx.Context

-- ---------------------------------------------------------------- key update

local KEY_UPDATE_NAMES = {
  [tonumber(C.SSL_KEY_UPDATE_REQUESTED)] = "requested",
  [tonumber(C.SSL_KEY_UPDATE_NOT_REQUESTED)] = "not_requested",
}

-- keyupdate([kind]): schedules a TLS 1.3 KeyUpdate, sent by the next send (or receive,
-- or dohandshake). kind: "requested" (default: the peer updates its keys too) or
-- "not_requested". ferrossl's limit: rustls always sends update_requested. true | nil, err
function Conn:keyupdate(kind)
  if not self.ssl then return nil, "closed" end
  kind = kind or "requested"
  local t
  if kind == "requested" then t = C.SSL_KEY_UPDATE_REQUESTED
  elseif kind == "not_requested" then t = C.SSL_KEY_UPDATE_NOT_REQUESTED
  else return nil, "keyupdate: kind must be \"requested\" or \"not_requested\"" end
  err.clear()
  if C.SSL_key_update(self.ssl, t) ~= 1 then return err.fail("keyupdate") end
  return true
end

-- pendingkeyupdate(): "requested" | "not_requested" while a scheduled KeyUpdate is not
-- sent yet, else nil
function Conn:pendingkeyupdate()
  if not self.ssl then return nil end
  return KEY_UPDATE_NAMES[tonumber(C.SSL_get_key_update_type(self.ssl))]
end

-- ---------------------------------------------------------------- sessions

-- getsession(): the connection's newest resumable session as octets (a Lua string), for
-- setsession on a later connection; nil, err when there is none. TLS 1.3 tickets arrive
-- after the handshake: receive some data first. ferrossl's limit: a *client* session's
-- octets resume only in the process that made them (elsewhere: a full handshake).
function Conn:getsession()
  if not self.ssl then return nil, "closed" end
  err.clear()
  local s = C.SSL_get1_session(self.ssl)
  if s == nil then return nil, "getsession: no session" end
  local n = C.i2d_SSL_SESSION(s, nil)
  if n <= 0 then C.SSL_SESSION_free(s); return err.fail("i2d_SSL_SESSION") end
  local buf = ffi.new("uint8_t[?]", n)
  local pp = ffi.new("uint8_t *[1]", buf)
  local m = C.i2d_SSL_SESSION(s, pp)
  C.SSL_SESSION_free(s)
  if m ~= n then return err.fail("i2d_SSL_SESSION") end
  return ffi.string(buf, n)
end

-- setsession(octets): offers a session saved by getsession for resumption by this
-- (client) connection's handshake; call it before dohandshake. true | nil, err
function Conn:setsession(octets)
  if not self.ssl then return nil, "closed" end
  if type(octets) ~= "string" or #octets == 0 then return nil, "setsession: octets expected" end
  err.clear()
  local buf = ffi.new("uint8_t[?]", #octets)
  ffi.copy(buf, octets, #octets)
  local pp = ffi.new("const uint8_t *[1]", buf)
  local s = C.d2i_SSL_SESSION(nil, pp, #octets)
  if s == nil then return err.fail("d2i_SSL_SESSION") end
  local ok = C.SSL_set_session(self.ssl, s)
  C.SSL_SESSION_free(s) -- SSL_set_session took its own reference
  if ok ~= 1 then return err.fail("SSL_set_session") end
  return true
end

-- sessionreused(): true if the handshake resumed a session
function Conn:sessionreused()
  if not self.ssl then return nil, "closed" end
  return C.SSL_session_reused(self.ssl) == 1
end

-- ---------------------------------------------------------------- key log

-- One C callback for the process (LuaJIT has few callback slots): the SSL's context
-- address picks the logger. Loggers are held by their Context (weak values here).
local loggers = setmetatable({}, { __mode = "v" })
local keylog_cb
M.callback_errors = {}

local function addr(p) return tostring(tonumber(ffi.cast("intptr_t", p))) end

local function on_keylog(s, line)
  local ok, e = pcall(function()
    local logger = loggers[addr(C.SSL_get_SSL_CTX(s))]
    if logger then logger(ffi.string(line), s) end
  end)
  if not ok then
    local errs = M.callback_errors
    if #errs < 100 then errs[#errs + 1] = tostring(e) end
  end
end

-- setkeylog(target): every secret of every connection of this context, as one NSS key
-- log line ("CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random hex> <secret hex>", ...):
-- target is a function(line, ssl) called with each line (no newline), or a file name
-- appended to (one line each, flushed; created 0600), or nil to stop. A debugging aid:
-- whoever reads the lines can decrypt the traffic. Errors raised by the function are
-- caught (kept in ferrossl.features.callback_errors). true | nil, err
function Context:setkeylog(target)
  local logger
  if type(target) == "function" then
    logger = target
  elseif type(target) == "string" then
    local f, e = io.open(target, "ab")
    if not f then return nil, "keylog: " .. tostring(e) end
    os.execute("chmod 600 '" .. target:gsub("'", "'\\''") .. "' 2>/dev/null")
    f:setvbuf("line")
    logger = function(line) f:write(line, "\n") end
    self.keylog_file = f
  elseif target ~= nil then
    return nil, "keylog: a function, a file name or nil expected"
  end
  if not logger then
    C.SSL_CTX_set_keylog_callback(self.ctx, nil)
    self.keylog = nil
    return true
  end
  if not keylog_cb then keylog_cb = ffi.cast("SSL_CTX_keylog_cb_func", on_keylog) end
  self.keylog = logger -- keeps the weak entry alive as long as the context
  loggers[addr(self.ctx)] = logger
  C.SSL_CTX_set_keylog_callback(self.ctx, keylog_cb)
  return true
end

return M
