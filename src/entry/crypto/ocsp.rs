//! `ocsp.h`: decoding OCSP responses (as nginx's `ssl_stapling_file` and
//! stapling verification read them) over aws-lc's OCSP code, and
//! `ASN1_d2i_bio` (which `d2i_OCSP_RESPONSE_bio` expands to).

use crate::abi::reasons::ERR_LIB_OCSP;
use crate::abi::reasons::OCSP_R_NO_RESPONSE_DATA;
use crate::crypto::asn1::ASN1_STRING;
use crate::crypto::bio::BIO;
use crate::crypto::err::Error;
use crate::crypto::ocsp::{
    ocsp_response_st, OCSP_BASICRESP, OCSP_CERTID, OCSP_RESPONSE, OCSP_SINGLERESP,
};
use crate::crypto::x509::X509;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_void};
use std::sync::Arc;

/// d2i_OCSP_RESPONSE decodes a DER OCSPResponse of `len` bytes at `*pp`,
/// advancing `*pp` past it; a new response (also stored in `*a` if `a` is
/// not NULL, freeing the old one), or NULL with an error for anything else.
#[no_mangle]
pub extern "C" fn d2i_OCSP_RESPONSE(
    a: *mut *mut OCSP_RESPONSE,
    pp: *mut *const u8,
    len: c_long,
) -> *mut OCSP_RESPONSE {
    ffi_boundary!("d2i_OCSP_RESPONSE", {
        let p = ffi::read_in(pp)
            .filter(|p| !p.is_null())
            .ok_or_else(Error::null_pointer)?;
        let n = usize::try_from(len).map_err(|_| Error::invalid_argument("length"))?;
        let (r, used) = ocsp_response_st::from_der(ffi::slice_usize(p, n)?)?;
        let out = Box::into_raw(Box::new(r));
        ffi::write_out(pp, p.wrapping_add(used));
        ffi::replace_out(a, out, ffi::free_box);
        Ok(out)
    })
}

/// i2d_OCSP_RESPONSE encodes `a` as DER: with `pp` NULL only the length;
/// `*pp` NULL: into new `OPENSSL_malloc` memory stored in `*pp`; else at
/// `*pp`, advanced past it. The length, or -1.
#[no_mangle]
pub extern "C" fn i2d_OCSP_RESPONSE(a: *const OCSP_RESPONSE, pp: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_OCSP_RESPONSE", -1, {
        let der = ffi::borrow(a)?.to_der()?;
        crate::entry::crypto::x509::i2d_out(&der, pp)
    })
}

/// OCSP_RESPONSE_free frees `a` (NULL: no-op).
#[no_mangle]
pub extern "C" fn OCSP_RESPONSE_free(a: *mut OCSP_RESPONSE) {
    ffi_boundary!("OCSP_RESPONSE_free", {
        ffi::free_box(a);
        Ok(())
    })
}

/// OCSP_response_status returns the responseStatus of `resp`
/// (`OCSP_RESPONSE_STATUS_SUCCESSFUL` 0, ... `_UNAUTHORIZED` 6).
#[no_mangle]
pub extern "C" fn OCSP_response_status(resp: *mut OCSP_RESPONSE) -> c_int {
    ffi_boundary!("OCSP_response_status", -1, {
        Ok(ffi::borrow(resp)?.status())
    })
}

/// OCSP_response_status_str names a responseStatus ("successful", ...).
#[no_mangle]
pub extern "C" fn OCSP_response_status_str(s: c_long) -> *const c_char {
    ffi_boundary!("OCSP_response_status_str", {
        Ok(match s {
            0 => c"successful",
            1 => c"malformedrequest",
            2 => c"internalerror",
            3 => c"trylater",
            5 => c"sigrequired",
            6 => c"unauthorized",
            _ => c"(UNKNOWN)",
        }
        .as_ptr())
    })
}

/// OCSP_cert_status_str names a certStatus ("good", "revoked", "unknown").
#[no_mangle]
pub extern "C" fn OCSP_cert_status_str(s: c_long) -> *const c_char {
    ffi_boundary!("OCSP_cert_status_str", {
        Ok(match s {
            0 => c"good",
            1 => c"revoked",
            2 => c"unknown",
            _ => c"(UNKNOWN)",
        }
        .as_ptr())
    })
}

/// OCSP_response_get1_basic decodes the BasicOCSPResponse in `resp`: a new
/// object (`OCSP_BASICRESP_free`), or NULL (`OCSP_R_NOT_BASIC_RESPONSE`:
/// no response bytes, or another type).
#[no_mangle]
pub extern "C" fn OCSP_response_get1_basic(resp: *mut OCSP_RESPONSE) -> *mut OCSP_BASICRESP {
    ffi_boundary!("OCSP_response_get1_basic", {
        Ok(Box::into_raw(Box::new(ffi::borrow(resp)?.basic()?)))
    })
}

/// OCSP_BASICRESP_free frees `bs` and the single responses and times it
/// lent out (NULL: no-op).
#[no_mangle]
pub extern "C" fn OCSP_BASICRESP_free(bs: *mut OCSP_BASICRESP) {
    ffi_boundary!("OCSP_BASICRESP_free", {
        ffi::free_box(bs);
        Ok(())
    })
}

/// OCSP_resp_count returns the number of SingleResponses in `bs`, or -1.
#[no_mangle]
pub extern "C" fn OCSP_resp_count(bs: *mut OCSP_BASICRESP) -> c_int {
    ffi_boundary!("OCSP_resp_count", -1, {
        Ok(c_int::try_from(ffi::borrow(bs)?.singles.len()).unwrap_or(c_int::MAX))
    })
}

/// OCSP_resp_get0 returns SingleResponse `idx` of `bs` (owned by `bs`), or NULL.
#[no_mangle]
pub extern "C" fn OCSP_resp_get0(bs: *mut OCSP_BASICRESP, idx: c_int) -> *mut OCSP_SINGLERESP {
    ffi_boundary!("OCSP_resp_get0", {
        let b = ffi::borrow(bs)?;
        let s = usize::try_from(idx)
            .ok()
            .and_then(|i| b.singles.get(i))
            .ok_or_else(|| Error::new(ERR_LIB_OCSP, OCSP_R_NO_RESPONSE_DATA))?;
        Ok(&**s as *const OCSP_SINGLERESP as *mut OCSP_SINGLERESP)
    })
}

fn time_ptr(t: &Option<Arc<crate::crypto::asn1::Asn1String>>) -> *mut ASN1_STRING {
    t.as_ref()
        .map_or(std::ptr::null_mut(), |a| Arc::as_ptr(a) as *mut ASN1_STRING)
}

/// OCSP_single_get0_status returns the certStatus of `single` (0 good, 1
/// revoked, 2 unknown; -1 on error) and stores, where the pointers are not
/// NULL, the revocation reason (-1: none) and the revocation, thisUpdate
/// and nextUpdate times (owned by the basic response; NULL if absent).
#[no_mangle]
pub extern "C" fn OCSP_single_get0_status(
    single: *mut OCSP_SINGLERESP,
    reason: *mut c_int,
    revtime: *mut *mut ASN1_STRING,
    thisupd: *mut *mut ASN1_STRING,
    nextupd: *mut *mut ASN1_STRING,
) -> c_int {
    ffi_boundary!("OCSP_single_get0_status", -1, {
        let s = ffi::borrow(single)?;
        ffi::write_out(reason, s.reason);
        ffi::write_out(revtime, time_ptr(&s.revtime));
        ffi::write_out(thisupd, time_ptr(&s.thisupd));
        ffi::write_out(nextupd, time_ptr(&s.nextupd));
        Ok(s.status)
    })
}

/// OCSP_resp_find returns the index of the SingleResponse for `id` in `bs`
/// after index `last` (-1: from the start), or -1.
#[no_mangle]
pub extern "C" fn OCSP_resp_find(
    bs: *mut OCSP_BASICRESP,
    id: *mut OCSP_CERTID,
    last: c_int,
) -> c_int {
    ffi_boundary!("OCSP_resp_find", -1, {
        let b = ffi::borrow(bs)?;
        Ok(b.find(ffi::borrow(id)?, last)
            .and_then(|i| c_int::try_from(i).ok())
            .unwrap_or(-1))
    })
}

/// OCSP_resp_find_status looks up `id` in `bs`: 1 with the status and
/// times stored as `OCSP_single_get0_status` stores them (`*status` may be
/// NULL), or 0 if `bs` has no response for `id`.
#[no_mangle]
pub extern "C" fn OCSP_resp_find_status(
    bs: *mut OCSP_BASICRESP,
    id: *mut OCSP_CERTID,
    status: *mut c_int,
    reason: *mut c_int,
    revtime: *mut *mut ASN1_STRING,
    thisupd: *mut *mut ASN1_STRING,
    nextupd: *mut *mut ASN1_STRING,
) -> c_int {
    ffi_boundary!("OCSP_resp_find_status", 0, {
        let b = ffi::borrow(bs)?;
        let Some(s) = b.find(ffi::borrow(id)?, -1).and_then(|i| b.singles.get(i)) else {
            return Ok(0);
        };
        ffi::write_out(status, s.status);
        ffi::write_out(reason, s.reason);
        ffi::write_out(revtime, time_ptr(&s.revtime));
        ffi::write_out(thisupd, time_ptr(&s.thisupd));
        ffi::write_out(nextupd, time_ptr(&s.nextupd));
        Ok(1)
    })
}

/// OCSP_cert_to_id returns the CertID of `subject` issued by `issuer`
/// (hashed with `dgst`; only NULL or SHA-1, OpenSSL's default, are
/// supported), freed with `OCSP_CERTID_free`; NULL on error.
#[no_mangle]
pub extern "C" fn OCSP_cert_to_id(
    dgst: *const crate::crypto::digest::EVP_MD,
    subject: *const X509,
    issuer: *const X509,
) -> *mut OCSP_CERTID {
    ffi_boundary!("OCSP_cert_to_id", {
        if !dgst.is_null()
            && crate::entry::crypto::evp::static_md(dgst)?.alg != crate::ffi::lc::Digest::Sha1
        {
            return Err(Error::unsupported(
                "OCSP_cert_to_id with a digest other than SHA-1",
            ));
        }
        let s = ffi::borrow(subject)?;
        let i = ffi::borrow(issuer)?;
        let id = crate::crypto::ocsp::ocsp_cert_id_st::from_certs(s.der(), i.der())?;
        Ok(Box::into_raw(Box::new(id)))
    })
}

/// OCSP_CERTID_free frees `id` (NULL: no-op).
#[no_mangle]
pub extern "C" fn OCSP_CERTID_free(id: *mut OCSP_CERTID) {
    ffi_boundary!("OCSP_CERTID_free", {
        ffi::free_box(id);
        Ok(())
    })
}

/// OCSP_check_validity checks `thisupd` and `nextupd` (may be NULL)
/// against the current time with `nsec` seconds of leeway, and `thisupd`
/// not older than `maxsec` seconds (-1: no limit). 1, or 0 with
/// OpenSSL's reason (`OCSP_R_STATUS_EXPIRED`, `_NOT_YET_VALID`, ...).
#[no_mangle]
pub extern "C" fn OCSP_check_validity(
    thisupd: *mut ASN1_STRING,
    nextupd: *mut ASN1_STRING,
    nsec: c_long,
    maxsec: c_long,
) -> c_int {
    ffi_boundary!("OCSP_check_validity", 0, {
        let unix = |t: *mut ASN1_STRING| -> Result<Option<i64>, Error> {
            Ok(crate::entry::crypto::asn1::time_of(t)?.map(|t| t.tm.to_unix()))
        };
        let this = unix(thisupd)?;
        let next = if nextupd.is_null() {
            None
        } else {
            Some(unix(nextupd)?)
        };
        crate::crypto::ocsp::check_validity(this, next, nsec, maxsec)?;
        Ok(1)
    })
}

/// OpenSSL's `d2i_of_void` and the `xnew` of `ASN1_d2i_bio`.
type D2i = Option<unsafe extern "C" fn(*mut *mut c_void, *mut *const u8, c_long) -> *mut c_void>;

/// ASN1_d2i_bio reads the rest of `in` and decodes it with `d2i` (e.g.
/// `d2i_OCSP_RESPONSE`, as `d2i_OCSP_RESPONSE_bio` expands), passing `x`
/// on; what `d2i` returns, or NULL. `xnew` is not needed. Limit: the whole
/// BIO is read (up to 100 MiB), not only the first DER object.
#[no_mangle]
pub extern "C" fn ASN1_d2i_bio(
    _xnew: Option<unsafe extern "C" fn() -> *mut c_void>,
    d2i: D2i,
    r#in: *mut BIO,
    x: *mut *mut c_void,
) -> *mut c_void {
    ffi_boundary!("ASN1_d2i_bio", {
        let d2i = d2i.ok_or_else(Error::null_pointer)?;
        let bio = ffi::borrow(r#in)?;
        let data = bio.read_all()?;
        let len = c_long::try_from(data.len()).map_err(|_| Error::invalid_argument("length"))?;
        let mut p = data.as_ptr();
        // SAFETY: ASN1_d2i_bio's contract: `d2i` is a d2i function for the
        // type `x` points at; it reads at most `len` bytes of `data`.
        let out = ffi::call_c(d2i, (x, &mut p as *mut *const u8, len));
        if out.is_null() {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_ASN1,
                crate::abi::reasons::ERR_R_NESTED_ASN1_ERROR,
            ));
        }
        Ok(out)
    })
}
