/* t_resource.c: a ferrossl server under load and abuse (run by tests/resource/run.sh).
 *
 * The server is an ordinary non-blocking poll() loop in its own thread (one SSL per
 * connection, SSL_accept then echo), as an application would write it.
 *
 *   parallel_handshakes  20 slowloris clients (a ClientHello at one byte a second, never
 *                        finishing) and 20 half-open ones (connect, send nothing) are
 *                        connected first; then 200 ferrossl clients handshake in parallel,
 *                        each sends "ping" and waits for the echo. All 200 must be served
 *                        within the timeout while the abusive ones stay connected; the
 *                        memory for 200 idle established pairs stays bounded per connection.
 *   bounded_output       a peer that never reads: SSL_write on a non-blocking socket must
 *                        stop with SSL_ERROR_WANT_WRITE (not buffer without end).
 *   bounded_input        a peer floods 32 MiB while the application reads 1 byte: the
 *                        library must not pull the whole stream into memory.
 */
#define TEST_TIMEOUT 120
#include "helpers.h"

#include <pthread.h>

#define NPARALLEL 200
#define NSLOW 20
#define NHALF 20
#define MAXC 1024

static SSL_CTX *g_sctx, *g_cctx;
static int g_port, g_lfd;
static volatile int g_stop;
static volatile int g_served, g_open;

static long rss_kb(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

struct sconn {
    int fd;
    SSL *ssl;
    int established;
};

static void *server_thread(void *arg)
{
    static struct sconn c[MAXC];
    static struct pollfd pfd[MAXC + 1];
    int n = 0, i;
    (void)arg;
    while (!g_stop) {
        pfd[0].fd = g_lfd;
        pfd[0].events = POLLIN;
        for (i = 0; i < n; i++) {
            int e = SSL_get_error(c[i].ssl, -1);
            pfd[i + 1].fd = c[i].fd;
            pfd[i + 1].events = (short)(e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN);
            pfd[i + 1].revents = 0;
        }
        if (poll(pfd, (nfds_t)n + 1, 100) < 0)
            continue;
        if (pfd[0].revents & POLLIN) {
            int fd;
            while (n < MAXC && (fd = accept(g_lfd, NULL, NULL)) >= 0) {
                set_nonblocking(fd);
                c[n].fd = fd;
                c[n].ssl = SSL_new(g_sctx);
                c[n].established = 0;
                SSL_set_fd(c[n].ssl, fd);
                SSL_set_accept_state(c[n].ssl);
                n++;
                g_open = n;
            }
        }
        for (i = n - 1; i >= 0; i--) {
            int r, e, dead = 0;
            char buf[4096];
            if (!(pfd[i + 1].revents & (POLLIN | POLLOUT | POLLHUP | POLLERR)))
                continue;
            if (!c[i].established) {
                r = SSL_accept(c[i].ssl);
                if (r == 1) {
                    c[i].established = 1;
                } else {
                    e = SSL_get_error(c[i].ssl, r);
                    dead = e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE;
                }
            }
            if (c[i].established && !dead) {
                for (;;) {
                    r = SSL_read(c[i].ssl, buf, sizeof buf);
                    if (r > 0) {
                        if (SSL_write(c[i].ssl, buf, r) == r)
                            g_served++;
                        continue;
                    }
                    e = SSL_get_error(c[i].ssl, r);
                    dead = e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE;
                    break;
                }
            }
            if (dead) {
                ERR_clear_error();
                SSL_free(c[i].ssl);
                close(c[i].fd);
                c[i] = c[n - 1];
                n--;
                g_open = n;
            }
        }
    }
    for (i = 0; i < n; i++) {
        SSL_free(c[i].ssl);
        close(c[i].fd);
    }
    return NULL;
}

static pthread_t g_server;

static void start_server(void)
{
    g_sctx = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    g_cctx = client_ctx(cert("ca.pem"));
    g_lfd = tcp_listen(&g_port);
    listen(g_lfd, 512);
    set_nonblocking(g_lfd);
    REQUIRE(pthread_create(&g_server, NULL, server_thread, NULL) == 0);
}

static void stop_server(void)
{
    g_stop = 1;
    pthread_join(g_server, NULL);
    close(g_lfd);
    SSL_CTX_free(g_sctx);
    SSL_CTX_free(g_cctx);
}

/* ---- abusive clients ---- */
static int g_slow[NSLOW], g_half[NHALF];

static void *slowloris(void *arg)
{
    static const unsigned char hello[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03};
    size_t k;
    int i;
    (void)arg;
    for (k = 0; k < sizeof hello && !g_stop; k++) {
        for (i = 0; i < NSLOW; i++)
            if (g_slow[i] >= 0)
                (void)!send(g_slow[i], hello + k, 1, MSG_NOSIGNAL);
        sleep(1);
    }
    return NULL;
}

struct cconn {
    int fd;
    SSL *ssl;
    int state; /* 0 handshaking, 1 waiting for echo, 2 done, 3 failed */
    long t0, t1;
};

SCENARIO(parallel_handshakes)
{
    static struct cconn c[NPARALLEL];
    static struct pollfd pfd[NPARALLEL];
    pthread_t slow;
    long start, rss0, rss1, worst = 0;
    int i, done = 0, failed = 0, open_before;
    start_server();
    for (i = 0; i < NSLOW; i++)
        g_slow[i] = tcp_connect(g_port);
    for (i = 0; i < NHALF; i++)
        g_half[i] = tcp_connect(g_port);
    pthread_create(&slow, NULL, slowloris, NULL);
    sleep_ms(1500);
    open_before = g_open;
    check_(open_before == NSLOW + NHALF, __LINE__, "server holds the %d slow and half-open connections (%d)", NSLOW + NHALF, open_before);
    /* a warm-up connection, so one-time allocations do not count as per-connection memory */
    rss0 = rss_kb();
    start = now_ms();
    for (i = 0; i < NPARALLEL; i++) {
        c[i].fd = tcp_connect(g_port);
        set_nonblocking(c[i].fd);
        c[i].ssl = SSL_new(g_cctx);
        SSL_set_fd(c[i].ssl, c[i].fd);
        SSL_set_tlsext_host_name(c[i].ssl, "localhost");
        SSL_set1_host(c[i].ssl, "localhost");
        SSL_set_connect_state(c[i].ssl);
        c[i].state = 0;
        c[i].t0 = now_ms();
    }
    while (done + failed < NPARALLEL && now_ms() - start < 60000) {
        for (i = 0; i < NPARALLEL; i++) {
            pfd[i].fd = c[i].state < 2 ? c[i].fd : -1;
            pfd[i].events = (short)(SSL_get_error(c[i].ssl, -1) == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN);
        }
        poll(pfd, NPARALLEL, 100);
        for (i = 0; i < NPARALLEL; i++) {
            int r, e;
            char buf[16];
            if (c[i].state == 0) {
                r = SSL_connect(c[i].ssl);
                if (r == 1) {
                    c[i].state = 1;
                    SSL_write(c[i].ssl, "ping", 4);
                } else if ((e = SSL_get_error(c[i].ssl, r)) != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    c[i].state = 3;
                    failed++;
                }
            }
            if (c[i].state == 1) {
                r = SSL_read(c[i].ssl, buf, sizeof buf);
                if (r == 4) {
                    c[i].state = 2;
                    c[i].t1 = now_ms();
                    if (c[i].t1 - c[i].t0 > worst)
                        worst = c[i].t1 - c[i].t0;
                    done++;
                } else if ((e = SSL_get_error(c[i].ssl, r)) != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    c[i].state = 3;
                    failed++;
                }
            }
        }
    }
    check_(done == NPARALLEL, __LINE__, "%d parallel clients served while %d abusive clients hold connections (done %d, failed %d, %ld ms, slowest %ld ms)",
           NPARALLEL, NSLOW + NHALF, done, failed, now_ms() - start, worst);
    sleep_ms(300);
    rss1 = rss_kb();
    /* both ends of every connection live in this process: per pair, client + server */
    check_((rss1 - rss0) / NPARALLEL < 200, __LINE__, "memory per established connection pair: %ld KiB (RSS %ld -> %ld KiB)",
           (rss1 - rss0) / NPARALLEL, rss0, rss1);
    check_(g_open == NPARALLEL + NSLOW + NHALF, __LINE__, "server still holds every connection (%d)", g_open);
    for (i = 0; i < NPARALLEL; i++) {
        SSL_free(c[i].ssl);
        close(c[i].fd);
    }
    /* the abusive clients go away without a word */
    for (i = 0; i < NSLOW; i++)
        close(g_slow[i]), g_slow[i] = -1;
    for (i = 0; i < NHALF; i++)
        close(g_half[i]);
    for (i = 0; i < 50 && g_open > 0; i++)
        sleep_ms(100);
    CHECK_INT(g_open, 0);
    g_stop = 1;
    pthread_join(slow, NULL);
    stop_server();
}

/* an established in-process pair over a real loopback TCP connection, both non-blocking */
static void tcp_pair(SSL_CTX *cctx, SSL_CTX *sctx, SSL **c, SSL **s, int *cfd, int *sfd)
{
    int port, lfd = tcp_listen(&port), i;
    *cfd = tcp_connect(port);
    *sfd = tcp_accept(lfd, 5000);
    close(lfd);
    set_nonblocking(*cfd);
    set_nonblocking(*sfd);
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
    SSL_set_fd(*c, *cfd);
    SSL_set_fd(*s, *sfd);
    SSL_set_tlsext_host_name(*c, "localhost");
    SSL_set_connect_state(*c);
    SSL_set_accept_state(*s);
    for (i = 0; i < 1000 && !(SSL_is_init_finished(*c) && SSL_is_init_finished(*s)); i++) {
        SSL_do_handshake(*c);
        SSL_do_handshake(*s);
        sleep_ms(1);
    }
    REQUIRE(SSL_is_init_finished(*c) && SSL_is_init_finished(*s));
}

SCENARIO(bounded_output)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL *c, *s;
    int cfd, sfd, r = 0, e = 0;
    long accepted = 0, rss0, rss1;
    static char chunk[1 << 16];
    tcp_pair(cctx, sctx, &c, &s, &cfd, &sfd);
    rss0 = rss_kb();
    /* the client never reads: how much does SSL_write take before it pushes back? */
    while (accepted < 256L << 20) {
        r = SSL_write(s, chunk, sizeof chunk);
        if (r <= 0)
            break;
        accepted += r;
    }
    e = SSL_get_error(s, r);
    rss1 = rss_kb();
    check_(e == SSL_ERROR_WANT_WRITE, __LINE__, "SSL_write to a peer that never reads stops with WANT_WRITE (got %s after %ld bytes)",
           ssl_error_name(e), accepted);
    check_(accepted < 16L << 20, __LINE__, "bytes accepted before back-pressure: %ld KiB (kernel socket buffers + library)", accepted >> 10);
    check_(rss1 - rss0 < 16 * 1024, __LINE__, "memory growth while blocked: %ld KiB", rss1 - rss0);
    /* once the peer reads, the same SSL_write (same buffer, as OpenSSL requires) completes */
    {
        char buf[1 << 16];
        long got = 0;
        int k;
        for (k = 0; k < 100000 && got < accepted; k++) {
            int n = SSL_read(c, buf, sizeof buf);
            if (n > 0)
                got += n;
            else
                sleep_ms(0);
        }
        CHECK(got == accepted);
        for (k = 0; k < 1000; k++) {
            r = SSL_write(s, chunk, sizeof chunk);
            if (r > 0)
                break;
            while (SSL_read(c, buf, sizeof buf) > 0) {}
        }
        CHECK_INT(r, (int)sizeof chunk);
    }
    SSL_free(c);
    SSL_free(s);
    close(cfd);
    close(sfd);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

struct flood {
    SSL *c;
    long sent;
};

static void *flooder(void *arg)
{
    struct flood *f = arg;
    static char chunk[1 << 14];
    long end = now_ms() + 8000;
    while (f->sent < 32L << 20 && now_ms() < end) {
        int r = SSL_write(f->c, chunk, sizeof chunk);
        if (r > 0)
            f->sent += r;
        else
            sleep_ms(1);
    }
    return NULL;
}

SCENARIO(bounded_input)
{
    SSL_CTX *sctx = server_ctx(cert("server-ecdsa.chain.pem"), cert("server-ecdsa.key"));
    SSL_CTX *cctx = client_ctx(cert("ca.pem"));
    SSL *c, *s;
    int cfd, sfd, i, r = -1;
    long rss0, rss1, pending;
    char b1;
    struct flood f;
    pthread_t t;
    tcp_pair(cctx, sctx, &c, &s, &cfd, &sfd);
    rss0 = rss_kb();
    f.c = c;
    f.sent = 0;
    pthread_create(&t, NULL, flooder, &f);
    for (i = 0; i < 2000 && r <= 0; i++) {
        r = SSL_read(s, &b1, 1); /* the application takes one byte, then stops reading */
        if (r <= 0)
            sleep_ms(1);
    }
    CHECK_INT(r, 1);
    pthread_join(t, NULL); /* the flooder gives up after 8 s of back-pressure */
    for (i = 0; i < 20; i++) {
        SSL_pending(s);
        SSL_has_pending(s);
        SSL_peek(s, &b1, 1); /* peeking must not pull the stream in either */
    }
    pending = SSL_pending(s);
    rss1 = rss_kb();
    check_(f.sent < 24L << 20, __LINE__, "the flooding peer was pushed back (sent %ld KiB of 32 MiB)", f.sent >> 10);
    check_(pending <= 16384, __LINE__, "decrypted bytes held by the library: %ld", pending);
    check_(rss1 - rss0 < 8 * 1024, __LINE__, "memory growth with unread input: %ld KiB", rss1 - rss0);
    SSL_free(c);
    SSL_free(s);
    close(cfd);
    close(sfd);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

TEST_MAIN(S(parallel_handshakes), S(bounded_output), S(bounded_input))
