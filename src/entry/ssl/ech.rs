//! Encrypted Client Hello, client side: BoringSSL's calls (`ssl.h`, as curl's
//! BoringSSL/AWS-LC build uses them) and OpenSSL 4.0's (`ech.h`, as curl's
//! OpenSSL build uses them), over rustls' ECH (see `ssl/ech.rs`).

use crate::abi::consts::{
    SSL_ECH_STATUS_BAD_CALL, SSL_ECH_STATUS_FAILED, SSL_ECH_STATUS_FAILED_ECH,
    SSL_ECH_STATUS_GREASE, SSL_ECH_STATUS_NOT_CONFIGURED, SSL_ECH_STATUS_NOT_TRIED,
    SSL_ECH_STATUS_SUCCESS, SSL_OP_ECH_GREASE,
};
use crate::ffi;
use crate::ssl::connection::SSL;
use crate::ssl::context::SSL_CTX;
use std::ffi::{c_char, c_int};

/// The ECH status of `ssl` as OpenSSL 4.0's `SSL_ech_get1_status` numbers it.
fn status(ssl: &SSL) -> c_int {
    let done = ssl.handshake_done();
    let st = ssl.st.lock();
    let grease = st.options & SSL_OP_ECH_GREASE != 0;
    match (&st.overrides.ech, done) {
        (Some(_), _) if st.ech.rejected => {
            if st.ech.retry_configs.is_empty() {
                SSL_ECH_STATUS_FAILED
            } else {
                SSL_ECH_STATUS_FAILED_ECH
            }
        }
        // rustls never completes a handshake whose offer was rejected
        (Some(_), true) => SSL_ECH_STATUS_SUCCESS,
        (Some(_), false) => SSL_ECH_STATUS_NOT_TRIED,
        (None, true) if grease => SSL_ECH_STATUS_GREASE,
        (None, false) if grease => SSL_ECH_STATUS_NOT_TRIED,
        (None, _) => SSL_ECH_STATUS_NOT_CONFIGURED,
    }
}

/// SSL_set1_ech_config_list makes the client offer ECH with `ech_config_list`
/// (a serialized ECHConfigList): the true ClientHello (SNI, ALPN...) is
/// encrypted to the chosen config's key, the outer one names its public name.
/// Returns 1, or 0 with an ERR entry if the list is malformed. A well-formed
/// list without a config rustls supports is accepted and ECH left off, as
/// BoringSSL does. An empty list (length 0) removes the list. ECH offers TLS
/// 1.3 only. HPKE suites: those of aws-lc-rs (X25519 and P-256/384/521 KEMs,
/// AES-128/256-GCM, ChaCha20-Poly1305).
#[no_mangle]
pub extern "C" fn SSL_set1_ech_config_list(
    ssl: *mut SSL,
    ech_config_list: *const u8,
    ech_config_list_len: usize,
) -> c_int {
    ffi_boundary!("SSL_set1_ech_config_list", 0, {
        let s = ffi::borrow(ssl)?;
        let list = if ech_config_list_len == 0 {
            None
        } else {
            let bytes = ffi::slice_usize(ech_config_list, ech_config_list_len)?;
            crate::ssl::ech::parse_list(bytes)?
        };
        s.st.lock().overrides.ech = list;
        Ok(1)
    })
}

/// ferrossl_SSL_CTX_set1_ech_config_list: `SSL_set1_ech_config_list` for
/// every `SSL` made from `ctx` afterwards (ferrossl's own call, for
/// libraries that make the `SSL` and run the handshake in one call, such as
/// cl+ssl's `make-ssl-client-stream`). Same checks and results; an empty
/// list removes it.
#[no_mangle]
pub extern "C" fn ferrossl_SSL_CTX_set1_ech_config_list(
    ctx: *mut SSL_CTX,
    ech_config_list: *const u8,
    ech_config_list_len: usize,
) -> c_int {
    ffi_boundary!("ferrossl_SSL_CTX_set1_ech_config_list", 0, {
        let c = ffi::borrow(ctx)?;
        let list = if ech_config_list_len == 0 {
            None
        } else {
            let bytes = ffi::slice_usize(ech_config_list, ech_config_list_len)?;
            crate::ssl::ech::parse_list(bytes)?
        };
        c.update(|s| s.ech = list);
        Ok(1)
    })
}

/// SSL_ech_accepted returns 1 if the handshake completed with the server
/// accepting the ECH offer, else 0 (BoringSSL).
#[no_mangle]
pub extern "C" fn SSL_ech_accepted(ssl: *const SSL) -> c_int {
    ffi_boundary!("SSL_ech_accepted", 0, {
        Ok(c_int::from(
            status(ffi::borrow(ssl)?) == SSL_ECH_STATUS_SUCCESS,
        ))
    })
}

/// SSL_set_enable_ech_grease turns GREASE ECH on or off for a client without
/// an ECHConfigList (BoringSSL; the same switch as `SSL_OP_ECH_GREASE`).
/// With GREASE rustls offers TLS 1.3 only.
#[no_mangle]
pub extern "C" fn SSL_set_enable_ech_grease(ssl: *mut SSL, enable: c_int) {
    ffi_boundary!("SSL_set_enable_ech_grease", (), {
        let s = ffi::borrow(ssl)?;
        let mut st = s.st.lock();
        if enable != 0 {
            st.options |= SSL_OP_ECH_GREASE;
        } else {
            st.options &= !SSL_OP_ECH_GREASE;
        }
        st.overrides.options = Some(st.options);
        Ok(())
    })
}

/// SSL_get0_ech_retry_configs points `*out_retry_configs` at the
/// ECHConfigList the server sent when it rejected the ECH offer (the
/// handshake failed with "ech required"), `*out_retry_configs_len` at its
/// length (0: none). The buffer lives as long as `ssl` (BoringSSL).
#[no_mangle]
pub extern "C" fn SSL_get0_ech_retry_configs(
    ssl: *const SSL,
    out_retry_configs: *mut *const u8,
    out_retry_configs_len: *mut usize,
) {
    ffi_boundary!("SSL_get0_ech_retry_configs", (), {
        let s = ffi::borrow(ssl)?;
        let st = s.st.lock();
        let r = &st.ech.retry_configs;
        ffi::write_out(out_retry_configs, r.as_ptr());
        ffi::write_out(out_retry_configs_len, r.len());
        Ok(())
    })
}

/// SSL_get0_ech_name_override: after the server rejected the ECH offer, the
/// public name the certificate was checked against (not NUL-terminated);
/// otherwise NULL and 0 (BoringSSL). ferrossl's verifier checks the name
/// itself, the same way as BoringSSL's built-in one.
#[no_mangle]
pub extern "C" fn SSL_get0_ech_name_override(
    ssl: *const SSL,
    out_name: *mut *const c_char,
    out_name_len: *mut usize,
) {
    ffi_boundary!("SSL_get0_ech_name_override", (), {
        let s = ffi::borrow(ssl)?;
        let st = s.st.lock();
        let (p, n) = match &st.ech.name_override {
            Some(name) => (name.as_ptr() as *const c_char, name.len()),
            None => (std::ptr::null(), 0),
        };
        ffi::write_out(out_name, p);
        ffi::write_out(out_name_len, n);
        Ok(())
    })
}

/// SSL_ech_get1_status (OpenSSL 4.0): SSL_ECH_STATUS_SUCCESS (1) after a
/// handshake the server accepted the offer in, SSL_ECH_STATUS_FAILED_ECH
/// (-105) when it rejected it with retry configs, SSL_ECH_STATUS_FAILED (0)
/// without, SSL_ECH_STATUS_GREASE (2) after a GREASE handshake,
/// SSL_ECH_STATUS_NOT_TRIED (-101) before the handshake,
/// SSL_ECH_STATUS_NOT_CONFIGURED (-103) without ECH, SSL_ECH_STATUS_BAD_CALL
/// (-100) for NULL out-pointers. `*inner_sni` / `*outer_sni` get
/// OPENSSL_malloc'd copies of the name asked for and the config's public
/// name (NULL when there is none); free them with OPENSSL_free. rustls does
/// not surface retry configs sent to a GREASE offer: never GREASE_ECH (3).
#[no_mangle]
pub extern "C" fn SSL_ech_get1_status(
    ssl: *mut SSL,
    inner_sni: *mut *mut c_char,
    outer_sni: *mut *mut c_char,
) -> c_int {
    ffi_boundary!("SSL_ech_get1_status", SSL_ECH_STATUS_FAILED, {
        let s = ffi::borrow(ssl)?;
        if inner_sni.is_null() || outer_sni.is_null() {
            return Ok(SSL_ECH_STATUS_BAD_CALL);
        }
        let rv = status(s);
        let st = s.st.lock();
        let dup = |v: Option<&str>| match v {
            Some(v) if !v.is_empty() => ffi::malloc_copy(v.as_bytes(), true) as *mut c_char,
            _ => std::ptr::null_mut(),
        };
        ffi::write_out(inner_sni, dup(st.sni.as_deref()));
        let outer = st.overrides.ech.as_ref().map(|l| l.public_name.as_str());
        ffi::write_out(outer_sni, dup(outer));
        Ok(rv)
    })
}

/// SSL_ech_get1_retry_config (OpenSSL 4.0): `*ec` gets an OPENSSL_malloc'd
/// copy of the ECHConfigList the server sent with its rejection and
/// `*eclen` its length (NULL and 0 when there is none); returns 1, or 0 for
/// NULL arguments. Free `*ec` with OPENSSL_free.
#[no_mangle]
pub extern "C" fn SSL_ech_get1_retry_config(
    ssl: *mut SSL,
    ec: *mut *mut u8,
    eclen: *mut usize,
) -> c_int {
    ffi_boundary!("SSL_ech_get1_retry_config", 0, {
        let s = ffi::borrow(ssl)?;
        if ec.is_null() || eclen.is_null() {
            return Err(crate::crypto::err::Error::invalid_argument(
                "NULL out-pointer",
            ));
        }
        let st = s.st.lock();
        let r = &st.ech.retry_configs;
        let p = if r.is_empty() {
            std::ptr::null_mut()
        } else {
            ffi::malloc_copy(r, false)
        };
        ffi::write_out(ec, p);
        ffi::write_out(eclen, r.len());
        Ok(1)
    })
}
