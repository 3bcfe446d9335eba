//! `md5.h`: the legacy `MD5_*` calls; the state lives in the caller's `MD5_CTX`.

use crate::crypto::digest::{legacy_final, legacy_init, legacy_update, Legacy};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_int, c_void};

// Legacy low-level digests (Racket): the state lives in the caller's
// MD5_CTX / SHA_CTX, in OpenSSL's layout (see `compat::Legacy`).

pub(crate) fn legacy_ctx<'a>(c: *mut c_void, alg: Legacy) -> Result<&'a mut [u8], Error> {
    if c.is_null() {
        return Err(Error::null_pointer());
    }
    ffi::slice_mut_usize(c as *mut u8, alg.ctx_size())
}

/// MD5_Init starts an MD5 computation in the caller's `MD5_CTX` (OpenSSL's
/// layout). Returns 1, 0 if `c` is NULL.
#[no_mangle]
pub extern "C" fn MD5_Init(c: *mut c_void) -> c_int {
    ffi_boundary!("MD5_Init", {
        legacy_init(Legacy::Md5, legacy_ctx(c, Legacy::Md5)?)?;
        Ok(1)
    })
}

/// MD5_Update hashes `len` bytes at `data`. Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn MD5_Update(c: *mut c_void, data: *const c_void, len: usize) -> c_int {
    ffi_boundary!("MD5_Update", {
        legacy_update(
            Legacy::Md5,
            legacy_ctx(c, Legacy::Md5)?,
            ffi::slice_usize(data as *const u8, len)?,
        )?;
        Ok(1)
    })
}

/// MD5_Final writes the 16-byte digest to `md` and wipes `c`. Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn MD5_Final(md: *mut u8, c: *mut c_void) -> c_int {
    ffi_boundary!("MD5_Final", {
        legacy_final(
            Legacy::Md5,
            legacy_ctx(c, Legacy::Md5)?,
            ffi::slice_mut_usize(md, 16)?,
        )?;
        Ok(1)
    })
}
