//! SSL_SESSION: a client's resumption state (a TLS 1.3 ticket or a TLS 1.2
//! session), handed out by `SSL_get1_session` and consumed by `SSL_set_session`.

use parking_lot::Mutex;
use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};
use std::ffi::{c_int, c_long};

pub enum SessionValue {
    Tls13(Tls13ClientSessionValue),
    Tls12(Tls12ClientSessionValue),
}

/// The SSL_SESSION handle.
pub struct ssl_session_st {
    value: Mutex<Option<SessionValue>>,
    pub version: c_int,
    pub time: c_long,
    pub ex_data: crate::crypto::ex_data::ExData,
}
crate::handle!(Shared: ssl_session_st);
pub type SSL_SESSION = ssl_session_st;

impl ssl_session_st {
    pub fn new(value: SessionValue) -> Self {
        let version = match value {
            SessionValue::Tls13(_) => crate::abi::consts::TLS1_3_VERSION,
            SessionValue::Tls12(_) => crate::abi::consts::TLS1_2_VERSION,
        };
        let time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as c_long)
            .unwrap_or(0);
        Self {
            value: Mutex::new(Some(value)),
            version,
            time,
            ex_data: Default::default(),
        }
    }

    /// A TLS 1.3 ticket is single use: taking it empties the session.
    pub fn take_tls13(&self) -> Option<Tls13ClientSessionValue> {
        let mut v = self.value.lock();
        match v.take() {
            Some(SessionValue::Tls13(t)) => Some(t),
            other => {
                *v = other;
                None
            }
        }
    }

    pub fn tls12(&self) -> Option<Tls12ClientSessionValue> {
        match &*self.value.lock() {
            Some(SessionValue::Tls12(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// `SSL_SESSION_is_resumable`.
    pub fn is_resumable(&self) -> bool {
        self.value.lock().is_some()
    }
}
