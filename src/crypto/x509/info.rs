//! X509_INFO: one entry of `PEM_X509_INFO_read_bio`'s stack. Its fields are
//! public in OpenSSL's `x509.h` (curl and others read `x509` and `crl`
//! directly), so the layout is OpenSSL's.

use super::{x509_crl_st, x509_st};
use std::ffi::{c_char, c_int, c_uchar, c_void};

/// `EVP_CIPHER_INFO`: the cipher and IV of a legacy encrypted PEM key.
#[repr(C)]
pub struct evp_cipher_info_st {
    pub cipher: *const c_void,
    pub iv: [c_uchar; 16],
}

/// The X509_INFO handle: a certificate, a CRL, or both (one PEM file's
/// entries), each holding one reference.
#[repr(C)]
pub struct X509_info_st {
    pub x509: *mut x509_st,
    pub crl: *mut x509_crl_st,
    /// Private keys are not collected: always NULL.
    pub x_pkey: *mut c_void,
    pub enc_cipher: evp_cipher_info_st,
    pub enc_len: c_int,
    pub enc_data: *mut c_char,
}
crate::handle!(Owned: X509_info_st);
pub type X509_INFO = X509_info_st;

impl Default for X509_info_st {
    fn default() -> Self {
        Self {
            x509: std::ptr::null_mut(),
            crl: std::ptr::null_mut(),
            x_pkey: std::ptr::null_mut(),
            enc_cipher: evp_cipher_info_st {
                cipher: std::ptr::null(),
                iv: [0; 16],
            },
            enc_len: 0,
            enc_data: std::ptr::null_mut(),
        }
    }
}

impl Drop for X509_info_st {
    fn drop(&mut self) {
        crate::ffi::release(self.x509);
        crate::ffi::release(self.crl);
        crate::ffi::free(self.enc_data as *mut c_void);
    }
}
