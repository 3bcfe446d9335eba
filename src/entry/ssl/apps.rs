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
