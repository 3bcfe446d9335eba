//! Every exported function's body runs inside `ffi_boundary!` (issue 13).
//!
//! A panic that unwinds out of an `extern "C" fn` aborts the process, and a
//! NULL handle rejected outside the boundary leaves no ERR queue entry. This
//! test reads every `.rs` file under `src/entry/`, finds each `#[no_mangle]`
//! function, brace-matches its body on a small Rust lexer (comments, string,
//! byte/C/raw string and char literals are skipped, so a `{` inside them does
//! not count), and fails naming every function whose body is none of:
//!
//! 1. **a boundary**: the body is exactly one `ffi_boundary!(...)` invocation
//!    (an optional trailing `;`), so nothing runs before or after it; only
//!    `use` declarations (no code) may precede it;
//! 2. **a constant**: empty (`{}`, a no-op returning `()`), or a single literal
//!    (`0`, `-1`, `"..."`), `std::ptr::null()` / `std::ptr::null_mut()` (also
//!    `ptr::` / `core::ptr::`), `c"...".as_ptr()`, or a constant's name (a
//!    path whose last segment starts with an upper-case letter: `NID_undef`,
//!    `X509_LU_NONE`), possibly borrowed (`&context::TLS_METHOD`, a `static`),
//!    each optionally followed by `as` casts; nothing there can panic or fail;
//! 3. **a delegate**: a single call of another `#[no_mangle]` function of the
//!    crate (optionally path-qualified, `as` cast, or ended by `;`) whose
//!    arguments are parameters, literals, constants, `as` casts and
//!    `std::ptr::null*()`; the callee has the boundary, and the arguments do
//!    no work of their own.
//!
//! Anything else (a method call, `?`, `if`, `match`, `unsafe`, a `let`) must
//! move inside the boundary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// A string, byte-string, C-string, char or number literal (its kind:
    /// `'s'` string-like, `'c'` char, `'n'` number).
    Lit(char),
    /// A C string literal `c"..."` (kept apart: only it may take `.as_ptr()`).
    CStr,
    Lifetime,
    Punct(char),
}

/// Tokenizes Rust source enough to match braces and recognize expression
/// shapes. Comments are dropped; literals become one token each.
fn lex(src: &str) -> Vec<Tok> {
    let b: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    // Skips a `"..."` body starting at the opening quote; returns the index
    // after the closing quote.
    let skip_str = |mut i: usize| -> usize {
        i += 1;
        while i < b.len() {
            match b[i] {
                '\\' => i += 2,
                '"' => return i + 1,
                _ => i += 1,
            }
        }
        panic!("unterminated string literal");
    };
    // Raw string `r#*"..."#*` starting at `r`; returns the index after it.
    let skip_raw = |mut i: usize| -> usize {
        i += 1;
        let mut hashes = 0;
        while b[i] == '#' {
            hashes += 1;
            i += 1;
        }
        assert_eq!(b[i], '"', "malformed raw string");
        i += 1;
        loop {
            assert!(i < b.len(), "unterminated raw string");
            if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                return i + 1 + hashes;
            }
            i += 1;
        }
    };
    while i < b.len() {
        let c = b[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            loop {
                assert!(i < b.len(), "unterminated block comment");
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_str(i);
            out.push(Tok::Lit('s'));
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if b.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push(Tok::Lit('c'));
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push(Tok::Lit('c'));
            } else {
                i += 1;
                while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                    i += 1;
                }
                out.push(Tok::Lifetime);
            }
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_' || b[i] == '.') {
                // `1.0` is one literal, but `0..n` and `x.0.method()` are not.
                if b[i] == '.' && !b.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    break;
                }
                i += 1;
            }
            out.push(Tok::Lit('n'));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            let word: String = b[start..i].iter().collect();
            let next = b.get(i).copied();
            match (word.as_str(), next) {
                // `r#type` is a raw identifier, `r#"..."#` a raw string.
                ("r", Some('#'))
                    if b.get(i + 1).is_some_and(|c| c.is_alphabetic() || *c == '_') =>
                {
                    let start = i + 1;
                    i += 1;
                    while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                        i += 1;
                    }
                    out.push(Tok::Ident(b[start..i].iter().collect()));
                }
                ("r" | "br" | "cr", Some('"' | '#')) => {
                    i = skip_raw(i - 1);
                    out.push(if word == "cr" {
                        Tok::CStr
                    } else {
                        Tok::Lit('s')
                    });
                }
                ("b", Some('"')) => {
                    i = skip_str(i);
                    out.push(Tok::Lit('s'));
                }
                ("c", Some('"')) => {
                    i = skip_str(i);
                    out.push(Tok::CStr);
                }
                ("b", Some('\'')) => {
                    let mut j = i + 1;
                    if b[j] == '\\' {
                        j += 1;
                    }
                    j += 1;
                    while b[j] != '\'' {
                        j += 1;
                    }
                    i = j + 1;
                    out.push(Tok::Lit('c'));
                }
                _ => out.push(Tok::Ident(word)),
            }
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// One `#[no_mangle]` function: its name and its body's tokens (without the
/// outer braces).
struct Export {
    file: PathBuf,
    name: String,
    body: Vec<Tok>,
}

fn ident(t: &Tok) -> Option<&str> {
    match t {
        Tok::Ident(s) => Some(s),
        _ => None,
    }
}

fn is_punct(t: Option<&Tok>, c: char) -> bool {
    t == Some(&Tok::Punct(c))
}

/// Index just past the group opened at `open` (`(`, `[` or `{`), matched
/// against its closer with the other kinds nested inside.
fn match_group(toks: &[Tok], open: usize) -> usize {
    let mut stack = Vec::new();
    let mut i = open;
    loop {
        assert!(i < toks.len(), "unbalanced delimiters");
        match toks[i] {
            Tok::Punct(c @ ('(' | '[' | '{')) => stack.push(c),
            Tok::Punct(c @ (')' | ']' | '}')) => {
                let o = stack.pop().expect("closer without opener");
                let want = match o {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                assert_eq!(c, want, "mismatched delimiters");
                if stack.is_empty() {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Finds every `#[no_mangle]` function in `toks`.
fn exports(file: &Path, toks: &[Tok]) -> Vec<Export> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < toks.len() {
        let attr = toks[i] == Tok::Punct('#')
            && toks[i + 1] == Tok::Punct('[')
            && ident(&toks[i + 2]) == Some("no_mangle")
            && toks[i + 3] == Tok::Punct(']');
        if !attr {
            i += 1;
            continue;
        }
        // The next `fn NAME` (after other attributes, `pub`, `unsafe`,
        // `extern "C"`), then its parameter list, then the body: the first
        // `{` at the top level after the parameters (a return type has none).
        let mut j = i + 4;
        while ident(&toks[j]) != Some("fn") {
            assert!(
                !matches!(toks[j], Tok::Punct('{' | ';')),
                "{}: #[no_mangle] on something other than a fn",
                file.display()
            );
            j += 1;
        }
        let name = ident(&toks[j + 1]).expect("fn name").to_string();
        assert!(
            is_punct(toks.get(j + 2), '('),
            "{name}: generic exported fn?"
        );
        let mut k = match_group(toks, j + 2);
        while !is_punct(toks.get(k), '{') {
            if matches!(toks[k], Tok::Punct('(' | '[')) {
                k = match_group(toks, k);
            } else {
                k += 1;
            }
        }
        let end = match_group(toks, k);
        out.push(Export {
            file: file.to_path_buf(),
            name,
            body: toks[k + 1..end - 1].to_vec(),
        });
        i = end;
    }
    out
}

/// Parses a path `a::b::C` from `t[0]`; returns its segments and the number
/// of tokens it took (0: not a path).
fn path(t: &[Tok]) -> (Vec<&str>, usize) {
    let mut segs = Vec::new();
    let mut i = 0;
    loop {
        match t.get(i).and_then(ident) {
            Some(s) => segs.push(s),
            None => return (Vec::new(), 0),
        }
        i += 1;
        if is_punct(t.get(i), ':') && is_punct(t.get(i + 1), ':') {
            i += 2;
        } else {
            return (segs, i);
        }
    }
}

/// A constant, `static` or unit value's name: `NID_undef`, `TLS_METHOD`
/// (a function or local variable starts in lower case).
fn is_const_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// `t[i..]` starts with `std::ptr::null()` or `null_mut()` (also `ptr::`,
/// `core::ptr::`); returns the tokens it took.
fn null_ptr(t: &[Tok]) -> usize {
    let (segs, n) = path(t);
    let ok = matches!(
        segs.as_slice(),
        ["std" | "core", "ptr", "null" | "null_mut"] | ["ptr", "null" | "null_mut"]
    );
    if ok && is_punct(t.get(n), '(') && is_punct(t.get(n + 1), ')') {
        n + 2
    } else {
        0
    }
}

/// Skips `as TYPE` casts (types: paths, `*const`/`*mut` pointers); returns
/// the index after them.
fn skip_casts(t: &[Tok], mut i: usize) -> usize {
    while t.get(i).and_then(ident) == Some("as") {
        i += 1;
        while is_punct(t.get(i), '*') {
            i += 1;
            assert!(matches!(t.get(i).and_then(ident), Some("const" | "mut")));
            i += 1;
        }
        let (_, n) = path(&t[i..]);
        assert!(n > 0, "`as` without a type");
        i += n;
    }
    i
}

/// A constant at `t[0..]`: returns the tokens it took (0: none).
fn constant(t: &[Tok]) -> usize {
    let mut i = 0;
    if is_punct(t.first(), '-') {
        i += 1;
    }
    if is_punct(t.first(), '&') {
        // Only a named constant or static may be borrowed (not `&*LAZY`).
        let (segs, n) = path(&t[1..]);
        return match segs.last() {
            Some(s) if is_const_name(s) => skip_casts(t, 1 + n),
            _ => 0,
        };
    }
    let n = match t.get(i) {
        Some(Tok::Lit(_)) => 1,
        Some(Tok::CStr) => {
            let as_ptr = is_punct(t.get(i + 1), '.')
                && t.get(i + 2).and_then(ident) == Some("as_ptr")
                && is_punct(t.get(i + 3), '(')
                && is_punct(t.get(i + 4), ')');
            if as_ptr {
                5
            } else {
                0
            }
        }
        Some(Tok::Ident(_)) => match null_ptr(&t[i..]) {
            0 => {
                let (segs, n) = path(&t[i..]);
                if segs.last().is_some_and(|s| is_const_name(s)) {
                    n
                } else {
                    0
                }
            }
            n => n,
        },
        _ => 0,
    };
    if n == 0 {
        return 0;
    }
    skip_casts(t, i + n)
}

/// One delegate argument: a constant, a parameter name, each with casts.
fn argument(t: &[Tok]) -> usize {
    match constant(t) {
        0 => {
            let (segs, n) = path(t);
            if segs.len() == 1 && segs[0] != "as" {
                skip_casts(t, n)
            } else {
                0
            }
        }
        n => n,
    }
}

/// A call of an exported function with plain arguments; the tokens it took.
fn delegate(t: &[Tok], exported: &BTreeSet<String>) -> usize {
    let (segs, n) = path(t);
    if !segs.last().is_some_and(|s| exported.contains(*s)) || !is_punct(t.get(n), '(') {
        return 0;
    }
    let close = match_group(t, n);
    let mut i = n + 1;
    while i < close - 1 {
        let a = argument(&t[i..close - 1]);
        if a == 0 {
            return 0;
        }
        i += a;
        if i < close - 1 {
            if !is_punct(t.get(i), ',') {
                return 0;
            }
            i += 1;
        }
    }
    skip_casts(t, close)
}

/// Why `body` may stay as it is, or None.
fn allowed(body: &[Tok], exported: &BTreeSet<String>) -> Option<&'static str> {
    // `n` tokens are all of `t`, or all but a final `;`.
    let whole = |t: &[Tok], n: usize| {
        n > 0 && (n == t.len() || (n + 1 == t.len() && is_punct(t.last(), ';')))
    };
    if body.is_empty() {
        return Some("constant");
    }
    // `use` declarations first: compile-time only.
    let mut start = 0;
    while body.get(start).and_then(ident) == Some("use") {
        start += body[start..]
            .iter()
            .position(|t| *t == Tok::Punct(';'))
            .expect("`use` without `;`")
            + 1;
    }
    let rest = &body[start..];
    let boundary = rest.first().and_then(ident) == Some("ffi_boundary")
        && is_punct(rest.get(1), '!')
        && is_punct(rest.get(2), '(');
    if boundary && whole(rest, match_group(rest, 2)) {
        return Some("boundary");
    }
    if start > 0 {
        return None;
    }
    // A constant is the function's value: no trailing `;`.
    if constant(body) == body.len() {
        return Some("constant");
    }
    if whole(body, delegate(body, exported)) {
        return Some("delegate");
    }
    None
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn all_exports() -> Vec<Export> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entry");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut all = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        all.extend(exports(f, &lex(&src)));
    }
    all
}

#[test]
fn every_export_runs_inside_the_boundary() {
    let all = all_exports();
    assert!(
        all.len() > 400,
        "found only {} exported functions",
        all.len()
    );
    let names: BTreeSet<String> = all.iter().map(|e| e.name.clone()).collect();
    let mut outside = Vec::new();
    let mut kinds = std::collections::BTreeMap::new();
    for e in &all {
        match allowed(&e.body, &names) {
            Some(k) => *kinds.entry(k).or_insert(0) += 1,
            None => outside.push(format!(
                "{} ({})",
                e.name,
                e.file
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap()
                    .display()
            )),
        }
    }
    eprintln!("{} exported functions: {kinds:?}", all.len());
    // `BOUNDARY_LIST=1 cargo test --test boundary -- --nocapture` lists
    // the functions left outside the boundary, to review them.
    if std::env::var_os("BOUNDARY_LIST").is_some() {
        for e in &all {
            if let Some(k @ ("constant" | "delegate")) = allowed(&e.body, &names) {
                eprintln!("{k}: {}", e.name);
            }
        }
    }
    assert!(
        outside.is_empty(),
        "{} exported functions do work outside ffi_boundary!:\n  {}",
        outside.len(),
        outside.join("\n  ")
    );
}

/// The classifier itself, on hand-written bodies.
#[test]
fn classifier() {
    let exported: BTreeSet<String> = ["SSL_get_rfd", "OPENSSL_sk_num"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let body = |src: &str| {
        let t = lex(&format!(
            "#[no_mangle] pub extern \"C\" fn f(a: *mut X) -> c_int {{\n{src}\n}}"
        ));
        let e = exports(Path::new("x.rs"), &t);
        assert_eq!(e.len(), 1);
        allowed(&e[0].body, &exported)
    };
    assert_eq!(body(r#"ffi_boundary!("f", { Ok(1) })"#), Some("boundary"));
    assert_eq!(
        body(r#"ffi_boundary!("f", -1, { let s = "}"; Ok(s.len()) })"#),
        Some("boundary")
    );
    assert_eq!(body(r#"ffi_boundary!("f", { Ok(()) });"#), Some("boundary"));
    assert_eq!(body("0"), Some("constant"));
    assert_eq!(body("-1"), Some("constant"));
    assert_eq!(body("std::ptr::null_mut()"), Some("constant"));
    assert_eq!(body(r#"c"/etc/ssl".as_ptr()"#), Some("constant"));
    assert_eq!(body("OPENSSL_VERSION_NUMBER as c_ulong"), Some("constant"));
    assert_eq!(body("SSL_get_rfd(a)"), Some("delegate"));
    assert_eq!(
        body("crate::entry::OPENSSL_sk_num(a as *const X, 0, std::ptr::null())"),
        Some("delegate")
    );
    // Work outside the boundary, in any form.
    assert_eq!(body("ffi::borrow(a).map(|s| s.x()).unwrap_or(0)"), None);
    assert_eq!(body(r#"let n = g(); ffi_boundary!("f", { Ok(n) })"#), None);
    assert_eq!(body(r#"ffi_boundary!("f", { Ok(1) }); g()"#), None);
    assert_eq!(body("if a.is_null() { 0 } else { 1 }"), None);
    assert_eq!(body("SSL_get_rfd(ffi::borrow(a).unwrap())"), None);
    assert_eq!(body("SSL_get_rfd(a.b)"), None);
    assert_eq!(body("not_exported(a)"), None);
    assert_eq!(body("lower_case_static"), None);
    assert_eq!(body("unsafe { *a }"), None);
    assert_eq!(body(""), Some("constant"));
    assert_eq!(body("NID_undef"), Some("constant"));
    assert_eq!(body("&context::TLS_METHOD"), Some("constant"));
    assert_eq!(body("&*bio::MEM_METHOD"), None);
    assert_eq!(body("SSL_get_rfd(a);"), Some("delegate"));
    assert_eq!(body("SSL_get_rfd(Some(a))"), None);
    assert_eq!(
        body(r#"use a::B; ffi_boundary!("f", B, { Ok(1) })"#),
        Some("boundary")
    );
    assert_eq!(body("use a::B; B"), None);
    assert_eq!(body("0;"), None);
    // Braces in comments and literals do not confuse the matcher.
    assert_eq!(
        body(r#"/* { */ ffi_boundary!("f", { let _ = '{'; let _ = r"}"; Ok(1) }) // }"#),
        Some("boundary")
    );
}

/// What the boundary does with NULL handles, on a few of the functions
/// moved inside it: a NULL handle is an ERR entry naming the function plus
/// the old failure value, except where OpenSSL takes NULL without an error
/// (`*_free`, the ERR readers, getters OpenSSL defines for NULL).
#[test]
fn null_handles() {
    use ferrossl::abi::reasons::{ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER};
    use ferrossl::crypto::err;
    use ferrossl::entry::*;
    use std::ptr::{null, null_mut};

    let null_entry = |func: &str| {
        let e = err::pop_front().expect("an ERR entry");
        assert_eq!(
            (e.code, e.func),
            (err::pack(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER), func)
        );
        assert!(err::pop_front().is_none(), "{func}: one entry only");
    };
    ERR_clear_error();

    assert_eq!(SSL_get_shutdown(null()), 0);
    null_entry("SSL_get_shutdown");
    assert_eq!(SSL_get_verify_depth(null()), -1);
    null_entry("SSL_get_verify_depth");
    assert_eq!(SSL_want(null()), 1);
    null_entry("SSL_want");
    BIO_set_flags(null_mut(), 1);
    null_entry("BIO_set_flags");
    let mut len = 7;
    assert!(SSL_SESSION_get_id(null(), &mut len).is_null());
    assert_eq!(len, 0);
    null_entry("SSL_SESSION_get_id");

    // NULL is fine: no entry.
    SSL_SESSION_free(null_mut());
    X509_free(null_mut());
    EVP_MD_CTX_free(null_mut());
    BIO_vfree(null_mut());
    CRYPTO_free(null_mut(), null(), 0);
    assert!(X509_OBJECT_get0_X509(null()).is_null());
    assert_eq!(SSL_SESSION_get_time(null()), 0);
    let name = unsafe { std::ffi::CStr::from_ptr(SSL_CIPHER_get_name(null())) };
    assert_eq!(name, c"(NONE)");
    assert_eq!(ERR_get_error(), 0);
    assert_eq!(ERR_peek_error(), 0);
    assert_eq!(ERR_peek_last_error(), 0);
    assert!(err::pop_front().is_none());
}
