//! `#[no_mangle] extern "C"` entry points, one file per OpenSSL header (`ssl.h`
//! is split by object). Entry functions check and convert C arguments inside
//! `ffi_boundary!` and delegate to [`crate::ssl`] and [`crate::crypto`].
//!
//! Every entry function is also re-exported here, so Rust callers (tests,
//! fuzz targets) can `use ferrossl::entry::*`.

pub mod crypto;
pub mod ssl;

pub use crypto::*;
pub use ssl::*;
