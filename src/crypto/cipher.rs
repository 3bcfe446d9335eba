//! Symmetric ciphers: OpenSSL 3's `EVP_CIPHER` table and `EVP_CIPHER_CTX`
//! state machine around aws-lc's implementation (src/ffi/cipher.rs).
//!
//! aws-lc does the cryptography; ferrossl keeps what programs see of OpenSSL
//! 3: the NIDs, names and flags (two objects per algorithm, as OpenSSL 3 has:
//! the legacy one `EVP_aes_128_gcm()` returns, named by its short name
//! "id-aes128-GCM", and the provider's one `EVP_CIPHER_fetch` returns and a
//! context reports, named "AES-128-GCM"), the checks OpenSSL makes before a
//! cipher runs (direction, missing cipher, NULL lengths), its return values,
//! and its error codes (bad padding is `PROV_R_BAD_DECRYPT`, as the default
//! provider raises it).

use crate::abi::objects::*;
use crate::abi::reasons::{
    ERR_LIB_EVP, ERR_LIB_PROV, ERR_R_PASSED_NULL_PARAMETER, EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED,
    EVP_R_INVALID_KEY_LENGTH, EVP_R_INVALID_OPERATION, EVP_R_NO_CIPHER_SET,
    PROV_R_FAILED_TO_GET_PARAMETER, PROV_R_INVALID_IV_LENGTH, PROV_R_INVALID_TAG,
    PROV_R_OUTPUT_BUFFER_TOO_SMALL,
};
use crate::crypto::err::Error;
use crate::ffi;
use crate::ffi::cipher::{Alg, CipherCtx, Ctrl};
use std::ffi::{c_int, c_ulong, CStr};

use crate::abi::consts::{
    EVP_CIPH_CCM_MODE as CCM_MODE, EVP_CIPH_FLAG_AEAD_CIPHER as FLAG_AEAD,
    EVP_CIPH_GCM_MODE as GCM_MODE, EVP_CIPH_MODE as MODE_MASK, EVP_CTRL_AEAD_GET_TAG,
    EVP_CTRL_AEAD_SET_IVLEN, EVP_CTRL_AEAD_SET_TAG, EVP_CTRL_CCM_SET_L,
};

/// A cipher (`EVP_CIPHER`): static, never freed. `nid`, `name`, lengths and
/// `flags` are what OpenSSL 3 reports for this object (probed from Debian
/// 12's libcrypto; a unit test checks the lengths against aws-lc).
#[derive(Debug)]
pub struct evp_cipher_st {
    pub nid: c_int,
    pub name: &'static CStr,
    pub block_size: c_int,
    pub key_len: c_int,
    pub iv_len: c_int,
    pub flags: c_ulong,
    pub alg: Alg,
    /// Other names `EVP_get_cipherbyname` / `EVP_CIPHER_fetch` accept.
    pub aliases: &'static [&'static str],
    /// Index in the other table (legacy <-> provider).
    pub index: usize,
}
crate::handle!(Lent: evp_cipher_st);
pub type EVP_CIPHER = evp_cipher_st;

impl evp_cipher_st {
    pub fn mode(&self) -> c_ulong {
        self.flags & MODE_MASK
    }

    pub fn is_aead(&self) -> bool {
        self.flags & FLAG_AEAD != 0
    }

    /// The provider's object for this algorithm (what a context reports).
    pub fn provided(&self) -> &'static EVP_CIPHER {
        PROVIDED[self.index]
    }

    pub fn legacy(&self) -> &'static EVP_CIPHER {
        LEGACY[self.index]
    }
}

macro_rules! ciphers {
    ($($i:literal: $legacy:ident, $prov:ident, $nid:ident, $sn:literal, $pname:literal, $bs:literal, $kl:literal, $ivl:literal, $lf:literal, $pf:literal, $alg:ident, [$($alias:literal),*];)*) => {
        $(pub static $legacy: EVP_CIPHER = EVP_CIPHER {
            nid: $nid, name: $sn, block_size: $bs, key_len: $kl, iv_len: $ivl,
            flags: $lf, alg: Alg::$alg, aliases: &[$($alias),*], index: $i,
        };
        pub static $prov: EVP_CIPHER = EVP_CIPHER {
            nid: $nid, name: $pname, block_size: $bs, key_len: $kl, iv_len: $ivl,
            flags: $pf, alg: Alg::$alg, aliases: &[$($alias),*], index: $i,
        };)*
        /// The objects `EVP_aes_128_cbc()` and co return.
        pub static LEGACY: &[&EVP_CIPHER] = &[$(&$legacy),*];
        /// The objects `EVP_CIPHER_fetch` returns and contexts report.
        pub static PROVIDED: &[&EVP_CIPHER] = &[$(&$prov),*];
    };
}
ciphers! {
    0: AES_128_ECB, P_AES_128_ECB, NID_aes_128_ecb, c"AES-128-ECB", c"AES-128-ECB", 16, 16, 0, 0x1, 0x100001, Aes128Ecb, [];
    1: AES_128_CBC, P_AES_128_CBC, NID_aes_128_cbc, c"AES-128-CBC", c"AES-128-CBC", 16, 16, 16, 0x2, 0x100002, Aes128Cbc, ["AES128"];
    2: AES_128_CTR, P_AES_128_CTR, NID_aes_128_ctr, c"AES-128-CTR", c"AES-128-CTR", 1, 16, 16, 0x5, 0x100005, Aes128Ctr, [];
    3: AES_128_GCM, P_AES_128_GCM, NID_aes_128_gcm, c"id-aes128-GCM", c"AES-128-GCM", 1, 16, 12, 0x300c76, 0x300016, Aes128Gcm, ["AES-128-GCM"];
    4: AES_128_OFB, P_AES_128_OFB, NID_aes_128_ofb128, c"AES-128-OFB", c"AES-128-OFB", 1, 16, 16, 0x4, 0x100004, Aes128Ofb, [];
    5: AES_128_CFB, P_AES_128_CFB, NID_aes_128_cfb128, c"AES-128-CFB", c"AES-128-CFB", 1, 16, 16, 0x3, 0x100003, Aes128Cfb128, [];
    6: AES_128_CFB8, P_AES_128_CFB8, NID_aes_128_cfb8, c"AES-128-CFB8", c"AES-128-CFB8", 1, 16, 16, 0x3, 0x100003, Aes128Cfb8, [];
    7: AES_128_CFB1, P_AES_128_CFB1, NID_aes_128_cfb1, c"AES-128-CFB1", c"AES-128-CFB1", 1, 16, 16, 0x3, 0x100003, Aes128Cfb1, [];
    8: AES_128_CCM, P_AES_128_CCM, NID_aes_128_ccm, c"id-aes128-CCM", c"AES-128-CCM", 1, 16, 12, 0x300c77, 0x300017, Aes128Ccm, ["AES-128-CCM"];
    9: AES_192_ECB, P_AES_192_ECB, NID_aes_192_ecb, c"AES-192-ECB", c"AES-192-ECB", 16, 24, 0, 0x1, 0x100001, Aes192Ecb, [];
    10: AES_192_CBC, P_AES_192_CBC, NID_aes_192_cbc, c"AES-192-CBC", c"AES-192-CBC", 16, 24, 16, 0x2, 0x100002, Aes192Cbc, ["AES192"];
    11: AES_192_CTR, P_AES_192_CTR, NID_aes_192_ctr, c"AES-192-CTR", c"AES-192-CTR", 1, 24, 16, 0x5, 0x100005, Aes192Ctr, [];
    12: AES_192_GCM, P_AES_192_GCM, NID_aes_192_gcm, c"id-aes192-GCM", c"AES-192-GCM", 1, 24, 12, 0x300c76, 0x300016, Aes192Gcm, ["AES-192-GCM"];
    13: AES_192_OFB, P_AES_192_OFB, NID_aes_192_ofb128, c"AES-192-OFB", c"AES-192-OFB", 1, 24, 16, 0x4, 0x100004, Aes192Ofb, [];
    14: AES_192_CFB, P_AES_192_CFB, NID_aes_192_cfb128, c"AES-192-CFB", c"AES-192-CFB", 1, 24, 16, 0x3, 0x100003, Aes192Cfb128, [];
    15: AES_192_CFB8, P_AES_192_CFB8, NID_aes_192_cfb8, c"AES-192-CFB8", c"AES-192-CFB8", 1, 24, 16, 0x3, 0x100003, Aes192Cfb8, [];
    16: AES_192_CFB1, P_AES_192_CFB1, NID_aes_192_cfb1, c"AES-192-CFB1", c"AES-192-CFB1", 1, 24, 16, 0x3, 0x100003, Aes192Cfb1, [];
    17: AES_192_CCM, P_AES_192_CCM, NID_aes_192_ccm, c"id-aes192-CCM", c"AES-192-CCM", 1, 24, 12, 0x300c77, 0x300017, Aes192Ccm, ["AES-192-CCM"];
    18: AES_256_ECB, P_AES_256_ECB, NID_aes_256_ecb, c"AES-256-ECB", c"AES-256-ECB", 16, 32, 0, 0x1, 0x100001, Aes256Ecb, [];
    19: AES_256_CBC, P_AES_256_CBC, NID_aes_256_cbc, c"AES-256-CBC", c"AES-256-CBC", 16, 32, 16, 0x2, 0x100002, Aes256Cbc, ["AES256"];
    20: AES_256_CTR, P_AES_256_CTR, NID_aes_256_ctr, c"AES-256-CTR", c"AES-256-CTR", 1, 32, 16, 0x5, 0x100005, Aes256Ctr, [];
    21: AES_256_GCM, P_AES_256_GCM, NID_aes_256_gcm, c"id-aes256-GCM", c"AES-256-GCM", 1, 32, 12, 0x300c76, 0x300016, Aes256Gcm, ["AES-256-GCM"];
    22: AES_256_OFB, P_AES_256_OFB, NID_aes_256_ofb128, c"AES-256-OFB", c"AES-256-OFB", 1, 32, 16, 0x4, 0x100004, Aes256Ofb, [];
    23: AES_256_CFB, P_AES_256_CFB, NID_aes_256_cfb128, c"AES-256-CFB", c"AES-256-CFB", 1, 32, 16, 0x3, 0x100003, Aes256Cfb128, [];
    24: AES_256_CFB8, P_AES_256_CFB8, NID_aes_256_cfb8, c"AES-256-CFB8", c"AES-256-CFB8", 1, 32, 16, 0x3, 0x100003, Aes256Cfb8, [];
    25: AES_256_CFB1, P_AES_256_CFB1, NID_aes_256_cfb1, c"AES-256-CFB1", c"AES-256-CFB1", 1, 32, 16, 0x3, 0x100003, Aes256Cfb1, [];
    26: AES_256_CCM, P_AES_256_CCM, NID_aes_256_ccm, c"id-aes256-CCM", c"AES-256-CCM", 1, 32, 12, 0x300c77, 0x300017, Aes256Ccm, ["AES-256-CCM"];
    27: CHACHA20_POLY1305, P_CHACHA20_POLY1305, NID_chacha20_poly1305, c"ChaCha20-Poly1305", c"ChaCha20-Poly1305", 1, 32, 12, 0x300c70, 0x300010, ChaCha20Poly1305, [];
    28: DES_EDE3_CBC, P_DES_EDE3_CBC, NID_des_ede3_cbc, c"DES-EDE3-CBC", c"DES-EDE3-CBC", 8, 24, 8, 0x202, 0x100202, DesEde3Cbc, ["DES3"];
    29: DES_EDE3_ECB, P_DES_EDE3_ECB, NID_des_ede3_ecb, c"DES-EDE3", c"DES-EDE3-ECB", 8, 24, 0, 0x201, 0x100201, DesEde3Ecb, ["DES-EDE3-ECB"];
}

/// `EVP_get_cipherbyname`: by short or long name, alias or OID, any case.
pub fn legacy_by_name(name: &str) -> Option<&'static EVP_CIPHER> {
    let nid = crate::crypto::asn1::nid_by_txt(name);
    LEGACY
        .iter()
        .copied()
        .find(|c| {
            (nid != NID_undef && c.nid == nid)
                || c.name.to_str().is_ok_and(|n| n.eq_ignore_ascii_case(name))
                || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
        .or_else(|| {
            // long names differ from short ones only in case ("aes-256-cbc")
            LEGACY
                .iter()
                .copied()
                .find(|c| crate::crypto::asn1::nid_by_ln(&name.to_ascii_lowercase()) == c.nid)
        })
}

pub fn legacy_by_nid(nid: c_int) -> Option<&'static EVP_CIPHER> {
    LEGACY.iter().copied().find(|c| c.nid == nid)
}

/// `EVP_CIPHER_fetch`: the provider's object named `name`, if the default
/// provider would match the property query `props`.
pub fn fetch(name: &str, props: Option<&str>) -> Result<&'static EVP_CIPHER, Error> {
    let unsupported = || {
        Error::new(ERR_LIB_EVP, crate::abi::reasons::ERR_R_UNSUPPORTED).data(&format!(
            "Global default library context, Algorithm ({name} : 0), Properties ({})",
            props.unwrap_or("<null>")
        ))
    };
    if !props.is_none_or(default_provider_matches) {
        return Err(unsupported());
    }
    legacy_by_name(name)
        .map(|c| c.provided())
        .ok_or_else(unsupported)
}

/// Whether OpenSSL 3's default provider (`provider=default`, no `fips`)
/// satisfies the property query `q` ("provider=default", "fips=yes",
/// "-fips", "?fips=yes", ...). Optional clauses never fail.
pub fn default_provider_matches(q: &str) -> bool {
    q.split(',').map(str::trim).all(|clause| {
        if clause.is_empty() || clause.starts_with('?') || clause.starts_with('-') {
            return true;
        }
        let (name, neg, value) = if let Some((n, v)) = clause.split_once("!=") {
            (n, true, v)
        } else if let Some((n, v)) = clause.split_once('=') {
            (n, false, v)
        } else {
            (clause, false, "yes")
        };
        let (name, value) = (name.trim(), value.trim().trim_matches('"'));
        let have = match name.to_ascii_lowercase().as_str() {
            "provider" => "default",
            _ => "no",
        };
        let is_false = |v: &str| v.eq_ignore_ascii_case("no") || v.eq_ignore_ascii_case("false");
        let eq = value.eq_ignore_ascii_case(have) || (have == "no" && is_false(value));
        eq != neg
    })
}

fn evp(reason: c_int) -> Error {
    Error::new(ERR_LIB_EVP, reason)
}

fn prov(reason: c_int) -> Error {
    Error::new(ERR_LIB_PROV, reason)
}

/// Which entry point drives an update or final: `EVP_Cipher*` works in
/// either direction, `EVP_Encrypt*` / `EVP_Decrypt*` only in theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Either,
    Encrypt,
    Decrypt,
}

/// An `EVP_CIPHER_CTX`'s state.
pub struct CipherState {
    lc: CipherCtx,
    cipher: Option<&'static EVP_CIPHER>,
    encrypt: bool,
    tag_len: Option<usize>,
    /// A context flag in OpenSSL 3: it survives re-init with another cipher.
    padding: bool,
    /// Whether a key was given since the cipher was chosen: aws-lc would run
    /// on an empty key schedule (found by fuzz/evp_seq).
    key_set: bool,
}

impl CipherState {
    pub fn new() -> Result<Self, Error> {
        Ok(CipherState {
            lc: CipherCtx::new().ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?,
            cipher: None,
            encrypt: true,
            tag_len: None,
            padding: true,
            key_set: false,
        })
    }

    /// The provider's object of the cipher set, if any.
    pub fn cipher(&self) -> Option<&'static EVP_CIPHER> {
        self.cipher
    }

    pub fn encrypting(&self) -> bool {
        self.encrypt
    }

    pub fn key_len(&self) -> usize {
        self.lc.key_len()
    }

    pub fn iv_len(&self) -> usize {
        self.lc.iv_len()
    }

    pub fn block_size(&self) -> usize {
        self.lc.block_size()
    }

    /// `EVP_CIPHER_CTX_get_tag_length`: the tag length of an AEAD (OpenSSL
    /// reports 16 when encrypting, and the length set when decrypting).
    pub fn tag_len(&self) -> usize {
        match self.cipher {
            Some(c) if c.is_aead() => self.tag_len.unwrap_or(match (self.encrypt, c.mode()) {
                (_, CCM_MODE) => 12,
                (_, GCM_MODE) | (true, _) => 16,
                _ => 0,
            }),
            _ => 0,
        }
    }

    /// `EVP_CipherInit_ex`: `cipher` None keeps the current one; `key` and
    /// `iv` are C's pointers (NULL: unchanged), read for the cipher's lengths.
    pub fn init(
        &mut self,
        cipher: Option<&'static EVP_CIPHER>,
        key: *const u8,
        iv: *const u8,
        enc: c_int,
    ) -> Result<(), Error> {
        ffi::cipher::clear_errors();
        if cipher.is_none() && self.cipher.is_none() {
            return Err(evp(EVP_R_NO_CIPHER_SET));
        }
        if enc != -1 {
            self.encrypt = enc != 0;
        }
        let e = c_int::from(self.encrypt);
        if let Some(c) = cipher {
            if !self.lc.init(Some(c.alg), None, None, e) {
                return Err(Error::aws_lc(ERR_LIB_EVP));
            }
            self.cipher = Some(c.provided());
            self.tag_len = None;
            self.key_set = false;
            self.lc.set_padding(self.padding);
            if c.mode() == CCM_MODE {
                // OpenSSL 3's CCM context defaults: a 7-byte nonce (L = 8)
                // and a 12-byte tag; aws-lc's are 13 and 14.
                let ok = self.lc.ctrl(Ctrl::SetIvLen, 7, None) == 1
                    && self.lc.ctrl(Ctrl::SetTag, 12, None) == 1;
                if !ok {
                    return Err(Error::aws_lc(ERR_LIB_EVP));
                }
            }
        }
        let key = (!key.is_null())
            .then(|| ffi::slice_usize(key, self.lc.key_len()))
            .transpose()?;
        let iv = (!iv.is_null() && self.lc.iv_len() > 0)
            .then(|| ffi::slice_usize(iv, self.lc.iv_len()))
            .transpose()?;
        if (key.is_some() || iv.is_some()) && !self.lc.init(None, key, iv, e) {
            return Err(Error::aws_lc(ERR_LIB_EVP));
        }
        self.key_set |= key.is_some();
        Ok(())
    }

    fn check(&self, dir: Dir) -> Result<&'static EVP_CIPHER, Error> {
        let c = self.cipher.ok_or_else(|| evp(EVP_R_INVALID_OPERATION))?;
        if !self.key_set {
            return Err(prov(crate::abi::reasons::PROV_R_NO_KEY_SET));
        }
        match dir {
            Dir::Encrypt if !self.encrypt => Err(evp(EVP_R_INVALID_OPERATION)),
            Dir::Decrypt if self.encrypt => Err(evp(EVP_R_INVALID_OPERATION)),
            _ => Ok(c),
        }
    }

    /// `EVP_CipherUpdate` with C's buffers: the bytes written to `out`.
    pub fn update(
        &mut self,
        dir: Dir,
        out: *mut u8,
        input: *const u8,
        inl: c_int,
    ) -> Result<usize, Error> {
        ffi::cipher::clear_errors();
        let c = self.check(dir)?;
        let inl = usize::try_from(inl).map_err(|_| prov(PROV_R_OUTPUT_BUFFER_TOO_SMALL))?;
        if inl == 0 && !(c.mode() == CCM_MODE && input.is_null()) {
            return Ok(0);
        }
        let input = if input.is_null() {
            if c.mode() != CCM_MODE || !out.is_null() {
                return Err(evp(ERR_R_PASSED_NULL_PARAMETER));
            }
            None
        } else {
            Some(ffi::slice_usize(input, inl)?)
        };
        let out = if out.is_null() {
            if !c.is_aead() {
                return Err(evp(ERR_R_PASSED_NULL_PARAMETER));
            }
            None
        } else {
            Some(ffi::slice_mut_usize(
                out,
                inl + self.lc.block_size().max(1) - 1,
            )?)
        };
        self.lc
            .update(out, input, inl)
            .ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))
    }

    /// `EVP_CipherFinal_ex`: Ok(Some(n)) bytes written; Ok(None) for an AEAD
    /// whose tag did not verify (OpenSSL returns 0 and queues nothing).
    pub fn finish(&mut self, dir: Dir, out: *mut u8) -> Result<Option<usize>, Error> {
        ffi::cipher::clear_errors();
        let c = self.check(dir)?;
        let mut buf = [0u8; 32];
        match self.lc.finish(&mut buf) {
            Some(n) => {
                if n > 0 {
                    ffi::slice_mut_usize(out, n)?.copy_from_slice(&buf[..n]);
                }
                Ok(Some(n))
            }
            None => match ffi::cipher::take_error() {
                None if c.is_aead() => Ok(None),
                e => Err(Error::from_aws_lc(ERR_LIB_EVP, e)),
            },
        }
    }

    /// `EVP_Cipher`: OpenSSL 3's return (bytes processed, or -1).
    pub fn cipher_raw(&mut self, out: *mut u8, input: *const u8, inl: u32) -> Result<c_int, Error> {
        ffi::cipher::clear_errors();
        let c = self.check(Dir::Either)?;
        let n = inl as usize;
        let input = (!input.is_null())
            .then(|| ffi::slice_usize(input, n))
            .transpose()?;
        let out = (!out.is_null())
            .then(|| ffi::slice_mut_usize(out, n))
            .transpose()?;
        let custom = c.is_aead();
        if !custom && (input.is_none() || out.is_none()) {
            return Ok(if n == 0 { 0 } else { -1 });
        }
        let r = self.lc.cipher(out, input);
        ffi::cipher::clear_errors();
        Ok(if custom {
            r
        } else if r == 1 {
            inl as c_int
        } else {
            -1
        })
    }

    pub fn set_padding(&mut self, on: bool) -> bool {
        if self.cipher.is_none() {
            return false;
        }
        self.padding = on;
        self.lc.set_padding(on);
        true
    }

    pub fn set_key_length(&mut self, n: c_int) -> Result<(), Error> {
        self.cipher.ok_or_else(|| evp(EVP_R_NO_CIPHER_SET))?;
        ffi::cipher::clear_errors();
        let n = usize::try_from(n).map_err(|_| evp(EVP_R_INVALID_KEY_LENGTH))?;
        if n == self.lc.key_len() {
            return Ok(());
        }
        if self.lc.set_key_length(n) {
            Ok(())
        } else {
            ffi::cipher::clear_errors();
            Err(evp(EVP_R_INVALID_KEY_LENGTH))
        }
    }

    /// `EVP_CIPHER_CTX_ctrl` with OpenSSL 3's answers: 1, or an error.
    pub fn ctrl(&mut self, cmd: c_int, arg: c_int, ptr: *mut u8) -> Result<c_int, Error> {
        ffi::cipher::clear_errors();
        let c = self.cipher.ok_or_else(|| evp(EVP_R_NO_CIPHER_SET))?;
        let known = matches!(
            cmd,
            EVP_CTRL_AEAD_SET_IVLEN
                | EVP_CTRL_AEAD_GET_TAG
                | EVP_CTRL_AEAD_SET_TAG
                | EVP_CTRL_CCM_SET_L
        );
        if !known {
            return Err(evp(EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED));
        }
        if !c.is_aead() {
            // OpenSSL 3 passes these on as parameters the cipher ignores.
            return Ok(1);
        }
        let ccm = c.mode() == CCM_MODE;
        let r = match cmd {
            EVP_CTRL_AEAD_SET_IVLEN => {
                if arg <= 0 || self.lc.ctrl(Ctrl::SetIvLen, arg, None) != 1 {
                    return Err(prov(PROV_R_INVALID_IV_LENGTH));
                }
                1
            }
            EVP_CTRL_AEAD_GET_TAG => {
                if ptr.is_null() || arg <= 0 || arg > 16 || !self.encrypt {
                    return Err(prov(PROV_R_INVALID_TAG));
                }
                let buf = ffi::slice_mut_usize(ptr, arg as usize)?;
                if self.lc.ctrl(Ctrl::GetTag, arg, Some(buf)) != 1 {
                    return Err(prov(PROV_R_INVALID_TAG));
                }
                1
            }
            EVP_CTRL_AEAD_SET_TAG => {
                if !ccm && (ptr.is_null() || arg <= 0 || arg > 16) {
                    return Err(prov(PROV_R_FAILED_TO_GET_PARAMETER));
                }
                if !ccm && self.encrypt {
                    return Err(prov(PROV_R_INVALID_TAG));
                }
                let buf = (!ptr.is_null())
                    .then(|| ffi::slice_mut_usize(ptr, arg.max(0) as usize))
                    .transpose()?;
                if self.lc.ctrl(Ctrl::SetTag, arg, buf) != 1 {
                    return Err(prov(PROV_R_INVALID_TAG));
                }
                self.tag_len = Some(arg as usize);
                1
            }
            _ => {
                if !ccm || self.lc.ctrl(Ctrl::CcmSetL, arg, None) != 1 {
                    return Err(evp(EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED));
                }
                1
            }
        };
        ffi::cipher::clear_errors();
        Ok(r)
    }

    /// `EVP_CIPHER_CTX_reset`.
    pub fn reset(&mut self) {
        self.lc.reset();
        self.cipher = None;
        self.encrypt = true;
        self.tag_len = None;
        self.padding = true;
        self.key_set = false;
    }

    pub fn try_clone(&self) -> Result<Self, Error> {
        Ok(CipherState {
            lc: self
                .lc
                .try_clone()
                .ok_or_else(|| Error::aws_lc(ERR_LIB_EVP))?,
            cipher: self.cipher,
            encrypt: self.encrypt,
            tag_len: self.tag_len,
            padding: self.padding,
            key_set: self.key_set,
        })
    }
}

/// Whether `GCM_MODE` (used by the tests).
pub fn is_gcm(c: &EVP_CIPHER) -> bool {
    c.mode() == GCM_MODE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_aws_lc() {
        for t in [LEGACY, PROVIDED] {
            for (i, c) in t.iter().enumerate() {
                assert_eq!(c.index, i, "{:?}", c.name);
                assert_eq!(c.key_len as usize, c.alg.key_len(), "{:?}", c.name);
                // aws-lc's CCM nonce defaults to 13 bytes; ferrossl sets 12 at init
                if c.mode() != CCM_MODE {
                    assert_eq!(c.iv_len as usize, c.alg.iv_len(), "{:?}", c.name);
                }
                assert_eq!(c.block_size as usize, c.alg.block_size(), "{:?}", c.name);
            }
        }
        for (l, p) in LEGACY.iter().zip(PROVIDED) {
            assert_eq!((l.nid, l.mode()), (p.nid, p.mode()));
            assert_eq!(
                crate::crypto::asn1::nid_by_sn(l.name.to_str().unwrap()),
                l.nid,
                "{:?}",
                l.name
            );
        }
    }

    #[test]
    fn names_and_properties() {
        let n = |s| legacy_by_name(s).map(|c| c.name.to_str().unwrap());
        assert_eq!(n("aes-256-cbc"), Some("AES-256-CBC"));
        assert_eq!(n("AES256"), Some("AES-256-CBC"));
        assert_eq!(n("aes-256-gcm"), Some("id-aes256-GCM"));
        assert_eq!(n("chacha20-poly1305"), Some("ChaCha20-Poly1305"));
        assert_eq!(n("des3"), Some("DES-EDE3-CBC"));
        assert_eq!(n("2.16.840.1.101.3.4.1.42"), Some("AES-256-CBC"));
        assert_eq!(n("nosuch"), None);
        assert_eq!(n("AES-128-CFB128"), None);
        assert!(default_provider_matches("provider=default"));
        assert!(default_provider_matches("-fips"));
        assert!(default_provider_matches("?fips=yes"));
        assert!(default_provider_matches("fips=no"));
        assert!(!default_provider_matches("fips=yes"));
        assert!(!default_provider_matches("provider=legacy"));
        assert_eq!(
            fetch("aes-128-gcm", None).unwrap().name.to_str().unwrap(),
            "AES-128-GCM"
        );
    }
}
