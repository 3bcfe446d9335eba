//! (a) PEM/DER entry points on hostile input: PEM_read_bio_X509 (repeatedly,
//! as a chain reader does), PEM_read_bio_PrivateKey (plain and encrypted, with a
//! password), PEM_read_bio_PUBKEY, d2i_PUBKEY, d2i_PrivateKey, and round trips
//! of whatever key parses (PEM and DER out, back in, EVP_PKEY_eq), d2i_X509, d2i_AutoPrivateKey,
//! d2i_X509_bio, d2i_X509_NAME, SSL_CTX_use_certificate_chain_file /
//! use_PrivateKey_file / load_verify_locations on a temp file, and the X509
//! queries and name printers on whatever parses.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ffi::{c_char, c_int, c_long, CString};
use std::io::Write;
use std::ptr::{self, null_mut};

use common::*;
use ferrossl::crypto::pkey::EVP_PKEY;
use ferrossl::crypto::x509::X509;
use ferrossl::entry::*;
use libfuzzer_sys::fuzz_target;

fn exercise(x: *mut X509) {
    if x.is_null() {
        return;
    }
    for name in [X509_get_subject_name(x), X509_get_issuer_name(x)] {
        let mut buf = [0 as c_char; 80];
        X509_NAME_oneline(name, buf.as_mut_ptr(), buf.len() as c_int);
        X509_NAME_oneline(name, buf.as_mut_ptr(), 1);
        let heap = X509_NAME_oneline(name, null_mut(), 0);
        if !heap.is_null() {
            CRYPTO_free(heap.cast(), ptr::null(), 0);
        }
        let out = BIO_new(BIO_s_mem());
        for flags in [
            0u64,
            0x82031f, /* XN_FLAG_ONELINE */
            0x2031f,  /* RFC2253 */
            0x1 << 24,
            u64::MAX,
        ] {
            X509_NAME_print_ex(out, name, 2, flags as _);
        }
        X509_NAME_print(out, name, 0);
        BIO_free(out);
        X509_NAME_entry_count(name);
        X509_NAME_get_index_by_NID(name, 13, -1);
        let mut p: *mut u8 = null_mut();
        let n = i2d_X509_NAME(name, &mut p);
        if n > 0 {
            CRYPTO_free(p.cast(), ptr::null(), 0);
        }
        let d = X509_NAME_dup(name);
        X509_NAME_cmp(d, name);
        X509_NAME_free(d);
    }
    let mut p: *mut u8 = null_mut();
    let n = i2d_X509(x, &mut p);
    if n > 0 {
        // round trip: what we wrote must parse again
        let mut q = p as *const u8;
        let y = d2i_X509(null_mut(), &mut q, n as c_long);
        assert!(!y.is_null(), "i2d_X509 output does not parse");
        X509_free(y);
        CRYPTO_free(p.cast(), ptr::null(), 0);
    }
    X509_get_ext_count(x);
    for nid in [85, 87, 83, 90, 126, 103] {
        let mut crit = 0;
        let e = X509_get_ext_d2i(x, nid, &mut crit, null_mut());
        if nid == 85 {
            // a new STACK_OF(GENERAL_NAME): walk it, then free it
            for i in 0..ferrossl::entry::OPENSSL_sk_num(e.cast()) {
                ferrossl::entry::OPENSSL_sk_value(e.cast(), i);
            }
            GENERAL_NAMES_free(e.cast());
        } else {
            assert!(e.is_null());
        }
    }
    X509_check_host(x, c"localhost".as_ptr(), 0, 0, null_mut());
    X509_check_ca(x);
    X509_get_version(x);
    X509_get_signature_nid(x);
    X509_cmp_current_time(X509_get0_notAfter(x));
    let dup = X509_dup(x);
    X509_free(dup);
}

/// A parsed key: written out (PEM and DER) and read back, it must be the same key.
fn key_round_trip(k: *mut EVP_PKEY) {
    if k.is_null() {
        return;
    }
    EVP_PKEY_get_id(k);
    EVP_PKEY_get_bits(k);
    EVP_PKEY_get_size(k);
    EVP_PKEY_get_security_bits(k);
    EVP_PKEY_get0_type_name(k);
    let out = BIO_new(BIO_s_mem());
    if PEM_write_bio_PrivateKey(out, k, ptr::null(), ptr::null(), 0, None, null_mut()) == 1 {
        let back = PEM_read_bio_PrivateKey(out, null_mut(), None, null_mut());
        assert!(
            !back.is_null(),
            "PEM_write_bio_PrivateKey output does not parse"
        );
        assert_eq!(
            EVP_PKEY_eq(k, back),
            1,
            "private key changed in a PEM round trip"
        );
        EVP_PKEY_free(back);
    }
    BIO_free(out);
    let mut p: *mut u8 = null_mut();
    let n = i2d_PUBKEY(k, &mut p);
    if n > 0 {
        let mut q = p as *const u8;
        let back = d2i_PUBKEY(null_mut(), &mut q, n as c_long);
        assert!(!back.is_null(), "i2d_PUBKEY output does not parse");
        assert_eq!(
            EVP_PKEY_eq(k, back),
            1,
            "public key changed in a DER round trip"
        );
        EVP_PKEY_free(back);
        CRYPTO_free(p.cast(), ptr::null(), 0);
    }
}

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let (sel, body) = (data[0], &data[1..]);
    match sel % 8 {
        0 => {
            // a PEM bundle read certificate by certificate
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            for _ in 0..8 {
                let x = PEM_read_bio_X509(bio, null_mut(), null_mut(), null_mut());
                if x.is_null() {
                    break;
                }
                exercise(x);
                X509_free(x);
            }
            BIO_free(bio);
        }
        1 => {
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            let k = PEM_read_bio_PrivateKey(bio, null_mut(), None, null_mut());
            key_round_trip(k);
            EVP_PKEY_free(k);
            BIO_free(bio);
        }
        2 => {
            let mut p = body.as_ptr();
            let x = d2i_X509(null_mut(), &mut p, body.len() as c_long);
            let used = p as usize - body.as_ptr() as usize;
            assert!(used <= body.len());
            if x.is_null() {
                assert_eq!(used, 0, "d2i_X509 moved the pointer on failure");
            }
            exercise(x);
            X509_free(x);
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            let y = d2i_X509_bio(bio, null_mut());
            X509_free(y);
            BIO_free(bio);
        }
        3 => {
            let mut p = body.as_ptr();
            let k = d2i_AutoPrivateKey(null_mut(), &mut p, body.len() as c_long);
            assert!(p as usize - body.as_ptr() as usize <= body.len());
            key_round_trip(k);
            EVP_PKEY_free(k);
            let mut p = body.as_ptr();
            let n = d2i_X509_NAME(null_mut(), &mut p, body.len() as c_long);
            if !n.is_null() {
                let mut buf = [0 as c_char; 64];
                X509_NAME_oneline(n, buf.as_mut_ptr(), 64);
                let out = BIO_new(BIO_s_mem());
                X509_NAME_print_ex(out, n, 0, 0x82031f);
                BIO_free(out);
            }
            X509_NAME_free(n);
        }
        4 => {
            // file loaders
            let path = std::env::temp_dir()
                .join(format!("ferrossl-fuzz-{}-input.pem", std::process::id()));
            std::fs::File::create(&path)
                .and_then(|mut f| f.write_all(body))
                .expect("temp file");
            let c = CString::new(path.to_str().unwrap()).unwrap();
            let ctx = SSL_CTX_new(TLS_method());
            SSL_CTX_use_certificate_chain_file(ctx, c.as_ptr());
            SSL_CTX_use_certificate_file(ctx, c.as_ptr(), 1);
            SSL_CTX_use_certificate_file(ctx, c.as_ptr(), 2);
            SSL_CTX_use_PrivateKey_file(ctx, c.as_ptr(), 1);
            SSL_CTX_use_PrivateKey_file(ctx, c.as_ptr(), 2);
            SSL_CTX_check_private_key(ctx);
            SSL_CTX_load_verify_locations(ctx, c.as_ptr(), ptr::null());
            let sk = SSL_load_client_CA_file(c.as_ptr());
            if !sk.is_null() {
                // a STACK_OF(X509_NAME)
                ferrossl::entry::OPENSSL_sk_pop_free(sk, Some(name_free_void));
            }
            SSL_CTX_free(ctx);
        }
        6 => {
            // public keys, and private keys of a stated type
            let mut p = body.as_ptr();
            let k = d2i_PUBKEY(null_mut(), &mut p, body.len() as c_long);
            assert!(p as usize - body.as_ptr() as usize <= body.len());
            key_round_trip(k);
            EVP_PKEY_free(k);
            for t in [6, 408, 1087, 1034] {
                let mut p = body.as_ptr();
                let k = d2i_PrivateKey(t, null_mut(), &mut p, body.len() as c_long);
                assert!(p as usize - body.as_ptr() as usize <= body.len());
                key_round_trip(k);
                EVP_PKEY_free(k);
            }
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            let k = PEM_read_bio_PUBKEY(bio, null_mut(), None, null_mut());
            key_round_trip(k);
            EVP_PKEY_free(k);
            BIO_free(bio);
        }
        7 => {
            // encrypted keys: the password as `u`
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            let k = PEM_read_bio_PrivateKey(bio, null_mut(), None, c"s3cret".as_ptr() as *mut _);
            key_round_trip(k);
            EVP_PKEY_free(k);
            BIO_free(bio);
        }
        _ => {
            // the same bytes in memory-BIO certificate and key setters
            let ctx = SSL_CTX_new(TLS_method());
            SSL_CTX_use_certificate_ASN1(ctx, body.len() as c_int, body.as_ptr());
            SSL_CTX_use_PrivateKey_ASN1(408, ctx, body.as_ptr(), body.len() as c_long);
            SSL_CTX_check_private_key(ctx);
            SSL_CTX_free(ctx);
        }
    }
    drain_errors();
});

extern "C" fn name_free_void(p: *mut std::ffi::c_void) {
    X509_NAME_free(p.cast());
}
