/* t_anchors: key update, SSLKEYLOGFILE, OCSP stapling, record padding, certificate
 * compression and early data (issue 16), against `openssl s_server` / `s_client`, a
 * native rustls peer (tests/peers/rustls_peer.rs) and between two in-process endpoints. */
#include "helpers.h"

#include <netinet/tcp.h>

#if defined(FERROSSL_USE_OPENSSL_HEADERS) && OPENSSL_VERSION_NUMBER < 0x30200000L
/* OpenSSL 3.2's certificate compression calls, weak: the OpenSSL 3.0 build links without
 * them (NULL there: the reference cannot compress) and a preloaded ferrossl supplies them */
int SSL_CTX_set1_cert_comp_preference(SSL_CTX *ctx, int *algs, size_t len) __attribute__((weak));
int SSL_set1_cert_comp_preference(SSL *ssl, int *algs, size_t len) __attribute__((weak));
int SSL_CTX_compress_certs(SSL_CTX *ctx, int alg) __attribute__((weak));
size_t SSL_CTX_get1_compressed_cert(SSL_CTX *ctx, int alg, unsigned char **data, size_t *orig_len)
    __attribute__((weak));
#define TLSEXT_comp_cert_zlib 1
#define TLSEXT_comp_cert_brotli 2
#define TLSEXT_comp_cert_zstd 3
#define SSL_OP_NO_TX_CERTIFICATE_COMPRESSION ((uint64_t)1 << 32)
#define SSL_OP_NO_RX_CERTIFICATE_COMPRESSION ((uint64_t)1 << 33)
#define HAVE_CERT_COMP (SSL_CTX_set1_cert_comp_preference != NULL)
#else
#define HAVE_CERT_COMP 1
#endif

/* child_wait_for, its output freed: 1 if `text` appeared in time */
static int waited(int i, const char *text, long timeout_ms)
{
    char *out = child_wait_for(i, text, timeout_ms);
    int ok = out != NULL;
    free(out);
    return ok;
}

static char buf[65536];

/* run time, not build time: the OpenSSL-built programs also run on ferrossl (preload, compat) */
#define REAL_OPENSSL (strstr(OpenSSL_version(OPENSSL_VERSION), "ferrossl") == NULL)

/* how many times `text` occurs in child i's output so far */
static int count_in_output(int i, const char *text)
{
    char *out = child_output(i), *p;
    int n = 0;
    for (p = out; p != NULL && (p = strstr(p, text)) != NULL; p += strlen(text))
        n++;
    free(out);
    return n;
}

/* wait until `text` occurs at least `n` times in child i's output */
static int wait_count(int i, const char *text, int n, long timeout_ms)
{
    long end = now_ms() + timeout_ms;
    while (count_in_output(i, text) < n) {
        if (now_ms() > end) {
            printf("  note  waited for %d x \"%s\", saw %d\n", n, text, count_in_output(i, text));
            return 0;
        }
        sleep_ms(10);
    }
    return 1;
}

static const char *pair(const char *base)
{
    static char out[1200];
    char c[64], k[64];
    snprintf(c, sizeof c, "%s.pem", base);
    snprintf(k, sizeof k, "%s.key", base);
    snprintf(out, sizeof out, "-cert %s -key %s", cert(c), cert(k));
    return out;
}

static SSL *connect_client(SSL_CTX *ctx, int port, int *fdp)
{
    int fd = tcp_connect(port);
    REQUIRE(fd >= 0);
    *fdp = fd;
    return client_ssl(ctx, fd, "localhost");
}

/* read exactly n bytes */
static int read_n(SSL *ssl, char *dst, int n)
{
    int got = 0, r;
    while (got < n) {
        r = SSL_read(ssl, dst + got, n - got);
        if (r <= 0)
            return got;
        got += r;
    }
    return got;
}

static void to_stdin(int child, const char *s)
{
    REQUIRE(write(children[child].stdin_fd, s, strlen(s)) == (ssize_t)strlen(s));
}

/* ---- key update ------------------------------------------------------------------ */

#define KU_MSG "<<< TLS 1.3, Handshake [length 0005], KeyUpdate"
#define KU_SENT ">>> TLS 1.3, Handshake [length 0005], KeyUpdate"

/* OpenSSL's checks: not TLS 1.3 (or no handshake yet), a bad type, and the pending state */
SCENARIO(key_update_errors)
{
    int port = s_server("-msg %s", pair("server-ecdsa")), fd, srv = n_children - 1;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_client(ctx, port, &fd);
    CHECK_INT(SSL_get_key_update_type(ssl), SSL_KEY_UPDATE_NONE);
    CHECK_INT(SSL_key_update(ssl, SSL_KEY_UPDATE_REQUESTED), 0); /* before the handshake */
    CHECK_ERR("wrong ssl version");
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_key_update(ssl, 7), 0);
    CHECK_ERR("invalid key update type");
    CHECK_INT(SSL_is_init_finished(ssl), 1);
    CHECK_INT(SSL_key_update(ssl, SSL_KEY_UPDATE_REQUESTED), 1);
    CHECK_INT(SSL_get_key_update_type(ssl), SSL_KEY_UPDATE_REQUESTED);
    CHECK_INT(SSL_in_init(ssl), 1); /* as OpenSSL: pending until sent */
    CHECK_INT(SSL_key_update(ssl, SSL_KEY_UPDATE_NOT_REQUESTED), 0); /* one at a time */
    CHECK_ERR("still in init");
    CHECK_INT(SSL_get_key_update_type(ssl), SSL_KEY_UPDATE_REQUESTED);
    CHECK_INT(SSL_do_handshake(ssl), 1);
    CHECK_INT(SSL_get_key_update_type(ssl), SSL_KEY_UPDATE_NONE);
    CHECK_INT(SSL_is_init_finished(ssl), 1);
    CHECK(wait_count(srv, KU_MSG, 1, 5000));
    CHECK_INT(SSL_write(ssl, "after\n", 6), 6);
    CHECK(waited(srv, "after", 5000));
    CHECK_INT(SSL_get_early_data_status(ssl), SSL_EARLY_DATA_NOT_SENT);
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
    /* TLS 1.2: no key update */
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    ssl = connect_client(ctx, port, &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.2");
    CHECK_INT(SSL_key_update(ssl, SSL_KEY_UPDATE_NOT_REQUESTED), 0);
    CHECK_ERR("wrong ssl version");
    CHECK_INT(SSL_get_key_update_type(ssl), SSL_KEY_UPDATE_NONE);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

#define ROUNDS 12

/* our client updates its keys (both types) between writes, s_server updates its own
 * ("K"/"k" on its stdin) between its writes: every line arrives in both directions */
SCENARIO(key_update_vs_s_server)
{
    int port = s_server("-msg %s", pair("server-ecdsa")), fd, srv = n_children - 1, i;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_client(ctx, port, &fd);
    char line[64];
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.3");
    for (i = 0; i < ROUNDS; i++) {
        int n = snprintf(line, sizeof line, "client line %02d\n", i);
        CHECK_INT(SSL_key_update(ssl, i % 2 ? SSL_KEY_UPDATE_NOT_REQUESTED : SSL_KEY_UPDATE_REQUESTED), 1);
        CHECK_INT(SSL_write(ssl, line, n), n);
        line[n - 1] = '\0';
        CHECK(wait_count(srv, line, 1, 5000));
        CHECK(wait_count(srv, KU_MSG, i + 1, 5000));
        /* s_server updates its keys, then writes a line */
        to_stdin(srv, i % 2 ? "k\n" : "K\n");
        CHECK(wait_count(srv, KU_SENT, i + 1, 5000)); /* s_server sent its own */
        n = snprintf(line, sizeof line, "server line %02d\n", i);
        to_stdin(srv, line);
        memset(buf, 0, 64);
        CHECK_INT(read_n(ssl, buf, n), n);
        CHECK(strncmp(buf, line, (size_t)n) == 0);
    }
    /* the server saw one KeyUpdate per SSL_key_update (and answers to its own "K") */
    CHECK(count_in_output(srv, KU_MSG) >= ROUNDS);
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* the same with our server and s_client ("K"/"k" make s_client update its keys) */
SCENARIO(key_update_vs_s_client)
{
    int lfd, port, fd, cli, i;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    char line[64];
    lfd = tcp_listen(&port);
    cli = spawn_openssl("s_client -msg -connect 127.0.0.1:%d -CAfile %s", port, cert("ca.pem"));
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    CHECK_INT(SSL_accept(ssl), 1);
    for (i = 0; i < ROUNDS; i++) {
        int n = snprintf(line, sizeof line, "server line %02d\n", i);
        CHECK_INT(SSL_key_update(ssl, i % 2 ? SSL_KEY_UPDATE_REQUESTED : SSL_KEY_UPDATE_NOT_REQUESTED), 1);
        CHECK_INT(SSL_write(ssl, line, n), n);
        line[n - 1] = '\0';
        CHECK(wait_count(cli, line, 1, 5000));
        CHECK(wait_count(cli, KU_MSG, i + 1, 5000));
        to_stdin(cli, i % 2 ? "k\n" : "K\n");
        CHECK(wait_count(cli, "KEYUPDATE", i + 1, 5000));
        n = snprintf(line, sizeof line, "client line %02d\n", i);
        to_stdin(cli, line);
        memset(buf, 0, 64);
        CHECK_INT(read_n(ssl, buf, n), n);
        CHECK(strncmp(buf, line, (size_t)n) == 0);
    }
    CHECK_NO_ERR();
    child_close_stdin(cli);
    SSL_free(ssl);
    close(fd);
    close(lfd);
    SSL_CTX_free(ctx);
}

/* move what `from` wrote to `to` */
static void shuttle(BIO *from, BIO *to)
{
    char tmp[16384];
    int n;
    while ((n = BIO_read(from, tmp, sizeof tmp)) > 0)
        REQUIRE(BIO_write(to, tmp, n) == n);
}

/* two endpoints of this library in one process, over memory BIOs: many key updates
 * from both sides, of both types, with data both ways after each */
SCENARIO(key_update_many)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    int i, rc = 0, rs = 0, n;
    char msg[64];
    REQUIRE(c && s && c_in && c_out && s_in && s_out);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_set_tlsext_host_name(c, "localhost"), 1);
    for (i = 0; i < 20 && (rc != 1 || rs != 1); i++) {
        rc = SSL_do_handshake(c);
        shuttle(c_out, s_in);
        rs = SSL_do_handshake(s);
        shuttle(s_out, c_in);
    }
    REQUIRE(rc == 1 && rs == 1);
    CHECK_STR(SSL_get_version(c), "TLSv1.3");
    for (i = 0; i < 200; i++) {
        SSL *a = i % 2 ? s : c, *b = i % 2 ? c : s;
        BIO *a_out = i % 2 ? s_out : c_out, *b_in = i % 2 ? c_in : s_in;
        BIO *b_out = i % 2 ? c_out : s_out, *a_in = i % 2 ? s_in : c_in;
        int type = (i / 2) % 2 ? SSL_KEY_UPDATE_NOT_REQUESTED : SSL_KEY_UPDATE_REQUESTED;
        if (!CHECK(SSL_key_update(a, type) == 1))
            break;
        n = snprintf(msg, sizeof msg, "message %d from %s", i, i % 2 ? "server" : "client");
        CHECK_INT(SSL_write(a, msg, n), n);
        CHECK_INT(SSL_get_key_update_type(a), SSL_KEY_UPDATE_NONE);
        shuttle(a_out, b_in);
        memset(buf, 0, 64);
        CHECK_INT(SSL_read(b, buf, sizeof buf), n);
        CHECK(memcmp(buf, msg, (size_t)n) == 0);
        /* and back, under the keys the update (and its answer) left */
        CHECK_INT(SSL_write(b, "ack", 3), 3);
        shuttle(b_out, a_in);
        memset(buf, 0, 8);
        CHECK_INT(SSL_read(a, buf, sizeof buf), 3);
        CHECK(memcmp(buf, "ack", 3) == 0);
        if (t_failed)
            break;
    }
    CHECK_NO_ERR();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* a KeyUpdate flood (40 requests with no application data between): rustls gives up
 * after 32 (SSL_R_TOO_MANY_KEY_UPDATES, alert unexpected_message); OpenSSL 3.0 takes
 * them all and waits for more input */
SCENARIO(key_update_flood)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    int i, rc = 0, rs = 0, n;
    REQUIRE(c && s && c_in && c_out && s_in && s_out);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (i = 0; i < 20 && (rc != 1 || rs != 1); i++) {
        rc = SSL_do_handshake(c);
        shuttle(c_out, s_in);
        rs = SSL_do_handshake(s);
        shuttle(s_out, c_in);
    }
    REQUIRE(rc == 1 && rs == 1);
    CHECK_INT(SSL_write(c, "x", 1), 1);
    shuttle(c_out, s_in);
    CHECK_INT(SSL_read(s, buf, sizeof buf), 1);
    for (i = 0; i < 40; i++) {
        CHECK_INT(SSL_key_update(c, SSL_KEY_UPDATE_REQUESTED), 1);
        CHECK_INT(SSL_do_handshake(c), 1);
    }
    shuttle(c_out, s_in);
    n = SSL_read(s, buf, sizeof buf);
    CHECK_INT(n, -1);
    if (REAL_OPENSSL) {
        CHECK_SSL_ERROR(s, n, SSL_ERROR_WANT_READ);
    } else {
        CHECK_SSL_ERROR(s, n, SSL_ERROR_SSL);
        CHECK_ERR("too many key updates");
    }
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- SSLKEYLOGFILE ---------------------------------------------------------------- */

static char cb_lines[8192];

static void keylog_cb(const SSL *ssl, const char *line)
{
    (void)ssl;
    strncat(cb_lines, line, sizeof cb_lines - strlen(cb_lines) - 2);
    strcat(cb_lines, "\n");
}

/* every line of `want` (NSS key log lines) is in `have` */
static int lines_in(const char *want, const char *have)
{
    char tmp[512];
    const char *p = want, *nl;
    int n = 0;
    while ((nl = strchr(p, '\n')) != NULL) {
        snprintf(tmp, sizeof tmp, "%.*s", (int)(nl - p), p);
        if (!check_(strstr(have, tmp) != NULL, __LINE__, "line \"%.40s...\" found", tmp))
            return 0;
        n++;
        p = nl + 1;
    }
    return n;
}

/* SSLKEYLOGFILE set: the client's secrets are appended to it (the same lines the
 * keylog callback gets, and the same secrets s_server logs with -keylogfile) */
SCENARIO(sslkeylogfile)
{
    char path[] = "/tmp/ferrossl-keylog-XXXXXX", srvpath[] = "/tmp/ferrossl-srvlog-XXXXXX";
    char random_hex[65], want[160];
    const char *sp;
    int kfd = mkstemp(path), sfd = mkstemp(srvpath), port, fd, i;
    SSL_CTX *ctx;
    SSL *ssl;
    char *file, *srvlog;
    REQUIRE(kfd >= 0 && sfd >= 0);
    close(kfd);
    close(sfd);
    REQUIRE(setenv("SSLKEYLOGFILE", path, 1) == 0); /* before the first handshake */
    port = s_server("-keylogfile %s %s", srvpath, pair("server-ecdsa"));
    ctx = client_ctx(cert("ca.pem"));
    SSL_CTX_set_keylog_callback(ctx, keylog_cb);
    ssl = connect_client(ctx, port, &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_write(ssl, "x\n", 2), 2);
    CHECK(waited(n_children - 1, "x", 5000));
    /* the client random as the peer logged it (s_server -keylogfile) */
    srvlog = read_file(srvpath, NULL);
    REQUIRE(srvlog != NULL);
    sp = strstr(srvlog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET ");
    REQUIRE(sp != NULL);
    snprintf(random_hex, sizeof random_hex, "%.64s", sp + strlen("CLIENT_HANDSHAKE_TRAFFIC_SECRET "));
    snprintf(want, sizeof want, "CLIENT_HANDSHAKE_TRAFFIC_SECRET %s ", random_hex);
    CHECK(strstr(cb_lines, want) != NULL); /* the callback keeps working */
    CHECK(lines_in(cb_lines, srvlog) >= 4); /* the same secrets as the peer's */
    file = read_file(path, NULL);
    REQUIRE(file != NULL);
    if (REAL_OPENSSL) {
        NOTE("OpenSSL 3.0's libssl does not read SSLKEYLOGFILE: the file stays empty");
    } else {
        static const char *labels[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                       "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};
        for (i = 0; i < 4; i++) {
            snprintf(want, sizeof want, "%s %s ", labels[i], random_hex);
            check_(strstr(file, want) != NULL, __LINE__, "%s line in SSLKEYLOGFILE", labels[i]);
        }
        CHECK(lines_in(file, srvlog) >= 4);
    }
    free(file);
    free(srvlog);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    unlink(path);
    unlink(srvpath);
}

/* ---- OCSP stapling ---------------------------------------------------------------- */

static int status_calls, status_ret = 1;
static long status_len;

static int client_status_cb(SSL *ssl, void *arg)
{
    const unsigned char *p = NULL;
    status_calls++;
    CHECK(arg == (void *)&status_calls);
    status_len = SSL_get_tlsext_status_ocsp_resp(ssl, &p);
    CHECK((status_len > 0) == (p != NULL));
    return status_ret;
}

/* connect to `s_server -status_file FILE` asking for OCSP; returns SSL_connect's value */
static int ocsp_connect(const char *status_file, int max_version, int want_status, long *len, unsigned char **resp)
{
    int port = s_server("-status_file %s %s", cert(status_file), pair("server-ecdsa")), fd, r;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    const unsigned char *p = NULL;
    if (max_version)
        CHECK_INT(SSL_CTX_set_max_proto_version(ctx, max_version), 1);
    CHECK_INT(SSL_CTX_set_tlsext_status_cb(ctx, client_status_cb), 1);
    CHECK_INT(SSL_CTX_set_tlsext_status_arg(ctx, &status_calls), 1);
    ssl = connect_client(ctx, port, &fd);
    CHECK_INT(SSL_get_tlsext_status_type(ssl), -1);
    if (want_status)
        CHECK_INT(SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp), 1);
    r = SSL_connect(ssl);
    *len = SSL_get_tlsext_status_ocsp_resp(ssl, &p);
    *resp = NULL;
    if (*len > 0) {
        *resp = malloc((size_t)*len);
        memcpy(*resp, p, (size_t)*len);
    }
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    return r;
}

static void ocsp_good(int max_version)
{
    size_t flen = 0;
    char *der = read_file(cert("server-ecdsa.ocsp.der"), &flen);
    unsigned char *resp;
    long len;
    REQUIRE(der != NULL && flen > 0);
    CHECK_INT(ocsp_connect("server-ecdsa.ocsp.der", max_version, 1, &len, &resp), 1);
    CHECK_INT(status_calls, 1);
    CHECK_INT(status_len, (long)flen);
    CHECK_INT(len, (long)flen);
    CHECK(resp != NULL && memcmp(resp, der, flen) == 0);
    CHECK_NO_ERR();
    free(resp);
    free(der);
}

SCENARIO(ocsp_client_tls13) { ocsp_good(0); }
SCENARIO(ocsp_client_tls12) { ocsp_good(TLS1_2_VERSION); }

/* no status type asked for: the callback is not called and there is no response */
SCENARIO(ocsp_client_not_asked)
{
    unsigned char *resp;
    long len;
    CHECK_INT(ocsp_connect("server-ecdsa.ocsp.der", 0, 0, &len, &resp), 1);
    CHECK_INT(status_calls, 0);
    CHECK_INT(len, -1);
    free(resp);
}

/* the callback says 0: the handshake fails, SSL_R_INVALID_STATUS_RESPONSE */
SCENARIO(ocsp_client_refuses)
{
    unsigned char *resp;
    long len;
    status_ret = 0;
    CHECK(ocsp_connect("server-ecdsa.ocsp.der", 0, 1, &len, &resp) <= 0);
    CHECK_INT(status_calls, 1);
    CHECK_ERR("invalid status response");
    CHECK(wait_count(n_children - 1, "bad certificate status response", 1, 5000));
    free(resp);
}


static char *staple;
static size_t staple_len;
static int server_status_ret = SSL_TLSEXT_ERR_OK;

/* nginx's ssl_stapling_file way: a copy of the DER for each connection */
static int server_status_cb(SSL *ssl, void *arg)
{
    unsigned char *p = OPENSSL_malloc(staple_len);
    (void)arg;
    status_calls++;
    REQUIRE(p != NULL);
    memcpy(p, staple, staple_len);
    CHECK_INT(SSL_set_tlsext_status_ocsp_resp(ssl, p, (long)staple_len), 1);
    return server_status_ret;
}

/* our server staples for `s_client -status`; returns SSL_accept's value */
static int ocsp_serve(const char *file, const char *client_flags)
{
    int lfd, port, fd, cli, r;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    staple = read_file(cert(file), &staple_len);
    REQUIRE(staple != NULL);
    CHECK_INT(SSL_CTX_set_tlsext_status_cb(ctx, server_status_cb), 1);
    lfd = tcp_listen(&port);
    cli = spawn_openssl("s_client -connect 127.0.0.1:%d -CAfile %s %s", port, cert("ca.pem"), client_flags);
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    r = SSL_accept(ssl);
    if (r == 1) {
        CHECK_INT(SSL_write(ssl, "served\n", 7), 7);
        CHECK(waited(cli, "served", 5000));
    } else {
        child_wait_exit(cli, 5000);
    }
    child_close_stdin(cli);
    SSL_free(ssl);
    close(fd);
    close(lfd);
    SSL_CTX_free(ctx);
    free(staple);
    return r;
}

SCENARIO(ocsp_server)
{
    CHECK_INT(ocsp_serve("server-ecdsa.ocsp.der", "-status"), 1);
    CHECK_INT(status_calls, 1);
    CHECK(waited(0, "OCSP Response Status: successful", 5000));
    CHECK(waited(0, "Cert Status: good", 5000));
    CHECK_NO_ERR();
}

SCENARIO(ocsp_server_tls12)
{
    CHECK_INT(ocsp_serve("server-ecdsa.ocsp.der", "-status -tls1_2"), 1);
    CHECK_INT(status_calls, 1);
    CHECK(waited(0, "Cert Status: good", 5000));
}

/* s_client without -status sends no status_request: the callback is not called */
SCENARIO(ocsp_server_not_asked)
{
    CHECK_INT(ocsp_serve("server-ecdsa.ocsp.der", ""), 1);
    CHECK_INT(status_calls, 0);
    CHECK(count_in_output(0, "OCSP response") == 0);
}

/* SSL_TLSEXT_ERR_NOACK: nothing stapled */
SCENARIO(ocsp_server_noack)
{
    server_status_ret = SSL_TLSEXT_ERR_NOACK;
    CHECK_INT(ocsp_serve("server-ecdsa.ocsp.der", "-status"), 1);
    CHECK_INT(status_calls, 1);
    CHECK(waited(0, "OCSP response: no response sent", 5000));
}

/* SSL_TLSEXT_ERR_ALERT_FATAL: the handshake fails (internal_error) */
SCENARIO(ocsp_server_fatal)
{
    server_status_ret = SSL_TLSEXT_ERR_ALERT_FATAL;
    CHECK(ocsp_serve("server-ecdsa.ocsp.der", "-status") <= 0);
    CHECK_ERR("clienthello tlsext");
    CHECK(waited(0, "internal error", 5000));
}

/* garbage stapled: s_client's callback cannot parse it and refuses the handshake
 * (alert bad_certificate_status_response); nothing crashes */
SCENARIO(ocsp_server_garbage)
{
    CHECK(ocsp_serve("garbage.ocsp.der", "-status") <= 0);
    CHECK_INT(status_calls, 1);
    CHECK(waited(0, "response parse error", 5000));
    CHECK_ERR("tlsv1 bad certificate status response");
}

/* a stapled response that is no OCSP response, between two endpoints of this library
 * (s_server refuses to load one): the client gets the bytes as they are, no crash */
SCENARIO(ocsp_client_garbage)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL *c, *s;
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    const unsigned char *p = NULL;
    int i, rc = 0, rs = 0;
    staple = read_file(cert("garbage.ocsp.der"), &staple_len);
    REQUIRE(staple != NULL);
    CHECK_INT(SSL_CTX_set_tlsext_status_cb(sctx, server_status_cb), 1);
    CHECK_INT(SSL_CTX_set_tlsext_status_cb(cctx, client_status_cb), 1);
    CHECK_INT(SSL_CTX_set_tlsext_status_arg(cctx, &status_calls), 1);
    CHECK_INT(SSL_CTX_set_tlsext_status_type(cctx, TLSEXT_STATUSTYPE_ocsp), 1);
    CHECK_INT(SSL_CTX_get_tlsext_status_type(cctx), TLSEXT_STATUSTYPE_ocsp);
    c = SSL_new(cctx); /* takes the context's status type */
    s = SSL_new(sctx);
    REQUIRE(c && s && c_in && c_out && s_in && s_out);
    CHECK_INT(SSL_get_tlsext_status_type(c), TLSEXT_STATUSTYPE_ocsp);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_set_tlsext_host_name(c, "localhost"), 1);
    for (i = 0; i < 20 && (rc != 1 || rs != 1); i++) {
        rc = SSL_do_handshake(c);
        shuttle(c_out, s_in);
        rs = SSL_do_handshake(s);
        shuttle(s_out, c_in);
    }
    CHECK(rc == 1 && rs == 1);
    CHECK_INT(status_calls, 2); /* the server's callback, then the client's */
    CHECK_INT(status_len, 28);
    CHECK_INT(SSL_get_tlsext_status_ocsp_resp(c, &p), 28);
    CHECK(p != NULL && memcmp(p, "this is not an OCSP response", 28) == 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    free(staple);
}

/* ---- record padding ---------------------------------------------------------------- */

static size_t pad_cb(SSL *ssl, int type, size_t len, void *arg)
{
    (void)ssl, (void)type, (void)len, (void)arg;
    return 0;
}

/* 0 and 1 mean no padding (both accept them); above 16384 both refuse; OpenSSL pads
 * with other sizes and a callback, ferrossl refuses them (rustls cannot pad) */
SCENARIO(record_padding)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    REQUIRE(ctx != NULL && ssl != NULL);
    CHECK_INT(SSL_CTX_set_block_padding(ctx, 0), 1);
    CHECK_INT(SSL_CTX_set_block_padding(ctx, 1), 1);
    CHECK_INT(SSL_set_block_padding(ssl, 0), 1);
    CHECK_INT(SSL_set_block_padding(ssl, 1), 1);
    CHECK_INT(SSL_CTX_set_block_padding(ctx, 16385), 0);
    CHECK_INT(SSL_set_block_padding(ssl, 100000), 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_set_block_padding(ctx, 256), REAL_OPENSSL);
    CHECK_INT(SSL_set_block_padding(ssl, 16384), REAL_OPENSSL);
    CHECK_INT(SSL_set_record_padding_callback(ssl, pad_cb), REAL_OPENSSL);
    if (!REAL_OPENSSL)
        CHECK_ERR("unsupported");
    ERR_clear_error();
    CHECK_INT(SSL_set_record_padding_callback(ssl, NULL), 1);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* ---- certificate compression (RFC 8879) ---------------------------------------------- */

/* spawn tests/peers/rustls_peer (built by run.sh) with printf-formatted ARGS, like
 * spawn_openssl; returns its index */
static int spawn_peer(const char *fmt, ...)
{
    char cmd[2048];
    const char *prog = getenv("FERROSSL_RUSTLS_PEER");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    REQUIRE(prog != NULL && access(prog, X_OK) == 0);
    return spawn_child(prog, "rustls_peer", cmd);
}

/* the port a `rustls_peer server` listens on */
static int peer_port(int child)
{
    char *out = child_wait_for(child, "listening on 127.0.0.1:", 10000), *p;
    int port = out && (p = strstr(out, "listening on 127.0.0.1:")) ? atoi(p + 23) : 0;
    free(out);
    REQUIRE(port > 0);
    return port;
}

/* the peer's n-th report line (1-based), malloc'd ("" if there is none) */
static char *peer_report(int child, int n)
{
    char *out, *p, *end, *r;
    int i;
    if (!wait_count(child, "report:", n, 10000))
        return strdup("");
    out = child_output(child);
    for (p = out, i = 0; p != NULL && (p = strstr(p, "report:")) != NULL && ++i < n; p += 7)
        ;
    end = p ? strchr(p, '\n') : NULL;
    r = p ? strndup(p, end ? (size_t)(end - p) : strlen(p)) : strdup("");
    free(out);
    NOTE("peer %s", r);
    return r;
}

static int report_num(const char *r, const char *key)
{
    const char *p = strstr(r, key);
    return p ? atoi(p + strlen(key)) : -1;
}

/* the peer's client certificate arguments */
static const char *cert_args(void)
{
    static char out[1200];
    snprintf(out, sizeof out, "--cert %s --key %s", cert("client.pem"), cert("client.key"));
    return out;
}

/* one `rustls_peer client` connection to a server made from ctx; returns its report */
static char *serve_peer_client(SSL_CTX *ctx, const char *peer_args)
{
    int port, lfd = tcp_listen(&port), fd, child;
    char line[64];
    char *r;
    SSL *ssl;
    child = spawn_peer("client %s %d %s", cert("ca.pem"), port, peer_args);
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_read(ssl, line, sizeof line), 6);
    CHECK_INT(SSL_write(ssl, "echo: hello\n", 12), 12);
    SSL_shutdown(ssl);
    CHECK_INT(child_wait_exit(child, 10000), 0);
    r = peer_report(child, 1);
    SSL_free(ssl);
    close(fd);
    close(lfd);
    return r;
}

/* our server's certificate chain reaches a compressing rustls client brotli-compressed
 * (the default), zlib-compressed when preferred, plain with SSL_OP_NO_TX_CERTIFICATE_COMPRESSION;
 * the reference, OpenSSL 3.0, sends it plain */
static void comp_server(const char *base)
{
    char c[64], k[64];
    int zlib[] = {TLSEXT_comp_cert_zlib}, plain, zl, br;
    SSL_CTX *ctx;
    char *r;
    snprintf(c, sizeof c, "%s.chain.pem", base);
    snprintf(k, sizeof k, "%s.key", base);
    ctx = server_ctx(cert(c), cert(k));
    r = serve_peer_client(ctx, "");
    if (!HAVE_CERT_COMP) {
        CHECK(strstr(r, "peer-cert=plain") != NULL);
        free(r);
        SSL_CTX_free(ctx);
        return;
    }
    CHECK(strstr(r, "peer-cert=brotli") != NULL);
    br = report_num(r, "handshake-bytes-in=");
    free(r);
    r = serve_peer_client(ctx, "--no-compress"); /* a client that offers none */
    CHECK(strstr(r, "peer-cert=plain") != NULL);
    free(r);
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(ctx, zlib, 1), 1);
    r = serve_peer_client(ctx, "");
    CHECK(strstr(r, "peer-cert=zlib") != NULL);
    zl = report_num(r, "handshake-bytes-in=");
    free(r);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TX_CERTIFICATE_COMPRESSION);
    r = serve_peer_client(ctx, "");
    CHECK(strstr(r, "peer-cert=plain") != NULL);
    plain = report_num(r, "handshake-bytes-in=");
    free(r);
    CHECK(br > 0 && br < plain && zl > 0 && zl < plain);
    NOTE("%s chain: server's first flight %d bytes plain, %d zlib, %d brotli", base, plain, zl, br);
    SSL_CTX_free(ctx);
}

SCENARIO(cert_comp_server_rsa) { comp_server("server-rsa"); }
SCENARIO(cert_comp_server_ecdsa) { comp_server("server-ecdsa"); }

/* a client connection to `port`: hello, echo; returns 1 on success */
static int hello_echo(SSL_CTX *ctx, int port, uint64_t options)
{
    int fd, ok;
    char line[64] = {0};
    SSL *ssl = connect_client(ctx, port, &fd);
    SSL_set_options(ssl, options);
    ok = SSL_connect(ssl) == 1 && SSL_write(ssl, "hello\n", 6) == 6 && read_n(ssl, line, 12) == 12
         && memcmp(line, "echo: hello\n", 12) == 0;
    CHECK(ok);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    return ok;
}

/* a compressing rustls server: our client takes its compressed chain (and verifies it),
 * and with SSL_OP_NO_RX_CERTIFICATE_COMPRESSION offers no compression, so gets it plain */
SCENARIO(cert_comp_client)
{
    int child = spawn_peer("server %s %s --count 2", cert("server-rsa.chain.pem"), cert("server-rsa.key"));
    int port = peer_port(child), a, b;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    char *r1, *r2;
    hello_echo(ctx, port, 0);
    r1 = peer_report(child, 1);
    hello_echo(ctx, port, HAVE_CERT_COMP ? SSL_OP_NO_RX_CERTIFICATE_COMPRESSION : 0);
    r2 = peer_report(child, 2);
    CHECK(strstr(r1, HAVE_CERT_COMP ? "own-cert=brotli" : "own-cert=plain") != NULL);
    CHECK(strstr(r2, "own-cert=plain") != NULL);
    a = report_num(r1, "handshake-bytes-out=");
    b = report_num(r2, "handshake-bytes-out=");
    if (HAVE_CERT_COMP)
        CHECK(a > 0 && a < b);
    NOTE("rustls server's first flight: %d bytes to our client, %d with RX compression off", a, b);
    free(r1);
    free(r2);
    SSL_CTX_free(ctx);
}

/* client certificates, both ways: ours to a rustls server that asks for one, and a
 * rustls client's to our server (each compresses for the other) */
SCENARIO(cert_comp_client_auth)
{
    int child = spawn_peer("server %s %s --client-ca %s", cert("server-ecdsa.chain.pem"),
                           cert("server-ecdsa.key"), cert("ca.pem"));
    int port = peer_port(child);
    SSL_CTX *ctx = client_ctx(cert("ca.pem")), *sctx;
    char *r;
    REQUIRE(SSL_CTX_use_certificate_file(ctx, cert("client.pem"), SSL_FILETYPE_PEM) == 1);
    REQUIRE(SSL_CTX_use_PrivateKey_file(ctx, cert("client.key"), SSL_FILETYPE_PEM) == 1);
    hello_echo(ctx, port, 0);
    r = peer_report(child, 1);
    CHECK(strstr(r, HAVE_CERT_COMP ? "peer-cert=brotli" : "peer-cert=plain") != NULL);
    free(r);
    SSL_CTX_free(ctx);
    sctx = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    REQUIRE(SSL_CTX_load_verify_locations(sctx, cert("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    r = serve_peer_client(sctx, cert_args());
    CHECK(strstr(r, HAVE_CERT_COMP ? "own-cert=brotli" : "own-cert=plain") != NULL);
    free(r);
    SSL_CTX_free(sctx);
}

/* OpenSSL 3.2's calls (ferrossl-only here: OpenSSL 3.0 has none of them) */
SCENARIO(cert_comp_api)
{
    int zstd[] = {TLSEXT_comp_cert_zstd}, dup[] = {2, 1, 2}, junk[] = {99}, some[] = {3, 1}, both[] = {2, 1};
    unsigned char *data = NULL;
    size_t orig = 0, n;
    SSL_CTX *sctx, *cctx;
    SSL *ssl;
    if (!HAVE_CERT_COMP) {
        NOTE("%s has no certificate compression (OpenSSL 3.2+)", OpenSSL_version(OPENSSL_VERSION));
        CHECK(REAL_OPENSSL);
        return;
    }
    sctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(sctx != NULL);
    CHECK_INT(SSL_CTX_compress_certs(sctx, 0), 0); /* no certificate */
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, zstd, 1), 0); /* zstd is not built */
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, dup, 3), 0);
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, junk, 1), 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, some, 2), 1); /* zstd ignored: zlib */
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, NULL, 0), 1); /* off */
    REQUIRE(SSL_CTX_use_certificate_chain_file(sctx, cert("server-rsa.chain.pem")) == 1);
    REQUIRE(SSL_CTX_use_PrivateKey_file(sctx, cert("server-rsa.key"), SSL_FILETYPE_PEM) == 1);
    CHECK_INT(SSL_CTX_compress_certs(sctx, 0), 0); /* nothing preferred */
    ERR_clear_error();
    CHECK_INT(SSL_CTX_set1_cert_comp_preference(sctx, both, 2), 1);
    CHECK_INT(SSL_CTX_compress_certs(sctx, 0), 1);
    CHECK_INT(SSL_CTX_compress_certs(sctx, TLSEXT_comp_cert_zlib), 1);
    CHECK_INT(SSL_CTX_compress_certs(sctx, TLSEXT_comp_cert_zstd), 0);
    ERR_clear_error();
    n = SSL_CTX_get1_compressed_cert(sctx, TLSEXT_comp_cert_brotli, &data, &orig);
    CHECK(n > 0 && n < orig && data != NULL);
    NOTE("RSA chain's Certificate message: %zu bytes, %zu brotli-compressed", orig, n);
    OPENSSL_free(data);
    data = NULL;
    CHECK_INT(SSL_CTX_get1_compressed_cert(sctx, TLSEXT_comp_cert_zstd, &data, &orig), 0);
    ERR_clear_error();
    ssl = SSL_new(sctx);
    CHECK_INT(SSL_set1_cert_comp_preference(ssl, zstd, 1), 0);
    ERR_clear_error();
    CHECK_INT(SSL_set1_cert_comp_preference(ssl, some, 2), 1);
    SSL_free(ssl);
    cctx = SSL_CTX_new(TLS_client_method());
    CHECK_INT(SSL_CTX_get1_compressed_cert(cctx, TLSEXT_comp_cert_brotli, &data, &orig), 0);
    ERR_clear_error();
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- early data (0-RTT) --------------------------------------------------------------- */

/* a client connection that reads `want` from s_server (its stdin sends it) and returns
 * the session (its tickets arrived before the data) */
static SSL_SESSION *session_from(SSL_CTX *ctx, int port, int srv, const char *want)
{
    int fd;
    char line[64] = {0};
    SSL *ssl = connect_client(ctx, port, &fd);
    SSL_SESSION *sess;
    CHECK_INT(SSL_connect(ssl), 1);
    to_stdin(srv, want);
    CHECK_INT(read_n(ssl, line, (int)strlen(want)), (int)strlen(want));
    sess = SSL_get1_session(ssl);
    REQUIRE(sess != NULL);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    return sess;
}

/* our client sends early data to `openssl s_server -early_data`, which takes it; too much
 * early data fails; a server that cannot resume the ticket rejects it */
SCENARIO(early_data_client_vs_s_server)
{
    int port = s_server("-early_data %s", pair("server-ecdsa")), srv = n_children - 1, fd, port2, srv2;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL_SESSION *sess;
    SSL *ssl;
    size_t w = 0;
    char line[64] = {0}, *big;
    sess = session_from(ctx, port, srv, "ticket\n");
    CHECK_INT(SSL_SESSION_get_max_early_data(sess), 16384);
    /* a session is needed (and only on a client) */
    ssl = connect_client(ctx, port, &fd);
    CHECK_INT(SSL_write_early_data(ssl, "x", 1, &w), 0);
    CHECK_ERR("called a function you should not call");
    CHECK_INT(SSL_get_early_data_status(ssl), SSL_EARLY_DATA_NOT_SENT);
    SSL_free(ssl);
    close(fd);
    ssl = connect_client(ctx, port, &fd);
    REQUIRE(SSL_set_session(ssl, sess) == 1);
    CHECK_INT(SSL_write_early_data(ssl, "early0 ", 7, &w), 1);
    CHECK_INT(w, 7);
    CHECK_INT(SSL_write_early_data(ssl, "hello1\n", 7, &w), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_early_data_status(ssl), SSL_EARLY_DATA_ACCEPTED);
    CHECK_INT(SSL_session_reused(ssl), 1);
    /* (s_server writes the data and its own lines through different buffers) */
    CHECK(waited(srv, "Early data received:", 5000) && waited(srv, "early0", 5000) && waited(srv, "hello1", 5000));
    CHECK(waited(srv, "End of early data", 5000));
    to_stdin(srv, "late\n");
    CHECK_INT(read_n(ssl, line, 5), 5);
    SSL_SESSION_free(sess);
    sess = SSL_get1_session(ssl); /* the ticket this connection brought */
    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    CHECK_NO_ERR();
    /* more than the ticket allows */
    CHECK_INT(SSL_SESSION_get_max_early_data(sess), 16384);
    big = calloc(1, 16385);
    REQUIRE(big != NULL);
    ssl = connect_client(ctx, port, &fd);
    REQUIRE(SSL_set_session(ssl, sess) == 1);
    CHECK_INT(SSL_write_early_data(ssl, big, 16385, &w), 0);
    CHECK_ERR("too much early data");
    SSL_free(ssl);
    close(fd);
    free(big);
    /* another server (other ticket keys) cannot resume: the early data is rejected */
    port2 = s_server("-early_data %s", pair("server-ecdsa"));
    srv2 = n_children - 1;
    SSL_SESSION_free(sess);
    sess = session_from(ctx, port, srv, "again\n");
    ssl = connect_client(ctx, port2, &fd);
    REQUIRE(SSL_set_session(ssl, sess) == 1);
    CHECK_INT(SSL_write_early_data(ssl, "lost\n", 5, &w), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_early_data_status(ssl), SSL_EARLY_DATA_REJECTED);
    CHECK_INT(SSL_session_reused(ssl), 0);
    CHECK(waited(srv2, "Early data was rejected", 5000));
    CHECK_INT(SSL_write(ssl, "resent\n", 7), 7);
    CHECK(waited(srv2, "resent", 5000));
    SSL_free(ssl);
    close(fd);
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
}

/* accept one connection and read its early data to the end into ed; returns the SSL */
static SSL *accept_early(SSL_CTX *ctx, int lfd, char *ed, size_t cap, int *fdp)
{
    int fd = tcp_accept(lfd, 10000), r;
    size_t n, got = 0;
    SSL *ssl;
    REQUIRE(fd >= 0);
    *fdp = fd;
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    ed[0] = '\0';
    while ((r = SSL_read_early_data(ssl, ed + got, cap - 1 - got, &n)) == SSL_READ_EARLY_DATA_SUCCESS)
        got += n;
    ed[got] = '\0';
    CHECK_INT(r, SSL_READ_EARLY_DATA_FINISH);
    return ssl;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    REQUIRE(f != NULL && fwrite(data, 1, len, f) == len);
    fclose(f);
}

/* our server takes `openssl s_client -early_data` once per ticket (a replay is rejected),
 * and refuses more than it accepts with an unexpected_message alert (RFC 8446 §4.2.10) */
SCENARIO(early_data_server_vs_s_client)
{
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    char sess[] = "/tmp/ferrossl-sess-XXXXXX", edf[] = "/tmp/ferrossl-early-XXXXXX", ed[2048], *big;
    int port, lfd = tcp_listen(&port), fd, cl, i;
    size_t w;
    SSL *ssl;
    close(mkstemp(sess));
    close(mkstemp(edf));
    CHECK_INT(SSL_CTX_get_max_early_data(ctx), 0);
    CHECK_INT(SSL_CTX_get_recv_max_early_data(ctx), 16384);
    CHECK_INT(SSL_CTX_set_max_early_data(ctx, 4096), 1);
    CHECK_INT(SSL_CTX_get_max_early_data(ctx), 4096);
    /* a first, full handshake: its ticket allows early data */
    cl = spawn_openssl("s_client -connect 127.0.0.1:%d -servername localhost -sess_out %s", port, sess);
    ssl = accept_early(ctx, lfd, ed, sizeof ed, &fd);
    CHECK_INT(SSL_get_early_data_status(ssl), SSL_EARLY_DATA_NOT_SENT);
    CHECK_INT(SSL_get_max_early_data(ssl), 4096);
    CHECK_INT(SSL_write(ssl, "welcome\n", 8), 8);
    CHECK(waited(cl, "welcome", 5000));
    SSL_shutdown(ssl); /* (OpenSSL drops a session from its cache if not) */
    child_close_stdin(cl);
    child_wait_exit(cl, 5000);
    SSL_free(ssl);
    close(fd);
    /* resumed with early data, then the same ticket again: a replay, rejected */
    write_file(edf, "early hello\n", 12);
    for (i = 0; i < 2; i++) {
        cl = spawn_openssl("s_client -connect 127.0.0.1:%d -servername localhost -sess_in %s -early_data %s",
                           port, sess, edf);
        ssl = accept_early(ctx, lfd, ed, sizeof ed, &fd);
        CHECK_STR(ed, i == 0 ? "early hello\n" : "");
        CHECK_INT(SSL_get_early_data_status(ssl), i == 0 ? SSL_EARLY_DATA_ACCEPTED : SSL_EARLY_DATA_REJECTED);
        CHECK_INT(SSL_session_reused(ssl), i == 0);
        CHECK_INT(SSL_read_early_data(ssl, ed, sizeof ed, &w), SSL_READ_EARLY_DATA_ERROR); /* after FINISH */
        CHECK_ERR("called a function you should not call");
        CHECK_INT(SSL_write(ssl, "bye\n", 4), 4);
        CHECK(waited(cl, i == 0 ? "Early data was accepted" : "Early data was rejected", 5000));
        CHECK(waited(cl, "bye", 5000));
        SSL_shutdown(ssl); /* (OpenSSL drops a session from its cache if not) */
        child_close_stdin(cl);
        child_wait_exit(cl, 5000);
        SSL_free(ssl);
        close(fd);
    }
    /* a new ticket, then more early data than the server now accepts */
    cl = spawn_openssl("s_client -connect 127.0.0.1:%d -servername localhost -sess_out %s", port, sess);
    ssl = accept_early(ctx, lfd, ed, sizeof ed, &fd);
    CHECK_INT(SSL_write(ssl, "welcome\n", 8), 8);
    CHECK(waited(cl, "welcome", 5000));
    SSL_shutdown(ssl); /* (OpenSSL drops a session from its cache if not) */
    child_close_stdin(cl);
    child_wait_exit(cl, 5000);
    SSL_free(ssl);
    close(fd);
    CHECK_INT(SSL_CTX_set_recv_max_early_data(ctx, 100), 1);
    CHECK_INT(SSL_CTX_get_recv_max_early_data(ctx), 100);
    big = malloc(1000);
    REQUIRE(big != NULL);
    memset(big, 'x', 1000);
    write_file(edf, big, 1000);
    free(big);
    cl = spawn_openssl("s_client -connect 127.0.0.1:%d -servername localhost -sess_in %s -early_data %s",
                       port, sess, edf);
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, fd) == 1);
    CHECK_INT(SSL_read_early_data(ssl, ed, sizeof ed, &w), SSL_READ_EARLY_DATA_ERROR);
    CHECK_SSL_ERROR(ssl, -1, SSL_ERROR_SSL);
    CHECK_ERR("too much early data");
    CHECK(waited(cl, "alert unexpected message", 5000));
    SSL_free(ssl);
    close(fd);
    close(lfd);
    unlink(sess);
    unlink(edf);
    SSL_CTX_free(ctx);
}

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000L + ts.tv_nsec / 1000L;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* our client against a rustls server that answers early data at once (0.5-RTT): each
 * resumption's early request is accepted, and time to the first byte of the answer
 * (from connect) is measured with and without 0-RTT (figures in the log; $TTFB_ROUNDS) */
SCENARIO(early_data_ttfb)
{
    int rounds = getenv("TTFB_ROUNDS") ? atoi(getenv("TTFB_ROUNDS")) : 10, i, mode, fd, accepted = 0, one = 1;
    int child;
    long t[2][1000], t0;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL_SESSION *sess = NULL;
    SSL *ssl;
    size_t w;
    char line[64];
    if (rounds < 1 || rounds > 1000)
        rounds = 10;
    child = spawn_peer("server %s %s --early 16384 --no-compress --count %d", cert("server-rsa.chain.pem"),
                       cert("server-rsa.key"), 2 * rounds + 1);
    (void)peer_port(child);
    for (i = 0; i < 2 * rounds + 1; i++) {
        mode = i == 0 ? 0 : i % 2; /* 0: full handshake, 1: resumption with 0-RTT */
        t0 = now_us();
        ssl = connect_client(ctx, peer_port(child), &fd);
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* as curl and nginx */
        if (mode == 1) {
            REQUIRE(sess != NULL && SSL_set_session(ssl, sess) == 1);
            REQUIRE(SSL_write_early_data(ssl, "hello\n", 6, &w) == 1);
            REQUIRE(SSL_do_handshake(ssl) == 1);
        } else {
            REQUIRE(SSL_connect(ssl) == 1 && SSL_write(ssl, "hello\n", 6) == 6);
        }
        REQUIRE(read_n(ssl, line, 12) == 12 && memcmp(line, "echo: hello\n", 12) == 0);
        if (i > 0)
            t[mode][i / 2 - (mode == 0)] = now_us() - t0;
        accepted += mode == 1 && SSL_get_early_data_status(ssl) == SSL_EARLY_DATA_ACCEPTED;
        SSL_SESSION_free(sess);
        sess = SSL_get1_session(ssl); /* read_n brought a new ticket */
        SSL_shutdown(ssl);
        SSL_free(ssl);
        close(fd);
    }
    CHECK_INT(accepted, rounds);
    CHECK(wait_count(child, "early=yes", rounds, 5000));
    qsort(t[0], (size_t)rounds, sizeof t[0][0], cmp_long);
    qsort(t[1], (size_t)rounds, sizeof t[1][0], cmp_long);
    NOTE("time to first byte over loopback, median of %d: full handshake %ld us, 0-RTT resumption %ld us",
         rounds, t[0][rounds / 2], t[1][rounds / 2]);
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
}

/* a client and a server over memory BIOs (non-blocking): one full handshake brings a
 * ticket; the next connection's early data is read with SSL_read_early_data between
 * SSL_ERROR_WANT_READs, and both ends report it accepted */
SCENARIO(early_data_memory_bios)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL_SESSION *sess = NULL;
    int round, i, rc, rs, r;
    size_t n, got;
    char buf[256];
    CHECK_INT(SSL_CTX_set_max_early_data(sctx, 1000), 1);
    for (round = 0; round < 2; round++) {
        SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
        BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
        BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
        REQUIRE(c && s && c_in && c_out && s_in && s_out);
        SSL_set_bio(c, c_in, c_out);
        SSL_set_bio(s, s_in, s_out);
        SSL_set_connect_state(c);
        SSL_set_accept_state(s);
        CHECK_INT(SSL_set_tlsext_host_name(c, "localhost"), 1);
        if (round == 1) {
            REQUIRE(SSL_set_session(c, sess) == 1);
            CHECK_INT(SSL_write_early_data(c, "early bird", 10, &n), 1);
            CHECK_INT(n, 10);
        }
        got = 0;
        rc = rs = 0;
        r = SSL_READ_EARLY_DATA_ERROR;
        for (i = 0; i < 20 && (rc != 1 || r != SSL_READ_EARLY_DATA_FINISH); i++) {
            shuttle(c_out, s_in);
            while (r != SSL_READ_EARLY_DATA_FINISH
                   && (r = SSL_read_early_data(s, buf + got, sizeof buf - 1 - got, &n)) == SSL_READ_EARLY_DATA_SUCCESS)
                got += n;
            if (r == SSL_READ_EARLY_DATA_ERROR)
                CHECK_SSL_ERROR(s, -1, SSL_ERROR_WANT_READ);
            shuttle(s_out, c_in);
            if (rc != 1)
                rc = SSL_do_handshake(c);
        }
        shuttle(c_out, s_in);
        rs = SSL_do_handshake(s); /* OpenSSL's server reads the client's Finished here */
        CHECK(rc == 1 && rs == 1 && r == SSL_READ_EARLY_DATA_FINISH);
        buf[got] = '\0';
        CHECK_STR(buf, round == 1 ? "early bird" : "");
        CHECK_INT(SSL_get_early_data_status(s), round == 1 ? SSL_EARLY_DATA_ACCEPTED : SSL_EARLY_DATA_NOT_SENT);
        CHECK_INT(SSL_get_early_data_status(c), round == 1 ? SSL_EARLY_DATA_ACCEPTED : SSL_EARLY_DATA_NOT_SENT);
        CHECK_INT(SSL_session_reused(c), round);
        /* data after the handshake brings the ticket */
        CHECK_INT(SSL_write(s, "later", 5), 5);
        shuttle(s_out, c_in);
        CHECK_INT(SSL_read(c, buf, sizeof buf), 5);
        SSL_SESSION_free(sess);
        sess = SSL_get1_session(c);
        CHECK(round == 1 || SSL_SESSION_get_max_early_data(sess) == 1000);
        SSL_shutdown(c); /* (OpenSSL drops a session not shut down from its caches) */
        SSL_shutdown(s);
        SSL_free(c);
        SSL_free(s);
    }
    CHECK_NO_ERR();
    SSL_SESSION_free(sess);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

TEST_MAIN(S(key_update_errors), S(key_update_vs_s_server), S(key_update_vs_s_client), S(key_update_many), S(key_update_flood),
          S(sslkeylogfile), S(ocsp_client_tls13), S(ocsp_client_tls12), S(ocsp_client_not_asked),
          S(ocsp_client_refuses), S(ocsp_client_garbage), S(ocsp_server), S(ocsp_server_tls12),
          S(ocsp_server_not_asked), S(ocsp_server_noack), S(ocsp_server_fatal), S(ocsp_server_garbage),
          S(record_padding), S(cert_comp_server_rsa), S(cert_comp_server_ecdsa), S(cert_comp_client),
          S(cert_comp_client_auth), S(cert_comp_api), S(early_data_client_vs_s_server),
          S(early_data_server_vs_s_client), S(early_data_ttfb), S(early_data_memory_bios))
