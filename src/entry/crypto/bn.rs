//! `bn.h`: `BIGNUM`: just enough to hand DH parameters over (`BN_bin2bn` + `DH_set0_pqg`).

use crate::ffi;
use parking_lot::Mutex;
use std::ffi::{c_char, c_int};

// ---------------------------------------------------------------------------
// BIGNUM: just enough to hand DH parameters over (socat builds its built-in
// group with BN_bin2bn + DH_set0_pqg).

/// A non-negative big integer (big-endian magnitude, no leading zero bytes).
pub struct bignum_st {
    mag: Mutex<Vec<u8>>,
}
crate::handle!(Owned: bignum_st);
pub type BIGNUM = bignum_st;

impl bignum_st {
    /// A new BIGNUM of the big-endian magnitude `b`, or `b` stored into `ret`.
    pub(crate) fn store(
        b: &[u8],
        ret: *mut BIGNUM,
    ) -> Result<*mut BIGNUM, crate::crypto::err::Error> {
        let bytes = strip_zeros(b);
        if ret.is_null() {
            return Ok(Box::into_raw(Box::new(bignum_st {
                mag: Mutex::new(bytes),
            })));
        }
        *ffi::borrow(ret)?.mag.lock() = bytes;
        Ok(ret)
    }
}

/// The decimal digits of the big-endian magnitude `mag` ("0" for zero).
fn to_decimal(mag: &[u8]) -> String {
    let mut n = strip_zeros(mag);
    let mut digits = Vec::new();
    while !n.is_empty() {
        let mut rem = 0u32;
        for b in n.iter_mut() {
            let cur = (rem << 8) | *b as u32;
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
        n = strip_zeros(&n);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// BN_bn2dec returns `a` in decimal ("0" for zero) in a buffer the caller frees
/// with `OPENSSL_free`, or NULL.
#[no_mangle]
pub extern "C" fn BN_bn2dec(a: *const BIGNUM) -> *mut c_char {
    ffi_boundary!("BN_bn2dec", {
        let dec = to_decimal(&ffi::borrow(a)?.mag.lock());
        Ok(ffi::malloc_copy(dec.as_bytes(), true) as *mut c_char)
    })
}

fn strip_zeros(b: &[u8]) -> Vec<u8> {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b[first..].to_vec()
}

/// BN_bin2bn reads the `len` big-endian bytes at `s` as a non-negative
/// integer. With `ret` NULL it returns a new BIGNUM (freed with `BN_free`),
/// else it stores the value in `ret` and returns it. NULL on error.
#[no_mangle]
pub extern "C" fn BN_bin2bn(s: *const u8, len: c_int, ret: *mut BIGNUM) -> *mut BIGNUM {
    ffi_boundary!("BN_bin2bn", {
        let bytes = strip_zeros(ffi::slice(s, len)?);
        if ret.is_null() {
            return Ok(Box::into_raw(Box::new(bignum_st {
                mag: Mutex::new(bytes),
            })));
        }
        *ffi::borrow(ret)?.mag.lock() = bytes;
        Ok(ret)
    })
}

/// BN_free frees `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_free(a: *mut BIGNUM) {
    ffi_boundary!("BN_free", {
        ffi::free_box(a);
        Ok(())
    })
}

/// BN_bn2hex returns `a` in upper-case hex ("0" for zero) in a buffer the
/// caller frees with `OPENSSL_free`, or NULL.
#[no_mangle]
pub extern "C" fn BN_bn2hex(a: *const BIGNUM) -> *mut c_char {
    ffi_boundary!("BN_bn2hex", {
        let mag = ffi::borrow(a)?.mag.lock().clone();
        let hex = if mag.is_empty() {
            "0".to_owned()
        } else {
            mag.iter().map(|b| format!("{b:02X}")).collect()
        };
        Ok(ffi::malloc_copy(hex.as_bytes(), true) as *mut c_char)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal() {
        assert_eq!(super::to_decimal(&[]), "0");
        assert_eq!(super::to_decimal(&[0, 0x01, 0x00]), "256");
        assert_eq!(super::to_decimal(&[0xff; 8]), "18446744073709551615");
    }
}
