-- ferrossl.https.request against `openssl s_server -www`, and the README's client.
local H = require "helper"
local ferrossl = require "ferrossl"
local cert = H.cert
local here = debug.getinfo(1, "S").source:match("^@(.*)/spec/[^/]*$")

local www = H.s_server("-www -cert " .. cert("server.pem") .. " -key " .. cert("server.key"))

H.test("https.request{url=...} GET, verified against the CA", function()
  local body, code, headers, status = ferrossl.https.request {
    url = "https://localhost:" .. www.port .. "/", cafile = cert("ca.pem"), timeout = 10 }
  H.truthy(body, "request", code)
  H.eq(code, 200, "code")
  H.match(status, "^HTTP/1%.0 200", "status line")
  H.match(headers["content-type"], "text/html", "content-type header")
  H.match(body, "Ciphers supported in s_server binary", "s_server -www page")
end)

H.test("https.request refuses an unverifiable server (no cafile: system roots)", function()
  local body, e = ferrossl.https.request { url = "https://localhost:" .. www.port .. "/", timeout = 10 }
  H.eq(body, nil, "body")
  H.match(e, "certificate verify failed", "error")
end)

H.test("README's ten-line HTTPS client works as written", function()
  local readme = H.slurp(here .. "/README.md")
  local code = readme:match("```lua\n(.-)```")
  H.truthy(code, "lua code block in README.md")
  local n = select(2, code:gsub("\n", "\n"))
  H.truthy(n <= 10, "at most ten lines", n)
  local tmp = H.tmpname()
  local f = io.open(tmp, "wb"); f:write(code); f:close()
  local out = H.sh(("cd %s && timeout 20 luajit %s %s %d 2>&1"):format(here, tmp, cert("ca.pem"), www.port))
  os.remove(tmp)
  H.match(out, "^200\n", "README client prints the status code")
  H.match(out, "s_server", "and the page")
end)

H.stop(www)
H.cleanup()
H.done()
