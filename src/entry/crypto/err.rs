//! `err.h`: the ERR queue: reading, printing and pushing errors.

use crate::abi::reasons::{ERR_LIB_NONE, ERR_LIB_SYS, ERR_LIB_USER};
use crate::crypto::bio::BIO;
use crate::crypto::err::{self, Entry, Error, Origin, ERR_SYSTEM_FLAG};
use crate::ffi;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_ulong, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// `ERR_set_error` keeps at most this many bytes of formatted data, NUL
/// included (OpenSSL's `ERR_MAX_DATA_SIZE`).
const ERR_MAX_DATA_SIZE: usize = 1024;
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

/// ERR_set_error gives the newest entry (made by ERR_new) the code
/// `ERR_PACK(lib, 0, reason)` (`ERR_LIB_SYS`: the system error `reason`) and,
/// when `fmt` is not NULL, the printf-formatted data (at most 1023 bytes);
/// a NULL `fmt` leaves the entry without data.
///
/// Declared with six fixed argument slots after `fmt`: on the System V
/// x86-64 and AArch64 Linux ABIs the first integer-class variadic arguments
/// arrive exactly where these do. Conversions over them are `%d %i %u %x %X
/// %o %c %s %p %%` with flags, width, precision and length modifiers;
/// floating-point conversions (passed in vector registers) print `?`.
#[no_mangle]
pub extern "C" fn ERR_set_error(
    lib: c_int,
    reason: c_int,
    fmt: *const c_char,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
) {
    ffi_boundary!("ERR_set_error", {
        let code = if lib == ERR_LIB_SYS {
            ERR_SYSTEM_FLAG | (reason as c_ulong & 0x7FFF_FFFF)
        } else {
            err::pack(lib, reason)
        };
        let data = if fmt.is_null() {
            None
        } else {
            let mut out = format_c(ffi::cstr_bytes(fmt)?, &[a0, a1, a2, a3, a4, a5]);
            out.truncate(ERR_MAX_DATA_SIZE - 1);
            Some(String::from_utf8_lossy(&out).into_owned())
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
                err::push_entry(Entry { data: None, ..last });
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

/// C `printf` over integer-class arguments (see ERR_set_error). An argument
/// past the sixth, or a floating-point one, prints `?`.
fn format_c(fmt: &[u8], args: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fmt.len());
    let mut next_arg = args.iter().copied();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let start = i - 1;
        let (mut left, mut zero, mut plus, mut space, mut alt) =
            (false, false, false, false, false);
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => left = true,
                b'0' => zero = true,
                b'+' => plus = true,
                b' ' => space = true,
                b'#' => alt = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        if fmt.get(i) == Some(&b'*') {
            i += 1;
            let w = next_arg.next().unwrap_or(0) as c_int;
            left |= w < 0;
            width = w.unsigned_abs() as usize;
        } else {
            while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
                width = width
                    .saturating_mul(10)
                    .saturating_add(usize::from(d - b'0'));
                i += 1;
            }
        }
        let mut precision = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            if fmt.get(i) == Some(&b'*') {
                i += 1;
                let p = next_arg.next().unwrap_or(0) as c_int;
                precision = usize::try_from(p).ok();
            } else {
                let mut p = 0usize;
                while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
                    p = p.saturating_mul(10).saturating_add(usize::from(d - b'0'));
                    i += 1;
                }
                precision = Some(p);
            }
        }
        let (mut long, mut short) = (false, 0);
        while let Some(&l) = fmt.get(i) {
            match l {
                b'l' | b'z' | b'j' | b't' | b'q' | b'L' => long = true,
                b'h' => short += 1,
                _ => break,
            }
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.extend_from_slice(&fmt[start..]);
            break;
        };
        i += 1;
        let unsigned = |v: usize| -> u64 {
            match (long, short) {
                (true, _) => v as u64,
                (false, 0) => u64::from(v as u32),
                (false, 1) => u64::from(v as u16),
                _ => u64::from(v as u8),
            }
        };
        // (prefix such as a sign or "0x", digits or text, is it a number)
        let (prefix, body, number): (&[u8], Vec<u8>, bool) = match conv {
            b'%' => {
                out.push(b'%');
                continue;
            }
            b'd' | b'i' => match next_arg.next() {
                None => (b"", b"?".to_vec(), false),
                Some(v) => {
                    let n: i64 = match (long, short) {
                        (true, _) => v as i64,
                        (false, 0) => i64::from(v as i32),
                        (false, 1) => i64::from(v as i16),
                        _ => i64::from(v as i8),
                    };
                    let sign: &[u8] = if n < 0 {
                        b"-"
                    } else if plus {
                        b"+"
                    } else if space {
                        b" "
                    } else {
                        b""
                    };
                    (sign, digits(n.unsigned_abs(), 10, false, precision), true)
                }
            },
            b'u' | b'x' | b'X' | b'o' => match next_arg.next() {
                None => (b"", b"?".to_vec(), false),
                Some(v) => {
                    let n = unsigned(v);
                    let base = match conv {
                        b'u' => 10,
                        b'o' => 8,
                        _ => 16,
                    };
                    let prefix: &[u8] = match conv {
                        b'x' if alt && n != 0 => b"0x",
                        b'X' if alt && n != 0 => b"0X",
                        b'o' if alt => b"0",
                        _ => b"",
                    };
                    (prefix, digits(n, base, conv == b'X', precision), true)
                }
            },
            b'p' => match next_arg.next() {
                None => (b"", b"?".to_vec(), false),
                Some(v) => (b"0x", digits(v as u64, 16, false, precision), true),
            },
            b'c' => match next_arg.next() {
                None => (b"", b"?".to_vec(), false),
                Some(v) => (b"", vec![v as u8], false),
            },
            b's' => match next_arg.next() {
                None => (b"", b"?".to_vec(), false),
                Some(0) => (b"", b"<NULL>".to_vec(), false),
                Some(p) => {
                    let s =
                        ffi::cstr_bytes_max(p as *const c_char, precision.unwrap_or(usize::MAX))
                            .unwrap_or_default();
                    (b"", s.to_vec(), false)
                }
            },
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A' => (b"", b"?".to_vec(), false),
            b'n' => {
                let _ = next_arg.next();
                continue;
            }
            _ => {
                out.extend_from_slice(&fmt[start..i]);
                continue;
            }
        };
        let len = prefix.len() + body.len();
        let pad = width.saturating_sub(len);
        if left {
            out.extend_from_slice(prefix);
            out.extend_from_slice(&body);
            out.resize(out.len() + pad, b' ');
        } else if zero && number && precision.is_none() {
            out.extend_from_slice(prefix);
            out.resize(out.len() + pad, b'0');
            out.extend_from_slice(&body);
        } else {
            out.resize(out.len() + pad, b' ');
            out.extend_from_slice(prefix);
            out.extend_from_slice(&body);
        }
    }
    out
}

/// `n` in `base`, at least `precision` digits (precision 0 and n 0: none).
fn digits(mut n: u64, base: u64, upper: bool, precision: Option<usize>) -> Vec<u8> {
    let set: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut d = Vec::new();
    while n > 0 {
        d.push(set[(n % base) as usize]);
        n /= base;
    }
    let min = precision.unwrap_or(1);
    while d.len() < min {
        d.push(b'0');
    }
    d.reverse();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printf_subset() {
        let s = c"str".as_ptr() as usize;
        let f = |fmt: &str, a: &[usize]| String::from_utf8(format_c(fmt.as_bytes(), a)).unwrap();
        assert_eq!(f("%s", &[s]), "str");
        assert_eq!(f("[%5s|%-5s|%.2s]", &[s, s, s]), "[  str|str  |st]");
        assert_eq!(f("%d %i %u", &[(-5i32) as u32 as usize, 7, 42]), "-5 7 42");
        assert_eq!(
            f("%05d|%+d|%x|%#X|%lu", &[42, 3, 255, 255, usize::MAX]),
            "00042|+3|ff|0XFF|18446744073709551615"
        );
        assert_eq!(
            f("%.3d|%c|%%|%s|%f", &[7, b'A' as usize, 0]),
            "007|A|%|<NULL>|?"
        );
        assert_eq!(
            f("%d %d %d %d %d %d %d", &[1, 2, 3, 4, 5, 6]),
            "1 2 3 4 5 6 ?"
        );
        assert_eq!(f("%*d|%-*d|", &[4, 1, 3, 2]), "   1|2  |");
        assert_eq!(f("trailing %", &[]), "trailing %");
    }

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
        ERR_set_error(
            200,
            68,
            c"%s: %d".as_ptr(),
            c"boom".as_ptr() as usize,
            3,
            0,
            0,
            0,
            0,
        );
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
        ERR_set_error(ERR_LIB_SYS, 111, std::ptr::null(), 0, 0, 0, 0, 0, 0);
        let e = err::pop_front().unwrap();
        assert_eq!(e.code, ERR_SYSTEM_FLAG | 111);
        assert!(e.data.is_none());
    }
}
