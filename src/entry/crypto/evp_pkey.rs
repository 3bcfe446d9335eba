//! `evp.h`, keys: `EVP_PKEY`, `EVP_PKEY_CTX` (generation, raw signatures,
//! key agreement) and the `EVP_DigestSign*` / `EVP_DigestVerify*` calls,
//! over aws-lc's own (src/ffi/pkey.rs).

use crate::abi::reasons::{
    ERR_LIB_EVP, EVP_R_INVALID_DIGEST, EVP_R_NO_OPERATION_SET, EVP_R_OPERATION_NOT_INITIALIZED,
    EVP_R_UNSUPPORTED_ALGORITHM,
};
use crate::crypto::bio::BIO;
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::crypto::pkey::{
    evp_pkey_st, lc_error, type_by_name, Op, SignState, EVP_PKEY, EVP_PKEY_CTX,
};
use crate::entry::crypto::ec::EC_KEY;
use crate::entry::crypto::evp::{static_md, EVP_MD_CTX};
use crate::entry::crypto::rsa::RSA;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_void};
use std::sync::Arc;

// ---------------------------------------------------------------------------
// EVP_PKEY.

/// EVP_PKEY_new returns a new empty key (no type), freed with
/// `EVP_PKEY_free`; an RSA or EC key is given to it with
/// `EVP_PKEY_set1_RSA` / `EVP_PKEY_set1_EC_KEY` / `EVP_PKEY_assign`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_new() -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_new", { Ok(ffi::into_raw(evp_pkey_st::empty()?)) })
}

/// EVP_PKEY_get1_RSA returns the RSA key inside `pkey` with a new
/// reference (`RSA_free` it): the same key, so changes made through it are
/// `pkey`'s. NULL and `EVP_R_EXPECTING_AN_RSA_KEY` for another key type.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get1_RSA(pkey: *mut EVP_PKEY) -> *mut RSA {
    ffi_boundary!("EVP_PKEY_get1_RSA", { ffi::borrow(pkey)?.rsa(true) })
}

/// EVP_PKEY_get0_RSA returns the RSA key inside `pkey`, owned by `pkey`
/// (not to be freed), or NULL for another key type.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get0_RSA(pkey: *const EVP_PKEY) -> *const RSA {
    ffi_boundary!("EVP_PKEY_get0_RSA", {
        Ok(ffi::borrow(pkey)?.rsa(false)?.cast_const())
    })
}

/// EVP_PKEY_set1_RSA makes `pkey` an RSA key holding `key` (a reference
/// of its own: the caller still frees `key`): 1, or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_set1_RSA(pkey: *mut EVP_PKEY, key: *mut RSA) -> c_int {
    ffi_boundary!("EVP_PKEY_set1_RSA", {
        ffi::borrow(pkey)?.set_rsa(key, false)?;
        Ok(1)
    })
}

/// EVP_PKEY_get1_EC_KEY returns the EC key inside `pkey` with a new
/// reference (`EC_KEY_free` it): the same key as `pkey`'s. NULL and
/// `EVP_R_EXPECTING_A_EC_KEY` for another key type.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get1_EC_KEY(pkey: *mut EVP_PKEY) -> *mut EC_KEY {
    ffi_boundary!("EVP_PKEY_get1_EC_KEY", { ffi::borrow(pkey)?.ec_key(true) })
}

/// EVP_PKEY_get0_EC_KEY returns the EC key inside `pkey`, owned by `pkey`,
/// or NULL for another key type.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get0_EC_KEY(pkey: *const EVP_PKEY) -> *const EC_KEY {
    ffi_boundary!("EVP_PKEY_get0_EC_KEY", {
        Ok(ffi::borrow(pkey)?.ec_key(false)?.cast_const())
    })
}

/// EVP_PKEY_set1_EC_KEY makes `pkey` an EC key holding `key` (a reference
/// of its own): 1, or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_set1_EC_KEY(pkey: *mut EVP_PKEY, key: *mut EC_KEY) -> c_int {
    ffi_boundary!("EVP_PKEY_set1_EC_KEY", {
        ffi::borrow(pkey)?.set_ec_key(key, false)?;
        Ok(1)
    })
}

/// EVP_PKEY_assign makes `pkey` a key of `type_` holding `key`, taking the
/// caller's reference on success (`EVP_PKEY_assign_RSA` and
/// `EVP_PKEY_assign_EC_KEY` expand to it): `EVP_PKEY_RSA` with an `RSA *`,
/// `EVP_PKEY_EC` with an `EC_KEY *`; 1, or 0 (other types:
/// `EVP_R_UNSUPPORTED_ALGORITHM`).
#[no_mangle]
pub extern "C" fn EVP_PKEY_assign(pkey: *mut EVP_PKEY, type_: c_int, key: *mut c_void) -> c_int {
    ffi_boundary!("EVP_PKEY_assign", {
        let k = ffi::borrow(pkey)?;
        match type_ {
            crate::abi::consts::EVP_PKEY_RSA => k.set_rsa(key.cast(), true)?,
            crate::abi::consts::EVP_PKEY_EC => k.set_ec_key(key.cast(), true)?,
            _ => {
                return Err(Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM)
                    .data(&format!("EVP_PKEY_assign of type {type_}")))
            }
        }
        Ok(1)
    })
}

/// EVP_PKEY_free drops one reference (NULL: no-op).
#[no_mangle]
pub extern "C" fn EVP_PKEY_free(pkey: *mut EVP_PKEY) {
    ffi_boundary!("EVP_PKEY_free", {
        ffi::release(pkey);
        Ok(())
    })
}

/// EVP_PKEY_up_ref adds a reference; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_up_ref(pkey: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_up_ref", { ffi::up_ref(pkey) })
}

/// EVP_PKEY_get_id returns the key type: `EVP_PKEY_RSA`, `_RSA_PSS`,
/// `_EC`, `_ED25519`, `_X25519` (`EVP_PKEY_NONE` for an empty key).
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_id(pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_get_id", { Ok(ffi::borrow(pkey)?.id()) })
}

/// EVP_PKEY_id is OpenSSL 1.1's name for `EVP_PKEY_get_id`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_id(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_id(pkey)
}

/// EVP_PKEY_get_base_id is `EVP_PKEY_get_id` (ferrossl has no key-type aliases).
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_base_id(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_id(pkey)
}

/// EVP_PKEY_base_id is OpenSSL 1.1's name for `EVP_PKEY_get_base_id`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_base_id(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_id(pkey)
}

/// EVP_PKEY_get_bits returns the key size in bits (RSA modulus, EC field
/// size, 256 for Ed25519, 253 for X25519), or 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_bits(pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_get_bits", { Ok(ffi::borrow(pkey)?.bits()) })
}

/// EVP_PKEY_bits is OpenSSL 1.1's name for `EVP_PKEY_get_bits`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_bits(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_bits(pkey)
}

/// EVP_PKEY_get_size returns the largest signature (or shared secret) the
/// key makes, in bytes (RSA: the modulus; ECDSA: the DER signature; Ed25519:
/// 64; X25519: 32), or 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_size(pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_get_size", { Ok(ffi::borrow(pkey)?.size()) })
}

/// EVP_PKEY_size is OpenSSL 1.1's name for `EVP_PKEY_get_size`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_size(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_size(pkey)
}

/// EVP_PKEY_get_security_bits returns the key's security strength in bits
/// (OpenSSL 3's table: RSA-2048 112, P-256 128, Ed25519 128...), 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_security_bits(pkey: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_get_security_bits", {
        Ok(ffi::borrow(pkey)?.security_bits())
    })
}

/// EVP_PKEY_security_bits is OpenSSL 1.1's name for `EVP_PKEY_get_security_bits`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_security_bits(pkey: *const EVP_PKEY) -> c_int {
    EVP_PKEY_get_security_bits(pkey)
}

/// EVP_PKEY_is_a returns 1 if `pkey` is of the key type `name` ("RSA",
/// "EC", "ED25519", "X25519", "RSA-PSS", or an alias such as
/// "rsaEncryption"; any case), else 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_is_a(pkey: *const EVP_PKEY, name: *const c_char) -> c_int {
    ffi_boundary!("EVP_PKEY_is_a", {
        let k = ffi::borrow(pkey)?;
        let n = ffi::cstr(name)?;
        Ok(c_int::from(
            type_by_name(n).is_some_and(|id| id == k.id() && id != 0),
        ))
    })
}

/// EVP_PKEY_get0_type_name returns OpenSSL 3's name of the key type ("RSA",
/// "EC", "ED25519", "X25519", "RSA-PSS"), static; NULL for an empty key.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get0_type_name(pkey: *const EVP_PKEY) -> *const c_char {
    ffi_boundary!("EVP_PKEY_get0_type_name", {
        Ok(ffi::borrow(pkey)?
            .type_name()
            .map_or(std::ptr::null(), |n| n.as_ptr()))
    })
}

/// EVP_PKEY_eq compares the public halves (and parameters) of `a` and `b`:
/// 1 if equal, 0 if not (also when either is NULL), -1 for different key
/// types, -2 if the type cannot be compared.
#[no_mangle]
pub extern "C" fn EVP_PKEY_eq(a: *const EVP_PKEY, b: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_eq", {
        if a.is_null() || b.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(a)?.eq(ffi::borrow(b)?))
    })
}

/// EVP_PKEY_cmp is OpenSSL 1.1's name for `EVP_PKEY_eq` (same results).
#[no_mangle]
pub extern "C" fn EVP_PKEY_cmp(a: *const EVP_PKEY, b: *const EVP_PKEY) -> c_int {
    EVP_PKEY_eq(a, b)
}

/// EVP_PKEY_parameters_eq compares the parameters (the EC curve) of `a`
/// and `b`: 1 equal (or none to compare), 0 different, -1 different types,
/// -2 not comparable.
#[no_mangle]
pub extern "C" fn EVP_PKEY_parameters_eq(a: *const EVP_PKEY, b: *const EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_parameters_eq", {
        if a.is_null() || b.is_null() {
            return Ok(0);
        }
        Ok(ffi::borrow(a)?.parameters_eq(ffi::borrow(b)?))
    })
}

/// EVP_PKEY_cmp_parameters is OpenSSL 1.1's name for `EVP_PKEY_parameters_eq`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_cmp_parameters(a: *const EVP_PKEY, b: *const EVP_PKEY) -> c_int {
    EVP_PKEY_parameters_eq(a, b)
}

/// EVP_PKEY_new_raw_private_key makes an Ed25519 (`EVP_PKEY_ED25519`) or
/// X25519 (`EVP_PKEY_X25519`) private key from its 32 raw bytes (RFC 8032
/// seed, RFC 7748 scalar); the engine is ignored. NULL on a wrong type or
/// length.
#[no_mangle]
pub extern "C" fn EVP_PKEY_new_raw_private_key(
    r#type: c_int,
    _e: *mut c_void,
    key: *const u8,
    keylen: usize,
) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_new_raw_private_key", {
        let raw = ffi::slice_usize(key, keylen)?;
        Ok(ffi::into_raw(evp_pkey_st::from_raw(r#type, raw, true)?))
    })
}

/// EVP_PKEY_new_raw_public_key makes an Ed25519 or X25519 public key from
/// its 32 raw bytes; the engine is ignored. NULL on a wrong type or length.
#[no_mangle]
pub extern "C" fn EVP_PKEY_new_raw_public_key(
    r#type: c_int,
    _e: *mut c_void,
    key: *const u8,
    keylen: usize,
) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_new_raw_public_key", {
        let raw = ffi::slice_usize(key, keylen)?;
        Ok(ffi::into_raw(evp_pkey_st::from_raw(r#type, raw, false)?))
    })
}

/// Writes a key's raw bytes per OpenSSL's raw-key convention: `out` NULL:
/// only their length in `*len`; else `*len` is the buffer size on entry and
/// the length written on return. Like OpenSSL 3 (whose provider keys answer
/// these calls by an export), a key without a raw form, a missing private
/// half or a buffer too small is a quiet 0: nothing is queued.
fn raw_out(raw: Result<Vec<u8>, Error>, out: *mut u8, len: *mut usize) -> Result<c_int, Error> {
    let cap = ffi::read_in(len).ok_or_else(Error::null_pointer)?;
    let Ok(raw) = raw else { return Ok(0) };
    if !out.is_null() {
        if cap < raw.len() {
            return Ok(0);
        }
        ffi::slice_mut_usize(out, raw.len())?.copy_from_slice(&raw);
    }
    ffi::write_out(len, raw.len());
    Ok(1)
}

/// EVP_PKEY_get_raw_private_key writes an Ed25519 or X25519 private key's
/// 32 raw bytes to `priv` (NULL: the length only, in `*len`; else `*len` is
/// the buffer size on entry). 1, or 0 (nothing queued, as in OpenSSL 3)
/// for other key types, public keys and a buffer too small.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_raw_private_key(
    pkey: *const EVP_PKEY,
    r#priv: *mut u8,
    len: *mut usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_get_raw_private_key", {
        let raw = ffi::borrow(pkey)?.raw(true);
        raw_out(raw, r#priv, len)
    })
}

/// EVP_PKEY_get_raw_public_key writes an Ed25519 or X25519 key's 32-byte
/// public key to `pub` (NULL: the length only, in `*len`; else `*len` is
/// the buffer size on entry). 1, or 0 (nothing queued, as in OpenSSL 3)
/// for other key types and a buffer too small.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_raw_public_key(
    pkey: *const EVP_PKEY,
    r#pub: *mut u8,
    len: *mut usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_get_raw_public_key", {
        let raw = ffi::borrow(pkey)?.raw(false);
        raw_out(raw, r#pub, len)
    })
}

// ---------------------------------------------------------------------------
// DER.

/// Stores a new key in `*a` (when `a` is not NULL, releasing the old one)
/// and advances `*pp` by `used` bytes.
fn d2i_out(
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    p: *const u8,
    key: Arc<evp_pkey_st>,
    used: usize,
) -> Result<*mut EVP_PKEY, Error> {
    let key = ffi::into_raw(key);
    ffi::write_out(pp, p.wrapping_add(used));
    ffi::replace_out(a, key, |old| ffi::release(old));
    Ok(key)
}

fn d2i_input<'a>(pp: *mut *const u8, length: c_long) -> Result<(*const u8, &'a [u8]), Error> {
    let p = ffi::read_in(pp)
        .filter(|p| !p.is_null())
        .ok_or_else(Error::null_pointer)?;
    let len = usize::try_from(length).map_err(|_| Error::invalid_argument("length"))?;
    Ok((p, ffi::slice_usize(p, len)?))
}

/// d2i_AutoPrivateKey parses a DER private key (PKCS#8, or the RSA / EC
/// legacy forms), advancing `*pp` past it. Returns a new key (also stored in
/// `*a` when `a` is not NULL, releasing the old one) or NULL.
#[no_mangle]
pub extern "C" fn d2i_AutoPrivateKey(
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    length: c_long,
) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_AutoPrivateKey", {
        let (p, der) = d2i_input(pp, length)?;
        let (key, used) = evp_pkey_st::private_from_der(der)?;
        d2i_out(a, pp, p, key, used)
    })
}

/// d2i_PrivateKey parses a DER private key of type `type` (`EVP_PKEY_RSA`:
/// PKCS#1 or PKCS#8; `EVP_PKEY_EC`: SEC1 or PKCS#8; others: PKCS#8) like
/// `d2i_AutoPrivateKey`; a key of another type is refused.
#[no_mangle]
pub extern "C" fn d2i_PrivateKey(
    r#type: c_int,
    a: *mut *mut EVP_PKEY,
    pp: *mut *const u8,
    length: c_long,
) -> *mut EVP_PKEY {
    ffi_boundary!("d2i_PrivateKey", {
        let (p, der) = d2i_input(pp, length)?;
        let (key, used) = evp_pkey_st::private_from_der_typed(r#type, der)?;
        d2i_out(a, pp, p, key, used)
    })
}

/// i2d_PrivateKey encodes `a` as OpenSSL 3 does: PKCS#1 for RSA, SEC1 for
/// EC, PKCS#8 otherwise (i2d convention). Returns the length, or -1.
#[no_mangle]
pub extern "C" fn i2d_PrivateKey(a: *const EVP_PKEY, pp: *mut *mut u8) -> c_int {
    ffi_boundary!("i2d_PrivateKey", -1, {
        crate::entry::crypto::x509::i2d_out(&ffi::borrow(a)?.private_der()?, pp)
    })
}

// ---------------------------------------------------------------------------
// EVP_PKEY_CTX.

fn new_ctx(c: crate::crypto::pkey::evp_pkey_ctx_st) -> *mut EVP_PKEY_CTX {
    Box::into_raw(Box::new(c))
}

/// EVP_PKEY_CTX_new returns a context for operations with `pkey` (signing,
/// verification, key agreement; the engine is ignored), or NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_new(pkey: *mut EVP_PKEY, _e: *mut c_void) -> *mut EVP_PKEY_CTX {
    ffi_boundary!("EVP_PKEY_CTX_new", {
        let k = ffi::clone_arc(pkey)?;
        Ok(new_ctx(crate::crypto::pkey::evp_pkey_ctx_st::for_key(k)?))
    })
}

/// EVP_PKEY_CTX_new_from_pkey is `EVP_PKEY_CTX_new` (library context and
/// properties ignored).
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_new_from_pkey(
    _libctx: *mut c_void,
    pkey: *mut EVP_PKEY,
    _propquery: *const c_char,
) -> *mut EVP_PKEY_CTX {
    EVP_PKEY_CTX_new(pkey, std::ptr::null_mut())
}

/// EVP_PKEY_CTX_new_id returns a context for generating keys of type `id`
/// (`EVP_PKEY_RSA`, `_EC`, `_ED25519`, `_X25519`), or NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_new_id(id: c_int, _e: *mut c_void) -> *mut EVP_PKEY_CTX {
    ffi_boundary!("EVP_PKEY_CTX_new_id", {
        Ok(new_ctx(crate::crypto::pkey::evp_pkey_ctx_st::for_id(id)?))
    })
}

/// EVP_PKEY_CTX_new_from_name is `EVP_PKEY_CTX_new_id` for the key type
/// named `name` ("RSA", "EC", "ED25519", "X25519", "HKDF"; properties ignored).
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_new_from_name(
    _libctx: *mut c_void,
    name: *const c_char,
    _propquery: *const c_char,
) -> *mut EVP_PKEY_CTX {
    ffi_boundary!("EVP_PKEY_CTX_new_from_name", {
        let n = ffi::cstr(name)?;
        let id = type_by_name(n)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(n))?;
        Ok(new_ctx(crate::crypto::pkey::evp_pkey_ctx_st::for_id(id)?))
    })
}

/// EVP_PKEY_CTX_free frees `ctx` (NULL: no-op). Never free the context
/// `EVP_DigestSignInit` hands out: its `EVP_MD_CTX` owns it.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_free(ctx: *mut EVP_PKEY_CTX) {
    ffi_boundary!("EVP_PKEY_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// EVP_PKEY_CTX_get0_pkey returns the key `ctx` was made for (owned by
/// `ctx`), or NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_get0_pkey(ctx: *mut EVP_PKEY_CTX) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_CTX_get0_pkey", {
        Ok(ffi::borrow(ctx)?
            .lock()?
            .key
            .as_ref()
            .map_or(std::ptr::null_mut(), |k| Arc::as_ptr(k) as *mut EVP_PKEY))
    })
}

fn init(ctx: *mut EVP_PKEY_CTX, op: Op) -> Result<c_int, Error> {
    ffi::borrow(ctx)?.lock()?.init(op)?;
    Ok(1)
}

/// EVP_PKEY_keygen_init readies `ctx` for `EVP_PKEY_keygen`. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_keygen_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_keygen_init", { init(ctx, Op::Keygen) })
}

/// EVP_PKEY_paramgen_init readies `ctx` for `EVP_PKEY_paramgen` (EC). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_paramgen_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_paramgen_init", { init(ctx, Op::Paramgen) })
}

/// EVP_PKEY_sign_init readies `ctx` for `EVP_PKEY_sign`. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_sign_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_sign_init", { init(ctx, Op::Sign) })
}

/// EVP_PKEY_verify_init readies `ctx` for `EVP_PKEY_verify`. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_verify_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_verify_init", { init(ctx, Op::Verify) })
}

/// EVP_PKEY_derive_init readies `ctx` for key agreement (ECDH, X25519). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_derive_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_derive_init", { init(ctx, Op::Derive) })
}

/// Stores a new key in `*ppkey`, releasing a key already there.
fn key_out(ppkey: *mut *mut EVP_PKEY, key: crate::ffi::pkey::Pkey) -> Result<c_int, Error> {
    if ppkey.is_null() {
        return Err(Error::null_pointer());
    }
    ffi::replace_out(ppkey, ffi::into_raw(evp_pkey_st::from_pkey(key)), |old| {
        ffi::release(old)
    });
    Ok(1)
}

/// EVP_PKEY_keygen generates a key into `*ppkey` (a key already there is
/// released). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_keygen(ctx: *mut EVP_PKEY_CTX, ppkey: *mut *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_keygen", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Keygen)?;
        let k = st
            .ctx
            .keygen()
            .map_err(|e| lc_error(e, ERR_LIB_EVP, crate::abi::reasons::EVP_R_GENERATE_ERROR))?;
        key_out(ppkey, k)
    })
}

/// EVP_PKEY_generate is `EVP_PKEY_keygen` (or `EVP_PKEY_paramgen` after
/// `EVP_PKEY_paramgen_init`).
#[no_mangle]
pub extern "C" fn EVP_PKEY_generate(ctx: *mut EVP_PKEY_CTX, ppkey: *mut *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_generate", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        let k = match st.op {
            Op::Keygen => st.ctx.keygen(),
            Op::Paramgen => st.ctx.paramgen(),
            _ => return Err(Error::new(ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED)),
        }
        .map_err(|e| lc_error(e, ERR_LIB_EVP, crate::abi::reasons::EVP_R_GENERATE_ERROR))?;
        key_out(ppkey, k)
    })
}

/// EVP_PKEY_paramgen generates EC parameters (a key with the curve only).
#[no_mangle]
pub extern "C" fn EVP_PKEY_paramgen(ctx: *mut EVP_PKEY_CTX, ppkey: *mut *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_paramgen", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Paramgen)?;
        let k = st
            .ctx
            .paramgen()
            .map_err(|e| lc_error(e, ERR_LIB_EVP, crate::abi::reasons::EVP_R_GENERATE_ERROR))?;
        key_out(ppkey, k)
    })
}

fn set_param(
    ctx: *mut EVP_PKEY_CTX,
    f: impl FnOnce(&mut crate::ffi::pkey::PkeyCtx) -> Result<(), crate::ffi::pkey::LcError>,
) -> Result<c_int, Error> {
    let mut st = ffi::borrow(ctx)?.lock()?;
    if st.op == Op::None {
        return Err(Error::new(ERR_LIB_EVP, EVP_R_NO_OPERATION_SET));
    }
    f(&mut st.ctx).map_err(|e| {
        lc_error(
            e,
            ERR_LIB_EVP,
            crate::abi::reasons::EVP_R_COMMAND_NOT_SUPPORTED,
        )
    })?;
    Ok(1)
}

/// EVP_PKEY_CTX_set_rsa_keygen_bits sets the RSA modulus size for
/// `EVP_PKEY_keygen`. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_keygen_bits(ctx: *mut EVP_PKEY_CTX, bits: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_keygen_bits", {
        set_param(ctx, |c| c.set_rsa_keygen_bits(bits))
    })
}

/// EVP_PKEY_CTX_set_ec_paramgen_curve_nid sets the curve (NID_X9_62_prime256v1,
/// NID_secp384r1, NID_secp521r1) for EC key or parameter generation. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_ec_paramgen_curve_nid(
    ctx: *mut EVP_PKEY_CTX,
    nid: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_ec_paramgen_curve_nid", {
        set_param(ctx, |c| c.set_ec_curve(nid))
    })
}

/// [`set_param`] for the setters of other headers (rsa.h).
pub(crate) fn set_param_pub(
    ctx: *mut EVP_PKEY_CTX,
    f: impl FnOnce(&mut crate::ffi::pkey::PkeyCtx) -> Result<(), crate::ffi::pkey::LcError>,
) -> Result<c_int, Error> {
    set_param(ctx, f)
}

fn bad_param(name: &str) -> Error {
    Error::new(
        ERR_LIB_EVP,
        crate::abi::reasons::ERR_R_PASSED_INVALID_ARGUMENT,
    )
    .data(name)
}

/// EVP_PKEY_CTX_set_params applies key-generation parameters to `ctx`
/// (after `EVP_PKEY_keygen_init` / `EVP_PKEY_paramgen_init`): "group"
/// (the curve name, EC), "bits" and "e" (RSA), "encoding" ("named_curve"
/// only) and "point-format" ("uncompressed" only). Any other parameter
/// fails. Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_params(
    ctx: *mut EVP_PKEY_CTX,
    params: *const crate::ffi::params::ossl_param_st,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_params", 0, {
        use crate::crypto::params::{each, get_int, get_utf8, IntType};
        ffi::borrow(ctx)?;
        let u64t = IntType {
            size: 8,
            signed: false,
        };
        for (k, p) in each(params) {
            match k.as_str() {
                "group" => {
                    let name = get_utf8(&p)?;
                    let nid = crate::crypto::pkey::curve_by_name(&name)
                        .ok_or_else(|| bad_param("group").data(&name))?;
                    set_param(ctx, |c| c.set_ec_curve(nid))?;
                }
                "bits" => {
                    let bits =
                        c_int::try_from(get_int(&p, u64t)?).map_err(|_| bad_param("bits"))?;
                    set_param(ctx, |c| c.set_rsa_keygen_bits(bits))?;
                }
                "e" => {
                    let e = std::ffi::c_ulong::try_from(get_int(&p, u64t)?)
                        .map_err(|_| bad_param("e"))?;
                    let bn = crate::ffi::bn::new()?;
                    let r = crate::ffi::bn::set_word(bn, e)
                        .and_then(|_| set_param(ctx, |c| c.set1_rsa_keygen_pubexp(bn)));
                    crate::ffi::bn::free(bn);
                    r?;
                }
                "encoding" if get_utf8(&p)? == "named_curve" => {}
                "point-format" if get_utf8(&p)? == "uncompressed" => {}
                _ => return Err(bad_param(&k)),
            }
        }
        Ok(1)
    })
}

/// EVP_PKEY_CTX_set_cb sets the key-generation progress callback. It is
/// kept but never called: aws-lc's key generation reports no progress
/// (setting one does not change generation).
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_cb(ctx: *mut EVP_PKEY_CTX, cb: crate::crypto::pkey::PkeyGenCb) {
    ffi_boundary!("EVP_PKEY_CTX_set_cb", {
        ffi::borrow(ctx)?.lock()?.gen_cb = cb;
        Ok(())
    })
}

/// EVP_PKEY_CTX_get_keygen_info returns progress information for a
/// callback: always 0 (ferrossl calls no callback, so there is none; -1
/// asks for the count, also 0).
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_get_keygen_info(ctx: *mut EVP_PKEY_CTX, _idx: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_get_keygen_info", 0, {
        ffi::borrow(ctx)?;
        Ok(0)
    })
}

/// EVP_PKEY_CTX_set_app_data stores `data` in `ctx` for
/// `EVP_PKEY_CTX_get_app_data`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_app_data(ctx: *mut EVP_PKEY_CTX, data: *mut c_void) {
    ffi_boundary!("EVP_PKEY_CTX_set_app_data", {
        ffi::borrow(ctx)?.lock()?.app_data = data as usize;
        Ok(())
    })
}

/// EVP_PKEY_CTX_get_app_data returns what `EVP_PKEY_CTX_set_app_data`
/// stored, or NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_get_app_data(ctx: *mut EVP_PKEY_CTX) -> *mut c_void {
    ffi_boundary!("EVP_PKEY_CTX_get_app_data", std::ptr::null_mut(), {
        Ok(ffi::borrow(ctx)?.lock()?.app_data as *mut c_void)
    })
}

/// EVP_PKEY_set_int_param sets the integer parameter `key_name` of
/// `pkey`: only "include-public" of an EC key (0: its SEC1 private-key
/// encoding leaves the public key out). Other names fail (OpenSSL 3.0
/// ignores them and returns 1; ferrossl does not report a setting it did
/// not make). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_set_int_param(
    pkey: *mut EVP_PKEY,
    key_name: *const c_char,
    v: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_set_int_param", 0, {
        let k = ffi::borrow(pkey)?;
        match ffi::cstr(key_name)? {
            "include-public" => k.set_ec_include_public(v != 0)?,
            n => return Err(bad_param(n)),
        }
        Ok(1)
    })
}

/// EVP_PKEY_get_int_param stores in `*out` the integer parameter
/// `key_name` of `pkey`: "bits", "security-bits" or "max-size". Other
/// names fail (as OpenSSL's for "include-public", which is only
/// settable). Returns 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_int_param(
    pkey: *const EVP_PKEY,
    key_name: *const c_char,
    out: *mut c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_get_int_param", 0, {
        let k = ffi::borrow(pkey)?;
        let v = match ffi::cstr(key_name)? {
            "bits" => k.bits(),
            "security-bits" => k.security_bits(),
            "max-size" => k.size(),
            n => return Err(bad_param(n)),
        };
        if out.is_null() {
            return Err(Error::null_pointer());
        }
        ffi::write_out(out, v);
        Ok(1)
    })
}

/// EVP_PKEY_CTX_set_rsa_padding sets the RSA padding (`RSA_PKCS1_PADDING`,
/// `RSA_PKCS1_PSS_PADDING`, ...) for signing or verifying. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_padding(ctx: *mut EVP_PKEY_CTX, pad: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_padding", {
        set_param(ctx, |c| c.set_rsa_padding(pad))
    })
}

/// EVP_PKEY_CTX_set_rsa_pss_saltlen sets the PSS salt length in bytes, or
/// `RSA_PSS_SALTLEN_DIGEST` (-1, the default). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx: *mut EVP_PKEY_CTX, len: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_pss_saltlen", {
        set_param(ctx, |c| c.set_rsa_pss_saltlen(len))
    })
}

/// EVP_PKEY_CTX_set_signature_md sets the digest `EVP_PKEY_sign` and
/// `EVP_PKEY_verify` expect. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_signature_md(
    ctx: *mut EVP_PKEY_CTX,
    md: *const EVP_MD,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_signature_md", {
        let md = static_md(md)?.alg;
        set_param(ctx, |c| c.set_signature_md(md))
    })
}

/// EVP_PKEY_CTX_set_hkdf_md sets HKDF's digest on a context made by
/// `EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL)` and set up by
/// `EVP_PKEY_derive_init`. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_hkdf_md(ctx: *mut EVP_PKEY_CTX, md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_hkdf_md", {
        let md = static_md(md)?.alg;
        set_param(ctx, |c| c.set_hkdf_md(md))
    })
}

/// EVP_PKEY_CTX_set_hkdf_mode sets HKDF's mode:
/// `EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND` (0, the default),
/// `EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY` (1: the PRK is the output) or
/// `EVP_PKEY_HKDEF_MODE_EXPAND_ONLY` (2: the key is the PRK). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_hkdf_mode(ctx: *mut EVP_PKEY_CTX, mode: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_hkdf_mode", {
        set_param(ctx, |c| c.set_hkdf_mode(mode))
    })
}

/// EVP_PKEY_CTX_set1_hkdf_salt sets (a copy of) HKDF's salt; `saltlen` 0
/// is the empty salt. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set1_hkdf_salt(
    ctx: *mut EVP_PKEY_CTX,
    salt: *const u8,
    saltlen: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set1_hkdf_salt", {
        let salt = ffi::slice(salt, saltlen)?;
        set_param(ctx, |c| c.set_hkdf_salt(salt))
    })
}

/// EVP_PKEY_CTX_set1_hkdf_key sets (a copy of) HKDF's input keying
/// material (the PRK in expand-only mode). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set1_hkdf_key(
    ctx: *mut EVP_PKEY_CTX,
    key: *const u8,
    keylen: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set1_hkdf_key", {
        let key = ffi::slice(key, keylen)?;
        set_param(ctx, |c| c.set_hkdf_key(key))
    })
}

/// EVP_PKEY_CTX_add1_hkdf_info appends (a copy of) `info` to HKDF's info
/// string. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_add1_hkdf_info(
    ctx: *mut EVP_PKEY_CTX,
    info: *const u8,
    infolen: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_add1_hkdf_info", {
        let info = ffi::slice(info, infolen)?;
        set_param(ctx, |c| c.add_hkdf_info(info))
    })
}

/// Writes a variable-length result per OpenSSL's convention: `out` NULL:
/// only the largest length in `*outlen`; else `*outlen` is the buffer size
/// on entry and the length written on return.
fn var_out(
    out: *mut u8,
    outlen: *mut usize,
    f: impl FnOnce(Option<&mut [u8]>) -> Result<usize, crate::ffi::pkey::LcError>,
    reason: c_int,
) -> Result<c_int, Error> {
    let cap = ffi::read_in(outlen).ok_or_else(Error::null_pointer)?;
    let buf = if out.is_null() {
        None
    } else {
        Some(ffi::slice_mut_usize(out, cap)?)
    };
    let n = f(buf).map_err(|e| lc_error(e, ERR_LIB_EVP, reason))?;
    ffi::write_out(outlen, n);
    Ok(1)
}

/// EVP_PKEY_sign signs the digest `tbs` (`tbslen` bytes) into `sig`, with
/// `*siglen` its size on entry and the signature length on return (`sig`
/// NULL: the largest length only). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_sign(
    ctx: *mut EVP_PKEY_CTX,
    sig: *mut u8,
    siglen: *mut usize,
    tbs: *const u8,
    tbslen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_sign", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Sign)?;
        let tbs = ffi::slice_usize(tbs, tbslen)?;
        var_out(
            sig,
            siglen,
            |b| st.ctx.sign(b, tbs),
            crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
        )
    })
}

/// EVP_PKEY_verify checks the signature `sig` over the digest `tbs`: 1 if
/// it verifies, 0 if not, -1 on error (context not initialised, NULL).
#[no_mangle]
pub extern "C" fn EVP_PKEY_verify(
    ctx: *mut EVP_PKEY_CTX,
    sig: *const u8,
    siglen: usize,
    tbs: *const u8,
    tbslen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_verify", -1, {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Verify)?;
        let sig = ffi::slice_usize(sig, siglen)?;
        let tbs = ffi::slice_usize(tbs, tbslen)?;
        let ok = st
            .ctx
            .verify(sig, tbs)
            .map_err(|e| lc_error(e, ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED))?;
        Ok(c_int::from(ok))
    })
}

/// EVP_PKEY_derive_set_peer sets the peer's public key for `EVP_PKEY_derive`
/// (same type and curve as ours). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_derive_set_peer(ctx: *mut EVP_PKEY_CTX, peer: *mut EVP_PKEY) -> c_int {
    ffi_boundary!("EVP_PKEY_derive_set_peer", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Derive)?;
        let peer = ffi::borrow(peer)?;
        st.ctx.set_peer(peer.pkey()).map_err(|e| {
            lc_error(
                e,
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_DIFFERENT_KEY_TYPES,
            )
        })?;
        Ok(1)
    })
}

/// EVP_PKEY_derive writes the shared secret to `key`, with `*keylen` its
/// size on entry and the secret's length on return (`key` NULL: the length
/// only). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_derive(
    ctx: *mut EVP_PKEY_CTX,
    key: *mut u8,
    keylen: *mut usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_derive", {
        let mut st = ffi::borrow(ctx)?.lock()?;
        st.expect(Op::Derive)?;
        var_out(
            key,
            keylen,
            |b| st.ctx.derive(b),
            crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
        )
    })
}

/// Generates a key of type `name` ("RSA" with `bits`, "EC" with `curve`,
/// "ED25519", "X25519"): the body of `EVP_PKEY_Q_keygen` (and of the
/// `EVP_RSA_gen` / `EVP_EC_gen` macros), whose C-variadic front is in
/// src/ffi/variadic.c.
#[no_mangle]
pub extern "C" fn ferrossl_pkey_q_keygen(
    name: *const c_char,
    bits: usize,
    curve: *const c_char,
) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_Q_keygen", {
        let n = ffi::cstr(name)?;
        let id = type_by_name(n)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(n))?;
        let ctx = crate::crypto::pkey::evp_pkey_ctx_st::for_id(id)?;
        let mut st = ctx.lock()?;
        st.init(Op::Keygen)?;
        let r = match id {
            crate::abi::consts::EVP_PKEY_RSA => {
                let bits = c_int::try_from(bits).map_err(|_| Error::invalid_argument("bits"))?;
                st.ctx.set_rsa_keygen_bits(bits)
            }
            crate::abi::consts::EVP_PKEY_EC => {
                let c = ffi::cstr(curve)?;
                let nid = crate::crypto::pkey::curve_by_name(c)
                    .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(c))?;
                st.ctx.set_ec_curve(nid)
            }
            _ => Ok(()),
        };
        r.map_err(|e| lc_error(e, ERR_LIB_EVP, crate::abi::reasons::EVP_R_INVALID_VALUE))?;
        let k = st
            .ctx
            .keygen()
            .map_err(|e| lc_error(e, ERR_LIB_EVP, crate::abi::reasons::EVP_R_GENERATE_ERROR))?;
        Ok(ffi::into_raw(evp_pkey_st::from_pkey(k)))
    })
}

// ---------------------------------------------------------------------------
// EVP_DigestSign* / EVP_DigestVerify*.

/// The digest for a sign/verify init: `md`, or for NULL none (Ed25519) or
/// SHA-256 (RSA, EC: OpenSSL 3's default).
fn sign_md(md: *const EVP_MD, key: &evp_pkey_st) -> Result<Option<crate::ffi::lc::Digest>, Error> {
    if !md.is_null() {
        return Ok(Some(
            static_md(md)
                .map_err(|_| Error::new(ERR_LIB_EVP, EVP_R_INVALID_DIGEST))?
                .alg,
        ));
    }
    Ok(match key.id() {
        crate::abi::consts::EVP_PKEY_RSA
        | crate::abi::consts::EVP_PKEY_EC
        | crate::abi::objects::NID_rsassaPss
        | crate::abi::objects::NID_hmac => Some(crate::ffi::lc::Digest::Sha256),
        _ => None,
    })
}

pub(crate) fn sign_init(
    ctx: *mut EVP_MD_CTX,
    pctx: *mut *mut EVP_PKEY_CTX,
    md: *const EVP_MD,
    pkey: *mut EVP_PKEY,
    verify: bool,
) -> Result<c_int, Error> {
    let c = ffi::borrow(ctx)?;
    let key = ffi::clone_arc(pkey)?;
    let alg = sign_md(md, &key)?;
    let st = SignState::new(alg, key, verify)?;
    let p = &*st.pctx as *const EVP_PKEY_CTX as *mut EVP_PKEY_CTX;
    // The digest EVP_MD_CTX_get0_md reports: the one given, or the default's
    // EVP_MD (OpenSSL 3 reports it too).
    let md = if md.is_null() {
        alg.and_then(|a| {
            crate::crypto::digest::DIGESTS
                .iter()
                .copied()
                .find(|m| m.alg == a)
        })
    } else {
        Some(static_md(md)?)
    };
    c.set_sign_md(md)?;
    c.set_sign(Some(st))?;
    if !pctx.is_null() {
        ffi::write_out(pctx, p);
    }
    Ok(1)
}

/// EVP_DigestSignInit readies `ctx` to sign with `pkey` and digest `type`
/// (NULL: SHA-256 for RSA/EC, none for Ed25519); `*pctx` (if `pctx` is not
/// NULL) receives the key context, owned by `ctx`, for
/// `EVP_PKEY_CTX_set_rsa_padding` and co. The engine is ignored. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestSignInit(
    ctx: *mut EVP_MD_CTX,
    pctx: *mut *mut EVP_PKEY_CTX,
    r#type: *const EVP_MD,
    _e: *mut c_void,
    pkey: *mut EVP_PKEY,
) -> c_int {
    ffi_boundary!("EVP_DigestSignInit", {
        sign_init(ctx, pctx, r#type, pkey, false)
    })
}

/// EVP_DigestSignInit_ex is `EVP_DigestSignInit` with the digest by name
/// (NULL: the key type's default); library context and properties ignored.
#[no_mangle]
pub extern "C" fn EVP_DigestSignInit_ex(
    ctx: *mut EVP_MD_CTX,
    pctx: *mut *mut EVP_PKEY_CTX,
    mdname: *const c_char,
    _libctx: *mut c_void,
    _props: *const c_char,
    pkey: *mut EVP_PKEY,
    _params: *const c_void,
) -> c_int {
    ffi_boundary!("EVP_DigestSignInit_ex", {
        let md = md_by_name(mdname)?;
        sign_init(ctx, pctx, md, pkey, false)
    })
}

fn md_by_name(mdname: *const c_char) -> Result<*const EVP_MD, Error> {
    if mdname.is_null() {
        return Ok(std::ptr::null());
    }
    let n = ffi::cstr(mdname)?;
    crate::crypto::digest::digest_by_name(n)
        .map(|m| m as *const EVP_MD)
        .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_INVALID_DIGEST).data(n))
}

/// EVP_DigestVerifyInit readies `ctx` to verify with `pkey` and digest
/// `type` (as `EVP_DigestSignInit`). 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestVerifyInit(
    ctx: *mut EVP_MD_CTX,
    pctx: *mut *mut EVP_PKEY_CTX,
    r#type: *const EVP_MD,
    _e: *mut c_void,
    pkey: *mut EVP_PKEY,
) -> c_int {
    ffi_boundary!("EVP_DigestVerifyInit", {
        sign_init(ctx, pctx, r#type, pkey, true)
    })
}

/// EVP_DigestVerifyInit_ex is `EVP_DigestVerifyInit` with the digest by name.
#[no_mangle]
pub extern "C" fn EVP_DigestVerifyInit_ex(
    ctx: *mut EVP_MD_CTX,
    pctx: *mut *mut EVP_PKEY_CTX,
    mdname: *const c_char,
    _libctx: *mut c_void,
    _props: *const c_char,
    pkey: *mut EVP_PKEY,
    _params: *const c_void,
) -> c_int {
    ffi_boundary!("EVP_DigestVerifyInit_ex", {
        let md = md_by_name(mdname)?;
        sign_init(ctx, pctx, md, pkey, true)
    })
}

/// EVP_DigestSignUpdate adds `cnt` bytes to the message being signed
/// (not for Ed25519, which signs in one shot). 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestSignUpdate(
    ctx: *mut EVP_MD_CTX,
    d: *const c_void,
    cnt: usize,
) -> c_int {
    ffi_boundary!("EVP_DigestSignUpdate", {
        let data = ffi::slice_usize(d as *const u8, cnt)?;
        ffi::borrow(ctx)?.sign_update(data, false)?;
        Ok(1)
    })
}

/// EVP_DigestVerifyUpdate adds `cnt` bytes to the message being verified. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestVerifyUpdate(
    ctx: *mut EVP_MD_CTX,
    d: *const c_void,
    cnt: usize,
) -> c_int {
    ffi_boundary!("EVP_DigestVerifyUpdate", {
        let data = ffi::slice_usize(d as *const u8, cnt)?;
        ffi::borrow(ctx)?.sign_update(data, true)?;
        Ok(1)
    })
}

/// EVP_DigestSignFinal writes the signature to `sig` (`*siglen`: its size
/// on entry, the signature's length on return; `sig` NULL: the largest
/// length only). 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestSignFinal(
    ctx: *mut EVP_MD_CTX,
    sig: *mut u8,
    siglen: *mut usize,
) -> c_int {
    ffi_boundary!("EVP_DigestSignFinal", {
        ffi::borrow(ctx)?.with_sign(false, |s| {
            var_out(
                sig,
                siglen,
                |b| s.ctx.sign_final(b),
                crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
            )
        })
    })
}

/// EVP_DigestSign signs `tbslen` bytes at `tbs` in one shot (the way to
/// sign with Ed25519); `sig`/`*siglen` as in `EVP_DigestSignFinal`. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_DigestSign(
    ctx: *mut EVP_MD_CTX,
    sig: *mut u8,
    siglen: *mut usize,
    tbs: *const u8,
    tbslen: usize,
) -> c_int {
    ffi_boundary!("EVP_DigestSign", {
        let tbs = ffi::slice_usize(tbs, tbslen)?;
        ffi::borrow(ctx)?.with_sign(false, |s| {
            var_out(
                sig,
                siglen,
                |b| s.ctx.sign_oneshot(b, tbs),
                crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
            )
        })
    })
}

/// EVP_DigestVerifyFinal checks `sig` over the message given to
/// `EVP_DigestVerifyUpdate`: 1 if it verifies, 0 if not or on error.
#[no_mangle]
pub extern "C" fn EVP_DigestVerifyFinal(
    ctx: *mut EVP_MD_CTX,
    sig: *const u8,
    siglen: usize,
) -> c_int {
    ffi_boundary!("EVP_DigestVerifyFinal", {
        let sig = ffi::slice_usize(sig, siglen)?;
        ffi::borrow(ctx)?.with_sign(true, |s| Ok(c_int::from(s.ctx.verify_final(sig))))
    })
}

/// EVP_DigestVerify checks `sig` over `tbslen` bytes at `tbs` in one shot:
/// 1 if it verifies, 0 if not or on error.
#[no_mangle]
pub extern "C" fn EVP_DigestVerify(
    ctx: *mut EVP_MD_CTX,
    sig: *const u8,
    siglen: usize,
    tbs: *const u8,
    tbslen: usize,
) -> c_int {
    ffi_boundary!("EVP_DigestVerify", {
        let sig = ffi::slice_usize(sig, siglen)?;
        let tbs = ffi::slice_usize(tbs, tbslen)?;
        ffi::borrow(ctx)?.with_sign(true, |s| Ok(c_int::from(s.ctx.verify_oneshot(sig, tbs))))
    })
}

/// EVP_PKEY_CTX_ctrl_str sets a parameter by OpenSSL's name and text value
/// (`-pkeyopt name:value`): "ec_paramgen_curve" (P-256, P-384, P-521 and
/// their aliases), "rsa_keygen_bits", "rsa_padding_mode" (pkcs1, pss,
/// none), "rsa_pss_saltlen" (digest, or a number), "digest". 1 on success;
/// -2 (`EVP_R_COMMAND_NOT_SUPPORTED`) for other names, <= 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_ctrl_str(
    ctx: *mut EVP_PKEY_CTX,
    type_: *const c_char,
    value: *const c_char,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_ctrl_str", -2, {
        let name = ffi::cstr(type_)?;
        let v = ffi::cstr(value)?;
        let bad = || Error::invalid_argument(&format!("{name}:{v}"));
        let num = || v.parse::<c_int>().map_err(|_| bad());
        match name {
            "ec_paramgen_curve" => {
                let nid = crate::crypto::pkey::curve_by_name(v).ok_or_else(|| {
                    Error::new(
                        ERR_LIB_EVP,
                        crate::abi::reasons::EVP_R_COMMAND_NOT_SUPPORTED,
                    )
                    .data(&format!("curve {v} is not supported"))
                })?;
                set_param(ctx, |c| c.set_ec_curve(nid))
            }
            "rsa_keygen_bits" => {
                let bits = num()?;
                set_param(ctx, |c| c.set_rsa_keygen_bits(bits))
            }
            "rsa_padding_mode" => {
                let pad = match v {
                    "pkcs1" => 1,
                    "none" => 3,
                    "oaep" | "oeap" => 4,
                    "pss" => 6,
                    _ => return Err(bad()),
                };
                set_param(ctx, |c| c.set_rsa_padding(pad))
            }
            "rsa_pss_saltlen" => {
                let len = match v {
                    "digest" => -1,
                    "max" => -3,
                    "auto" => -2,
                    _ => num()?,
                };
                set_param(ctx, |c| c.set_rsa_pss_saltlen(len))
            }
            "digest" => {
                let cname = std::ffi::CString::new(v).map_err(|_| bad())?;
                let md = crate::entry::crypto::evp::EVP_get_digestbyname(cname.as_ptr());
                let md = static_md(md)?.alg;
                set_param(ctx, |c| c.set_signature_md(md))
            }
            _ => Err(Error::new(
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_COMMAND_NOT_SUPPORTED,
            )
            .data(name)),
        }
    })
}

// ---------------------------------------------------------------------------
// EVP_SignFinal / EVP_VerifyFinal: the digest context's hash, then a raw
// signature operation with its digest (OpenSSL's legacy one-shot signing).

/// A key context for `pkey` set up to sign (or verify) digests made with
/// `ctx`'s digest, and that digest of the data hashed so far (`ctx` is left
/// as it was, as OpenSSL finalises a copy).
fn final_ctx(
    ctx: *mut EVP_MD_CTX,
    pkey: *mut EVP_PKEY,
    verify: bool,
) -> Result<(crate::ffi::pkey::PkeyCtx, Vec<u8>, Arc<evp_pkey_st>), Error> {
    let (alg, dgst) =
        crate::entry::crypto::evp::with_digest(ctx, |m, h| Ok((m.alg, h.try_clone()?.finish()?)))?;
    let key = ffi::clone_arc(pkey)?;
    let lib = |e| lc_error(e, ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED);
    let mut pc = crate::ffi::pkey::PkeyCtx::for_key(key.pkey()).map_err(lib)?;
    if verify {
        pc.verify_init().map_err(lib)?;
    } else {
        pc.sign_init().map_err(lib)?;
    }
    pc.set_signature_md(alg).map_err(lib)?;
    Ok((pc, dgst, key))
}

/// EVP_SignFinal signs the digest of the data hashed into `ctx` (by
/// `EVP_SignInit`/`EVP_SignUpdate`) with `pkey` into `md`, which must hold
/// `EVP_PKEY_get_size(pkey)` bytes; `*s` receives the length. `ctx` is
/// left as it was. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_SignFinal(
    ctx: *mut EVP_MD_CTX,
    md: *mut u8,
    s: *mut std::ffi::c_uint,
    pkey: *mut EVP_PKEY,
) -> c_int {
    ffi_boundary!("EVP_SignFinal", {
        let (mut pc, dgst, key) = final_ctx(ctx, pkey, false)?;
        let out = ffi::slice_mut_usize(md, usize::try_from(key.size()).unwrap_or(0))?;
        let n = pc.sign(Some(out), &dgst).map_err(|e| {
            lc_error(
                e,
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
            )
        })?;
        ffi::write_out(s, n as std::ffi::c_uint);
        Ok(1)
    })
}

/// EVP_VerifyFinal checks `sigbuf` (`siglen` bytes) against the digest of
/// the data hashed into `ctx` with `pkey`: 1 valid, 0 not, -1 on error.
#[no_mangle]
pub extern "C" fn EVP_VerifyFinal(
    ctx: *mut EVP_MD_CTX,
    sigbuf: *const u8,
    siglen: std::ffi::c_uint,
    pkey: *mut EVP_PKEY,
) -> c_int {
    ffi_boundary!("EVP_VerifyFinal", -1, {
        let (mut pc, dgst, _key) = final_ctx(ctx, pkey, true)?;
        let sig = ffi::slice_usize(sigbuf, siglen as usize)?;
        let ok = pc
            .verify(sig, &dgst)
            .map_err(|e| lc_error(e, ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED))?;
        Ok(c_int::from(ok))
    })
}

// ---------------------------------------------------------------------------
// Key parameters by OpenSSL 3's names.

/// EVP_PKEY_get_bn_param stores in `*bn` a new copy (freed with `BN_free`)
/// of the key's number `key_name`: RSA "n", "e", "d", "rsa-factor1",
/// "rsa-factor2", "rsa-exponent1", "rsa-exponent2", "rsa-coefficient1"; EC
/// "qx", "qy", "priv"; DH/DSA "p", "q", "g", "pub", "priv". 1, or 0 (no
/// error queued, as OpenSSL 3) when the key has no such number.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_bn_param(
    pkey: *const EVP_PKEY,
    key_name: *const c_char,
    bn: *mut *mut crate::ffi::bn::bignum_st,
) -> c_int {
    ffi_boundary!("EVP_PKEY_get_bn_param", 0, {
        let key = ffi::borrow(pkey)?;
        let name = ffi::cstr(key_name)?;
        if bn.is_null() {
            return Err(Error::null_pointer());
        }
        // as OpenSSL 3: a number the key lacks is 0, with nothing queued
        Ok(key.pkey().bn_param(name).map_or(0, |b| {
            ffi::write_out(bn, b);
            1
        }))
    })
}

/// EVP_PKEY_get_utf8_string_param copies the key's string `key_name` with
/// its NUL into `str` (`max_buf_sz` bytes; NULL: only the length) and its
/// length without the NUL into `*out_len`. Supported: "group", an EC key's
/// curve ("prime256v1", "secp384r1", "secp521r1"). 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_utf8_string_param(
    pkey: *const EVP_PKEY,
    key_name: *const c_char,
    str: *mut c_char,
    max_buf_sz: usize,
    out_len: *mut usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_get_utf8_string_param", 0, {
        let key = ffi::borrow(pkey)?;
        let name = ffi::cstr(key_name)?;
        let value = match name {
            "group" => crate::crypto::asn1::sn(key.pkey().ec_curve_nid()),
            _ => None,
        }
        .ok_or_else(|| {
            Error::new(
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_UNSUPPORTED_ALGORITHM,
            )
            .data(name)
        })?;
        if !str.is_null() {
            if value.len() + 1 > max_buf_sz {
                return Err(Error::new(
                    ERR_LIB_EVP,
                    crate::abi::reasons::EVP_R_BUFFER_TOO_SMALL,
                ));
            }
            let out = ffi::slice_mut_usize(str as *mut u8, value.len() + 1)?;
            out[..value.len()].copy_from_slice(value.as_bytes());
            out[value.len()] = 0;
        }
        ffi::write_out(out_len, value.len());
        Ok(1)
    })
}

/// EVP_PKEY_CTX_set_ec_param_enc sets how EC parameters are encoded:
/// `OPENSSL_EC_NAMED_CURVE` (1, OpenSSL 3's default and the only encoding
/// ferrossl writes) is accepted; explicit parameters (0) are refused. 1 or
/// <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_ec_param_enc(ctx: *mut EVP_PKEY_CTX, param_enc: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_ec_param_enc", {
        let st = ffi::borrow(ctx)?.lock()?;
        if st.op == Op::None {
            return Err(Error::new(ERR_LIB_EVP, EVP_R_NO_OPERATION_SET));
        }
        if param_enc != 1 {
            return Err(Error::new(
                ERR_LIB_EVP,
                crate::abi::reasons::EVP_R_COMMAND_NOT_SUPPORTED,
            ));
        }
        Ok(1)
    })
}

// ---------------------------------------------------------------------------
// Raw keys: X25519, Ed25519, X448, Ed448 from and to their bytes.

fn raw_key(id: c_int, key: *const u8, len: usize, private: bool) -> Result<*mut EVP_PKEY, Error> {
    use crate::abi::objects::{NID_ED25519, NID_ED448, NID_X25519, NID_X448};
    if ![NID_X25519, NID_ED25519, NID_X448, NID_ED448].contains(&id) {
        return Err(Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM));
    }
    let raw = ffi::slice_usize(key, len)?;
    let k = crate::ffi::pkey::Pkey::from_raw(id, raw, private).map_err(|e| {
        lc_error(
            e,
            ERR_LIB_EVP,
            crate::abi::reasons::EVP_R_INVALID_KEY_LENGTH,
        )
    })?;
    Ok(ffi::into_raw(evp_pkey_st::from_pkey(k)))
}

/// EVP_PKEY_new_raw_private_key_ex is `EVP_PKEY_new_raw_private_key` for the
/// key type named `keytype` ("X25519", "ED25519", ...; library context and
/// properties ignored).
#[no_mangle]
pub extern "C" fn EVP_PKEY_new_raw_private_key_ex(
    _libctx: *mut c_void,
    keytype: *const c_char,
    _propq: *const c_char,
    key: *const u8,
    keylen: usize,
) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_new_raw_private_key_ex", {
        let n = ffi::cstr(keytype)?;
        let id = type_by_name(n)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(n))?;
        raw_key(id, key, keylen, true)
    })
}

/// EVP_PKEY_new_raw_public_key_ex is `EVP_PKEY_new_raw_public_key` for the
/// key type named `keytype`.
#[no_mangle]
pub extern "C" fn EVP_PKEY_new_raw_public_key_ex(
    _libctx: *mut c_void,
    keytype: *const c_char,
    _propq: *const c_char,
    key: *const u8,
    keylen: usize,
) -> *mut EVP_PKEY {
    ffi_boundary!("EVP_PKEY_new_raw_public_key_ex", {
        let n = ffi::cstr(keytype)?;
        let id = type_by_name(n)
            .ok_or_else(|| Error::new(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM).data(n))?;
        raw_key(id, key, keylen, false)
    })
}

// ---------------------------------------------------------------------------
// Encryption, decryption, signature recovery (RSA)

/// EVP_PKEY_encrypt_init readies `ctx` for `EVP_PKEY_encrypt` (RSA). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_encrypt_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_encrypt_init", { init(ctx, Op::Encrypt) })
}

/// EVP_PKEY_decrypt_init readies `ctx` for `EVP_PKEY_decrypt` (RSA). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_decrypt_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_decrypt_init", { init(ctx, Op::Decrypt) })
}

/// EVP_PKEY_verify_recover_init readies `ctx` for
/// `EVP_PKEY_verify_recover` (RSA). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_verify_recover_init(ctx: *mut EVP_PKEY_CTX) -> c_int {
    ffi_boundary!("EVP_PKEY_verify_recover_init", {
        init(ctx, Op::VerifyRecover)
    })
}

fn crypt(
    ctx: *mut EVP_PKEY_CTX,
    op: Op,
    out: *mut u8,
    outlen: *mut usize,
    input: *const u8,
    inlen: usize,
) -> Result<c_int, Error> {
    let mut st = ffi::borrow(ctx)?.lock()?;
    st.expect(op)?;
    let input = ffi::slice_usize(input, inlen)?;
    let code = match op {
        Op::Encrypt => 0,
        Op::Decrypt => 1,
        _ => 2,
    };
    var_out(
        out,
        outlen,
        |b| st.ctx.crypt(code, b, input),
        crate::abi::reasons::EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
    )
}

/// EVP_PKEY_encrypt encrypts `in` into `out` with the public key (padding
/// from `EVP_PKEY_CTX_set_rsa_padding`: PKCS#1 v1.5 by default, or OAEP),
/// `*outlen` its size on entry and the length written on return (`out`
/// NULL: the largest length only). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_encrypt(
    ctx: *mut EVP_PKEY_CTX,
    out: *mut u8,
    outlen: *mut usize,
    r#in: *const u8,
    inlen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_encrypt", {
        crypt(ctx, Op::Encrypt, out, outlen, r#in, inlen)
    })
}

/// EVP_PKEY_decrypt decrypts `in` into `out` with the private key, as
/// `EVP_PKEY_encrypt`. 1 or <= 0 (a padding check that fails is an error,
/// as in OpenSSL 3.0: no implicit rejection).
#[no_mangle]
pub extern "C" fn EVP_PKEY_decrypt(
    ctx: *mut EVP_PKEY_CTX,
    out: *mut u8,
    outlen: *mut usize,
    r#in: *const u8,
    inlen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_decrypt", {
        crypt(ctx, Op::Decrypt, out, outlen, r#in, inlen)
    })
}

/// EVP_PKEY_verify_recover recovers the signed data from the RSA signature
/// `sig` into `rout`, as `EVP_PKEY_encrypt` sizes its output. 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_verify_recover(
    ctx: *mut EVP_PKEY_CTX,
    rout: *mut u8,
    routlen: *mut usize,
    sig: *const u8,
    siglen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_verify_recover", {
        crypt(ctx, Op::VerifyRecover, rout, routlen, sig, siglen)
    })
}

/// EVP_PKEY_CTX_set_rsa_oaep_md sets OAEP's digest (SHA-1 by default).
/// 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_oaep_md(ctx: *mut EVP_PKEY_CTX, md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_oaep_md", {
        let md = static_md(md)?.alg;
        set_param(ctx, |c| c.set_rsa_oaep_md(md))
    })
}

/// EVP_PKEY_CTX_set_rsa_mgf1_md sets MGF1's digest for PSS or OAEP (by
/// default the signature or OAEP digest). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set_rsa_mgf1_md(ctx: *mut EVP_PKEY_CTX, md: *const EVP_MD) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set_rsa_mgf1_md", {
        let md = static_md(md)?.alg;
        set_param(ctx, |c| c.set_rsa_mgf1_md(md))
    })
}

/// EVP_PKEY_CTX_set0_rsa_oaep_label sets OAEP's label: on success the
/// context owns `label` (an `OPENSSL_malloc` buffer of `llen` bytes, freed
/// here: its bytes are copied). 1 or <= 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_CTX_set0_rsa_oaep_label(
    ctx: *mut EVP_PKEY_CTX,
    label: *mut c_void,
    llen: c_int,
) -> c_int {
    ffi_boundary!("EVP_PKEY_CTX_set0_rsa_oaep_label", {
        let bytes = ffi::slice(label as *const u8, llen)?.to_vec();
        let r = set_param(ctx, |c| c.set_rsa_oaep_label(&bytes))?;
        ffi::free(label);
        Ok(r)
    })
}

/// EVP_PKEY_type returns the base key type of the key-type NID `type`
/// (`EVP_PKEY_RSA` for `NID_rsa` too, `EVP_PKEY_DSA` for the DSA aliases),
/// `NID_undef` (0) for a NID that names no key type. It answers for
/// OpenSSL's key types, whether or not ferrossl supports them.
#[no_mangle]
pub extern "C" fn EVP_PKEY_type(r#type: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_type", {
        Ok(match r#type {
            // rsaEncryption, rsa
            6 | 19 => 6,
            // dsa and its aliases
            66 | 67 | 70 | 113 | 116 => 116,
            // DH, EC, RSA-PSS, DHX, X25519, X448, Ed25519, Ed448, HMAC, CMAC, Poly1305, SipHash
            28 | 408 | 912 | 920 | 1034 | 1035 | 1087 | 1088 | 855 | 894 | 1061 | 1062 => r#type,
            _ => 0,
        })
    })
}

/// EVP_PKEY_set_type makes `pkey` an empty key of type `type` (RSA, EC,
/// X25519, Ed25519; others fail). 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_set_type(pkey: *mut EVP_PKEY, r#type: c_int) -> c_int {
    ffi_boundary!("EVP_PKEY_set_type", {
        ffi::borrow(pkey)?.set_type(r#type)?;
        Ok(1)
    })
}

/// EVP_PKEY_set1_encoded_public_key sets the public key of `pkey` (an EC
/// key with its group set, or an X25519 key) from its TLS encoding: the EC
/// point, or the 32 raw X25519 bytes. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_set1_encoded_public_key(
    pkey: *mut EVP_PKEY,
    r#pub: *const u8,
    publen: usize,
) -> c_int {
    ffi_boundary!("EVP_PKEY_set1_encoded_public_key", {
        let data = ffi::slice_usize(r#pub, publen)?;
        ffi::borrow(pkey)?.set_encoded_public_key(data)?;
        Ok(1)
    })
}

/// EVP_PKEY_get1_encoded_public_key stores in `*ppub` the TLS encoding of
/// the public key (EC point uncompressed, X25519 bytes), for
/// `OPENSSL_free`, and returns its length; 0 on error.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get1_encoded_public_key(
    pkey: *mut EVP_PKEY,
    ppub: *mut *mut u8,
) -> usize {
    ffi_boundary!("EVP_PKEY_get1_encoded_public_key", 0, {
        if ppub.is_null() {
            return Err(Error::null_pointer());
        }
        let v = ffi::borrow(pkey)?.encoded_public_key()?;
        ffi::write_out(ppub, ffi::malloc_copy(&v, false));
        Ok(v.len())
    })
}

// ---------------------------------------------------------------------------
// Printing keys (aws-lc's printer, OpenSSL 3.0's layout: crypto/pkey.rs key_text).

fn print_key(
    out: *mut BIO,
    pkey: *const EVP_PKEY,
    indent: c_int,
    part: crate::ffi::print::KeyPart,
) -> Result<c_int, Error> {
    let bio = ffi::borrow(out)?;
    let text = ffi::borrow(pkey)?.text(indent, part)?;
    Ok(c_int::from(bio.write_all(&text)))
}

/// EVP_PKEY_print_private writes the key's private and public parts as text at
/// `indent` columns (what `openssl pkey -text` shows), OpenSSL 3.0's layout over
/// aws-lc's printer; a public key prints its public part. `pctx` is ignored. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_private(
    out: *mut BIO,
    pkey: *const EVP_PKEY,
    indent: c_int,
    _pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_private", 0, {
        print_key(out, pkey, indent, crate::ffi::print::KeyPart::Private)
    })
}

/// EVP_PKEY_print_public writes the key's public part as text (`openssl pkey
/// -text_pub`), as EVP_PKEY_print_private. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_public(
    out: *mut BIO,
    pkey: *const EVP_PKEY,
    indent: c_int,
    _pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_public", 0, {
        print_key(out, pkey, indent, crate::ffi::print::KeyPart::Public)
    })
}

/// EVP_PKEY_print_params writes the key's parameters as text (an EC key's curve),
/// as EVP_PKEY_print_private. 1 or 0.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_params(
    out: *mut BIO,
    pkey: *const EVP_PKEY,
    indent: c_int,
    _pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_params", 0, {
        print_key(out, pkey, indent, crate::ffi::print::KeyPart::Params)
    })
}

/// EVP_PKEY_print_private_fp is EVP_PKEY_print_private to a stdio stream.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_private_fp(
    fp: *mut libc::FILE,
    pkey: *const EVP_PKEY,
    indent: c_int,
    pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_private_fp", 0, {
        crate::entry::crypto::x509v3::with_fp(fp, |b| EVP_PKEY_print_private(b, pkey, indent, pctx))
    })
}

/// EVP_PKEY_print_public_fp is EVP_PKEY_print_public to a stdio stream.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_public_fp(
    fp: *mut libc::FILE,
    pkey: *const EVP_PKEY,
    indent: c_int,
    pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_public_fp", 0, {
        crate::entry::crypto::x509v3::with_fp(fp, |b| EVP_PKEY_print_public(b, pkey, indent, pctx))
    })
}

/// EVP_PKEY_print_params_fp is EVP_PKEY_print_params to a stdio stream.
#[no_mangle]
pub extern "C" fn EVP_PKEY_print_params_fp(
    fp: *mut libc::FILE,
    pkey: *const EVP_PKEY,
    indent: c_int,
    pctx: *mut c_void,
) -> c_int {
    ffi_boundary!("EVP_PKEY_print_params_fp", 0, {
        crate::entry::crypto::x509v3::with_fp(fp, |b| EVP_PKEY_print_params(b, pkey, indent, pctx))
    })
}
