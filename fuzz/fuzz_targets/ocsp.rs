//! OCSP responses on hostile input: d2i_OCSP_RESPONSE (what nginx's
//! d2i_OCSP_RESPONSE_bio calls on a stapling file), the i2d round trip,
//! OCSP_response_get1_basic and every single response's status and times
//! (OCSP_single_get0_status, OCSP_check_validity), and OCSP_resp_find_status
//! for the fixture server certificate. Garbage must fail cleanly (NULL, an
//! ERR entry), never crash or leak.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ffi::c_long;
use std::ptr::null_mut;

use ferrossl::entry::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut p = data.as_ptr();
    let resp = d2i_OCSP_RESPONSE(null_mut(), &mut p, data.len() as c_long);
    if resp.is_null() {
        assert!(ERR_peek_error() != 0, "a refused response queues an error");
        ERR_clear_error();
    } else {
        // round trip: what we wrote must parse again
        let mut out: *mut u8 = null_mut();
        let n = i2d_OCSP_RESPONSE(resp, &mut out);
        assert!(n > 0);
        let mut q = out as *const u8;
        let again = d2i_OCSP_RESPONSE(null_mut(), &mut q, n as c_long);
        assert!(!again.is_null());
        OCSP_RESPONSE_free(again);
        CRYPTO_free(out.cast(), std::ptr::null(), 0);
        let _ = OCSP_response_status(resp);
        let bs = OCSP_response_get1_basic(resp);
        if !bs.is_null() {
            for i in 0..OCSP_resp_count(bs) {
                let s = OCSP_resp_get0(bs, i);
                let (mut reason, mut rev, mut this, mut next) =
                    (0, null_mut(), null_mut(), null_mut());
                let st = OCSP_single_get0_status(s, &mut reason, &mut rev, &mut this, &mut next);
                assert!((-1..=2).contains(&st));
                if !this.is_null() {
                    let _ = OCSP_check_validity(this, next, 300, -1);
                }
            }
            let der = include_bytes!("../fixtures/server.der");
            let mut d = der.as_ptr();
            let leaf = d2i_X509(null_mut(), &mut d, der.len() as c_long);
            let id = OCSP_cert_to_id(std::ptr::null(), leaf, leaf);
            let mut status = 0;
            let _ = OCSP_resp_find_status(
                bs,
                id,
                &mut status,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
            );
            OCSP_CERTID_free(id);
            X509_free(leaf);
            OCSP_BASICRESP_free(bs);
        }
        OCSP_RESPONSE_free(resp);
    }
    ERR_clear_error();
});
