//! SSL: one TLS connection — a rustls unbuffered connection (or, on a server before
//! the ClientHello, an `Acceptor`), its BIOs and buffers, and the OpenSSL state around it:
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

use crate::crypto::bio::{bio_st, BioIo};
use crate::crypto::err::{self, Error};
use crate::crypto::ex_data::ExData;
use crate::crypto::pkey::Identity;
use crate::ssl::ciphers::ssl_cipher_st;
use crate::ssl::context::{self, ssl_ctx_st, Overrides, SSL_verify_cb};
use crate::ssl::session::{ssl_session_st, SessionValue};
use crate::ssl::verify::{VerifyParams, X509_V_OK};
use parking_lot::Mutex;
use rustls::client::UnbufferedClientConnection;
use rustls::server::{Acceptor, ServerConfig, UnbufferedServerConnection};
use rustls::sign::CertifiedKey;
use rustls::unbuffered::{ConnectionState, EncodeError, EncryptError, UnbufferedStatus};
use rustls::{CommonState, HandshakeKind};
use rustls_pki_types::{CertificateDer, ServerName};
use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_long};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

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
    Conn(Box<Conn>),
}

/// rustls' unbuffered connection: ferrossl owns the buffers, so a record is read
/// straight into `Io::inbuf` (decrypted there by rustls) and encrypted straight into
/// `Io::out`, and an idle connection holds no buffer at all.
enum Conn {
    Client(UnbufferedClientConnection),
    Server(UnbufferedServerConnection),
}

impl Conn {
    fn common(&self) -> &CommonState {
        match self {
            Conn::Client(c) => c,
            Conn::Server(c) => c,
        }
    }
}

struct Io {
    tls: Tls,
    rbio: Option<Arc<bio_st>>,
    wbio: Option<Arc<bio_st>>,
    /// Bytes of the caller's current `SSL_write` buffer already taken.
    write_progress: usize,
    fatal: bool,
    /// The handshake is done (rustls offered to encrypt application data).
    established: bool,
    /// The peer's close_notify has been processed.
    peer_closed: bool,
    /// Received TLS bytes rustls has not consumed yet. On a server before the
    /// ClientHello is complete, also what the `Acceptor` was given (`hello_given`
    /// bytes of it): the connection then processes the same bytes again.
    inbuf: Buf,
    hello_given: usize,
    /// The record being read from a descriptor BIO (see `fill`).
    record: RecordProgress,
    /// TLS bytes not yet written to the write BIO.
    out: Buf,
    /// Decrypted bytes not yet read (`SSL_pending`).
    plain: Buf,
    /// The ServerHello's random (TLS 1.2's exporter needs it).
    server_random: Option<[u8; 32]>,
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
    pub peer_x509: Vec<Arc<crate::crypto::x509::x509_st>>,
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
    /// What `SSL_export_keying_material` derives from (see `exporter`).
    pub exporter: Option<Box<crate::ssl::exporter::Secret>>,
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
crate::handle!(Shared: ssl_st);
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
            io: Mutex::new(Io {
                tls: Tls::Idle,
                rbio: None,
                wbio: None,
                write_progress: 0,
                fatal: false,
                established: false,
                peer_closed: false,
                inbuf: Buf::default(),
                hello_given: 0,
                record: RecordProgress::default(),
                out: Buf::default(),
                plain: Buf::default(),
                server_random: None,
            }),
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
                exporter: None,
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
    pub fn peer_certs(&self) -> Vec<Arc<crate::crypto::x509::x509_st>> {
        let mut st = self.st.lock();
        if st.peer_x509.is_empty() && !st.peer_chain.is_empty() {
            let parsed = st
                .peer_chain
                .iter()
                .filter_map(|c| crate::crypto::x509::x509_st::from_der(c).ok())
                .collect();
            st.peer_x509 = parsed;
        }
        st.peer_x509.clone()
    }

    /// `SSL_get_peer_cert_chain`: the peer's chain as a stack owned by the
    /// `SSL` (as OpenSSL, a server's excludes the client's leaf).
    pub fn peer_chain_stack(&self) -> *mut crate::crypto::stack::stack_st {
        let certs = self.peer_certs();
        if certs.is_empty() {
            return std::ptr::null_mut();
        }
        let skip = usize::from(self.is_server());
        let mut st = self.st.lock();
        let stack = st
            .peer_stack
            .get_or_insert_with(|| X509Stack::new(certs.into_iter().skip(skip).collect()));
        Arc::as_ptr(&stack.0) as *mut crate::crypto::stack::stack_st
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

    pub fn set_bios(
        &self,
        rbio: Option<Arc<bio_st>>,
        wbio: Option<Arc<bio_st>>,
    ) -> Result<(), Error> {
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

    /// Ends a driving call: its outcome for `SSL_get_error`, and buffers that
    /// hold nothing go back to the thread's spares.
    fn finish(&self, op: &'static str, r: Result<usize, Stop>, io: &mut Io) -> c_int {
        io.tidy();
        match r {
            Ok(n) => {
                self.set_last(SSL_ERROR_NONE);
                n as c_int
            }
            Err(stop) => self.stop(op, stop, io),
        }
    }

    /// `SSL_do_handshake` / `SSL_connect` / `SSL_accept`.
    pub fn handshake(self: &Arc<Self>, op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            return self.fail(op, busy());
        };
        if !self.handshake_done() {
            // As OpenSSL's handshake state machine: stale entries from
            // unrelated calls must not decide this call's SSL_get_error.
            err::clear();
        }
        let r = self.drive_handshake(&mut io).map(|()| 1);
        self.finish(op, r, &mut io)
    }

    fn drive_handshake(self: &Arc<Self>, io: &mut Io) -> Result<(), Stop> {
        if io.fatal {
            return Err(Stop::Fatal(Error::ssl(err::SSL_R_PROTOCOL_IS_SHUTDOWN)));
        }
        if io.established {
            return Ok(());
        }
        if matches!(io.tls, Tls::Idle) {
            self.start(io)?;
        }
        loop {
            if let Tls::Accepting(_) = io.tls {
                self.accept_step(io)?;
                continue;
            }
            match self.round(io, &mut Want::default())? {
                Step::Idle => {
                    let Tls::Conn(conn) = &io.tls else {
                        unreachable!()
                    };
                    if conn.common().is_handshaking() {
                        self.need_input(io, true)?;
                        continue;
                    }
                    io.established = true;
                    self.snapshot(conn.common());
                    return flush(io);
                }
                Step::NeedInput => self.need_input(io, true)?,
                Step::PeerClosed | Step::Closed => {
                    return Err(Stop::Fatal(Error::ssl(
                        err::SSL_R_UNEXPECTED_EOF_WHILE_READING,
                    )))
                }
                Step::Again | Step::Sent(_) | Step::CloseQueued => {}
            }
        }
    }

    /// rustls needs more of the peer's bytes: send what waits for the peer (during a
    /// handshake not while the peer's flight is still arriving: the answer, TLS 1.3's
    /// CCS and Finished, then leaves in one write, not as small segments for Nagle's
    /// algorithm and the peer's delayed ACK to hold up), then read.
    fn need_input(&self, io: &mut Io, handshake: bool) -> Result<(), Stop> {
        if !(handshake && io.out.len() > 0 && input_waiting(io)) {
            flush(io)?;
        }
        match fill(io)? {
            0 if handshake => Err(Stop::Fatal(Error::ssl(
                err::SSL_R_UNEXPECTED_EOF_WHILE_READING,
            ))),
            _ => Ok(()),
        }
    }

    fn start(self: &Arc<Self>, io: &mut Io) -> Result<(), Stop> {
        if io.rbio.is_none() || io.wbio.is_none() {
            return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
        }
        let (server, sni, alpn, overrides) = {
            let st = self.st.lock();
            (
                st.server,
                st.sni.clone(),
                st.alpn.clone(),
                st.overrides.clone(),
            )
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
                let name = sni.and_then(|n| ServerName::try_from(n).ok()).unwrap_or(
                    ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()),
                );
                let conn = match alpn {
                    Some(alpn) => UnbufferedClientConnection::new_with_alpn(cfg, name, alpn),
                    None => UnbufferedClientConnection::new(cfg, name),
                }
                .map_err(|e| Stop::Fatal(Error::from_rustls(&e)))?;
                io.tls = Tls::Conn(Box::new(Conn::Client(conn)));
                Ok(())
            }
        }
    }

    /// A server before its ClientHello is complete: the `Acceptor` reads the bytes in
    /// `inbuf` (read from the BIO as needed); once it has the ClientHello, the callbacks
    /// pick the config and the connection starts on those same bytes.
    fn accept_step(self: &Arc<Self>, io: &mut Io) -> Result<(), Stop> {
        let Io {
            tls: Tls::Accepting(acc),
            inbuf,
            hello_given,
            wbio,
            ..
        } = io
        else {
            return Ok(());
        };
        let Some(wbio) = wbio.clone() else {
            return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
        };
        match acc.accept() {
            Ok(None) if *hello_given < inbuf.len() => {
                let n = acc
                    .read_tls(&mut &inbuf.data()[*hello_given..])
                    .map_err(|e| Stop::Fatal(Error::internal(&e.to_string())))?;
                *hello_given += n;
                Ok(())
            }
            Ok(None) => {
                if fill(io)? == 0 {
                    return Err(Stop::Fatal(Error::ssl(
                        err::SSL_R_UNEXPECTED_EOF_WHILE_READING,
                    )));
                }
                Ok(())
            }
            Ok(Some(accepted)) => {
                let resuming = offers_psk(inbuf.data());
                let (sni, offered) = {
                    let hello = accepted.client_hello();
                    (
                        hello.server_name().map(str::to_owned),
                        hello.alpn().map(|it| it.map(<[u8]>::to_vec).collect()),
                    )
                };
                drop(accepted);
                let cfg = self.on_client_hello(sni, offered, &wbio, resuming)?;
                let conn = UnbufferedServerConnection::new(cfg)
                    .map_err(|e| Stop::Fatal(Error::from_rustls(&e)))?;
                io.tls = Tls::Conn(Box::new(Conn::Server(conn)));
                io.hello_given = 0;
                Ok(())
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
                let http = [&b"GET "[..], b"POST", b"HEAD", b"PUT "]
                    .contains(&inbuf.data().get(..4).unwrap_or_default());
                if http {
                    return Err(Stop::Fatal(Error::ssl(SSL_R_HTTP_REQUEST)));
                }
                Err(Stop::Fatal(self.map_rustls(&e)))
            }
        }
    }

    /// The server has a ClientHello: run the servername and ALPN callbacks,
    /// then pick the config from the (possibly swapped) context.
    fn on_client_hello(
        self: &Arc<Self>,
        sni: Option<String>,
        offered: Option<Vec<Vec<u8>>>,
        wbio: &bio_st,
        resuming: bool,
    ) -> Result<Arc<ServerConfig>, Stop> {
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
            // SAFETY: a callback set on the SSL_CTX, called with this SSL (live for the call), out-pointers to locals and the argument registered with it.
            if crate::ffi::call_c(cb, (self.raw(), &mut al, arg.0)) == SSL_TLSEXT_ERR_ALERT_FATAL {
                return Err(fatal_alert(al, SSL_R_CALLBACK_FAILED));
            }
        }
        let ctx = self.ctx();
        let overrides = self.st.lock().overrides.clone();
        let mut cfg = ctx
            .server_config(&overrides, resuming)
            .map_err(Stop::Fatal)?;
        let select = ctx.settings().alpn_select;
        if let (Some(offered), (Some(cb), arg)) = (offered, select) {
            let wire = context::alpn_wire(&offered);
            let mut out: *const u8 = std::ptr::null();
            let mut outlen: u8 = 0;
            // SAFETY: a callback set on the SSL_CTX, called with this SSL (live for the call), out-pointers to locals and the argument registered with it.
            match crate::ffi::call_c(
                cb,
                (
                    self.raw(),
                    &mut out,
                    &mut outlen,
                    wire.as_ptr(),
                    wire.len() as std::ffi::c_uint,
                    arg.0,
                ),
            ) {
                SSL_TLSEXT_ERR_OK => {
                    let chosen = crate::ffi::slice_usize(out, outlen as usize)
                        .map_err(Stop::Fatal)?
                        .to_vec();
                    let mut c = (*cfg).clone();
                    c.alpn_protocols = vec![chosen];
                    cfg = Arc::new(c);
                }
                SSL_TLSEXT_ERR_ALERT_FATAL => {
                    return Err(fatal_alert(
                        SSL_AD_NO_APPLICATION_PROTOCOL,
                        err::SSL_R_NO_APPLICATION_PROTOCOL,
                    ))
                }
                _ => {}
            }
        }
        Ok(cfg)
    }

    /// One round of rustls processing over `inbuf`; on failure the alert rustls
    /// queued goes out.
    fn round(&self, io: &mut Io, want: &mut Want) -> Result<Step, Stop> {
        match process(io, want) {
            Ok(step) => {
                if let Step::PeerClosed | Step::Closed = step {
                    io.peer_closed = true;
                    self.st.lock().shutdown |= SSL_RECEIVED_SHUTDOWN;
                }
                Ok(step)
            }
            Err(e) => {
                send_alert(io);
                Err(Stop::Fatal(self.map_rustls(&e)))
            }
        }
    }

    fn map_rustls(&self, e: &rustls::Error) -> Error {
        let err = Error::from_rustls(e);
        if let rustls::Error::InvalidCertificate(_) = e {
            let r = self.st.lock().verify_result;
            if r != X509_V_OK {
                let text = crate::ssl::verify::verify_error_string(r);
                return Error::ssl(err::SSL_R_CERTIFICATE_VERIFY_FAILED)
                    .data(&format!("Verify error:{text}"));
            }
        }
        err
    }

    fn snapshot(&self, conn: &CommonState) {
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
            cipher: conn
                .negotiated_cipher_suite()
                .and_then(crate::ssl::ciphers::lookup),
            alpn: conn.alpn_protocol().map(<[u8]>::to_vec),
            group: conn
                .negotiated_key_exchange_group()
                .map(|g| u16::from(g.name())),
            resumed: conn.handshake_kind() == Some(HandshakeKind::Resumed),
        };
        if st.peer_chain.is_empty() {
            if let Some(certs) = conn.peer_certificates() {
                st.peer_chain = certs.iter().map(|c| c.clone().into_owned()).collect();
            }
        }
    }

    pub(crate) fn set_exporter(&self, secret: crate::ssl::exporter::Secret) {
        self.st.lock().exporter = Some(Box::new(secret));
    }

    /// `SSL_read` / `SSL_peek`.
    pub fn read(self: &Arc<Self>, buf: &mut [u8], peek: bool, op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            return self.fail(op, busy());
        };
        let r = self
            .drive_handshake(&mut io)
            .and_then(|()| self.read_inner(&mut io, buf, peek));
        self.finish(op, r, &mut io)
    }

    fn read_inner(&self, io: &mut Io, buf: &mut [u8], peek: bool) -> Result<usize, Stop> {
        let (auto_retry, ignore_eof) = {
            let st = self.st.lock();
            (
                st.mode & context::SSL_MODE_AUTO_RETRY != 0,
                st.options & context::SSL_OP_IGNORE_UNEXPECTED_EOF != 0,
            )
        };
        let mut processed = false;
        loop {
            let waiting = io.plain.data();
            if !waiting.is_empty() || buf.is_empty() {
                let n = waiting.len().min(buf.len());
                buf[..n].copy_from_slice(&waiting[..n]);
                if !peek {
                    io.plain.consume(n);
                }
                return Ok(n);
            }
            if io.peer_closed {
                // (`round` recorded SSL_RECEIVED_SHUTDOWN when the close_notify came)
                return Err(Stop::ZeroReturn);
            }
            let before = io.inbuf.len();
            let mut want = Want {
                recv: (!peek).then_some(&mut *buf),
                ..Want::default()
            };
            // Nothing received and nothing queued to send: rustls has nothing to say, so
            // read first (two fewer rounds per record when data arrives one record a time).
            let quiet = before == 0 && matches!(&io.tls, Tls::Conn(c) if !c.common().wants_write());
            let step = if quiet {
                Step::Idle
            } else {
                self.round(io, &mut want)?
            };
            if want.got > 0 {
                return Ok(want.got);
            }
            match step {
                Step::Again | Step::Sent(_) | Step::CloseQueued => {
                    processed |= io.inbuf.len() < before;
                }
                Step::PeerClosed | Step::Closed => {}
                Step::Idle | Step::NeedInput => {
                    processed |= io.inbuf.len() < before;
                    flush(io)?;
                    if processed && !auto_retry {
                        return Err(Stop::WantRead);
                    }
                    if fill(io)? == 0 {
                        if io.peer_closed {
                            continue;
                        }
                        if ignore_eof {
                            self.st.lock().shutdown |= SSL_RECEIVED_SHUTDOWN;
                            return Err(Stop::ZeroReturn);
                        }
                        return Err(Stop::FatalZero(Error::ssl(
                            err::SSL_R_UNEXPECTED_EOF_WHILE_READING,
                        )));
                    }
                }
            }
        }
    }

    /// `SSL_write`: all of `data` (or, with partial writes, some of it once
    /// it is on the wire). A blocked write keeps its progress: retry with
    /// the same data.
    pub fn write(self: &Arc<Self>, data: &[u8], op: &'static str) -> c_int {
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            return self.fail(op, busy());
        };
        let (sent_shutdown, partial) = {
            let st = self.st.lock();
            (
                st.shutdown & SSL_SENT_SHUTDOWN != 0,
                st.mode & context::SSL_MODE_ENABLE_PARTIAL_WRITE != 0,
            )
        };
        if sent_shutdown {
            return self.stop(
                op,
                Stop::Fatal(Error::ssl(err::SSL_R_PROTOCOL_IS_SHUTDOWN)),
                &mut io,
            );
        }
        let r = self.drive_handshake(&mut io).and_then(|()| loop {
            flush(&mut io)?;
            if io.write_progress >= data.len() || (partial && io.write_progress > 0) {
                return Ok(std::mem::take(&mut io.write_progress));
            }
            let progress = io.write_progress;
            let mut want = Want {
                send: Some(&data[progress..]),
                ..Want::default()
            };
            match self.round(&mut io, &mut want)? {
                Step::Sent(n) => io.write_progress += n,
                Step::NeedInput => self.need_input(&mut io, false)?,
                Step::Closed => {
                    return Err(Stop::Fatal(Error::ssl(err::SSL_R_PROTOCOL_IS_SHUTDOWN)))
                }
                Step::Again | Step::Idle | Step::CloseQueued | Step::PeerClosed => {}
            }
        });
        self.finish(op, r, &mut io)
    }

    /// `SSL_shutdown`: 0 once our close_notify is out and the peer's is not
    /// yet in, 1 when both are done, -1 on error or would-block.
    pub fn shutdown(self: &Arc<Self>) -> c_int {
        const OP: &str = "SSL_shutdown";
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            return self.fail(OP, busy());
        };
        let quiet = self.st.lock().quiet_shutdown;
        if matches!(io.tls, Tls::Idle) || quiet {
            self.st.lock().shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
            return 1;
        }
        if !io.established || io.fatal {
            return self.fail(OP, Error::ssl(SSL_R_SHUTDOWN_WHILE_IN_INIT));
        }
        let r = match self.shutdown_inner(&mut io) {
            // the peer's close_notify ending the second call's wait is success
            Err(Stop::ZeroReturn) => Ok(1),
            r => r,
        };
        match r {
            Ok(n) => {
                io.tidy();
                n as c_int
            }
            Err(stop) => self.finish(OP, Err(stop), &mut io),
        }
    }

    fn shutdown_inner(&self, io: &mut Io) -> Result<usize, Stop> {
        let first = self.st.lock().shutdown & SSL_SENT_SHUTDOWN == 0;
        if first {
            loop {
                let mut want = Want {
                    close: true,
                    ..Want::default()
                };
                match self.round(io, &mut want)? {
                    Step::CloseQueued | Step::Closed => break,
                    Step::NeedInput => self.need_input(io, false)?,
                    _ => {}
                }
            }
            self.st.lock().shutdown |= SSL_SENT_SHUTDOWN;
        }
        flush(io)?;
        if self.st.lock().shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return Ok(1);
        }
        if first {
            return Ok(0);
        }
        // Second call: wait for the peer's close_notify, discarding data.
        let mut sink = [0u8; 4096];
        loop {
            self.read_inner(io, &mut sink, false)?;
        }
    }

    /// `SSL_export_keying_material`: the RFC 5705 / RFC 8446 §7.5 exporter of
    /// the established connection, written into `out`.
    pub fn export_keying_material(
        &self,
        out: &mut [u8],
        label: &[u8],
        context: Option<&[u8]>,
    ) -> Result<(), Error> {
        let io = self.io.try_lock().ok_or_else(busy)?;
        let suite = match &io.tls {
            Tls::Conn(c) if io.established => c.common().negotiated_cipher_suite(),
            _ => None,
        };
        let st = self.st.lock();
        match (suite, &st.exporter) {
            (Some(suite), Some(secret)) => {
                secret.export(suite, io.server_random, out, label, context)
            }
            _ => Err(Error::ssl(err::SSL_R_UNINITIALIZED)),
        }
    }

    /// `SSL_pending`.
    pub fn pending(&self) -> usize {
        self.io.try_lock().map(|io| io.plain.len()).unwrap_or(0)
    }

    pub fn handshake_done(&self) -> bool {
        self.st.lock().negotiated.done
    }

    pub fn in_init(&self) -> bool {
        !self.handshake_done()
    }
}

fn busy() -> Error {
    Error::ssl(err::ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED)
        .data("SSL object is already in use by another call")
}

/// A BIO failure as a stop: retry flags decide WANT_READ/WANT_WRITE.
fn io_stop(e: &std::io::Error, bio: &bio_st) -> Stop {
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

/// Whether the ClientHello at the start of `stream` (one handshake record) offers a
/// pre_shared_key, i.e. asks to resume. OpenSSL sends one ticket after a resumption
/// instead of `num_tickets`; rustls fixes the count per config, so the server picks its
/// config by this before the handshake. A ClientHello split over records, or a ticket the
/// server then refuses, just gets the full-handshake count or one ticket respectively.
fn offers_psk(stream: &[u8]) -> bool {
    fn parse(b: &[u8]) -> Option<bool> {
        let skip = |b: &[u8], at: usize, len_bytes: usize| -> Option<usize> {
            let len = b
                .get(at..at + len_bytes)?
                .iter()
                .fold(0usize, |a, &x| a << 8 | x as usize);
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

/// What a driving call asks of one round of rustls processing.
#[derive(Default)]
struct Want<'a> {
    /// Application data to encrypt once the connection may send it.
    send: Option<&'a [u8]>,
    /// Queue our close_notify once the connection may send.
    close: bool,
    /// Where decrypted data goes first (`got` bytes of it filled); the rest waits in `plain`.
    recv: Option<&'a mut [u8]>,
    got: usize,
}

/// What one round came to.
enum Step {
    /// Records were processed or a message encoded: go round again.
    Again,
    /// rustls needs more of the peer's bytes to go on with the handshake.
    NeedInput,
    /// Established and nothing to do: needs input or data to send.
    Idle,
    /// This many bytes of `Want::send` are now records in `out`.
    Sent(usize),
    /// Our close_notify is in `out`.
    CloseQueued,
    /// The peer's close_notify arrived.
    PeerClosed,
    /// Both close_notify alerts are through: nothing more to send or receive.
    Closed,
}

/// Most application data one round encrypts (four full records).
const SEND_MAX: usize = 4 * MAX_PLAINTEXT;
/// Room a record may take beyond its plaintext (header, content type, tag, explicit nonce).
const RECORD_OVERHEAD: usize = 64;

/// Handles the state one `process_tls_records` call returned: decrypted data to
/// `want.recv`/`plain`, handshake messages and application records to `out`. Returns
/// how many bytes of the input rustls is done with.
fn step<D>(
    status: UnbufferedStatus<'_, '_, D>,
    out: &mut Buf,
    plain: &mut Buf,
    want: &mut Want,
    server_random: Option<&mut Option<[u8; 32]>>,
) -> (usize, Result<Step, rustls::Error>) {
    let mut discard = status.discard;
    let r = match status.state {
        Err(e) => Err(e),
        Ok(ConnectionState::ReadTraffic(mut r)) => loop {
            match r.next_record() {
                None => break Ok(Step::Again),
                Some(Err(e)) => break Err(e),
                Some(Ok(rec)) => {
                    discard += rec.discard;
                    let mut payload = rec.payload;
                    if let Some(dst) = want.recv.as_deref_mut() {
                        let n = payload.len().min(dst.len() - want.got);
                        dst[want.got..want.got + n].copy_from_slice(&payload[..n]);
                        want.got += n;
                        payload = &payload[n..];
                    }
                    plain.extend(payload);
                }
            }
        },
        Ok(ConnectionState::EncodeTlsData(mut e)) => {
            let mut need = 0;
            loop {
                let room = out.room(need);
                match e.encode(room) {
                    Ok(n) => {
                        if let Some(sr) = server_random {
                            if sr.is_none() {
                                *sr = server_hello_random(&room[..n]);
                            }
                        }
                        out.commit(n);
                        break Ok(Step::Again);
                    }
                    Err(EncodeError::InsufficientSize(s)) => need = s.required_size,
                    Err(EncodeError::AlreadyEncoded) => break Ok(Step::Again),
                }
            }
        }
        Ok(ConnectionState::TransmitTlsData(t)) => {
            // `out` goes to the BIO before the next read or the end of the call.
            t.done();
            Ok(Step::Again)
        }
        Ok(ConnectionState::BlockedHandshake) => Ok(Step::NeedInput),
        Ok(ConnectionState::WriteTraffic(mut w)) => {
            if want.close {
                let room = out.room(RECORD_OVERHEAD);
                match w.queue_close_notify(room) {
                    Ok(n) => {
                        out.commit(n);
                        Ok(Step::CloseQueued)
                    }
                    Err(_) => Err(rustls::Error::EncryptError),
                }
            } else if let Some(data) = want.send.filter(|d| !d.is_empty()) {
                let data = &data[..data.len().min(SEND_MAX)];
                let mut need = data.len() + RECORD_OVERHEAD * (data.len() / MAX_PLAINTEXT + 1);
                loop {
                    match w.encrypt(data, out.room(need)) {
                        Ok(n) => {
                            out.commit(n);
                            break Ok(Step::Sent(data.len()));
                        }
                        Err(EncryptError::InsufficientSize(s)) => need = s.required_size,
                        Err(_) => break Err(rustls::Error::EncryptError),
                    }
                }
            } else {
                Ok(Step::Idle)
            }
        }
        Ok(ConnectionState::PeerClosed) => Ok(Step::PeerClosed),
        Ok(ConnectionState::Closed) => Ok(Step::Closed),
        // Early data is never enabled (max_early_data_size stays 0).
        Ok(_) => Err(rustls::Error::General("unexpected connection state".into())),
    };
    (discard, r)
}

/// One `process_tls_records` call over `inbuf` and its outcome handled by `step`; the
/// input rustls is done with is consumed.
fn process(io: &mut Io, want: &mut Want) -> Result<Step, rustls::Error> {
    let Io {
        tls: Tls::Conn(conn),
        inbuf,
        out,
        plain,
        server_random,
        ..
    } = io
    else {
        return Err(rustls::Error::General("no connection".into()));
    };
    let (discard, r) = match &mut **conn {
        Conn::Client(c) => step(
            c.process_tls_records(inbuf.data_mut()),
            out,
            plain,
            want,
            None,
        ),
        Conn::Server(c) => step(
            c.process_tls_records(inbuf.data_mut()),
            out,
            plain,
            want,
            Some(server_random),
        ),
    };
    inbuf.consume(discard);
    r
}

/// After a failure: the alert rustls queued goes to the write BIO (best effort).
fn send_alert(io: &mut Io) {
    for _ in 0..4 {
        if process(io, &mut Want::default()).is_err() {
            break;
        }
    }
    let _ = flush(io);
}

/// The random of a ServerHello record at the start of `bytes`.
pub(crate) fn server_hello_random(bytes: &[u8]) -> Option<[u8; 32]> {
    // record header (type 22), handshake header (type 2), legacy_version, random
    if bytes.first() != Some(&22) || bytes.get(5) != Some(&2) {
        return None;
    }
    bytes.get(11..43)?.try_into().ok()
}

/// A byte buffer whose memory is zero-filled only when it grows: `buf[start..end]` holds
/// the data, `buf[end..]` is room. Empty buffers go back to the thread's spares
/// (`tidy`), so an idle connection holds none and a busy one reuses the same few.
#[derive(Default)]
struct Buf {
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Buf {
    fn len(&self) -> usize {
        self.end - self.start
    }

    fn data(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    fn data_mut(&mut self) -> &mut [u8] {
        &mut self.buf[self.start..self.end]
    }

    /// At least `min` bytes of room after the data (a spare's, or just what is
    /// needed: a descriptor BIO's 5-byte header read takes no 16 KiB buffer).
    fn room(&mut self, min: usize) -> &mut [u8] {
        if self.buf.len() - self.end < min {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            if self.buf.is_empty() {
                self.buf = spare_take();
            }
            if self.buf.len() < self.end + min {
                self.buf.resize((self.end + min).next_multiple_of(1024), 0);
            }
        }
        &mut self.buf[self.end..]
    }

    /// `n` bytes of the room are now data.
    fn commit(&mut self, n: usize) {
        self.end += n;
    }

    fn extend(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.room(bytes.len())[..bytes.len()].copy_from_slice(bytes);
            self.commit(bytes.len());
        }
    }

    /// Drops the first `n` bytes of the data.
    fn consume(&mut self, n: usize) {
        self.start += n.min(self.len());
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// `buf[start..]` becomes the data (a buffer taken over from a memory BIO).
    fn adopt(&mut self, buf: Vec<u8>, start: usize) {
        spare_give(std::mem::replace(&mut self.buf, buf));
        self.start = start;
        self.end = self.buf.len();
    }

    fn release(&mut self) {
        if self.end == 0 && !self.buf.is_empty() {
            spare_give(std::mem::take(&mut self.buf));
        }
    }
}

/// Room for one maximum record (RFC 8446 §5.2: 2^14 + 256 bytes of ciphertext) with
/// its header: what a memory BIO read asks for.
const SPARE_SIZE: usize = 5 + MAX_PLAINTEXT + 256;
const SPARES_MAX: usize = 4;

thread_local! {
    static SPARES: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

fn spare_take() -> Vec<u8> {
    SPARES
        .try_with(|s| s.borrow_mut().pop())
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn spare_give(buf: Vec<u8>) {
    if !buf.is_empty() && buf.len() <= SEND_MAX + 4 * RECORD_OVERHEAD {
        // (after the thread's locals are gone, as in an atexit handler: just freed)
        let _ = SPARES.try_with(|s| {
            let mut s = s.borrow_mut();
            if s.len() < SPARES_MAX {
                s.push(buf);
            }
        });
    }
}

impl Io {
    /// Buffers with nothing in them go back to the thread's spares.
    fn tidy(&mut self) {
        if !matches!(self.tls, Tls::Accepting(_)) {
            self.inbuf.release();
        }
        self.out.release();
        self.plain.release();
    }
}

/// Where a descriptor BIO's current record stands: OpenSSL without read-ahead reads
/// exactly the 5-byte header, then exactly the body. That keeps a 16 KiB record to two
/// reads of a socket, never takes bytes beyond the current record (a `select()` loop
/// never misses data hidden in a buffer, STARTTLS-style protocols find the plaintext
/// that follows in the socket), and never asks a user BIO for more than the record
/// holds (cl+ssl's Lisp-stream BIO blocks until it has all it was asked for).
#[derive(Default)]
struct RecordProgress {
    /// Bytes of the current record read so far (at the end of `inbuf`).
    have: usize,
    /// Its body length, once the header is in.
    body: Option<usize>,
}

/// RFC 8446 §5.1: a plaintext record longer than 2^14 bytes is a record_overflow.
const MAX_PLAINTEXT: usize = 16384;
const SSL_R_ENCRYPTED_LENGTH_TOO_LONG: c_int = 150;
const ALERT_RECORD_OVERFLOW: u8 = 22;

/// Reads more of the peer's bytes into `inbuf`: what a memory BIO holds (up to a
/// record's worth of room), else the rest of the current record's header or body.
/// 0 at EOF.
fn fill(io: &mut Io) -> Result<usize, Stop> {
    let client = matches!(&io.tls, Tls::Conn(c) if matches!(**c, Conn::Client(_)));
    let Io {
        rbio: Some(rbio),
        wbio,
        inbuf,
        record,
        server_random,
        ..
    } = io
    else {
        return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
    };
    let bio = &**rbio;
    let taken = if bio.is_mem() && inbuf.len() == 0 {
        bio.mem_take(SPARE_SIZE)
    } else {
        None
    };
    let n = if let Some((buf, start)) = taken {
        // The BIO's buffer becomes ours: no copy.
        inbuf.adopt(buf, start);
        inbuf.len()
    } else if bio.is_mem() {
        // Empty: the BIO's EOF-or-retry answer, without making room first.
        let want = bio.pending().min(SPARE_SIZE);
        let room = &mut inbuf.room(want)[..want];
        let n = BioIo(bio).read(room).map_err(|e| io_stop(&e, bio))?;
        inbuf.commit(n);
        n
    } else {
        let want = match record.body {
            None => 5 - record.have,
            Some(body) => 5 + body - record.have,
        };
        let room = &mut inbuf.room(want)[..want];
        let n = BioIo(bio).read(room).map_err(|e| io_stop(&e, bio))?;
        inbuf.commit(n);
        record.have += n;
        if record.body.is_none() && record.have == 5 {
            let h = &inbuf.data()[inbuf.len() - 5..];
            let body = usize::from(u16::from_be_bytes([h[3], h[4]]));
            // As OpenSSL: a bad type or version is "wrong version number"
            // (rustls reports it). Plaintext records (alert, handshake,
            // change_cipher_spec) may hold 2^14 bytes (RFC 8446 §5.1);
            // protected ones are left to rustls' record layer.
            let plaintext = (20..=22).contains(&h[0]) && h[1] == 3;
            if plaintext && body > MAX_PLAINTEXT {
                if let Some(wbio) = wbio.as_deref() {
                    let _ =
                        wbio.write(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, ALERT_RECORD_OVERFLOW]);
                }
                return Err(Stop::Fatal(Error::ssl(SSL_R_ENCRYPTED_LENGTH_TOO_LONG)));
            }
            record.body = Some(body);
        }
        if record.body.is_some_and(|body| record.have == 5 + body) {
            *record = RecordProgress::default();
        }
        n
    };
    if client && server_random.is_none() {
        *server_random = server_hello_random(inbuf.data());
    }
    Ok(n)
}

/// Whether the peer's bytes are waiting on the descriptor right now.
fn input_waiting(io: &Io) -> bool {
    io.rbio
        .as_deref()
        .and_then(bio_st::fd)
        .is_some_and(crate::ffi::fd_readable_now)
}

/// Writes `out` to the write BIO.
fn flush(io: &mut Io) -> Result<(), Stop> {
    if io.out.len() == 0 {
        return Ok(());
    }
    let Some(wbio) = io.wbio.as_deref() else {
        return Err(Stop::Fatal(Error::ssl(SSL_R_BIO_NOT_SET)));
    };
    if io.out.start == 0 && wbio.is_mem() {
        // An empty memory BIO takes the buffer itself: no copy.
        let mut buf = std::mem::take(&mut io.out.buf);
        buf.truncate(io.out.end);
        match wbio.mem_adopt(buf) {
            Ok(()) => {
                io.out.consume(io.out.len());
                return Ok(());
            }
            Err(buf) => io.out.buf = buf,
        }
    }
    while io.out.len() > 0 {
        match BioIo(wbio).write(io.out.data()) {
            Ok(n) => io.out.consume(n),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Err(Stop::WantWrite),
            Err(e) => return Err(Stop::Syscall(e.raw_os_error().unwrap_or(0))),
        }
    }
    Ok(())
}

/// A STACK_OF(X509) whose element references belong to its owner.
pub struct X509Stack(Arc<crate::crypto::stack::stack_st>);

impl X509Stack {
    pub fn new(certs: Vec<Arc<crate::crypto::x509::x509_st>>) -> Self {
        let ptrs = certs
            .into_iter()
            .map(|c| crate::ffi::into_raw(c) as *mut std::ffi::c_void)
            .collect();
        Self(Arc::new(crate::crypto::stack::stack_st::new(ptrs)))
    }
}

impl Drop for X509Stack {
    fn drop(&mut self) {
        for p in self.0.to_vec() {
            crate::ffi::release(p as *const crate::crypto::x509::x509_st);
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
        let resume = client_hello(&[
            (0, sni),
            (43, b"\x02\x03\x04"),
            (45, b"\x01\x01"),
            (41, &[0; 40]),
        ]);
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

#[cfg(test)]
mod record_tests {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;

    use super::{fill, flush, Buf, Io, RecordProgress, Stop, Tls};
    use crate::crypto::bio::bio_st;

    fn io(rbio: Option<Arc<bio_st>>, wbio: Option<Arc<bio_st>>) -> Io {
        Io {
            tls: Tls::Idle,
            rbio,
            wbio,
            write_progress: 0,
            fatal: false,
            established: false,
            peer_closed: false,
            inbuf: Buf::default(),
            hello_given: 0,
            record: RecordProgress::default(),
            out: Buf::default(),
            plain: Buf::default(),
            server_random: None,
        }
    }

    /// Everything a memory BIO holds.
    fn drain(bio: &bio_st) -> Vec<u8> {
        let mut v = vec![0; bio.pending()];
        let n = bio.read(&mut v);
        v.truncate(n.max(0) as usize);
        v
    }

    fn buf(size: usize, data: &[u8]) -> Buf {
        let mut b = Buf {
            buf: vec![0; size],
            start: 0,
            end: 0,
        };
        b.extend(data);
        b
    }

    #[test]
    fn buf_consumes_by_offset_and_compacts_only_for_room() {
        let mut b = buf(16, b"0123456789abcdef");
        b.consume(10);
        // consumed bytes are skipped, not moved
        assert_eq!((b.start, b.end, b.data()), (10, 16, &b"abcdef"[..]));
        assert_eq!(&b.buf[..10], b"0123456789");
        // room that fits after the data: still no move
        let mut b2 = buf(32, b"01234567");
        b2.consume(4);
        assert_eq!(b2.room(8).len(), 24);
        assert_eq!((b2.start, b2.data()), (4, &b"4567"[..]));
        // room that does not: the data moves to the front, the buffer does not grow
        assert_eq!(b.room(4).len(), 10);
        assert_eq!((b.start, b.end, b.buf.len()), (0, 6, 16));
        assert_eq!(b.data(), b"abcdef");
        b.extend(b"ghij");
        assert_eq!(b.data(), b"abcdefghij");
        // more than compaction frees: grows, keeping the data
        b.consume(2);
        b.room(100);
        assert_eq!((b.start, b.data()), (0, &b"cdefghij"[..]));
        assert!(b.buf.len() >= 108 && b.buf.len().is_multiple_of(1024));
        // consuming everything (or more) starts over at offset 0
        b.consume(usize::MAX);
        assert_eq!((b.start, b.end, b.len()), (0, 0, 0));
    }

    #[test]
    fn fill_reads_a_descriptor_one_record_at_a_time() {
        let (mut peer, ours) = UnixStream::pair().unwrap();
        ours.set_nonblocking(true).unwrap();
        let rbio = bio_st::new_fd(ours.as_raw_fd(), 0, true);
        let mut io = io(Some(rbio), None);
        let rec1 = [23, 3, 3, 0, 3, b'a', b'b', b'c'];
        let rec2 = [23, 3, 3, 0, 2, b'd', b'e'];
        let rec3 = [23, 3, 3, 0, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        peer.write_all(&rec1).unwrap();
        peer.write_all(&rec2).unwrap();
        peer.write_all(&rec3[..8]).unwrap(); // header and 3 of 10 body bytes
        let mut reads = Vec::new();
        loop {
            match fill(&mut io) {
                Ok(n) => reads.push(n),
                Err(Stop::WantRead) => break,
                Err(_) => panic!("fill failed"),
            }
            assert!(reads.len() < 10);
        }
        // header, body, header, body, header, what there is of the body
        assert_eq!(reads, [5, 3, 5, 2, 5, 3]);
        assert_eq!((io.record.have, io.record.body), (8, Some(10)));
        // the rest of the record comes in; what follows it stays in the socket
        peer.write_all(&rec3[8..]).unwrap();
        peer.write_all(b"after").unwrap();
        assert!(matches!(fill(&mut io), Ok(7)));
        assert_eq!((io.record.have, io.record.body), (0, None));
        let all: Vec<u8> = [&rec1[..], &rec2, &rec3].concat();
        assert_eq!(io.inbuf.data(), all);
        let mut rest = [0; 5];
        (&ours).read_exact(&mut rest).unwrap();
        assert_eq!(&rest, b"after");
        // EOF reads 0
        drop(peer);
        assert!(matches!(fill(&mut io), Ok(0)));
    }

    #[test]
    fn fill_refuses_an_overlong_plaintext_record() {
        let (mut peer, ours) = UnixStream::pair().unwrap();
        let wbio = bio_st::new_mem();
        let mut io = io(
            Some(bio_st::new_fd(ours.as_raw_fd(), 0, true)),
            Some(wbio.clone()),
        );
        peer.write_all(&[22, 3, 3, 0x40, 0x01]).unwrap(); // 2^14 + 1 bytes
        assert!(matches!(fill(&mut io), Err(Stop::Fatal(_))));
        // a record_overflow alert for the peer
        assert_eq!(drain(&wbio), [0x15, 3, 3, 0, 2, 2, 22]);
    }

    #[test]
    fn flush_hands_the_buffer_to_an_empty_memory_bio() {
        let wbio = bio_st::new_mem();
        let mut io = io(None, Some(wbio.clone()));
        io.out = buf(64, b"records");
        let ptr = io.out.buf.as_ptr();
        assert!(flush(&mut io).is_ok());
        assert_eq!((io.out.len(), io.out.buf.len()), (0, 0));
        // the BIO now holds our buffer itself (same memory, truncated to the data)
        let (taken, start) = wbio.mem_take(1 << 20).unwrap();
        assert_eq!(
            (taken.as_ptr(), start, &taken[..]),
            (ptr, 0, &b"records"[..])
        );
    }

    #[test]
    fn flush_copies_when_the_memory_bio_is_not_empty() {
        let wbio = bio_st::new_mem();
        assert_eq!(wbio.write(b"old "), 4);
        let mut io = io(None, Some(wbio.clone()));
        io.out = buf(64, b"records");
        let ptr = io.out.buf.as_ptr();
        assert!(flush(&mut io).is_ok());
        assert_eq!(io.out.len(), 0);
        assert_eq!(io.out.buf.as_ptr(), ptr); // kept: it was copied from
        assert_eq!(drain(&wbio), b"old records");
        // consumed bytes in front of the data are not handed over either
        io.out.extend(b"xxnew");
        io.out.consume(2);
        assert!(flush(&mut io).is_ok());
        assert_eq!(drain(&wbio), b"new");
    }
}
