//! EVP_PKEY: private keys (evp.h, pem.h).

use std::ffi::{c_int, c_long, c_void};

use crate::crypto::bio::BIO;
use crate::crypto::err::{self, Error, ERR_LIB_PEM};
use crate::ffi;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};

/// EVP_PKEY_free drops one reference (NULL: no-op).
#[no_mangle]
pub extern "C" fn EVP_PKEY_free(pkey: *mut EVP_PKEY) {
    ffi::release(pkey);
}

/// EVP_PKEY_up_ref adds a reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_up_ref(pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_up_ref", { ffi::up_ref(pkey) })
}

/// EVP_PKEY_id returns EVP_PKEY_RSA, EVP_PKEY_EC or EVP_PKEY_ED25519.
#[no_mangle]
pub extern "C" fn EVP_PKEY_id(pkey: *const EVP_PKEY) -> c_int {
    ffi::borrow(pkey).map(|k| k.id()).unwrap_or(0)
}

/// EVP_PKEY_get_id is EVP_PKEY_id (OpenSSL 3 name).
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_id(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_id(pkey)
}

/// EVP_PKEY_base_id is EVP_PKEY_id.
#[no_mangle]
pub extern "C" fn EVP_PKEY_base_id(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_id(pkey)
}

/// PEM_read_bio_PrivateKey reads the next private key (PKCS#8, SEC1 or
/// PKCS#1) from `bp`. Encrypted keys are not supported. Returns a new key
/// (also stored in `*x` when `x` is not NULL), or NULL.
#[no_mangle]
pub extern "C" fn PEM_read_bio_PrivateKey(
    bp: *mut BIO,
    x: *mut *mut EVP_PKEY,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut EVP_PKEY {
    ffi_boundary!("PEM_read_bio_PrivateKey", {
        let bio = ffi::borrow(bp)?;
        let mut text = Vec::new();
        let mut line = Vec::new();
        let mut inside = false;
        loop {
            line.clear();
            if !bio.read_line(&mut line) {
                return Err(Error::new(ERR_LIB_PEM, err::PEM_R_NO_START_LINE));
            }
            if line.starts_with(b"-----BEGIN ") && line.windows(11).any(|w| w == b"PRIVATE KEY") {
                inside = true;
            }
            if inside {
                text.extend_from_slice(&line);
                if line.starts_with(b"-----END ") {
                    break;
                }
            }
        }
        let key = ffi::into_raw(evp_pkey_st::from_pem(&text)?);
        if !x.is_null() {
            if let Some(old) = ffi::read_in(x) {
                ffi::release(old);
            }
            ffi::write_out(x, key);
            ffi::up_ref(key)?;
        }
        Ok(key)
    })
}

/// d2i_AutoPrivateKey parses a DER private key of any supported kind,
/// advancing `*pp` past it. Returns a new key or NULL.
#[no_mangle]
pub extern "C" fn d2i_AutoPrivateKey(
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    length: c_long,
) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_AutoPrivateKey", {
        let p = ffi::read_in(pp).ok_or_else(Error::null_pointer)?;
        let len = c_int::try_from(length).map_err(|_| Error::invalid_argument("length"))?;
        let der = ffi::slice(p, len)?;
        let key = ffi::into_raw(evp_pkey_st::from_der_bytes(der)?);
        // SAFETY-free: advancing the caller's cursor by the bytes consumed.
        ffi::write_out(pp, p.wrapping_add(der.len()));
        if !a.is_null() {
            if let Some(old) = ffi::read_in(a) {
                ffi::release(old);
            }
            ffi::write_out(a, key);
            ffi::up_ref(key)?;
        }
        Ok(key)
    })
}

/// d2i_PrivateKey is d2i_AutoPrivateKey (the type argument is not needed).
#[no_mangle]
pub extern "C" fn d2i_PrivateKey(
    _type: c_int,
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    length: c_long,
) -> *mut EVP_PKEY {
    d2i_AutoPrivateKey(a, pp, length)
}

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
