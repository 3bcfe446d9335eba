-- ferrossl as a TLS client (LuaSocket + LuaSec API) against `openssl s_server`.
local socket = require "socket"
local ferrossl = require "ferrossl"
local H = require "helper"
local cert = H.cert

local function client_ctx(extra)
  local p = { mode = "client", verify = "peer", cafile = cert("ca.pem") }
  for k, v in pairs(extra or {}) do p[k] = v end
  return assert(ferrossl.newcontext(p))
end

local function connect(port, ctx, host)
  local sock = assert(socket.connect("127.0.0.1", port))
  local conn = assert(ferrossl.wrap(sock, ctx))
  conn:settimeout(10)
  if host then assert(conn:sni(host)) end
  return conn
end

local rev = H.s_server("-rev -cert " .. cert("server.pem") .. " -key " .. cert("server.key"))

H.test("verified handshake, send/receive *l, info, peer verification", function()
  local conn = connect(rev.port, client_ctx(), "localhost")
  H.eq(conn:dohandshake(), true, "dohandshake")
  local info = conn:info()
  H.match(info.protocol, "^TLSv1%.[23]$", "protocol")
  H.truthy(info.cipher, "cipher")
  H.eq(conn:info("protocol"), info.protocol, "info(field)")
  H.eq(conn:getpeerverification(), true, "getpeerverification")
  H.eq(conn:send("hello ferrossl\n"), 15, "send")
  H.eq(conn:receive("*l"), "lssorref olleh", "receive *l (s_server -rev reverses)")
  H.eq(conn:send("abcdef\n"), 7, "send 2")
  H.eq(conn:receive(3), "fed", "receive(3)")
  H.eq(conn:receive("*l", "<<"), "<<cba", "receive *l with prefix")
  H.eq(conn:close(), 1, "close")
  H.eq(conn:close(), 1, "close again (idempotent)")
  local ok, e = conn:send("x")
  H.eq(ok, nil, "send after close"); H.eq(e, "closed", "send after close error")
  H.eq(select(2, conn:receive()), "closed", "receive after close")
end)

H.test("getpeercertificate: subject, issuer, dates, SANs, sha256 digest", function()
  local conn = connect(rev.port, client_ctx(), "localhost")
  assert(conn:dohandshake())
  local c = assert(conn:getpeercertificate())
  H.eq(c:subject(), "/CN=localhost", "subject")
  H.eq(c:issuer(), "/CN=ferrossl lua test CA", "issuer")
  local fp = H.sh("openssl x509 -noout -fingerprint -sha256 -in " .. cert("server.pem"))
  fp = fp:match("=(%S+)"):gsub(":", ""):lower()
  H.eq(c:digest("sha256"), fp, "digest")
  H.eq(c:digest(), fp, "digest default")
  local enddate = H.sh("openssl x509 -noout -enddate -in " .. cert("server.pem")):match("=(.-)%s*$")
  local startdate = H.sh("openssl x509 -noout -startdate -in " .. cert("server.pem")):match("=(.-)%s*$")
  H.eq(c:notafter(), enddate, "notafter")
  H.eq(c:notbefore(), startdate, "notbefore")
  local sans = assert(c:sans())
  H.eq(#sans, 2, "two SANs")
  H.eq(sans[1].type .. ":" .. sans[1].value, "DNS:localhost", "SAN 1")
  H.eq(sans[2].type .. ":" .. sans[2].value, "IP:127.0.0.1", "SAN 2")
  H.eq(c:extensions()["2.5.29.17"].dNSName[1], "localhost", "extensions() LuaSec shape")
  conn:close()
  H.eq(c:subject(), "/CN=localhost", "certificate outlives its connection")
end)

H.test("wrong host refused (sni names the host checked)", function()
  local conn = connect(rev.port, client_ctx(), "wrong.example")
  local ok, e = conn:dohandshake()
  H.eq(ok, nil, "dohandshake result")
  H.truthy(type(e) == "string" and #e > 0, "error message", e)
  H.match(e:lower(), "certificate", "error names the certificate problem")
  conn:close()
end)

H.test("untrusted CA refused", function()
  local bad = H.s_server("-rev -cert " .. cert("untrusted.pem") .. " -key " .. cert("untrusted.key"))
  local conn = connect(bad.port, client_ctx(), "localhost")
  local ok, e = conn:dohandshake()
  H.eq(ok, nil, "dohandshake result")
  H.match(e:lower(), "certificate verify failed", "ERR queue text")
  conn:close()
  -- verify = "none" accepts it, and getpeerverification says why it would have failed
  conn = connect(bad.port, client_ctx { verify = "none" }, "localhost")
  H.eq(conn:dohandshake(), true, "verify none handshake")
  local v, errs = conn:getpeerverification()
  H.eq(v, false, "getpeerverification")
  H.truthy(type(errs[0][1]) == "string", "verification reason", errs[0][1])
  conn:close()
  H.stop(bad)
end)

H.test("protocol = tlsv1_2 negotiates TLS 1.2; receive *a until close", function()
  local www = H.s_server("-www -cert " .. cert("server.pem") .. " -key " .. cert("server.key"))
  local conn = connect(www.port, client_ctx { protocol = "tlsv1_2" }, "localhost")
  assert(conn:dohandshake())
  H.eq(conn:info().protocol, "TLSv1.2", "protocol")
  assert(conn:send("GET / HTTP/1.0\r\n\r\n"))
  local body, e = conn:receive("*a")
  H.truthy(body, "receive *a", e)
  H.match(body, "^HTTP/1%.0 200 ok", "status line")
  H.match(body, "TLSv1%.2", "s_server reports the protocol")
  conn:close()
  H.stop(www)
end)

H.test("ALPN: client offers, getalpn/info report the server's choice", function()
  local srv = H.s_server("-rev -alpn h2,http/1.1 -cert " .. cert("server.pem") .. " -key " .. cert("server.key"))
  local conn = connect(srv.port, client_ctx { alpn = { "foo", "http/1.1" } }, "localhost")
  assert(conn:dohandshake())
  H.eq(conn:getalpn(), "http/1.1", "getalpn")
  H.eq(conn:info().alpn, "http/1.1", "info().alpn")
  conn:close()
  conn = connect(srv.port, client_ctx(), "localhost")
  assert(conn:dohandshake())
  H.eq(conn:getalpn(), nil, "no ALPN offered")
  conn:close()
  H.stop(srv)
end)

H.test("settimeout(0): dohandshake never waits, completes via socket.select", function()
  local conn = connect(rev.port, client_ctx(), "localhost")
  conn:settimeout(0)
  local t0 = socket.gettime()
  local ok, e = conn:dohandshake()
  -- the first call may already finish if s_server answered fast enough
  H.truthy(ok == true or e == "wantread", "first dohandshake", ok, e)
  H.truthy(socket.gettime() - t0 < 2, "no waiting")
  local deadline, rounds = socket.gettime() + 10, 0
  while not ok and socket.gettime() < deadline do
    if e == "wantread" then socket.select({ conn }, nil, 1)
    elseif e == "wantwrite" then socket.select(nil, { conn }, 1)
    else error(e) end
    ok, e = conn:dohandshake()
    rounds = rounds + 1
  end
  H.eq(ok, true, "handshake done after " .. rounds .. " rounds")
  local data, err2, partial = conn:receive("*l")
  H.eq(data, nil, "non-blocking receive with nothing to read")
  H.eq(err2, "wantread", "receive error")
  H.eq(partial, "", "partial")
  assert(conn:send("xy\n"))
  -- records (session tickets, then the echo) arrive when they do: select until a line
  local line, part, deadline2 = nil, "", socket.gettime() + 5
  while not line and socket.gettime() < deadline2 do
    socket.select({ conn }, nil, 1)
    local e3
    line, e3, part = conn:receive("*l", part)
    if not line then H.eq(e3, "wantread", "non-blocking receive error") end
  end
  H.eq(line, "yx", "line")
  H.truthy(conn:getfd() >= 0, "getfd")
  H.eq(conn:dirty(), false, "dirty")
  conn:close()
  H.eq(conn:getfd(), -1, "getfd after close")
end)

H.test("positive timeout expires with \"timeout\"", function()
  local conn = connect(rev.port, client_ctx(), "localhost")
  assert(conn:dohandshake())
  conn:settimeout(0.2)
  local t0 = socket.gettime()
  local data, e = conn:receive("*l")
  H.eq(data, nil, "receive")
  H.eq(e, "timeout", "error")
  H.truthy(socket.gettime() - t0 < 2, "bounded wait")
  conn:close()
end)

H.test("errors are nil, message with the ERR queue text", function()
  local ctx, e = ferrossl.newcontext { mode = "client", cafile = "/nonexistent/ca.pem" }
  H.eq(ctx, nil, "bad cafile")
  H.match(e, "cafile", "message names the parameter")
  H.match(e, ":", "message carries the queue text")
  ctx, e = ferrossl.newcontext { mode = "sideways" }
  H.eq(ctx, nil, "bad mode"); H.truthy(e, "message")
  ctx, e = ferrossl.newcontext { mode = "server", certificate = cert("server.pem"), key = cert("untrusted.key") }
  H.eq(ctx, nil, "mismatched key"); H.truthy(e, "message")
  ctx, e = ferrossl.newcontext { mode = "client", ciphersuites = "NOT_A_SUITE" }
  H.eq(ctx, nil, "bad ciphersuites"); H.truthy(e, "message")
  local conn
  conn, e = ferrossl.wrap({}, client_ctx())
  H.eq(conn, nil, "wrap of a non-socket"); H.truthy(e, "message")
end)

H.stop(rev)
H.cleanup()
H.done()
