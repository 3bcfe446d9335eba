//! Certificate verification with OpenSSL's contract on top of webpki:
//! `X509_V_ERR_*` results, the verify callback with `preverify_ok`, depth
//! and `X509_STORE_CTX`.

use crate::abi::consts::{
    SSL_VERIFY_PEER, X509_PURPOSE_SSL_CLIENT, X509_PURPOSE_SSL_SERVER,
    X509_V_ERR_CERT_CHAIN_TOO_LONG, X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID,
    X509_V_ERR_CERT_REJECTED, X509_V_ERR_CERT_REVOKED, X509_V_ERR_CERT_SIGNATURE_FAILURE,
    X509_V_ERR_CRL_HAS_EXPIRED, X509_V_ERR_CRL_SIGNATURE_FAILURE,
    X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_INVALID_CA,
    X509_V_ERR_INVALID_EXTENSION, X509_V_ERR_INVALID_PURPOSE, X509_V_ERR_IP_ADDRESS_MISMATCH,
    X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
    X509_V_ERR_UNABLE_TO_GET_CRL, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION,
    X509_V_ERR_UNSPECIFIED, X509_V_FLAG_CRL_CHECK, X509_V_FLAG_CRL_CHECK_ALL,
    X509_V_FLAG_PARTIAL_CHAIN, X509_V_OK,
};
use crate::crypto::stack::X509Stack;
use crate::ssl::connection::ssl_st;
use crate::ssl::context::{Roots, SSL_verify_cb};
use crate::ssl::params::{x509_verify_param_st, ParamOwner};
use crate::ssl::store::x509_store_st;
use rustls::crypto::CryptoProvider;
use rustls::CertificateError;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::ffi::{c_int, c_long};
use std::sync::Arc;

/// X509_STORE_CTX: the verify callback's view of a handshake's
/// verification, or a context made with `X509_STORE_CTX_new` for
/// `X509_verify_cert`. Both run `run` below.
pub struct x509_store_ctx_st {
    /// The `SSL` being verified (handshake), else NULL.
    pub ssl: *mut ssl_st,
    pub error: c_int,
    pub depth: c_int,
    pub current: Option<Arc<crate::crypto::x509::x509_st>>,
    /// The chain built (leaf first, trust anchor last when found).
    pub chain: Vec<CertificateDer<'static>>,
    pub ex_data: crate::crypto::ex_data::ExData,
    /// `X509_STORE_CTX_init`'s store, leaf and untrusted certificates.
    pub store: Option<Arc<x509_store_st>>,
    pub leaf: Option<Arc<crate::crypto::x509::x509_st>>,
    pub untrusted: Vec<CertificateDer<'static>>,
    /// `X509_STORE_CTX_set_verify_cb` (else the store's).
    pub verify_cb: SSL_verify_cb,
    /// The context's own verification parameters (`X509_STORE_CTX_get0_param`).
    pub param: Box<x509_verify_param_st>,
    /// `X509_STORE_CTX_get0_chain`'s stack, owned by the context.
    pub chain_stack: Option<X509Stack>,
}
crate::handle!(Owned: x509_store_ctx_st);
pub type X509_STORE_CTX = x509_store_ctx_st;

impl x509_store_ctx_st {
    pub fn new(ssl: *mut ssl_st) -> Self {
        Self {
            ssl,
            error: 0,
            depth: 0,
            current: None,
            chain: Vec::new(),
            ex_data: Default::default(),
            store: None,
            leaf: None,
            untrusted: Vec::new(),
            verify_cb: None,
            param: Box::new(x509_verify_param_st::new(ParamOwner::Own(
                parking_lot::Mutex::new(None),
            ))),
            chain_stack: None,
        }
    }

    /// The chain built, as X509 objects in a stack the context owns.
    pub fn chain_stack(&mut self) -> *mut crate::crypto::stack::stack_st {
        let certs = self
            .chain
            .iter()
            .filter_map(|c| crate::crypto::x509::x509_st::from_der(c).ok())
            .collect();
        let s = self.chain_stack.insert(X509Stack::new(certs));
        Arc::as_ptr(&s.0) as *mut crate::crypto::stack::stack_st
    }
}

/// What one chain verification concluded.
pub struct Verdict {
    /// X509_V_OK or the last error (even one a callback chose to ignore).
    pub result: c_long,
    /// False when the verification failed (the callback did not override).
    pub accepted: bool,
}

/// An OpenSSL verification error for a webpki error.
fn map_webpki(e: &webpki::Error, chain: &[CertificateDer<'_>]) -> (c_long, c_int) {
    use webpki::Error as W;
    match e {
        W::CertExpired { .. } => (X509_V_ERR_CERT_HAS_EXPIRED, 0),
        W::CertNotValidYet { .. } => (X509_V_ERR_CERT_NOT_YET_VALID, 0),
        // A self-signed CA certificate that is not trusted itself (the
        // trusted case is `trusted_self_signed_leaf`'s): OpenSSL finds no
        // issuer for it.
        W::CaUsedAsEndEntity if self_issued(&chain[0]) => {
            (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0)
        }
        W::UnknownIssuer => {
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
        W::UnknownRevocationStatus => (X509_V_ERR_UNABLE_TO_GET_CRL, 0),
        W::CrlExpired { .. } => (X509_V_ERR_CRL_HAS_EXPIRED, 0),
        W::InvalidCrlSignatureForPublicKey
        | W::UnsupportedCrlSignatureAlgorithmContext(_)
        | W::UnsupportedCrlSignatureAlgorithmForPublicKeyContext(_) => {
            (X509_V_ERR_CRL_SIGNATURE_FAILURE, 0)
        }
        W::IssuerNotCrlSigner => (X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, 0),
        W::UnsupportedCrlIssuingDistributionPoint
        | W::UnsupportedIndirectCrl
        | W::UnsupportedDeltaCrl => (X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION, 0),
        W::RequiredEkuNotFoundContext(_) => (X509_V_ERR_INVALID_PURPOSE, 0),
        W::CaUsedAsEndEntity | W::EndEntityUsedAsCa => (X509_V_ERR_INVALID_CA, 0),
        W::MaximumPathDepthExceeded | W::MaximumPathBuildCallsExceeded => {
            (X509_V_ERR_CERT_CHAIN_TOO_LONG, 0)
        }
        W::UnsupportedCriticalExtension => (X509_V_ERR_INVALID_EXTENSION, 0),
        _ => (X509_V_ERR_UNSPECIFIED, 0),
    }
}

/// The purpose a chain is verified for (OpenSSL's `X509_PURPOSE_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// No purpose set: any extended key usage.
    Any,
    /// `X509_PURPOSE_SSL_SERVER`: a server's certificate (serverAuth).
    Server,
    /// `X509_PURPOSE_SSL_CLIENT`: a client's certificate (clientAuth).
    Client,
    /// Another `X509_PURPOSE_*` (S/MIME, CRL signing, ...): the path is
    /// built for any usage, then the leaf is checked for this purpose.
    Other(c_int),
}

impl Purpose {
    pub fn from_openssl(purpose: c_int) -> Self {
        match purpose {
            X509_PURPOSE_SSL_SERVER => Purpose::Server,
            X509_PURPOSE_SSL_CLIENT => Purpose::Client,
            p if (3..=9).contains(&p) => Purpose::Other(p),
            _ => Purpose::Any,
        }
    }

    /// The `X509_PURPOSE_*` id, `None` for any purpose.
    fn id(self) -> Option<c_int> {
        match self {
            Purpose::Any => None,
            Purpose::Server => Some(X509_PURPOSE_SSL_SERVER),
            Purpose::Client => Some(X509_PURPOSE_SSL_CLIENT),
            Purpose::Other(p) => Some(p),
        }
    }

    /// Whether the leaf suits this purpose by OpenSSL's rules (keyUsage,
    /// extendedKeyUsage, ...; aws-lc's `X509_check_purpose`). webpki checks
    /// only the extended key usage.
    fn leaf_suits(self, leaf: &CertificateDer<'_>) -> bool {
        self.id().is_none_or(|id| purpose_check_cached(leaf, id))
    }
}

/// aws-lc's `X509_check_purpose` of a leaf, remembered for the last few
/// (DER, purpose) pairs: the check parses the certificate in aws-lc (about
/// 30 µs, a 7% drop in loopback ECDSA handshakes/s when run every time) and
/// a process verifies the same leaves again and again. The answer depends on
/// the DER and the purpose alone.
fn purpose_check_cached(leaf: &CertificateDer<'_>, id: c_int) -> bool {
    const KEEP: usize = 16;
    static SEEN: parking_lot::Mutex<Vec<(c_int, Vec<u8>, bool)>> =
        parking_lot::Mutex::new(Vec::new());
    if let Some((_, _, ok)) = SEEN
        .lock()
        .iter()
        .find(|(p, d, _)| *p == id && d.as_slice() == leaf.as_ref())
    {
        return *ok;
    }
    let ok = crate::ffi::purpose::check(leaf, id, 0) == Some(1);
    let mut seen = SEEN.lock();
    if seen.len() == KEEP {
        seen.remove(0);
    }
    seen.push((id, leaf.to_vec(), ok));
    ok
}

impl webpki::ExtendedKeyUsageValidator for Purpose {
    fn validate(&self, iter: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        match self {
            Purpose::Any | Purpose::Other(_) => Ok(()),
            Purpose::Server => webpki::KeyUsage::server_auth().validate(iter),
            Purpose::Client => webpki::KeyUsage::client_auth().validate(iter),
        }
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
        X509_V_ERR_UNABLE_TO_GET_CRL => CertificateError::UnknownRevocationStatus,
        X509_V_ERR_CRL_HAS_EXPIRED => CertificateError::ExpiredRevocationList,
        X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT => CertificateError::UnknownIssuer,
        X509_V_ERR_INVALID_PURPOSE => CertificateError::InvalidPurpose,
        _ => CertificateError::ApplicationVerificationFailure,
    };
    rustls::Error::InvalidCertificate(e)
}

/// The chain OpenSSL would show when webpki found no valid path: from the
/// leaf, each issuer found by name among the untrusted certificates, then
/// among the trust anchors (which ends it); a self-issued certificate ends it.
fn chain_by_name(chain: &[CertificateDer<'static>], roots: &Roots) -> Vec<CertificateDer<'static>> {
    use crate::crypto::x509::x509_st;
    let mut out = vec![chain[0].clone()];
    let Ok(mut cur) = x509_st::from_der(&chain[0]) else {
        return out;
    };
    let mut used = vec![false; chain.len()];
    for _ in 0..16 {
        if cur.is_self_issued() {
            break;
        }
        let issued_by = |c: &CertificateDer<'_>| {
            x509_st::from_der(c)
                .ok()
                .filter(|x| x.subject.cmp_canonical(&cur.issuer) == 0)
        };
        if let Some(i) = (1..chain.len()).find(|&i| !used[i] && issued_by(&chain[i]).is_some()) {
            used[i] = true;
            out.push(chain[i].clone());
            match x509_st::from_der(&chain[i]) {
                Ok(x) => cur = x,
                Err(_) => break,
            }
            continue;
        }
        if let Some(root) = roots.certs.iter().find(|c| issued_by(c).is_some()) {
            out.push(root.clone());
        }
        break;
    }
    out
}

/// A self-signed leaf that is itself one of the trusted certificates (the
/// usual `openssl req -x509` certificate given as its own CA file): OpenSSL
/// trusts it as it stands, a chain of one, without checking its
/// self-signature, while webpki refuses a certificate with cA=TRUE as an end
/// entity. `None` if the leaf is not such a certificate; else the errors its
/// own checks find (validity period, purpose by OpenSSL's rules via aws-lc's
/// `X509_check_purpose`), all at depth 0.
fn trusted_self_signed_leaf(
    leaf: &CertificateDer<'static>,
    roots: &Roots,
    purpose: Purpose,
    now: UnixTime,
) -> Option<Vec<(c_long, c_int)>> {
    if !roots.certs.iter().any(|c| c == leaf) {
        return None;
    }
    let x = crate::crypto::x509::x509_st::from_der(leaf).ok()?;
    if !x.is_self_issued() {
        return None;
    }
    let mut errors = Vec::new();
    if !purpose.leaf_suits(leaf) {
        errors.push((X509_V_ERR_INVALID_PURPOSE, 0));
    }
    // OpenSSL checks purposes first, the validity period last.
    let now = now.as_secs() as i64;
    if x.not_before_unix() > now {
        errors.push((X509_V_ERR_CERT_NOT_YET_VALID, 0));
    }
    if x.not_after_unix() < now {
        errors.push((X509_V_ERR_CERT_HAS_EXPIRED, 0));
    }
    Some(errors)
}

fn self_issued(c: &CertificateDer<'_>) -> bool {
    crate::crypto::x509::x509_st::from_der(c)
        .map(|x| x.is_self_issued())
        .unwrap_or(false)
}

/// A leaf with cA=TRUE that is not self-issued, which webpki refuses as an
/// end entity (`CaUsedAsEndEntity`) and OpenSSL accepts when its purpose
/// and chain check out: aws-lc's `X509_verify_cert` (OpenSSL 1.1's
/// verifier, which does not refuse it either) verifies the chain over the
/// same trust anchors, untrusted certificates, CRLs, time, purpose and
/// depth. The host name is not its part: `run` checks it on every path.
/// Returns the chain built and the error found (none when verified).
fn ca_leaf_second_opinion(
    chain: &[CertificateDer<'static>],
    roots: &Roots,
    purpose: Purpose,
    now: UnixTime,
    depth: c_int,
    flags: u64,
) -> (Vec<CertificateDer<'static>>, Vec<(c_long, c_int)>) {
    let trusted: Vec<&[u8]> = roots.certs.iter().map(|c| c.as_ref()).collect();
    let untrusted: Vec<&[u8]> = chain[1..].iter().map(|c| c.as_ref()).collect();
    let crls: Vec<&[u8]> = roots.crls.iter().map(|c| c.der()).collect();
    let shared = X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL | X509_V_FLAG_PARTIAL_CHAIN;
    let outcome = crate::ffi::verify::verify(&crate::ffi::verify::Inputs {
        leaf: &chain[0],
        trusted: &trusted,
        untrusted: &untrusted,
        crls: &crls,
        flags: flags & shared,
        purpose: purpose.id(),
        time: now.as_secs() as i64,
        depth,
    });
    match outcome {
        Some(o) => {
            let built = o.chain.into_iter().map(CertificateDer::from).collect();
            let found = if o.error == X509_V_OK {
                Vec::new()
            } else {
                vec![(o.error, o.depth)]
            };
            (built, found)
        }
        // aws-lc could not read a certificate: webpki's answer stands.
        None => (
            chain_by_name(chain, roots),
            vec![map_webpki(&webpki::Error::CaUsedAsEndEntity, chain)],
        ),
    }
}

/// One verification's inputs (the handshake's or `X509_verify_cert`'s).
pub(crate) struct Job<'a> {
    pub roots: &'a Roots,
    pub algs: &'a [&'static dyn rustls::pki_types::SignatureVerificationAlgorithm],
    /// Leaf first, then the untrusted certificates offered.
    pub chain: Vec<CertificateDer<'static>>,
    pub purpose: Purpose,
    pub now: UnixTime,
    /// Intermediates allowed (`X509_VERIFY_PARAM_set_depth`).
    pub depth: c_int,
    pub host: Option<String>,
    /// `X509_V_FLAG_*`.
    pub flags: u64,
    pub callback: SSL_verify_cb,
}

/// The verification: webpki builds and checks the path (with the store's
/// CRLs under `X509_V_FLAG_CRL_CHECK`), then each finding is reported as
/// OpenSSL does, through the verify callback when there is one, which may
/// override it. Leaves the chain, error, depth and current certificate on
/// `ctx`.
pub(crate) fn run(ctx: &mut x509_store_ctx_st, job: Job<'_>) -> Verdict {
    let Job {
        roots,
        algs,
        chain,
        purpose,
        now,
        depth: max_depth,
        host,
        flags,
        callback,
    } = job;
    let mut errors: Vec<(c_long, c_int)> = Vec::new();
    // The chain as OpenSSL builds it: leaf, intermediates used, trust anchor.
    let mut full: Vec<CertificateDer<'static>> = chain.clone();
    let crl_check = flags & X509_V_FLAG_CRL_CHECK != 0;
    let crls: Vec<&webpki::CertRevocationList<'static>> =
        roots.crls.iter().map(|c| c.list()).collect();
    let revocation = || {
        if !crl_check {
            return None;
        }
        let b = webpki::RevocationOptionsBuilder::new(&crls).ok()?;
        Some(
            b.with_depth(if flags & X509_V_FLAG_CRL_CHECK_ALL != 0 {
                webpki::RevocationCheckDepth::Chain
            } else {
                webpki::RevocationCheckDepth::EndEntity
            })
            .with_status_policy(webpki::UnknownStatusPolicy::Deny)
            .with_expiration_policy(webpki::ExpirationPolicy::Enforce)
            .build(),
        )
    };
    match webpki::EndEntityCert::try_from(&chain[0]) {
        Err(e) => errors.push(map_webpki(&e, &chain)),
        Ok(ee) => {
            let verified = match trusted_self_signed_leaf(&chain[0], roots, purpose, now) {
                Some(found) => {
                    // The leaf is its own trust anchor: the chain is the leaf.
                    full.truncate(1);
                    errors.extend(found);
                    None
                }
                None => Some(ee.verify_for_usage(
                    algs,
                    &roots.anchors,
                    &chain[1..],
                    now,
                    purpose,
                    revocation(),
                    None,
                )),
            };
            match verified {
                None => {}
                Some(Ok(path)) => {
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
                    if !purpose.leaf_suits(&chain[0]) {
                        errors.push((X509_V_ERR_INVALID_PURPOSE, 0));
                    }
                    if (full.len() as c_int - 2) > max_depth {
                        errors.push((X509_V_ERR_CERT_CHAIN_TOO_LONG, max_depth + 1));
                    }
                    // CRL checking asked for with no CRL at all.
                    if crl_check && crls.is_empty() {
                        errors.push((X509_V_ERR_UNABLE_TO_GET_CRL, 0));
                    }
                }
                Some(Err(e @ webpki::Error::RequiredEkuNotFoundContext(_))) => {
                    // OpenSSL reports an untrusted chain before a wrong purpose.
                    let trusted = ee.verify_for_usage(
                        algs,
                        &roots.anchors,
                        &chain[1..],
                        now,
                        Purpose::Any,
                        revocation(),
                        None,
                    );
                    errors.push(match trusted {
                        Ok(_) => map_webpki(&e, &chain),
                        Err(e2) => map_webpki(&e2, &chain),
                    });
                }
                Some(Err(webpki::Error::CaUsedAsEndEntity)) if !self_issued(&chain[0]) => {
                    let (built, found) =
                        ca_leaf_second_opinion(&chain, roots, purpose, now, max_depth, flags);
                    full = built;
                    errors.extend(found);
                }
                Some(Err(e)) => {
                    errors.push(map_webpki(&e, &chain));
                    if !matches!(e, webpki::Error::UnknownIssuer) {
                        full = chain_by_name(&chain, roots);
                    }
                }
            }
            if let Some(host) = host.as_deref() {
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
    ctx.chain = full.clone();
    ctx.chain_stack = None;
    // Without a callback, OpenSSL's default: stop at the first error.
    let call = |ok: c_int, ctx: &mut x509_store_ctx_st| -> bool {
        match callback {
            // SAFETY: the verify callback set with SSL_(CTX_)set_verify or X509_STORE(_CTX)_set_verify_cb, called with preverify_ok and an X509_STORE_CTX live for the call.
            Some(cb) => crate::ffi::call_c(cb, (ok, ctx as *mut x509_store_ctx_st)) != 0,
            None => ok != 0,
        }
    };
    let mut result = X509_V_OK;
    let mut accepted = true;
    ctx.error = 0;
    // OpenSSL reports each certificate from the top of the chain down,
    // then the errors found at their depth; the callback may override.
    let top = full.len().saturating_sub(1) as c_int;
    for depth in (0..=top).rev() {
        let here: Vec<_> = errors
            .iter()
            .filter(|(_, d)| *d == depth)
            .copied()
            .collect();
        ctx.depth = depth;
        ctx.current = full
            .get(depth as usize)
            .and_then(|c| crate::crypto::x509::x509_st::from_der(c).ok());
        for (err, _) in &here {
            ctx.error = *err as c_int;
            result = *err;
            if !call(0, ctx) {
                accepted = false;
                break;
            }
        }
        if !accepted {
            break;
        }
        // Success at this depth; the previous error (if any) is retained.
        if here.is_empty() && !call(1, ctx) {
            accepted = false;
            if ctx.error == 0 {
                ctx.error = X509_V_ERR_CERT_REJECTED as c_int;
            }
            result = ctx.error as c_long;
            break;
        }
    }
    // Errors at a depth beyond the chain we could show.
    if accepted {
        for (err, d) in errors.iter().filter(|(_, d)| *d > top) {
            ctx.error = *err as c_int;
            ctx.depth = *d;
            ctx.current = None;
            result = *err;
            if !call(0, ctx) {
                accepted = false;
                break;
            }
        }
    }
    if accepted {
        // A callback may have set an error and still accepted.
        result = ctx.error as c_long;
    }
    Verdict { result, accepted }
}

/// Verifies `chain` (leaf first) as OpenSSL would, running the verify
/// callback of `ssl` and recording the result and chains on it.
pub(crate) fn verify_chain(
    ssl: &Arc<ssl_st>,
    roots: &Roots,
    provider: &CryptoProvider,
    chain: Vec<CertificateDer<'static>>,
    server: bool,
    now: UnixTime,
) -> Verdict {
    let p = ssl.verify_params();
    let mut ctx = x509_store_ctx_st::new(Arc::as_ptr(ssl) as *mut ssl_st);
    let v = run(
        &mut ctx,
        Job {
            roots,
            algs: provider.signature_verification_algorithms.all,
            chain: chain.clone(),
            purpose: if server {
                Purpose::Client
            } else {
                Purpose::Server
            },
            now,
            depth: p.depth,
            host: p.host.clone(),
            flags: p.flags,
            callback: p.callback,
        },
    );
    ssl.record_verification(v.result, chain, std::mem::take(&mut ctx.chain));
    let enforce = p.mode & SSL_VERIFY_PEER != 0;
    Verdict {
        result: v.result,
        accepted: v.accepted || !enforce,
    }
}

/// The per-connection verification inputs.
pub struct VerifyParams {
    pub mode: c_int,
    pub callback: crate::ssl::context::SSL_verify_cb,
    pub depth: c_int,
    pub host: Option<String>,
    /// `X509_V_FLAG_*` of the context's store and parameters and the `SSL`'s.
    pub flags: u64,
}

/// `X509_verify_cert_error_string`: OpenSSL's text for a verify result.
pub fn verify_error_string(code: c_long) -> &'static str {
    crate::abi::tables::X509_V_STRINGS
        .iter()
        .find(|(c, _)| c_long::from(*c) == code)
        .map(|(_, s)| *s)
        .unwrap_or("unknown certificate verification error")
}
