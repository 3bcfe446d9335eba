//! `#[no_mangle] extern "C"` entry points, one file per OpenSSL header area.
//! Entry functions convert arguments and delegate; nothing else.

pub mod bio;
pub mod ctrl;
pub mod err;
pub mod misc;
pub mod pkey;
pub mod ssl;
pub mod ssl_ctx;
