//! `evp.h`, its cipher half: `EVP_CIPHER`, `EVP_CIPHER_CTX`, the
//! `EVP_Encrypt*` / `EVP_Decrypt*` / `EVP_Cipher*` calls, `EVP_BytesToKey`,
//! and base64 (`EVP_EncodeBlock`, `EVP_ENCODE_CTX`). aws-lc runs the
//! ciphers; src/crypto/cipher.rs keeps OpenSSL 3's table and state machine.

use crate::abi::reasons::{ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER};
pub use crate::crypto::cipher::EVP_CIPHER;
use crate::crypto::cipher::{self, CipherState, Dir};
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void};

fn cipher_ptr(c: &'static EVP_CIPHER) -> *const EVP_CIPHER {
    c
}

/// One of ferrossl's static ciphers (a pointer from elsewhere is refused).
pub(crate) fn static_cipher(c: *const EVP_CIPHER) -> Result<&'static EVP_CIPHER, Error> {
    let c = ffi::borrow(c)?;
    cipher::LEGACY
        .iter()
        .chain(cipher::PROVIDED)
        .copied()
        .find(|s| std::ptr::eq(*s, c))
        .ok_or_else(|| Error::new(ERR_LIB_EVP, crate::abi::reasons::EVP_R_UNSUPPORTED_CIPHER))
}

// ---------------------------------------------------------------------------
// EVP_CIPHER: the static ciphers.

/// EVP_aes_128_ecb returns the static `EVP_CIPHER` for AES-128 in ECB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_ecb() -> *const EVP_CIPHER {
    &cipher::AES_128_ECB
}

/// EVP_aes_128_cbc returns the static `EVP_CIPHER` for AES-128 in CBC mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_cbc() -> *const EVP_CIPHER {
    &cipher::AES_128_CBC
}

/// EVP_aes_128_ctr returns the static `EVP_CIPHER` for AES-128 in CTR mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_ctr() -> *const EVP_CIPHER {
    &cipher::AES_128_CTR
}

/// EVP_aes_128_gcm returns the static `EVP_CIPHER` for AES-128 in GCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_gcm() -> *const EVP_CIPHER {
    &cipher::AES_128_GCM
}

/// EVP_aes_128_ofb returns the static `EVP_CIPHER` for AES-128 in OFB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_ofb() -> *const EVP_CIPHER {
    &cipher::AES_128_OFB
}

/// EVP_aes_128_cfb128 returns the static `EVP_CIPHER` for AES-128 in CFB-128 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_cfb128() -> *const EVP_CIPHER {
    &cipher::AES_128_CFB
}

/// EVP_aes_128_cfb8 returns the static `EVP_CIPHER` for AES-128 in CFB-8 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_cfb8() -> *const EVP_CIPHER {
    &cipher::AES_128_CFB8
}

/// EVP_aes_128_cfb1 returns the static `EVP_CIPHER` for AES-128 in CFB-1 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_cfb1() -> *const EVP_CIPHER {
    &cipher::AES_128_CFB1
}

/// EVP_aes_128_ccm returns the static `EVP_CIPHER` for AES-128 in CCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_128_ccm() -> *const EVP_CIPHER {
    &cipher::AES_128_CCM
}

/// EVP_aes_192_ecb returns the static `EVP_CIPHER` for AES-192 in ECB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_ecb() -> *const EVP_CIPHER {
    &cipher::AES_192_ECB
}

/// EVP_aes_192_cbc returns the static `EVP_CIPHER` for AES-192 in CBC mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_cbc() -> *const EVP_CIPHER {
    &cipher::AES_192_CBC
}

/// EVP_aes_192_ctr returns the static `EVP_CIPHER` for AES-192 in CTR mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_ctr() -> *const EVP_CIPHER {
    &cipher::AES_192_CTR
}

/// EVP_aes_192_gcm returns the static `EVP_CIPHER` for AES-192 in GCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_gcm() -> *const EVP_CIPHER {
    &cipher::AES_192_GCM
}

/// EVP_aes_192_ofb returns the static `EVP_CIPHER` for AES-192 in OFB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_ofb() -> *const EVP_CIPHER {
    &cipher::AES_192_OFB
}

/// EVP_aes_192_cfb128 returns the static `EVP_CIPHER` for AES-192 in CFB-128 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_cfb128() -> *const EVP_CIPHER {
    &cipher::AES_192_CFB
}

/// EVP_aes_192_cfb8 returns the static `EVP_CIPHER` for AES-192 in CFB-8 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_cfb8() -> *const EVP_CIPHER {
    &cipher::AES_192_CFB8
}

/// EVP_aes_192_cfb1 returns the static `EVP_CIPHER` for AES-192 in CFB-1 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_cfb1() -> *const EVP_CIPHER {
    &cipher::AES_192_CFB1
}

/// EVP_aes_192_ccm returns the static `EVP_CIPHER` for AES-192 in CCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_192_ccm() -> *const EVP_CIPHER {
    &cipher::AES_192_CCM
}

/// EVP_aes_256_ecb returns the static `EVP_CIPHER` for AES-256 in ECB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_ecb() -> *const EVP_CIPHER {
    &cipher::AES_256_ECB
}

/// EVP_aes_256_cbc returns the static `EVP_CIPHER` for AES-256 in CBC mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_cbc() -> *const EVP_CIPHER {
    &cipher::AES_256_CBC
}

/// EVP_aes_256_ctr returns the static `EVP_CIPHER` for AES-256 in CTR mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_ctr() -> *const EVP_CIPHER {
    &cipher::AES_256_CTR
}

/// EVP_aes_256_gcm returns the static `EVP_CIPHER` for AES-256 in GCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_gcm() -> *const EVP_CIPHER {
    &cipher::AES_256_GCM
}

/// EVP_aes_256_ofb returns the static `EVP_CIPHER` for AES-256 in OFB mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_ofb() -> *const EVP_CIPHER {
    &cipher::AES_256_OFB
}

/// EVP_aes_256_cfb128 returns the static `EVP_CIPHER` for AES-256 in CFB-128 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_cfb128() -> *const EVP_CIPHER {
    &cipher::AES_256_CFB
}

/// EVP_aes_256_cfb8 returns the static `EVP_CIPHER` for AES-256 in CFB-8 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_cfb8() -> *const EVP_CIPHER {
    &cipher::AES_256_CFB8
}

/// EVP_aes_256_cfb1 returns the static `EVP_CIPHER` for AES-256 in CFB-1 mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_cfb1() -> *const EVP_CIPHER {
    &cipher::AES_256_CFB1
}

/// EVP_aes_256_ccm returns the static `EVP_CIPHER` for AES-256 in CCM mode.
#[no_mangle]
pub extern "C" fn EVP_aes_256_ccm() -> *const EVP_CIPHER {
    &cipher::AES_256_CCM
}

/// EVP_chacha20_poly1305 returns the static `EVP_CIPHER` for ChaCha20-Poly1305 (RFC 8439).
#[no_mangle]
pub extern "C" fn EVP_chacha20_poly1305() -> *const EVP_CIPHER {
    &cipher::CHACHA20_POLY1305
}

/// EVP_des_ede3_cbc returns the static `EVP_CIPHER` for three-key triple DES in CBC mode.
#[no_mangle]
pub extern "C" fn EVP_des_ede3_cbc() -> *const EVP_CIPHER {
    &cipher::DES_EDE3_CBC
}

/// EVP_des_ede3_ecb returns the static `EVP_CIPHER` for three-key triple DES in ECB mode.
#[no_mangle]
pub extern "C" fn EVP_des_ede3_ecb() -> *const EVP_CIPHER {
    &cipher::DES_EDE3_ECB
}

/// EVP_des_ede3 returns the static `EVP_CIPHER` for three-key triple DES in ECB mode (`EVP_des_ede3_ecb`).
#[no_mangle]
pub extern "C" fn EVP_des_ede3() -> *const EVP_CIPHER {
    &cipher::DES_EDE3_ECB
}

/// EVP_get_cipherbyname returns the static `EVP_CIPHER` named `name` (short
/// or long name, alias such as "AES256" or "des3", or OID; any case), or
/// NULL (without an error, as OpenSSL).
#[no_mangle]
pub extern "C" fn EVP_get_cipherbyname(name: *const c_char) -> *const EVP_CIPHER {
    ffi_boundary!("EVP_get_cipherbyname", {
        let n = ffi::cstr(name)?;
        Ok(cipher::legacy_by_name(n).map_or(std::ptr::null(), cipher_ptr))
    })
}

/// EVP_CIPHER_fetch returns the default provider's `EVP_CIPHER` named
/// `algorithm` ("AES-256-GCM", "aes-128-cbc", ...), or NULL with
/// `ERR_R_UNSUPPORTED` ("unsupported") for an unknown name or a property query the
/// default provider does not match ("fips=yes", "provider=legacy"). The
/// library context is ignored. It is static: `EVP_CIPHER_free` is a no-op.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_fetch(
    _ctx: *mut c_void,
    algorithm: *const c_char,
    properties: *const c_char,
) -> *mut EVP_CIPHER {
    ffi_boundary!("EVP_CIPHER_fetch", {
        let n = ffi::cstr(algorithm)?;
        let props = (!properties.is_null())
            .then(|| ffi::cstr(properties))
            .transpose()?;
        Ok(cipher_ptr(cipher::fetch(n, props)?) as *mut EVP_CIPHER)
    })
}

/// EVP_CIPHER_free does nothing: ferrossl's `EVP_CIPHER`s are static.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_free(_cipher: *mut EVP_CIPHER) {}

/// EVP_CIPHER_up_ref returns 1: ferrossl's `EVP_CIPHER`s are static.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_up_ref(_cipher: *mut EVP_CIPHER) -> c_int {
    1
}

/// EVP_CIPHER_get_nid returns the NID of `cipher` (`NID_undef` if NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_nid(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_nid", { Ok(ffi::borrow(cipher)?.nid) })
}

/// EVP_CIPHER_get_type returns the NID of `cipher`'s ASN.1 parameter type:
/// its own NID for the ciphers ferrossl has (`NID_undef` if NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_type(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_type", { Ok(ffi::borrow(cipher)?.nid) })
}

/// EVP_CIPHER_get_block_size returns the block size in bytes (1 for stream
/// modes and AEADs), 0 if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_block_size(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_block_size", {
        Ok(ffi::borrow(cipher)?.block_size)
    })
}

/// EVP_CIPHER_get_key_length returns the key length in bytes, 0 if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_key_length(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_key_length", {
        Ok(ffi::borrow(cipher)?.key_len)
    })
}

/// EVP_CIPHER_get_iv_length returns the default IV length in bytes (0 for
/// ECB), 0 if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_iv_length(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_iv_length", {
        Ok(ffi::borrow(cipher)?.iv_len)
    })
}

/// EVP_CIPHER_get_mode returns the `EVP_CIPH_*_MODE` of `cipher`, 0 if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_mode(cipher: *const EVP_CIPHER) -> c_int {
    ffi_boundary!("EVP_CIPHER_get_mode", {
        Ok(ffi::borrow(cipher)?.mode() as c_int)
    })
}

/// EVP_CIPHER_get_flags returns the flags OpenSSL 3 reports for this
/// object (mode bits included), 0 if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get_flags(cipher: *const EVP_CIPHER) -> c_ulong {
    ffi_boundary!("EVP_CIPHER_get_flags", { Ok(ffi::borrow(cipher)?.flags) })
}

/// EVP_CIPHER_get0_name returns the static name of `cipher`: the short name
/// for `EVP_aes_128_gcm()` ("id-aes128-GCM"), the provider's for a fetched
/// one or a context's ("AES-128-GCM"); NULL if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_get0_name(cipher: *const EVP_CIPHER) -> *const c_char {
    ffi_boundary!("EVP_CIPHER_get0_name", {
        Ok(ffi::borrow(cipher)?.name.as_ptr())
    })
}

/// EVP_CIPHER_is_a returns 1 if `name` is one of `cipher`'s names.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_is_a(cipher: *const EVP_CIPHER, name: *const c_char) -> c_int {
    ffi_boundary!("EVP_CIPHER_is_a", {
        let c = ffi::borrow(cipher)?;
        let n = ffi::cstr(name)?;
        Ok(c_int::from(
            cipher::legacy_by_name(n).is_some_and(|l| l.nid == c.nid),
        ))
    })
}

/// EVP_CIPHER_do_all_provided calls `fn_(cipher, arg)` for every cipher
/// ferrossl provides (the provider's objects).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_do_all_provided(
    _libctx: *mut c_void,
    fn_: Option<unsafe extern "C" fn(*mut EVP_CIPHER, *mut c_void)>,
    arg: *mut c_void,
) {
    ffi_boundary!("EVP_CIPHER_do_all_provided", {
        if let Some(f) = fn_ {
            for c in cipher::PROVIDED {
                // SAFETY: the callback given to EVP_CIPHER_do_all_provided,
                // called with a static EVP_CIPHER and the caller's argument.
                ffi::call_c(f, (cipher_ptr(c) as *mut EVP_CIPHER, arg));
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// EVP_CIPHER_CTX.

/// A cipher context (aws-lc's `EVP_CIPHER_CTX` and OpenSSL 3's state).
pub struct evp_cipher_ctx_st {
    state: Mutex<CipherState>,
    app_data: Mutex<Ptr>,
}
crate::handle!(Owned: evp_cipher_ctx_st);
pub type EVP_CIPHER_CTX = evp_cipher_ctx_st;

fn with_ctx<T>(
    ctx: *const EVP_CIPHER_CTX,
    f: impl FnOnce(&mut CipherState) -> Result<T, Error>,
) -> Result<T, Error> {
    let c = ffi::borrow(ctx)?;
    let mut st = c
        .state
        .try_lock()
        .ok_or_else(|| Error::internal("EVP_CIPHER_CTX used concurrently"))?;
    f(&mut st)
}

/// EVP_CIPHER_CTX_new returns a new, empty context (freed with
/// `EVP_CIPHER_CTX_free`), or NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_new() -> *mut EVP_CIPHER_CTX {
    ffi_boundary!("EVP_CIPHER_CTX_new", {
        Ok(Box::into_raw(Box::new(evp_cipher_ctx_st {
            state: Mutex::new(CipherState::new()?),
            app_data: Mutex::new(Ptr::default()),
        })))
    })
}

/// EVP_CIPHER_CTX_free frees `ctx` (aws-lc wipes the key); NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_free(ctx: *mut EVP_CIPHER_CTX) {
    ffi_boundary!("EVP_CIPHER_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// EVP_CIPHER_CTX_reset clears `ctx` (no cipher, no key) for reuse; 1, or 0
/// if NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_reset(ctx: *mut EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_reset", {
        with_ctx(ctx, |s| {
            s.reset();
            Ok(1)
        })
    })
}

/// EVP_CIPHER_CTX_copy makes `out` a copy of `in_` (cipher, key, running
/// state); 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_copy(
    out: *mut EVP_CIPHER_CTX,
    in_: *const EVP_CIPHER_CTX,
) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_copy", {
        if std::ptr::eq(out, in_) {
            return Ok(1);
        }
        let copy = with_ctx(in_, |s| s.try_clone())?;
        with_ctx(out, |s| {
            *s = copy;
            Ok(1)
        })
    })
}

fn opt_cipher(c: *const EVP_CIPHER) -> Result<Option<&'static EVP_CIPHER>, Error> {
    if c.is_null() {
        Ok(None)
    } else {
        static_cipher(c).map(Some)
    }
}

/// The params of `*_Init_ex2`: only an empty list (or NULL) is accepted.
fn no_params(params: *const c_void) -> Result<(), Error> {
    match ffi::read_in(params as *const *const c_char) {
        Some(key) if !key.is_null() => Err(Error::unsupported("OSSL_PARAM settings at init")),
        _ => Ok(()),
    }
}

fn init(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
    enc: c_int,
    reset: bool,
) -> Result<c_int, Error> {
    let c = opt_cipher(cipher)?;
    with_ctx(ctx, |s| {
        if reset && c.is_some() {
            s.reset();
        }
        s.init(c, key, iv, enc)?;
        Ok(1)
    })
}

/// EVP_CipherInit_ex sets up `ctx`: `cipher` (NULL keeps the current one),
/// `key` and `iv` (NULL: set later; read for the cipher's key and IV
/// lengths), `enc` 1 encrypt, 0 decrypt, -1 unchanged. The engine is
/// ignored. 1, or 0 (`EVP_R_NO_CIPHER_SET` when no cipher was ever given).
#[no_mangle]
pub extern "C" fn EVP_CipherInit_ex(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    _impl: *mut c_void,
    key: *const u8,
    iv: *const u8,
    enc: c_int,
) -> c_int {
    ffi_boundary!("EVP_CipherInit_ex", {
        init(ctx, cipher, key, iv, enc, false)
    })
}

/// EVP_CipherInit_ex2 is `EVP_CipherInit_ex` with OSSL_PARAMs: only NULL
/// or an empty list is accepted (ferrossl sets no cipher parameters here).
#[no_mangle]
pub extern "C" fn EVP_CipherInit_ex2(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
    enc: c_int,
    params: *const c_void,
) -> c_int {
    ffi_boundary!("EVP_CipherInit_ex2", {
        no_params(params)?;
        init(ctx, cipher, key, iv, enc, false)
    })
}

/// EVP_CipherInit is `EVP_CipherInit_ex`, resetting `ctx` first when a
/// cipher is given.
#[no_mangle]
pub extern "C" fn EVP_CipherInit(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
    enc: c_int,
) -> c_int {
    ffi_boundary!("EVP_CipherInit", { init(ctx, cipher, key, iv, enc, true) })
}

/// EVP_EncryptInit_ex is `EVP_CipherInit_ex` with `enc` 1.
#[no_mangle]
pub extern "C" fn EVP_EncryptInit_ex(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    _impl: *mut c_void,
    key: *const u8,
    iv: *const u8,
) -> c_int {
    ffi_boundary!("EVP_EncryptInit_ex", {
        init(ctx, cipher, key, iv, 1, false)
    })
}

/// EVP_EncryptInit_ex2 is `EVP_CipherInit_ex2` with `enc` 1.
#[no_mangle]
pub extern "C" fn EVP_EncryptInit_ex2(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
    params: *const c_void,
) -> c_int {
    ffi_boundary!("EVP_EncryptInit_ex2", {
        no_params(params)?;
        init(ctx, cipher, key, iv, 1, false)
    })
}

/// EVP_EncryptInit is `EVP_CipherInit` with `enc` 1.
#[no_mangle]
pub extern "C" fn EVP_EncryptInit(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
) -> c_int {
    ffi_boundary!("EVP_EncryptInit", { init(ctx, cipher, key, iv, 1, true) })
}

/// EVP_DecryptInit_ex is `EVP_CipherInit_ex` with `enc` 0.
#[no_mangle]
pub extern "C" fn EVP_DecryptInit_ex(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    _impl: *mut c_void,
    key: *const u8,
    iv: *const u8,
) -> c_int {
    ffi_boundary!("EVP_DecryptInit_ex", {
        init(ctx, cipher, key, iv, 0, false)
    })
}

/// EVP_DecryptInit_ex2 is `EVP_CipherInit_ex2` with `enc` 0.
#[no_mangle]
pub extern "C" fn EVP_DecryptInit_ex2(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
    params: *const c_void,
) -> c_int {
    ffi_boundary!("EVP_DecryptInit_ex2", {
        no_params(params)?;
        init(ctx, cipher, key, iv, 0, false)
    })
}

/// EVP_DecryptInit is `EVP_CipherInit` with `enc` 0.
#[no_mangle]
pub extern "C" fn EVP_DecryptInit(
    ctx: *mut EVP_CIPHER_CTX,
    cipher: *const EVP_CIPHER,
    key: *const u8,
    iv: *const u8,
) -> c_int {
    ffi_boundary!("EVP_DecryptInit", { init(ctx, cipher, key, iv, 0, true) })
}

fn update(
    ctx: *mut EVP_CIPHER_CTX,
    dir: Dir,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> Result<c_int, Error> {
    if outl.is_null() {
        return Err(Error::new(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER));
    }
    ffi::write_out(outl, 0);
    let n = with_ctx(ctx, |s| s.update(dir, out, input, inl))?;
    ffi::write_out(outl, n as c_int);
    Ok(1)
}

/// EVP_CipherUpdate runs `inl` bytes at `input` through the cipher into
/// `out` (room for `inl` plus a block less one byte) and sets `*outl`. For
/// an AEAD, `out` NULL passes `input` as additional data; for CCM, both NULL
/// set the total length. 1, or 0 (`EVP_R_INVALID_OPERATION` before init).
#[no_mangle]
pub extern "C" fn EVP_CipherUpdate(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> c_int {
    ffi_boundary!("EVP_CipherUpdate", {
        update(ctx, Dir::Either, out, outl, input, inl)
    })
}

/// EVP_EncryptUpdate is `EVP_CipherUpdate` on an encrypting context (0 and
/// `EVP_R_INVALID_OPERATION` on a decrypting one).
#[no_mangle]
pub extern "C" fn EVP_EncryptUpdate(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> c_int {
    ffi_boundary!("EVP_EncryptUpdate", {
        update(ctx, Dir::Encrypt, out, outl, input, inl)
    })
}

/// EVP_DecryptUpdate is `EVP_CipherUpdate` on a decrypting context (0 and
/// `EVP_R_INVALID_OPERATION` on an encrypting one).
#[no_mangle]
pub extern "C" fn EVP_DecryptUpdate(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> c_int {
    ffi_boundary!("EVP_DecryptUpdate", {
        update(ctx, Dir::Decrypt, out, outl, input, inl)
    })
}

fn finish(
    ctx: *mut EVP_CIPHER_CTX,
    dir: Dir,
    out: *mut u8,
    outl: *mut c_int,
) -> Result<c_int, Error> {
    if outl.is_null() {
        return Err(Error::new(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER));
    }
    ffi::write_out(outl, 0);
    match with_ctx(ctx, |s| s.finish(dir, out))? {
        Some(n) => {
            ffi::write_out(outl, n as c_int);
            Ok(1)
        }
        None => Ok(0),
    }
}

/// EVP_CipherFinal_ex writes the last block (padding added when
/// encrypting, checked and removed when decrypting) to `out` and sets
/// `*outl`. 1, or 0: bad padding (`PROV_R_BAD_DECRYPT`), a partial block
/// without padding (`PROV_R_WRONG_FINAL_BLOCK_LENGTH`), or an AEAD tag that
/// does not verify (no error queued, as OpenSSL).
#[no_mangle]
pub extern "C" fn EVP_CipherFinal_ex(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_CipherFinal_ex", {
        finish(ctx, Dir::Either, out, outl)
    })
}

/// EVP_CipherFinal is `EVP_CipherFinal_ex`.
#[no_mangle]
pub extern "C" fn EVP_CipherFinal(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_CipherFinal", { finish(ctx, Dir::Either, out, outl) })
}

/// EVP_EncryptFinal_ex is `EVP_CipherFinal_ex` on an encrypting context.
#[no_mangle]
pub extern "C" fn EVP_EncryptFinal_ex(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_EncryptFinal_ex", {
        finish(ctx, Dir::Encrypt, out, outl)
    })
}

/// EVP_EncryptFinal is `EVP_EncryptFinal_ex`.
#[no_mangle]
pub extern "C" fn EVP_EncryptFinal(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_EncryptFinal", { finish(ctx, Dir::Encrypt, out, outl) })
}

/// EVP_DecryptFinal_ex is `EVP_CipherFinal_ex` on a decrypting context.
#[no_mangle]
pub extern "C" fn EVP_DecryptFinal_ex(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_DecryptFinal_ex", {
        finish(ctx, Dir::Decrypt, out, outl)
    })
}

/// EVP_DecryptFinal is `EVP_DecryptFinal_ex`.
#[no_mangle]
pub extern "C" fn EVP_DecryptFinal(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_DecryptFinal", { finish(ctx, Dir::Decrypt, out, outl) })
}

/// EVP_Cipher runs `inl` bytes through the cipher with no buffering or
/// padding, returning the bytes processed (OpenSSL 3), or -1 (also for a
/// block mode given a partial block, which OpenSSL leaves undefined). For an AEAD
/// `out` NULL passes additional data and `input` NULL finishes (0 on
/// success, -1 if the tag does not verify).
#[no_mangle]
pub extern "C" fn EVP_Cipher(
    ctx: *mut EVP_CIPHER_CTX,
    out: *mut u8,
    input: *const u8,
    inl: c_uint,
) -> c_int {
    ffi_boundary!("EVP_Cipher", -1, {
        with_ctx(ctx, |s| s.cipher_raw(out, input, inl))
    })
}

/// EVP_CIPHER_CTX_ctrl: `EVP_CTRL_AEAD_SET_IVLEN`, `EVP_CTRL_AEAD_GET_TAG`
/// (after Final, encrypting), `EVP_CTRL_AEAD_SET_TAG` (decrypting; for CCM
/// also the tag length with `ptr` NULL) and `EVP_CTRL_CCM_SET_L`. 1, or 0
/// with OpenSSL 3's error; other commands fail with
/// `EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED`. On a non-AEAD cipher the AEAD
/// commands return 1 and do nothing, as OpenSSL 3.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_ctrl(
    ctx: *mut EVP_CIPHER_CTX,
    r#type: c_int,
    arg: c_int,
    ptr: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_ctrl", {
        with_ctx(ctx, |s| s.ctrl(r#type, arg, ptr as *mut u8))
    })
}

/// EVP_CIPHER_CTX_set_padding turns PKCS#7 padding on (`pad` non-zero, the
/// default) or off; 1, or 0 before a cipher is set.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_set_padding(ctx: *mut EVP_CIPHER_CTX, pad: c_int) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_set_padding", {
        with_ctx(ctx, |s| Ok(c_int::from(s.set_padding(pad != 0))))
    })
}

/// EVP_CIPHER_CTX_set_key_length: 1 if `keylen` is the cipher's key length
/// (ferrossl's ciphers have fixed ones), else 0 and `EVP_R_INVALID_KEY_LENGTH`.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_set_key_length(ctx: *mut EVP_CIPHER_CTX, keylen: c_int) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_set_key_length", {
        with_ctx(ctx, |s| s.set_key_length(keylen).map(|_| 1))
    })
}

fn ctx_cipher(ctx: *const EVP_CIPHER_CTX) -> Result<Option<&'static EVP_CIPHER>, Error> {
    with_ctx(ctx, |s| Ok(s.cipher()))
}

/// EVP_CIPHER_CTX_get0_cipher returns the cipher set on `ctx` (the
/// provider's object, named e.g. "AES-128-GCM"), or NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get0_cipher(ctx: *const EVP_CIPHER_CTX) -> *const EVP_CIPHER {
    ffi_boundary!("EVP_CIPHER_CTX_get0_cipher", {
        Ok(ctx_cipher(ctx)?.map_or(std::ptr::null(), cipher_ptr))
    })
}

/// EVP_CIPHER_CTX_get1_cipher is `EVP_CIPHER_CTX_get0_cipher` (the cipher
/// is static, so there is no reference to take).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get1_cipher(ctx: *mut EVP_CIPHER_CTX) -> *mut EVP_CIPHER {
    ffi_boundary!("EVP_CIPHER_CTX_get1_cipher", {
        Ok(ctx_cipher(ctx)?.map_or(std::ptr::null(), cipher_ptr) as *mut EVP_CIPHER)
    })
}

/// EVP_CIPHER_CTX_cipher is OpenSSL 1.1's name for `EVP_CIPHER_CTX_get0_cipher`.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_cipher(ctx: *const EVP_CIPHER_CTX) -> *const EVP_CIPHER {
    EVP_CIPHER_CTX_get0_cipher(ctx)
}

/// EVP_CIPHER_CTX_get_nid returns the NID of the cipher set (`NID_undef`
/// if none or NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_nid(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_get_nid", {
        Ok(ctx_cipher(ctx)?.map_or(0, |c| c.nid))
    })
}

/// EVP_CIPHER_CTX_get_block_size returns the block size of the cipher set
/// (0 if none or NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_block_size(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_get_block_size", {
        with_ctx(ctx, |s| Ok(s.block_size() as c_int))
    })
}

/// EVP_CIPHER_CTX_get_key_length returns the key length in bytes (0 if no
/// cipher is set or NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_key_length(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_get_key_length", {
        with_ctx(ctx, |s| Ok(s.key_len() as c_int))
    })
}

/// EVP_CIPHER_CTX_get_iv_length returns the current IV length (an AEAD's
/// as set by `EVP_CTRL_AEAD_SET_IVLEN`), 0 if no cipher is set or NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_iv_length(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_get_iv_length", {
        with_ctx(ctx, |s| Ok(s.iv_len() as c_int))
    })
}

/// EVP_CIPHER_CTX_get_tag_length returns an AEAD's tag length (16 when
/// encrypting; when decrypting the length set with the tag, else 0), 0 for
/// other ciphers or NULL.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_tag_length(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_get_tag_length", {
        with_ctx(ctx, |s| Ok(s.tag_len() as c_int))
    })
}

/// EVP_CIPHER_CTX_is_encrypting returns 1 if `ctx` encrypts, 0 if it
/// decrypts (or is NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_is_encrypting(ctx: *const EVP_CIPHER_CTX) -> c_int {
    ffi_boundary!("EVP_CIPHER_CTX_is_encrypting", {
        with_ctx(ctx, |s| Ok(c_int::from(s.encrypting())))
    })
}

/// EVP_CIPHER_CTX_get_app_data returns the pointer set with
/// `EVP_CIPHER_CTX_set_app_data` (NULL if none or `ctx` is NULL).
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_get_app_data(ctx: *const EVP_CIPHER_CTX) -> *mut c_void {
    ffi_boundary!("EVP_CIPHER_CTX_get_app_data", {
        Ok(ffi::borrow(ctx)?.app_data.lock().0)
    })
}

/// EVP_CIPHER_CTX_set_app_data stores `data` on `ctx` for the application.
#[no_mangle]
pub extern "C" fn EVP_CIPHER_CTX_set_app_data(ctx: *mut EVP_CIPHER_CTX, data: *mut c_void) {
    ffi_boundary!("EVP_CIPHER_CTX_set_app_data", {
        *ffi::borrow(ctx)?.app_data.lock() = Ptr(data);
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// EVP_BytesToKey.

/// EVP_BytesToKey derives `type`'s key and IV from `data` (`datal` bytes)
/// and the optional 8-byte `salt` with `count` rounds of `md`, OpenSSL's
/// legacy KDF (aws-lc's implementation). `key` and `iv` may be NULL. It
/// returns the key length, or 0 on error.
#[no_mangle]
pub extern "C" fn EVP_BytesToKey(
    r#type: *const EVP_CIPHER,
    md: *const EVP_MD,
    salt: *const u8,
    data: *const u8,
    datal: c_int,
    count: c_int,
    key: *mut u8,
    iv: *mut u8,
) -> c_int {
    ffi_boundary!("EVP_BytesToKey", {
        let c = static_cipher(r#type)?;
        let md = crate::entry::crypto::evp::static_md(md)?;
        let salt: Option<&[u8; 8]> = if salt.is_null() {
            None
        } else {
            Some(
                ffi::slice_usize(salt, 8)?
                    .try_into()
                    .map_err(|_| Error::null_pointer())?,
            )
        };
        let data = ffi::slice(data, datal)?;
        let count = u32::try_from(count).map_err(|_| Error::invalid_argument("negative count"))?;
        let key = (!key.is_null())
            .then(|| ffi::slice_mut_usize(key, c.key_len as usize))
            .transpose()?;
        let iv = (!iv.is_null() && c.iv_len > 0)
            .then(|| ffi::slice_mut_usize(iv, c.iv_len as usize))
            .transpose()?;
        let n = ffi::cipher::bytes_to_key(c.alg, md.alg, salt, data, count, key, iv)
            .ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?;
        Ok(n as c_int)
    })
}

// ---------------------------------------------------------------------------
// Base64 (aws-lc's).

/// EVP_EncodeBlock writes the base64 of the `n` bytes at `f` to `t` (room
/// for `4 * ceil(n / 3) + 1` bytes), NUL-terminated, with no newlines; the
/// length without the NUL.
#[no_mangle]
pub extern "C" fn EVP_EncodeBlock(t: *mut u8, f: *const u8, n: c_int) -> c_int {
    ffi_boundary!("EVP_EncodeBlock", {
        let input = ffi::slice(f, n)?;
        let out = ffi::slice_mut_usize(t, input.len().div_ceil(3) * 4 + 1)?;
        let w = ffi::cipher::encode_block(out, input).ok_or_else(|| Error::internal("base64"))?;
        Ok(w as c_int)
    })
}

/// EVP_DecodeBlock decodes the `n` base64 characters at `f` (leading and
/// trailing white space trimmed; a multiple of 4) into `t` (room for
/// `3 * n / 4` bytes), padding included as zero bytes, as OpenSSL; the bytes
/// written, or -1 for bad input.
#[no_mangle]
pub extern "C" fn EVP_DecodeBlock(t: *mut u8, f: *const u8, n: c_int) -> c_int {
    ffi_boundary!("EVP_DecodeBlock", -1, {
        let input = ffi::slice(f, n)?;
        let out = ffi::slice_mut_usize(t, input.len().div_ceil(4) * 3)?;
        Ok(ffi::cipher::decode_block(out, input))
    })
}

/// A base64 stream (`EVP_ENCODE_CTX`), encoding or decoding.
pub struct evp_Encode_Ctx_st {
    ctx: Mutex<ffi::cipher::EncodeCtx>,
}
crate::handle!(Owned: evp_Encode_Ctx_st);
pub type EVP_ENCODE_CTX = evp_Encode_Ctx_st;

fn with_enc<T>(
    ctx: *const EVP_ENCODE_CTX,
    f: impl FnOnce(&mut ffi::cipher::EncodeCtx) -> Result<T, Error>,
) -> Result<T, Error> {
    let c = ffi::borrow(ctx)?;
    let mut st = c
        .ctx
        .try_lock()
        .ok_or_else(|| Error::internal("EVP_ENCODE_CTX used concurrently"))?;
    f(&mut st)
}

/// EVP_ENCODE_CTX_new returns a new base64 context (freed with
/// `EVP_ENCODE_CTX_free`).
#[no_mangle]
pub extern "C" fn EVP_ENCODE_CTX_new() -> *mut EVP_ENCODE_CTX {
    ffi_boundary!("EVP_ENCODE_CTX_new", {
        Ok(Box::into_raw(Box::new(evp_Encode_Ctx_st {
            ctx: Mutex::new(ffi::cipher::EncodeCtx::default()),
        })))
    })
}

/// EVP_ENCODE_CTX_free frees `ctx`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_ENCODE_CTX_free(ctx: *mut EVP_ENCODE_CTX) {
    ffi_boundary!("EVP_ENCODE_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// EVP_ENCODE_CTX_copy copies `sctx`'s state into `dctx`; 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_ENCODE_CTX_copy(
    dctx: *mut EVP_ENCODE_CTX,
    sctx: *const EVP_ENCODE_CTX,
) -> c_int {
    ffi_boundary!("EVP_ENCODE_CTX_copy", {
        if std::ptr::eq(dctx, sctx) {
            return Ok(1);
        }
        let src = ffi::borrow(sctx)?.ctx.lock();
        with_enc(dctx, |d| {
            d.copy_from(&src);
            Ok(1)
        })
    })
}

/// EVP_ENCODE_CTX_num returns the input bytes held for the next line.
#[no_mangle]
pub extern "C" fn EVP_ENCODE_CTX_num(ctx: *mut EVP_ENCODE_CTX) -> c_int {
    ffi_boundary!("EVP_ENCODE_CTX_num", {
        with_enc(ctx, |c| Ok(c.num() as c_int))
    })
}

/// EVP_EncodeInit starts encoding: 64-character lines, each ended by `\n`.
#[no_mangle]
pub extern "C" fn EVP_EncodeInit(ctx: *mut EVP_ENCODE_CTX) {
    ffi_boundary!("EVP_EncodeInit", {
        with_enc(ctx, |c| {
            c.encode_init();
            Ok(())
        })
    })
}

/// EVP_EncodeUpdate encodes `inl` bytes, writing every complete line to
/// `out` (room for `(num + inl) / 48 * 65 + 1` bytes); 1, or 0 if `inl` <= 0
/// or on error.
#[no_mangle]
pub extern "C" fn EVP_EncodeUpdate(
    ctx: *mut EVP_ENCODE_CTX,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> c_int {
    ffi_boundary!("EVP_EncodeUpdate", {
        ffi::write_out(outl, 0);
        if inl <= 0 {
            return Ok(0);
        }
        let input = ffi::slice(input, inl)?;
        let n = with_enc(ctx, |c| {
            let room = (c.num() + input.len()) / 48 * 65 + 1;
            let out = ffi::slice_mut_usize(out, room)?;
            c.encode_update(out, input)
                .ok_or_else(|| Error::internal("base64"))
        })?;
        ffi::write_out(outl, n as c_int);
        Ok(1)
    })
}

/// EVP_EncodeFinal writes what is held as a last line (with `\n`, then a
/// NUL) to `out` and sets `*outl` (0 if nothing was held).
#[no_mangle]
pub extern "C" fn EVP_EncodeFinal(ctx: *mut EVP_ENCODE_CTX, out: *mut u8, outl: *mut c_int) {
    ffi_boundary!("EVP_EncodeFinal", {
        ffi::write_out(outl, 0);
        let n = with_enc(ctx, |c| {
            let room = c.num().div_ceil(3) * 4 + 2;
            let out = ffi::slice_mut_usize(out, room)?;
            c.encode_final(out).ok_or_else(|| Error::internal("base64"))
        })?;
        ffi::write_out(outl, n as c_int);
        Ok(())
    })
}

/// EVP_DecodeInit starts decoding.
#[no_mangle]
pub extern "C" fn EVP_DecodeInit(ctx: *mut EVP_ENCODE_CTX) {
    ffi_boundary!("EVP_DecodeInit", {
        with_enc(ctx, |c| {
            c.decode_init();
            Ok(())
        })
    })
}

/// EVP_DecodeUpdate decodes `inl` base64 characters (newlines and white
/// space allowed) into `out` (room for `(num + inl) / 4 * 3` bytes) and
/// sets `*outl`: -1 on bad input, 0 once the end of the data (`=`) is
/// seen, else 1.
#[no_mangle]
pub extern "C" fn EVP_DecodeUpdate(
    ctx: *mut EVP_ENCODE_CTX,
    out: *mut u8,
    outl: *mut c_int,
    input: *const u8,
    inl: c_int,
) -> c_int {
    ffi_boundary!("EVP_DecodeUpdate", -1, {
        ffi::write_out(outl, 0);
        let input = ffi::slice(input, inl)?;
        let (r, n) = with_enc(ctx, |c| {
            let room = (c.num() + input.len()).div_ceil(4) * 3;
            let out = ffi::slice_mut_usize(out, room)?;
            Ok(c.decode_update(out, input))
        })?;
        ffi::write_out(outl, n as c_int);
        Ok(r)
    })
}

/// EVP_DecodeFinal finishes decoding (writing any last bytes held) and
/// sets `*outl`; 1, or -1 if the data ended mid-quantum.
#[no_mangle]
pub extern "C" fn EVP_DecodeFinal(
    ctx: *mut EVP_ENCODE_CTX,
    out: *mut u8,
    outl: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_DecodeFinal", -1, {
        ffi::write_out(outl, 0);
        let (r, n) = with_enc(ctx, |c| {
            let mut buf = [0u8; 3];
            let (r, n) = c.decode_final(&mut buf);
            if n > 0 {
                ffi::slice_mut_usize(out, n)?.copy_from_slice(&buf[..n]);
            }
            Ok((r, n))
        })?;
        ffi::write_out(outl, n as c_int);
        Ok(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::{null, null_mut};

    /// What OpenSSL would crash on: a NULL context or cipher fails cleanly
    /// with an ERR entry.
    #[test]
    fn null_arguments_fail_cleanly() {
        crate::crypto::err::clear();
        let key = [0u8; 32];
        let mut out = [0u8; 64];
        let mut n = 0;
        assert_eq!(
            EVP_EncryptInit_ex(
                null_mut(),
                EVP_aes_128_cbc(),
                null_mut(),
                key.as_ptr(),
                key.as_ptr()
            ),
            0
        );
        assert_eq!(
            EVP_EncryptUpdate(null_mut(), out.as_mut_ptr(), &mut n, key.as_ptr(), 16),
            0
        );
        assert_eq!(EVP_DecryptFinal_ex(null_mut(), out.as_mut_ptr(), &mut n), 0);
        assert_eq!(
            EVP_CIPHER_CTX_ctrl(null_mut(), 0x10, 16, out.as_mut_ptr().cast()),
            0
        );
        assert_eq!(
            EVP_Cipher(null_mut(), out.as_mut_ptr(), key.as_ptr(), 16),
            -1
        );
        assert_eq!(EVP_CIPHER_get_nid(null()), 0);
        assert!(EVP_get_cipherbyname(null()).is_null());
        assert!(!crate::crypto::err::is_empty());
        crate::crypto::err::clear();
        // a context with no cipher answers its getters with 0, not a crash
        let ctx = EVP_CIPHER_CTX_new();
        assert_eq!(EVP_CIPHER_CTX_get_nid(ctx), 0);
        assert_eq!(EVP_CIPHER_CTX_get_key_length(ctx), 0);
        assert_eq!(EVP_CIPHER_CTX_get_iv_length(ctx), 0);
        assert!(EVP_CIPHER_CTX_get0_cipher(ctx).is_null());
        assert_eq!(EVP_CIPHER_CTX_set_key_length(ctx, 16), 0);
        // a pointer that is not one of ferrossl's ciphers is refused
        let fake = [0u64; 16];
        assert_eq!(
            EVP_EncryptInit_ex(ctx, fake.as_ptr().cast(), null_mut(), null(), null()),
            0
        );
        EVP_CIPHER_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
