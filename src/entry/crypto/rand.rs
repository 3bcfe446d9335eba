//! `rand.h`: random bytes from aws-lc.

use crate::abi::reasons::ERR_LIB_RAND;
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_int, c_void};

/// RAND_bytes fills `buf` with `num` bytes from the system CSPRNG (via
/// aws-lc). 1 on success, 0 on error.
#[no_mangle]
pub extern "C" fn RAND_bytes(buf: *mut u8, num: c_int) -> c_int {
    ffi_boundary!("RAND_bytes", {
        let out = ffi::slice_mut(buf, num)?;
        aws_lc_rs::rand::fill(out).map_err(|_| Error::new(ERR_LIB_RAND, 0x80000 | 256))?;
        Ok(1)
    })
}

/// RAND_priv_bytes is RAND_bytes.
#[no_mangle]
pub extern "C" fn RAND_priv_bytes(buf: *mut u8, num: c_int) -> c_int {
    RAND_bytes(buf, num)
}

/// RAND_pseudo_bytes is RAND_bytes.
#[no_mangle]
pub extern "C" fn RAND_pseudo_bytes(buf: *mut u8, num: c_int) -> c_int {
    RAND_bytes(buf, num)
}

/// RAND_seed does nothing: the generator seeds itself.
#[no_mangle]
pub extern "C" fn RAND_seed(_buf: *const c_void, _num: c_int) {}

/// RAND_add does nothing: the generator seeds itself.
#[no_mangle]
pub extern "C" fn RAND_add(_buf: *const c_void, _num: c_int, _entropy: f64) {}

/// RAND_status returns 1 (always seeded).
#[no_mangle]
pub extern "C" fn RAND_status() -> c_int {
    1
}

/// RAND_poll returns 1.
#[no_mangle]
pub extern "C" fn RAND_poll() -> c_int {
    1
}
