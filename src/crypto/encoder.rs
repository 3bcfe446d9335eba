//! `OSSL_ENCODER_CTX`: a minimal key encoder over the PEM / DER writers of
//! [`evp_pkey_st`], for the `openssl rsa` / `ec` / `ecparam` apps.

use std::ffi::c_int;
use std::sync::Arc;

use crate::abi::reasons::*;
use crate::crypto::cipher::EVP_CIPHER;
use crate::crypto::err::Error;
use crate::crypto::pkey::{evp_pkey_st, to_pem};

use crate::abi::consts::{
    OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS as SELECT_DOMAIN_PARAMETERS,
    OSSL_KEYMGMT_SELECT_PRIVATE_KEY as SELECT_PRIVATE_KEY,
    OSSL_KEYMGMT_SELECT_PUBLIC_KEY as SELECT_PUBLIC_KEY,
};

use crate::abi::consts::{EVP_PKEY_EC as NID_EC, EVP_PKEY_RSA as NID_RSA};

/// What the encoder writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    /// PKCS#8 `PrivateKeyInfo` (encrypted when a cipher is set).
    Pkcs8,
    /// PKCS#8 `EncryptedPrivateKeyInfo` (needs a cipher).
    EncryptedPkcs8,
    /// PKCS#1 RSAPrivateKey / SEC1 ECPrivateKey (legacy PEM encryption).
    TypeSpecific,
    /// `SubjectPublicKeyInfo`.
    Spki,
    /// EC domain parameters (ECParameters: the named curve).
    EcParams,
}

/// The encoder context handle.
pub struct ossl_encoder_ctx_st {
    key: Arc<evp_pkey_st>,
    pem: bool,
    /// `None`: no encoder fits the request.
    structure: Option<Structure>,
    cipher: Option<&'static EVP_CIPHER>,
    pass: Option<Vec<u8>>,
}
crate::handle!(Owned: ossl_encoder_ctx_st);
pub type OSSL_ENCODER_CTX = ossl_encoder_ctx_st;

impl ossl_encoder_ctx_st {
    /// `OSSL_ENCODER_CTX_new_for_pkey`: picks the one encoder for
    /// `selection`, `output_type` ("PEM" / "DER") and `output_struct`.
    pub fn new(
        key: Arc<evp_pkey_st>,
        selection: c_int,
        output_type: Option<&str>,
        output_struct: Option<&str>,
    ) -> Self {
        let pem = !output_type.is_some_and(|t| t.eq_ignore_ascii_case("DER"));
        let type_ok = output_type
            .is_none_or(|t| t.eq_ignore_ascii_case("PEM") || t.eq_ignore_ascii_case("DER"));
        let traditional = matches!(key.id(), NID_RSA | NID_EC);
        let s = output_struct.map(str::to_ascii_lowercase);
        let structure = if !type_ok {
            None
        } else if selection & SELECT_PRIVATE_KEY != 0 {
            match s.as_deref() {
                None if traditional => Some(Structure::TypeSpecific),
                None | Some("privatekeyinfo") => Some(Structure::Pkcs8),
                Some("encryptedprivatekeyinfo") => Some(Structure::EncryptedPkcs8),
                Some("type-specific") if traditional => Some(Structure::TypeSpecific),
                Some("pkcs1") if key.id() == NID_RSA => Some(Structure::TypeSpecific),
                Some("ec") if key.id() == NID_EC => Some(Structure::TypeSpecific),
                _ => None,
            }
        } else if selection & SELECT_PUBLIC_KEY != 0 {
            match s.as_deref() {
                None | Some("subjectpublickeyinfo") => Some(Structure::Spki),
                _ => None,
            }
        } else if selection & SELECT_DOMAIN_PARAMETERS != 0 && key.id() == NID_EC {
            match s.as_deref() {
                None | Some("type-specific") => Some(Structure::EcParams),
                _ => None,
            }
        } else {
            None
        };
        Self {
            key,
            pem,
            structure,
            cipher: None,
            pass: None,
        }
    }

    /// `OSSL_ENCODER_CTX_get_num_encoders`: 1 or 0.
    pub fn num_encoders(&self) -> c_int {
        c_int::from(self.structure.is_some())
    }

    /// `OSSL_ENCODER_CTX_set_cipher` (`None`: no encryption).
    pub fn set_cipher(&mut self, cipher: Option<&'static EVP_CIPHER>) {
        self.cipher = cipher;
    }

    /// `OSSL_ENCODER_CTX_set_passphrase`.
    pub fn set_passphrase(&mut self, pass: &[u8]) {
        self.pass = Some(pass.to_vec());
    }

    fn pass(&self) -> Result<&[u8], Error> {
        self.pass
            .as_deref()
            .ok_or_else(|| Error::new(ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ))
    }

    /// `OSSL_ENCODER_to_bio`: the encoded bytes.
    pub fn encode(&self) -> Result<Vec<u8>, Error> {
        let unsupported = || Error::new(ERR_LIB_OSSL_ENCODER, ERR_R_UNSUPPORTED);
        let k = &self.key;
        let (label, der) = match (self.structure.ok_or_else(unsupported)?, self.cipher) {
            (Structure::Spki, _) => ("PUBLIC KEY", k.spki()?),
            (Structure::EcParams, _) => ("EC PARAMETERS", k.ec_params_der()?),
            (Structure::Pkcs8, None) => ("PRIVATE KEY", k.pkcs8()?),
            (Structure::EncryptedPkcs8, None) => return Err(unsupported().data("no cipher set")),
            (Structure::Pkcs8 | Structure::EncryptedPkcs8, Some(c)) => {
                ("ENCRYPTED PRIVATE KEY", k.pkcs8_encrypted(c, self.pass()?)?)
            }
            (Structure::TypeSpecific, None) => (
                if k.id() == NID_RSA {
                    "RSA PRIVATE KEY"
                } else {
                    "EC PRIVATE KEY"
                },
                k.private_der()?,
            ),
            (Structure::TypeSpecific, Some(c)) => {
                if !self.pem {
                    return Err(unsupported().data("encrypted type-specific DER"));
                }
                return k.traditional_pem_encrypted(c, self.pass()?);
            }
        };
        Ok(if self.pem {
            to_pem(label, &der).into_bytes()
        } else {
            der
        })
    }
}
