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

/// What aws-lc's `X509V3_EXT_print` made of one extension.
pub enum ExtText {
    /// The value's text, indented by `indent` (no trailing newline of its own
    /// unless the method writes one).
    Text(Vec<u8>),
    /// aws-lc has no method for the extension's type.
    Unknown,
    /// aws-lc has a method but the value does not parse.
    ParseError,
    /// The method failed to print a value it parsed.
    Failed,
}

/// `X509V3_EXT_print` (aws-lc's v3_prn.c, OpenSSL's methods) of the DER
/// `Extension` `der`, at `indent` columns.
pub fn ext_text(der: &[u8], indent: i32) -> ExtText {
    let Ok(len) = c_long::try_from(der.len()) else {
        return ExtText::Failed;
    };
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `len` readable bytes; d2i_X509_EXTENSION advances it.
    let ext = unsafe { lc::d2i_X509_EXTENSION(std::ptr::null_mut(), &mut p, len) };
    if ext.is_null() {
        // SAFETY: clears this thread's aws-lc error queue.
        unsafe { lc::ERR_clear_error() };
        return ExtText::Failed;
    }
    // SAFETY: `ext` is the live extension made above; the method is static.
    let out = if unsafe { lc::X509V3_EXT_get(ext) }.is_null() {
        ExtText::Unknown
    } else {
        // SAFETY: BIO_s_mem returns a static method; BIO_new allocates a BIO.
        let bio = unsafe { lc::BIO_new(lc::BIO_s_mem()) };
        if bio.is_null() {
            ExtText::Failed
        } else {
            // SAFETY: `bio` and `ext` are live aws-lc objects made above.
            let ok = unsafe {
                lc::X509V3_EXT_print(bio, ext, lc::X509V3_EXT_ERROR_UNKNOWN as _, indent)
            };
            let mut data: *const u8 = std::ptr::null();
            let mut n: usize = 0;
            // SAFETY: out-parameters for the memory BIO's contents.
            let text = if ok == 1 && unsafe { lc::BIO_mem_contents(bio, &mut data, &mut n) } == 1 {
                // SAFETY: the BIO owns `n` bytes at `data` until it is freed below.
                unsafe { std::slice::from_raw_parts(data, n) }.to_vec()
            } else {
                Vec::new()
            };
            // SAFETY: frees the BIO made above.
            unsafe { lc::BIO_free(bio) };
            let parse_error = {
                let mut e = vec![b' '; usize::try_from(indent).unwrap_or(0)];
                e.extend_from_slice(b"<Parse Error>");
                e
            };
            if ok != 1 {
                ExtText::Failed
            } else if text == parse_error {
                ExtText::ParseError
            } else {
                ExtText::Text(text)
            }
        }
    };
    // SAFETY: frees the extension made above; clears aws-lc's error queue.
    unsafe {
        lc::X509_EXTENSION_free(ext);
        lc::ERR_clear_error();
    }
    out
}

/// Which half of a key `EVP_PKEY_print_*` prints.
#[derive(Clone, Copy)]
pub enum KeyPart {
    Private,
    Public,
    Params,
}

/// aws-lc's `EVP_PKEY_print_private/public/params` of `key` at `indent`, or None if
/// aws-lc cannot print it (aws-lc's error queue is emptied).
pub fn pkey_text(key: &crate::ffi::pkey::Pkey, indent: i32, part: KeyPart) -> Option<Vec<u8>> {
    // SAFETY: BIO_s_mem returns a static method; BIO_new allocates a BIO.
    let bio = unsafe { lc::BIO_new(lc::BIO_s_mem()) };
    if bio.is_null() {
        return None;
    }
    let print = match part {
        KeyPart::Private => lc::EVP_PKEY_print_private,
        KeyPart::Public => lc::EVP_PKEY_print_public,
        KeyPart::Params => lc::EVP_PKEY_print_params,
    };
    // SAFETY: `bio` is the live BIO made above and the key is live; aws-lc takes
    // no ASN1_PCTX (NULL).
    let ok = unsafe { print(bio, key.as_ptr(), indent, std::ptr::null_mut()) };
    let mut out = None;
    let mut data: *const u8 = std::ptr::null();
    let mut n: usize = 0;
    // SAFETY: out-parameters for the memory BIO's contents.
    if ok == 1 && unsafe { lc::BIO_mem_contents(bio, &mut data, &mut n) } == 1 {
        // SAFETY: the BIO owns `n` bytes at `data` until it is freed below.
        out = Some(unsafe { std::slice::from_raw_parts(data, n) }.to_vec());
    }
    // SAFETY: frees the BIO made above; clears aws-lc's error queue.
    unsafe {
        lc::BIO_free(bio);
        lc::ERR_clear_error();
    }
    out
}
