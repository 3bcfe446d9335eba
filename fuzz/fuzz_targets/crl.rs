//! CRL parsing and use on hostile input: d2i_X509_CRL, PEM_read_bio_X509_CRL
//! (repeatedly), the i2d round trip, and whatever parses added to a store
//! that then verifies the fixture server certificate under
//! X509_V_FLAG_CRL_CHECK (webpki's revocation check on the fuzzed list).
#![no_main]

#[path = "common.rs"]
mod common;

use std::ffi::{c_int, c_long};
use std::ptr::null_mut;

use common::*;
use ferrossl::crypto::x509::X509_CRL;
use ferrossl::entry::*;
use libfuzzer_sys::fuzz_target;

const FLAG_CRL_CHECK: std::ffi::c_ulong = 0x4;
const FLAG_CRL_CHECK_ALL: std::ffi::c_ulong = 0x8;

fn use_crl(crl: *mut X509_CRL, all: bool) {
    if crl.is_null() {
        return;
    }
    // round trip: what we wrote must parse again, to the same bytes
    let mut p: *mut u8 = null_mut();
    let n = i2d_X509_CRL(crl, &mut p);
    assert!(n > 0);
    let mut q = p as *const u8;
    let again = d2i_X509_CRL(null_mut(), &mut q, n as c_long);
    assert!(!again.is_null());
    X509_CRL_free(again);
    CRYPTO_free(p.cast(), std::ptr::null(), 0);

    let store = X509_STORE_new();
    X509_STORE_load_locations(store, ca_path().as_ptr(), std::ptr::null());
    assert_eq!(X509_STORE_add_crl(store, crl), 1);
    X509_STORE_set_flags(
        store,
        FLAG_CRL_CHECK | if all { FLAG_CRL_CHECK_ALL } else { 0 },
    );
    let der = include_bytes!("../fixtures/server.der");
    let mut d = der.as_ptr();
    let leaf = d2i_X509(null_mut(), &mut d, der.len() as c_long);
    let ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf, null_mut());
    let rc = X509_verify_cert(ctx);
    assert!(rc == 0 || rc == 1);
    X509_STORE_CTX_get_error(ctx);
    X509_STORE_CTX_free(ctx);
    X509_free(leaf);
    X509_STORE_free(store);
}

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let (mode, body) = (data[0], &data[1..]);
    match mode % 2 {
        0 => {
            let mut p = body.as_ptr();
            let crl = d2i_X509_CRL(null_mut(), &mut p, body.len() as c_long);
            use_crl(crl, mode & 2 != 0);
            X509_CRL_free(crl);
        }
        _ => {
            let bio = BIO_new_mem_buf(body.as_ptr().cast(), body.len() as c_int);
            for _ in 0..4 {
                let crl = PEM_read_bio_X509_CRL(bio, null_mut(), null_mut(), null_mut());
                if crl.is_null() {
                    break;
                }
                use_crl(crl, mode & 2 != 0);
                X509_CRL_free(crl);
            }
            BIO_free(bio);
        }
    }
    drain_errors();
});
