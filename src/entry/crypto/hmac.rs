//! `hmac.h`: HMAC over aws-lc's `HMAC_CTX`, with any `EVP_MD` ferrossl offers.

use crate::abi::reasons::{ERR_LIB_EVP, EVP_R_NO_DIGEST_SET};
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::entry::crypto::evp::static_md;
use crate::ffi;
use crate::ffi::lc::HmacCtx;
use parking_lot::Mutex;
use std::cell::RefCell;
use std::ffi::{c_int, c_uint, c_void};
use std::sync::Arc;

/// An HMAC in progress: the digest and aws-lc's context (keyed).
pub struct hmac_ctx_st {
    state: Mutex<Option<(&'static EVP_MD, HmacCtx)>>,
}
crate::handle!(Shared: hmac_ctx_st);
pub type HMAC_CTX = hmac_ctx_st;

fn with_hmac<T>(
    ctx: *const HMAC_CTX,
    f: impl FnOnce(&mut Option<(&'static EVP_MD, HmacCtx)>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut st = ffi::borrow(ctx)?
        .state
        .try_lock()
        .ok_or_else(|| Error::internal("HMAC_CTX used concurrently"))?;
    f(&mut st)
}

fn no_digest() -> Error {
    Error::new(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET)
}

/// HMAC_CTX_new returns a new context, freed with `HMAC_CTX_free`.
#[no_mangle]
pub extern "C" fn HMAC_CTX_new() -> *mut HMAC_CTX {
    ffi_boundary!("HMAC_CTX_new", {
        Ok(ffi::into_raw(Arc::new(HMAC_CTX {
            state: Mutex::new(None),
        })))
    })
}

/// HMAC_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn HMAC_CTX_free(ctx: *mut HMAC_CTX) {
    ffi_boundary!("HMAC_CTX_free", {
        ffi::release(ctx);
        Ok(())
    })
}

/// HMAC_CTX_reset clears `ctx` (key and digest). Returns 1.
#[no_mangle]
pub extern "C" fn HMAC_CTX_reset(ctx: *mut HMAC_CTX) -> c_int {
    ffi_boundary!("HMAC_CTX_reset", {
        with_hmac(ctx, |st| {
            *st = None;
            Ok(1)
        })
    })
}

/// HMAC_Init_ex keys `ctx` with `len` bytes of `key` and digest `md` (the
/// engine is ignored). A NULL `key` keeps the current key, with the same
/// digest (`md` NULL or unchanged), and restarts the MAC. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn HMAC_Init_ex(
    ctx: *mut HMAC_CTX,
    key: *const c_void,
    len: c_int,
    md: *const EVP_MD,
    _impl: *mut c_void,
) -> c_int {
    ffi_boundary!("HMAC_Init_ex", {
        let md = if md.is_null() {
            None
        } else {
            Some(static_md(md)?)
        };
        with_hmac(ctx, |st| {
            if key.is_null() {
                let (m, h) = st.as_mut().ok_or_else(no_digest)?;
                if md.is_some_and(|md| !std::ptr::eq(md, *m)) {
                    return Err(Error::invalid_argument("a new digest needs a key"));
                }
                return Ok(c_int::from(h.reset()));
            }
            let md = md.or(st.as_ref().map(|s| s.0)).ok_or_else(no_digest)?;
            let key = ffi::slice(key as *const u8, len)?;
            let h = HmacCtx::new(md.alg, key)
                .ok_or_else(|| Error::internal("aws-lc: HMAC_Init_ex failed"))?;
            *st = Some((md, h));
            Ok(1)
        })
    })
}

/// HMAC_Update adds `len` bytes of `data`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn HMAC_Update(ctx: *mut HMAC_CTX, data: *const u8, len: usize) -> c_int {
    ffi_boundary!("HMAC_Update", {
        let data = ffi::slice_usize(data, len)?;
        with_hmac(ctx, |st| {
            Ok(c_int::from(
                st.as_mut().ok_or_else(no_digest)?.1.update(data),
            ))
        })
    })
}

/// HMAC_Final writes the MAC to `md` (`HMAC_size` bytes) and its length to
/// `*len` (may be NULL). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn HMAC_Final(ctx: *mut HMAC_CTX, md: *mut u8, len: *mut c_uint) -> c_int {
    ffi_boundary!("HMAC_Final", {
        with_hmac(ctx, |st| {
            let (m, h) = st.as_mut().ok_or_else(no_digest)?;
            let out = ffi::slice_mut_usize(md, m.size as usize)?;
            let n = h
                .finish(out)
                .ok_or_else(|| Error::internal("aws-lc: HMAC_Final failed"))?;
            ffi::write_out(len, n as c_uint);
            Ok(1)
        })
    })
}

/// HMAC_CTX_copy makes `dctx` a copy of `sctx`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn HMAC_CTX_copy(dctx: *mut HMAC_CTX, sctx: *mut HMAC_CTX) -> c_int {
    ffi_boundary!("HMAC_CTX_copy", {
        if std::ptr::eq(dctx, sctx) {
            return Ok(1);
        }
        let copy = with_hmac(sctx, |st| {
            let (m, h) = st.as_ref().ok_or_else(no_digest)?;
            let h = h
                .try_clone()
                .ok_or_else(|| Error::internal("aws-lc: HMAC_CTX_copy failed"))?;
            Ok((*m, h))
        })?;
        with_hmac(dctx, |st| {
            *st = Some(copy);
            Ok(1)
        })
    })
}

/// HMAC_CTX_get_md returns the digest `ctx` was keyed with, or NULL.
#[no_mangle]
pub extern "C" fn HMAC_CTX_get_md(ctx: *const HMAC_CTX) -> *const EVP_MD {
    ffi_boundary!("HMAC_CTX_get_md", {
        with_hmac(ctx, |st| {
            Ok(st
                .as_ref()
                .map_or(std::ptr::null(), |s| s.0 as *const EVP_MD))
        })
    })
}

/// HMAC_size returns the MAC length of `ctx`'s digest, or 0.
#[no_mangle]
pub extern "C" fn HMAC_size(ctx: *const HMAC_CTX) -> usize {
    ffi_boundary!("HMAC_size", {
        with_hmac(ctx, |st| Ok(st.as_ref().map_or(0, |s| s.0.size as usize)))
    })
}

thread_local! {
    /// OpenSSL's static result buffer for `HMAC` with a NULL `md` (one per
    /// thread here, so it is at least thread safe).
    static HMAC_OUT: RefCell<[u8; 64]> = const { RefCell::new([0; 64]) };
}

/// HMAC computes the MAC of `n` bytes of `d` under `key_len` bytes of `key`
/// with `evp_md` into `md` (with its length in `*md_len`, may be NULL) and
/// returns `md`; with a NULL `md`, into a per-thread buffer it returns.
/// NULL on error.
#[no_mangle]
pub extern "C" fn HMAC(
    evp_md: *const EVP_MD,
    key: *const c_void,
    key_len: c_int,
    d: *const u8,
    n: usize,
    md: *mut u8,
    md_len: *mut c_uint,
) -> *mut u8 {
    ffi_boundary!("HMAC", {
        let m = static_md(evp_md)?;
        let mut h = HmacCtx::new(m.alg, ffi::slice(key as *const u8, key_len)?)
            .ok_or_else(|| Error::internal("aws-lc: HMAC_Init_ex failed"))?;
        h.update(ffi::slice_usize(d, n)?);
        let size = m.size as usize;
        let out = if md.is_null() {
            HMAC_OUT.with(|b| b.borrow_mut().as_mut_ptr())
        } else {
            md
        };
        let len = h
            .finish(ffi::slice_mut_usize(out, size)?)
            .ok_or_else(|| Error::internal("aws-lc: HMAC_Final failed"))?;
        ffi::write_out(md_len, len as c_uint);
        Ok(out)
    })
}
