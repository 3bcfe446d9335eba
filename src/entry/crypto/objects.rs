//! `objects.h`: NIDs, short and long names, OIDs.

use crate::abi::objects::NID_undef;
use crate::abi::reasons::{ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID, OBJ_R_UNKNOWN_OBJECT_NAME};
use crate::crypto::asn1::ASN1_OBJECT;
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int};
use std::sync::Arc;

/// OBJ_nid2sn returns the static short name of `n` ("CN"), or NULL (with an
/// error queued) for an unknown NID.
#[no_mangle]
pub extern "C" fn OBJ_nid2sn(n: c_int) -> *const c_char {
    ffi_boundary!("OBJ_nid2sn", {
        crate::crypto::asn1::sn_c(n)
            .map(|s| s.as_ptr())
            .ok_or_else(|| Error::new(ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID))
    })
}

/// OBJ_nid2ln returns the static long name of `n` ("commonName"), or NULL
/// (with an error queued) for an unknown NID.
#[no_mangle]
pub extern "C" fn OBJ_nid2ln(n: c_int) -> *const c_char {
    ffi_boundary!("OBJ_nid2ln", {
        crate::crypto::asn1::ln_c(n)
            .map(|s| s.as_ptr())
            .ok_or_else(|| Error::new(ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID))
    })
}

/// OBJ_nid2obj returns the static object of `n` (never freed; passing it to
/// `ASN1_OBJECT_free` is harmless), or NULL for an unknown NID.
#[no_mangle]
pub extern "C" fn OBJ_nid2obj(n: c_int) -> *mut ASN1_OBJECT {
    ffi_boundary!("OBJ_nid2obj", {
        crate::crypto::asn1::obj_by_nid(n)
            .map(|o| o as *const _ as *mut _)
            .ok_or_else(|| Error::new(ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID))
    })
}

/// OBJ_obj2nid returns the NID of `o`, or `NID_undef` (0) if unknown or NULL.
#[no_mangle]
pub extern "C" fn OBJ_obj2nid(o: *const ASN1_OBJECT) -> c_int {
    ffi_boundary!("OBJ_obj2nid", {
        if o.is_null() {
            return Ok(NID_undef);
        }
        Ok(ffi::borrow(o)?.nid())
    })
}

/// OBJ_sn2nid returns the NID with short name `s`, or `NID_undef`.
#[no_mangle]
pub extern "C" fn OBJ_sn2nid(s: *const c_char) -> c_int {
    ffi_boundary!("OBJ_sn2nid", {
        Ok(crate::crypto::asn1::nid_by_sn(ffi::cstr(s)?))
    })
}

/// OBJ_ln2nid returns the NID with long name `s`, or `NID_undef`.
#[no_mangle]
pub extern "C" fn OBJ_ln2nid(s: *const c_char) -> c_int {
    ffi_boundary!("OBJ_ln2nid", {
        Ok(crate::crypto::asn1::nid_by_ln(ffi::cstr(s)?))
    })
}

/// OBJ_txt2nid returns the NID of `s`, a short name, long name or dotted
/// OID, or `NID_undef`.
#[no_mangle]
pub extern "C" fn OBJ_txt2nid(s: *const c_char) -> c_int {
    ffi_boundary!("OBJ_txt2nid", {
        Ok(crate::crypto::asn1::nid_by_txt(ffi::cstr(s)?))
    })
}

/// OBJ_txt2obj returns a new object for `s`: a short or long name (unless
/// `no_name` is nonzero) or a dotted OID. The caller frees it with
/// `ASN1_OBJECT_free`. NULL if `s` names nothing.
#[no_mangle]
pub extern "C" fn OBJ_txt2obj(s: *const c_char, no_name: c_int) -> *mut ASN1_OBJECT {
    ffi_boundary!("OBJ_txt2obj", {
        let s = ffi::cstr(s)?;
        let o = ASN1_OBJECT::from_txt(s, no_name != 0)
            .ok_or_else(|| Error::new(ERR_LIB_OBJ, OBJ_R_UNKNOWN_OBJECT_NAME).data(s))?;
        Ok(ffi::into_raw(Arc::new(o.into_dynamic())))
    })
}

/// OBJ_obj2txt writes the long name of `a` (or, if `no_name` is nonzero or
/// the object is unknown, its dotted OID) into `buf` of `buf_len` bytes,
/// truncating and NUL-terminating. It returns the full length of the text
/// (like `snprintf`), 0 if `a` is NULL.
#[no_mangle]
pub extern "C" fn OBJ_obj2txt(
    buf: *mut c_char,
    buf_len: c_int,
    a: *const ASN1_OBJECT,
    no_name: c_int,
) -> c_int {
    ffi_boundary!("OBJ_obj2txt", {
        if a.is_null() {
            ffi::copy_cstr_out(buf, buf_len.max(0) as usize, b"");
            return Ok(0);
        }
        let text = ffi::borrow(a)?.txt(no_name != 0);
        ffi::copy_cstr_out(buf, buf_len.max(0) as usize, text.as_bytes());
        Ok(text.len() as c_int)
    })
}

/// OBJ_cmp compares two objects' encodings: 0 if equal.
#[no_mangle]
pub extern "C" fn OBJ_cmp(a: *const ASN1_OBJECT, b: *const ASN1_OBJECT) -> c_int {
    ffi_boundary!("OBJ_cmp", -2, {
        let (a, b) = (ffi::borrow(a)?.der_content(), ffi::borrow(b)?.der_content());
        Ok(match a.len().cmp(&b.len()).then_with(|| a.cmp(b)) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        })
    })
}

/// OBJ_find_sigid_algs stores the digest and public-key NIDs of signature
/// algorithm `signid` in `*pdig_nid` / `*ppkey_nid` (either may be NULL). It
/// returns 1 if `signid` is known, else 0.
#[no_mangle]
pub extern "C" fn OBJ_find_sigid_algs(
    signid: c_int,
    pdig_nid: *mut c_int,
    ppkey_nid: *mut c_int,
) -> c_int {
    ffi_boundary!("OBJ_find_sigid_algs", {
        match crate::crypto::asn1::sigid_algs(signid) {
            Some((d, p)) => {
                ffi::write_out(pdig_nid, d);
                ffi::write_out(ppkey_nid, p);
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

/// OBJ_create adds the object `oid` (dotted text) with short name `sn` and
/// long name `ln` (either may be NULL) to this process's table and returns
/// its new NID (the OBJ_* lookups then know it), or `NID_undef` if the OID
/// or a name is already known (`OBJ_R_OID_EXISTS`) or `oid` is not dotted
/// text.
#[no_mangle]
pub extern "C" fn OBJ_create(oid: *const c_char, sn: *const c_char, ln: *const c_char) -> c_int {
    ffi_boundary!("OBJ_create", NID_undef, {
        let opt = |p: *const c_char| -> Result<Option<&str>, Error> {
            if p.is_null() {
                Ok(None)
            } else {
                ffi::cstr(p).map(Some)
            }
        };
        crate::crypto::asn1::create(ffi::cstr(oid)?, opt(sn)?, opt(ln)?)
    })
}
