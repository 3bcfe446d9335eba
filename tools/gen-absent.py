#!/usr/bin/env python3
"""Generates ferrossl's stubs for the OpenSSL 3 names it does not implement.

Run at development time only (its output is committed):

    python3 tools/gen-absent.py && cargo fmt

Needs: binutils (readelf), gcc, python3-pycparser, and Debian 12's libssl3 +
libssl-dev (/usr/lib/x86_64-linux-gnu/lib{ssl,crypto}.so.3, /usr/include/openssl).

It
1. reads every function name, and its version node, that Debian 12's libssl.so.3
   and libcrypto.so.3 export (`NAME@@OPENSSL_3.0.0`, a few under 3.0.3/3.0.8/3.0.9),
   plus NEWER below: names of OpenSSL 3.2-3.4 that programs built on newer
   distributions import;
2. reads each one's C prototype from /usr/include/openssl/*.h (`gcc -E`, then
   pycparser; NEWER carries its own prototypes, the 3.0 headers lack them);
3. for every name that src/entry/ does not already define, writes a stub into
   src/entry/absent/<header>.rs: it fails with the function's documented failure
   value and an ERR entry "ferrossl does not support NAME" (Error::unsupported),
   except the no-op categories (cleanup, free, setup calls) listed in
   `body()` / OVERRIDES;
4. writes src/ferrossl.map (every name on its OpenSSL version node) and
   tools/openssl-symbols.txt (`NAME NODE LIB`, read by tests/symbols.rs).
"""

import os
import re
import subprocess
import sys
import tempfile

import pycparser
from pycparser import c_ast, c_generator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBDIR = "/usr/lib/x86_64-linux-gnu"
INCDIR = "/usr/include/openssl"
OUT_DIR = os.path.join(ROOT, "src", "entry", "absent")

# Names of OpenSSL 3.1-3.5 that programs built against newer releases import,
# with the node OpenSSL gives them and their prototype (the 3.0 headers here do
# not declare them; types the 3.0 headers lack are written as `void *`).
# libssl: util/libssl.num of OpenSSL master (3_2_0 .. 3_4_0 entries, read
# 2025). libcrypto: the node from each function's HISTORY section in OpenSSL's
# manual pages (libcrypto.num of a 3.2+ release was not available to check).
NEWER = [
    # libssl, OPENSSL_3.2.0
    ("ssl", "OPENSSL_3.2.0", "const char *SSL_get0_group_name(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_client_hello_get_extension_order(SSL *s, uint16_t *exts, size_t *num_exts);"),
    ("ssl", "OPENSSL_3.2.0", "const SSL_METHOD *OSSL_QUIC_client_method(void);"),
    ("ssl", "OPENSSL_3.2.0", "const SSL_METHOD *OSSL_QUIC_client_thread_method(void);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_CTX_set1_cert_comp_preference(SSL_CTX *ctx, int *algs, size_t len);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_set1_cert_comp_preference(SSL *ssl, int *algs, size_t len);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_CTX_compress_certs(SSL_CTX *ctx, int alg);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_compress_certs(SSL *ssl, int alg);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_rpoll_descriptor(SSL *s, void *desc);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_wpoll_descriptor(SSL *s, void *desc);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_set_blocking_mode(SSL *s, int blocking);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_blocking_mode(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_set1_initial_peer_addr(SSL *s, const BIO_ADDR *peer_addr);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_net_read_desired(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_net_write_desired(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_shutdown_ex(SSL *ssl, uint64_t flags, const void *args, size_t args_len);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_stream_conclude(SSL *ssl, uint64_t flags);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_is_tls(const SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_is_quic(const SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_handshake_rtt(const SSL *s, uint64_t *rtt);"),
    ("ssl", "OPENSSL_3.2.0", "SSL *SSL_new_stream(SSL *s, uint64_t flags);"),
    ("ssl", "OPENSSL_3.2.0", "SSL *SSL_get0_connection(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_is_connection(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_stream_type(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "uint64_t SSL_get_stream_id(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_handle_events(SSL *s);"),
    ("ssl", "OPENSSL_3.2.0", "int SSL_get_event_timeout(SSL *s, struct timeval *tv, int *is_infinite);"),
    ("ssl", "OPENSSL_3.2.0", "SSL_SESSION *d2i_SSL_SESSION_ex(SSL_SESSION **a, const unsigned char **pp, long length, OSSL_LIB_CTX *libctx, const char *propq);"),
    # libssl, OPENSSL_3.3.0
    ("ssl", "OPENSSL_3.3.0", "int SSL_write_ex2(SSL *s, const void *buf, size_t num, uint64_t flags, size_t *written);"),
    ("ssl", "OPENSSL_3.3.0", "int SSL_get_value_uint(SSL *s, uint32_t class_, uint32_t id, uint64_t *v);"),
    ("ssl", "OPENSSL_3.3.0", "int SSL_set_value_uint(SSL *s, uint32_t class_, uint32_t id, uint64_t v);"),
    ("ssl", "OPENSSL_3.3.0", "time_t SSL_SESSION_get_time_ex(const SSL_SESSION *s);"),
    ("ssl", "OPENSSL_3.3.0", "time_t SSL_SESSION_set_time_ex(SSL_SESSION *s, time_t t);"),
    # libssl, OPENSSL_3.4.0
    ("ssl", "OPENSSL_3.4.0", "void SSL_CTX_flush_sessions_ex(SSL_CTX *ctx, time_t tm);"),
    ("ssl", "OPENSSL_3.4.0", "int SSL_CTX_set_block_padding_ex(SSL_CTX *ctx, size_t app_block_size, size_t hs_block_size);"),
    ("ssl", "OPENSSL_3.4.0", "int SSL_set_block_padding_ex(SSL *ssl, size_t app_block_size, size_t hs_block_size);"),
    ("ssl", "OPENSSL_3.4.0", "char *SSL_get1_builtin_sigalgs(OSSL_LIB_CTX *libctx);"),
    # libcrypto
    ("crypto", "OPENSSL_3.2.0", "int ERR_count_to_mark(void);"),
    ("crypto", "OPENSSL_3.3.0", "STACK_OF_X509_OBJECT_ *X509_STORE_get1_objects(X509_STORE *xs);"),
    ("crypto", "OPENSSL_3.3.0", "int EVP_DigestSqueeze(EVP_MD_CTX *ctx, unsigned char *out, size_t outlen);"),
    ("crypto", "OPENSSL_3.4.0", "int EVP_MD_CTX_get_size_ex(const EVP_MD_CTX *ctx);"),
]
# The header a NEWER name belongs to (its stub's file).
NEWER_HEADER = {"ssl": "ssl.h", "crypto": None}
NEWER_CRYPTO_HEADER = {
    "ERR_count_to_mark": "err.h",
    "X509_STORE_get1_objects": "x509_vfy.h",
    "EVP_DigestSqueeze": "evp.h",
    "EVP_MD_CTX_get_size_ex": "evp.h",
}

# Functions whose contract needs a value the rules in `failure()` / `body()`
# do not give. NAME -> ("fail", rust_expr): fail with an ERR entry and this
# value; ("const", rust_expr): succeed without an ERR entry.
OVERRIDES = {
    # Setup calls programs make and ignore when a feature is absent; OpenSSL 3
    # does nothing useful in them (engines/config modules are not used by
    # ferrossl) and they cannot fail there: crypto/engine/eng_all.c,
    # eng_fat.c (returns 1), crypto/conf/conf_mod.c, conf_mall.c, conf_sap.c.
    "ENGINE_load_builtin_engines": ("const", None),
    "ENGINE_register_all_complete": ("const", "1"),
    "CONF_modules_unload": ("const", None),
    "CONF_modules_free": ("const", None),
    "CONF_modules_finish": ("const", None),
    "OPENSSL_load_builtin_modules": ("const", None),
    "OPENSSL_config": ("const", None),
    "OPENSSL_no_config": ("const", None),
    "ENGINE_load_openssl": ("const", None),
    "ENGINE_load_dynamic": ("const", None),
    "ENGINE_load_padlock": ("const", None),
    "ENGINE_load_rdrand": ("const", None),
    "ENGINE_load_capi": ("const", None),
    "ENGINE_load_afalg": ("const", None),
    # OpenSSL 3: ERR_remove_state/ERR_remove_thread_state do nothing
    # (crypto/err/err.c, deprecated 1.1.0); OPENSSL_thread_stop only frees.
    "ERR_remove_state": ("const", None),
    "ERR_remove_thread_state": ("const", None),
    "OPENSSL_thread_stop": ("const", None),
    "OPENSSL_thread_stop_ex": ("const", None),
    # OSSL_PARAM_construct_end only returns the terminator (params.c).
    "OSSL_PARAM_construct_end": ("const", "OSSL_PARAM_VALUE::END"),
    # Without a secure heap (CRYPTO_secure_malloc_init), OpenSSL 3's secure
    # allocator is the plain one (crypto/mem_sec.c): delegate to ferrossl's.
    "CRYPTO_secure_malloc": ("const", "crate::entry::CRYPTO_malloc(_num, _file as *const c_char, _line)"),
    "CRYPTO_secure_zalloc": ("const", "crate::entry::CRYPTO_zalloc(_num, _file as *const c_char, _line)"),
    "CRYPTO_secure_free": ("const", "crate::entry::CRYPTO_free(_ptr, _file as *const c_char, _line)"),
    "CRYPTO_secure_clear_free": ("const", "crate::entry::CRYPTO_clear_free(_ptr, _num, _file as *const c_char, _line)"),
    "CRYPTO_secure_malloc_initialized": ("const", "0"),
    "CRYPTO_secure_allocated": ("const", "0"),
    # crypto/ui/ui_lib.c: UI_method_set_* return 0 on success (-1 only for a
    # NULL method); our UI_METHOD is a dummy, the setters store nothing.
    # UI_create_method: see ui_create_method() below.
    # Comparisons where 0 is the error value, not "equal"
    # (crypto/x509/x509_vfy.c: "0 on error").
    "X509_cmp_time": ("fail", "0"),
    "X509_cmp_current_time": ("fail", "0"),
    # ASN1_get_object (crypto/asn1/asn1_lib.c) returns 0x80 on error.
    "ASN1_get_object": ("fail", "0x80"),
    # QUIC stream id of a non-stream: UINT64_MAX (ssl/ssl_lib.c).
    "SSL_get_stream_id": ("fail", "u64::MAX"),
    # ASN1_INTEGER_get / ASN1_ENUMERATED_get: -1 on error (a_int.c).
    "ASN1_INTEGER_get": ("fail", "-1"),
    "ASN1_ENUMERATED_get": ("fail", "-1"),
    # RSA_{public,private}_{en,de}crypt, RSA_padding_check_*: -1 on error.
    "RSA_public_encrypt": ("fail", "-1"),
    "RSA_private_encrypt": ("fail", "-1"),
    "RSA_public_decrypt": ("fail", "-1"),
    "RSA_private_decrypt": ("fail", "-1"),
    # DH/ECDH shared secret size, -1 on error (dh_key.c, ecdh_ossl.c).
    "DH_compute_key": ("fail", "-1"),
    "DH_compute_key_padded": ("fail", "-1"),
    "ECDH_compute_key": ("fail", "-1"),
    # EVP_Decode*: -1 on error (crypto/evp/encode.c).
    "EVP_DecodeUpdate": ("fail", "-1"),
    "EVP_DecodeFinal": ("fail", "-1"),
    "EVP_DecodeBlock": ("fail", "-1"),
    # EVP_MD / EVP_CIPHER sizes: -1 for no digest (evp_lib.c).
    "EVP_MD_CTX_get_size_ex": ("fail", "-1"),
    "EVP_MD_get_size": ("fail", "-1"),
    "EVP_MD_get_block_size": ("fail", "-1"),
    # ASN1_STRING_to_UTF8 / ASN1_mbstring_copy: negative on error.
    "ASN1_STRING_to_UTF8": ("fail", "-1"),
    "ASN1_mbstring_copy": ("fail", "-1"),
    "ASN1_mbstring_ncopy": ("fail", "-1"),
    "UTF8_getc": ("fail", "-1"),
    "UTF8_putc": ("fail", "-1"),
    "OPENSSL_hexchar2int": ("fail", "-1"),
    # SSL: -1 is the documented failure (ssl/ssl_lib.c, statem).
    "SSL_get_servername_type": ("fail", "-1"),
    "SSL_get_ex_data_X509_STORE_CTX_idx": ("fail", "-1"),
    "SSL_stateless": ("fail", "-1"),
    "DTLSv1_listen": ("fail", "-1"),
    "SSL_get_fd": ("fail", "-1"),
    "SSL_get_rfd": ("fail", "-1"),
    "SSL_get_wfd": ("fail", "-1"),
    # BIO I/O and formatting: -1 on error (bio_lib.c, b_print.c).
    "BIO_read": ("fail", "-1"),
    "BIO_write": ("fail", "-1"),
    "BIO_gets": ("fail", "-1"),
    "BIO_puts": ("fail", "-1"),
    "BIO_get_line": ("fail", "-1"),
    "BIO_printf": ("fail", "-1"),
    "BIO_vprintf": ("fail", "-1"),
    "BIO_snprintf": ("fail", "-1"),
    "BIO_vsnprintf": ("fail", "-1"),
    "BIO_get_new_index": ("fail", "-1"),
    "BIO_nread": ("fail", "-1"),
    "BIO_nread0": ("fail", "-1"),
    "BIO_nwrite": ("fail", "-1"),
    "BIO_nwrite0": ("fail", "-1"),
    # Sockets: INVALID_SOCKET (-1) on error (bio_sock.c, bio_sock2.c).
    "BIO_socket": ("fail", "-1"),
    "BIO_accept": ("fail", "-1"),
    "BIO_accept_ex": ("fail", "-1"),
    "BIO_get_accept_socket": ("fail", "-1"),
    "BIO_socket_ioctl": ("fail", "-1"),
    # Stack search: -1 when absent (stack.c).
    "OPENSSL_sk_find": ("fail", "-1"),
    "OPENSSL_sk_find_ex": ("fail", "-1"),
    "OPENSSL_sk_find_all": ("fail", "-1"),
    "OPENSSL_sk_num": ("fail", "-1"),
    # OBJ_obj2txt: -1 on error (obj_dat.c).
    "OBJ_obj2txt": ("fail", "-1"),
    # EVP_PKEY_get_default_digest_{nid,name}: -2 "not supported" (p_lib.c).
    "EVP_PKEY_get_default_digest_nid": ("fail", "-2"),
    "EVP_PKEY_get_default_digest_name": ("fail", "-2"),
}

# Name patterns (checked in order) for int failure values.
# Comparison functions: 0 means "equal", so they fail with -2 (OpenSSL's own
# error return for X509_NAME_cmp, EVP_PKEY_eq/cmp, ASN1_TIME_compare, ...).
CMP = re.compile(r"(_cmp|_compare|cmp_time_t|_eq|_cmp_parameters|_parameters_eq)$|^(BN|OBJ|X509|ASN1)\w*_u?cmp\w*$")
# "Not supported by this key type" is -2 for the EVP_PKEY operations and
# their ctrl wrappers (EVP_PKEY_sign(3), EVP_PKEY_CTX_ctrl(3)).
PKEY_OP = re.compile(
    r"^EVP_PKEY_(sign|verify|verify_recover|encrypt|decrypt|derive|derive_set_peer|derive_set_peer_ex|"
    r"keygen|paramgen|encapsulate|decapsulate|check|public_check|private_check|param_check|"
    r"param_check_quick|public_check_quick|pairwise_check)(_init|_init_ex)?$"
    r"|^EVP_PKEY_CTX_ctrl(_str|_uint64)?$"
    r"|^EVP_PKEY_CTX_(set|get|set0|set1|get0|add1|get1)_(rsa|ec|ecdh|dh|dhx|dsa|hkdf|tls1|scrypt|signature|mac|kem|"
    r"dh_kdf|ecdh_kdf)\w*$"
    r"|^EVP_PKEY_CTX_(set|get)_signature_md$|^EVP_PKEY_CTX_set1_(id|pbe_pass)$|^EVP_PKEY_CTX_get1_id(_len)?$"
)
MINUS_ONE = re.compile(
    r"_get_ex_new_index$|^i2d_\w+$|^i2[a-z]_\w+$|_get_index_by_\w+$|_get_ext_by_\w+$|_get_attr_by_\w+$"
    r"|^RSA_padding_check_\w+$"
)
# ... but not the setters/getters of a cleanup callback (X509_STORE_set_cleanup).
SETTER = re.compile(r"_(set|get)_(\w+_)?(free|cleanup)$")
# void functions that only release or reset: no-ops, no ERR entry (a free
# of anything, NULL included, is silent).
CLEANUP = re.compile(
    r"(_free|_clear_free|_cleanup|_reset|_free_all|_pop_free|_free_strings|_destroy|_destroy_method|"
    r"_cleanup_all_ex_data)$"
)

RUST_KEYWORDS = {"async", "type", "mod", "fn", "crate", "self", "super", "use", "ref", "match", "move", "dyn"}

INT_TYPES = {
    "int": "c_int",
    "signed int": "c_int",
    "unsigned int": "c_uint",
    "unsigned": "c_uint",
    "long": "c_long",
    "long int": "c_long",
    "signed long": "c_long",
    "unsigned long": "c_ulong",
    "long unsigned int": "c_ulong",
    "unsigned long int": "c_ulong",
    "long long": "c_longlong",
    "unsigned long long": "c_ulonglong",
    "short": "c_short",
    "unsigned short": "c_ushort",
    "char": "c_char",
    "signed char": "i8",
    "unsigned char": "u8",
    "size_t": "usize",
    "ssize_t": "isize",
    "ossl_ssize_t": "isize",
    "int8_t": "i8",
    "uint8_t": "u8",
    "int16_t": "i16",
    "uint16_t": "u16",
    "int32_t": "i32",
    "uint32_t": "u32",
    "int64_t": "i64",
    "uint64_t": "u64",
    "ossl_intmax_t": "i64",
    "ossl_uintmax_t": "u64",
    "time_t": "libc::time_t",
    "double": "f64",
    "float": "f32",
    "_Bool": "bool",
    "void": "()",
}
# typedefs kept by name (resolving them would lose the exact C type).
KEEP = {"size_t", "ssize_t", "ossl_ssize_t", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t",
        "uint32_t", "int64_t", "uint64_t", "time_t", "ossl_intmax_t", "ossl_uintmax_t"}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def exported(lib):
    """{name: node} of the FUNC symbols a shared library defines."""
    out = {}
    for line in run(["readelf", "--dyn-syms", "-W", lib]).splitlines():
        f = line.split()
        if len(f) < 8 or f[3] != "FUNC" or f[6] == "UND":
            continue
        m = re.match(r"^(\w+)@@?(\S+)$", f[7])
        if m:
            out[m.group(1)] = m.group(2)
    return out


def implemented():
    """Names src/entry/ (outside absent/) defines with #[no_mangle], and the
    C-variadic functions src/ffi/variadic.c defines."""
    names = set()
    c_def = re.compile(r"^[A-Za-z_][\w \*]*?\b(\w+)\([^;]*\)\s*$", re.M)
    variadic = open(os.path.join(ROOT, "src", "ffi", "variadic.c")).read()
    names.update(n for n in c_def.findall(variadic) if not n.startswith("ferrossl_"))
    pat = re.compile(r"#\[no_mangle\]\s*(?:#\[[^\]]*\]\s*)*pub\s+(?:unsafe\s+)?extern\s+\"C\"\s+fn\s+(\w+)")
    for d, _, files in os.walk(os.path.join(ROOT, "src", "entry")):
        if os.path.abspath(d).startswith(OUT_DIR):
            continue
        for f in files:
            if f.endswith(".rs"):
                names.update(pat.findall(open(os.path.join(d, f)).read()))
    return names


def preprocess():
    headers = sorted(h for h in os.listdir(INCDIR) if h.endswith(".h") and h != "asn1_mac.h")
    src = "".join(f"#include <openssl/{h}>\n" for h in headers)
    # Declarations for NEWER: types the 3.0 headers lack.
    src += "typedef struct stack_st_X509_OBJECT STACK_OF_X509_OBJECT_;\n"
    src += "".join(proto + "\n" for _, _, proto in NEWER)
    defs = ["-D__attribute__(x)=", "-D__extension__=", "-D__restrict=", "-D__inline=inline",
            "-D__asm__(x)=", "-D__builtin_va_list=void*", "-D_Float128=double", "-D_Float64x=double",
            "-D_Float64=double", "-D_Float32=float", "-D_Float32x=double", "-D__signed__=signed",
            "-D__int128=long"]
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as t:
        t.write(src)
    try:
        return run(["gcc", "-E", *defs, t.name]), t.name
    finally:
        pass


class Types:
    def __init__(self, ast):
        self.typedefs = {}
        self.enums = set()
        for node in ast.ext:
            if isinstance(node, c_ast.Typedef):
                self.typedefs[node.name] = node.type

    def resolve(self, t):
        """Follows typedefs until a pointer, function, array, struct/enum or a
        kept integer name."""
        while isinstance(t, c_ast.TypeDecl) and isinstance(t.type, c_ast.IdentifierType):
            name = " ".join(t.type.names)
            if name in KEEP or name not in self.typedefs:
                return t
            t = self.typedefs[name]
        return t

    def rust(self, t, what):
        """The Rust FFI type for C type `t`; raises for what cannot be passed."""
        r = self.resolve(t)
        if isinstance(r, (c_ast.PtrDecl, c_ast.ArrayDecl)):
            inner = r.type
            const = isinstance(inner, c_ast.TypeDecl) and "const" in (inner.quals or [])
            if isinstance(r, c_ast.ArrayDecl):
                const = False
            return "*const c_void" if const else "*mut c_void"
        if isinstance(r, c_ast.FuncDecl):
            return "*const c_void"
        if isinstance(r, c_ast.TypeDecl):
            inner = r.type
            if isinstance(inner, c_ast.IdentifierType):
                name = " ".join(inner.names)
                name = re.sub(r"\bsigned (?=long|short|char)", "", name) if name.startswith("signed ") and name != "signed char" else name
                if name in INT_TYPES:
                    return INT_TYPES[name]
                raise ValueError(f"{what}: unknown type {name}")
            if isinstance(inner, c_ast.Enum):
                return "c_int"
            if isinstance(inner, c_ast.Struct) and inner.name == "ossl_param_st":
                return "OSSL_PARAM_VALUE"
            raise ValueError(f"{what}: by-value {type(inner).__name__} {getattr(inner, 'name', '')}")
        raise ValueError(f"{what}: {r}")


def c_text(decl):
    gen = c_generator.CGenerator()
    return gen.visit(decl).replace("\n", " ")


def functions(ast, tmpname):
    """{name: (header, FuncDecl)} of the first declaration of each function."""
    out = {}
    for node in ast.ext:
        if isinstance(node, c_ast.FuncDef):
            node = node.decl
        if not isinstance(node, c_ast.Decl) or not isinstance(node.type, c_ast.FuncDecl):
            continue
        if node.name in out:
            continue
        f = node.coord.file if node.coord else ""
        if f.startswith(INCDIR + "/"):
            header = os.path.basename(f)
        elif f == tmpname:
            header = None  # NEWER: from NEWER_HEADER
        else:
            continue
        out[node.name] = (header, node)
    return out


def failure(name, ret):
    """The failure value for a function returning Rust type `ret`."""
    if name in OVERRIDES and OVERRIDES[name][0] == "fail":
        return OVERRIDES[name][1]
    if ret.startswith("*"):
        return "std::ptr::null_mut()" if ret.startswith("*mut") else "std::ptr::null()"
    if ret == "()":
        return "()"
    if ret in ("f64", "f32"):
        return "0.0"
    if ret == "bool":
        return "false"
    if ret == "OSSL_PARAM_VALUE":
        return "OSSL_PARAM_VALUE::END"
    if ret == "isize":
        return "-1"
    if ret in ("c_int", "c_long", "c_longlong", "i64", "i32"):
        if CMP.search(name):
            return "-2"
        if PKEY_OP.search(name):
            return "-2"
        if MINUS_ONE.search(name) and not re.search(r"_(bio|fp)$|_bio_stream$", name):
            return "-1"
    return "0"


def body(name, ret, variadic):
    """(doc line, Rust body) of a stub."""
    if name in OVERRIDES and OVERRIDES[name][0] == "const":
        v = OVERRIDES[name][1]
        if v and "(" in v:
            return ("As OpenSSL 3 without a secure heap: the plain allocator.", v)
        if v and v.startswith("OSSL_PARAM"):
            return ("Returns the terminating `OSSL_PARAM` (`OSSL_PARAM_END`).", v)
        if v == "0" and name.startswith("CRYPTO_secure"):
            return ("Returns 0: there is no secure heap.", v)
        return ("Does nothing and succeeds, as in OpenSSL 3 (a setup or teardown call).", v or "")
    if name == "UI_create_method":
        return ("Returns a dummy `UI_METHOD` (`UI_destroy_method` accepts it and does nothing).",
                'ffi_boundary!("UI_create_method", std::ptr::null_mut(), '
                "{ Ok(std::ptr::addr_of!(DUMMY_UI_METHOD) as *mut c_void) })")
    if name.startswith("UI_method_set_") and ret == "c_int":
        return ("Stores nothing and returns 0 (success, OpenSSL's `UI_method_set_*` contract).", "0")
    if ret == "()" and CLEANUP.search(name) and not SETTER.search(name):
        return ("A no-op: releases or resets nothing ferrossl created, and queues no error.", "")
    if ret == "c_int" and re.search(r"_free$", name):
        return ("A no-op returning 1: releases nothing ferrossl created, and queues no error.", "1")
    fail = failure(name, ret)
    doc = f"Not supported: queues an ERR entry and returns `{fail}`." if ret != "()" else \
        "Not supported: queues an ERR entry."
    return (doc, f'ffi_boundary!("{name}", {fail}, {{ Err(Error::unsupported("{name}")) }})')


def main():
    libs = {}
    node_of = {}
    for lib in ("ssl", "crypto"):
        for name, node in exported(f"{LIBDIR}/lib{lib}.so.3").items():
            libs.setdefault(name, lib)
            node_of[name] = node
    newer = {}
    for lib, node, proto in NEWER:
        name = re.search(r"(\w+)\s*\(", proto).group(1)
        newer[name] = (lib, node)
        if name in node_of:
            sys.exit(f"{name} is already in Debian's libraries ({node_of[name]})")
        libs[name] = lib
        node_of[name] = node

    text, tmpname = preprocess()
    ast = pycparser.CParser().parse(text, tmpname)
    os.unlink(tmpname)
    types = Types(ast)
    decls = functions(ast, tmpname)
    have = implemented()

    stubs = {}  # header -> [rust source]
    stats = {"stub": 0, "noproto": [], "have": 0, "variadic": 0, "noop": 0}
    for name in sorted(node_of):
        if name in have:
            stats["have"] += 1
            continue
        if name in decls:
            header, decl = decls[name]
            if header is None:
                header = "ssl.h" if newer[name][0] == "ssl" else NEWER_CRYPTO_HEADER[name]
            fdecl = decl.type
            ret = types.rust(fdecl.type, name)
            params, variadic = [], False
            for i, p in enumerate(fdecl.args.params if fdecl.args else []):
                if isinstance(p, c_ast.EllipsisParam):
                    variadic = True
                    continue
                t = types.rust(p.type, name)
                if t == "()":
                    continue
                pname = p.name or f"arg{i}"
                pname = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", pname).lower()
                params.append(f"_{pname}: {t}")
            proto = c_text(decl).replace("*/", "* /")
        else:
            # Exported by Debian's library but declared in no public header
            # (internal or removed names): no prototype to follow.
            stats["noproto"].append(name)
            header = "ssl.h" if libs[name] == "ssl" else "crypto.h"
            ret, params, variadic, proto = "*mut c_void", [], False, None
        doc, code = body(name, ret, variadic)
        if not code.startswith("ffi_boundary"):
            stats["noop"] += 1
        lines = []
        if proto:
            lines.append(f"/// `{proto}`")
        else:
            lines.append("/// Declared in no public OpenSSL 3.0 header: no parameters, and a pointer")
            lines.append("/// return (NULL) that reads as 0 for an integer-returning caller.")
        lines.append("///")
        lines.append(f"/// {doc}")
        if variadic:
            stats["variadic"] += 1
            lines.append("/// Variadic in C: defined with the fixed parameters only (a SysV x86_64")
            lines.append("/// callee that ignores the variable arguments is ABI-safe).")
        rsig = f" -> {ret}" if ret != "()" else ""
        lines.append("#[no_mangle]")
        lines.append(f"pub extern \"C\" fn {name}({', '.join(params)}){rsig} {{\n    {code}\n}}")
        stubs.setdefault(header, []).append("\n".join(lines))
        stats["stub"] += 1

    write_modules(stubs)
    write_map(node_of, libs)
    write_list(node_of, libs)
    print(f"{len(node_of)} names; {stats['have']} implemented; {stats['stub']} stubs "
          f"({stats['noop']} no-op/constant, {stats['variadic']} variadic, "
          f"{len(stats['noproto'])} without a prototype: {' '.join(stats['noproto'])})")


GEN_HEADER = """\
// @generated by tools/gen-absent.py from Debian 12's libssl.so.3/libcrypto.so.3
// and /usr/include/openssl/{header}. Do not edit: change the generator and rerun
// it (`python3 tools/gen-absent.py && cargo fmt`).
"""


def modname(header):
    m = re.sub(r"\W", "_", header[:-2])
    return m + "_" if m in RUST_KEYWORDS else m


def write_modules(stubs):
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".rs"):
            os.unlink(os.path.join(OUT_DIR, f))
    mods = []
    for header in sorted(stubs):
        m = modname(header)
        mods.append(m)
        src = GEN_HEADER.format(header=header)
        src += f"//! `{header}`: the names ferrossl does not implement (stubs).\n\n"
        body_text = "\n\n".join(stubs[header])
        uses = ["use std::ffi::c_void;"] if "c_void" in body_text else []
        ffi = sorted(set(re.findall(r"\b(c_(?:int|uint|long|ulong|longlong|ulonglong|short|ushort|char))\b", body_text)))
        if ffi:
            uses.append(f"use std::ffi::{{{', '.join(ffi)}}};")
        if "Error::" in body_text:
            uses.append("use crate::crypto::err::Error;")
        if "OSSL_PARAM_VALUE" in body_text:
            uses.append("use super::OSSL_PARAM_VALUE;")
        if "DUMMY_UI_METHOD" in body_text:
            uses.append("use super::DUMMY_UI_METHOD;")
        src += "\n".join(uses) + "\n\n" + body_text + "\n"
        with open(os.path.join(OUT_DIR, f"{m}.rs"), "w") as f:
            f.write(src)
    mod = GEN_HEADER.format(header="*.h")
    mod += """\
//! The OpenSSL 3 functions ferrossl does not implement, one file per header:
//! each is exported so that programs linked against OpenSSL 3 load, and fails
//! with OpenSSL's failure value for it plus an ERR entry "ferrossl does not
//! support NAME" (cleanup calls and a few setup calls are silent no-ops).
//! Not part of ferrossl's documented API: cbindgen skips this module.
//!
//! Implementing one of these functions: define it in its entry module, rerun
//! the generator, which then leaves it out here.

"""
    mod += "\n".join(f"mod {m};" for m in mods) + "\n\n"
    mod += "\n".join(f"pub use {m}::*;" for m in mods) + "\n\n"
    mod += """\
/// `OSSL_PARAM` returned by value (`OSSL_PARAM_construct_*`): OpenSSL 3's
/// layout (40 bytes on LP64), so the C caller's return slot is filled right.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct OSSL_PARAM_VALUE {
    pub key: *const std::ffi::c_char,
    pub data_type: std::ffi::c_uint,
    pub data: *mut std::ffi::c_void,
    pub data_size: usize,
    pub return_size: usize,
}

impl OSSL_PARAM_VALUE {
    /// The terminating element (`OSSL_PARAM_END`): all zero.
    pub const END: Self = Self {
        key: std::ptr::null(),
        data_type: 0,
        data: std::ptr::null_mut(),
        data_size: 0,
        return_size: 0,
    };
}

/// The object `UI_create_method` hands out: never written to (the
/// `UI_method_set_*` stubs store nothing), never freed.
pub static DUMMY_UI_METHOD: [u64; 4] = [0; 4];
"""
    with open(os.path.join(OUT_DIR, "mod.rs"), "w") as f:
        f.write(mod)


NODE_ORDER = lambda n: tuple(int(x) for x in n.split("_")[1].split("."))


def write_map(node_of, libs):
    nodes = sorted(set(node_of.values()), key=NODE_ORDER)
    out = [MAP_HEADER]
    prev = None
    for node in nodes:
        names = sorted(n for n, v in node_of.items() if v == node)
        out.append(f"{node} {{\n  global:\n" + "".join(f"    {n};\n" for n in names) + "}" +
                   (f" {prev};\n" if prev else ";\n"))
        prev = node
    with open(os.path.join(ROOT, "src", "ferrossl.map"), "w") as f:
        f.write("\n".join(out))


def write_list(node_of, libs):
    with open(os.path.join(ROOT, "tools", "openssl-symbols.txt"), "w") as f:
        f.write("# @generated by tools/gen-absent.py: NAME NODE LIBRARY, every function name\n"
                "# Debian 12's libssl.so.3/libcrypto.so.3 export plus the newer names it lists.\n"
                "# tests/symbols.rs checks that libferrossl.so exports each on its node.\n")
        for n in sorted(node_of):
            f.write(f"{n} {node_of[n]} lib{libs[n]}\n")


MAP_HEADER = """\
/* GNU ld version script for libferrossl.so.
 * @generated by tools/gen-absent.py: do not edit, rerun the generator.
 *
 * Programs linked against OpenSSL 3 reference NAME@OPENSSL_3.0.0 in libssl.so.3 and
 * libcrypto.so.3 (a few libcrypto names are NAME@OPENSSL_3.0.3, 3.0.8, 3.0.9 in
 * Debian's 3.0.x; programs built against OpenSSL 3.2+ also use OPENSSL_3.2.0 ...).
 * For ferrossl to stand in as those files (target/release/openssl-compat on
 * LD_LIBRARY_PATH) each such name is defined on OpenSSL's node for it, as in
 * OpenSSL's own libraries: every function name of Debian 12's libssl.so.3 and
 * libcrypto.so.3, and the newer names the generator lists (tools/openssl-symbols.txt).
 *
 * rustc passes its own anonymous version script listing every #[no_mangle] function
 * (global) and `local: *`; lld keeps the first version a name is given, that one, so
 * tools/link-cdylib.sh (the linker driver, .cargo/config.toml) deletes from rustc's
 * script the names listed here. They then get the node given here; ferrossl's other
 * exports (ferrossl_*, the pre-3.0 names it keeps such as ERR_put_error) stay at the
 * base version. Every name listed here must be defined (rustc passes
 * --no-undefined-version): src/entry/ implements it or src/entry/absent/ stubs it.
 *
 * build.rs passes this file to the linker for the cdylib only.
 */
"""

if __name__ == "__main__":
    main()
