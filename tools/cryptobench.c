/* cryptobench: libcrypto primitive rates through OpenSSL 3's API only (EVP_Digest*,
 * HMAC, EVP_Encrypt / EVP_Decrypt with AEAD ctrls). Built once against the system
 * OpenSSL headers and libcrypto; run it plain for OpenSSL and with
 * LD_LIBRARY_PATH=target/release/openssl-compat for ferrossl (tools/crypto-bench.sh
 * alternates the two and prints medians and ratios).
 *
 *   cryptobench [SECONDS_PER_ROW [LEAF.der [BUNDLE.pem]]]      (default 0.2)
 *
 * With LEAF.der, also certificate rows: d2i_X509 (+ X509_free) of that leaf, and with
 * BUNDLE.pem, loading that CA bundle: PEM_read_bio_X509 of every certificate in it (from
 * a memory BIO), and X509_STORE_load_file into a fresh store (what
 * SSL_CTX_load_verify_locations does). These rows are operations per second ("/s" in
 * the row's name), the others MB/s.
 *
 * Prints one line per row: `<row>\t<MB/s or /s>\t<library>`, where <library> is the libcrypto
 * mapped in this process according to /proc/self/maps ("ferrossl" when the mapped file is
 * libferrossl.so, else "openssl"). A failed operation exits 1: the figures are only
 * printed for work that succeeded. */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double slice = 0.2;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  fprintf(stderr, "cryptobench: %s failed\n", what);
  exit(1);
}

/* which libcrypto this process runs on */
static const char *library(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[4096];
  const char *lib = "unknown";
  if (!f) return lib;
  while (fgets(line, sizeof line, f)) {
    if (strstr(line, "libferrossl")) { lib = "ferrossl"; break; }
    if (strstr(line, "libcrypto.so")) lib = "openssl";
  }
  fclose(f);
  return lib;
}

typedef int (*op_fn)(const unsigned char *buf, size_t len, void *arg);

/* runs op over len-byte messages for `slice` seconds; MB/s (10^6 bytes) */
static double rate(op_fn op, const unsigned char *buf, size_t len, void *arg) {
  long n = 0;
  double t0 = now(), t;
  do {
    for (int i = 0; i < 16; i++) {
      if (!op(buf, len, arg)) die("operation");
    }
    n += 16;
    t = now() - t0;
  } while (t < slice);
  return (double)n * (double)len / t / 1e6;
}

/* hashlib-style: a new context per message, as hashlib.sha256(data).digest() does */
static int digest_op(const unsigned char *buf, size_t len, void *arg) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  int ok = ctx && EVP_DigestInit_ex(ctx, (const EVP_MD *)arg, NULL) == 1 &&
           EVP_DigestUpdate(ctx, buf, len) == 1 && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

static int hmac_op(const unsigned char *buf, size_t len, void *arg) {
  static const unsigned char key[32] = {1, 2, 3, 4, 5, 6, 7, 8};
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  return HMAC((const EVP_MD *)arg, key, sizeof key, buf, len, md, &mdlen) != NULL;
}

/* AEAD: one context per direction keyed once; each message sets a new nonce */
struct aead {
  EVP_CIPHER_CTX *enc, *dec;
  unsigned char nonce[12], tag[16];
  unsigned char *out, *sealed;
  size_t len;
};

static int seal_op(const unsigned char *buf, size_t len, void *arg) {
  struct aead *a = arg;
  int n = 0, m = 0;
  a->nonce[0]++;
  return EVP_EncryptInit_ex(a->enc, NULL, NULL, NULL, a->nonce) == 1 &&
         EVP_EncryptUpdate(a->enc, a->out, &n, buf, (int)len) == 1 &&
         EVP_EncryptFinal_ex(a->enc, a->out + n, &m) == 1 &&
         EVP_CIPHER_CTX_ctrl(a->enc, EVP_CTRL_AEAD_GET_TAG, 16, a->tag) == 1;
}

static int open_op(const unsigned char *buf, size_t len, void *arg) {
  struct aead *a = arg;
  int n = 0, m = 0;
  (void)buf;
  return EVP_DecryptInit_ex(a->dec, NULL, NULL, NULL, a->nonce) == 1 &&
         EVP_DecryptUpdate(a->dec, a->out, &n, a->sealed, (int)len) == 1 &&
         EVP_CIPHER_CTX_ctrl(a->dec, EVP_CTRL_AEAD_SET_TAG, 16, a->tag) == 1 &&
         EVP_DecryptFinal_ex(a->dec, a->out + n, &m) == 1;
}

static void aead_rows(const char *name, const EVP_CIPHER *cipher, const unsigned char *buf,
                      size_t len, const char *lib) {
  static const unsigned char key[32] = {9, 8, 7, 6, 5, 4, 3, 2, 1};
  struct aead a = {0};
  a.enc = EVP_CIPHER_CTX_new();
  a.dec = EVP_CIPHER_CTX_new();
  a.out = malloc(len + 16);
  a.sealed = malloc(len);
  a.len = len;
  if (!a.enc || !a.dec || !a.out || !a.sealed) die("allocation");
  if (EVP_EncryptInit_ex(a.enc, cipher, NULL, key, a.nonce) != 1 ||
      EVP_DecryptInit_ex(a.dec, cipher, NULL, key, a.nonce) != 1)
    die("AEAD key setup");
  double s = rate(seal_op, buf, len, &a);
  /* the message open_op authenticates: the last one sealed, with its nonce and tag */
  memcpy(a.sealed, a.out, len);
  if (!open_op(buf, len, &a)) die("AEAD open of a sealed message");
  double o = rate(open_op, buf, len, &a);
  printf("%s seal %zuKiB\t%.2f\t%s\n", name, len / 1024, s, lib);
  printf("%s open %zuKiB\t%.2f\t%s\n", name, len / 1024, o, lib);
  EVP_CIPHER_CTX_free(a.enc);
  EVP_CIPHER_CTX_free(a.dec);
  free(a.out);
  free(a.sealed);
}

/* operations per second of op(arg) over `slice` seconds */
static double ops_rate(int (*op)(void *), void *arg) {
  long n = 0;
  double t0 = now(), t;
  do {
    for (int i = 0; i < 4; i++) {
      if (!op(arg)) die("operation");
    }
    n += 4;
    t = now() - t0;
  } while (t < slice);
  return (double)n / t;
}

struct blob {
  unsigned char *data;
  long len;
  const char *path;
};

static void read_file(struct blob *b) {
  FILE *f = fopen(b->path, "rb");
  if (!f) die(b->path);
  b->data = NULL;
  b->len = 0;
  unsigned char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    b->data = realloc(b->data, (size_t)b->len + n);
    if (!b->data) die("realloc");
    memcpy(b->data + b->len, chunk, n);
    b->len += (long)n;
  }
  fclose(f);
}

static int d2i_op(void *arg) {
  struct blob *b = arg;
  const unsigned char *p = b->data;
  X509 *x = d2i_X509(NULL, &p, b->len);
  int ok = x != NULL && p == b->data + b->len;
  X509_free(x);
  return ok;
}

static int pem_bundle_count;

static int pem_bundle_op(void *arg) {
  struct blob *b = arg;
  BIO *bio = BIO_new_mem_buf(b->data, (int)b->len);
  int n = 0;
  X509 *x;
  if (!bio) return 0;
  while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
    X509_free(x);
    n++;
  }
  ERR_clear_error();
  BIO_free(bio);
  pem_bundle_count = n;
  return n > 0;
}

static int store_load_op(void *arg) {
  struct blob *b = arg;
  X509_STORE *st = X509_STORE_new();
  int ok = st && X509_STORE_load_file(st, b->path) == 1;
  X509_STORE_free(st);
  return ok;
}

int main(int argc, char **argv) {
  if (argc > 1) slice = atof(argv[1]);
  if (slice <= 0) slice = 0.2;
  const char *lib = library();
  size_t max = 1 << 20;
  unsigned char *buf = malloc(max);
  if (!buf) die("malloc");
  for (size_t i = 0; i < max; i++) buf[i] = (unsigned char)(i * 31 + 7);
  static const size_t sizes[] = {64, 1024, 1 << 20};
  static const char *const size_names[] = {"64B", "1KiB", "1MiB"};
  struct { const char *name; op_fn op; const EVP_MD *(*md)(void); } hashes[] = {
    {"sha256", digest_op, EVP_sha256},
    {"sha512", digest_op, EVP_sha512},
    {"hmac-sha256", hmac_op, EVP_sha256},
  };
  for (size_t h = 0; h < sizeof hashes / sizeof hashes[0]; h++) {
    for (size_t s = 0; s < 3; s++) {
      double r = rate(hashes[h].op, buf, sizes[s], (void *)hashes[h].md());
      printf("%s %s\t%.2f\t%s\n", hashes[h].name, size_names[s], r, lib);
    }
  }
  static const size_t aead_sizes[] = {1024, 16384};
  for (size_t s = 0; s < 2; s++) {
    aead_rows("aes-128-gcm", EVP_aes_128_gcm(), buf, aead_sizes[s], lib);
    aead_rows("chacha20-poly1305", EVP_chacha20_poly1305(), buf, aead_sizes[s], lib);
  }
  if (argc > 2) {
    struct blob leaf = {.path = argv[2]};
    read_file(&leaf);
    printf("d2i_X509 leaf (/s)\t%.0f\t%s\n", ops_rate(d2i_op, &leaf), lib);
    free(leaf.data);
  }
  if (argc > 3) {
    struct blob bundle = {.path = argv[3]};
    read_file(&bundle);
    double r = ops_rate(pem_bundle_op, &bundle);
    printf("PEM_read_bio_X509 bundle of %d (/s)\t%.1f\t%s\n", pem_bundle_count, r, lib);
    printf("X509_STORE_load_file bundle (/s)\t%.1f\t%s\n", ops_rate(store_load_op, &bundle), lib);
    free(bundle.data);
  }
  free(buf);
  return 0;
}
