//! `kdf.h`: OpenSSL 3's `EVP_KDF` / `EVP_KDF_CTX` with `OSSL_PARAM`
//! settings (`crypto/mackdf.rs`): HKDF, PBKDF2 and SCRYPT over aws-lc's.

use crate::crypto::mackdf::{self, evp_kdf_ctx_st, EVP_KDF, EVP_KDF_CTX};
use crate::entry::crypto::params::OSSL_PARAM;
use crate::ffi;
use std::ffi::{c_char, c_int, c_void};

/// EVP_KDF_fetch returns the KDF named `algorithm` ("HKDF", "PBKDF2",
/// "SCRYPT"); others: NULL and `ERR_R_UNSUPPORTED`, as OpenSSL 3's fetch.
#[no_mangle]
pub extern "C" fn EVP_KDF_fetch(
    _libctx: *mut c_void,
    algorithm: *const c_char,
    properties: *const c_char,
) -> *mut EVP_KDF {
    ffi_boundary!("EVP_KDF_fetch", {
        let props = (!properties.is_null())
            .then(|| ffi::cstr(properties))
            .transpose()?;
        Ok(mackdf::kdf_fetch(ffi::cstr(algorithm)?, props)? as *const EVP_KDF as *mut EVP_KDF)
    })
}

/// EVP_KDF_free does nothing: ferrossl's `EVP_KDF`s are static.
#[no_mangle]
pub extern "C" fn EVP_KDF_free(_kdf: *mut EVP_KDF) {}

/// EVP_KDF_up_ref returns 1: ferrossl's `EVP_KDF`s are static.
#[no_mangle]
pub extern "C" fn EVP_KDF_up_ref(_kdf: *mut EVP_KDF) -> c_int {
    1
}

/// EVP_KDF_get0_name returns the KDF's name ("HKDF", "PBKDF2", "SCRYPT").
#[no_mangle]
pub extern "C" fn EVP_KDF_get0_name(kdf: *const EVP_KDF) -> *const c_char {
    ffi_boundary!("EVP_KDF_get0_name", { Ok(ffi::borrow(kdf)?.name.as_ptr()) })
}

/// EVP_KDF_is_a returns 1 if `kdf` is named `name` (any case).
#[no_mangle]
pub extern "C" fn EVP_KDF_is_a(kdf: *const EVP_KDF, name: *const c_char) -> c_int {
    ffi_boundary!("EVP_KDF_is_a", {
        let k = ffi::borrow(kdf)?;
        let n = ffi::cstr(name)?;
        Ok(c_int::from(
            mackdf::kdf_fetch(n, None).is_ok_and(|f| std::ptr::eq(f, k)),
        ))
    })
}

/// EVP_KDF_CTX_new returns a context for `kdf` with OpenSSL 3's defaults,
/// freed with `EVP_KDF_CTX_free`.
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_new(kdf: *mut EVP_KDF) -> *mut EVP_KDF_CTX {
    ffi_boundary!("EVP_KDF_CTX_new", {
        let k = ffi::borrow(kdf)?;
        let k: &'static EVP_KDF = mackdf::kdf_fetch(k.name.to_str().unwrap_or(""), None)?;
        Ok(Box::into_raw(Box::new(evp_kdf_ctx_st::new(k))))
    })
}

/// EVP_KDF_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_free(ctx: *mut EVP_KDF_CTX) {
    ffi_boundary!("EVP_KDF_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// EVP_KDF_CTX_dup returns a copy of `ctx` and its parameters.
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_dup(ctx: *const EVP_KDF_CTX) -> *mut EVP_KDF_CTX {
    ffi_boundary!("EVP_KDF_CTX_dup", {
        Ok(Box::into_raw(Box::new(ffi::borrow(ctx)?.try_clone())))
    })
}

/// EVP_KDF_CTX_reset puts `ctx` back to its defaults.
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_reset(ctx: *mut EVP_KDF_CTX) {
    ffi_boundary!("EVP_KDF_CTX_reset", {
        ffi::borrow(ctx)?.reset();
        Ok(())
    })
}

/// EVP_KDF_CTX_kdf returns the KDF `ctx` was made for.
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_kdf(ctx: *mut EVP_KDF_CTX) -> *const EVP_KDF {
    ffi_boundary!("EVP_KDF_CTX_kdf", {
        Ok(ffi::borrow(ctx)?.kdf as *const EVP_KDF)
    })
}

/// EVP_KDF_CTX_set_params applies `params` (HKDF: "digest" "key" "salt"
/// "info" "mode"; PBKDF2: "pass" "salt" "iter" "digest" "pkcs5"; SCRYPT:
/// "pass" "salt" "n" "r" "p" "maxmem_bytes"): 1, or 0 (unknown digest,
/// wrong type, bad value).
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_set_params(
    ctx: *mut EVP_KDF_CTX,
    params: *const OSSL_PARAM,
) -> c_int {
    ffi_boundary!("EVP_KDF_CTX_set_params", {
        ffi::borrow(ctx)?.set_params(params)?;
        Ok(1)
    })
}

/// EVP_KDF_CTX_get_kdf_size returns the output length the KDF fixes (HKDF
/// extract-only: the digest size) or `SIZE_MAX` (any length).
#[no_mangle]
pub extern "C" fn EVP_KDF_CTX_get_kdf_size(ctx: *mut EVP_KDF_CTX) -> usize {
    ffi_boundary!("EVP_KDF_CTX_get_kdf_size", {
        Ok(ffi::borrow(ctx)?.kdf_size())
    })
}

/// EVP_KDF_derive applies `params`, then writes `keylen` derived bytes to
/// `key`: 1, or 0 (a missing key, pass or salt, a bad length).
#[no_mangle]
pub extern "C" fn EVP_KDF_derive(
    ctx: *mut EVP_KDF_CTX,
    key: *mut u8,
    keylen: usize,
    params: *const OSSL_PARAM,
) -> c_int {
    ffi_boundary!("EVP_KDF_derive", {
        let c = ffi::borrow(ctx)?;
        c.derive(ffi::slice_mut_usize(key, keylen)?, params)?;
        Ok(1)
    })
}
