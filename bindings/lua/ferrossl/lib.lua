-- ferrossl.lib: loads the raw layer (ferrossl/cdef.lua, generated from include/ferrossl.h)
-- and the shared library. The library is FERROSSL_LIBRARY if set, else the build output
-- (target/release/libferrossl.so next to this checkout), else `libferrossl.so` on the
-- system library path.
local ffi = require "ffi"
local cdef = require "ferrossl.cdef"

local function build_output()
  local src = debug.getinfo(1, "S").source
  local dir = src:match("^@(.*)/ferrossl/[^/]*$")
  if not dir then return nil end
  local path = dir .. "/../../target/release/libferrossl.so"
  local f = io.open(path, "rb")
  if f then f:close(); return path end
end

local candidates = {}
if os.getenv("FERROSSL_LIBRARY") and os.getenv("FERROSSL_LIBRARY") ~= "" then
  candidates[1] = os.getenv("FERROSSL_LIBRARY")
else
  candidates[#candidates + 1] = build_output()
  candidates[#candidates + 1] = "ferrossl"
end
local C, errs = nil, {}
for _, path in ipairs(candidates) do
  local ok, lib = pcall(ffi.load, path)
  if ok then C = lib; break end
  errs[#errs + 1] = tostring(lib)
end
if not C then
  error("ferrossl: cannot load the library (" .. table.concat(errs, "; ") .. ")", 0)
end

-- has(name): whether the library exports a function that the header declares.
local function has(name)
  return (pcall(function() return C[name] end))
end

return { C = C, ffi = ffi, cdef = cdef, has = has, path = candidates[1] }
