//! (d) User BIO methods whose callbacks misbehave. A ferrossl client (or
//! server) talks to a real ferrossl peer through a `BIO_meth_new` BIO whose
//! read/write/ctrl/gets/puts callbacks follow a fuzzer script: honest, short,
//! lengths larger than requested, huge, negative, retry forever, fail, EOF,
//! a create callback that leaves the BIO uninitialised. Each SSL call must
//! return (no hang), report an OpenSSL error class, never write past the
//! caller's buffer, and the process must stay healthy. BIO_push (chains) is
//! called too and must fail cleanly.
#![no_main]

#[path = "common.rs"]
mod common;

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_long, c_void};
use std::ptr::null_mut;

use common::*;
use ferrossl::crypto::bio::{BIO, BIO_METHOD};
use ferrossl::entry::*;
use libfuzzer_sys::fuzz_target;

const BIO_FLAGS_READ: c_int = 1;
const BIO_FLAGS_WRITE: c_int = 2;
const BIO_FLAGS_SHOULD_RETRY: c_int = 8;

struct Script {
    ops: Vec<u8>,
    pos: usize,
    /// what the peer wrote, for our BIO to read
    inbox: *mut BIO,
    /// where our BIO's writes go (the peer's read BIO)
    outbox: *mut BIO,
    calls: usize,
}

thread_local! {
    static SCRIPT: RefCell<Script> = RefCell::new(Script { ops: Vec::new(), pos: 0, inbox: null_mut(), outbox: null_mut(), calls: 0 });
}

fn next() -> (u8, *mut BIO, *mut BIO) {
    SCRIPT.with(|s| {
        let mut s = s.borrow_mut();
        s.calls += 1;
        assert!(s.calls < 100_000, "BIO callback called without end");
        let b = if s.ops.is_empty() {
            0
        } else {
            s.ops[s.pos % s.ops.len()]
        };
        s.pos += 1;
        (b, s.inbox, s.outbox)
    })
}

/// FERROSSL_FUZZ_AVOID_KNOWN=1 keeps callbacks from returning more than asked for
/// (to fuzz past that known bug); by default they lie too.
fn honest_lengths() -> bool {
    static H: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *H.get_or_init(|| std::env::var_os("FERROSSL_FUZZ_AVOID_KNOWN").is_some_and(|v| v == "1"))
}

extern "C" fn cb_read(b: *mut BIO, buf: *mut c_char, len: c_int) -> c_int {
    let (op, inbox, _) = next();
    BIO_clear_flags(b, 0x0f);
    let op = if honest_lengths() && matches!(op % 10, 4 | 5) {
        0
    } else {
        op
    };
    match op % 10 {
        0..=2 => {
            if inbox.is_null() {
                return 0;
            }
            let n = BIO_read(inbox, buf.cast(), len);
            if n <= 0 {
                BIO_set_flags(b, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
                return -1;
            }
            n
        }
        3 => {
            // honest, one byte at a time
            if inbox.is_null() || len < 1 {
                return 0;
            }
            let n = BIO_read(inbox, buf.cast(), 1);
            if n <= 0 {
                BIO_set_flags(b, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
                return -1;
            }
            n
        }
        4 => len.saturating_add(1 + (op as c_int >> 4)), // more than asked for
        5 => c_int::MAX,
        6 => {
            BIO_set_flags(b, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY); // retry forever
            -1
        }
        7 => -1,             // fail, no retry
        8 => 0,              // EOF
        _ => -(op as c_int), // odd negative, no flags
    }
}

extern "C" fn cb_write(b: *mut BIO, buf: *const c_char, len: c_int) -> c_int {
    let (op, _, outbox) = next();
    BIO_clear_flags(b, 0x0f);
    let take = |n: c_int| {
        if !outbox.is_null() && n > 0 {
            BIO_write(outbox, buf.cast(), n);
        }
        n
    };
    let op = if honest_lengths() && op % 9 == 4 {
        0
    } else {
        op
    };
    match op % 9 {
        0..=2 => take(len),
        3 => take((len / 2).max(1).min(len)),
        4 => {
            take(len);
            len.saturating_add(7) // claims more than given
        }
        5 => {
            BIO_set_flags(b, BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY);
            -1
        }
        6 => -1,
        7 => 0,
        _ => c_int::MIN,
    }
}

extern "C" fn cb_ctrl(_b: *mut BIO, cmd: c_int, _larg: c_long, _parg: *mut c_void) -> c_long {
    let (op, _, _) = next();
    match op % 5 {
        0 => (cmd == 11) as c_long, // flush ok, rest unsupported
        1 => 1,
        2 => -1,
        3 => c_long::MAX,
        _ => 0,
    }
}

extern "C" fn cb_gets(_b: *mut BIO, buf: *mut c_char, size: c_int) -> c_int {
    let (op, _, _) = next();
    if size > 0 {
        unsafe { *buf = 0 };
    }
    match op % 4 {
        0 => 0,
        1 => size.saturating_add(3),
        2 => -1,
        _ => size.min(1).max(0),
    }
}

extern "C" fn cb_puts(_b: *mut BIO, s: *const c_char) -> c_int {
    let (op, _, _) = next();
    match op % 3 {
        0 => unsafe { libc::strlen(s) as c_int },
        1 => -1,
        _ => c_int::MAX,
    }
}

extern "C" fn cb_create(b: *mut BIO) -> c_int {
    let (op, _, _) = next();
    BIO_set_init(b, (op % 8 != 7) as c_int);
    (op % 16 != 15) as c_int
}

extern "C" fn cb_destroy(_b: *mut BIO) -> c_int {
    1
}

fn method() -> *mut BIO_METHOD {
    let m = BIO_meth_new(BIO_get_new_index() | 0x0400, c"fuzz".as_ptr());
    assert!(!m.is_null());
    BIO_meth_set_read(m, Some(cb_read));
    BIO_meth_set_write(m, Some(cb_write));
    BIO_meth_set_ctrl(m, Some(cb_ctrl));
    BIO_meth_set_gets(m, Some(cb_gets));
    BIO_meth_set_puts(m, Some(cb_puts));
    BIO_meth_set_create(m, Some(cb_create));
    BIO_meth_set_destroy(m, Some(cb_destroy));
    m
}

fuzz_target!(|data: &[u8]| {
    let mut d = Bytes::new(data);
    let sel = d.u8();
    let ours_server = sel & 1 == 1;
    SCRIPT.with(|s| {
        *s.borrow_mut() = Script {
            ops: d.rest().to_vec(),
            pos: 0,
            inbox: null_mut(),
            outbox: null_mut(),
            calls: 0,
        }
    });
    let m = method();
    let ub = BIO_new(m);
    if !ub.is_null() {
        // the peer: a real ferrossl endpoint on memory BIOs
        let peer = if ours_server {
            ssl_mem(client_ctx(true), false)
        } else {
            ssl_mem(server_ctx(), true)
        };
        SCRIPT.with(|s| {
            let mut s = s.borrow_mut();
            s.inbox = peer.2;
            s.outbox = peer.1;
        });
        let ours = SSL_new(if ours_server {
            server_ctx()
        } else {
            client_ctx(true)
        });
        if sel & 2 == 2 {
            // separate read and write BIOs of the same method
            let ub2 = BIO_new(m);
            if ub2.is_null() {
                SSL_set_bio(ours, ub, ub);
            } else {
                SSL_set_bio(ours, ub, ub2);
            }
        } else {
            SSL_set_bio(ours, ub, ub);
        }
        if ours_server {
            SSL_set_accept_state(ours);
        } else {
            SSL_set_connect_state(ours);
            SSL_set1_host(ours, c"localhost".as_ptr());
        }
        let mut buf = [0u8; 128];
        for i in 0..24 {
            let r = match (sel >> 2) as usize + i {
                n if n % 7 == 5 => SSL_write(ours, b"data".as_ptr().cast(), 4),
                n if n % 7 == 6 => SSL_read(ours, buf.as_mut_ptr().cast(), 100),
                _ => SSL_do_handshake(ours),
            };
            assert!(r <= 100);
            let e = check_error(ours, r);
            let pr = SSL_do_handshake(peer.0);
            check_error(peer.0, pr);
            if e == SSL_ERROR_SSL || e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN {
                break;
            }
        }
        let r = SSL_shutdown(ours);
        check_error(ours, r);
        // the BIO API directly on a misbehaving BIO
        let x = SSL_get_rbio(ours);
        let mut small = [0u8; 8];
        BIO_read(x, small.as_mut_ptr().cast(), 8);
        BIO_write(x, small.as_ptr().cast(), 8);
        let mut line = [0 as c_char; 8];
        BIO_gets(x, line.as_mut_ptr(), 8);
        BIO_gets(x, line.as_mut_ptr(), 0);
        BIO_puts(x, c"hi".as_ptr());
        BIO_ctrl_pending(x);
        BIO_ctrl_wpending(x);
        let mut got = 0usize;
        BIO_read_ex(x, small.as_mut_ptr().cast(), 8, &mut got);
        BIO_write_ex(x, small.as_ptr().cast(), 8, &mut got);
        // chains are unsupported: must fail cleanly, taking nothing
        let other = BIO_new(BIO_s_mem());
        let pushed = BIO_push(other, x);
        assert!(pushed.is_null() || pushed == other);
        BIO_free(other);
        SSL_free(ours);
        SSL_free(peer.0);
    }
    SCRIPT.with(|s| {
        let mut s = s.borrow_mut();
        s.inbox = null_mut();
        s.outbox = null_mut();
    });
    BIO_meth_free(m);
    drain_errors();
});
