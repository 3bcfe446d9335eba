//! aws-lc's printing code (the text OpenSSL's `X509_print_ex` writes; aws-lc
//! carries OpenSSL's t_x509.c), run on an aws-lc `X509` made from the DER
//! and printed into an aws-lc memory BIO, whose bytes are returned.

use aws_lc_sys as lc;
use std::ffi::{c_long, c_ulong};

/// `X509_print_ex(der, nmflag, cflag)`'s text, or None if aws-lc cannot
/// parse or print the certificate (aws-lc's error queue is emptied).
pub fn x509_text(der: &[u8], nmflag: c_ulong, cflag: c_ulong) -> Option<Vec<u8>> {
    let len = c_long::try_from(der.len()).ok()?;
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `len` readable bytes; d2i_X509 advances it.
    let x = unsafe { lc::d2i_X509(std::ptr::null_mut(), &mut p, len) };
    if x.is_null() {
        // SAFETY: clears this thread's aws-lc error queue.
        unsafe { lc::ERR_clear_error() };
        return None;
    }
    // SAFETY: BIO_s_mem returns a static method; BIO_new allocates a BIO.
    let bio = unsafe { lc::BIO_new(lc::BIO_s_mem()) };
    let mut out = None;
    if !bio.is_null() {
        // SAFETY: `bio` and `x` are live aws-lc objects made above.
        let ok = unsafe { lc::X509_print_ex(bio, x, nmflag as _, cflag as _) };
        let mut data: *const u8 = std::ptr::null();
        let mut n: usize = 0;
        // SAFETY: out-parameters for the memory BIO's contents.
        if ok == 1 && unsafe { lc::BIO_mem_contents(bio, &mut data, &mut n) } == 1 {
            // SAFETY: the BIO owns `n` bytes at `data` until it is freed below.
            out = Some(unsafe { std::slice::from_raw_parts(data, n) }.to_vec());
        }
        // SAFETY: frees the BIO made above.
        unsafe { lc::BIO_free(bio) };
    }
    // SAFETY: frees the X509 made above; clears aws-lc's error queue.
    unsafe {
        lc::X509_free(x);
        lc::ERR_clear_error();
    }
    out
}
