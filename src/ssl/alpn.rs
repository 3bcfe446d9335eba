//! ALPN / NPN protocol selection in OpenSSL's wire format (`SSL_select_next_proto`).

use crate::abi::consts::{OPENSSL_NPN_NEGOTIATED, OPENSSL_NPN_NO_OVERLAP};
use std::ffi::c_int;

// ---------------------------------------------------------------------------
// ALPN / NPN protocol selection.

/// Where `SSL_select_next_proto`'s answer points.
#[derive(Debug, PartialEq, Eq)]
pub enum Selected {
    /// `server[start..start + len]`: the first server protocol the client offers.
    Server(usize, usize),
    /// `client[start..start + len]`: no overlap, the client's first protocol.
    Client(usize, usize),
    /// No overlap and no usable client protocol: `*out = NULL, *outlen = 0`.
    Nothing,
}

/// Splits a length-prefixed protocol list; a truncated tail is ignored.
pub(crate) fn protocols(wire: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let len = usize::from(*wire.get(at)?);
        let start = at + 1;
        if start + len > wire.len() {
            return None;
        }
        at = start + len;
        Some((start, len))
    })
}

/// OpenSSL 3.0.15+'s `SSL_select_next_proto` (after the CVE-2024-5535 fix),
/// as a pure function (the entry point is in `entry/ssl.rs`):
/// an empty or malformed client list gives `Nothing`; otherwise the first
/// protocol in *server* order that the client also lists, else the client's
/// first protocol as the opportunistic fallback. Empty server entries are
/// skipped, trailing garbage in either list is ignored.
pub fn select_next_proto(server: &[u8], client: &[u8]) -> (c_int, Selected) {
    let Some((c0, c0len)) = protocols(client).next() else {
        return (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing);
    };
    if c0len == 0 {
        return (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing);
    }
    for (s, slen) in protocols(server) {
        if slen == 0 {
            continue;
        }
        let want = &server[s..s + slen];
        if protocols(client).any(|(c, clen)| &client[c..c + clen] == want) {
            return (OPENSSL_NPN_NEGOTIATED, Selected::Server(s, slen));
        }
    }
    (OPENSSL_NPN_NO_OVERLAP, Selected::Client(c0, c0len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_next_proto_openssl_semantics() {
        let server = b"\x02h2\x08http/1.1";
        // First server protocol the client lists wins, in server order.
        assert_eq!(
            select_next_proto(server, b"\x08http/1.1\x02h2"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(1, 2))
        );
        assert_eq!(
            select_next_proto(server, b"\x08http/1.1"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(4, 8))
        );
        // No overlap: the client's first protocol.
        assert_eq!(
            select_next_proto(server, b"\x03foo\x03bar"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 3))
        );
        // Empty or malformed client list: nothing (CVE-2024-5535 fix).
        assert_eq!(
            select_next_proto(server, b""),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        assert_eq!(
            select_next_proto(server, b"\x05ab"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        assert_eq!(
            select_next_proto(server, b"\x00\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Nothing)
        );
        // Empty server list / empty server entries / trailing garbage.
        assert_eq!(
            select_next_proto(b"", b"\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 2))
        );
        assert_eq!(
            select_next_proto(b"\x00\x02h2\x09xx", b"\x02h2"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(2, 2))
        );
        // An empty client entry does not end the client list (OpenSSL 3.0.22).
        assert_eq!(
            select_next_proto(b"\x03foo", b"\x02h2\x00\x03foo"),
            (OPENSSL_NPN_NEGOTIATED, Selected::Server(1, 3))
        );
        // A prefix is not a match.
        assert_eq!(
            select_next_proto(b"\x01h", b"\x02h2"),
            (OPENSSL_NPN_NO_OVERLAP, Selected::Client(1, 2))
        );
    }
}
