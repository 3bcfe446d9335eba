;;; (ferrossl): TLS sockets for Guile over libferrossl, with the verbs of Sagittarius'
;;; (rfc tls). Verification is on by default and checks the host name; failures raise a
;;; &tls-error carrying the library's error queue.
(define-module (ferrossl)
  #:use-module (ferrossl ffi)
  #:use-module (ferrossl x509)
  #:use-module (system foreign)
  #:use-module (rnrs bytevectors)
  #:use-module ((rnrs io ports) #:select (make-custom-binary-input/output-port))
  #:use-module (srfi srfi-9)
  #:use-module (ice-9 exceptions)
  #:export (make-client-tls-socket make-server-tls-socket tls-socket-accept
            tls-client-handshake tls-server-handshake
            tls-socket-send tls-socket-recv tls-socket-shutdown tls-socket-close
            tls-socket-closed? tls-socket-peer-certificate tls-socket-peer tls-socket-name
            tls-socket-port tls-socket? tls-socket-selected-alpn tls-socket-version
            tls-socket-ech-accepted? tls-socket-ech-retry-configs
            tls-socket-cipher
            &tls-error tls-error? tls-error-queue)
  #:re-export (x509-certificate? x509-subject x509-issuer x509-not-before x509-not-after
               x509-subject-alt-names x509-fingerprint))

;;; errors: the one translation point

(define &tls-error (make-exception-type '&tls-error &error '(queue)))
(define make-tls-error (record-constructor &tls-error))
(define tls-error? (exception-predicate &tls-error))
(define tls-error-queue (exception-accessor &tls-error (record-accessor &tls-error 'queue)))

;; raise-tls-error WHO WHAT [NOTE]: a &tls-error whose message ends with the queue text
(define* (raise-tls-error who what #:optional note)
  (let* ((queue (drain-queue))
         (text (string-append
                what
                (if (null? queue) "" (string-append ": " (string-join queue "; ")))
                (if note (string-append " (" note ")") ""))))
    (raise-exception
     (make-exception (make-tls-error queue)
                     (make-exception-with-origin who)
                     (make-exception-with-message text)
                     (make-exception-with-irritants '())))))

(define (check who what r)
  (unless (= r 1) (raise-tls-error who what))
  r)

;;; handles

(define (own pointer free-name)
  (if (null-pointer? pointer)
      #f
      (make-pointer (pointer-address pointer) (foreign-function free-name))))

(define-record-type <tls-socket>
  (%make-tls-socket kind ctx ssl socket name closed? shut?)
  tls-socket?
  (kind tls-socket-kind)                     ; client | server | accepted
  (ctx tls-socket-ctx)                       ; SSL_CTX (finalized pointer)
  (ssl tls-socket-ssl set-tls-socket-ssl!)   ; SSL (finalized pointer) or #f
  (socket tls-socket-socket)                 ; the Guile socket port
  (name tls-socket-name)
  (closed? tls-socket-closed? set-tls-socket-closed?!)
  (shut? tls-socket-shut? set-tls-socket-shut?!))

(define (live-ssl who s)
  (or (tls-socket-ssl s)
      (raise-exception
       (make-exception (make-tls-error '()) (make-exception-with-origin who)
                       (make-exception-with-message "TLS socket is closed")
                       (make-exception-with-irritants (list s))))))

(define (string->c s) (string->pointer s "UTF-8"))

(define (alpn-wire protocols)
  (let ((bvs (map string->utf8 protocols)))
    (u8-list->bytevector
     (append-map* (lambda (bv) (cons (bytevector-length bv) (bytevector->u8-list bv))) bvs))))
(define (append-map* f l) (apply append (map f l)))

(define (new-context who method)
  (ERR_clear_error)
  (or (own (SSL_CTX_new (method)) "SSL_CTX_free")
      (raise-tls-error who "SSL_CTX_new")))

(define (connect-socket who node service)
  (let loop ((ais (getaddrinfo node service 0 0 SOCK_STREAM)) (last-error #f))
    (if (null? ais)
        (raise-exception
         (make-exception (make-tls-error '()) (make-exception-with-origin who)
                         (make-exception-with-message
                          (string-append "cannot connect to " node ":" service
                                         (if last-error (string-append ": " last-error) "")))
                         (make-exception-with-irritants '())))
        (let* ((ai (car ais))
               (s (socket (addrinfo:fam ai) SOCK_STREAM 0)))
          (catch 'system-error
            (lambda () (connect s (addrinfo:addr ai)) s)
            (lambda args
              (close-port s)
              (loop (cdr ais) (strerror (system-error-errno args)))))))))

(define (new-ssl who ctx sock)
  (let ((ssl (own (SSL_new ctx) "SSL_free")))
    (unless ssl (raise-tls-error who "SSL_new"))
    (check who "SSL_set_fd" (SSL_set_fd ssl (fileno sock)))
    ssl))

;;; the blocking retry loop: SSL_* calls on a blocking socket, waiting with select when
;;; the library still reports want-read / want-write

(define (ssl-call who what s f)
  (let ((ssl (live-ssl who s)))
    (let loop ()
      (ERR_clear_error)
      (let ((r (f ssl)))
        (if (> r 0)
            r
            (let ((code (SSL_get_error ssl r))
                  (fd (fileno (tls-socket-socket s))))
              (cond
               ((= code SSL_ERROR_WANT_READ) (select (list fd) '() '()) (loop))
               ((= code SSL_ERROR_WANT_WRITE) (select '() (list fd) '()) (loop))
               ((= code SSL_ERROR_ZERO_RETURN) 0)
               (else
                (let ((queue-empty? (zero? (ERR_peek_error))))
                  (if (and (= code SSL_ERROR_SYSCALL) queue-empty?)
                      0
                      (let ((v (SSL_get_verify_result ssl)))
                        (raise-tls-error
                         who what
                         (and (not (= v X509_V_OK))
                              (pointer->string (X509_verify_cert_error_string v)))))))))))))))

;;; handshakes

(define (tls-client-handshake s)
  (ssl-call 'tls-client-handshake "handshake" s SSL_do_handshake)
  #t)

(define (tls-server-handshake s)
  (ssl-call 'tls-server-handshake "handshake" s SSL_do_handshake)
  #t)

;;; constructors

;; make-client-tls-socket NODE SERVICE [#:ca-file F] [#:verify? #t] [#:alpn '("h2" ...)]
;;   [#:handshake? #t] [#:host NODE] [#:ech BYTEVECTOR]: connects to NODE:SERVICE
;;   (strings). With verify? (the default) the peer's chain must lead to ca-file (else the
;;   system roots) and its certificate must name HOST (default NODE), which is also sent as
;;   SNI. With ech (a serialized ECHConfigList, e.g. an HTTPS record's "ech" value) the
;;   ClientHello is encrypted (Encrypted Client Hello): HOST travels encrypted, the one on
;;   the wire names the config's public name; see tls-socket-ech-accepted?.
(define* (make-client-tls-socket node service #:key ca-file (verify? #t) alpn
                                 (handshake? #t) (host node) ech)
  (define who 'make-client-tls-socket)
  (let ((ctx (new-context who TLS_client_method)))
    (SSL_CTX_set_verify ctx (if verify? SSL_VERIFY_PEER SSL_VERIFY_NONE) %null-pointer)
    (cond (ca-file
           (check who (string-append "ca-file " ca-file)
                  (SSL_CTX_load_verify_locations ctx (string->c ca-file) %null-pointer)))
          (verify?
           (check who "default verify paths" (SSL_CTX_set_default_verify_paths ctx))))
    (when (and alpn (pair? alpn))
      (let ((wire (alpn-wire alpn)))
        (unless (zero? (SSL_CTX_set_alpn_protos ctx (bytevector->pointer wire)
                                                (bytevector-length wire)))
          (raise-tls-error who "alpn"))))
    (let* ((sock (connect-socket who node service))
           (ssl (new-ssl who ctx sock))
           (s (%make-tls-socket 'client ctx ssl sock node #f #f)))
      (SSL_set_connect_state ssl)
      (when host
        (SSL_ctrl ssl SSL_CTRL_SET_TLSEXT_HOSTNAME TLSEXT_NAMETYPE_host_name (string->c host))
        (ERR_clear_error)
        (when verify?
          (check who (string-append "host " host) (SSL_set1_host ssl (string->c host)))))
      (when ech
        (check who "ech" (SSL_set1_ech_config_list ssl (bytevector->pointer ech)
                                                   (bytevector-length ech))))
      (when handshake?
        (with-exception-handler
            (lambda (e) (tls-socket-close s) (raise-exception e))
          (lambda () (tls-client-handshake s))))
      s)))

;; make-server-tls-socket SERVICE CERTIFICATE-FILE KEY-FILE [#:client-ca F]
;;   [#:node "127.0.0.1"] [#:backlog 16]: a listening socket; with client-ca, clients
;;   must present a certificate issued by it.
(define* (make-server-tls-socket service certificate-file key-file #:key client-ca node
                                 (backlog 16))
  (define who 'make-server-tls-socket)
  (let ((ctx (new-context who TLS_server_method)))
    (check who (string-append "certificate " certificate-file)
           (SSL_CTX_use_certificate_chain_file ctx (string->c certificate-file)))
    (check who (string-append "key " key-file)
           (SSL_CTX_use_PrivateKey_file ctx (string->c key-file) SSL_FILETYPE_PEM))
    (check who "key does not match the certificate" (SSL_CTX_check_private_key ctx))
    (when client-ca
      (check who (string-append "client-ca " client-ca)
             (SSL_CTX_load_verify_locations ctx (string->c client-ca) %null-pointer))
      (SSL_CTX_set_verify ctx (logior SSL_VERIFY_PEER SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
                          %null-pointer))
    (let* ((ai (car (getaddrinfo node service (if node 0 AI_PASSIVE) 0 SOCK_STREAM)))
           (sock (socket (addrinfo:fam ai) SOCK_STREAM 0)))
      (setsockopt sock SOL_SOCKET SO_REUSEADDR 1)
      (bind sock (addrinfo:addr ai))
      (listen sock backlog)
      (%make-tls-socket 'server ctx #f sock (or node "") #f #f))))

;; tls-socket-accept SERVER [#:handshake? #t]: the next client, as a TLS socket
(define* (tls-socket-accept server #:key (handshake? #t))
  (define who 'tls-socket-accept)
  (unless (eq? (tls-socket-kind server) 'server)
    (error "tls-socket-accept: not a server socket" server))
  (let* ((sock (car (accept (tls-socket-socket server))))
         (ssl (new-ssl who (tls-socket-ctx server) sock))
         (s (%make-tls-socket 'accepted (tls-socket-ctx server) ssl sock
                              (tls-socket-name server) #f #f)))
    (SSL_set_accept_state ssl)
    (when handshake?
      (with-exception-handler
          (lambda (e) (tls-socket-close s) (raise-exception e))
        (lambda () (tls-server-handshake s))))
    s))

;;; data

(define (read-into! s bv start count)
  (if (zero? count)
      0
      (ssl-call 'tls-socket-recv "receive" s
                (lambda (ssl) (SSL_read ssl (bytevector->pointer bv start) count)))))

(define (write-from! s bv start count)
  (let loop ((done 0))
    (if (>= done count)
        count
        (loop (+ done (ssl-call 'tls-socket-send "send" s
                                (lambda (ssl)
                                  (SSL_write ssl (bytevector->pointer bv (+ start done))
                                             (- count done)))))))))

;; tls-socket-send S BV [FLAGS]: writes all of BV; returns its length
(define* (tls-socket-send s bv #:optional flags)
  (write-from! s bv 0 (bytevector-length bv)))

;; tls-socket-recv S SIZE [FLAGS]: up to SIZE bytes; an empty bytevector at the end
(define* (tls-socket-recv s size #:optional flags)
  (let* ((buf (make-bytevector size))
         (n (read-into! s buf 0 size)))
    (if (= n size)
        buf
        (let ((out (make-bytevector n)))
          (bytevector-copy! buf 0 out 0 n)
          out))))

;;; closing

;; tls-socket-shutdown S [HOW]: sends close_notify (once)
(define* (tls-socket-shutdown s #:optional how)
  (let ((ssl (tls-socket-ssl s)))
    (when (and ssl (not (tls-socket-shut? s)))
      (set-tls-socket-shut?! s #t)
      (SSL_shutdown ssl)
      (ERR_clear_error))))

;; tls-socket-close S: shutdown, close the socket, drop the SSL (freed by its finalizer).
;; Idempotent.
(define (tls-socket-close s)
  (unless (tls-socket-closed? s)
    (when (memq (tls-socket-kind s) '(client accepted))
      (tls-socket-shutdown s))
    (set-tls-socket-ssl! s #f)
    (set-tls-socket-closed?! s #t)
    (close-port (tls-socket-socket s)))
  #t)

;;; information

(define (tls-socket-peer-certificate s)
  (wrap-x509 (SSL_get1_peer_certificate (live-ssl 'tls-socket-peer-certificate s))))

;; the peer's socket address (a Guile sockaddr)
(define (tls-socket-peer s)
  (getpeername (tls-socket-socket s)))

(define (tls-socket-selected-alpn s)
  (let ((p (make-bytevector (sizeof '*) 0))
        (n (make-bytevector (sizeof unsigned-int) 0)))
    (SSL_get0_alpn_selected (live-ssl 'tls-socket-selected-alpn s)
                            (bytevector->pointer p) (bytevector->pointer n))
    (let ((len (bytevector-uint-ref n 0 (native-endianness) (sizeof unsigned-int)))
          (data (dereference-pointer (bytevector->pointer p))))
      (and (> len 0) (not (null-pointer? data))
           (utf8->string (bytevector-copy (pointer->bytevector data len)))))))

;; tls-socket-ech-accepted? S: #t once a handshake completed with the server accepting the
;; ECH offer (#:ech of make-client-tls-socket)
(define (tls-socket-ech-accepted? s)
  (= 1 (SSL_ech_accepted (live-ssl 'tls-socket-ech-accepted? s))))

;; tls-socket-ech-retry-configs S: after a handshake that failed with "ech required", the
;; ECHConfigList (a bytevector) the server sent to retry with, else #f
(define (tls-socket-ech-retry-configs s)
  (let ((p (make-bytevector (sizeof '*) 0))
        (n (make-bytevector (sizeof size_t) 0)))
    (SSL_get0_ech_retry_configs (live-ssl 'tls-socket-ech-retry-configs s)
                                (bytevector->pointer p) (bytevector->pointer n))
    (let ((len (bytevector-uint-ref n 0 (native-endianness) (sizeof size_t)))
          (data (dereference-pointer (bytevector->pointer p))))
      (and (> len 0) (not (null-pointer? data))
           (bytevector-copy (pointer->bytevector data len))))))

(define (tls-socket-version s)
  (let ((p (SSL_get_version (live-ssl 'tls-socket-version s))))
    (and (not (null-pointer? p)) (pointer->string p))))

(define (tls-socket-cipher s)
  (let ((c (SSL_get_current_cipher (live-ssl 'tls-socket-cipher s))))
    (and (not (null-pointer? c)) (pointer->string (SSL_CIPHER_get_name c)))))

;;; ports

;; tls-socket-port S [CLOSE?]: a binary input/output port over S (UTF-8 for textual
;; procedures such as get-line and put-string). Closing the port closes S when CLOSE?.
(define* (tls-socket-port s #:optional (close? #t))
  (let ((port (make-custom-binary-input/output-port
               "tls-socket"
               (lambda (bv start count) (read-into! s bv start count))
               (lambda (bv start count) (write-from! s bv start count))
               #f #f
               (lambda () (when close? (tls-socket-close s))))))
    (set-port-encoding! port "UTF-8")
    port))
