//! OpenSSL 3.0's `X509_print_ex` text from aws-lc's (which is OpenSSL
//! 1.1.1's layout): the few places where 3.0 changed the output.

use crate::abi::objects::{
    NID_authority_key_identifier, NID_certificate_policies, NID_crl_distribution_points,
    NID_freshest_crl, NID_info_access, NID_name_constraints, NID_sinfo_access,
};
use crate::crypto::asn1::{Der, TAG_SEQUENCE};
use crate::crypto::x509::X509_EXTENSION;
use crate::ffi::print::{self, ExtText};
use std::ffi::{c_int, c_ulong};

/// Rewrites aws-lc's certificate text into OpenSSL 3.0's: the inner
/// "Signature Algorithm" at 8 columns, "Signature Value:" before the
/// signature (8 columns, not 9), an EC key's size in bits with its
/// "ASN1 OID" / "NIST CURVE" lines, and the authority key identifier
/// without "keyid:" and its trailing blank line.
pub fn openssl3_text(aws: &str) -> String {
    layout_3_0(aws, false)
}

/// `openssl3_text` for a request's text (`X509_REQ_print_ex`), which has
/// only the outer "Signature Algorithm".
pub fn openssl3_req_text(aws: &str) -> String {
    layout_3_0(aws, true)
}

fn layout_3_0(aws: &str, outer_only: bool) -> String {
    let lines: Vec<&str> = aws.split_inclusive('\n').collect();
    let mut out = String::with_capacity(aws.len() + 128);
    let mut seen_inner_sigalg = outer_only;
    let mut curve: Option<(&str, &str)> = None;
    let mut in_pub = false;
    let mut after_akid = false;
    let mut in_sig = false;
    for l in lines {
        let t = l.trim_end_matches('\n');
        if in_sig {
            if let Some(hex) = t.strip_prefix("         ") {
                out.push_str("        ");
                out.push_str(hex);
                out.push('\n');
                continue;
            }
            in_sig = false;
        }
        if in_pub {
            let indent = t.len() - t.trim_start().len();
            if indent <= 12 {
                if let Some((oid, nist)) = curve.take() {
                    out.push_str(&format!("                ASN1 OID: {oid}\n"));
                    out.push_str(&format!("                NIST CURVE: {nist}\n"));
                }
                in_pub = false;
            }
        }
        if after_akid {
            after_akid = false;
            if t.is_empty() {
                continue;
            }
        }
        if let Some(alg) = t.strip_prefix("    Signature Algorithm: ") {
            if !seen_inner_sigalg {
                seen_inner_sigalg = true;
                out.push_str(&format!("        Signature Algorithm: {alg}\n"));
            } else {
                out.push_str(&format!(
                    "    Signature Algorithm: {alg}\n    Signature Value:\n"
                ));
                in_sig = true;
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("                Public-Key: (") {
            let name = rest.trim_end_matches(')');
            let known = match name {
                "P-256" => Some(("prime256v1", "P-256", 256)),
                "P-384" => Some(("secp384r1", "P-384", 384)),
                "P-521" => Some(("secp521r1", "P-521", 521)),
                _ => None,
            };
            if let Some((oid, nist, bits)) = known {
                out.push_str(&format!("                Public-Key: ({bits} bit)\n"));
                curve = Some((oid, nist));
                continue;
            }
        }
        if t.trim_start() == "pub:" && curve.is_some() {
            in_pub = true;
        }
        if let Some(id) = t.strip_prefix("                keyid:") {
            out.push_str(&format!("                {id}\n"));
            after_akid = true;
            continue;
        }
        out.push_str(l);
    }
    if let Some((oid, nist)) = curve {
        out.push_str(&format!(
            "                ASN1 OID: {oid}\n                NIST CURVE: {nist}\n"
        ));
    }
    out
}

/// `X509V3_EXT_print`'s flag bits for extensions without a method or whose
/// value does not parse (x509v3.h).
pub const X509V3_EXT_UNKNOWN_MASK: c_ulong = 0xf << 16;
pub const X509V3_EXT_DEFAULT: c_ulong = 0;
pub const X509V3_EXT_ERROR_UNKNOWN: c_ulong = 1 << 16;
pub const X509V3_EXT_PARSE_UNKNOWN: c_ulong = 2 << 16;
pub const X509V3_EXT_DUMP_UNKNOWN: c_ulong = 3 << 16;

/// OpenSSL 3.0's `X509V3_EXT_print(out, ext, flag, indent)`: Some(text) when
/// it returns non-zero (the text may be empty; see [`ext_print_result`]),
/// None when it returns 0 (nothing printed: no method and
/// `X509V3_EXT_DEFAULT`, or a method that failed).
/// aws-lc's methods print the value (its v3 code is OpenSSL's); the
/// authority key identifier and the multi-line lists get OpenSSL 3.0's
/// layout. `X509V3_EXT_PARSE_UNKNOWN` (an `ASN1_parse_dump` of the value,
/// which ferrossl does not have) answers 0 like `X509V3_EXT_DEFAULT`.
pub fn ext_print(ext: &X509_EXTENSION, flag: c_ulong, indent: c_int) -> Option<Vec<u8>> {
    let indent = indent.max(0);
    let supported = match print::ext_text(&ext.to_der(), indent) {
        ExtText::Text(t) => return Some(openssl3_ext(ext, t)),
        ExtText::Failed => return None,
        ExtText::Unknown => false,
        ExtText::ParseError => true,
    };
    let pad = " ".repeat(indent as usize);
    match flag & X509V3_EXT_UNKNOWN_MASK {
        X509V3_EXT_DEFAULT | X509V3_EXT_PARSE_UNKNOWN => None,
        X509V3_EXT_ERROR_UNKNOWN if supported => Some(format!("{pad}<Parse Error>").into_bytes()),
        X509V3_EXT_ERROR_UNKNOWN => Some(format!("{pad}<Not Supported>").into_bytes()),
        X509V3_EXT_DUMP_UNKNOWN => Some(dump_indent(ext.value().bytes(), indent)),
        _ => Some(Vec::new()),
    }
}

/// What `X509V3_EXT_print` returns after printing `text` for `ext`: 1, but
/// for an unknown or unparsable extension dumped with
/// `X509V3_EXT_DUMP_UNKNOWN`, `BIO_dump_indent`'s byte count.
pub fn ext_print_result(ext: &X509_EXTENSION, flag: c_ulong, text: &[u8]) -> c_int {
    let dumped = flag & X509V3_EXT_UNKNOWN_MASK == X509V3_EXT_DUMP_UNKNOWN
        && !matches!(
            print::ext_text(&ext.to_der(), 0),
            ExtText::Text(_) | ExtText::Failed
        );
    if dumped {
        text.len() as c_int
    } else {
        1
    }
}

/// OpenSSL 3.0's layout of aws-lc's text for `ext`: the multi-line lists
/// (authority key identifier, authority and subject information access)
/// without a newline after their last line (3.0's `X509V3_EXT_val_prn`),
/// and the authority key identifier's key id without "keyid:" when it is
/// the only field, its serial as hex bytes (3.0's `i2v_AUTHORITY_KEYID`).
fn openssl3_ext(ext: &X509_EXTENSION, mut text: Vec<u8>) -> Vec<u8> {
    let nid = ext.object().nid();
    if !matches!(
        nid,
        NID_authority_key_identifier
            | NID_info_access
            | NID_sinfo_access
            | NID_crl_distribution_points
            | NID_freshest_crl
            | NID_certificate_policies
            | NID_name_constraints
    ) {
        return text;
    }
    if matches!(nid, NID_crl_distribution_points | NID_freshest_crl) {
        // 3.0's print_distpoint: no blank line before or between points
        let lines: Vec<&[u8]> = text
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        text = lines.join(&b'\n');
        return text;
    }
    if text.ends_with(b"\n") {
        text.pop();
    }
    if nid != NID_authority_key_identifier {
        return text;
    }
    let Some((has_issuer, serial)) = akid_fields(ext.value().bytes()) else {
        return text;
    };
    let s = String::from_utf8_lossy(&text).into_owned();
    let lines: Vec<String> = s
        .split('\n')
        .map(|l| {
            let body = l.trim_start();
            let pad = &l[..l.len() - body.len()];
            if let Some(id) = body.strip_prefix("keyid:") {
                if !has_issuer && serial.is_none() {
                    return format!("{pad}{id}");
                }
            }
            if body.starts_with("serial:") {
                if let Some(sn) = serial {
                    return format!("{pad}serial:{}", hex_colon(sn));
                }
            }
            l.to_string()
        })
        .collect();
    lines.join("\n").into_bytes()
}

/// An AuthorityKeyIdentifier's [1] issuer presence and [2] serial bytes.
fn akid_fields(der: &[u8]) -> Option<(bool, Option<&[u8]>)> {
    let mut outer = Der::new(der);
    let mut seq = Der::new(outer.expect(TAG_SEQUENCE).ok()?);
    let _ = seq.optional(0x80).ok()?;
    let issuer = seq.optional(0xa1).ok()?.is_some();
    let serial = seq.optional(0x82).ok()?;
    Some((issuer, serial))
}

fn hex_colon(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// OpenSSL 3.0's `X509V3_extensions_print(out, title, exts, flag, indent)`
/// text: under `title` (then four columns further in), each extension's
/// name, ": critical" or ": ", its value (`X509V3_EXT_print`, else the raw
/// value as `ASN1_STRING_print` writes it) and a newline.
pub fn extensions_text<'a>(
    exts: impl IntoIterator<Item = &'a X509_EXTENSION>,
    title: Option<&str>,
    flag: c_ulong,
    indent: c_int,
) -> Vec<u8> {
    let mut exts = exts.into_iter().peekable();
    let mut text = Vec::new();
    if exts.peek().is_none() {
        return text;
    }
    let mut indent = indent.max(0);
    if let Some(t) = title {
        text.extend_from_slice(format!("{:1$}{t}:\n", "", indent as usize).as_bytes());
        indent += 4;
    }
    for ext in exts {
        let name = ext.object().txt(false);
        let crit = if ext.critical() { "critical" } else { "" };
        text.extend_from_slice(format!("{:1$}{name}: {crit}\n", "", indent as usize).as_bytes());
        match ext_print(ext, flag, indent + 4) {
            Some(t) => text.extend_from_slice(&t),
            None => {
                text.extend_from_slice(format!("{:1$}", "", indent as usize + 4).as_bytes());
                text.extend_from_slice(&string_print(ext.value().bytes()));
            }
        }
        text.push(b'\n');
    }
    text
}

/// OpenSSL 3.0's `BIO_dump_indent` text of `data` (crypto/bio/bio_dump.c):
/// rows of offset, hex bytes (a '-' after the eighth) and their printable
/// characters, fewer bytes per row as the indent grows.
pub fn dump_indent(data: &[u8], indent: c_int) -> Vec<u8> {
    let indent = indent.clamp(0, 64) as usize;
    let width = 16 - (indent - indent.min(6)).div_ceil(4);
    let mut out = Vec::new();
    for (row, chunk) in data.chunks(width).enumerate() {
        let mut line = format!("{:indent$}{:04x} - ", "", row * width);
        for j in 0..width {
            match chunk.get(j) {
                Some(b) => line.push_str(&format!("{b:02x}{}", if j == 7 { '-' } else { ' ' })),
                None => line.push_str("   "),
            }
        }
        line.push_str("  ");
        for &b in chunk {
            line.push(if (b' '..=b'~').contains(&b) {
                b as char
            } else {
                '.'
            });
        }
        line.push('\n');
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// OpenSSL's `ASN1_STRING_print` of `data`: bytes outside printable ASCII
/// (but for CR and LF) as '.'.
pub fn string_print(data: &[u8]) -> Vec<u8> {
    data.iter()
        .map(|&b| {
            if b > b'~' || (b < b' ' && b != b'\n' && b != b'\r') {
                b'.'
            } else {
                b
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rewrites_the_1_1_1_layout() {
        let aws = "Certificate:\n    Data:\n    Signature Algorithm: ecdsa-with-SHA256\n        Issuer: CN = x\n                Public-Key: (P-256)\n                pub:\n                    04:aa\n        X509v3 extensions:\n                keyid:AB:CD\n\n    Signature Algorithm: ecdsa-with-SHA256\n         30:44\n";
        let want = "Certificate:\n    Data:\n        Signature Algorithm: ecdsa-with-SHA256\n        Issuer: CN = x\n                Public-Key: (256 bit)\n                pub:\n                    04:aa\n                ASN1 OID: prime256v1\n                NIST CURVE: P-256\n        X509v3 extensions:\n                AB:CD\n    Signature Algorithm: ecdsa-with-SHA256\n    Signature Value:\n        30:44\n";
        assert_eq!(super::openssl3_text(aws), want);
    }
}
