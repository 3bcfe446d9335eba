//! `encoder.h`: a minimal `OSSL_ENCODER_CTX` for keys (PEM / DER;
//! PrivateKeyInfo, EncryptedPrivateKeyInfo, SubjectPublicKeyInfo and the
//! type-specific PKCS#1 / SEC1 private keys).

use crate::crypto::bio::BIO;
use crate::crypto::encoder::OSSL_ENCODER_CTX;
use crate::crypto::err::Error;
use crate::crypto::pkey::EVP_PKEY;
use crate::ffi;
use std::ffi::{c_char, c_int, c_void};

fn opt_str<'a>(p: *const c_char) -> Result<Option<&'a str>, Error> {
    if p.is_null() {
        Ok(None)
    } else {
        ffi::cstr(p).map(Some)
    }
}

/// OSSL_ENCODER_CTX_new_for_pkey returns an encoder context for `pkey`
/// (free with `OSSL_ENCODER_CTX_free`). `output_type` is "PEM" (also for
/// NULL) or "DER"; `output_struct` "PrivateKeyInfo",
/// "EncryptedPrivateKeyInfo", "SubjectPublicKeyInfo", "type-specific"
/// ("pkcs1" for RSA, "ec" for EC) or NULL (type-specific for RSA and EC
/// private keys, else PKCS#8 / SubjectPublicKeyInfo). With
/// `OSSL_KEYMGMT_SELECT_PRIVATE_KEY` in `selection` the private key is
/// written, else with `OSSL_KEYMGMT_SELECT_PUBLIC_KEY` the public key,
/// else with `OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS` an EC key's curve
/// ("EC PARAMETERS"; other key types' parameters are not supported). Any other combination gives a
/// context with 0 encoders (as OpenSSL). `propquery` is ignored. NULL only
/// for a NULL `pkey`.
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_new_for_pkey(
    pkey: *const EVP_PKEY,
    selection: c_int,
    output_type: *const c_char,
    output_struct: *const c_char,
    _propquery: *const c_char,
) -> *mut OSSL_ENCODER_CTX {
    ffi_boundary!("OSSL_ENCODER_CTX_new_for_pkey", {
        let key = ffi::clone_arc(pkey)?;
        let c = crate::crypto::encoder::ossl_encoder_ctx_st::new(
            key,
            selection,
            opt_str(output_type)?,
            opt_str(output_struct)?,
        );
        Ok(Box::into_raw(Box::new(c)))
    })
}

/// OSSL_ENCODER_CTX_free frees `ctx` (NULL: no-op).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_free(ctx: *mut OSSL_ENCODER_CTX) {
    ffi_boundary!("OSSL_ENCODER_CTX_free", {
        ffi::free_box(ctx);
        Ok(())
    })
}

/// OSSL_ENCODER_CTX_get_num_encoders returns 1 when `ctx` can encode what
/// it was made for, else 0 (also for NULL).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_get_num_encoders(ctx: *mut OSSL_ENCODER_CTX) -> c_int {
    ffi_boundary!("OSSL_ENCODER_CTX_get_num_encoders", 0, {
        Ok(ffi::borrow(ctx)?.num_encoders())
    })
}

/// OSSL_ENCODER_CTX_set_cipher encrypts the private key with the cipher
/// named `cipher_name` ("AES-256-CBC", "DES-EDE3-CBC", ...; NULL: no
/// encryption): PKCS#8 structures as PBES2 (PBKDF2, 2048 iterations), PEM
/// type-specific ones the legacy way (`Proc-Type: 4,ENCRYPTED`).
/// `propquery` is ignored. Returns 1 or 0 (unknown cipher).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_set_cipher(
    ctx: *mut OSSL_ENCODER_CTX,
    cipher_name: *const c_char,
    _propquery: *const c_char,
) -> c_int {
    ffi_boundary!("OSSL_ENCODER_CTX_set_cipher", 0, {
        let c = ffi::borrow_mut(ctx)?;
        let cipher = match opt_str(cipher_name)? {
            None => None,
            Some(n) => Some(crate::crypto::cipher::legacy_by_name(n).ok_or_else(|| {
                Error::new(
                    crate::abi::reasons::ERR_LIB_EVP,
                    crate::abi::reasons::EVP_R_UNSUPPORTED_CIPHER,
                )
                .data(n)
            })?),
        };
        c.set_cipher(cipher);
        Ok(1)
    })
}

/// OSSL_ENCODER_CTX_set_passphrase sets the passphrase (`kstr`, `klen`
/// bytes) a cipher set with `OSSL_ENCODER_CTX_set_cipher` encrypts with.
/// Returns 1 or 0.
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_set_passphrase(
    ctx: *mut OSSL_ENCODER_CTX,
    kstr: *const u8,
    klen: usize,
) -> c_int {
    ffi_boundary!("OSSL_ENCODER_CTX_set_passphrase", 0, {
        let pass = ffi::slice_usize(kstr, klen)?;
        ffi::borrow_mut(ctx)?.set_passphrase(pass);
        Ok(1)
    })
}

/// OSSL_ENCODER_CTX_set_passphrase_ui accepts a UI method but never
/// prompts: encrypting needs a passphrase from
/// `OSSL_ENCODER_CTX_set_passphrase` (else `OSSL_ENCODER_to_bio` fails).
/// Returns 1 (0 for a NULL `ctx`).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_set_passphrase_ui(
    ctx: *mut OSSL_ENCODER_CTX,
    _ui_method: *const c_void,
    _ui_data: *mut c_void,
) -> c_int {
    ffi_boundary!("OSSL_ENCODER_CTX_set_passphrase_ui", 0, {
        ffi::borrow(ctx)?;
        Ok(1)
    })
}

/// OSSL_ENCODER_CTX_set_params accepts and ignores encoder parameters
/// (such as PVK's "encrypt-level"; no supported output takes any).
/// Returns 1 (0 for a NULL `ctx`).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_CTX_set_params(
    ctx: *mut OSSL_ENCODER_CTX,
    _params: *const c_void,
) -> c_int {
    ffi_boundary!("OSSL_ENCODER_CTX_set_params", 0, {
        ffi::borrow(ctx)?;
        Ok(1)
    })
}

/// OSSL_ENCODER_to_bio writes the key of `ctx` to `out` as the context
/// was set up (unencrypted PEM / DER byte for byte as OpenSSL 3).
/// Returns 1 or 0 (no encoder, no passphrase for a cipher, write error).
#[no_mangle]
pub extern "C" fn OSSL_ENCODER_to_bio(ctx: *mut OSSL_ENCODER_CTX, out: *mut BIO) -> c_int {
    ffi_boundary!("OSSL_ENCODER_to_bio", 0, {
        let bytes = ffi::borrow(ctx)?.encode()?;
        if ffi::borrow(out)?.write_all(&bytes) {
            Ok(1)
        } else {
            Err(Error::new(
                crate::abi::reasons::ERR_LIB_OSSL_ENCODER,
                crate::abi::reasons::ERR_R_BIO_LIB,
            ))
        }
    })
}
