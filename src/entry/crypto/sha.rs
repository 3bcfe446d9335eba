//! `sha.h`: the legacy `SHA1_*` calls; the state lives in the caller's `SHA_CTX`.

use crate::crypto::digest::{legacy_final, legacy_init, legacy_update, Legacy};
use crate::entry::legacy_ctx;
use crate::ffi;
use std::ffi::{c_int, c_void};

/// SHA1_Init starts a SHA-1 computation in the caller's `SHA_CTX`. Returns 1, 0 if `c` is NULL.
#[no_mangle]
pub extern "C" fn SHA1_Init(c: *mut c_void) -> c_int {
    ffi_boundary!("SHA1_Init", {
        legacy_init(Legacy::Sha1, legacy_ctx(c, Legacy::Sha1)?)?;
        Ok(1)
    })
}

/// SHA1_Update hashes `len` bytes at `data`. Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn SHA1_Update(c: *mut c_void, data: *const c_void, len: usize) -> c_int {
    ffi_boundary!("SHA1_Update", {
        legacy_update(
            Legacy::Sha1,
            legacy_ctx(c, Legacy::Sha1)?,
            ffi::slice_usize(data as *const u8, len)?,
        )?;
        Ok(1)
    })
}

/// SHA1_Final writes the 20-byte digest to `md` and wipes `c`. Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn SHA1_Final(md: *mut u8, c: *mut c_void) -> c_int {
    ffi_boundary!("SHA1_Final", {
        legacy_final(
            Legacy::Sha1,
            legacy_ctx(c, Legacy::Sha1)?,
            ffi::slice_mut_usize(md, 20)?,
        )?;
        Ok(1)
    })
}
