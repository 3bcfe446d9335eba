//! rustls_peer: a native rustls endpoint for ferrossl's C tests (tests/c/t_anchors.c),
//! for what Debian's OpenSSL 3.0 cannot do: RFC 8879 certificate compression (its
//! certificates compressed with brotli or zlib when the peer offers them, the peer's
//! decompressed) and a server answering TLS 1.3 early data at once (0.5-RTT).
//!
//!   rustls_peer server CHAIN KEY [--client-ca CA] [--early N] [--count N] [--no-compress]
//!   rustls_peer client CA PORT [--cert CHAIN --key KEY] [--no-compress]
//!
//! A server prints `listening on 127.0.0.1:PORT`, then per connection reads one line
//! (early data first), answers `echo: LINE` and prints a report; a client sends
//! `hello`, reads the answer and prints a report. A report line:
//!   `report: peer-cert=brotli|zlib|plain own-cert=brotli|zlib|plain|none early=yes|no
//!    handshake-bytes-in=N handshake-bytes-out=N`
//! where peer-cert says how the peer's certificate arrived (rustls decompressed it, or
//! not) and own-cert how ours left. Built by tests/c/run.sh (`cargo build --example`).

use rustls::client::WebPkiServerVerifier;
use rustls::compress::{
    CertCompressor, CertDecompressor, CompressionCache, CompressionFailed, CompressionLevel,
    DecompressionFailed, BROTLI_COMPRESSOR, BROTLI_DECOMPRESSOR, ZLIB_COMPRESSOR,
    ZLIB_DECOMPRESSOR,
};
use rustls::server::WebPkiClientVerifier;
use rustls::{CertificateCompressionAlgorithm, ClientConfig, RootCertStore, ServerConfig};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use std::io::{BufRead, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Arc;

/// How the peer's certificate arrived / ours left (0: plain, else the algorithm).
static PEER: AtomicU16 = AtomicU16::new(0);
static OWN: AtomicU16 = AtomicU16::new(0);

#[derive(Debug)]
struct SeenD(&'static dyn CertDecompressor);
impl CertDecompressor for SeenD {
    fn decompress(&self, input: &[u8], output: &mut [u8]) -> Result<(), DecompressionFailed> {
        PEER.store(u16::from(self.0.algorithm()), Ordering::SeqCst);
        self.0.decompress(input, output)
    }
    fn algorithm(&self) -> CertificateCompressionAlgorithm {
        self.0.algorithm()
    }
}

#[derive(Debug)]
struct SeenC(&'static dyn CertCompressor);
impl CertCompressor for SeenC {
    fn compress(&self, input: Vec<u8>, l: CompressionLevel) -> Result<Vec<u8>, CompressionFailed> {
        OWN.store(u16::from(self.0.algorithm()), Ordering::SeqCst);
        self.0.compress(input, l)
    }
    fn algorithm(&self) -> CertificateCompressionAlgorithm {
        self.0.algorithm()
    }
}

static DECOMPRESSORS: [SeenD; 2] = [SeenD(BROTLI_DECOMPRESSOR), SeenD(ZLIB_DECOMPRESSOR)];
static COMPRESSORS: [SeenC; 2] = [SeenC(BROTLI_COMPRESSOR), SeenC(ZLIB_COMPRESSOR)];

fn codecs(
    on: bool,
) -> (
    Vec<&'static dyn CertCompressor>,
    Vec<&'static dyn CertDecompressor>,
) {
    if !on {
        return (Vec::new(), Vec::new());
    }
    (
        COMPRESSORS
            .iter()
            .map(|c| c as &dyn CertCompressor)
            .collect(),
        DECOMPRESSORS
            .iter()
            .map(|d| d as &dyn CertDecompressor)
            .collect(),
    )
}

fn name(alg: u16, sent: bool) -> &'static str {
    match alg {
        1 => "zlib",
        2 => "brotli",
        _ if sent => "plain",
        _ => "none",
    }
}

/// A TCP stream that counts the bytes through it.
struct Counted {
    s: TcpStream,
    rx: usize,
    tx: usize,
}
impl Read for Counted {
    fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
        let n = self.s.read(b)?;
        self.rx += n;
        Ok(n)
    }
}
impl Write for Counted {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.s.write(b)?;
        self.tx += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.s.flush()
    }
}

fn certs(path: &str) -> Vec<CertificateDer<'static>> {
    CertificateDer::pem_file_iter(path)
        .unwrap_or_else(|e| die(&format!("{path}: {e}")))
        .map(|c| c.unwrap_or_else(|e| die(&format!("{path}: {e}"))))
        .collect()
}

fn key(path: &str) -> PrivateKeyDer<'static> {
    PrivateKeyDer::from_pem_file(path).unwrap_or_else(|e| die(&format!("{path}: {e}")))
}

fn roots(path: &str) -> Arc<RootCertStore> {
    let mut r = RootCertStore::empty();
    for c in certs(path) {
        r.add(c).unwrap_or_else(|e| die(&format!("{path}: {e}")));
    }
    Arc::new(r)
}

fn die(msg: &str) -> ! {
    eprintln!("rustls_peer: {msg}");
    std::process::exit(1)
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).map(|i| {
        args.get(i + 1)
            .cloned()
            .unwrap_or_else(|| die(&format!("{name} needs a value")))
    })
}

fn report(own_sent: bool, early: bool, hs: (usize, usize)) {
    println!(
        "report: peer-cert={} own-cert={} early={} handshake-bytes-in={} handshake-bytes-out={}",
        name(PEER.swap(0, Ordering::SeqCst), true),
        name(OWN.swap(0, Ordering::SeqCst), own_sent),
        if early { "yes" } else { "no" },
        hs.0,
        hs.1
    );
    let _ = std::io::stdout().flush();
}

fn server(args: &[String]) {
    let (chain, key_path) = match args {
        [c, k, ..] => (c, k),
        _ => die("server CHAIN KEY ..."),
    };
    let compress = !args.iter().any(|a| a == "--no-compress");
    let builder = ServerConfig::builder();
    let builder = match flag(args, "--client-ca") {
        Some(ca) => builder.with_client_cert_verifier(
            WebPkiClientVerifier::builder(roots(&ca))
                .build()
                .unwrap_or_else(|e| die(&e.to_string())),
        ),
        None => builder.with_no_client_auth(),
    };
    let mut cfg = builder
        .with_single_cert(certs(chain), key(key_path))
        .unwrap_or_else(|e| die(&e.to_string()));
    (cfg.cert_compressors, cfg.cert_decompressors) = codecs(compress);
    cfg.cert_compression_cache = Arc::new(CompressionCache::Disabled);
    if let Some(n) = flag(args, "--early") {
        cfg.max_early_data_size = n.parse().unwrap_or_else(|_| die("--early N"));
        cfg.send_half_rtt_data = true;
    }
    let cfg = Arc::new(cfg);
    let count: usize = flag(args, "--count").map_or(1, |n| n.parse().unwrap_or(1));
    let l = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| die(&e.to_string()));
    println!("listening on {}", l.local_addr().unwrap());
    let _ = std::io::stdout().flush();
    for _ in 0..count {
        let (s, _) = l.accept().unwrap_or_else(|e| die(&e.to_string()));
        let _ = s.set_nodelay(true);
        let mut io = Counted { s, rx: 0, tx: 0 };
        let mut conn =
            rustls::ServerConnection::new(cfg.clone()).unwrap_or_else(|e| die(&e.to_string()));
        let mut line = Vec::new();
        let mut early = false;
        let mut answered = false;
        let mut hs = (0, 0);
        let r: std::io::Result<()> = (|| loop {
            if conn.is_handshaking() {
                conn.complete_io(&mut io)?;
                if let Some(mut ed) = conn.early_data() {
                    let mut b = Vec::new();
                    ed.read_to_end(&mut b)?;
                    early |= !b.is_empty();
                    line.extend(b);
                }
                if !conn.is_handshaking() {
                    hs = (io.rx, io.tx);
                }
            } else {
                let mut b = [0u8; 4096];
                match conn.reader().read(&mut b) {
                    Ok(0) => return Ok(()),
                    Ok(n) => line.extend(&b[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        conn.complete_io(&mut io)?;
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            if !answered && line.contains(&b'\n') {
                let text = line.lines().next().unwrap_or(Ok(String::new()))?;
                conn.writer()
                    .write_all(format!("echo: {text}\n").as_bytes())?;
                answered = true;
            }
            if answered && !conn.is_handshaking() {
                conn.send_close_notify();
                while conn.wants_write() {
                    conn.write_tls(&mut io)?;
                }
                return Ok(());
            }
        })();
        if let Err(e) = r {
            println!("error: {e}");
        }
        report(true, early, hs);
    }
}

fn client(args: &[String]) {
    let (ca, port) = match args {
        [c, p, ..] => (c, p),
        _ => die("client CA PORT ..."),
    };
    let compress = !args.iter().any(|a| a == "--no-compress");
    let verifier = WebPkiServerVerifier::builder(roots(ca))
        .build()
        .unwrap_or_else(|e| die(&e.to_string()));
    let builder = ClientConfig::builder().with_webpki_verifier(verifier);
    let mut cfg = match (flag(args, "--cert"), flag(args, "--key")) {
        (Some(c), Some(k)) => builder
            .with_client_auth_cert(certs(&c), key(&k))
            .unwrap_or_else(|e| die(&e.to_string())),
        _ => builder.with_no_client_auth(),
    };
    (cfg.cert_compressors, cfg.cert_decompressors) = codecs(compress);
    cfg.cert_compression_cache = Arc::new(CompressionCache::Disabled);
    let s = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap_or_else(|e| die(&e.to_string()));
    let _ = s.set_nodelay(true);
    let mut io = Counted { s, rx: 0, tx: 0 };
    let name = ServerName::try_from("localhost").unwrap();
    let mut conn =
        rustls::ClientConnection::new(Arc::new(cfg), name).unwrap_or_else(|e| die(&e.to_string()));
    let r: std::io::Result<(usize, usize)> = (|| {
        while conn.is_handshaking() {
            conn.complete_io(&mut io)?;
        }
        let hs = (io.rx, io.tx);
        let mut tls = rustls::Stream::new(&mut conn, &mut io);
        tls.write_all(b"hello\n")?;
        let mut answer = Vec::new();
        let mut b = [0u8; 1024];
        while !answer.contains(&b'\n') {
            match tls.read(&mut b)? {
                0 => break,
                n => answer.extend(&b[..n]),
            }
        }
        print!("{}", String::from_utf8_lossy(&answer));
        Ok(hs)
    })();
    match r {
        Ok(hs) => report(flag(args, "--cert").is_some(), false, hs),
        Err(e) => {
            println!("error: {e}");
            report(flag(args, "--cert").is_some(), false, (io.rx, io.tx));
            std::process::exit(1);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("server") => server(&args[1..]),
        Some("client") => client(&args[1..]),
        _ => die("usage: rustls_peer server CHAIN KEY [...] | client CA PORT [...]"),
    }
}
