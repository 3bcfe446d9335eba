//! `BIO_f_ssl` (ssl.h / bio.h): a filter BIO over an `SSL`, with OpenSSL 3's
//! semantics (ssl/bio_ssl.c). Reads and writes are `SSL_read` / `SSL_write`,
//! whose `SSL_get_error` class becomes the BIO's retry flags;
//! `BIO_do_handshake` is `SSL_do_handshake`; `BIO_set_ssl` links the SSL's
//! read BIO after this one (so `BIO_free_all` frees the chain), and with
//! `BIO_CLOSE` the BIO shuts the SSL down and frees it when it is freed.
//! `BIO_set_ssl`, `BIO_get_ssl`, `BIO_set_ssl_mode`, `BIO_do_handshake` are
//! macros over `BIO_ctrl` that reach [`SslFilter::ctrl`].

use crate::abi::consts::{
    BIO_CLOSE, BIO_CTRL_DUP, BIO_CTRL_FLUSH, BIO_CTRL_GET_CLOSE, BIO_CTRL_INFO, BIO_CTRL_PENDING,
    BIO_CTRL_POP, BIO_CTRL_PUSH, BIO_CTRL_RESET, BIO_CTRL_SET_CLOSE, BIO_CTRL_WPENDING,
    BIO_C_DO_STATE_MACHINE, BIO_C_GET_FD, BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ,
    BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE, BIO_RR_SSL_X509_LOOKUP, BIO_TYPE_FILTER,
    SSL_ERROR_WANT_ACCEPT, SSL_ERROR_WANT_CONNECT, SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE,
    SSL_ERROR_WANT_X509_LOOKUP,
};
use crate::crypto::bio::{bio_method_st, bio_st, Filter, BIO, BIO_METHOD};
use crate::crypto::err::Error;
use crate::entry::crypto::bio::{BIO_free, BIO_new, BIO_up_ref};
use crate::entry::ssl::apps::SSL_clear;
use crate::entry::ssl::ssl::{
    SSL_do_handshake, SSL_free, SSL_get_error, SSL_get_rbio, SSL_get_wbio, SSL_is_server, SSL_new,
    SSL_pending, SSL_read, SSL_set_accept_state, SSL_set_bio, SSL_set_connect_state, SSL_shutdown,
    SSL_write,
};
use crate::ffi;
use crate::ssl::connection::SSL;
use crate::ssl::context::SSL_CTX;
use std::ffi::{c_int, c_long, c_void};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::LazyLock;

/// `BIO_TYPE_SSL` (bio.h).
pub const BIO_TYPE_SSL: c_int = 7 | BIO_TYPE_FILTER;
const BIO_C_SET_SSL: c_int = 109;
const BIO_C_GET_SSL: c_int = 110;
const BIO_C_SSL_MODE: c_int = 119;
const BIO_C_SET_SSL_RENEGOTIATE_BYTES: c_int = 125;
const BIO_C_GET_SSL_NUM_RENEGOTIATES: c_int = 126;
const BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT: c_int = 127;
const BIO_RR_CONNECT: c_int = 0x02;
const BIO_RR_ACCEPT: c_int = 0x03;

/// The BIO's state (OpenSSL's `BIO_SSL`): the SSL it drives. Renegotiation
/// by byte count or time (`BIO_set_ssl_renegotiate_*`) is recorded but never
/// runs: TLS 1.3 has none and ferrossl's TLS 1.2 does not renegotiate.
struct SslFilter {
    ssl: AtomicPtr<SSL>,
    renegotiate_bytes: std::sync::atomic::AtomicI64,
    renegotiate_timeout: std::sync::atomic::AtomicI64,
}

fn ssl_new() -> Result<Box<dyn Filter>, Error> {
    Ok(Box::new(SslFilter {
        ssl: AtomicPtr::new(std::ptr::null_mut()),
        renegotiate_bytes: Default::default(),
        renegotiate_timeout: Default::default(),
    }))
}

impl SslFilter {
    fn ssl(&self) -> *mut SSL {
        self.ssl.load(Ordering::Acquire)
    }

    /// OpenSSL's `ssl_free`: with the close flag set, shut the SSL down and
    /// (once set) free it.
    fn release(&self, b: &bio_st) {
        let ssl = self.ssl.swap(std::ptr::null_mut(), Ordering::AcqRel);
        if b.shutdown_flag() != 0 {
            if !ssl.is_null() {
                SSL_shutdown(ssl);
            }
            if b.init() != 0 {
                SSL_free(ssl);
            }
            b.clear_flags(!0);
            b.set_init(0);
        }
    }

    /// The retry flags for `SSL_get_error(ssl, ret)` after a read or write.
    fn set_retry(b: &bio_st, ssl: *mut SSL, ret: c_int) {
        let mut reason = 0;
        match SSL_get_error(ssl, ret) {
            SSL_ERROR_WANT_READ => b.set_flags(BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY),
            SSL_ERROR_WANT_WRITE => b.set_flags(BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY),
            SSL_ERROR_WANT_X509_LOOKUP => {
                b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                reason = BIO_RR_SSL_X509_LOOKUP;
            }
            SSL_ERROR_WANT_ACCEPT => {
                b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                reason = BIO_RR_ACCEPT;
            }
            SSL_ERROR_WANT_CONNECT => {
                b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                reason = BIO_RR_CONNECT;
            }
            _ => {}
        }
        b.set_retry_reason(reason);
    }
}

fn bio_ctrl(b: *mut BIO, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    ffi::borrow(b).map_or(0, |b| b.ctrl(cmd, larg, parg))
}

impl Filter for SslFilter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let ssl = self.ssl();
        if ssl.is_null() {
            return 0;
        }
        b.clear_retry_flags();
        let n = c_int::try_from(out.len()).unwrap_or(c_int::MAX);
        let ret = SSL_read(ssl, out.as_mut_ptr() as *mut c_void, n);
        Self::set_retry(b, ssl, ret);
        ret
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let ssl = self.ssl();
        if ssl.is_null() {
            return 0;
        }
        b.clear_retry_flags();
        let n = c_int::try_from(data.len()).unwrap_or(c_int::MAX);
        let ret = SSL_write(ssl, data.as_ptr() as *const c_void, n);
        Self::set_retry(b, ssl, ret);
        ret
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let ssl = self.ssl();
        if ssl.is_null() && cmd != BIO_C_SET_SSL {
            return 0;
        }
        match cmd {
            BIO_CTRL_RESET => {
                SSL_shutdown(ssl);
                if SSL_is_server(ssl) == 1 {
                    SSL_set_accept_state(ssl);
                } else {
                    SSL_set_connect_state(ssl);
                }
                if SSL_clear(ssl) == 0 {
                    return 0;
                }
                match b.next() {
                    Some(n) => n.ctrl(cmd, larg, parg),
                    None => {
                        let r = SSL_get_rbio(ssl);
                        if r.is_null() {
                            1
                        } else {
                            bio_ctrl(r, cmd, larg, parg)
                        }
                    }
                }
            }
            BIO_CTRL_INFO => 0,
            BIO_C_SSL_MODE => {
                if larg != 0 {
                    SSL_set_connect_state(ssl);
                } else {
                    SSL_set_accept_state(ssl);
                }
                1
            }
            BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT => {
                let v = if larg < 60 { 5 } else { larg };
                self.renegotiate_timeout.swap(v, Ordering::AcqRel) as c_long
            }
            BIO_C_SET_SSL_RENEGOTIATE_BYTES => {
                let old = self.renegotiate_bytes.load(Ordering::Acquire);
                if larg >= 512 {
                    self.renegotiate_bytes.store(larg, Ordering::Release);
                }
                old as c_long
            }
            BIO_C_GET_SSL_NUM_RENEGOTIATES => 0,
            BIO_C_SET_SSL => {
                if !ssl.is_null() {
                    self.release(b);
                }
                b.set_shutdown_flag(larg as c_int);
                let ssl = parg as *mut SSL;
                self.ssl.store(ssl, Ordering::Release);
                let rbio = SSL_get_rbio(ssl);
                if !rbio.is_null() {
                    let next = b.next_ptr();
                    if !next.is_null() {
                        if let Ok(r) = ffi::borrow(rbio) {
                            r.push(next);
                        }
                    }
                    b.set_next(rbio);
                    BIO_up_ref(rbio);
                }
                b.set_init(1);
                1
            }
            BIO_C_GET_SSL => {
                if parg.is_null() {
                    return 0;
                }
                ffi::write_out(parg as *mut *mut SSL, ssl);
                1
            }
            BIO_CTRL_GET_CLOSE => b.shutdown_flag() as c_long,
            BIO_CTRL_SET_CLOSE => {
                b.set_shutdown_flag(larg as c_int);
                1
            }
            BIO_CTRL_WPENDING => bio_ctrl(SSL_get_wbio(ssl), cmd, larg, parg),
            BIO_CTRL_PENDING => {
                let n = SSL_pending(ssl) as c_long;
                if n == 0 {
                    bio_ctrl(SSL_get_rbio(ssl), cmd, larg, parg)
                } else {
                    n
                }
            }
            BIO_CTRL_FLUSH => {
                b.clear_retry_flags();
                let r = bio_ctrl(SSL_get_wbio(ssl), cmd, larg, parg);
                b.copy_next_retry();
                r
            }
            BIO_CTRL_PUSH => {
                let next = b.next_ptr();
                if !next.is_null() && next != SSL_get_rbio(ssl) {
                    // The SSL takes over the reference taken here.
                    BIO_up_ref(next);
                    SSL_set_bio(ssl, next, next);
                }
                1
            }
            BIO_CTRL_POP => {
                if std::ptr::eq(parg as *const bio_st, b) {
                    SSL_set_bio(ssl, std::ptr::null_mut(), std::ptr::null_mut());
                }
                1
            }
            BIO_C_DO_STATE_MACHINE => {
                b.clear_retry_flags();
                b.set_retry_reason(0);
                let ret = SSL_do_handshake(ssl);
                match SSL_get_error(ssl, ret) {
                    SSL_ERROR_WANT_READ => b.set_flags(BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY),
                    SSL_ERROR_WANT_WRITE => b.set_flags(BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY),
                    SSL_ERROR_WANT_CONNECT => {
                        b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                        b.set_retry_reason(b.next().map_or(0, |n| n.retry_reason()));
                    }
                    SSL_ERROR_WANT_X509_LOOKUP => {
                        b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                        b.set_retry_reason(BIO_RR_SSL_X509_LOOKUP);
                    }
                    _ => {}
                }
                ret as c_long
            }
            // Duplicating the SSL of a BIO chain (BIO_dup_chain) is not supported.
            BIO_CTRL_DUP => 0,
            BIO_C_GET_FD => bio_ctrl(SSL_get_rbio(ssl), cmd, larg, parg),
            _ => bio_ctrl(SSL_get_rbio(ssl), cmd, larg, parg),
        }
    }

    fn has_puts(&self) -> bool {
        true
    }

    fn free(&self, b: &bio_st) {
        self.release(b);
    }
}

static SSL_METHOD_BIO: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_SSL, "ssl", ssl_new));

/// BIO_f_ssl returns the SSL filter method: a BIO that reads and writes
/// through the `SSL` set with `BIO_set_ssl`, OpenSSL 3's `bio_ssl.c`
/// semantics (retry flags from `SSL_get_error`, `BIO_do_handshake` runs the
/// handshake, `BIO_CLOSE` frees the SSL with the BIO). Renegotiation
/// settings are accepted and have no effect.
#[no_mangle]
pub extern "C" fn BIO_f_ssl() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_ssl", { Ok(&*SSL_METHOD_BIO as *const BIO_METHOD) })
}

/// BIO_new_ssl makes an SSL filter BIO over a new `SSL` of `ctx`, in client
/// (`client` non-zero) or server state; the BIO owns the SSL (`BIO_CLOSE`).
/// NULL on error.
#[no_mangle]
pub extern "C" fn BIO_new_ssl(ctx: *mut SSL_CTX, client: c_int) -> *mut BIO {
    ffi_boundary!("BIO_new_ssl", {
        ffi::borrow(ctx)?;
        let bio = BIO_new(BIO_f_ssl());
        if bio.is_null() {
            return Err(Error::internal("BIO_new(BIO_f_ssl())"));
        }
        let ssl = SSL_new(ctx);
        if ssl.is_null() {
            BIO_free(bio);
            return Err(Error::internal("SSL_new"));
        }
        if client != 0 {
            SSL_set_connect_state(ssl);
        } else {
            SSL_set_accept_state(ssl);
        }
        bio_ctrl(bio, BIO_C_SET_SSL, BIO_CLOSE as c_long, ssl as *mut c_void);
        Ok(bio)
    })
}

/// BIO_ssl_shutdown sends a close_notify (`SSL_shutdown`) on every SSL
/// filter BIO of the chain starting at `b`.
#[no_mangle]
pub extern "C" fn BIO_ssl_shutdown(b: *mut BIO) {
    ffi_boundary!("BIO_ssl_shutdown", {
        let mut cur = if b.is_null() {
            None
        } else {
            Some(ffi::borrow(b)?)
        };
        while let Some(bio) = cur {
            if std::ptr::eq(bio.method(), &*SSL_METHOD_BIO) {
                let mut ssl: *mut SSL = std::ptr::null_mut();
                bio.ctrl(BIO_C_GET_SSL, 0, &mut ssl as *mut *mut SSL as *mut c_void);
                if !ssl.is_null() {
                    SSL_shutdown(ssl);
                }
            }
            cur = bio.next();
        }
        Ok(())
    })
}
