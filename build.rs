//! Build script: gives the cdylib OpenSSL 3's symbol version nodes (see
//! `src/ferrossl.map`) so it can be loaded as `libssl.so.3` / `libcrypto.so.3`.
//! Only GNU-ld-compatible linkers on ELF targets understand version scripts.
//!
//! It also compiles `src/ffi/variadic.c`, OpenSSL's C-variadic functions
//! (`BIO_printf`, `ERR_set_error`, ...), which stable Rust cannot define. The
//! object is linked into the cdylib directly (an archive member nothing in
//! Rust references would be dropped); the map file exports its names.

use std::env;
use std::path::PathBuf;

fn main() {
    let map =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("src")
            .join("ferrossl.map");
    println!("cargo:rerun-if-changed={}", map.display());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/ffi/variadic.c");
    let objects = cc::Build::new()
        .file("src/ffi/variadic.c")
        .std("c11")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile_intermediates();
    for o in &objects {
        println!("cargo:rustc-cdylib-link-arg={}", o.display());
    }
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
    ) {
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
            map.display()
        );
        // The base version definition carries the soname rather than the build path.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libferrossl.so");
    }
}
