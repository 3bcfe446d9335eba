//! `bio.h`, its socket part: `BIO_ADDR`, `BIO_ADDRINFO`, `BIO_lookup_ex`,
//! `BIO_parse_hostserv` and the socket calls of OpenSSL 3.0's `b_sock2.c`
//! (what `openssl s_client` / `s_server` and other socket programs use).

use crate::abi::sock::BIO_SOCK_INFO_ADDRESS;
use crate::crypto::bio_addr::{self, bio_addr_st, bio_addrinfo_st, BIO_ADDR, BIO_ADDRINFO};
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int, c_ushort, c_void};

/// BIO_ADDR_new returns a new, empty (`AF_UNSPEC`) socket address.
#[no_mangle]
pub extern "C" fn BIO_ADDR_new() -> *mut BIO_ADDR {
    ffi_boundary!("BIO_ADDR_new", {
        Ok(Box::into_raw(Box::<bio_addr_st>::default()))
    })
}

/// BIO_ADDR_free frees an address from BIO_ADDR_new; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_ADDR_free(ap: *mut BIO_ADDR) {
    ffi_boundary!("BIO_ADDR_free", {
        ffi::free_box(ap);
        Ok(())
    })
}

/// BIO_ADDR_clear makes the address empty (`AF_UNSPEC`).
#[no_mangle]
pub extern "C" fn BIO_ADDR_clear(ap: *mut BIO_ADDR) {
    ffi_boundary!("BIO_ADDR_clear", {
        ffi::with_mut(ap, |a| *a = bio_addr_st::default());
        Ok(())
    })
}

/// BIO_ADDR_rawmake sets an `AF_INET` (4-byte `where`), `AF_INET6` (16
/// bytes) or `AF_UNIX` (a path) address; `port` is in network byte order.
/// 0, with no error queued (as OpenSSL), for another family or a wrong length.
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawmake(
    ap: *mut BIO_ADDR,
    family: c_int,
    where_: *const c_void,
    wherelen: usize,
    port: c_ushort,
) -> c_int {
    ffi_boundary!("BIO_ADDR_rawmake", 0, {
        if ap.is_null() {
            return Err(Error::null_pointer());
        }
        let raw = ffi::slice_usize(where_ as *const u8, wherelen)?;
        let mut ok = false;
        ffi::with_mut(ap, |a| ok = a.rawmake(family, raw, port));
        Ok(c_int::from(ok))
    })
}

/// BIO_ADDR_family returns the address's family (`AF_UNSPEC` when empty).
#[no_mangle]
pub extern "C" fn BIO_ADDR_family(ap: *const BIO_ADDR) -> c_int {
    ffi_boundary!("BIO_ADDR_family", -1, { Ok(ffi::borrow(ap)?.sa.family()) })
}

/// BIO_ADDR_rawaddress copies the address bytes (4 for IPv4, 16 for IPv6,
/// the path for `AF_UNIX`) to `p` unless it is NULL and their length to `*l`
/// unless NULL; 0 (no error queued) for an empty address.
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawaddress(ap: *const BIO_ADDR, p: *mut c_void, l: *mut usize) -> c_int {
    ffi_boundary!("BIO_ADDR_rawaddress", 0, {
        let Some(raw) = ffi::borrow(ap)?.sa.raw_address() else {
            return Ok(0);
        };
        if !p.is_null() {
            ffi::slice_mut_usize(p as *mut u8, raw.len())?.copy_from_slice(&raw);
        }
        ffi::write_out(l, raw.len());
        Ok(1)
    })
}

/// BIO_ADDR_rawport returns the port in network byte order (0 for other families).
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawport(ap: *const BIO_ADDR) -> c_ushort {
    ffi_boundary!("BIO_ADDR_rawport", 0, { Ok(ffi::borrow(ap)?.sa.port_be()) })
}

fn strings_out(
    ap: *const BIO_ADDR,
    numeric: c_int,
    func: &'static str,
    service: bool,
) -> Result<*mut c_char, Error> {
    let (h, s) = ffi::borrow(ap)?.strings(numeric != 0, func)?;
    let v = if service { s } else { h };
    Ok(ffi::malloc_copy(&v, true) as *mut c_char)
}

/// BIO_ADDR_hostname_string returns the host (numeric if `numeric` is
/// non-zero, else the name getnameinfo finds) as a string the caller frees
/// with OPENSSL_free; NULL with an error on failure.
#[no_mangle]
pub extern "C" fn BIO_ADDR_hostname_string(ap: *const BIO_ADDR, numeric: c_int) -> *mut c_char {
    ffi_boundary!("BIO_ADDR_hostname_string", {
        strings_out(ap, numeric, "BIO_ADDR_hostname_string", false)
    })
}

/// BIO_ADDR_service_string returns the port (numeric if `numeric` is
/// non-zero, else the service name if there is one) as a string the caller
/// frees with OPENSSL_free; NULL with an error on failure.
#[no_mangle]
pub extern "C" fn BIO_ADDR_service_string(ap: *const BIO_ADDR, numeric: c_int) -> *mut c_char {
    ffi_boundary!("BIO_ADDR_service_string", {
        strings_out(ap, numeric, "BIO_ADDR_service_string", true)
    })
}

/// BIO_ADDR_path_string returns an `AF_UNIX` address's path (OPENSSL_free
/// it); NULL, with no error queued, for another family.
#[no_mangle]
pub extern "C" fn BIO_ADDR_path_string(ap: *const BIO_ADDR) -> *mut c_char {
    ffi_boundary!("BIO_ADDR_path_string", {
        let a = ffi::borrow(ap)?;
        if a.sa.family() != libc::AF_UNIX {
            return Ok(std::ptr::null_mut());
        }
        let raw = a.sa.raw_address().unwrap_or_default();
        Ok(ffi::malloc_copy(&raw, true) as *mut c_char)
    })
}

/// BIO_ADDRINFO_next returns the next address of a BIO_lookup_ex list, or NULL.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_next(bai: *const BIO_ADDRINFO) -> *const BIO_ADDRINFO {
    ffi_boundary!("BIO_ADDRINFO_next", {
        if bai.is_null() {
            return Ok(std::ptr::null());
        }
        Ok(ffi::borrow(bai)?
            .next
            .as_deref()
            .map_or(std::ptr::null(), |n| n as *const bio_addrinfo_st))
    })
}

/// BIO_ADDRINFO_family returns the entry's family (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_family(bai: *const BIO_ADDRINFO) -> c_int {
    ffi_boundary!("BIO_ADDRINFO_family", {
        Ok(if bai.is_null() {
            0
        } else {
            ffi::borrow(bai)?.family
        })
    })
}

/// BIO_ADDRINFO_socktype returns the entry's socket type (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_socktype(bai: *const BIO_ADDRINFO) -> c_int {
    ffi_boundary!("BIO_ADDRINFO_socktype", {
        Ok(if bai.is_null() {
            0
        } else {
            ffi::borrow(bai)?.socktype
        })
    })
}

/// BIO_ADDRINFO_protocol returns the entry's protocol: the one the lookup
/// gave, else IPPROTO_TCP for a stream and IPPROTO_UDP for a datagram socket
/// (0 for NULL or `AF_UNIX`), as OpenSSL.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_protocol(bai: *const BIO_ADDRINFO) -> c_int {
    ffi_boundary!("BIO_ADDRINFO_protocol", {
        if bai.is_null() {
            return Ok(0);
        }
        let b = ffi::borrow(bai)?;
        Ok(if b.protocol != 0 {
            b.protocol
        } else if b.family == libc::AF_UNIX {
            0
        } else if b.socktype == libc::SOCK_STREAM {
            libc::IPPROTO_TCP
        } else if b.socktype == libc::SOCK_DGRAM {
            libc::IPPROTO_UDP
        } else {
            0
        })
    })
}

/// BIO_ADDRINFO_address returns the entry's address (owned by the list), or NULL.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_address(bai: *const BIO_ADDRINFO) -> *const BIO_ADDR {
    ffi_boundary!("BIO_ADDRINFO_address", {
        if bai.is_null() {
            return Ok(std::ptr::null());
        }
        Ok(&ffi::borrow(bai)?.addr as *const bio_addr_st)
    })
}

/// BIO_ADDRINFO_free frees a whole list from BIO_lookup_ex; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_free(bai: *mut BIO_ADDRINFO) {
    ffi_boundary!("BIO_ADDRINFO_free", {
        ffi::free_box(bai);
        Ok(())
    })
}

fn opt_str<'a>(p: *const c_char) -> Result<Option<&'a [u8]>, Error> {
    if p.is_null() {
        Ok(None)
    } else {
        ffi::cstr_bytes(p).map(Some)
    }
}

/// BIO_lookup_ex resolves `host` and `service` (either may be NULL) with
/// getaddrinfo into a list in `*res` (free it with BIO_ADDRINFO_free):
/// `lookup_type` BIO_LOOKUP_SERVER asks for passive (bindable) addresses;
/// `family` AF_INET, AF_INET6, AF_UNSPEC, or AF_UNIX (then `host` is a path).
/// 0 with OpenSSL's errors on failure (getaddrinfo's message as the data).
#[no_mangle]
pub extern "C" fn BIO_lookup_ex(
    host: *const c_char,
    service: *const c_char,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    res: *mut *mut BIO_ADDRINFO,
) -> c_int {
    ffi_boundary!("BIO_lookup_ex", 0, {
        if res.is_null() {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_BIO,
                crate::abi::reasons::ERR_R_PASSED_NULL_PARAMETER,
            ));
        }
        let list = bio_addr::lookup(
            opt_str(host)?,
            opt_str(service)?,
            lookup_type,
            family,
            socktype,
            protocol,
        )?;
        ffi::write_out(res, Box::into_raw(list));
        Ok(1)
    })
}

/// BIO_lookup is BIO_lookup_ex with protocol 0.
#[no_mangle]
pub extern "C" fn BIO_lookup(
    host: *const c_char,
    service: *const c_char,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    res: *mut *mut BIO_ADDRINFO,
) -> c_int {
    BIO_lookup_ex(host, service, lookup_type, family, socktype, 0, res)
}

/// BIO_parse_hostserv splits "host:service" (also "[v6addr]:service",
/// "host:", ":service", "*:service"; a lone word is a host or a service by
/// `hostserv_prio`) into strings the caller frees with OPENSSL_free; an empty
/// or "*" part gives NULL; an output the string does not have is left
/// untouched. 0 with BIO_R_AMBIGUOUS_HOST_OR_SERVICE (several colons) or
/// BIO_R_MALFORMED_HOST_OR_SERVICE.
#[no_mangle]
pub extern "C" fn BIO_parse_hostserv(
    hostserv: *const c_char,
    host: *mut *mut c_char,
    service: *mut *mut c_char,
    hostserv_prio: c_int,
) -> c_int {
    ffi_boundary!("BIO_parse_hostserv", 0, {
        let s = ffi::cstr_bytes(hostserv)?;
        let (h, p) = bio_addr::parse_hostserv(s, hostserv_prio)?;
        let out = |dst: *mut *mut c_char, v: Option<Option<Vec<u8>>>| {
            if let Some(v) = v {
                let p = v.map_or(std::ptr::null_mut(), |v| {
                    ffi::malloc_copy(&v, true) as *mut c_char
                });
                ffi::write_out(dst, p);
            }
        };
        out(host, h);
        out(service, p);
        Ok(1)
    })
}

/// BIO_sock_init: nothing to set up on Unix; 1.
#[no_mangle]
pub extern "C" fn BIO_sock_init() -> c_int {
    1
}

/// BIO_socket creates a socket(2); -1 (INVALID_SOCKET) with "calling
/// socket()" and BIO_R_UNABLE_TO_CREATE_SOCKET queued on failure. `options`
/// is unused, as in OpenSSL.
#[no_mangle]
pub extern "C" fn BIO_socket(
    domain: c_int,
    socktype: c_int,
    protocol: c_int,
    _options: c_int,
) -> c_int {
    ffi_boundary!("BIO_socket", -1, {
        bio_addr::socket(domain, socktype, protocol)
    })
}

/// BIO_connect connects `sock` to `addr` after applying `options`
/// (BIO_SOCK_NONBLOCK, BIO_SOCK_KEEPALIVE, BIO_SOCK_NODELAY). 1 when
/// connected; 0 on failure ("calling connect()", BIO_R_CONNECT_ERROR) and,
/// with no error queued, while a non-blocking connect is in progress
/// (BIO_sock_should_retry then says so).
#[no_mangle]
pub extern "C" fn BIO_connect(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    ffi_boundary!("BIO_connect", 0, {
        let a = ffi::borrow(addr)?;
        Ok(c_int::from(bio_addr::connect(sock, a, options)?))
    })
}

/// BIO_bind binds `sock` to `addr` (BIO_SOCK_REUSEADDR sets SO_REUSEADDR
/// first); 0 with "calling bind()" and BIO_R_UNABLE_TO_BIND_SOCKET on failure.
#[no_mangle]
pub extern "C" fn BIO_bind(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    ffi_boundary!("BIO_bind", 0, {
        let a = ffi::borrow(addr)?;
        bio_addr::bind(sock, a, options)?;
        Ok(1)
    })
}

/// BIO_listen applies `options` (BIO_SOCK_NONBLOCK, _KEEPALIVE, _NODELAY,
/// _REUSEADDR, _V6_ONLY: IPV6_V6ONLY is set either way for an IPv6
/// address), binds `sock` to `addr` and listens (not for a datagram
/// socket); 1 on success, 0 with OpenSSL's errors on failure.
#[no_mangle]
pub extern "C" fn BIO_listen(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    ffi_boundary!("BIO_listen", 0, {
        let a = ffi::borrow(addr)?;
        Ok(c_int::from(bio_addr::listen(sock, a, options)?))
    })
}

/// BIO_accept_ex accepts a connection on `accept_sock`, storing the peer's
/// address in `addr` unless NULL; the new socket is non-blocking only with
/// BIO_SOCK_NONBLOCK. -1 on failure ("calling accept()",
/// BIO_R_ACCEPT_ERROR) or, with no error queued, when a non-blocking
/// listener has nothing yet.
#[no_mangle]
pub extern "C" fn BIO_accept_ex(accept_sock: c_int, addr: *mut BIO_ADDR, options: c_int) -> c_int {
    ffi_boundary!("BIO_accept_ex", -1, {
        let mut peer = bio_addr_st::default();
        let s = bio_addr::accept(accept_sock, &mut peer, options)?;
        if s.is_some() {
            ffi::with_mut(addr, |a| *a = peer);
        }
        Ok(s.unwrap_or(-1))
    })
}

/// BIO_closesocket closes `sock`: 1, or 0 for a negative descriptor or a failed close(2).
#[no_mangle]
pub extern "C" fn BIO_closesocket(sock: c_int) -> c_int {
    ffi_boundary!("BIO_closesocket", {
        Ok(c_int::from(bio_addr::close(sock)))
    })
}

/// BIO_sock_error returns the socket's pending error (SO_ERROR), 0 if none.
#[no_mangle]
pub extern "C" fn BIO_sock_error(sock: c_int) -> c_int {
    ffi_boundary!("BIO_sock_error", { Ok(bio_addr::sock_error(sock)) })
}

/// BIO_socket_nbio makes `s` non-blocking (`mode` non-zero) or blocking;
/// 1 on success, 0 with "calling fcntl()" queued.
#[no_mangle]
pub extern "C" fn BIO_socket_nbio(s: c_int, mode: c_int) -> c_int {
    ffi_boundary!("BIO_socket_nbio", {
        Ok(c_int::from(bio_addr::socket_nbio(
            s,
            mode != 0,
            "BIO_socket_nbio",
        )))
    })
}

/// BIO_set_tcp_ndelay sets TCP_NODELAY on `sock` (`turn_on` non-zero) or
/// clears it; 1 on success, 0 on failure (no error queued, as OpenSSL).
#[no_mangle]
pub extern "C" fn BIO_set_tcp_ndelay(sock: c_int, turn_on: c_int) -> c_int {
    ffi_boundary!("BIO_set_tcp_ndelay", {
        Ok(c_int::from(bio_addr::set_tcp_ndelay(sock, turn_on != 0)))
    })
}

/// BIO_sock_info with BIO_SOCK_INFO_ADDRESS stores `sock`'s local address
/// (getsockname) in the BIO_ADDR `info` points to; 1, or 0 with an error
/// (BIO_R_GETSOCKNAME_ERROR, BIO_R_UNKNOWN_INFO_TYPE for another type).
#[no_mangle]
pub extern "C" fn BIO_sock_info(sock: c_int, type_: c_int, info: *mut c_void) -> c_int {
    ffi_boundary!("BIO_sock_info", 0, {
        if type_ != BIO_SOCK_INFO_ADDRESS {
            return Err(Error::new(
                crate::abi::reasons::ERR_LIB_BIO,
                crate::abi::reasons::BIO_R_UNKNOWN_INFO_TYPE,
            ));
        }
        // `union BIO_sock_info_u { BIO_ADDR *addr; }`
        let addr: *mut BIO_ADDR =
            ffi::read_in(info as *const *mut BIO_ADDR).ok_or_else(Error::null_pointer)?;
        let mut a = bio_addr_st::default();
        bio_addr::local_address(sock, &mut a)?;
        if addr.is_null() {
            return Err(Error::null_pointer());
        }
        ffi::with_mut(addr, |dst| *dst = a);
        Ok(1)
    })
}

/// BIO_number_read returns how many bytes were read through `bio` so far.
#[no_mangle]
pub extern "C" fn BIO_number_read(bio: *mut crate::crypto::bio::BIO) -> u64 {
    ffi_boundary!("BIO_number_read", {
        Ok(ffi::borrow(bio)?
            .num_read
            .load(std::sync::atomic::Ordering::Relaxed))
    })
}

/// BIO_number_written returns how many bytes were written through `bio` so far.
#[no_mangle]
pub extern "C" fn BIO_number_written(bio: *mut crate::crypto::bio::BIO) -> u64 {
    ffi_boundary!("BIO_number_written", {
        Ok(ffi::borrow(bio)?
            .num_write
            .load(std::sync::atomic::Ordering::Relaxed))
    })
}
