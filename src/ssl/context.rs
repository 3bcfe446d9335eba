//! SSL_CTX: shared configuration. Setters change `Settings` under a write
//! lock and drop the cached rustls configs; connections take the cached
//! `Arc<ClientConfig>`/`Arc<ServerConfig>`, built once per change, never per
//! connection. Per-connection choices (verify mode, host, SNI, certificate,
//! session) are read through the current `SSL` by the dynamic verifier and
//! resolvers in `verify.rs`, so one config serves every connection.

use crate::abi::consts::{
    SSL_OP_NO_TLSv1_2, SSL_OP_NO_TLSv1_3, SSL_MODE_AUTO_RETRY, SSL_OP_ALL,
    SSL_OP_CIPHER_SERVER_PREFERENCE, SSL_OP_ECH_GREASE, SSL_OP_NO_TICKET, SSL_VERIFY_NONE,
    TLS1_1_VERSION, TLS1_2_VERSION, TLS1_3_VERSION, TLS1_VERSION,
};
use crate::abi::reasons::SSL_R_NO_PROTOCOLS_AVAILABLE;
use crate::crypto::err::Error;
use crate::crypto::ex_data::ExData;
use crate::crypto::pkey::Identity;
use crate::ffi::Ptr;
use crate::ssl::{routing, verify};
use parking_lot::{Mutex, RwLock};
use rustls::client::Resumption;
use rustls::crypto::{aws_lc_rs, CryptoProvider, SupportedKxGroup};
use rustls::server::ProducesTickets;
use rustls::{ClientConfig, ServerConfig, SupportedCipherSuite, SupportedProtocolVersion};
use rustls_pki_types::TrustAnchor;
use std::ffi::{c_int, c_long, c_void};
use std::sync::{Arc, LazyLock};

/// The verify callback: `int (*)(int preverify_ok, X509_STORE_CTX *)`.
pub type SSL_verify_cb = Option<unsafe extern "C" fn(c_int, *mut verify::X509_STORE_CTX) -> c_int>;
/// `int (*)(SSL *, const unsigned char **out, unsigned char *outlen, const unsigned char *in, unsigned int inlen, void *arg)`.
pub type SSL_CTX_alpn_select_cb_func = Option<
    unsafe extern "C" fn(
        *mut crate::ssl::connection::SSL,
        *mut *const u8,
        *mut u8,
        *const u8,
        std::ffi::c_uint,
        *mut c_void,
    ) -> c_int,
>;
/// `int (*)(SSL *, int *al, void *arg)`.
pub type SSL_servername_cb = Option<
    unsafe extern "C" fn(*mut crate::ssl::connection::SSL, *mut c_int, *mut c_void) -> c_int,
>;
/// `int (*)(SSL *, void *arg)`: `SSL_CTX_set_tlsext_status_cb` (OCSP stapling).
pub type SSL_tlsext_status_cb =
    Option<unsafe extern "C" fn(*mut crate::ssl::connection::SSL, *mut c_void) -> c_int>;
/// `SSL_CTX_set_keylog_callback`: one NSS key log line per secret.
pub type SSL_CTX_keylog_cb_func =
    Option<unsafe extern "C" fn(*const crate::ssl::connection::SSL, *const std::ffi::c_char)>;
/// `int (*)(char *buf, int size, int rwflag, void *u)`.
pub type pem_password_cb =
    Option<unsafe extern "C" fn(*mut std::ffi::c_char, c_int, c_int, *mut c_void) -> c_int>;

/// SSL_METHOD: which roles and versions a context may use.
pub struct ssl_method_st {
    pub client: bool,
    pub server: bool,
    pub version: c_int,
}
crate::handle!(Lent: ssl_method_st);
pub type SSL_METHOD = ssl_method_st;

pub static TLS_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: true,
    version: 0,
};
pub static TLS_CLIENT_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: false,
    version: 0,
};
pub static TLS_SERVER_METHOD: ssl_method_st = ssl_method_st {
    client: false,
    server: true,
    version: 0,
};
pub static TLS1_2_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: true,
    version: TLS1_2_VERSION,
};
pub static TLS1_2_CLIENT_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: false,
    version: TLS1_2_VERSION,
};
pub static TLS1_2_SERVER_METHOD: ssl_method_st = ssl_method_st {
    client: false,
    server: true,
    version: TLS1_2_VERSION,
};
pub static TLS1_1_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: true,
    version: TLS1_1_VERSION,
};
pub static TLS1_1_CLIENT_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: false,
    version: TLS1_1_VERSION,
};
pub static TLS1_1_SERVER_METHOD: ssl_method_st = ssl_method_st {
    client: false,
    server: true,
    version: TLS1_1_VERSION,
};
pub static TLS1_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: true,
    version: TLS1_VERSION,
};
pub static TLS1_CLIENT_METHOD: ssl_method_st = ssl_method_st {
    client: true,
    server: false,
    version: TLS1_VERSION,
};
pub static TLS1_SERVER_METHOD: ssl_method_st = ssl_method_st {
    client: false,
    server: true,
    version: TLS1_VERSION,
};

/// The client side's verifier is stateless too (it asks the current `SSL`):
/// one for every context, because rustls offers a client session only under
/// the verifier it was made with, and an application may resume with
/// `SSL_set_session` a session from another context (curl makes a context
/// per connection) or from before a setting changed, as OpenSSL allows.
static SERVER_VERIFIER: LazyLock<Arc<routing::ServerVerifier>> = LazyLock::new(|| {
    Arc::new(routing::ServerVerifier::new(
        crate::crypto::pkey::provider().clone(),
    ))
});

/// The resolvers are stateless (they ask the current `SSL`): one each.
static CLIENT_RESOLVER: LazyLock<Arc<routing::ClientCertResolver>> =
    LazyLock::new(|| Arc::new(routing::ClientCertResolver));
static SERVER_RESOLVER: LazyLock<Arc<routing::ServerCertResolver>> =
    LazyLock::new(|| Arc::new(routing::ServerCertResolver));

/// Default groups: the post-quantum hybrid first, then X25519, P-256, P-384.
pub fn default_groups() -> Vec<&'static dyn SupportedKxGroup> {
    use aws_lc_rs::kx_group::*;
    vec![X25519MLKEM768, X25519, SECP256R1, SECP384R1]
}

/// A group by any of its OpenSSL names.
pub fn group_by_name(name: &str) -> Option<&'static dyn SupportedKxGroup> {
    use aws_lc_rs::kx_group::*;
    Some(match name {
        "X25519MLKEM768" => X25519MLKEM768,
        "X25519" | "x25519" => X25519,
        "P-256" | "prime256v1" | "secp256r1" => SECP256R1,
        "P-384" | "secp384r1" => SECP384R1,
        _ => return None,
    })
}

/// The trust anchors a context verifies against, with the certificates they
/// came from (for `X509_STORE_CTX_get_current_cert` at the root).
#[derive(Default)]
pub struct Roots {
    pub anchors: Vec<TrustAnchor<'static>>,
    pub certs: Vec<rustls_pki_types::CertificateDer<'static>>,
    /// CRLs (`X509_STORE_add_crl`, CRL blocks of loaded files), consulted
    /// under `X509_V_FLAG_CRL_CHECK`.
    pub crls: Vec<Arc<crate::crypto::x509::x509_crl_st>>,
}

impl Roots {
    /// Adds `crl` unless an identical one is present.
    pub fn add_crl(&mut self, crl: Arc<crate::crypto::x509::x509_crl_st>) {
        if !self.crls.iter().any(|c| c.der() == crl.der()) {
            self.crls.push(crl);
        }
    }
}

#[derive(Clone)]
pub struct Settings {
    pub verify_mode: c_int,
    pub verify_cb: SSL_verify_cb,
    pub verify_depth: c_int,
    pub roots: Arc<Roots>,
    pub identity: Identity,
    pub alpn: Vec<Vec<u8>>,
    pub alpn_select: (SSL_CTX_alpn_select_cb_func, Ptr),
    pub servername_cb: SSL_servername_cb,
    pub servername_arg: Ptr,
    pub passwd_cb: (pem_password_cb, Ptr),
    pub tls13_suites: Option<Vec<SupportedCipherSuite>>,
    pub tls12_suites: Option<Vec<SupportedCipherSuite>>,
    pub groups: Vec<&'static dyn SupportedKxGroup>,
    pub min_version: c_int,
    pub max_version: c_int,
    pub options: u64,
    pub mode: c_long,
    pub num_tickets: usize,
    pub client_ca_names: Vec<rustls::DistinguishedName>,
    pub verify_host: Option<String>,
    pub keylog_cb: SSL_CTX_keylog_cb_func,
    /// OCSP stapling: the status callback and its argument (both roles), and
    /// the client's `SSL_CTX_set_tlsext_status_type` (-1: none).
    pub status_cb: SSL_tlsext_status_cb,
    pub status_arg: Ptr,
    pub status_type: c_int,
    /// `ferrossl_SSL_CTX_set1_ech_config_list`: every `SSL_new` starts with it.
    pub ech: Option<crate::ssl::ech::EchList>,
    /// TLS 1.3 extras (issue 16): certificate compression and early data.
    pub tls13x: Tls13Extras,
}

/// The option bits `SSL_CTX_set_options` / `SSL_set_options` add. A program
/// built for OpenSSL 3.0 can hand over a 32-bit value sign-extended to 64 bits
/// (Debian's PHP 8.2 passes 0xffffffff800200d0): 3.0 defines no option above
/// bit 31, so there the upper half never mattered, but ferrossl knows bits 32
/// and up (certificate compression off, GREASE ECH on). All 32 upper bits set
/// is no real option set: that half is dropped.
pub fn options_to_set(op: u64) -> u64 {
    if op >> 32 == 0xffff_ffff {
        op & 0xffff_ffff
    } else {
        op
    }
}

/// `SSL_CTX_set1_cert_comp_preference`'s list (see `certcomp`), and the early data
/// limits: `SSL_CTX_set_max_early_data` (what tickets announce) and
/// `SSL_CTX_set_recv_max_early_data` (what a server accepts).
#[derive(Clone, PartialEq)]
pub struct Tls13Extras {
    pub cert_comp: Vec<c_int>,
    pub max_early_data: u32,
    pub recv_max_early_data: u32,
}

impl Default for Tls13Extras {
    fn default() -> Self {
        Self {
            cert_comp: crate::ssl::certcomp::DEFAULT.to_vec(),
            max_early_data: 0,
            recv_max_early_data: crate::ssl::record::MAX_PLAINTEXT as u32,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            verify_mode: SSL_VERIFY_NONE,
            verify_cb: None,
            verify_depth: 100,
            roots: Arc::default(),
            identity: Identity::default(),
            alpn: Vec::new(),
            alpn_select: (None, Ptr::default()),
            servername_cb: None,
            servername_arg: Ptr::default(),
            passwd_cb: (None, Ptr::default()),
            tls13_suites: None,
            tls12_suites: None,
            groups: default_groups(),
            min_version: 0,
            max_version: 0,
            options: SSL_OP_ALL & !0x80000000 | 0x100000, // OpenSSL 3 default options (SSL_OP_NO_COMPRESSION...)
            mode: SSL_MODE_AUTO_RETRY,
            num_tickets: 2,
            client_ca_names: Vec::new(),
            verify_host: None,
            keylog_cb: None,
            status_cb: None,
            status_arg: Ptr::default(),
            status_type: -1,
            ech: None,
            tls13x: Tls13Extras::default(),
        }
    }
}

/// The protocol-shaping choices an `SSL` may override (`SSL_set_cipher_list`, ...).
#[derive(Clone, Default, PartialEq)]
pub struct Overrides {
    pub tls13_suites: Option<Vec<SupportedCipherSuite>>,
    pub tls12_suites: Option<Vec<SupportedCipherSuite>>,
    pub min_version: Option<c_int>,
    pub max_version: Option<c_int>,
    pub options: Option<u64>,
    /// `SSL_set1_ech_config_list`'s list (see `ech.rs`).
    pub ech: Option<crate::ssl::ech::EchList>,
    /// `SSL_set1_cert_comp_preference`, `SSL_set_max_early_data`.
    pub tls13x: Option<Tls13Extras>,
    /// This connection reads (server) or writes (client) early data:
    /// `SSL_read_early_data` / `SSL_write_early_data` came before the handshake.
    pub early: bool,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Built rustls configs, one per distinct set of per-`SSL` overrides
/// (usually just the context's own), and the verifiers and resolvers they
/// all share: rustls resumes a session only under the same verifier.
#[derive(Default)]
struct Cache {
    client: Vec<(Overrides, Arc<ClientConfig>)>,
    /// keyed also by whether the ClientHello offered a PSK (one ticket after a resumption)
    server: Vec<((Overrides, bool), Arc<ServerConfig>)>,
    parts: Option<Parts>,
}

/// At most this many override variants are cached per context.
const MAX_VARIANTS: usize = 16;

#[derive(Clone)]
struct Parts {
    server_verifier: Arc<routing::ServerVerifier>,
    client_verifier: Arc<routing::ClientVerifier>,
}

impl Cache {
    fn parts(&mut self, s: &Settings) -> Parts {
        self.parts
            .get_or_insert_with(|| Parts {
                server_verifier: SERVER_VERIFIER.clone(),
                client_verifier: Arc::new(routing::ClientVerifier::new(
                    crate::crypto::pkey::provider().clone(),
                    s.client_ca_names.clone(),
                )),
            })
            .clone()
    }
}

/// The SSL_CTX handle.
pub struct ssl_ctx_st {
    pub method: &'static ssl_method_st,
    settings: RwLock<Settings>,
    cache: Mutex<Cache>,
    pub ex_data: ExData,
    ticketer: Mutex<Option<Arc<dyn ProducesTickets>>>,
    /// The session cache and its callbacks (`SSL_CTX_sess_set_new_cb` & co).
    pub sessions: Arc<crate::ssl::session::SessionCache>,
    server_sessions: Arc<routing::ServerSessionRouter>,
    client_sessions: Arc<routing::SessionRouter>,
    /// The names of `SSL_CTX_set_client_CA_list`, as the stack
    /// `SSL_CTX_get_client_CA_list` returns (NULL until first asked).
    pub client_ca_list: Mutex<Option<crate::crypto::stack::NameStack>>,
    /// The extra chain certificates as `SSL_CTX_get_extra_chain_certs`
    /// returns them, with the DER they were made from (remade when it changes).
    pub extra_chain_stack: Mutex<
        Option<(
            Vec<rustls_pki_types::CertificateDer<'static>>,
            crate::crypto::stack::X509Stack,
        )>,
    >,
}
crate::handle!(Shared: ssl_ctx_st);
pub type SSL_CTX = ssl_ctx_st;

impl ssl_ctx_st {
    pub fn new(method: &'static ssl_method_st) -> Result<Arc<Self>, Error> {
        let mut s = Settings::default();
        if method.version != 0 {
            s.min_version = method.version;
            s.max_version = method.version;
        }
        let ctx = Arc::new_cyclic(|me| {
            let sessions = Arc::new(crate::ssl::session::SessionCache::new(me.clone()));
            Self {
                method,
                settings: RwLock::new(s),
                cache: Mutex::new(Cache::default()),
                ex_data: ExData::default(),
                ticketer: Mutex::new(None),
                server_sessions: Arc::new(routing::ServerSessionRouter::new(sessions.clone())),
                client_sessions: Arc::new(routing::SessionRouter::new(sessions.clone())),
                sessions,
                client_ca_list: Mutex::new(None),
                extra_chain_stack: Mutex::new(None),
            }
        });
        // The ticket keys exist from the start, as OpenSSL's: a server that
        // forks its workers after making the context (nginx) then has the
        // same keys in every worker, so a ticket resumes in any of them.
        if method.server {
            ctx.ticketer()?;
        }
        Ok(ctx)
    }

    /// A copy of the settings (cheap: the large parts are behind `Arc`).
    pub fn settings(&self) -> parking_lot::RwLockReadGuard<'_, Settings> {
        self.settings.read()
    }

    /// Changes the settings and drops the cached rustls configs.
    pub fn update<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> R {
        let mut s = self.settings.write();
        let r = f(&mut s);
        *self.cache.lock() = Cache::default();
        r
    }

    /// The shared client config for these overrides, built on first use
    /// after a change.
    pub fn client_config(&self, o: &Overrides) -> Result<Arc<ClientConfig>, Error> {
        let s = self.settings.read();
        let mut cache = self.cache.lock();
        if let Some((_, c)) = cache.client.iter().find(|(k, _)| k == o) {
            return Ok(c.clone());
        }
        let parts = cache.parts(&s);
        let c = self.build_client(&s, o, &parts)?;
        if cache.client.len() < MAX_VARIANTS {
            cache.client.push((o.clone(), c.clone()));
        }
        Ok(c)
    }

    /// The shared server config for these overrides, built on first use
    /// after a change.
    pub fn server_config(&self, o: &Overrides, resuming: bool) -> Result<Arc<ServerConfig>, Error> {
        let s = self.settings.read();
        let mut cache = self.cache.lock();
        if let Some((_, c)) = cache
            .server
            .iter()
            .find(|((k, r), _)| k == o && *r == resuming)
        {
            return Ok(c.clone());
        }
        let parts = cache.parts(&s);
        let c = self.build_server(&s, o, &parts, resuming)?;
        if cache.server.len() < MAX_VARIANTS {
            cache.server.push(((o.clone(), resuming), c.clone()));
        }
        Ok(c)
    }

    fn crypto(
        s: &Settings,
        o: &Overrides,
    ) -> Result<(Arc<CryptoProvider>, Vec<&'static SupportedProtocolVersion>), Error> {
        let base = crate::crypto::pkey::provider();
        let tls13 = o.tls13_suites.as_ref().or(s.tls13_suites.as_ref());
        let tls12 = o.tls12_suites.as_ref().or(s.tls12_suites.as_ref());
        let pick =
            |is13: bool, chosen: Option<&Vec<SupportedCipherSuite>>| -> Vec<SupportedCipherSuite> {
                match chosen {
                    Some(v) => v.clone(),
                    None => base
                        .cipher_suites
                        .iter()
                        .copied()
                        .filter(|c| matches!(c, SupportedCipherSuite::Tls13(_)) == is13)
                        .collect(),
                }
            };
        let mut suites = pick(true, tls13);
        suites.extend(pick(false, tls12));
        let options = o.options.unwrap_or(s.options);
        let min = o.min_version.unwrap_or(s.min_version);
        let max = o.max_version.unwrap_or(s.max_version);
        let allowed = |v: c_int, no: u64| {
            (min == 0 || min <= v) && (max == 0 || v <= max) && options & no == 0
        };
        let mut versions = Vec::new();
        if allowed(TLS1_3_VERSION, SSL_OP_NO_TLSv1_3)
            && suites
                .iter()
                .any(|c| matches!(c, SupportedCipherSuite::Tls13(_)))
        {
            versions.push(&rustls::version::TLS13);
        }
        if allowed(TLS1_2_VERSION, SSL_OP_NO_TLSv1_2)
            && suites
                .iter()
                .any(|c| matches!(c, SupportedCipherSuite::Tls12(_)))
        {
            versions.push(&rustls::version::TLS12);
        }
        if versions.is_empty() {
            return Err(Error::ssl(SSL_R_NO_PROTOCOLS_AVAILABLE));
        }
        let provider = CryptoProvider {
            cipher_suites: suites,
            kx_groups: s.groups.clone(),
            ..(**base).clone()
        };
        Ok((Arc::new(provider), versions))
    }

    fn build_client(
        &self,
        s: &Settings,
        o: &Overrides,
        parts: &Parts,
    ) -> Result<Arc<ClientConfig>, Error> {
        let (provider, versions) = Self::crypto(s, o)?;
        let verifier = parts.server_verifier.clone();
        // ECH (a list, or GREASE) makes rustls offer TLS 1.3 alone; GREASE is
        // left out when TLS 1.3 is not allowed, a list then fails.
        let grease = o.options.unwrap_or(s.options) & SSL_OP_ECH_GREASE != 0
            && versions.contains(&&rustls::version::TLS13);
        let builder = ClientConfig::builder_with_provider(provider);
        let builder = match crate::ssl::ech::mode(o.ech.as_ref(), grease)? {
            Some(_) if !versions.contains(&&rustls::version::TLS13) => {
                return Err(Error::ssl(SSL_R_NO_PROTOCOLS_AVAILABLE).data("ECH needs TLS 1.3"))
            }
            Some(mode) => builder.with_ech(mode),
            None => builder.with_protocol_versions(&versions),
        };
        let mut cfg = builder
            .map_err(|e| Error::from_rustls(&e))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_client_cert_resolver(CLIENT_RESOLVER.clone());
        cfg.alpn_protocols = s.alpn.clone();
        let x = o.tls13x.as_ref().unwrap_or(&s.tls13x);
        (cfg.cert_compressors, cfg.cert_decompressors) =
            crate::ssl::certcomp::codecs(&x.cert_comp, o.options.unwrap_or(s.options));
        // As OpenSSL's, a client offers early data only when it writes some.
        cfg.enable_early_data = o.early;
        cfg.resumption = Resumption::store(self.client_sessions.clone());
        cfg.key_log = crate::ssl::routing::key_log();
        // the keys of a connection ending with an alert rustls cannot choose (record::sealed_alert)
        cfg.enable_secret_extraction = true;
        Ok(Arc::new(cfg))
    }

    fn build_server(
        &self,
        s: &Settings,
        o: &Overrides,
        parts: &Parts,
        resuming: bool,
    ) -> Result<Arc<ServerConfig>, Error> {
        let (provider, versions) = Self::crypto(s, o)?;
        let verifier = parts.client_verifier.clone();
        let mut cfg = ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&versions)
            .map_err(|e| Error::from_rustls(&e))?
            .with_client_cert_verifier(verifier)
            .with_cert_resolver(SERVER_RESOLVER.clone());
        let options = o.options.unwrap_or(s.options);
        cfg.ignore_client_order = options & SSL_OP_CIPHER_SERVER_PREFERENCE != 0;
        cfg.key_log = crate::ssl::routing::key_log();
        cfg.enable_secret_extraction = true;
        // The cache mode is read at each use: changing it needs no rebuild.
        cfg.session_storage = self.server_sessions.clone();
        let x = o.tls13x.as_ref().unwrap_or(&s.tls13x);
        (cfg.cert_compressors, cfg.cert_decompressors) =
            crate::ssl::certcomp::codecs(&x.cert_comp, options);
        // Early data: rustls accepts it only with stateful tickets, each taken from the
        // session cache once (OpenSSL's default anti-replay), so a context that allows
        // it issues those; a connection accepts it only when reading it (as OpenSSL,
        // whose server rejects early data unless SSL_read_early_data was called).
        if o.early {
            cfg.max_early_data_size = x.max_early_data.min(x.recv_max_early_data);
        }
        if options & SSL_OP_NO_TICKET == 0 && x.max_early_data == 0 {
            cfg.ticketer = self.ticketer()?;
        }
        // OpenSSL: "In a resumption we only ever send a maximum of one new ticket."
        cfg.send_tls13_tickets = if resuming {
            s.num_tickets.min(1)
        } else {
            s.num_tickets
        };
        Ok(Arc::new(cfg))
    }

    /// One ticket key set per context, kept across config rebuilds.
    fn ticketer(&self) -> Result<Arc<dyn ProducesTickets>, Error> {
        let mut t = self.ticketer.lock();
        if let Some(t) = &*t {
            return Ok(t.clone());
        }
        let new = aws_lc_rs::Ticketer::new().map_err(|e| Error::from_rustls(&e))?;
        // rustls' ticketer refuses to decrypt a ticket longer than any it has
        // encrypted itself, so a worker forked with these keys would refuse
        // the first tickets its siblings issued: one throwaway encryption of
        // 16 KiB (more than a session with a client certificate chain) sets
        // that bound in the parent.
        let _ = new.encrypt(&[0u8; 16 * 1024]);
        *t = Some(new.clone());
        Ok(new)
    }
}

/// Loads PEM certificates from `file` and/or every file of `dir` into the
/// trust store (`SSL_CTX_load_verify_locations`).
pub fn load_roots(roots: &Roots, file: Option<&str>, dir: Option<&str>) -> Result<Roots, Error> {
    let mut out = Roots {
        anchors: roots.anchors.clone(),
        certs: roots.certs.clone(),
        crls: roots.crls.clone(),
    };
    let mut crls = Vec::new();
    let mut add = |der: rustls_pki_types::CertificateDer<'static>| -> bool {
        match webpki::anchor_from_trusted_cert(&der) {
            Ok(a) => {
                out.anchors.push(a.to_owned());
                out.certs.push(der);
                true
            }
            Err(_) => false,
        }
    };
    if let Some(file) = file {
        let data = crate::crypto::pkey::read_file(file)?;
        // A file may hold CRLs beside (or instead of) certificates, as
        // OpenSSL's X509_load_cert_crl_file reads them.
        crls.extend(crate::crypto::x509::crls_from_pem(&data)?);
        match crate::crypto::pem::certs_from_pem(&data) {
            Ok(certs) => {
                for c in certs {
                    add(c.der().clone());
                }
            }
            Err(_) if !crls.is_empty() => {}
            Err(e) => return Err(e),
        }
    }
    if let Some(dir) = dir {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::from_io(&e).data(&format!("calling opendir({dir})")))?;
        for entry in entries.flatten() {
            if let Ok(data) = std::fs::read(entry.path()) {
                for c in crate::crypto::pem::certs_from_pem(&data).unwrap_or_default() {
                    add(c.der().clone());
                }
                crls.extend(crate::crypto::x509::crls_from_pem(&data).unwrap_or_default());
            }
        }
    }
    for c in crls {
        out.add_crl(c);
    }
    Ok(out)
}

/// The system trust store (`SSL_CTX_set_default_verify_paths`): the
/// platform bundle, honouring `SSL_CERT_FILE` and `SSL_CERT_DIR`. Loaded once
/// per process; offline it still succeeds.
pub fn system_roots() -> Arc<Roots> {
    static SYSTEM: LazyLock<Arc<Roots>> = LazyLock::new(|| {
        let found = rustls_native_certs::load_native_certs();
        let mut r = Roots::default();
        for der in found.certs {
            if let Ok(a) = webpki::anchor_from_trusted_cert(&der) {
                r.anchors.push(a.to_owned());
                r.certs.push(der);
            }
        }
        Arc::new(r)
    });
    SYSTEM.clone()
}

/// Merges two root sets.
pub fn merge_roots(a: &Roots, b: &Roots) -> Roots {
    Roots {
        anchors: a.anchors.iter().chain(&b.anchors).cloned().collect(),
        certs: a.certs.iter().chain(&b.certs).cloned().collect(),
        crls: a.crls.iter().chain(&b.crls).cloned().collect(),
    }
}

/// The ALPN wire format (RFC 7301: length-prefixed names) to a list.
pub fn parse_alpn(wire: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut rest = wire;
    while let Some((&len, tail)) = rest.split_first() {
        let len = len as usize;
        if len == 0 || tail.len() < len {
            return None;
        }
        out.push(tail[..len].to_vec());
        rest = &tail[len..];
    }
    Some(out)
}

/// A list of protocol names back to the wire format.
pub fn alpn_wire(protos: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in protos {
        out.push(p.len() as u8);
        out.extend_from_slice(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpn_wire_format() {
        assert_eq!(
            parse_alpn(b"\x02h2\x08http/1.1").unwrap(),
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert_eq!(parse_alpn(b"").unwrap(), Vec::<Vec<u8>>::new());
        assert!(parse_alpn(b"\x00").is_none());
        assert!(parse_alpn(b"\x05h2").is_none());
        assert_eq!(
            alpn_wire(&parse_alpn(b"\x02h2\x08http/1.1").unwrap()),
            b"\x02h2\x08http/1.1"
        );
    }

    #[test]
    fn versions_follow_method_and_options() {
        let ctx = ssl_ctx_st::new(&TLS1_1_METHOD).unwrap();
        assert_eq!(
            ctx.client_config(&Overrides::default())
                .unwrap_err()
                .reason(),
            SSL_R_NO_PROTOCOLS_AVAILABLE
        );
        let ctx = ssl_ctx_st::new(&TLS_METHOD).unwrap();
        let a = ctx.client_config(&Overrides::default()).unwrap();
        let b = ctx.client_config(&Overrides::default()).unwrap();
        assert!(Arc::ptr_eq(&a, &b), "config is built once and shared");
        ctx.update(|s| s.options |= SSL_OP_NO_TLSv1_3);
        let c = ctx.client_config(&Overrides::default()).unwrap();
        assert!(!Arc::ptr_eq(&a, &c), "a change rebuilds the config");
    }
}

#[cfg(test)]
mod options_tests {
    use super::options_to_set;

    #[test]
    fn a_sign_extended_32_bit_value_loses_its_upper_half() {
        // Debian's PHP 8.2 on OpenSSL 3.0 headers
        assert_eq!(options_to_set(0xffff_ffff_8002_00d0), 0x8002_00d0);
        // real upper bits (SSL_OP_NO_TX_CERTIFICATE_COMPRESSION) are kept
        assert_eq!(options_to_set(0x1_0000_0000), 0x1_0000_0000);
        assert_eq!(options_to_set(0x8000_0854), 0x8000_0854);
    }
}
