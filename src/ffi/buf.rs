//! Strings, buffers and out-parameters C lends for one call, and the memory
//! C frees with `OPENSSL_free`.

use crate::crypto::err::Error;
use std::ffi::{c_char, c_int, CStr};

/// A C string borrowed for this call only.
pub fn cstr<'a>(p: *const c_char) -> Result<&'a str, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: C passes a NUL-terminated string live for this call.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str()
        .map_err(|_| Error::invalid_argument("string is not UTF-8"))
}

/// Like [`cstr`] but as the C string itself (to hand on to C).
pub fn cstr_c<'a>(p: *const c_char) -> Result<&'a CStr, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: as in `cstr`.
    Ok(unsafe { CStr::from_ptr(p) })
}

/// Like [`cstr`] but keeps raw bytes (paths, names that need not be UTF-8).
pub fn cstr_bytes<'a>(p: *const c_char) -> Result<&'a [u8], Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: as in `cstr`.
    Ok(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// Like [`cstr_bytes`] but reads at most `max` bytes: the string need not be
/// NUL-terminated within them (printf's `%.Ns`).
pub fn cstr_bytes_max<'a>(p: *const c_char, max: usize) -> Result<&'a [u8], Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: C passes a string readable up to its NUL or `max` bytes,
    // whichever comes first; `strnlen` reads no further.
    let n = unsafe { libc::strnlen(p, max) };
    // SAFETY: the `n` bytes just scanned are readable.
    Ok(unsafe { std::slice::from_raw_parts(p as *const u8, n) })
}

/// An input buffer `(ptr, len)`; `(NULL, 0)` is empty, a negative length or
/// `(NULL, n>0)` is an error.
pub fn slice<'a>(p: *const u8, len: c_int) -> Result<&'a [u8], Error> {
    let len = usize::try_from(len).map_err(|_| Error::invalid_argument("negative length"))?;
    slice_usize(p, len)
}

pub fn slice_usize<'a>(p: *const u8, len: usize) -> Result<&'a [u8], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: C passes `len` readable bytes at `p`, live for this call.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// An input array of `len` C ints; NULL (or `len` 0) is an empty one.
pub fn ints<'a>(p: *const std::ffi::c_int, len: usize) -> Result<&'a [std::ffi::c_int], Error> {
    if p.is_null() || len == 0 {
        return Ok(&[]);
    }
    if len > (isize::MAX as usize) / std::mem::size_of::<std::ffi::c_int>() {
        return Err(Error::invalid_argument("array too long"));
    }
    // SAFETY: C passes `len` readable, aligned ints at `p`, live for this call.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// An output buffer `(ptr, len)` C lends us for this call.
pub fn slice_mut<'a>(p: *mut u8, len: c_int) -> Result<&'a mut [u8], Error> {
    let len = usize::try_from(len).map_err(|_| Error::invalid_argument("negative length"))?;
    slice_mut_usize(p, len)
}

pub fn slice_mut_usize<'a>(p: *mut u8, len: usize) -> Result<&'a mut [u8], Error> {
    if len == 0 {
        return Ok(&mut []);
    }
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: C passes `len` writable bytes at `p`, not aliased during the call.
    Ok(unsafe { std::slice::from_raw_parts_mut(p, len) })
}

/// Writes `v` through an optional out-pointer (NULL: nothing is written).
pub fn write_out<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: C passes a valid, writable, aligned `T*` (or NULL).
        unsafe { p.write(v) }
    }
}

/// Copies `src` into C's buffer of `cap` bytes as a NUL-terminated string,
/// truncating; returns the bytes written without the NUL.
pub fn copy_cstr_out(dst: *mut c_char, cap: usize, src: &[u8]) -> usize {
    if dst.is_null() || cap == 0 {
        return 0;
    }
    let n = src.len().min(cap - 1);
    // SAFETY: C gave `cap` writable bytes at `dst`; we write `n + 1 <= cap`.
    unsafe {
        std::ptr::copy_nonoverlapping(src.as_ptr(), dst as *mut u8, n);
        *dst.add(n) = 0;
    }
    n
}

/// OpenSSL's `*a` out-parameter (`d2i_*`, `PEM_read_*`): when `a` is not
/// NULL, the object `*a` held is freed with `free` (given NULL when there
/// was none) and `*a` becomes `new`.
pub fn replace_out<T: Copy>(a: *mut T, new: T, free: impl FnOnce(T)) {
    if let Some(old) = read_in(a) {
        free(old);
        write_out(a, new);
    }
}

/// Reads `*p` if `p` is not NULL.
pub fn read_in<T: Copy>(p: *const T) -> Option<T> {
    if p.is_null() {
        None
    } else {
        // SAFETY: C passes a valid, aligned `T*` (or NULL).
        Some(unsafe { p.read() })
    }
}

/// `OPENSSL_malloc(n)`: libc `malloc`; NULL for 0 bytes, as OpenSSL 3.
pub fn malloc(n: usize) -> *mut std::ffi::c_void {
    if n == 0 {
        return std::ptr::null_mut();
    }
    // SAFETY: plain allocation; C frees it with `CRYPTO_free` (libc `free`).
    unsafe { libc::malloc(n) }
}

/// `OPENSSL_realloc(p, n)`: libc `realloc`; NULL when it fails (`p` then still stands).
pub fn realloc(p: *mut std::ffi::c_void, n: usize) -> *mut std::ffi::c_void {
    // SAFETY: `p` came from `malloc`/`realloc` (C's contract), or is NULL.
    unsafe { libc::realloc(p, n.max(1)) }
}

/// `OPENSSL_free(p)`: libc `free` (NULL is fine).
pub fn free(p: *mut std::ffi::c_void) {
    // SAFETY: `p` came from `malloc` (C's contract for OPENSSL_free), or is NULL.
    unsafe { libc::free(p) }
}

/// A `malloc`ed copy of `bytes`, NUL-terminated if `nul`.
pub fn malloc_copy(bytes: &[u8], nul: bool) -> *mut u8 {
    let n = bytes.len() + usize::from(nul);
    let p = malloc(n.max(1)) as *mut u8;
    if let Ok(dst) = slice_mut_usize(p, n) {
        dst[..bytes.len()].copy_from_slice(bytes);
        if nul {
            dst[bytes.len()] = 0;
        }
    }
    p
}

/// `*p += amount` atomically (`CRYPTO_atomic_add`); the new value, or None for NULL.
pub fn atomic_add_int(p: *mut std::ffi::c_int, amount: std::ffi::c_int) -> Option<std::ffi::c_int> {
    if p.is_null() {
        return None;
    }
    // SAFETY: C passes a valid, aligned `int*` that every concurrent user updates only
    // through CRYPTO_atomic_* (OpenSSL's contract for these functions).
    let a = unsafe { std::sync::atomic::AtomicI32::from_ptr(p) };
    Some(
        a.fetch_add(amount, std::sync::atomic::Ordering::SeqCst)
            .wrapping_add(amount),
    )
}
