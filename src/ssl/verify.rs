//! Certificate verification with OpenSSL's contract on top of webpki:
//! `X509_V_ERR_*` results, the verify callback with `preverify_ok`, depth
//! and `X509_STORE_CTX`, and the per-connection routing of rustls' shared
//! verifier, certificate resolvers and client session store to the `SSL`
//! being driven on this thread.

use crate::ffi::Ptr;
use crate::ssl::connection::{self, ssl_st};
use crate::ssl::context::{Roots, SSL_VERIFY_FAIL_IF_NO_PEER_CERT, SSL_VERIFY_PEER};
use parking_lot::Mutex;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionStore, ResolvesClientCert};
use rustls::crypto::CryptoProvider;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{
    CertificateError, DigitallySignedStruct, DistinguishedName, NamedGroup, SignatureScheme,
};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::collections::HashMap;
use std::ffi::{c_int, c_long};
use std::sync::Arc;

pub const X509_V_OK: c_long = 0;
pub const X509_V_ERR_UNSPECIFIED: c_long = 1;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: c_long = 2;
pub const X509_V_ERR_CERT_SIGNATURE_FAILURE: c_long = 7;
pub const X509_V_ERR_CERT_NOT_YET_VALID: c_long = 9;
pub const X509_V_ERR_CERT_HAS_EXPIRED: c_long = 10;
pub const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: c_long = 18;
pub const X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: c_long = 19;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: c_long = 20;
pub const X509_V_ERR_CERT_CHAIN_TOO_LONG: c_long = 22;
pub const X509_V_ERR_CERT_REVOKED: c_long = 23;
pub const X509_V_ERR_INVALID_CA: c_long = 24;
pub const X509_V_ERR_INVALID_PURPOSE: c_long = 26;
pub const X509_V_ERR_CERT_UNTRUSTED: c_long = 27;
pub const X509_V_ERR_CERT_REJECTED: c_long = 28;
pub const X509_V_ERR_INVALID_EXTENSION: c_long = 41;
pub const X509_V_ERR_HOSTNAME_MISMATCH: c_long = 62;
pub const X509_V_ERR_IP_ADDRESS_MISMATCH: c_long = 64;

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
fn rustls_error(result: c_long) -> rustls::Error {
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
fn verify_chain(
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

/// The client side: verifies the server's chain for the current `SSL`.
#[derive(Debug)]
pub struct ServerVerifier {
    roots: Arc<Roots>,
    provider: Arc<CryptoProvider>,
}

impl std::fmt::Debug for Roots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Roots({})", self.anchors.len())
    }
}

impl ServerVerifier {
    pub fn new(roots: Arc<Roots>, provider: Arc<CryptoProvider>) -> Self {
        Self { roots, provider }
    }
}

fn owned_chain(
    ee: &CertificateDer<'_>,
    rest: &[CertificateDer<'_>],
) -> Vec<CertificateDer<'static>> {
    std::iter::once(ee)
        .chain(rest)
        .map(|c| c.clone().into_owned())
        .collect()
}

impl ServerCertVerifier for ServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let ssl =
            connection::current().ok_or_else(|| rustls::Error::General("no current SSL".into()))?;
        let v = verify_chain(
            &ssl,
            &self.roots,
            &self.provider,
            owned_chain(end_entity, intermediates),
            false,
            now,
        );
        if v.accepted {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls_error(v.result))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The server side: requests and verifies client certificates as the
/// current `SSL`'s verify mode says.
#[derive(Debug)]
pub struct ClientVerifier {
    roots: Arc<Roots>,
    provider: Arc<CryptoProvider>,
    subjects: Vec<DistinguishedName>,
}

impl ClientVerifier {
    pub fn new(
        roots: Arc<Roots>,
        provider: Arc<CryptoProvider>,
        subjects: Vec<DistinguishedName>,
    ) -> Self {
        Self {
            roots,
            provider,
            subjects,
        }
    }
}

impl ClientCertVerifier for ClientVerifier {
    fn offer_client_auth(&self) -> bool {
        connection::current()
            .map(|s| s.verify_params().mode & SSL_VERIFY_PEER != 0)
            .unwrap_or(false)
    }

    fn client_auth_mandatory(&self) -> bool {
        connection::current()
            .map(|s| {
                s.verify_params().mode & (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
                    == (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
            })
            .unwrap_or(false)
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.subjects
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        let ssl =
            connection::current().ok_or_else(|| rustls::Error::General("no current SSL".into()))?;
        let v = verify_chain(
            &ssl,
            &self.roots,
            &self.provider,
            owned_chain(end_entity, intermediates),
            true,
            now,
        );
        if v.accepted {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(rustls_error(v.result))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The client certificate of the current `SSL` (its own, else its context's).
#[derive(Debug)]
pub struct ClientCertResolver;

impl ResolvesClientCert for ClientCertResolver {
    fn resolve(&self, _hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        connection::current()?.certified_key()
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// The server certificate of the current `SSL`: its own, else that of its
/// context (which the servername callback may have swapped).
#[derive(Debug)]
pub struct ServerCertResolver;

impl ResolvesServerCert for ServerCertResolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        connection::current()?.certified_key()
    }
}

/// Client sessions: rustls' store, routed to `SSL_get1_session` /
/// `SSL_set_session` of the current `SSL`, as OpenSSL's API wants.
#[derive(Debug, Default)]
pub struct SessionRouter {
    kx_hints: Mutex<HashMap<ServerName<'static>, NamedGroup>>,
}

impl ClientSessionStore for SessionRouter {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: NamedGroup) {
        let mut h = self.kx_hints.lock();
        if h.len() > 256 {
            h.clear();
        }
        h.insert(server_name, group);
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<NamedGroup> {
        self.kx_hints.lock().get(server_name).copied()
    }

    fn set_tls12_session(
        &self,
        _name: ServerName<'static>,
        value: rustls::client::Tls12ClientSessionValue,
    ) {
        if let Some(ssl) = connection::current() {
            ssl.store_session(crate::ssl::session::SessionValue::Tls12(value));
        }
    }

    fn tls12_session(
        &self,
        _name: &ServerName<'_>,
    ) -> Option<rustls::client::Tls12ClientSessionValue> {
        connection::current()?.resume_tls12()
    }

    fn remove_tls12_session(&self, _name: &ServerName<'static>) {}

    fn insert_tls13_ticket(
        &self,
        _name: ServerName<'static>,
        value: rustls::client::Tls13ClientSessionValue,
    ) {
        if let Some(ssl) = connection::current() {
            ssl.store_session(crate::ssl::session::SessionValue::Tls13(value));
        }
    }

    fn take_tls13_ticket(
        &self,
        _name: &ServerName<'static>,
    ) -> Option<rustls::client::Tls13ClientSessionValue> {
        connection::current()?.resume_tls13()
    }
}

/// The per-connection verification inputs.
pub struct VerifyParams {
    pub mode: c_int,
    pub callback: crate::ssl::context::SSL_verify_cb,
    pub depth: c_int,
    pub host: Option<String>,
}

#[allow(dead_code)]
fn _assert_send(_: Ptr) {}

/// `X509_verify_cert_error_string`: OpenSSL's text for a verify result.
pub fn verify_error_string(code: c_long) -> &'static str {
    crate::abi::tables::X509_V_STRINGS
        .iter()
        .find(|(c, _)| c_long::from(*c) == code)
        .map(|(_, s)| *s)
        .unwrap_or("unknown certificate verification error")
}
