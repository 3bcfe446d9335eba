/*
 * OpenSSL's C-variadic entry points. Stable Rust cannot define a C-variadic
 * function, so these few are written in C: each formats with the C library's
 * vsnprintf (so every printf conversion works, floating point included) and
 * hands the text to ferrossl's Rust code through BIO_write or one of the two
 * internal functions below. Compiled by build.rs; nothing else here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct bio_st BIO;
int BIO_write(BIO *b, const void *data, int dlen);
/* Rust (src/entry/crypto/err.rs): give the newest ERR entry lib/reason and
 * `text` as its data (NULL: none); append `text` to its data. */
void ferrossl_err_set_error_text(int lib, int reason, const char *text);
void ferrossl_err_add_error_text(const char *text);

/* OpenSSL's ERR_MAX_DATA_SIZE: formatted ERR data is cut to 1023 bytes. */
#define ERR_MAX_DATA_SIZE 1024

/* A malloc'ed, NUL-terminated formatting of `fmt`; its length in *len. */
static char *vformat(const char *fmt, va_list ap, int *len)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s == NULL)
        return NULL;
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    *len = n;
    return s;
}

int BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    if (bio == NULL || format == NULL)
        return -1;
    int n = 0;
    char *s = vformat(format, args, &n);
    if (s == NULL)
        return -1;
    int r = n == 0 ? 0 : BIO_write(bio, s, n);
    free(s);
    return r;
}

int BIO_printf(BIO *bio, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int r = BIO_vprintf(bio, format, ap);
    va_end(ap);
    return r;
}

/* OpenSSL: the length written without the NUL, or -1 on error or truncation. */
int BIO_vsnprintf(char *buf, size_t n, const char *format, va_list args)
{
    if (buf == NULL || n == 0 || format == NULL)
        return -1;
    int r = vsnprintf(buf, n, format, args);
    if (r < 0 || (size_t)r >= n)
        return -1;
    return r;
}

int BIO_snprintf(char *buf, size_t n, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int r = BIO_vsnprintf(buf, n, format, ap);
    va_end(ap);
    return r;
}

void ERR_vset_error(int lib, int reason, const char *fmt, va_list args)
{
    if (fmt == NULL) {
        ferrossl_err_set_error_text(lib, reason, NULL);
        return;
    }
    char buf[ERR_MAX_DATA_SIZE];
    vsnprintf(buf, sizeof(buf), fmt, args);
    ferrossl_err_set_error_text(lib, reason, buf);
}

void ERR_set_error(int lib, int reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ERR_vset_error(lib, reason, fmt, ap);
    va_end(ap);
}

/* The `num` strings concatenated onto the newest entry (a NULL one as
 * "<NULL>", as OpenSSL). */
void ERR_add_error_vdata(int num, va_list args)
{
    size_t len = 0, cap = 64;
    char *s = malloc(cap);
    if (s == NULL)
        return;
    s[0] = '\0';
    for (int i = 0; i < num; i++) {
        const char *a = va_arg(args, const char *);
        if (a == NULL)
            a = "<NULL>";
        size_t l = strlen(a);
        if (len + l + 1 > cap) {
            while (len + l + 1 > cap)
                cap *= 2;
            char *t = realloc(s, cap);
            if (t == NULL) {
                free(s);
                return;
            }
            s = t;
        }
        memcpy(s + len, a, l + 1);
        len += l;
    }
    ferrossl_err_add_error_text(s);
    free(s);
}

void ERR_add_error_data(int num, ...)
{
    va_list ap;
    va_start(ap, num);
    ERR_add_error_vdata(num, ap);
    va_end(ap);
}

/* Rust (src/entry/crypto/evp_pkey.rs): generate a key of type `type` ("RSA"
 * with `bits`, "EC" with `curve`, "ED25519", "X25519"). */
typedef struct evp_pkey_st EVP_PKEY;
EVP_PKEY *ferrossl_pkey_q_keygen(const char *type, size_t bits, const char *curve);

/* OpenSSL 3's EVP_PKEY_Q_keygen (and the EVP_RSA_gen / EVP_EC_gen macros):
 * the variadic argument is a size_t for RSA, a curve name for EC, nothing
 * for the others. The library context and properties are ignored. */
EVP_PKEY *EVP_PKEY_Q_keygen(void *libctx, const char *propq, const char *type, ...)
{
    (void)libctx;
    (void)propq;
    size_t bits = 0;
    const char *curve = NULL;
    if (type != NULL) {
        va_list ap;
        va_start(ap, type);
        if (strcasecmp(type, "RSA") == 0 || strcasecmp(type, "RSA-PSS") == 0)
            bits = va_arg(ap, size_t);
        else if (strcasecmp(type, "EC") == 0)
            curve = va_arg(ap, const char *);
        va_end(ap);
    }
    return ferrossl_pkey_q_keygen(type, bits, curve);
}
