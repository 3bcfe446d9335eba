//! `conf.h` (`NCONF_*`, `CONF_get1_default_config_file`) and the `x509v3.h` calls that read a `CONF`
//! (`X509V3_set_nconf`, `X509V3_EXT_add_nconf`; `X509V3_set_ctx` is in x509v3.rs).

use crate::abi::consts::X509V3_CTX_TEST;
use crate::abi::reasons::{ERR_LIB_CONF, ERR_LIB_X509V3, X509V3_R_NO_CONFIG_DATABASE};
use crate::crypto::conf::CONF;
use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::entry::crypto::x509v3::X509V3_CTX;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_void};

/// NCONF_new returns an empty configuration (the method is ignored: the
/// default one), freed with `NCONF_free`.
#[no_mangle]
pub extern "C" fn NCONF_new(_meth: *mut c_void) -> *mut CONF {
    ffi_boundary!("NCONF_new", { Ok(Box::into_raw(Box::<CONF>::default())) })
}

/// NCONF_free frees `conf` and the strings and sections it handed out
/// (NULL: no-op).
#[no_mangle]
pub extern "C" fn NCONF_free(conf: *mut CONF) {
    ffi_boundary!("NCONF_free", {
        ffi::free_box(conf);
        Ok(())
    })
}

/// NCONF_load parses the file `file` into `conf` (OpenSSL's format, by
/// aws-lc's parser: `[section]`, `name = value`, `$var`). 1, or 0 with
/// `*eline` (if not NULL) the line of the error (0: unreadable file).
#[no_mangle]
pub extern "C" fn NCONF_load(conf: *mut CONF, file: *const c_char, eline: *mut c_long) -> c_int {
    ffi_boundary!("NCONF_load", 0, {
        let c = ffi::borrow(conf)?;
        let path = ffi::cstr_c(file)?;
        ffi::write_out(eline, 0);
        c.load(path)?;
        Ok(1)
    })
}

/// NCONF_get_string returns the value of `name` in section `group` (NULL:
/// the default section), falling back to the "default" section; the string
/// belongs to `conf`. NULL (CONF_R_NO_VALUE queued) if absent.
#[no_mangle]
pub extern "C" fn NCONF_get_string(
    conf: *const CONF,
    group: *const c_char,
    name: *const c_char,
) -> *mut c_char {
    ffi_boundary!("NCONF_get_string", {
        let c = ffi::borrow(conf)?;
        let group = if group.is_null() {
            None
        } else {
            Some(ffi::cstr_c(group)?)
        };
        Ok(c.get_string(group, ffi::cstr_c(name)?)? as *mut c_char)
    })
}

/// NCONF_get_number_e stores in `*result` the number (its leading decimal
/// digits) `name` holds in `group` (as `NCONF_get_string` finds it). 1 or 0.
#[no_mangle]
pub extern "C" fn NCONF_get_number_e(
    conf: *const CONF,
    group: *const c_char,
    name: *const c_char,
    result: *mut c_long,
) -> c_int {
    ffi_boundary!("NCONF_get_number_e", 0, {
        if result.is_null() {
            return Err(Error::null_pointer());
        }
        let c = ffi::borrow(conf)?;
        let group = if group.is_null() {
            None
        } else {
            Some(ffi::cstr_c(group)?)
        };
        let n = c.get_number(group, ffi::cstr_c(name)?)?;
        ffi::write_out(result, n);
        Ok(1)
    })
}

/// NCONF_get_section returns the lines of `section` as a
/// `STACK_OF(CONF_VALUE)` owned by `conf` (do not free it), or NULL.
#[no_mangle]
pub extern "C" fn NCONF_get_section(conf: *const CONF, section: *const c_char) -> *mut stack_st {
    ffi_boundary!("NCONF_get_section", {
        if section.is_null() {
            return Err(Error::new(
                ERR_LIB_CONF,
                crate::abi::reasons::CONF_R_NO_SECTION,
            ));
        }
        ffi::borrow(conf)?.section(ffi::cstr_c(section)?)
    })
}

/// The `db_meth` marker `X509V3_set_nconf` stores: the `db` is a ferrossl `CONF`.
static NCONF_METHOD: u8 = 0;

/// X509V3_set_nconf makes `conf` the configuration `ctx`'s extension
/// values may refer to (sections named by `@section`).
#[no_mangle]
pub extern "C" fn X509V3_set_nconf(ctx: *mut c_void, conf: *mut CONF) {
    ffi_boundary!("X509V3_set_nconf", (), {
        let ctx = ctx as *mut X509V3_CTX;
        let mut c = ffi::read_in(ctx).ok_or_else(Error::null_pointer)?;
        c.db_meth = &NCONF_METHOD as *const u8 as *mut c_void;
        c.db = conf as *mut c_void;
        ffi::write_out(ctx, c);
        Ok(())
    })
}

/// X509V3_EXT_add_nconf parses the extensions of `section` (`name = value`
/// lines) of `conf`. Supported: checking them (`cert` NULL, as
/// `X509V3_set_ctx_test` sets up: 1 if every line parses, by aws-lc's
/// X509V3 code). Adding them to a certificate (`cert` not NULL) is not:
/// 0 with an error.
#[no_mangle]
pub extern "C" fn X509V3_EXT_add_nconf(
    conf: *mut CONF,
    ctx: *mut c_void,
    section: *const c_char,
    cert: *mut c_void,
) -> c_int {
    ffi_boundary!("X509V3_EXT_add_nconf", 0, {
        let ctx = ctx as *mut X509V3_CTX;
        let c = ffi::borrow(conf)?;
        let x = ffi::read_in(ctx).ok_or_else(Error::null_pointer)?;
        if x.db.is_null() {
            return Err(Error::new(ERR_LIB_X509V3, X509V3_R_NO_CONFIG_DATABASE));
        }
        if !cert.is_null() {
            return Err(Error::unsupported("X509V3_EXT_add_nconf to a certificate"));
        }
        c.check_extensions(ffi::cstr_c(section)?, x.flags | X509V3_CTX_TEST)?;
        Ok(1)
    })
}

/// CONF_get1_default_config_file returns the configuration file OpenSSL
/// would load: `$OPENSSL_CONF`, else "/usr/lib/ssl/openssl.cnf" (Debian's
/// OPENSSLDIR), as a new string the caller frees with `OPENSSL_free`.
#[no_mangle]
pub extern "C" fn CONF_get1_default_config_file() -> *mut c_char {
    ffi_boundary!("CONF_get1_default_config_file", {
        let path = match std::env::var_os("OPENSSL_CONF") {
            Some(p) => std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec(),
            None => b"/usr/lib/ssl/openssl.cnf".to_vec(),
        };
        Ok(ffi::malloc_copy(&path, true).cast())
    })
}
