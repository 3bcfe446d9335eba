//! `UI`: OpenSSL's user-interface abstraction (prompts for pass phrases).
//!
//! A `UI` holds the strings to show and read (`UI_add_input_string` & co);
//! `UI_process` runs its `UI_METHOD`'s opener, writer, flusher, reader and
//! closer over them, as OpenSSL's `UI_process` does. `UI_null` has no
//! functions (processing fails with -2), `UI_OpenSSL` prompts on the
//! controlling terminal (`/dev/tty`, echo off), else on stderr and stdin.

use crate::abi::consts::*;
use crate::abi::reasons::*;
use crate::crypto::err::Error;
use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::ffi::{c_char, c_int, c_void, CString};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicI32, Ordering};

pub type UiFn = Option<unsafe extern "C" fn(*mut ui_st) -> c_int>;
pub type UiStringFn = Option<unsafe extern "C" fn(*mut ui_st, *mut ui_string_st) -> c_int>;
pub type UiDupFn = Option<unsafe extern "C" fn(*mut ui_st, *mut c_void) -> *mut c_void>;
pub type UiDestroyFn = Option<unsafe extern "C" fn(*mut ui_st, *mut c_void)>;
pub type UiPromptFn =
    Option<unsafe extern "C" fn(*mut ui_st, *const c_char, *const c_char) -> *mut c_char>;

/// A UI_METHOD's functions.
#[derive(Clone, Copy, Default)]
pub struct UiFns {
    pub opener: UiFn,
    pub writer: UiStringFn,
    pub flusher: UiFn,
    pub reader: UiStringFn,
    pub closer: UiFn,
    pub duplicator: UiDupFn,
    pub destructor: UiDestroyFn,
    pub prompt: UiPromptFn,
}

/// The UI_METHOD handle.
pub struct ui_method_st {
    pub name: CString,
    /// `UI_OpenSSL()` / `UI_null()`: static, never freed.
    pub builtin: bool,
    pub fns: Mutex<UiFns>,
}
crate::handle!(Owned: ui_method_st);
pub type UI_METHOD = ui_method_st;

/// The UI_STRING handle: one prompt or message of a UI (owned by it).
pub struct ui_string_st {
    pub kind: c_int,
    pub text: CString,
    pub flags: c_int,
    /// The caller's result buffer (`maxsize + 1` bytes), PROMPT/VERIFY.
    pub result_buf: Ptr,
    pub minsize: c_int,
    pub maxsize: c_int,
    /// VERIFY: the buffer the answer must equal.
    pub test_buf: Ptr,
    pub result_len: AtomicI32,
}
crate::handle!(Lent: ui_string_st);
pub type UI_STRING = ui_string_st;

/// The UI handle.
pub struct ui_st {
    pub method: Mutex<Ptr>,
    pub strings: Mutex<Vec<Box<ui_string_st>>>,
    pub user_data: Mutex<Ptr>,
    pub flags: AtomicI32,
}
crate::handle!(Owned: ui_st);
pub type UI = ui_st;

const UI_FLAG_REDOABLE: c_int = 0x0001;
const UI_FLAG_PRINT_ERRORS: c_int = 0x0100;

fn ui_err(reason: c_int) -> Error {
    Error::new(ERR_LIB_UI, reason)
}

static NULL_METHOD: std::sync::LazyLock<ui_method_st> = std::sync::LazyLock::new(|| ui_method_st {
    name: c"OpenSSL NULL UI".into(),
    builtin: true,
    fns: Mutex::new(UiFns::default()),
});

static CONSOLE_METHOD: std::sync::LazyLock<ui_method_st> =
    std::sync::LazyLock::new(|| ui_method_st {
        name: c"OpenSSL default user interface".into(),
        builtin: true,
        fns: Mutex::new(UiFns {
            opener: Some(console_open),
            writer: Some(console_write),
            flusher: Some(console_flush),
            reader: Some(console_read),
            closer: Some(console_close),
            ..UiFns::default()
        }),
    });

static DEFAULT_METHOD: Mutex<Ptr> = Mutex::new(Ptr(std::ptr::null_mut()));

/// `UI_null()`.
pub fn null_method() -> *mut ui_method_st {
    &*NULL_METHOD as *const ui_method_st as *mut ui_method_st
}

/// `UI_OpenSSL()`.
pub fn console_method() -> *mut ui_method_st {
    &*CONSOLE_METHOD as *const ui_method_st as *mut ui_method_st
}

/// `UI_get_default_method()`: `UI_OpenSSL()` unless set.
pub fn default_method() -> *mut ui_method_st {
    let p = DEFAULT_METHOD.lock().0;
    if p.is_null() {
        console_method()
    } else {
        p.cast()
    }
}

pub fn set_default_method(m: *const ui_method_st) {
    *DEFAULT_METHOD.lock() = Ptr(m as *mut c_void);
}

impl ui_method_st {
    pub fn new(name: &[u8]) -> Self {
        Self {
            name: CString::new(name.to_vec()).unwrap_or_default(),
            builtin: false,
            fns: Mutex::new(UiFns::default()),
        }
    }
}

impl ui_string_st {
    /// `UI_set_result` on this string: checks the length, copies the answer
    /// into the caller's buffer (NUL-terminated).
    pub fn set_result(&self, ui: &ui_st, result: &[u8]) -> Result<(), Error> {
        match self.kind {
            UIT_PROMPT | UIT_VERIFY => {
                let len = result.len();
                if (len as i64) < i64::from(self.minsize) {
                    ui.flags.fetch_or(UI_FLAG_REDOABLE, Ordering::Relaxed);
                    return Err(ui_err(UI_R_RESULT_TOO_SMALL).data(&format!(
                        "You must type in {} to {} characters",
                        self.minsize, self.maxsize
                    )));
                }
                if (len as i64) > i64::from(self.maxsize) {
                    ui.flags.fetch_or(UI_FLAG_REDOABLE, Ordering::Relaxed);
                    return Err(ui_err(UI_R_RESULT_TOO_LARGE).data(&format!(
                        "You must type in {} to {} characters",
                        self.minsize, self.maxsize
                    )));
                }
                if self.result_buf.0.is_null() {
                    return Err(ui_err(UI_R_NO_RESULT_BUFFER));
                }
                let buf = ffi::slice_mut_usize(self.result_buf.0.cast(), len + 1)?;
                buf[..len].copy_from_slice(result);
                buf[len] = 0;
                self.result_len.store(len as c_int, Ordering::Relaxed);
                Ok(())
            }
            // Booleans are not offered (UI_add_input_boolean is absent);
            // info and error strings take no answer.
            _ => Ok(()),
        }
    }

    /// `UI_get0_result_string`: the answer (PROMPT/VERIFY), else NULL.
    pub fn result_ptr(&self) -> *const c_char {
        match self.kind {
            UIT_PROMPT | UIT_VERIFY => self.result_buf.0 as *const c_char,
            _ => std::ptr::null(),
        }
    }

    pub fn result_len(&self) -> c_int {
        match self.kind {
            UIT_PROMPT | UIT_VERIFY => self.result_len.load(Ordering::Relaxed),
            _ => -1,
        }
    }
}

impl ui_st {
    pub fn new(method: *mut ui_method_st) -> Self {
        let m = if method.is_null() {
            default_method()
        } else {
            method
        };
        Self {
            method: Mutex::new(Ptr(m.cast())),
            strings: Mutex::new(Vec::new()),
            user_data: Mutex::new(Ptr::default()),
            flags: AtomicI32::new(0),
        }
    }

    pub fn method_ptr(&self) -> *mut ui_method_st {
        self.method.lock().0.cast()
    }

    fn fns(&self) -> Result<UiFns, Error> {
        Ok(*ffi::borrow(self.method_ptr())?.fns.lock())
    }

    /// Adds a string; OpenSSL's return: the new number of strings.
    pub fn add(&self, s: ui_string_st) -> Result<c_int, Error> {
        if matches!(s.kind, UIT_PROMPT | UIT_VERIFY | UIT_BOOLEAN) && s.result_buf.0.is_null() {
            return Err(ui_err(UI_R_NO_RESULT_BUFFER));
        }
        if matches!(s.kind, UIT_PROMPT | UIT_VERIFY) && s.minsize > s.maxsize {
            return Err(ui_err(UI_R_RESULT_TOO_SMALL));
        }
        let mut v = self.strings.lock();
        v.push(Box::new(s));
        Ok(v.len() as c_int)
    }

    pub fn string_ptrs(&self) -> Vec<*mut ui_string_st> {
        self.strings
            .lock()
            .iter()
            .map(|b| &**b as *const ui_string_st as *mut ui_string_st)
            .collect()
    }

    pub fn ctrl(&self, cmd: c_int, i: i64) -> Result<c_int, Error> {
        match cmd {
            UI_CTRL_PRINT_ERRORS => {
                let was = self.flags.load(Ordering::Relaxed) & UI_FLAG_PRINT_ERRORS != 0;
                if i != 0 {
                    self.flags.fetch_or(UI_FLAG_PRINT_ERRORS, Ordering::Relaxed);
                } else {
                    self.flags
                        .fetch_and(!UI_FLAG_PRINT_ERRORS, Ordering::Relaxed);
                }
                Ok(c_int::from(was))
            }
            UI_CTRL_IS_REDOABLE => Ok(c_int::from(
                self.flags.load(Ordering::Relaxed) & UI_FLAG_REDOABLE != 0,
            )),
            _ => Err(ui_err(UI_R_UNKNOWN_CONTROL_COMMAND)),
        }
    }

    fn not_redoable(&self) {
        self.flags.fetch_and(!UI_FLAG_REDOABLE, Ordering::Relaxed);
    }
}

/// `UI_process(ui)`: 0 when every string was shown and answered, -1 on an
/// error (with a `UI_R_PROCESSING_ERROR` entry naming the stage), -2 when
/// the method was interrupted or cannot read (OpenSSL's values).
pub fn process(uip: *mut ui_st) -> Result<c_int, Error> {
    let ui = ffi::borrow(uip)?;
    let f = ui.fns()?;
    let mut ok: c_int = 0;
    let mut state: Option<&str> = Some("processing");
    'run: {
        if let Some(open) = f.opener {
            // SAFETY: a UI_METHOD opener (UI_method_set_opener) takes the UI.
            match ffi::call_c(open, (uip,)) {
                -1 => {
                    ui.not_redoable();
                    ok = -2;
                    break 'run;
                }
                0 => {
                    state = Some("opening session");
                    ok = -1;
                    break 'run;
                }
                _ => {}
            }
        }
        let strings = ui.string_ptrs();
        for &s in &strings {
            if let Some(w) = f.writer {
                // SAFETY: a UI_METHOD writer (UI_method_set_writer) takes the
                // UI and one of its strings.
                if ffi::call_c(w, (uip, s)) <= 0 {
                    ui.not_redoable();
                    ok = -2;
                    break 'run;
                }
            }
        }
        if let Some(fl) = f.flusher {
            // SAFETY: a UI_METHOD flusher (UI_method_set_flusher) takes the UI.
            match ffi::call_c(fl, (uip,)) {
                -1 => {
                    ok = -2;
                    break 'run;
                }
                0 => {
                    state = Some("flushing");
                    ok = -1;
                    break 'run;
                }
                _ => {}
            }
        }
        for &s in &strings {
            let Some(r) = f.reader else {
                ui.not_redoable();
                ok = -2;
                break 'run;
            };
            // SAFETY: a UI_METHOD reader (UI_method_set_reader) takes the UI
            // and one of its strings.
            match ffi::call_c(r, (uip, s)) {
                -1 => {
                    ui.not_redoable();
                    ok = -2;
                    break 'run;
                }
                0 => {
                    state = Some("reading strings");
                    ok = -1;
                    break 'run;
                }
                _ => {}
            }
        }
        state = None;
    }
    if let Some(close) = f.closer {
        // SAFETY: a UI_METHOD closer (UI_method_set_closer) takes the UI.
        if ffi::call_c(close, (uip,)) <= 0 {
            state.get_or_insert("closing session");
            ok = -1;
        }
    }
    if ok == -1 {
        ui_err(UI_R_PROCESSING_ERROR)
            .data(&format!("while {}", state.unwrap_or("processing")))
            .push("UI_process");
    }
    Ok(ok)
}

/// `UI_construct_prompt` without a method constructor:
/// "Enter <desc> for <name>:".
pub fn default_prompt(desc: &[u8], name: Option<&[u8]>) -> Vec<u8> {
    let mut p = b"Enter ".to_vec();
    p.extend_from_slice(desc);
    if let Some(n) = name {
        p.extend_from_slice(b" for ");
        p.extend_from_slice(n);
    }
    p.push(b':');
    p
}

// UI_OpenSSL: the terminal.

thread_local! {
    static TTY: std::cell::RefCell<Option<std::fs::File>> = const { std::cell::RefCell::new(None) };
}

extern "C" fn console_open(_ui: *mut ui_st) -> c_int {
    // As OpenSSL's open_console: the controlling terminal, else stdin and
    // stderr (a program without a terminal can still be answered on stdin).
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok();
    TTY.with(|t| *t.borrow_mut() = tty);
    1
}

extern "C" fn console_write(_ui: *mut ui_st, uis: *mut ui_string_st) -> c_int {
    let Ok(s) = ffi::borrow(uis) else { return 0 };
    let text = s.text.as_bytes();
    TTY.with(|t| match t.borrow_mut().as_mut() {
        Some(f) => c_int::from(f.write_all(text).is_ok()),
        None => c_int::from(std::io::stderr().write_all(text).is_ok()),
    })
}

extern "C" fn console_flush(_ui: *mut ui_st) -> c_int {
    TTY.with(|t| match t.borrow_mut().as_mut() {
        Some(f) => c_int::from(f.flush().is_ok()),
        None => c_int::from(std::io::stderr().flush().is_ok()),
    })
}

extern "C" fn console_read(ui: *mut ui_st, uis: *mut ui_string_st) -> c_int {
    let (Ok(ui), Ok(s)) = (ffi::borrow(ui), ffi::borrow(uis)) else {
        return 0;
    };
    if !matches!(s.kind, UIT_PROMPT | UIT_VERIFY) {
        return 1;
    }
    let echo = s.flags & UI_INPUT_FLAG_ECHO != 0;
    let line = TTY.with(|t| {
        let mut g = t.borrow_mut();
        let Some(f) = g.as_mut() else {
            let mut line = Vec::new();
            return std::io::stdin()
                .lock()
                .read_until(b'\n', &mut line)
                .ok()
                .map(|_| line);
        };
        use std::os::fd::AsRawFd;
        let fd = f.as_raw_fd();
        let was = ffi::tty_set_echo(fd, echo);
        let mut line = Vec::new();
        let r = std::io::BufReader::new(&*f).read_until(b'\n', &mut line);
        if let Some(w) = was {
            ffi::tty_set_echo(fd, w);
            if !echo {
                let _ = f.write_all(b"\n");
            }
        }
        r.ok().map(|_| line)
    });
    let Some(mut line) = line else { return 0 };
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if line.is_empty() {
        return -1; // EOF: cancelled
    }
    if s.set_result(ui, &line)
        .map_err(|e| e.push("UI_set_result"))
        .is_err()
    {
        return -1;
    }
    if s.kind == UIT_VERIFY {
        let test = ffi::cstr_bytes(s.test_buf.0 as *const c_char).unwrap_or_default();
        if test != line.as_slice() {
            TTY.with(|t| {
                if let Some(f) = t.borrow_mut().as_mut() {
                    let _ = f.write_all(b"Verify failure\n");
                }
            });
            return 0;
        }
    }
    1
}

extern "C" fn console_close(_ui: *mut ui_st) -> c_int {
    TTY.with(|t| t.borrow_mut().take());
    1
}
