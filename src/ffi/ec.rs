//! aws-lc's `EC_KEY`, `EC_GROUP`, `EC_POINT` and `ECDSA_SIG`, handed to C
//! as they are (as `BIGNUM` is, `ffi/bn.rs`): an `EC_KEY *` C holds is
//! aws-lc's own object, the very one inside an `EVP_PKEY` it came from
//! (`EVP_PKEY_get1_EC_KEY`), so legacy calls and EVP calls see one key.
//! Key generation, point encoding, ECDSA and ECDH are aws-lc's; the
//! functions here check NULL and lengths, and translate aws-lc's errors
//! (`Error::aws_lc`).

use super::bn::{bignum_ctx, bignum_st};
use crate::abi::consts::{
    POINT_CONVERSION_COMPRESSED, POINT_CONVERSION_HYBRID, POINT_CONVERSION_UNCOMPRESSED,
};
use crate::abi::reasons::{ERR_LIB_EC, ERR_R_PASSED_NULL_PARAMETER};
use crate::crypto::err::Error;
use aws_lc_sys as sys;
use std::ffi::{c_int, c_long, c_void};
use std::ptr;

/// OpenSSL's `EC_KEY` (`struct ec_key_st`): aws-lc's, opaque to Rust.
pub struct ec_key_st {
    _opaque: [u8; 0],
}
/// OpenSSL's `EC_GROUP` (`struct ec_group_st`): aws-lc's (its built-in
/// curves are static objects).
pub struct ec_group_st {
    _opaque: [u8; 0],
}
/// OpenSSL's `EC_POINT` (`struct ec_point_st`): aws-lc's.
pub struct ec_point_st {
    _opaque: [u8; 0],
}
/// OpenSSL's `ECDSA_SIG` (`struct ECDSA_SIG_st`): aws-lc's.
#[allow(non_camel_case_types)]
pub struct ECDSA_SIG_st {
    _opaque: [u8; 0],
}

/// The KDF `ECDH_compute_key` may be given (OpenSSL's and aws-lc's type).
pub type EcdhKdf =
    Option<unsafe extern "C" fn(*const c_void, usize, *mut c_void, *mut usize) -> *mut c_void>;

type R<T> = Result<T, Error>;

fn nn<T, U>(p: *const T) -> R<*const U> {
    if p.is_null() {
        return Err(Error::new(ERR_LIB_EC, ERR_R_PASSED_NULL_PARAMETER));
    }
    Ok(p.cast())
}

fn nn_mut<T, U>(p: *mut T) -> R<*mut U> {
    if p.is_null() {
        return Err(Error::new(ERR_LIB_EC, ERR_R_PASSED_NULL_PARAMETER));
    }
    Ok(p.cast())
}

fn ok(r: c_int) -> R<c_int> {
    if r == 1 {
        Ok(1)
    } else {
        Err(Error::aws_lc(ERR_LIB_EC))
    }
}

fn made<T, U>(p: *mut T) -> R<*mut U> {
    if p.is_null() {
        Err(Error::aws_lc(ERR_LIB_EC))
    } else {
        Ok(p.cast())
    }
}

// SAFETY (for every function below): C passes EC_KEY, EC_GROUP, EC_POINT,
// ECDSA_SIG, BIGNUM and BN_CTX pointers that are NULL (checked where OpenSSL
// does not accept NULL) or objects it got from these functions or from
// aws-lc through ferrossl (OpenSSL's contract for these types); buffers are
// checked slices; aws-lc reads and writes only those objects and buffers.

pub fn key_new() -> R<*mut ec_key_st> {
    // SAFETY: see above.
    made(unsafe { sys::EC_KEY_new() })
}

/// `EC_KEY_new_by_curve_name`: aws-lc's curves (P-224, P-256, P-384, P-521,
/// secp256k1); others fail with aws-lc's UNKNOWN_GROUP.
pub fn key_new_by_curve_name(nid: c_int) -> R<*mut ec_key_st> {
    // SAFETY: see above.
    made(unsafe { sys::EC_KEY_new_by_curve_name(nid) })
}

pub fn key_free(k: *mut ec_key_st) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::EC_KEY_free(k.cast()) }
}

pub fn key_up_ref(k: *mut ec_key_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_up_ref(nn_mut(k)?) })
}

pub fn key_dup(k: *const ec_key_st) -> R<*mut ec_key_st> {
    // SAFETY: see above.
    made(unsafe { sys::EC_KEY_dup(nn(k)?) })
}

pub fn key_generate(k: *mut ec_key_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_generate_key(nn_mut(k)?) })
}

/// `EC_KEY_get_enc_flags` (`EC_PKEY_NO_PUBKEY` = 2, `EC_PKEY_NO_PARAMETERS` = 1).
pub fn key_enc_flags(k: *const ec_key_st) -> R<std::ffi::c_uint> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_KEY_get_enc_flags(nn(k)?) })
}

/// `EC_KEY_set_enc_flags`: how the private key is encoded (SEC1).
pub fn key_set_enc_flags(k: *mut ec_key_st, flags: std::ffi::c_uint) -> R<()> {
    // SAFETY: see above.
    unsafe { sys::EC_KEY_set_enc_flags(nn_mut(k)?, flags) };
    Ok(())
}

/// `i2d_ECParameters`: the key's curve as ECParameters DER (a named
/// curve's OID).
pub fn key_params_der(k: *const ec_key_st) -> R<Vec<u8>> {
    let mut out: *mut u8 = ptr::null_mut();
    // SAFETY: see above; with a NULL `*out` aws-lc allocates the encoding,
    // which is copied and freed here.
    unsafe {
        let n = sys::i2d_ECParameters(nn(k)?, &mut out);
        if n <= 0 || out.is_null() {
            return Err(Error::aws_lc(ERR_LIB_EC));
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        Ok(v)
    }
}

pub fn key_check(k: *const ec_key_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_check_key(nn(k)?) })
}

/// The key's group, borrowed (NULL when none is set).
pub fn key_group(k: *const ec_key_st) -> R<*const ec_group_st> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_KEY_get0_group(nn(k)?) }.cast())
}

pub fn key_set_group(k: *mut ec_key_st, g: *const ec_group_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_set_group(nn_mut(k)?, nn(g)?) })
}

/// The public point, borrowed (NULL when none is set).
pub fn key_public(k: *const ec_key_st) -> R<*const ec_point_st> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_KEY_get0_public_key(nn(k)?) }.cast())
}

/// The private scalar, borrowed (NULL for a public key).
pub fn key_private(k: *const ec_key_st) -> R<*const bignum_st> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_KEY_get0_private_key(nn(k)?) }.cast())
}

/// `EC_KEY_set_public_key`: aws-lc copies the point and checks it is on
/// the key's curve.
pub fn key_set_public(k: *mut ec_key_st, p: *const ec_point_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_set_public_key(nn_mut(k)?, nn(p)?) })
}

/// `EC_KEY_set_private_key`: aws-lc copies the scalar and checks its range.
pub fn key_set_private(k: *mut ec_key_st, d: *const bignum_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_set_private_key(nn_mut(k)?, nn(d)?) })
}

pub fn key_set_public_affine(
    k: *mut ec_key_st,
    x: *const bignum_st,
    y: *const bignum_st,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_KEY_set_public_key_affine_coordinates(nn_mut(k)?, nn(x)?, nn(y)?) })
}

pub fn group_new_by_curve_name(nid: c_int) -> R<*mut ec_group_st> {
    // SAFETY: see above; aws-lc's built-in groups are static.
    made(unsafe { sys::EC_GROUP_new_by_curve_name(nid) })
}

pub fn group_free(g: *mut ec_group_st) {
    // SAFETY: see above; NULL and static groups are no-ops in aws-lc.
    unsafe { sys::EC_GROUP_free(g.cast()) }
}

pub fn group_curve_name(g: *const ec_group_st) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_GROUP_get_curve_name(nn(g)?) })
}

pub fn group_degree(g: *const ec_group_st) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_GROUP_get_degree(nn(g)?) } as c_int)
}

pub fn group_order(g: *const ec_group_st) -> R<*const bignum_st> {
    // SAFETY: see above; the order is borrowed from the group.
    Ok(unsafe { sys::EC_GROUP_get0_order(nn(g)?) }.cast())
}

pub fn group_cmp(a: *const ec_group_st, b: *const ec_group_st) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_GROUP_cmp(nn(a)?, nn(b)?, ptr::null_mut()) })
}

pub fn point_new(g: *const ec_group_st) -> R<*mut ec_point_st> {
    // SAFETY: see above.
    made(unsafe { sys::EC_POINT_new(nn(g)?) })
}

pub fn point_free(p: *mut ec_point_st, clear: bool) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe {
        if clear {
            sys::EC_POINT_clear_free(p.cast())
        } else {
            sys::EC_POINT_free(p.cast())
        }
    }
}

pub fn point_dup(p: *const ec_point_st, g: *const ec_group_st) -> R<*mut ec_point_st> {
    // SAFETY: see above.
    made(unsafe { sys::EC_POINT_dup(nn(p)?, nn(g)?) })
}

/// `EC_POINT_oct2point`: aws-lc parses and checks the encoding (on the
/// curve, right length).
pub fn point_from_oct(
    g: *const ec_group_st,
    p: *mut ec_point_st,
    buf: &[u8],
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_POINT_oct2point(nn(g)?, nn_mut(p)?, buf.as_ptr(), buf.len(), ctx.cast()) })
}

/// `EC_POINT_point2oct` into `buf` (None: the length only); 0 on failure.
pub fn point_to_oct(
    g: *const ec_group_st,
    p: *const ec_point_st,
    form: c_int,
    buf: Option<&mut [u8]>,
    ctx: *mut bignum_ctx,
) -> R<usize> {
    let form = match form {
        POINT_CONVERSION_COMPRESSED => sys::point_conversion_form_t::POINT_CONVERSION_COMPRESSED,
        POINT_CONVERSION_UNCOMPRESSED => {
            sys::point_conversion_form_t::POINT_CONVERSION_UNCOMPRESSED
        }
        POINT_CONVERSION_HYBRID => sys::point_conversion_form_t::POINT_CONVERSION_HYBRID,
        _ => {
            return Err(Error::new(
                ERR_LIB_EC,
                crate::abi::reasons::EC_R_INVALID_FORM,
            ))
        }
    };
    let (b, n) = match buf {
        Some(b) => (b.as_mut_ptr(), b.len()),
        None => (ptr::null_mut(), 0),
    };
    // SAFETY: see above; `b` is NULL or `n` writable bytes.
    let r = unsafe { sys::EC_POINT_point2oct(nn(g)?, nn(p)?, form, b, n, ctx.cast()) };
    if r == 0 {
        return Err(Error::aws_lc(ERR_LIB_EC));
    }
    Ok(r)
}

pub fn point_affine(
    g: *const ec_group_st,
    p: *const ec_point_st,
    x: *mut bignum_st,
    y: *mut bignum_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above; x and y may be NULL (aws-lc skips them).
    ok(unsafe {
        sys::EC_POINT_get_affine_coordinates_GFp(nn(g)?, nn(p)?, x.cast(), y.cast(), ctx.cast())
    })
}

pub fn point_set_affine(
    g: *const ec_group_st,
    p: *mut ec_point_st,
    x: *const bignum_st,
    y: *const bignum_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe {
        sys::EC_POINT_set_affine_coordinates_GFp(nn(g)?, nn_mut(p)?, nn(x)?, nn(y)?, ctx.cast())
    })
}

/// `EC_POINT_cmp`: 0 equal, 1 different, -1 error.
pub fn point_cmp(
    g: *const ec_group_st,
    a: *const ec_point_st,
    b: *const ec_point_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    let r = unsafe { sys::EC_POINT_cmp(nn(g)?, nn(a)?, nn(b)?, ctx.cast()) };
    if r < 0 {
        return Err(Error::aws_lc(ERR_LIB_EC));
    }
    Ok(r)
}

/// `EC_POINT_mul`: r = n*G + m*q (n, or q and m, may be NULL).
pub fn point_mul(
    g: *const ec_group_st,
    r: *mut ec_point_st,
    n: *const bignum_st,
    q: *const ec_point_st,
    m: *const bignum_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_POINT_mul(nn(g)?, nn_mut(r)?, n.cast(), q.cast(), m.cast(), ctx.cast()) })
}

pub fn point_is_on_curve(
    g: *const ec_group_st,
    p: *const ec_point_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    let r = unsafe { sys::EC_POINT_is_on_curve(nn(g)?, nn(p)?, ctx.cast()) };
    if r < 0 {
        return Err(Error::aws_lc(ERR_LIB_EC));
    }
    Ok(r)
}

/// `EC_GROUP_get0_generator` (borrowed from the group).
pub fn group_generator(g: *const ec_group_st) -> R<*const ec_point_st> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_GROUP_get0_generator(nn(g)?) }.cast())
}

/// `EC_POINT_add`: r = a + b.
pub fn point_add(
    g: *const ec_group_st,
    r: *mut ec_point_st,
    a: *const ec_point_st,
    b: *const ec_point_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_POINT_add(nn(g)?, nn_mut(r)?, nn(a)?, nn(b)?, ctx.cast()) })
}

/// `EC_POINT_dbl`: r = 2a.
pub fn point_dbl(
    g: *const ec_group_st,
    r: *mut ec_point_st,
    a: *const ec_point_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_POINT_dbl(nn(g)?, nn_mut(r)?, nn(a)?, ctx.cast()) })
}

/// `EC_POINT_invert`: a = -a.
pub fn point_invert(g: *const ec_group_st, a: *mut ec_point_st, ctx: *mut bignum_ctx) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::EC_POINT_invert(nn(g)?, nn_mut(a)?, ctx.cast()) })
}

pub fn point_is_at_infinity(g: *const ec_group_st, p: *const ec_point_st) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe { sys::EC_POINT_is_at_infinity(nn(g)?, nn(p)?) })
}

pub fn sig_new() -> R<*mut ECDSA_SIG_st> {
    // SAFETY: see above.
    made(unsafe { sys::ECDSA_SIG_new() })
}

pub fn sig_free(s: *mut ECDSA_SIG_st) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::ECDSA_SIG_free(s.cast()) }
}

/// `ECDSA_SIG_get0`: r and s, borrowed from the signature (either out
/// pointer may be NULL).
pub fn sig_get0(
    s: *const ECDSA_SIG_st,
    r_out: *mut *const bignum_st,
    s_out: *mut *const bignum_st,
) -> R<()> {
    // SAFETY: see above; the out pointers are NULL or writable (C's promise).
    unsafe { sys::ECDSA_SIG_get0(nn(s)?, r_out.cast(), s_out.cast()) };
    Ok(())
}

/// `ECDSA_SIG_set0`: the signature takes ownership of r and s (both
/// non-NULL).
pub fn sig_set0(sig: *mut ECDSA_SIG_st, r: *mut bignum_st, s: *mut bignum_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::ECDSA_SIG_set0(nn_mut(sig)?, nn_mut(r)?, nn_mut(s)?) })
}

/// `ECDSA_do_sign` of the digest `dgst` with the private key `k`.
pub fn do_sign(dgst: &[u8], k: *const ec_key_st) -> R<*mut ECDSA_SIG_st> {
    // SAFETY: see above.
    made(unsafe { sys::ECDSA_do_sign(dgst.as_ptr(), dgst.len(), nn(k)?) })
}

/// `ECDSA_do_verify`: 1 good, 0 bad signature (aws-lc's queue cleared).
pub fn do_verify(dgst: &[u8], s: *const ECDSA_SIG_st, k: *const ec_key_st) -> R<c_int> {
    // SAFETY: see above.
    let r = unsafe { sys::ECDSA_do_verify(dgst.as_ptr(), dgst.len(), nn(s)?, nn(k)?) };
    super::cipher::clear_errors();
    Ok(c_int::from(r == 1))
}

/// `ECDSA_size`: the longest DER signature with key `k`.
pub fn sig_max_size(k: *const ec_key_st) -> R<usize> {
    // SAFETY: see above.
    Ok(unsafe { sys::ECDSA_size(nn(k)?) })
}

/// The DER `ECDSA-Sig-Value` of `s`.
pub fn sig_to_der(s: *const ECDSA_SIG_st) -> R<Vec<u8>> {
    // SAFETY: see above; aws-lc allocates the output, copied and freed here.
    unsafe {
        let mut out: *mut u8 = ptr::null_mut();
        let n = sys::i2d_ECDSA_SIG(nn(s)?, &mut out);
        if n <= 0 || out.is_null() {
            return Err(Error::aws_lc(ERR_LIB_EC));
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        Ok(v)
    }
}

/// A signature parsed from DER; the bytes used.
pub fn sig_from_der(der: &[u8]) -> R<(*mut ECDSA_SIG_st, usize)> {
    let len = c_long::try_from(der.len()).map_err(|_| Error::aws_lc(ERR_LIB_EC))?;
    let mut p = der.as_ptr();
    // SAFETY: `p` walks `der`, of `len` bytes.
    let s = unsafe { sys::d2i_ECDSA_SIG(ptr::null_mut(), &mut p, len) };
    let s = made(s)?;
    Ok((s, (p as usize).wrapping_sub(der.as_ptr() as usize)))
}

/// `ECDH_compute_key`: the x coordinate of `priv * pub` into `out` (through
/// `kdf` when given); its length.
pub fn ecdh(
    out: &mut [u8],
    pub_key: *const ec_point_st,
    k: *const ec_key_st,
    kdf: EcdhKdf,
) -> R<c_int> {
    // SAFETY: see above; `kdf` is a C function of OpenSSL's KDF type that
    // the caller passed (its contract), which aws-lc calls on our buffers.
    let r = unsafe {
        sys::ECDH_compute_key(
            out.as_mut_ptr().cast(),
            out.len(),
            nn(pub_key)?,
            nn(k)?,
            kdf,
        )
    };
    if r < 0 {
        return Err(Error::aws_lc(ERR_LIB_EC));
    }
    Ok(r)
}
