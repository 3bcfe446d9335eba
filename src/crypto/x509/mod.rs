//! X.509 certificates and the ASN.1 objects they are made of.
//!
//! A small bounds-checked DER reader (`Der`) parses a certificate eagerly into
//! `x509_st`: version, serial, signature algorithm, issuer and subject names,
//! validity, SubjectPublicKeyInfo, extensions and the subjectAltName. The C
//! views of these pieces (`ASN1_STRING`, `ASN1_OBJECT`, `X509_NAME`,
//! `X509_NAME_ENTRY`, `X509_EXTENSION`, `GENERAL_NAME`, `OPENSSL_STACK`) live
//! here too; `src/entry/*.rs` only converts C arguments and delegates.
//!
//! Hostile input never panics nor reads out of bounds: every length is checked
//! against what remains, and malformed certificates are rejected with an
//! `ASN1_R_*` reason.
#![deny(unsafe_code)]
#![allow(non_upper_case_globals)]

use std::cmp::Ordering;
use std::ffi::{c_int, c_long, c_void, CStr};
use std::sync::atomic::AtomicPtr;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

use crate::crypto::err::{Error, ERR_LIB_ASN1, ERR_LIB_PEM};
use crate::ffi::Ptr;

// ---------------------------------------------------------------------------
// Constants (OpenSSL 3 values).

// ASN.1 universal tags, as `ASN1_STRING_type` reports them (asn1.h).
pub const V_ASN1_EOC: c_int = 0;
pub const V_ASN1_BOOLEAN: c_int = 1;
pub const V_ASN1_INTEGER: c_int = 2;
pub const V_ASN1_BIT_STRING: c_int = 3;
pub const V_ASN1_OCTET_STRING: c_int = 4;
pub const V_ASN1_NULL: c_int = 5;
pub const V_ASN1_OBJECT: c_int = 6;
pub const V_ASN1_ENUMERATED: c_int = 10;
pub const V_ASN1_UTF8STRING: c_int = 12;
pub const V_ASN1_SEQUENCE: c_int = 16;
pub const V_ASN1_SET: c_int = 17;
pub const V_ASN1_NUMERICSTRING: c_int = 18;
pub const V_ASN1_PRINTABLESTRING: c_int = 19;
pub const V_ASN1_T61STRING: c_int = 20;
pub const V_ASN1_TELETEXSTRING: c_int = 20;
pub const V_ASN1_VIDEOTEXSTRING: c_int = 21;
pub const V_ASN1_IA5STRING: c_int = 22;
pub const V_ASN1_UTCTIME: c_int = 23;
pub const V_ASN1_GENERALIZEDTIME: c_int = 24;
pub const V_ASN1_GRAPHICSTRING: c_int = 25;
pub const V_ASN1_ISO64STRING: c_int = 26;
pub const V_ASN1_VISIBLESTRING: c_int = 26;
pub const V_ASN1_GENERALSTRING: c_int = 27;
pub const V_ASN1_UNIVERSALSTRING: c_int = 28;
pub const V_ASN1_BMPSTRING: c_int = 30;
pub const V_ASN1_NEG: c_int = 0x100;
pub const V_ASN1_NEG_INTEGER: c_int = 2 | V_ASN1_NEG;
pub const V_ASN1_NEG_ENUMERATED: c_int = 10 | V_ASN1_NEG;

/// `ASN1_STRING.flags`: the string is embedded in its parent (freeing it is a no-op).
pub const ASN1_STRING_FLAG_EMBED: c_long = 0x080;

// GENERAL_NAME types (x509v3.h).
pub const GEN_OTHERNAME: c_int = 0;
pub const GEN_EMAIL: c_int = 1;
pub const GEN_DNS: c_int = 2;
pub const GEN_X400: c_int = 3;
pub const GEN_DIRNAME: c_int = 4;
pub const GEN_EDIPARTY: c_int = 5;
pub const GEN_URI: c_int = 6;
pub const GEN_IPADD: c_int = 7;
pub const GEN_RID: c_int = 8;

// X509_check_host flags (x509v3.h).
pub const X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT: u32 = 0x1;
pub const X509_CHECK_FLAG_NO_WILDCARDS: u32 = 0x2;
pub const X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS: u32 = 0x4;
pub const X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS: u32 = 0x8;
pub const X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS: u32 = 0x10;
pub const X509_CHECK_FLAG_NEVER_CHECK_SUBJECT: u32 = 0x20;

// ASN1_STRING_print_ex / X509_NAME_print_ex flags (asn1.h, x509.h).
pub const ASN1_STRFLGS_ESC_2253: u64 = 1;
pub const ASN1_STRFLGS_ESC_CTRL: u64 = 2;
pub const ASN1_STRFLGS_ESC_MSB: u64 = 4;
pub const ASN1_STRFLGS_ESC_QUOTE: u64 = 8;
pub const ASN1_STRFLGS_UTF8_CONVERT: u64 = 0x10;
pub const ASN1_STRFLGS_IGNORE_TYPE: u64 = 0x20;
pub const ASN1_STRFLGS_SHOW_TYPE: u64 = 0x40;
pub const ASN1_STRFLGS_DUMP_ALL: u64 = 0x80;
pub const ASN1_STRFLGS_DUMP_UNKNOWN: u64 = 0x100;
pub const ASN1_STRFLGS_DUMP_DER: u64 = 0x200;
pub const ASN1_STRFLGS_ESC_2254: u64 = 0x400;
pub const ASN1_STRFLGS_RFC2253: u64 = ASN1_STRFLGS_ESC_2253
    | ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB
    | ASN1_STRFLGS_UTF8_CONVERT
    | ASN1_STRFLGS_DUMP_UNKNOWN
    | ASN1_STRFLGS_DUMP_DER;
pub const XN_FLAG_COMPAT: u64 = 0;
pub const XN_FLAG_SEP_COMMA_PLUS: u64 = 1 << 16;
pub const XN_FLAG_SEP_CPLUS_SPC: u64 = 2 << 16;
pub const XN_FLAG_SEP_SPLUS_SPC: u64 = 3 << 16;
pub const XN_FLAG_SEP_MULTILINE: u64 = 4 << 16;
pub const XN_FLAG_SEP_MASK: u64 = 0xf << 16;
pub const XN_FLAG_DN_REV: u64 = 1 << 20;
pub const XN_FLAG_FN_SN: u64 = 0;
pub const XN_FLAG_FN_LN: u64 = 1 << 21;
pub const XN_FLAG_FN_OID: u64 = 2 << 21;
pub const XN_FLAG_FN_NONE: u64 = 3 << 21;
pub const XN_FLAG_FN_MASK: u64 = 0x3 << 21;
pub const XN_FLAG_SPC_EQ: u64 = 1 << 23;
pub const XN_FLAG_DUMP_UNKNOWN_FIELDS: u64 = 1 << 24;
pub const XN_FLAG_FN_ALIGN: u64 = 1 << 25;
pub const XN_FLAG_RFC2253: u64 = ASN1_STRFLGS_RFC2253
    | XN_FLAG_SEP_COMMA_PLUS
    | XN_FLAG_DN_REV
    | XN_FLAG_FN_SN
    | XN_FLAG_DUMP_UNKNOWN_FIELDS;
pub const XN_FLAG_ONELINE: u64 = ASN1_STRFLGS_RFC2253
    | ASN1_STRFLGS_ESC_QUOTE
    | XN_FLAG_SEP_CPLUS_SPC
    | XN_FLAG_SPC_EQ
    | XN_FLAG_FN_SN;
pub const XN_FLAG_MULTILINE: u64 = ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB
    | XN_FLAG_SEP_MULTILINE
    | XN_FLAG_SPC_EQ
    | XN_FLAG_FN_LN
    | XN_FLAG_FN_ALIGN;

// Reasons (asn1err.h, x509err.h, pemerr.h, objectserr.h).
pub const ASN1_R_BAD_OBJECT_HEADER: c_int = 102;
pub const ASN1_R_HEADER_TOO_LONG: c_int = 123;
pub const ASN1_R_ILLEGAL_TIME_VALUE: c_int = 184;
pub const ASN1_R_INVALID_OBJECT_ENCODING: c_int = 216;
pub const ASN1_R_NOT_ENOUGH_DATA: c_int = 142;
pub const ASN1_R_SEQUENCE_LENGTH_MISMATCH: c_int = 148;
pub const ASN1_R_TOO_LONG: c_int = 155;
pub const ASN1_R_WRONG_TAG: c_int = 168;
pub const ASN1_R_INVALID_VALUE: c_int = 219;
pub const ASN1_R_INTEGER_TOO_LARGE_FOR_LONG: c_int = 128;
pub const ASN1_R_UNKNOWN_TAG: c_int = 194;
pub const ASN1_R_BUFFER_TOO_SMALL: c_int = 107;
pub const ASN1_R_ILLEGAL_CHARACTERS: c_int = 124;
pub const X509_R_UNKNOWN_NID: c_int = 109;
pub const X509_R_INVALID_FIELD_NAME: c_int = 119;
pub const PEM_R_BAD_BASE64_DECODE: c_int = 100;
pub const PEM_R_BAD_END_LINE: c_int = 102;
pub const PEM_R_NO_START_LINE: c_int = 108;
pub const OBJ_R_UNKNOWN_NID: c_int = 101;
pub const OBJ_R_UNKNOWN_OBJECT_NAME: c_int = 103;

fn asn1_err(reason: c_int) -> Error {
    Error::new(ERR_LIB_ASN1, reason)
}

// ---------------------------------------------------------------------------
// DER reader.

/// One tag-length-value: `tag` is the identifier octet, `content` the value,
/// `raw` the whole encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// A cursor over DER: single-octet tags, definite lengths up to four octets.
#[derive(Clone, Copy, Debug)]
pub struct Der<'a> {
    rest: &'a [u8],
}

pub const TAG_CONSTRUCTED: u8 = 0x20;
pub const TAG_CONTEXT: u8 = 0x80;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_SET: u8 = 0x31;

impl<'a> Der<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { rest: data }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads the next TLV, checking every length against what remains.
    pub fn read(&mut self) -> Result<Tlv<'a>, Error> {
        let (header, len) = header(self.rest)?;
        let total = header
            .checked_add(len)
            .ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        let raw = self
            .rest
            .get(..total)
            .ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        let content = raw.get(header..).ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        self.rest = self.rest.get(total..).unwrap_or(&[]);
        Ok(Tlv {
            tag: raw[0],
            content,
            raw,
        })
    }

    /// Reads a TLV that must carry `tag`, returning its content.
    pub fn expect(&mut self, tag: u8) -> Result<&'a [u8], Error> {
        Ok(self.expect_tlv(tag)?.content)
    }

    pub fn expect_tlv(&mut self, tag: u8) -> Result<Tlv<'a>, Error> {
        match self.peek_tag() {
            Some(t) if t == tag => self.read(),
            Some(_) => Err(asn1_err(ASN1_R_WRONG_TAG)),
            None => Err(asn1_err(ASN1_R_HEADER_TOO_LONG)),
        }
    }

    /// Reads a TLV if the next tag is `tag`.
    pub fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, Error> {
        if self.peek_tag() == Some(tag) {
            Ok(Some(self.read()?.content))
        } else {
            Ok(None)
        }
    }

    /// Fails unless everything was consumed.
    pub fn finish(&self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(asn1_err(ASN1_R_SEQUENCE_LENGTH_MISMATCH))
        }
    }
}

/// Parses a TLV header: (header length, content length).
fn header(data: &[u8]) -> Result<(usize, usize), Error> {
    let tag = *data
        .first()
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    if tag & 0x1f == 0x1f {
        // High tag numbers never occur in certificates.
        return Err(asn1_err(ASN1_R_BAD_OBJECT_HEADER));
    }
    let first = *data
        .get(1)
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    if first < 0x80 {
        return Ok((2, first as usize));
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        // 0x80 is BER's indefinite length, which DER forbids.
        return Err(asn1_err(ASN1_R_HEADER_TOO_LONG));
    }
    let bytes = data
        .get(2..2 + n)
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    let len = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
    Ok((2 + n, len))
}

/// The length of the first complete TLV in `data` (what `d2i_*` consumes).
pub fn tlv_len(data: &[u8]) -> Result<usize, Error> {
    let (h, l) = header(data)?;
    let total = h.checked_add(l).ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
    if total > data.len() {
        return Err(asn1_err(ASN1_R_TOO_LONG));
    }
    Ok(total)
}

/// Encodes a DER length.
fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

fn push_tlv(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    push_len(out, content.len());
    out.extend_from_slice(content);
}

// ---------------------------------------------------------------------------
// ASN1_STRING (also ASN1_INTEGER, ASN1_TIME, ASN1_IA5STRING, ASN1_OCTET_STRING…).

/// OpenSSL's public `struct asn1_string_st { int length; int type; unsigned
/// char *data; long flags; }`, which some clients read directly. `data` is an
/// `AtomicPtr` only so the struct is `Send + Sync`; it has the layout of a
/// plain pointer.
/// cbindgen:ignore
#[repr(C)]
#[derive(Debug)]
pub struct asn1_string_st {
    pub length: c_int,
    pub r#type: c_int,
    pub data: AtomicPtr<u8>,
    pub flags: c_long,
}
pub type ASN1_STRING = asn1_string_st;

/// An `ASN1_STRING` with the bytes it points to. The C struct comes first, so
/// a pointer to the C struct is a pointer to this.
#[repr(C)]
#[derive(Debug)]
pub struct Asn1String {
    c: asn1_string_st,
    /// The content followed by a NUL (OpenSSL always NUL-terminates `data`).
    buf: Box<[u8]>,
}

impl Asn1String {
    /// A string embedded in a parent object (`ASN1_STRING_free` ignores it).
    pub fn new(r#type: c_int, content: &[u8]) -> Self {
        Self::with_flags(r#type, content, ASN1_STRING_FLAG_EMBED)
    }

    /// A string C owns and frees (`ASN1_STRING_free`).
    pub fn owned(r#type: c_int, content: &[u8]) -> Self {
        Self::with_flags(r#type, content, 0)
    }

    fn with_flags(r#type: c_int, content: &[u8], flags: c_long) -> Self {
        let mut v = Vec::with_capacity(content.len() + 1);
        v.extend_from_slice(content);
        v.push(0);
        let buf = v.into_boxed_slice();
        let data = AtomicPtr::new(buf.as_ptr() as *mut u8);
        let length = c_int::try_from(content.len()).unwrap_or(c_int::MAX);
        Self {
            c: asn1_string_st {
                length,
                r#type,
                data,
                flags,
            },
            buf,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.buf.len() - 1]
    }

    pub fn kind(&self) -> c_int {
        self.c.r#type
    }

    pub fn is_embedded(&self) -> bool {
        self.c.flags & ASN1_STRING_FLAG_EMBED != 0
    }

    pub fn as_c(&self) -> *mut ASN1_STRING {
        &self.c as *const ASN1_STRING as *mut ASN1_STRING
    }

    pub fn clone_owned(&self) -> Self {
        Self::owned(self.kind(), self.bytes())
    }

    /// `ASN1_STRING_to_UTF8`: the string as UTF-8, converting BMP/Universal
    /// and single-byte (Latin-1) types; `None` for types OpenSSL refuses.
    pub fn to_utf8(&self) -> Option<Vec<u8>> {
        to_utf8(self.kind(), self.bytes())
    }
}

/// OpenSSL's `tag2nbyte`: character width by string type (0 is UTF-8).
fn char_width(r#type: c_int) -> Option<usize> {
    match r#type {
        V_ASN1_UTF8STRING => Some(0),
        18 | 19 | 20 | 22 | 23 | 24 | 26 | 27 => Some(1),
        V_ASN1_UNIVERSALSTRING => Some(4),
        V_ASN1_BMPSTRING => Some(2),
        _ => None,
    }
}

/// Decodes a string of the given type into code points.
fn code_points(r#type: c_int, bytes: &[u8]) -> Option<Vec<u32>> {
    match char_width(r#type)? {
        0 => Some(
            std::str::from_utf8(bytes)
                .ok()?
                .chars()
                .map(|c| c as u32)
                .collect(),
        ),
        1 => Some(bytes.iter().map(|&b| b as u32).collect()),
        2 if bytes.len() % 2 == 0 => Some(
            bytes
                .chunks_exact(2)
                .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
                .collect(),
        ),
        4 if bytes.len() % 4 == 0 => Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ),
        _ => None,
    }
}

/// OpenSSL's `UTF8_putc`: up to 6 bytes (the old UTF-8 range, surrogates kept).
fn utf8_put(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xc0 | (c >> 6) as u8, 0x80 | (c & 0x3f) as u8]);
    } else if c < 0x10000 {
        out.extend_from_slice(&[
            0xe0 | (c >> 12) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    } else if c < 0x200000 {
        out.extend_from_slice(&[
            0xf0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3f) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    } else if c < 0x4000000 {
        out.extend_from_slice(&[
            0xf8 | (c >> 24) as u8,
            0x80 | ((c >> 18) & 0x3f) as u8,
            0x80 | ((c >> 12) & 0x3f) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xfc | ((c >> 30) & 1) as u8,
            0x80 | ((c >> 24) & 0x3f) as u8,
            0x80 | ((c >> 18) & 0x3f) as u8,
            0x80 | ((c >> 12) & 0x3f) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    }
}

pub fn to_utf8(r#type: c_int, bytes: &[u8]) -> Option<Vec<u8>> {
    if r#type == V_ASN1_UTF8STRING {
        std::str::from_utf8(bytes).ok()?;
        return Some(bytes.to_vec());
    }
    let mut out = Vec::with_capacity(bytes.len());
    for c in code_points(r#type, bytes)? {
        utf8_put(&mut out, c);
    }
    Some(out)
}

// ---------------------------------------------------------------------------
// ASN1_INTEGER helpers.

/// An `ASN1_INTEGER` from DER INTEGER content: OpenSSL keeps the magnitude
/// (big-endian, no leading zeros) and marks negatives `V_ASN1_NEG_INTEGER`.
pub fn integer_from_der(content: &[u8]) -> Result<Asn1String, Error> {
    if content.is_empty() {
        return Err(asn1_err(ASN1_R_INVALID_VALUE));
    }
    if content[0] & 0x80 == 0 {
        let skip = content
            .iter()
            .take_while(|&&b| b == 0)
            .count()
            .min(content.len() - 1);
        let mag = &content[skip..];
        let mag = if mag == [0] { &[][..] } else { mag };
        return Ok(Asn1String::new(V_ASN1_INTEGER, mag));
    }
    // Negative: magnitude = two's complement.
    let mut mag: Vec<u8> = content.iter().map(|b| !b).collect();
    for b in mag.iter_mut().rev() {
        let (v, carry) = b.overflowing_add(1);
        *b = v;
        if !carry {
            break;
        }
    }
    let skip = mag.iter().take_while(|&&b| b == 0).count();
    Ok(Asn1String::new(V_ASN1_NEG_INTEGER, &mag[skip..]))
}

/// `ASN1_INTEGER_get`: the value as a `long`, `None` if it does not fit.
pub fn integer_value(s: &Asn1String) -> Option<i64> {
    let mag = s.bytes();
    if mag.len() > 8 {
        return None;
    }
    let v = mag.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if s.kind() & V_ASN1_NEG != 0 {
        if v > 1u64 << 63 {
            return None;
        }
        Some((v as i64).wrapping_neg())
    } else {
        i64::try_from(v).ok()
    }
}

/// `i2a_ASN1_INTEGER`: uppercase hex, `00` for zero, `-` for negatives, a
/// `\` line break every 35 bytes.
pub fn integer_hex(s: &Asn1String) -> String {
    let mut out = String::new();
    if s.kind() & V_ASN1_NEG != 0 {
        out.push('-');
    }
    if s.bytes().is_empty() {
        out.push_str("00");
    }
    for (i, b) in s.bytes().iter().enumerate() {
        if i != 0 && i % 35 == 0 {
            out.push_str("\\\n");
        }
        out.push_str(&format!("{b:02X}"));
    }
    out
}

// ---------------------------------------------------------------------------
// ASN1_TIME.

/// A broken-down UTC time (month 1..=12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Tm {
    pub fn to_unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    pub fn from_unix(t: i64) -> Self {
        let days = t.div_euclid(86400);
        let secs = t.rem_euclid(86400);
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
        }
    }

    /// Day of the week, 0 = Sunday.
    pub fn weekday(&self) -> u32 {
        (days_from_civil(self.year, self.month, self.day) + 4).rem_euclid(7) as u32
    }

    /// Day of the year, 0-based.
    pub fn yearday(&self) -> u32 {
        (days_from_civil(self.year, self.month, self.day) - days_from_civil(self.year, 1, 1)) as u32
    }
}

/// A parsed `ASN1_TIME` (`ossl_asn1_time_to_tm`, non-strict): UTCTime
/// `YYMMDDHHMM[SS](Z|±HHMM)`, GeneralizedTime `YYYYMMDDHHMM[SS[.f+]](Z|±HHMM)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// The instant, in UTC.
    pub tm: Tm,
    /// The fractional seconds' byte range in the original string (with the '.').
    pub frac: Option<(usize, usize)>,
    /// The string ends in 'Z'.
    pub gmt: bool,
}

pub fn parse_time(r#type: c_int, s: &[u8]) -> Option<Time> {
    let generalized = match r#type {
        V_ASN1_UTCTIME => false,
        V_ASN1_GENERALIZEDTIME => true,
        _ => return None,
    };
    let mut i = 0;
    let num = |n: usize, i: &mut usize| -> Option<u32> {
        let d = s.get(*i..*i + n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        Some(d.iter().fold(0u32, |a, &b| a * 10 + u32::from(b - b'0')))
    };
    let year = if generalized {
        i64::from(num(4, &mut i)?)
    } else {
        let y = i64::from(num(2, &mut i)?);
        if y < 50 {
            2000 + y
        } else {
            1900 + y
        }
    };
    let month = num(2, &mut i)?;
    let day = num(2, &mut i)?;
    let hour = num(2, &mut i)?;
    let minute = num(2, &mut i)?;
    let second = if s.get(i).is_some_and(u8::is_ascii_digit) {
        num(2, &mut i)?
    } else {
        0
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut frac = None;
    if generalized && s.get(i) == Some(&b'.') {
        let start = i;
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start + 1 {
            return None;
        }
        frac = Some((start, i - start));
    }
    let tm = Tm {
        year,
        month,
        day,
        hour,
        minute,
        second,
    };
    match s.get(i)? {
        b'Z' if i + 1 == s.len() => Some(Time {
            tm,
            frac,
            gmt: true,
        }),
        sign @ (b'+' | b'-') => {
            i += 1;
            let oh = num(2, &mut i)?;
            let om = num(2, &mut i)?;
            if i != s.len() || oh > 12 || om > 59 {
                return None;
            }
            let off = i64::from(oh * 3600 + om * 60);
            let t = if *sign == b'+' {
                tm.to_unix() - off
            } else {
                tm.to_unix() + off
            };
            Some(Time {
                tm: Tm::from_unix(t),
                frac,
                gmt: false,
            })
        }
        _ => None,
    }
}

/// `ASN1_TIME_print`'s format: `Mar  1 12:00:00 2030 GMT`.
pub fn time_print(r#type: c_int, s: &[u8]) -> Option<String> {
    let t = parse_time(r#type, s)?;
    let frac = match t.frac {
        Some((start, len)) => String::from_utf8_lossy(&s[start..start + len]).into_owned(),
        None => String::new(),
    };
    Some(format!(
        "{} {:2} {:02}:{:02}:{:02}{} {}{}",
        MONTHS[(t.tm.month - 1) as usize],
        t.tm.day,
        t.tm.hour,
        t.tm.minute,
        t.tm.second,
        frac,
        t.tm.year,
        if t.gmt { " GMT" } else { "" }
    ))
}

/// Seconds since the epoch now.
pub fn now_unix() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// An `ASN1_TIME` for `t`: UTCTime for 1950..2049, else GeneralizedTime (as
/// `ASN1_TIME_set` chooses).
pub fn time_from_unix(t: i64) -> Asn1String {
    let tm = Tm::from_unix(t);
    if (1950..2050).contains(&tm.year) {
        let s = format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}Z",
            tm.year % 100,
            tm.month,
            tm.day,
            tm.hour,
            tm.minute,
            tm.second
        );
        Asn1String::owned(V_ASN1_UTCTIME, s.as_bytes())
    } else {
        let s = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}Z",
            tm.year, tm.month, tm.day, tm.hour, tm.minute, tm.second
        );
        Asn1String::owned(V_ASN1_GENERALIZEDTIME, s.as_bytes())
    }
}

// ---------------------------------------------------------------------------
// ASN1_OBJECT and the OBJ table.

/// An object identifier: DER content octets and the NID OpenSSL gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct asn1_object_st {
    nid: c_int,
    oid: Vec<u8>,
    /// Allocated for C (`OBJ_txt2obj`): `ASN1_OBJECT_free` releases it. Table
    /// and embedded objects are not dynamic and are never freed.
    dynamic: bool,
}
pub type ASN1_OBJECT = asn1_object_st;

impl asn1_object_st {
    /// From DER OBJECT IDENTIFIER content, validated like OpenSSL's `c2i_ASN1_OBJECT`.
    pub fn from_der_content(oid: &[u8]) -> Result<Self, Error> {
        if oid.is_empty() || oid.last().is_some_and(|&b| b & 0x80 != 0) {
            return Err(asn1_err(ASN1_R_INVALID_OBJECT_ENCODING));
        }
        // No sub-identifier may start with 0x80 (non-minimal).
        let mut at_start = true;
        for &b in oid {
            if at_start && b == 0x80 {
                return Err(asn1_err(ASN1_R_INVALID_OBJECT_ENCODING));
            }
            at_start = b & 0x80 == 0;
        }
        let nid = nid_of_oid(oid);
        Ok(Self {
            nid,
            oid: oid.to_vec(),
            dynamic: false,
        })
    }

    /// From dotted text ("2.5.4.3").
    pub fn from_dotted(s: &str) -> Option<Self> {
        let oid = encode_dotted(s)?;
        Some(Self {
            nid: nid_of_oid(&oid),
            oid,
            dynamic: false,
        })
    }

    /// `OBJ_txt2obj`: a short or long name (unless `no_name`), else dotted text.
    pub fn from_txt(s: &str, no_name: bool) -> Option<Self> {
        if !no_name {
            if let Some(o) = objects()
                .iter()
                .find(|o| o.nid != 0 && (sn(o.nid) == Some(s) || ln(o.nid) == Some(s)))
            {
                return Some(o.clone());
            }
        }
        Self::from_dotted(s)
    }

    pub fn nid(&self) -> c_int {
        self.nid
    }

    pub fn der_content(&self) -> &[u8] {
        &self.oid
    }

    pub fn is_dynamic(&self) -> bool {
        self.dynamic
    }

    /// A copy C owns (freed by `ASN1_OBJECT_free`).
    pub fn into_dynamic(mut self) -> Self {
        self.dynamic = true;
        self
    }

    /// Dotted decimal text; arcs beyond 64 bits print as "?".
    pub fn dotted(&self) -> String {
        let mut arcs: Vec<String> = Vec::new();
        let mut v: u64 = 0;
        let mut overflow = false;
        for &b in &self.oid {
            if v >> 57 != 0 {
                overflow = true;
            }
            v = (v << 7) | u64::from(b & 0x7f);
            if b & 0x80 == 0 {
                if arcs.is_empty() {
                    let (a, b) = if overflow {
                        (2, None)
                    } else if v < 40 {
                        (0, Some(v))
                    } else if v < 80 {
                        (1, Some(v - 40))
                    } else {
                        (2, Some(v - 80))
                    };
                    arcs.push(a.to_string());
                    arcs.push(b.map_or_else(|| "?".to_owned(), |b| b.to_string()));
                } else {
                    arcs.push(if overflow {
                        "?".to_owned()
                    } else {
                        v.to_string()
                    });
                }
                v = 0;
                overflow = false;
            }
        }
        arcs.join(".")
    }

    /// `OBJ_obj2txt`: the long name (else short name) unless `no_name`, else dotted.
    pub fn txt(&self, no_name: bool) -> String {
        if !no_name && self.nid != 0 {
            if let Some(s) = ln(self.nid).or_else(|| sn(self.nid)) {
                return s.to_owned();
            }
        }
        self.dotted()
    }
}

fn encode_dotted(s: &str) -> Option<Vec<u8>> {
    let arcs: Vec<u64> = s
        .split('.')
        .map(|a| {
            if a.is_empty() || !a.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                a.parse().ok()
            }
        })
        .collect::<Option<_>>()?;
    if arcs.len() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) {
        return None;
    }
    let mut out = Vec::new();
    let first = arcs[0].checked_mul(40)?.checked_add(arcs[1])?;
    for v in std::iter::once(first).chain(arcs[2..].iter().copied()) {
        let mut groups = vec![(v & 0x7f) as u8];
        let mut v = v >> 7;
        while v != 0 {
            groups.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        out.extend(groups.iter().rev());
    }
    Some(out)
}

/// The table as `ASN1_OBJECT`s (what `OBJ_nid2obj` hands out; never freed).
pub fn objects() -> &'static [ASN1_OBJECT] {
    static OBJS: OnceLock<Vec<ASN1_OBJECT>> = OnceLock::new();
    OBJS.get_or_init(|| {
        OBJECTS
            .iter()
            .filter(|(_, _, _, oid)| !oid.is_empty())
            .filter_map(|&(nid, _, _, oid)| {
                Some(ASN1_OBJECT {
                    nid,
                    oid: encode_dotted(oid)?,
                    dynamic: false,
                })
            })
            .collect()
    })
}

fn nid_of_oid(oid: &[u8]) -> c_int {
    objects()
        .iter()
        .find(|o| o.oid == oid)
        .map_or(NID_undef, |o| o.nid)
}

fn row(nid: c_int) -> Option<&'static (c_int, &'static CStr, &'static CStr, &'static str)> {
    OBJECTS.iter().find(|r| r.0 == nid)
}

/// `OBJ_nid2sn` as a C string.
pub fn sn_c(nid: c_int) -> Option<&'static CStr> {
    row(nid).map(|r| r.1)
}

/// `OBJ_nid2ln` as a C string.
pub fn ln_c(nid: c_int) -> Option<&'static CStr> {
    row(nid).map(|r| r.2)
}

pub fn sn(nid: c_int) -> Option<&'static str> {
    sn_c(nid).and_then(|s| s.to_str().ok())
}

pub fn ln(nid: c_int) -> Option<&'static str> {
    ln_c(nid).and_then(|s| s.to_str().ok())
}

pub fn nid_by_sn(s: &str) -> c_int {
    OBJECTS
        .iter()
        .find(|r| r.1.to_bytes() == s.as_bytes())
        .map_or(NID_undef, |r| r.0)
}

pub fn nid_by_ln(s: &str) -> c_int {
    OBJECTS
        .iter()
        .find(|r| r.2.to_bytes() == s.as_bytes())
        .map_or(NID_undef, |r| r.0)
}

/// `OBJ_txt2nid`: short name, long name or dotted OID.
pub fn nid_by_txt(s: &str) -> c_int {
    ASN1_OBJECT::from_txt(s, false).map_or(NID_undef, |o| o.nid)
}

pub fn obj_by_nid(nid: c_int) -> Option<&'static ASN1_OBJECT> {
    objects().iter().find(|o| o.nid == nid)
}

/// `OBJ_find_sigid_algs`: (digest NID, public key NID) of a signature NID.
pub fn sigid_algs(sig: c_int) -> Option<(c_int, c_int)> {
    const T: &[(c_int, c_int, c_int)] = &[
        (NID_md5WithRSAEncryption, NID_md5, NID_rsaEncryption),
        (NID_sha1WithRSAEncryption, NID_sha1, NID_rsaEncryption),
        (NID_sha224WithRSAEncryption, NID_sha224, NID_rsaEncryption),
        (NID_sha256WithRSAEncryption, NID_sha256, NID_rsaEncryption),
        (NID_sha384WithRSAEncryption, NID_sha384, NID_rsaEncryption),
        (NID_sha512WithRSAEncryption, NID_sha512, NID_rsaEncryption),
        (NID_rsassaPss, NID_undef, NID_rsassaPss),
        (NID_ecdsa_with_SHA1, NID_sha1, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA224, NID_sha224, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA256, NID_sha256, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA384, NID_sha384, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA512, NID_sha512, NID_X9_62_id_ecPublicKey),
        (NID_dsaWithSHA1, NID_sha1, NID_dsa),
        (NID_dsa_with_SHA256, NID_sha256, NID_dsa),
        (NID_ED25519, NID_undef, NID_ED25519),
        (NID_ED448, NID_undef, NID_ED448),
    ];
    T.iter().find(|r| r.0 == sig).map(|r| (r.1, r.2))
}

// ---------------------------------------------------------------------------
// X509_NAME.

/// One attribute of a name: `X509_NAME_ENTRY` (type, value, RDN index).
#[derive(Debug)]
pub struct X509_name_entry_st {
    object: ASN1_OBJECT,
    value: Asn1String,
    set: c_int,
}
pub type X509_NAME_ENTRY = X509_name_entry_st;

impl X509_name_entry_st {
    pub fn object(&self) -> &ASN1_OBJECT {
        &self.object
    }
    pub fn value(&self) -> &Asn1String {
        &self.value
    }
    /// The index of the RDN (SET) this entry belongs to.
    pub fn set(&self) -> c_int {
        self.set
    }
}

/// A distinguished name: entries in encoding order, and the encoding.
#[derive(Debug)]
pub struct X509_name_st {
    entries: Vec<X509_NAME_ENTRY>,
    der: Vec<u8>,
}
pub type X509_NAME = X509_name_st;

/// A name attribute value's type: any universal primitive string type, or a
/// constructed SEQUENCE kept as its DER.
fn parse_attr_value(tlv: &Tlv<'_>) -> Result<Asn1String, Error> {
    if tlv.tag & 0xc0 != 0 {
        return Err(asn1_err(ASN1_R_WRONG_TAG));
    }
    if tlv.tag & TAG_CONSTRUCTED != 0 {
        return Ok(Asn1String::new(c_int::from(tlv.tag & 0x1f), tlv.raw));
    }
    Ok(Asn1String::new(c_int::from(tlv.tag), tlv.content))
}

impl X509_name_st {
    /// From a DER `Name` (the whole SEQUENCE).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let mut outer = Der::new(der);
        let seq = outer.expect_tlv(TAG_SEQUENCE)?;
        outer.finish()?;
        let mut rdns = Der::new(seq.content);
        let mut entries = Vec::new();
        let mut set: c_int = 0;
        while !rdns.is_empty() {
            let mut atvs = Der::new(rdns.expect(TAG_SET)?);
            if atvs.is_empty() {
                return Err(asn1_err(ASN1_R_INVALID_VALUE));
            }
            while !atvs.is_empty() {
                let mut atv = Der::new(atvs.expect(TAG_SEQUENCE)?);
                let object = ASN1_OBJECT::from_der_content(atv.expect(0x06)?)?;
                let value = parse_attr_value(&atv.read()?)?;
                atv.finish()?;
                entries.push(X509_NAME_ENTRY { object, value, set });
            }
            set += 1;
        }
        Ok(Self {
            entries,
            der: seq.raw.to_vec(),
        })
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    pub fn entries(&self) -> &[X509_NAME_ENTRY] {
        &self.entries
    }

    pub fn dup(&self) -> Self {
        Self {
            entries: self
                .entries
                .iter()
                .map(|e| X509_NAME_ENTRY {
                    object: e.object.clone(),
                    value: Asn1String::new(e.value.kind(), e.value.bytes()),
                    set: e.set,
                })
                .collect(),
            der: self.der.clone(),
        }
    }

    /// `X509_NAME_get_index_by_NID`: the next entry after `lastpos` of type
    /// `nid`, or -1 (also -2 when `nid` is unknown, as OpenSSL).
    pub fn index_by_nid(&self, nid: c_int, lastpos: c_int) -> c_int {
        if obj_by_nid(nid).is_none() {
            return -2;
        }
        let start = if lastpos < 0 { 0 } else { lastpos as usize + 1 };
        self.entries
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, e)| e.object.nid == nid)
            .map_or(-1, |(i, _)| i as c_int)
    }

    /// The text of `X509_NAME_oneline`: `/C=US/O=Example/CN=localhost`.
    pub fn oneline(&self) -> String {
        self.oneline_limited(usize::MAX)
    }

    /// `X509_NAME_oneline` into a buffer of `cap - 1` characters: entries that
    /// do not fit whole are left out, as OpenSSL does.
    pub fn oneline_limited(&self, max: usize) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let name = sn(e.object.nid)
                .filter(|_| e.object.nid != NID_undef)
                .map_or_else(|| e.object.dotted(), str::to_owned);
            let q = e.value.bytes();
            let mut gs_doit = [true; 4];
            if e.value.kind() == V_ASN1_GENERALSTRING && q.len() % 4 == 0 {
                let mut nz = [false; 4];
                for (j, &b) in q.iter().enumerate() {
                    if b != 0 {
                        nz[j & 3] = true;
                    }
                }
                gs_doit = if nz[0] || nz[1] || nz[2] {
                    [true; 4]
                } else {
                    [false, false, false, true]
                };
            }
            let mut part = format!("/{name}=");
            for (j, &b) in q.iter().enumerate() {
                if !gs_doit[j & 3] {
                    continue;
                }
                if !(b' '..=b'~').contains(&b) {
                    part.push_str(&format!("\\x{b:02X}"));
                } else if b == b'/' || b == b'+' {
                    part.push('\\');
                    part.push(b as char);
                } else {
                    part.push(b as char);
                }
            }
            if out.len() + part.len() > max {
                break;
            }
            out.push_str(&part);
        }
        out
    }

    /// `X509_NAME_print_ex(out, name, indent, flags)` text; `None` where
    /// OpenSSL returns -1 (bad separator flags, undecodable value).
    pub fn print_ex(&self, indent: c_int, flags: u64) -> Option<String> {
        if flags == XN_FLAG_COMPAT {
            return Some(self.print_compat());
        }
        let mut indent = indent.max(0) as usize;
        let mut out = " ".repeat(indent);
        let (sep_dn, sep_mv) = match flags & XN_FLAG_SEP_MASK {
            XN_FLAG_SEP_MULTILINE => ("\n", " + "),
            XN_FLAG_SEP_COMMA_PLUS => {
                indent = 0;
                (",", "+")
            }
            XN_FLAG_SEP_CPLUS_SPC => {
                indent = 0;
                (", ", " + ")
            }
            XN_FLAG_SEP_SPLUS_SPC => {
                indent = 0;
                ("; ", " + ")
            }
            _ => return None,
        };
        let sep_eq = if flags & XN_FLAG_SPC_EQ != 0 {
            " = "
        } else {
            "="
        };
        let fn_opt = flags & XN_FLAG_FN_MASK;
        let n = self.entries.len();
        let mut prev: Option<c_int> = None;
        for i in 0..n {
            let e = if flags & XN_FLAG_DN_REV != 0 {
                &self.entries[n - i - 1]
            } else {
                &self.entries[i]
            };
            if let Some(p) = prev {
                if p == e.set {
                    out.push_str(sep_mv);
                } else {
                    out.push_str(sep_dn);
                    out.push_str(&" ".repeat(indent));
                }
            }
            prev = Some(e.set);
            let nid = e.object.nid;
            if fn_opt != XN_FLAG_FN_NONE {
                let (obj, fld_len) = if fn_opt == XN_FLAG_FN_OID || nid == NID_undef {
                    (e.object.dotted(), 0)
                } else if fn_opt == XN_FLAG_FN_SN {
                    (sn(nid).unwrap_or("").to_owned(), 10)
                } else {
                    (ln(nid).unwrap_or("").to_owned(), 25)
                };
                out.push_str(&obj);
                if obj.len() < fld_len && flags & XN_FLAG_FN_ALIGN != 0 {
                    out.push_str(&" ".repeat(fld_len - obj.len()));
                }
                out.push_str(sep_eq);
            }
            let orflags = if nid == NID_undef && flags & XN_FLAG_DUMP_UNKNOWN_FIELDS != 0 {
                ASN1_STRFLGS_DUMP_ALL
            } else {
                0
            };
            out.push_str(&string_print_ex(&e.value, flags | orflags)?);
        }
        Some(out)
    }

    /// `X509_NAME_print` (flags `XN_FLAG_COMPAT`): the oneline form with the
    /// slashes before attribute names turned into ", ".
    fn print_compat(&self) -> String {
        let b = self.oneline().into_bytes();
        if b.is_empty() {
            return String::new();
        }
        let mut out = Vec::new();
        let s = &b[1..];
        let mut c = 0;
        let at = |i: usize| s.get(i).copied().unwrap_or(0);
        let mut i = 0;
        loop {
            let end = i >= s.len();
            if end
                || (at(i) == b'/'
                    && at(i + 1).is_ascii_uppercase()
                    && (at(i + 2) == b'=' || (at(i + 2).is_ascii_uppercase() && at(i + 3) == b'=')))
            {
                out.extend_from_slice(&s[c..i.min(s.len())]);
                c = i + 1;
                if !end {
                    out.extend_from_slice(b", ");
                }
            }
            if end {
                break;
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// OpenSSL's canonical encoding (`x509_name_canon`): each RDN as a SET of
    /// (OID, UTF8String value lower-cased with whitespace collapsed), no outer
    /// SEQUENCE. Used by `X509_NAME_cmp` and `X509_NAME_hash`.
    pub fn canonical(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.entries.len() {
            let set = self.entries[i].set;
            let mut body = Vec::new();
            while i < self.entries.len() && self.entries[i].set == set {
                let e = &self.entries[i];
                let mut atv = Vec::new();
                push_tlv(&mut atv, 0x06, &e.object.oid);
                match canon_value(&e.value) {
                    Some(v) => push_tlv(&mut atv, V_ASN1_UTF8STRING as u8, &v),
                    None if e.value.kind() == V_ASN1_SEQUENCE => {
                        atv.extend_from_slice(e.value.bytes())
                    }
                    None => push_tlv(&mut atv, e.value.kind() as u8, e.value.bytes()),
                }
                push_tlv(&mut body, TAG_SEQUENCE, &atv);
                i += 1;
            }
            push_tlv(&mut out, TAG_SET, &body);
        }
        out
    }

    /// `X509_NAME_cmp`: the length difference of the canonical encodings, else memcmp.
    pub fn cmp(&self, other: &Self) -> c_int {
        let (a, b) = (self.canonical(), other.canonical());
        if a.len() != b.len() {
            return if a.len() < b.len() { -1 } else { 1 };
        }
        match a.cmp(&b) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// `X509_NAME_hash_ex`: the first four bytes of SHA-1 of the canonical
    /// encoding, little-endian.
    pub fn hash(&self) -> u32 {
        let d = aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
            &self.canonical(),
        );
        let d = d.as_ref();
        u32::from_le_bytes([d[0], d[1], d[2], d[3]])
    }
}

/// `asn1_string_canon`: strings of the canonical types become UTF-8 with
/// leading/trailing whitespace removed, inner runs collapsed to one space and
/// ASCII lower-cased; others are kept as they are (`None`).
fn canon_value(v: &Asn1String) -> Option<Vec<u8>> {
    const CANON: [c_int; 7] = [
        V_ASN1_UTF8STRING,
        V_ASN1_BMPSTRING,
        V_ASN1_UNIVERSALSTRING,
        V_ASN1_PRINTABLESTRING,
        V_ASN1_T61STRING,
        V_ASN1_IA5STRING,
        V_ASN1_VISIBLESTRING,
    ];
    if !CANON.contains(&v.kind()) {
        return None;
    }
    let u = v.to_utf8().unwrap_or_else(|| v.bytes().to_vec());
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut out = Vec::with_capacity(u.len());
    let mut pending_space = false;
    for &b in u.iter().skip_while(|&&b| space(b)) {
        if space(b) {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(if b & 0x80 == 0 {
            b.to_ascii_lowercase()
        } else {
            b
        });
    }
    Some(out)
}

/// OpenSSL's `char_type` escaping classes for ASCII (charmap.h), the bits
/// this code uses: 1 ESC_2253, 2 ESC_CTRL, 8 ESC_QUOTE, 32 first char, 64
/// last char, 1024 ESC_2254.
static CHAR_TYPE: [u16; 128] = [
    1026, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, //
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, //
    104, 0, 1, 40, 0, 0, 0, 0, 1024, 1024, 1024, 9, 9, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 0, 9, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1025, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, //
];
const CHARTYPE_FIRST_ESC_2253: u64 = 0x20;
const CHARTYPE_LAST_ESC_2253: u64 = 0x40;
const CHARTYPE_BS_ESC: u64 =
    ASN1_STRFLGS_ESC_2253 | CHARTYPE_FIRST_ESC_2253 | CHARTYPE_LAST_ESC_2253;
const ESC_FLAGS: u64 = ASN1_STRFLGS_ESC_2253
    | ASN1_STRFLGS_ESC_2254
    | ASN1_STRFLGS_ESC_QUOTE
    | ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB;

/// `do_esc_char`: appends `c` escaped per `flags`; sets `quotes` if the
/// value must be quoted instead.
fn esc_char(out: &mut String, c: u32, flags: u64, quotes: &mut bool) {
    if c > 0xffff {
        out.push_str(&format!("\\W{c:08X}"));
        return;
    }
    if c > 0xff {
        out.push_str(&format!("\\U{c:04X}"));
        return;
    }
    let ch = c as u8;
    let chflgs = if ch > 0x7f {
        flags & ASN1_STRFLGS_ESC_MSB
    } else {
        u64::from(CHAR_TYPE[ch as usize]) & flags
    };
    if chflgs & CHARTYPE_BS_ESC != 0 {
        if chflgs & ASN1_STRFLGS_ESC_QUOTE != 0 {
            *quotes = true;
            out.push(ch as char);
            return;
        }
        out.push('\\');
        out.push(ch as char);
        return;
    }
    if chflgs & (ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_ESC_2254) != 0 {
        out.push_str(&format!("\\{ch:02X}"));
        return;
    }
    if ch == b'\\' && flags & ESC_FLAGS != 0 {
        out.push_str("\\\\");
        return;
    }
    // Bytes 0x80..0xff reach here only unescaped; keep them as raw bytes'
    // Latin-1 code points is wrong for UTF-8 output, so callers that print
    // UTF-8 go through `esc_char` byte by byte (see `string_print_ex`).
    out.push(char::from(ch));
}

/// `ASN1_STRING_print_ex` text (the part of `do_print_ex` names use).
pub fn string_print_ex(s: &Asn1String, lflags: u64) -> Option<String> {
    let flags = lflags & ESC_FLAGS;
    let mut out = String::new();
    if lflags & ASN1_STRFLGS_SHOW_TYPE != 0 {
        let t = match s.kind() {
            t if t & V_ASN1_NEG != 0 => "NEG".to_owned(),
            t => tag_name(t),
        };
        out.push_str(&t);
        out.push(':');
    }
    let mut width: Option<usize> = if lflags & ASN1_STRFLGS_DUMP_ALL != 0 {
        None
    } else if lflags & ASN1_STRFLGS_IGNORE_TYPE != 0 {
        Some(1)
    } else {
        let w = char_width(s.kind());
        if w.is_none() && lflags & ASN1_STRFLGS_DUMP_UNKNOWN == 0 {
            Some(1)
        } else {
            w
        }
    };
    let Some(w) = width.take() else {
        out.push_str(&dump(s, lflags));
        return Some(out);
    };
    // UTF8String with UTF8_CONVERT: printed byte by byte (as OpenSSL does).
    let (w, convert) = if lflags & ASN1_STRFLGS_UTF8_CONVERT != 0 {
        if w == 0 {
            (1, false)
        } else {
            (w, true)
        }
    } else {
        (w, false)
    };
    let chars: Vec<u32> = match w {
        0 => std::str::from_utf8(s.bytes())
            .ok()?
            .chars()
            .map(|c| c as u32)
            .collect(),
        _ => code_points(
            if w == 1 {
                V_ASN1_IA5STRING
            } else if w == 2 {
                V_ASN1_BMPSTRING
            } else {
                V_ASN1_UNIVERSALSTRING
            },
            s.bytes(),
        )?,
    };
    let mut quotes = false;
    let mut body = Vec::<u8>::new();
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let mut orflags = 0;
        if i == 0 && flags & ASN1_STRFLGS_ESC_2253 != 0 {
            orflags = CHARTYPE_FIRST_ESC_2253;
        }
        if i + 1 == n && flags & ASN1_STRFLGS_ESC_2253 != 0 {
            orflags = CHARTYPE_LAST_ESC_2253;
        }
        let mut piece = String::new();
        if convert {
            let mut u = Vec::new();
            utf8_put(&mut u, c);
            for b in u {
                let mut p = String::new();
                esc_char(&mut p, u32::from(b), flags | orflags, &mut quotes);
                push_latin1_as_bytes(&mut body, &p);
            }
            continue;
        }
        esc_char(&mut piece, c, flags | orflags, &mut quotes);
        push_latin1_as_bytes(&mut body, &piece);
    }
    if quotes {
        out.push('"');
    }
    out.push_str(&String::from_utf8_lossy(&body));
    if quotes {
        out.push('"');
    }
    Some(out)
}

/// `esc_char` writes single-byte characters as `char`s < 256; turn them back
/// into the bytes OpenSSL would write.
fn push_latin1_as_bytes(out: &mut Vec<u8>, s: &str) {
    out.extend(s.chars().map(|c| c as u32 as u8));
}

fn tag_name(t: c_int) -> String {
    const NAMES: [&str; 31] = [
        "EOC",
        "BOOLEAN",
        "INTEGER",
        "BIT STRING",
        "OCTET STRING",
        "NULL",
        "OBJECT",
        "OBJECT DESCRIPTOR",
        "EXTERNAL",
        "REAL",
        "ENUMERATED",
        "<ASN1 11>",
        "UTF8STRING",
        "<ASN1 13>",
        "<ASN1 14>",
        "<ASN1 15>",
        "SEQUENCE",
        "SET",
        "NUMERICSTRING",
        "PRINTABLESTRING",
        "T61STRING",
        "VIDEOTEXSTRING",
        "IA5STRING",
        "UTCTIME",
        "GENERALIZEDTIME",
        "GRAPHICSTRING",
        "VISIBLESTRING",
        "GENERALSTRING",
        "UNIVERSALSTRING",
        "<ASN1 29>",
        "BMPSTRING",
    ];
    usize::try_from(t)
        .ok()
        .and_then(|i| NAMES.get(i))
        .map_or_else(|| "(unknown)".to_owned(), |s| (*s).to_owned())
}

/// `do_dump`: `#` and hex of the DER encoding (or of the content without DUMP_DER).
fn dump(s: &Asn1String, flags: u64) -> String {
    let bytes = if flags & ASN1_STRFLGS_DUMP_DER == 0 {
        s.bytes().to_vec()
    } else if s.kind() == V_ASN1_SEQUENCE {
        s.bytes().to_vec()
    } else {
        let mut v = Vec::new();
        push_tlv(&mut v, s.kind() as u8, s.bytes());
        v
    };
    let mut out = String::from("#");
    for b in bytes {
        out.push_str(&format!("{b:02X}"));
    }
    out
}

// ---------------------------------------------------------------------------
// Extensions and general names.

/// `X509_EXTENSION`: OID, critical flag, and the extnValue OCTET STRING.
#[derive(Debug)]
pub struct X509_extension_st {
    object: ASN1_OBJECT,
    critical: bool,
    value: Asn1String,
}
pub type X509_EXTENSION = X509_extension_st;

impl X509_extension_st {
    pub fn object(&self) -> &ASN1_OBJECT {
        &self.object
    }
    pub fn critical(&self) -> bool {
        self.critical
    }
    pub fn value(&self) -> &Asn1String {
        &self.value
    }
}

/// A subjectAltName entry, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneralName {
    OtherName {
        type_id: ASN1_OBJECT,
        value: Vec<u8>,
    },
    Email(Vec<u8>),
    Dns(Vec<u8>),
    X400(Vec<u8>),
    DirName(Vec<u8>),
    EdiParty(Vec<u8>),
    Uri(Vec<u8>),
    Ip(Vec<u8>),
    Rid(ASN1_OBJECT),
}

/// Parses `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`.
pub fn parse_general_names(der: &[u8]) -> Result<Vec<GeneralName>, Error> {
    let mut outer = Der::new(der);
    let mut seq = Der::new(outer.expect(TAG_SEQUENCE)?);
    outer.finish()?;
    let mut out = Vec::new();
    while !seq.is_empty() {
        let t = seq.read()?;
        let c = t.content.to_vec();
        out.push(match t.tag {
            0xa0 => {
                let mut d = Der::new(t.content);
                let type_id = ASN1_OBJECT::from_der_content(d.expect(0x06)?)?;
                let value = d.expect(0xa0)?.to_vec();
                d.finish()?;
                GeneralName::OtherName { type_id, value }
            }
            0x81 => GeneralName::Email(c),
            0x82 => GeneralName::Dns(c),
            0xa3 => GeneralName::X400(t.raw.to_vec()),
            0xa4 => {
                // [4] EXPLICIT Name
                X509_NAME::from_der(t.content)?;
                GeneralName::DirName(t.content.to_vec())
            }
            0xa5 => GeneralName::EdiParty(t.raw.to_vec()),
            0x86 => GeneralName::Uri(c),
            0x87 => GeneralName::Ip(c),
            0x88 => GeneralName::Rid(ASN1_OBJECT::from_der_content(t.content)?),
            _ => return Err(asn1_err(ASN1_R_WRONG_TAG)),
        });
    }
    Ok(out)
}

/// OpenSSL's public `GENERAL_NAME { int type; union { … } d; }`: `d` is an
/// `ASN1_IA5STRING*` for email/DNS/URI, `ASN1_OCTET_STRING*` for IP,
/// `X509_NAME*` for directory names, `ASN1_OBJECT*` for registered IDs,
/// `OTHERNAME*` for other names and `ASN1_STRING*` (the DER) otherwise.
/// cbindgen:ignore
#[repr(C)]
#[derive(Debug)]
pub struct GENERAL_NAME_st {
    pub r#type: c_int,
    pub d: *mut c_void,
}
/// cbindgen:ignore
pub type GENERAL_NAME = GENERAL_NAME_st;

/// OpenSSL's `ASN1_TYPE { int type; union { ASN1_STRING *… } value; }`.
#[repr(C)]
#[derive(Debug)]
pub struct asn1_type_st {
    pub r#type: c_int,
    pub value: *mut c_void,
}

/// OpenSSL's `OTHERNAME { ASN1_OBJECT *type_id; ASN1_TYPE *value; }`.
#[repr(C)]
#[derive(Debug)]
pub struct otherName_st {
    pub type_id: *mut ASN1_OBJECT,
    pub value: *mut asn1_type_st,
}

#[derive(Debug)]
enum GeneralNameStorage {
    Str(Box<Asn1String>),
    Name(Arc<X509_NAME>),
    Obj(Box<ASN1_OBJECT>),
    /// Kept alive for the pointers in `otherName_st`/`asn1_type_st`.
    #[allow(dead_code)]
    Other(
        Box<ASN1_OBJECT>,
        Box<Asn1String>,
        Box<asn1_type_st>,
        Box<otherName_st>,
    ),
}

/// A `GENERAL_NAME` handed to C, with what its `d` points to. The C struct
/// comes first: the handle is a pointer to this (from `Arc::into_raw`).
#[repr(C)]
#[derive(Debug)]
pub struct GeneralNameBox {
    c: GENERAL_NAME_st,
    storage: GeneralNameStorage,
}

impl GeneralNameBox {
    pub fn new(g: &GeneralName) -> Self {
        let s = |t: c_int, b: &[u8]| GeneralNameStorage::Str(Box::new(Asn1String::new(t, b)));
        let (r#type, storage) = match g {
            GeneralName::Email(b) => (GEN_EMAIL, s(V_ASN1_IA5STRING, b)),
            GeneralName::Dns(b) => (GEN_DNS, s(V_ASN1_IA5STRING, b)),
            GeneralName::Uri(b) => (GEN_URI, s(V_ASN1_IA5STRING, b)),
            GeneralName::Ip(b) => (GEN_IPADD, s(V_ASN1_OCTET_STRING, b)),
            GeneralName::X400(b) => (GEN_X400, s(V_ASN1_SEQUENCE, b)),
            GeneralName::EdiParty(b) => (GEN_EDIPARTY, s(V_ASN1_SEQUENCE, b)),
            GeneralName::DirName(der) => {
                let name = X509_NAME::from_der(der).unwrap_or(X509_NAME {
                    entries: Vec::new(),
                    der: der.clone(),
                });
                (GEN_DIRNAME, GeneralNameStorage::Name(Arc::new(name)))
            }
            GeneralName::Rid(o) => (GEN_RID, GeneralNameStorage::Obj(Box::new(o.clone()))),
            GeneralName::OtherName { type_id, value } => {
                let obj = Box::new(type_id.clone());
                let val = match Der::new(value).read() {
                    Ok(t) if t.tag & TAG_CONSTRUCTED == 0 && t.tag & 0xc0 == 0 => {
                        Asn1String::new(c_int::from(t.tag), t.content)
                    }
                    Ok(t) => Asn1String::new(c_int::from(t.tag & 0x1f), t.raw),
                    Err(_) => Asn1String::new(V_ASN1_SEQUENCE, value),
                };
                let val = Box::new(val);
                let ty = Box::new(asn1_type_st {
                    r#type: val.kind(),
                    value: val.as_c() as *mut c_void,
                });
                let on = Box::new(otherName_st {
                    type_id: &*obj as *const ASN1_OBJECT as *mut ASN1_OBJECT,
                    value: &*ty as *const asn1_type_st as *mut asn1_type_st,
                });
                (GEN_OTHERNAME, GeneralNameStorage::Other(obj, val, ty, on))
            }
        };
        let d = match &storage {
            GeneralNameStorage::Str(b) => b.as_c() as *mut c_void,
            GeneralNameStorage::Name(n) => Arc::as_ptr(n) as *mut c_void,
            GeneralNameStorage::Obj(o) => &**o as *const ASN1_OBJECT as *mut c_void,
            GeneralNameStorage::Other(_, _, _, on) => &**on as *const otherName_st as *mut c_void,
        };
        Self {
            c: GENERAL_NAME_st { r#type, d },
            storage,
        }
    }

    pub fn kind(&self) -> c_int {
        self.c.r#type
    }

    /// The string a DNS/email/URI/IP/X400/EDI name holds.
    pub fn string(&self) -> Option<&Asn1String> {
        match &self.storage {
            GeneralNameStorage::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn dirname(&self) -> Option<&X509_NAME> {
        match &self.storage {
            GeneralNameStorage::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn rid(&self) -> Option<&ASN1_OBJECT> {
        match &self.storage {
            GeneralNameStorage::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn d(&self) -> *mut c_void {
        self.c.d
    }

    /// `GENERAL_NAME_print` text.
    pub fn print(&self) -> String {
        let txt = |s: Option<&Asn1String>| {
            s.map_or_else(String::new, |s| {
                String::from_utf8_lossy(s.bytes()).into_owned()
            })
        };
        match self.c.r#type {
            GEN_OTHERNAME => "othername:<unsupported>".to_owned(),
            GEN_X400 => "X400Name:<unsupported>".to_owned(),
            GEN_EDIPARTY => "EdiPartyName:<unsupported>".to_owned(),
            GEN_EMAIL => format!("email:{}", txt(self.string())),
            GEN_DNS => format!("DNS:{}", txt(self.string())),
            GEN_URI => format!("URI:{}", txt(self.string())),
            GEN_DIRNAME => format!(
                "DirName:{}",
                self.dirname()
                    .and_then(|n| n.print_ex(0, XN_FLAG_ONELINE))
                    .unwrap_or_default()
            ),
            GEN_IPADD => format!(
                "IP Address:{}",
                self.string()
                    .map_or_else(String::new, |s| ip_to_text(s.bytes()))
            ),
            GEN_RID => format!(
                "Registered ID:{}",
                self.rid().map_or_else(String::new, |o| o.txt(false))
            ),
            _ => String::new(),
        }
    }
}

/// OpenSSL's `ossl_ipaddr_to_asc`: dotted quad, or eight `%X` groups.
pub fn ip_to_text(b: &[u8]) -> String {
    match b.len() {
        4 => format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]),
        16 => b
            .chunks_exact(2)
            .map(|c| format!("{:X}", u16::from_be_bytes([c[0], c[1]])))
            .collect::<Vec<_>>()
            .join(":"),
        _ => "<invalid>".to_owned(),
    }
}

// ---------------------------------------------------------------------------
// The certificate.

/// An X.509 certificate: its DER and the fields parsed from it.
#[derive(Debug)]
pub struct x509_st {
    der: CertificateDer<'static>,
    /// The encoded version: 0 for v1, 2 for v3.
    version: i64,
    serial: Asn1String,
    signature_alg: ASN1_OBJECT,
    issuer: Arc<X509_NAME>,
    subject: Arc<X509_NAME>,
    not_before: Asn1String,
    not_after: Asn1String,
    spki: std::ops::Range<usize>,
    extensions: Vec<X509_EXTENSION>,
    /// The subjectAltName entries; `None` without the extension.
    san: Option<Vec<GeneralName>>,
    /// basicConstraints cA.
    ca: Option<bool>,
}
pub type X509 = x509_st;

fn parse_time_field(d: &mut Der<'_>) -> Result<Asn1String, Error> {
    let t = d.read()?;
    match c_int::from(t.tag) {
        ty @ (V_ASN1_UTCTIME | V_ASN1_GENERALIZEDTIME) => Ok(Asn1String::new(ty, t.content)),
        _ => Err(asn1_err(ASN1_R_WRONG_TAG)),
    }
}

impl x509_st {
    /// Parses exactly one DER certificate (no trailing bytes).
    pub fn from_der(der: &[u8]) -> Result<Arc<x509_st>, Error> {
        Ok(Arc::new(Self::parse(der)?))
    }

    fn parse(der: &[u8]) -> Result<Self, Error> {
        let mut top = Der::new(der);
        let cert = top.expect_tlv(TAG_SEQUENCE)?;
        top.finish()?;
        let mut c = Der::new(cert.content);
        let tbs = c.expect(TAG_SEQUENCE)?;
        let mut sig_alg_outer = Der::new(c.expect(TAG_SEQUENCE)?);
        ASN1_OBJECT::from_der_content(sig_alg_outer.expect(0x06)?)?;
        c.expect(0x03)?;
        c.finish()?;

        let mut t = Der::new(tbs);
        let version = match t.optional(0xa0)? {
            Some(v) => {
                let mut v = Der::new(v);
                let n = integer_value(&integer_from_der(v.expect(0x02)?)?)
                    .ok_or_else(|| asn1_err(ASN1_R_INVALID_VALUE))?;
                v.finish()?;
                if !(0..=2).contains(&n) {
                    return Err(asn1_err(ASN1_R_INVALID_VALUE));
                }
                n
            }
            None => 0,
        };
        let serial = integer_from_der(t.expect(0x02)?)?;
        let mut alg = Der::new(t.expect(TAG_SEQUENCE)?);
        let signature_alg = ASN1_OBJECT::from_der_content(alg.expect(0x06)?)?;
        let issuer = X509_NAME::from_der(t.expect_tlv(TAG_SEQUENCE)?.raw)?;
        let mut validity = Der::new(t.expect(TAG_SEQUENCE)?);
        let not_before = parse_time_field(&mut validity)?;
        let not_after = parse_time_field(&mut validity)?;
        validity.finish()?;
        let subject = X509_NAME::from_der(t.expect_tlv(TAG_SEQUENCE)?.raw)?;
        let spki_tlv = t.expect_tlv(TAG_SEQUENCE)?;
        let mut spki_inner = Der::new(spki_tlv.content);
        spki_inner.expect(TAG_SEQUENCE)?;
        spki_inner.expect(0x03)?;
        spki_inner.finish()?;
        let spki_start = spki_tlv.raw.as_ptr() as usize - der.as_ptr() as usize;
        let spki = spki_start..spki_start + spki_tlv.raw.len();
        t.optional(0x81)?; // issuerUniqueID
        t.optional(0x82)?; // subjectUniqueID
        let mut extensions = Vec::new();
        if let Some(exts) = t.optional(0xa3)? {
            let mut outer = Der::new(exts);
            let mut list = Der::new(outer.expect(TAG_SEQUENCE)?);
            outer.finish()?;
            while !list.is_empty() {
                let mut e = Der::new(list.expect(TAG_SEQUENCE)?);
                let object = ASN1_OBJECT::from_der_content(e.expect(0x06)?)?;
                let critical = match e.optional(0x01)? {
                    Some([0]) => false,
                    Some([_]) => true,
                    Some(_) => return Err(asn1_err(ASN1_R_INVALID_VALUE)),
                    None => false,
                };
                let value = Asn1String::new(V_ASN1_OCTET_STRING, e.expect(0x04)?);
                e.finish()?;
                extensions.push(X509_EXTENSION {
                    object,
                    critical,
                    value,
                });
            }
        }
        t.finish()?;

        let mut san = None;
        let mut ca = None;
        for e in &extensions {
            match e.object.nid {
                NID_subject_alt_name if san.is_none() => {
                    san = Some(parse_general_names(e.value.bytes())?)
                }
                NID_basic_constraints if ca.is_none() => {
                    let mut outer = Der::new(e.value.bytes());
                    let mut bc = Der::new(outer.expect(TAG_SEQUENCE)?);
                    ca = Some(matches!(bc.optional(0x01)?, Some([b]) if *b != 0));
                }
                _ => {}
            }
        }

        Ok(Self {
            der: CertificateDer::from(der.to_vec()),
            version,
            serial,
            signature_alg,
            issuer: Arc::new(issuer),
            subject: Arc::new(subject),
            not_before,
            not_after,
            spki,
            extensions,
            san,
            ca,
        })
    }

    pub fn der(&self) -> &CertificateDer<'static> {
        &self.der
    }

    pub fn subject(&self) -> &X509_NAME {
        &self.subject
    }

    pub fn issuer(&self) -> &X509_NAME {
        &self.issuer
    }

    /// Another reference to the subject name (for STACK_OF(X509_NAME)).
    pub fn subject_arc(&self) -> Arc<X509_NAME> {
        self.subject.clone()
    }

    pub fn is_self_issued(&self) -> bool {
        self.subject.cmp(&self.issuer) == 0
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki(&self) -> &[u8] {
        &self.der.as_ref()[self.spki.clone()]
    }

    /// notAfter as seconds since the epoch (`i64::MIN` if unparseable: expired).
    pub fn not_after_unix(&self) -> i64 {
        parse_time(self.not_after.kind(), self.not_after.bytes())
            .map_or(i64::MIN, |t| t.tm.to_unix())
    }

    /// notBefore as seconds since the epoch (`i64::MAX` if unparseable: not yet valid).
    pub fn not_before_unix(&self) -> i64 {
        parse_time(self.not_before.kind(), self.not_before.bytes())
            .map_or(i64::MAX, |t| t.tm.to_unix())
    }

    pub fn not_before(&self) -> &Asn1String {
        &self.not_before
    }

    pub fn not_after(&self) -> &Asn1String {
        &self.not_after
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn serial(&self) -> &Asn1String {
        &self.serial
    }

    pub fn signature_nid(&self) -> c_int {
        self.signature_alg.nid
    }

    pub fn extensions(&self) -> &[X509_EXTENSION] {
        &self.extensions
    }

    /// The subjectAltName entries, `None` without the extension.
    pub fn san(&self) -> Option<&[GeneralName]> {
        self.san.as_deref()
    }

    /// (critical, count) of extensions with `nid` (`X509_get_ext_d2i`'s `crit`).
    pub fn ext_by_nid(&self, nid: c_int) -> Vec<&X509_EXTENSION> {
        self.extensions
            .iter()
            .filter(|e| e.object.nid == nid)
            .collect()
    }

    /// `X509_get_ext_by_NID`: index of the next extension after `lastpos`, or -1.
    pub fn ext_index_by_nid(&self, nid: c_int, lastpos: c_int) -> c_int {
        if obj_by_nid(nid).is_none() {
            return -2;
        }
        let start = if lastpos < 0 { 0 } else { lastpos as usize + 1 };
        self.extensions
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, e)| e.object.nid == nid)
            .map_or(-1, |(i, _)| i as c_int)
    }

    /// `X509_check_ca`: 1 for a CA by basicConstraints, 3 for a self-signed
    /// v1 certificate, else 0.
    pub fn check_ca(&self) -> c_int {
        match self.ca {
            Some(true) => 1,
            Some(false) => 0,
            None if self.version == 0 && self.is_self_issued() => 3,
            None => 0,
        }
    }

    /// `X509_check_host`: RFC 6125 matching as OpenSSL does it. Returns the
    /// matched name, or `None`.
    pub fn check_host(&self, host: &[u8], flags: u32) -> Option<Vec<u8>> {
        let wildcards = flags & X509_CHECK_FLAG_NO_WILDCARDS == 0;
        let matches = |pattern: &[u8]| {
            if wildcards {
                equal_wildcard(pattern, host, flags)
            } else {
                equal_nocase(pattern, host)
            }
        };
        let mut san_present = false;
        if let Some(san) = &self.san {
            for g in san {
                if let GeneralName::Dns(d) = g {
                    san_present = true;
                    if !d.is_empty() && matches(d) {
                        return Some(d.clone());
                    }
                }
            }
        }
        if (san_present && flags & X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT == 0)
            || flags & X509_CHECK_FLAG_NEVER_CHECK_SUBJECT != 0
        {
            return None;
        }
        for e in self
            .subject
            .entries
            .iter()
            .filter(|e| e.object.nid == NID_commonName)
        {
            if e.value.bytes().is_empty() {
                continue;
            }
            if let Some(cn) = e.value.to_utf8() {
                if matches(&cn) {
                    return Some(cn);
                }
            }
        }
        None
    }

    /// `X509_check_ip`: whether a subjectAltName iPAddress equals `ip` (4 or 16 bytes).
    pub fn check_ip(&self, ip: &[u8]) -> bool {
        self.san
            .iter()
            .flatten()
            .any(|g| matches!(g, GeneralName::Ip(a) if a == ip))
    }
}

/// `equal_nocase`: ASCII case-insensitive; the pattern may not contain NUL.
fn equal_nocase(pattern: &[u8], subject: &[u8]) -> bool {
    pattern.len() == subject.len()
        && pattern
            .iter()
            .zip(subject)
            .all(|(&l, &r)| l != 0 && l.eq_ignore_ascii_case(&r))
}

const LABEL_START: u32 = 1;
const LABEL_IDNA: u32 = 2;
const LABEL_HYPHEN: u32 = 4;

/// `valid_star`: the position of the single permitted `*` in `p`.
fn valid_star(p: &[u8], flags: u32) -> Option<usize> {
    let mut star = None;
    let mut state = LABEL_START;
    let mut dots = 0;
    for i in 0..p.len() {
        let c = p[i];
        if c == b'*' {
            let atstart = state & LABEL_START != 0;
            let atend = i == p.len() - 1 || p[i + 1] == b'.';
            if star.is_some() || state & LABEL_IDNA != 0 || dots != 0 {
                return None;
            }
            if flags & X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS != 0 && (!atstart || !atend) {
                return None;
            }
            if !atstart && !atend {
                return None;
            }
            star = Some(i);
            state &= !LABEL_START;
        } else if c.is_ascii_alphanumeric() {
            if state & LABEL_START != 0
                && p.len() - i >= 4
                && p[i..i + 4].eq_ignore_ascii_case(b"xn--")
            {
                state |= LABEL_IDNA;
            }
            state &= !(LABEL_HYPHEN | LABEL_START);
        } else if c == b'.' {
            if state & (LABEL_HYPHEN | LABEL_START) != 0 {
                return None;
            }
            state = LABEL_START;
            dots += 1;
        } else if c == b'-' {
            if state & LABEL_START != 0 {
                return None;
            }
            state |= LABEL_HYPHEN;
        } else {
            return None;
        }
    }
    if state & (LABEL_START | LABEL_HYPHEN) != 0 || dots < 2 {
        return None;
    }
    star
}

fn wildcard_match(prefix: &[u8], suffix: &[u8], subject: &[u8], flags: u32) -> bool {
    if subject.len() < prefix.len() + suffix.len() {
        return false;
    }
    if !equal_nocase(prefix, &subject[..prefix.len()]) {
        return false;
    }
    let wild_start = prefix.len();
    let wild_end = subject.len() - suffix.len();
    if !equal_nocase(&subject[wild_end..], suffix) {
        return false;
    }
    let mut allow_multi = false;
    let mut allow_idna = false;
    if prefix.is_empty() && suffix.first() == Some(&b'.') {
        if wild_start == wild_end {
            return false;
        }
        allow_idna = true;
        if flags & X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS != 0 {
            allow_multi = true;
        }
    }
    if !allow_idna && subject.len() >= 4 && subject[..4].eq_ignore_ascii_case(b"xn--") {
        return false;
    }
    if wild_end == wild_start + 1 && subject[wild_start] == b'*' {
        return true;
    }
    subject[wild_start..wild_end]
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || (allow_multi && c == b'.'))
}

/// `equal_wildcard`: `pattern` (a certificate name) against `subject` (the host).
pub fn equal_wildcard(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    let star = if subject.len() > 1 && subject[0] == b'.' {
        None
    } else {
        valid_star(pattern, flags)
    };
    match star {
        None => equal_nocase(pattern, subject),
        Some(s) => wildcard_match(&pattern[..s], &pattern[s + 1..], subject, flags),
    }
}

/// `a2i_ipadd`: an IPv4 or IPv6 literal as 4 or 16 bytes.
pub fn parse_ip(s: &str) -> Option<Vec<u8>> {
    match s.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(a) => Some(a.octets().to_vec()),
        std::net::IpAddr::V6(a) => Some(a.octets().to_vec()),
    }
}

// ---------------------------------------------------------------------------
// PEM.

/// Labels OpenSSL's `PEM_read_bio_X509` accepts.
const CERT_LABELS: [&[u8]; 3] = [b"CERTIFICATE", b"TRUSTED CERTIFICATE", b"X509 CERTIFICATE"];

/// Collects PEM certificate blocks from lines. Feed lines with `line`; a
/// complete block comes back as its DER.
#[derive(Default)]
pub struct PemCertReader {
    /// Inside a block: its label and the body lines so far.
    current: Option<(Vec<u8>, Vec<u8>)>,
}

impl PemCertReader {
    /// Feeds one line. `Ok(Some(der))` when a block ends.
    pub fn line(&mut self, line: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        let trimmed = trim_eol(line);
        match &mut self.current {
            None => {
                if let Some(label) = trimmed
                    .strip_prefix(b"-----BEGIN ")
                    .and_then(|r| r.strip_suffix(b"-----"))
                {
                    if CERT_LABELS.contains(&label) {
                        self.current = Some((label.to_vec(), Vec::new()));
                    }
                }
                Ok(None)
            }
            Some((label, body)) => {
                if let Some(end) = trimmed.strip_prefix(b"-----END ") {
                    if end.strip_suffix(b"-----") != Some(&label[..]) {
                        self.current = None;
                        return Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE));
                    }
                    let body = std::mem::take(body);
                    self.current = None;
                    return decode_cert_body(&body).map(Some);
                }
                if trimmed.starts_with(b"-----") {
                    self.current = None;
                    return Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE));
                }
                body.extend_from_slice(trimmed);
                body.push(b'\n');
                Ok(None)
            }
        }
    }

    /// At end of input: an unterminated block is `PEM_R_BAD_END_LINE`.
    pub fn finish(&mut self) -> Result<(), Error> {
        match self.current.take() {
            Some(_) => Err(Error::new(ERR_LIB_PEM, PEM_R_BAD_END_LINE)),
            None => Ok(()),
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let mut l = line;
    while let [rest @ .., b'\n' | b'\r' | b' ' | b'\t'] = l {
        l = rest;
    }
    l
}

/// Base64 body → DER of the certificate (the first TLV: a TRUSTED
/// CERTIFICATE's trailing auxiliary data is ignored).
fn decode_cert_body(body: &[u8]) -> Result<Vec<u8>, Error> {
    let mut pem = b"-----BEGIN CERTIFICATE-----\n".to_vec();
    pem.extend_from_slice(body);
    pem.extend_from_slice(b"-----END CERTIFICATE-----\n");
    let der = CertificateDer::from_pem_slice(&pem)
        .map_err(|_| Error::new(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE))?;
    let n = tlv_len(der.as_ref())?;
    Ok(der.as_ref()[..n].to_vec())
}

/// Every certificate in PEM `data`; `PEM_R_NO_START_LINE` if there is none.
pub fn certs_from_pem(data: &[u8]) -> Result<Vec<Arc<x509_st>>, Error> {
    let mut r = PemCertReader::default();
    let mut out = Vec::new();
    for line in data.split_inclusive(|&b| b == b'\n') {
        if let Some(der) = r.line(line)? {
            out.push(x509_st::from_der(&der)?);
        }
    }
    r.finish()?;
    if out.is_empty() {
        return Err(Error::new(ERR_LIB_PEM, PEM_R_NO_START_LINE));
    }
    Ok(out)
}

/// The first certificate of a PEM file, or a DER file (`der`).
pub fn cert_from_pem_or_der_file(
    path: impl AsRef<std::path::Path>,
    der: bool,
) -> Result<Arc<x509_st>, Error> {
    let data = std::fs::read(path).map_err(|e| Error::from_io(&e))?;
    if der {
        let n = tlv_len(&data)?;
        x509_st::from_der(&data[..n])
    } else {
        Ok(certs_from_pem(&data)?.swap_remove(0))
    }
}

/// PEM text of a certificate, 64 columns (`PEM_write_bio_X509`).
pub fn cert_to_pem(der: &[u8]) -> String {
    let b64 = base64_encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

fn base64_encode(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

// ---------------------------------------------------------------------------
// OPENSSL_STACK.

/// OpenSSL's generic stack: a vector of C pointers it does not own.
#[derive(Debug, Default)]
pub struct stack_st {
    items: Mutex<Vec<Ptr>>,
}
pub type OPENSSL_STACK = stack_st;

impl stack_st {
    /// A new stack handed to C (freed by `OPENSSL_sk_free`/`_pop_free`).
    pub fn from_ptrs(items: Vec<*mut c_void>) -> *mut stack_st {
        crate::ffi::into_raw(Arc::new(Self::new(items)))
    }

    pub fn new(items: Vec<*mut c_void>) -> Self {
        Self {
            items: Mutex::new(items.into_iter().map(Ptr).collect()),
        }
    }

    /// Runs `f` on the items; a concurrent use is an error, not UB.
    pub fn with<R>(&self, f: impl FnOnce(&mut Vec<Ptr>) -> R) -> Result<R, Error> {
        let mut g = self
            .items
            .try_lock()
            .ok_or_else(|| Error::internal("stack used concurrently"))?;
        Ok(f(&mut g))
    }

    pub fn to_vec(&self) -> Vec<*mut c_void> {
        self.items.lock().iter().map(|p| p.0).collect()
    }
}

// ---------------------------------------------------------------------------
// Message digests.

/// A digest algorithm (`EVP_MD`): static, never freed.
#[derive(Debug)]
pub struct evp_md_st {
    pub nid: c_int,
    pub name: &'static CStr,
    pub size: c_int,
    pub block_size: c_int,
    pub alg: DigestAlg,
}
pub type EVP_MD = evp_md_st;

/// Where a digest's implementation comes from.
#[derive(Debug, Clone, Copy)]
pub enum DigestAlg {
    Lc(&'static aws_lc_rs::digest::Algorithm),
    Md5,
}

/// A running digest.
#[derive(Clone)]
pub enum Hasher {
    Lc(aws_lc_rs::digest::Context),
    Md5(crate::crypto::md5::Md5),
}

impl Hasher {
    pub fn new(alg: DigestAlg) -> Self {
        match alg {
            DigestAlg::Lc(a) => Hasher::Lc(aws_lc_rs::digest::Context::new(a)),
            DigestAlg::Md5 => Hasher::Md5(crate::crypto::md5::Md5::default()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Lc(c) => c.update(data),
            Hasher::Md5(m) => m.update(data),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Lc(c) => c.finish().as_ref().to_vec(),
            Hasher::Md5(m) => m.finish().to_vec(),
        }
    }
}

/// One-shot digest of `data`.
pub fn digest(alg: DigestAlg, data: &[u8]) -> Vec<u8> {
    let mut h = Hasher::new(alg);
    h.update(data);
    h.finish()
}

pub static MD_MD5: EVP_MD = EVP_MD {
    nid: NID_md5,
    name: c"MD5",
    size: 16,
    block_size: 64,
    alg: DigestAlg::Md5,
};

pub static MD_SHA1: EVP_MD = EVP_MD {
    nid: NID_sha1,
    name: c"SHA1",
    size: 20,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY),
};
pub static MD_SHA224: EVP_MD = EVP_MD {
    nid: NID_sha224,
    name: c"SHA224",
    size: 28,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA224),
};
pub static MD_SHA256: EVP_MD = EVP_MD {
    nid: NID_sha256,
    name: c"SHA256",
    size: 32,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA256),
};
pub static MD_SHA384: EVP_MD = EVP_MD {
    nid: NID_sha384,
    name: c"SHA384",
    size: 48,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA384),
};
pub static MD_SHA512: EVP_MD = EVP_MD {
    nid: NID_sha512,
    name: c"SHA512",
    size: 64,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA512),
};
pub static MD_SHA512_256: EVP_MD = EVP_MD {
    nid: NID_sha512_256,
    name: c"SHA512-256",
    size: 32,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA512_256),
};
pub static MD_SHA3_256: EVP_MD = EVP_MD {
    nid: NID_sha3_256,
    name: c"SHA3-256",
    size: 32,
    block_size: 136,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_256),
};
pub static MD_SHA3_384: EVP_MD = EVP_MD {
    nid: NID_sha3_384,
    name: c"SHA3-384",
    size: 48,
    block_size: 104,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_384),
};
pub static MD_SHA3_512: EVP_MD = EVP_MD {
    nid: NID_sha3_512,
    name: c"SHA3-512",
    size: 64,
    block_size: 72,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_512),
};

pub static DIGESTS: [&EVP_MD; 10] = [
    &MD_MD5,
    &MD_SHA1,
    &MD_SHA224,
    &MD_SHA256,
    &MD_SHA384,
    &MD_SHA512,
    &MD_SHA512_256,
    &MD_SHA3_256,
    &MD_SHA3_384,
    &MD_SHA3_512,
];

/// `EVP_get_digestbyname`: by short or long name, any case ("sha256",
/// "SHA256", "RSA-SHA256" is not a digest). MD5 is not available.
pub fn digest_by_name(name: &str) -> Option<&'static EVP_MD> {
    let nid = match nid_by_sn(name) {
        NID_undef => match nid_by_ln(name) {
            NID_undef => DIGESTS
                .iter()
                .find(|m| m.name.to_str().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
                .map_or(NID_undef, |m| m.nid),
            n => n,
        },
        n => n,
    };
    digest_by_nid(nid)
}

pub fn digest_by_nid(nid: c_int) -> Option<&'static EVP_MD> {
    DIGESTS.iter().copied().find(|m| m.nid == nid)
}

/// `X509_digest`: the digest of the certificate's DER.
pub fn cert_digest(x: &x509_st, md: &EVP_MD) -> Vec<u8> {
    digest(md.alg, x.der.as_ref())
}

pub const ERR_LIB_OBJ: c_int = 8;

// ---------------------------------------------------------------------------
// Object identifiers: OpenSSL's NID numbers and the (nid, short name, long
// name, dotted OID) table behind `OBJ_*`. Rows copied from OpenSSL 3's
// `obj_mac.h` / `OBJ_nid2sn` / `OBJ_nid2ln` / `OBJ_obj2txt`.
pub const NID_undef: c_int = 0;
pub const NID_commonName: c_int = 13;
pub const NID_countryName: c_int = 14;
pub const NID_localityName: c_int = 15;
pub const NID_stateOrProvinceName: c_int = 16;
pub const NID_organizationName: c_int = 17;
pub const NID_organizationalUnitName: c_int = 18;
pub const NID_pkcs9_emailAddress: c_int = 48;
pub const NID_serialNumber: c_int = 105;
pub const NID_domainComponent: c_int = 391;
pub const NID_surname: c_int = 100;
pub const NID_givenName: c_int = 99;
pub const NID_title: c_int = 106;
pub const NID_name: c_int = 173;
pub const NID_initials: c_int = 101;
pub const NID_generationQualifier: c_int = 509;
pub const NID_dnQualifier: c_int = 174;
pub const NID_pseudonym: c_int = 510;
pub const NID_streetAddress: c_int = 660;
pub const NID_postalCode: c_int = 661;
pub const NID_userId: c_int = 458;
pub const NID_businessCategory: c_int = 860;
pub const NID_jurisdictionCountryName: c_int = 957;
pub const NID_jurisdictionStateOrProvinceName: c_int = 956;
pub const NID_jurisdictionLocalityName: c_int = 955;
pub const NID_description: c_int = 107;
pub const NID_role: c_int = 400;
pub const NID_organizationIdentifier: c_int = 1089;
pub const NID_postalAddress: c_int = 861;
pub const NID_pkcs9_unstructuredName: c_int = 49;
pub const NID_pkcs9_challengePassword: c_int = 54;
pub const NID_ext_req: c_int = 172;
pub const NID_x500UniqueIdentifier: c_int = 503;
pub const NID_subject_alt_name: c_int = 85;
pub const NID_issuer_alt_name: c_int = 86;
pub const NID_basic_constraints: c_int = 87;
pub const NID_key_usage: c_int = 83;
pub const NID_ext_key_usage: c_int = 126;
pub const NID_subject_key_identifier: c_int = 82;
pub const NID_authority_key_identifier: c_int = 90;
pub const NID_crl_distribution_points: c_int = 103;
pub const NID_info_access: c_int = 177;
pub const NID_certificate_policies: c_int = 89;
pub const NID_name_constraints: c_int = 666;
pub const NID_policy_constraints: c_int = 401;
pub const NID_inhibit_any_policy: c_int = 748;
pub const NID_ct_precert_scts: c_int = 951;
pub const NID_ct_precert_poison: c_int = 952;
pub const NID_tlsfeature: c_int = 1020;
pub const NID_netscape_cert_type: c_int = 71;
pub const NID_netscape_comment: c_int = 78;
pub const NID_sinfo_access: c_int = 398;
pub const NID_freshest_crl: c_int = 857;
pub const NID_policy_mappings: c_int = 747;
pub const NID_subject_directory_attributes: c_int = 769;
pub const NID_private_key_usage_period: c_int = 84;
pub const NID_crl_number: c_int = 88;
pub const NID_id_pkix_OCSP_noCheck: c_int = 369;
pub const NID_any_policy: c_int = 746;
pub const NID_server_auth: c_int = 129;
pub const NID_client_auth: c_int = 130;
pub const NID_code_sign: c_int = 131;
pub const NID_email_protect: c_int = 132;
pub const NID_time_stamp: c_int = 133;
pub const NID_OCSP_sign: c_int = 180;
pub const NID_anyExtendedKeyUsage: c_int = 910;
pub const NID_ipsec_IKE: c_int = 1022;
pub const NID_ad_OCSP: c_int = 178;
pub const NID_ad_ca_issuers: c_int = 179;
pub const NID_rsaEncryption: c_int = 6;
pub const NID_md5WithRSAEncryption: c_int = 8;
pub const NID_sha1WithRSAEncryption: c_int = 65;
pub const NID_sha224WithRSAEncryption: c_int = 671;
pub const NID_sha256WithRSAEncryption: c_int = 668;
pub const NID_sha384WithRSAEncryption: c_int = 669;
pub const NID_sha512WithRSAEncryption: c_int = 670;
pub const NID_rsassaPss: c_int = 912;
pub const NID_rsaesOaep: c_int = 919;
pub const NID_mgf1: c_int = 911;
pub const NID_ecdsa_with_SHA1: c_int = 416;
pub const NID_ecdsa_with_SHA224: c_int = 793;
pub const NID_ecdsa_with_SHA256: c_int = 794;
pub const NID_ecdsa_with_SHA384: c_int = 795;
pub const NID_ecdsa_with_SHA512: c_int = 796;
pub const NID_X9_62_id_ecPublicKey: c_int = 408;
pub const NID_ED25519: c_int = 1087;
pub const NID_ED448: c_int = 1088;
pub const NID_X25519: c_int = 1034;
pub const NID_X448: c_int = 1035;
pub const NID_dsa: c_int = 116;
pub const NID_dsaWithSHA1: c_int = 113;
pub const NID_dsa_with_SHA256: c_int = 803;
pub const NID_dhKeyAgreement: c_int = 28;
pub const NID_dhpublicnumber: c_int = 920;
pub const NID_X9_62_prime256v1: c_int = 415;
pub const NID_secp384r1: c_int = 715;
pub const NID_secp521r1: c_int = 716;
pub const NID_secp224r1: c_int = 713;
pub const NID_secp256k1: c_int = 714;
pub const NID_X9_62_prime192v1: c_int = 409;
pub const NID_brainpoolP256r1: c_int = 927;
pub const NID_brainpoolP384r1: c_int = 931;
pub const NID_brainpoolP512r1: c_int = 933;
pub const NID_md5: c_int = 4;
pub const NID_sha1: c_int = 64;
pub const NID_sha224: c_int = 675;
pub const NID_sha256: c_int = 672;
pub const NID_sha384: c_int = 673;
pub const NID_sha512: c_int = 674;
pub const NID_sha512_224: c_int = 1094;
pub const NID_sha512_256: c_int = 1095;
pub const NID_sha3_224: c_int = 1096;
pub const NID_sha3_256: c_int = 1097;
pub const NID_sha3_384: c_int = 1098;
pub const NID_sha3_512: c_int = 1099;
pub const NID_pkcs7_data: c_int = 21;
pub const NID_pkcs7_signed: c_int = 22;
pub const NID_pkcs9_signingTime: c_int = 52;
pub const NID_friendlyName: c_int = 156;
pub const NID_localKeyID: c_int = 157;

/// (nid, sn, ln, dotted OID); nid 0 ("UNDEF") has no OID.
pub static OBJECTS: &[(c_int, &CStr, &CStr, &str)] = &[
    (0, c"UNDEF", c"undefined", ""),
    (13, c"CN", c"commonName", "2.5.4.3"),
    (14, c"C", c"countryName", "2.5.4.6"),
    (15, c"L", c"localityName", "2.5.4.7"),
    (16, c"ST", c"stateOrProvinceName", "2.5.4.8"),
    (17, c"O", c"organizationName", "2.5.4.10"),
    (18, c"OU", c"organizationalUnitName", "2.5.4.11"),
    (48, c"emailAddress", c"emailAddress", "1.2.840.113549.1.9.1"),
    (105, c"serialNumber", c"serialNumber", "2.5.4.5"),
    (391, c"DC", c"domainComponent", "0.9.2342.19200300.100.1.25"),
    (100, c"SN", c"surname", "2.5.4.4"),
    (99, c"GN", c"givenName", "2.5.4.42"),
    (106, c"title", c"title", "2.5.4.12"),
    (173, c"name", c"name", "2.5.4.41"),
    (101, c"initials", c"initials", "2.5.4.43"),
    (
        509,
        c"generationQualifier",
        c"generationQualifier",
        "2.5.4.44",
    ),
    (174, c"dnQualifier", c"dnQualifier", "2.5.4.46"),
    (510, c"pseudonym", c"pseudonym", "2.5.4.65"),
    (660, c"street", c"streetAddress", "2.5.4.9"),
    (661, c"postalCode", c"postalCode", "2.5.4.17"),
    (458, c"UID", c"userId", "0.9.2342.19200300.100.1.1"),
    (860, c"businessCategory", c"businessCategory", "2.5.4.15"),
    (
        957,
        c"jurisdictionC",
        c"jurisdictionCountryName",
        "1.3.6.1.4.1.311.60.2.1.3",
    ),
    (
        956,
        c"jurisdictionST",
        c"jurisdictionStateOrProvinceName",
        "1.3.6.1.4.1.311.60.2.1.2",
    ),
    (
        955,
        c"jurisdictionL",
        c"jurisdictionLocalityName",
        "1.3.6.1.4.1.311.60.2.1.1",
    ),
    (107, c"description", c"description", "2.5.4.13"),
    (400, c"role", c"role", "2.5.4.72"),
    (
        1089,
        c"organizationIdentifier",
        c"organizationIdentifier",
        "2.5.4.97",
    ),
    (861, c"postalAddress", c"postalAddress", "2.5.4.16"),
    (
        49,
        c"unstructuredName",
        c"unstructuredName",
        "1.2.840.113549.1.9.2",
    ),
    (
        54,
        c"challengePassword",
        c"challengePassword",
        "1.2.840.113549.1.9.7",
    ),
    (
        172,
        c"extReq",
        c"Extension Request",
        "1.2.840.113549.1.9.14",
    ),
    (
        503,
        c"x500UniqueIdentifier",
        c"x500UniqueIdentifier",
        "2.5.4.45",
    ),
    (
        85,
        c"subjectAltName",
        c"X509v3 Subject Alternative Name",
        "2.5.29.17",
    ),
    (
        86,
        c"issuerAltName",
        c"X509v3 Issuer Alternative Name",
        "2.5.29.18",
    ),
    (
        87,
        c"basicConstraints",
        c"X509v3 Basic Constraints",
        "2.5.29.19",
    ),
    (83, c"keyUsage", c"X509v3 Key Usage", "2.5.29.15"),
    (
        126,
        c"extendedKeyUsage",
        c"X509v3 Extended Key Usage",
        "2.5.29.37",
    ),
    (
        82,
        c"subjectKeyIdentifier",
        c"X509v3 Subject Key Identifier",
        "2.5.29.14",
    ),
    (
        90,
        c"authorityKeyIdentifier",
        c"X509v3 Authority Key Identifier",
        "2.5.29.35",
    ),
    (
        103,
        c"crlDistributionPoints",
        c"X509v3 CRL Distribution Points",
        "2.5.29.31",
    ),
    (
        177,
        c"authorityInfoAccess",
        c"Authority Information Access",
        "1.3.6.1.5.5.7.1.1",
    ),
    (
        89,
        c"certificatePolicies",
        c"X509v3 Certificate Policies",
        "2.5.29.32",
    ),
    (
        666,
        c"nameConstraints",
        c"X509v3 Name Constraints",
        "2.5.29.30",
    ),
    (
        401,
        c"policyConstraints",
        c"X509v3 Policy Constraints",
        "2.5.29.36",
    ),
    (
        748,
        c"inhibitAnyPolicy",
        c"X509v3 Inhibit Any Policy",
        "2.5.29.54",
    ),
    (
        951,
        c"ct_precert_scts",
        c"CT Precertificate SCTs",
        "1.3.6.1.4.1.11129.2.4.2",
    ),
    (
        952,
        c"ct_precert_poison",
        c"CT Precertificate Poison",
        "1.3.6.1.4.1.11129.2.4.3",
    ),
    (1020, c"tlsfeature", c"TLS Feature", "1.3.6.1.5.5.7.1.24"),
    (
        71,
        c"nsCertType",
        c"Netscape Cert Type",
        "2.16.840.1.113730.1.1",
    ),
    (
        78,
        c"nsComment",
        c"Netscape Comment",
        "2.16.840.1.113730.1.13",
    ),
    (
        398,
        c"subjectInfoAccess",
        c"Subject Information Access",
        "1.3.6.1.5.5.7.1.11",
    ),
    (857, c"freshestCRL", c"X509v3 Freshest CRL", "2.5.29.46"),
    (
        747,
        c"policyMappings",
        c"X509v3 Policy Mappings",
        "2.5.29.33",
    ),
    (
        769,
        c"subjectDirectoryAttributes",
        c"X509v3 Subject Directory Attributes",
        "2.5.29.9",
    ),
    (
        84,
        c"privateKeyUsagePeriod",
        c"X509v3 Private Key Usage Period",
        "2.5.29.16",
    ),
    (88, c"crlNumber", c"X509v3 CRL Number", "2.5.29.20"),
    (369, c"noCheck", c"OCSP No Check", "1.3.6.1.5.5.7.48.1.5"),
    (746, c"anyPolicy", c"X509v3 Any Policy", "2.5.29.32.0"),
    (
        129,
        c"serverAuth",
        c"TLS Web Server Authentication",
        "1.3.6.1.5.5.7.3.1",
    ),
    (
        130,
        c"clientAuth",
        c"TLS Web Client Authentication",
        "1.3.6.1.5.5.7.3.2",
    ),
    (131, c"codeSigning", c"Code Signing", "1.3.6.1.5.5.7.3.3"),
    (
        132,
        c"emailProtection",
        c"E-mail Protection",
        "1.3.6.1.5.5.7.3.4",
    ),
    (133, c"timeStamping", c"Time Stamping", "1.3.6.1.5.5.7.3.8"),
    (180, c"OCSPSigning", c"OCSP Signing", "1.3.6.1.5.5.7.3.9"),
    (
        910,
        c"anyExtendedKeyUsage",
        c"Any Extended Key Usage",
        "2.5.29.37.0",
    ),
    (
        1022,
        c"ipsecIKE",
        c"ipsec Internet Key Exchange",
        "1.3.6.1.5.5.7.3.17",
    ),
    (178, c"OCSP", c"OCSP", "1.3.6.1.5.5.7.48.1"),
    (179, c"caIssuers", c"CA Issuers", "1.3.6.1.5.5.7.48.2"),
    (
        6,
        c"rsaEncryption",
        c"rsaEncryption",
        "1.2.840.113549.1.1.1",
    ),
    (
        8,
        c"RSA-MD5",
        c"md5WithRSAEncryption",
        "1.2.840.113549.1.1.4",
    ),
    (
        65,
        c"RSA-SHA1",
        c"sha1WithRSAEncryption",
        "1.2.840.113549.1.1.5",
    ),
    (
        671,
        c"RSA-SHA224",
        c"sha224WithRSAEncryption",
        "1.2.840.113549.1.1.14",
    ),
    (
        668,
        c"RSA-SHA256",
        c"sha256WithRSAEncryption",
        "1.2.840.113549.1.1.11",
    ),
    (
        669,
        c"RSA-SHA384",
        c"sha384WithRSAEncryption",
        "1.2.840.113549.1.1.12",
    ),
    (
        670,
        c"RSA-SHA512",
        c"sha512WithRSAEncryption",
        "1.2.840.113549.1.1.13",
    ),
    (912, c"RSASSA-PSS", c"rsassaPss", "1.2.840.113549.1.1.10"),
    (919, c"RSAES-OAEP", c"rsaesOaep", "1.2.840.113549.1.1.7"),
    (911, c"MGF1", c"mgf1", "1.2.840.113549.1.1.8"),
    (
        416,
        c"ecdsa-with-SHA1",
        c"ecdsa-with-SHA1",
        "1.2.840.10045.4.1",
    ),
    (
        793,
        c"ecdsa-with-SHA224",
        c"ecdsa-with-SHA224",
        "1.2.840.10045.4.3.1",
    ),
    (
        794,
        c"ecdsa-with-SHA256",
        c"ecdsa-with-SHA256",
        "1.2.840.10045.4.3.2",
    ),
    (
        795,
        c"ecdsa-with-SHA384",
        c"ecdsa-with-SHA384",
        "1.2.840.10045.4.3.3",
    ),
    (
        796,
        c"ecdsa-with-SHA512",
        c"ecdsa-with-SHA512",
        "1.2.840.10045.4.3.4",
    ),
    (
        408,
        c"id-ecPublicKey",
        c"id-ecPublicKey",
        "1.2.840.10045.2.1",
    ),
    (1087, c"ED25519", c"ED25519", "1.3.101.112"),
    (1088, c"ED448", c"ED448", "1.3.101.113"),
    (1034, c"X25519", c"X25519", "1.3.101.110"),
    (1035, c"X448", c"X448", "1.3.101.111"),
    (116, c"DSA", c"dsaEncryption", "1.2.840.10040.4.1"),
    (113, c"DSA-SHA1", c"dsaWithSHA1", "1.2.840.10040.4.3"),
    (
        803,
        c"dsa_with_SHA256",
        c"dsa_with_SHA256",
        "2.16.840.1.101.3.4.3.2",
    ),
    (
        28,
        c"dhKeyAgreement",
        c"dhKeyAgreement",
        "1.2.840.113549.1.3.1",
    ),
    (920, c"dhpublicnumber", c"X9.42 DH", "1.2.840.10046.2.1"),
    (415, c"prime256v1", c"prime256v1", "1.2.840.10045.3.1.7"),
    (715, c"secp384r1", c"secp384r1", "1.3.132.0.34"),
    (716, c"secp521r1", c"secp521r1", "1.3.132.0.35"),
    (713, c"secp224r1", c"secp224r1", "1.3.132.0.33"),
    (714, c"secp256k1", c"secp256k1", "1.3.132.0.10"),
    (409, c"prime192v1", c"prime192v1", "1.2.840.10045.3.1.1"),
    (
        927,
        c"brainpoolP256r1",
        c"brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.7",
    ),
    (
        931,
        c"brainpoolP384r1",
        c"brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.11",
    ),
    (
        933,
        c"brainpoolP512r1",
        c"brainpoolP512r1",
        "1.3.36.3.3.2.8.1.1.13",
    ),
    (4, c"MD5", c"md5", "1.2.840.113549.2.5"),
    (64, c"SHA1", c"sha1", "1.3.14.3.2.26"),
    (675, c"SHA224", c"sha224", "2.16.840.1.101.3.4.2.4"),
    (672, c"SHA256", c"sha256", "2.16.840.1.101.3.4.2.1"),
    (673, c"SHA384", c"sha384", "2.16.840.1.101.3.4.2.2"),
    (674, c"SHA512", c"sha512", "2.16.840.1.101.3.4.2.3"),
    (1094, c"SHA512-224", c"sha512-224", "2.16.840.1.101.3.4.2.5"),
    (1095, c"SHA512-256", c"sha512-256", "2.16.840.1.101.3.4.2.6"),
    (1096, c"SHA3-224", c"sha3-224", "2.16.840.1.101.3.4.2.7"),
    (1097, c"SHA3-256", c"sha3-256", "2.16.840.1.101.3.4.2.8"),
    (1098, c"SHA3-384", c"sha3-384", "2.16.840.1.101.3.4.2.9"),
    (1099, c"SHA3-512", c"sha3-512", "2.16.840.1.101.3.4.2.10"),
    (21, c"pkcs7-data", c"pkcs7-data", "1.2.840.113549.1.7.1"),
    (
        22,
        c"pkcs7-signedData",
        c"pkcs7-signedData",
        "1.2.840.113549.1.7.2",
    ),
    (52, c"signingTime", c"signingTime", "1.2.840.113549.1.9.5"),
    (
        156,
        c"friendlyName",
        c"friendlyName",
        "1.2.840.113549.1.9.20",
    ),
    (157, c"localKeyID", c"localKeyID", "1.2.840.113549.1.9.21"),
];

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER_DER: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/server.der"
    ));
    const CNONLY_DER: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cnonly.der"
    ));
    const SERVER_PEM: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/server.pem"
    ));

    #[test]
    fn der_reader_bounds() {
        assert_eq!(
            Der::new(&[0x04, 0x02, 1, 2]).read().unwrap().content,
            &[1, 2]
        );
        assert_eq!(
            Der::new(&[0x04, 0x03, 1, 2]).read().unwrap_err().reason(),
            ASN1_R_TOO_LONG
        );
        assert_eq!(
            Der::new(&[0x04]).read().unwrap_err().reason(),
            ASN1_R_HEADER_TOO_LONG
        );
        assert_eq!(
            Der::new(&[0x30, 0x80, 0, 0]).read().unwrap_err().reason(),
            ASN1_R_HEADER_TOO_LONG
        );
        assert_eq!(
            Der::new(&[0x30, 0x85, 1, 1, 1, 1, 1])
                .read()
                .unwrap_err()
                .reason(),
            ASN1_R_HEADER_TOO_LONG
        );
        assert_eq!(
            Der::new(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff])
                .read()
                .unwrap_err()
                .reason(),
            ASN1_R_TOO_LONG
        );
        assert_eq!(
            Der::new(&[0x1f, 0x01, 0]).read().unwrap_err().reason(),
            ASN1_R_BAD_OBJECT_HEADER
        );
        let mut long = vec![0x04, 0x82, 0x01, 0x00];
        long.extend(std::iter::repeat(7).take(256));
        assert_eq!(Der::new(&long).read().unwrap().content.len(), 256);
        assert_eq!(tlv_len(&long).unwrap(), 260);
        assert!(Der::new(&[]).read().is_err());
    }

    #[test]
    fn integers() {
        let i = integer_from_der(&[0x00, 0x80]).unwrap();
        assert_eq!(
            (i.kind(), i.bytes(), integer_value(&i)),
            (V_ASN1_INTEGER, &[0x80][..], Some(128))
        );
        let n = integer_from_der(&[0xff, 0x7f]).unwrap();
        assert_eq!(
            (n.kind(), integer_value(&n)),
            (V_ASN1_NEG_INTEGER, Some(-129))
        );
        assert_eq!(integer_hex(&n), "-81");
        assert_eq!(integer_value(&integer_from_der(&[0]).unwrap()), Some(0));
        assert_eq!(integer_hex(&integer_from_der(&[0]).unwrap()), "00");
        assert!(integer_from_der(&[]).is_err());
        assert_eq!(integer_value(&integer_from_der(&[1; 9]).unwrap()), None);
    }

    #[test]
    fn times() {
        let t = parse_time(V_ASN1_UTCTIME, b"300301120000Z").unwrap();
        assert_eq!(
            t.tm,
            Tm {
                year: 2030,
                month: 3,
                day: 1,
                hour: 12,
                minute: 0,
                second: 0
            }
        );
        assert_eq!(t.tm.to_unix(), 1_898_596_800);
        assert_eq!(
            time_print(V_ASN1_UTCTIME, b"300301120000Z").unwrap(),
            "Mar  1 12:00:00 2030 GMT"
        );
        assert_eq!(
            parse_time(V_ASN1_UTCTIME, b"500101000000Z")
                .unwrap()
                .tm
                .year,
            1950
        );
        assert_eq!(
            time_print(V_ASN1_GENERALIZEDTIME, b"20810828192955Z").unwrap(),
            "Aug 28 19:29:55 2081 GMT"
        );
        assert_eq!(
            time_print(V_ASN1_GENERALIZEDTIME, b"20810828192955.25Z").unwrap(),
            "Aug 28 19:29:55.25 2081 GMT"
        );
        assert_eq!(
            parse_time(V_ASN1_UTCTIME, b"3003011200Z")
                .unwrap()
                .tm
                .second,
            0
        );
        let off = parse_time(V_ASN1_UTCTIME, b"300301120000+0100").unwrap();
        assert_eq!((off.tm.hour, off.gmt), (11, false));
        for bad in [
            &b"301301120000Z"[..],
            b"300230120000Z",
            b"300301250000Z",
            b"300301120000",
            b"3003011200001Z",
            b"",
            b"30030112000Z",
        ] {
            assert!(
                parse_time(V_ASN1_UTCTIME, bad).is_none(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(parse_time(V_ASN1_GENERALIZEDTIME, b"20240229000000Z").is_some());
        assert!(parse_time(V_ASN1_GENERALIZEDTIME, b"21000229000000Z").is_none());
        assert!(parse_time(V_ASN1_OCTET_STRING, b"300301120000Z").is_none());
        assert_eq!(
            Tm::from_unix(0),
            Tm {
                year: 1970,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0
            }
        );
        assert_eq!(Tm::from_unix(-1).year, 1969);
        assert_eq!(Tm::from_unix(1_898_596_800).weekday(), 5);
        let u = time_from_unix(1_898_596_800);
        assert_eq!(
            (u.kind(), u.bytes()),
            (V_ASN1_UTCTIME, &b"300301120000Z"[..])
        );
    }

    #[test]
    fn objects_table() {
        assert_eq!(sn(NID_commonName), Some("CN"));
        assert_eq!(
            ln(NID_subject_alt_name),
            Some("X509v3 Subject Alternative Name")
        );
        assert_eq!(nid_by_txt("2.5.4.3"), NID_commonName);
        assert_eq!(nid_by_txt("commonName"), NID_commonName);
        assert_eq!(nid_by_sn("prime256v1"), NID_X9_62_prime256v1);
        let o = ASN1_OBJECT::from_dotted("1.2.840.113549.1.1.11").unwrap();
        assert_eq!(
            (o.nid(), o.txt(false), o.dotted()),
            (
                NID_sha256WithRSAEncryption,
                "sha256WithRSAEncryption".into(),
                "1.2.840.113549.1.1.11".into()
            )
        );
        let unk = ASN1_OBJECT::from_dotted("1.3.6.1.4.1.99999.1").unwrap();
        assert_eq!(
            (unk.nid(), unk.txt(false)),
            (NID_undef, "1.3.6.1.4.1.99999.1".to_owned())
        );
        assert_eq!(
            ASN1_OBJECT::from_dotted("2.999.3").unwrap().dotted(),
            "2.999.3"
        );
        assert!(ASN1_OBJECT::from_dotted("3.1").is_none());
        assert!(ASN1_OBJECT::from_dotted("1").is_none());
        assert!(ASN1_OBJECT::from_der_content(&[0x55, 0x80]).is_err());
        assert!(ASN1_OBJECT::from_der_content(&[0x55, 0x80, 0x01]).is_err());
        assert!(ASN1_OBJECT::from_der_content(&[]).is_err());
        for (nid, _, _, oid) in OBJECTS.iter().filter(|r| !r.3.is_empty()) {
            assert_eq!(obj_by_nid(*nid).unwrap().dotted(), *oid);
        }
    }

    #[test]
    fn certificate_fields() {
        let x = x509_st::from_der(SERVER_DER).unwrap();
        assert_eq!(x.version(), 2);
        assert_eq!(
            integer_hex(x.serial()),
            "753C3E87C2D6FE3E2B0DEC98833756FB52AC1D7D"
        );
        assert_eq!(x.signature_nid(), NID_ecdsa_with_SHA256);
        assert_eq!(
            time_print(x.not_after().kind(), x.not_after().bytes()).unwrap(),
            "Nov 22 19:29:55 2036 GMT"
        );
        assert_eq!(x.not_after().kind(), V_ASN1_UTCTIME);
        assert!(x.is_self_issued());
        assert_eq!(x.check_ca(), 0);
        assert_eq!(x.spki()[0], 0x30);
        let exts: Vec<_> = x
            .extensions()
            .iter()
            .map(|e| (e.object().txt(false), e.critical()))
            .collect();
        assert_eq!(
            exts[..3],
            [
                ("X509v3 Subject Alternative Name".to_owned(), false),
                ("X509v3 Basic Constraints".to_owned(), true),
                ("X509v3 Key Usage".to_owned(), false)
            ]
        );
        let san = x.san().unwrap();
        assert_eq!(san[0], GeneralName::Dns(b"localhost".to_vec()));
        assert_eq!(san[2], GeneralName::Ip(vec![127, 0, 0, 1]));
        let printed: Vec<String> = san.iter().map(|g| GeneralNameBox::new(g).print()).collect();
        assert_eq!(
            printed,
            [
                "DNS:localhost",
                "DNS:*.example.com",
                "IP Address:127.0.0.1",
                "IP Address:0:0:0:0:0:0:0:1",
                "email:admin@example.com",
                "URI:https://example.com/"
            ]
        );
        let g = x509_st::from_der(CNONLY_DER).unwrap();
        assert_eq!(g.not_after().kind(), V_ASN1_GENERALIZEDTIME);
        assert_eq!(
            time_print(g.not_after().kind(), g.not_after().bytes()).unwrap(),
            "Aug 28 19:29:55 2081 GMT"
        );
        assert_eq!(
            g.not_after_unix(),
            Tm {
                year: 2081,
                month: 8,
                day: 28,
                hour: 19,
                minute: 29,
                second: 55
            }
            .to_unix()
        );
        assert!(g.san().is_none());
        assert_eq!((g.version(), g.check_ca()), (0, 3));
    }

    #[test]
    fn names_match_openssl() {
        // Expected strings from OpenSSL 3.0 (X509_NAME_oneline / X509_NAME_print_ex) on the same files.
        let x = x509_st::from_der(SERVER_DER).unwrap();
        let n = x.subject();
        assert_eq!(n.oneline(), "/C=US/ST=California/O=Example, Inc. \\+ Co/OU=Dev\\/Ops/CN=localhost/emailAddress=admin@example.com/CN=caf\\xC3\\xA9 #1");
        assert_eq!(n.oneline_limited(29), "/C=US/ST=California");
        assert_eq!(n.print_ex(0, XN_FLAG_ONELINE).unwrap(), "C = US, ST = California, O = \"Example, Inc. + Co\", OU = Dev/Ops, CN = localhost, emailAddress = admin@example.com, CN = caf\\C3\\A9 #1");
        assert_eq!(n.print_ex(0, XN_FLAG_RFC2253).unwrap(), "CN=caf\\C3\\A9 #1,emailAddress=admin@example.com,CN=localhost,OU=Dev/Ops,O=Example\\, Inc. \\+ Co,ST=California,C=US");
        assert_eq!(n.print_ex(0, XN_FLAG_COMPAT).unwrap(), "C=US, ST=California, O=Example, Inc. \\+ Co, OU=Dev\\/Ops, CN=localhost/emailAddress=admin@example.com, CN=caf\\xC3\\xA9 #1");
        assert_eq!(n.print_ex(2, XN_FLAG_MULTILINE).unwrap(), "  countryName               = US\n  stateOrProvinceName       = California\n  organizationName          = Example, Inc. + Co\n  organizationalUnitName    = Dev/Ops\n  commonName                = localhost\n  emailAddress              = admin@example.com\n  commonName                = caf\\E9 #1");
        assert_eq!(n.print_ex(0, XN_FLAG_ONELINE & !ASN1_STRFLGS_ESC_MSB).unwrap(), "C = US, ST = California, O = \"Example, Inc. + Co\", OU = Dev/Ops, CN = localhost, emailAddress = admin@example.com, CN = café #1");
        assert_eq!(n.hash(), 0x97987974);
        let c = x509_st::from_der(CNONLY_DER).unwrap();
        assert_eq!(c.subject().oneline(), "/CN=cn-only.example.org/O=NoSAN");
        assert_eq!(
            c.subject().print_ex(0, XN_FLAG_ONELINE).unwrap(),
            "CN = cn-only.example.org, O = NoSAN"
        );
        assert_eq!(c.subject().hash(), 0x263c5fbb);
        assert_eq!(n.index_by_nid(NID_commonName, -1), 4);
        assert_eq!(n.index_by_nid(NID_commonName, 4), 6);
        assert_eq!(n.index_by_nid(NID_commonName, 6), -1);
        assert_eq!(n.cmp(&n.dup()), 0);
        assert_ne!(n.cmp(c.subject()), 0);
    }

    #[test]
    fn check_host_rules() {
        let x = x509_st::from_der(SERVER_DER).unwrap();
        let c = x509_st::from_der(CNONLY_DER).unwrap();
        // (cert, host, flags, expected) — checked against OpenSSL 3's X509_check_host.
        let table: &[(&x509_st, &str, u32, bool)] = &[
            (&x, "localhost", 0, true),
            (&x, "LOCALHOST", 0, true),
            (&x, "foo.example.com", 0, true),
            (&x, "example.com", 0, false),
            (&x, "a.b.example.com", 0, false),
            (&x, "cn-only.example.org", 0, false),
            (&x, "caf\u{e9} #1", 0, false), // CN ignored: the cert has DNS SANs
            (&x, "127.0.0.1", 0, false),
            (&x, "foo.example.com", X509_CHECK_FLAG_NO_WILDCARDS, false),
            (&c, "cn-only.example.org", 0, true),
            (&c, "CN-ONLY.example.org", 0, true),
            (
                &c,
                "cn-only.example.org",
                X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
                false,
            ),
            (&c, "nosan", 0, false),
        ];
        for (cert, host, flags, want) in table {
            assert_eq!(
                cert.check_host(host.as_bytes(), *flags).is_some(),
                *want,
                "{host} {flags}"
            );
        }
        assert!(x.check_ip(&[127, 0, 0, 1]));
        assert!(x.check_ip(&parse_ip("::1").unwrap()));
        assert!(!x.check_ip(&[10, 0, 0, 1]));
        let w = |p: &str, h: &str, f: u32| equal_wildcard(p.as_bytes(), h.as_bytes(), f);
        assert!(w("*.example.com", "www.example.com", 0));
        assert!(!w("*.example.com", ".example.com", 0));
        assert!(!w("*.com", "example.com", 0)); // needs two dots after the star
        assert!(!w("www.*.com", "www.example.com", 0)); // only in the leftmost label
        assert!(w("f*.example.com", "foo.example.com", 0));
        assert!(!w(
            "f*.example.com",
            "foo.example.com",
            X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS
        ));
        assert!(!w("f*o.example.com", "foo.example.com", 0));
        assert!(!w("*.example.com", "a.b.example.com", 0));
        assert!(w(
            "*.example.com",
            "a.b.example.com",
            X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS
        ));
        assert!(!w("xn--*.example.com", "xn--abc.example.com", 0));
        assert!(!w("*.example.com", "", 0));
        assert!(!w("**.example.com", "a.example.com", 0));
        assert!(w("WWW.Example.COM", "www.example.com", 0));
    }

    #[test]
    fn pem() {
        let v = certs_from_pem(SERVER_PEM).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].der().as_ref(), SERVER_DER);
        assert_eq!(cert_to_pem(SERVER_DER).as_bytes(), SERVER_PEM);
        let mut two = b"junk before\n".to_vec();
        two.extend_from_slice(SERVER_PEM);
        two.extend_from_slice(
            cert_to_pem(CNONLY_DER)
                .replace("CERTIFICATE", "TRUSTED CERTIFICATE")
                .as_bytes(),
        );
        assert_eq!(certs_from_pem(&two).unwrap().len(), 2);
        assert_eq!(
            certs_from_pem(b"nothing here\n").unwrap_err().reason(),
            PEM_R_NO_START_LINE
        );
        assert_eq!(
            certs_from_pem(b"").unwrap_err().reason(),
            PEM_R_NO_START_LINE
        );
        let garbage = b"-----BEGIN CERTIFICATE-----\nThis is not base64 DER at all!!\n***garbage***\n-----END CERTIFICATE-----\n";
        assert_eq!(
            certs_from_pem(garbage).unwrap_err().reason(),
            PEM_R_BAD_BASE64_DECODE
        );
        let truncated = &SERVER_PEM[..SERVER_PEM.len() - 30];
        assert_eq!(
            certs_from_pem(truncated).unwrap_err().reason(),
            PEM_R_BAD_END_LINE
        );
    }

    #[test]
    fn hostile_der_never_panics() {
        for der in [SERVER_DER, CNONLY_DER] {
            for n in 0..der.len() {
                assert!(x509_st::from_der(&der[..n]).is_err());
            }
            let mut extra = der.to_vec();
            extra.push(0);
            assert!(x509_st::from_der(&extra).is_err());
            let mut m = der.to_vec();
            for i in 0..m.len() {
                for flip in [0x01u8, 0x80, 0xff] {
                    m[i] ^= flip;
                    if let Ok(x) = x509_st::from_der(&m) {
                        // Everything derived from a parsed cert must work too.
                        let _ = (
                            x.subject().oneline(),
                            x.subject().print_ex(0, XN_FLAG_ONELINE),
                            x.not_after_unix(),
                        );
                        let _ = (
                            x.check_host(b"localhost", 0),
                            x.subject().hash(),
                            x.spki().len(),
                        );
                        for g in x.san().unwrap_or(&[]) {
                            let _ = GeneralNameBox::new(g).print();
                        }
                    }
                    m[i] ^= flip;
                }
            }
        }
    }
}
