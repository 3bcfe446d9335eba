//! libcrypto's entry points, one file per OpenSSL header.

pub mod asn1;
pub mod bio;
pub mod bn;
pub mod comp;
pub mod conf;
// Named after its header (crypto.h), like its siblings.
#[allow(clippy::module_inception)]
pub mod crypto;
pub mod dh;
pub mod ec;
pub mod err;
pub mod evp;
pub mod evp_cipher;
pub mod evp_pkey;
pub mod hmac;
pub mod md5;
pub mod objects;
pub mod ocsp;
pub mod pem;
pub mod rand;
pub mod rsa;
pub mod sha;
pub mod stack;
pub mod x509;
pub mod x509_vfy;
pub mod x509v3;

pub use asn1::*;
pub use bio::*;
pub use bn::*;
pub use comp::*;
pub use conf::*;
pub use crypto::*;
pub use dh::*;
pub use ec::*;
pub use err::*;
pub use evp::*;
pub use evp_cipher::*;
pub use evp_pkey::*;
pub use hmac::*;
pub use md5::*;
pub use objects::*;
pub use ocsp::*;
pub use pem::*;
pub use rand::*;
pub use rsa::*;
pub use sha::*;
pub use stack::*;
pub use x509::*;
pub use x509_vfy::*;
pub use x509v3::*;
