//! `x509v3.h`: extensions decoded (`X509V3_EXT_d2i`), `GENERAL_NAME`s and the host/IP checks.

use crate::abi::objects::{NID_issuer_alt_name, NID_subject_alt_name};
use crate::abi::reasons::{ERR_LIB_X509V3, X509V3_R_INVALID_IPADDRESS};
use crate::crypto::asn1::{Asn1String, ASN1_STRING};
use crate::crypto::bio::BIO;
use crate::crypto::conf::CONF_VALUE;
use crate::crypto::err::Error;
use crate::crypto::stack::OPENSSL_STACK;
use crate::crypto::x509::{self, GeneralNameBox, GENERAL_NAME, X509, X509_EXTENSION};
use crate::entry::{general_names_stack, string_into_raw};
use crate::ffi;
use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void};

/// a2i_IPADDRESS parses an IPv4 or IPv6 literal into a new
/// `ASN1_OCTET_STRING` (4 or 16 bytes) the caller frees with
/// `ASN1_OCTET_STRING_free`; NULL if `ipasc` is not an address.
#[no_mangle]
pub extern "C" fn a2i_IPADDRESS(ipasc: *const c_char) -> *mut ASN1_STRING {
    ffi_boundary!("a2i_IPADDRESS", {
        let s = ffi::cstr(ipasc)?;
        let ip = x509::parse_ip(s)
            .ok_or_else(|| Error::new(ERR_LIB_X509V3, X509V3_R_INVALID_IPADDRESS).data(s))?;
        Ok(string_into_raw(Asn1String::owned(
            crate::abi::consts::V_ASN1_OCTET_STRING,
            &ip,
        )))
    })
}

/// X509_check_ca returns 1 if `x` is a CA (basicConstraints cA), 3 for a
/// self-signed v1 certificate, else 0.
#[no_mangle]
pub extern "C" fn X509_check_ca(x: *mut X509) -> c_int {
    ffi_boundary!("X509_check_ca", { Ok(ffi::borrow(x)?.check_ca()) })
}

/// X509V3_EXT_d2i decodes extension `ext`: a subjectAltName (or
/// issuerAltName) becomes a new `STACK_OF(GENERAL_NAME)` the caller frees
/// with `GENERAL_NAMES_free`; other extensions return NULL.
#[no_mangle]
pub extern "C" fn X509V3_EXT_d2i(ext: *mut X509_EXTENSION) -> *mut c_void {
    ffi_boundary!("X509V3_EXT_d2i", {
        let e = ffi::borrow(ext)?;
        match e.object().nid() {
            NID_subject_alt_name | NID_issuer_alt_name => {
                let names = x509::parse_general_names(e.value().bytes())?;
                Ok(general_names_stack(&names) as *mut c_void)
            }
            _ => Err(Error::unsupported("X509V3_EXT_d2i for this extension")),
        }
    })
}

/// OpenSSL's `X509V3_EXT_METHOD` (`struct v3_ext_method`), of which
/// ferrossl has the two C reads through: subjectAltName and issuerAltName,
/// decoded by `d2i` (no `it`: callers then use `d2i`).
#[repr(C)]
pub struct X509V3_EXT_METHOD {
    pub ext_nid: c_int,
    pub ext_flags: c_int,
    pub it: Option<extern "C" fn() -> *const c_void>,
    pub ext_new: Option<extern "C" fn() -> *mut c_void>,
    pub ext_free: Option<extern "C" fn(*mut c_void)>,
    pub d2i:
        Option<extern "C" fn(*mut *mut c_void, *mut *const u8, std::ffi::c_long) -> *mut c_void>,
    /// i2d, i2s, s2i, i2v, v2i, i2r, r2i and usr_data: not provided (NULL).
    pub unset: [usize; 8],
}

/// `d2i` of the alt-name methods: `*pp` (`len` bytes) as GENERAL_NAMES,
/// a new `STACK_OF(GENERAL_NAME)` (`GENERAL_NAMES_free`); `*pp` advanced.
extern "C" fn d2i_general_names(
    a: *mut *mut c_void,
    pp: *mut *const u8,
    len: std::ffi::c_long,
) -> *mut c_void {
    ffi_boundary!("d2i_GENERAL_NAMES", {
        let p = ffi::read_in(pp).ok_or_else(Error::null_pointer)?;
        let der = ffi::slice(
            p,
            c_int::try_from(len).map_err(|_| Error::invalid_argument("len"))?,
        )?;
        let names = x509::parse_general_names(der)?;
        let out = general_names_stack(&names) as *mut c_void;
        ffi::write_out(pp, p.wrapping_add(der.len()));
        if !a.is_null() {
            ffi::write_out(a, out);
        }
        Ok(out)
    })
}

extern "C" fn general_names_free_void(p: *mut c_void) {
    GENERAL_NAMES_free(p as *mut OPENSSL_STACK)
}

static SAN_METHOD: X509V3_EXT_METHOD = X509V3_EXT_METHOD {
    ext_nid: NID_subject_alt_name,
    ext_flags: 0,
    it: None,
    ext_new: None,
    ext_free: Some(general_names_free_void),
    d2i: Some(d2i_general_names),
    unset: [0; 8],
};

static IAN_METHOD: X509V3_EXT_METHOD = X509V3_EXT_METHOD {
    ext_nid: NID_issuer_alt_name,
    ..SAN_METHOD
};

/// X509V3_EXT_get returns the method of `ext`'s type: subjectAltName and
/// issuerAltName have one (`d2i` and `ext_free` only); other extensions
/// are unknown to ferrossl: NULL with no error, as OpenSSL answers for an
/// extension it has no method for.
#[no_mangle]
pub extern "C" fn X509V3_EXT_get(ext: *mut X509_EXTENSION) -> *const X509V3_EXT_METHOD {
    ffi_boundary!("X509V3_EXT_get", {
        Ok(match ffi::borrow(ext)?.object().nid() {
            NID_subject_alt_name => &SAN_METHOD as *const X509V3_EXT_METHOD,
            NID_issuer_alt_name => &IAN_METHOD as *const X509V3_EXT_METHOD,
            _ => std::ptr::null(),
        })
    })
}

// ---------------------------------------------------------------------------
// GENERAL_NAME.

/// GENERAL_NAME_free frees a `GENERAL_NAME` from a stack ferrossl returned
/// (`X509_get_ext_d2i`); NULL is a no-op.
#[no_mangle]
pub extern "C" fn GENERAL_NAME_free(a: *mut GENERAL_NAME) {
    ffi_boundary!("GENERAL_NAME_free", {
        ffi::free_box(a as *mut GeneralNameBox);
        Ok(())
    })
}

extern "C" fn general_name_free_void(p: *mut c_void) {
    GENERAL_NAME_free(p as *mut GENERAL_NAME)
}

/// GENERAL_NAMES_free frees a `STACK_OF(GENERAL_NAME)` and its names; NULL
/// is a no-op.
#[no_mangle]
pub extern "C" fn GENERAL_NAMES_free(a: *mut OPENSSL_STACK) {
    ffi_boundary!("GENERAL_NAMES_free", {
        crate::entry::crypto::stack::OPENSSL_sk_pop_free(a, Some(general_name_free_void));
        Ok(())
    })
}

/// GENERAL_NAME_get0_value returns the value of `a` (`d`) and stores its
/// `GEN_*` type in `*ptype` (if non-NULL). The value is owned by `a`.
#[no_mangle]
pub extern "C" fn GENERAL_NAME_get0_value(
    a: *const GENERAL_NAME,
    ptype: *mut c_int,
) -> *mut c_void {
    ffi_boundary!("GENERAL_NAME_get0_value", {
        let g = ffi::borrow(a as *const GeneralNameBox)?;
        ffi::write_out(ptype, g.kind());
        Ok(g.d())
    })
}

/// GENERAL_NAME_print writes `gen` to `out` as OpenSSL does (`DNS:host`,
/// `IP Address:127.0.0.1`, …). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn GENERAL_NAME_print(out: *mut BIO, r#gen: *const GENERAL_NAME) -> c_int {
    ffi_boundary!("GENERAL_NAME_print", {
        let bio = ffi::borrow(out)?;
        let g = ffi::borrow(r#gen as *const GeneralNameBox)?;
        Ok(c_int::from(bio.write_all(g.print().as_bytes())))
    })
}

/// AUTHORITY_INFO_ACCESS_free: ferrossl never returns one (NULL is a no-op).
#[no_mangle]
pub extern "C" fn AUTHORITY_INFO_ACCESS_free(a: *mut c_void) {
    ffi_boundary!("AUTHORITY_INFO_ACCESS_free", {
        if a.is_null() {
            return Ok(());
        }
        Err(Error::unsupported("AUTHORITY_INFO_ACCESS_free"))
    })
}

/// CRL_DIST_POINTS_free: ferrossl never returns one (NULL is a no-op).
#[no_mangle]
pub extern "C" fn CRL_DIST_POINTS_free(a: *mut c_void) {
    ffi_boundary!("CRL_DIST_POINTS_free", {
        if a.is_null() {
            return Ok(());
        }
        Err(Error::unsupported("CRL_DIST_POINTS_free"))
    })
}

// ---------------------------------------------------------------------------
// Hostname and IP checks.

/// X509_check_host checks `chk` (of `chklen` bytes, 0 meaning NUL-terminated)
/// against `x`'s DNS subjectAltNames, or its CNs when there is no DNS SAN,
/// with OpenSSL's wildcard rules and `X509_CHECK_FLAG_*` `flags`. Returns 1
/// on a match (storing a `OPENSSL_malloc`ed copy of the matched name in
/// `*peername` if non-NULL), 0 on no match, -2 if `chk` is malformed.
#[no_mangle]
pub extern "C" fn X509_check_host(
    x: *mut X509,
    chk: *const c_char,
    chklen: usize,
    flags: c_uint,
    peername: *mut *mut c_char,
) -> c_int {
    ffi_boundary!("X509_check_host", -1, {
        let x = ffi::borrow(x)?;
        let mut host = if chklen == 0 {
            ffi::cstr_bytes(chk)?
        } else {
            ffi::slice_usize(chk as *const u8, chklen)?
        };
        if host.len() > 1 && host.last() == Some(&0) {
            host = &host[..host.len() - 1];
        }
        if host.contains(&0) {
            return Ok(-2);
        }
        match x.check_host(host, flags) {
            Some(name) => {
                if !peername.is_null() {
                    ffi::write_out(peername, ffi::malloc_copy(&name, true) as *mut c_char);
                }
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

/// X509_check_ip checks the `chklen`-byte address (4 or 16 bytes) `chk`
/// against `x`'s iPAddress subjectAltNames. Returns 1, 0, or -2 if malformed.
#[no_mangle]
pub extern "C" fn X509_check_ip(
    x: *mut X509,
    chk: *const u8,
    chklen: usize,
    _flags: c_uint,
) -> c_int {
    ffi_boundary!("X509_check_ip", -2, {
        let x = ffi::borrow(x)?;
        let ip = ffi::slice_usize(chk, chklen)?;
        if ip.len() != 4 && ip.len() != 16 {
            return Ok(-2);
        }
        Ok(c_int::from(x.check_ip(ip)))
    })
}

/// X509_check_ip_asc checks the textual IPv4/IPv6 address `ipasc` against
/// `x`'s iPAddress subjectAltNames. Returns 1, 0, or -2 if `ipasc` is not an
/// address.
#[no_mangle]
pub extern "C" fn X509_check_ip_asc(x: *mut X509, ipasc: *const c_char, _flags: c_uint) -> c_int {
    ffi_boundary!("X509_check_ip_asc", -2, {
        let x = ffi::borrow(x)?;
        let Some(ip) = ffi::cstr(ipasc).ok().and_then(x509::parse_ip) else {
            return Ok(-2);
        };
        Ok(c_int::from(x.check_ip(&ip)))
    })
}

/// `struct v3_ext_ctx` (`X509V3_CTX`), public in OpenSSL 3.0's x509v3.h and
/// allocated by the caller.
/// cbindgen:ignore
#[repr(C)]
#[derive(Clone, Copy)]
pub struct X509V3_CTX {
    pub flags: c_int,
    pub issuer_cert: *mut c_void,
    pub subject_cert: *mut c_void,
    pub subject_req: *mut c_void,
    pub crl: *mut c_void,
    pub db_meth: *mut c_void,
    pub db: *mut c_void,
    pub issuer_pkey: *mut c_void,
}

/// X509V3_set_ctx fills the caller's `X509V3_CTX` with the certificates,
/// request, CRL and flags extension code uses (the rest zeroed).
#[no_mangle]
pub extern "C" fn X509V3_set_ctx(
    ctx: *mut c_void,
    issuer: *mut c_void,
    subject: *mut c_void,
    req: *mut c_void,
    crl: *mut c_void,
    flags: c_int,
) {
    ffi_boundary!("X509V3_set_ctx", (), {
        if ctx.is_null() {
            return Err(Error::null_pointer());
        }
        ffi::write_out(
            ctx as *mut X509V3_CTX,
            X509V3_CTX {
                flags,
                issuer_cert: issuer,
                subject_cert: subject,
                subject_req: req,
                crl,
                db_meth: std::ptr::null_mut(),
                db: std::ptr::null_mut(),
                issuer_pkey: std::ptr::null_mut(),
            },
        );
        Ok(())
    })
}

/// X509V3_set_issuer_pkey records the issuer's key in `ctx` (for the
/// authority key identifier); 1, or 0 if `ctx` is NULL.
#[no_mangle]
pub extern "C" fn X509V3_set_issuer_pkey(ctx: *mut c_void, pkey: *mut c_void) -> c_int {
    ffi_boundary!("X509V3_set_issuer_pkey", 0, {
        let ctx = ctx as *mut X509V3_CTX;
        let mut c = ffi::read_in(ctx as *const X509V3_CTX).ok_or_else(Error::null_pointer)?;
        c.issuer_pkey = pkey;
        ffi::write_out(ctx, c);
        Ok(1)
    })
}

// Purposes: OpenSSL 3.0's nine built-in `X509_PURPOSE`s (no dynamic ones).

use crate::ffi::purpose::{x509_purpose_st, PURPOSES};
pub type X509_PURPOSE = x509_purpose_st;

/// X509_PURPOSE_get_count returns the number of purposes (9: OpenSSL 3.0's
/// built-in ones; `X509_PURPOSE_add` is not supported).
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get_count() -> c_int {
    ffi_boundary!("X509_PURPOSE_get_count", { Ok(PURPOSES.0.len() as c_int) })
}

/// X509_PURPOSE_get0 returns the purpose at index `idx` (0-based), or NULL.
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get0(idx: c_int) -> *mut X509_PURPOSE {
    ffi_boundary!("X509_PURPOSE_get0", {
        Ok(usize::try_from(idx)
            .ok()
            .and_then(|i| PURPOSES.0.get(i))
            .map_or(std::ptr::null_mut(), |p| p as *const _ as *mut _))
    })
}

/// X509_PURPOSE_get_by_id returns the index of purpose id `id`, or -1.
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get_by_id(id: c_int) -> c_int {
    ffi_boundary!("X509_PURPOSE_get_by_id", -1, {
        Ok(PURPOSES
            .0
            .iter()
            .position(|p| p.purpose == id)
            .map_or(-1, |i| i as c_int))
    })
}

/// X509_PURPOSE_get_by_sname returns the index of the purpose whose short
/// name is `sname` ("sslserver", ...), or -1.
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get_by_sname(sname: *const c_char) -> c_int {
    ffi_boundary!("X509_PURPOSE_get_by_sname", -1, {
        let s = ffi::cstr(sname)?;
        Ok(PURPOSES
            .0
            .iter()
            .position(|p| ffi::cstr(p.sname).ok() == Some(s))
            .map_or(-1, |i| i as c_int))
    })
}

/// X509_PURPOSE_get_id returns the purpose's id (`X509_PURPOSE_*`).
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get_id(xp: *const X509_PURPOSE) -> c_int {
    ffi_boundary!("X509_PURPOSE_get_id", { Ok(ffi::borrow(xp)?.purpose) })
}

/// X509_PURPOSE_get_trust returns the purpose's default trust
/// (`X509_TRUST_*`).
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get_trust(xp: *const X509_PURPOSE) -> c_int {
    ffi_boundary!("X509_PURPOSE_get_trust", { Ok(ffi::borrow(xp)?.trust) })
}

/// X509_PURPOSE_get0_name returns the purpose's long name ("SSL server").
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get0_name(xp: *const X509_PURPOSE) -> *mut c_char {
    ffi_boundary!("X509_PURPOSE_get0_name", {
        Ok(ffi::borrow(xp)?.name as *mut c_char)
    })
}

/// X509_PURPOSE_get0_sname returns the purpose's short name ("sslserver").
#[no_mangle]
pub extern "C" fn X509_PURPOSE_get0_sname(xp: *const X509_PURPOSE) -> *mut c_char {
    ffi_boundary!("X509_PURPOSE_get0_sname", {
        Ok(ffi::borrow(xp)?.sname as *mut c_char)
    })
}

/// X509_PURPOSE_set stores `purpose` in `*p` and returns 1 if it is a
/// known purpose id; else 0 with X509V3_R_INVALID_PURPOSE.
#[no_mangle]
pub extern "C" fn X509_PURPOSE_set(p: *mut c_int, purpose: c_int) -> c_int {
    ffi_boundary!("X509_PURPOSE_set", {
        if p.is_null() {
            return Err(Error::null_pointer());
        }
        if !PURPOSES.0.iter().any(|x| x.purpose == purpose) {
            return Err(Error::new(
                ERR_LIB_X509V3,
                crate::abi::reasons::X509V3_R_INVALID_PURPOSE,
            ));
        }
        ffi::write_out(p, purpose);
        Ok(1)
    })
}

/// X509_check_purpose returns 1 if `x` suits purpose `id` (as a CA when
/// `ca` is non-zero), 0 if not, -1 for an unknown purpose; `id` -1 only
/// checks that the extensions decode. OpenSSL's rules, run by aws-lc's
/// `X509_check_purpose` on the certificate's DER.
#[no_mangle]
pub extern "C" fn X509_check_purpose(x: *mut X509, id: c_int, ca: c_int) -> c_int {
    ffi_boundary!("X509_check_purpose", -1, {
        let x = ffi::borrow(x)?;
        if id != -1 && !PURPOSES.0.iter().any(|p| p.purpose == id) {
            return Ok(-1); // as OpenSSL: unknown purpose, no error queued
        }
        crate::ffi::purpose::check(x.der().as_ref(), id, ca).ok_or_else(|| {
            Error::new(
                ERR_LIB_X509V3,
                crate::abi::reasons::X509V3_R_INVALID_PURPOSE,
            )
        })
    })
}

// ---------------------------------------------------------------------------
// Printing extensions.

/// Runs `f` with a `BIO` writing to the stdio stream `fp` (not closed after),
/// as OpenSSL's `*_fp` functions do.
pub(crate) fn with_fp(
    fp: *mut libc::FILE,
    f: impl FnOnce(*mut BIO) -> c_int,
) -> Result<c_int, Error> {
    if fp.is_null() {
        return Err(Error::null_pointer());
    }
    let bio = ffi::into_raw(crate::crypto::bio::bio_st::new_file(ffi::CFile(fp), 0));
    let r = f(bio);
    ffi::release(bio);
    Ok(r)
}

/// X509V3_EXT_print writes the value of `ext` as text at `indent` columns
/// (what `openssl x509 -text` shows under each extension), OpenSSL 3's
/// layout over aws-lc's extension methods (OpenSSL's v3 code). An
/// extension without a method, or whose value does not parse, follows
/// `flag & X509V3_EXT_UNKNOWN_MASK`: `X509V3_EXT_DEFAULT` returns 0 and
/// prints nothing, `X509V3_EXT_ERROR_UNKNOWN` prints `<Not Supported>` /
/// `<Parse Error>`, `X509V3_EXT_DUMP_UNKNOWN` a hex dump of the value.
/// Limits: `X509V3_EXT_PARSE_UNKNOWN` (an ASN.1 parse of the value) is
/// answered like `X509V3_EXT_DEFAULT`; the types aws-lc has no method for
/// (SCT lists, TLS feature, ...) count as unknown. 1 printed (a dump: its
/// byte count, as OpenSSL), 0 not.
#[no_mangle]
pub extern "C" fn X509V3_EXT_print(
    out: *mut BIO,
    ext: *mut X509_EXTENSION,
    flag: c_ulong,
    indent: c_int,
) -> c_int {
    ffi_boundary!("X509V3_EXT_print", {
        let bio = ffi::borrow(out)?;
        let ext = ffi::borrow(ext)?;
        Ok(match x509::print::ext_print(ext, flag, indent) {
            Some(text) if bio.write_all(&text) => x509::print::ext_print_result(ext, flag, &text),
            Some(_) => 0,
            None => 0,
        })
    })
}

/// X509V3_EXT_print_fp is `X509V3_EXT_print` to a stdio stream.
#[no_mangle]
pub extern "C" fn X509V3_EXT_print_fp(
    out: *mut libc::FILE,
    ext: *mut X509_EXTENSION,
    flag: c_int,
    indent: c_int,
) -> c_int {
    ffi_boundary!("X509V3_EXT_print_fp", {
        with_fp(out, |b| X509V3_EXT_print(b, ext, flag as c_ulong, indent))
    })
}

/// X509V3_extensions_print writes each extension of `exts` as
/// `X509_print_ex` does: under `title` (if not NULL, then indented four
/// more), its name, ": critical" or ": ", then its value
/// (`X509V3_EXT_print` with `flag`, else the raw value with
/// `ASN1_STRING_print`). An empty or NULL stack prints nothing. 1, or 0 on
/// a write error.
#[no_mangle]
pub extern "C" fn X509V3_extensions_print(
    out: *mut BIO,
    title: *const c_char,
    exts: *const OPENSSL_STACK,
    flag: c_ulong,
    indent: c_int,
) -> c_int {
    ffi_boundary!("X509V3_extensions_print", {
        let bio = ffi::borrow(out)?;
        let ptrs = if exts.is_null() {
            Vec::new()
        } else {
            ffi::borrow(exts)?.to_vec()
        };
        if ptrs.is_empty() {
            return Ok(1);
        }
        let exts = ptrs
            .into_iter()
            .map(|p| ffi::borrow(p as *const X509_EXTENSION))
            .collect::<Result<Vec<_>, _>>()?;
        let title = if title.is_null() {
            None
        } else {
            Some(ffi::cstr(title)?)
        };
        let text = x509::print::extensions_text(exts, title, flag, indent);
        Ok(c_int::from(bio.write_all(&text)))
    })
}

// ---------------------------------------------------------------------------
// Email addresses and OCSP responders (`openssl x509 -email`, `-ocsp_uri`).

/// A `STACK_OF(OPENSSL_STRING)` of copies of `items` (NULL when empty), as
/// `X509_get1_email` returns; `X509_email_free` frees it.
fn string_stack(items: Vec<Vec<u8>>) -> *mut OPENSSL_STACK {
    if items.is_empty() {
        return std::ptr::null_mut();
    }
    let ptrs = items
        .iter()
        .map(|s| ffi::malloc_copy(s, true) as *mut c_void)
        .collect();
    crate::crypto::stack::stack_st::from_ptrs(ptrs)
}

/// OpenSSL's `append_ia5`: IA5 strings only, not empty, no NUL, no
/// duplicates; its `sk_OPENSSL_STRING_find` sorts the stack before each
/// push, so all but the last address come out sorted.
fn append_ia5(out: &mut Vec<Vec<u8>>, kind: c_int, data: &[u8]) {
    if kind != crate::abi::consts::V_ASN1_IA5STRING || data.is_empty() || data.contains(&0) {
        return;
    }
    out.sort();
    if out.iter().any(|e| e == data) {
        return;
    }
    out.push(data.to_vec());
}

/// X509_get1_email returns the email addresses of `x`: the subject's
/// emailAddress attributes, then the subjectAltName rfc822Names, without
/// duplicates, in a stack the caller frees with `X509_email_free`; NULL when
/// there are none.
#[no_mangle]
pub extern "C" fn X509_get1_email(x: *mut X509) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_get1_email", {
        let cert = ffi::borrow(x)?;
        let mut out = Vec::new();
        for e in cert.subject().entries() {
            if e.object().nid() == crate::abi::objects::NID_pkcs9_emailAddress {
                append_ia5(&mut out, e.value().kind(), e.value().bytes());
            }
        }
        for g in cert.san().unwrap_or_default() {
            if let x509::GeneralName::Email(m) = g {
                append_ia5(&mut out, crate::abi::consts::V_ASN1_IA5STRING, m);
            }
        }
        Ok(string_stack(out))
    })
}

/// X509_get1_ocsp returns the OCSP responder URIs of `x`'s
/// authorityInfoAccess, in a stack the caller frees with `X509_email_free`;
/// NULL when there are none.
#[no_mangle]
pub extern "C" fn X509_get1_ocsp(x: *mut X509) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509_get1_ocsp", {
        let cert = ffi::borrow(x)?;
        let mut out = Vec::new();
        for ext in cert.ext_by_nid(crate::abi::objects::NID_info_access) {
            for (method, kind, value) in x509::access_descriptions(ext.value().bytes())? {
                if method.nid() == crate::abi::objects::NID_ad_OCSP && kind == 0x86 {
                    append_ia5(&mut out, crate::abi::consts::V_ASN1_IA5STRING, &value);
                }
            }
        }
        Ok(string_stack(out))
    })
}

/// X509_email_free frees a stack from `X509_get1_email` / `X509_get1_ocsp`
/// and its strings; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_email_free(sk: *mut OPENSSL_STACK) {
    ffi_boundary!("X509_email_free", {
        if sk.is_null() {
            return Ok(());
        }
        for p in ffi::borrow(sk)?.to_vec() {
            ffi::free(p);
        }
        crate::entry::crypto::stack::OPENSSL_sk_free(sk);
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// CONF_VALUE lists.

/// X509V3_parse_list splits `line` into `name[:value]` pairs at commas
/// (aws-lc's parser, OpenSSL's): a new `STACK_OF(CONF_VALUE)` whose values
/// the caller frees with `sk_CONF_VALUE_pop_free(sk, X509V3_conf_free)`;
/// NULL (and an error) if it does not parse.
#[no_mangle]
pub extern "C" fn X509V3_parse_list(line: *const c_char) -> *mut OPENSSL_STACK {
    ffi_boundary!("X509V3_parse_list", {
        let line = ffi::cstr_c(line)?;
        let pairs = crate::ffi::conf::parse_list(line).ok_or_else(|| {
            Error::new(ERR_LIB_X509V3, crate::abi::reasons::X509V3_R_INVALID_NAME)
        })?;
        let dup = |s: Option<Vec<u8>>| {
            s.map_or(std::ptr::null_mut(), |s| {
                ffi::malloc_copy(&s, true) as *mut c_char
            })
        };
        let ptrs = pairs
            .into_iter()
            .map(|(name, value)| {
                let cv = ffi::malloc(std::mem::size_of::<CONF_VALUE>()) as *mut CONF_VALUE;
                ffi::write_out(
                    cv,
                    CONF_VALUE {
                        section: std::ptr::null_mut(),
                        name: dup(name),
                        value: dup(value),
                    },
                );
                cv as *mut c_void
            })
            .collect();
        Ok(crate::crypto::stack::stack_st::from_ptrs(ptrs))
    })
}

/// X509V3_conf_free frees a `CONF_VALUE` from `X509V3_parse_list` and its
/// strings; NULL is a no-op. (The values of a `CONF`'s sections belong to
/// the `CONF`: never pass those.)
#[no_mangle]
pub extern "C" fn X509V3_conf_free(val: *mut CONF_VALUE) {
    ffi_boundary!("X509V3_conf_free", {
        if let Some(cv) = ffi::read_in(val as *const CONF_VALUE) {
            ffi::free(cv.section as *mut c_void);
            ffi::free(cv.name as *mut c_void);
            ffi::free(cv.value as *mut c_void);
            ffi::free(val as *mut c_void);
        }
        Ok(())
    })
}
