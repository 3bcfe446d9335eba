//! `pem.h`: PEM reading and writing of certificates, keys and DH parameters.

use crate::abi::reasons::{ERR_LIB_PEM, PEM_R_NO_START_LINE};
use crate::crypto::bio::BIO;
use crate::crypto::err::Error;
use crate::crypto::pem::PemCertReader;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};
use crate::crypto::x509::{self, X509};
use crate::entry::{new_dh, DH};
use crate::ffi;
use std::ffi::{c_int, c_void};

/// PEM_read_bio_DHparams reads the next "DH PARAMETERS" (or "X9.42 DH
/// PARAMETERS") PEM block from `bp` and returns a DH object (also stored in
/// `*x`, freeing the old one, when `x` is not NULL), or NULL with
/// `PEM_R_NO_START_LINE`. The parameters are not used: rustls does no
/// finite-field DH. `cb`/`u` are ignored (parameters are never encrypted).
#[no_mangle]
pub extern "C" fn PEM_read_bio_DHparams(
    bp: *mut BIO,
    x: *mut *mut DH,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut DH {
    ffi_boundary!("PEM_read_bio_DHparams", {
        let bio = ffi::borrow(bp)?;
        let mut line = Vec::new();
        let mut inside = false;
        loop {
            line.clear();
            if !bio.read_line(&mut line) {
                return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end();
            if !inside
                && (l == "-----BEGIN DH PARAMETERS-----"
                    || l == "-----BEGIN X9.42 DH PARAMETERS-----")
            {
                inside = true;
            } else if inside && l.starts_with("-----END ") {
                break;
            }
        }
        let dh = new_dh();
        if let Some(old) = ffi::read_in(x as *const *mut DH) {
            ffi::free_box(old);
            ffi::write_out(x, dh);
        }
        Ok(dh)
    })
}

/// PEM_write_bio_PUBKEY is not supported: it returns 0 and queues an error.
#[no_mangle]
pub extern "C" fn PEM_write_bio_PUBKEY(bp: *mut BIO, x: *const EVP_PKEY) -> c_int {
    ffi_boundary!("PEM_write_bio_PUBKEY", {
        ffi::borrow(bp)?;
        ffi::borrow(x)?;
        Err(Error::unsupported("PEM_write_bio_PUBKEY"))
    })
}

/// PEM_read_DHparams (from a stdio `FILE*`) is not supported: NULL and an
/// error. `PEM_read_bio_DHparams` works (parameters accepted and ignored).
#[no_mangle]
pub extern "C" fn PEM_read_DHparams(
    _fp: *mut libc::FILE,
    _x: *mut *mut DH,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut DH {
    ffi_boundary!("PEM_read_DHparams", {
        Err(Error::unsupported(
            "PEM_read_DHparams (use PEM_read_bio_DHparams)",
        ))
    })
}

/// PEM_read_bio_X509 reads the next PEM certificate from `bp`. It returns a
/// new reference (also stored in `*x` if non-NULL, releasing the old `*x`)
/// that the caller frees with `X509_free`, or NULL with `PEM_R_NO_START_LINE`
/// queued when no certificate remains. The password callback is unused
/// (certificates are never encrypted).
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509(
    bp: *mut BIO,
    x: *mut *mut X509,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut X509 {
    ffi_boundary!("PEM_read_bio_X509", {
        let bio = ffi::borrow(bp)?;
        let mut reader = PemCertReader::default();
        let mut line = Vec::new();
        let der = loop {
            line.clear();
            if !bio.read_line(&mut line) || line.is_empty() {
                reader.finish()?;
                return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
            }
            if let Some(der) = reader.line(&line)? {
                break der;
            }
        };
        let out = ffi::into_raw(x509::x509_st::from_der(&der)?);
        if let Some(old) = ffi::read_in(x) {
            ffi::release(old);
            ffi::write_out(x, out);
        }
        Ok(out)
    })
}

/// PEM_read_bio_X509_AUX reads the next certificate like
/// `PEM_read_bio_X509` (the trust settings of a `TRUSTED CERTIFICATE` block
/// are not kept); nginx loads `ssl_certificate` files with it.
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509_AUX(
    bp: *mut BIO,
    x: *mut *mut X509,
    cb: *mut c_void,
    u: *mut c_void,
) -> *mut X509 {
    PEM_read_bio_X509(bp, x, cb, u)
}

/// PEM_write_bio_X509 writes `x` to `bp` as a `CERTIFICATE` PEM block.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509(bp: *mut BIO, x: *const X509) -> c_int {
    ffi_boundary!("PEM_write_bio_X509", {
        let bio = ffi::borrow(bp)?;
        let pem = crate::crypto::pem::cert_to_pem(ffi::borrow(x)?.der().as_ref());
        Ok(c_int::from(bio.write_all(pem.as_bytes())))
    })
}

/// PEM_write_bio_X509_AUX writes `x` like `PEM_write_bio_X509` (ferrossl
/// keeps no trust settings, so there is no auxiliary data). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509_AUX(bp: *mut BIO, x: *const X509) -> c_int {
    PEM_write_bio_X509(bp, x)
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
                return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
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

/// PEM_read_bio_X509_CRL reads the next `X509 CRL` block from `bp` (other
/// blocks are skipped). Returns a new CRL (also stored in `*x` if non-NULL,
/// freeing the old one) the caller frees with `X509_CRL_free`, or NULL with
/// `PEM_R_NO_START_LINE` when none remains or an ASN1 error for a CRL that
/// does not parse.
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509_CRL(
    bp: *mut BIO,
    x: *mut *mut x509::X509_CRL,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut x509::X509_CRL {
    ffi_boundary!("PEM_read_bio_X509_CRL", {
        let bio = ffi::borrow(bp)?;
        let mut reader = PemCertReader {
            crl: true,
            ..Default::default()
        };
        let mut line = Vec::new();
        let der = loop {
            line.clear();
            if !bio.read_line(&mut line) || line.is_empty() {
                reader.finish()?;
                return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
            }
            if let Some(der) = reader.line(&line)? {
                break der;
            }
        };
        let out = ffi::into_raw(x509::x509_crl_st::from_der(&der)?);
        if let Some(old) = ffi::read_in(x) {
            ffi::release(old);
            ffi::write_out(x, out);
        }
        Ok(out)
    })
}
