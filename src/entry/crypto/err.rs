//! `err.h`: the ERR queue: reading, printing and pushing errors.

use crate::abi::consts::ERR_SYSTEM_FLAG;
use crate::abi::reasons::{ERR_LIB_NONE, ERR_LIB_SYS, ERR_LIB_USER};
use crate::crypto::bio::BIO;
use crate::crypto::err::{self, Entry, Error, Origin};
use crate::ffi;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_ulong, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// `ERR_add_error_txt` starts a new entry rather than let one entry's data
/// grow past this (OpenSSL's print buffer, 4096, less 100 for the prefix).
const MAX_DATA_LEN: usize = 4096 - 100;

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

/// ERR_peek_error_data is ERR_peek_error with the entry's data string and
/// flags (nginx's error logging walks the queue with it).
#[no_mangle]
pub extern "C" fn ERR_peek_error_data(data: *mut *const c_char, flags: *mut c_int) -> c_ulong {
    ffi_boundary!("ERR_peek_error_data", {
        Ok(out_entry(
            err::peek_front(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            data,
            flags,
        ))
    })
}

/// ERR_peek_last_error_data is ERR_peek_last_error with the entry's data
/// string and flags.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_data(data: *mut *const c_char, flags: *mut c_int) -> c_ulong {
    ffi_boundary!("ERR_peek_last_error_data", {
        Ok(out_entry(
            err::peek_back(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            data,
            flags,
        ))
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

/// ERR_set_mark marks the newest entry of the queue, for `ERR_pop_to_mark`.
/// Returns 1.
#[no_mangle]
pub extern "C" fn ERR_set_mark() -> c_int {
    ffi_boundary!("ERR_set_mark", 0, {
        err::set_mark();
        Ok(1)
    })
}

/// ERR_pop_to_mark removes the entries pushed since the last `ERR_set_mark`,
/// and that mark. 1, or 0 when no mark was set (the queue is then emptied).
#[no_mangle]
pub extern "C" fn ERR_pop_to_mark() -> c_int {
    ffi_boundary!("ERR_pop_to_mark", 0, {
        Ok(c_int::from(err::pop_to_mark(true)))
    })
}

/// ERR_clear_last_mark removes the last mark, keeping the entries. 1, or 0
/// when no mark was set.
#[no_mangle]
pub extern "C" fn ERR_clear_last_mark() -> c_int {
    ffi_boundary!("ERR_clear_last_mark", 0, {
        Ok(c_int::from(err::pop_to_mark(false)))
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

/// Appends `text` to the newest entry's data: what `ERR_add_error_data` /
/// `ERR_add_error_vdata` (C variadics, src/ffi/variadic.c) do with the
/// concatenation of their strings. Internal to ferrossl.
/// cbindgen:ignore
#[no_mangle]
pub extern "C" fn ferrossl_err_add_error_text(text: *const c_char) {
    ffi_boundary!("ERR_add_error_data", {
        err::add_data(&String::from_utf8_lossy(ffi::cstr_bytes(text)?));
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

static NEXT_LIBRARY: AtomicI32 = AtomicI32::new(ERR_LIB_USER);

/// ERR_get_next_error_library hands out a new library number for an
/// application's own error codes: 128 (`ERR_LIB_USER`), 129, ... one per
/// call, never twice, from any thread.
#[no_mangle]
pub extern "C" fn ERR_get_next_error_library() -> c_int {
    ffi_boundary!("ERR_get_next_error_library", {
        Ok(NEXT_LIBRARY.fetch_add(1, Ordering::Relaxed))
    })
}

/// ERR_new starts a new, empty entry (the first step of OpenSSL 3's
/// `ERR_raise`); ERR_set_debug and ERR_set_error then fill it in.
#[no_mangle]
pub extern "C" fn ERR_new() {
    ffi_boundary!("ERR_new", {
        err::push_entry(Entry {
            code: 0,
            func: "",
            data: None,
            origin: None,
            marks: 0,
        });
        Ok(())
    })
}

/// ERR_set_debug records the file, line and function (each may be NULL)
/// where the newest entry was raised; ERR_print_errors shows them in place
/// of ferrossl's own. With an empty queue there is nothing to annotate.
#[no_mangle]
pub extern "C" fn ERR_set_debug(file: *const c_char, line: c_int, func: *const c_char) {
    ffi_boundary!("ERR_set_debug", {
        let text = |p: *const c_char| {
            ffi::cstr_bytes(p)
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default()
        };
        let origin = Origin {
            file: text(file),
            line,
            func: text(func),
        };
        err::with_last(|e| e.origin = Some(Box::new(origin)));
        Ok(())
    })
}

/// Gives the newest entry (made by `ERR_new`) the code `ERR_PACK(lib, 0,
/// reason)` (`ERR_LIB_SYS`: the system error `reason`) and `text` as its data
/// (NULL: none): what `ERR_set_error` / `ERR_vset_error` (C variadics,
/// src/ffi/variadic.c) do once they have formatted their arguments (at most
/// 1023 bytes, as OpenSSL). Internal to ferrossl.
/// cbindgen:ignore
#[no_mangle]
pub extern "C" fn ferrossl_err_set_error_text(lib: c_int, reason: c_int, text: *const c_char) {
    ffi_boundary!("ERR_set_error", {
        let code = if lib == ERR_LIB_SYS {
            ERR_SYSTEM_FLAG | (reason as c_ulong & 0x7FFF_FFFF)
        } else {
            err::pack(lib, reason)
        };
        let data = if text.is_null() {
            None
        } else {
            Some(String::from_utf8_lossy(ffi::cstr_bytes(text)?).into_owned())
        };
        err::with_last(|e| {
            e.code = code;
            e.data = data;
        });
        Ok(())
    })
}

/// ERR_add_error_txt appends `txt` to the newest entry's data, after
/// `separator` (NULL: "") when that entry already has data; with an empty
/// queue it first adds an `ERR_LIB_NONE` entry. As in OpenSSL, a `txt`
/// that would make the data longer than an ERR_print_errors line holds is
/// split (at a separator when there is one) over further entries with the
/// same code and origin, and a trailing separator is dropped.
#[no_mangle]
pub extern "C" fn ERR_add_error_txt(separator: *const c_char, txt: *const c_char) {
    ffi_boundary!("ERR_add_error_txt", {
        let txt = ffi::cstr_bytes(txt)?;
        let sep = if separator.is_null() {
            &[][..]
        } else {
            ffi::cstr_bytes(separator)?
        };
        add_error_txt(sep, txt);
        Ok(())
    })
}

fn add_error_txt(sep: &[u8], mut txt: &[u8]) {
    if err::peek_back().is_none_or(|e| e.code == 0) {
        err::push_entry(Entry {
            code: err::pack(ERR_LIB_NONE, 0),
            func: "",
            data: None,
            origin: Some(Box::default()),
            marks: 0,
        });
    }
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    loop {
        let Some(last) = err::peek_back() else {
            return;
        };
        let (data_len, lead) = match &last.data {
            Some(d) => (d.len(), sep),
            None => (0, &[][..]),
        };
        let available = if data_len >= MAX_DATA_LEN || sep.len() >= MAX_DATA_LEN - data_len {
            0
        } else {
            MAX_DATA_LEN - data_len - sep.len() - 1
        };
        // `split`: where the rest goes to a new entry; `end`: what this one takes.
        let (split, end, trailing) = if sep.is_empty() {
            if txt.len() <= available {
                (None, txt.len(), false)
            } else {
                (Some(available), available, false)
            }
        } else {
            let (mut curr, mut next, mut trailing) = (0, 0, false);
            while next < txt.len() && next <= available {
                curr = next;
                match find(&txt[curr..], sep) {
                    Some(at) => {
                        next = curr + at + sep.len();
                        trailing = next == txt.len();
                    }
                    None => next = txt.len(),
                }
            }
            if next <= available {
                (None, next, trailing)
            } else {
                (Some(curr), curr, false)
            }
        };
        match split {
            Some(at) => {
                if at > 0 {
                    err::add_data(&(text(sep) + &text(&txt[..at])));
                }
                err::push_entry(Entry {
                    data: None,
                    marks: 0,
                    ..last
                });
                txt = &txt[at..];
            }
            None => {
                let piece = if trailing {
                    &txt[..end - sep.len()]
                } else {
                    &txt[..end]
                };
                let joined = text(lead) + &text(piece);
                if last.data.is_some() {
                    err::add_data(&joined);
                } else {
                    err::with_last(|e| e.data = Some(joined));
                }
                txt = &txt[end..];
            }
        }
        if txt.is_empty() {
            return;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_error_library_counts_up_from_128() {
        let a = ERR_get_next_error_library();
        let b = ERR_get_next_error_library();
        assert!(a >= ERR_LIB_USER);
        assert!(b > a);
    }

    #[test]
    fn raise_and_add_txt() {
        err::clear();
        ERR_new();
        ERR_set_debug(c"lisp/bio.lisp".as_ptr(), 7, std::ptr::null());
        ferrossl_err_set_error_text(200, 68, c"boom: 3".as_ptr());
        let e = err::peek_back().unwrap();
        assert_eq!(e.code, err::pack(200, 68));
        assert_eq!(e.data.as_deref(), Some("boom: 3"));
        let line = err::print_line(&e);
        assert!(line.ends_with(":lisp/bio.lisp:7:boom: 3\n"), "{line}");
        ERR_add_error_txt(c"; ".as_ptr(), c"more; ".as_ptr());
        assert_eq!(
            err::peek_back().unwrap().data.as_deref(),
            Some("boom: 3; more")
        );
        err::clear();
        ERR_add_error_txt(c", ".as_ptr(), c"alone".as_ptr());
        let e = err::pop_front().unwrap();
        assert_eq!(e.code, err::pack(ERR_LIB_NONE, 0));
        assert_eq!(e.data.as_deref(), Some("alone"));
        assert!(err::is_empty());
        // too long for one line: split over entries with the same code
        let long = "x".repeat(5000) + "\0";
        ERR_add_error_txt(std::ptr::null(), long.as_ptr() as *const c_char);
        let a = err::pop_front().unwrap();
        let b = err::pop_front().unwrap();
        assert_eq!(a.code, b.code);
        assert_eq!(a.data.unwrap().len() + b.data.unwrap().len(), 5000);
        err::clear();
    }

    #[test]
    fn set_error_without_fmt_and_sys() {
        err::clear();
        ERR_new();
        ferrossl_err_set_error_text(ERR_LIB_SYS, 111, std::ptr::null());
        let e = err::pop_front().unwrap();
        assert_eq!(e.code, ERR_SYSTEM_FLAG | 111);
        assert!(e.data.is_none());
    }
}
