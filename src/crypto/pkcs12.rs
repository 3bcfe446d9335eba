//! `PKCS12`: a PFX file (RFC 7292). The handle keeps the DER; parsing, MAC
//! checks and creation are aws-lc's (`ffi::pkcs12`). ferrossl's part is
//! OpenSSL 3's contract: the password rules of `PKCS12_parse`, its defaults
//! for `PKCS12_create`, and OpenSSL's reasons on the error queue.

use crate::abi::objects::NID_pbe_WithSHA1And3_Key_TripleDES_CBC as PBE_3DES;
use crate::abi::reasons::{
    ERR_LIB_PKCS12, PKCS12_R_DECODE_ERROR, PKCS12_R_MAC_VERIFY_FAILURE, PKCS12_R_PARSE_ERROR,
    PKCS12_R_PKCS12_CIPHERFINAL_ERROR,
};
use crate::crypto::err::Error;
use crate::crypto::pkey::{evp_pkey_st, lc_error};
use crate::crypto::x509::x509_st;
use crate::ffi::pkcs12 as lc;
use std::ffi::{c_int, CStr};
use std::sync::Arc;

/// The PKCS12 handle: one PFX, as DER.
#[derive(Debug)]
pub struct pkcs12_st {
    der: Vec<u8>,
}
crate::handle!(Owned: pkcs12_st);
pub type PKCS12 = pkcs12_st;

/// What a PFX holds, as ferrossl objects.
pub struct Parsed {
    pub key: Option<Arc<evp_pkey_st>>,
    pub cert: Option<Arc<x509_st>>,
    pub ca: Vec<Arc<x509_st>>,
}

/// `PKCS12_create`'s arguments (0 or NULL: the defaults `create` names).
pub struct CreateArgs<'a> {
    pub pass: Option<&'a CStr>,
    pub name: Option<&'a CStr>,
    pub key: Option<&'a evp_pkey_st>,
    pub cert: Option<&'a x509_st>,
    pub chain: Vec<Arc<x509_st>>,
    pub key_nid: c_int,
    pub cert_nid: c_int,
    pub iterations: c_int,
    pub mac_iterations: c_int,
    pub key_type: c_int,
}

/// OpenSSL 3's PKCS12_DEFAULT_ITER.
const DEFAULT_ITER: c_int = 2048;

impl pkcs12_st {
    /// The PFX at the start of `der`, and the bytes it took.
    pub fn from_der(der: &[u8]) -> Result<(Self, usize), Error> {
        let n =
            lc::check_der(der).map_err(|e| lc_error(e, ERR_LIB_PKCS12, PKCS12_R_DECODE_ERROR))?;
        Ok((
            Self {
                der: der[..n].to_vec(),
            },
            n,
        ))
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// `PKCS12_verify_mac`.
    pub fn verify_mac(&self, pass: Option<&[u8]>) -> bool {
        lc::verify_mac(&self.der, pass).unwrap_or(false)
    }

    /// `PKCS12_parse` with OpenSSL's password rules: a NULL or empty
    /// password is tried as no password and as the empty one; a MAC that
    /// does not verify is PKCS12_R_MAC_VERIFY_FAILURE.
    pub fn parse(&self, pass: Option<&CStr>) -> Result<Parsed, Error> {
        let pass = match pass.filter(|p| !p.is_empty()) {
            Some(p) if self.verify_mac(Some(p.to_bytes())) => Some(p),
            None if self.verify_mac(None) => None,
            None if self.verify_mac(Some(b"")) => Some(c""),
            _ => return Err(Error::new(ERR_LIB_PKCS12, PKCS12_R_MAC_VERIFY_FAILURE)),
        };
        let c = lc::parse(&self.der, pass)
            .map_err(|e| lc_error(e, ERR_LIB_PKCS12, PKCS12_R_PARSE_ERROR))?;
        let cert = c.cert.map(|d| x509_st::from_der(&d)).transpose()?;
        let ca =
            c.ca.iter()
                .map(|d| x509_st::from_der(d))
                .collect::<Result<_, _>>()?;
        Ok(Parsed {
            key: c.key.map(evp_pkey_st::from_pkey),
            cert,
            ca,
        })
    }

    /// `PKCS12_set_mac`: a new MAC (`iterations` 0: 1; `md` None: SHA-256,
    /// OpenSSL 3's defaults). Limit: aws-lc refuses a MAC password that does
    /// not also decrypt the contents, where OpenSSL allows one.
    pub fn set_mac(
        &mut self,
        pass: Option<&[u8]>,
        salt: Option<&[u8]>,
        iterations: c_int,
        md: Option<crate::ffi::lc::Digest>,
    ) -> Result<(), Error> {
        let md = md.unwrap_or(crate::ffi::lc::Digest::Sha256);
        // OpenSSL's PKCS12_set_mac: 0 iterations means the default, 2048
        let iterations = if iterations == 0 {
            DEFAULT_ITER
        } else {
            iterations.max(1)
        };
        self.der = lc::set_mac(&self.der, pass, salt, iterations, Some(md))
            .map_err(|e| lc_error(e, ERR_LIB_PKCS12, PKCS12_R_MAC_VERIFY_FAILURE))?;
        Ok(())
    }

    /// `PKCS12_create` with OpenSSL 3's defaults (2048 iterations, a
    /// one-iteration SHA-256 MAC; `mac_iterations` -1: no MAC) except the
    /// encryption: aws-lc's `PKCS12_create` has only the PKCS#12 PBE suites,
    /// not OpenSSL 3's PBES2/AES-256-CBC, so keys and certificates default to
    /// PBE-SHA1-3DES (which every OpenSSL reads without its legacy provider);
    /// asking for a PBES2 cipher fails.
    pub fn create(a: &CreateArgs<'_>) -> Result<Self, Error> {
        let key = a.key.map(|k| k.pkey());
        let cert = a.cert.map(|c| c.der().as_ref());
        let chain: Vec<&[u8]> = a.chain.iter().map(|c| c.der().as_ref()).collect();
        let der = lc::create(&lc::Create {
            pass: a.pass,
            name: a.name,
            key,
            cert,
            chain,
            key_nid: if a.key_nid == 0 { PBE_3DES } else { a.key_nid },
            cert_nid: if a.cert_nid == 0 {
                PBE_3DES
            } else {
                a.cert_nid
            },
            iterations: if a.iterations == 0 {
                DEFAULT_ITER
            } else {
                a.iterations
            },
            // aws-lc always adds a MAC; OpenSSL's -1 ("no MAC", as `openssl pkcs12
            // -export` asks before its own PKCS12_set_mac) gets one of 1 iteration.
            mac_iterations: if a.mac_iterations <= 0 {
                1
            } else {
                a.mac_iterations
            },
            key_type: a.key_type,
        })
        .map_err(|e| lc_error(e, ERR_LIB_PKCS12, PKCS12_R_PKCS12_CIPHERFINAL_ERROR))?;
        // aws-lc MACs with SHA-1; OpenSSL 3 with SHA-256.
        let mut p12 = Self { der };
        if a.mac_iterations != -1 {
            p12.set_mac(a.pass.map(CStr::to_bytes), None, a.mac_iterations, None)?;
        }
        Ok(p12)
    }
}
