//! Handles: the pointers C holds to ferrossl's objects.
//!
//! Every C-visible object type says how C holds it, by implementing
//! [`Handle`] (the `Castable` of rustls-ffi): [`Shared`] objects are `Arc`s
//! whose raw pointer C holds (reference counted: `*_up_ref` / `*_free`),
//! [`Owned`] objects are `Box`es C frees once, and [`Lent`] objects are owned
//! elsewhere (a `'static` table row, a field of another object) and only
//! borrowed. The helpers below compile only for the matching ownership, so
//! `release` on a `Box` handle, or `free_box` on an `Arc` one, is a type error.

use crate::crypto::err::Error;
use std::ffi::c_int;
use std::sync::Arc;

/// How C holds an object; see the module documentation.
pub trait Ownership {}
/// An `Arc<T>` whose raw pointer C holds.
pub enum Shared {}
/// A `Box<T>` C frees once.
pub enum Owned {}
/// Owned elsewhere; C only borrows it.
pub enum Lent {}
impl Ownership for Shared {}
impl Ownership for Owned {}
impl Ownership for Lent {}

/// A type C holds pointers to.
pub trait Handle {
    type Ownership: Ownership;
}

/// `handle!(Shared: a, b; Owned: c)` declares how C holds each type.
#[macro_export]
macro_rules! handle {
    ($($own:ident: $($t:ty),+);+ $(;)?) => {
        $($(impl $crate::ffi::Handle for $t {
            type Ownership = $crate::ffi::$own;
        })+)+
    };
}

/// A borrowed handle: the object stays alive for the whole call.
pub fn borrow<'a, T: Handle>(p: *const T) -> Result<&'a T, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: non-NULL handles given to C came from `Arc::into_raw`,
    // `Box::into_raw` or a longer-lived owner (per `T::Ownership`), and C
    // promises they are live for the duration of the call.
    Ok(unsafe { &*p })
}

/// A new strong reference to the handle `p`, so the object outlives anything
/// a callback may do to it (e.g. `SSL_free` from inside a verify callback).
pub fn clone_arc<T: Handle<Ownership = Shared>>(p: *const T) -> Result<Arc<T>, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: `p` came from `Arc::into_raw` and C holds a reference to it.
    unsafe {
        Arc::increment_strong_count(p);
        Ok(Arc::from_raw(p))
    }
}

/// Hands one strong reference to C.
pub fn into_raw<T: Handle<Ownership = Shared>>(a: Arc<T>) -> *mut T {
    Arc::into_raw(a) as *mut T
}

/// Drops the reference C holds; NULL is a no-op.
pub fn release<T: Handle<Ownership = Shared>>(p: *const T) {
    if !p.is_null() {
        // SAFETY: `p` came from `Arc::into_raw`; C gives up its reference.
        drop(unsafe { Arc::from_raw(p) });
    }
}

/// Takes the reference C holds (the `set0` transfer).
pub fn take_arc<T: Handle<Ownership = Shared>>(p: *const T) -> Option<Arc<T>> {
    if p.is_null() {
        None
    } else {
        // SAFETY: as in `release`, C hands its reference over.
        Some(unsafe { Arc::from_raw(p) })
    }
}

/// `X_up_ref`: one more reference owned by C.
pub fn up_ref<T: Handle<Ownership = Shared>>(p: *const T) -> Result<c_int, Error> {
    let a = clone_arc(p)?;
    std::mem::forget(a);
    Ok(1)
}

/// Frees a `Box` handed to C (NULL: no-op).
pub fn free_box<T: Handle<Ownership = Owned>>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: `p` came from `Box::into_raw` and C gives it back once.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// Runs `f` on `*p`, an object C lends mutably for this call.
pub fn with_mut<T: Handle>(p: *mut T, f: impl FnOnce(&mut T)) {
    if !p.is_null() {
        // SAFETY: C passes a live, exclusive pointer for this call (here: the
        // X509_STORE_CTX we handed to a verify callback on this thread).
        f(unsafe { &mut *p })
    }
}

/// A handle C passes for changing (`X509_set_*`, `X509_NAME_add_entry*`,
/// `ASN1_INTEGER_set` on a field of a certificate being built): OpenSSL's
/// rule is that an object is not changed while another thread uses it.
pub fn borrow_mut<'a, T: Handle>(p: *mut T) -> Result<&'a mut T, Error> {
    if p.is_null() {
        return Err(Error::null_pointer());
    }
    // SAFETY: as in `borrow`; C promises no other use of the object during
    // the call (OpenSSL's contract for its setters).
    Ok(unsafe { &mut *p })
}
