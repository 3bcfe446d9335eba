//! The socket system calls behind `BIO_ADDR`, `BIO_lookup_ex` and OpenSSL's
//! `b_sock2.c` functions: one socket address (`SockAddr`, a
//! `sockaddr_storage`), getaddrinfo/getnameinfo, socket, connect, bind,
//! listen, accept, setsockopt/getsockopt/getsockname. Errors are `errno`
//! values (or getaddrinfo's `EAI_*` codes); the callers queue OpenSSL's errors.

use std::ffi::{c_int, CStr};

/// One socket address of any family (`AF_UNSPEC` when empty).
#[derive(Clone, Copy)]
pub struct SockAddr {
    ss: libc::sockaddr_storage,
}

impl Default for SockAddr {
    fn default() -> Self {
        // SAFETY: sockaddr_storage is plain bytes; all-zero is AF_UNSPEC.
        Self {
            ss: unsafe { std::mem::zeroed() },
        }
    }
}

const IN_LEN: usize = std::mem::size_of::<libc::sockaddr_in>();
const IN6_LEN: usize = std::mem::size_of::<libc::sockaddr_in6>();
const UN_LEN: usize = std::mem::size_of::<libc::sockaddr_un>();

impl SockAddr {
    pub fn family(&self) -> c_int {
        c_int::from(self.ss.ss_family)
    }

    fn as_in(&self) -> &libc::sockaddr_in {
        // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
        unsafe { &*(&self.ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() }
    }
    fn as_in6(&self) -> &libc::sockaddr_in6 {
        // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in6.
        unsafe { &*(&self.ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() }
    }
    fn as_un(&self) -> &libc::sockaddr_un {
        // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_un.
        unsafe { &*(&self.ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_un>() }
    }
    fn ptr(&self) -> *const libc::sockaddr {
        (&self.ss as *const libc::sockaddr_storage).cast()
    }
    fn ptr_mut(&mut self) -> *mut libc::sockaddr {
        (&mut self.ss as *mut libc::sockaddr_storage).cast()
    }

    /// The length the system calls take for this family (0 if unknown).
    pub fn sock_len(&self) -> usize {
        match self.family() {
            libc::AF_INET => IN_LEN,
            libc::AF_INET6 => IN6_LEN,
            libc::AF_UNIX => UN_LEN,
            _ => 0,
        }
    }

    /// An IPv4 address (4 bytes) or IPv6 address (16 bytes) with a port in
    /// network byte order; a path for `AF_UNIX`. `None` for a wrong length or family.
    pub fn make(family: c_int, raw: &[u8], port_be: u16) -> Option<Self> {
        let mut a = Self::default();
        match family {
            libc::AF_INET if raw.len() == 4 => {
                let sin = libc::sockaddr_in {
                    sin_family: libc::AF_INET as libc::sa_family_t,
                    sin_port: port_be,
                    sin_addr: libc::in_addr {
                        s_addr: u32::from_ne_bytes([raw[0], raw[1], raw[2], raw[3]]),
                    },
                    sin_zero: [0; 8],
                };
                // SAFETY: writes a sockaddr_in into storage big and aligned enough for it.
                unsafe { std::ptr::write(a.ptr_mut().cast::<libc::sockaddr_in>(), sin) };
            }
            libc::AF_INET6 if raw.len() == 16 => {
                let mut addr = [0u8; 16];
                addr.copy_from_slice(raw);
                let sin6 = libc::sockaddr_in6 {
                    sin6_family: libc::AF_INET6 as libc::sa_family_t,
                    sin6_port: port_be,
                    sin6_flowinfo: 0,
                    sin6_addr: libc::in6_addr { s6_addr: addr },
                    sin6_scope_id: 0,
                };
                // SAFETY: writes a sockaddr_in6 into storage big and aligned enough for it.
                unsafe { std::ptr::write(a.ptr_mut().cast::<libc::sockaddr_in6>(), sin6) };
            }
            libc::AF_UNIX => {
                // SAFETY: sockaddr_un is plain bytes.
                let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
                sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
                // As OpenSSL: at most sizeof(sun_path) - 1 bytes, NUL-terminated.
                let n = raw.len().min(sun.sun_path.len() - 1);
                for (d, s) in sun.sun_path.iter_mut().zip(&raw[..n]) {
                    *d = *s as libc::c_char;
                }
                // SAFETY: writes a sockaddr_un into storage big and aligned enough for it.
                unsafe { std::ptr::write(a.ptr_mut().cast::<libc::sockaddr_un>(), sun) };
            }
            _ => return None,
        }
        Some(a)
    }

    /// The address bytes (`BIO_ADDR_rawaddress`): 4 or 16 bytes, or the path.
    pub fn raw_address(&self) -> Option<Vec<u8>> {
        match self.family() {
            libc::AF_INET => Some(self.as_in().sin_addr.s_addr.to_ne_bytes().to_vec()),
            libc::AF_INET6 => Some(self.as_in6().sin6_addr.s6_addr.to_vec()),
            libc::AF_UNIX => {
                let p = &self.as_un().sun_path;
                let n = p.iter().position(|&c| c == 0).unwrap_or(p.len());
                Some(p[..n].iter().map(|&c| c as u8).collect())
            }
            _ => None,
        }
    }

    /// The port in network byte order; 0 for other families.
    pub fn port_be(&self) -> u16 {
        match self.family() {
            libc::AF_INET => self.as_in().sin_port,
            libc::AF_INET6 => self.as_in6().sin6_port,
            _ => 0,
        }
    }

    /// `getnameinfo(3)`: (host, service), or the `EAI_*` code.
    pub fn name_info(&self, flags: c_int) -> Result<(Vec<u8>, Vec<u8>), c_int> {
        let mut host = [0 as libc::c_char; 1025];
        let mut serv = [0 as libc::c_char; 32];
        // SAFETY: a valid sockaddr of the given length and two writable buffers of the given sizes.
        let r = unsafe {
            libc::getnameinfo(
                self.ptr(),
                self.sock_len() as libc::socklen_t,
                host.as_mut_ptr(),
                host.len() as libc::socklen_t,
                serv.as_mut_ptr(),
                serv.len() as libc::socklen_t,
                flags,
            )
        };
        if r != 0 {
            return Err(r);
        }
        // SAFETY: getnameinfo NUL-terminated both buffers on success.
        let (h, s) = unsafe {
            (
                CStr::from_ptr(host.as_ptr()).to_bytes().to_vec(),
                CStr::from_ptr(serv.as_ptr()).to_bytes().to_vec(),
            )
        };
        Ok((h, s))
    }
}

/// One result of getaddrinfo.
pub struct AddrInfo {
    pub family: c_int,
    pub socktype: c_int,
    pub protocol: c_int,
    pub addr: SockAddr,
}

/// `getaddrinfo(3)` with these hints; the `EAI_*` code (and errno, for
/// `EAI_SYSTEM`) on failure.
pub fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    flags: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
) -> Result<Vec<AddrInfo>, (c_int, c_int)> {
    // SAFETY: addrinfo is plain data; all-zero is "no hints".
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: NUL-terminated strings or NULL, valid hints and an out pointer.
    let r = unsafe {
        libc::getaddrinfo(
            host.map_or(std::ptr::null(), CStr::as_ptr),
            service.map_or(std::ptr::null(), CStr::as_ptr),
            &hints,
            &mut res,
        )
    };
    if r != 0 {
        return Err((r, super::errno()));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: p is a node of the list getaddrinfo returned, freed below.
        let ai = unsafe { &*p };
        let mut addr = SockAddr::default();
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        if !ai.ai_addr.is_null() {
            // SAFETY: ai_addr holds ai_addrlen bytes; the storage holds at least n.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    ai.ai_addr.cast::<u8>(),
                    addr.ptr_mut().cast::<u8>(),
                    n,
                )
            };
        }
        out.push(AddrInfo {
            family: ai.ai_family,
            socktype: ai.ai_socktype,
            protocol: ai.ai_protocol,
            addr,
        });
        p = ai.ai_next;
    }
    // SAFETY: res came from getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

/// `gai_strerror(3)`.
pub fn gai_strerror(code: c_int) -> String {
    // SAFETY: gai_strerror returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned()
}

fn check(r: c_int) -> Result<c_int, c_int> {
    if r < 0 {
        Err(super::errno())
    } else {
        Ok(r)
    }
}

/// `socket(2)`.
pub fn socket(domain: c_int, ty: c_int, protocol: c_int) -> Result<c_int, c_int> {
    // SAFETY: plain integer arguments.
    check(unsafe { libc::socket(domain, ty, protocol) })
}

/// `connect(2)`.
pub fn connect(fd: c_int, a: &SockAddr) -> Result<(), c_int> {
    // SAFETY: a valid sockaddr of its family's length; the kernel checks fd.
    check(unsafe { libc::connect(fd, a.ptr(), a.sock_len() as libc::socklen_t) }).map(drop)
}

/// `bind(2)`.
pub fn bind(fd: c_int, a: &SockAddr) -> Result<(), c_int> {
    // SAFETY: a valid sockaddr of its family's length; the kernel checks fd.
    check(unsafe { libc::bind(fd, a.ptr(), a.sock_len() as libc::socklen_t) }).map(drop)
}

/// `listen(2)`.
pub fn listen(fd: c_int, backlog: c_int) -> Result<(), c_int> {
    // SAFETY: plain integer arguments.
    check(unsafe { libc::listen(fd, backlog) }).map(drop)
}

/// `accept(2)`, the peer's address in `peer`.
pub fn accept(fd: c_int, peer: &mut SockAddr) -> Result<c_int, c_int> {
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: writable storage of `len` bytes and its length.
    check(unsafe { libc::accept(fd, peer.ptr_mut(), &mut len) })
}

/// `getsockname(2)`; `Ok(false)` when the address did not fit.
pub fn getsockname(fd: c_int, out: &mut SockAddr) -> Result<bool, c_int> {
    let cap = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let mut len = cap;
    // SAFETY: writable storage of `len` bytes and its length.
    check(unsafe { libc::getsockname(fd, out.ptr_mut(), &mut len) })?;
    Ok(len <= cap)
}

/// `setsockopt(2)` with an int value.
pub fn setsockopt_int(fd: c_int, level: c_int, name: c_int, v: c_int) -> Result<(), c_int> {
    // SAFETY: a pointer to one int and its size.
    check(unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&v as *const c_int).cast(),
            std::mem::size_of::<c_int>() as libc::socklen_t,
        )
    })
    .map(drop)
}

/// `getsockopt(2)` of an int value.
pub fn getsockopt_int(fd: c_int, level: c_int, name: c_int) -> Result<c_int, c_int> {
    let mut v: c_int = 0;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: a pointer to one int and its size.
    check(unsafe { libc::getsockopt(fd, level, name, (&mut v as *mut c_int).cast(), &mut len) })?;
    Ok(v)
}

/// `close(2)`, its result.
pub fn close(fd: c_int) -> Result<(), c_int> {
    // SAFETY: the caller gives up `fd`.
    check(unsafe { libc::close(fd) }).map(drop)
}
