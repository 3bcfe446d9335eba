-- ferrossl.https: request(url [, body]) or request{url=, method=, headers=, body=,
-- cafile=, verify=, alpn=, timeout=} -> body, code, headers, status | nil, err.
-- The shape of LuaSec's ssl.https.request; HTTP/1.1, one request per connection.
local socket = require "socket"
local ssl_ctx = require "ferrossl.ssl_ctx"
local ssl = require "ferrossl.ssl"

local M = {}

local function parse_url(url)
  local host, port, path = url:match("^https://([^/:]+):?(%d*)(.*)$")
  if not host then return nil end
  return host, tonumber(port) or 443, path ~= "" and path or "/"
end

local function dechunk(conn)
  local parts = {}
  while true do
    local line, e = conn:receive("*l")
    if not line then return nil, e end
    local size = tonumber(line:match("^%x+"), 16)
    if not size then return nil, "bad chunk size" end
    if size == 0 then
      repeat line, e = conn:receive("*l") until not line or line == ""
      return table.concat(parts)
    end
    local data, e2 = conn:receive(size)
    if not data then return nil, e2 end
    parts[#parts + 1] = data
    conn:receive("*l")
  end
end

function M.request(req, body)
  if type(req) == "string" then
    req = { url = req, body = body, method = body and "POST" or "GET" }
  end
  local host, port, path = parse_url(req.url or "")
  if not host then return nil, "https.request: https:// URL expected" end
  local ctx, e = req.context or ssl_ctx.newcontext {
    mode = "client", verify = req.verify or "peer", cafile = req.cafile, capath = req.capath,
    alpn = req.alpn or "http/1.1", protocol = req.protocol,
  }
  if not ctx then return nil, e end
  local sock
  sock, e = socket.connect(host, port)
  if not sock then return nil, e end
  local conn
  conn, e = ssl.wrap(sock, ctx)
  if not conn then sock:close(); return nil, e end
  conn:settimeout(req.timeout or 60)
  local ok
  ok, e = conn:sni(host)
  if ok then ok, e = conn:dohandshake() end
  if not ok then conn:close(); return nil, e end
  local headers = {
    ["host"] = (port == 443) and host or (host .. ":" .. port),
    ["user-agent"] = "ferrossl-lua",
    ["connection"] = "close",
  }
  for k, v in pairs(req.headers or {}) do headers[k:lower()] = v end
  if req.body then headers["content-length"] = tostring(#req.body) end
  local lines = { ("%s %s HTTP/1.1"):format(req.method or "GET", path) }
  for k, v in pairs(headers) do lines[#lines + 1] = k .. ": " .. v end
  ok, e = conn:send(table.concat(lines, "\r\n") .. "\r\n\r\n" .. (req.body or ""))
  if not ok then conn:close(); return nil, e end
  local status
  status, e = conn:receive("*l")
  if not status then conn:close(); return nil, e end
  local code = tonumber(status:match("^HTTP/%d%.%d (%d%d%d)"))
  if not code then conn:close(); return nil, "https.request: bad status line: " .. status end
  local resp = {}
  while true do
    local line
    line, e = conn:receive("*l")
    if not line then conn:close(); return nil, e end
    if line == "" then break end
    local k, v = line:match("^([^:]+):%s*(.*)$")
    if k then resp[k:lower()] = v end
  end
  local data
  if (resp["transfer-encoding"] or ""):lower():find("chunked") then
    data, e = dechunk(conn)
  elseif resp["content-length"] then
    data, e = conn:receive(tonumber(resp["content-length"]))
  else
    data, e = conn:receive("*a")
  end
  conn:close()
  if not data then return nil, e end
  return data, code, resp, status
end

return M
