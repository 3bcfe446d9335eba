//! The C boundary: the only module with `unsafe` code.
//!
//! What C promises, and what is checked here:
//! - a handle is NULL or a pointer ferrossl handed out and C still holds
//!   (`borrow`, `clone_arc`, ... check NULL; the rest is C's promise);
//! - a buffer `(ptr, len)` is NULL or `len` valid bytes for the call;
//! - a string is NULL or NUL-terminated for the call;
//! - a callback is a function of the documented C type, safe to call from
//!   any thread that drives the object it was set on.
//!
//! Every exported function runs its body inside [`ffi_boundary!`], except
//! those that only return a constant or call another exported function
//! (tests/boundary.rs checks this). This module
//! imports only `crypto::err` (for `Error`): it knows nothing of the objects
//! behind the handles.
// Exported helpers take raw pointers from C by design; each dereference is
// checked for NULL and documented with a SAFETY line.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

#[macro_use]
mod boundary;
mod buf;
mod callback;
#[macro_use]
mod handle;
pub mod bn;
pub mod cipher;
pub mod conf;
pub mod ec;
pub mod lc;
pub mod ocsp;
pub mod params;
pub mod pkcs12;
pub mod pkey;
pub mod print;
pub mod purpose;
pub mod rsa;
pub mod sock;
mod sys;
pub mod verify;
pub mod x509;

pub use boundary::*;
pub use buf::*;
pub use callback::*;
pub use handle::*;
pub use sys::*;
