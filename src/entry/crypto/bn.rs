//! `bn.h`: `BIGNUM` and `BN_CTX`, aws-lc's own objects (src/ffi/bn.rs):
//! a `BIGNUM *` here is the same object aws-lc's RSA, EC and DH keys hold.
//! Strings returned (`BN_bn2hex`, `BN_bn2dec`) are `OPENSSL_malloc`ed
//! copies the caller frees with `OPENSSL_free`.

use crate::ffi;
use crate::ffi::bn::{self as lc, Bit, Is, ModOp, Op2, WordOp};
use std::ffi::{c_char, c_int, c_ulong, c_void};

pub type BIGNUM = lc::bignum_st;
pub type BN_CTX = lc::bignum_ctx;

/// BN_new returns a new BIGNUM holding 0 (freed with `BN_free`), or NULL.
#[no_mangle]
pub extern "C" fn BN_new() -> *mut BIGNUM {
    ffi_boundary!("BN_new", { lc::new() })
}

/// BN_secure_new is `BN_new` (aws-lc has no secure heap).
#[no_mangle]
pub extern "C" fn BN_secure_new() -> *mut BIGNUM {
    ffi_boundary!("BN_secure_new", { lc::new() })
}

/// BN_free frees `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_free(a: *mut BIGNUM) {
    ffi_boundary!("BN_free", {
        lc::free(a);
        Ok(())
    })
}

/// BN_clear_free wipes and frees `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_clear_free(a: *mut BIGNUM) {
    ffi_boundary!("BN_clear_free", {
        lc::clear_free(a);
        Ok(())
    })
}

/// BN_clear sets `a` to 0, wiping its memory.
#[no_mangle]
pub extern "C" fn BN_clear(a: *mut BIGNUM) {
    ffi_boundary!("BN_clear", { lc::clear(a) })
}

/// BN_dup returns a new copy of `a`, or NULL.
#[no_mangle]
pub extern "C" fn BN_dup(a: *const BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_dup", { lc::dup(a) })
}

/// BN_copy sets `a` to `b` and returns `a`, or NULL.
#[no_mangle]
pub extern "C" fn BN_copy(a: *mut BIGNUM, b: *const BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_copy", { lc::copy(a, b) })
}

/// BN_swap exchanges the values of `a` and `b`.
#[no_mangle]
pub extern "C" fn BN_swap(a: *mut BIGNUM, b: *mut BIGNUM) {
    ffi_boundary!("BN_swap", { lc::swap(a, b) })
}

/// BN_bin2bn reads the `len` big-endian bytes at `s` as a non-negative
/// integer. With `ret` NULL it returns a new BIGNUM (freed with `BN_free`),
/// else it stores the value in `ret` and returns it. NULL on error.
#[no_mangle]
pub extern "C" fn BN_bin2bn(s: *const u8, len: c_int, ret: *mut BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_bin2bn", {
        lc::from_bytes(ffi::slice(s, len)?, false, ret)
    })
}

/// BN_lebin2bn is `BN_bin2bn` for little-endian bytes.
#[no_mangle]
pub extern "C" fn BN_lebin2bn(s: *const u8, len: c_int, ret: *mut BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_lebin2bn", {
        lc::from_bytes(ffi::slice(s, len)?, true, ret)
    })
}

/// BN_num_bits returns the bit length of |a| (0 for zero).
#[no_mangle]
pub extern "C" fn BN_num_bits(a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_num_bits", { lc::num_bits(a) })
}

/// BN_num_bits_word returns the bit length of `l`.
#[no_mangle]
pub extern "C" fn BN_num_bits_word(l: c_ulong) -> c_int {
    ffi_boundary!("BN_num_bits_word", {
        Ok((c_ulong::BITS - l.leading_zeros()) as c_int)
    })
}

/// BN_bn2bin writes |a| big-endian to `to` (`BN_num_bytes(a)` bytes) and
/// returns that length.
#[no_mangle]
pub extern "C" fn BN_bn2bin(a: *const BIGNUM, to: *mut u8) -> c_int {
    ffi_boundary!("BN_bn2bin", {
        let n = lc::num_bytes(a)?;
        let out = ffi::slice_mut_usize(to, n)?;
        lc::to_bytes_padded(a, out, false)?;
        Ok(n as c_int)
    })
}

fn binpad(
    a: *const BIGNUM,
    to: *mut u8,
    tolen: c_int,
    little: bool,
) -> Result<c_int, crate::crypto::err::Error> {
    let Ok(n) = usize::try_from(tolen) else {
        return Ok(-1);
    };
    if lc::num_bytes(a)? > n {
        return Ok(-1);
    }
    let out = ffi::slice_mut_usize(to, n)?;
    Ok(if lc::to_bytes_padded(a, out, little)? {
        tolen
    } else {
        -1
    })
}

/// BN_bn2binpad writes |a| big-endian into exactly `tolen` bytes at `to`,
/// zero-padded; `tolen`, or -1 if it does not fit.
#[no_mangle]
pub extern "C" fn BN_bn2binpad(a: *const BIGNUM, to: *mut u8, tolen: c_int) -> c_int {
    ffi_boundary!("BN_bn2binpad", -1, { binpad(a, to, tolen, false) })
}

/// BN_bn2lebinpad is `BN_bn2binpad`, little-endian.
#[no_mangle]
pub extern "C" fn BN_bn2lebinpad(a: *const BIGNUM, to: *mut u8, tolen: c_int) -> c_int {
    ffi_boundary!("BN_bn2lebinpad", -1, { binpad(a, to, tolen, true) })
}

/// BN_bn2hex returns `a` in upper-case hex, whole bytes, `-` for negatives
/// ("0" for zero), in a buffer the caller frees with `OPENSSL_free`; NULL on
/// error.
#[no_mangle]
pub extern "C" fn BN_bn2hex(a: *const BIGNUM) -> *mut c_char {
    ffi_boundary!("BN_bn2hex", {
        let s = crate::crypto::bn::to_hex(a)?;
        Ok(ffi::malloc_copy(s.as_bytes(), true) as *mut c_char)
    })
}

/// BN_print writes `a` to `bp` in upper-case hex without leading zeros
/// (`-` for negatives, "0" for zero), as `openssl x509 -modulus` shows it;
/// 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BN_print(bp: *mut crate::crypto::bio::BIO, a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_print", {
        let bio = ffi::borrow(bp)?;
        let hex = crate::crypto::bn::to_hex(a)?;
        let (neg, digits) = match hex.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", hex.as_str()),
        };
        let digits = digits.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        Ok(c_int::from(
            bio.write_all(format!("{neg}{digits}").as_bytes()),
        ))
    })
}

/// BN_print_fp is `BN_print` to a stdio stream.
#[no_mangle]
pub extern "C" fn BN_print_fp(fp: *mut libc::FILE, a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_print_fp", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| BN_print(b, a))
    })
}

/// BN_bn2dec returns `a` in decimal (`-` for negatives, "0" for zero) in a
/// buffer the caller frees with `OPENSSL_free`, or NULL.
#[no_mangle]
pub extern "C" fn BN_bn2dec(a: *const BIGNUM) -> *mut c_char {
    ffi_boundary!("BN_bn2dec", {
        let s = lc::to_dec(a)?;
        Ok(ffi::malloc_copy(s.as_bytes(), true) as *mut c_char)
    })
}

/// BN_hex2bn parses the hex digits (optional leading `-`) at the start of
/// `str` into `*a` (a new BIGNUM if `*a` is NULL; with `a` NULL it only
/// counts) and returns the characters used, or 0 on error.
#[no_mangle]
pub extern "C" fn BN_hex2bn(a: *mut *mut BIGNUM, str: *const c_char) -> c_int {
    ffi_boundary!("BN_hex2bn", {
        let s = ffi::cstr_bytes(str)?;
        let c = std::ffi::CString::new(s).map_err(|_| ffi_err())?;
        Ok(lc::parse(a, &c, true))
    })
}

/// BN_dec2bn is `BN_hex2bn` for decimal digits.
#[no_mangle]
pub extern "C" fn BN_dec2bn(a: *mut *mut BIGNUM, str: *const c_char) -> c_int {
    ffi_boundary!("BN_dec2bn", {
        let s = ffi::cstr_bytes(str)?;
        let c = std::ffi::CString::new(s).map_err(|_| ffi_err())?;
        Ok(lc::parse(a, &c, false))
    })
}

fn ffi_err() -> crate::crypto::err::Error {
    crate::crypto::err::Error::invalid_argument("string")
}

/// BN_cmp returns -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
#[no_mangle]
pub extern "C" fn BN_cmp(a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_cmp", { lc::cmp(a, b, false) })
}

/// BN_ucmp compares |a| and |b| (-1, 0, 1).
#[no_mangle]
pub extern "C" fn BN_ucmp(a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_ucmp", { lc::cmp(a, b, true) })
}

/// BN_is_zero returns 1 if `a` is 0.
#[no_mangle]
pub extern "C" fn BN_is_zero(a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_is_zero", { lc::is(a, Is::Zero).map(c_int::from) })
}

/// BN_is_one returns 1 if `a` is 1.
#[no_mangle]
pub extern "C" fn BN_is_one(a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_is_one", { lc::is(a, Is::One).map(c_int::from) })
}

/// BN_is_odd returns 1 if `a` is odd.
#[no_mangle]
pub extern "C" fn BN_is_odd(a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_is_odd", { lc::is(a, Is::Odd).map(c_int::from) })
}

/// BN_is_negative returns 1 if `a` is below 0.
#[no_mangle]
pub extern "C" fn BN_is_negative(a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_is_negative", {
        lc::is(a, Is::Negative).map(c_int::from)
    })
}

/// BN_is_word returns 1 if `a` equals `w`.
#[no_mangle]
pub extern "C" fn BN_is_word(a: *const BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_is_word", { lc::is(a, Is::Word(w)).map(c_int::from) })
}

/// BN_abs_is_word returns 1 if |a| equals `w`.
#[no_mangle]
pub extern "C" fn BN_abs_is_word(a: *const BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_abs_is_word", {
        lc::is(a, Is::AbsWord(w)).map(c_int::from)
    })
}

/// BN_is_bit_set returns 1 if bit `n` of `a` is set (0 for a negative `n`).
#[no_mangle]
pub extern "C" fn BN_is_bit_set(a: *const BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_is_bit_set", {
        lc::is(a, Is::BitSet(n)).map(c_int::from)
    })
}

/// BN_set_word sets `a` to `w`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_set_word(a: *mut BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_set_word", { lc::set_word(a, w) })
}

/// BN_get_word returns `a` as a word, or all ones if it does not fit.
#[no_mangle]
pub extern "C" fn BN_get_word(a: *const BIGNUM) -> c_ulong {
    ffi_boundary!("BN_get_word", c_ulong::MAX, { lc::get_word(a) })
}

/// BN_zero_ex sets `a` to 0 (`BN_zero` is a macro for it).
#[no_mangle]
pub extern "C" fn BN_zero_ex(a: *mut BIGNUM) {
    ffi_boundary!("BN_zero_ex", { lc::zero(a) })
}

/// BN_value_one returns a static BIGNUM holding 1 (never freed).
#[no_mangle]
pub extern "C" fn BN_value_one() -> *const BIGNUM {
    ffi_boundary!("BN_value_one", { Ok(lc::value_one()) })
}

/// BN_set_negative makes `a` negative if `n` is non-zero (0 stays 0), else
/// non-negative.
#[no_mangle]
pub extern "C" fn BN_set_negative(a: *mut BIGNUM, n: c_int) {
    ffi_boundary!("BN_set_negative", { lc::set_negative(a, n != 0) })
}

/// BN_add sets `r = a + b`; 1 or 0. Any arguments may be the same BIGNUM.
#[no_mangle]
pub extern "C" fn BN_add(r: *mut BIGNUM, a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_add", {
        lc::op2(r, a, b, std::ptr::null_mut(), Op2::Add)
    })
}

/// BN_sub sets `r = a - b`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_sub(r: *mut BIGNUM, a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_sub", {
        lc::op2(r, a, b, std::ptr::null_mut(), Op2::Sub)
    })
}

/// BN_uadd sets `r = |a| + |b|`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_uadd(r: *mut BIGNUM, a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_uadd", {
        lc::op2(r, a, b, std::ptr::null_mut(), Op2::UAdd)
    })
}

/// BN_usub sets `r = |a| - |b|` (|a| >= |b| required); 1 or 0.
#[no_mangle]
pub extern "C" fn BN_usub(r: *mut BIGNUM, a: *const BIGNUM, b: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_usub", {
        lc::op2(r, a, b, std::ptr::null_mut(), Op2::USub)
    })
}

/// BN_mul sets `r = a * b`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mul(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    b: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mul", { lc::op2(r, a, b, ctx, Op2::Mul) })
}

/// BN_sqr sets `r = a * a`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_sqr(r: *mut BIGNUM, a: *const BIGNUM, ctx: *mut BN_CTX) -> c_int {
    ffi_boundary!("BN_sqr", { lc::sqr(r, a, ctx) })
}

/// BN_div sets `dv = a / d` and `rem = a % d` (truncating; either may be
/// NULL); 1, or 0 (`BN_R_DIV_BY_ZERO`).
#[no_mangle]
pub extern "C" fn BN_div(
    dv: *mut BIGNUM,
    rem: *mut BIGNUM,
    a: *const BIGNUM,
    d: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_div", { lc::div(dv, rem, a, d, ctx) })
}

/// BN_nnmod sets `r = a mod m`, non-negative; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_nnmod(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_nnmod", { lc::op2(r, a, m, ctx, Op2::NnMod) })
}

/// BN_gcd sets `r = gcd(a, b)`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_gcd(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    b: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_gcd", { lc::op2(r, a, b, ctx, Op2::Gcd) })
}

/// BN_exp sets `r = a ^ p`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_exp(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    p: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_exp", { lc::op2(r, a, p, ctx, Op2::Exp) })
}

/// BN_mod_add sets `r = (a + b) mod m`, non-negative; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mod_add(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    b: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mod_add", { lc::mod_op(r, a, b, m, ctx, ModOp::Add) })
}

/// BN_mod_sub sets `r = (a - b) mod m`, non-negative; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mod_sub(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    b: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mod_sub", { lc::mod_op(r, a, b, m, ctx, ModOp::Sub) })
}

/// BN_mod_mul sets `r = (a * b) mod m`, non-negative; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mod_mul(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    b: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mod_mul", { lc::mod_op(r, a, b, m, ctx, ModOp::Mul) })
}

/// BN_mod_sqr sets `r = a^2 mod m`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mod_sqr(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mod_sqr", { lc::mod_sqr(r, a, m, ctx) })
}

/// BN_mod_exp sets `r = a ^ p mod m`; 1 or 0 (`BN_R_DIV_BY_ZERO` for m = 0).
#[no_mangle]
pub extern "C" fn BN_mod_exp(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    p: *const BIGNUM,
    m: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> c_int {
    ffi_boundary!("BN_mod_exp", { lc::mod_op(r, a, p, m, ctx, ModOp::Exp) })
}

/// BN_mod_inverse sets `r` (a new BIGNUM if NULL) to the inverse of `a`
/// modulo `n` and returns it; NULL with `BN_R_NO_INVERSE` if there is none.
#[no_mangle]
pub extern "C" fn BN_mod_inverse(
    r: *mut BIGNUM,
    a: *const BIGNUM,
    n: *const BIGNUM,
    ctx: *mut BN_CTX,
) -> *mut BIGNUM {
    ffi_boundary!("BN_mod_inverse", { lc::mod_inverse(r, a, n, ctx) })
}

/// BN_lshift sets `r = a << n`; 1, or 0 (`BN_R_INVALID_SHIFT` for n < 0).
#[no_mangle]
pub extern "C" fn BN_lshift(r: *mut BIGNUM, a: *const BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_lshift", {
        if n < 0 {
            return Err(invalid_shift());
        }
        lc::shift(r, a, n, true)
    })
}

/// BN_rshift sets `r = a >> n`; 1, or 0 (`BN_R_INVALID_SHIFT` for n < 0).
#[no_mangle]
pub extern "C" fn BN_rshift(r: *mut BIGNUM, a: *const BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_rshift", {
        if n < 0 {
            return Err(invalid_shift());
        }
        lc::shift(r, a, n, false)
    })
}

fn invalid_shift() -> crate::crypto::err::Error {
    crate::crypto::err::Error::new(
        crate::abi::reasons::ERR_LIB_BN,
        crate::abi::reasons::BN_R_INVALID_SHIFT,
    )
}

/// BN_lshift1 sets `r = a << 1`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_lshift1(r: *mut BIGNUM, a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_lshift1", { lc::shift(r, a, 1, true) })
}

/// BN_rshift1 sets `r = a >> 1`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_rshift1(r: *mut BIGNUM, a: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_rshift1", { lc::shift(r, a, 1, false) })
}

/// BN_add_word adds `w` to `a`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_add_word(a: *mut BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_add_word", { lc::word_op(a, w, WordOp::Add) })
}

/// BN_sub_word subtracts `w` from `a`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_sub_word(a: *mut BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_sub_word", { lc::word_op(a, w, WordOp::Sub) })
}

/// BN_mul_word multiplies `a` by `w`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mul_word(a: *mut BIGNUM, w: c_ulong) -> c_int {
    ffi_boundary!("BN_mul_word", { lc::word_op(a, w, WordOp::Mul) })
}

/// BN_div_word divides `a` by `w` in place and returns the remainder, or
/// all ones on error (w = 0).
#[no_mangle]
pub extern "C" fn BN_div_word(a: *mut BIGNUM, w: c_ulong) -> c_ulong {
    ffi_boundary!("BN_div_word", c_ulong::MAX, { lc::word_rem(a, w, false) })
}

/// BN_mod_word returns `a mod w`, or all ones on error (w = 0).
#[no_mangle]
pub extern "C" fn BN_mod_word(a: *const BIGNUM, w: c_ulong) -> c_ulong {
    ffi_boundary!("BN_mod_word", c_ulong::MAX, {
        lc::word_rem(a as *mut BIGNUM, w, true)
    })
}

/// BN_set_bit sets bit `n` of `a`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_set_bit(a: *mut BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_set_bit", { lc::bit(a, n, Bit::Set) })
}

/// BN_clear_bit clears bit `n` of `a`; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_clear_bit(a: *mut BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_clear_bit", { lc::bit(a, n, Bit::Clear) })
}

/// BN_mask_bits truncates `a` to its low `n` bits; 1 or 0.
#[no_mangle]
pub extern "C" fn BN_mask_bits(a: *mut BIGNUM, n: c_int) -> c_int {
    ffi_boundary!("BN_mask_bits", { lc::bit(a, n, Bit::Mask) })
}

/// BN_rand sets `rnd` to a random `bits`-bit number (`top` -1 any, 0 top
/// bit set, 1 top two bits set; `bottom` 1 odd); 1, or 0
/// (`BN_R_BITS_TOO_SMALL` when the constraints cannot hold).
#[no_mangle]
pub extern "C" fn BN_rand(rnd: *mut BIGNUM, bits: c_int, top: c_int, bottom: c_int) -> c_int {
    ffi_boundary!("BN_rand", {
        crate::crypto::bn::rand(rnd, bits, top, bottom)
    })
}

/// BN_priv_rand is `BN_rand`.
#[no_mangle]
pub extern "C" fn BN_priv_rand(rnd: *mut BIGNUM, bits: c_int, top: c_int, bottom: c_int) -> c_int {
    BN_rand(rnd, bits, top, bottom)
}

/// BN_pseudo_rand is `BN_rand`.
#[no_mangle]
pub extern "C" fn BN_pseudo_rand(
    rnd: *mut BIGNUM,
    bits: c_int,
    top: c_int,
    bottom: c_int,
) -> c_int {
    BN_rand(rnd, bits, top, bottom)
}

/// BN_rand_range sets `r` to a uniform random number in [0, range); 1, or
/// 0 (`BN_R_INVALID_RANGE` for range <= 0).
#[no_mangle]
pub extern "C" fn BN_rand_range(r: *mut BIGNUM, range: *const BIGNUM) -> c_int {
    ffi_boundary!("BN_rand_range", {
        if lc::is(range, Is::Zero)? || lc::is(range, Is::Negative)? {
            return Err(crate::crypto::err::Error::new(
                crate::abi::reasons::ERR_LIB_BN,
                crate::abi::reasons::BN_R_INVALID_RANGE,
            ));
        }
        lc::rand_range(r, range)
    })
}

/// BN_priv_rand_range is `BN_rand_range`.
#[no_mangle]
pub extern "C" fn BN_priv_rand_range(r: *mut BIGNUM, range: *const BIGNUM) -> c_int {
    BN_rand_range(r, range)
}

/// BN_pseudo_rand_range is `BN_rand_range`.
#[no_mangle]
pub extern "C" fn BN_pseudo_rand_range(r: *mut BIGNUM, range: *const BIGNUM) -> c_int {
    BN_rand_range(r, range)
}

/// BN_generate_prime_ex sets `ret` to a random prime of `bits` bits (a safe
/// prime if `safe`; with `add`/`rem`, one with `p mod add == rem`). The
/// callback must be NULL (ferrossl reports no progress). 1 or 0.
#[no_mangle]
pub extern "C" fn BN_generate_prime_ex(
    ret: *mut BIGNUM,
    bits: c_int,
    safe: c_int,
    add: *const BIGNUM,
    rem: *const BIGNUM,
    cb: *mut c_void,
) -> c_int {
    ffi_boundary!("BN_generate_prime_ex", {
        if !cb.is_null() {
            return Err(crate::crypto::err::Error::unsupported(
                "BN_GENCB progress callbacks",
            ));
        }
        if bits < 2 {
            return Err(crate::crypto::err::Error::new(
                crate::abi::reasons::ERR_LIB_BN,
                crate::abi::reasons::BN_R_BITS_TOO_SMALL,
            ));
        }
        lc::generate_prime(ret, bits, safe != 0, add, rem)
    })
}

/// BN_check_prime returns 1 if `p` is (very probably) prime, 0 if not,
/// -1 on error. The callback must be NULL.
#[no_mangle]
pub extern "C" fn BN_check_prime(p: *const BIGNUM, ctx: *mut BN_CTX, cb: *mut c_void) -> c_int {
    ffi_boundary!("BN_check_prime", -1, {
        if !cb.is_null() {
            return Err(crate::crypto::err::Error::unsupported(
                "BN_GENCB progress callbacks",
            ));
        }
        lc::is_prime(p, 0, ctx)
    })
}

/// BN_is_prime_ex is `BN_check_prime` with `checks` rounds (0: the
/// default for the size).
#[no_mangle]
pub extern "C" fn BN_is_prime_ex(
    p: *const BIGNUM,
    checks: c_int,
    ctx: *mut BN_CTX,
    cb: *mut c_void,
) -> c_int {
    ffi_boundary!("BN_is_prime_ex", -1, {
        if !cb.is_null() {
            return Err(crate::crypto::err::Error::unsupported(
                "BN_GENCB progress callbacks",
            ));
        }
        lc::is_prime(p, checks.max(0), ctx)
    })
}

/// BN_CTX_new returns a scratch context for the BN functions (freed with
/// `BN_CTX_free`), or NULL.
#[no_mangle]
pub extern "C" fn BN_CTX_new() -> *mut BN_CTX {
    ffi_boundary!("BN_CTX_new", { lc::ctx_new() })
}

/// BN_CTX_new_ex is `BN_CTX_new` (the library context is ignored).
#[no_mangle]
pub extern "C" fn BN_CTX_new_ex(_libctx: *mut c_void) -> *mut BN_CTX {
    ffi_boundary!("BN_CTX_new_ex", { lc::ctx_new() })
}

/// BN_CTX_secure_new is `BN_CTX_new`.
#[no_mangle]
pub extern "C" fn BN_CTX_secure_new() -> *mut BN_CTX {
    ffi_boundary!("BN_CTX_secure_new", { lc::ctx_new() })
}

/// BN_CTX_free frees `ctx` and the numbers it lent; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_CTX_free(ctx: *mut BN_CTX) {
    ffi_boundary!("BN_CTX_free", {
        lc::ctx_free(ctx);
        Ok(())
    })
}

/// BN_CTX_start opens a frame: numbers from `BN_CTX_get` until the matching
/// `BN_CTX_end` belong to it.
#[no_mangle]
pub extern "C" fn BN_CTX_start(ctx: *mut BN_CTX) {
    ffi_boundary!("BN_CTX_start", { lc::ctx_start(ctx) })
}

/// BN_CTX_get returns a zeroed BIGNUM owned by `ctx` until `BN_CTX_end`, or
/// NULL (and every later call in the frame returns NULL too).
#[no_mangle]
pub extern "C" fn BN_CTX_get(ctx: *mut BN_CTX) -> *mut BIGNUM {
    ffi_boundary!("BN_CTX_get", { lc::ctx_get(ctx) })
}

/// BN_CTX_end closes the frame opened by the last `BN_CTX_start`.
#[no_mangle]
pub extern "C" fn BN_CTX_end(ctx: *mut BN_CTX) {
    ffi_boundary!("BN_CTX_end", {
        lc::ctx_end(ctx);
        Ok(())
    })
}

/// BN_GENCB_new returns a new, empty prime-generation callback (free with
/// `BN_GENCB_free`). ferrossl's key generation (aws-lc's) never calls it;
/// `BN_GENCB_call` does.
#[no_mangle]
pub extern "C" fn BN_GENCB_new() -> *mut crate::crypto::bn::BN_GENCB {
    ffi_boundary!("BN_GENCB_new", {
        Ok(Box::into_raw(Box::<crate::crypto::bn::BN_GENCB>::default()))
    })
}

/// BN_GENCB_free frees `cb` (NULL: no-op).
#[no_mangle]
pub extern "C" fn BN_GENCB_free(cb: *mut crate::crypto::bn::BN_GENCB) {
    ffi_boundary!("BN_GENCB_free", {
        ffi::free_box(cb);
        Ok(())
    })
}

/// BN_GENCB_set makes `gencb` call `callback(a, b, gencb)` with `cb_arg`
/// as its argument (`BN_GENCB_get_arg`).
#[no_mangle]
pub extern "C" fn BN_GENCB_set(
    gencb: *mut crate::crypto::bn::BN_GENCB,
    callback: crate::crypto::bn::BnGencbFn,
    cb_arg: *mut c_void,
) {
    ffi_boundary!("BN_GENCB_set", {
        let g = ffi::borrow_mut(gencb)?;
        g.cb = crate::crypto::bn::Gencb::New(callback);
        g.arg = cb_arg as usize;
        Ok(())
    })
}

/// BN_GENCB_set_old makes `gencb` call the old-style `callback(a, b,
/// cb_arg)`.
#[no_mangle]
pub extern "C" fn BN_GENCB_set_old(
    gencb: *mut crate::crypto::bn::BN_GENCB,
    callback: crate::crypto::bn::BnGencbOldFn,
    cb_arg: *mut c_void,
) {
    ffi_boundary!("BN_GENCB_set_old", {
        let g = ffi::borrow_mut(gencb)?;
        g.cb = crate::crypto::bn::Gencb::Old(callback);
        g.arg = cb_arg as usize;
        Ok(())
    })
}

/// BN_GENCB_get_arg returns the argument set with `BN_GENCB_set(_old)`,
/// or NULL.
#[no_mangle]
pub extern "C" fn BN_GENCB_get_arg(cb: *mut crate::crypto::bn::BN_GENCB) -> *mut c_void {
    ffi_boundary!("BN_GENCB_get_arg", std::ptr::null_mut(), {
        Ok(ffi::borrow(cb)?.arg as *mut c_void)
    })
}

/// BN_GENCB_call calls the callback of `cb` with `a`, `b`: returns its
/// answer (new style), or 1 (old style, no callback, or a NULL `cb`).
#[no_mangle]
pub extern "C" fn BN_GENCB_call(cb: *mut crate::crypto::bn::BN_GENCB, a: c_int, b: c_int) -> c_int {
    ffi_boundary!("BN_GENCB_call", 0, {
        if cb.is_null() {
            return Ok(1);
        }
        let g = ffi::borrow(cb)?;
        Ok(match g.cb {
            crate::crypto::bn::Gencb::New(Some(f)) => ffi::call_c(f, (a, b, cb)),
            crate::crypto::bn::Gencb::Old(Some(f)) => {
                ffi::call_c(f, (a, b, g.arg as *mut c_void));
                1
            }
            _ => 1,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(a: *const BIGNUM) -> String {
        let p = BN_bn2hex(a);
        let s = ffi::cstr(p).unwrap().to_owned();
        ffi::free(p as *mut c_void);
        s
    }

    #[test]
    fn arithmetic_and_strings() {
        let a = BN_bin2bn([0u8, 0, 0x0a, 0xbc].as_ptr(), 4, std::ptr::null_mut());
        assert_eq!(hex(a), "0ABC");
        let mut b: *mut BIGNUM = std::ptr::null_mut();
        assert_eq!(BN_dec2bn(&mut b, c"-12345678901234567890".as_ptr()), 21);
        assert_eq!(hex(b), "-AB54A98CEB1F0AD2");
        assert_eq!(BN_add(b, b, a), 1); // aliased output
        let d = BN_bn2dec(b);
        assert_eq!(ffi::cstr(d).unwrap(), "-12345678901234565142");
        ffi::free(d as *mut c_void);
        let z = BN_new();
        assert_eq!(
            BN_div(std::ptr::null_mut(), a, a, z, std::ptr::null_mut()),
            0
        );
        crate::crypto::err::clear();
        BN_free(a);
        BN_free(b);
        BN_free(z);
    }
}
