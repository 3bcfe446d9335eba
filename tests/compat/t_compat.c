/* tests/compat/t_compat.c: the compat entry points, built against OpenSSL's own headers
 * and run twice (system OpenSSL, then ferrossl through the compat directory); run.sh
 * compares the two outputs line by line. Usage: t_compat CA.pem SERVER.pem PORT
 [DHPARAMS.pem] (an `openssl s_server -www` with SERVER.pem listens on 127.0.0.1:PORT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <openssl/ec.h>
#include <openssl/dh.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#define SHOW(fmt, ...) printf(fmt "\n", __VA_ARGS__)

static int tcp(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET; a.sin_port = htons(port); a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); exit(2); }
  return fd;
}

/* handshake with ctx, host name check on `host` through SSL_get0_param */
static void connect_with(SSL_CTX *ctx, int port, const char *host, const char *what) {
  SSL *ssl = SSL_new(ctx);
  SSL_set_fd(ssl, tcp(port));
  SSL_set_tlsext_host_name(ssl, "localhost");
  if (host) {
    X509_VERIFY_PARAM *vpm = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(vpm, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    SHOW("%s: set1_host(%s) = %d", what, host, X509_VERIFY_PARAM_set1_host(vpm, host, 0));
  }
  int r = SSL_connect(ssl);
  SHOW("%s: SSL_connect = %d, verify_result = %ld", what, r, SSL_get_verify_result(ssl));
  if (r == 1) {
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    SHOW("%s: peer chain length %d, same pointer twice %d", what, sk_X509_num(chain),
         chain == SSL_get_peer_cert_chain(ssl));
    char desc[128];
    SHOW("%s: cipher description has Mac=AEAD %d", what,
         strstr(SSL_CIPHER_description(SSL_get_current_cipher(ssl), desc, sizeof desc), "Mac=AEAD") != NULL);
    /* exporter (stderr: compared with what s_server -keymatexport printed) */
    unsigned char km[20];
    if (SSL_export_keying_material(ssl, km, sizeof km, "EXPERIMENTAL-ferrossl", 21, NULL, 0, 0) == 1) {
      fprintf(stderr, "keymat ");
      for (size_t i = 0; i < sizeof km; i++) fprintf(stderr, "%02X", km[i]);
      fprintf(stderr, "\n");
    } else {
      fprintf(stderr, "keymat failed\n");
    }
    SSL_shutdown(ssl);
  }
  ERR_clear_error();
  close(SSL_get_fd(ssl));
  SSL_free(ssl);
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: t_compat CA SERVERCERT PORT [DHPARAMS]\n"); return 2; }
  const char *ca = argv[1], *servercert = argv[2];
  int port = atoi(argv[3]);

  /* SSL_select_next_proto: match in server order, fallback, empty client list */
  const unsigned char srv[] = "\x02h2\x08http/1.1", cli[] = "\x08http/1.1\x02h2", other[] = "\x03" "foo";
  unsigned char *out = NULL; unsigned char outlen = 0;
  int r = SSL_select_next_proto(&out, &outlen, srv, sizeof srv - 1, cli, sizeof cli - 1);
  SHOW("select_next_proto match: %d %.*s (points into server list: %d)", r, outlen, out, out == srv + 1);
  r = SSL_select_next_proto(&out, &outlen, srv, sizeof srv - 1, other, sizeof other - 1);
  SHOW("select_next_proto fallback: %d %.*s (points into client list: %d)", r, outlen, out, out == other + 1);
  r = SSL_select_next_proto(&out, &outlen, srv, sizeof srv - 1, other, 0);
  SHOW("select_next_proto empty client: %d out=%s len=%d", r, out ? "set" : "NULL", outlen);

  /* EC curve table as LuaSec builds it; EC_KEY for SSL_CTX_set_tmp_ecdh */
  size_t n = EC_get_builtin_curves(NULL, 0);
  EC_builtin_curve *curves = calloc(n, sizeof *curves);
  EC_get_builtin_curves(curves, n);
  int p256 = 0, p384 = 0;
  for (size_t i = 0; i < n; i++) {
    p256 |= curves[i].nid == NID_X9_62_prime256v1 && curves[i].comment != NULL;
    p384 |= curves[i].nid == NID_secp384r1;
  }
  free(curves);
  SHOW("builtin curves include P-256 %d P-384 %d, sn %s", p256, p384, OBJ_nid2sn(NID_X9_62_prime256v1));
  SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
  EC_KEY *ec = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1);
  SHOW("EC_KEY P-256 %s, SSL_CTX_set_tmp_ecdh = %ld", ec ? "made" : "NULL", SSL_CTX_set_tmp_ecdh(sctx, ec));
  EC_KEY_free(ec);

  /* DH parameters: none in a certificate file (error queued), built-in group via BIGNUMs */
  BIO *bio = BIO_new_file(servercert, "r");
  DH *dh = PEM_read_bio_DHparams(bio, NULL, NULL, NULL);
  SHOW("BIO_new_file %s, DHparams in cert file: %s, error reason %d", bio ? "ok" : "NULL", dh ? "found" : "none",
       ERR_GET_REASON(ERR_get_error()));
  ERR_clear_error();
  BIO_free(bio);
  bio = BIO_new_file("/nonexistent/x", "r");
  unsigned long first = ERR_get_error(), last = ERR_peek_last_error();
  SHOW("BIO_new_file(missing) %s, first error lib %d reason %d, last error lib %d reason %d", bio ? "opened" : "NULL",
       ERR_GET_LIB(first), ERR_GET_REASON(first), ERR_GET_LIB(last), ERR_GET_REASON(last));
  ERR_clear_error();
  static const unsigned char p[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc5}, g[] = {2};
  dh = DH_new();
  BIGNUM *bp = BN_bin2bn(p, sizeof p, NULL), *bg = BN_bin2bn(g, sizeof g, NULL);
  char *hex = BN_bn2hex(bp);
  SHOW("BN_bn2hex %s", hex);
  OPENSSL_free(hex);
  SHOW("DH_set0_pqg = %d", DH_set0_pqg(dh, bp, NULL, bg));
  DH_free(dh);
  /* RFC 7919 ffdhe2048 parameters from a PEM file (argv[4] when given) */
  if (argc > 4) {
    bio = BIO_new_file(argv[4], "r");
    dh = PEM_read_bio_DHparams(bio, NULL, NULL, NULL);
    SHOW("DHparams file: %s, SSL_CTX_set_tmp_dh = %ld", dh ? "found" : "none", SSL_CTX_set_tmp_dh(sctx, dh));
    DH_free(dh);
    BIO_free(bio);
  }
  SSL_CTX_free(sctx);

  /* trust through the context's X509_STORE (no load_verify_locations) */
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
  connect_with(ctx, port, NULL, "empty store");
  bio = BIO_new_file(ca, "r");
  X509 *cacert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
  BIO_free(bio);
  X509_STORE *store = SSL_CTX_get_cert_store(ctx);
  SHOW("store same pointer twice %d, add_cert = %d, again = %d", store == SSL_CTX_get_cert_store(ctx),
       X509_STORE_add_cert(store, cacert), X509_STORE_add_cert(store, cacert));
  ERR_clear_error();
  X509_free(cacert);
  connect_with(ctx, port, NULL, "ca in store");
  connect_with(ctx, port, "localhost", "host localhost");
  connect_with(ctx, port, "wrong.example", "host wrong.example");
  /* TLS 1.2: the RFC 5705 exporter (master secret and both randoms) */
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  connect_with(ctx, port, "localhost", "TLS 1.2, host localhost");
  SSL_CTX_free(ctx);
  printf("done\n");
  /* which library served us (stderr: not part of the compared output) */
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512]; int ferrossl = 0, system_ssl = 0;
  while (maps && fgets(line, sizeof line, maps)) {
    ferrossl |= strstr(line, "libferrossl.so") != NULL;
    system_ssl |= strstr(line, "/usr/lib/x86_64-linux-gnu/libssl.so") != NULL;
  }
  if (maps) fclose(maps);
  fprintf(stderr, "%s\n", ferrossl && !system_ssl ? "served-by-ferrossl" : system_ssl ? "served-by-system-openssl" : "served-by-unknown");
  return 0;
}
