//! `asn1.h`: `ASN1_STRING`, `ASN1_INTEGER`, `ASN1_TIME` and `ASN1_OBJECT`.

use crate::abi::consts::{
    V_ASN1_GENERALIZEDTIME, V_ASN1_INTEGER, V_ASN1_NEG_INTEGER, V_ASN1_UTCTIME,
};
use crate::abi::reasons::{
    ASN1_R_ERROR_GETTING_TIME, ASN1_R_ILLEGAL_CHARACTERS, ASN1_R_ILLEGAL_TIME_VALUE,
    ASN1_R_INTEGER_TOO_LARGE_FOR_LONG, ASN1_R_UNKNOWN_TAG, ERR_LIB_ASN1,
};
use crate::crypto::asn1::{Asn1String, ASN1_OBJECT, ASN1_STRING};
use crate::crypto::bio::BIO;
use crate::crypto::err::Error;
use crate::crypto::x509;
use crate::entry::{borrow_string, string_into_raw};
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_ulong};

// ---------------------------------------------------------------------------
// ASN1_STRING.

/// ASN1_STRING_data returns the bytes of `x` (NUL-terminated), owned by `x`.
/// Deprecated alias of `ASN1_STRING_get0_data`. NULL if `x` is NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_data(x: *mut ASN1_STRING) -> *mut u8 {
    ffi_boundary!("ASN1_STRING_data", {
        let s = borrow_string(x)?;
        Ok(s.bytes().as_ptr() as *mut u8)
    })
}

/// ASN1_STRING_get0_data returns the bytes of `x` (NUL-terminated), owned by
/// `x`. NULL if `x` is NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_get0_data(x: *const ASN1_STRING) -> *const u8 {
    ffi_boundary!("ASN1_STRING_get0_data", {
        let s = borrow_string(x)?;
        Ok(s.bytes().as_ptr())
    })
}

/// ASN1_STRING_length returns the length of `x` in bytes (0 if NULL).
#[no_mangle]
pub extern "C" fn ASN1_STRING_length(x: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_STRING_length", {
        let s = borrow_string(x)?;
        Ok(s.bytes().len() as c_int)
    })
}

/// ASN1_STRING_type returns the `V_ASN1_*` type of `x` (0 if NULL).
#[no_mangle]
pub extern "C" fn ASN1_STRING_type(x: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_STRING_type", {
        let s = borrow_string(x)?;
        Ok(s.kind())
    })
}

/// ASN1_STRING_to_UTF8 converts `in` to UTF-8 in a new buffer stored in
/// `*out` (free it with `OPENSSL_free`). It returns the length, or -1 on
/// error (unsupported type, invalid encoding, NULL argument).
#[no_mangle]
pub extern "C" fn ASN1_STRING_to_UTF8(out: *mut *mut u8, r#in: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_STRING_to_UTF8", -1, {
        if out.is_null() {
            return Err(Error::null_pointer());
        }
        let s = borrow_string(r#in)?;
        let u = s
            .to_utf8()
            .ok_or_else(|| Error::new(ERR_LIB_ASN1, ASN1_R_UNKNOWN_TAG))?;
        let len =
            c_int::try_from(u.len()).map_err(|_| Error::invalid_argument("string too long"))?;
        ffi::write_out(out, ffi::malloc_copy(&u, true));
        Ok(len)
    })
}

/// ASN1_STRING_free frees a string C owns (from `a2i_IPADDRESS`,
/// `ASN1_STRING_dup`, …). Strings embedded in certificates and NULL are left
/// alone.
#[no_mangle]
pub extern "C" fn ASN1_STRING_free(a: *mut ASN1_STRING) {
    ffi_boundary!("ASN1_STRING_free", {
        if a.is_null() {
            return Ok(());
        }
        if !borrow_string(a)?.is_embedded() {
            ffi::release(a as *const Asn1String);
        }
        Ok(())
    })
}

/// ASN1_OCTET_STRING_free is `ASN1_STRING_free` for octet strings.
#[no_mangle]
pub extern "C" fn ASN1_OCTET_STRING_free(a: *mut ASN1_STRING) {
    ASN1_STRING_free(a)
}

/// ASN1_STRING_dup returns a new copy of `a` that the caller frees with
/// `ASN1_STRING_free`, or NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_dup(a: *const ASN1_STRING) -> *mut ASN1_STRING {
    ffi_boundary!("ASN1_STRING_dup", {
        let s = borrow_string(a)?;
        Ok(string_into_raw(s.clone_owned()))
    })
}

/// ASN1_STRING_print_ex writes `str` to `out` as `X509_NAME_print_ex` prints
/// values, with `ASN1_STRFLGS_*` `flags`. It returns the number of bytes
/// written, or -1 on error.
#[no_mangle]
pub extern "C" fn ASN1_STRING_print_ex(
    out: *mut BIO,
    str: *const ASN1_STRING,
    flags: std::ffi::c_ulong,
) -> c_int {
    ffi_boundary!("ASN1_STRING_print_ex", -1, {
        let bio = ffi::borrow(out)?;
        let s = borrow_string(str)?;
        let text = x509::string_print_ex(s, flags)
            .ok_or_else(|| Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_CHARACTERS))?;
        if !bio.write_all(text.as_bytes()) {
            return Ok(-1);
        }
        Ok(text.len() as c_int)
    })
}

// ---------------------------------------------------------------------------
// ASN1_INTEGER.

/// ASN1_INTEGER_get returns the value of `a` as a `long`: 0 if `a` is NULL,
/// -1 if it does not fit.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_get(a: *const ASN1_STRING) -> c_long {
    ffi_boundary!("ASN1_INTEGER_get", {
        if a.is_null() {
            return Ok(0);
        }
        let s = borrow_string(a)?;
        match crate::crypto::asn1::integer_value(s) {
            Some(v) => Ok(v as c_long),
            None => {
                Error::new(ERR_LIB_ASN1, ASN1_R_INTEGER_TOO_LARGE_FOR_LONG)
                    .push("ASN1_INTEGER_get");
                Ok(-1)
            }
        }
    })
}

/// i2a_ASN1_INTEGER writes `a` to `bp` in uppercase hex (OpenSSL's format).
/// It returns the number of characters written, or -1 on error.
#[no_mangle]
pub extern "C" fn i2a_ASN1_INTEGER(bp: *mut BIO, a: *const ASN1_STRING) -> c_int {
    ffi_boundary!("i2a_ASN1_INTEGER", -1, {
        let bio = ffi::borrow(bp)?;
        let text = crate::crypto::asn1::integer_hex(borrow_string(a)?);
        if !bio.write_all(text.as_bytes()) {
            return Ok(-1);
        }
        Ok(text.len() as c_int)
    })
}

/// ASN1_INTEGER_to_BN converts the non-negative INTEGER `ai` into a new BIGNUM
/// (with `bn` NULL; free with BN_free) or into `bn`, keeping its sign; NULL
/// on error.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_to_BN(
    ai: *const ASN1_STRING,
    bn: *mut crate::entry::crypto::bn::BIGNUM,
) -> *mut crate::entry::crypto::bn::BIGNUM {
    ffi_boundary!("ASN1_INTEGER_to_BN", {
        let s = borrow_string(ai)?;
        let r = crate::ffi::bn::from_bytes(s.bytes(), false, bn)?;
        crate::ffi::bn::set_negative(r, s.kind() & 0x100 != 0)?;
        Ok(r)
    })
}

// ---------------------------------------------------------------------------
// ASN1_TIME.

pub(crate) fn time_of(s: *const ASN1_STRING) -> Result<Option<crate::crypto::asn1::Time>, Error> {
    let s = borrow_string(s)?;
    Ok(crate::crypto::asn1::parse_time(s.kind(), s.bytes()))
}

/// ASN1_TIME_check returns 1 if `t` is a well-formed UTCTime or
/// GeneralizedTime, else 0.
#[no_mangle]
pub extern "C" fn ASN1_TIME_check(t: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_TIME_check", {
        Ok(c_int::from(time_of(t)?.is_some()))
    })
}

/// ASN1_UTCTIME_check returns 1 if `a` is a well-formed UTCTime, else 0.
#[no_mangle]
pub extern "C" fn ASN1_UTCTIME_check(a: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_UTCTIME_check", {
        let s = borrow_string(a)?;
        Ok(c_int::from(
            s.kind() == crate::abi::consts::V_ASN1_UTCTIME
                && crate::crypto::asn1::parse_time(s.kind(), s.bytes()).is_some(),
        ))
    })
}

/// ASN1_GENERALIZEDTIME_check returns 1 if `a` is a well-formed
/// GeneralizedTime, else 0.
#[no_mangle]
pub extern "C" fn ASN1_GENERALIZEDTIME_check(a: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_GENERALIZEDTIME_check", {
        let s = borrow_string(a)?;
        Ok(c_int::from(
            s.kind() == crate::abi::consts::V_ASN1_GENERALIZEDTIME
                && crate::crypto::asn1::parse_time(s.kind(), s.bytes()).is_some(),
        ))
    })
}

/// ASN1_TIME_print writes `a` to `fp` as `Mar  1 12:00:00 2030 GMT`. It
/// returns 1 on success; on a malformed time it writes `Bad time value` and
/// returns 0.
#[no_mangle]
pub extern "C" fn ASN1_TIME_print(fp: *mut BIO, a: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_TIME_print", {
        let bio = ffi::borrow(fp)?;
        let s = borrow_string(a)?;
        match crate::crypto::asn1::time_print(s.kind(), s.bytes()) {
            Some(text) => Ok(c_int::from(bio.write_all(text.as_bytes()))),
            None => {
                bio.write_all(b"Bad time value");
                Err(Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE))
            }
        }
    })
}

/// ASN1_TIME_print_ex writes `tm` as `ASN1_TIME_print` does, or with
/// `flags` `ASN1_DTFLGS_ISO8601` as `2030-03-01 12:00:00Z` (OpenSSL 3's
/// `-dateopt iso_8601`). 1 on success; a malformed time writes
/// `Bad time value` and returns 0.
#[no_mangle]
pub extern "C" fn ASN1_TIME_print_ex(
    bp: *mut BIO,
    tm: *const ASN1_STRING,
    flags: c_ulong,
) -> c_int {
    ffi_boundary!("ASN1_TIME_print_ex", {
        const ASN1_DTFLGS_TYPE_MASK: c_ulong = 0x0f;
        const ASN1_DTFLGS_ISO8601: c_ulong = 0x01;
        if flags & ASN1_DTFLGS_TYPE_MASK != ASN1_DTFLGS_ISO8601 {
            return Ok(ASN1_TIME_print(bp, tm));
        }
        let bio = ffi::borrow(bp)?;
        let s = borrow_string(tm)?;
        let Some(t) = crate::crypto::asn1::parse_time(s.kind(), s.bytes()) else {
            bio.write_all(b"Bad time value");
            return Err(Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE));
        };
        let frac = t.frac.map_or(String::new(), |(start, len)| {
            String::from_utf8_lossy(&s.bytes()[start..start + len]).into_owned()
        });
        let text = format!(
            "{:4}-{:02}-{:02} {:02}:{:02}:{:02}{frac}{}",
            t.tm.year,
            t.tm.month,
            t.tm.day,
            t.tm.hour,
            t.tm.minute,
            t.tm.second,
            if t.gmt { "Z" } else { "" }
        );
        Ok(c_int::from(bio.write_all(text.as_bytes())))
    })
}

/// ASN1_STRING_print writes the bytes of `v` to `bp`, each one outside
/// printable ASCII (but for CR and LF) as '.'; 1, or 0 on error.
#[no_mangle]
pub extern "C" fn ASN1_STRING_print(bp: *mut BIO, v: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_STRING_print", {
        let bio = ffi::borrow(bp)?;
        let s = borrow_string(v)?;
        Ok(c_int::from(bio.write_all(
            &crate::crypto::x509::print::string_print(s.bytes()),
        )))
    })
}

fn fill_tm(tm: *mut libc::tm, t: &crate::crypto::asn1::Tm) {
    let v = libc::tm {
        tm_sec: t.second as c_int,
        tm_min: t.minute as c_int,
        tm_hour: t.hour as c_int,
        tm_mday: t.day as c_int,
        tm_mon: t.month as c_int - 1,
        tm_year: (t.year - 1900) as c_int,
        tm_wday: t.weekday() as c_int,
        tm_yday: t.yearday() as c_int,
        tm_isdst: 0,
        tm_gmtoff: 0,
        tm_zone: std::ptr::null(),
    };
    ffi::write_out(tm, v);
}

/// ASN1_TIME_to_tm converts `s` (the current time if `s` is NULL) to a UTC
/// `struct tm`. It returns 1 on success, 0 if `s` is malformed.
#[no_mangle]
pub extern "C" fn ASN1_TIME_to_tm(s: *const ASN1_STRING, tm: *mut libc::tm) -> c_int {
    ffi_boundary!("ASN1_TIME_to_tm", {
        let t = if s.is_null() {
            crate::crypto::asn1::Tm::from_unix(crate::crypto::asn1::now_unix())
        } else {
            match time_of(s)? {
                Some(t) => t.tm,
                None => return Err(Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE)),
            }
        };
        fill_tm(tm, &t);
        Ok(1)
    })
}

fn unix_or_now(s: *const ASN1_STRING) -> Result<i64, Error> {
    if s.is_null() {
        return Ok(crate::crypto::asn1::now_unix());
    }
    time_of(s)?
        .map(|t| t.tm.to_unix())
        .ok_or_else(|| Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE))
}

/// ASN1_TIME_diff stores in `*pday`/`*psec` the time from `from` to `to`
/// (NULL meaning now), both with the same sign. It returns 1, or 0 if a time
/// is malformed.
#[no_mangle]
pub extern "C" fn ASN1_TIME_diff(
    pday: *mut c_int,
    psec: *mut c_int,
    from: *const ASN1_STRING,
    to: *const ASN1_STRING,
) -> c_int {
    ffi_boundary!("ASN1_TIME_diff", {
        let d = unix_or_now(to)? - unix_or_now(from)?;
        ffi::write_out(pday, (d / 86400) as c_int);
        ffi::write_out(psec, (d % 86400) as c_int);
        Ok(1)
    })
}

/// ASN1_TIME_free frees a time C owns (as `ASN1_STRING_free`).
#[no_mangle]
pub extern "C" fn ASN1_TIME_free(a: *mut ASN1_STRING) {
    ASN1_STRING_free(a)
}

/// ASN1_TIME_set sets `s` (a new `ASN1_TIME` if NULL) to `t`: UTCTime for
/// 1950–2049, else GeneralizedTime. Returns `s` (or the new time), NULL on
/// error.
#[no_mangle]
pub extern "C" fn ASN1_TIME_set(s: *mut ASN1_STRING, t: libc::time_t) -> *mut ASN1_STRING {
    ffi_boundary!("ASN1_TIME_set", { time_adj(s, Some(t), 0, 0) })
}

/// ASN1_TIME_adj sets `s` (a new `ASN1_TIME` if NULL) to `t` plus
/// `offset_day` days and `offset_sec` seconds. Returns `s` (or the new
/// time), NULL on error.
#[no_mangle]
pub extern "C" fn ASN1_TIME_adj(
    s: *mut ASN1_STRING,
    t: libc::time_t,
    offset_day: c_int,
    offset_sec: c_long,
) -> *mut ASN1_STRING {
    ffi_boundary!("ASN1_TIME_adj", {
        time_adj(s, Some(t), offset_day, offset_sec)
    })
}

/// `ASN1_TIME_adj` and `X509_time_adj_ex`: `t` (None: now) plus the
/// offsets, into `s` in place or a new time.
pub(crate) fn time_adj(
    s: *mut ASN1_STRING,
    t: Option<libc::time_t>,
    offset_day: c_int,
    offset_sec: i64,
) -> Result<*mut ASN1_STRING, Error> {
    let base = t.map_or_else(crate::crypto::asn1::now_unix, i64::from);
    let at = i64::from(offset_day)
        .checked_mul(86400)
        .and_then(|d| base.checked_add(d))
        .and_then(|v| v.checked_add(offset_sec))
        .filter(|v| (-62167219200..=253402300799).contains(v))
        .ok_or_else(|| Error::new(ERR_LIB_ASN1, ASN1_R_ERROR_GETTING_TIME))?;
    let new = crate::crypto::asn1::time_from_unix(at);
    if s.is_null() {
        return Ok(string_into_raw(new));
    }
    ffi::borrow_mut(s as *mut Asn1String)?.assign(new.kind(), new.bytes());
    Ok(s)
}

/// ASN1_TIME_new returns an empty `ASN1_TIME` (for `ASN1_TIME_set` & co),
/// freed with `ASN1_TIME_free`.
#[no_mangle]
pub extern "C" fn ASN1_TIME_new() -> *mut ASN1_STRING {
    ffi_boundary!("ASN1_TIME_new", {
        Ok(string_into_raw(Asn1String::owned(V_ASN1_UTCTIME, &[])))
    })
}

/// ASN1_TIME_set_string sets `s` to the time `str` ("YYMMDDHHMMSSZ" as
/// UTCTime, "YYYYMMDDHHMMSSZ" as GeneralizedTime); with `s` NULL it only
/// checks `str`. 1, or 0 for a malformed time.
#[no_mangle]
pub extern "C" fn ASN1_TIME_set_string(s: *mut ASN1_STRING, str: *const c_char) -> c_int {
    ffi_boundary!("ASN1_TIME_set_string", 0, {
        let text = ffi::cstr_c(str)?.to_bytes();
        let kind = if text.len() == 13 {
            V_ASN1_UTCTIME
        } else {
            V_ASN1_GENERALIZEDTIME
        };
        if crate::crypto::asn1::parse_time(kind, text).is_none() {
            return Err(Error::new(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE));
        }
        if !s.is_null() {
            ffi::borrow_mut(s as *mut Asn1String)?.assign(kind, text);
        }
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// ASN1_INTEGER.

/// ASN1_INTEGER_new returns an INTEGER (zero, no content until set), freed
/// with `ASN1_INTEGER_free`.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_new() -> *mut ASN1_STRING {
    ffi_boundary!("ASN1_INTEGER_new", {
        Ok(string_into_raw(Asn1String::owned(V_ASN1_INTEGER, &[])))
    })
}

/// ASN1_INTEGER_free frees an INTEGER C owns; NULL and integers inside a
/// certificate are left alone.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_free(a: *mut ASN1_STRING) {
    ASN1_STRING_free(a)
}

/// ASN1_INTEGER_set sets `a` to `v` (in place: on `X509_get_serialNumber`'s
/// integer it sets the certificate's serial number). 1 or 0.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_set(a: *mut ASN1_STRING, v: c_long) -> c_int {
    ffi_boundary!("ASN1_INTEGER_set", {
        let s = ffi::borrow_mut(a as *mut Asn1String)?;
        let mag = v.unsigned_abs().to_be_bytes();
        let first = mag.iter().position(|&b| b != 0).unwrap_or(mag.len() - 1);
        let kind = if v < 0 {
            V_ASN1_NEG_INTEGER
        } else {
            V_ASN1_INTEGER
        };
        s.assign(kind, &mag[first..]);
        Ok(1)
    })
}

/// BN_to_ASN1_INTEGER stores `bn` in `ai` (in place: a certificate's serial
/// from `X509_get_serialNumber` changes with it) and returns `ai`; with
/// `ai` NULL, a new INTEGER freed with `ASN1_INTEGER_free`. NULL on error.
#[no_mangle]
pub extern "C" fn BN_to_ASN1_INTEGER(
    bn: *const crate::entry::crypto::bn::BIGNUM,
    ai: *mut ASN1_STRING,
) -> *mut ASN1_STRING {
    ffi_boundary!("BN_to_ASN1_INTEGER", {
        let n = crate::ffi::bn::num_bytes(bn)?;
        let mut mag = vec![0u8; n.max(1)];
        let start = mag.len() - n;
        crate::ffi::bn::to_bytes_padded(bn, &mut mag[start..], false)?;
        let kind = if crate::ffi::bn::is(bn, crate::ffi::bn::Is::Negative)? {
            V_ASN1_NEG_INTEGER
        } else {
            V_ASN1_INTEGER
        };
        if ai.is_null() {
            return Ok(string_into_raw(Asn1String::owned(kind, &mag)));
        }
        ffi::borrow_mut(ai as *mut Asn1String)?.assign(kind, &mag);
        Ok(ai)
    })
}

// ---------------------------------------------------------------------------
// ASN1_OBJECT.

/// ASN1_OBJECT_free frees an object from `OBJ_txt2obj`; table objects
/// (`OBJ_nid2obj`), objects inside certificates and NULL are left alone.
#[no_mangle]
pub extern "C" fn ASN1_OBJECT_free(a: *mut ASN1_OBJECT) {
    ffi_boundary!("ASN1_OBJECT_free", {
        if a.is_null() {
            return Ok(());
        }
        if ffi::borrow(a)?.is_dynamic() {
            ffi::release(a);
        }
        Ok(())
    })
}

/// i2t_ASN1_OBJECT is `OBJ_obj2txt(buf, buf_len, a, 0)`.
#[no_mangle]
pub extern "C" fn i2t_ASN1_OBJECT(
    buf: *mut c_char,
    buf_len: c_int,
    a: *const ASN1_OBJECT,
) -> c_int {
    crate::entry::crypto::objects::OBJ_obj2txt(buf, buf_len, a, 0)
}

/// i2a_ASN1_OBJECT writes the long name of `a` (else its dotted form) to
/// `bp`; it returns the number of characters written, or -1.
#[no_mangle]
pub extern "C" fn i2a_ASN1_OBJECT(bp: *mut BIO, a: *const ASN1_OBJECT) -> c_int {
    ffi_boundary!("i2a_ASN1_OBJECT", -1, {
        let bio = ffi::borrow(bp)?;
        let text = ffi::borrow(a)?.txt(false);
        if !bio.write_all(text.as_bytes()) {
            return Ok(-1);
        }
        Ok(text.len() as c_int)
    })
}

// ---------------------------------------------------------------------------
// The default string mask (the string types text fields are encoded in).

/// `B_ASN1_*` mask in force (OpenSSL 3's default: "utf8only").
static DEFAULT_MASK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0x2000);

/// ASN1_STRING_set_default_mask sets the `B_ASN1_*` types text is encoded in
/// when certificate names are made from text.
#[no_mangle]
pub extern "C" fn ASN1_STRING_set_default_mask(mask: std::ffi::c_ulong) {
    ffi_boundary!("ASN1_STRING_set_default_mask", (), {
        DEFAULT_MASK.store(mask, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    })
}

/// ASN1_STRING_get_default_mask returns the mask set last (default
/// `B_ASN1_UTF8STRING`, "utf8only").
#[no_mangle]
pub extern "C" fn ASN1_STRING_get_default_mask() -> std::ffi::c_ulong {
    ffi_boundary!("ASN1_STRING_get_default_mask", 0, {
        Ok(
            std::ffi::c_ulong::try_from(DEFAULT_MASK.load(std::sync::atomic::Ordering::Relaxed))
                .unwrap_or(std::ffi::c_ulong::MAX),
        )
    })
}

/// ASN1_STRING_set_default_mask_asc sets the mask by OpenSSL's names:
/// "default", "nombstr", "pkix", "utf8only", or "MASK:<number>". 1, or 0
/// for another string.
#[no_mangle]
pub extern "C" fn ASN1_STRING_set_default_mask_asc(p: *const c_char) -> c_int {
    ffi_boundary!("ASN1_STRING_set_default_mask_asc", 0, {
        let s = ffi::cstr(p)?;
        let mask: u64 = if let Some(n) = s.strip_prefix("MASK:") {
            let n = n.trim();
            let parsed = if let Some(h) = n.strip_prefix("0x").or_else(|| n.strip_prefix("0X")) {
                u64::from_str_radix(h, 16)
            } else if n.len() > 1 && n.starts_with('0') {
                u64::from_str_radix(&n[1..], 8)
            } else {
                n.parse()
            };
            match parsed {
                Ok(0) | Err(_) => return Ok(0),
                Ok(v) => v,
            }
        } else {
            match s {
                "nombstr" => !0x2800u64, // ~(B_ASN1_BMPSTRING | B_ASN1_UTF8STRING)
                "pkix" => !0x0004u64,    // ~B_ASN1_T61STRING
                "utf8only" => 0x2000,    // B_ASN1_UTF8STRING
                "default" => 0xffff_ffff,
                _ => return Ok(0),
            }
        };
        DEFAULT_MASK.store(mask, std::sync::atomic::Ordering::Relaxed);
        Ok(1)
    })
}

/// i2s_ASN1_INTEGER returns `a` as text in `OPENSSL_malloc` memory (freed
/// with `OPENSSL_free`), as OpenSSL writes it: decimal below 128 bits, else
/// "0x" and upper-case hex ("-" first if negative). The method is ignored.
#[no_mangle]
pub extern "C" fn i2s_ASN1_INTEGER(
    _method: *mut std::ffi::c_void,
    a: *const ASN1_STRING,
) -> *mut c_char {
    ffi_boundary!("i2s_ASN1_INTEGER", {
        let s = borrow_string(a)?;
        let bn = crate::ffi::bn::from_bytes(s.bytes(), false, std::ptr::null_mut())?;
        let text = (|| {
            let neg = if s.kind() & 0x100 != 0 { "-" } else { "" };
            if crate::ffi::bn::num_bits(bn)? < 128 {
                Ok::<_, Error>(format!("{neg}{}", crate::ffi::bn::to_dec(bn)?))
            } else {
                Ok(format!("{neg}0x{}", crate::ffi::bn::to_hex(bn)?))
            }
        })();
        crate::ffi::bn::free(bn);
        Ok(ffi::malloc_copy(text?.as_bytes(), true) as *mut c_char)
    })
}

/// ASN1_STRING_cmp compares `a` and `b` as OpenSSL does: by length, then
/// content, then type; 0 if equal. -1 if either is NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_cmp(a: *const ASN1_STRING, b: *const ASN1_STRING) -> c_int {
    ffi_boundary!("ASN1_STRING_cmp", -1, {
        let (a, b) = (borrow_string(a)?, borrow_string(b)?);
        let (x, y) = (a.bytes(), b.bytes());
        if x.len() != y.len() {
            return Ok(x.len() as c_int - y.len() as c_int);
        }
        Ok(match x.cmp(y) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Equal => a.kind() - b.kind(),
        })
    })
}
