//! aws-lc's own libcrypto objects, owned safely: the digests, digest and HMAC
//! contexts and the key-derivation functions behind ferrossl's `EVP_MD`,
//! `EVP_MD_CTX`, `HMAC_CTX`, PBKDF2 and scrypt. aws-lc implements them with
//! OpenSSL's semantics; ferrossl only keeps OpenSSL's handles and NIDs around
//! them (docs/design.md). Every call here is into aws-lc-sys.

use aws_lc_sys as sys;
use std::ffi::c_int;

/// A digest algorithm aws-lc implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digest {
    Md5,
    Md5Sha1,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,
    Shake256,
    Ripemd160,
}

impl Digest {
    pub(super) fn md(self) -> *const sys::EVP_MD {
        // SAFETY: each returns a pointer to a static EVP_MD (never NULL, never freed).
        unsafe {
            match self {
                Digest::Md5 => sys::EVP_md5(),
                Digest::Md5Sha1 => sys::EVP_md5_sha1(),
                Digest::Sha1 => sys::EVP_sha1(),
                Digest::Sha224 => sys::EVP_sha224(),
                Digest::Sha256 => sys::EVP_sha256(),
                Digest::Sha384 => sys::EVP_sha384(),
                Digest::Sha512 => sys::EVP_sha512(),
                Digest::Sha512_224 => sys::EVP_sha512_224(),
                Digest::Sha512_256 => sys::EVP_sha512_256(),
                Digest::Sha3_224 => sys::EVP_sha3_224(),
                Digest::Sha3_256 => sys::EVP_sha3_256(),
                Digest::Sha3_384 => sys::EVP_sha3_384(),
                Digest::Sha3_512 => sys::EVP_sha3_512(),
                Digest::Shake128 => sys::EVP_shake128(),
                Digest::Shake256 => sys::EVP_shake256(),
                Digest::Ripemd160 => sys::EVP_ripemd160(),
            }
        }
    }

    /// The output size in bytes; for SHAKE, OpenSSL 3's default output
    /// length (aws-lc reports 0 for an XOF).
    pub fn size(self) -> usize {
        match self {
            Digest::Shake128 => 16,
            Digest::Shake256 => 32,
            // SAFETY: a static EVP_MD.
            _ => unsafe { sys::EVP_MD_size(self.md()) },
        }
    }

    /// The block size in bytes.
    pub fn block_size(self) -> usize {
        // SAFETY: a static EVP_MD.
        unsafe { sys::EVP_MD_block_size(self.md()) }
    }

    /// Whether this is an extendable-output function (SHAKE).
    pub fn is_xof(self) -> bool {
        matches!(self, Digest::Shake128 | Digest::Shake256)
    }
}

/// An aws-lc `EVP_MD_CTX` with a digest started.
pub struct MdCtx {
    ctx: *mut sys::EVP_MD_CTX,
    digest: Digest,
}
// SAFETY: the context is owned by this value alone; aws-lc contexts may move
// between threads, and `&self` methods do not touch it.
unsafe impl Send for MdCtx {}
// SAFETY: as above: shared references never reach the context.
unsafe impl Sync for MdCtx {}

impl MdCtx {
    /// A new context with `digest` started; None if aws-lc is out of memory.
    pub fn new(digest: Digest) -> Option<Self> {
        // SAFETY: plain allocation.
        let ctx = unsafe { sys::EVP_MD_CTX_new() };
        if ctx.is_null() {
            return None;
        }
        let c = MdCtx { ctx, digest };
        // SAFETY: a fresh context and a static EVP_MD.
        (unsafe { sys::EVP_DigestInit_ex(ctx, digest.md(), std::ptr::null_mut()) } == 1)
            .then_some(c)
    }

    pub fn digest(&self) -> Digest {
        self.digest
    }

    pub fn update(&mut self, data: &[u8]) -> bool {
        // SAFETY: an initialised context and a valid slice.
        unsafe { sys::EVP_DigestUpdate(self.ctx, data.as_ptr().cast(), data.len()) == 1 }
    }

    /// Finishes into `out` (at least `digest().size()` bytes) and returns the
    /// length; the context can be restarted with `reset`.
    pub fn finish(&mut self, out: &mut [u8]) -> Option<usize> {
        if out.len() < self.digest.size() {
            return None;
        }
        let mut n: u32 = 0;
        // SAFETY: `out` holds at least the digest's size.
        let ok = unsafe { sys::EVP_DigestFinal_ex(self.ctx, out.as_mut_ptr(), &mut n) == 1 };
        ok.then_some(n as usize)
    }

    /// Finishes an XOF with `out.len()` bytes of output.
    pub fn finish_xof(&mut self, out: &mut [u8]) -> bool {
        // SAFETY: writes exactly `out.len()` bytes.
        unsafe { sys::EVP_DigestFinalXOF(self.ctx, out.as_mut_ptr(), out.len()) == 1 }
    }

    /// Starts the same digest again.
    pub fn reset(&mut self) -> bool {
        // SAFETY: as in `new`.
        unsafe { sys::EVP_DigestInit_ex(self.ctx, self.digest.md(), std::ptr::null_mut()) == 1 }
    }

    /// A copy of the running state (`EVP_MD_CTX_copy_ex`).
    pub fn try_clone(&self) -> Option<Self> {
        // SAFETY: plain allocation, then a copy from our initialised context.
        unsafe {
            let ctx = sys::EVP_MD_CTX_new();
            if ctx.is_null() {
                return None;
            }
            let c = MdCtx {
                ctx,
                digest: self.digest,
            };
            (sys::EVP_MD_CTX_copy_ex(ctx, self.ctx) == 1).then_some(c)
        }
    }
}

impl Drop for MdCtx {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::EVP_MD_CTX_free(self.ctx) }
    }
}

/// An aws-lc `HMAC_CTX` with a key and digest set.
pub struct HmacCtx {
    ctx: *mut sys::HMAC_CTX,
    digest: Digest,
}
// SAFETY: as for `MdCtx`.
unsafe impl Send for HmacCtx {}
// SAFETY: as for `MdCtx`.
unsafe impl Sync for HmacCtx {}

impl HmacCtx {
    pub fn new(digest: Digest, key: &[u8]) -> Option<Self> {
        // SAFETY: plain allocation.
        let ctx = unsafe { sys::HMAC_CTX_new() };
        if ctx.is_null() {
            return None;
        }
        let h = HmacCtx { ctx, digest };
        // SAFETY: a fresh context, a valid key slice, a static EVP_MD.
        let ok = unsafe {
            sys::HMAC_Init_ex(
                ctx,
                key.as_ptr().cast(),
                key.len(),
                digest.md(),
                std::ptr::null_mut(),
            ) == 1
        };
        ok.then_some(h)
    }

    pub fn digest(&self) -> Digest {
        self.digest
    }

    pub fn update(&mut self, data: &[u8]) -> bool {
        // SAFETY: an initialised context and a valid slice.
        unsafe { sys::HMAC_Update(self.ctx, data.as_ptr(), data.len()) == 1 }
    }

    /// Finishes into `out` (at least `digest().size()` bytes); the length.
    pub fn finish(&mut self, out: &mut [u8]) -> Option<usize> {
        if out.len() < self.digest.size() {
            return None;
        }
        let mut n: u32 = 0;
        // SAFETY: `out` holds at least the digest's size.
        let ok = unsafe { sys::HMAC_Final(self.ctx, out.as_mut_ptr(), &mut n) == 1 };
        ok.then_some(n as usize)
    }

    /// Starts again with the same key (`HMAC_Init_ex` with a NULL key).
    pub fn reset(&mut self) -> bool {
        // SAFETY: aws-lc keeps the key when `key` is NULL and the md is the same.
        unsafe {
            sys::HMAC_Init_ex(
                self.ctx,
                std::ptr::null(),
                0,
                self.digest.md(),
                std::ptr::null_mut(),
            ) == 1
        }
    }

    pub fn try_clone(&self) -> Option<Self> {
        // SAFETY: plain allocation, then a copy from our initialised context.
        unsafe {
            let ctx = sys::HMAC_CTX_new();
            if ctx.is_null() {
                return None;
            }
            let h = HmacCtx {
                ctx,
                digest: self.digest,
            };
            (sys::HMAC_CTX_copy(ctx, self.ctx) == 1).then_some(h)
        }
    }
}

impl Drop for HmacCtx {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::HMAC_CTX_free(self.ctx) }
    }
}

/// PKCS#5 v2 PBKDF2 with HMAC-`digest`, filling `out`.
pub fn pbkdf2(pass: &[u8], salt: &[u8], iterations: u32, digest: Digest, out: &mut [u8]) -> bool {
    // SAFETY: valid slices; aws-lc writes exactly `out.len()` bytes.
    unsafe {
        sys::PKCS5_PBKDF2_HMAC(
            pass.as_ptr().cast(),
            pass.len(),
            salt.as_ptr(),
            salt.len(),
            iterations,
            digest.md(),
            out.len(),
            out.as_mut_ptr(),
        ) == 1
    }
}

/// scrypt (RFC 7914) filling `out`; false for parameters aws-lc refuses
/// (N not a power of two, memory above `max_mem`, ...).
pub fn scrypt(
    pass: &[u8],
    salt: &[u8],
    n: u64,
    r: u64,
    p: u64,
    max_mem: usize,
    out: &mut [u8],
) -> bool {
    // SAFETY: valid slices; aws-lc writes exactly `out.len()` bytes.
    unsafe {
        sys::EVP_PBE_scrypt(
            pass.as_ptr().cast(),
            pass.len(),
            salt.as_ptr(),
            salt.len(),
            n,
            r,
            p,
            max_mem,
            out.as_mut_ptr(),
            out.len(),
        ) == 1
    }
}

/// HKDF (RFC 5869) filling `out`: `mode` 0 extract-and-expand, 1 extract
/// only (`out` then the digest's size), 2 expand only (`key` the PRK).
pub fn hkdf(
    mode: c_int,
    digest: Digest,
    key: &[u8],
    salt: &[u8],
    info: &[u8],
    out: &mut [u8],
) -> bool {
    // SAFETY: valid slices and a static EVP_MD; aws-lc writes at most
    // `out.len()` bytes (extract: the digest size, checked first).
    unsafe {
        match mode {
            0 => {
                sys::HKDF(
                    out.as_mut_ptr(),
                    out.len(),
                    digest.md(),
                    key.as_ptr(),
                    key.len(),
                    salt.as_ptr(),
                    salt.len(),
                    info.as_ptr(),
                    info.len(),
                ) == 1
            }
            1 => {
                if out.len() != digest.size() {
                    return false;
                }
                let mut n = 0usize;
                sys::HKDF_extract(
                    out.as_mut_ptr(),
                    &mut n,
                    digest.md(),
                    key.as_ptr(),
                    key.len(),
                    salt.as_ptr(),
                    salt.len(),
                ) == 1
                    && n == out.len()
            }
            _ => {
                sys::HKDF_expand(
                    out.as_mut_ptr(),
                    out.len(),
                    digest.md(),
                    key.as_ptr(),
                    key.len(),
                    info.as_ptr(),
                    info.len(),
                ) == 1
            }
        }
    }
}

/// Constant-time comparison of equal-length buffers: 0 if equal.
pub fn ct_memcmp(a: &[u8], b: &[u8]) -> c_int {
    if a.len() != b.len() {
        return 1;
    }
    // SAFETY: both slices hold `a.len()` bytes.
    unsafe { sys::CRYPTO_memcmp(a.as_ptr().cast(), b.as_ptr().cast(), a.len()) }
}

/// Whether aws-lc's `EVP_PBE_scrypt` accepts these parameters (its own
/// checks, without computing anything): what OpenSSL's `EVP_PBE_scrypt`
/// answers when called with a NULL key.
pub fn scrypt_params_ok(n: u64, r: u64, p: u64, max_mem: usize) -> bool {
    const PR_MAX: u64 = (1 << 30) - 1;
    const MAX_MEM: usize = 1024 * 1024 * 32;
    if r == 0 || p == 0 || p > PR_MAX / r || n < 2 || n & (n - 1) != 0 || n > 1 << 32 {
        return false;
    }
    if 16 * r <= 63 && n >= 1 << (16 * r) {
        return false;
    }
    let max_mem = if max_mem == 0 { MAX_MEM } else { max_mem } as u64;
    let blocks = max_mem / (2 * r * 64);
    blocks > p && blocks - p > n
}

// The legacy MD5_* / SHA1_* calls run aws-lc's own on the caller's MD5_CTX /
// SHA_CTX: aws-lc lays them out byte for byte as OpenSSL does (chaining
// words, Nl, Nh, 64 bytes of input, num), checked here at compile time.
const _: () = assert!(std::mem::size_of::<sys::MD5_CTX>() == 92);
const _: () = assert!(std::mem::size_of::<sys::SHA_CTX>() == 96);
const _: () = assert!(std::mem::align_of::<sys::MD5_CTX>() <= 4);
const _: () = assert!(std::mem::align_of::<sys::SHA_CTX>() <= 4);

/// The two digests whose contexts live in the caller's memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Md5,
    Sha1,
}

impl Legacy {
    /// `sizeof(MD5_CTX)` = 92, `sizeof(SHA_CTX)` = 96, as in OpenSSL 3.
    pub fn ctx_size(self) -> usize {
        match self {
            Legacy::Md5 => std::mem::size_of::<sys::MD5_CTX>(),
            Legacy::Sha1 => std::mem::size_of::<sys::SHA_CTX>(),
        }
    }

    /// Digest length: 16 or 20 bytes.
    pub fn out_len(self) -> usize {
        match self {
            Legacy::Md5 => 16,
            Legacy::Sha1 => 20,
        }
    }
}

/// A caller's context: exactly `ctx_size` bytes, 4-byte aligned, and (but
/// for init) `num` below 64: a copied, moved or scribbled-on context can give
/// a wrong digest, never an out-of-bounds write inside aws-lc.
fn legacy_ok(alg: Legacy, ctx: &[u8], init: bool) -> bool {
    let n = alg.ctx_size();
    if ctx.len() != n || !(ctx.as_ptr() as usize).is_multiple_of(4) {
        return false;
    }
    let num = u32::from_ne_bytes(ctx[n - 4..].try_into().unwrap_or([0xff; 4]));
    init || num < 64
}

/// `MD5_Init` / `SHA1_Init` on the caller's context bytes.
pub fn legacy_init(alg: Legacy, ctx: &mut [u8]) -> bool {
    if !legacy_ok(alg, ctx, true) {
        return false;
    }
    // SAFETY: `ctx` is exactly the (aligned) context aws-lc writes.
    unsafe {
        match alg {
            Legacy::Md5 => sys::MD5_Init(ctx.as_mut_ptr().cast()) == 1,
            Legacy::Sha1 => sys::SHA1_Init(ctx.as_mut_ptr().cast()) == 1,
        }
    }
}

/// `MD5_Update` / `SHA1_Update`.
pub fn legacy_update(alg: Legacy, ctx: &mut [u8], data: &[u8]) -> bool {
    if !legacy_ok(alg, ctx, false) {
        return false;
    }
    // SAFETY: a checked context, a valid input slice.
    unsafe {
        match alg {
            Legacy::Md5 => {
                sys::MD5_Update(ctx.as_mut_ptr().cast(), data.as_ptr().cast(), data.len()) == 1
            }
            Legacy::Sha1 => {
                sys::SHA1_Update(ctx.as_mut_ptr().cast(), data.as_ptr().cast(), data.len()) == 1
            }
        }
    }
}

/// `MD5_Final` / `SHA1_Final`: `out_len` bytes into `out`.
pub fn legacy_final(alg: Legacy, ctx: &mut [u8], out: &mut [u8]) -> bool {
    if !legacy_ok(alg, ctx, false) || out.len() < alg.out_len() {
        return false;
    }
    // SAFETY: a checked context; `out` holds the digest length.
    unsafe {
        match alg {
            Legacy::Md5 => sys::MD5_Final(out.as_mut_ptr(), ctx.as_mut_ptr().cast()) == 1,
            Legacy::Sha1 => sys::SHA1_Final(out.as_mut_ptr(), ctx.as_mut_ptr().cast()) == 1,
        }
    }
}
