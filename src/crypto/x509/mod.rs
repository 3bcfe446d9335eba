//! X.509 certificates, names, extensions and host matching.
//!
//! A certificate is parsed eagerly from DER into `x509_st` (version, serial,
//! signature algorithm, issuer and subject names, validity, public key,
//! extensions and the subjectAltName); the C views of these pieces live
//! beside it. Malformed certificates are rejected with an `ASN1_R_*` reason.

pub mod build;
pub mod cert;
pub mod crl;
pub mod extension;
pub mod host;
pub mod info;
pub mod name;
pub mod print;
pub mod req;

#[cfg(test)]
mod tests;

pub use build::*;
pub use cert::*;
pub use crl::*;
pub use extension::*;
pub use host::*;
pub use info::*;
pub use name::*;
pub use req::*;
