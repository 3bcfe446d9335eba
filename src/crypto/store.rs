//! `OSSL_STORE`: loading keys, certificates and CRLs by URI.
//!
//! The `file:` scheme (and plain paths) is ferrossl's own loader: the file
//! is read whole, split into PEM blocks (or taken as one DER object), and
//! each object is decoded by the existing code when `OSSL_STORE_load`
//! reaches it (an encrypted key asks for its pass phrase then, through the
//! `UI_METHOD` given to `OSSL_STORE_open_ex`). Other schemes go to loaders
//! C registered with `OSSL_STORE_register_loader`.

use crate::abi::consts::*;
use crate::abi::reasons::*;
use crate::crypto::err::Error;
use crate::crypto::pkey::evp_pkey_st;
use crate::crypto::ui::{self, ui_string_st};
use crate::crypto::x509::crl::x509_crl_st;
use crate::crypto::x509::x509_st;
use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::atomic::AtomicI32;
use std::sync::Arc;

/// One object `OSSL_STORE_load` returns.
pub enum Item {
    Name(CString, Option<CString>),
    Params(Arc<evp_pkey_st>),
    Pubkey(Arc<evp_pkey_st>),
    Pkey(Arc<evp_pkey_st>),
    Cert(Arc<x509_st>),
    Crl(Arc<x509_crl_st>),
}

/// The OSSL_STORE_INFO handle.
pub struct ossl_store_info_st {
    pub item: Mutex<Item>,
}
crate::handle!(Owned: ossl_store_info_st);
pub type OSSL_STORE_INFO = ossl_store_info_st;

impl Item {
    pub fn kind(&self) -> c_int {
        match self {
            Item::Name(..) => OSSL_STORE_INFO_NAME,
            Item::Params(_) => OSSL_STORE_INFO_PARAMS,
            Item::Pubkey(_) => OSSL_STORE_INFO_PUBKEY,
            Item::Pkey(_) => OSSL_STORE_INFO_PKEY,
            Item::Cert(_) => OSSL_STORE_INFO_CERT,
            Item::Crl(_) => OSSL_STORE_INFO_CRL,
        }
    }
}

/// `OSSL_STORE_INFO_type_string`.
pub fn type_string(t: c_int) -> Option<&'static std::ffi::CStr> {
    Some(match t {
        OSSL_STORE_INFO_NAME => c"Name",
        OSSL_STORE_INFO_PARAMS => c"Parameters",
        OSSL_STORE_INFO_PUBKEY => c"Pubkey",
        OSSL_STORE_INFO_PKEY => c"Pkey",
        OSSL_STORE_INFO_CERT => c"Certificate",
        OSSL_STORE_INFO_CRL => c"CRL",
        _ => return None,
    })
}

pub fn store_err(reason: c_int) -> Error {
    Error::new(ERR_LIB_OSSL_STORE, reason)
}

// Loaders registered from C.

pub type OpenFn = Option<
    unsafe extern "C" fn(
        *const loader_st,
        *const c_char,
        *const c_void,
        *mut c_void,
    ) -> *mut c_void,
>;
pub type LoadFn = Option<
    unsafe extern "C" fn(*mut c_void, *const c_void, *mut c_void) -> *mut ossl_store_info_st,
>;
pub type CtxFn = Option<unsafe extern "C" fn(*mut c_void) -> c_int>;
pub type ExpectFn = Option<unsafe extern "C" fn(*mut c_void, c_int) -> c_int>;

#[derive(Clone, Copy, Default)]
pub struct LoaderFns {
    pub open: OpenFn,
    pub load: LoadFn,
    pub eof: CtxFn,
    pub error: CtxFn,
    pub close: CtxFn,
    pub expect: ExpectFn,
}

/// The OSSL_STORE_LOADER handle (a loader written in C).
pub struct loader_st {
    pub scheme: CString,
    pub engine: Ptr,
    pub fns: Mutex<LoaderFns>,
}
crate::handle!(Owned: loader_st);
pub type OSSL_STORE_LOADER = loader_st;

static REGISTRY: Mutex<Vec<(Vec<u8>, Ptr)>> = Mutex::new(Vec::new());

/// `OSSL_STORE_register_loader`: the scheme must be RFC 3986's
/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` and the loader complete.
pub fn register(p: *mut loader_st) -> Result<(), Error> {
    let l = ffi::borrow(p)?;
    let s = l.scheme.as_bytes();
    let valid = s.first().is_some_and(|c| c.is_ascii_alphabetic())
        && s.iter()
            .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c));
    if !valid {
        return Err(store_err(OSSL_STORE_R_INVALID_SCHEME)
            .data(&format!("scheme={}", l.scheme.to_string_lossy())));
    }
    let f = *l.fns.lock();
    if f.open.is_none()
        || f.load.is_none()
        || f.eof.is_none()
        || f.error.is_none()
        || f.close.is_none()
    {
        return Err(store_err(OSSL_STORE_R_LOADER_INCOMPLETE));
    }
    let mut r = REGISTRY.lock();
    let key = s.to_ascii_lowercase();
    r.retain(|(k, _)| *k != key);
    r.push((key, Ptr(p.cast())));
    Ok(())
}

/// `OSSL_STORE_unregister_loader`: the loader, or an error if none.
pub fn unregister(scheme: &[u8]) -> Result<*mut loader_st, Error> {
    let key = scheme.to_ascii_lowercase();
    let mut r = REGISTRY.lock();
    let i = r
        .iter()
        .position(|(k, _)| *k == key)
        .ok_or_else(|| store_err(OSSL_STORE_R_UNREGISTERED_SCHEME))?;
    Ok(r.remove(i).1 .0.cast())
}

fn registered(scheme: &[u8]) -> Option<*mut loader_st> {
    let key = scheme.to_ascii_lowercase();
    REGISTRY
        .lock()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, p)| p.0.cast())
}

// The store context.

/// `OSSL_STORE_post_process_info_fn`.
pub type PostFn =
    Option<unsafe extern "C" fn(*mut ossl_store_info_st, *mut c_void) -> *mut ossl_store_info_st>;

enum Source {
    File {
        uri: String,
        objects: Vec<Object>,
        pos: usize,
    },
    Loader {
        loader: Ptr,
        ctx: Ptr,
    },
}

/// One undecoded object of a file: a PEM block (label, text) or DER.
enum Object {
    Pem(Vec<u8>, Vec<u8>),
    Der(Vec<u8>),
}

/// The OSSL_STORE_CTX handle.
pub struct ossl_store_ctx_st {
    source: Mutex<Source>,
    ui_method: Ptr,
    ui_data: Ptr,
    post: PostFn,
    post_data: Ptr,
    expect: AtomicI32,
    error: AtomicI32,
    loading: AtomicI32,
}
crate::handle!(Owned: ossl_store_ctx_st);
pub type OSSL_STORE_CTX = ossl_store_ctx_st;

/// Splits a file into its objects: PEM blocks, or the whole file as DER.
fn split(data: &[u8]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut cur: Option<(Vec<u8>, Vec<u8>)> = None;
    let mut saw_begin = false;
    for line in data.split_inclusive(|&b| b == b'\n') {
        let t = crate::crypto::pem::trim_eol(line);
        if let Some((_, text)) = cur.as_mut() {
            text.extend_from_slice(line);
            if t.starts_with(b"-----END ") {
                if let Some((label, text)) = cur.take() {
                    out.push(Object::Pem(label, text));
                }
            }
            continue;
        }
        if let Some(label) = t
            .strip_prefix(b"-----BEGIN ")
            .and_then(|r| r.strip_suffix(b"-----"))
        {
            saw_begin = true;
            cur = Some((label.to_vec(), line.to_vec()));
        }
    }
    if !saw_begin && !data.is_empty() {
        out.push(Object::Der(data.to_vec()));
    }
    out
}

impl ossl_store_ctx_st {
    fn new(
        source: Source,
        ui_method: *const c_void,
        ui_data: *mut c_void,
        post: PostFn,
        post_data: *mut c_void,
    ) -> Self {
        Self {
            source: Mutex::new(source),
            ui_method: Ptr(ui_method as *mut c_void),
            ui_data: Ptr(ui_data),
            post,
            post_data: Ptr(post_data),
            expect: AtomicI32::new(0),
            error: AtomicI32::new(0),
            loading: AtomicI32::new(0),
        }
    }

    /// `OSSL_STORE_open_ex(uri)`.
    pub fn open(
        uri: &str,
        ui_method: *const c_void,
        ui_data: *mut c_void,
        post: PostFn,
        post_data: *mut c_void,
    ) -> Result<Self, Error> {
        if let Some((scheme, _)) = uri.split_once(':') {
            if !scheme.eq_ignore_ascii_case("file") {
                if let Some(l) = registered(scheme.as_bytes()) {
                    let f = *ffi::borrow(l)?.fns.lock();
                    let open = f
                        .open
                        .ok_or_else(|| store_err(OSSL_STORE_R_LOADER_INCOMPLETE))?;
                    let curi = CString::new(uri).map_err(|_| Error::invalid_argument("uri"))?;
                    // SAFETY: the open function set with OSSL_STORE_LOADER_set_open.
                    let ctx = ffi::call_c(
                        open,
                        (l as *const loader_st, curi.as_ptr(), ui_method, ui_data),
                    );
                    if ctx.is_null() {
                        return Err(store_err(OSSL_STORE_R_UNREGISTERED_SCHEME)
                            .data(&format!("scheme={scheme}")));
                    }
                    return Ok(Self::new(
                        Source::Loader {
                            loader: Ptr(l.cast()),
                            ctx: Ptr(ctx),
                        },
                        ui_method,
                        ui_data,
                        post,
                        post_data,
                    ));
                }
            }
        }
        let path = file_path(uri)?;
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::from_io(&e).data(&format!("calling stat({path})")))?;
        if meta.is_dir() {
            return Err(Error::unsupported("OSSL_STORE_open_ex of a directory"));
        }
        let data = std::fs::read(path)
            .map_err(|e| Error::from_io(&e).data(&format!("calling fopen({path}, rb)")))?;
        Ok(Self::from_bytes(
            uri, &data, ui_method, ui_data, post, post_data,
        ))
    }

    /// `OSSL_STORE_attach`: the objects in `data` (what the BIO held).
    pub fn from_bytes(
        uri: &str,
        data: &[u8],
        ui_method: *const c_void,
        ui_data: *mut c_void,
        post: PostFn,
        post_data: *mut c_void,
    ) -> Self {
        Self::new(
            Source::File {
                uri: uri.to_string(),
                objects: split(data),
                pos: 0,
            },
            ui_method,
            ui_data,
            post,
            post_data,
        )
    }

    /// `OSSL_STORE_expect`: only this type is returned (0: any).
    pub fn set_expect(&self, t: c_int) -> Result<(), Error> {
        if !(0..=OSSL_STORE_INFO_CRL).contains(&t) {
            return Err(Error::invalid_argument("expected type"));
        }
        if self.loading.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            return Err(store_err(OSSL_STORE_R_LOADING_STARTED));
        }
        self.expect.store(t, std::sync::atomic::Ordering::Relaxed);
        if let Source::Loader { loader, ctx } = &*self.source.lock() {
            if let Some(e) = ffi::borrow(loader.0 as *const loader_st)?.fns.lock().expect {
                // SAFETY: the expect function set with OSSL_STORE_LOADER_set_expect.
                if ffi::call_c(e, (ctx.0, t)) == 0 {
                    return Err(store_err(OSSL_STORE_R_UNSUPPORTED_OPERATION));
                }
            }
        }
        Ok(())
    }

    pub fn eof(&self) -> Result<bool, Error> {
        match &*self.source.lock() {
            Source::File { objects, pos, .. } => Ok(*pos >= objects.len()),
            Source::Loader { loader, ctx } => {
                let f = ffi::borrow(loader.0 as *const loader_st)?.fns.lock().eof;
                // SAFETY: the eof function set with OSSL_STORE_LOADER_set_eof.
                Ok(f.is_none_or(|f| ffi::call_c(f, (ctx.0,)) != 0))
            }
        }
    }

    pub fn error(&self) -> Result<bool, Error> {
        match &*self.source.lock() {
            Source::File { .. } => Ok(self.error.load(std::sync::atomic::Ordering::Relaxed) != 0),
            Source::Loader { loader, ctx } => {
                let f = ffi::borrow(loader.0 as *const loader_st)?.fns.lock().error;
                // SAFETY: the error function set with OSSL_STORE_LOADER_set_error.
                Ok(f.is_some_and(|f| ffi::call_c(f, (ctx.0,)) != 0))
            }
        }
    }

    /// `OSSL_STORE_load`: the next object of the expected type, or NULL at
    /// the end or when this object cannot be decoded (then with an ERR
    /// entry; the next call goes on with the following object).
    pub fn load(&self) -> Result<*mut ossl_store_info_st, Error> {
        self.loading.store(1, std::sync::atomic::Ordering::Relaxed);
        loop {
            if self.eof()? {
                return Ok(std::ptr::null_mut());
            }
            let info = match self.load_one() {
                Ok(Some(item)) => Box::into_raw(Box::new(ossl_store_info_st {
                    item: Mutex::new(item),
                })),
                Ok(None) => continue,
                Err(e) => {
                    self.error.store(1, std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
            };
            if info.is_null() {
                return Ok(info);
            }
            let info = match self.post {
                // SAFETY: the post-processing function given to
                // OSSL_STORE_open_ex with its data; it returns the info to
                // use (or NULL to skip it, having freed it).
                Some(p) => ffi::call_c(p, (info, self.post_data.0)),
                None => info,
            };
            if info.is_null() {
                continue;
            }
            let want = self.expect.load(std::sync::atomic::Ordering::Relaxed);
            let kind = ffi::borrow(info)?.item.lock().kind();
            if want != 0 && kind != want {
                ffi::free_box(info);
                continue;
            }
            return Ok(info);
        }
    }

    /// The next object decoded; None for an object this loader skips.
    fn load_one(&self) -> Result<Option<Item>, Error> {
        let (obj, uri) = {
            let mut s = self.source.lock();
            match &mut *s {
                Source::File { uri, objects, pos } => {
                    let o = std::mem::replace(&mut objects[*pos], Object::Der(Vec::new()));
                    *pos += 1;
                    (o, uri.clone())
                }
                Source::Loader { loader, ctx } => {
                    let (l, c) = (*loader, *ctx);
                    drop(s);
                    let f = ffi::borrow(l.0 as *const loader_st)?.fns.lock().load;
                    let f = f.ok_or_else(|| store_err(OSSL_STORE_R_LOADER_INCOMPLETE))?;
                    // SAFETY: the load function set with OSSL_STORE_LOADER_set_load.
                    let info =
                        ffi::call_c(f, (c.0, self.ui_method.0 as *const c_void, self.ui_data.0));
                    if info.is_null() {
                        return Ok(None);
                    }
                    // Take the item out of the C-made info, which we free.
                    let item = std::mem::replace(
                        &mut *ffi::borrow(info)?.item.lock(),
                        Item::Name(CString::default(), None),
                    );
                    ffi::free_box(info);
                    return Ok(Some(item));
                }
            }
        };
        decode(obj, &mut || self.password(&uri))
            .map(Some)
            .or_else(|e| match e {
                Skip => Ok(None),
                Fail(e) => Err(e),
            })
    }

    /// The pass phrase of an encrypted object, through the UI method given
    /// to `OSSL_STORE_open_ex` (as OpenSSL's `ossl_pw_get_passphrase`).
    fn password(&self, uri: &str) -> Result<Vec<u8>, Error> {
        let bad = || store_err(OSSL_STORE_R_BAD_PASSWORD_READ);
        if self.ui_method.0.is_null() {
            return Err(bad());
        }
        let uip = Box::into_raw(Box::new(ui::ui_st::new(self.ui_method.0.cast())));
        let r = ask(uip, self.ui_data, uri);
        ffi::free_box(uip);
        r
    }

    pub fn close(&self) -> Result<(), Error> {
        if let Source::Loader { loader, ctx } = &*self.source.lock() {
            if let Some(f) = ffi::borrow(loader.0 as *const loader_st)?.fns.lock().close {
                // SAFETY: the close function set with OSSL_STORE_LOADER_set_close.
                if ffi::call_c(f, (ctx.0,)) == 0 {
                    return Err(Error::internal("the store loader's close failed"));
                }
            }
        }
        Ok(())
    }
}

fn ask(uip: *mut ui::ui_st, data: Ptr, uri: &str) -> Result<Vec<u8>, Error> {
    let u = ffi::borrow(uip)?;
    *u.user_data.lock() = data;
    let info = CString::new(uri).unwrap_or_default();
    let m = ffi::borrow(u.method_ptr())?;
    let prompt = match m.fns.lock().prompt {
        Some(c) => {
            // SAFETY: the prompt constructor set with
            // UI_method_set_prompt_constructor; it returns OPENSSL_malloc memory.
            let p = ffi::call_c(c, (uip, c"pass phrase".as_ptr(), info.as_ptr()));
            if p.is_null() {
                return Err(store_err(OSSL_STORE_R_BAD_PASSWORD_READ));
            }
            let s = ffi::cstr_bytes(p)?.to_vec();
            ffi::free(p.cast());
            s
        }
        None => ui::default_prompt(b"pass phrase", Some(uri.as_bytes())),
    };
    let mut buf = vec![0u8; 1025];
    u.add(ui_string_st {
        kind: UIT_PROMPT,
        text: CString::new(prompt).unwrap_or_default(),
        flags: UI_INPUT_FLAG_DEFAULT_PWD,
        result_buf: Ptr(buf.as_mut_ptr().cast()),
        minsize: 0,
        maxsize: 1024,
        test_buf: Ptr::default(),
        result_len: AtomicI32::new(0),
    })?;
    match ui::process(uip)? {
        0 => {
            let n = buf.iter().position(|&b| b == 0).unwrap_or(0);
            buf.truncate(n);
            Ok(buf)
        }
        -2 => Err(store_err(109)), // OSSL_STORE_R_UI_PROCESS_INTERRUPTED_OR_CANCELLED
        _ => Err(store_err(OSSL_STORE_R_BAD_PASSWORD_READ)),
    }
}

enum DecodeErr {
    Skip,
    Fail(Error),
}
use DecodeErr::{Fail, Skip};

impl From<Error> for DecodeErr {
    fn from(e: Error) -> Self {
        Fail(e)
    }
}

fn cert_der(der: &[u8]) -> Result<Arc<x509_st>, Error> {
    let n = crate::crypto::asn1::tlv_len(der)?;
    x509_st::from_der(&der[..n])
}

fn decode(
    obj: Object,
    pass: &mut dyn FnMut() -> Result<Vec<u8>, Error>,
) -> Result<Item, DecodeErr> {
    match obj {
        Object::Pem(label, text) => match label.as_slice() {
            b"CERTIFICATE" | b"X509 CERTIFICATE" | b"TRUSTED CERTIFICATE" => {
                let (_, der) = crate::crypto::pem::decode_block(&text)?;
                Ok(Item::Cert(cert_der(&der)?))
            }
            b"X509 CRL" => {
                let (_, der) = crate::crypto::pem::decode_block(&text)?;
                Ok(Item::Crl(x509_crl_st::from_der(&der)?))
            }
            b"PUBLIC KEY" => Ok(Item::Pubkey(evp_pkey_st::public_from_pem(&text)?)),
            l if l.ends_with(b"PRIVATE KEY") => {
                Ok(Item::Pkey(evp_pkey_st::from_pem_with(&text, pass)?))
            }
            l if l.ends_with(b"PARAMETERS") => Err(Fail(
                store_err(OSSL_STORE_R_UNSUPPORTED_CONTENT_TYPE).data(&format!(
                    "{} (key parameters are not supported)",
                    String::from_utf8_lossy(l)
                )),
            )),
            // Requests, PKCS#7 and the like are not objects a store returns.
            _ => Err(Skip),
        },
        Object::Der(der) => {
            if let Ok(c) = cert_der(&der) {
                return Ok(Item::Cert(c));
            }
            if let Ok((k, n)) = evp_pkey_st::private_from_der(&der) {
                if n == der.len() {
                    return Ok(Item::Pkey(k));
                }
            }
            if let Ok((k, n)) = evp_pkey_st::public_from_der(&der) {
                if n == der.len() {
                    return Ok(Item::Pubkey(k));
                }
            }
            if let Ok(c) = x509_crl_st::from_der(&der) {
                return Ok(Item::Crl(c));
            }
            Err(Fail(store_err(OSSL_STORE_R_UNSUPPORTED_CONTENT_TYPE)))
        }
    }
}

/// The path of a `file:` URI (or a plain path).
fn file_path(uri: &str) -> Result<&str, Error> {
    let Some(rest) = uri
        .get(..5)
        .filter(|s| s.eq_ignore_ascii_case("file:"))
        .map(|_| &uri[5..])
    else {
        return Ok(uri);
    };
    if let Some(after) = rest.strip_prefix("//") {
        if let Some(p) = after.strip_prefix("localhost/") {
            return Ok(&after[after.len() - p.len() - 1..]);
        }
        if after.starts_with('/') {
            return Ok(after);
        }
        return Err(store_err(OSSL_STORE_R_URI_AUTHORITY_UNSUPPORTED));
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris() {
        assert_eq!(file_path("k.pem").unwrap(), "k.pem");
        assert_eq!(file_path("file:/tmp/k.pem").unwrap(), "/tmp/k.pem");
        assert_eq!(file_path("file:///tmp/k.pem").unwrap(), "/tmp/k.pem");
        assert_eq!(file_path("file://localhost/tmp/k").unwrap(), "/tmp/k");
        assert!(file_path("file://host/tmp/k").is_err());
    }

    #[test]
    fn split_pem_blocks() {
        let o = split(b"junk\n-----BEGIN A-----\nQQ==\n-----END A-----\n-----BEGIN B-----\nQg==\n-----END B-----\n");
        assert_eq!(o.len(), 2);
        assert!(matches!(&o[0], Object::Pem(l, _) if l == b"A"));
        assert!(matches!(split(b"\x30\x00").as_slice(), [Object::Der(_)]));
    }
}
