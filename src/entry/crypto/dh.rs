//! `dh.h`: DH parameters: accepted and ignored (rustls offers no finite-field DH).

use crate::entry::BIGNUM;
use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::ffi::{c_int, c_void};

// ---------------------------------------------------------------------------
// DH parameters: accepted and ignored.

/// A DH parameter set, kept only to be freed: rustls does no finite-field
/// DH, so `SSL_CTX_set_tmp_dh` (ctrl 3) accepts and ignores it.
pub struct dh_st {
    /// p, q, g as handed over by `DH_set0_pqg` (owned BIGNUMs).
    pqg: Mutex<[Ptr; 3]>,
}
crate::handle!(Owned: dh_st);
pub type DH = dh_st;

impl Drop for dh_st {
    fn drop(&mut self) {
        for p in self.pqg.lock().iter() {
            crate::ffi::bn::free(p.0 as *mut BIGNUM);
        }
    }
}

pub(crate) fn new_dh() -> *mut DH {
    Box::into_raw(Box::new(dh_st {
        pqg: Mutex::new([Ptr::default(); 3]),
    }))
}

/// DH_new returns an empty DH object, freed with `DH_free`. ferrossl accepts
/// DH parameters and ignores them (see the module comment).
#[no_mangle]
pub extern "C" fn DH_new() -> *mut DH {
    ffi_boundary!("DH_new", { Ok(new_dh()) })
}

/// DH_free frees `dh` and the numbers it owns; NULL is a no-op.
#[no_mangle]
pub extern "C" fn DH_free(dh: *mut DH) {
    ffi_boundary!("DH_free", {
        ffi::free_box(dh);
        Ok(())
    })
}

/// DH_set0_pqg hands `p`, `q` (may be NULL) and `g` over to `dh`, freeing
/// any it replaces. It returns 1, or 0 (taking nothing) when `p` or `g` is
/// NULL and `dh` has none yet.
#[no_mangle]
pub extern "C" fn DH_set0_pqg(
    dh: *mut DH,
    p: *mut BIGNUM,
    q: *mut BIGNUM,
    g: *mut BIGNUM,
) -> c_int {
    ffi_boundary!("DH_set0_pqg", {
        let dh = ffi::borrow(dh)?;
        let mut pqg = dh.pqg.lock();
        if (p.is_null() && pqg[0].0.is_null()) || (g.is_null() && pqg[2].0.is_null()) {
            return Ok(0);
        }
        for (slot, new) in pqg.iter_mut().zip([p, q, g]) {
            if !new.is_null() {
                crate::ffi::bn::free(slot.0 as *mut BIGNUM);
                *slot = Ptr(new as *mut c_void);
            }
        }
        Ok(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::crypto::bn::*;

    #[test]
    fn bignum_hex_and_dh_ownership() {
        let p = BN_bin2bn([0u8, 0, 0x0a, 0xbc].as_ptr(), 4, std::ptr::null_mut());
        let g = BN_bin2bn([2u8].as_ptr(), 1, std::ptr::null_mut());
        let hex = BN_bn2hex(p);
        assert_eq!(ffi::cstr(hex).unwrap(), "0ABC");
        ffi::free(hex as *mut c_void);
        let dh = DH_new();
        assert_eq!(
            DH_set0_pqg(dh, std::ptr::null_mut(), std::ptr::null_mut(), g),
            0
        );
        assert_eq!(DH_set0_pqg(dh, p, std::ptr::null_mut(), g), 1);
        DH_free(dh); // frees p and g
    }
}
