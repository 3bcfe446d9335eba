//! `CONF` (`NCONF_*`): an OpenSSL configuration file, parsed by aws-lc
//! (src/ffi/conf.rs), looked up with OpenSSL's rules: a name missing from
//! its section is looked for in the "default" section, numbers are their
//! leading decimal digits, and a section is handed to C as a
//! `STACK_OF(CONF_VALUE)` the `CONF` owns.

use crate::abi::reasons::ERR_LIB_CONF;
use crate::abi::reasons::{
    CONF_R_NO_CONF, CONF_R_NO_SECTION, CONF_R_NO_SUCH_FILE, CONF_R_NO_VALUE,
    CONF_R_NUMBER_TOO_LARGE,
};
use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::ffi::conf::Conf;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::ffi::{c_char, c_long, c_void, CStr};
use std::sync::Arc;

/// OpenSSL's `CONF_VALUE`, the element of the stacks `NCONF_get_section`
/// returns (its strings belong to the `CONF`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CONF_VALUE {
    pub section: *mut c_char,
    pub name: *mut c_char,
    pub value: *mut c_char,
}

/// A section handed to C: the stack and the values it points at (the
/// vector is never resized, so the pointers stay valid).
struct Section {
    stack: Arc<stack_st>,
    _values: Vec<CONF_VALUE>,
}

/// The `CONF` handle: empty until `NCONF_load`.
#[derive(Default)]
pub struct conf_st {
    conf: Mutex<Option<Conf>>,
    sections: Mutex<HashMap<Vec<u8>, Section>>,
}
crate::handle!(Owned: conf_st);
pub type CONF = conf_st;

impl conf_st {
    /// Runs `f` on aws-lc's CONF (None before `NCONF_load`).
    pub fn with_lc<R>(&self, f: impl FnOnce(Option<&Conf>) -> R) -> R {
        f(self.conf.lock().as_ref())
    }

    /// Loads `path`, replacing what was loaded before (as OpenSSL).
    pub fn load(&self, path: &CStr) -> Result<(), Error> {
        self.load_with(|c| c.load(path), &path.to_string_lossy())
    }

    /// `NCONF_load_bio`: loads the text `data`, replacing what was loaded.
    pub fn load_bytes(&self, data: &[u8]) -> Result<(), Error> {
        self.load_with(|c| c.load_bytes(data), "<BIO>")
    }

    fn load_with(
        &self,
        f: impl FnOnce(&mut Conf) -> Result<(), (std::ffi::c_long, crate::ffi::pkey::LcError)>,
        what: &str,
    ) -> Result<(), Error> {
        let mut c = Conf::new().map_err(|_| Error::new(ERR_LIB_CONF, CONF_R_NO_CONF))?;
        f(&mut c).map_err(|(line, e)| {
            if line <= 0 {
                Error::new(ERR_LIB_CONF, CONF_R_NO_SUCH_FILE).data(what)
            } else {
                Error::new(ERR_LIB_CONF, crate::abi::reasons::CONF_R_MISSING_EQUAL_SIGN)
                    .data(&format!("line {line} ({})", e.text))
            }
        })?;
        self.sections.lock().clear();
        *self.conf.lock() = Some(c);
        Ok(())
    }

    /// `NCONF_get_string`: `name` in `group` (None: the default section),
    /// else in "default"; the string lives as long as the loaded file.
    pub fn get_string(&self, group: Option<&CStr>, name: &CStr) -> Result<*const c_char, Error> {
        let g = self.conf.lock();
        let c = g
            .as_ref()
            .ok_or_else(|| Error::new(ERR_LIB_CONF, CONF_R_NO_CONF))?;
        c.get(group, name)
            .or_else(|| group.and_then(|_| c.get(None, name)))
            .ok_or_else(|| {
                Error::new(ERR_LIB_CONF, CONF_R_NO_VALUE).data(&format!(
                    "group={} name={}",
                    group.map_or("".into(), |g| g.to_string_lossy()),
                    name.to_string_lossy()
                ))
            })
    }

    /// `NCONF_get_number_e`: the leading decimal digits of the value.
    pub fn get_number(&self, group: Option<&CStr>, name: &CStr) -> Result<c_long, Error> {
        let p = self.get_string(group, name)?;
        // the string belongs to the loaded file, alive while `self` is
        let s = crate::ffi::cstr(p)?;
        let mut n: c_long = 0;
        for d in s.bytes().take_while(u8::is_ascii_digit) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(c_long::from(d - b'0')))
                .ok_or_else(|| Error::new(ERR_LIB_CONF, CONF_R_NUMBER_TOO_LARGE))?;
        }
        Ok(n)
    }

    /// `NCONF_get_section`: the section's lines as a stack the handle owns.
    pub fn section(&self, name: &CStr) -> Result<*mut stack_st, Error> {
        let key = name.to_bytes().to_vec();
        let mut secs = self.sections.lock();
        if let Some(s) = secs.get(&key) {
            return Ok(Arc::as_ptr(&s.stack) as *mut stack_st);
        }
        let g = self.conf.lock();
        let c = g
            .as_ref()
            .ok_or_else(|| Error::new(ERR_LIB_CONF, CONF_R_NO_CONF))?;
        let lines = c.section(name).ok_or_else(|| {
            Error::new(ERR_LIB_CONF, CONF_R_NO_SECTION)
                .data(&format!("section={}", name.to_string_lossy()))
        })?;
        let mut values: Vec<CONF_VALUE> = lines
            .iter()
            .map(|v| CONF_VALUE {
                section: v.section as *mut c_char,
                name: v.name as *mut c_char,
                value: v.value as *mut c_char,
            })
            .collect();
        let ptrs = values
            .iter_mut()
            .map(|b| b as *mut CONF_VALUE as *mut c_void)
            .collect();
        let stack = Arc::new(stack_st::new(ptrs));
        let p = Arc::as_ptr(&stack) as *mut stack_st;
        secs.insert(
            key,
            Section {
                stack,
                _values: values,
            },
        );
        Ok(p)
    }

    /// Whether every extension named in `section` parses (X509V3 test mode).
    pub fn check_extensions(&self, section: &CStr, flags: std::ffi::c_int) -> Result<(), Error> {
        let g = self.conf.lock();
        let c = g
            .as_ref()
            .ok_or_else(|| Error::new(ERR_LIB_CONF, CONF_R_NO_CONF))?;
        c.check_extensions(section, flags).map_err(|e| {
            Error::from_aws_lc(
                crate::abi::reasons::ERR_LIB_X509V3,
                Some((e.reason, e.text.as_str())),
            )
        })
    }
}
