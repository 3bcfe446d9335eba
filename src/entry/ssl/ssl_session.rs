//! `ssl.h`: `SSL_SESSION`: saved sessions, their getters and encoding.

use crate::abi::reasons::{SSL_R_BAD_LENGTH, SSL_R_SSL_SESSION_ID_TOO_LONG};
use crate::crypto::err::Error;
use crate::ffi;
use crate::ssl::session::{ssl_session_st, SSL_SESSION};
use std::ffi::{c_int, c_long, c_uint, c_ulong};
use std::sync::Arc;

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

/// SSL_SESSION_new returns an empty session (not resumable), or NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_new() -> *mut SSL_SESSION {
    ffi_boundary!("SSL_SESSION_new", {
        Ok(ffi::into_raw(Arc::new(ssl_session_st::empty())))
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
        Ok(ffi::borrow(s)?.time() as c_long)
    })
}

/// SSL_SESSION_set_time sets when the session was made; returns `t`, or 0
/// for a NULL session.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_time(s: *mut SSL_SESSION, t: c_long) -> c_long {
    ffi_boundary!("SSL_SESSION_set_time", {
        if s.is_null() {
            return Ok(0);
        }
        ffi::borrow(s)?.set_time(t);
        Ok(t)
    })
}

/// SSL_SESSION_get_max_early_data returns the TLS 1.3 early data (bytes) a
/// client session's ticket allows (0: none, and for other sessions).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_max_early_data(s: *const SSL_SESSION) -> u32 {
    ffi_boundary!("SSL_SESSION_get_max_early_data", 0, {
        Ok(ffi::borrow(s)?.max_early_data())
    })
}

/// SSL_SESSION_get_timeout returns the session's lifetime in seconds (the
/// context's `SSL_CTX_set_timeout` when it was made, 7200 by default).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_timeout(s: *const SSL_SESSION) -> c_long {
    ffi_boundary!("SSL_SESSION_get_timeout", {
        // OpenSSL: 0 for a NULL session, not an error.
        if s.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(s)?.timeout() as c_long)
    })
}

/// SSL_SESSION_set_timeout sets the session's lifetime in seconds; 1, or 0
/// for a NULL session or a negative `t`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_timeout(s: *mut SSL_SESSION, t: c_long) -> c_long {
    ffi_boundary!("SSL_SESSION_set_timeout", {
        if s.is_null() || t < 0 {
            return Ok(0);
        }
        ffi::borrow(s)?.set_timeout(t);
        Ok(1)
    })
}

/// SSL_SESSION_get_protocol_version returns the session's TLS version.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_protocol_version(s: *const SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_get_protocol_version", {
        Ok(ffi::borrow(s)?.version())
    })
}

/// SSL_SESSION_get_id returns the session ID and its length in `*len`: a
/// server session's is the TLS 1.2 session ID (or TLS 1.3 stateful ticket
/// ID) rustls filed it under; a client session's is empty unless set with
/// `SSL_SESSION_set1_id` (rustls keeps the server's ID to itself). The
/// pointer stays valid until the ID is set again or the session is freed.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_id(s: *const SSL_SESSION, len: *mut c_uint) -> *const u8 {
    ffi_boundary!("SSL_SESSION_get_id", {
        ffi::write_out(len, 0);
        let (p, n) = ffi::borrow(s)?.id_ptr();
        ffi::write_out(len, n as c_uint);
        Ok(p)
    })
}

/// SSL_SESSION_set1_id sets the session ID (at most 32 bytes); 1, or 0
/// with `SSL_R_SSL_SESSION_ID_TOO_LONG`.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_id(
    s: *mut SSL_SESSION,
    sid: *const u8,
    sid_len: c_uint,
) -> c_int {
    ffi_boundary!("SSL_SESSION_set1_id", {
        let s = ffi::borrow(s)?;
        if sid_len > 32 {
            return Err(Error::ssl(SSL_R_SSL_SESSION_ID_TOO_LONG));
        }
        let id = if sid_len == 0 {
            &[][..]
        } else {
            ffi::slice_usize(sid, sid_len as usize)?
        };
        s.set_id(id);
        Ok(1)
    })
}

/// SSL_SESSION_has_ticket returns 1 if a client session can be resumed
/// (rustls client sessions are tickets or TLS 1.2 IDs it keeps), else 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int {
    ffi_boundary!("SSL_SESSION_has_ticket", {
        let s = ffi::borrow(s)?;
        Ok(c_int::from(!s.is_server() && s.is_resumable()))
    })
}

/// SSL_SESSION_get_ticket_lifetime_hint returns 0 (no hint recorded).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ticket_lifetime_hint(_s: *const SSL_SESSION) -> c_ulong {
    0
}

/// i2d_SSL_SESSION encodes the session in ferrossl's own DER format (not
/// OpenSSL's), with the i2d conventions: `pp` NULL returns the length only;
/// else writes at `*pp` and advances it (`*pp` NULL: a new OPENSSL_malloc
/// buffer). A server session's encoding holds everything a server needs to
/// resume it, in any process. A client session cannot be rebuilt from bytes
/// (rustls has no public constructor for its session values): its encoding
/// holds a random token under which the session is kept in a process-wide
/// registry until it times out, so `d2i_SSL_SESSION` in the same process gives
/// back a resumable session and anywhere else a non-resumable one.
#[no_mangle]
pub extern "C" fn i2d_SSL_SESSION(s: *const SSL_SESSION, pp: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_SSL_SESSION", {
        let der = ffi::borrow(s)?.encode();
        crate::entry::crypto::x509::i2d_out(&der, pp)
    })
}

/// d2i_SSL_SESSION decodes a session from the `length` bytes at `*pp` and
/// advances `*pp` past it; the new session is also stored in `*a` when `a`
/// is non-NULL (releasing the old one). ferrossl's own encoding (see
/// `i2d_SSL_SESSION`: a client session from another process is not
/// resumable) or OpenSSL's (never resumable: its version and ID are kept, a
/// full handshake follows). Anything else: NULL and an error.
#[no_mangle]
pub extern "C" fn d2i_SSL_SESSION(
    a: *mut *mut SSL_SESSION,
    pp: *mut *const u8,
    length: c_long,
) -> *mut SSL_SESSION {
    ffi_boundary!("d2i_SSL_SESSION", {
        let p = ffi::read_in(pp as *const *mut u8).ok_or_else(Error::null_pointer)?;
        let len = usize::try_from(length).map_err(|_| Error::ssl(SSL_R_BAD_LENGTH))?;
        let data = ffi::slice_usize(p, len)?;
        let (s, used) = ssl_session_st::decode(data)?;
        let out = ffi::into_raw(Arc::new(s));
        ffi::replace_out(a, out, |old| ffi::release(old));
        ffi::write_out(pp, p.wrapping_add(used) as *const u8);
        Ok(out)
    })
}
