//! Message digests: the `EVP_MD` table over aws-lc, and the legacy
//! `MD5_CTX` / `SHA_CTX` contexts whose state lives in the caller's memory.

use crate::abi::objects::{
    NID_md5, NID_sha1, NID_sha224, NID_sha256, NID_sha384, NID_sha3_256, NID_sha3_384,
    NID_sha3_512, NID_sha512, NID_sha512_256, NID_undef,
};
use crate::crypto::asn1::{nid_by_ln, nid_by_sn};
use crate::crypto::err::Error;
use crate::crypto::x509::x509_st;
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

/// A digest algorithm (`EVP_MD`): static, never freed.
#[derive(Debug)]
pub struct evp_md_st {
    pub nid: c_int,
    pub name: &'static CStr,
    pub size: c_int,
    pub block_size: c_int,
    pub alg: DigestAlg,
}
crate::handle!(Lent: evp_md_st);
pub type EVP_MD = evp_md_st;

/// Where a digest's implementation comes from.
#[derive(Debug, Clone, Copy)]
pub enum DigestAlg {
    Lc(&'static aws_lc_rs::digest::Algorithm),
    Md5,
}

/// A running digest.
#[derive(Clone)]
pub enum Hasher {
    Lc(aws_lc_rs::digest::Context),
    Md5(crate::crypto::md5::Md5),
}

impl Hasher {
    pub fn new(alg: DigestAlg) -> Self {
        match alg {
            DigestAlg::Lc(a) => Hasher::Lc(aws_lc_rs::digest::Context::new(a)),
            DigestAlg::Md5 => Hasher::Md5(crate::crypto::md5::Md5::default()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Lc(c) => c.update(data),
            Hasher::Md5(m) => m.update(data),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Lc(c) => c.finish().as_ref().to_vec(),
            Hasher::Md5(m) => m.finish().to_vec(),
        }
    }
}

/// One-shot digest of `data`.
pub fn digest(alg: DigestAlg, data: &[u8]) -> Vec<u8> {
    let mut h = Hasher::new(alg);
    h.update(data);
    h.finish()
}

pub static MD_MD5: EVP_MD = EVP_MD {
    nid: NID_md5,
    name: c"MD5",
    size: 16,
    block_size: 64,
    alg: DigestAlg::Md5,
};

pub static MD_SHA1: EVP_MD = EVP_MD {
    nid: NID_sha1,
    name: c"SHA1",
    size: 20,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY),
};
pub static MD_SHA224: EVP_MD = EVP_MD {
    nid: NID_sha224,
    name: c"SHA224",
    size: 28,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA224),
};
pub static MD_SHA256: EVP_MD = EVP_MD {
    nid: NID_sha256,
    name: c"SHA256",
    size: 32,
    block_size: 64,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA256),
};
pub static MD_SHA384: EVP_MD = EVP_MD {
    nid: NID_sha384,
    name: c"SHA384",
    size: 48,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA384),
};
pub static MD_SHA512: EVP_MD = EVP_MD {
    nid: NID_sha512,
    name: c"SHA512",
    size: 64,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA512),
};
pub static MD_SHA512_256: EVP_MD = EVP_MD {
    nid: NID_sha512_256,
    name: c"SHA512-256",
    size: 32,
    block_size: 128,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA512_256),
};
pub static MD_SHA3_256: EVP_MD = EVP_MD {
    nid: NID_sha3_256,
    name: c"SHA3-256",
    size: 32,
    block_size: 136,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_256),
};
pub static MD_SHA3_384: EVP_MD = EVP_MD {
    nid: NID_sha3_384,
    name: c"SHA3-384",
    size: 48,
    block_size: 104,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_384),
};
pub static MD_SHA3_512: EVP_MD = EVP_MD {
    nid: NID_sha3_512,
    name: c"SHA3-512",
    size: 64,
    block_size: 72,
    alg: DigestAlg::Lc(&aws_lc_rs::digest::SHA3_512),
};

pub static DIGESTS: [&EVP_MD; 10] = [
    &MD_MD5,
    &MD_SHA1,
    &MD_SHA224,
    &MD_SHA256,
    &MD_SHA384,
    &MD_SHA512,
    &MD_SHA512_256,
    &MD_SHA3_256,
    &MD_SHA3_384,
    &MD_SHA3_512,
];

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
pub fn cert_digest(x: &x509_st, md: &EVP_MD) -> Vec<u8> {
    digest(md.alg, x.der.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

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
