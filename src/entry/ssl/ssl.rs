//! `ssl.h`: the `SSL` object: I/O, handshake, state queries, per-connection settings; also `tls1.h`.

use crate::abi::consts::{
    BIO_NOCLOSE, OPENSSL_NPN_NO_OVERLAP, SSL_ERROR_NONE, SSL_ERROR_SSL, SSL_ERROR_SYSCALL,
    SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE,
};
use crate::abi::reasons::{ERR_LIB_SYS, SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG};
use crate::crypto::bio::{bio_st, BIO};
use crate::crypto::err::{self, Error};
use crate::crypto::pkey::{evp_pkey_st, Identity, EVP_PKEY};
use crate::crypto::stack::{stack_st, OPENSSL_STACK};
use crate::crypto::x509::{x509_st, X509};
use crate::entry::CRYPTO_get_ex_new_index;
use crate::ffi;
use crate::ssl::ciphers::{self, SSL_CIPHER};
use crate::ssl::connection::{ssl_st, SSL};
use crate::ssl::context::{self, SSL_verify_cb, SSL_CTX};
use crate::ssl::params::{extras, X509_VERIFY_PARAM};
use crate::ssl::session::SSL_SESSION;
use std::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::sync::Arc;

/// SSL_new makes a connection using `ctx` (which it references). NULL on
/// error; the caller owns one reference (SSL_free).
#[no_mangle]
pub extern "C" fn SSL_new(ctx: *mut SSL_CTX) -> *mut SSL {
    ffi_boundary!("SSL_new", {
        let ctx = ffi::clone_arc(ctx)?;
        Ok(ffi::into_raw(ssl_st::new(ctx)))
    })
}

/// SSL_free drops one reference (NULL: no-op). Called from inside one of
/// its own callbacks, the object lives until that call returns.
#[no_mangle]
pub extern "C" fn SSL_free(ssl: *mut SSL) {
    ffi_boundary!("SSL_free", {
        ffi::release(ssl);
        Ok(())
    })
}

/// SSL_up_ref adds a reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_up_ref(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_up_ref", { ffi::up_ref(ssl) })
}

/// SSL_set_bio sets the read and write BIOs, taking ownership of one
/// reference of each (one in total when `rbio == wbio`). BIOs that are
/// already set follow OpenSSL 3's rules exactly (ssl_lib.c): when only the
/// wbio changes, or only the rbio changes and the old rbio and wbio
/// differed, only that one reference is taken.
#[no_mangle]
pub extern "C" fn SSL_set_bio(ssl: *mut SSL, rbio: *mut BIO, wbio: *mut BIO) {
    ffi_boundary!("SSL_set_bio", {
        let s = ffi::borrow(ssl)?;
        let (cur_r, cur_w) = s.bios();
        let ptr = |b: &Option<Arc<bio_st>>| b.as_ref().map_or(std::ptr::null(), Arc::as_ptr);
        if std::ptr::eq(rbio, ptr(&cur_r)) && std::ptr::eq(wbio, ptr(&cur_w)) {
            // Neither changed: nothing is done, no reference is taken.
            return Ok(());
        }
        if !rbio.is_null() && rbio == wbio {
            ffi::up_ref(rbio)?;
        }
        if std::ptr::eq(rbio, ptr(&cur_r)) {
            // Only the wbio changes: adopt one reference.
            return s.set_bios(cur_r, ffi::take_arc(wbio));
        }
        if std::ptr::eq(wbio, ptr(&cur_w)) && ptr(&cur_r) != ptr(&cur_w) {
            // Only the rbio changes and the old pair differed: adopt one.
            return s.set_bios(ffi::take_arc(rbio), cur_w);
        }
        // Otherwise adopt both (each replaces and releases the old one).
        s.set_bios(ffi::take_arc(rbio), ffi::take_arc(wbio))
    })
}

/// SSL_set0_rbio sets the read BIO, taking ownership.
#[no_mangle]
pub extern "C" fn SSL_set0_rbio(ssl: *mut SSL, rbio: *mut BIO) {
    ffi_boundary!("SSL_set0_rbio", {
        let s = ffi::borrow(ssl)?;
        let (_, w) = s.bios();
        s.set_bios(ffi::take_arc(rbio), w)
    })
}

/// SSL_set0_wbio sets the write BIO, taking ownership.
#[no_mangle]
pub extern "C" fn SSL_set0_wbio(ssl: *mut SSL, wbio: *mut BIO) {
    ffi_boundary!("SSL_set0_wbio", {
        let s = ffi::borrow(ssl)?;
        let (r, _) = s.bios();
        s.set_bios(r, ffi::take_arc(wbio))
    })
}

/// SSL_get_rbio returns the read BIO (owned by `ssl`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_rbio(ssl: *const SSL) -> *mut BIO {
    ffi_boundary!("SSL_get_rbio", {
        Ok(ffi::borrow(ssl)?
            .bios()
            .0
            .map(|b| Arc::as_ptr(&b) as *mut BIO)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_get_wbio returns the write BIO (owned by `ssl`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_wbio(ssl: *const SSL) -> *mut BIO {
    ffi_boundary!("SSL_get_wbio", {
        Ok(ffi::borrow(ssl)?
            .bios()
            .1
            .map(|b| Arc::as_ptr(&b) as *mut BIO)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_set_fd uses socket `fd` for reading and writing (not closed on free).
/// 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn SSL_set_fd(ssl: *mut SSL, fd: c_int) -> c_int {
    ffi_boundary!("SSL_set_fd", {
        let s = ffi::borrow(ssl)?;
        let b = bio_st::new_fd(fd, BIO_NOCLOSE, true);
        s.set_bios(Some(b.clone()), Some(b))?;
        Ok(1)
    })
}

/// SSL_set_rfd uses socket `fd` for reading.
#[no_mangle]
pub extern "C" fn SSL_set_rfd(ssl: *mut SSL, fd: c_int) -> c_int {
    ffi_boundary!("SSL_set_rfd", {
        let s = ffi::borrow(ssl)?;
        let (_, w) = s.bios();
        s.set_bios(Some(bio_st::new_fd(fd, BIO_NOCLOSE, true)), w)?;
        Ok(1)
    })
}

/// SSL_set_wfd uses socket `fd` for writing.
#[no_mangle]
pub extern "C" fn SSL_set_wfd(ssl: *mut SSL, fd: c_int) -> c_int {
    ffi_boundary!("SSL_set_wfd", {
        let s = ffi::borrow(ssl)?;
        let (r, _) = s.bios();
        s.set_bios(r, Some(bio_st::new_fd(fd, BIO_NOCLOSE, true)))?;
        Ok(1)
    })
}

/// SSL_get_fd returns the descriptor of the read BIO, or -1 when it is not
/// an fd/socket BIO.
#[no_mangle]
pub extern "C" fn SSL_get_fd(ssl: *const SSL) -> c_int {
    SSL_get_rfd(ssl)
}

/// SSL_get_rfd returns the read BIO's descriptor, or -1.
#[no_mangle]
pub extern "C" fn SSL_get_rfd(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_rfd", -1, {
        Ok(ffi::borrow(ssl)?
            .bios()
            .0
            .and_then(|b| b.fd())
            .unwrap_or(-1))
    })
}

/// SSL_get_wfd returns the write BIO's descriptor, or -1.
#[no_mangle]
pub extern "C" fn SSL_get_wfd(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_wfd", -1, {
        Ok(ffi::borrow(ssl)?
            .bios()
            .1
            .and_then(|b| b.fd())
            .unwrap_or(-1))
    })
}

/// SSL_set_connect_state makes `ssl` a client.
#[no_mangle]
pub extern "C" fn SSL_set_connect_state(ssl: *mut SSL) {
    ffi_boundary!("SSL_set_connect_state", {
        ffi::borrow(ssl)?.set_role(false);
        Ok(())
    })
}

/// SSL_set_accept_state makes `ssl` a server.
#[no_mangle]
pub extern "C" fn SSL_set_accept_state(ssl: *mut SSL) {
    ffi_boundary!("SSL_set_accept_state", {
        ffi::borrow(ssl)?.set_role(true);
        Ok(())
    })
}

/// SSL_is_server returns 1 for a server, 0 for a client.
#[no_mangle]
pub extern "C" fn SSL_is_server(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_is_server", {
        Ok(ffi::borrow(ssl)?.is_server() as c_int)
    })
}

/// SSL_do_handshake runs the handshake: 1 when done, <= 0 otherwise (see
/// SSL_get_error: WANT_READ/WANT_WRITE to retry, SSL/SYSCALL on failure).
#[no_mangle]
pub extern "C" fn SSL_do_handshake(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_do_handshake", -1, {
        Ok(ffi::clone_arc(ssl)?.handshake("SSL_do_handshake"))
    })
}

/// SSL_connect makes `ssl` a client and runs the handshake (as SSL_do_handshake).
#[no_mangle]
pub extern "C" fn SSL_connect(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_connect", -1, {
        let s = ffi::clone_arc(ssl)?;
        s.set_role(false);
        Ok(s.handshake("SSL_connect"))
    })
}

/// SSL_accept makes `ssl` a server and runs the handshake (as SSL_do_handshake).
#[no_mangle]
pub extern "C" fn SSL_accept(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_accept", -1, {
        let s = ffi::clone_arc(ssl)?;
        s.set_role(true);
        Ok(s.handshake("SSL_accept"))
    })
}

/// SSL_read reads up to `num` bytes: the count, or <= 0 (SSL_get_error
/// says why: ZERO_RETURN after the peer's close_notify, WANT_READ, ...).
#[no_mangle]
pub extern "C" fn SSL_read(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    ffi_boundary!("SSL_read", -1, {
        let s = ffi::clone_arc(ssl)?;
        let buf = ffi::slice_mut(buf as *mut u8, num)?;
        Ok(s.read(buf, false, "SSL_read"))
    })
}

/// SSL_peek is SSL_read that leaves the data to be read again.
#[no_mangle]
pub extern "C" fn SSL_peek(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    ffi_boundary!("SSL_peek", -1, {
        let s = ffi::clone_arc(ssl)?;
        let buf = ffi::slice_mut(buf as *mut u8, num)?;
        Ok(s.read(buf, true, "SSL_peek"))
    })
}

/// SSL_read_ex reads into `buf`, storing the count; 1 on success, 0 otherwise.
#[no_mangle]
pub extern "C" fn SSL_read_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_read_ex", {
        let s = ffi::clone_arc(ssl)?;
        let buf = ffi::slice_mut_usize(buf as *mut u8, num.min(c_int::MAX as usize))?;
        let n = s.read(buf, false, "SSL_read_ex");
        ffi::write_out(readbytes, n.max(0) as usize);
        Ok((n > 0) as c_int)
    })
}

/// SSL_peek_ex is SSL_read_ex that leaves the data to be read again.
#[no_mangle]
pub extern "C" fn SSL_peek_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_peek_ex", {
        let s = ffi::clone_arc(ssl)?;
        let buf = ffi::slice_mut_usize(buf as *mut u8, num.min(c_int::MAX as usize))?;
        let n = s.read(buf, true, "SSL_peek_ex");
        ffi::write_out(readbytes, n.max(0) as usize);
        Ok((n > 0) as c_int)
    })
}

/// SSL_write writes `num` bytes: `num` (or, with partial writes, the count
/// sent) or <= 0 (SSL_get_error; after WANT_WRITE retry with the same data).
#[no_mangle]
pub extern "C" fn SSL_write(ssl: *mut SSL, buf: *const c_void, num: c_int) -> c_int {
    ffi_boundary!("SSL_write", -1, {
        let s = ffi::clone_arc(ssl)?;
        let data = ffi::slice(buf as *const u8, num)?;
        Ok(s.write(data, "SSL_write"))
    })
}

/// SSL_write_ex writes `buf`, storing the count; 1 on success, 0 otherwise.
#[no_mangle]
pub extern "C" fn SSL_write_ex(
    ssl: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_write_ex", {
        let s = ffi::clone_arc(ssl)?;
        let data = ffi::slice_usize(buf as *const u8, num.min(c_int::MAX as usize))?;
        let n = s.write(data, "SSL_write_ex");
        ffi::write_out(written, n.max(0) as usize);
        Ok((n > 0) as c_int)
    })
}

/// SSL_pending returns the decrypted bytes ready for SSL_read.
#[no_mangle]
pub extern "C" fn SSL_pending(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_pending", {
        Ok(ffi::borrow(ssl)?.pending().min(c_int::MAX as usize) as c_int)
    })
}

/// SSL_has_pending returns 1 if decrypted or unprocessed bytes are waiting.
#[no_mangle]
pub extern "C" fn SSL_has_pending(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_has_pending", {
        let s = ffi::borrow(ssl)?;
        Ok((s.pending() > 0 || s.bios().0.map(|b| b.pending() > 0).unwrap_or(false)) as c_int)
    })
}

/// SSL_get_error classifies the result `ret` of the last I/O call on `ssl`:
/// SSL_ERROR_NONE, _SSL (see the ERR queue), _SYSCALL (errno), _WANT_READ,
/// _WANT_WRITE or _ZERO_RETURN.
#[no_mangle]
pub extern "C" fn SSL_get_error(ssl: *const SSL, ret: c_int) -> c_int {
    ffi_boundary!("SSL_get_error", SSL_ERROR_SSL, {
        let s = ffi::borrow(ssl)?;
        if ret > 0 {
            return Ok(SSL_ERROR_NONE);
        }
        // As OpenSSL: anything on the queue decides first.
        let queued = err::peek_front();
        if let Some(e) = queued {
            return Ok(if err::lib_of(e.code) == ERR_LIB_SYS {
                SSL_ERROR_SYSCALL
            } else {
                SSL_ERROR_SSL
            });
        }
        Ok(match s.last_error() {
            SSL_ERROR_SSL | SSL_ERROR_NONE => SSL_ERROR_SYSCALL,
            other => other,
        })
    })
}

/// SSL_shutdown sends close_notify: 0 when sent and the peer's is still to
/// come, 1 when both are done, -1 on error or would-block.
#[no_mangle]
pub extern "C" fn SSL_shutdown(ssl: *mut SSL) -> c_int {
    ffi_boundary!("SSL_shutdown", -1, { Ok(ffi::clone_arc(ssl)?.shutdown()) })
}

/// SSL_get_shutdown returns SSL_SENT_SHUTDOWN / SSL_RECEIVED_SHUTDOWN bits.
#[no_mangle]
pub extern "C" fn SSL_get_shutdown(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_shutdown", {
        Ok(ffi::borrow(ssl)?.st.lock().shutdown)
    })
}

/// SSL_set_shutdown sets the shutdown bits.
#[no_mangle]
pub extern "C" fn SSL_set_shutdown(ssl: *mut SSL, mode: c_int) {
    ffi_boundary!("SSL_set_shutdown", {
        ffi::borrow(ssl)?.st.lock().shutdown = mode;
        Ok(())
    })
}

/// SSL_set_quiet_shutdown makes SSL_shutdown send nothing when `mode` is 1.
#[no_mangle]
pub extern "C" fn SSL_set_quiet_shutdown(ssl: *mut SSL, mode: c_int) {
    ffi_boundary!("SSL_set_quiet_shutdown", {
        ffi::borrow(ssl)?.st.lock().quiet_shutdown = mode != 0;
        Ok(())
    })
}

/// SSL_ctrl runs a connection control command (target of SSL_set_mode,
/// SSL_set_tlsext_host_name, SSL_get_negotiated_group, ...).
#[no_mangle]
pub extern "C" fn SSL_ctrl(ssl: *mut SSL, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    ffi_boundary!("SSL_ctrl", {
        crate::entry::ctrl::ssl_ctrl(ffi::borrow(ssl)?, cmd, larg, parg)
    })
}

/// SSL_set1_host sets the name the peer certificate must match (NULL clears).
#[no_mangle]
pub extern "C" fn SSL_set1_host(ssl: *mut SSL, hostname: *const c_char) -> c_int {
    ffi_boundary!("SSL_set1_host", {
        let s = ffi::borrow(ssl)?;
        let h = if hostname.is_null() {
            None
        } else {
            Some(ffi::cstr(hostname)?.to_owned())
        };
        s.st.lock().host = h;
        Ok(1)
    })
}

/// SSL_add1_host sets the name to match (ferrossl keeps one name).
#[no_mangle]
pub extern "C" fn SSL_add1_host(ssl: *mut SSL, hostname: *const c_char) -> c_int {
    SSL_set1_host(ssl, hostname)
}

/// SSL_set_hostflags is accepted; ferrossl applies RFC 6125 rules (no
/// partial wildcards).
#[no_mangle]
pub extern "C" fn SSL_set_hostflags(_ssl: *mut SSL, _flags: c_uint) {}

/// SSL_set_verify overrides the context's verify mode and callback.
#[no_mangle]
pub extern "C" fn SSL_set_verify(ssl: *mut SSL, mode: c_int, cb: SSL_verify_cb) {
    ffi_boundary!("SSL_set_verify", {
        let s = ffi::borrow(ssl)?;
        let mut st = s.st.lock();
        st.verify_mode = Some(mode);
        st.verify_cb = Some(cb);
        Ok(())
    })
}

/// SSL_set_verify_depth overrides the context's verify depth.
#[no_mangle]
pub extern "C" fn SSL_set_verify_depth(ssl: *mut SSL, depth: c_int) {
    ffi_boundary!("SSL_set_verify_depth", {
        ffi::borrow(ssl)?.st.lock().verify_depth = Some(depth);
        Ok(())
    })
}

/// SSL_get_verify_mode returns the effective verify mode.
#[no_mangle]
pub extern "C" fn SSL_get_verify_mode(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_verify_mode", {
        Ok(ffi::borrow(ssl)?.verify_params().mode)
    })
}

/// SSL_get_verify_depth returns the effective verify depth.
#[no_mangle]
pub extern "C" fn SSL_get_verify_depth(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_verify_depth", -1, {
        Ok(ffi::borrow(ssl)?.verify_params().depth)
    })
}

/// SSL_get_verify_callback returns the effective verify callback.
#[no_mangle]
pub extern "C" fn SSL_get_verify_callback(ssl: *const SSL) -> SSL_verify_cb {
    ffi_boundary!("SSL_get_verify_callback", None, {
        Ok(ffi::borrow(ssl)?.verify_params().callback)
    })
}

/// SSL_get_verify_result returns the X509_V_* result of verifying the peer
/// (X509_V_OK if nothing failed or nothing was verified).
#[no_mangle]
pub extern "C" fn SSL_get_verify_result(ssl: *const SSL) -> c_long {
    ffi_boundary!("SSL_get_verify_result", {
        Ok(ffi::borrow(ssl)?.st.lock().verify_result)
    })
}

/// SSL_set_verify_result overrides the verify result.
#[no_mangle]
pub extern "C" fn SSL_set_verify_result(ssl: *mut SSL, v: c_long) {
    ffi_boundary!("SSL_set_verify_result", {
        ffi::borrow(ssl)?.st.lock().verify_result = v;
        Ok(())
    })
}

/// SSL_get1_peer_certificate returns the peer's certificate with a new
/// reference (X509_free it), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get1_peer_certificate(ssl: *const SSL) -> *mut X509 {
    ffi_boundary!("SSL_get1_peer_certificate", {
        Ok(ffi::borrow(ssl)?
            .peer_certs()
            .into_iter()
            .next()
            .map(ffi::into_raw)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_get_peer_certificate is SSL_get1_peer_certificate (OpenSSL 1.1 name).
#[no_mangle]
pub extern "C" fn SSL_get_peer_certificate(ssl: *const SSL) -> *mut X509 {
    SSL_get1_peer_certificate(ssl)
}

/// SSL_get0_peer_certificate returns the peer's certificate owned by `ssl`, or NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_certificate(ssl: *const SSL) -> *mut X509 {
    ffi_boundary!("SSL_get0_peer_certificate", {
        Ok(ffi::borrow(ssl)?
            .peer_certs()
            .first()
            .map(|x| Arc::as_ptr(x) as *mut X509)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_get_version returns "TLSv1.3", "TLSv1.2", or "unknown" before the handshake.
#[no_mangle]
pub extern "C" fn SSL_get_version(ssl: *const SSL) -> *const c_char {
    ffi_boundary!("SSL_get_version", c"unknown".as_ptr(), {
        // Before the handshake: the highest version this build speaks.
        Ok(version_name(match ffi::borrow(ssl)?.negotiated().version {
            0 => crate::abi::consts::TLS1_3_VERSION,
            v => v,
        }))
    })
}

fn version_name(v: c_int) -> *const c_char {
    match v {
        crate::abi::consts::TLS1_3_VERSION => c"TLSv1.3".as_ptr(),
        crate::abi::consts::TLS1_2_VERSION => c"TLSv1.2".as_ptr(),
        crate::abi::consts::TLS1_1_VERSION => c"TLSv1.1".as_ptr(),
        crate::abi::consts::TLS1_VERSION => c"TLSv1".as_ptr(),
        _ => c"unknown".as_ptr(),
    }
}

/// SSL_version returns the protocol version (TLS1_3_VERSION, ...).
#[no_mangle]
pub extern "C" fn SSL_version(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_version", {
        Ok(match ffi::borrow(ssl)?.negotiated().version {
            0 => crate::abi::consts::TLS1_3_VERSION,
            v => v,
        })
    })
}

/// SSL_get_current_cipher returns the negotiated suite (static), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_current_cipher(ssl: *const SSL) -> *const SSL_CIPHER {
    ffi_boundary!("SSL_get_current_cipher", {
        Ok(ffi::borrow(ssl)?
            .negotiated()
            .cipher
            .map_or(std::ptr::null(), |c| c as *const SSL_CIPHER))
    })
}

/// SSL_get_pending_cipher returns the negotiated suite, as SSL_get_current_cipher.
#[no_mangle]
pub extern "C" fn SSL_get_pending_cipher(ssl: *const SSL) -> *const SSL_CIPHER {
    SSL_get_current_cipher(ssl)
}

/// SSL_set_alpn_protos sets the ALPN list for this connection (wire
/// format). Returns 0 on success and 1 on error (OpenSSL's convention).
#[no_mangle]
pub extern "C" fn SSL_set_alpn_protos(ssl: *mut SSL, protos: *const u8, len: c_uint) -> c_int {
    ffi_boundary!("SSL_set_alpn_protos", 1, {
        let s = ffi::borrow(ssl)?;
        let len = c_int::try_from(len).map_err(|_| Error::invalid_argument("length"))?;
        let list = context::parse_alpn(ffi::slice(protos, len)?)
            .ok_or_else(|| Error::invalid_argument("bad ALPN list"))?;
        s.st.lock().alpn = Some(list);
        Ok(0)
    })
}

/// SSL_get0_alpn_selected returns the negotiated protocol (owned by `ssl`)
/// or `*data` NULL and `*len` 0.
#[no_mangle]
pub extern "C" fn SSL_get0_alpn_selected(ssl: *const SSL, data: *mut *const u8, len: *mut c_uint) {
    ffi_boundary!("SSL_get0_alpn_selected", {
        // Nothing selected (or NULL `ssl`): `*data` NULL, `*len` 0.
        ffi::write_out(data, std::ptr::null());
        ffi::write_out(len, 0);
        // Point into the SSL's own copy, which lives as long as `ssl`.
        if let Some(a) = ffi::borrow(ssl)?.st.lock().negotiated.alpn.as_ref() {
            ffi::write_out(data, a.as_ptr());
            ffi::write_out(len, a.len() as c_uint);
        }
        Ok(())
    })
}

/// SSL_get_servername returns the SNI name (client: the one set; server:
/// the one received), or NULL. Valid until the next call on `ssl`.
#[no_mangle]
pub extern "C" fn SSL_get_servername(ssl: *const SSL, kind: c_int) -> *const c_char {
    ffi_boundary!("SSL_get_servername", {
        if kind != crate::abi::consts::TLSEXT_NAMETYPE_host_name {
            return Ok(std::ptr::null());
        }
        let s = ffi::borrow(ssl)?;
        let mut st = s.st.lock();
        Ok(match &st.sni {
            Some(n) => {
                st.sni_c = std::ffi::CString::new(n.as_str()).ok();
                st.sni_c
                    .as_ref()
                    .map(|c| c.as_ptr())
                    .unwrap_or(std::ptr::null())
            }
            None => std::ptr::null(),
        })
    })
}

/// SSL_get_servername_type returns TLSEXT_NAMETYPE_host_name (0) when a
/// name is set, else -1.
#[no_mangle]
pub extern "C" fn SSL_get_servername_type(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_servername_type", -1, {
        Ok(if ffi::borrow(ssl)?.st.lock().sni.is_some() {
            0
        } else {
            -1
        })
    })
}

/// SSL_set_SSL_CTX switches `ssl` to `ctx` (from a servername callback:
/// its certificate and settings serve the rest of the handshake). Returns
/// the new context (owned by `ssl`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_set_SSL_CTX(ssl: *mut SSL, ctx: *mut SSL_CTX) -> *mut SSL_CTX {
    ffi_boundary!("SSL_set_SSL_CTX", {
        let s = ffi::borrow(ssl)?;
        let c = ffi::clone_arc(ctx)?;
        s.set_ctx(c);
        Ok(ctx)
    })
}

/// SSL_get_SSL_CTX returns the context (owned by `ssl`).
#[no_mangle]
pub extern "C" fn SSL_get_SSL_CTX(ssl: *const SSL) -> *mut SSL_CTX {
    ffi_boundary!("SSL_get_SSL_CTX", {
        Ok(Arc::as_ptr(&ffi::borrow(ssl)?.ctx()) as *mut SSL_CTX)
    })
}

/// SSL_set_ex_data stores `data` in slot `idx`; 1 on success.
#[no_mangle]
pub extern "C" fn SSL_set_ex_data(ssl: *mut SSL, idx: c_int, data: *mut c_void) -> c_int {
    ffi_boundary!("SSL_set_ex_data", {
        Ok(ffi::borrow(ssl)?.ex_data.set(idx, data) as c_int)
    })
}

/// SSL_get_ex_data returns slot `idx` (NULL if unset).
#[no_mangle]
pub extern "C" fn SSL_get_ex_data(ssl: *const SSL, idx: c_int) -> *mut c_void {
    ffi_boundary!("SSL_get_ex_data", {
        Ok(ffi::borrow(ssl)?.ex_data.get(idx))
    })
}

/// SSL_get_ex_data_X509_STORE_CTX_idx returns the X509_STORE_CTX slot that
/// holds the SSL during verification (0).
#[no_mangle]
pub extern "C" fn SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    0
}

/// SSL_get1_session returns the newest resumable session with a new
/// reference (SSL_SESSION_free it), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get1_session(ssl: *mut SSL) -> *mut SSL_SESSION {
    ffi_boundary!("SSL_get1_session", {
        let s = ffi::borrow(ssl)?;
        let st = s.st.lock();
        Ok(st
            .session_latest
            .clone()
            .or_else(|| st.session_set.clone())
            .map(ffi::into_raw)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_get_session returns the session owned by `ssl` (get0), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_session(ssl: *const SSL) -> *mut SSL_SESSION {
    ffi_boundary!("SSL_get_session", {
        let s = ffi::borrow(ssl)?;
        let st = s.st.lock();
        Ok(st
            .session_latest
            .as_ref()
            .or(st.session_set.as_ref())
            .map(|x| Arc::as_ptr(x) as *mut SSL_SESSION)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_set_session offers `session` for resumption on the next handshake
/// (taking its own reference). 1 on success.
#[no_mangle]
pub extern "C" fn SSL_set_session(ssl: *mut SSL, session: *mut SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_set_session", {
        let s = ffi::borrow(ssl)?;
        let sess = if session.is_null() {
            None
        } else {
            Some(ffi::clone_arc(session)?)
        };
        s.st.lock().session_set = sess;
        Ok(1)
    })
}

/// SSL_session_reused returns 1 if the handshake resumed a session.
#[no_mangle]
pub extern "C" fn SSL_session_reused(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_session_reused", {
        Ok(ffi::borrow(ssl)?.negotiated().resumed as c_int)
    })
}

fn with_identity(
    ssl: &ssl_st,
    f: impl FnOnce(&mut Identity) -> Result<(), Error>,
) -> Result<c_int, Error> {
    let mut st = ssl.st.lock();
    let mut id = st
        .identity
        .clone()
        .unwrap_or_else(|| ssl.ctx().settings().identity.clone());
    f(&mut id)?;
    st.identity = Some(id);
    Ok(1)
}

/// SSL_use_certificate_file sets this connection's certificate from a file.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("SSL_use_certificate_file", {
        let s = ffi::borrow(ssl)?;
        let cert = crate::crypto::pkey::leaf_from_file(ffi::cstr(file)?, r#type)?;
        with_identity(s, |id| id.set_leaf(cert))
    })
}

/// SSL_use_certificate_chain_file sets this connection's chain from a PEM file.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_chain_file(ssl: *mut SSL, file: *const c_char) -> c_int {
    ffi_boundary!("SSL_use_certificate_chain_file", {
        let s = ffi::borrow(ssl)?;
        let chain = crate::crypto::pkey::chain_from_file(ffi::cstr(file)?)?;
        with_identity(s, |id| id.set_chain(chain))
    })
}

/// SSL_use_certificate sets this connection's certificate.
#[no_mangle]
pub extern "C" fn SSL_use_certificate(ssl: *mut SSL, x: *mut X509) -> c_int {
    ffi_boundary!("SSL_use_certificate", {
        let s = ffi::borrow(ssl)?;
        let der = ffi::borrow::<x509_st>(x)?.der().clone();
        with_identity(s, |id| id.set_leaf(der))
    })
}

/// SSL_use_PrivateKey_file sets this connection's private key from a file.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("SSL_use_PrivateKey_file", {
        let s = ffi::borrow(ssl)?;
        let (cb, u) = s.ctx().settings().passwd_cb;
        let key = evp_pkey_st::from_file_with(ffi::cstr(file)?, r#type, &mut || {
            crate::entry::crypto::pem::password(cb, u.0, 0)
        })?;
        with_identity(s, |id| id.set_key(key))
    })
}

/// SSL_use_RSAPrivateKey_file is SSL_use_PrivateKey_file.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    SSL_use_PrivateKey_file(ssl, file, r#type)
}

/// SSL_use_PrivateKey sets this connection's private key (own reference).
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey(ssl: *mut SSL, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("SSL_use_PrivateKey", {
        let s = ffi::borrow(ssl)?;
        let key = ffi::clone_arc(pkey)?;
        with_identity(s, |id| id.set_key(key))
    })
}

/// SSL_check_private_key checks this connection's certificate and key.
#[no_mangle]
pub extern "C" fn SSL_check_private_key(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_check_private_key", {
        let s = ffi::borrow(ssl)?;
        let id = s.st.lock().identity.clone();
        match id {
            Some(id) => id.check()?,
            None => s.ctx().settings().identity.check()?,
        }
        Ok(1)
    })
}

/// SSL_get_certificate returns this connection's certificate (owned by `ssl`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_certificate(ssl: *const SSL) -> *mut X509 {
    ffi_boundary!("SSL_get_certificate", {
        let s = ffi::borrow(ssl)?;
        let leaf = s.st.lock().identity.as_ref().and_then(|i| i.leaf.clone());
        let leaf = leaf.or_else(|| s.ctx().settings().identity.leaf.clone());
        Ok(leaf
            .map(|x| Arc::as_ptr(&x) as *mut X509)
            .unwrap_or(std::ptr::null_mut()))
    })
}

/// SSL_set_cipher_list sets this connection's TLS 1.2 suites (cipher string).
#[no_mangle]
pub extern "C" fn SSL_set_cipher_list(ssl: *mut SSL, s: *const c_char) -> c_int {
    ffi_boundary!("SSL_set_cipher_list", {
        let ssl = ffi::borrow(ssl)?;
        let list = crate::ssl::ciphers::parse_tls12(ffi::cstr(s)?)?;
        ssl.st.lock().overrides.tls12_suites = Some(list);
        Ok(1)
    })
}

/// SSL_set_ciphersuites sets this connection's TLS 1.3 suites.
#[no_mangle]
pub extern "C" fn SSL_set_ciphersuites(ssl: *mut SSL, s: *const c_char) -> c_int {
    ffi_boundary!("SSL_set_ciphersuites", {
        let ssl = ffi::borrow(ssl)?;
        let list = crate::ssl::ciphers::parse_tls13(ffi::cstr(s)?)?;
        ssl.st.lock().overrides.tls13_suites = Some(list);
        Ok(1)
    })
}

/// SSL_get_options returns this connection's option bits.
#[no_mangle]
pub extern "C" fn SSL_get_options(ssl: *const SSL) -> u64 {
    ffi_boundary!("SSL_get_options", {
        Ok(ffi::borrow(ssl)?.st.lock().options)
    })
}

/// SSL_set_options ORs `op` into the options and returns the result.
#[no_mangle]
pub extern "C" fn SSL_set_options(ssl: *mut SSL, op: u64) -> u64 {
    ffi_boundary!("SSL_set_options", {
        let s = ffi::borrow(ssl)?;
        let mut st = s.st.lock();
        st.options |= crate::ssl::context::options_to_set(op);
        st.overrides.options = Some(st.options);
        Ok(st.options)
    })
}

/// SSL_clear_options clears `op` and returns the result.
#[no_mangle]
pub extern "C" fn SSL_clear_options(ssl: *mut SSL, op: u64) -> u64 {
    ffi_boundary!("SSL_clear_options", {
        let s = ffi::borrow(ssl)?;
        let mut st = s.st.lock();
        st.options &= !op;
        st.overrides.options = Some(st.options);
        Ok(st.options)
    })
}

/// SSL_is_init_finished returns 1 once the handshake is complete (and no
/// SSL_key_update is waiting to be sent).
#[no_mangle]
pub extern "C" fn SSL_is_init_finished(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_is_init_finished", {
        Ok(!ffi::borrow(ssl)?.in_init() as c_int)
    })
}

/// SSL_key_update schedules a TLS 1.3 KeyUpdate (SSL_KEY_UPDATE_REQUESTED or
/// SSL_KEY_UPDATE_NOT_REQUESTED), sent by the next SSL_do_handshake,
/// SSL_write or SSL_read. Limit: rustls sends only update_requested, so with
/// either type the peer updates its sending keys too. 0 with
/// SSL_R_WRONG_SSL_VERSION (not TLS 1.3, or before the handshake),
/// SSL_R_INVALID_KEY_UPDATE_TYPE or SSL_R_STILL_IN_INIT (mid-handshake, or an
/// update already scheduled and not sent yet).
#[no_mangle]
pub extern "C" fn SSL_key_update(ssl: *mut SSL, updatetype: c_int) -> c_int {
    ffi_boundary!("SSL_key_update", 0, {
        ffi::borrow(ssl)?.key_update(updatetype)?;
        Ok(1)
    })
}

/// SSL_get_key_update_type returns the SSL_key_update type not yet sent, or
/// SSL_KEY_UPDATE_NONE (-1).
#[no_mangle]
pub extern "C" fn SSL_get_key_update_type(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_key_update_type", -1, {
        Ok(ffi::borrow(ssl)?.key_update_type())
    })
}

/// SSL_in_init returns 1 while the handshake is not complete.
#[no_mangle]
pub extern "C" fn SSL_in_init(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_in_init", { Ok(ffi::borrow(ssl)?.in_init() as c_int) })
}

/// SSL_in_before returns 1 before the handshake has started.
#[no_mangle]
pub extern "C" fn SSL_in_before(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_in_before", {
        Ok(!ffi::borrow(ssl)?.handshake_done() as c_int)
    })
}

/// SSL_want returns what the last call waited for (SSL_NOTHING 1,
/// SSL_WRITING 2, SSL_READING 3).
#[no_mangle]
pub extern "C" fn SSL_want(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_want", 1, {
        Ok(match ffi::borrow(ssl)?.last_error() {
            SSL_ERROR_WANT_READ => 3,
            SSL_ERROR_WANT_WRITE => 2,
            _ => 1,
        })
    })
}

/// SSL_select_next_proto picks the first protocol of `server` (wire
/// format) that `client` also lists: `*out` points into `server`, result
/// OPENSSL_NPN_NEGOTIATED. With no overlap `*out` is the client's first
/// protocol (or NULL for an empty list) and the result OPENSSL_NPN_NO_OVERLAP
/// (OpenSSL 3.0.15+ rules; see `compat::select_next_proto`).
#[no_mangle]
pub extern "C" fn SSL_select_next_proto(
    out: *mut *mut u8,
    outlen: *mut u8,
    server: *const u8,
    server_len: c_uint,
    client: *const u8,
    client_len: c_uint,
) -> c_int {
    use crate::ssl::alpn::{select_next_proto, Selected};
    ffi_boundary!("SSL_select_next_proto", OPENSSL_NPN_NO_OVERLAP, {
        let len = |n: c_uint| c_int::try_from(n).map_err(|_| Error::invalid_argument("length"));
        let server = ffi::slice(server, len(server_len)?)?;
        let client = ffi::slice(client, len(client_len)?)?;
        let (status, sel) = select_next_proto(server, client);
        let (p, l) = match sel {
            Selected::Server(off, l) => (server.as_ptr().wrapping_add(off), l),
            Selected::Client(off, l) => (client.as_ptr().wrapping_add(off), l),
            Selected::Nothing => (std::ptr::null(), 0),
        };
        ffi::write_out(out, p as *mut u8);
        ffi::write_out(outlen, l as u8);
        Ok(status)
    })
}

/// SSL_get_peer_cert_chain returns the peer's certificates as a stack
/// owned by `ssl` (a client's includes the server leaf; a server's excludes
/// the client leaf, as in OpenSSL), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_peer_cert_chain(
    ssl: *const SSL,
) -> *mut crate::crypto::stack::OPENSSL_STACK {
    ffi_boundary!("SSL_get_peer_cert_chain", {
        Ok(ffi::borrow(ssl)?.peer_chain_stack())
    })
}

/// SSL_get0_verified_chain returns the chain verification of the peer
/// built (leaf first, then the intermediates used, then the trust anchor)
/// as a stack owned by `ssl`, or NULL when the peer sent no certificate or
/// none was verified (a resumed session).
#[no_mangle]
pub extern "C" fn SSL_get0_verified_chain(
    ssl: *const SSL,
) -> *mut crate::crypto::stack::OPENSSL_STACK {
    ffi_boundary!("SSL_get0_verified_chain", {
        Ok(ffi::borrow(ssl)?.verified_chain_stack())
    })
}

/// SSL_load_client_CA_file reads the subject names of the PEM certificates
/// in `file` into a new STACK_OF(X509_NAME) (free with
/// sk_X509_NAME_pop_free(list, X509_NAME_free)), or NULL on error.
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file(
    file: *const c_char,
) -> *mut crate::crypto::stack::OPENSSL_STACK {
    ffi_boundary!("SSL_load_client_CA_file", {
        let data = crate::crypto::pkey::read_file(ffi::cstr(file)?)?;
        let certs = crate::crypto::pem::certs_from_pem(&data)?;
        let names = certs
            .iter()
            .map(|c| ffi::into_raw(c.subject_arc()) as *mut c_void)
            .collect();
        Ok(crate::crypto::stack::stack_st::from_ptrs(names))
    })
}

// ---------------------------------------------------------------------------
// SSL: keying material export, and features ferrossl answers "none" to or
// does not support.

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

/// SSL_get_client_random copies up to `outlen` bytes of the ClientHello's
/// random to `out` and returns how many; with `outlen` 0, returns its size
/// (32). Zeros before the random is known, as OpenSSL. A client knows it once
/// its ClientHello is made, a server once it has the ClientHello.
#[no_mangle]
pub extern "C" fn SSL_get_client_random(ssl: *const SSL, out: *mut u8, outlen: usize) -> usize {
    ffi_boundary!("SSL_get_client_random", 0, {
        copy_random(ffi::borrow(ssl)?.random(false), out, outlen)
    })
}

/// SSL_get_server_random: as `SSL_get_client_random`, for the ServerHello's
/// random.
#[no_mangle]
pub extern "C" fn SSL_get_server_random(ssl: *const SSL, out: *mut u8, outlen: usize) -> usize {
    ffi_boundary!("SSL_get_server_random", 0, {
        copy_random(ffi::borrow(ssl)?.random(true), out, outlen)
    })
}

fn copy_random(random: [u8; 32], out: *mut u8, outlen: usize) -> Result<usize, Error> {
    if outlen == 0 {
        return Ok(random.len());
    }
    let n = outlen.min(random.len());
    ffi::slice_mut_usize(out, n)?.copy_from_slice(&random[..n]);
    Ok(n)
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

/// The cipher suites an `SSL` would offer: its overrides, else its
/// context's choice, else all of ferrossl's.
pub(crate) fn enabled_ciphers(ssl: &ssl_st) -> Vec<&'static SSL_CIPHER> {
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

/// The protocol message callback type (`SSL_CTX_set_msg_callback`).
pub type SSL_msg_cb =
    Option<unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void)>;

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

/// OPENSSL_init_ssl initialises nothing (ferrossl needs no set-up) and returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_ssl(_opts: u64, _settings: *const c_void) -> c_int {
    1
}

/// SSL_library_init returns 1.
#[no_mangle]
pub extern "C" fn SSL_library_init() -> c_int {
    1
}

/// SSL_load_error_strings does nothing: strings are built in.
#[no_mangle]
pub extern "C" fn SSL_load_error_strings() {}

/// SSL_get_ex_new_index returns a new SSL ex_data index.
#[no_mangle]
pub extern "C" fn SSL_get_ex_new_index(
    argl: c_long,
    argp: *mut c_void,
    n: *mut c_void,
    d: *mut c_void,
    f: *mut c_void,
) -> c_int {
    CRYPTO_get_ex_new_index(crate::abi::consts::CRYPTO_EX_INDEX_SSL, argl, argp, n, d, f)
}

/// SSL_get_early_data_status says what became of TLS 1.3 early data (0-RTT):
/// SSL_EARLY_DATA_NOT_SENT, _REJECTED or _ACCEPTED. A client learns the
/// server's answer during the handshake (REJECTED until then, as OpenSSL); a
/// server reports ACCEPTED once early data arrived, REJECTED when the
/// ClientHello offered some it did not take.
#[no_mangle]
pub extern "C" fn SSL_get_early_data_status(s: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_early_data_status", 0, {
        Ok(ffi::borrow(s)?.early_data_status())
    })
}

/// The connection's early data limits (its own `SSL_set_*` values, else the context's).
fn early_limits(s: &SSL) -> crate::ssl::context::Tls13Extras {
    let ctx = s.ctx();
    let own = s.st.lock().overrides.tls13x.clone();
    own.unwrap_or_else(|| ctx.settings().tls13x.clone())
}

/// Changes this connection's TLS 1.3 extras (copied from its context first).
fn set_tls13x(s: &SSL, f: impl FnOnce(&mut crate::ssl::context::Tls13Extras)) {
    let mut x = early_limits(s);
    f(&mut x);
    s.st.lock().overrides.tls13x = Some(x);
}

/// SSL_get_max_early_data returns the early data a server announces in its
/// session tickets (`SSL_set_max_early_data`, else the context's).
#[no_mangle]
pub extern "C" fn SSL_get_max_early_data(s: *const SSL) -> u32 {
    ffi_boundary!("SSL_get_max_early_data", 0, {
        Ok(early_limits(ffi::borrow(s)?).max_early_data)
    })
}

/// SSL_set_max_early_data sets the early data (bytes) this server connection's
/// session tickets allow; 0 (the default) allows none. Returns 1.
#[no_mangle]
pub extern "C" fn SSL_set_max_early_data(s: *mut SSL, max_early_data: u32) -> c_int {
    ffi_boundary!("SSL_set_max_early_data", 0, {
        set_tls13x(ffi::borrow(s)?, |x| x.max_early_data = max_early_data);
        Ok(1)
    })
}

/// SSL_get_recv_max_early_data returns the most early data this server
/// connection accepts (16384 by default).
#[no_mangle]
pub extern "C" fn SSL_get_recv_max_early_data(s: *const SSL) -> u32 {
    ffi_boundary!("SSL_get_recv_max_early_data", 0, {
        Ok(early_limits(ffi::borrow(s)?).recv_max_early_data)
    })
}

/// SSL_set_recv_max_early_data sets the most early data this server
/// connection accepts; rustls has one limit for both, so a ticket announces
/// the smaller of this and `SSL_set_max_early_data`. Returns 1.
#[no_mangle]
pub extern "C" fn SSL_set_recv_max_early_data(s: *mut SSL, recv_max_early_data: u32) -> c_int {
    ffi_boundary!("SSL_set_recv_max_early_data", 0, {
        set_tls13x(ffi::borrow(s)?, |x| {
            x.recv_max_early_data = recv_max_early_data
        });
        Ok(1)
    })
}

/// SSL_read_early_data (server, before the handshake) reads TLS 1.3 early data:
/// SSL_READ_EARLY_DATA_SUCCESS (1) with `*readbytes` bytes,
/// SSL_READ_EARLY_DATA_FINISH (2) when no more will come (the handshake is then
/// complete: ferrossl reads the client's Finished before saying so), or
/// SSL_READ_EARLY_DATA_ERROR (0; `SSL_get_error` says why). Only a connection that
/// calls it accepts early data. Each ticket's early data is accepted at most once
/// (stateful tickets taken from the session cache, OpenSSL's default anti-replay).
#[no_mangle]
pub extern "C" fn SSL_read_early_data(
    s: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_read_early_data", 0, {
        let s = ffi::clone_arc(s)?;
        let buf = ffi::slice_mut_usize(buf as *mut u8, num.min(c_int::MAX as usize))?;
        let mut n = 0;
        let r = s.read_early_data(buf, &mut n);
        ffi::write_out(readbytes, n);
        Ok(r)
    })
}

/// SSL_write_early_data: on a client before its handshake, with a TLS 1.3
/// session (`SSL_set_session`) whose ticket allows early data, sends the
/// ClientHello and `buf` as early data (0-RTT); more calls add more, up to the
/// ticket's limit (beyond it: SSL_R_TOO_MUCH_EARLY_DATA). The handshake then
/// completes in SSL_connect / SSL_read / SSL_write; `SSL_get_early_data_status`
/// tells whether the server took the data (if not, send it again). On a server
/// that called SSL_read_early_data it writes once the handshake is complete
/// (ferrossl sends no 0.5-RTT data). Returns 1 with `*written`, or 0.
#[no_mangle]
pub extern "C" fn SSL_write_early_data(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_write_early_data", 0, {
        let s = ffi::clone_arc(s)?;
        let data = ffi::slice_usize(buf as *const u8, num.min(c_int::MAX as usize))?;
        let mut n = 0;
        let r = s.write_early_data(data, &mut n);
        ffi::write_out(written, n);
        Ok(r)
    })
}

/// SSL_set1_cert_comp_preference sets this connection's RFC 8879 certificate
/// compression algorithms, in order (see `SSL_CTX_set1_cert_comp_preference`).
#[no_mangle]
pub extern "C" fn SSL_set1_cert_comp_preference(
    ssl: *mut SSL,
    algs: *mut c_int,
    len: usize,
) -> c_int {
    ffi_boundary!("SSL_set1_cert_comp_preference", 0, {
        let s = ffi::borrow(ssl)?;
        let prefs = crate::ssl::certcomp::preference(ffi::ints(algs, len)?)?;
        set_tls13x(s, |x| x.cert_comp = prefs);
        Ok(1)
    })
}

/// SSL_compress_certs checks that this connection's certificate chains
/// compress with `alg` (0: every preferred algorithm): 1 if one comes out
/// smaller. ferrossl's server compresses its chain when a client asks (rustls
/// keeps the result), so this need not precede a handshake.
#[no_mangle]
pub extern "C" fn SSL_compress_certs(ssl: *mut SSL, alg: c_int) -> c_int {
    ffi_boundary!("SSL_compress_certs", 0, {
        let s = ffi::borrow(ssl)?;
        let chains: Vec<_> = s.certified_keys().iter().map(|k| k.cert.clone()).collect();
        let prefs = early_limits(s).cert_comp;
        match crate::ssl::certcomp::compress_all(&chains, &prefs, alg)? {
            true => Ok(1),
            false => Err(Error::ssl(crate::abi::reasons::SSL_R_NO_CERTIFICATE_SET)
                .data("no certificate compresses with that algorithm")),
        }
    })
}

// ---------------------------------------------------------------------------
// Handshake state and alert names (for info callbacks and logs).

/// SSL_get_state returns TLS_ST_OK (1) once the handshake is complete, else
/// TLS_ST_BEFORE (0): ferrossl does not expose rustls's intermediate states.
#[no_mangle]
pub extern "C" fn SSL_get_state(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_get_state", {
        Ok(ffi::borrow(ssl)?.handshake_done() as c_int)
    })
}

/// SSL_state_string_long names the state SSL_get_state reports, with OpenSSL's
/// wording ("SSL negotiation finished successfully", "before SSL initialization").
#[no_mangle]
pub extern "C" fn SSL_state_string_long(ssl: *const SSL) -> *const c_char {
    ffi_boundary!("SSL_state_string_long", {
        Ok(if ffi::borrow(ssl)?.handshake_done() {
            c"SSL negotiation finished successfully".as_ptr()
        } else {
            c"before SSL initialization".as_ptr()
        })
    })
}

/// SSL_state_string is SSL_state_string_long's six-character form ("SSLOK ",
/// "PINIT ").
#[no_mangle]
pub extern "C" fn SSL_state_string(ssl: *const SSL) -> *const c_char {
    ffi_boundary!("SSL_state_string", {
        Ok(if ffi::borrow(ssl)?.handshake_done() {
            c"SSLOK ".as_ptr()
        } else {
            c"PINIT ".as_ptr()
        })
    })
}

/// SSL_alert_type_string_long names an info callback's alert `value` level
/// (`value >> 8`): "warning", "fatal" or "unknown".
#[no_mangle]
pub extern "C" fn SSL_alert_type_string_long(value: c_int) -> *const c_char {
    ffi_boundary!("SSL_alert_type_string_long", {
        Ok(match value >> 8 {
            1 => c"warning".as_ptr(),
            2 => c"fatal".as_ptr(),
            _ => c"unknown".as_ptr(),
        })
    })
}

/// SSL_alert_type_string: "W", "F" or "U".
#[no_mangle]
pub extern "C" fn SSL_alert_type_string(value: c_int) -> *const c_char {
    ffi_boundary!("SSL_alert_type_string", {
        Ok(match value >> 8 {
            1 => c"W".as_ptr(),
            2 => c"F".as_ptr(),
            _ => c"U".as_ptr(),
        })
    })
}

/// OpenSSL's alert descriptions (long, short) by alert number.
fn alert_desc(value: c_int) -> (&'static std::ffi::CStr, &'static std::ffi::CStr) {
    match value & 0xff {
        0 => (c"close notify", c"CN"),
        10 => (c"unexpected_message", c"UM"),
        20 => (c"bad record mac", c"BM"),
        21 => (c"decryption failed", c"DC"),
        22 => (c"record overflow", c"RO"),
        30 => (c"decompression failure", c"DF"),
        40 => (c"handshake failure", c"HF"),
        41 => (c"no certificate", c"NC"),
        42 => (c"bad certificate", c"BC"),
        43 => (c"unsupported certificate", c"UC"),
        44 => (c"certificate revoked", c"CR"),
        45 => (c"certificate expired", c"CE"),
        46 => (c"certificate unknown", c"CU"),
        47 => (c"illegal parameter", c"IP"),
        48 => (c"unknown CA", c"CA"),
        49 => (c"access denied", c"AD"),
        50 => (c"decode error", c"DE"),
        51 => (c"decrypt error", c"CY"),
        60 => (c"export restriction", c"ER"),
        70 => (c"protocol version", c"PV"),
        71 => (c"insufficient security", c"IS"),
        80 => (c"internal error", c"IE"),
        90 => (c"user canceled", c"US"),
        100 => (c"no renegotiation", c"NR"),
        110 => (c"unsupported extension", c"UE"),
        111 => (c"certificate unobtainable", c"CO"),
        112 => (c"unrecognized name", c"UN"),
        113 => (c"bad certificate status response", c"BR"),
        114 => (c"bad certificate hash value", c"BH"),
        115 => (c"unknown PSK identity", c"UP"),
        116 => (c"certificate required", c"CQ"),
        120 => (c"no application protocol", c"AP"),
        _ => (c"unknown", c"UK"),
    }
}

/// SSL_alert_desc_string_long names the alert in `value & 0xff` ("close notify",
/// "handshake failure", ...; "unknown" otherwise), as OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string_long(value: c_int) -> *const c_char {
    ffi_boundary!("SSL_alert_desc_string_long", {
        Ok(alert_desc(value).0.as_ptr())
    })
}

/// SSL_alert_desc_string: the two-letter form ("CN", "HF", ...; "UK").
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string(value: c_int) -> *const c_char {
    ffi_boundary!("SSL_alert_desc_string", {
        Ok(alert_desc(value).1.as_ptr())
    })
}

/// SSL_add_file_cert_subjects_to_stack appends the subject names of the PEM
/// certificates in `file` to `stack` (a STACK_OF(X509_NAME)), skipping names already
/// in it; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn SSL_add_file_cert_subjects_to_stack(
    stack: *mut crate::crypto::stack::OPENSSL_STACK,
    file: *const c_char,
) -> c_int {
    ffi_boundary!("SSL_add_file_cert_subjects_to_stack", {
        let stack = ffi::borrow(stack)?;
        let data = crate::crypto::pkey::read_file(ffi::cstr(file)?)?;
        let certs = crate::crypto::pem::certs_from_pem(&data)?;
        let mut known: Vec<Vec<u8>> = stack
            .to_vec()
            .into_iter()
            .filter_map(|p| ffi::borrow(p as *const crate::crypto::x509::X509_NAME).ok())
            .map(|n| n.der().to_vec())
            .collect();
        let mut new = Vec::new();
        for c in &certs {
            let name = c.subject_arc();
            if !known.iter().any(|k| k.as_slice() == name.der()) {
                known.push(name.der().to_vec());
                new.push(ffi::into_raw(name) as *mut c_void);
            }
        }
        stack.with(|v| v.extend(new.into_iter().map(ffi::Ptr)))?;
        Ok(1)
    })
}

/// SSL_add_dir_cert_subjects_to_stack does `SSL_add_file_cert_subjects_to_stack`
/// for every file in directory `dir` (in name order); 1, or 0 on the first error.
#[no_mangle]
pub extern "C" fn SSL_add_dir_cert_subjects_to_stack(
    stack: *mut crate::crypto::stack::OPENSSL_STACK,
    dir: *const c_char,
) -> c_int {
    ffi_boundary!("SSL_add_dir_cert_subjects_to_stack", {
        ffi::borrow(stack)?;
        let dir = ffi::cstr(dir)?;
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Error::from_io(&e).data(&format!("calling opendir({dir})")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let f = std::ffi::CString::new(f.into_os_string().into_encoded_bytes())
                .map_err(|_| Error::null_pointer())?;
            if SSL_add_file_cert_subjects_to_stack(stack, f.as_ptr()) != 1 {
                return Ok(0);
            }
        }
        Ok(1)
    })
}

/// SSL_set_block_padding: 0 and 1 (no padding, as in OpenSSL) return 1.
/// Limit: larger block sizes fail with 0 and an ERR entry: rustls 0.23 cannot
/// pad TLS 1.3 records (docs/compat.md); above 16384 OpenSSL refuses too.
#[no_mangle]
pub extern "C" fn SSL_set_block_padding(ssl: *mut SSL, block_size: usize) -> c_int {
    ffi_boundary!("SSL_set_block_padding", 0, {
        ffi::borrow(ssl)?;
        crate::ssl::record::block_padding(block_size)?;
        Ok(1)
    })
}

/// SSL_set_block_padding_ex: as SSL_set_block_padding for the
/// application-data and handshake block sizes: only 0 and 1 (no padding).
#[no_mangle]
pub extern "C" fn SSL_set_block_padding_ex(
    ssl: *mut SSL,
    app_block_size: usize,
    hs_block_size: usize,
) -> c_int {
    ffi_boundary!("SSL_set_block_padding_ex", 0, {
        ffi::borrow(ssl)?;
        crate::ssl::record::block_padding(app_block_size)?;
        crate::ssl::record::block_padding(hs_block_size)?;
        Ok(1)
    })
}

/// SSL_set_record_padding_callback: NULL (no padding) returns 1.
/// Limit: a callback is refused with 0 and an ERR entry: rustls 0.23 cannot
/// pad TLS 1.3 records (docs/compat.md).
#[no_mangle]
pub extern "C" fn SSL_set_record_padding_callback(
    ssl: *mut SSL,
    cb: crate::entry::ssl::ssl_ctx::SSL_record_padding_cb,
) -> c_int {
    ffi_boundary!("SSL_set_record_padding_callback", 0, {
        ffi::borrow(ssl)?;
        if cb.is_some() {
            return Err(Error::unsupported(
                "a record padding callback (rustls 0.23 cannot pad TLS 1.3 records)",
            ));
        }
        Ok(1)
    })
}

/// SSL_get0_group_name (OpenSSL 3.2): the TLS name of the group the
/// handshake's key exchange used ("X25519MLKEM768", "x25519", "secp256r1",
/// ...), or NULL before the handshake (or for a TLS 1.2 RSA key exchange).
#[no_mangle]
pub extern "C" fn SSL_get0_group_name(ssl: *mut SSL) -> *const c_char {
    ffi_boundary!("SSL_get0_group_name", std::ptr::null(), {
        let g = ffi::borrow(ssl)?.negotiated().group;
        Ok(g.and_then(crate::entry::ssl::ctrl::group_name)
            .map_or(std::ptr::null(), |n| n.as_ptr()))
    })
}

/// SSL_group_to_name: the TLS name of the group with OpenSSL's NID `id` (as
/// `SSL_get_negotiated_group` and `SSL_get_shared_group` return them,
/// `TLSEXT_nid_unknown | id` for groups without a NID such as
/// X25519MLKEM768), or NULL for a group ferrossl does not know.
#[no_mangle]
pub extern "C" fn SSL_group_to_name(ssl: *mut SSL, id: c_int) -> *const c_char {
    ffi_boundary!("SSL_group_to_name", std::ptr::null(), {
        ffi::borrow(ssl)?;
        Ok(crate::entry::ssl::ctrl::nid_group(id)
            .and_then(crate::entry::ssl::ctrl::group_name)
            .map_or(std::ptr::null(), |n| n.as_ptr()))
    })
}
