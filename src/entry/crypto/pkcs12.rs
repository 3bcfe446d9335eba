//! `pkcs12.h`: PFX files read, checked and made (aws-lc's PKCS#12 code; see
//! `crypto::pkcs12`).

use crate::crypto::bio::BIO;
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::crypto::pkcs12::{pkcs12_st, CreateArgs, PKCS12};
use crate::crypto::pkey::EVP_PKEY;
use crate::crypto::stack::{stack_st, OPENSSL_STACK};
use crate::crypto::x509::{x509_st, X509};
use crate::entry::crypto::x509::i2d_out;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};
use std::sync::Arc;

/// A password argument: NULL, or `len` bytes (-1: NUL-terminated).
fn pass_bytes<'a>(pass: *const c_char, len: c_int) -> Result<Option<&'a [u8]>, Error> {
    if pass.is_null() {
        return Ok(None);
    }
    if len < 0 {
        return ffi::cstr_bytes(pass).map(Some);
    }
    ffi::slice(pass as *const u8, len).map(Some)
}

/// The certificates of a `STACK_OF(X509)` (NULL: none).
fn certs_of(sk: *const OPENSSL_STACK) -> Result<Vec<Arc<x509_st>>, Error> {
    if sk.is_null() {
        return Ok(Vec::new());
    }
    ffi::borrow(sk)?
        .to_vec()
        .into_iter()
        .map(|p| ffi::clone_arc(p as *const x509_st))
        .collect()
}

/// d2i_PKCS12 decodes a PFX from `*in` (`len` bytes), advances `*in`, and
/// returns a new `PKCS12` (also stored in `*a` if `a` is not NULL), or NULL.
#[no_mangle]
pub extern "C" fn d2i_PKCS12(
    a: *mut *mut PKCS12,
    r#in: *mut *const c_uchar,
    len: c_long,
) -> *mut PKCS12 {
    ffi_boundary!("d2i_PKCS12", {
        let p = ffi::read_in(r#in).ok_or_else(Error::null_pointer)?;
        let data = ffi::slice_usize(
            p,
            usize::try_from(len).map_err(|_| Error::invalid_argument("len"))?,
        )?;
        let (p12, n) = pkcs12_st::from_der(data)?;
        let out = Box::into_raw(Box::new(p12));
        ffi::replace_out(a, out, ffi::free_box);
        ffi::write_out(r#in, p.wrapping_add(n));
        Ok(out)
    })
}

/// d2i_PKCS12_bio reads a PFX from `bp` (to its end) and returns a new
/// `PKCS12` (also stored in `*a` if `a` is not NULL), or NULL.
#[no_mangle]
pub extern "C" fn d2i_PKCS12_bio(bp: *mut BIO, a: *mut *mut PKCS12) -> *mut PKCS12 {
    ffi_boundary!("d2i_PKCS12_bio", {
        let data = ffi::borrow(bp)?.read_all()?;
        let (p12, _) = pkcs12_st::from_der(&data)?;
        let out = Box::into_raw(Box::new(p12));
        ffi::replace_out(a, out, ffi::free_box);
        Ok(out)
    })
}

/// i2d_PKCS12 encodes `p12` as DER by the i2d convention (`out` NULL: the
/// length only; `*out` NULL: a new buffer; else written at `*out`, which
/// advances). Returns the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_PKCS12(p12: *const PKCS12, out: *mut *mut c_uchar) -> c_int {
    ffi_boundary!("i2d_PKCS12", -1, { i2d_out(ffi::borrow(p12)?.der(), out) })
}

/// i2d_PKCS12_bio writes `p12`'s DER to `bp`; 1 on success, else 0.
#[no_mangle]
pub extern "C" fn i2d_PKCS12_bio(bp: *mut BIO, p12: *const PKCS12) -> c_int {
    ffi_boundary!("i2d_PKCS12_bio", {
        let bio = ffi::borrow(bp)?;
        Ok(c_int::from(bio.write_all(ffi::borrow(p12)?.der())))
    })
}

/// PKCS12_free frees `p12` (NULL: nothing).
#[no_mangle]
pub extern "C" fn PKCS12_free(p12: *mut PKCS12) {
    ffi_boundary!("PKCS12_free", (), {
        ffi::free_box(p12);
        Ok(())
    })
}

/// PKCS12_verify_mac returns 1 if `pass` (`passlen` bytes, -1: up to its
/// NUL; NULL: no password) verifies `p12`'s MAC, else 0.
#[no_mangle]
pub extern "C" fn PKCS12_verify_mac(
    p12: *mut PKCS12,
    pass: *const c_char,
    passlen: c_int,
) -> c_int {
    ffi_boundary!("PKCS12_verify_mac", {
        let p12 = ffi::borrow(p12)?;
        if p12.verify_mac(pass_bytes(pass, passlen)?) {
            Ok(1)
        } else {
            Err(Error::new(
                crate::abi::reasons::ERR_LIB_PKCS12,
                crate::abi::reasons::PKCS12_R_MAC_VERIFY_FAILURE,
            ))
        }
    })
}

/// PKCS12_set_mac replaces `p12`'s MAC with one under `pass` (`passlen`
/// bytes, -1: NUL-terminated), `salt` (NULL: random), `iter` iterations (0:
/// 1) and `md_type` (NULL: SHA-256). 1 on success, else 0.
#[no_mangle]
pub extern "C" fn PKCS12_set_mac(
    p12: *mut PKCS12,
    pass: *const c_char,
    passlen: c_int,
    salt: *mut c_uchar,
    saltlen: c_int,
    iter: c_int,
    md_type: *const EVP_MD,
) -> c_int {
    ffi_boundary!("PKCS12_set_mac", {
        let pass = pass_bytes(pass, passlen)?;
        let salt = if salt.is_null() {
            None
        } else {
            Some(ffi::slice(salt, saltlen)?)
        };
        let md = if md_type.is_null() {
            None
        } else {
            Some(ffi::borrow(md_type)?.alg)
        };
        if p12.is_null() {
            return Err(Error::null_pointer());
        }
        let mut r = Ok(());
        ffi::with_mut(p12, |p12| r = p12.set_mac(pass, salt, iter, md));
        r.map(|()| 1)
    })
}

/// PKCS12_parse decrypts `p12` with `pass` (NULL or "": no password, then
/// the empty one) into a new key (`*pkey`), certificate (`*cert`) and the
/// other certificates (appended to `*ca`, a new stack if `*ca` is NULL);
/// any of the three may be NULL. 1 on success; else 0 with `*pkey` and
/// `*cert` NULL (PKCS12_R_MAC_VERIFY_FAILURE for a wrong password).
#[no_mangle]
pub extern "C" fn PKCS12_parse(
    p12: *mut PKCS12,
    pass: *const c_char,
    pkey: *mut *mut EVP_PKEY,
    cert: *mut *mut X509,
    ca: *mut *mut OPENSSL_STACK,
) -> c_int {
    ffi_boundary!("PKCS12_parse", {
        ffi::write_out(pkey, std::ptr::null_mut());
        ffi::write_out(cert, std::ptr::null_mut());
        let p12 = ffi::borrow(p12)?;
        let pass = if pass.is_null() {
            None
        } else {
            Some(ffi::cstr_c(pass)?)
        };
        let parsed = p12.parse(pass)?;
        if let Some(k) = parsed.key.filter(|_| !pkey.is_null()) {
            ffi::write_out(pkey, ffi::into_raw(k));
        }
        if let Some(c) = parsed.cert.filter(|_| !cert.is_null()) {
            ffi::write_out(cert, ffi::into_raw(c));
        }
        if !ca.is_null() && !parsed.ca.is_empty() {
            let ptrs: Vec<*mut c_void> = parsed
                .ca
                .into_iter()
                .map(|c| ffi::into_raw(c) as *mut c_void)
                .collect();
            match ffi::read_in(ca).filter(|s| !s.is_null()) {
                Some(sk) => ffi::borrow(sk)?.with(|v| v.extend(ptrs.into_iter().map(ffi::Ptr)))?,
                None => ffi::write_out(ca, stack_st::from_ptrs(ptrs)),
            }
        }
        Ok(1)
    })
}

/// PKCS12_create packs `pkey`, `cert` and the certificates of `ca` (any may
/// be NULL) under `pass` into a new PFX, `name` as the friendly name.
/// `iter` 0 and `mac_iter` 0 take OpenSSL 3's defaults (2048, 1; a SHA-256
/// MAC); `nid_key`/`nid_cert` 0 mean PBE-SHA1-3DES (aws-lc has no PBES2 here,
/// where OpenSSL 3 uses AES-256-CBC). NULL on failure.
#[no_mangle]
pub extern "C" fn PKCS12_create(
    pass: *const c_char,
    name: *const c_char,
    pkey: *mut EVP_PKEY,
    cert: *mut X509,
    ca: *mut OPENSSL_STACK,
    nid_key: c_int,
    nid_cert: c_int,
    iter: c_int,
    mac_iter: c_int,
    keytype: c_int,
) -> *mut PKCS12 {
    ffi_boundary!("PKCS12_create", {
        let opt_c = |p: *const c_char| {
            if p.is_null() {
                Ok(None)
            } else {
                ffi::cstr_c(p).map(Some)
            }
        };
        let key = if pkey.is_null() {
            None
        } else {
            Some(ffi::borrow(pkey)?)
        };
        let cert = if cert.is_null() {
            None
        } else {
            Some(ffi::borrow(cert)?)
        };
        let p12 = pkcs12_st::create(&CreateArgs {
            pass: opt_c(pass)?,
            name: opt_c(name)?,
            key,
            cert,
            chain: certs_of(ca)?,
            key_nid: nid_key,
            cert_nid: nid_cert,
            iterations: iter,
            mac_iterations: mac_iter,
            key_type: keytype,
        })?;
        Ok(Box::into_raw(Box::new(p12)))
    })
}

/// PKCS12_create_ex is `PKCS12_create`; the library context and property
/// query are ignored (ferrossl has one, the default provider's algorithms).
#[no_mangle]
pub extern "C" fn PKCS12_create_ex(
    pass: *const c_char,
    name: *const c_char,
    pkey: *mut EVP_PKEY,
    cert: *mut X509,
    ca: *mut OPENSSL_STACK,
    nid_key: c_int,
    nid_cert: c_int,
    iter: c_int,
    mac_iter: c_int,
    keytype: c_int,
    _ctx: *mut c_void,
    _propq: *const c_char,
) -> *mut PKCS12 {
    PKCS12_create(
        pass, name, pkey, cert, ca, nid_key, nid_cert, iter, mac_iter, keytype,
    )
}

/// PKCS12_PBE_add does nothing, as in OpenSSL 3 (the PBE algorithms are
/// always available).
#[no_mangle]
pub extern "C" fn PKCS12_PBE_add() {}
