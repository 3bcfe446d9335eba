//! `lhash.h`: `OPENSSL_LHASH`, the generic hash table behind `LHASH_OF`.

use crate::crypto::lhash::{self, LhComp, LhHash, OPENSSL_LHASH};
use crate::ffi::{self, Ptr};
use std::ffi::{c_char, c_int, c_ulong, c_void};

/// `OPENSSL_LH_DOALL_FUNC`.
pub type OPENSSL_LH_DOALL_FUNC = Option<unsafe extern "C" fn(*mut c_void)>;
/// `OPENSSL_LH_DOALL_FUNCARG`.
pub type OPENSSL_LH_DOALL_FUNCARG = Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>;

/// OPENSSL_LH_new returns a new empty table hashing items with `h` and
/// comparing them with `c` (NULL: C strings, with OPENSSL_LH_strhash and
/// strcmp); freed with `OPENSSL_LH_free` (which does not free the items).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_new(h: LhHash, c: LhComp) -> *mut OPENSSL_LHASH {
    ffi_boundary!("OPENSSL_LH_new", {
        Ok(Box::into_raw(Box::new(lhash::lhash_st::new(h, c))))
    })
}

/// OPENSSL_LH_free frees the table (not its items); NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_free(lh: *mut OPENSSL_LHASH) {
    ffi_boundary!("OPENSSL_LH_free", (), {
        ffi::free_box(lh);
        Ok(())
    })
}

/// OPENSSL_LH_flush removes every item (without freeing them).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_flush(lh: *mut OPENSSL_LHASH) {
    ffi_boundary!("OPENSSL_LH_flush", (), {
        if !lh.is_null() {
            ffi::borrow(lh)?.flush();
        }
        Ok(())
    })
}

/// OPENSSL_LH_insert adds `data`, or replaces the item equal to it: it
/// returns the replaced item, or NULL when `data` was new (or on error, which
/// `OPENSSL_LH_error` then reports).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_insert(lh: *mut OPENSSL_LHASH, data: *mut c_void) -> *mut c_void {
    ffi_boundary!("OPENSSL_LH_insert", { Ok(ffi::borrow(lh)?.insert(data)) })
}

/// OPENSSL_LH_delete removes the item equal to `data` and returns it, or
/// NULL if there is none.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_delete(lh: *mut OPENSSL_LHASH, data: *const c_void) -> *mut c_void {
    ffi_boundary!("OPENSSL_LH_delete", { Ok(ffi::borrow(lh)?.delete(data)) })
}

/// OPENSSL_LH_retrieve returns the item equal to `data`, or NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_retrieve(lh: *mut OPENSSL_LHASH, data: *const c_void) -> *mut c_void {
    ffi_boundary!("OPENSSL_LH_retrieve", {
        Ok(ffi::borrow(lh)?.retrieve(data))
    })
}

/// OPENSSL_LH_doall calls `func` on every item; `func` may delete the item
/// it is given.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_doall(lh: *mut OPENSSL_LHASH, func: OPENSSL_LH_DOALL_FUNC) {
    ffi_boundary!("OPENSSL_LH_doall", (), {
        let items = ffi::borrow(lh)?.items();
        if let Some(f) = func {
            for Ptr(p) in items {
                // SAFETY: OPENSSL_LH_doall's contract: `func` takes an item.
                ffi::call_c(f, (p,));
            }
        }
        Ok(())
    })
}

/// OPENSSL_LH_doall_arg calls `func(item, arg)` on every item.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_doall_arg(
    lh: *mut OPENSSL_LHASH,
    func: OPENSSL_LH_DOALL_FUNCARG,
    arg: *mut c_void,
) {
    ffi_boundary!("OPENSSL_LH_doall_arg", (), {
        let items = ffi::borrow(lh)?.items();
        if let Some(f) = func {
            for Ptr(p) in items {
                // SAFETY: OPENSSL_LH_doall_arg's contract: `func(item, arg)`.
                ffi::call_c(f, (p, arg));
            }
        }
        Ok(())
    })
}

/// OPENSSL_LH_error returns the number of failed insertions since the last
/// `OPENSSL_LH_insert` (0 after a successful one).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_error(lh: *mut OPENSSL_LHASH) -> c_int {
    ffi_boundary!("OPENSSL_LH_error", 0, { Ok(ffi::borrow(lh)?.error()) })
}

/// OPENSSL_LH_num_items returns the number of items (0 for NULL).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_num_items(lh: *const OPENSSL_LHASH) -> c_ulong {
    ffi_boundary!("OPENSSL_LH_num_items", 0, {
        if lh.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(lh)?.num_items())
    })
}

/// OPENSSL_LH_get_down_load returns the contraction load factor set with
/// `OPENSSL_LH_set_down_load` (kept for callers; the table sizes itself).
#[no_mangle]
pub extern "C" fn OPENSSL_LH_get_down_load(lh: *const OPENSSL_LHASH) -> c_ulong {
    ffi_boundary!("OPENSSL_LH_get_down_load", 0, {
        Ok(ffi::borrow(lh)?.down_load())
    })
}

/// OPENSSL_LH_set_down_load sets the value `OPENSSL_LH_get_down_load` returns.
#[no_mangle]
pub extern "C" fn OPENSSL_LH_set_down_load(lh: *mut OPENSSL_LHASH, down_load: c_ulong) {
    ffi_boundary!("OPENSSL_LH_set_down_load", (), {
        ffi::borrow(lh)?.set_down_load(down_load);
        Ok(())
    })
}

/// OPENSSL_LH_strhash is OpenSSL's hash of a C string (0 for NULL or "").
#[no_mangle]
pub extern "C" fn OPENSSL_LH_strhash(c: *const c_char) -> c_ulong {
    ffi_boundary!("OPENSSL_LH_strhash", 0, {
        if c.is_null() {
            return Ok(0);
        }
        Ok(lhash::strhash(ffi::cstr_bytes(c)?))
    })
}
