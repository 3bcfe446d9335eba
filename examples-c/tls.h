/* tls.h: the only include of every ferrossl C example and test.
 *
 * Built with -DFERROSSL_USE_OPENSSL_HEADERS it uses OpenSSL 3's own headers (link
 * -lssl -lcrypto, or run with LD_PRELOAD=libferrossl.so); otherwise ferrossl's generated
 * header, which defines the same names, constants and macros (link -lferrossl). */
#ifndef FERROSSL_EXAMPLES_TLS_H
#define FERROSSL_EXAMPLES_TLS_H
#ifdef FERROSSL_USE_OPENSSL_HEADERS
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ui.h>
#include <openssl/store.h>
#include <openssl/lhash.h>
#else
#include "ferrossl.h"
#endif
#endif
