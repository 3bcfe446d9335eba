/* t_threads.c: ferrossl under threads (run by tests/threads/run.sh).
 *
 *   shared_ctx      one client SSL_CTX and one server SSL_CTX shared by 8 threads; each
 *                   thread runs ITER connections (in-memory BIO pairs, TLS 1.3 and 1.2):
 *                   handshake, 16 KiB each way, resumption with the previous session,
 *                   close_notify both ways.
 *   err_isolation   8 threads push their own errors and real failures in lock-step; each
 *                   thread's ERR queue holds exactly its own entries, never another's.
 *   verify_cb_frees_ssl
 *                   cl+ssl's case: the verify callback SSL_free()s the SSL it is verifying
 *                   (the application's only reference); SSL_connect must return without
 *                   touching freed memory, and the next connections on the same SSL_CTX work.
 *   bio_cb_frees_ssl
 *                   the same from inside a user BIO's read callback.
 *   ctx_freed_while_in_use
 *                   SSL_CTX_free right after SSL_new: the SSLs keep it alive (refcount).
 *
 * Checks happen on the main thread (helpers.h counters are not thread-safe); workers
 * count their own failures. ITER (env FERROSSL_THREAD_ITER, default 20) is lowered under
 * valgrind. */
#define TEST_TIMEOUT 240
#include "helpers.h"

#include <pthread.h>

#define NTHREADS 8

static SSL_CTX *g_client, *g_client12, *g_server;
static int g_iter = 20;

struct pair {
    SSL *c, *s;
};

/* a client and a server SSL joined by a BIO pair */
static struct pair make_pair(SSL_CTX *cctx, SSL_CTX *sctx)
{
    struct pair p;
    BIO *a = NULL, *b = NULL;
    p.c = SSL_new(cctx);
    p.s = SSL_new(sctx);
    BIO_new_bio_pair(&a, 0, &b, 0);
    SSL_set_bio(p.c, a, a);
    SSL_set_bio(p.s, b, b);
    SSL_set_connect_state(p.c);
    SSL_set_accept_state(p.s);
    SSL_set_tlsext_host_name(p.c, "localhost");
    SSL_set1_host(p.c, "localhost");
    return p;
}

/* drives both ends until each `done(ssl)` or a hard error; returns 1 if both finished */
static int drive_handshake(struct pair *p)
{
    int i, cd = 0, sd = 0;
    for (i = 0; i < 100 && !(cd && sd); i++) {
        if (!cd) {
            int r = SSL_do_handshake(p->c);
            if (r == 1)
                cd = 1;
            else if (SSL_get_error(p->c, r) != SSL_ERROR_WANT_READ && SSL_get_error(p->c, r) != SSL_ERROR_WANT_WRITE)
                return 0;
        }
        if (!sd) {
            int r = SSL_do_handshake(p->s);
            if (r == 1)
                sd = 1;
            else if (SSL_get_error(p->s, r) != SSL_ERROR_WANT_READ && SSL_get_error(p->s, r) != SSL_ERROR_WANT_WRITE)
                return 0;
        }
    }
    return cd && sd;
}

/* writes `n` bytes from `from` and reads them at `to`, interleaving (BIO pair capacity is small) */
static int transfer(SSL *from, SSL *to, const unsigned char *data, int n)
{
    static __thread unsigned char got[1 << 15];
    int sent = 0, recvd = 0, spins = 0;
    while (recvd < n && spins++ < 10000) {
        if (sent < n) {
            int r = SSL_write(from, data + sent, n - sent > 4096 ? 4096 : n - sent);
            if (r > 0)
                sent += r;
            else if (SSL_get_error(from, r) != SSL_ERROR_WANT_WRITE && SSL_get_error(from, r) != SSL_ERROR_WANT_READ)
                return 0;
        }
        for (;;) {
            int r = SSL_read(to, got + recvd, (int)sizeof got - recvd);
            if (r > 0) {
                recvd += r;
                continue;
            }
            if (SSL_get_error(to, r) != SSL_ERROR_WANT_READ)
                return 0;
            break;
        }
    }
    return recvd == n && memcmp(got, data, (size_t)n) == 0;
}

struct worker {
    int id, failures, resumed, handshakes;
    char why[200];
};

#define WFAIL(w, ...) do { (w)->failures++; snprintf((w)->why, sizeof (w)->why, __VA_ARGS__); } while (0)

static void *conn_worker(void *arg)
{
    struct worker *w = arg;
    SSL_SESSION *sess = NULL;
    unsigned char data[16384];
    int i;
    for (i = 0; i < (int)sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + w->id);
    for (i = 0; i < g_iter; i++) {
        /* odd threads: TLS 1.2 (a second shared client context, capped at 1.2) */
        struct pair p = make_pair(w->id % 2 ? g_client12 : g_client, g_server);
        if (sess != NULL && i % 2 == 1)
            SSL_set_session(p.c, sess);
        if (!drive_handshake(&p)) {
            WFAIL(w, "handshake %d failed: %lx", i, ERR_peek_error());
        } else {
            w->handshakes++;
            if (SSL_session_reused(p.c))
                w->resumed++;
            if (!transfer(p.c, p.s, data, sizeof data) || !transfer(p.s, p.c, data, sizeof data))
                WFAIL(w, "transfer %d failed", i);
            if (SSL_get_verify_result(p.c) != X509_V_OK)
                WFAIL(w, "verify result %ld", SSL_get_verify_result(p.c));
            /* TLS 1.3 tickets arrive with the server's data: take the session now */
            SSL_SESSION_free(sess);
            sess = SSL_get1_session(p.c);
            if (SSL_shutdown(p.c) < 0 || SSL_shutdown(p.s) < 0)
                WFAIL(w, "shutdown %d failed", i);
        }
        ERR_clear_error();
        SSL_free(p.c);
        SSL_free(p.s);
    }
    SSL_SESSION_free(sess);
    return NULL;
}

static void load_ctxs(void)
{
    char *it = getenv("FERROSSL_THREAD_ITER");
    if (it)
        g_iter = atoi(it);
    g_client = client_ctx(cert("ca.pem"));
    g_server = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    g_client12 = client_ctx(cert("ca.pem"));
    SSL_CTX_set_max_proto_version(g_client12, TLS1_2_VERSION);
}

static void free_ctxs(void)
{
    SSL_CTX_free(g_client);
    SSL_CTX_free(g_client12);
    SSL_CTX_free(g_server);
}

SCENARIO(shared_ctx)
{
    pthread_t t[NTHREADS];
    struct worker w[NTHREADS];
    int i, total = 0, resumed = 0;
    load_ctxs();
    for (i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        REQUIRE(pthread_create(&t[i], NULL, conn_worker, &w[i]) == 0);
    }
    for (i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
        check_(w[i].failures == 0, __LINE__, "thread %d: %d handshakes, %d resumed, %d failures %s", i,
               w[i].handshakes, w[i].resumed, w[i].failures, w[i].why);
        total += w[i].handshakes;
        resumed += w[i].resumed;
    }
    CHECK_INT(total, NTHREADS * g_iter);
    for (i = 0; i < NTHREADS; i++)
        check_(w[i].resumed == g_iter / 2, __LINE__, "thread %d (%s) resumed every other connection (%d of %d)", i,
               i % 2 ? "TLS 1.2" : "TLS 1.3", w[i].resumed, g_iter / 2);
    free_ctxs();
}

static pthread_barrier_t g_bar;

static void *err_worker(void *arg)
{
    struct worker *w = arg;
    int round;
    for (round = 0; round < 50; round++) {
        unsigned long e;
        int n = 0;
        /* our own marker: a distinct (lib, reason) per thread */
        ERR_put_error(ERR_LIB_SSL, 0, 1000 + w->id, __FILE__, __LINE__);
        pthread_barrier_wait(&g_bar);
        /* a real failure too: loading a missing file */
        if (SSL_CTX_use_certificate_file(g_server, "/nonexistent/ferrossl", SSL_FILETYPE_PEM) == 1)
            WFAIL(w, "loading a missing file succeeded");
        pthread_barrier_wait(&g_bar);
        while ((e = ERR_get_error()) != 0) {
            n++;
            if (n == 1 && ERR_GET_REASON(e) != 1000 + w->id)
                WFAIL(w, "round %d: first entry has reason %d, not ours (%d)", round, ERR_GET_REASON(e), 1000 + w->id);
            if (ERR_GET_REASON(e) >= 1000 && ERR_GET_REASON(e) < 1000 + NTHREADS && ERR_GET_REASON(e) != 1000 + w->id)
                WFAIL(w, "round %d: another thread's entry (reason %d) in our queue", round, ERR_GET_REASON(e));
        }
        if (n < 2)
            WFAIL(w, "round %d: only %d entries", round, n);
        pthread_barrier_wait(&g_bar);
    }
    return NULL;
}

SCENARIO(err_isolation)
{
    pthread_t t[NTHREADS];
    struct worker w[NTHREADS];
    int i;
    load_ctxs();
    ERR_put_error(ERR_LIB_SSL, 0, 999, __FILE__, __LINE__); /* main thread's own entry */
    pthread_barrier_init(&g_bar, NULL, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        REQUIRE(pthread_create(&t[i], NULL, err_worker, &w[i]) == 0);
    }
    for (i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
        check_(w[i].failures == 0, __LINE__, "thread %d: error queue isolated (%d failures %s)", i, w[i].failures, w[i].why);
    }
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), 999);
    CHECK_INT(ERR_get_error(), 0);
    pthread_barrier_destroy(&g_bar);
    free_ctxs();
}

/* ---- callbacks that free their own SSL ---------------------------------------------- */

static int g_cb_calls;

static int verify_frees(int ok, X509_STORE_CTX *x)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
    g_cb_calls++;
    if (ssl != NULL && g_cb_calls == 1)
        SSL_free(ssl); /* the application's only reference, as cl+ssl does on an error unwind */
    (void)ok;
    return 0;
}

/* one good in-memory connection on the shared contexts */
static int good_connection(void)
{
    struct pair p = make_pair(g_client, g_server);
    int ok = drive_handshake(&p);
    ok = ok && transfer(p.c, p.s, (const unsigned char *)"ping", 4);
    SSL_free(p.c);
    SSL_free(p.s);
    ERR_clear_error();
    return ok;
}

SCENARIO(verify_cb_frees_ssl)
{
    SSL_CTX *cctx;
    struct pair p;
    int r, i;
    load_ctxs();
    cctx = client_ctx(cert("ca.pem"));
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, verify_frees);
    p = make_pair(cctx, g_server);
    for (i = 0; i < 10; i++) {
        r = SSL_do_handshake(p.c); /* the callback frees p.c during one of these calls */
        if (g_cb_calls > 0)
            break;
        SSL_do_handshake(p.s);
    }
    check_(g_cb_calls == 1, __LINE__, "verify callback ran once and freed its SSL (calls %d, last ret %d)", g_cb_calls, r);
    /* p.c is gone (never touched again); the server side fails or waits */
    r = SSL_do_handshake(p.s);
    NOTE("server side after the client vanished: %d", r);
    SSL_free(p.s);
    ERR_clear_error();
    for (i = 0; i < 3; i++)
        check_(good_connection(), __LINE__, "connection %d on the same contexts afterwards", i + 1);
    SSL_CTX_free(cctx);
    free_ctxs();
}

static SSL *g_victim;
static BIO *g_inner; /* the real transport under the user BIO */

static int ubio_read(BIO *b, char *buf, int len)
{
    int r;
    g_cb_calls++;
    if (g_cb_calls == 1 && g_victim != NULL) {
        SSL *s = g_victim;
        g_victim = NULL;
        SSL_free(s); /* frees the SSL, which owns this BIO, from inside its read */
    }
    BIO_clear_retry_flags(b);
    r = BIO_read(g_inner, buf, len);
    if (r <= 0)
        BIO_set_retry_read(b);
    return r;
}

static int ubio_write(BIO *b, const char *buf, int len)
{
    (void)b;
    return BIO_write(g_inner, buf, len);
}

static long ubio_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    (void)b; (void)larg; (void)parg;
    return cmd == BIO_CTRL_FLUSH;
}

static int ubio_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}

SCENARIO(bio_cb_frees_ssl)
{
    BIO_METHOD *m;
    BIO *ub, *peer = NULL;
    SSL *s;
    int r, i;
    load_ctxs();
    m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "frees-its-ssl");
    BIO_meth_set_read(m, ubio_read);
    BIO_meth_set_write(m, ubio_write);
    BIO_meth_set_ctrl(m, ubio_ctrl);
    BIO_meth_set_create(m, ubio_create);
    REQUIRE(BIO_new_bio_pair(&g_inner, 0, &peer, 0) == 1);
    ub = BIO_new(m);
    REQUIRE(ub != NULL);
    g_victim = SSL_new(g_client);
    SSL_set_bio(g_victim, ub, ub);
    SSL_set_connect_state(g_victim);
    s = SSL_new(g_server);
    SSL_set_bio(s, peer, peer);
    SSL_set_accept_state(s);
    r = SSL_do_handshake(g_victim); /* reads once: the callback frees the SSL */
    check_(g_cb_calls >= 1 && g_victim == NULL, __LINE__, "BIO read callback freed its SSL (calls %d, SSL_do_handshake %d)", g_cb_calls, r);
    for (i = 0; i < 3; i++)
        SSL_do_handshake(s);
    SSL_free(s);
    BIO_free(g_inner);
    BIO_meth_free(m);
    ERR_clear_error();
    for (i = 0; i < 3; i++)
        check_(good_connection(), __LINE__, "connection %d on the same contexts afterwards", i + 1);
    free_ctxs();
}

SCENARIO(ctx_freed_while_in_use)
{
    struct pair p;
    load_ctxs();
    p = make_pair(g_client, g_server);
    SSL_CTX_free(g_client); /* the SSLs hold their own references */
    SSL_CTX_free(g_server);
    CHECK(drive_handshake(&p));
    CHECK(transfer(p.c, p.s, (const unsigned char *)"still here", 10));
    CHECK(SSL_get_SSL_CTX(p.c) != NULL);
    SSL_free(p.c);
    SSL_free(p.s);
}

/* resumption when the SSL (not the context) caps the version: the first connection's
 * session must be resumable by the next SSL with the same setting */
SCENARIO(resume_with_ssl_override)
{
    SSL_SESSION *sess = NULL;
    int i, version;
    load_ctxs();
    for (version = TLS1_2_VERSION; version <= TLS1_3_VERSION; version++) {
        for (i = 0; i < 3; i++) {
            struct pair p = make_pair(g_client, g_server);
            char buf[8];
            SSL_set_max_proto_version(p.c, version);
            if (sess != NULL)
                SSL_set_session(p.c, sess);
            REQUIRE(drive_handshake(&p));
            SSL_write(p.s, "x", 1);
            SSL_read(p.c, buf, sizeof buf);
            check_(SSL_session_reused(p.c) == (i > 0), __LINE__, "%s connection %d: SSL_session_reused == %d (got %d)",
                   version == TLS1_3_VERSION ? "TLS 1.3" : "TLS 1.2", i + 1, i > 0, SSL_session_reused(p.c));
            SSL_SESSION_free(sess);
            sess = SSL_get1_session(p.c);
            SSL_shutdown(p.c);
            SSL_shutdown(p.s);
            SSL_free(p.c);
            SSL_free(p.s);
        }
        SSL_SESSION_free(sess);
        sess = NULL;
    }
    free_ctxs();
}

TEST_MAIN(S(shared_ctx), S(resume_with_ssl_override), S(err_isolation), S(verify_cb_frees_ssl), S(bio_cb_frees_ssl), S(ctx_freed_while_in_use))
