//! `err.h`: the ERR queue: reading, printing and pushing errors.

use crate::crypto::bio::BIO;
use crate::crypto::err::{self, Entry, Error};
use crate::ffi;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_ulong, c_void};

thread_local! {
    static STRING_BUF: RefCell<[u8; 256]> = const { RefCell::new([0; 256]) };
}

/// ERR_get_error removes the oldest entry of this thread's queue and
/// returns its code, or 0 when the queue is empty.
#[no_mangle]
pub extern "C" fn ERR_get_error() -> c_ulong {
    ffi_boundary!("ERR_get_error", {
        Ok(err::pop_front().map(|e| e.code).unwrap_or(0))
    })
}

/// ERR_peek_error returns the oldest code without removing it (0: empty).
#[no_mangle]
pub extern "C" fn ERR_peek_error() -> c_ulong {
    ffi_boundary!("ERR_peek_error", {
        Ok(err::peek_front().map(|e| e.code).unwrap_or(0))
    })
}

/// ERR_peek_last_error returns the newest code without removing it (0: empty).
#[no_mangle]
pub extern "C" fn ERR_peek_last_error() -> c_ulong {
    ffi_boundary!("ERR_peek_last_error", {
        Ok(err::peek_back().map(|e| e.code).unwrap_or(0))
    })
}

fn out_entry(
    e: Option<Entry>,
    file: *mut *const c_char,
    line: *mut c_int,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    ffi::write_out(file, c"ferrossl".as_ptr());
    ffi::write_out(line, 0);
    // Data strings must outlive the call: they are kept per thread until the next call.
    thread_local!(static DATA: RefCell<std::ffi::CString> = RefCell::new(Default::default()));
    let Some(e) = e else {
        ffi::write_out(data, c"".as_ptr());
        ffi::write_out(flags, 0);
        return 0;
    };
    let s = std::ffi::CString::new(e.data.clone().unwrap_or_default().replace('\0', ""))
        .unwrap_or_default();
    let p = DATA.with(|d| {
        *d.borrow_mut() = s;
        d.borrow().as_ptr()
    });
    ffi::write_out(data, p);
    ffi::write_out(flags, if e.data.is_some() { 0x03 } else { 0 }); // ERR_TXT_MALLOCED | ERR_TXT_STRING
    e.code
}

/// ERR_get_error_line is ERR_get_error that also reports a file and line.
#[no_mangle]
pub extern "C" fn ERR_get_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    ffi_boundary!("ERR_get_error_line", {
        Ok(out_entry(
            err::pop_front(),
            file,
            line,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        ))
    })
}

/// ERR_get_error_line_data also reports the entry's data string and flags.
#[no_mangle]
pub extern "C" fn ERR_get_error_line_data(
    file: *mut *const c_char,
    line: *mut c_int,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    ffi_boundary!("ERR_get_error_line_data", {
        Ok(out_entry(err::pop_front(), file, line, data, flags))
    })
}

/// ERR_get_error_all (OpenSSL 3) also reports the function name.
#[no_mangle]
pub extern "C" fn ERR_get_error_all(
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    ffi_boundary!("ERR_get_error_all", {
        ffi::write_out(func, c"".as_ptr());
        Ok(out_entry(err::pop_front(), file, line, data, flags))
    })
}

/// ERR_peek_error_line is ERR_peek_error with file and line.
#[no_mangle]
pub extern "C" fn ERR_peek_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    ffi_boundary!("ERR_peek_error_line", {
        Ok(out_entry(
            err::peek_front(),
            file,
            line,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        ))
    })
}

/// ERR_peek_last_error_line is ERR_peek_last_error with file and line.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    ffi_boundary!("ERR_peek_last_error_line", {
        Ok(out_entry(
            err::peek_back(),
            file,
            line,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        ))
    })
}

/// ERR_clear_error empties this thread's queue.
#[no_mangle]
pub extern "C" fn ERR_clear_error() {
    ffi_boundary!("ERR_clear_error", {
        err::clear();
        Ok(())
    })
}

/// ERR_error_string_n writes `error:%08lX:lib:func:reason` into `buf` of
/// `len` bytes, truncating.
#[no_mangle]
pub extern "C" fn ERR_error_string_n(e: c_ulong, buf: *mut c_char, len: usize) {
    ffi_boundary!("ERR_error_string_n", {
        ffi::copy_cstr_out(buf, len, err::error_string(e).as_bytes());
        Ok(())
    })
}

/// ERR_error_string writes the string into `buf` (at least 256 bytes) or,
/// when `buf` is NULL, into a per-thread static buffer, and returns it.
#[no_mangle]
pub extern "C" fn ERR_error_string(e: c_ulong, buf: *mut c_char) -> *mut c_char {
    ffi_boundary!("ERR_error_string", {
        if !buf.is_null() {
            ERR_error_string_n(e, buf, 256);
            return Ok(buf);
        }
        Ok(STRING_BUF.with(|b| {
            let mut b = b.borrow_mut();
            let p = b.as_mut_ptr() as *mut c_char;
            ERR_error_string_n(e, p, 256);
            p
        }))
    })
}

fn static_str(s: Option<String>) -> *const c_char {
    // Reason strings are few and fixed: intern them for the process.
    static INTERNED: parking_lot::Mutex<Vec<std::ffi::CString>> =
        parking_lot::Mutex::new(Vec::new());
    let Some(s) = s else { return std::ptr::null() };
    let mut v = INTERNED.lock();
    if let Some(c) = v.iter().find(|c| c.to_bytes() == s.as_bytes()) {
        return c.as_ptr();
    }
    let c = std::ffi::CString::new(s).unwrap_or_default();
    let p = c.as_ptr();
    v.push(c);
    p
}

/// ERR_reason_error_string returns the reason text of `e`, or NULL.
#[no_mangle]
pub extern "C" fn ERR_reason_error_string(e: c_ulong) -> *const c_char {
    ffi_boundary!("ERR_reason_error_string", {
        Ok(static_str(err::reason_string(e)))
    })
}

/// ERR_lib_error_string returns the library name of `e`, or NULL.
#[no_mangle]
pub extern "C" fn ERR_lib_error_string(e: c_ulong) -> *const c_char {
    ffi_boundary!("ERR_lib_error_string", {
        Ok(static_str(err::lib_string(e).map(str::to_owned)))
    })
}

/// ERR_func_error_string returns NULL, as in OpenSSL 3.
#[no_mangle]
pub extern "C" fn ERR_func_error_string(_e: c_ulong) -> *const c_char {
    std::ptr::null()
}

/// ERR_print_errors_cb calls `cb(line, len, u)` for each entry, oldest
/// first, emptying the queue; it stops if `cb` returns <= 0.
#[no_mangle]
pub extern "C" fn ERR_print_errors_cb(
    cb: Option<unsafe extern "C" fn(*const c_char, usize, *mut c_void) -> c_int>,
    u: *mut c_void,
) {
    ffi_boundary!("ERR_print_errors_cb", {
        let Some(cb) = cb else { return Ok(()) };
        // Take the whole queue first: the callback may fail and queue more.
        for e in err::drain() {
            let line =
                std::ffi::CString::new(err::print_line(&e).replace('\0', "")).unwrap_or_default();
            // SAFETY: the callback given to ERR_print_errors_cb, called with a
            // NUL-terminated line, its length and the caller's argument.
            if crate::ffi::call_c(cb, (line.as_ptr(), line.as_bytes().len(), u)) <= 0 {
                break;
            }
        }
        Ok(())
    })
}

/// ERR_print_errors writes each entry as a line to `bp`, emptying the queue.
#[no_mangle]
pub extern "C" fn ERR_print_errors(bp: *mut BIO) {
    ffi_boundary!("ERR_print_errors", {
        // A NULL BIO prints nothing and leaves the queue alone.
        if bp.is_null() {
            return Ok(());
        }
        let bio = ffi::borrow(bp)?;
        // Take the whole queue first: a failing write queues an error of its own.
        for e in err::drain() {
            if !bio.write_all(err::print_line(&e).as_bytes()) {
                break;
            }
        }
        Ok(())
    })
}

/// ERR_print_errors_fp writes each entry as a line to `fp`, emptying the queue.
#[no_mangle]
pub extern "C" fn ERR_print_errors_fp(fp: *mut libc::FILE) {
    ffi_boundary!("ERR_print_errors_fp", {
        if fp.is_null() {
            return Ok(());
        }
        for e in err::drain() {
            ffi::fwrite_all(fp, err::print_line(&e).as_bytes());
        }
        Ok(())
    })
}

/// ERR_put_error pushes `ERR_PACK(lib, 0, reason)` (OpenSSL 1.1 API, kept
/// for cl+ssl). The function code is ignored, as in OpenSSL 3.
#[no_mangle]
pub extern "C" fn ERR_put_error(
    lib: c_int,
    _func: c_int,
    reason: c_int,
    _file: *const c_char,
    _line: c_int,
) {
    ffi_boundary!("ERR_put_error", {
        Error::new(lib, reason).push("");
        Ok(())
    })
}

/// ERR_new starts a new entry (the first step of OpenSSL 3's ERR_raise).
#[no_mangle]
pub extern "C" fn ERR_new() {
    ffi_boundary!("ERR_new", {
        err::push_entry(Entry {
            code: 0,
            func: "",
            data: None,
        });
        Ok(())
    })
}

/// ERR_set_debug records where the newest entry was raised (ignored).
#[no_mangle]
pub extern "C" fn ERR_set_debug(_file: *const c_char, _line: c_int, _func: *const c_char) {}

/// ERR_set_error sets the code of the newest entry made by ERR_new. Only
/// the format string itself is kept as data (its arguments are not read).
#[no_mangle]
pub extern "C" fn ERR_set_error(lib: c_int, reason: c_int, fmt: *const c_char) {
    ffi_boundary!("ERR_set_error", {
        let code = err::pack(lib, reason);
        let data = ffi::cstr(fmt).ok().map(str::to_owned);
        match err::pop_back() {
            Some(e) if e.code == 0 => err::push_entry(Entry {
                code,
                func: e.func,
                data,
            }),
            other => {
                if let Some(o) = other {
                    err::push_entry(o);
                }
                err::push_entry(Entry {
                    code,
                    func: "",
                    data,
                });
            }
        }
        Ok(())
    })
}

/// ERR_add_error_data appends `num` strings to the newest entry's data.
/// Declared with fixed parameters: on the System V x86-64 and AArch64
/// Linux ABIs the first variadic pointer arguments arrive exactly where
/// these do; at most 6 strings are read.
#[no_mangle]
pub extern "C" fn ERR_add_error_data(
    num: c_int,
    a: *const c_char,
    b: *const c_char,
    c: *const c_char,
    d: *const c_char,
    e: *const c_char,
    f: *const c_char,
) {
    ffi_boundary!("ERR_add_error_data", {
        let args = [a, b, c, d, e, f];
        let n = usize::try_from(num).unwrap_or(0).min(args.len());
        for p in &args[..n] {
            if let Ok(s) = ffi::cstr_bytes(*p) {
                err::add_data(&String::from_utf8_lossy(s));
            }
        }
        Ok(())
    })
}

/// ERR_load_crypto_strings does nothing: strings are always loaded.
#[no_mangle]
pub extern "C" fn ERR_load_crypto_strings() {}

/// ERR_load_SSL_strings does nothing: strings are always loaded.
#[no_mangle]
pub extern "C" fn ERR_load_SSL_strings() {}

/// ERR_load_BIO_strings does nothing and returns 1.
#[no_mangle]
pub extern "C" fn ERR_load_BIO_strings() -> c_int {
    1
}

/// ERR_free_strings does nothing.
#[no_mangle]
pub extern "C" fn ERR_free_strings() {}

/// ERR_remove_thread_state does nothing (queues are freed with their thread).
#[no_mangle]
pub extern "C" fn ERR_remove_thread_state(_tid: *const c_void) {}

/// ERR_remove_state does nothing (queues are freed with their thread).
#[no_mangle]
pub extern "C" fn ERR_remove_state(_pid: c_ulong) {}
