//! `X509_VERIFY_PARAM` of an `SSL_CTX` or `SSL`, and an `SSL`'s peer chain.

use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::ffi::{self, Ptr};
use crate::ssl::connection::ssl_st;
use crate::ssl::context::ssl_ctx_st;
use crate::ssl::registry::Registry;
use parking_lot::Mutex;
use std::ffi::c_void;
use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU32, AtomicU64};
use std::sync::{Arc, LazyLock, Weak};

// ---------------------------------------------------------------------------
// X509_VERIFY_PARAM of an SSL, and its peer chain.

/// Whose host name an `X509_VERIFY_PARAM` sets.
pub(crate) enum ParamOwner {
    /// `SSL_get0_param`: the `SSL` at this address (the parameter lives
    /// exactly as long as it).
    Ssl(Ptr),
    /// `SSL_CTX_get0_param`: the context's default verify host.
    Ctx(Weak<ssl_ctx_st>),
    /// An `X509_STORE_CTX`'s own parameters: the host name kept here.
    Own(Mutex<Option<String>>),
}

/// Verification parameters of an `SSL` or `SSL_CTX`: the host name lives in
/// the owner itself (as with `SSL_set1_host`); the rest is recorded.
pub struct x509_verify_param_st {
    pub(crate) owner: ParamOwner,
    pub(crate) hostflags: AtomicU32,
    pub(crate) purpose: AtomicI32,
    pub(crate) trust: AtomicI32,
    pub(crate) flags: AtomicU64,
    /// `X509_VERIFY_PARAM_set_depth`; -1: unset.
    pub(crate) depth: AtomicI32,
    /// `X509_VERIFY_PARAM_set_time` (used with `X509_V_FLAG_USE_CHECK_TIME`).
    pub(crate) time: AtomicI64,
}
crate::handle!(Lent: x509_verify_param_st);
pub type X509_VERIFY_PARAM = x509_verify_param_st;

impl x509_verify_param_st {
    pub(crate) fn new(owner: ParamOwner) -> Self {
        Self {
            owner,
            hostflags: AtomicU32::new(0),
            purpose: AtomicI32::new(0),
            trust: AtomicI32::new(0),
            flags: AtomicU64::new(0),
            depth: AtomicI32::new(-1),
            time: AtomicI64::new(0),
        }
    }

    /// The host name set on an `X509_STORE_CTX`'s own parameters (the host
    /// of an `SSL` or `SSL_CTX` lives in its owner).
    pub(crate) fn own_host(&self) -> Option<String> {
        match &self.owner {
            ParamOwner::Own(h) => h.lock().clone(),
            _ => None,
        }
    }

    pub(crate) fn set_host(&self, host: Option<String>) -> Result<(), Error> {
        match &self.owner {
            ParamOwner::Ssl(p) => ffi::borrow(p.0 as *const ssl_st)?.st.lock().host = host,
            ParamOwner::Ctx(w) => {
                let ctx = w
                    .upgrade()
                    .ok_or_else(|| Error::internal("the parameter's SSL_CTX is gone"))?;
                ctx.update(|s| s.verify_host = host);
            }
            ParamOwner::Own(h) => *h.lock() = host,
        }
        Ok(())
    }
}

/// What an `SSL` owns on the C side of this module.
pub(crate) struct SslExtras {
    pub(crate) param: x509_verify_param_st,
    /// Stacks handed out by `SSL_get_ciphers` (elements are static).
    pub(crate) cipher_stacks: Mutex<Vec<Arc<stack_st>>>,
}

/// `ssl`'s extras, made on first use and kept in the `SSL`'s `compat`
/// slot, so they are dropped with it.
pub(crate) fn extras(ssl: &ssl_st) -> Result<&SslExtras, Error> {
    let me = Ptr(ssl as *const ssl_st as *mut c_void);
    ssl.compat
        .get_or_init(|| {
            Box::new(SslExtras {
                param: x509_verify_param_st::new(ParamOwner::Ssl(me)),
                cipher_stacks: Mutex::new(Vec::new()),
            })
        })
        .downcast_ref::<SslExtras>()
        .ok_or_else(|| Error::internal("the SSL's compat slot holds something else"))
}

pub(crate) static CTX_PARAMS: LazyLock<Mutex<Registry<ssl_ctx_st, x509_verify_param_st>>> =
    LazyLock::new(|| Mutex::new(Registry::new()));

/// The `X509_V_FLAG_*` a handshake on `ssl` verifies with: those of its
/// context's `X509_STORE` (`X509_STORE_set_flags`, curl's way), of its
/// context's parameters (`SSL_CTX_get0_param`, CPython's) and of its own.
pub(crate) fn verify_flags(ssl: &ssl_st) -> u64 {
    use std::sync::atomic::Ordering::Relaxed;
    let ctx = ssl.ctx();
    let mut flags = 0;
    if let Some(store) = crate::ssl::store::STORES.lock().get(&ctx) {
        flags |= store.flags.load(Relaxed);
    }
    if let Some(p) = CTX_PARAMS.lock().get(&ctx) {
        flags |= p.flags.load(Relaxed);
    }
    if let Some(ex) = ssl.compat.get().and_then(|b| b.downcast_ref::<SslExtras>()) {
        flags |= ex.param.flags.load(Relaxed);
    }
    flags
}

/// `X509_STORE_set_verify_cb` on `ssl`'s context store: the handshake's
/// callback when the `SSL` and its context set none (as OpenSSL).
pub(crate) fn store_verify_cb(ssl: &ssl_st) -> crate::ssl::context::SSL_verify_cb {
    let ctx = ssl.ctx();
    let store = crate::ssl::store::STORES.lock().get(&ctx);
    store.and_then(|s| *s.verify_cb.lock())
}

/// Parameters made by `X509_VERIFY_PARAM_new`, owned here until
/// `X509_VERIFY_PARAM_free` (the other parameters belong to an `SSL`,
/// `SSL_CTX`, store or store context).
// Boxed: C holds the addresses, which must not move as the Vec grows.
#[allow(clippy::vec_box)]
static STANDALONE: Mutex<Vec<Box<x509_verify_param_st>>> = Mutex::new(Vec::new());

/// `X509_VERIFY_PARAM_new`.
pub(crate) fn new_standalone() -> *mut x509_verify_param_st {
    let mut b = Box::new(x509_verify_param_st::new(ParamOwner::Own(Mutex::new(None))));
    let p = &mut *b as *mut x509_verify_param_st;
    STANDALONE.lock().push(b);
    p
}

/// `X509_VERIFY_PARAM_free`: frees a parameter from `new_standalone`; any
/// other pointer (a parameter some object owns) is left alone.
pub(crate) fn free_standalone(p: *const x509_verify_param_st) {
    let gone = {
        let mut v = STANDALONE.lock();
        v.iter()
            .position(|b| std::ptr::eq(&**b, p))
            .map(|i| v.swap_remove(i))
    };
    drop(gone);
}

impl x509_verify_param_st {
    /// `X509_VERIFY_PARAM_set1`: copies `from`'s settings onto `self`.
    pub(crate) fn copy_from(&self, from: &Self) -> Result<(), Error> {
        use std::sync::atomic::Ordering::Relaxed;
        self.hostflags.store(from.hostflags.load(Relaxed), Relaxed);
        self.purpose.store(from.purpose.load(Relaxed), Relaxed);
        self.trust.store(from.trust.load(Relaxed), Relaxed);
        self.flags.fetch_or(from.flags.load(Relaxed), Relaxed);
        self.depth.store(from.depth.load(Relaxed), Relaxed);
        self.time.store(from.time.load(Relaxed), Relaxed);
        if let Some(h) = from.own_host() {
            self.set_host(Some(h))?;
        }
        Ok(())
    }
}
