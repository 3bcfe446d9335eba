//! Calls ferrossl's exported X.509 functions directly, on certificates made
//! by the openssl CLI (tests/data), checking values OpenSSL 3 reports.
use ferrossl::abi::objects::{NID_basic_constraints, NID_commonName, NID_subject_alt_name};
use ferrossl::abi::reasons::{
    ASN1_R_HEADER_TOO_LONG, ASN1_R_WRONG_TAG, ERR_LIB_ASN1, ERR_R_INTERNAL_ERROR,
    PEM_R_NO_START_LINE,
};
use ferrossl::crypto::asn1::ASN1_STRING;
use ferrossl::crypto::err as error;
use ferrossl::crypto::x509::GENERAL_NAME_st;
use ferrossl::entry::*;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::ptr;

const SERVER_DER: &[u8] = include_bytes!("data/server.der");
const CNONLY_DER: &[u8] = include_bytes!("data/cnonly.der");
/// Subject and issuer `CN=héllo €中, O=Ünï, Ltd., OU=ascii`, all BMPStrings:
/// `openssl req -x509 -utf8 -outform DER` with `string_mask = MASK:0x800`.
const BMP_DER: &[u8] = include_bytes!("data/bmp.der");
/// bmp.der with the CN's `é` (00 E9) replaced by a lone surrogate (D8 00).
const BMP_SURROGATE_DER: &[u8] = include_bytes!("data/bmp-surrogate.der");
/// `openssl x509 -in tests/data/server.pem -noout -fingerprint -sha256`
const SERVER_SHA256: &str = "87:3E:8C:C6:1E:E3:B0:20:D3:D3:B5:65:31:6D:B9:B3:37:94:19:ED:60:87:EC:7F:49:1B:3E:35:39:B3:8D:EE";

fn load(der: &[u8]) -> *mut ferrossl::crypto::x509::X509 {
    let mut p = der.as_ptr();
    let x = d2i_X509(ptr::null_mut(), &mut p, der.len() as _);
    assert!(!x.is_null());
    assert_eq!(p as usize - der.as_ptr() as usize, der.len());
    x
}

fn string(s: *const ASN1_STRING) -> Vec<u8> {
    let p = ASN1_STRING_get0_data(s);
    let n = ASN1_STRING_length(s) as usize;
    ferrossl::ffi::slice_usize(p, n).unwrap().to_vec()
}

#[test]
fn digest_and_dates() {
    let x = load(SERVER_DER);
    let mut md = [0u8; 64];
    let mut len: c_uint = 0;
    assert_eq!(
        X509_digest(
            x,
            EVP_get_digestbyname(c"sha256".as_ptr()),
            md.as_mut_ptr(),
            &mut len
        ),
        1
    );
    let hex: Vec<String> = md[..len as usize]
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    assert_eq!(hex.join(":"), SERVER_SHA256);
    assert_eq!(EVP_MD_get_size(EVP_sha1()), 20);
    assert_eq!(
        EVP_MD_get_size(EVP_get_digestbyname(c"SHA384".as_ptr())),
        48
    );
    // MD5 fingerprints (cl+ssl's `certificate-fingerprint :md5`), as `openssl x509 -fingerprint -md5`.
    let md5 = EVP_get_digestbyname(c"md5".as_ptr());
    assert_eq!(EVP_MD_get_size(md5), 16);
    assert_eq!(X509_digest(x, md5, md.as_mut_ptr(), &mut len), 1);
    let hex: Vec<String> = md[..len as usize]
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    assert_eq!(
        hex.join(":"),
        "F4:DB:65:AE:D2:64:50:96:4E:65:E0:2B:5E:DE:90:DD"
    );
    let na = X509_get0_notAfter(x);
    assert_eq!(ASN1_STRING_type(na), 23);
    assert_eq!(string(na), b"361122192955Z");
    assert_eq!(ASN1_TIME_check(na), 1);
    assert_eq!(ASN1_UTCTIME_check(na), 1);
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    assert_eq!(ASN1_TIME_to_tm(na, &mut tm), 1);
    assert_eq!(
        (tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour),
        (136, 10, 22, 19)
    );
    let (mut d, mut s) = (0, 0);
    assert_eq!(
        ASN1_TIME_diff(&mut d, &mut s, X509_get0_notBefore(x), na),
        1
    );
    assert_eq!((d, s), (3650, 0));
    let g = load(CNONLY_DER);
    assert_eq!(ASN1_STRING_type(X509_get_notAfter(g)), 24);
    assert_eq!(ASN1_UTCTIME_check(X509_get_notAfter(g)), 0);
    assert_eq!(ASN1_TIME_check(X509_get_notAfter(g)), 1);
    X509_free(x);
    X509_free(g);
}

#[test]
fn subject_cn_and_oneline() {
    let x = load(CNONLY_DER);
    let name = X509_get_subject_name(x);
    let i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    assert_eq!(i, 0);
    let e = X509_NAME_get_entry(name, i);
    let data = X509_NAME_ENTRY_get_data(e);
    assert_eq!(
        ASN1_STRING_type(data),
        ferrossl::abi::consts::V_ASN1_UTF8STRING
    );
    let p = ASN1_STRING_data(data);
    assert_eq!(
        unsafe { CStr::from_ptr(p as *const c_char) }.to_bytes(),
        b"cn-only.example.org"
    );
    // The C layout of ASN1_STRING: {int length; int type; unsigned char *data; long flags;}
    let raw = unsafe { &*data };
    assert_eq!((raw.length, raw.r#type), (19, 12));
    assert_eq!(raw.data.load(std::sync::atomic::Ordering::Relaxed), p);
    assert_eq!(std::mem::offset_of!(ASN1_STRING, data), 8);
    assert_eq!(X509_NAME_get_index_by_NID(name, NID_commonName, i), -1);
    assert_eq!(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)), 13);
    let s = X509_NAME_oneline(name, ptr::null_mut(), 0);
    assert_eq!(
        unsafe { CStr::from_ptr(s) }.to_bytes(),
        b"/CN=cn-only.example.org/O=NoSAN"
    );
    CRYPTO_free(s as *mut c_void, ptr::null(), 0);
    let mut buf = [0 as c_char; 24];
    let r = X509_NAME_oneline(X509_get_issuer_name(x), buf.as_mut_ptr(), 24);
    assert_eq!(
        unsafe { CStr::from_ptr(r) }.to_bytes(),
        b"/CN=cn-only.example.org"
    );
    let mut u: *mut u8 = ptr::null_mut();
    assert_eq!(ASN1_STRING_to_UTF8(&mut u, data), 19);
    CRYPTO_free(u as *mut c_void, ptr::null(), 0);
    let mut t = [0 as c_char; 64];
    assert_eq!(
        OBJ_obj2txt(t.as_mut_ptr(), 64, X509_NAME_ENTRY_get_object(e), 0),
        10
    );
    assert_eq!(
        unsafe { CStr::from_ptr(t.as_ptr()) }.to_bytes(),
        b"commonName"
    );
    assert_eq!(
        OBJ_obj2txt(t.as_mut_ptr(), 64, X509_NAME_ENTRY_get_object(e), 1),
        7
    );
    assert_eq!(unsafe { CStr::from_ptr(t.as_ptr()) }.to_bytes(), b"2.5.4.3");
    assert_eq!(
        unsafe { CStr::from_ptr(OBJ_nid2sn(415)) }.to_bytes(),
        b"prime256v1"
    );
    assert_eq!(
        unsafe { CStr::from_ptr(OBJ_nid2ln(85)) }.to_bytes(),
        b"X509v3 Subject Alternative Name"
    );
    X509_free(x);
}

#[test]
fn san_via_ext_d2i() {
    let x = load(SERVER_DER);
    let mut crit: c_int = 7;
    let st = X509_get_ext_d2i(x, NID_subject_alt_name, &mut crit, ptr::null_mut())
        as *mut ferrossl::crypto::stack::OPENSSL_STACK;
    assert_eq!(crit, 0);
    assert_eq!(OPENSSL_sk_num(st), 6);
    let mut seen = Vec::new();
    for i in 0..OPENSSL_sk_num(st) {
        // Read as cl+ssl does: {int type; void *d;} with type at 0, d at 8.
        let g = OPENSSL_sk_value(st, i) as *const GENERAL_NAME_st;
        let (ty, d) = unsafe { ((*g).r#type, (*g).d as *const ASN1_STRING) };
        seen.push((ty, ASN1_STRING_type(d), string(d)));
    }
    assert_eq!(
        seen[0],
        (ferrossl::abi::consts::GEN_DNS, 22, b"localhost".to_vec())
    );
    assert_eq!(
        seen[2],
        (ferrossl::abi::consts::GEN_IPADD, 4, vec![127, 0, 0, 1])
    );
    assert_eq!(seen[3].2.len(), 16);
    assert_eq!(seen[4].0, ferrossl::abi::consts::GEN_EMAIL);
    GENERAL_NAMES_free(st);
    assert_eq!(std::mem::offset_of!(GENERAL_NAME_st, d), 8);

    assert!(X509_get_ext_d2i(x, NID_basic_constraints, &mut crit, ptr::null_mut()).is_null());
    assert_eq!(crit, -1);
    let g = load(CNONLY_DER);
    crit = 7;
    assert!(X509_get_ext_d2i(g, NID_subject_alt_name, &mut crit, ptr::null_mut()).is_null());
    assert_eq!(crit, -1);
    assert_eq!(OPENSSL_sk_num(ptr::null()), -1);

    // LuaSec's walk: X509_get_ext + X509V3_EXT_d2i.
    assert_eq!(X509_get_ext_count(x), 4);
    let e = X509_get_ext(x, X509_get_ext_by_NID(x, NID_subject_alt_name, -1));
    let st2 = X509V3_EXT_d2i(e) as *mut ferrossl::crypto::stack::OPENSSL_STACK;
    assert_eq!(OPENSSL_sk_num(st2), 6);
    OPENSSL_sk_pop_free(st2, Some(free_gn));
    assert_eq!(X509_EXTENSION_get_critical(X509_get_ext(x, 1)), 1);

    assert_eq!(
        X509_check_host(x, c"foo.example.com".as_ptr(), 0, 0, ptr::null_mut()),
        1
    );
    assert_eq!(
        X509_check_host(x, c"example.com".as_ptr(), 0, 0, ptr::null_mut()),
        0
    );
    let mut peer: *mut c_char = ptr::null_mut();
    assert_eq!(
        X509_check_host(g, c"CN-only.example.org".as_ptr(), 0, 0, &mut peer),
        1
    );
    assert_eq!(
        unsafe { CStr::from_ptr(peer) }.to_bytes(),
        b"cn-only.example.org"
    );
    CRYPTO_free(peer as *mut c_void, ptr::null(), 0);
    assert_eq!(X509_check_ip_asc(x, c"127.0.0.1".as_ptr(), 0), 1);
    assert_eq!(X509_check_ip_asc(x, c"::1".as_ptr(), 0), 1);
    assert_eq!(X509_check_ip_asc(x, c"10.1.1.1".as_ptr(), 0), 0);
    assert_eq!(X509_check_ip_asc(x, c"nope".as_ptr(), 0), -2);
    assert_eq!(ASN1_INTEGER_get(X509_get_serialNumber(x)), -1); // 20 bytes: too large
    assert_eq!(X509_get_version(x), 2);
    X509_free(x);
    X509_free(g);
}

extern "C" fn free_gn(p: *mut c_void) {
    GENERAL_NAME_free(p as *mut _)
}

#[test]
fn der_round_trip_and_refcounts() {
    let x = load(SERVER_DER);
    assert_eq!(i2d_X509(x, ptr::null_mut()), SERVER_DER.len() as c_int);
    let mut out: *mut u8 = ptr::null_mut();
    assert_eq!(i2d_X509(x, &mut out), SERVER_DER.len() as c_int);
    assert_eq!(
        ferrossl::ffi::slice_usize(out, SERVER_DER.len()).unwrap(),
        SERVER_DER
    );
    CRYPTO_free(out as *mut c_void, ptr::null(), 0);
    let mut buf = vec![0u8; SERVER_DER.len()];
    let mut p = buf.as_mut_ptr();
    assert_eq!(i2d_X509(x, &mut p), SERVER_DER.len() as c_int);
    assert_eq!(p as usize - buf.as_ptr() as usize, SERVER_DER.len());
    assert_eq!(buf, SERVER_DER);
    // `a` reuse: the old object is released and replaced.
    let mut a = load(CNONLY_DER);
    let mut q = SERVER_DER.as_ptr();
    let y = d2i_X509(&mut a, &mut q, SERVER_DER.len() as _);
    assert_eq!(a, y);
    assert_eq!(X509_cmp(x, y), 0);
    assert_eq!(X509_up_ref(x), 1);
    X509_free(x);
    X509_free(x);
    X509_free(y);
    X509_free(ptr::null_mut());
    // Two certificates back to back: d2i consumes one.
    let mut both = SERVER_DER.to_vec();
    both.extend_from_slice(CNONLY_DER);
    let mut r = both.as_ptr();
    let first = d2i_X509(ptr::null_mut(), &mut r, both.len() as _);
    let second = d2i_X509(
        ptr::null_mut(),
        &mut r,
        (both.len() - SERVER_DER.len()) as _,
    );
    assert!(!first.is_null() && !second.is_null());
    assert_eq!(r as usize - both.as_ptr() as usize, both.len());
    X509_free(first);
    X509_free(second);
}

#[test]
fn garbage_is_rejected_with_reasons() {
    error::clear();
    let junk = [0x30u8, 0x82, 0x01];
    let mut p = junk.as_ptr();
    assert!(d2i_X509(ptr::null_mut(), &mut p, 3).is_null());
    assert_eq!(p, junk.as_ptr());
    let e = error::pop_front().unwrap();
    assert_eq!(
        (error::lib_of(e.code), error::reason_of(e.code)),
        (ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG)
    );
    let wrong = [0x04u8, 0x01, 0x00];
    let mut p = wrong.as_ptr();
    assert!(d2i_X509(ptr::null_mut(), &mut p, 3).is_null());
    assert_eq!(
        error::reason_of(error::pop_front().unwrap().code),
        ASN1_R_WRONG_TAG
    );
    // Every truncation and byte flip of a real certificate: no panic, and
    // a failure always leaves an ERR entry.
    let mut m = SERVER_DER.to_vec();
    for n in 0..m.len() {
        let mut p = m.as_ptr();
        assert!(d2i_X509(ptr::null_mut(), &mut p, n as _).is_null());
        assert!(error::pop_front().is_some());
    }
    for i in 0..m.len() {
        m[i] ^= 0x5a;
        let mut p = m.as_ptr();
        let x = d2i_X509(ptr::null_mut(), &mut p, m.len() as _);
        if x.is_null() {
            let e = error::pop_front().unwrap();
            assert_ne!(
                error::reason_of(e.code),
                ERR_R_INTERNAL_ERROR,
                "panic at byte {i}"
            );
        } else {
            X509_free(x);
        }
        m[i] ^= 0x5a;
    }
    assert_eq!(
        ferrossl::crypto::pem::certs_from_pem(b"hello\n")
            .unwrap_err()
            .reason(),
        PEM_R_NO_START_LINE
    );
    error::clear();
}

#[test]
fn objects_and_stacks() {
    let o = OBJ_txt2obj(c"1.2.840.10045.3.1.7".as_ptr(), 1);
    assert_eq!(OBJ_obj2nid(o), 415);
    ASN1_OBJECT_free(o);
    let o = OBJ_txt2obj(c"subjectAltName".as_ptr(), 0);
    assert_eq!(OBJ_obj2nid(o), 85);
    ASN1_OBJECT_free(o);
    ASN1_OBJECT_free(OBJ_nid2obj(13)); // static: a no-op
    assert_eq!(OBJ_txt2nid(c"2.5.4.3".as_ptr()), 13);
    assert_eq!(OBJ_sn2nid(c"CN".as_ptr()), 13);
    assert!(OBJ_nid2sn(99999).is_null());
    error::clear();
    let st = OPENSSL_sk_new_null();
    let mut v = [1u8, 2, 3];
    for x in v.iter_mut() {
        OPENSSL_sk_push(st, x as *mut u8 as *const c_void);
    }
    assert_eq!(OPENSSL_sk_num(st), 3);
    assert_eq!(OPENSSL_sk_shift(st) as *const u8, &v[0] as *const u8);
    assert_eq!(OPENSSL_sk_pop(st) as *const u8, &v[2] as *const u8);
    assert_eq!(OPENSSL_sk_num(st), 1);
    assert!(OPENSSL_sk_value(st, 5).is_null());
    OPENSSL_sk_free(st);
    let ip = a2i_IPADDRESS(c"::1".as_ptr());
    assert_eq!(ASN1_STRING_length(ip), 16);
    ASN1_OCTET_STRING_free(ip);
}

/// UTF-8 from BMPStrings as OpenSSL 3 makes it (`UTF8_putc`: at most 4 bytes,
/// surrogates and values above U+10FFFF refused), against the openssl CLI.
#[test]
fn bmp_strings_to_utf8_as_openssl_cli() {
    use ferrossl::entry::bio::{BIO_free, BIO_new, BIO_read, BIO_s_mem};
    let data = |f: &str| format!("{}/tests/data/{f}", env!("CARGO_MANIFEST_DIR"));
    let cli = |f: &str, nameopt: &str| {
        let out = std::process::Command::new("openssl")
            .args([
                "x509", "-inform", "DER", "-noout", "-subject", "-nameopt", nameopt,
            ])
            .arg("-in")
            .arg(data(f))
            .output()
            .expect("the openssl CLI");
        let text = out
            .stdout
            .strip_prefix(b"subject=")
            .map(|t| t.trim_ascii_end().to_vec());
        out.status.success().then(|| text.expect("subject=")) // None: not loaded
    };
    let print = |name: *mut ferrossl::crypto::x509::X509_NAME, flags: u64| {
        let bio = BIO_new(BIO_s_mem());
        let n = X509_NAME_print_ex(bio, name, 0, flags as _);
        let mut buf = vec![0u8; 512];
        let got = BIO_read(bio, buf.as_mut_ptr() as *mut c_void, 512);
        BIO_free(bio);
        buf.truncate(got.max(0) as usize);
        (n, buf)
    };
    let x = load(BMP_DER);
    let name = X509_get_subject_name(x);
    let utf8 = ferrossl::abi::consts::ASN1_STRFLGS_UTF8_CONVERT;
    for (nameopt, flags) in [
        (
            "oneline,-esc_msb,utf8",
            ferrossl::abi::consts::XN_FLAG_ONELINE & !ferrossl::abi::consts::ASN1_STRFLGS_ESC_MSB
                | utf8,
        ),
        (
            "oneline,utf8",
            ferrossl::abi::consts::XN_FLAG_ONELINE | utf8,
        ),
        ("rfc2253", ferrossl::abi::consts::XN_FLAG_RFC2253),
    ] {
        let want = cli("bmp.der", nameopt).expect("openssl loads bmp.der");
        let (n, got) = print(name, flags);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{nameopt}"
        );
        assert_eq!(n as usize, want.len());
    }
    let cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 0));
    assert_eq!(
        ASN1_STRING_type(cn),
        ferrossl::abi::consts::V_ASN1_BMPSTRING
    );
    let mut u: *mut u8 = ptr::null_mut();
    let n = ASN1_STRING_to_UTF8(&mut u, cn);
    let got = ferrossl::ffi::slice_usize(u, n as usize).unwrap().to_vec();
    assert_eq!(String::from_utf8(got).unwrap(), "héllo €中");
    CRYPTO_free(u as *mut c_void, ptr::null(), 0);
    X509_free(x);

    // OpenSSL 3 does not even load the certificate with a lone surrogate: decoding
    // canonicalizes the name with ASN1_STRING_to_UTF8, which refuses it. Neither
    // does ferrossl (the x509_diff fuzz target found that it did).
    assert_eq!(cli("bmp-surrogate.der", "oneline,-esc_msb,utf8"), None);
    let mut p = BMP_SURROGATE_DER.as_ptr();
    assert!(d2i_X509(ptr::null_mut(), &mut p, BMP_SURROGATE_DER.len() as _).is_null());
    ERR_clear_error();
    // The conversion refuses a lone surrogate as OpenSSL's does.
    assert_eq!(
        ferrossl::crypto::asn1::to_utf8(ferrossl::abi::consts::V_ASN1_BMPSTRING, &[0xd8, 0]),
        None
    );
    // Beyond the BMP: 4 bytes up to U+10FFFF (UniversalString), nothing above.
    let univ = |c: u32| {
        ferrossl::crypto::asn1::to_utf8(
            ferrossl::abi::consts::V_ASN1_UNIVERSALSTRING,
            &c.to_be_bytes(),
        )
    };
    assert_eq!(univ(0x1F600), Some("\u{1F600}".as_bytes().to_vec()));
    assert_eq!(univ(0x10FFFF), Some(vec![0xF4, 0x8F, 0xBF, 0xBF]));
    assert_eq!(univ(0x110000), None);
    assert_eq!(univ(0xDFFF), None);
}
