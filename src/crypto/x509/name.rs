//! `X509_NAME` and `X509_NAME_ENTRY`: parsing, printing, the canonical
//! encoding behind `X509_NAME_hash`.

use crate::abi::consts::{
    ASN1_STRFLGS_DUMP_ALL, ASN1_STRFLGS_DUMP_DER, ASN1_STRFLGS_DUMP_UNKNOWN, ASN1_STRFLGS_ESC_2253,
    ASN1_STRFLGS_ESC_2254, ASN1_STRFLGS_ESC_CTRL, ASN1_STRFLGS_ESC_MSB, ASN1_STRFLGS_ESC_QUOTE,
    ASN1_STRFLGS_IGNORE_TYPE, ASN1_STRFLGS_SHOW_TYPE, ASN1_STRFLGS_UTF8_CONVERT,
    ASN1_STRING_FLAG_BITS_LEFT, ASN1_STRING_FLAG_EMBED, V_ASN1_BMPSTRING, V_ASN1_GENERALSTRING,
    V_ASN1_IA5STRING, V_ASN1_NEG, V_ASN1_PRINTABLESTRING, V_ASN1_SEQUENCE, V_ASN1_T61STRING,
    V_ASN1_UNIVERSALSTRING, V_ASN1_UTF8STRING, V_ASN1_VISIBLESTRING, XN_FLAG_COMPAT,
    XN_FLAG_DN_REV, XN_FLAG_DUMP_UNKNOWN_FIELDS, XN_FLAG_FN_ALIGN, XN_FLAG_FN_MASK,
    XN_FLAG_FN_NONE, XN_FLAG_FN_OID, XN_FLAG_FN_SN, XN_FLAG_SEP_COMMA_PLUS, XN_FLAG_SEP_CPLUS_SPC,
    XN_FLAG_SEP_MASK, XN_FLAG_SEP_MULTILINE, XN_FLAG_SEP_SPLUS_SPC, XN_FLAG_SPC_EQ,
};
use crate::abi::objects::NID_undef;
use crate::abi::reasons::{
    ASN1_R_BMPSTRING_IS_WRONG_LENGTH, ASN1_R_INVALID_UTF8STRING, ASN1_R_INVALID_VALUE,
    ASN1_R_MSTRING_NOT_UNIVERSAL, ASN1_R_MSTRING_WRONG_TAG, ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH,
};
use crate::crypto::asn1::{
    asn1_err, char_width, code_points, ln, obj_by_nid, push_tlv, sn, to_utf8, utf8_put, Asn1String,
    Der, Tlv, ASN1_OBJECT, SEQUENCE_OF, SET_OF, TAG_CONSTRUCTED, TAG_SEQUENCE, TAG_SET,
};
use crate::crypto::err::Error;
use std::cmp::Ordering;
use std::ffi::{c_int, c_long};

// X509_NAME.

/// One attribute of a name: `X509_NAME_ENTRY` (type, value, RDN index).
#[derive(Debug)]
pub struct X509_name_entry_st {
    pub(crate) object: ASN1_OBJECT,
    pub(crate) value: Asn1String,
    pub(crate) set: c_int,
}
crate::handle!(Owned: X509_name_entry_st);
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
    pub(crate) entries: Vec<X509_NAME_ENTRY>,
    pub(crate) der: Vec<u8>,
}
crate::handle!(Shared: X509_name_st);
pub type X509_NAME = X509_name_st;

/// A name attribute value, as OpenSSL 3 decodes `ASN1_PRINTABLE`: a
/// universal-class string whose tag is in `B_ASN1_PRINTABLE` (Numeric,
/// Printable, T61, IA5, BIT STRING, Universal, BMP, UTF8 and the tags
/// `ASN1_tag2bit` calls unknown: 7-9, 11, 13-15, 29), or a constructed
/// SEQUENCE kept as its DER. Other tags (BOOLEAN, INTEGER, OCTET STRING, NULL,
/// OID, the times, Visible, Videotex, Graphic, General, SET) are refused with
/// `ASN1_R_MSTRING_WRONG_TAG`. Decoding then canonicalizes the name with
/// `ASN1_STRING_to_UTF8` (x509_name_canon), so a UTF8String, BMPString or
/// UniversalString that does not convert (bad UTF-8, odd lengths, surrogates,
/// beyond U+10FFFF) refuses the name. OpenSSL also collects BER constructed
/// strings, and so does ferrossl.
pub(crate) fn parse_attr_value(tlv: &Tlv<'_>) -> Result<Asn1String, Error> {
    if tlv.tag & 0xc0 != 0 {
        return Err(asn1_err(ASN1_R_MSTRING_NOT_UNIVERSAL));
    }
    if tlv.tag == TAG_SEQUENCE {
        return Ok(Asn1String::new(V_ASN1_SEQUENCE, tlv.raw));
    }
    // a BER constructed string: its parts' contents, collected
    let content = crate::crypto::x509::string_content(tlv)?;
    let kind = c_int::from(tlv.tag & !TAG_CONSTRUCTED);
    match kind {
        3 => {
            // OpenSSL's c2i_ASN1_BIT_STRING: the bits without the unused-bits
            // octet (the unused bits of the last byte cleared), that count in
            // the flags
            crate::crypto::x509::check_bit_string(&content)?;
            let unused = content[0];
            let mut bits = content[1..].to_vec();
            if let Some(last) = bits.last_mut() {
                *last &= 0xff << unused;
            }
            return Ok(Asn1String::with_flags(
                kind,
                &bits,
                ASN1_STRING_FLAG_EMBED | ASN1_STRING_FLAG_BITS_LEFT | c_long::from(unused),
            ));
        }
        7..=9 | 11 | 13..=15 | 18..=20 | 22 | 29 => {}
        V_ASN1_UTF8STRING | V_ASN1_BMPSTRING | V_ASN1_UNIVERSALSTRING => {
            if to_utf8(kind, &content).is_none() {
                return Err(asn1_err(match kind {
                    V_ASN1_BMPSTRING if content.len() % 2 != 0 => ASN1_R_BMPSTRING_IS_WRONG_LENGTH,
                    V_ASN1_UNIVERSALSTRING if content.len() % 4 != 0 => {
                        ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH
                    }
                    _ => ASN1_R_INVALID_UTF8STRING,
                }));
            }
        }
        _ => return Err(asn1_err(ASN1_R_MSTRING_WRONG_TAG)),
    }
    Ok(Asn1String::new(kind, &content))
}

impl X509_name_st {
    /// From a DER `Name` (the whole SEQUENCE).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let mut outer = Der::new(der);
        let seq = outer.expect_tlv_of(SEQUENCE_OF)?;
        outer.finish()?;
        let mut rdns = Der::new(seq.content);
        let mut entries = Vec::new();
        let mut set: c_int = 0;
        while !rdns.is_empty() {
            let mut atvs = Der::new(rdns.expect_tlv_of(SET_OF)?.content);
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
    pub(crate) fn print_compat(&self) -> String {
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
    pub fn cmp_canonical(&self, other: &Self) -> c_int {
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
pub(crate) fn canon_value(v: &Asn1String) -> Option<Vec<u8>> {
    pub(crate) const CANON: [c_int; 7] = [
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
pub(crate) static CHAR_TYPE: [u16; 128] = [
    1026, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, //
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, //
    104, 0, 1, 40, 0, 0, 0, 0, 1024, 1024, 1024, 9, 9, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 0, 9, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1025, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, //
];
pub(crate) const CHARTYPE_FIRST_ESC_2253: u64 = 0x20;
pub(crate) const CHARTYPE_LAST_ESC_2253: u64 = 0x40;
pub(crate) const CHARTYPE_BS_ESC: u64 =
    ASN1_STRFLGS_ESC_2253 | CHARTYPE_FIRST_ESC_2253 | CHARTYPE_LAST_ESC_2253;
pub(crate) const ESC_FLAGS: u64 = ASN1_STRFLGS_ESC_2253
    | ASN1_STRFLGS_ESC_2254
    | ASN1_STRFLGS_ESC_QUOTE
    | ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB;

/// `do_esc_char`: appends `c` escaped per `flags`; sets `quotes` if the
/// value must be quoted instead.
pub(crate) fn esc_char(out: &mut String, c: u32, flags: u64, quotes: &mut bool) {
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
            utf8_put(&mut u, c)?;
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
pub(crate) fn push_latin1_as_bytes(out: &mut Vec<u8>, s: &str) {
    out.extend(s.chars().map(|c| c as u32 as u8));
}

pub(crate) fn tag_name(t: c_int) -> String {
    pub(crate) const NAMES: [&str; 31] = [
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
pub(crate) fn dump(s: &Asn1String, flags: u64) -> String {
    let bytes = if flags & ASN1_STRFLGS_DUMP_DER == 0 || s.kind() == V_ASN1_SEQUENCE {
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
