//! `evp.h`, MACs: OpenSSL 3's `EVP_MAC` / `EVP_MAC_CTX` with `OSSL_PARAM`
//! settings (`crypto/mackdf.rs`); HMAC over aws-lc's.

use crate::crypto::mackdf::{self, evp_mac_ctx_st, EVP_MAC, EVP_MAC_CTX};
use crate::entry::crypto::params::OSSL_PARAM;
use crate::ffi;
use std::ffi::{c_char, c_int, c_void};

/// EVP_MAC_fetch returns the MAC named `algorithm` ("HMAC"); others: NULL
/// and `ERR_R_UNSUPPORTED`, as OpenSSL 3's fetch. `properties` must be
/// NULL or match the default provider.
#[no_mangle]
pub extern "C" fn EVP_MAC_fetch(
    _libctx: *mut c_void,
    algorithm: *const c_char,
    properties: *const c_char,
) -> *mut EVP_MAC {
    ffi_boundary!("EVP_MAC_fetch", {
        let props = (!properties.is_null())
            .then(|| ffi::cstr(properties))
            .transpose()?;
        Ok(mackdf::mac_fetch(ffi::cstr(algorithm)?, props)? as *const EVP_MAC as *mut EVP_MAC)
    })
}

/// EVP_MAC_free does nothing: ferrossl's `EVP_MAC`s are static.
#[no_mangle]
pub extern "C" fn EVP_MAC_free(_mac: *mut EVP_MAC) {}

/// EVP_MAC_up_ref returns 1: ferrossl's `EVP_MAC`s are static.
#[no_mangle]
pub extern "C" fn EVP_MAC_up_ref(_mac: *mut EVP_MAC) -> c_int {
    1
}

/// EVP_MAC_get0_name returns the MAC's name ("HMAC").
#[no_mangle]
pub extern "C" fn EVP_MAC_get0_name(mac: *const EVP_MAC) -> *const c_char {
    ffi_boundary!("EVP_MAC_get0_name", { Ok(ffi::borrow(mac)?.name.as_ptr()) })
}

/// EVP_MAC_is_a returns 1 if `mac` is named `name` (any case).
#[no_mangle]
pub extern "C" fn EVP_MAC_is_a(mac: *const EVP_MAC, name: *const c_char) -> c_int {
    ffi_boundary!("EVP_MAC_is_a", {
        let m = ffi::borrow(mac)?;
        Ok(c_int::from(m.name.to_str().is_ok_and(|n| {
            n.eq_ignore_ascii_case(ffi::cstr(name).unwrap_or(""))
        })))
    })
}

/// EVP_MAC_CTX_new returns a context for `mac`, freed with
/// `EVP_MAC_CTX_free`.
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_new(mac: *mut EVP_MAC) -> *mut EVP_MAC_CTX {
    ffi_boundary!("EVP_MAC_CTX_new", {
        let m = ffi::borrow(mac)?;
        let m: &'static EVP_MAC = mackdf::mac_fetch(m.name.to_str().unwrap_or(""), None)?;
        Ok(Box::into_raw(Box::new(evp_mac_ctx_st::new(m))))
    })
}

/// EVP_MAC_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_free(ctx: *mut EVP_MAC_CTX) {
    ffi_boundary!("EVP_MAC_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// EVP_MAC_CTX_dup returns a copy of `ctx` (a running MAC included).
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_dup(ctx: *const EVP_MAC_CTX) -> *mut EVP_MAC_CTX {
    ffi_boundary!("EVP_MAC_CTX_dup", {
        Ok(Box::into_raw(Box::new(ffi::borrow(ctx)?.try_clone()?)))
    })
}

/// EVP_MAC_CTX_get0_mac returns the MAC `ctx` was made for.
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_get0_mac(ctx: *mut EVP_MAC_CTX) -> *mut EVP_MAC {
    ffi_boundary!("EVP_MAC_CTX_get0_mac", {
        Ok(ffi::borrow(ctx)?.mac as *const EVP_MAC as *mut EVP_MAC)
    })
}

/// EVP_MAC_CTX_set_params applies `params`: "digest" (a UTF8 digest name)
/// and "key" (octets) for HMAC; 1, or 0 (unknown digest, wrong type).
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_set_params(
    ctx: *mut EVP_MAC_CTX,
    params: *const OSSL_PARAM,
) -> c_int {
    ffi_boundary!("EVP_MAC_CTX_set_params", {
        ffi::borrow(ctx)?.set_params(params)?;
        Ok(1)
    })
}

/// EVP_MAC_init starts a MAC with `key` (`keylen` bytes; NULL: the key set
/// before) after applying `params`: 1, or 0 (no digest, no key).
#[no_mangle]
pub extern "C" fn EVP_MAC_init(
    ctx: *mut EVP_MAC_CTX,
    key: *const u8,
    keylen: usize,
    params: *const OSSL_PARAM,
) -> c_int {
    ffi_boundary!("EVP_MAC_init", {
        let key = if key.is_null() {
            None
        } else {
            Some(ffi::slice_usize(key, keylen)?)
        };
        ffi::borrow(ctx)?.init(key, params)?;
        Ok(1)
    })
}

/// EVP_MAC_update adds `datalen` bytes at `data`: 1, or 0 (not started).
#[no_mangle]
pub extern "C" fn EVP_MAC_update(ctx: *mut EVP_MAC_CTX, data: *const u8, datalen: usize) -> c_int {
    ffi_boundary!("EVP_MAC_update", {
        ffi::borrow(ctx)?.update(ffi::slice_usize(data, datalen)?)?;
        Ok(1)
    })
}

/// EVP_MAC_final writes the MAC into `out` (`outsize` bytes, at least the
/// MAC size) and its length into `*outl`; with `out` NULL only the length:
/// 1, or 0.
#[no_mangle]
pub extern "C" fn EVP_MAC_final(
    ctx: *mut EVP_MAC_CTX,
    out: *mut u8,
    outl: *mut usize,
    outsize: usize,
) -> c_int {
    ffi_boundary!("EVP_MAC_final", {
        let c = ffi::borrow(ctx)?;
        let n = if out.is_null() {
            c.finish(None)?
        } else {
            c.finish(Some(ffi::slice_mut_usize(out, outsize)?))?
        };
        ffi::write_out(outl, n);
        Ok(1)
    })
}

/// EVP_MAC_CTX_get_mac_size returns the MAC's length (the digest's size;
/// 0 before a digest is set).
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_get_mac_size(ctx: *mut EVP_MAC_CTX) -> usize {
    ffi_boundary!("EVP_MAC_CTX_get_mac_size", {
        Ok(ffi::borrow(ctx)?.mac_size())
    })
}

/// EVP_MAC_CTX_get_block_size returns the digest's block size (0 before
/// a digest is set).
#[no_mangle]
pub extern "C" fn EVP_MAC_CTX_get_block_size(ctx: *mut EVP_MAC_CTX) -> usize {
    ffi_boundary!("EVP_MAC_CTX_get_block_size", {
        Ok(ffi::borrow(ctx)?.block_size())
    })
}
