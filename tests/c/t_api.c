/* t_api: in-process tests: loading keys and certificates, the error queue, BIOs,
 * X509 accessors, reference counts, and client+server handshakes over memory BIOs. */
#include <pthread.h>
#include "helpers.h"
#ifdef FERROSSL_USE_OPENSSL_HEADERS
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/encoder.h>
#include <openssl/provider.h>
#include <openssl/cmac.h>
#endif

SCENARIO(null_free)
{
    /* all of these accept NULL and do nothing */
    SSL_CTX_free(NULL);
    SSL_free(NULL);
    X509_free(NULL);
    SSL_SESSION_free(NULL);
    GENERAL_NAMES_free(NULL);
    BIO_meth_free(NULL);
    CHECK_INT(BIO_free(NULL), 0);
    CHECK(1);
}

SCENARIO(bad_pem)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    size_t len = 0;
    char *pem = read_file(cert("garbage.pem"), &len);
    BIO *b;
    REQUIRE(ctx != NULL && pem != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("garbage.pem"), SSL_FILETYPE_PEM), 0);
    CHECK_ERR("bad base64 decode");
    CHECK_INT(SSL_CTX_use_certificate_chain_file(ctx, cert("garbage.pem")), 0);
    CHECK_ERR("bad base64 decode");
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert("garbage.pem"), SSL_FILETYPE_PEM), 0);
    CHECK_ERR(NULL);
    CHECK_INT(SSL_CTX_load_verify_locations(ctx, cert("garbage.pem"), NULL), 0);
    CHECK_ERR(NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("does-not-exist.pem"), SSL_FILETYPE_PEM), 0);
    CHECK_ERR("No such file or directory");
    CHECK_INT(SSL_CTX_load_verify_locations(ctx, cert("does-not-exist.pem"), NULL), 0);
    CHECK_ERR(NULL);
    /* a key file is not a certificate */
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("server-ecdsa.key"), SSL_FILETYPE_PEM), 0);
    CHECK_ERR("no start line");
    b = BIO_new_mem_buf(pem, (int)len);
    REQUIRE(b != NULL);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL);
    CHECK_ERR("bad base64 decode");
    BIO_free(b);
    b = BIO_new_mem_buf("", 0);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL);
    CHECK_ERR("no start line");
    BIO_free(b);
    free(pem);
    SSL_CTX_free(ctx);
}

SCENARIO(mismatched_key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(ctx != NULL);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 0); /* nothing loaded */
    CHECK_ERR("no certificate assigned");
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("server-ecdsa.pem"), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 0);
    CHECK_ERR("no private key assigned");
    /* certificate first, then the wrong key: the key is refused */
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert("wrong.key"), SSL_FILETYPE_PEM), 0);
    CHECK_ERR("key values mismatch");
    SSL_CTX_free(ctx);

    /* key first, then a certificate that does not match: OpenSSL keeps the certificate,
     * drops the key, returns 1; SSL_CTX_check_private_key then reports it */
    ctx = SSL_CTX_new(TLS_server_method());
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert("wrong.key"), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("server-ecdsa.pem"), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 0);
    CHECK_ERR("no private key assigned");
    SSL_CTX_free(ctx);
}

static void load_pair(const char *c, const char *k)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(ctx != NULL);
    NOTE("%s + %s", c, k);
    CHECK_INT(SSL_CTX_use_certificate_chain_file(ctx, cert(c)), 1);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert(k), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
    CHECK_NO_ERR();
    SSL_CTX_free(ctx);
}
SCENARIO(key_formats)
{
    load_pair("server-ecdsa.pem", "server-ecdsa.key");             /* PKCS#8 */
    load_pair("server-ecdsa.pem", "server-ecdsa.sec1.key");        /* SEC1 */
    load_pair("server-rsa.pem", "server-rsa.key");                 /* PKCS#8 */
    load_pair("server-rsa.pem", "server-rsa.pkcs1.key");           /* PKCS#1 */
    load_pair("server-ed25519.chain.pem", "server-ed25519.key");   /* chain file */
    load_pair("server-rsa.chain.pem", "server-rsa.key");
}

SCENARIO(err_queue)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    unsigned long e, p;
    char small[16], big[256];
    const char *s;
    FILE *f;
    char *printed;
    ERR_clear_error();
    CHECK_INT(ERR_peek_error(), 0);
    CHECK_INT(ERR_get_error(), 0);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "NOT-A-CIPHER"), 0);
    p = ERR_peek_error();
    CHECK(p != 0);
    CHECK_INT(ERR_peek_error(), p); /* peek does not consume */
    e = ERR_get_error();
    CHECK_INT(e, p);
    CHECK_INT(ERR_get_error(), 0);
    CHECK_STR(ERR_reason_error_string(e), "no cipher match");
    ERR_error_string_n(e, big, sizeof big);
    CHECK_STR(big, "error:0A0000B9:SSL routines::no cipher match");
    s = ERR_error_string(e, NULL); /* static buffer */
    CHECK_STR(s, "error:0A0000B9:SSL routines::no cipher match");
    memset(small, 'x', sizeof small);
    ERR_error_string_n(e, small, sizeof small);
    NOTE("ERR_error_string_n into 16 bytes: \"%.16s\"", small);
    CHECK(memchr(small, '\0', sizeof small) != NULL); /* truncated, always terminated */

    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_NOT_A_SUITE"), 0);
    f = tmpfile();
    REQUIRE(f != NULL);
    ERR_print_errors_fp(f);
    CHECK_INT(ERR_peek_error(), 0); /* printing empties the queue */
    fflush(f);
    rewind(f);
    printed = calloc(1, 4096);
    CHECK(fread(printed, 1, 4095, f) > 0);
    CHECK(strstr(printed, "no cipher match") != NULL);
    NOTE("ERR_print_errors_fp wrote: %s", printed);
    free(printed);
    fclose(f);
    ERR_clear_error();
    SSL_CTX_free(ctx);
}

SCENARIO(err_raise)
{
    /* upstream cl+ssl (since 2022-10) takes a library number at load and reports errors
     * of its Lisp BIO with ERR_new + ERR_set_debug + ERR_set_error(lib, reason, "%s", msg) */
    int lib = ERR_get_next_error_library(), lib2 = ERR_get_next_error_library();
    const char *data = NULL;
    int flags = 0;
    unsigned long e;
    char want[32];
    char *printed;
    FILE *f;
    CHECK(lib >= 128); /* ERR_LIB_USER */
    CHECK_INT(lib2, lib + 1);
    ERR_clear_error();
    ERR_new();
    ERR_set_debug("cl+ssl/src/bio.lisp", 0, NULL);
    ERR_set_error(lib, ERR_R_INTERNAL_ERROR, "%s", "Unexpected serious-condition in the Lisp BIO");
    ERR_raise_data(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH, "n=%d s=%.3s x=%#x %lu%%", -7, "abcdef", 255,
                   123456789012UL);
    ERR_add_error_txt("; ", "more; "); /* appended after the separator, the trailing one dropped */
    ERR_add_error_txt(NULL, "!");
    f = tmpfile();
    REQUIRE(f != NULL);
    ERR_print_errors_fp(f);
    fflush(f);
    rewind(f);
    printed = calloc(1, 4096);
    CHECK(fread(printed, 1, 4095, f) > 0);
    NOTE("ERR_print_errors_fp wrote: %s", printed);
    CHECK(strstr(printed, ":cl+ssl/src/bio.lisp:0:Unexpected serious-condition in the Lisp BIO\n") != NULL);
    CHECK(strstr(printed, ":n=-7 s=abc x=0xff 123456789012%; more!\n") != NULL);
    snprintf(want, sizeof want, ":lib(%d):", lib);
    CHECK(strstr(printed, want) != NULL);
    free(printed);
    fclose(f);
    ERR_raise(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH); /* no format: no data */
    e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags);
    CHECK_INT(e, ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_CIPHER_MATCH));
    CHECK_INT(flags & ERR_TXT_STRING, 0);
    ERR_add_error_txt(", ", "alone"); /* on an empty queue: a new ERR_LIB_NONE entry */
    e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags);
    CHECK_INT(e, ERR_PACK(ERR_LIB_NONE, 0, 0));
    CHECK_STR(data, "alone");
    CHECK_NO_ERR();
}

SCENARIO(bio_printf)
{
    /* the C-variadic calls (curl, nginx and the openssl tool print through them):
     * every printf conversion, more arguments than registers, floating point */
    BIO *b = BIO_new(BIO_s_mem());
    char *p = NULL, buf[16];
    long n;
    const char *data = NULL;
    int flags = 0;
    REQUIRE(b != NULL);
    CHECK_INT(BIO_printf(b, "%s=%d %5.2f|%-4s|%lu %x %c %s %d %d %d%%", "k", -3, 3.14159, "ab",
                         18446744073709551615UL, 255, 'Z', "nine", 10, 11, 12),
              56);
    n = BIO_get_mem_data(b, &p);
    CHECK_INT(n, 56);
    CHECK(n == 56 && memcmp(p, "k=-3  3.14|ab  |18446744073709551615 ff Z nine 10 11 12%", 56) == 0);
    CHECK_INT(BIO_printf(b, "%s", ""), 0);
    BIO_free(b);
    CHECK_INT(BIO_snprintf(buf, sizeof buf, "%d-%s", 42, "x"), 4);
    CHECK_STR(buf, "42-x");
    CHECK_INT(BIO_snprintf(buf, sizeof buf, "%s", "0123456789abcdefXYZ"), -1); /* truncated */
    ERR_clear_error();
    ERR_raise_data(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH, "%.2f%s", 2.5, "!");
    ERR_add_error_data(4, " a", NULL, " b", " c");
    CHECK_INT(ERR_get_error_all(NULL, NULL, NULL, &data, &flags), ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_CIPHER_MATCH));
    CHECK((flags & ERR_TXT_STRING) != 0);
    CHECK_STR(data, "2.50! a<NULL> b c");
    CHECK_NO_ERR();
}

struct lock_arg {
    CRYPTO_RWLOCK *lock;
    long *counter;
};

static void *lock_worker(void *p)
{
    struct lock_arg *a = p;
    for (int i = 0; i < 20000; i++) {
        if (!CRYPTO_THREAD_write_lock(a->lock))
            return NULL;
        (*a->counter)++;
        CRYPTO_THREAD_unlock(a->lock);
    }
    return p;
}

SCENARIO(thread_lock)
{
    /* CRYPTO_RWLOCK is a real lock: shared readers, one writer, and four threads'
     * increments under the write lock all land */
    CRYPTO_RWLOCK *lock = CRYPTO_THREAD_lock_new();
    pthread_t t[4];
    long counter = 0;
    struct lock_arg a;
    REQUIRE(lock != NULL);
    CHECK_INT(CRYPTO_THREAD_read_lock(lock), 1);
    CHECK_INT(CRYPTO_THREAD_read_lock(lock), 1); /* readers share */
    CHECK_INT(CRYPTO_THREAD_unlock(lock), 1);
    CHECK_INT(CRYPTO_THREAD_unlock(lock), 1);
    a.lock = lock;
    a.counter = &counter;
    for (int i = 0; i < 4; i++)
        REQUIRE(pthread_create(&t[i], NULL, lock_worker, &a) == 0);
    for (int i = 0; i < 4; i++) {
        void *r = NULL;
        pthread_join(t[i], &r);
        CHECK(r == &a);
    }
    CHECK_INT(counter, 80000);
    CRYPTO_THREAD_lock_free(lock);
    CRYPTO_THREAD_lock_free(NULL);
    CHECK_NO_ERR();
}

SCENARIO(digests)
{
    /* the EVP_MD getters of OpenSSL 3's default provider, each against its "abc" vector */
    static const struct {
        const EVP_MD *(*md)(void);
        const char *hex;
    } v[] = {
        {EVP_md5, "900150983cd24fb0d6963f7d28e17f72"},
        {EVP_sha512_256, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
        {EVP_sha3_256, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
        {EVP_ripemd160, "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        unsigned char out[64];
        char hex[129] = "";
        unsigned int n = 0;
        CHECK_INT(EVP_Digest("abc", 3, out, &n, v[i].md(), NULL), 1);
        for (unsigned j = 0; j < n && j < 64; j++)
            sprintf(hex + 2 * j, "%02x", out[j]);
        CHECK_STR(hex, v[i].hex);
    }
    CHECK_NO_ERR();
}

SCENARIO(settings)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL_CTX *ctx2 = SSL_CTX_new(TLS_method());
    SSL *ssl;
    long opts, mode;
    int data = 7;
    REQUIRE(ctx != NULL && ctx2 != NULL);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:NOT-A-CIPHER"), 1);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384"), 1);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"), 1);
    /* unknown TLS 1.3 names are skipped as long as one is known */
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_BOGUS"), 1);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_BOGUS"), 0);
    CHECK_ERR("no cipher match");
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION), 1);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION), 1);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, 0), 1); /* 0: no limit */
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, 0x1234), 0);
    err_drain(NULL);
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384"), 1);
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "P-256:not-a-group"), 0);
    CHECK_ERR(NULL);
    opts = (long)SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    CHECK((opts & SSL_OP_NO_TICKET) != 0);
    mode = SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
    CHECK((mode & SSL_MODE_ENABLE_PARTIAL_WRITE) != 0);
    CHECK((mode & SSL_MODE_AUTO_RETRY) != 0); /* OpenSSL 3 default */
    CHECK_INT(SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF), SSL_SESS_CACHE_SERVER);
    SSL_CTX_set_verify_depth(ctx, 3);
    CHECK_INT(SSL_CTX_set_default_verify_paths(ctx), 1);
    CHECK_NO_ERR();
    CHECK_INT(SSL_CTX_set_ex_data(ctx, 0, &data), 1);
    CHECK(SSL_CTX_get_ex_data(ctx, 0) == &data);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL);
    CHECK(SSL_get_ex_data(ssl, 0) == NULL);
    CHECK_INT(SSL_set_ex_data(ssl, 0, &data), 1);
    CHECK(SSL_get_ex_data(ssl, 0) == &data);
    CHECK((SSL_set_mode(ssl, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER) & SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER) != 0);
    CHECK_INT(SSL_get_fd(ssl), -1);
    /* not asserted: with no BIO at all OpenSSL 3.0 also queues "passed a null parameter"
     * (BIO routines) here; an implementation need not copy that */
    ERR_clear_error();
    CHECK(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) == NULL);
    CHECK_INT(SSL_set_tlsext_host_name(ssl, "example.com"), 1);
    CHECK_STR(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), "example.com");
    CHECK(SSL_set_SSL_CTX(ssl, ctx2) == ctx2);
    CHECK_INT(SSL_CTX_up_ref(ctx), 1);
    SSL_CTX_free(ctx); /* still referenced: by us and by nobody else after SSL_set_SSL_CTX */
    CHECK_INT(SSL_up_ref(ssl), 1);
    SSL_free(ssl);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.3"); /* still alive; before a handshake: the max */
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    SSL_CTX_free(ctx2);
    CHECK_NO_ERR();
}

SCENARIO(version_and_rand)
{
    unsigned char a[32], b[32];
    const char *v = OpenSSL_version(OPENSSL_VERSION);
    CHECK(OpenSSL_version_num() >= 0x30000000UL);
    NOTE("OpenSSL_version: %s, OpenSSL_version_num: 0x%lx", v, (unsigned long)OpenSSL_version_num());
    CHECK(v != NULL && strncmp(v, "OpenSSL 3.", 10) == 0);
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    CHECK_INT(RAND_bytes(a, sizeof a), 1);
    CHECK_INT(RAND_bytes(b, sizeof b), 1);
    CHECK(memcmp(a, b, sizeof a) != 0);
}

/* X509_get_signature_info as OpenSSL 3 answers it (PostgreSQL's SCRAM channel binding
 * hashes the server certificate with its digest), X509_pubkey_digest against the
 * subjectKeyIdentifier openssl ca wrote (SHA-1 of the same key bits) */
SCENARIO(x509_signature_info)
{
    static const struct {
        const char *file;
        int md, pk, bits;
    } want[] = {
        {"server-ecdsa.pem", NID_sha256, NID_X9_62_id_ecPublicKey, 128},
        {"server-rsa.pem", NID_sha256, NID_rsaEncryption, 128},
        {"server-ed25519.pem", NID_sha256, NID_X9_62_id_ecPublicKey, 128}, /* by ca-ecdsa */
        {"selfsigned-ed25519.pem", NID_undef, NID_ED25519, 128},
        {"server-pss.pem", NID_sha256, NID_rsassaPss, 128},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        BIO *f = BIO_new_file(cert(want[i].file), "r");
        X509 *x;
        int md = -1, pk = -1, bits = -1;
        uint32_t flags = 0;
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        const ASN1_OCTET_STRING *ski;
        REQUIRE(f != NULL);
        x = PEM_read_bio_X509(f, NULL, NULL, NULL);
        BIO_free(f);
        REQUIRE(x != NULL);
        CHECK_INT(X509_get_signature_info(x, &md, &pk, &bits, &flags), 1);
        CHECK_INT(md, want[i].md);
        CHECK_INT(pk, want[i].pk);
        CHECK_INT(bits, want[i].bits);
        CHECK_INT((int)flags, X509_SIG_INFO_VALID | X509_SIG_INFO_TLS);
        CHECK_INT(X509_get_signature_info(x, NULL, NULL, NULL, NULL), 1);
        CHECK_INT(X509_pubkey_digest(x, EVP_sha1(), d, &n), 1);
        ski = X509_get0_subject_key_id(x);
        REQUIRE(ski != NULL);
        CHECK(X509_get0_authority_key_id(x) != NULL);
        CHECK_INT((int)n, ASN1_STRING_length(ski));
        CHECK(memcmp(d, ASN1_STRING_get0_data(ski), n) == 0);
        X509_free(x);
    }
}

SCENARIO(x509_add1_ext_i2d)
{
    size_t len = 0;
    char *pem = read_file(cert("server-ecdsa.chain.pem"), &len), *p = NULL, *q = NULL;
    BIO *b = BIO_new_mem_buf(pem, (int)len), *o1 = BIO_new(BIO_s_mem()), *o2 = BIO_new(BIO_s_mem());
    X509 *x, *ca;
    GENERAL_NAMES *gens;
    int n, i;
    long l1, l2;
    REQUIRE(pem != NULL && b != NULL && o1 != NULL && o2 != NULL);
    x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
    REQUIRE(x != NULL && ca != NULL);
    gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    REQUIRE(gens != NULL);
    n = X509_get_ext_count(ca);
    /* the leaf's names onto the CA certificate, then the same again: default refuses */
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT), 1);
    CHECK_INT(X509_get_ext_count(ca), n + 1);
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT), 0);
    CHECK(ERR_get_error() != 0); /* X509V3_R_EXTENSION_EXISTS */
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT | X509V3_ADD_SILENT), 0);
    CHECK_INT(ERR_peek_error(), 0);
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, gens, 1, X509V3_ADD_REPLACE), 1);
    CHECK_INT(X509_get_ext_count(ca), n + 1);
    i = X509_get_ext_by_NID(ca, NID_subject_alt_name, -1);
    REQUIRE(i >= 0);
    CHECK_INT(X509_EXTENSION_get_critical(X509_get_ext(ca, i)), 1);
    /* the same value text as the leaf's */
    CHECK_INT(X509V3_EXT_print(o1, X509_get_ext(ca, i), 0, 0), 1);
    CHECK_INT(X509V3_EXT_print(o2, X509_get_ext(x, X509_get_ext_by_NID(x, NID_subject_alt_name, -1)), 0, 0), 1);
    l1 = BIO_get_mem_data(o1, &p);
    l2 = BIO_get_mem_data(o2, &q);
    CHECK(l1 > 0 && l1 == l2 && memcmp(p, q, (size_t)l1) == 0);
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, NULL, 0, X509V3_ADD_DELETE), 1);
    CHECK_INT(X509_get_ext_count(ca), n);
    CHECK_INT(X509_add1_ext_i2d(ca, NID_subject_alt_name, NULL, 0, X509V3_ADD_DELETE), 0);
    CHECK(ERR_get_error() != 0); /* X509V3_R_EXTENSION_NOT_FOUND */
    GENERAL_NAMES_free(gens);
    X509_free(x);
    X509_free(ca);
    BIO_free(b);
    BIO_free(o1);
    BIO_free(o2);
    free(pem);
}

SCENARIO(x509v3_ext_print)
{
    size_t len = 0;
    char *pem = read_file(cert("server-ecdsa.chain.pem"), &len), *p = NULL, exp[128];
    BIO *b = BIO_new_mem_buf(pem, (int)len), *out = BIO_new(BIO_s_mem());
    X509 *x;
    X509_EXTENSION *unk;
    STACK_OF(X509_EXTENSION) *sk;
    unsigned char *der1 = NULL, *der2 = NULL;
    long n;
    int i, cnt, l1, l2;
    REQUIRE(pem != NULL && b != NULL && out != NULL);
    x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    REQUIRE(x != NULL);
    i = X509_get_ext_by_NID(x, NID_subject_alt_name, -1);
    REQUIRE(i >= 0);
    /* a known extension: its value, indented, no newline of its own */
    CHECK_INT(X509V3_EXT_print(out, X509_get_ext(x, i), 0, 4), 1);
    n = BIO_get_mem_data(out, &p);
    CHECK(n > 8 && memcmp(p, "    DNS:", 8) == 0 && p[n - 1] != '\n');
    (void)BIO_reset(out);
    /* one nobody knows: the X509V3_EXT_UNKNOWN_MASK flags */
    unk = X509V3_EXT_nconf(NULL, NULL, "1.2.3.4.5.6", "DER:0C:02:68:69");
    REQUIRE(unk != NULL);
    CHECK_INT(X509V3_EXT_print(out, unk, X509V3_EXT_DEFAULT, 2), 0);
    CHECK_INT(BIO_get_mem_data(out, &p), 0);
    CHECK_INT(X509V3_EXT_print(out, unk, X509V3_EXT_ERROR_UNKNOWN, 2), 1);
    n = BIO_get_mem_data(out, &p);
    CHECK(n == 17 && memcmp(p, "  <Not Supported>", 17) == 0);
    (void)BIO_reset(out);
    snprintf(exp, sizeof exp, "%s%39s%s", "0000 - 0c 02 68 69", "", "..hi\n");
    /* a dump answers BIO_dump_indent's byte count */
    CHECK_INT(X509V3_EXT_print(out, unk, X509V3_EXT_DUMP_UNKNOWN, 0), (long)strlen(exp));
    n = BIO_get_mem_data(out, &p);
    CHECK(n == (long)strlen(exp) && memcmp(p, exp, n) == 0);
    (void)BIO_reset(out);
    /* X509V3_extensions_print: title, name, value (the raw one when unknown) */
    sk = sk_X509_EXTENSION_new_null();
    REQUIRE(sk != NULL);
    CHECK(sk_X509_EXTENSION_push(sk, unk) == 1);
    CHECK_INT(X509V3_extensions_print(out, "Exts", sk, 0, 2), 1);
    strcpy(exp, "  Exts:\n      1.2.3.4.5.6: \n          ..hi\n");
    n = BIO_get_mem_data(out, &p);
    CHECK(n == (long)strlen(exp) && memcmp(p, exp, n) == 0);
    sk_X509_EXTENSION_free(sk);
    X509_EXTENSION_free(unk);
    /* X509_delete_ext: the fields change; i2d_X509 still gives the DER read
       (OpenSSL 3.0 re-encodes only once a setter or X509_sign marks it changed) */
    l1 = i2d_X509(x, &der1);
    cnt = X509_get_ext_count(x);
    X509_EXTENSION_free(X509_delete_ext(x, i));
    CHECK_INT(X509_get_ext_count(x), cnt - 1);
    CHECK_INT(X509_get_ext_by_NID(x, NID_subject_alt_name, -1), -1);
    l2 = i2d_X509(x, &der2);
    CHECK(l1 > 0 && l1 == l2 && memcmp(der1, der2, (size_t)l1) == 0);
    OPENSSL_free(der1);
    OPENSSL_free(der2);
    X509_free(x);
    BIO_free(b);
    BIO_free(out);
    free(pem);
}

SCENARIO(x509_fields)
{
    size_t len = 0;
    char *pem = read_file(cert("server-ecdsa.chain.pem"), &len), name[256];
    BIO *b = BIO_new_mem_buf(pem, (int)len);
    X509 *x, *ca;
    GENERAL_NAMES *sans;
    const ASN1_TIME *na;
    int crit = 99, i, dns = 0, ip = 0;
    REQUIRE(pem != NULL && b != NULL);
    x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
    REQUIRE(x != NULL && ca != NULL);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL); /* end of file */
    ERR_clear_error();
    CHECK_STR(X509_NAME_oneline(X509_get_subject_name(x), name, sizeof name), "/CN=ferrossl test server ecdsa");
    CHECK_STR(X509_NAME_oneline(X509_get_issuer_name(x), name, sizeof name), "/CN=ferrossl test CA ecdsa");
    CHECK_STR(X509_NAME_oneline(X509_get_subject_name(ca), name, sizeof name), "/CN=ferrossl test CA ecdsa");
    na = X509_get0_notAfter(x);
    REQUIRE(na != NULL);
    CHECK_INT(ASN1_STRING_length(na), 15);
    CHECK(memcmp(ASN1_STRING_get0_data(na), "21000101000000Z", 15) == 0);
    sans = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
    REQUIRE(sans != NULL);
    CHECK_INT(crit, 0);
    CHECK_INT(sk_GENERAL_NAME_num(sans), 2);
    for (i = 0; i < sk_GENERAL_NAME_num(sans); i++) {
        GENERAL_NAME *gn = sk_GENERAL_NAME_value(sans, i);
        if (gn->type == GEN_DNS) {
            dns = ASN1_STRING_length(gn->d.dNSName) == 9
                  && memcmp(ASN1_STRING_get0_data(gn->d.dNSName), "localhost", 9) == 0;
        } else if (gn->type == GEN_IPADD) {
            ip = ASN1_STRING_length(gn->d.iPAddress) == 4
                 && memcmp(ASN1_STRING_get0_data(gn->d.iPAddress), "\x7f\x00\x00\x01", 4) == 0;
        }
    }
    CHECK(dns);
    CHECK(ip);
    GENERAL_NAMES_free(sans);
    crit = 99;
    CHECK(X509_get_ext_d2i(ca, NID_subject_alt_name, &crit, NULL) == NULL);
    CHECK_INT(crit, -1); /* absent */
    X509_free(x);
    X509_free(ca);
    BIO_free(b);
    free(pem);
}

SCENARIO(mem_bio_basics)
{
    BIO *b = BIO_new(BIO_s_mem());
    char out[16];
    int n;
    REQUIRE(b != NULL);
    CHECK_INT(BIO_ctrl_pending(b), 0);
    n = BIO_read(b, out, sizeof out);
    CHECK_INT(n, -1); /* empty: -1 and "retry" */
    CHECK(BIO_should_retry(b));
    CHECK_INT(BIO_write(b, "abcdef", 6), 6);
    CHECK_INT(BIO_ctrl_pending(b), 6);
    CHECK_INT(BIO_read(b, out, 4), 4);
    CHECK(memcmp(out, "abcd", 4) == 0);
    CHECK_INT(BIO_ctrl_pending(b), 2);
    CHECK_INT(BIO_free(b), 1);
    b = BIO_new_mem_buf("xyz", 3); /* read-only, then EOF */
    CHECK_INT(BIO_read(b, out, sizeof out), 3);
    CHECK_INT(BIO_read(b, out, sizeof out), 0);
    CHECK(!BIO_should_retry(b));
    CHECK_INT(BIO_free(b), 1);
}

/* ---- in-process handshakes --------------------------------------------------------- */

static SSL_CTX *cctx, *sctx;

static void make_ctxs(const char *server_base)
{
    char c[64], k[64];
    snprintf(c, sizeof c, "%s.pem", server_base);
    snprintf(k, sizeof k, "%s.key", server_base);
    sctx = server_ctx(cert(c), cert(k));
    cctx = client_ctx(cert("ca.pem"));
}

/* step both sides until both handshakes are done; returns the number of rounds or -1 */
static int handshake(SSL *c, SSL *s, void (*shuttle)(void))
{
    int rounds, cd = 0, sd = 0, n;
    for (rounds = 1; rounds <= 20; rounds++) {
        if (!cd) {
            n = SSL_do_handshake(c);
            if (n == 1)
                cd = 1;
            else if (SSL_get_error(c, n) != SSL_ERROR_WANT_READ) {
                CHECK_SSL_ERROR(c, n, SSL_ERROR_WANT_READ);
                return -1;
            }
        }
        if (shuttle)
            shuttle();
        if (!sd) {
            n = SSL_do_handshake(s);
            if (n == 1)
                sd = 1;
            else if (SSL_get_error(s, n) != SSL_ERROR_WANT_READ) {
                CHECK_SSL_ERROR(s, n, SSL_ERROR_WANT_READ);
                return -1;
            }
        }
        if (shuttle)
            shuttle();
        if (cd && sd)
            return rounds;
    }
    return -1;
}

static void exchange(SSL *c, SSL *s, void (*shuttle)(void))
{
    char buf[64];
    int n;
    CHECK_INT(SSL_write(c, "request", 7), 7);
    if (shuttle)
        shuttle();
    CHECK_INT(SSL_read(s, buf, sizeof buf), 7);
    CHECK_INT(SSL_write(s, "response", 8), 8);
    if (shuttle)
        shuttle();
    CHECK_INT(SSL_read(c, buf, sizeof buf), 8);
    CHECK(memcmp(buf, "response", 8) == 0);
    n = SSL_read(c, buf, sizeof buf);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(c, n, SSL_ERROR_WANT_READ);
    CHECK_INT(SSL_shutdown(c), 0);
    if (shuttle)
        shuttle();
    n = SSL_read(s, buf, sizeof buf);
    CHECK_INT(n, 0);
    CHECK_SSL_ERROR(s, n, SSL_ERROR_ZERO_RETURN);
    CHECK_INT(SSL_shutdown(s), 1);
    if (shuttle)
        shuttle();
    CHECK_INT(SSL_shutdown(c), 1);
}

/* four BIO_s_mem, bytes moved by us (tlsbench's transport) */
static BIO *c_in, *c_out, *s_in, *s_out;
static void mem_shuttle(void)
{
    char tmp[16384];
    int n;
    while ((n = BIO_read(c_out, tmp, sizeof tmp)) > 0)
        REQUIRE(BIO_write(s_in, tmp, n) == n);
    while ((n = BIO_read(s_out, tmp, sizeof tmp)) > 0)
        REQUIRE(BIO_write(c_in, tmp, n) == n);
}

static void mem_pair(SSL **c, SSL **s)
{
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
    c_in = BIO_new(BIO_s_mem());
    c_out = BIO_new(BIO_s_mem());
    s_in = BIO_new(BIO_s_mem());
    s_out = BIO_new(BIO_s_mem());
    REQUIRE(*c && *s && c_in && c_out && s_in && s_out);
    SSL_set_bio(*c, c_in, c_out);
    SSL_set_bio(*s, s_in, s_out);
    SSL_set_connect_state(*c);
    SSL_set_accept_state(*s);
    REQUIRE(SSL_set_tlsext_host_name(*c, "localhost") == 1 && SSL_set1_host(*c, "localhost") == 1);
}

SCENARIO(memory_bios)
{
    SSL *c, *s;
    SSL_SESSION *sess;
    make_ctxs("server-ecdsa");
    mem_pair(&c, &s);
    CHECK_INT(handshake(c, s, mem_shuttle), 2);
    CHECK_INT(SSL_get_verify_result(c), X509_V_OK);
    CHECK_STR(SSL_get_version(s), "TLSv1.3");
    CHECK_STR(SSL_get_servername(s, TLSEXT_NAMETYPE_host_name), "localhost");
    exchange(c, s, mem_shuttle);
    sess = SSL_get1_session(c);
    CHECK(sess != NULL);
    SSL_free(c);
    SSL_free(s);
    /* resumption in-process */
    mem_pair(&c, &s);
    CHECK_INT(SSL_set_session(c, sess), 1);
    CHECK(handshake(c, s, mem_shuttle) > 0);
    CHECK_INT(SSL_session_reused(c), 1);
    CHECK_INT(SSL_session_reused(s), 1);
    exchange(c, s, mem_shuttle);
    SSL_SESSION_free(sess);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Records through memory BIOs the application drains late or in pieces: several
 * writes queued in one BIO, a write larger than any record, reads smaller than a
 * record, BIO_pending on both sides. */
SCENARIO(mem_bio_records)
{
    SSL *c, *s;
    static unsigned char big[100000], got[100000];
    char buf[64];
    int n, total = 0;
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + i / 251);
    make_ctxs("server-ecdsa");
    mem_pair(&c, &s);
    CHECK(handshake(c, s, mem_shuttle) > 0);
    CHECK_INT(SSL_write(c, "one", 3), 3);
    size_t after_one = BIO_ctrl_pending(c_out);
    CHECK(after_one > 3);
    CHECK_INT(SSL_write(c, "two", 3), 3);
    CHECK_INT(SSL_write(c, "three", 5), 5);
    CHECK(BIO_ctrl_pending(c_out) == 3 * after_one + 2);
    mem_shuttle();
    CHECK_INT(SSL_read(s, buf, 2), 2);
    CHECK_INT(SSL_pending(s), 1);
    CHECK_INT(SSL_read(s, buf + 2, sizeof buf - 2), 1);
    CHECK_INT(SSL_read(s, buf + 3, sizeof buf - 3), 3);
    CHECK_INT(SSL_read(s, buf + 6, sizeof buf - 6), 5);
    CHECK(memcmp(buf, "onetwothree", 11) == 0);
    n = SSL_read(s, buf, sizeof buf);
    CHECK_SSL_ERROR(s, n, SSL_ERROR_WANT_READ);
    CHECK_INT(SSL_write(c, big, sizeof big), (int)sizeof big);
    mem_shuttle();
    while (total < (int)sizeof big && (n = SSL_read(s, got + total, 1000)) > 0)
        total += n;
    CHECK_INT(total, (int)sizeof big);
    CHECK(memcmp(big, got, sizeof big) == 0);
    CHECK_INT(BIO_ctrl_pending(s_in), 0);
    exchange(c, s, mem_shuttle);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_CTX_set_keylog_callback: NSS key log lines; both ends log the same secrets
 * (TLS 1.3: five traffic/exporter secrets; TLS 1.2: the master secret). */
static char kl_lines[2][8][256];
static int keylog_n[2];
static int kl_random_mismatch;
static void keylog_cb(const SSL *ssl, const char *line)
{
    int side = SSL_is_server((SSL *)ssl);
    unsigned char r[32];
    char hex[65];
    const char *field = strchr(line, ' ');
    /* the random SSL_get_client_random gives inside the callback is the line's */
    if (SSL_get_client_random(ssl, r, sizeof r) != 32 || field == NULL)
        kl_random_mismatch++;
    else {
        for (int i = 0; i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", r[i]);
        if (strncmp(field + 1, hex, 64) != 0)
            kl_random_mismatch++;
    }
    if (keylog_n[side] < 8)
        snprintf(kl_lines[side][keylog_n[side]++], 256, "%s", line);
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(a, b);
}

SCENARIO(keylog)
{
    static const int versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++) {
        SSL *c, *s;
        make_ctxs("server-ecdsa");
        CHECK_INT(SSL_CTX_set_max_proto_version(cctx, versions[v]), 1);
        CHECK(SSL_CTX_get_keylog_callback(cctx) == NULL);
        SSL_CTX_set_keylog_callback(cctx, keylog_cb);
        SSL_CTX_set_keylog_callback(sctx, keylog_cb);
        CHECK(SSL_CTX_get_keylog_callback(cctx) == keylog_cb);
        keylog_n[0] = keylog_n[1] = 0;
        kl_random_mismatch = 0;
        mem_pair(&c, &s);
        CHECK(handshake(c, s, mem_shuttle) > 0);
        exchange(c, s, mem_shuttle);
        CHECK_INT(kl_random_mismatch, 0);
        {
            /* both ends report the same two randoms, not zeros; outlen 0 asks the size */
            unsigned char cr[2][32], sr[2][32], zero[32] = {0}, part[8];
            CHECK_INT((int)SSL_get_client_random(c, NULL, 0), 32);
            CHECK_INT((int)SSL_get_server_random(s, NULL, 0), 32);
            CHECK_INT((int)SSL_get_client_random(c, cr[0], 32), 32);
            CHECK_INT((int)SSL_get_client_random(s, cr[1], 32), 32);
            CHECK_INT((int)SSL_get_server_random(c, sr[0], 32), 32);
            CHECK_INT((int)SSL_get_server_random(s, sr[1], 32), 32);
            CHECK(memcmp(cr[0], cr[1], 32) == 0 && memcmp(cr[0], zero, 32) != 0);
            CHECK(memcmp(sr[0], sr[1], 32) == 0 && memcmp(sr[0], zero, 32) != 0);
            CHECK_INT((int)SSL_get_server_random(c, part, sizeof part), 8);
            CHECK(memcmp(part, sr[0], sizeof part) == 0);
        }
        int want = versions[v] == TLS1_2_VERSION ? 1 : 5;
        CHECK_INT(keylog_n[0], want);
        CHECK_INT(keylog_n[1], want);
        qsort(kl_lines[0], keylog_n[0], 256, cmp_lines);
        qsort(kl_lines[1], keylog_n[1], 256, cmp_lines);
        for (int i = 0; i < want && i < keylog_n[0] && i < keylog_n[1]; i++)
            CHECK_STR(kl_lines[0][i], kl_lines[1][i]);
        if (versions[v] == TLS1_2_VERSION) {
            CHECK(strncmp(kl_lines[0][0], "CLIENT_RANDOM ", 14) == 0 && strlen(kl_lines[0][0]) == 14 + 64 + 1 + 96);
        } else {
            CHECK(strncmp(kl_lines[0][0], "CLIENT_HANDSHAKE_TRAFFIC_SECRET ", 32) == 0);
            CHECK(strncmp(kl_lines[0][2], "EXPORTER_SECRET ", 16) == 0);
        }
        SSL_free(c);
        SSL_free(s);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }
}

/* SSL_export_keying_material: both ends derive the same bytes (TLS 1.2: from the
 * master secret and both randoms; TLS 1.3: from the exporter secret), a context or
 * another label changes them, TLS 1.2 refuses the key schedule's own labels. */
SCENARIO(exporter)
{
    static const int versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++) {
        SSL *c, *s;
        unsigned char kc[48], ks[48], kx[48], ky[48];
        make_ctxs("server-ecdsa");
        CHECK_INT(SSL_CTX_set_max_proto_version(cctx, versions[v]), 1);
        mem_pair(&c, &s);
        CHECK_INT(SSL_export_keying_material(c, kc, sizeof kc, "EXPERIMENTAL-x", 14, NULL, 0, 0), -1);
        CHECK(handshake(c, s, mem_shuttle) > 0);
        CHECK_INT(SSL_version(c), versions[v]);
        CHECK_INT(SSL_export_keying_material(c, kc, sizeof kc, "EXPERIMENTAL-x", 14, NULL, 0, 0), 1);
        CHECK_INT(SSL_export_keying_material(s, ks, sizeof ks, "EXPERIMENTAL-x", 14, NULL, 0, 0), 1);
        CHECK(memcmp(kc, ks, sizeof kc) == 0);
        CHECK_INT(SSL_export_keying_material(s, kx, sizeof kx, "EXPERIMENTAL-x", 14, (const unsigned char *)"ctx", 3, 1), 1);
        CHECK_INT(SSL_export_keying_material(c, ky, sizeof ky, "EXPERIMENTAL-x", 14, (const unsigned char *)"ctx", 3, 1), 1);
        CHECK(memcmp(kx, ky, sizeof kx) == 0 && memcmp(kx, kc, sizeof kx) != 0);
        CHECK_INT(SSL_export_keying_material(c, ky, sizeof ky, "EXPERIMENTAL-y", 14, NULL, 0, 0), 1);
        CHECK(memcmp(ky, kc, sizeof ky) != 0);
        if (versions[v] == TLS1_2_VERSION) {
            CHECK_INT(SSL_export_keying_material(c, ky, sizeof ky, "key expansion", 13, NULL, 0, 0), 0);
            CHECK_ERR("tls illegal exporter label");
        }
        exchange(c, s, mem_shuttle);
        SSL_free(c);
        SSL_free(s);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }
}

SCENARIO(version_mismatch)
{
    SSL *c, *s;
    int n;
    make_ctxs("server-ecdsa");
    CHECK_INT(SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION), 1);
    CHECK_INT(SSL_CTX_set_min_proto_version(sctx, TLS1_3_VERSION), 1);
    mem_pair(&c, &s);
    CHECK_INT(SSL_do_handshake(c), -1);
    mem_shuttle();
    n = SSL_do_handshake(s);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(s, n, SSL_ERROR_SSL);
    CHECK_ERR("unsupported protocol");
    mem_shuttle();
    n = SSL_do_handshake(c);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(c, n, SSL_ERROR_SSL);
    CHECK_ERR("tlsv1 alert protocol version");
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

SCENARIO(bio_pair)
{
    BIO *cb = NULL, *sb = NULL;
    SSL *c, *s;
    make_ctxs("server-rsa");
    CHECK_INT(BIO_new_bio_pair(&cb, 0, &sb, 0), 1);
    REQUIRE(cb != NULL && sb != NULL);
    c = SSL_new(cctx);
    s = SSL_new(sctx);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_set1_host(c, "localhost"), 1);
    CHECK(handshake(c, s, NULL) > 0);
    CHECK_INT(SSL_get_verify_result(c), X509_V_OK);
    exchange(c, s, NULL);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* a user BIO_METHOD over in-memory queues; an empty queue means "retry" */
struct queue {
    char data[65536];
    int len;
};
struct end {
    struct queue *in, *out;
    int destroyed;
};
static int q_read(BIO *b, char *out, int len)
{
    struct end *e = BIO_get_data(b);
    int n;
    BIO_clear_retry_flags(b);
    if (e->in->len == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    n = e->in->len < len ? e->in->len : len;
    memcpy(out, e->in->data, (size_t)n);
    memmove(e->in->data, e->in->data + n, (size_t)(e->in->len - n));
    e->in->len -= n;
    return n;
}
static int q_write(BIO *b, const char *in, int len)
{
    struct end *e = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (len > (int)sizeof e->out->data - e->out->len) {
        BIO_set_retry_write(b);
        return -1;
    }
    memcpy(e->out->data + e->out->len, in, (size_t)len);
    e->out->len += len;
    return len;
}
static int q_puts(BIO *b, const char *str)
{
    return q_write(b, str, (int)strlen(str));
}
static long q_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0; /* nothing else answered, like cl+ssl */
}
static int q_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}
static int q_destroy(BIO *b)
{
    struct end *e = BIO_get_data(b);
    if (e != NULL)
        e->destroyed++;
    return 1;
}

SCENARIO(user_bio)
{
    static struct queue c2s, s2c;
    struct end ce = {&s2c, &c2s, 0}, se = {&c2s, &s2c, 0};
    BIO_METHOD *m;
    BIO *cb, *sb;
    SSL *c, *s;
    int idx = BIO_get_new_index();
    CHECK(idx > 0);
    m = BIO_meth_new(idx | BIO_TYPE_SOURCE_SINK, "test queue");
    REQUIRE(m != NULL);
    CHECK_INT(BIO_meth_set_read(m, q_read), 1);
    CHECK_INT(BIO_meth_set_write(m, q_write), 1);
    CHECK_INT(BIO_meth_set_puts(m, q_puts), 1);
    CHECK_INT(BIO_meth_set_ctrl(m, q_ctrl), 1);
    CHECK_INT(BIO_meth_set_create(m, q_create), 1);
    CHECK_INT(BIO_meth_set_destroy(m, q_destroy), 1);
    make_ctxs("server-ed25519");
    cb = BIO_new(m);
    sb = BIO_new(m);
    REQUIRE(cb != NULL && sb != NULL);
    BIO_set_data(cb, &ce);
    BIO_set_data(sb, &se);
    /* the retry flag helpers on a user BIO */
    BIO_set_retry_read(cb);
    CHECK(BIO_should_retry(cb));
    BIO_clear_retry_flags(cb);
    CHECK(!BIO_should_retry(cb));
    c = SSL_new(cctx);
    s = SSL_new(sctx);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_set1_host(c, "localhost"), 1);
    CHECK_INT(handshake(c, s, NULL), 2);
    CHECK_INT(SSL_get_verify_result(c), X509_V_OK);
    exchange(c, s, NULL);
    SSL_free(c);
    SSL_free(s);
    CHECK_INT(ce.destroyed, 1);
    CHECK_INT(se.destroyed, 1);
    BIO_meth_free(m);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A write BIO that counts its writes and passes them to a socket. */
struct tap {
    int fd, writes;
};
static int tap_write(BIO *b, const char *in, int len)
{
    struct tap *t = BIO_get_data(b);
    t->writes++;
    return (int)write(t->fd, in, (size_t)len);
}

/* Each flight of a handshake over sockets leaves in one write, as OpenSSL does: several
 * small writes meet Nagle's algorithm and the peer's delayed ACK (40 ms stalls). */
SCENARIO(one_write_per_flight)
{
    struct tap ct = {-1, 0}, st = {-1, 0};
    BIO_METHOD *m;
    BIO *cw, *sw;
    SSL *c, *s;
    int sv[2], n;
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    set_nonblocking(sv[0]);
    set_nonblocking(sv[1]);
    ct.fd = sv[0];
    st.fd = sv[1];
    m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "tap");
    REQUIRE(m != NULL);
    CHECK_INT(BIO_meth_set_write(m, tap_write), 1);
    CHECK_INT(BIO_meth_set_ctrl(m, q_ctrl), 1);
    CHECK_INT(BIO_meth_set_create(m, q_create), 1);
    make_ctxs("server-ecdsa");
    c = SSL_new(cctx);
    s = SSL_new(sctx);
    cw = BIO_new(m);
    sw = BIO_new(m);
    REQUIRE(c && s && cw && sw);
    BIO_set_data(cw, &ct);
    BIO_set_data(sw, &st);
    SSL_set_bio(c, BIO_new_socket(sv[0], BIO_NOCLOSE), cw);
    SSL_set_bio(s, BIO_new_socket(sv[1], BIO_NOCLOSE), sw);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_set1_host(c, "localhost"), 1);
    n = SSL_do_handshake(c);
    CHECK_SSL_ERROR(c, n, SSL_ERROR_WANT_READ);
    CHECK_INT(ct.writes, 1); /* ClientHello */
    n = SSL_do_handshake(s);
    CHECK_SSL_ERROR(s, n, SSL_ERROR_WANT_READ);
    CHECK_INT(st.writes, 1); /* ServerHello, CCS, EncryptedExtensions ... Finished */
    CHECK_INT(SSL_do_handshake(c), 1);
    CHECK_INT(ct.writes, 2); /* CCS and Finished */
    CHECK_INT(SSL_get_verify_result(c), X509_V_OK);
    CHECK_INT(SSL_do_handshake(s), 1);
    SSL_free(c);
    SSL_free(s);
    BIO_meth_free(m);
    close(sv[0]);
    close(sv[1]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- EVP_PKEY: keys over aws-lc (generation, signatures, agreement, PEM/DER) ---- */

static EVP_PKEY *gen_key(int id, int param)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(id, NULL);
    if (c == NULL)
        return NULL;
    if (EVP_PKEY_keygen_init(c) != 1)
        goto out;
    if (id == EVP_PKEY_RSA && EVP_PKEY_CTX_set_rsa_keygen_bits(c, param) <= 0)
        goto out;
    if (id == EVP_PKEY_EC && EVP_PKEY_CTX_set_ec_paramgen_curve_nid(c, param) <= 0)
        goto out;
    if (EVP_PKEY_keygen(c, &k) != 1)
        k = NULL;
out:
    EVP_PKEY_CTX_free(c);
    return k;
}

static int gencb_seen(int a, int b, BN_GENCB *cb)
{
    *(int *)BN_GENCB_get_arg(cb) += a + b;
    return 1;
}

static int keygen_cb(EVP_PKEY_CTX *c)
{
    (void)c;
    return 1;
}

/* A key written through OSSL_ENCODER; the PEM text (free it) or NULL. */
static char *encode_key(EVP_PKEY *k, int sel, const char *structure)
{
    OSSL_ENCODER_CTX *e = OSSL_ENCODER_CTX_new_for_pkey(k, sel, "PEM", structure, NULL);
    BIO *b = BIO_new(BIO_s_mem());
    char *out = NULL, *p = NULL;
    long n;
    if (e != NULL && OSSL_ENCODER_CTX_get_num_encoders(e) > 0 && OSSL_ENCODER_to_bio(e, b) == 1 &&
        (n = BIO_get_mem_data(b, &p)) > 0 && (out = calloc(1, (size_t)n + 1)) != NULL)
        memcpy(out, p, (size_t)n);
    OSSL_ENCODER_CTX_free(e);
    BIO_free(b);
    return out;
}

/* What `openssl genrsa`, `ec` and `ecparam` call: BN_GENCB, the keygen callback and app
 * data, EVP_PKEY_CTX_set_params, the EC "include-public" flag and the encoder. */
SCENARIO(pkey_key_commands)
{
    int seen = 0, marker = 7;
    BN_GENCB *g = BN_GENCB_new();
    CHECK(g != NULL);
    BN_GENCB_set(g, gencb_seen, &seen);
    CHECK(BN_GENCB_get_arg(g) == &seen);
    CHECK_INT(BN_GENCB_call(g, 2, 3), 1);
    CHECK_INT(seen, 5);
    BN_GENCB_free(g);
    BN_GENCB_free(NULL);

    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    CHECK(c != NULL);
    CHECK_INT(EVP_PKEY_keygen_init(c), 1);
    EVP_PKEY_CTX_set_cb(c, keygen_cb);
    EVP_PKEY_CTX_set_app_data(c, &marker);
    CHECK(EVP_PKEY_CTX_get_app_data(c) == &marker);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("group", (char *)"P-384", 0), OSSL_PARAM_construct_end()};
    CHECK(EVP_PKEY_CTX_set_params(c, params) > 0);
    EVP_PKEY *k = NULL;
    CHECK_INT(EVP_PKEY_keygen(c, &k), 1);
    EVP_PKEY_CTX_free(c);
    CHECK_INT(EVP_PKEY_get_bits(k), 384);

    /* SEC1 with and without the public key: the second is shorter, both load back */
    char *with = encode_key(k, OSSL_KEYMGMT_SELECT_ALL, "type-specific");
    CHECK_INT(EVP_PKEY_set_int_param(k, "include-public", 0), 1);
    char *without = encode_key(k, OSSL_KEYMGMT_SELECT_ALL, "type-specific");
    CHECK(with != NULL && without != NULL);
    CHECK(strncmp(with, "-----BEGIN EC PRIVATE KEY-----\n", 31) == 0);
    CHECK(strlen(without) < strlen(with));
    char *spki = encode_key(k, OSSL_KEYMGMT_SELECT_PUBLIC_KEY, "SubjectPublicKeyInfo");
    CHECK(spki != NULL && strncmp(spki, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
    /* no encoder for an output type that does not exist */
    OSSL_ENCODER_CTX *e = OSSL_ENCODER_CTX_new_for_pkey(k, OSSL_KEYMGMT_SELECT_ALL, "NO-SUCH", NULL, NULL);
    BIO *mem = BIO_new(BIO_s_mem());
    CHECK(e != NULL);
    CHECK_INT(OSSL_ENCODER_to_bio(e, mem), 0); /* (OpenSSL 3.0 still counts 11 encoders) */
    CHECK_INT((int)BIO_ctrl_pending(mem), 0);
    BIO_free(mem);
    OSSL_ENCODER_CTX_free(e);
    ERR_clear_error();
    free(with);
    free(without);
    free(spki);
    EVP_PKEY_free(k);
    CHECK_NO_ERR();
}

/* One-shot sign of `msg` with `k` and `md` (NULL for Ed25519); the length or 0. */
static size_t sign_msg(EVP_PKEY *k, const EVP_MD *md, const char *msg, unsigned char *sig, size_t cap)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    size_t n = 0;
    if (m != NULL && EVP_DigestSignInit(m, NULL, md, NULL, k) == 1
        && EVP_DigestSign(m, NULL, &n, (const unsigned char *)msg, strlen(msg)) == 1 && n <= cap
        && EVP_DigestSign(m, sig, &n, (const unsigned char *)msg, strlen(msg)) == 1) {
        EVP_MD_CTX_free(m);
        return n;
    }
    EVP_MD_CTX_free(m);
    return 0;
}

static int verify_msg(EVP_PKEY *k, const EVP_MD *md, const char *msg, const unsigned char *sig, size_t n)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    int r = -99;
    if (m != NULL && EVP_DigestVerifyInit(m, NULL, md, NULL, k) == 1)
        r = EVP_DigestVerify(m, sig, n, (const unsigned char *)msg, strlen(msg));
    EVP_MD_CTX_free(m);
    ERR_clear_error(); /* a refused signature may queue why */
    return r;
}

SCENARIO(pkey_keygen_sign)
{
    static const struct {
        int id, param;
        const char *name;
        int bits, size, secbits;
    } t[] = {
        {EVP_PKEY_RSA, 2048, "RSA", 2048, 256, 112},
        {EVP_PKEY_EC, NID_X9_62_prime256v1, "EC", 256, 72, 128},
        {EVP_PKEY_EC, NID_secp384r1, "EC", 384, 104, 192},
        {EVP_PKEY_EC, NID_secp521r1, "EC", 521, 139, 256},
        {EVP_PKEY_ED25519, 0, "ED25519", 256, 64, 128},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        unsigned char sig[1024];
        const EVP_MD *md = t[i].id == EVP_PKEY_ED25519 ? NULL : EVP_sha256();
        EVP_PKEY *k = gen_key(t[i].id, t[i].param);
        NOTE("%s %d", t[i].name, t[i].param);
        REQUIRE(k != NULL);
        CHECK_INT(EVP_PKEY_get_id(k), t[i].id);
        CHECK_INT(EVP_PKEY_get_base_id(k), t[i].id);
        CHECK_INT(EVP_PKEY_get_bits(k), t[i].bits);
        CHECK_INT(EVP_PKEY_get_size(k), t[i].size);
        CHECK_INT(EVP_PKEY_get_security_bits(k), t[i].secbits);
        CHECK_STR(EVP_PKEY_get0_type_name(k), t[i].name);
        CHECK_INT(EVP_PKEY_is_a(k, t[i].name), 1);
        CHECK_INT(EVP_PKEY_is_a(k, "X25519"), 0);
        size_t n = sign_msg(k, md, "hello, world", sig, sizeof sig);
        CHECK(n > 0 && n <= (size_t)t[i].size);
        CHECK_INT(verify_msg(k, md, "hello, world", sig, n), 1);
        CHECK_INT(verify_msg(k, md, "hello, World", sig, n), 0);
        sig[n / 2] ^= 1;
        CHECK_INT(verify_msg(k, md, "hello, world", sig, n), 0);
        if (t[i].id != EVP_PKEY_ED25519) {
            /* streamed: Init / Update / Final, and a raw EVP_PKEY_sign over a digest */
            EVP_MD_CTX *m = EVP_MD_CTX_new();
            unsigned char dg[32];
            unsigned int dl = 0;
            size_t sl = sizeof sig;
            CHECK_INT(EVP_DigestSignInit(m, NULL, md, NULL, k), 1);
            CHECK_INT(EVP_DigestSignUpdate(m, "hello, ", 7), 1);
            CHECK_INT(EVP_DigestSignUpdate(m, "world", 5), 1);
            CHECK_INT(EVP_DigestSignFinal(m, sig, &sl), 1);
            CHECK_INT(EVP_DigestVerifyInit(m, NULL, md, NULL, k), 1);
            CHECK_INT(EVP_DigestVerifyUpdate(m, "hello, world", 12), 1);
            CHECK_INT(EVP_DigestVerifyFinal(m, sig, sl), 1);
            EVP_MD_CTX_free(m);
            CHECK_INT(EVP_Digest("abc", 3, dg, &dl, EVP_sha256(), NULL), 1);
            EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
            REQUIRE(c != NULL);
            CHECK_INT(EVP_PKEY_sign_init(c), 1);
            CHECK_INT(EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()), 1);
            sl = sizeof sig;
            CHECK_INT(EVP_PKEY_sign(c, sig, &sl, dg, dl), 1);
            CHECK_INT(EVP_PKEY_verify_init(c), 1);
            CHECK_INT(EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()), 1);
            CHECK_INT(EVP_PKEY_verify(c, sig, sl, dg, dl), 1);
            dg[0] ^= 1;
            CHECK_INT(EVP_PKEY_verify(c, sig, sl, dg, dl), 0);
            ERR_clear_error();
            EVP_PKEY_CTX_free(c);
        }
        EVP_PKEY_free(k);
    }
    /* RSA-PSS through the EVP_PKEY_CTX EVP_DigestSignInit lends */
    {
        EVP_PKEY *k = gen_key(EVP_PKEY_RSA, 2048);
        EVP_MD_CTX *m = EVP_MD_CTX_new();
        EVP_PKEY_CTX *pc = NULL;
        unsigned char sig[256];
        size_t sl = sizeof sig;
        REQUIRE(k != NULL && m != NULL);
        CHECK_INT(EVP_DigestSignInit(m, &pc, EVP_sha256(), NULL, k), 1);
        REQUIRE(pc != NULL);
        CHECK_INT(EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING), 1);
        CHECK_INT(EVP_DigestSign(m, sig, &sl, (const unsigned char *)"pss", 3), 1);
        CHECK_INT(EVP_DigestVerifyInit(m, &pc, EVP_sha256(), NULL, k), 1);
        CHECK_INT(EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING), 1);
        CHECK_INT(EVP_DigestVerify(m, sig, sl, (const unsigned char *)"pss", 3), 1);
        CHECK_INT(EVP_DigestVerifyInit(m, NULL, EVP_sha256(), NULL, k), 1); /* PKCS#1 v1.5 */
        CHECK_INT(EVP_DigestVerify(m, sig, sl, (const unsigned char *)"pss", 3), 0);
        ERR_clear_error();
        EVP_MD_CTX_free(m);
        EVP_PKEY_free(k);
    }
    /* the OpenSSL 3 one-liners (macros over the variadic EVP_PKEY_Q_keygen) */
    {
        EVP_PKEY *r = EVP_RSA_gen(2048), *e = EVP_EC_gen("P-384");
        EVP_PKEY *d = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
        CHECK(r != NULL && EVP_PKEY_get_bits(r) == 2048);
        CHECK(e != NULL && EVP_PKEY_get_bits(e) == 384);
        CHECK(d != NULL && EVP_PKEY_get_id(d) == EVP_PKEY_ED25519);
        EVP_PKEY_free(r);
        EVP_PKEY_free(e);
        EVP_PKEY_free(d);
    }
    CHECK_NO_ERR();
}

static int derive(EVP_PKEY *a, EVP_PKEY *b, unsigned char *out, size_t *n)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(a, NULL);
    int r = c != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, b) == 1
            && EVP_PKEY_derive(c, out, n) == 1;
    EVP_PKEY_CTX_free(c);
    return r;
}

SCENARIO(pkey_derive)
{
    EVP_PKEY *x1 = NULL, *x2 = NULL, *e1, *e2, *e3;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
    unsigned char s1[80], s2[80];
    size_t n1 = sizeof s1, n2 = sizeof s2;
    REQUIRE(c != NULL);
    CHECK_INT(EVP_PKEY_keygen_init(c), 1);
    CHECK_INT(EVP_PKEY_generate(c, &x1), 1);
    CHECK_INT(EVP_PKEY_generate(c, &x2), 1);
    EVP_PKEY_CTX_free(c);
    REQUIRE(x1 && x2);
    CHECK_INT(EVP_PKEY_get_id(x1), NID_X25519);
    CHECK_INT(EVP_PKEY_get_bits(x1), 253);
    CHECK_STR(EVP_PKEY_get0_type_name(x1), "X25519");
    CHECK_INT(derive(x1, x2, s1, &n1), 1);
    CHECK_INT(derive(x2, x1, s2, &n2), 1);
    CHECK(n1 == 32 && n2 == 32 && memcmp(s1, s2, 32) == 0);
    e1 = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    e2 = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    e3 = gen_key(EVP_PKEY_EC, NID_secp384r1);
    REQUIRE(e1 && e2 && e3);
    n1 = sizeof s1;
    n2 = sizeof s2;
    CHECK_INT(derive(e1, e2, s1, &n1), 1);
    CHECK_INT(derive(e2, e1, s2, &n2), 1);
    CHECK(n1 == 32 && n2 == 32 && memcmp(s1, s2, 32) == 0);
    CHECK_NO_ERR();
    /* mismatched peers: another type, another curve */
    n1 = sizeof s1;
    CHECK_INT(derive(x1, e1, s1, &n1), 0);
    CHECK_ERR(NULL);
    CHECK_INT(derive(e1, e3, s1, &n1), 0);
    CHECK_ERR(NULL);
    /* Ed25519 and X25519 cannot sign / agree the other's way */
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    CHECK_INT(EVP_DigestSignInit(m, NULL, NULL, NULL, x1), 0);
    CHECK_ERR(NULL);
    EVP_MD_CTX_free(m);
    EVP_PKEY_free(x1);
    EVP_PKEY_free(x2);
    EVP_PKEY_free(e1);
    EVP_PKEY_free(e2);
    EVP_PKEY_free(e3);
}

#ifdef FERROSSL_USE_OPENSSL_HEADERS
#include <openssl/kdf.h>
#endif

/* HKDF through EVP_PKEY_HKDF: `mode`, `n` bytes into `out`; 1 or 0 */
static int hkdf(int mode, const char *salt, const unsigned char *key, int keylen, const char *info,
                unsigned char *out, size_t *n)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    int r = c != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_CTX_set_hkdf_mode(c, mode) == 1
            && EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()) == 1
            && (salt == NULL || EVP_PKEY_CTX_set1_hkdf_salt(c, (const unsigned char *)salt, (int)strlen(salt)) == 1)
            && EVP_PKEY_CTX_set1_hkdf_key(c, key, keylen) == 1
            && (info == NULL || EVP_PKEY_CTX_add1_hkdf_info(c, (const unsigned char *)info, (int)strlen(info)) == 1)
            && EVP_PKEY_derive(c, out, n) == 1;
    EVP_PKEY_CTX_free(c);
    return r;
}

static void hex_of(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", b[i]);
}

/* RFC 5869 test case 1 in the three HKDF modes; raw Ed25519/X25519 keys (RFC 8032 7.1
 * test 1, RFC 7748 6.1) and what the raw-key calls refuse. */
SCENARIO(hkdf_raw_keys)
{
    unsigned char ikm[22], out[64], raw[64];
    char hex[160];
    size_t n;
    memset(ikm, 0x0b, sizeof ikm);
    const char *salt = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c";
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    REQUIRE(c != NULL);
    /* the salt has a leading zero byte: set it with its length, not strlen */
    CHECK_INT(EVP_PKEY_derive_init(c), 1);
    CHECK_INT(EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()), 1);
    CHECK_INT(EVP_PKEY_CTX_set1_hkdf_salt(c, (const unsigned char *)salt, 13), 1);
    CHECK_INT(EVP_PKEY_CTX_set1_hkdf_key(c, ikm, sizeof ikm), 1);
    CHECK_INT(EVP_PKEY_CTX_add1_hkdf_info(c, (const unsigned char *)"\xf0\xf1\xf2\xf3\xf4", 5), 1);
    CHECK_INT(EVP_PKEY_CTX_add1_hkdf_info(c, (const unsigned char *)"\xf5\xf6\xf7\xf8\xf9", 5), 1);
    n = 42;
    CHECK_INT(EVP_PKEY_derive(c, out, &n), 1);
    CHECK(n == 42);
    hex_of(out, 42, hex);
    CHECK_STR(hex, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    /* extract only: the PRK; its length asked for with a NULL buffer */
    CHECK_INT(EVP_PKEY_CTX_set_hkdf_mode(c, EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY), 1);
    n = 0;
    CHECK_INT(EVP_PKEY_derive(c, NULL, &n), 1);
    CHECK(n == 32);
    CHECK_INT(EVP_PKEY_derive(c, out, &n), 1);
    hex_of(out, 32, hex);
    CHECK_STR(hex, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    EVP_PKEY_CTX_free(c);
    /* expand only, from that PRK: the same OKM */
    unsigned char prk[32];
    memcpy(prk, out, 32);
    n = 42;
    CHECK_INT(hkdf(EVP_PKEY_HKDEF_MODE_EXPAND_ONLY, NULL, prk, 32, "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9", out, &n), 1);
    hex_of(out, 42, hex);
    CHECK_STR(hex, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    CHECK_NO_ERR();
    /* no key set: refused; a ctrl before EVP_PKEY_derive_init: refused */
    c = EVP_PKEY_CTX_new_from_name(NULL, "HKDF", NULL);
    REQUIRE(c != NULL);
    CHECK(EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()) <= 0);
    CHECK_ERR(NULL);
    CHECK_INT(EVP_PKEY_derive_init(c), 1);
    CHECK_INT(EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()), 1);
    n = 42;
    CHECK(EVP_PKEY_derive(c, out, &n) <= 0);
    CHECK_ERR(NULL);
    EVP_PKEY_CTX_free(c);

    /* raw keys */
    static const unsigned char ed_sk[32] = {
        0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
        0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
    EVP_PKEY *ed = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, ed_sk, sizeof ed_sk);
    REQUIRE(ed != NULL);
    CHECK_INT(EVP_PKEY_get_id(ed), EVP_PKEY_ED25519);
    n = 0;
    CHECK_INT(EVP_PKEY_get_raw_public_key(ed, NULL, &n), 1);
    CHECK(n == 32);
    n = sizeof raw;
    CHECK_INT(EVP_PKEY_get_raw_public_key(ed, raw, &n), 1);
    hex_of(raw, n, hex);
    CHECK_STR(hex, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    n = sizeof raw;
    CHECK_INT(EVP_PKEY_get_raw_private_key(ed, raw, &n), 1);
    CHECK(n == 32 && memcmp(raw, ed_sk, 32) == 0);
    /* refusals of the raw getters are quiet in OpenSSL 3: nothing queued */
    n = 31;
    CHECK_INT(EVP_PKEY_get_raw_private_key(ed, raw, &n), 0);
    CHECK_NO_ERR();
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    n = sizeof raw;
    CHECK_INT(EVP_DigestSignInit(m, NULL, NULL, NULL, ed), 1);
    CHECK_INT(EVP_DigestSign(m, raw, &n, (const unsigned char *)"", 0), 1);
    CHECK(n == 64);
    hex_of(raw, 8, hex);
    CHECK_STR(hex, "e5564300c360ac72");
    EVP_MD_CTX_free(m);
    /* a public key from its raw bytes has no private half */
    unsigned char pub[32];
    size_t pn = sizeof pub;
    CHECK_INT(EVP_PKEY_get_raw_public_key(ed, pub, &pn), 1);
    EVP_PKEY *edp = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, pn);
    REQUIRE(edp != NULL);
    CHECK_INT(EVP_PKEY_eq(ed, edp), 1);
    n = sizeof raw;
    CHECK_INT(EVP_PKEY_get_raw_private_key(edp, raw, &n), 0);
    CHECK_NO_ERR();
    EVP_PKEY_free(edp);
    EVP_PKEY_free(ed);
    CHECK_NO_ERR();
    /* X25519 (RFC 7748 6.1: Alice's private key and Bob's public key) */
    static const unsigned char a_sk[32] = {
        0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
        0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a};
    static const unsigned char b_pk[32] = {
        0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
        0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f};
    EVP_PKEY *xa = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, a_sk, 32);
    EVP_PKEY *xb = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, b_pk, 32);
    REQUIRE(xa && xb);
    n = sizeof out;
    CHECK_INT(derive(xa, xb, out, &n), 1);
    hex_of(out, n, hex);
    CHECK_STR(hex, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    EVP_PKEY_free(xa);
    EVP_PKEY_free(xb);
    /* wrong lengths, and raw bytes of a key type without a raw form */
    CHECK(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, ed_sk, 31) == NULL);
    CHECK_ERR(NULL);
    CHECK(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, b_pk, 33) == NULL);
    CHECK_ERR(NULL);
    EVP_PKEY *ec = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    REQUIRE(ec != NULL);
    n = sizeof raw;
    CHECK_INT(EVP_PKEY_get_raw_public_key(ec, raw, &n), 0);
    CHECK_NO_ERR();
    EVP_PKEY_free(ec);
    CHECK_NO_ERR();
}

/* PEM text of `k` written by `f`; malloc'ed. */
static char *pem_of(EVP_PKEY *k, int pub)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *data = NULL, *out = NULL;
    long n;
    int ok = pub ? PEM_write_bio_PUBKEY(b, k) : PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
    if (ok == 1 && (n = BIO_get_mem_data(b, &data)) > 0 && (out = malloc((size_t)n + 1)) != NULL) {
        memcpy(out, data, (size_t)n);
        out[n] = 0;
    }
    BIO_free(b);
    return out;
}

static EVP_PKEY *pem_read(const char *pem, int pub)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = pub ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    return k;
}

SCENARIO(pkey_pem_der)
{
    int ids[][2] = {{EVP_PKEY_RSA, 2048}, {EVP_PKEY_EC, NID_secp521r1}, {EVP_PKEY_ED25519, 0}, {NID_X25519, 0}};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        EVP_PKEY *k = gen_key(ids[i][0], ids[i][1]), *k2, *p, *p2;
        unsigned char *der = NULL;
        const unsigned char *q;
        int n;
        NOTE("type %d", ids[i][0]);
        REQUIRE(k != NULL);
        char *pem = pem_of(k, 0), *pub = pem_of(k, 1);
        REQUIRE(pem != NULL && pub != NULL);
        CHECK(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
        CHECK(strncmp(pub, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
        k2 = pem_read(pem, 0);
        p = pem_read(pub, 1);
        REQUIRE(k2 != NULL && p != NULL);
        CHECK_INT(EVP_PKEY_eq(k, k2), 1);
        CHECK_INT(EVP_PKEY_eq(k, p), 1);
        CHECK_INT(EVP_PKEY_parameters_eq(k, p), 1);
        char *pem2 = pem_of(k2, 0);
        CHECK(pem2 != NULL && strcmp(pem, pem2) == 0);
        free(pem2);
        /* a public key has no private half to write */
        CHECK(pem_of(p, 0) == NULL);
        CHECK_ERR(NULL);
        /* DER both ways */
        n = i2d_PrivateKey(k, &der);
        CHECK(n > 0);
        q = der;
        k2 = d2i_AutoPrivateKey(&k2, &q, n); /* replaces (and frees) the old *a */
        CHECK(k2 != NULL && q == der + n);
        CHECK_INT(EVP_PKEY_eq(k, k2), 1);
        OPENSSL_free(der);
        der = NULL;
        n = i2d_PUBKEY(k, &der);
        CHECK(n > 0);
        q = der;
        p2 = d2i_PUBKEY(NULL, &q, n);
        CHECK(p2 != NULL && q == der + n);
        CHECK_INT(EVP_PKEY_eq(p, p2), 1);
        /* truncated DER */
        q = der;
        CHECK(d2i_PUBKEY(NULL, &q, n - 1) == NULL);
        CHECK_ERR(NULL);
        OPENSSL_free(der);
        free(pem);
        free(pub);
        EVP_PKEY_free(k);
        EVP_PKEY_free(k2);
        EVP_PKEY_free(p);
        EVP_PKEY_free(p2);
    }
    {
        /* eq between keys: different key 0, different type -1 */
        EVP_PKEY *a = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1), *b = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
        EVP_PKEY *c = gen_key(EVP_PKEY_EC, NID_secp384r1), *d = gen_key(EVP_PKEY_ED25519, 0);
        REQUIRE(a && b && c && d);
        CHECK_INT(EVP_PKEY_eq(a, b), 0);
        CHECK_INT(EVP_PKEY_eq(a, d), -1);
        CHECK_INT(EVP_PKEY_parameters_eq(a, b), 1);
        CHECK_INT(EVP_PKEY_parameters_eq(a, c), 0);
        CHECK_INT(EVP_PKEY_up_ref(a), 1);
        EVP_PKEY_free(a);
        EVP_PKEY_free(a);
        EVP_PKEY_free(b);
        EVP_PKEY_free(c);
        EVP_PKEY_free(d);
        ERR_clear_error();
    }
}

/* Runs `cmd` (the openssl CLI, never preloaded); its exit status. */
static int sh(const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof full, "env -u LD_PRELOAD -u LD_LIBRARY_PATH OPENSSL_CONF=/dev/null %s", cmd);
    return system(full);
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return 0;
    fputs(text, f);
    return fclose(f) == 0;
}

SCENARIO(pkey_openssl_cli)
{
    char dir[] = "/tmp/ferrossl-pkey-XXXXXX", path[256], path2[256], cmd[1024];
    REQUIRE(mkdtemp(dir) != NULL);
    int ids[][2] = {{EVP_PKEY_RSA, 2048}, {EVP_PKEY_EC, NID_X9_62_prime256v1}, {EVP_PKEY_ED25519, 0}, {NID_X25519, 0}};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        /* ours -> openssl pkey: it rewrites our file byte for byte, and derives the same public key */
        EVP_PKEY *k = gen_key(ids[i][0], ids[i][1]);
        REQUIRE(k != NULL);
        char *pem = pem_of(k, 0), *pub = pem_of(k, 1), *back, *pubback;
        snprintf(path, sizeof path, "%s/ours.key", dir);
        snprintf(path2, sizeof path2, "%s/theirs.pem", dir);
        REQUIRE(pem && pub && write_text(path, pem));
        snprintf(cmd, sizeof cmd, "openssl pkey -in %s -out %s", path, path2);
        CHECK_INT(sh(cmd), 0);
        back = read_file(path2, NULL);
        CHECK(back != NULL && strcmp(back, pem) == 0);
        snprintf(cmd, sizeof cmd, "openssl pkey -in %s -pubout -out %s", path, path2);
        CHECK_INT(sh(cmd), 0);
        pubback = read_file(path2, NULL);
        CHECK(pubback != NULL && strcmp(pubback, pub) == 0);
        free(back);
        free(pubback);
        free(pem);
        free(pub);
        EVP_PKEY_free(k);
    }
    static const char *gen[] = {"-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "-algorithm EC -pkeyopt ec_paramgen_curve:P-384",
                                "-algorithm ED25519", "-algorithm X25519"};
    for (size_t i = 0; i < sizeof gen / sizeof gen[0]; i++) {
        /* openssl genpkey -> ours: read, then written back identically */
        snprintf(path, sizeof path, "%s/theirs.key", dir);
        snprintf(cmd, sizeof cmd, "openssl genpkey -quiet %s -out %s", gen[i], path);
        CHECK_INT(sh(cmd), 0);
        char *theirs = read_file(path, NULL), *ours;
        REQUIRE(theirs != NULL);
        EVP_PKEY *k = pem_read(theirs, 0);
        CHECK(k != NULL);
        ours = k ? pem_of(k, 0) : NULL;
        CHECK(ours != NULL && strcmp(ours, theirs) == 0);
        /* and its encrypted PKCS#8 form, with the password as `u` and by callback */
        snprintf(path2, sizeof path2, "%s/enc.key", dir);
        snprintf(cmd, sizeof cmd, "openssl pkcs8 -topk8 -v2 aes-256-cbc -in %s -out %s -passout pass:s3cret", path, path2);
        CHECK_INT(sh(cmd), 0);
        char *enc = read_file(path2, NULL);
        REQUIRE(enc != NULL);
        EVP_PKEY *e = NULL;
        BIO *b = BIO_new_mem_buf(enc, -1);
        e = PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"s3cret");
        CHECK(e != NULL && EVP_PKEY_eq(e, k) == 1);
        EVP_PKEY_free(e);
        BIO_free(b);
        b = BIO_new_mem_buf(enc, -1);
        CHECK(PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"wrong") == NULL);
        CHECK_ERR(NULL);
        BIO_free(b);
        free(enc);
        free(theirs);
        free(ours);
        EVP_PKEY_free(k);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
    CHECK_NO_ERR();
}

static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    (void)rwflag;
    int n = (int)strlen(u);
    if (n > size)
        return -1;
    memcpy(buf, u, (size_t)n);
    return n;
}

static EVP_PKEY *key_file(const char *name)
{
    BIO *b = BIO_new_file(cert(name), "r");
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, pw_cb, (void *)"unused") : NULL;
    BIO_free(b);
    return k;
}

static X509 *cert_file(const char *name)
{
    BIO *b = BIO_new_file(cert(name), "r");
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

SCENARIO(pkey_certs)
{
    static const char *pairs[][2] = {{"server-ecdsa.pem", "server-ecdsa.key"}, {"server-rsa.pem", "server-rsa.pkcs1.key"},
                                     {"server-ed25519.pem", "server-ed25519.key"}, {"server-ecdsa.pem", "server-ecdsa.sec1.key"}};
    X509 *ca = cert_file("ca-ecdsa.pem"), *carsa = cert_file("ca-rsa.pem");
    EVP_PKEY *wrong = key_file("wrong.key");
    REQUIRE(ca && carsa && wrong);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        X509 *x = cert_file(pairs[i][0]);
        EVP_PKEY *k = key_file(pairs[i][1]), *pub;
        NOTE("%s + %s", pairs[i][0], pairs[i][1]);
        REQUIRE(x && k);
        pub = X509_get_pubkey(x);
        REQUIRE(pub != NULL);
        CHECK_INT(EVP_PKEY_eq(pub, k), 1);
        CHECK_INT(EVP_PKEY_eq(X509_get0_pubkey(x), k), 1);
        CHECK_INT(EVP_PKEY_get_id(pub), EVP_PKEY_get_id(k));
        CHECK_INT(X509_check_private_key(x, k), 1);
        CHECK_INT(X509_verify(x, X509_get0_pubkey(EVP_PKEY_get_id(k) == EVP_PKEY_RSA ? carsa : ca)), 1);
        CHECK_NO_ERR();
        CHECK(X509_check_private_key(x, wrong) != 1);
        CHECK_ERR(NULL);
        CHECK(X509_verify(x, X509_get0_pubkey(x)) != 1); /* not self-signed */
        ERR_clear_error();
        /* the key as read through PEM serves a context */
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        CHECK_INT(SSL_CTX_use_certificate(ctx, x), 1);
        CHECK_INT(SSL_CTX_use_PrivateKey(ctx, k), 1);
        CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
        if (EVP_PKEY_get_id(k) == EVP_PKEY_get_id(wrong)) {
            CHECK_INT(SSL_CTX_use_PrivateKey(ctx, wrong), 0);
            CHECK_ERR("key values mismatch");
        }
        SSL_CTX_free(ctx);
        EVP_PKEY_free(pub);
        EVP_PKEY_free(k);
        X509_free(x);
    }
    X509_free(ca);
    X509_free(carsa);
    EVP_PKEY_free(wrong);
}

SCENARIO(pkey_generated_identity)
{
    /* a key generated here, a certificate made for it by the openssl CLI, a handshake */
    char dir[] = "/tmp/ferrossl-pkid-XXXXXX", kp[256], cp[256], cmd[1024];
    SSL *c, *s;
    REQUIRE(mkdtemp(dir) != NULL);
    EVP_PKEY *k = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    char *pem = pem_of(k, 0);
    snprintf(kp, sizeof kp, "%s/k.pem", dir);
    snprintf(cp, sizeof cp, "%s/c.pem", dir);
    REQUIRE(k && pem && write_text(kp, pem));
    snprintf(cmd, sizeof cmd,
             "openssl req -new -x509 -key %s -subj /CN=localhost -addext subjectAltName=DNS:localhost -days 2 -out %s", kp, cp);
    REQUIRE(sh(cmd) == 0);
    cctx = SSL_CTX_new(TLS_client_method());
    sctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(cctx && sctx);
    CHECK_INT(SSL_CTX_use_certificate_file(sctx, cp, SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(sctx, k), 1);
    CHECK_INT(SSL_CTX_check_private_key(sctx), 1);
    CHECK_INT(SSL_CTX_load_verify_locations(cctx, cp, NULL), 1);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    mem_pair(&c, &s);
    CHECK_INT(SSL_set1_host(c, "localhost"), 1);
    CHECK(handshake(c, s, mem_shuttle) > 0);
    CHECK_INT(SSL_get_verify_result(c), X509_V_OK);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    EVP_PKEY_free(k);
    free(pem);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
}

SCENARIO(pkey_hostile)
{
    static const unsigned char junk[] = {0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x00};
    const unsigned char *q = junk;
    EVP_PKEY *k = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1), *x = gen_key(NID_X25519, 0);
    REQUIRE(k && x);
    CHECK(d2i_AutoPrivateKey(NULL, &q, sizeof junk) == NULL);
    CHECK(q == junk);
    CHECK_ERR(NULL);
    CHECK(d2i_PUBKEY(NULL, &q, sizeof junk) == NULL);
    CHECK_ERR(NULL);
    CHECK(pem_read("-----BEGIN PRIVATE KEY-----\n!!!!notbase64\n-----END PRIVATE KEY-----\n", 0) == NULL);
    CHECK_ERR(NULL);
    CHECK(pem_read("-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n", 0) == NULL);
    CHECK_ERR(NULL);
    CHECK(pem_read("no pem here\n", 0) == NULL);
    CHECK_ERR(NULL); /* OpenSSL 3: DECODER unsupported; ferrossl: no start line */
    /* a private-key PEM is not a PUBLIC KEY */
    char *pem = pem_of(k, 0);
    CHECK(pem_read(pem, 1) == NULL);
    CHECK_ERR(NULL);
    free(pem);
    /* an encrypted key without a password source */
    /* (PEM_read_bio_PrivateKey with cb == u == NULL would prompt in OpenSSL; not tested) */
    /* NULLs */
    EVP_PKEY_free(NULL);
    EVP_PKEY_CTX_free(NULL);
    CHECK(EVP_PKEY_CTX_new(NULL, NULL) == NULL);
    ERR_clear_error();
    CHECK(X509_get_pubkey(NULL) == NULL);
    ERR_clear_error();
    CHECK(EVP_PKEY_CTX_new_from_name(NULL, "NO-SUCH-KEY", NULL) == NULL);
    CHECK_ERR(NULL);
    /* operations out of order / on the wrong key type */
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
    unsigned char sig[128], dg[32] = {0};
    size_t sl = sizeof sig;
    CHECK(EVP_PKEY_sign(c, sig, &sl, dg, sizeof dg) <= 0); /* no sign_init */
    CHECK_ERR(NULL);
    CHECK_INT(EVP_PKEY_sign_init(c), 1);
    sl = 8; /* too small */
    CHECK(EVP_PKEY_sign(c, sig, &sl, dg, sizeof dg) <= 0);
    ERR_clear_error();
    EVP_PKEY_CTX_free(c);
    c = EVP_PKEY_CTX_new(x, NULL);
    CHECK(EVP_PKEY_sign_init(c) <= 0); /* X25519 does not sign */
    CHECK_ERR(NULL);
    EVP_PKEY_CTX_free(c);
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    CHECK_INT(EVP_DigestSignUpdate(m, "x", 1), 0); /* not initialised */
    ERR_clear_error();
    EVP_MD_CTX_free(m);
    /* a public key cannot sign, nor serve as an SSL private key */
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(k, &der);
    q = der;
    EVP_PKEY *pub = d2i_PUBKEY(NULL, &q, n);
    REQUIRE(pub != NULL);
    CHECK(sign_msg(pub, EVP_sha256(), "x", sig, sizeof sig) == 0);
    CHECK_ERR(NULL);
    OPENSSL_free(der);
    EVP_PKEY_free(pub);
    EVP_PKEY_free(k);
    EVP_PKEY_free(x);
}

/* PEM_X509_INFO_read_bio (curl's CA blobs) and PEM_bytes_read_bio */
SCENARIO(pem_info_and_bytes)
{
    size_t n1 = 0, n2 = 0, n3 = 0;
    char *ca = read_file(cert("ca-ecdsa.pem"), &n1), *crl = read_file(cert("crl.pem"), &n2),
         *leaf = read_file(cert("server-ecdsa.pem"), &n3), *all;
    BIO *b;
    STACK_OF(X509_INFO) *infos;
    X509_INFO *i0, *i1;
    X509 *x;
    unsigned char *data = NULL;
    const unsigned char *p;
    char *name = NULL;
    long len = 0;
    REQUIRE(ca && crl && leaf);
    all = malloc(n1 + n2 + n3 + 64);
    REQUIRE(all != NULL);
    /* CA, its CRL, some junk, then the leaf: two entries, the first with a CRL */
    memcpy(all, ca, n1);
    memcpy(all + n1, crl, n2);
    memcpy(all + n1 + n2, "junk between blocks\n", 20);
    memcpy(all + n1 + n2 + 20, leaf, n3);
    b = BIO_new_mem_buf(all, (int)(n1 + n2 + 20 + n3));
    infos = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
    REQUIRE(infos != NULL);
    CHECK_INT(sk_X509_INFO_num(infos), 2);
    i0 = sk_X509_INFO_value(infos, 0);
    i1 = sk_X509_INFO_value(infos, 1);
    REQUIRE(i0 != NULL && i1 != NULL);
    CHECK(i0->x509 != NULL && i0->crl != NULL && i0->x_pkey == NULL);
    CHECK(i1->x509 != NULL && i1->crl == NULL);
    CHECK_INT(X509_NAME_cmp(X509_get_subject_name(i0->x509), X509_get_issuer_name(i1->x509)), 0);
    CHECK(i2d_X509_CRL(i0->crl, NULL) > 0);
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    BIO_free(b);
    CHECK_NO_ERR();
    /* nothing to read: an empty stack, no error */
    b = BIO_new_mem_buf("no PEM here\n", -1);
    infos = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
    REQUIRE(infos != NULL);
    CHECK_INT(sk_X509_INFO_num(infos), 0);
    sk_X509_INFO_free(infos);
    BIO_free(b);
    CHECK_NO_ERR();
    /* PEM_bytes_read_bio: the leaf's DER, then nothing more */
    b = BIO_new_mem_buf(leaf, (int)n3);
    CHECK_INT(PEM_bytes_read_bio(&data, &len, &name, "CERTIFICATE", b, NULL, NULL), 1);
    CHECK_STR(name, "CERTIFICATE");
    p = data;
    x = d2i_X509(NULL, &p, len);
    CHECK(x != NULL && p == data + len);
    X509_free(x);
    OPENSSL_free(data);
    OPENSSL_free(name);
    CHECK_INT(PEM_bytes_read_bio(&data, &len, NULL, "CERTIFICATE", b, NULL, NULL), 0);
    CHECK_ERR("no start line");
    BIO_free(b);
    /* "ANY PRIVATE KEY" finds the key past a certificate */
    free(all);
    all = read_file(cert("server-ecdsa.key"), &n1);
    REQUIRE(all != NULL);
    b = BIO_new(BIO_s_mem());
    BIO_write(b, leaf, (int)n3);
    BIO_write(b, all, (int)n1);
    CHECK_INT(PEM_bytes_read_bio(&data, &len, &name, "ANY PRIVATE KEY", b, NULL, NULL), 1);
    CHECK(name != NULL && strstr(name, "PRIVATE KEY") != NULL);
    p = data;
    {
        EVP_PKEY *k = d2i_AutoPrivateKey(NULL, &p, len);
        CHECK(k != NULL);
        EVP_PKEY_free(k);
    }
    OPENSSL_free(data);
    OPENSSL_free(name);
    BIO_free(b);
    CHECK_NO_ERR();
    free(all);
    free(ca);
    free(crl);
    free(leaf);
}

/* ---- ciphers, big numbers, base64 (issue 15) ---------------------------------------- */

static size_t unhex(const char *h, unsigned char *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2) {
        unsigned v;
        sscanf(h, "%2x", &v);
        out[n++] = (unsigned char)v;
    }
    return n;
}

static const char *tohex(const unsigned char *b, size_t n)
{
    static char bufs[4][1024];
    static int next;
    char *o = bufs[next++ % 4];
    for (size_t i = 0; i < n && i < 511; i++)
        sprintf(o + 2 * i, "%02x", b[i]);
    o[2 * (n < 511 ? n : 511)] = 0;
    return o;
}

/* Runs `in` through `ctx` in chunks of the given sizes (cycled), then Final; returns the
 * total written to out, or -1 if a call failed. */
static int run_chunks(EVP_CIPHER_CTX *ctx, const unsigned char *in, int inl, unsigned char *out,
                      const int *sizes, int nsizes)
{
    int total = 0, off = 0, k = 0, n;
    while (off < inl) {
        int c = sizes[k++ % nsizes];
        if (c > inl - off)
            c = inl - off;
        if (!EVP_CipherUpdate(ctx, out + total, &n, in + off, c))
            return -1;
        total += n;
        off += c;
    }
    if (!EVP_CipherFinal_ex(ctx, out + total, &n))
        return -1;
    return total + n;
}

SCENARIO(cipher_vectors)
{
    /* NIST SP 800-38A F.2.1 (AES-128-CBC) and F.5.1 (AES-128-CTR) */
    unsigned char key[16], iv[16], pt[64], ct[64], out[128], back[128];
    static const int odd[] = {1, 7, 15, 3, 33};
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n;
    REQUIRE(ctx != NULL);
    unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
    unhex("000102030405060708090a0b0c0d0e0f", iv);
    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710", pt);
    unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
          "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7", ct);
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 0), 1);
    CHECK_INT(run_chunks(ctx, pt, 64, out, odd, 5), 64);
    CHECK_STR(tohex(out, 64), tohex(ct, 64));
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 0), 1);
    CHECK_INT(run_chunks(ctx, ct, 64, back, odd + 2, 3), 64);
    CHECK(memcmp(back, pt, 64) == 0);
    /* with padding: 20 bytes become 32 and come back (padding is a context flag: it
     * survives EVP_EncryptInit_ex, so it is turned back on) */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 1), 1);
    n = run_chunks(ctx, pt, 20, out, odd, 5);
    CHECK_INT(n, 32);
    CHECK_STR(tohex(out, 16), "7649abac8119b246cee98e9b12e9197d");
    CHECK_INT(EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv), 1);
    CHECK_INT(run_chunks(ctx, out, 32, back, odd, 5), 20);
    CHECK(memcmp(back, pt, 20) == 0);
    /* AES-128-CTR, streamed */
    unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", iv);
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv), 1);
    CHECK_INT(run_chunks(ctx, pt, 64, out, odd, 5), 64);
    CHECK_STR(tohex(out, 64), "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                              "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
    /* the getters OpenSSL 3 answers */
    CHECK_INT(EVP_CIPHER_CTX_get_nid(ctx), NID_aes_128_ctr);
    CHECK_INT(EVP_CIPHER_CTX_get_block_size(ctx), 1);
    CHECK_INT(EVP_CIPHER_CTX_get_key_length(ctx), 16);
    CHECK_INT(EVP_CIPHER_CTX_get_iv_length(ctx), 16);
    CHECK_INT(EVP_CIPHER_CTX_is_encrypting(ctx), 1);
    CHECK_STR(EVP_CIPHER_get0_name(EVP_CIPHER_CTX_get0_cipher(ctx)), "AES-128-CTR");
    /* EVP_Cipher returns the bytes processed in OpenSSL 3 */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_Cipher(ctx, out, pt, 32), 32);
    CHECK_NO_ERR();
    EVP_CIPHER_CTX_free(ctx);
}

SCENARIO(cipher_aead)
{
    unsigned char key[32], iv[12], aad[64], pt[128], out[160], tag[16], back[160];
    int n, m;
    size_t ptl, aadl;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    REQUIRE(ctx != NULL);
    /* GCM spec test case 16: AES-256, 96-bit IV, AAD, 60 bytes */
    unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", key);
    unhex("cafebabefacedbaddecaf888", iv);
    aadl = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aad);
    ptl = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt);
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL), 1);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, NULL), 1);
    CHECK_INT(EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, NULL, &n, aad, 7), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, NULL, &n, aad + 7, (int)aadl - 7), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, out, &n, pt, 13), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, out + n, &m, pt + 13, (int)ptl - 13), 1);
    n += m;
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag), 0); /* not before Final */
    CHECK_ERR("invalid tag");
    CHECK_INT(EVP_EncryptFinal_ex(ctx, out + n, &m), 1);
    CHECK_INT(n + m, 60);
    CHECK_STR(tohex(out, 60), "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                              "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662");
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag), 1);
    CHECK_STR(tohex(tag, 16), "76fc6ece0f4e1768cddf8853bb2d551b");
    CHECK_STR(EVP_CIPHER_get0_name(EVP_CIPHER_CTX_get0_cipher(ctx)), "AES-256-GCM");
    CHECK_INT(EVP_CIPHER_CTX_get_tag_length(ctx), 16);
    /* decrypt: the right tag verifies, a flipped one does not */
    for (int bad = 0; bad < 2; bad++) {
        CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv), 1);
        CHECK_INT(EVP_DecryptUpdate(ctx, NULL, &n, aad, (int)aadl), 1);
        CHECK_INT(EVP_DecryptUpdate(ctx, back, &n, out, 60), 1);
        tag[5] ^= (unsigned char)bad;
        CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag), 1);
        tag[5] ^= (unsigned char)bad;
        CHECK(EVP_DecryptFinal_ex(ctx, back + n, &m) == (bad ? 0 : 1));
        if (!bad)
            CHECK(memcmp(back, pt, 60) == 0);
    }
    /* RFC 8439 2.8.2: ChaCha20-Poly1305 */
    unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", key);
    unhex("070000004041424344454647", iv);
    aadl = unhex("50515253c0c1c2c3c4c5c6c7", aad);
    ptl = strlen("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
                 "the future, sunscreen would be it.");
    memcpy(pt, "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
               "the future, sunscreen would be it.", ptl);
    CHECK_INT(EVP_CipherInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, iv, 1), 1);
    CHECK_INT(EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadl), 1);
    CHECK_INT(EVP_CipherUpdate(ctx, out, &n, pt, 50), 1);
    CHECK_INT(EVP_CipherUpdate(ctx, out + n, &m, pt + 50, (int)ptl - 50), 1);
    n += m;
    CHECK_INT(EVP_CipherFinal_ex(ctx, out + n, &m), 1);
    CHECK_INT(n + m, 114);
    CHECK_STR(tohex(out, 114),
              "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb"
              "69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675"
              "945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116");
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag), 1);
    CHECK_STR(tohex(tag, 16), "1ae10b594f09e26a7e902ecbd0600691");
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 8, NULL), 0); /* 12 only */
    CHECK_ERR("invalid iv length");
    tag[0] ^= 1;
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, NULL, &n, aad, (int)aadl), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, back, &n, out, 114), 1);
    CHECK(EVP_DecryptFinal_ex(ctx, back + n, &m) <= 0);
    /* AES-128-CCM round trip (7-byte nonce, 12-byte tag: OpenSSL 3's context defaults) */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL), 1);
    CHECK_INT(EVP_CIPHER_CTX_get_iv_length(ctx), 7);
    CHECK_INT(EVP_CIPHER_CTX_get_tag_length(ctx), 12);
    CHECK_INT(EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, NULL, &n, NULL, 20), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, out, &n, pt, 20), 1);
    CHECK_INT(EVP_EncryptFinal_ex(ctx, out + n, &m), 1);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 12, tag), 1);
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL), 1);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 12, tag), 1);
    CHECK_INT(EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, NULL, &n, NULL, 20), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, back, &n, out, 20), 1);
    CHECK(memcmp(back, pt, 20) == 0);
    CHECK_NO_ERR();
    EVP_CIPHER_CTX_free(ctx);
}

SCENARIO(cipher_refusals)
{
    unsigned char key[32] = {0}, iv[16] = {0}, out[64], blk[16] = {0};
    int n;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    REQUIRE(ctx != NULL);
    EVP_CIPHER_CTX_free(NULL);
    /* unknown names: NULL; fetch also queues "unsupported" */
    CHECK(EVP_get_cipherbyname("nosuch") == NULL);
    CHECK_NO_ERR();
    CHECK(EVP_CIPHER_fetch(NULL, "nosuch", NULL) == NULL);
    CHECK_ERR("unsupported");
    CHECK(EVP_CIPHER_fetch(NULL, "AES-128-CBC", "fips=yes") == NULL);
    CHECK_ERR("unsupported");
    EVP_CIPHER *f = EVP_CIPHER_fetch(NULL, "aes-256-gcm", "provider=default");
    CHECK(f != NULL);
    CHECK_STR(EVP_CIPHER_get0_name(f), "AES-256-GCM");
    CHECK_STR(EVP_CIPHER_get0_name(EVP_aes_256_gcm()), "id-aes256-GCM");
    CHECK_INT(EVP_CIPHER_get_mode(f), EVP_CIPH_GCM_MODE);
    EVP_CIPHER_free(f);
    CHECK(EVP_get_cipherbyname("AES256") == EVP_aes_256_cbc());
    CHECK_INT(EVP_CIPHER_get_key_length(EVP_get_cipherbyname("des3")), 24);
    /* before any cipher: invalid operation / no cipher set */
    CHECK_INT(EVP_EncryptUpdate(ctx, out, &n, blk, 16), 0);
    CHECK_ERR("invalid operation");
    CHECK_INT(EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv), 0);
    CHECK_ERR("no cipher set");
    /* wrong key length */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_key_length(ctx, 16), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_key_length(ctx, 24), 0);
    CHECK_ERR("invalid key length");
    /* wrong direction */
    CHECK_INT(EVP_DecryptUpdate(ctx, out, &n, blk, 16), 0);
    CHECK_ERR("invalid operation");
    /* no padding and a partial block */
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 0), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, out, &n, blk, 5), 1);
    CHECK_INT(EVP_EncryptFinal_ex(ctx, out, &n), 0);
    CHECK_ERR("wrong final block length");
    /* bad padding: a block whose plaintext ends in 0x00 */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 0), 1);
    CHECK_INT(EVP_EncryptUpdate(ctx, out, &n, blk, 16), 1);
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_set_padding(ctx, 1), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, out + 16, &n, out, 16), 1);
    CHECK_INT(EVP_DecryptFinal_ex(ctx, out + 16 + n, &n), 0);
    CHECK_ERR("bad decrypt");
    /* a truncated ciphertext */
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, out + 16, &n, out, 15), 1);
    CHECK_INT(EVP_DecryptFinal_ex(ctx, out + 16, &n), 0);
    CHECK_ERR("wrong final block length");
    /* GCM: tag refused when encrypting; decrypt without a tag fails */
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, iv), 1);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, blk), 0);
    CHECK_ERR("invalid tag");
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, iv), 1);
    CHECK_INT(EVP_DecryptUpdate(ctx, out, &n, blk, 16), 1);
    CHECK_INT(EVP_DecryptFinal_ex(ctx, out, &n), 0);
    CHECK_INT(EVP_CIPHER_CTX_ctrl(ctx, 0x7777, 0, NULL), 0);
    CHECK_ERR("ctrl operation not implemented");
    CHECK_INT(EVP_CIPHER_CTX_reset(ctx), 1);
    EVP_CIPHER_CTX_free(ctx);
}

SCENARIO(bytes_to_key)
{
    /* `openssl enc -aes-256-cbc -md sha256 -S 73616c7473616c74 -pass pass:pass -P -nosalt`'s KDF */
    unsigned char key[32], iv[16];
    CHECK_INT(EVP_BytesToKey(EVP_aes_256_cbc(), EVP_sha256(), (const unsigned char *)"saltsalt",
                             (const unsigned char *)"pass", 4, 1, key, iv), 32);
    CHECK_STR(tohex(key, 2), "7821");
    CHECK_STR(tohex(iv + 15, 1), "d4");
    CHECK_NO_ERR();
}

static const char *bn_hex(const BIGNUM *a)
{
    static char buf[4][256];
    static int next;
    char *h = BN_bn2hex(a), *o = buf[next++ % 4];
    snprintf(o, sizeof buf[0], "%s", h ? h : "(null)");
    OPENSSL_free(h);
    return o;
}

static const char *bn_dec(const BIGNUM *a)
{
    static char buf[4][256];
    static int next;
    char *h = BN_bn2dec(a), *o = buf[next++ % 4];
    snprintf(o, sizeof buf[0], "%s", h ? h : "(null)");
    OPENSSL_free(h);
    return o;
}

SCENARIO(bignum)
{
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *a = BN_new(), *b = BN_new(), *r = BN_new(), *z = NULL, *q;
    unsigned char buf[16];
    REQUIRE(ctx != NULL && a != NULL && b != NULL && r != NULL);
    CHECK_STR(bn_hex(a), "0");
    CHECK_STR(bn_dec(a), "0");
    CHECK_INT(BN_is_zero(a), 1);
    CHECK_INT(BN_hex2bn(&a, "-abc"), 4);
    CHECK_STR(bn_hex(a), "-0ABC");
    CHECK_STR(bn_dec(a), "-2748");
    CHECK_INT(BN_is_negative(a), 1);
    CHECK_INT(BN_hex2bn(&a, "zz"), 0);
    CHECK_INT(BN_dec2bn(&a, "12x"), 2);
    CHECK_STR(bn_hex(a), "0C");
    CHECK_INT(BN_hex2bn(&z, "00ff"), 4);
    CHECK_STR(bn_dec(z), "255");
    /* round trips */
    CHECK_INT(BN_dec2bn(&a, "-12345678901234567890123456789"), 30);
    CHECK_STR(bn_dec(a), "-12345678901234567890123456789");
    CHECK_INT(BN_hex2bn(&b, bn_hex(a)), 25);
    CHECK_INT(BN_cmp(a, b), 0);
    /* arithmetic: (2^100 + 1) * 3, division, modular exponentiation, inverse */
    CHECK_INT(BN_set_word(a, 1), 1);
    CHECK_INT(BN_lshift(a, a, 100), 1);
    CHECK_INT(BN_add_word(a, 1), 1);
    CHECK_INT(BN_num_bits(a), 101);
    CHECK_INT(BN_num_bytes(a), 13);
    CHECK_INT(BN_set_word(b, 3), 1);
    CHECK_INT(BN_mul(r, a, b, ctx), 1);
    CHECK_STR(bn_dec(r), "3802951800684688204490109616131");
    CHECK_INT(BN_div(r, b, r, a, ctx), 1);
    CHECK_STR(bn_dec(r), "3");
    CHECK(BN_is_zero(b));
    CHECK_INT(BN_rshift(r, a, 99), 1);
    CHECK_STR(bn_hex(r), "02");
    CHECK_INT(BN_set_word(a, 4), 1);
    CHECK_INT(BN_set_word(b, 13), 1);
    CHECK_INT(BN_set_word(r, 497), 1);
    CHECK_INT(BN_mod_exp(r, a, b, r, ctx), 1);
    CHECK_STR(bn_dec(r), "445");
    CHECK_INT(BN_set_word(a, 3), 1);
    CHECK_INT(BN_set_word(b, 7), 1);
    CHECK(BN_mod_inverse(r, a, b, ctx) == r);
    CHECK_STR(bn_dec(r), "5");
    CHECK_INT(BN_set_word(a, 14), 1);
    CHECK(BN_mod_inverse(r, a, b, ctx) == NULL);
    CHECK_ERR("no inverse");
    CHECK_INT(BN_gcd(r, a, b, ctx), 1);
    CHECK_STR(bn_dec(r), "7");
    CHECK_INT(BN_set_word(a, 5), 1);
    BN_set_negative(a, 1);
    CHECK_INT(BN_nnmod(r, a, b, ctx), 1);
    CHECK_STR(bn_dec(r), "2");
    CHECK_INT(BN_mod(r, a, b, ctx), 1);
    CHECK_STR(bn_dec(r), "-5");
    CHECK_INT(BN_sub(r, b, a), 1);
    CHECK_STR(bn_dec(r), "12");
    CHECK_INT(BN_ucmp(a, b), -1);
    BN_zero(b);
    CHECK_INT(BN_div(r, NULL, a, b, ctx), 0);
    CHECK_ERR("div by zero");
    CHECK_INT(BN_lshift(r, a, -1), 0);
    CHECK_ERR("invalid shift");
    /* bytes */
    CHECK_INT(BN_set_word(a, 0x1234), 1);
    CHECK_INT(BN_bn2binpad(a, buf, 4), 4);
    CHECK_STR(tohex(buf, 4), "00001234");
    CHECK_INT(BN_bn2lebinpad(a, buf, 4), 4);
    CHECK_STR(tohex(buf, 4), "34120000");
    CHECK_INT(BN_bn2binpad(a, buf, 1), -1);
    CHECK_INT(BN_bn2bin(a, buf), 2);
    q = BN_lebin2bn(buf, 2, NULL);
    CHECK_STR(bn_hex(q), "3412");
    BN_free(q);
    CHECK(BN_get_word(a) == 0x1234);
    CHECK_INT(BN_is_one(BN_value_one()), 1);
    /* random numbers and primes */
    CHECK_INT(BN_rand(r, 128, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD), 1);
    CHECK_INT(BN_num_bits(r), 128);
    CHECK_INT(BN_is_odd(r), 1);
    CHECK_INT(BN_rand(r, 1, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ANY), 0);
    CHECK_ERR("bits too small");
    CHECK_INT(BN_rand_range(r, b), 0); /* b is 0 */
    CHECK_ERR("invalid range");
    CHECK_INT(BN_set_word(b, 1000), 1);
    CHECK_INT(BN_rand_range(r, b), 1);
    CHECK(BN_cmp(r, b) < 0);
    CHECK_INT(BN_generate_prime_ex(r, 64, 0, NULL, NULL, NULL), 1);
    CHECK_INT(BN_num_bits(r), 64);
    CHECK_INT(BN_check_prime(r, ctx, NULL), 1);
    CHECK_INT(BN_add_word(r, 2), 1);
    CHECK_INT(BN_mul_word(r, 3), 1);
    CHECK_INT(BN_check_prime(r, ctx, NULL), 0);
    /* BN_CTX frames */
    BN_CTX_start(ctx);
    q = BN_CTX_get(ctx);
    CHECK(q != NULL && BN_is_zero(q));
    BN_CTX_end(ctx);
    CHECK_NO_ERR();
    BN_free(z);
    BN_clear_free(a);
    BN_free(b);
    BN_free(r);
    BN_free(NULL);
    BN_CTX_free(ctx);
}

SCENARIO(base64)
{
    /* RFC 4648 section 10 */
    static const char *v[][2] = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
                                 {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    unsigned char out[256], dec[256];
    int n, m;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int len = (int)strlen(v[i][0]);
        CHECK_INT(EVP_EncodeBlock(out, (const unsigned char *)v[i][0], len), (int)strlen(v[i][1]));
        CHECK_STR((char *)out, v[i][1]);
        /* DecodeBlock keeps the padding as zero bytes, as OpenSSL */
        CHECK_INT(EVP_DecodeBlock(dec, out, (int)strlen(v[i][1])), ((len + 2) / 3) * 3);
        CHECK(memcmp(dec, v[i][0], (size_t)len) == 0);
    }
    CHECK_INT(EVP_DecodeBlock(dec, (const unsigned char *)"  Zm9v\n", 7), 3);
    CHECK_INT(EVP_DecodeBlock(dec, (const unsigned char *)"Zm9vY", 5), -1);
    CHECK_INT(EVP_DecodeBlock(dec, (const unsigned char *)"Zm!v", 4), -1);
    /* streaming: 100 bytes become two lines */
    unsigned char src[100], line[256];
    for (int i = 0; i < 100; i++)
        src[i] = (unsigned char)(i * 7);
    EVP_ENCODE_CTX *e = EVP_ENCODE_CTX_new();
    REQUIRE(e != NULL);
    EVP_EncodeInit(e);
    CHECK_INT(EVP_EncodeUpdate(e, line, &n, src, 30), 1);
    CHECK_INT(n, 0);
    CHECK_INT(EVP_ENCODE_CTX_num(e), 30);
    CHECK_INT(EVP_EncodeUpdate(e, line, &n, src + 30, 70), 1);
    CHECK_INT(n, 130); /* two full lines of 64 characters and a newline each */
    EVP_EncodeFinal(e, line + n, &m);
    CHECK_INT(m, 9); /* the last 4 bytes: 8 characters and a newline */
    n += m;
    CHECK(line[64] == '\n' && line[n - 1] == '\n');
    EVP_DecodeInit(e);
    int total = 0;
    CHECK_INT(EVP_DecodeUpdate(e, dec, &m, line, 50), 1);
    total += m;
    CHECK(EVP_DecodeUpdate(e, dec + total, &m, line + 50, n - 50) >= 0);
    total += m;
    CHECK_INT(EVP_DecodeFinal(e, dec + total, &m), 1);
    total += m;
    CHECK_INT(total, 100);
    CHECK(memcmp(dec, src, 100) == 0);
    EVP_DecodeInit(e);
    CHECK_INT(EVP_DecodeUpdate(e, dec, &m, (const unsigned char *)"Zm!v\n", 5), -1);
    EVP_ENCODE_CTX_free(e);
    EVP_ENCODE_CTX_free(NULL);
    ERR_clear_error();
}

/* `openssl enc -aes-256-cbc -pbkdf2`'s format ("Salted__", 8-byte salt, then the CBC
 * ciphertext; key and IV from PBKDF2-HMAC-SHA256, 10000 iterations), written and read here
 * with EVP and PKCS5_PBKDF2_HMAC, read and written by the real openssl CLI. */
static int enc_file(const char *path, const unsigned char *data, int len, int encrypt,
                    unsigned char *out, int *outl)
{
    unsigned char kiv[48], salt[8], buf[4096];
    int n, m, ok;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    FILE *f;
    if (encrypt) {
        RAND_bytes(salt, 8);
        memcpy(buf, "Salted__", 8);
        memcpy(buf + 8, salt, 8);
    } else {
        memcpy(salt, data + 8, 8);
        data += 16;
        len -= 16;
    }
    ok = PKCS5_PBKDF2_HMAC("secret", 6, salt, 8, 10000, EVP_sha256(), 48, kiv)
         && EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, kiv, kiv + 32, encrypt)
         && EVP_CipherUpdate(ctx, buf + (encrypt ? 16 : 0), &n, data, len)
         && EVP_CipherFinal_ex(ctx, buf + (encrypt ? 16 : 0) + n, &m);
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
        return 0;
    n += m + (encrypt ? 16 : 0);
    if (encrypt) {
        if ((f = fopen(path, "wb")) == NULL)
            return 0;
        fwrite(buf, 1, (size_t)n, f);
        fclose(f);
    } else {
        memcpy(out, buf, (size_t)n);
        *outl = n;
    }
    return 1;
}

SCENARIO(enc_interop)
{
    const char *msg = "ferrossl and openssl enc agree on -aes-256-cbc -pbkdf2.\n";
    char ours[] = "/tmp/ferrossl-enc-XXXXXX", theirs[64], plain[64];
    unsigned char dec[256];
    size_t len = 0;
    int fd = mkstemp(ours), n = 0, c;
    char *got;
    REQUIRE(fd >= 0);
    close(fd);
    snprintf(theirs, sizeof theirs, "%s.theirs", ours);
    snprintf(plain, sizeof plain, "%s.plain", ours);
    /* ours -> openssl enc -d */
    CHECK(enc_file(ours, (const unsigned char *)msg, (int)strlen(msg), 1, NULL, NULL));
    c = spawn_openssl("enc -d -aes-256-cbc -pbkdf2 -pass pass:secret -in %s -out %s", ours, plain);
    CHECK_INT(child_wait_exit(c, 10000), 0);
    got = read_file(plain, &len);
    CHECK(got != NULL && len == strlen(msg) && memcmp(got, msg, len) == 0);
    free(got);
    /* openssl enc -> ours */
    c = spawn_openssl("enc -aes-256-cbc -pbkdf2 -pass pass:secret -in %s -out %s", plain, theirs);
    CHECK_INT(child_wait_exit(c, 10000), 0);
    got = read_file(theirs, &len);
    REQUIRE(got != NULL && len > 16 && memcmp(got, "Salted__", 8) == 0);
    CHECK(enc_file(NULL, (const unsigned char *)got, (int)len, 0, dec, &n));
    CHECK(n == (int)strlen(msg) && memcmp(dec, msg, (size_t)n) == 0);
    free(got);
    unlink(ours);
    unlink(theirs);
    unlink(plain);
    CHECK_NO_ERR();
}

/* stdio FILE BIOs: BIO_new_fp over a FILE * (shared buffering with the program's own
 * stdio), BIO_s_file with BIO_write_filename / BIO_read_filename / BIO_append_filename */
SCENARIO(bio_file)
{
    char path[] = "/tmp/ferrossl-bio-file-XXXXXX", line[64];
    int fd = mkstemp(path);
    FILE *f;
    BIO *b;
    REQUIRE(fd >= 0);
    close(fd);
    f = fopen(path, "w+");
    REQUIRE(f != NULL);
    fputs("from stdio\n", f);
    b = BIO_new_fp(f, BIO_NOCLOSE);
    REQUIRE(b != NULL);
    CHECK_INT(BIO_method_type(b), BIO_TYPE_FILE);
    CHECK_INT(BIO_printf(b, "from %s %d\n", "BIO_printf", 7), 18);
    CHECK_INT(BIO_puts(b, "puts\n"), 5);
    CHECK_INT(BIO_flush(b), 1);
    CHECK_INT(BIO_tell(b), 34);
    CHECK_INT(BIO_reset(b), 0); /* rewinds */
    CHECK_INT(BIO_gets(b, line, sizeof line), 11);
    CHECK_STR(line, "from stdio\n");
    CHECK_INT(BIO_gets(b, line, sizeof line), 18);
    CHECK_STR(line, "from BIO_printf 7\n");
    CHECK_INT(BIO_read(b, line, sizeof line), 5);
    CHECK_INT(BIO_read(b, line, sizeof line), 0);
    CHECK_INT(BIO_eof(b), 1);
    BIO_free(b);
    CHECK(fclose(f) == 0); /* BIO_NOCLOSE left it open */
    /* BIO_s_file: unattached until a file name is given */
    b = BIO_new(BIO_s_file());
    REQUIRE(b != NULL);
    CHECK_INT(BIO_write_filename(b, path), 1);
    CHECK_INT(BIO_write(b, "abc\n", 4), 4);
    CHECK_INT(BIO_append_filename(b, path), 1); /* closes (and flushes) the first stream */
    CHECK_INT(BIO_write(b, "def\n", 4), 4);
    CHECK_INT(BIO_read_filename(b, path), 1);
    CHECK_INT(BIO_read(b, line, sizeof line), 8);
    CHECK(memcmp(line, "abc\ndef\n", 8) == 0);
    BIO_free(b);
    CHECK_NO_ERR();
    b = BIO_new(BIO_s_file());
    CHECK_INT(BIO_read_filename(b, "/nonexistent/ferrossl/file"), 0);
    CHECK_ERR(NULL);
    BIO_free(b);
    unlink(path);
}

/* OPENSSL_LH_*: OpenSSL's generic hash table semantics (openssl(1) keeps its commands in one) */
static unsigned long lh_str_hash(const void *a) { return OPENSSL_LH_strhash((const char *)a); }
static int lh_str_cmp(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }
static void lh_count(void *item, void *arg) { (void)item; ++*(int *)arg; }

SCENARIO(lhash_table)
{
    char a1[] = "alpha", a2[] = "alpha", b[] = "beta";
    int n = 0;
    OPENSSL_LHASH *lh = OPENSSL_LH_new(lh_str_hash, lh_str_cmp);
    REQUIRE(lh != NULL);
    CHECK(OPENSSL_LH_insert(lh, a1) == NULL); /* new key: NULL */
    CHECK_INT(OPENSSL_LH_error(lh), 0);
    CHECK(OPENSSL_LH_insert(lh, b) == NULL);
    CHECK(OPENSSL_LH_insert(lh, a2) == a1); /* same key: the replaced item */
    CHECK_INT((int)OPENSSL_LH_num_items(lh), 2);
    CHECK(OPENSSL_LH_retrieve(lh, "alpha") == a2);
    CHECK(OPENSSL_LH_retrieve(lh, "gamma") == NULL);
    OPENSSL_LH_doall_arg(lh, lh_count, &n);
    CHECK_INT(n, 2);
    CHECK(OPENSSL_LH_delete(lh, "alpha") == a2);
    CHECK(OPENSSL_LH_delete(lh, "alpha") == NULL);
    CHECK_INT((int)OPENSSL_LH_num_items(lh), 1);
    CHECK(OPENSSL_LH_strhash("") == 0);
    OPENSSL_LH_free(lh);
    CHECK_NO_ERR();
}

/* UI: a method whose reader answers from its user data, as openssl(1)'s -passin does */
static int ui_test_read(UI *ui, UI_STRING *uis)
{
    if (UI_get_string_type(uis) == UIT_PROMPT || UI_get_string_type(uis) == UIT_VERIFY)
        return UI_set_result(ui, uis, (const char *)UI_get0_user_data(ui)) == 0;
    return 1;
}

SCENARIO(ui_methods)
{
    char buf[16] = {0}, vbuf[16] = {0};
    char *prompt;
    UI *ui;
    UI_METHOD *m = UI_create_method("test ui");
    REQUIRE(m != NULL);
    CHECK_INT(UI_method_set_reader(m, ui_test_read), 0);
    CHECK(UI_method_get_reader(m) == ui_test_read);
    CHECK(UI_method_get_opener(m) == NULL);
    prompt = UI_construct_prompt(NULL, "pass phrase", "key.pem");
    CHECK_STR(prompt, "Enter pass phrase for key.pem:");
    OPENSSL_free(prompt);

    ui = UI_new_method(m);
    REQUIRE(ui != NULL);
    CHECK(UI_add_user_data(ui, "secret") == NULL);
    CHECK_INT(UI_add_input_string(ui, "pw:", UI_INPUT_FLAG_DEFAULT_PWD, buf, 4, 15), 1);
    CHECK_INT(UI_add_verify_string(ui, "again:", 0, vbuf, 4, 15, buf), 2);
    CHECK_INT(UI_process(ui), 0);
    CHECK_STR(buf, "secret");
    CHECK_STR(UI_get0_result(ui, 0), "secret");
    CHECK_INT(UI_get_result_length(ui, 1), 6);
    CHECK(UI_get0_result(ui, 5) == NULL); /* index too large */
    CHECK_ERR(NULL);
    UI_free(ui);

    /* an answer longer than the prompt allows: -1 and a redoable UI */
    ui = UI_new_method(m);
    REQUIRE(ui != NULL);
    UI_add_user_data(ui, "far-too-long-a-pass-phrase");
    CHECK_INT(UI_add_input_string(ui, "pw:", 0, buf, 0, 8), 1);
    CHECK_INT(UI_process(ui), -1);
    CHECK_INT(UI_ctrl(ui, UI_CTRL_IS_REDOABLE, 0, NULL, NULL), 1);
    CHECK_ERR(NULL);
    UI_free(ui);

    /* UI_null reads nothing: -2 */
    ui = UI_new_method(UI_null());
    REQUIRE(ui != NULL);
    CHECK_INT(UI_add_input_string(ui, "pw:", 0, buf, 0, 8), 1);
    CHECK_INT(UI_process(ui), -2);
    UI_free(ui);
    UI_destroy_method(m);
    ERR_clear_error();
}

/* OSSL_STORE: a PEM file's certificate and key, and an encrypted key's pass phrase
 * asked through the UI method */
SCENARIO(store_file)
{
    int certs = 0, keys = 0;
    OSSL_STORE_INFO *info;
    UI_METHOD *m = UI_create_method("store ui");
    OSSL_STORE_CTX *st = OSSL_STORE_open_ex(cert("server-ecdsa.pem"), NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    REQUIRE(st != NULL && m != NULL);
    while (!OSSL_STORE_eof(st)) {
        info = OSSL_STORE_load(st);
        if (info == NULL)
            continue;
        if (OSSL_STORE_INFO_get_type(info) == OSSL_STORE_INFO_CERT) {
            X509 *x = OSSL_STORE_INFO_get1_CERT(info);
            CHECK(x != NULL);
            CHECK(OSSL_STORE_INFO_get0_PKEY(info) == NULL); /* not a key */
            X509_free(x);
            certs++;
        }
        OSSL_STORE_INFO_free(info);
    }
    CHECK(certs >= 1);
    CHECK_STR(OSSL_STORE_INFO_type_string(OSSL_STORE_INFO_PKEY), "Pkey");
    CHECK_INT(OSSL_STORE_close(st), 1);
    ERR_clear_error();

    st = OSSL_STORE_open_ex(cert("server-ecdsa.key"), NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    REQUIRE(st != NULL);
    CHECK_INT(OSSL_STORE_expect(st, OSSL_STORE_INFO_PKEY), 1);
    while (!OSSL_STORE_eof(st)) {
        info = OSSL_STORE_load(st);
        if (info == NULL)
            continue;
        CHECK_INT(OSSL_STORE_INFO_get_type(info), OSSL_STORE_INFO_PKEY);
        EVP_PKEY *k = OSSL_STORE_INFO_get1_PKEY(info);
        CHECK(k != NULL);
        EVP_PKEY_free(k);
        keys++;
        OSSL_STORE_INFO_free(info);
    }
    CHECK_INT(keys, 1);
    CHECK_INT(OSSL_STORE_close(st), 1);
    CHECK(OSSL_STORE_open_ex("/nonexistent/ferrossl.pem", NULL, NULL, NULL, NULL, NULL, NULL, NULL) == NULL);
    CHECK_ERR(NULL);
    UI_destroy_method(m);
    ERR_clear_error();
}

#ifdef FERROSSL_USE_OPENSSL_HEADERS
#include <openssl/pkcs12.h>
#define P12_STACK STACK_OF(X509)
#else
#define P12_STACK OPENSSL_STACK
#endif

static PKCS12 *read_p12(const char *name)
{
    BIO *b = BIO_new_file(cert(name), "rb");
    PKCS12 *p12;
    REQUIRE(b != NULL);
    p12 = d2i_PKCS12_bio(b, NULL);
    BIO_free(b);
    return p12;
}

/* PKCS#12: OpenSSL's files parsed (AES/SHA-256 and 3DES/SHA-1), a wrong password
 * refused as OpenSSL refuses it, a file made here read back, DER in and out */
SCENARIO(pkcs12)
{
    PKCS12 *p12 = read_p12("server-ecdsa.p12"), *made, *back;
    EVP_PKEY *key = NULL, *key2 = NULL;
    X509 *x = NULL, *x2 = NULL;
    OPENSSL_STACK *ca = NULL, *ca2 = NULL;
    unsigned char *der = NULL;
    const unsigned char *p;
    char name[256];
    int n;
    unsigned long e;
    REQUIRE(p12 != NULL);
    CHECK_INT(PKCS12_verify_mac(p12, "secret", -1), 1);
    CHECK_INT(PKCS12_verify_mac(p12, "secreT", 6), 0);
    ERR_clear_error();
    /* wrong password: 0, outputs NULL, PKCS12_R_MAC_VERIFY_FAILURE */
    key = (EVP_PKEY *)1;
    CHECK_INT(PKCS12_parse(p12, "wrong", &key, &x, (P12_STACK **)&ca), 0);
    CHECK(key == NULL && x == NULL && ca == NULL);
    e = ERR_peek_error();
    CHECK_INT(ERR_GET_LIB(e), ERR_LIB_PKCS12);
    CHECK_INT(ERR_GET_REASON(e), PKCS12_R_MAC_VERIFY_FAILURE);
    ERR_clear_error();
    CHECK_INT(PKCS12_parse(p12, NULL, &key, &x, NULL), 0);
    ERR_clear_error();
    CHECK_INT(PKCS12_parse(p12, "secret", &key, &x, (P12_STACK **)&ca), 1);
    REQUIRE(key != NULL && x != NULL && ca != NULL);
    CHECK_INT(X509_check_private_key(x, key), 1);
    X509_NAME_oneline(X509_get_subject_name(x), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test server ecdsa");
    CHECK_INT(OPENSSL_sk_num(ca), 1);
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(ca, 0)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test CA ecdsa");
    CHECK_INT(EVP_PKEY_get_id(key), EVP_PKEY_EC);
    CHECK_NO_ERR();
    /* made here, with OpenSSL 3's defaults; DER out and in; parsed back the same */
    made = PKCS12_create("pw", "made here", key, x, (P12_STACK *)ca, 0, 0, 0, 0, 0);
    REQUIRE(made != NULL);
    n = i2d_PKCS12(made, NULL);
    CHECK(n > 0);
    CHECK_INT(i2d_PKCS12(made, &der), n);
    p = der;
    back = d2i_PKCS12(NULL, &p, n);
    REQUIRE(back != NULL);
    CHECK(p == der + n);
    CHECK_INT(PKCS12_parse(back, "pw", &key2, &x2, (P12_STACK **)&ca2), 1);
    CHECK(x2 != NULL && X509_cmp(x, x2) == 0);
    CHECK(key2 != NULL && EVP_PKEY_eq(key, key2) == 1);
    CHECK(ca2 != NULL && OPENSSL_sk_num(ca2) == 1);
    /* the key and certificate serve a context */
    {
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        CHECK_INT(SSL_CTX_use_certificate(ctx, x2), 1);
        CHECK_INT(SSL_CTX_use_PrivateKey(ctx, key2), 1);
        CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
        SSL_CTX_free(ctx);
    }
    CHECK_NO_ERR();
    /* a new MAC (SHA-512, more iterations), as pyca/cryptography sets it */
    CHECK_INT(PKCS12_set_mac(back, "pw", -1, NULL, 0, 4096, EVP_sha512()), 1);
    CHECK_INT(PKCS12_verify_mac(back, "pw", -1), 1);
    CHECK_INT(PKCS12_verify_mac(back, "pw2", -1), 0);
    ERR_clear_error();
    OPENSSL_free(der);
    EVP_PKEY_free(key2);
    X509_free(x2);
    OPENSSL_sk_pop_free(ca2, (OPENSSL_sk_freefunc)X509_free);
    PKCS12_free(back);
    PKCS12_free(made);
    EVP_PKEY_free(key);
    X509_free(x);
    OPENSSL_sk_pop_free(ca, (OPENSSL_sk_freefunc)X509_free);
    PKCS12_free(p12);
    /* the classic 3DES / SHA-1 form; only the outputs asked for */
    p12 = read_p12("server-rsa-3des.p12");
    REQUIRE(p12 != NULL);
    key = NULL;
    CHECK_INT(PKCS12_parse(p12, "secret", &key, NULL, NULL), 1);
    CHECK(key != NULL && EVP_PKEY_get_id(key) == EVP_PKEY_RSA);
    EVP_PKEY_free(key);
    PKCS12_free(p12);
    CHECK_NO_ERR();
}

/* bad PKCS#12 input: garbage, truncation, NULLs; never a crash */
SCENARIO(pkcs12_bad_input)
{
    static const unsigned char junk[] = {0x30, 0x03, 0x02, 0x01, 0x03};
    BIO *b = BIO_new_file(cert("server-ecdsa.p12"), "rb");
    unsigned char buf[8192];
    const unsigned char *p = junk;
    int n, cut;
    REQUIRE(b != NULL);
    n = BIO_read(b, buf, sizeof buf);
    BIO_free(b);
    REQUIRE(n > 100);
    CHECK(d2i_PKCS12(NULL, &p, sizeof junk) == NULL);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    for (cut = 1; cut < n; cut += 97) {
        p = buf;
        PKCS12 *t = d2i_PKCS12(NULL, &p, cut);
        CHECK(t == NULL);
        PKCS12_free(t);
    }
    ERR_clear_error();
    CHECK_INT(PKCS12_parse(NULL, "x", NULL, NULL, NULL), 0);
    CHECK(PKCS12_create("x", NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0) == NULL);
    ERR_clear_error();
    PKCS12_free(NULL);
}

/* ---- filter BIOs: md, cipher, base64, null, buffer, chained with BIO_push ----------- */

SCENARIO(filter_bio_md)
{
    static const char msg[] = "The quick brown fox jumps over the lazy dog";
    const int len = (int)sizeof msg - 1;
    unsigned char want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
    unsigned int wantlen = 0;
    char buf[64];
    const EVP_MD *md = NULL;
    EVP_MD_CTX *mctx = NULL;
    int n, total = 0;

    /* writing through an md BIO digests what reaches the memory BIO below it */
    BIO *mem = BIO_new(BIO_s_mem()), *bmd = BIO_new(BIO_f_md());
    REQUIRE(mem != NULL && bmd != NULL);
    CHECK_INT(BIO_method_type(bmd), BIO_TYPE_MD);
    CHECK(BIO_next(bmd) == NULL);
    CHECK_INT(BIO_set_md(bmd, EVP_sha256()), 1);
    CHECK(BIO_push(bmd, mem) == bmd);
    CHECK(BIO_next(bmd) == mem);
    CHECK_INT(BIO_write(bmd, msg, 10), 10);
    CHECK_INT(BIO_write(bmd, msg + 10, len - 10), len - 10);
    CHECK_INT(BIO_ctrl_pending(bmd), len); /* asked of the memory BIO */
    CHECK_INT(BIO_get_md(bmd, &md), 1);
    CHECK(md == EVP_sha256());
    CHECK_INT(EVP_Digest(msg, (size_t)len, want, &wantlen, EVP_sha256(), NULL), 1);
    CHECK_INT(BIO_gets(bmd, (char *)got, 16), 0); /* too small for the digest: 0 */
    CHECK_INT(BIO_gets(bmd, (char *)got, sizeof got), 32);
    CHECK(memcmp(got, want, 32) == 0);
    /* BIO_reset restarts the digest and resets the memory BIO */
    CHECK_INT(BIO_reset(bmd), 1);
    CHECK_INT(BIO_ctrl_pending(mem), 0);
    CHECK_INT(BIO_puts(bmd, "x"), -2); /* the md BIO has no puts */
    ERR_clear_error();
    CHECK(BIO_pop(bmd) == mem);
    CHECK(BIO_next(bmd) == NULL);
    CHECK_INT(BIO_write(bmd, msg, len), 0); /* nothing below it: nothing written */
    CHECK_INT(BIO_free(bmd), 1);
    CHECK_INT(BIO_free(mem), 1);

    /* reading through one over a read-only buffer, the context set up by hand */
    BIO *src = BIO_new_mem_buf(msg, len);
    bmd = BIO_new(BIO_f_md());
    REQUIRE(src != NULL && bmd != NULL);
    CHECK_INT(BIO_get_md_ctx(bmd, &mctx), 1);
    REQUIRE(mctx != NULL);
    CHECK_INT(EVP_DigestInit_ex(mctx, EVP_sha1(), NULL), 1);
    BIO *chain = BIO_push(bmd, src);
    while ((n = BIO_read(chain, buf, 7)) > 0)
        total += n;
    CHECK_INT(n, 0);
    CHECK_INT(total, len);
    CHECK_INT(BIO_eof(chain), 1);
    CHECK_INT(EVP_Digest(msg, (size_t)len, want, &wantlen, EVP_sha1(), NULL), 1);
    CHECK_INT(BIO_gets(chain, (char *)got, sizeof got), 20);
    CHECK(memcmp(got, want, 20) == 0);
    BIO_free_all(chain); /* both */

    /* an HMAC key signing through the md BIO's context; BIO_reset starts another
     * signature with the same key (as `openssl dgst -hmac` does between files) */
    EVP_PKEY *hk = EVP_PKEY_new_raw_private_key(EVP_PKEY_HMAC, NULL, (const unsigned char *)"key", 3);
    REQUIRE(hk != NULL);
    CHECK(HMAC(EVP_sha256(), "key", 3, (const unsigned char *)msg, (size_t)len, want, &wantlen) != NULL);
    src = BIO_new_mem_buf(msg, len);
    bmd = BIO_new(BIO_f_md());
    REQUIRE(src != NULL && bmd != NULL);
    CHECK_INT(BIO_get_md_ctx(bmd, &mctx), 1);
    CHECK_INT(EVP_DigestSignInit(mctx, NULL, EVP_sha256(), NULL, hk), 1);
    chain = BIO_push(bmd, src);
    for (int round = 0; round < 2; round++) {
        size_t siglen = sizeof got;
        total = 0;
        while ((n = BIO_read(chain, buf, sizeof buf)) > 0)
            total += n;
        CHECK_INT(total, len);
        CHECK_INT(EVP_DigestSignFinal(mctx, got, &siglen), 1);
        CHECK_INT(siglen, 32);
        CHECK(memcmp(got, want, 32) == 0);
        CHECK_INT(BIO_reset(chain), 1); /* the read-only buffer rewinds */
    }
    BIO_free_all(chain);
    EVP_PKEY_free(hk);

    /* bad input: no digest to set */
    bmd = BIO_new(BIO_f_md());
    REQUIRE(bmd != NULL);
    CHECK_INT(BIO_set_md(bmd, NULL), 0);
    CHECK_ERR(NULL);
    CHECK_INT(BIO_free(bmd), 1);
}

SCENARIO(filter_bio_cipher)
{
    unsigned char key[32], iv[16], pt[5000], ct[5100], back[5100], ref[5100];
    int n, m, total = 0;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (unsigned char)(i + 1);
    for (size_t i = 0; i < sizeof iv; i++)
        iv[i] = (unsigned char)(0xa0 + i);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (unsigned char)(i * 31 + 7);

    /* the reference: EVP one shot */
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    REQUIRE(c != NULL);
    CHECK_INT(EVP_EncryptInit_ex(c, EVP_aes_256_cbc(), NULL, key, iv), 1);
    CHECK_INT(EVP_EncryptUpdate(c, ref, &n, pt, (int)sizeof pt), 1);
    CHECK_INT(EVP_EncryptFinal_ex(c, ref + n, &m), 1);
    CHECK_INT(n + m, 5008);
    EVP_CIPHER_CTX_free(c);

    /* writing: encrypted on the way to the memory BIO; BIO_flush writes the last block */
    BIO *sink = BIO_new(BIO_s_mem()), *benc = BIO_new(BIO_f_cipher());
    REQUIRE(sink != NULL && benc != NULL);
    CHECK_INT(BIO_method_type(benc), BIO_TYPE_CIPHER);
    CHECK_INT(BIO_set_cipher(benc, EVP_aes_256_cbc(), key, iv, 1), 1);
    BIO_push(benc, sink);
    CHECK_INT(BIO_write(benc, pt, 1), 1);
    CHECK_INT(BIO_write(benc, pt + 1, 999), 999);
    CHECK_INT(BIO_write(benc, pt + 1000, 4000), 4000);
    CHECK_INT(BIO_ctrl_pending(sink), 4992); /* whole blocks so far */
    CHECK_INT(BIO_flush(benc), 1);
    CHECK_INT(BIO_get_cipher_status(benc), 1);
    CHECK_INT(BIO_ctrl_pending(sink), 5008);
    CHECK_INT(BIO_read(sink, ct, sizeof ct), 5008);
    CHECK(memcmp(ct, ref, 5008) == 0);
    BIO_free_all(benc);

    /* reading: decrypted from a memory buffer, in reads of several sizes */
    BIO *csrc = BIO_new_mem_buf(ct, 5008), *bdec = BIO_new(BIO_f_cipher());
    EVP_CIPHER_CTX *dctx = NULL;
    REQUIRE(csrc != NULL && bdec != NULL);
    CHECK_INT(BIO_get_cipher_ctx(bdec, &dctx), 1);
    REQUIRE(dctx != NULL);
    CHECK_INT(EVP_CipherInit_ex(dctx, EVP_aes_256_cbc(), NULL, key, iv, 0), 1);
    BIO_push(bdec, csrc);
    for (int step = 0; (n = BIO_read(bdec, back + total, step % 2 ? 100 : 4096)) > 0; step++)
        total += n;
    CHECK_INT(n, 0);
    CHECK_INT(total, (int)sizeof pt);
    CHECK(memcmp(back, pt, sizeof pt) == 0);
    CHECK_INT(BIO_get_cipher_status(bdec), 1);
    CHECK_INT(BIO_eof(bdec), 1);
    BIO_free_all(bdec);

    /* the wrong key: the final block is bad, the status says so */
    key[0] ^= 1;
    csrc = BIO_new_mem_buf(ct, 5008);
    bdec = BIO_new(BIO_f_cipher());
    REQUIRE(csrc != NULL && bdec != NULL);
    CHECK_INT(BIO_set_cipher(bdec, EVP_aes_256_cbc(), key, iv, 0), 1);
    BIO_push(bdec, csrc);
    total = 0;
    while ((n = BIO_read(bdec, back, sizeof back)) > 0)
        total += n;
    CHECK(total <= 5008);
    CHECK_INT(BIO_get_cipher_status(bdec), 0);
    CHECK_ERR(NULL);
    BIO_free_all(bdec);

}

SCENARIO(filter_bio_base64)
{
    unsigned char data[100], block[200], back[200];
    char want[200], *p = NULL;
    long plen;
    int n, total = 0;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 3);
    int blen = EVP_EncodeBlock(block, data, (int)sizeof data); /* 136 characters */
    CHECK_INT(blen, 136);
    /* with newlines: lines of 64, each ended by \n */
    memcpy(want, block, 64);
    want[64] = '\n';
    memcpy(want + 65, block + 64, 64);
    want[129] = '\n';
    memcpy(want + 130, block + 128, 8);
    want[138] = '\n';

    BIO *mem = BIO_new(BIO_s_mem()), *b64 = BIO_new(BIO_f_base64());
    REQUIRE(mem != NULL && b64 != NULL);
    CHECK_INT(BIO_method_type(b64), BIO_TYPE_BASE64);
    BIO_push(b64, mem);
    CHECK_INT(BIO_write(b64, data, 30), 30);
    CHECK_INT(BIO_write(b64, data + 30, 70), 70);
    CHECK_INT(BIO_flush(b64), 1);
    plen = BIO_get_mem_data(mem, &p);
    CHECK_INT(plen, 139);
    CHECK(p != NULL && memcmp(p, want, 139) == 0);
    BIO_free_all(b64);

    /* BIO_FLAGS_BASE64_NO_NL: one line, no newline, in writes of 1 and 2 bytes */
    mem = BIO_new(BIO_s_mem());
    b64 = BIO_new(BIO_f_base64());
    REQUIRE(mem != NULL && b64 != NULL);
    BIO_set_flags(b64, BIO_FLAGS_BASE64_NO_NL);
    BIO_push(b64, mem);
    for (int i = 0; i < 100; i += (i % 2) + 1)
        CHECK_INT(BIO_write(b64, data + i, (i % 2) + 1 + i > 100 ? 100 - i : (i % 2) + 1), (i % 2) + 1 + i > 100 ? 100 - i : (i % 2) + 1);
    CHECK_INT(BIO_flush(b64), 1);
    plen = BIO_get_mem_data(mem, &p);
    CHECK_INT(plen, 136);
    CHECK(p != NULL && memcmp(p, block, 136) == 0);
    BIO_free_all(b64);

    /* decoding, after a line that is not base64 */
    char text[260];
    int tl = snprintf(text, sizeof text, "# heading: not base64!\n");
    memcpy(text + tl, want, 139);
    BIO *src = BIO_new_mem_buf(text, tl + 139);
    b64 = BIO_new(BIO_f_base64());
    REQUIRE(src != NULL && b64 != NULL);
    BIO_push(b64, src);
    while ((n = BIO_read(b64, back + total, 33)) > 0)
        total += n;
    CHECK_INT(total, 100);
    CHECK(memcmp(back, data, 100) == 0);
    BIO_free_all(b64);

    /* decoding one line with BIO_FLAGS_BASE64_NO_NL */
    src = BIO_new_mem_buf(block, blen);
    b64 = BIO_new(BIO_f_base64());
    REQUIRE(src != NULL && b64 != NULL);
    BIO_set_flags(b64, BIO_FLAGS_BASE64_NO_NL);
    BIO_push(b64, src);
    total = 0;
    while ((n = BIO_read(b64, back + total, sizeof back - (size_t)total)) > 0)
        total += n;
    CHECK_INT(total, 100);
    CHECK(memcmp(back, data, 100) == 0);
    BIO_free_all(b64);

    /* garbage decodes to nothing, with and without NO_NL */
    for (int flags = 0; flags < 2; flags++) {
        src = BIO_new_mem_buf("!!!! ####\n%%%%\n", -1);
        b64 = BIO_new(BIO_f_base64());
        REQUIRE(src != NULL && b64 != NULL);
        if (flags)
            BIO_set_flags(b64, BIO_FLAGS_BASE64_NO_NL);
        BIO_push(b64, src);
        CHECK(BIO_read(b64, back, sizeof back) <= 0);
        BIO_free_all(b64);
    }
    ERR_clear_error();
}

SCENARIO(filter_bio_null_buffer)
{
    char buf[64];
    /* the null filter passes everything through */
    BIO *mem = BIO_new(BIO_s_mem()), *nf = BIO_new(BIO_f_null());
    REQUIRE(mem != NULL && nf != NULL);
    CHECK_INT(BIO_method_type(nf), BIO_TYPE_NULL_FILTER);
    BIO_push(nf, mem);
    CHECK_INT(BIO_write(nf, "abc", 3), 3);
    CHECK_INT(BIO_ctrl_pending(mem), 3);
    CHECK_INT(BIO_read(nf, buf, sizeof buf), 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    CHECK_INT(BIO_read(nf, buf, sizeof buf), -1); /* the memory BIO's retry */
    CHECK(BIO_should_retry(nf));
    BIO_free_all(nf);

    /* the buffer filter: BIO_gets reads lines; writes wait for BIO_flush */
    BIO *src = BIO_new_mem_buf("line one\nline two\nend", -1), *bf = BIO_new(BIO_f_buffer());
    REQUIRE(src != NULL && bf != NULL);
    CHECK_INT(BIO_method_type(bf), BIO_TYPE_BUFFER);
    BIO_push(bf, src);
    CHECK_INT(BIO_gets(bf, buf, sizeof buf), 9);
    CHECK_STR(buf, "line one\n");
    CHECK_INT(BIO_gets(bf, buf, sizeof buf), 9);
    CHECK_STR(buf, "line two\n");
    CHECK_INT(BIO_gets(bf, buf, sizeof buf), 3);
    CHECK_STR(buf, "end");
    CHECK_INT(BIO_gets(bf, buf, sizeof buf), 0);
    BIO_free_all(bf);
    mem = BIO_new(BIO_s_mem());
    bf = BIO_new(BIO_f_buffer());
    REQUIRE(mem != NULL && bf != NULL);
    BIO_push(bf, mem);
    CHECK_INT(BIO_write(bf, "hello", 5), 5);
    CHECK_INT(BIO_ctrl_pending(mem), 0);
    CHECK_INT(BIO_wpending(bf), 5);
    CHECK_INT(BIO_flush(bf), 1);
    CHECK_INT(BIO_ctrl_pending(mem), 5);
    CHECK(BIO_find_type(bf, BIO_TYPE_MEM) == mem);
    CHECK(BIO_find_type(bf, BIO_TYPE_MD) == NULL);
    BIO_free_all(bf);
}

/* BIO_ADDR / BIO_lookup_ex / BIO_socket / BIO_listen / BIO_connect / BIO_accept_ex on
 * 127.0.0.1, as openssl s_client / s_server use them, and their failures */
SCENARIO(bio_sockets)
{
    BIO_ADDRINFO *res = NULL;
    CHECK_INT(BIO_sock_init(), 1);
    REQUIRE(BIO_lookup_ex("127.0.0.1", "0", BIO_LOOKUP_SERVER, AF_INET, SOCK_STREAM, 0, &res) == 1);
    CHECK_INT(BIO_ADDRINFO_family(res), AF_INET);
    CHECK_INT(BIO_ADDRINFO_socktype(res), SOCK_STREAM);
    CHECK_INT(BIO_ADDRINFO_protocol(res), IPPROTO_TCP);
    const BIO_ADDR *a = BIO_ADDRINFO_address(res);
    REQUIRE(a != NULL);
    CHECK_INT(BIO_ADDR_family(a), AF_INET);
    unsigned char raw[16];
    size_t rawlen = 0;
    CHECK_INT(BIO_ADDR_rawaddress(a, raw, &rawlen), 1);
    CHECK_INT(rawlen, 4);
    CHECK(memcmp(raw, "\x7f\0\0\x01", 4) == 0);
    CHECK_INT(BIO_ADDR_rawport(a), 0);

    int lsock = BIO_socket(BIO_ADDRINFO_family(res), BIO_ADDRINFO_socktype(res), BIO_ADDRINFO_protocol(res), 0);
    REQUIRE(lsock >= 0);
    CHECK_INT(BIO_listen(lsock, a, BIO_SOCK_REUSEADDR), 1);
    BIO_ADDRINFO_free(res);

    /* the port the kernel chose, through BIO_sock_info */
    BIO_ADDR *local = BIO_ADDR_new();
    union BIO_sock_info_u info;
    info.addr = local;
    CHECK_INT(BIO_sock_info(lsock, BIO_SOCK_INFO_ADDRESS, &info), 1);
    char *host = BIO_ADDR_hostname_string(local, 1), *serv = BIO_ADDR_service_string(local, 1);
    CHECK_STR(host, "127.0.0.1");
    CHECK(serv != NULL && atoi(serv) == ntohs(BIO_ADDR_rawport(local)) && atoi(serv) > 0);

    /* a client: lookup, socket, connect; the server accepts and learns its address */
    BIO_ADDRINFO *cres = NULL;
    REQUIRE(BIO_lookup_ex(host, serv, BIO_LOOKUP_CLIENT, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, &cres) == 1);
    int csock = BIO_socket(BIO_ADDRINFO_family(cres), SOCK_STREAM, IPPROTO_TCP, 0);
    REQUIRE(csock >= 0);
    CHECK_INT(BIO_connect(csock, BIO_ADDRINFO_address(cres), BIO_SOCK_NODELAY), 1);
    BIO_ADDR *peer = BIO_ADDR_new();
    int asock = BIO_accept_ex(lsock, peer, 0);
    CHECK(asock >= 0);
    CHECK_INT(BIO_ADDR_family(peer), AF_INET);
    CHECK(BIO_ADDR_rawport(peer) != 0);
    CHECK_INT(BIO_sock_error(asock), 0);
    CHECK_INT(BIO_set_tcp_ndelay(asock, 1), 1);
    /* bytes cross through socket BIOs, counted by BIO_number_read/_written */
    BIO *cb = BIO_new_socket(csock, BIO_NOCLOSE), *sb = BIO_new_socket(asock, BIO_NOCLOSE);
    char buf[8] = {0};
    CHECK_INT(BIO_write(cb, "ping", 4), 4);
    CHECK_INT(BIO_read(sb, buf, sizeof buf), 4);
    CHECK(memcmp(buf, "ping", 4) == 0);
    CHECK_INT(BIO_number_written(cb), 4);
    CHECK_INT(BIO_number_read(sb), 4);
    BIO_free(cb);
    BIO_free(sb);
    CHECK_INT(BIO_closesocket(asock), 1);
    CHECK_INT(BIO_closesocket(csock), 1);
    CHECK_NO_ERR();

    /* connecting to the now closed listener's port fails with OpenSSL's errors */
    CHECK_INT(BIO_closesocket(lsock), 1);
    csock = BIO_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP, 0);
    CHECK_INT(BIO_connect(csock, BIO_ADDRINFO_address(cres), 0), 0);
    CHECK_ERR("connect error");
    CHECK_INT(BIO_closesocket(csock), 1);
    CHECK_INT(BIO_closesocket(-1), 0);
    BIO_ADDRINFO_free(cres);
    OPENSSL_free(host);
    OPENSSL_free(serv);
    BIO_ADDR_free(local);
    BIO_ADDR_free(peer);

    /* BIO_ADDR_rawmake: IPv6 with a port, refused lengths and families */
    BIO_ADDR *b = BIO_ADDR_new();
    CHECK_INT(BIO_ADDR_family(b), AF_UNSPEC);
    CHECK_INT(BIO_ADDR_rawaddress(b, NULL, &rawlen), 0);
    unsigned char v6[16] = {0};
    v6[15] = 1;
    CHECK_INT(BIO_ADDR_rawmake(b, AF_INET6, v6, 16, htons(443)), 1);
    CHECK_INT(BIO_ADDR_family(b), AF_INET6);
    CHECK_INT(ntohs(BIO_ADDR_rawport(b)), 443);
    host = BIO_ADDR_hostname_string(b, 1);
    serv = BIO_ADDR_service_string(b, 1);
    CHECK_STR(host, "::1");
    CHECK_STR(serv, "443");
    OPENSSL_free(host);
    OPENSSL_free(serv);
    CHECK_INT(BIO_ADDR_rawmake(b, AF_INET, v6, 16, 0), 0);
    CHECK_INT(BIO_ADDR_rawmake(b, 12345, v6, 4, 0), 0);
    BIO_ADDR_free(b);
    BIO_ADDR_free(NULL);
    BIO_ADDRINFO_free(NULL);
    CHECK_NO_ERR();

    /* lookups that fail */
    res = NULL;
    CHECK_INT(BIO_lookup_ex("127.0.0.1", "0", BIO_LOOKUP_CLIENT, 12345, SOCK_STREAM, 0, &res), 0);
    CHECK_ERR("unsupported protocol family");
    CHECK_INT(BIO_lookup_ex("no-such-host.invalid", "443", BIO_LOOKUP_CLIENT, AF_INET, SOCK_STREAM, 0, &res), 0);
    CHECK_ERR("system lib"); /* with getaddrinfo's message as data */
    CHECK(res == NULL);
    CHECK_INT(BIO_socket(12345, SOCK_STREAM, 0, 0), -1);
    CHECK_ERR("unable to create socket");
}

/* BIO_parse_hostserv: the forms s_client's -connect and s_server's -accept take */
SCENARIO(bio_parse_hostserv)
{
    char *h = NULL, *p = NULL;
    CHECK_INT(BIO_parse_hostserv("example.com:443", &h, &p, BIO_PARSE_PRIO_HOST), 1);
    CHECK_STR(h, "example.com");
    CHECK_STR(p, "443");
    OPENSSL_free(h);
    OPENSSL_free(p);
    h = p = NULL;
    CHECK_INT(BIO_parse_hostserv("[::1]:8443", &h, &p, BIO_PARSE_PRIO_HOST), 1);
    CHECK_STR(h, "::1");
    CHECK_STR(p, "8443");
    OPENSSL_free(h);
    OPENSSL_free(p);
    h = p = NULL;
    CHECK_INT(BIO_parse_hostserv("*:4433", &h, &p, BIO_PARSE_PRIO_SERV), 1);
    CHECK(h == NULL);
    CHECK_STR(p, "4433");
    OPENSSL_free(p);
    h = p = NULL;
    /* a lone word: a service with PRIO_SERV (host untouched), a host with PRIO_HOST */
    h = (char *)"untouched";
    CHECK_INT(BIO_parse_hostserv("4433", &h, &p, BIO_PARSE_PRIO_SERV), 1);
    CHECK_STR(h, "untouched");
    CHECK_STR(p, "4433");
    OPENSSL_free(p);
    h = p = NULL;
    CHECK_INT(BIO_parse_hostserv("localhost", &h, &p, BIO_PARSE_PRIO_HOST), 1);
    CHECK_STR(h, "localhost");
    CHECK(p == NULL);
    OPENSSL_free(h);
    h = p = NULL;
    CHECK_INT(BIO_parse_hostserv("host:", &h, &p, BIO_PARSE_PRIO_HOST), 1);
    CHECK_STR(h, "host");
    CHECK(p == NULL);
    OPENSSL_free(h);
    h = p = NULL;
    CHECK_NO_ERR();
    /* bad input */
    CHECK_INT(BIO_parse_hostserv("::1:443", &h, &p, BIO_PARSE_PRIO_HOST), 0);
    CHECK_ERR("ambiguous host or service");
    CHECK_INT(BIO_parse_hostserv("[::1", &h, &p, BIO_PARSE_PRIO_HOST), 0);
    CHECK_ERR("malformed host or service");
    CHECK_INT(BIO_parse_hostserv("[::1]x", &h, &p, BIO_PARSE_PRIO_HOST), 0);
    CHECK_ERR("malformed host or service");
    CHECK_INT(BIO_parse_hostserv("[::1]:4:3", &h, &p, BIO_PARSE_PRIO_HOST), 0);
    CHECK_ERR("malformed host or service");
    CHECK(h == NULL && p == NULL);
}

/* ---- legacy RSA / EC_KEY / ECDSA / ECDH (what libssh2 calls). OpenSSL 3 marks them
 * deprecated; these scenarios test them as programs still use them. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

static int write_bin(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    size_t w = fwrite(p, 1, n, f);
    return (fclose(f) == 0) & (w == n);
}

/* ECDSA with an EC_KEY on P-256/384/521: ECDSA_do_sign, verified by ECDSA_do_verify, by
 * EVP_PKEY_verify on an EVP_PKEY holding that EC_KEY, and by the openssl CLI */
SCENARIO(legacy_ecdsa)
{
    char dir[] = "/tmp/ferrossl-legacy-XXXXXX", path[256], path2[256], path3[256], cmd[1024];
    REQUIRE(mkdtemp(dir) != NULL);
    static const int nids[] = {NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1};
    static const int degree[] = {256, 384, 521}, dlen[] = {32, 48, 64};
    for (int i = 0; i < 3; i++) {
        unsigned char dgst[64], *der = NULL;
        const BIGNUM *r = NULL, *s = NULL;
        for (int j = 0; j < 64; j++)
            dgst[j] = (unsigned char)(j * 7 + i);
        EC_KEY *k = EC_KEY_new_by_curve_name(nids[i]);
        REQUIRE(k != NULL);
        CHECK(EC_KEY_get0_public_key(k) == NULL);
        CHECK(EC_KEY_get0_private_key(k) == NULL);
        CHECK_INT(EC_KEY_generate_key(k), 1);
        CHECK(EC_KEY_get0_private_key(k) != NULL && EC_KEY_get0_public_key(k) != NULL);
        CHECK_INT(EC_KEY_check_key(k), 1);
        const EC_GROUP *g = EC_KEY_get0_group(k);
        CHECK_INT(EC_GROUP_get_curve_name(g), nids[i]);
        CHECK_INT(EC_GROUP_get_degree(g), degree[i]);
        ECDSA_SIG *sig = ECDSA_do_sign(dgst, dlen[i], k);
        REQUIRE(sig != NULL);
        ECDSA_SIG_get0(sig, &r, &s);
        CHECK(r != NULL && s != NULL && r == ECDSA_SIG_get0_r(sig) && s == ECDSA_SIG_get0_s(sig));
        CHECK_INT(ECDSA_do_verify(dgst, dlen[i], sig, k), 1);
        dgst[0] ^= 1;
        CHECK_INT(ECDSA_do_verify(dgst, dlen[i], sig, k), 0);
        dgst[0] ^= 1;
        int n = i2d_ECDSA_SIG(sig, &der);
        CHECK(n > 8 && der != NULL);
        CHECK(n <= ECDSA_size(k));
        /* the same key through EVP: EVP_PKEY_set1_EC_KEY, then get1 gives that EC_KEY back */
        EVP_PKEY *pk = EVP_PKEY_new();
        REQUIRE(pk != NULL);
        CHECK_INT(EVP_PKEY_set1_EC_KEY(pk, k), 1);
        CHECK_INT(EVP_PKEY_get_id(pk), EVP_PKEY_EC);
        CHECK_INT(EVP_PKEY_get_bits(pk), degree[i]);
        EC_KEY *k1 = EVP_PKEY_get1_EC_KEY(pk);
        CHECK(k1 == k);
        CHECK(EVP_PKEY_get0_EC_KEY(pk) == k);
        EC_KEY_free(k1);
        CHECK(EVP_PKEY_get1_RSA(pk) == NULL);
        CHECK_ERR("expecting an rsa key");
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pk, NULL);
        REQUIRE(c != NULL);
        CHECK_INT(EVP_PKEY_verify_init(c), 1);
        CHECK_INT(EVP_PKEY_verify(c, der, (size_t)n, dgst, (size_t)dlen[i]), 1);
        EVP_PKEY_CTX_free(c);
        /* ECDSA_sign / ECDSA_verify: the DER form */
        unsigned char dsig[160];
        unsigned int dsiglen = 0;
        CHECK_INT(ECDSA_sign(0, dgst, dlen[i], dsig, &dsiglen, k), 1);
        CHECK_INT(ECDSA_verify(0, dgst, dlen[i], dsig, (int)dsiglen, k), 1);
        /* and by openssl pkeyutl, on the public key and the DER signature */
        char *pub = pem_of(pk, 1);
        snprintf(path, sizeof path, "%s/pub.pem", dir);
        snprintf(path2, sizeof path2, "%s/dgst.bin", dir);
        snprintf(path3, sizeof path3, "%s/sig.der", dir);
        REQUIRE(pub != NULL && write_text(path, pub) && write_bin(path2, dgst, (size_t)dlen[i]) && write_bin(path3, der, (size_t)n));
        snprintf(cmd, sizeof cmd, "openssl pkeyutl -verify -pubin -inkey %s -in %s -sigfile %s >/dev/null", path, path2, path3);
        CHECK_INT(sh(cmd), 0);
        /* an EC_KEY built from the public point's bytes alone verifies too (libssh2's host keys) */
        unsigned char oct[133];
        size_t olen = EC_POINT_point2oct(g, EC_KEY_get0_public_key(k), POINT_CONVERSION_UNCOMPRESSED, NULL, 0, NULL);
        CHECK_INT((int)olen, 1 + 2 * ((degree[i] + 7) / 8));
        CHECK_INT((int)EC_POINT_point2oct(g, EC_KEY_get0_public_key(k), POINT_CONVERSION_UNCOMPRESSED, oct, sizeof oct, NULL), (int)olen);
        CHECK_INT(oct[0], 4);
        EC_KEY *v = EC_KEY_new_by_curve_name(nids[i]);
        EC_POINT *pt = EC_POINT_new(EC_KEY_get0_group(v));
        REQUIRE(v != NULL && pt != NULL);
        CHECK_INT(EC_POINT_oct2point(EC_KEY_get0_group(v), pt, oct, olen, NULL), 1);
        CHECK_INT(EC_POINT_cmp(g, pt, EC_KEY_get0_public_key(k), NULL), 0);
        CHECK_INT(EC_KEY_set_public_key(v, pt), 1);
        CHECK_INT(ECDSA_do_verify(dgst, dlen[i], sig, v), 1);
        /* rebuilt from r and s (ECDSA_SIG_set0 takes them) */
        ECDSA_SIG *sig2 = ECDSA_SIG_new();
        BIGNUM *r2 = BN_dup(r), *s2 = BN_dup(s);
        REQUIRE(sig2 != NULL && r2 != NULL && s2 != NULL);
        CHECK_INT(ECDSA_SIG_set0(sig2, r2, s2), 1);
        CHECK_INT(ECDSA_do_verify(dgst, dlen[i], sig2, v), 1);
        ECDSA_SIG_free(sig2);
        /* an EC_KEY from a private scalar: signs for the same public key */
        EC_KEY *w = EC_KEY_new_by_curve_name(nids[i]);
        REQUIRE(w != NULL);
        CHECK_INT(EC_KEY_set_private_key(w, EC_KEY_get0_private_key(k)), 1);
        CHECK_INT(EC_KEY_set_public_key(w, EC_KEY_get0_public_key(k)), 1);
        ECDSA_SIG *sig3 = ECDSA_do_sign(dgst, dlen[i], w);
        CHECK(sig3 != NULL && ECDSA_do_verify(dgst, dlen[i], sig3, v) == 1);
        ECDSA_SIG_free(sig3);
        EC_KEY_free(w);
        EC_POINT_free(pt);
        EC_KEY_free(v);
        OPENSSL_free(der);
        free(pub);
        ECDSA_SIG_free(sig);
        EVP_PKEY_free(pk);
        EC_KEY_free(k);
        CHECK_NO_ERR();
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
}

/* ECDH_compute_key: both sides agree, and agree with EVP_PKEY_derive; bad input refused */
SCENARIO(legacy_ecdh)
{
    EC_KEY *a = EC_KEY_new_by_curve_name(NID_secp384r1), *b = EC_KEY_new_by_curve_name(NID_secp384r1);
    EC_KEY *c = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
    REQUIRE(a != NULL && b != NULL && c != NULL);
    CHECK_INT(EC_KEY_generate_key(a), 1);
    CHECK_INT(EC_KEY_generate_key(b), 1);
    CHECK_INT(EC_KEY_generate_key(c), 1);
    unsigned char s1[48], s2[48], s3[48], s4[64];
    size_t n3 = sizeof s3;
    CHECK_INT(ECDH_compute_key(s1, sizeof s1, EC_KEY_get0_public_key(b), a, NULL), 48);
    CHECK_INT(ECDH_compute_key(s2, sizeof s2, EC_KEY_get0_public_key(a), b, NULL), 48);
    CHECK(memcmp(s1, s2, 48) == 0);
    /* a longer buffer: the secret's own length; a shorter one: truncated */
    CHECK_INT(ECDH_compute_key(s4, sizeof s4, EC_KEY_get0_public_key(a), b, NULL), 48);
    CHECK_INT(ECDH_compute_key(s4, 16, EC_KEY_get0_public_key(a), b, NULL), 16);
    CHECK(memcmp(s4, s1, 16) == 0);
    /* the EVP way on the same keys */
    EVP_PKEY *pa = EVP_PKEY_new(), *pb = EVP_PKEY_new();
    REQUIRE(pa != NULL && pb != NULL);
    CHECK_INT(EVP_PKEY_set1_EC_KEY(pa, a), 1);
    CHECK_INT(EVP_PKEY_set1_EC_KEY(pb, b), 1);
    EVP_PKEY_CTX *d = EVP_PKEY_CTX_new(pa, NULL);
    REQUIRE(d != NULL);
    CHECK_INT(EVP_PKEY_derive_init(d), 1);
    CHECK_INT(EVP_PKEY_derive_set_peer(d, pb), 1);
    CHECK_INT(EVP_PKEY_derive(d, s3, &n3), 1);
    CHECK(n3 == 48 && memcmp(s1, s3, 48) == 0);
    EVP_PKEY_CTX_free(d);
    /* a P-256 point against a P-384 key; a P-384 encoding into a P-256 point; a point off
     * the curve; a too-short output buffer for point2oct */
    CHECK_INT(ECDH_compute_key(s1, sizeof s1, EC_KEY_get0_public_key(c), a, NULL), 0);
    CHECK_ERR(NULL);
    unsigned char oct[97];
    const EC_GROUP *g384 = EC_KEY_get0_group(a), *g256 = EC_KEY_get0_group(c);
    CHECK_INT((int)EC_POINT_point2oct(g384, EC_KEY_get0_public_key(a), POINT_CONVERSION_UNCOMPRESSED, oct, 96, NULL), 0);
    CHECK_ERR(NULL);
    CHECK_INT((int)EC_POINT_point2oct(g384, EC_KEY_get0_public_key(a), POINT_CONVERSION_UNCOMPRESSED, oct, sizeof oct, NULL), 97);
    EC_POINT *p256 = EC_POINT_new(g256), *p384 = EC_POINT_new(g384);
    REQUIRE(p256 != NULL && p384 != NULL);
    CHECK_INT(EC_POINT_oct2point(g256, p256, oct, sizeof oct, NULL), 0);
    CHECK_ERR(NULL);
    oct[96] ^= 1;
    CHECK_INT(EC_POINT_oct2point(g384, p384, oct, sizeof oct, NULL), 0);
    CHECK_ERR(NULL);
    CHECK_INT(EC_POINT_oct2point(g384, p384, oct, 10, NULL), 0);
    CHECK_ERR(NULL);
    CHECK_INT(EC_KEY_set_public_key(c, EC_KEY_get0_public_key(a)), 0);
    CHECK_ERR(NULL);
    /* NULLs: frees are no-ops; unknown curves and missing numbers refused */
    EC_KEY_free(NULL);
    EC_POINT_free(NULL);
    ECDSA_SIG_free(NULL);
    EC_GROUP_free(NULL);
    CHECK(EC_KEY_new_by_curve_name(NID_sha256) == NULL);
    CHECK_ERR(NULL);
    ECDSA_SIG *sig = ECDSA_SIG_new();
    REQUIRE(sig != NULL);
    CHECK_INT(ECDSA_SIG_set0(sig, NULL, NULL), 0);
    ERR_clear_error();
    ECDSA_SIG_free(sig);
    EC_KEY *empty = EC_KEY_new_by_curve_name(NID_secp384r1);
    REQUIRE(empty != NULL);
    CHECK_INT(ECDH_compute_key(s1, sizeof s1, EC_KEY_get0_public_key(b), empty, NULL), 0);
    CHECK_ERR(NULL);
    EC_KEY_free(empty);
    EC_POINT_free(p256);
    EC_POINT_free(p384);
    EVP_PKEY_free(pa);
    EVP_PKEY_free(pb);
    EC_KEY_free(a);
    EC_KEY_free(b);
    EC_KEY_free(c);
}

/* RSA: the numbers out of a generated key (RSA_get0_*), into a new RSA (RSA_set0_*, which
 * keeps the very BIGNUMs), RSA_sign verified by RSA_verify, EVP and the openssl CLI */
SCENARIO(legacy_rsa)
{
    char dir[] = "/tmp/ferrossl-legacy-XXXXXX", path[256], path2[256], path3[256], cmd[1024];
    REQUIRE(mkdtemp(dir) != NULL);
    EVP_PKEY *gen = gen_key(EVP_PKEY_RSA, 2048);
    REQUIRE(gen != NULL);
    RSA *r = EVP_PKEY_get1_RSA(gen);
    REQUIRE(r != NULL);
    CHECK(EVP_PKEY_get0_RSA(gen) == r);
    CHECK(EVP_PKEY_get1_EC_KEY(gen) == NULL);
    CHECK_ERR("expecting an ec key");
    CHECK_INT(RSA_size(r), 256);
    CHECK_INT(RSA_bits(r), 2048);
    const BIGNUM *n, *e, *d, *p, *q, *dmp1, *dmq1, *iqmp;
    RSA_get0_key(r, &n, &e, &d);
    RSA_get0_factors(r, &p, &q);
    RSA_get0_crt_params(r, &dmp1, &dmq1, &iqmp);
    REQUIRE(n && e && d && p && q && dmp1 && dmq1 && iqmp);
    CHECK(RSA_get0_n(r) == n && RSA_get0_e(r) == e && RSA_get0_d(r) == d && RSA_get0_p(r) == p);
    CHECK(RSA_get0_q(r) == q && RSA_get0_dmp1(r) == dmp1 && RSA_get0_dmq1(r) == dmq1 && RSA_get0_iqmp(r) == iqmp);
    CHECK_STR(bn_dec(e), "65537");

    RSA *r2 = RSA_new();
    REQUIRE(r2 != NULL);
    BIGNUM *n2 = BN_dup(n), *e2 = BN_dup(e), *d2 = BN_dup(d), *p2 = BN_dup(p), *q2 = BN_dup(q);
    BIGNUM *dp2 = BN_dup(dmp1), *dq2 = BN_dup(dmq1), *iq2 = BN_dup(iqmp);
    CHECK_INT(RSA_set0_key(r2, NULL, NULL, NULL), 0); /* n and e must be given */
    ERR_clear_error();
    CHECK_INT(RSA_set0_key(r2, n2, e2, d2), 1);
    CHECK_INT(RSA_set0_factors(r2, p2, q2), 1);
    CHECK_INT(RSA_set0_crt_params(r2, dp2, dq2, iq2), 1);
    const BIGNUM *gn, *ge, *gd, *gp, *gq, *gdp, *gdq, *giq;
    RSA_get0_key(r2, &gn, &ge, &gd);
    RSA_get0_factors(r2, &gp, &gq);
    RSA_get0_crt_params(r2, &gdp, &gdq, &giq);
    CHECK(gn == n2 && ge == e2 && gd == d2 && gp == p2 && gq == q2 && gdp == dp2 && gdq == dq2 && giq == iq2);
    CHECK(BN_cmp(gn, n) == 0 && BN_cmp(gd, d) == 0);
    RSA_get0_key(r2, NULL, NULL, NULL); /* NULL out pointers are skipped */
    CHECK_INT(RSA_check_key(r2), 1);

    unsigned char dgst[32], sig[256];
    unsigned int siglen = 0;
    for (int i = 0; i < 32; i++)
        dgst[i] = (unsigned char)(i * 3 + 1);
    CHECK_INT(RSA_sign(NID_sha256, dgst, sizeof dgst, sig, &siglen, r2), 1);
    CHECK_INT((int)siglen, 256);
    CHECK_INT(RSA_verify(NID_sha256, dgst, sizeof dgst, sig, siglen, r), 1);
    CHECK_INT(RSA_verify(NID_sha512, dgst, sizeof dgst, sig, siglen, r), 0);
    ERR_clear_error();
    sig[10] ^= 1;
    CHECK_INT(RSA_verify(NID_sha256, dgst, sizeof dgst, sig, siglen, r), 0);
    CHECK_ERR(NULL);
    sig[10] ^= 1;
    CHECK_INT(RSA_verify(NID_sha256, dgst, sizeof dgst, sig, siglen - 1, r), 0);
    CHECK_ERR(NULL);

    /* an EVP_PKEY holding r2: EVP verifies the same signature, and openssl does */
    EVP_PKEY *pk = EVP_PKEY_new();
    REQUIRE(pk != NULL);
    CHECK_INT(EVP_PKEY_set1_RSA(pk, r2), 1);
    CHECK(EVP_PKEY_get0_RSA(pk) == r2);
    CHECK_INT(EVP_PKEY_get_id(pk), EVP_PKEY_RSA);
    CHECK_INT(EVP_PKEY_eq(pk, gen), 1);
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pk, NULL);
    REQUIRE(c != NULL);
    CHECK_INT(EVP_PKEY_verify_init(c), 1);
    CHECK_INT(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING), 1);
    CHECK_INT(EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()), 1);
    CHECK_INT(EVP_PKEY_verify(c, sig, siglen, dgst, sizeof dgst), 1);
    EVP_PKEY_CTX_free(c);
    char *pub = pem_of(pk, 1);
    snprintf(path, sizeof path, "%s/pub.pem", dir);
    snprintf(path2, sizeof path2, "%s/dgst.bin", dir);
    snprintf(path3, sizeof path3, "%s/sig.bin", dir);
    REQUIRE(pub != NULL && write_text(path, pub) && write_bin(path2, dgst, sizeof dgst) && write_bin(path3, sig, siglen));
    snprintf(cmd, sizeof cmd, "openssl pkeyutl -verify -pubin -inkey %s -in %s -sigfile %s -pkeyopt digest:sha256 >/dev/null", path, path2, path3);
    CHECK_INT(sh(cmd), 0);
    free(pub);

    /* RSA_public_encrypt / RSA_private_decrypt, PKCS#1 v1.5 and OAEP */
    static const int pads[] = {RSA_PKCS1_PADDING, RSA_PKCS1_OAEP_PADDING};
    for (int i = 0; i < 2; i++) {
        unsigned char ct[256], pt[256];
        CHECK_INT(RSA_public_encrypt(5, (const unsigned char *)"hello", ct, r, pads[i]), 256);
        CHECK_INT(RSA_private_decrypt(256, ct, pt, r2, pads[i]), 5);
        CHECK(memcmp(pt, "hello", 5) == 0);
        ct[0] ^= 0x40;
        CHECK_INT(RSA_private_decrypt(256, ct, pt, r2, pads[i]), -1);
        CHECK_ERR(NULL);
    }
    /* EVP_PKEY_assign_RSA takes the reference */
    RSA *r3 = RSA_new();
    REQUIRE(r3 != NULL);
    CHECK_INT(RSA_set0_key(r3, BN_dup(n), BN_dup(e), NULL), 1);
    EVP_PKEY *pk3 = EVP_PKEY_new();
    REQUIRE(pk3 != NULL);
    CHECK_INT(EVP_PKEY_assign_RSA(pk3, r3), 1);
    CHECK_INT(EVP_PKEY_eq(pk3, gen), 1);
    EVP_PKEY_free(pk3);
    RSA_free(NULL);
    EVP_PKEY_free(pk);
    RSA_free(r2);
    RSA_free(r);
    EVP_PKEY_free(gen);
    CHECK_NO_ERR();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
}

/* ---- what python3-cryptography 38 calls (tests/compat/t_pyca.sh runs pyca itself):
 * providers, RSA encryption with OAEP, encrypted PKCS#8, keys through BIOs, CMAC. */
static int pyca_pw_cb(char *buf, int size, int rwflag, void *u)
{
    (void)rwflag;
    size_t n = strlen((const char *)u);
    if ((int)n > size)
        return -1;
    memcpy(buf, u, n);
    return (int)n;
}

SCENARIO(pyca_calls)
{
    /* the built-in providers load; a module that is not there does not */
    OSSL_PROVIDER *legacy = OSSL_PROVIDER_load(NULL, "legacy"), *def = OSSL_PROVIDER_load(NULL, "default");
    CHECK(legacy != NULL && def != NULL);
    CHECK_NO_ERR();
    if (def)
        CHECK_STR(OSSL_PROVIDER_get0_name(def), "default");
    CHECK_INT(OSSL_PROVIDER_available(NULL, "default"), 1);
    CHECK(OSSL_PROVIDER_load(NULL, "no-such-provider") == NULL);
    CHECK_ERR(NULL);
    CHECK_INT(OSSL_PROVIDER_unload(legacy), 1);

    /* RSA-OAEP (SHA-256, MGF1-SHA-256, a label) both ways, and a PKCS#1 v1.5 one */
    EVP_PKEY *k = gen_key(EVP_PKEY_RSA, 2048);
    REQUIRE(k != NULL);
    for (int oaep = 0; oaep < 2; oaep++) {
        unsigned char ct[256], pt[256];
        size_t ctlen = sizeof ct, ptlen = sizeof pt, need = 0;
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
        CHECK_INT(EVP_PKEY_encrypt_init(c), 1);
        if (oaep) {
            CHECK_INT(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_OAEP_PADDING), 1);
            CHECK_INT(EVP_PKEY_CTX_set_rsa_oaep_md(c, EVP_sha256()), 1);
            CHECK_INT(EVP_PKEY_CTX_set_rsa_mgf1_md(c, EVP_sha256()), 1);
            CHECK_INT(EVP_PKEY_CTX_set0_rsa_oaep_label(c, CRYPTO_strdup("label", __FILE__, __LINE__), 5), 1);
        }
        CHECK_INT(EVP_PKEY_encrypt(c, NULL, &need, (const unsigned char *)"secret", 6), 1);
        CHECK(need == 256);
        CHECK_INT(EVP_PKEY_encrypt(c, ct, &ctlen, (const unsigned char *)"secret", 6), 1);
        CHECK(ctlen == 256);
        EVP_PKEY_CTX_free(c);
        c = EVP_PKEY_CTX_new(k, NULL);
        CHECK_INT(EVP_PKEY_decrypt_init(c), 1);
        if (oaep) {
            CHECK_INT(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_OAEP_PADDING), 1);
            CHECK_INT(EVP_PKEY_CTX_set_rsa_oaep_md(c, EVP_sha256()), 1);
            CHECK_INT(EVP_PKEY_CTX_set_rsa_mgf1_md(c, EVP_sha256()), 1);
            CHECK_INT(EVP_PKEY_CTX_set0_rsa_oaep_label(c, CRYPTO_strdup("label", __FILE__, __LINE__), 5), 1);
        }
        CHECK_INT(EVP_PKEY_decrypt(c, pt, &ptlen, ct, ctlen), 1);
        CHECK(ptlen == 6 && memcmp(pt, "secret", 6) == 0);
        ct[10] ^= 1;
        ptlen = sizeof pt;
        CHECK(EVP_PKEY_decrypt(c, pt, &ptlen, ct, ctlen) <= 0);
        CHECK_ERR(NULL);
        EVP_PKEY_CTX_free(c);
    }

    /* encrypted PKCS#8: PEM and DER, read back with the password; a wrong one fails */
    BIO *b = BIO_new(BIO_s_mem());
    CHECK_INT(PEM_write_bio_PKCS8PrivateKey(b, k, EVP_aes_256_cbc(), "pw", 2, NULL, NULL), 1);
    char *data = NULL;
    long n = BIO_get_mem_data(b, &data);
    CHECK(n > 40 && strncmp(data, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 38) == 0);
    EVP_PKEY *k2 = PEM_read_bio_PrivateKey(b, NULL, pyca_pw_cb, (void *)"pw");
    CHECK(k2 != NULL && EVP_PKEY_eq(k, k2) == 1);
    EVP_PKEY_free(k2);
    BIO_free(b);
    b = BIO_new(BIO_s_mem());
    CHECK_INT(i2d_PKCS8PrivateKey_bio(b, k, EVP_aes_128_cbc(), NULL, 0, pyca_pw_cb, (void *)"pw"), 1);
    BIO *b2 = BIO_new(BIO_s_mem());
    n = BIO_get_mem_data(b, &data);
    BIO_write(b2, data, (int)n);
    k2 = d2i_PKCS8PrivateKey_bio(b, NULL, pyca_pw_cb, (void *)"pw");
    CHECK(k2 != NULL && EVP_PKEY_eq(k, k2) == 1);
    EVP_PKEY_free(k2);
    CHECK(d2i_PKCS8PrivateKey_bio(b2, NULL, pyca_pw_cb, (void *)"wrong") == NULL);
    CHECK_ERR(NULL);
    BIO_free(b);
    BIO_free(b2);

    /* keys as DER through BIOs */
    b = BIO_new(BIO_s_mem());
    CHECK_INT(i2d_PUBKEY_bio(b, k), 1);
    CHECK_INT(i2d_PrivateKey_bio(b, k), 1);
    EVP_PKEY *pub = d2i_PUBKEY_bio(b, NULL);
    k2 = d2i_PrivateKey_bio(b, NULL);
    CHECK(pub != NULL && EVP_PKEY_eq(k, pub) == 1);
    CHECK(k2 != NULL && EVP_PKEY_eq(k, k2) == 1);
    CHECK(d2i_PUBKEY_bio(b, NULL) == NULL);
    CHECK_ERR(NULL);
    EVP_PKEY_free(pub);
    EVP_PKEY_free(k2);
    BIO_free(b);
    EVP_PKEY_free(k);
    CHECK_INT(EVP_PKEY_type(19), EVP_PKEY_RSA); /* NID_rsa */
    CHECK_INT(EVP_PKEY_type(NID_undef), NID_undef);

    /* CMAC: RFC 4493 example 2, and a copy carries on */
    static const unsigned char key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                          0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    static const unsigned char msg[16] = {0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
                                          0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a};
    static const unsigned char want[16] = {0x07, 0x0a, 0x16, 0xb4, 0x6b, 0x4d, 0x41, 0x44,
                                           0xf7, 0x9b, 0xdd, 0x9d, 0xd0, 0x4a, 0x28, 0x7c};
    unsigned char mac[16];
    size_t maclen = 0;
    CMAC_CTX *cm = CMAC_CTX_new(), *cm2 = CMAC_CTX_new();
    CHECK_INT(CMAC_Init(cm, key, sizeof key, EVP_aes_128_cbc(), NULL), 1);
    CHECK_INT(CMAC_Update(cm, msg, 8), 1);
    CHECK_INT(CMAC_CTX_copy(cm2, cm), 1);
    CHECK_INT(CMAC_Update(cm2, msg + 8, 8), 1);
    CHECK_INT(CMAC_Final(cm2, mac, &maclen), 1);
    CHECK(maclen == 16 && memcmp(mac, want, 16) == 0);
    CHECK_INT(CMAC_Init(cm, NULL, 0, NULL, NULL), 1); /* restart, same key */
    CHECK_INT(CMAC_Update(cm, msg, 16), 1);
    CHECK_INT(CMAC_Final(cm, mac, &maclen), 1);
    CHECK(maclen == 16 && memcmp(mac, want, 16) == 0);
    CMAC_CTX_free(cm);
    CMAC_CTX_free(cm2);
    CMAC_CTX_free(NULL);

    /* a named curve's group */
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    BIGNUM *order = BN_new();
    CHECK_INT(EC_GROUP_get_asn1_flag(g), 1); /* OPENSSL_EC_NAMED_CURVE */
    CHECK_INT(EC_GROUP_get_order(g, order, NULL), 1);
    CHECK_INT(BN_num_bits(order), 256);
    CHECK_INT(EC_METHOD_get_field_type(EC_GROUP_method_of(g)), 406); /* NID_X9_62_prime_field */
    EC_POINT *p = EC_POINT_new(g);
    CHECK_INT(EC_POINT_dbl(g, p, EC_GROUP_get0_generator(g), NULL), 1);
    CHECK_INT(EC_POINT_invert(g, p, NULL), 1);
    CHECK_INT(EC_POINT_add(g, p, p, EC_GROUP_get0_generator(g), NULL), 1);
    CHECK_INT(EC_POINT_add(g, p, p, EC_GROUP_get0_generator(g), NULL), 1);
    CHECK_INT(EC_POINT_is_at_infinity(g, p), 1);
    EC_POINT_free(p);
    BN_free(order);
    EC_GROUP_free(g);
    CHECK_NO_ERR();
    /* last: in OpenSSL, unloading the default provider one loaded explicitly leaves none */
    CHECK_INT(OSSL_PROVIDER_unload(def), 1);
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* ---- OpenSSL 3's EVP_MAC / EVP_KDF with OSSL_PARAM arrays */
static int hex_eq(const unsigned char *p, size_t n, const char *hex)
{
    char buf[1024];
    if (2 * n + 1 > sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    buf[2 * n] = 0;
    if (strcmp(buf, hex) != 0)
        printf("  note  got %s\n", buf);
    return strcmp(buf, hex) == 0;
}

/* RFC 4231 test cases 1 and 2 (HMAC-SHA-256, -512) through EVP_MAC */
SCENARIO(evp_mac_hmac)
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    REQUIRE(mac != NULL);
    CHECK_STR(EVP_MAC_get0_name(mac), "HMAC");
    CHECK_INT(EVP_MAC_is_a(mac, "hmac"), 1);
    unsigned char key1[20], out[64];
    memset(key1, 0x0b, sizeof key1);
    size_t outl = 0;
    char sha256[] = "SHA256", sha512[] = "SHA512";
    OSSL_PARAM ps[] = {OSSL_PARAM_construct_utf8_string("digest", sha256, 0), OSSL_PARAM_construct_end()};
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    REQUIRE(c != NULL);
    CHECK_INT((int)EVP_MAC_CTX_get_mac_size(c), 0);
    CHECK_INT(EVP_MAC_init(c, key1, sizeof key1, ps), 1);
    CHECK_INT((int)EVP_MAC_CTX_get_mac_size(c), 32);
    CHECK_INT(EVP_MAC_update(c, (const unsigned char *)"Hi ", 3), 1);
    CHECK_INT(EVP_MAC_update(c, (const unsigned char *)"There", 5), 1);
    CHECK_INT(EVP_MAC_final(c, NULL, &outl, 0), 1);
    CHECK_INT((int)outl, 32);
    CHECK_INT(EVP_MAC_final(c, out, &outl, 16), 0); /* too short */
    CHECK_ERR(NULL);
    CHECK_INT(EVP_MAC_final(c, out, &outl, sizeof out), 1);
    CHECK(outl == 32 && hex_eq(out, outl, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    /* test case 2 with SHA-512; the key as a parameter, init without one */
    OSSL_PARAM ps2[] = {OSSL_PARAM_construct_utf8_string("digest", sha512, 0),
                        OSSL_PARAM_construct_octet_string("key", (void *)"Jefe", 4), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_MAC_CTX_set_params(c, ps2), 1);
    CHECK_INT(EVP_MAC_init(c, NULL, 0, NULL), 1);
    const char *msg = "what do ya want for nothing?";
    CHECK_INT(EVP_MAC_update(c, (const unsigned char *)msg, strlen(msg)), 1);
    CHECK_INT(EVP_MAC_final(c, out, &outl, sizeof out), 1);
    CHECK(outl == 64 && hex_eq(out, outl, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
    EVP_MAC_CTX_free(c);
    /* bad input: an unknown digest name; a digest given as octets; no key at all */
    c = EVP_MAC_CTX_new(mac);
    REQUIRE(c != NULL);
    char nodigest[] = "NOT-A-DIGEST";
    OSSL_PARAM bad1[] = {OSSL_PARAM_construct_utf8_string("digest", nodigest, 0), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_MAC_CTX_set_params(c, bad1), 0);
    ERR_clear_error();
    OSSL_PARAM bad2[] = {OSSL_PARAM_construct_octet_string("digest", sha256, 6), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_MAC_CTX_set_params(c, bad2), 0);
    ERR_clear_error();
    CHECK_INT(EVP_MAC_CTX_set_params(c, ps), 1);
    CHECK_INT(EVP_MAC_init(c, NULL, 0, NULL), 0); /* OpenSSL 3 queues nothing here */
    ERR_clear_error();
    EVP_MAC_CTX_free(c);
    EVP_MAC_CTX_free(NULL);
    EVP_MAC_free(mac);
    CHECK(EVP_MAC_fetch(NULL, "NO-SUCH-MAC", NULL) == NULL);
    CHECK_ERR(NULL);
}

/* RFC 5869 test cases 1 and 3 (HKDF-SHA-256), RFC 6070 PBKDF2-HMAC-SHA1 test cases 1, 2
 * and 5, RFC 7914's scrypt vector 2, through EVP_KDF; refusals */
SCENARIO(evp_kdf)
{
    unsigned char ikm[22], salt[13], info[10], out[64];
    for (int i = 0; i < 22; i++)
        ikm[i] = 0x0b;
    for (int i = 0; i < 13; i++)
        salt[i] = (unsigned char)i;
    for (int i = 0; i < 10; i++)
        info[i] = (unsigned char)(0xf0 + i);
    char sha256[] = "SHA256", sha1[] = "SHA1";
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    REQUIRE(kdf != NULL);
    CHECK_STR(EVP_KDF_get0_name(kdf), "HKDF");
    EVP_KDF_CTX *c = EVP_KDF_CTX_new(kdf);
    REQUIRE(c != NULL);
    OSSL_PARAM ps[] = {OSSL_PARAM_construct_utf8_string("digest", sha256, 0),
                       OSSL_PARAM_construct_octet_string("key", ikm, sizeof ikm),
                       OSSL_PARAM_construct_octet_string("salt", salt, sizeof salt),
                       OSSL_PARAM_construct_octet_string("info", info, sizeof info), OSSL_PARAM_construct_end()};
    CHECK(EVP_KDF_CTX_get_kdf_size(c) == SIZE_MAX);
    CHECK_INT(EVP_KDF_derive(c, out, 42, ps), 1);
    CHECK(hex_eq(out, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    /* extract only: the PRK, of the digest's size */
    char extract[] = "EXTRACT_ONLY";
    OSSL_PARAM pm[] = {OSSL_PARAM_construct_utf8_string("mode", extract, 0), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_CTX_set_params(c, pm), 1);
    CHECK_INT((int)EVP_KDF_CTX_get_kdf_size(c), 32);
    CHECK_INT(EVP_KDF_derive(c, out, 32, NULL), 1);
    CHECK(hex_eq(out, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
    EVP_KDF_CTX_free(c);
    /* test case 3: no salt, no info */
    c = EVP_KDF_CTX_new(kdf);
    REQUIRE(c != NULL);
    OSSL_PARAM ps3[] = {OSSL_PARAM_construct_utf8_string("digest", sha256, 0),
                        OSSL_PARAM_construct_octet_string("key", ikm, sizeof ikm), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_derive(c, out, 42, ps3), 1);
    CHECK(hex_eq(out, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    EVP_KDF_CTX_free(c);
    /* no key: refused */
    c = EVP_KDF_CTX_new(kdf);
    REQUIRE(c != NULL);
    OSSL_PARAM nokey[] = {OSSL_PARAM_construct_utf8_string("digest", sha256, 0), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_derive(c, out, 42, nokey), 0);
    CHECK_ERR(NULL);
    /* a mode given as octets: refused */
    OSSL_PARAM badmode[] = {OSSL_PARAM_construct_octet_string("mode", extract, 12), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_CTX_set_params(c, badmode), 0);
    ERR_clear_error();
    EVP_KDF_CTX_free(c);
    EVP_KDF_free(kdf);

    /* PBKDF2 (RFC 6070) */
    kdf = EVP_KDF_fetch(NULL, "PBKDF2", NULL);
    REQUIRE(kdf != NULL);
    static const struct {
        const char *pass, *salt;
        unsigned int iter;
        size_t len;
        const char *hex;
    } v[] = {
        {"password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
        {"password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
        {"pass\0word", "sa\0lt", 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"},
    };
    for (int i = 0; i < 3; i++) {
        size_t pl = i == 2 ? 9 : strlen(v[i].pass), sl = i == 2 ? 5 : strlen(v[i].salt);
        unsigned int iter = v[i].iter;
        c = EVP_KDF_CTX_new(kdf);
        REQUIRE(c != NULL);
        OSSL_PARAM pp[] = {OSSL_PARAM_construct_utf8_string("digest", sha1, 0),
                           OSSL_PARAM_construct_octet_string("pass", (void *)v[i].pass, pl),
                           OSSL_PARAM_construct_octet_string("salt", (void *)v[i].salt, sl),
                           OSSL_PARAM_construct_uint("iter", &iter), OSSL_PARAM_construct_end()};
        CHECK_INT(EVP_KDF_derive(c, out, v[i].len, pp), 1);
        CHECK(hex_eq(out, v[i].len, v[i].hex));
        EVP_KDF_CTX_free(c);
    }
    /* no salt: refused; an iteration count given as a string: refused */
    c = EVP_KDF_CTX_new(kdf);
    REQUIRE(c != NULL);
    OSSL_PARAM nosalt[] = {OSSL_PARAM_construct_octet_string("pass", (void *)"password", 8), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_derive(c, out, 20, nosalt), 0);
    CHECK_ERR(NULL);
    char two[] = "2";
    OSSL_PARAM striter[] = {OSSL_PARAM_construct_utf8_string("iter", two, 0), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_CTX_set_params(c, striter), 0);
    ERR_clear_error();
    EVP_KDF_CTX_free(c);
    EVP_KDF_free(kdf);

    /* scrypt (RFC 7914 section 12, second vector) */
    kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
    REQUIRE(kdf != NULL);
    c = EVP_KDF_CTX_new(kdf);
    REQUIRE(c != NULL);
    uint64_t n = 1024;
    uint32_t r = 8, p = 16;
    OSSL_PARAM sp[] = {OSSL_PARAM_construct_octet_string("pass", (void *)"password", 8),
                       OSSL_PARAM_construct_octet_string("salt", (void *)"NaCl", 4),
                       OSSL_PARAM_construct_uint64("n", &n), OSSL_PARAM_construct_uint32("r", &r),
                       OSSL_PARAM_construct_uint32("p", &p), OSSL_PARAM_construct_end()};
    CHECK_INT(EVP_KDF_derive(c, out, 64, sp), 1);
    CHECK(hex_eq(out, 64, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
    EVP_KDF_CTX_free(c);
    EVP_KDF_free(kdf);
    CHECK(EVP_KDF_fetch(NULL, "NO-SUCH-KDF", NULL) == NULL);
    CHECK_ERR(NULL);
    EVP_KDF_CTX_free(NULL);
}

/* OSSL_PARAM's helpers on an array the program builds itself */
SCENARIO(ossl_params)
{
    int i = -5;
    unsigned int u = 7;
    size_t sz = 0;
    char text[16] = "hello", buf[16];
    unsigned char oct[4] = {1, 2, 3, 4};
    OSSL_PARAM ps[] = {OSSL_PARAM_construct_int("i", &i), OSSL_PARAM_construct_uint("u", &u),
                       OSSL_PARAM_construct_size_t("sz", &sz), OSSL_PARAM_construct_utf8_string("t", text, sizeof text),
                       OSSL_PARAM_construct_octet_string("o", oct, sizeof oct), OSSL_PARAM_construct_end()};
    CHECK(sizeof(OSSL_PARAM) == 40);
    CHECK(ps[0].key != NULL && strcmp(ps[0].key, "i") == 0 && ps[0].data_type == OSSL_PARAM_INTEGER && ps[0].data == &i
          && ps[0].data_size == sizeof(int) && ps[0].return_size == OSSL_PARAM_UNMODIFIED);
    CHECK(ps[5].key == NULL && ps[5].data == NULL);
    CHECK(OSSL_PARAM_locate(ps, "sz") == &ps[2]);
    CHECK(OSSL_PARAM_locate_const(ps, "o") == &ps[4]);
    CHECK(OSSL_PARAM_locate(ps, "nope") == NULL);
    int gi = 0;
    unsigned int gu = 0;
    int64_t g64 = 0;
    size_t gsz = 0;
    CHECK_INT(OSSL_PARAM_get_int(&ps[0], &gi), 1);
    CHECK_INT(gi, -5);
    CHECK_INT(OSSL_PARAM_get_uint(&ps[0], &gu), 0); /* negative into unsigned */
    ERR_clear_error();
    CHECK_INT(OSSL_PARAM_get_int64(&ps[0], &g64), 1);
    CHECK(g64 == -5);
    CHECK_INT(OSSL_PARAM_get_size_t(&ps[1], &gsz), 1);
    CHECK(gsz == 7);
    CHECK_INT(OSSL_PARAM_get_int(&ps[3], &gi), 0); /* a string is not a number */
    ERR_clear_error();
    CHECK_INT(OSSL_PARAM_modified(&ps[2]), 0);
    CHECK_INT(OSSL_PARAM_set_size_t(&ps[2], 4096), 1);
    CHECK(sz == 4096 && ps[2].return_size == sizeof(size_t));
    CHECK_INT(OSSL_PARAM_modified(&ps[2]), 1);
    CHECK_INT(OSSL_PARAM_set_uint(&ps[0], 3000000000u), 0); /* does not fit an int */
    ERR_clear_error();
    CHECK_INT(OSSL_PARAM_set_int(&ps[1], -1), 0); /* negative into unsigned */
    ERR_clear_error();
    char *dup = NULL, *bp = buf;
    CHECK_INT(OSSL_PARAM_get_utf8_string(&ps[3], &dup, 0), 1);
    CHECK(dup != NULL && strcmp(dup, "hello") == 0);
    OPENSSL_free(dup);
    CHECK_INT(OSSL_PARAM_get_utf8_string(&ps[3], &bp, sizeof buf), 1);
    CHECK_STR(buf, "hello");
    CHECK_INT(OSSL_PARAM_get_utf8_string(&ps[3], &bp, 3), 0); /* no room */
    ERR_clear_error();
    const char *sp = NULL;
    CHECK_INT(OSSL_PARAM_get_utf8_string_ptr(&ps[3], &sp), 1);
    CHECK(sp == text);
    CHECK_INT(OSSL_PARAM_set_utf8_string(&ps[3], "bye"), 1);
    CHECK(strcmp(text, "bye") == 0 && ps[3].return_size == 3);
    CHECK_INT(OSSL_PARAM_set_utf8_string(&ps[3], "a string longer than sixteen"), 0);
    ERR_clear_error();
    void *ob = NULL;
    size_t used = 0;
    CHECK_INT(OSSL_PARAM_get_octet_string(&ps[4], &ob, 0, &used), 1);
    CHECK(used == 4 && ob != NULL && memcmp(ob, oct, 4) == 0);
    OPENSSL_free(ob);
    CHECK_INT(OSSL_PARAM_set_octet_string(&ps[4], "wxyz", 4), 1);
    CHECK(memcmp(oct, "wxyz", 4) == 0 && ps[4].return_size == 4);
    CHECK_INT(OSSL_PARAM_set_octet_string(&ps[4], "vwxyz", 5), 0);
    ERR_clear_error();
    CHECK_INT(OSSL_PARAM_get_octet_string(&ps[3], &ob, 0, &used), 0); /* wrong type */
    ERR_clear_error();
    /* a NULL buffer: the setter reports the size it needs */
    OSSL_PARAM q = OSSL_PARAM_construct_utf8_string("q", NULL, 0);
    CHECK_INT(OSSL_PARAM_set_utf8_string(&q, "four"), 1);
    CHECK(q.return_size == 4);
}

/* ---- building certificates (X509_new & co) ---------------------------------------- */

/* an extension from its text form, added to x */
static int add_ext_txt(X509 *x, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX v3;
    X509_EXTENSION *e;
    int ok;
    X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
    e = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
    if (e == NULL)
        return 0;
    ok = X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
    return ok;
}

/* the common C pattern: a certificate for `k` named CN=cn, issued by (issuer, ikey) or
 * self-signed when issuer is NULL */
static X509 *build_cert(EVP_PKEY *k, X509 *issuer, EVP_PKEY *ikey, const EVP_MD *md, const char *cn, long serial)
{
    X509 *x = X509_new();
    X509_NAME *n;
    int ok = x != NULL;
    ok = ok && X509_set_version(x, 2) == 1;
    ok = ok && ASN1_INTEGER_set(X509_get_serialNumber(x), serial) == 1;
    ok = ok && X509_gmtime_adj(X509_getm_notBefore(x), 0) != NULL;
    ok = ok && X509_gmtime_adj(X509_getm_notAfter(x), 86400) != NULL;
    ok = ok && X509_set_pubkey(x, k) == 1;
    n = ok ? X509_get_subject_name(x) : NULL;
    ok = ok && n != NULL;
    ok = ok && X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, (const unsigned char *)"ferrossl tests", -1, -1, 0) == 1;
    ok = ok && X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0) == 1;
    ok = ok && X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n) == 1;
    ok = ok && add_ext_txt(x, issuer ? issuer : x, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    ok = ok && add_ext_txt(x, issuer ? issuer : x, NID_basic_constraints, issuer ? "critical,CA:FALSE" : "critical,CA:TRUE");
    ok = ok && add_ext_txt(x, issuer ? issuer : x, NID_subject_key_identifier, "hash");
    ok = ok && X509_sign(x, issuer ? ikey : k, md) > 0;
    if (!ok) {
        err_drain(NULL);
        X509_free(x);
        return NULL;
    }
    return x;
}

static char *cert_pem(X509 *x)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *data = NULL, *out = NULL;
    long n;
    if (PEM_write_bio_X509(b, x) == 1 && (n = BIO_get_mem_data(b, &data)) > 0 && (out = malloc((size_t)n + 1)) != NULL) {
        memcpy(out, data, (size_t)n);
        out[n] = 0;
    }
    BIO_free(b);
    return out;
}

SCENARIO(x509_build)
{
    char dir[] = "/tmp/ferrossl-x509b-XXXXXX", path[256], path2[256], cmd[1024], buf[256];
    struct {
        int id, param;
        const EVP_MD *md;
    } kinds[] = {{EVP_PKEY_EC, NID_X9_62_prime256v1, EVP_sha256()}, {EVP_PKEY_RSA, 2048, EVP_sha384()},
                 {EVP_PKEY_ED25519, 0, NULL}};
    REQUIRE(mkdtemp(dir) != NULL);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        EVP_PKEY *k = gen_key(kinds[i].id, kinds[i].param);
        REQUIRE(k != NULL);
        X509 *x = build_cert(k, NULL, NULL, kinds[i].md, "localhost", 1);
        REQUIRE(x != NULL);
        CHECK_INT(X509_get_version(x), 2);
        CHECK_INT(ASN1_INTEGER_get(X509_get0_serialNumber(x)), 1);
        CHECK_INT(X509_verify(x, k), 1);
        CHECK_INT(X509_check_private_key(x, k), 1);
        CHECK_INT(X509_check_host(x, "localhost", 0, 0, NULL), 1);
        CHECK_INT(X509_check_ip_asc(x, "127.0.0.1", 0), 1);
        CHECK_INT(X509_get_ext_count(x), 3);
        CHECK_INT(sk_X509_EXTENSION_num(X509_get0_extensions(x)), 3);
        CHECK(sk_X509_EXTENSION_value(X509_get0_extensions(x), 0) == X509_get_ext(x, 0));
        CHECK_INT(X509_check_ca(x), 1);
        CHECK_INT(X509_NAME_entry_count(X509_get_subject_name(x)), 2);
        CHECK_STR(X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof buf), "/O=ferrossl tests/CN=localhost");
        CHECK_INT(X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)), 0);
        int days = -1, secs = -1;
        CHECK_INT(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x), X509_get0_notAfter(x)), 1);
        CHECK(days == 1 && secs == 0);
        /* CN is a UTF8String, O too (OpenSSL's default string mask) */
        X509_NAME_ENTRY *e = X509_NAME_get_entry(X509_get_subject_name(x), 1);
        CHECK(e != NULL && ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)) == V_ASN1_UTF8STRING);
        /* PEM out, read back, the same DER; openssl verifies it as its own CA */
        char *pem = cert_pem(x);
        REQUIRE(pem != NULL);
        snprintf(path, sizeof path, "%s/c%zu.pem", dir, i);
        REQUIRE(write_text(path, pem));
        BIO *b = BIO_new_mem_buf(pem, -1);
        X509 *y = PEM_read_bio_X509(b, NULL, NULL, NULL);
        BIO_free(b);
        REQUIRE(y != NULL);
        unsigned char *d1 = NULL, *d2 = NULL;
        int l1 = i2d_X509(x, &d1), l2 = i2d_X509(y, &d2);
        CHECK(l1 > 0 && l1 == l2 && memcmp(d1, d2, (size_t)l1) == 0);
        OPENSSL_free(d1);
        OPENSSL_free(d2);
        CHECK_INT(X509_cmp(x, y), 0);
        CHECK_INT(X509_verify(y, k), 1);
        snprintf(cmd, sizeof cmd, "openssl verify -CAfile %s %s >/dev/null", path, path);
        CHECK_INT(sh(cmd), 0);
        snprintf(cmd, sizeof cmd, "openssl x509 -in %s -noout -ext subjectAltName | grep -q 'DNS:localhost, IP Address:127.0.0.1'", path);
        CHECK_INT(sh(cmd), 0);
        /* a leaf issued by it, with X509_sign_ctx */
        EVP_PKEY *lk = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
        REQUIRE(lk != NULL);
        X509 *leaf = build_cert(lk, x, k, kinds[i].md, "leaf", 2);
        REQUIRE(leaf != NULL);
        CHECK_INT(X509_verify(leaf, k), 1);
        CHECK(X509_verify(leaf, lk) <= 0); /* not its own signature (0; -1 for another key type) */
        ERR_clear_error();
        EVP_MD_CTX *mctx = EVP_MD_CTX_new();
        CHECK_INT(EVP_DigestSignInit(mctx, NULL, kinds[i].md, NULL, k), 1);
        CHECK(X509_sign_ctx(leaf, mctx) > 0);
        EVP_MD_CTX_free(mctx);
        CHECK_INT(X509_verify(leaf, k), 1);
        char *lpem = cert_pem(leaf);
        snprintf(path2, sizeof path2, "%s/l%zu.pem", dir, i);
        REQUIRE(lpem != NULL && write_text(path2, lpem));
        snprintf(cmd, sizeof cmd, "openssl verify -CAfile %s %s >/dev/null", path, path2);
        CHECK_INT(sh(cmd), 0);
        free(lpem);
        X509_free(leaf);
        EVP_PKEY_free(lk);
        free(pem);
        X509_free(y);
        X509_free(x);
        EVP_PKEY_free(k);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
    CHECK_NO_ERR();
}

/* a certificate built here serves a handshake that openssl s_client verifies with it */
SCENARIO(x509_build_handshake)
{
    char dir[] = "/tmp/ferrossl-x509h-XXXXXX", path[256];
    int lfd, port, fd, cli;
    REQUIRE(mkdtemp(dir) != NULL);
    EVP_PKEY *k = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    REQUIRE(k != NULL);
    X509 *x = build_cert(k, NULL, NULL, EVP_sha256(), "localhost", 7);
    REQUIRE(x != NULL);
    char *pem = cert_pem(x);
    snprintf(path, sizeof path, "%s/c.pem", dir);
    REQUIRE(pem != NULL && write_text(path, pem));
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(ctx != NULL);
    CHECK_INT(SSL_CTX_use_certificate(ctx, x), 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(ctx, k), 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
    lfd = tcp_listen(&port);
    cli = spawn_openssl("s_client -connect 127.0.0.1:%d -verify_return_error -CAfile %s -verify_hostname localhost", port, path);
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    SSL *ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_write(ssl, "built\n", 6), 6);
    char *out = child_wait_for(cli, "built", 10000);
    CHECK(out != NULL && strstr(out, "Verify return code: 0 (ok)") != NULL);
    free(out);
    child_close_stdin(cli);
    SSL_free(ssl);
    close(fd);
    close(lfd);
    SSL_CTX_free(ctx);
    X509_free(x);
    EVP_PKEY_free(k);
    free(pem);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
    CHECK_NO_ERR();
}

/* what building refuses */
SCENARIO(x509_build_refusals)
{
    EVP_PKEY *k = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1), *k2 = gen_key(EVP_PKEY_EC, NID_X9_62_prime256v1);
    REQUIRE(k && k2);
    X509 *x = X509_new();
    REQUIRE(x != NULL);
    X509_NAME *n = X509_NAME_new();
    REQUIRE(n != NULL);
    /* unknown field */
    CHECK_INT(X509_NAME_add_entry_by_txt(n, "XX", MBSTRING_ASC, (const unsigned char *)"x", -1, -1, 0), 0);
    CHECK_ERR("invalid field name");
    CHECK_INT(X509_NAME_entry_count(n), 0);
    /* NULLs */
    CHECK_INT(X509_NAME_add_entry_by_txt(NULL, "CN", MBSTRING_ASC, (const unsigned char *)"x", -1, -1, 0), 0);
    ERR_clear_error();
    CHECK_INT(X509_set_subject_name(NULL, n), 0);
    ERR_clear_error();
    CHECK_INT(X509_set_pubkey(x, NULL), 0);
    ERR_clear_error();
    X509_free(NULL);
    X509_NAME_free(NULL);
    X509_EXTENSION_free(NULL);
    X509_NAME_ENTRY_free(NULL);
    /* by NID, by OBJ, delete */
    CHECK_INT(X509_NAME_add_entry_by_NID(n, NID_countryName, MBSTRING_ASC, (const unsigned char *)"FR", -1, -1, 0), 1);
    ASN1_OBJECT *o = OBJ_nid2obj(NID_commonName);
    CHECK_INT(X509_NAME_add_entry_by_OBJ(n, o, MBSTRING_UTF8, (const unsigned char *)"h\xc3\xa9", -1, -1, 0), 1);
    CHECK_INT(X509_NAME_entry_count(n), 2);
    X509_NAME_ENTRY *c = X509_NAME_get_entry(n, 0);
    CHECK(c != NULL && ASN1_STRING_type(X509_NAME_ENTRY_get_data(c)) == V_ASN1_PRINTABLESTRING);
    char buf[128];
    CHECK_STR(X509_NAME_oneline(n, buf, sizeof buf), "/C=FR/CN=h\\xC3\\xA9");
    X509_NAME_ENTRY *gone = X509_NAME_delete_entry(n, 0);
    CHECK(gone != NULL);
    X509_NAME_ENTRY_free(gone);
    CHECK_INT(X509_NAME_entry_count(n), 1);
    CHECK(X509_NAME_delete_entry(n, 5) == NULL);
    ERR_clear_error();
    /* an unknown extension name, a bad value */
    X509V3_CTX v3;
    X509V3_set_ctx(&v3, NULL, NULL, NULL, NULL, 0);
    CHECK(X509V3_EXT_nconf(NULL, &v3, "noSuchExtension", "x") == NULL);
    CHECK_ERR(NULL);
    CHECK(X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "IP:not-an-ip") == NULL);
    CHECK_ERR(NULL);
    /* signing with no key, with a public key only */
    CHECK_INT(X509_set_subject_name(x, n), 1);
    CHECK_INT(X509_set_issuer_name(x, n), 1);
    CHECK_INT(X509_set_pubkey(x, k), 1);
    CHECK_INT(ASN1_INTEGER_set(X509_get_serialNumber(x), 3), 1);
    CHECK(X509_gmtime_adj(X509_getm_notBefore(x), 0) != NULL);
    CHECK(X509_time_adj_ex(X509_getm_notAfter(x), 30, 0, NULL) != NULL);
    CHECK(X509_sign(x, NULL, EVP_sha256()) == 0);
    CHECK_ERR(NULL);
    unsigned char *spki = NULL;
    int sl = i2d_PUBKEY(k, &spki);
    const unsigned char *q = spki;
    EVP_PKEY *pub = d2i_PUBKEY(NULL, &q, sl);
    OPENSSL_free(spki);
    REQUIRE(pub != NULL);
    CHECK(X509_sign(x, pub, EVP_sha256()) == 0);
    CHECK_ERR(NULL);
    /* signed: a different key does not verify it */
    CHECK(X509_sign(x, k, EVP_sha256()) > 0);
    CHECK_INT(X509_verify(x, k), 1);
    CHECK(X509_verify(x, k2) <= 0);
    ERR_clear_error();
    /* a change after signing: the old signature no longer verifies until signed again */
    CHECK_INT(X509_set_version(x, 2), 1);
    CHECK_INT(X509_verify(x, k), 0);
    ERR_clear_error();
    CHECK(X509_sign(x, k, EVP_sha256()) > 0);
    CHECK_INT(X509_verify(x, k), 1);
    /* X509_dup is a copy */
    X509 *d = X509_dup(x);
    REQUIRE(d != NULL);
    CHECK_INT(X509_set_version(d, 0), 1);
    CHECK_INT(X509_get_version(x), 2);
    CHECK_INT(X509_get_version(d), 0);
    X509_free(d);
    EVP_PKEY_free(pub);
    X509_NAME_free(n);
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(k2);
    CHECK_NO_ERR();
}

/* certificate requests: built here and read by openssl req / x509 -req, and the reverse */
SCENARIO(x509_req)
{
    char dir[] = "/tmp/ferrossl-x509r-XXXXXX", path[256], path2[256], cmd[1024], buf[256];
    REQUIRE(mkdtemp(dir) != NULL);
    int kinds[][2] = {{EVP_PKEY_EC, NID_X9_62_prime256v1}, {EVP_PKEY_RSA, 2048}, {EVP_PKEY_ED25519, 0}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        EVP_PKEY *k = gen_key(kinds[i][0], kinds[i][1]);
        const EVP_MD *md = kinds[i][0] == EVP_PKEY_ED25519 ? NULL : EVP_sha256();
        REQUIRE(k != NULL);
        X509_REQ *r = X509_REQ_new();
        REQUIRE(r != NULL);
        CHECK_INT(X509_REQ_set_version(r, 0), 1);
        X509_NAME *n = X509_REQ_get_subject_name(r);
        CHECK_INT(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)"req.example", -1, -1, 0), 1);
        CHECK_INT(X509_REQ_set_pubkey(r, k), 1);
        STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
        X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, NULL, NID_subject_alt_name, "DNS:a,IP:127.0.0.1");
        REQUIRE(exts != NULL && e != NULL);
        sk_X509_EXTENSION_push(exts, e);
        CHECK_INT(X509_REQ_add_extensions(r, exts), 1);
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
        CHECK(X509_REQ_sign(r, k, md) > 0);
        CHECK_INT(X509_REQ_verify(r, k), 1);
        CHECK_INT(X509_REQ_verify(r, X509_REQ_get0_pubkey(r)), 1);
        CHECK_STR(X509_NAME_oneline(X509_REQ_get_subject_name(r), buf, sizeof buf), "/CN=req.example");
        exts = X509_REQ_get_extensions(r);
        CHECK(exts != NULL && sk_X509_EXTENSION_num(exts) == 1);
        if (exts != NULL && sk_X509_EXTENSION_num(exts) == 1)
            CHECK_INT(OBJ_obj2nid(X509_EXTENSION_get_object(sk_X509_EXTENSION_value(exts, 0))), NID_subject_alt_name);
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
        /* PEM out: openssl verifies and issues it with the extensions copied */
        BIO *b = BIO_new(BIO_s_mem());
        char *data = NULL;
        CHECK_INT(PEM_write_bio_X509_REQ(b, r), 1);
        long len = BIO_get_mem_data(b, &data);
        snprintf(path, sizeof path, "%s/r%zu.pem", dir, i);
        FILE *f = fopen(path, "w");
        REQUIRE(f != NULL && len > 0);
        fwrite(data, 1, (size_t)len, f);
        fclose(f);
        BIO_free(b);
        snprintf(cmd, sizeof cmd, "openssl req -in %s -noout -verify 2>&1 | grep -q 'verify OK'", path);
        CHECK_INT(sh(cmd), 0);
        snprintf(path2, sizeof path2, "%s/c%zu.pem", dir, i);
        snprintf(cmd, sizeof cmd, "openssl x509 -req -in %s -CA %s -CAkey %s -copy_extensions copy -days 1 -out %s 2>/dev/null",
                 path, cert("ca-ecdsa.pem"), cert("ca-ecdsa.key"), path2);
        CHECK_INT(sh(cmd), 0);
        snprintf(cmd, sizeof cmd, "openssl x509 -in %s -noout -ext subjectAltName | grep -q 'DNS:a, IP Address:127.0.0.1'", path2);
        CHECK_INT(sh(cmd), 0);
        /* DER round trip */
        unsigned char *der = NULL;
        int dl = i2d_X509_REQ(r, &der);
        const unsigned char *q = der;
        X509_REQ *r2 = d2i_X509_REQ(NULL, &q, dl);
        CHECK(r2 != NULL && q == der + dl);
        CHECK_INT(X509_REQ_verify(r2, k), 1);
        X509_REQ_free(r2);
        OPENSSL_free(der);
        X509_REQ_free(r);
        EVP_PKEY_free(k);
    }
    /* the reverse: openssl req -new, read here, a certificate issued for it here */
    snprintf(path, sizeof path, "%s/o.pem", dir);
    snprintf(cmd, sizeof cmd,
             "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout %s/o.key -subj /CN=theirs "
             "-addext subjectAltName=DNS:theirs -out %s 2>/dev/null", dir, path);
    REQUIRE(sh(cmd) == 0);
    BIO *b = BIO_new_file(path, "r");
    X509_REQ *r = PEM_read_bio_X509_REQ(b, NULL, NULL, NULL);
    BIO_free(b);
    REQUIRE(r != NULL);
    CHECK_INT(X509_REQ_verify(r, X509_REQ_get0_pubkey(r)), 1);
    CHECK_STR(X509_NAME_oneline(X509_REQ_get_subject_name(r), buf, sizeof buf), "/CN=theirs");
    STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(r);
    CHECK(exts != NULL && sk_X509_EXTENSION_num(exts) == 1);
    b = BIO_new_file(cert("ca-ecdsa.pem"), "r");
    X509 *ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    b = BIO_new_file(cert("ca-ecdsa.key"), "r");
    EVP_PKEY *cak = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    REQUIRE(ca && cak);
    X509 *x = X509_new();
    REQUIRE(x != NULL);
    CHECK_INT(X509_set_version(x, 2), 1);
    CHECK_INT(ASN1_INTEGER_set(X509_get_serialNumber(x), 42), 1);
    CHECK(X509_gmtime_adj(X509_getm_notBefore(x), 0) != NULL);
    CHECK(X509_gmtime_adj(X509_getm_notAfter(x), 3600) != NULL);
    CHECK_INT(X509_set_subject_name(x, X509_REQ_get_subject_name(r)), 1);
    CHECK_INT(X509_set_issuer_name(x, X509_get_subject_name(ca)), 1);
    CHECK_INT(X509_set_pubkey(x, X509_REQ_get0_pubkey(r)), 1);
    for (int j = 0; exts != NULL && j < sk_X509_EXTENSION_num(exts); j++)
        CHECK_INT(X509_add_ext(x, sk_X509_EXTENSION_value(exts, j), -1), 1);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    CHECK(X509_sign(x, cak, EVP_sha256()) > 0);
    CHECK_INT(X509_verify(x, X509_get0_pubkey(ca)), 1);
    CHECK_INT(X509_check_host(x, "theirs", 0, 0, NULL), 1);
    b = BIO_new(BIO_s_mem());
    char *data = NULL;
    CHECK_INT(PEM_write_bio_X509(b, x), 1);
    long len = BIO_get_mem_data(b, &data);
    snprintf(path2, sizeof path2, "%s/issued.pem", dir);
    FILE *f = fopen(path2, "w");
    REQUIRE(f != NULL && len > 0);
    fwrite(data, 1, (size_t)len, f);
    fclose(f);
    BIO_free(b);
    snprintf(cmd, sizeof cmd, "openssl verify -CAfile %s %s >/dev/null", cert("ca-ecdsa.pem"), path2);
    CHECK_INT(sh(cmd), 0);
    /* printed */
    b = BIO_new(BIO_s_mem());
    CHECK_INT(X509_REQ_print_ex(b, r, XN_FLAG_ONELINE, 0), 1);
    len = BIO_get_mem_data(b, &data);
    char *text = len > 0 ? strndup(data, (size_t)len) : NULL;
    CHECK(text != NULL && strstr(text, "Subject: CN = theirs") != NULL);
    free(text);
    BIO_free(b);
    X509_free(x);
    X509_free(ca);
    EVP_PKEY_free(cak);
    X509_REQ_free(r);
    X509_REQ_free(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(sh(cmd), 0);
    CHECK_NO_ERR();
}

/* what a memory BIO hands over when it is freed: the bytes after BIO_FLAGS_MEM_RDONLY
 * (OpenSSL's apps use this in bio_to_mem, then OPENSSL_free them), the BUF_MEM after
 * BIO_get_mem_ptr + BIO_NOCLOSE (freed with BUF_MEM_free); and BUF_MEM itself */
SCENARIO(mem_bio_handoff)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *data = (char *)1;
    BUF_MEM *bm = NULL;
    long len;

    REQUIRE(b != NULL);
    CHECK_INT(BIO_get_mem_data(b, &data), 0);
    CHECK(data == NULL); /* nothing written: no buffer yet */
    CHECK_INT(BIO_write(b, "hello, world", 12), 12);
    len = BIO_get_mem_data(b, &data);
    CHECK_INT(len, 12);
    BIO_set_flags(b, BIO_FLAGS_MEM_RDONLY);
    BIO_free(b);
    CHECK(data != NULL && memcmp(data, "hello, world", 12) == 0);
    OPENSSL_free(data);

    /* BIO_get_mem_ptr, then NOCLOSE: the BUF_MEM outlives the BIO; unread bytes only */
    b = BIO_new(BIO_s_mem());
    char rd[8];
    CHECK_INT(BIO_write(b, "abcdefgh", 8), 8);
    CHECK_INT(BIO_read(b, rd, 3), 3);
    CHECK_INT(BIO_get_mem_ptr(b, &bm), 1);
    REQUIRE(bm != NULL);
    CHECK_INT((long)bm->length, 5);
    CHECK(bm->data != NULL && memcmp(bm->data, "defgh", 5) == 0);
    CHECK_INT(BIO_set_close(b, BIO_NOCLOSE), 1);
    BIO_free(b);
    CHECK_INT((long)bm->length, 5);
    CHECK(bm->data != NULL && memcmp(bm->data, "defgh", 5) == 0);
    CHECK_INT((long)BUF_MEM_grow(bm, 9), 9); /* the handed-over BUF_MEM is C's own */
    CHECK(memcmp(bm->data, "defgh\0\0\0\0", 9) == 0);
    BUF_MEM_free(bm);

    /* with BIO_CLOSE (the default) the BUF_MEM goes with the BIO */
    b = BIO_new(BIO_s_mem());
    CHECK_INT(BIO_puts(b, "x"), 1);
    CHECK_INT(BIO_get_mem_ptr(b, &bm), 1);
    BIO_free(b);

    /* BUF_MEM: grow zero-fills, shrink keeps the allocation, clean variant */
    bm = BUF_MEM_new();
    REQUIRE(bm != NULL);
    CHECK_INT((long)bm->length, 0);
    CHECK(bm->data == NULL);
    CHECK_INT((long)BUF_MEM_grow(bm, 10), 10);
    CHECK(bm->max >= 10 && bm->data != NULL);
    CHECK(memcmp(bm->data, "\0\0\0\0\0\0\0\0\0\0", 10) == 0);
    memcpy(bm->data, "0123456789", 10);
    CHECK_INT((long)BUF_MEM_grow(bm, 4), 4);
    CHECK_INT((long)BUF_MEM_grow_clean(bm, 100), 100);
    CHECK(memcmp(bm->data, "0123", 4) == 0 && bm->data[4] == 0 && bm->data[99] == 0);
    CHECK_INT((long)BUF_MEM_grow_clean(bm, 2), 2);
    CHECK(bm->data[2] == 0 && bm->data[3] == 0); /* cut-off bytes zeroed */
    BUF_MEM_free(bm);
    bm = BUF_MEM_new_ex(BUF_MEM_FLAG_SECURE);
    REQUIRE(bm != NULL);
    CHECK_INT((long)BUF_MEM_grow(bm, 3), 3);
    BUF_MEM_free(bm);
    BUF_MEM_free(NULL);
    /* OpenSSL's bound on one growth */
    bm = BUF_MEM_new();
    CHECK_INT((long)BUF_MEM_grow(bm, (size_t)0x60000000), 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    BUF_MEM_free(bm);
    CHECK_NO_ERR();
}

TEST_MAIN(S(bio_file), S(pkcs12), S(pkcs12_bad_input), S(null_free), S(bad_pem), S(mismatched_key), S(key_formats), S(err_queue), S(err_raise), S(bio_printf),
          S(thread_lock), S(digests), S(settings),
          S(version_and_rand), S(x509_fields), S(x509v3_ext_print), S(x509_add1_ext_i2d), S(x509_signature_info), S(mem_bio_basics), S(memory_bios), S(version_mismatch),
          S(bio_pair), S(user_bio), S(one_write_per_flight), S(exporter), S(mem_bio_records), S(keylog),
          S(cipher_vectors), S(cipher_aead), S(cipher_refusals), S(bytes_to_key), S(bignum), S(base64),
          S(enc_interop), S(pem_info_and_bytes), S(pkey_keygen_sign), S(pkey_key_commands), S(pkey_derive), S(hkdf_raw_keys), S(pkey_pem_der),
          S(pkey_openssl_cli), S(pkey_certs), S(pkey_generated_identity), S(pkey_hostile), S(lhash_table), S(ui_methods),
          S(store_file), S(filter_bio_md), S(filter_bio_cipher), S(filter_bio_base64),
          S(filter_bio_null_buffer), S(bio_sockets), S(bio_parse_hostserv), S(legacy_ecdsa), S(legacy_ecdh),
          S(legacy_rsa), S(evp_mac_hmac), S(evp_kdf), S(ossl_params), S(x509_build), S(x509_build_handshake),
          S(x509_build_refusals), S(x509_req), S(mem_bio_handoff), S(pyca_calls))
