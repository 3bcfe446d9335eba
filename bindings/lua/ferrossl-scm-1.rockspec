package = "ferrossl"
version = "scm-1"
source = { url = "git+file:///work/main" }
description = {
  summary = "LuaSec-shaped TLS for LuaJIT + LuaSocket over libferrossl (FFI)",
  license = "Apache-2.0",
}
dependencies = { "lua == 5.1", "luasocket" }
build = {
  type = "builtin",
  modules = {
    ["ferrossl"] = "ferrossl/init.lua",
    ["ferrossl.cdef"] = "ferrossl/cdef.lua",
    ["ferrossl.lib"] = "ferrossl/lib.lua",
    ["ferrossl.err"] = "ferrossl/err.lua",
    ["ferrossl.ssl_ctx"] = "ferrossl/ssl_ctx.lua",
    ["ferrossl.ssl"] = "ferrossl/ssl.lua",
    ["ferrossl.x509"] = "ferrossl/x509.lua",
    ["ferrossl.https"] = "ferrossl/https.lua",
  },
}
