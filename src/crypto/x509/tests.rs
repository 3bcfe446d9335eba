use super::*;
use crate::abi::consts::{
    ASN1_STRFLGS_ESC_MSB, V_ASN1_GENERALIZEDTIME, V_ASN1_INTEGER, V_ASN1_NEG_INTEGER,
    V_ASN1_OCTET_STRING, V_ASN1_UTCTIME, X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS,
    X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
    X509_CHECK_FLAG_NO_WILDCARDS, XN_FLAG_COMPAT, XN_FLAG_MULTILINE, XN_FLAG_ONELINE,
    XN_FLAG_RFC2253,
};
use crate::abi::objects::{
    NID_X9_62_prime256v1, NID_commonName, NID_ecdsa_with_SHA256, NID_sha256WithRSAEncryption,
    NID_subject_alt_name, NID_undef, OBJECTS,
};
use crate::abi::reasons::{
    ASN1_R_BAD_OBJECT_HEADER, ASN1_R_HEADER_TOO_LONG, ASN1_R_TOO_LONG, PEM_R_BAD_BASE64_DECODE,
    PEM_R_BAD_END_LINE, PEM_R_NO_START_LINE,
};
use crate::crypto::asn1::{
    integer_from_der, integer_hex, integer_value, ln, nid_by_sn, nid_by_txt, obj_by_nid,
    parse_time, sn, time_from_unix, time_print, tlv_len, Der, Tm, ASN1_OBJECT,
};
use crate::crypto::pem::{cert_to_pem, certs_from_pem};

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
    long.extend(std::iter::repeat_n(7, 256));
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
    assert_eq!(n.cmp_canonical(&n.dup()), 0);
    assert_ne!(n.cmp_canonical(c.subject()), 0);
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

// Found by the x509_diff fuzz target (fuzz/fuzz_targets/x509_diff.rs): ferrossl
// accepted what OpenSSL 3 (and aws-lc) refuse. Checked with `openssl x509 -inform DER
// -noout -text` (OpenSSL 3.0).

#[test]
fn integer_padding_refused() {
    // c2i_ibuf's ASN1_R_ILLEGAL_PADDING: 00 before a clear top bit, ff before a set one
    for bad in [
        &[0x00, 0x01][..],
        &[0x00, 0x00],
        &[0xff, 0x80],
        &[0xff, 0xff, 0x01],
    ] {
        assert!(integer_from_der(bad).is_err(), "{bad:02x?}");
    }
    for good in [
        &[0x00, 0x80][..],
        &[0xff, 0x00],
        &[0xff, 0x7f],
        &[0x01, 0x00],
        &[0x80],
    ] {
        assert!(integer_from_der(good).is_ok(), "{good:02x?}");
    }
}

/// A Name with one RDN holding CN = the TLV `value`.
fn cn_name(value: &[u8]) -> Vec<u8> {
    let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x03];
    atv.extend_from_slice(value);
    let mut seq = vec![0x30, atv.len() as u8];
    seq.extend_from_slice(&atv);
    let mut set = vec![0x31, seq.len() as u8];
    set.extend_from_slice(&seq);
    let mut name = vec![0x30, set.len() as u8];
    name.extend_from_slice(&set);
    name
}

#[test]
fn name_value_types_as_openssl() {
    // B_ASN1_PRINTABLE's tags (and ASN1_tag2bit's unknown ones) parse ...
    for ok in [
        &[0x13, 0x01, b'a'][..],
        &[0x0c, 0x00],
        &[0x12, 0x02, b'z', b'z'],
        &[0x14, 0x01, 0xff],
        &[0x16, 0x01, 0xff],
        &[0x03, 0x01, 0x00],
        &[0x07, 0x01, b'a'],
        &[0x1d, 0x01, b'a'],
        &[0x1e, 0x02, 0x00, b'a'],
        &[0x1e, 0x02, 0xff, 0xff], // a noncharacter: OpenSSL loads it (aws-lc does not)
        &[0x1c, 0x04, 0x00, 0x00, 0x00, b'a'],
        &[0x30, 0x03, 0x0c, 0x01, b'a'],
        &[0x2c, 0x03, 0x0c, 0x01, b'a'], // BER constructed UTF8String: collected
    ] {
        assert!(X509_NAME::from_der(&cn_name(ok)).is_ok(), "{ok:02x?}");
    }
    let n = X509_NAME::from_der(&cn_name(
        &[0x33, 0x06, 0x13, 0x01, b'a', 0x04, 0x01, b'b'][..],
    ))
    .unwrap();
    assert_eq!(
        (
            n.entries()[0].value().kind(),
            n.entries()[0].value().bytes()
        ),
        (19, &b"ab"[..])
    );
    // RDNs and the Name itself load in the primitive form of SET OF / SEQUENCE OF
    // (OpenSSL 3's asn1_template_noexp_d2i does not check the constructed bit)
    let mut prim = cn_name(&[0x0c, 0x01, b'a']);
    prim[0] = 0x10;
    prim[2] = 0x11;
    assert_eq!(X509_NAME::from_der(&prim).unwrap().entries().len(), 1);
    // ... the others do not: BOOLEAN, INTEGER, OCTET STRING, NULL, OID, ENUMERATED,
    // Videotex, UTCTime, Visible, General, SET, a context tag, constructed strings,
    // and strings that do not convert to UTF-8 (x509_name_canon)
    for bad in [
        &[0x01, 0x01, 0xff][..],
        &[0x02, 0x01, 0x01],
        &[0x04, 0x01, b'a'],
        &[0x05, 0x00],
        &[0x06, 0x01, 0x2a],
        &[0x0a, 0x01, 0x01],
        &[0x15, 0x01, b'a'],
        &[
            0x17, 0x0d, b'2', b'5', b'0', b'1', b'0', b'1', b'0', b'0', b'0', b'0', b'0', b'0',
            b'Z',
        ],
        &[0x1a, 0x01, b'a'],
        &[0x1b, 0x01, b'a'],
        &[0x31, 0x03, 0x0c, 0x01, b'a'],
        &[0x80, 0x01, b'a'],
        &[0x31, 0x03, 0x0c, 0x01, b'a'],
        &[0x0c, 0x01, 0xff],
        &[0x0c, 0x03, 0xed, 0xa0, 0x80],
        &[0x1e, 0x03, 0x00, b'a', 0x00],
        &[0x1e, 0x02, 0xd8, 0x00],
        &[0x1c, 0x04, 0x00, 0x11, 0x00, 0x00],
        &[0x1c, 0x02, 0x00, b'a'],
    ] {
        assert!(X509_NAME::from_der(&cn_name(bad)).is_err(), "{bad:02x?}");
    }
}

fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body = parts.concat();
    let mut out = vec![tag];
    crate::crypto::asn1::push_len(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

/// A minimal v3 certificate (the fixture's key, any signature bytes): `alg` is
/// the signature AlgorithmIdentifier, `exts` the extensions list TLV (or empty).
fn mini_cert(serial: &[u8], alg: &[u8], spki: &[u8], exts: &[u8], sig_bits: &[u8]) -> Vec<u8> {
    let name = cn_name(&[0x0c, 0x01, b'a']);
    let utc = tlv(0x17, &[b"250101000000Z"]);
    let tbs = tlv(
        0x30,
        &[
            &tlv(0xa0, &[&[0x02, 0x01, 0x02]]),
            &tlv(0x02, &[serial]),
            alg,
            &name,
            &tlv(0x30, &[&utc, &utc]),
            &name,
            spki,
            exts,
        ],
    );
    tlv(0x30, &[&tbs, alg, &tlv(0x03, &[sig_bits])])
}

#[test]
fn certificate_edges_as_openssl() {
    let server = x509_st::from_der(SERVER_DER).unwrap();
    let spki = server.spki().to_vec();
    let ecdsa = tlv(
        0x30,
        &[&[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]],
    );
    let ok = mini_cert(&[1], &ecdsa, &spki, &[], &[0, 0]);
    assert!(x509_st::from_der(&ok).is_ok());
    // serial with illegal padding
    assert!(x509_st::from_der(&mini_cert(&[0, 1], &ecdsa, &spki, &[], &[0, 0])).is_err());
    // signature BIT STRING with 8 (or more) unused bits; empty
    for bits in [&[8u8, 0][..], &[0x64], &[]] {
        assert!(x509_st::from_der(&mini_cert(&[1], &ecdsa, &spki, &[], bits)).is_err());
    }
    // a unique ID is a BIT STRING too (found by the fuzzer: 0x64 unused bits)
    for (id, ok) in [
        (&[0x81, 0x01, 0x64][..], false),
        (&[0x82, 0x01, 0x00], true),
    ] {
        let x = x509_st::from_der(&mini_cert(&[1], &ecdsa, &spki, id, &[0, 0]));
        assert_eq!(x.is_ok(), ok, "{id:02x?}");
    }
    // AlgorithmIdentifier parameters decoded by type (X509_ALGOR's ANY) ...
    let oid = &ecdsa[2..];
    let with = |param: &[u8]| tlv(0x30, &[oid, param]);
    for bad in [
        &[0x01, 0x02, 0, 0][..],      // BOOLEAN of 2 octets
        &[0x05, 0x01, 0],             // NULL with content
        &[0x02, 0x02, 0, 1],          // padded INTEGER
        &[0x03, 0x01, 8],             // 8 unused bits
        &[0x1e, 0x01, 0],             // odd BMPString
        &[0x00, 0x00],                // end-of-contents
        &[0x05, 0x00, 0x05, 0x00],    // something after the parameters
        &[0x22, 0x03, 0x02, 0x01, 1], // constructed INTEGER
    ] {
        let alg = with(bad);
        assert!(
            x509_st::from_der(&mini_cert(&[1], &alg, &spki, &[], &[0, 0])).is_err(),
            "{bad:02x?}"
        );
    }
    for good in [
        &[0x05, 0x00][..],
        &[0x80, 0x01, b'a'],
        &[0x00, 0x01, 0],
        &[0x01, 0x01, 1],
    ] {
        let alg = with(good);
        assert!(
            x509_st::from_der(&mini_cert(&[1], &alg, &spki, &[], &[0, 0])).is_ok(),
            "{good:02x?}"
        );
    }
    // ... in the public key's algorithm too (a BOOLEAN of 8 octets, found by the fuzzer)
    let mut bad_spki = spki.clone();
    let at = bad_spki.windows(2).position(|w| w == [0x06, 0x08]).unwrap(); // the curve OID
    bad_spki[at] = 0x01;
    assert!(x509_st::from_der(&mini_cert(&[1], &ecdsa, &bad_spki, &[], &[0, 0])).is_err());

    // extensions: a malformed subjectAltName or basicConstraints still loads
    // (OpenSSL 3 marks the certificate invalid; names absent, no CA) ...
    let ext = |oid: &[u8], value: &[u8]| tlv(0x30, &[&tlv(0x06, &[oid]), value]);
    let san = [0x55, 0x1d, 0x11];
    let bc = [0x55, 0x1d, 0x13];
    let exts = tlv(
        0xa3,
        &[&tlv(
            0x30,
            &[
                &ext(&san, &tlv(0x04, &[&[0x30, 0x03, 0x0c, 0x01, b'a']])),
                &ext(&bc, &tlv(0x04, &[&[0x31, 0x00]])),
            ],
        )],
    );
    let x = x509_st::from_der(&mini_cert(&[1], &ecdsa, &spki, &exts, &[0, 0])).unwrap();
    assert!(x.san().is_none());
    assert_eq!(x.check_ca(), 0);
    // ... a BER constructed OCTET STRING value is collected, and the list may be
    // the primitive form of SEQUENCE OF
    let skid = [0x55, 0x1d, 0x0e];
    let cons = tlv(
        0x24,
        &[&tlv(0x04, &[&[0x04, 0x01]]), &tlv(0x04, &[&[0xaa]])],
    );
    let exts = tlv(0xa3, &[&tlv(0x10, &[&ext(&skid, &cons)])]);
    let x = x509_st::from_der(&mini_cert(&[1], &ecdsa, &spki, &exts, &[0, 0])).unwrap();
    assert_eq!(x.extensions()[0].value().bytes(), &[0x04, 0x01, 0xaa]);
    assert_eq!(
        x.skid.as_ref().map(|s| s.bytes().to_vec()),
        Some(vec![0xaa])
    );
}

#[test]
fn name_bit_string_value_as_openssl() {
    // CN as a BIT STRING with 1 unused bit: OpenSSL keeps the bits (the unused one
    // cleared) and counts the unused bits in the flags, not the leading octet
    let der = [
        0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x03, 0x02, 0x01, 0xff,
    ];
    let name = X509_NAME::from_der(&der).unwrap();
    let v = name.entries()[0].value();
    assert_eq!(v.kind(), 3);
    assert_eq!(v.bytes(), &[0xfe]);
    assert_eq!(v.c.flags & 0x0f, 0x08 | 1);
    // more than 7 unused bits is refused, as OpenSSL does
    let mut bad = der;
    bad[13] = 8;
    assert!(X509_NAME::from_der(&bad).is_err());
}
