//! Encrypted Client Hello, client side, over rustls' ECH (RFC 9849).
//!
//! `SSL_set1_ech_config_list` gives an `SSL` an ECHConfigList; the list is
//! checked when it is set (rustls' own ECHConfigList parser) and kept in the
//! `SSL`'s `Overrides`, so connections with the same list share one rustls
//! config built with `EchMode::Enable`. `SSL_OP_ECH_GREASE` (or BoringSSL's
//! `SSL_set_enable_ech_grease`) without a list builds one with `EchMode::Grease`.
//! Either way rustls offers TLS 1.3 only.
//!
//! The outcome: rustls' unbuffered client connection does not expose its ECH
//! status (`ClientConnection::ech_status` has no unbuffered twin), but rustls
//! never finishes a handshake whose ECH offer was rejected: it fails with
//! `PeerIncompatible::ServerRejectedEncryptedClientHello`, carrying the
//! retry configs the server authenticated. So a completed handshake that
//! offered a real config *is* an accepted one, and a rejection is seen as that
//! error (recorded here before it becomes an ERR entry).

use crate::abi::reasons::SSL_R_BAD_EXTENSION;
use crate::crypto::err::Error;
use rustls::client::{EchConfig, EchGreaseConfig, EchMode};
use rustls::crypto::aws_lc_rs::hpke;
use rustls::crypto::hpke::Hpke;
use rustls::internal::msgs::codec::{Codec, Reader};
use rustls::internal::msgs::handshake::EchConfigPayload;
use rustls::pki_types::EchConfigListBytes;
use rustls::PeerIncompatible;
use std::sync::Arc;

/// An ECHConfigList an `SSL` offers ECH with: the bytes as given (the
/// config-cache key) and the public name of the config rustls will use.
#[derive(Clone, Debug, PartialEq)]
pub struct EchList {
    pub bytes: Arc<[u8]>,
    pub public_name: String,
}

/// Checks an ECHConfigList as `SSL_set1_ech_config_list` does (BoringSSL's
/// rules): malformed input (rustls cannot parse it, or bytes follow the list)
/// is an error; a well-formed list with no config rustls supports is
/// `Ok(None)`: the connection proceeds without ECH.
pub fn parse_list(bytes: &[u8]) -> Result<Option<EchList>, Error> {
    let bad = || Error::ssl(SSL_R_BAD_EXTENSION).data("invalid ECHConfigList");
    let mut r = Reader::init(bytes);
    let configs = Vec::<EchConfigPayload>::read(&mut r).map_err(|_| bad())?;
    if r.any_left() || configs.is_empty() {
        return Err(bad());
    }
    match EchConfig::new(EchConfigListBytes::from(bytes), hpke::ALL_SUPPORTED_SUITES) {
        Ok(_) => {}
        Err(rustls::Error::InvalidEncryptedClientHello(
            rustls::EncryptedClientHelloError::NoCompatibleConfig,
        )) => return Ok(None),
        Err(_) => return Err(bad()),
    }
    // The config rustls picks: the first V18 one with a suite it supports.
    let supported = |c: &&EchConfigPayload| match c {
        EchConfigPayload::V18(c) => c.key_config.symmetric_cipher_suites.iter().any(|s| {
            hpke::ALL_SUPPORTED_SUITES
                .iter()
                .any(|h| h.suite().kem == c.key_config.kem_id && h.suite().sym == *s)
        }),
        EchConfigPayload::Unknown { .. } => false,
    };
    let public_name = match configs.iter().find(supported) {
        Some(EchConfigPayload::V18(c)) => c.public_name.as_ref().to_owned(),
        _ => String::new(),
    };
    Ok(Some(EchList {
        bytes: bytes.into(),
        public_name,
    }))
}

/// The rustls ECH mode for a client config: the list when there is one, else
/// GREASE when asked for, else none.
pub fn mode(list: Option<&EchList>, grease: bool) -> Result<Option<EchMode>, Error> {
    if let Some(list) = list {
        let cfg = EchConfig::new(
            EchConfigListBytes::from(&list.bytes[..]),
            hpke::ALL_SUPPORTED_SUITES,
        )
        .map_err(|e| Error::from_rustls(&e))?;
        return Ok(Some(EchMode::Enable(cfg)));
    }
    if !grease {
        return Ok(None);
    }
    // A placeholder key of the suite's KEM; rustls draws a fresh encapsulation,
    // config id and payload for every ClientHello.
    let suite = hpke::DH_KEM_X25519_HKDF_SHA256_AES_128;
    let (public, _) = suite
        .generate_key_pair()
        .map_err(|e| Error::from_rustls(&e))?;
    Ok(Some(EchMode::Grease(EchGreaseConfig::new(suite, public))))
}

/// What one connection's ECH came to (kept in the `SSL`'s state).
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The server rejected the offer.
    pub rejected: bool,
    /// The ECHConfigList the server sent with its rejection (empty: none).
    pub retry_configs: Vec<u8>,
    /// The public name the certificate was checked against after a rejection
    /// (BoringSSL's `SSL_get0_ech_name_override`).
    pub name_override: Option<String>,
}

impl Outcome {
    /// Records a rustls error that is an ECH rejection; true if it was one.
    pub fn on_error(&mut self, e: &rustls::Error) -> bool {
        let rustls::Error::PeerIncompatible(PeerIncompatible::ServerRejectedEncryptedClientHello(
            retry,
        )) = e
        else {
            return false;
        };
        self.rejected = true;
        self.retry_configs.clear();
        if let Some(configs) = retry {
            configs.encode(&mut self.retry_configs);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lists_are_errors() {
        assert!(parse_list(b"").is_err());
        // a list of one config whose declared length runs past the input
        assert!(parse_list(b"\x00\x05\xfe\x0d\x00\x01\x00").is_err());
        // an empty list
        assert!(parse_list(b"\x00\x00").is_err());
    }

    #[test]
    fn only_a_rejection_is_recorded() {
        let mut o = Outcome::default();
        assert!(!o.on_error(&rustls::Error::DecryptError));
        assert!(!o.rejected);
        let e = rustls::Error::PeerIncompatible(
            PeerIncompatible::ServerRejectedEncryptedClientHello(None),
        );
        assert!(o.on_error(&e));
        assert!(o.rejected && o.retry_configs.is_empty());
    }

    #[test]
    fn grease_without_a_list() {
        assert!(mode(None, false).unwrap().is_none());
        assert!(matches!(
            mode(None, true).unwrap(),
            Some(EchMode::Grease(_))
        ));
    }
}
