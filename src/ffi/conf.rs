//! aws-lc's `CONF` (OpenSSL's configuration-file format: sections,
//! `name = value`, `$var` expansion), owned safely: the parser behind
//! ferrossl's `NCONF_*`. ferrossl keeps OpenSSL's lookup rules around it
//! (the "default" section as fallback) in src/crypto/conf.rs.

use super::pkey::{take_error, LcError};
use aws_lc_sys as sys;
use std::ffi::{c_char, c_int, c_long, CStr};
use std::ptr::{self, NonNull};

/// An aws-lc `CONF`.
pub struct Conf(NonNull<sys::CONF>);
// SAFETY: aws-lc's CONF is only read after loading, and loading takes `&mut`.
unsafe impl Send for Conf {}
// SAFETY: as above.
unsafe impl Sync for Conf {}

impl Drop for Conf {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::NCONF_free(self.0.as_ptr()) }
    }
}

/// One `name = value` line of a section, as aws-lc keeps it: the three
/// strings live as long as the `Conf`.
#[derive(Clone, Copy)]
pub struct Value {
    pub section: *const c_char,
    pub name: *const c_char,
    pub value: *const c_char,
}

impl Conf {
    /// aws-lc's CONF, borrowed for a call (src/ffi/x509.rs).
    pub(super) fn ptr(&self) -> *mut sys::CONF {
        self.0.as_ptr()
    }

    pub fn new() -> Result<Conf, LcError> {
        // SAFETY: NULL asks for the default method.
        NonNull::new(unsafe { sys::NCONF_new(ptr::null_mut()) })
            .map(Conf)
            .ok_or_else(take_error)
    }

    /// `NCONF_load` of `path`; on failure the line of the error (0: the
    /// file could not be read) and aws-lc's error.
    pub fn load(&mut self, path: &CStr) -> Result<(), (c_long, LcError)> {
        let mut line: c_long = 0;
        // SAFETY: a live CONF, a NUL-terminated path, a writable line.
        let r = unsafe { sys::NCONF_load(self.0.as_ptr(), path.as_ptr(), &mut line) };
        if r == 1 {
            Ok(())
        } else {
            Err((line, take_error()))
        }
    }

    /// `NCONF_load_bio` of `data` (the caller's BIO, read into memory) through
    /// an aws-lc memory BIO; errors as `load`.
    pub fn load_bytes(&mut self, data: &[u8]) -> Result<(), (c_long, LcError)> {
        let len = isize::try_from(data.len()).map_err(|_| (0, LcError::default()))?;
        // SAFETY: a read-only memory BIO over `data`, which outlives it.
        let bio = unsafe { sys::BIO_new_mem_buf(data.as_ptr().cast(), len) };
        if bio.is_null() {
            return Err((0, take_error()));
        }
        let mut line: c_long = 0;
        // SAFETY: a live CONF and BIO, a writable line; the BIO is freed once.
        let r = unsafe {
            let r = sys::NCONF_load_bio(self.0.as_ptr(), bio, &mut line);
            sys::BIO_free(bio);
            r
        };
        if r == 1 {
            Ok(())
        } else {
            Err((line, take_error()))
        }
    }

    /// The value of `name` in `section` (None: the unnamed default
    /// section), valid while `self` lives; None if absent.
    pub fn get(&self, section: Option<&CStr>, name: &CStr) -> Option<*const c_char> {
        // SAFETY: a live CONF and NUL-terminated strings; the answer is
        // owned by the CONF.
        let v = unsafe {
            sys::NCONF_get_string(
                self.0.as_ptr(),
                section.map_or(ptr::null(), CStr::as_ptr),
                name.as_ptr(),
            )
        };
        let _ = take_error();
        (!v.is_null()).then_some(v)
    }

    /// The lines of `section` in file order; None if there is no such
    /// section.
    pub fn section(&self, section: &CStr) -> Option<Vec<Value>> {
        // SAFETY: a live CONF; the stack and its CONF_VALUEs are owned by
        // it and only read here.
        let out = unsafe {
            let sk = sys::NCONF_get_section(self.0.as_ptr(), section.as_ptr());
            if sk.is_null() {
                None
            } else {
                let sk = sk as *const sys::OPENSSL_STACK;
                let n = sys::OPENSSL_sk_num(sk);
                let mut v = Vec::with_capacity(n);
                for i in 0..n {
                    let cv = sys::OPENSSL_sk_value(sk, i) as *const sys::CONF_VALUE;
                    if let Some(cv) = cv.as_ref() {
                        v.push(Value {
                            section: cv.section,
                            name: cv.name,
                            value: cv.value,
                        });
                    }
                }
                Some(v)
            }
        };
        let _ = take_error();
        out
    }

    /// aws-lc's `X509V3_EXT_add_nconf` in test mode (`X509V3_CTX_TEST`, no
    /// certificate): whether every extension of `section` parses. The
    /// error of the first that does not.
    pub fn check_extensions(&self, section: &CStr, flags: c_int) -> Result<(), LcError> {
        // SAFETY: a zeroed context is aws-lc's "no certificates"; it only
        // borrows the CONF for the call.
        let r = unsafe {
            let mut ctx: sys::X509V3_CTX = std::mem::zeroed();
            sys::X509V3_set_ctx(
                &mut ctx,
                ptr::null(),
                ptr::null(),
                ptr::null(),
                ptr::null(),
                flags,
            );
            sys::X509V3_set_nconf(&mut ctx, self.0.as_ptr());
            sys::X509V3_EXT_add_nconf(self.0.as_ptr(), &ctx, section.as_ptr(), ptr::null_mut())
        };
        if r == 1 {
            let _ = take_error();
            Ok(())
        } else {
            Err(take_error())
        }
    }
}

/// One `name[:value]` pair of [`parse_list`] (either may be absent).
pub type NameValue = (Option<Vec<u8>>, Option<Vec<u8>>);

/// aws-lc's `X509V3_parse_list` (OpenSSL's v3_utl.c): the `name[:value]`
/// pairs of a comma-separated line, copied out; None if it does not parse.
pub fn parse_list(line: &CStr) -> Option<Vec<NameValue>> {
    let copy = |p: *const c_char| {
        // SAFETY: NULL or a NUL-terminated string of the CONF_VALUE.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
    };
    // SAFETY: `line` is a C string; the stack and its values are ours, read
    // and then freed with aws-lc's X509V3_conf_free.
    let out = unsafe {
        let sk = sys::X509V3_parse_list(line.as_ptr());
        if sk.is_null() {
            None
        } else {
            let osk = sk as *mut sys::OPENSSL_STACK;
            let n = sys::OPENSSL_sk_num(osk);
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                let cv = sys::OPENSSL_sk_value(osk, i) as *mut sys::CONF_VALUE;
                if let Some(c) = cv.as_ref() {
                    v.push((copy(c.name), copy(c.value)));
                }
                sys::X509V3_conf_free(cv);
            }
            sys::OPENSSL_sk_free(osk);
            Some(v)
        }
    };
    let _ = take_error();
    out
}
