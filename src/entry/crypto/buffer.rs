//! `buffer.h`: `BUF_MEM`, a growable byte buffer whose fields C reads (OpenSSL's
//! public layout: length, data, max, flags). Its bytes are libc `malloc` memory; a
//! memory BIO freed with `BIO_NOCLOSE` after `BIO_get_mem_ptr` hands its `BUF_MEM` over.

use crate::abi::consts::BUF_MEM_FLAG_SECURE;
use crate::abi::reasons::{ERR_LIB_BUF, ERR_R_MALLOC_FAILURE, ERR_R_PASSED_INVALID_ARGUMENT};
use crate::crypto::bio::{buf_mem_st, BUF_MEM};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_ulong};
use std::sync::atomic::{AtomicPtr, Ordering};

/// OpenSSL's bound, which keeps `(len + 3) / 3 * 4` below 2^31.
const LIMIT_BEFORE_EXPANSION: usize = 0x5fff_fffc;

/// BUF_MEM_new makes an empty buffer (no bytes allocated).
#[no_mangle]
pub extern "C" fn BUF_MEM_new() -> *mut BUF_MEM {
    ffi_boundary!("BUF_MEM_new", std::ptr::null_mut(), {
        Ok(Box::into_raw(Box::new(buf_mem_st::empty())))
    })
}

/// BUF_MEM_new_ex makes an empty buffer with `flags` (`BUF_MEM_FLAG_SECURE`: ferrossl
/// has no secure heap; the bytes are zeroed whenever they are released instead).
#[no_mangle]
pub extern "C" fn BUF_MEM_new_ex(flags: c_ulong) -> *mut BUF_MEM {
    ffi_boundary!("BUF_MEM_new_ex", std::ptr::null_mut(), {
        let mut b = buf_mem_st::empty();
        b.flags = flags;
        Ok(Box::into_raw(Box::new(b)))
    })
}

fn release(data: *mut c_char, max: usize, secure: bool) -> Result<(), Error> {
    if !data.is_null() {
        if secure {
            ffi::slice_mut_usize(data.cast(), max)?.fill(0);
        }
        ffi::free(data.cast());
    }
    Ok(())
}

/// BUF_MEM_free releases the buffer and its bytes (zeroed first for a secure one).
/// NULL is a no-op.
#[no_mangle]
pub extern "C" fn BUF_MEM_free(a: *mut BUF_MEM) {
    ffi_boundary!("BUF_MEM_free", {
        if a.is_null() {
            return Ok(());
        }
        let b = ffi::borrow_mut(a)?;
        release(
            b.data.load(Ordering::Relaxed),
            b.max,
            b.flags & BUF_MEM_FLAG_SECURE != 0,
        )?;
        ffi::free_box(a);
        Ok(())
    })
}

/// Sets the length to `len`: shrinking only lowers `length` (with `clean`, the bytes
/// beyond it are zeroed); growing zero-fills the new bytes, reallocating to
/// `(len + 3) / 3 * 4` bytes when `max` is too small (with `clean` or a secure buffer,
/// into new memory, the old zeroed and released). `len`, or 0 on failure.
fn grow(b: &mut BUF_MEM, len: usize, clean: bool) -> Result<usize, Error> {
    let data = b.data.load(Ordering::Relaxed);
    if b.length >= len {
        if clean && !data.is_null() {
            ffi::slice_mut_usize(data.cast(), b.length)?[len..].fill(0);
        }
        b.length = len;
        return Ok(len);
    }
    if b.max >= len {
        if !data.is_null() {
            ffi::slice_mut_usize(data.cast(), len)?[b.length..].fill(0);
        }
        b.length = len;
        return Ok(len);
    }
    if len > LIMIT_BEFORE_EXPANSION {
        return Err(Error::new(ERR_LIB_BUF, ERR_R_PASSED_INVALID_ARGUMENT));
    }
    let n = (len + 3) / 3 * 4;
    let new: *mut c_char = if clean || b.flags & BUF_MEM_FLAG_SECURE != 0 {
        let p = ffi::malloc(n) as *mut c_char;
        if !p.is_null() && !data.is_null() {
            let old = ffi::slice_usize(data.cast(), b.length)?;
            ffi::slice_mut_usize(p.cast(), b.length)?.copy_from_slice(old);
            release(data, b.max, true)?;
        }
        p
    } else {
        ffi::realloc(data.cast(), n).cast()
    };
    if new.is_null() {
        return Err(Error::new(ERR_LIB_BUF, ERR_R_MALLOC_FAILURE));
    }
    ffi::slice_mut_usize(new.cast(), len)?[b.length..].fill(0);
    b.data = AtomicPtr::new(new);
    b.max = n;
    b.length = len;
    Ok(len)
}

/// BUF_MEM_grow sets the buffer's length to `len` (see [`grow`]); `len`, or 0.
#[no_mangle]
pub extern "C" fn BUF_MEM_grow(str: *mut BUF_MEM, len: usize) -> usize {
    ffi_boundary!("BUF_MEM_grow", 0, {
        grow(ffi::borrow_mut(str)?, len, false)
    })
}

/// BUF_MEM_grow_clean is BUF_MEM_grow that never leaves released or cut-off bytes
/// behind: they are zeroed.
#[no_mangle]
pub extern "C" fn BUF_MEM_grow_clean(str: *mut BUF_MEM, len: usize) -> usize {
    ffi_boundary!("BUF_MEM_grow_clean", 0, {
        grow(ffi::borrow_mut(str)?, len, true)
    })
}

/// BUF_reverse writes the `siz` bytes of `in` to `out` in reverse order, or
/// reverses `out` in place when `in` is NULL (what `s_server -rev` does to
/// each line). NULL `out` is a no-op.
#[no_mangle]
pub extern "C" fn BUF_reverse(out: *mut u8, r#in: *const u8, siz: usize) {
    ffi_boundary!("BUF_reverse", {
        if out.is_null() || siz == 0 {
            return Ok(());
        }
        let rev: Vec<u8> = if r#in.is_null() {
            ffi::slice_usize(out, siz)?.iter().rev().copied().collect()
        } else {
            ffi::slice_usize(r#in, siz)?.iter().rev().copied().collect()
        };
        ffi::slice_mut_usize(out, siz)?.copy_from_slice(&rev);
        Ok(())
    })
}
