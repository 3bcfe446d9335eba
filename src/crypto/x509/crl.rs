//! `X509_CRL`: a certificate revocation list, parsed by webpki (the parser
//! the handshake's revocation check uses), kept with its DER encoding.

use crate::abi::reasons::{ASN1_R_INVALID_VALUE, ASN1_R_WRONG_TAG};
use crate::crypto::asn1::{asn1_err, tlv_len};
use crate::crypto::err::Error;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateRevocationListDer;
use std::sync::Arc;

/// The X509_CRL handle.
pub struct x509_crl_st {
    der: Vec<u8>,
    crl: webpki::CertRevocationList<'static>,
}
crate::handle!(Shared: x509_crl_st);
pub type X509_CRL = x509_crl_st;

impl std::fmt::Debug for x509_crl_st {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "X509_CRL({} bytes)", self.der.len())
    }
}

impl x509_crl_st {
    /// Parses one DER CRL (exactly `der`; trailing bytes are refused).
    /// Malformed or unsupported CRLs (delta CRLs, indirect CRLs, v1 CRLs
    /// webpki does not accept) fail with an ASN1 error naming webpki's reason.
    pub fn from_der(der: &[u8]) -> Result<Arc<Self>, Error> {
        let n = tlv_len(der)?;
        if n != der.len() {
            return Err(asn1_err(ASN1_R_WRONG_TAG).data("trailing data after the CRL"));
        }
        let owned = webpki::OwnedCertRevocationList::from_der(der)
            .map_err(|e| asn1_err(ASN1_R_INVALID_VALUE).data(&format!("CRL: {e:?}")))?;
        Ok(Arc::new(Self {
            der: der.to_vec(),
            crl: webpki::CertRevocationList::Owned(owned),
        }))
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The parsed list, as webpki's revocation options take it.
    pub fn list(&self) -> &webpki::CertRevocationList<'static> {
        &self.crl
    }

    /// The DER of the issuer's Name (contents of the SEQUENCE, as webpki keeps it).
    pub fn issuer(&self) -> &[u8] {
        self.crl.issuer()
    }
}

/// Every `X509 CRL` block of PEM `data` (other blocks, such as
/// certificates, are skipped). A block that does not parse is an error.
pub fn crls_from_pem(data: &[u8]) -> Result<Vec<Arc<x509_crl_st>>, Error> {
    let mut out = Vec::new();
    for item in CertificateRevocationListDer::pem_slice_iter(data) {
        let der = item.map_err(|e| {
            Error::new(
                crate::abi::reasons::ERR_LIB_PEM,
                crate::abi::reasons::PEM_R_BAD_BASE64_DECODE,
            )
            .data(&format!("{e:?}"))
        })?;
        out.push(x509_crl_st::from_der(der.as_ref())?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused() {
        assert!(x509_crl_st::from_der(b"").is_err());
        assert!(x509_crl_st::from_der(&[0x30, 0x03, 0x02, 0x01, 0x00]).is_err());
        assert!(x509_crl_st::from_der(&[0x30, 0x80]).is_err());
        assert!(
            crls_from_pem(b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n").is_err()
        );
        assert!(crls_from_pem(b"no pem here").unwrap().is_empty());
    }
}
