//! OpenSSL 3.0's socket layer (`crypto/bio/bio_addr.c`, `b_sock.c`,
//! `b_sock2.c`): `BIO_ADDR`, `BIO_ADDRINFO` lists from `BIO_lookup_ex`,
//! `BIO_parse_hostserv`, and the socket calls (`BIO_socket`, `BIO_connect`,
//! `BIO_bind`, `BIO_listen`, `BIO_accept_ex`, ...) with OpenSSL's error entries:
//! a system error with "calling socket()" (etc.) as its data, then the BIO reason.

use crate::abi::reasons::{
    BIO_R_ACCEPT_ERROR, BIO_R_AMBIGUOUS_HOST_OR_SERVICE, BIO_R_CONNECT_ERROR,
    BIO_R_GETSOCKNAME_ERROR, BIO_R_GETSOCKNAME_TRUNCATED_ADDRESS, BIO_R_GETTING_SOCKTYPE,
    BIO_R_INVALID_SOCKET, BIO_R_LISTEN_V6_ONLY, BIO_R_MALFORMED_HOST_OR_SERVICE,
    BIO_R_UNABLE_TO_BIND_SOCKET, BIO_R_UNABLE_TO_CREATE_SOCKET, BIO_R_UNABLE_TO_KEEPALIVE,
    BIO_R_UNABLE_TO_LISTEN_SOCKET, BIO_R_UNABLE_TO_NODELAY, BIO_R_UNABLE_TO_REUSEADDR,
    BIO_R_UNSUPPORTED_PROTOCOL_FAMILY, ERR_LIB_BIO, ERR_R_SYS_LIB,
};
use crate::abi::sock::*;
use crate::crypto::err::Error;
use crate::ffi::sock::{self, SockAddr};
use std::ffi::{c_int, CString};

/// `BIO_ADDR`: one socket address.
/// cbindgen:ignore
#[derive(Clone, Copy, Default)]
pub struct bio_addr_st {
    pub sa: SockAddr,
}
/// cbindgen:ignore
pub type BIO_ADDR = bio_addr_st;

/// `BIO_ADDRINFO`: one node of the list `BIO_lookup_ex` returns.
/// cbindgen:ignore
pub struct bio_addrinfo_st {
    pub family: c_int,
    pub socktype: c_int,
    pub protocol: c_int,
    pub addr: bio_addr_st,
    pub next: Option<Box<bio_addrinfo_st>>,
}
/// cbindgen:ignore
pub type BIO_ADDRINFO = bio_addrinfo_st;
crate::handle!(Owned: bio_addr_st, bio_addrinfo_st);

impl Drop for bio_addrinfo_st {
    fn drop(&mut self) {
        // Iteratively, so a long list cannot overflow the stack.
        let mut next = self.next.take();
        while let Some(mut n) = next {
            next = n.next.take();
        }
    }
}

/// Queues "calling NAME()" as a system error of `errno` (OpenSSL's
/// `ERR_raise_data(ERR_LIB_SYS, errno, "calling ...")`).
fn sys_error(errno: c_int, call: &str, func: &'static str) {
    Error::system(errno)
        .data(&format!("calling {call}()"))
        .push(func);
}

/// b_sock2.c's `MAX_LISTEN` (SOMAXCONN): the backlog `BIO_listen` asks for.
const MAX_LISTEN: c_int = libc::SOMAXCONN;

fn bio(reason: c_int) -> Error {
    Error::new(ERR_LIB_BIO, reason)
}

impl bio_addr_st {
    /// `BIO_ADDR_rawmake`: false for a family or length OpenSSL refuses.
    pub fn rawmake(&mut self, family: c_int, raw: &[u8], port_be: u16) -> bool {
        if family == libc::AF_UNIX && raw.len() + 1 > 108 {
            return false;
        }
        match SockAddr::make(family, raw, port_be) {
            Some(a) => {
                self.sa = a;
                true
            }
            None => false,
        }
    }

    /// `BIO_ADDR_hostname_string` / `BIO_ADDR_service_string` (OpenSSL's
    /// `addr_strings`): getnameinfo, numeric if asked; a service given back
    /// empty or "0" is the port number.
    pub fn strings(&self, numeric: bool, func: &'static str) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let flags = if numeric {
            libc::NI_NUMERICHOST | libc::NI_NUMERICSERV
        } else {
            0
        };
        match self.sa.name_info(flags) {
            Ok((h, mut s)) => {
                if s.is_empty() || s == b"0" {
                    s = u16::from_be(self.sa.port_be()).to_string().into_bytes();
                }
                Ok((h, s))
            }
            Err(code) if code == libc::EAI_SYSTEM => {
                sys_error(crate::ffi::errno(), "getnameinfo", func);
                Err(bio(ERR_R_SYS_LIB))
            }
            Err(code) => Err(bio(ERR_R_SYS_LIB).data(&sock::gai_strerror(code))),
        }
    }
}

/// `BIO_lookup_ex`: the addresses for `host` and `service` (getaddrinfo with
/// `AI_ADDRCONFIG` for a named host of any family, retried as numeric without
/// it, and `AI_PASSIVE` for a server), or one `AF_UNIX` address for the path `host`.
pub fn lookup(
    host: Option<&[u8]>,
    service: Option<&[u8]>,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
) -> Result<Box<bio_addrinfo_st>, Error> {
    if !matches!(
        family,
        libc::AF_INET | libc::AF_INET6 | libc::AF_UNIX | libc::AF_UNSPEC
    ) {
        return Err(bio(BIO_R_UNSUPPORTED_PROTOCOL_FAMILY));
    }
    if family == libc::AF_UNIX {
        let path = host.ok_or_else(Error::null_pointer)?;
        let mut addr = bio_addr_st::default();
        if !addr.rawmake(libc::AF_UNIX, path, 0) {
            return Err(bio(crate::abi::reasons::ERR_R_PASSED_INVALID_ARGUMENT));
        }
        return Ok(Box::new(bio_addrinfo_st {
            family,
            socktype,
            protocol: 0,
            addr,
            next: None,
        }));
    }
    let host_c = host
        .map(CString::new)
        .transpose()
        .map_err(|_| bio(BIO_R_MALFORMED_HOST_OR_SERVICE))?;
    let serv_c = service
        .map(CString::new)
        .transpose()
        .map_err(|_| bio(BIO_R_MALFORMED_HOST_OR_SERVICE))?;
    let mut flags = 0;
    if host.is_some() && family == libc::AF_UNSPEC {
        flags |= libc::AI_ADDRCONFIG;
    }
    if lookup_type == BIO_LOOKUP_SERVER {
        flags |= libc::AI_PASSIVE;
    }
    let mut old = 0;
    loop {
        match sock::getaddrinfo(
            host_c.as_deref(),
            serv_c.as_deref(),
            flags,
            family,
            socktype,
            protocol,
        ) {
            Ok(list) => {
                let mut head: Option<Box<bio_addrinfo_st>> = None;
                for ai in list.into_iter().rev() {
                    head = Some(Box::new(bio_addrinfo_st {
                        family: ai.family,
                        socktype: ai.socktype,
                        protocol: ai.protocol,
                        addr: bio_addr_st { sa: ai.addr },
                        next: head,
                    }));
                }
                return head
                    .ok_or_else(|| bio(ERR_R_SYS_LIB).data(&sock::gai_strerror(libc::EAI_NONAME)));
            }
            Err((libc::EAI_SYSTEM, errno)) => {
                sys_error(errno, "getaddrinfo", "BIO_lookup_ex");
                return Err(bio(ERR_R_SYS_LIB));
            }
            Err((code, _)) if code != libc::EAI_MEMORY && flags & libc::AI_ADDRCONFIG != 0 => {
                flags &= !libc::AI_ADDRCONFIG;
                flags |= libc::AI_NUMERICHOST;
                old = code;
            }
            Err((code, _)) => {
                let shown = if old != 0 { old } else { code };
                return Err(bio(ERR_R_SYS_LIB).data(&sock::gai_strerror(shown)));
            }
        }
    }
}

/// What `BIO_parse_hostserv` found: for each of host and service, `None`
/// leaves the caller's pointer untouched, `Some(None)` sets NULL (empty or
/// "*"), `Some(Some(s))` a copy of `s`.
pub type HostServ = (Option<Option<Vec<u8>>>, Option<Option<Vec<u8>>>);

/// `BIO_parse_hostserv`: "host:service", "[v6]:service", "host:", ":service",
/// "*:service"; with no colon, a host or a service by `prio`. More than one
/// colon outside brackets is ambiguous.
pub fn parse_hostserv(s: &[u8], prio: c_int) -> Result<HostServ, Error> {
    let malformed = || bio(BIO_R_MALFORMED_HOST_OR_SERVICE);
    let (h, p): (Option<&[u8]>, Option<&[u8]>) = if s.first() == Some(&b'[') {
        let close = s.iter().position(|&c| c == b']').ok_or_else(malformed)?;
        let h = &s[1..close];
        let rest = &s[close + 1..];
        match rest.first() {
            None => (Some(h), None),
            Some(b':') => (Some(h), Some(&rest[1..])),
            Some(_) => return Err(malformed()),
        }
    } else {
        let first = s.iter().position(|&c| c == b':');
        let last = s.iter().rposition(|&c| c == b':');
        if first != last {
            return Err(bio(BIO_R_AMBIGUOUS_HOST_OR_SERVICE));
        }
        match first {
            Some(i) => (Some(&s[..i]), Some(&s[i + 1..])),
            None if prio == BIO_PARSE_PRIO_HOST => (Some(s), None),
            None => (None, Some(s)),
        }
    };
    if p.is_some_and(|p| p.contains(&b':')) {
        return Err(malformed());
    }
    let value = |x: &[u8]| {
        if x.is_empty() || x == b"*" {
            None
        } else {
            Some(x.to_vec())
        }
    };
    Ok((h.map(value), p.map(value)))
}

/// `BIO_socket`: a new socket, or -1 with "calling socket()" and
/// `BIO_R_UNABLE_TO_CREATE_SOCKET` queued.
pub fn socket(domain: c_int, socktype: c_int, protocol: c_int) -> Result<c_int, Error> {
    sock::socket(domain, socktype, protocol).map_err(|e| {
        sys_error(e, "socket", "BIO_socket");
        bio(BIO_R_UNABLE_TO_CREATE_SOCKET)
    })
}

/// `BIO_socket_nbio`: blocking or not; "calling fcntl()" on failure.
pub fn socket_nbio(fd: c_int, on: bool, func: &'static str) -> bool {
    if crate::ffi::set_nonblocking(fd, on) {
        true
    } else {
        sys_error(crate::ffi::errno(), "fcntl", func);
        false
    }
}

fn setopt(
    fd: c_int,
    level: c_int,
    name: c_int,
    v: c_int,
    reason: c_int,
    func: &'static str,
) -> Result<(), Error> {
    sock::setsockopt_int(fd, level, name, v).map_err(|e| {
        sys_error(e, "setsockopt", func);
        bio(reason)
    })
}

fn keepalive_nodelay(fd: c_int, options: c_int, func: &'static str) -> Result<(), Error> {
    if options & BIO_SOCK_KEEPALIVE != 0 {
        setopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_KEEPALIVE,
            1,
            BIO_R_UNABLE_TO_KEEPALIVE,
            func,
        )?;
    }
    if options & BIO_SOCK_NODELAY != 0 {
        setopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            1,
            BIO_R_UNABLE_TO_NODELAY,
            func,
        )?;
    }
    Ok(())
}

/// `BIO_connect`: `Ok(true)` connected; `Ok(false)` (OpenSSL's 0 with no BIO
/// error of its own) when a non-blocking connect is under way or fcntl
/// failed (its system error queued); errors queue
/// "calling connect()" and `BIO_R_CONNECT_ERROR`.
pub fn connect(fd: c_int, addr: &bio_addr_st, options: c_int) -> Result<bool, Error> {
    if fd == -1 {
        return Err(bio(BIO_R_INVALID_SOCKET));
    }
    if !socket_nbio(fd, options & BIO_SOCK_NONBLOCK != 0, "BIO_connect") {
        return Ok(false);
    }
    keepalive_nodelay(fd, options, "BIO_connect")?;
    match sock::connect(fd, &addr.sa) {
        Ok(()) => Ok(true),
        Err(e) if non_fatal(e) => {
            crate::ffi::set_errno(e);
            Ok(false)
        }
        Err(e) => {
            sys_error(e, "connect", "BIO_connect");
            Err(bio(BIO_R_CONNECT_ERROR))
        }
    }
}

/// `BIO_sock_non_fatal_error`.
pub fn non_fatal(errno: c_int) -> bool {
    matches!(
        errno,
        libc::EWOULDBLOCK
            | libc::ENOTCONN
            | libc::EINTR
            | libc::EPROTO
            | libc::EINPROGRESS
            | libc::EALREADY
    )
}

/// `BIO_bind`: `SO_REUSEADDR` if asked, then bind(2).
pub fn bind(fd: c_int, addr: &bio_addr_st, options: c_int) -> Result<(), Error> {
    if fd == -1 {
        return Err(bio(BIO_R_INVALID_SOCKET));
    }
    if options & BIO_SOCK_REUSEADDR != 0 {
        setopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_REUSEADDR,
            1,
            BIO_R_UNABLE_TO_REUSEADDR,
            "BIO_bind",
        )?;
    }
    sock::bind(fd, &addr.sa).map_err(|e| {
        sys_error(e, "bind", "BIO_bind");
        bio(BIO_R_UNABLE_TO_BIND_SOCKET)
    })
}

/// `BIO_listen`: the options (non-blocking, keep-alive, no-delay,
/// `IPV6_V6ONLY` set either way for an IPv6 address), bind, then listen(2)
/// unless it is a datagram socket. `Ok(false)`: fcntl failed (its system
/// error queued, no BIO error, as OpenSSL).
pub fn listen(fd: c_int, addr: &bio_addr_st, options: c_int) -> Result<bool, Error> {
    if fd == -1 {
        return Err(bio(BIO_R_INVALID_SOCKET));
    }
    let socktype = sock::getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_TYPE).map_err(|e| {
        sys_error(e, "getsockopt", "BIO_listen");
        bio(BIO_R_GETTING_SOCKTYPE)
    })?;
    if !socket_nbio(fd, options & BIO_SOCK_NONBLOCK != 0, "BIO_listen") {
        return Ok(false);
    }
    let ka = if socktype == libc::SOCK_STREAM {
        options
    } else {
        options & !BIO_SOCK_KEEPALIVE
    };
    keepalive_nodelay(fd, ka, "BIO_listen")?;
    if addr.sa.family() == libc::AF_INET6 {
        let on = c_int::from(options & BIO_SOCK_V6_ONLY != 0);
        setopt(
            fd,
            libc::IPPROTO_IPV6,
            libc::IPV6_V6ONLY,
            on,
            BIO_R_LISTEN_V6_ONLY,
            "BIO_listen",
        )?;
    }
    bind(fd, addr, options)?;
    if socktype != libc::SOCK_DGRAM {
        sock::listen(fd, MAX_LISTEN).map_err(|e| {
            sys_error(e, "listen", "BIO_listen");
            bio(BIO_R_UNABLE_TO_LISTEN_SOCKET)
        })?;
    }
    Ok(true)
}

/// `BIO_accept_ex`: the new socket (blocking unless `BIO_SOCK_NONBLOCK`) and
/// the peer's address. A retriable failure (EAGAIN on a non-blocking
/// listener) queues nothing: `Ok(None)`, as does a failed fcntl (its system
/// error queued).
pub fn accept(fd: c_int, peer: &mut bio_addr_st, options: c_int) -> Result<Option<c_int>, Error> {
    let s = match sock::accept(fd, &mut peer.sa) {
        Ok(s) => s,
        Err(e) => {
            if !non_fatal(e) {
                sys_error(e, "accept", "BIO_accept_ex");
                return Err(bio(BIO_R_ACCEPT_ERROR));
            }
            crate::ffi::set_errno(e);
            return Ok(None);
        }
    };
    if !socket_nbio(s, options & BIO_SOCK_NONBLOCK != 0, "BIO_accept_ex") {
        let _ = sock::close(s);
        return Ok(None);
    }
    Ok(Some(s))
}

/// `BIO_sock_info(sock, BIO_SOCK_INFO_ADDRESS, ...)`: the local address.
pub fn local_address(fd: c_int, out: &mut bio_addr_st) -> Result<(), Error> {
    match sock::getsockname(fd, &mut out.sa) {
        Ok(true) => Ok(()),
        Ok(false) => Err(bio(BIO_R_GETSOCKNAME_TRUNCATED_ADDRESS)),
        Err(e) => {
            sys_error(e, "getsockname", "BIO_sock_info");
            Err(bio(BIO_R_GETSOCKNAME_ERROR))
        }
    }
}

/// `BIO_sock_error`: the socket's pending error (`SO_ERROR`), or errno if
/// that cannot be read.
pub fn sock_error(fd: c_int) -> c_int {
    sock::getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or_else(|e| e)
}

/// `BIO_set_tcp_ndelay`.
pub fn set_tcp_ndelay(fd: c_int, on: bool) -> bool {
    sock::setsockopt_int(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, c_int::from(on)).is_ok()
}

/// `BIO_closesocket`.
pub fn close(fd: c_int) -> bool {
    fd >= 0 && sock::close(fd).is_ok()
}
