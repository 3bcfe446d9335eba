//! `rand.h`: random bytes from aws-lc's generator (seeded by the OS; it
//! takes no outside seed, so `RAND_seed` and `RAND_add` have nothing to do).

use crate::abi::reasons::ERR_LIB_RAND;
use crate::crypto::err::Error;
use crate::ffi;
use std::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::os::unix::ffi::OsStrExt;

fn fill(buf: *mut u8, num: usize) -> Result<c_int, Error> {
    let out = ffi::slice_mut_usize(buf, num)?;
    aws_lc_rs::rand::fill(out).map_err(|_| Error::new(ERR_LIB_RAND, 0x80000 | 256))?;
    Ok(1)
}

/// RAND_bytes fills `buf` with `num` bytes from aws-lc's CSPRNG. 1 on
/// success (also for 0 bytes), 0 for a negative `num` or on error.
#[no_mangle]
pub extern "C" fn RAND_bytes(buf: *mut u8, num: c_int) -> c_int {
    ffi_boundary!("RAND_bytes", {
        match usize::try_from(num) {
            Ok(n) => fill(buf, n),
            Err(_) => Ok(0),
        }
    })
}

/// RAND_priv_bytes is RAND_bytes.
#[no_mangle]
pub extern "C" fn RAND_priv_bytes(buf: *mut u8, num: c_int) -> c_int {
    RAND_bytes(buf, num)
}

/// RAND_pseudo_bytes is RAND_bytes.
#[no_mangle]
pub extern "C" fn RAND_pseudo_bytes(buf: *mut u8, num: c_int) -> c_int {
    RAND_bytes(buf, num)
}

/// RAND_bytes_ex is RAND_bytes with a size_t count (the library context and
/// strength are ignored: aws-lc's generator serves 256-bit strength).
#[no_mangle]
pub extern "C" fn RAND_bytes_ex(
    _ctx: *mut c_void,
    buf: *mut u8,
    num: usize,
    _strength: c_uint,
) -> c_int {
    ffi_boundary!("RAND_bytes_ex", { fill(buf, num) })
}

/// RAND_priv_bytes_ex is RAND_bytes_ex.
#[no_mangle]
pub extern "C" fn RAND_priv_bytes_ex(
    ctx: *mut c_void,
    buf: *mut u8,
    num: usize,
    strength: c_uint,
) -> c_int {
    RAND_bytes_ex(ctx, buf, num, strength)
}

/// RAND_seed does nothing: the generator seeds itself.
#[no_mangle]
pub extern "C" fn RAND_seed(_buf: *const c_void, _num: c_int) {}

/// RAND_add does nothing: the generator seeds itself.
#[no_mangle]
pub extern "C" fn RAND_add(_buf: *const c_void, _num: c_int, _entropy: f64) {}

/// RAND_status returns 1 (always seeded).
#[no_mangle]
pub extern "C" fn RAND_status() -> c_int {
    1
}

/// RAND_poll returns 1.
#[no_mangle]
pub extern "C" fn RAND_poll() -> c_int {
    1
}

/// RAND_keep_random_devices_open does nothing (aws-lc manages its source).
#[no_mangle]
pub extern "C" fn RAND_keep_random_devices_open(_keep: c_int) {}

/// RAND_file_name writes `$RANDFILE`, else `$HOME/.rnd`, into `file` (`num`
/// bytes) and returns `file`; NULL if neither is set or it does not fit.
#[no_mangle]
pub extern "C" fn RAND_file_name(file: *mut c_char, num: usize) -> *const c_char {
    ffi_boundary!("RAND_file_name", {
        let name = match (std::env::var_os("RANDFILE"), std::env::var_os("HOME")) {
            (Some(r), _) if !r.is_empty() => r.into_encoded_bytes(),
            (_, Some(h)) if !h.is_empty() => {
                let mut p = h.into_encoded_bytes();
                p.extend_from_slice(b"/.rnd");
                p
            }
            _ => return Ok(std::ptr::null()),
        };
        if file.is_null() || name.len() + 1 > num {
            return Ok(std::ptr::null());
        }
        ffi::copy_cstr_out(file, num, &name);
        Ok(file as *const c_char)
    })
}

/// RAND_load_file reads up to `max_bytes` (-1: all) of `file` as seed
/// material, which aws-lc's self-seeding generator does not need: it returns
/// the bytes read, or -1 if the file cannot be read.
#[no_mangle]
pub extern "C" fn RAND_load_file(file: *const c_char, max_bytes: c_long) -> c_int {
    ffi_boundary!("RAND_load_file", -1, {
        let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(ffi::cstr_bytes(file)?));
        let data = std::fs::read(&path).map_err(|e| Error::from_io(&e))?;
        let n = match usize::try_from(max_bytes) {
            Ok(m) => data.len().min(m),
            Err(_) => data.len(),
        };
        Ok(c_int::try_from(n).unwrap_or(c_int::MAX))
    })
}

/// RAND_write_file writes 1024 random bytes to `file` (mode 0600) and
/// returns that count, or -1.
#[no_mangle]
pub extern "C" fn RAND_write_file(file: *const c_char) -> c_int {
    ffi_boundary!("RAND_write_file", -1, {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(ffi::cstr_bytes(file)?));
        let mut buf = [0u8; 1024];
        aws_lc_rs::rand::fill(&mut buf).map_err(|_| Error::new(ERR_LIB_RAND, 0x80000 | 256))?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::from_io(&e))?;
        f.write_all(&buf).map_err(|e| Error::from_io(&e))?;
        Ok(1024)
    })
}
