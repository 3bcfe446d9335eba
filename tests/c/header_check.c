/* tests/c/header_check.c (make test-header): include/ferrossl.h must compile as C11
 * (pedantic) and as C++17 (cbindgen.toml's cpp_compat), both with warnings as errors.
 * Syntax only. The function expands some of the header's function-like macros and
 * names fields of the hand-written structs, which a bare #include would not check. */
#include "ferrossl.h"

long header_check(SSL_CTX *ctx, SSL *ssl, BIO *bio, const GENERAL_NAME *gn);

long header_check(SSL_CTX *ctx, SSL *ssl, BIO *bio, const GENERAL_NAME *gn)
{
    BUF_MEM *mem = NULL;
    const ASN1_STRING *dns = gn->d.dNSName;
    long n = SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);
    n += SSL_set_tlsext_host_name(ssl, "example.com");
    n += BIO_get_mem_ptr(bio, &mem);
    n += BIO_pending(bio) + ERR_GET_REASON(ERR_get_error());
    return n + dns->length + (long)mem->length + (long)sizeof(GENERAL_NAME);
}
