/* threadbench: full TLS 1.3 handshakes per second over memory BIOs, with one
 * client SSL_CTX and one server SSL_CTX shared by N threads (N = 1, then 2).
 * Usage: threadbench CERT KEY CAFILE [SECONDS]. Part of `make bench`. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "tls.h"

static SSL_CTX *cctx, *sctx;
static double seconds = 2.0;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pump(BIO *from, BIO *to) {
    char buf[16384];
    int n;
    while ((n = BIO_read(from, buf, sizeof buf)) > 0) BIO_write(to, buf, n);
}

static int one_handshake(void) {
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    SSL_set_tlsext_host_name(c, "localhost");
    SSL_set1_host(c, "localhost");
    int ok = 0;
    for (int i = 0; i < 20 && !ok; i++) {
        int rc = SSL_do_handshake(c);
        pump(c_out, s_in);
        int rs = SSL_do_handshake(s);
        pump(s_out, c_in);
        ok = rc == 1 && rs == 1;
    }
    ok = ok && SSL_get_verify_result(c) == X509_V_OK;
    SSL_free(c);
    SSL_free(s);
    return ok;
}

static void *worker(void *arg) {
    long *count = arg;
    double end = now() + seconds;
    while (now() < end) {
        if (!one_handshake()) { fprintf(stderr, "handshake failed\n"); ERR_print_errors_fp(stderr); exit(1); }
        (*count)++;
    }
    return NULL;
}

static double run(int n) {
    pthread_t t[8];
    long counts[8] = {0};
    for (int i = 0; i < n; i++) pthread_create(&t[i], NULL, worker, &counts[i]);
    long total = 0;
    for (int i = 0; i < n; i++) { pthread_join(t[i], NULL); total += counts[i]; }
    return total / seconds;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s CERT KEY CAFILE [SECONDS]\n", argv[0]); return 2; }
    if (argc > 4) seconds = atof(argv[4]);
    sctx = SSL_CTX_new(TLS_server_method());
    cctx = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_use_certificate_chain_file(sctx, argv[1]) != 1 || SSL_CTX_use_PrivateKey_file(sctx, argv[2], SSL_FILETYPE_PEM) != 1
        || SSL_CTX_load_verify_locations(cctx, argv[3], NULL) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set1_groups_list(cctx, "X25519");
    one_handshake(); /* warm up: seeding, config build */
    double one = run(1), two = run(2);
    printf("threads 1: %.0f handshakes/s\nthreads 2: %.0f handshakes/s\nscaling 2/1: %.2fx\n", one, two, two / one);
    return 0;
}
