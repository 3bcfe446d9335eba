//! `ssl.h`: `SSL_CONF_*`: configuring an `SSL_CTX` or `SSL` by command name,
//! as OpenSSL's `ssl/ssl_conf.c` does (nginx's `ssl_conf_command`, stunnel's
//! `config`, lighttpd's `ssl.openssl.ssl-conf-cmd`). Each command runs through
//! the entry point a program would call for it (`CipherString` is
//! `SSL_CTX_set_cipher_list`), so it succeeds and fails exactly as that call does.

use super::{ssl::*, ssl_ctx::*};
use crate::abi::consts::*;
use crate::abi::reasons::{SSL_R_BAD_VALUE, SSL_R_INVALID_NULL_CMD_NAME, SSL_R_UNKNOWN_CMD_NAME};
use crate::crypto::err::Error;
use crate::crypto::stack::stack_st;
use crate::entry::crypto::x509_vfy::*;
use crate::ffi;
use crate::ssl::conf::{self, Action, Field, Flag, Op, Target, SSL_CONF_CTX};
use crate::ssl::connection::SSL;
use crate::ssl::context::SSL_CTX;
use crate::ssl::params::X509_VERIFY_PARAM;
use std::ffi::{c_char, c_int, c_long, c_uint, c_void, CString};
use std::sync::Arc;

/// SSL_CONF_CTX_new returns a configuration context with no flags, no prefix
/// and nothing to configure (commands are then only syntax-checked).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_new() -> *mut SSL_CONF_CTX {
    ffi_boundary!("SSL_CONF_CTX_new", {
        Ok(Box::into_raw(Box::<SSL_CONF_CTX>::default()))
    })
}

/// SSL_CONF_CTX_free frees `cctx` and any CA names it collected that
/// `SSL_CONF_CTX_finish` did not install (NULL: no-op).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_free(cctx: *mut SSL_CONF_CTX) {
    ffi_boundary!("SSL_CONF_CTX_free", {
        ffi::with_mut(cctx, |c| drop_names(c.ca_names.take()));
        ffi::free_box(cctx);
        Ok(())
    })
}

fn drop_names(names: Option<Arc<stack_st>>) {
    if let Some(stack) = names {
        for p in stack.to_vec() {
            ffi::release(p as *const crate::crypto::x509::X509_NAME);
        }
    }
}

/// SSL_CONF_CTX_set_flags adds `flags` (`SSL_CONF_FLAG_*`) and returns the
/// new flags (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    ffi_boundary!("SSL_CONF_CTX_set_flags", {
        ffi::borrow(cctx)?;
        let mut out = 0;
        ffi::with_mut(cctx, |c| {
            c.flags |= flags;
            out = c.flags
        });
        Ok(out)
    })
}

/// SSL_CONF_CTX_clear_flags removes `flags` and returns the new flags.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_clear_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    ffi_boundary!("SSL_CONF_CTX_clear_flags", {
        ffi::borrow(cctx)?;
        let mut out = 0;
        ffi::with_mut(cctx, |c| {
            c.flags &= !flags;
            out = c.flags
        });
        Ok(out)
    })
}

/// SSL_CONF_CTX_set1_prefix sets (NULL: clears) the prefix every command
/// name must start with (`-` is implied on command lines when none is set).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set1_prefix(cctx: *mut SSL_CONF_CTX, pre: *const c_char) -> c_int {
    ffi_boundary!("SSL_CONF_CTX_set1_prefix", {
        ffi::borrow(cctx)?;
        let prefix = if pre.is_null() {
            None
        } else {
            Some(ffi::cstr_bytes(pre)?.to_vec())
        };
        ffi::with_mut(cctx, |c| c.prefix = prefix);
        Ok(1)
    })
}

/// SSL_CONF_CTX_set_ssl_ctx makes later commands configure `ctx` (NULL:
/// nothing). `cctx` keeps a reference to `ctx` until it is freed or retargeted.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl_ctx(cctx: *mut SSL_CONF_CTX, ctx: *mut SSL_CTX) {
    ffi_boundary!("SSL_CONF_CTX_set_ssl_ctx", {
        ffi::borrow(cctx)?;
        let target = if ctx.is_null() {
            Target::None
        } else {
            Target::Ctx(ffi::clone_arc(ctx)?)
        };
        retarget(cctx, target);
        Ok(())
    })
}

/// SSL_CONF_CTX_set_ssl makes later commands configure `ssl` (NULL: nothing).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl(cctx: *mut SSL_CONF_CTX, ssl: *mut SSL) {
    ffi_boundary!("SSL_CONF_CTX_set_ssl", {
        ffi::borrow(cctx)?;
        let target = if ssl.is_null() {
            Target::None
        } else {
            Target::Ssl(ffi::clone_arc(ssl)?)
        };
        retarget(cctx, target);
        Ok(())
    })
}

fn retarget(cctx: *mut SSL_CONF_CTX, target: Target) {
    ffi::with_mut(cctx, |c| {
        c.target = target;
        c.keyless_certs.clear();
        c.host_flags = 0;
    });
}

/// SSL_CONF_cmd runs command `cmd` with `value`: 2 if the value was used, 1
/// for a switch (no value), -2 for a command this context does not know (or
/// its flags do not allow), -3 when a value is missing, 0 on error. With
/// `SSL_CONF_FLAG_SHOW_ERRORS` unknown commands and bad values push
/// `SSL_R_UNKNOWN_CMD_NAME` / `SSL_R_BAD_VALUE`. Not supported (0 and an
/// error): the `*CAStore` commands (OSSL_STORE URIs) and `ChainCAFile`/
/// `ChainCAPath` (ferrossl sends the chain it is given and builds none).
/// `VerifyCAFile`/`VerifyCAPath` load into the context's trust store
/// (OpenSSL keeps a separate verify store that takes precedence).
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd(
    cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
    value: *const c_char,
) -> c_int {
    ffi_boundary!("SSL_CONF_cmd", {
        let c = ffi::borrow(cctx)?;
        if cmd.is_null() {
            return Err(Error::ssl(SSL_R_INVALID_NULL_CMD_NAME));
        }
        let full = ffi::cstr_bytes(cmd)?;
        let show = c.flags & SSL_CONF_FLAG_SHOW_ERRORS != 0;
        let Some(entry) = c.strip_prefix(full).and_then(|name| c.lookup(name)) else {
            if show {
                let cmd = String::from_utf8_lossy(full);
                Error::ssl(SSL_R_UNKNOWN_CMD_NAME)
                    .data(&format!("cmd={cmd}"))
                    .push("SSL_CONF_cmd");
            }
            return Ok(-2);
        };
        let op = match entry.action {
            Action::Switch(f) => {
                apply_flag(cctx, &f, true);
                return Ok(1);
            }
            Action::Value(op) => op,
        };
        let rv = if value.is_null() {
            -3
        } else {
            run(cctx, op, ffi::cstr_bytes(value)?, value)?
        };
        if rv > 0 {
            return Ok(2);
        }
        let rv = if rv == -2 || rv == -3 { rv } else { 0 };
        if show {
            let v = if value.is_null() {
                "<EMPTY>".to_string()
            } else {
                String::from_utf8_lossy(ffi::cstr_bytes(value)?).into_owned()
            };
            let cmd = String::from_utf8_lossy(full);
            Error::ssl(SSL_R_BAD_VALUE)
                .data(&format!("cmd={cmd}, value={v}"))
                .push("SSL_CONF_cmd");
        }
        Ok(rv)
    })
}

/// The target's raw pointers for calling the entry points (the `Arc`s in
/// `cctx` keep them alive for the call).
fn targets(cctx: *mut SSL_CONF_CTX) -> Result<(*mut SSL_CTX, *mut SSL), Error> {
    Ok(match &ffi::borrow(cctx)?.target {
        Target::None => (std::ptr::null_mut(), std::ptr::null_mut()),
        Target::Ctx(c) => (Arc::as_ptr(c) as *mut SSL_CTX, std::ptr::null_mut()),
        Target::Ssl(s) => (std::ptr::null_mut(), Arc::as_ptr(s) as *mut SSL),
    })
}

/// The context whose trust store the CA commands load into: the target, or
/// the target SSL's.
fn store_ctx(ctx: *mut SSL_CTX, ssl: *mut SSL) -> *mut SSL_CTX {
    if ssl.is_null() {
        ctx
    } else {
        SSL_get_SSL_CTX(ssl)
    }
}

fn param(ctx: *mut SSL_CTX, ssl: *mut SSL) -> *mut X509_VERIFY_PARAM {
    if !ssl.is_null() {
        SSL_get0_param(ssl)
    } else if !ctx.is_null() {
        SSL_CTX_get0_param(ctx)
    } else {
        std::ptr::null_mut()
    }
}

/// One value command (OpenSSL's `cmd_*`): > 0 success, 0 failure, -2 not
/// allowed here.
fn run(cctx: *mut SSL_CONF_CTX, op: Op, v: &[u8], vp: *const c_char) -> Result<c_int, Error> {
    let (ctx, ssl) = targets(cctx)?;
    let none = ctx.is_null() && ssl.is_null();
    let flags = ffi::borrow(cctx)?.flags;
    let ok = |r: c_long| c_int::from(r > 0);
    let by = |on_ctx: &dyn Fn() -> c_int, on_ssl: &dyn Fn() -> c_int| -> c_int {
        if !ssl.is_null() {
            on_ssl()
        } else if !ctx.is_null() {
            on_ctx()
        } else {
            1 // no target: syntax check only
        }
    };
    let ctrl = |cmd: c_int| {
        by(
            &|| ok(SSL_CTX_ctrl(ctx, cmd, 0, vp as *mut c_void)),
            &|| ok(SSL_ctrl(ssl, cmd, 0, vp as *mut c_void)),
        )
    };
    let unsupported = |what: &str| -> Result<c_int, Error> {
        if none {
            Ok(1)
        } else {
            Err(Error::unsupported(&format!("SSL_CONF_cmd {what}")))
        }
    };
    let list = |table: &[Flag]| -> Result<c_int, Error> {
        let c = ffi::borrow(cctx)?;
        let mut applied = Vec::new();
        let good = c.parse_flag_list(v, table, |f, on| applied.push((*f, on)));
        for (f, on) in applied {
            apply_flag(cctx, &f, on);
        }
        Ok(good as c_int)
    };
    Ok(match op {
        Op::SignatureAlgorithms => ctrl(SSL_CTRL_SET_SIGALGS_LIST),
        Op::ClientSignatureAlgorithms => ctrl(SSL_CTRL_SET_CLIENT_SIGALGS_LIST),
        Op::Groups => ctrl(SSL_CTRL_SET_GROUPS_LIST),
        Op::EcdhParameters => {
            let auto = (flags & SSL_CONF_FLAG_FILE != 0
                && (v.eq_ignore_ascii_case(b"+automatic") || v.eq_ignore_ascii_case(b"automatic")))
                || (flags & SSL_CONF_FLAG_CMDLINE != 0 && v == b"auto");
            if auto {
                1
            } else if v.contains(&b':') {
                0
            } else {
                ctrl(SSL_CTRL_SET_GROUPS_LIST)
            }
        }
        Op::CipherString => by(&|| SSL_CTX_set_cipher_list(ctx, vp), &|| {
            SSL_set_cipher_list(ssl, vp)
        }),
        Op::Ciphersuites => by(&|| SSL_CTX_set_ciphersuites(ctx, vp), &|| {
            SSL_set_ciphersuites(ssl, vp)
        }),
        Op::Protocol => list(conf::PROTOCOLS)?,
        Op::MinProtocol | Op::MaxProtocol => {
            let Some(version) = conf::protocol_from_string(v) else {
                return Ok(0);
            };
            let cmd = if op == Op::MinProtocol {
                SSL_CTRL_SET_MIN_PROTO_VERSION
            } else {
                SSL_CTRL_SET_MAX_PROTO_VERSION
            };
            if none {
                0 // OpenSSL: no context, no method version to bound
            } else {
                by(
                    &|| {
                        ok(SSL_CTX_ctrl(
                            ctx,
                            cmd,
                            version as c_long,
                            std::ptr::null_mut(),
                        ))
                    },
                    &|| ok(SSL_ctrl(ssl, cmd, version as c_long, std::ptr::null_mut())),
                )
            }
        }
        Op::Options => list(conf::OPTIONS)?,
        Op::VerifyMode => list(conf::VERIFY_MODES)?,
        Op::CertValidation => list(conf::CERT_VALIDATION)?,
        Op::SetValidFlags => list(conf::HOST_FLAGS)?,
        Op::SetValidHost => {
            let p = param(ctx, ssl);
            if p.is_null() {
                0
            } else {
                X509_VERIFY_PARAM_set1_host(p, vp, 0)
            }
        }
        Op::AddValidHost => {
            let p = param(ctx, ssl);
            if p.is_null() {
                0
            } else {
                crate::entry::X509_VERIFY_PARAM_add1_host(p as *mut _, vp as *const _, 0)
            }
        }
        Op::SetValidIp => {
            let p = param(ctx, ssl);
            if p.is_null() {
                0
            } else {
                crate::entry::X509_VERIFY_PARAM_set1_ip_asc(p as *mut _, vp as *const _)
            }
        }
        Op::AddCaFile | Op::VerifyCaFile | Op::AddCaPath | Op::VerifyCaPath => {
            if none {
                1
            } else {
                let store = SSL_CTX_get_cert_store(store_ctx(ctx, ssl));
                if matches!(op, Op::AddCaFile | Op::VerifyCaFile) {
                    X509_STORE_load_file(store, vp)
                } else {
                    X509_STORE_load_path(store, vp)
                }
            }
        }
        Op::Certificate => {
            let rv = by(&|| SSL_CTX_use_certificate_chain_file(ctx, vp), &|| {
                SSL_use_certificate_chain_file(ssl, vp)
            });
            if rv > 0 && !none && flags & SSL_CONF_FLAG_REQUIRE_PRIVATE != 0 {
                ffi::with_mut(cctx, |c| {
                    c.keyless_certs.push(CString::new(v).unwrap_or_default())
                });
            }
            rv
        }
        Op::PrivateKey => {
            if flags & SSL_CONF_FLAG_CERTIFICATE == 0 {
                return Ok(-2);
            }
            let rv = private_key(ctx, ssl, vp);
            if rv > 0 {
                ffi::with_mut(cctx, |c| {
                    c.keyless_certs.pop();
                });
            }
            rv
        }
        Op::ServerInfoFile => {
            if ctx.is_null() {
                1
            } else {
                crate::entry::SSL_CTX_use_serverinfo_file(ctx as *mut _, vp as *const _)
            }
        }
        Op::ChainCaFile | Op::ChainCaPath | Op::ChainCaStore => {
            unsupported("ChainCA* (chain building)")?
        }
        Op::VerifyCaStore | Op::RequestCaStore => unsupported("*CAStore (OSSL_STORE URIs)")?,
        Op::RequestCaFile | Op::RequestCaPath => {
            let stack = {
                let mut out = None;
                ffi::with_mut(cctx, |c| {
                    out = Some(
                        c.ca_names
                            .get_or_insert_with(|| Arc::new(stack_st::new(Vec::new())))
                            .clone(),
                    )
                });
                out.ok_or_else(Error::null_pointer)?
            };
            let sp = Arc::as_ptr(&stack) as *mut stack_st;
            if op == Op::RequestCaFile {
                SSL_add_file_cert_subjects_to_stack(sp, vp)
            } else {
                SSL_add_dir_cert_subjects_to_stack(sp, vp)
            }
        }
        Op::DhParameters => {
            if none {
                1
            } else {
                // ferrossl negotiates no finite-field DHE, so DH parameters are
                // unused, as SSL_CTX_set_tmp_dh's are; the file must hold them.
                let data = crate::crypto::pkey::read_file(ffi::cstr(vp)?)?;
                let label = |l: &[u8]| data.windows(l.len()).any(|w| w == l);
                c_int::from(
                    label(b"-----BEGIN DH PARAMETERS-----")
                        || label(b"-----BEGIN X9.42 DH PARAMETERS-----"),
                )
            }
        }
        Op::RecordPadding => {
            let mut parts = v.splitn(2, |&b| b == b',');
            let block = atoi(parts.next().unwrap_or_default());
            match parts.next().map(atoi) {
                Some(hs) if hs != block => {
                    return Err(Error::unsupported(
                        "SSL_CONF_cmd RecordPadding with a separate handshake size",
                    ))
                }
                _ => {}
            }
            if block < 0 || none {
                0
            } else {
                by(
                    &|| crate::entry::SSL_CTX_set_block_padding(ctx as *mut _, block as usize),
                    &|| crate::entry::SSL_set_block_padding(ssl as *mut _, block as usize),
                )
            }
        }
        Op::NumTickets => {
            let n = atoi(v);
            if n < 0 || none {
                0
            } else {
                by(&|| SSL_CTX_set_num_tickets(ctx, n as usize), &|| {
                    crate::entry::SSL_set_num_tickets(ssl as *mut _, n as usize)
                })
            }
        }
    })
}

fn private_key(ctx: *mut SSL_CTX, ssl: *mut SSL, file: *const c_char) -> c_int {
    if !ssl.is_null() {
        SSL_use_PrivateKey_file(ssl, file, SSL_FILETYPE_PEM)
    } else if !ctx.is_null() {
        SSL_CTX_use_PrivateKey_file(ctx, file, SSL_FILETYPE_PEM)
    } else {
        1
    }
}

/// C's `atoi`: leading spaces, a sign, digits; anything else ends it (0 if
/// there are no digits).
fn atoi(v: &[u8]) -> i64 {
    let v = v.trim_ascii_start();
    let (neg, digits) = match v {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, v),
    };
    let n = digits
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0i64, |n, &d| {
            n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    if neg {
        -n
    } else {
        n
    }
}

/// Sets or clears one named flag on the target (OpenSSL's `ssl_set_option`);
/// with no target it only checked the name.
fn apply_flag(cctx: *mut SSL_CONF_CTX, f: &Flag, on: bool) {
    let Ok((ctx, ssl)) = targets(cctx) else {
        return;
    };
    if ctx.is_null() && ssl.is_null() {
        return;
    }
    match f.field {
        Field::Options => match (ssl.is_null(), on) {
            (false, true) => drop(SSL_set_options(ssl, f.value)),
            (false, false) => drop(SSL_clear_options(ssl, f.value)),
            (true, true) => drop(SSL_CTX_set_options(ctx, f.value)),
            (true, false) => drop(SSL_CTX_clear_options(ctx, f.value)),
        },
        // ferrossl's certificate checks are always strict (webpki).
        Field::CertFlags => {}
        Field::VerifyMode => {
            let bits = f.value as c_int;
            if ssl.is_null() {
                let mode = SSL_CTX_get_verify_mode(ctx);
                let mode = if on { mode | bits } else { mode & !bits };
                SSL_CTX_set_verify(ctx, mode, SSL_CTX_get_verify_callback(ctx));
            } else {
                let mode = SSL_get_verify_mode(ssl);
                let mode = if on { mode | bits } else { mode & !bits };
                SSL_set_verify(ssl, mode, SSL_get_verify_callback(ssl));
            }
        }
        Field::CertValidation => {
            let p = param(ctx, ssl);
            if on {
                X509_VERIFY_PARAM_set_flags(p, f.value as std::ffi::c_ulong);
            } else {
                X509_VERIFY_PARAM_clear_flags(p, f.value as std::ffi::c_ulong);
            }
        }
        Field::HostFlags => {
            let mut flags = 0;
            ffi::with_mut(cctx, |c| {
                if on {
                    c.host_flags |= f.value as c_uint
                } else {
                    c.host_flags &= !(f.value as c_uint)
                }
                flags = c.host_flags;
            });
            X509_VERIFY_PARAM_set_hostflags(param(ctx, ssl), flags);
        }
    }
}

/// SSL_CONF_cmd_argv runs the command at `(*pargv)[0]` (with its value
/// `(*pargv)[1]`, if any) as a command-line switch (`SSL_CONF_FLAG_CMDLINE`
/// is set, `_FILE` cleared) and advances `*pargv` / decrements `*pargc` past
/// what it used: the number of arguments used, 0 if it is not a command,
/// -1 on an error, -3 when its value is missing. `pargc` may be NULL (argv is
/// then NULL-terminated).
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_argv(
    cctx: *mut SSL_CONF_CTX,
    pargc: *mut c_int,
    pargv: *mut *mut *mut c_char,
) -> c_int {
    ffi_boundary!("SSL_CONF_cmd_argv", -1, {
        ffi::borrow(cctx)?;
        let argc = if pargc.is_null() {
            None
        } else {
            ffi::read_in(pargc as *const c_int)
        };
        if argc == Some(0) {
            return Ok(0);
        }
        let argv =
            ffi::read_in(pargv as *const *mut *mut c_char).ok_or_else(Error::null_pointer)?;
        if argv.is_null() {
            return Err(Error::null_pointer());
        }
        let arg = ffi::read_in(argv as *const *mut c_char).unwrap_or(std::ptr::null_mut());
        if arg.is_null() {
            return Ok(0);
        }
        let argn = if argc.is_none_or(|n| n > 1) {
            ffi::read_in(argv.wrapping_add(1) as *const *mut c_char).unwrap_or(std::ptr::null_mut())
        } else {
            std::ptr::null_mut()
        };
        ffi::with_mut(cctx, |c| {
            c.flags &= !SSL_CONF_FLAG_FILE;
            c.flags |= SSL_CONF_FLAG_CMDLINE;
        });
        let rv = SSL_CONF_cmd(cctx, arg, argn);
        if rv > 0 {
            ffi::write_out(pargv, argv.wrapping_add(rv as usize));
            if let Some(n) = argc {
                ffi::write_out(pargc, n - rv);
            }
            return Ok(rv);
        }
        Ok(match rv {
            -2 => 0,
            0 => -1,
            rv => rv,
        })
    })
}

/// SSL_CONF_cmd_value_type returns the `SSL_CONF_TYPE_*` of `cmd`'s value
/// for this context (`SSL_CONF_TYPE_UNKNOWN` if it is no command here).
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_value_type(cctx: *mut SSL_CONF_CTX, cmd: *const c_char) -> c_int {
    ffi_boundary!("SSL_CONF_cmd_value_type", SSL_CONF_TYPE_UNKNOWN, {
        let c = ffi::borrow(cctx)?;
        if cmd.is_null() {
            return Ok(SSL_CONF_TYPE_UNKNOWN);
        }
        let name = ffi::cstr_bytes(cmd)?;
        Ok(c.strip_prefix(name)
            .and_then(|n| c.lookup(n))
            .map_or(SSL_CONF_TYPE_UNKNOWN, |t| t.value_type))
    })
}

/// SSL_CONF_CTX_finish completes the configuration: under
/// `SSL_CONF_FLAG_REQUIRE_PRIVATE`, a certificate given without a key gets
/// its key from the certificate's own file; the CA names of
/// `RequestCAFile`/`ClientCAFile` become the target's client CA list. 1, or
/// 0 on error.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_finish(cctx: *mut SSL_CONF_CTX) -> c_int {
    ffi_boundary!("SSL_CONF_CTX_finish", {
        let c = ffi::borrow(cctx)?;
        let (ctx, ssl) = targets(cctx)?;
        if c.flags & SSL_CONF_FLAG_REQUIRE_PRIVATE != 0 {
            for file in c.keyless_certs.clone() {
                if private_key(ctx, ssl, file.as_ptr()) <= 0 {
                    return Ok(0);
                }
            }
            ffi::with_mut(cctx, |c| c.keyless_certs.clear());
        }
        let mut names = None;
        ffi::with_mut(cctx, |c| names = c.ca_names.take());
        if let Some(stack) = names {
            if !ssl.is_null() {
                crate::entry::SSL_set_client_CA_list(ssl as *mut _, ffi::into_raw(stack) as *mut _);
            } else if !ctx.is_null() {
                SSL_CTX_set_client_CA_list(ctx, ffi::into_raw(stack));
            } else {
                drop_names(Some(stack));
            }
        }
        Ok(1)
    })
}
