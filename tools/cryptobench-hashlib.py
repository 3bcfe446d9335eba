#!/usr/bin/env python3
"""cryptobench-hashlib.py [SECONDS_PER_ROW]: CPython's hashlib / hmac.digest rates, printed
like tools/cryptobench.c (`<row>\t<MB/s>\t<library>`); the library is the libcrypto this
interpreter mapped (/proc/self/maps). tools/crypto-bench.sh runs it on OpenSSL and, with
LD_LIBRARY_PATH at ferrossl's compat directory, on ferrossl."""
import _hashlib  # noqa: F401  (hashlib's OpenSSL backend must be loaded, not the builtin one)
import hashlib
import hmac
import sys
import time

maps = open("/proc/self/maps").read()
lib = "ferrossl" if "libferrossl" in maps else "openssl" if "libcrypto.so" in maps else "none"
slice_ = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
key = bytes(range(32))
ops = (("sha256", lambda d: hashlib.sha256(d).digest()),
       ("sha512", lambda d: hashlib.sha512(d).digest()),
       ("hmac-sha256", lambda d: hmac.digest(key, d, "sha256")))
for name, f in ops:
    for label, n in (("64B", 64), ("1KiB", 1024), ("1MiB", 1 << 20)):
        data, count, t0 = bytes(n), 0, time.perf_counter()
        while True:
            for _ in range(16):
                f(data)
            count += 16
            t = time.perf_counter() - t0
            if t >= slice_:
                break
        print(f"python {name} {label}\t{count * n / t / 1e6:.2f}\t{lib}", flush=True)
