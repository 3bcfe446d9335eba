//! Message digests: the `EVP_MD` table over aws-lc, and the legacy
//! `MD5_CTX` / `SHA_CTX` contexts whose state lives in the caller's memory.

use crate::abi::objects::{
    NID_md4, NID_md5, NID_md5_sha1, NID_ripemd160, NID_sha1, NID_sha224, NID_sha256, NID_sha384,
    NID_sha3_224, NID_sha3_256, NID_sha3_384, NID_sha3_512, NID_sha512, NID_sha512_224,
    NID_sha512_256, NID_shake128, NID_shake256, NID_undef,
};
use crate::abi::reasons::{ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH};
use crate::crypto::asn1::{nid_by_ln, nid_by_sn};
use crate::crypto::err::Error;
use crate::crypto::x509::x509_st;
use crate::ffi::lc::{Digest, MdCtx};
use std::ffi::{c_int, CStr};

// ---------------------------------------------------------------------------
// Legacy MD5_* / SHA1_*: the state lives in the caller's MD5_CTX / SHA_CTX.

/// The two legacy one-shot-context digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Md5,
    Sha1,
}

impl Legacy {
    pub(crate) fn words(self) -> usize {
        match self {
            Legacy::Md5 => 4,
            Legacy::Sha1 => 5,
        }
    }

    /// `sizeof(MD5_CTX)` = 92, `sizeof(SHA_CTX)` = 96 in OpenSSL 3.
    pub fn ctx_size(self) -> usize {
        4 * self.words() + 8 + 64 + 4
    }

    /// Digest length: 16 or 20 bytes.
    pub fn out_len(self) -> usize {
        4 * self.words()
    }
}

/// The context exactly as OpenSSL lays it out in the caller's memory: the
/// chaining words, the bit count (`Nl`, `Nh`), 64 bytes of pending input and
/// their count (`num`), all native-endian `u32`. It holds no pointers, so a
/// caller copying, moving or zeroing its struct cannot cause anything worse
/// than a wrong digest; `num` >= 64 is rejected as a corrupt context.
pub(crate) struct LegacyState {
    pub(crate) h: [u32; 5],
    pub(crate) nl: u32,
    pub(crate) nh: u32,
    pub(crate) data: [u8; 64],
    pub(crate) num: usize,
}

pub(crate) fn word(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

impl LegacyState {
    pub(crate) fn load(alg: Legacy, b: &[u8]) -> Result<Self, Error> {
        let n = alg.words();
        let mut h = [0u32; 5];
        for (i, w) in h.iter_mut().enumerate().take(n) {
            *w = word(b, i);
        }
        let num = word(b, n + 18) as usize;
        if num >= 64 {
            return Err(Error::invalid_argument(
                "corrupt MD5_CTX/SHA_CTX (num >= 64)",
            ));
        }
        let mut data = [0u8; 64];
        data.copy_from_slice(&b[4 * (n + 2)..4 * (n + 2) + 64]);
        Ok(Self {
            h,
            nl: word(b, n),
            nh: word(b, n + 1),
            data,
            num,
        })
    }

    pub(crate) fn store(&self, alg: Legacy, b: &mut [u8]) {
        let n = alg.words();
        let mut put = |i: usize, v: u32| b[4 * i..4 * i + 4].copy_from_slice(&v.to_ne_bytes());
        for (i, w) in self.h.iter().enumerate().take(n) {
            put(i, *w);
        }
        put(n, self.nl);
        put(n + 1, self.nh);
        put(n + 18, self.num as u32);
        b[4 * (n + 2)..4 * (n + 2) + 64].copy_from_slice(&self.data);
    }

    pub(crate) fn block(&mut self, alg: Legacy, block: &[u8]) {
        match alg {
            Legacy::Md5 => md5_block(&mut self.h, block),
            Legacy::Sha1 => sha1_block(&mut self.h, block),
        }
    }

    pub(crate) fn update(&mut self, alg: Legacy, mut data: &[u8]) {
        let bits = (data.len() as u64).wrapping_mul(8);
        let total = (u64::from(self.nh) << 32 | u64::from(self.nl)).wrapping_add(bits);
        (self.nl, self.nh) = (total as u32, (total >> 32) as u32);
        if self.num > 0 {
            let take = (64 - self.num).min(data.len());
            self.data[self.num..self.num + take].copy_from_slice(&data[..take]);
            self.num += take;
            data = &data[take..];
            if self.num < 64 {
                return;
            }
            let block = self.data;
            self.block(alg, &block);
            self.num = 0;
        }
        let mut chunks = data.chunks_exact(64);
        for c in &mut chunks {
            self.block(alg, c);
        }
        let rest = chunks.remainder();
        self.data[..rest.len()].copy_from_slice(rest);
        self.num = rest.len();
    }

    pub(crate) fn finish(mut self, alg: Legacy, out: &mut [u8]) {
        let len = u64::from(self.nh) << 32 | u64::from(self.nl);
        let len = match alg {
            Legacy::Md5 => len.to_le_bytes(),
            Legacy::Sha1 => len.to_be_bytes(),
        };
        let pad = if self.num < 56 {
            56 - self.num
        } else {
            120 - self.num
        };
        let mut tail = vec![0u8; pad];
        tail[0] = 0x80;
        let (nl, nh) = (self.nl, self.nh);
        self.update(alg, &tail);
        self.update(alg, &len);
        (self.nl, self.nh) = (nl, nh);
        for (i, w) in self.h.iter().take(alg.words()).enumerate() {
            let b = match alg {
                Legacy::Md5 => w.to_le_bytes(),
                Legacy::Sha1 => w.to_be_bytes(),
            };
            out[4 * i..4 * i + 4].copy_from_slice(&b);
        }
    }
}

pub(crate) fn md5_block(h: &mut [u32; 5], block: &[u8]) {
    let mut state = [h[0], h[1], h[2], h[3]];
    let mut b = [0u8; 64];
    b.copy_from_slice(&block[..64]);
    crate::crypto::md5::compress(&mut state, &b);
    h[..4].copy_from_slice(&state);
}

pub(crate) fn sha1_block(h: &mut [u32; 5], block: &[u8]) {
    let mut w = [0u32; 80];
    for i in 0..16 {
        w[i] = u32::from_be_bytes([
            block[4 * i],
            block[4 * i + 1],
            block[4 * i + 2],
            block[4 * i + 3],
        ]);
    }
    for i in 16..80 {
        w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
    }
    let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
    for (i, wi) in w.iter().enumerate() {
        let (f, k) = match i / 20 {
            0 => ((b & c) | (!b & d), 0x5A82_7999),
            1 => (b ^ c ^ d, 0x6ED9_EBA1),
            2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let t = a
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e)
            .wrapping_add(k)
            .wrapping_add(*wi);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e]) {
        *x = x.wrapping_add(v);
    }
}

/// `MD5_Init` / `SHA1_Init` on the caller's context bytes (`alg.ctx_size()`).
pub fn legacy_init(alg: Legacy, ctx: &mut [u8]) {
    let h = match alg {
        Legacy::Md5 => [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0],
        Legacy::Sha1 => [
            0x6745_2301,
            0xEFCD_AB89,
            0x98BA_DCFE,
            0x1032_5476,
            0xC3D2_E1F0,
        ],
    };
    LegacyState {
        h,
        nl: 0,
        nh: 0,
        data: [0; 64],
        num: 0,
    }
    .store(alg, ctx);
}

/// `MD5_Update` / `SHA1_Update`.
pub fn legacy_update(alg: Legacy, ctx: &mut [u8], data: &[u8]) -> Result<(), Error> {
    let mut st = LegacyState::load(alg, ctx)?;
    st.update(alg, data);
    st.store(alg, ctx);
    Ok(())
}

/// `MD5_Final` / `SHA1_Final`: writes `alg.out_len()` bytes to `out` and
/// wipes the context, as OpenSSL does.
pub fn legacy_final(alg: Legacy, ctx: &mut [u8], out: &mut [u8]) -> Result<(), Error> {
    let st = LegacyState::load(alg, ctx)?;
    st.finish(alg, out);
    ctx.fill(0);
    Ok(())
}

// Message digests.

/// A digest algorithm (`EVP_MD`): static, never freed. The algorithm is
/// aws-lc's; `nid`, `name`, `size` and `block_size` are what OpenSSL 3
/// reports for it (a unit test checks them against aws-lc).
#[derive(Debug)]
pub struct evp_md_st {
    pub nid: c_int,
    pub name: &'static CStr,
    pub size: c_int,
    pub block_size: c_int,
    pub alg: Digest,
}
crate::handle!(Lent: evp_md_st);
pub type EVP_MD = evp_md_st;

/// A running digest (aws-lc's `EVP_MD_CTX`).
pub struct Hasher(MdCtx);

impl Hasher {
    pub fn new(alg: Digest) -> Result<Self, Error> {
        MdCtx::new(alg)
            .map(Hasher)
            .ok_or_else(|| Error::internal("aws-lc: EVP_DigestInit_ex failed"))
    }

    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The digest (an XOF's default length of output), and the context
    /// restarted.
    pub fn finish(&mut self) -> Result<Vec<u8>, Error> {
        if self.0.digest().is_xof() {
            return self.finish_xof(self.0.digest().size());
        }
        let mut out = vec![0u8; self.0.digest().size()];
        let n = self
            .0
            .finish(&mut out)
            .ok_or_else(|| Error::internal("aws-lc: EVP_DigestFinal_ex failed"))?;
        out.truncate(n);
        self.0.reset();
        Ok(out)
    }

    /// `len` bytes of an XOF's output (SHAKE), and the context restarted.
    pub fn finish_xof(&mut self, len: usize) -> Result<Vec<u8>, Error> {
        let mut out = vec![0u8; len];
        if !self.0.digest().is_xof() || !self.0.finish_xof(&mut out) {
            return Err(Error::new(ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH));
        }
        self.0.reset();
        Ok(out)
    }

    pub fn try_clone(&self) -> Result<Self, Error> {
        self.0
            .try_clone()
            .map(Hasher)
            .ok_or_else(|| Error::internal("aws-lc: EVP_MD_CTX_copy_ex failed"))
    }
}

/// One-shot digest of `data`.
pub fn digest(alg: Digest, data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut h = Hasher::new(alg)?;
    h.update(data);
    h.finish()
}

macro_rules! evp_md {
    ($($stat:ident = $nid:ident, $name:literal, $size:literal, $block:literal, $alg:ident;)*) => {
        $(pub static $stat: EVP_MD = EVP_MD {
            nid: $nid,
            name: $name,
            size: $size,
            block_size: $block,
            alg: Digest::$alg,
        };)*
        /// Every digest ferrossl offers, for `EVP_get_digestbyname` and
        /// `EVP_MD_do_all_provided`.
        pub static DIGESTS: &[&EVP_MD] = &[$(&$stat),*];
    };
}
evp_md! {
    MD_MD4 = NID_md4, c"MD4", 16, 64, Md4;
    MD_MD5 = NID_md5, c"MD5", 16, 64, Md5;
    MD_MD5_SHA1 = NID_md5_sha1, c"MD5-SHA1", 36, 64, Md5Sha1;
    MD_SHA1 = NID_sha1, c"SHA1", 20, 64, Sha1;
    MD_SHA224 = NID_sha224, c"SHA224", 28, 64, Sha224;
    MD_SHA256 = NID_sha256, c"SHA256", 32, 64, Sha256;
    MD_SHA384 = NID_sha384, c"SHA384", 48, 128, Sha384;
    MD_SHA512 = NID_sha512, c"SHA512", 64, 128, Sha512;
    MD_SHA512_224 = NID_sha512_224, c"SHA512-224", 28, 128, Sha512_224;
    MD_SHA512_256 = NID_sha512_256, c"SHA512-256", 32, 128, Sha512_256;
    MD_SHA3_224 = NID_sha3_224, c"SHA3-224", 28, 144, Sha3_224;
    MD_SHA3_256 = NID_sha3_256, c"SHA3-256", 32, 136, Sha3_256;
    MD_SHA3_384 = NID_sha3_384, c"SHA3-384", 48, 104, Sha3_384;
    MD_SHA3_512 = NID_sha3_512, c"SHA3-512", 64, 72, Sha3_512;
    MD_SHAKE128 = NID_shake128, c"SHAKE128", 16, 168, Shake128;
    MD_SHAKE256 = NID_shake256, c"SHAKE256", 32, 136, Shake256;
    MD_RIPEMD160 = NID_ripemd160, c"RIPEMD160", 20, 64, Ripemd160;
}

/// `EVP_get_digestbyname`: by short or long name, any case ("sha256",
/// "SHA256", "MD5"; "RSA-SHA256" is not a digest).
pub fn digest_by_name(name: &str) -> Option<&'static EVP_MD> {
    let nid = match nid_by_sn(name) {
        NID_undef => match nid_by_ln(name) {
            NID_undef => DIGESTS
                .iter()
                .find(|m| m.name.to_str().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
                .map_or(NID_undef, |m| m.nid),
            n => n,
        },
        n => n,
    };
    digest_by_nid(nid)
}

pub fn digest_by_nid(nid: c_int) -> Option<&'static EVP_MD> {
    DIGESTS.iter().copied().find(|m| m.nid == nid)
}

/// `X509_digest`: the digest of the certificate's DER.
pub fn cert_digest(x: &x509_st, md: &EVP_MD) -> Result<Vec<u8>, Error> {
    digest(md.alg, x.der.as_ref())
}

/// `X509_NAME_digest`: the digest of the name's DER.
pub fn name_digest(n: &crate::crypto::x509::X509_NAME, md: &EVP_MD) -> Result<Vec<u8>, Error> {
    digest(md.alg, n.der())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_aws_lc() {
        for m in DIGESTS {
            assert_eq!(m.size as usize, m.alg.size(), "{:?}", m.name);
            assert_eq!(m.block_size as usize, m.alg.block_size(), "{:?}", m.name);
            assert_eq!(
                crate::crypto::asn1::nid_by_sn(m.name.to_str().unwrap()),
                m.nid,
                "{:?}",
                m.name
            );
        }
        let hex = |v: Vec<u8>| v.iter().map(|b| format!("{b:02x}")).collect::<String>();
        // FIPS 180-4 / 202 and RFC 1321 vectors for "abc"
        assert_eq!(
            hex(digest(Digest::Md5, b"abc").unwrap()),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            hex(digest(Digest::Sha3_224, b"abc").unwrap()),
            "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"
        );
        let mut h = Hasher::new(Digest::Shake128).unwrap();
        h.update(b"");
        assert_eq!(
            hex(h.finish_xof(16).unwrap()),
            "7f9c2ba4e88f827d616045507605853e"
        );
    }

    fn legacy_hex(alg: Legacy, chunks: &[&[u8]]) -> String {
        let mut ctx = vec![0xAAu8; alg.ctx_size()];
        legacy_init(alg, &mut ctx);
        for c in chunks {
            legacy_update(alg, &mut ctx, c).unwrap();
        }
        let mut out = vec![0u8; alg.out_len()];
        legacy_final(alg, &mut ctx, &mut out).unwrap();
        out.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn legacy_digests_match_published_vectors() {
        // RFC 1321 appendix A.5
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b""]),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b"abc"]),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[b"message ", b"digest"]),
            "f96b697d7cb7938d525a2f31aaf161d0"
        );
        let digits =
            b"12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(
            legacy_hex(Legacy::Md5, &[digits]),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        assert_eq!(
            legacy_hex(Legacy::Md5, &[&digits[..3], &digits[3..70], &digits[70..]]),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        // FIPS 180-2 appendix A
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[b""]),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[b"abc"]),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        let two = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[&two[..55], &two[55..]]),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            legacy_hex(Legacy::Sha1, &[&million[..1], &million[1..]]),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
    }

    #[test]
    fn legacy_context_layout_is_openssls() {
        assert_eq!((Legacy::Md5.ctx_size(), Legacy::Sha1.ctx_size()), (92, 96));
        let mut ctx = [0u8; 96];
        legacy_init(Legacy::Sha1, &mut ctx);
        assert_eq!(word(&ctx, 0), 0x6745_2301); // h0 at offset 0
        legacy_update(Legacy::Sha1, &mut ctx, b"abc").unwrap();
        assert_eq!((word(&ctx, 5), word(&ctx, 6), word(&ctx, 23)), (24, 0, 3)); // Nl, Nh, num
        ctx[92] = 64; // corrupt num: rejected, not trusted
        assert!(legacy_update(Legacy::Sha1, &mut ctx, b"x").is_err());
    }
}
