//! (b) The record stream: a ferrossl server and a ferrossl client, each driven
//! through memory BIOs, with the fuzzer's bytes as the peer's transcript:
//!   mode 0/1  server / client from the first byte (raw transcript, delivered in
//!             fuzzer-chosen chunks, calling the handshake after each chunk);
//!   mode 2/3  server / client after a real handshake (and some data), the
//!             fuzzer's bytes injected as the peer's next records, then
//!             SSL_read / SSL_peek / SSL_write / SSL_shutdown;
//!   mode 4    a real client and server with the fuzzer on the wire between
//!             them: splitting, flipping, dropping, duplicating, injecting.
//! Checks: no panic/crash, SSL_get_error in OpenSSL's set, reads never exceed
//! the buffer, output stays bounded, and a failed connection stays failed.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ffi::c_int;

use common::*;
use ferrossl::crypto::bio::BIO;
use ferrossl::entry::*;
use ferrossl::ssl::connection::SSL;
use libfuzzer_sys::fuzz_target;

type End = (*mut SSL, *mut BIO, *mut BIO);

fn feed(b: *mut BIO, data: &[u8]) {
    if !data.is_empty() {
        assert_eq!(
            BIO_write(b, data.as_ptr().cast(), data.len() as c_int),
            data.len() as c_int
        );
    }
}

/// After the handshake: read, peek, write, shutdown; checks the results.
fn use_connection(e: End, ops: u8) {
    let mut buf = [0u8; 300];
    let mut failed = false;
    for i in 0..6 {
        let r = match (ops >> i) & 3 {
            0 => SSL_read(e.0, buf.as_mut_ptr().cast(), (i as c_int + 1) * 50),
            1 => SSL_peek(e.0, buf.as_mut_ptr().cast(), 17),
            2 => SSL_write(e.0, b"pong".as_ptr().cast(), 4),
            _ => SSL_shutdown(e.0),
        };
        assert!(r <= 300);
        let err = check_error(e.0, r);
        if failed && (ops >> i) & 3 != 3 {
            // a connection that failed fatally does not come back to life
            assert!(r <= 0, "SSL call succeeded after a fatal error");
        }
        if err == SSL_ERROR_SSL {
            failed = true;
        }
        let pending = SSL_pending(e.0);
        assert!(pending >= 0);
        assert!(BIO_ctrl_pending(e.2) < 1 << 20, "unbounded output");
    }
    drain(e.2);
}

fn raw(server: bool, d: &mut Bytes) {
    let mtls = d.u8();
    let chunk = d.u8() as usize;
    let ctx = if server {
        if mtls & 1 == 1 {
            server_ctx_mtls()
        } else {
            server_ctx()
        }
    } else {
        client_ctx(mtls & 1 == 1)
    };
    let e = ssl_mem(ctx, server);
    if !server {
        let r = SSL_connect(e.0);
        assert_eq!(check_error(e.0, r), SSL_ERROR_WANT_READ);
        drain(e.2);
    }
    let data = d.rest();
    let step = if chunk == 0 { data.len().max(1) } else { chunk };
    let mut done = false;
    let mut dead = false;
    for part in data.chunks(step) {
        feed(e.1, part);
        let r = SSL_do_handshake(e.0);
        let err = check_error(e.0, r);
        if dead {
            assert!(r <= 0, "handshake succeeded after a fatal error");
        }
        if err == SSL_ERROR_SSL || err == SSL_ERROR_SYSCALL {
            dead = true;
        }
        drain(e.2);
        if r == 1 {
            done = true;
            break;
        }
    }
    if done {
        use_connection(e, mtls);
    }
    // the other transcript end: EOF
    let r = SSL_do_handshake(e.0);
    check_error(e.0, r);
    SSL_free(e.0);
}

fn after_handshake(server_side: bool, d: &mut Bytes) {
    let sel = d.u8();
    let (c, s) = (
        ssl_mem(client_ctx(sel & 1 == 1), false),
        ssl_mem(server_ctx(), true),
    );
    if sel & 2 == 2 {
        // TLS 1.2
        SSL_ctrl(c.0, 124, 0x0303, std::ptr::null_mut());
    }
    assert!(handshake(c, s), "in-memory handshake failed");
    // some real data both ways first (also delivers TLS 1.3 tickets)
    let mut buf = [0u8; 64];
    assert_eq!(SSL_write(c.0, b"ping".as_ptr().cast(), 4), 4);
    pump(c.2, s.1, 1 << 16);
    assert_eq!(SSL_read(s.0, buf.as_mut_ptr().cast(), 64), 4);
    assert_eq!(SSL_write(s.0, b"pong".as_ptr().cast(), 4), 4);
    pump(s.2, c.1, 1 << 16);
    assert_eq!(SSL_read(c.0, buf.as_mut_ptr().cast(), 64), 4);
    let (victim, _peer) = if server_side { (s, c) } else { (c, s) };
    let ops = d.u8();
    feed(victim.1, d.rest());
    use_connection(victim, ops);
    SSL_free(c.0);
    SSL_free(s.0);
}

/// Moves what `from` wrote to `to`, letting the fuzzer tamper with it.
fn wire(from: End, to: End, d: &mut Bytes) {
    let data = drain(from.2);
    if data.is_empty() {
        return;
    }
    let action = d.u8();
    let mut out = data.clone();
    match action % 8 {
        0 | 1 | 2 => {}
        3 => {
            let i = d.u16() as usize % out.len();
            out[i] ^= d.u8() | 1;
        }
        4 => out.truncate(d.u16() as usize % out.len()),
        5 => out.extend_from_slice(&data),
        6 => {
            let n = d.u8() as usize;
            let junk = d.take(n).to_vec();
            let at = d.u16() as usize % (out.len() + 1);
            out.splice(at..at, junk);
        }
        _ => out.clear(),
    }
    let chunk = (d.u8() as usize).max(1);
    for part in out.chunks(if action & 0x80 != 0 {
        chunk
    } else {
        out.len().max(1)
    }) {
        feed(to.1, part);
        let r = SSL_do_handshake(to.0);
        check_error(to.0, r);
    }
}

fn mitm(d: &mut Bytes) {
    let sel = d.u8();
    let s_ctx = if sel & 1 == 1 {
        server_ctx_mtls()
    } else {
        server_ctx()
    };
    let (c, s) = (
        ssl_mem(client_ctx(sel & 2 == 2), false),
        ssl_mem(s_ctx, true),
    );
    if sel & 4 == 4 {
        SSL_ctrl(c.0, 124, 0x0303, std::ptr::null_mut());
    }
    for _ in 0..8 {
        let r = SSL_do_handshake(c.0);
        check_error(c.0, r);
        wire(c, s, d);
        let r = SSL_do_handshake(s.0);
        check_error(s.0, r);
        wire(s, c, d);
        if SSL_is_init_finished(c.0) == 1 && SSL_is_init_finished(s.0) == 1 {
            break;
        }
    }
    if SSL_is_init_finished(c.0) == 1 && SSL_is_init_finished(s.0) == 1 {
        let mut buf = [0u8; 64];
        let r = SSL_write(c.0, b"hello".as_ptr().cast(), 5);
        check_error(c.0, r);
        wire(c, s, d);
        let r = SSL_read(s.0, buf.as_mut_ptr().cast(), 64);
        if r > 0 {
            assert_eq!(&buf[..r as usize], b"hello", "tampered data was accepted");
        }
        check_error(s.0, r);
        let r = SSL_shutdown(s.0);
        check_error(s.0, r);
        wire(s, c, d);
        let r = SSL_read(c.0, buf.as_mut_ptr().cast(), 64);
        check_error(c.0, r);
    }
    SSL_free(c.0);
    SSL_free(s.0);
}

fuzz_target!(|data: &[u8]| {
    let mut d = Bytes::new(data);
    match d.u8() % 5 {
        0 => raw(true, &mut d),
        1 => raw(false, &mut d),
        2 => after_handshake(true, &mut d),
        3 => after_handshake(false, &mut d),
        _ => mitm(&mut d),
    }
    drain_errors();
});
