//! SSL_SESSION and a context's session cache.
//!
//! A session is one of three things:
//! - a client's resumption state (a TLS 1.3 ticket or a TLS 1.2 session),
//!   handed out by `SSL_get1_session` and the new-session callback and
//!   consumed by `SSL_set_session`;
//! - a server's stored session: the session ID (or stateful ticket ID)
//!   rustls filed it under and rustls' opaque value, which is all a server
//!   needs to resume, so it survives `i2d_SSL_SESSION`/`d2i_SSL_SESSION`
//!   across processes (nginx's shared cache);
//! - a session decoded from an encoding this process cannot resume (another
//!   process's client session, or OpenSSL's own encoding): it carries the
//!   version and ID, and `SSL_SESSION_is_resumable` is 0.
//!
//! rustls has no public constructor for its client session values, so a client
//! session cannot be rebuilt from bytes: `i2d_SSL_SESSION` of a client session
//! writes a random token and files the session under it in a process-wide
//! registry (until the session times out), and `d2i_SSL_SESSION` of that
//! encoding in the same process gives back a handle on the same session.
//!
//! `SessionCache` is a context's cache and its callbacks
//! (`SSL_CTX_sess_set_new_cb` & co), with OpenSSL's semantics: rustls'
//! server store and client store (`routing.rs`) call into it.

use crate::abi::consts::{
    SSL_SESS_CACHE_CLIENT, SSL_SESS_CACHE_NO_INTERNAL_LOOKUP, SSL_SESS_CACHE_NO_INTERNAL_STORE,
    SSL_SESS_CACHE_SERVER, TLS1_2_VERSION, TLS1_3_VERSION,
};
use crate::crypto::asn1::der::{push_tlv, Der, TAG_SEQUENCE};
use crate::crypto::err::Error;
use crate::ssl::connection::ssl_st;
use crate::ssl::context::ssl_ctx_st;
use parking_lot::Mutex;
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};
use std::collections::{HashMap, VecDeque};
use std::ffi::{c_int, c_long};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Weak};

pub enum SessionValue {
    Tls13(Tls13ClientSessionValue),
    Tls12(Tls12ClientSessionValue),
}

/// A client session's state, shared by every handle decoded from its
/// encoding: a TLS 1.3 ticket is used once, by whichever handle comes first.
type Slot = Mutex<Option<SessionValue>>;

enum Body {
    Client {
        slot: Arc<Slot>,
        /// The registry token, assigned by the first `i2d_SSL_SESSION`.
        token: Mutex<Option<[u8; 16]>>,
    },
    Server(Vec<u8>),
    /// Decoded but not resumable here.
    Foreign,
}

/// OpenSSL's default session lifetime (`SSL_CTX_get_timeout`): 2 hours.
pub const DEFAULT_TIMEOUT: i64 = 7200;

/// The SSL_SESSION handle.
pub struct ssl_session_st {
    body: Body,
    version: AtomicI32,
    time: AtomicI64,
    timeout: AtomicI64,
    id: Mutex<Vec<u8>>,
    /// `SSL_CTX_remove_session` marks a session not resumable, as OpenSSL.
    removed: AtomicBool,
    pub ex_data: crate::crypto::ex_data::ExData,
}
crate::handle!(Shared: ssl_session_st);
pub type SSL_SESSION = ssl_session_st;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl ssl_session_st {
    fn with_body(body: Body, version: c_int, id: Vec<u8>, timeout: i64) -> Self {
        Self {
            body,
            version: AtomicI32::new(version),
            time: AtomicI64::new(now()),
            timeout: AtomicI64::new(timeout),
            id: Mutex::new(id),
            removed: AtomicBool::new(false),
            ex_data: Default::default(),
        }
    }

    /// A client session.
    pub fn new(value: SessionValue, timeout: i64) -> Self {
        let version = match value {
            SessionValue::Tls13(_) => TLS1_3_VERSION,
            SessionValue::Tls12(_) => TLS1_2_VERSION,
        };
        let body = Body::Client {
            slot: Arc::new(Mutex::new(Some(value))),
            token: Mutex::new(None),
        };
        Self::with_body(body, version, Vec::new(), timeout)
    }

    /// A server session: rustls' `value` filed under `id`.
    pub fn server(id: Vec<u8>, value: Vec<u8>, version: c_int, timeout: i64) -> Self {
        Self::with_body(Body::Server(value), version, id, timeout)
    }

    /// `SSL_SESSION_new`: an empty session, not resumable.
    pub fn empty() -> Self {
        Self::with_body(Body::Foreign, 0, Vec::new(), DEFAULT_TIMEOUT)
    }

    /// A TLS 1.3 ticket is single use: taking it empties the session.
    pub fn take_tls13(&self) -> Option<Tls13ClientSessionValue> {
        let Body::Client { slot, .. } = &self.body else {
            return None;
        };
        if self.expired(now()) {
            return None;
        }
        let mut v = slot.lock();
        match v.take() {
            Some(SessionValue::Tls13(t)) => Some(t),
            other => {
                *v = other;
                None
            }
        }
    }

    pub fn tls12(&self) -> Option<Tls12ClientSessionValue> {
        let Body::Client { slot, .. } = &self.body else {
            return None;
        };
        if self.expired(now()) {
            return None;
        }
        match &*slot.lock() {
            Some(SessionValue::Tls12(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// A client TLS 1.3 session's early data limit, as its ticket announced it
    /// (`SSL_SESSION_get_max_early_data`); 0 for other sessions.
    pub fn max_early_data(&self) -> u32 {
        match &self.body {
            Body::Client { slot, .. } => match &*slot.lock() {
                Some(SessionValue::Tls13(t)) => t.max_early_data_size(),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// rustls' value of a server session.
    pub fn server_value(&self) -> Option<&[u8]> {
        match &self.body {
            Body::Server(v) if !self.removed.load(Ordering::Relaxed) => Some(v),
            _ => None,
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self.body, Body::Server(_))
    }

    /// `SSL_SESSION_is_resumable`.
    pub fn is_resumable(&self) -> bool {
        if self.removed.load(Ordering::Relaxed) {
            return false;
        }
        match &self.body {
            Body::Client { slot, .. } => slot.lock().is_some(),
            Body::Server(_) => true,
            Body::Foreign => false,
        }
    }

    pub fn version(&self) -> c_int {
        self.version.load(Ordering::Relaxed)
    }

    pub fn set_version(&self, v: c_int) {
        self.version.store(v, Ordering::Relaxed)
    }

    pub fn time(&self) -> i64 {
        self.time.load(Ordering::Relaxed)
    }

    pub fn set_time(&self, t: i64) {
        self.time.store(t, Ordering::Relaxed)
    }

    pub fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed)
    }

    pub fn set_timeout(&self, t: i64) {
        self.timeout.store(t, Ordering::Relaxed)
    }

    /// OpenSSL's test: expired once more than `timeout` seconds have passed.
    pub fn expired(&self, now: i64) -> bool {
        now.saturating_sub(self.time()) > self.timeout()
    }

    pub fn id(&self) -> Vec<u8> {
        self.id.lock().clone()
    }

    /// The ID's bytes, valid until it is set again.
    pub fn id_ptr(&self) -> (*const u8, usize) {
        let id = self.id.lock();
        (id.as_ptr(), id.len())
    }

    /// `SSL_SESSION_set1_id`: at most 32 bytes.
    pub fn set_id(&self, id: &[u8]) -> bool {
        if id.len() > 32 {
            return false;
        }
        *self.id.lock() = id.to_vec();
        true
    }

    fn mark_removed(&self) {
        self.removed.store(true, Ordering::Relaxed)
    }

    // ---- encoding ----

    /// `i2d_SSL_SESSION`: ferrossl's own DER encoding (see the module doc).
    pub fn encode(&self) -> Vec<u8> {
        let (kind, body) = match &self.body {
            Body::Server(v) => (KIND_SERVER, v.clone()),
            Body::Client { slot, token } => {
                let mut t = token.lock();
                let token = *t.get_or_insert_with(|| {
                    let mut b = [0u8; 16];
                    // A failing RNG leaves zeros: such a token is never filed.
                    let ok = aws_lc_rs::rand::fill(&mut b).is_ok();
                    if !ok {
                        b = [0; 16];
                    }
                    b
                });
                if token != [0; 16] {
                    registry_put(token, slot.clone(), self.time() + self.timeout());
                }
                (KIND_CLIENT, token.to_vec())
            }
            Body::Foreign => (KIND_FOREIGN, Vec::new()),
        };
        let mut inner = Vec::new();
        push_tlv(&mut inner, TAG_OCTET_STRING, MAGIC);
        push_int(&mut inner, FORMAT);
        push_int(&mut inner, kind);
        push_int(&mut inner, i64::from(self.version()));
        push_int(&mut inner, self.time());
        push_int(&mut inner, self.timeout());
        push_tlv(&mut inner, TAG_OCTET_STRING, &self.id());
        push_tlv(&mut inner, TAG_OCTET_STRING, &body);
        let mut out = Vec::new();
        push_tlv(&mut out, TAG_SEQUENCE, &inner);
        out
    }

    /// `d2i_SSL_SESSION`: the session encoded at the start of `data` and how
    /// many bytes its encoding took. ferrossl's encoding, or OpenSSL's (whose
    /// sessions are not resumable here).
    pub fn decode(data: &[u8]) -> Result<(Self, usize), Error> {
        let mut outer = Der::new(data);
        let seq = outer.expect_tlv(TAG_SEQUENCE)?;
        let used = seq.raw.len();
        let mut d = Der::new(seq.content);
        let s = if d.peek_tag() == Some(TAG_OCTET_STRING) {
            if d.expect(TAG_OCTET_STRING)? != MAGIC || read_int(&mut d)? != FORMAT {
                return Err(bad_session());
            }
            let kind = read_int(&mut d)?;
            let version = c_int::try_from(read_int(&mut d)?).map_err(|_| bad_session())?;
            let time = read_int(&mut d)?;
            let timeout = read_int(&mut d)?;
            let id = d.expect(TAG_OCTET_STRING)?;
            let body = d.expect(TAG_OCTET_STRING)?;
            d.finish()?;
            if id.len() > 32 {
                return Err(bad_session());
            }
            let body = match kind {
                KIND_SERVER => Body::Server(body.to_vec()),
                KIND_CLIENT => match <[u8; 16]>::try_from(body).ok().and_then(registry_get) {
                    Some(slot) => Body::Client {
                        slot,
                        token: Mutex::new(body.try_into().ok()),
                    },
                    None => Body::Foreign,
                },
                KIND_FOREIGN => Body::Foreign,
                _ => return Err(bad_session()),
            };
            let s = Self::with_body(body, version, id.to_vec(), timeout);
            s.set_time(time);
            s
        } else {
            // OpenSSL's SSL_SESSION_ASN1: version 1, ssl_version, cipher,
            // session_id, master_key, ... : keep the version and the ID.
            if read_int(&mut d)? != 1 {
                return Err(bad_session());
            }
            let version = c_int::try_from(read_int(&mut d)?).map_err(|_| bad_session())?;
            d.expect(TAG_OCTET_STRING)?;
            let id = d.expect(TAG_OCTET_STRING)?;
            d.expect(TAG_OCTET_STRING)?;
            if id.len() > 32 {
                return Err(bad_session());
            }
            Self::with_body(Body::Foreign, version, id.to_vec(), DEFAULT_TIMEOUT)
        };
        Ok((s, used))
    }
}

const TAG_INTEGER: u8 = 0x02;
const TAG_OCTET_STRING: u8 = 0x04;
const MAGIC: &[u8] = b"ferrossl SSL_SESSION";
const FORMAT: i64 = 1;
const KIND_FOREIGN: i64 = 0;
const KIND_CLIENT: i64 = 1;
const KIND_SERVER: i64 = 2;

fn bad_session() -> Error {
    Error::ssl(crate::abi::reasons::SSL_R_BAD_DATA)
}

/// A non-negative INTEGER (negative values are written as 0).
fn push_int(out: &mut Vec<u8>, v: i64) {
    let bytes = v.max(0).to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    let mut content = Vec::with_capacity(9);
    if bytes[skip] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[skip..]);
    push_tlv(out, TAG_INTEGER, &content);
}

fn read_int(d: &mut Der<'_>) -> Result<i64, Error> {
    let content = d.expect(TAG_INTEGER)?;
    let s = crate::crypto::asn1::integer_from_der(content)?;
    crate::crypto::asn1::integer_value(&s).ok_or_else(bad_session)
}

// ---- the process-wide registry of encoded client sessions ----

/// At most this many encoded client sessions are kept for `d2i_SSL_SESSION`.
const REGISTRY_MAX: usize = 4096;

struct Filed {
    slot: Arc<Slot>,
    expires: i64,
}

static REGISTRY: LazyLock<Mutex<HashMap<[u8; 16], Filed>>> = LazyLock::new(Default::default);

fn registry_put(token: [u8; 16], slot: Arc<Slot>, expires: i64) {
    let now = now();
    let mut r = REGISTRY.lock();
    if r.len() >= REGISTRY_MAX {
        r.retain(|_, f| f.expires >= now);
    }
    if r.len() >= REGISTRY_MAX {
        // Still full: drop the session closest to expiry.
        if let Some(k) = r.iter().min_by_key(|(_, f)| f.expires).map(|(k, _)| *k) {
            r.remove(&k);
        }
    }
    r.insert(token, Filed { slot, expires });
}

fn registry_get(token: [u8; 16]) -> Option<Arc<Slot>> {
    let mut r = REGISTRY.lock();
    let f = r.get(&token)?;
    if f.expires < now() {
        r.remove(&token);
        return None;
    }
    Some(f.slot.clone())
}

// ---- a context's session cache ----

/// `int (*)(SSL *, SSL_SESSION *)`.
pub type NewSessionCb = Option<unsafe extern "C" fn(*mut ssl_st, *mut ssl_session_st) -> c_int>;
/// `void (*)(SSL_CTX *, SSL_SESSION *)`.
pub type RemoveSessionCb = Option<unsafe extern "C" fn(*mut ssl_ctx_st, *mut ssl_session_st)>;
/// `SSL_SESSION *(*)(SSL *, const unsigned char *id, int len, int *copy)`.
pub type GetSessionCb =
    Option<unsafe extern "C" fn(*mut ssl_st, *const u8, c_int, *mut c_int) -> *mut ssl_session_st>;

/// OpenSSL's `SSL_SESSION_CACHE_MAX_SIZE_DEFAULT`.
pub const DEFAULT_CACHE_SIZE: c_long = 1024 * 20;

#[derive(Default)]
struct Internal {
    map: HashMap<Vec<u8>, Arc<ssl_session_st>>,
    /// IDs, oldest first (may hold IDs since removed).
    order: VecDeque<Vec<u8>>,
}

/// The counters of `SSL_CTX_sess_hits` & co.
#[derive(Default)]
pub struct Counters {
    pub hits: AtomicU64,
    pub cb_hits: AtomicU64,
    pub misses: AtomicU64,
    pub timeouts: AtomicU64,
    pub cache_full: AtomicU64,
    pub connect: AtomicU64,
    pub connect_good: AtomicU64,
    pub accept: AtomicU64,
    pub accept_good: AtomicU64,
}

pub struct SessionCache {
    ctx: Weak<ssl_ctx_st>,
    pub mode: AtomicI64,
    pub timeout: AtomicI64,
    pub size: AtomicI64,
    pub new_cb: Mutex<NewSessionCb>,
    pub get_cb: Mutex<GetSessionCb>,
    pub remove_cb: Mutex<RemoveSessionCb>,
    internal: Mutex<Internal>,
    pub counters: Counters,
}

impl std::fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCache").finish_non_exhaustive()
    }
}

fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

impl SessionCache {
    pub fn new(ctx: Weak<ssl_ctx_st>) -> Self {
        Self {
            ctx,
            mode: AtomicI64::new(SSL_SESS_CACHE_SERVER),
            timeout: AtomicI64::new(DEFAULT_TIMEOUT),
            size: AtomicI64::new(DEFAULT_CACHE_SIZE),
            new_cb: Mutex::new(None),
            get_cb: Mutex::new(None),
            remove_cb: Mutex::new(None),
            internal: Mutex::default(),
            counters: Counters::default(),
        }
    }

    pub fn mode(&self) -> c_long {
        self.mode.load(Ordering::Relaxed) as c_long
    }

    pub fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed)
    }

    /// `SSL_CTX_sess_number`.
    pub fn number(&self) -> usize {
        self.internal.lock().map.len()
    }

    fn ctx_ptr(&self) -> *mut ssl_ctx_st {
        self.ctx.as_ptr() as *mut ssl_ctx_st
    }

    /// Calls the remove callback for each session (no lock held).
    fn removed(&self, gone: Vec<Arc<ssl_session_st>>) {
        let cb = *self.remove_cb.lock();
        for s in gone {
            s.mark_removed();
            if let Some(cb) = cb {
                // SAFETY: the remove callback set with SSL_CTX_sess_set_remove_cb, called with this context and a session it does not own.
                crate::ffi::call_c(cb, (self.ctx_ptr(), Arc::as_ptr(&s) as *mut ssl_session_st));
            }
        }
    }

    /// `SSL_CTX_add_session`: files `s` under its ID (replacing another
    /// session with that ID), evicting the oldest when full. false if `s`
    /// was already there.
    pub fn add(&self, s: Arc<ssl_session_st>) -> bool {
        let id = s.id();
        let mut gone = Vec::new();
        // Dropped after the lock: freeing a session may call ex_data callbacks.
        let replaced;
        let added = {
            let mut i = self.internal.lock();
            match i.map.insert(id.clone(), s.clone()) {
                Some(old) if Arc::ptr_eq(&old, &s) => {
                    replaced = Some(old);
                    false
                }
                old => {
                    // OpenSSL frees a replaced session without the remove callback.
                    replaced = old;
                    i.order.push_back(id);
                    let max = self.size.load(Ordering::Relaxed);
                    while max > 0 && i.map.len() as i64 > max {
                        let Some(oldest) = i.order.pop_front() else {
                            break;
                        };
                        if let Some(o) = i.map.remove(&oldest) {
                            bump(&self.counters.cache_full);
                            gone.push(o);
                        }
                    }
                    if i.order.len() > 2 * i.map.len() + 64 {
                        let Internal { map, order } = &mut *i;
                        order.retain(|k| map.contains_key(k));
                    }
                    true
                }
            }
        };
        drop(replaced);
        self.removed(gone);
        added
    }

    /// `SSL_CTX_remove_session`: 1 if `s` was in the cache. The remove
    /// callback hears of it either way, and `s` is no longer resumable.
    pub fn remove(&self, s: &Arc<ssl_session_st>) -> bool {
        let id = s.id();
        let found = {
            let mut i = self.internal.lock();
            match i.map.get(&id) {
                Some(c) if Arc::ptr_eq(c, s) => i.map.remove(&id).is_some(),
                _ => false,
            }
        };
        if !id.is_empty() {
            self.removed(vec![s.clone()]);
        }
        found
    }

    /// `SSL_CTX_flush_sessions`: drops the sessions expired at `t` (all when 0).
    pub fn flush(&self, t: i64) {
        let gone: Vec<_> = {
            let mut i = self.internal.lock();
            let expired: Vec<Vec<u8>> = i
                .map
                .iter()
                .filter(|(_, s)| t == 0 || s.expired(t))
                .map(|(k, _)| k.clone())
                .collect();
            expired
                .into_iter()
                .filter_map(|k| i.map.remove(&k))
                .collect()
        };
        self.removed(gone);
    }

    /// Offers a new session to the new-session callback, as OpenSSL's
    /// `ssl_update_cache`: the callback gets a reference it keeps if it
    /// returns 1.
    fn call_new(&self, ssl: &Arc<ssl_st>, s: &Arc<ssl_session_st>) {
        let Some(cb) = *self.new_cb.lock() else {
            return;
        };
        let p = crate::ffi::into_raw(s.clone());
        // SAFETY: the new-session callback set with SSL_CTX_sess_set_new_cb, called with the SSL being driven and a session reference it may keep.
        let kept = crate::ffi::call_c(cb, (Arc::as_ptr(ssl) as *mut ssl_st, p));
        if kept == 0 {
            crate::ffi::release(p);
        }
    }

    /// A client received a session (rustls' client store): the new-session
    /// callback when the mode includes `SSL_SESS_CACHE_CLIENT`.
    pub fn client_new(&self, ssl: &Arc<ssl_st>, s: &Arc<ssl_session_st>) {
        if self.mode() & SSL_SESS_CACHE_CLIENT != 0 {
            self.call_new(ssl, s);
        }
    }

    /// `StoresServerSessions::can_cache`.
    pub fn server_enabled(&self) -> bool {
        self.mode() & SSL_SESS_CACHE_SERVER != 0
    }

    /// rustls stores a server session: into the internal cache (unless
    /// `SSL_SESS_CACHE_NO_INTERNAL_STORE`), then the new-session callback.
    pub fn server_put(&self, ssl: &Arc<ssl_st>, s: Arc<ssl_session_st>) -> bool {
        let mode = self.mode();
        if mode & SSL_SESS_CACHE_SERVER == 0 {
            return false;
        }
        if mode & SSL_SESS_CACHE_NO_INTERNAL_STORE == 0 {
            self.add(s.clone());
        }
        self.call_new(ssl, &s);
        true
    }

    /// rustls looks a session ID up: the internal cache (unless
    /// `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`), else the get-session callback;
    /// an expired session is dropped (remove callback) and counts as a timeout.
    pub fn server_get(&self, ssl: &Arc<ssl_st>, id: &[u8]) -> Option<Arc<ssl_session_st>> {
        let mode = self.mode();
        if mode & SSL_SESS_CACHE_SERVER == 0 || id.is_empty() || id.len() > 32 {
            return None;
        }
        let mut found = None;
        if mode & SSL_SESS_CACHE_NO_INTERNAL_LOOKUP == 0 {
            found = self.internal.lock().map.get(id).cloned();
            // As OpenSSL, a miss is counted only by the internal lookup.
            if found.is_none() {
                bump(&self.counters.misses);
            }
        }
        if found.is_none() {
            found = self.ask_get_cb(ssl, id);
            if let Some(s) = &found {
                bump(&self.counters.cb_hits);
                if mode & SSL_SESS_CACHE_NO_INTERNAL_STORE == 0 {
                    self.add(s.clone());
                }
            }
        }
        let s = found.filter(|s| s.server_value().is_some())?;
        if s.expired(now()) {
            // As OpenSSL: out of the cache, and the remove callback hears of it
            // (wherever the session came from).
            bump(&self.counters.timeouts);
            self.remove(&s);
            return None;
        }
        bump(&self.counters.hits);
        Some(s)
    }

    fn ask_get_cb(&self, ssl: &Arc<ssl_st>, id: &[u8]) -> Option<Arc<ssl_session_st>> {
        let cb = (*self.get_cb.lock())?;
        let mut copy: c_int = 1;
        // SAFETY: the get-session callback set with SSL_CTX_sess_set_get_cb, called with the SSL being driven, the session ID (at most 32 bytes) and a live `copy`.
        let p = crate::ffi::call_c(
            cb,
            (
                Arc::as_ptr(ssl) as *mut ssl_st,
                id.as_ptr(),
                id.len() as c_int,
                &mut copy as *mut c_int,
            ),
        );
        if p.is_null() {
            None
        } else if copy != 0 {
            // The application keeps its reference: take one of our own.
            crate::ffi::clone_arc(p).ok()
        } else {
            crate::ffi::take_arc(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_rejects_garbage() {
        let s = ssl_session_st::server(vec![7; 32], b"value".to_vec(), TLS1_2_VERSION, 300);
        let der = s.encode();
        let mut with_tail = der.clone();
        with_tail.extend_from_slice(b"tail");
        let (back, used) = ssl_session_st::decode(&with_tail).unwrap();
        assert_eq!(used, der.len());
        assert_eq!(back.id(), vec![7; 32]);
        assert_eq!(back.server_value(), Some(&b"value"[..]));
        assert_eq!(back.version(), TLS1_2_VERSION);
        assert_eq!(back.timeout(), 300);
        assert_eq!(back.time(), s.time());
        assert!(ssl_session_st::decode(b"\x30\x03\x02\x01\x05").is_err());
        assert!(ssl_session_st::decode(b"garbage").is_err());
        assert!(ssl_session_st::decode(&der[..der.len() - 1]).is_err());
        // A client token this process never filed: decodes, not resumable.
        let mut inner = Vec::new();
        push_tlv(&mut inner, TAG_OCTET_STRING, MAGIC);
        for v in [FORMAT, KIND_CLIENT, i64::from(TLS1_3_VERSION), 1, 7200] {
            push_int(&mut inner, v);
        }
        push_tlv(&mut inner, TAG_OCTET_STRING, b"");
        push_tlv(&mut inner, TAG_OCTET_STRING, &[9; 16]);
        let mut der = Vec::new();
        push_tlv(&mut der, TAG_SEQUENCE, &inner);
        let (s, _) = ssl_session_st::decode(&der).unwrap();
        assert!(!s.is_resumable());
        assert_eq!(s.version(), TLS1_3_VERSION);
    }

    #[test]
    fn integers() {
        for v in [0i64, 1, 127, 128, 255, 256, 7200, i64::MAX] {
            let mut out = Vec::new();
            push_int(&mut out, v);
            assert_eq!(read_int(&mut Der::new(&out)).unwrap(), v, "{v}");
        }
    }
}
