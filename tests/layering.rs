//! The one rule between ferrossl's layers (docs/design.md), checked on the
//! source: which top-level module may name which, and where `unsafe` may be.
//!
//! - `abi` (OpenSSL's names and numbers) names nothing else in the crate;
//! - `ffi` (the C boundary) names only `crypto::err` (its `Error`);
//! - `crypto` (libcrypto) never names `ssl` or `entry`;
//! - `ssl` (libssl) never names `entry`;
//! - `unsafe` blocks, fns and impls appear only under `src/ffi/`
//!   (`unsafe extern "C" fn` in a type is a C callback type, not code).
//!
//! Test modules are exempt: they may call entry points.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src/") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file's text without its `#[cfg(test)]` module and comments.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn layers_name_only_what_they_may() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let forbidden: &[(&str, &[&str])] = &[
        (
            "abi",
            &["crate::ffi", "crate::crypto", "crate::ssl", "crate::entry"],
        ),
        (
            "ffi",
            &[
                "crate::ssl",
                "crate::entry",
                "crate::crypto::bio",
                "crate::crypto::x509",
                "crate::crypto::asn1",
                "crate::crypto::pkey",
            ],
        ),
        ("crypto", &["crate::ssl", "crate::entry"]),
        ("ssl", &["crate::entry"]),
    ];
    let mut bad = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let layer = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let text = code(&std::fs::read_to_string(f).unwrap());
        for (l, names) in forbidden {
            if *l != layer {
                continue;
            }
            for n in *names {
                if text.contains(n) {
                    bad.push(format!("{} names {n}", rel.display()));
                }
            }
        }
        if layer != "ffi" {
            let t = text.replace("unsafe extern \"C\" fn", "");
            for kw in ["unsafe {", "unsafe fn", "unsafe impl"] {
                if t.contains(kw) {
                    bad.push(format!("{} has `{kw}` outside src/ffi", rel.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "layering broken:\n{}", bad.join("\n"));
}
