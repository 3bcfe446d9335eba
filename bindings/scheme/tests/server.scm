;;; (ferrossl) as a server against `openssl s_client` on 127.0.0.1.
(use-modules (ferrossl) (harness) (rnrs bytevectors) (ice-9 textual-ports)
             (ice-9 exceptions))

(define (raised thunk)
  (call/cc (lambda (k)
             (with-exception-handler (lambda (e) (k e)) (lambda () (thunk) #f)))))

(define (server . opts)
  (let ((port (free-port)))
    (cons port (apply make-server-tls-socket (number->string port) (cert "server.pem") (cert "server.key")
                      #:node "127.0.0.1" opts))))

(test "server: s_client verifies us; port path get-line / put-string"
  (lambda ()
    (let* ((srv (server))
           (cl (s-client-start (car srv) (string-append "-CAfile " (cert "ca.pem")
                                                        " -verify_return_error -servername localhost -quiet")
                               "ping from s_client\n"))
           (s (tls-socket-accept (cdr srv)))
           (p (tls-socket-port s)))
      (check-equal "line" "ping from s_client" (get-line p))
      (put-string p "PONG\n")
      (force-output p)
      (close-port p)
      (let ((r (s-client-wait cl)))
        (check-equal "s_client status" 0 (car r))
        (check-match "s_client got the answer" "PONG" (cdr r)))
      (tls-socket-close (cdr srv)))))

(test "server: send/recv, client certificate required (#:client-ca)"
  (lambda ()
    (let* ((srv (server #:client-ca (cert "ca.pem")))
           (cl (s-client-start (car srv) (string-append "-CAfile " (cert "ca.pem") " -cert " (cert "client.pem")
                                                        " -key " (cert "client.key") " -quiet")
                               "abc\n"))
           (s (tls-socket-accept (cdr srv))))
      (check-equal "recv" "abc\n" (utf8->string (tls-socket-recv s 4)))
      (check-equal "client subject" "/CN=ferrossl scheme test client"
                   (x509-subject (tls-socket-peer-certificate s)))
      (tls-socket-send s (string->utf8 "cba\n"))
      (tls-socket-close s)
      (tls-socket-close s)
      (check-match "answer" "cba" (cdr (s-client-wait cl)))
      ;; without a client certificate the handshake fails with a &tls-error
      (let* ((cl2 (s-client-start (car srv) (string-append "-CAfile " (cert "ca.pem") " -quiet") "x\n"))
             (e (raised (lambda () (tls-socket-accept (cdr srv))))))
        (check-true "raised" (and e (tls-error? e)))
        (s-client-wait cl2))
      (tls-socket-close (cdr srv)))))

(test "server: handshake? #f then tls-server-handshake; closed? and idempotent close"
  (lambda ()
    (let* ((srv (server))
           (cl (s-client-start (car srv) (string-append "-CAfile " (cert "ca.pem") " -quiet") "hi\n"))
           (s (tls-socket-accept (cdr srv) #:handshake? #f)))
      (check-equal "handshake" #t (tls-server-handshake s))
      (check-equal "recv" "hi\n" (utf8->string (tls-socket-recv s 3)))
      (tls-socket-send s (string->utf8 "bye\n"))
      (check-equal "closed? before" #f (tls-socket-closed? s))
      (tls-socket-close s)
      (check-equal "closed? after" #t (tls-socket-closed? s))
      (check-match "answer" "bye" (cdr (s-client-wait cl)))
      (tls-socket-close (cdr srv)))))

(test "server: bad key file raises with the queue text"
  (lambda ()
    (let ((e (raised (lambda () (make-server-tls-socket (number->string (free-port)) (cert "server.pem")
                                                        (cert "untrusted.key") #:node "127.0.0.1")))))
      (check-true "tls-error?" (and e (tls-error? e)))
      (check-match "message" "key" (exception-message e)))))

(done)
