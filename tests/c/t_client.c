/* t_client: the library as a TLS client against `openssl s_server`. */
#include "helpers.h"

static char buf[65536];

/* "-cert DIR/BASE.pem -key DIR/BASE.key" */
static const char *keypair(const char *base)
{
    static char out[2][1200];
    static int next;
    char c[64], k[64];
    char *o = out[next++ % 2];
    snprintf(c, sizeof c, "%s.pem", base);
    snprintf(k, sizeof k, "%s.key", base);
    snprintf(o, sizeof out[0], "-cert %s -key %s", cert(c), cert(k));
    return o;
}

/* GET / from an `s_server -www`, which answers and then sends close_notify */
static void get_page(SSL *ssl)
{
    int got = 0, err = 0, n;
    const char *req = "GET / HTTP/1.0\r\n\r\n";
    CHECK_INT(SSL_write(ssl, req, (int)strlen(req)), (long)strlen(req));
    n = ssl_read_all(ssl, buf, sizeof buf, &got, &err);
    CHECK_INT(n, 0);
    CHECK(got > 0 && strncmp(buf, "HTTP/1.0 200 ok", 15) == 0);
    check_(err == SSL_ERROR_ZERO_RETURN, __LINE__,
           "read ended with close_notify (SSL_ERROR_ZERO_RETURN, got %d %s)", err, ssl_error_name(err));
}

static SSL *connect_to(SSL_CTX *ctx, int port, const char *host, int *fdp)
{
    int fd = tcp_connect(port);
    REQUIRE(fd >= 0);
    *fdp = fd;
    return client_ssl(ctx, fd, host);
}

/* handshake + page against the running s_server; checks what was negotiated */
static void good_conn(SSL_CTX *ctx, int port, const char *version, const char *cipher, const char *subject)
{
    char name[256];
    int fd;
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    X509 *peer;
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), version);
    CHECK_INT(SSL_version(ssl), strcmp(version, "TLSv1.3") == 0 ? TLS1_3_VERSION : TLS1_2_VERSION);
    CHECK_STR(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), cipher);
    CHECK_INT(SSL_CIPHER_get_bits(SSL_get_current_cipher(ssl), NULL), strstr(cipher, "128") ? 128 : 256);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    CHECK_STR(peer_subject(ssl, name, sizeof name), subject);
    CHECK(SSL_get_peer_cert_chain(ssl) != NULL);
    CHECK_STR(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), "localhost");
    CHECK_INT(SSL_session_reused(ssl), 0);
    CHECK_INT(SSL_get_fd(ssl), fd);
    peer = SSL_get1_peer_certificate(ssl);
    CHECK(peer != NULL);
    X509_free(peer);
    get_page(ssl);
    CHECK_INT(SSL_shutdown(ssl), 1); /* close_notify already received: both sent */
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
}

static void good(const char *base, int max_version, const char *version, const char *cipher, const char *subject)
{
    int port = s_server("-www %s", keypair(base));
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    if (max_version != 0)
        CHECK_INT(SSL_CTX_set_max_proto_version(ctx, max_version), 1);
    good_conn(ctx, port, version, cipher, subject);
    SSL_CTX_free(ctx);
}

SCENARIO(tls13_ecdsa) { good("server-ecdsa", 0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "/CN=ferrossl test server ecdsa"); }
SCENARIO(tls13_rsa) { good("server-rsa", 0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "/CN=ferrossl test server rsa"); }
SCENARIO(tls13_ed25519) { good("server-ed25519", 0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "/CN=ferrossl test server ed25519"); }
SCENARIO(tls12_ecdsa) { good("server-ecdsa", TLS1_2_VERSION, "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384", "/CN=ferrossl test server ecdsa"); }
SCENARIO(tls12_rsa) { good("server-rsa", TLS1_2_VERSION, "TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384", "/CN=ferrossl test server rsa"); }
SCENARIO(tls12_ed25519) { good("server-ed25519", TLS1_2_VERSION, "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384", "/CN=ferrossl test server ed25519"); }

/* the server, not the client, caps the version */
SCENARIO(tls12_server_only)
{
    int port = s_server("-www -tls1_2 %s", keypair("server-ecdsa"));
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    good_conn(ctx, port, "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384", "/CN=ferrossl test server ecdsa");
    SSL_CTX_free(ctx);
}

SCENARIO(ciphersuites)
{
    int port = s_server("-www %s", keypair("server-ecdsa"));
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_CHACHA20_POLY1305_SHA256"), 1);
    good_conn(ctx, port, "TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", "/CN=ferrossl test server ecdsa");
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256"), 1);
    good_conn(ctx, port, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "/CN=ferrossl test server ecdsa");
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-CHACHA20-POLY1305"), 1);
    good_conn(ctx, port, "TLSv1.2", "ECDHE-ECDSA-CHACHA20-POLY1305", "/CN=ferrossl test server ecdsa");
    SSL_CTX_free(ctx);
}

SCENARIO(groups)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_negotiated_group(ssl), NID_X25519); /* default: X25519 first */
    SSL_free(ssl);
    close(fd);
    CHECK_INT(SSL_CTX_set1_groups_list(ctx, "P-256"), 1);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_negotiated_group(ssl), NID_X9_62_prime256v1);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(chain)
{
    int port = s_server("-www %s -cert_chain %s", keypair("server-ecdsa"), cert("ca-ecdsa.pem")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    /* client side: the peer chain includes the leaf */
    CHECK_INT(OPENSSL_sk_num((const OPENSSL_STACK *)SSL_get_peer_cert_chain(ssl)), 2);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(mtls)
{
    int port = s_server("-www %s -Verify 1 -verify_return_error -CAfile %s", keypair("server-ecdsa"), cert("ca.pem"));
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert("client.pem"), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert("client.key"), SSL_FILETYPE_PEM), 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
    good_conn(ctx, port, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "/CN=ferrossl test server ecdsa");
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    good_conn(ctx, port, "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384", "/CN=ferrossl test server ecdsa");
    SSL_CTX_free(ctx);
}

/* TLS 1.3: the client finishes first; the server's refusal arrives on the first read */
SCENARIO(mtls_missing_tls13)
{
    int port = s_server("-www %s -Verify 1 -verify_return_error -CAfile %s", keypair("server-ecdsa"), cert("ca.pem")), fd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    SSL_write(ssl, "GET / HTTP/1.0\r\n\r\n", 18);
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK(n <= 0);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("tlsv13 alert certificate required");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(mtls_missing_tls12)
{
    int port = s_server("-www %s -Verify 1 -verify_return_error -CAfile %s", keypair("server-ecdsa"), cert("ca.pem")), fd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    ssl = connect_to(ctx, port, "localhost", &fd);
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("sslv3 alert handshake failure");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* s_server picks cert2 when the client's SNI matches -servername */
SCENARIO(sni)
{
    char name[256];
    int port = s_server("-www %s -servername localhost -cert2 %s -key2 %s", keypair("server-rsa"),
                        cert("server-ecdsa.pem"), cert("server-ecdsa.key")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(peer_subject(ssl, name, sizeof name), "/CN=ferrossl test server ecdsa");
    SSL_free(ssl);
    close(fd);
    ssl = connect_to(ctx, port, "127.0.0.1", &fd); /* an IP: no SNI, default cert */
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) == NULL);
    CHECK_STR(peer_subject(ssl, name, sizeof name), "/CN=ferrossl test server rsa");
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK); /* IP SAN matched */
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(alpn)
{
    static const unsigned char both[] = "\x02h2\x08http/1.1", h2[] = "\x02h2";
    char name[64];
    int port = s_server("-www %s -alpn http/1.1", keypair("server-ecdsa")), fd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, both, sizeof both - 1), 0); /* 0 is success here */
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK(alpn_selected(ssl, name, sizeof name) == NULL); /* before the handshake */
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_STR(alpn_selected(ssl, name, sizeof name), "http/1.1");
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    /* the per-connection list overrides the context's; without overlap s_server refuses
     * with a no_application_protocol alert (RFC 7301 section 3.2) */
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_set_alpn_protos(ssl, h2, sizeof h2 - 1), 0);
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("tlsv1 alert no application protocol");
    CHECK(alpn_selected(ssl, name, sizeof name) == NULL);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

static void resume(int max_version)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL_SESSION *sess;
    SSL *ssl;
    if (max_version)
        CHECK_INT(SSL_CTX_set_max_proto_version(ctx, max_version), 1);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 0);
    get_page(ssl); /* TLS 1.3 tickets arrive with the response */
    sess = SSL_get1_session(ssl);
    CHECK(sess != NULL);
    /* needed: OpenSSL drops a session from resumption if SSL_free comes before a clean shutdown */
    CHECK_INT(SSL_shutdown(ssl), 1);
    SSL_free(ssl);
    close(fd);

    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_set_session(ssl, sess), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 1);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
}
SCENARIO(resume_tls13) { resume(0); }
SCENARIO(resume_tls12) { resume(TLS1_2_VERSION); }

/* ---- an external client session cache, as curl keeps one: SSL_SESS_CACHE_CLIENT |
 * SSL_SESS_CACHE_NO_INTERNAL and a new-session callback that keeps the newest session */
static SSL_SESSION *kept;
static int new_calls;
static int keep_newest(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    new_calls++;
    SSL_SESSION_free(kept);
    kept = sess;
    return 1; /* we keep the reference */
}

static SSL *resume_with(SSL_CTX *ctx, int port, SSL_SESSION *sess, int *fd, int want_reused)
{
    SSL *ssl = connect_to(ctx, port, "localhost", fd);
    CHECK_INT(SSL_set_session(ssl, sess), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), want_reused);
    get_page(ssl);
    CHECK_INT(SSL_shutdown(ssl), 1);
    return ssl;
}

static void new_cb_resume(int max_version)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd, len, calls;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    unsigned char *der, *p;
    const unsigned char *q;
    SSL_SESSION *dec;
    SSL *ssl;
    if (max_version)
        CHECK_INT(SSL_CTX_set_max_proto_version(ctx, max_version), 1);
    CHECK_INT(SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL),
              SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(ctx, keep_newest);
    CHECK(SSL_CTX_sess_get_new_cb(ctx) == keep_newest);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    get_page(ssl); /* TLS 1.3 tickets arrive with the response */
    /* TLS 1.2: the session; TLS 1.3: one call per ticket (s_server sends 2) */
    CHECK_INT(new_calls, max_version ? 1 : 2);
    REQUIRE(kept != NULL);
    CHECK_INT(SSL_SESSION_is_resumable(kept), 1);
    CHECK_INT(SSL_SESSION_get_protocol_version(kept), max_version ? TLS1_2_VERSION : TLS1_3_VERSION);
    CHECK_INT(SSL_CTX_sess_number(ctx), 0); /* NO_INTERNAL: nothing in the internal cache */
    CHECK_INT(SSL_shutdown(ssl), 1);
    SSL_free(ssl);
    close(fd);

    /* curl's way: SSL_set_session of the session the callback kept */
    calls = new_calls;
    ssl = resume_with(ctx, port, kept, &fd, 1);
    /* TLS 1.2: a resumed session is not new; TLS 1.3: s_server sends one ticket after a resumption */
    CHECK_INT(new_calls - calls, max_version ? 0 : 1);
    SSL_free(ssl);
    close(fd);

    /* i2d: the length query, then the encoding, advancing the pointer */
    REQUIRE(kept != NULL);
    len = i2d_SSL_SESSION(kept, NULL);
    CHECK(len > 0);
    der = malloc(len > 0 ? len : 1);
    REQUIRE(der != NULL);
    p = der;
    CHECK_INT(i2d_SSL_SESSION(kept, &p), len);
    CHECK(p == der + len);
    /* drop every handle: only the encoding is left (an app's own cache on disk, say) */
    SSL_SESSION_free(kept);
    kept = NULL;
    q = der;
    dec = d2i_SSL_SESSION(NULL, &q, len);
    REQUIRE(dec != NULL);
    CHECK(q == der + len);
    CHECK_INT(SSL_SESSION_is_resumable(dec), 1);
    {
        /* in another context, as curl makes one per connection */
        SSL_CTX *ctx2 = client_ctx(cert("ca.pem"));
        if (max_version)
            CHECK_INT(SSL_CTX_set_max_proto_version(ctx2, max_version), 1);
        ssl = resume_with(ctx2, port, dec, &fd, 1);
        SSL_free(ssl);
        close(fd);
        SSL_CTX_free(ctx2);
    }
    SSL_SESSION_free(dec);
    free(der);

    /* garbage: NULL, an error queued, the pointer left alone */
    {
        static const unsigned char junk[] = "\x30\x03\x02\x01\x05 not a session";
        q = junk;
        CHECK(d2i_SSL_SESSION(NULL, &q, sizeof junk - 1) == NULL);
        CHECK(q == junk);
        CHECK(ERR_peek_error() != 0);
        ERR_clear_error();
    }
    SSL_SESSION_free(kept);
    kept = NULL;
    SSL_CTX_free(ctx);
}
SCENARIO(new_cb_resume_tls13) { new_cb_resume(0); }
SCENARIO(new_cb_resume_tls12) { new_cb_resume(TLS1_2_VERSION); }

/* d2i_SSL_SESSION of OpenSSL's own encoding (s_client -sess_out, as DER): OpenSSL resumes it;
 * ferrossl cannot rebuild a rustls client session from bytes, so the session decodes (version
 * kept) but is not resumable, and SSL_set_session of it gives a full handshake. */
SCENARIO(d2i_openssl_session)
{
    char pem[64] = "/tmp/ferrossl-sess-XXXXXX", der_path[80];
    int port = s_server("-www %s", keypair("server-ecdsa")), fd, cli, conv;
    int ferrossl = strstr(OpenSSL_version(OPENSSL_VERSION), "ferrossl") != NULL;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    const unsigned char *q;
    unsigned char *der;
    unsigned idlen;
    SSL_SESSION *sess;
    size_t len = 0;
    SSL *ssl;
    close(mkstemp(pem));
    snprintf(der_path, sizeof der_path, "%s.der", pem);
    cli = spawn_openssl("s_client -connect 127.0.0.1:%d -tls1_2 -CAfile %s -sess_out %s", port, cert("ca.pem"), pem);
    child_close_stdin(cli);
    CHECK_INT(child_wait_exit(cli, 10000), 0);
    conv = spawn_openssl("sess_id -in %s -outform DER -out %s", pem, der_path);
    CHECK_INT(child_wait_exit(conv, 10000), 0);
    der = (unsigned char *)read_file(der_path, &len);
    REQUIRE(der != NULL && len > 0);
    q = der;
    sess = d2i_SSL_SESSION(NULL, &q, (long)len);
    REQUIRE(sess != NULL);
    CHECK(q == der + len);
    CHECK_INT(SSL_SESSION_get_protocol_version(sess), TLS1_2_VERSION);
    CHECK(SSL_SESSION_get_id(sess, &idlen) != NULL && idlen <= 32);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_set_session(ssl, sess), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    if (ferrossl) {
        NOTE("ferrossl limit: a client session from another process does not resume");
        CHECK_INT(SSL_SESSION_is_resumable(sess), 0);
        CHECK_INT(SSL_session_reused(ssl), 0);
    } else {
        CHECK_INT(SSL_SESSION_is_resumable(sess), 1);
        CHECK_INT(SSL_session_reused(ssl), 1);
    }
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_SESSION_free(sess);
    free(der);
    unlink(pem);
    unlink(der_path);
    SSL_CTX_free(ctx);
}

/* drive one SSL call on a non-blocking socket to completion */
static int nb_call(SSL *ssl, int fd, int (*op)(SSL *, void *, int), void *arg, int len, int *want_read, int *want_write)
{
    int n, e;
    for (;;) {
        n = op(ssl, arg, len);
        if (n > 0)
            return n;
        e = SSL_get_error(ssl, n);
        if (e == SSL_ERROR_WANT_READ) {
            (*want_read)++;
            wait_fd(fd, POLLIN, 5000);
        } else if (e == SSL_ERROR_WANT_WRITE) {
            (*want_write)++;
            wait_fd(fd, POLLOUT, 5000);
        } else {
            return n;
        }
    }
}
static int op_connect(SSL *s, void *a, int l) { (void)a; (void)l; return SSL_connect(s); }
static int op_write(SSL *s, void *a, int l) { return SSL_write(s, a, l); }
static int op_read(SSL *s, void *a, int l) { return SSL_read(s, a, l); }

SCENARIO(nonblocking)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd, wr = 0, ww = 0, n, got = 0;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    set_nonblocking(fd);
    CHECK_INT(nb_call(ssl, fd, op_connect, NULL, 0, &wr, &ww), 1);
    NOTE("handshake: %d WANT_READ, %d WANT_WRITE", wr, ww); /* usually >= 1, but timing */
    /* s_server -www says nothing before the request: a read must want more */
    wait_fd(fd, POLLIN, 200); /* (TLS 1.3 tickets may be in flight; they are consumed) */
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_WANT_READ);
    CHECK_NO_ERR();
    CHECK_INT(nb_call(ssl, fd, op_write, "GET / HTTP/1.0\r\n\r\n", 18, &wr, &ww), 18);
    while ((n = nb_call(ssl, fd, op_read, buf + got, (int)sizeof buf - 1 - got, &wr, &ww)) > 0)
        got += n;
    CHECK_INT(n, 0);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_ZERO_RETURN);
    CHECK(got > 15 && strncmp(buf, "HTTP/1.0 200 ok", 15) == 0);
    CHECK_INT(SSL_shutdown(ssl), 1);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* the SSL talks to two BIO_s_mem; we shuttle bytes between them and the socket */
static void pump_out(BIO *wbio, int fd)
{
    char tmp[16384];
    int n;
    while (BIO_ctrl_pending(wbio) > 0 && (n = BIO_read(wbio, tmp, sizeof tmp)) > 0)
        REQUIRE(send(fd, tmp, (size_t)n, 0) == n);
}
static int pump_in(BIO *rbio, int fd)
{
    char tmp[16384];
    ssize_t n;
    if (wait_fd(fd, POLLIN, 5000) != 1)
        return 0;
    n = recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0)
        return 0;
    return BIO_write(rbio, tmp, (int)n) == n;
}

SCENARIO(memory_bio)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd = tcp_connect(port), n, e, wants = 0, got = 0;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = SSL_new(ctx);
    BIO *rbio = BIO_new(BIO_s_mem()), *wbio = BIO_new(BIO_s_mem());
    REQUIRE(fd >= 0 && ssl != NULL && rbio != NULL && wbio != NULL);
    SSL_set_bio(ssl, rbio, wbio); /* takes both */
    SSL_set_connect_state(ssl);
    CHECK_INT(SSL_get_fd(ssl), -1);
    CHECK_INT(SSL_set_tlsext_host_name(ssl, "localhost"), 1);
    CHECK_INT(SSL_set1_host(ssl, "localhost"), 1);
    while ((n = SSL_do_handshake(ssl)) != 1) {
        e = SSL_get_error(ssl, n);
        if (e != SSL_ERROR_WANT_READ) {
            CHECK_SSL_ERROR(ssl, n, SSL_ERROR_WANT_READ);
            break;
        }
        wants++;
        pump_out(wbio, fd);
        if (!pump_in(rbio, fd))
            break;
    }
    CHECK_INT(n, 1);
    CHECK(wants > 0);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.3");
    pump_out(wbio, fd);
    CHECK_INT(SSL_write(ssl, "GET / HTTP/1.0\r\n\r\n", 18), 18);
    CHECK(BIO_ctrl_pending(wbio) > 18); /* a sealed record */
    pump_out(wbio, fd);
    for (;;) {
        n = SSL_read(ssl, buf + got, (int)sizeof buf - 1 - got);
        if (n > 0) {
            got += n;
            continue;
        }
        if (SSL_get_error(ssl, n) != SSL_ERROR_WANT_READ || !pump_in(rbio, fd))
            break;
    }
    CHECK_INT(n, 0);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_ZERO_RETURN);
    CHECK(got > 15 && strncmp(buf, "HTTP/1.0 200 ok", 15) == 0);
    CHECK_INT(SSL_shutdown(ssl), 1);
    pump_out(wbio, fd);
    SSL_free(ssl); /* frees both BIOs */
    close(fd);
    SSL_CTX_free(ctx);
}

/* a user BIO_METHOD over a socket, plus BIO_new_socket */
static int ub_read(BIO *b, char *out, int len)
{
    int *fd = BIO_get_data(b);
    ssize_t n = recv(*fd, out, (size_t)len, 0);
    BIO_clear_retry_flags(b);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        BIO_set_retry_read(b);
    return (int)n;
}
static int ub_write(BIO *b, const char *in, int len)
{
    int *fd = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    return (int)send(*fd, in, (size_t)len, 0);
}
static long ub_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}
static int ub_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}
static int ub_destroyed;
static int ub_destroy(BIO *b)
{
    ub_destroyed++;
    BIO_set_data(b, NULL);
    return 1;
}

SCENARIO(user_bio)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd = tcp_connect(port);
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "test socket");
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = SSL_new(ctx);
    BIO *b;
    REQUIRE(m != NULL && ssl != NULL && fd >= 0);
    CHECK_INT(BIO_meth_set_read(m, ub_read), 1);
    CHECK_INT(BIO_meth_set_write(m, ub_write), 1);
    CHECK_INT(BIO_meth_set_ctrl(m, ub_ctrl), 1);
    CHECK_INT(BIO_meth_set_create(m, ub_create), 1);
    CHECK_INT(BIO_meth_set_destroy(m, ub_destroy), 1);
    b = BIO_new(m);
    REQUIRE(b != NULL);
    BIO_set_data(b, &fd);
    CHECK(BIO_get_data(b) == &fd);
    SSL_set_bio(ssl, b, b);
    CHECK_INT(SSL_get_fd(ssl), -1); /* not a descriptor BIO */
    CHECK_INT(SSL_set1_host(ssl, "localhost"), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    get_page(ssl);
    CHECK_INT(SSL_shutdown(ssl), 1);
    SSL_free(ssl);
    CHECK_INT(ub_destroyed, 1);
    close(fd);
    BIO_meth_free(m);

    fd = tcp_connect(port);
    ssl = SSL_new(ctx);
    b = BIO_new_socket(fd, BIO_NOCLOSE);
    REQUIRE(b != NULL && ssl != NULL);
    SSL_set_bio(ssl, b, b);
    CHECK_INT(SSL_get_fd(ssl), fd);
    CHECK_INT(SSL_set1_host(ssl, "localhost"), 1);
    CHECK_INT(SSL_connect(ssl), 1);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(peek_pending)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd, n;
    char a[8], b[8];
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_pending(ssl), 0);
    CHECK_INT(SSL_write(ssl, "GET / HTTP/1.0\r\n\r\n", 18), 18);
    CHECK_INT(SSL_peek(ssl, a, sizeof a), 8);
    CHECK(SSL_pending(ssl) >= 8);
    CHECK_INT(SSL_read(ssl, b, sizeof b), 8);
    CHECK(memcmp(a, b, 8) == 0 && memcmp(a, "HTTP/1.0", 8) == 0);
    n = SSL_pending(ssl);
    CHECK(n > 0);
    CHECK_INT(SSL_get_error(ssl, 8), SSL_ERROR_NONE);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* a server with certificate BASE, which a client trusting CAFILE verifies */
static void trusted_server(const char *base, const char *cafile)
{
    int port = s_server("-www %s", keypair(base)), fd;
    SSL_CTX *ctx = client_ctx(cert(cafile));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
/* a self-signed CA:TRUE certificate (`openssl req -x509`'s default) that is the client's
 * whole CA file: verified, as OpenSSL does */
SCENARIO(self_signed_trusted) { trusted_server("selfsigned-ca", "selfsigned-ca.pem"); }
/* a certificate with basicConstraints CA:TRUE issued by the trusted CA: OpenSSL does not
 * refuse a CA certificate as an end entity, so the handshake verifies */
SCENARIO(ca_leaf) { trusted_server("ca-leaf", "ca.pem"); }

/* ---- verification failures -------------------------------------------------------- */

static void bad_cert(const char *base, const char *host, long verify_error)
{
    int port = s_server("-www %s", keypair(base)), fd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, host, &fd);
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_INT(SSL_get_verify_result(ssl), verify_error);
    CHECK_ERR("certificate verify failed");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(expired) { bad_cert("expired", "localhost", X509_V_ERR_CERT_HAS_EXPIRED); }
SCENARIO(not_yet_valid) { bad_cert("notyet", "localhost", X509_V_ERR_CERT_NOT_YET_VALID); }
SCENARIO(wrong_host) { bad_cert("other", "localhost", X509_V_ERR_HOSTNAME_MISMATCH); }
SCENARIO(wrong_ip) { bad_cert("other", "127.0.0.1", X509_V_ERR_IP_ADDRESS_MISMATCH); }
SCENARIO(untrusted_root) { bad_cert("untrusted", "localhost", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY); }
SCENARIO(self_signed) { bad_cert("selfsigned", "localhost", X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT); }
SCENARIO(self_signed_ca) { bad_cert("selfsigned-ca", "localhost", X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT); }
/* a leaf with CA:TRUE issued by the trusted CA (accepted: see ca_leaf below): the host, IP
 * and validity checks still apply */
SCENARIO(ca_leaf_wrong_host) { bad_cert("ca-leaf", "other.example", X509_V_ERR_HOSTNAME_MISMATCH); }
SCENARIO(ca_leaf_wrong_ip) { bad_cert("ca-leaf", "127.0.0.2", X509_V_ERR_IP_ADDRESS_MISMATCH); }
SCENARIO(ca_leaf_expired) { bad_cert("ca-leaf-expired", "localhost", X509_V_ERR_CERT_HAS_EXPIRED); }

/* revocation: the server's certificate is revoked in crl.pem. `how` says where the
 * CRL and the flag come from: 0 X509_STORE_add_crl + X509_STORE_set_flags (curl),
 * 1 a CA+CRL bundle + X509_VERIFY_PARAM_set_flags on the context (CPython) */
static void revoked_server(int how, unsigned long flags, const char *base, long want)
{
    int port = s_server("-www %s", keypair(base)), fd, n;
    SSL_CTX *ctx = client_ctx(cert(how == 0 ? "ca.pem" : "ca-crl.pem"));
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    SSL *ssl;
    if (how == 0) {
        BIO *b = BIO_new_file(cert("crl.pem"), "r");
        X509_CRL *crl = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
        REQUIRE(crl != NULL);
        CHECK_INT(X509_STORE_add_crl(store, crl), 1);
        X509_CRL_free(crl);
        BIO_free(b);
        if (flags)
            CHECK_INT(X509_STORE_set_flags(store, flags), 1);
    } else if (flags) {
        CHECK_INT(X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx), flags), 1);
    }
    ssl = connect_to(ctx, port, "localhost", &fd);
    n = SSL_connect(ssl);
    if (want == X509_V_OK) {
        CHECK_INT(n, 1);
        CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
        CHECK_INT(OPENSSL_sk_num((const OPENSSL_STACK *)SSL_get0_verified_chain(ssl)), 2);
        get_page(ssl);
    } else {
        CHECK_INT(n, -1);
        CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
        CHECK_INT(SSL_get_verify_result(ssl), want);
        CHECK_ERR("certificate verify failed");
    }
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(crl_revoked) { revoked_server(0, X509_V_FLAG_CRL_CHECK, "revoked", X509_V_ERR_CERT_REVOKED); }
SCENARIO(crl_revoked_all) { revoked_server(0, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL, "revoked", X509_V_ERR_CERT_REVOKED); }
SCENARIO(crl_revoked_unchecked) { revoked_server(0, 0, "revoked", X509_V_OK); }
SCENARIO(crl_good) { revoked_server(0, X509_V_FLAG_CRL_CHECK, "server-ecdsa", X509_V_OK); }
SCENARIO(crl_bundle_revoked) { revoked_server(1, X509_V_FLAG_CRL_CHECK, "revoked", X509_V_ERR_CERT_REVOKED); }
SCENARIO(crl_bundle_good) { revoked_server(1, X509_V_FLAG_CRL_CHECK, "server-ecdsa", X509_V_OK); }
/* CRL checking asked for, no CRL for the RSA CA */
SCENARIO(crl_missing) { revoked_server(0, X509_V_FLAG_CRL_CHECK, "server-rsa", X509_V_ERR_UNABLE_TO_GET_CRL); }

/* X509_STORE_set_verify_cb on the context's store serves the handshake when SSL_CTX_set_verify
 * set no callback; it may accept the revoked certificate (the result keeps the error) */
static int store_cb_calls;
static int store_cb(int ok, X509_STORE_CTX *x)
{
    store_cb_calls++;
    return ok || X509_STORE_CTX_get_error(x) == X509_V_ERR_CERT_REVOKED;
}
SCENARIO(crl_store_callback)
{
    int port = s_server("-www %s", keypair("revoked")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca-crl.pem"));
    SSL *ssl;
    X509_STORE_set_verify_cb(SSL_CTX_get_cert_store(ctx), store_cb);
    CHECK_INT(X509_STORE_set_flags(SSL_CTX_get_cert_store(ctx), X509_V_FLAG_CRL_CHECK), 1);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK(store_cb_calls >= 2);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_ERR_CERT_REVOKED);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* SSL_get0_verified_chain: leaf, intermediate (sent by the server), root (from the store) */
SCENARIO(verified_chain)
{
    int port = s_server("-www %s -cert_chain %s", keypair("chained"), cert("int-ca.pem")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    OPENSSL_STACK *chain;
    char name[256];
    CHECK(SSL_get0_verified_chain(ssl) == NULL);
    CHECK_INT(SSL_connect(ssl), 1);
    chain = (OPENSSL_STACK *)SSL_get0_verified_chain(ssl);
    CHECK_INT(OPENSSL_sk_num(chain), 3);
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(chain, 0)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl chained server");
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(chain, 1)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test intermediate CA");
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(chain, 2)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test CA ecdsa");
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* SSL_VERIFY_NONE: the handshake goes on, the result is still recorded */
SCENARIO(verify_none)
{
    int port = s_server("-www %s", keypair("untrusted")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

static int cb_calls, cb_errors[8], cb_depths[8], cb_preverify[8], cb_override;
static char cb_subject[8][128];
static int verify_cb(int preverify, X509_STORE_CTX *x)
{
    X509 *c = X509_STORE_CTX_get_current_cert(x);
    if (cb_calls < 8) {
        cb_preverify[cb_calls] = preverify;
        cb_errors[cb_calls] = X509_STORE_CTX_get_error(x);
        cb_depths[cb_calls] = X509_STORE_CTX_get_error_depth(x);
        if (c != NULL)
            X509_NAME_oneline(X509_get_subject_name(c), cb_subject[cb_calls], sizeof cb_subject[0]);
        printf("  note  verify callback: preverify=%d error=%d depth=%d subject=%s\n", preverify,
               cb_errors[cb_calls], cb_depths[cb_calls], cb_subject[cb_calls]);
    }
    cb_calls++;
    return cb_override ? 1 : preverify;
}

SCENARIO(verify_callback)
{
    int port = s_server("-www %s", keypair("server-ecdsa")), fd;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    /* OpenSSL calls it once per chain element, root first */
    CHECK_INT(cb_calls, 2);
    CHECK(cb_preverify[0] == 1 && cb_depths[0] == 1 && cb_errors[0] == X509_V_OK);
    CHECK_STR(cb_subject[0], "/CN=ferrossl test CA ecdsa");
    CHECK(cb_preverify[1] == 1 && cb_depths[1] == 0 && cb_errors[1] == X509_V_OK);
    CHECK_STR(cb_subject[1], "/CN=ferrossl test server ecdsa");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* the callback overrides a failure: the handshake succeeds, the error stays recorded */
SCENARIO(verify_callback_override)
{
    int port = s_server("-www %s", keypair("expired")), fd, i, seen = 0;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl;
    cb_override = 1;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
    ssl = connect_to(ctx, port, "localhost", &fd);
    CHECK_INT(SSL_connect(ssl), 1);
    for (i = 0; i < cb_calls && i < 8; i++)
        if (cb_preverify[i] == 0 && cb_errors[i] == X509_V_ERR_CERT_HAS_EXPIRED && cb_depths[i] == 0)
            seen = 1;
    CHECK(seen);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_ERR_CERT_HAS_EXPIRED);
    get_page(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* ---- broken peers ------------------------------------------------------------------ */

/* a "server" that is a plain socket we control from this thread */
static SSL *raw_peer(SSL_CTX *ctx, int *cfd, int *sfd)
{
    int port, lfd = tcp_listen(&port);
    *cfd = tcp_connect(port);
    *sfd = tcp_accept(lfd, 5000);
    close(lfd);
    REQUIRE(*cfd >= 0 && *sfd >= 0);
    return client_ssl(ctx, *cfd, "localhost");
}

SCENARIO(garbage_from_server)
{
    int cfd, sfd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = raw_peer(ctx, &cfd, &sfd);
    const char *junk = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    REQUIRE(send(sfd, junk, strlen(junk), 0) == (ssize_t)strlen(junk));
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("wrong version number");
    SSL_free(ssl);
    close(cfd);
    close(sfd);
    SSL_CTX_free(ctx);
}

SCENARIO(eof_mid_handshake)
{
    int cfd, sfd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = raw_peer(ctx, &cfd, &sfd);
    /* the start of a handshake record announcing 512 bytes, then FIN */
    REQUIRE(send(sfd, "\x16\x03\x03\x02\x00\x02\x00\x01\xfc\x03\x03", 11, 0) == 11);
    shutdown(sfd, SHUT_WR);
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("unexpected eof while reading");
    SSL_free(ssl);
    close(cfd);
    close(sfd);
    SSL_CTX_free(ctx);
}

SCENARIO(eof_before_server_hello)
{
    int cfd, sfd, n;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = raw_peer(ctx, &cfd, &sfd);
    shutdown(sfd, SHUT_WR);
    n = SSL_connect(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("unexpected eof while reading");
    SSL_free(ssl);
    close(cfd);
    close(sfd);
    SSL_CTX_free(ctx);
}

/* the server dies after the handshake: no close_notify */
SCENARIO(eof_after_handshake)
{
    int port = s_server("%s", keypair("server-ecdsa")), fd, n, srv = n_children - 1;
    SSL_CTX *ctx = client_ctx(cert("ca.pem"));
    SSL *ssl = connect_to(ctx, port, "localhost", &fd);
    char *out;
    CHECK_INT(SSL_connect(ssl), 1);
    out = child_wait_for(srv, "CIPHER is", 5000);
    CHECK(out != NULL);
    free(out);
    sleep_ms(100);
    child_kill(srv);
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK_INT(n, 0); /* OpenSSL 3: 0, but SSL_ERROR_SSL rather than SSL_ERROR_ZERO_RETURN */
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("unexpected eof while reading");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

TEST_MAIN(S(crl_revoked), S(crl_revoked_all), S(crl_revoked_unchecked), S(crl_good), S(crl_bundle_revoked),
          S(crl_bundle_good), S(crl_missing), S(crl_store_callback), S(verified_chain),
          S(tls13_ecdsa), S(tls13_rsa), S(tls13_ed25519), S(tls12_ecdsa), S(tls12_rsa), S(tls12_ed25519),
          S(tls12_server_only), S(ciphersuites), S(groups), S(chain), S(mtls), S(mtls_missing_tls13),
          S(mtls_missing_tls12), S(sni), S(alpn), S(resume_tls13), S(resume_tls12), S(new_cb_resume_tls13), S(new_cb_resume_tls12), S(d2i_openssl_session), S(nonblocking),
          S(memory_bio), S(user_bio), S(peek_pending), S(expired), S(not_yet_valid), S(wrong_host),
          S(wrong_ip), S(untrusted_root), S(self_signed), S(self_signed_ca), S(self_signed_trusted), S(ca_leaf), S(ca_leaf_wrong_host), S(ca_leaf_wrong_ip), S(ca_leaf_expired), S(verify_none), S(verify_callback),
          S(verify_callback_override), S(garbage_from_server), S(eof_mid_handshake),
          S(eof_before_server_hello), S(eof_after_handshake))
