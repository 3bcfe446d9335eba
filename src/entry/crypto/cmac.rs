//! `cmac.h`: OpenSSL's CMAC_CTX (deprecated in OpenSSL 3; python3-cryptography
//! 38 still calls it), over aws-lc's CMAC (`crypto/mackdf.rs`, `ffi/cipher.rs`).

use crate::crypto::cipher::EVP_CIPHER;
use crate::crypto::err::Error;
use crate::crypto::mackdf::{cmac_ctx_st, CMAC_CTX};
use crate::entry::crypto::evp_cipher::static_cipher;
use crate::ffi;
use std::ffi::{c_int, c_void};

/// CMAC_CTX_new returns a new CMAC context, freed with `CMAC_CTX_free`.
#[no_mangle]
pub extern "C" fn CMAC_CTX_new() -> *mut CMAC_CTX {
    ffi_boundary!("CMAC_CTX_new", {
        Ok(Box::into_raw(Box::new(cmac_ctx_st::default())))
    })
}

/// CMAC_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn CMAC_CTX_free(ctx: *mut CMAC_CTX) {
    ffi_boundary!("CMAC_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// CMAC_CTX_copy makes `out` a copy of `in` (cipher, key and the MAC so
/// far). 1 or 0.
#[no_mangle]
pub extern "C" fn CMAC_CTX_copy(out: *mut CMAC_CTX, r#in: *const CMAC_CTX) -> c_int {
    ffi_boundary!("CMAC_CTX_copy", {
        let src = ffi::borrow(r#in)?;
        let dst = ffi::borrow(out)?;
        if !std::ptr::eq(src, dst) {
            dst.copy_from(src)?;
        }
        Ok(1)
    })
}

/// CMAC_Init starts a CMAC with `key` (`keylen` bytes) under `cipher` (a
/// CBC cipher: AES-128/192/256-CBC, DES-EDE3-CBC); a NULL `cipher` keeps
/// the one set before, a NULL `key` waits for one, and all NULL restarts
/// the MAC with the same key. `impl` is ignored. 1 or 0.
#[no_mangle]
pub extern "C" fn CMAC_Init(
    ctx: *mut CMAC_CTX,
    key: *const c_void,
    keylen: usize,
    cipher: *const EVP_CIPHER,
    _impl: *mut c_void,
) -> c_int {
    ffi_boundary!("CMAC_Init", {
        let c = ffi::borrow(ctx)?;
        let cipher = if cipher.is_null() {
            None
        } else {
            Some(static_cipher(cipher)?)
        };
        let key = if key.is_null() {
            None
        } else {
            Some(ffi::slice_usize(key.cast(), keylen)?)
        };
        c.init(key, cipher)?;
        Ok(1)
    })
}

/// CMAC_Update adds `dlen` bytes at `data` to the MAC. 1 or 0.
#[no_mangle]
pub extern "C" fn CMAC_Update(ctx: *mut CMAC_CTX, data: *const c_void, dlen: usize) -> c_int {
    ffi_boundary!("CMAC_Update", {
        ffi::borrow(ctx)?.update(ffi::slice_usize(data.cast(), dlen)?)?;
        Ok(1)
    })
}

/// CMAC_Final writes the MAC (one cipher block) to `out` and its length to
/// `*poutlen`; `out` NULL: the length only. 1 or 0.
#[no_mangle]
pub extern "C" fn CMAC_Final(ctx: *mut CMAC_CTX, out: *mut u8, poutlen: *mut usize) -> c_int {
    ffi_boundary!("CMAC_Final", {
        let c = ffi::borrow(ctx)?;
        if poutlen.is_null() {
            return Err(Error::null_pointer());
        }
        let n = if out.is_null() {
            c.finish(None)?
        } else {
            let block = c.finish(None)?;
            c.finish(Some(ffi::slice_mut_usize(out, block)?))?
        };
        ffi::write_out(poutlen, n);
        Ok(1)
    })
}
