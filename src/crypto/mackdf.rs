//! OpenSSL 3's provider-era `EVP_MAC` (HMAC) and `EVP_KDF` (HKDF,
//! PBKDF2, SCRYPT) objects: the names `*_fetch` knows, the parameters
//! (`OSSL_PARAM`) each takes, the checks and reasons OpenSSL 3's default
//! provider applies. The computation is aws-lc's (`ffi/lc.rs`).

use crate::abi::reasons::*;
use crate::crypto::digest::{digest_by_name, EVP_MD};
use crate::crypto::err::Error;
use crate::crypto::params::{self, IntType};
use crate::ffi::lc::{self, HmacCtx};
use crate::ffi::params::ossl_param_st;
use parking_lot::Mutex;
use std::ffi::CStr;

fn unsupported(name: &str, props: Option<&str>) -> Error {
    Error::new(ERR_LIB_EVP, ERR_R_UNSUPPORTED).data(&format!(
        "Global default library context, Algorithm ({name} : 0), Properties ({})",
        props.unwrap_or("<null>")
    ))
}

fn prov(reason: std::ffi::c_int) -> Error {
    Error::new(ERR_LIB_PROV, reason)
}

fn digest_param(e: &ossl_param_st) -> Result<&'static EVP_MD, Error> {
    let name = params::get_utf8(e)?;
    digest_by_name(&name).ok_or_else(|| prov(PROV_R_INVALID_DIGEST).data(&name))
}

fn octets(e: &ossl_param_st) -> Result<Vec<u8>, Error> {
    Ok(params::get_string(e, false, false)?.to_vec())
}

const U64: IntType = IntType {
    size: 8,
    signed: false,
};
const U32: IntType = IntType {
    size: 4,
    signed: false,
};
const I32: IntType = IntType {
    size: 4,
    signed: true,
};

// ---------------------------------------------------------------------------
// EVP_MAC

/// An `EVP_MAC`: static, one per algorithm.
pub struct evp_mac_st {
    pub name: &'static CStr,
}
crate::handle!(Lent: evp_mac_st);
pub type EVP_MAC = evp_mac_st;

pub static MAC_HMAC: evp_mac_st = evp_mac_st { name: c"HMAC" };

/// `EVP_MAC_fetch`: "HMAC" (any case); others fail as OpenSSL 3's fetch
/// does for an algorithm no provider has.
pub fn mac_fetch(name: &str, props: Option<&str>) -> Result<&'static EVP_MAC, Error> {
    if name.eq_ignore_ascii_case("HMAC") {
        return Ok(&MAC_HMAC);
    }
    Err(unsupported(name, props))
}

/// An `EVP_MAC_CTX`: the digest and key set so far, and the running HMAC.
pub struct evp_mac_ctx_st {
    pub mac: &'static EVP_MAC,
    st: Mutex<MacState>,
}
crate::handle!(Owned: evp_mac_ctx_st);
pub type EVP_MAC_CTX = evp_mac_ctx_st;

#[derive(Default)]
struct MacState {
    digest: Option<&'static EVP_MD>,
    key: Option<Vec<u8>>,
    run: Option<HmacCtx>,
}

impl evp_mac_ctx_st {
    pub fn new(mac: &'static EVP_MAC) -> Self {
        Self {
            mac,
            st: Mutex::new(MacState::default()),
        }
    }

    pub fn try_clone(&self) -> Result<Self, Error> {
        let s = self.st.lock();
        let run = match &s.run {
            Some(r) => Some(r.try_clone().ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?),
            None => None,
        };
        Ok(Self {
            mac: self.mac,
            st: Mutex::new(MacState {
                digest: s.digest,
                key: s.key.clone(),
                run,
            }),
        })
    }

    /// `EVP_MAC_CTX_set_params`: "digest" (UTF8 name), "key" (octets);
    /// other names are ignored, as OpenSSL's HMAC ignores them.
    pub fn set_params(&self, p: *const ossl_param_st) -> Result<(), Error> {
        let mut s = self.st.lock();
        for (k, e) in params::each(p) {
            match k.as_str() {
                "digest" => s.digest = Some(digest_param(&e)?),
                "key" => {
                    s.key = Some(octets(&e)?);
                    s.run = None;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `EVP_MAC_init`: parameters, then the key (when given); starts a MAC.
    pub fn init(&self, key: Option<&[u8]>, p: *const ossl_param_st) -> Result<(), Error> {
        self.set_params(p)?;
        let mut s = self.st.lock();
        if let Some(k) = key {
            s.key = Some(k.to_vec());
        }
        let md = s
            .digest
            .ok_or_else(|| prov(PROV_R_MISSING_MESSAGE_DIGEST))?;
        let key = s.key.as_deref().ok_or_else(|| prov(PROV_R_NO_KEY_SET))?;
        s.run = Some(HmacCtx::new(md.alg, key).ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?);
        Ok(())
    }

    pub fn update(&self, data: &[u8]) -> Result<(), Error> {
        let mut s = self.st.lock();
        let r = s.run.as_mut().ok_or_else(|| prov(PROV_R_NO_KEY_SET))?;
        if r.update(data) {
            Ok(())
        } else {
            Err(Error::aws_lc(ERR_LIB_EVP))
        }
    }

    /// `EVP_MAC_final` into `out` (None: the length only).
    pub fn finish(&self, out: Option<&mut [u8]>) -> Result<usize, Error> {
        let mut s = self.st.lock();
        let size = s.digest.map_or(0, |d| d.size as usize);
        let Some(out) = out else {
            return Ok(size);
        };
        let r = s.run.as_mut().ok_or_else(|| prov(PROV_R_NO_KEY_SET))?;
        if out.len() < size {
            return Err(prov(PROV_R_OUTPUT_BUFFER_TOO_SMALL));
        }
        let n = r.finish(out).ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?;
        s.run = None;
        Ok(n)
    }

    /// `EVP_MAC_CTX_get_mac_size`: the digest's size (0 before one is set).
    pub fn mac_size(&self) -> usize {
        self.st.lock().digest.map_or(0, |d| d.size as usize)
    }

    pub fn block_size(&self) -> usize {
        self.st.lock().digest.map_or(0, |d| d.block_size as usize)
    }
}

// ---------------------------------------------------------------------------
// EVP_KDF

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KdfAlg {
    Hkdf,
    Pbkdf2,
    Scrypt,
}

/// An `EVP_KDF`: static, one per algorithm.
pub struct evp_kdf_st {
    pub name: &'static CStr,
    pub alg: KdfAlg,
}
crate::handle!(Lent: evp_kdf_st);
pub type EVP_KDF = evp_kdf_st;

static KDFS: [evp_kdf_st; 3] = [
    evp_kdf_st {
        name: c"HKDF",
        alg: KdfAlg::Hkdf,
    },
    evp_kdf_st {
        name: c"PBKDF2",
        alg: KdfAlg::Pbkdf2,
    },
    evp_kdf_st {
        name: c"SCRYPT",
        alg: KdfAlg::Scrypt,
    },
];

/// `EVP_KDF_fetch`: "HKDF", "PBKDF2", "SCRYPT" (also "id-scrypt"), any
/// case; others fail as OpenSSL 3's fetch does.
pub fn kdf_fetch(name: &str, props: Option<&str>) -> Result<&'static EVP_KDF, Error> {
    let n = if name.eq_ignore_ascii_case("id-scrypt") {
        "SCRYPT"
    } else {
        name
    };
    KDFS.iter()
        .find(|k| k.name.to_str().is_ok_and(|s| s.eq_ignore_ascii_case(n)))
        .ok_or_else(|| unsupported(name, props))
}

/// An `EVP_KDF_CTX`: the parameters set so far.
pub struct evp_kdf_ctx_st {
    pub kdf: &'static EVP_KDF,
    st: Mutex<KdfState>,
}
crate::handle!(Owned: evp_kdf_ctx_st);
pub type EVP_KDF_CTX = evp_kdf_ctx_st;

#[derive(Clone)]
struct KdfState {
    digest: Option<&'static EVP_MD>,
    key: Option<Vec<u8>>,
    salt: Option<Vec<u8>>,
    info: Vec<u8>,
    mode: i32,
    iter: u64,
    n: u64,
    r: u64,
    p: u64,
    maxmem: u64,
}

impl KdfState {
    /// OpenSSL 3's defaults: PBKDF2 with SHA-1 and 2048 iterations; scrypt
    /// N=2^20, r=8, p=1 and 1025 MiB of memory.
    fn new(alg: KdfAlg) -> Self {
        Self {
            digest: (alg == KdfAlg::Pbkdf2)
                .then(|| digest_by_name("SHA1"))
                .flatten(),
            key: None,
            salt: None,
            info: Vec::new(),
            mode: 0,
            iter: 2048,
            n: 1 << 20,
            r: 8,
            p: 1,
            maxmem: 1025 * 1024 * 1024,
        }
    }
}

impl evp_kdf_ctx_st {
    pub fn new(kdf: &'static EVP_KDF) -> Self {
        Self {
            kdf,
            st: Mutex::new(KdfState::new(kdf.alg)),
        }
    }

    pub fn try_clone(&self) -> Self {
        Self {
            kdf: self.kdf,
            st: Mutex::new(self.st.lock().clone()),
        }
    }

    /// `EVP_KDF_CTX_reset`: back to the defaults.
    pub fn reset(&self) {
        *self.st.lock() = KdfState::new(self.kdf.alg);
    }

    /// `EVP_KDF_CTX_set_params`, by algorithm: HKDF "digest" "key" "salt"
    /// "info" (the info entries of one call are joined) "mode"; PBKDF2
    /// "pass" "salt" "iter" "digest" "pkcs5"; SCRYPT "pass" "salt" "n" "r"
    /// "p" "maxmem_bytes". Other names are ignored, as in OpenSSL.
    pub fn set_params(&self, p: *const ossl_param_st) -> Result<(), Error> {
        let mut s = self.st.lock();
        let mut info: Option<Vec<u8>> = None;
        for (k, e) in params::each(p) {
            match (self.kdf.alg, k.as_str()) {
                (KdfAlg::Hkdf | KdfAlg::Pbkdf2, "digest") => s.digest = Some(digest_param(&e)?),
                (KdfAlg::Hkdf, "key") | (KdfAlg::Pbkdf2 | KdfAlg::Scrypt, "pass") => {
                    s.key = Some(octets(&e)?)
                }
                (_, "salt") => s.salt = Some(octets(&e)?),
                (KdfAlg::Hkdf, "info") => info.get_or_insert_with(Vec::new).extend(octets(&e)?),
                (KdfAlg::Hkdf, "mode") => {
                    s.mode = if e.data_type == params::OSSL_PARAM_UTF8_STRING {
                        match params::get_utf8(&e)?.as_str() {
                            "EXTRACT_AND_EXPAND" => 0,
                            "EXTRACT_ONLY" => 1,
                            "EXPAND_ONLY" => 2,
                            m => return Err(prov(PROV_R_INVALID_MODE).data(m)),
                        }
                    } else {
                        match params::get_int(&e, I32)? {
                            m @ 0..=2 => m as i32,
                            _ => return Err(prov(PROV_R_INVALID_MODE)),
                        }
                    }
                }
                (KdfAlg::Pbkdf2, "iter") => {
                    s.iter = params::get_int(&e, U64)? as u64;
                    if s.iter == 0 {
                        return Err(prov(PROV_R_INVALID_ITERATION_COUNT));
                    }
                }
                (KdfAlg::Pbkdf2, "pkcs5") => {
                    params::get_int(&e, I32)?;
                }
                (KdfAlg::Scrypt, "n") => {
                    let n = params::get_int(&e, U64)? as u64;
                    if n <= 1 || !n.is_power_of_two() {
                        return Err(bad_value("n"));
                    }
                    s.n = n;
                }
                (KdfAlg::Scrypt, "r") => s.r = nonzero(params::get_int(&e, U32)?, "r")?,
                (KdfAlg::Scrypt, "p") => s.p = nonzero(params::get_int(&e, U32)?, "p")?,
                (KdfAlg::Scrypt, "maxmem_bytes") => s.maxmem = params::get_int(&e, U64)? as u64,
                _ => {}
            }
        }
        if let Some(i) = info {
            s.info = i;
        }
        Ok(())
    }

    /// `EVP_KDF_CTX_get_kdf_size`: the digest size for HKDF's extract-only
    /// mode, else `SIZE_MAX` (any length); 0 when the size is not known yet.
    pub fn kdf_size(&self) -> usize {
        let s = self.st.lock();
        match (self.kdf.alg, s.mode) {
            (KdfAlg::Hkdf, 1) => s.digest.map_or(0, |d| d.size as usize),
            _ => usize::MAX,
        }
    }

    /// `EVP_KDF_derive`: parameters, then `out` filled.
    pub fn derive(&self, out: &mut [u8], p: *const ossl_param_st) -> Result<(), Error> {
        self.set_params(p)?;
        let s = self.st.lock();
        if out.is_empty() {
            return Err(prov(PROV_R_INVALID_KEY_LENGTH));
        }
        let salt = s.salt.as_deref();
        let ok = match self.kdf.alg {
            KdfAlg::Hkdf => {
                let md = s
                    .digest
                    .ok_or_else(|| prov(PROV_R_MISSING_MESSAGE_DIGEST))?;
                let key = s.key.as_deref().ok_or_else(|| prov(PROV_R_MISSING_KEY))?;
                if s.mode == 1 && out.len() != md.size as usize {
                    return Err(prov(PROV_R_WRONG_OUTPUT_BUFFER_SIZE));
                }
                lc::hkdf(s.mode, md.alg, key, salt.unwrap_or(&[]), &s.info, out)
            }
            KdfAlg::Pbkdf2 => {
                let md = s
                    .digest
                    .ok_or_else(|| prov(PROV_R_MISSING_MESSAGE_DIGEST))?;
                let pass = s.key.as_deref().ok_or_else(|| prov(PROV_R_MISSING_PASS))?;
                let salt = salt.ok_or_else(|| prov(PROV_R_MISSING_SALT))?;
                let iter =
                    u32::try_from(s.iter).map_err(|_| prov(PROV_R_INVALID_ITERATION_COUNT))?;
                lc::pbkdf2(pass, salt, iter, md.alg, out)
            }
            KdfAlg::Scrypt => {
                let pass = s.key.as_deref().ok_or_else(|| prov(PROV_R_MISSING_PASS))?;
                let salt = salt.ok_or_else(|| prov(PROV_R_MISSING_SALT))?;
                let maxmem = usize::try_from(s.maxmem).unwrap_or(usize::MAX);
                if !lc::scrypt_params_ok(s.n, s.r, s.p, maxmem) {
                    return Err(Error::new(ERR_LIB_EVP, EVP_R_MEMORY_LIMIT_EXCEEDED));
                }
                lc::scrypt(pass, salt, s.n, s.r, s.p, maxmem, out)
            }
        };
        if ok {
            Ok(())
        } else {
            Err(Error::aws_lc(ERR_LIB_PROV))
        }
    }
}

fn bad_value(what: &str) -> Error {
    Error::new(ERR_LIB_PROV, PROV_R_INVALID_KEY_LENGTH).data(what)
}

fn nonzero(v: i128, what: &str) -> Result<u64, Error> {
    if v == 0 {
        return Err(bad_value(what));
    }
    Ok(v as u64)
}

// ---------------------------------------------------------------------------
// CMAC_CTX (cmac.h: deprecated in OpenSSL 3, still what programs such as
// python3-cryptography 38 call)

/// A `CMAC_CTX`: the cipher set by `CMAC_Init`, and aws-lc's keyed context
/// once a key was given.
#[derive(Default)]
pub struct cmac_ctx_st {
    st: parking_lot::Mutex<CmacState>,
}
crate::handle!(Owned: cmac_ctx_st);
pub type CMAC_CTX = cmac_ctx_st;

#[derive(Default)]
struct CmacState {
    cipher: Option<&'static crate::crypto::cipher::EVP_CIPHER>,
    ctx: Option<crate::ffi::cipher::CmacCtx>,
}

fn cmac_failed() -> Error {
    Error::aws_lc(ERR_LIB_EVP)
}

impl cmac_ctx_st {
    /// `CMAC_Init`: all NULL restarts the MAC with the same key; a cipher
    /// (a CBC one) and a key start a new one; a cipher alone waits for the key.
    pub fn init(
        &self,
        key: Option<&[u8]>,
        cipher: Option<&'static crate::crypto::cipher::EVP_CIPHER>,
    ) -> Result<(), Error> {
        let mut st = self.st.lock();
        if key.is_none() && cipher.is_none() {
            let ctx = st
                .ctx
                .as_mut()
                .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_KEY_SET))?;
            return if ctx.reset() {
                Ok(())
            } else {
                Err(cmac_failed())
            };
        }
        if let Some(c) = cipher {
            st.cipher = Some(c);
            st.ctx = None;
        }
        if let Some(k) = key {
            let c = st
                .cipher
                .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET))?;
            st.ctx = Some(crate::ffi::cipher::CmacCtx::new(c.alg, k).ok_or_else(cmac_failed)?);
        }
        Ok(())
    }

    pub fn update(&self, data: &[u8]) -> Result<(), Error> {
        let mut st = self.st.lock();
        let ctx = st
            .ctx
            .as_mut()
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_KEY_SET))?;
        if ctx.update(data) {
            Ok(())
        } else {
            Err(cmac_failed())
        }
    }

    /// `CMAC_Final`: the MAC into `out` (None: its length only).
    pub fn finish(&self, out: Option<&mut [u8]>) -> Result<usize, Error> {
        let mut st = self.st.lock();
        let block = st
            .cipher
            .map(|c| c.block_size as usize)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET))?;
        let ctx = st
            .ctx
            .as_mut()
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_KEY_SET))?;
        match out {
            None => Ok(block),
            Some(o) => ctx.finish(o).ok_or_else(cmac_failed),
        }
    }

    /// `CMAC_CTX_copy`: this context becomes a copy of `other`.
    pub fn copy_from(&self, other: &Self) -> Result<(), Error> {
        let (cipher, ctx) = {
            let o = other.st.lock();
            let ctx = match &o.ctx {
                Some(c) => Some(c.try_clone().ok_or_else(cmac_failed)?),
                None => None,
            };
            (o.cipher, ctx)
        };
        let mut st = self.st.lock();
        st.cipher = cipher;
        st.ctx = ctx;
        Ok(())
    }
}
