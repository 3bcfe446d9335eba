//! `ui.h`: `UI`, `UI_METHOD`, `UI_STRING` (pass-phrase prompts).

use crate::abi::consts::*;
use crate::abi::reasons::{UI_R_INDEX_TOO_LARGE, UI_R_INDEX_TOO_SMALL};
use crate::crypto::err::Error;
use crate::crypto::ui::{self, ui_string_st, UiDestroyFn, UiDupFn, UiFn, UiPromptFn, UiStringFn};
use crate::crypto::ui::{UI, UI_METHOD, UI_STRING};
use crate::ffi::{self, Ptr};
use std::ffi::{c_char, c_int, c_long, c_void, CString};
use std::sync::atomic::AtomicI32;

/// UI_null returns the method that shows and reads nothing: `UI_process`
/// with it returns -2.
#[no_mangle]
pub extern "C" fn UI_null() -> *const UI_METHOD {
    ffi_boundary!("UI_null", { Ok(ui::null_method() as *const UI_METHOD) })
}

/// UI_OpenSSL returns the console method: prompts on the controlling
/// terminal (`/dev/tty`, echo off for pass phrases); without one, the
/// prompt goes to stderr and the answer is read from stdin (as OpenSSL).
#[no_mangle]
pub extern "C" fn UI_OpenSSL() -> *const UI_METHOD {
    ffi_boundary!("UI_OpenSSL", {
        Ok(ui::console_method() as *const UI_METHOD)
    })
}

/// UI_get_default_method returns the method `UI_new` uses (`UI_OpenSSL`
/// unless `UI_set_default_method` changed it).
#[no_mangle]
pub extern "C" fn UI_get_default_method() -> *const UI_METHOD {
    ffi_boundary!("UI_get_default_method", {
        Ok(ui::default_method() as *const UI_METHOD)
    })
}

/// UI_set_default_method sets the method `UI_new` uses (NULL: UI_OpenSSL).
#[no_mangle]
pub extern "C" fn UI_set_default_method(meth: *const UI_METHOD) {
    ffi_boundary!("UI_set_default_method", (), {
        ui::set_default_method(meth);
        Ok(())
    })
}

/// UI_create_method returns a new method named `name` with no functions,
/// freed with `UI_destroy_method`.
#[no_mangle]
pub extern "C" fn UI_create_method(name: *const c_char) -> *mut UI_METHOD {
    ffi_boundary!("UI_create_method", {
        let name = ffi::cstr_bytes(name)?;
        Ok(Box::into_raw(Box::new(ui::ui_method_st::new(name))))
    })
}

/// UI_destroy_method frees a method from `UI_create_method` (NULL and the
/// built-in methods: no-op).
#[no_mangle]
pub extern "C" fn UI_destroy_method(ui_method: *mut UI_METHOD) {
    ffi_boundary!("UI_destroy_method", (), {
        if ui_method.is_null() || ffi::borrow(ui_method)?.builtin {
            return Ok(());
        }
        ffi::free_box(ui_method);
        Ok(())
    })
}

/// UI_method_set_opener sets the method's opener function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_opener(method: *mut UI_METHOD, f: UiFn) -> c_int {
    ffi_boundary!("UI_method_set_opener", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().opener = f;
        Ok(0)
    })
}

/// UI_method_get_opener returns the method's opener function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_opener(method: *const UI_METHOD) -> UiFn {
    ffi_boundary!("UI_method_get_opener", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().opener)
    })
}

/// UI_method_set_writer sets the method's writer function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_writer(method: *mut UI_METHOD, f: UiStringFn) -> c_int {
    ffi_boundary!("UI_method_set_writer", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().writer = f;
        Ok(0)
    })
}

/// UI_method_get_writer returns the method's writer function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_writer(method: *const UI_METHOD) -> UiStringFn {
    ffi_boundary!("UI_method_get_writer", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().writer)
    })
}

/// UI_method_set_flusher sets the method's flusher function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_flusher(method: *mut UI_METHOD, f: UiFn) -> c_int {
    ffi_boundary!("UI_method_set_flusher", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().flusher = f;
        Ok(0)
    })
}

/// UI_method_get_flusher returns the method's flusher function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_flusher(method: *const UI_METHOD) -> UiFn {
    ffi_boundary!("UI_method_get_flusher", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().flusher)
    })
}

/// UI_method_set_reader sets the method's reader function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_reader(method: *mut UI_METHOD, f: UiStringFn) -> c_int {
    ffi_boundary!("UI_method_set_reader", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().reader = f;
        Ok(0)
    })
}

/// UI_method_get_reader returns the method's reader function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_reader(method: *const UI_METHOD) -> UiStringFn {
    ffi_boundary!("UI_method_get_reader", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().reader)
    })
}

/// UI_method_set_closer sets the method's closer function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_closer(method: *mut UI_METHOD, f: UiFn) -> c_int {
    ffi_boundary!("UI_method_set_closer", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().closer = f;
        Ok(0)
    })
}

/// UI_method_get_closer returns the method's closer function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_closer(method: *const UI_METHOD) -> UiFn {
    ffi_boundary!("UI_method_get_closer", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().closer)
    })
}

/// UI_method_set_prompt_constructor sets the method's prompt function: 0 on success, -1 for NULL or a
/// built-in method.
#[no_mangle]
pub extern "C" fn UI_method_set_prompt_constructor(method: *mut UI_METHOD, f: UiPromptFn) -> c_int {
    ffi_boundary!("UI_method_set_prompt_constructor", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        m.fns.lock().prompt = f;
        Ok(0)
    })
}

/// UI_method_get_prompt_constructor returns the method's prompt function (NULL if unset or `method` is NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_prompt_constructor(method: *const UI_METHOD) -> UiPromptFn {
    ffi_boundary!("UI_method_get_prompt_constructor", None, {
        if method.is_null() {
            return Ok(None);
        }
        Ok(ffi::borrow(method)?.fns.lock().prompt)
    })
}

/// UI_method_set_data_duplicator sets the functions that copy and free the
/// user data `UI_dup_user_data` attaches; 0 on success, -1 for NULL.
#[no_mangle]
pub extern "C" fn UI_method_set_data_duplicator(
    method: *mut UI_METHOD,
    duplicator: UiDupFn,
    destructor: UiDestroyFn,
) -> c_int {
    ffi_boundary!("UI_method_set_data_duplicator", -1, {
        let m = ffi::borrow(method)?;
        if m.builtin {
            return Err(Error::invalid_argument("a built-in UI_METHOD is read-only"));
        }
        let mut f = m.fns.lock();
        f.duplicator = duplicator;
        f.destructor = destructor;
        Ok(0)
    })
}

/// UI_method_get_data_duplicator returns the duplicator (or NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_data_duplicator(method: *const UI_METHOD) -> UiDupFn {
    ffi_boundary!("UI_method_get_data_duplicator", None, {
        Ok(ffi::borrow(method)?.fns.lock().duplicator)
    })
}

/// UI_method_get_data_destructor returns the destructor (or NULL).
#[no_mangle]
pub extern "C" fn UI_method_get_data_destructor(method: *const UI_METHOD) -> UiDestroyFn {
    ffi_boundary!("UI_method_get_data_destructor", None, {
        Ok(ffi::borrow(method)?.fns.lock().destructor)
    })
}

/// UI_new returns a new UI on the default method; freed with `UI_free`.
#[no_mangle]
pub extern "C" fn UI_new() -> *mut UI {
    UI_new_method(std::ptr::null())
}

/// UI_new_method returns a new UI using `method` (NULL: the default).
#[no_mangle]
pub extern "C" fn UI_new_method(method: *const UI_METHOD) -> *mut UI {
    ffi_boundary!("UI_new_method", {
        Ok(Box::into_raw(Box::new(ui::ui_st::new(
            method as *mut UI_METHOD,
        ))))
    })
}

/// UI_free frees the UI and its strings (not the caller's result buffers);
/// user data added with `UI_dup_user_data` is freed with the method's
/// destructor. NULL is a no-op.
#[no_mangle]
pub extern "C" fn UI_free(ui: *mut UI) {
    ffi_boundary!("UI_free", (), {
        if ui.is_null() {
            return Ok(());
        }
        drop_dup_data(ui)?;
        ffi::free_box(ui);
        Ok(())
    })
}

const UI_FLAG_DUPL_DATA: c_int = 0x0002;

fn drop_dup_data(uip: *mut UI) -> Result<(), Error> {
    let u = ffi::borrow(uip)?;
    let flags = u
        .flags
        .fetch_and(!UI_FLAG_DUPL_DATA, std::sync::atomic::Ordering::Relaxed);
    if flags & UI_FLAG_DUPL_DATA != 0 {
        let old = std::mem::take(&mut *u.user_data.lock());
        let m = ffi::borrow(u.method_ptr())?;
        if let Some(d) = m.fns.lock().destructor {
            // SAFETY: the destructor set with UI_method_set_data_duplicator
            // frees the data its duplicator returned.
            ffi::call_c(d, (uip, old.0));
        }
    }
    Ok(())
}

/// UI_get_method returns the UI's method.
#[no_mangle]
pub extern "C" fn UI_get_method(ui: *mut UI) -> *const UI_METHOD {
    ffi_boundary!("UI_get_method", {
        Ok(ffi::borrow(ui)?.method_ptr() as *const UI_METHOD)
    })
}

/// UI_set_method sets the UI's method and returns it.
#[no_mangle]
pub extern "C" fn UI_set_method(ui: *mut UI, meth: *const UI_METHOD) -> *const UI_METHOD {
    ffi_boundary!("UI_set_method", {
        ffi::borrow(meth)?;
        *ffi::borrow(ui)?.method.lock() = Ptr(meth as *mut c_void);
        Ok(meth)
    })
}

/// UI_add_user_data attaches `user_data` (for the method's functions) and
/// returns the data it replaces.
#[no_mangle]
pub extern "C" fn UI_add_user_data(ui: *mut UI, user_data: *mut c_void) -> *mut c_void {
    ffi_boundary!("UI_add_user_data", {
        let u = ffi::borrow(ui)?;
        let dup = u
            .flags
            .fetch_and(!UI_FLAG_DUPL_DATA, std::sync::atomic::Ordering::Relaxed)
            & UI_FLAG_DUPL_DATA
            != 0;
        let old = std::mem::replace(&mut *u.user_data.lock(), Ptr(user_data));
        if dup {
            let m = ffi::borrow(u.method_ptr())?;
            if let Some(d) = m.fns.lock().destructor {
                // SAFETY: as in UI_free: the method's destructor frees its copy.
                ffi::call_c(d, (ui, old.0));
            }
            return Ok(std::ptr::null_mut());
        }
        Ok(old.0)
    })
}

/// UI_dup_user_data attaches a copy of `user_data` made by the method's
/// duplicator; 0 on success, -1 if the method has none or it fails.
#[no_mangle]
pub extern "C" fn UI_dup_user_data(ui: *mut UI, user_data: *mut c_void) -> c_int {
    ffi_boundary!("UI_dup_user_data", -1, {
        let u = ffi::borrow(ui)?;
        let f = *ffi::borrow(u.method_ptr())?.fns.lock();
        let (Some(dup), Some(_)) = (f.duplicator, f.destructor) else {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_UI,
                112, // UI_R_USER_DATA_DUPLICATION_UNSUPPORTED
            ));
        };
        // SAFETY: the duplicator set with UI_method_set_data_duplicator.
        let copy = ffi::call_c(dup, (ui, user_data));
        if copy.is_null() {
            return Err(Error::internal("the UI data duplicator failed"));
        }
        drop_dup_data(ui)?;
        *u.user_data.lock() = Ptr(copy);
        u.flags
            .fetch_or(UI_FLAG_DUPL_DATA, std::sync::atomic::Ordering::Relaxed);
        Ok(0)
    })
}

/// UI_get0_user_data returns the data attached with `UI_add_user_data`.
#[no_mangle]
pub extern "C" fn UI_get0_user_data(ui: *mut UI) -> *mut c_void {
    ffi_boundary!("UI_get0_user_data", {
        Ok(ffi::borrow(ui)?.user_data.lock().0)
    })
}

fn add_string(
    ui: *mut UI,
    kind: c_int,
    text: *const c_char,
    flags: c_int,
    result_buf: *mut c_char,
    minsize: c_int,
    maxsize: c_int,
    test_buf: *const c_char,
) -> Result<c_int, Error> {
    let u = ffi::borrow(ui)?;
    let text = CString::new(ffi::cstr_bytes(text)?.to_vec()).unwrap_or_default();
    u.add(ui_string_st {
        kind,
        text,
        flags,
        result_buf: Ptr(result_buf.cast()),
        minsize,
        maxsize,
        test_buf: Ptr(test_buf as *mut c_void),
        result_len: AtomicI32::new(0),
    })
}

/// UI_add_input_string adds a prompt whose answer (`minsize` to `maxsize`
/// bytes) goes to `result_buf` (`maxsize + 1` bytes); it returns the new
/// number of strings, or a value <= 0 on error. `UI_dup_input_string` is
/// the same (the prompt is always copied).
#[no_mangle]
pub extern "C" fn UI_add_input_string(
    ui: *mut UI,
    prompt: *const c_char,
    flags: c_int,
    result_buf: *mut c_char,
    minsize: c_int,
    maxsize: c_int,
) -> c_int {
    ffi_boundary!("UI_add_input_string", -1, {
        add_string(
            ui,
            UIT_PROMPT,
            prompt,
            flags,
            result_buf,
            minsize,
            maxsize,
            std::ptr::null(),
        )
    })
}

/// UI_dup_input_string: as `UI_add_input_string`.
#[no_mangle]
pub extern "C" fn UI_dup_input_string(
    ui: *mut UI,
    prompt: *const c_char,
    flags: c_int,
    result_buf: *mut c_char,
    minsize: c_int,
    maxsize: c_int,
) -> c_int {
    ffi_boundary!("UI_dup_input_string", -1, {
        add_string(
            ui,
            UIT_PROMPT,
            prompt,
            flags,
            result_buf,
            minsize,
            maxsize,
            std::ptr::null(),
        )
    })
}

/// UI_add_verify_string adds a prompt whose answer must equal `test_buf`.
#[no_mangle]
pub extern "C" fn UI_add_verify_string(
    ui: *mut UI,
    prompt: *const c_char,
    flags: c_int,
    result_buf: *mut c_char,
    minsize: c_int,
    maxsize: c_int,
    test_buf: *const c_char,
) -> c_int {
    ffi_boundary!("UI_add_verify_string", -1, {
        add_string(
            ui, UIT_VERIFY, prompt, flags, result_buf, minsize, maxsize, test_buf,
        )
    })
}

/// UI_dup_verify_string: as `UI_add_verify_string`.
#[no_mangle]
pub extern "C" fn UI_dup_verify_string(
    ui: *mut UI,
    prompt: *const c_char,
    flags: c_int,
    result_buf: *mut c_char,
    minsize: c_int,
    maxsize: c_int,
    test_buf: *const c_char,
) -> c_int {
    ffi_boundary!("UI_dup_verify_string", -1, {
        add_string(
            ui, UIT_VERIFY, prompt, flags, result_buf, minsize, maxsize, test_buf,
        )
    })
}

/// UI_add_info_string adds a message to show.
#[no_mangle]
pub extern "C" fn UI_add_info_string(ui: *mut UI, text: *const c_char) -> c_int {
    ffi_boundary!("UI_add_info_string", -1, {
        add_string(
            ui,
            UIT_INFO,
            text,
            0,
            std::ptr::null_mut(),
            0,
            0,
            std::ptr::null(),
        )
    })
}

/// UI_dup_info_string: as `UI_add_info_string`.
#[no_mangle]
pub extern "C" fn UI_dup_info_string(ui: *mut UI, text: *const c_char) -> c_int {
    ffi_boundary!("UI_dup_info_string", -1, {
        add_string(
            ui,
            UIT_INFO,
            text,
            0,
            std::ptr::null_mut(),
            0,
            0,
            std::ptr::null(),
        )
    })
}

/// UI_add_error_string adds an error message to show.
#[no_mangle]
pub extern "C" fn UI_add_error_string(ui: *mut UI, text: *const c_char) -> c_int {
    ffi_boundary!("UI_add_error_string", -1, {
        add_string(
            ui,
            UIT_ERROR,
            text,
            0,
            std::ptr::null_mut(),
            0,
            0,
            std::ptr::null(),
        )
    })
}

/// UI_dup_error_string: as `UI_add_error_string`.
#[no_mangle]
pub extern "C" fn UI_dup_error_string(ui: *mut UI, text: *const c_char) -> c_int {
    ffi_boundary!("UI_dup_error_string", -1, {
        add_string(
            ui,
            UIT_ERROR,
            text,
            0,
            std::ptr::null_mut(),
            0,
            0,
            std::ptr::null(),
        )
    })
}

/// UI_construct_prompt returns "Enter <phrase_desc> for <object_name>:"
/// (or the method's prompt constructor's answer), in OPENSSL_malloc memory.
#[no_mangle]
pub extern "C" fn UI_construct_prompt(
    ui: *mut UI,
    phrase_desc: *const c_char,
    object_name: *const c_char,
) -> *mut c_char {
    ffi_boundary!("UI_construct_prompt", {
        if !ui.is_null() {
            let m = ffi::borrow(ui)?.method_ptr();
            if let Some(c) = ffi::borrow(m)?.fns.lock().prompt {
                // SAFETY: the constructor set with
                // UI_method_set_prompt_constructor, called as OpenSSL does.
                return Ok(ffi::call_c(c, (ui, phrase_desc, object_name)));
            }
        }
        if phrase_desc.is_null() {
            return Ok(std::ptr::null_mut());
        }
        let desc = ffi::cstr_bytes(phrase_desc)?;
        let name = if object_name.is_null() {
            None
        } else {
            Some(ffi::cstr_bytes(object_name)?)
        };
        Ok(ffi::malloc_copy(&ui::default_prompt(desc, name), true) as *mut c_char)
    })
}

/// UI_process shows the strings and reads the answers through the method:
/// 0 on success, -1 on error, -2 if interrupted or the method cannot read.
#[no_mangle]
pub extern "C" fn UI_process(ui: *mut UI) -> c_int {
    ffi_boundary!("UI_process", -1, { ui::process(ui) })
}

/// UI_ctrl: `UI_CTRL_PRINT_ERRORS` (sets the flag, returns the old one) and
/// `UI_CTRL_IS_REDOABLE` (whether a failed `UI_process` may be retried);
/// other commands fail with -1.
#[no_mangle]
pub extern "C" fn UI_ctrl(
    ui: *mut UI,
    cmd: c_int,
    i: c_long,
    _p: *mut c_void,
    _f: Option<unsafe extern "C" fn()>,
) -> c_int {
    ffi_boundary!("UI_ctrl", -1, { ffi::borrow(ui)?.ctrl(cmd, i) })
}

fn nth(ui: *mut UI, i: c_int) -> Result<*mut UI_STRING, Error> {
    let v = ffi::borrow(ui)?.string_ptrs();
    if i < 0 {
        return Err(Error::new(
            crate::abi::reasons::ERR_LIB_UI,
            UI_R_INDEX_TOO_SMALL,
        ));
    }
    v.get(i as usize)
        .copied()
        .ok_or_else(|| Error::new(crate::abi::reasons::ERR_LIB_UI, UI_R_INDEX_TOO_LARGE))
}

/// UI_get0_result returns the answer to string `i` (NULL on a bad index).
#[no_mangle]
pub extern "C" fn UI_get0_result(ui: *mut UI, i: c_int) -> *const c_char {
    ffi_boundary!("UI_get0_result", {
        Ok(ffi::borrow(nth(ui, i)?)?.result_ptr())
    })
}

/// UI_get_result_length returns the length of the answer to string `i`.
#[no_mangle]
pub extern "C" fn UI_get_result_length(ui: *mut UI, i: c_int) -> c_int {
    ffi_boundary!("UI_get_result_length", -1, {
        Ok(ffi::borrow(nth(ui, i)?)?.result_len())
    })
}

/// UI_get_string_type returns the string's `UIT_*` type.
#[no_mangle]
pub extern "C" fn UI_get_string_type(uis: *mut UI_STRING) -> c_int {
    ffi_boundary!("UI_get_string_type", UIT_NONE, {
        Ok(ffi::borrow(uis)?.kind)
    })
}

/// UI_get_input_flags returns the string's `UI_INPUT_FLAG_*` flags.
#[no_mangle]
pub extern "C" fn UI_get_input_flags(uis: *mut UI_STRING) -> c_int {
    ffi_boundary!("UI_get_input_flags", 0, { Ok(ffi::borrow(uis)?.flags) })
}

/// UI_get0_output_string returns the prompt or message text.
#[no_mangle]
pub extern "C" fn UI_get0_output_string(uis: *mut UI_STRING) -> *const c_char {
    ffi_boundary!("UI_get0_output_string", {
        Ok(ffi::borrow(uis)?.text.as_ptr())
    })
}

/// UI_get0_action_string returns NULL: boolean prompts (the only strings
/// with an action) are not offered.
#[no_mangle]
pub extern "C" fn UI_get0_action_string(uis: *mut UI_STRING) -> *const c_char {
    ffi_boundary!("UI_get0_action_string", {
        ffi::borrow(uis)?;
        Ok(std::ptr::null())
    })
}

/// UI_get0_result_string returns the answer of a prompt (NULL for others).
#[no_mangle]
pub extern "C" fn UI_get0_result_string(uis: *mut UI_STRING) -> *const c_char {
    ffi_boundary!("UI_get0_result_string", {
        Ok(ffi::borrow(uis)?.result_ptr())
    })
}

/// UI_get_result_string_length returns the answer's length (-1 for
/// strings that take none).
#[no_mangle]
pub extern "C" fn UI_get_result_string_length(uis: *mut UI_STRING) -> c_int {
    ffi_boundary!("UI_get_result_string_length", -1, {
        Ok(ffi::borrow(uis)?.result_len())
    })
}

/// UI_get0_test_string returns what a verify prompt's answer must equal
/// (NULL for other strings).
#[no_mangle]
pub extern "C" fn UI_get0_test_string(uis: *mut UI_STRING) -> *const c_char {
    ffi_boundary!("UI_get0_test_string", {
        let s = ffi::borrow(uis)?;
        Ok(if s.kind == UIT_VERIFY {
            s.test_buf.0 as *const c_char
        } else {
            std::ptr::null()
        })
    })
}

/// UI_get_result_minsize returns a prompt's minimum answer length (-1 for
/// other strings).
#[no_mangle]
pub extern "C" fn UI_get_result_minsize(uis: *mut UI_STRING) -> c_int {
    ffi_boundary!("UI_get_result_minsize", -1, {
        let s = ffi::borrow(uis)?;
        Ok(if matches!(s.kind, UIT_PROMPT | UIT_VERIFY) {
            s.minsize
        } else {
            -1
        })
    })
}

/// UI_get_result_maxsize returns a prompt's maximum answer length (-1 for
/// other strings).
#[no_mangle]
pub extern "C" fn UI_get_result_maxsize(uis: *mut UI_STRING) -> c_int {
    ffi_boundary!("UI_get_result_maxsize", -1, {
        let s = ffi::borrow(uis)?;
        Ok(if matches!(s.kind, UIT_PROMPT | UIT_VERIFY) {
            s.maxsize
        } else {
            -1
        })
    })
}

/// UI_set_result stores the answer `result` for the prompt `uis`: 0 on
/// success, -1 if its length is outside the prompt's bounds.
#[no_mangle]
pub extern "C" fn UI_set_result(ui: *mut UI, uis: *mut UI_STRING, result: *const c_char) -> c_int {
    ffi_boundary!("UI_set_result", -1, {
        let r = ffi::cstr_bytes(result)?;
        ffi::borrow(uis)?.set_result(ffi::borrow(ui)?, r)?;
        Ok(0)
    })
}

/// UI_set_result_ex is `UI_set_result` with the answer's length given.
#[no_mangle]
pub extern "C" fn UI_set_result_ex(
    ui: *mut UI,
    uis: *mut UI_STRING,
    result: *const c_char,
    len: c_int,
) -> c_int {
    ffi_boundary!("UI_set_result_ex", -1, {
        let r = ffi::slice(result as *const u8, len)?;
        ffi::borrow(uis)?.set_result(ffi::borrow(ui)?, r)?;
        Ok(0)
    })
}

/// UI_UTIL_read_pw prompts with `prompt` on the default method (twice if
/// `verify`, the second answer into `buff`): 0 on success, else the
/// negative `UI_process` result.
#[no_mangle]
pub extern "C" fn UI_UTIL_read_pw(
    buf: *mut c_char,
    buff: *mut c_char,
    size: c_int,
    prompt: *const c_char,
    verify: c_int,
) -> c_int {
    ffi_boundary!("UI_UTIL_read_pw", -1, {
        read_pw(buf, buff, 0, size, prompt, verify)
    })
}

fn read_pw(
    buf: *mut c_char,
    buff: *mut c_char,
    min: c_int,
    size: c_int,
    prompt: *const c_char,
    verify: c_int,
) -> Result<c_int, Error> {
    if size < 1 {
        return Ok(-1);
    }
    let u = Box::into_raw(Box::new(ui::ui_st::new(std::ptr::null_mut())));
    let mut ok = add_string(
        u,
        UIT_PROMPT,
        prompt,
        0,
        buf,
        min,
        size - 1,
        std::ptr::null(),
    );
    if matches!(ok, Ok(n) if n >= 0) && verify != 0 {
        ok = add_string(u, UIT_VERIFY, prompt, 0, buff, min, size - 1, buf);
    }
    if matches!(ok, Ok(n) if n >= 0) {
        ok = ui::process(u);
    }
    ffi::free_box(u);
    Ok(ok?.min(0))
}

/// UI_UTIL_read_pw_string: `UI_UTIL_read_pw` with its own verify buffer.
#[no_mangle]
pub extern "C" fn UI_UTIL_read_pw_string(
    buf: *mut c_char,
    length: c_int,
    prompt: *const c_char,
    verify: c_int,
) -> c_int {
    ffi_boundary!("UI_UTIL_read_pw_string", -1, {
        let mut buff = vec![0u8; length.max(1) as usize];
        read_pw(buf, buff.as_mut_ptr().cast(), 0, length, prompt, verify)
    })
}
