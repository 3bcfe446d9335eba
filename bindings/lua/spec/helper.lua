-- spec/helper.lua: a tiny test harness (ok / not ok lines, counted by run-tests.sh),
-- throwaway certificates and openssl s_server / s_client peers on 127.0.0.1.
local socket = require "socket"

local H = { passed = 0, failed = 0 }
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."

function H.test(name, f)
  local ok, e = xpcall(f, debug.traceback)
  if ok then
    H.passed = H.passed + 1
    print("ok - " .. name)
  else
    H.failed = H.failed + 1
    print("not ok - " .. name)
    print("# " .. tostring(e):gsub("\n", "\n# "))
  end
  io.stdout:flush()
end

-- H.tmpname(): a new empty file in the run's scratch directory ($FERROSSL_LUA_TMP, which
-- run-tests.sh removes), so a run leaves nothing in /tmp; os.tmpname() outside it
function H.tmpname()
  local dir = os.getenv("FERROSSL_LUA_TMP")
  if not dir then return os.tmpname() end
  local p = io.popen("mktemp '" .. dir .. "/t.XXXXXX'")
  local name = p:read("*l")
  p:close()
  return assert(name, "mktemp in " .. dir)
end

function H.done()
  print(("# %d passed, %d failed"):format(H.passed, H.failed))
  os.exit(H.failed == 0 and 0 or 1)
end

function H.eq(actual, expected, what)
  if actual ~= expected then
    error(("%s: expected %q, got %q"):format(what or "value", tostring(expected), tostring(actual)), 2)
  end
end

function H.truthy(v, what, ...)
  if not v then error((what or "assertion") .. " failed: " .. table.concat({ tostring(v), ... }, " "), 2) end
  return v
end

function H.match(s, pat, what)
  if type(s) ~= "string" or not s:find(pat) then
    error(("%s: %q does not match %q"):format(what or "string", tostring(s), pat), 2)
  end
end

function H.tmpdir()
  local p = io.popen("mktemp -d /tmp/ferrossl-lua.XXXXXX")
  local d = p:read("*l"); p:close()
  return d
end

function H.sh(cmd)
  local p = io.popen(cmd)
  local out = p:read("*a"); p:close()
  return out
end

function H.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a"); f:close()
  return s
end

-- certificates: $FERROSSL_LUA_CERTS (made once by run-tests.sh) or a fresh set
H.certs = os.getenv("FERROSSL_LUA_CERTS")
if not H.certs then
  H.certs = H.tmpdir()
  local r = os.execute(here .. "/certs.sh " .. H.certs .. " >/dev/null 2>&1")
  assert(r == 0 or r == true, "certs.sh failed")
end
function H.cert(name) return H.certs .. "/" .. name end

function H.free_port()
  local s = assert(socket.bind("127.0.0.1", 0))
  local _, port = s:getsockname()
  s:close()
  return tonumber(port)
end

local children = {}
local function wait_for(path, pattern, secs)
  local deadline = socket.gettime() + (secs or 10)
  while socket.gettime() < deadline do
    local s = H.slurp(path)
    if s and s:find(pattern) then return s end
    socket.sleep(0.05)
  end
  return nil
end
H.wait_for = wait_for

-- s_server(args) -> {port=, pid=, log=}: an `openssl s_server` on 127.0.0.1, at most 60 s
function H.s_server(args)
  local port = H.free_port()
  local log = H.tmpname()
  local pid = H.sh(("timeout 60 openssl s_server -accept 127.0.0.1:%d %s >%s 2>&1 </dev/null & echo $!")
    :format(port, args, log)):match("%d+")
  children[#children + 1] = pid
  assert(wait_for(log, "ACCEPT", 10), "s_server did not start: " .. tostring(H.slurp(log)))
  return { port = port, pid = pid, log = log }
end

-- s_client(port, args, input) -> handle; handle.wait() -> exit code, output
function H.s_client(port, args, input)
  local out, rc = H.tmpname(), H.tmpname()
  os.remove(rc)
  local inp = H.tmpname()
  local f = io.open(inp, "wb"); f:write(input or ""); f:close()
  local pid = H.sh(("(timeout 20 openssl s_client -connect 127.0.0.1:%d %s <%s >%s 2>&1; echo $? >%s) >/dev/null 2>&1 & echo $!")
    :format(port, args, inp, out, rc)):match("%d+")
  children[#children + 1] = pid
  return {
    wait = function(secs)
      local code = wait_for(rc, "%d", secs or 25)
      return tonumber(code), H.slurp(out)
    end,
  }
end

function H.stop(proc)
  if proc and proc.pid then os.execute("kill " .. proc.pid .. " 2>/dev/null") end
end

function H.cleanup()
  for _, pid in ipairs(children) do os.execute("kill " .. pid .. " 2>/dev/null") end
end

return H
