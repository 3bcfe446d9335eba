//! `x509_vfy.h`: `X509_STORE`, `X509_OBJECT`, `X509_STORE_CTX` and `X509_VERIFY_PARAM`.

use crate::abi::consts::X509_FILETYPE_ASN1;
use crate::abi::consts::X509_FILETYPE_DEFAULT;
use crate::abi::consts::X509_FILETYPE_PEM;
use crate::abi::consts::X509_L_ADD_DIR;
use crate::abi::consts::X509_L_FILE_LOAD;
use crate::abi::consts::{X509_LU_NONE, X509_LU_X509, X509_V_FLAG_USE_CHECK_TIME};
use crate::abi::consts::{X509_PURPOSE_SSL_CLIENT, X509_PURPOSE_SSL_SERVER};
use crate::abi::reasons::X509_R_NO_CERT_SET_FOR_US_TO_VERIFY;
use crate::abi::reasons::{ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID, X509_R_UNKNOWN_TRUST_ID};
use crate::crypto::err::Error;
use crate::crypto::stack::{stack_st, OPENSSL_STACK};
use crate::crypto::x509::X509_CRL;
use crate::crypto::x509::{x509_st, X509};
use crate::ffi;
use crate::ssl::context::SSL_verify_cb;
use crate::ssl::params::X509_VERIFY_PARAM;
use crate::ssl::store::LOOKUP_FILE;
use crate::ssl::store::LOOKUP_HASH_DIR;
use crate::ssl::store::LOOKUP_STORE;
use crate::ssl::store::X509_LOOKUP;
use crate::ssl::store::X509_LOOKUP_METHOD;
use crate::ssl::store::{x509_object_st, x509_store_st, Backing, X509_OBJECT, X509_STORE};
use crate::ssl::verify::{run, x509_store_ctx_st, Job, Purpose, X509_STORE_CTX};
use parking_lot::Mutex;
use std::ffi::c_long;
use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void};
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// X509_STORE_new returns an empty store the caller frees with
/// `X509_STORE_free`.
#[no_mangle]
pub extern "C" fn X509_STORE_new() -> *mut X509_STORE {
    ffi_boundary!("X509_STORE_new", {
        Ok(ffi::into_raw(Arc::new(x509_store_st::new(Backing::Own(
            Mutex::new(Arc::default()),
        )))))
    })
}

/// X509_STORE_free frees a store from `X509_STORE_new`; NULL, and a
/// context's store (owned by its `SSL_CTX`), are left alone.
#[no_mangle]
pub extern "C" fn X509_STORE_free(store: *mut X509_STORE) {
    ffi_boundary!("X509_STORE_free", {
        if store.is_null() {
            return Ok(());
        }
        if let Backing::Own(_) = ffi::borrow(store)?.backing {
            ffi::release(store);
        }
        Ok(())
    })
}

/// X509_STORE_add_cert makes `x` a trust anchor of `store` (for a context's
/// store: of connections made from then on). `x` is copied, not taken.
/// Returns 1 (also if already present), or 0 on error.
#[no_mangle]
pub extern "C" fn X509_STORE_add_cert(store: *mut X509_STORE, x: *mut X509) -> c_int {
    ffi_boundary!("X509_STORE_add_cert", {
        let der = ffi::borrow(x)?.der().clone();
        ffi::borrow(store)?.add(der)?;
        Ok(1)
    })
}

/// X509_STORE_load_file trusts the certificates of the PEM `file` and adds
/// its CRLs. Returns 1, or 0 if the file cannot be read or holds neither.
#[no_mangle]
pub extern "C" fn X509_STORE_load_file(store: *mut X509_STORE, file: *const c_char) -> c_int {
    ffi_boundary!("X509_STORE_load_file", {
        ffi::borrow(store)?.load(Some(ffi::cstr(file)?), None, false)?;
        Ok(1)
    })
}

/// X509_STORE_load_path trusts the certificates of the PEM files in `dir`.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_load_path(store: *mut X509_STORE, dir: *const c_char) -> c_int {
    ffi_boundary!("X509_STORE_load_path", {
        ffi::borrow(store)?.load(None, Some(ffi::cstr(dir)?), false)?;
        Ok(1)
    })
}

/// X509_STORE_load_locations is `X509_STORE_load_file` and/or
/// `X509_STORE_load_path` (either may be NULL, not both). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_load_locations(
    store: *mut X509_STORE,
    file: *const c_char,
    dir: *const c_char,
) -> c_int {
    ffi_boundary!("X509_STORE_load_locations", {
        let file = if file.is_null() {
            None
        } else {
            Some(ffi::cstr(file)?)
        };
        let dir = if dir.is_null() {
            None
        } else {
            Some(ffi::cstr(dir)?)
        };
        if file.is_none() && dir.is_none() {
            return Err(Error::null_pointer());
        }
        ffi::borrow(store)?.load(file, dir, false)?;
        Ok(1)
    })
}

/// X509_STORE_set_default_paths trusts the system store (honouring
/// `SSL_CERT_FILE` / `SSL_CERT_DIR`). Returns 1.
#[no_mangle]
pub extern "C" fn X509_STORE_set_default_paths(store: *mut X509_STORE) -> c_int {
    ffi_boundary!("X509_STORE_set_default_paths", {
        ffi::borrow(store)?.load(None, None, true)?;
        Ok(1)
    })
}

/// X509_STORE_set_default_paths_ex is `X509_STORE_set_default_paths`
/// (`libctx` and `propq` are ignored: ferrossl has one library context).
#[no_mangle]
pub extern "C" fn X509_STORE_set_default_paths_ex(
    store: *mut X509_STORE,
    _libctx: *mut std::ffi::c_void,
    _propq: *const std::ffi::c_char,
) -> c_int {
    ffi_boundary!("X509_STORE_set_default_paths_ex", {
        ffi::borrow(store)?.load(None, None, true)?;
        Ok(1)
    })
}

/// X509_LOOKUP_file returns the method of a lookup that loads files.
#[no_mangle]
pub extern "C" fn X509_LOOKUP_file() -> *mut X509_LOOKUP_METHOD {
    &LOOKUP_FILE as *const X509_LOOKUP_METHOD as *mut X509_LOOKUP_METHOD
}

/// X509_LOOKUP_hash_dir returns the method of a lookup that loads
/// directories (every PEM file in them, hashed names or not).
#[no_mangle]
pub extern "C" fn X509_LOOKUP_hash_dir() -> *mut X509_LOOKUP_METHOD {
    &LOOKUP_HASH_DIR as *const X509_LOOKUP_METHOD as *mut X509_LOOKUP_METHOD
}

/// X509_STORE_add_lookup returns `store`'s lookup of method `m` (made on
/// first use, owned by the store), or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_add_lookup(
    store: *mut X509_STORE,
    m: *mut X509_LOOKUP_METHOD,
) -> *mut X509_LOOKUP {
    ffi_boundary!("X509_STORE_add_lookup", {
        let s = ffi::clone_arc(store)?;
        let m = ffi::borrow(m)?;
        let method = if m.uri {
            &LOOKUP_STORE
        } else if m.dir {
            &LOOKUP_HASH_DIR
        } else {
            &LOOKUP_FILE
        };
        let mut lookups = s.lookups.lock();
        if let Some(l) = lookups.iter_mut().find(|l| std::ptr::eq(l.method, method)) {
            return Ok(&mut **l as *mut X509_LOOKUP);
        }
        let mut l = Box::new(X509_LOOKUP {
            store: Arc::downgrade(&s),
            method,
        });
        let p = &mut *l as *mut X509_LOOKUP;
        lookups.push(l);
        Ok(p)
    })
}

/// Loads what a lookup's `X509_L_FILE_LOAD` / `X509_L_ADD_DIR` command names:
/// a PEM or DER (`X509_FILETYPE_ASN1`) file, a directory, or with
/// `X509_FILETYPE_DEFAULT` the system store.
fn lookup_load(
    ctx: *mut X509_LOOKUP,
    name: *const c_char,
    kind: c_long,
    dir: bool,
) -> Result<c_int, Error> {
    let l = ffi::borrow(ctx)?;
    let store = l
        .store
        .upgrade()
        .ok_or_else(|| Error::internal("the lookup's X509_STORE is gone"))?;
    match kind as c_int {
        X509_FILETYPE_DEFAULT => store.load(None, None, true)?,
        X509_FILETYPE_ASN1 if !dir => {
            let der = crate::crypto::pkey::read_file(ffi::cstr(name)?)?;
            store.add(der.into())?;
        }
        X509_FILETYPE_PEM if dir => store.load(None, Some(ffi::cstr(name)?), false)?,
        X509_FILETYPE_PEM => store.load(Some(ffi::cstr(name)?), None, false)?,
        _ => return Err(Error::invalid_argument("X509_FILETYPE")),
    }
    Ok(1)
}

/// X509_LOOKUP_store returns the method of a lookup that loads the
/// certificates and CRLs of OSSL_STORE URIs (`X509_LOOKUP_add_store`).
#[no_mangle]
pub extern "C" fn X509_LOOKUP_store() -> *mut X509_LOOKUP_METHOD {
    &LOOKUP_STORE as *const X509_LOOKUP_METHOD as *mut X509_LOOKUP_METHOD
}

/// Loads the certificates and CRLs of the OSSL_STORE URI `name` (NULL:
/// none, as OpenSSL's store lookup has no default store).
fn lookup_store(ctx: *mut X509_LOOKUP, name: *const c_char) -> Result<c_int, Error> {
    let l = ffi::borrow(ctx)?;
    if name.is_null() {
        return Ok(1);
    }
    let store = l
        .store
        .upgrade()
        .ok_or_else(|| Error::internal("the lookup's X509_STORE is gone"))?;
    let src = crate::crypto::store::ossl_store_ctx_st::open(
        ffi::cstr(name)?,
        std::ptr::null(),
        std::ptr::null_mut(),
        None,
        std::ptr::null_mut(),
    )?;
    while !src.eof()? {
        let info = src.load()?;
        if info.is_null() {
            continue;
        }
        let item = std::mem::replace(
            &mut *ffi::borrow(info)?.item.lock(),
            crate::crypto::store::Item::Name(Default::default(), None),
        );
        ffi::free_box(info);
        match item {
            crate::crypto::store::Item::Cert(c) => store.add(c.der().clone())?,
            crate::crypto::store::Item::Crl(c) => store.add_crl(c)?,
            _ => {}
        }
    }
    Ok(1)
}

/// X509_LOOKUP_ctrl_ex is `X509_LOOKUP_ctrl` (`libctx`, `propq` ignored),
/// also with `X509_L_ADD_STORE` / `X509_L_LOAD_STORE` for store lookups.
#[no_mangle]
pub extern "C" fn X509_LOOKUP_ctrl_ex(
    ctx: *mut X509_LOOKUP,
    cmd: c_int,
    argc: *const c_char,
    argl: c_long,
    _ret: *mut *mut c_char,
    _libctx: *mut std::ffi::c_void,
    _propq: *const c_char,
) -> c_int {
    ffi_boundary!("X509_LOOKUP_ctrl_ex", {
        match cmd {
            X509_L_FILE_LOAD => lookup_load(ctx, argc, argl, false),
            X509_L_ADD_DIR => lookup_load(ctx, argc, argl, true),
            3 | 4 => lookup_store(ctx, argc), // X509_L_ADD_STORE, X509_L_LOAD_STORE
            _ => Err(Error::unsupported("X509_LOOKUP_ctrl command")),
        }
    })
}

/// X509_LOOKUP_ctrl runs a lookup command: `X509_L_FILE_LOAD` (the
/// `X509_LOOKUP_load_file` macro) or `X509_L_ADD_DIR` (`X509_LOOKUP_add_dir`)
/// with `argc` the name and `argl` the `X509_FILETYPE_*`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_LOOKUP_ctrl(
    ctx: *mut X509_LOOKUP,
    cmd: c_int,
    argc: *const c_char,
    argl: c_long,
    _ret: *mut *mut c_char,
) -> c_int {
    ffi_boundary!("X509_LOOKUP_ctrl", {
        match cmd {
            X509_L_FILE_LOAD => lookup_load(ctx, argc, argl, false),
            X509_L_ADD_DIR => lookup_load(ctx, argc, argl, true),
            3 | 4 => lookup_store(ctx, argc), // X509_L_ADD_STORE, X509_L_LOAD_STORE
            _ => Err(Error::unsupported("X509_LOOKUP_ctrl command")),
        }
    })
}

/// X509_load_cert_file loads the certificates of `file` (`X509_FILETYPE_*`)
/// into the lookup's store. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_load_cert_file(
    ctx: *mut X509_LOOKUP,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("X509_load_cert_file", {
        lookup_load(ctx, file, r#type as c_long, false)
    })
}

/// X509_load_cert_crl_file loads the certificates and the CRLs of `file`
/// into the lookup's store. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_load_cert_crl_file(
    ctx: *mut X509_LOOKUP,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("X509_load_cert_crl_file", {
        lookup_load(ctx, file, r#type as c_long, false)
    })
}

/// X509_STORE_set_flags adds verification flags: `X509_V_FLAG_CRL_CHECK`
/// (the leaf's revocation is checked against the store's CRLs) and
/// `_CRL_CHECK_ALL` (with CRL_CHECK: every certificate below the trust
/// anchor) are honoured, in `X509_verify_cert` and in handshakes of the
/// context owning the store; the rest (X509_STRICT, PARTIAL_CHAIN, ...) are
/// recorded. Returns 1.
#[no_mangle]
pub extern "C" fn X509_STORE_set_flags(store: *mut X509_STORE, flags: c_ulong) -> c_int {
    ffi_boundary!("X509_STORE_set_flags", {
        let store = ffi::borrow(store)?;
        store.flags.fetch_or(flags, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_STORE_get0_objects returns the store's trusted certificates as a
/// `STACK_OF(X509_OBJECT)` owned by the store (valid as long as it). NULL if
/// `store` is NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_get0_objects(store: *mut X509_STORE) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_STORE_get0_objects", {
        let store = ffi::borrow(store)?;
        let certs = store.certs();
        let mut kept = store.objects.lock();
        let same = |objs: &Vec<Box<x509_object_st>>| {
            objs.len() == certs.len()
                && objs
                    .iter()
                    .zip(&certs)
                    .all(|(o, c)| o.cert.lock().as_ref().is_some_and(|x| x.der() == c))
        };
        if let Some((stack, _)) = kept.last().filter(|(_, objs)| same(objs)) {
            return Ok(Arc::as_ptr(stack) as *mut OPENSSL_STACK);
        }
        let objs: Vec<Box<x509_object_st>> = certs
            .iter()
            .filter_map(|c| x509_st::from_der(c).ok())
            .map(|x| {
                Box::new(x509_object_st {
                    cert: Mutex::new(Some(x)),
                })
            })
            .collect();
        let stack = Arc::new(stack_st::new(
            objs.iter()
                .map(|o| &**o as *const x509_object_st as *mut c_void)
                .collect(),
        ));
        let p = Arc::as_ptr(&stack) as *mut OPENSSL_STACK;
        kept.push((stack, objs));
        Ok(p)
    })
}

/// X509_STORE_lock returns 1: ferrossl's store synchronises itself.
#[no_mangle]
pub extern "C" fn X509_STORE_lock(store: *mut X509_STORE) -> c_int {
    ffi_boundary!("X509_STORE_lock", {
        ffi::borrow(store)?;
        Ok(1)
    })
}

/// X509_STORE_unlock returns 1 (see `X509_STORE_lock`).
#[no_mangle]
pub extern "C" fn X509_STORE_unlock(store: *mut X509_STORE) -> c_int {
    ffi_boundary!("X509_STORE_unlock", {
        ffi::borrow(store)?;
        Ok(1)
    })
}

/// X509_OBJECT_new returns an empty object the caller frees with
/// `X509_OBJECT_free`.
#[no_mangle]
pub extern "C" fn X509_OBJECT_new() -> *mut X509_OBJECT {
    ffi_boundary!("X509_OBJECT_new", {
        Ok(Box::into_raw(Box::new(x509_object_st {
            cert: Mutex::new(None),
        })))
    })
}

/// X509_OBJECT_free frees an object from `X509_OBJECT_new` (and its
/// certificate reference); NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_OBJECT_free(a: *mut X509_OBJECT) {
    ffi_boundary!("X509_OBJECT_free", {
        ffi::free_box(a);
        Ok(())
    })
}

/// X509_OBJECT_get_type returns X509_LU_X509 or X509_LU_NONE.
#[no_mangle]
pub extern "C" fn X509_OBJECT_get_type(a: *const X509_OBJECT) -> c_int {
    ffi_boundary!("X509_OBJECT_get_type", X509_LU_NONE, {
        Ok(if ffi::borrow(a)?.cert.lock().is_some() {
            X509_LU_X509
        } else {
            X509_LU_NONE
        })
    })
}

/// X509_OBJECT_get0_X509 returns the object's certificate (not a new
/// reference), or NULL.
#[no_mangle]
pub extern "C" fn X509_OBJECT_get0_X509(a: *const X509_OBJECT) -> *mut X509 {
    ffi_boundary!("X509_OBJECT_get0_X509", {
        // OpenSSL: NULL for a NULL object, not an error.
        if a.is_null() {
            return Ok(std::ptr::null_mut());
        }
        Ok(ffi::borrow(a)?
            .cert
            .lock()
            .as_ref()
            .map_or(std::ptr::null_mut(), |x| Arc::as_ptr(x) as *mut X509))
    })
}

/// X509_OBJECT_set1_X509 makes `a` hold `obj` (taking a new reference).
/// Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_OBJECT_set1_X509(a: *mut X509_OBJECT, obj: *mut X509) -> c_int {
    ffi_boundary!("X509_OBJECT_set1_X509", {
        let o = ffi::borrow(a)?;
        *o.cert.lock() = Some(ffi::clone_arc(obj)?);
        Ok(1)
    })
}

/// X509_OBJECT_get0_X509_CRL returns NULL: the store's object list holds
/// its certificates only (its CRLs are not listed).
#[no_mangle]
pub extern "C" fn X509_OBJECT_get0_X509_CRL(_a: *const X509_OBJECT) -> *mut c_void {
    std::ptr::null_mut()
}

/// X509_OBJECT_set1_X509_CRL is not supported (objects hold certificates):
/// 0 and an error.
#[no_mangle]
pub extern "C" fn X509_OBJECT_set1_X509_CRL(_a: *mut X509_OBJECT, _obj: *mut c_void) -> c_int {
    ffi_boundary!("X509_OBJECT_set1_X509_CRL", {
        Err(Error::unsupported("CRLs (X509_OBJECT_set1_X509_CRL)"))
    })
}

/// X509_VERIFY_PARAM_set1_host sets the host name the peer certificate must
/// match (DNS name or IP address, RFC 6125 rules): `namelen` bytes of
/// `name`, or all of it if `namelen` is 0; NULL clears it. Returns 1, or 0
/// on error (a NUL inside the name).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_host(
    param: *mut X509_VERIFY_PARAM,
    name: *const c_char,
    namelen: usize,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set1_host", {
        let p = ffi::borrow(param)?;
        let host = if name.is_null() {
            None
        } else {
            let bytes = if namelen == 0 {
                ffi::cstr_bytes(name)?
            } else {
                ffi::slice_usize(name as *const u8, namelen)?
            };
            // OpenSSL drops one trailing NUL and rejects embedded ones.
            let bytes = bytes.strip_suffix(b"\0").unwrap_or(bytes);
            if bytes.contains(&0) {
                return Err(Error::invalid_argument("NUL in host name"));
            }
            let s = std::str::from_utf8(bytes)
                .map_err(|_| Error::invalid_argument("host name is not UTF-8"))?;
            (!s.is_empty()).then(|| s.to_owned())
        };
        p.set_host(host)?;
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set1_ip sets the IP address (4 or 16 bytes, network
/// order) the peer certificate must carry, replacing any host name. Returns
/// 1, or 0 for another length.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_ip(
    param: *mut X509_VERIFY_PARAM,
    ip: *const u8,
    iplen: usize,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set1_ip", {
        let p = ffi::borrow(param)?;
        let b = ffi::slice_usize(ip, iplen)?;
        let addr = match b.len() {
            4 => std::net::IpAddr::from(
                <[u8; 4]>::try_from(b).map_err(|_| Error::invalid_argument("IP length"))?,
            ),
            16 => std::net::IpAddr::from(
                <[u8; 16]>::try_from(b).map_err(|_| Error::invalid_argument("IP length"))?,
            ),
            _ => return Err(Error::invalid_argument("IP address must be 4 or 16 bytes")),
        };
        p.set_host(Some(addr.to_string()))?;
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set_flags adds verification flags (CRL checking as
/// `X509_STORE_set_flags` says); returns 1.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_flags", {
        let p = ffi::borrow(param)?;
        p.flags.fetch_or(flags, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_clear_flags removes verification flags; returns 1.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_clear_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_clear_flags", {
        ffi::borrow(param)?
            .flags
            .fetch_and(!flags, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_get_flags returns the flags set, or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_flags(param: *const X509_VERIFY_PARAM) -> c_ulong {
    ffi_boundary!("X509_VERIFY_PARAM_get_flags", {
        Ok(ffi::borrow(param)?.flags.load(Ordering::Relaxed) as c_ulong)
    })
}

/// X509_VERIFY_PARAM_set_hostflags records `flags`. ferrossl always matches
/// as RFC 6125 asks (`X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`, subject CN
/// never consulted), which is what the common flags request.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_hostflags(param: *mut X509_VERIFY_PARAM, flags: c_uint) {
    ffi_boundary!("X509_VERIFY_PARAM_set_hostflags", {
        ffi::borrow(param)?
            .hostflags
            .store(flags, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_VERIFY_PARAM_set_purpose records `purpose` (X509_PURPOSE_SSL_CLIENT
/// .. X509_PURPOSE_TIMESTAMP_SIGN, 1..=9) and returns 1, else 0. Handshake
/// verification checks the TLS purpose of the peer's role regardless.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_purpose(
    param: *mut X509_VERIFY_PARAM,
    purpose: c_int,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_purpose", {
        let p = ffi::borrow(param)?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID));
        }
        p.purpose.store(purpose, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set_trust records `trust` (X509_TRUST_COMPAT ..
/// X509_TRUST_TSA, 1..=8) and returns 1, else 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_trust(
    param: *mut X509_VERIFY_PARAM,
    trust: c_int,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set_trust", {
        let p = ffi::borrow(param)?;
        if !(1..=8).contains(&trust) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_TRUST_ID));
        }
        p.trust.store(trust, Ordering::Relaxed);
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// CRLs in a store.

/// X509_STORE_add_crl adds `x` (copied, not taken) to the CRLs `store`
/// checks under `X509_V_FLAG_CRL_CHECK` (for a context's store: in
/// connections made from then on). Returns 1 (also if already present), or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_add_crl(store: *mut X509_STORE, x: *mut X509_CRL) -> c_int {
    ffi_boundary!("X509_STORE_add_crl", {
        let crl = ffi::clone_arc(x)?;
        ffi::borrow(store)?.add_crl(crl)?;
        Ok(1)
    })
}

/// X509_load_crl_file adds the CRLs of `file` (`X509_FILETYPE_PEM`: every
/// `X509 CRL` block; `X509_FILETYPE_ASN1`: one DER CRL) to the lookup's
/// store (curl's `--crlfile`). Returns the number of CRLs loaded, or 0 with
/// an error (no CRL in the file, one that does not parse).
#[no_mangle]
pub extern "C" fn X509_load_crl_file(
    ctx: *mut X509_LOOKUP,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    ffi_boundary!("X509_load_crl_file", {
        let l = ffi::borrow(ctx)?;
        let store = l
            .store
            .upgrade()
            .ok_or_else(|| Error::internal("the lookup's X509_STORE is gone"))?;
        let data = crate::crypto::pkey::read_file(ffi::cstr(file)?)?;
        let crls = match r#type {
            X509_FILETYPE_PEM => crate::crypto::x509::crls_from_pem(&data)?,
            X509_FILETYPE_ASN1 => vec![crate::crypto::x509::x509_crl_st::from_der(&data)?],
            _ => return Err(Error::invalid_argument("X509_FILETYPE")),
        };
        if crls.is_empty() {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_PEM,
                crate::abi::reasons::PEM_R_NO_START_LINE,
            ));
        }
        let n = crls.len();
        for c in crls {
            store.add_crl(c)?;
        }
        Ok(n as c_int)
    })
}

/// X509_STORE_set_verify_cb sets the callback `X509_verify_cert` runs on
/// contexts of `store` that set none (OpenSSL's contract: called with
/// preverify_ok at each certificate and each error; its answer decides).
#[no_mangle]
pub extern "C" fn X509_STORE_set_verify_cb(store: *mut X509_STORE, cb: SSL_verify_cb) {
    ffi_boundary!("X509_STORE_set_verify_cb", {
        *ffi::borrow(store)?.verify_cb.lock() = cb;
        Ok(())
    })
}

/// X509_STORE_get0_param returns the store's verification parameters
/// (owned by the store): the defaults `X509_STORE_CTX_init` copies.
#[no_mangle]
pub extern "C" fn X509_STORE_get0_param(store: *const X509_STORE) -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("X509_STORE_get0_param", {
        let s = ffi::borrow(store)?;
        Ok(&s.param as *const X509_VERIFY_PARAM as *mut X509_VERIFY_PARAM)
    })
}

/// X509_STORE_set_depth sets the store's default verification depth
/// (intermediates allowed). Returns 1.
#[no_mangle]
pub extern "C" fn X509_STORE_set_depth(store: *mut X509_STORE, depth: c_int) -> c_int {
    ffi_boundary!("X509_STORE_set_depth", {
        ffi::borrow(store)?
            .param
            .depth
            .store(depth, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_STORE_set_purpose sets the store's default purpose
/// (`X509_PURPOSE_*`, 1..=9). Returns 1, or 0 for an unknown purpose.
#[no_mangle]
pub extern "C" fn X509_STORE_set_purpose(store: *mut X509_STORE, purpose: c_int) -> c_int {
    ffi_boundary!("X509_STORE_set_purpose", {
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID));
        }
        ffi::borrow(store)?
            .param
            .purpose
            .store(purpose, Ordering::Relaxed);
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// X509_STORE_CTX and X509_verify_cert: the handshake's verification
// (crate::ssl::verify::run) on a certificate the caller hands over.

/// X509_STORE_CTX_new returns an empty verification context the caller
/// frees with `X509_STORE_CTX_free`; `X509_STORE_CTX_init` prepares it.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_new() -> *mut X509_STORE_CTX {
    ffi_boundary!("X509_STORE_CTX_new", {
        Ok(Box::into_raw(Box::new(x509_store_ctx_st::new(
            std::ptr::null_mut(),
        ))))
    })
}

/// X509_STORE_CTX_free frees a context from `X509_STORE_CTX_new` (and the
/// references it holds); NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_free(ctx: *mut X509_STORE_CTX) {
    ffi_boundary!("X509_STORE_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// Copies a parameter set's values (not its owner) onto `to`.
fn copy_param(from: &X509_VERIFY_PARAM, to: &X509_VERIFY_PARAM) -> Result<(), Error> {
    let r = Ordering::Relaxed;
    to.flags.store(from.flags.load(r), r);
    to.depth.store(from.depth.load(r), r);
    to.purpose.store(from.purpose.load(r), r);
    to.trust.store(from.trust.load(r), r);
    to.hostflags.store(from.hostflags.load(r), r);
    to.time.store(from.time.load(r), r);
    to.set_host(from.own_host())
}

/// X509_STORE_CTX_init prepares `ctx` to verify `x509` against `store`'s
/// trust anchors and CRLs, with `chain` (a `STACK_OF(X509)`, may be NULL)
/// as untrusted intermediates; the store's parameters and verify callback
/// are copied. Returns 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_init(
    ctx: *mut X509_STORE_CTX,
    store: *mut X509_STORE,
    x509: *mut X509,
    chain: *mut OPENSSL_STACK,
) -> c_int {
    ffi_boundary!("X509_STORE_CTX_init", {
        ffi::borrow(ctx)?;
        let store = if store.is_null() {
            None
        } else {
            Some(ffi::clone_arc(store)?)
        };
        let leaf = if x509.is_null() {
            None
        } else {
            Some(ffi::clone_arc(x509)?)
        };
        let mut untrusted = Vec::new();
        if !chain.is_null() {
            for p in ffi::borrow(chain as *const stack_st)?.to_vec() {
                untrusted.push(ffi::borrow(p as *const X509)?.der().clone());
            }
        }
        let mut fresh = x509_store_ctx_st::new(std::ptr::null_mut());
        if let Some(s) = &store {
            copy_param(&s.param, &fresh.param)?;
            fresh.verify_cb = *s.verify_cb.lock();
        }
        fresh.store = store;
        fresh.leaf = leaf;
        fresh.untrusted = untrusted;
        ffi::with_mut(ctx, |c| *c = fresh);
        Ok(1)
    })
}

/// X509_STORE_CTX_cleanup empties `ctx` for reuse (another
/// `X509_STORE_CTX_init`); NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_cleanup(ctx: *mut X509_STORE_CTX) {
    ffi_boundary!("X509_STORE_CTX_cleanup", {
        if !ctx.is_null() {
            ffi::with_mut(ctx, |c| *c = x509_store_ctx_st::new(std::ptr::null_mut()));
        }
        Ok(())
    })
}

/// X509_verify_cert verifies the context's certificate as the handshake
/// does (webpki path building from the untrusted certificates to the
/// store's trust anchors; validity; purpose; the parameters' host name or
/// IP address and depth; CRLs under `X509_V_FLAG_CRL_CHECK`), reporting to
/// the verify callback as OpenSSL does. Returns 1 if the chain is accepted,
/// 0 if not (`X509_STORE_CTX_get_error` says why), -1 without a
/// certificate or store. Email checks (`X509_VERIFY_PARAM_set1_email`) are
/// not supported.
#[no_mangle]
pub extern "C" fn X509_verify_cert(ctx: *mut X509_STORE_CTX) -> c_int {
    ffi_boundary!("X509_verify_cert", -1, {
        let c = ffi::borrow(ctx)?;
        let leaf = c
            .leaf
            .clone()
            .ok_or_else(|| Error::new(ERR_LIB_X509, X509_R_NO_CERT_SET_FOR_US_TO_VERIFY))?;
        let store = c
            .store
            .clone()
            .ok_or_else(|| Error::invalid_argument("X509_STORE_CTX_init without a store"))?;
        let roots = store.roots();
        let r = Ordering::Relaxed;
        let flags = c.param.flags.load(r) | store.flags.load(r);
        let now = if flags & X509_V_FLAG_USE_CHECK_TIME != 0 {
            rustls_pki_types::UnixTime::since_unix_epoch(std::time::Duration::from_secs(
                c.param.time.load(r).max(0) as u64,
            ))
        } else {
            rustls_pki_types::UnixTime::now()
        };
        let depth = match c.param.depth.load(r) {
            d if d >= 0 => d,
            _ => 100,
        };
        let mut chain = vec![leaf.der().clone()];
        chain.extend(c.untrusted.iter().cloned());
        let job = Job {
            roots: &roots,
            algs: rustls::crypto::aws_lc_rs::default_provider()
                .signature_verification_algorithms
                .all,
            chain,
            purpose: Purpose::from_openssl(c.param.purpose.load(r)),
            now,
            depth,
            host: c.param.own_host(),
            flags,
            callback: c.verify_cb,
        };
        let mut verdict = None;
        ffi::with_mut(ctx, |c| verdict = Some(run(c, job)));
        Ok(c_int::from(verdict.is_some_and(|v| v.accepted)))
    })
}

/// X509_STORE_CTX_get_error returns the verification error being reported
/// (after `X509_verify_cert`: the last one, X509_V_OK if none).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_error(ctx: *const X509_STORE_CTX) -> c_int {
    ffi_boundary!("X509_STORE_CTX_get_error", { Ok(ffi::borrow(ctx)?.error) })
}

/// X509_STORE_CTX_set_error changes the verification error.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_error(ctx: *mut X509_STORE_CTX, err: c_int) {
    ffi_boundary!("X509_STORE_CTX_set_error", {
        ffi::borrow(ctx)?;
        ffi::with_mut(ctx, |c| c.error = err);
        Ok(())
    })
}

/// X509_STORE_CTX_get_error_depth returns the depth of the certificate
/// being reported (0: the leaf).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_error_depth(ctx: *const X509_STORE_CTX) -> c_int {
    ffi_boundary!("X509_STORE_CTX_get_error_depth", {
        Ok(ffi::borrow(ctx)?.depth)
    })
}

/// X509_STORE_CTX_set_error_depth changes the depth reported.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_error_depth(ctx: *mut X509_STORE_CTX, depth: c_int) {
    ffi_boundary!("X509_STORE_CTX_set_error_depth", {
        ffi::borrow(ctx)?;
        ffi::with_mut(ctx, |c| c.depth = depth);
        Ok(())
    })
}

/// X509_STORE_CTX_get_current_cert returns the certificate being reported
/// (owned by the store context), or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_current_cert(ctx: *const X509_STORE_CTX) -> *mut X509 {
    ffi_boundary!("X509_STORE_CTX_get_current_cert", {
        Ok(ffi::borrow(ctx)?
            .current
            .as_ref()
            .map_or(std::ptr::null_mut(), |x| Arc::as_ptr(x) as *mut X509))
    })
}

/// X509_STORE_CTX_get0_cert returns the certificate being verified (owned
/// by the context), or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_cert(ctx: *const X509_STORE_CTX) -> *mut X509 {
    ffi_boundary!("X509_STORE_CTX_get0_cert", {
        Ok(ffi::borrow(ctx)?
            .leaf
            .as_ref()
            .map_or(std::ptr::null_mut(), |x| Arc::as_ptr(x) as *mut X509))
    })
}

/// X509_STORE_CTX_get0_store returns the store of `X509_STORE_CTX_init`, or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_store(ctx: *const X509_STORE_CTX) -> *mut X509_STORE {
    ffi_boundary!("X509_STORE_CTX_get0_store", {
        Ok(ffi::borrow(ctx)?
            .store
            .as_ref()
            .map_or(std::ptr::null_mut(), |s| Arc::as_ptr(s) as *mut X509_STORE))
    })
}

/// X509_STORE_CTX_get0_chain returns the chain built (leaf first, trust
/// anchor last when one was found) as a stack owned by `ctx`, or NULL
/// before verification.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_chain(ctx: *const X509_STORE_CTX) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_STORE_CTX_get0_chain", {
        if ffi::borrow(ctx)?.chain.is_empty() {
            return Ok(std::ptr::null_mut());
        }
        let mut out = std::ptr::null_mut();
        ffi::with_mut(ctx as *mut X509_STORE_CTX, |c| {
            out = c.chain_stack() as *mut OPENSSL_STACK
        });
        Ok(out)
    })
}

/// X509_STORE_CTX_get1_chain returns a copy of the chain built (a new
/// stack holding new references; free with `OSSL_STACK_OF_X509_free` or
/// `sk_X509_pop_free(.., X509_free)`), or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get1_chain(ctx: *const X509_STORE_CTX) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_STORE_CTX_get1_chain", {
        let c = ffi::borrow(ctx)?;
        if c.chain.is_empty() {
            return Ok(std::ptr::null_mut());
        }
        let mut ptrs = Vec::new();
        for der in &c.chain {
            ptrs.push(ffi::into_raw(x509_st::from_der(der)?) as *mut c_void);
        }
        Ok(ffi::into_raw(Arc::new(stack_st::new(ptrs))) as *mut OPENSSL_STACK)
    })
}

/// X509_STORE_CTX_get0_param returns the context's verification
/// parameters (owned by it): host, IP, depth, purpose, flags, time.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_param(ctx: *const X509_STORE_CTX) -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("X509_STORE_CTX_get0_param", {
        Ok(&*ffi::borrow(ctx)?.param as *const X509_VERIFY_PARAM as *mut X509_VERIFY_PARAM)
    })
}

/// X509_STORE_CTX_get_ex_data returns the slot's value; during a handshake
/// index 0 (`SSL_get_ex_data_X509_STORE_CTX_idx`) holds the `SSL`.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_ex_data(
    ctx: *const X509_STORE_CTX,
    idx: c_int,
) -> *mut c_void {
    ffi_boundary!("X509_STORE_CTX_get_ex_data", {
        let c = ffi::borrow(ctx)?;
        Ok(if idx == 0 && !c.ssl.is_null() {
            c.ssl as *mut c_void
        } else {
            c.ex_data.get(idx)
        })
    })
}

/// X509_STORE_CTX_set_ex_data stores `data` in slot `idx`. Returns 1, or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_ex_data(
    ctx: *mut X509_STORE_CTX,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    ffi_boundary!("X509_STORE_CTX_set_ex_data", {
        Ok(c_int::from(ffi::borrow(ctx)?.ex_data.set(idx, data)))
    })
}

/// X509_STORE_CTX_set_verify_cb sets the callback `X509_verify_cert` runs
/// (replacing the store's).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_verify_cb(ctx: *mut X509_STORE_CTX, cb: SSL_verify_cb) {
    ffi_boundary!("X509_STORE_CTX_set_verify_cb", {
        ffi::borrow(ctx)?;
        ffi::with_mut(ctx, |c| c.verify_cb = cb);
        Ok(())
    })
}

/// X509_STORE_CTX_set_flags adds `X509_V_FLAG_*` flags to the context's parameters.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_flags(ctx: *mut X509_STORE_CTX, flags: c_ulong) {
    ffi_boundary!("X509_STORE_CTX_set_flags", {
        ffi::borrow(ctx)?
            .param
            .flags
            .fetch_or(flags, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_STORE_CTX_set_time verifies as at `t` (seconds since the epoch)
/// instead of now (sets `X509_V_FLAG_USE_CHECK_TIME`).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_time(ctx: *mut X509_STORE_CTX, _flags: c_ulong, t: i64) {
    ffi_boundary!("X509_STORE_CTX_set_time", {
        let p = &ffi::borrow(ctx)?.param;
        p.time.store(t, Ordering::Relaxed);
        p.flags
            .fetch_or(X509_V_FLAG_USE_CHECK_TIME, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_STORE_CTX_set_depth sets the number of intermediates allowed;
/// more is `X509_V_ERR_CERT_CHAIN_TOO_LONG`.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_depth(ctx: *mut X509_STORE_CTX, depth: c_int) {
    ffi_boundary!("X509_STORE_CTX_set_depth", {
        ffi::borrow(ctx)?
            .param
            .depth
            .store(depth, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_STORE_CTX_set_purpose sets the purpose checked
/// (`X509_PURPOSE_SSL_SERVER`: serverAuth, `_SSL_CLIENT`: clientAuth; other
/// purposes are recorded and check no extended key usage). Returns 1, or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_purpose(ctx: *mut X509_STORE_CTX, purpose: c_int) -> c_int {
    ffi_boundary!("X509_STORE_CTX_set_purpose", {
        let c = ffi::borrow(ctx)?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID));
        }
        c.param.purpose.store(purpose, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_STORE_CTX_set_default applies a named parameter set: "ssl_server"
/// (verifying a server: serverAuth), "ssl_client" (a client: clientAuth),
/// "default". Returns 1, or 0 for another name.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_default(
    ctx: *mut X509_STORE_CTX,
    name: *const c_char,
) -> c_int {
    ffi_boundary!("X509_STORE_CTX_set_default", {
        let c = ffi::borrow(ctx)?;
        let purpose = match ffi::cstr(name)? {
            "ssl_server" => X509_PURPOSE_SSL_SERVER,
            "ssl_client" => X509_PURPOSE_SSL_CLIENT,
            "default" => 0,
            other => {
                return Err(Error::invalid_argument("X509_STORE_CTX_set_default name").data(other))
            }
        };
        c.param.purpose.store(purpose, Ordering::Relaxed);
        Ok(1)
    })
}

/// X509_VERIFY_PARAM_set_depth sets the number of intermediates allowed.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_depth(param: *mut X509_VERIFY_PARAM, depth: c_int) {
    ffi_boundary!("X509_VERIFY_PARAM_set_depth", {
        ffi::borrow(param)?.depth.store(depth, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_VERIFY_PARAM_get_depth returns the depth set, or -1.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_depth(param: *const X509_VERIFY_PARAM) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_get_depth", -1, {
        Ok(ffi::borrow(param)?.depth.load(Ordering::Relaxed))
    })
}

/// X509_VERIFY_PARAM_set_time verifies as at `t` (sets
/// `X509_V_FLAG_USE_CHECK_TIME`); applies to `X509_verify_cert`.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_time(param: *mut X509_VERIFY_PARAM, t: i64) {
    ffi_boundary!("X509_VERIFY_PARAM_set_time", {
        let p = ffi::borrow(param)?;
        p.time.store(t, Ordering::Relaxed);
        p.flags
            .fetch_or(X509_V_FLAG_USE_CHECK_TIME, Ordering::Relaxed);
        Ok(())
    })
}

/// X509_VERIFY_PARAM_new returns new, empty verification parameters,
/// freed with `X509_VERIFY_PARAM_free`.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_new() -> *mut X509_VERIFY_PARAM {
    ffi_boundary!("X509_VERIFY_PARAM_new", {
        Ok(crate::ssl::params::new_standalone())
    })
}

/// X509_VERIFY_PARAM_free frees parameters from `X509_VERIFY_PARAM_new`
/// (NULL, and parameters an object owns: no-op).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_free(param: *mut X509_VERIFY_PARAM) {
    ffi_boundary!("X509_VERIFY_PARAM_free", (), {
        crate::ssl::params::free_standalone(param);
        Ok(())
    })
}

/// X509_VERIFY_PARAM_set1 copies `from`'s settings (flags are added, as
/// OpenSSL does) onto `to`; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1(
    to: *mut X509_VERIFY_PARAM,
    from: *const X509_VERIFY_PARAM,
) -> c_int {
    ffi_boundary!("X509_VERIFY_PARAM_set1", 0, {
        ffi::borrow(to)?.copy_from(ffi::borrow(from)?)?;
        Ok(1)
    })
}

/// X509_STORE_set1_param copies `pm`'s settings onto the store's
/// parameters; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_STORE_set1_param(
    store: *mut X509_STORE,
    pm: *const X509_VERIFY_PARAM,
) -> c_int {
    ffi_boundary!("X509_STORE_set1_param", 0, {
        let s = ffi::borrow(store)?;
        s.param.copy_from(ffi::borrow(pm)?)?;
        s.flags.fetch_or(
            ffi::borrow(pm)?.flags.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        Ok(1)
    })
}

/// X509_STORE_CTX_new_ex is `X509_STORE_CTX_new` (`libctx`, `propq`
/// ignored).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_new_ex(
    _libctx: *mut std::ffi::c_void,
    _propq: *const c_char,
) -> *mut X509_STORE_CTX {
    ffi_boundary!("X509_STORE_CTX_new_ex", {
        Ok(Box::into_raw(Box::new(x509_store_ctx_st::new(
            std::ptr::null_mut(),
        ))))
    })
}

/// X509_STORE_CTX_get0_parent_ctx returns NULL: ferrossl runs no nested
/// verification (OpenSSL's is for CRL issuer paths), so every context is a
/// top-level one.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_parent_ctx(
    ctx: *const X509_STORE_CTX,
) -> *mut X509_STORE_CTX {
    ffi_boundary!("X509_STORE_CTX_get0_parent_ctx", {
        ffi::borrow(ctx)?;
        Ok(std::ptr::null_mut())
    })
}
