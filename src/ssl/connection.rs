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

use crate::abi::consts::{
    TLSEXT_STATUSTYPE_ocsp, SSL_AD_NO_APPLICATION_PROTOCOL, SSL_AD_UNRECOGNIZED_NAME,
    SSL_EARLY_DATA_NOT_SENT, SSL_ERROR_NONE, SSL_ERROR_SSL, SSL_ERROR_SYSCALL, SSL_ERROR_WANT_READ,
    SSL_ERROR_WANT_WRITE, SSL_ERROR_ZERO_RETURN, SSL_KEY_UPDATE_NONE, SSL_KEY_UPDATE_NOT_REQUESTED,
    SSL_KEY_UPDATE_REQUESTED, SSL_READ_EARLY_DATA_ERROR, SSL_READ_EARLY_DATA_FINISH,
    SSL_READ_EARLY_DATA_SUCCESS, SSL_RECEIVED_SHUTDOWN, SSL_SENT_SHUTDOWN,
    SSL_TLSEXT_ERR_ALERT_FATAL, SSL_TLSEXT_ERR_NOACK, SSL_TLSEXT_ERR_OK, X509_V_OK,
};
use crate::abi::reasons::{
    ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED, SSL_R_BIO_NOT_SET, SSL_R_CALLBACK_FAILED,
    SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_R_CLIENTHELLO_TLSEXT, SSL_R_CONNECTION_TYPE_NOT_SET,
    SSL_R_HTTP_REQUEST, SSL_R_INVALID_KEY_UPDATE_TYPE, SSL_R_INVALID_STATUS_RESPONSE,
    SSL_R_NO_APPLICATION_PROTOCOL, SSL_R_OCSP_CALLBACK_FAILURE, SSL_R_PROTOCOL_IS_SHUTDOWN,
    SSL_R_SHUTDOWN_WHILE_IN_INIT, SSL_R_STILL_IN_INIT, SSL_R_TOO_MUCH_EARLY_DATA,
    SSL_R_UNEXPECTED_EOF_WHILE_READING, SSL_R_UNINITIALIZED, SSL_R_WRONG_SSL_VERSION,
};
use crate::crypto::bio::bio_st;
use crate::crypto::err::{self, Error};
use crate::crypto::ex_data::ExData;
use crate::crypto::pkey::Identity;
use crate::crypto::stack::X509Stack;
use crate::ssl::ciphers::ssl_cipher_st;
use crate::ssl::context::{self, ssl_ctx_st, Overrides, SSL_verify_cb};
use crate::ssl::record::{
    fill, flush, hello_random, input_waiting, offers_psk, plain_alert, requests_status, screen,
    sealed_alert, server_hello_random, Buf, Phase, RecordProgress, MAX_PLAINTEXT,
};
use crate::ssl::session::{ssl_session_st, SessionValue};
use crate::ssl::verify::VerifyParams;
use parking_lot::Mutex;
use rustls::client::UnbufferedClientConnection;
use rustls::server::{Acceptor, ServerConfig, UnbufferedServerConnection};
use rustls::sign::CertifiedKey;
use rustls::unbuffered::{ConnectionState, EncodeError, EncryptError, UnbufferedStatus};
use rustls::{CommonState, HandshakeKind};
use rustls_pki_types::{CertificateDer, ServerName};
use std::cell::Cell;
use std::ffi::{c_int, c_long};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

/// Why a driving call stopped without finishing.
pub(crate) enum Stop {
    WantRead,
    WantWrite,
    Syscall(c_int),
    Fatal(Error),
    /// A fatal error that OpenSSL reports with a 0 return (EOF after the handshake).
    FatalZero(Error),
    ZeroReturn,
}

pub(crate) enum Tls {
    Idle,
    Accepting(Box<Acceptor>),
    Conn(Box<Conn>),
    /// Ended by a fatal alert ferrossl sealed with the connection's keys.
    Ended,
}

/// rustls' unbuffered connection: ferrossl owns the buffers, so a record is read
/// straight into `Io::inbuf` (decrypted there by rustls) and encrypted straight into
/// `Io::out`, and an idle connection holds no buffer at all.
pub(crate) enum Conn {
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

pub(crate) struct Io {
    pub(crate) tls: Tls,
    pub(crate) rbio: Option<Arc<bio_st>>,
    pub(crate) wbio: Option<Arc<bio_st>>,
    /// Bytes of the caller's current `SSL_write` buffer already taken.
    pub(crate) write_progress: usize,
    pub(crate) fatal: bool,
    /// The handshake is done (rustls offered to encrypt application data).
    pub(crate) established: bool,
    /// The peer's close_notify has been processed.
    pub(crate) peer_closed: bool,
    /// Received TLS bytes rustls has not consumed yet. On a server before the
    /// ClientHello is complete, also what the `Acceptor` was given (`hello_given`
    /// bytes of it): the connection then processes the same bytes again.
    pub(crate) inbuf: Buf,
    pub(crate) hello_given: usize,
    /// The record being read from a descriptor BIO (see `fill`).
    pub(crate) record: RecordProgress,
    /// TLS bytes not yet written to the write BIO.
    pub(crate) out: Buf,
    /// Decrypted bytes not yet read (`SSL_pending`).
    pub(crate) plain: Buf,
    /// The ServerHello's random (TLS 1.2's exporter needs it).
    pub(crate) server_random: Option<[u8; 32]>,
    /// TLS 1.3 early data (see `early`).
    pub(crate) early: crate::ssl::early::Early,
}

impl Io {
    /// An idle connection's I/O state with these BIOs and empty buffers.
    pub(crate) fn new(rbio: Option<Arc<bio_st>>, wbio: Option<Arc<bio_st>>) -> Self {
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
            early: Default::default(),
        }
    }
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
    /// The chain verification built (leaf first, trust anchor last).
    pub verified_chain: Vec<CertificateDer<'static>>,
    /// The STACK_OF(X509) `SSL_get0_verified_chain` hands out (owned here).
    pub verified_stack: Option<X509Stack>,
    pub alpn: Option<Vec<Vec<u8>>>,
    pub identity: Option<Identity>,
    pub overrides: Overrides,
    pub session_set: Option<Arc<ssl_session_st>>,
    pub session_latest: Option<Arc<ssl_session_st>>,
    /// A TLS 1.2 client session arrived during the handshake: the
    /// new-session callback hears of it when the handshake ends, unless it
    /// was a resumption (as OpenSSL).
    pub session_pending: bool,
    pub mode: c_long,
    pub options: u64,
    pub negotiated: Negotiated,
    pub shutdown: c_int,
    pub quiet_shutdown: bool,
    /// What `SSL_export_keying_material` derives from (see `exporter`).
    pub exporter: Option<Box<crate::ssl::exporter::Secret>>,
    /// The hellos' randoms, once seen (`SSL_get_client_random` /
    /// `SSL_get_server_random`): kept here, not in `Io`, so callbacks that run
    /// while a driving call holds `Io` can read them.
    pub client_random: Option<[u8; 32]>,
    pub server_random: Option<[u8; 32]>,
    /// `SSL_key_update`'s pending update (SSL_KEY_UPDATE_NONE when none):
    /// sent by the next driving call, as OpenSSL's state machine does.
    pub key_update: c_int,
    /// `SSL_set_tlsext_status_type` (from the context at `SSL_new`, as OpenSSL).
    pub status_type: c_int,
    /// The OCSP response: on a server the one `SSL_set_tlsext_status_ocsp_resp`
    /// gave (stapled when the status callback said SSL_TLSEXT_ERR_OK), on a
    /// client the one the server stapled.
    pub ocsp_resp: Option<Vec<u8>>,
    pub ocsp_staple: bool,
    /// Why the client's status callback refused (the reason for the ERR entry).
    pub ocsp_failure: Option<c_int>,
    /// What the ECH offer came to (`ech.rs`).
    pub ech: crate::ssl::ech::Outcome,
    /// A server: the groups the ClientHello's supported_groups named.
    pub peer_groups: Vec<u16>,
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
        let (mode, options, status_type, ech) = {
            let s = ctx.settings();
            (s.mode, s.options, s.status_type, s.ech.clone())
        };
        let server = match (ctx.method.client, ctx.method.server) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        };
        Arc::new(Self {
            ctx: Mutex::new(ctx),
            io: Mutex::new(Io::new(None, None)),
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
                verified_chain: Vec::new(),
                verified_stack: None,
                alpn: None,
                identity: None,
                overrides: Overrides {
                    ech,
                    ..Overrides::default()
                },
                session_set: None,
                session_latest: None,
                session_pending: false,
                mode,
                options,
                negotiated: Negotiated::default(),
                shutdown: 0,
                quiet_shutdown: false,
                exporter: None,
                client_random: None,
                server_random: None,
                key_update: SSL_KEY_UPDATE_NONE,
                status_type,
                ocsp_resp: None,
                ocsp_staple: false,
                ocsp_failure: None,
                ech: Default::default(),
                peer_groups: Vec::new(),
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
        let flags = crate::ssl::params::verify_flags(self);
        let store_cb = crate::ssl::params::store_verify_cb(self);
        let st = self.st.lock();
        let ctx = self.ctx();
        let s = ctx.settings();
        VerifyParams {
            mode: st.verify_mode.unwrap_or(s.verify_mode),
            callback: st.verify_cb.unwrap_or(s.verify_cb).or(store_cb),
            depth: st.verify_depth.unwrap_or(s.verify_depth),
            // After an ECH rejection the certificate answers for the public name.
            host: st
                .ech
                .name_override
                .clone()
                .or_else(|| st.host.clone())
                .or_else(|| s.verify_host.clone()),
            flags,
        }
    }

    pub fn record_verification(
        &self,
        result: c_long,
        chain: Vec<CertificateDer<'static>>,
        verified: Vec<CertificateDer<'static>>,
    ) {
        let mut st = self.st.lock();
        st.verify_result = result;
        st.peer_chain = chain;
        st.verified_chain = verified;
        st.verified_stack = None;
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

    /// `SSL_get0_verified_chain`: the chain verification built, leaf
    /// first, as a stack owned by the `SSL`; NULL before verification.
    pub fn verified_chain_stack(&self) -> *mut crate::crypto::stack::stack_st {
        let mut st = self.st.lock();
        if st.verified_chain.is_empty() {
            return std::ptr::null_mut();
        }
        if st.verified_stack.is_none() {
            let certs = st
                .verified_chain
                .iter()
                .filter_map(|c| crate::crypto::x509::x509_st::from_der(c).ok())
                .collect();
            st.verified_stack = Some(X509Stack::new(certs));
        }
        st.verified_stack
            .as_ref()
            .map_or(std::ptr::null_mut(), |s| Arc::as_ptr(&s.0) as *mut _)
    }

    pub fn certified_key(&self) -> Option<Arc<CertifiedKey>> {
        if let Some(id) = &self.st.lock().identity {
            if id.certified.is_some() {
                return id.certified.clone();
            }
        }
        self.ctx().settings().identity.certified.clone()
    }

    /// Every certificate-and-key the server may present (see
    /// `Identity::others`), the current one first.
    pub fn certified_keys(&self) -> Vec<Arc<CertifiedKey>> {
        if let Some(id) = &self.st.lock().identity {
            if id.certified.is_some() {
                return id.all_certified();
            }
        }
        self.ctx().settings().identity.all_certified()
    }

    /// A client received a session: it becomes `SSL_get1_session`'s.
    pub fn store_session(&self, v: SessionValue, timeout: i64) -> Arc<ssl_session_st> {
        let s = Arc::new(ssl_session_st::new(v, timeout));
        self.st.lock().session_latest = Some(s.clone());
        s
    }

    /// The handshake ended: a TLS 1.2 client session it brought, if new,
    /// goes to the new-session callback.
    fn announce_session(self: &Arc<Self>) {
        let s = {
            let mut st = self.st.lock();
            let pending = std::mem::take(&mut st.session_pending);
            match &st.session_latest {
                Some(s) if pending && !st.negotiated.resumed => s.clone(),
                _ => return,
            }
        };
        self.ctx().sessions.client_new(self, &s);
    }

    /// A TLS 1.2 client session arrived (see `session_pending`).
    pub fn defer_session_announcement(&self) {
        self.st.lock().session_pending = true;
    }

    /// A server stored or resumed `s`: it becomes `SSL_get_session`'s.
    pub fn set_server_session(&self, s: Arc<ssl_session_st>) {
        self.st.lock().session_latest = Some(s);
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
            return Err(Stop::Fatal(Error::ssl(SSL_R_PROTOCOL_IS_SHUTDOWN)));
        }
        if io.established {
            if self.st.lock().key_update != SSL_KEY_UPDATE_NONE {
                self.send_key_update(io)?;
            }
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
            let step = self.round(io, &mut Want::default())?;
            if io.early.stop_for_data && io.early.pending > 0 {
                return flush(io);
            }
            match step {
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
                    let c = &self.ctx().sessions.counters;
                    let good = match conn.as_ref() {
                        Conn::Server(_) => &c.accept_good,
                        Conn::Client(_) => &c.connect_good,
                    };
                    good.fetch_add(1, Ordering::Relaxed);
                    self.announce_session();
                    return flush(io);
                }
                Step::NeedInput => self.need_input(io, true)?,
                Step::PeerClosed | Step::Closed => {
                    return Err(Stop::Fatal(Error::ssl(SSL_R_UNEXPECTED_EOF_WHILE_READING)))
                }
                Step::Again | Step::Sent(_) | Step::CloseQueued => {}
            }
        }
    }

    // ---- early data (TLS 1.3 0-RTT, see `early`) ----

    /// `SSL_read_early_data` (server): SSL_READ_EARLY_DATA_SUCCESS with `*readbytes`
    /// early bytes, SSL_READ_EARLY_DATA_FINISH once the handshake is complete and no
    /// early data is left, SSL_READ_EARLY_DATA_ERROR otherwise (`SSL_get_error` says why).
    /// As OpenSSL's, a server accepts early data only on a connection that calls this
    /// before its handshake.
    pub fn read_early_data(self: &Arc<Self>, buf: &mut [u8], readbytes: &mut usize) -> c_int {
        const OP: &str = "SSL_read_early_data";
        *readbytes = 0;
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            self.fail(OP, busy());
            return SSL_READ_EARLY_DATA_ERROR;
        };
        let started = !matches!(io.tls, Tls::Idle);
        if !self.is_server() || io.early.finished || (started && !self.st.lock().overrides.early) {
            self.fail(OP, Error::ssl(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED));
            return SSL_READ_EARLY_DATA_ERROR;
        }
        self.st.lock().overrides.early = true;
        io.early.stop_for_data = true;
        let r = self.drive_handshake(&mut io);
        io.early.stop_for_data = false;
        let r = r.map(|()| {
            let n = io.early.pending.min(buf.len());
            buf[..n].copy_from_slice(&io.plain.data()[..n]);
            io.plain.consume(n);
            io.early.pending -= n;
            n
        });
        let finished = matches!(r, Ok(0)) && io.early.pending == 0;
        match r {
            Ok(n) => {
                *readbytes = n;
                io.early.finished = finished;
                self.finish(OP, Ok(n), &mut io);
                if finished {
                    SSL_READ_EARLY_DATA_FINISH
                } else {
                    SSL_READ_EARLY_DATA_SUCCESS
                }
            }
            Err(stop) => {
                self.finish(OP, Err(stop), &mut io);
                SSL_READ_EARLY_DATA_ERROR
            }
        }
    }

    /// `SSL_write_early_data`. A client (before its handshake, with a TLS 1.3 session
    /// whose ticket allows early data) sends its ClientHello and `data` as early data,
    /// up to the ticket's limit in all; the handshake then goes on in the next driving
    /// call. A server that read early data writes `data` once the handshake is done
    /// (ferrossl sends no 0.5-RTT data). 1 on success, 0 on failure.
    pub fn write_early_data(self: &Arc<Self>, data: &[u8], written: &mut usize) -> c_int {
        const OP: &str = "SSL_write_early_data";
        *written = 0;
        if self.is_server() {
            if !self.st.lock().overrides.early {
                self.fail(OP, Error::ssl(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED));
                return 0;
            }
            let n = self.write(data, OP);
            *written = n.max(0) as usize;
            return c_int::from(n > 0 || data.is_empty() && n == 0);
        }
        let _cur = enter(self);
        let Some(mut io) = self.io.try_lock() else {
            self.fail(OP, busy());
            return 0;
        };
        if io.early.limit == 0 {
            let limit = match io.tls {
                Tls::Idle => self
                    .st
                    .lock()
                    .session_set
                    .as_ref()
                    .map_or(0, |s| s.max_early_data()),
                _ => 0,
            };
            if limit == 0 {
                self.fail(OP, Error::ssl(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED));
                return 0;
            }
            io.early.limit = limit;
            self.st.lock().overrides.early = true;
        }
        if io.early.unflushed.is_none() && io.early.written + data.len() > io.early.limit as usize {
            self.fail(OP, Error::ssl(SSL_R_TOO_MUCH_EARLY_DATA));
            return 0;
        }
        let r = self.write_early_inner(&mut io, data);
        match self.finish(OP, r, &mut io) {
            n if n >= 0 => {
                *written = n as usize;
                1
            }
            _ => 0,
        }
    }

    fn write_early_inner(self: &Arc<Self>, io: &mut Io, data: &[u8]) -> Result<usize, Stop> {
        // A retry after WANT_WRITE: the data is encrypted already, only its flush is left
        // (as OpenSSL's SSL_EARLY_DATA_WRITE_FLUSH state).
        if let Some(n) = io.early.unflushed {
            flush(io)?;
            io.early.unflushed = None;
            return Ok(n);
        }
        if matches!(io.tls, Tls::Idle) {
            self.start(io)?;
        }
        loop {
            let mut want = Want {
                early_send: Some(data),
                ..Want::default()
            };
            match self.round(io, &mut want)? {
                Step::Sent(n) => {
                    io.early.written += n;
                    io.early.unflushed = Some(n);
                    break;
                }
                Step::Again => {}
                _ => {
                    return Err(Stop::Fatal(
                        Error::ssl(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED)
                            .data("this handshake sends no early data"),
                    ))
                }
            }
        }
        flush(io)?;
        io.early.unflushed = None;
        Ok(data.len())
    }

    /// `SSL_get_early_data_status`.
    pub fn early_data_status(&self) -> c_int {
        let (server, done) = (self.is_server(), self.handshake_done());
        self.io
            .try_lock()
            .map_or(SSL_EARLY_DATA_NOT_SENT, |io| io.early.status(server, done))
    }

    /// `SSL_key_update`: checked as OpenSSL does (TLS 1.3 first, then the
    /// type, then a finished handshake); the update goes out with the next
    /// driving call (`SSL_do_handshake`, `SSL_write`, `SSL_read`).
    pub fn key_update(&self, kind: c_int) -> Result<(), Error> {
        let done = self.handshake_done();
        let tls13 = if done {
            self.negotiated().version == crate::abi::consts::TLS1_3_VERSION
        } else {
            // Mid-handshake (a callback, or a non-blocking handshake) once
            // TLS 1.3 is chosen: OpenSSL says STILL_IN_INIT; before: WRONG_SSL_VERSION.
            match self.io.try_lock() {
                None => true,
                Some(io) => matches!(&io.tls, Tls::Conn(c)
                    if c.common().protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3)),
            }
        };
        if !tls13 {
            return Err(Error::ssl(SSL_R_WRONG_SSL_VERSION));
        }
        if kind != SSL_KEY_UPDATE_NOT_REQUESTED && kind != SSL_KEY_UPDATE_REQUESTED {
            return Err(Error::ssl(SSL_R_INVALID_KEY_UPDATE_TYPE));
        }
        if !done {
            return Err(Error::ssl(SSL_R_STILL_IN_INIT));
        }
        let mut st = self.st.lock();
        // As OpenSSL: a scheduled update keeps the connection "in init" until it is
        // sent, so a second SSL_key_update before that is refused.
        if st.key_update != SSL_KEY_UPDATE_NONE {
            return Err(Error::ssl(SSL_R_STILL_IN_INIT));
        }
        st.key_update = kind;
        Ok(())
    }

    /// `SSL_get_key_update_type`: the update still waiting to go out.
    pub fn key_update_type(&self) -> c_int {
        self.st.lock().key_update
    }

    /// Sends the pending key update. rustls 0.23 sends only
    /// `update_requested` KeyUpdates of its own (`refresh_traffic_keys`), so
    /// both types ask the peer to update too (see docs/compat.md).
    fn send_key_update(&self, io: &mut Io) -> Result<(), Stop> {
        let mut want = Want {
            key_update: true,
            ..Want::default()
        };
        loop {
            match self.round(io, &mut want)? {
                Step::Idle if !want.key_update => break,
                Step::Idle | Step::NeedInput => self.need_input(io, false)?,
                Step::PeerClosed | Step::Closed => {
                    return Err(Stop::Fatal(Error::ssl(SSL_R_PROTOCOL_IS_SHUTDOWN)))
                }
                Step::Again | Step::Sent(_) | Step::CloseQueued => {}
            }
        }
        self.st.lock().key_update = SSL_KEY_UPDATE_NONE;
        flush(io)
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
            0 if handshake => Err(Stop::Fatal(Error::ssl(SSL_R_UNEXPECTED_EOF_WHILE_READING))),
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
        if let Some(server) = server {
            let c = &self.ctx().sessions.counters;
            let n = if server { &c.accept } else { &c.connect };
            n.fetch_add(1, Ordering::Relaxed);
        }
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
        if let Some((_, alert, reason)) = screen(io.inbuf.data(), Phase::Plain) {
            return Err(Stop::Fatal(own_alert(io, Phase::Plain, alert, reason)));
        }
        let Io {
            tls: Tls::Accepting(acc),
            inbuf,
            hello_given,
            wbio,
            early,
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
                    return Err(Stop::Fatal(Error::ssl(SSL_R_UNEXPECTED_EOF_WHILE_READING)));
                }
                Ok(())
            }
            Ok(Some(accepted)) => {
                if let Some(r) = hello_random(inbuf.data(), 1) {
                    self.st.lock().client_random = Some(r);
                }
                let resuming = offers_psk(inbuf.data());
                early.offered = crate::ssl::record::offers_early_data(inbuf.data());
                let status_request = requests_status(inbuf.data());
                let (sni, offered, groups) = {
                    let hello = accepted.client_hello();
                    (
                        hello.server_name().map(str::to_owned),
                        hello.alpn().map(|it| it.map(<[u8]>::to_vec).collect()),
                        hello
                            .named_groups()
                            .map(|g| g.iter().map(|&n| u16::from(n)).collect()),
                    )
                };
                drop(accepted);
                self.st.lock().peer_groups = groups.unwrap_or_default();
                let cfg = self.on_client_hello(sni, offered, &wbio, resuming)?;
                if status_request {
                    self.on_status_request(&wbio)?;
                }
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
                        SSL_R_NO_APPLICATION_PROTOCOL,
                    ))
                }
                _ => {}
            }
        }
        Ok(cfg)
    }

    /// The client asked for OCSP stapling: the status callback (if any, and a
    /// certificate to staple for) decides, with OpenSSL's return semantics:
    /// SSL_TLSEXT_ERR_OK staples what `SSL_set_tlsext_status_ocsp_resp` gave,
    /// SSL_TLSEXT_ERR_NOACK staples nothing, anything else fails the handshake
    /// with an internal_error alert.
    fn on_status_request(self: &Arc<Self>, wbio: &bio_st) -> Result<(), Stop> {
        let (cb, arg) = {
            let ctx = self.ctx();
            let s = ctx.settings();
            (s.status_cb, s.status_arg)
        };
        let Some(cb) = cb else {
            return Ok(());
        };
        if self.certified_key().is_none() {
            return Ok(());
        }
        // SAFETY: the status callback set with SSL_CTX_set_tlsext_status_cb, called with this SSL (live for the call) and the argument registered with SSL_CTX_set_tlsext_status_arg.
        let ret = crate::ffi::call_c(cb, (self.raw(), arg.0));
        let mut st = self.st.lock();
        match ret {
            SSL_TLSEXT_ERR_NOACK => st.ocsp_staple = false,
            SSL_TLSEXT_ERR_OK => st.ocsp_staple = st.ocsp_resp.is_some(),
            _ => {
                let _ = wbio.write(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 80]);
                return Err(Stop::Fatal(Error::ssl(SSL_R_CLIENTHELLO_TLSEXT)));
            }
        }
        Ok(())
    }

    /// The client's certificate check is for `name`: when that is the public
    /// name of the ECH config offered (not the name asked for), the server
    /// rejected the offer, and the certificate must answer for the public name
    /// (BoringSSL's `SSL_get0_ech_name_override`).
    pub fn note_verified_name(&self, name: &ServerName<'_>) {
        let mut st = self.st.lock();
        let public = match (&st.overrides.ech, name) {
            (Some(list), ServerName::DnsName(d)) if d.as_ref() == list.public_name => {
                list.public_name.clone()
            }
            _ => return,
        };
        if st.sni.as_deref() != Some(public.as_str()) {
            st.ech.name_override = Some(public);
        }
    }

    /// The OCSP response to staple with this server's certificate, if any.
    pub fn staple(&self) -> Option<Vec<u8>> {
        let st = self.st.lock();
        st.ocsp_staple.then(|| st.ocsp_resp.clone()).flatten()
    }

    /// Client: the server's certificate was accepted; record what it stapled
    /// and, when a status type was asked for, run the status callback:
    /// 0 refuses the response (alert bad_certificate_status_response,
    /// SSL_R_INVALID_STATUS_RESPONSE), below 0 fails the handshake
    /// (SSL_R_OCSP_CALLBACK_FAILURE), above 0 accepts.
    pub fn on_server_status(self: &Arc<Self>, ocsp: &[u8]) -> Result<(), rustls::Error> {
        // rustls always sends status_request; as OpenSSL, the response only
        // counts when the application asked for one.
        {
            let mut st = self.st.lock();
            if st.status_type != TLSEXT_STATUSTYPE_ocsp {
                return Ok(());
            }
            st.ocsp_resp = (!ocsp.is_empty()).then(|| ocsp.to_vec());
        }
        let (cb, arg) = {
            let ctx = self.ctx();
            let s = ctx.settings();
            (s.status_cb, s.status_arg)
        };
        let Some(cb) = cb else {
            return Ok(());
        };
        // SAFETY: the status callback set with SSL_CTX_set_tlsext_status_cb, called with this SSL (live for the call) and the argument registered with SSL_CTX_set_tlsext_status_arg.
        let ret = crate::ffi::call_c(cb, (self.raw(), arg.0));
        if ret == 0 {
            self.st.lock().ocsp_failure = Some(SSL_R_INVALID_STATUS_RESPONSE);
            return Err(rustls::CertificateError::InvalidOcspResponse.into());
        }
        if ret < 0 {
            self.st.lock().ocsp_failure = Some(SSL_R_OCSP_CALLBACK_FAILURE);
            return Err(rustls::Error::General("OCSP status callback failed".into()));
        }
        Ok(())
    }

    /// One round of rustls processing over `inbuf`; on failure the alert rustls
    /// queued goes out.
    fn round(&self, io: &mut Io, want: &mut Want) -> Result<Step, Stop> {
        let phase = phase(io);
        let bad = match screen(io.inbuf.data(), phase) {
            Some((0, alert, reason)) => {
                return Err(Stop::Fatal(own_alert(io, phase, alert, reason)))
            }
            bad => bad.map(|(at, ..)| at),
        };
        let r = process(io, want, bad);
        if !io.established {
            self.note_randoms(io);
        }
        match r {
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

    /// Records the hellos' randoms as they go by: a client's own ClientHello in
    /// `out` (before it is flushed), the ServerHello's from `Io`.
    fn note_randoms(&self, io: &Io) {
        let mut st = self.st.lock();
        if st.client_random.is_none() && st.server == Some(false) {
            st.client_random = hello_random(io.out.data(), 1);
        }
        if st.server_random.is_none() {
            st.server_random = io.server_random;
        }
    }

    /// `SSL_get_client_random` / `SSL_get_server_random`: the random, zeros
    /// before it is known (as OpenSSL's zero-initialised copy).
    pub fn random(&self, server: bool) -> [u8; 32] {
        let st = self.st.lock();
        let r = if server {
            st.server_random
        } else {
            st.client_random
        };
        r.unwrap_or([0; 32])
    }

    /// The client random as the key log sees it (a server learns it here at the
    /// latest; rustls logs every connection's EXPORTER_SECRET or CLIENT_RANDOM).
    pub(crate) fn set_client_random(&self, random: &[u8]) {
        let mut st = self.st.lock();
        if st.client_random.is_none() {
            st.client_random = random.try_into().ok();
        }
    }

    fn map_rustls(&self, e: &rustls::Error) -> Error {
        if let Some(reason) = self.st.lock().ocsp_failure.take() {
            return Error::ssl(reason);
        }
        if self.st.lock().ech.on_error(e) {
            return Error::ssl(crate::abi::consts::SSL_R_ECH_REQUIRED);
        }
        let err = Error::from_rustls(e);
        if let rustls::Error::InvalidCertificate(_) = e {
            let r = self.st.lock().verify_result;
            if r != X509_V_OK {
                let text = crate::ssl::verify::verify_error_string(r);
                return Error::ssl(SSL_R_CERTIFICATE_VERIFY_FAILED)
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
                Some(rustls::ProtocolVersion::TLSv1_3) => crate::abi::consts::TLS1_3_VERSION,
                Some(rustls::ProtocolVersion::TLSv1_2) => crate::abi::consts::TLS1_2_VERSION,
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
        if let Some(s) = st.session_latest.as_ref().filter(|s| s.is_server()) {
            if s.version() == 0 {
                s.set_version(st.negotiated.version);
            }
        }
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
                st.mode & crate::abi::consts::SSL_MODE_AUTO_RETRY != 0,
                st.options & crate::abi::consts::SSL_OP_IGNORE_UNEXPECTED_EOF != 0,
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
                    io.early.pending = io.early.pending.saturating_sub(n);
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
                            SSL_R_UNEXPECTED_EOF_WHILE_READING,
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
                st.mode & crate::abi::consts::SSL_MODE_ENABLE_PARTIAL_WRITE != 0,
            )
        };
        if sent_shutdown {
            return self.stop(
                op,
                Stop::Fatal(Error::ssl(SSL_R_PROTOCOL_IS_SHUTDOWN)),
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
                Step::Closed => return Err(Stop::Fatal(Error::ssl(SSL_R_PROTOCOL_IS_SHUTDOWN))),
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
            _ => Err(Error::ssl(SSL_R_UNINITIALIZED)),
        }
    }

    /// `SSL_pending`.
    pub fn pending(&self) -> usize {
        self.io.try_lock().map(|io| io.plain.len()).unwrap_or(0)
    }

    pub fn handshake_done(&self) -> bool {
        self.st.lock().negotiated.done
    }

    /// As OpenSSL, a pending `SSL_key_update` puts the connection back in init.
    pub fn in_init(&self) -> bool {
        let st = self.st.lock();
        !st.negotiated.done || st.key_update != SSL_KEY_UPDATE_NONE
    }
}

pub(crate) fn busy() -> Error {
    Error::ssl(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED)
        .data("SSL object is already in use by another call")
}

/// A BIO failure as a stop: retry flags decide WANT_READ/WANT_WRITE.
pub(crate) fn io_stop(e: &std::io::Error, bio: &bio_st) -> Stop {
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

/// What a driving call asks of one round of rustls processing.
#[derive(Default)]
struct Want<'a> {
    /// Application data to encrypt once the connection may send it.
    send: Option<&'a [u8]>,
    /// Queue our close_notify once the connection may send.
    close: bool,
    /// Queue a KeyUpdate once the connection may send (cleared when queued).
    key_update: bool,
    /// Where decrypted data goes first (`got` bytes of it filled); the rest waits in `plain`.
    recv: Option<&'a mut [u8]>,
    got: usize,
    /// Client: early data to encrypt while the first flight is transmitted.
    early_send: Option<&'a [u8]>,
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
pub(crate) const SEND_MAX: usize = 4 * MAX_PLAINTEXT;
/// Room a record may take beyond its plaintext (header, content type, tag, explicit nonce).
pub(crate) const RECORD_OVERHEAD: usize = 64;

/// Handles the state one `process_tls_records` call returned: decrypted data to
/// `want.recv`/`plain`, handshake messages and application records to `out`. Returns
/// how many bytes of the input rustls is done with.
fn step<D: crate::ssl::early::Side>(
    status: UnbufferedStatus<'_, '_, D>,
    out: &mut Buf,
    plain: &mut Buf,
    want: &mut Want,
    early: &mut usize,
    encoded: &mut dyn FnMut(&[u8]),
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
                        encoded(&room[..n]);
                        out.commit(n);
                        break Ok(Step::Again);
                    }
                    Err(EncodeError::InsufficientSize(s)) => need = s.required_size,
                    Err(EncodeError::AlreadyEncoded) => break Ok(Step::Again),
                }
            }
        }
        Ok(ConnectionState::TransmitTlsData(mut t)) => {
            // Early data goes with the first flight; without `done` the state comes
            // back, so a later SSL_write_early_data adds more.
            match want.early_send.map(|d| D::encrypt_early(&mut t, d, out)) {
                Some(Some(Ok(n))) => {
                    want.early_send = None;
                    Ok(Step::Sent(n))
                }
                Some(Some(Err(e))) => Err(e),
                _ => {
                    // `out` goes to the BIO before the next read or the end of the call.
                    t.done();
                    Ok(Step::Again)
                }
            }
        }
        Ok(ConnectionState::ReadEarlyData(r)) => {
            *early += D::take_early(r, plain);
            Ok(Step::Again)
        }
        Ok(ConnectionState::BlockedHandshake) => Ok(Step::NeedInput),
        Ok(ConnectionState::WriteTraffic(mut w)) => {
            if want.key_update {
                want.key_update = false;
                w.refresh_traffic_keys().map(|()| Step::Again)
            } else if want.close {
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
        Ok(_) => Err(rustls::Error::General("unexpected connection state".into())),
    };
    (discard, r)
}

/// One `process_tls_records` call over `inbuf` and its outcome handled by `step`; the
/// input rustls is done with is consumed. `bad`: where the first record `screen`
/// refuses starts; rustls sees only the records before it, and once it has taken
/// them, the next round sends the alert for that one.
fn process(io: &mut Io, want: &mut Want, bad: Option<usize>) -> Result<Step, rustls::Error> {
    let Io {
        tls: Tls::Conn(conn),
        inbuf,
        out,
        plain,
        server_random,
        early,
        ..
    } = io
    else {
        return Err(rustls::Error::General("no connection".into()));
    };
    let records = match bad {
        Some(at) => &mut inbuf.data_mut()[..at],
        None => inbuf.data_mut(),
    };
    let mut got_early = 0;
    let (discard, r) = match &mut **conn {
        Conn::Client(c) => {
            let watch = early.limit > 0;
            let end_sent = &mut early.end_sent;
            step(
                c.process_tls_records(records),
                out,
                plain,
                want,
                &mut got_early,
                &mut |rec| *end_sent |= watch && crate::ssl::early::is_end_of_early_data(rec),
            )
        }
        Conn::Server(c) => step(
            c.process_tls_records(records),
            out,
            plain,
            want,
            &mut got_early,
            &mut |rec| {
                if server_random.is_none() {
                    *server_random = server_hello_random(rec);
                }
            },
        ),
    };
    early.pending += got_early;
    early.received |= got_early > 0;
    inbuf.consume(discard);
    match r {
        Ok(Step::NeedInput | Step::Idle) if bad == Some(discard) => Ok(Step::Again),
        r => r,
    }
}

/// Where the connection stands for the alerts its record layer sends itself.
fn phase(io: &Io) -> Phase {
    match &io.tls {
        Tls::Accepting(_) => Phase::Plain,
        Tls::Conn(c) => match (io.established, c.common().protocol_version()) {
            (true, Some(rustls::ProtocolVersion::TLSv1_3)) => Phase::Tls13,
            (true, _) => Phase::Tls12,
            // a client before the ServerHello
            (false, None) if matches!(**c, Conn::Client(_)) => Phase::Plain,
            (false, _) => Phase::Handshake,
        },
        Tls::Idle | Tls::Ended => Phase::Handshake,
    }
}

/// Sends the fatal `alert` for a record `screen` refused: in plaintext before
/// anything is encrypted, else sealed with the connection's keys (which ends it).
fn own_alert(io: &mut Io, phase: Phase, alert: u8, reason: c_int) -> Error {
    let record = match phase {
        Phase::Plain => Some(plain_alert(alert).to_vec()),
        Phase::Tls12 | Phase::Tls13 => match std::mem::replace(&mut io.tls, Tls::Ended) {
            Tls::Conn(conn) => sealed_alert(*conn, alert),
            other => {
                io.tls = other;
                None
            }
        },
        Phase::Handshake => None,
    };
    if let Some(record) = record {
        io.out.extend(&record);
        let _ = flush(io);
    }
    Error::ssl(reason)
}

/// After a failure: the alert rustls queued goes to the write BIO (best effort).
fn send_alert(io: &mut Io) {
    for _ in 0..4 {
        let bad = screen(io.inbuf.data(), phase(io)).map(|(at, ..)| at);
        if process(io, &mut Want::default(), bad).is_err() {
            break;
        }
    }
    let _ = flush(io);
}

impl ssl_st {
    /// No handshake has begun on this connection (nothing sent or received),
    /// so `SSL_clear` has nothing to reset.
    pub fn untouched(&self) -> bool {
        self.io
            .try_lock()
            .is_some_and(|io| matches!(io.tls, Tls::Idle) && io.inbuf.len() == 0)
    }
}
