//! `X509_VERIFY_PARAM` of an `SSL_CTX` or `SSL`, and an `SSL`'s peer chain.

use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::ffi::{self, Ptr};
use crate::ssl::connection::ssl_st;
use crate::ssl::context::ssl_ctx_st;
use crate::ssl::registry::Registry;
use parking_lot::Mutex;
use std::ffi::c_void;
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64};
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
}

/// Verification parameters of an `SSL` or `SSL_CTX`: the host name lives in
/// the owner itself (as with `SSL_set1_host`); the rest is recorded.
pub struct x509_verify_param_st {
    pub(crate) owner: ParamOwner,
    pub(crate) hostflags: AtomicU32,
    pub(crate) purpose: AtomicI32,
    pub(crate) trust: AtomicI32,
    pub(crate) flags: AtomicU64,
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
