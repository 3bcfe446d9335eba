/* t_ech: Encrypted Client Hello (client) and X25519MLKEM768 (issue 16), against BoringSSL's
 * `bssl` (its path in $FERROSSL_BSSL, which tests/c/run.sh sets from tests/peers/bssl.sh).
 *
 * ECH is BoringSSL's and OpenSSL 4.0's API, X25519MLKEM768 OpenSSL 3.5's: OpenSSL 3.0 (the
 * reference these programs also run against) has neither. There each scenario checks that
 * (the ECH calls are absent, the group name is refused) and stops: marked by REAL_OPENSSL,
 * as the other ferrossl-only scenarios. The ECH calls are looked up with dlsym in the
 * OpenSSL-built programs (OpenSSL 3.0's headers lack them) and taken from ferrossl.h in the
 * ferrossl-built ones. */
#define _GNU_SOURCE /* memmem, RTLD_DEFAULT */
#include "helpers.h"

#include <dlfcn.h>

#define REAL_OPENSSL (strstr(OpenSSL_version(OPENSSL_VERSION), "ferrossl") == NULL)

#define STATUS_SUCCESS 1
#define STATUS_GREASE 2
#define STATUS_FAILED_ECH (-105)
#define STATUS_NOT_TRIED (-101)
#define STATUS_NOT_CONFIGURED (-103)
#define STATUS_BAD_CALL (-100)
#define OP_ECH_GREASE ((uint64_t)1 << 37)
#define NID_X25519MLKEM768 (0x1000000 | 0x11ec) /* TLSEXT_nid_unknown | the group id */

/* ---- the calls OpenSSL 3.0 lacks ----------------------------------------------------- */

static int (*p_set1_ech_config_list)(SSL *, const uint8_t *, size_t);
static int (*p_ech_accepted)(const SSL *);
static void (*p_set_enable_ech_grease)(SSL *, int);
static void (*p_get0_ech_retry_configs)(const SSL *, const uint8_t **, size_t *);
static void (*p_get0_ech_name_override)(const SSL *, const char **, size_t *);
static int (*p_ech_get1_status)(SSL *, char **, char **);
static int (*p_ech_get1_retry_config)(SSL *, unsigned char **, size_t *);
static const char *(*p_get0_group_name)(SSL *);

/* 1 if every call is there (ferrossl), 0 if none is (OpenSSL 3.0) */
#ifdef FERROSSL_USE_OPENSSL_HEADERS
#define L(p, name) (*(void **)&(p) = dlsym(RTLD_DEFAULT, #name), (p) != NULL)
#else
#define L(p, name) ((p) = name, 1) /* ferrossl.h declares them: the types are checked */
#endif
static int lookup(void)
{
    int n = 0;
    n += L(p_set1_ech_config_list, SSL_set1_ech_config_list);
    n += L(p_ech_accepted, SSL_ech_accepted);
    n += L(p_set_enable_ech_grease, SSL_set_enable_ech_grease);
    n += L(p_get0_ech_retry_configs, SSL_get0_ech_retry_configs);
    n += L(p_get0_ech_name_override, SSL_get0_ech_name_override);
    n += L(p_ech_get1_status, SSL_ech_get1_status);
    n += L(p_ech_get1_retry_config, SSL_ech_get1_retry_config);
    n += L(p_get0_group_name, SSL_get0_group_name);
    return n == 8 ? 1 : n == 0 ? 0 : -1;
}

/* OpenSSL 3.0: no ECH calls at all (ECH is OpenSSL 4.0's); stop the scenario there */
static int ferrossl_only(void)
{
    int have = lookup();
    if (REAL_OPENSSL) {
        CHECK_INT(have, 0);
        NOTE("OpenSSL 3.0 has no ECH and no X25519MLKEM768: nothing more to run");
        return 0;
    }
    REQUIRE(have == 1);
    return 1;
}

/* ---- bssl --------------------------------------------------------------------------- */

static const char *bssl(void)
{
    const char *b = getenv("FERROSSL_BSSL");
    if (b == NULL || access(b, X_OK) != 0) {
        printf("  FAIL  no bssl: FERROSSL_BSSL is unset or not executable (tests/peers/bssl.sh)\n");
        t_finish();
    }
    return b;
}

/* spawn "bssl ARGS" (space-separated, printf-formatted), as spawn_openssl */
static int spawn_bssl(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return spawn_child(bssl(), "bssl", cmd);
}

/* a free loopback port (bssl server binds the port it is given) */
static int free_port(void)
{
    int port, fd = tcp_listen(&port);
    close(fd);
    return port;
}

/* wait until something accepts connections on port (the probe costs bssl -loop one
 * failed handshake, which it logs and goes on from) */
static int wait_listening(int port, long timeout_ms)
{
    long end = now_ms() + timeout_ms;
    while (now_ms() < end) {
        int fd = tcp_connect(port);
        if (fd >= 0) {
            close(fd);
            return 1;
        }
        sleep_ms(20);
    }
    return 0;
}

static char dir[64];
static char path_buf[8][256];
static int path_next;
static const char *tmp(const char *name)
{
    char *b = path_buf[path_next++ % 8];
    snprintf(b, sizeof path_buf[0], "%s/%s", dir, name);
    return b;
}
static void cleanup_dir(void)
{
    const char *names[] = {"a.list", "a.cfg", "a.key", "b.list", "b.cfg", "b.key"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(tmp(names[i]));
    rmdir(dir);
}

/* bssl generate-ech: NAME.list (ECHConfigList), NAME.cfg, NAME.key for public.example */
static void generate_ech(const char *name, int id)
{
    char l[32], c[32], k[32];
    int i;
    if (dir[0] == 0) {
        strcpy(dir, "/tmp/ferrossl-ech-XXXXXX");
        REQUIRE(mkdtemp(dir) != NULL);
        atexit(cleanup_dir);
    }
    snprintf(l, sizeof l, "%s.list", name);
    snprintf(c, sizeof c, "%s.cfg", name);
    snprintf(k, sizeof k, "%s.key", name);
    i = spawn_bssl("generate-ech -out-ech-config-list %s -out-ech-config %s -out-private-key %s "
                   "-public-name public.example -config-id %d",
                   tmp(l), tmp(c), tmp(k), id);
    REQUIRE(child_wait_exit(i, 20000) == 0);
}

/* an ECH server for config NAME (its retry config too), answering GET with its view of
 * the connection (-www: "Encrypted ClientHello: yes", "Client sent SNI: ..."); returns
 * its port */
static int ech_server(const char *name)
{
    char c[32], k[32];
    int port = free_port();
    snprintf(c, sizeof c, "%s.cfg", name);
    snprintf(k, sizeof k, "%s.key", name);
    spawn_bssl("server -accept %d -cert %s -key %s -ech-config %s -ech-key %s -loop -www", port,
               cert("ech.pem"), cert("ech.key"), tmp(c), tmp(k));
    REQUIRE(wait_listening(port, 20000));
    return port;
}

static unsigned char *read_list(const char *name, size_t *len)
{
    char l[32];
    unsigned char *p;
    snprintf(l, sizeof l, "%s.list", name);
    p = (unsigned char *)read_file(tmp(l), len);
    REQUIRE(p != NULL && *len > 4);
    return p;
}

static SSL *connect_localhost(SSL_CTX *ctx, int port, int *fd)
{
    *fd = tcp_connect(port);
    REQUIRE(*fd >= 0);
    return client_ssl(ctx, *fd, "localhost");
}

static char page[16384];

/* GET / over ssl; the page bssl -www sends back (its connection report) into `page` */
static int get_page(SSL *ssl)
{
    int got = 0, err = 0;
    const char *req = "GET / HTTP/1.0\r\n\r\n";
    if (!ssl_write_all(ssl, req, (int)strlen(req)))
        return 0;
    ssl_read_all(ssl, page, sizeof page - 1, &got, &err);
    page[got > 0 ? got : 0] = 0;
    return got;
}

static int waited_for(int i, const char *text)
{
    char *out = child_wait_for(i, text, 10000);
    int ok = out != NULL;
    free(out);
    return ok;
}

static int has(const void *hay, size_t n, const char *needle)
{
    return memmem(hay, n, needle, strlen(needle)) != NULL;
}

/* ---- ECH ---------------------------------------------------------------------------- */

/* The ClientHello on the wire: with a config it names only the public name; the true
 * name travels encrypted. Without ECH the name is in the clear. */
SCENARIO(ech_outer_hello)
{
    SSL_CTX *ctx;
    SSL *ssl;
    BIO *rb, *wb;
    char *hello;
    long n;
    unsigned char *list;
    size_t len;
    int round;
    if (!ferrossl_only())
        return;
    generate_ech("a", 1);
    list = read_list("a", &len);
    ctx = client_ctx(cert("ca.pem"));
    for (round = 0; round < 2; round++) {
        ssl = SSL_new(ctx);
        rb = BIO_new(BIO_s_mem());
        wb = BIO_new(BIO_s_mem());
        REQUIRE(ssl != NULL && rb != NULL && wb != NULL);
        SSL_set_bio(ssl, rb, wb);
        SSL_set_connect_state(ssl);
        REQUIRE(SSL_set_tlsext_host_name(ssl, "secret.localhost") == 1);
        if (round == 0)
            CHECK_INT(p_set1_ech_config_list(ssl, list, len), 1);
        CHECK_INT(SSL_do_handshake(ssl), -1);
        CHECK_INT(SSL_get_error(ssl, -1), SSL_ERROR_WANT_READ);
        n = BIO_get_mem_data(wb, &hello);
        CHECK(n > 100);
        if (round == 0) {
            CHECK(has(hello, (size_t)n, "public.example"));
            CHECK(!has(hello, (size_t)n, "secret.localhost"));
            CHECK(has(hello, (size_t)n, "\xfe\x0d")); /* the encrypted_client_hello extension */
            char *in = NULL, *out = NULL;
            CHECK_INT(p_ech_get1_status(ssl, &in, &out), STATUS_NOT_TRIED);
            CHECK_STR(in, "secret.localhost");
            CHECK_STR(out, "public.example");
            OPENSSL_free(in);
            OPENSSL_free(out);
        } else {
            CHECK(has(hello, (size_t)n, "secret.localhost"));
            CHECK(!has(hello, (size_t)n, "public.example"));
            CHECK(!has(hello, (size_t)n, "\xfe\x0d"));
        }
        SSL_free(ssl);
    }
    SSL_CTX_free(ctx);
    free(list);
}

/* ECH accepted by bssl: our side says so, and so does the server's report */
SCENARIO(ech_accepted)
{
    SSL_CTX *ctx;
    SSL *ssl;
    unsigned char *list;
    size_t len;
    int port, fd;
    char *inner = NULL, *outer = NULL;
    if (!ferrossl_only())
        return;
    generate_ech("a", 1);
    list = read_list("a", &len);
    port = ech_server("a");
    ctx = client_ctx(cert("ca.pem"));
    ssl = connect_localhost(ctx, port, &fd);
    CHECK_INT(p_ech_get1_status(ssl, &inner, &outer), STATUS_NOT_CONFIGURED);
    OPENSSL_free(inner);
    OPENSSL_free(outer);
    CHECK_INT(p_set1_ech_config_list(ssl, list, len), 1);
    CHECK_INT(p_ech_get1_status(ssl, &inner, &outer), STATUS_NOT_TRIED);
    OPENSSL_free(inner);
    OPENSSL_free(outer);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.3");
    CHECK_INT(p_ech_accepted(ssl), 1);
    CHECK_INT(p_ech_get1_status(ssl, &inner, &outer), STATUS_SUCCESS);
    CHECK_STR(inner, "localhost");
    CHECK_STR(outer, "public.example");
    OPENSSL_free(inner);
    OPENSSL_free(outer);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    CHECK(get_page(ssl) > 0);
    CHECK(strstr(page, "Encrypted ClientHello: yes") != NULL);
    CHECK(strstr(page, "Client sent SNI: localhost") != NULL);
    ERR_clear_error(); /* bssl -www closes without a close_notify: "unexpected eof" */
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    free(list);
}

/* The server does not know our config: the handshake fails with "ech required", the
 * certificate was checked for the public name, the server's retry configs are there, and
 * a second connection with them is accepted. */
SCENARIO(ech_retry_configs)
{
    SSL_CTX *ctx;
    SSL *ssl;
    unsigned char *list_a, *list_b, *copy = NULL;
    const uint8_t *retry = NULL;
    const char *name = NULL;
    size_t len_a, len_b, retry_len = 0, name_len = 0, copy_len = 0;
    int port, fd, r;
    char *inner = NULL, *outer = NULL;
    uint8_t *keep;
    if (!ferrossl_only())
        return;
    generate_ech("a", 1);
    generate_ech("b", 2);
    list_a = read_list("a", &len_a);
    list_b = read_list("b", &len_b);
    port = ech_server("a");
    ctx = client_ctx(cert("ca.pem"));
    ssl = connect_localhost(ctx, port, &fd);
    CHECK_INT(p_set1_ech_config_list(ssl, list_b, len_b), 1);
    r = SSL_connect(ssl);
    CHECK(r != 1);
    CHECK_INT(SSL_get_error(ssl, r), SSL_ERROR_SSL);
    CHECK_ERR("ech required");
    CHECK_INT(p_ech_accepted(ssl), 0);
    p_get0_ech_retry_configs(ssl, &retry, &retry_len);
    CHECK(retry != NULL && retry_len == len_a && memcmp(retry, list_a, len_a) == 0);
    p_get0_ech_name_override(ssl, &name, &name_len);
    CHECK(name != NULL && name_len == 14 && memcmp(name, "public.example", 14) == 0);
    CHECK_INT(p_ech_get1_status(ssl, &inner, &outer), STATUS_FAILED_ECH);
    CHECK_STR(outer, "public.example");
    OPENSSL_free(inner);
    OPENSSL_free(outer);
    CHECK_INT(p_ech_get1_retry_config(ssl, &copy, &copy_len), 1);
    CHECK(copy != NULL && copy_len == len_a && memcmp(copy, list_a, len_a) == 0);
    OPENSSL_free(copy);
    CHECK_INT(p_ech_get1_retry_config(ssl, NULL, &copy_len), 0);
    CHECK_ERR(NULL);
    keep = malloc(retry_len);
    REQUIRE(keep != NULL);
    memcpy(keep, retry, retry_len);
    SSL_free(ssl);
    close(fd);
    /* the retry */
    ssl = connect_localhost(ctx, port, &fd);
    CHECK_INT(p_set1_ech_config_list(ssl, keep, len_a), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(p_ech_accepted(ssl), 1);
    p_get0_ech_name_override(ssl, &name, &name_len);
    CHECK_INT(name_len, 0);
    CHECK(get_page(ssl) > 0);
    CHECK(strstr(page, "Encrypted ClientHello: yes") != NULL);
    CHECK(strstr(page, "Client sent SNI: localhost") != NULL);
    ERR_clear_error(); /* bssl -www closes without a close_notify: "unexpected eof" */
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    free(keep);
    free(list_a);
    free(list_b);
}

/* GREASE without a config (BoringSSL's switch, and OpenSSL 4.0's option): the extension
 * goes out, the handshake completes without ECH */
SCENARIO(ech_grease)
{
    SSL_CTX *ctx;
    SSL *ssl;
    int port, fd, way;
    char *inner = NULL, *outer = NULL;
    if (!ferrossl_only())
        return;
    generate_ech("a", 1);
    port = ech_server("a");
    ctx = client_ctx(cert("ca.pem"));
    for (way = 0; way < 2; way++) {
        ssl = connect_localhost(ctx, port, &fd);
        if (way == 0)
            p_set_enable_ech_grease(ssl, 1);
        else
            CHECK((SSL_set_options(ssl, OP_ECH_GREASE) & OP_ECH_GREASE) != 0);
        CHECK_INT(SSL_connect(ssl), 1);
        CHECK_INT(p_ech_accepted(ssl), 0);
        CHECK_INT(p_ech_get1_status(ssl, &inner, &outer), STATUS_GREASE);
        CHECK_STR(inner, "localhost");
        CHECK(outer == NULL);
        OPENSSL_free(inner);
        OPENSSL_free(outer);
        CHECK(get_page(ssl) > 0);
        CHECK(strstr(page, "Encrypted ClientHello: no") != NULL);
        CHECK(strstr(page, "Client sent SNI: localhost") != NULL);
        SSL_free(ssl);
        close(fd);
    }
    /* the extension is there only with GREASE on */
    for (way = 0; way < 2; way++) {
        BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
        char *hello;
        long n;
        ssl = SSL_new(ctx);
        REQUIRE(ssl != NULL && rb != NULL && wb != NULL);
        SSL_set_bio(ssl, rb, wb);
        SSL_set_connect_state(ssl);
        p_set_enable_ech_grease(ssl, 1);
        if (way == 1)
            p_set_enable_ech_grease(ssl, 0);
        CHECK_INT(SSL_do_handshake(ssl), -1);
        n = BIO_get_mem_data(wb, &hello);
        CHECK_INT(has(hello, (size_t)n, "\xfe\x0d"), way == 0);
        SSL_free(ssl);
    }
    CHECK_NO_ERR();
    SSL_CTX_free(ctx);
}

/* malformed lists fail with an ERR entry and leave the connection without ECH */
SCENARIO(ech_malformed)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl;
    unsigned char *list, *bad;
    size_t len, i;
    static const unsigned char garbage[] = {0x00, 0x05, 0xfe, 0x0d, 0x00, 0x01, 0x00};
    if (!ferrossl_only())
        return;
    generate_ech("a", 1);
    list = read_list("a", &len);
    ssl = SSL_new(ctx);
    REQUIRE(ctx != NULL && ssl != NULL);
    CHECK_INT(p_set1_ech_config_list(ssl, garbage, sizeof garbage), 0);
    CHECK_ERR("bad extension");
    CHECK_INT(p_set1_ech_config_list(ssl, list, len - 1), 0); /* truncated */
    CHECK_ERR("bad extension");
    bad = malloc(len + 1);
    REQUIRE(bad != NULL);
    memcpy(bad, list, len);
    bad[len] = 0;
    CHECK_INT(p_set1_ech_config_list(ssl, bad, len + 1), 0); /* trailing byte */
    CHECK_ERR("bad extension");
    for (i = 0; i < len; i++) { /* every truncation: refused, never a crash */
        if (p_set1_ech_config_list(ssl, list, i) != (i == 0))
            check_(0, __LINE__, "truncated to %zu bytes refused", i);
    }
    ERR_clear_error();
    CHECK_INT(p_set1_ech_config_list(NULL, list, len), 0);
    CHECK_ERR(NULL);
    CHECK_INT(p_ech_get1_status(ssl, NULL, NULL), STATUS_BAD_CALL);
    CHECK_INT(p_ech_accepted(ssl), 0);
    CHECK_INT(p_set1_ech_config_list(ssl, list, len), 1);
    CHECK_NO_ERR();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    free(bad);
    free(list);
}

/* ---- X25519MLKEM768 ----------------------------------------------------------------- */

static void check_pq(SSL *ssl)
{
    long nid = SSL_get_negotiated_group(ssl);
    CHECK_INT(nid, NID_X25519MLKEM768);
    CHECK_STR(p_get0_group_name(ssl), "X25519MLKEM768");
    CHECK_STR(SSL_group_to_name(ssl, (int)nid), "X25519MLKEM768");
}

/* our client, bssl's server offering only the hybrid */
SCENARIO(pq_client)
{
    SSL_CTX *ctx;
    SSL *ssl;
    int port, fd, srv;
    if (!ferrossl_only()) {
        ctx = SSL_CTX_new(TLS_client_method());
        CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519MLKEM768:X25519"), 0);
        SSL_CTX_free(ctx);
        ERR_clear_error();
        return;
    }
    port = free_port();
    srv = spawn_bssl("server -accept %d -cert %s -key %s -curves X25519MLKEM768 -loop -www", port,
                     cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    REQUIRE(wait_listening(port, 20000));
    ctx = client_ctx(cert("ca.pem"));
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519MLKEM768:X25519:P-256"), 1);
    ssl = connect_localhost(ctx, port, &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    check_pq(ssl);
    CHECK_INT(SSL_get_shared_group(ssl, -1), 0); /* a client: OpenSSL answers 0 */
    CHECK(get_page(ssl) > 0);
    CHECK(strstr(page, "ECDHE group: X25519MLKEM768") != NULL);
    (void)srv;
    SSL_free(ssl);
    close(fd);
    /* a client without the hybrid cannot talk to that server */
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519:P-256"), 1);
    ssl = connect_localhost(ctx, port, &fd);
    CHECK(SSL_connect(ssl) != 1);
    CHECK_ERR(NULL);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* our server, bssl's client offering only the hybrid */
SCENARIO(pq_server)
{
    SSL_CTX *ctx;
    SSL *ssl;
    int lfd, fd, port, cli;
    if (!ferrossl_only()) {
        ctx = SSL_CTX_new(TLS_server_method());
        CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519MLKEM768"), 0);
        SSL_CTX_free(ctx);
        ERR_clear_error();
        return;
    }
    ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "X25519:X25519MLKEM768"), 1);
    lfd = tcp_listen(&port);
    cli = spawn_bssl("client -connect 127.0.0.1:%d -server-name localhost -root-certs %s "
                     "-curves X25519MLKEM768",
                     port, cert("ca.pem"));
    fd = tcp_accept(lfd, 20000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    CHECK_INT(SSL_accept(ssl), 1);
    check_pq(ssl);
    CHECK_INT(SSL_get_shared_group(ssl, -1), 1);
    CHECK_INT(SSL_get_shared_group(ssl, 0), NID_X25519MLKEM768);
    CHECK_INT(SSL_get_shared_group(ssl, 1), 0);
    CHECK(waited_for(cli, "ECDHE group: X25519MLKEM768"));
    CHECK(waited_for(cli, "Encrypted ClientHello: no"));
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
    close(lfd);
    SSL_CTX_free(ctx);
}

TEST_MAIN(S(ech_outer_hello), S(ech_accepted), S(ech_retry_configs), S(ech_grease), S(ech_malformed),
          S(pq_client), S(pq_server))
