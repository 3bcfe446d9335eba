//! PEM: the BIO-driven block reader and writer for certificates and keys.

use crate::abi::reasons::{
    ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE, PEM_R_BAD_END_LINE, PEM_R_NO_START_LINE,
};
use crate::crypto::asn1::tlv_len;
use crate::crypto::err::Error;
use crate::crypto::x509::x509_st;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

// PEM.

/// Labels OpenSSL's `PEM_read_bio_X509` accepts.
pub(crate) const CERT_LABELS: [&[u8]; 3] =
    [b"CERTIFICATE", b"TRUSTED CERTIFICATE", b"X509 CERTIFICATE"];

/// Collects PEM certificate blocks from lines. Feed lines with `line`; a
/// complete block comes back as its DER.
#[derive(Default)]
pub struct PemCertReader {
    /// Inside a block: its label and the body lines so far.
    pub(crate) current: Option<(Vec<u8>, Vec<u8>)>,
    /// Collect `X509 CRL` blocks instead of certificates.
    pub(crate) crl: bool,
}

impl PemCertReader {
    /// Feeds one line. `Ok(Some(der))` when a block ends.
    pub fn line(&mut self, line: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        let trimmed = trim_eol(line);
        match &mut self.current {
            None => {
                if let Some(label) = trimmed
                    .strip_prefix(b"-----BEGIN ")
                    .and_then(|r| r.strip_suffix(b"-----"))
                {
                    let wanted = if self.crl {
                        label == b"X509 CRL"
                    } else {
                        CERT_LABELS.contains(&label)
                    };
                    if wanted {
                        self.current = Some((label.to_vec(), Vec::new()));
                    }
                }
                Ok(None)
            }
            Some((label, body)) => {
                if let Some(end) = trimmed.strip_prefix(b"-----END ") {
                    if end.strip_suffix(b"-----") != Some(&label[..]) {
                        self.current = None;
                        return Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE));
                    }
                    let body = std::mem::take(body);
                    self.current = None;
                    return decode_cert_body(&body).map(Some);
                }
                if trimmed.starts_with(b"-----") {
                    self.current = None;
                    return Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE));
                }
                body.extend_from_slice(trimmed);
                body.push(b'\n');
                Ok(None)
            }
        }
    }

    /// At end of input: an unterminated block is `PEM_R_BAD_END_LINE`.
    pub fn finish(&mut self) -> Result<(), Error> {
        match self.current.take() {
            Some(_) => Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE)),
            None => Ok(()),
        }
    }
}

pub(crate) fn trim_eol(line: &[u8]) -> &[u8] {
    let mut l = line;
    while let [rest @ .., b'\n' | b'\r' | b' ' | b'\t'] = l {
        l = rest;
    }
    l
}

/// Base64 body → DER of the certificate (the first TLV: a TRUSTED
/// CERTIFICATE's trailing auxiliary data is ignored).
pub(crate) fn decode_cert_body(body: &[u8]) -> Result<Vec<u8>, Error> {
    let mut der = decode_body(body)?;
    der.truncate(tlv_len(&der)?);
    Ok(der)
}

/// A PEM block's base64 body → its bytes (rustls-pki-types' decoder, fed
/// the body under a neutral label).
fn decode_body(body: &[u8]) -> Result<Vec<u8>, Error> {
    let mut pem = b"-----BEGIN CERTIFICATE-----\n".to_vec();
    pem.extend_from_slice(body);
    pem.extend_from_slice(b"-----END CERTIFICATE-----\n");
    let der = CertificateDer::from_pem_slice(&pem)
        .map_err(|_| Error::new(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE))?;
    Ok(der.as_ref().to_vec())
}

/// One PEM block's text (BEGIN to END line) → its label and decoded body;
/// legacy encryption headers (`Proc-Type: 4,ENCRYPTED`) are refused.
pub fn decode_block(text: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let mut lines = text.split(|&b| b == b'\n').map(trim_eol);
    let label = lines
        .next()
        .and_then(|l| l.strip_prefix(b"-----BEGIN "))
        .and_then(|l| l.strip_suffix(b"-----"))
        .ok_or_else(|| Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE))?
        .to_vec();
    let mut body = Vec::new();
    for l in lines {
        if l.starts_with(b"-----END ") {
            break;
        }
        if l.starts_with(b"Proc-Type:") && l.ends_with(b"ENCRYPTED") {
            return Err(Error::unsupported(
                "PEM_bytes_read_bio of a legacy encrypted block",
            ));
        }
        if l.contains(&b':') {
            continue; // other RFC 1421 headers
        }
        body.extend_from_slice(l);
        body.push(b'\n');
    }
    Ok((label, decode_body(&body)?))
}

/// OpenSSL's `check_pem`: whether a block labelled `label` answers a request
/// for `name` ("CERTIFICATE" also takes the old "X509 CERTIFICATE", "ANY
/// PRIVATE KEY" every private key, ...).
pub fn label_matches(label: &[u8], name: &[u8]) -> bool {
    if label == name {
        return true;
    }
    let private_key = label == b"PRIVATE KEY"
        || label == b"ENCRYPTED PRIVATE KEY"
        || [&b"RSA"[..], b"EC", b"DSA", b"DH"]
            .iter()
            .any(|k| label.strip_prefix(*k) == Some(&b" PRIVATE KEY"[..]));
    match name {
        b"ANY PRIVATE KEY" => private_key,
        b"PARAMETERS" => [
            &b"EC PARAMETERS"[..],
            b"DH PARAMETERS",
            b"X9.42 DH PARAMETERS",
            b"DSA PARAMETERS",
        ]
        .contains(&label),
        b"DH PARAMETERS" => label == b"X9.42 DH PARAMETERS",
        b"CERTIFICATE" => label == b"X509 CERTIFICATE",
        b"CERTIFICATE REQUEST" => label == b"NEW CERTIFICATE REQUEST",
        b"TRUSTED CERTIFICATE" => label == b"CERTIFICATE" || label == b"X509 CERTIFICATE",
        b"CMS" => label == b"PKCS7",
        _ => false,
    }
}

/// Every certificate in PEM `data`; `PEM_R_NO_START_LINE` if there is none.
pub fn certs_from_pem(data: &[u8]) -> Result<Vec<Arc<x509_st>>, Error> {
    let mut r = PemCertReader::default();
    let mut out = Vec::new();
    for line in data.split_inclusive(|&b| b == b'\n') {
        if let Some(der) = r.line(line)? {
            out.push(x509_st::from_der(&der)?);
        }
    }
    r.finish()?;
    if out.is_empty() {
        return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
    }
    Ok(out)
}

/// The first certificate of a PEM file, or a DER file (`der`).
pub fn cert_from_pem_or_der_file(
    path: impl AsRef<std::path::Path>,
    der: bool,
) -> Result<Arc<x509_st>, Error> {
    let data = std::fs::read(path).map_err(|e| Error::from_io(&e))?;
    if der {
        let n = tlv_len(&data)?;
        x509_st::from_der(&data[..n])
    } else {
        Ok(certs_from_pem(&data)?.swap_remove(0))
    }
}

/// PEM text of a certificate, 64 columns (`PEM_write_bio_X509`).
pub fn cert_to_pem(der: &[u8]) -> String {
    let b64 = base64_encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

pub(crate) fn base64_encode(data: &[u8]) -> String {
    pub(crate) const A: &[u8; 64] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}
