/* https-client: fetch "/" over HTTPS with full verification, using only the OpenSSL 3 API.
 *
 *   https-client HOST PORT [CAFILE] [--alpn h2,http/1.1] [--servername NAME]
 *
 * Verifies the chain (against CAFILE, else the default paths) and the name (NAME if given,
 * else HOST; an IP literal is matched against IP SANs and sends no SNI), sends
 * "GET / HTTP/1.0" and prints what was negotiated:
 *   status: HTTP/1.0 200 ok / version: TLSv1.3 / cipher: ... / alpn: ... / verify: ok
 * followed by the response body, each line prefixed with "| ".
 * Exits 1 with the error queue on stderr on any failure. */
#include "tls.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what)
{
    fprintf(stderr, "https-client: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    return 1;
}

static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "https-client: %s:%s: %s\n", host, port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        perror("https-client: connect");
    return fd;
}

/* "h2,http/1.1" -> "\x02h2\x08http/1.1"; returns the wire length or 0 if invalid. */
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

static int is_ip_literal(const char *s)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

int main(int argc, char **argv)
{
    const char *host = NULL, *port = NULL, *cafile = NULL, *alpn = NULL, *servername = NULL;
    const char *name;
    unsigned char wire[256];
    unsigned int wire_len = 0;
    const unsigned char *sel = NULL;
    unsigned int sel_len = 0;
    char req[512], buf[4096], line[1024];
    size_t line_len = 0;
    int i, fd, n, err, status_done = 0, clean = 0;
    long verify;
    SSL_CTX *ctx;
    SSL *ssl;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--alpn") == 0 && i + 1 < argc)
            alpn = argv[++i];
        else if (strcmp(argv[i], "--servername") == 0 && i + 1 < argc)
            servername = argv[++i];
        else if (host == NULL)
            host = argv[i];
        else if (port == NULL)
            port = argv[i];
        else if (cafile == NULL)
            cafile = argv[i];
        else
            host = NULL, i = argc;
    }
    if (host == NULL || port == NULL) {
        fprintf(stderr, "usage: https-client HOST PORT [CAFILE] [--alpn LIST] [--servername NAME]\n");
        return 2;
    }
    name = servername != NULL ? servername : host;

    ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        return fail("SSL_CTX_new");
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1)
        return fail("SSL_CTX_set_min_proto_version");
    if (cafile != NULL ? SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1
                       : SSL_CTX_set_default_verify_paths(ctx) != 1)
        return fail("loading trust anchors");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (alpn != NULL) {
        wire_len = alpn_wire(alpn, wire, sizeof wire);
        if (wire_len == 0) {
            fprintf(stderr, "https-client: bad --alpn list: %s\n", alpn);
            return 2;
        }
        /* careful: SSL_CTX_set_alpn_protos returns 0 on success */
        if (SSL_CTX_set_alpn_protos(ctx, wire, wire_len) != 0)
            return fail("SSL_CTX_set_alpn_protos");
    }

    ssl = SSL_new(ctx);
    if (ssl == NULL)
        return fail("SSL_new");
    if (!is_ip_literal(name) && SSL_set_tlsext_host_name(ssl, name) != 1)
        return fail("SSL_set_tlsext_host_name");
    if (SSL_set1_host(ssl, name) != 1)
        return fail("SSL_set1_host");

    fd = tcp_connect(host, port);
    if (fd < 0)
        return 1;
    if (SSL_set_fd(ssl, fd) != 1)
        return fail("SSL_set_fd");
    if (SSL_connect(ssl) != 1) {
        verify = SSL_get_verify_result(ssl);
        if (verify != X509_V_OK)
            fprintf(stderr, "verify: %s (%ld)\n", X509_verify_cert_error_string(verify), verify);
        return fail("TLS handshake");
    }

    n = snprintf(req, sizeof req, "GET / HTTP/1.0\r\nHost: %s\r\nUser-Agent: ferrossl-https-client\r\n\r\n", name);
    if (SSL_write(ssl, req, n) != n)
        return fail("SSL_write");

    for (;;) {
        n = SSL_read(ssl, buf, sizeof buf);
        if (n <= 0) {
            err = SSL_get_error(ssl, n);
            if (err == SSL_ERROR_ZERO_RETURN) {
                clean = 1;
                break;
            }
            if (!status_done)
                return fail("SSL_read");
            /* many HTTP/1.0 servers close without close_notify: tolerated, but said */
            fprintf(stderr, "https-client: connection closed without close_notify\n");
            ERR_print_errors_fp(stderr);
            break;
        }
        for (i = 0; i < n; i++) {
            if (buf[i] == '\n' || line_len == sizeof line - 1) {
                line[line_len] = '\0';
                if (line_len > 0 && line[line_len - 1] == '\r')
                    line[--line_len] = '\0';
                if (!status_done) {
                    printf("status: %s\n", line);
                    printf("version: %s\n", SSL_get_version(ssl));
                    printf("cipher: %s\n", SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
                    SSL_get0_alpn_selected(ssl, &sel, &sel_len);
                    if (sel_len > 0)
                        printf("alpn: %.*s\n", (int)sel_len, (const char *)sel);
                    else
                        printf("alpn: none\n");
                    verify = SSL_get_verify_result(ssl);
                    printf("verify: %s\n", verify == X509_V_OK ? "ok" : X509_verify_cert_error_string(verify));
                    status_done = 1;
                } else if (status_done == 1 && line_len == 0) {
                    status_done = 2; /* end of headers */
                } else if (status_done == 2) {
                    printf("| %s\n", line);
                }
                line_len = 0;
            } else {
                line[line_len++] = buf[i];
            }
        }
    }
    if (line_len > 0 && status_done == 2)
        printf("| %.*s\n", (int)line_len, line);
    if (!status_done) {
        fprintf(stderr, "https-client: empty response\n");
        return 1;
    }
    if (clean)
        SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    return 0;
}
