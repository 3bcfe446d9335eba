//! `store.h`: `OSSL_STORE` (loading keys, certificates and CRLs by URI),
//! `OSSL_STORE_INFO` and C-written `OSSL_STORE_LOADER`s.

use crate::abi::consts::*;
use crate::abi::reasons::{
    OSSL_STORE_R_NOT_A_CERTIFICATE, OSSL_STORE_R_NOT_A_CRL, OSSL_STORE_R_NOT_A_NAME,
    OSSL_STORE_R_NOT_A_PRIVATE_KEY, OSSL_STORE_R_NOT_A_PUBLIC_KEY, OSSL_STORE_R_NOT_PARAMETERS,
    OSSL_STORE_R_UNREGISTERED_SCHEME,
};
use crate::crypto::err::Error;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};
use crate::crypto::store::{
    self, Item, LoaderFns, OSSL_STORE_CTX, OSSL_STORE_INFO, OSSL_STORE_LOADER,
};
use crate::crypto::x509::crl::X509_CRL;
use crate::crypto::x509::X509;
use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::Arc;

fn open(
    uri: *const c_char,
    ui_method: *const c_void,
    ui_data: *mut c_void,
    post: store::PostFn,
    post_data: *mut c_void,
) -> Result<*mut OSSL_STORE_CTX, Error> {
    let uri = ffi::cstr(uri)?;
    let ctx = store::ossl_store_ctx_st::open(uri, ui_method, ui_data, post, post_data)?;
    Ok(Box::into_raw(Box::new(ctx)))
}

/// OSSL_STORE_open_ex opens `uri` (a path, a `file:` URI, or a scheme
/// registered with `OSSL_STORE_register_loader`) for `OSSL_STORE_load`.
/// Files hold PEM blocks (certificates, CRLs, private keys in any of
/// OpenSSL's PEM forms, encrypted ones asking `ui_method` for the pass
/// phrase, public keys) or one DER object. `libctx`, `propq` and `params`
/// are ignored; directories are not supported. NULL on error.
#[no_mangle]
pub extern "C" fn OSSL_STORE_open_ex(
    uri: *const c_char,
    _libctx: *mut c_void,
    _propq: *const c_char,
    ui_method: *const c_void,
    ui_data: *mut c_void,
    _params: *const c_void,
    post_process: store::PostFn,
    post_process_data: *mut c_void,
) -> *mut OSSL_STORE_CTX {
    ffi_boundary!("OSSL_STORE_open_ex", {
        open(uri, ui_method, ui_data, post_process, post_process_data)
    })
}

/// OSSL_STORE_open is `OSSL_STORE_open_ex` without library context.
#[no_mangle]
pub extern "C" fn OSSL_STORE_open(
    uri: *const c_char,
    ui_method: *const c_void,
    ui_data: *mut c_void,
    post_process: store::PostFn,
    post_process_data: *mut c_void,
) -> *mut OSSL_STORE_CTX {
    ffi_boundary!("OSSL_STORE_open", {
        open(uri, ui_method, ui_data, post_process, post_process_data)
    })
}

/// OSSL_STORE_attach reads the objects from `bio` (read to its end now) as
/// the `file` scheme does; other schemes are not supported.
#[no_mangle]
pub extern "C" fn OSSL_STORE_attach(
    bio: *mut crate::crypto::bio::BIO,
    scheme: *const c_char,
    _libctx: *mut c_void,
    _propq: *const c_char,
    ui_method: *const c_void,
    ui_data: *mut c_void,
    _params: *const c_void,
    post_process: store::PostFn,
    post_process_data: *mut c_void,
) -> *mut OSSL_STORE_CTX {
    ffi_boundary!("OSSL_STORE_attach", {
        let scheme = if scheme.is_null() {
            "file"
        } else {
            ffi::cstr(scheme)?
        };
        if !scheme.eq_ignore_ascii_case("file") {
            return Err(store::store_err(OSSL_STORE_R_UNREGISTERED_SCHEME)
                .data(&format!("scheme={scheme}")));
        }
        let b = ffi::borrow(bio)?;
        let mut data = Vec::new();
        let mut buf = vec![0u8; 16384];
        loop {
            let n = b.read(&mut buf);
            if n <= 0 {
                break;
            }
            data.extend_from_slice(&buf[..n as usize]);
        }
        let ctx = store::ossl_store_ctx_st::from_bytes(
            "<attached>",
            &data,
            ui_method,
            ui_data,
            post_process,
            post_process_data,
        );
        Ok(Box::into_raw(Box::new(ctx)))
    })
}

/// OSSL_STORE_expect makes `OSSL_STORE_load` return only objects of type
/// `expected_type` (an `OSSL_STORE_INFO_*`, 0 for any); 1, or 0 on error
/// (also once loading started).
#[no_mangle]
pub extern "C" fn OSSL_STORE_expect(ctx: *mut OSSL_STORE_CTX, expected_type: c_int) -> c_int {
    ffi_boundary!("OSSL_STORE_expect", 0, {
        ffi::borrow(ctx)?.set_expect(expected_type)?;
        Ok(1)
    })
}

/// OSSL_STORE_load returns the next object (freed with
/// `OSSL_STORE_INFO_free`), or NULL at the end or for an object that
/// could not be decoded (with an ERR entry; loading goes on after it).
#[no_mangle]
pub extern "C" fn OSSL_STORE_load(ctx: *mut OSSL_STORE_CTX) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_load", { ffi::borrow(ctx)?.load() })
}

/// OSSL_STORE_eof returns 1 when no object remains, else 0.
#[no_mangle]
pub extern "C" fn OSSL_STORE_eof(ctx: *mut OSSL_STORE_CTX) -> c_int {
    ffi_boundary!("OSSL_STORE_eof", 1, {
        Ok(c_int::from(ffi::borrow(ctx)?.eof()?))
    })
}

/// OSSL_STORE_error returns 1 if a load failed, else 0.
#[no_mangle]
pub extern "C" fn OSSL_STORE_error(ctx: *mut OSSL_STORE_CTX) -> c_int {
    ffi_boundary!("OSSL_STORE_error", 1, {
        Ok(c_int::from(ffi::borrow(ctx)?.error()?))
    })
}

/// OSSL_STORE_close frees the context; 1 on success, 0 on error (NULL: 1).
#[no_mangle]
pub extern "C" fn OSSL_STORE_close(ctx: *mut OSSL_STORE_CTX) -> c_int {
    ffi_boundary!("OSSL_STORE_close", 0, {
        if ctx.is_null() {
            return Ok(1);
        }
        let r = ffi::borrow(ctx)?.close();
        ffi::free_box(ctx);
        r.map(|_| 1)
    })
}

// OSSL_STORE_INFO.

fn new_info(item: Item) -> *mut OSSL_STORE_INFO {
    Box::into_raw(Box::new(store::ossl_store_info_st {
        item: Mutex::new(item),
    }))
}

/// OSSL_STORE_INFO_get_type returns the object's `OSSL_STORE_INFO_*` type
/// (-1 for NULL).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get_type(info: *const OSSL_STORE_INFO) -> c_int {
    ffi_boundary!("OSSL_STORE_INFO_get_type", -1, {
        Ok(ffi::borrow(info)?.item.lock().kind())
    })
}

/// OSSL_STORE_INFO_type_string returns "Name", "Parameters", "Pubkey",
/// "Pkey", "Certificate" or "CRL" (OpenSSL's words), or NULL otherwise.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_type_string(t: c_int) -> *const c_char {
    ffi_boundary!("OSSL_STORE_INFO_type_string", {
        Ok(store::type_string(t).map_or(std::ptr::null(), |s| s.as_ptr()))
    })
}

/// OSSL_STORE_INFO_free frees the object (NULL: no-op).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_free(info: *mut OSSL_STORE_INFO) {
    ffi_boundary!("OSSL_STORE_INFO_free", (), {
        ffi::free_box(info);
        Ok(())
    })
}

fn key_of(info: *const OSSL_STORE_INFO, want: c_int) -> Result<Arc<evp_pkey_st>, Error> {
    let (reason, k) = match (&*ffi::borrow(info)?.item.lock(), want) {
        (Item::Pkey(k), OSSL_STORE_INFO_PKEY)
        | (Item::Pubkey(k), OSSL_STORE_INFO_PUBKEY)
        | (Item::Params(k), OSSL_STORE_INFO_PARAMS) => (0, Some(k.clone())),
        (_, OSSL_STORE_INFO_PKEY) => (OSSL_STORE_R_NOT_A_PRIVATE_KEY, None),
        (_, OSSL_STORE_INFO_PUBKEY) => (OSSL_STORE_R_NOT_A_PUBLIC_KEY, None),
        _ => (OSSL_STORE_R_NOT_PARAMETERS, None),
    };
    k.ok_or_else(|| store::store_err(reason))
}

/// OSSL_STORE_INFO_get0_PKEY returns the private key of an object of that type (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_PKEY(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get0_PKEY", {
        Ok(Arc::as_ptr(&key_of(info, OSSL_STORE_INFO_PKEY)?) as *mut EVP_PKEY)
    })
}

/// OSSL_STORE_INFO_get1_PKEY returns a new reference to the private key of an object of that type, else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_PKEY(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get1_PKEY", {
        Ok(ffi::into_raw(key_of(info, OSSL_STORE_INFO_PKEY)?))
    })
}

/// OSSL_STORE_INFO_get0_PUBKEY returns the public key of an object of that type (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_PUBKEY(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get0_PUBKEY", {
        Ok(Arc::as_ptr(&key_of(info, OSSL_STORE_INFO_PUBKEY)?) as *mut EVP_PKEY)
    })
}

/// OSSL_STORE_INFO_get1_PUBKEY returns a new reference to the public key of an object of that type, else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_PUBKEY(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get1_PUBKEY", {
        Ok(ffi::into_raw(key_of(info, OSSL_STORE_INFO_PUBKEY)?))
    })
}

/// OSSL_STORE_INFO_get0_PARAMS returns the key parameters of an object of that type (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_PARAMS(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get0_PARAMS", {
        Ok(Arc::as_ptr(&key_of(info, OSSL_STORE_INFO_PARAMS)?) as *mut EVP_PKEY)
    })
}

/// OSSL_STORE_INFO_get1_PARAMS returns a new reference to the key parameters of an object of that type, else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_PARAMS(info: *const OSSL_STORE_INFO) -> *mut EVP_PKEY {
    ffi_boundary!("OSSL_STORE_INFO_get1_PARAMS", {
        Ok(ffi::into_raw(key_of(info, OSSL_STORE_INFO_PARAMS)?))
    })
}

fn cert_of(info: *const OSSL_STORE_INFO) -> Result<Arc<crate::crypto::x509::x509_st>, Error> {
    match &*ffi::borrow(info)?.item.lock() {
        Item::Cert(c) => Ok(c.clone()),
        _ => Err(store::store_err(OSSL_STORE_R_NOT_A_CERTIFICATE)),
    }
}

fn crl_of(
    info: *const OSSL_STORE_INFO,
) -> Result<Arc<crate::crypto::x509::crl::x509_crl_st>, Error> {
    match &*ffi::borrow(info)?.item.lock() {
        Item::Crl(c) => Ok(c.clone()),
        _ => Err(store::store_err(OSSL_STORE_R_NOT_A_CRL)),
    }
}

/// OSSL_STORE_INFO_get0_CERT returns the certificate (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_CERT(info: *const OSSL_STORE_INFO) -> *mut X509 {
    ffi_boundary!("OSSL_STORE_INFO_get0_CERT", {
        Ok(Arc::as_ptr(&cert_of(info)?) as *mut X509)
    })
}

/// OSSL_STORE_INFO_get1_CERT returns a new reference to the certificate.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_CERT(info: *const OSSL_STORE_INFO) -> *mut X509 {
    ffi_boundary!("OSSL_STORE_INFO_get1_CERT", {
        Ok(ffi::into_raw(cert_of(info)?))
    })
}

/// OSSL_STORE_INFO_get0_CRL returns the CRL (borrowed), else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_CRL(info: *const OSSL_STORE_INFO) -> *mut X509_CRL {
    ffi_boundary!("OSSL_STORE_INFO_get0_CRL", {
        Ok(Arc::as_ptr(&crl_of(info)?) as *mut X509_CRL)
    })
}

/// OSSL_STORE_INFO_get1_CRL returns a new reference to the CRL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_CRL(info: *const OSSL_STORE_INFO) -> *mut X509_CRL {
    ffi_boundary!("OSSL_STORE_INFO_get1_CRL", {
        Ok(ffi::into_raw(crl_of(info)?))
    })
}

fn name_of(info: *const OSSL_STORE_INFO, desc: bool) -> Result<*const c_char, Error> {
    match &*ffi::borrow(info)?.item.lock() {
        Item::Name(n, d) => Ok(if desc {
            d.as_ref().map_or(std::ptr::null(), |d| d.as_ptr())
        } else {
            n.as_ptr()
        }),
        _ => Err(store::store_err(OSSL_STORE_R_NOT_A_NAME)),
    }
}

/// OSSL_STORE_INFO_get0_NAME returns the name of a NAME object, else NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_NAME(info: *const OSSL_STORE_INFO) -> *const c_char {
    ffi_boundary!("OSSL_STORE_INFO_get0_NAME", { name_of(info, false) })
}

/// OSSL_STORE_INFO_get0_NAME_description returns a NAME's description.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get0_NAME_description(
    info: *const OSSL_STORE_INFO,
) -> *const c_char {
    ffi_boundary!("OSSL_STORE_INFO_get0_NAME_description", {
        name_of(info, true)
    })
}

/// OSSL_STORE_INFO_get1_NAME returns a copy of the name (OPENSSL_free it).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_NAME(info: *const OSSL_STORE_INFO) -> *mut c_char {
    ffi_boundary!("OSSL_STORE_INFO_get1_NAME", {
        let p = name_of(info, false)?;
        Ok(ffi::malloc_copy(ffi::cstr_bytes(p)?, true).cast())
    })
}

/// OSSL_STORE_INFO_get1_NAME_description returns a copy of the description.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_get1_NAME_description(
    info: *const OSSL_STORE_INFO,
) -> *mut c_char {
    ffi_boundary!("OSSL_STORE_INFO_get1_NAME_description", {
        let p = name_of(info, true)?;
        if p.is_null() {
            return Ok(std::ptr::null_mut());
        }
        Ok(ffi::malloc_copy(ffi::cstr_bytes(p)?, true).cast())
    })
}

/// OSSL_STORE_INFO_set0_NAME_description sets a NAME's description (the
/// string is taken over and freed); 1, or 0 if `info` is not a NAME.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_set0_NAME_description(
    info: *mut OSSL_STORE_INFO,
    desc: *mut c_char,
) -> c_int {
    ffi_boundary!("OSSL_STORE_INFO_set0_NAME_description", 0, {
        match &mut *ffi::borrow(info)?.item.lock() {
            Item::Name(_, d) => {
                *d = Some(CString::new(ffi::cstr_bytes(desc)?.to_vec()).unwrap_or_default());
                ffi::free(desc.cast());
                Ok(1)
            }
            _ => Err(store::store_err(OSSL_STORE_R_NOT_A_NAME)),
        }
    })
}

/// OSSL_STORE_INFO_new_NAME makes a NAME object, taking over `name`.
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_NAME(name: *mut c_char) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_NAME", {
        let n = CString::new(ffi::cstr_bytes(name)?.to_vec()).unwrap_or_default();
        ffi::free(name.cast());
        Ok(new_info(Item::Name(n, None)))
    })
}

/// OSSL_STORE_INFO_new_PKEY makes an object holding the private key (the caller's reference is taken over).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_PKEY(pkey: *mut EVP_PKEY) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_PKEY", {
        ffi::borrow(pkey)?;
        let k = ffi::take_arc(pkey).ok_or_else(Error::null_pointer)?;
        Ok(new_info(Item::Pkey(k)))
    })
}

/// OSSL_STORE_INFO_new_PUBKEY makes an object holding the public key (the caller's reference is taken over).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_PUBKEY(pkey: *mut EVP_PKEY) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_PUBKEY", {
        ffi::borrow(pkey)?;
        let k = ffi::take_arc(pkey).ok_or_else(Error::null_pointer)?;
        Ok(new_info(Item::Pubkey(k)))
    })
}

/// OSSL_STORE_INFO_new_PARAMS makes an object holding the key parameters (the caller's reference is taken over).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_PARAMS(pkey: *mut EVP_PKEY) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_PARAMS", {
        ffi::borrow(pkey)?;
        let k = ffi::take_arc(pkey).ok_or_else(Error::null_pointer)?;
        Ok(new_info(Item::Params(k)))
    })
}

/// OSSL_STORE_INFO_new_CERT makes an object holding the certificate (the
/// caller's reference is taken over).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_CERT(x509: *mut X509) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_CERT", {
        ffi::borrow(x509)?;
        let c = ffi::take_arc(x509).ok_or_else(Error::null_pointer)?;
        Ok(new_info(Item::Cert(c)))
    })
}

/// OSSL_STORE_INFO_new_CRL makes an object holding the CRL (the caller's
/// reference is taken over).
#[no_mangle]
pub extern "C" fn OSSL_STORE_INFO_new_CRL(crl: *mut X509_CRL) -> *mut OSSL_STORE_INFO {
    ffi_boundary!("OSSL_STORE_INFO_new_CRL", {
        ffi::borrow(crl)?;
        let c = ffi::take_arc(crl).ok_or_else(Error::null_pointer)?;
        Ok(new_info(Item::Crl(c)))
    })
}

// OSSL_STORE_LOADER.

/// OSSL_STORE_LOADER_new makes a loader for URIs of `scheme`, to fill with
/// the `OSSL_STORE_LOADER_set_*` functions and register.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_new(
    e: *mut c_void,
    scheme: *const c_char,
) -> *mut OSSL_STORE_LOADER {
    ffi_boundary!("OSSL_STORE_LOADER_new", {
        let s = ffi::cstr_bytes(scheme)?;
        Ok(Box::into_raw(Box::new(store::loader_st {
            scheme: CString::new(s.to_vec()).unwrap_or_default(),
            engine: Ptr(e),
            fns: Mutex::new(LoaderFns::default()),
        })))
    })
}

/// OSSL_STORE_LOADER_free frees an unregistered loader (NULL: no-op).
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_free(loader: *mut OSSL_STORE_LOADER) {
    ffi_boundary!("OSSL_STORE_LOADER_free", (), {
        ffi::free_box(loader);
        Ok(())
    })
}

/// OSSL_STORE_LOADER_get0_scheme returns the loader's scheme.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_get0_scheme(loader: *const OSSL_STORE_LOADER) -> *const c_char {
    ffi_boundary!("OSSL_STORE_LOADER_get0_scheme", {
        Ok(ffi::borrow(loader)?.scheme.as_ptr())
    })
}

/// OSSL_STORE_LOADER_get0_engine returns the ENGINE given to `_new`.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_get0_engine(loader: *const OSSL_STORE_LOADER) -> *const c_void {
    ffi_boundary!("OSSL_STORE_LOADER_get0_engine", {
        Ok(ffi::borrow(loader)?.engine.0 as *const c_void)
    })
}

/// OSSL_STORE_LOADER_set_open sets the loader's open function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_open(
    loader: *mut OSSL_STORE_LOADER,
    f: store::OpenFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_open", 0, {
        ffi::borrow(loader)?.fns.lock().open = f;
        Ok(1)
    })
}

/// OSSL_STORE_LOADER_set_load sets the loader's load function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_load(
    loader: *mut OSSL_STORE_LOADER,
    f: store::LoadFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_load", 0, {
        ffi::borrow(loader)?.fns.lock().load = f;
        Ok(1)
    })
}

/// OSSL_STORE_LOADER_set_eof sets the loader's eof function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_eof(
    loader: *mut OSSL_STORE_LOADER,
    f: store::CtxFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_eof", 0, {
        ffi::borrow(loader)?.fns.lock().eof = f;
        Ok(1)
    })
}

/// OSSL_STORE_LOADER_set_error sets the loader's error function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_error(
    loader: *mut OSSL_STORE_LOADER,
    f: store::CtxFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_error", 0, {
        ffi::borrow(loader)?.fns.lock().error = f;
        Ok(1)
    })
}

/// OSSL_STORE_LOADER_set_close sets the loader's close function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_close(
    loader: *mut OSSL_STORE_LOADER,
    f: store::CtxFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_close", 0, {
        ffi::borrow(loader)?.fns.lock().close = f;
        Ok(1)
    })
}

/// OSSL_STORE_LOADER_set_expect sets the loader's expect function; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn OSSL_STORE_LOADER_set_expect(
    loader: *mut OSSL_STORE_LOADER,
    f: store::ExpectFn,
) -> c_int {
    ffi_boundary!("OSSL_STORE_LOADER_set_expect", 0, {
        ffi::borrow(loader)?.fns.lock().expect = f;
        Ok(1)
    })
}

/// OSSL_STORE_register_loader makes `OSSL_STORE_open_ex` use `loader` for
/// its scheme (replacing an earlier one); 1, or 0 if the scheme is not
/// valid or open/load/eof/error/close are not all set.
#[no_mangle]
pub extern "C" fn OSSL_STORE_register_loader(loader: *mut OSSL_STORE_LOADER) -> c_int {
    ffi_boundary!("OSSL_STORE_register_loader", 0, {
        store::register(loader)?;
        Ok(1)
    })
}

/// OSSL_STORE_unregister_loader removes and returns the loader of
/// `scheme`, or NULL if none is registered.
#[no_mangle]
pub extern "C" fn OSSL_STORE_unregister_loader(scheme: *const c_char) -> *mut OSSL_STORE_LOADER {
    ffi_boundary!("OSSL_STORE_unregister_loader", {
        store::unregister(ffi::cstr_bytes(scheme)?)
    })
}
