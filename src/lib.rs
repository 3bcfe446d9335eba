//! ferrossl: OpenSSL 3's libssl ABI over rustls and aws-lc-rs.
//!
//! Entry points (`src/entry/`) convert C arguments and delegate to the safe
//! modules; `src/ffi.rs` is where raw pointers are turned into references.
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]

#[macro_use]
pub mod ffi;
pub mod bio;
pub mod ciphers;
pub mod connection;
pub mod context;
pub mod entry;
pub mod error;
pub mod ex_data;
pub mod exporter;
pub mod keys;
pub mod md5;
pub mod session;
pub mod tables;
pub mod verify;
pub mod x509;
