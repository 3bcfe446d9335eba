;;; (ferrossl) as a client against `openssl s_server` on 127.0.0.1.
(use-modules (ferrossl) (harness) (rnrs bytevectors) (ice-9 textual-ports)
             (ice-9 exceptions) (ice-9 regex))

(define rev (s-server (string-append "-rev -cert " (cert "server.pem") " -key " (cert "server.key"))))
(define port (number->string (car rev)))

(define (connect . opts)
  (apply make-client-tls-socket "localhost" port #:ca-file (cert "ca.pem") opts))

;; the exception a thunk raises, or #f
(define (raised thunk)
  (call/cc (lambda (k)
             (with-exception-handler (lambda (e) (k e)) (lambda () (thunk) #f)))))

(test "verified handshake; tls-socket-send / tls-socket-recv"
  (lambda ()
    (let ((s (connect)))
      (check-match "version" "^TLSv1\\.[23]$" (tls-socket-version s))
      (check-true "cipher" (tls-socket-cipher s))
      (check-equal "send" 6 (tls-socket-send s (string->utf8 "hello\n")))
      (let loop ((acc ""))
        (if (string-index acc #\newline)
            (check-equal "s_server -rev reverses the line" "olleh\n" acc)
            (let ((bv (tls-socket-recv s 100)))
              (check-true "not EOF" (> (bytevector-length bv) 0))
              (loop (string-append acc (utf8->string bv))))))
      (check-equal "closed? before" #f (tls-socket-closed? s))
      (tls-socket-shutdown s)
      (tls-socket-close s)
      (check-equal "closed? after" #t (tls-socket-closed? s))
      (tls-socket-close s)               ; idempotent
      (check-true "recv after close raises" (raised (lambda () (tls-socket-recv s 10)))))))

(test "port path: put-string / get-line over TLS"
  (lambda ()
    (let* ((s (connect))
           (p (tls-socket-port s)))
      (put-string p "ferrossl over TLS\n")
      (force-output p)
      (check-equal "get-line" "SLT revo lssorref" (get-line p))
      (put-string p "second\n")
      (force-output p)
      (check-equal "get-line 2" "dnoces" (get-line p))
      (close-port p)
      (check-equal "closing the port closes the socket" #t (tls-socket-closed? s)))))

(test "peer certificate: subject, issuer, dates, SANs, sha256 fingerprint; peer, name"
  (lambda ()
    (let* ((s (connect))
           (c (tls-socket-peer-certificate s))
           (fp (string-downcase
                (regexp-substitute/global
                 #f ":" (cadr (string-split (string-trim-right
                                             (shell-output (string-append "openssl x509 -noout -fingerprint -sha256 -in " (cert "server.pem"))))
                                            #\=))
                 'pre 'post))))
      (check-true "x509-certificate?" (x509-certificate? c))
      (check-equal "subject" "/CN=localhost" (x509-subject c))
      (check-equal "issuer" "/CN=ferrossl scheme test CA" (x509-issuer c))
      (check-equal "not-after"
                   (cadr (string-split (string-trim-right (shell-output (string-append "openssl x509 -noout -enddate -in " (cert "server.pem")))) #\=))
                   (x509-not-after c))
      (check-true "not-before" (string? (x509-not-before c)))
      (check-equal "SANs" '(("DNS" . "localhost") ("IP" . "127.0.0.1")) (x509-subject-alt-names c))
      (check-equal "fingerprint" fp (x509-fingerprint c))
      (check-equal "peer port" (car rev) (sockaddr:port (tls-socket-peer s)))
      (check-equal "name" "localhost" (tls-socket-name s))
      (tls-socket-close s))))

(test "untrusted CA refused with a &tls-error carrying the queue"
  (lambda ()
    (let* ((bad (s-server (string-append "-rev -cert " (cert "untrusted.pem") " -key " (cert "untrusted.key"))))
           (e (raised (lambda () (make-client-tls-socket "localhost" (number->string (car bad))
                                                         #:ca-file (cert "ca.pem"))))))
      (check-true "raised" e)
      (check-true "tls-error?" (tls-error? e))
      (check-true "queue not empty" (pair? (tls-error-queue e)))
      (check-match "message" "certificate verify failed" (exception-message e))
      ;; #:verify? #f accepts it
      (let ((s (make-client-tls-socket "localhost" (number->string (car bad)) #:verify? #f)))
        (tls-socket-close s))
      (stop bad))))

(test "wrong host refused (host name checked by default)"
  (lambda ()
    (let ((e (raised (lambda () (connect #:host "wrong.example")))))
      (check-true "raised" e)
      (check-true "tls-error?" (tls-error? e))
      (check-match "message" "certificate" (exception-message e)))))

(test "ALPN offered and selected"
  (lambda ()
    (let* ((srv (s-server (string-append "-rev -alpn h2,http/1.1 -cert " (cert "server.pem") " -key " (cert "server.key"))))
           (s (make-client-tls-socket "localhost" (number->string (car srv)) #:ca-file (cert "ca.pem")
                                      #:alpn '("foo" "http/1.1"))))
      (check-equal "alpn" "http/1.1" (tls-socket-selected-alpn s))
      (tls-socket-close s)
      (stop srv))))

(test "handshake? #f, then tls-client-handshake"
  (lambda ()
    (let ((s (connect #:handshake? #f)))
      (check-equal "no version before the handshake" #t
                   (let ((v (tls-socket-version s))) (or (not v) (string? v))))
      (check-equal "handshake" #t (tls-client-handshake s))
      (tls-socket-send s (string->utf8 "ab\n"))
      (check-equal "recv" "ba\n" (utf8->string (tls-socket-recv s 3)))
      (tls-socket-close s))))

(test "recv returns an empty bytevector at the end (s_server -www closes)"
  (lambda ()
    (let* ((www (s-server (string-append "-www -cert " (cert "server.pem") " -key " (cert "server.key"))))
           (s (make-client-tls-socket "localhost" (number->string (car www)) #:ca-file (cert "ca.pem"))))
      (tls-socket-send s (string->utf8 "GET / HTTP/1.0\r\n\r\n"))
      (let loop ((total 0))
        (let ((bv (tls-socket-recv s 4096)))
          (if (zero? (bytevector-length bv))
              (check-true "got the page first" (> total 100) total)
              (loop (+ total (bytevector-length bv))))))
      (tls-socket-close s)
      (stop www))))

(test "bad ca-file raises with the queue text"
  (lambda ()
    (let ((e (raised (lambda () (make-client-tls-socket "localhost" port #:ca-file "/nonexistent.pem")))))
      (check-true "tls-error?" (and e (tls-error? e)))
      (check-match "message" "ca-file" (exception-message e)))))

(test "unclosed sockets are reclaimed by their finalizers"
  (lambda ()
    (define (fds) (length (scandir* (format #f "/proc/~a/fd" (getpid)))))
    (define (scandir* d) (let ((dir (opendir d))) (let loop ((acc '())) (let ((e (readdir dir))) (if (eof-object? e) (begin (closedir dir) acc) (loop (cons e acc)))))))
    (let* ((l (socket PF_INET SOCK_STREAM 0)))
      (bind l AF_INET (inet-pton AF_INET "127.0.0.1") 0)
      (listen l 64)
      (gc) (gc)
      (let ((before (fds)))
        (do ((i 0 (+ i 1))) ((= i 50))
          (make-client-tls-socket "127.0.0.1" (number->string (sockaddr:port (getsockname l)))
                                  #:verify? #f #:handshake? #f)
          (close-port (car (accept l))))
        (gc) (gc) (gc)
        (let ((after (fds)))
          (check-true "descriptors released" (< (- after before) 20) before after)))
      (close-port l))))

(stop rev)
(done)
