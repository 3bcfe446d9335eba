//! `stack.h`: `OPENSSL_STACK`, the untyped stack behind every `STACK_OF`.

use crate::crypto::err::Error;
use crate::crypto::stack::OPENSSL_STACK;
use crate::ffi::{self, Ptr};
use std::ffi::{c_int, c_void};

/// An element destructor (`OPENSSL_sk_freefunc`).
pub type OPENSSL_sk_freefunc = Option<unsafe extern "C" fn(*mut c_void)>;
/// An element copier (`OPENSSL_sk_copyfunc`).
pub type OPENSSL_sk_copyfunc = Option<unsafe extern "C" fn(*const c_void) -> *mut c_void>;

/// OPENSSL_sk_new_null returns a new empty stack, freed with `OPENSSL_sk_free`.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_new_null() -> *mut OPENSSL_STACK {
    ffi_boundary!("OPENSSL_sk_new_null", {
        Ok(OPENSSL_STACK::from_ptrs(Vec::new()))
    })
}

/// OPENSSL_sk_num returns the number of elements, or -1 if `st` is NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_num(st: *const OPENSSL_STACK) -> c_int {
    ffi_boundary!("OPENSSL_sk_num", -1, {
        if st.is_null() {
            return Ok(-1);
        }
        ffi::borrow(st)?.with(|v| v.len() as c_int)
    })
}

/// OPENSSL_sk_value returns element `i` (not a new reference), or NULL if
/// `st` is NULL or `i` is out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_value(st: *const OPENSSL_STACK, i: c_int) -> *mut c_void {
    ffi_boundary!("OPENSSL_sk_value", {
        if st.is_null() || i < 0 {
            return Ok(std::ptr::null_mut());
        }
        ffi::borrow(st)?.with(|v| v.get(i as usize).map_or(std::ptr::null_mut(), |p| p.0))
    })
}

/// OPENSSL_sk_set replaces element `i` with `data`, returning `data`, or
/// NULL if out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_set(
    st: *mut OPENSSL_STACK,
    i: c_int,
    data: *const c_void,
) -> *mut c_void {
    ffi_boundary!("OPENSSL_sk_set", {
        ffi::borrow(st)?.with(
            |v| match v.get_mut(usize::try_from(i).unwrap_or(usize::MAX)) {
                Some(slot) => {
                    *slot = Ptr(data as *mut c_void);
                    data as *mut c_void
                }
                None => std::ptr::null_mut(),
            },
        )
    })
}

/// OPENSSL_sk_push appends `data`; it returns the new number of elements,
/// or 0 on error.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_push(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    ffi_boundary!("OPENSSL_sk_push", {
        ffi::borrow(st)?.with(|v| {
            v.push(Ptr(data as *mut c_void));
            v.len() as c_int
        })
    })
}

/// OPENSSL_sk_unshift inserts `data` at the front; it returns the new
/// number of elements, or 0 on error.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_unshift(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    OPENSSL_sk_insert(st, data, 0)
}

/// OPENSSL_sk_insert inserts `data` before index `loc` (at the end if `loc`
/// is out of range); it returns the new number of elements, or 0 on error.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_insert(
    st: *mut OPENSSL_STACK,
    data: *const c_void,
    loc: c_int,
) -> c_int {
    ffi_boundary!("OPENSSL_sk_insert", {
        ffi::borrow(st)?.with(|v| {
            let at = usize::try_from(loc)
                .ok()
                .filter(|&l| l < v.len())
                .unwrap_or(v.len());
            v.insert(at, Ptr(data as *mut c_void));
            v.len() as c_int
        })
    })
}

/// OPENSSL_sk_pop removes and returns the last element, NULL if empty.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_pop(st: *mut OPENSSL_STACK) -> *mut c_void {
    ffi_boundary!("OPENSSL_sk_pop", {
        if st.is_null() {
            return Ok(std::ptr::null_mut());
        }
        ffi::borrow(st)?.with(|v| v.pop().map_or(std::ptr::null_mut(), |p| p.0))
    })
}

/// OPENSSL_sk_shift removes and returns the first element, NULL if empty.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_shift(st: *mut OPENSSL_STACK) -> *mut c_void {
    ffi_boundary!("OPENSSL_sk_shift", {
        if st.is_null() {
            return Ok(std::ptr::null_mut());
        }
        ffi::borrow(st)?.with(|v| {
            if v.is_empty() {
                std::ptr::null_mut()
            } else {
                v.remove(0).0
            }
        })
    })
}

/// OPENSSL_sk_delete removes and returns element `loc`, NULL if out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_delete(st: *mut OPENSSL_STACK, loc: c_int) -> *mut c_void {
    ffi_boundary!("OPENSSL_sk_delete", {
        ffi::borrow(st)?.with(
            |v| match usize::try_from(loc).ok().filter(|&l| l < v.len()) {
                Some(l) => v.remove(l).0,
                None => std::ptr::null_mut(),
            },
        )
    })
}

/// OPENSSL_sk_zero removes all elements without freeing them.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_zero(st: *mut OPENSSL_STACK) {
    ffi_boundary!("OPENSSL_sk_zero", {
        if !st.is_null() {
            ffi::borrow(st)?.with(Vec::clear)?;
        }
        Ok(())
    })
}

/// OPENSSL_sk_free frees the stack but not its elements. NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_free(st: *mut OPENSSL_STACK) {
    ffi_boundary!("OPENSSL_sk_free", {
        ffi::release(st);
        Ok(())
    })
}

/// OPENSSL_sk_pop_free calls `func` on every element, then frees the stack.
/// NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_pop_free(st: *mut OPENSSL_STACK, func: OPENSSL_sk_freefunc) {
    ffi_boundary!("OPENSSL_sk_pop_free", {
        let Some(stack) = ffi::take_arc(st) else {
            return Ok(());
        };
        let items = stack.with(std::mem::take)?;
        drop(stack);
        if let Some(f) = func {
            for p in items {
                if !p.0.is_null() {
                    // SAFETY: the free/copy function given with the stack, called with one of its elements.
                    crate::ffi::call_c(f, (p.0,));
                }
            }
        }
        Ok(())
    })
}

/// OPENSSL_sk_dup returns a new stack with the same (not copied) elements.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_dup(st: *const OPENSSL_STACK) -> *mut OPENSSL_STACK {
    ffi_boundary!("OPENSSL_sk_dup", {
        let items = ffi::borrow(st)?.with(|v| v.iter().map(|p| p.0).collect())?;
        Ok(OPENSSL_STACK::from_ptrs(items))
    })
}

/// OPENSSL_sk_deep_copy returns a new stack of `copy_func(element)`; if a
/// copy fails the copies made so far are freed with `free_func` and NULL is
/// returned.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_deep_copy(
    st: *const OPENSSL_STACK,
    copy_func: OPENSSL_sk_copyfunc,
    free_func: OPENSSL_sk_freefunc,
) -> *mut OPENSSL_STACK {
    ffi_boundary!("OPENSSL_sk_deep_copy", {
        let copy = copy_func.ok_or_else(Error::null_pointer)?;
        let items: Vec<*mut c_void> = ffi::borrow(st)?.with(|v| v.iter().map(|p| p.0).collect())?;
        let mut out = Vec::with_capacity(items.len());
        for p in items {
            if p.is_null() {
                out.push(p);
                continue;
            }
            // SAFETY: the free/copy function given with the stack, called with one of its elements.
            let c = crate::ffi::call_c(copy, (p,));
            if c.is_null() {
                if let Some(f) = free_func {
                    out.into_iter()
                        .filter(|q: &*mut c_void| !q.is_null())
                        // SAFETY: the free/copy function given with the stack, called with one of its elements.
                        .for_each(|q| crate::ffi::call_c(f, (q,)));
                }
                return Err(Error::internal("OPENSSL_sk_deep_copy: copy failed"));
            }
            out.push(c);
        }
        Ok(OPENSSL_STACK::from_ptrs(out))
    })
}

/// sk_num is OpenSSL 1.0's name for `OPENSSL_sk_num` (Racket probes it).
#[no_mangle]
pub extern "C" fn sk_num(st: *const OPENSSL_STACK) -> c_int {
    OPENSSL_sk_num(st)
}

/// sk_value is OpenSSL 1.0's name for `OPENSSL_sk_value`.
#[no_mangle]
pub extern "C" fn sk_value(st: *const OPENSSL_STACK, i: c_int) -> *mut c_void {
    OPENSSL_sk_value(st, i)
}

/// sk_pop_free is OpenSSL 1.0's name for `OPENSSL_sk_pop_free`.
#[no_mangle]
pub extern "C" fn sk_pop_free(st: *mut OPENSSL_STACK, func: OPENSSL_sk_freefunc) {
    OPENSSL_sk_pop_free(st, func)
}

/// OPENSSL_sk_new_reserve makes an empty stack with room for `n` elements.
/// A comparison function (`c` not NULL) is not supported: ferrossl's stacks
/// keep no order, so NULL and an error then.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_new_reserve(c: *mut c_void, n: c_int) -> *mut OPENSSL_STACK {
    ffi_boundary!("OPENSSL_sk_new_reserve", {
        if !c.is_null() {
            return Err(Error::unsupported(
                "OPENSSL_sk_new_reserve with a comparison function",
            ));
        }
        Ok(OPENSSL_STACK::from_ptrs(Vec::with_capacity(
            usize::try_from(n).unwrap_or(0),
        )))
    })
}
