//! PEM certificates (`pem.h`): `PEM_read_bio_X509` reads lines from a BIO,
//! skipping text before `-----BEGIN CERTIFICATE-----` (also `TRUSTED
//! CERTIFICATE` and `X509 CERTIFICATE`), and consumes exactly one block.

use std::ffi::{c_int, c_void};

use crate::crypto::bio::BIO;
use crate::crypto::err::{Error, ERR_LIB_PEM};
use crate::ffi;
use crate::crypto::x509::{self, PemCertReader, PEM_R_NO_START_LINE, X509};

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

/// PEM_write_bio_X509 writes `x` to `bp` as a `CERTIFICATE` PEM block.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509(bp: *mut BIO, x: *const X509) -> c_int {
    ffi_boundary!("PEM_write_bio_X509", {
        let bio = ffi::borrow(bp)?;
        let pem = x509::cert_to_pem(ffi::borrow(x)?.der().as_ref());
        Ok(c_int::from(bio.write_all(pem.as_bytes())))
    })
}

/// PEM_write_bio_X509_AUX writes `x` like `PEM_write_bio_X509` (ferrossl
/// keeps no trust settings, so there is no auxiliary data). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509_AUX(bp: *mut BIO, x: *const X509) -> c_int {
    PEM_write_bio_X509(bp, x)
}
