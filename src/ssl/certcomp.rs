//! RFC 8879 certificate compression (TLS 1.3): OpenSSL 3.2's preference list
//! (`SSL_CTX_set1_cert_comp_preference`) and its `SSL_OP_NO_TX_CERTIFICATE_COMPRESSION`
//! / `SSL_OP_NO_RX_CERTIFICATE_COMPRESSION` options, mapped onto rustls' compressors
//! (zlib via zlib-rs, brotli via the brotli crates; zstd is not built, as in an OpenSSL
//! without zstd).
//!
//! Each configured algorithm serves both ways: the client offers them (in order) in its
//! `compress_certificate` extension and a server in its CertificateRequest (RX), and a
//! side sends its own certificate compressed with the first one the peer offered (TX).

use crate::abi::consts::{
    TLSEXT_comp_cert_brotli, TLSEXT_comp_cert_none, TLSEXT_comp_cert_zlib,
    SSL_OP_NO_RX_CERTIFICATE_COMPRESSION, SSL_OP_NO_TX_CERTIFICATE_COMPRESSION,
};
use crate::abi::reasons::ERR_R_PASSED_INVALID_ARGUMENT;
use crate::crypto::err::Error;
use rustls::compress::{
    CertCompressor, CertDecompressor, CompressionLevel, BROTLI_COMPRESSOR, BROTLI_DECOMPRESSOR,
    ZLIB_COMPRESSOR, ZLIB_DECOMPRESSOR,
};
use rustls_pki_types::CertificateDer;
use std::ffi::c_int;

/// OpenSSL 3.2's default order (brotli, zlib, zstd), less zstd.
pub(crate) const DEFAULT: [c_int; 2] = [TLSEXT_comp_cert_brotli, TLSEXT_comp_cert_zlib];

/// Whether `alg` is built in (OpenSSL's `ossl_comp_has_alg`).
pub fn supported(alg: c_int) -> bool {
    compressor(alg).is_some()
}

fn compressor(alg: c_int) -> Option<&'static dyn CertCompressor> {
    match alg {
        TLSEXT_comp_cert_zlib => Some(ZLIB_COMPRESSOR),
        TLSEXT_comp_cert_brotli => Some(BROTLI_COMPRESSOR),
        _ => None,
    }
}

fn decompressor(alg: c_int) -> Option<&'static dyn CertDecompressor> {
    match alg {
        TLSEXT_comp_cert_zlib => Some(ZLIB_DECOMPRESSOR),
        TLSEXT_comp_cert_brotli => Some(BROTLI_DECOMPRESSOR),
        _ => None,
    }
}

/// OpenSSL's `ssl_set_cert_comp_pref`: no list (or an empty one) turns compression off;
/// otherwise the built-in algorithms of `algs` in order, unknown ones (zstd included)
/// ignored; a repeated one, or none left, fails and leaves the preference unchanged.
pub fn preference(algs: &[c_int]) -> Result<Vec<c_int>, Error> {
    let mut out = Vec::new();
    for &a in algs {
        if a != TLSEXT_comp_cert_none && supported(a) {
            if out.contains(&a) {
                return Err(Error::ssl(ERR_R_PASSED_INVALID_ARGUMENT)
                    .data("a compression algorithm is listed twice"));
            }
            out.push(a);
        }
    }
    if out.is_empty() && !algs.is_empty() {
        return Err(Error::ssl(ERR_R_PASSED_INVALID_ARGUMENT)
            .data("no supported certificate compression algorithm (zlib=1, brotli=2)"));
    }
    Ok(out)
}

/// What a config sends compressed (TX) and accepts compressed (RX).
pub fn codecs(
    prefs: &[c_int],
    options: u64,
) -> (
    Vec<&'static dyn CertCompressor>,
    Vec<&'static dyn CertDecompressor>,
) {
    let tx = if options & SSL_OP_NO_TX_CERTIFICATE_COMPRESSION == 0 {
        prefs.iter().filter_map(|&a| compressor(a)).collect()
    } else {
        Vec::new()
    };
    let rx = if options & SSL_OP_NO_RX_CERTIFICATE_COMPRESSION == 0 {
        prefs.iter().filter_map(|&a| decompressor(a)).collect()
    } else {
        Vec::new()
    };
    (tx, rx)
}

/// A TLS 1.3 Certificate message body for `chain` (empty request context, no
/// per-certificate extensions), which RFC 8879 compresses.
fn certificate_body(chain: &[CertificateDer<'_>]) -> Vec<u8> {
    let u24 = |n: usize| [(n >> 16) as u8, (n >> 8) as u8, n as u8];
    let mut list = Vec::new();
    for c in chain {
        list.extend_from_slice(&u24(c.len()));
        list.extend_from_slice(c);
        list.extend_from_slice(&[0, 0]);
    }
    let mut out = vec![0u8];
    out.extend_from_slice(&u24(list.len()));
    out.extend_from_slice(&list);
    out
}

/// `chain`'s Certificate message compressed with `alg`: (compressed, original length).
pub fn compress_chain(chain: &[CertificateDer<'_>], alg: c_int) -> Result<(Vec<u8>, usize), Error> {
    let c = compressor(alg).ok_or_else(|| {
        Error::ssl(ERR_R_PASSED_INVALID_ARGUMENT).data("unsupported compression algorithm")
    })?;
    let body = certificate_body(chain);
    let len = body.len();
    let out = c
        .compress(body, CompressionLevel::Amortized)
        .map_err(|_| Error::internal("certificate compression failed"))?;
    Ok((out, len))
}

/// OpenSSL's `ssl_compress_certs`: compresses every chain with each preferred
/// algorithm (`alg` 0) or with `alg` if preferred; true if at least one came out
/// smaller than it went in.
pub fn compress_all(
    chains: &[Vec<CertificateDer<'static>>],
    prefs: &[c_int],
    alg: c_int,
) -> Result<bool, Error> {
    if alg != 0 && !supported(alg) {
        return Err(
            Error::ssl(ERR_R_PASSED_INVALID_ARGUMENT).data("unsupported compression algorithm")
        );
    }
    let mut smaller = 0;
    for &a in prefs.iter().filter(|&&a| alg == 0 || a == alg) {
        for chain in chains {
            let (out, len) = compress_chain(chain, a)?;
            if out.len() < len {
                smaller += 1;
            }
        }
    }
    Ok(smaller > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preference_follows_openssl() {
        assert_eq!(preference(&[]).unwrap(), Vec::<c_int>::new());
        assert_eq!(preference(&[1, 2]).unwrap(), vec![1, 2]);
        // zstd (3) and unknown values are ignored, none left fails
        assert_eq!(preference(&[3, 2, 99]).unwrap(), vec![2]);
        assert!(preference(&[3]).is_err());
        assert!(preference(&[0]).is_err());
        assert!(preference(&[2, 1, 2]).is_err());
    }

    #[test]
    fn codecs_follow_options() {
        let (tx, rx) = codecs(&DEFAULT, 0);
        assert_eq!((tx.len(), rx.len()), (2, 2));
        let (tx, rx) = codecs(&DEFAULT, SSL_OP_NO_TX_CERTIFICATE_COMPRESSION);
        assert_eq!((tx.len(), rx.len()), (0, 2));
        let (tx, rx) = codecs(&[1], SSL_OP_NO_RX_CERTIFICATE_COMPRESSION);
        assert_eq!((tx.len(), rx.len()), (1, 0));
    }

    #[test]
    fn a_repetitive_chain_compresses_and_round_trips() {
        let cert = CertificateDer::from(vec![0x30u8; 2000]);
        for alg in DEFAULT {
            let (out, len) = compress_chain(std::slice::from_ref(&cert), alg).unwrap();
            assert_eq!(len, 1 + 3 + 3 + 2000 + 2);
            assert!(out.len() < len / 10);
            let mut back = vec![0u8; len];
            decompressor(alg)
                .unwrap()
                .decompress(&out, &mut back)
                .unwrap();
            assert_eq!(back, certificate_body(std::slice::from_ref(&cert)));
        }
    }
}
