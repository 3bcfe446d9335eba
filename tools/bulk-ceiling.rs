//! The most a libssl could reach on the yardstick's memory-BIO bulk rows on this machine:
//! the yardstick's data flow with nothing but the work no in-place AEAD design can skip.
//! Per record: the plaintext (a slice of the yardstick's 128 KiB pattern) copied into a
//! record buffer and sealed there; `pump()`'s BIO_read and BIO_write (two copies of the
//! ciphertext); opened in place and copied to the reader's buffer; the yardstick's memcmp.
//! OpenSSL makes these same copies, plus its own; a library with no per-record overhead at
//! all would run at this speed. Medians of 5 runs of the row's byte count, so the machine's
//! state weighs in as it does on the measured rows. Prints one JSON line per bulk row;
//! `make bench` puts the ratio ceiling/OpenSSL beside the measured ones.
//!
//! `cargo run --release --example bulk-ceiling`
use std::hint::black_box;
use std::time::Instant;

use aws_lc_rs::aead::{Aad, Algorithm, LessSafeKey, Nonce, UnboundKey, AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305};

/// The yardstick's pattern: a prime period, 64 KiB repeated after it.
const PAT: usize = 65521;

fn nonce(seq: u64) -> Nonce {
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&seq.to_be_bytes());
    Nonce::assume_unique_for_key(n)
}

/// Bytes per second of the minimal flow for `total` bytes in `size`-byte records.
fn run(alg: &'static Algorithm, size: usize, total: usize, pattern: &[u8]) -> f64 {
    let key = LessSafeKey::new(UnboundKey::new(alg, &vec![7u8; alg.key_len()]).expect("key"));
    let aad = |len: usize| Aad::from([23, 3, 3, (len >> 8) as u8, len as u8]);
    let (mut rec, mut wire, mut inbound, mut user) =
        (vec![0u8; size + 16], vec![0u8; size + 16], vec![0u8; size + 16], vec![0u8; size]);
    let records = total / size;
    let t = Instant::now();
    for i in 0..records {
        let src = &pattern[(i * size) % PAT..][..size];
        rec[..size].copy_from_slice(src);
        let tag = key.seal_in_place_separate_tag(nonce(i as u64), aad(size + 16), &mut rec[..size]).expect("seal");
        rec[size..].copy_from_slice(tag.as_ref());
        wire.copy_from_slice(black_box(&rec));
        inbound.copy_from_slice(black_box(&wire));
        let plain = key.open_in_place(nonce(i as u64), aad(size + 16), &mut inbound).expect("open");
        user.copy_from_slice(plain);
        assert!(black_box(&user[..]) == src);
    }
    (records * size) as f64 / t.elapsed().as_secs_f64()
}

fn main() {
    let pattern: Vec<u8> = (0..PAT + 65536).map(|i| ((i % PAT) as u32).wrapping_mul(2654435761) as u8).collect();
    let suites: [(&str, &'static Algorithm); 3] =
        [("aes128gcm", &AES_128_GCM), ("aes256gcm", &AES_256_GCM), ("chacha20", &CHACHA20_POLY1305)];
    // The yardstick's byte counts: 1 GiB in 16 KiB writes, 256 MiB in 1 KiB writes.
    for (size, label, total) in [(16384usize, "16K", 1usize << 30), (1024, "1K", 256 << 20)] {
        for (name, alg) in suites {
            let mut runs: Vec<f64> = (0..5).map(|_| run(alg, size, total, &pattern)).collect();
            runs.sort_by(f64::total_cmp);
            println!("{{\"row\":\"bulk {label} {name}\",\"ceiling_mb_s\":{:.1}}}", runs[2] / 1e6);
        }
    }
}
