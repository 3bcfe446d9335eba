//! `evp.h`: message digests (`EVP_MD`, `EVP_MD_CTX`) and key derivation;
//! keys and signatures are in evp_pkey.rs.

use crate::abi::consts::EVP_MD_FLAG_XOF;
use crate::abi::reasons::{ERR_LIB_EVP, EVP_R_NO_DIGEST_SET, EVP_R_UNSUPPORTED_ALGORITHM};
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::crypto::pkey::SignState;
use crate::ffi;
use parking_lot::Mutex;
use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void};
use std::sync::Arc;

fn md_ptr(m: &'static EVP_MD) -> *const EVP_MD {
    m as *const EVP_MD
}

/// EVP_md5 returns the static MD5 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_md5() -> *const EVP_MD {
    &crate::crypto::digest::MD_MD5
}

/// EVP_md5_sha1 returns the static MD5-SHA1 (TLS 1.0 handshake hash) `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_md5_sha1() -> *const EVP_MD {
    &crate::crypto::digest::MD_MD5_SHA1
}

/// EVP_sha512_224 returns the static SHA-512/224 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha512_224() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA512_224
}

/// EVP_sha512_256 returns the static SHA-512/256 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha512_256() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA512_256
}

/// EVP_sha3_224 returns the static SHA3-224 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha3_224() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA3_224
}

/// EVP_sha3_256 returns the static SHA3-256 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha3_256() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA3_256
}

/// EVP_sha3_384 returns the static SHA3-384 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha3_384() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA3_384
}

/// EVP_sha3_512 returns the static SHA3-512 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha3_512() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA3_512
}

/// EVP_shake128 returns the static SHAKE128 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_shake128() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHAKE128
}

/// EVP_shake256 returns the static SHAKE256 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_shake256() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHAKE256
}

/// EVP_ripemd160 returns the static RIPEMD-160 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_ripemd160() -> *const EVP_MD {
    &crate::crypto::digest::MD_RIPEMD160
}

/// EVP_sha1 returns the static SHA-1 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha1() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA1
}

/// EVP_sha224 returns the static SHA-224 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha224() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA224
}

/// EVP_sha256 returns the static SHA-256 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha256() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA256
}

/// EVP_sha384 returns the static SHA-384 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha384() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA384
}

/// EVP_sha512 returns the static SHA-512 `EVP_MD`.
#[no_mangle]
pub extern "C" fn EVP_sha512() -> *const EVP_MD {
    &crate::crypto::digest::MD_SHA512
}

/// EVP_get_digestbyname returns the static `EVP_MD` named `name` ("sha256",
/// "SHA256", "md5"; "sha-256" is not a name), or NULL.
#[no_mangle]
pub extern "C" fn EVP_get_digestbyname(name: *const c_char) -> *const EVP_MD {
    ffi_boundary!("EVP_get_digestbyname", {
        let n = ffi::cstr(name)?;
        Ok(crate::crypto::digest::digest_by_name(n).map_or(std::ptr::null(), md_ptr))
    })
}

/// EVP_get_digestbynid returns the static `EVP_MD` of digest NID `type`, or NULL.
#[no_mangle]
pub extern "C" fn EVP_get_digestbynid(r#type: c_int) -> *const EVP_MD {
    ffi_boundary!("EVP_get_digestbynid", {
        Ok(crate::crypto::digest::digest_by_nid(r#type).map_or(std::ptr::null(), md_ptr))
    })
}

/// EVP_MD_fetch returns the provider's `EVP_MD` named `algorithm` (properties are
/// ignored), or NULL: as in OpenSSL 3 it is not `EVP_sha256()` but an object of its
/// own, named as the provider names it ("SHA2-256"). It is static: `EVP_MD_free` is
/// a no-op.
#[no_mangle]
pub extern "C" fn EVP_MD_fetch(
    _ctx: *mut c_void,
    algorithm: *const c_char,
    _properties: *const c_char,
) -> *mut EVP_MD {
    ffi_boundary!("EVP_MD_fetch", {
        let n = ffi::cstr(algorithm)?;
        let md = crate::crypto::digest::fetch_by_name(n)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(n))?;
        Ok(md_ptr(md) as *mut EVP_MD)
    })
}

/// EVP_MD_free does nothing: ferrossl's `EVP_MD`s are static.
#[no_mangle]
pub extern "C" fn EVP_MD_free(_md: *mut EVP_MD) {}

/// EVP_MD_up_ref returns 1: ferrossl's `EVP_MD`s are static.
#[no_mangle]
pub extern "C" fn EVP_MD_up_ref(_md: *mut EVP_MD) -> c_int {
    1
}

/// EVP_MD_get_size returns the digest length of `md` in bytes, -1 if NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get_size(md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_MD_get_size", -1, { Ok(ffi::borrow(md)?.size) })
}

/// EVP_MD_size is OpenSSL 1.1's name for `EVP_MD_get_size`.
#[no_mangle]
pub extern "C" fn EVP_MD_size(md: *const EVP_MD) -> c_int {
    EVP_MD_get_size(md)
}

/// EVP_MD_get_block_size returns the block size of `md` in bytes, -1 if NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get_block_size(md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_MD_get_block_size", -1, {
        Ok(ffi::borrow(md)?.block_size)
    })
}

/// EVP_MD_get_type returns the NID of `md` (`NID_undef` if NULL).
#[no_mangle]
pub extern "C" fn EVP_MD_get_type(md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_MD_get_type", { Ok(ffi::borrow(md)?.nid) })
}

/// EVP_MD_type is OpenSSL 1.1's name for `EVP_MD_get_type`.
#[no_mangle]
pub extern "C" fn EVP_MD_type(md: *const EVP_MD) -> c_int {
    EVP_MD_get_type(md)
}

/// EVP_MD_get_flags returns `EVP_MD_FLAG_XOF` for SHAKE128/256 and 0 for
/// the other digests (no other `EVP_MD_FLAG_*` applies to them).
#[no_mangle]
pub extern "C" fn EVP_MD_get_flags(md: *const EVP_MD) -> c_ulong {
    ffi_boundary!("EVP_MD_get_flags", {
        Ok(if ffi::borrow(md)?.alg.is_xof() {
            EVP_MD_FLAG_XOF
        } else {
            0
        })
    })
}

/// EVP_MD_get0_name returns the static name of `md` ("SHA256"), NULL if NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get0_name(md: *const EVP_MD) -> *const c_char {
    ffi_boundary!("EVP_MD_get0_name", { Ok(ffi::borrow(md)?.name.as_ptr()) })
}

/// EVP_MD_do_all_provided calls `fn_(md, arg)` for every available digest.
#[no_mangle]
pub extern "C" fn EVP_MD_do_all_provided(
    _libctx: *mut c_void,
    fn_: Option<unsafe extern "C" fn(*mut EVP_MD, *mut c_void)>,
    arg: *mut c_void,
) {
    ffi_boundary!("EVP_MD_do_all_provided", {
        if let Some(f) = fn_ {
            for md in crate::crypto::digest::DIGESTS {
                // SAFETY: the callback given to EVP_MD_do_all_provided, called
                // with a static EVP_MD and the caller's argument.
                crate::ffi::call_c(f, (md_ptr(md) as *mut EVP_MD, arg));
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// EVP_MD_CTX.

/// A digest in progress, or a signature (`EVP_DigestSignInit`) or
/// verification (`EVP_DigestVerifyInit`) in progress.
pub struct evp_md_ctx_st {
    state: Mutex<Option<(&'static EVP_MD, crate::crypto::digest::Hasher)>>,
    sign: Mutex<Option<SignState>>,
}

impl evp_md_ctx_st {
    /// Starts (Some) or ends (None) a signature or verification.
    pub(crate) fn set_sign(&self, st: Option<SignState>) -> Result<(), Error> {
        *self
            .sign
            .try_lock()
            .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))? = st;
        Ok(())
    }

    /// Records the digest a signature or verification runs (what
    /// `EVP_MD_CTX_get0_md` reports, and `EVP_DigestInit_ex(ctx, NULL)` restarts).
    pub(crate) fn set_sign_md(&self, md: Option<&'static EVP_MD>) -> Result<(), Error> {
        *lock(self)? = match md {
            Some(m) => Some((m, crate::crypto::digest::Hasher::new(m.alg)?)),
            None => None,
        };
        Ok(())
    }

    /// The key and direction of the signature or verification in progress, if any.
    fn sign_key(&self) -> Result<Option<(Arc<crate::crypto::pkey::evp_pkey_st>, bool)>, Error> {
        let g = self
            .sign
            .try_lock()
            .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))?;
        Ok(g.as_ref()
            .and_then(|s| s.pctx.inner.lock().key.clone().map(|k| (k, s.verify))))
    }

    /// Runs `f` on the signature (`verify` false) or verification in progress.
    pub(crate) fn with_sign<T>(
        &self,
        verify: bool,
        f: impl FnOnce(&mut SignState) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut g = self
            .sign
            .try_lock()
            .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))?;
        match g.as_mut() {
            Some(s) if s.verify == verify => f(s),
            _ => Err(Error::new(
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_OPERATION_NOT_INITIALIZED,
            )),
        }
    }

    /// Adds message bytes to the signature or verification in progress.
    pub(crate) fn sign_update(&self, data: &[u8], verify: bool) -> Result<(), Error> {
        self.with_sign(verify, |s| {
            s.streamed = true;
            let r = if verify {
                s.ctx.verify_update(data)
            } else {
                s.ctx.sign_update(data)
            };
            r.map_err(|e| {
                crate::crypto::pkey::lc_error(
                    e,
                    ERR_LIB_EVP,
                    crate::abi::reasons::EVP_R_ONLY_ONESHOT_SUPPORTED,
                )
            })
        })
    }

    fn signing(&self) -> Option<bool> {
        self.sign
            .try_lock()
            .and_then(|g| g.as_ref().map(|s| s.verify))
    }
}
crate::handle!(Shared: evp_md_ctx_st);
pub type EVP_MD_CTX = evp_md_ctx_st;

/// EVP_MD_CTX_new returns a new context, freed with `EVP_MD_CTX_free`.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_new() -> *mut EVP_MD_CTX {
    ffi_boundary!("EVP_MD_CTX_new", {
        Ok(ffi::into_raw(Arc::new(EVP_MD_CTX {
            state: Mutex::new(None),
            sign: Mutex::new(None),
        })))
    })
}

/// EVP_MD_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_free(ctx: *mut EVP_MD_CTX) {
    ffi_boundary!("EVP_MD_CTX_free", {
        ffi::release(ctx);
        Ok(())
    })
}

pub(crate) fn static_md(md: *const EVP_MD) -> Result<&'static EVP_MD, Error> {
    crate::crypto::digest::known(ffi::borrow(md)?)
        .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM))
}

/// EVP_DigestInit_ex starts a digest of `type` in `ctx` (the engine is
/// ignored; a NULL `type` restarts the current digest); on a context a signature or
/// verification was started on, it starts another with the same key, as OpenSSL 3.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestInit_ex(
    ctx: *mut EVP_MD_CTX,
    r#type: *const EVP_MD,
    _impl: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_DigestInit_ex", {
        let c = ffi::borrow(ctx)?;
        if let Some((key, verify)) = c.sign_key()? {
            // As OpenSSL 3: on a context a signature or verification was started on,
            // this starts another with the same key (`openssl dgst -sign` / `-hmac`
            // resets its md BIO between files).
            let md = if r#type.is_null() {
                EVP_MD_CTX_get0_md(ctx)
            } else {
                r#type
            };
            let key = Arc::as_ptr(&key) as *mut crate::crypto::pkey::EVP_PKEY;
            return crate::entry::crypto::evp_pkey::sign_init(
                ctx,
                std::ptr::null_mut(),
                md,
                key,
                verify,
            );
        }
        c.set_sign(None)?;
        let mut st = c
            .state
            .try_lock()
            .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))?;
        let md = if r#type.is_null() {
            st.as_ref()
                .map(|s| s.0)
                .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET))?
        } else {
            static_md(r#type)?
        };
        *st = Some((md, crate::crypto::digest::Hasher::new(md.alg)?));
        Ok(1)
    })
}

/// EVP_DigestInit is `EVP_DigestInit_ex(ctx, type, NULL)`.
#[no_mangle]
pub extern "C" fn EVP_DigestInit(ctx: *mut EVP_MD_CTX, r#type: *const EVP_MD) -> c_int {
    EVP_DigestInit_ex(ctx, r#type, std::ptr::null_mut())
}

/// EVP_DigestUpdate hashes `cnt` bytes at `d`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestUpdate(ctx: *mut EVP_MD_CTX, d: *const c_void, cnt: usize) -> c_int {
    ffi_boundary!("EVP_DigestUpdate", {
        let c = ffi::borrow(ctx)?;
        let data = ffi::slice_usize(d as *const u8, cnt)?;
        if let Some(verify) = c.signing() {
            // OpenSSL 3 passes a digest update on a signing context on.
            c.sign_update(data, verify)?;
            return Ok(1);
        }
        let mut st = c
            .state
            .try_lock()
            .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))?;
        let (_, dc) = st
            .as_mut()
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET))?;
        dc.update(data);
        Ok(1)
    })
}

/// EVP_DigestFinal_ex writes the digest to `md` (at least `EVP_MD_get_size`
/// bytes) and its length to `*s` (may be NULL). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestFinal_ex(ctx: *mut EVP_MD_CTX, md: *mut u8, s: *mut c_uint) -> c_int {
    ffi_boundary!("EVP_DigestFinal_ex", {
        let out = with_digest(ctx, |_, h| h.finish())?;
        ffi::slice_mut_usize(md, out.len())?.copy_from_slice(&out);
        ffi::write_out(s, out.len() as c_uint);
        Ok(1)
    })
}

/// EVP_DigestFinal is `EVP_DigestFinal_ex` followed by clearing `ctx`.
#[no_mangle]
pub extern "C" fn EVP_DigestFinal(ctx: *mut EVP_MD_CTX, md: *mut u8, s: *mut c_uint) -> c_int {
    ffi_boundary!("EVP_DigestFinal", {
        let out = with_digest(ctx, |_, h| h.finish())?;
        ffi::slice_mut_usize(md, out.len())?.copy_from_slice(&out);
        ffi::write_out(s, out.len() as c_uint);
        *lock(ffi::borrow(ctx)?)? = None;
        Ok(1)
    })
}

/// EVP_DigestFinalXOF writes `len` bytes of an extendable-output digest
/// (SHAKE128, SHAKE256) to `md`. Returns 1, or 0 for other digests.
#[no_mangle]
pub extern "C" fn EVP_DigestFinalXOF(ctx: *mut EVP_MD_CTX, md: *mut u8, len: usize) -> c_int {
    ffi_boundary!("EVP_DigestFinalXOF", {
        let out = with_digest(ctx, |_, h| h.finish_xof(len))?;
        ffi::slice_mut_usize(md, len)?.copy_from_slice(&out);
        Ok(1)
    })
}

/// EVP_MD_CTX_copy_ex makes `out` a copy of `in_` (digest and running
/// state). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_copy_ex(out: *mut EVP_MD_CTX, in_: *const EVP_MD_CTX) -> c_int {
    ffi_boundary!("EVP_MD_CTX_copy_ex", {
        let copy = with_digest(in_ as *mut EVP_MD_CTX, |m, h| Ok((m, h.try_clone()?)))?;
        let dst = ffi::borrow(out)?;
        if std::ptr::eq(dst, ffi::borrow(in_)?) {
            return Ok(1);
        }
        *lock(dst)? = Some(copy);
        Ok(1)
    })
}

/// EVP_MD_CTX_copy is `EVP_MD_CTX_copy_ex` (OpenSSL 3 resets `out` first).
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_copy(out: *mut EVP_MD_CTX, in_: *const EVP_MD_CTX) -> c_int {
    EVP_MD_CTX_copy_ex(out, in_)
}

/// EVP_MD_CTX_get0_md returns the digest `ctx` runs, or NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_get0_md(ctx: *const EVP_MD_CTX) -> *const EVP_MD {
    ffi_boundary!("EVP_MD_CTX_get0_md", {
        Ok(lock(ffi::borrow(ctx)?)?
            .as_ref()
            .map_or(std::ptr::null(), |(m, _)| *m as *const EVP_MD))
    })
}

/// EVP_MD_CTX_md is `EVP_MD_CTX_get0_md`.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_md(ctx: *const EVP_MD_CTX) -> *const EVP_MD {
    EVP_MD_CTX_get0_md(ctx)
}

/// EVP_MD_CTX_reset clears `ctx` for reuse. Returns 1.
#[no_mangle]
pub extern "C" fn EVP_MD_CTX_reset(ctx: *mut EVP_MD_CTX) -> c_int {
    ffi_boundary!("EVP_MD_CTX_reset", {
        ffi::borrow(ctx)?.set_sign(None)?;
        *lock(ffi::borrow(ctx)?)? = None;
        Ok(1)
    })
}

/// EVP_default_properties_is_fips_enabled returns 0: the default
/// properties do not ask for FIPS (as OpenSSL 3 without a configuration).
#[no_mangle]
pub extern "C" fn EVP_default_properties_is_fips_enabled(_libctx: *mut c_void) -> c_int {
    0
}

type DigestState = Option<(&'static EVP_MD, crate::crypto::digest::Hasher)>;

fn lock(c: &EVP_MD_CTX) -> Result<parking_lot::MutexGuard<'_, DigestState>, Error> {
    c.state
        .try_lock()
        .ok_or_else(|| Error::internal("EVP_MD_CTX used concurrently"))
}

/// Runs `f` on `ctx`'s started digest.
pub(crate) fn with_digest<T>(
    ctx: *mut EVP_MD_CTX,
    f: impl FnOnce(&'static EVP_MD, &mut crate::crypto::digest::Hasher) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut st = lock(ffi::borrow(ctx)?)?;
    let (m, h) = st
        .as_mut()
        .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET))?;
    f(m, h)
}

/// EVP_Digest hashes `count` bytes at `data` with `type` into `md`, storing
/// the length in `*size` (may be NULL). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_Digest(
    data: *const c_void,
    count: usize,
    md: *mut u8,
    size: *mut c_uint,
    r#type: *const EVP_MD,
    _impl: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_Digest", {
        let m = static_md(r#type)?;
        let d = crate::crypto::digest::digest(m.alg, ffi::slice_usize(data as *const u8, count)?)?;
        ffi::slice_mut_usize(md, d.len())?.copy_from_slice(&d);
        ffi::write_out(size, d.len() as c_uint);
        Ok(1)
    })
}

/// OPENSSL_add_all_algorithms_noconf does nothing.
#[no_mangle]
pub extern "C" fn OPENSSL_add_all_algorithms_noconf() {}

// ---------------------------------------------------------------------------
// Key derivation.

/// A password argument: `len` bytes, or with `len == -1` a C string.
fn password<'a>(pass: *const c_char, len: c_int) -> Result<&'a [u8], Error> {
    if len == -1 {
        if pass.is_null() {
            return Ok(&[]);
        }
        return ffi::cstr_bytes(pass);
    }
    ffi::slice(pass as *const u8, len)
}

/// PKCS5_PBKDF2_HMAC derives `keylen` bytes into `out` from `passlen` bytes
/// of `pass` (-1: a C string) and `saltlen` bytes of `salt` with `iter`
/// iterations of HMAC-`digest`. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn PKCS5_PBKDF2_HMAC(
    pass: *const c_char,
    passlen: c_int,
    salt: *const u8,
    saltlen: c_int,
    iter: c_int,
    digest: *const EVP_MD,
    keylen: c_int,
    out: *mut u8,
) -> c_int {
    ffi_boundary!("PKCS5_PBKDF2_HMAC", {
        let md = static_md(digest)?;
        let iter = u32::try_from(iter)
            .ok()
            .filter(|i| *i > 0)
            .ok_or_else(|| Error::invalid_argument("iteration count"))?;
        let pass = password(pass, passlen)?;
        let salt = ffi::slice(salt, saltlen)?;
        let out = ffi::slice_mut(out, keylen)?;
        Ok(c_int::from(crate::ffi::lc::pbkdf2(
            pass, salt, iter, md.alg, out,
        )))
    })
}

/// PKCS5_PBKDF2_HMAC_SHA1 is `PKCS5_PBKDF2_HMAC` with SHA-1.
#[no_mangle]
pub extern "C" fn PKCS5_PBKDF2_HMAC_SHA1(
    pass: *const c_char,
    passlen: c_int,
    salt: *const u8,
    saltlen: c_int,
    iter: c_int,
    keylen: c_int,
    out: *mut u8,
) -> c_int {
    PKCS5_PBKDF2_HMAC(
        pass,
        passlen,
        salt,
        saltlen,
        iter,
        &crate::crypto::digest::MD_SHA1,
        keylen,
        out,
    )
}

/// EVP_PBE_scrypt derives `keylen` bytes into `key` with scrypt (RFC 7914)
/// and the cost parameters `n`, `r`, `p` within `maxmem` bytes (0: 32 MiB).
/// With a NULL `key` it only checks the parameters. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PBE_scrypt(
    pass: *const c_char,
    passlen: usize,
    salt: *const u8,
    saltlen: usize,
    n: u64,
    r: u64,
    p: u64,
    maxmem: u64,
    key: *mut u8,
    keylen: usize,
) -> c_int {
    ffi_boundary!("EVP_PBE_scrypt", {
        let maxmem = usize::try_from(maxmem).unwrap_or(usize::MAX);
        if !crate::ffi::lc::scrypt_params_ok(n, r, p, maxmem) {
            return Err(Error::new(
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_INVALID_VALUE,
            ));
        }
        if key.is_null() {
            return Ok(1);
        }
        let pass = ffi::slice_usize(pass as *const u8, passlen)?;
        let salt = ffi::slice_usize(salt, saltlen)?;
        let out = ffi::slice_mut_usize(key, keylen)?;
        Ok(c_int::from(crate::ffi::lc::scrypt(
            pass, salt, n, r, p, maxmem, out,
        )))
    })
}
