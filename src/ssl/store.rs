//! `X509_STORE`: a view of an `SSL_CTX`'s trust roots, or a free-standing store.
//!
//! It lives on the libssl side because a context's store is a view of the
//! context's roots; when the context holds an `X509_STORE` of its own
//! (CRLs, `X509_verify_cert`), the model moves to `crypto::x509`.

use crate::abi::reasons::ERR_LIB_X509;
use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::crypto::x509::x509_st;
use crate::ssl::context::{load_roots, merge_roots, ssl_ctx_st, system_roots, Roots};
use crate::ssl::params::{x509_verify_param_st, ParamOwner};
use crate::ssl::registry::Registry;
use parking_lot::Mutex;
use rustls_pki_types::CertificateDer;
use std::ffi::c_int;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, LazyLock, Weak};

// ---------------------------------------------------------------------------
// X509_STORE: the trust store of a context, or a free-standing one.

pub(crate) enum Backing {
    /// `SSL_CTX_get_cert_store`: adds go to the context's trust roots.
    Context(Weak<ssl_ctx_st>),
    /// `X509_STORE_new`: certificates and CRLs kept here.
    Own(Mutex<Arc<Roots>>),
}

/// The X509_STORE handle.
pub struct x509_store_st {
    pub(crate) backing: Backing,
    pub(crate) flags: AtomicU64,
    /// `X509_STORE_get0_objects` results, kept as long as the store: the
    /// stack and the objects its elements point to.
    pub(crate) objects: Mutex<Vec<ObjectList>>,
    /// `X509_STORE_add_lookup` results, owned by the store; boxed so the
    /// pointers C holds stay put while the list grows.
    #[allow(clippy::vec_box)]
    pub(crate) lookups: Mutex<Vec<Box<x509_lookup_st>>>,
    /// `X509_STORE_set_verify_cb`: the callback `X509_verify_cert` runs
    /// when its context sets none.
    pub(crate) verify_cb: Mutex<crate::ssl::context::SSL_verify_cb>,
    /// `X509_STORE_get0_param`: depth, purpose, host for `X509_verify_cert`.
    pub(crate) param: x509_verify_param_st,
}
crate::handle!(Shared: x509_store_st);

/// A stack handed out by `X509_STORE_get0_objects` and the objects it points to.
pub(crate) type ObjectList = (Arc<stack_st>, Vec<Box<x509_object_st>>);

impl x509_store_st {
    pub(crate) fn new(backing: Backing) -> Self {
        Self {
            backing,
            flags: AtomicU64::new(0),
            objects: Mutex::new(Vec::new()),
            lookups: Mutex::new(Vec::new()),
            verify_cb: Mutex::new(None),
            param: x509_verify_param_st::new(ParamOwner::Own(Mutex::new(None))),
        }
    }

    /// Replaces the store's roots with `f(current)` (for a context's
    /// store: its context's, for connections made from then on).
    fn update(&self, f: impl FnOnce(&Roots) -> Result<Option<Roots>, Error>) -> Result<(), Error> {
        match &self.backing {
            Backing::Context(w) => {
                let ctx = w
                    .upgrade()
                    .ok_or_else(|| Error::internal("the store's SSL_CTX is gone"))?;
                let current = ctx.settings().roots.clone();
                if let Some(new) = f(&current)? {
                    ctx.update(|s| s.roots = Arc::new(new));
                }
            }
            Backing::Own(roots) => {
                let mut roots = roots.lock();
                if let Some(new) = f(&roots)? {
                    *roots = Arc::new(new);
                }
            }
        }
        Ok(())
    }

    /// The trust anchors and CRLs as they are now.
    pub(crate) fn roots(&self) -> Arc<Roots> {
        match &self.backing {
            Backing::Context(w) => w
                .upgrade()
                .map(|c| c.settings().roots.clone())
                .unwrap_or_default(),
            Backing::Own(r) => r.lock().clone(),
        }
    }

    /// `X509_STORE_add_crl`: consulted under `X509_V_FLAG_CRL_CHECK`.
    pub(crate) fn add_crl(&self, crl: Arc<crate::crypto::x509::x509_crl_st>) -> Result<(), Error> {
        self.update(|r| {
            if r.crls.iter().any(|c| c.der() == crl.der()) {
                return Ok(None);
            }
            let mut new = clone_roots(r);
            new.crls.push(crl.clone());
            Ok(Some(new))
        })
    }

    /// Adds the certificates of a PEM `file` and/or a directory `dir` of PEM
    /// files (OpenSSL's `X509_STORE_load_file` / `_path` / `_locations`);
    /// `system`: the system trust store too. Fails if `file` cannot be read.
    pub(crate) fn load(
        &self,
        file: Option<&str>,
        dir: Option<&str>,
        system: bool,
    ) -> Result<(), Error> {
        let load = |base: &Roots| -> Result<Roots, Error> {
            let mut r = load_roots(base, file, dir)?;
            if system {
                r = merge_roots(&r, &system_roots());
            }
            Ok(r)
        };
        self.update(|r| {
            let mut new = load(r)?;
            dedup(&mut new);
            Ok(Some(new))
        })
    }

    /// Makes `der` a trust anchor of the store (for a context's store: of
    /// connections verified from then on). Already present: nothing to do.
    pub(crate) fn add(&self, der: CertificateDer<'static>) -> Result<(), Error> {
        self.update(|r| add_root(r, &der))
    }

    pub(crate) fn certs(&self) -> Vec<CertificateDer<'static>> {
        self.roots().certs.clone()
    }
}
pub type X509_STORE = x509_store_st;

pub(crate) static STORES: LazyLock<Mutex<Registry<ssl_ctx_st, x509_store_st>>> =
    LazyLock::new(|| Mutex::new(Registry::new()));

/// Adds `der` to a root set unless present; false if it is not a usable
/// trust anchor.
pub(crate) fn add_root(
    roots: &Roots,
    der: &CertificateDer<'static>,
) -> Result<Option<Roots>, Error> {
    if roots.certs.iter().any(|c| c == der) {
        return Ok(None);
    }
    let anchor = webpki::anchor_from_trusted_cert(der)
        .map_err(|e| Error::new(ERR_LIB_X509, X509_R_CERT_PARSE_ERROR).data(&format!("{e:?}")))?
        .to_owned();
    let mut out = clone_roots(roots);
    out.anchors.push(anchor);
    out.certs.push(der.clone());
    Ok(Some(out))
}
/// A copy of a root set.
pub(crate) fn clone_roots(r: &Roots) -> Roots {
    Roots {
        anchors: r.anchors.clone(),
        certs: r.certs.clone(),
        crls: r.crls.clone(),
    }
}

/// Drops repeated certificates (a file loaded twice).
fn dedup(r: &mut Roots) {
    let mut seen = std::collections::HashSet::new();
    let mut keep = r.certs.iter().map(|c| seen.insert(c.as_ref().to_vec()));
    let mask: Vec<bool> = keep.by_ref().collect();
    let mut i = 0;
    r.certs.retain(|_| {
        i += 1;
        mask[i - 1]
    });
    let mut i = 0;
    r.anchors.retain(|_| {
        i += 1;
        mask[i - 1]
    });
}

pub(crate) const X509_R_CERT_PARSE_ERROR: c_int = 143;

// ---------------------------------------------------------------------------
// X509_OBJECT and the store's object list (CPython's cert_store_stats and
// get_ca_certs walk it).

/// An X509_OBJECT: a certificate (CRLs are not supported), or nothing.
pub struct x509_object_st {
    pub(crate) cert: Mutex<Option<Arc<x509_st>>>,
}
crate::handle!(Owned: x509_object_st);
pub type X509_OBJECT = x509_object_st;

// ---------------------------------------------------------------------------
// X509_LOOKUP: a file or hashed-directory source feeding a store.

/// `X509_LOOKUP_METHOD`: which kind of lookup (`X509_LOOKUP_file()`,
/// `X509_LOOKUP_hash_dir()`); static.
pub struct x509_lookup_method_st {
    pub(crate) dir: bool,
    /// `X509_LOOKUP_store()`: loads OSSL_STORE URIs.
    pub(crate) uri: bool,
}
crate::handle!(Lent: x509_lookup_method_st);
pub type X509_LOOKUP_METHOD = x509_lookup_method_st;
pub static LOOKUP_FILE: X509_LOOKUP_METHOD = X509_LOOKUP_METHOD {
    dir: false,
    uri: false,
};
pub static LOOKUP_HASH_DIR: X509_LOOKUP_METHOD = X509_LOOKUP_METHOD {
    dir: true,
    uri: false,
};
pub static LOOKUP_STORE: X509_LOOKUP_METHOD = X509_LOOKUP_METHOD {
    dir: false,
    uri: true,
};

/// `X509_LOOKUP`: owned by its store, which it loads into.
pub struct x509_lookup_st {
    pub(crate) store: Weak<x509_store_st>,
    pub(crate) method: &'static X509_LOOKUP_METHOD,
}
crate::handle!(Lent: x509_lookup_st);
pub type X509_LOOKUP = x509_lookup_st;
