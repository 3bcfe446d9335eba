//! `ssl.h`: `SSL_CTX`: the methods, context settings, certificates and keys, trust roots, callbacks.

use crate::abi::reasons::SSL_R_UNKNOWN_CMD_NAME;
use crate::crypto::err::Error;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};
use crate::crypto::x509::{x509_st, X509};
use crate::entry::{CRYPTO_get_ex_new_index, SSL_msg_cb, DH};
use crate::ffi::{self, Ptr};
use crate::ssl::connection::SSL;
use crate::ssl::context::{
    self, pem_password_cb, ssl_ctx_st, ssl_method_st, SSL_CTX_alpn_select_cb_func,
    SSL_servername_cb, SSL_verify_cb, SSL_CTX, SSL_METHOD,
};
use crate::ssl::params::{x509_verify_param_st, ParamOwner, CTX_PARAMS, X509_VERIFY_PARAM};
use crate::ssl::session::{GetSessionCb, NewSessionCb, RemoveSessionCb, SSL_SESSION};
use crate::ssl::store::{x509_store_st, Backing, STORES, X509_STORE};
use crate::ssl::verify::X509_STORE_CTX;
use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// TLS_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLS_method() -> *const SSL_METHOD {
    &context::TLS_METHOD
}

/// TLS_client_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLS_client_method() -> *const SSL_METHOD {
    &context::TLS_CLIENT_METHOD
}

/// TLS_server_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLS_server_method() -> *const SSL_METHOD {
    &context::TLS_SERVER_METHOD
}

/// SSLv23_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn SSLv23_method() -> *const SSL_METHOD {
    &context::TLS_METHOD
}

/// SSLv23_client_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn SSLv23_client_method() -> *const SSL_METHOD {
    &context::TLS_CLIENT_METHOD
}

/// SSLv23_server_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn SSLv23_server_method() -> *const SSL_METHOD {
    &context::TLS_SERVER_METHOD
}

/// TLSv1_2_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_2_method() -> *const SSL_METHOD {
    &context::TLS1_2_METHOD
}

/// TLSv1_2_client_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_2_client_method() -> *const SSL_METHOD {
    &context::TLS1_2_CLIENT_METHOD
}

/// TLSv1_2_server_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_2_server_method() -> *const SSL_METHOD {
    &context::TLS1_2_SERVER_METHOD
}

/// TLSv1_1_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_1_method() -> *const SSL_METHOD {
    &context::TLS1_1_METHOD
}

/// TLSv1_1_client_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_1_client_method() -> *const SSL_METHOD {
    &context::TLS1_1_CLIENT_METHOD
}

/// TLSv1_1_server_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_1_server_method() -> *const SSL_METHOD {
    &context::TLS1_1_SERVER_METHOD
}

/// TLSv1_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_method() -> *const SSL_METHOD {
    &context::TLS1_METHOD
}

/// TLSv1_client_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_client_method() -> *const SSL_METHOD {
    &context::TLS1_CLIENT_METHOD
}

/// TLSv1_server_method returns a static SSL_METHOD.
#[no_mangle]
pub extern "C" fn TLSv1_server_method() -> *const SSL_METHOD {
    &context::TLS1_SERVER_METHOD
}

/// SSL_CTX_new makes a context for `method`; NULL on error. The caller
/// owns one reference (SSL_CTX_free).
#[no_mangle]
pub extern "C" fn SSL_CTX_new(method: *const SSL_METHOD) -> *mut SSL_CTX {
    ffi_boundary!("SSL_CTX_new", {
        let m: &'static ssl_method_st = ffi::borrow(method)?;
        Ok(ffi::into_raw(ssl_ctx_st::new(m)?))
    })
}

/// SSL_CTX_new_ex is SSL_CTX_new; the library context and properties are ignored.
#[no_mangle]
pub extern "C" fn SSL_CTX_new_ex(
    _libctx: *mut c_void,
    _propq: *const c_char,
    method: *const SSL_METHOD,
) -> *mut SSL_CTX {
    SSL_CTX_new(method)
}

/// SSL_CTX_free drops one reference (NULL: no-op).
#[no_mangle]
pub extern "C" fn SSL_CTX_free(ctx: *mut SSL_CTX) {
    ffi_boundary!("SSL_CTX_free", {
        ffi::release(ctx);
        Ok(())
    })
}

/// SSL_CTX_up_ref adds a reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_up_ref(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_up_ref", { ffi::up_ref(ctx) })
}

/// SSL_CTX_get_options returns the option bits.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_options(ctx: *const SSL_CTX) -> u64 {
    ffi_boundary!("SSL_CTX_get_options", {
        Ok(ffi::borrow(ctx)?.settings().options)
    })
}

/// SSL_CTX_set_options ORs `op` into the options and returns the result.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    ffi_boundary!("SSL_CTX_set_options", {
        Ok(ffi::borrow(ctx)?.update(|s| {
            s.options |= crate::ssl::context::options_to_set(op);
            s.options
        }))
    })
}

/// SSL_CTX_clear_options clears `op` and returns the result.
#[no_mangle]
pub extern "C" fn SSL_CTX_clear_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    ffi_boundary!("SSL_CTX_clear_options", {
        Ok(ffi::borrow(ctx)?.update(|s| {
            s.options &= !op;
            s.options
        }))
    })
}

/// SSL_CTX_set_verify sets the verify mode (SSL_VERIFY_*) and callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify(ctx: *mut SSL_CTX, mode: c_int, cb: SSL_verify_cb) {
    ffi_boundary!("SSL_CTX_set_verify", {
        ffi::borrow(ctx)?.update(|s| {
            s.verify_mode = mode;
            s.verify_cb = cb;
        });
        Ok(())
    })
}

/// SSL_CTX_set_verify_depth limits the chain length verified.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify_depth(ctx: *mut SSL_CTX, depth: c_int) {
    ffi_boundary!("SSL_CTX_set_verify_depth", {
        ffi::borrow(ctx)?.update(|s| s.verify_depth = depth);
        Ok(())
    })
}

/// SSL_CTX_get_verify_mode returns the verify mode.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_mode(ctx: *const SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_get_verify_mode", {
        Ok(ffi::borrow(ctx)?.settings().verify_mode)
    })
}

/// SSL_CTX_get_verify_depth returns the verify depth.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_depth(ctx: *const SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_get_verify_depth", {
        Ok(ffi::borrow(ctx)?.settings().verify_depth)
    })
}

/// SSL_CTX_get_verify_callback returns the verify callback (NULL if none).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SSL_verify_cb {
    ffi_boundary!("SSL_CTX_get_verify_callback", None, {
        Ok(ffi::borrow(ctx)?.settings().verify_cb)
    })
}

fn opt_path<'a>(p: *const c_char) -> Result<Option<&'a str>, Error> {
    if p.is_null() {
        Ok(None)
    } else {
        ffi::cstr(p).map(Some)
    }
}

/// SSL_CTX_load_verify_locations adds the PEM certificates of `file` and of
/// every file in `dir` to the trusted roots. 1 on success, 0 on error (a
/// missing file, or no certificate in `file`).
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_locations(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    dir: *const c_char,
) -> c_int {
    ffi_boundary!("SSL_CTX_load_verify_locations", {
        let ctx = ffi::borrow(ctx)?;
        let (file, dir) = (opt_path(file)?, opt_path(dir)?);
        if file.is_none() && dir.is_none() {
            return Err(Error::null_pointer());
        }
        let roots = context::load_roots(&ctx.settings().roots, file, dir)?;
        ctx.update(|s| s.roots = Arc::new(roots));
        Ok(1)
    })
}

/// SSL_CTX_load_verify_file adds the certificates of `file` to the roots.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_file(ctx: *mut SSL_CTX, file: *const c_char) -> c_int {
    SSL_CTX_load_verify_locations(ctx, file, std::ptr::null())
}

/// SSL_CTX_load_verify_dir adds the certificates in `dir` to the roots.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_dir(ctx: *mut SSL_CTX, dir: *const c_char) -> c_int {
    SSL_CTX_load_verify_locations(ctx, std::ptr::null(), dir)
}

fn add_system_roots(ctx: *mut SSL_CTX) -> Result<c_int, Error> {
    let ctx = ffi::borrow(ctx)?;
    let sys = context::system_roots();
    let merged = context::merge_roots(&ctx.settings().roots, &sys);
    ctx.update(|s| s.roots = Arc::new(merged));
    Ok(1)
}

/// SSL_CTX_set_default_verify_paths adds the system roots (SSL_CERT_FILE,
/// SSL_CERT_DIR, else the platform bundle). Returns 1, also offline.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_paths(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_set_default_verify_paths", {
        add_system_roots(ctx)
    })
}

/// SSL_CTX_set_default_verify_dir adds the system roots; returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_dir(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_set_default_verify_dir", { add_system_roots(ctx) })
}

/// SSL_CTX_set_default_verify_store adds the system roots (OpenSSL's
/// default store is its certificate directory); returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_store(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_set_default_verify_store", {
        add_system_roots(ctx)
    })
}

/// SSL_CTX_set_default_verify_file adds the system roots; returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_file(ctx: *mut SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_set_default_verify_file", { add_system_roots(ctx) })
}

/// SSL_CTX_use_certificate_chain_file loads a PEM leaf and its chain.
/// 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_chain_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
) -> c_int {
    ffi_boundary!("SSL_CTX_use_certificate_chain_file", {
        let ctx = ffi::borrow(ctx)?;
        let chain = crate::crypto::pkey::chain_from_file(ffi::cstr(file)?)?;
        ctx.update(|s| s.identity.set_chain(chain))?;
        Ok(1)
    })
}

/// SSL_CTX_use_certificate_file loads the leaf certificate from a PEM or
/// DER (`type`) file. 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("SSL_CTX_use_certificate_file", {
        let ctx = ffi::borrow(ctx)?;
        let cert = crate::crypto::pkey::leaf_from_file(ffi::cstr(file)?, r#type)?;
        ctx.update(|s| s.identity.set_leaf(cert))?;
        Ok(1)
    })
}

/// SSL_CTX_use_certificate sets the leaf certificate (the context takes
/// its own reference). 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    ffi_boundary!("SSL_CTX_use_certificate", {
        let ctx = ffi::borrow(ctx)?;
        let x: Arc<x509_st> = ffi::clone_arc(x)?;
        ctx.update(|s| s.identity.set_leaf_x509(x.clone()))?;
        Ok(1)
    })
}

/// SSL_CTX_use_certificate_ASN1 sets the leaf from `len` DER bytes.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_ASN1(
    ctx: *mut SSL_CTX,
    len: c_int,
    d: *const u8,
) -> c_int {
    ffi_boundary!("SSL_CTX_use_certificate_ASN1", {
        let ctx = ffi::borrow(ctx)?;
        let x = x509_st::from_der(ffi::slice(d, len)?)?;
        ctx.update(|s| s.identity.set_leaf(x.der().clone()))?;
        Ok(1)
    })
}

/// SSL_CTX_add_extra_chain_cert appends `x` to the chain sent after the
/// leaf, taking ownership of `x` on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_extra_chain_cert(ctx: *mut SSL_CTX, x: *mut X509) -> c_long {
    ffi_boundary!("SSL_CTX_add_extra_chain_cert", {
        let ctx = ffi::borrow(ctx)?;
        let der = ffi::borrow(x)?.der().clone();
        ctx.update(|s| s.identity.add_chain_cert(der));
        ffi::release(x);
        Ok(1)
    })
}

/// SSL_CTX_use_PrivateKey_file loads the private key (PKCS#8, SEC1 or
/// PKCS#1; PEM or DER). Fails with "key values mismatch" when it does not
/// match the certificate. 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("SSL_CTX_use_PrivateKey_file", {
        let ctx = ffi::borrow(ctx)?;
        let (cb, u) = ctx.settings().passwd_cb;
        let key = evp_pkey_st::from_file_with(ffi::cstr(file)?, r#type, &mut || {
            crate::entry::crypto::pem::password(cb, u.0, 0)
        })?;
        ctx.update(|s| s.identity.set_key(key))?;
        Ok(1)
    })
}

/// SSL_CTX_use_RSAPrivateKey_file is SSL_CTX_use_PrivateKey_file.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    SSL_CTX_use_PrivateKey_file(ctx, file, r#type)
}

/// SSL_CTX_use_PrivateKey sets the private key (the context takes its own
/// reference). 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey(ctx: *mut SSL_CTX, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("SSL_CTX_use_PrivateKey", {
        let ctx = ffi::borrow(ctx)?;
        let key = ffi::clone_arc(pkey)?;
        ctx.update(|s| s.identity.set_key(key))?;
        Ok(1)
    })
}

/// SSL_CTX_use_PrivateKey_ASN1 sets the key from `len` DER bytes.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_ASN1(
    _pk: c_int,
    ctx: *mut SSL_CTX,
    d: *const u8,
    len: c_long,
) -> c_int {
    ffi_boundary!("SSL_CTX_use_PrivateKey_ASN1", {
        let ctx = ffi::borrow(ctx)?;
        let len = c_int::try_from(len).map_err(|_| Error::invalid_argument("length"))?;
        let key = evp_pkey_st::from_der_bytes(ffi::slice(d, len)?)?;
        ctx.update(|s| s.identity.set_key(key))?;
        Ok(1)
    })
}

/// SSL_CTX_check_private_key checks that certificate and key are set and
/// match. 1 if so, else 0 with the reason queued.
#[no_mangle]
pub extern "C" fn SSL_CTX_check_private_key(ctx: *const SSL_CTX) -> c_int {
    ffi_boundary!("SSL_CTX_check_private_key", {
        ffi::borrow(ctx)?.settings().identity.check()?;
        Ok(1)
    })
}

/// SSL_CTX_get0_certificate returns the leaf certificate (owned by `ctx`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_certificate(ctx: *const SSL_CTX) -> *mut X509 {
    ffi_boundary!("SSL_CTX_get0_certificate", {
        let ctx = ffi::borrow(ctx)?;
        let leaf = ctx.settings().identity.leaf.clone();
        // The context keeps the object alive (get0).
        Ok(leaf
            .map(|x| Arc::as_ptr(&x) as *mut X509)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_CTX_set_cipher_list sets the TLS 1.2 suites from an OpenSSL cipher
/// string. 1 if at least one usable suite matched, else 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cipher_list(ctx: *mut SSL_CTX, s: *const c_char) -> c_int {
    ffi_boundary!("SSL_CTX_set_cipher_list", {
        let ctx = ffi::borrow(ctx)?;
        let list = crate::ssl::ciphers::parse_tls12(ffi::cstr(s)?)?;
        ctx.update(|st| st.tls12_suites = Some(list));
        Ok(1)
    })
}

/// SSL_CTX_set_ciphersuites sets the TLS 1.3 suites (colon-separated
/// names; unknown names are ignored). 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ciphersuites(ctx: *mut SSL_CTX, s: *const c_char) -> c_int {
    ffi_boundary!("SSL_CTX_set_ciphersuites", {
        let ctx = ffi::borrow(ctx)?;
        let list = crate::ssl::ciphers::parse_tls13(ffi::cstr(s)?)?;
        ctx.update(|st| st.tls13_suites = Some(list));
        Ok(1)
    })
}

/// SSL_CTX_set_alpn_protos sets the client's ALPN list (wire format).
/// Returns 0 on success and 1 on error (OpenSSL's inverted convention).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_protos(
    ctx: *mut SSL_CTX,
    protos: *const u8,
    len: c_uint,
) -> c_int {
    ffi_boundary!("SSL_CTX_set_alpn_protos", 1, {
        let ctx = ffi::borrow(ctx)?;
        let len = c_int::try_from(len).map_err(|_| Error::invalid_argument("length"))?;
        let list = context::parse_alpn(ffi::slice(protos, len)?)
            .ok_or_else(|| Error::invalid_argument("bad ALPN list"))?;
        ctx.update(|s| s.alpn = list);
        Ok(0)
    })
}

/// SSL_CTX_set_alpn_select_cb sets the server's ALPN selection callback.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_alpn_select_cb(
    ctx: *mut SSL_CTX,
    cb: SSL_CTX_alpn_select_cb_func,
    arg: *mut c_void,
) {
    ffi_boundary!("SSL_CTX_set_alpn_select_cb", {
        ffi::borrow(ctx)?.update(|s| s.alpn_select = (cb, Ptr(arg)));
        Ok(())
    })
}

/// SSL_CTX_set_default_passwd_cb sets the password callback
/// `SSL_CTX_use_PrivateKey_file` and `SSL_use_PrivateKey_file` use for an
/// encrypted key.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: pem_password_cb) {
    ffi_boundary!("SSL_CTX_set_default_passwd_cb", {
        ffi::borrow(ctx)?.update(|s| {
            s.passwd_cb.0 = cb;
        });
        Ok(())
    })
}

/// SSL_CTX_set_default_passwd_cb_userdata sets the password callback's argument.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void) {
    ffi_boundary!("SSL_CTX_set_default_passwd_cb_userdata", {
        ffi::borrow(ctx)?.update(|s| {
            s.passwd_cb.1 = Ptr(u);
        });
        Ok(())
    })
}

/// SSL_CTX_set_ex_data stores `data` in slot `idx`; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ex_data(ctx: *mut SSL_CTX, idx: c_int, data: *mut c_void) -> c_int {
    ffi_boundary!("SSL_CTX_set_ex_data", {
        Ok(ffi::borrow(ctx)?.ex_data.set(idx, data) as c_int)
    })
}

/// SSL_CTX_get_ex_data returns slot `idx` (NULL if unset).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ex_data(ctx: *const SSL_CTX, idx: c_int) -> *mut c_void {
    ffi_boundary!("SSL_CTX_get_ex_data", {
        Ok(ffi::borrow(ctx)?.ex_data.get(idx))
    })
}

/// SSL_CTX_set_session_id_context is accepted and ignored (sessions are
/// resumed by ticket); returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_id_context(
    ctx: *mut SSL_CTX,
    _sid: *const u8,
    len: c_uint,
) -> c_int {
    ffi_boundary!("SSL_CTX_set_session_id_context", {
        ffi::borrow(ctx)?;
        if len > 32 {
            return Err(Error::ssl(273)); // SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG
        }
        Ok(1)
    })
}

/// SSL_CTX_set_num_tickets sets how many TLS 1.3 tickets a server sends; 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_num_tickets(ctx: *mut SSL_CTX, n: usize) -> c_int {
    ffi_boundary!("SSL_CTX_set_num_tickets", {
        ffi::borrow(ctx)?.update(|s| s.num_tickets = n);
        Ok(1)
    })
}

/// SSL_CTX_get_num_tickets returns the number of tickets a server sends.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_num_tickets(ctx: *const SSL_CTX) -> usize {
    ffi_boundary!("SSL_CTX_get_num_tickets", {
        Ok(ffi::borrow(ctx)?.settings().num_tickets)
    })
}

/// SSL_CTX_set_timeout sets the lifetime of the sessions made from now on
/// (seconds); returns the old value, or 0 for a NULL context.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_timeout(ctx: *mut SSL_CTX, t: c_long) -> c_long {
    ffi_boundary!("SSL_CTX_set_timeout", {
        if ctx.is_null() {
            return Ok(0);
        }
        let c = ffi::borrow(ctx)?;
        Ok(c.sessions.timeout.swap(t, Ordering::Relaxed) as c_long)
    })
}

/// SSL_CTX_get_timeout returns the session lifetime in seconds (7200 by
/// default), or 0 for a NULL context.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_timeout(ctx: *const SSL_CTX) -> c_long {
    ffi_boundary!("SSL_CTX_get_timeout", {
        if ctx.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(ctx)?.sessions.timeout() as c_long)
    })
}

/// SSL_CTX_set_security_level is accepted and ignored (rustls offers no weak algorithms).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_level(_ctx: *mut SSL_CTX, _level: c_int) {}

/// SSL_CTX_get_security_level returns 2.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_level(_ctx: *const SSL_CTX) -> c_int {
    2
}

/// SSL_CTX_set_post_handshake_auth is accepted and ignored.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_post_handshake_auth(_ctx: *mut SSL_CTX, _val: c_int) {}

/// SSL_CTX_set_info_callback is accepted; the callback is never called.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_info_callback(_ctx: *mut SSL_CTX, _cb: *mut c_void) {}

/// SSL_CTX_ctrl runs a context control command (the target of macros such
/// as SSL_CTX_set_mode, SSL_CTX_set_min_proto_version,
/// SSL_CTX_set1_groups_list). Unknown commands return 0 with an error.
#[no_mangle]
pub extern "C" fn SSL_CTX_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    ffi_boundary!("SSL_CTX_ctrl", {
        crate::entry::ctrl::ctx_ctrl(ffi::borrow(ctx)?, cmd, larg, parg)
    })
}

/// SSL_CTX_callback_ctrl sets a callback by control command (53: the
/// servername callback; 63: the OCSP status callback,
/// SSL_CTX_set_tlsext_status_cb). Unknown commands return 0 with an error.
#[no_mangle]
pub extern "C" fn SSL_CTX_callback_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    fp: Option<unsafe extern "C" fn()>,
) -> c_long {
    ffi_boundary!("SSL_CTX_callback_ctrl", {
        let ctx = ffi::borrow(ctx)?;
        match cmd {
            crate::abi::consts::SSL_CTRL_SET_TLSEXT_SERVERNAME_CB => {
                let cb: SSL_servername_cb = fp.map(ffi::cast_fn);
                ctx.update(|s| s.servername_cb = cb);
                Ok(1)
            }
            crate::abi::consts::SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB => {
                let cb: crate::ssl::context::SSL_tlsext_status_cb = fp.map(ffi::cast_fn);
                ctx.update(|s| s.status_cb = cb);
                Ok(1)
            }
            _ => Err(Error::ssl(SSL_R_UNKNOWN_CMD_NAME)
                .data(&format!("SSL_CTX_callback_ctrl command {cmd}"))),
        }
    })
}

/// SSL_CTX_set_tlsext_servername_callback: as the macro of that name.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_servername_callback(
    ctx: *mut SSL_CTX,
    cb: SSL_servername_cb,
) -> c_long {
    ffi_boundary!("SSL_CTX_set_tlsext_servername_callback", {
        ffi::borrow(ctx)?.update(|s| s.servername_cb = cb);
        Ok(1)
    })
}

/// SSL_CTX_set_client_CA_list takes ownership of `list`, a
/// STACK_OF(X509_NAME), and sends those names in the server's certificate
/// request. NULL clears the list.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_CA_list(
    ctx: *mut SSL_CTX,
    list: *mut crate::crypto::stack::OPENSSL_STACK,
) {
    ffi_boundary!("SSL_CTX_set_client_CA_list", {
        let ctx = ffi::borrow(ctx)?;
        let mut names = Vec::new();
        let mut kept = Vec::new();
        if let Some(stack) = ffi::take_arc(list) {
            for p in stack.to_vec() {
                let name = ffi::take_arc(p as *const crate::crypto::x509::X509_NAME);
                if let Some(n) = name {
                    names.push(rustls::DistinguishedName::from(n.der().to_vec()));
                    kept.push(n);
                }
            }
        }
        ctx.update(|s| s.client_ca_names = names);
        *ctx.client_ca_list.lock() = Some(crate::crypto::stack::NameStack::new(kept));
        Ok(())
    })
}

/// SSL_CTX_set_tmp_dh_callback is accepted and ignored: rustls does no
/// finite-field DH, so there are no DH parameters to choose.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(
    _ctx: *mut SSL_CTX,
    _cb: Option<unsafe extern "C" fn(*mut SSL, c_int, c_int) -> *mut DH>,
) {
}

/// SSL_CTX_set_cert_verify_callback is not supported: a callback replacing
/// chain verification cannot be honoured, so a non-NULL `cb` queues an error
/// and verification stays ferrossl's own (`SSL_CTX_set_verify` callbacks
/// work). NULL is accepted (the default).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_verify_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int>,
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

// ---------------------------------------------------------------------------
// More of what CPython's _ssl imports.

/// SSL_CTX_get_default_passwd_cb returns the PEM password callback set with
/// `SSL_CTX_set_default_passwd_cb`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb(
    ctx: *mut SSL_CTX,
) -> crate::ssl::context::pem_password_cb {
    ffi_boundary!("SSL_CTX_get_default_passwd_cb", None, {
        Ok(ffi::borrow(ctx)?.settings().passwd_cb.0)
    })
}

/// SSL_CTX_get_default_passwd_cb_userdata returns the password callback's
/// argument, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void {
    ffi_boundary!("SSL_CTX_get_default_passwd_cb_userdata", {
        Ok(ffi::borrow(ctx)?.settings().passwd_cb.1 .0)
    })
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

/// SSL_CTX_get_ex_new_index returns a new SSL_CTX ex_data index.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ex_new_index(
    argl: c_long,
    argp: *mut c_void,
    n: *mut c_void,
    d: *mut c_void,
    f: *mut c_void,
) -> c_int {
    CRYPTO_get_ex_new_index(
        crate::abi::consts::CRYPTO_EX_INDEX_SSL_CTX,
        argl,
        argp,
        n,
        d,
        f,
    )
}

/// SSL_CTX_get_max_early_data returns the TLS 1.3 early data (bytes) the
/// context's server connections allow in their session tickets (0: none).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_max_early_data(ctx: *const SSL_CTX) -> u32 {
    ffi_boundary!("SSL_CTX_get_max_early_data", 0, {
        Ok(ffi::borrow(ctx)?.settings().tls13x.max_early_data)
    })
}

/// SSL_CTX_set_max_early_data sets the TLS 1.3 early data (0-RTT) a server's
/// session tickets allow; 0 (the default) allows none. A context that allows
/// some issues stateful tickets (kept in its session cache and usable once:
/// OpenSSL's anti-replay), as rustls accepts early data only with those.
/// Returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_max_early_data(ctx: *mut SSL_CTX, max_early_data: u32) -> c_int {
    ffi_boundary!("SSL_CTX_set_max_early_data", 0, {
        ffi::borrow(ctx)?.update(|s| s.tls13x.max_early_data = max_early_data);
        Ok(1)
    })
}

/// SSL_CTX_get_recv_max_early_data returns the most early data the
/// context's servers accept (16384 by default).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(ctx: *const SSL_CTX) -> u32 {
    ffi_boundary!("SSL_CTX_get_recv_max_early_data", 0, {
        Ok(ffi::borrow(ctx)?.settings().tls13x.recv_max_early_data)
    })
}

/// SSL_CTX_set_recv_max_early_data sets the most early data the context's
/// servers accept (more: an unexpected_message alert, RFC 8446 §4.2.10);
/// rustls has one limit for both, so tickets announce the smaller of this and
/// `SSL_CTX_set_max_early_data`. Returns 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_recv_max_early_data(
    ctx: *mut SSL_CTX,
    recv_max_early_data: u32,
) -> c_int {
    ffi_boundary!("SSL_CTX_set_recv_max_early_data", 0, {
        ffi::borrow(ctx)?.update(|s| s.tls13x.recv_max_early_data = recv_max_early_data);
        Ok(1)
    })
}

/// SSL_CTX_set1_cert_comp_preference sets the RFC 8879 certificate
/// compression algorithms (TLS 1.3), in order of preference:
/// TLSEXT_comp_cert_brotli (2) and TLSEXT_comp_cert_zlib (1); zstd (3) is
/// not built and, as unknown values, ignored. A repeated algorithm, or none
/// left, fails (0) and changes nothing; an empty list turns compression off.
/// The default is brotli, zlib: offered to peers and used to compress the
/// context's own certificates (servers and clients) when the peer offers one.
#[no_mangle]
pub extern "C" fn SSL_CTX_set1_cert_comp_preference(
    ctx: *mut SSL_CTX,
    algs: *mut c_int,
    len: usize,
) -> c_int {
    ffi_boundary!("SSL_CTX_set1_cert_comp_preference", 0, {
        let ctx = ffi::borrow(ctx)?;
        let prefs = crate::ssl::certcomp::preference(ffi::ints(algs, len)?)?;
        ctx.update(|s| s.tls13x.cert_comp = prefs);
        Ok(1)
    })
}

/// SSL_CTX_compress_certs checks that the context's certificate chains
/// compress with `alg` (0: every preferred algorithm): 1 if one comes out
/// smaller, else 0. ferrossl's server compresses its chain when a client asks
/// (rustls keeps the result), so this need not precede a handshake.
#[no_mangle]
pub extern "C" fn SSL_CTX_compress_certs(ctx: *mut SSL_CTX, alg: c_int) -> c_int {
    ffi_boundary!("SSL_CTX_compress_certs", 0, {
        let s = ffi::borrow(ctx)?.settings();
        let chains: Vec<_> = s
            .identity
            .all_certified()
            .iter()
            .map(|k| k.cert.clone())
            .collect();
        match crate::ssl::certcomp::compress_all(&chains, &s.tls13x.cert_comp, alg)? {
            true => Ok(1),
            false => Err(Error::ssl(crate::abi::reasons::SSL_R_NO_CERTIFICATE_SET)
                .data("no certificate compresses with that algorithm")),
        }
    })
}

/// SSL_CTX_get1_compressed_cert compresses the context's current certificate
/// chain (its Certificate message, RFC 8879) with `alg`: `*data` gets an
/// OPENSSL_malloc'd copy (free it with OPENSSL_free), `*orig_len` the
/// uncompressed length; returns the compressed length, or 0 (a client-only
/// context, no certificate, an unsupported algorithm, NULL arguments).
#[no_mangle]
pub extern "C" fn SSL_CTX_get1_compressed_cert(
    ctx: *mut SSL_CTX,
    alg: c_int,
    data: *mut *mut u8,
    orig_len: *mut usize,
) -> usize {
    ffi_boundary!("SSL_CTX_get1_compressed_cert", 0, {
        let ctx = ffi::borrow(ctx)?;
        if data.is_null() || orig_len.is_null() {
            return Err(Error::null_pointer());
        }
        if !ctx.method.server {
            return Err(
                Error::ssl(crate::abi::reasons::ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED)
                    .data("only a server's certificates are compressed ahead"),
            );
        }
        let chain = ctx.settings().identity.certified.clone();
        let chain =
            chain.ok_or_else(|| Error::ssl(crate::abi::reasons::SSL_R_NO_CERTIFICATE_SET))?;
        let (out, len) = crate::ssl::certcomp::compress_chain(&chain.cert, alg)?;
        ffi::write_out(data, ffi::malloc_copy(&out, false));
        ffi::write_out(orig_len, len);
        Ok(out.len())
    })
}

/// SSL_CTX_remove_session removes `session` from the context's internal
/// session cache: 1 if it was there, else 0 (no error queued, NULL
/// included). As OpenSSL, the remove callback is told either way (for a
/// session with an ID), and the session is no longer resumable.
#[no_mangle]
pub extern "C" fn SSL_CTX_remove_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_CTX_remove_session", 0, {
        if ctx.is_null() || session.is_null() {
            return Ok(0);
        }
        let s = ffi::clone_arc(session)?;
        Ok(c_int::from(ffi::borrow(ctx)?.sessions.remove(&s)))
    })
}

/// SSL_CTX_add_session adds `session` to the context's internal cache under
/// its ID (taking a reference; the oldest session goes, with the remove
/// callback, when the cache is full). 1 if added, 0 if it was already there.
#[no_mangle]
pub extern "C" fn SSL_CTX_add_session(ctx: *mut SSL_CTX, session: *mut SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_CTX_add_session", 0, {
        let c = ffi::borrow(ctx)?;
        let s = ffi::clone_arc(session)?;
        Ok(c_int::from(c.sessions.add(s)))
    })
}

/// SSL_CTX_flush_sessions removes from the internal cache the sessions
/// expired at time `tm` (all of them when `tm` is 0), telling the remove
/// callback of each.
#[no_mangle]
pub extern "C" fn SSL_CTX_flush_sessions(ctx: *mut SSL_CTX, tm: c_long) {
    ffi_boundary!("SSL_CTX_flush_sessions", {
        ffi::borrow(ctx)?.sessions.flush(tm);
        Ok(())
    })
}

/// SSL_CTX_flush_sessions_ex is `SSL_CTX_flush_sessions` with a `time_t`.
#[no_mangle]
pub extern "C" fn SSL_CTX_flush_sessions_ex(ctx: *mut SSL_CTX, tm: libc::time_t) {
    ffi_boundary!("SSL_CTX_flush_sessions_ex", {
        ffi::borrow(ctx)?.sessions.flush(tm);
        Ok(())
    })
}

/// SSL_CTX_sess_set_new_cb sets the callback told of each new session, as
/// OpenSSL: on a client (cache mode with `SSL_SESS_CACHE_CLIENT`) for each
/// session or TLS 1.3 ticket received; on a server (`SSL_SESS_CACHE_SERVER`,
/// the default) for each session stored (TLS 1.2 session IDs, TLS 1.3
/// stateful tickets under `SSL_OP_NO_TICKET`; rustls' stateless tickets are
/// never stored, so they never reach it). The callback gets a reference to
/// the session, which it keeps by returning 1 (0: ferrossl drops it).
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_new_cb(ctx: *mut SSL_CTX, new_session_cb: NewSessionCb) {
    ffi_boundary!("SSL_CTX_sess_set_new_cb", {
        *ffi::borrow(ctx)?.sessions.new_cb.lock() = new_session_cb;
        Ok(())
    })
}

/// SSL_CTX_sess_get_new_cb returns the new-session callback, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_new_cb(ctx: *mut SSL_CTX) -> NewSessionCb {
    ffi_boundary!("SSL_CTX_sess_get_new_cb", None, {
        Ok(*ffi::borrow(ctx)?.sessions.new_cb.lock())
    })
}

/// SSL_CTX_sess_set_get_cb sets the callback a server asks for a session ID
/// its internal cache lacks (or always, with
/// `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`): it returns a session (or NULL) and
/// leaves `*copy` at 1 to keep its own reference, or sets it to 0 to hand
/// its reference over. Only server sessions (as `d2i_SSL_SESSION` rebuilds
/// them) resume.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_get_cb(ctx: *mut SSL_CTX, get_session_cb: GetSessionCb) {
    ffi_boundary!("SSL_CTX_sess_set_get_cb", {
        *ffi::borrow(ctx)?.sessions.get_cb.lock() = get_session_cb;
        Ok(())
    })
}

/// SSL_CTX_sess_get_get_cb returns the get-session callback, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_get_cb(ctx: *mut SSL_CTX) -> GetSessionCb {
    ffi_boundary!("SSL_CTX_sess_get_get_cb", None, {
        Ok(*ffi::borrow(ctx)?.sessions.get_cb.lock())
    })
}

/// SSL_CTX_sess_set_remove_cb sets the callback told when a session leaves
/// the internal cache (timeout, `SSL_CTX_remove_session`,
/// `SSL_CTX_flush_sessions`, a full cache).
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_set_remove_cb(
    ctx: *mut SSL_CTX,
    remove_session_cb: RemoveSessionCb,
) {
    ffi_boundary!("SSL_CTX_sess_set_remove_cb", {
        *ffi::borrow(ctx)?.sessions.remove_cb.lock() = remove_session_cb;
        Ok(())
    })
}

/// SSL_CTX_sess_get_remove_cb returns the remove-session callback, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_sess_get_remove_cb(ctx: *mut SSL_CTX) -> RemoveSessionCb {
    ffi_boundary!("SSL_CTX_sess_get_remove_cb", None, {
        Ok(*ffi::borrow(ctx)?.sessions.remove_cb.lock())
    })
}

/// SSL_CTX_get_client_CA_list returns the names set by
/// `SSL_CTX_set_client_CA_list` as a STACK_OF(X509_NAME) owned by `ctx`
/// (valid until the list is set again; empty if never set).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_CA_list(
    ctx: *const SSL_CTX,
) -> *mut crate::crypto::stack::OPENSSL_STACK {
    ffi_boundary!("SSL_CTX_get_client_CA_list", std::ptr::null_mut(), {
        let ctx = ffi::borrow(ctx)?;
        let mut list = ctx.client_ca_list.lock();
        Ok(list
            .get_or_insert_with(|| crate::crypto::stack::NameStack::new(Vec::new()))
            .as_ptr())
    })
}

/// SSL_CTX_set_block_padding: 0 and 1 (no padding, as in OpenSSL) return 1.
/// Limit: larger block sizes fail with 0 and an ERR entry: rustls 0.23 cannot
/// pad TLS 1.3 records (docs/compat.md); above 16384 OpenSSL refuses too.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_block_padding(ctx: *mut SSL_CTX, block_size: usize) -> c_int {
    ffi_boundary!("SSL_CTX_set_block_padding", 0, {
        ffi::borrow(ctx)?;
        crate::ssl::record::block_padding(block_size)?;
        Ok(1)
    })
}

/// SSL_CTX_set_block_padding_ex: as SSL_CTX_set_block_padding for the
/// application-data and handshake block sizes: only 0 and 1 (no padding).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_block_padding_ex(
    ctx: *mut SSL_CTX,
    app_block_size: usize,
    hs_block_size: usize,
) -> c_int {
    ffi_boundary!("SSL_CTX_set_block_padding_ex", 0, {
        ffi::borrow(ctx)?;
        crate::ssl::record::block_padding(app_block_size)?;
        crate::ssl::record::block_padding(hs_block_size)?;
        Ok(1)
    })
}

/// `size_t (*)(SSL *, int type, size_t len, void *arg)`.
pub type SSL_record_padding_cb =
    Option<unsafe extern "C" fn(*mut SSL, c_int, usize, *mut c_void) -> usize>;

/// SSL_CTX_set_record_padding_callback: NULL (no padding) is accepted.
/// Limit: a callback is refused with an ERR entry (the function returns
/// nothing): rustls 0.23 cannot pad TLS 1.3 records (docs/compat.md).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_record_padding_callback(
    ctx: *mut SSL_CTX,
    cb: SSL_record_padding_cb,
) {
    ffi_boundary!("SSL_CTX_set_record_padding_callback", (), {
        ffi::borrow(ctx)?;
        if cb.is_some() {
            return Err(Error::unsupported(
                "a record padding callback (rustls 0.23 cannot pad TLS 1.3 records)",
            ));
        }
        Ok(())
    })
}
