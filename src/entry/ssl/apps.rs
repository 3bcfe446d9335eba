//! `ssl.h` queries that OpenSSL's `s_client` / `s_server` make on every
//! connection, where ferrossl has no answer beyond OpenSSL's "none" value.
//! They answer it without queuing an error: a queued error would turn the
//! tool's next `SSL_get_error` into `SSL_ERROR_SSL`.

use crate::ssl::connection::SSL;
use std::ffi::{c_int, c_void};

/// SSL_is_dtls returns 0: ferrossl speaks TLS only.
#[no_mangle]
pub extern "C" fn SSL_is_dtls(_s: *const SSL) -> c_int {
    0
}

/// SSL_get0_dane_authority returns -1 (no DANE TLSA record matched):
/// ferrossl does not implement DANE (`SSL_dane_enable` is a stub), so no
/// connection has DANE authority.
#[no_mangle]
pub extern "C" fn SSL_get0_dane_authority(
    _s: *mut SSL,
    _mcert: *mut c_void,
    _mspki: *mut c_void,
) -> c_int {
    -1
}

/// SSL_get_peer_signature_type_nid returns 0 with `*pnid` untouched: rustls
/// does not say which signature scheme the peer used, so ferrossl reports
/// none (OpenSSL's answer before a signature is seen), with no error queued.
#[no_mangle]
pub extern "C" fn SSL_get_peer_signature_type_nid(_s: *const SSL, _pnid: *mut c_int) -> c_int {
    0
}

/// SSL_get_sigalgs returns 0 (no signature algorithms to list): rustls does
/// not expose the peer's list; the outputs are left untouched.
#[no_mangle]
pub extern "C" fn SSL_get_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    _psign: *mut c_int,
    _phash: *mut c_int,
    _psignhash: *mut c_int,
    _rsig: *mut u8,
    _rhash: *mut u8,
) -> c_int {
    0
}

/// SSL_get_shared_sigalgs returns 0 (none to list), as SSL_get_sigalgs.
#[no_mangle]
pub extern "C" fn SSL_get_shared_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    _psign: *mut c_int,
    _phash: *mut c_int,
    _psignhash: *mut c_int,
    _rsig: *mut u8,
    _rhash: *mut u8,
) -> c_int {
    0
}

/// SSL_ct_is_enabled returns 0: ferrossl does not do Certificate
/// Transparency checks (`SSL_enable_ct` is a stub).
#[no_mangle]
pub extern "C" fn SSL_ct_is_enabled(_s: *const SSL) -> c_int {
    0
}

/// SSL_get0_peer_CA_list returns NULL: the CA names a peer sends are not
/// exposed by rustls (OpenSSL's answer when none were sent).
#[no_mangle]
pub extern "C" fn SSL_get0_peer_CA_list(_s: *const SSL) -> *const c_void {
    std::ptr::null()
}

/// The PEM label of a session, as OpenSSL writes it.
const SESSION_PEM_LABEL: &str = "SSL SESSION PARAMETERS";

/// PEM_write_bio_SSL_SESSION writes `x` as an "SSL SESSION PARAMETERS" PEM
/// block holding `i2d_SSL_SESSION`'s encoding (ferrossl's own; see
/// `i2d_SSL_SESSION` for what another process can do with a client
/// session). 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn PEM_write_bio_SSL_SESSION(
    bp: *mut crate::crypto::bio::BIO,
    x: *const crate::ssl::session::SSL_SESSION,
) -> c_int {
    ffi_boundary!("PEM_write_bio_SSL_SESSION", 0, {
        let der = crate::ffi::borrow(x)?.encode();
        crate::entry::crypto::pem::write_pem(bp, SESSION_PEM_LABEL, &der)
    })
}

/// PEM_read_bio_SSL_SESSION reads the next "SSL SESSION PARAMETERS" PEM
/// block from `bp` and decodes it as `d2i_SSL_SESSION` does (ferrossl's
/// encoding, or OpenSSL's, never resumable); stores it in `*x` too when `x`
/// is non-NULL. `cb`/`u` are unused (sessions are not encrypted). NULL and
/// an error on failure.
#[no_mangle]
pub extern "C" fn PEM_read_bio_SSL_SESSION(
    bp: *mut crate::crypto::bio::BIO,
    x: *mut *mut crate::ssl::session::SSL_SESSION,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut crate::ssl::session::SSL_SESSION {
    ffi_boundary!("PEM_read_bio_SSL_SESSION", {
        let bio = crate::ffi::borrow(bp)?;
        let der = crate::entry::crypto::pem::read_der(bio, |l| l == SESSION_PEM_LABEL.as_bytes())?;
        let (s, _) = crate::ssl::session::ssl_session_st::decode(&der)?;
        let out = crate::ffi::into_raw(std::sync::Arc::new(s));
        crate::ffi::replace_out(x, out, |old| crate::ffi::release(old));
        Ok(out)
    })
}

/// SSL_get0_peername returns NULL: ferrossl does not record which of the
/// names set with `SSL_set1_host` / `SSL_add1_host` matched (OpenSSL's
/// answer when no host name check was asked for).
#[no_mangle]
pub extern "C" fn SSL_get0_peername(_s: *mut SSL) -> *const std::ffi::c_char {
    std::ptr::null()
}

/// SSL_get_selected_srtp_profile returns NULL: ferrossl does no DTLS-SRTP.
#[no_mangle]
pub extern "C" fn SSL_get_selected_srtp_profile(_s: *mut SSL) -> *mut c_void {
    std::ptr::null_mut()
}

/// SSL_SESSION_print writes the session's fields ferrossl keeps, in
/// OpenSSL's layout: "SSL-Session:", Protocol, Session-ID (empty for a
/// client session, see `SSL_SESSION_get_id`), Start Time and Timeout.
/// Not printed: the cipher, master key / resumption PSK, ticket and verify
/// result, which ferrossl's session object does not keep. 1, or 0 if the
/// BIO write fails.
#[no_mangle]
pub extern "C" fn SSL_SESSION_print(
    bp: *mut crate::crypto::bio::BIO,
    x: *const crate::ssl::session::SSL_SESSION,
) -> c_int {
    ffi_boundary!("SSL_SESSION_print", 0, {
        let bio = crate::ffi::borrow(bp)?;
        let s = crate::ffi::borrow(x)?;
        let proto = match s.version() {
            0x0304 => "TLSv1.3",
            0x0303 => "TLSv1.2",
            0x0302 => "TLSv1.1",
            0x0301 => "TLSv1",
            _ => "unknown",
        };
        let id: String = s.id().iter().map(|b| format!("{b:02X}")).collect();
        let mut out = format!("SSL-Session:\n    Protocol  : {proto}\n    Session-ID: {id}\n");
        if s.time() != 0 {
            out.push_str(&format!("    Start Time: {}\n", s.time()));
        }
        if s.timeout() != 0 {
            out.push_str(&format!("    Timeout   : {} (sec)\n", s.timeout()));
        }
        Ok(c_int::from(bio.write_all(out.as_bytes())))
    })
}

/// SSL_clear readies `s` for a new connection. ferrossl does this for an
/// SSL whose handshake has not begun (what `s_server` and others do right
/// after SSL_new): 1. On a used connection it is not supported: 0 and an
/// error (free it and make a new SSL instead).
#[no_mangle]
pub extern "C" fn SSL_clear(s: *mut SSL) -> c_int {
    ffi_boundary!("SSL_clear", 0, {
        if crate::ffi::borrow(s)?.untouched() {
            Ok(1)
        } else {
            Err(crate::crypto::err::Error::unsupported(
                "SSL_clear on a connection whose handshake has begun",
            ))
        }
    })
}
