//! aws-lc's `BIGNUM` and `BN_CTX`, handed to C as they are: a `BIGNUM *`
//! C holds is aws-lc's own object, so a number crosses between ferrossl's
//! entry points and aws-lc's keys (RSA, EC, DH) without copying. The
//! functions here check NULL, check buffer lengths, and otherwise call aws-lc,
//! which accepts aliased arguments (`BN_add(a, a, b)`) as OpenSSL does.
//! Errors come back as aws-lc queued them, translated (`Error::aws_lc`).

use crate::abi::reasons::ERR_LIB_BN;
use crate::crypto::err::Error;
use aws_lc_sys as sys;
use std::ffi::{c_char, c_int, c_ulong, CStr};

/// OpenSSL's `BIGNUM` (`struct bignum_st`): aws-lc's, opaque to Rust.
pub struct bignum_st {
    _opaque: [u8; 0],
}

/// OpenSSL's `BN_CTX` (`struct bignum_ctx`): aws-lc's, opaque to Rust.
pub struct bignum_ctx {
    _opaque: [u8; 0],
}

type R<T> = Result<T, Error>;

fn bn(p: *const bignum_st) -> R<*const sys::BIGNUM> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    Ok(p as *const sys::BIGNUM)
}

fn bn_mut(p: *mut bignum_st) -> R<*mut sys::BIGNUM> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    Ok(p as *mut sys::BIGNUM)
}

fn ctx_or_null(p: *mut bignum_ctx) -> *mut sys::BN_CTX {
    p as *mut sys::BN_CTX
}

fn ok(r: c_int) -> R<c_int> {
    if r == 1 {
        Ok(1)
    } else {
        Err(Error::aws_lc(ERR_LIB_BN))
    }
}

fn new_ptr(p: *mut sys::BIGNUM) -> R<*mut bignum_st> {
    if p.is_null() {
        Err(Error::aws_lc(ERR_LIB_BN))
    } else {
        Ok(p as *mut bignum_st)
    }
}

// SAFETY (for every function below): C passes BIGNUM and BN_CTX pointers
// that are NULL (checked) or objects it got from these functions or from
// aws-lc through ferrossl (OpenSSL's contract for a `BIGNUM *`); buffers are
// checked slices; aws-lc reads and writes only those objects and buffers.

pub fn new() -> R<*mut bignum_st> {
    // SAFETY: see above.
    new_ptr(unsafe { sys::BN_new() })
}

pub fn free(a: *mut bignum_st) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::BN_free(a as *mut sys::BIGNUM) }
}

pub fn clear_free(a: *mut bignum_st) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::BN_clear_free(a as *mut sys::BIGNUM) }
}

pub fn clear(a: *mut bignum_st) -> R<()> {
    // SAFETY: see above.
    unsafe { sys::BN_clear(bn_mut(a)?) };
    Ok(())
}

pub fn dup(a: *const bignum_st) -> R<*mut bignum_st> {
    // SAFETY: see above.
    new_ptr(unsafe { sys::BN_dup(bn(a)?) })
}

pub fn copy(r: *mut bignum_st, a: *const bignum_st) -> R<*mut bignum_st> {
    // SAFETY: see above.
    new_ptr(unsafe { sys::BN_copy(bn_mut(r)?, bn(a)?) })
}

/// `BN_swap` (aws-lc has none): through a temporary copy.
pub fn swap(a: *mut bignum_st, b: *mut bignum_st) -> R<()> {
    let (a, b) = (bn_mut(a)?, bn_mut(b)?);
    if a == b {
        return Ok(());
    }
    // SAFETY: see above; the temporary is ours and freed here.
    unsafe {
        let t = sys::BN_dup(a);
        if t.is_null() {
            return Err(Error::aws_lc(ERR_LIB_BN));
        }
        let ok = !sys::BN_copy(a, b).is_null() && !sys::BN_copy(b, t).is_null();
        sys::BN_free(t);
        if ok {
            Ok(())
        } else {
            Err(Error::aws_lc(ERR_LIB_BN))
        }
    }
}

/// `BN_bin2bn` (big-endian) or `BN_le2bn`: into `ret`, or a new number.
pub fn from_bytes(s: &[u8], little: bool, ret: *mut bignum_st) -> R<*mut bignum_st> {
    let r = ret as *mut sys::BIGNUM;
    // SAFETY: see above; `s` is a valid slice.
    new_ptr(unsafe {
        if little {
            sys::BN_le2bn(s.as_ptr(), s.len(), r)
        } else {
            sys::BN_bin2bn(s.as_ptr(), s.len(), r)
        }
    })
}

pub fn num_bits(a: *const bignum_st) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe { sys::BN_num_bits(bn(a)?) } as c_int)
}

pub fn num_bytes(a: *const bignum_st) -> R<usize> {
    // SAFETY: see above.
    Ok(unsafe { sys::BN_num_bytes(bn(a)?) } as usize)
}

/// The magnitude into `out`, big- or little-endian, zero-padded to
/// `out.len()`; false if it does not fit.
pub fn to_bytes_padded(a: *const bignum_st, out: &mut [u8], little: bool) -> R<bool> {
    let a = bn(a)?;
    // SAFETY: see above; aws-lc writes exactly `out.len()` bytes or fails.
    let ok = unsafe {
        if little {
            sys::BN_bn2le_padded(out.as_mut_ptr(), out.len(), a)
        } else {
            sys::BN_bn2bin_padded(out.as_mut_ptr(), out.len(), a)
        }
    };
    Ok(ok == 1)
}

/// aws-lc's string (freed here) as a Rust string.
fn take_string(p: *mut c_char) -> R<String> {
    if p.is_null() {
        return Err(Error::aws_lc(ERR_LIB_BN));
    }
    // SAFETY: a NUL-terminated string aws-lc allocated; freed once with its own free.
    unsafe {
        let s = CStr::from_ptr(p).to_string_lossy().into_owned();
        sys::OPENSSL_free(p.cast());
        Ok(s)
    }
}

/// aws-lc's hex form (lower case, whole bytes, `-` for negatives).
pub fn to_hex(a: *const bignum_st) -> R<String> {
    // SAFETY: see above.
    take_string(unsafe { sys::BN_bn2hex(bn(a)?) })
}

pub fn to_dec(a: *const bignum_st) -> R<String> {
    // SAFETY: see above.
    take_string(unsafe { sys::BN_bn2dec(bn(a)?) })
}

/// `BN_hex2bn` / `BN_dec2bn`: the characters parsed (0 on error); `*out`
/// gets a new number when NULL, else is set; `out` NULL only parses.
pub fn parse(out: *mut *mut bignum_st, s: &CStr, hex: bool) -> c_int {
    // SAFETY: `out` is NULL or a valid `BIGNUM **` (C's contract); `s` is a
    // NUL-terminated string.
    let n = unsafe {
        let o = out as *mut *mut sys::BIGNUM;
        if hex {
            sys::BN_hex2bn(o, s.as_ptr())
        } else {
            sys::BN_dec2bn(o, s.as_ptr())
        }
    };
    super::cipher::clear_errors();
    n
}

pub fn cmp(a: *const bignum_st, b: *const bignum_st, unsigned: bool) -> R<c_int> {
    // SAFETY: see above.
    Ok(unsafe {
        if unsigned {
            sys::BN_ucmp(bn(a)?, bn(b)?)
        } else {
            sys::BN_cmp(bn(a)?, bn(b)?)
        }
    })
}

/// A yes/no question about `a`.
#[derive(Clone, Copy, Debug)]
pub enum Is {
    Zero,
    One,
    Odd,
    Negative,
    Word(c_ulong),
    AbsWord(c_ulong),
    BitSet(c_int),
}

pub fn is(a: *const bignum_st, q: Is) -> R<bool> {
    let a = bn(a)?;
    // SAFETY: see above.
    Ok(unsafe {
        match q {
            Is::Zero => sys::BN_is_zero(a) != 0,
            Is::One => sys::BN_is_one(a) != 0,
            Is::Odd => sys::BN_is_odd(a) != 0,
            Is::Negative => sys::BN_is_negative(a) != 0,
            Is::Word(w) => sys::BN_is_word(a, w as sys::BN_ULONG) != 0,
            Is::AbsWord(w) => sys::BN_abs_is_word(a, w as sys::BN_ULONG) != 0,
            Is::BitSet(n) => n >= 0 && sys::BN_is_bit_set(a, n) != 0,
        }
    })
}

pub fn set_word(a: *mut bignum_st, w: c_ulong) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::BN_set_word(bn_mut(a)?, w as sys::BN_ULONG) })
}

pub fn get_word(a: *const bignum_st) -> R<c_ulong> {
    // SAFETY: see above.
    Ok(unsafe { sys::BN_get_word(bn(a)?) } as c_ulong)
}

pub fn zero(a: *mut bignum_st) -> R<()> {
    // SAFETY: see above.
    unsafe { sys::BN_zero(bn_mut(a)?) };
    Ok(())
}

pub fn set_negative(a: *mut bignum_st, neg: bool) -> R<()> {
    // SAFETY: see above.
    unsafe { sys::BN_set_negative(bn_mut(a)?, c_int::from(neg)) };
    Ok(())
}

/// aws-lc's static 1 (`BN_value_one`), never freed.
pub fn value_one() -> *const bignum_st {
    // SAFETY: a static BIGNUM.
    unsafe { sys::BN_value_one() as *const bignum_st }
}

/// Two-operand arithmetic `r = a op b`.
#[derive(Clone, Copy, Debug)]
pub enum Op2 {
    Add,
    Sub,
    UAdd,
    USub,
    Mul,
    Gcd,
    NnMod,
    Exp,
}

pub fn op2(
    r: *mut bignum_st,
    a: *const bignum_st,
    b: *const bignum_st,
    ctx: *mut bignum_ctx,
    op: Op2,
) -> R<c_int> {
    let (r, a, b) = (bn_mut(r)?, bn(a)?, bn(b)?);
    let c = ctx_or_null(ctx);
    // SAFETY: see above; aws-lc allocates its own BN_CTX where one is needed
    // and `ctx` is NULL (checked by the caller for the functions that need it).
    ok(unsafe {
        match op {
            Op2::Add => sys::BN_add(r, a, b),
            Op2::Sub => sys::BN_sub(r, a, b),
            Op2::UAdd => sys::BN_uadd(r, a, b),
            Op2::USub => sys::BN_usub(r, a, b),
            Op2::Mul => with_ctx(c, |c| sys::BN_mul(r, a, b, c)),
            Op2::Gcd => with_ctx(c, |c| sys::BN_gcd(r, a, b, c)),
            Op2::NnMod => with_ctx(c, |c| sys::BN_nnmod(r, a, b, c)),
            Op2::Exp => with_ctx(c, |c| sys::BN_exp(r, a, b, c)),
        }
    })
}

/// Runs `f` with `c`, or with a temporary BN_CTX when `c` is NULL.
fn with_ctx(c: *mut sys::BN_CTX, f: impl FnOnce(*mut sys::BN_CTX) -> c_int) -> c_int {
    if !c.is_null() {
        return f(c);
    }
    // SAFETY: plain allocation, freed below.
    let tmp = unsafe { sys::BN_CTX_new() };
    if tmp.is_null() {
        return 0;
    }
    let r = f(tmp);
    // SAFETY: ours.
    unsafe { sys::BN_CTX_free(tmp) };
    r
}

/// Modular arithmetic `r = a op b mod m`.
#[derive(Clone, Copy, Debug)]
pub enum ModOp {
    Add,
    Sub,
    Mul,
    Exp,
}

pub fn mod_op(
    r: *mut bignum_st,
    a: *const bignum_st,
    b: *const bignum_st,
    m: *const bignum_st,
    ctx: *mut bignum_ctx,
    op: ModOp,
) -> R<c_int> {
    let (r, a, b, m) = (bn_mut(r)?, bn(a)?, bn(b)?, bn(m)?);
    let c = ctx_or_null(ctx);
    // SAFETY: see above.
    ok(unsafe {
        with_ctx(c, |c| match op {
            ModOp::Add => sys::BN_mod_add(r, a, b, m, c),
            ModOp::Sub => sys::BN_mod_sub(r, a, b, m, c),
            ModOp::Mul => sys::BN_mod_mul(r, a, b, m, c),
            ModOp::Exp => sys::BN_mod_exp(r, a, b, m, c),
        })
    })
}

pub fn sqr(r: *mut bignum_st, a: *const bignum_st, ctx: *mut bignum_ctx) -> R<c_int> {
    let (r, a) = (bn_mut(r)?, bn(a)?);
    // SAFETY: see above.
    ok(with_ctx(ctx_or_null(ctx), |c| unsafe {
        sys::BN_sqr(r, a, c)
    }))
}

pub fn mod_sqr(
    r: *mut bignum_st,
    a: *const bignum_st,
    m: *const bignum_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    let (r, a, m) = (bn_mut(r)?, bn(a)?, bn(m)?);
    // SAFETY: see above.
    ok(with_ctx(ctx_or_null(ctx), |c| unsafe {
        sys::BN_mod_sqr(r, a, m, c)
    }))
}

/// `BN_div`: either output may be NULL.
pub fn div(
    dv: *mut bignum_st,
    rem: *mut bignum_st,
    a: *const bignum_st,
    d: *const bignum_st,
    ctx: *mut bignum_ctx,
) -> R<c_int> {
    let (a, d) = (bn(a)?, bn(d)?);
    let (dv, rem) = (dv as *mut sys::BIGNUM, rem as *mut sys::BIGNUM);
    // SAFETY: see above; aws-lc accepts NULL for either output.
    ok(with_ctx(ctx_or_null(ctx), |c| unsafe {
        sys::BN_div(dv, rem, a, d, c)
    }))
}

/// `BN_mod_inverse`: into `r` (or a new number if NULL).
pub fn mod_inverse(
    r: *mut bignum_st,
    a: *const bignum_st,
    n: *const bignum_st,
    ctx: *mut bignum_ctx,
) -> R<*mut bignum_st> {
    let (a, n) = (bn(a)?, bn(n)?);
    let mut out = std::ptr::null_mut();
    // SAFETY: see above.
    with_ctx(ctx_or_null(ctx), |c| {
        out = unsafe { sys::BN_mod_inverse(r as *mut sys::BIGNUM, a, n, c) };
        1
    });
    new_ptr(out)
}

/// Shifts: `r = a << n` (or `>>`).
pub fn shift(r: *mut bignum_st, a: *const bignum_st, n: c_int, left: bool) -> R<c_int> {
    let (r, a) = (bn_mut(r)?, bn(a)?);
    // SAFETY: see above.
    ok(unsafe {
        if left {
            sys::BN_lshift(r, a, n)
        } else {
            sys::BN_rshift(r, a, n)
        }
    })
}

/// Word arithmetic on `a` in place.
#[derive(Clone, Copy, Debug)]
pub enum WordOp {
    Add,
    Sub,
    Mul,
}

pub fn word_op(a: *mut bignum_st, w: c_ulong, op: WordOp) -> R<c_int> {
    let a = bn_mut(a)?;
    let w = w as sys::BN_ULONG;
    // SAFETY: see above.
    ok(unsafe {
        match op {
            WordOp::Add => sys::BN_add_word(a, w),
            WordOp::Sub => sys::BN_sub_word(a, w),
            WordOp::Mul => sys::BN_mul_word(a, w),
        }
    })
}

/// `BN_div_word` (a becomes the quotient) or `BN_mod_word`: the remainder,
/// or `(BN_ULONG)-1` on error, as OpenSSL.
pub fn word_rem(a: *mut bignum_st, w: c_ulong, keep: bool) -> R<c_ulong> {
    let w = w as sys::BN_ULONG;
    // SAFETY: see above.
    Ok(unsafe {
        if keep {
            sys::BN_mod_word(bn(a)?, w)
        } else {
            sys::BN_div_word(bn_mut(a)?, w)
        }
    } as c_ulong)
}

/// `BN_set_bit` / `BN_clear_bit` / `BN_mask_bits`.
#[derive(Clone, Copy, Debug)]
pub enum Bit {
    Set,
    Clear,
    Mask,
}

pub fn bit(a: *mut bignum_st, n: c_int, op: Bit) -> R<c_int> {
    let a = bn_mut(a)?;
    // SAFETY: see above.
    let r = unsafe {
        match op {
            Bit::Set => sys::BN_set_bit(a, n),
            Bit::Clear => sys::BN_clear_bit(a, n),
            Bit::Mask => sys::BN_mask_bits(a, n),
        }
    };
    Ok(r)
}

/// `BN_rand` (top: -1 any, 0 top bit set, 1 top two bits; bottom: 1 odd).
pub fn rand(r: *mut bignum_st, bits: c_int, top: c_int, bottom: c_int) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::BN_rand(bn_mut(r)?, bits, top, bottom) })
}

/// `BN_rand_range`: `0 <= r < range`.
pub fn rand_range(r: *mut bignum_st, range: *const bignum_st) -> R<c_int> {
    // SAFETY: see above.
    ok(unsafe { sys::BN_rand_range(bn_mut(r)?, bn(range)?) })
}

/// `BN_generate_prime_ex` without a callback; `add`/`rem` may be NULL.
pub fn generate_prime(
    r: *mut bignum_st,
    bits: c_int,
    safe: bool,
    add: *const bignum_st,
    rem: *const bignum_st,
) -> R<c_int> {
    // SAFETY: see above; add/rem NULL or numbers; no callback.
    ok(unsafe {
        sys::BN_generate_prime_ex(
            bn_mut(r)?,
            bits,
            c_int::from(safe),
            add as *const sys::BIGNUM,
            rem as *const sys::BIGNUM,
            std::ptr::null_mut(),
        )
    })
}

/// `BN_is_prime_ex` with aws-lc's default number of rounds when `checks`
/// is 0: 1 prime, 0 composite, -1 error.
pub fn is_prime(a: *const bignum_st, checks: c_int, ctx: *mut bignum_ctx) -> R<c_int> {
    let a = bn(a)?;
    // SAFETY: see above; no callback.
    let r = with_ctx(ctx_or_null(ctx), |c| unsafe {
        sys::BN_is_prime_ex(a, checks, c, std::ptr::null_mut())
    });
    if r < 0 {
        return Err(Error::aws_lc(ERR_LIB_BN));
    }
    Ok(r)
}

pub fn ctx_new() -> R<*mut bignum_ctx> {
    // SAFETY: plain allocation.
    let c = unsafe { sys::BN_CTX_new() };
    if c.is_null() {
        return Err(Error::aws_lc(ERR_LIB_BN));
    }
    Ok(c as *mut bignum_ctx)
}

pub fn ctx_free(c: *mut bignum_ctx) {
    // SAFETY: see above; NULL is a no-op in aws-lc.
    unsafe { sys::BN_CTX_free(c as *mut sys::BN_CTX) }
}

pub fn ctx_start(c: *mut bignum_ctx) -> R<()> {
    if c.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: see above.
    unsafe { sys::BN_CTX_start(c as *mut sys::BN_CTX) };
    Ok(())
}

pub fn ctx_get(c: *mut bignum_ctx) -> R<*mut bignum_st> {
    if c.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: see above.
    new_ptr(unsafe { sys::BN_CTX_get(c as *mut sys::BN_CTX) })
}

pub fn ctx_end(c: *mut bignum_ctx) {
    if !c.is_null() {
        // SAFETY: see above.
        unsafe { sys::BN_CTX_end(c as *mut sys::BN_CTX) }
    }
}
