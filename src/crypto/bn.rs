//! Big numbers: aws-lc's `BIGNUM` (src/ffi/bn.rs) with OpenSSL 3's answers
//! where aws-lc's differ: upper-case hex, and `BN_rand`'s argument checks.

use crate::abi::consts::{BN_RAND_BOTTOM_ANY, BN_RAND_TOP_ANY, BN_RAND_TOP_TWO};
use crate::abi::reasons::{BN_R_BITS_TOO_SMALL, ERR_LIB_BN};
use crate::crypto::err::Error;
use crate::ffi::bn::{self, bignum_st};
use std::ffi::c_int;

/// `BN_bn2hex`: OpenSSL prints whole bytes in upper case ("-0ABC", "0").
pub fn to_hex(a: *const bignum_st) -> Result<String, Error> {
    Ok(bn::to_hex(a)?.to_ascii_uppercase())
}

/// `BN_rand` / `BN_priv_rand` with OpenSSL 3's checks: 0 bits only with
/// no constraint on top and bottom, 1 bit not with the top two set. Other
/// values read as OpenSSL's `bnrand` reads them: a negative `top` is "any",
/// a positive one "top two bits", any non-zero `bottom` "odd" (libssh2
/// passes -1 for it).
pub fn rand(r: *mut bignum_st, bits: c_int, top: c_int, bottom: c_int) -> Result<c_int, Error> {
    let too_small = || Error::new(ERR_LIB_BN, BN_R_BITS_TOO_SMALL);
    if bits < 0
        || (bits == 0 && (top != BN_RAND_TOP_ANY || bottom != BN_RAND_BOTTOM_ANY))
        || (bits == 1 && top > 0)
    {
        return Err(too_small());
    }
    let top = top.clamp(BN_RAND_TOP_ANY, BN_RAND_TOP_TWO);
    let bottom = c_int::from(bottom != BN_RAND_BOTTOM_ANY);
    bn::rand(r, bits, top, bottom)
}

/// `BN_GENCB`'s new-style callback.
pub type BnGencbFn = Option<unsafe extern "C" fn(c_int, c_int, *mut bn_gencb_st) -> c_int>;
/// `BN_GENCB`'s old-style callback.
pub type BnGencbOldFn = Option<unsafe extern "C" fn(c_int, c_int, *mut std::ffi::c_void)>;

/// The callback a `BN_GENCB` holds.
#[derive(Clone, Copy, Debug, Default)]
pub enum Gencb {
    #[default]
    None,
    New(BnGencbFn),
    Old(BnGencbOldFn),
}

/// `BN_GENCB`: a progress callback and its argument (kept as an address).
#[derive(Default)]
pub struct bn_gencb_st {
    pub arg: usize,
    pub cb: Gencb,
}
crate::handle!(Owned: bn_gencb_st);
pub type BN_GENCB = bn_gencb_st;
