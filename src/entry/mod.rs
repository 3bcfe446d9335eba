//! `#[no_mangle] extern "C"` entry points, one file per OpenSSL header area.
//! Entry functions convert arguments and delegate; nothing else.

pub mod asn1;
pub mod bio;
pub mod compat;
pub mod ctrl;
pub mod digest;
pub mod err;
pub mod misc;
pub mod obj;
pub mod pem_x509;
pub mod pkey;
pub mod ssl;
pub mod ssl_ctx;
pub mod stack;
pub mod x509;
