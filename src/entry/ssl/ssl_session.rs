//! `ssl.h`: `SSL_SESSION`: saved sessions, their getters and encoding.

use crate::crypto::err::Error;
use crate::ffi;
use crate::ssl::session::SSL_SESSION;
use std::ffi::{c_int, c_long, c_uint, c_ulong};

/// SSL_SESSION_free drops one reference (NULL: no-op).
#[no_mangle]
pub extern "C" fn SSL_SESSION_free(s: *mut SSL_SESSION) {
    ffi_boundary!("SSL_SESSION_free", {
        ffi::release(s);
        Ok(())
    })
}

/// SSL_SESSION_up_ref adds a reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_up_ref(s: *mut SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_up_ref", { ffi::up_ref(s) })
}

/// SSL_SESSION_is_resumable returns 1 if the session can still be resumed.
#[no_mangle]
pub extern "C" fn SSL_SESSION_is_resumable(s: *const SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_is_resumable", {
        Ok(ffi::borrow(s)?.is_resumable() as c_int)
    })
}

/// SSL_SESSION_get_time returns when the session was made (seconds since 1970).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_time(s: *const SSL_SESSION) -> c_long {
    ffi_boundary!("SSL_SESSION_get_time", {
        // OpenSSL: 0 for a NULL session, not an error.
        if s.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(s)?.time)
    })
}

/// SSL_SESSION_get_protocol_version returns the session's TLS version.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_protocol_version(s: *const SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_get_protocol_version", {
        Ok(ffi::borrow(s)?.version)
    })
}

/// SSL_SESSION_get_id returns an empty session ID (`*len` = 0): rustls
/// sessions are resumed by ticket or by its own cache, never exposed by ID.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_id(
    s: *const crate::ssl::session::SSL_SESSION,
    len: *mut c_uint,
) -> *const u8 {
    ffi_boundary!("SSL_SESSION_get_id", {
        ffi::write_out(len, 0);
        ffi::borrow(s)?;
        Ok(c"".as_ptr() as *const u8)
    })
}

/// SSL_SESSION_has_ticket returns 1 if the session can be resumed (rustls
/// client sessions are tickets or TLS 1.2 IDs it keeps), else 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_has_ticket(s: *const crate::ssl::session::SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_has_ticket", {
        Ok(c_int::from(ffi::borrow(s)?.is_resumable()))
    })
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
    ffi_boundary!("SSL_SESSION_get_timeout", {
        // OpenSSL: 0 for a NULL session, not an error.
        Ok(if s.is_null() { 0 } else { 7200 })
    })
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
