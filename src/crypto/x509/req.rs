//! `X509_REQ`, the PKCS#10 certificate request: an aws-lc `X509_REQ`
//! (src/ffi/x509.rs) behind ferrossl's handle; aws-lc parses, encodes,
//! signs, verifies and prints it. The subject name C edits in place
//! (`X509_REQ_get_subject_name` + `X509_NAME_add_entry_by_txt`) is
//! ferrossl's `X509_NAME`, copied into aws-lc's request before aws-lc uses it.

use crate::abi::reasons::{ERR_LIB_ASN1, ERR_LIB_X509, ERR_R_EVP_LIB, ERR_R_X509_LIB};
use crate::crypto::err::Error;
use crate::crypto::x509::{lc_x509_error, X509_EXTENSION, X509_NAME};
use crate::ffi::lc::Digest;
use crate::ffi::pkey::{LcError, MdSignCtx, Pkey};
use crate::ffi::x509::Req;
use std::ffi::{c_int, c_long, c_ulong};
use std::sync::Arc;

fn err(e: LcError) -> Error {
    lc_x509_error(e, ERR_LIB_X509, ERR_R_X509_LIB)
}

/// The request handle.
#[derive(Debug)]
pub struct x509_req_st {
    lc: parking_lot::Mutex<Req>,
    subject: Arc<X509_NAME>,
    /// The public key as an `EVP_PKEY` (`X509_REQ_get0_pubkey`), made once
    /// (type-erased, as in `x509_st`).
    pub(crate) pubkey: std::sync::OnceLock<Arc<dyn std::any::Any + Send + Sync>>,
}
crate::handle!(Shared: x509_req_st);
pub type X509_REQ = x509_req_st;

impl x509_req_st {
    fn wrap(req: Req) -> Result<Self, Error> {
        let subject = X509_NAME::from_der(&req.subject_der().map_err(err)?)?;
        Ok(Self {
            lc: parking_lot::Mutex::new(req),
            subject: Arc::new(subject),
            pubkey: Default::default(),
        })
    }

    /// `X509_REQ_new`: version 1 (0), empty subject, no key.
    pub fn new() -> Result<Self, Error> {
        Self::wrap(Req::new().map_err(err)?)
    }

    /// From DER (`d2i_X509_REQ`); also the number of bytes read.
    pub fn from_der(der: &[u8]) -> Result<(Self, usize), Error> {
        let (r, n) = Req::from_der(der).map_err(|e| {
            lc_x509_error(e, ERR_LIB_ASN1, crate::abi::reasons::ASN1_R_DECODE_ERROR)
        })?;
        Ok((Self::wrap(r)?, n))
    }

    /// Runs `f` on aws-lc's request after copying in the subject, if C
    /// changed it.
    fn with_lc<R>(&self, f: impl FnOnce(&mut Req) -> Result<R, LcError>) -> Result<R, LcError> {
        let mut r = self.lc.lock();
        if r.subject_der()? != self.subject.der() {
            r.set_subject(self.subject.der())?;
        }
        f(&mut r)
    }

    pub fn to_der(&self) -> Result<Vec<u8>, Error> {
        self.with_lc(|r| r.to_der()).map_err(err)
    }

    pub fn version(&self) -> c_long {
        self.lc.lock().version()
    }

    pub fn set_version(&self, v: c_long) -> Result<(), Error> {
        self.with_lc(|r| r.set_version(v)).map_err(err)
    }

    /// The subject, which C may change in place.
    pub fn subject(&self) -> &X509_NAME {
        &self.subject
    }

    pub fn set_subject(&mut self, n: &X509_NAME) -> Result<(), Error> {
        self.subject = Arc::new(n.dup());
        self.with_lc(|_| Ok(())).map_err(err)
    }

    pub fn set_pubkey(
        &mut self,
        key: &Pkey,
        cached: Arc<dyn std::any::Any + Send + Sync>,
    ) -> Result<(), Error> {
        self.with_lc(|r| r.set_pubkey(key)).map_err(err)?;
        self.pubkey = Default::default();
        let _ = self.pubkey.set(cached);
        Ok(())
    }

    /// The public key's SubjectPublicKeyInfo DER.
    pub fn spki(&self) -> Result<Vec<u8>, Error> {
        self.lc.lock().spki().map_err(err)
    }

    /// `X509_REQ_sign`: the signature's size.
    pub fn sign(&self, key: &Pkey, md: Option<Digest>) -> Result<c_int, Error> {
        self.with_lc(|r| r.sign(key, md))
            .map_err(|e| lc_x509_error(e, ERR_LIB_ASN1, ERR_R_EVP_LIB))
    }

    pub fn sign_ctx(&self, ctx: &mut MdSignCtx) -> Result<c_int, Error> {
        self.with_lc(|r| r.sign_ctx(ctx))
            .map_err(|e| lc_x509_error(e, ERR_LIB_ASN1, ERR_R_EVP_LIB))
    }

    pub fn verify(&self, key: &Pkey) -> Result<bool, Error> {
        self.with_lc(|r| r.verify(key))
            .map_err(|e| lc_x509_error(e, ERR_LIB_X509, ERR_R_EVP_LIB))
    }

    pub fn add_extensions(&self, exts: &[&X509_EXTENSION]) -> Result<(), Error> {
        let ders: Vec<Vec<u8>> = exts.iter().map(|e| e.to_der()).collect();
        self.with_lc(|r| r.add_extensions(&ders)).map_err(err)
    }

    pub fn extensions(&self) -> Result<Vec<X509_EXTENSION>, Error> {
        let ders = self.lc.lock().extensions().map_err(err)?;
        ders.iter().map(|d| X509_EXTENSION::from_der(d)).collect()
    }

    /// `X509_REQ_print_ex`'s text: aws-lc's (t_req.c) in OpenSSL 3.0's
    /// layout, the requested extensions printed as 3.0's t_req.c does.
    pub fn text(&self, nmflag: c_ulong, cflag: c_ulong) -> Result<Vec<u8>, Error> {
        const X509_FLAG_NO_EXTENSIONS: c_ulong = 1 << 8;
        let aws = self
            .with_lc(|r| Ok(r.text(nmflag, cflag | X509_FLAG_NO_EXTENSIONS)))
            .map_err(err)?
            .ok_or_else(|| {
                Error::new(ERR_LIB_X509, ERR_R_X509_LIB).data("the request could not be printed")
            })?;
        let mut text = super::print::openssl3_req_text(&String::from_utf8_lossy(&aws))
            // aws-lc dumps an empty attribute set; 3.0 says "(none)"
            .replace(
                "        Attributes:\n            a0:00\n",
                "        Attributes:\n            (none)\n",
            );
        if cflag & X509_FLAG_NO_EXTENSIONS == 0 {
            // 3.0's X509_REQ_get_extensions answers an empty list (not
            // NULL) for a request without any: the title stands alone
            let exts = self.extensions()?;
            let block = if exts.is_empty() {
                "            Requested Extensions:\n".to_string()
            } else {
                String::from_utf8_lossy(&super::print::extensions_text(
                    exts.iter(),
                    Some("Requested Extensions"),
                    cflag,
                    12,
                ))
                .into_owned()
            };
            let at = text
                .find("\n    Signature Algorithm: ")
                .map_or(text.len(), |i| i + 1);
            text.insert_str(at, &block);
        }
        Ok(text.into_bytes())
    }
}
