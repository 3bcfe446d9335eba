-- ferrossl.err: the one error-translation point. Every failure leaves the binding as
-- `nil, message`, where message is the drained ERR queue (oldest first, "; "-separated),
-- plus an optional note (e.g. the certificate verification result).
local lib = require "ferrossl.lib"
local C, ffi = lib.C, lib.ffi

local M = {}
local buf = ffi.new("char[256]")

-- drain(): the ERR queue as text, emptying it ("" when empty).
function M.drain()
  local parts = {}
  while true do
    local e = C.ERR_get_error()
    if e == 0 then break end
    C.ERR_error_string_n(e, buf, 256)
    parts[#parts + 1] = ffi.string(buf)
  end
  return table.concat(parts, "; ")
end

function M.clear()
  C.ERR_clear_error()
end

-- fail(what, note): returns nil, "<what>: <queue>[ (note)]".
function M.fail(what, note)
  local q = M.drain()
  local msg = what
  if q ~= "" then msg = msg .. ": " .. q end
  if note and note ~= "" then msg = msg .. " (" .. note .. ")" end
  return nil, msg
end

-- check(ret, what): ret == 1 (or > 0) is success, else fail(what).
function M.check(ret, what)
  if ret ~= nil and tonumber(ret) > 0 then return true end
  return M.fail(what)
end

return M
