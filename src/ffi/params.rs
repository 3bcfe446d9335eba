//! OpenSSL 3's `OSSL_PARAM` (params.h, core.h): the public C layout
//! programs build arrays of themselves, ended by an entry whose key is
//! NULL. This file only reads and writes those structs and the buffers
//! they point at; what a parameter means is `crypto/params.rs`'s.

use crate::crypto::err::Error;
use std::ffi::{c_char, c_uint, c_void, CStr};
use std::ptr;

/// OpenSSL's `OSSL_PARAM` (`struct ossl_param_st`), field for field.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ossl_param_st {
    pub key: *const c_char,
    pub data_type: c_uint,
    pub data: *mut c_void,
    pub data_size: usize,
    pub return_size: usize,
}

/// OpenSSL's `OSSL_PARAM_UNMODIFIED`: `return_size` before a setter ran.
pub const OSSL_PARAM_UNMODIFIED: usize = usize::MAX;

/// The longest array walked (a missing terminator stops here, not past
/// the end of memory C never meant).
const MAX_PARAMS: usize = 4096;

/// The entries of the C array `p` up to its terminator (NULL: none).
pub fn entries(p: *const ossl_param_st) -> Vec<*const ossl_param_st> {
    let mut v = Vec::new();
    if p.is_null() {
        return v;
    }
    for i in 0..MAX_PARAMS {
        let e = p.wrapping_add(i);
        // SAFETY: C passes an array ended by an entry with a NULL key
        // (OpenSSL's contract for every OSSL_PARAM array).
        if unsafe { (*e).key }.is_null() {
            break;
        }
        v.push(e);
    }
    v
}

/// A copy of entry `p` (NULL: None).
pub fn read(p: *const ossl_param_st) -> Option<ossl_param_st> {
    if p.is_null() {
        return None;
    }
    // SAFETY: a live entry C passed.
    Some(unsafe { *p })
}

/// The entry's key.
pub fn key<'a>(p: &ossl_param_st) -> Option<&'a CStr> {
    if p.key.is_null() {
        return None;
    }
    // SAFETY: keys are NUL-terminated strings live for the call.
    Some(unsafe { CStr::from_ptr(p.key) })
}

/// The bytes an entry's `data` holds (`data_size` of them; NULL: empty),
/// or for the pointer types (`OSSL_PARAM_UTF8_PTR`, `_OCTET_PTR`) the
/// bytes the pointer at `data` points at.
pub fn bytes<'a>(p: &ossl_param_st, indirect: bool) -> &'a [u8] {
    if p.data.is_null() {
        return &[];
    }
    // SAFETY: `data` holds `data_size` readable bytes, or (indirect) a
    // pointer to that many (OSSL_PARAM's contract).
    unsafe {
        let d = if indirect {
            *(p.data as *const *const u8)
        } else {
            p.data as *const u8
        };
        if d.is_null() || p.data_size == 0 {
            return &[];
        }
        std::slice::from_raw_parts(d, p.data_size)
    }
}

/// Writes `v` at the start of the entry's `data` (which must hold
/// `data_size >= v.len()` bytes; checked) and sets `return_size`.
pub fn write(p: *mut ossl_param_st, v: &[u8], nul: bool) -> Result<(), Error> {
    let e = read(p).ok_or_else(Error::null_pointer)?;
    if e.data.is_null() || e.data_size < v.len() {
        return Err(Error::invalid_argument("OSSL_PARAM buffer too small"));
    }
    // SAFETY: `data` holds `data_size` writable bytes, checked above.
    unsafe {
        ptr::copy_nonoverlapping(v.as_ptr(), e.data as *mut u8, v.len());
        if nul && e.data_size > v.len() {
            *(e.data as *mut u8).add(v.len()) = 0;
        }
    }
    set_return_size(p, v.len());
    Ok(())
}

/// Sets the entry's `return_size` (NULL: nothing).
pub fn set_return_size(p: *mut ossl_param_st, n: usize) {
    if !p.is_null() {
        // SAFETY: a live, writable entry C passed.
        unsafe { (*p).return_size = n }
    }
}

/// Stores a pointer (for `OSSL_PARAM_set_utf8_ptr` / `_octet_ptr`): the
/// entry's `data` must hold a pointer.
pub fn write_ptr(p: *mut ossl_param_st, v: *const c_void, len: usize) -> Result<(), Error> {
    let e = read(p).ok_or_else(Error::null_pointer)?;
    if e.data.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: `data` holds a pointer (the *_PTR types' layout).
    unsafe { *(e.data as *mut *const c_void) = v };
    set_return_size(p, len);
    Ok(())
}
