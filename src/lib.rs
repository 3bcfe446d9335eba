//! ferrossl: OpenSSL 3's libssl ABI over rustls and aws-lc-rs.
//!
//! The layers, and the one rule between them (docs/design.md):
//!
//! - [`ffi`]: the C boundary, the only place raw pointers become references.
//! - [`abi`]: OpenSSL's names and numbers; no behaviour, imports nothing.
//! - [`crypto`]: the libcrypto side (ERR, BIO, ASN.1, X.509, PEM, digests, keys);
//!   it never imports [`ssl`].
//! - [`ssl`]: the libssl side (contexts, connections, sessions, verification).
//! - [`entry`]: the `#[no_mangle]` functions, one file per OpenSSL header; they
//!   convert C arguments and delegate.
#![allow(non_camel_case_types, non_upper_case_globals)]

#[macro_use]
pub mod ffi;
pub mod abi;
pub mod crypto;
pub mod entry;
pub mod ssl;
