/* tls-server: a small TLS server on 127.0.0.1, using only the OpenSSL 3 API.
 *
 *   tls-server PORT CERT KEY [--client-ca FILE] [--alpn LIST] [--once | --count N]
 *
 * PORT 0 picks a free port. The first stdout line is always "listening on 127.0.0.1:PORT".
 * CERT may hold a chain (leaf first). With --client-ca the client must present a
 * certificate that verifies against FILE. --alpn gives the server's preference list
 * ("h2,http/1.1"); without overlap the connection goes on without ALPN.
 * Each connection: handshake; if the request starts with "GET " answer a tiny HTTP/1.0
 * page describing the connection, otherwise echo every byte back until the peer closes;
 * then send close_notify. One log line per connection on stdout. */
#include "tls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned char alpn_prefs[256];
static unsigned int alpn_prefs_len;
static char sni_seen[256];

static unsigned int alpn_wire(const char *list, unsigned char *out, size_t cap)
{
    size_t n = 0;
    const char *p = list;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        if (len == 0 || len > 255 || n + 1 + len > cap)
            return 0;
        out[n++] = (unsigned char)len;
        memcpy(out + n, p, len);
        n += len;
        p += len;
        if (*p == ',')
            p++;
    }
    return (unsigned int)n;
}

static int alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    unsigned char *chosen = NULL;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&chosen, outlen, alpn_prefs, alpn_prefs_len, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

static int servername_cb(SSL *ssl, int *alert, void *arg)
{
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    (void)alert;
    (void)arg;
    snprintf(sni_seen, sizeof sni_seen, "%s", name != NULL ? name : "-");
    return SSL_TLSEXT_ERR_OK;
}

static void err_text(char *out, size_t cap)
{
    unsigned long e = ERR_get_error();
    if (e == 0)
        snprintf(out, cap, "no error queued");
    else
        ERR_error_string_n(e, out, cap);
    ERR_clear_error();
}

static int write_all(SSL *ssl, const char *buf, int len)
{
    while (len > 0) {
        int n = SSL_write(ssl, buf, len);
        if (n <= 0)
            return 0;
        buf += n;
        len -= n;
    }
    return 1;
}

static void serve(SSL_CTX *ctx, int fd, unsigned long id)
{
    SSL *ssl = SSL_new(ctx);
    char buf[16384], peer[256] = "-", alpn[256] = "none", page[2048], body[1536], why[256];
    const unsigned char *sel = NULL;
    unsigned int sel_len = 0;
    X509 *cert;
    int n, len = 0, err, body_len;
    long total = 0;
    const char *outcome = "ok";

    strcpy(sni_seen, "-");
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1) {
        err_text(why, sizeof why);
        printf("conn %lu: setup failed: %s\n", id, why);
        SSL_free(ssl);
        return;
    }
    if (SSL_accept(ssl) != 1) {
        err_text(why, sizeof why);
        printf("conn %lu: handshake failed: %s\n", id, why);
        SSL_free(ssl);
        return;
    }
    SSL_get0_alpn_selected(ssl, &sel, &sel_len);
    if (sel_len > 0)
        snprintf(alpn, sizeof alpn, "%.*s", (int)sel_len, (const char *)sel);
    cert = SSL_get1_peer_certificate(ssl);
    if (cert != NULL) {
        X509_NAME_oneline(X509_get_subject_name(cert), peer, sizeof peer);
        X509_free(cert);
    }

    /* read until we know what kind of request this is */
    while (len < 4) {
        n = SSL_read(ssl, buf + len, (int)sizeof buf - 1 - len);
        if (n <= 0)
            break;
        len += n;
    }
    if (len >= 4 && memcmp(buf, "GET ", 4) == 0) {
        buf[len] = '\0';
        /* wait for the end of the request headers (bounded by the buffer) */
        while (strstr(buf, "\r\n\r\n") == NULL && strstr(buf, "\n\n") == NULL && len < (int)sizeof buf - 1) {
            n = SSL_read(ssl, buf + len, (int)sizeof buf - 1 - len);
            if (n <= 0)
                break;
            len += n;
            buf[len] = '\0';
        }
        body_len = snprintf(body, sizeof body,
                            "<html><body><pre>\nferrossl tls-server\nversion: %s\ncipher: %s\nalpn: %s\nsni: %s\npeer: %s\n</pre></body></html>\n",
                            SSL_get_version(ssl), SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)),
                            alpn, sni_seen, peer);
        n = snprintf(page, sizeof page,
                     "HTTP/1.0 200 ok\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
                     body_len, body);
        if (!write_all(ssl, page, n))
            outcome = "write failed";
        total = len;
    } else {
        /* echo: first what we already have, then everything until the peer closes */
        total = len;
        if (len > 0 && !write_all(ssl, buf, len))
            outcome = "write failed";
        while (strcmp(outcome, "ok") == 0) {
            n = SSL_read(ssl, buf, sizeof buf);
            if (n <= 0) {
                err = SSL_get_error(ssl, n);
                if (err != SSL_ERROR_ZERO_RETURN)
                    outcome = "read failed";
                break;
            }
            total += n;
            if (!write_all(ssl, buf, n))
                outcome = "write failed";
        }
    }
    if (strcmp(outcome, "ok") != 0) {
        err_text(why, sizeof why);
        printf("conn %lu: %s %s: %s\n", id, SSL_get_version(ssl), outcome, why);
    } else {
        SSL_shutdown(ssl);
        printf("conn %lu: %s %s alpn=%s sni=%s peer=%s request=%s bytes=%ld\n", id,
               SSL_get_version(ssl), SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), alpn,
               sni_seen, peer, len >= 4 && memcmp(buf, "GET ", 4) == 0 ? "GET" : "echo", total);
    }
    ERR_clear_error();
    SSL_free(ssl);
}

int main(int argc, char **argv)
{
    const char *port = NULL, *cert = NULL, *key = NULL, *client_ca = NULL, *alpn = NULL;
    long count = -1, served;
    int i, lfd, one = 1;
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    SSL_CTX *ctx;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--client-ca") == 0 && i + 1 < argc)
            client_ca = argv[++i];
        else if (strcmp(argv[i], "--alpn") == 0 && i + 1 < argc)
            alpn = argv[++i];
        else if (strcmp(argv[i], "--once") == 0)
            count = 1;
        else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = atol(argv[++i]);
        else if (port == NULL)
            port = argv[i];
        else if (cert == NULL)
            cert = argv[i];
        else if (key == NULL)
            key = argv[i];
        else
            port = NULL, i = argc;
    }
    if (port == NULL || key == NULL) {
        fprintf(stderr, "usage: tls-server PORT CERT KEY [--client-ca FILE] [--alpn LIST] [--once | --count N]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);

    ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, cert) != 1
        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(ctx) != 1) {
        fprintf(stderr, "tls-server: cannot load %s / %s\n", cert, key);
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_tlsext_servername_callback(ctx, servername_cb);
    if (client_ca != NULL) {
        if (SSL_CTX_load_verify_locations(ctx, client_ca, NULL) != 1) {
            fprintf(stderr, "tls-server: cannot load %s\n", client_ca);
            ERR_print_errors_fp(stderr);
            return 1;
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    if (alpn != NULL) {
        alpn_prefs_len = alpn_wire(alpn, alpn_prefs, sizeof alpn_prefs);
        if (alpn_prefs_len == 0) {
            fprintf(stderr, "tls-server: bad --alpn list: %s\n", alpn);
            return 2;
        }
        SSL_CTX_set_alpn_select_cb(ctx, alpn_select, NULL);
    }

    lfd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 16) != 0
        || getsockname(lfd, (struct sockaddr *)&addr, &alen) != 0) {
        perror("tls-server: listen");
        return 1;
    }
    printf("listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));

    for (served = 0; count < 0 || served < count; served++) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            perror("tls-server: accept");
            continue;
        }
        serve(ctx, fd, (unsigned long)served + 1);
        close(fd);
    }
    close(lfd);
    SSL_CTX_free(ctx);
    return 0;
}
