//! TEMPORARY stand-in until the x509 branch lands (helper owns this file).
#![allow(dead_code)]
use std::sync::Arc;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use crate::error::{Error, ERR_LIB_PEM, PEM_R_NO_START_LINE};
pub struct x509_st { der: CertificateDer<'static> }
pub type X509 = x509_st;
impl x509_st {
    pub fn from_der(der: &[u8]) -> Result<Arc<x509_st>, Error> { Ok(Arc::new(Self { der: CertificateDer::from(der.to_vec()) })) }
    pub fn der(&self) -> &CertificateDer<'static> { &self.der }
    pub fn is_self_issued(&self) -> bool { false }
}
pub fn certs_from_pem(data: &[u8]) -> Result<Vec<Arc<x509_st>>, Error> {
    let v: Vec<_> = CertificateDer::pem_slice_iter(data).filter_map(|c| c.ok()).map(|der| Arc::new(x509_st { der })).collect();
    if v.is_empty() { return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE)); }
    Ok(v)
}
