-- Encrypted Client Hello through the binding (conn:ech / ech_accepted / ech_retry_configs)
-- against BoringSSL's `bssl server` ($FERROSSL_BSSL, else built or found by
-- tests/peers/bssl.sh), which reports "Encrypted ClientHello: yes|no" in its -www page.
local socket = require "socket"
local ferrossl = require "ferrossl"
local H = require "helper"
local cert = H.cert

local root = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/../../.."
local bssl = os.getenv("FERROSSL_BSSL")
if not bssl or bssl == "" then
  bssl = H.sh(root .. "/tests/peers/bssl.sh </dev/null 2>/dev/null"):match("^%s*(.-)%s*$")
end
assert(bssl ~= "" and io.open(bssl, "rb"), "no bssl (tests/peers/bssl.sh failed)")

local dir = H.tmpdir()
-- a server certificate that also answers for the ECH public name (a rejected offer is
-- authenticated for it), by the test CA
H.sh(("cd %s && openssl req -new -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
  .. "-keyout ech.key -out ech.pem -days 3650 -subj /CN=localhost -CA %s -CAkey %s "
  .. "-addext 'subjectAltName=DNS:localhost,DNS:public.example' "
  .. "-addext 'basicConstraints=critical,CA:false' >/dev/null 2>&1")
  :format(dir, cert("ca.pem"), cert("ca.key")))
for i, name in ipairs({ "a", "b" }) do
  H.sh(("%s generate-ech -out-ech-config-list %s/%s.list -out-ech-config %s/%s.cfg "
    .. "-out-private-key %s/%s.key -public-name public.example -config-id %d")
    :format(bssl, dir, name, dir, name, dir, name, i))
end
local list_a, list_b = H.slurp(dir .. "/a.list"), H.slurp(dir .. "/b.list")
assert(list_a and #list_a > 4 and list_b, "bssl generate-ech failed")

-- bssl server with config a, answering GET with its report of the connection
local port = H.free_port()
local pid = H.sh(("timeout 60 %s server -accept %d -cert %s/ech.pem -key %s/ech.key "
  .. "-ech-config %s/a.cfg -ech-key %s/a.key -loop -www >%s/server.log 2>&1 </dev/null & echo $!")
  :format(bssl, port, dir, dir, dir, dir, dir)):match("%d+")
local deadline = socket.gettime() + 20
while socket.gettime() < deadline do -- a probe: bssl -loop logs one failed handshake
  local s = socket.connect("127.0.0.1", port)
  if s then s:close(); break end
  socket.sleep(0.05)
end

local ctx = assert(ferrossl.newcontext{ mode = "client", verify = "peer", cafile = cert("ca.pem") })

local function connect(list)
  local conn = assert(ferrossl.wrap(assert(socket.connect("127.0.0.1", port)), ctx))
  conn:settimeout(10)
  assert(conn:sni("localhost"))
  if list then assert(conn:ech(list)) end
  return conn
end

local function page(conn)
  assert(conn:send("GET / HTTP/1.0\r\n\r\n"))
  local body, e, partial = conn:receive("*a")
  return body or partial or e
end

H.test("ECH accepted: ech_accepted() and the server's report agree", function()
  local conn = connect(list_a)
  H.eq(conn:dohandshake(), true, "dohandshake")
  H.eq(conn:ech_accepted(), true, "ech_accepted")
  local p = page(conn)
  H.match(p, "Encrypted ClientHello: yes", "server saw ECH")
  H.match(p, "Client sent SNI: localhost", "server saw the inner name")
  conn:close()
end)

H.test("rejected offer: 'ech required', retry configs, then accepted", function()
  local conn = connect(list_b)
  local ok, e = conn:dohandshake()
  H.eq(ok, nil, "handshake fails")
  H.match(e, "ech required", "error")
  H.eq(conn:ech_accepted(), false, "not accepted")
  local retry = conn:ech_retry_configs()
  H.eq(retry, list_a, "retry configs are the server's list")
  conn:close()
  conn = connect(retry)
  H.eq(conn:dohandshake(), true, "retry handshake")
  H.eq(conn:ech_accepted(), true, "retry accepted")
  H.match(page(conn), "Encrypted ClientHello: yes", "server saw ECH on the retry")
  conn:close()
end)

H.test("without ECH: not accepted; bad lists refused", function()
  local conn = connect(nil)
  H.eq(conn:dohandshake(), true, "dohandshake")
  H.eq(conn:ech_accepted(), false, "ech_accepted")
  H.match(page(conn), "Encrypted ClientHello: no", "server report")
  conn:close()
  conn = connect(nil)
  local ok, e = conn:ech("\0\5garbage")
  H.eq(ok, nil, "garbage refused")
  H.match(e, "bad extension", "error")
  H.eq(select(2, conn:ech(42)), "ech: ECHConfigList bytes expected", "type check")
  conn:close()
end)

os.execute("kill " .. pid .. " 2>/dev/null")
os.execute("rm -rf " .. dir)
H.cleanup()
H.done()
