//! Every OpenSSL 3 name is exported (issue 14): programs linked against
//! OpenSSL 3 load on ferrossl only if each name they import is defined on the
//! version node they reference (`NAME@OPENSSL_3.0.0`, ...).
//!
//! tools/openssl-symbols.txt (`NAME NODE LIBRARY` lines, generated with the
//! stubs by tools/gen-absent.py) lists every function name of Debian 12's
//! libssl.so.3 and libcrypto.so.3 plus newer releases' names. This test reads
//! target/release/libferrossl.so's dynamic symbol table (`readelf --dyn-syms`)
//! and fails naming each listed name that is missing or on another node.
//! It needs the release library: `cargo build --release` first (it is skipped,
//! loudly, when the library is absent, e.g. under a debug-only `cargo test`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// `{name: version}` of the functions `lib` defines: `NAME@@NODE` is the
/// default version NODE, a plain `NAME` the base (unversioned) one.
fn defined(lib: &Path) -> BTreeMap<String, String> {
    let out = Command::new("readelf")
        .args(["--dyn-syms", "-W"])
        .arg(lib)
        .output()
        .expect("run readelf (binutils)");
    assert!(out.status.success(), "readelf failed on {}", lib.display());
    let mut map = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        // Num: Value Size Type Bind Vis Ndx Name
        if f.len() < 8 || f[3] != "FUNC" || f[6] == "UND" || f[4] == "LOCAL" {
            continue;
        }
        let (name, node) = match f[7].split_once("@@") {
            Some((n, v)) => (n, v.to_string()),
            None => match f[7].split_once('@') {
                // A hidden (non-default) version cannot satisfy a new link.
                Some((n, v)) => (n, format!("{v} (hidden)")),
                None => (f[7], "(base)".to_string()),
            },
        };
        map.insert(name.to_string(), node);
    }
    map
}

#[test]
fn every_openssl_name_is_exported_on_its_node() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = root.join("target/release/libferrossl.so");
    if !lib.exists() {
        eprintln!(
            "SKIPPED: {} not built (cargo build --release)",
            lib.display()
        );
        return;
    }
    let list = std::fs::read_to_string(root.join("tools/openssl-symbols.txt"))
        .expect("tools/openssl-symbols.txt");
    let have = defined(&lib);
    let mut wanted = 0;
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for line in list.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let (name, node) = (f[0], f[1]);
        wanted += 1;
        match have.get(name) {
            None => missing.push(name.to_string()),
            Some(v) if v != node => wrong.push(format!("{name}: on {v}, OpenSSL: {node}")),
            Some(_) => {}
        }
    }
    assert!(wanted > 5800, "only {wanted} names listed");
    assert!(
        missing.is_empty() && wrong.is_empty(),
        "{} of {wanted} OpenSSL names not exported: {}\n{} on the wrong node:\n  {}\n\
         (rerun tools/gen-absent.py, then cargo build --release)",
        missing.len(),
        missing.join(" "),
        wrong.len(),
        wrong.join("\n  ")
    );
}
