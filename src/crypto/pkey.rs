//! EVP_PKEY: private keys (RSA, ECDSA P-256/P-384, Ed25519) in PKCS#8,
//! SEC1 and PKCS#1, from PEM or DER, loaded once into a rustls signing key.

use crate::abi::consts::{
    EVP_PKEY_EC, EVP_PKEY_ED25519, EVP_PKEY_RSA, SSL_FILETYPE_ASN1, SSL_FILETYPE_PEM,
};
use crate::abi::reasons::{
    ERR_LIB_EVP, ERR_LIB_PEM, ERR_LIB_X509, EVP_R_DECODE_ERROR,
    EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM, PEM_R_BAD_DECRYPT, PEM_R_NO_START_LINE,
    SSL_R_BAD_SSL_FILETYPE, SSL_R_NO_CERTIFICATE_ASSIGNED, SSL_R_NO_PRIVATE_KEY_ASSIGNED,
    X509_R_KEY_VALUES_MISMATCH,
};
use crate::crypto::err::Error;
use rustls::crypto::CryptoProvider;
use rustls::sign::{CertifiedKey, SigningKey};
use rustls::SignatureAlgorithm;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::ffi::c_int;
use std::sync::{Arc, LazyLock};

static PROVIDER: LazyLock<Arc<CryptoProvider>> =
    LazyLock::new(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));

/// The aws-lc-rs provider with rustls' defaults.
pub fn provider() -> &'static Arc<CryptoProvider> {
    &PROVIDER
}

/// The EVP_PKEY handle: a private key ready to sign.
pub struct evp_pkey_st {
    der: PrivateKeyDer<'static>,
    signing: Arc<dyn SigningKey>,
}
crate::handle!(Shared: evp_pkey_st);
pub type EVP_PKEY = evp_pkey_st;

impl evp_pkey_st {
    pub fn from_der(der: PrivateKeyDer<'static>) -> Result<Arc<Self>, Error> {
        let provider = provider();
        let signing = provider
            .key_provider
            .load_private_key(der.clone_key())
            .map_err(|e| {
                Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM)
                    .data(&e.to_string())
            })?;
        Ok(Arc::new(Self { der, signing }))
    }

    /// DER in any of PKCS#8, SEC1, PKCS#1.
    pub fn from_der_bytes(der: &[u8]) -> Result<Arc<Self>, Error> {
        let der = PrivateKeyDer::try_from(der.to_vec())
            .map_err(|e| Error::new(ERR_LIB_EVP, EVP_R_DECODE_ERROR).data(e))?;
        Self::from_der(der)
    }

    /// The first private key in PEM text (any of the three encodings).
    pub fn from_pem(pem: &[u8]) -> Result<Arc<Self>, Error> {
        if pem.windows(9).any(|w| w == b"ENCRYPTED") {
            return Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_DECRYPT)
                .data("encrypted private keys are not supported"));
        }
        let der = PrivateKeyDer::from_pem_slice(pem)
            .map_err(|_| Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE))?;
        Self::from_der(der)
    }

    pub fn from_file(path: &str, filetype: c_int) -> Result<Arc<Self>, Error> {
        let data = read_file(path)?;
        match filetype {
            SSL_FILETYPE_PEM => Self::from_pem(&data),
            SSL_FILETYPE_ASN1 => Self::from_der_bytes(&data),
            _ => Err(Error::ssl(SSL_R_BAD_SSL_FILETYPE)),
        }
    }

    pub fn signing_key(&self) -> &Arc<dyn SigningKey> {
        &self.signing
    }

    pub fn der(&self) -> &PrivateKeyDer<'static> {
        &self.der
    }

    /// `EVP_PKEY_id`.
    pub fn id(&self) -> c_int {
        match self.signing.algorithm() {
            SignatureAlgorithm::RSA => EVP_PKEY_RSA,
            SignatureAlgorithm::ECDSA => EVP_PKEY_EC,
            SignatureAlgorithm::ED25519 => EVP_PKEY_ED25519,
            _ => 0,
        }
    }
}

/// A certificate chain (leaf first) and, once both are set, its key.
#[derive(Clone, Default)]
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf as an X509 object, for `SSL_CTX_get0_certificate`.
    pub leaf: Option<Arc<crate::crypto::x509::x509_st>>,
    pub key: Option<Arc<evp_pkey_st>>,
    /// Built whenever chain and key are both present and match.
    pub certified: Option<Arc<CertifiedKey>>,
    /// Complete identities of other key types (`EVP_PKEY_*` id first): as
    /// OpenSSL keeps one certificate per key type, setting a certificate of
    /// a new type (an RSA one after an ECDSA one) keeps the old identity
    /// here, and the server picks among them by the client's signature
    /// algorithms.
    pub others: Vec<(c_int, Arc<CertifiedKey>)>,
}

/// The key type (`EVP_PKEY_RSA`, `_EC`, `_ED25519`, else 0) of a certificate,
/// from the algorithm OID at the head of its SubjectPublicKeyInfo.
fn leaf_kind(leaf: &crate::crypto::x509::x509_st) -> c_int {
    const RSA: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
    ];
    const EC: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const ED25519: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x70];
    let spki = leaf.spki();
    let head = &spki[..spki.len().min(24)];
    let has = |oid: &[u8]| head.windows(oid.len()).any(|w| w == oid);
    if has(RSA) {
        EVP_PKEY_RSA
    } else if has(EC) {
        EVP_PKEY_EC
    } else if has(ED25519) {
        EVP_PKEY_ED25519
    } else {
        0
    }
}

impl Identity {
    /// Sets the leaf (keeping extra chain certs only if the leaf is unchanged).
    pub fn set_leaf(&mut self, leaf: CertificateDer<'static>) -> Result<(), Error> {
        self.keep_other_kind(&leaf);
        self.chain = vec![leaf];
        self.refresh_or_drop_key()
    }

    pub fn set_chain(&mut self, chain: Vec<CertificateDer<'static>>) -> Result<(), Error> {
        if let Some(leaf) = chain.first() {
            self.keep_other_kind(leaf);
        }
        self.chain = chain;
        self.refresh_or_drop_key()
    }

    /// Before `new_leaf` replaces the leaf: a complete identity of another
    /// key type moves to `others`; one of the new leaf's type there goes.
    fn keep_other_kind(&mut self, new_leaf: &CertificateDer<'static>) {
        let new_kind = crate::crypto::x509::x509_st::from_der(new_leaf)
            .map(|x| leaf_kind(&x))
            .unwrap_or(0);
        let old_kind = self.leaf.as_deref().map(leaf_kind).unwrap_or(0);
        if let (Some(ck), true) = (&self.certified, old_kind != 0 && old_kind != new_kind) {
            let ck = ck.clone();
            self.others.retain(|(k, _)| *k != old_kind);
            self.others.push((old_kind, ck));
        }
        self.others.retain(|(k, _)| *k != new_kind);
    }

    /// Every complete identity: the current one first, then `others`.
    pub fn all_certified(&self) -> Vec<Arc<CertifiedKey>> {
        let mut v: Vec<_> = self.certified.iter().cloned().collect();
        v.extend(self.others.iter().map(|(_, ck)| ck.clone()));
        v
    }

    /// Replaces the certificates after the leaf (`SSL_CTX_set0_chain`); an
    /// empty list clears them.
    pub fn replace_chain_certs(&mut self, certs: Vec<CertificateDer<'static>>) {
        if !self.chain.is_empty() {
            self.chain.truncate(1);
            self.chain.extend(certs);
            let _ = self.refresh();
        }
    }

    pub fn add_chain_cert(&mut self, cert: CertificateDer<'static>) {
        if !self.chain.is_empty() {
            self.chain.push(cert);
            let _ = self.refresh();
        }
    }

    /// A new leaf that does not match the old key drops the key, as OpenSSL does.
    fn refresh_or_drop_key(&mut self) -> Result<(), Error> {
        self.leaf = match self.chain.first() {
            Some(c) => Some(crate::crypto::x509::x509_st::from_der(c)?),
            None => None,
        };
        if self.refresh().is_err() {
            self.key = None;
            self.certified = None;
        }
        Ok(())
    }

    /// Sets the key; fails with "key values mismatch" if a certificate is set
    /// and does not match it.
    pub fn set_key(&mut self, key: Arc<evp_pkey_st>) -> Result<(), Error> {
        let old = self.key.replace(key);
        if let Err(e) = self.refresh() {
            self.key = old;
            let _ = self.refresh();
            return Err(e);
        }
        Ok(())
    }

    fn refresh(&mut self) -> Result<(), Error> {
        self.certified = None;
        let (Some(key), false) = (&self.key, self.chain.is_empty()) else {
            return Ok(());
        };
        let ck = CertifiedKey::new(self.chain.clone(), key.signing_key().clone());
        match ck.keys_match() {
            Ok(()) | Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => {
                self.certified = Some(Arc::new(ck));
                Ok(())
            }
            Err(_) => Err(Error::new(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH)),
        }
    }

    /// `SSL_CTX_check_private_key`.
    pub fn check(&self) -> Result<(), Error> {
        if self.chain.is_empty() {
            return Err(Error::ssl(SSL_R_NO_CERTIFICATE_ASSIGNED));
        }
        if self.key.is_none() {
            return Err(Error::ssl(SSL_R_NO_PRIVATE_KEY_ASSIGNED));
        }
        if self.certified.is_none() {
            return Err(Error::new(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH));
        }
        Ok(())
    }
}

/// Reads a whole file, reporting a missing file as OpenSSL does (system error + BIO reason).
pub fn read_file(path: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::from_io(&e).data(&format!("calling fopen({path}, r)")))
}

/// A PEM file's certificates, leaf first (`SSL_CTX_use_certificate_chain_file`).
pub fn chain_from_file(path: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    let data = read_file(path)?;
    Ok(crate::crypto::pem::certs_from_pem(&data)?
        .iter()
        .map(|c| c.der().clone())
        .collect())
}

/// The first certificate of a PEM or DER file (`SSL_CTX_use_certificate_file`).
pub fn leaf_from_file(path: &str, filetype: c_int) -> Result<CertificateDer<'static>, Error> {
    let data = read_file(path)?;
    match filetype {
        SSL_FILETYPE_PEM => {
            let certs = crate::crypto::pem::certs_from_pem(&data)?;
            Ok(certs[0].der().clone())
        }
        SSL_FILETYPE_ASN1 => Ok(crate::crypto::x509::x509_st::from_der(&data)?.der().clone()),
        _ => Err(Error::ssl(SSL_R_BAD_SSL_FILETYPE)),
    }
}

pub(crate) fn key_bits(id: c_int, der: &rustls_pki_types::PrivateKeyDer<'_>) -> Option<c_int> {
    use aws_lc_rs::signature::{self as sig, KeyPair};
    use rustls_pki_types::PrivateKeyDer as K;
    match (id, der) {
        (EVP_PKEY_RSA, K::Pkcs8(d)) => sig::RsaKeyPair::from_pkcs8(d.secret_pkcs8_der())
            .ok()
            .map(|k| k.public_modulus_len() as c_int * 8),
        (EVP_PKEY_RSA, K::Pkcs1(d)) => sig::RsaKeyPair::from_der(d.secret_pkcs1_der())
            .ok()
            .map(|k| k.public_modulus_len() as c_int * 8),
        (EVP_PKEY_EC, _) => {
            // The public point is 1 + 2 * field bytes long.
            let algs = [
                (&sig::ECDSA_P256_SHA256_ASN1_SIGNING, 256),
                (&sig::ECDSA_P384_SHA384_ASN1_SIGNING, 384),
                (&sig::ECDSA_P521_SHA512_ASN1_SIGNING, 521),
            ];
            algs.iter().find_map(|(alg, bits)| {
                let ok = match der {
                    K::Pkcs8(d) => sig::EcdsaKeyPair::from_pkcs8(alg, d.secret_pkcs8_der())
                        .map(|k| k.public_key().as_ref().len())
                        .ok(),
                    K::Sec1(d) => sig::EcdsaKeyPair::from_private_key_der(alg, d.secret_sec1_der())
                        .map(|k| k.public_key().as_ref().len())
                        .ok(),
                    _ => None,
                };
                ok.map(|_| *bits)
            })
        }
        (EVP_PKEY_ED25519, _) => Some(253),
        _ => None,
    }
}
