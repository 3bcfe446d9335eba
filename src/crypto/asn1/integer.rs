//! `ASN1_INTEGER`: values, serial numbers and their printing.

use crate::abi::consts::{V_ASN1_INTEGER, V_ASN1_NEG, V_ASN1_NEG_INTEGER};
use crate::abi::reasons::{ASN1_R_ILLEGAL_PADDING, ASN1_R_INVALID_VALUE};
use crate::crypto::asn1::{asn1_err, Asn1String};
use crate::crypto::err::Error;

// ASN1_INTEGER helpers.

/// An `ASN1_INTEGER` from DER INTEGER content: OpenSSL keeps the magnitude
/// (big-endian, no leading zeros) and marks negatives `V_ASN1_NEG_INTEGER`.
pub fn integer_from_der(content: &[u8]) -> Result<Asn1String, Error> {
    if content.is_empty() {
        return Err(asn1_err(ASN1_R_INVALID_VALUE));
    }
    // OpenSSL 3's c2i_ibuf: a leading 0x00 or 0xff octet whose next octet
    // has the same top bit is padding, which DER forbids (00 01, ff 80).
    if let [first @ (0x00 | 0xff), second, ..] = content {
        if (first & 0x80) == (second & 0x80) {
            return Err(asn1_err(ASN1_R_ILLEGAL_PADDING));
        }
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
