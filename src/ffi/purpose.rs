//! Certificate purposes: OpenSSL 3's `X509_PURPOSE` table (a public C
//! struct, so its layout is OpenSSL's) and aws-lc's `X509_check_purpose`
//! (OpenSSL's v3_purp.c rules: keyUsage, extendedKeyUsage, basicConstraints
//! for a purpose) run on an aws-lc `X509` made from the DER.

use crate::abi::consts::{
    X509_PURPOSE_ANY, X509_PURPOSE_CRL_SIGN, X509_PURPOSE_NS_SSL_SERVER, X509_PURPOSE_OCSP_HELPER,
    X509_PURPOSE_SMIME_ENCRYPT, X509_PURPOSE_SMIME_SIGN, X509_PURPOSE_SSL_CLIENT,
    X509_PURPOSE_SSL_SERVER, X509_PURPOSE_TIMESTAMP_SIGN, X509_TRUST_COMPAT, X509_TRUST_DEFAULT,
    X509_TRUST_EMAIL, X509_TRUST_SSL_CLIENT, X509_TRUST_SSL_SERVER, X509_TRUST_TSA,
};
use aws_lc_sys as lc;
use std::ffi::{c_char, c_int, c_long, c_void};

/// OpenSSL's `X509_PURPOSE` (x509v3.h), field for field.
#[repr(C)]
pub struct x509_purpose_st {
    pub purpose: c_int,
    pub trust: c_int,
    pub flags: c_int,
    /// NULL here: programs reach the check through `X509_check_purpose`.
    pub check_purpose: *const c_void,
    pub name: *const c_char,
    pub sname: *const c_char,
    pub usr_data: *mut c_void,
}

crate::handle!(Lent: x509_purpose_st);

/// OpenSSL 3.0's built-in purposes, index = id - 1.
pub struct Purposes(pub [x509_purpose_st; 9]);
// SAFETY: the table is immutable; its pointers are to static C strings.
unsafe impl Sync for Purposes {}

const fn row(
    purpose: c_int,
    trust: c_int,
    name: &'static [u8],
    sname: &'static [u8],
) -> x509_purpose_st {
    x509_purpose_st {
        purpose,
        trust,
        flags: 0,
        check_purpose: std::ptr::null(),
        name: name.as_ptr() as *const c_char,
        sname: sname.as_ptr() as *const c_char,
        usr_data: std::ptr::null_mut(),
    }
}

/// (id, X509_TRUST_*, name, short name) as OpenSSL 3.0's v3_purp.c has them.
pub static PURPOSES: Purposes = Purposes([
    row(
        X509_PURPOSE_SSL_CLIENT,
        X509_TRUST_SSL_CLIENT,
        b"SSL client\0",
        b"sslclient\0",
    ),
    row(
        X509_PURPOSE_SSL_SERVER,
        X509_TRUST_SSL_SERVER,
        b"SSL server\0",
        b"sslserver\0",
    ),
    row(
        X509_PURPOSE_NS_SSL_SERVER,
        X509_TRUST_SSL_SERVER,
        b"Netscape SSL server\0",
        b"nssslserver\0",
    ),
    row(
        X509_PURPOSE_SMIME_SIGN,
        X509_TRUST_EMAIL,
        b"S/MIME signing\0",
        b"smimesign\0",
    ),
    row(
        X509_PURPOSE_SMIME_ENCRYPT,
        X509_TRUST_EMAIL,
        b"S/MIME encryption\0",
        b"smimeencrypt\0",
    ),
    row(
        X509_PURPOSE_CRL_SIGN,
        X509_TRUST_COMPAT,
        b"CRL signing\0",
        b"crlsign\0",
    ),
    row(
        X509_PURPOSE_ANY,
        X509_TRUST_DEFAULT,
        b"Any Purpose\0",
        b"any\0",
    ),
    row(
        X509_PURPOSE_OCSP_HELPER,
        X509_TRUST_COMPAT,
        b"OCSP helper\0",
        b"ocsphelper\0",
    ),
    row(
        X509_PURPOSE_TIMESTAMP_SIGN,
        X509_TRUST_TSA,
        b"Time Stamp signing\0",
        b"timestampsign\0",
    ),
]);

/// `X509_check_purpose(der, id, ca)` by aws-lc: 1 suits, 0 does not, -1
/// unknown purpose; `None` if aws-lc cannot parse the certificate (aws-lc's
/// error queue is emptied).
pub fn check(der: &[u8], id: c_int, ca: c_int) -> Option<c_int> {
    let len = c_long::try_from(der.len()).ok()?;
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `len` readable bytes; d2i_X509 advances it.
    let x = unsafe { lc::d2i_X509(std::ptr::null_mut(), &mut p, len) };
    if x.is_null() {
        // SAFETY: clears this thread's aws-lc error queue.
        unsafe { lc::ERR_clear_error() };
        return None;
    }
    // SAFETY: `x` is the live aws-lc X509 made above.
    let r = unsafe { lc::X509_check_purpose(x, id, ca) };
    // SAFETY: frees the X509 made above; clears aws-lc's error queue.
    unsafe {
        lc::X509_free(x);
        lc::ERR_clear_error();
    }
    Some(r)
}
