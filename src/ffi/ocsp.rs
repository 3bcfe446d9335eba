//! aws-lc's OCSP objects (`OCSP_RESPONSE`, `OCSP_BASICRESP`, `OCSP_CERTID`),
//! owned safely: the DER and the lookups are aws-lc's; ferrossl's handles
//! (src/crypto/ocsp.rs) wrap these and hand C OpenSSL's answers.

use super::pkey::{take_error, LcError};
use aws_lc_sys as sys;
use std::ffi::{c_int, c_long};
use std::ptr::{self, NonNull};

/// An aws-lc `OCSP_RESPONSE`.
pub struct Response(NonNull<sys::OCSP_RESPONSE>);
// SAFETY: owned exclusively; aws-lc's object has no thread affinity.
unsafe impl Send for Response {}
// SAFETY: only read through `&self`.
unsafe impl Sync for Response {}

impl Drop for Response {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::OCSP_RESPONSE_free(self.0.as_ptr()) }
    }
}

/// DER of an aws-lc object by its i2d function.
fn i2d<T>(
    p: *mut T,
    f: unsafe extern "C" fn(*mut T, *mut *mut u8) -> c_int,
) -> Result<Vec<u8>, LcError> {
    // SAFETY: a live object; the first call sizes, the second writes that
    // many bytes into our buffer.
    unsafe {
        let n = f(p, ptr::null_mut());
        if n <= 0 {
            return Err(take_error());
        }
        let mut v = vec![0u8; n as usize];
        let mut out = v.as_mut_ptr();
        let m = f(p, &mut out);
        if m != n {
            return Err(take_error());
        }
        Ok(v)
    }
}

impl Response {
    /// `d2i_OCSP_RESPONSE`: the response and the bytes it took.
    pub fn from_der(der: &[u8]) -> Result<(Response, usize), LcError> {
        let len = c_long::try_from(der.len()).map_err(|_| LcError::default())?;
        let mut p = der.as_ptr();
        // SAFETY: `der` is readable for `len` bytes; the object is ours.
        let r = unsafe { sys::d2i_OCSP_RESPONSE(ptr::null_mut(), &mut p, len) };
        let r = NonNull::new(r).map(Response).ok_or_else(take_error)?;
        Ok((r, (p as usize).wrapping_sub(der.as_ptr() as usize)))
    }

    pub fn to_der(&self) -> Result<Vec<u8>, LcError> {
        i2d(self.0.as_ptr(), sys::i2d_OCSP_RESPONSE)
    }

    /// `OCSP_response_status`: the responseStatus (0 successful ... 6 unauthorized).
    pub fn status(&self) -> c_int {
        // SAFETY: a live response.
        unsafe { sys::OCSP_response_status(self.0.as_ptr()) }
    }

    /// `OCSP_response_get1_basic`: the decoded BasicOCSPResponse.
    pub fn basic(&self) -> Result<Basic, LcError> {
        // SAFETY: a live response; the result is a new object we own.
        NonNull::new(unsafe { sys::OCSP_response_get1_basic(self.0.as_ptr()) })
            .map(Basic)
            .ok_or_else(take_error)
    }
}

/// An aws-lc `OCSP_BASICRESP`.
pub struct Basic(NonNull<sys::OCSP_BASICRESP>);
// SAFETY: as `Response`.
unsafe impl Send for Basic {}
// SAFETY: as `Response`.
unsafe impl Sync for Basic {}

impl Drop for Basic {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::OCSP_BASICRESP_free(self.0.as_ptr()) }
    }
}

/// One SingleResponse's status: the certStatus (0 good, 1 revoked, 2
/// unknown), the revocation reason (-1: none), and the times as
/// GeneralizedTime content ("YYYYMMDDHHMMSSZ").
#[derive(Debug, Clone, Default)]
pub struct SingleStatus {
    pub status: c_int,
    pub reason: c_int,
    pub revtime: Option<Vec<u8>>,
    pub thisupd: Option<Vec<u8>>,
    pub nextupd: Option<Vec<u8>>,
}

/// The bytes of an aws-lc ASN1_STRING (NULL: None).
///
/// # Safety
/// `s` is NULL or a live aws-lc string.
unsafe fn string_bytes(s: *const sys::ASN1_STRING) -> Option<Vec<u8>> {
    if s.is_null() {
        return None;
    }
    let p = sys::ASN1_STRING_get0_data(s);
    let n = usize::try_from(sys::ASN1_STRING_length(s)).ok()?;
    if p.is_null() {
        return Some(Vec::new());
    }
    Some(std::slice::from_raw_parts(p, n).to_vec())
}

impl Basic {
    /// `OCSP_resp_count`.
    pub fn count(&self) -> usize {
        // SAFETY: a live response.
        usize::try_from(unsafe { sys::OCSP_resp_count(self.0.as_ptr()) }).unwrap_or(0)
    }

    /// The status of SingleResponse `idx` (`OCSP_resp_get0` +
    /// `OCSP_single_get0_status`), None past the end.
    pub fn single(&self, idx: usize) -> Option<SingleStatus> {
        // SAFETY: a live response; the single response and its times are
        // borrowed from it for the copy.
        let r = unsafe {
            let s = sys::OCSP_resp_get0(self.0.as_ptr(), idx);
            if s.is_null() {
                None
            } else {
                let mut st = SingleStatus {
                    reason: -1,
                    ..Default::default()
                };
                let (mut rev, mut this, mut next) =
                    (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
                st.status =
                    sys::OCSP_single_get0_status(s, &mut st.reason, &mut rev, &mut this, &mut next);
                st.revtime = string_bytes(rev);
                st.thisupd = string_bytes(this);
                st.nextupd = string_bytes(next);
                Some(st)
            }
        };
        let _ = take_error();
        r
    }

    /// `OCSP_resp_find`: the index of the SingleResponse for `id` after `last`.
    pub fn find(&self, id: &CertId, last: c_int) -> Option<usize> {
        // SAFETY: two live objects.
        let i = unsafe { sys::OCSP_resp_find(self.0.as_ptr(), id.0.as_ptr(), last) };
        let _ = take_error();
        usize::try_from(i).ok()
    }
}

/// An aws-lc `OCSP_CERTID`.
pub struct CertId(NonNull<sys::OCSP_CERTID>);
// SAFETY: as `Response`.
unsafe impl Send for CertId {}
// SAFETY: as `Response`.
unsafe impl Sync for CertId {}

impl Drop for CertId {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::OCSP_CERTID_free(self.0.as_ptr()) }
    }
}

impl CertId {
    /// `OCSP_cert_to_id` (SHA-1, as OpenSSL's default) from the DER of the
    /// certificate and of its issuer.
    pub fn from_certs(subject_der: &[u8], issuer_der: &[u8]) -> Result<CertId, LcError> {
        let parse = |der: &[u8]| -> Result<*mut sys::X509, LcError> {
            let len = c_long::try_from(der.len()).map_err(|_| LcError::default())?;
            let mut p = der.as_ptr();
            // SAFETY: `der` readable for `len` bytes; the result is ours.
            let x = unsafe { sys::d2i_X509(ptr::null_mut(), &mut p, len) };
            if x.is_null() {
                Err(take_error())
            } else {
                Ok(x)
            }
        };
        let s = parse(subject_der)?;
        let i = match parse(issuer_der) {
            Ok(i) => i,
            Err(e) => {
                // SAFETY: ours.
                unsafe { sys::X509_free(s) };
                return Err(e);
            }
        };
        // SAFETY: two live certificates, freed after; the id is ours.
        let id = unsafe {
            let id = sys::OCSP_cert_to_id(sys::EVP_sha1(), s, i);
            sys::X509_free(s);
            sys::X509_free(i);
            id
        };
        NonNull::new(id).map(CertId).ok_or_else(take_error)
    }
}
