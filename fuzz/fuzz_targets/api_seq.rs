//! (c) API sequences: the fuzzer's bytes decode into calls on a small set of
//! handle slots (SSL_CTX, SSL, BIO, SSL_SESSION, X509, EVP_PKEY). The decoder
//! mirrors a correct C program: it tracks how many references it owns of each
//! handle and frees only those; when an API consumes a reference (SSL_set_bio,
//! SSL_set0_rbio, ...) it first takes an extra one with X_up_ref, following
//! OpenSSL 3's documented rules. ASan catches use-after-free / double free;
//! LSan catches references the library failed to drop. Odd-but-legal calls
//! (NULL arguments, I/O before any BIO, shutdown before a handshake, ctrl
//! commands with odd arguments, set_session across contexts) are included.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ffi::{c_char, c_int, c_long, c_void, CString};
use std::ptr::{self, null_mut};

use common::*;
use ferrossl::crypto::bio::BIO;
use ferrossl::crypto::pkey::EVP_PKEY;
use ferrossl::crypto::x509::X509;
use ferrossl::entry::*;
use ferrossl::ssl::connection::SSL;
use ferrossl::ssl::context::SSL_CTX;
use ferrossl::ssl::session::SSL_SESSION;
use libfuzzer_sys::fuzz_target;

struct Owned<T> {
    p: *mut T,
    refs: u32,
}
impl<T> Clone for Owned<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Owned<T> {}

struct SslSlot {
    p: *mut SSL,
    refs: u32,
}

const N: usize = 4;

struct World {
    ctx: [Option<Owned<SSL_CTX>>; N],
    ssl: [Option<SslSlot>; N],
    bio: [Option<Owned<BIO>>; 8],
    sess: [Option<Owned<SSL_SESSION>>; N],
    x509: [Option<Owned<X509>>; N],
    pkey: [Option<Owned<EVP_PKEY>>; N],
    fds: [c_int; 2],
}

fn free_slot<T>(slot: &mut Option<Owned<T>>, free: impl Fn(*mut T)) {
    if let Some(o) = slot {
        free(o.p);
        o.refs -= 1;
        if o.refs == 0 {
            *slot = None;
        }
    }
}

fn put<T>(slots: &mut [Option<T>], i: usize, v: T, drop_old: impl FnOnce(T)) {
    let i = i % slots.len();
    if let Some(old) = slots[i].take() {
        drop_old(old);
    }
    slots[i] = Some(v);
}

/// Releases every reference the slot holds.
fn release_all<T>(o: Owned<T>, free: impl Fn(*mut T)) {
    for _ in 0..o.refs {
        free(o.p);
    }
}

impl World {
    fn new() -> Self {
        let mut fds = [-1; 2];
        unsafe {
            libc::socketpair(
                libc::AF_UNIX,
                libc::SOCK_STREAM | libc::SOCK_NONBLOCK,
                0,
                fds.as_mut_ptr(),
            );
        }
        World {
            ctx: [None; N],
            ssl: [None, None, None, None],
            bio: [None; 8],
            sess: [None; N],
            x509: [None; N],
            pkey: [None; N],
            fds,
        }
    }

    fn ctx(&self, i: u8) -> *mut SSL_CTX {
        self.ctx[i as usize % N].map(|o| o.p).unwrap_or(null_mut())
    }
    fn ssl(&self, i: u8) -> *mut SSL {
        self.ssl[i as usize % N]
            .as_ref()
            .map(|o| o.p)
            .unwrap_or(null_mut())
    }
    /// A BIO slot, or NULL for indexes past the slots (NULL is legal in most places).
    fn bio(&self, i: u8) -> *mut BIO {
        let i = i as usize % 10;
        if i >= 8 {
            return null_mut();
        }
        self.bio[i].map(|o| o.p).unwrap_or(null_mut())
    }
    fn bio_slot(&mut self, p: *mut BIO) -> Option<&mut Owned<BIO>> {
        self.bio.iter_mut().flatten().find(|o| o.p == p)
    }
    fn new_bio(&mut self, i: u8, p: *mut BIO) {
        if p.is_null() {
            return;
        }
        put(&mut self.bio, i as usize, Owned { p, refs: 1 }, |o| {
            release_all(o, |b| {
                BIO_free(b);
            })
        });
    }

    /// `SSL_set_bio` with the references OpenSSL 3's rules say it consumes
    /// (ssl/ssl_lib.c SSL_set_bio): taken with BIO_up_ref first so the
    /// decoder keeps its own.
    fn set_bio(&mut self, ssl: *mut SSL, r: *mut BIO, w: *mut BIO) {
        let (cur_r, cur_w) = (SSL_get_rbio(ssl), SSL_get_wbio(ssl));
        if avoid_known()
            && r != cur_r
            && w == cur_w
            && !w.is_null()
            && ((w != r && cur_r == cur_w) || (w == r && cur_r != cur_w))
        {
            // known bugs (notes/core-bugs.md: "SSL_set_bio leaks a BIO reference",
            // "SSL_set_bio(s, b, b) over-consumes a reference")
            return;
        }
        if avoid_known() && r == cur_r && w == cur_w && r != w {
            // known bug: "SSL_set_bio with unchanged BIOs consumes a reference"
            return;
        }
        let mut give: Vec<*mut BIO> = Vec::new();
        if !(r == cur_r && w == cur_w) {
            if r == cur_r {
                give.push(w);
            } else if w == cur_w && cur_r != cur_w {
                give.push(r);
            } else {
                give.push(r);
                give.push(w);
            }
            if r == w && !r.is_null() {
                // SSL_set_bio takes its own extra reference when both are the same
                if let Some(pos) = give.iter().position(|p| *p == r) {
                    give.remove(pos);
                }
            }
        }
        for p in give.iter().filter(|p| !p.is_null()) {
            assert_eq!(BIO_up_ref(*p), 1);
        }
        SSL_set_bio(ssl, r, w);
        assert_eq!(SSL_get_rbio(ssl), r, "SSL_get_rbio after SSL_set_bio");
        assert_eq!(SSL_get_wbio(ssl), w, "SSL_get_wbio after SSL_set_bio");
    }

    fn cleanup(&mut self) {
        for s in self.ssl.iter_mut() {
            if let Some(s) = s.take() {
                for _ in 0..s.refs {
                    SSL_free(s.p);
                }
            }
        }
        for o in self.bio.iter_mut().filter_map(Option::take) {
            release_all(o, |b| {
                BIO_free(b);
            });
        }
        for o in self.sess.iter_mut().filter_map(Option::take) {
            release_all(o, |p| SSL_SESSION_free(p));
        }
        for o in self.x509.iter_mut().filter_map(Option::take) {
            release_all(o, |p| X509_free(p));
        }
        for o in self.pkey.iter_mut().filter_map(Option::take) {
            release_all(o, |p| EVP_PKEY_free(p));
        }
        for o in self.ctx.iter_mut().filter_map(Option::take) {
            release_all(o, |p| SSL_CTX_free(p));
        }
        for fd in self.fds {
            if fd >= 0 {
                unsafe { libc::close(fd) };
            }
        }
    }
}

/// FERROSSL_FUZZ_AVOID_KNOWN=1 steers around library bugs already filed, to fuzz past them.
fn avoid_known() -> bool {
    static A: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *A.get_or_init(|| std::env::var_os("FERROSSL_FUZZ_AVOID_KNOWN").is_some_and(|v| v == "1"))
}

fn new_ctx(kind: u8) -> *mut SSL_CTX {
    let method = match kind % 5 {
        0 => TLS_client_method(),
        1 => TLS_server_method(),
        2 => TLS_method(),
        3 => TLSv1_2_method(),
        _ => TLSv1_2_server_method(),
    };
    let ctx = SSL_CTX_new(method);
    if !ctx.is_null() && kind & 0x10 != 0 {
        SSL_CTX_use_certificate_ASN1(ctx, SERVER_DER.len() as c_int, SERVER_DER.as_ptr());
        SSL_CTX_use_PrivateKey_ASN1(
            408,
            ctx,
            SERVER_KEY_DER.as_ptr(),
            SERVER_KEY_DER.len() as c_long,
        );
    }
    if !ctx.is_null() && kind & 0x20 != 0 {
        SSL_CTX_load_verify_locations(ctx, ca_path().as_ptr(), ptr::null());
        SSL_CTX_set_verify(ctx, 1, None);
    }
    ctx
}

/// ctrl commands worth trying (ssl.h), plus whatever the fuzzer names.
const CMDS: &[c_int] = &[
    3, 4, 32, 33, 40, 41, 42, 43, 44, 45, 52, 54, 55, 78, 92, 94, 98, 102, 118, 122, 123, 124, 130,
    131, 134,
];

fn cstring(b: &[u8]) -> CString {
    CString::new(b.iter().copied().filter(|c| *c != 0).collect::<Vec<u8>>()).unwrap()
}

fn step(w: &mut World, d: &mut Bytes) {
    let op = d.u8();
    let (a, b, c) = (d.u8(), d.u8(), d.u8());
    match op % 40 {
        0 => {
            let ctx = new_ctx(a);
            if !ctx.is_null() {
                put(&mut w.ctx, b as usize, Owned { p: ctx, refs: 1 }, |o| {
                    release_all(o, |p| SSL_CTX_free(p))
                });
            }
        }
        1 => {
            if let Some(o) = &mut w.ctx[a as usize % N] {
                assert_eq!(SSL_CTX_up_ref(o.p), 1);
                o.refs += 1;
            }
        }
        2 => free_slot(&mut w.ctx[a as usize % N], |p| SSL_CTX_free(p)),
        3 => {
            let ctx = w.ctx(a);
            let ssl = SSL_new(ctx);
            assert_eq!(ssl.is_null(), ctx.is_null());
            if !ssl.is_null() {
                put(&mut w.ssl, b as usize, SslSlot { p: ssl, refs: 1 }, |o| {
                    for _ in 0..o.refs {
                        SSL_free(o.p)
                    }
                });
            }
        }
        4 => {
            if let Some(o) = &mut w.ssl[a as usize % N] {
                assert_eq!(SSL_up_ref(o.p), 1);
                o.refs += 1;
            }
        }
        5 => {
            let i = a as usize % N;
            if let Some(o) = &mut w.ssl[i] {
                SSL_free(o.p);
                o.refs -= 1;
                if o.refs == 0 {
                    w.ssl[i] = None;
                }
            }
        }
        6 => {
            let p = BIO_new(BIO_s_mem());
            w.new_bio(a, p);
        }
        7 => {
            let (mut x, mut y) = (null_mut(), null_mut());
            if BIO_new_bio_pair(&mut x, (b as usize) * 64, &mut y, (c as usize) * 64) == 1 {
                w.new_bio(a, x);
                w.new_bio(a.wrapping_add(1), y);
            }
        }
        8 => {
            let data = d.take(b as usize);
            // len -1: a NUL-terminated string
            let z = cstring(data);
            let p = if c & 1 == 0 {
                BIO_new_mem_buf(data.as_ptr().cast(), data.len() as c_int)
            } else {
                BIO_new_mem_buf(z.as_ptr().cast(), -1)
            };
            w.new_bio(a, p);
        }
        9 => {
            let p = match a % 3 {
                0 => BIO_new(BIO_s_null()),
                1 => BIO_new_socket(w.fds[(b & 1) as usize], 0),
                _ => BIO_new_fd(-1, 0),
            };
            w.new_bio(c, p);
        }
        10 => {
            let p = w.bio(a);
            if let Some(o) = w.bio_slot(p) {
                assert_eq!(BIO_up_ref(o.p), 1);
                o.refs += 1;
            }
        }
        11 => {
            let i = a as usize % 10;
            if i < 8 {
                free_slot(&mut w.bio[i], |b| {
                    BIO_free(b);
                });
            }
        }
        12 => {
            let ssl = w.ssl(a);
            if !ssl.is_null() {
                let r = w.bio(b);
                let wb = if c & 0x80 != 0 { r } else { w.bio(c) };
                w.set_bio(ssl, r, wb);
            }
        }
        13 => {
            // set0: always consumes one reference of a BIO different from the current one
            let ssl = w.ssl(a);
            let p = w.bio(b);
            if !ssl.is_null() {
                let cur = if c & 1 == 0 {
                    SSL_get_rbio(ssl)
                } else {
                    SSL_get_wbio(ssl)
                };
                if p != cur || p.is_null() {
                    if !p.is_null() {
                        BIO_up_ref(p);
                    }
                    if c & 1 == 0 {
                        SSL_set0_rbio(ssl, p);
                        assert_eq!(SSL_get_rbio(ssl), p);
                    } else {
                        SSL_set0_wbio(ssl, p);
                        assert_eq!(SSL_get_wbio(ssl), p);
                    }
                }
            }
        }
        14 => {
            let fd = if b % 3 == 2 {
                -1
            } else {
                w.fds[(b % 2) as usize]
            };
            let r = match c % 3 {
                0 => SSL_set_fd(w.ssl(a), fd),
                1 => SSL_set_rfd(w.ssl(a), fd),
                _ => SSL_set_wfd(w.ssl(a), fd),
            };
            assert!(r == 0 || r == 1);
        }
        15 => {
            if b & 1 == 0 {
                SSL_set_connect_state(w.ssl(a))
            } else {
                SSL_set_accept_state(w.ssl(a))
            }
        }
        16 => {
            let ssl = w.ssl(a);
            let r = match b % 3 {
                0 => SSL_do_handshake(ssl),
                1 => SSL_connect(ssl),
                _ => SSL_accept(ssl),
            };
            if !ssl.is_null() {
                check_error(ssl, r);
            }
        }
        17 => {
            let ssl = w.ssl(a);
            let mut buf = vec![0u8; b as usize];
            let n = buf.len() as c_int;
            let r = match c % 4 {
                0 => SSL_read(ssl, buf.as_mut_ptr().cast(), n),
                1 => SSL_peek(ssl, buf.as_mut_ptr().cast(), n),
                2 => {
                    let mut got = 0usize;
                    let r = SSL_read_ex(ssl, buf.as_mut_ptr().cast(), buf.len(), &mut got);
                    assert!(got <= buf.len());
                    r
                }
                _ => SSL_read(ssl, ptr::null_mut(), 0),
            };
            assert!(r <= n.max(1));
            if !ssl.is_null() {
                check_error(ssl, r);
            }
        }
        18 => {
            let ssl = w.ssl(a);
            let data = d.take(b as usize);
            let r = if c & 1 == 0 {
                SSL_write(ssl, data.as_ptr().cast(), data.len() as c_int)
            } else {
                let mut n = 0usize;
                SSL_write_ex(ssl, data.as_ptr().cast(), data.len(), &mut n)
            };
            if !ssl.is_null() {
                check_error(ssl, r);
            }
        }
        19 => {
            let ssl = w.ssl(a);
            let p = SSL_pending(ssl);
            assert!(p >= 0);
            SSL_has_pending(ssl);
            SSL_want(ssl);
            SSL_get_shutdown(ssl);
            SSL_is_init_finished(ssl);
            SSL_in_init(ssl);
        }
        20 => {
            let ssl = w.ssl(a);
            let r = SSL_shutdown(ssl);
            assert!((-1..=1).contains(&r));
            if !ssl.is_null() {
                check_error(ssl, r);
            }
        }
        21 => {
            let (x, y) = (w.bio(a), w.bio(b));
            if !x.is_null() && !y.is_null() {
                let mut buf = vec![0u8; (c as usize + 1) * 64];
                let n = BIO_read(x, buf.as_mut_ptr().cast(), buf.len() as c_int);
                assert!(n <= buf.len() as c_int);
                if n > 0 {
                    BIO_write(y, buf.as_ptr().cast(), n);
                }
            }
        }
        22 => {
            let x = w.bio(a);
            let data = d.take(b as usize);
            match c % 6 {
                0 => {
                    BIO_write(x, data.as_ptr().cast(), data.len() as c_int);
                }
                1 => {
                    let mut buf = [0u8; 300];
                    let r = BIO_read(x, buf.as_mut_ptr().cast(), b as c_int);
                    assert!(r <= b as c_int);
                }
                2 => {
                    let mut buf = [0 as c_char; 300];
                    let r = BIO_gets(x, buf.as_mut_ptr(), b as c_int);
                    assert!(r < (b as c_int).max(1));
                }
                3 => {
                    let s = cstring(data);
                    BIO_puts(x, s.as_ptr());
                }
                4 => {
                    BIO_ctrl_pending(x);
                    BIO_ctrl_wpending(x);
                    BIO_ctrl_get_write_guarantee(x);
                }
                _ => {
                    let cmd = [1, 2, 3, 8, 9, 10, 11, 13, 102, 130, 142][b as usize % 11];
                    let mut out: *mut c_void = null_mut();
                    BIO_ctrl(
                        x,
                        cmd,
                        c as c_long - 128,
                        if cmd == 3 {
                            (&mut out as *mut *mut c_void).cast()
                        } else {
                            null_mut()
                        },
                    );
                }
            }
        }
        23 => {
            let ssl = w.ssl(a);
            let s = SSL_get1_session(ssl);
            if !s.is_null() {
                put(&mut w.sess, b as usize, Owned { p: s, refs: 1 }, |o| {
                    release_all(o, |p| SSL_SESSION_free(p))
                });
            }
            SSL_get_session(ssl);
        }
        24 => {
            let s = if b & 0x80 != 0 {
                null_mut()
            } else {
                w.sess[b as usize % N].map(|o| o.p).unwrap_or(null_mut())
            };
            let r = SSL_set_session(w.ssl(a), s);
            assert!(r == 0 || r == 1);
        }
        25 => free_slot(&mut w.sess[a as usize % N], |p| SSL_SESSION_free(p)),
        26 => {
            if let Some(o) = &mut w.sess[a as usize % N] {
                assert_eq!(SSL_SESSION_up_ref(o.p), 1);
                o.refs += 1;
                SSL_SESSION_is_resumable(o.p);
                SSL_SESSION_get_protocol_version(o.p);
            }
        }
        27 => {
            let cmd = if c & 0x80 != 0 {
                CMDS[b as usize % CMDS.len()]
            } else {
                b as c_int
            };
            let larg = match c % 4 {
                0 => 0,
                1 => -1,
                2 => c_long::MAX,
                _ => 0x0303,
            };
            // string-valued commands get a string; the rest NULL
            let s = cstring(d.take(12));
            let parg = if matches!(cmd, 55 | 92 | 98 | 102) && c & 0x40 != 0 {
                s.as_ptr() as *mut c_void
            } else {
                null_mut()
            };
            if a & 1 == 0 {
                SSL_ctrl(w.ssl(a >> 1), cmd, larg, parg);
            } else {
                SSL_CTX_ctrl(w.ctx(a >> 1), cmd, larg, parg);
            }
        }
        28 => match a % 8 {
            0 => {
                ERR_get_error();
            }
            1 => {
                ERR_peek_error();
                ERR_peek_last_error();
            }
            2 => ERR_clear_error(),
            3 => {
                let mut buf = [0 as c_char; 64];
                ERR_error_string_n(u64::from(d.u32()) as _, buf.as_mut_ptr(), b as usize % 65);
            }
            4 => ERR_put_error(b as c_int, 0, c as c_int, ptr::null(), 0),
            5 => {
                let x = w.bio(b);
                if avoid_known() {
                    // known bug: ERR_print_errors on a BIO whose writes fail loops forever
                    let m = BIO_new(BIO_s_mem());
                    ERR_print_errors(m);
                    BIO_free(m);
                } else {
                    ERR_print_errors(x);
                }
            }
            6 => {
                let mut file: *const c_char = ptr::null();
                let mut line = 0;
                ERR_get_error_line(&mut file, &mut line);
            }
            _ => {
                ERR_reason_error_string(u64::from(d.u32()) as _);
                ERR_lib_error_string(u64::from(d.u32()) as _);
            }
        },
        29 => {
            let x = SSL_get1_peer_certificate(w.ssl(a));
            if !x.is_null() {
                put(&mut w.x509, b as usize, Owned { p: x, refs: 1 }, |o| {
                    release_all(o, |p| X509_free(p))
                });
            }
            let chain = SSL_get_peer_cert_chain(w.ssl(a));
            for i in 0..OPENSSL_sk_num(chain.cast()) {
                let x = OPENSSL_sk_value(chain.cast(), i) as *mut X509;
                X509_get_subject_name(x);
            }
            let x0 = SSL_get0_peer_certificate(w.ssl(a));
            let _ = X509_get_subject_name(x0);
        }
        30 => {
            let bio = BIO_new_mem_buf(SERVER_PEM.as_ptr().cast(), SERVER_PEM.len() as c_int);
            let x = PEM_read_bio_X509(bio, null_mut(), null_mut(), null_mut());
            BIO_free(bio);
            if !x.is_null() {
                put(&mut w.x509, b as usize, Owned { p: x, refs: 1 }, |o| {
                    release_all(o, |p| X509_free(p))
                });
            }
        }
        31 => {
            let i = a as usize % N;
            match b % 4 {
                0 => free_slot(&mut w.x509[i], |p| X509_free(p)),
                1 => {
                    if let Some(o) = &mut w.x509[i] {
                        X509_up_ref(o.p);
                        o.refs += 1;
                    }
                }
                2 => {
                    let x = w.x509[i].map(|o| o.p).unwrap_or(null_mut());
                    SSL_CTX_use_certificate(w.ctx(c), x);
                    SSL_use_certificate(w.ssl(c), x);
                }
                _ => {
                    // SSL_CTX_add_extra_chain_cert takes the reference on success
                    if let Some(o) = &w.x509[i] {
                        X509_up_ref(o.p);
                        if SSL_CTX_add_extra_chain_cert(w.ctx(c), o.p) != 1 {
                            X509_free(o.p);
                        }
                    }
                }
            }
        }
        32 => {
            let i = a as usize % N;
            match b % 4 {
                0 => {
                    let bio = BIO_new_mem_buf(
                        SERVER_KEY_PEM.as_ptr().cast(),
                        SERVER_KEY_PEM.len() as c_int,
                    );
                    let k = PEM_read_bio_PrivateKey(bio, null_mut(), None, null_mut());
                    BIO_free(bio);
                    if !k.is_null() {
                        put(&mut w.pkey, i, Owned { p: k, refs: 1 }, |o| {
                            release_all(o, |p| EVP_PKEY_free(p))
                        });
                    }
                }
                1 => free_slot(&mut w.pkey[i], |p| EVP_PKEY_free(p)),
                2 => {
                    if let Some(o) = &mut w.pkey[i] {
                        EVP_PKEY_up_ref(o.p);
                        o.refs += 1;
                    }
                }
                _ => {
                    let k = w.pkey[i].map(|o| o.p).unwrap_or(null_mut());
                    SSL_CTX_use_PrivateKey(w.ctx(c), k);
                    SSL_use_PrivateKey(w.ssl(c), k);
                    SSL_CTX_check_private_key(w.ctx(c));
                    SSL_check_private_key(w.ssl(c));
                }
            }
        }
        33 => {
            let ctx = w.ctx(b);
            let r = SSL_set_SSL_CTX(w.ssl(a), ctx);
            if !w.ssl(a).is_null() && !ctx.is_null() {
                assert_eq!(r, ctx);
                assert_eq!(SSL_get_SSL_CTX(w.ssl(a)), ctx);
            }
        }
        34 => {
            let ssl = w.ssl(a);
            SSL_get_version(ssl);
            SSL_version(ssl);
            let c = SSL_get_current_cipher(ssl);
            SSL_CIPHER_get_name(c);
            SSL_CIPHER_get_bits(c, null_mut());
            SSL_get_servername(ssl, 0);
            SSL_get_verify_result(ssl);
            let (mut p, mut n) = (ptr::null(), 0);
            SSL_get0_alpn_selected(ssl, &mut p, &mut n);
            SSL_session_reused(ssl);
            SSL_get_fd(ssl);
            SSL_get_certificate(ssl);
            SSL_get_options(ssl);
            SSL_is_server(ssl);
        }
        35 => {
            let data = d.take(b as usize);
            if a & 1 == 0 {
                SSL_set_alpn_protos(w.ssl(a >> 1), data.as_ptr(), data.len() as _);
            } else {
                SSL_CTX_set_alpn_protos(w.ctx(a >> 1), data.as_ptr(), data.len() as _);
            }
        }
        36 => {
            let s = cstring(d.take(b as usize));
            match a % 4 {
                0 => SSL_set_cipher_list(w.ssl(c), s.as_ptr()),
                1 => SSL_set_ciphersuites(w.ssl(c), s.as_ptr()),
                2 => SSL_CTX_set_cipher_list(w.ctx(c), s.as_ptr()),
                _ => SSL_set1_host(w.ssl(c), s.as_ptr()),
            };
        }
        37 => {
            let ssl = w.ssl(a);
            match b % 4 {
                0 => SSL_set_shutdown(ssl, c as c_int & 3),
                1 => SSL_set_quiet_shutdown(ssl, (c & 1) as c_int),
                2 => {
                    SSL_set_options(ssl, u64::from(d.u32()) << 32 | u64::from(d.u32()));
                }
                _ => SSL_set_verify(ssl, c as c_int & 7, None),
            }
        }
        38 => {
            let ssl = w.ssl(a);
            let idx = b as c_int % 4 - 1;
            SSL_set_ex_data(ssl, idx, 0x1234 as *mut c_void);
            SSL_get_ex_data(ssl, idx);
            SSL_CTX_set_ex_data(w.ctx(c), idx, null_mut());
        }
        _ => {
            // a whole handshake between two slots sharing a BIO pair
            let (x, y) = (w.ssl(a), w.ssl(b));
            if !x.is_null() && !y.is_null() && x != y {
                for _ in 0..(c % 8 + 1) {
                    for s in [x, y] {
                        let r = SSL_do_handshake(s);
                        check_error(s, r);
                        let (rb, wb) = (SSL_get_rbio(s), SSL_get_wbio(s));
                        let _ = (rb, wb);
                    }
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut d = Bytes::new(data);
    let mut w = World::new();
    let mut steps = 0;
    while !d.is_empty() && steps < 200 {
        step(&mut w, &mut d);
        steps += 1;
    }
    w.cleanup();
    drain_errors();
});
