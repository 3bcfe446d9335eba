//! Cipher suites: the static `SSL_CIPHER` table, OpenSSL names, and the
//! OpenSSL cipher-string subset `SSL_CTX_set_cipher_list` accepts.

use crate::abi::reasons::SSL_R_NO_CIPHER_MATCH;
use crate::crypto::err::Error;
use rustls::crypto::aws_lc_rs::ALL_CIPHER_SUITES;
use rustls::{CipherSuite, SupportedCipherSuite};
use std::ffi::{c_int, CString};
use std::sync::LazyLock;

/// The SSL_CIPHER object: one per suite, static for the process.
pub struct ssl_cipher_st {
    pub suite: SupportedCipherSuite,
    pub name: CString,
    pub std_name: CString,
    pub bits: c_int,
    pub id: u32,
    /// Attributes matched by cipher-string keywords ("ECDHE", "aRSA", "AESGCM", ...).
    tags: &'static [&'static str],
}
crate::handle!(Lent: ssl_cipher_st);
pub type SSL_CIPHER = ssl_cipher_st;

struct Info {
    suite: CipherSuite,
    name: &'static str,
    bits: c_int,
    tags: &'static [&'static str],
}

const INFO: &[Info] = &[
    Info {
        suite: CipherSuite::TLS13_AES_256_GCM_SHA384,
        name: "TLS_AES_256_GCM_SHA384",
        bits: 256,
        tags: &[],
    },
    Info {
        suite: CipherSuite::TLS13_AES_128_GCM_SHA256,
        name: "TLS_AES_128_GCM_SHA256",
        bits: 128,
        tags: &[],
    },
    Info {
        suite: CipherSuite::TLS13_CHACHA20_POLY1305_SHA256,
        name: "TLS_CHACHA20_POLY1305_SHA256",
        bits: 256,
        tags: &[],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        name: "ECDHE-ECDSA-AES256-GCM-SHA384",
        bits: 256,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aECDSA", "ECDSA", "AES", "AES256", "AESGCM",
            "SHA384", "HIGH", "TLSv1.2", "AEAD",
        ],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        name: "ECDHE-ECDSA-AES128-GCM-SHA256",
        bits: 128,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aECDSA", "ECDSA", "AES", "AES128", "AESGCM",
            "SHA256", "HIGH", "TLSv1.2", "AEAD",
        ],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        name: "ECDHE-ECDSA-CHACHA20-POLY1305",
        bits: 256,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aECDSA", "ECDSA", "CHACHA20", "SHA256", "HIGH",
            "TLSv1.2", "AEAD",
        ],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        name: "ECDHE-RSA-AES256-GCM-SHA384",
        bits: 256,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aRSA", "RSA", "AES", "AES256", "AESGCM",
            "SHA384", "HIGH", "TLSv1.2", "AEAD",
        ],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        name: "ECDHE-RSA-AES128-GCM-SHA256",
        bits: 128,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aRSA", "RSA", "AES", "AES128", "AESGCM",
            "SHA256", "HIGH", "TLSv1.2", "AEAD",
        ],
    },
    Info {
        suite: CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        name: "ECDHE-RSA-CHACHA20-POLY1305",
        bits: 256,
        tags: &[
            "ECDHE", "EECDH", "kECDHE", "kEECDH", "aRSA", "RSA", "CHACHA20", "SHA256", "HIGH",
            "TLSv1.2", "AEAD",
        ],
    },
];

pub static CIPHERS: LazyLock<Vec<ssl_cipher_st>> = LazyLock::new(|| {
    ALL_CIPHER_SUITES
        .iter()
        .filter_map(|s| {
            let info = INFO.iter().find(|i| i.suite == s.suite())?;
            let std_name = s.suite().as_str().unwrap_or(info.name);
            // OpenSSL's TLS 1.3 std names lack the "13": TLS13_AES_... -> TLS_AES_...
            let std_name = std_name.replacen("TLS13_", "TLS_", 1);
            Some(ssl_cipher_st {
                suite: *s,
                name: CString::new(info.name).ok()?,
                std_name: CString::new(std_name).ok()?,
                bits: info.bits,
                id: 0x0300_0000 | u32::from(u16::from(s.suite())),
                tags: info.tags,
            })
        })
        .collect()
});

pub fn lookup(suite: SupportedCipherSuite) -> Option<&'static ssl_cipher_st> {
    CIPHERS.iter().find(|c| c.suite.suite() == suite.suite())
}

fn is_tls13(c: &ssl_cipher_st) -> bool {
    matches!(c.suite, SupportedCipherSuite::Tls13(_))
}

/// `SSL_CTX_set_ciphersuites`: a colon-separated list of TLS 1.3 suite
/// names; unknown names are ignored (as OpenSSL does), an empty string
/// disables TLS 1.3 suites.
pub fn parse_tls13(list: &str) -> Result<Vec<SupportedCipherSuite>, Error> {
    let mut out = Vec::new();
    let names: Vec<&str> = list
        .split(':')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    for name in names.iter() {
        match CIPHERS
            .iter()
            .find(|c| is_tls13(c) && c.name.to_bytes() == name.as_bytes())
        {
            Some(c)
                if !out
                    .iter()
                    .any(|s: &SupportedCipherSuite| s.suite() == c.suite.suite()) =>
            {
                out.push(c.suite)
            }
            Some(_) => {}
            None => {}
        }
    }
    if out.is_empty() && !names.is_empty() {
        return Err(Error::ssl(SSL_R_NO_CIPHER_MATCH));
    }
    Ok(out)
}

/// `SSL_CTX_set_cipher_list`: OpenSSL's cipher-string language (names,
/// keywords, `!`/`-`/`+` prefixes, `+`-joined conjunctions, `@STRENGTH`,
/// `@SECLEVEL=n`) over the TLS 1.2 suites ferrossl has. Fails with
/// `SSL_R_NO_CIPHER_MATCH` when nothing usable is selected.
pub fn parse_tls12(list: &str) -> Result<Vec<SupportedCipherSuite>, Error> {
    let tls12: Vec<&ssl_cipher_st> = CIPHERS.iter().filter(|c| !is_tls13(c)).collect();
    let matches = |c: &ssl_cipher_st, token: &str| -> bool {
        token.split('+').all(|part| match part {
            "ALL" | "DEFAULT" | "HIGH" | "kEDH+" | "SECURE" => true,
            "COMPLEMENTOFDEFAULT"
            | "COMPLEMENTOFALL"
            | "MEDIUM"
            | "LOW"
            | "EXPORT"
            | "eNULL"
            | "NULL"
            | "aNULL" => false,
            p => c.name.to_bytes() == p.as_bytes() || c.tags.contains(&p),
        })
    };
    let mut order: Vec<&ssl_cipher_st> = Vec::new();
    let mut killed: Vec<&ssl_cipher_st> = Vec::new();
    for token in list
        .split([':', ',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if token.starts_with('@') {
            if token == "@STRENGTH" {
                order.sort_by_key(|c| std::cmp::Reverse(c.bits));
            }
            continue;
        }
        let (op, body) = match token.as_bytes()[0] {
            b'!' | b'-' | b'+' => (token.as_bytes()[0], &token[1..]),
            _ => (0, token),
        };
        let hit: Vec<&ssl_cipher_st> = tls12.iter().copied().filter(|c| matches(c, body)).collect();
        match op {
            b'!' => {
                order.retain(|c| !hit.iter().any(|h| std::ptr::eq(*h, *c)));
                killed.extend(hit);
            }
            b'-' => order.retain(|c| !hit.iter().any(|h| std::ptr::eq(*h, *c))),
            b'+' => {
                let (moved, kept): (Vec<_>, Vec<_>) = order
                    .iter()
                    .partition(|c| hit.iter().any(|h| std::ptr::eq(*h, **c)));
                order = kept.into_iter().chain(moved).collect();
            }
            _ => {
                for c in hit {
                    if !order.iter().any(|o| std::ptr::eq(*o, c))
                        && !killed.iter().any(|k| std::ptr::eq(*k, c))
                    {
                        order.push(c);
                    }
                }
            }
        }
    }
    if order.is_empty() {
        return Err(Error::ssl(SSL_R_NO_CIPHER_MATCH));
    }
    Ok(order.into_iter().map(|c| c.suite).collect())
}

/// The `openssl ciphers -v` line for one of ferrossl's suites.
pub fn cipher_description(name: &str, tls13: bool) -> String {
    let (version, kx, au) = if tls13 {
        ("TLSv1.3", "any", "any")
    } else {
        (
            "TLSv1.2",
            "ECDH",
            if name.contains("ECDSA") {
                "ECDSA"
            } else {
                "RSA"
            },
        )
    };
    let enc = if name.contains("CHACHA20") {
        "CHACHA20/POLY1305(256)"
    } else if name.contains("AES256") || name.contains("AES_256") {
        "AESGCM(256)"
    } else {
        "AESGCM(128)"
    };
    format!(
        "{name:<30} {version:<7} Kx={kx:<8} Au={au:<5} Enc={enc:<22} Mac={:<4}\n",
        "AEAD"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[SupportedCipherSuite]) -> Vec<String> {
        v.iter()
            .map(|s| lookup(*s).unwrap().name.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn cipher_strings() {
        let cases: &[(&str, &[&str])] = &[
            (
                "ECDHE-RSA-AES128-GCM-SHA256",
                &["ECDHE-RSA-AES128-GCM-SHA256"],
            ),
            (
                "ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-SHA:RC4-MD5",
                &["ECDHE-RSA-AES128-GCM-SHA256"],
            ),
            (
                "aRSA+AESGCM",
                &["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256"],
            ),
            (
                "ALL:!aRSA:!CHACHA20",
                &[
                    "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "ECDHE-ECDSA-AES128-GCM-SHA256",
                ],
            ),
            ("CHACHA20:-aECDSA", &["ECDHE-RSA-CHACHA20-POLY1305"]),
            (
                "AES128:AES256:@STRENGTH",
                &[
                    "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "ECDHE-RSA-AES256-GCM-SHA384",
                    "ECDHE-ECDSA-AES128-GCM-SHA256",
                    "ECDHE-RSA-AES128-GCM-SHA256",
                ],
            ),
            (
                "ECDSA:+AES128",
                &[
                    "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "ECDHE-ECDSA-CHACHA20-POLY1305",
                    "ECDHE-ECDSA-AES128-GCM-SHA256",
                ],
            ),
        ];
        for (s, want) in cases {
            assert_eq!(names(&parse_tls12(s).unwrap()), *want, "{s}");
        }
        assert_eq!(parse_tls12("ALL").unwrap().len(), 6);
        assert_eq!(
            parse_tls12("RC4-MD5:eNULL").unwrap_err().reason(),
            SSL_R_NO_CIPHER_MATCH
        );
        assert_eq!(parse_tls12("").unwrap_err().reason(), SSL_R_NO_CIPHER_MATCH);
    }

    #[test]
    fn tls13_lists() {
        let v =
            parse_tls13("TLS_CHACHA20_POLY1305_SHA256:TLS_BOGUS:TLS_AES_128_GCM_SHA256").unwrap();
        assert_eq!(
            names(&v),
            ["TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"]
        );
        assert!(parse_tls13("").unwrap().is_empty());
        assert_eq!(
            parse_tls13("TLS_BOGUS").unwrap_err().reason(),
            SSL_R_NO_CIPHER_MATCH
        );
        assert_eq!(
            lookup(v[0]).unwrap().std_name.to_str().unwrap(),
            "TLS_CHACHA20_POLY1305_SHA256"
        );
    }

    #[test]
    fn cipher_descriptions_match_openssl_ciphers_v() {
        assert_eq!(
            cipher_description("TLS_AES_256_GCM_SHA384", true),
            "TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(256)            Mac=AEAD\n"
        );
        assert_eq!(
            cipher_description("ECDHE-RSA-CHACHA20-POLY1305", false),
            "ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
        assert_eq!(
            cipher_description("ECDHE-ECDSA-AES128-GCM-SHA256", false),
            "ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(128)            Mac=AEAD\n"
        );
    }
}
