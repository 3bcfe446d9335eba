//! The C structs written by hand in cbindgen.toml (`BUF_MEM`, `ASN1_STRING`,
//! `GENERAL_NAME`: C code reads their fields directly) must have the layout
//! of the Rust `#[repr(C)]` structs behind them. A small C program built
//! against include/ferrossl.h with `cc` prints `sizeof` and every field's
//! `offsetof` and size; the same table is made with `size_of`/`offset_of!`
//! here. (Field sizes catch a narrower last field that padding would hide.)

use std::mem::{offset_of, size_of};
use std::path::Path;
use std::process::Command;

use ferrossl::crypto::asn1::asn1_string_st;
use ferrossl::crypto::bio::buf_mem_st;
use ferrossl::crypto::x509::GENERAL_NAME_st;

/// The size of the field `f` picks out (`size_of_val` of a field, without a value).
fn field_size<T, F>(_: fn(&T) -> &F) -> usize {
    size_of::<F>()
}

/// `(struct, field, offset, size)` as C names them, in declaration order;
/// `sizeof` rows give the struct's size.
macro_rules! layout {
    ($c:literal = $t:ty { $($cf:literal: $f:tt),* }) => {
        [
            ($c, "sizeof", 0, size_of::<$t>()),
            $(($c, $cf, offset_of!($t, $f), field_size(|s: &$t| &s.$f))),*
        ]
    };
}

fn rust_layout() -> Vec<(&'static str, &'static str, usize, usize)> {
    let mut v = Vec::new();
    v.extend(layout!("BUF_MEM" = buf_mem_st {
        "length": length, "data": data, "max": max, "flags": flags
    }));
    v.extend(layout!("ASN1_STRING" = asn1_string_st {
        "length": length, "type": r#type, "data": data, "flags": flags
    }));
    v.extend(layout!("GENERAL_NAME" = GENERAL_NAME_st { "type": r#type, "d": d }));
    v
}

#[test]
fn hand_written_c_structs_match_rust() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("layout");
    std::fs::create_dir_all(&dir).unwrap();
    let mut prog = String::from(
        "#include <stdio.h>\n#include \"ferrossl.h\"\n\
         #define F(t, f) printf(#t \" \" #f \" %zu %zu\\n\", offsetof(t, f), sizeof(((t *)0)->f));\n\
         #define S(t) printf(#t \" sizeof 0 %zu\\n\", sizeof(t));\n\
         int main(void) {\n",
    );
    for (t, f, _, _) in rust_layout() {
        prog += &if f == "sizeof" {
            format!("  S({t})\n")
        } else {
            format!("  F({t}, {f})\n")
        };
    }
    prog += "  return 0;\n}\n";
    let src = dir.join("layout.c");
    let exe = dir.join("layout");
    std::fs::write(&src, prog).unwrap();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let st = Command::new(&cc)
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(root.join("include"))
        .arg("-o")
        .arg(&exe)
        .arg(&src)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {cc}: {e}"));
    assert!(st.success(), "{cc} could not build {}", src.display());
    let out = Command::new(&exe).output().unwrap();
    assert!(out.status.success());
    let c = String::from_utf8(out.stdout).unwrap();
    let rust: String = rust_layout()
        .iter()
        .map(|(t, f, off, size)| format!("{t} {f} {off} {size}\n"))
        .collect();
    assert_eq!(c, rust, "C layout (left) differs from Rust's (right)");
}
