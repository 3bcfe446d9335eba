//! aws-lc's `RSA`, handed to C as it is (as `BIGNUM` is, `ffi/bn.rs`): an
//! `RSA *` C holds is aws-lc's own object, the very one inside an
//! `EVP_PKEY` it came from (`EVP_PKEY_get1_RSA`). Signatures, encryption
//! and key checks are aws-lc's; the functions here check NULL and lengths
//! and translate aws-lc's errors (`Error::aws_lc`).

use super::bn::bignum_st;
use crate::abi::reasons::{ERR_LIB_RSA, ERR_R_PASSED_NULL_PARAMETER};
use crate::crypto::err::Error;
use aws_lc_sys as sys;
use std::ffi::{c_int, c_uint};

/// OpenSSL's `RSA` (`struct rsa_st`): aws-lc's, opaque to Rust.
pub struct rsa_st {
    _opaque: [u8; 0],
}

type R<T> = Result<T, Error>;

fn nn(p: *const rsa_st) -> R<*const sys::RSA> {
    if p.is_null() {
        return Err(Error::new(ERR_LIB_RSA, ERR_R_PASSED_NULL_PARAMETER));
    }
    Ok(p.cast())
}

fn nn_mut(p: *mut rsa_st) -> R<*mut sys::RSA> {
    if p.is_null() {
        return Err(Error::new(ERR_LIB_RSA, ERR_R_PASSED_NULL_PARAMETER));
    }
    Ok(p.cast())
}

fn ok(r: c_int) -> R<c_int> {
    if r == 1 {
        Ok(1)
    } else {
        Err(Error::aws_lc(ERR_LIB_RSA))
    }
}

// SAFETY (for every function below): C passes RSA and BIGNUM pointers that
// are NULL (checked where OpenSSL does not accept NULL) or objects it got
// from these functions or from aws-lc through ferrossl (OpenSSL's contract
// for these types); out-pointers are NULL or writable; buffers are checked
// slices; aws-lc reads and writes only those objects and buffers.

pub fn new() -> R<*mut rsa_st> {
    // SAFETY: see above.
    let p = unsafe { sys::RSA_new() };
    if p.is_null() {
        return Err(Error::aws_lc(ERR_LIB_RSA));
    }
    Ok(p.cast())
}

pub fn free(r: *mut rsa_st) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::RSA_free(r.cast()) }
}

pub fn up_ref(r: *mut rsa_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::RSA_up_ref(nn_mut(r)?) })
}

/// `RSA_set0_key`: the key takes n, e, d (NULL keeps the current one;
/// n and e must then be set already).
pub fn set0_key(
    r: *mut rsa_st,
    n: *mut bignum_st,
    e: *mut bignum_st,
    d: *mut bignum_st,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::RSA_set0_key(nn_mut(r)?, n.cast(), e.cast(), d.cast()) })
}

pub fn set0_factors(r: *mut rsa_st, p: *mut bignum_st, q: *mut bignum_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::RSA_set0_factors(nn_mut(r)?, p.cast(), q.cast()) })
}

pub fn set0_crt_params(
    r: *mut rsa_st,
    dmp1: *mut bignum_st,
    dmq1: *mut bignum_st,
    iqmp: *mut bignum_st,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::RSA_set0_crt_params(nn_mut(r)?, dmp1.cast(), dmq1.cast(), iqmp.cast()) })
}

/// The key's numbers, borrowed: (n, e, d), (p, q) or (dmp1, dmq1, iqmp) by
/// `which` (0, 1, 2); each out pointer may be NULL.
pub fn get0(
    r: *const rsa_st,
    which: u8,
    a: *mut *const bignum_st,
    b: *mut *const bignum_st,
    c: *mut *const bignum_st,
) -> R<()> {
    let r = nn(r)?;
    // SAFETY: see above.
    unsafe {
        match which {
            0 => sys::RSA_get0_key(r, a.cast(), b.cast(), c.cast()),
            1 => sys::RSA_get0_factors(r, a.cast(), b.cast()),
            _ => sys::RSA_get0_crt_params(r, a.cast(), b.cast(), c.cast()),
        }
    }
    Ok(())
}

/// `RSA_size`: the modulus in bytes (0 without one).
pub fn size(r: *const rsa_st) -> R<c_int> {
    // SAFETY: see above; aws-lc's RSA_size reads n, which may be NULL.
    let r = nn(r)?;
    // SAFETY: as above.
    if unsafe { sys::RSA_get0_n(r) }.is_null() {
        return Ok(0);
    }
    // SAFETY: as above.
    Ok(unsafe { sys::RSA_size(r) } as c_int)
}

pub fn bits(r: *const rsa_st) -> R<c_int> {
    let r = nn(r)?;
    // SAFETY: see above.
    if unsafe { sys::RSA_get0_n(r) }.is_null() {
        return Ok(0);
    }
    // SAFETY: as above.
    Ok(unsafe { sys::RSA_bits(r) } as c_int)
}

pub fn check_key(r: *const rsa_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::RSA_check_key(nn(r)?) })
}

/// `RSA_sign` (PKCS#1 v1.5) of the digest `m` (of hash `nid`) into `out`,
/// which must hold `RSA_size` bytes; the signature length.
pub fn sign(nid: c_int, m: &[u8], out: &mut [u8], r: *mut rsa_st) -> R<c_uint> {
    let r = nn_mut(r)?;
    // SAFETY: see above; aws-lc writes at most RSA_size bytes, checked here.
    unsafe {
        if sys::RSA_get0_n(r).is_null() || (out.len() as u64) < u64::from(sys::RSA_size(r)) {
            return Err(Error::new(
                ERR_LIB_RSA,
                crate::abi::reasons::RSA_R_DIGEST_TOO_BIG_FOR_RSA_KEY,
            ));
        }
        let mut n: c_uint = 0;
        ok(sys::RSA_sign(
            nid,
            m.as_ptr(),
            m.len(),
            out.as_mut_ptr(),
            &mut n,
            r,
        ))?;
        Ok(n)
    }
}

/// `RSA_verify` (PKCS#1 v1.5): Ok(true) for a good signature.
pub fn verify(nid: c_int, m: &[u8], sig: &[u8], r: *mut rsa_st) -> R<bool> {
    // SAFETY: see above.
    let v = unsafe {
        sys::RSA_verify(
            nid,
            m.as_ptr(),
            m.len(),
            sig.as_ptr(),
            sig.len(),
            nn_mut(r)?,
        )
    };
    if v == 1 {
        return Ok(true);
    }
    Err(Error::aws_lc(ERR_LIB_RSA))
}

/// The four raw RSA operations, as aws-lc names them.
#[derive(Clone, Copy)]
pub enum Crypt {
    PublicEncrypt,
    PrivateDecrypt,
    PrivateEncrypt,
    PublicDecrypt,
}

/// One of the four raw RSA operations (`RSA_public_encrypt`,
/// `RSA_private_decrypt`, `RSA_private_encrypt`, `RSA_public_decrypt`) into
/// `to`, which must hold `RSA_size` bytes; the output length.
pub fn crypt(op: Crypt, from: &[u8], to: &mut [u8], r: *mut rsa_st, pad: c_int) -> R<c_int> {
    let r = nn_mut(r)?;
    // SAFETY: see above; aws-lc writes at most RSA_size bytes, checked here.
    unsafe {
        if sys::RSA_get0_n(r).is_null() || (to.len() as u64) < u64::from(sys::RSA_size(r)) {
            return Err(Error::new(
                ERR_LIB_RSA,
                crate::abi::reasons::RSA_R_DATA_TOO_LARGE_FOR_KEY_SIZE,
            ));
        }
        let f = match op {
            Crypt::PublicEncrypt => sys::RSA_public_encrypt,
            Crypt::PrivateDecrypt => sys::RSA_private_decrypt,
            Crypt::PrivateEncrypt => sys::RSA_private_encrypt,
            Crypt::PublicDecrypt => sys::RSA_public_decrypt,
        };
        let n = f(from.len(), from.as_ptr(), to.as_mut_ptr(), r, pad);
        if n < 0 {
            return Err(Error::aws_lc(ERR_LIB_RSA));
        }
        Ok(n)
    }
}

/// `RSA_generate_key_ex` (no progress callback: aws-lc's is not OpenSSL's
/// `BN_GENCB`, so it is ignored).
pub fn generate_key_ex(r: *mut rsa_st, bits: c_int, e: *const bignum_st) -> R<c_int> {
    if e.is_null() {
        return Err(Error::new(ERR_LIB_RSA, ERR_R_PASSED_NULL_PARAMETER));
    }
    // SAFETY: see above; a NULL callback.
    ok(unsafe { sys::RSA_generate_key_ex(nn_mut(r)?, bits, e.cast(), std::ptr::null_mut()) })
}

fn lc(e: super::pkey::LcError) -> Error {
    Error::from_aws_lc(ERR_LIB_RSA, Some((e.lib, e.text.as_str())))
}

/// The PKCS#1 `RSAPublicKey` DER of `r`.
pub fn public_der(r: *const rsa_st) -> R<Vec<u8>> {
    let r = nn(r)?;
    // SAFETY: see above; a live CBB.
    super::pkey::marshal(|cbb| unsafe { sys::RSA_marshal_public_key(cbb, r) }).map_err(lc)
}

/// The PKCS#1 `RSAPrivateKey` DER of `r`.
pub fn private_der(r: *const rsa_st) -> R<Vec<u8>> {
    let r = nn(r)?;
    // SAFETY: see above; a live CBB.
    super::pkey::marshal(|cbb| unsafe { sys::RSA_marshal_private_key(cbb, r) }).map_err(lc)
}

/// A new RSA public key from PKCS#1 `RSAPublicKey` DER, and the bytes it took.
pub fn public_from_der(der: &[u8]) -> R<(*mut rsa_st, usize)> {
    // SAFETY: a CBS over `der`; the key aws-lc returns is the caller's.
    unsafe {
        let mut cbs = sys::CBS {
            data: std::ptr::null(),
            len: 0,
        };
        sys::CBS_init(&mut cbs, der.as_ptr(), der.len());
        let p = sys::RSA_parse_public_key(&mut cbs);
        if p.is_null() {
            return Err(Error::aws_lc(ERR_LIB_RSA));
        }
        Ok((p.cast(), der.len() - cbs.len))
    }
}

/// `RSAPublicKey_dup` (`private` false) or `RSAPrivateKey_dup`: a new key
/// with `r`'s public (or all) parameters.
pub fn dup(r: *const rsa_st, private: bool) -> R<*mut rsa_st> {
    let r = nn(r)?;
    // SAFETY: see above; the copy is the caller's.
    let p = unsafe {
        if private {
            sys::RSAPrivateKey_dup(r)
        } else {
            sys::RSAPublicKey_dup(r)
        }
    };
    if p.is_null() {
        return Err(Error::aws_lc(ERR_LIB_RSA));
    }
    Ok(p.cast())
}
