//! `OPENSSL_STACK`, the untyped stack behind every `STACK_OF(...)`.

use crate::crypto::err::Error;
use crate::ffi::Ptr;
use parking_lot::Mutex;
use std::ffi::c_void;
use std::sync::Arc;

// OPENSSL_STACK.

/// OpenSSL's generic stack: a vector of C pointers it does not own.
#[derive(Debug, Default)]
pub struct stack_st {
    pub(crate) items: Mutex<Vec<Ptr>>,
}
crate::handle!(Shared: stack_st);
pub type OPENSSL_STACK = stack_st;

impl stack_st {
    /// A new stack handed to C (freed by `OPENSSL_sk_free`/`_pop_free`).
    pub fn from_ptrs(items: Vec<*mut c_void>) -> *mut stack_st {
        crate::ffi::into_raw(Arc::new(Self::new(items)))
    }

    pub fn new(items: Vec<*mut c_void>) -> Self {
        Self {
            items: Mutex::new(items.into_iter().map(Ptr).collect()),
        }
    }

    /// Runs `f` on the items; a concurrent use is an error, not UB.
    pub fn with<R>(&self, f: impl FnOnce(&mut Vec<Ptr>) -> R) -> Result<R, Error> {
        let mut g = self
            .items
            .try_lock()
            .ok_or_else(|| Error::internal("stack used concurrently"))?;
        Ok(f(&mut g))
    }

    pub fn to_vec(&self) -> Vec<*mut c_void> {
        self.items.lock().iter().map(|p| p.0).collect()
    }
}

/// A STACK_OF(X509) whose element references belong to its owner.
pub struct X509Stack(pub(crate) Arc<crate::crypto::stack::stack_st>);

impl X509Stack {
    pub fn new(certs: Vec<Arc<crate::crypto::x509::x509_st>>) -> Self {
        let ptrs = certs
            .into_iter()
            .map(|c| crate::ffi::into_raw(c) as *mut std::ffi::c_void)
            .collect();
        Self(Arc::new(crate::crypto::stack::stack_st::new(ptrs)))
    }
}

impl Drop for X509Stack {
    fn drop(&mut self) {
        for p in self.0.to_vec() {
            crate::ffi::release(p as *const crate::crypto::x509::x509_st);
        }
    }
}

/// A STACK_OF(X509_NAME) whose element references belong to its owner
/// (`SSL_CTX_get_client_CA_list`).
pub struct NameStack(pub(crate) Arc<crate::crypto::stack::stack_st>);

impl NameStack {
    pub fn new(names: Vec<Arc<crate::crypto::x509::X509_NAME>>) -> Self {
        let ptrs = names
            .into_iter()
            .map(|n| crate::ffi::into_raw(n) as *mut std::ffi::c_void)
            .collect();
        Self(Arc::new(crate::crypto::stack::stack_st::new(ptrs)))
    }

    /// The stack as C sees it, valid while `self` lives.
    pub fn as_ptr(&self) -> *mut crate::crypto::stack::stack_st {
        Arc::as_ptr(&self.0) as *mut crate::crypto::stack::stack_st
    }
}

impl Drop for NameStack {
    fn drop(&mut self) {
        for p in self.0.to_vec() {
            crate::ffi::release(p as *const crate::crypto::x509::X509_NAME);
        }
    }
}
