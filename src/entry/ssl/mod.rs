//! libssl's entry points (`ssl.h`, `tls1.h`), split by object.

pub mod apps;
pub mod bio_ssl;
pub mod ctrl;
pub mod ech;
// Named after its header (ssl.h), like its siblings.
#[allow(clippy::module_inception)]
pub mod ssl;
pub mod ssl_cipher;
pub mod ssl_conf;
pub mod ssl_ctx;
pub mod ssl_session;

pub use apps::*;
pub use ctrl::*;
pub use ech::*;
pub use ssl::*;
pub use ssl_cipher::*;
pub use ssl_conf::*;
pub use ssl_ctx::*;
pub use ssl_session::*;
