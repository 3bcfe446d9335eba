;;; (ferrossl features): TLS 1.3 key update, client sessions saved and restored as
;;; bytevectors, and key logging (NSS key log lines, as SSLKEYLOGFILE) for the TLS sockets
;;; of (ferrossl). Use with (use-modules (ferrossl) (ferrossl features)).
;;;
;;;   (tls-socket-key-update! s ['requested | 'not-requested])  ; sent by the next I/O
;;;   (tls-socket-pending-key-update s)       ; => requested | not-requested | #f
;;;   (tls-socket-session s)                  ; => bytevector | #f
;;;   (tls-socket-session-set! s bv)          ; client, before its handshake
;;;   (tls-socket-session-reused? s)
;;;   (tls-socket-keylog-set! s proc-or-file) ; (proc line) per secret; or a file; or #f
;;;
;;; Failures raise the &tls-error of (ferrossl), carrying the library's error queue.
(define-module (ferrossl features)
  #:use-module (ferrossl)
  #:use-module (ferrossl ffi)
  #:use-module (system foreign)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 exceptions)
  #:export (tls-socket-key-update! tls-socket-pending-key-update
            tls-socket-session tls-socket-session-set! tls-socket-session-reused?
            tls-socket-keylog-set! keylog-callback-errors))

;; (ferrossl)'s internals this module builds on: the socket's SSL and SSL_CTX handles and
;; its error translation (kept private there: they are not for users)
(define live-ssl (@@ (ferrossl) live-ssl))
(define tls-socket-ctx (@@ (ferrossl) tls-socket-ctx))
(define raise-tls-error (@@ (ferrossl) raise-tls-error))

(define (argument-error who message . irritants)
  (raise-exception
   (make-exception (make-assertion-failure) (make-exception-with-origin who)
                   (make-exception-with-message message)
                   (make-exception-with-irritants irritants))))

;;; key update

;; tls-socket-key-update! S [KIND]: schedules a TLS 1.3 KeyUpdate, sent with the next
;; tls-socket-send / tls-socket-recv, or at once by tls-client-handshake /
;; tls-server-handshake. KIND: 'requested (the default: the peer updates its keys too) or
;; 'not-requested. ferrossl's limit: rustls always sends update_requested. Raises a
;; &tls-error on TLS 1.2 or before the handshake ("wrong ssl version").
(define* (tls-socket-key-update! s #:optional (kind 'requested))
  (define who 'tls-socket-key-update!)
  (let ((type (case kind
                ((requested) SSL_KEY_UPDATE_REQUESTED)
                ((not-requested) SSL_KEY_UPDATE_NOT_REQUESTED)
                (else (argument-error who "kind must be 'requested or 'not-requested" kind))))
        (ssl (live-ssl who s)))
    (ERR_clear_error)
    (unless (= 1 (SSL_key_update ssl type))
      (raise-tls-error who "key update"))
    #t))

;; tls-socket-pending-key-update S: 'requested or 'not-requested while a scheduled
;; KeyUpdate is not sent yet, else #f
(define (tls-socket-pending-key-update s)
  (let ((t (SSL_get_key_update_type (live-ssl 'tls-socket-pending-key-update s))))
    (cond ((= t SSL_KEY_UPDATE_REQUESTED) 'requested)
          ((= t SSL_KEY_UPDATE_NOT_REQUESTED) 'not-requested)
          (else #f))))

;;; sessions

;; tls-socket-session S: the newest resumable session of S as a bytevector (for
;; tls-socket-session-set! on a later connection), or #f when there is none. TLS 1.3
;; tickets arrive after the handshake: receive some data first. ferrossl's limit: a client
;; session's bytes resume only in the process that made them.
(define (tls-socket-session s)
  (define who 'tls-socket-session)
  (let ((sess (SSL_get1_session (live-ssl who s))))
    (if (null-pointer? sess)
        #f
        (let ((n (i2d_SSL_SESSION sess %null-pointer)))
          (if (<= n 0)
              (begin (SSL_SESSION_free sess) (raise-tls-error who "i2d_SSL_SESSION"))
              (let* ((bv (make-bytevector n 0))
                     (pp (make-bytevector (sizeof '*) 0)))
                (bytevector-uint-set! pp 0 (pointer-address (bytevector->pointer bv))
                                      (native-endianness) (sizeof '*))
                (let ((m (i2d_SSL_SESSION sess (bytevector->pointer pp))))
                  (SSL_SESSION_free sess)
                  (unless (= m n) (raise-tls-error who "i2d_SSL_SESSION"))
                  bv)))))))

;; tls-socket-session-set! S BV: offers the session BV (from tls-socket-session) for
;; resumption by the handshake of the client socket S: make S with #:handshake? #f, call
;; this, then tls-client-handshake. Raises a &tls-error when BV is no session.
(define (tls-socket-session-set! s bv)
  (define who 'tls-socket-session-set!)
  (unless (and (bytevector? bv) (> (bytevector-length bv) 0))
    (argument-error who "a non-empty bytevector expected" bv))
  (let ((ssl (live-ssl who s))
        (pp (make-bytevector (sizeof '*) 0)))
    (bytevector-uint-set! pp 0 (pointer-address (bytevector->pointer bv))
                          (native-endianness) (sizeof '*))
    (ERR_clear_error)
    (let ((sess (d2i_SSL_SESSION %null-pointer (bytevector->pointer pp) (bytevector-length bv))))
      (when (null-pointer? sess) (raise-tls-error who "d2i_SSL_SESSION"))
      (let ((r (SSL_set_session ssl sess)))
        (SSL_SESSION_free sess)        ; SSL_set_session took its own reference
        (unless (= r 1) (raise-tls-error who "SSL_set_session"))
        #t))))

;; tls-socket-session-reused? S: #t if the handshake resumed a session
(define (tls-socket-session-reused? s)
  (= 1 (SSL_session_reused (live-ssl 'tls-socket-session-reused? s))))

;;; key log

;; the C callbacks, kept alive as long as their context (weak keys: the SSL_CTX pointers)
(define keylog-callbacks (make-weak-key-hash-table))
(define callback-errors '())
;; keylog-callback-errors: the errors raised inside key log procedures (newest first;
;; they are caught there, the handshake goes on)
(define (keylog-callback-errors) callback-errors)

(define (file-logger path)
  (let ((port (open-file path "a")))
    (chmod port #o600)
    (setvbuf port 'line)
    (lambda (line) (display line port) (newline port))))

;; tls-socket-keylog-set! S TARGET: every secret of every connection of S's context
;; (the client socket itself; for a server socket, every connection it accepts) as one
;; NSS key log line ("CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random> <secret>", hex;
;; what SSLKEYLOGFILE gives, which Wireshark reads). TARGET: a procedure called with each
;; line (a string without newline), a file name appended to (mode 0600), or #f to stop.
;; Set it before the handshake (#:handshake? #f). A debugging aid: the lines decrypt the
;; traffic.
(define (tls-socket-keylog-set! s target)
  (define who 'tls-socket-keylog-set!)
  (let ((ctx (tls-socket-ctx s))
        (log (cond ((procedure? target) target)
                   ((string? target) (file-logger target))
                   ((not target) #f)
                   (else (argument-error who "a procedure, a file name or #f expected" target)))))
    (if log
        (let ((cb (procedure->pointer
                   void
                   (lambda (ssl line)
                     (catch #t
                       (lambda () (log (pointer->string line)))
                       (lambda args
                         (when (< (length callback-errors) 100)
                           (set! callback-errors (cons args callback-errors))))))
                   (list '* '*))))
          (SSL_CTX_set_keylog_callback ctx cb)
          (hashq-set! keylog-callbacks ctx cb))
        (begin
          (SSL_CTX_set_keylog_callback ctx %null-pointer)
          (hashq-remove! keylog-callbacks ctx)))
    #t))
