//! `rsa.h`: the legacy RSA calls programs still make.

use crate::crypto::err::Error;
use std::ffi::{c_int, c_void};

/// RSA_free does nothing: ferrossl never hands out RSA objects.
#[no_mangle]
pub extern "C" fn RSA_free(_rsa: *mut c_void) {}

/// RSA_generate_key (deprecated OpenSSL API, declared by cl+ssl) is not
/// supported: returns NULL with an error.
#[no_mangle]
pub extern "C" fn RSA_generate_key(
    _bits: c_int,
    _e: std::ffi::c_ulong,
    _cb: *mut c_void,
    _arg: *mut c_void,
) -> *mut c_void {
    ffi_boundary!("RSA_generate_key", {
        Err(Error::unsupported("RSA_generate_key (key generation)"))
    })
}
