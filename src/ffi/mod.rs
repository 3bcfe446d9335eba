//! The one place where raw pointers from C become Rust references.
//!
//! Every exported function runs its body inside [`ffi_boundary!`], which turns
//! `Err(Error)` and panics into OpenSSL's failure value plus an ERR queue entry.
//! Handles are `Arc<T>` whose raw pointer is what C holds.

use crate::crypto::err::Error;
use std::ffi::{c_char, c_int, CStr};
use std::sync::Arc;

/// The failure value an exported function returns when its body fails.
pub trait Failure {
    fn failure() -> Self;
}

macro_rules! failure_value {
    ($($t:ty => $v:expr),* $(,)?) => { $(impl Failure for $t { fn failure() -> Self { $v } })* };
}
failure_value!(
    i32 => 0, u32 => 0, i64 => 0, u64 => 0, usize => 0, () => (),
);
impl<T> Failure for *mut T {
    fn failure() -> Self {
        std::ptr::null_mut()
    }
}
impl<T> Failure for *const T {
    fn failure() -> Self {
        std::ptr::null()
    }
}

/// Runs an entry point's body: `Ok(v)` is returned as is; `Err(e)` is pushed on
/// the ERR queue (naming the function) and the failure value is returned; a
/// panic is caught and reported as `ERR_R_INTERNAL_ERROR`.
///
/// `ffi_boundary!("NAME", { body })` fails with [`Failure::failure`];
/// `ffi_boundary!("NAME", failure_value, { body })` names the failure value.
#[macro_export]
macro_rules! ffi_boundary {
    ($name:literal, $body:block) => {
        $crate::ffi_boundary!($name, $crate::ffi::Failure::failure(), $body)
    };
    ($name:literal, $fail:expr, $body:block) => {{
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::std::result::Result<_, $crate::crypto::err::Error> { $body },
        ));
        match result {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                e.push($name);
                $fail
            }
            Err(_) => {
                $crate::crypto::err::Error::internal("panic caught at the FFI boundary")
                    .push($name);
                $fail
            }
        }
    }};
}

/// A borrowed handle: the object stays alive for the whole call.
pub fn borrow<'a, T>(p: *const T) -> Result<&'a T, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: non-NULL handles given to C came from `Arc::into_raw` (or a
    // `'static`), and C promises they are live for the duration of the call.
    Ok(unsafe { &*p })
}

/// A new strong reference to the handle `p`, so the object outlives anything
/// a callback may do to it (e.g. `SSL_free` from inside a verify callback).
pub fn clone_arc<T>(p: *const T) -> Result<Arc<T>, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: `p` came from `Arc::into_raw` and C holds a reference to it.
    unsafe {
        Arc::increment_strong_count(p);
        Ok(Arc::from_raw(p))
    }
}

/// Hands one strong reference to C.
pub fn into_raw<T>(a: Arc<T>) -> *mut T {
    Arc::into_raw(a) as *mut T
}

/// Drops the reference C holds; NULL is a no-op.
pub fn release<T>(p: *const T) {
    if !p.is_null() {
        // SAFETY: `p` came from `Arc::into_raw`; C gives up its reference.
        drop(unsafe { Arc::from_raw(p) });
    }
}

/// Takes the reference C holds (the `set0` transfer).
pub fn take_arc<T>(p: *const T) -> Option<Arc<T>> {
    if p.is_null() {
        None
    } else {
        // SAFETY: as in `release`, C hands its reference over.
        Some(unsafe { Arc::from_raw(p) })
    }
}

/// `X_up_ref`: one more reference owned by C.
pub fn up_ref<T>(p: *const T) -> Result<c_int, Error> {
    let a = clone_arc(p)?;
    std::mem::forget(a);
    Ok(1)
}

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

/// Like [`cstr`] but keeps raw bytes (paths, names that need not be UTF-8).
pub fn cstr_bytes<'a>(p: *const c_char) -> Result<&'a [u8], Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: as in `cstr`.
    Ok(unsafe { CStr::from_ptr(p) }.to_bytes())
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

/// A C function pointer stored as an opaque, `Send` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ptr(pub *mut std::ffi::c_void);
// SAFETY: `Ptr` is an opaque token (callback argument or ex_data) only ever
// handed back to C; Rust never dereferences it.
unsafe impl Send for Ptr {}
// SAFETY: as above.
unsafe impl Sync for Ptr {}
impl Default for Ptr {
    fn default() -> Self {
        Ptr(std::ptr::null_mut())
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

/// `read(2)` / `recv(2)` on a descriptor, keeping `errno` for the caller.
pub fn fd_read(fd: c_int, buf: &mut [u8], socket: bool) -> c_int {
    loop {
        // SAFETY: `buf` is a valid writable slice; the kernel checks `fd`.
        let r = unsafe {
            if socket {
                libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0)
            } else {
                libc::read(fd, buf.as_mut_ptr().cast(), buf.len())
            }
        };
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        return r as c_int;
    }
}

/// `write(2)` / `send(2, MSG_NOSIGNAL)`: a closed peer is `EPIPE`, never SIGPIPE.
pub fn fd_write(fd: c_int, buf: &[u8], socket: bool) -> c_int {
    loop {
        // SAFETY: `buf` is a valid readable slice; the kernel checks `fd`.
        let r = unsafe {
            if socket {
                libc::send(fd, buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL)
            } else {
                libc::write(fd, buf.as_ptr().cast(), buf.len())
            }
        };
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        return r as c_int;
    }
}

pub fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

pub fn set_errno(v: c_int) {
    // SAFETY: `__errno_location` returns this thread's errno slot.
    unsafe { *libc::__errno_location() = v }
}

/// Whether `fd` has input (or EOF, or an error) waiting right now; never blocks.
pub fn fd_readable_now(fd: c_int) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd and a zero timeout; the kernel checks `fd`.
    unsafe { libc::poll(&mut p, 1, 0) == 1 }
}

pub fn errno_is_retriable() -> bool {
    matches!(
        errno(),
        libc::EAGAIN | libc::EINTR | libc::EINPROGRESS | libc::EALREADY | libc::ENOTCONN
    ) || errno() == libc::EWOULDBLOCK
}

pub fn last_io_error() -> std::io::Error {
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(0) {
        std::io::Error::new(std::io::ErrorKind::Other, "BIO error")
    } else {
        e
    }
}

pub fn set_nonblocking(fd: c_int, on: bool) -> bool {
    // SAFETY: fcntl on an integer descriptor; the kernel validates it.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let flags = if on {
            flags | libc::O_NONBLOCK
        } else {
            flags & !libc::O_NONBLOCK
        };
        libc::fcntl(fd, libc::F_SETFL, flags) == 0
    }
}

pub fn close_fd(fd: c_int) {
    // SAFETY: the BIO owned `fd` (BIO_CLOSE) and closes it once, at drop.
    unsafe {
        libc::close(fd);
    }
}

/// Writes all of `data` to a C `FILE*`.
pub fn fwrite_all(fp: *mut libc::FILE, data: &[u8]) {
    // SAFETY: C passed a valid, open `FILE*`; `data` is a valid slice.
    unsafe {
        libc::fwrite(data.as_ptr().cast(), 1, data.len(), fp);
    }
}

/// Frees a `Box` handed to C (NULL: no-op).
pub fn free_box<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: `p` came from `Box::into_raw` and C gives it back once.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// The servername callback given to `SSL_CTX_callback_ctrl` as a generic
/// `void (*)(void)`, back at its real type.
pub fn servername_cb_from_generic(f: extern "C" fn()) -> crate::ssl::context::SSL_servername_cb {
    // SAFETY: OpenSSL's contract for SSL_CTRL_SET_TLSEXT_SERVERNAME_CB: the
    // caller passes an `int (*)(SSL *, int *, void *)` cast to `void (*)(void)`.
    Some(unsafe {
        std::mem::transmute::<
            extern "C" fn(),
            extern "C" fn(
                *mut crate::ssl::connection::SSL,
                *mut c_int,
                *mut std::ffi::c_void,
            ) -> c_int,
        >(f)
    })
}

/// Runs `f` on `*p`, an object C lends mutably for this call.
pub fn with_mut<T>(p: *mut T, f: impl FnOnce(&mut T)) {
    if !p.is_null() {
        // SAFETY: C passes a live, exclusive pointer for this call (here: the
        // X509_STORE_CTX we handed to a verify callback on this thread).
        f(unsafe { &mut *p })
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

/// A `*const T` that may cross threads: a reference to a C-owned object
/// whose owner guarantees it outlives its users (e.g. a BIO_METHOD).
pub struct SharedPtr<T>(pub *const T);
// SAFETY: only used for `Sync` pointees (`bio_method_st`), read-only.
unsafe impl<T: Sync> Send for SharedPtr<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for SharedPtr<T> {}
