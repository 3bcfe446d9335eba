//! `bio.h`: BIOs: memory, socket, fd, file and null BIOs, chains and user-defined methods.

use crate::abi::consts::BIO_CLOSE;
use crate::abi::reasons::{BIO_R_NO_SUCH_FILE, ERR_LIB_BIO, ERR_R_SYS_LIB};
use crate::crypto::bio::{self, bio_method_st, bio_st, BIO, BIO_METHOD};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_void};
use std::os::fd::IntoRawFd;
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicI32, Ordering};

// ---------------------------------------------------------------------------
// File BIOs.

/// `fopen` mode to open(2) options; `None` for an invalid mode.
fn open_options(mode: &[u8]) -> Option<std::fs::OpenOptions> {
    let plus = mode.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    match mode.first()? {
        b'r' => o.read(true).write(plus),
        b'w' => o.write(true).create(true).truncate(true).read(plus),
        b'a' => o.append(true).create(true).read(plus),
        _ => return None,
    };
    Some(o)
}

/// BIO_new_file opens `filename` with `fopen`-style `mode` ("r", "w", "a",
/// with optional "+" and "b") and returns a new BIO reading/writing it,
/// closing the file when freed. NULL on error, with a system error
/// ("calling fopen(name, mode)") and `BIO_R_NO_SUCH_FILE` (missing file) or
/// `ERR_R_SYS_LIB` queued, as OpenSSL does.
#[no_mangle]
pub extern "C" fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO {
    ffi_boundary!("BIO_new_file", {
        let name = ffi::cstr_bytes(filename)?;
        let mode_s = ffi::cstr_bytes(mode)?;
        let opts = open_options(mode_s).ok_or_else(|| Error::invalid_argument("bad fopen mode"))?;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(name));
        match opts.open(path) {
            Ok(f) => Ok(ffi::into_raw(bio_st::new_fd(
                f.into_raw_fd(),
                BIO_CLOSE,
                false,
            ))),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                let what = format!(
                    "calling fopen({}, {})",
                    String::from_utf8_lossy(name),
                    String::from_utf8_lossy(mode_s)
                );
                Error::system(errno).data(&what).push("BIO_new_file");
                Err(if matches!(errno, libc::ENOENT | libc::ENXIO) {
                    Error::new(ERR_LIB_BIO, BIO_R_NO_SUCH_FILE)
                } else {
                    Error::new(ERR_LIB_BIO, ERR_R_SYS_LIB)
                })
            }
        }
    })
}

/// BIO_s_file returns the stdio FILE BIO method: `BIO_new(BIO_s_file())`
/// gives an unattached BIO for `BIO_read_filename`/`BIO_write_filename`/
/// `BIO_append_filename` (`BIO_C_SET_FILENAME`) or `BIO_set_fp`.
#[no_mangle]
pub extern "C" fn BIO_s_file() -> *const BIO_METHOD {
    ffi_boundary!("BIO_s_file", {
        Ok(&*bio::FILE_METHOD as *const BIO_METHOD)
    })
}

/// BIO_new_fp returns a BIO reading and writing the stdio stream `stream`
/// (through `fread`/`fwrite`, so it shares the stream's buffer with the
/// program's own stdio calls); `close_flag` `BIO_CLOSE` closes the stream with
/// the BIO. NULL and an error if `stream` is NULL.
#[no_mangle]
pub extern "C" fn BIO_new_fp(stream: *mut libc::FILE, close_flag: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_fp", {
        if stream.is_null() {
            return Err(Error::null_pointer());
        }
        Ok(ffi::into_raw(bio_st::new_file(
            ffi::CFile(stream),
            close_flag & BIO_CLOSE,
        )))
    })
}

/// BIO_s_mem returns the static memory BIO method.
#[no_mangle]
pub extern "C" fn BIO_s_mem() -> *const BIO_METHOD {
    ffi_boundary!("BIO_s_mem", { Ok(&*bio::MEM_METHOD as *const BIO_METHOD) })
}

/// BIO_s_socket returns the static socket BIO method.
#[no_mangle]
pub extern "C" fn BIO_s_socket() -> *const BIO_METHOD {
    ffi_boundary!("BIO_s_socket", {
        Ok(&*bio::SOCKET_METHOD as *const BIO_METHOD)
    })
}

/// BIO_s_fd returns the static file-descriptor BIO method.
#[no_mangle]
pub extern "C" fn BIO_s_fd() -> *const BIO_METHOD {
    ffi_boundary!("BIO_s_fd", { Ok(&*bio::FD_METHOD as *const BIO_METHOD) })
}

/// BIO_s_null returns the static null BIO method (writes vanish, reads EOF).
#[no_mangle]
pub extern "C" fn BIO_s_null() -> *const BIO_METHOD {
    ffi_boundary!("BIO_s_null", {
        Ok(&*bio::NULL_METHOD as *const BIO_METHOD)
    })
}

/// BIO_new makes a BIO of `method`; for a user method its create callback
/// runs first. Returns NULL on failure. The caller owns one reference.
#[no_mangle]
pub extern "C" fn BIO_new(method: *const BIO_METHOD) -> *mut BIO {
    ffi_boundary!("BIO_new", {
        let m = ffi::borrow(method)?;
        bio_st::new(m)
    })
}

/// BIO_new_mem_buf makes a read-only memory BIO over a copy of `buf`
/// (`len` -1: `buf` is a NUL-terminated string). At its end it reads EOF.
#[no_mangle]
pub extern "C" fn BIO_new_mem_buf(buf: *const c_void, len: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_mem_buf", {
        let data = if len < 0 {
            ffi::cstr_bytes(buf as *const c_char)?
        } else {
            ffi::slice(buf as *const u8, len)?
        };
        Ok(ffi::into_raw(bio_st::new_mem_buf(data)))
    })
}

/// BIO_new_socket makes a socket BIO on `sock`, closing it on free when
/// `close_flag` is BIO_CLOSE.
#[no_mangle]
pub extern "C" fn BIO_new_socket(sock: c_int, close_flag: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_socket", {
        Ok(ffi::into_raw(bio_st::new_fd(sock, close_flag, true)))
    })
}

/// BIO_new_fd makes a file-descriptor BIO on `fd`.
#[no_mangle]
pub extern "C" fn BIO_new_fd(fd: c_int, close_flag: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_fd", {
        Ok(ffi::into_raw(bio_st::new_fd(fd, close_flag, false)))
    })
}

/// BIO_new_bio_pair makes two connected BIOs; what one writes the other
/// reads. Buffer sizes of 0 mean the default (17 KiB). Returns 1, or 0 with
/// both outputs NULL.
#[no_mangle]
pub extern "C" fn BIO_new_bio_pair(
    bio1: *mut *mut BIO,
    size1: usize,
    bio2: *mut *mut BIO,
    size2: usize,
) -> c_int {
    ffi_boundary!("BIO_new_bio_pair", {
        if bio1.is_null() || bio2.is_null() {
            return Err(Error::null_pointer());
        }
        let (a, b) = bio_st::new_pair(size1, size2);
        ffi::write_out(bio1, ffi::into_raw(a));
        ffi::write_out(bio2, ffi::into_raw(b));
        Ok(1)
    })
}

/// BIO_free drops one reference; the last one runs the destroy callback
/// (user methods) or closes the descriptor (BIO_CLOSE). Returns 1, or 0
/// for NULL.
#[no_mangle]
pub extern "C" fn BIO_free(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_free", {
        if b.is_null() {
            return Ok(0);
        }
        ffi::release(b);
        Ok(1)
    })
}

/// BIO_free_all frees `b` and the BIOs chained after it (BIO_push), stopping
/// after a BIO that still had other references.
#[no_mangle]
pub extern "C" fn BIO_free_all(b: *mut BIO) {
    ffi_boundary!("BIO_free_all", {
        let mut cur = b;
        while !cur.is_null() {
            let bio = ffi::clone_arc(cur)?;
            let others = std::sync::Arc::strong_count(&bio) - 1;
            let next = bio.next_ptr();
            drop(bio);
            ffi::release(cur);
            if others > 1 {
                break;
            }
            cur = next;
        }
        Ok(())
    })
}

/// BIO_vfree is BIO_free without a result.
#[no_mangle]
pub extern "C" fn BIO_vfree(b: *mut BIO) {
    BIO_free(b);
}

/// BIO_up_ref adds a reference. Returns 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_up_ref(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_up_ref", { ffi::up_ref(b) })
}

/// BIO_read reads up to `len` bytes: the count, 0 at EOF, or -1 with the
/// retry flags telling whether to try again (-2: not supported).
#[no_mangle]
pub extern "C" fn BIO_read(b: *mut BIO, data: *mut c_void, len: c_int) -> c_int {
    ffi_boundary!("BIO_read", -1, {
        let bio = ffi::borrow(b)?;
        let buf = ffi::slice_mut(data as *mut u8, len)?;
        Ok(if buf.is_empty() { 0 } else { bio.read(buf) })
    })
}

/// BIO_write writes up to `len` bytes: the count or <= 0 with the retry flags set.
#[no_mangle]
pub extern "C" fn BIO_write(b: *mut BIO, data: *const c_void, len: c_int) -> c_int {
    ffi_boundary!("BIO_write", -1, {
        let bio = ffi::borrow(b)?;
        let buf = ffi::slice(data as *const u8, len)?;
        Ok(if buf.is_empty() { 0 } else { bio.write(buf) })
    })
}

/// BIO_read_ex reads into `data`, storing the count in `*readbytes`; 1 on success.
#[no_mangle]
pub extern "C" fn BIO_read_ex(
    b: *mut BIO,
    data: *mut c_void,
    len: usize,
    readbytes: *mut usize,
) -> c_int {
    ffi_boundary!("BIO_read_ex", {
        let bio = ffi::borrow(b)?;
        let buf = ffi::slice_mut_usize(data as *mut u8, len)?;
        let n = bio.read(buf);
        ffi::write_out(readbytes, n.max(0) as usize);
        Ok((n > 0) as c_int)
    })
}

/// BIO_write_ex writes `data`, storing the count in `*written`; 1 on success.
#[no_mangle]
pub extern "C" fn BIO_write_ex(
    b: *mut BIO,
    data: *const c_void,
    len: usize,
    written: *mut usize,
) -> c_int {
    ffi_boundary!("BIO_write_ex", {
        let bio = ffi::borrow(b)?;
        let buf = ffi::slice_usize(data as *const u8, len)?;
        let n = if buf.is_empty() { 0 } else { bio.write(buf) };
        ffi::write_out(written, n.max(0) as usize);
        Ok((n > 0 || buf.is_empty()) as c_int)
    })
}

/// BIO_puts writes a NUL-terminated string; returns the count or <= 0.
#[no_mangle]
pub extern "C" fn BIO_puts(b: *mut BIO, s: *const c_char) -> c_int {
    ffi_boundary!("BIO_puts", -1, {
        let bio = ffi::borrow(b)?;
        Ok(bio.puts(ffi::cstr_bytes(s)?))
    })
}

/// BIO_gets reads one line of at most `size - 1` bytes, NUL-terminated;
/// returns its length, 0 at EOF, or < 0.
#[no_mangle]
pub extern "C" fn BIO_gets(b: *mut BIO, buf: *mut c_char, size: c_int) -> c_int {
    ffi_boundary!("BIO_gets", -1, {
        let bio = ffi::borrow(b)?;
        if size < 0 {
            return Err(Error::invalid_argument("negative size"));
        }
        if let Some(r) = bio.user_gets(buf, size) {
            return Ok(r);
        }
        let buf = ffi::slice_mut(buf as *mut u8, size)?;
        Ok(bio.gets(buf))
    })
}

/// BIO_ctrl runs control command `cmd` (BIO_CTRL_*, BIO_C_*): what it
/// returns depends on the command; unknown commands return 0.
#[no_mangle]
pub extern "C" fn BIO_ctrl(b: *mut BIO, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    ffi_boundary!("BIO_ctrl", {
        let bio = ffi::borrow(b)?;
        Ok(bio.ctrl(cmd, larg, parg))
    })
}

/// BIO_int_ctrl is BIO_ctrl with an int passed by pointer.
#[no_mangle]
pub extern "C" fn BIO_int_ctrl(b: *mut BIO, cmd: c_int, larg: c_long, iarg: c_int) -> c_long {
    ffi_boundary!("BIO_int_ctrl", {
        let mut i = iarg;
        Ok(BIO_ctrl(b, cmd, larg, &mut i as *mut c_int as *mut c_void))
    })
}

/// BIO_ctrl_pending returns the bytes waiting to be read.
#[no_mangle]
pub extern "C" fn BIO_ctrl_pending(b: *mut BIO) -> usize {
    ffi_boundary!("BIO_ctrl_pending", { Ok(ffi::borrow(b)?.pending()) })
}

/// BIO_ctrl_wpending returns the bytes waiting to be written.
#[no_mangle]
pub extern "C" fn BIO_ctrl_wpending(b: *mut BIO) -> usize {
    ffi_boundary!("BIO_ctrl_wpending", {
        Ok(ffi::borrow(b)?
            .ctrl(
                crate::abi::consts::BIO_CTRL_WPENDING,
                0,
                std::ptr::null_mut(),
            )
            .max(0) as usize)
    })
}

/// BIO_ctrl_get_write_guarantee returns how many bytes a pair BIO accepts now.
#[no_mangle]
pub extern "C" fn BIO_ctrl_get_write_guarantee(b: *mut BIO) -> usize {
    ffi_boundary!("BIO_ctrl_get_write_guarantee", {
        Ok(ffi::borrow(b)?
            .ctrl(
                crate::abi::consts::BIO_C_GET_WRITE_GUARANTEE,
                0,
                std::ptr::null_mut(),
            )
            .max(0) as usize)
    })
}

/// BIO_set_flags ORs `flags` into the BIO's flags.
#[no_mangle]
pub extern "C" fn BIO_set_flags(b: *mut BIO, flags: c_int) {
    ffi_boundary!("BIO_set_flags", {
        ffi::borrow(b)?.set_flags(flags);
        Ok(())
    })
}

/// BIO_clear_flags clears `flags`.
#[no_mangle]
pub extern "C" fn BIO_clear_flags(b: *mut BIO, flags: c_int) {
    ffi_boundary!("BIO_clear_flags", {
        ffi::borrow(b)?.clear_flags(flags);
        Ok(())
    })
}

/// BIO_test_flags returns the BIO's flags masked with `flags`.
#[no_mangle]
pub extern "C" fn BIO_test_flags(b: *const BIO, flags: c_int) -> c_int {
    ffi_boundary!("BIO_test_flags", { Ok(ffi::borrow(b)?.flags() & flags) })
}

/// BIO_get_retry_reason returns why the last operation should be retried.
#[no_mangle]
pub extern "C" fn BIO_get_retry_reason(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_get_retry_reason", {
        Ok(ffi::borrow(b)?.retry_reason())
    })
}

/// BIO_set_retry_reason records why the last operation should be retried.
#[no_mangle]
pub extern "C" fn BIO_set_retry_reason(b: *mut BIO, reason: c_int) {
    ffi_boundary!("BIO_set_retry_reason", {
        ffi::borrow(b)?.set_retry_reason(reason);
        Ok(())
    })
}

/// BIO_set_data stores the user pointer of a (user-method) BIO.
#[no_mangle]
pub extern "C" fn BIO_set_data(b: *mut BIO, ptr: *mut c_void) {
    ffi_boundary!("BIO_set_data", {
        ffi::borrow(b)?.set_data(ptr);
        Ok(())
    })
}

/// BIO_get_data returns the user pointer (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_get_data(b: *mut BIO) -> *mut c_void {
    ffi_boundary!("BIO_get_data", { Ok(ffi::borrow(b)?.data()) })
}

/// BIO_set_init marks the BIO initialised (1) or not (0).
#[no_mangle]
pub extern "C" fn BIO_set_init(b: *mut BIO, init: c_int) {
    ffi_boundary!("BIO_set_init", {
        ffi::borrow(b)?.set_init(init);
        Ok(())
    })
}

/// BIO_get_init returns the init flag.
#[no_mangle]
pub extern "C" fn BIO_get_init(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_get_init", { Ok(ffi::borrow(b)?.init()) })
}

/// BIO_set_shutdown sets the close-on-free flag.
#[no_mangle]
pub extern "C" fn BIO_set_shutdown(b: *mut BIO, shut: c_int) {
    ffi_boundary!("BIO_set_shutdown", {
        ffi::borrow(b)?.set_shutdown_flag(shut);
        Ok(())
    })
}

/// BIO_get_shutdown returns the close-on-free flag.
#[no_mangle]
pub extern "C" fn BIO_get_shutdown(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_get_shutdown", { Ok(ffi::borrow(b)?.shutdown_flag()) })
}

/// BIO_method_type returns the type of the BIO's method.
#[no_mangle]
pub extern "C" fn BIO_method_type(b: *const BIO) -> c_int {
    ffi_boundary!("BIO_method_type", {
        let bio = ffi::borrow(b)?;
        // A BIO without a method has type 0 (BIO_TYPE_NONE), not an error.
        Ok(ffi::borrow(bio.method()).map_or(0, |m| m.kind()))
    })
}

/// BIO_get_new_index returns a fresh BIO type index for user methods.
#[no_mangle]
pub extern "C" fn BIO_get_new_index() -> c_int {
    ffi_boundary!("BIO_get_new_index", -1, {
        static NEXT: AtomicI32 = AtomicI32::new(crate::abi::consts::BIO_TYPE_START);
        Ok(NEXT.fetch_add(1, Ordering::Relaxed) + 1)
    })
}

/// BIO_meth_new makes a user BIO_METHOD of `type` and `name`; the caller
/// frees it with BIO_meth_free after its last BIO is gone.
#[no_mangle]
pub extern "C" fn BIO_meth_new(kind: c_int, name: *const c_char) -> *mut BIO_METHOD {
    ffi_boundary!("BIO_meth_new", {
        let name = if name.is_null() {
            &b""[..]
        } else {
            ffi::cstr_bytes(name)?
        };
        Ok(Box::into_raw(Box::new(bio_method_st::user(kind, name))))
    })
}

/// BIO_meth_free frees a method made by BIO_meth_new (NULL: no-op).
#[no_mangle]
pub extern "C" fn BIO_meth_free(m: *mut BIO_METHOD) {
    ffi_boundary!("BIO_meth_free", {
        ffi::free_box(m);
        Ok(())
    })
}

/// BIO_meth_set_write sets the `write` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_write(m: *mut BIO_METHOD, f: bio::BioWriteFn) -> c_int {
    ffi_boundary!("BIO_meth_set_write", {
        ffi::borrow(m)?.set(|fns| fns.write = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_read sets the `read` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_read(m: *mut BIO_METHOD, f: bio::BioReadFn) -> c_int {
    ffi_boundary!("BIO_meth_set_read", {
        ffi::borrow(m)?.set(|fns| fns.read = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_puts sets the `puts` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_puts(m: *mut BIO_METHOD, f: bio::BioPutsFn) -> c_int {
    ffi_boundary!("BIO_meth_set_puts", {
        ffi::borrow(m)?.set(|fns| fns.puts = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_gets sets the `gets` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_gets(m: *mut BIO_METHOD, f: bio::BioGetsFn) -> c_int {
    ffi_boundary!("BIO_meth_set_gets", {
        ffi::borrow(m)?.set(|fns| fns.gets = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_ctrl sets the `ctrl` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_ctrl(m: *mut BIO_METHOD, f: bio::BioCtrlFn) -> c_int {
    ffi_boundary!("BIO_meth_set_ctrl", {
        ffi::borrow(m)?.set(|fns| fns.ctrl = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_create sets the `create` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_create(m: *mut BIO_METHOD, f: bio::BioCreateFn) -> c_int {
    ffi_boundary!("BIO_meth_set_create", {
        ffi::borrow(m)?.set(|fns| fns.create = f)?;
        Ok(1)
    })
}

/// BIO_meth_set_destroy sets the `destroy` callback of a user BIO_METHOD; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_meth_set_destroy(m: *mut BIO_METHOD, f: bio::BioDestroyFn) -> c_int {
    ffi_boundary!("BIO_meth_set_destroy", {
        ffi::borrow(m)?.set(|fns| fns.destroy = f)?;
        Ok(1)
    })
}

/// BIO_next returns the BIO after `b` in its chain (NULL if none, or for NULL).
#[no_mangle]
pub extern "C" fn BIO_next(b: *mut BIO) -> *mut BIO {
    ffi_boundary!("BIO_next", {
        if b.is_null() {
            return Ok(std::ptr::null_mut());
        }
        Ok(ffi::borrow(b)?.next_ptr())
    })
}

/// BIO_push appends `append` (may be NULL) after the last BIO of `b`'s chain and
/// returns `b` (`append` if `b` is NULL). The chain holds no references: each BIO
/// is freed by its owner, or the whole chain by BIO_free_all.
#[no_mangle]
pub extern "C" fn BIO_push(b: *mut BIO, append: *mut BIO) -> *mut BIO {
    ffi_boundary!("BIO_push", {
        if b.is_null() {
            return Ok(append);
        }
        ffi::borrow(b)?.push(append);
        Ok(b)
    })
}

/// BIO_pop takes `b` out of its chain (joining its neighbours) and returns the
/// BIO that followed it (NULL if none, or for NULL).
#[no_mangle]
pub extern "C" fn BIO_pop(b: *mut BIO) -> *mut BIO {
    ffi_boundary!("BIO_pop", {
        if b.is_null() {
            return Ok(std::ptr::null_mut());
        }
        Ok(ffi::borrow(b)?.pop())
    })
}

/// BIO_copy_next_retry copies the retry flags and reason of the BIO after `b` to `b`.
#[no_mangle]
pub extern "C" fn BIO_copy_next_retry(b: *mut BIO) {
    ffi_boundary!("BIO_copy_next_retry", {
        ffi::borrow(b)?.copy_next_retry();
        Ok(())
    })
}

/// BIO_find_type returns the first BIO of `b`'s chain (from `b`) whose method type
/// is `bio_type` (a type without its class bits matches on those bits alone, as
/// OpenSSL); NULL if none (and an error for a NULL `b`).
#[no_mangle]
pub extern "C" fn BIO_find_type(b: *mut BIO, bio_type: c_int) -> *mut BIO {
    ffi_boundary!("BIO_find_type", {
        ffi::borrow(b)?;
        let mut cur = b;
        while let Ok(bio) = ffi::borrow(cur) {
            let mt = ffi::borrow(bio.method()).map_or(0, |m| m.kind());
            let hit = if bio_type & 0xff == 0 {
                mt & bio_type != 0
            } else {
                mt == bio_type
            };
            if hit {
                return Ok(cur);
            }
            cur = bio.next_ptr();
        }
        Ok(std::ptr::null_mut())
    })
}

/// BIO_sock_should_retry says whether the last socket result `i` is a retry.
#[no_mangle]
pub extern "C" fn BIO_sock_should_retry(i: c_int) -> c_int {
    ffi_boundary!("BIO_sock_should_retry", {
        Ok((i <= 0 && ffi::errno_is_retriable()) as c_int)
    })
}

/// BIO_sock_non_fatal_error says whether `errno` is a retry condition.
#[no_mangle]
pub extern "C" fn BIO_sock_non_fatal_error(err: c_int) -> c_int {
    ffi_boundary!("BIO_sock_non_fatal_error", {
        Ok(matches!(
            err,
            libc::EAGAIN | libc::EINTR | libc::EINPROGRESS | libc::EALREADY | libc::ENOTCONN
        ) as c_int)
    })
}

// ---------------------------------------------------------------------------
// BIO_meth_get_*: a method's callbacks, for a user method that borrows some
// (libpq builds its socket BIO from BIO_s_socket()'s ctrl/create/destroy/puts).
// The built-in socket and fd methods answer with functions that run their
// behaviour on any BIO (the descriptor is the BIO's `num`, set by BIO_set_fd);
// the other built-ins (memory, pair, null) have no borrowable callbacks: NULL.

fn fd_read_shim<const SOCKET: bool>(b: *mut BIO, buf: *mut c_char, len: c_int) -> c_int {
    ffi_boundary!("BIO_meth_get_read", -1, {
        let b = ffi::borrow(b)?;
        Ok(b.fd_method_read(ffi::slice_mut(buf as *mut u8, len)?, SOCKET))
    })
}
extern "C" fn sock_read(b: *mut BIO, buf: *mut c_char, len: c_int) -> c_int {
    fd_read_shim::<true>(b, buf, len)
}
extern "C" fn fd_read(b: *mut BIO, buf: *mut c_char, len: c_int) -> c_int {
    fd_read_shim::<false>(b, buf, len)
}

fn fd_write_shim<const SOCKET: bool>(b: *mut BIO, buf: *const c_char, len: c_int) -> c_int {
    ffi_boundary!("BIO_meth_get_write", -1, {
        let b = ffi::borrow(b)?;
        Ok(b.fd_method_write(ffi::slice(buf as *const u8, len)?, SOCKET))
    })
}
extern "C" fn sock_write(b: *mut BIO, buf: *const c_char, len: c_int) -> c_int {
    fd_write_shim::<true>(b, buf, len)
}
extern "C" fn fd_write(b: *mut BIO, buf: *const c_char, len: c_int) -> c_int {
    fd_write_shim::<false>(b, buf, len)
}

fn fd_puts_shim<const SOCKET: bool>(b: *mut BIO, s: *const c_char) -> c_int {
    ffi_boundary!("BIO_meth_get_puts", -1, {
        let b = ffi::borrow(b)?;
        Ok(b.fd_method_write(ffi::cstr_bytes(s)?, SOCKET))
    })
}
extern "C" fn sock_puts(b: *mut BIO, s: *const c_char) -> c_int {
    fd_puts_shim::<true>(b, s)
}
extern "C" fn fd_puts(b: *mut BIO, s: *const c_char) -> c_int {
    fd_puts_shim::<false>(b, s)
}

extern "C" fn fd_ctrl(b: *mut BIO, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    ffi_boundary!("BIO_meth_get_ctrl", {
        Ok(ffi::borrow(b)?.fd_method_ctrl(cmd, larg, parg))
    })
}
extern "C" fn fd_create(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_meth_get_create", {
        Ok(ffi::borrow(b)?.fd_method_create())
    })
}
extern "C" fn fd_destroy(b: *mut BIO) -> c_int {
    ffi_boundary!("BIO_meth_get_destroy", {
        Ok(ffi::borrow(b)?.fd_method_destroy())
    })
}

/// The callbacks `m` answers BIO_meth_get_* with.
fn meth_fns(m: *const BIO_METHOD) -> Result<bio::MethodFns, Error> {
    let m = ffi::borrow(m)?;
    let socket = match m.builtin_kind() {
        None => return Ok(m.user_fns()),
        Some(bio::Builtin::Socket) => true,
        Some(bio::Builtin::Fd) => false,
        Some(_) => return Ok(bio::MethodFns::default()),
    };
    Ok(bio::MethodFns {
        write: Some(if socket { sock_write } else { fd_write }),
        read: Some(if socket { sock_read } else { fd_read }),
        puts: Some(if socket { sock_puts } else { fd_puts }),
        gets: None,
        ctrl: Some(fd_ctrl),
        create: Some(fd_create),
        destroy: Some(fd_destroy),
    })
}

/// BIO_meth_get_write returns `m`'s write callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_write(m: *const BIO_METHOD) -> bio::BioWriteFn {
    ffi_boundary!("BIO_meth_get_write", None, { Ok(meth_fns(m)?.write) })
}

/// BIO_meth_get_read returns `m`'s read callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_read(m: *const BIO_METHOD) -> bio::BioReadFn {
    ffi_boundary!("BIO_meth_get_read", None, { Ok(meth_fns(m)?.read) })
}

/// BIO_meth_get_puts returns `m`'s puts callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_puts(m: *const BIO_METHOD) -> bio::BioPutsFn {
    ffi_boundary!("BIO_meth_get_puts", None, { Ok(meth_fns(m)?.puts) })
}

/// BIO_meth_get_gets returns `m`'s gets callback (NULL if none: the socket and
/// fd methods have none, as in OpenSSL).
#[no_mangle]
pub extern "C" fn BIO_meth_get_gets(m: *const BIO_METHOD) -> bio::BioGetsFn {
    ffi_boundary!("BIO_meth_get_gets", None, { Ok(meth_fns(m)?.gets) })
}

/// BIO_meth_get_ctrl returns `m`'s ctrl callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_ctrl(m: *const BIO_METHOD) -> bio::BioCtrlFn {
    ffi_boundary!("BIO_meth_get_ctrl", None, { Ok(meth_fns(m)?.ctrl) })
}

/// BIO_meth_get_create returns `m`'s create callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_create(m: *const BIO_METHOD) -> bio::BioCreateFn {
    ffi_boundary!("BIO_meth_get_create", None, { Ok(meth_fns(m)?.create) })
}

/// BIO_meth_get_destroy returns `m`'s destroy callback (NULL if none).
#[no_mangle]
pub extern "C" fn BIO_meth_get_destroy(m: *const BIO_METHOD) -> bio::BioDestroyFn {
    ffi_boundary!("BIO_meth_get_destroy", None, { Ok(meth_fns(m)?.destroy) })
}

/// BIO_meth_get_callback_ctrl returns NULL: ferrossl's methods have no
/// callback_ctrl (neither have OpenSSL's socket and fd methods).
#[no_mangle]
pub extern "C" fn BIO_meth_get_callback_ctrl(
    m: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, c_int, *mut c_void) -> c_long> {
    ffi_boundary!("BIO_meth_get_callback_ctrl", None, {
        ffi::borrow(m)?;
        Ok(None)
    })
}

/// BIO_meth_set_callback_ctrl accepts NULL (1), what BIO_meth_get_callback_ctrl
/// gives; ferrossl never calls a callback_ctrl, so a non-NULL one fails (0).
#[no_mangle]
pub extern "C" fn BIO_meth_set_callback_ctrl(
    m: *mut BIO_METHOD,
    f: Option<unsafe extern "C" fn(*mut BIO, c_int, *mut c_void) -> c_long>,
) -> c_int {
    ffi_boundary!("BIO_meth_set_callback_ctrl", {
        ffi::borrow(m)?;
        match f {
            None => Ok(1),
            Some(_) => Err(Error::unsupported("BIO_meth_set_callback_ctrl")),
        }
    })
}

/// BIO_set_ex_data stores `data` in slot `idx` of `b` (BIO_set_app_data: slot 0);
/// 1, or 0 on error.
#[no_mangle]
pub extern "C" fn BIO_set_ex_data(b: *mut BIO, idx: c_int, data: *mut c_void) -> c_int {
    ffi_boundary!("BIO_set_ex_data", {
        Ok(ffi::borrow(b)?.ex_data.set(idx, data) as c_int)
    })
}

/// BIO_get_ex_data returns slot `idx` of `b` (NULL if unset).
#[no_mangle]
pub extern "C" fn BIO_get_ex_data(b: *const BIO, idx: c_int) -> *mut c_void {
    ffi_boundary!("BIO_get_ex_data", { Ok(ffi::borrow(b)?.ex_data.get(idx)) })
}

/// BIO_dump_indent writes `len` bytes at `bytes` to `b` as OpenSSL 3's hex
/// dump (offset, sixteen hex bytes less one per four columns of indent past
/// six, their printable characters), each line indented `indent` (0 to 64)
/// columns. Returns the number of bytes written, or -1.
#[no_mangle]
pub extern "C" fn BIO_dump_indent(
    b: *mut BIO,
    bytes: *const u8,
    len: c_int,
    indent: c_int,
) -> c_int {
    ffi_boundary!("BIO_dump_indent", -1, {
        let bio = ffi::borrow(b)?;
        let data = ffi::slice(bytes, len)?;
        let text = crate::crypto::x509::print::dump_indent(data, indent);
        if !bio.write_all(&text) {
            return Ok(-1);
        }
        Ok(text.len() as c_int)
    })
}

/// BIO_dump is `BIO_dump_indent(b, bytes, len, 0)`.
#[no_mangle]
pub extern "C" fn BIO_dump(b: *mut BIO, bytes: *const u8, len: c_int) -> c_int {
    BIO_dump_indent(b, bytes, len, 0)
}

/// BIO_dump_indent_fp is `BIO_dump_indent` to a stdio stream.
#[no_mangle]
pub extern "C" fn BIO_dump_indent_fp(
    fp: *mut libc::FILE,
    s: *const u8,
    len: c_int,
    indent: c_int,
) -> c_int {
    ffi_boundary!("BIO_dump_indent_fp", -1, {
        crate::entry::crypto::x509v3::with_fp(fp, |b| BIO_dump_indent(b, s, len, indent))
    })
}

/// BIO_dump_fp is `BIO_dump` to a stdio stream.
#[no_mangle]
pub extern "C" fn BIO_dump_fp(fp: *mut libc::FILE, s: *const u8, len: c_int) -> c_int {
    BIO_dump_indent_fp(fp, s, len, 0)
}

/// BIO_set_next links `next` after `b` without taking a reference (what a
/// filter's `ctrl` does when it splices a chain, as `BIO_f_ssl` does).
#[no_mangle]
pub extern "C" fn BIO_set_next(b: *mut BIO, next: *mut BIO) {
    ffi_boundary!("BIO_set_next", {
        ffi::borrow(b)?.set_next(next);
        Ok(())
    })
}
