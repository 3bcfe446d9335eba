//! Compatibility entry points: the remaining names that unmodified OpenSSL 3
//! programs (LuaSec, socat, Racket's `openssl` collection) import from
//! libssl.so.3 / libcrypto.so.3 and that belong to no other area.
//!
//! Three kinds live here:
//! - implemented for real: `SSL_CIPHER_description`,
//!   `EC_get_builtin_curves`, `BIO_new_file`, `X509_STORE` tied to a context's
//!   trust roots (`SSL_CTX_get_cert_store`, `X509_STORE_add_cert`),
//!   `SSL_get0_param` + `X509_VERIFY_PARAM_set1_host` tied to the `SSL`'s
//!   verify host, MD5/SHA-1 in the caller's
//!   context;
//! - accepted and ignored, because TLS 1.3 and rustls make them obsolete:
//!   DH parameters (`DH_*`, `PEM_read_bio_DHparams`, `BN_*` to build them,
//!   `SSL_CTX_set_tmp_dh_callback`) and fixed ECDH curves (`EC_KEY_*`):
//!   rustls only does ephemeral (EC)DHE over its own group list, which
//!   `SSL_CTX_set1_groups_list` controls;
//! - not supported, failing the OpenSSL way (failure value + an ERR entry
//!   naming the function): SSLv2/SSLv3/DTLS methods, DANE, renegotiation,
//!   Finished-message access, custom certificate-verify callbacks.
//!
//! Objects that must live as long as their owner: an `SSL`'s
//! (`X509_VERIFY_PARAM`, cipher stacks) sit in its `compat` slot and drop
//! with it; an `SSL_CTX`'s (`X509_STORE`, `X509_VERIFY_PARAM`) sit in a
//! registry keyed by the context's address holding a `Weak` to it, and an
//! entry whose context is gone is dropped on a later registration.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void, CStr};
use std::os::fd::IntoRawFd;
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Weak};

use parking_lot::Mutex;
use rustls_pki_types::CertificateDer;

use crate::crypto::bio::{bio_st, BIO, BIO_CLOSE};
use crate::ssl::ciphers::{self, SSL_CIPHER};
use crate::ssl::connection::{ssl_st, SSL};
use crate::ssl::context::{ssl_ctx_st, ssl_method_st, Roots, SSL_CTX};
use crate::crypto::err::{self, Error, ERR_LIB_BIO, ERR_LIB_PEM, ERR_LIB_X509};
use crate::ffi::{self, Ptr};
use crate::crypto::pkey::{EVP_PKEY, EVP_PKEY_EC, EVP_PKEY_ED25519, EVP_PKEY_RSA};
use crate::ssl::verify::X509_STORE_CTX;
use crate::crypto::x509::{stack_st, x509_st, OPENSSL_STACK, X509};

// ---------------------------------------------------------------------------
// ALPN / NPN protocol selection.

pub const OPENSSL_NPN_UNSUPPORTED: c_int = 0;
pub const OPENSSL_NPN_NEGOTIATED: c_int = 1;
pub const OPENSSL_NPN_NO_OVERLAP: c_int = 2;

/// Where `SSL_select_next_proto`'s answer points.
#[derive(Debug, PartialEq, Eq)]
pub enum Selected {
    /// `server[start..start + len]`: the first server protocol the client offers.
    Server(usize, usize),
    /// `client[start..start + len]`: no overlap, the client's first protocol.
    Client(usize, usize),
    /// No overlap and no usable client protocol: `*out = NULL, *outlen = 0`.
    Nothing,
}

/// Splits a length-prefixed protocol list; a truncated tail is ignored.
fn protocols(wire: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let len = usize::from(*wire.get(at)?);
        let start = at + 1;
        if start + len > wire.len() {
            return None;
        }
        at = start + len;
        Some((start, len))
    })
}

/// OpenSSL 3.0.15+'s `SSL_select_next_proto` (after the CVE-2024-5535 fix),
/// as a pure function (the entry point is in `entry/ssl.rs`):
/// an empty or malformed client list gives `Nothing`; otherwise the first
/// protocol in *server* order that the client also lists, else the client's
/// first protocol as the opportunistic fallback. Empty server entries are
/// skipped, trailing garbage in either list is ignored.
pub fn select_next_proto(server: &[u8], client: &[u8]) -> (c_int, Selected) {
    let Some((c0, c0len)) = protocols(client).next() else {
        return (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing);
    };
    if c0len == 0 {
        return (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing);
    }
    for (s, slen) in protocols(server) {
        if slen == 0 {
            continue;
        }
        let want = &server[s..s + slen];
        if protocols(client).any(|(c, clen)| &client[c..c + clen] == want) {
            return (OPENSSL_NPN_NEGOTIATED, Selected::Server(s, slen));
        }
    }
    (OPENSSL_NPN_NO_OVERLAP, Selected::Client(c0, c0len))
}

// ---------------------------------------------------------------------------
// SSL: features ferrossl answers "none" to, or does not support.

/// SSL_export_keying_material derives `olen` bytes of keying material
/// from the established connection (RFC 5705; RFC 8446 section 7.5 for TLS
/// 1.3) with the `llen`-byte `label` and, if `use_context` is non-zero, the
/// `contextlen`-byte `context`, into `out`. Returns 1; -1 before the handshake
/// is complete (as OpenSSL: no session yet); 0 with an error on bad arguments.
#[no_mangle]
pub extern "C" fn SSL_export_keying_material(
    ssl: *mut SSL,
    out: *mut u8,
    olen: usize,
    label: *const c_char,
    llen: usize,
    context: *const u8,
    contextlen: usize,
    use_context: c_int,
) -> c_int {
    ffi_boundary!("SSL_export_keying_material", {
        let s = ffi::borrow(ssl)?;
        if !s.handshake_done() {
            return Ok(-1);
        }
        let out = ffi::slice_mut_usize(out, olen)?;
        let label = ffi::slice_usize(label as *const u8, llen)?;
        let ctx = if use_context != 0 {
            Some(ffi::slice_usize(context, contextlen)?)
        } else {
            None
        };
        s.export_keying_material(out, label, ctx)?;
        Ok(1)
    })
}

/// SSL_CIPHER_description writes OpenSSL's one-line description of `cipher`
/// ("ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD\n")
/// into `buf` (at least 128 bytes) and returns `buf`. With `buf` NULL it
/// returns a new 128-byte buffer the caller frees with `OPENSSL_free`. NULL
/// if `len` < 128 or `cipher` is NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_description(
    cipher: *const SSL_CIPHER,
    buf: *mut c_char,
    len: c_int,
) -> *mut c_char {
    ffi_boundary!("SSL_CIPHER_description", {
        let c = ffi::borrow(cipher)?;
        let text = cipher_description(
            c.name.to_str().unwrap_or(""),
            matches!(c.suite, rustls::SupportedCipherSuite::Tls13(_)),
        );
        if buf.is_null() {
            let mut bytes = text.into_bytes();
            bytes.resize(127, 0);
            return Ok(ffi::malloc_copy(&bytes, true) as *mut c_char);
        }
        if len < 128 {
            return Ok(std::ptr::null_mut());
        }
        ffi::copy_cstr_out(buf, len as usize, text.as_bytes());
        Ok(buf)
    })
}

/// The `openssl ciphers -v` line for one of ferrossl's suites.
pub fn cipher_description(name: &str, tls13: bool) -> String {
    let (version, kx, au) = if tls13 {
        ("TLSv1.3", "any", "any")
    } else {
        (
            "TLSv1.2",
            "ECDH",
            if name.contains("ECDSA") {
                "ECDSA"
            } else {
                "RSA"
            },
        )
    };
    let enc = if name.contains("CHACHA20") {
        "CHACHA20/POLY1305(256)"
    } else if name.contains("AES256") || name.contains("AES_256") {
        "AESGCM(256)"
    } else {
        "AESGCM(128)"
    };
    format!(
        "{name:<30} {version:<7} Kx={kx:<8} Au={au:<5} Enc={enc:<22} Mac={:<4}\n",
        "AEAD"
    )
}

/// SSL_get_current_compression returns NULL: TLS compression is never used.
#[no_mangle]
pub extern "C" fn SSL_get_current_compression(_ssl: *const SSL) -> *const c_void {
    std::ptr::null()
}

/// SSL_get_current_expansion returns NULL: TLS compression is never used.
#[no_mangle]
pub extern "C" fn SSL_get_current_expansion(_ssl: *const SSL) -> *const c_void {
    std::ptr::null()
}

/// SSL_COMP_get_name returns NULL (there are no compression methods).
#[no_mangle]
pub extern "C" fn SSL_COMP_get_name(_comp: *const c_void) -> *const c_char {
    std::ptr::null()
}

/// SSL_COMP_get_compression_methods returns NULL: ferrossl has no
/// compression methods (as an OpenSSL built with `no-comp`).
#[no_mangle]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut OPENSSL_STACK {
    std::ptr::null_mut()
}

/// SSL_renegotiate is not supported (rustls does not renegotiate): it
/// returns 0 and queues an error.
#[no_mangle]
pub extern "C" fn SSL_renegotiate(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_renegotiate", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_renegotiate"))
    })
}

/// SSL_renegotiate_pending returns 0: no renegotiation is ever pending.
#[no_mangle]
pub extern "C" fn SSL_renegotiate_pending(_ssl: *const SSL) -> c_int {
    0
}

/// SSL_get_finished is not supported (rustls does not expose the Finished
/// messages; use `SSL_export_keying_material` for channel binding): it
/// returns 0 bytes and queues an error.
#[no_mangle]
pub extern "C" fn SSL_get_finished(ssl: *const SSL, _buf: *mut c_void, _count: usize) -> usize {
    ffi_boundary!("SSL_get_finished", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_get_finished"))
    })
}

/// SSL_get_peer_finished is not supported, as `SSL_get_finished`: 0 and an
/// error.
#[no_mangle]
pub extern "C" fn SSL_get_peer_finished(
    ssl: *const SSL,
    _buf: *mut c_void,
    _count: usize,
) -> usize {
    ffi_boundary!("SSL_get_peer_finished", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_get_peer_finished"))
    })
}

/// SSL_set_session_id_context checks `sid_ctx_len` (at most 32) and returns
/// 1, else 0 with `SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG`. The context is
/// not used: rustls' server session cache is per `SSL_CTX`.
#[no_mangle]
pub extern "C" fn SSL_set_session_id_context(
    ssl: *mut SSL,
    _sid_ctx: *const u8,
    sid_ctx_len: c_uint,
) -> c_int {
    ffi_boundary!("SSL_set_session_id_context", {
        ffi::borrow(ssl)?;
        if sid_ctx_len > 32 {
            return Err(Error::ssl(SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG));
        }
        Ok(1)
    })
}
const SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG: c_int = 273;

/// SSL_CTX_set_tmp_dh_callback is accepted and ignored: rustls does no
/// finite-field DH, so there are no DH parameters to choose.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(
    _ctx: *mut SSL_CTX,
    _cb: Option<extern "C" fn(*mut SSL, c_int, c_int) -> *mut DH>,
) {
}

/// SSL_CTX_set_cert_verify_callback is not supported: a callback replacing
/// chain verification cannot be honoured, so a non-NULL `cb` queues an error
/// and verification stays ferrossl's own (`SSL_CTX_set_verify` callbacks
/// work). NULL is accepted (the default).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_verify_callback(
    ctx: *mut SSL_CTX,
    cb: Option<extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int>,
    _arg: *mut c_void,
) {
    ffi_boundary!("SSL_CTX_set_cert_verify_callback", {
        ffi::borrow(ctx)?;
        match cb {
            Some(_) => Err(Error::unsupported("SSL_CTX_set_cert_verify_callback")),
            None => Ok(()),
        }
    })
}

// ---------------------------------------------------------------------------
// DANE (RFC 6698): not supported.

/// SSL_CTX_dane_enable is not supported: it returns 0 and queues an error.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_enable(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_dane_enable", {
        ffi::borrow(ctx)?;
        Err(Error::unsupported("SSL_CTX_dane_enable"))
    })
}

/// SSL_CTX_dane_set_flags returns 0 (the previous flags: none) and queues an
/// error: DANE is not supported.
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_set_flags(ctx: *mut SSL_CTX, _flags: c_ulong) -> c_ulong {
    ffi_boundary!("SSL_CTX_dane_set_flags", {
        ffi::borrow(ctx)?;
        Err(Error::unsupported("SSL_CTX_dane_set_flags"))
    })
}

/// SSL_dane_enable is not supported: it returns 0 and queues an error.
#[no_mangle]
pub extern "C" fn SSL_dane_enable(ssl: *mut SSL, _basedomain: *const c_char) -> c_int {
    ffi_boundary!("SSL_dane_enable", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_dane_enable"))
    })
}

/// SSL_dane_tlsa_add is not supported: it returns -1 (OpenSSL's "internal
/// error", not 0 "unusable record") and queues an error.
#[no_mangle]
pub extern "C" fn SSL_dane_tlsa_add(
    ssl: *mut SSL,
    _usage: u8,
    _selector: u8,
    _mtype: u8,
    _data: *const u8,
    _dlen: usize,
) -> c_int {
    ffi_boundary!("SSL_dane_tlsa_add", -1, {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_dane_tlsa_add"))
    })
}

// ---------------------------------------------------------------------------
// Protocol methods ferrossl does not offer.

/// SSLv2_client_method is not supported (nor in OpenSSL 3): NULL and an error.
#[no_mangle]
pub extern "C" fn SSLv2_client_method() -> *const ssl_method_st {
    ffi_boundary!("SSLv2_client_method", { Err(Error::unsupported("SSLv2")) })
}

/// SSLv2_server_method is not supported: NULL and an error.
#[no_mangle]
pub extern "C" fn SSLv2_server_method() -> *const ssl_method_st {
    ffi_boundary!("SSLv2_server_method", { Err(Error::unsupported("SSLv2")) })
}

/// SSLv3_client_method is not supported (rustls has no SSL 3.0): NULL and an error.
#[no_mangle]
pub extern "C" fn SSLv3_client_method() -> *const ssl_method_st {
    ffi_boundary!("SSLv3_client_method", { Err(Error::unsupported("SSLv3")) })
}

/// SSLv3_server_method is not supported: NULL and an error.
#[no_mangle]
pub extern "C" fn SSLv3_server_method() -> *const ssl_method_st {
    ffi_boundary!("SSLv3_server_method", { Err(Error::unsupported("SSLv3")) })
}

/// DTLS_client_method is not supported (rustls has no DTLS): NULL and an error.
#[no_mangle]
pub extern "C" fn DTLS_client_method() -> *const ssl_method_st {
    ffi_boundary!("DTLS_client_method", { Err(Error::unsupported("DTLS")) })
}

/// DTLS_server_method is not supported: NULL and an error.
#[no_mangle]
pub extern "C" fn DTLS_server_method() -> *const ssl_method_st {
    ffi_boundary!("DTLS_server_method", { Err(Error::unsupported("DTLS")) })
}

// ---------------------------------------------------------------------------
// OPENSSL_INIT_SETTINGS: accepted, nothing to configure.

/// The `OPENSSL_INIT_SETTINGS` handle (ferrossl reads no config file).
pub struct ossl_init_settings_st {
    _reserved: u8,
}
pub type OPENSSL_INIT_SETTINGS = ossl_init_settings_st;

/// OPENSSL_INIT_new returns settings for `OPENSSL_init_ssl`, freed with
/// `OPENSSL_INIT_free`. ferrossl ignores them.
#[no_mangle]
pub extern "C" fn OPENSSL_INIT_new() -> *mut OPENSSL_INIT_SETTINGS {
    Box::into_raw(Box::new(ossl_init_settings_st { _reserved: 0 }))
}

/// OPENSSL_INIT_free frees settings from `OPENSSL_INIT_new`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_INIT_free(settings: *mut OPENSSL_INIT_SETTINGS) {
    ffi::free_box(settings)
}

// ---------------------------------------------------------------------------
// File BIOs.

const ERR_R_SYS_LIB: c_int = err::ERR_LIB_SYS | (0x2 << 18);

/// `fopen` mode to open(2) options; `None` for an invalid mode.
fn open_options(mode: &[u8]) -> Option<std::fs::OpenOptions> {
    let plus = mode.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    match mode.first()? {
        b'r' => o.read(true).write(plus),
        b'w' => o.write(true).create(true).truncate(true).read(plus),
        b'a' => o.append(true).create(true).read(plus),
        _ => return None,
    };
    Some(o)
}

/// BIO_new_file opens `filename` with `fopen`-style `mode` ("r", "w", "a",
/// with optional "+" and "b") and returns a new BIO reading/writing it,
/// closing the file when freed. NULL on error, with a system error
/// ("calling fopen(name, mode)") and `BIO_R_NO_SUCH_FILE` (missing file) or
/// `ERR_R_SYS_LIB` queued, as OpenSSL does.
#[no_mangle]
pub extern "C" fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO {
    ffi_boundary!("BIO_new_file", {
        let name = ffi::cstr_bytes(filename)?;
        let mode_s = ffi::cstr_bytes(mode)?;
        let opts = open_options(mode_s).ok_or_else(|| Error::invalid_argument("bad fopen mode"))?;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(name));
        match opts.open(path) {
            Ok(f) => Ok(ffi::into_raw(bio_st::new_fd(
                f.into_raw_fd(),
                BIO_CLOSE,
                false,
            ))),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                let what = format!(
                    "calling fopen({}, {})",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(mode_s)
                );
                Error::system(errno).data(&what).push("BIO_new_file");
                Err(if matches!(errno, libc::ENOENT | libc::ENXIO) {
                    Error::new(ERR_LIB_BIO, err::BIO_R_NO_SUCH_FILE)
                } else {
                    Error::new(ERR_LIB_BIO, ERR_R_SYS_LIB)
                })
            }
        }
    })
}

// ---------------------------------------------------------------------------
// BIGNUM: just enough to hand DH parameters over (socat builds its built-in
// group with BN_bin2bn + DH_set0_pqg).

/// A non-negative big integer (big-endian magnitude, no leading zero bytes).
pub struct bignum_st {
    mag: Mutex<Vec<u8>>,
}
pub type BIGNUM = bignum_st;

fn strip_zeros(b: &[u8]) -> Vec<u8> {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b[first..].to_vec()
}

/// BN_bin2bn reads the `len` big-endian bytes at `s` as a non-negative
/// integer. With `ret` NULL it returns a new BIGNUM (freed with `BN_free`),
/// else it stores the value in `ret` and returns it. NULL on error.
#[no_mangle]
pub extern "C" fn BN_bin2bn(s: *const u8, len: c_int, ret: *mut BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_bin2bn", {
        let bytes = strip_zeros(ffi::slice(s, len)?);
        if ret.is_null() {
            return Ok(Box::into_raw(Box::new(bignum_st {
                mag: Mutex::new(bytes),
            })));
        }
        *ffi::borrow(ret)?.mag.lock() = bytes;
        Ok(ret)
    })
}

/// BN_free frees `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_free(a: *mut BIGNUM) {
    ffi::free_box(a)
}

/// BN_bn2hex returns `a` in upper-case hex ("0" for zero) in a buffer the
/// caller frees with `OPENSSL_free`, or NULL.
#[no_mangle]
pub extern "C" fn BN_bn2hex(a: *const BIGNUM) -> *mut c_char {
    ffi_boundary!("BN_bn2hex", {
        let mag = ffi::borrow(a)?.mag.lock().clone();
        let hex = if mag.is_empty() {
            "0".to_owned()
        } else {
            mag.iter().map(|b| format!("{b:02X}")).collect()
        };
        Ok(ffi::malloc_copy(hex.as_bytes(), true) as *mut c_char)
    })
}

// ---------------------------------------------------------------------------
// DH parameters: accepted and ignored.

/// A DH parameter set, kept only to be freed: rustls does no finite-field
/// DH, so `SSL_CTX_set_tmp_dh` (ctrl 3) accepts and ignores it.
pub struct dh_st {
    /// p, q, g as handed over by `DH_set0_pqg` (owned BIGNUMs).
    pqg: Mutex<[Ptr; 3]>,
}
pub type DH = dh_st;

impl Drop for dh_st {
    fn drop(&mut self) {
        for p in self.pqg.lock().iter() {
            ffi::free_box(p.0 as *mut BIGNUM);
        }
    }
}

fn new_dh() -> *mut DH {
    Box::into_raw(Box::new(dh_st {
        pqg: Mutex::new([Ptr::default(); 3]),
    }))
}

/// DH_new returns an empty DH object, freed with `DH_free`. ferrossl accepts
/// DH parameters and ignores them (see the module comment).
#[no_mangle]
pub extern "C" fn DH_new() -> *mut DH {
    new_dh()
}

/// DH_free frees `dh` and the numbers it owns; NULL is a no-op.
#[no_mangle]
pub extern "C" fn DH_free(dh: *mut DH) {
    ffi::free_box(dh)
}

/// DH_set0_pqg hands `p`, `q` (may be NULL) and `g` over to `dh`, freeing
/// any it replaces. It returns 1, or 0 (taking nothing) when `p` or `g` is
/// NULL and `dh` has none yet.
#[no_mangle]
pub extern "C" fn DH_set0_pqg(
    dh: *mut DH,
    p: *mut BIGNUM,
    q: *mut BIGNUM,
    g: *mut BIGNUM,
) -> c_int {
    ffi_boundary!("DH_set0_pqg", {
        let dh = ffi::borrow(dh)?;
        let mut pqg = dh.pqg.lock();
        if (p.is_null() && pqg[0].0.is_null()) || (g.is_null() && pqg[2].0.is_null()) {
            return Ok(0);
        }
        for (slot, new) in pqg.iter_mut().zip([p, q, g]) {
            if !new.is_null() {
                ffi::free_box(slot.0 as *mut BIGNUM);
                *slot = Ptr(new as *mut c_void);
            }
        }
        Ok(1)
    })
}

/// PEM_read_bio_DHparams reads the next "DH PARAMETERS" (or "X9.42 DH
/// PARAMETERS") PEM block from `bp` and returns a DH object (also stored in
/// `*x`, freeing the old one, when `x` is not NULL), or NULL with
/// `PEM_R_NO_START_LINE`. The parameters are not used: rustls does no
/// finite-field DH. `cb`/`u` are ignored (parameters are never encrypted).
#[no_mangle]
pub extern "C" fn PEM_read_bio_DHparams(
    bp: *mut BIO,
    x: *mut *mut DH,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut DH {
    ffi_boundary!("PEM_read_bio_DHparams", {
        let bio = ffi::borrow(bp)?;
        let mut line = Vec::new();
        let mut inside = false;
        loop {
            line.clear();
            if !bio.read_line(&mut line) {
                return Err(Error::new(ERR_LIB_PEM, err::PEM_R_NO_START_LINE));
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end();
            if !inside
                && (l == "-----BEGIN DH PARAMETERS-----"
                    || l == "-----BEGIN X9.42 DH PARAMETERS-----")
            {
                inside = true;
            } else if inside && l.starts_with("-----END ") {
                break;
            }
        }
        let dh = new_dh();
        if let Some(old) = ffi::read_in(x as *const *mut DH) {
            ffi::free_box(old);
            ffi::write_out(x, dh);
        }
        Ok(dh)
    })
}

// ---------------------------------------------------------------------------
// Elliptic curves: the table LuaSec builds at load, and EC_KEY as a curve tag.

pub const NID_X9_62_prime256v1: c_int = 415;
pub const NID_secp384r1: c_int = 715;

/// OpenSSL's `EC_builtin_curve`.
#[repr(C)]
pub struct EC_builtin_curve {
    pub nid: c_int,
    pub comment: *const c_char,
}

/// The named curves ferrossl's key exchange supports, with OpenSSL's
/// comments, in OpenSSL's order (X25519 is not an EC_GROUP curve in OpenSSL
/// either).
const CURVES: [(c_int, &CStr); 2] = [
    (NID_secp384r1, c"NIST/SECG curve over a 384 bit prime field"),
    (
        NID_X9_62_prime256v1,
        c"X9.62/SECG curve over a 256 bit prime field",
    ),
];

/// EC_get_builtin_curves fills up to `nitems` entries of `r` with the
/// curves ferrossl supports (P-384, P-256) and returns how many there are
/// (call it with `r` NULL, 0 to size the array).
#[no_mangle]
pub extern "C" fn EC_get_builtin_curves(r: *mut EC_builtin_curve, nitems: usize) -> usize {
    if !r.is_null() {
        for (i, (nid, comment)) in CURVES.iter().enumerate().take(nitems) {
            ffi::write_out(
                r.wrapping_add(i),
                EC_builtin_curve {
                    nid: *nid,
                    comment: comment.as_ptr(),
                },
            );
        }
    }
    CURVES.len()
}

/// An EC_KEY: only the curve it names (a key pair is never generated).
pub struct ec_key_st {
    pub nid: c_int,
}
pub type EC_KEY = ec_key_st;

/// EC_KEY_new_by_curve_name returns an EC_KEY naming curve `nid` (P-256 or
/// P-384), freed with `EC_KEY_free`, for `SSL_CTX_set_tmp_ecdh`, which
/// accepts and ignores it: rustls picks the group from its own list
/// (`SSL_CTX_set1_groups_list`). Other curves: NULL and
/// `EC_R_UNKNOWN_GROUP`.
#[no_mangle]
pub extern "C" fn EC_KEY_new_by_curve_name(nid: c_int) -> *mut EC_KEY {
    ffi_boundary!("EC_KEY_new_by_curve_name", {
        if !CURVES.iter().any(|(n, _)| *n == nid) {
            return Err(
                Error::new(ERR_LIB_EC, EC_R_UNKNOWN_GROUP).data(&format!("curve NID {nid}"))
            );
        }
        Ok(Box::into_raw(Box::new(ec_key_st { nid })))
    })
}
const ERR_LIB_EC: c_int = 16;
const EC_R_UNKNOWN_GROUP: c_int = 129;

/// EC_KEY_free frees `key`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_KEY_free(key: *mut EC_KEY) {
    ffi::free_box(key)
}

// ---------------------------------------------------------------------------
// EVP_PKEY odds and ends.

/// EVP_PKEY_get_base_id is `EVP_PKEY_id` (EVP_PKEY_RSA, _EC, _ED25519).
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_base_id(pkey: *const EVP_PKEY) -> c_int {
    crate::entry::pkey::EVP_PKEY_id(pkey)
}

/// EVP_PKEY_get_bits returns the key size in bits (RSA modulus, EC field
/// size, 253 for Ed25519), or 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_bits(pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_get_bits", {
        let k = ffi::borrow(pkey)?;
        Ok(key_bits(k.id(), k.der()).unwrap_or(0))
    })
}

fn key_bits(id: c_int, der: &rustls_pki_types::PrivateKeyDer<'_>) -> Option<c_int> {
    use aws_lc_rs::signature::{self as sig, KeyPair};
    use rustls_pki_types::PrivateKeyDer as K;
    match (id, der) {
        (EVP_PKEY_RSA, K::Pkcs8(d)) => sig::RsaKeyPair::from_pkcs8(d.secret_pkcs8_der())
            .ok()
            .map(|k| k.public_modulus_len() as c_int * 8),
        (EVP_PKEY_RSA, K::Pkcs1(d)) => sig::RsaKeyPair::from_der(d.secret_pkcs1_der())
            .ok()
            .map(|k| k.public_modulus_len() as c_int * 8),
        (EVP_PKEY_EC, _) => {
            // The public point is 1 + 2 * field bytes long.
            let algs = [
                (&sig::ECDSA_P256_SHA256_ASN1_SIGNING, 256),
                (&sig::ECDSA_P384_SHA384_ASN1_SIGNING, 384),
                (&sig::ECDSA_P521_SHA512_ASN1_SIGNING, 521),
            ];
            algs.iter().find_map(|(alg, bits)| {
                let ok = match der {
                    K::Pkcs8(d) => sig::EcdsaKeyPair::from_pkcs8(alg, d.secret_pkcs8_der())
                        .map(|k| k.public_key().as_ref().len())
                        .ok(),
                    K::Sec1(d) => sig::EcdsaKeyPair::from_private_key_der(alg, d.secret_sec1_der())
                        .map(|k| k.public_key().as_ref().len())
                        .ok(),
                    _ => None,
                };
                ok.map(|_| *bits)
            })
        }
        (EVP_PKEY_ED25519, _) => Some(253),
        _ => None,
    }
}

/// X509_get_pubkey is not supported (an `EVP_PKEY` is a private key in
/// ferrossl): it returns NULL and queues an error.
///
/// Stand-in so that LuaSec's `ssl.so` (which imports it) loads at all; it
/// belongs to the X509 area, which should replace it (and delete this one)
/// when public-key `EVP_PKEY`s exist.
#[no_mangle]
pub extern "C" fn X509_get_pubkey(x: *mut X509) -> *mut EVP_PKEY {
    ffi_boundary!("X509_get_pubkey", {
        ffi::borrow(x)?;
        Err(Error::unsupported("X509_get_pubkey"))
    })
}

/// PEM_write_bio_PUBKEY is not supported: it returns 0 and queues an error.
#[no_mangle]
pub extern "C" fn PEM_write_bio_PUBKEY(bp: *mut BIO, x: *const EVP_PKEY) -> c_int {
    ffi_boundary!("PEM_write_bio_PUBKEY", {
        ffi::borrow(bp)?;
        ffi::borrow(x)?;
        Err(Error::unsupported("PEM_write_bio_PUBKEY"))
    })
}

// ---------------------------------------------------------------------------
// Legacy MD5_* / SHA1_*: the state lives in the caller's MD5_CTX / SHA_CTX.

/// The two legacy one-shot-context digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Md5,
    Sha1,
}

impl Legacy {
    fn words(self) -> usize {
        match self {
            Legacy::Md5 => 4,
            Legacy::Sha1 => 5,
        }
    }

    /// `sizeof(MD5_CTX)` = 92, `sizeof(SHA_CTX)` = 96 in OpenSSL 3.
    pub fn ctx_size(self) -> usize {
        4 * self.words() + 8 + 64 + 4
    }

    /// Digest length: 16 or 20 bytes.
    pub fn out_len(self) -> usize {
        4 * self.words()
    }
}

/// The context exactly as OpenSSL lays it out in the caller's memory: the
/// chaining words, the bit count (`Nl`, `Nh`), 64 bytes of pending input and
/// their count (`num`), all native-endian `u32`. It holds no pointers, so a
/// caller copying, moving or zeroing its struct cannot cause anything worse
/// than a wrong digest; `num` >= 64 is rejected as a corrupt context.
struct LegacyState {
    h: [u32; 5],
    nl: u32,
    nh: u32,
    data: [u8; 64],
    num: usize,
}

fn word(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

impl LegacyState {
    fn load(alg: Legacy, b: &[u8]) -> Result<Self, Error> {
        let n = alg.words();
        let mut h = [0u32; 5];
        for (i, w) in h.iter_mut().enumerate().take(n) {
            *w = word(b, i);
        }
        let num = word(b, n + 18) as usize;
        if num >= 64 {
            return Err(Error::invalid_argument(
                "corrupt MD5_CTX/SHA_CTX (num >= 64)",
            ));
        }
        let mut data = [0u8; 64];
        data.copy_from_slice(&b[4 * (n + 2)..4 * (n + 2) + 64]);
        Ok(Self {
            h,
            nl: word(b, n),
            nh: word(b, n + 1),
            data,
            num,
        })
    }

    fn store(&self, alg: Legacy, b: &mut [u8]) {
        let n = alg.words();
        let mut put = |i: usize, v: u32| b[4 * i..4 * i + 4].copy_from_slice(&v.to_ne_bytes());
        for (i, w) in self.h.iter().enumerate().take(n) {
            put(i, *w);
        }
        put(n, self.nl);
        put(n + 1, self.nh);
        put(n + 18, self.num as u32);
        b[4 * (n + 2)..4 * (n + 2) + 64].copy_from_slice(&self.data);
    }

    fn block(&mut self, alg: Legacy, block: &[u8]) {
        match alg {
            Legacy::Md5 => md5_block(&mut self.h, block),
            Legacy::Sha1 => sha1_block(&mut self.h, block),
        }
    }

    fn update(&mut self, alg: Legacy, mut data: &[u8]) {
        let bits = (data.len() as u64).wrapping_mul(8);
        let total = (u64::from(self.nh) << 32 | u64::from(self.nl)).wrapping_add(bits);
        (self.nl, self.nh) = (total as u32, (total >> 32) as u32);
        if self.num > 0 {
            let take = (64 - self.num).min(data.len());
            self.data[self.num..self.num + take].copy_from_slice(&data[..take]);
            self.num += take;
            data = &data[take..];
            if self.num < 64 {
                return;
            }
            let block = self.data;
            self.block(alg, &block);
            self.num = 0;
        }
        let mut chunks = data.chunks_exact(64);
        for c in &mut chunks {
            self.block(alg, c);
        }
        let rest = chunks.remainder();
        self.data[..rest.len()].copy_from_slice(rest);
        self.num = rest.len();
    }

    fn finish(mut self, alg: Legacy, out: &mut [u8]) {
        let len = u64::from(self.nh) << 32 | u64::from(self.nl);
        let len = match alg {
            Legacy::Md5 => len.to_le_bytes(),
            Legacy::Sha1 => len.to_be_bytes(),
        };
        let pad = if self.num < 56 {
            56 - self.num
        } else {
            120 - self.num
        };
        let mut tail = vec![0u8; pad];
        tail[0] = 0x80;
        let (nl, nh) = (self.nl, self.nh);
        self.update(alg, &tail);
        self.update(alg, &len);
        (self.nl, self.nh) = (nl, nh);
        for (i, w) in self.h.iter().take(alg.words()).enumerate() {
            let b = match alg {
                Legacy::Md5 => w.to_le_bytes(),
                Legacy::Sha1 => w.to_be_bytes(),
            };
            out[4 * i..4 * i + 4].copy_from_slice(&b);
        }
    }
}

fn md5_block(h: &mut [u32; 5], block: &[u8]) {
    let mut state = [h[0], h[1], h[2], h[3]];
    let mut b = [0u8; 64];
    b.copy_from_slice(&block[..64]);
    crate::crypto::md5::compress(&mut state, &b);
    h[..4].copy_from_slice(&state);
}

fn sha1_block(h: &mut [u32; 5], block: &[u8]) {
    let mut w = [0u32; 80];
    for i in 0..16 {
        w[i] = u32::from_be_bytes([
            block[4 * i],
            block[4 * i + 1],
            block[4 * i + 2],
            block[4 * i + 3],
        ]);
    }
    for i in 16..80 {
        w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
    }
    let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
    for (i, wi) in w.iter().enumerate() {
        let (f, k) = match i / 20 {
            0 => ((b & c) | (!b & d), 0x5A82_7999),
            1 => (b ^ c ^ d, 0x6ED9_EBA1),
            2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let t = a
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e)
            .wrapping_add(k)
            .wrapping_add(*wi);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e]) {
        *x = x.wrapping_add(v);
    }
}

/// `MD5_Init` / `SHA1_Init` on the caller's context bytes (`alg.ctx_size()`).
pub fn legacy_init(alg: Legacy, ctx: &mut [u8]) {
    let h = match alg {
        Legacy::Md5 => [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0],
        Legacy::Sha1 => [
            0x6745_2301,
            0xEFCD_AB89,
            0x98BA_DCFE,
            0x1032_5476,
            0xC3D2_E1F0,
        ],
    };
    LegacyState {
        h,
        nl: 0,
        nh: 0,
        data: [0; 64],
        num: 0,
    }
    .store(alg, ctx);
}

/// `MD5_Update` / `SHA1_Update`.
pub fn legacy_update(alg: Legacy, ctx: &mut [u8], data: &[u8]) -> Result<(), Error> {
    let mut st = LegacyState::load(alg, ctx)?;
    st.update(alg, data);
    st.store(alg, ctx);
    Ok(())
}

/// `MD5_Final` / `SHA1_Final`: writes `alg.out_len()` bytes to `out` and
/// wipes the context, as OpenSSL does.
pub fn legacy_final(alg: Legacy, ctx: &mut [u8], out: &mut [u8]) -> Result<(), Error> {
    let st = LegacyState::load(alg, ctx)?;
    st.finish(alg, out);
    ctx.fill(0);
    Ok(())
}

// ---------------------------------------------------------------------------
// Registry of objects owned by an SSL_CTX or SSL.

/// Objects C sees as owned by an `SSL_CTX` / `SSL` (get0 pointers), kept
/// until the owner is gone. `K` is the owner type.
struct Registry<K, V> {
    map: HashMap<usize, (Weak<K>, Arc<V>)>,
    prune_at: usize,
}

impl<K, V> Registry<K, V> {
    fn new() -> Self {
        Self {
            map: HashMap::new(),
            prune_at: 64,
        }
    }

    /// The entry of `owner`, made with `make` on first use.
    fn get_or_insert(&mut self, owner: &Arc<K>, make: impl FnOnce(Weak<K>) -> V) -> Arc<V> {
        let key = Arc::as_ptr(owner) as usize;
        if let Some((w, v)) = self.map.get(&key) {
            if w.strong_count() > 0 && std::ptr::eq(w.as_ptr(), Arc::as_ptr(owner)) {
                return v.clone();
            }
        }
        if self.map.len() >= self.prune_at {
            self.map.retain(|_, (w, _)| w.strong_count() > 0);
            self.prune_at = (self.map.len() * 2).max(64);
        }
        let weak = Arc::downgrade(owner);
        let v = Arc::new(make(weak.clone()));
        self.map.insert(key, (weak, v.clone()));
        v
    }
}

// ---------------------------------------------------------------------------
// X509_STORE: the trust store of a context, or a free-standing one.

pub const X509_V_FLAG_CRL_CHECK: c_ulong = 0x4;
pub const X509_V_FLAG_CRL_CHECK_ALL: c_ulong = 0x8;

enum Backing {
    /// `SSL_CTX_get_cert_store`: adds go to the context's trust roots.
    Context(Weak<ssl_ctx_st>),
    /// `X509_STORE_new`: certificates kept here.
    Own(Mutex<Vec<CertificateDer<'static>>>),
}

/// The X509_STORE handle.
pub struct x509_store_st {
    backing: Backing,
    flags: AtomicU64,
    /// `X509_STORE_get0_objects` results, kept as long as the store: the
    /// stack and the objects its elements point to.
    objects: Mutex<Vec<(Arc<stack_st>, Vec<Box<x509_object_st>>)>>,
}

impl x509_store_st {
    fn new(backing: Backing) -> Self {
        Self {
            backing,
            flags: AtomicU64::new(0),
            objects: Mutex::new(Vec::new()),
        }
    }

    fn certs(&self) -> Vec<CertificateDer<'static>> {
        match &self.backing {
            Backing::Context(w) => w
                .upgrade()
                .map(|c| c.settings().roots.certs.clone())
                .unwrap_or_default(),
            Backing::Own(c) => c.lock().clone(),
        }
    }
}
pub type X509_STORE = x509_store_st;

static STORES: LazyLock<Mutex<Registry<ssl_ctx_st, x509_store_st>>> =
    LazyLock::new(|| Mutex::new(Registry::new()));

/// SSL_CTX_get_cert_store returns `ctx`'s trust store (owned by `ctx`, not
/// to be freed): certificates added with `X509_STORE_add_cert` are trusted
/// by connections made afterwards, as after `SSL_CTX_load_verify_locations`.
/// NULL if `ctx` is NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_cert_store(ctx: *const SSL_CTX) -> *mut X509_STORE {
    ffi_boundary!("SSL_CTX_get_cert_store", {
        let ctx = ffi::clone_arc(ctx)?;
        let store = STORES
            .lock()
            .get_or_insert(&ctx, |w| x509_store_st::new(Backing::Context(w)));
        Ok(Arc::as_ptr(&store) as *mut X509_STORE)
    })
}

/// X509_STORE_new returns an empty store the caller frees with
/// `X509_STORE_free`.
#[no_mangle]
pub extern "C" fn X509_STORE_new() -> *mut X509_STORE {
    ffi::into_raw(Arc::new(x509_store_st::new(Backing::Own(Mutex::new(
        Vec::new(),
    )))))
}

/// X509_STORE_free frees a store from `X509_STORE_new`; NULL, and a
/// context's store (owned by its `SSL_CTX`), are left alone.
#[no_mangle]
pub extern "C" fn X509_STORE_free(store: *mut X509_STORE) {
    ffi_boundary!("X509_STORE_free", {
        if store.is_null() {
            return Ok(());
        }
        if let Backing::Own(_) = ffi::borrow(store)?.backing {
            ffi::release(store);
        }
        Ok(())
    })
}

/// Adds `der` to a root set unless present; false if it is not a usable
/// trust anchor.
fn add_root(roots: &Roots, der: &CertificateDer<'static>) -> Result<Option<Roots>, Error> {
    if roots.certs.iter().any(|c| c == der) {
        return Ok(None);
    }
    let anchor = webpki::anchor_from_trusted_cert(der)
        .map_err(|e| Error::new(ERR_LIB_X509, X509_R_CERT_PARSE_ERROR).data(&format!("{e:?}")))?
        .to_owned();
    let mut out = Roots {
        anchors: roots.anchors.clone(),
        certs: roots.certs.clone(),
    };
    out.anchors.push(anchor);
    out.certs.push(der.clone());
    Ok(Some(out))
}
const X509_R_CERT_PARSE_ERROR: c_int = 143;

/// X509_STORE_add_cert makes `x` a trust anchor of `store` (for a context's
/// store: of connections made from then on). `x` is copied, not taken.
/// Returns 1 (also if already present), or 0 on error.
#[no_mangle]
pub extern "C" fn X509_STORE_add_cert(store: *mut X509_STORE, x: *mut X509) -> c_int {
    ffi_boundary!("X509_STORE_add_cert", {
        let store = ffi::borrow(store)?;
        let der = ffi::borrow(x)?.der().clone();
        match &store.backing {
            Backing::Context(w) => {
                let ctx = w
                    .upgrade()
                    .ok_or_else(|| Error::internal("the store's SSL_CTX is gone"))?;
                let current = ctx.settings().roots.clone();
                if let Some(new) = add_root(&current, &der)? {
                    ctx.update(|s| s.roots = Arc::new(new));
                }
            }
            Backing::Own(certs) => {
                webpki::anchor_from_trusted_cert(&der).map_err(|e| {
                    Error::new(ERR_LIB_X509, X509_R_CERT_PARSE_ERROR).data(&format!("{e:?}"))
                })?;
                let mut certs = certs.lock();
                if !certs.contains(&der) {
                    certs.push(der);
                }
            }
        }
        Ok(1)
    })
}

/// X509_STORE_set_flags sets verification flags. Flags ferrossl cannot
/// honour and that would weaken verification if ignored (CRL checking) fail
/// with 0 and an error; others (X509_STRICT, PARTIAL_CHAIN, ...) match
/// rustls' behaviour already and return 1.
#[no_mangle]
pub extern "C" fn X509_STORE_set_flags(store: *mut X509_STORE, flags: c_ulong) -> c_int {
    ffi_boundary!("X509_STORE_set_flags", {
        let store = ffi::borrow(store)?;
        if flags & (X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL) != 0 {
            return Err(Error::unsupported("CRL checking (X509_V_FLAG_CRL_CHECK)"));
        }
        store.flags.fetch_or(flags as u64, Ordering::Relaxed);
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// X509_OBJECT and the store's object list (CPython's cert_store_stats and
// get_ca_certs walk it).

pub const X509_LU_NONE: c_int = 0;
pub const X509_LU_X509: c_int = 1;
pub const X509_LU_CRL: c_int = 2;

/// An X509_OBJECT: a certificate (CRLs are not supported), or nothing.
pub struct x509_object_st {
    cert: Mutex<Option<Arc<x509_st>>>,
}
pub type X509_OBJECT = x509_object_st;

/// X509_STORE_get0_objects returns the store's trusted certificates as a
/// `STACK_OF(X509_OBJECT)` owned by the store (valid as long as it). NULL if
/// `store` is NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_get0_objects(store: *mut X509_STORE) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_STORE_get0_objects", {
        let store = ffi::borrow(store)?;
        let certs = store.certs();
        let mut kept = store.objects.lock();
        let same = |objs: &Vec<Box<x509_object_st>>| {
            objs.len() == certs.len()
                && objs
                    .iter()
                    .zip(&certs)
                    .all(|(o, c)| o.cert.lock().as_ref().is_some_and(|x| x.der() == c))
        };
        if let Some((stack, _)) = kept.last().filter(|(_, objs)| same(objs)) {
            return Ok(Arc::as_ptr(stack) as *mut OPENSSL_STACK);
        }
        let objs: Vec<Box<x509_object_st>> = certs
            .iter()
            .filter_map(|c| x509_st::from_der(c).ok())
            .map(|x| {
                Box::new(x509_object_st {
                    cert: Mutex::new(Some(x)),
                })
            })
            .collect();
        let stack = Arc::new(stack_st::new(
            objs.iter()
                .map(|o| &**o as *const x509_object_st as *mut c_void)
                .collect(),
        ));
        let p = Arc::as_ptr(&stack) as *mut OPENSSL_STACK;
        kept.push((stack, objs));
        Ok(p)
    })
}

/// X509_STORE_lock returns 1: ferrossl's store synchronises itself.
#[no_mangle]
pub extern "C" fn X509_STORE_lock(store: *mut X509_STORE) -> c_int {
    c_int::from(!store.is_null())
}

/// X509_STORE_unlock returns 1 (see `X509_STORE_lock`).
#[no_mangle]
pub extern "C" fn X509_STORE_unlock(store: *mut X509_STORE) -> c_int {
    c_int::from(!store.is_null())
}

/// X509_OBJECT_new returns an empty object the caller frees with
/// `X509_OBJECT_free`.
#[no_mangle]
pub extern "C" fn X509_OBJECT_new() -> *mut X509_OBJECT {
    Box::into_raw(Box::new(x509_object_st {
        cert: Mutex::new(None),
    }))
}

/// X509_OBJECT_free frees an object from `X509_OBJECT_new` (and its
/// certificate reference); NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_OBJECT_free(a: *mut X509_OBJECT) {
    ffi::free_box(a)
}

/// X509_OBJECT_get_type returns X509_LU_X509 or X509_LU_NONE.
#[no_mangle]
pub extern "C" fn X509_OBJECT_get_type(a: *const X509_OBJECT) -> c_int {
    match ffi::borrow(a) {
        Ok(o) if o.cert.lock().is_some() => X509_LU_X509,
        _ => X509_LU_NONE,
    }
}

/// X509_OBJECT_get0_X509 returns the object's certificate (not a new
/// reference), or NULL.
#[no_mangle]
pub extern "C" fn X509_OBJECT_get0_X509(a: *const X509_OBJECT) -> *mut X509 {
    match ffi::borrow(a) {
        Ok(o) => o
            .cert
            .lock()
            .as_ref()
            .map_or(std::ptr::null_mut(), |x| Arc::as_ptr(x) as *mut X509),
        Err(_) => std::ptr::null_mut(),
    }
}

/// X509_OBJECT_set1_X509 makes `a` hold `obj` (taking a new reference).
/// Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_OBJECT_set1_X509(a: *mut X509_OBJECT, obj: *mut X509) -> c_int {
    ffi_boundary!("X509_OBJECT_set1_X509", {
        let o = ffi::borrow(a)?;
        *o.cert.lock() = Some(ffi::clone_arc(obj)?);
        Ok(1)
    })
}

/// X509_OBJECT_get0_X509_CRL returns NULL: ferrossl stores no CRLs.
#[no_mangle]
pub extern "C" fn X509_OBJECT_get0_X509_CRL(_a: *const X509_OBJECT) -> *mut c_void {
    std::ptr::null_mut()
}

/// X509_OBJECT_set1_X509_CRL is not supported (no CRLs): 0 and an error.
#[no_mangle]
pub extern "C" fn X509_OBJECT_set1_X509_CRL(_a: *mut X509_OBJECT, _obj: *mut c_void) -> c_int {
    ffi_boundary!("X509_OBJECT_set1_X509_CRL", {
        Err(Error::unsupported("CRLs (X509_OBJECT_set1_X509_CRL)"))
    })
}

// ---------------------------------------------------------------------------
// More of what CPython's _ssl imports.

/// SSL_CTX_get_default_passwd_cb returns the PEM password callback set with
/// `SSL_CTX_set_default_passwd_cb`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb(
    ctx: *mut SSL_CTX,
) -> crate::ssl::context::pem_password_cb {
    ffi::borrow(ctx).ok().and_then(|c| c.settings().passwd_cb.0)
}

/// SSL_CTX_get_default_passwd_cb_userdata returns the password callback's
/// argument, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void {
    ffi::borrow(ctx)
        .map(|c| c.settings().passwd_cb.1 .0)
        .unwrap_or(std::ptr::null_mut())
}

/// The cipher suites an `SSL` would offer: its overrides, else its
/// context's choice, else all of ferrossl's.
fn enabled_ciphers(ssl: &ssl_st) -> Vec<&'static SSL_CIPHER> {
    let ctx = ssl.ctx();
    let s = ctx.settings();
    let o = ssl.st.lock().overrides.clone();
    let mut out = Vec::new();
    for (chosen, tls13) in [
        (o.tls13_suites.as_ref().or(s.tls13_suites.as_ref()), true),
        (o.tls12_suites.as_ref().or(s.tls12_suites.as_ref()), false),
    ] {
        match chosen {
            Some(v) => out.extend(v.iter().filter_map(|c| ciphers::lookup(*c))),
            None => out.extend(
                ciphers::CIPHERS
                    .iter()
                    .filter(|c| matches!(c.suite, rustls::SupportedCipherSuite::Tls13(_)) == tls13),
            ),
        }
    }
    out
}

/// SSL_get_ciphers returns the cipher suites `ssl` may negotiate, TLS 1.3
/// first, as a `STACK_OF(SSL_CIPHER)` owned by `ssl`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_ciphers(ssl: *const SSL) -> *mut OPENSSL_STACK {
    ffi_boundary!("SSL_get_ciphers", {
        let ssl = ffi::borrow(ssl)?;
        let list = enabled_ciphers(ssl);
        let e = extras(ssl)?;
        let stack = Arc::new(stack_st::new(
            list.iter()
                .map(|c| *c as *const SSL_CIPHER as *mut c_void)
                .collect(),
        ));
        let p = Arc::as_ptr(&stack) as *mut OPENSSL_STACK;
        e.cipher_stacks.lock().push(stack);
        Ok(p)
    })
}

const NID_undef: c_int = 0;
const NID_aes_128_gcm: c_int = 895;
const NID_aes_256_gcm: c_int = 901;
const NID_chacha20_poly1305: c_int = 1018;
const NID_kx_ecdhe: c_int = 1038;
const NID_kx_any: c_int = 1063;
const NID_auth_rsa: c_int = 1046;
const NID_auth_ecdsa: c_int = 1047;
const NID_auth_any: c_int = 1055;

fn cipher_parts(c: *const SSL_CIPHER) -> Option<(&'static str, bool)> {
    let c: &SSL_CIPHER = ffi::borrow(c).ok()?;
    let c: &'static SSL_CIPHER = ciphers::lookup(c.suite)?;
    Some((
        c.name.to_str().ok()?,
        matches!(c.suite, rustls::SupportedCipherSuite::Tls13(_)),
    ))
}

/// SSL_CIPHER_get_cipher_nid returns the NID of the suite's record cipher
/// (aes-128-gcm, aes-256-gcm, chacha20-poly1305), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int {
    match cipher_parts(c) {
        Some((n, _)) if n.contains("CHACHA20") => NID_chacha20_poly1305,
        Some((n, _)) if n.contains("AES256") || n.contains("AES_256") => NID_aes_256_gcm,
        Some(_) => NID_aes_128_gcm,
        None => NID_undef,
    }
}

/// SSL_CIPHER_get_digest_nid returns NID_undef: every ferrossl suite is
/// AEAD, with no separate MAC digest (as OpenSSL answers for AEAD suites).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_digest_nid(_c: *const SSL_CIPHER) -> c_int {
    NID_undef
}

/// SSL_CIPHER_get_kx_nid returns NID_kx_ecdhe (TLS 1.2 suites) or NID_kx_any
/// (TLS 1.3), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int {
    match cipher_parts(c) {
        Some((_, true)) => NID_kx_any,
        Some((_, false)) => NID_kx_ecdhe,
        None => NID_undef,
    }
}

/// SSL_CIPHER_get_auth_nid returns NID_auth_rsa, NID_auth_ecdsa (TLS 1.2)
/// or NID_auth_any (TLS 1.3), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int {
    match cipher_parts(c) {
        Some((_, true)) => NID_auth_any,
        Some((n, false)) if n.contains("ECDSA") => NID_auth_ecdsa,
        Some(_) => NID_auth_rsa,
        None => NID_undef,
    }
}

/// SSL_CIPHER_is_aead returns 1: every ferrossl suite is AEAD (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int {
    c_int::from(!c.is_null())
}

/// SSL_CTX_set_keylog_callback sets (or with NULL clears) the callback that gets one
/// NSS key log line (`LABEL <client random> <secret>`, hex, no newline) for each secret
/// of every connection of `ctx` (SSLKEYLOGFILE-style debugging: Wireshark reads them).
/// It runs inside the handshake call; the `SSL` is busy then.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_keylog_callback(
    ctx: *mut SSL_CTX,
    cb: crate::ssl::context::SSL_CTX_keylog_cb_func,
) {
    ffi_boundary!("SSL_CTX_set_keylog_callback", {
        ffi::borrow(ctx)?.update(|s| s.keylog_cb = cb);
        Ok(())
    })
}

/// SSL_CTX_get_keylog_callback returns the key log callback of `ctx`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_keylog_callback(
    ctx: *const SSL_CTX,
) -> crate::ssl::context::SSL_CTX_keylog_cb_func {
    ffi_boundary!("SSL_CTX_get_keylog_callback", None, {
        Ok(ffi::borrow(ctx)?.settings().keylog_cb)
    })
}

/// The protocol message callback type (`SSL_CTX_set_msg_callback`).
pub type SSL_msg_cb =
    Option<extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void)>;

/// SSL_CTX_set_msg_callback: NULL is accepted; a callback is not supported
/// (rustls does not expose handshake messages) and queues an error.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: SSL_msg_cb) {
    ffi_boundary!("SSL_CTX_set_msg_callback", {
        ffi::borrow(ctx)?;
        match cb {
            Some(_) => Err(Error::unsupported("SSL_CTX_set_msg_callback")),
            None => Ok(()),
        }
    })
}

/// SSL_set_msg_callback: as `SSL_CTX_set_msg_callback`, for one connection.
#[no_mangle]
pub extern "C" fn SSL_set_msg_callback(ssl: *mut SSL, cb: SSL_msg_cb) {
    ffi_boundary!("SSL_set_msg_callback", {
        ffi::borrow(ssl)?;
        match cb {
            Some(_) => Err(Error::unsupported("SSL_set_msg_callback")),
            None => Ok(()),
        }
    })
}

/// SSL_set_read_ahead is accepted and ignored (rustls buffers records itself).
#[no_mangle]
pub extern "C" fn SSL_set_read_ahead(_ssl: *mut SSL, _yes: c_int) {}

/// SSL_set_post_handshake_auth is accepted and ignored: rustls clients do
/// not offer TLS 1.3 post-handshake authentication.
#[no_mangle]
pub extern "C" fn SSL_set_post_handshake_auth(_ssl: *mut SSL, _val: c_int) {}

/// SSL_verify_client_post_handshake is not supported: 0 and an error.
#[no_mangle]
pub extern "C" fn SSL_verify_client_post_handshake(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_verify_client_post_handshake", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_verify_client_post_handshake"))
    })
}

/// SSL_get0_verified_chain is not supported (the verifier does not keep the
/// built path): NULL and an error; `SSL_get_peer_cert_chain` has what the
/// peer sent.
#[no_mangle]
pub extern "C" fn SSL_get0_verified_chain(ssl: *const SSL) -> *mut OPENSSL_STACK {
    ffi_boundary!("SSL_get0_verified_chain", {
        ffi::borrow(ssl)?;
        Err(Error::unsupported("SSL_get0_verified_chain"))
    })
}

/// SSL_SESSION_get_id returns an empty session ID (`*len` = 0): rustls
/// sessions are resumed by ticket or by its own cache, never exposed by ID.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_id(
    s: *const crate::ssl::session::SSL_SESSION,
    len: *mut c_uint,
) -> *const u8 {
    ffi::write_out(len, 0);
    if s.is_null() {
        std::ptr::null()
    } else {
        c"".as_ptr() as *const u8
    }
}

/// SSL_SESSION_has_ticket returns 1 if the session can be resumed (rustls
/// client sessions are tickets or TLS 1.2 IDs it keeps), else 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_has_ticket(s: *const crate::ssl::session::SSL_SESSION) -> c_int {
    ffi::borrow(s)
        .map(|s| c_int::from(s.is_resumable()))
        .unwrap_or(0)
}

/// SSL_SESSION_get_ticket_lifetime_hint returns 0 (no hint recorded).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ticket_lifetime_hint(
    _s: *const crate::ssl::session::SSL_SESSION,
) -> c_ulong {
    0
}

/// SSL_SESSION_get_timeout returns 7200 seconds, OpenSSL's TLS 1.3 default.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_timeout(s: *const crate::ssl::session::SSL_SESSION) -> c_long {
    if s.is_null() {
        0
    } else {
        7200
    }
}

/// i2d_SSL_SESSION is not supported (sessions cannot be serialised): 0 and
/// an error.
#[no_mangle]
pub extern "C" fn i2d_SSL_SESSION(
    s: *const crate::ssl::session::SSL_SESSION,
    _pp: *mut *mut u8,
) -> c_int {
    ffi_boundary!("i2d_SSL_SESSION", {
        ffi::borrow(s)?;
        Err(Error::unsupported("i2d_SSL_SESSION"))
    })
}

/// d2i_SSL_SESSION is not supported: NULL and an error.
#[no_mangle]
pub extern "C" fn d2i_SSL_SESSION(
    _a: *mut *mut crate::ssl::session::SSL_SESSION,
    _pp: *mut *const u8,
    _length: c_long,
) -> *mut crate::ssl::session::SSL_SESSION {
    ffi_boundary!("d2i_SSL_SESSION", {
        Err(Error::unsupported("d2i_SSL_SESSION"))
    })
}

/// COMP_get_type returns NID_undef (there are no compression methods).
#[no_mangle]
pub extern "C" fn COMP_get_type(_meth: *const c_void) -> c_int {
    NID_undef
}

/// BIO_s_file is not supported (use `BIO_new_file`): NULL and an error.
#[no_mangle]
pub extern "C" fn BIO_s_file() -> *const c_void {
    ffi_boundary!("BIO_s_file", {
        Err(Error::unsupported("BIO_s_file (use BIO_new_file)"))
    })
}

/// BIO_new_fp is not supported (stdio streams): NULL and an error.
#[no_mangle]
pub extern "C" fn BIO_new_fp(_stream: *mut libc::FILE, _close_flag: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_fp", { Err(Error::unsupported("BIO_new_fp")) })
}

/// BIO_printf is not supported (a C variadic; no listed client needs it on
/// its paths): it returns -1 and queues an error. Declared with its fixed
/// parameters only, which the x86-64 and AArch64 calling conventions make
/// safe to call with extra arguments.
#[no_mangle]
pub extern "C" fn BIO_printf(bio: *mut BIO, _format: *const c_char) -> c_int {
    ffi_boundary!("BIO_printf", -1, {
        ffi::borrow(bio)?;
        Err(Error::unsupported("BIO_printf"))
    })
}

/// PEM_read_DHparams (from a stdio `FILE*`) is not supported: NULL and an
/// error. `PEM_read_bio_DHparams` works (parameters accepted and ignored).
#[no_mangle]
pub extern "C" fn PEM_read_DHparams(
    _fp: *mut libc::FILE,
    _x: *mut *mut DH,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut DH {
    ffi_boundary!("PEM_read_DHparams", {
        Err(Error::unsupported(
            "PEM_read_DHparams (use PEM_read_bio_DHparams)",
        ))
    })
}

// ---------------------------------------------------------------------------
// Stand-alone chain verification: not supported.

/// X509_STORE_CTX_new is not supported (verification outside a handshake):
/// NULL and an error.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_new() -> *mut X509_STORE_CTX {
    ffi_boundary!("X509_STORE_CTX_new", {
        Err(Error::unsupported("X509_STORE_CTX_new"))
    })
}

/// X509_STORE_CTX_free: no-op (`X509_STORE_CTX_new` never succeeds;
/// verify callbacks' contexts belong to the handshake).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_free(_ctx: *mut X509_STORE_CTX) {}

/// X509_STORE_CTX_init is not supported: 0 and an error.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_init(
    ctx: *mut X509_STORE_CTX,
    _store: *mut X509_STORE,
    _x509: *mut X509,
    _chain: *mut OPENSSL_STACK,
) -> c_int {
    ffi_boundary!("X509_STORE_CTX_init", {
        let _ = ctx;
        Err(Error::unsupported("X509_STORE_CTX_init"))
    })
}

/// X509_verify_cert is not supported: -1 and an error.
#[no_mangle]
pub extern "C" fn X509_verify_cert(_ctx: *mut X509_STORE_CTX) -> c_int {
    ffi_boundary!("X509_verify_cert", -1, {
        Err(Error::unsupported("X509_verify_cert"))
    })
}

/// X509_STORE_CTX_get0_param is not supported: NULL and an error.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_param(_ctx: *mut X509_STORE_CTX) -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("X509_STORE_CTX_get0_param", {
        Err(Error::unsupported("X509_STORE_CTX_get0_param"))
    })
}

// ---------------------------------------------------------------------------
// X509_VERIFY_PARAM of an SSL, and its peer chain.

/// Whose host name an `X509_VERIFY_PARAM` sets.
enum ParamOwner {
    /// `SSL_get0_param`: the `SSL` at this address (the parameter lives
    /// exactly as long as it).
    Ssl(Ptr),
    /// `SSL_CTX_get0_param`: the context's default verify host.
    Ctx(Weak<ssl_ctx_st>),
}

/// Verification parameters of an `SSL` or `SSL_CTX`: the host name lives in
/// the owner itself (as with `SSL_set1_host`); the rest is recorded.
pub struct x509_verify_param_st {
    owner: ParamOwner,
    hostflags: AtomicU32,
    purpose: AtomicI32,
    trust: AtomicI32,
    flags: AtomicU64,
}
pub type X509_VERIFY_PARAM = x509_verify_param_st;

impl x509_verify_param_st {
    fn new(owner: ParamOwner) -> Self {
        Self {
            owner,
            hostflags: AtomicU32::new(0),
            purpose: AtomicI32::new(0),
            trust: AtomicI32::new(0),
            flags: AtomicU64::new(0),
        }
    }

    fn set_host(&self, host: Option<String>) -> Result<(), Error> {
        match &self.owner {
            ParamOwner::Ssl(p) => ffi::borrow(p.0 as *const ssl_st)?.st.lock().host = host,
            ParamOwner::Ctx(w) => {
                let ctx = w
                    .upgrade()
                    .ok_or_else(|| Error::internal("the parameter's SSL_CTX is gone"))?;
                ctx.update(|s| s.verify_host = host);
            }
        }
        Ok(())
    }
}

/// What an `SSL` owns on the C side of this module.
struct SslExtras {
    param: x509_verify_param_st,
    /// Stacks handed out by `SSL_get_ciphers` (elements are static).
    cipher_stacks: Mutex<Vec<Arc<stack_st>>>,
}

/// `ssl`'s extras, made on first use and kept in the `SSL`'s `compat`
/// slot, so they are dropped with it.
fn extras(ssl: &ssl_st) -> Result<&SslExtras, Error> {
    let me = Ptr(ssl as *const ssl_st as *mut c_void);
    ssl.compat
        .get_or_init(|| {
            Box::new(SslExtras {
                param: x509_verify_param_st::new(ParamOwner::Ssl(me)),
                cipher_stacks: Mutex::new(Vec::new()),
            })
        })
        .downcast_ref::<SslExtras>()
        .ok_or_else(|| Error::internal("the SSL's compat slot holds something else"))
}

static CTX_PARAMS: LazyLock<Mutex<Registry<ssl_ctx_st, x509_verify_param_st>>> =
    LazyLock::new(|| Mutex::new(Registry::new()));

/// SSL_CTX_get0_param returns `ctx`'s verification parameters, owned by
/// `ctx`. `X509_VERIFY_PARAM_set1_host` on it sets the host name every
/// connection made from `ctx` afterwards must match. NULL if `ctx` is NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_param(ctx: *mut SSL_CTX) -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("SSL_CTX_get0_param", {
        let ctx = ffi::clone_arc(ctx)?;
        let p = CTX_PARAMS
            .lock()
            .get_or_insert(&ctx, |w| x509_verify_param_st::new(ParamOwner::Ctx(w)));
        Ok(Arc::as_ptr(&p) as *mut X509_VERIFY_PARAM)
    })
}

/// SSL_get0_param returns `ssl`'s verification parameters, owned by `ssl`.
/// `X509_VERIFY_PARAM_set1_host` on it sets the name the peer certificate
/// must match, exactly as `SSL_set1_host`. NULL if `ssl` is NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_param(ssl: *mut SSL) -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("SSL_get0_param", {
        let e = extras(ffi::borrow(ssl)?)?;
        Ok(&e.param as *const X509_VERIFY_PARAM as *mut X509_VERIFY_PARAM)
    })
}

/// X509_VERIFY_PARAM_set1_host sets the host name the peer certificate must
/// match (DNS name or IP address, RFC 6125 rules): `namelen` bytes of
/// `name`, or all of it if `namelen` is 0; NULL clears it. Returns 1, or 0
/// on error (a NUL inside the name).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_host(
    param: *mut X509_VERIFY_PARAM,
    name: *const c_char,
    namelen: usize,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set1_host", {
        let p = ffi::borrow(param)?;
        let host = if name.is_null() {
            None
        } else {
            let bytes = if namelen == 0 {
                ffi::cstr_bytes(name)?
            } else {
                ffi::slice_usize(name as *const u8, namelen)?
            };
            // OpenSSL drops one trailing NUL and rejects embedded ones.
            let bytes = bytes.strip_suffix(b"\0").unwrap_or(bytes);
            if bytes.contains(&0) {
                return Err(Error::invalid_argument("NUL in host name"));
            }
            let s = std::str::from_utf8(bytes)
                .map_err(|_| Error::invalid_argument("host name is not UTF-8"))?;
            (!s.is_empty()).then(|| s.to_owned())
        };
        p.set_host(host)?;
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set1_ip sets the IP address (4 or 16 bytes, network
/// order) the peer certificate must carry, replacing any host name. Returns
/// 1, or 0 for another length.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_ip(
    param: *mut X509_VERIFY_PARAM,
    ip: *const u8,
    iplen: usize,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set1_ip", {
        let p = ffi::borrow(param)?;
        let b = ffi::slice_usize(ip, iplen)?;
        let addr = match b.len() {
            4 => std::net::IpAddr::from(
                <[u8; 4]>::try_from(b).map_err(|_| Error::invalid_argument("IP length"))?,
            ),
            16 => std::net::IpAddr::from(
                <[u8; 16]>::try_from(b).map_err(|_| Error::invalid_argument("IP length"))?,
            ),
            _ => return Err(Error::invalid_argument("IP address must be 4 or 16 bytes")),
        };
        p.set_host(Some(addr.to_string()))?;
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set_flags adds verification flags; returns 1. CRL
/// checking flags cannot be honoured: 0 and an error (see
/// `X509_STORE_set_flags`).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_flags", {
        let p = ffi::borrow(param)?;
        if flags & (X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL) != 0 {
            return Err(Error::unsupported("CRL checking (X509_V_FLAG_CRL_CHECK)"));
        }
        p.flags.fetch_or(flags as u64, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_clear_flags removes verification flags; returns 1.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_clear_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_clear_flags", {
        ffi::borrow(param)?
            .flags
            .fetch_and(!(flags as u64), Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_get_flags returns the flags set, or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_flags(param: *const X509_VERIFY_PARAM) -> c_ulong {
    ffi::borrow(param)
        .map(|p| p.flags.load(Ordering::Relaxed) as c_ulong)
        .unwrap_or(0)
}

/// X509_VERIFY_PARAM_set_hostflags records `flags`. ferrossl always matches
/// as RFC 6125 asks (`X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`, subject CN
/// never consulted), which is what the common flags request.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_hostflags(param: *mut X509_VERIFY_PARAM, flags: c_uint) {
    if let Ok(p) = ffi::borrow(param) {
        p.hostflags.store(flags, Ordering::Relaxed);
    }
}

/// X509_VERIFY_PARAM_set_purpose records `purpose` (X509_PURPOSE_SSL_CLIENT
/// .. X509_PURPOSE_TIMESTAMP_SIGN, 1..=9) and returns 1, else 0. Handshake
/// verification checks the TLS purpose of the peer's role regardless.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_purpose(
    param: *mut X509_VERIFY_PARAM,
    purpose: c_int,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_purpose", {
        let p = ffi::borrow(param)?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID));
        }
        p.purpose.store(purpose, Ordering::Relaxed);
        Ok(1)
    })
}
const X509_R_UNKNOWN_PURPOSE_ID: c_int = 121;
const X509_R_UNKNOWN_TRUST_ID: c_int = 120;

/// X509_VERIFY_PARAM_set_trust records `trust` (X509_TRUST_COMPAT ..
/// X509_TRUST_TSA, 1..=8) and returns 1, else 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_trust(
    param: *mut X509_VERIFY_PARAM,
    trust: c_int,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_trust", {
        let p = ffi::borrow(param)?;
        if !(1..=8).contains(&trust) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_TRUST_ID));
        }
        p.trust.store(trust, Ordering::Relaxed);
        Ok(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_next_proto_openssl_semantics() {
        let server = b"\x02h2\x08http/1.1";
        // First server protocol the client lists wins, in server order.
        assert_eq!(
            select_next_proto(server, b"\x08http/1.1\x02h2"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(1, 2))
        );
        assert_eq!(
            select_next_proto(server, b"\x08http/1.1"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(4, 8))
        );
        // No overlap: the client's first protocol.
        assert_eq!(
            select_next_proto(server, b"\x03foo\x03bar"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 3))
        );
        // Empty or malformed client list: nothing (CVE-2024-5535 fix).
        assert_eq!(
            select_next_proto(server, b""),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        assert_eq!(
            select_next_proto(server, b"\x05ab"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        assert_eq!(
            select_next_proto(server, b"\x00\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        // Empty server list / empty server entries / trailing garbage.
        assert_eq!(
            select_next_proto(b"", b"\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 2))
        );
        assert_eq!(
            select_next_proto(b"\x00\x02h2\x09xx", b"\x02h2"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(2, 2))
        );
        // An empty client entry does not end the client list (OpenSSL 3.0.22).
        assert_eq!(
            select_next_proto(b"\x03foo", b"\x02h2\x00\x03foo"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(1, 3))
        );
        // A prefix is not a match.
        assert_eq!(
            select_next_proto(b"\x01h", b"\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 2))
        );
    }

    #[test]
    fn cipher_descriptions_match_openssl_ciphers_v() {
        assert_eq!(
            cipher_description("TLS_AES_256_GCM_SHA384", true),
            "TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(256)            Mac=AEAD\n"
        );
        assert_eq!(
            cipher_description("ECDHE-RSA-CHACHA20-POLY1305", false),
            "ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
        assert_eq!(
            cipher_description("ECDHE-ECDSA-AES128-GCM-SHA256", false),
            "ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(128)            Mac=AEAD\n"
        );
    }

    #[test]
    fn builtin_curves_sizes_and_fills() {
        assert_eq!(EC_get_builtin_curves(std::ptr::null_mut(), 0), 2);
        let mut v = [
            EC_builtin_curve {
                nid: 0,
                comment: std::ptr::null(),
            },
            EC_builtin_curve {
                nid: 0,
                comment: std::ptr::null(),
            },
        ];
        assert_eq!(EC_get_builtin_curves(v.as_mut_ptr(), 1), 2);
        assert_eq!((v[0].nid, v[1].nid), (NID_secp384r1, 0));
    }

    #[test]
    fn bignum_hex_and_dh_ownership() {
        let p = BN_bin2bn([0u8, 0, 0x0a, 0xbc].as_ptr(), 4, std::ptr::null_mut());
        let g = BN_bin2bn([2u8].as_ptr(), 1, std::ptr::null_mut());
        let hex = BN_bn2hex(p);
        assert_eq!(ffi::cstr(hex).unwrap(), "0ABC");
        ffi::free(hex as *mut c_void);
        let dh = DH_new();
        assert_eq!(
            DH_set0_pqg(dh, std::ptr::null_mut(), std::ptr::null_mut(), g),
            0
        );
        assert_eq!(DH_set0_pqg(dh, p, std::ptr::null_mut(), g), 1);
        DH_free(dh); // frees p and g
    }

    fn legacy_hex(alg: Legacy, chunks: &[&[u8]]) -> String {
        let mut ctx = vec![0xAAu8; alg.ctx_size()];
        legacy_init(alg, &mut ctx);
        for c in chunks {
            legacy_update(alg, &mut ctx, c).unwrap();
        }
        let mut out = vec![0u8; alg.out_len()];
        legacy_final(alg, &mut ctx, &mut out).unwrap();
        out.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn legacy_digests_match_published_vectors() {
        // RFC 1321 appendix A.5
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b""]),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b"abc"]),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b"message ", b"digest"]),
            "f96b697d7cb7938d525a2f31aaf161d0"
        );
        let digits =
            b"12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(
            legacy_hex(Legacy::Md5, &[digits]),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[&digits[..3], &digits[3..70], &digits[70..]]),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        // FIPS 180-2 appendix A
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[b""]),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[b"abc"]),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        let two = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[&two[..55], &two[55..]]),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[&million[..1], &million[1..]]),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
    }

    #[test]
    fn legacy_context_layout_is_openssls() {
        assert_eq!((Legacy::Md5.ctx_size(), Legacy::Sha1.ctx_size()), (92, 96));
        let mut ctx = [0u8; 96];
        legacy_init(Legacy::Sha1, &mut ctx);
        assert_eq!(word(&ctx, 0), 0x6745_2301); // h0 at offset 0
        legacy_update(Legacy::Sha1, &mut ctx, b"abc").unwrap();
        assert_eq!((word(&ctx, 5), word(&ctx, 6), word(&ctx, 23)), (24, 0, 3)); // Nl, Nh, num
        ctx[92] = 64; // corrupt num: rejected, not trusted
        assert!(legacy_update(Legacy::Sha1, &mut ctx, b"x").is_err());
    }
}
