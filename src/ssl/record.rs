//! The record layer under an `SSL`: ferrossl's own buffers (`Buf`, with a
//! per-thread list of spares), reading a descriptor BIO one record at a time
//! (header, then body), flushing encrypted records to the write BIO (handing
//! the buffer over to an empty memory BIO), and the two ClientHello /
//! ServerHello sniffers the connection needs before rustls has parsed them.

use crate::abi::reasons::{
    SSL_R_BAD_RECORD_TYPE, SSL_R_BIO_NOT_SET, SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC,
    SSL_R_ENCRYPTED_LENGTH_TOO_LONG, SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_UNEXPECTED_MESSAGE,
};
use crate::crypto::bio::{bio_st, BioIo};
use crate::crypto::err::Error;
use crate::ssl::connection::{io_stop, Conn, Io, Stop, Tls, RECORD_OVERHEAD, SEND_MAX};
use rustls::crypto::cipher::{OutboundChunks, OutboundPlainMessage};
use rustls::{ConnectionTrafficSecrets, ContentType, ProtocolVersion, SupportedCipherSuite};
use std::cell::RefCell;
use std::ffi::c_int;
use std::io::{Read, Write};

/// Whether the ClientHello at the start of `stream` (one handshake record) offers a
/// pre_shared_key, i.e. asks to resume. OpenSSL sends one ticket after a resumption
/// instead of `num_tickets`; rustls fixes the count per config, so the server picks its
/// config by this before the handshake. A ClientHello split over records, or a ticket the
/// server then refuses, just gets the full-handshake count or one ticket respectively.
pub(crate) fn offers_psk(stream: &[u8]) -> bool {
    hello_has_extension(stream, 41)
}

/// `SSL_CTX_set_block_padding` / `SSL_set_block_padding` (and the `_ex` forms):
/// block sizes 0 and 1 mean "no padding" in OpenSSL and are accepted; OpenSSL
/// refuses sizes above SSL3_RT_MAX_PLAIN_LENGTH (16384). Any other size asks for
/// TLS 1.3 record padding, which ferrossl cannot add: rustls 0.23 builds and
/// encrypts each TLSInnerPlaintext itself (content, content type, no zeros)
/// and has no padding option, so the size is refused rather than ignored
/// (docs/compat.md).
pub(crate) fn block_padding(block_size: usize) -> Result<(), Error> {
    match block_size {
        0 | 1 => Ok(()),
        2..=MAX_PLAINTEXT => Err(Error::unsupported(
            "TLS 1.3 record padding (rustls 0.23 cannot pad records): only block sizes 0 and 1 (no padding)",
        )),
        _ => Err(Error::invalid_argument(
            "block size above SSL3_RT_MAX_PLAIN_LENGTH (16384)",
        )),
    }
}

/// Whether the ClientHello at the start of `stream` offers TLS 1.3 early data
/// (an early_data extension, RFC 8446 §4.2.10).
pub(crate) fn offers_early_data(stream: &[u8]) -> bool {
    hello_has_extension(stream, 42)
}

/// Whether the ClientHello at the start of `stream` asks for OCSP stapling
/// (a status_request extension, RFC 6066 §8): OpenSSL runs the server's status
/// callback only then.
pub(crate) fn requests_status(stream: &[u8]) -> bool {
    hello_has_extension(stream, 5)
}

/// Whether the ClientHello at the start of `stream` (its first record) carries
/// extension `ext`.
fn hello_has_extension(stream: &[u8], ext: u16) -> bool {
    let ext = ext.to_be_bytes();
    let parse = |b: &[u8]| -> Option<bool> {
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
            if b[at..at + 2] == ext {
                return Some(true);
            }
            at = skip(b, at + 2, 2)?;
        }
        Some(false)
    };
    parse(stream).unwrap_or(false)
}

/// The random of a ServerHello record at the start of `bytes`.
pub(crate) fn server_hello_random(bytes: &[u8]) -> Option<[u8; 32]> {
    hello_random(bytes, 2)
}

/// The random of a hello (`msg`: 1 ClientHello, 2 ServerHello) whose record
/// starts `bytes`: record header (type 22), handshake header, legacy_version, random.
pub(crate) fn hello_random(bytes: &[u8], msg: u8) -> Option<[u8; 32]> {
    if bytes.first() != Some(&22) || bytes.get(5) != Some(&msg) {
        return None;
    }
    bytes.get(11..43)?.try_into().ok()
}

/// A byte buffer whose memory is zero-filled only when it grows: `buf[start..end]` holds
/// the data, `buf[end..]` is room. Empty buffers go back to the thread's spares
/// (`tidy`), so an idle connection holds none and a busy one reuses the same few.
#[derive(Default)]
pub(crate) struct Buf {
    pub(crate) buf: Vec<u8>,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Buf {
    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }

    pub(crate) fn data(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    pub(crate) fn data_mut(&mut self) -> &mut [u8] {
        &mut self.buf[self.start..self.end]
    }

    /// At least `min` bytes of room after the data (a spare's, or just what is
    /// needed: a descriptor BIO's 5-byte header read takes no 16 KiB buffer).
    pub(crate) fn room(&mut self, min: usize) -> &mut [u8] {
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
    pub(crate) fn commit(&mut self, n: usize) {
        self.end += n;
    }

    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.room(bytes.len())[..bytes.len()].copy_from_slice(bytes);
            self.commit(bytes.len());
        }
    }

    /// Drops the first `n` bytes of the data.
    pub(crate) fn consume(&mut self, n: usize) {
        self.start += n.min(self.len());
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// `buf[start..]` becomes the data (a buffer taken over from a memory BIO).
    pub(crate) fn adopt(&mut self, buf: Vec<u8>, start: usize) {
        spare_give(std::mem::replace(&mut self.buf, buf));
        self.start = start;
        self.end = self.buf.len();
    }

    pub(crate) fn release(&mut self) {
        if self.end == 0 && !self.buf.is_empty() {
            spare_give(std::mem::take(&mut self.buf));
        }
    }
}

/// Room for one maximum record (RFC 8446 §5.2: 2^14 + 256 bytes of ciphertext) with
/// its header: what a memory BIO read asks for.
pub(crate) const SPARE_SIZE: usize = 5 + MAX_PLAINTEXT + 256;
pub(crate) const SPARES_MAX: usize = 4;

thread_local! {
    static SPARES: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

pub(crate) fn spare_take() -> Vec<u8> {
    SPARES
        .try_with(|s| s.borrow_mut().pop())
        .ok()
        .flatten()
        .unwrap_or_default()
}

pub(crate) fn spare_give(buf: Vec<u8>) {
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
    pub(crate) fn tidy(&mut self) {
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
pub(crate) struct RecordProgress {
    /// Bytes of the current record read so far (at the end of `inbuf`).
    pub(crate) have: usize,
    /// Its body length, once the header is in.
    pub(crate) body: Option<usize>,
}

/// RFC 8446 §5.1: a plaintext record longer than 2^14 bytes is a record_overflow.
pub(crate) const MAX_PLAINTEXT: usize = 16384;
/// RFC 8446 §5.2: TLSCiphertext may be 2^14 + 256 bytes; RFC 5246 §6.2.3: 2^14 + 2048.
const MAX_CIPHERTEXT_13: usize = MAX_PLAINTEXT + 256;
const MAX_CIPHERTEXT_12: usize = MAX_PLAINTEXT + 2048;

const ALERT_UNEXPECTED_MESSAGE: u8 = 10;
const ALERT_BAD_RECORD_MAC: u8 = 20;
const ALERT_RECORD_OVERFLOW: u8 = 22;

/// Where a connection stands for the alerts ferrossl's record layer sends on its
/// own: plaintext ones before anything is encrypted, ones sealed with the traffic
/// key once the handshake is done (`sealed_alert`). In between (TLS 1.3's
/// handshake keys, which rustls does not hand over) rustls' record layer decides.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Phase {
    Plain,
    Handshake,
    Tls12,
    Tls13,
}

/// The first record in `data` (which starts at a record boundary) whose header
/// alone is fatal, with its offset, the alert RFC 8446 §5 / RFC 5246 §6 name for
/// it and OpenSSL's reason; only headers rustls would answer with another alert
/// (decode_error for an unknown type or an empty record, bad_record_mac for an
/// oversized ciphertext). A header whose version byte is not 3 is left to rustls
/// ("wrong version number", an HTTP request).
pub(crate) fn screen(data: &[u8], phase: Phase) -> Option<(usize, u8, c_int)> {
    if phase == Phase::Handshake {
        return None;
    }
    let mut at = 0;
    while let Some(h) = data.get(at..at + 5) {
        let (typ, len) = (h[0], usize::from(u16::from_be_bytes([h[3], h[4]])));
        let bad = match (phase, typ) {
            _ if h[1] != 3 => None,
            (_, 20..=23) if len > MAX_CIPHERTEXT_12 => {
                Some((ALERT_RECORD_OVERFLOW, SSL_R_PACKET_LENGTH_TOO_LONG))
            }
            (Phase::Plain, 20..=22) if len > MAX_PLAINTEXT => {
                Some((ALERT_RECORD_OVERFLOW, SSL_R_ENCRYPTED_LENGTH_TOO_LONG))
            }
            (Phase::Plain, 20..=22) if len == 0 => {
                Some((ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE))
            }
            // too short to hold a MAC or tag: what decryption would say
            (Phase::Tls12, 21 | 22) if len == 0 => Some((
                ALERT_BAD_RECORD_MAC,
                SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC,
            )),
            (Phase::Plain, 20..=23) | (Phase::Tls12, 20..=23) => None,
            (Phase::Plain, _) => Some((ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE)),
            (Phase::Tls13, 23) if len > MAX_CIPHERTEXT_13 => {
                Some((ALERT_RECORD_OVERFLOW, SSL_R_ENCRYPTED_LENGTH_TOO_LONG))
            }
            (Phase::Tls13, 23) => None,
            // after a TLS 1.3 handshake every record is application_data
            // (§5: change_cipher_spec only during the handshake)
            _ => Some((ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE)),
        };
        if let Some((alert, reason)) = bad {
            return Some((at, alert, reason));
        }
        at += 5 + len;
    }
    None
}

/// A fatal alert sealed with the connection's own write key and sequence number,
/// for a connection that ends with it. rustls 0.23 has no call to send an alert of
/// the caller's choosing, but it hands its traffic keys over
/// (`dangerous_into_kernel_connection`, enabled by `enable_secret_extraction`),
/// and its cipher suite seals the record: ferrossl writes no cryptography.
/// `None` when the keys cannot be had (the alert is then not sent).
pub(crate) fn sealed_alert(conn: Conn, alert: u8) -> Option<Vec<u8>> {
    let suite = match &conn {
        Conn::Client(c) => c.negotiated_cipher_suite(),
        Conn::Server(c) => c.negotiated_cipher_suite(),
    }?;
    let secrets = match conn {
        Conn::Client(c) => c.dangerous_into_kernel_connection().ok()?.0,
        Conn::Server(c) => c.dangerous_into_kernel_connection().ok()?.0,
    };
    let (seq, tx) = secrets.tx;
    let (key, iv) = match tx {
        ConnectionTrafficSecrets::Aes128Gcm { key, iv }
        | ConnectionTrafficSecrets::Aes256Gcm { key, iv }
        | ConnectionTrafficSecrets::Chacha20Poly1305 { key, iv } => (key, iv),
        _ => return None,
    };
    let mut sealer = match suite {
        SupportedCipherSuite::Tls13(s) => s.aead_alg.encrypter(key, iv),
        SupportedCipherSuite::Tls12(s) => {
            let shape = s.aead_alg.key_block_shape();
            let (fixed, rest) = iv.as_ref().split_at(shape.fixed_iv_len);
            s.aead_alg
                .encrypter(key, fixed, rest.get(..shape.explicit_nonce_len)?)
        }
    };
    let payload = [2, alert];
    let msg = OutboundPlainMessage {
        typ: ContentType::Alert,
        version: ProtocolVersion::TLSv1_2,
        payload: OutboundChunks::Single(&payload),
    };
    Some(sealer.encrypt(msg, seq).ok()?.encode())
}

/// A fatal alert record in plaintext.
pub(crate) fn plain_alert(alert: u8) -> [u8; 7] {
    [21, 3, 3, 0, 2, 2, alert]
}

/// Reads more of the peer's bytes into `inbuf`: what a memory BIO holds (up to a
/// record's worth of room), else the rest of the current record's header or body.
/// 0 at EOF.
pub(crate) fn fill(io: &mut Io) -> Result<usize, Stop> {
    let client = matches!(&io.tls, Tls::Conn(c) if matches!(**c, Conn::Client(_)));
    let Io {
        rbio: Some(rbio),
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
            // (a header RFC 8446 §5 makes fatal is caught by `screen` before
            // the body is read)
            record.body = Some(usize::from(u16::from_be_bytes([h[3], h[4]])));
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
pub(crate) fn input_waiting(io: &Io) -> bool {
    io.rbio
        .as_deref()
        .and_then(bio_st::fd)
        .is_some_and(crate::ffi::fd_readable_now)
}

/// Writes `out` to the write BIO.
pub(crate) fn flush(io: &mut Io) -> Result<(), Stop> {
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

#[cfg(test)]
mod sniffer_tests {
    use super::{offers_psk, requests_status};

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

    #[test]
    fn finds_a_status_request() {
        let ocsp: &[u8] = b"\x01\x00\x00\x00\x00";
        let asks = client_hello(&[(43, b"\x02\x03\x04"), (5, ocsp), (41, &[0; 40])]);
        let not = client_hello(&[(43, b"\x02\x03\x04"), (41, &[0; 40])]);
        assert!(requests_status(&asks));
        assert!(offers_psk(&asks));
        assert!(!requests_status(&not));
        assert!(!requests_status(&asks[..asks.len() - 50]));
        assert!(!requests_status(&[]));
    }
}

#[cfg(test)]
mod record_tests {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;

    use super::{fill, flush, screen, Buf, Io, Phase, Stop};
    use crate::crypto::bio::bio_st;

    fn io(rbio: Option<Arc<bio_st>>, wbio: Option<Arc<bio_st>>) -> Io {
        Io::new(rbio, wbio)
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
    fn screen_names_the_alert_a_header_alone_calls_for() {
        use crate::abi::reasons::*;
        let rec = |t: u8, len: u16| {
            let mut v = vec![t, 3, 3];
            v.extend(len.to_be_bytes());
            v
        };
        // nothing encrypted yet: plaintext over 2^14, empty records, unknown types
        let overflow = Some((0, 22, SSL_R_ENCRYPTED_LENGTH_TOO_LONG));
        assert_eq!(screen(&rec(22, 0x4001), Phase::Plain), overflow);
        assert_eq!(screen(&rec(22, 0x4000), Phase::Plain), None);
        let unexpected = Some((0, 10, SSL_R_UNEXPECTED_MESSAGE));
        assert_eq!(screen(&rec(21, 0), Phase::Plain), unexpected);
        assert_eq!(screen(&rec(0, 4), Phase::Plain), unexpected);
        // not TLS at all: rustls' "wrong version number" / "http request"
        assert_eq!(screen(b"GET / HTTP/1.0", Phase::Plain), None);
        // after TLS 1.3: application_data only, at most 2^14 + 256 bytes; the offset
        // is the bad record's, after a good one
        let mut two = rec(23, 4);
        two.extend([0; 4]);
        two.extend(rec(23, 16641));
        let overflow_at_9 = Some((9, 22, SSL_R_ENCRYPTED_LENGTH_TOO_LONG));
        assert_eq!(screen(&two, Phase::Tls13), overflow_at_9);
        assert_eq!(screen(&rec(23, 16640), Phase::Tls13), None);
        let bad_type = Some((0, 10, SSL_R_BAD_RECORD_TYPE));
        assert_eq!(screen(&rec(21, 2), Phase::Tls13), bad_type);
        // TLS 1.2 ciphertext may be 2^14 + 2048 bytes
        assert_eq!(screen(&rec(23, 16641), Phase::Tls12), None);
        let too_long = Some((0, 22, SSL_R_PACKET_LENGTH_TOO_LONG));
        assert_eq!(screen(&rec(23, 18433), Phase::Tls12), too_long);
        // under TLS 1.3 handshake keys rustls decides
        assert_eq!(screen(&rec(0, 4), Phase::Handshake), None);
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
