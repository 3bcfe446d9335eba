//! Shared by the fuzz targets: fixed contexts (an ECDSA P-256 server certificate
//! from fuzz/fixtures, a client that trusts its CA), memory-BIO plumbing and an
//! in-memory handshake between a ferrossl client and a ferrossl server.
#![allow(dead_code)]

use std::ffi::{c_int, c_long, c_void, CString};
use std::ptr;
use std::sync::OnceLock;

use ferrossl::crypto::bio::BIO;
use ferrossl::entry::*;
use ferrossl::ssl::connection::SSL;
use ferrossl::ssl::context::SSL_CTX;

pub const CA_PEM: &[u8] = include_bytes!("../fixtures/ca.pem");
pub const SERVER_PEM: &[u8] = include_bytes!("../fixtures/server.pem");
pub const SERVER_DER: &[u8] = include_bytes!("../fixtures/server.der");
pub const SERVER_KEY_PEM: &[u8] = include_bytes!("../fixtures/server.key");
pub const SERVER_KEY_DER: &[u8] = include_bytes!("../fixtures/server.key.der");

pub const SSL_ERROR_NONE: c_int = 0;
pub const SSL_ERROR_SSL: c_int = 1;
pub const SSL_ERROR_WANT_READ: c_int = 2;
pub const SSL_ERROR_WANT_WRITE: c_int = 3;
pub const SSL_ERROR_SYSCALL: c_int = 5;
pub const SSL_ERROR_ZERO_RETURN: c_int = 6;

/// A context pointer shared by all iterations (contexts are thread-safe once configured).
pub struct Shared(pub *mut SSL_CTX);
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

fn write_tmp(name: &str, data: &[u8]) -> CString {
    let p = std::env::temp_dir().join(format!("ferrossl-fuzz-{}-{name}", std::process::id()));
    std::fs::write(&p, data).expect("temp file");
    CString::new(p.to_str().unwrap()).unwrap()
}

/// Path (C string) of a temp copy of the fixture CA.
pub fn ca_path() -> &'static CString {
    static P: OnceLock<CString> = OnceLock::new();
    P.get_or_init(|| write_tmp("ca.pem", CA_PEM))
}

pub fn server_ctx() -> *mut SSL_CTX {
    static C: OnceLock<Shared> = OnceLock::new();
    C.get_or_init(|| {
        let ctx = SSL_CTX_new(TLS_server_method());
        assert!(!ctx.is_null());
        assert_eq!(
            SSL_CTX_use_certificate_ASN1(ctx, SERVER_DER.len() as c_int, SERVER_DER.as_ptr()),
            1
        );
        assert_eq!(
            SSL_CTX_use_PrivateKey_ASN1(
                408,
                ctx,
                SERVER_KEY_DER.as_ptr(),
                SERVER_KEY_DER.len() as c_long
            ),
            1
        );
        ERR_clear_error();
        Shared(ctx)
    })
    .0
}

/// A server that also asks for a client certificate (and verifies it against the CA).
pub fn server_ctx_mtls() -> *mut SSL_CTX {
    static C: OnceLock<Shared> = OnceLock::new();
    C.get_or_init(|| {
        let ctx = SSL_CTX_new(TLS_server_method());
        assert_eq!(
            SSL_CTX_use_certificate_ASN1(ctx, SERVER_DER.len() as c_int, SERVER_DER.as_ptr()),
            1
        );
        assert_eq!(
            SSL_CTX_use_PrivateKey_ASN1(
                408,
                ctx,
                SERVER_KEY_DER.as_ptr(),
                SERVER_KEY_DER.len() as c_long
            ),
            1
        );
        assert_eq!(
            SSL_CTX_load_verify_locations(ctx, ca_path().as_ptr(), ptr::null()),
            1
        );
        SSL_CTX_set_verify(ctx, 1, None);
        ERR_clear_error();
        Shared(ctx)
    })
    .0
}

/// A client verifying against the fixture CA (`verify`), or not verifying at all.
pub fn client_ctx(verify: bool) -> *mut SSL_CTX {
    static V: OnceLock<Shared> = OnceLock::new();
    static N: OnceLock<Shared> = OnceLock::new();
    let cell = if verify { &V } else { &N };
    cell.get_or_init(|| {
        let ctx = SSL_CTX_new(TLS_client_method());
        assert!(!ctx.is_null());
        if verify {
            assert_eq!(
                SSL_CTX_load_verify_locations(ctx, ca_path().as_ptr(), ptr::null()),
                1
            );
            SSL_CTX_set_verify(ctx, 1, None);
        } else {
            SSL_CTX_set_verify(ctx, 0, None);
        }
        // a client certificate too, for the mTLS server
        assert_eq!(
            SSL_CTX_use_certificate_ASN1(ctx, SERVER_DER.len() as c_int, SERVER_DER.as_ptr()),
            1
        );
        assert_eq!(
            SSL_CTX_use_PrivateKey_ASN1(
                408,
                ctx,
                SERVER_KEY_DER.as_ptr(),
                SERVER_KEY_DER.len() as c_long
            ),
            1
        );
        ERR_clear_error();
        Shared(ctx)
    })
    .0
}

/// An SSL with two fresh memory BIOs; returns (ssl, rbio, wbio) where the
/// BIO pointers are borrowed (the SSL owns them).
pub fn ssl_mem(ctx: *mut SSL_CTX, server: bool) -> (*mut SSL, *mut BIO, *mut BIO) {
    let ssl = SSL_new(ctx);
    assert!(!ssl.is_null());
    let r = BIO_new(BIO_s_mem());
    let w = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, r, w);
    if server {
        SSL_set_accept_state(ssl);
    } else {
        SSL_set_connect_state(ssl);
        let host = c"localhost";
        SSL_ctrl(ssl, 55, 0, host.as_ptr() as *mut c_void); // SSL_set_tlsext_host_name
        SSL_set1_host(ssl, host.as_ptr());
    }
    (ssl, r, w)
}

/// Moves up to `max` bytes from `from` (a memory BIO) to `to`.
pub fn pump(from: *mut BIO, to: *mut BIO, max: usize) -> usize {
    let mut buf = vec![0u8; max.clamp(1, 1 << 16)];
    let n = BIO_read(from, buf.as_mut_ptr().cast(), buf.len() as c_int);
    if n > 0 {
        assert!(n as usize <= buf.len(), "BIO_read returned more than asked");
        assert_eq!(BIO_write(to, buf.as_ptr().cast(), n), n);
        n as usize
    } else {
        0
    }
}

/// Drains everything pending in a memory BIO.
pub fn drain(b: *mut BIO) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = BIO_read(b, buf.as_mut_ptr().cast(), buf.len() as c_int);
        if n <= 0 {
            return out;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
}

/// Checks what OpenSSL promises about a failed call's `SSL_get_error`.
pub fn check_error(ssl: *mut SSL, ret: c_int) -> c_int {
    let e = SSL_get_error(ssl, ret);
    assert!(
        matches!(
            e,
            SSL_ERROR_NONE
                | SSL_ERROR_SSL
                | SSL_ERROR_WANT_READ
                | SSL_ERROR_WANT_WRITE
                | SSL_ERROR_SYSCALL
                | SSL_ERROR_ZERO_RETURN
        ),
        "SSL_get_error({ret}) = {e}"
    );
    if ret > 0 {
        assert_eq!(e, SSL_ERROR_NONE, "SSL_get_error of a success");
    }
    e
}

/// Completes a handshake between `c` and `s` over their memory BIOs; true on success.
pub fn handshake(c: (*mut SSL, *mut BIO, *mut BIO), s: (*mut SSL, *mut BIO, *mut BIO)) -> bool {
    let (mut cd, mut sd) = (false, false);
    for _ in 0..16 {
        if !cd {
            let r = SSL_do_handshake(c.0);
            cd = r == 1;
            if !cd && check_error(c.0, r) != SSL_ERROR_WANT_READ {
                return false;
            }
        }
        while pump(c.2, s.1, 1 << 16) > 0 {}
        if !sd {
            let r = SSL_do_handshake(s.0);
            sd = r == 1;
            if !sd && check_error(s.0, r) != SSL_ERROR_WANT_READ {
                return false;
            }
        }
        while pump(s.2, c.1, 1 << 16) > 0 {}
        if cd && sd {
            return true;
        }
    }
    false
}

/// Empties this thread's error queue, checking every entry prints.
pub fn drain_errors() {
    let mut buf = [0i8; 256];
    loop {
        let e = ERR_get_error();
        if e == 0 {
            break;
        }
        ERR_error_string_n(e, buf.as_mut_ptr(), buf.len());
        assert!(buf.contains(&0));
    }
}

/// A tiny cursor over the fuzzer's bytes.
pub struct Bytes<'a> {
    pub data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }
    pub fn u32(&mut self) -> u32 {
        u32::from(self.u16()) << 16 | u32::from(self.u16())
    }
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (a, b) = self.data.split_at(n);
        self.data = b;
        a
    }
    pub fn rest(&mut self) -> &'a [u8] {
        self.take(self.data.len())
    }
}
