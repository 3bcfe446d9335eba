//! The most any libssl could reach on the yardstick's memory-BIO bulk rows on this
//! machine: per record, aws-lc's AEAD seal and open (the work TLS cannot skip), plus
//! what the yardstick itself does to every record whatever the library (`pump()`'s
//! BIO_read and BIO_write: two copies of the ciphertext; the check: a memcmp of the
//! plaintext). A library with no copies and no per-record overhead of its own would
//! run at this speed. Prints one JSON line per bulk row; `make bench` puts the ratio
//! ceiling/OpenSSL beside the measured ones.
//!
//! `cargo run --release --example bulk-ceiling`
use std::hint::black_box;
use std::time::Instant;

use aws_lc_rs::aead::{Aad, Algorithm, LessSafeKey, Nonce, UnboundKey, AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305};

/// Seconds per record for `f`, the best of 5 runs of `n` records (a ceiling is optimistic).
fn per_record(n: u32, mut f: impl FnMut(u64)) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            for i in 0..n {
                f(u64::from(i));
            }
            t.elapsed().as_secs_f64() / f64::from(n)
        })
        .fold(f64::INFINITY, f64::min)
}

fn nonce(seq: u64) -> Nonce {
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&seq.to_be_bytes());
    Nonce::assume_unique_for_key(n)
}

fn main() {
    let suites: [(&str, &'static Algorithm); 3] =
        [("aes128gcm", &AES_128_GCM), ("aes256gcm", &AES_256_GCM), ("chacha20", &CHACHA20_POLY1305)];
    for (size, label) in [(16384usize, "16K"), (1024, "1K")] {
        let n = (400_000_000 / size) as u32 / 10;
        for (name, alg) in suites {
            let key = LessSafeKey::new(UnboundKey::new(alg, &vec![7u8; alg.key_len()]).expect("key"));
            let plain = vec![0x5au8; size];
            let mut rec = plain.clone();
            let mut wire = vec![0u8; size + 16];
            let seal = per_record(n, |i| {
                let tag = key
                    .seal_in_place_separate_tag(nonce(i), Aad::from([23, 3, 3, 0, 0]), black_box(&mut rec))
                    .expect("seal");
                let _ = black_box(tag);
            });
            // A valid record to open: the same one every time (open's cost does not depend on content).
            rec.copy_from_slice(&plain);
            let mut sealed = plain.clone();
            key.seal_in_place_append_tag(nonce(0), Aad::from([23, 3, 3, 0, 0]), &mut sealed).expect("seal");
            let open = per_record(n, |_| {
                wire.copy_from_slice(&sealed);
                let p = key.open_in_place(nonce(0), Aad::from([23, 3, 3, 0, 0]), black_box(&mut wire[..])).expect("open");
                black_box(p);
            });
            let copy = per_record(n, |_| {
                wire.copy_from_slice(black_box(&sealed));
                black_box(&wire);
            });
            let cmp = per_record(n, |_| {
                black_box(black_box(&plain[..]) == black_box(&rec[..]));
            });
            // `open` above includes restoring the record (one copy): count it as one of pump()'s two.
            let total = seal + open + copy + cmp;
            println!(
                "{{\"row\":\"bulk {label} {name}\",\"ceiling_mb_s\":{:.1},\"seal_us\":{:.3},\"open_us\":{:.3},\"copy_us\":{:.3},\"memcmp_us\":{:.3}}}",
                size as f64 / total / 1e6,
                seal * 1e6,
                (open - copy) * 1e6,
                copy * 1e6,
                cmp * 1e6
            );
        }
    }
}

