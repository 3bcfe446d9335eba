//! `SSL_export_keying_material`: the RFC 5705 (TLS 1.2) and RFC 8446 §7.5 (TLS 1.3)
//! exporters, computed from the secret rustls hands its `KeyLog` during the handshake
//! (rustls' unbuffered connections, which ferrossl drives, have no exporter of their own).

use crate::abi::reasons::SSL_R_TLS_ILLEGAL_EXPORTER_LABEL;
use crate::crypto::err::Error;
use aws_lc_rs::{digest, hkdf, hmac};
use rustls::crypto::hash::HashAlgorithm;
use rustls::SupportedCipherSuite;

/// What an exporter needs, kept per connection from the handshake on.
pub struct Secret {
    pub(crate) kind: Kind,
    pub(crate) secret: Vec<u8>,
}

pub(crate) enum Kind {
    Tls13,
    /// The master secret; the randoms seed the PRF.
    Tls12 {
        client_random: [u8; 32],
    },
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.secret.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&self.secret);
    }
}

impl Secret {
    /// `server_random`: TLS 1.2's PRF needs it and the KeyLog does not carry it.
    pub fn export(
        &self,
        suite: SupportedCipherSuite,
        server_random: Option<[u8; 32]>,
        out: &mut [u8],
        label: &[u8],
        context: Option<&[u8]>,
    ) -> Result<(), Error> {
        let sha384 = match suite {
            SupportedCipherSuite::Tls13(s) => s.common.hash_provider.algorithm(),
            SupportedCipherSuite::Tls12(s) => s.common.hash_provider.algorithm(),
        } == HashAlgorithm::SHA384;
        match &self.kind {
            Kind::Tls13 => tls13(
                &self.secret,
                sha384,
                out,
                label,
                context.unwrap_or_default(),
            ),
            Kind::Tls12 { client_random } => {
                let server_random =
                    server_random.ok_or_else(|| Error::internal("no ServerHello random"))?;
                tls12(
                    &self.secret,
                    sha384,
                    out,
                    label,
                    client_random,
                    &server_random,
                    context,
                )
            }
        }
    }
}

struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-Expand-Label (RFC 8446 §7.1).
fn expand_label(
    secret: &[u8],
    sha384: bool,
    label: &[u8],
    context: &[u8],
    out: &mut [u8],
) -> Result<(), Error> {
    let alg = if sha384 {
        hkdf::HKDF_SHA384
    } else {
        hkdf::HKDF_SHA256
    };
    let full_len = 6 + label.len();
    if full_len > 255 || context.len() > 255 || out.len() > 0xffff {
        return Err(Error::ssl(SSL_R_TLS_ILLEGAL_EXPORTER_LABEL));
    }
    let len = (out.len() as u16).to_be_bytes();
    let info: [&[u8]; 6] = [
        &len,
        &[full_len as u8],
        b"tls13 ",
        label,
        &[context.len() as u8],
        context,
    ];
    hkdf::Prk::new_less_safe(alg, secret)
        .expand(&info, Len(out.len()))
        .and_then(|okm| okm.fill(out))
        .map_err(|_| Error::internal("HKDF-Expand-Label"))
}

/// RFC 8446 §7.5: HKDF-Expand-Label(Derive-Secret(secret, label, ""), "exporter", Hash(context), L).
fn tls13(
    secret: &[u8],
    sha384: bool,
    out: &mut [u8],
    label: &[u8],
    context: &[u8],
) -> Result<(), Error> {
    let alg = if sha384 {
        &digest::SHA384
    } else {
        &digest::SHA256
    };
    let mut derived = vec![0u8; alg.output_len()];
    expand_label(
        secret,
        sha384,
        label,
        digest::digest(alg, b"").as_ref(),
        &mut derived,
    )?;
    let r = expand_label(
        &derived,
        sha384,
        b"exporter",
        digest::digest(alg, context).as_ref(),
        out,
    );
    derived.iter_mut().for_each(|b| *b = 0);
    r
}

/// RFC 5705: PRF(master_secret, label, client_random + server_random [+ context length + context]).
fn tls12(
    master: &[u8],
    sha384: bool,
    out: &mut [u8],
    label: &[u8],
    client_random: &[u8; 32],
    server_random: &[u8; 32],
    context: Option<&[u8]>,
) -> Result<(), Error> {
    // As OpenSSL: labels the TLS 1.2 key schedule itself uses are refused.
    const RESERVED: [&[u8]; 5] = [
        b"client finished",
        b"server finished",
        b"master secret",
        b"extended master secret",
        b"key expansion",
    ];
    if RESERVED.iter().any(|r| label.starts_with(r)) {
        return Err(Error::ssl(SSL_R_TLS_ILLEGAL_EXPORTER_LABEL));
    }
    let mut seed = Vec::with_capacity(label.len() + 66 + context.map_or(0, <[u8]>::len));
    seed.extend_from_slice(label);
    seed.extend_from_slice(client_random);
    seed.extend_from_slice(server_random);
    if let Some(c) = context {
        let len =
            u16::try_from(c.len()).map_err(|_| Error::ssl(SSL_R_TLS_ILLEGAL_EXPORTER_LABEL))?;
        seed.extend_from_slice(&len.to_be_bytes());
        seed.extend_from_slice(c);
    }
    // P_hash (RFC 5246 §5): A(i) = HMAC(secret, A(i-1)), output HMAC(secret, A(i) + seed)...
    let key = hmac::Key::new(
        if sha384 {
            hmac::HMAC_SHA384
        } else {
            hmac::HMAC_SHA256
        },
        master,
    );
    let mut a = hmac::sign(&key, &seed);
    for chunk in out.chunks_mut(a.as_ref().len()) {
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(a.as_ref());
        ctx.update(&seed);
        let block = ctx.sign();
        chunk.copy_from_slice(&block.as_ref()[..chunk.len()]);
        a = hmac::sign(&key, a.as_ref());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The exporters against rustls' own, on in-memory rustls connections.
    use super::*;
    use crate::ssl::routing::ExporterLog;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
    use rustls::KeyLog;
    use std::sync::Arc;
    use std::sync::Mutex;

    #[derive(Debug, Default)]
    struct Capture(Mutex<Vec<Logged>>);
    /// (label, client random, secret)
    type Logged = (String, Vec<u8>, Vec<u8>);

    impl KeyLog for Capture {
        fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
            self.0
                .lock()
                .unwrap()
                .push((label.into(), client_random.into(), secret.into()));
        }
    }

    /// tests/certs/gen.sh's PKI (needs the openssl CLI, which `make test` installs).
    fn test_pki() -> String {
        static DIR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        DIR.get_or_init(|| {
            let dir =
                std::env::temp_dir().join(format!("ferrossl-exporter-{}", std::process::id()));
            let gen = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/certs/gen.sh");
            let st = std::process::Command::new("bash")
                .arg(gen)
                .arg(&dir)
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(st.success(), "tests/certs/gen.sh failed");
            dir.to_string_lossy().into_owned()
        })
        .clone()
    }

    fn pair(version: &'static rustls::SupportedProtocolVersion, suite: SupportedCipherSuite) {
        let dir = test_pki();
        let certs: Vec<CertificateDer> =
            CertificateDer::pem_file_iter(format!("{dir}/server-ecdsa.pem"))
                .unwrap()
                .map(Result::unwrap)
                .collect();
        let key = PrivateKeyDer::from_pem_file(format!("{dir}/server-ecdsa.key")).unwrap();
        let ca = CertificateDer::from_pem_file(format!("{dir}/ca.pem")).unwrap();
        let provider = Arc::new(rustls::crypto::CryptoProvider {
            cipher_suites: vec![suite],
            ..rustls::crypto::aws_lc_rs::default_provider()
        });
        let log = Arc::new(Capture::default());
        let mut sc = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[version])
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        sc.key_log = log.clone();
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca).unwrap();
        let cc = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[version])
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut client =
            rustls::ClientConnection::new(Arc::new(cc), ServerName::try_from("localhost").unwrap())
                .unwrap();
        let mut server = rustls::ServerConnection::new(Arc::new(sc)).unwrap();
        let mut server_random = None;
        while client.is_handshaking() || server.is_handshaking() {
            let mut buf = Vec::new();
            client.write_tls(&mut buf).unwrap();
            server.read_tls(&mut &buf[..]).unwrap();
            server.process_new_packets().unwrap();
            let mut buf = Vec::new();
            server.write_tls(&mut buf).unwrap();
            server_random = server_random.or_else(|| crate::ssl::record::server_hello_random(&buf));
            client.read_tls(&mut &buf[..]).unwrap();
            client.process_new_packets().unwrap();
        }
        let logged = log.0.lock().unwrap();
        let (label, cr, secret) = logged
            .iter()
            .find(|(l, ..)| ExporterLog.will_log(l))
            .unwrap();
        let kind = if label == "EXPORTER_SECRET" {
            Kind::Tls13
        } else {
            Kind::Tls12 {
                client_random: cr[..].try_into().unwrap(),
            }
        };
        let ours = Secret {
            kind,
            secret: secret.clone(),
        };
        for (len, context) in [
            (20, None),
            (64, Some(&b""[..])),
            (100, Some(&b"some context"[..])),
        ] {
            let want = client
                .export_keying_material(vec![0u8; len], b"EXPERIMENTAL-test", context)
                .unwrap();
            let mut got = vec![0u8; len];
            ours.export(
                suite,
                server_random,
                &mut got,
                b"EXPERIMENTAL-test",
                context,
            )
            .unwrap();
            assert_eq!(
                got,
                want,
                "{version:?} {:?} len {len} context {context:?}",
                suite.suite()
            );
        }
    }

    #[test]
    fn exporters_match_rustls() {
        use rustls::crypto::aws_lc_rs::cipher_suite as cs;
        let dir = test_pki();
        pair(&rustls::version::TLS13, cs::TLS13_AES_128_GCM_SHA256);
        pair(&rustls::version::TLS13, cs::TLS13_AES_256_GCM_SHA384);
        pair(
            &rustls::version::TLS12,
            cs::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        );
        pair(
            &rustls::version::TLS12,
            cs::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
