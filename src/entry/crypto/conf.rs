//! `conf.h`: configuration files.

use crate::ffi;
use std::ffi::c_char;

/// CONF_get1_default_config_file returns the configuration file OpenSSL
/// would load: `$OPENSSL_CONF`, else "/usr/lib/ssl/openssl.cnf" (Debian's
/// OPENSSLDIR), as a new string the caller frees with `OPENSSL_free`.
#[no_mangle]
pub extern "C" fn CONF_get1_default_config_file() -> *mut c_char {
    ffi_boundary!("CONF_get1_default_config_file", {
        let path = match std::env::var_os("OPENSSL_CONF") {
            Some(p) => std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec(),
            None => b"/usr/lib/ssl/openssl.cnf".to_vec(),
        };
        Ok(ffi::malloc_copy(&path, true).cast())
    })
}
