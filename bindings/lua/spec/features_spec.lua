-- TLS 1.3 key update, sessions saved and restored as octets, and key logging
-- (ferrossl.features) against `openssl s_server -msg -keylogfile`, driven through its stdin.
local socket = require "socket"
local ferrossl = require "ferrossl"
local features = require "ferrossl.features"
local H = require "helper"
local cert = H.cert

local KU_IN = "<<< TLS 1.3, Handshake %[length 0005%], KeyUpdate"
local KU_OUT = ">>> TLS 1.3, Handshake %[length 0005%], KeyUpdate"

local function count(s, pat)
  local n = 0
  for _ in (s or ""):gmatch(pat) do n = n + 1 end
  return n
end

-- an s_server whose stdin we hold ("k"/"K" make it update its keys, other lines are sent
-- to the client), logging handshake messages (-msg) and its secrets (-keylogfile)
local function s_server(extra)
  local port, log, keylog, pidfile = H.free_port(), H.tmpname(), H.tmpname(), H.tmpname()
  local cmd = ("echo $$ >%s; exec timeout 60 openssl s_server -accept 127.0.0.1:%d -msg -keylogfile %s -cert %s -key %s %s >%s 2>&1")
    :format(pidfile, port, keylog, cert("server.pem"), cert("server.key"), extra or "", log)
  local stdin = assert(io.popen(cmd, "w"))
  assert(H.wait_for(log, "ACCEPT", 10), "s_server did not start")
  local srv = { port = port, log = log, keylog = keylog }
  function srv.output() return H.slurp(log) or "" end
  function srv.say(line) stdin:write(line, "\n"); stdin:flush() end
  -- wait until PATTERN occurs at least N times in the output
  function srv.wait_count(pat, n)
    local deadline = socket.gettime() + 10
    while socket.gettime() < deadline do
      if count(srv.output(), pat) >= n then return true end
      socket.sleep(0.02)
    end
    error(("waited for %d x %q, saw %d"):format(n, pat, count(srv.output(), pat)), 2)
  end
  -- (s_server reads its stdin only while it serves a connection: "Q" would not do)
  function srv.stop()
    os.execute("kill $(cat " .. pidfile .. ") 2>/dev/null")
    pcall(function() stdin:close() end)
    for _, f in ipairs { log, keylog, pidfile } do os.remove(f) end
  end
  return srv
end

local function client_ctx(extra)
  local p = { mode = "client", cafile = cert("ca.pem") }
  for k, v in pairs(extra or {}) do p[k] = v end
  return assert(ferrossl.newcontext(p))
end

-- s_server serves one connection at a time: every test closes what it opened, also
-- when it fails (test below)
local opened = {}
local function wrap(port, ctx)
  local conn = assert(ferrossl.wrap(assert(socket.connect("127.0.0.1", port)), ctx))
  opened[#opened + 1] = conn
  return conn
end
local function test(name, f)
  H.test(name, f)
  for _, c in ipairs(opened) do c:close() end
  opened = {}
end

local function connect(port, ctx, session)
  local conn = wrap(port, ctx)
  conn:settimeout(10)
  assert(conn:sni("localhost"))
  if session then assert(conn:setsession(session)) end
  assert(conn:dohandshake())
  return conn
end

local srv = s_server()

test("key update: 8 rounds both ways against s_server (ours both kinds, its k and K)", function()
  local conn = connect(srv.port, client_ctx())
  H.eq(conn:info("protocol"), "TLSv1.3", "protocol")
  H.eq(conn:pendingkeyupdate(), nil, "nothing pending after the handshake")
  local ours, answers = 0, 0
  for i = 1, 8 do
    local kind = i % 2 == 1 and "requested" or "not_requested"
    local seen = count(srv.output(), KU_IN)
    H.eq(conn:keyupdate(kind), true, "keyupdate " .. kind)
    H.eq(conn:pendingkeyupdate(), kind, "pending until sent")
    local line = ("client line %02d"):format(i)
    H.eq(conn:send(line .. "\n"), #line + 1, "send after keyupdate")
    H.eq(conn:pendingkeyupdate(), nil, "sent with the data")
    ours = ours + 1
    srv.wait_count(line, 1)
    srv.wait_count(KU_IN, seen + 1) -- the server got our KeyUpdate
    -- the server updates its own keys ("K": and asks us to update ours), then writes
    local sent = count(srv.output(), KU_OUT)
    srv.say(i % 2 == 1 and "k" or "K")
    if i % 2 == 0 then answers = answers + 1 end
    srv.wait_count(KU_OUT, sent + 1)
    line = ("server line %02d"):format(i)
    srv.say(line)
    H.eq(conn:receive("*l"), line, "receive under the server's new keys")
  end
  -- and a last line, carrying our answer to the last "K" if it was not sent yet
  H.eq(conn:send("client line end\n"), 16, "send")
  srv.wait_count("client line end", 1)
  srv.wait_count(KU_IN, ours + answers) -- one per keyupdate, one per answer to "K"
  conn:close()
end)

test("key update sent by dohandshake; refused before the handshake, on TLS 1.2, bad kind", function()
  local ctx = client_ctx()
  local conn = wrap(srv.port, ctx)
  conn:settimeout(10)
  assert(conn:sni("localhost"))
  local ok, e = conn:keyupdate()
  H.eq(ok, nil, "keyupdate before the handshake")
  H.match(e, "wrong ssl version", "error text")
  assert(conn:dohandshake())
  ok, e = conn:keyupdate("sideways")
  H.eq(ok, nil, "bad kind"); H.match(e, "requested", "bad kind message")
  local seen = count(srv.output(), KU_IN)
  H.eq(conn:keyupdate(), true, "keyupdate() defaults to requested")
  H.eq(conn:pendingkeyupdate(), "requested", "pending")
  ok, e = conn:keyupdate("not_requested")
  H.eq(ok, nil, "a second keyupdate while one is pending"); H.match(e, "still in init", "its error")
  H.eq(conn:pendingkeyupdate(), "requested", "the first one stays")
  H.eq(conn:dohandshake(), true, "dohandshake sends it")
  H.eq(conn:pendingkeyupdate(), nil, "no longer pending")
  srv.wait_count(KU_IN, seen + 1)
  H.eq(conn:send("after dohandshake\n"), 18, "send")
  srv.wait_count("after dohandshake", 1)
  conn:close()
  conn = connect(srv.port, client_ctx { protocol = "tlsv1_2" })
  H.eq(conn:info("protocol"), "TLSv1.2", "protocol")
  ok, e = conn:keyupdate("not_requested")
  H.eq(ok, nil, "no key update in TLS 1.2"); H.match(e, "wrong ssl version", "TLS 1.2 error")
  H.eq(conn:pendingkeyupdate(), nil, "nothing pending")
  conn:close()
end)

for _, proto in ipairs { "tlsv1_3", "tlsv1_2" } do
  test("session saved as octets and resumed by a new connection (" .. proto .. ")", function()
    local ctx = client_ctx { protocol = proto }
    local conn = connect(srv.port, ctx)
    H.eq(conn:sessionreused(), false, "first connection is a full handshake")
    H.eq(conn:info("resumed"), false, "info().resumed")
    -- TLS 1.3 tickets come after the handshake: let data flow first
    srv.say("hello " .. proto)
    H.eq(conn:receive("*l"), "hello " .. proto, "receive")
    local octets = assert(conn:getsession())
    H.truthy(type(octets) == "string" and #octets > 0, "octets")
    conn:close()
    -- a new connection from another context (the octets carry the session, not the
    -- context); ferrossl's limit: only in this process
    local again = connect(srv.port, client_ctx { protocol = proto }, octets)
    H.eq(again:sessionreused(), true, "second connection resumed")
    H.eq(again:info("resumed"), true, "info().resumed")
    H.eq(again:send("resumed " .. proto .. "\n"), 16, "data over the resumed session")
    srv.wait_count("resumed " .. proto, 1)
    again:close()
  end)
end

test("setsession refuses octets that are no session", function()
  local conn = wrap(srv.port, client_ctx())
  local ok, e = conn:setsession("not a session")
  H.eq(ok, nil, "setsession garbage")
  H.truthy(type(e) == "string" and e:find("d2i_SSL_SESSION"), "error names d2i_SSL_SESSION", e)
  ok = conn:setsession("")
  H.eq(ok, nil, "setsession empty")
  conn:close()
end)

local LABELS = { "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                 "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0" }

-- the lines' client random, checked against the server's own key log: same random, same
-- secrets, for each TLS 1.3 label
local function check_lines(lines, what)
  local random = lines:match("CLIENT_HANDSHAKE_TRAFFIC_SECRET (%x+) %x+")
  H.truthy(random and #random == 64, what .. ": a 32-byte client random", random)
  for _, label in ipairs(LABELS) do
    local line = lines:match("(" .. label .. " " .. random .. " %x+)")
    H.truthy(line, what .. ": " .. label .. " line with this connection's client random")
    -- (the server logs its last secrets once it has read our Finished)
    H.truthy(H.wait_for(srv.keylog, line, 10), what .. ": " .. label .. " line equals the server's")
  end
  return random
end

test("key log callback: NSS lines for a TLS 1.3 connection, as the server logged them", function()
  local got, ssls = {}, {}
  local ctx = client_ctx { keylog = function(line, ssl) got[#got + 1] = line; ssls[#ssls + 1] = ssl end }
  local conn = connect(srv.port, ctx)
  H.eq(conn:info("protocol"), "TLSv1.3", "protocol")
  H.truthy(#got >= 4, "at least 4 lines", #got)
  for i, s in ipairs(ssls) do H.truthy(s == conn.ssl, "callback " .. i .. " got this connection's SSL") end
  check_lines(table.concat(got, "\n"), "callback")
  H.eq(#features.callback_errors, 0, "no callback errors")
  conn:close()
  -- a second connection: new lines with a different client random
  local n = #got
  conn = connect(srv.port, ctx)
  H.truthy(#got >= n + 4, "more lines", #got)
  local r1 = got[1]:match("^%S+ (%x+)")
  local r2 = got[n + 1]:match("^%S+ (%x+)")
  H.truthy(r1 ~= r2, "a new client random for the new connection")
  conn:close()
  -- setkeylog(nil) stops it
  H.eq(ctx:setkeylog(nil), true, "setkeylog(nil)")
  n = #got
  connect(srv.port, ctx):close()
  H.eq(#got, n, "no lines after setkeylog(nil)")
end)

test("key log file: SSLKEYLOGFILE-style lines appended, 0600", function()
  local path = H.tmpname()
  os.remove(path)
  local ctx = client_ctx { keylog = path }
  local conn = connect(srv.port, ctx)
  conn:close()
  local text = assert(H.slurp(path), "key log file written")
  for l in text:gmatch("[^\n]+") do H.match(l, "^[A-Z_0-9]+ %x+ %x+$", "NSS key log line") end
  check_lines(text, "file")
  H.eq(H.sh("stat -c %a " .. path):match("%d+"), "600", "file mode")
  os.remove(path)
end)

test("key log: a raising callback does not break the handshake; bad targets refused", function()
  local before = #features.callback_errors
  local ctx = client_ctx { keylog = function() error("boom") end }
  local conn = connect(srv.port, ctx)
  H.eq(conn:send("still fine\n"), 11, "send")
  conn:close()
  H.truthy(#features.callback_errors > before, "error recorded")
  H.match(features.callback_errors[#features.callback_errors], "boom", "recorded text")
  local ok, e = ferrossl.newcontext { mode = "client", verify = "none", keylog = 42 }
  H.eq(ok, nil, "keylog = 42 refused"); H.match(e, "keylog", "message")
  ok, e = ferrossl.newcontext { mode = "client", verify = "none", keylog = "/nonexistent/dir/kl" }
  H.eq(ok, nil, "unwritable file refused"); H.match(e, "keylog", "message")
end)

srv.stop()
H.cleanup()
H.done()
