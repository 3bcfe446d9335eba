//! `bio.h`'s socket constants (`BIO_SOCK_*`, `BIO_LOOKUP_*`, `BIO_PARSE_PRIO_*`,
//! `BIO_SOCK_INFO_*`), as OpenSSL 3.0 defines them.

use std::ffi::c_int;

pub const BIO_SOCK_REUSEADDR: c_int = 0x01;
pub const BIO_SOCK_V6_ONLY: c_int = 0x02;
pub const BIO_SOCK_KEEPALIVE: c_int = 0x04;
pub const BIO_SOCK_NONBLOCK: c_int = 0x08;
pub const BIO_SOCK_NODELAY: c_int = 0x10;
pub const BIO_SOCK_TFO: c_int = 0x20;

pub const BIO_LOOKUP_CLIENT: c_int = 0;
pub const BIO_LOOKUP_SERVER: c_int = 1;

pub const BIO_PARSE_PRIO_HOST: c_int = 0;
pub const BIO_PARSE_PRIO_SERV: c_int = 1;

pub const BIO_SOCK_INFO_ADDRESS: c_int = 0;
