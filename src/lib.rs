//! ferrossl: OpenSSL 3's libssl ABI over rustls and aws-lc-rs.
//!
//! Entry points (`src/entry/`) convert C arguments and delegate to the safe
//! modules; `src/ffi.rs` is where raw pointers are turned into references.
#![allow(non_camel_case_types)]

#[macro_use]
pub mod ffi;
pub mod bio;
pub mod error;
pub mod tables;
pub mod x509;
pub mod entry;
