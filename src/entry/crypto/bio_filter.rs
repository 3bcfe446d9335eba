//! The filter BIOs of `evp.h` and `bio.h`: `BIO_f_md`, `BIO_f_cipher`, `BIO_f_base64`,
//! `BIO_f_null`, `BIO_f_buffer`, and `BIO_set_cipher`.
//!
//! Each is a [`Filter`] inside ferrossl's BIO (chained with `BIO_push`), with OpenSSL 3's
//! semantics (crypto/evp/bio_md.c, bio_enc.c, bio_b64.c; crypto/bio/bf_null.c,
//! bf_buff.c): the same buffering, retry, EOF and flush behaviour, and the same
//! `BIO_ctrl` commands. The digests, ciphers and the base64 codec are the EVP functions
//! of this library (aws-lc's algorithms), called as a C filter would call them.

use crate::abi::consts::{
    BIO_CTRL_DUP, BIO_CTRL_EOF, BIO_CTRL_FLUSH, BIO_CTRL_INFO, BIO_CTRL_PENDING, BIO_CTRL_RESET,
    BIO_CTRL_WPENDING, BIO_C_DO_STATE_MACHINE, BIO_C_GET_BUFF_NUM_LINES, BIO_C_GET_CIPHER_CTX,
    BIO_C_GET_CIPHER_STATUS, BIO_C_GET_MD, BIO_C_GET_MD_CTX, BIO_C_SET_BUFF_READ_DATA,
    BIO_C_SET_BUFF_SIZE, BIO_C_SET_MD, BIO_C_SET_MD_CTX, BIO_FLAGS_BASE64_NO_NL, BIO_TYPE_BASE64,
    BIO_TYPE_BUFFER, BIO_TYPE_CIPHER, BIO_TYPE_MD, BIO_TYPE_NULL_FILTER,
};
use crate::abi::reasons::{ERR_LIB_BIO, ERR_R_INTERNAL_ERROR};
use crate::crypto::bio::{bio_method_st, bio_st, Filter, BIO, BIO_METHOD};
use crate::crypto::cipher::EVP_CIPHER;
use crate::crypto::digest::EVP_MD;
use crate::crypto::err::Error;
use crate::entry::crypto::evp::{
    EVP_DigestFinal_ex, EVP_DigestInit_ex, EVP_DigestUpdate, EVP_MD_CTX_free, EVP_MD_CTX_get0_md,
    EVP_MD_CTX_new, EVP_MD_get_size, EVP_MD_CTX,
};
use crate::entry::crypto::evp_cipher::{
    EVP_CIPHER_CTX_free, EVP_CIPHER_CTX_get_block_size, EVP_CIPHER_CTX_is_encrypting,
    EVP_CIPHER_CTX_new, EVP_CipherFinal_ex, EVP_CipherInit_ex, EVP_CipherUpdate, EVP_DecodeFinal,
    EVP_DecodeInit, EVP_DecodeUpdate, EVP_ENCODE_CTX_free, EVP_ENCODE_CTX_new, EVP_ENCODE_CTX_num,
    EVP_EncodeBlock, EVP_EncodeFinal, EVP_EncodeInit, EVP_EncodeUpdate, EVP_CIPHER_CTX,
    EVP_ENCODE_CTX,
};
use crate::ffi;
use parking_lot::Mutex;
use std::ffi::{c_int, c_long, c_uint, c_void};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::LazyLock;

fn null<T>() -> *mut T {
    std::ptr::null_mut()
}

// ---------------------------------------------------------------------------
// BIO_f_md: what passes through (read or written) is digested; BIO_gets returns
// the digest.

struct MdFilter {
    /// The BIO's `EVP_MD_CTX` (OpenSSL's BIO data): `BIO_get_md_ctx` hands it out,
    /// `BIO_set_md_ctx` replaces it; the BIO frees the one it holds last.
    ctx: AtomicPtr<EVP_MD_CTX>,
}

fn md_new() -> Result<Box<dyn Filter>, Error> {
    let ctx = EVP_MD_CTX_new();
    if ctx.is_null() {
        return Err(Error::internal("EVP_MD_CTX_new"));
    }
    Ok(Box::new(MdFilter {
        ctx: AtomicPtr::new(ctx),
    }))
}

impl Drop for MdFilter {
    fn drop(&mut self) {
        EVP_MD_CTX_free(self.ctx.load(Ordering::Acquire));
    }
}

impl Filter for MdFilter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let ctx = self.ctx.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        if ctx.is_null() {
            return 0;
        }
        let ret = next.read(out);
        if b.init() != 0
            && ret > 0
            && EVP_DigestUpdate(ctx, out.as_ptr() as *const c_void, ret as usize) <= 0
        {
            return -1;
        }
        b.clear_retry_flags();
        b.copy_next_retry();
        ret
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let ctx = self.ctx.load(Ordering::Acquire);
        let next = b.next();
        let ret = match next {
            Some(n) if !ctx.is_null() => n.write(data),
            _ => 0,
        };
        if b.init() != 0
            && ret > 0
            && EVP_DigestUpdate(ctx, data.as_ptr() as *const c_void, ret as usize) == 0
        {
            b.clear_retry_flags();
            return 0;
        }
        if next.is_some() {
            b.clear_retry_flags();
            b.copy_next_retry();
        }
        ret
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let ctx = self.ctx.load(Ordering::Acquire);
        match cmd {
            BIO_CTRL_RESET => {
                let mut ret = if b.init() != 0 {
                    EVP_DigestInit_ex(ctx, EVP_MD_CTX_get0_md(ctx), null()) as c_long
                } else {
                    0
                };
                if ret > 0 {
                    ret = b.ctrl_next(cmd, larg, parg);
                }
                ret
            }
            BIO_C_GET_MD => {
                if b.init() == 0 {
                    return 0;
                }
                ffi::write_out(parg as *mut *const EVP_MD, EVP_MD_CTX_get0_md(ctx));
                1
            }
            BIO_C_GET_MD_CTX => {
                ffi::write_out(parg as *mut *mut EVP_MD_CTX, ctx);
                b.set_init(1);
                1
            }
            BIO_C_SET_MD_CTX => {
                // As OpenSSL: the BIO now holds (and will free) `parg`; the context it
                // held before stays the caller's (BIO_get_md_ctx handed it out).
                if b.init() == 0 {
                    return 0;
                }
                self.ctx.store(parg as *mut EVP_MD_CTX, Ordering::Release);
                1
            }
            BIO_C_DO_STATE_MACHINE => {
                b.clear_retry_flags();
                let ret = b.ctrl_next(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_C_SET_MD => {
                let ret = EVP_DigestInit_ex(ctx, parg as *const EVP_MD, null());
                if ret > 0 {
                    b.set_init(1);
                }
                ret as c_long
            }
            // BIO_dup_chain is not supported: nothing to copy into.
            BIO_CTRL_DUP => 0,
            _ => b.ctrl_next(cmd, larg, parg),
        }
    }

    fn gets(&self, _b: &bio_st, buf: &mut [u8]) -> Option<c_int> {
        let ctx = self.ctx.load(Ordering::Acquire);
        if (buf.len() as c_long) < EVP_MD_get_size(EVP_MD_CTX_get0_md(ctx)) as c_long {
            return Some(0);
        }
        let mut n: c_uint = 0;
        if EVP_DigestFinal_ex(ctx, buf.as_mut_ptr(), &mut n) <= 0 {
            return Some(-1);
        }
        Some(n as c_int)
    }
}

static MD_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_MD, "message digest", md_new));

/// BIO_f_md returns the message digest filter method: data read or written through
/// the BIO is digested (set the digest with `BIO_set_md`, or reach the `EVP_MD_CTX`
/// with `BIO_get_md_ctx` to sign or verify); `BIO_gets` returns the digest.
#[no_mangle]
pub extern "C" fn BIO_f_md() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_md", { Ok(&*MD_METHOD as *const BIO_METHOD) })
}

// ---------------------------------------------------------------------------
// BIO_f_cipher: encrypts what is written, decrypts (or encrypts) what is read;
// BIO_flush writes the final block, BIO_get_cipher_status says whether it was good.

const ENC_BLOCK_SIZE: usize = 1024 * 4;
const ENC_MIN_CHUNK: usize = 256;
const BUF_OFFSET: usize = ENC_MIN_CHUNK + 32;

struct EncState {
    buf_len: usize,
    buf_off: usize,
    /// <= 0 once the input has ended.
    cont: c_int,
    finished: bool,
    /// 0 after a failed final block (bad decrypt).
    ok: c_int,
    read_start: usize,
    read_end: usize,
    /// Output at the front; input read from the next BIO from `BUF_OFFSET`.
    buf: Vec<u8>,
}

struct EncFilter {
    cipher: AtomicPtr<EVP_CIPHER_CTX>,
    st: Mutex<EncState>,
}

fn enc_new() -> Result<Box<dyn Filter>, Error> {
    let cipher = EVP_CIPHER_CTX_new();
    if cipher.is_null() {
        return Err(Error::internal("EVP_CIPHER_CTX_new"));
    }
    Ok(Box::new(EncFilter {
        cipher: AtomicPtr::new(cipher),
        st: Mutex::new(EncState {
            buf_len: 0,
            buf_off: 0,
            cont: 1,
            finished: false,
            ok: 1,
            read_start: BUF_OFFSET,
            read_end: BUF_OFFSET,
            buf: vec![0; BUF_OFFSET + ENC_BLOCK_SIZE],
        }),
    }))
}

/// The cipher and base64 filters' staged output: writes `buf[*off..]` to the
/// next BIO: Ok, or Err(the next BIO's result), its retry flags copied.
fn write_pending(b: &bio_st, next: &bio_st, buf: &[u8], off: &mut usize) -> Result<(), c_int> {
    while buf.len() > *off {
        let i = next.write(&buf[*off..]);
        if i <= 0 {
            b.copy_next_retry();
            return Err(i);
        }
        *off += i as usize;
    }
    Ok(())
}

/// The cipher and base64 filters' decoded input held back: copies what fits
/// of `buf[*off..*len]` to `out`, emptying the buffer when all is taken;
/// the bytes copied.
fn take_pending(out: &mut [u8], buf: &[u8], off: &mut usize, len: &mut usize) -> usize {
    if *len == 0 {
        return 0;
    }
    let i = (*len - *off).min(out.len());
    out[..i].copy_from_slice(&buf[*off..*off + i]);
    *off += i;
    if *len == *off {
        *len = 0;
        *off = 0;
    }
    i
}

impl Drop for EncFilter {
    fn drop(&mut self) {
        EVP_CIPHER_CTX_free(self.cipher.load(Ordering::Acquire));
        let st = self.st.get_mut();
        st.buf.fill(0);
    }
}

impl Filter for EncFilter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let ctx = self.cipher.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        let st = &mut *st;
        // First what is already decoded.
        let taken = take_pending(out, &st.buf, &mut st.buf_off, &mut st.buf_len);
        let (mut ret, mut o, mut outl) = (taken, taken, out.len() - taken);
        let blocksize = EVP_CIPHER_CTX_get_block_size(ctx);
        if blocksize <= 0 {
            return 0;
        }
        let blocksize = if blocksize == 1 {
            0
        } else {
            blocksize as usize
        };
        let mut early: Option<c_int> = None;
        while outl > 0 {
            if st.cont <= 0 {
                break;
            }
            let got = if st.read_start == st.read_end {
                st.read_start = BUF_OFFSET;
                st.read_end = BUF_OFFSET;
                let i = next.read(&mut st.buf[BUF_OFFSET..]);
                if i > 0 {
                    st.read_end += i as usize;
                }
                i
            } else {
                (st.read_end - st.read_start) as c_int
            };
            if got <= 0 {
                if !next.should_retry() {
                    st.cont = got;
                    st.finished = true;
                    let mut n: c_int = 0;
                    st.ok = EVP_CipherFinal_ex(ctx, st.buf.as_mut_ptr(), &mut n);
                    st.buf_len = n.max(0) as usize;
                    st.buf_off = 0;
                } else {
                    if ret == 0 {
                        early = Some(got);
                    }
                    break;
                }
            } else {
                let mut i = got as usize;
                if outl > ENC_MIN_CHUNK {
                    // Straight into the caller's buffer, leaving room for the block a
                    // decryption may hold back and then release.
                    let j = outl - blocksize;
                    let mut n: c_int = 0;
                    if EVP_CipherUpdate(
                        ctx,
                        out[o..].as_mut_ptr(),
                        &mut n,
                        st.buf[st.read_start..].as_ptr(),
                        i.min(j) as c_int,
                    ) == 0
                    {
                        b.clear_retry_flags();
                        return 0;
                    }
                    let n = n.max(0) as usize;
                    ret += n;
                    o += n;
                    outl -= n;
                    if i <= j {
                        st.read_start = st.read_end;
                        continue;
                    }
                    i -= j;
                    st.read_start += j;
                }
                let i = i.min(ENC_MIN_CHUNK);
                let base = st.buf.as_mut_ptr();
                let mut n: c_int = 0;
                if EVP_CipherUpdate(
                    ctx,
                    base,
                    &mut n,
                    base.wrapping_add(st.read_start),
                    i as c_int,
                ) == 0
                {
                    b.clear_retry_flags();
                    st.ok = 0;
                    return 0;
                }
                st.buf_len = n.max(0) as usize;
                st.read_start += i;
                st.cont = 1;
                // The update may hold everything back (the last block, when
                // decrypting): read more, or finish.
                if st.buf_len == 0 {
                    continue;
                }
            }
            let i = st.buf_len.min(outl);
            if i == 0 {
                break;
            }
            out[o..o + i].copy_from_slice(&st.buf[..i]);
            ret += i;
            st.buf_off = i;
            outl -= i;
            o += i;
        }
        b.clear_retry_flags();
        b.copy_next_retry();
        match (ret, early) {
            (0, Some(e)) => e,
            (0, None) => st.cont,
            _ => ret as c_int,
        }
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let ctx = self.cipher.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        let st = &mut *st;
        b.clear_retry_flags();
        if let Err(i) = write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off) {
            return i;
        }
        if data.is_empty() {
            return 0;
        }
        let ret = data.len();
        let mut rest = data;
        st.buf_off = 0;
        while !rest.is_empty() {
            let n = rest.len().min(ENC_BLOCK_SIZE);
            let mut out: c_int = 0;
            if EVP_CipherUpdate(
                ctx,
                st.buf.as_mut_ptr(),
                &mut out,
                rest.as_ptr(),
                n as c_int,
            ) == 0
            {
                b.clear_retry_flags();
                st.ok = 0;
                return 0;
            }
            rest = &rest[n..];
            st.buf_off = 0;
            st.buf_len = out.max(0) as usize;
            if let Err(i) = write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off) {
                let inl = rest.len();
                return if ret == inl { i } else { (ret - inl) as c_int };
            }
            st.buf_len = 0;
            st.buf_off = 0;
        }
        b.copy_next_retry();
        ret as c_int
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let ctx = self.cipher.load(Ordering::Acquire);
        match cmd {
            BIO_CTRL_RESET => {
                {
                    let mut st = self.st.lock();
                    st.ok = 1;
                    st.finished = false;
                }
                let enc = EVP_CIPHER_CTX_is_encrypting(ctx);
                if EVP_CipherInit_ex(ctx, null(), null(), null(), null(), enc) == 0 {
                    return 0;
                }
                b.ctrl_next(cmd, larg, parg)
            }
            BIO_CTRL_EOF => {
                if self.st.lock().cont <= 0 {
                    1
                } else {
                    b.ctrl_next(cmd, larg, parg)
                }
            }
            BIO_CTRL_WPENDING | BIO_CTRL_PENDING => {
                let st = self.st.lock();
                let ret = st.buf_len as c_long - st.buf_off as c_long;
                drop(st);
                if ret <= 0 {
                    b.ctrl_next(cmd, larg, parg)
                } else {
                    ret
                }
            }
            BIO_CTRL_FLUSH => {
                let Some(next) = b.next() else { return 0 };
                let mut st = self.st.lock();
                let st = &mut *st;
                loop {
                    while st.buf_len != st.buf_off {
                        let pend = st.buf_len - st.buf_off;
                        let i = match write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off)
                        {
                            Ok(()) => 0,
                            Err(i) => i,
                        };
                        if i < 0 || st.buf_len - st.buf_off == pend {
                            return i as c_long;
                        }
                    }
                    if st.finished {
                        break;
                    }
                    st.finished = true;
                    st.buf_off = 0;
                    let mut n: c_int = 0;
                    let r = EVP_CipherFinal_ex(ctx, st.buf.as_mut_ptr(), &mut n);
                    st.buf_len = n.max(0) as usize;
                    st.ok = r;
                    if r <= 0 {
                        return r as c_long;
                    }
                }
                let ret = next.ctrl(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_C_GET_CIPHER_STATUS => self.st.lock().ok as c_long,
            BIO_C_DO_STATE_MACHINE => {
                b.clear_retry_flags();
                let ret = b.ctrl_next(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_C_GET_CIPHER_CTX => {
                ffi::write_out(parg as *mut *mut EVP_CIPHER_CTX, ctx);
                b.set_init(1);
                1
            }
            BIO_CTRL_DUP => 0,
            _ => b.ctrl_next(cmd, larg, parg),
        }
    }
}

static CIPHER_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_CIPHER, "cipher", enc_new));

/// BIO_f_cipher returns the cipher filter method: data written is encrypted (or
/// decrypted) on its way to the next BIO, data read is decrypted (or encrypted) from
/// it. Set it up with `BIO_set_cipher` or through `BIO_get_cipher_ctx`; `BIO_flush`
/// writes the final block; `BIO_get_cipher_status` is 0 after a bad final block.
#[no_mangle]
pub extern "C" fn BIO_f_cipher() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_cipher", { Ok(&*CIPHER_METHOD as *const BIO_METHOD) })
}

/// BIO_set_cipher sets up the cipher BIO `b`: cipher `c`, key `k`, IV `i`, encrypting
/// (`e` 1) or decrypting (0), as `EVP_CipherInit_ex`. 1, or 0 on error (or if `b` is
/// not a cipher BIO).
#[no_mangle]
pub extern "C" fn BIO_set_cipher(
    b: *mut BIO,
    c: *const EVP_CIPHER,
    k: *const u8,
    i: *const u8,
    e: c_int,
) -> c_int {
    ffi_boundary!("BIO_set_cipher", {
        let bio = ffi::borrow(b)?;
        if !std::ptr::eq(bio.method(), &*CIPHER_METHOD) {
            return Err(Error::invalid_argument("not a cipher BIO"));
        }
        let mut ctx: *mut EVP_CIPHER_CTX = null();
        bio.ctrl(
            BIO_C_GET_CIPHER_CTX,
            0,
            &mut ctx as *mut *mut EVP_CIPHER_CTX as *mut c_void,
        );
        Ok(EVP_CipherInit_ex(ctx, c, null(), k, i, e).min(1))
    })
}

// ---------------------------------------------------------------------------
// BIO_f_base64: base64-encodes what is written (64-character lines, or one line
// with BIO_FLAGS_BASE64_NO_NL), decodes what is read.

const B64_BLOCK_SIZE: usize = 1024;
/// EVP_ENCODE_LENGTH(B64_BLOCK_SIZE) + 10.
const B64_BUF: usize = B64_BLOCK_SIZE.div_ceil(3) * 4 + (B64_BLOCK_SIZE / 48 + 1) * 2 + 80 + 10;

#[derive(PartialEq, Eq, Clone, Copy)]
enum B64Mode {
    None,
    Encode,
    Decode,
}

struct B64State {
    buf_len: usize,
    buf_off: usize,
    tmp_len: usize,
    /// Skipping the rest of an over-long line before looking for base64.
    tmp_nl: bool,
    mode: B64Mode,
    /// Still looking for the first base64 line.
    start: bool,
    /// <= 0 when finished.
    cont: c_int,
    buf: Vec<u8>,
    tmp: Vec<u8>,
}

struct B64Filter {
    ctx: AtomicPtr<EVP_ENCODE_CTX>,
    st: Mutex<B64State>,
}

fn b64_new() -> Result<Box<dyn Filter>, Error> {
    let ctx = EVP_ENCODE_CTX_new();
    if ctx.is_null() {
        return Err(Error::internal("EVP_ENCODE_CTX_new"));
    }
    Ok(Box::new(B64Filter {
        ctx: AtomicPtr::new(ctx),
        st: Mutex::new(B64State {
            buf_len: 0,
            buf_off: 0,
            tmp_len: 0,
            tmp_nl: false,
            mode: B64Mode::None,
            start: true,
            cont: 1,
            buf: vec![0; B64_BUF],
            tmp: vec![0; B64_BLOCK_SIZE],
        }),
    }))
}

impl Drop for B64Filter {
    fn drop(&mut self) {
        EVP_ENCODE_CTX_free(self.ctx.load(Ordering::Acquire));
    }
}

fn internal() -> c_int {
    Error::new(ERR_LIB_BIO, ERR_R_INTERNAL_ERROR).push("BIO_write");
    -1
}

impl Filter for B64Filter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let ctx = self.ctx.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        let st = &mut *st;
        b.clear_retry_flags();
        if st.mode != B64Mode::Decode {
            st.mode = B64Mode::Decode;
            st.buf_len = 0;
            st.buf_off = 0;
            st.tmp_len = 0;
            EVP_DecodeInit(ctx);
        }
        let taken = take_pending(out, &st.buf, &mut st.buf_off, &mut st.buf_len);
        let (mut ret, mut o, mut outl) = (taken, taken, out.len() - taken);
        // A non-retriable error stays.
        let mut ret_code: c_int = st.cont.min(0);
        while outl > 0 {
            let mut again = st.cont;
            if again <= 0 {
                break;
            }
            let tl = st.tmp_len;
            let got = next.read(&mut st.tmp[tl..B64_BLOCK_SIZE]);
            let mut i: usize;
            if got <= 0 {
                ret_code = got;
                if !next.should_retry() {
                    // An incomplete final quantum is an error.
                    if st.tmp_len == 0 {
                        let mut num: c_int = 0;
                        let mut sink = [0u8; 3];
                        if EVP_DecodeFinal(ctx, sink.as_mut_ptr(), &mut num) < 0 {
                            ret_code = -1;
                        }
                        EVP_DecodeInit(ctx);
                    }
                    st.cont = ret_code;
                }
                if st.tmp_len == 0 {
                    break;
                }
                // Process what is held, but do not read more.
                i = 0;
                again = 0;
            } else {
                i = got as usize;
            }
            i += st.tmp_len;
            st.tmp_len = i;

            if st.start && b.flags() & BIO_FLAGS_BASE64_NO_NL != 0 {
                st.tmp_len = 0;
            } else if st.start {
                // Skip the lines before the first that is all base64.
                let mut p = 0usize;
                let mut q = 0usize;
                let scan = i;
                for _ in 0..scan {
                    let c = st.tmp[q];
                    q += 1;
                    if c != b'\n' {
                        continue;
                    }
                    if st.tmp_nl {
                        p = q;
                        st.tmp_nl = false;
                        continue;
                    }
                    let mut num: c_int = 0;
                    let k = EVP_DecodeUpdate(
                        ctx,
                        st.buf.as_mut_ptr(),
                        &mut num,
                        st.tmp[p..].as_ptr(),
                        (q - p) as c_int,
                    );
                    EVP_DecodeInit(ctx);
                    if k <= 0 && num == 0 {
                        p = q;
                        continue;
                    }
                    st.start = false;
                    if p != 0 {
                        i -= p;
                        st.tmp.copy_within(p..p + i, 0);
                    }
                    break;
                }
                if st.start {
                    if p == 0 {
                        // One long line so far: if the buffer is full, skip to its end.
                        if i == B64_BLOCK_SIZE {
                            st.tmp_nl = true;
                            st.tmp_len = 0;
                        }
                    } else if p != q {
                        // Keep the partial line at the end.
                        let n = q - p;
                        st.tmp.copy_within(p..q, 0);
                        st.tmp_len = n;
                    } else {
                        st.tmp_len = 0;
                    }
                    if again > 0 {
                        continue;
                    }
                    break;
                }
                st.tmp_len = 0;
            } else if i < B64_BLOCK_SIZE && again > 0 {
                // Not full and more may come: read more first.
                continue;
            }

            let mut n: c_int = 0;
            let r = EVP_DecodeUpdate(
                ctx,
                st.buf.as_mut_ptr(),
                &mut n,
                st.tmp.as_ptr(),
                i as c_int,
            );
            st.buf_len = n.max(0) as usize;
            st.tmp_len = 0;
            st.cont = r;
            st.buf_off = 0;
            if r < 0 {
                ret_code = if st.start { 0 } else { r };
                st.buf_len = 0;
                break;
            }
            let i = st.buf_len.min(outl);
            out[o..o + i].copy_from_slice(&st.buf[..i]);
            ret += i;
            st.buf_off = i;
            if st.buf_off == st.buf_len {
                st.buf_len = 0;
                st.buf_off = 0;
            }
            outl -= i;
            o += i;
        }
        b.copy_next_retry();
        if ret == 0 {
            ret_code
        } else {
            ret as c_int
        }
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let ctx = self.ctx.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        let st = &mut *st;
        b.clear_retry_flags();
        if st.mode != B64Mode::Encode {
            st.mode = B64Mode::Encode;
            st.buf_len = 0;
            st.buf_off = 0;
            st.tmp_len = 0;
            EVP_EncodeInit(ctx);
        }
        if st.buf_off > st.buf_len {
            return internal();
        }
        if let Err(i) = write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off) {
            return i;
        }
        st.buf_off = 0;
        st.buf_len = 0;
        if data.is_empty() {
            return 0;
        }
        let no_nl = b.flags() & BIO_FLAGS_BASE64_NO_NL != 0;
        let mut ret = 0usize;
        let mut rest = data;
        while !rest.is_empty() {
            let mut n = rest.len().min(B64_BLOCK_SIZE);
            if no_nl {
                if st.tmp_len > 0 {
                    if st.tmp_len > 3 {
                        return if ret == 0 { internal() } else { ret as c_int };
                    }
                    n = (3 - st.tmp_len).min(rest.len());
                    let tl = st.tmp_len;
                    st.tmp[tl..tl + n].copy_from_slice(&rest[..n]);
                    st.tmp_len += n;
                    ret += n;
                    if st.tmp_len < 3 {
                        break;
                    }
                    st.buf_len =
                        EVP_EncodeBlock(st.buf.as_mut_ptr(), st.tmp.as_ptr(), st.tmp_len as c_int)
                            .max(0) as usize;
                    st.tmp_len = 0;
                } else {
                    if n < 3 {
                        st.tmp[..n].copy_from_slice(&rest[..n]);
                        st.tmp_len = n;
                        ret += n;
                        break;
                    }
                    n -= n % 3;
                    st.buf_len = EVP_EncodeBlock(st.buf.as_mut_ptr(), rest.as_ptr(), n as c_int)
                        .max(0) as usize;
                    ret += n;
                }
            } else {
                let mut out: c_int = 0;
                if EVP_EncodeUpdate(
                    ctx,
                    st.buf.as_mut_ptr(),
                    &mut out,
                    rest.as_ptr(),
                    n as c_int,
                ) == 0
                {
                    return if ret == 0 { -1 } else { ret as c_int };
                }
                st.buf_len = out.max(0) as usize;
                ret += n;
            }
            rest = &rest[n..];
            st.buf_off = 0;
            if let Err(i) = write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off) {
                return if ret == 0 { i } else { ret as c_int };
            }
            st.buf_len = 0;
            st.buf_off = 0;
        }
        ret as c_int
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let ctx = self.ctx.load(Ordering::Acquire);
        let Some(next) = b.next() else { return 0 };
        match cmd {
            BIO_CTRL_RESET => {
                {
                    let mut st = self.st.lock();
                    st.cont = 1;
                    st.start = true;
                    st.mode = B64Mode::None;
                }
                next.ctrl(cmd, larg, parg)
            }
            BIO_CTRL_EOF => {
                if self.st.lock().cont <= 0 {
                    1
                } else {
                    next.ctrl(cmd, larg, parg)
                }
            }
            BIO_CTRL_WPENDING => {
                let st = self.st.lock();
                let ret = st.buf_len as c_long - st.buf_off as c_long;
                let held = st.mode != B64Mode::None && EVP_ENCODE_CTX_num(ctx) != 0;
                drop(st);
                if ret == 0 && held {
                    1
                } else if ret <= 0 {
                    next.ctrl(cmd, larg, parg)
                } else {
                    ret
                }
            }
            BIO_CTRL_PENDING => {
                let st = self.st.lock();
                let ret = st.buf_len as c_long - st.buf_off as c_long;
                drop(st);
                if ret <= 0 {
                    next.ctrl(cmd, larg, parg)
                } else {
                    ret
                }
            }
            BIO_CTRL_FLUSH => {
                let mut st = self.st.lock();
                let st = &mut *st;
                loop {
                    if let Err(i) = write_pending(b, next, &st.buf[..st.buf_len], &mut st.buf_off) {
                        return i as c_long;
                    }
                    st.buf_len = 0;
                    st.buf_off = 0;
                    if b.flags() & BIO_FLAGS_BASE64_NO_NL != 0 {
                        if st.tmp_len != 0 {
                            st.buf_len = EVP_EncodeBlock(
                                st.buf.as_mut_ptr(),
                                st.tmp.as_ptr(),
                                st.tmp_len as c_int,
                            )
                            .max(0) as usize;
                            st.buf_off = 0;
                            st.tmp_len = 0;
                            continue;
                        }
                    } else if st.mode != B64Mode::None && EVP_ENCODE_CTX_num(ctx) != 0 {
                        st.buf_off = 0;
                        let mut n: c_int = 0;
                        EVP_EncodeFinal(ctx, st.buf.as_mut_ptr(), &mut n);
                        st.buf_len = n.max(0) as usize;
                        continue;
                    }
                    break;
                }
                let ret = next.ctrl(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_C_DO_STATE_MACHINE => {
                b.clear_retry_flags();
                let ret = next.ctrl(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_CTRL_DUP => 1,
            _ => next.ctrl(cmd, larg, parg),
        }
    }

    fn has_puts(&self) -> bool {
        true
    }
}

static BASE64_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_BASE64, "base64 encoding", b64_new));

/// BIO_f_base64 returns the base64 filter method: data written is encoded (64
/// characters a line; one line with `BIO_FLAGS_BASE64_NO_NL`), `BIO_flush` writes the
/// rest; data read is decoded (leading lines that are not base64 skipped unless
/// `BIO_FLAGS_BASE64_NO_NL`; bad input ends the data).
#[no_mangle]
pub extern "C" fn BIO_f_base64() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_base64", { Ok(&*BASE64_METHOD as *const BIO_METHOD) })
}

// ---------------------------------------------------------------------------
// BIO_f_null: passes everything through.

struct NullFilter;

fn null_new() -> Result<Box<dyn Filter>, Error> {
    Ok(Box::new(NullFilter))
}

impl Filter for NullFilter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let Some(next) = b.next() else { return 0 };
        let ret = next.read(out);
        b.clear_retry_flags();
        b.copy_next_retry();
        ret
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let Some(next) = b.next() else { return 0 };
        let ret = next.write(data);
        b.clear_retry_flags();
        b.copy_next_retry();
        ret
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let Some(next) = b.next() else { return 0 };
        match cmd {
            BIO_C_DO_STATE_MACHINE => {
                b.clear_retry_flags();
                let ret = next.ctrl(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_CTRL_DUP => 0,
            _ => next.ctrl(cmd, larg, parg),
        }
    }

    fn gets(&self, b: &bio_st, buf: &mut [u8]) -> Option<c_int> {
        Some(b.next().map_or(0, |n| n.gets(buf)))
    }

    fn has_puts(&self) -> bool {
        true
    }
}

static NULL_FILTER_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_NULL_FILTER, "NULL filter", null_new));

/// BIO_f_null returns the null filter method: reads, writes and controls pass
/// through to the next BIO unchanged.
#[no_mangle]
pub extern "C" fn BIO_f_null() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_null", {
        Ok(&*NULL_FILTER_METHOD as *const BIO_METHOD)
    })
}

// ---------------------------------------------------------------------------
// BIO_f_buffer: reads the next BIO in blocks (BIO_gets reads lines from them),
// gathers writes until the buffer is full or flushed.

const DEFAULT_BUFFER_SIZE: usize = 4096;

struct BufState {
    size: usize,
    /// Read ahead, not yet handed out: `input[in_off..]`.
    input: Vec<u8>,
    in_off: usize,
    /// Written, not yet passed on.
    output: Vec<u8>,
}

struct BufferFilter {
    st: Mutex<BufState>,
}

fn buffer_new() -> Result<Box<dyn Filter>, Error> {
    Ok(Box::new(BufferFilter {
        st: Mutex::new(BufState {
            size: DEFAULT_BUFFER_SIZE,
            input: Vec::new(),
            in_off: 0,
            output: Vec::new(),
        }),
    }))
}

impl BufState {
    fn held(&self) -> &[u8] {
        &self.input[self.in_off..]
    }

    /// Reads one block from `next` into the input buffer; the next BIO's result.
    fn fill(&mut self, next: &bio_st) -> c_int {
        self.input.clear();
        self.in_off = 0;
        self.input.resize(self.size, 0);
        let r = next.read(&mut self.input);
        self.input.truncate(r.max(0) as usize);
        r
    }

    /// Passes the written bytes on: Err(the next BIO's result) if it stops.
    fn drain(&mut self, next: &bio_st) -> Result<(), c_int> {
        while !self.output.is_empty() {
            let i = next.write(&self.output);
            if i <= 0 {
                return Err(i);
            }
            self.output.drain(..i as usize);
        }
        Ok(())
    }
}

impl Filter for BufferFilter {
    fn read(&self, b: &bio_st, out: &mut [u8]) -> c_int {
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        b.clear_retry_flags();
        let mut n = 0usize;
        loop {
            let held = st.held();
            let k = held.len().min(out.len() - n);
            out[n..n + k].copy_from_slice(&held[..k]);
            st.in_off += k;
            n += k;
            if n == out.len() {
                return n as c_int;
            }
            // Large reads go straight through.
            if out.len() - n > st.size {
                let r = next.read(&mut out[n..]);
                b.copy_next_retry();
                return if r > 0 {
                    (n + r as usize) as c_int
                } else if n > 0 {
                    n as c_int
                } else {
                    r
                };
            }
            let r = st.fill(next);
            if r <= 0 {
                b.copy_next_retry();
                return if n > 0 { n as c_int } else { r };
            }
        }
    }

    fn write(&self, b: &bio_st, data: &[u8]) -> c_int {
        let Some(next) = b.next() else { return 0 };
        let mut st = self.st.lock();
        b.clear_retry_flags();
        if st.output.len() + data.len() <= st.size {
            st.output.extend_from_slice(data);
            return data.len() as c_int;
        }
        if let Err(i) = st.drain(next) {
            b.copy_next_retry();
            return i;
        }
        if data.len() <= st.size {
            st.output.extend_from_slice(data);
            return data.len() as c_int;
        }
        let r = next.write(data);
        b.copy_next_retry();
        r
    }

    fn ctrl(&self, b: &bio_st, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        let next = b.next();
        let forward = |cmd, larg, parg| next.map_or(0, |n| n.ctrl(cmd, larg, parg));
        let mut st = self.st.lock();
        match cmd {
            BIO_CTRL_RESET => {
                st.input.clear();
                st.in_off = 0;
                st.output.clear();
                drop(st);
                forward(cmd, larg, parg)
            }
            BIO_CTRL_EOF if !st.held().is_empty() => 0,
            BIO_CTRL_INFO => st.output.len() as c_long,
            BIO_C_GET_BUFF_NUM_LINES => st.held().iter().filter(|c| **c == b'\n').count() as c_long,
            BIO_CTRL_WPENDING => {
                if st.output.is_empty() {
                    drop(st);
                    forward(cmd, larg, parg)
                } else {
                    st.output.len() as c_long
                }
            }
            BIO_CTRL_PENDING => {
                if st.held().is_empty() {
                    drop(st);
                    forward(cmd, larg, parg)
                } else {
                    st.held().len() as c_long
                }
            }
            BIO_C_SET_BUFF_READ_DATA => {
                let Ok(data) = ffi::slice(parg as *const u8, larg as c_int) else {
                    return 0;
                };
                st.size = st.size.max(data.len());
                st.input = data.to_vec();
                st.in_off = 0;
                1
            }
            BIO_C_SET_BUFF_SIZE => {
                // larg: the size; parg NULL sets both buffers, else *parg 0 the read
                // buffer only, 1 the write buffer only (one size here).
                if larg > 0 {
                    st.size = (larg as usize).max(st.held().len()).max(st.output.len());
                }
                1
            }
            BIO_CTRL_FLUSH => {
                let Some(n) = next else { return 0 };
                if let Err(i) = st.drain(n) {
                    b.copy_next_retry();
                    return i as c_long;
                }
                drop(st);
                let ret = n.ctrl(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_C_DO_STATE_MACHINE => {
                drop(st);
                b.clear_retry_flags();
                let ret = forward(cmd, larg, parg);
                b.copy_next_retry();
                ret
            }
            BIO_CTRL_DUP => 0,
            // BIO_CTRL_EOF with nothing held, and the rest: the next BIO's answer
            _ => {
                drop(st);
                forward(cmd, larg, parg)
            }
        }
    }

    fn gets(&self, b: &bio_st, buf: &mut [u8]) -> Option<c_int> {
        let Some(next) = b.next() else {
            return Some(0);
        };
        let mut st = self.st.lock();
        b.clear_retry_flags();
        let max = buf.len() - 1;
        let mut n = 0usize;
        let r = loop {
            let held = st.held();
            let take = held
                .iter()
                .position(|c| *c == b'\n')
                .map_or(held.len(), |p| p + 1)
                .min(max - n);
            let line_end = held[..take].last() == Some(&b'\n');
            buf[n..n + take].copy_from_slice(&held[..take]);
            st.in_off += take;
            n += take;
            if line_end || n == max {
                break n as c_int;
            }
            let r = st.fill(next);
            if r <= 0 {
                b.copy_next_retry();
                break if n > 0 { n as c_int } else { r };
            }
        };
        buf[n] = 0;
        Some(r)
    }

    fn has_puts(&self) -> bool {
        true
    }
}

static BUFFER_METHOD: LazyLock<bio_method_st> =
    LazyLock::new(|| bio_method_st::filter(BIO_TYPE_BUFFER, "buffer", buffer_new));

/// BIO_f_buffer returns the buffering filter method: reads from the next BIO in
/// blocks (4096 bytes by default, `BIO_set_buffer_size`), so `BIO_gets` reads lines
/// from BIOs that have none; writes are gathered until the buffer fills or
/// `BIO_flush`.
#[no_mangle]
pub extern "C" fn BIO_f_buffer() -> *const BIO_METHOD {
    ffi_boundary!("BIO_f_buffer", { Ok(&*BUFFER_METHOD as *const BIO_METHOD) })
}
