//! `ssl.h`: `SSL_CIPHER`: cipher suite names, ids, NIDs and descriptions.

use crate::abi::objects::{
    NID_aes_128_gcm, NID_aes_256_gcm, NID_auth_any, NID_auth_ecdsa, NID_auth_rsa,
    NID_chacha20_poly1305, NID_kx_any, NID_kx_ecdhe, NID_undef,
};
use crate::ffi;
use crate::ssl::ciphers::{self, cipher_description, SSL_CIPHER};
use std::ffi::{c_char, c_int};

/// SSL_CIPHER_get_name returns OpenSSL's name of the suite ("(NONE)" for NULL).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_name(c: *const SSL_CIPHER) -> *const c_char {
    ffi_boundary!("SSL_CIPHER_get_name", c"(NONE)".as_ptr(), {
        // OpenSSL: "(NONE)" for a NULL cipher, not an error.
        if c.is_null() {
            return Ok(c"(NONE)".as_ptr());
        }
        Ok(ffi::borrow(c)?.name.as_ptr())
    })
}

/// SSL_CIPHER_standard_name returns the IANA name of the suite, or NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_standard_name(c: *const SSL_CIPHER) -> *const c_char {
    ffi_boundary!("SSL_CIPHER_standard_name", {
        // A NULL cipher has no name; not an error.
        if c.is_null() {
            return Ok(std::ptr::null());
        }
        Ok(ffi::borrow(c)?.std_name.as_ptr())
    })
}

/// SSL_CIPHER_get_bits returns the secret bits, also through `alg_bits`.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_bits(c: *const SSL_CIPHER, alg_bits: *mut c_int) -> c_int {
    ffi_boundary!("SSL_CIPHER_get_bits", {
        // OpenSSL: 0 bits for a NULL cipher, not an error.
        let bits = if c.is_null() { 0 } else { ffi::borrow(c)?.bits };
        ffi::write_out(alg_bits, bits);
        Ok(bits)
    })
}

/// SSL_CIPHER_get_version returns "TLSv1.3" or "TLSv1.2".
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_version(c: *const SSL_CIPHER) -> *const c_char {
    ffi_boundary!("SSL_CIPHER_get_version", c"(NONE)".as_ptr(), {
        // OpenSSL: "(NONE)" for a NULL cipher, not an error.
        if c.is_null() {
            return Ok(c"(NONE)".as_ptr());
        }
        Ok(match ffi::borrow(c)?.suite {
            rustls::SupportedCipherSuite::Tls13(_) => c"TLSv1.3".as_ptr(),
            _ => c"TLSv1.2".as_ptr(),
        })
    })
}

/// SSL_CIPHER_get_id returns 0x03000000 | the IANA suite number.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32 {
    ffi_boundary!("SSL_CIPHER_get_id", { Ok(ffi::borrow(c)?.id) })
}

/// SSL_CIPHER_get_protocol_id returns the IANA suite number.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_protocol_id(c: *const SSL_CIPHER) -> u16 {
    ffi_boundary!("SSL_CIPHER_get_protocol_id", 0, {
        Ok(ffi::borrow(c)?.id as u16)
    })
}

/// SSL_CIPHER_description writes OpenSSL's one-line description of `cipher`
/// ("ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD\n")
/// into `buf` (at least 128 bytes) and returns `buf`. With `buf` NULL it
/// returns a new 128-byte buffer the caller frees with `OPENSSL_free`. NULL
/// if `len` < 128 or `cipher` is NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_description(
    cipher: *const SSL_CIPHER,
    buf: *mut c_char,
    len: c_int,
) -> *mut c_char {
    ffi_boundary!("SSL_CIPHER_description", {
        let c = ffi::borrow(cipher)?;
        let text = cipher_description(
            c.name.to_str().unwrap_or(""),
            matches!(c.suite, rustls::SupportedCipherSuite::Tls13(_)),
        );
        if buf.is_null() {
            let mut bytes = text.into_bytes();
            bytes.resize(127, 0);
            return Ok(ffi::malloc_copy(&bytes, true) as *mut c_char);
        }
        if len < 128 {
            return Ok(std::ptr::null_mut());
        }
        ffi::copy_cstr_out(buf, len as usize, text.as_bytes());
        Ok(buf)
    })
}

fn cipher_parts(c: &SSL_CIPHER) -> Option<(&'static str, bool)> {
    let c: &'static SSL_CIPHER = ciphers::lookup(c.suite)?;
    Some((
        c.name.to_str().ok()?,
        matches!(c.suite, rustls::SupportedCipherSuite::Tls13(_)),
    ))
}

/// SSL_CIPHER_get_cipher_nid returns the NID of the suite's record cipher
/// (aes-128-gcm, aes-256-gcm, chacha20-poly1305), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int {
    ffi_boundary!("SSL_CIPHER_get_cipher_nid", NID_undef, {
        // OpenSSL: NID_undef for a NULL cipher, not an error.
        if c.is_null() {
            return Ok(NID_undef);
        }
        Ok(match cipher_parts(ffi::borrow(c)?) {
            Some((n, _)) if n.contains("CHACHA20") => NID_chacha20_poly1305,
            Some((n, _)) if n.contains("AES256") || n.contains("AES_256") => NID_aes_256_gcm,
            Some(_) => NID_aes_128_gcm,
            None => NID_undef,
        })
    })
}

/// SSL_CIPHER_get_digest_nid returns NID_undef: every ferrossl suite is
/// AEAD, with no separate MAC digest (as OpenSSL answers for AEAD suites).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_digest_nid(_c: *const SSL_CIPHER) -> c_int {
    NID_undef
}

/// SSL_CIPHER_get_kx_nid returns NID_kx_ecdhe (TLS 1.2 suites) or NID_kx_any
/// (TLS 1.3), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int {
    ffi_boundary!("SSL_CIPHER_get_kx_nid", NID_undef, {
        Ok(match cipher_parts(ffi::borrow(c)?) {
            Some((_, true)) => NID_kx_any,
            Some((_, false)) => NID_kx_ecdhe,
            None => NID_undef,
        })
    })
}

/// SSL_CIPHER_get_auth_nid returns NID_auth_rsa, NID_auth_ecdsa (TLS 1.2)
/// or NID_auth_any (TLS 1.3), or NID_undef.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int {
    ffi_boundary!("SSL_CIPHER_get_auth_nid", NID_undef, {
        Ok(match cipher_parts(ffi::borrow(c)?) {
            Some((_, true)) => NID_auth_any,
            Some((n, false)) if n.contains("ECDSA") => NID_auth_ecdsa,
            Some(_) => NID_auth_rsa,
            None => NID_undef,
        })
    })
}

/// SSL_CIPHER_is_aead returns 1: every ferrossl suite is AEAD (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int {
    // Every suite rustls offers is AEAD.
    ffi_boundary!("SSL_CIPHER_is_aead", {
        ffi::borrow(c)?;
        Ok(1)
    })
}
