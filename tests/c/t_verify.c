/* t_verify: X509_verify_cert and X509_STORE_CTX outside a handshake, and CRLs.
 * Every expectation was checked against OpenSSL 3 (tests/c/run.sh openssl) and
 * `openssl verify -crl_check -CAfile ...`. */
#include "helpers.h"

#ifdef FERROSSL_USE_OPENSSL_HEADERS
#define X509_STACK STACK_OF(X509)
#else
#define X509_STACK OPENSSL_STACK
#endif

static X509 *load_cert(const char *name)
{
    BIO *b = BIO_new_file(cert(name), "r");
    X509 *x;
    REQUIRE(b != NULL);
    x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    REQUIRE(x != NULL);
    return x;
}

static X509_CRL *load_crl(const char *name)
{
    BIO *b = BIO_new_file(cert(name), "r");
    X509_CRL *c;
    REQUIRE(b != NULL);
    c = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
    BIO_free(b);
    return c;
}

static X509_STORE *store_with(const char *cafile, const char *crlfile)
{
    X509_STORE *s = X509_STORE_new();
    REQUIRE(s != NULL);
    REQUIRE(X509_STORE_load_locations(s, cert(cafile), NULL) == 1);
    if (crlfile != NULL) {
        X509_CRL *c = load_crl(crlfile);
        REQUIRE(c != NULL);
        CHECK_INT(X509_STORE_add_crl(s, c), 1);
        X509_CRL_free(c);
    }
    return s;
}

/* verify LEAF (with optional untrusted INTER) against STORE; returns X509_verify_cert's
 * result, *err and *depth the context's error and depth */
static int verify(X509_STORE *s, const char *leaf, const char *inter, unsigned long flags, const char *host,
                  int *err, int *depth)
{
    X509 *x = load_cert(leaf), *i = NULL;
    OPENSSL_STACK *untrusted = NULL;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int rc;
    REQUIRE(ctx != NULL);
    if (inter != NULL) {
        i = load_cert(inter);
        untrusted = OPENSSL_sk_new_null();
        OPENSSL_sk_push(untrusted, i);
    }
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, (X509_STACK *)untrusted) == 1);
    if (flags)
        X509_STORE_CTX_set_flags(ctx, flags);
    if (host != NULL)
        CHECK_INT(X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), host, 0), 1);
    CHECK(X509_STORE_CTX_get0_cert(ctx) == x);
    rc = X509_verify_cert(ctx);
    *err = X509_STORE_CTX_get_error(ctx);
    *depth = X509_STORE_CTX_get_error_depth(ctx);
    NOTE("%s: X509_verify_cert %d, error %d (%s) at depth %d", leaf, rc, *err,
         X509_verify_cert_error_string(*err), *depth);
    X509_STORE_CTX_free(ctx);
    OPENSSL_sk_free(untrusted);
    X509_free(i);
    X509_free(x);
    return rc;
}

static void expect(const char *cafile, const char *crlfile, const char *leaf, const char *inter,
                   unsigned long flags, const char *host, int want_rc, int want_err, int want_depth)
{
    int err, depth;
    X509_STORE *s = store_with(cafile, crlfile);
    CHECK_INT(verify(s, leaf, inter, flags, host, &err, &depth), want_rc);
    CHECK_INT(err, want_err);
    CHECK_INT(depth, want_depth);
    ERR_clear_error();
    X509_STORE_free(s);
}

SCENARIO(good_chain)
{
    X509_STORE *s = store_with("ca.pem", NULL);
    X509 *x = load_cert("chained.pem"), *i = load_cert("int-ca.pem");
    OPENSSL_STACK *untrusted = OPENSSL_sk_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    OPENSSL_STACK *chain;
    char name[256];
    OPENSSL_sk_push(untrusted, i);
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, (X509_STACK *)untrusted) == 1);
    CHECK_INT(X509_verify_cert(ctx), 1);
    CHECK_INT(X509_STORE_CTX_get_error(ctx), X509_V_OK);
    chain = (OPENSSL_STACK *)X509_STORE_CTX_get0_chain(ctx);
    CHECK_INT(OPENSSL_sk_num(chain), 3);
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(chain, 0)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl chained server");
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value(chain, 2)), name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test CA ecdsa");
    chain = (OPENSSL_STACK *)X509_STORE_CTX_get1_chain(ctx);
    CHECK_INT(OPENSSL_sk_num(chain), 3);
    OPENSSL_sk_pop_free(chain, (OPENSSL_sk_freefunc)X509_free);
    CHECK_NO_ERR();
    /* reuse after cleanup: an untrusted leaf now */
    X509_STORE_CTX_cleanup(ctx);
    X509_free(x);
    x = load_cert("untrusted.pem");
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, NULL) == 1);
    CHECK_INT(X509_verify_cert(ctx), 0);
    CHECK_INT(X509_STORE_CTX_get_error(ctx), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    OPENSSL_sk_free(untrusted);
    X509_free(i);
    X509_free(x);
    X509_STORE_free(s);
}

SCENARIO(untrusted_root) { expect("ca.pem", NULL, "untrusted.pem", NULL, 0, NULL, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0); }
SCENARIO(missing_intermediate) { expect("ca.pem", NULL, "chained.pem", NULL, 0, NULL, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0); }
SCENARIO(self_signed) { expect("ca.pem", NULL, "selfsigned.pem", NULL, 0, NULL, 0, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0); }
/* a self-signed CA:TRUE certificate (`openssl req -x509`) trusted as itself: a chain of
 * one; not trusted: self-signed; a trusted CA whose keyUsage lacks digitalSignature is
 * unsuitable as a TLS server's certificate */
SCENARIO(self_signed_trusted)
{
    int err, depth;
    X509_STORE *s = store_with("selfsigned-ca.pem", NULL);
    CHECK_INT(verify(s, "selfsigned-ca.pem", NULL, 0, "localhost", &err, &depth), 1);
    CHECK_INT(err, X509_V_OK);
    X509_STORE_set_purpose(s, X509_PURPOSE_SSL_SERVER);
    CHECK_INT(verify(s, "selfsigned-ca.pem", NULL, 0, "localhost", &err, &depth), 1);
    CHECK_INT(verify(s, "selfsigned-ca.pem", NULL, 0, "other.example", &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_HOSTNAME_MISMATCH);
    ERR_clear_error();
    X509_STORE_free(s);
    s = store_with("ca.pem", NULL);
    CHECK_INT(verify(s, "ca.pem", NULL, 0, NULL, &err, &depth), 1);
    X509_STORE_set_purpose(s, X509_PURPOSE_SSL_SERVER);
    CHECK_INT(verify(s, "ca.pem", NULL, 0, NULL, &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_INVALID_PURPOSE);
    ERR_clear_error();
    X509_STORE_free(s);
}
SCENARIO(self_signed_ca_untrusted) { expect("ca.pem", NULL, "selfsigned-ca.pem", NULL, 0, NULL, 0, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0); }

/* a leaf with basicConstraints CA:TRUE issued by a trusted CA: OpenSSL does not refuse a CA
 * certificate as an end entity, so it verifies when the usual checks pass (host, validity,
 * purpose by keyUsage/extendedKeyUsage: ca-leaf is serverAuth only) and fails as they do */
SCENARIO(ca_leaf)
{
    int err, depth;
    X509_STORE *s = store_with("ca.pem", NULL);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509 *x = load_cert("ca-leaf.pem");
    char name[256];
    CHECK_INT(verify(s, "ca-leaf.pem", NULL, 0, "localhost", &err, &depth), 1);
    CHECK_INT(err, X509_V_OK);
    CHECK_INT(verify(s, "ca-leaf.pem", NULL, 0, "other.example", &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK_INT(depth, 0);
    CHECK_INT(verify(s, "ca-leaf-expired.pem", NULL, 0, "localhost", &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK_INT(depth, 0);
    CHECK_INT(verify(s, "ca-leaf.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_UNABLE_TO_GET_CRL);
    /* the chain built: the leaf, then its CA */
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, NULL) == 1);
    CHECK_INT(X509_verify_cert(ctx), 1);
    CHECK_INT(OPENSSL_sk_num((OPENSSL_STACK *)X509_STORE_CTX_get0_chain(ctx)), 2);
    X509_NAME_oneline(X509_get_subject_name((X509 *)OPENSSL_sk_value((OPENSSL_STACK *)X509_STORE_CTX_get0_chain(ctx), 1)),
                      name, sizeof name);
    CHECK_STR(name, "/CN=ferrossl test CA ecdsa");
    X509_STORE_CTX_free(ctx);
    X509_free(x);
    X509_STORE_set_purpose(s, X509_PURPOSE_SSL_SERVER);
    CHECK_INT(verify(s, "ca-leaf.pem", NULL, 0, "localhost", &err, &depth), 1);
    X509_STORE_set_purpose(s, X509_PURPOSE_SSL_CLIENT);
    CHECK_INT(verify(s, "ca-leaf.pem", NULL, 0, "localhost", &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_INVALID_PURPOSE);
    CHECK_INT(depth, 0);
    ERR_clear_error();
    X509_STORE_free(s);
    /* issued by a CA the store does not hold */
    expect("ca-rsa.pem", NULL, "ca-leaf.pem", NULL, 0, NULL, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0);
}

/* X509_check_purpose and the X509_PURPOSE table, as OpenSSL 3.0 has them */
SCENARIO(purposes)
{
    X509 *ca = load_cert("ca.pem"), *srv = load_cert("server-ecdsa.pem");
    X509_PURPOSE *xp;
    int i;
    CHECK_INT(X509_PURPOSE_get_count(), 9);
    i = X509_PURPOSE_get_by_sname("sslserver");
    CHECK_INT(i, 1);
    xp = X509_PURPOSE_get0(i);
    REQUIRE(xp != NULL);
    CHECK_INT(X509_PURPOSE_get_id(xp), X509_PURPOSE_SSL_SERVER);
    CHECK_INT(X509_PURPOSE_get_trust(xp), X509_TRUST_SSL_SERVER);
    CHECK_STR(X509_PURPOSE_get0_name(xp), "SSL server");
    CHECK_STR(X509_PURPOSE_get0_sname(X509_PURPOSE_get0(X509_PURPOSE_get_by_id(X509_PURPOSE_TIMESTAMP_SIGN))),
              "timestampsign");
    CHECK_INT(X509_PURPOSE_get_by_sname("nonesuch"), -1);
    CHECK(X509_PURPOSE_get0(9) == NULL);
    CHECK_INT(X509_PURPOSE_get_by_id(42), -1);
    CHECK_INT(X509_check_purpose(srv, X509_PURPOSE_SSL_SERVER, 0), 1);
    CHECK_INT(X509_check_purpose(srv, X509_PURPOSE_SSL_CLIENT, 0), 0);
    CHECK_INT(X509_check_purpose(srv, X509_PURPOSE_SSL_SERVER, 1), 0);
    CHECK_INT(X509_check_purpose(ca, X509_PURPOSE_SSL_SERVER, 1), 1);
    CHECK_INT(X509_check_purpose(ca, -1, 0), 1);
    CHECK_INT(X509_check_purpose(srv, 42, 0), -1);
    ERR_clear_error();
    X509_free(ca);
    X509_free(srv);
}

SCENARIO(expired) { expect("ca.pem", NULL, "expired.pem", NULL, 0, NULL, 0, X509_V_ERR_CERT_HAS_EXPIRED, 0); }
SCENARIO(not_yet_valid) { expect("ca.pem", NULL, "notyet.pem", NULL, 0, NULL, 0, X509_V_ERR_CERT_NOT_YET_VALID, 0); }
SCENARIO(host_ok) { expect("ca.pem", NULL, "server-ecdsa.pem", NULL, 0, "localhost", 1, X509_V_OK, 0); }
SCENARIO(wrong_host) { expect("ca.pem", NULL, "other.pem", NULL, 0, "localhost", 0, X509_V_ERR_HOSTNAME_MISMATCH, 0); }

/* X509_STORE_CTX_set_time: the expired certificate verifies as of 2000-06-01 */
SCENARIO(check_time)
{
    X509_STORE *s = store_with("ca.pem", NULL);
    X509 *x = load_cert("expired.pem");
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, NULL) == 1);
    X509_STORE_CTX_set_time(ctx, 0, (time_t)959817600);
    CHECK_INT(X509_verify_cert(ctx), 1);
    CHECK_INT(X509_STORE_CTX_get_error(ctx), X509_V_OK);
    X509_STORE_CTX_free(ctx);
    X509_free(x);
    X509_STORE_free(s);
}

/* depth 0: the intermediate is one too many */
SCENARIO(depth)
{
    X509_STORE *s = store_with("ca.pem", NULL);
    X509 *x = load_cert("chained.pem"), *i = load_cert("int-ca.pem");
    OPENSSL_STACK *untrusted = OPENSSL_sk_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    OPENSSL_sk_push(untrusted, i);
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, (X509_STACK *)untrusted) == 1);
    X509_STORE_CTX_set_depth(ctx, 0);
    CHECK_INT(X509_verify_cert(ctx), 0);
    CHECK_INT(X509_STORE_CTX_get_error(ctx), X509_V_ERR_CERT_CHAIN_TOO_LONG);
    CHECK_INT(X509_STORE_CTX_get_error_depth(ctx), 1);
    ERR_clear_error();
    X509_STORE_CTX_cleanup(ctx);
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, (X509_STACK *)untrusted) == 1);
    X509_STORE_CTX_set_depth(ctx, 1);
    CHECK_INT(X509_verify_cert(ctx), 1);
    X509_STORE_CTX_free(ctx);
    OPENSSL_sk_free(untrusted);
    X509_free(i);
    X509_free(x);
    X509_STORE_free(s);
}

/* the verify callback sees each error and may override it */
static int cb_calls, cb_seen_err, cb_ex_ok;
static int cb_ex_idx = -1;
static int override_cb(int ok, X509_STORE_CTX *ctx)
{
    cb_calls++;
    if (cb_ex_idx >= 0 && X509_STORE_CTX_get_ex_data(ctx, cb_ex_idx) == (void *)&cb_calls)
        cb_ex_ok = 1;
    if (!ok) {
        cb_seen_err = X509_STORE_CTX_get_error(ctx);
        if (cb_seen_err == X509_V_ERR_CERT_HAS_EXPIRED)
            return 1;
    }
    return ok;
}
SCENARIO(callback_override)
{
    X509_STORE *s = store_with("ca.pem", NULL);
    X509 *x = load_cert("expired.pem");
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    cb_ex_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_X509_STORE_CTX, 0, NULL, NULL, NULL, NULL);
    CHECK(cb_ex_idx >= 0);
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, NULL) == 1);
    CHECK_INT(X509_STORE_CTX_set_ex_data(ctx, cb_ex_idx, &cb_calls), 1);
    X509_STORE_CTX_set_verify_cb(ctx, override_cb);
    CHECK_INT(X509_verify_cert(ctx), 1);
    CHECK_INT(cb_seen_err, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(cb_calls >= 2); /* the root and the leaf at least */
    CHECK_INT(cb_ex_ok, 1);
    /* the overridden error stays recorded, as in OpenSSL */
    CHECK_INT(X509_STORE_CTX_get_error(ctx), X509_V_ERR_CERT_HAS_EXPIRED);
    X509_STORE_CTX_free(ctx);
    /* set on the store: used by contexts that set none; an untrusted leaf stays refused */
    cb_calls = 0;
    X509_STORE_set_verify_cb(s, override_cb);
    ctx = X509_STORE_CTX_new();
    X509_free(x);
    x = load_cert("untrusted.pem");
    REQUIRE(X509_STORE_CTX_init(ctx, s, x, NULL) == 1);
    CHECK_INT(X509_verify_cert(ctx), 0);
    CHECK(cb_calls >= 1);
    CHECK_INT(cb_seen_err, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_free(x);
    X509_STORE_free(s);
}

SCENARIO(no_cert)
{
    X509_STORE *s = store_with("ca.pem", NULL);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    REQUIRE(X509_STORE_CTX_init(ctx, s, NULL, NULL) == 1);
    CHECK_INT(X509_verify_cert(ctx), -1);
    CHECK_ERR("no cert set for us to verify");
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(s);
    X509_STORE_CTX_free(NULL);
    X509_CRL_free(NULL);
}

/* ---- CRLs */
SCENARIO(crl_revoked) { expect("ca.pem", "crl.pem", "revoked.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 0, X509_V_ERR_CERT_REVOKED, 0); }
SCENARIO(crl_good) { expect("ca.pem", "crl.pem", "server-ecdsa.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 1, X509_V_OK, 0); }
SCENARIO(crl_not_checked) { expect("ca.pem", "crl.pem", "revoked.pem", NULL, 0, NULL, 1, X509_V_OK, 0); }
SCENARIO(crl_missing) { expect("ca.pem", NULL, "server-ecdsa.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 0, X509_V_ERR_UNABLE_TO_GET_CRL, 0); }
SCENARIO(crl_other_issuer) { expect("ca.pem", "crl-other.pem", "server-ecdsa.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 0, X509_V_ERR_UNABLE_TO_GET_CRL, 0); }
SCENARIO(crl_expired) { expect("ca.pem", "crl-expired.pem", "server-ecdsa.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 0, X509_V_ERR_CRL_HAS_EXPIRED, 0); }
SCENARIO(crl_forged) { expect("ca.pem", "crl-forged.pem", "server-ecdsa.pem", NULL, X509_V_FLAG_CRL_CHECK, NULL, 0, X509_V_ERR_CRL_SIGNATURE_FAILURE, 0); }
SCENARIO(crl_check_all_int) { expect("ca.pem", "crl.pem", "chained.pem", "int-ca.pem", X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL, NULL, 0, X509_V_ERR_UNABLE_TO_GET_CRL, 0); }

/* a bundle holding certificates and a CRL, loaded CPython's way; flags on the store */
SCENARIO(crl_bundle)
{
    int err, depth;
    X509_STORE *s = X509_STORE_new();
    REQUIRE(X509_STORE_load_locations(s, cert("ca-crl.pem"), NULL) == 1);
    CHECK_INT(X509_STORE_set_flags(s, X509_V_FLAG_CRL_CHECK), 1);
    CHECK_INT(verify(s, "revoked.pem", NULL, 0, NULL, &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_CERT_REVOKED);
    CHECK_INT(verify(s, "server-ecdsa.pem", NULL, 0, NULL, &err, &depth), 1);
    ERR_clear_error();
    X509_STORE_free(s);
}

/* curl's way: X509_load_crl_file through a file lookup */
SCENARIO(crl_lookup)
{
    int err, depth;
    X509_STORE *s = store_with("ca.pem", NULL);
    X509_LOOKUP *l = X509_STORE_add_lookup(s, X509_LOOKUP_file());
    REQUIRE(l != NULL);
    CHECK_INT(X509_load_crl_file(l, cert("crl.pem"), X509_FILETYPE_PEM), 1);
    CHECK_INT(X509_STORE_set_flags(s, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL), 1);
    CHECK_INT(verify(s, "revoked.pem", NULL, 0, NULL, &err, &depth), 0);
    CHECK_INT(err, X509_V_ERR_CERT_REVOKED);
    ERR_clear_error();
    /* a garbage CRL file: 0 and an error entry */
    CHECK_INT(X509_load_crl_file(l, cert("crl-garbage.pem"), X509_FILETYPE_PEM), 0);
    CHECK_ERR(NULL);
    /* a certificate file holds no CRL */
    CHECK_INT(X509_load_crl_file(l, cert("ca.pem"), X509_FILETYPE_PEM), 0);
    CHECK_ERR(NULL);
    X509_STORE_free(s);
}

/* parsing: DER round trip, garbage refused with an error */
SCENARIO(crl_parse)
{
    X509_CRL *c = load_crl("crl.pem"), *d;
    unsigned char *der = NULL;
    const unsigned char *p;
    int n;
    static const unsigned char junk[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    REQUIRE(c != NULL);
    n = i2d_X509_CRL(c, &der);
    CHECK(n > 100);
    p = der;
    d = d2i_X509_CRL(NULL, &p, n);
    CHECK(d != NULL);
    CHECK(p == der + n);
    CHECK_INT(X509_CRL_up_ref(d), 1);
    X509_CRL_free(d);
    X509_CRL_free(d);
    OPENSSL_free(der);
    X509_CRL_free(c);
    CHECK_NO_ERR();
    p = junk;
    CHECK(d2i_X509_CRL(NULL, &p, sizeof junk) == NULL);
    CHECK_ERR(NULL);
    CHECK(load_crl("crl-garbage.pem") == NULL);
    CHECK_ERR(NULL);
    CHECK(load_crl("ca.pem") == NULL);
    CHECK_ERR(NULL);
}

TEST_MAIN(S(good_chain), S(untrusted_root), S(missing_intermediate), S(self_signed), S(self_signed_trusted), S(self_signed_ca_untrusted), S(ca_leaf), S(purposes), S(expired), S(not_yet_valid),
          S(host_ok), S(wrong_host), S(check_time), S(depth), S(callback_override), S(no_cert), S(crl_revoked),
          S(crl_good), S(crl_not_checked), S(crl_missing), S(crl_other_issuer), S(crl_expired), S(crl_forged),
          S(crl_check_all_int), S(crl_bundle), S(crl_lookup), S(crl_parse))
