//! Library initialisation, version reporting, RAND and ex_data indexes
//! (crypto.h, opensslv.h, rand.h).

use std::ffi::{c_char, c_int, c_long, c_ulong, c_void};

use crate::crypto::err::{Error, ERR_LIB_RAND};
use crate::ffi;

/// The OpenSSL release whose API and behaviour ferrossl reproduces.
pub const OPENSSL_VERSION_NUMBER: c_ulong = 0x3000_0100;

/// OpenSSL_version_num returns 0x30000100 (OpenSSL 3.0.16's number), so
/// clients take their OpenSSL 3 code paths.
#[no_mangle]
pub extern "C" fn OpenSSL_version_num() -> c_ulong {
    OPENSSL_VERSION_NUMBER
}

/// SSLeay is OpenSSL_version_num (pre-1.1 name).
#[no_mangle]
pub extern "C" fn SSLeay() -> c_ulong {
    OPENSSL_VERSION_NUMBER
}

/// OpenSSL_version returns version text for `t` (OPENSSL_VERSION 0 starts
/// with "OpenSSL 3." and names ferrossl).
#[no_mangle]
pub extern "C" fn OpenSSL_version(t: c_int) -> *const c_char {
    match t {
        0 => concat!(
            "OpenSSL 3.0.16 compatible (ferrossl ",
            env!("CARGO_PKG_VERSION"),
            ", rustls 0.23, aws-lc-rs)\0"
        )
        .as_ptr() as *const c_char,
        1 => c"compiler: rustc".as_ptr(),
        2 => c"built on: ferrossl".as_ptr(),
        3 => c"platform: linux".as_ptr(),
        4 => c"OPENSSLDIR: \"/usr/lib/ssl\"".as_ptr(),
        6 => c"3.0.16".as_ptr(),
        7 => concat!("3.0.16-ferrossl-", env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char,
        _ => c"not available".as_ptr(),
    }
}

/// SSLeay_version is OpenSSL_version.
#[no_mangle]
pub extern "C" fn SSLeay_version(t: c_int) -> *const c_char {
    OpenSSL_version(t)
}

/// OPENSSL_version_major returns 3.
#[no_mangle]
pub extern "C" fn OPENSSL_version_major() -> std::ffi::c_uint {
    3
}

/// OPENSSL_version_minor returns 0.
#[no_mangle]
pub extern "C" fn OPENSSL_version_minor() -> std::ffi::c_uint {
    0
}

/// OPENSSL_version_patch returns 16.
#[no_mangle]
pub extern "C" fn OPENSSL_version_patch() -> std::ffi::c_uint {
    16
}

/// ferrossl_version returns ferrossl's own version string.
#[no_mangle]
pub extern "C" fn ferrossl_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

/// OPENSSL_init_ssl initialises nothing (ferrossl needs no set-up) and returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_ssl(_opts: u64, _settings: *const c_void) -> c_int {
    1
}

/// OPENSSL_init_crypto returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_crypto(_opts: u64, _settings: *const c_void) -> c_int {
    1
}

/// SSL_library_init returns 1.
#[no_mangle]
pub extern "C" fn SSL_library_init() -> c_int {
    1
}

/// SSL_load_error_strings does nothing: strings are built in.
#[no_mangle]
pub extern "C" fn SSL_load_error_strings() {}

/// OPENSSL_add_all_algorithms_noconf does nothing.
#[no_mangle]
pub extern "C" fn OPENSSL_add_all_algorithms_noconf() {}

/// OPENSSL_cleanup does nothing.
#[no_mangle]
pub extern "C" fn OPENSSL_cleanup() {}

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

/// CRYPTO_get_ex_new_index returns a new ex_data index for `class_index`
/// (CRYPTO_EX_INDEX_SSL, _SSL_CTX, ...), or -1. The callbacks are not called.
#[no_mangle]
pub extern "C" fn CRYPTO_get_ex_new_index(
    class_index: c_int,
    _argl: c_long,
    _argp: *mut c_void,
    _new: *mut c_void,
    _dup: *mut c_void,
    _free: *mut c_void,
) -> c_int {
    crate::crypto::ex_data::new_index(class_index)
}

/// SSL_get_ex_new_index returns a new SSL ex_data index.
#[no_mangle]
pub extern "C" fn SSL_get_ex_new_index(
    argl: c_long,
    argp: *mut c_void,
    n: *mut c_void,
    d: *mut c_void,
    f: *mut c_void,
) -> c_int {
    CRYPTO_get_ex_new_index(crate::crypto::ex_data::CRYPTO_EX_INDEX_SSL, argl, argp, n, d, f)
}

/// SSL_CTX_get_ex_new_index returns a new SSL_CTX ex_data index.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ex_new_index(
    argl: c_long,
    argp: *mut c_void,
    n: *mut c_void,
    d: *mut c_void,
    f: *mut c_void,
) -> c_int {
    CRYPTO_get_ex_new_index(crate::crypto::ex_data::CRYPTO_EX_INDEX_SSL_CTX, argl, argp, n, d, f)
}

pub const OPENSSL_VERSION: c_int = 0;
pub const OPENSSL_CFLAGS: c_int = 1;
pub const OPENSSL_BUILT_ON: c_int = 2;
pub const OPENSSL_PLATFORM: c_int = 3;
pub const OPENSSL_DIR: c_int = 4;
pub const OPENSSL_VERSION_STRING: c_int = 6;
pub const OPENSSL_FULL_VERSION_STRING: c_int = 7;
