-- ferrossl as a TLS server (wrap of an accepted LuaSocket) against `openssl s_client`,
-- and many concurrent non-blocking handshakes driven by socket.select.
local socket = require "socket"
local ferrossl = require "ferrossl"
local H = require "helper"
local cert = H.cert

local function server_ctx(extra)
  local p = { mode = "server", certificate = cert("server.pem"), key = cert("server.key") }
  for k, v in pairs(extra or {}) do p[k] = v end
  return assert(ferrossl.newcontext(p))
end

local function listen()
  local srv = assert(socket.bind("127.0.0.1", 0))
  srv:settimeout(10)
  local _, port = srv:getsockname()
  return srv, tonumber(port)
end

-- accept one s_client, read a line, answer it, close; returns the connection's info
local function serve_one(srv, ctx, reply)
  local sock = assert(srv:accept())
  local conn = assert(ferrossl.wrap(sock, ctx))
  conn:settimeout(10)
  local ok, e = conn:dohandshake()
  if not ok then conn:close(); return nil, e end
  local line
  line, e = conn:receive("*l")
  local info = conn:info()
  info.line, info.peerverification, info.peercert = line, conn:getpeerverification(), conn:getpeercertificate()
  if line then conn:send(reply(line) .. "\n") end
  conn:close()
  return info, e
end

H.test("server: handshake with s_client (verifying us), line in, line out", function()
  local srv, port = listen()
  local ctx = server_ctx()
  local cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -verify_return_error -servername localhost -quiet",
    "ping from s_client\n")
  local info, e = serve_one(srv, ctx, string.upper)
  H.truthy(info, "serve_one", e)
  H.eq(info.line, "ping from s_client", "line received")
  H.eq(info.sni, "localhost", "SNI seen by the server")
  local rc, out = cl.wait()
  H.eq(rc, 0, "s_client exit status (" .. tostring(out) .. ")")
  H.match(out, "PING FROM S_CLIENT", "s_client got the answer")
  srv:close()
end)

H.test("server: TLS 1.2 only context", function()
  local srv, port = listen()
  local cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -quiet", "x\n")
  local info, e = serve_one(srv, server_ctx { protocol = "tlsv1_2" }, function(l) return l .. l end)
  H.truthy(info, "serve_one", e)
  H.eq(info.protocol, "TLSv1.2", "protocol")
  local rc, out = cl.wait()
  H.eq(rc, 0, "s_client exit status")
  H.match(out, "xx", "answer")
  srv:close()
end)

H.test("server: ALPN selection from a list and from a function", function()
  local srv, port = listen()
  local cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -alpn h2,http/1.1 -quiet", "a\n")
  local info, e = serve_one(srv, server_ctx { alpn = { "http/1.1", "h2" } }, function(l) return l end)
  H.truthy(info, "serve_one", e)
  H.eq(info.alpn, "http/1.1", "server preference wins")
  cl.wait()
  local seen
  cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -alpn h2,x-test -quiet", "a\n")
  info, e = serve_one(srv, server_ctx { alpn = function(offered) seen = offered; return offered[2] end },
    function(l) return l end)
  H.truthy(info, "serve_one", e)
  H.eq(info.alpn, "x-test", "function's choice")
  H.eq(table.concat(seen, ","), "h2,x-test", "function saw the offer")
  cl.wait()
  srv:close()
end)

H.test("server: an ALPN callback that raises does not unwind through C", function()
  local srv, port = listen()
  local cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -alpn h2 -quiet", "a\n")
  local info, e = serve_one(srv, server_ctx { alpn = function() error("boom") end }, function(l) return l end)
  -- either the handshake goes on without ALPN or fails cleanly: never a Lua error here
  if info then H.eq(info.alpn, nil, "no protocol selected") else H.truthy(type(e) == "string", "error", e) end
  cl.wait()
  srv:close()
end)

H.test("server: client certificates, verify {peer, fail_if_no_peer_cert}", function()
  local srv, port = listen()
  local ctx = server_ctx { verify = { "peer", "fail_if_no_peer_cert" }, cafile = cert("ca.pem") }
  local cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -cert " .. cert("client.pem") ..
    " -key " .. cert("client.key") .. " -quiet", "with cert\n")
  local info, e = serve_one(srv, ctx, function(l) return "ok " .. l end)
  H.truthy(info, "serve_one", e)
  H.eq(info.peerverification, true, "client verified")
  H.eq(info.peercert:subject(), "/CN=ferrossl lua test client", "client subject")
  local rc, out = cl.wait()
  H.match(out, "ok with cert", "answer")
  cl = H.s_client(port, "-CAfile " .. cert("ca.pem") .. " -quiet", "without cert\n")
  info, e = serve_one(srv, ctx, function(l) return l end)
  H.eq(info, nil, "no client certificate refused")
  H.truthy(type(e) == "string" and #e > 0, "error message", e)
  cl.wait()
  srv:close()
end)

H.test("many concurrent non-blocking handshakes driven by socket.select", function()
  local N = 24
  local srv, port = listen()
  srv:settimeout(0)
  local sctx = server_ctx()
  local cctx = assert(ferrossl.newcontext { mode = "client", cafile = cert("ca.pem"), alpn = "echo" })
  local clients, servers = {}, {}
  for i = 1, N do
    local s = assert(socket.tcp())
    s:settimeout(0)
    s:connect("127.0.0.1", port) -- in progress
    local c = assert(ferrossl.wrap(s, cctx))
    c:settimeout(0)
    assert(c:sni("localhost"))
    clients[i] = { conn = c, id = i, state = "handshake" }
  end
  local deadline = socket.gettime() + 20
  local done, wantread_seen = 0, 0
  local function step(p)
    if p.state == "handshake" then
      local ok, e = p.conn:dohandshake()
      if ok then
        p.state = "talk"
      elseif e == "wantread" or e == "wantwrite" then
        if e == "wantread" then wantread_seen = wantread_seen + 1 end
        p.want = e
        return
      else
        error("handshake " .. tostring(p.id) .. ": " .. e)
      end
    end
    if p.state == "talk" then
      if p.server then
        local line, e, part = p.conn:receive("*l", p.part)
        if line then
          assert(p.conn:send("echo " .. line .. "\n"))
          p.state = "done"
        elseif e == "wantread" or e == "wantwrite" then p.part, p.want = part, e
        else error("server receive: " .. e) end
      else
        if not p.sent then assert(p.conn:send("client " .. p.id .. "\n")); p.sent = true end
        local line, e, part = p.conn:receive("*l", p.part)
        if line then
          H.eq(line, "echo client " .. p.id, "echo")
          p.state = "done"; done = done + 1
        elseif e == "wantread" or e == "wantwrite" then p.part, p.want = part, e
        else error("client receive: " .. e) end
      end
    end
  end
  while done < N do
    assert(socket.gettime() < deadline, ("deadline: %d of %d done"):format(done, N))
    local r, w, byconn = { srv }, {}, {}
    for _, set in ipairs { clients, servers } do
      for _, p in ipairs(set) do
        if p.state ~= "done" then
          byconn[p.conn] = p
          if p.want == "wantwrite" then w[#w + 1] = p.conn else r[#r + 1] = p.conn end
        end
      end
    end
    local rr, ww = socket.select(r, w, 1)
    for _, list in ipairs { rr, ww } do
      for _, c in ipairs(list) do
        if c == srv then
          local s = srv:accept()
          while s do
            local conn = assert(ferrossl.wrap(s, sctx))
            conn:settimeout(0)
            servers[#servers + 1] = { conn = conn, server = true, state = "handshake" }
            s = srv:accept()
          end
        elseif byconn[c] then
          step(byconn[c])
        end
      end
    end
    -- first round: kick every client's handshake (connect may still be in progress)
    for _, p in ipairs(clients) do if not p.want and p.state == "handshake" then step(p) end end
  end
  H.eq(#servers, N, "server connections")
  H.truthy(wantread_seen >= N, "handshakes really were non-blocking", wantread_seen)
  for _, set in ipairs { clients, servers } do
    for _, p in ipairs(set) do p.conn:close() end
  end
  srv:close()
end)

H.cleanup()
H.done()
