//! OpenSSL 3's `OSSL_PROVIDER` objects. ferrossl's algorithms are all
//! aws-lc's and always available, so the built-in providers OpenSSL ships
//! ("default", "base", "legacy", "null") load as static names: loading one
//! enables nothing new, and an algorithm ferrossl lacks (RC2, IDEA, ...)
//! still fails at fetch time as OpenSSL 3's does when no loaded provider has
//! it. Other names ("fips", modules on disk) fail as OpenSSL's loader does
//! for a module it cannot find.

use crate::abi::reasons::*;
use crate::crypto::err::Error;
use std::ffi::CStr;

/// An `OSSL_PROVIDER`: static, one per built-in provider.
pub struct ossl_provider_st {
    pub name: &'static CStr,
}
crate::handle!(Lent: ossl_provider_st);
pub type OSSL_PROVIDER = ossl_provider_st;

static BUILTIN: [ossl_provider_st; 4] = [
    ossl_provider_st { name: c"default" },
    ossl_provider_st { name: c"base" },
    ossl_provider_st { name: c"legacy" },
    ossl_provider_st { name: c"null" },
];

/// The built-in provider named `name` (exact, as OpenSSL matches it).
pub fn builtin(name: &str) -> Option<&'static OSSL_PROVIDER> {
    BUILTIN
        .iter()
        .find(|p| p.name.to_bytes() == name.as_bytes())
}

/// `OSSL_PROVIDER_load`: a built-in provider, or OpenSSL's failure for a
/// module it cannot load (`ERR_R_DSO_LIB` in the CRYPTO library).
pub fn load(name: &str) -> Result<&'static OSSL_PROVIDER, Error> {
    builtin(name).ok_or_else(|| {
        Error::new(ERR_LIB_CRYPTO, ERR_R_DSO_LIB).data(&format!(
            "name={name}: ferrossl has no provider modules, only default, base, legacy, null"
        ))
    })
}
