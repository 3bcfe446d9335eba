//! `ec.h`: elliptic curves: the built-in curve table, and `EC_KEY`,
//! `EC_GROUP`, `EC_POINT`, `ECDSA_SIG` as aws-lc's own objects
//! (src/ffi/ec.rs): an `EC_KEY *` from `EVP_PKEY_get1_EC_KEY` is the key
//! inside that `EVP_PKEY`. Key generation, point encoding, ECDSA and ECDH
//! are aws-lc's.

use super::bn::{BIGNUM, BN_CTX};
use crate::abi::objects::{NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1};
use crate::abi::reasons::{EC_R_UNKNOWN_GROUP, ERR_LIB_EC};
use crate::crypto::err::Error;
use crate::ffi;
use crate::ffi::ec::{self as lc, EcdhKdf};
use std::ffi::{c_char, c_int, c_long, c_void, CStr};

pub type EC_KEY = lc::ec_key_st;
pub type EC_GROUP = lc::ec_group_st;
pub type EC_POINT = lc::ec_point_st;
pub type ECDSA_SIG = lc::ECDSA_SIG_st;

// ---------------------------------------------------------------------------
// The curve table (LuaSec builds it at load).

/// OpenSSL's `EC_builtin_curve`.
#[repr(C)]
pub struct EC_builtin_curve {
    pub nid: c_int,
    pub comment: *const c_char,
}

/// The named curves ferrossl's key exchange supports, with OpenSSL's
/// comments, in OpenSSL's order (X25519 is not an EC_GROUP curve in OpenSSL
/// either).
const CURVES: [(c_int, &CStr); 2] = [
    (NID_secp384r1, c"NIST/SECG curve over a 384 bit prime field"),
    (
        NID_X9_62_prime256v1,
        c"X9.62/SECG curve over a 256 bit prime field",
    ),
];

/// EC_get_builtin_curves fills up to `nitems` entries of `r` with the
/// curves ferrossl's TLS key exchange supports (P-384, P-256) and returns
/// how many there are (call it with `r` NULL, 0 to size the array).
#[no_mangle]
pub extern "C" fn EC_get_builtin_curves(r: *mut EC_builtin_curve, nitems: usize) -> usize {
    ffi_boundary!("EC_get_builtin_curves", {
        if !r.is_null() {
            for (i, (nid, comment)) in CURVES.iter().enumerate().take(nitems) {
                ffi::write_out(
                    r.wrapping_add(i),
                    EC_builtin_curve {
                        nid: *nid,
                        comment: comment.as_ptr(),
                    },
                );
            }
        }
        Ok(CURVES.len())
    })
}

/// The NIST curves OpenSSL 3 and aws-lc both have (P-224 too in aws-lc,
/// secp256k1 too: kept out, so a program sees the same set everywhere
/// ferrossl's keys go).
fn known_curve(nid: c_int) -> Result<c_int, Error> {
    if matches!(nid, NID_X9_62_prime256v1 | NID_secp384r1 | NID_secp521r1) {
        return Ok(nid);
    }
    Err(Error::new(ERR_LIB_EC, EC_R_UNKNOWN_GROUP).data(&format!("curve NID {nid}")))
}

// ---------------------------------------------------------------------------
// EC_KEY

/// EC_KEY_new returns an empty EC_KEY (no group yet), freed with
/// `EC_KEY_free`.
#[no_mangle]
pub extern "C" fn EC_KEY_new() -> *mut EC_KEY {
    ffi_boundary!("EC_KEY_new", { lc::key_new() })
}

/// EC_KEY_new_by_curve_name returns an EC_KEY on curve `nid` (P-256,
/// P-384, P-521) without key halves yet (`EC_KEY_generate_key`, or
/// `EC_KEY_set_private_key` / `EC_KEY_set_public_key`); freed with
/// `EC_KEY_free`. `SSL_CTX_set_tmp_ecdh` accepts and ignores one (rustls
/// picks the group from `SSL_CTX_set1_groups_list`). Other curves: NULL
/// and `EC_R_UNKNOWN_GROUP`.
#[no_mangle]
pub extern "C" fn EC_KEY_new_by_curve_name(nid: c_int) -> *mut EC_KEY {
    ffi_boundary!("EC_KEY_new_by_curve_name", {
        lc::key_new_by_curve_name(known_curve(nid)?)
    })
}

/// EC_KEY_free drops one reference to `key`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_KEY_free(key: *mut EC_KEY) {
    ffi_boundary!("EC_KEY_free", {
        lc::key_free(key);
        Ok(())
    })
}

/// EC_KEY_up_ref adds a reference to `key`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn EC_KEY_up_ref(key: *mut EC_KEY) -> c_int {
    ffi_boundary!("EC_KEY_up_ref", { lc::key_up_ref(key) })
}

/// EC_KEY_dup returns a copy of `key` (group and both halves), or NULL.
#[no_mangle]
pub extern "C" fn EC_KEY_dup(key: *const EC_KEY) -> *mut EC_KEY {
    ffi_boundary!("EC_KEY_dup", { lc::key_dup(key) })
}

/// EC_KEY_generate_key makes a new key pair on `key`'s curve (aws-lc's
/// generator): 1, or 0 (no group, NULL).
#[no_mangle]
pub extern "C" fn EC_KEY_generate_key(key: *mut EC_KEY) -> c_int {
    ffi_boundary!("EC_KEY_generate_key", { lc::key_generate(key) })
}

/// EC_KEY_check_key checks the public point is on the curve and matches
/// the private scalar when there is one: 1, or 0.
#[no_mangle]
pub extern "C" fn EC_KEY_check_key(key: *const EC_KEY) -> c_int {
    ffi_boundary!("EC_KEY_check_key", { lc::key_check(key) })
}

/// EC_KEY_get0_group returns `key`'s curve, owned by the key (NULL if none).
#[no_mangle]
pub extern "C" fn EC_KEY_get0_group(key: *const EC_KEY) -> *const EC_GROUP {
    ffi_boundary!("EC_KEY_get0_group", { lc::key_group(key) })
}

/// EC_KEY_set_group sets `key`'s curve (a copy of `group`): 1, or 0.
#[no_mangle]
pub extern "C" fn EC_KEY_set_group(key: *mut EC_KEY, group: *const EC_GROUP) -> c_int {
    ffi_boundary!("EC_KEY_set_group", { lc::key_set_group(key, group) })
}

/// EC_KEY_get0_public_key returns `key`'s public point, owned by the key
/// (NULL if none).
#[no_mangle]
pub extern "C" fn EC_KEY_get0_public_key(key: *const EC_KEY) -> *const EC_POINT {
    ffi_boundary!("EC_KEY_get0_public_key", { lc::key_public(key) })
}

/// EC_KEY_get0_private_key returns `key`'s private scalar, owned by the key
/// (NULL for a public key).
#[no_mangle]
pub extern "C" fn EC_KEY_get0_private_key(key: *const EC_KEY) -> *const BIGNUM {
    ffi_boundary!("EC_KEY_get0_private_key", { lc::key_private(key) })
}

/// EC_KEY_set_public_key sets `key`'s public point to a copy of `pub_key`
/// (on `key`'s curve): 1, or 0.
#[no_mangle]
pub extern "C" fn EC_KEY_set_public_key(key: *mut EC_KEY, pub_key: *const EC_POINT) -> c_int {
    ffi_boundary!("EC_KEY_set_public_key", {
        lc::key_set_public(key, pub_key)
    })
}

/// EC_KEY_set_private_key sets `key`'s private scalar to a copy of
/// `prv` (in range for the curve): 1, or 0.
#[no_mangle]
pub extern "C" fn EC_KEY_set_private_key(key: *mut EC_KEY, prv: *const BIGNUM) -> c_int {
    ffi_boundary!("EC_KEY_set_private_key", { lc::key_set_private(key, prv) })
}

/// EC_KEY_set_public_key_affine_coordinates sets the public point from its
/// coordinates (checked on the curve): 1, or 0.
#[no_mangle]
pub extern "C" fn EC_KEY_set_public_key_affine_coordinates(
    key: *mut EC_KEY,
    x: *const BIGNUM,
    y: *const BIGNUM,
) -> c_int {
    ffi_boundary!("EC_KEY_set_public_key_affine_coordinates", {
        lc::key_set_public_affine(key, x, y)
    })
}

// ---------------------------------------------------------------------------
// EC_GROUP

/// EC_GROUP_new_by_curve_name returns curve `nid` (P-256, P-384, P-521),
/// freed with `EC_GROUP_free`; other curves: NULL and `EC_R_UNKNOWN_GROUP`.
#[no_mangle]
pub extern "C" fn EC_GROUP_new_by_curve_name(nid: c_int) -> *mut EC_GROUP {
    ffi_boundary!("EC_GROUP_new_by_curve_name", {
        lc::group_new_by_curve_name(known_curve(nid)?)
    })
}

/// EC_GROUP_free frees `group`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_GROUP_free(group: *mut EC_GROUP) {
    ffi_boundary!("EC_GROUP_free", {
        lc::group_free(group);
        Ok(())
    })
}

/// EC_GROUP_get_curve_name returns the curve's NID (0 for NULL).
#[no_mangle]
pub extern "C" fn EC_GROUP_get_curve_name(group: *const EC_GROUP) -> c_int {
    ffi_boundary!("EC_GROUP_get_curve_name", { lc::group_curve_name(group) })
}

/// EC_GROUP_get_degree returns the curve's field size in bits (521 for
/// P-521), 0 for NULL.
#[no_mangle]
pub extern "C" fn EC_GROUP_get_degree(group: *const EC_GROUP) -> c_int {
    ffi_boundary!("EC_GROUP_get_degree", { lc::group_degree(group) })
}

/// EC_GROUP_get0_order returns the group order, owned by the group.
#[no_mangle]
pub extern "C" fn EC_GROUP_get0_order(group: *const EC_GROUP) -> *const BIGNUM {
    ffi_boundary!("EC_GROUP_get0_order", { lc::group_order(group) })
}

/// EC_GROUP_cmp returns 0 if `a` and `b` are the same curve, 1 if not, -1
/// on error.
#[no_mangle]
pub extern "C" fn EC_GROUP_cmp(a: *const EC_GROUP, b: *const EC_GROUP, _ctx: *mut BN_CTX) -> c_int {
    ffi_boundary!("EC_GROUP_cmp", -1, { lc::group_cmp(a, b) })
}

/// EC_GROUP_get_order copies the group's order into `order`. 1 or 0.
#[no_mangle]
pub extern "C" fn EC_GROUP_get_order(
    group: *const EC_GROUP,
    order: *mut BIGNUM,
    _ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_GROUP_get_order", {
        crate::ffi::bn::copy(order, lc::group_order(group)?)?;
        Ok(1)
    })
}

/// EC_GROUP_get0_generator returns the group's generator (owned by the
/// group), or NULL.
#[no_mangle]
pub extern "C" fn EC_GROUP_get0_generator(group: *const EC_GROUP) -> *const EC_POINT {
    ffi_boundary!("EC_GROUP_get0_generator", { lc::group_generator(group) })
}

/// EC_GROUP_get_asn1_flag returns `OPENSSL_EC_NAMED_CURVE` (1) for a
/// named curve (every group ferrossl makes: aws-lc encodes groups by their
/// OID only), 0 for a group without a curve name.
#[no_mangle]
pub extern "C" fn EC_GROUP_get_asn1_flag(group: *const EC_GROUP) -> c_int {
    ffi_boundary!("EC_GROUP_get_asn1_flag", {
        Ok(c_int::from(lc::group_curve_name(group)? != 0))
    })
}

/// EC_KEY_set_asn1_flag does nothing: aws-lc always encodes a key's curve
/// by name (`OPENSSL_EC_NAMED_CURVE`, the flag programs set); explicit
/// parameters are not written.
#[no_mangle]
pub extern "C" fn EC_KEY_set_asn1_flag(_key: *mut EC_KEY, _flag: c_int) {}

/// OpenSSL's `EC_METHOD`: ferrossl has one, for the prime-field curves
/// aws-lc implements (every group it makes).
pub struct ec_method_st {
    field_type: c_int,
}
crate::handle!(Lent: ec_method_st);
pub type EC_METHOD = ec_method_st;

static PRIME_FIELD: ec_method_st = ec_method_st {
    field_type: crate::abi::objects::NID_X9_62_prime_field,
};

/// EC_GROUP_method_of returns the group's method: the one prime-field
/// method (static; never freed).
#[no_mangle]
pub extern "C" fn EC_GROUP_method_of(group: *const EC_GROUP) -> *const EC_METHOD {
    ffi_boundary!("EC_GROUP_method_of", {
        lc::group_curve_name(group)?;
        Ok(&PRIME_FIELD as *const EC_METHOD)
    })
}

/// EC_METHOD_get_field_type returns `NID_X9_62_prime_field`: aws-lc has no
/// binary-field curves.
#[no_mangle]
pub extern "C" fn EC_METHOD_get_field_type(meth: *const EC_METHOD) -> c_int {
    ffi_boundary!("EC_METHOD_get_field_type", {
        Ok(ffi::borrow(meth)?.field_type)
    })
}

// ---------------------------------------------------------------------------
// EC_POINT

/// EC_POINT_new returns a point (at infinity) on `group`, freed with
/// `EC_POINT_free`.
#[no_mangle]
pub extern "C" fn EC_POINT_new(group: *const EC_GROUP) -> *mut EC_POINT {
    ffi_boundary!("EC_POINT_new", { lc::point_new(group) })
}

/// EC_POINT_free frees `point`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_POINT_free(point: *mut EC_POINT) {
    ffi_boundary!("EC_POINT_free", {
        lc::point_free(point, false);
        Ok(())
    })
}

/// EC_POINT_clear_free wipes and frees `point`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_POINT_clear_free(point: *mut EC_POINT) {
    ffi_boundary!("EC_POINT_clear_free", {
        lc::point_free(point, true);
        Ok(())
    })
}

/// EC_POINT_dup returns a copy of `src` on `group`, or NULL.
#[no_mangle]
pub extern "C" fn EC_POINT_dup(src: *const EC_POINT, group: *const EC_GROUP) -> *mut EC_POINT {
    ffi_boundary!("EC_POINT_dup", { lc::point_dup(src, group) })
}

/// EC_POINT_oct2point sets `p` from its X9.62 encoding `buf` (`len`
/// bytes): 1, or 0 when the encoding is malformed or the point is not on
/// `group`'s curve.
#[no_mangle]
pub extern "C" fn EC_POINT_oct2point(
    group: *const EC_GROUP,
    p: *mut EC_POINT,
    buf: *const u8,
    len: usize,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_oct2point", {
        lc::point_from_oct(group, p, ffi::slice_usize(buf, len)?, ctx)
    })
}

/// EC_POINT_point2oct writes `p`'s X9.62 encoding in `form`
/// (`POINT_CONVERSION_UNCOMPRESSED` 4, `_COMPRESSED` 2) into `buf` of
/// `len` bytes, or with `buf` NULL only returns the length needed; 0 on
/// error (buffer too small, the point at infinity).
#[no_mangle]
pub extern "C" fn EC_POINT_point2oct(
    group: *const EC_GROUP,
    p: *const EC_POINT,
    form: c_int,
    buf: *mut u8,
    len: usize,
    ctx: *mut BN_CTX,
) -> usize {
    ffi_boundary!("EC_POINT_point2oct", {
        let out = if buf.is_null() {
            None
        } else {
            Some(ffi::slice_mut_usize(buf, len)?)
        };
        lc::point_to_oct(group, p, form, out, ctx)
    })
}

/// EC_POINT_get_affine_coordinates writes `p`'s coordinates into `x` and
/// `y` (either may be NULL): 1, or 0 (the point at infinity).
#[no_mangle]
pub extern "C" fn EC_POINT_get_affine_coordinates(
    group: *const EC_GROUP,
    p: *const EC_POINT,
    x: *mut BIGNUM,
    y: *mut BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_get_affine_coordinates", {
        lc::point_affine(group, p, x, y, ctx)
    })
}

/// EC_POINT_get_affine_coordinates_GFp is `EC_POINT_get_affine_coordinates`.
#[no_mangle]
pub extern "C" fn EC_POINT_get_affine_coordinates_GFp(
    group: *const EC_GROUP,
    p: *const EC_POINT,
    x: *mut BIGNUM,
    y: *mut BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    EC_POINT_get_affine_coordinates(group, p, x, y, ctx)
}

/// EC_POINT_set_affine_coordinates sets `p` to (x, y), which must be on the
/// curve: 1, or 0.
#[no_mangle]
pub extern "C" fn EC_POINT_set_affine_coordinates(
    group: *const EC_GROUP,
    p: *mut EC_POINT,
    x: *const BIGNUM,
    y: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_set_affine_coordinates", {
        lc::point_set_affine(group, p, x, y, ctx)
    })
}

/// EC_POINT_set_affine_coordinates_GFp is `EC_POINT_set_affine_coordinates`.
#[no_mangle]
pub extern "C" fn EC_POINT_set_affine_coordinates_GFp(
    group: *const EC_GROUP,
    p: *mut EC_POINT,
    x: *const BIGNUM,
    y: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    EC_POINT_set_affine_coordinates(group, p, x, y, ctx)
}

/// EC_POINT_cmp returns 0 if `a` and `b` are the same point, 1 if not, -1
/// on error.
#[no_mangle]
pub extern "C" fn EC_POINT_cmp(
    group: *const EC_GROUP,
    a: *const EC_POINT,
    b: *const EC_POINT,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_cmp", -1, { lc::point_cmp(group, a, b, ctx) })
}

/// EC_POINT_mul sets `r` to `n`·G + `m`·`q` (`n` or `q`/`m` may be NULL):
/// 1, or 0.
#[no_mangle]
pub extern "C" fn EC_POINT_mul(
    group: *const EC_GROUP,
    r: *mut EC_POINT,
    n: *const BIGNUM,
    q: *const EC_POINT,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_mul", { lc::point_mul(group, r, n, q, m, ctx) })
}

/// EC_POINT_add sets `r` = `a` + `b`. 1 or 0.
#[no_mangle]
pub extern "C" fn EC_POINT_add(
    group: *const EC_GROUP,
    r: *mut EC_POINT,
    a: *const EC_POINT,
    b: *const EC_POINT,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_add", { lc::point_add(group, r, a, b, ctx) })
}

/// EC_POINT_dbl sets `r` = 2`a`. 1 or 0.
#[no_mangle]
pub extern "C" fn EC_POINT_dbl(
    group: *const EC_GROUP,
    r: *mut EC_POINT,
    a: *const EC_POINT,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_dbl", { lc::point_dbl(group, r, a, ctx) })
}

/// EC_POINT_invert sets `a` = -`a`. 1 or 0.
#[no_mangle]
pub extern "C" fn EC_POINT_invert(
    group: *const EC_GROUP,
    a: *mut EC_POINT,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_invert", { lc::point_invert(group, a, ctx) })
}

/// EC_POINT_is_on_curve returns 1 if `p` is on `group`'s curve, 0 if not,
/// -1 on error.
#[no_mangle]
pub extern "C" fn EC_POINT_is_on_curve(
    group: *const EC_GROUP,
    p: *const EC_POINT,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("EC_POINT_is_on_curve", -1, {
        lc::point_is_on_curve(group, p, ctx)
    })
}

/// EC_POINT_is_at_infinity returns 1 for the point at infinity, else 0.
#[no_mangle]
pub extern "C" fn EC_POINT_is_at_infinity(group: *const EC_GROUP, p: *const EC_POINT) -> c_int {
    ffi_boundary!("EC_POINT_is_at_infinity", {
        lc::point_is_at_infinity(group, p)
    })
}

// ---------------------------------------------------------------------------
// ECDSA and ECDH

/// ECDSA_SIG_new returns an empty signature (r = s = 0), freed with
/// `ECDSA_SIG_free`.
#[no_mangle]
pub extern "C" fn ECDSA_SIG_new() -> *mut ECDSA_SIG {
    ffi_boundary!("ECDSA_SIG_new", { lc::sig_new() })
}

/// ECDSA_SIG_free frees `sig` and its numbers; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ECDSA_SIG_free(sig: *mut ECDSA_SIG) {
    ffi_boundary!("ECDSA_SIG_free", {
        lc::sig_free(sig);
        Ok(())
    })
}

/// ECDSA_SIG_get0 writes `sig`'s r and s (owned by `sig`) through `pr`
/// and `ps`, either of which may be NULL.
#[no_mangle]
pub extern "C" fn ECDSA_SIG_get0(
    sig: *const ECDSA_SIG,
    pr: *mut *const BIGNUM,
    ps: *mut *const BIGNUM,
) {
    ffi_boundary!("ECDSA_SIG_get0", { lc::sig_get0(sig, pr, ps) })
}

/// ECDSA_SIG_get0_r returns `sig`'s r, owned by `sig`.
#[no_mangle]
pub extern "C" fn ECDSA_SIG_get0_r(sig: *const ECDSA_SIG) -> *const BIGNUM {
    ffi_boundary!("ECDSA_SIG_get0_r", {
        let mut r = std::ptr::null();
        lc::sig_get0(sig, &mut r, std::ptr::null_mut())?;
        Ok(r)
    })
}

/// ECDSA_SIG_get0_s returns `sig`'s s, owned by `sig`.
#[no_mangle]
pub extern "C" fn ECDSA_SIG_get0_s(sig: *const ECDSA_SIG) -> *const BIGNUM {
    ffi_boundary!("ECDSA_SIG_get0_s", {
        let mut s = std::ptr::null();
        lc::sig_get0(sig, std::ptr::null_mut(), &mut s)?;
        Ok(s)
    })
}

/// ECDSA_SIG_set0 hands `r` and `s` (both non-NULL) to `sig`, which frees
/// them: 1, or 0 (then the caller still owns them).
#[no_mangle]
pub extern "C" fn ECDSA_SIG_set0(sig: *mut ECDSA_SIG, r: *mut BIGNUM, s: *mut BIGNUM) -> c_int {
    ffi_boundary!("ECDSA_SIG_set0", { lc::sig_set0(sig, r, s) })
}

/// i2d_ECDSA_SIG encodes `sig` as DER (i2d convention): the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_ECDSA_SIG(sig: *const ECDSA_SIG, pp: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_ECDSA_SIG", -1, {
        super::x509::i2d_out(&lc::sig_to_der(sig)?, pp)
    })
}

/// d2i_ECDSA_SIG parses a DER signature of up to `len` bytes at `*pp`,
/// advancing `*pp`; the new signature (also in `*out` when `out` is not
/// NULL, freeing the old one), or NULL.
#[no_mangle]
pub extern "C" fn d2i_ECDSA_SIG(
    out: *mut *mut ECDSA_SIG,
    pp: *mut *const u8,
    len: c_long,
) -> *mut ECDSA_SIG {
    ffi_boundary!("d2i_ECDSA_SIG", {
        let p = ffi::read_in(pp)
            .filter(|p| !p.is_null())
            .ok_or_else(Error::null_pointer)?;
        let len = usize::try_from(len).map_err(|_| Error::invalid_argument("length"))?;
        let (sig, used) = lc::sig_from_der(ffi::slice_usize(p, len)?)?;
        ffi::write_out(pp, p.wrapping_add(used));
        ffi::replace_out(out, sig, lc::sig_free);
        Ok(sig)
    })
}

/// ECDSA_size returns the longest DER signature `key` makes, 0 for NULL.
#[no_mangle]
pub extern "C" fn ECDSA_size(key: *const EC_KEY) -> c_int {
    ffi_boundary!("ECDSA_size", {
        Ok(c_int::try_from(lc::sig_max_size(key)?).unwrap_or(0))
    })
}

/// ECDSA_do_sign signs the digest `dgst` (`dgst_len` bytes) with the
/// private key `eckey`: a new signature (`ECDSA_SIG_free`), or NULL.
#[no_mangle]
pub extern "C" fn ECDSA_do_sign(
    dgst: *const u8,
    dgst_len: c_int,
    eckey: *mut EC_KEY,
) -> *mut ECDSA_SIG {
    ffi_boundary!("ECDSA_do_sign", {
        lc::do_sign(ffi::slice(dgst, dgst_len)?, eckey)
    })
}

/// ECDSA_do_verify checks `sig` over the digest `dgst` with `eckey`'s
/// public key: 1 valid, 0 invalid, -1 on error (NULL arguments).
#[no_mangle]
pub extern "C" fn ECDSA_do_verify(
    dgst: *const u8,
    dgst_len: c_int,
    sig: *const ECDSA_SIG,
    eckey: *mut EC_KEY,
) -> c_int {
    ffi_boundary!("ECDSA_do_verify", -1, {
        lc::do_verify(ffi::slice(dgst, dgst_len)?, sig, eckey)
    })
}

/// ECDSA_sign signs the digest `dgst` with `eckey` into `sig` (DER, at
/// least `ECDSA_size` bytes), its length in `*siglen`: 1, or 0. `type_` is
/// ignored, as in OpenSSL.
#[no_mangle]
pub extern "C" fn ECDSA_sign(
    _type_: c_int,
    dgst: *const u8,
    dgst_len: c_int,
    sig: *mut u8,
    siglen: *mut std::ffi::c_uint,
    eckey: *mut EC_KEY,
) -> c_int {
    ffi_boundary!("ECDSA_sign", {
        let max = lc::sig_max_size(eckey)?;
        let out = ffi::slice_mut_usize(sig, max)?;
        let s = lc::do_sign(ffi::slice(dgst, dgst_len)?, eckey)?;
        let der = lc::sig_to_der(s);
        lc::sig_free(s);
        let der = der?;
        out.get_mut(..der.len())
            .ok_or_else(|| Error::internal("ECDSA signature longer than ECDSA_size"))?
            .copy_from_slice(&der);
        ffi::write_out(siglen, der.len() as std::ffi::c_uint);
        Ok(1)
    })
}

/// ECDSA_verify checks the DER signature `sig` over the digest `dgst` with
/// `eckey`: 1 valid, 0 invalid, -1 on error (malformed DER, NULL).
#[no_mangle]
pub extern "C" fn ECDSA_verify(
    _type_: c_int,
    dgst: *const u8,
    dgst_len: c_int,
    sig: *const u8,
    sig_len: c_int,
    eckey: *mut EC_KEY,
) -> c_int {
    ffi_boundary!("ECDSA_verify", -1, {
        let der = ffi::slice(sig, sig_len)?;
        let (s, used) = lc::sig_from_der(der)?;
        let r = if used == der.len() {
            lc::do_verify(ffi::slice(dgst, dgst_len)?, s, eckey)
        } else {
            Err(Error::new(
                ERR_LIB_EC,
                crate::abi::reasons::EC_R_BAD_SIGNATURE,
            ))
        };
        lc::sig_free(s);
        r
    })
}

/// ECDH_compute_key writes the shared secret of `ecdh`'s private key and
/// the peer point `pub_key` into `out` (`outlen` bytes; a longer secret is
/// truncated, as in OpenSSL), through `kdf` when not NULL. Returns the
/// length written, or 0 on error (point not on the key's curve, no
/// private key).
#[no_mangle]
pub extern "C" fn ECDH_compute_key(
    out: *mut c_void,
    outlen: usize,
    pub_key: *const EC_POINT,
    ecdh: *const EC_KEY,
    kdf: EcdhKdf,
) -> c_int {
    ffi_boundary!("ECDH_compute_key", 0, {
        if outlen > c_int::MAX as usize {
            return Err(Error::new(
                ERR_LIB_EC,
                crate::abi::reasons::EC_R_INVALID_OUTPUT_LENGTH,
            ));
        }
        lc::ecdh(
            ffi::slice_mut_usize(out.cast(), outlen)?,
            pub_key,
            ecdh,
            kdf,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_curves_sizes_and_fills() {
        assert_eq!(EC_get_builtin_curves(std::ptr::null_mut(), 0), 2);
        let mut v = [
            EC_builtin_curve {
                nid: 0,
                comment: std::ptr::null(),
            },
            EC_builtin_curve {
                nid: 0,
                comment: std::ptr::null(),
            },
        ];
        assert_eq!(EC_get_builtin_curves(v.as_mut_ptr(), 1), 2);
        assert_eq!((v[0].nid, v[1].nid), (NID_secp384r1, 0));
    }

    #[test]
    fn ecdh_both_sides_agree_and_sign_verifies() {
        let a = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
        let b = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
        assert_eq!((EC_KEY_generate_key(a), EC_KEY_generate_key(b)), (1, 1));
        let (mut s1, mut s2) = ([0u8; 32], [0u8; 32]);
        let pa = EC_KEY_get0_public_key(a);
        let pb = EC_KEY_get0_public_key(b);
        assert_eq!(
            ECDH_compute_key(s1.as_mut_ptr().cast(), 32, pb, a, None),
            32
        );
        assert_eq!(
            ECDH_compute_key(s2.as_mut_ptr().cast(), 32, pa, b, None),
            32
        );
        assert_eq!(s1, s2);
        let d = [7u8; 32];
        let sig = ECDSA_do_sign(d.as_ptr(), 32, a);
        assert!(!sig.is_null());
        assert_eq!(ECDSA_do_verify(d.as_ptr(), 32, sig, a), 1);
        assert_eq!(ECDSA_do_verify(d.as_ptr(), 32, sig, b), 0);
        ECDSA_SIG_free(sig);
        EC_KEY_free(a);
        EC_KEY_free(b);
        assert!(EC_KEY_new_by_curve_name(1).is_null());
        crate::crypto::err::clear();
    }
}
