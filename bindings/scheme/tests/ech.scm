;;; (ferrossl) Encrypted Client Hello (#:ech, tls-socket-ech-accepted?,
;;; tls-socket-ech-retry-configs) against BoringSSL's `bssl server` ($FERROSSL_BSSL, else
;;; tests/peers/bssl.sh), whose -www page reports "Encrypted ClientHello: yes|no".
(use-modules (ferrossl) (harness) (rnrs bytevectors) (rnrs io ports) (ice-9 exceptions))

(define root (getcwd)) ; run-tests.sh runs each test from the checkout's root
(define bssl
  (let ((env (getenv "FERROSSL_BSSL")))
    (if (and env (not (string-null? env)))
        env
        (string-trim-both
         (shell-output (string-append root "/tests/peers/bssl.sh </dev/null 2>/dev/null"))))))
(unless (and (not (string-null? bssl)) (file-exists? bssl))
  (error "no bssl (tests/peers/bssl.sh failed)"))

(define dir (string-trim-right (shell-output "mktemp -d /tmp/ferrossl-scm-ech.XXXXXX")))
(define (in-dir name) (string-append dir "/" name))
;; a certificate for localhost and the ECH public name, by the test CA
(system (format #f "cd ~a && openssl req -new -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout ech.key -out ech.pem -days 3650 -subj /CN=localhost -CA ~a -CAkey ~a -addext 'subjectAltName=DNS:localhost,DNS:public.example' -addext 'basicConstraints=critical,CA:false' >/dev/null 2>&1"
                dir (cert "ca.pem") (cert "ca.key")))
(for-each (lambda (name id)
            (system (format #f "~a generate-ech -out-ech-config-list ~a.list -out-ech-config ~a.cfg -out-private-key ~a.key -public-name public.example -config-id ~a"
                            bssl (in-dir name) (in-dir name) (in-dir name) id)))
          '("a" "b") '(1 2))
(define (read-bytes path) (call-with-input-file path get-bytevector-all #:binary #t))
(define list-a (read-bytes (in-dir "a.list")))
(define list-b (read-bytes (in-dir "b.list")))

(define port (free-port))
(define pid
  (string-trim-right
   (shell-output
    (format #f "timeout 60 ~a server -accept ~a -cert ~a -key ~a -ech-config ~a -ech-key ~a -loop -www >~a 2>&1 </dev/null & echo $!"
            bssl port (in-dir "ech.pem") (in-dir "ech.key") (in-dir "a.cfg") (in-dir "a.key")
            (in-dir "server.log")))))
;; wait until it listens (the probe costs bssl -loop one logged, failed handshake)
(let loop ((n 400))
  (let ((s (socket PF_INET SOCK_STREAM 0)))
    (unless (catch 'system-error
              (lambda () (connect s AF_INET (inet-pton AF_INET "127.0.0.1") port) (close-port s) #t)
              (lambda _ (close-port s) #f))
      (when (> n 0) (usleep 50000) (loop (- n 1))))))

(define (connect-ech ech)
  (make-client-tls-socket "127.0.0.1" (number->string port) #:ca-file (cert "ca.pem")
                          #:host "localhost" #:ech ech))

;; GET /: bssl's report of the connection
(define (page s)
  (tls-socket-send s (string->utf8 "GET / HTTP/1.0\r\n\r\n"))
  (let loop ((acc '()))
    (let ((bv (catch #t (lambda () (tls-socket-recv s 4096)) (lambda _ (make-bytevector 0)))))
      (if (zero? (bytevector-length bv))
          (utf8->string (apply bytevector-append (reverse acc)))
          (loop (cons bv acc))))))

(define (bytevector-append . bvs)
  (let* ((n (apply + (map bytevector-length bvs)))
         (out (make-bytevector n)))
    (let loop ((bvs bvs) (at 0))
      (if (null? bvs)
          out
          (begin (bytevector-copy! (car bvs) 0 out at (bytevector-length (car bvs)))
                 (loop (cdr bvs) (+ at (bytevector-length (car bvs)))))))))

(test "ECH accepted: tls-socket-ech-accepted? and the server's report agree"
  (lambda ()
    (let ((s (connect-ech list-a)))
      (check-equal "accepted" #t (tls-socket-ech-accepted? s))
      (let ((p (page s)))
        (check-match "server saw ECH" "Encrypted ClientHello: yes" p)
        (check-match "server saw the inner name" "Client sent SNI: localhost" p))
      (tls-socket-close s))))

(test "rejected offer: 'ech required', retry configs, then accepted"
  (lambda ()
    (let* ((s (make-client-tls-socket "127.0.0.1" (number->string port) #:ca-file (cert "ca.pem")
                                      #:host "localhost" #:ech list-b #:handshake? #f))
           (e (call/cc (lambda (k)
                         (with-exception-handler (lambda (e) (k e))
                           (lambda () (tls-client-handshake s) #f))))))
      (check-true "handshake raised" e)
      (check-match "ech required" "ech required"
                   (string-append (if (exception-with-message? e) (exception-message e) "")
                                  (if (tls-error? e) (format #f " ~a" (tls-error-queue e)) "")))
      (check-equal "not accepted" #f (tls-socket-ech-accepted? s))
      (let ((retry (tls-socket-ech-retry-configs s)))
        (check-equal "retry configs are the server's list" list-a retry)
        (tls-socket-close s)
        (let ((s2 (connect-ech retry)))
          (check-equal "retry accepted" #t (tls-socket-ech-accepted? s2))
          (check-match "server saw ECH" "Encrypted ClientHello: yes" (page s2))
          (tls-socket-close s2))))))

(test "without ECH: not accepted"
  (lambda ()
    (let ((s (connect-ech #f)))
      (check-equal "accepted" #f (tls-socket-ech-accepted? s))
      (check-match "server report" "Encrypted ClientHello: no" (page s))
      (tls-socket-close s))))

(system (format #f "kill ~a 2>/dev/null; rm -rf ~a" pid dir))
(cleanup)
(done)
