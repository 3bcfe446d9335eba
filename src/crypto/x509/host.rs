//! Host-name and IP matching for `X509_check_host` / `X509_check_ip`: a port
//! of OpenSSL's `crypto/x509/v3_utl.c` (`valid_star`, `wildcard_match`,
//! `equal_wildcard`), with its `X509_CHECK_FLAG_*` semantics.

use crate::abi::consts::{
    X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
};

/// `equal_nocase`: ASCII case-insensitive; the pattern may not contain NUL.
pub(crate) fn equal_nocase(pattern: &[u8], subject: &[u8]) -> bool {
    pattern.len() == subject.len()
        && pattern
            .iter()
            .zip(subject)
            .all(|(&l, &r)| l != 0 && l.eq_ignore_ascii_case(&r))
}

pub(crate) const LABEL_START: u32 = 1;
pub(crate) const LABEL_IDNA: u32 = 2;
pub(crate) const LABEL_HYPHEN: u32 = 4;

/// `valid_star`: the position of the single permitted `*` in `p`.
pub(crate) fn valid_star(p: &[u8], flags: u32) -> Option<usize> {
    let mut star = None;
    let mut state = LABEL_START;
    let mut dots = 0;
    for i in 0..p.len() {
        let c = p[i];
        if c == b'*' {
            let atstart = state & LABEL_START != 0;
            let atend = i == p.len() - 1 || p[i + 1] == b'.';
            if star.is_some() || state & LABEL_IDNA != 0 || dots != 0 {
                return None;
            }
            if flags & X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS != 0 && (!atstart || !atend) {
                return None;
            }
            if !atstart && !atend {
                return None;
            }
            star = Some(i);
            state &= !LABEL_START;
        } else if c.is_ascii_alphanumeric() {
            if state & LABEL_START != 0
                && p.len() - i >= 4
                && p[i..i + 4].eq_ignore_ascii_case(b"xn--")
            {
                state |= LABEL_IDNA;
            }
            state &= !(LABEL_HYPHEN | LABEL_START);
        } else if c == b'.' {
            if state & (LABEL_HYPHEN | LABEL_START) != 0 {
                return None;
            }
            state = LABEL_START;
            dots += 1;
        } else if c == b'-' {
            if state & LABEL_START != 0 {
                return None;
            }
            state |= LABEL_HYPHEN;
        } else {
            return None;
        }
    }
    if state & (LABEL_START | LABEL_HYPHEN) != 0 || dots < 2 {
        return None;
    }
    star
}

pub(crate) fn wildcard_match(prefix: &[u8], suffix: &[u8], subject: &[u8], flags: u32) -> bool {
    if subject.len() < prefix.len() + suffix.len() {
        return false;
    }
    if !equal_nocase(prefix, &subject[..prefix.len()]) {
        return false;
    }
    let wild_start = prefix.len();
    let wild_end = subject.len() - suffix.len();
    if !equal_nocase(&subject[wild_end..], suffix) {
        return false;
    }
    let mut allow_multi = false;
    let mut allow_idna = false;
    if prefix.is_empty() && suffix.first() == Some(&b'.') {
        if wild_start == wild_end {
            return false;
        }
        allow_idna = true;
        if flags & X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS != 0 {
            allow_multi = true;
        }
    }
    if !allow_idna && subject.len() >= 4 && subject[..4].eq_ignore_ascii_case(b"xn--") {
        return false;
    }
    if wild_end == wild_start + 1 && subject[wild_start] == b'*' {
        return true;
    }
    subject[wild_start..wild_end]
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || (allow_multi && c == b'.'))
}

/// `equal_wildcard`: `pattern` (a certificate name) against `subject` (the host).
pub fn equal_wildcard(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    let star = if subject.len() > 1 && subject[0] == b'.' {
        None
    } else {
        valid_star(pattern, flags)
    };
    match star {
        None => equal_nocase(pattern, subject),
        Some(s) => wildcard_match(&pattern[..s], &pattern[s + 1..], subject, flags),
    }
}

/// `a2i_ipadd`: an IPv4 or IPv6 literal as 4 or 16 bytes.
pub fn parse_ip(s: &str) -> Option<Vec<u8>> {
    match s.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(a) => Some(a.octets().to_vec()),
        std::net::IpAddr::V6(a) => Some(a.octets().to_vec()),
    }
}
