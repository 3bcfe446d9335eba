//! `params.h`: building and reading `OSSL_PARAM` arrays (OpenSSL's public
//! C layout, `ffi/params.rs`); the conversions are `crypto/params.rs`'s.

use crate::crypto::err::Error;
use crate::crypto::params::{self as p, IntType};
use crate::ffi;
use crate::ffi::params::{self as raw, ossl_param_st, OSSL_PARAM_UNMODIFIED};
use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};

pub type OSSL_PARAM = ossl_param_st;

fn construct(key: *const c_char, data_type: u32, data: *mut c_void, size: usize) -> OSSL_PARAM {
    ossl_param_st {
        key,
        data_type,
        data,
        data_size: size,
        return_size: OSSL_PARAM_UNMODIFIED,
    }
}

/// The terminating entry, also what a failed constructor returns.
fn end() -> OSSL_PARAM {
    construct(std::ptr::null(), 0, std::ptr::null_mut(), 0)
}

const fn it<T>(signed: bool) -> IntType {
    IntType {
        size: std::mem::size_of::<T>(),
        signed,
    }
}

/// OSSL_PARAM_construct_int returns an INTEGER entry `key` over the C int
/// at `buf` (OpenSSL's macro-free form of `OSSL_PARAM_int`).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_int(key: *const c_char, buf: *mut c_int) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_int", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_INTEGER,
            buf.cast(),
            std::mem::size_of::<c_int>(),
        ))
    })
}

/// OSSL_PARAM_construct_uint returns an UNSIGNED_INTEGER entry over the
/// C unsigned int at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_uint(key: *const c_char, buf: *mut c_uint) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_uint", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_UNSIGNED_INTEGER,
            buf.cast(),
            std::mem::size_of::<c_uint>(),
        ))
    })
}

/// OSSL_PARAM_construct_long returns an INTEGER entry over the C long at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_long(key: *const c_char, buf: *mut c_long) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_long", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_INTEGER,
            buf.cast(),
            std::mem::size_of::<c_long>(),
        ))
    })
}

/// OSSL_PARAM_construct_ulong returns an UNSIGNED_INTEGER entry over the C
/// unsigned long at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_ulong(key: *const c_char, buf: *mut c_ulong) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_ulong", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_UNSIGNED_INTEGER,
            buf.cast(),
            std::mem::size_of::<c_ulong>(),
        ))
    })
}

/// OSSL_PARAM_construct_int32 returns an INTEGER entry over the int32_t at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_int32(key: *const c_char, buf: *mut i32) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_int32", end(), {
        Ok(construct(key, p::OSSL_PARAM_INTEGER, buf.cast(), 4))
    })
}

/// OSSL_PARAM_construct_uint32 returns an UNSIGNED_INTEGER entry over the
/// uint32_t at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_uint32(key: *const c_char, buf: *mut u32) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_uint32", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_UNSIGNED_INTEGER,
            buf.cast(),
            4,
        ))
    })
}

/// OSSL_PARAM_construct_int64 returns an INTEGER entry over the int64_t at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_int64(key: *const c_char, buf: *mut i64) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_int64", end(), {
        Ok(construct(key, p::OSSL_PARAM_INTEGER, buf.cast(), 8))
    })
}

/// OSSL_PARAM_construct_uint64 returns an UNSIGNED_INTEGER entry over the
/// uint64_t at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_uint64(key: *const c_char, buf: *mut u64) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_uint64", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_UNSIGNED_INTEGER,
            buf.cast(),
            8,
        ))
    })
}

/// OSSL_PARAM_construct_size_t returns an UNSIGNED_INTEGER entry over the
/// size_t at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_size_t(key: *const c_char, buf: *mut usize) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_size_t", end(), {
        Ok(construct(
            key,
            p::OSSL_PARAM_UNSIGNED_INTEGER,
            buf.cast(),
            std::mem::size_of::<usize>(),
        ))
    })
}

/// OSSL_PARAM_construct_utf8_string returns a UTF8_STRING entry over `buf`
/// of `bsize` bytes (0: `strlen(buf)`, as in OpenSSL).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_utf8_string(
    key: *const c_char,
    buf: *mut c_char,
    bsize: usize,
) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_utf8_string", end(), {
        let size = if bsize == 0 && !buf.is_null() {
            ffi::cstr_bytes(buf).map_or(0, |b| b.len())
        } else {
            bsize
        };
        Ok(construct(key, p::OSSL_PARAM_UTF8_STRING, buf.cast(), size))
    })
}

/// OSSL_PARAM_construct_octet_string returns an OCTET_STRING entry over
/// `buf` of `bsize` bytes.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_octet_string(
    key: *const c_char,
    buf: *mut c_void,
    bsize: usize,
) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_octet_string", end(), {
        Ok(construct(key, p::OSSL_PARAM_OCTET_STRING, buf, bsize))
    })
}

/// OSSL_PARAM_construct_utf8_ptr returns a UTF8_PTR entry over the
/// `char *` at `buf` (`bsize`: the string's length).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_utf8_ptr(
    key: *const c_char,
    buf: *mut *mut c_char,
    bsize: usize,
) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_utf8_ptr", end(), {
        Ok(construct(key, p::OSSL_PARAM_UTF8_PTR, buf.cast(), bsize))
    })
}

/// OSSL_PARAM_construct_octet_ptr returns an OCTET_PTR entry over the
/// `void *` at `buf`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_octet_ptr(
    key: *const c_char,
    buf: *mut *mut c_void,
    bsize: usize,
) -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_octet_ptr", end(), {
        Ok(construct(key, p::OSSL_PARAM_OCTET_PTR, buf.cast(), bsize))
    })
}

/// OSSL_PARAM_construct_end returns the terminating entry (all NULL/0).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_construct_end() -> OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_construct_end", end(), {
        Ok(construct(std::ptr::null(), 0, std::ptr::null_mut(), 0))
    })
}

/// OSSL_PARAM_locate returns the entry named `key` in the array `p`, or NULL.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_locate(p: *mut OSSL_PARAM, key: *const c_char) -> *mut OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_locate", {
        if p.is_null() || key.is_null() {
            return Ok(std::ptr::null_mut());
        }
        Ok(p::locate(p, ffi::cstr_bytes(key)?).map_or(std::ptr::null_mut(), |e| e.cast_mut()))
    })
}

/// OSSL_PARAM_locate_const is `OSSL_PARAM_locate` on a const array.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_locate_const(
    p: *const OSSL_PARAM,
    key: *const c_char,
) -> *const OSSL_PARAM {
    ffi_boundary!("OSSL_PARAM_locate_const", {
        if p.is_null() || key.is_null() {
            return Ok(std::ptr::null());
        }
        Ok(p::locate(p, ffi::cstr_bytes(key)?).unwrap_or(std::ptr::null()))
    })
}

/// OSSL_PARAM_modified returns 1 when a setter has written `p`.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_modified(p: *const OSSL_PARAM) -> c_int {
    ffi_boundary!("OSSL_PARAM_modified", {
        Ok(c_int::from(
            raw::read(p).is_some_and(|e| e.return_size != OSSL_PARAM_UNMODIFIED),
        ))
    })
}

fn get_into<T>(
    p: *const OSSL_PARAM,
    val: *mut T,
    t: IntType,
    conv: impl Fn(i128) -> T,
) -> Result<c_int, Error> {
    let e = raw::read(p).ok_or_else(Error::null_pointer)?;
    if val.is_null() {
        return Err(Error::null_pointer());
    }
    let v = p::get_int(&e, t)?;
    ffi::write_out(val, conv(v));
    Ok(1)
}

fn set_from(p: *mut OSSL_PARAM, v: i128, t: IntType) -> Result<c_int, Error> {
    p::set_int(p, v, t)?;
    Ok(1)
}

/// OSSL_PARAM_get_int stores `p`'s number in `*val` when it fits an int: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_int(p: *const OSSL_PARAM, val: *mut c_int) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_int", {
        get_into(p, val, it::<c_int>(true), |v| v as c_int)
    })
}

/// OSSL_PARAM_get_uint stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_uint(p: *const OSSL_PARAM, val: *mut c_uint) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_uint", {
        get_into(p, val, it::<c_uint>(false), |v| v as c_uint)
    })
}

/// OSSL_PARAM_get_long stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_long(p: *const OSSL_PARAM, val: *mut c_long) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_long", {
        get_into(p, val, it::<c_long>(true), |v| v as c_long)
    })
}

/// OSSL_PARAM_get_ulong stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_ulong(p: *const OSSL_PARAM, val: *mut c_ulong) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_ulong", {
        get_into(p, val, it::<c_ulong>(false), |v| v as c_ulong)
    })
}

/// OSSL_PARAM_get_int32 stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_int32(p: *const OSSL_PARAM, val: *mut i32) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_int32", {
        get_into(p, val, it::<i32>(true), |v| v as i32)
    })
}

/// OSSL_PARAM_get_uint32 stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_uint32(p: *const OSSL_PARAM, val: *mut u32) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_uint32", {
        get_into(p, val, it::<u32>(false), |v| v as u32)
    })
}

/// OSSL_PARAM_get_int64 stores `p`'s number in `*val`: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_int64(p: *const OSSL_PARAM, val: *mut i64) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_int64", {
        get_into(p, val, it::<i64>(true), |v| v as i64)
    })
}

/// OSSL_PARAM_get_uint64 stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_uint64(p: *const OSSL_PARAM, val: *mut u64) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_uint64", {
        get_into(p, val, it::<u64>(false), |v| v as u64)
    })
}

/// OSSL_PARAM_get_size_t stores `p`'s number in `*val` when it fits: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_size_t(p: *const OSSL_PARAM, val: *mut usize) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_size_t", {
        get_into(p, val, it::<usize>(false), |v| v as usize)
    })
}

/// OSSL_PARAM_set_int stores `val` in `p`'s buffer when it fits its type
/// and size (a NULL buffer: only `return_size`): 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_int(p: *mut OSSL_PARAM, val: c_int) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_int", {
        set_from(p, val.into(), it::<c_int>(true))
    })
}

/// OSSL_PARAM_set_uint is `OSSL_PARAM_set_int` for an unsigned int.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_uint(p: *mut OSSL_PARAM, val: c_uint) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_uint", {
        set_from(p, val.into(), it::<c_uint>(false))
    })
}

/// OSSL_PARAM_set_long is `OSSL_PARAM_set_int` for a long.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_long(p: *mut OSSL_PARAM, val: c_long) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_long", {
        set_from(p, val.into(), it::<c_long>(true))
    })
}

/// OSSL_PARAM_set_ulong is `OSSL_PARAM_set_int` for an unsigned long.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_ulong(p: *mut OSSL_PARAM, val: c_ulong) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_ulong", {
        set_from(p, val.into(), it::<c_ulong>(false))
    })
}

/// OSSL_PARAM_set_int32 is `OSSL_PARAM_set_int` for an int32_t.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_int32(p: *mut OSSL_PARAM, val: i32) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_int32", {
        set_from(p, val.into(), it::<i32>(true))
    })
}

/// OSSL_PARAM_set_uint32 is `OSSL_PARAM_set_int` for a uint32_t.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_uint32(p: *mut OSSL_PARAM, val: u32) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_uint32", {
        set_from(p, val.into(), it::<u32>(false))
    })
}

/// OSSL_PARAM_set_int64 is `OSSL_PARAM_set_int` for an int64_t.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_int64(p: *mut OSSL_PARAM, val: i64) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_int64", {
        set_from(p, val.into(), it::<i64>(true))
    })
}

/// OSSL_PARAM_set_uint64 is `OSSL_PARAM_set_int` for a uint64_t.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_uint64(p: *mut OSSL_PARAM, val: u64) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_uint64", {
        set_from(p, val.into(), it::<u64>(false))
    })
}

/// OSSL_PARAM_set_size_t is `OSSL_PARAM_set_int` for a size_t.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_size_t(p: *mut OSSL_PARAM, val: usize) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_size_t", {
        set_from(p, val as i128, it::<usize>(false))
    })
}

/// OSSL_PARAM_get_utf8_string copies `p`'s text and a NUL into `*val`
/// (`max_len` bytes), or into new `OPENSSL_malloc` memory when `*val` is
/// NULL: 1, or 0 (another type, too long).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_utf8_string(
    p: *const OSSL_PARAM,
    val: *mut *mut c_char,
    max_len: usize,
) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_utf8_string", {
        let e = raw::read(p).ok_or_else(Error::null_pointer)?;
        let s = p::get_string(&e, true, false)?;
        let s = s.split(|&c| c == 0).next().unwrap_or(s);
        let dst = ffi::read_in(val).ok_or_else(Error::null_pointer)?;
        if dst.is_null() {
            ffi::write_out(val, ffi::malloc_copy(s, true).cast());
            return Ok(1);
        }
        if s.len() >= max_len {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_CRYPTO,
                crate::abi::reasons::CRYPTO_R_TOO_SMALL_BUFFER,
            ));
        }
        let out = ffi::slice_mut_usize(dst.cast(), s.len() + 1)?;
        out[..s.len()].copy_from_slice(s);
        out[s.len()] = 0;
        Ok(1)
    })
}

/// OSSL_PARAM_get_octet_string copies `p`'s bytes into `*val` (`max_len`
/// bytes), or into new `OPENSSL_malloc` memory when `*val` is NULL; their
/// count in `*used_len` (may be NULL): 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_octet_string(
    p: *const OSSL_PARAM,
    val: *mut *mut c_void,
    max_len: usize,
    used_len: *mut usize,
) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_octet_string", {
        let e = raw::read(p).ok_or_else(Error::null_pointer)?;
        let s = p::get_string(&e, false, false)?;
        let dst = ffi::read_in(val).ok_or_else(Error::null_pointer)?;
        if dst.is_null() {
            ffi::write_out(val, ffi::malloc_copy(s, false).cast());
        } else {
            if s.len() > max_len {
                return Err(Error::new(
                    crate::abi::reasons::ERR_LIB_CRYPTO,
                    crate::abi::reasons::CRYPTO_R_TOO_SMALL_BUFFER,
                ));
            }
            ffi::slice_mut_usize(dst.cast(), s.len())?.copy_from_slice(s);
        }
        ffi::write_out(used_len, s.len());
        Ok(1)
    })
}

/// OSSL_PARAM_get_utf8_string_ptr points `*val` at `p`'s own text (a
/// UTF8_STRING or UTF8_PTR entry): 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_get_utf8_string_ptr(
    p: *const OSSL_PARAM,
    val: *mut *const c_char,
) -> c_int {
    ffi_boundary!("OSSL_PARAM_get_utf8_string_ptr", {
        let e = raw::read(p).ok_or_else(Error::null_pointer)?;
        let s = p::get_string(&e, true, false).or_else(|_| p::get_string(&e, true, true))?;
        if val.is_null() {
            return Err(Error::null_pointer());
        }
        ffi::write_out(val, s.as_ptr().cast());
        Ok(1)
    })
}

/// OSSL_PARAM_set_utf8_string copies `val` (and a NUL when there is room)
/// into `p`'s buffer; `return_size` is `strlen(val)`: 1, or 0 (buffer too
/// small, another type).
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_utf8_string(p: *mut OSSL_PARAM, val: *const c_char) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_utf8_string", {
        p::set_string(p, ffi::cstr_bytes(val)?, true)?;
        Ok(1)
    })
}

/// OSSL_PARAM_set_octet_string copies `len` bytes at `val` into `p`'s
/// buffer; `return_size` is `len`: 1, or 0.
#[no_mangle]
pub extern "C" fn OSSL_PARAM_set_octet_string(
    p: *mut OSSL_PARAM,
    val: *const c_void,
    len: usize,
) -> c_int {
    ffi_boundary!("OSSL_PARAM_set_octet_string", {
        if val.is_null() {
            return Err(Error::null_pointer());
        }
        p::set_string(p, ffi::slice_usize(val.cast(), len)?, false)?;
        Ok(1)
    })
}
