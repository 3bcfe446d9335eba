//! Differential: ferrossl's certificate reader (`x509_st::from_der`) against
//! aws-lc's `d2i_X509` (which must consume the whole input). Both accept or
//! both refuse; when both accept, every field agrees: version, serial (type
//! and magnitude), the tbs signature algorithm, issuer and subject (encoding
//! and entries: OID, string type, bytes, RDN index), notBefore/notAfter (type
//! and bytes), the extensions (OID, critical, value) and the SPKI.
//!
//! OpenSSL 3 is the reference for who is right: where aws-lc (BoringSSL's
//! stricter parser) refuses what OpenSSL 3 accepts, the exception is below
//! (`lc_stricter`) and ferrossl keeps OpenSSL's answer.
#![no_main]

use ferrossl::crypto::x509::{x509_st, X509_NAME};
use ferrossl::ffi::x509::{Cert, CertView, NameView};
use libfuzzer_sys::fuzz_target;
use std::ffi::c_int;

fn name_eq(what: &str, f: &X509_NAME, l: &NameView) {
    assert_eq!(f.der(), &l.der[..], "{what}: encoding");
    let fe: Vec<_> = f
        .entries()
        .iter()
        .map(|e| {
            (
                e.object().der_content().to_vec(),
                e.value().kind(),
                e.value().bytes().to_vec(),
                e.set(),
            )
        })
        .collect();
    assert_eq!(fe, l.entries, "{what}: entries");
}

/// What aws-lc refuses and OpenSSL 3 accepts (each checked with `openssl x509
/// -inform DER -noout -text` on OpenSSL 3.0), by aws-lc's reason: ferrossl keeps
/// OpenSSL's answer.
fn lc_stricter(reason: &str) -> bool {
    matches!(
        reason,
        // aws-lc checks the UTCTime/GeneralizedTime syntax of notBefore/notAfter
        // when parsing (BoringSSL's CBS time parser); OpenSSL 3.0 loads any
        // content and only fails when the time is used (printed "Bad time
        // value", X509_cmp_time errors, verification refuses it; so does webpki).
        "INVALID_TIME_FORMAT"
        // aws-lc refuses extensions in a v1/v2 certificate, unique IDs in v1 and
        // (BoringSSL) an explicitly encoded v1; OpenSSL 3.0 loads them.
        | "INVALID_FIELD_FOR_VERSION"
        // aws-lc refuses a BIT STRING (signature, subjectPublicKey) whose unused
        // bits are not zero; OpenSSL 3.0 loads it, masking them in memory
        // (ferrossl keeps the bytes as they are: they are what was signed).
        | "INVALID_BIT_STRING_PADDING"
        // aws-lc refuses noncharacters (U+FFFE, U+FFFF, ...) in BMPString,
        // UniversalString and UTF8String; OpenSSL 3.0's name canonicalization
        // only refuses surrogates and values beyond U+10FFFF, and so does ferrossl.
        | "INVALID_BMPSTRING"
        | "INVALID_UNIVERSALSTRING"
        | "INVALID_UTF8STRING"
    )
}

/// The name value types OpenSSL 3 decodes (`B_ASN1_PRINTABLE` by `ASN1_tag2bit`,
/// src/crypto/x509/name.rs): aws-lc's mask is wider (it loads ENUMERATED, ...),
/// which OpenSSL 3 refuses with ASN1_R_MSTRING_WRONG_TAG, as ferrossl does.
fn openssl_name_type(t: c_int) -> bool {
    matches!(t, 3 | 7..=9 | 11..=16 | 18..=20 | 22 | 28..=30)
}

fn lc_lenient(e: &ferrossl::crypto::err::Error, v: &CertView) -> bool {
    use ferrossl::abi::reasons::ASN1_R_MSTRING_WRONG_TAG;
    e.reason() == ASN1_R_MSTRING_WRONG_TAG
        && (v.issuer.entries.iter())
            .chain(v.subject.entries.iter())
            .any(|(_, t, _, _)| !openssl_name_type(*t))
}

fuzz_target!(|data: &[u8]| {
    let f = x509_st::from_der(data);
    let l = Cert::from_der_exact(data);
    let (f, l) = match (f, l) {
        (Err(_), Err(_)) => return,
        (Ok(f), Ok(l)) => (f, l),
        (Ok(_), Err(e)) if lc_stricter(&e.text) => return,
        (Ok(_), Err(e)) => panic!("ferrossl accepts, aws-lc refuses: {e:?}"),
        (Err(e), Ok(l)) => {
            let v = l.view().expect("aws-lc view");
            if lc_lenient(&e, &v) {
                return;
            }
            panic!("ferrossl refuses ({e:?}), aws-lc accepts: {v:?}")
        }
    };
    let v = l.view().expect("aws-lc view");
    assert_eq!(f.version(), i64::from(v.version), "version");
    assert_eq!(
        (f.serial().kind(), f.serial().bytes()),
        (v.serial.0, &v.serial.1[..]),
        "serial"
    );
    assert_eq!(
        f.signature_alg().der_content(),
        &v.signature_alg[..],
        "signature algorithm"
    );
    name_eq("issuer", f.issuer(), &v.issuer);
    name_eq("subject", f.subject(), &v.subject);
    let t = |s: &ferrossl::crypto::asn1::Asn1String| (s.kind(), s.bytes().to_vec());
    assert_eq!(t(f.not_before()), v.not_before, "notBefore");
    assert_eq!(t(f.not_after()), v.not_after, "notAfter");
    let fx: Vec<_> = f
        .extensions()
        .iter()
        .map(|e| {
            (
                e.object().der_content().to_vec(),
                e.critical(),
                e.value().bytes().to_vec(),
            )
        })
        .collect();
    assert_eq!(fx.len(), v.extensions.len(), "extension count");
    assert_eq!(fx, v.extensions, "extensions");
    assert_eq!(f.spki(), &v.spki[..], "SPKI");
});
