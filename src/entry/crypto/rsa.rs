//! `rsa.h`: the legacy RSA calls programs still make (libssh2, curl). An
//! `RSA *` is aws-lc's own object (src/ffi/rsa.rs): the one inside the
//! `EVP_PKEY` it came from (`EVP_PKEY_get1_RSA`), so legacy and EVP calls
//! see one key. Signatures and encryption are aws-lc's.

use super::bn::BIGNUM;
use crate::crypto::err::Error;
use crate::ffi;
use crate::ffi::rsa::{self as lc, rsa_st};
use std::ffi::{c_int, c_uint, c_void};

pub type RSA = rsa_st;

/// RSA_new returns an empty RSA key (set its numbers with `RSA_set0_key`
/// and friends), freed with `RSA_free`.
#[no_mangle]
pub extern "C" fn RSA_new() -> *mut RSA {
    ffi_boundary!("RSA_new", { lc::new() })
}

/// RSA_free drops one reference to `rsa`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn RSA_free(rsa: *mut RSA) {
    ffi_boundary!("RSA_free", {
        lc::free(rsa);
        Ok(())
    })
}

/// RSA_up_ref adds a reference to `rsa`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn RSA_up_ref(rsa: *mut RSA) -> c_int {
    ffi_boundary!("RSA_up_ref", { lc::up_ref(rsa) })
}

/// RSA_set0_key hands `n`, `e` and `d` to `rsa` (NULL keeps the current
/// number; `n` and `e` must be set after the call): 1, or 0 (then the
/// caller still owns them).
#[no_mangle]
pub extern "C" fn RSA_set0_key(
    rsa: *mut RSA,
    n: *mut BIGNUM,
    e: *mut BIGNUM,
    d: *mut BIGNUM,
) -> c_int {
    ffi_boundary!("RSA_set0_key", { lc::set0_key(rsa, n, e, d) })
}

/// RSA_set0_factors hands the primes `p` and `q` to `rsa`: 1, or 0.
#[no_mangle]
pub extern "C" fn RSA_set0_factors(rsa: *mut RSA, p: *mut BIGNUM, q: *mut BIGNUM) -> c_int {
    ffi_boundary!("RSA_set0_factors", { lc::set0_factors(rsa, p, q) })
}

/// RSA_set0_crt_params hands the CRT numbers to `rsa`: 1, or 0.
#[no_mangle]
pub extern "C" fn RSA_set0_crt_params(
    rsa: *mut RSA,
    dmp1: *mut BIGNUM,
    dmq1: *mut BIGNUM,
    iqmp: *mut BIGNUM,
) -> c_int {
    ffi_boundary!("RSA_set0_crt_params", {
        lc::set0_crt_params(rsa, dmp1, dmq1, iqmp)
    })
}

/// RSA_get0_key writes `rsa`'s n, e and d (owned by `rsa`, NULL when
/// unset) through the out pointers, each of which may be NULL.
#[no_mangle]
pub extern "C" fn RSA_get0_key(
    rsa: *const RSA,
    n: *mut *const BIGNUM,
    e: *mut *const BIGNUM,
    d: *mut *const BIGNUM,
) {
    ffi_boundary!("RSA_get0_key", { lc::get0(rsa, 0, n, e, d) })
}

/// RSA_get0_factors writes `rsa`'s p and q, as `RSA_get0_key`.
#[no_mangle]
pub extern "C" fn RSA_get0_factors(rsa: *const RSA, p: *mut *const BIGNUM, q: *mut *const BIGNUM) {
    ffi_boundary!("RSA_get0_factors", {
        lc::get0(rsa, 1, p, q, std::ptr::null_mut())
    })
}

/// RSA_get0_crt_params writes `rsa`'s dmp1, dmq1 and iqmp, as
/// `RSA_get0_key`.
#[no_mangle]
pub extern "C" fn RSA_get0_crt_params(
    rsa: *const RSA,
    dmp1: *mut *const BIGNUM,
    dmq1: *mut *const BIGNUM,
    iqmp: *mut *const BIGNUM,
) {
    ffi_boundary!("RSA_get0_crt_params", {
        lc::get0(rsa, 2, dmp1, dmq1, iqmp)
    })
}

fn get0_one(rsa: *const RSA, which: u8, pos: u8) -> Result<*const BIGNUM, Error> {
    let mut v = [std::ptr::null::<BIGNUM>(); 3];
    let [a, b, c] = &mut v;
    lc::get0(rsa, which, a, b, c)?;
    Ok(v[usize::from(pos)])
}

/// RSA_get0_n returns `rsa`'s modulus, owned by `rsa` (NULL when unset).
#[no_mangle]
pub extern "C" fn RSA_get0_n(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_n", { get0_one(rsa, 0, 0) })
}

/// RSA_get0_e returns `rsa`'s public exponent, owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_e(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_e", { get0_one(rsa, 0, 1) })
}

/// RSA_get0_d returns `rsa`'s private exponent, owned by `rsa` (NULL for
/// a public key).
#[no_mangle]
pub extern "C" fn RSA_get0_d(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_d", { get0_one(rsa, 0, 2) })
}

/// RSA_get0_p returns `rsa`'s first prime, owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_p(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_p", { get0_one(rsa, 1, 0) })
}

/// RSA_get0_q returns `rsa`'s second prime, owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_q(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_q", { get0_one(rsa, 1, 1) })
}

/// RSA_get0_dmp1 returns d mod (p-1), owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_dmp1(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_dmp1", { get0_one(rsa, 2, 0) })
}

/// RSA_get0_dmq1 returns d mod (q-1), owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_dmq1(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_dmq1", { get0_one(rsa, 2, 1) })
}

/// RSA_get0_iqmp returns q^-1 mod p, owned by `rsa`.
#[no_mangle]
pub extern "C" fn RSA_get0_iqmp(rsa: *const RSA) -> *const BIGNUM {
    ffi_boundary!("RSA_get0_iqmp", { get0_one(rsa, 2, 2) })
}

/// RSA_size returns the modulus length in bytes (the signature size), 0
/// when `rsa` has no modulus or is NULL.
#[no_mangle]
pub extern "C" fn RSA_size(rsa: *const RSA) -> c_int {
    ffi_boundary!("RSA_size", { lc::size(rsa) })
}

/// RSA_bits returns the modulus length in bits, 0 when unset or NULL.
#[no_mangle]
pub extern "C" fn RSA_bits(rsa: *const RSA) -> c_int {
    ffi_boundary!("RSA_bits", { lc::bits(rsa) })
}

/// RSA_check_key checks the private key's numbers agree: 1, or 0.
#[no_mangle]
pub extern "C" fn RSA_check_key(rsa: *const RSA) -> c_int {
    ffi_boundary!("RSA_check_key", { lc::check_key(rsa) })
}

/// RSA_sign makes a PKCS#1 v1.5 signature of the digest `m` (`m_length`
/// bytes, of hash `type_`: `NID_sha256`, `NID_sha1`, ...) into `sigret`
/// (`RSA_size` bytes), its length in `*siglen`: 1, or 0.
#[no_mangle]
pub extern "C" fn RSA_sign(
    type_: c_int,
    m: *const u8,
    m_length: c_uint,
    sigret: *mut u8,
    siglen: *mut c_uint,
    rsa: *mut RSA,
) -> c_int {
    ffi_boundary!("RSA_sign", {
        let size = usize::try_from(lc::size(rsa)?).unwrap_or(0);
        let m = ffi::slice_usize(m, m_length as usize)?;
        let out = ffi::slice_mut_usize(sigret, size)?;
        let n = lc::sign(type_, m, out, rsa)?;
        ffi::write_out(siglen, n);
        Ok(1)
    })
}

/// RSA_verify checks the PKCS#1 v1.5 signature `sigbuf` over the digest
/// `m` (of hash `type_`) with `rsa`: 1 valid, 0 otherwise
/// (`RSA_R_BAD_SIGNATURE` and friends queued).
#[no_mangle]
pub extern "C" fn RSA_verify(
    type_: c_int,
    m: *const u8,
    m_length: c_uint,
    sigbuf: *const u8,
    siglen: c_uint,
    rsa: *mut RSA,
) -> c_int {
    ffi_boundary!("RSA_verify", {
        let m = ffi::slice_usize(m, m_length as usize)?;
        let sig = ffi::slice_usize(sigbuf, siglen as usize)?;
        lc::verify(type_, m, sig, rsa).map(c_int::from)
    })
}

fn crypt(
    op: lc::Crypt,
    flen: c_int,
    from: *const u8,
    to: *mut u8,
    rsa: *mut RSA,
    pad: c_int,
) -> Result<c_int, Error> {
    let size = usize::try_from(lc::size(rsa)?).unwrap_or(0);
    let from = ffi::slice(from, flen)?;
    let to = ffi::slice_mut_usize(to, size)?;
    lc::crypt(op, from, to, rsa, pad)
}

/// RSA_public_encrypt encrypts `flen` bytes at `from` with `rsa`'s public
/// key and `padding` (`RSA_PKCS1_PADDING`, `RSA_PKCS1_OAEP_PADDING`,
/// `RSA_NO_PADDING`) into `to` (`RSA_size` bytes): the length, or -1.
#[no_mangle]
pub extern "C" fn RSA_public_encrypt(
    flen: c_int,
    from: *const u8,
    to: *mut u8,
    rsa: *mut RSA,
    padding: c_int,
) -> c_int {
    ffi_boundary!("RSA_public_encrypt", -1, {
        crypt(lc::Crypt::PublicEncrypt, flen, from, to, rsa, padding)
    })
}

/// RSA_private_decrypt decrypts `flen` bytes at `from` with `rsa`'s
/// private key into `to` (`RSA_size` bytes): the length, or -1.
#[no_mangle]
pub extern "C" fn RSA_private_decrypt(
    flen: c_int,
    from: *const u8,
    to: *mut u8,
    rsa: *mut RSA,
    padding: c_int,
) -> c_int {
    ffi_boundary!("RSA_private_decrypt", -1, {
        crypt(lc::Crypt::PrivateDecrypt, flen, from, to, rsa, padding)
    })
}

/// RSA_private_encrypt is the raw private-key operation with PKCS#1 type 1
/// or no padding (a signature without DigestInfo): the length, or -1.
#[no_mangle]
pub extern "C" fn RSA_private_encrypt(
    flen: c_int,
    from: *const u8,
    to: *mut u8,
    rsa: *mut RSA,
    padding: c_int,
) -> c_int {
    ffi_boundary!("RSA_private_encrypt", -1, {
        crypt(lc::Crypt::PrivateEncrypt, flen, from, to, rsa, padding)
    })
}

/// RSA_public_decrypt undoes `RSA_private_encrypt`: the length, or -1.
#[no_mangle]
pub extern "C" fn RSA_public_decrypt(
    flen: c_int,
    from: *const u8,
    to: *mut u8,
    rsa: *mut RSA,
    padding: c_int,
) -> c_int {
    ffi_boundary!("RSA_public_decrypt", -1, {
        crypt(lc::Crypt::PublicDecrypt, flen, from, to, rsa, padding)
    })
}

/// RSA_generate_key_ex makes `rsa` a new key of `bits` bits with public
/// exponent `e` (aws-lc's generator). The progress callback `cb` is not
/// called. 1 or 0.
#[no_mangle]
pub extern "C" fn RSA_generate_key_ex(
    rsa: *mut RSA,
    bits: c_int,
    e: *mut BIGNUM,
    _cb: *mut c_void,
) -> c_int {
    ffi_boundary!("RSA_generate_key_ex", { lc::generate_key_ex(rsa, bits, e) })
}

/// RSA_blinding_on returns 1: aws-lc always blinds private-key operations.
#[no_mangle]
pub extern "C" fn RSA_blinding_on(rsa: *mut RSA, _ctx: *mut c_void) -> c_int {
    ffi_boundary!("RSA_blinding_on", {
        if rsa.is_null() {
            return Err(Error::null_pointer());
        }
        Ok(1)
    })
}

/// RSAPublicKey_dup returns a new RSA key holding `rsa`'s public half
/// (n, e), for `RSA_free`; NULL on error.
#[no_mangle]
pub extern "C" fn RSAPublicKey_dup(rsa: *const RSA) -> *mut RSA {
    ffi_boundary!("RSAPublicKey_dup", { lc::dup(rsa, false) })
}

/// RSAPrivateKey_dup returns a new RSA key with all of `rsa`'s parameters,
/// for `RSA_free`; NULL on error.
#[no_mangle]
pub extern "C" fn RSAPrivateKey_dup(rsa: *const RSA) -> *mut RSA {
    ffi_boundary!("RSAPrivateKey_dup", { lc::dup(rsa, true) })
}

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

/// EVP_PKEY_CTX_set1_rsa_keygen_pubexp sets (a copy of) `pubexp` as the
/// public exponent for RSA key generation (default 65537). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set1_rsa_keygen_pubexp(
    ctx: *mut crate::crypto::pkey::EVP_PKEY_CTX,
    pubexp: *mut crate::ffi::bn::bignum_st,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set1_rsa_keygen_pubexp", -2, {
        crate::entry::crypto::evp_pkey::set_param_pub(ctx, |c| c.set1_rsa_keygen_pubexp(pubexp))
    })
}

/// EVP_PKEY_CTX_set_rsa_keygen_primes sets the number of RSA primes: only
/// 2 is supported (aws-lc makes two-prime keys). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_keygen_primes(
    ctx: *mut crate::crypto::pkey::EVP_PKEY_CTX,
    primes: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_keygen_primes", -2, {
        ffi::borrow(ctx)?;
        if primes != 2 {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_PROV,
                crate::abi::reasons::PROV_R_INVALID_KEY_LENGTH,
            )
            .data("only 2-prime RSA keys"));
        }
        Ok(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_empty_keys() {
        RSA_free(std::ptr::null_mut());
        assert_eq!(RSA_size(std::ptr::null()), 0);
        let r = RSA_new();
        assert_eq!(RSA_size(r), 0);
        assert!(RSA_get0_n(r).is_null());
        RSA_free(r);
        crate::crypto::err::clear();
    }
}
