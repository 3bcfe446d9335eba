/* t_server: the library as a TLS server, with `openssl s_client` as the peer. */
#include "helpers.h"

static char buf[65536];
static int lfd = -1, cli = -1;

/* listen, start "openssl s_client -connect 127.0.0.1:PORT ARGS", accept it */
static SSL *accept_client(SSL_CTX *ctx, int *fdp, const char *fmt, ...)
{
    char args[1536];
    int port, fd;
    SSL *ssl;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    if (lfd < 0)
        lfd = tcp_listen(&port);
    else {
        struct sockaddr_in a;
        socklen_t alen = sizeof a;
        getsockname(lfd, (struct sockaddr *)&a, &alen);
        port = ntohs(a.sin_port);
    }
    cli = spawn_openssl("s_client -connect 127.0.0.1:%d %s", port, args);
    fd = tcp_accept(lfd, 10000);
    REQUIRE(fd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL);
    REQUIRE(SSL_set_fd(ssl, fd) == 1);
    *fdp = fd;
    return ssl;
}

/* "hello" from s_client, "world" back, then s_client's close_notify; checks s_client's view */
static void echo_and_close(SSL *ssl, const char *client_should_say)
{
    char *out;
    int n, status;
    REQUIRE(write(children[cli].stdin_fd, "hello\n", 6) == 6);
    n = SSL_read(ssl, buf, sizeof buf - 1);
    CHECK_INT(n, 6);
    CHECK(n == 6 && memcmp(buf, "hello\n", 6) == 0);
    CHECK_INT(SSL_write(ssl, "world\n", 6), 6);
    out = child_wait_for(cli, "world", 5000);
    CHECK(out != NULL);
    if (out != NULL && client_should_say != NULL)
        check_(strstr(out, client_should_say) != NULL, __LINE__, "s_client printed \"%s\"", client_should_say);
    free(out);
    child_close_stdin(cli); /* s_client sends close_notify and exits */
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK_INT(n, 0);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_ZERO_RETURN);
    CHECK_INT(SSL_shutdown(ssl), 1);
    status = child_wait_exit(cli, 5000);
    CHECK_INT(status, 0);
}

static void good(const char *base, const char *client_flags, const char *version, const char *cipher)
{
    char c[64], k[64];
    int fd;
    SSL_CTX *ctx;
    SSL *ssl;
    snprintf(c, sizeof c, "%s.pem", base);
    snprintf(k, sizeof k, "%s.key", base);
    ctx = server_ctx(cert(c), cert(k));
    CHECK_INT(SSL_CTX_check_private_key(ctx), 1);
    ssl = accept_client(ctx, &fd, "-servername localhost -verify_hostname localhost -verify_return_error -CAfile %s %s",
                        cert("ca.pem"), client_flags);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), version);
    CHECK_STR(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), cipher);
    CHECK_STR(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), "localhost");
    CHECK(SSL_get1_peer_certificate(ssl) == NULL); /* no client certificate asked for */
    CHECK_INT(SSL_session_reused(ssl), 0);
    echo_and_close(ssl, "Verification: OK");
    CHECK_NO_ERR();
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

SCENARIO(tls13_ecdsa) { good("server-ecdsa", "", "TLSv1.3", "TLS_AES_256_GCM_SHA384"); }
SCENARIO(tls13_rsa) { good("server-rsa", "", "TLSv1.3", "TLS_AES_256_GCM_SHA384"); }
SCENARIO(tls13_ed25519) { good("server-ed25519", "", "TLSv1.3", "TLS_AES_256_GCM_SHA384"); }
SCENARIO(tls12_ecdsa) { good("server-ecdsa", "-tls1_2", "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384"); }
SCENARIO(tls12_rsa) { good("server-rsa", "-tls1_2", "TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"); }
SCENARIO(tls12_ed25519) { good("server-ed25519", "-tls1_2", "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384"); }
SCENARIO(chacha_client_choice)
{
    good("server-ecdsa", "-ciphersuites TLS_CHACHA20_POLY1305_SHA256", "TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256");
}

/* the server's own limits: max TLS 1.2, and a single TLS 1.3 suite */
SCENARIO(server_settings)
{
    int fd;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256"), 1);
    ssl = accept_client(ctx, &fd, "-verify_return_error -CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), "TLS_AES_128_GCM_SHA256");
    CHECK_INT(SSL_CIPHER_get_bits(SSL_get_current_cipher(ssl), NULL), 128);
    CHECK(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) == NULL); /* s_client to an IP sends none */
    echo_and_close(ssl, "TLS_AES_128_GCM_SHA256");
    SSL_free(ssl);
    close(fd);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION), 1);
    ssl = accept_client(ctx, &fd, "-verify_return_error -CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.2");
    CHECK_INT(SSL_version(ssl), TLS1_2_VERSION);
    echo_and_close(ssl, "TLSv1.2");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

static SSL_CTX *mtls_ctx(void)
{
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    CHECK_INT(SSL_CTX_load_verify_locations(ctx, cert("ca.pem"), NULL), 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    return ctx;
}

static void mtls(const char *flags)
{
    char name[256];
    int fd;
    SSL_CTX *ctx = mtls_ctx();
    SSL *ssl = accept_client(ctx, &fd, "-verify_return_error -CAfile %s -cert %s -key %s -cert_chain %s %s",
                             cert("ca.pem"), cert("client.pem"), cert("client.key"), cert("ca-ecdsa.pem"), flags);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    CHECK_STR(peer_subject(ssl, name, sizeof name), "/CN=ferrossl test client");
    /* server side: the chain does NOT include the peer's leaf */
    CHECK_INT(OPENSSL_sk_num((const OPENSSL_STACK *)SSL_get_peer_cert_chain(ssl)), 1);
    echo_and_close(ssl, NULL);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(mtls_tls13) { mtls(""); }
SCENARIO(mtls_tls12) { mtls("-tls1_2"); }

static void mtls_missing(const char *flags)
{
    int fd, n;
    SSL_CTX *ctx = mtls_ctx();
    SSL *ssl = accept_client(ctx, &fd, "-CAfile %s %s", cert("ca.pem"), flags);
    n = SSL_accept(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("peer did not return a certificate");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(mtls_missing_tls13) { mtls_missing(""); }
SCENARIO(mtls_missing_tls12) { mtls_missing("-tls1_2"); }

/* a client certificate the server refuses, with the verify result it gives */
static void mtls_refused(const char *base, long verify_error)
{
    char crt[64], key[64];
    int fd, n;
    SSL_CTX *ctx = mtls_ctx();
    SSL *ssl;
    snprintf(crt, sizeof crt, "%s.pem", base);
    snprintf(key, sizeof key, "%s.key", base);
    ssl = accept_client(ctx, &fd, "-CAfile %s -cert %s -key %s", cert("ca.pem"), cert(crt), cert(key));
    n = SSL_accept(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_INT(SSL_get_verify_result(ssl), verify_error);
    CHECK_ERR("certificate verify failed");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(mtls_untrusted_client) { mtls_refused("untrusted", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY); }
/* a client certificate with CA:TRUE issued by the trusted CA but for serverAuth only:
 * refused for its purpose, as OpenSSL does (not for being a CA) */
SCENARIO(mtls_ca_leaf_client_purpose) { mtls_refused("ca-leaf", X509_V_ERR_INVALID_PURPOSE); }

/* a revoked client certificate is refused under CRL_CHECK, accepted without */
static void mtls_revoked(int check)
{
    int fd, n;
    SSL_CTX *ctx = mtls_ctx();
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    X509_LOOKUP *l = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    SSL *ssl;
    REQUIRE(l != NULL);
    CHECK_INT(X509_load_crl_file(l, cert("crl.pem"), X509_FILETYPE_PEM), 1);
    if (check)
        CHECK_INT(X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK), 1);
    ssl = accept_client(ctx, &fd, "-CAfile %s -cert %s -key %s", cert("ca.pem"), cert("revoked-client.pem"),
                        cert("revoked-client.key"));
    n = SSL_accept(ssl);
    if (check) {
        CHECK_INT(n, -1);
        CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
        CHECK_INT(SSL_get_verify_result(ssl), X509_V_ERR_CERT_REVOKED);
        CHECK_ERR("certificate verify failed");
    } else {
        CHECK_INT(n, 1);
        CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
        echo_and_close(ssl, NULL);
    }
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}
SCENARIO(mtls_revoked_client) { mtls_revoked(1); }
SCENARIO(mtls_revoked_unchecked) { mtls_revoked(0); }

/* SNI: the callback switches the connection to another SSL_CTX (another certificate) */
static char sni_seen[256];
static int sni_cb(SSL *ssl, int *alert, void *arg)
{
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    SSL_CTX *other = SSL_get_ex_data(ssl, 0);
    (void)alert;
    (void)arg;
    snprintf(sni_seen, sizeof sni_seen, "%s", name ? name : "(none)");
    if (name != NULL && strcmp(name, "other.example") == 0 && other != NULL)
        return SSL_set_SSL_CTX(ssl, other) == other ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_ALERT_FATAL;
    return SSL_TLSEXT_ERR_OK;
}

SCENARIO(sni_switch)
{
    int fd, marker = 42;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_CTX *other = server_ctx(cert("other.pem"), cert("other.key"));
    SSL *ssl;
    CHECK_INT(SSL_CTX_set_ex_data(ctx, 0, &marker), 1);
    CHECK(SSL_CTX_get_ex_data(ctx, 0) == &marker);
    CHECK_INT(SSL_CTX_set_tlsext_servername_callback(ctx, sni_cb), 1);
    ssl = accept_client(ctx, &fd, "-servername other.example -verify_hostname other.example -verify_return_error -CAfile %s",
                        cert("ca.pem"));
    CHECK_INT(SSL_set_ex_data(ssl, 0, other), 1);
    CHECK(SSL_get_ex_data(ssl, 0) == other);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(sni_seen, "other.example");
    CHECK_STR(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name), "other.example");
    echo_and_close(ssl, "CN = ferrossl other server");
    SSL_free(ssl);
    close(fd);
    /* the default name still gets the default certificate */
    ssl = accept_client(ctx, &fd, "-servername localhost -verify_return_error -CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_set_ex_data(ssl, 0, other), 1);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(sni_seen, "localhost");
    echo_and_close(ssl, "CN = ferrossl test server ecdsa");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(other);
    SSL_CTX_free(ctx);
}

static const unsigned char server_protos[] = "\x08http/1.1\x02h2";
static int alpn_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                   unsigned int inlen, void *arg)
{
    unsigned char *sel = NULL;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&sel, outlen, server_protos, sizeof server_protos - 1, in, inlen) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = sel;
    return SSL_TLSEXT_ERR_OK;
}

SCENARIO(alpn)
{
    char name[64];
    int fd;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    SSL_CTX_set_alpn_select_cb(ctx, alpn_cb, NULL);
    ssl = accept_client(ctx, &fd, "-alpn h2,http/1.1 -CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(alpn_selected(ssl, name, sizeof name), "http/1.1"); /* the server's preference */
    echo_and_close(ssl, "ALPN protocol: http/1.1");
    SSL_free(ssl);
    close(fd);
    ssl = accept_client(ctx, &fd, "-alpn spdy/3 -CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_accept(ssl), 1); /* NOACK: go on without ALPN */
    CHECK(alpn_selected(ssl, name, sizeof name) == NULL);
    echo_and_close(ssl, "No ALPN negotiated");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* how many TLS 1.3 tickets the s_client (after exiting) reports */
static int tickets_seen(void)
{
    char *out = child_output(cli), *p = out;
    int n = 0;
    while (p != NULL && (p = strstr(p, "Post-Handshake New Session Ticket arrived")) != NULL) {
        n++;
        p++;
    }
    free(out);
    return n;
}

static void resume(const char *flags, int tls13)
{
    char sess[64] = "/tmp/ferrossl-sess-XXXXXX";
    int fd, sfd = mkstemp(sess);
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    close(sfd);
    ssl = accept_client(ctx, &fd, "-CAfile %s -sess_out %s %s", cert("ca.pem"), sess, flags);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 0);
    echo_and_close(ssl, "New, TLSv1.");
    if (tls13)
        CHECK_INT(tickets_seen(), 2); /* num_tickets after a full handshake */
    SSL_free(ssl);
    close(fd);
    ssl = accept_client(ctx, &fd, "-CAfile %s -sess_in %s %s", cert("ca.pem"), sess, flags);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 1);
    echo_and_close(ssl, "Reused, TLSv1.");
    if (tls13)
        CHECK_INT(tickets_seen(), 1); /* OpenSSL sends one ticket after a resumption */
    SSL_free(ssl);
    close(fd);
    unlink(sess);
    SSL_CTX_free(ctx);
}
SCENARIO(resume_tls13) { resume("", 1); }
SCENARIO(resume_tls12) { resume("-tls1_2", 0); }

/* ---- an external server session cache, as nginx's shared one: SSL_SESS_CACHE_SERVER |
 * SSL_SESS_CACHE_NO_INTERNAL, sessions kept as i2d bytes keyed by SSL_SESSION_get_id */
#define TABLE 8
static struct {
    unsigned char id[32], der[4096];
    unsigned idlen;
    int len;
} table[TABLE];
static int new_calls, get_calls, remove_calls;

static int table_find(const unsigned char *id, unsigned idlen)
{
    int i;
    for (i = 0; i < TABLE; i++)
        if (table[i].len > 0 && table[i].idlen == idlen && memcmp(table[i].id, id, idlen) == 0)
            return i;
    return -1;
}

static int store_session(SSL *ssl, SSL_SESSION *sess)
{
    unsigned idlen;
    const unsigned char *id = SSL_SESSION_get_id(sess, &idlen);
    unsigned char *p;
    int i, len = i2d_SSL_SESSION(sess, NULL);
    (void)ssl;
    new_calls++;
    for (i = 0; i < TABLE && table[i].len > 0; i++)
        ;
    if (i == TABLE || len <= 0 || len > (int)sizeof table[i].der || idlen == 0 || idlen > 32)
        return 0;
    p = table[i].der;
    if (i2d_SSL_SESSION(sess, &p) != len)
        return 0;
    memcpy(table[i].id, id, idlen);
    table[i].idlen = idlen;
    table[i].len = len;
    return 0; /* the bytes are kept, not the object */
}

static SSL_SESSION *fetch_session(SSL *ssl, const unsigned char *id, int idlen, int *copy)
{
    int i = table_find(id, (unsigned)idlen);
    const unsigned char *p;
    (void)ssl;
    get_calls++;
    if (i < 0)
        return NULL;
    p = table[i].der;
    *copy = 0; /* the new object is handed over */
    return d2i_SSL_SESSION(NULL, &p, table[i].len);
}

static void drop_session(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned idlen;
    const unsigned char *id = SSL_SESSION_get_id(sess, &idlen);
    int i = table_find(id, idlen);
    (void)ctx;
    remove_calls++;
    if (i >= 0)
        table[i].len = 0;
}

SCENARIO(external_cache_tls12)
{
    char sess[64] = "/tmp/ferrossl-sess-XXXXXX";
    int fd, sfd = mkstemp(sess);
    unsigned idlen;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL_SESSION *s;
    SSL *ssl;
    close(sfd);
    CHECK_INT(SSL_CTX_get_session_cache_mode(ctx), SSL_SESS_CACHE_SERVER); /* the default */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(ctx, store_session);
    SSL_CTX_sess_set_get_cb(ctx, fetch_session);
    SSL_CTX_sess_set_remove_cb(ctx, drop_session);
    CHECK(SSL_CTX_sess_get_get_cb(ctx) == fetch_session);
    CHECK(SSL_CTX_sess_get_remove_cb(ctx) == drop_session);
    CHECK_INT(SSL_CTX_set_timeout(ctx, 600), 7200);
    CHECK_INT(SSL_CTX_get_timeout(ctx), 600);

    /* a full handshake: the session goes to the new-session callback */
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_out %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 0);
    echo_and_close(ssl, "New, TLSv1.2");
    CHECK_INT(new_calls, 1);
    CHECK_INT(get_calls, 0);
    CHECK(table[0].len > 0 && table[0].idlen == 32);
    s = SSL_get_session(ssl);
    REQUIRE(s != NULL);
    CHECK(SSL_SESSION_get_id(s, &idlen) != NULL && idlen == 32);
    CHECK(idlen == table[0].idlen && memcmp(SSL_SESSION_get_id(s, &idlen), table[0].id, 32) == 0);
    CHECK_INT(SSL_SESSION_get_timeout(s), 600);
    CHECK_INT(SSL_SESSION_get_protocol_version(s), TLS1_2_VERSION);
    SSL_free(ssl);
    close(fd);

    /* the client offers the session ID: the get-session callback finds it */
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_in %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 1);
    echo_and_close(ssl, "Reused, TLSv1.2");
    CHECK_INT(get_calls, 1);
    CHECK_INT(new_calls, 1); /* a resumed session is not new */
    CHECK_INT(SSL_CTX_sess_hits(ctx), 1);
    CHECK_INT(SSL_CTX_sess_cb_hits(ctx), 1);
    CHECK_INT(SSL_CTX_sess_misses(ctx), 0); /* NO_INTERNAL_LOOKUP: no internal misses */
    CHECK_INT(SSL_CTX_sess_number(ctx), 0); /* NO_INTERNAL_STORE */
    /* removing it tells the remove callback, though it is not in the internal cache */
    s = SSL_get_session(ssl);
    REQUIRE(s != NULL);
    CHECK_INT(SSL_CTX_remove_session(ctx, s), 0);
    CHECK_INT(remove_calls, 1);
    CHECK_INT(table[0].len, 0);
    SSL_free(ssl);
    close(fd);

    /* gone from the app's table: a full handshake */
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_in %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 0);
    echo_and_close(ssl, "New, TLSv1.2");
    CHECK_INT(get_calls, 2);
    CHECK_INT(new_calls, 2);
    SSL_free(ssl);
    close(fd);
    unlink(sess);
    SSL_CTX_free(ctx);
}

/* the internal cache (the default mode) with a remove callback: hits, flush */
SCENARIO(internal_cache_tls12)
{
    char sess[64] = "/tmp/ferrossl-sess-XXXXXX";
    int fd, sfd = mkstemp(sess);
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl;
    close(sfd);
    SSL_CTX_sess_set_remove_cb(ctx, drop_session);
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_out %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    echo_and_close(ssl, "New, TLSv1.2");
    CHECK_INT(SSL_CTX_sess_number(ctx), 1);
    SSL_free(ssl);
    close(fd);
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_in %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 1);
    echo_and_close(ssl, "Reused, TLSv1.2");
    CHECK_INT(SSL_CTX_sess_hits(ctx), 1);
    CHECK_INT(SSL_CTX_sess_cb_hits(ctx), 0);
    SSL_free(ssl);
    close(fd);
    /* not yet expired at now: stays; expired a day later: flushed, with the remove callback */
    SSL_CTX_flush_sessions(ctx, (long)time(NULL));
    CHECK_INT(SSL_CTX_sess_number(ctx), 1);
    CHECK_INT(remove_calls, 0);
    SSL_CTX_flush_sessions(ctx, (long)time(NULL) + 86400);
    CHECK_INT(SSL_CTX_sess_number(ctx), 0);
    CHECK_INT(remove_calls, 1);
    ssl = accept_client(ctx, &fd, "-tls1_2 -no_ticket -CAfile %s -sess_in %s", cert("ca.pem"), sess);
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_INT(SSL_session_reused(ssl), 0);
    echo_and_close(ssl, "New, TLSv1.2");
    CHECK_INT(SSL_CTX_sess_misses(ctx), 1);
    SSL_free(ssl);
    close(fd);
    unlink(sess);
    SSL_CTX_free(ctx);
}

SCENARIO(nonblocking)
{
    int fd, n, e, wr = 0, ww = 0;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl = accept_client(ctx, &fd, "-verify_return_error -CAfile %s", cert("ca.pem"));
    set_nonblocking(fd);
    while ((n = SSL_accept(ssl)) != 1) {
        e = SSL_get_error(ssl, n);
        if (e == SSL_ERROR_WANT_READ) {
            wr++;
            wait_fd(fd, POLLIN, 5000);
        } else if (e == SSL_ERROR_WANT_WRITE) {
            ww++;
            wait_fd(fd, POLLOUT, 5000);
        } else {
            break;
        }
    }
    CHECK_INT(n, 1);
    /* usually > 0 WANT_READ here, but that is timing */
    NOTE("handshake: %d WANT_READ, %d WANT_WRITE", wr, ww);
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_WANT_READ); /* nothing sent yet */
    CHECK_NO_ERR();
    REQUIRE(write(children[cli].stdin_fd, "hello\n", 6) == 6);
    REQUIRE(wait_fd(fd, POLLIN, 5000) == 1);
    do {
        n = SSL_read(ssl, buf, sizeof buf);
    } while (n < 0 && SSL_get_error(ssl, n) == SSL_ERROR_WANT_READ && wait_fd(fd, POLLIN, 5000) == 1);
    CHECK_INT(n, 6);
    CHECK_INT(SSL_write(ssl, "world\n", 6), 6);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* ---- broken peers ------------------------------------------------------------------ */

static SSL *raw_client(SSL_CTX *ctx, int *cfd, int *sfd)
{
    int port, l = tcp_listen(&port);
    SSL *ssl;
    *cfd = tcp_connect(port);
    *sfd = tcp_accept(l, 5000);
    close(l);
    REQUIRE(*cfd >= 0 && *sfd >= 0);
    ssl = SSL_new(ctx);
    REQUIRE(ssl != NULL && SSL_set_fd(ssl, *sfd) == 1);
    return ssl;
}

static void junk(const char *bytes, size_t len, int close_write, const char *reason)
{
    int cfd, sfd, n;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl = raw_client(ctx, &cfd, &sfd);
    REQUIRE(send(cfd, bytes, len, 0) == (ssize_t)len);
    if (close_write)
        shutdown(cfd, SHUT_WR);
    n = SSL_accept(ssl);
    CHECK_INT(n, -1);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR(reason);
    SSL_free(ssl);
    close(cfd);
    close(sfd);
    SSL_CTX_free(ctx);
}
SCENARIO(garbage_from_client) { junk("hello, this is not TLS\r\n", 24, 0, "wrong version number"); }
/* OpenSSL sniffs for an HTTP verb in the first record; an implementation has to look at
 * the first bytes itself to give the same reason */
SCENARIO(http_to_tls_port) { junk("GET / HTTP/1.0\r\n\r\n", 18, 0, "http request"); }
SCENARIO(eof_mid_handshake) { junk("\x16\x03\x01\x00\xc8\x01\x00\x00\xc4\x03\x03", 11, 1, "unexpected eof while reading"); }

/* the client dies after the handshake: no close_notify */
SCENARIO(eof_after_handshake)
{
    int fd, n;
    char *out;
    SSL_CTX *ctx = server_ctx(cert("server-ecdsa.pem"), cert("server-ecdsa.key"));
    SSL *ssl = accept_client(ctx, &fd, "-CAfile %s", cert("ca.pem"));
    CHECK_INT(SSL_accept(ssl), 1);
    /* let s_client consume the session tickets so that killing it sends FIN, not RST */
    out = child_wait_for(cli, "Post-Handshake New Session Ticket", 3000);
    free(out);
    sleep_ms(200);
    child_kill(cli);
    n = SSL_read(ssl, buf, sizeof buf);
    CHECK_INT(n, 0);
    CHECK_SSL_ERROR(ssl, n, SSL_ERROR_SSL);
    CHECK_ERR("unexpected eof while reading");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

/* SSL_CONF as nginx's ssl_conf_command and stunnel's `config` drive it: a server
 * configured only by command names (file form), then OpenSSL's return-value rules
 * (2 value used, 1 switch, -2 unknown, -3 missing value, 0 bad value) */
SCENARIO(ssl_conf)
{
    int fd;
    char name[256];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL *ssl;
    char *argv_[] = {"-no_ticket", "-cipher", "HIGH", "-bogus", "x", NULL}, **argv = argv_;
    int argc = 5;
    REQUIRE(ctx != NULL && cctx != NULL);
    CHECK_INT(SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE
                                               | SSL_CONF_FLAG_SHOW_ERRORS),
              SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_SHOW_ERRORS);
    /* no target yet: syntax checks only */
    CHECK_INT(SSL_CONF_cmd(cctx, "Options", "-SessionTicket"), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "Options", "NoSuchOption"), 0);
    CHECK_ERR("bad value");
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    CHECK_INT(SSL_CONF_cmd_value_type(cctx, "Certificate"), SSL_CONF_TYPE_FILE);
    CHECK_INT(SSL_CONF_cmd_value_type(cctx, "cipher"), SSL_CONF_TYPE_UNKNOWN); /* a command-line name */
    CHECK_INT(SSL_CONF_cmd(cctx, "Certificate", cert("server-ecdsa.pem")), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "PrivateKey", cert("server-ecdsa.key")), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "ciphersuites", "TLS_CHACHA20_POLY1305_SHA256"), 2); /* file names: any case */
    CHECK_INT(SSL_CONF_cmd(cctx, "MinProtocol", "TLSv1.3"), 2);
    CHECK_INT(SSL_CTX_get_min_proto_version(ctx), TLS1_3_VERSION);
    CHECK_INT(SSL_CONF_cmd(cctx, "Options", "-SessionTicket,ServerPreference"), 2);
    CHECK(SSL_CTX_get_options(ctx) & SSL_OP_NO_TICKET);
    CHECK(SSL_CTX_get_options(ctx) & SSL_OP_CIPHER_SERVER_PREFERENCE);
    CHECK_INT(SSL_CONF_cmd(cctx, "VerifyMode", "Require"), 2);
    CHECK_INT(SSL_CTX_get_verify_mode(ctx), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT);
    CHECK_INT(SSL_CONF_cmd(cctx, "VerifyCAFile", cert("ca.pem")), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "ClientCAFile", cert("ca.pem")), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "Groups", "X25519:P-256"), 2);
    CHECK_INT(SSL_CONF_cmd(cctx, "MaxProtocol", "TLSv9"), 0);
    CHECK_ERR("bad value");
    CHECK_INT(SSL_CONF_cmd(cctx, "NoSuchCommand", "x"), -2);
    CHECK_ERR("unknown cmd name");
    CHECK_INT(SSL_CONF_cmd(cctx, "CipherString", NULL), -3);
    CHECK_ERR("bad value");
    CHECK_INT(SSL_CONF_cmd(cctx, "-no_ticket", NULL), -2); /* switches are command-line only */
    CHECK_ERR("unknown cmd name");
    CHECK_INT(SSL_CONF_CTX_finish(cctx), 1);
    CHECK_NO_ERR();
    /* argv form (sets SSL_CONF_FLAG_CMDLINE): a switch, a command with its value, then
     * something that is not a command */
    SSL_CONF_CTX_clear_flags(cctx, SSL_CONF_FLAG_SHOW_ERRORS);
    CHECK_INT(SSL_CONF_cmd_argv(cctx, &argc, &argv), 1);
    CHECK_INT(argc, 4);
    CHECK_INT(SSL_CONF_cmd_argv(cctx, &argc, &argv), 2);
    CHECK_INT(argc, 2);
    CHECK_STR(argv[0], "-bogus");
    CHECK_INT(SSL_CONF_cmd_argv(cctx, &argc, &argv), 0);
    CHECK_INT(argc, 2);
    SSL_CONF_CTX_free(cctx);
    CHECK_NO_ERR();
    /* the configured server: TLS 1.3 with the one suite, a client certificate required */
    ssl = accept_client(ctx, &fd, "-verify_return_error -CAfile %s -cert %s -key %s -cert_chain %s",
                        cert("ca.pem"), cert("client.pem"), cert("client.key"), cert("ca-ecdsa.pem"));
    CHECK_INT(SSL_accept(ssl), 1);
    CHECK_STR(SSL_get_version(ssl), "TLSv1.3");
    CHECK_STR(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), "TLS_CHACHA20_POLY1305_SHA256");
    CHECK_INT(SSL_get_verify_result(ssl), X509_V_OK);
    CHECK_STR(peer_subject(ssl, name, sizeof name), "/CN=ferrossl test client");
    echo_and_close(ssl, "Verification: OK");
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
}

TEST_MAIN(S(ssl_conf), S(mtls_revoked_client), S(mtls_revoked_unchecked),
          S(tls13_ecdsa), S(tls13_rsa), S(tls13_ed25519), S(tls12_ecdsa), S(tls12_rsa), S(tls12_ed25519),
          S(chacha_client_choice), S(server_settings), S(mtls_tls13), S(mtls_tls12), S(mtls_missing_tls13),
          S(mtls_missing_tls12), S(mtls_untrusted_client), S(mtls_ca_leaf_client_purpose), S(sni_switch), S(alpn), S(resume_tls13),
          S(resume_tls12), S(external_cache_tls12), S(internal_cache_tls12), S(nonblocking), S(garbage_from_client), S(http_to_tls_port), S(eof_mid_handshake),
          S(eof_after_handshake))
