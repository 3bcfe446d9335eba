//! `provider.h`: OpenSSL 3's built-in providers as static names
//! (`crypto/provider.rs`); every algorithm is aws-lc's and always there.

use crate::crypto::provider::{self, OSSL_PROVIDER};
use crate::ffi;
use std::ffi::{c_char, c_int, c_void};

/// OSSL_PROVIDER_load returns the built-in provider `name` ("default",
/// "base", "legacy", "null"; loading one enables nothing new, ferrossl's
/// algorithms are always available). Other names ("fips", modules on disk):
/// NULL and `ERR_R_DSO_LIB`, as OpenSSL 3 when it cannot load the module.
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_load(
    _libctx: *mut c_void,
    name: *const c_char,
) -> *mut OSSL_PROVIDER {
    ffi_boundary!("OSSL_PROVIDER_load", {
        Ok(provider::load(ffi::cstr(name)?)? as *const OSSL_PROVIDER as *mut OSSL_PROVIDER)
    })
}

/// OSSL_PROVIDER_try_load is OSSL_PROVIDER_load (`retain_fallbacks` has
/// nothing to keep: the built-in providers are always active).
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_try_load(
    _libctx: *mut c_void,
    name: *const c_char,
    _retain_fallbacks: c_int,
) -> *mut OSSL_PROVIDER {
    ffi_boundary!("OSSL_PROVIDER_try_load", {
        Ok(provider::load(ffi::cstr(name)?)? as *const OSSL_PROVIDER as *mut OSSL_PROVIDER)
    })
}

/// OSSL_PROVIDER_unload returns 1: ferrossl's providers are static.
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_unload(prov: *mut OSSL_PROVIDER) -> c_int {
    ffi_boundary!("OSSL_PROVIDER_unload", {
        ffi::borrow(prov)?;
        Ok(1)
    })
}

/// OSSL_PROVIDER_available returns 1 for the built-in providers ("default",
/// "base", "legacy", "null"), 0 for any other name.
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_available(_libctx: *mut c_void, name: *const c_char) -> c_int {
    ffi_boundary!("OSSL_PROVIDER_available", {
        Ok(c_int::from(provider::builtin(ffi::cstr(name)?).is_some()))
    })
}

/// OSSL_PROVIDER_get0_name returns the provider's name ("default", ...).
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_get0_name(prov: *const OSSL_PROVIDER) -> *const c_char {
    ffi_boundary!("OSSL_PROVIDER_get0_name", {
        Ok(ffi::borrow(prov)?.name.as_ptr())
    })
}

/// OSSL_PROVIDER_self_test returns 1: the built-in providers have no
/// self tests to run (aws-lc's own run when it starts).
#[no_mangle]
pub extern "C" fn OSSL_PROVIDER_self_test(prov: *const OSSL_PROVIDER) -> c_int {
    ffi_boundary!("OSSL_PROVIDER_self_test", {
        ffi::borrow(prov)?;
        Ok(1)
    })
}
