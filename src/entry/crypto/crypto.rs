//! `crypto.h`: version queries, library initialisation, `ex_data` indexes.

use crate::abi::consts::OPENSSL_VERSION_NUMBER;
use crate::crypto::asn1::{Asn1String, ASN1_STRING};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_ulong, c_void};
use std::sync::Arc;

// ---------------------------------------------------------------------------
// OPENSSL_INIT_SETTINGS: accepted, nothing to configure.

/// The `OPENSSL_INIT_SETTINGS` handle (ferrossl reads no config file).
pub struct ossl_init_settings_st {
    _reserved: u8,
}
crate::handle!(Owned: ossl_init_settings_st);
pub type OPENSSL_INIT_SETTINGS = ossl_init_settings_st;

/// OPENSSL_INIT_new returns settings for `OPENSSL_init_ssl`, freed with
/// `OPENSSL_INIT_free`. ferrossl ignores them.
#[no_mangle]
pub extern "C" fn OPENSSL_INIT_new() -> *mut OPENSSL_INIT_SETTINGS {
    ffi_boundary!("OPENSSL_INIT_new", {
        Ok(Box::into_raw(Box::new(ossl_init_settings_st {
            _reserved: 0,
        })))
    })
}

/// OPENSSL_INIT_free frees settings from `OPENSSL_INIT_new`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_INIT_free(settings: *mut OPENSSL_INIT_SETTINGS) {
    ffi_boundary!("OPENSSL_INIT_free", {
        ffi::free_box(settings);
        Ok(())
    })
}

/// Borrows the Rust view of an `ASN1_STRING` made by ferrossl.
pub(crate) fn borrow_string<'a>(s: *const ASN1_STRING) -> Result<&'a Asn1String, Error> {
    ffi::borrow(s as *const Asn1String)
}

/// Hands C a new `ASN1_STRING` it must free with `ASN1_STRING_free`.
pub(crate) fn string_into_raw(s: Asn1String) -> *mut ASN1_STRING {
    ffi::into_raw(Arc::new(s)) as *mut ASN1_STRING
}

// ---------------------------------------------------------------------------
// Allocator.

/// CRYPTO_malloc allocates `num` bytes with libc `malloc` (what the
/// `OPENSSL_malloc` macro calls). It returns NULL for 0 bytes or on failure.
/// Free with `CRYPTO_free`.
#[no_mangle]
pub extern "C" fn CRYPTO_malloc(num: usize, _file: *const c_char, _line: c_int) -> *mut c_void {
    ffi_boundary!("CRYPTO_malloc", { Ok(ffi::malloc(num)) })
}

/// CRYPTO_zalloc is `CRYPTO_malloc` with the memory zeroed.
#[no_mangle]
pub extern "C" fn CRYPTO_zalloc(num: usize, _file: *const c_char, _line: c_int) -> *mut c_void {
    ffi_boundary!("CRYPTO_zalloc", {
        let p = ffi::malloc(num);
        if !p.is_null() {
            ffi::slice_mut_usize(p as *mut u8, num)?.fill(0);
        }
        Ok(p)
    })
}

/// CRYPTO_free releases memory from `CRYPTO_malloc` (what `OPENSSL_free`
/// calls). NULL is a no-op.
#[no_mangle]
pub extern "C" fn CRYPTO_free(ptr: *mut c_void, _file: *const c_char, _line: c_int) {
    ffi_boundary!("CRYPTO_free", {
        ffi::free(ptr);
        Ok(())
    })
}

/// CRYPTO_clear_free zeroes `num` bytes at `ptr`, then releases it like
/// [`CRYPTO_free`] (`OPENSSL_clear_free`). NULL is a no-op.
#[no_mangle]
pub extern "C" fn CRYPTO_clear_free(
    ptr: *mut c_void,
    num: usize,
    _file: *const c_char,
    _line: c_int,
) {
    ffi_boundary!("CRYPTO_clear_free", {
        if !ptr.is_null() {
            cleanse(ffi::slice_mut_usize(ptr.cast(), num)?);
            ffi::free(ptr);
        }
        Ok(())
    })
}

/// OPENSSL_cleanse zeroes `len` bytes at `ptr` (key material a program is
/// done with); the stores are not optimized away.
#[no_mangle]
pub extern "C" fn OPENSSL_cleanse(ptr: *mut c_void, len: usize) {
    ffi_boundary!("OPENSSL_cleanse", {
        cleanse(ffi::slice_mut_usize(ptr.cast(), len)?);
        Ok(())
    })
}

fn cleanse(buf: &mut [u8]) {
    buf.fill(0);
    // The buffer is C's and outlives this call, but keep the compiler from
    // treating the zeroing as dead stores even if it is inlined somewhere.
    std::hint::black_box(&mut *buf);
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

/// CRYPTO_strdup returns a `CRYPTO_malloc`ed copy of `str` (`OPENSSL_strdup`),
/// NULL if `str` is NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_strdup(
    str: *const c_char,
    _file: *const c_char,
    _line: c_int,
) -> *mut c_char {
    ffi_boundary!("CRYPTO_strdup", {
        let s = ffi::cstr_bytes(str)?;
        Ok(ffi::malloc_copy(s, true) as *mut c_char)
    })
}

/// OpenSSL_version_num returns 0x30000100 (OpenSSL 3.0.16's number), so
/// clients take their OpenSSL 3 code paths.
#[no_mangle]
pub extern "C" fn OpenSSL_version_num() -> c_ulong {
    OPENSSL_VERSION_NUMBER
}

/// SSLeay is OpenSSL_version_num (pre-1.1 name).
#[no_mangle]
pub extern "C" fn SSLeay() -> c_ulong {
    OPENSSL_VERSION_NUMBER
}

/// OpenSSL_version returns version text for `t` (OPENSSL_VERSION 0 starts
/// with "OpenSSL 3." and names ferrossl).
#[no_mangle]
pub extern "C" fn OpenSSL_version(t: c_int) -> *const c_char {
    ffi_boundary!("OpenSSL_version", {
        Ok(match t {
            0 => concat!(
                "OpenSSL 3.0.16 compatible (ferrossl ",
                env!("CARGO_PKG_VERSION"),
                ", rustls 0.23, aws-lc-rs)\0"
            )
            .as_ptr() as *const c_char,
            1 => c"compiler: rustc".as_ptr(),
            2 => c"built on: ferrossl".as_ptr(),
            3 => c"platform: linux".as_ptr(),
            4 => c"OPENSSLDIR: \"/usr/lib/ssl\"".as_ptr(),
            6 => c"3.0.16".as_ptr(),
            7 => concat!("3.0.16-ferrossl-", env!("CARGO_PKG_VERSION"), "\0").as_ptr()
                as *const c_char,
            _ => c"not available".as_ptr(),
        })
    })
}

/// SSLeay_version is OpenSSL_version.
#[no_mangle]
pub extern "C" fn SSLeay_version(t: c_int) -> *const c_char {
    OpenSSL_version(t)
}

/// OPENSSL_version_major returns 3.
#[no_mangle]
pub extern "C" fn OPENSSL_version_major() -> std::ffi::c_uint {
    3
}

/// OPENSSL_version_minor returns 0.
#[no_mangle]
pub extern "C" fn OPENSSL_version_minor() -> std::ffi::c_uint {
    0
}

/// OPENSSL_version_patch returns 16.
#[no_mangle]
pub extern "C" fn OPENSSL_version_patch() -> std::ffi::c_uint {
    16
}

/// ferrossl_version returns ferrossl's own version string.
#[no_mangle]
pub extern "C" fn ferrossl_version() -> *const c_char {
    ffi_boundary!("ferrossl_version", {
        Ok(concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char)
    })
}

/// OPENSSL_init_crypto returns 1.
#[no_mangle]
pub extern "C" fn OPENSSL_init_crypto(_opts: u64, _settings: *const c_void) -> c_int {
    1
}

/// OPENSSL_cleanup does nothing.
#[no_mangle]
pub extern "C" fn OPENSSL_cleanup() {}

/// CRYPTO_get_ex_new_index returns a new ex_data index for `class_index`
/// (CRYPTO_EX_INDEX_SSL, _SSL_CTX, ...), or -1. The callbacks are not called.
#[no_mangle]
pub extern "C" fn CRYPTO_get_ex_new_index(
    class_index: c_int,
    _argl: c_long,
    _argp: *mut c_void,
    _new: *mut c_void,
    _dup: *mut c_void,
    _free: *mut c_void,
) -> c_int {
    ffi_boundary!("CRYPTO_get_ex_new_index", -1, {
        Ok(crate::crypto::ex_data::new_index(class_index))
    })
}

/// CRYPTO_memcmp compares `len` bytes of `a` and `b` in constant time:
/// 0 if equal, non-zero otherwise.
#[no_mangle]
pub extern "C" fn CRYPTO_memcmp(a: *const c_void, b: *const c_void, len: usize) -> c_int {
    ffi_boundary!("CRYPTO_memcmp", 1, {
        let a = ffi::slice_usize(a as *const u8, len)?;
        let b = ffi::slice_usize(b as *const u8, len)?;
        Ok(crate::ffi::lc::ct_memcmp(a, b))
    })
}

// ---------------------------------------------------------------------------
// CRYPTO_RWLOCK and atomics (the locks applications such as stunnel take with
// OpenSSL's portable API).

pub use crate::crypto::lock::crypto_rwlock_st;
/// `CRYPTO_RWLOCK`.
pub type CRYPTO_RWLOCK = crypto_rwlock_st;

/// CRYPTO_THREAD_lock_new returns a new read/write lock (free with
/// CRYPTO_THREAD_lock_free).
#[no_mangle]
pub extern "C" fn CRYPTO_THREAD_lock_new() -> *mut CRYPTO_RWLOCK {
    ffi_boundary!("CRYPTO_THREAD_lock_new", {
        Ok(Box::into_raw(Box::new(crypto_rwlock_st::default())))
    })
}

/// CRYPTO_THREAD_lock_free frees `lock` (NULL: no-op); it must not be held.
#[no_mangle]
pub extern "C" fn CRYPTO_THREAD_lock_free(lock: *mut CRYPTO_RWLOCK) {
    ffi_boundary!("CRYPTO_THREAD_lock_free", {
        ffi::free_box(lock);
        Ok(())
    })
}

/// CRYPTO_THREAD_read_lock takes a shared lock on `lock`, waiting for a writer to
/// leave; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_THREAD_read_lock(lock: *mut CRYPTO_RWLOCK) -> c_int {
    ffi_boundary!("CRYPTO_THREAD_read_lock", {
        ffi::borrow(lock)?.read_lock();
        Ok(1)
    })
}

/// CRYPTO_THREAD_write_lock takes `lock` exclusively, waiting for its holders to
/// leave; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_THREAD_write_lock(lock: *mut CRYPTO_RWLOCK) -> c_int {
    ffi_boundary!("CRYPTO_THREAD_write_lock", {
        ffi::borrow(lock)?.write_lock();
        Ok(1)
    })
}

/// CRYPTO_THREAD_unlock releases the caller's hold (read or write) on `lock`;
/// 1, or 0 for NULL or a lock nobody holds.
#[no_mangle]
pub extern "C" fn CRYPTO_THREAD_unlock(lock: *mut CRYPTO_RWLOCK) -> c_int {
    ffi_boundary!("CRYPTO_THREAD_unlock", {
        Ok(ffi::borrow(lock)?.unlock() as c_int)
    })
}

/// CRYPTO_atomic_add adds `amount` to `*val` atomically and stores the result in
/// `*ret`; 1, or 0 for a NULL `val`/`ret`. `lock` is not needed (native atomics).
#[no_mangle]
pub extern "C" fn CRYPTO_atomic_add(
    val: *mut c_int,
    amount: c_int,
    ret: *mut c_int,
    _lock: *mut CRYPTO_RWLOCK,
) -> c_int {
    ffi_boundary!("CRYPTO_atomic_add", {
        if ret.is_null() {
            return Err(Error::null_pointer());
        }
        let v = ffi::atomic_add_int(val, amount).ok_or_else(Error::null_pointer)?;
        ffi::write_out(ret, v);
        Ok(1)
    })
}

/// OPENSSL_hexchar2int returns the value of hex digit `c` ('0'-'9', 'a'-'f',
/// 'A'-'F'), or -1 (no error queued) for any other character.
#[no_mangle]
pub extern "C" fn OPENSSL_hexchar2int(c: u8) -> c_int {
    ffi_boundary!("OPENSSL_hexchar2int", -1, {
        Ok(char::from(c).to_digit(16).map_or(-1, |v| v as c_int))
    })
}

/// OPENSSL_strlcpy copies the C string `src` into `dst` of `size` bytes, cut to fit and
/// NUL-terminated when `size` > 0; returns `strlen(src)` (a result >= `size` means it
/// was cut).
#[no_mangle]
pub extern "C" fn OPENSSL_strlcpy(dst: *mut c_char, src: *const c_char, size: usize) -> usize {
    ffi_boundary!("OPENSSL_strlcpy", 0, {
        let s = ffi::cstr_bytes(src)?;
        if size > 0 {
            let n = s.len().min(size - 1);
            let out = ffi::slice_mut_usize(dst as *mut u8, n + 1)?;
            out[..n].copy_from_slice(&s[..n]);
            out[n] = 0;
        }
        Ok(s.len())
    })
}

/// OPENSSL_strlcat appends the C string `src` to the C string in `dst` of `size`
/// bytes, cut to fit and NUL-terminated; returns the length it tried to make
/// (`strlen(dst)` bounded by `size`, plus `strlen(src)`).
#[no_mangle]
pub extern "C" fn OPENSSL_strlcat(dst: *mut c_char, src: *const c_char, size: usize) -> usize {
    ffi_boundary!("OPENSSL_strlcat", 0, {
        let s = ffi::cstr_bytes(src)?;
        let whole = ffi::slice_mut_usize(dst as *mut u8, size)?;
        let Some(l) = whole.iter().position(|&b| b == 0) else {
            return Ok(size + s.len());
        };
        let n = s.len().min(size - l - 1);
        whole[l..l + n].copy_from_slice(&s[..n]);
        whole[l + n] = 0;
        Ok(l + s.len())
    })
}

/// OPENSSL_strcasecmp compares two C strings ignoring ASCII case (the C
/// locale's, as OpenSSL 3): <0, 0 or >0.
#[no_mangle]
pub extern "C" fn OPENSSL_strcasecmp(s1: *const c_char, s2: *const c_char) -> c_int {
    ffi_boundary!("OPENSSL_strcasecmp", {
        Ok(casecmp(
            ffi::cstr_bytes(s1)?,
            ffi::cstr_bytes(s2)?,
            usize::MAX,
        ))
    })
}

/// OPENSSL_strncasecmp compares at most `n` bytes of two C strings ignoring
/// ASCII case: <0, 0 or >0.
#[no_mangle]
pub extern "C" fn OPENSSL_strncasecmp(s1: *const c_char, s2: *const c_char, n: usize) -> c_int {
    ffi_boundary!("OPENSSL_strncasecmp", {
        Ok(casecmp(
            ffi::cstr_bytes_max(s1, n)?,
            ffi::cstr_bytes_max(s2, n)?,
            n,
        ))
    })
}

fn casecmp(a: &[u8], b: &[u8], n: usize) -> c_int {
    let (a, b) = (&a[..a.len().min(n)], &b[..b.len().min(n)]);
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).map_or(0, |c| c.to_ascii_lowercase()) as c_int;
        let y = b.get(i).map_or(0, |c| c.to_ascii_lowercase()) as c_int;
        if x != y {
            return x - y;
        }
    }
    0
}

/// OPENSSL_die reports an internal error (`OPENSSL_assert` failing) on
/// stderr as OpenSSL 3 does (`file:line: OpenSSL internal error: message`)
/// and aborts the process; it does not return.
#[no_mangle]
pub extern "C" fn OPENSSL_die(message: *const c_char, file: *const c_char, line: c_int) {
    ffi_boundary!("OPENSSL_die", {
        let text = |p| ffi::cstr(p).unwrap_or("?");
        eprintln!(
            "{}:{}: OpenSSL internal error: {}",
            text(file),
            line,
            text(message)
        );
        std::process::abort()
    })
}
