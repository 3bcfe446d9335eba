-- Handles: ffi.gc finalizers, idempotent close, use after close.
local socket = require "socket"
local ferrossl = require "ferrossl"
local H = require "helper"
local cert = H.cert

local ffi = require "ffi"
ffi.cdef "int getpid(void);"
local function fds()
  return tonumber(H.sh("ls /proc/" .. ffi.C.getpid() .. "/fd | wc -l"))
end

H.test("unclosed contexts and connections are freed by the collector", function()
  local srv = assert(socket.bind("127.0.0.1", 0))
  local _, port = srv:getsockname()
  local ctx = assert(ferrossl.newcontext { mode = "client", cafile = cert("ca.pem") })
  collectgarbage(); collectgarbage()
  local before = fds()
  for i = 1, 200 do
    local c = assert(ferrossl.newcontext { mode = i % 2 == 0 and "client" or "server", verify = "none",
      alpn = { "x" } })
    local conn = assert(ferrossl.wrap(assert(socket.connect("127.0.0.1", port)), ctx))
    local peer = srv:accept()
    peer:close()
  end
  collectgarbage(); collectgarbage()
  local after = fds()
  H.truthy(after - before < 20, "descriptors released", before, after)
  srv:close()
end)

H.test("close() is idempotent, before and after a handshake; methods after close", function()
  local srv = assert(socket.bind("127.0.0.1", 0))
  local _, port = srv:getsockname()
  local ctx = assert(ferrossl.newcontext { mode = "client", verify = "none" })
  local conn = assert(ferrossl.wrap(assert(socket.connect("127.0.0.1", port)), ctx))
  H.eq(conn:close(), 1, "close before handshake")
  H.eq(conn:close(), 1, "second close")
  H.eq(select(2, conn:dohandshake()), "closed", "dohandshake after close")
  H.eq(select(2, conn:info()), "closed", "info after close")
  H.eq(conn:getalpn(), nil, "getalpn after close")
  H.eq(conn:dirty(), false, "dirty after close")
  H.eq(select(2, conn:getpeercertificate()), "closed", "getpeercertificate after close")
  collectgarbage()
  srv:close()
end)

H.done()
