//! SSL: one TLS connection — a rustls connection (or, on a server before the
//! ClientHello, an `Acceptor`), its BIOs, and the OpenSSL state around it:
//! `SSL_get_error`'s last outcome, shutdown flags, partial-write progress,
//! the verify result and peer chain, sessions.
//!
//! Locks: `io` is held while a call drives the connection (taken with
//! `try_lock`: concurrent use of one `SSL` is an error, not UB); `st` holds
//! what callbacks may read or change and is never held across a call into C.
//! Every driving call holds its own `Arc` of the `SSL` and makes it the
//! thread's *current* `SSL`, which the shared verifier/resolvers consult, so
//! a callback that frees the `SSL` (cl+ssl's verify callback does) cannot
//! pull it out from under the call.
#![deny(unsafe_code)]

use std::cell::Cell;
use std::ffi::{c_int, c_long};
use std::io::{BufRead, Read, Write};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use rustls::server::{Accepted, Acceptor};
use rustls::sign::CertifiedKey;
use rustls::{Connection, HandshakeKind, ServerConnection};
use rustls_pki_types::{CertificateDer, ServerName};

use crate::bio::{bio_st, BioIo};
use crate::ciphers::ssl_cipher_st;
use crate::context::{self, ssl_ctx_st, Overrides, SSL_verify_cb};
use crate::error::{self, Error};
use crate::ex_data::ExData;
use crate::keys::Identity;
use crate::session::{ssl_session_st, SessionValue};
use crate::verify::{VerifyParams, X509_V_OK};

pub const SSL_ERROR_NONE: c_int = 0;
pub const SSL_ERROR_SSL: c_int = 1;
pub const SSL_ERROR_WANT_READ: c_int = 2;
pub const SSL_ERROR_WANT_WRITE: c_int = 3;
pub const SSL_ERROR_WANT_X509_LOOKUP: c_int = 4;
pub const SSL_ERROR_SYSCALL: c_int = 5;
pub const SSL_ERROR_ZERO_RETURN: c_int = 6;
pub const SSL_ERROR_WANT_CONNECT: c_int = 7;
pub const SSL_ERROR_WANT_ACCEPT: c_int = 8;

pub const SSL_SENT_SHUTDOWN: c_int = 1;
pub const SSL_RECEIVED_SHUTDOWN: c_int = 2;

pub const SSL_TLSEXT_ERR_OK: c_int = 0;
pub const SSL_TLSEXT_ERR_ALERT_WARNING: c_int = 1;
pub const SSL_TLSEXT_ERR_ALERT_FATAL: c_int = 2;
pub const SSL_TLSEXT_ERR_NOACK: c_int = 3;
pub const SSL_AD_UNRECOGNIZED_NAME: c_int = 112;
pub const SSL_AD_NO_APPLICATION_PROTOCOL: c_int = 120;
const SSL_R_CALLBACK_FAILED: c_int = 234;
const SSL_R_BIO_NOT_SET: c_int = 128;
const SSL_R_CONNECTION_TYPE_NOT_SET: c_int = 144;
const SSL_R_SHUTDOWN_WHILE_IN_INIT: c_int = 407;
const SSL_R_HTTP_REQUEST: c_int = 156;

/// Why a driving call stopped without finishing.
enum Stop {
    WantRead,
    WantWrite,
    Syscall(c_int),
    Fatal(Error),
    /// A fatal error that OpenSSL reports with a 0 return (EOF after the handshake).
    FatalZero(Error),
    ZeroReturn,
}

enum Tls {
    Idle,
    Accepting(Box<Acceptor>),
    Conn(Box<Connection>),
}

struct Io {
    tls: Tls,
    rbio: Option<Arc<bio_st>>,
    wbio: Option<Arc<bio_st>>,
    /// Bytes of the caller's current `SSL_write` buffer already taken.
    write_progress: usize,
    /// Decrypted bytes waiting to be read (`SSL_pending`).
    pending: usize,
    fatal: bool,
    /// What a server has received before its ClientHello is complete (plain HTTP is
    /// recognised from it as OpenSSL does, and an offered PSK); freed once accepted.
    hello: Vec<u8>,
    /// Record-at-a-time read buffer for descriptor BIOs.
    ahead: RecordAhead,
}

/// What the handshake settled, copied out so queries need no `io` lock.
#[derive(Clone, Default)]
pub struct Negotiated {
    pub done: bool,
    pub version: c_int,
    pub cipher: Option<&'static ssl_cipher_st>,
    pub alpn: Option<Vec<u8>>,
    pub group: Option<u16>,
    pub resumed: bool,
}

/// State callbacks may touch; never locked across a call into C.
pub struct State {
    pub server: Option<bool>,
    pub sni: Option<String>,
    /// The C copy `SSL_get_servername` hands out.
    pub sni_c: Option<std::ffi::CString>,
    pub host: Option<String>,
    pub verify_mode: Option<c_int>,
    pub verify_cb: Option<SSL_verify_cb>,
    pub verify_depth: Option<c_int>,
    pub verify_result: c_long,
    pub peer_chain: Vec<CertificateDer<'static>>,
    pub peer_x509: Vec<Arc<crate::x509::x509_st>>,
    /// The STACK_OF(X509) `SSL_get_peer_cert_chain` hands out (owned here).
    pub peer_stack: Option<X509Stack>,
    pub alpn: Option<Vec<Vec<u8>>>,
    pub identity: Option<Identity>,
    pub overrides: Overrides,
    pub session_set: Option<Arc<ssl_session_st>>,
    pub session_latest: Option<Arc<ssl_session_st>>,
    pub mode: c_long,
    pub options: u64,
    pub negotiated: Negotiated,
    pub shutdown: c_int,
    pub quiet_shutdown: bool,
}

/// The SSL handle.
pub struct ssl_st {
    ctx: Mutex<Arc<ssl_ctx_st>>,
    io: Mutex<Io>,
    pub st: Mutex<State>,
    last: AtomicI32,
    pub ex_data: ExData,
    /// Objects the compatibility entry points attach to this SSL
    /// (X509_VERIFY_PARAM, ...), dropped with it.
    pub compat: std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>,
}
pub type SSL = ssl_st;

thread_local! {
    static CURRENT: Cell<*const ssl_st> = const { Cell::new(std::ptr::null()) };
}

/// Restores the previous current `SSL` when a driving call ends.
struct CurrentGuard(*const ssl_st);

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.0));
    }
}

fn enter(ssl: &Arc<ssl_st>) -> CurrentGuard {
    CurrentGuard(CURRENT.with(|c| c.replace(Arc::as_ptr(ssl))))
}

/// The `SSL` being driven on this thread, if any.
pub fn current() -> Option<Arc<ssl_st>> {
    let p = CURRENT.with(|c| c.get());
    crate::ffi::clone_arc(p).ok()
}

impl ssl_st {
    pub fn new(ctx: Arc<ssl_ctx_st>) -> Arc<Self> {
        let (mode, options) = {
            let s = ctx.settings();
            (s.mode, s.options)
        };
        let server = match (ctx.method.client, ctx.method.server) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        };
        Arc::new(Self {
            ctx: Mutex::new(ctx),
            io: Mutex::new(Io { tls: Tls::Idle, rbio: None, wbio: None, write_progress: 0, pending: 0, fatal: false, hello: Vec::new(), ahead: RecordAhead::default() }),
            st: Mutex::new(State {
                server,
                sni: None,
                sni_c: None,
                host: None,
                verify_mode: None,
                verify_cb: None,
                verify_depth: None,
                verify_result: X509_V_OK,
                peer_chain: Vec::new(),
                peer_x509: Vec::new(),
                peer_stack: None,
                alpn: None,
                identity: None,
                overrides: Overrides::default(),
                session_set: None,
                session_latest: None,
                mode,
                options,
                negotiated: Negotiated::default(),
                shutdown: 0,
                quiet_shutdown: false,
            }),
            last: AtomicI32::new(SSL_ERROR_NONE),
            ex_data: ExData::default(),
            compat: std::sync::OnceLock::new(),
        })
    }

    pub fn ctx(&self) -> Arc<ssl_ctx_st> {
        self.ctx.lock().clone()
    }

    /// `SSL_set_SSL_CTX`: later lookups (certificate, settings) use `ctx`.
    pub fn set_ctx(&self, ctx: Arc<ssl_ctx_st>) {
        *self.ctx.lock() = ctx;
    }

    fn raw(&self) -> *mut ssl_st {
        self as *const ssl_st as *mut ssl_st
    }

    pub fn last_error(&self) -> c_int {
        self.last.load(Ordering::Relaxed)
    }

    fn set_last(&self, v: c_int) {
        self.last.store(v, Ordering::Relaxed)
    }

    pub fn set_role(&self, server: bool) {
        self.st.lock().server = Some(server);
    }

    pub fn is_server(&self) -> bool {
        self.st.lock().server == Some(true)
    }

    pub fn verify_params(&self) -> VerifyParams {
        let st = self.st.lock();
        let ctx = self.ctx();
        let s = ctx.settings();
        VerifyParams {
            mode: st.verify_mode.unwrap_or(s.verify_mode),
            callback: st.verify_cb.unwrap_or(s.verify_cb),
            depth: st.verify_depth.unwrap_or(s.verify_depth),
            host: st.host.clone().or_else(|| s.verify_host.clone()),
        }
    }

    pub fn record_verification(&self, result: c_long, chain: Vec<CertificateDer<'static>>) {
        let mut st = self.st.lock();
        st.verify_result = result;
        st.peer_chain = chain;
        st.peer_x509.clear();
        st.peer_stack = None;
    }

    /// The peer's certificates as X509 objects (parsed on first request).
    pub fn peer_certs(&self) -> Vec<Arc<crate::x509::x509_st>> {
        let mut st = self.st.lock();
        if st.peer_x509.is_empty() && !st.peer_chain.is_empty() {
            let parsed = st.peer_chain.iter().filter_map(|c| crate::x509::x509_st::from_der(c).ok()).collect();
            st.peer_x509 = parsed;
        }
        st.peer_x509.clone()
    }

    /// `SSL_get_peer_cert_chain`: the peer's chain as a stack owned by the
    /// `SSL` (as OpenSSL, a server's excludes the client's leaf).
    pub fn peer_chain_stack(&self) -> *mut crate::x509::stack_st {
        let certs = self.peer_certs();
        if certs.is_empty() {
            return std::ptr::null_mut();
        }
        let skip = usize::from(self.is_server());
        let mut st = self.st.lock();
        let stack = st.peer_stack.get_or_insert_with(|| {
            X509Stack::new(certs.into_iter().skip(skip).collect())
        });
        Arc::as_ptr(&stack.0) as *mut crate::x509::stack_st
    }

    pub fn certified_key(&self) -> Option<Arc<CertifiedKey>> {
        if let Some(id) = &self.st.lock().identity {
            if id.certified.is_some() {
                return id.certified.clone();
            }
        }
        self.ctx().settings().identity.certified.clone()
    }

    pub fn store_session(&self, v: SessionValue) {
        self.st.lock().session_latest = Some(Arc::new(ssl_session_st::new(v)));
    }

    pub fn resume_tls13(&self) -> Option<rustls::client::Tls13ClientSessionValue> {
        self.st.lock().session_set.as_ref()?.take_tls13()
    }

    pub fn resume_tls12(&self) -> Option<rustls::client::Tls12ClientSessionValue> {
        self.st.lock().session_set.as_ref()?.tls12()
    }

    pub fn negotiated(&self) -> Negotiated {
        self.st.lock().negotiated.clone()
    }

    // ---- BIOs ----

    pub fn bios(&self) -> (Option<Arc<bio_st>>, Option<Arc<bio_st>>) {
        match self.io.try_lock() {
            Some(io) => (io.rbio.clone(), io.wbio.clone()),
            None => (None, None),
        }
    }

    pub fn set_bios(&self, rbio: Option<Arc<bio_st>>, wbio: Option<Arc<bio_st>>) -> Result<(), Error> {
        let mut io = self.io.try_lock().ok_or_else(busy)?;
        io.rbio = rbio;
        io.wbio = wbio;
        Ok(())
    }

    // ---- driving the connection ----

    fn stop(&self, op: &'static str, stop: Stop, io: &mut Io) -> c_int {
        match stop {
            Stop::WantRead => {
                self.set_last(SSL_ERROR_WANT_READ);
                -1
            }
            Stop::WantWrite => {
                self.set_last(SSL_ERROR_WANT_WRITE);
                -1
            }
            Stop::Syscall(errno) => {
                self.set_last(SSL_ERROR_SYSCALL);
                crate::ffi::set_errno(errno);
                -1
            }
            Stop::Fatal(e) => {
                io.fatal = true;
                e.push(op);
                self.set_last(SSL_ERROR_SSL);
                -1
            }
            Stop::FatalZero(e) => {
                io.fatal = true;
                e.push(op);
                self.set_last(SSL_ERROR_SSL);
                0
            }
            Stop::ZeroReturn => {
                self.set_last(SSL_ERROR_ZERO_RETURN);
                0
            }
        }
    }

    fn fail(&self, op: &'static str, e: Error) -> c_int {
        e.push(op);
        self.set_last(SSL_ERROR_SSL);
        -1
    }

    /// `SSL_do_handshake` / `SSL_connect` / `SSL_accept`.
    pub fn handshake(self: &Arc<Self>, op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else { return self.fail(op, busy()) };
        if !self.handshake_done() {
            // As OpenSSL's handshake state machine: stale entries from
            // unrelated calls must not decide this call's SSL_get_error.
            error::clear();
        }
        match self.drive_handshake(&mut io) {
            Ok(()) => {
                self.set_last(SSL_ERROR_NONE);
                1
            }
            Err(stop) => self.stop(op, stop, &mut io),
        }
    }

    fn drive_handshake(self: &Arc<Self>, io: &mut Io) -> Result<(), Stop> {
        if io.fatal {
            return Err(Stop::Fatal(Error::ssl(error::SSL_R_PROTOCOL_IS_SHUTDOWN)));
        }
        if matches!(io.tls, Tls::Idle) {
            self.start(io)?;
        }
        loop {
            // While the peer's flight is still arriving, read on before writing: the
            // answer (TLS 1.3's CCS and Finished) then leaves in one write, not as small
            // segments for Nagle's algorithm and the peer's delayed ACK to hold up.
            // (Only asked when there is something to write: a poll() per step otherwise.)
            if !(matches!(&io.tls, Tls::Conn(c) if c.is_handshaking() && c.wants_write()) && input_waiting(io)) {
                flush(io)?;
            }
            let Io { tls, rbio, wbio, hello, ahead, .. } = io;
            let (Some(rbio), Some(wbio)) = (rbio.as_deref(), wbio.as_deref()) else {
                return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
            };
            match tls {
                Tls::Idle => return Err(Stop::Fatal(Error::internal("connection not started"))),
                Tls::Accepting(acc) => match acc.accept() {
                    Ok(None) => match acc.read_tls(&mut Recording(RecordIo::new(rbio, ahead), hello)) {
                        Ok(0) => return Err(Stop::Fatal(Error::ssl(error::SSL_R_UNEXPECTED_EOF_WHILE_READING))),
                        Ok(_) => {}
                        Err(e) => return Err(plaintext_alert_on_overflow(io_stop(&e, rbio), wbio)),
                    },
                    Ok(Some(accepted)) => {
                        let resuming = offers_psk(hello);
                        *hello = Vec::new();
                        let conn = self.on_client_hello(accepted, wbio, resuming)?;
                        *tls = Tls::Conn(Box::new(conn.into()));
                    }
                    Err((e, mut alert)) => {
                        let mut out = Vec::new();
                        let _ = alert.write_all(&mut out);
                        if out.is_empty() {
                            // rustls has no alert for input that never was a
                            // ClientHello; RFC 8446 §6.2 still wants one.
                            let code = match e {
                                rustls::Error::InvalidMessage(_) => 50, // decode_error
                                _ => 10,                                // unexpected_message
                            };
                            out = vec![0x15, 0x03, 0x03, 0x00, 0x02, 0x02, code];
                        }
                        let _ = wbio.write(&out);
                        let http = [&b"GET "[..], b"POST", b"HEAD", b"PUT "].contains(&hello.get(..4).unwrap_or_default());
                        if http {
                            return Err(Stop::Fatal(Error::ssl(SSL_R_HTTP_REQUEST)));
                        }
                        return Err(Stop::Fatal(self.map_rustls(&e)));
                    }
                },
                Tls::Conn(conn) if !conn.is_handshaking() => {
                    self.snapshot(conn);
                    return Ok(());
                }
                Tls::Conn(conn) => {
                    let n = read_tls(conn, rbio, ahead).map_err(|s| plaintext_alert_on_overflow(s, wbio))?;
                    self.process(io)?;
                    if n == 0 {
                        if let Tls::Conn(conn) = &io.tls {
                            if conn.is_handshaking() {
                                return Err(Stop::Fatal(Error::ssl(error::SSL_R_UNEXPECTED_EOF_WHILE_READING)));
                            }
                        }
                    }
                }
            }
        }
    }

    fn start(self: &Arc<Self>, io: &mut Io) -> Result<(), Stop> {
        if io.rbio.is_none() || io.wbio.is_none() {
            return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
        }
        let (server, sni, alpn, overrides) = {
            let st = self.st.lock();
            (st.server, st.sni.clone(), st.alpn.clone(), st.overrides.clone())
        };
        match server {
            None => Err(Stop::Fatal(Error::ssl(SSL_R_CONNECTION_TYPE_NOT_SET))),
            Some(true) => {
                io.tls = Tls::Accepting(Box::default());
                Ok(())
            }
            Some(false) => {
                let cfg = self.ctx().client_config(&overrides).map_err(Stop::Fatal)?;
                // Without SNI, an IP name keeps rustls from sending one.
                let name = sni
                    .and_then(|n| ServerName::try_from(n).ok())
                    .unwrap_or(ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()));
                let conn = match alpn {
                    Some(alpn) => rustls::ClientConnection::new_with_alpn(cfg, name, alpn),
                    None => rustls::ClientConnection::new(cfg, name),
                }
                .map_err(|e| Stop::Fatal(Error::from_rustls(&e)))?;
                io.tls = Tls::Conn(Box::new(conn.into()));
                Ok(())
            }
        }
    }

    /// The server has a ClientHello: run the servername and ALPN callbacks,
    /// then make the connection from the (possibly swapped) context.
    fn on_client_hello(self: &Arc<Self>, accepted: Accepted, wbio: &bio_st, resuming: bool) -> Result<ServerConnection, Stop> {
        let hello = accepted.client_hello();
        let sni = hello.server_name().map(str::to_owned);
        let offered: Option<Vec<Vec<u8>>> = hello.alpn().map(|it| it.map(<[u8]>::to_vec).collect());
        self.st.lock().sni = sni;
        let fatal_alert = |al: c_int, reason: c_int| {
            let _ = wbio.write(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, al as u8]);
            Stop::Fatal(Error::ssl(reason))
        };
        let (cb, arg) = {
            let ctx = self.ctx();
            let s = ctx.settings();
            (s.servername_cb, s.servername_arg)
        };
        if let Some(cb) = cb {
            let mut al = SSL_AD_UNRECOGNIZED_NAME;
            if cb(self.raw(), &mut al, arg.0) == SSL_TLSEXT_ERR_ALERT_FATAL {
                return Err(fatal_alert(al, SSL_R_CALLBACK_FAILED));
            }
        }
        let ctx = self.ctx();
        let overrides = self.st.lock().overrides.clone();
        let mut cfg = ctx.server_config(&overrides, resuming).map_err(Stop::Fatal)?;
        let select = ctx.settings().alpn_select;
        if let (Some(offered), (Some(cb), arg)) = (offered, select) {
            let wire = context::alpn_wire(&offered);
            let mut out: *const u8 = std::ptr::null();
            let mut outlen: u8 = 0;
            match cb(self.raw(), &mut out, &mut outlen, wire.as_ptr(), wire.len() as std::ffi::c_uint, arg.0) {
                SSL_TLSEXT_ERR_OK => {
                    let chosen = crate::ffi::slice_usize(out, outlen as usize).map_err(Stop::Fatal)?.to_vec();
                    let mut c = (*cfg).clone();
                    c.alpn_protocols = vec![chosen];
                    cfg = Arc::new(c);
                }
                SSL_TLSEXT_ERR_ALERT_FATAL => {
                    return Err(fatal_alert(SSL_AD_NO_APPLICATION_PROTOCOL, error::SSL_R_NO_APPLICATION_PROTOCOL))
                }
                _ => {}
            }
        }
        accepted.into_connection(cfg).map_err(|(e, mut alert)| {
            let _ = alert.write_all(&mut BioIo(wbio));
            Stop::Fatal(self.map_rustls(&e))
        })
    }

    /// Processes received records; on failure sends the alert rustls queued.
    fn process(&self, io: &mut Io) -> Result<(), Stop> {
        let Tls::Conn(conn) = &mut io.tls else { return Ok(()) };
        match conn.process_new_packets() {
            Ok(state) => {
                io.pending = state.plaintext_bytes_to_read();
                if state.peer_has_closed() {
                    self.st.lock().shutdown |= SSL_RECEIVED_SHUTDOWN;
                }
                Ok(())
            }
            Err(e) => {
                if let Some(wbio) = io.wbio.as_deref() {
                    while conn.wants_write() {
                        if conn.write_tls(&mut BioIo(wbio)).is_err() {
                            break;
                        }
                    }
                }
                Err(Stop::Fatal(self.map_rustls(&e)))
            }
        }
    }

    fn map_rustls(&self, e: &rustls::Error) -> Error {
        let err = Error::from_rustls(e);
        if let rustls::Error::InvalidCertificate(_) = e {
            let r = self.st.lock().verify_result;
            if r != X509_V_OK {
                let text = crate::verify::verify_error_string(r);
                return Error::ssl(error::SSL_R_CERTIFICATE_VERIFY_FAILED).data(&format!("Verify error:{text}"));
            }
        }
        err
    }

    fn snapshot(&self, conn: &Connection) {
        let mut st = self.st.lock();
        if st.negotiated.done {
            return;
        }
        st.negotiated = Negotiated {
            done: true,
            version: match conn.protocol_version() {
                Some(rustls::ProtocolVersion::TLSv1_3) => context::TLS1_3_VERSION,
                Some(rustls::ProtocolVersion::TLSv1_2) => context::TLS1_2_VERSION,
                _ => 0,
            },
            cipher: conn.negotiated_cipher_suite().and_then(crate::ciphers::lookup),
            alpn: conn.alpn_protocol().map(<[u8]>::to_vec),
            group: conn.negotiated_key_exchange_group().map(|g| u16::from(g.name())),
            resumed: conn.handshake_kind() == Some(HandshakeKind::Resumed),
        };
        if st.peer_chain.is_empty() {
            if let Some(certs) = conn.peer_certificates() {
                st.peer_chain = certs.iter().map(|c| c.clone().into_owned()).collect();
            }
        }
    }

    /// `SSL_read` / `SSL_peek`.
    pub fn read(self: &Arc<Self>, buf: &mut [u8], peek: bool, op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else { return self.fail(op, busy()) };
        let r = self.drive_handshake(&mut io).and_then(|()| self.read_inner(&mut io, buf, peek));
        match r {
            Ok(n) => {
                self.set_last(SSL_ERROR_NONE);
                n as c_int
            }
            Err(stop) => self.stop(op, stop, &mut io),
        }
    }

    fn read_inner(&self, io: &mut Io, buf: &mut [u8], peek: bool) -> Result<usize, Stop> {
        let (auto_retry, ignore_eof) = {
            let st = self.st.lock();
            (st.mode & context::SSL_MODE_AUTO_RETRY != 0, st.options & context::SSL_OP_IGNORE_UNEXPECTED_EOF != 0)
        };
        let mut processed = false;
        loop {
            let Tls::Conn(conn) = &mut io.tls else { return Err(Stop::Fatal(Error::internal("no connection"))) };
            let mut reader = conn.reader();
            let r = if peek {
                reader.fill_buf().map(|b| {
                    let n = b.len().min(buf.len());
                    buf[..n].copy_from_slice(&b[..n]);
                    n
                })
            } else {
                reader.read(buf)
            };
            match r {
                Ok(0) if !buf.is_empty() => {
                    self.st.lock().shutdown |= SSL_RECEIVED_SHUTDOWN;
                    return Err(Stop::ZeroReturn);
                }
                Ok(n) => {
                    if !peek {
                        io.pending = io.pending.saturating_sub(n);
                    }
                    return Ok(n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    if ignore_eof {
                        self.st.lock().shutdown |= SSL_RECEIVED_SHUTDOWN;
                        return Err(Stop::ZeroReturn);
                    }
                    return Err(Stop::FatalZero(Error::ssl(error::SSL_R_UNEXPECTED_EOF_WHILE_READING)));
                }
                Err(e) => return Err(Stop::Fatal(Error::internal(&e.to_string()))),
            }
            flush(io)?;
            if processed && !auto_retry {
                return Err(Stop::WantRead);
            }
            let Io { tls: Tls::Conn(conn), rbio: Some(rbio), ahead, .. } = io else {
                return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
            };
            read_tls(conn, rbio, ahead)?;
            self.process(io)?;
            processed = true;
        }
    }

    /// `SSL_write`: all of `data` (or, with partial writes, some of it once
    /// it is on the wire). A blocked write keeps its progress: retry with
    /// the same data.
    pub fn write(self: &Arc<Self>, data: &[u8], op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else { return self.fail(op, busy()) };
        let (sent_shutdown, partial) = {
            let st = self.st.lock();
            (st.shutdown & SSL_SENT_SHUTDOWN != 0, st.mode & context::SSL_MODE_ENABLE_PARTIAL_WRITE != 0)
        };
        if sent_shutdown {
            return self.stop(op, Stop::Fatal(Error::ssl(error::SSL_R_PROTOCOL_IS_SHUTDOWN)), &mut io);
        }
        let r = self.drive_handshake(&mut io).and_then(|()| loop {
            flush(&mut io)?;
            if io.write_progress >= data.len() || (partial && io.write_progress > 0) {
                return Ok(std::mem::take(&mut io.write_progress));
            }
            let progress = io.write_progress;
            let Tls::Conn(conn) = &mut io.tls else { return Err(Stop::Fatal(Error::internal("no connection"))) };
            let n = conn
                .writer()
                .write(&data[progress..])
                .map_err(|e| Stop::Fatal(Error::internal(&e.to_string())))?;
            if n == 0 {
                return Err(Stop::Fatal(Error::internal("rustls accepted no data")));
            }
            io.write_progress += n;
        });
        match r {
            Ok(n) => {
                self.set_last(SSL_ERROR_NONE);
                n as c_int
            }
            Err(stop) => self.stop(op, stop, &mut io),
        }
    }

    /// `SSL_shutdown`: 0 once our close_notify is out and the peer's is not
    /// yet in, 1 when both are done, -1 on error or would-block.
    pub fn shutdown(self: &Arc<Self>) -> c_int {
        const OP: &str = "SSL_shutdown";
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else { return self.fail(OP, busy()) };
        let established = matches!(&io.tls, Tls::Conn(c) if !c.is_handshaking()) && !io.fatal;
        let quiet = self.st.lock().quiet_shutdown;
        if matches!(io.tls, Tls::Idle) || quiet {
            self.st.lock().shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
            return 1;
        }
        if !established {
            return self.fail(OP, Error::ssl(SSL_R_SHUTDOWN_WHILE_IN_INIT));
        }
        let first = self.st.lock().shutdown & SSL_SENT_SHUTDOWN == 0;
        if first {
            if let Tls::Conn(conn) = &mut io.tls {
                conn.send_close_notify();
            }
            self.st.lock().shutdown |= SSL_SENT_SHUTDOWN;
        }
        if let Err(stop) = flush(&mut io) {
            return self.stop(OP, stop, &mut io);
        }
        if self.st.lock().shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return 1;
        }
        if first {
            return 0;
        }
        // Second call: wait for the peer's close_notify, discarding data.
        let mut sink = [0u8; 4096];
        loop {
            match self.read_inner(&mut io, &mut sink, false) {
                Ok(_) => continue,
                Err(Stop::ZeroReturn) => return 1,
                Err(stop) => return self.stop(OP, stop, &mut io),
            }
        }
    }

    /// `SSL_export_keying_material`: the RFC 5705 / RFC 8446 §7.5 exporter of
    /// the established connection, written into `out`.
    pub fn export_keying_material(&self, out: &mut [u8], label: &[u8], context: Option<&[u8]>) -> Result<(), Error> {
        let io = self.io.try_lock().ok_or_else(busy)?;
        match &io.tls {
            Tls::Conn(c) if !c.is_handshaking() => {
                c.export_keying_material(out, label, context).map(|_| ()).map_err(|e| Error::from_rustls(&e))
            }
            _ => Err(Error::ssl(error::SSL_R_UNINITIALIZED)),
        }
    }

    /// `SSL_pending`.
    pub fn pending(&self) -> usize {
        self.io.try_lock().map(|io| io.pending).unwrap_or(0)
    }

    pub fn handshake_done(&self) -> bool {
        self.st.lock().negotiated.done
    }

    pub fn in_init(&self) -> bool {
        !self.handshake_done()
    }
}

fn busy() -> Error {
    Error::ssl(error::ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED).data("SSL object is already in use by another call")
}

/// A BIO failure as a stop: retry flags decide WANT_READ/WANT_WRITE.
fn io_stop(e: &std::io::Error, bio: &bio_st) -> Stop {
    if e.kind() == std::io::ErrorKind::InvalidData {
        return Stop::Fatal(Error::ssl(SSL_R_ENCRYPTED_LENGTH_TOO_LONG));
    }
    if e.kind() == std::io::ErrorKind::WouldBlock {
        if bio.should_write() {
            Stop::WantWrite
        } else {
            Stop::WantRead
        }
    } else {
        Stop::Syscall(e.raw_os_error().unwrap_or(0))
    }
}

/// Reads through a BIO, keeping a copy of what it read (up to `HELLO_MAX` bytes).
struct Recording<'a>(RecordIo<'a>, &'a mut Vec<u8>);

/// A ClientHello spans at most this much of the stream that `Recording` keeps.
const HELLO_MAX: usize = 5 + (1 << 14);

impl Read for Recording<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        let keep = n.min(HELLO_MAX.saturating_sub(self.1.len()));
        self.1.extend_from_slice(&buf[..keep]);
        Ok(n)
    }
}

/// Whether the ClientHello at the start of `stream` (one handshake record) offers a
/// pre_shared_key, i.e. asks to resume. OpenSSL sends one ticket after a resumption
/// instead of `num_tickets`; rustls fixes the count per config, so the server picks its
/// config by this before the handshake. A ClientHello split over records, or a ticket the
/// server then refuses, just gets the full-handshake count or one ticket respectively.
fn offers_psk(stream: &[u8]) -> bool {
    fn parse(b: &[u8]) -> Option<bool> {
        let skip = |b: &[u8], at: usize, len_bytes: usize| -> Option<usize> {
            let len = b.get(at..at + len_bytes)?.iter().fold(0usize, |a, &x| a << 8 | x as usize);
            Some(at + len_bytes + len)
        };
        // record header, handshake header, version, random
        if *b.first()? != 22 || *b.get(5)? != 1 {
            return Some(false);
        }
        let mut at = 5 + 4 + 2 + 32;
        at = skip(b, at, 1)?; // session id
        at = skip(b, at, 2)?; // cipher suites
        at = skip(b, at, 1)?; // compression methods
        let end = skip(b, at, 2)?.min(b.len());
        at += 2;
        while at + 4 <= end {
            if b[at..at + 2] == [0, 41] {
                return Some(true);
            }
            at = skip(b, at + 2, 2)?;
        }
        Some(false)
    }
    parse(stream).unwrap_or(false)
}

/// During the handshake (before traffic keys) a record_overflow alert goes
/// out in plaintext; afterwards rustls owns the record protection and the
/// connection just fails.
fn plaintext_alert_on_overflow(stop: Stop, wbio: &bio_st) -> Stop {
    if let Stop::Fatal(e) = &stop {
        if e.reason() == SSL_R_ENCRYPTED_LENGTH_TOO_LONG {
            let _ = wbio.write(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, ALERT_RECORD_OVERFLOW]);
        }
    }
    stop
}

fn read_tls(conn: &mut Connection, rbio: &bio_st, ahead: &mut RecordAhead) -> Result<usize, Stop> {
    conn.read_tls(&mut RecordIo::new(rbio, ahead)).map_err(|e| io_stop(&e, rbio))
}

/// How rustls reads a BIO: memory BIOs directly; any other BIO record by
/// record (see `RecordAhead`).
enum RecordIo<'a> {
    Mem(BioIo<'a>),
    Records(AheadIo<'a>),
}

impl<'a> RecordIo<'a> {
    fn new(bio: &'a bio_st, ahead: &'a mut RecordAhead) -> Self {
        if bio.is_mem() {
            RecordIo::Mem(BioIo(bio))
        } else {
            RecordIo::Records(AheadIo { bio, ahead })
        }
    }
}

impl Read for RecordIo<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            RecordIo::Mem(b) => b.read(buf),
            RecordIo::Records(a) => a.read(buf),
        }
    }
}

/// Reads a BIO one TLS record at a time, as OpenSSL does without
/// read-ahead: exactly the 5-byte header, then exactly the body. rustls asks
/// for 4 KiB at a time; this keeps a 16 KiB record to two reads of a socket,
/// never takes bytes beyond the current record (a `select()` loop never
/// misses data hidden in a buffer), and never asks a user BIO for more than
/// the record holds (cl+ssl's Lisp-stream BIO blocks until it has all it
/// was asked for).
/// RFC 8446 §5.1: a plaintext record longer than 2^14 bytes is a record_overflow.
const MAX_PLAINTEXT: usize = 16384;
const SSL_R_ENCRYPTED_LENGTH_TOO_LONG: c_int = 150;
const ALERT_RECORD_OVERFLOW: u8 = 22;

#[derive(Default)]
struct RecordAhead {
    /// Bytes read from the BIO (`buf[given..filled]` not yet handed to rustls). Only
    /// grows, so a record's body is read without zero-filling a buffer first.
    buf: Vec<u8>,
    filled: usize,
    given: usize,
    header: [u8; 5],
    header_len: usize,
    /// Body bytes of the current record still to read from the BIO.
    need: usize,
}

struct AheadIo<'a> {
    bio: &'a bio_st,
    ahead: &'a mut RecordAhead,
}

impl Read for AheadIo<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let a = &mut *self.ahead;
        if a.given < a.filled {
            let n = out.len().min(a.filled - a.given);
            out[..n].copy_from_slice(&a.buf[a.given..a.given + n]);
            a.given += n;
            if a.given == a.filled {
                a.filled = 0;
                a.given = 0;
            }
            return Ok(n);
        }
        if a.header_len < 5 {
            let start = a.header_len;
            let n = BioIo(self.bio).read(&mut a.header[start..])?;
            a.header_len += n;
            if a.header_len == 5 {
                a.need = usize::from(u16::from_be_bytes([a.header[3], a.header[4]]));
                // As OpenSSL: a bad type or version is "wrong version number"
                // (rustls reports it). Plaintext records (alert, handshake,
                // change_cipher_spec) may hold 2^14 bytes (RFC 8446 §5.1);
                // protected ones are left to rustls' record layer.
                let plaintext = (20..=22).contains(&a.header[0]) && a.header[1] == 3;
                if plaintext && a.need > MAX_PLAINTEXT {
                    return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "record overflow"));
                }
                if a.need == 0 {
                    a.header_len = 0;
                }
            }
            if n == 0 {
                return Ok(0);
            }
            if a.buf.len() < n {
                a.buf.resize(5, 0);
            }
            a.buf[..n].copy_from_slice(&a.header[start..start + n]);
            a.filled = n;
            return self.read(out);
        }
        if a.buf.len() < a.need {
            a.buf.resize(a.need, 0);
        }
        let n = BioIo(self.bio).read(&mut a.buf[..a.need])?;
        a.filled = n;
        a.need -= n;
        if a.need == 0 {
            a.header_len = 0;
        }
        if n == 0 {
            return Ok(0);
        }
        self.read(out)
    }
}

/// Whether reading the rbio now returns data without blocking: bytes of a record
/// already taken from the BIO, or a descriptor with input waiting.
fn input_waiting(io: &Io) -> bool {
    io.ahead.given < io.ahead.filled || io.rbio.as_deref().and_then(bio_st::fd).is_some_and(crate::ffi::fd_readable_now)
}

/// Writes everything rustls has queued to the write BIO.
fn flush(io: &mut Io) -> Result<(), Stop> {
    let Io { tls: Tls::Conn(conn), wbio, .. } = io else { return Ok(()) };
    let Some(wbio) = wbio.as_deref() else { return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET))) };
    while conn.wants_write() {
        match conn.write_tls(&mut BioIo(wbio)) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Err(Stop::WantWrite),
            Err(e) => return Err(Stop::Syscall(e.raw_os_error().unwrap_or(0))),
        }
    }
    Ok(())
}

/// A STACK_OF(X509) whose element references belong to its owner.
pub struct X509Stack(Arc<crate::x509::stack_st>);

impl X509Stack {
    pub fn new(certs: Vec<Arc<crate::x509::x509_st>>) -> Self {
        let ptrs = certs.into_iter().map(|c| crate::ffi::into_raw(c) as *mut std::ffi::c_void).collect();
        Self(Arc::new(crate::x509::stack_st::new(ptrs)))
    }
}

impl Drop for X509Stack {
    fn drop(&mut self) {
        for p in self.0.to_vec() {
            crate::ffi::release(p as *const crate::x509::x509_st);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::offers_psk;

    /// A TLS 1.3 ClientHello record with the given extensions (type, body).
    fn client_hello(exts: &[(u16, &[u8])]) -> Vec<u8> {
        let mut ext = Vec::new();
        for (t, body) in exts {
            ext.extend_from_slice(&t.to_be_bytes());
            ext.extend_from_slice(&(body.len() as u16).to_be_bytes());
            ext.extend_from_slice(body);
        }
        let mut body = vec![3, 3];
        body.extend_from_slice(&[7; 32]); // random
        body.push(32);
        body.extend_from_slice(&[9; 32]); // legacy session id
        body.extend_from_slice(&[0, 2, 0x13, 0x01, 1, 0]); // one suite, null compression
        body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
        body.extend_from_slice(&ext);
        let mut hs = vec![1, 0, (body.len() >> 8) as u8, body.len() as u8];
        hs.extend_from_slice(&body);
        let mut rec = vec![22, 3, 1, (hs.len() >> 8) as u8, hs.len() as u8];
        rec.extend_from_slice(&hs);
        rec
    }

    #[test]
    fn finds_an_offered_pre_shared_key() {
        let sni: &[u8] = b"\x00\x0c\x00\x00\x09localhost";
        let full = client_hello(&[(0, sni), (43, b"\x02\x03\x04"), (45, b"\x01\x01")]);
        let resume = client_hello(&[(0, sni), (43, b"\x02\x03\x04"), (45, b"\x01\x01"), (41, &[0; 40])]);
        assert!(!offers_psk(&full));
        assert!(offers_psk(&resume));
        // the PSK extension's header cut off, garbage, HTTP, nothing: no resumption
        let cut = resume.len() - 42;
        assert!(!offers_psk(&resume[..cut]));
        assert!(!offers_psk(b"GET / HTTP/1.1\r\n\r\n"));
        assert!(!offers_psk(&[22, 3, 1, 0xff, 0xff, 1, 0xff, 0xff, 0xff]));
        assert!(!offers_psk(&[]));
    }
}
