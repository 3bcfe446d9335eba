-- ferrossl: TLS for LuaJIT + LuaSocket over libferrossl, with LuaSec's API shape.
--   local ferrossl = require "ferrossl"
--   ctx  = ferrossl.newcontext{mode = "client", cafile = "ca.pem", alpn = {"http/1.1"}}
--   conn = ferrossl.wrap(socket.connect(host, port), ctx)
--   conn:sni(host); conn:dohandshake(); conn:send(...); conn:receive("*l"); conn:close()
-- Every failure is `nil, message` (message: the library's error queue text).
local lib = require "ferrossl.lib"
local ssl_ctx = require "ferrossl.ssl_ctx"
local ssl = require "ferrossl.ssl"
require "ferrossl.features" -- key update, sessions as octets, key log

local M = {
  _VERSION = "ferrossl-lua 0.1.0",
  newcontext = ssl_ctx.newcontext,
  wrap = ssl.wrap,
  library = lib.path,
}

function M.version()
  return lib.ffi.string(lib.C.OpenSSL_version(0))
end

-- ferrossl.https and ferrossl.crypto are loaded on first use
setmetatable(M, { __index = function(t, k)
  if k == "https" or k == "crypto" then
    local mod = require("ferrossl." .. k)
    rawset(t, k, mod)
    return mod
  end
end })

return M
