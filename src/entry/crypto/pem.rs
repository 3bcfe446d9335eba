//! `pem.h`: PEM reading and writing of certificates, keys and DH parameters.

use crate::abi::reasons::{
    ERR_LIB_PEM, PEM_R_BAD_END_LINE, PEM_R_BAD_PASSWORD_READ, PEM_R_NO_START_LINE,
};
use crate::crypto::bio::BIO;
use crate::crypto::cipher::EVP_CIPHER;
use crate::crypto::err::Error;
use crate::crypto::pem::PemCertReader;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};
use crate::crypto::x509::{self, X509};
use crate::entry::crypto::ec::EC_KEY;
use crate::entry::crypto::rsa::RSA;
use crate::entry::{new_dh, DH};
use crate::ffi;
use crate::ssl::context::pem_password_cb;
use std::ffi::{c_char, c_int, c_void};

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
        ffi::replace_out(x, dh, ffi::free_box);
        Ok(dh)
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
        ffi::replace_out(x, out, |old| ffi::release(old));
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
        let pem = crate::crypto::pem::cert_to_pem(&ffi::borrow(x)?.encoded()?);
        Ok(c_int::from(bio.write_all(pem.as_bytes())))
    })
}

/// PEM_write_bio_X509_AUX writes `x` like `PEM_write_bio_X509` (ferrossl
/// keeps no trust settings, so there is no auxiliary data). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509_AUX(bp: *mut BIO, x: *const X509) -> c_int {
    PEM_write_bio_X509(bp, x)
}

/// The password for an encrypted key: from `cb` (asked with `rwflag`), or
/// with no callback the C string `u` (OpenSSL's default callback would
/// prompt on the terminal: ferrossl refuses instead).
pub(crate) fn password(
    cb: pem_password_cb,
    u: *mut c_void,
    rwflag: c_int,
) -> Result<Vec<u8>, Error> {
    let bad = || Error::new(ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ);
    match cb {
        Some(f) => {
            let mut buf = vec![0u8; 1024];
            // SAFETY: the pem_password_cb the caller passed with `u`; it
            // writes at most `size` bytes to `buf`.
            let n = ffi::call_c(f, (buf.as_mut_ptr().cast::<c_char>(), 1024, rwflag, u));
            let n = usize::try_from(n)
                .ok()
                .filter(|n| *n <= buf.len())
                .ok_or_else(bad)?;
            buf.truncate(n);
            Ok(buf)
        }
        None if !u.is_null() => Ok(ffi::cstr_bytes(u as *const c_char)?.to_vec()),
        None => Err(bad()),
    }
}

/// The DER body of the next PEM block in `bio` whose label passes `want`
/// (`read_block`, then decoded).
pub(crate) fn read_der(
    bio: &crate::crypto::bio::bio_st,
    want: impl Fn(&[u8]) -> bool,
) -> Result<Vec<u8>, Error> {
    let (_, der) = crate::crypto::pem::decode_block(&read_block(bio, want)?)?;
    Ok(der)
}

/// Reads lines from `bio` up to the end of the next PEM block whose label
/// passes `want` (the lines before it are skipped); the block's text.
pub(crate) fn read_block(
    bio: &crate::crypto::bio::bio_st,
    want: impl Fn(&[u8]) -> bool,
) -> Result<Vec<u8>, Error> {
    let mut text = Vec::new();
    let mut line = Vec::new();
    let mut inside = false;
    loop {
        line.clear();
        if !bio.read_line(&mut line) || line.is_empty() {
            let reason = if inside {
                PEM_R_BAD_END_LINE
            } else {
                PEM_R_NO_START_LINE
            };
            return Err(Error::new(ERR_LIB_PEM, reason));
        }
        let t = crate::crypto::pem::trim_eol(&line);
        if !inside {
            if let Some(label) = t
                .strip_prefix(b"-----BEGIN ")
                .and_then(|r| r.strip_suffix(b"-----"))
            {
                inside = want(label);
            }
        }
        if inside {
            text.extend_from_slice(&line);
            if t.starts_with(b"-----END ") {
                return Ok(text);
            }
        }
    }
}

/// Stores `key` in `*x` (when `x` is not NULL, releasing the old key) and
/// returns it: as in OpenSSL, `*x` and the result are one reference.
fn key_out(
    x: *mut *mut EVP_PKEY,
    key: std::sync::Arc<evp_pkey_st>,
) -> Result<*mut EVP_PKEY, Error> {
    let key = ffi::into_raw(key);
    ffi::replace_out(x, key, |old| ffi::release(old));
    Ok(key)
}

/// PEM_read_bio_PrivateKey reads the next private key from `bp`: PKCS#8
/// ("PRIVATE KEY"), encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY", password
/// from `cb`, or the C string `u` when `cb` is NULL), "RSA PRIVATE KEY" or
/// "EC PRIVATE KEY" (also legacy-encrypted). Returns a new key (also
/// stored in `*x` when `x` is not NULL), or NULL.
#[no_mangle]
pub extern "C" fn PEM_read_bio_PrivateKey(
    bp: *mut BIO,
    x: *mut *mut EVP_PKEY,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut EVP_PKEY {
    ffi_boundary!("PEM_read_bio_PrivateKey", {
        let bio = ffi::borrow(bp)?;
        let text = read_block(bio, |l| l.ends_with(b"PRIVATE KEY"))?;
        let key = evp_pkey_st::from_pem_with(&text, &mut || password(cb, u, 0))?;
        key_out(x, key)
    })
}

/// PEM_read_bio_RSAPrivateKey reads the next private key from `bp` as
/// `PEM_read_bio_PrivateKey` does and returns its RSA key (`RSA_free` it;
/// also stored in `*x` when `x` is not NULL, freeing the old one), or NULL
/// (`EVP_R_EXPECTING_AN_RSA_KEY` for another key type).
#[no_mangle]
pub extern "C" fn PEM_read_bio_RSAPrivateKey(
    bp: *mut BIO,
    x: *mut *mut crate::entry::crypto::rsa::RSA,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut crate::entry::crypto::rsa::RSA {
    ffi_boundary!("PEM_read_bio_RSAPrivateKey", {
        let bio = ffi::borrow(bp)?;
        let text = read_block(bio, |l| l.ends_with(b"PRIVATE KEY"))?;
        let key = evp_pkey_st::from_pem_with(&text, &mut || password(cb, u, 0))?;
        let rsa = key.rsa(true)?;
        ffi::replace_out(x, rsa, crate::ffi::rsa::free);
        Ok(rsa)
    })
}

/// PEM_read_bio_ECPrivateKey reads the next private key from `bp` as
/// `PEM_read_bio_PrivateKey` does and returns its EC key (`EC_KEY_free`
/// it; also stored in `*x` when `x` is not NULL, freeing the old one), or
/// NULL (`EVP_R_EXPECTING_A_EC_KEY` for another key type).
#[no_mangle]
pub extern "C" fn PEM_read_bio_ECPrivateKey(
    bp: *mut BIO,
    x: *mut *mut crate::entry::crypto::ec::EC_KEY,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut crate::entry::crypto::ec::EC_KEY {
    ffi_boundary!("PEM_read_bio_ECPrivateKey", {
        let bio = ffi::borrow(bp)?;
        let text = read_block(bio, |l| l.ends_with(b"PRIVATE KEY"))?;
        let key = evp_pkey_st::from_pem_with(&text, &mut || password(cb, u, 0))?;
        let ec = key.ec_key(true)?;
        ffi::replace_out(x, ec, crate::ffi::ec::key_free);
        Ok(ec)
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
        ffi::replace_out(x, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// PEM_read_bio_PUBKEY reads the next "PUBLIC KEY" (SubjectPublicKeyInfo)
/// block from `bp`. Returns a new public key (also stored in `*x` when `x`
/// is not NULL), or NULL.
#[no_mangle]
pub extern "C" fn PEM_read_bio_PUBKEY(
    bp: *mut BIO,
    x: *mut *mut EVP_PKEY,
    _cb: pem_password_cb,
    _u: *mut c_void,
) -> *mut EVP_PKEY {
    ffi_boundary!("PEM_read_bio_PUBKEY", {
        let bio = ffi::borrow(bp)?;
        let text = read_block(bio, |l| l == b"PUBLIC KEY")?;
        key_out(x, evp_pkey_st::public_from_pem(&text)?)
    })
}

pub(crate) fn write_pem(bp: *mut BIO, label: &str, der: &[u8]) -> Result<c_int, Error> {
    let bio = ffi::borrow(bp)?;
    let pem = crate::crypto::pkey::to_pem(label, der);
    if bio.write_all(pem.as_bytes()) {
        Ok(1)
    } else {
        Err(Error::new(
            ERR_LIB_PEM,
            crate::abi::reasons::PEM_R_BIO_WRITE_FAILURE,
        ))
    }
}

/// PEM_write_bio_PUBKEY writes the public half of `x` as a "PUBLIC KEY"
/// (SubjectPublicKeyInfo) block. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_PUBKEY(bp: *mut BIO, x: *const EVP_PKEY) -> c_int {
    ffi_boundary!("PEM_write_bio_PUBKEY", {
        let der = ffi::borrow(x)?.spki()?;
        write_pem(bp, "PUBLIC KEY", &der)
    })
}

/// The password a PEM / PKCS#8 writer encrypts with: `kstr` (`klen`
/// bytes) when not NULL, else from `cb` (or the C string `u`), as OpenSSL.
fn write_password(
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> Result<Vec<u8>, Error> {
    if kstr.is_null() {
        password(cb, u, 1)
    } else {
        Ok(ffi::slice(kstr.cast(), klen)?.to_vec())
    }
}

/// The PKCS#8 DER of `x`: plain, or encrypted with `enc` (PBES2, PBKDF2
/// with 2048 iterations) and the writer's password.
fn pkcs8_der(
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> Result<(Vec<u8>, bool), Error> {
    let k = ffi::borrow(x)?;
    if enc.is_null() {
        return Ok((k.pkcs8()?, false));
    }
    let cipher = ffi::borrow(enc)?;
    let pass = write_password(kstr, klen, cb, u)?;
    Ok((k.pkcs8_encrypted(cipher, &pass)?, true))
}

/// PEM_write_bio_PKCS8PrivateKey writes `x` as a PKCS#8 "PRIVATE KEY"
/// block, byte for byte as OpenSSL 3; with `enc` an "ENCRYPTED PRIVATE
/// KEY" block (PBES2 with `enc`, PBKDF2 with 2048 iterations; the password
/// is `kstr`/`klen`, else from `cb`/`u`). aws-lc's encoder names
/// hmacWithSHA1 as PBKDF2's PRF where OpenSSL 3 names hmacWithSHA256; both
/// read either. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_PKCS8PrivateKey(
    bp: *mut BIO,
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_write_bio_PKCS8PrivateKey", {
        let (der, encrypted) = pkcs8_der(x, enc, kstr, klen, cb, u)?;
        let label = if encrypted {
            "ENCRYPTED PRIVATE KEY"
        } else {
            "PRIVATE KEY"
        };
        write_pem(bp, label, &der)
    })
}

/// i2d_PKCS8PrivateKey_bio writes `x` to `bp` as DER PKCS#8, encrypted as
/// `PEM_write_bio_PKCS8PrivateKey` encrypts when `enc` is not NULL.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_PKCS8PrivateKey_bio(
    bp: *mut BIO,
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("i2d_PKCS8PrivateKey_bio", {
        let (der, _) = pkcs8_der(x, enc, kstr, klen, cb, u)?;
        Ok(c_int::from(ffi::borrow(bp)?.write_all(&der)))
    })
}

/// d2i_PKCS8PrivateKey_bio reads a DER encrypted PKCS#8 key
/// (`EncryptedPrivateKeyInfo`) from `bp` and decrypts it with the password
/// from `cb` (or the C string `u`). Returns a new key (also stored in `*x`
/// when `x` is not NULL) or NULL (`EVP_R_BAD_DECRYPT` for a wrong
/// password).
#[no_mangle]
pub extern "C" fn d2i_PKCS8PrivateKey_bio(
    bp: *mut BIO,
    x: *mut *mut EVP_PKEY,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_PKCS8PrivateKey_bio", {
        let der = crate::entry::crypto::x509::read_der(bp)?;
        let pass = password(cb, u, 0)?;
        key_out(x, evp_pkey_st::from_encrypted_pkcs8(&der, &pass)?)
    })
}

/// Writes the private key `k` (RSA or EC) as a legacy PEM block `label`:
/// plain, or with `enc` encrypted the OpenSSL 1.x way (`Proc-Type:
/// 4,ENCRYPTED`, `DEK-Info`, key from the password by `EVP_BytesToKey`).
#[allow(clippy::too_many_arguments)]
fn write_traditional(
    bp: *mut BIO,
    k: &evp_pkey_st,
    label: &str,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> Result<c_int, Error> {
    if enc.is_null() {
        return write_pem(bp, label, &k.private_der()?);
    }
    let cipher = ffi::borrow(enc)?;
    let pass = write_password(kstr, klen, cb, u)?;
    let pem = k.traditional_pem_encrypted(cipher, &pass)?;
    if ffi::borrow(bp)?.write_all(&pem) {
        Ok(1)
    } else {
        Err(Error::new(
            ERR_LIB_PEM,
            crate::abi::reasons::PEM_R_BIO_WRITE_FAILURE,
        ))
    }
}

/// PEM_write_bio_RSAPrivateKey writes `x` as an "RSA PRIVATE KEY" (PKCS#1)
/// block; with `enc`, encrypted the legacy way (`Proc-Type: 4,ENCRYPTED`;
/// password `kstr`/`klen`, else from `cb`/`u`). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_RSAPrivateKey(
    bp: *mut BIO,
    x: *mut RSA,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_write_bio_RSAPrivateKey", {
        let k = crate::entry::crypto::x509::rsa_as_pkey(x)?;
        write_traditional(bp, &k, "RSA PRIVATE KEY", enc, kstr, klen, cb, u)
    })
}

/// PEM_write_bio_ECPrivateKey writes `x` as an "EC PRIVATE KEY" (SEC1)
/// block, encrypted as `PEM_write_bio_RSAPrivateKey` encrypts. Returns 1
/// or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_ECPrivateKey(
    bp: *mut BIO,
    x: *mut EC_KEY,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_write_bio_ECPrivateKey", {
        let k = crate::entry::crypto::x509::ec_as_pkey(x)?;
        write_traditional(bp, &k, "EC PRIVATE KEY", enc, kstr, klen, cb, u)
    })
}

/// PEM_write_bio_RSAPublicKey writes `x` as an "RSA PUBLIC KEY" (PKCS#1
/// RSAPublicKey) block. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_RSAPublicKey(bp: *mut BIO, x: *const RSA) -> c_int {
    ffi_boundary!("PEM_write_bio_RSAPublicKey", {
        write_pem(bp, "RSA PUBLIC KEY", &crate::ffi::rsa::public_der(x)?)
    })
}

/// PEM_read_bio_RSAPublicKey reads the next "RSA PUBLIC KEY" (PKCS#1)
/// block from `bp`. Returns a new RSA key (`RSA_free` it; also stored in
/// `*x` when `x` is not NULL, freeing the old one) or NULL.
#[no_mangle]
pub extern "C" fn PEM_read_bio_RSAPublicKey(
    bp: *mut BIO,
    x: *mut *mut RSA,
    _cb: pem_password_cb,
    _u: *mut c_void,
) -> *mut RSA {
    ffi_boundary!("PEM_read_bio_RSAPublicKey", {
        let bio = ffi::borrow(bp)?;
        let text = read_block(bio, |l| l == b"RSA PUBLIC KEY")?;
        let (_, der) = crate::crypto::pem::decode_block(&text)?;
        let (r, _) = crate::ffi::rsa::public_from_der(&der)?;
        ffi::replace_out(x, r, crate::ffi::rsa::free);
        Ok(r)
    })
}

/// PEM_write_bio_PrivateKey writes `x` as OpenSSL 3 does: a PKCS#8
/// "PRIVATE KEY" block, or with `enc` an "ENCRYPTED PRIVATE KEY" one (as
/// `PEM_write_bio_PKCS8PrivateKey`). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_PrivateKey(
    bp: *mut BIO,
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const u8,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    PEM_write_bio_PKCS8PrivateKey(bp, x, enc, kstr as *const c_char, klen, cb, u)
}

/// PEM_bytes_read_bio reads the next PEM block from `bp` whose label answers
/// `name` (OpenSSL's rules: "CERTIFICATE" also takes "X509 CERTIFICATE",
/// "ANY PRIVATE KEY" any private key, ...), skipping other blocks. On success
/// (1) `*pdata`/`*plen` hold the decoded bytes and `*pnm` (if not NULL) the
/// label, both for `OPENSSL_free`. 0 with `PEM_R_NO_START_LINE` when no such
/// block remains. Limit: a legacy encrypted block (`Proc-Type: 4,ENCRYPTED`)
/// is refused; `cb`/`u` are not used.
#[no_mangle]
pub extern "C" fn PEM_bytes_read_bio(
    pdata: *mut *mut u8,
    plen: *mut std::ffi::c_long,
    pnm: *mut *mut c_char,
    name: *const c_char,
    bp: *mut BIO,
    _cb: pem_password_cb,
    _u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_bytes_read_bio", {
        let bio = ffi::borrow(bp)?;
        let name = ffi::cstr_bytes(name)?;
        if pdata.is_null() || plen.is_null() {
            return Err(Error::null_pointer());
        }
        let text = read_block(bio, |l| crate::crypto::pem::label_matches(l, name))?;
        let (label, der) = crate::crypto::pem::decode_block(&text)?;
        ffi::write_out(plen, der.len() as std::ffi::c_long);
        ffi::write_out(pdata, ffi::malloc_copy(&der, false));
        if !pnm.is_null() {
            ffi::write_out(pnm, ffi::malloc_copy(&label, true) as *mut c_char);
        }
        Ok(1)
    })
}

/// PEM_bytes_read_bio_secmem is `PEM_bytes_read_bio` (ferrossl has no
/// separate secure heap).
#[no_mangle]
pub extern "C" fn PEM_bytes_read_bio_secmem(
    pdata: *mut *mut u8,
    plen: *mut std::ffi::c_long,
    pnm: *mut *mut c_char,
    name: *const c_char,
    bp: *mut BIO,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    PEM_bytes_read_bio(pdata, plen, pnm, name, bp, cb, u)
}

/// PEM_X509_INFO_read_bio reads every certificate ("CERTIFICATE", "X509
/// CERTIFICATE", "TRUSTED CERTIFICATE") and CRL ("X509 CRL") block of `bp`
/// into X509_INFO entries (a certificate followed by a CRL share one entry,
/// as in OpenSSL), appended to `sk` or to a new stack, which is returned; an
/// input with no such block gives an empty stack. NULL and an error on a
/// block that does not parse (entries added by this call are freed). Limit:
/// private-key blocks are skipped (`x_pkey` stays NULL).
#[no_mangle]
pub extern "C" fn PEM_X509_INFO_read_bio(
    bp: *mut BIO,
    sk: *mut crate::crypto::stack::OPENSSL_STACK,
    _cb: pem_password_cb,
    _u: *mut c_void,
) -> *mut crate::crypto::stack::OPENSSL_STACK {
    ffi_boundary!("PEM_X509_INFO_read_bio", {
        let bio = ffi::borrow(bp)?;
        let mut infos: Vec<Box<x509::X509_INFO>> = Vec::new();
        let mut cur = Box::<x509::X509_INFO>::default();
        loop {
            let text = match read_block(bio, |l| {
                matches!(
                    l,
                    b"CERTIFICATE" | b"X509 CERTIFICATE" | b"TRUSTED CERTIFICATE" | b"X509 CRL"
                )
            }) {
                Ok(t) => t,
                Err(e) if e.reason() == PEM_R_NO_START_LINE => break,
                Err(e) => return Err(e),
            };
            let (label, der) = crate::crypto::pem::decode_block(&text)?;
            if label == b"X509 CRL" {
                if !cur.crl.is_null() {
                    infos.push(std::mem::take(&mut cur));
                }
                cur.crl = ffi::into_raw(x509::x509_crl_st::from_der(&der)?);
            } else {
                if !cur.x509.is_null() {
                    infos.push(std::mem::take(&mut cur));
                }
                let n = crate::crypto::asn1::tlv_len(&der)?; // TRUSTED: aux data follows
                cur.x509 = ffi::into_raw(x509::x509_st::from_der(&der[..n])?);
            }
        }
        if !cur.x509.is_null() || !cur.crl.is_null() {
            infos.push(cur);
        }
        let ptrs: Vec<*mut c_void> = infos
            .into_iter()
            .map(|i| Box::into_raw(i) as *mut c_void)
            .collect();
        if sk.is_null() {
            return Ok(crate::crypto::stack::stack_st::from_ptrs(ptrs));
        }
        ffi::borrow(sk)?.with(|v| v.extend(ptrs.into_iter().map(ffi::Ptr)))?;
        Ok(sk)
    })
}

/// OpenSSL's `d2i_of_void`: a `d2i_TYPE` function as `PEM_ASN1_read_bio` takes it.
pub type d2i_of_void =
    Option<unsafe extern "C" fn(*mut *mut c_void, *mut *const u8, std::ffi::c_long) -> *mut c_void>;

/// PEM_ASN1_read_bio reads the next PEM block labelled `name` (as
/// `PEM_bytes_read_bio` matches labels) from `bp` and decodes its body with
/// `d2i` (e.g. `d2i_X509`), passing `x` on to it; returns what `d2i`
/// returns, or NULL (no such block, or `d2i` failed: `ERR_R_ASN1_LIB`).
/// Limit: encrypted blocks are not decrypted (the callback is not called).
#[no_mangle]
pub extern "C" fn PEM_ASN1_read_bio(
    d2i: d2i_of_void,
    name: *const c_char,
    bp: *mut BIO,
    x: *mut *mut c_void,
    _cb: pem_password_cb,
    _u: *mut c_void,
) -> *mut c_void {
    ffi_boundary!("PEM_ASN1_read_bio", {
        let d2i = d2i.ok_or_else(Error::null_pointer)?;
        let bio = ffi::borrow(bp)?;
        let name = ffi::cstr_bytes(name)?;
        let der = read_der(bio, |l| crate::crypto::pem::label_matches(l, name))?;
        let len = std::ffi::c_long::try_from(der.len())
            .map_err(|_| Error::invalid_argument("PEM body too long"))?;
        let mut p = der.as_ptr();
        // SAFETY: PEM_ASN1_read_bio's contract: `d2i` is a d2i function for
        // the object `x` points at; it reads at most `len` bytes of `der`.
        let out = ffi::call_c(d2i, (x, &mut p as *mut *const u8, len));
        if out.is_null() {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_PEM,
                crate::abi::reasons::ERR_R_ASN1_LIB,
            ));
        }
        Ok(out)
    })
}

/// PEM_read_bio_X509_REQ reads the next `CERTIFICATE REQUEST` (or `NEW
/// CERTIFICATE REQUEST`) block: a new request (also stored in `*x` if not
/// NULL, freeing the old one), or NULL with `PEM_R_NO_START_LINE`.
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509_REQ(
    bp: *mut BIO,
    x: *mut *mut crate::crypto::x509::X509_REQ,
    _cb: *mut c_void,
    _u: *mut c_void,
) -> *mut crate::crypto::x509::X509_REQ {
    ffi_boundary!("PEM_read_bio_X509_REQ", {
        let bio = ffi::borrow(bp)?;
        let der = read_der(bio, |l| {
            l == b"CERTIFICATE REQUEST" || l == b"NEW CERTIFICATE REQUEST"
        })?;
        let (r, _) = crate::crypto::x509::X509_REQ::from_der(&der)?;
        let out = ffi::into_raw(std::sync::Arc::new(r));
        ffi::replace_out(x, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// PEM_write_bio_X509_REQ writes the request as a `CERTIFICATE REQUEST`
/// block. 1 or 0.
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509_REQ(
    bp: *mut BIO,
    x: *const crate::crypto::x509::X509_REQ,
) -> c_int {
    ffi_boundary!("PEM_write_bio_X509_REQ", {
        let bio = ffi::borrow(bp)?;
        let pem = crate::crypto::pkey::to_pem("CERTIFICATE REQUEST", &ffi::borrow(x)?.to_der()?);
        Ok(c_int::from(bio.write_all(pem.as_bytes())))
    })
}

// ---------------------------------------------------------------------------
// The stdio writers: the BIO ones over a BIO on the stream.

/// PEM_write_X509 is `PEM_write_bio_X509` to a stdio stream.
#[no_mangle]
pub extern "C" fn PEM_write_X509(fp: *mut libc::FILE, x: *const X509) -> c_int {
    ffi_boundary!("PEM_write_X509", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| PEM_write_bio_X509(b, x))
    })
}

/// PEM_write_X509_AUX is `PEM_write_bio_X509_AUX` to a stdio stream.
#[no_mangle]
pub extern "C" fn PEM_write_X509_AUX(fp: *mut libc::FILE, x: *const X509) -> c_int {
    ffi_boundary!("PEM_write_X509_AUX", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| PEM_write_bio_X509_AUX(b, x))
    })
}

/// PEM_write_X509_REQ is `PEM_write_bio_X509_REQ` to a stdio stream.
#[no_mangle]
pub extern "C" fn PEM_write_X509_REQ(
    fp: *mut libc::FILE,
    x: *const crate::crypto::x509::X509_REQ,
) -> c_int {
    ffi_boundary!("PEM_write_X509_REQ", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| PEM_write_bio_X509_REQ(b, x))
    })
}

/// PEM_write_PUBKEY is `PEM_write_bio_PUBKEY` to a stdio stream.
#[no_mangle]
pub extern "C" fn PEM_write_PUBKEY(fp: *mut libc::FILE, x: *const EVP_PKEY) -> c_int {
    ffi_boundary!("PEM_write_PUBKEY", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| PEM_write_bio_PUBKEY(b, x))
    })
}

/// PEM_write_PrivateKey is `PEM_write_bio_PrivateKey` to a stdio stream.
#[no_mangle]
pub extern "C" fn PEM_write_PrivateKey(
    fp: *mut libc::FILE,
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const u8,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_write_PrivateKey", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| {
            PEM_write_bio_PrivateKey(b, x, enc, kstr, klen, cb, u)
        })
    })
}

/// PEM_write_PKCS8PrivateKey is `PEM_write_bio_PKCS8PrivateKey` to a stdio
/// stream.
#[no_mangle]
pub extern "C" fn PEM_write_PKCS8PrivateKey(
    fp: *mut libc::FILE,
    x: *const EVP_PKEY,
    enc: *const EVP_CIPHER,
    kstr: *const c_char,
    klen: c_int,
    cb: pem_password_cb,
    u: *mut c_void,
) -> c_int {
    ffi_boundary!("PEM_write_PKCS8PrivateKey", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| {
            PEM_write_bio_PKCS8PrivateKey(b, x, enc, kstr, klen, cb, u)
        })
    })
}
