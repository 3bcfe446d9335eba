/* helpers.h: tiny harness for ferrossl's C tests (one scenario per process).
 *
 * A test program defines scenarios with SCENARIO(name) and ends with
 * TEST_MAIN(name1, name2, ...). `prog --list` prints the names, `prog NAME` runs one.
 * Every check prints one line ("ok"/"FAIL", the expression and what it returned), so a
 * failure is explained by the log alone. REQUIRE stops the scenario on failure.
 * Children (openssl s_server / s_client) are started with LD_PRELOAD removed, killed at
 * exit, and the whole scenario is bounded by alarm(TEST_TIMEOUT). */
#ifndef FERROSSL_TEST_HELPERS_H
#define FERROSSL_TEST_HELPERS_H
#include "tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef TEST_TIMEOUT
#define TEST_TIMEOUT 30
#endif

static int t_checks, t_failed;

static inline int check_(int ok, int line, const char *fmt, ...)
{
    va_list ap;
    t_checks++;
    if (!ok)
        t_failed++;
    printf("  %s  ", ok ? "ok  " : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("  [line %d]\n", line);
    fflush(stdout);
    return ok;
}

static inline void t_finish(void);

#define CHECK(cond) check_(!!(cond), __LINE__, "%s", #cond)
#define CHECK_INT(expr, want)                                                                   \
    do {                                                                                        \
        long got_ = (long)(expr);                                                               \
        check_(got_ == (long)(want), __LINE__, "%s == %s (got %ld)", #expr, #want, got_);       \
    } while (0)
#define CHECK_STR(expr, want)                                                                   \
    do {                                                                                        \
        const char *got_ = (expr);                                                              \
        check_(got_ != NULL && strcmp(got_, (want)) == 0, __LINE__, "%s == \"%s\" (got %s%s%s)", \
               #expr, (want), got_ ? "\"" : "", got_ ? got_ : "NULL", got_ ? "\"" : "");        \
    } while (0)
#define REQUIRE(cond)                                                                           \
    do {                                                                                        \
        if (!CHECK(cond))                                                                       \
            t_finish();                                                                         \
    } while (0)
#define NOTE(...) (printf("  note  "), printf(__VA_ARGS__), printf("\n"), fflush(stdout))

/* ---- the error queue ---------------------------------------------------------------- */

/* err_drain prints and empties the queue; returns 1 if some entry's reason string is
 * exactly `reason` (NULL: any entry at all). */
static inline int err_drain(const char *reason)
{
    unsigned long e;
    int found = 0, any = 0;
    char buf[256];
    while ((e = ERR_get_error()) != 0) {
        const char *r = ERR_reason_error_string(e);
        any = 1;
        ERR_error_string_n(e, buf, sizeof buf);
        printf("  err   %s\n", buf);
        if (reason != NULL && r != NULL && strcmp(r, reason) == 0)
            found = 1;
        /* system errors (ERR_LIB_SYS) have no reason string; match the printed text */
        if (reason != NULL && r == NULL && strlen(buf) > strlen(reason)
            && strcmp(buf + strlen(buf) - strlen(reason), reason) == 0)
            found = 1;
    }
    return reason == NULL ? any : found;
}
#define CHECK_ERR(reason)                                                                       \
    check_(err_drain(reason), __LINE__, "error queue has %s%s%s", (reason) ? "reason \"" : "an entry", \
           (reason) ? (const char *)(reason) : "", (reason) ? "\"" : "")
#define CHECK_NO_ERR() check_(!err_drain(NULL), __LINE__, "error queue is empty")

static inline const char *ssl_error_name(int e)
{
    switch (e) {
    case SSL_ERROR_NONE: return "SSL_ERROR_NONE";
    case SSL_ERROR_SSL: return "SSL_ERROR_SSL";
    case SSL_ERROR_WANT_READ: return "SSL_ERROR_WANT_READ";
    case SSL_ERROR_WANT_WRITE: return "SSL_ERROR_WANT_WRITE";
    case SSL_ERROR_SYSCALL: return "SSL_ERROR_SYSCALL";
    case SSL_ERROR_ZERO_RETURN: return "SSL_ERROR_ZERO_RETURN";
    default: return "other";
    }
}
#define CHECK_SSL_ERROR(ssl, ret, want)                                                         \
    do {                                                                                        \
        int e_ = SSL_get_error((ssl), (ret));                                                   \
        check_(e_ == (want), __LINE__, "SSL_get_error(%s) == %s (got %d %s)", #ret, #want, e_,   \
               ssl_error_name(e_));                                                             \
    } while (0)

/* ---- files ------------------------------------------------------------------------ */

/* cert("server-ecdsa.pem") -> "$FERROSSL_TEST_CERTS/server-ecdsa.pem" (8 rotating buffers) */
static inline const char *cert(const char *name)
{
    static char bufs[8][512];
    static int next;
    const char *dir = getenv("FERROSSL_TEST_CERTS");
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", dir ? dir : "tests/c/build/certs", name);
    return b;
}

static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    return buf;
}

static inline long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static inline void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ---- child processes ----------------------------------------------------------- */

#define MAX_CHILDREN 8
struct child {
    pid_t pid;
    int stdin_fd;
    char out[64]; /* stdout+stderr of the child */
};
static struct child children[MAX_CHILDREN];
static int n_children;

static inline void kill_children(void)
{
    int i;
    for (i = 0; i < n_children; i++) {
        if (children[i].pid > 0) {
            kill(children[i].pid, SIGKILL);
            waitpid(children[i].pid, NULL, 0);
            children[i].pid = 0;
        }
        if (children[i].stdin_fd >= 0)
            close(children[i].stdin_fd);
        children[i].stdin_fd = -1;
        if (children[i].out[0] && getenv("KEEP_CHILD_OUTPUT") == NULL)
            unlink(children[i].out);
    }
    n_children = 0;
}

/* spawn PROG (a name on PATH or a path) with the space-separated arguments CMD, its
 * stdin a pipe and its stdout/stderr a temporary file, never on ferrossl (LD_PRELOAD and
 * LD_LIBRARY_PATH unset: the peers are the references); LABEL names it in the log.
 * Returns its index in children[]. */
static inline int spawn_child(const char *prog, const char *label, char *cmd)
{
    char *argv[64], *p;
    int argc = 0, in[2], fd;
    struct child *c;
    if (n_children == MAX_CHILDREN) {
        printf("  FAIL  too many children\n");
        exit(1);
    }
    c = &children[n_children];
    strcpy(c->out, "/tmp/ferrossl-test-XXXXXX");
    fd = mkstemp(c->out);
    if (fd < 0 || pipe(in) != 0) {
        perror("spawn");
        exit(1);
    }
    printf("  run   %s %s\n", label, cmd);
    fflush(stdout);
    argv[argc++] = (char *)prog;
    for (p = strtok(cmd, " "); p != NULL && argc < 63; p = strtok(NULL, " "))
        argv[argc++] = p;
    argv[argc] = NULL;
    c->pid = fork();
    if (c->pid == 0) {
        unsetenv("LD_PRELOAD");
        unsetenv("LD_LIBRARY_PATH");
        dup2(in[0], 0);
        dup2(fd, 1);
        dup2(fd, 2);
        close(in[0]);
        close(in[1]);
        close(fd);
        execvp(prog, argv);
        _exit(127);
    }
    close(in[0]);
    close(fd);
    c->stdin_fd = in[1];
    return n_children++;
}

/* spawn "openssl ARGS" (ARGS: space-separated, printf-formatted); returns its index */
static inline int spawn_openssl(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return spawn_child("openssl", "openssl", cmd);
}

static inline char *child_output(int i)
{
    return read_file(children[i].out, NULL);
}

/* wait until the child's output contains `text`; returns a malloc'd copy of the output or NULL */
static inline char *child_wait_for(int i, const char *text, long timeout_ms)
{
    long end = now_ms() + timeout_ms;
    for (;;) {
        char *out = child_output(i);
        if (out != NULL && strstr(out, text) != NULL)
            return out;
        if (now_ms() > end) {
            printf("  note  child output so far:\n%s\n", out ? out : "(none)");
            free(out);
            return NULL;
        }
        free(out);
        sleep_ms(20);
    }
}

/* wait for a child to exit; returns its exit status, or -1 on timeout (then kills it) */
static inline int child_wait_exit(int i, long timeout_ms)
{
    long end = now_ms() + timeout_ms;
    int status;
    while (now_ms() < end) {
        pid_t r = waitpid(children[i].pid, &status, WNOHANG);
        if (r == children[i].pid) {
            children[i].pid = 0;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        sleep_ms(20);
    }
    kill(children[i].pid, SIGKILL);
    waitpid(children[i].pid, NULL, 0);
    children[i].pid = 0;
    return -1;
}

static inline void child_kill(int i)
{
    if (children[i].pid > 0) {
        kill(children[i].pid, SIGKILL);
        waitpid(children[i].pid, NULL, 0);
        children[i].pid = 0;
    }
}

static inline void child_close_stdin(int i)
{
    if (children[i].stdin_fd >= 0)
        close(children[i].stdin_fd);
    children[i].stdin_fd = -1;
}

/* start "openssl s_server -accept 127.0.0.1:0 ARGS" and return its port once it listens */
static inline int s_server(const char *fmt, ...)
{
    char args[1536];
    char *out, *p;
    int i, port = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    i = spawn_openssl("s_server -accept 127.0.0.1:0 %s", args);
    out = child_wait_for(i, "ACCEPT 127.0.0.1:", 10000);
    if (out != NULL && (p = strstr(out, "ACCEPT 127.0.0.1:")) != NULL)
        port = atoi(p + strlen("ACCEPT 127.0.0.1:"));
    free(out);
    if (!check_(port > 0, __LINE__, "s_server is listening (port %d)", port))
        t_finish();
    return port;
}

/* ---- sockets --------------------------------------------------------------------- */

static inline int tcp_connect(int port)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        close(fd);
        return -1;
    }
    return fd;
}

static inline int tcp_listen(int *port)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 8) != 0
        || getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        perror("listen");
        exit(1);
    }
    *port = ntohs(a.sin_port);
    return fd;
}

static inline int tcp_accept(int lfd, long timeout_ms)
{
    struct pollfd p = {lfd, POLLIN, 0};
    if (poll(&p, 1, (int)timeout_ms) != 1)
        return -1;
    return accept(lfd, NULL, NULL);
}

static inline void set_nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static inline int wait_fd(int fd, short events, long timeout_ms)
{
    struct pollfd p = {fd, events, 0};
    return poll(&p, 1, (int)timeout_ms);
}

/* ---- scenarios ------------------------------------------------------------------- */

struct scenario {
    const char *name;
    void (*fn)(void);
};
#define SCENARIO(n) static void n(void)
#define S(n) {#n, n}

static inline void t_finish(void)
{
    kill_children();
    printf("%d checks, %d failed\n", t_checks, t_failed);
    fflush(stdout);
    exit(t_failed == 0 && t_checks > 0 ? 0 : 1);
}

/* the scenario's bound in seconds: FERROSSL_TEST_TIMEOUT if set (run.sh raises it under
 * valgrind, where RSA key generation alone takes tens of seconds), else TEST_TIMEOUT */
static inline int test_timeout(void)
{
    const char *e = getenv("FERROSSL_TEST_TIMEOUT");
    int n = e ? atoi(e) : 0;
    return n > 0 ? n : TEST_TIMEOUT;
}

static inline void on_alarm(int sig)
{
    (void)sig;
    printf("  FAIL  timeout after %d s\n", test_timeout());
    fflush(stdout);
    kill_children();
    _exit(3);
}

static inline int test_main(int argc, char **argv, const struct scenario *s, size_t n)
{
    size_t i;
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (i = 0; i < n; i++)
            printf("%s\n", s[i].name);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s --list | SCENARIO\n", argv[0]);
        return 2;
    }
    for (i = 0; i < n; i++) {
        if (strcmp(argv[1], s[i].name) == 0) {
            signal(SIGPIPE, SIG_IGN);
            signal(SIGALRM, on_alarm);
            alarm((unsigned)test_timeout());
            printf("scenario %s\n", s[i].name);
            s[i].fn();
            t_finish();
        }
    }
    fprintf(stderr, "%s: no scenario %s\n", argv[0], argv[1]);
    return 2;
}
#define TEST_MAIN(...)                                                                          \
    int main(int argc, char **argv)                                                             \
    {                                                                                           \
        static const struct scenario all_[] = {__VA_ARGS__};                                   \
        return test_main(argc, argv, all_, sizeof all_ / sizeof all_[0]);                      \
    }

/* ---- TLS conveniences ------------------------------------------------------------- */

static inline SSL_CTX *client_ctx(const char *cafile)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    REQUIRE(ctx != NULL);
    if (cafile != NULL)
        REQUIRE(SSL_CTX_load_verify_locations(ctx, cafile, NULL) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

static inline SSL_CTX *server_ctx(const char *certfile, const char *keyfile)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    REQUIRE(ctx != NULL);
    REQUIRE(SSL_CTX_use_certificate_chain_file(ctx, certfile) == 1);
    REQUIRE(SSL_CTX_use_PrivateKey_file(ctx, keyfile, SSL_FILETYPE_PEM) == 1);
    return ctx;
}

/* a client SSL on fd, with SNI and hostname verification for `host` (an IP: no SNI) */
static inline SSL *client_ssl(SSL_CTX *ctx, int fd, const char *host)
{
    SSL *ssl = SSL_new(ctx);
    unsigned char ip[4];
    REQUIRE(ssl != NULL);
    REQUIRE(SSL_set_fd(ssl, fd) == 1);
    if (host != NULL) {
        if (inet_pton(AF_INET, host, ip) != 1)
            REQUIRE(SSL_set_tlsext_host_name(ssl, host) == 1);
        REQUIRE(SSL_set1_host(ssl, host) == 1);
    }
    return ssl;
}

static inline const char *peer_subject(SSL *ssl, char *buf, size_t cap)
{
    X509 *x = SSL_get1_peer_certificate(ssl);
    if (x == NULL)
        return NULL;
    X509_NAME_oneline(X509_get_subject_name(x), buf, (int)cap);
    X509_free(x);
    return buf;
}

static inline const char *alpn_selected(SSL *ssl, char *buf, size_t cap)
{
    const unsigned char *p = NULL;
    unsigned int n = 0;
    SSL_get0_alpn_selected(ssl, &p, &n);
    if (p == NULL || n == 0)
        return NULL;
    snprintf(buf, cap, "%.*s", (int)n, (const char *)p);
    return buf;
}

/* write all of buf; returns 1 on success */
static inline int ssl_write_all(SSL *ssl, const void *buf, int len)
{
    const char *p = buf;
    while (len > 0) {
        int n = SSL_write(ssl, p, len);
        if (n <= 0)
            return 0;
        p += n;
        len -= n;
    }
    return 1;
}

/* read until the peer's close_notify or an error; returns the last SSL_read value and
 * stores the SSL_get_error code in *err */
static inline int ssl_read_all(SSL *ssl, char *buf, int cap, int *got, int *err)
{
    int n;
    *got = 0;
    for (;;) {
        n = SSL_read(ssl, buf + *got, cap - 1 - *got);
        if (n <= 0) {
            *err = SSL_get_error(ssl, n);
            buf[*got] = '\0';
            return n;
        }
        *got += n;
        if (*got >= cap - 1) {
            *err = SSL_ERROR_NONE;
            buf[*got] = '\0';
            return n;
        }
    }
}
#endif
