//! The libssl side: `SSL_CTX` settings and the rustls configs built from them,
//! connections, sessions, cipher suites, verification and the exporter. The
//! one place a module cycle is accepted: rustls' hooks consult the current
//! `SSL`, which is built from its `SSL_CTX`.

pub mod alpn;
pub mod certcomp;
pub mod ciphers;
pub mod conf;
pub mod connection;
pub mod context;
pub mod early;
pub mod ech;
pub mod exporter;
pub mod params;
pub mod record;
pub mod registry;
pub mod routing;
pub mod session;
pub mod store;
pub mod verify;
