//! What OpenSSL 3's `OSSL_PARAM` getters and setters do with an entry
//! (params.c): integers converted between the C types with range checks,
//! strings copied with or without their NUL. The C layout and the raw
//! reads and writes are `ffi/params.rs`'s.

use crate::abi::reasons::{
    CRYPTO_R_TOO_SMALL_BUFFER, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT,
};
use crate::crypto::err::Error;
use crate::ffi::params::{self as raw, ossl_param_st};

pub const OSSL_PARAM_INTEGER: u32 = 1;
pub const OSSL_PARAM_UNSIGNED_INTEGER: u32 = 2;
pub const OSSL_PARAM_REAL: u32 = 3;
pub const OSSL_PARAM_UTF8_STRING: u32 = 4;
pub const OSSL_PARAM_OCTET_STRING: u32 = 5;
pub const OSSL_PARAM_UTF8_PTR: u32 = 6;
pub const OSSL_PARAM_OCTET_PTR: u32 = 7;

fn bad(what: &str) -> Error {
    Error::new(ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT).data(what)
}

/// An integer type a getter or setter names: its size and signedness.
#[derive(Clone, Copy)]
pub struct IntType {
    pub size: usize,
    pub signed: bool,
}

impl IntType {
    fn range(self) -> (i128, i128) {
        let bits = 8 * self.size as u32;
        if self.signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        }
    }
}

/// The integer entry `p` holds (`OSSL_PARAM_get_int` and friends): an
/// INTEGER or UNSIGNED_INTEGER of 1, 2, 4 or 8 bytes, or a REAL with an
/// integral value, that fits `want`.
pub fn get_int(p: &ossl_param_st, want: IntType) -> Result<i128, Error> {
    let b = raw::bytes(p, false);
    let v: i128 = match (p.data_type, b.len()) {
        (OSSL_PARAM_INTEGER, 1) => i8::from_ne_bytes([b[0]]).into(),
        (OSSL_PARAM_INTEGER, 2) => i16::from_ne_bytes([b[0], b[1]]).into(),
        (OSSL_PARAM_INTEGER, 4) => {
            i32::from_ne_bytes(b.try_into().map_err(|_| bad("size"))?).into()
        }
        (OSSL_PARAM_INTEGER, 8) => {
            i64::from_ne_bytes(b.try_into().map_err(|_| bad("size"))?).into()
        }
        (OSSL_PARAM_UNSIGNED_INTEGER, 1) => b[0].into(),
        (OSSL_PARAM_UNSIGNED_INTEGER, 2) => u16::from_ne_bytes([b[0], b[1]]).into(),
        (OSSL_PARAM_UNSIGNED_INTEGER, 4) => {
            u32::from_ne_bytes(b.try_into().map_err(|_| bad("size"))?).into()
        }
        (OSSL_PARAM_UNSIGNED_INTEGER, 8) => {
            u64::from_ne_bytes(b.try_into().map_err(|_| bad("size"))?).into()
        }
        (OSSL_PARAM_REAL, 8) => {
            let d = f64::from_ne_bytes(b.try_into().map_err(|_| bad("size"))?);
            if d.fract() != 0.0 || !d.is_finite() || d.abs() > 2f64.powi(63) {
                return Err(bad("real value not an integer in range"));
            }
            d as i128
        }
        (OSSL_PARAM_INTEGER | OSSL_PARAM_UNSIGNED_INTEGER | OSSL_PARAM_REAL, _) => {
            return Err(bad("unsupported integer size"))
        }
        _ => return Err(bad("OSSL_PARAM is not a number")),
    };
    let (lo, hi) = want.range();
    if v < lo || v > hi {
        return Err(bad("value out of range"));
    }
    Ok(v)
}

/// `OSSL_PARAM_set_int` and friends: stores `v` (of C type `from`) in the
/// entry's INTEGER, UNSIGNED_INTEGER or REAL buffer when it fits; with a
/// NULL buffer only `return_size` is set (the size a buffer needs).
pub fn set_int(p: *mut ossl_param_st, v: i128, from: IntType) -> Result<(), Error> {
    let e = raw::read(p).ok_or_else(Error::null_pointer)?;
    raw::set_return_size(p, 0);
    if e.data.is_null() {
        let n = if e.data_type == OSSL_PARAM_REAL {
            8
        } else {
            from.size
        };
        raw::set_return_size(p, n);
        return Ok(());
    }
    let fits = |t: IntType| {
        let (lo, hi) = t.range();
        v >= lo && v <= hi
    };
    let bytes: Vec<u8> = match (e.data_type, e.data_size) {
        (OSSL_PARAM_INTEGER, n @ (1 | 2 | 4 | 8))
            if fits(IntType {
                size: n,
                signed: true,
            }) =>
        {
            (v as i64).to_ne_bytes()[..n].to_vec()
        }
        (OSSL_PARAM_UNSIGNED_INTEGER, n @ (1 | 2 | 4 | 8))
            if fits(IntType {
                size: n,
                signed: false,
            }) =>
        {
            (v as u64).to_ne_bytes()[..n].to_vec()
        }
        (OSSL_PARAM_REAL, 8) if v.unsigned_abs() <= (1u128 << 53) => {
            (v as f64).to_ne_bytes().to_vec()
        }
        (OSSL_PARAM_INTEGER | OSSL_PARAM_UNSIGNED_INTEGER | OSSL_PARAM_REAL, _) => {
            return Err(bad("value does not fit the OSSL_PARAM"))
        }
        _ => return Err(bad("OSSL_PARAM is not a number")),
    };
    raw::write(p, &bytes, false)
}

/// The bytes of a UTF8_STRING (`utf8`) or OCTET_STRING entry, or of the
/// *_PTR forms when `ptr`.
pub fn get_string<'a>(p: &ossl_param_st, utf8: bool, ptr: bool) -> Result<&'a [u8], Error> {
    let want = match (utf8, ptr) {
        (true, false) => OSSL_PARAM_UTF8_STRING,
        (false, false) => OSSL_PARAM_OCTET_STRING,
        (true, true) => OSSL_PARAM_UTF8_PTR,
        (false, true) => OSSL_PARAM_OCTET_PTR,
    };
    if p.data_type != want {
        return Err(bad("OSSL_PARAM of another type"));
    }
    Ok(raw::bytes(p, ptr))
}

/// A UTF8_STRING entry's text (up to a NUL inside its `data_size`).
pub fn get_utf8(p: &ossl_param_st) -> Result<String, Error> {
    let b = get_string(p, true, false)?;
    let b = b.split(|&c| c == 0).next().unwrap_or(b);
    String::from_utf8(b.to_vec()).map_err(|_| bad("not UTF-8"))
}

/// `OSSL_PARAM_set_utf8_string` / `_octet_string`: `v` into the entry's
/// buffer (a NUL after text when there is room); `return_size` is
/// `v.len()`; a NULL buffer only sets it.
pub fn set_string(p: *mut ossl_param_st, v: &[u8], utf8: bool) -> Result<(), Error> {
    let e = raw::read(p).ok_or_else(Error::null_pointer)?;
    raw::set_return_size(p, v.len());
    if e.data.is_null() {
        return Ok(());
    }
    let want = if utf8 {
        OSSL_PARAM_UTF8_STRING
    } else {
        OSSL_PARAM_OCTET_STRING
    };
    if e.data_type != want {
        return Err(bad("OSSL_PARAM of another type"));
    }
    if e.data_size < v.len() {
        return Err(Error::new(ERR_LIB_CRYPTO, CRYPTO_R_TOO_SMALL_BUFFER));
    }
    raw::write(p, v, utf8)
}

/// The entry named `name` in the array `params`.
pub fn locate(params: *const ossl_param_st, name: &[u8]) -> Option<*const ossl_param_st> {
    raw::entries(params).into_iter().find(|&e| {
        raw::read(e)
            .and_then(|e| raw::key(&e))
            .is_some_and(|k| k.to_bytes() == name)
    })
}

/// Every (key, entry) of the array `params`, in order.
pub fn each(params: *const ossl_param_st) -> Vec<(String, ossl_param_st)> {
    raw::entries(params)
        .into_iter()
        .filter_map(raw::read)
        .filter_map(|e| raw::key(&e).map(|k| (k.to_string_lossy().into_owned(), e)))
        .collect()
}
