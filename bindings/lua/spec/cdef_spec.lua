-- The raw layer (ferrossl/cdef.lua) against include/ferrossl.h and the built library.
local H = require "helper"
local here = debug.getinfo(1, "S").source:match("^@(.*)/spec/[^/]*$")
local gen = "luajit " .. here .. "/gen-cdef.lua"

local function run(cmd)
  local r = os.execute(cmd .. " >/dev/null 2>&1")
  return r == 0 or r == true
end

H.test("cdef.lua is what gen-cdef.lua makes from include/ferrossl.h (no drift)", function()
  H.truthy(run(gen .. " --check"), "gen-cdef.lua --check (run: luajit bindings/lua/gen-cdef.lua)")
end)

H.test("the drift check notices a changed header", function()
  local tmp = H.tmpname()
  local header = H.slurp(here .. "/../../include/ferrossl.h")
  local changed, n = header:gsub("int SSL_read%(SSL %*ssl, void %*buf, int num%);",
    "int SSL_read(SSL *ssl, void *buf, size_t num);")
  H.eq(n, 1, "SSL_read prototype found in the header")
  local f = io.open(tmp, "wb"); f:write(changed); f:close()
  local drift = not run("FERROSSL_HEADER=" .. tmp .. " " .. gen .. " --check")
  os.remove(tmp)
  H.truthy(drift, "--check fails on a changed prototype")
end)

H.test("every C.NAME the binding uses is declared by the header", function()
  local cdef = require "ferrossl.cdef"
  H.eq(#cdef.missing, 0, "missing: " .. table.concat(cdef.missing, ", "))
  H.truthy(#cdef.functions > 40, "functions declared")
end)

H.test("every declared function is exported by the library", function()
  local lib = require "ferrossl.lib"
  local cdef = require "ferrossl.cdef"
  local absent = {}
  for _, name in ipairs(cdef.functions) do
    if not lib.has(name) then absent[#absent + 1] = name end
  end
  H.eq(table.concat(absent, ", "), "", "not exported")
  for _, name in ipairs(cdef.constants) do
    H.truthy(type(lib.C[name]) == "number", "constant " .. name)
  end
end)

H.test("library found via FERROSSL_LIBRARY, and a bad path is a clear error", function()
  local lua_path = os.getenv("LUA_PATH") or ""
  local ok = run(("LUA_PATH='%s' FERROSSL_LIBRARY=%s/../../target/release/libferrossl.so luajit -e 'assert(require(\"ferrossl\").newcontext{mode=\"client\"})'")
    :format(lua_path, here))
  H.truthy(ok, "explicit FERROSSL_LIBRARY")
  local out = H.sh(("LUA_PATH='%s' FERROSSL_LIBRARY=/nonexistent/libferrossl.so luajit -e 'require(\"ferrossl\")' 2>&1")
    :format(lua_path))
  H.match(out, "cannot load the library", "error names the problem")
end)

H.done()
