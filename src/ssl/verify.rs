//! Certificate verification with OpenSSL's contract on top of webpki:
//! `X509_V_ERR_*` results, the verify callback with `preverify_ok`, depth
//! and `X509_STORE_CTX`.

use crate::abi::consts::{
    SSL_VERIFY_PEER, X509_V_ERR_CERT_CHAIN_TOO_LONG, X509_V_ERR_CERT_HAS_EXPIRED,
    X509_V_ERR_CERT_NOT_YET_VALID, X509_V_ERR_CERT_REJECTED, X509_V_ERR_CERT_REVOKED,
    X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
    X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_INVALID_CA, X509_V_ERR_INVALID_EXTENSION,
    X509_V_ERR_INVALID_PURPOSE, X509_V_ERR_IP_ADDRESS_MISMATCH,
    X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNSPECIFIED, X509_V_OK,
};
use crate::ssl::connection::ssl_st;
use crate::ssl::context::Roots;
use rustls::crypto::CryptoProvider;
use rustls::CertificateError;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::ffi::{c_int, c_long};
use std::sync::Arc;

/// X509_STORE_CTX as the verify callback sees it.
pub struct x509_store_ctx_st {
    pub ssl: *mut ssl_st,
    pub error: c_int,
    pub depth: c_int,
    pub current: Option<Arc<crate::crypto::x509::x509_st>>,
    pub chain: Vec<CertificateDer<'static>>,
    pub ex_data: crate::crypto::ex_data::ExData,
}
crate::handle!(Lent: x509_store_ctx_st);
pub type X509_STORE_CTX = x509_store_ctx_st;

/// What one chain verification concluded.
pub struct Verdict {
    /// X509_V_OK or the last error (even one a callback chose to ignore).
    pub result: c_long,
    /// False when the handshake must fail.
    pub accepted: bool,
}

/// An OpenSSL verification error for a webpki error.
fn map_webpki(e: &webpki::Error, chain: &[CertificateDer<'_>]) -> (c_long, c_int) {
    use webpki::Error as W;
    match e {
        W::CertExpired { .. } => (X509_V_ERR_CERT_HAS_EXPIRED, 0),
        W::CertNotValidYet { .. } => (X509_V_ERR_CERT_NOT_YET_VALID, 0),
        W::UnknownIssuer => {
            let self_issued = |c: &CertificateDer<'_>| {
                crate::crypto::x509::x509_st::from_der(c)
                    .map(|x| x.is_self_issued())
                    .unwrap_or(false)
            };
            if chain.len() == 1 && self_issued(&chain[0]) {
                (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0)
            } else if let Some(i) = chain.iter().skip(1).position(self_issued) {
                (X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, i as c_int + 1)
            } else {
                (
                    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                    chain.len() as c_int - 1,
                )
            }
        }
        W::CertNotValidForName(_) => (X509_V_ERR_HOSTNAME_MISMATCH, 0),
        W::InvalidSignatureForPublicKey
        | W::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            (X509_V_ERR_CERT_SIGNATURE_FAILURE, 0)
        }
        W::CertRevoked => (X509_V_ERR_CERT_REVOKED, 0),
        W::RequiredEkuNotFoundContext(_) => (X509_V_ERR_INVALID_PURPOSE, 0),
        W::CaUsedAsEndEntity | W::EndEntityUsedAsCa => (X509_V_ERR_INVALID_CA, 0),
        W::MaximumPathDepthExceeded | W::MaximumPathBuildCallsExceeded => {
            (X509_V_ERR_CERT_CHAIN_TOO_LONG, 0)
        }
        W::UnsupportedCriticalExtension => (X509_V_ERR_INVALID_EXTENSION, 0),
        _ => (X509_V_ERR_UNSPECIFIED, 0),
    }
}

/// An EKU policy that accepts any purpose (to tell "untrusted" from "wrong purpose").
struct AnyEku;

impl webpki::ExtendedKeyUsageValidator for AnyEku {
    fn validate(&self, _iter: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

/// The rustls error the handshake fails with for an OpenSSL verify result.
pub(crate) fn rustls_error(result: c_long) -> rustls::Error {
    let e = match result {
        X509_V_ERR_CERT_HAS_EXPIRED => CertificateError::Expired,
        X509_V_ERR_CERT_NOT_YET_VALID => CertificateError::NotValidYet,
        X509_V_ERR_HOSTNAME_MISMATCH | X509_V_ERR_IP_ADDRESS_MISMATCH => {
            CertificateError::NotValidForName
        }
        X509_V_ERR_CERT_SIGNATURE_FAILURE => CertificateError::BadSignature,
        X509_V_ERR_CERT_REVOKED => CertificateError::Revoked,
        X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT => CertificateError::UnknownIssuer,
        X509_V_ERR_INVALID_PURPOSE => CertificateError::InvalidPurpose,
        _ => CertificateError::ApplicationVerificationFailure,
    };
    rustls::Error::InvalidCertificate(e)
}

/// Verifies `chain` (leaf first) as OpenSSL would, running the verify
/// callback of `ssl` and recording the result and peer chain on it.
pub(crate) fn verify_chain(
    ssl: &Arc<ssl_st>,
    roots: &Roots,
    provider: &CryptoProvider,
    chain: Vec<CertificateDer<'static>>,
    server: bool,
    now: UnixTime,
) -> Verdict {
    let p = ssl.verify_params();
    let mut errors: Vec<(c_long, c_int)> = Vec::new();
    // The chain as OpenSSL builds it: leaf, intermediates used, trust anchor.
    let mut full: Vec<CertificateDer<'static>> = chain.clone();
    match webpki::EndEntityCert::try_from(&chain[0]) {
        Err(e) => errors.push(map_webpki(&e, &chain)),
        Ok(ee) => {
            let usage = if server {
                webpki::KeyUsage::client_auth()
            } else {
                webpki::KeyUsage::server_auth()
            };
            let verified = ee.verify_for_usage(
                provider.signature_verification_algorithms.all,
                &roots.anchors,
                &chain[1..],
                now,
                usage,
                None,
                None,
            );
            match verified {
                Ok(path) => {
                    full.truncate(1);
                    full.extend(
                        path.intermediate_certificates()
                            .map(|c| c.der().into_owned()),
                    );
                    let anchor = path.anchor();
                    if let Some(i) = roots
                        .anchors
                        .iter()
                        .position(|a| a.subject == anchor.subject)
                    {
                        full.push(roots.certs[i].clone());
                    }
                    if (full.len() as c_int - 2) > p.depth {
                        errors.push((X509_V_ERR_CERT_CHAIN_TOO_LONG, p.depth + 1));
                    }
                }
                Err(e @ webpki::Error::RequiredEkuNotFoundContext(_)) => {
                    // OpenSSL reports an untrusted chain before a wrong purpose.
                    let trusted = ee.verify_for_usage(
                        provider.signature_verification_algorithms.all,
                        &roots.anchors,
                        &chain[1..],
                        now,
                        AnyEku,
                        None,
                        None,
                    );
                    errors.push(match trusted {
                        Ok(_) => map_webpki(&e, &chain),
                        Err(e2) => map_webpki(&e2, &chain),
                    });
                }
                Err(e) => errors.push(map_webpki(&e, &chain)),
            }
            if let Some(host) = p.host.as_deref() {
                let ok = ServerName::try_from(host)
                    .ok()
                    .map(|n| ee.verify_is_valid_for_subject_name(&n).is_ok());
                if ok != Some(true) {
                    let ip = host.parse::<std::net::IpAddr>().is_ok();
                    errors.push((
                        if ip {
                            X509_V_ERR_IP_ADDRESS_MISMATCH
                        } else {
                            X509_V_ERR_HOSTNAME_MISMATCH
                        },
                        0,
                    ));
                }
            }
        }
    }
    let mut result = X509_V_OK;
    let mut accepted = true;
    if let Some(cb) = p.callback {
        let mut store = x509_store_ctx_st {
            ssl: Arc::as_ptr(ssl) as *mut ssl_st,
            error: 0,
            depth: 0,
            current: None,
            chain: full.clone(),
            ex_data: Default::default(),
        };
        // OpenSSL reports each certificate from the top of the chain down,
        // then the errors found at their depth; the callback may override.
        let top = full.len().saturating_sub(1) as c_int;
        for depth in (0..=top).rev() {
            let here: Vec<_> = errors
                .iter()
                .filter(|(_, d)| *d == depth)
                .copied()
                .collect();
            store.depth = depth;
            store.current = full
                .get(depth as usize)
                .and_then(|c| crate::crypto::x509::x509_st::from_der(c).ok());
            for (err, _) in &here {
                store.error = *err as c_int;
                result = *err;
                // SAFETY: the verify callback set with SSL_(CTX_)set_verify, called with preverify_ok and an X509_STORE_CTX live for the call.
                if crate::ffi::call_c(cb, (0, &mut store)) == 0 {
                    accepted = false;
                    break;
                }
            }
            if !accepted {
                break;
            }
            if here.is_empty() {
                store.error = 0;
                // SAFETY: the verify callback set with SSL_(CTX_)set_verify, called with preverify_ok and an X509_STORE_CTX live for the call.
                if crate::ffi::call_c(cb, (1, &mut store)) == 0 {
                    accepted = false;
                    result = if store.error != 0 {
                        store.error as c_long
                    } else {
                        X509_V_ERR_CERT_REJECTED
                    };
                    break;
                }
            }
        }
        // Errors at a depth beyond the chain we could show.
        if accepted {
            for (err, d) in errors.iter().filter(|(_, d)| *d > top) {
                store.error = *err as c_int;
                store.depth = *d;
                result = *err;
                // SAFETY: the verify callback set with SSL_(CTX_)set_verify, called with preverify_ok and an X509_STORE_CTX live for the call.
                if crate::ffi::call_c(cb, (0, &mut store)) == 0 {
                    accepted = false;
                    break;
                }
            }
        }
    } else if let Some((err, _)) = errors.first() {
        result = *err;
        accepted = false;
    }
    ssl.record_verification(result, chain);
    let enforce = p.mode & SSL_VERIFY_PEER != 0;
    Verdict {
        result,
        accepted: accepted || !enforce,
    }
}

/// The per-connection verification inputs.
pub struct VerifyParams {
    pub mode: c_int,
    pub callback: crate::ssl::context::SSL_verify_cb,
    pub depth: c_int,
    pub host: Option<String>,
}

/// `X509_verify_cert_error_string`: OpenSSL's text for a verify result.
pub fn verify_error_string(code: c_long) -> &'static str {
    crate::abi::tables::X509_V_STRINGS
        .iter()
        .find(|(c, _)| c_long::from(*c) == code)
        .map(|(_, s)| *s)
        .unwrap_or("unknown certificate verification error")
}
