//! `ec.h`: elliptic curves: the built-in curve table and `EC_KEY` as a curve tag.

use crate::abi::objects::{NID_X9_62_prime256v1, NID_secp384r1};
use crate::abi::reasons::{EC_R_UNKNOWN_GROUP, ERR_LIB_EC};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int, CStr};

// ---------------------------------------------------------------------------
// Elliptic curves: the table LuaSec builds at load, and EC_KEY as a curve tag.

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
/// curves ferrossl supports (P-384, P-256) and returns how many there are
/// (call it with `r` NULL, 0 to size the array).
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

/// An EC_KEY: only the curve it names (a key pair is never generated).
pub struct ec_key_st {
    pub nid: c_int,
}
crate::handle!(Owned: ec_key_st);
pub type EC_KEY = ec_key_st;

/// EC_KEY_new_by_curve_name returns an EC_KEY naming curve `nid` (P-256 or
/// P-384), freed with `EC_KEY_free`, for `SSL_CTX_set_tmp_ecdh`, which
/// accepts and ignores it: rustls picks the group from its own list
/// (`SSL_CTX_set1_groups_list`). Other curves: NULL and
/// `EC_R_UNKNOWN_GROUP`.
#[no_mangle]
pub extern "C" fn EC_KEY_new_by_curve_name(nid: c_int) -> *mut EC_KEY {
    ffi_boundary!("EC_KEY_new_by_curve_name", {
        if !CURVES.iter().any(|(n, _)| *n == nid) {
            return Err(
                Error::new(ERR_LIB_EC, EC_R_UNKNOWN_GROUP).data(&format!("curve NID {nid}"))
            );
        }
        Ok(Box::into_raw(Box::new(ec_key_st { nid })))
    })
}

/// EC_KEY_free frees `key`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EC_KEY_free(key: *mut EC_KEY) {
    ffi_boundary!("EC_KEY_free", {
        ffi::free_box(key);
        Ok(())
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
}
