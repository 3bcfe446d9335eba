//! aws-lc's symmetric ciphers, base64 and `EVP_BytesToKey`, owned safely:
//! the `EVP_CIPHER_CTX` and `EVP_ENCODE_CTX` behind ferrossl's handles of
//! the same names, and aws-lc's error queue read back (so its errors can be
//! translated onto ferrossl's, never leaked). OpenSSL 3's state machine and
//! error codes around these live in `crypto::cipher`.

use super::lc::Digest;
use aws_lc_sys as sys;
use std::ffi::{c_int, c_void, CStr};

/// A cipher aws-lc implements as an `EVP_CIPHER`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Aes128Ecb,
    Aes128Cbc,
    Aes128Ctr,
    Aes128Gcm,
    Aes128Ofb,
    Aes128Cfb128,
    Aes128Cfb8,
    Aes128Cfb1,
    Aes128Ccm,
    Aes192Ecb,
    Aes192Cbc,
    Aes192Ctr,
    Aes192Gcm,
    Aes192Ofb,
    Aes192Cfb128,
    Aes192Cfb8,
    Aes192Cfb1,
    Aes192Ccm,
    Aes256Ecb,
    Aes256Cbc,
    Aes256Ctr,
    Aes256Gcm,
    Aes256Ofb,
    Aes256Cfb128,
    Aes256Cfb8,
    Aes256Cfb1,
    Aes256Ccm,
    ChaCha20Poly1305,
    DesEde3Cbc,
    DesEde3Ecb,
}

impl Alg {
    /// aws-lc's static `EVP_CIPHER` for this algorithm (for aws-lc calls
    /// in this layer that take one).
    pub(super) fn lc_cipher(self) -> *const sys::EVP_CIPHER {
        self.cipher()
    }

    fn cipher(self) -> *const sys::EVP_CIPHER {
        use Alg::*;
        // SAFETY: each returns a pointer to a static EVP_CIPHER (never NULL, never freed).
        unsafe {
            match self {
                Aes128Ecb => sys::EVP_aes_128_ecb(),
                Aes128Cbc => sys::EVP_aes_128_cbc(),
                Aes128Ctr => sys::EVP_aes_128_ctr(),
                Aes128Gcm => sys::EVP_aes_128_gcm(),
                Aes128Ofb => sys::EVP_aes_128_ofb(),
                Aes128Cfb128 => sys::EVP_aes_128_cfb128(),
                Aes128Cfb8 => sys::EVP_aes_128_cfb8(),
                Aes128Cfb1 => sys::EVP_aes_128_cfb1(),
                Aes128Ccm => sys::EVP_aes_128_ccm(),
                Aes192Ecb => sys::EVP_aes_192_ecb(),
                Aes192Cbc => sys::EVP_aes_192_cbc(),
                Aes192Ctr => sys::EVP_aes_192_ctr(),
                Aes192Gcm => sys::EVP_aes_192_gcm(),
                Aes192Ofb => sys::EVP_aes_192_ofb(),
                Aes192Cfb128 => sys::EVP_aes_192_cfb128(),
                Aes192Cfb8 => sys::EVP_aes_192_cfb8(),
                Aes192Cfb1 => sys::EVP_aes_192_cfb1(),
                Aes192Ccm => sys::EVP_aes_192_ccm(),
                Aes256Ecb => sys::EVP_aes_256_ecb(),
                Aes256Cbc => sys::EVP_aes_256_cbc(),
                Aes256Ctr => sys::EVP_aes_256_ctr(),
                Aes256Gcm => sys::EVP_aes_256_gcm(),
                Aes256Ofb => sys::EVP_aes_256_ofb(),
                Aes256Cfb128 => sys::EVP_aes_256_cfb128(),
                Aes256Cfb8 => sys::EVP_aes_256_cfb8(),
                Aes256Cfb1 => sys::EVP_aes_256_cfb1(),
                Aes256Ccm => sys::EVP_aes_256_ccm(),
                ChaCha20Poly1305 => sys::EVP_chacha20_poly1305(),
                DesEde3Cbc => sys::EVP_des_ede3_cbc(),
                DesEde3Ecb => sys::EVP_des_ede3_ecb(),
            }
        }
    }

    /// Key, IV and block lengths as aws-lc has them (a unit test in
    /// `crypto::cipher` checks them against OpenSSL's table).
    pub fn key_len(self) -> usize {
        // SAFETY: a static EVP_CIPHER.
        unsafe { sys::EVP_CIPHER_key_length(self.cipher()) as usize }
    }

    pub fn iv_len(self) -> usize {
        // SAFETY: a static EVP_CIPHER.
        unsafe { sys::EVP_CIPHER_iv_length(self.cipher()) as usize }
    }

    pub fn block_size(self) -> usize {
        // SAFETY: a static EVP_CIPHER.
        unsafe { sys::EVP_CIPHER_block_size(self.cipher()) as usize }
    }
}

/// The latest error on aws-lc's queue (its library number and reason name,
/// e.g. `(30, "BAD_DECRYPT")`), the one the failing call just queued; the
/// queue is emptied.
pub fn take_error() -> Option<(c_int, &'static str)> {
    // SAFETY: thread-local queue access; the reason string is static.
    unsafe {
        let e = sys::ERR_peek_last_error();
        sys::ERR_clear_error();
        if e == 0 {
            return None;
        }
        let lib = ((e >> 24) & 0xff) as c_int;
        let s = sys::ERR_reason_error_string(e);
        let name = if s.is_null() {
            ""
        } else {
            CStr::from_ptr(s).to_str().unwrap_or("")
        };
        Some((lib, name))
    }
}

/// Empties aws-lc's error queue.
pub fn clear_errors() {
    // SAFETY: thread-local queue access.
    unsafe { sys::ERR_clear_error() }
}

/// An aws-lc `EVP_CIPHER_CTX`.
pub struct CipherCtx {
    ctx: *mut sys::EVP_CIPHER_CTX,
}
// SAFETY: owned by this value alone; aws-lc contexts may move between threads.
unsafe impl Send for CipherCtx {}
// SAFETY: `&self` methods only read the context's lengths.
unsafe impl Sync for CipherCtx {}

impl Drop for CipherCtx {
    fn drop(&mut self) {
        // SAFETY: ours, freed once (aws-lc cleanses the key schedule).
        unsafe { sys::EVP_CIPHER_CTX_free(self.ctx) }
    }
}

impl CipherCtx {
    pub fn new() -> Option<Self> {
        // SAFETY: plain allocation.
        let ctx = unsafe { sys::EVP_CIPHER_CTX_new() };
        (!ctx.is_null()).then_some(CipherCtx { ctx })
    }

    /// `EVP_CipherInit_ex`: `alg` None keeps the current cipher; `key` must
    /// hold `key_len()` bytes and `iv` `iv_len()` bytes (checked) once the
    /// cipher is set. `enc` 1, 0, or -1 (keep the direction).
    pub fn init(
        &mut self,
        alg: Option<Alg>,
        key: Option<&[u8]>,
        iv: Option<&[u8]>,
        enc: c_int,
    ) -> bool {
        if let Some(a) = alg {
            // A new cipher: select it first so the length checks below see it.
            // SAFETY: our context and a static EVP_CIPHER.
            let ok = unsafe {
                sys::EVP_CipherInit_ex(
                    self.ctx,
                    a.cipher(),
                    std::ptr::null_mut(),
                    std::ptr::null(),
                    std::ptr::null(),
                    enc,
                )
            };
            if ok != 1 {
                return false;
            }
        } else if !self.has_cipher() {
            return false;
        }
        if key.is_some_and(|k| k.len() < self.key_len())
            || iv.is_some_and(|v| v.len() < self.iv_len())
        {
            return false;
        }
        if alg.is_some() && key.is_none() && iv.is_none() {
            return true;
        }
        // SAFETY: our context with a cipher set; key and IV hold at least the
        // lengths aws-lc reads (checked above), or are NULL.
        unsafe {
            sys::EVP_CipherInit_ex(
                self.ctx,
                std::ptr::null(),
                std::ptr::null_mut(),
                key.map_or(std::ptr::null(), |k| k.as_ptr()),
                iv.map_or(std::ptr::null(), |v| v.as_ptr()),
                enc,
            ) == 1
        }
    }

    fn has_cipher(&self) -> bool {
        // SAFETY: our context.
        !unsafe { sys::EVP_CIPHER_CTX_cipher(self.ctx) }.is_null()
    }

    pub fn key_len(&self) -> usize {
        // SAFETY: our context (0 when no cipher is set).
        unsafe { sys::EVP_CIPHER_CTX_key_length(self.ctx) as usize }
    }

    pub fn iv_len(&self) -> usize {
        if !self.has_cipher() {
            return 0;
        }
        // SAFETY: our context with a cipher; aws-lc answers an AEAD's current IV length.
        unsafe { sys::EVP_CIPHER_CTX_iv_length(self.ctx) as usize }
    }

    pub fn block_size(&self) -> usize {
        if !self.has_cipher() {
            return 0;
        }
        // SAFETY: our context with a cipher set.
        unsafe { sys::EVP_CIPHER_CTX_block_size(self.ctx) as usize }
    }

    /// `EVP_CipherUpdate`: `out` must hold `input_len + block_size() - 1`
    /// bytes (checked) or be None (AEAD AAD / CCM length); `input` None with
    /// `input_len` set is CCM's total-length call. The bytes written.
    pub fn update(
        &mut self,
        out: Option<&mut [u8]>,
        input: Option<&[u8]>,
        input_len: usize,
    ) -> Option<usize> {
        let bs = self.block_size().max(1);
        if input.is_some_and(|i| i.len() != input_len)
            || out.as_ref().is_some_and(|o| o.len() < input_len + bs - 1)
            || (input.is_none() && out.is_some())
        {
            return None;
        }
        let len = c_int::try_from(input_len).ok()?;
        let mut n: c_int = 0;
        // SAFETY: our context; `out` holds what aws-lc may write (checked),
        // `input` holds `len` bytes or is NULL (aws-lc's AEAD/CCM forms).
        let ok = unsafe {
            sys::EVP_CipherUpdate(
                self.ctx,
                out.map_or(std::ptr::null_mut(), |o| o.as_mut_ptr()),
                &mut n,
                input.map_or(std::ptr::null(), |i| i.as_ptr()),
                len,
            )
        };
        (ok == 1).then_some(n as usize)
    }

    /// `EVP_CipherFinal_ex` into `out` (at least `block_size()` bytes).
    pub fn finish(&mut self, out: &mut [u8]) -> Option<usize> {
        if out.len() < self.block_size() {
            return None;
        }
        let mut n: c_int = 0;
        // SAFETY: our context; `out` holds a block.
        let ok = unsafe { sys::EVP_CipherFinal_ex(self.ctx, out.as_mut_ptr(), &mut n) };
        (ok == 1).then_some(n as usize)
    }

    /// `EVP_Cipher`: aws-lc's raw answer. `out` must hold `input.len()`
    /// bytes, a whole number of blocks for a block mode (checked, else -1);
    /// None/None is an AEAD's final call.
    pub fn cipher(&mut self, out: Option<&mut [u8]>, input: Option<&[u8]>) -> c_int {
        let n = input.map_or(0, |i| i.len());
        if out.as_ref().is_some_and(|o| o.len() < n) || (input.is_none() && out.is_some()) {
            return -1;
        }
        // aws-lc's block modes (3DES-CBC at least) read and write whole
        // blocks: a partial one would run past the buffers (found by fuzz/evp_seq).
        let bs = self.block_size();
        if bs > 1 && !n.is_multiple_of(bs) {
            return -1;
        }
        // SAFETY: our context; buffers as checked above.
        unsafe {
            sys::EVP_Cipher(
                self.ctx,
                out.map_or(std::ptr::null_mut(), |o| o.as_mut_ptr()),
                input.map_or(std::ptr::null(), |i| i.as_ptr()),
                n,
            )
        }
    }

    /// `EVP_CIPHER_CTX_ctrl` for the commands that take no buffer or a
    /// buffer of exactly `arg` bytes (checked): aws-lc's raw answer.
    pub fn ctrl(&mut self, cmd: Ctrl, arg: c_int, buf: Option<&mut [u8]>) -> c_int {
        let (code, needs) = match cmd {
            Ctrl::SetIvLen => (sys::EVP_CTRL_AEAD_SET_IVLEN, false),
            Ctrl::GetTag => (sys::EVP_CTRL_AEAD_GET_TAG, true),
            Ctrl::SetTag => (sys::EVP_CTRL_AEAD_SET_TAG, false),
            Ctrl::CcmSetL => (sys::EVP_CTRL_CCM_SET_L, false),
        };
        if (needs && buf.is_none())
            || buf
                .as_ref()
                .is_some_and(|b| usize::try_from(arg).map_or(true, |a| b.len() < a))
        {
            return 0;
        }
        if !self.has_cipher() {
            return 0;
        }
        // SAFETY: our context with a cipher; `buf` holds `arg` bytes or is NULL.
        unsafe {
            sys::EVP_CIPHER_CTX_ctrl(
                self.ctx,
                code as c_int,
                arg,
                buf.map_or(std::ptr::null_mut(), |b| b.as_mut_ptr() as *mut c_void),
            )
        }
    }

    pub fn set_padding(&mut self, on: bool) {
        // SAFETY: our context.
        unsafe { sys::EVP_CIPHER_CTX_set_padding(self.ctx, c_int::from(on)) };
    }

    pub fn set_key_length(&mut self, n: usize) -> bool {
        let Ok(n) = u32::try_from(n) else {
            return false;
        };
        if !self.has_cipher() {
            return false;
        }
        // SAFETY: our context with a cipher.
        unsafe { sys::EVP_CIPHER_CTX_set_key_length(self.ctx, n) == 1 }
    }

    /// `EVP_CIPHER_CTX_reset`: no cipher, no key.
    pub fn reset(&mut self) -> bool {
        // SAFETY: our context.
        unsafe { sys::EVP_CIPHER_CTX_reset(self.ctx) == 1 }
    }

    pub fn try_clone(&self) -> Option<Self> {
        let c = CipherCtx::new()?;
        // SAFETY: two live contexts.
        (unsafe { sys::EVP_CIPHER_CTX_copy(c.ctx, self.ctx) } == 1).then_some(c)
    }
}

/// The `EVP_CIPHER_CTX_ctrl` commands ferrossl hands to aws-lc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctrl {
    SetIvLen,
    GetTag,
    SetTag,
    CcmSetL,
}

/// `EVP_BytesToKey`: fills `key` and `iv` (each exactly the cipher's
/// lengths, or empty) from `data` and the optional 8-byte `salt`; the key length.
pub fn bytes_to_key(
    alg: Alg,
    md: Digest,
    salt: Option<&[u8; 8]>,
    data: &[u8],
    count: u32,
    key: Option<&mut [u8]>,
    iv: Option<&mut [u8]>,
) -> Option<usize> {
    if key.as_ref().is_some_and(|k| k.len() < alg.key_len())
        || iv.as_ref().is_some_and(|v| v.len() < alg.iv_len())
    {
        return None;
    }
    // SAFETY: static cipher and digest; salt is 8 bytes or NULL; key and iv
    // hold the cipher's lengths (checked) or are NULL.
    let n = unsafe {
        sys::EVP_BytesToKey(
            alg.cipher(),
            md.md(),
            salt.map_or(std::ptr::null(), |s| s.as_ptr()),
            data.as_ptr(),
            data.len(),
            count,
            key.map_or(std::ptr::null_mut(), |k| k.as_mut_ptr()),
            iv.map_or(std::ptr::null_mut(), |v| v.as_mut_ptr()),
        )
    };
    (n > 0).then_some(n as usize)
}

/// `EVP_EncodeBlock` into `out` (at least `4 * ceil(len / 3) + 1` bytes,
/// checked): the length without the NUL.
pub fn encode_block(out: &mut [u8], input: &[u8]) -> Option<usize> {
    if out.len() < input.len().div_ceil(3) * 4 + 1 {
        return None;
    }
    // SAFETY: `out` holds the encoded length and its NUL.
    Some(unsafe { sys::EVP_EncodeBlock(out.as_mut_ptr(), input.as_ptr(), input.len()) })
}

/// `EVP_DecodeBlock` into `out` (at least `3 * ceil(len / 4)` bytes,
/// checked): aws-lc's answer (-1 on bad input).
pub fn decode_block(out: &mut [u8], input: &[u8]) -> c_int {
    if out.len() < input.len().div_ceil(4) * 3 {
        return -1;
    }
    // SAFETY: `out` holds what aws-lc may write.
    unsafe { sys::EVP_DecodeBlock(out.as_mut_ptr(), input.as_ptr(), input.len()) }
}

/// An aws-lc `EVP_ENCODE_CTX` (base64 streaming, either direction) and the
/// direction it was started in: aws-lc asserts (aborts) when an encode call
/// meets a decoding state (found by fuzz/evp_seq), so calls in the other
/// direction, or before an init, fail instead.
pub struct EncodeCtx(Box<sys::EVP_ENCODE_CTX>, Option<bool>);

impl Default for EncodeCtx {
    fn default() -> Self {
        // SAFETY: the all-zero context is aws-lc's initial state (its
        // EVP_ENCODE_CTX_new zero-allocates).
        EncodeCtx(Box::new(unsafe { std::mem::zeroed() }), None)
    }
}

impl EncodeCtx {
    pub fn encode_init(&mut self) {
        self.1 = Some(true);
        // SAFETY: our context.
        unsafe { sys::EVP_EncodeInit(&mut *self.0) }
    }

    pub fn decode_init(&mut self) {
        self.1 = Some(false);
        // SAFETY: our context.
        unsafe { sys::EVP_DecodeInit(&mut *self.0) }
    }

    /// Bytes held back for the next line.
    pub fn num(&self) -> usize {
        self.0.data_used as usize
    }

    /// `EVP_EncodeUpdate`: `out` must hold the encoding of what is held plus
    /// `input`, with a newline per 64 characters (checked); bytes written.
    pub fn encode_update(&mut self, out: &mut [u8], input: &[u8]) -> Option<usize> {
        let total = self.num() + input.len();
        if self.1 != Some(true) || out.len() < total / 48 * 65 + 1 {
            return None;
        }
        let mut n: c_int = 0;
        // SAFETY: our context; `out` holds every full line aws-lc may write.
        let ok = unsafe {
            sys::EVP_EncodeUpdate(
                &mut *self.0,
                out.as_mut_ptr(),
                &mut n,
                input.as_ptr(),
                input.len(),
            )
        };
        (ok == 1).then_some(n as usize)
    }

    /// `EVP_EncodeFinal`: `out` holds the last line, its newline and a NUL (checked).
    pub fn encode_final(&mut self, out: &mut [u8]) -> Option<usize> {
        if self.1 != Some(true) || out.len() < self.num().div_ceil(3) * 4 + 2 {
            return None;
        }
        let mut n: c_int = 0;
        // SAFETY: our context; at most one line, its newline and a NUL.
        unsafe { sys::EVP_EncodeFinal(&mut *self.0, out.as_mut_ptr(), &mut n) };
        Some(n as usize)
    }

    /// `EVP_DecodeUpdate`: `out` holds `3 * ceil((num + len) / 4)` bytes
    /// (checked); aws-lc's answer (-1, 0 at the end, 1) and the bytes written.
    pub fn decode_update(&mut self, out: &mut [u8], input: &[u8]) -> (c_int, usize) {
        if self.1 != Some(false) || out.len() < (self.num() + input.len()).div_ceil(4) * 3 {
            return (-1, 0);
        }
        let mut n: c_int = 0;
        // SAFETY: our context; `out` holds all aws-lc may write.
        let r = unsafe {
            sys::EVP_DecodeUpdate(
                &mut *self.0,
                out.as_mut_ptr(),
                &mut n,
                input.as_ptr(),
                input.len(),
            )
        };
        (r, n.max(0) as usize)
    }

    /// `EVP_DecodeFinal`: aws-lc's answer and the bytes written (`out` holds
    /// at least 3, checked).
    pub fn decode_final(&mut self, out: &mut [u8]) -> (c_int, usize) {
        if self.1 != Some(false) || out.len() < 3 {
            return (-1, 0);
        }
        let mut n: c_int = 0;
        // SAFETY: our context; at most one quantum's bytes.
        let r = unsafe { sys::EVP_DecodeFinal(&mut *self.0, out.as_mut_ptr(), &mut n) };
        (r, n.max(0) as usize)
    }

    pub fn copy_from(&mut self, other: &EncodeCtx) {
        self.1 = other.1;
        // SAFETY: plain data, both ours.
        unsafe { std::ptr::copy_nonoverlapping(&*other.0, &mut *self.0, 1) }
    }
}

/// aws-lc's `CMAC_CTX`: a CMAC (RFC 4493) over a block cipher, keyed.
pub struct CmacCtx {
    ctx: std::ptr::NonNull<sys::CMAC_CTX>,
}
// SAFETY: the context is used by one thread at a time (ferrossl keeps it
// behind a mutex); aws-lc contexts may move between threads.
unsafe impl Send for CmacCtx {}

impl Drop for CmacCtx {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::CMAC_CTX_free(self.ctx.as_ptr()) }
    }
}

impl CmacCtx {
    /// `CMAC_Init` with `key` and the CBC cipher `alg` (aws-lc checks the
    /// key length); None with aws-lc's error left for [`take_error`].
    pub fn new(alg: Alg, key: &[u8]) -> Option<Self> {
        // SAFETY: plain allocation.
        let ctx = std::ptr::NonNull::new(unsafe { sys::CMAC_CTX_new() })?;
        let c = CmacCtx { ctx };
        // SAFETY: a fresh context, a valid key slice, a static EVP_CIPHER.
        let ok = unsafe {
            sys::CMAC_Init(
                c.ctx.as_ptr(),
                key.as_ptr().cast(),
                key.len(),
                alg.cipher(),
                std::ptr::null_mut(),
            ) == 1
        };
        ok.then_some(c)
    }

    /// `CMAC_Init(ctx, NULL, 0, NULL, NULL)`: the same key, a new message.
    pub fn reset(&mut self) -> bool {
        // SAFETY: a live keyed context.
        unsafe { sys::CMAC_Reset(self.ctx.as_ptr()) == 1 }
    }

    pub fn update(&mut self, data: &[u8]) -> bool {
        // SAFETY: a live context and a valid slice.
        unsafe { sys::CMAC_Update(self.ctx.as_ptr(), data.as_ptr(), data.len()) == 1 }
    }

    /// `CMAC_Final` into `out` (at least one cipher block, checked); the MAC length.
    pub fn finish(&mut self, out: &mut [u8]) -> Option<usize> {
        // SAFETY: a live context; its cipher context is borrowed for the call.
        let block = unsafe {
            sys::EVP_CIPHER_CTX_block_size(sys::CMAC_CTX_get0_cipher_ctx(self.ctx.as_ptr()))
        } as usize;
        if block == 0 || out.len() < block {
            return None;
        }
        let mut n = 0usize;
        // SAFETY: a live context; `out` holds a block (checked above).
        let ok = unsafe { sys::CMAC_Final(self.ctx.as_ptr(), out.as_mut_ptr(), &mut n) == 1 };
        ok.then_some(n)
    }

    /// `CMAC_CTX_copy`: an independent copy (same key and state).
    pub fn try_clone(&self) -> Option<Self> {
        // SAFETY: plain allocation, then a copy from a live context.
        unsafe {
            let ctx = std::ptr::NonNull::new(sys::CMAC_CTX_new())?;
            let c = CmacCtx { ctx };
            (sys::CMAC_CTX_copy(c.ctx.as_ptr(), self.ctx.as_ptr()) == 1).then_some(c)
        }
    }
}
