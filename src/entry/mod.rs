//! `#[no_mangle] extern "C"` entry points, one file per OpenSSL header (`ssl.h`
//! is split by object). Entry functions check and convert C arguments inside
//! `ffi_boundary!` and delegate to [`crate::ssl`] and [`crate::crypto`]; plain
//! reads and writes of an object's fields (under its lock) are done here too,
//! anything with logic lives in the core.
//!
//! Every entry function is also re-exported here, so Rust callers (tests,
//! fuzz targets) can `use ferrossl::entry::*`.

// The names ferrossl does not implement: generated stubs (tools/gen-absent.py),
// kept out of include/ferrossl.h by the marker below.
/// cbindgen:ignore
pub mod absent;
pub mod crypto;
pub mod ssl;

pub use absent::*;
pub use crypto::*;
pub use ssl::*;
