//! `#[no_mangle] extern "C"` entry points, one file per OpenSSL header area.
pub mod asn1;
pub mod digest;
pub mod obj;
pub mod pem_x509;
pub mod stack;
pub mod x509;
