//! Message digests: the `EVP_MD` table over aws-lc, and the legacy
//! `MD5_CTX` / `SHA_CTX` contexts whose state lives in the caller's memory.

use crate::abi::objects::{
    NID_md5, NID_md5_sha1, NID_ripemd160, NID_sha1, NID_sha224, NID_sha256, NID_sha384,
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
// Legacy MD5_* / SHA1_*: the state lives in the caller's MD5_CTX / SHA_CTX,
// which aws-lc lays out as OpenSSL does (src/ffi/lc.rs).

pub use crate::ffi::lc::Legacy;

fn corrupt() -> Error {
    Error::invalid_argument("corrupt or misaligned MD5_CTX/SHA_CTX")
}

/// `MD5_Init` / `SHA1_Init` on the caller's context bytes (`alg.ctx_size()`).
pub fn legacy_init(alg: Legacy, ctx: &mut [u8]) -> Result<(), Error> {
    crate::ffi::lc::legacy_init(alg, ctx)
        .then_some(())
        .ok_or_else(corrupt)
}

/// `MD5_Update` / `SHA1_Update`.
pub fn legacy_update(alg: Legacy, ctx: &mut [u8], data: &[u8]) -> Result<(), Error> {
    crate::ffi::lc::legacy_update(alg, ctx, data)
        .then_some(())
        .ok_or_else(corrupt)
}

/// `MD5_Final` / `SHA1_Final`: writes `alg.out_len()` bytes to `out` and
/// wipes the context, as OpenSSL does.
pub fn legacy_final(alg: Legacy, ctx: &mut [u8], out: &mut [u8]) -> Result<(), Error> {
    crate::ffi::lc::legacy_final(alg, ctx, out)
        .then_some(())
        .ok_or_else(corrupt)?;
    ctx.fill(0);
    Ok(())
}

// Message digests.

/// A digest algorithm (`EVP_MD`): static, never freed. The table holds what
/// OpenSSL 3's default provider offers (MD4 is in its legacy provider only,
/// so not here). The algorithm is aws-lc's; `nid`, `name`, `size` and `block_size` are what OpenSSL 3
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
    ($($stat:ident, $fetched:ident = $nid:ident, $name:literal, $pname:literal, $size:literal, $block:literal, $alg:ident;)*) => {
        $(pub static $stat: EVP_MD = EVP_MD {
            nid: $nid,
            name: $name,
            size: $size,
            block_size: $block,
            alg: Digest::$alg,
        };
        static $fetched: EVP_MD = EVP_MD {
            nid: $nid,
            name: $pname,
            size: $size,
            block_size: $block,
            alg: Digest::$alg,
        };)*
        /// Every digest ferrossl offers, for `EVP_get_digestbyname` and
        /// `EVP_MD_do_all_provided`.
        pub static DIGESTS: &[&EVP_MD] = &[$(&$stat),*];
        /// The same digests as OpenSSL 3's default provider names them: what
        /// `EVP_MD_fetch` returns ("SHA2-256" where `EVP_sha256()` is "SHA256").
        pub static FETCHED: &[&EVP_MD] = &[$(&$fetched),*];
    };
}
evp_md! {
    MD_MD5, F_MD5 = NID_md5, c"MD5", c"MD5", 16, 64, Md5;
    MD_MD5_SHA1, F_MD5_SHA1 = NID_md5_sha1, c"MD5-SHA1", c"MD5-SHA1", 36, 64, Md5Sha1;
    MD_SHA1, F_SHA1 = NID_sha1, c"SHA1", c"SHA1", 20, 64, Sha1;
    MD_SHA224, F_SHA224 = NID_sha224, c"SHA224", c"SHA2-224", 28, 64, Sha224;
    MD_SHA256, F_SHA256 = NID_sha256, c"SHA256", c"SHA2-256", 32, 64, Sha256;
    MD_SHA384, F_SHA384 = NID_sha384, c"SHA384", c"SHA2-384", 48, 128, Sha384;
    MD_SHA512, F_SHA512 = NID_sha512, c"SHA512", c"SHA2-512", 64, 128, Sha512;
    MD_SHA512_224, F_SHA512_224 = NID_sha512_224, c"SHA512-224", c"SHA2-512/224", 28, 128, Sha512_224;
    MD_SHA512_256, F_SHA512_256 = NID_sha512_256, c"SHA512-256", c"SHA2-512/256", 32, 128, Sha512_256;
    MD_SHA3_224, F_SHA3_224 = NID_sha3_224, c"SHA3-224", c"SHA3-224", 28, 144, Sha3_224;
    MD_SHA3_256, F_SHA3_256 = NID_sha3_256, c"SHA3-256", c"SHA3-256", 32, 136, Sha3_256;
    MD_SHA3_384, F_SHA3_384 = NID_sha3_384, c"SHA3-384", c"SHA3-384", 48, 104, Sha3_384;
    MD_SHA3_512, F_SHA3_512 = NID_sha3_512, c"SHA3-512", c"SHA3-512", 64, 72, Sha3_512;
    MD_SHAKE128, F_SHAKE128 = NID_shake128, c"SHAKE128", c"SHAKE-128", 16, 168, Shake128;
    MD_SHAKE256, F_SHAKE256 = NID_shake256, c"SHAKE256", c"SHAKE-256", 32, 136, Shake256;
    MD_RIPEMD160, F_RIPEMD160 = NID_ripemd160, c"RIPEMD160", c"RIPEMD-160", 20, 64, Ripemd160;
}

/// `EVP_MD_fetch`: the provider's object of the digest `name` names (any name
/// `EVP_get_digestbyname` knows, or the provider's own, "SHA2-256").
pub fn fetch_by_name(name: &str) -> Option<&'static EVP_MD> {
    let nid = match digest_by_name(name) {
        Some(m) => m.nid,
        None => {
            FETCHED
                .iter()
                .find(|m| m.name.to_str().is_ok_and(|n| n.eq_ignore_ascii_case(name)))?
                .nid
        }
    };
    FETCHED.iter().copied().find(|m| m.nid == nid)
}

/// The digest `md` points at, if it is one of ferrossl's (either table).
pub fn known(md: &EVP_MD) -> Option<&'static EVP_MD> {
    DIGESTS
        .iter()
        .chain(FETCHED.iter())
        .copied()
        .find(|d| std::ptr::eq(*d, md))
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
    if x.is_built() {
        return digest(md.alg, &x.encoded()?);
    }
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

    /// Caller memory as C gives it: 4-byte aligned.
    #[repr(C, align(4))]
    struct Ctx([u8; 96]);

    fn word(b: &[u8], i: usize) -> u32 {
        u32::from_ne_bytes(b[4 * i..4 * i + 4].try_into().unwrap())
    }

    fn legacy_hex(alg: Legacy, chunks: &[&[u8]]) -> String {
        let mut c = Ctx([0xAA; 96]);
        let ctx = &mut c.0[..alg.ctx_size()];
        legacy_init(alg, ctx).unwrap();
        for d in chunks {
            legacy_update(alg, ctx, d).unwrap();
        }
        let mut out = vec![0u8; alg.out_len()];
        legacy_final(alg, ctx, &mut out).unwrap();
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
        let mut c = Ctx([0; 96]);
        let ctx = &mut c.0;
        legacy_init(Legacy::Sha1, ctx).unwrap();
        assert_eq!(word(ctx, 0), 0x6745_2301); // h0 at offset 0
        legacy_update(Legacy::Sha1, ctx, b"abc").unwrap();
        assert_eq!((word(ctx, 5), word(ctx, 6), word(ctx, 23)), (24, 0, 3)); // Nl, Nh, num
        ctx[92] = 64; // corrupt num: rejected, not handed to aws-lc
        assert!(legacy_update(Legacy::Sha1, ctx, b"x").is_err());
        assert!(legacy_init(Legacy::Sha1, &mut c.0[1..]).is_err()); // wrong size / misaligned
    }
}
