//! The hooks rustls calls on a config shared by many `SSL`s, routed to the
//! `SSL` being driven on this thread (`connection::current()`): the server and
//! client certificate verifiers, the certificate resolvers, the client session
//! store and the key log (which feeds both the exporter and the key log
//! callback). This routing is why the libssl side is one module cycle: the
//! config is built from the `SSL_CTX`, and its hooks consult the `SSL`.

use crate::abi::consts::{SSL_VERIFY_FAIL_IF_NO_PEER_CERT, SSL_VERIFY_PEER};
use crate::abi::consts::{TLS1_2_VERSION, TLS1_3_VERSION};
use crate::ssl::connection;
use crate::ssl::exporter::{Kind, Secret};
use crate::ssl::session::{ssl_session_st, SessionCache, SessionValue};
use crate::ssl::verify::{rustls_error, verify_chain};
use parking_lot::Mutex;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionStore, ResolvesClientCert};
use rustls::crypto::CryptoProvider;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ClientHello, ResolvesServerCert, StoresServerSessions};
use rustls::sign::CertifiedKey;
use rustls::{DigitallySignedStruct, DistinguishedName, KeyLog, NamedGroup, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use std::collections::HashMap;
use std::ffi::c_int;
use std::sync::Arc;

/// The client side: verifies the server's chain for the current `SSL`.
#[derive(Debug)]
pub struct ServerVerifier {
    provider: Arc<CryptoProvider>,
}

impl ServerVerifier {
    pub fn new(provider: Arc<CryptoProvider>) -> Self {
        Self { provider }
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

/// Verifies the peer's chain for the current `SSL` (`server`: this end is the
/// server, verifying a client's chain) against its context's roots as they are
/// now, not when the config was built: certificates added to its X509_STORE
/// after SSL_new (curl loads its CA file into the store then) count, as in
/// OpenSSL.
fn verify_current(
    provider: &Arc<CryptoProvider>,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    server: bool,
    now: UnixTime,
) -> Result<(), rustls::Error> {
    let ssl =
        connection::current().ok_or_else(|| rustls::Error::General("no current SSL".into()))?;
    let roots = ssl.ctx().settings().roots.clone();
    let v = verify_chain(
        &ssl,
        &roots,
        provider,
        owned_chain(end_entity, intermediates),
        server,
        now,
    );
    if v.accepted {
        Ok(())
    } else {
        Err(rustls_error(v.result))
    }
}

impl ServerCertVerifier for ServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Some(ssl) = connection::current() {
            ssl.note_verified_name(server_name);
        }
        verify_current(&self.provider, end_entity, intermediates, false, now)?;
        if let Some(ssl) = connection::current() {
            ssl.on_server_status(ocsp)?;
        }
        Ok(ServerCertVerified::assertion())
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
    provider: Arc<CryptoProvider>,
    subjects: Vec<DistinguishedName>,
}

impl ClientVerifier {
    pub fn new(provider: Arc<CryptoProvider>, subjects: Vec<DistinguishedName>) -> Self {
        Self { provider, subjects }
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
        verify_current(&self.provider, end_entity, intermediates, true, now)?;
        Ok(ClientCertVerified::assertion())
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
    /// With certificates of several key types, the first one able to sign
    /// with a scheme the client lists, in the client's order (as OpenSSL's
    /// tls_choose_sigalg); else the current one.
    /// The OCSP response the status callback chose goes with it (rustls staples
    /// it when the client asked).
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let ssl = connection::current()?;
        let keys = ssl.certified_keys();
        let mut chosen = None;
        if keys.len() > 1 {
            for scheme in hello.signature_schemes() {
                if let Some(k) = keys
                    .iter()
                    .find(|k| k.key.choose_scheme(&[*scheme]).is_some())
                {
                    chosen = Some(k.clone());
                    break;
                }
            }
        }
        let key = chosen.or_else(|| keys.into_iter().next())?;
        match ssl.staple() {
            Some(ocsp) => {
                let mut k = (*key).clone();
                k.ocsp = Some(ocsp);
                Some(Arc::new(k))
            }
            None => Some(key),
        }
    }
}

/// Client sessions: rustls' store, routed to `SSL_get1_session` /
/// `SSL_set_session` of the current `SSL`, as OpenSSL's API wants, and to
/// the context's new-session callback.
#[derive(Debug)]
pub struct SessionRouter {
    kx_hints: Mutex<HashMap<ServerName<'static>, NamedGroup>>,
    cache: Arc<SessionCache>,
}

impl SessionRouter {
    pub fn new(cache: Arc<SessionCache>) -> Self {
        Self {
            kx_hints: Mutex::default(),
            cache,
        }
    }

    /// A TLS 1.3 ticket goes to the new-session callback at once; a TLS 1.2
    /// session (saved by rustls before the handshake ends, resumed or not)
    /// when the handshake ends, if it was not a resumption.
    fn received(&self, v: SessionValue) {
        if let Some(ssl) = connection::current() {
            let tls12 = matches!(v, SessionValue::Tls12(_));
            let s = ssl.store_session(v, self.cache.timeout());
            if tls12 {
                ssl.defer_session_announcement();
            } else {
                self.cache.client_new(&ssl, &s);
            }
        }
    }
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
        self.received(SessionValue::Tls12(value));
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
        self.received(SessionValue::Tls13(value));
    }

    fn take_tls13_ticket(
        &self,
        _name: &ServerName<'static>,
    ) -> Option<rustls::client::Tls13ClientSessionValue> {
        connection::current()?.resume_tls13()
    }
}

/// Server sessions: rustls' store (TLS 1.2 session IDs, and TLS 1.3
/// stateful tickets under `SSL_OP_NO_TICKET`), routed to the context's
/// session cache and its callbacks. Stateless tickets never reach it.
#[derive(Debug)]
pub struct ServerSessionRouter {
    cache: Arc<SessionCache>,
}

impl ServerSessionRouter {
    pub fn new(cache: Arc<SessionCache>) -> Self {
        Self { cache }
    }

    fn lookup(&self, key: &[u8], take: bool) -> Option<Vec<u8>> {
        let ssl = connection::current()?;
        let s = self.cache.server_get(&ssl, key)?;
        let v = s.server_value()?.to_vec();
        if take {
            self.cache.remove(&s);
        }
        ssl.set_server_session(s);
        Some(v)
    }
}

/// The protocol version in rustls' encoding of a server session (an
/// optional SNI, then the version), for `SSL_SESSION_get_protocol_version`
/// before the handshake ends; 0 if it is not recognised.
fn stored_version(value: &[u8]) -> c_int {
    let at = match value.first() {
        Some(0) => 1,
        Some(1) => value.get(1).map_or(usize::MAX, |&n| 2 + n as usize),
        _ => return 0,
    };
    match value.get(at..at.saturating_add(2)) {
        Some([3, 3]) => TLS1_2_VERSION,
        Some([3, 4]) => TLS1_3_VERSION,
        _ => 0,
    }
}

impl StoresServerSessions for ServerSessionRouter {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let Some(ssl) = connection::current() else {
            return false;
        };
        let version = stored_version(&value);
        let s = Arc::new(ssl_session_st::server(
            key,
            value,
            version,
            self.cache.timeout(),
        ));
        ssl.set_server_session(s.clone());
        self.cache.server_put(&ssl, s)
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.lookup(key, false)
    }

    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.lookup(key, true)
    }

    fn can_cache(&self) -> bool {
        self.cache.server_enabled()
    }
}

/// The `KeyLog` of every ferrossl config: files each connection's exporter secret with
/// the `SSL` driving the handshake, and feeds `SSL_CTX_set_keylog_callback`.
#[derive(Debug)]
pub struct ExporterLog;

pub fn key_log() -> Arc<dyn KeyLog> {
    static LOG: std::sync::LazyLock<Arc<ExporterLog>> =
        std::sync::LazyLock::new(|| Arc::new(ExporterLog));
    LOG.clone()
}

fn keylog_cb(ssl: &crate::ssl::connection::ssl_st) -> crate::ssl::context::SSL_CTX_keylog_cb_func {
    ssl.ctx().settings().keylog_cb
}

/// The file named by `SSLKEYLOGFILE` (read once, at the first handshake that
/// logs), opened for appending and created 0600; `None` when the variable is
/// unset or empty, or the file cannot be opened. A debugging switch: see
/// SECURITY.md.
fn keylog_file() -> Option<&'static Mutex<std::fs::File>> {
    static FILE: std::sync::OnceLock<Option<Mutex<std::fs::File>>> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        use std::os::unix::fs::OpenOptionsExt;
        let path = std::env::var_os("SSLKEYLOGFILE").filter(|p| !p.is_empty())?;
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(path)
            .ok()
            .map(Mutex::new)
    })
    .as_ref()
}

impl KeyLog for ExporterLog {
    fn will_log(&self, label: &str) -> bool {
        matches!(label, "EXPORTER_SECRET" | "CLIENT_RANDOM")
            || keylog_file().is_some()
            || crate::ssl::connection::current().is_some_and(|s| keylog_cb(&s).is_some())
    }

    fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
        let Some(ssl) = crate::ssl::connection::current() else {
            return;
        };
        ssl.set_client_random(client_random);
        let cb = keylog_cb(&ssl);
        let file = keylog_file();
        if cb.is_some() || file.is_some() {
            let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
            let line = format!("{label} {} {}", hex(client_random), hex(secret));
            if let Some(f) = file {
                use std::io::Write;
                // One write per line, so concurrent processes' lines do not interleave.
                let _ = f.lock().write_all(format!("{line}\n").as_bytes());
            }
            if let (Some(cb), Ok(line)) = (cb, std::ffi::CString::new(line)) {
                // SAFETY: the key log callback set with SSL_CTX_set_keylog_callback, called with this SSL and a NUL-terminated line.
                crate::ffi::call_c(cb, (Arc::as_ptr(&ssl), line.as_ptr()));
            }
        }
        let kind = match label {
            "EXPORTER_SECRET" => Kind::Tls13,
            "CLIENT_RANDOM" => match client_random.try_into() {
                Ok(client_random) => Kind::Tls12 { client_random },
                Err(_) => return,
            },
            _ => return,
        };
        ssl.set_exporter(Secret {
            kind,
            secret: secret.to_vec(),
        });
    }
}
