//! `x509.h`: certificates (`X509`), names (`X509_NAME`, entries) and extensions.

use crate::abi::objects::NID_subject_alt_name;
use crate::abi::reasons::{
    ASN1_R_ILLEGAL_TIME_VALUE, ASN1_R_NOT_ENOUGH_DATA, ASN1_R_TOO_LONG, ERR_LIB_ASN1, ERR_LIB_X509,
    X509_R_INVALID_FIELD_NAME,
};
use crate::crypto::asn1::{ASN1_OBJECT, ASN1_STRING};
use crate::crypto::bio::BIO;
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::crypto::pkey::{evp_pkey_st, EVP_PKEY};
use crate::crypto::stack::OPENSSL_STACK;
use crate::crypto::x509::{self, GeneralNameBox, X509, X509_EXTENSION, X509_NAME, X509_NAME_ENTRY};
use crate::entry::crypto::ec::EC_KEY;
use crate::entry::crypto::rsa::RSA;
use crate::entry::time_of;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};
use std::sync::Arc;

/// X509_verify_cert_error_string returns OpenSSL's text for a verify result.
#[no_mangle]
pub extern "C" fn X509_verify_cert_error_string(n: c_long) -> *const c_char {
    ffi_boundary!("X509_verify_cert_error_string", {
        // The table's strings are 'static; intern as C strings once.
        static C: std::sync::LazyLock<Vec<(c_long, std::ffi::CString)>> =
            std::sync::LazyLock::new(|| {
                crate::abi::tables::X509_V_STRINGS
                    .iter()
                    .map(|(c, s)| {
                        (
                            c_long::from(*c),
                            std::ffi::CString::new(*s).unwrap_or_default(),
                        )
                    })
                    .collect()
            });
        Ok(C.iter()
            .find(|(c, _)| *c == n)
            .map(|(_, s)| s.as_ptr())
            .unwrap_or(c"unknown certificate verification error".as_ptr()))
    })
}

/// X509_get_pubkey returns the certificate's public key as a new
/// reference (free it with `EVP_PKEY_free`), or NULL if its key type is
/// unknown to aws-lc.
#[no_mangle]
pub extern "C" fn X509_get_pubkey(x: *mut X509) -> *mut EVP_PKEY {
    ffi_boundary!("X509_get_pubkey", {
        let k = crate::crypto::pkey::cert_pubkey(ffi::borrow(x)?)?;
        Ok(ffi::into_raw(k))
    })
}

/// X509_get0_pubkey returns the certificate's public key, owned by `x`
/// (do not free it), or NULL.
#[no_mangle]
pub extern "C" fn X509_get0_pubkey(x: *const X509) -> *mut EVP_PKEY {
    ffi_boundary!("X509_get0_pubkey", {
        let k = crate::crypto::pkey::cert_pubkey(ffi::borrow(x)?)?;
        Ok(Arc::as_ptr(&k) as *mut EVP_PKEY)
    })
}

/// X509_check_private_key returns 1 if `pkey` is the private (or public)
/// key matching the certificate `x`, else 0 with `X509_R_KEY_VALUES_MISMATCH`
/// (or `X509_R_KEY_TYPE_MISMATCH`) queued.
#[no_mangle]
pub extern "C" fn X509_check_private_key(x: *const X509, pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("X509_check_private_key", {
        crate::crypto::pkey::check_cert_key(ffi::borrow(x)?, ffi::borrow(pkey)?)?;
        Ok(1)
    })
}

/// X509_verify checks the signature of `a` with the public key `r` (its
/// issuer's): 1 if it verifies, 0 if not, -1 on error (NULL, a key type
/// that does not fit the signature algorithm).
#[no_mangle]
pub extern "C" fn X509_verify(a: *mut X509, r: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("X509_verify", -1, {
        let x = ffi::borrow(a)?;
        let k = ffi::borrow(r)?;
        Ok(c_int::from(k.verifies_cert(&x.encoded()?)?))
    })
}

/// d2i_PUBKEY parses a DER SubjectPublicKeyInfo, advancing `*pp` past it.
/// Returns a new public key (also stored in `*a` when `a` is not NULL,
/// releasing the old one) or NULL.
#[no_mangle]
pub extern "C" fn d2i_PUBKEY(
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    length: c_long,
) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_PUBKEY", {
        let p = ffi::read_in(pp)
            .filter(|p| !p.is_null())
            .ok_or_else(Error::null_pointer)?;
        let len = usize::try_from(length).map_err(|_| Error::invalid_argument("length"))?;
        let der = ffi::slice_usize(p, len)?;
        let (key, used) = crate::crypto::pkey::evp_pkey_st::public_from_der(der)?;
        let key = ffi::into_raw(key);
        ffi::write_out(pp, p.wrapping_add(used));
        ffi::replace_out(a, key, |old| ffi::release(old));
        Ok(key)
    })
}

/// i2d_PUBKEY encodes the public half of `a` as a DER SubjectPublicKeyInfo
/// (i2d convention). Returns the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_PUBKEY(a: *const EVP_PKEY, pp: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_PUBKEY", -1, { i2d_out(&ffi::borrow(a)?.spki()?, pp) })
}

/// X509_cmp_time returns -1 if `s` is earlier than or equal to `*cmp_time`
/// (now if `cmp_time` is NULL), 1 if later, 0 on error.
#[no_mangle]
pub extern "C" fn X509_cmp_time(s: *const ASN1_STRING, cmp_time: *const libc::time_t) -> c_int {
    ffi_boundary!("X509_cmp_time", {
        let t = time_of(s)?.ok_or_else(|| Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE))?;
        let now = ffi::read_in(cmp_time).unwrap_or_else(crate::crypto::asn1::now_unix);
        Ok(if t.tm.to_unix() <= now { -1 } else { 1 })
    })
}

/// X509_cmp_current_time is `X509_cmp_time(s, NULL)`.
#[no_mangle]
pub extern "C" fn X509_cmp_current_time(s: *const ASN1_STRING) -> c_int {
    X509_cmp_time(s, std::ptr::null())
}

/// Reason for an out-of-range index.
const X509_R_INVALID_INDEX: c_int = X509_R_INVALID_FIELD_NAME;

// ---------------------------------------------------------------------------
// Life cycle and DER.

/// X509_free drops one reference to `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_free(a: *mut X509) {
    ffi_boundary!("X509_free", {
        ffi::release(a);
        Ok(())
    })
}

/// X509_up_ref adds a reference to `a`. Returns 1, or 0 if `a` is NULL.
#[no_mangle]
pub extern "C" fn X509_up_ref(a: *mut X509) -> c_int {
    ffi_boundary!("X509_up_ref", { ffi::up_ref(a) })
}

/// X509_set_ex_data stores `arg` in slot `idx` of `r` (indexes from
/// `X509_get_ex_new_index`); 1 on success.
#[no_mangle]
pub extern "C" fn X509_set_ex_data(r: *mut X509, idx: c_int, arg: *mut c_void) -> c_int {
    ffi_boundary!("X509_set_ex_data", {
        Ok(ffi::borrow(r)?.ex_data.set(idx, arg) as c_int)
    })
}

/// X509_get_ex_data returns slot `idx` of `r` (NULL if unset).
#[no_mangle]
pub extern "C" fn X509_get_ex_data(r: *const X509, idx: c_int) -> *mut c_void {
    ffi_boundary!("X509_get_ex_data", { Ok(ffi::borrow(r)?.ex_data.get(idx)) })
}

/// d2i_X509 parses one DER certificate from the `len` bytes at `*in`. On
/// success it advances `*in` past it and returns a new reference (also
/// stored in `*a` when `a` is non-NULL, releasing the old `*a`). On failure
/// it returns NULL, leaving `*in` and `*a` alone.
#[no_mangle]
pub extern "C" fn d2i_X509(a: *mut *mut X509, r#in: *mut *const u8, len: c_long) -> *mut X509 {
    ffi_boundary!("d2i_X509", {
        let p = ffi::read_in(r#in as *const *mut u8).ok_or_else(Error::null_pointer)?;
        let data = ffi::slice_usize(
            p,
            usize::try_from(len).map_err(|_| Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG))?,
        )?;
        let n = crate::crypto::asn1::tlv_len(data)?;
        let cert = x509::x509_st::from_der(&data[..n])?;
        let out = ffi::into_raw(cert);
        ffi::replace_out(a, out, |old| ffi::release(old));
        ffi::write_out(r#in, p.wrapping_add(n) as *const u8);
        Ok(out)
    })
}

/// Writes `der` per the i2d convention: `out` NULL: only the length; `*out`
/// NULL: a new `OPENSSL_malloc` buffer in `*out`; else copies to `*out` and
/// advances it. Returns the length, or a negative value on error.
pub(crate) fn i2d_out(der: &[u8], out: *mut *mut u8) -> Result<c_int, Error> {
    let len = c_int::try_from(der.len()).map_err(|_| Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG))?;
    match ffi::read_in(out) {
        None => {}
        Some(p) if p.is_null() => ffi::write_out(out, ffi::malloc_copy(der, false)),
        Some(p) => {
            ffi::slice_mut_usize(p, der.len())?.copy_from_slice(der);
            ffi::write_out(out, p.wrapping_add(der.len()));
        }
    }
    Ok(len)
}

/// i2d_X509 encodes `a` as DER (see the i2d convention: `out` NULL returns
/// the length only; `*out` NULL allocates a buffer the caller frees with
/// `OPENSSL_free`; otherwise writes at `*out` and advances it). Returns the
/// length, or -1 on error.
#[no_mangle]
pub extern "C" fn i2d_X509(a: *const X509, out: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_X509", -1, {
        i2d_out(&ffi::borrow(a)?.encoded()?, out)
    })
}

/// d2i_X509_bio reads one DER certificate from `bp`. Returns a new
/// reference (also stored in `*x` if non-NULL), or NULL.
#[no_mangle]
pub extern "C" fn d2i_X509_bio(bp: *mut BIO, x: *mut *mut X509) -> *mut X509 {
    ffi_boundary!("d2i_X509_bio", {
        let bio = ffi::borrow(bp)?;
        let mut data = Vec::new();
        let mut line = Vec::new();
        loop {
            if let Ok(n) = crate::crypto::asn1::tlv_len(&data) {
                data.truncate(n);
                break;
            }
            line.clear();
            if !bio.read_line(&mut line) || line.is_empty() {
                return Err(Error::new(ERR_LIB_ASN1, ASN1_R_NOT_ENOUGH_DATA));
            }
            data.extend_from_slice(&line);
        }
        let out = ffi::into_raw(x509::x509_st::from_der(&data)?);
        ffi::replace_out(x, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// i2d_X509_bio writes `x`'s DER to `bp`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_X509_bio(bp: *mut BIO, x: *const X509) -> c_int {
    ffi_boundary!("i2d_X509_bio", {
        let bio = ffi::borrow(bp)?;
        Ok(c_int::from(bio.write_all(&ffi::borrow(x)?.encoded()?)))
    })
}

/// X509_dup returns a copy of `x` (its encoding parsed again), which can be
/// changed without changing `x`. Free it with `X509_free`.
#[no_mangle]
pub extern "C" fn X509_dup(x: *const X509) -> *mut X509 {
    ffi_boundary!("X509_dup", {
        let x = ffi::borrow(x)?;
        Ok(ffi::into_raw(Arc::new(x509::x509_st::parse(
            &x.encoded()?,
        )?)))
    })
}

/// X509_cmp compares two certificates (SHA-1 of the DER, then the DER):
/// 0 if equal, else negative or positive.
#[no_mangle]
pub extern "C" fn X509_cmp(a: *const X509, b: *const X509) -> c_int {
    ffi_boundary!("X509_cmp", -2, {
        let (a, b) = (ffi::borrow(a)?, ffi::borrow(b)?);
        let ha = crate::crypto::digest::cert_digest(a, &crate::crypto::digest::MD_SHA1)?;
        let hb = crate::crypto::digest::cert_digest(b, &crate::crypto::digest::MD_SHA1)?;
        Ok(
            match ha
                .cmp(&hb)
                .then_with(|| a.der().as_ref().cmp(b.der().as_ref()))
            {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            },
        )
    })
}

/// X509_digest writes the digest `type` of `data`'s DER to `md` (at least
/// `EVP_MD_get_size(type)` bytes; `EVP_MAX_MD_SIZE` always suffices) and its
/// length to `*len` (may be NULL). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_digest(
    data: *const X509,
    r#type: *const EVP_MD,
    md: *mut u8,
    len: *mut c_uint,
) -> c_int {
    ffi_boundary!("X509_digest", {
        let x = ffi::borrow(data)?;
        let m = ffi::borrow(r#type)?;
        let d = crate::crypto::digest::cert_digest(x, m)?;
        ffi::slice_mut_usize(md, d.len())?.copy_from_slice(&d);
        ffi::write_out(len, d.len() as c_uint);
        Ok(1)
    })
}

/// X509_NAME_digest writes the digest `type` of `data`'s DER to `md` (at
/// least `EVP_MD_get_size(type)` bytes) and its length to `*len` (may be
/// NULL). Returns 1 or 0. nginx hashes the client CA names into its session
/// ID context with it.
#[no_mangle]
pub extern "C" fn X509_NAME_digest(
    data: *const X509_NAME,
    r#type: *const EVP_MD,
    md: *mut u8,
    len: *mut c_uint,
) -> c_int {
    ffi_boundary!("X509_NAME_digest", {
        let n = ffi::borrow(data)?;
        let m = ffi::borrow(r#type)?;
        let d = crate::crypto::digest::name_digest(n, m)?;
        ffi::slice_mut_usize(md, d.len())?.copy_from_slice(&d);
        ffi::write_out(len, d.len() as c_uint);
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// Fields.

/// X509_get_subject_name returns the subject name of `a`, owned by `a`. NULL on error.
#[no_mangle]
pub extern "C" fn X509_get_subject_name(a: *const X509) -> *mut X509_NAME {
    ffi_boundary!("X509_get_subject_name", {
        Ok(ffi::borrow(a)?.subject() as *const _ as *mut _)
    })
}

/// X509_get_issuer_name returns the issuer name of `a`, owned by `a`. NULL on error.
#[no_mangle]
pub extern "C" fn X509_get_issuer_name(a: *const X509) -> *mut X509_NAME {
    ffi_boundary!("X509_get_issuer_name", {
        Ok(ffi::borrow(a)?.issuer() as *const _ as *mut _)
    })
}

/// X509_get_version returns the encoded version of `x` (0 for v1, 2 for v3).
#[no_mangle]
pub extern "C" fn X509_get_version(x: *const X509) -> c_long {
    ffi_boundary!("X509_get_version", {
        Ok(ffi::borrow(x)?.version() as c_long)
    })
}

/// X509_get_serialNumber returns the serial number of `x`, owned by `x`.
#[no_mangle]
pub extern "C" fn X509_get_serialNumber(x: *mut X509) -> *mut ASN1_STRING {
    ffi_boundary!("X509_get_serialNumber", {
        Ok(ffi::borrow(x)?.serial().as_c())
    })
}

/// X509_get0_serialNumber returns the serial number of `x`, owned by `x`.
#[no_mangle]
pub extern "C" fn X509_get0_serialNumber(x: *const X509) -> *const ASN1_STRING {
    ffi_boundary!("X509_get0_serialNumber", {
        Ok(ffi::borrow(x)?.serial().as_c() as *const _)
    })
}

/// X509_get_signature_nid returns the NID of `x`'s signature algorithm.
#[no_mangle]
pub extern "C" fn X509_get_signature_nid(x: *const X509) -> c_int {
    ffi_boundary!("X509_get_signature_nid", {
        Ok(ffi::borrow(x)?.signature_nid())
    })
}

/// X509_get_signature_info stores the digest NID, public key NID, security
/// bits and `X509_SIG_INFO_*` flags of `x`'s signature (any out-pointer may be
/// NULL), by OpenSSL 3's rules (RSA-PSS from its parameters; Ed25519/Ed448
/// without a digest). Returns 1, or 0 for an algorithm it cannot describe.
/// (PostgreSQL's SCRAM channel binding hashes the certificate with that digest.)
#[no_mangle]
pub extern "C" fn X509_get_signature_info(
    x: *mut X509,
    mdnid: *mut c_int,
    pknid: *mut c_int,
    secbits: *mut c_int,
    flags: *mut u32,
) -> c_int {
    ffi_boundary!("X509_get_signature_info", {
        let (md, pk, bits, f) = ffi::borrow(x)?.signature_info()?;
        ffi::write_out(mdnid, md);
        ffi::write_out(pknid, pk);
        ffi::write_out(secbits, bits);
        ffi::write_out(flags, f);
        Ok(1)
    })
}

/// X509_pubkey_digest writes the digest `type` of `data`'s public key bits (the
/// subjectPublicKey BIT STRING's contents, as OpenSSL) to `md` and its length
/// to `*len` (may be NULL). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_pubkey_digest(
    data: *const X509,
    r#type: *const EVP_MD,
    md: *mut u8,
    len: *mut c_uint,
) -> c_int {
    ffi_boundary!("X509_pubkey_digest", {
        let x = ffi::borrow(data)?;
        let m = ffi::borrow(r#type)?;
        let d = crate::crypto::digest::digest(m.alg, x.public_key_bits()?)?;
        ffi::slice_mut_usize(md, d.len())?.copy_from_slice(&d);
        ffi::write_out(len, d.len() as c_uint);
        Ok(1)
    })
}

/// X509_get0_subject_key_id returns `x`'s subjectKeyIdentifier (owned by
/// `x`), or NULL without one.
#[no_mangle]
pub extern "C" fn X509_get0_subject_key_id(x: *mut X509) -> *const ASN1_STRING {
    ffi_boundary!("X509_get0_subject_key_id", {
        Ok(ffi::borrow(x)?
            .skid
            .as_ref()
            .map_or(std::ptr::null(), |s| s.as_c() as *const _))
    })
}

/// X509_get0_authority_key_id returns the keyIdentifier of `x`'s
/// authorityKeyIdentifier (owned by `x`), or NULL without one.
#[no_mangle]
pub extern "C" fn X509_get0_authority_key_id(x: *mut X509) -> *const ASN1_STRING {
    ffi_boundary!("X509_get0_authority_key_id", {
        Ok(ffi::borrow(x)?
            .akid
            .as_ref()
            .map_or(std::ptr::null(), |s| s.as_c() as *const _))
    })
}

/// X509_get0_notBefore returns notBefore of `x` (an `ASN1_TIME` owned by `x`).
#[no_mangle]
pub extern "C" fn X509_get0_notBefore(x: *const X509) -> *const ASN1_STRING {
    ffi_boundary!("X509_get0_notBefore", {
        Ok(ffi::borrow(x)?.not_before().as_c() as *const _)
    })
}

/// X509_get0_notAfter returns notAfter of `x` (an `ASN1_TIME` owned by `x`).
#[no_mangle]
pub extern "C" fn X509_get0_notAfter(x: *const X509) -> *const ASN1_STRING {
    ffi_boundary!("X509_get0_notAfter", {
        Ok(ffi::borrow(x)?.not_after().as_c() as *const _)
    })
}

/// X509_getm_notBefore returns notBefore of `x`, owned by `x`. ferrossl's
/// certificates are immutable: C must not modify it.
#[no_mangle]
pub extern "C" fn X509_getm_notBefore(x: *const X509) -> *mut ASN1_STRING {
    ffi_boundary!("X509_getm_notBefore", {
        Ok(ffi::borrow(x)?.not_before().as_c())
    })
}

/// X509_getm_notAfter returns notAfter of `x`, owned by `x` (see `X509_getm_notBefore`).
#[no_mangle]
pub extern "C" fn X509_getm_notAfter(x: *const X509) -> *mut ASN1_STRING {
    ffi_boundary!("X509_getm_notAfter", {
        Ok(ffi::borrow(x)?.not_after().as_c())
    })
}

/// X509_get_notBefore is the function behind OpenSSL 3's macro of that name
/// (`X509_getm_notBefore`), exported for FFI clients.
#[no_mangle]
pub extern "C" fn X509_get_notBefore(x: *const X509) -> *mut ASN1_STRING {
    X509_getm_notBefore(x)
}

/// X509_get_notAfter is the function behind OpenSSL 3's macro of that name
/// (`X509_getm_notAfter`), exported for FFI clients.
#[no_mangle]
pub extern "C" fn X509_get_notAfter(x: *const X509) -> *mut ASN1_STRING {
    X509_getm_notAfter(x)
}

/// X509_subject_name_hash returns `X509_NAME_hash` of the subject of `x`.
#[no_mangle]
pub extern "C" fn X509_subject_name_hash(x: *mut X509) -> c_ulong {
    ffi_boundary!("X509_subject_name_hash", {
        Ok(c_ulong::from(ffi::borrow(x)?.subject().hash()))
    })
}

/// X509_issuer_name_hash returns `X509_NAME_hash` of the issuer of `x`.
#[no_mangle]
pub extern "C" fn X509_issuer_name_hash(x: *mut X509) -> c_ulong {
    ffi_boundary!("X509_issuer_name_hash", {
        Ok(c_ulong::from(ffi::borrow(x)?.issuer().hash()))
    })
}

// ---------------------------------------------------------------------------
// Extensions.

/// X509_get_ext_count returns the number of extensions of `x`.
#[no_mangle]
pub extern "C" fn X509_get_ext_count(x: *const X509) -> c_int {
    ffi_boundary!("X509_get_ext_count", {
        Ok(ffi::borrow(x)?.extensions().len() as c_int)
    })
}

/// X509_get_ext returns extension `loc` of `x`, owned by `x`, or NULL.
#[no_mangle]
pub extern "C" fn X509_get_ext(x: *const X509, loc: c_int) -> *mut X509_EXTENSION {
    ffi_boundary!("X509_get_ext", {
        let e = usize::try_from(loc)
            .ok()
            .and_then(|l| ffi::borrow(x).ok()?.extensions().get(l));
        e.map(|e| e as *const _ as *mut _)
            .ok_or_else(|| Error::new(ERR_LIB_X509, X509_R_INVALID_INDEX))
    })
}

/// X509_get0_extensions returns the certificate's extensions as a
/// `STACK_OF(X509_EXTENSION)` owned by `x` (valid until `x` is freed or its
/// extensions change), or NULL when it has none.
#[no_mangle]
pub extern "C" fn X509_get0_extensions(x: *const X509) -> *const OPENSSL_STACK {
    ffi_boundary!("X509_get0_extensions", std::ptr::null(), {
        Ok(ffi::borrow(x)?
            .extensions_stack()
            .map_or(std::ptr::null(), Arc::as_ptr))
    })
}

/// X509_get_ext_by_NID returns the index of the next extension with `nid`
/// after `lastpos`, -1 if none, -2 if `nid` is unknown.
#[no_mangle]
pub extern "C" fn X509_get_ext_by_NID(x: *const X509, nid: c_int, lastpos: c_int) -> c_int {
    ffi_boundary!("X509_get_ext_by_NID", -2, {
        Ok(ffi::borrow(x)?.ext_index_by_nid(nid, lastpos))
    })
}

/// X509_EXTENSION_get_object returns the type of `ex`, owned by `ex`.
#[no_mangle]
pub extern "C" fn X509_EXTENSION_get_object(ex: *mut X509_EXTENSION) -> *mut ASN1_OBJECT {
    ffi_boundary!("X509_EXTENSION_get_object", {
        Ok(ffi::borrow(ex)?.object() as *const _ as *mut _)
    })
}

/// X509_EXTENSION_get_data returns the value (an `ASN1_OCTET_STRING` of the
/// DER) of `ne`, owned by `ne`.
#[no_mangle]
pub extern "C" fn X509_EXTENSION_get_data(ne: *mut X509_EXTENSION) -> *mut ASN1_STRING {
    ffi_boundary!("X509_EXTENSION_get_data", {
        Ok(ffi::borrow(ne)?.value().as_c())
    })
}

/// X509_EXTENSION_get_critical returns 1 if `ex` is critical, else 0.
#[no_mangle]
pub extern "C" fn X509_EXTENSION_get_critical(ex: *const X509_EXTENSION) -> c_int {
    ffi_boundary!("X509_EXTENSION_get_critical", {
        Ok(c_int::from(ffi::borrow(ex)?.critical()))
    })
}

/// A new `STACK_OF(GENERAL_NAME)` for `names` (caller frees it with `GENERAL_NAMES_free`).
pub(crate) fn general_names_stack(names: &[x509::GeneralName]) -> *mut OPENSSL_STACK {
    let items = names
        .iter()
        .map(|g| Box::into_raw(Box::new(GeneralNameBox::new(g))) as *mut c_void)
        .collect();
    OPENSSL_STACK::from_ptrs(items)
}

/// X509_get_ext_d2i decodes the extension `nid` of `x`. Supported:
/// `NID_subject_alt_name` (returns a new `STACK_OF(GENERAL_NAME)` the caller
/// frees with `GENERAL_NAMES_free`). `*crit` (if `crit` is non-NULL) is set
/// to -1 when the extension is absent, -2 when it occurs more than once, and
/// otherwise to its critical flag (0/1). Other NIDs return NULL with `*crit`
/// -1. `idx` (if non-NULL) must point to -1 (only the first occurrence is
/// looked at).
#[no_mangle]
pub extern "C" fn X509_get_ext_d2i(
    x: *const X509,
    nid: c_int,
    crit: *mut c_int,
    idx: *mut c_int,
) -> *mut c_void {
    ffi_boundary!("X509_get_ext_d2i", {
        ffi::write_out(crit, -1);
        let x = ffi::borrow(x)?;
        if nid != NID_subject_alt_name {
            return Ok(std::ptr::null_mut());
        }
        let found = x.ext_by_nid(nid);
        match found.len() {
            0 => Ok(std::ptr::null_mut()),
            1 => {
                ffi::write_out(crit, c_int::from(found[0].critical()));
                if let Some(i) = ffi::read_in(idx) {
                    let at = x.ext_index_by_nid(nid, -1);
                    if i >= at {
                        return Ok(std::ptr::null_mut());
                    }
                    ffi::write_out(idx, at);
                }
                Ok(x.san().map_or(std::ptr::null_mut(), |s| {
                    general_names_stack(s) as *mut c_void
                }))
            }
            _ => {
                ffi::write_out(crit, -2);
                Ok(std::ptr::null_mut())
            }
        }
    })
}

// ---------------------------------------------------------------------------
// X509_NAME and X509_NAME_ENTRY.

/// X509_NAME_oneline writes `a` as `/C=US/O=Example/CN=localhost`. With a
/// `buf` of `size` bytes it writes there (whole entries only, NUL-terminated)
/// and returns `buf`; with `buf` NULL it returns a new string the caller
/// frees with `OPENSSL_free`. NULL on error.
#[no_mangle]
pub extern "C" fn X509_NAME_oneline(
    a: *const X509_NAME,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    ffi_boundary!("X509_NAME_oneline", {
        if buf.is_null() {
            let s = if a.is_null() {
                "NO X509_NAME".to_owned()
            } else {
                ffi::borrow(a)?.oneline()
            };
            return Ok(ffi::malloc_copy(s.as_bytes(), true) as *mut c_char);
        }
        if size <= 0 {
            return Ok(std::ptr::null_mut());
        }
        let cap = size as usize;
        let s = if a.is_null() {
            "NO X509_NAME".to_owned()
        } else {
            ffi::borrow(a)?.oneline_limited(cap - 1)
        };
        ffi::copy_cstr_out(buf, cap, s.as_bytes());
        Ok(buf)
    })
}

/// X509_NAME_print_ex writes `nm` to `out` per `flags` (`XN_FLAG_ONELINE`:
/// `C = US, O = Example, CN = localhost`; `XN_FLAG_RFC2253`; 0 for
/// `X509_NAME_print`'s `C=US, O=Example, CN=localhost`). It returns the
/// number of bytes written (1 for flags 0), or -1 on error.
#[no_mangle]
pub extern "C" fn X509_NAME_print_ex(
    out: *mut BIO,
    nm: *const X509_NAME,
    indent: c_int,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_NAME_print_ex", -1, {
        let bio = ffi::borrow(out)?;
        let name = ffi::borrow(nm)?;
        let text = name
            .print_ex(indent, flags)
            .ok_or_else(|| Error::invalid_argument("X509_NAME_print_ex flags"))?;
        if !bio.write_all(text.as_bytes()) {
            return Ok(-1);
        }
        Ok(if flags == 0 { 1 } else { text.len() as c_int })
    })
}

/// X509_NAME_print writes `name` to `bp` as `C=US, O=Example, CN=localhost`.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn X509_NAME_print(bp: *mut BIO, name: *const X509_NAME, _obase: c_int) -> c_int {
    ffi_boundary!("X509_NAME_print", {
        Ok(c_int::from(X509_NAME_print_ex(bp, name, 0, 0) == 1))
    })
}

/// X509_NAME_entry_count returns the number of entries of `name` (0 if NULL).
#[no_mangle]
pub extern "C" fn X509_NAME_entry_count(name: *const X509_NAME) -> c_int {
    ffi_boundary!("X509_NAME_entry_count", {
        if name.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(name)?.entries().len() as c_int)
    })
}

/// X509_NAME_get_entry returns entry `loc` of `name`, owned by `name`, or NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_get_entry(name: *const X509_NAME, loc: c_int) -> *mut X509_NAME_ENTRY {
    ffi_boundary!("X509_NAME_get_entry", {
        let n = ffi::borrow(name)?;
        let e = usize::try_from(loc).ok().and_then(|l| n.entries().get(l));
        e.map(|e| e as *const _ as *mut _)
            .ok_or_else(|| Error::new(ERR_LIB_X509, X509_R_INVALID_INDEX))
    })
}

/// X509_NAME_get_index_by_NID returns the index of the next entry of type
/// `nid` after `lastpos` (-1 to start), -1 if none, -2 if `nid` is unknown.
#[no_mangle]
pub extern "C" fn X509_NAME_get_index_by_NID(
    name: *const X509_NAME,
    nid: c_int,
    lastpos: c_int,
) -> c_int {
    ffi_boundary!("X509_NAME_get_index_by_NID", -2, {
        if name.is_null() {
            return Ok(-1);
        }
        Ok(ffi::borrow(name)?.index_by_nid(nid, lastpos))
    })
}

/// X509_NAME_ENTRY_get_data returns the value of `ne`, owned by `ne`.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_get_data(ne: *const X509_NAME_ENTRY) -> *mut ASN1_STRING {
    ffi_boundary!("X509_NAME_ENTRY_get_data", {
        Ok(ffi::borrow(ne)?.value().as_c())
    })
}

/// X509_NAME_ENTRY_get_object returns the type of `ne`, owned by `ne`.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_get_object(ne: *const X509_NAME_ENTRY) -> *mut ASN1_OBJECT {
    ffi_boundary!("X509_NAME_ENTRY_get_object", {
        Ok(ffi::borrow(ne)?.object() as *const _ as *mut _)
    })
}

/// X509_NAME_ENTRY_set returns the index of the RDN `ne` belongs to.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_set(ne: *const X509_NAME_ENTRY) -> c_int {
    ffi_boundary!("X509_NAME_ENTRY_set", { Ok(ffi::borrow(ne)?.set()) })
}

/// X509_NAME_cmp compares two names by OpenSSL's canonical form (case and
/// whitespace folded): 0 if equal, else negative or positive.
#[no_mangle]
pub extern "C" fn X509_NAME_cmp(a: *const X509_NAME, b: *const X509_NAME) -> c_int {
    ffi_boundary!("X509_NAME_cmp", -2, {
        match (a.is_null(), b.is_null()) {
            (true, true) => Ok(0),
            (true, false) => Ok(-1),
            (false, true) => Ok(1),
            _ => Ok(ffi::borrow(a)?.cmp_canonical(ffi::borrow(b)?)),
        }
    })
}

/// X509_NAME_dup returns a copy of `xn` the caller frees with `X509_NAME_free`.
#[no_mangle]
pub extern "C" fn X509_NAME_dup(xn: *const X509_NAME) -> *mut X509_NAME {
    ffi_boundary!("X509_NAME_dup", {
        Ok(ffi::into_raw(Arc::new(ffi::borrow(xn)?.dup())))
    })
}

/// X509_NAME_free frees a name C owns (`X509_NAME_dup`, `d2i_X509_NAME`,
/// `STACK_OF(X509_NAME)` elements); NULL is a no-op. Never pass a name owned
/// by a certificate.
#[no_mangle]
pub extern "C" fn X509_NAME_free(a: *mut X509_NAME) {
    ffi_boundary!("X509_NAME_free", {
        ffi::release(a);
        Ok(())
    })
}

/// X509_NAME_hash_ex returns OpenSSL's subject hash of `x` (SHA-1 of the
/// canonical encoding, first four bytes little-endian), as `c_rehash` names
/// files. `*ok` (if non-NULL) is set to 1.
#[no_mangle]
pub extern "C" fn X509_NAME_hash_ex(
    x: *const X509_NAME,
    _libctx: *mut c_void,
    _propq: *const c_char,
    ok: *mut c_int,
) -> c_ulong {
    ffi_boundary!("X509_NAME_hash_ex", {
        let h = ffi::borrow(x)?.hash();
        ffi::write_out(ok, 1);
        Ok(c_ulong::from(h))
    })
}

/// X509_NAME_hash_old returns OpenSSL's pre-1.0 name hash of `x` (MD5 of
/// its DER, first four bytes little-endian), `-subject_hash_old`'s value.
#[no_mangle]
pub extern "C" fn X509_NAME_hash_old(x: *const X509_NAME) -> c_ulong {
    ffi_boundary!("X509_NAME_hash_old", {
        let d = crate::crypto::digest::digest(crate::ffi::lc::Digest::Md5, ffi::borrow(x)?.der())?;
        Ok(c_ulong::from(u32::from_le_bytes([d[0], d[1], d[2], d[3]])))
    })
}

/// X509_subject_name_hash_old is `X509_NAME_hash_old` of the subject.
#[no_mangle]
pub extern "C" fn X509_subject_name_hash_old(x: *mut X509) -> c_ulong {
    ffi_boundary!("X509_subject_name_hash_old", {
        Ok(X509_NAME_hash_old(ffi::borrow(x)?.subject()))
    })
}

/// X509_issuer_name_hash_old is `X509_NAME_hash_old` of the issuer.
#[no_mangle]
pub extern "C" fn X509_issuer_name_hash_old(x: *mut X509) -> c_ulong {
    ffi_boundary!("X509_issuer_name_hash_old", {
        Ok(X509_NAME_hash_old(ffi::borrow(x)?.issuer()))
    })
}

/// i2d_X509_NAME encodes `a` as DER (i2d convention, see `i2d_X509`).
/// Returns the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_X509_NAME(a: *const X509_NAME, out: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_X509_NAME", -1, { i2d_out(ffi::borrow(a)?.der(), out) })
}

/// d2i_X509_NAME parses a DER name from the `len` bytes at `*in`, advancing
/// `*in`. Returns a new name (also stored in `*a` if non-NULL, freeing the
/// old one) that the caller frees with `X509_NAME_free`, or NULL.
#[no_mangle]
pub extern "C" fn d2i_X509_NAME(
    a: *mut *mut X509_NAME,
    r#in: *mut *const u8,
    len: c_long,
) -> *mut X509_NAME {
    ffi_boundary!("d2i_X509_NAME", {
        let p = ffi::read_in(r#in as *const *mut u8).ok_or_else(Error::null_pointer)?;
        let data = ffi::slice_usize(
            p,
            usize::try_from(len).map_err(|_| Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG))?,
        )?;
        let n = crate::crypto::asn1::tlv_len(data)?;
        let out = ffi::into_raw(Arc::new(X509_NAME::from_der(&data[..n])?));
        ffi::replace_out(a, out, |old| ffi::release(old));
        ffi::write_out(r#in, p.wrapping_add(n) as *const u8);
        Ok(out)
    })
}

// ---------------------------------------------------------------------------
// Default locations (Debian's OpenSSL 3 build).

/// X509_get_default_cert_area returns OpenSSL's directory, "/usr/lib/ssl".
#[no_mangle]
pub extern "C" fn X509_get_default_cert_area() -> *const c_char {
    c"/usr/lib/ssl".as_ptr()
}

/// X509_get_default_cert_dir returns "/usr/lib/ssl/certs".
#[no_mangle]
pub extern "C" fn X509_get_default_cert_dir() -> *const c_char {
    c"/usr/lib/ssl/certs".as_ptr()
}

/// X509_get_default_cert_file returns "/usr/lib/ssl/cert.pem".
#[no_mangle]
pub extern "C" fn X509_get_default_cert_file() -> *const c_char {
    c"/usr/lib/ssl/cert.pem".as_ptr()
}

/// X509_get_default_cert_dir_env returns "SSL_CERT_DIR".
#[no_mangle]
pub extern "C" fn X509_get_default_cert_dir_env() -> *const c_char {
    c"SSL_CERT_DIR".as_ptr()
}

/// X509_get_default_cert_file_env returns "SSL_CERT_FILE".
#[no_mangle]
pub extern "C" fn X509_get_default_cert_file_env() -> *const c_char {
    c"SSL_CERT_FILE".as_ptr()
}

/// X509_NAME_get_text_by_NID copies the raw value of the first `nid` entry of
/// `name` into `buf` (at most `len - 1` bytes, NUL-terminated) and returns the
/// number of bytes copied; with a NULL `buf`, the value's length; -1 if there is
/// no such entry (as OpenSSL: deprecated, for callers such as PostgreSQL's
/// certificate authentication, which reads the client's CN with it).
#[no_mangle]
pub extern "C" fn X509_NAME_get_text_by_NID(
    name: *const X509_NAME,
    nid: c_int,
    buf: *mut c_char,
    len: c_int,
) -> c_int {
    ffi_boundary!("X509_NAME_get_text_by_NID", -1, {
        let n = ffi::borrow(name)?;
        let Ok(i) = usize::try_from(n.index_by_nid(nid, -1)) else {
            return Ok(-1);
        };
        let Some(e) = n.entries().get(i) else {
            return Ok(-1);
        };
        let data = e.value().bytes();
        if buf.is_null() {
            return Ok(c_int::try_from(data.len()).unwrap_or(c_int::MAX));
        }
        if len <= 0 {
            return Ok(0);
        }
        let k = data.len().min(len as usize - 1);
        let out = ffi::slice_mut(buf as *mut u8, k as c_int + 1)?;
        out[..k].copy_from_slice(&data[..k]);
        out[k] = 0;
        Ok(k as c_int)
    })
}

// ---------------------------------------------------------------------------
// X509_CRL: certificate revocation lists (parsed by webpki).

/// d2i_X509_CRL parses one DER CRL from `*in` (`len` bytes available),
/// advancing `*in` past it. Returns a new CRL (also stored in `*a` if `a`
/// is non-NULL, freeing the old one) the caller frees with `X509_CRL_free`,
/// or NULL with an ASN1 error. CRLs webpki cannot use (v1, delta, indirect)
/// are refused.
#[no_mangle]
pub extern "C" fn d2i_X509_CRL(
    a: *mut *mut x509::X509_CRL,
    r#in: *mut *const u8,
    len: c_long,
) -> *mut x509::X509_CRL {
    ffi_boundary!("d2i_X509_CRL", {
        let p = ffi::read_in(r#in as *const *mut u8).ok_or_else(Error::null_pointer)?;
        let data = ffi::slice_usize(
            p,
            usize::try_from(len).map_err(|_| Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG))?,
        )?;
        let n = crate::crypto::asn1::tlv_len(data)?;
        let out = ffi::into_raw(x509::x509_crl_st::from_der(&data[..n])?);
        ffi::replace_out(a, out, |old| ffi::release(old));
        ffi::write_out(r#in, p.wrapping_add(n) as *const u8);
        Ok(out)
    })
}

/// i2d_X509_CRL writes the DER of `a` (i2d conventions: `out` NULL gives
/// the length only, `*out` NULL a new buffer). Returns the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_X509_CRL(a: *const x509::X509_CRL, out: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_X509_CRL", -1, { i2d_out(ffi::borrow(a)?.der(), out) })
}

/// X509_CRL_free drops one reference to `a`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_CRL_free(a: *mut x509::X509_CRL) {
    ffi_boundary!("X509_CRL_free", {
        ffi::release(a);
        Ok(())
    })
}

/// X509_CRL_up_ref adds a reference to `a`. Returns 1, or 0 if `a` is NULL.
#[no_mangle]
pub extern "C" fn X509_CRL_up_ref(a: *mut x509::X509_CRL) -> c_int {
    ffi_boundary!("X509_CRL_up_ref", { ffi::up_ref(a) })
}

/// X509_INFO_new returns an empty X509_INFO (all fields NULL/0), freed with
/// `X509_INFO_free`.
#[no_mangle]
pub extern "C" fn X509_INFO_new() -> *mut x509::X509_INFO {
    ffi_boundary!("X509_INFO_new", {
        Ok(Box::into_raw(Box::<x509::X509_INFO>::default()))
    })
}

/// X509_INFO_free frees `a` and drops its certificate and CRL references
/// (NULL: no-op).
#[no_mangle]
pub extern "C" fn X509_INFO_free(a: *mut x509::X509_INFO) {
    ffi_boundary!("X509_INFO_free", {
        ffi::free_box(a);
        Ok(())
    })
}

/// Writes `x`'s text form to `bp` (aws-lc's printer, which is OpenSSL's
/// t_x509.c, with OpenSSL 3.0's layout); the extensions are ferrossl's
/// `X509V3_extensions_print` text of the certificate's current extensions;
/// 1, or 0 on error.
fn print_cert(
    bp: *mut BIO,
    x: *const X509,
    nmflag: std::ffi::c_ulong,
    cflag: std::ffi::c_ulong,
) -> Result<c_int, Error> {
    const X509_FLAG_NO_EXTENSIONS: std::ffi::c_ulong = 1 << 8;
    let bio = ffi::borrow(bp)?;
    let cert = ffi::borrow(x)?;
    let der = cert.current_der()?;
    let text = crate::ffi::print::x509_text(&der, nmflag, cflag | X509_FLAG_NO_EXTENSIONS)
        .ok_or_else(|| {
            Error::new(
                crate::abi::reasons::ERR_LIB_X509,
                crate::abi::reasons::ERR_R_INTERNAL_ERROR,
            )
            .data("the certificate could not be printed")
        })?;
    let mut text = crate::crypto::x509::print::openssl3_text(&String::from_utf8_lossy(&text));
    if cflag & X509_FLAG_NO_EXTENSIONS == 0 {
        let exts = crate::crypto::x509::print::extensions_text(
            cert.extensions(),
            Some("X509v3 extensions"),
            cflag,
            8,
        );
        // after the key (and unique ids), before the signature
        let at = text
            .find("\n    Signature Algorithm: ")
            .map_or(text.len(), |i| i + 1);
        text.insert_str(at, &String::from_utf8_lossy(&exts));
    }
    let text = text.as_bytes();
    if bio.write(text) != text.len() as c_int {
        return Err(Error::new(
            crate::abi::reasons::ERR_LIB_BIO,
            crate::abi::reasons::ERR_R_INTERNAL_ERROR,
        )
        .data("BIO_write"));
    }
    Ok(1)
}

/// X509_print_ex writes the certificate as text (what `openssl x509 -text`
/// shows), with `nmflag` for the names (`XN_FLAG_*`) and `cflag` the
/// `X509_FLAG_NO_*` parts to leave out; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn X509_print_ex(
    bp: *mut BIO,
    x: *mut X509,
    nmflag: std::ffi::c_ulong,
    cflag: std::ffi::c_ulong,
) -> c_int {
    ffi_boundary!("X509_print_ex", 0, { print_cert(bp, x, nmflag, cflag) })
}

/// X509_print is `X509_print_ex(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT)`.
#[no_mangle]
pub extern "C" fn X509_print(bp: *mut BIO, x: *mut X509) -> c_int {
    ffi_boundary!("X509_print", 0, { print_cert(bp, x, 0, 0) })
}

// ---------------------------------------------------------------------------
// Building certificates (aws-lc's x509 code underneath: crypto/x509/build.rs).

/// X509_new returns an empty certificate (v1, serial 0, empty names, no
/// key) for `X509_set_*`, `X509_add_ext` and `X509_sign`; freed with
/// `X509_free`.
#[no_mangle]
pub extern "C" fn X509_new() -> *mut X509 {
    ffi_boundary!("X509_new", {
        Ok(ffi::into_raw(Arc::new(x509::x509_st::new_empty()?)))
    })
}

/// X509_set_version sets the encoded version (0 for v1 to 2 for v3). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set_version(x: *mut X509, version: c_long) -> c_int {
    ffi_boundary!("X509_set_version", {
        ffi::borrow_mut(x)?.set_version(version)?;
        Ok(1)
    })
}

/// X509_set_serialNumber sets the serial number to a copy of `serial`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set_serialNumber(x: *mut X509, serial: *mut ASN1_STRING) -> c_int {
    ffi_boundary!("X509_set_serialNumber", {
        let s = crate::entry::borrow_string(serial)?;
        ffi::borrow_mut(x)?.set_serial(s)?;
        Ok(1)
    })
}

/// X509_set1_notBefore sets notBefore to a copy of `tm`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set1_notBefore(x: *mut X509, tm: *const ASN1_STRING) -> c_int {
    ffi_boundary!("X509_set1_notBefore", {
        let t = crate::entry::borrow_string(tm)?;
        ffi::borrow_mut(x)?.set_time(false, t)?;
        Ok(1)
    })
}

/// X509_set1_notAfter sets notAfter to a copy of `tm`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set1_notAfter(x: *mut X509, tm: *const ASN1_STRING) -> c_int {
    ffi_boundary!("X509_set1_notAfter", {
        let t = crate::entry::borrow_string(tm)?;
        ffi::borrow_mut(x)?.set_time(true, t)?;
        Ok(1)
    })
}

/// X509_set_subject_name sets the subject to a copy of `name`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set_subject_name(x: *mut X509, name: *const X509_NAME) -> c_int {
    ffi_boundary!("X509_set_subject_name", {
        let n = ffi::borrow(name)?;
        ffi::borrow_mut(x)?.set_name(false, n)?;
        Ok(1)
    })
}

/// X509_set_issuer_name sets the issuer to a copy of `name`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set_issuer_name(x: *mut X509, name: *const X509_NAME) -> c_int {
    ffi_boundary!("X509_set_issuer_name", {
        let n = ffi::borrow(name)?;
        ffi::borrow_mut(x)?.set_name(true, n)?;
        Ok(1)
    })
}

/// X509_set_pubkey sets the certificate's public key to the public half
/// of `pkey`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_set_pubkey(x: *mut X509, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("X509_set_pubkey", {
        let k = ffi::borrow(pkey)?;
        let public = crate::crypto::pkey::evp_pkey_st::public_from_der(&k.spki()?)?.0;
        ffi::borrow_mut(x)?.set_pubkey(public.pkey(), public.clone())?;
        Ok(1)
    })
}

/// X509_add_ext adds a copy of `ex` at position `loc` (-1: at the end). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_add_ext(x: *mut X509, ex: *const X509_EXTENSION, loc: c_int) -> c_int {
    ffi_boundary!("X509_add_ext", {
        let e = ffi::borrow(ex)?;
        ffi::borrow_mut(x)?.add_ext(e, loc)?;
        Ok(1)
    })
}

/// X509_delete_ext removes the extension at `loc` and returns it (the
/// caller frees it with `X509_EXTENSION_free`), or NULL.
#[no_mangle]
pub extern "C" fn X509_delete_ext(x: *mut X509, loc: c_int) -> *mut X509_EXTENSION {
    ffi_boundary!("X509_delete_ext", {
        match ffi::borrow_mut(x)?.delete_ext(loc)? {
            Some(e) => Ok(Box::into_raw(Box::new(e))),
            None => Err(Error::new(ERR_LIB_X509, X509_R_INVALID_INDEX)),
        }
    })
}

/// X509_EXTENSION_free frees an extension C owns (`X509V3_EXT_conf_nid`,
/// `X509_delete_ext`, ...); NULL is a no-op. Never pass one a certificate owns.
#[no_mangle]
pub extern "C" fn X509_EXTENSION_free(ex: *mut X509_EXTENSION) {
    ffi_boundary!("X509_EXTENSION_free", {
        ffi::free_box(ex);
        Ok(())
    })
}

fn sign_digest(md: *const EVP_MD) -> Result<Option<crate::ffi::lc::Digest>, Error> {
    if md.is_null() {
        return Ok(None);
    }
    Ok(Some(crate::entry::crypto::evp::static_md(md)?.alg))
}

/// X509_sign signs the certificate with `pkey` and digest `md` (NULL for
/// Ed25519), setting its signature algorithms. Returns the signature's
/// size, or 0.
#[no_mangle]
pub extern "C" fn X509_sign(x: *mut X509, pkey: *mut EVP_PKEY, md: *const EVP_MD) -> c_int {
    ffi_boundary!("X509_sign", {
        let k = ffi::borrow(pkey)?;
        let md = sign_digest(md)?;
        let x = ffi::borrow_mut(x)?;
        x.sign(k.pkey(), md)?;
        Ok(x.signature_len())
    })
}

/// X509_sign_ctx signs the certificate with a context from
/// `EVP_DigestSignInit` (its key, digest and padding). Returns the
/// signature's size, or 0.
#[no_mangle]
pub extern "C" fn X509_sign_ctx(x: *mut X509, ctx: *mut crate::entry::EVP_MD_CTX) -> c_int {
    ffi_boundary!("X509_sign_ctx", {
        let c = ffi::borrow(ctx)?;
        let x = ffi::borrow_mut(x)?;
        c.with_sign(false, |st| x.sign_ctx(&mut st.ctx))?;
        Ok(x.signature_len())
    })
}

/// X509_gmtime_adj sets `s` (a new `ASN1_TIME` if NULL) to now plus `adj`
/// seconds. Returns `s` (or the new time), NULL on error.
#[no_mangle]
pub extern "C" fn X509_gmtime_adj(s: *mut ASN1_STRING, adj: c_long) -> *mut ASN1_STRING {
    ffi_boundary!("X509_gmtime_adj", {
        crate::entry::crypto::asn1::time_adj(s, None, 0, adj)
    })
}

/// X509_time_adj_ex sets `s` (a new `ASN1_TIME` if NULL) to `*in_tm` (now
/// if NULL) plus `offset_day` days and `offset_sec` seconds. Returns `s`
/// (or the new time), NULL on error.
#[no_mangle]
pub extern "C" fn X509_time_adj_ex(
    s: *mut ASN1_STRING,
    offset_day: c_int,
    offset_sec: c_long,
    in_tm: *const libc::time_t,
) -> *mut ASN1_STRING {
    ffi_boundary!("X509_time_adj_ex", {
        let t = ffi::read_in(in_tm);
        crate::entry::crypto::asn1::time_adj(s, t, offset_day, offset_sec)
    })
}

/// X509_time_adj is `X509_time_adj_ex(s, 0, adj, in_tm)`.
#[no_mangle]
pub extern "C" fn X509_time_adj(
    s: *mut ASN1_STRING,
    adj: c_long,
    in_tm: *const libc::time_t,
) -> *mut ASN1_STRING {
    X509_time_adj_ex(s, 0, adj, in_tm)
}

// ---------------------------------------------------------------------------
// Building names.

/// X509_NAME_new returns an empty name, freed with `X509_NAME_free`.
#[no_mangle]
pub extern "C" fn X509_NAME_new() -> *mut X509_NAME {
    ffi_boundary!("X509_NAME_new", {
        Ok(ffi::into_raw(Arc::new(X509_NAME::from_der(&[0x30, 0])?)))
    })
}

/// X509_NAME_add_entry_by_txt adds the attribute `field` (a short or long
/// name, or a dotted OID) with value `bytes` (`len` bytes, -1: up to the
/// NUL) of type `type` (`MBSTRING_ASC`, `MBSTRING_UTF8`, ... pick the
/// string type as OpenSSL does; or a `V_ASN1_*` type) at position `loc`
/// (-1: the end), in a new RDN (`set` 0), the previous one (-1) or the next
/// one (1). 1, or 0 (`X509_R_INVALID_FIELD_NAME` for an unknown field).
#[no_mangle]
pub extern "C" fn X509_NAME_add_entry_by_txt(
    name: *mut X509_NAME,
    field: *const c_char,
    r#type: c_int,
    bytes: *const u8,
    len: c_int,
    loc: c_int,
    set: c_int,
) -> c_int {
    ffi_boundary!("X509_NAME_add_entry_by_txt", {
        let n = ffi::borrow_mut(name)?;
        let field = ffi::cstr_c(field)?;
        add_entry(n, field, r#type, bytes, len, loc, set)
    })
}

fn add_entry(
    n: &mut X509_NAME,
    field: &std::ffi::CStr,
    r#type: c_int,
    bytes: *const u8,
    len: c_int,
    loc: c_int,
    set: c_int,
) -> Result<c_int, Error> {
    if bytes.is_null() {
        return Err(Error::null_pointer());
    }
    let data = if len < 0 {
        ffi::cstr_c(bytes.cast())?.to_bytes()
    } else {
        ffi::slice_usize(bytes, len as usize)?
    };
    n.add_entry_txt(field, r#type, data, loc, set)?;
    Ok(1)
}

/// X509_NAME_add_entry_by_NID is `X509_NAME_add_entry_by_txt` with the
/// attribute by NID. 1, or 0 (`X509_R_UNKNOWN_NID`... for an unknown NID).
#[no_mangle]
pub extern "C" fn X509_NAME_add_entry_by_NID(
    name: *mut X509_NAME,
    nid: c_int,
    r#type: c_int,
    bytes: *const u8,
    len: c_int,
    loc: c_int,
    set: c_int,
) -> c_int {
    ffi_boundary!("X509_NAME_add_entry_by_NID", {
        let n = ffi::borrow_mut(name)?;
        let obj = crate::crypto::asn1::obj_by_nid(nid)
            .filter(|o| !o.der_content().is_empty())
            .ok_or_else(|| Error::new(ERR_LIB_X509, crate::abi::reasons::X509_R_UNKNOWN_NID))?;
        let field = std::ffi::CString::new(obj.dotted()).map_err(|_| Error::null_pointer())?;
        add_entry(n, &field, r#type, bytes, len, loc, set)
    })
}

/// X509_NAME_add_entry_by_OBJ is `X509_NAME_add_entry_by_txt` with the
/// attribute by object. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_NAME_add_entry_by_OBJ(
    name: *mut X509_NAME,
    obj: *const ASN1_OBJECT,
    r#type: c_int,
    bytes: *const u8,
    len: c_int,
    loc: c_int,
    set: c_int,
) -> c_int {
    ffi_boundary!("X509_NAME_add_entry_by_OBJ", {
        let n = ffi::borrow_mut(name)?;
        let obj = ffi::borrow(obj)?;
        let field = std::ffi::CString::new(obj.dotted()).map_err(|_| Error::null_pointer())?;
        add_entry(n, &field, r#type, bytes, len, loc, set)
    })
}

/// X509_NAME_delete_entry removes the entry at `loc` and returns it (the
/// caller frees it with `X509_NAME_ENTRY_free`), or NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_delete_entry(name: *mut X509_NAME, loc: c_int) -> *mut X509_NAME_ENTRY {
    ffi_boundary!("X509_NAME_delete_entry", {
        match ffi::borrow_mut(name)?.delete_entry(loc)? {
            Some(e) => Ok(Box::into_raw(e)),
            None => Err(Error::new(ERR_LIB_X509, X509_R_INVALID_INDEX)),
        }
    })
}

/// X509_NAME_ENTRY_free frees an entry from `X509_NAME_delete_entry`; NULL
/// is a no-op. Never pass one a name owns.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_free(ne: *mut X509_NAME_ENTRY) {
    ffi_boundary!("X509_NAME_ENTRY_free", {
        ffi::free_box(ne);
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// Certificate requests (X509_REQ: aws-lc's object, crypto/x509/req.rs).

use crate::crypto::x509::X509_REQ;

/// X509_REQ_new returns an empty request (version 1, empty subject, no
/// key), freed with `X509_REQ_free`.
#[no_mangle]
pub extern "C" fn X509_REQ_new() -> *mut X509_REQ {
    ffi_boundary!("X509_REQ_new", {
        Ok(ffi::into_raw(Arc::new(X509_REQ::new()?)))
    })
}

/// X509_REQ_free frees `req` (NULL: no-op).
#[no_mangle]
pub extern "C" fn X509_REQ_free(req: *mut X509_REQ) {
    ffi_boundary!("X509_REQ_free", {
        ffi::release(req);
        Ok(())
    })
}

/// X509_REQ_set_version sets the encoded version (0, "version 1"). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_set_version(req: *mut X509_REQ, version: c_long) -> c_int {
    ffi_boundary!("X509_REQ_set_version", {
        ffi::borrow(req)?.set_version(version)?;
        Ok(1)
    })
}

/// X509_REQ_get_version returns the encoded version (0).
#[no_mangle]
pub extern "C" fn X509_REQ_get_version(req: *const X509_REQ) -> c_long {
    ffi_boundary!("X509_REQ_get_version", { Ok(ffi::borrow(req)?.version()) })
}

/// X509_REQ_set_subject_name sets the subject to a copy of `name`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_set_subject_name(req: *mut X509_REQ, name: *const X509_NAME) -> c_int {
    ffi_boundary!("X509_REQ_set_subject_name", {
        let n = ffi::borrow(name)?;
        ffi::borrow_mut(req)?.set_subject(n)?;
        Ok(1)
    })
}

/// X509_REQ_get_subject_name returns the subject, owned by `req`; changes
/// made to it (`X509_NAME_add_entry_by_txt`) are the request's.
#[no_mangle]
pub extern "C" fn X509_REQ_get_subject_name(req: *const X509_REQ) -> *mut X509_NAME {
    ffi_boundary!("X509_REQ_get_subject_name", {
        Ok(ffi::borrow(req)?.subject() as *const _ as *mut _)
    })
}

/// X509_REQ_set_pubkey sets the request's key to the public half of `pkey`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_set_pubkey(req: *mut X509_REQ, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("X509_REQ_set_pubkey", {
        let k = ffi::borrow(pkey)?;
        let public = crate::crypto::pkey::evp_pkey_st::public_from_der(&k.spki()?)?.0;
        ffi::borrow_mut(req)?.set_pubkey(public.pkey(), public.clone())?;
        Ok(1)
    })
}

fn req_pubkey(r: &X509_REQ) -> Result<Arc<crate::crypto::pkey::evp_pkey_st>, Error> {
    if let Some(k) = r.pubkey.get() {
        if let Ok(k) = k.clone().downcast::<crate::crypto::pkey::evp_pkey_st>() {
            return Ok(k);
        }
    }
    let k = crate::crypto::pkey::evp_pkey_st::public_from_der(&r.spki()?)?.0;
    let _ = r.pubkey.set(k.clone());
    Ok(k)
}

/// X509_REQ_get_pubkey returns a new reference to the request's public key
/// (free it with `EVP_PKEY_free`), or NULL.
#[no_mangle]
pub extern "C" fn X509_REQ_get_pubkey(req: *mut X509_REQ) -> *mut EVP_PKEY {
    ffi_boundary!("X509_REQ_get_pubkey", {
        Ok(ffi::into_raw(req_pubkey(ffi::borrow(req)?)?))
    })
}

/// X509_REQ_get0_pubkey returns the request's public key, owned by `req`, or NULL.
#[no_mangle]
pub extern "C" fn X509_REQ_get0_pubkey(req: *mut X509_REQ) -> *mut EVP_PKEY {
    ffi_boundary!("X509_REQ_get0_pubkey", {
        Ok(Arc::as_ptr(&req_pubkey(ffi::borrow(req)?)?) as *mut EVP_PKEY)
    })
}

/// X509_REQ_sign signs the request with `pkey` and digest `md` (NULL for
/// Ed25519). Returns the signature's size, or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_sign(
    req: *mut X509_REQ,
    pkey: *mut EVP_PKEY,
    md: *const EVP_MD,
) -> c_int {
    ffi_boundary!("X509_REQ_sign", {
        let k = ffi::borrow(pkey)?;
        let md = sign_digest(md)?;
        ffi::borrow(req)?.sign(k.pkey(), md)
    })
}

/// X509_REQ_sign_ctx signs the request with a context from
/// `EVP_DigestSignInit`. Returns the signature's size, or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_sign_ctx(
    req: *mut X509_REQ,
    ctx: *mut crate::entry::EVP_MD_CTX,
) -> c_int {
    ffi_boundary!("X509_REQ_sign_ctx", {
        let c = ffi::borrow(ctx)?;
        let r = ffi::borrow(req)?;
        c.with_sign(false, |st| r.sign_ctx(&mut st.ctx))
    })
}

/// X509_REQ_verify checks the request's signature with `pkey` (its own
/// public key, usually): 1 if it verifies, 0 if not, -1 on error.
#[no_mangle]
pub extern "C" fn X509_REQ_verify(req: *mut X509_REQ, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("X509_REQ_verify", -1, {
        let k = ffi::borrow(pkey)?;
        Ok(c_int::from(ffi::borrow(req)?.verify(k.pkey())?))
    })
}

/// X509_REQ_add_extensions adds `exts` (a `STACK_OF(X509_EXTENSION)`) as
/// the request's extensionRequest attribute. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_add_extensions(req: *mut X509_REQ, exts: *const OPENSSL_STACK) -> c_int {
    ffi_boundary!("X509_REQ_add_extensions", {
        let r = ffi::borrow(req)?;
        let ptrs = ffi::borrow(exts)?.to_vec();
        let exts = ptrs
            .into_iter()
            .map(|p| ffi::borrow(p as *const X509_EXTENSION))
            .collect::<Result<Vec<_>, _>>()?;
        r.add_extensions(&exts)?;
        Ok(1)
    })
}

/// X509_REQ_get_extensions returns copies of the request's requested
/// extensions in a new `STACK_OF(X509_EXTENSION)` (free with
/// `sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free)`); empty when
/// there are none.
#[no_mangle]
pub extern "C" fn X509_REQ_get_extensions(req: *mut X509_REQ) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_REQ_get_extensions", {
        let exts = ffi::borrow(req)?.extensions()?;
        let ptrs = exts
            .into_iter()
            .map(|e| Box::into_raw(Box::new(e)) as *mut c_void)
            .collect();
        Ok(crate::crypto::stack::stack_st::from_ptrs(ptrs))
    })
}

/// d2i_X509_REQ parses one DER request, advancing `*pp` past it. Returns a
/// new request (also stored in `*a` if not NULL, freeing the old one) or NULL.
#[no_mangle]
pub extern "C" fn d2i_X509_REQ(
    a: *mut *mut X509_REQ,
    pp: *mut *const u8,
    length: c_long,
) -> *mut X509_REQ {
    ffi_boundary!("d2i_X509_REQ", {
        let p = ffi::read_in(pp)
            .filter(|p| !p.is_null())
            .ok_or_else(Error::null_pointer)?;
        let len = usize::try_from(length).map_err(|_| Error::invalid_argument("length"))?;
        let der = ffi::slice_usize(p, len)?;
        let (r, n) = X509_REQ::from_der(der)?;
        ffi::write_out(pp, p.wrapping_add(n));
        let out = ffi::into_raw(Arc::new(r));
        ffi::replace_out(a, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// i2d_X509_REQ writes the request's DER (see `i2d_X509`); its length or -1.
#[no_mangle]
pub extern "C" fn i2d_X509_REQ(a: *const X509_REQ, out: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_X509_REQ", -1, {
        i2d_out(&ffi::borrow(a)?.to_der()?, out)
    })
}

/// X509_REQ_print_ex writes the request as text (aws-lc's t_req.c, which
/// is OpenSSL's), with `nmflag` for the subject and the `X509_FLAG_NO_*`
/// parts of `cflag` left out. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_REQ_print_ex(
    bp: *mut BIO,
    x: *mut X509_REQ,
    nmflag: c_ulong,
    cflag: c_ulong,
) -> c_int {
    ffi_boundary!("X509_REQ_print_ex", 0, {
        let bio = ffi::borrow(bp)?;
        let text = ffi::borrow(x)?.text(nmflag, cflag)?;
        Ok(c_int::from(bio.write_all(&text)))
    })
}

/// X509_REQ_print is `X509_REQ_print_ex(bp, req, XN_FLAG_COMPAT, X509_FLAG_COMPAT)`.
#[no_mangle]
pub extern "C" fn X509_REQ_print(bp: *mut BIO, req: *mut X509_REQ) -> c_int {
    X509_REQ_print_ex(bp, req, 0, 0)
}

/// X509_new_ex is `X509_new`; the library context and property query are
/// ignored (one provider's algorithms).
#[no_mangle]
pub extern "C" fn X509_new_ex(_libctx: *mut c_void, _propq: *const c_char) -> *mut X509 {
    X509_new()
}

/// X509_REQ_new_ex is `X509_REQ_new`; the library context and property
/// query are ignored.
#[no_mangle]
pub extern "C" fn X509_REQ_new_ex(_libctx: *mut c_void, _propq: *const c_char) -> *mut X509_REQ {
    X509_REQ_new()
}

/// The extensions of a `STACK_OF(X509_EXTENSION)` (NULL: none).
fn ext_stack(sk: *const OPENSSL_STACK) -> Result<Vec<*mut X509_EXTENSION>, Error> {
    if sk.is_null() {
        return Ok(Vec::new());
    }
    Ok(ffi::borrow(sk)?
        .to_vec()
        .into_iter()
        .map(|p| p as *mut X509_EXTENSION)
        .collect())
}

/// The index of the next extension of type `obj` after `lastpos` in `exts`.
fn ext_index_by_obj(
    exts: &[*mut X509_EXTENSION],
    obj: &ASN1_OBJECT,
    lastpos: c_int,
) -> Result<c_int, Error> {
    let start = usize::try_from(lastpos.saturating_add(1)).unwrap_or(0);
    for (i, e) in exts.iter().enumerate().skip(start) {
        if ffi::borrow(*e)?.object().oid == obj.oid {
            return Ok(i as c_int);
        }
    }
    Ok(-1)
}

/// X509v3_get_ext_count returns the number of extensions in `x` (a
/// `STACK_OF(X509_EXTENSION)`; NULL: 0).
#[no_mangle]
pub extern "C" fn X509v3_get_ext_count(x: *const OPENSSL_STACK) -> c_int {
    ffi_boundary!("X509v3_get_ext_count", { Ok(ext_stack(x)?.len() as c_int) })
}

/// X509v3_get_ext returns extension `loc` of the stack `x` (owned by it),
/// or NULL.
#[no_mangle]
pub extern "C" fn X509v3_get_ext(x: *const OPENSSL_STACK, loc: c_int) -> *mut X509_EXTENSION {
    ffi_boundary!("X509v3_get_ext", {
        usize::try_from(loc)
            .ok()
            .and_then(|l| ext_stack(x).ok()?.get(l).copied())
            .ok_or_else(|| Error::new(ERR_LIB_X509, X509_R_INVALID_INDEX))
    })
}

/// X509v3_get_ext_by_OBJ returns the index of the next extension of type
/// `obj` after `lastpos` in the stack `x`, or -1.
#[no_mangle]
pub extern "C" fn X509v3_get_ext_by_OBJ(
    x: *const OPENSSL_STACK,
    obj: *const ASN1_OBJECT,
    lastpos: c_int,
) -> c_int {
    ffi_boundary!("X509v3_get_ext_by_OBJ", -2, {
        ext_index_by_obj(&ext_stack(x)?, ffi::borrow(obj)?, lastpos)
    })
}

/// X509v3_get_ext_by_NID is `X509v3_get_ext_by_OBJ` for `nid`'s object;
/// -2 for an unknown NID.
#[no_mangle]
pub extern "C" fn X509v3_get_ext_by_NID(
    x: *const OPENSSL_STACK,
    nid: c_int,
    lastpos: c_int,
) -> c_int {
    ffi_boundary!("X509v3_get_ext_by_NID", -2, {
        match crate::crypto::asn1::obj_by_nid(nid) {
            Some(o) if o.nid != crate::abi::objects::NID_undef => {
                ext_index_by_obj(&ext_stack(x)?, o, lastpos)
            }
            _ => Ok(-2),
        }
    })
}

/// X509_get_ext_by_OBJ returns the index of the next extension of type
/// `obj` after `lastpos` in `x`, or -1.
#[no_mangle]
pub extern "C" fn X509_get_ext_by_OBJ(
    x: *const X509,
    obj: *const ASN1_OBJECT,
    lastpos: c_int,
) -> c_int {
    ffi_boundary!("X509_get_ext_by_OBJ", -2, {
        let exts: Vec<*mut X509_EXTENSION> = ffi::borrow(x)?
            .extensions()
            .iter()
            .map(|e| e as *const _ as *mut _)
            .collect();
        ext_index_by_obj(&exts, ffi::borrow(obj)?, lastpos)
    })
}

/// X509_REQ_verify_ex is `X509_REQ_verify`; the library context and
/// property query are ignored.
#[no_mangle]
pub extern "C" fn X509_REQ_verify_ex(
    req: *mut X509_REQ,
    pkey: *mut EVP_PKEY,
    _libctx: *mut c_void,
    _propq: *const c_char,
) -> c_int {
    X509_REQ_verify(req, pkey)
}

/// d2i_X509_REQ_bio reads one DER request from `bp` (to its end) and
/// returns it (also stored in `*a` if not NULL, releasing the old one), or
/// NULL.
#[no_mangle]
pub extern "C" fn d2i_X509_REQ_bio(bp: *mut BIO, a: *mut *mut X509_REQ) -> *mut X509_REQ {
    ffi_boundary!("d2i_X509_REQ_bio", {
        let data = ffi::borrow(bp)?.read_all()?;
        let (r, _) = X509_REQ::from_der(&data)?;
        let out = ffi::into_raw(Arc::new(r));
        ffi::replace_out(a, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// i2d_X509_REQ_bio writes the request's DER to `bp`; 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_X509_REQ_bio(bp: *mut BIO, a: *const X509_REQ) -> c_int {
    ffi_boundary!("i2d_X509_REQ_bio", {
        let der = ffi::borrow(a)?.to_der()?;
        Ok(c_int::from(ffi::borrow(bp)?.write_all(&der)))
    })
}

/// `X509_ADD_FLAG_*` (x509.h): take a reference, insert first, skip a certificate
/// already there (same encoding), skip a self-signed one.
const X509_ADD_FLAG_UP_REF: c_int = 0x1;
const X509_ADD_FLAG_PREPEND: c_int = 0x2;
const X509_ADD_FLAG_NO_DUP: c_int = 0x4;
const X509_ADD_FLAG_NO_SS: c_int = 0x8;

fn add_cert(sk: &OPENSSL_STACK, cert: *mut X509, flags: c_int) -> Result<(), Error> {
    let c = ffi::borrow(cert)?;
    if flags & X509_ADD_FLAG_NO_SS != 0 && c.is_self_issued() {
        return Ok(());
    }
    sk.with(|v| {
        let dup = flags & X509_ADD_FLAG_NO_DUP != 0
            && v.iter().any(|p| {
                ffi::borrow(p.0 as *const X509).is_ok_and(|x| x.der().as_ref() == c.der().as_ref())
            });
        if dup {
            return Ok(());
        }
        let at = if flags & X509_ADD_FLAG_PREPEND != 0 {
            0
        } else {
            v.len()
        };
        v.insert(at, ffi::Ptr(cert as *mut c_void));
        if flags & X509_ADD_FLAG_UP_REF != 0 {
            ffi::up_ref(cert as *const X509)?;
        }
        Ok(())
    })?
}

/// X509_add_cert adds `cert` to the stack `sk` (at the end, or first with
/// `X509_ADD_FLAG_PREPEND`), taking a reference with `X509_ADD_FLAG_UP_REF`;
/// `X509_ADD_FLAG_NO_DUP` skips a certificate already there, `X509_ADD_FLAG_NO_SS`
/// a self-signed one (both still succeed). 1, or 0.
#[no_mangle]
pub extern "C" fn X509_add_cert(sk: *mut OPENSSL_STACK, cert: *mut X509, flags: c_int) -> c_int {
    ffi_boundary!("X509_add_cert", {
        add_cert(ffi::borrow(sk)?, cert, flags)?;
        Ok(1)
    })
}

/// X509_add_certs adds each of `certs` (NULL: none) to `sk` as X509_add_cert does,
/// keeping their order also with `X509_ADD_FLAG_PREPEND`. 1, or 0.
#[no_mangle]
pub extern "C" fn X509_add_certs(
    sk: *mut OPENSSL_STACK,
    certs: *mut OPENSSL_STACK,
    flags: c_int,
) -> c_int {
    ffi_boundary!("X509_add_certs", {
        let sk = ffi::borrow(sk)?;
        let mut list = if certs.is_null() {
            Vec::new()
        } else {
            ffi::borrow(certs)?.to_vec()
        };
        if flags & X509_ADD_FLAG_PREPEND != 0 {
            list.reverse();
        }
        for c in list {
            add_cert(sk, c as *mut X509, flags)?;
        }
        Ok(1)
    })
}

/// Sets (or with NULL `name`, clears) one of the certificate's auxiliary byte
/// strings; `len` -1 means `name` is a C string.
fn set_aux(
    x: *mut X509,
    name: *const u8,
    len: c_int,
    field: fn(&mut x509::CertAux) -> &mut Option<Vec<u8>>,
) -> Result<c_int, Error> {
    let x = ffi::borrow(x)?;
    let value = if name.is_null() {
        None
    } else if len == -1 {
        Some(ffi::cstr_bytes(name as *const c_char)?.to_vec())
    } else {
        let n = usize::try_from(len).map_err(|_| Error::invalid_argument("len"))?;
        Some(ffi::slice_usize(name, n)?.to_vec())
    };
    *field(&mut x.aux.lock()) = value;
    Ok(1)
}

fn get_aux(
    x: *const X509,
    len: *mut c_int,
    field: fn(&mut x509::CertAux) -> &mut Option<Vec<u8>>,
) -> Result<*mut u8, Error> {
    let x = ffi::borrow(x)?;
    let mut aux = x.aux.lock();
    Ok(match field(&mut aux) {
        Some(v) => {
            ffi::write_out(len, v.len() as c_int);
            v.as_mut_ptr()
        }
        None => std::ptr::null_mut(),
    })
}

/// X509_alias_set1 sets the certificate's friendly name (PKCS#12's friendlyName;
/// not part of its encoding) to `len` bytes of `name` (-1: a C string), or clears it
/// for NULL. 1, or 0.
#[no_mangle]
pub extern "C" fn X509_alias_set1(x: *mut X509, name: *const u8, len: c_int) -> c_int {
    ffi_boundary!("X509_alias_set1", {
        set_aux(x, name, len, |a| &mut a.alias)
    })
}

/// X509_keyid_set1 sets the certificate's local key id (PKCS#12's localKeyID) as
/// X509_alias_set1 sets the friendly name.
#[no_mangle]
pub extern "C" fn X509_keyid_set1(x: *mut X509, id: *const u8, len: c_int) -> c_int {
    ffi_boundary!("X509_keyid_set1", { set_aux(x, id, len, |a| &mut a.keyid) })
}

/// X509_alias_get0 returns the friendly name (its length in `*len` if not NULL),
/// valid until it is changed, or NULL if it has none.
#[no_mangle]
pub extern "C" fn X509_alias_get0(x: *mut X509, len: *mut c_int) -> *mut u8 {
    ffi_boundary!("X509_alias_get0", { get_aux(x, len, |a| &mut a.alias) })
}

/// X509_keyid_get0 returns the local key id as X509_alias_get0 the friendly name.
#[no_mangle]
pub extern "C" fn X509_keyid_get0(x: *mut X509, len: *mut c_int) -> *mut u8 {
    ffi_boundary!("X509_keyid_get0", { get_aux(x, len, |a| &mut a.keyid) })
}

// ---------------------------------------------------------------------------
// Keys in DER through a BIO (x509.h's i2d_*_bio / d2i_*_bio)

/// Reads one DER object (tag, length, contents) from `bp`, as OpenSSL's
/// d2i_*_bio functions read their input: exactly its bytes, so the next
/// object stays in the BIO.
pub(crate) fn read_der(bp: *mut BIO) -> Result<Vec<u8>, Error> {
    let bio = ffi::borrow(bp)?;
    let short = || Error::new(ERR_LIB_ASN1, ASN1_R_NOT_ENOUGH_DATA);
    let mut data = Vec::new();
    let mut byte = [0u8; 1];
    // the header, a byte at a time (at most 6 bytes)
    let (h, len) = loop {
        if data.len() >= 2 {
            if let Ok(hl) = crate::crypto::asn1::header(&data) {
                break hl;
            }
            if data.len() >= 6 {
                return Err(crate::crypto::asn1::header(&data).unwrap_err());
            }
        }
        if bio.read(&mut byte) != 1 {
            return Err(short());
        }
        data.push(byte[0]);
    };
    if len > 100 << 20 {
        return Err(Error::new(ERR_LIB_ASN1, ASN1_R_TOO_LONG));
    }
    data.resize(h + len, 0);
    let mut got = h;
    while got < data.len() {
        let n = bio.read(&mut data[got..]);
        if n <= 0 {
            return Err(short());
        }
        got += n as usize;
    }
    Ok(data)
}

fn write_der(bp: *mut BIO, der: &[u8]) -> Result<c_int, Error> {
    Ok(c_int::from(ffi::borrow(bp)?.write_all(der)))
}

/// Stores `key` in `*a` (when `a` is not NULL, releasing the old one) and
/// returns it (one reference for both, as OpenSSL).
fn pkey_out(a: *mut *mut EVP_PKEY, key: Arc<evp_pkey_st>) -> *mut EVP_PKEY {
    let key = ffi::into_raw(key);
    ffi::replace_out(a, key, |old| ffi::release(old));
    key
}

/// A temporary EVP_PKEY holding (a reference to) `rsa`, for its encoders.
pub(crate) fn rsa_as_pkey(rsa: *mut RSA) -> Result<Arc<evp_pkey_st>, Error> {
    let k = evp_pkey_st::empty()?;
    k.set_rsa(rsa, false)?;
    Ok(k)
}

/// A temporary EVP_PKEY holding (a reference to) `ec`, for its encoders.
pub(crate) fn ec_as_pkey(ec: *mut EC_KEY) -> Result<Arc<evp_pkey_st>, Error> {
    let k = evp_pkey_st::empty()?;
    k.set_ec_key(ec, false)?;
    Ok(k)
}

/// i2d_PUBKEY_bio writes the public half of `pkey` to `bp` as a DER
/// SubjectPublicKeyInfo. 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_PUBKEY_bio(bp: *mut BIO, pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("i2d_PUBKEY_bio", {
        write_der(bp, &ffi::borrow(pkey)?.spki()?)
    })
}

/// d2i_PUBKEY_bio reads a DER SubjectPublicKeyInfo from `bp`. Returns a
/// new public key (also stored in `*a` when `a` is not NULL) or NULL.
#[no_mangle]
pub extern "C" fn d2i_PUBKEY_bio(bp: *mut BIO, a: *mut *mut EVP_PKEY) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_PUBKEY_bio", {
        let der = read_der(bp)?;
        Ok(pkey_out(a, evp_pkey_st::public_from_der(&der)?.0))
    })
}

/// i2d_PrivateKey_bio writes `pkey` to `bp` in DER as `i2d_PrivateKey`
/// does (PKCS#1 for RSA, SEC1 for EC, else PKCS#8). 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_PrivateKey_bio(bp: *mut BIO, pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("i2d_PrivateKey_bio", {
        write_der(bp, &ffi::borrow(pkey)?.private_der()?)
    })
}

/// d2i_PrivateKey_bio reads a DER private key (PKCS#8, PKCS#1 or SEC1)
/// from `bp`. Returns a new key (also stored in `*a` when `a` is not NULL)
/// or NULL.
#[no_mangle]
pub extern "C" fn d2i_PrivateKey_bio(bp: *mut BIO, a: *mut *mut EVP_PKEY) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_PrivateKey_bio", {
        let der = read_der(bp)?;
        Ok(pkey_out(a, evp_pkey_st::private_from_der(&der)?.0))
    })
}

/// i2d_RSAPrivateKey_bio writes `rsa` to `bp` as a DER PKCS#1
/// RSAPrivateKey. 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_RSAPrivateKey_bio(bp: *mut BIO, rsa: *const RSA) -> c_int {
    ffi_boundary!("i2d_RSAPrivateKey_bio", {
        write_der(bp, &crate::ffi::rsa::private_der(rsa)?)
    })
}

/// i2d_RSAPublicKey_bio writes `rsa` to `bp` as a DER PKCS#1
/// RSAPublicKey. 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_RSAPublicKey_bio(bp: *mut BIO, rsa: *const RSA) -> c_int {
    ffi_boundary!("i2d_RSAPublicKey_bio", {
        write_der(bp, &crate::ffi::rsa::public_der(rsa)?)
    })
}

/// d2i_RSAPublicKey_bio reads a DER PKCS#1 RSAPublicKey from `bp`. Returns
/// a new RSA key (`RSA_free` it; also stored in `*rsa` when `rsa` is not
/// NULL, freeing the old one) or NULL.
#[no_mangle]
pub extern "C" fn d2i_RSAPublicKey_bio(bp: *mut BIO, rsa: *mut *mut RSA) -> *mut RSA {
    ffi_boundary!("d2i_RSAPublicKey_bio", {
        let der = read_der(bp)?;
        let (r, _) = crate::ffi::rsa::public_from_der(&der)?;
        ffi::replace_out(rsa, r, crate::ffi::rsa::free);
        Ok(r)
    })
}

/// i2d_ECPrivateKey_bio writes `key` to `bp` as a DER SEC1 ECPrivateKey
/// (curve by name, public key included, as OpenSSL). 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_ECPrivateKey_bio(bp: *mut BIO, key: *mut EC_KEY) -> c_int {
    ffi_boundary!("i2d_ECPrivateKey_bio", {
        write_der(bp, &ec_as_pkey(key)?.private_der()?)
    })
}

/// d2i_ECPrivateKey_bio reads a DER EC private key (SEC1, or PKCS#8 of an
/// EC key) from `bp`. Returns a new EC key (`EC_KEY_free` it; also stored
/// in `*key` when `key` is not NULL, freeing the old one) or NULL.
#[no_mangle]
pub extern "C" fn d2i_ECPrivateKey_bio(bp: *mut BIO, key: *mut *mut EC_KEY) -> *mut EC_KEY {
    ffi_boundary!("d2i_ECPrivateKey_bio", {
        let der = read_der(bp)?;
        let (k, _) = evp_pkey_st::private_from_der_typed(crate::abi::consts::EVP_PKEY_EC, &der)?;
        let ec = k.ec_key(true)?;
        ffi::replace_out(key, ec, crate::ffi::ec::key_free);
        Ok(ec)
    })
}

/// i2d_EC_PUBKEY_bio writes the public half of `key` to `bp` as a DER
/// SubjectPublicKeyInfo. 1 or 0.
#[no_mangle]
pub extern "C" fn i2d_EC_PUBKEY_bio(bp: *mut BIO, key: *mut EC_KEY) -> c_int {
    ffi_boundary!("i2d_EC_PUBKEY_bio", {
        write_der(bp, &ec_as_pkey(key)?.spki()?)
    })
}

/// d2i_EC_PUBKEY_bio reads a DER SubjectPublicKeyInfo of an EC key from
/// `bp`. Returns a new EC key (`EC_KEY_free` it; also stored in `*key` when
/// `key` is not NULL, freeing the old one) or NULL
/// (`EVP_R_EXPECTING_A_EC_KEY` for another key type).
#[no_mangle]
pub extern "C" fn d2i_EC_PUBKEY_bio(bp: *mut BIO, key: *mut *mut EC_KEY) -> *mut EC_KEY {
    ffi_boundary!("d2i_EC_PUBKEY_bio", {
        let der = read_der(bp)?;
        let ec = evp_pkey_st::public_from_der(&der)?.0.ec_key(true)?;
        ffi::replace_out(key, ec, crate::ffi::ec::key_free);
        Ok(ec)
    })
}

/// d2i_X509_CRL_bio reads one DER CRL from `bp`. Returns a new CRL (also
/// stored in `*x` when `x` is not NULL, releasing the old one), freed with
/// `X509_CRL_free`, or NULL.
#[no_mangle]
pub extern "C" fn d2i_X509_CRL_bio(
    bp: *mut BIO,
    x: *mut *mut x509::X509_CRL,
) -> *mut x509::X509_CRL {
    ffi_boundary!("d2i_X509_CRL_bio", {
        let der = read_der(bp)?;
        let out = ffi::into_raw(x509::x509_crl_st::from_der(&der)?);
        ffi::replace_out(x, out, |old| ffi::release(old));
        Ok(out)
    })
}

/// X509_CRL_verify returns 1 if `crl`'s signature verifies with `pkey`, 0
/// if not, -1 on error (aws-lc's check).
#[no_mangle]
pub extern "C" fn X509_CRL_verify(crl: *mut x509::X509_CRL, pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("X509_CRL_verify", -1, {
        let der = ffi::borrow(crl)?.der();
        Ok(c_int::from(ffi::borrow(pkey)?.verifies_crl(der)?))
    })
}

/// X509_to_X509_REQ makes a request (version 1) with `x`'s subject and
/// public key, signed with `pkey` and `md` when `pkey` is not NULL
/// (otherwise unsigned, as `openssl x509 -x509toreq` makes it before
/// signing). The caller frees it with `X509_REQ_free`; NULL on error.
/// Extensions are not copied (OpenSSL's neither).
#[no_mangle]
pub extern "C" fn X509_to_X509_REQ(
    x: *mut X509,
    pkey: *mut EVP_PKEY,
    md: *const EVP_MD,
) -> *mut X509_REQ {
    ffi_boundary!("X509_to_X509_REQ", {
        ffi::borrow(x)?;
        let req = X509_REQ_new();
        if req.is_null() {
            return Err(Error::internal("X509_REQ_new"));
        }
        let ok = X509_REQ_set_subject_name(req, X509_get_subject_name(x)) == 1
            && X509_REQ_set_pubkey(req, X509_get0_pubkey(x)) == 1
            && (pkey.is_null() || X509_REQ_sign(req, pkey, md) > 0);
        if !ok {
            X509_REQ_free(req);
            return Err(Error::new(
                ERR_LIB_X509,
                crate::abi::reasons::ERR_R_X509_LIB,
            ));
        }
        Ok(req)
    })
}

/// X509_print_fp is `X509_print` to a stdio stream.
#[no_mangle]
pub extern "C" fn X509_print_fp(fp: *mut libc::FILE, x: *mut X509) -> c_int {
    ffi_boundary!("X509_print_fp", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| X509_print(b, x))
    })
}

/// X509_print_ex_fp is `X509_print_ex` to a stdio stream.
#[no_mangle]
pub extern "C" fn X509_print_ex_fp(
    fp: *mut libc::FILE,
    x: *mut X509,
    nmflag: c_ulong,
    cflag: c_ulong,
) -> c_int {
    ffi_boundary!("X509_print_ex_fp", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| X509_print_ex(b, x, nmflag, cflag))
    })
}

/// X509_REQ_print_fp is `X509_REQ_print` to a stdio stream.
#[no_mangle]
pub extern "C" fn X509_REQ_print_fp(fp: *mut libc::FILE, req: *mut X509_REQ) -> c_int {
    ffi_boundary!("X509_REQ_print_fp", {
        crate::entry::crypto::x509v3::with_fp(fp, |b| X509_REQ_print(b, req))
    })
}

/// X509_add1_ext_i2d encodes `value` as extension `nid` (critical if
/// `crit`) and adds it to `x`, following `flags` as OpenSSL's
/// `X509V3_add1_i2d`: `X509V3_ADD_DEFAULT` (an error if one exists),
/// `_APPEND`, `_REPLACE`, `_REPLACE_EXISTING`, `_KEEP_EXISTING`, `_DELETE`;
/// `X509V3_ADD_SILENT` queues no error for an existing or missing one.
/// Returns 1, 0 on error, -1 on an internal failure. Limit: the values
/// ferrossl encodes are `GENERAL_NAMES` stacks (from `X509_get_ext_d2i`)
/// for `NID_subject_alt_name` / `NID_issuer_alt_name`; other types fail
/// (`X509V3_R_ERROR_CREATING_EXTENSION`). `X509V3_ADD_DELETE` needs no value.
#[no_mangle]
pub extern "C" fn X509_add1_ext_i2d(
    x: *mut X509,
    nid: c_int,
    value: *mut c_void,
    crit: c_int,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("X509_add1_ext_i2d", {
        use crate::abi::reasons::{
            X509V3_R_ERROR_CREATING_EXTENSION, X509V3_R_EXTENSION_EXISTS,
            X509V3_R_EXTENSION_NOT_FOUND,
        };
        use x509::{
            X509V3_ADD_APPEND as ADD_APPEND, X509V3_ADD_DELETE as ADD_DELETE,
            X509V3_ADD_KEEP_EXISTING as ADD_KEEP_EXISTING, X509V3_ADD_OP_MASK as ADD_OP_MASK,
            X509V3_ADD_REPLACE_EXISTING as ADD_REPLACE_EXISTING, X509V3_ADD_SILENT as ADD_SILENT,
        };
        let op = flags & ADD_OP_MASK;
        let quiet_fail = |reason| {
            if flags & ADD_SILENT == 0 {
                Error::new(crate::abi::reasons::ERR_LIB_X509V3, reason).push("X509_add1_ext_i2d");
            }
            Ok(0)
        };
        let idx = if op == ADD_APPEND {
            -1
        } else {
            ffi::borrow(x)?.ext_index_by_nid(nid, -1)
        };
        if idx >= 0 {
            match op {
                ADD_KEEP_EXISTING => return Ok(1),
                0 => return quiet_fail(X509V3_R_EXTENSION_EXISTS),
                ADD_DELETE => {
                    return Ok(match ffi::borrow_mut(x)?.delete_ext(idx)? {
                        Some(_) => 1,
                        None => -1,
                    })
                }
                _ => {}
            }
        } else if op == ADD_REPLACE_EXISTING || op == ADD_DELETE {
            return quiet_fail(X509V3_R_EXTENSION_NOT_FOUND);
        }
        let creating = || {
            Error::new(
                crate::abi::reasons::ERR_LIB_X509V3,
                X509V3_R_ERROR_CREATING_EXTENSION,
            )
        };
        if nid != NID_subject_alt_name && nid != crate::abi::objects::NID_issuer_alt_name {
            return Err(creating().data("only GENERAL_NAMES values are encoded"));
        }
        let names = ffi::borrow(value as *const OPENSSL_STACK)?
            .to_vec()
            .into_iter()
            .map(|p| ffi::borrow(p as *const GeneralNameBox))
            .collect::<Result<Vec<_>, _>>()?;
        let object = crate::crypto::asn1::obj_by_nid(nid)
            .ok_or_else(creating)?
            .clone();
        let ext = x509::general_names_ext(object, crit != 0, &names);
        let cert = ffi::borrow_mut(x)?;
        if idx >= 0 {
            cert.delete_ext(idx)?;
            cert.add_ext(&ext, idx)?;
        } else {
            cert.add_ext(&ext, -1)?;
        }
        Ok(1)
    })
}
