//! OpenSSL 3.0's `X509_print_ex` text from aws-lc's (which is OpenSSL
//! 1.1.1's layout): the few places where 3.0 changed the output.

/// Rewrites aws-lc's certificate text into OpenSSL 3.0's: the inner
/// "Signature Algorithm" at 8 columns, "Signature Value:" before the
/// signature (8 columns, not 9), an EC key's size in bits with its
/// "ASN1 OID" / "NIST CURVE" lines, and the authority key identifier
/// without "keyid:" and its trailing blank line.
pub fn openssl3_text(aws: &str) -> String {
    let lines: Vec<&str> = aws.split_inclusive('\n').collect();
    let mut out = String::with_capacity(aws.len() + 128);
    let mut seen_inner_sigalg = false;
    let mut curve: Option<(&str, &str)> = None;
    let mut in_pub = false;
    let mut after_akid = false;
    let mut in_sig = false;
    for l in lines {
        let t = l.trim_end_matches('\n');
        if in_sig {
            if let Some(hex) = t.strip_prefix("         ") {
                out.push_str("        ");
                out.push_str(hex);
                out.push('\n');
                continue;
            }
            in_sig = false;
        }
        if in_pub {
            let indent = t.len() - t.trim_start().len();
            if indent <= 12 {
                if let Some((oid, nist)) = curve.take() {
                    out.push_str(&format!("                ASN1 OID: {oid}\n"));
                    out.push_str(&format!("                NIST CURVE: {nist}\n"));
                }
                in_pub = false;
            }
        }
        if after_akid {
            after_akid = false;
            if t.is_empty() {
                continue;
            }
        }
        if let Some(alg) = t.strip_prefix("    Signature Algorithm: ") {
            if !seen_inner_sigalg {
                seen_inner_sigalg = true;
                out.push_str(&format!("        Signature Algorithm: {alg}\n"));
            } else {
                out.push_str(&format!(
                    "    Signature Algorithm: {alg}\n    Signature Value:\n"
                ));
                in_sig = true;
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("                Public-Key: (") {
            let name = rest.trim_end_matches(')');
            let known = match name {
                "P-256" => Some(("prime256v1", "P-256", 256)),
                "P-384" => Some(("secp384r1", "P-384", 384)),
                "P-521" => Some(("secp521r1", "P-521", 521)),
                _ => None,
            };
            if let Some((oid, nist, bits)) = known {
                out.push_str(&format!("                Public-Key: ({bits} bit)\n"));
                curve = Some((oid, nist));
                continue;
            }
        }
        if t.trim_start() == "pub:" && curve.is_some() {
            in_pub = true;
        }
        if let Some(id) = t.strip_prefix("                keyid:") {
            out.push_str(&format!("                {id}\n"));
            after_akid = true;
            continue;
        }
        out.push_str(l);
    }
    if let Some((oid, nist)) = curve {
        out.push_str(&format!(
            "                ASN1 OID: {oid}\n                NIST CURVE: {nist}\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rewrites_the_1_1_1_layout() {
        let aws = "Certificate:\n    Data:\n    Signature Algorithm: ecdsa-with-SHA256\n        Issuer: CN = x\n                Public-Key: (P-256)\n                pub:\n                    04:aa\n        X509v3 extensions:\n                keyid:AB:CD\n\n    Signature Algorithm: ecdsa-with-SHA256\n         30:44\n";
        let want = "Certificate:\n    Data:\n        Signature Algorithm: ecdsa-with-SHA256\n        Issuer: CN = x\n                Public-Key: (256 bit)\n                pub:\n                    04:aa\n                ASN1 OID: prime256v1\n                NIST CURVE: P-256\n        X509v3 extensions:\n                AB:CD\n    Signature Algorithm: ecdsa-with-SHA256\n    Signature Value:\n        30:44\n";
        assert_eq!(super::openssl3_text(aws), want);
    }
}
