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
// OpenSSL's C names (ssl_st, SSL_CTX_new, NID_commonName) are kept as they are.
#![allow(non_camel_case_types, non_upper_case_globals)]
// `unsafe` lives in `ffi` only.
#![deny(unsafe_code)]

#[macro_use]
#[allow(unsafe_code)]
pub mod ffi;
pub mod abi;
pub mod crypto;
// `#[no_mangle]` counts as unsafe code to the lint; tests/layering.rs checks
// that entry/ holds no `unsafe` block, fn or impl.
#[allow(unsafe_code)]
pub mod entry;
pub mod ssl;

/// The handles C may use from several threads (OpenSSL 3's rules: an
/// `SSL_CTX`, `X509`, `EVP_PKEY` or `SSL_SESSION` is shared freely; an `SSL`
/// or `BIO` is used by one thread at a time, but may move between threads and
/// be freed from any) are `Send + Sync`, so the compiler checks the locking.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<ssl::context::ssl_ctx_st>();
    send_sync::<ssl::connection::ssl_st>();
    send_sync::<ssl::session::ssl_session_st>();
    send_sync::<crypto::bio::bio_st>();
    send_sync::<crypto::x509::x509_st>();
    send_sync::<crypto::pkey::evp_pkey_st>();
};
