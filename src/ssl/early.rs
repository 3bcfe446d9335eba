//! TLS 1.3 early data (0-RTT): what a connection knows of it, and the side-specific
//! steps rustls' unbuffered API offers (a client encrypts early data while its first
//! flight is being transmitted; a server is handed the early records it accepted).
//!
//! rustls' unbuffered client has no "was early data accepted?" query (the buffered
//! `ClientConnection::is_early_data_accepted` reads state the unbuffered one keeps
//! private). What it does show is the client's second flight: after accepted early
//! data the client sends EndOfEarlyData (RFC 8446 §4.5) before its Finished, and
//! after rejected early data it does not. rustls encrypts each handshake message in
//! its own record, and EndOfEarlyData's is the only one of its size (a 4-byte message,
//! its content type byte and a 16-byte AEAD tag: 21 bytes, every TLS 1.3 suite rustls
//! offers has 16-byte tags), so that record is how ferrossl's client learns the answer.

use crate::abi::consts::{
    SSL_EARLY_DATA_ACCEPTED, SSL_EARLY_DATA_NOT_SENT, SSL_EARLY_DATA_REJECTED,
};
use crate::ssl::record::Buf;
use rustls::client::{ClientConnectionData, EarlyDataError};
use rustls::server::ServerConnectionData;
use rustls::unbuffered::{EncryptError, ReadEarlyData, TransmitTlsData};
use std::ffi::c_int;

/// One connection's early data, kept with its I/O state.
#[derive(Default)]
pub(crate) struct Early {
    /// Server: early bytes at the front of `Io::plain`, not yet read.
    pub pending: usize,
    /// Server: a driving call stops as soon as early data is there
    /// (`SSL_read_early_data`).
    pub stop_for_data: bool,
    /// Server: early data was accepted and arrived.
    pub received: bool,
    /// Server: the ClientHello offered early data.
    pub offered: bool,
    /// Server: `SSL_read_early_data` returned SSL_READ_EARLY_DATA_FINISH.
    pub finished: bool,
    /// Client: the session's limit, once `SSL_write_early_data` started (0: never).
    pub limit: u32,
    /// Client: early bytes written.
    pub written: usize,
    /// Client: our EndOfEarlyData went out (the server accepted the early data).
    pub end_sent: bool,
    /// Client: early data encrypted whose flush stopped in WANT_WRITE (its length).
    pub unflushed: Option<usize>,
}

impl Early {
    /// `SSL_get_early_data_status`.
    pub fn status(&self, server: bool, done: bool) -> c_int {
        if server {
            if self.received {
                SSL_EARLY_DATA_ACCEPTED
            } else if self.offered && done {
                SSL_EARLY_DATA_REJECTED
            } else {
                SSL_EARLY_DATA_NOT_SENT
            }
        } else if self.limit == 0 {
            SSL_EARLY_DATA_NOT_SENT
        } else if self.end_sent {
            SSL_EARLY_DATA_ACCEPTED
        } else {
            // as OpenSSL's client: rejected until the server says otherwise
            SSL_EARLY_DATA_REJECTED
        }
    }
}

/// Whether `record` (one record a client encoded) is an encrypted EndOfEarlyData.
pub(crate) fn is_end_of_early_data(record: &[u8]) -> bool {
    record.len() == 5 + 21 && record[..5] == [0x17, 0x03, 0x03, 0x00, 21]
}

/// What one side can do with early data in the unbuffered states.
pub(crate) trait Side: Sized {
    /// Client: encrypts `data` as early data into `out` while the first flight is
    /// transmitted; None when this side or this handshake sends none.
    fn encrypt_early(
        t: &mut TransmitTlsData<'_, Self>,
        data: &[u8],
        out: &mut Buf,
    ) -> Option<Result<usize, rustls::Error>>;

    /// Server: moves the early data rustls accepted into `plain`; returns its length.
    fn take_early(r: ReadEarlyData<'_, '_, Self>, plain: &mut Buf) -> usize;
}

impl Side for ClientConnectionData {
    fn encrypt_early(
        t: &mut TransmitTlsData<'_, Self>,
        data: &[u8],
        out: &mut Buf,
    ) -> Option<Result<usize, rustls::Error>> {
        let mut e = t.may_encrypt_early_data()?;
        let mut need = data.len() + 64 * (data.len() / crate::ssl::record::MAX_PLAINTEXT + 1);
        Some(loop {
            match e.encrypt(data, out.room(need)) {
                Ok(n) => {
                    out.commit(n);
                    break Ok(data.len());
                }
                Err(EarlyDataError::Encrypt(EncryptError::InsufficientSize(s))) => {
                    need = s.required_size
                }
                Err(_) => break Err(rustls::Error::EncryptError),
            }
        })
    }

    fn take_early(_: ReadEarlyData<'_, '_, Self>, _: &mut Buf) -> usize {
        0
    }
}

impl Side for ServerConnectionData {
    fn encrypt_early(
        _: &mut TransmitTlsData<'_, Self>,
        _: &[u8],
        _: &mut Buf,
    ) -> Option<Result<usize, rustls::Error>> {
        None
    }

    fn take_early(mut r: ReadEarlyData<'_, '_, Self>, plain: &mut Buf) -> usize {
        let mut n = 0;
        while let Some(Ok(rec)) = r.next_record() {
            plain.extend(rec.payload);
            n += rec.payload.len();
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_of_early_data_is_recognised_by_its_size() {
        let mut eoed = vec![0x17, 3, 3, 0, 21];
        eoed.extend([0u8; 21]);
        assert!(is_end_of_early_data(&eoed));
        // a Finished (SHA-256) and a KeyUpdate are not
        let mut fin = vec![0x17, 3, 3, 0, 53];
        fin.extend([0u8; 53]);
        assert!(!is_end_of_early_data(&fin));
        let mut ku = vec![0x17, 3, 3, 0, 22];
        ku.extend([0u8; 22]);
        assert!(!is_end_of_early_data(&ku));
    }

    #[test]
    fn status_as_openssl() {
        let mut e = Early::default();
        assert_eq!(e.status(false, true), SSL_EARLY_DATA_NOT_SENT);
        assert_eq!(e.status(true, true), SSL_EARLY_DATA_NOT_SENT);
        e.limit = 16384;
        assert_eq!(e.status(false, false), SSL_EARLY_DATA_REJECTED);
        e.end_sent = true;
        assert_eq!(e.status(false, true), SSL_EARLY_DATA_ACCEPTED);
        let mut s = Early {
            offered: true,
            ..Early::default()
        };
        assert_eq!(s.status(true, true), SSL_EARLY_DATA_REJECTED);
        s.received = true;
        assert_eq!(s.status(true, true), SSL_EARLY_DATA_ACCEPTED);
    }
}
