/* victim.c: a ferrossl endpoint for the hostile-peer tests (tests/hostile/hostile.py).
 *
 *   victim server CERT KEY      listens on 127.0.0.1:0, prints "listening PORT", then
 *                               serves connections one at a time: SSL_accept, echo
 *                               every SSL_read back, until a client sends "QUIT".
 *   victim client PORT CAFILE [tls12]
 *                               one connection: SSL_connect (verifying "localhost"),
 *                               SSL_write "hello\n", SSL_read until it fails.
 *
 * Every library call that ends a phase prints one line: the return value, SSL_get_error
 * and the reasons on the error queue, e.g.
 *   conn 3 accept ret=-1 err=1 reasons=[decode error]
 * Sockets have 5 s receive/send timeouts so a silent peer cannot hold the victim. */
#include "tls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void reasons(char *out, size_t cap)
{
    unsigned long e;
    size_t used = 0;
    out[0] = 0;
    while ((e = ERR_get_error()) != 0) {
        const char *r = ERR_reason_error_string(e);
        char buf[256];
        if (r == NULL) {
            ERR_error_string_n(e, buf, sizeof buf);
            r = buf;
        }
        used += (size_t)snprintf(out + used, used < cap ? cap - used : 0, "%s%s", used ? "|" : "", r);
        if (used >= cap)
            break;
    }
}

static void report(const char *what, int conn, SSL *ssl, int ret)
{
    char rs[1024];
    int err = SSL_get_error(ssl, ret);
    reasons(rs, sizeof rs);
    printf("conn %d %s ret=%d err=%d reasons=[%s]\n", conn, what, ret, err, rs);
    fflush(stdout);
}

static void timeouts(int fd)
{
    struct timeval tv = {5, 0};
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int serve(const char *certf, const char *keyf)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1, conn = 0, quit = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, certf) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, keyf, SSL_FILETYPE_PEM) != 1) {
        ERR_print_errors_fp(stderr);
        return 2;
    }
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 16) != 0
        || getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
        perror("listen");
        return 2;
    }
    printf("listening %d\n", ntohs(a.sin_port));
    fflush(stdout);
    while (!quit) {
        char buf[4096];
        int fd = accept(lfd, NULL, NULL), r;
        SSL *ssl;
        if (fd < 0)
            continue;
        conn++;
        timeouts(fd);
        ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        r = SSL_accept(ssl);
        report("accept", conn, ssl, r);
        if (r == 1) {
            printf("conn %d version=%s\n", conn, SSL_get_version(ssl));
            for (;;) {
                r = SSL_read(ssl, buf, sizeof buf - 1);
                if (r <= 0) {
                    report("read", conn, ssl, r);
                    break;
                }
                buf[r] = 0;
                if (strncmp(buf, "QUIT", 4) == 0)
                    quit = 1;
                r = SSL_write(ssl, buf, r);
                if (r <= 0) {
                    report("write", conn, ssl, r);
                    break;
                }
            }
            if (SSL_get_error(ssl, r) == SSL_ERROR_ZERO_RETURN || quit) {
                r = SSL_shutdown(ssl);
                report("shutdown", conn, ssl, r);
            }
        }
        SSL_free(ssl);
        close(fd);
        printf("conn %d done\n", conn);
        fflush(stdout);
    }
    close(lfd);
    SSL_CTX_free(ctx);
    return 0;
}

static int client(int port, const char *cafile, int tls12)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), r;
    char buf[4096];
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl;
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1) {
        ERR_print_errors_fp(stderr);
        return 2;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (tls12)
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        return 2;
    }
    timeouts(fd);
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    r = SSL_connect(ssl);
    report("connect", 1, ssl, r);
    if (r == 1) {
        printf("conn 1 version=%s\n", SSL_get_version(ssl));
        r = SSL_write(ssl, "hello\n", 6);
        report("write", 1, ssl, r);
        for (;;) {
            r = SSL_read(ssl, buf, sizeof buf - 1);
            if (r <= 0) {
                report("read", 1, ssl, r);
                break;
            }
            buf[r] = 0;
            printf("conn 1 data=%d\n", r);
        }
        if (SSL_get_error(ssl, r) == SSL_ERROR_ZERO_RETURN)
            report("shutdown", 1, ssl, SSL_shutdown(ssl));
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fd);
    printf("conn 1 done\n");
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 4 && strcmp(argv[1], "server") == 0)
        return serve(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "client") == 0)
        return client(atoi(argv[2]), argv[3], argc > 4 && strcmp(argv[4], "tls12") == 0);
    fprintf(stderr, "usage: victim server CERT KEY | victim client PORT CAFILE [tls12]\n");
    return 2;
}
