//! `ssl.h`: `SSL_ctrl` / `SSL_CTX_ctrl`, the numbered commands behind OpenSSL's macros.

use crate::abi::consts::{
    TLSEXT_NAMETYPE_host_name, SSL_CTRL_CHAIN, SSL_CTRL_CHAIN_CERT, SSL_CTRL_CLEAR_MODE,
    SSL_CTRL_EXTRA_CHAIN_CERT, SSL_CTRL_GET_EXTMS_SUPPORT, SSL_CTRL_GET_EXTRA_CHAIN_CERTS,
    SSL_CTRL_GET_MAX_PROTO_VERSION, SSL_CTRL_GET_MIN_PROTO_VERSION, SSL_CTRL_GET_NEGOTIATED_GROUP,
    SSL_CTRL_GET_PEER_TMP_KEY, SSL_CTRL_GET_RAW_CIPHERLIST, SSL_CTRL_GET_READ_AHEAD,
    SSL_CTRL_GET_SESS_CACHE_MODE, SSL_CTRL_GET_SESS_CACHE_SIZE, SSL_CTRL_GET_TMP_KEY,
    SSL_CTRL_MODE, SSL_CTRL_OPTIONS, SSL_CTRL_SELECT_CURRENT_CERT, SSL_CTRL_SESS_ACCEPT,
    SSL_CTRL_SESS_ACCEPT_GOOD, SSL_CTRL_SESS_ACCEPT_RENEGOTIATE, SSL_CTRL_SESS_CACHE_FULL,
    SSL_CTRL_SESS_CB_HIT, SSL_CTRL_SESS_CONNECT, SSL_CTRL_SESS_CONNECT_GOOD,
    SSL_CTRL_SESS_CONNECT_RENEGOTIATE, SSL_CTRL_SESS_HIT, SSL_CTRL_SESS_MISSES,
    SSL_CTRL_SESS_NUMBER, SSL_CTRL_SESS_TIMEOUTS, SSL_CTRL_SET_CLIENT_SIGALGS_LIST,
    SSL_CTRL_SET_DH_AUTO, SSL_CTRL_SET_ECDH_AUTO, SSL_CTRL_SET_GROUPS_LIST,
    SSL_CTRL_SET_MAX_PROTO_VERSION, SSL_CTRL_SET_MAX_SEND_FRAGMENT, SSL_CTRL_SET_MIN_PROTO_VERSION,
    SSL_CTRL_SET_READ_AHEAD, SSL_CTRL_SET_SESS_CACHE_MODE, SSL_CTRL_SET_SESS_CACHE_SIZE,
    SSL_CTRL_SET_SIGALGS_LIST, SSL_CTRL_SET_TLSEXT_HOSTNAME, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG,
    SSL_CTRL_SET_TMP_DH, SSL_CTRL_SET_TMP_ECDH,
};
use crate::abi::consts::{
    SSL_CTRL_GET_SHARED_GROUP, SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB,
    SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB_ARG, SSL_CTRL_GET_TLSEXT_STATUS_REQ_OCSP_RESP,
    SSL_CTRL_GET_TLSEXT_STATUS_REQ_TYPE, SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB_ARG,
    SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP, SSL_CTRL_SET_TLSEXT_STATUS_REQ_TYPE,
};
use crate::abi::reasons::{SSL_R_UNKNOWN_CMD_NAME, SSL_R_UNSUPPORTED_PROTOCOL};
use crate::crypto::err::Error;
use crate::ffi::{self, Ptr};
use crate::ssl::connection::ssl_st;
use crate::ssl::context::{self, ssl_ctx_st};
use std::ffi::{c_char, c_int, c_long, c_void};
use std::sync::atomic::Ordering;

/// Accepted for compatibility and ignored (TLS 1.3 and rustls make them
/// obsolete: DH/ECDH parameters, signature-algorithm lists, read-ahead).
fn ignored(cmd: c_int) -> Option<c_long> {
    match cmd {
        SSL_CTRL_SET_TMP_DH
        | SSL_CTRL_SET_TMP_ECDH
        | SSL_CTRL_SET_ECDH_AUTO
        | SSL_CTRL_SET_DH_AUTO => Some(1),
        SSL_CTRL_SET_SIGALGS_LIST
        | SSL_CTRL_SET_CLIENT_SIGALGS_LIST
        | SSL_CTRL_SET_MAX_SEND_FRAGMENT => Some(1),
        SSL_CTRL_GET_READ_AHEAD | SSL_CTRL_SET_READ_AHEAD | SSL_CTRL_OPTIONS => Some(0),
        _ => None,
    }
}

fn valid_version(v: c_long) -> Option<c_int> {
    let v = c_int::try_from(v).ok()?;
    matches!(
        v,
        0 | crate::abi::consts::TLS1_VERSION
            | crate::abi::consts::TLS1_1_VERSION
            | crate::abi::consts::TLS1_2_VERSION
            | crate::abi::consts::TLS1_3_VERSION
    )
    .then_some(v)
}

fn unknown(target: &str, cmd: c_int) -> Error {
    Error::ssl(SSL_R_UNKNOWN_CMD_NAME)
        .data(&format!("ferrossl does not support {target} command {cmd}"))
}

pub fn ctx_ctrl(
    ctx: &ssl_ctx_st,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Result<c_long, Error> {
    if let Some(v) = ignored(cmd) {
        return Ok(v);
    }
    match cmd {
        SSL_CTRL_MODE => Ok(ctx.update(|s| {
            s.mode |= larg;
            s.mode
        })),
        SSL_CTRL_CLEAR_MODE => Ok(ctx.update(|s| {
            s.mode &= !larg;
            s.mode
        })),
        SSL_CTRL_SET_SESS_CACHE_SIZE => {
            if larg < 0 {
                return Ok(0);
            }
            Ok(ctx.sessions.size.swap(larg, Ordering::Relaxed) as c_long)
        }
        SSL_CTRL_GET_SESS_CACHE_SIZE => Ok(ctx.sessions.size.load(Ordering::Relaxed) as c_long),
        SSL_CTRL_SET_SESS_CACHE_MODE => {
            Ok(ctx.sessions.mode.swap(larg, Ordering::Relaxed) as c_long)
        }
        SSL_CTRL_GET_SESS_CACHE_MODE => Ok(ctx.sessions.mode()),
        SSL_CTRL_SESS_NUMBER => Ok(ctx.sessions.number() as c_long),
        // ferrossl never renegotiates.
        SSL_CTRL_SESS_CONNECT_RENEGOTIATE | SSL_CTRL_SESS_ACCEPT_RENEGOTIATE => Ok(0),
        SSL_CTRL_SESS_HIT
        | SSL_CTRL_SESS_CB_HIT
        | SSL_CTRL_SESS_MISSES
        | SSL_CTRL_SESS_TIMEOUTS
        | SSL_CTRL_SESS_CACHE_FULL
        | SSL_CTRL_SESS_CONNECT
        | SSL_CTRL_SESS_CONNECT_GOOD
        | SSL_CTRL_SESS_ACCEPT
        | SSL_CTRL_SESS_ACCEPT_GOOD => {
            let c = &ctx.sessions.counters;
            let n = match cmd {
                SSL_CTRL_SESS_CONNECT => &c.connect,
                SSL_CTRL_SESS_CONNECT_GOOD => &c.connect_good,
                SSL_CTRL_SESS_ACCEPT => &c.accept,
                SSL_CTRL_SESS_ACCEPT_GOOD => &c.accept_good,
                SSL_CTRL_SESS_HIT => &c.hits,
                SSL_CTRL_SESS_CB_HIT => &c.cb_hits,
                SSL_CTRL_SESS_MISSES => &c.misses,
                SSL_CTRL_SESS_TIMEOUTS => &c.timeouts,
                _ => &c.cache_full,
            };
            Ok(n.load(Ordering::Relaxed) as c_long)
        }
        SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG => {
            ctx.update(|s| s.servername_arg = Ptr(parg));
            Ok(1)
        }
        SSL_CTRL_SET_GROUPS_LIST => {
            let list = ffi::cstr(parg as *const c_char)?;
            let groups = parse_groups(list)?;
            ctx.update(|s| s.groups = groups);
            Ok(1)
        }
        SSL_CTRL_SET_MIN_PROTO_VERSION | SSL_CTRL_SET_MAX_PROTO_VERSION => {
            let Some(v) = valid_version(larg) else {
                return Ok(0);
            };
            ctx.update(|s| {
                if cmd == SSL_CTRL_SET_MIN_PROTO_VERSION {
                    s.min_version = v
                } else {
                    s.max_version = v
                }
            });
            Ok(1)
        }
        SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB_ARG => {
            ctx.update(|s| s.status_arg = Ptr(parg));
            Ok(1)
        }
        SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB => {
            ffi::write_out(
                parg as *mut context::SSL_tlsext_status_cb,
                ctx.settings().status_cb,
            );
            Ok(1)
        }
        SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB_ARG => {
            ffi::write_out(parg as *mut *mut c_void, ctx.settings().status_arg.0);
            Ok(1)
        }
        SSL_CTRL_SET_TLSEXT_STATUS_REQ_TYPE => {
            ctx.update(|s| s.status_type = larg as c_int);
            Ok(1)
        }
        SSL_CTRL_GET_TLSEXT_STATUS_REQ_TYPE => Ok(ctx.settings().status_type as c_long),
        SSL_CTRL_GET_MIN_PROTO_VERSION => Ok(ctx.settings().min_version as c_long),
        SSL_CTRL_GET_MAX_PROTO_VERSION => Ok(ctx.settings().max_version as c_long),
        SSL_CTRL_EXTRA_CHAIN_CERT | SSL_CTRL_CHAIN_CERT => {
            let x = ffi::borrow(parg as *const crate::crypto::x509::x509_st)?;
            let der = x.der().clone();
            ctx.update(|s| s.identity.add_chain_cert(der));
            // EXTRA_CHAIN_CERT and add0 (larg 0) take ownership of the X509.
            if cmd == SSL_CTRL_EXTRA_CHAIN_CERT || larg == 0 {
                ffi::release(parg as *const crate::crypto::x509::x509_st);
            }
            Ok(1)
        }
        // SSL_CTX_select_current_cert: 1 if `parg` is the certificate set
        // (the one ferrossl serves), else 0
        SSL_CTRL_SELECT_CURRENT_CERT => {
            let x = ffi::borrow(parg as *const crate::crypto::x509::x509_st)?;
            let set = ctx.settings().identity.chain.first().cloned();
            Ok(c_long::from(set.as_ref() == Some(x.der())))
        }
        // SSL_CTX_get_extra_chain_certs: the chain after the leaf, as a stack
        // the SSL_CTX owns (stable while the chain does not change)
        SSL_CTRL_GET_EXTRA_CHAIN_CERTS => {
            if parg.is_null() {
                return Err(Error::null_pointer());
            }
            let chain: Vec<_> = ctx
                .settings()
                .identity
                .chain
                .iter()
                .skip(1)
                .cloned()
                .collect();
            let mut slot = ctx.extra_chain_stack.lock();
            if slot.as_ref().is_none_or(|(d, _)| *d != chain) {
                let certs = chain
                    .iter()
                    .map(|d| crate::crypto::x509::x509_st::from_der(d))
                    .collect::<Result<Vec<_>, _>>()?;
                *slot = Some((chain, crate::crypto::stack::X509Stack::new(certs)));
            }
            let p = slot.as_ref().map_or(std::ptr::null_mut(), |(_, s)| {
                std::sync::Arc::as_ptr(&s.0) as *mut crate::crypto::stack::stack_st
            });
            ffi::write_out(parg as *mut *mut crate::crypto::stack::stack_st, p);
            Ok(1)
        }
        SSL_CTRL_CHAIN => {
            // SSL_CTX_set0_chain (larg 0: takes the stack and its certificates)
            // and set1_chain (larg 1: copies); NULL or an empty stack clears
            // the chain, as SSL_CTX_clear_chain_certs does.
            let st = parg as *mut crate::crypto::stack::stack_st;
            let items = if st.is_null() {
                Vec::new()
            } else {
                ffi::borrow(st)?.to_vec()
            };
            let mut der = Vec::with_capacity(items.len());
            for p in &items {
                der.push(
                    ffi::borrow(*p as *const crate::crypto::x509::x509_st)?
                        .der()
                        .clone(),
                );
            }
            ctx.update(|s| s.identity.replace_chain_certs(der));
            if larg == 0 && !st.is_null() {
                for p in items {
                    ffi::release(p as *const crate::crypto::x509::x509_st);
                }
                ffi::release(st);
            }
            Ok(1)
        }
        _ => Err(unknown("SSL_CTX_ctrl", cmd)),
    }
}

pub fn ssl_ctrl(
    ssl: &ssl_st,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Result<c_long, Error> {
    if let Some(v) = ignored(cmd) {
        return Ok(v);
    }
    match cmd {
        SSL_CTRL_MODE => {
            let mut st = ssl.st.lock();
            st.mode |= larg;
            Ok(st.mode)
        }
        // SSL_get0_raw_cipherlist: the size of a cipher id (2) for a NULL
        // out-pointer; ferrossl keeps no copy of the ClientHello's list, so
        // 0 with one, as OpenSSL answers when it has none
        SSL_CTRL_GET_RAW_CIPHERLIST => Ok(if parg.is_null() { 2 } else { 0 }),
        SSL_CTRL_CLEAR_MODE => {
            let mut st = ssl.st.lock();
            st.mode &= !larg;
            Ok(st.mode)
        }
        SSL_CTRL_SET_TLSEXT_HOSTNAME => {
            if larg as c_int != TLSEXT_NAMETYPE_host_name {
                return Err(Error::ssl(SSL_R_UNSUPPORTED_PROTOCOL).data("SNI name type"));
            }
            let name = if parg.is_null() {
                None
            } else {
                Some(ffi::cstr(parg as *const c_char)?.to_owned())
            };
            if name.as_ref().is_some_and(|n| n.len() > 255 || n.is_empty()) {
                return Err(Error::ssl(319)); // SSL_R_SSL3_EXT_INVALID_SERVERNAME
            }
            ssl.st.lock().sni = name;
            Ok(1)
        }
        SSL_CTRL_SET_MIN_PROTO_VERSION | SSL_CTRL_SET_MAX_PROTO_VERSION => {
            let Some(v) = valid_version(larg) else {
                return Ok(0);
            };
            let mut st = ssl.st.lock();
            if cmd == SSL_CTRL_SET_MIN_PROTO_VERSION {
                st.overrides.min_version = Some(v)
            } else {
                st.overrides.max_version = Some(v)
            }
            Ok(1)
        }
        SSL_CTRL_GET_MIN_PROTO_VERSION => {
            let v = ssl.st.lock().overrides.min_version;
            Ok(v.unwrap_or_else(|| ssl.ctx().settings().min_version) as c_long)
        }
        SSL_CTRL_GET_MAX_PROTO_VERSION => {
            let v = ssl.st.lock().overrides.max_version;
            Ok(v.unwrap_or_else(|| ssl.ctx().settings().max_version) as c_long)
        }
        SSL_CTRL_GET_NEGOTIATED_GROUP => Ok(ssl.negotiated().group.map(group_nid).unwrap_or(0)),
        SSL_CTRL_GET_SHARED_GROUP => Ok(shared_group(ssl, larg)),
        SSL_CTRL_SET_TLSEXT_STATUS_REQ_TYPE => {
            ssl.st.lock().status_type = larg as c_int;
            Ok(1)
        }
        SSL_CTRL_GET_TLSEXT_STATUS_REQ_TYPE => Ok(ssl.st.lock().status_type as c_long),
        SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP => {
            // The SSL takes the OPENSSL_malloc'd buffer: kept as a copy, freed now.
            let resp = if parg.is_null() {
                None
            } else {
                let len = usize::try_from(larg)
                    .map_err(|_| Error::invalid_argument("negative OCSP response length"))?;
                let v = ffi::slice_usize(parg as *const u8, len)?.to_vec();
                ffi::free(parg);
                Some(v)
            };
            ssl.st.lock().ocsp_resp = resp;
            Ok(1)
        }
        SSL_CTRL_GET_TLSEXT_STATUS_REQ_OCSP_RESP => {
            let st = ssl.st.lock();
            let (p, len) = match &st.ocsp_resp {
                Some(v) if !v.is_empty() => (v.as_ptr(), v.len() as c_long),
                _ => (std::ptr::null(), -1),
            };
            ffi::write_out(parg as *mut *const u8, p);
            Ok(len)
        }
        SSL_CTRL_GET_EXTMS_SUPPORT => Ok(if ssl.handshake_done() { 1 } else { -1 }),
        // SSL_get_peer_tmp_key / SSL_get_tmp_key: rustls does not expose the key
        // shares, so there is no key to return: 0 without an error, as OpenSSL
        // answers when it has none (stunnel logs "No peer temporary key received").
        SSL_CTRL_GET_PEER_TMP_KEY | SSL_CTRL_GET_TMP_KEY => Ok(0),
        // SSL_num_renegotiations / SSL_clear_num_renegotiations /
        // SSL_total_renegotiations: rustls never renegotiates, so 0.
        10..=12 => Ok(0),
        // SSL_get_peer_signature_nid / SSL_get_signature_nid: rustls does not
        // say which scheme signed, so none (0, no error), as OpenSSL before one is seen.
        108 | 132 => Ok(0),
        // SSL_get0_certificate_types: the certificate types of a
        // CertificateRequest are not exposed by rustls; none (0).
        103 => Ok(0),
        // SSL_get_secure_renegotiation_support: TLS 1.2 peers of rustls
        // exchange the RFC 5746 extension (rustls renegotiates never); TLS 1.3
        // has no renegotiation, and OpenSSL answers 0 there too.
        76 => Ok(c_long::from(
            ssl.negotiated().version == crate::abi::consts::TLS1_2_VERSION,
        )),
        _ => Err(unknown("SSL_ctrl", cmd)),
    }
}

/// A colon-separated group list ("X25519MLKEM768:X25519:P-256"); unknown
/// names fail the whole list, as OpenSSL does; groups OpenSSL knows but ferrossl does
/// not offer, and "?name" entries, are left out.
pub fn parse_groups(
    list: &str,
) -> Result<Vec<&'static dyn rustls::crypto::SupportedKxGroup>, Error> {
    let mut out: Vec<&'static dyn rustls::crypto::SupportedKxGroup> = Vec::new();
    for name in list.split(':').filter(|n| !n.is_empty()) {
        // OpenSSL 3.3's "?name": skip the group when it is unknown.
        let (optional, name) = match name.strip_prefix('?') {
            Some(n) => (true, n),
            None => (false, name),
        };
        match context::group_by_name(name) {
            Some(g) => {
                if !out.iter().any(|o| o.name() == g.name()) {
                    out.push(g)
                }
            }
            // Groups OpenSSL knows but ferrossl does not offer (stunnel's default list
            // names X448, P-521 and ffdhe*): left out, so the rest of the list applies.
            None if optional || known_unoffered_group(name) => {}
            None => {
                return Err(
                    Error::ssl(SSL_R_UNKNOWN_CMD_NAME).data(&format!("unsupported group {name}"))
                )
            }
        }
    }
    if out.is_empty() {
        return Err(Error::invalid_argument("no supported group in the list"));
    }
    Ok(out)
}

/// Group names OpenSSL 3 accepts (its TLS group table and curve aliases) that ferrossl
/// does not implement.
fn known_unoffered_group(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "X448",
        "x448",
        "P-521",
        "secp521r1",
        "P-224",
        "secp224r1",
        "P-192",
        "prime192v1",
        "secp192r1",
        "secp256k1",
        "brainpoolP256r1",
        "brainpoolP384r1",
        "brainpoolP512r1",
        "brainpoolP256r1tls13",
        "brainpoolP384r1tls13",
        "brainpoolP512r1tls13",
        "ffdhe2048",
        "ffdhe3072",
        "ffdhe4096",
        "ffdhe6144",
        "ffdhe8192",
        "secp160k1",
        "secp160r1",
        "secp160r2",
        "secp192k1",
        "secp224k1",
        "sect163k1",
        "sect163r1",
        "sect163r2",
        "sect193r1",
        "sect193r2",
        "sect233k1",
        "sect233r1",
        "sect239k1",
        "sect283k1",
        "sect283r1",
        "sect409k1",
        "sect409r1",
        "sect571k1",
        "sect571r1",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// `SSL_get_shared_group(s, n)`, as OpenSSL's `tls1_shared_group`: on a
/// server, the `n`th group both the client's supported_groups and ours hold
/// (in the client's order, ours under SSL_OP_CIPHER_SERVER_PREFERENCE) as a
/// NID, 0 past the end; `n == -1`: how many there are. A client: 0.
fn shared_group(ssl: &ssl_st, n: c_long) -> c_long {
    let (server, peer, options) = {
        let st = ssl.st.lock();
        (st.server == Some(true), st.peer_groups.clone(), st.options)
    };
    if !server {
        return 0;
    }
    let ours: Vec<u16> = ssl
        .ctx()
        .settings()
        .groups
        .iter()
        .map(|g| u16::from(g.name()))
        .collect();
    let (pref, supp) = if options & crate::abi::consts::SSL_OP_CIPHER_SERVER_PREFERENCE != 0 {
        (&ours, &peer)
    } else {
        (&peer, &ours)
    };
    let shared: Vec<u16> = pref.iter().copied().filter(|g| supp.contains(g)).collect();
    match n {
        -1 => shared.len() as c_long,
        n if n >= 0 => shared.get(n as usize).map_or(0, |&g| group_nid(g)),
        _ => 0,
    }
}

/// A TLS group id for an OpenSSL NID (the reverse of `group_nid`).
pub fn nid_group(nid: c_int) -> Option<u16> {
    Some(match nid {
        1034 => 0x001d,
        415 => 0x0017,
        715 => 0x0018,
        1035 => 0x001e,
        n if n & 0x0100_0000 != 0 => (n & 0xffff) as u16,
        _ => return None,
    })
}

/// OpenSSL 3's TLS name of a group id (`SSL_get0_group_name`, `SSL_group_to_name`).
pub fn group_name(id: u16) -> Option<&'static std::ffi::CStr> {
    Some(match id {
        0x001d => c"x25519",
        0x0017 => c"secp256r1",
        0x0018 => c"secp384r1",
        0x0019 => c"secp521r1",
        0x001e => c"x448",
        0x11ec => c"X25519MLKEM768",
        0x11eb => c"SecP256r1MLKEM768",
        0x11ed => c"SecP384r1MLKEM1024",
        0x0200 => c"MLKEM512",
        0x0201 => c"MLKEM768",
        0x0202 => c"MLKEM1024",
        _ => return None,
    })
}

/// OpenSSL's NID for a TLS group id (unknown ones: TLSEXT_nid_unknown | id).
pub fn group_nid(id: u16) -> c_long {
    match id {
        0x001d => 1034, // NID_X25519
        0x0017 => 415,  // NID_X9_62_prime256v1
        0x0018 => 715,  // NID_secp384r1
        0x001e => 1035, // NID_X448
        other => 0x0100_0000 | other as c_long,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_nids() {
        assert_eq!(parse_groups("X25519:P-256").unwrap().len(), 2);
        assert!(parse_groups("X25519:bogus").is_err());
        assert_eq!(
            parse_groups("X448:P-521:X25519:ffdhe2048").unwrap().len(),
            1
        );
        assert!(parse_groups("X448:ffdhe2048").is_err());
        assert_eq!(parse_groups("?brand-new:P-256").unwrap().len(), 1);
        // stunnel's default list: the groups ferrossl lacks are left out
        let g = parse_groups("X25519:P-256:X448:P-521:P-384:ffdhe2048:ffdhe3072").unwrap();
        assert_eq!(g.len(), 3);
        assert_eq!(parse_groups("?bogus:P-256").unwrap().len(), 1);
        assert!(parse_groups("X448:ffdhe2048").is_err());
        assert_eq!(group_nid(0x1d), 1034);
        assert_eq!(group_nid(0x11ec), 0x0100_11ec);
    }
}
