//! (e) EVP cipher, BN and base64 sequences: the fuzzer's bytes decode into
//! calls on two cipher contexts, four BIGNUMs and a base64 context, with
//! fuzzer-chosen ciphers, keys, IVs, ctrl commands and arguments, chunk
//! sizes, and the calls OpenSSL allows in any order (update before init,
//! final twice, ctrl on the wrong cipher, decrypt with a forged tag). Every
//! output buffer is sized as OpenSSL documents (input plus a block), so any
//! write past it, crash, or leak is the library's. A decrypt of what was
//! just encrypted with the same settings must give the plaintext back.
//! OpenSSL 3's EVP_MAC (HMAC) and EVP_KDF (HKDF, PBKDF2, scrypt with small
//! costs) run on fuzzer-built OSSL_PARAM arrays (names, types and sizes
//! chosen by the fuzzer), and the OSSL_PARAM getters and setters on
//! entries whose type and size do not match their C type.
#![no_main]

use std::ffi::{c_int, c_uint};
use std::ptr::{null, null_mut};

use ferrossl::crypto::cipher::{LEGACY, PROVIDED};
use ferrossl::entry::*;
use libfuzzer_sys::fuzz_target;

struct In<'a>(&'a [u8]);
impl In<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.0.len());
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        a
    }
}

fn cipher(i: u8) -> *const EVP_CIPHER {
    let all: Vec<_> = LEGACY.iter().chain(PROVIDED.iter()).collect();
    *all[i as usize % all.len()] as *const EVP_CIPHER
}

/// Digest names a MAC or KDF parameter may carry (the last is no digest).
const DIGESTS: [&[u8]; 7] = [
    b"SHA256\0",
    b"SHA1\0",
    b"SHA512\0",
    b"MD5\0",
    b"SHA3-256\0",
    b"sha384\0",
    b"NOPE\0",
];

/// An entry `key` over `v` (NUL-terminated): UTF8_STRING, or OCTET_STRING
/// when `octets` (the wrong type for a name).
fn param_str(key: &'static std::ffi::CStr, v: &mut [u8], octets: bool) -> OSSL_PARAM {
    if octets {
        OSSL_PARAM_construct_octet_string(key.as_ptr(), v.as_mut_ptr().cast(), v.len() - 1)
    } else {
        OSSL_PARAM_construct_utf8_string(key.as_ptr(), v.as_mut_ptr().cast(), 0)
    }
}

fuzz_target!(|data: &[u8]| {
    let mut d = In(data);
    let ctx = [EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_new()];
    let bn = [BN_new(), BN_new(), BN_new(), BN_new()];
    let bctx = BN_CTX_new();
    let enc = EVP_ENCODE_CTX_new();
    let mac = EVP_MAC_CTX_new(EVP_MAC_fetch(null_mut(), c"HMAC".as_ptr(), null()));
    let kdf = [c"HKDF", c"PBKDF2", c"SCRYPT"]
        .map(|n| EVP_KDF_CTX_new(EVP_KDF_fetch(null_mut(), n.as_ptr(), null())));
    let key = [0x5au8; 64];
    let mut out = vec![0u8; 4096 + 64];
    let mut n: c_int = 0;
    while let Some(op) = d.byte() {
        let a = d.byte().unwrap_or(0);
        let c = ctx[(a & 1) as usize];
        match op % 20 {
            0 => {
                let k = d.take(64).to_vec();
                let mut kb = key;
                kb[..k.len()].copy_from_slice(&k);
                let e = c_int::from(a >> 1 & 1) - c_int::from(a >> 2 & 1);
                let ci = if a & 8 != 0 {
                    null()
                } else {
                    cipher(d.byte().unwrap_or(0))
                };
                let kp = if a & 16 != 0 { null() } else { kb.as_ptr() };
                let ivp = if a & 32 != 0 { null() } else { kb.as_ptr() };
                EVP_CipherInit_ex(c, ci, null_mut(), kp, ivp, e);
            }
            1 | 2 => {
                let len = d.byte().unwrap_or(0) as usize * 8 + (a as usize >> 1);
                let inp = d.take(len).to_vec();
                let o = if op % 16 == 2 {
                    null_mut()
                } else {
                    out.as_mut_ptr()
                };
                let ip = if inp.is_empty() && a & 2 != 0 {
                    null()
                } else {
                    inp.as_ptr()
                };
                EVP_CipherUpdate(c, o, &mut n, ip, inp.len() as c_int);
            }
            3 => {
                EVP_CipherFinal_ex(c, out.as_mut_ptr(), &mut n);
            }
            4 => {
                let cmd = [0x9, 0x10, 0x11, 0x14, 0x7777][d.byte().unwrap_or(0) as usize % 5];
                let arg = d.byte().unwrap_or(0) as i8 as c_int;
                let p = if a & 2 != 0 {
                    null_mut()
                } else {
                    out.as_mut_ptr().cast()
                };
                EVP_CIPHER_CTX_ctrl(c, cmd, arg.clamp(-4, 64), p);
            }
            5 => {
                EVP_CIPHER_CTX_set_padding(c, c_int::from(a & 2 != 0));
                EVP_CIPHER_CTX_set_key_length(c, d.byte().unwrap_or(0) as c_int);
            }
            6 => {
                EVP_CIPHER_CTX_copy(ctx[((a & 1) ^ 1) as usize], c);
            }
            7 => {
                EVP_CIPHER_CTX_reset(c);
            }
            8 => {
                let len = d.byte().unwrap_or(0) as usize;
                let inp = d.take(len).to_vec();
                let ip = if a & 2 != 0 { null() } else { inp.as_ptr() };
                let o = if a & 4 != 0 {
                    null_mut()
                } else {
                    out.as_mut_ptr()
                };
                EVP_Cipher(c, o, ip, inp.len() as u32);
            }
            9 => {
                // a round trip with the same settings must give the input back
                let ci = cipher(d.byte().unwrap_or(0));
                let len = d.byte().unwrap_or(0) as usize;
                let pt = d.take(len).to_vec();
                let (e, x) = (ctx[0], ctx[1]);
                let mut ct = vec![0u8; pt.len() + 64];
                let mut back = vec![0u8; pt.len() + 64];
                let (mut m, mut k) = (0, 0);
                if EVP_EncryptInit_ex(e, ci, null_mut(), key.as_ptr(), key.as_ptr()) == 1
                    && EVP_CIPHER_CTX_set_padding(e, 1) == 1
                    && EVP_EncryptUpdate(e, ct.as_mut_ptr(), &mut m, pt.as_ptr(), pt.len() as c_int)
                        == 1
                    && EVP_EncryptFinal_ex(e, ct[m as usize..].as_mut_ptr(), &mut k) == 1
                {
                    let cl = (m + k) as usize;
                    let mut tag = [0u8; 16];
                    let aead = EVP_CIPHER_get_flags(ci) & 0x200000 != 0;
                    let ccm = EVP_CIPHER_get_mode(ci) == 7;
                    if ccm {
                        // CCM needs the length up front; skip it here
                    } else {
                        if aead {
                            EVP_CIPHER_CTX_ctrl(e, 0x10, 16, tag.as_mut_ptr().cast());
                        }
                        let (mut m2, mut k2) = (0, 0);
                        assert_eq!(
                            EVP_DecryptInit_ex(x, ci, null_mut(), key.as_ptr(), key.as_ptr()),
                            1
                        );
                        EVP_CIPHER_CTX_set_padding(x, 1);
                        if aead {
                            EVP_CIPHER_CTX_ctrl(x, 0x11, 16, tag.as_mut_ptr().cast());
                        }
                        assert_eq!(
                            EVP_DecryptUpdate(
                                x,
                                back.as_mut_ptr(),
                                &mut m2,
                                ct.as_ptr(),
                                cl as c_int
                            ),
                            1
                        );
                        assert_eq!(
                            EVP_DecryptFinal_ex(x, back[m2 as usize..].as_mut_ptr(), &mut k2),
                            1
                        );
                        assert_eq!(&back[..(m2 + k2) as usize], &pt[..]);
                    }
                }
            }
            10 => {
                let len = d.byte().unwrap_or(0) as usize;
                let b = d.take(len).to_vec();
                BN_bin2bn(b.as_ptr(), b.len() as c_int, bn[(a & 3) as usize]);
                BN_set_negative(bn[(a & 3) as usize], c_int::from(a & 4 != 0));
            }
            11 => {
                let (r, x, y, m) = (
                    bn[(a & 3) as usize],
                    bn[(a >> 2 & 3) as usize],
                    bn[(a >> 4 & 3) as usize],
                    bn[(a >> 6 & 3) as usize],
                );
                match d.byte().unwrap_or(0) % 8 {
                    0 => {
                        BN_add(r, x, y);
                    }
                    1 => {
                        BN_sub(r, x, y);
                    }
                    2 => {
                        BN_mul(r, x, y, bctx);
                    }
                    3 => {
                        BN_div(r, m, x, y, bctx);
                    }
                    4 => {
                        if BN_num_bits(y) < 64 {
                            BN_mod_exp(r, x, y, m, bctx);
                        }
                    }
                    5 => {
                        BN_mod_inverse(r, x, m, bctx);
                    }
                    6 => {
                        BN_gcd(r, x, y, bctx);
                    }
                    _ => {
                        BN_lshift(r, x, (d.byte().unwrap_or(0) as c_int) - 8);
                    }
                }
                if BN_num_bits(r) > 4096 {
                    BN_zero_ex(r);
                }
            }
            12 => {
                let h = BN_bn2hex(bn[(a & 3) as usize]);
                let mut back = null_mut();
                if !h.is_null() {
                    BN_hex2bn(&mut back, h);
                    assert_eq!(BN_cmp(back, bn[(a & 3) as usize]), 0);
                    BN_free(back);
                    CRYPTO_free(h.cast(), null(), 0);
                }
                let s = BN_bn2dec(bn[(a & 3) as usize]);
                CRYPTO_free(s.cast(), null(), 0);
            }
            13 => {
                let len = d.byte().unwrap_or(0) as usize;
                let s = d.take(len).to_vec();
                EVP_DecodeBlock(out.as_mut_ptr(), s.as_ptr(), s.len() as c_int);
                EVP_EncodeBlock(out.as_mut_ptr(), s.as_ptr(), s.len() as c_int);
            }
            14 => {
                let len = d.byte().unwrap_or(0) as usize;
                let s = d.take(len).to_vec();
                if a & 2 != 0 {
                    EVP_DecodeInit(enc);
                }
                EVP_DecodeUpdate(enc, out.as_mut_ptr(), &mut n, s.as_ptr(), s.len() as c_int);
                if a & 4 != 0 {
                    EVP_DecodeFinal(enc, out.as_mut_ptr(), &mut n);
                }
            }
            15 => {
                let len = d.byte().unwrap_or(0) as usize;
                let s = d.take(len).to_vec();
                if a & 2 != 0 {
                    EVP_EncodeInit(enc);
                }
                EVP_EncodeUpdate(enc, out.as_mut_ptr(), &mut n, s.as_ptr(), s.len() as c_int);
                if a & 4 != 0 {
                    EVP_EncodeFinal(enc, out.as_mut_ptr(), &mut n);
                }
            }
            16 => {
                let klen = d.byte().unwrap_or(0) as usize % 80;
                let k = d.take(klen).to_vec();
                let mut dn = DIGESTS[d.byte().unwrap_or(0) as usize % DIGESTS.len()].to_vec();
                let mut ps = Vec::new();
                if a & 2 != 0 {
                    ps.push(param_str(c"digest", &mut dn, a & 4 != 0));
                }
                let mut kb = k.clone();
                if a & 8 != 0 {
                    ps.push(OSSL_PARAM_construct_octet_string(
                        c"key".as_ptr(),
                        kb.as_mut_ptr().cast(),
                        kb.len(),
                    ));
                }
                ps.push(OSSL_PARAM_construct_end());
                let pp = if a & 16 != 0 { null() } else { ps.as_ptr() };
                if a & 32 != 0 {
                    EVP_MAC_CTX_set_params(mac, pp);
                } else {
                    let kp = if a & 64 != 0 { null() } else { k.as_ptr() };
                    EVP_MAC_init(mac, kp, k.len(), pp);
                }
            }
            17 => {
                let len = d.byte().unwrap_or(0) as usize;
                let s = d.take(len).to_vec();
                let mut l = 0usize;
                match a % 4 {
                    0 | 1 => {
                        EVP_MAC_update(mac, s.as_ptr(), s.len());
                    }
                    2 => {
                        EVP_MAC_final(mac, out.as_mut_ptr(), &mut l, len % 80);
                        assert!(l <= 64);
                    }
                    _ => {
                        EVP_MAC_final(mac, null_mut(), &mut l, 0);
                        EVP_MAC_CTX_get_mac_size(mac);
                    }
                }
            }
            18 => {
                let kc = kdf[a as usize % 3];
                let mut dn = DIGESTS[d.byte().unwrap_or(0) as usize % DIGESTS.len()].to_vec();
                let klen = d.byte().unwrap_or(0) as usize % 64;
                let mut key = d.take(klen).to_vec();
                let slen = d.byte().unwrap_or(0) as usize % 32;
                let mut salt = d.take(slen).to_vec();
                let mut mode: c_int = c_int::from(d.byte().unwrap_or(0) % 4);
                let mut iter: u32 = u32::from(d.byte().unwrap_or(0) % 16);
                let mut sn: u64 = 1u64 << (d.byte().unwrap_or(0) % 11);
                let mut sr: u32 = 1 + u32::from(a >> 2 & 3);
                let mut sp: u32 = 1 + u32::from(a >> 4 & 1);
                let mut ps = Vec::new();
                if a & 32 != 0 {
                    ps.push(param_str(c"digest", &mut dn, a & 64 != 0));
                }
                let kname = if a % 3 == 0 { c"key" } else { c"pass" };
                ps.push(OSSL_PARAM_construct_octet_string(
                    kname.as_ptr(),
                    key.as_mut_ptr().cast(),
                    key.len(),
                ));
                if a & 128 != 0 {
                    ps.push(OSSL_PARAM_construct_octet_string(
                        c"salt".as_ptr(),
                        salt.as_mut_ptr().cast(),
                        salt.len(),
                    ));
                    ps.push(OSSL_PARAM_construct_octet_string(
                        c"info".as_ptr(),
                        salt.as_mut_ptr().cast(),
                        salt.len(),
                    ));
                }
                ps.push(OSSL_PARAM_construct_int(c"mode".as_ptr(), &mut mode));
                ps.push(OSSL_PARAM_construct_uint32(c"iter".as_ptr(), &mut iter));
                // scrypt's costs stay small: N <= 1024, r <= 4, p <= 2
                ps.push(OSSL_PARAM_construct_uint64(c"n".as_ptr(), &mut sn));
                ps.push(OSSL_PARAM_construct_uint32(c"r".as_ptr(), &mut sr));
                ps.push(OSSL_PARAM_construct_uint32(c"p".as_ptr(), &mut sp));
                ps.push(OSSL_PARAM_construct_end());
                let olen = d.byte().unwrap_or(0) as usize;
                EVP_KDF_CTX_get_kdf_size(kc);
                EVP_KDF_derive(kc, out.as_mut_ptr(), olen, ps.as_ptr());
                if a & 2 != 0 {
                    EVP_KDF_CTX_reset(kc);
                }
            }
            _ => {
                // one entry of a fuzzer-chosen type and size over a 64-byte buffer
                let mut buf = [0u8; 72];
                let blen = d.byte().unwrap_or(0) as usize % 65;
                let b = d.take(blen).to_vec();
                buf[..b.len()].copy_from_slice(&b);
                let mut p =
                    OSSL_PARAM_construct_octet_string(c"x".as_ptr(), buf.as_mut_ptr().cast(), blen);
                p.data_type = c_uint::from(d.byte().unwrap_or(0) % 9);
                let (mut i, mut u, mut z) = (0 as c_int, 0u64, 0usize);
                OSSL_PARAM_get_int(&p, &mut i);
                OSSL_PARAM_get_uint64(&p, &mut u);
                OSSL_PARAM_get_size_t(&p, &mut z);
                match a % 4 {
                    0 => {
                        OSSL_PARAM_set_int(&mut p, c_int::from(d.byte().unwrap_or(0) as i8) << 24);
                    }
                    1 => {
                        OSSL_PARAM_set_uint64(&mut p, u64::MAX >> (d.byte().unwrap_or(0) % 64));
                    }
                    2 => {
                        OSSL_PARAM_set_utf8_string(&mut p, c"a string of some length".as_ptr());
                    }
                    _ => {
                        let mut sp: *mut std::ffi::c_char = null_mut();
                        if OSSL_PARAM_get_utf8_string(&p, &mut sp, 0) == 1 {
                            CRYPTO_free(sp.cast(), null(), 0);
                        }
                        let mut small = [0 as std::ffi::c_char; 8];
                        let mut spp = small.as_mut_ptr();
                        OSSL_PARAM_get_utf8_string(&p, &mut spp, small.len());
                    }
                }
                assert!(p.return_size == usize::MAX || p.return_size <= 72);
            }
        }
        ERR_clear_error();
    }
    EVP_MAC_CTX_free(mac);
    for k in kdf {
        EVP_KDF_CTX_free(k);
    }
    for c in ctx {
        EVP_CIPHER_CTX_free(c);
    }
    for b in bn {
        BN_free(b);
    }
    BN_CTX_free(bctx);
    EVP_ENCODE_CTX_free(enc);
    ERR_clear_error();
});
