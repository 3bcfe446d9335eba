//! `conf.h` (`NCONF_*`, `CONF_get1_default_config_file`) and the `x509v3.h` calls that read a `CONF`
//! (`X509V3_set_nconf`, `X509V3_EXT_add_nconf`, `X509V3_EXT_nconf` & co; `X509V3_set_ctx` is in x509v3.rs).

use crate::abi::consts::{X509V3_CTX_REPLACE, X509V3_CTX_TEST};
use crate::abi::reasons::{
    ERR_LIB_CONF, ERR_LIB_X509V3, X509V3_R_INVALID_SECTION, X509V3_R_NO_CONFIG_DATABASE,
    X509V3_R_UNKNOWN_EXTENSION,
};
use crate::crypto::conf::CONF;
use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::crypto::x509::{x509_st, X509, X509_EXTENSION};
use crate::entry::crypto::x509v3::X509V3_CTX;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_void, CStr, CString};

/// NCONF_new returns an empty configuration (the method is ignored: the
/// default one), freed with `NCONF_free`.
#[no_mangle]
pub extern "C" fn NCONF_new(_meth: *mut c_void) -> *mut CONF {
    ffi_boundary!("NCONF_new", { Ok(Box::into_raw(Box::<CONF>::default())) })
}

/// NCONF_new_ex is `NCONF_new`; the library context is ignored.
#[no_mangle]
pub extern "C" fn NCONF_new_ex(_libctx: *mut c_void, meth: *mut c_void) -> *mut CONF {
    NCONF_new(meth)
}

/// NCONF_load_bio parses the configuration text read from `bp` (to its
/// end) into `conf`, as `NCONF_load` does a file. 1, or 0 with `*eline`
/// (if not NULL) the line of the error.
#[no_mangle]
pub extern "C" fn NCONF_load_bio(
    conf: *mut CONF,
    bp: *mut crate::crypto::bio::BIO,
    eline: *mut c_long,
) -> c_int {
    ffi_boundary!("NCONF_load_bio", 0, {
        let c = ffi::borrow(conf)?;
        let data = ffi::borrow(bp)?.read_all().unwrap_or_default();
        ffi::write_out(eline, 0);
        c.load_bytes(&data)?;
        Ok(1)
    })
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

/// The extension `name` = `value` aws-lc makes, with the configuration
/// (`conf`, else the one `X509V3_set_nconf` put in `ctx`) and the issuer
/// and subject certificates of `ctx` (NULL: none).
fn ext_from_ctx(
    conf: Option<&CONF>,
    ctx: *mut c_void,
    name: &CStr,
    value: &CStr,
) -> Result<X509_EXTENSION, Error> {
    let c = if ctx.is_null() {
        None
    } else {
        Some(ffi::read_in(ctx as *const X509V3_CTX).ok_or_else(Error::null_pointer)?)
    };
    let marker = &NCONF_METHOD as *const u8 as *mut c_void;
    let conf = conf.or_else(|| {
        c.filter(|c| c.db_meth == marker)
            .and_then(|c| ffi::borrow(c.db as *const CONF).ok())
    });
    let cert = |p: *mut c_void| ffi::borrow(p as *const X509).ok();
    let issuer = c.and_then(|c| cert(c.issuer_cert));
    let subject = c.and_then(|c| cert(c.subject_cert));
    let flags = c.map_or(0, |c| c.flags);
    let run = |lc: Option<&crate::ffi::conf::Conf>| {
        x509_st::ext_from_text(lc, issuer, subject, flags, name, value)
    };
    match conf {
        Some(cf) => cf.with_lc(run),
        None => run(None),
    }
}

/// The short name of extension `nid`, as aws-lc looks it up.
fn ext_name(nid: c_int) -> Result<CString, Error> {
    crate::crypto::asn1::sn(nid)
        .and_then(|s| CString::new(s).ok())
        .ok_or_else(|| {
            Error::new(ERR_LIB_X509V3, X509V3_R_UNKNOWN_EXTENSION).data(&format!("nid={nid}"))
        })
}

/// X509V3_EXT_nconf makes the extension `name` ("subjectAltName",
/// "basicConstraints", ...) from its text form `value` ("DNS:a,IP:1.2.3.4",
/// "critical,CA:TRUE", ...) as OpenSSL's x509v3 code does (aws-lc's,
/// which carries it), with `conf` for `@section` references (NULL: the one
/// in `ctx`) and `ctx`'s certificates for `keyid`/`hash`. A new extension
/// the caller frees with `X509_EXTENSION_free`, or NULL.
#[no_mangle]
pub extern "C" fn X509V3_EXT_nconf(
    conf: *mut CONF,
    ctx: *mut c_void,
    name: *const c_char,
    value: *const c_char,
) -> *mut X509_EXTENSION {
    ffi_boundary!("X509V3_EXT_nconf", {
        let conf = (!conf.is_null()).then(|| ffi::borrow(conf)).transpose()?;
        let e = ext_from_ctx(conf, ctx, ffi::cstr_c(name)?, ffi::cstr_c(value)?)?;
        Ok(Box::into_raw(Box::new(e)))
    })
}

/// X509V3_EXT_nconf_nid is `X509V3_EXT_nconf` with the extension by NID.
#[no_mangle]
pub extern "C" fn X509V3_EXT_nconf_nid(
    conf: *mut CONF,
    ctx: *mut c_void,
    ext_nid: c_int,
    value: *const c_char,
) -> *mut X509_EXTENSION {
    ffi_boundary!("X509V3_EXT_nconf_nid", {
        let conf = (!conf.is_null()).then(|| ffi::borrow(conf)).transpose()?;
        let name = ext_name(ext_nid)?;
        let e = ext_from_ctx(conf, ctx, &name, ffi::cstr_c(value)?)?;
        Ok(Box::into_raw(Box::new(e)))
    })
}

/// X509V3_EXT_conf_nid is `X509V3_EXT_nconf_nid` for the legacy
/// `LHASH_OF(CONF_VALUE)` configuration, which must be NULL here (the
/// configuration of `ctx` is used).
#[no_mangle]
pub extern "C" fn X509V3_EXT_conf_nid(
    conf: *mut c_void,
    ctx: *mut c_void,
    ext_nid: c_int,
    value: *const c_char,
) -> *mut X509_EXTENSION {
    ffi_boundary!("X509V3_EXT_conf_nid", {
        if !conf.is_null() {
            return Err(Error::unsupported(
                "X509V3_EXT_conf_nid with an LHASH configuration",
            ));
        }
        let name = ext_name(ext_nid)?;
        let e = ext_from_ctx(None, ctx, &name, ffi::cstr_c(value)?)?;
        Ok(Box::into_raw(Box::new(e)))
    })
}

/// X509V3_EXT_conf is `X509V3_EXT_nconf` for the legacy
/// `LHASH_OF(CONF_VALUE)` configuration, which must be NULL here.
#[no_mangle]
pub extern "C" fn X509V3_EXT_conf(
    conf: *mut c_void,
    ctx: *mut c_void,
    name: *const c_char,
    value: *const c_char,
) -> *mut X509_EXTENSION {
    ffi_boundary!("X509V3_EXT_conf", {
        if !conf.is_null() {
            return Err(Error::unsupported(
                "X509V3_EXT_conf with an LHASH configuration",
            ));
        }
        let e = ext_from_ctx(None, ctx, ffi::cstr_c(name)?, ffi::cstr_c(value)?)?;
        Ok(Box::into_raw(Box::new(e)))
    })
}

/// X509V3_EXT_add_nconf makes the extensions of `section` (`name = value`
/// lines) of `conf` (by aws-lc's x509v3 code) and adds them to `cert` (with
/// `X509V3_CTX_REPLACE` in `ctx`'s flags, replacing one of the same type).
/// With `cert` NULL (`X509V3_set_ctx_test`) it only checks that every line
/// parses. 1 or 0.
#[no_mangle]
pub extern "C" fn X509V3_EXT_add_nconf(
    conf: *mut CONF,
    ctx: *mut c_void,
    section: *const c_char,
    cert: *mut X509,
) -> c_int {
    ffi_boundary!("X509V3_EXT_add_nconf", 0, {
        let ctxp = ctx as *mut X509V3_CTX;
        let c = ffi::borrow(conf)?;
        let x = ffi::read_in(ctxp).ok_or_else(Error::null_pointer)?;
        if x.db.is_null() {
            return Err(Error::new(ERR_LIB_X509V3, X509V3_R_NO_CONFIG_DATABASE));
        }
        let section = ffi::cstr_c(section)?;
        if cert.is_null() {
            c.check_extensions(section, x.flags | X509V3_CTX_TEST)?;
            return Ok(1);
        }
        let lines = c
            .with_lc(|lc| lc.and_then(|lc| lc.section(section)))
            .ok_or_else(|| Error::new(ERR_LIB_X509V3, X509V3_R_INVALID_SECTION))?;
        for l in lines {
            let (name, value) = (ffi::cstr_c(l.name)?, ffi::cstr_c(l.value)?);
            let e = ext_from_ctx(Some(c), ctx, name, value)?;
            let target = ffi::borrow_mut(cert)?;
            if x.flags & X509V3_CTX_REPLACE != 0 {
                while let Some(i) = target
                    .extensions()
                    .iter()
                    .position(|o| o.object().nid() == e.object().nid())
                {
                    target.delete_ext(i as c_int)?;
                }
            }
            target.add_ext(&e, -1)?;
        }
        Ok(1)
    })
}

/// X509V3_EXT_REQ_add_nconf builds the extensions of `section` (its `name =
/// value` lines) of `conf` and adds them to `req` as its requested
/// extensions (one extensionRequest attribute). 1 or 0.
#[no_mangle]
pub extern "C" fn X509V3_EXT_REQ_add_nconf(
    conf: *mut CONF,
    ctx: *mut c_void,
    section: *const c_char,
    req: *mut crate::crypto::x509::X509_REQ,
) -> c_int {
    ffi_boundary!("X509V3_EXT_REQ_add_nconf", 0, {
        let c = ffi::borrow(conf)?;
        let x = ffi::read_in(ctx as *mut X509V3_CTX).ok_or_else(Error::null_pointer)?;
        if x.db.is_null() {
            return Err(Error::new(ERR_LIB_X509V3, X509V3_R_NO_CONFIG_DATABASE));
        }
        let section = ffi::cstr_c(section)?;
        if req.is_null() {
            c.check_extensions(section, x.flags | X509V3_CTX_TEST)?;
            return Ok(1);
        }
        let lines = c
            .with_lc(|lc| lc.and_then(|lc| lc.section(section)))
            .ok_or_else(|| Error::new(ERR_LIB_X509V3, X509V3_R_INVALID_SECTION))?;
        let mut exts = Vec::new();
        for l in lines {
            let (name, value) = (ffi::cstr_c(l.name)?, ffi::cstr_c(l.value)?);
            exts.push(ext_from_ctx(Some(c), ctx, name, value)?);
        }
        if !exts.is_empty() {
            ffi::borrow(req)?.add_extensions(&exts.iter().collect::<Vec<_>>())?;
        }
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
