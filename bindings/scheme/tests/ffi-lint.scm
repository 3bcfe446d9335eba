;;; The raw layer (ferrossl/ffi.scm) against include/ferrossl.h and the built library:
;;; every define-foreign names a header function with the same arity and kind of return
;;; value, in header order; every constant has the header's value; every symbol resolves.
(use-modules (harness) (ice-9 regex) (ice-9 textual-ports) (srfi srfi-1) (ferrossl ffi))

(define here (dirname (search-path %load-path "ferrossl.scm")))
(define header-file (string-append here "/../../include/ferrossl.h"))

(define (strip-comments s)
  (regexp-substitute/global #f "//[^\n]*" (regexp-substitute/global #f "/\\*([^*]|\\*+[^*/])*\\*+/" s 'pre " " 'post)
                            'pre 'post))

;; header text -> alist name -> (index return-text arity) and defines alist
(define (parse-header text)
  (let* ((text (strip-comments text))
         (lines (string-split text #\newline))
         (defines (filter-map (lambda (l)
                                (let ((m (string-match "^#define[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+([0-9]+)[ \t]*$" l)))
                                  (and m (cons (match:substring m 1) (string->number (match:substring m 2))))))
                              lines))
         (body (string-join (remove (lambda (l) (string-prefix? "#" (string-trim l))) lines) " "))
         (stmts (string-split body #\;)))
    (let loop ((stmts stmts) (i 0) (acc '()))
      (if (null? stmts)
          (values (reverse acc) defines)
          (let* ((st (string-trim-both (car stmts)))
                 (m (and (not (string-prefix? "typedef" st))
                         (string-match "([A-Za-z_][A-Za-z0-9_]*)[ ]*\\((.*)\\)[ ]*$" st))))
            (if (and m (not (string-match "^[A-Za-z_]+[ ]*\\(\\*" st)))
                (let* ((name (match:substring m 1))
                       (ret (string-trim-both (match:prefix m)))
                       (ret (if (string-match "extern \"C\" \\{" ret)
                                (string-trim-both (substring ret (+ 12 (string-contains ret "extern \"C\" {"))))
                                ret))
                       (params (string-trim-both (match:substring m 2)))
                       (arity (if (or (string=? params "") (string=? params "void"))
                                  0
                                  (let count ((cs (string->list params)) (depth 0) (n 1))
                                    (cond ((null? cs) n)
                                          ((char=? (car cs) #\() (count (cdr cs) (+ depth 1) n))
                                          ((char=? (car cs) #\)) (count (cdr cs) (- depth 1) n))
                                          ((and (char=? (car cs) #\,) (zero? depth)) (count (cdr cs) depth (+ n 1)))
                                          (else (count (cdr cs) depth n)))))))
                  (loop (cdr stmts) (+ i 1) (if (assoc name acc) acc (cons (list name i ret arity) acc))))
                (loop (cdr stmts) (+ i 1) acc)))))))

;; the define-foreign and constant forms of ffi.scm, read as data
(define (read-ffi)
  (call-with-input-file (string-append here "/ferrossl/ffi.scm")
    (lambda (p)
      (let loop ((foreign '()) (consts '()))
        (let ((form (read p)))
          (cond ((eof-object? form) (values (reverse foreign) consts))
                ((and (pair? form) (eq? (car form) 'define-foreign))
                 (loop (cons form foreign) consts))
                ((and (pair? form) (eq? (car form) 'define-constants))
                 (loop foreign (append consts (cdr form))))
                (else (loop foreign consts))))))))

(define (kind-of-ret ret)
  (cond ((string-suffix? "*" ret) 'pointer)
        ((string=? ret "void") 'void)
        (else 'number)))

(define (kind-of-type t)
  (cond ((equal? t ''*) 'pointer) ((eq? t 'void) 'void) (else 'number)))

;; problems: list of strings (empty when the raw layer agrees with the header)
(define (lint header-text)
  (call-with-values (lambda () (parse-header header-text))
    (lambda (protos defines)
      (call-with-values read-ffi
        (lambda (foreign consts)
          (let loop ((fs foreign) (last -1) (problems '()))
            (if (null? fs)
                (append (reverse problems)
                        (filter-map (lambda (c)
                                      (let ((h (assoc (symbol->string (car c)) defines)))
                                        (cond ((not h) (format #f "constant ~a not in the header" (car c)))
                                              ((not (= (cdr h) (cadr c)))
                                               (format #f "constant ~a: header ~a, ffi.scm ~a" (car c) (cdr h) (cadr c)))
                                              (else #f))))
                                    consts))
                (let* ((f (car fs))
                       (name (symbol->string (cadr f)))
                       (ret (caddr f))
                       (args (cadddr f))
                       (h (assoc name protos)))
                  (define (add p) (loop (cdr fs) (if h (cadr h) last) (cons p problems)))
                  (cond ((not h) (add (format #f "~a: not in the header" name)))
                        ((not (= (length args) (cadddr h)))
                         (add (format #f "~a: ~a arguments, header has ~a" name (length args) (cadddr h))))
                        ((not (eq? (kind-of-type ret) (kind-of-ret (caddr h))))
                         (add (format #f "~a: returns ~a, header returns ~s" name ret (caddr h))))
                        ((< (cadr h) last) (add (format #f "~a: out of header order" name)))
                        (else (loop (cdr fs) (cadr h) problems)))))))))))

(define header (slurp header-file))

(test "ffi.scm agrees with include/ferrossl.h (names, arity, return kind, order, constants)"
  (lambda () (check-equal "problems" '() (lint header))))

(test "the lint notices a changed header"
  (lambda ()
    (let* ((changed (regexp-substitute #f (string-match "int SSL_read\\(SSL \\*ssl, void \\*buf, int num\\);" header)
                                       'pre "int SSL_read(SSL *ssl, void *buf);" 'post))
           (problems (lint changed)))
      (check-equal "one problem" 1 (length problems))
      (check-match "names SSL_read" "SSL_read" (car problems)))))

(test "every declared function resolves in the library"
  (lambda ()
    (call-with-values read-ffi
      (lambda (foreign consts)
        (check-equal "unresolved" '()
                     (filter (lambda (f)
                               (not (false-if-exception (foreign-function (symbol->string (cadr f))))))
                             foreign))))))

(test "FERROSSL_LIBRARY selects the library; a bad one is a clear error"
  (lambda ()
    (let ((gp (or (getenv "GUILE_LOAD_PATH") "")))
      (check-match "explicit path"
                   "ok"
                   (shell-output (format #f "GUILE_LOAD_PATH='~a' FERROSSL_LIBRARY=~a guile-3.0 -c '(use-modules (ferrossl ffi)) (TLS_client_method) (display \"ok\")' 2>&1"
                                         gp (canonicalize-path (string-append here "/../../target/release/libferrossl.so")))))
      (check-match "bad path"
                   "nonexistent"
                   (shell-output (format #f "GUILE_LOAD_PATH='~a' FERROSSL_LIBRARY=/nonexistent/libferrossl.so guile-3.0 -c '(use-modules (ferrossl ffi)) (TLS_client_method)' 2>&1"
                                         gp))))))

(done)
