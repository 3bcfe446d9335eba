/* bio-callbacks: a TLS client and server in one process, talking through user-defined BIOs.
 *
 *   bio-callbacks CERT KEY CAFILE
 *
 * Each SSL gets one BIO made from our own BIO_METHOD (BIO_meth_new + read/write/ctrl/
 * create/destroy callbacks). Its data (BIO_set_data/BIO_get_data) points at two in-memory
 * byte queues: writes append to the peer's inbox, reads drain our own inbox, and an empty
 * inbox means "try again" (BIO_set_retry_read + -1), which the SSL reports as
 * SSL_ERROR_WANT_READ. main() steps both sides until the handshake is done, exchanges a
 * request and a response, then both send close_notify. Exits 0 on success. */
#include "tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct queue {
    unsigned char data[65536];
    size_t len;
    unsigned long total;
};

struct endpoint {
    const char *name;
    struct queue *inbox, *outbox;
    int reads, retries, writes, ctrls, destroyed;
};

static int q_read(BIO *b, char *out, int outl)
{
    struct endpoint *ep = BIO_get_data(b);
    size_t n;
    BIO_clear_retry_flags(b);
    if (ep == NULL || outl < 0)
        return -1;
    ep->reads++;
    if (ep->inbox->len == 0) {
        ep->retries++;
        BIO_set_retry_read(b);
        return -1;
    }
    n = ep->inbox->len < (size_t)outl ? ep->inbox->len : (size_t)outl;
    memcpy(out, ep->inbox->data, n);
    memmove(ep->inbox->data, ep->inbox->data + n, ep->inbox->len - n);
    ep->inbox->len -= n;
    return (int)n;
}

static int q_write(BIO *b, const char *in, int inl)
{
    struct endpoint *ep = BIO_get_data(b);
    size_t room;
    BIO_clear_retry_flags(b);
    if (ep == NULL || inl < 0)
        return -1;
    ep->writes++;
    room = sizeof ep->outbox->data - ep->outbox->len;
    if (room == 0) {
        BIO_set_retry_write(b);
        return -1;
    }
    if ((size_t)inl < room)
        room = (size_t)inl;
    memcpy(ep->outbox->data + ep->outbox->len, in, room);
    ep->outbox->len += room;
    ep->outbox->total += room;
    return (int)room;
}

static long q_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    struct endpoint *ep = BIO_get_data(b);
    (void)num;
    (void)ptr;
    if (ep != NULL)
        ep->ctrls++;
    /* like cl+ssl: answer FLUSH only, 0 for everything else */
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int q_create(BIO *b)
{
    BIO_set_data(b, NULL);
    BIO_set_init(b, 1);
    return 1;
}

static int q_destroy(BIO *b)
{
    struct endpoint *ep = BIO_get_data(b);
    if (ep != NULL)
        ep->destroyed++;
    BIO_set_data(b, NULL);
    BIO_set_init(b, 0);
    return 1;
}

static int fail(const char *what)
{
    fprintf(stderr, "bio-callbacks: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    return 1;
}

/* one step of a side: returns 1 done, 0 wants more, -1 error */
static int step(SSL *ssl, const char *name)
{
    int rc = SSL_do_handshake(ssl), err;
    if (rc == 1)
        return 1;
    err = SSL_get_error(ssl, rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)
        return 0;
    fprintf(stderr, "bio-callbacks: %s handshake: SSL_get_error=%d\n", name, err);
    return -1;
}

int main(int argc, char **argv)
{
    static struct queue c2s, s2c;
    struct endpoint cli = {"client", &s2c, &c2s, 0, 0, 0, 0, 0};
    struct endpoint srv = {"server", &c2s, &s2c, 0, 0, 0, 0, 0};
    BIO_METHOD *meth;
    BIO *cb, *sb;
    SSL_CTX *cctx, *sctx;
    SSL *c, *s;
    char buf[256];
    int rounds = 0, cdone = 0, sdone = 0, n, rc;

    if (argc != 4) {
        fprintf(stderr, "usage: bio-callbacks CERT KEY CAFILE\n");
        return 2;
    }
    meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "ferrossl example queue");
    if (meth == NULL || BIO_meth_set_read(meth, q_read) != 1 || BIO_meth_set_write(meth, q_write) != 1
        || BIO_meth_set_ctrl(meth, q_ctrl) != 1 || BIO_meth_set_create(meth, q_create) != 1
        || BIO_meth_set_destroy(meth, q_destroy) != 1)
        return fail("BIO_meth_*");

    sctx = SSL_CTX_new(TLS_server_method());
    cctx = SSL_CTX_new(TLS_client_method());
    if (sctx == NULL || cctx == NULL)
        return fail("SSL_CTX_new");
    if (SSL_CTX_use_certificate_chain_file(sctx, argv[1]) != 1
        || SSL_CTX_use_PrivateKey_file(sctx, argv[2], SSL_FILETYPE_PEM) != 1)
        return fail("loading the server certificate");
    if (SSL_CTX_load_verify_locations(cctx, argv[3], NULL) != 1)
        return fail("SSL_CTX_load_verify_locations");
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);

    c = SSL_new(cctx);
    s = SSL_new(sctx);
    cb = BIO_new(meth);
    sb = BIO_new(meth);
    if (c == NULL || s == NULL || cb == NULL || sb == NULL)
        return fail("SSL_new/BIO_new");
    BIO_set_data(cb, &cli);
    BIO_set_data(sb, &srv);
    SSL_set_bio(c, cb, cb); /* one BIO for both directions: SSL takes one reference */
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (SSL_set_tlsext_host_name(c, "localhost") != 1 || SSL_set1_host(c, "localhost") != 1)
        return fail("setting the server name");

    while (!(cdone && sdone)) {
        if (++rounds > 50) {
            fprintf(stderr, "bio-callbacks: handshake does not converge\n");
            return 1;
        }
        if (!cdone && (cdone = step(c, "client")) < 0)
            return fail("client handshake");
        if (!sdone && (sdone = step(s, "server")) < 0)
            return fail("server handshake");
    }
    printf("handshake: %d rounds, %s %s, verify %s\n", rounds, SSL_get_version(c),
           SSL_CIPHER_get_name(SSL_get_current_cipher(c)),
           SSL_get_verify_result(c) == X509_V_OK ? "ok" : "FAILED");

    if (SSL_write(c, "ping from client", 16) != 16)
        return fail("client SSL_write");
    n = SSL_read(s, buf, sizeof buf - 1);
    if (n != 16)
        return fail("server SSL_read");
    buf[n] = '\0';
    printf("server got: %s\n", buf);
    if (SSL_write(s, "pong from server", 16) != 16)
        return fail("server SSL_write");
    n = SSL_read(c, buf, sizeof buf - 1);
    if (n != 16)
        return fail("client SSL_read");
    buf[n] = '\0';
    printf("client got: %s\n", buf);

    rc = SSL_shutdown(c); /* sends close_notify: 0 = not yet received the server's */
    if (rc != 0)
        return fail("client SSL_shutdown (first)");
    n = SSL_read(s, buf, sizeof buf);
    if (n != 0 || SSL_get_error(s, n) != SSL_ERROR_ZERO_RETURN)
        return fail("server seeing close_notify");
    if (SSL_shutdown(s) != 1)
        return fail("server SSL_shutdown");
    if (SSL_shutdown(c) != 1)
        return fail("client SSL_shutdown (second)");
    printf("shutdown: both close_notify exchanged\n");
    printf("bytes: client->server %lu, server->client %lu\n", c2s.total, s2c.total);
    printf("client bio: %d reads (%d would block), %d writes; server bio: %d reads (%d would block), %d writes\n",
           cli.reads, cli.retries, cli.writes, srv.reads, srv.retries, srv.writes);

    SSL_free(c);
    SSL_free(s);
    if (cli.destroyed != 1 || srv.destroyed != 1) {
        fprintf(stderr, "bio-callbacks: BIO destroy callbacks: client %d, server %d (want 1 each)\n",
                cli.destroyed, srv.destroyed);
        return 1;
    }
    printf("bios destroyed: yes\n");
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    BIO_meth_free(meth);
    return 0;
}
