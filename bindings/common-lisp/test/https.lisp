;;;; https.lisp -- drakma and cl+ssl clients against `openssl s_server -www` and
;;;; against ferrossl's own example server (build/tls-server), refusals, accessors.
;;;; Expected values are OpenSSL 3.0's behaviour; the runner runs this file on both.

(in-package #:ferrossl-test)

(defparameter *ca* (cert "ca.pem"))

(defparameter *servers*
  ;; (label port expected-alpn-for-'("h2" "http/1.1"))
  (remove nil
          (list (list "s_server" (env-int "SSERVER_PORT") "http/1.1")
                (when (env "TLSSERVER_PORT")
                  (list "tls-server" (env-int "TLSSERVER_PORT") "h2")))))

(defun url (port &optional (host "localhost"))
  (format nil "https://~A:~D/" host port))

(defun http-get (url &rest args)
  "drakma:http-request returning (values status body-string)."
  (multiple-value-bind (body status)
      (apply #'drakma:http-request url :connection-timeout 10 args)
    (values status (if (stringp body) body (flexi-streams:octets-to-string body)))))

(defmacro with-ca-context ((&rest make-context-args) &body body)
  "cl+ssl's own verifying context (verify-mode peer, cl+ssl's verify callback)."
  `(cl+ssl:with-global-context ((cl+ssl:make-context :verify-location *ca* ,@make-context-args)
                                :auto-free-p t)
     ,@body))

(defun tls-get (port &key (unwrap-stream-p t) (hostname "localhost") alpn (verify :required)
                       inspect)
  "GET / over a cl+ssl client stream made by hand. Returns the HTTP status line and,
as second value, whatever INSPECT (called with the ssl stream before the request) returns."
  (let ((sock (usocket:socket-connect "127.0.0.1" port :element-type '(unsigned-byte 8))))
    (unwind-protect
         (let* ((ssl (cl+ssl:make-ssl-client-stream (usocket:socket-stream sock)
                                                    :unwrap-stream-p unwrap-stream-p
                                                    :hostname hostname
                                                    :verify verify
                                                    :alpn-protocols alpn))
                (extra (and inspect (funcall inspect ssl)))
                (s (flexi-streams:make-flexi-stream ssl :external-format '(:latin-1 :eol-style :crlf))))
           (unwind-protect
                (progn
                  (format s "GET / HTTP/1.0~%Host: localhost~%~%")
                  (finish-output s)
                  (values (string-right-trim '(#\Return) (read-line s)) extra))
             (close s)))
      (usocket:socket-close sock))))

(defun status-line-ok-p (line)
  (and (stringp line) (search " 200 " (concatenate 'string line " "))))

(defun ssl-fd (ssl-stream)
  (cl+ssl::ssl-get-fd (cl+ssl::ssl-stream-handle ssl-stream)))

;;; ---------------------------------------------------------------- working paths

(dolist (srv *servers*)
  (destructuring-bind (label port alpn) srv
    (check (format nil "~A drakma :verify nil" label)
      (multiple-value-bind (status body) (http-get (url port "127.0.0.1") :verify nil)
        (values (and (eql status 200) (plusp (length body))) (list status (length body)))))
    (check (format nil "~A drakma :verify :required :ca-file, hostname localhost" label)
      (let ((status (http-get (url port) :verify :required :ca-file *ca*)))
        (values (eql status 200) status)))
    (check (format nil "~A cl+ssl stream over fd (SSL_get_fd >= 0)" label)
      (with-ca-context ()
        (multiple-value-bind (line fd) (tls-get port :inspect #'ssl-fd)
          (values (and (status-line-ok-p line) (>= fd 0)) (list line fd)))))
    (check (format nil "~A cl+ssl stream over Lisp-stream BIO (:unwrap-stream-p nil, SSL_get_fd = -1)" label)
      (with-ca-context ()
        (multiple-value-bind (line fd) (tls-get port :unwrap-stream-p nil :inspect #'ssl-fd)
          (values (and (status-line-ok-p line) (eql fd -1)) (list line fd)))))
    ;; LISTEN on a Lisp-BIO stream runs cl+ssl's non-blocking read path, which ORs 0x9 into
    ;; the word at byte offset 32 of the BIO (an OpenSSL 1.0 layout assumption). In this cl+ssl
    ;; version that path is broken on both libraries: its Lisp BIO still blocks for the bytes
    ;; asked for (*partial-read-p* is NIL), so on ferrossl LISTEN waits for data (here: until a
    ;; 3 s deadline) and on OpenSSL it fails at once with SSL_ERROR_SYSCALL. The check: an
    ;; ssl-error, no crash, and the next connection works.
    (check (format nil "~A LISTEN on a Lisp-stream BIO stream -> ssl-error (cl+ssl bug), no crash, next connection fine" label)
      (with-ca-context ()
        (let ((got (handler-case
                       (tls-get port :unwrap-stream-p nil
                                     :inspect (lambda (ssl)
                                                (sb-sys:with-deadline (:seconds 3) (listen ssl))))
                     (cl+ssl::ssl-error (e) (type-of e))
                     (error (e) (list :other (type-of e))))))
          (values (and (symbolp got) (subtypep got 'cl+ssl::ssl-error)
                       (status-line-ok-p (tls-get port)))
                  got))))
    (check (format nil "~A ALPN h2,http/1.1 -> ~A" label alpn)
      (with-ca-context ()
        (multiple-value-bind (line got)
            (tls-get port :alpn '("h2" "http/1.1") :inspect #'cl+ssl:get-selected-alpn-protocol)
          (values (and (status-line-ok-p line) (equal got alpn)) (list line got)))))
    (check (format nil "~A ALPN over Lisp-stream BIO" label)
      (with-ca-context ()
        (multiple-value-bind (line got)
            (tls-get port :unwrap-stream-p nil :alpn '("h2" "http/1.1")
                          :inspect #'cl+ssl:get-selected-alpn-protocol)
          (values (and (status-line-ok-p line) (equal got alpn)) (list line got)))))
    (check (format nil "~A peer certificate accessors (CN, notAfter, notBefore, SHA-1 fingerprint)" label)
      (with-ca-context ()
        (multiple-value-bind (line got)
            (tls-get port :inspect
                     (lambda (ssl)
                       ;; SSL_get1_peer_certificate, as cl+ssl's own verification does
                       (let ((x (cl+ssl::ssl-get1-peer-certificate (cl+ssl::ssl-stream-handle ssl))))
                         (unwind-protect
                              (list (cl+ssl:certificate-subject-common-names x)
                                    (cl+ssl:certificate-not-after-time x)
                                    (cl+ssl:certificate-not-before-time x)
                                    (format nil "~{~2,'0X~}"
                                            (coerce (cl+ssl:certificate-fingerprint x) 'list)))
                           (cl+ssl::x509-free x)))))
          (values (and (status-line-ok-p line)
                       (equal got (list '("ferrossl test server ecdsa")
                                        (encode-universal-time 0 0 0 1 1 2100 0)
                                        (encode-universal-time 0 0 0 1 1 2000 0)
                                        (env "SERVER_SHA1"))))
                  (list line got)))))
    ;; cl+ssl:ssl-stream-x509-certificate calls SSL_get_peer_certificate, which OpenSSL 3
    ;; no longer exports (undefined alien function); ferrossl exports it.
    (check (format nil "~A cl+ssl:ssl-stream-x509-certificate (SSL_get_peer_certificate): ~A"
                   label (if (string= *backend* "openssl") "undefined on OpenSSL 3" "works on ferrossl"))
      (with-ca-context ()
        (let ((got (handler-case
                       (nth-value 1 (tls-get port :inspect
                                             (lambda (ssl)
                                               (cl+ssl:certificate-subject-common-names
                                                (cl+ssl:ssl-stream-x509-certificate ssl)))))
                     (error (e) (type-of e)))))
          (values (if (string= *backend* "openssl")
                      (eq got 'sb-kernel::undefined-alien-function-error)
                      (equal got '("ferrossl test server ecdsa")))
                  got))))))

(check "random-bytes: 32 bytes, two calls differ"
  (let ((a (cl+ssl:random-bytes 32)) (b (cl+ssl:random-bytes 32)))
    (values (and (= 32 (length a) (length b)) (not (equalp a b))) (list a b))))

(defun cert-facts (x)
  (list (cl+ssl:certificate-subject-common-names x)
        (cl+ssl::certificate-dns-alt-names x)
        (cl+ssl:verify-hostname x "localhost")
        (handler-case (cl+ssl:verify-hostname x "example.com") (error (e) (type-of e)))))

(defparameter *rsa-facts*
  '(("ferrossl test server rsa") ("localhost" "127.0.0.1") t cl+ssl::unable-to-match-common-name))

(check "decode-certificate-from-file (DER, d2i_X509) + accessors + verify-hostname"
  (let ((x (cl+ssl:decode-certificate-from-file (cert "server-rsa.der"))))
    (unwind-protect (let ((got (cert-facts x))) (values (equal got *rsa-facts*) got))
      (cl+ssl::x509-free x))))

(check "PEM through a Lisp BIO (PEM_read_bio_X509) + accessors"
  (let ((x (cl+ssl::x509-cert-from-pem (uiop:read-file-string (cert "server-rsa.pem")))))
    (unwind-protect (let ((got (cert-facts x))) (values (equal got *rsa-facts*) got))
      (cl+ssl::x509-free x))))

(check "a bad CA file -> ssl-error listing the queue (ERR_get_error, ERR_error_string(e, NULL))"
  (handler-case (progn (cl+ssl:ssl-ctx-free (cl+ssl:make-context :verify-location (cert "garbage.pem")))
                       (values nil "no error"))
    (cl+ssl::ssl-error (e)
      (let ((text (cl+ssl::format-ssl-error-queue nil e)))
        (values (and (cl+ssl::ssl-error-queue e) (search "error:" text)) text)))))

(defun garbage-server ()
  "A TCP server on 127.0.0.1 that answers one connection with plain-text HTTP, not TLS."
  (let ((listener (usocket:socket-listen "127.0.0.1" 0 :reuse-address t :element-type '(unsigned-byte 8))))
    (bt:make-thread (lambda ()
                      (unwind-protect
                           (let ((c (usocket:socket-accept listener)))
                             (write-sequence (map 'vector #'char-code
                                                  (format nil "HTTP/1.0 400 Bad Request~C~C~C~C"
                                                          #\Return #\Newline #\Return #\Newline))
                                             (usocket:socket-stream c))
                             (finish-output (usocket:socket-stream c))
                             (sleep 0.5)
                             (usocket:socket-close c))
                        (usocket:socket-close listener)))
                    :name "garbage-server")
    (usocket:get-local-port listener)))

(check "a non-TLS peer -> ssl-error-ssl whose report is ERR_print_errors through cl+ssl's Lisp BIO"
  (let ((port (garbage-server)))
    (handler-case (progn (with-ca-context () (tls-get port)) (values nil "no error"))
      (cl+ssl::ssl-error-ssl (e)
        (let ((text (princ-to-string e)))
          (values (and (search "ERR_print_errors():" text) (search ":error:" text)) text)))
      (error (e) (values nil (format nil "~S: ~A" (type-of e) e))))))

;;; ---------------------------------------------------------------- refusals
;;; OpenSSL 3.0: untrusted CA -> X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20),
;;; self-signed -> X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT (18), expired ->
;;; X509_V_ERR_CERT_HAS_EXPIRED (10); wrong host is cl+ssl's own check.

(defparameter *refusals*
  `(("untrusted CA" "UNTRUSTED_PORT" 20)
    ("self-signed" "SELFSIGNED_PORT" 18)
    ("expired" "EXPIRED_PORT" 10)))

(defun verify-code (thunk)
  (handler-case (progn (funcall thunk) :no-error)
    (cl+ssl:ssl-error-verify (e) (cl+ssl:ssl-error-code e))
    (error (e) (type-of e))))

(dolist (r *refusals*)
  (destructuring-bind (what var code) r
    (let ((port (env-int var)))
      (check (format nil "refusal ~A via drakma (SSL_get_verify_result) -> ssl-error-verify ~D" what code)
        (let ((got (verify-code (lambda () (http-get (url port) :verify :required :ca-file *ca*)))))
          (values (eql got code) got)))
      (check (format nil "refusal ~A via cl+ssl verify callback (unwinds through SSL_connect) -> ssl-error-verify ~D" what code)
        (let ((got (verify-code (lambda () (with-ca-context () (tls-get port))))))
          (values (eql got code) got)))
      (check (format nil "refusal ~A over Lisp-stream BIO -> ssl-error-verify ~D" what code)
        (let ((got (verify-code (lambda () (with-ca-context () (tls-get port :unwrap-stream-p nil))))))
          (values (eql got code) got))))))

(defun condition-of (thunk)
  (handler-case (progn (funcall thunk) :no-error)
    (error (e) (type-of e))))

(let ((port (env-int "WRONGHOST_PORT")))
  ;; cl+ssl checks the host itself: no SAN matches, then the CN fallback fails
  (check "refusal wrong host via drakma -> cl+ssl::unable-to-match-common-name"
    (let ((got (condition-of (lambda () (http-get (url port) :verify :required :ca-file *ca*)))))
      (values (eq got 'cl+ssl::unable-to-match-common-name) got)))
  (check "refusal wrong host via cl+ssl stream -> cl+ssl::unable-to-match-common-name"
    (let ((got (condition-of (lambda () (with-ca-context () (tls-get port))))))
      (values (eq got 'cl+ssl::unable-to-match-common-name) got)))
  (check "wrong host accepted with :verify nil"
    (let ((status (http-get (url port) :verify nil)))
      (values (eql status 200) status))))

(check "no CA file (system bundle only): test CA refused -> ssl-error-verify 20"
  (let ((got (verify-code (lambda () (http-get (url (env-int "SSERVER_PORT")) :verify :required)))))
    (values (eql got 20) got)))

;;; after refusals, the process keeps working: alternate refusals (callback path,
;;; which frees the SSL inside SSL_connect) with good connections.
(check "40 refusals (verify callback unwinding) interleaved with 40 good connections"
  (let ((bad-port (env-int "UNTRUSTED_PORT"))
        (good-port (env-int "SSERVER_PORT"))
        (bad 0) (good 0))
    (dotimes (i 40)
      (when (eql 20 (verify-code (lambda () (with-ca-context () (tls-get bad-port)))))
        (incf bad))
      (when (status-line-ok-p (with-ca-context () (tls-get good-port)))
        (incf good)))
    (values (and (= bad 40) (= good 40)) (list :refused bad :good good))))

(check "10 more connections over the Lisp-stream BIO after the refusals"
  (let ((good 0))
    (dotimes (i 10)
      (when (status-line-ok-p (with-ca-context () (tls-get (env-int "SSERVER_PORT") :unwrap-stream-p nil)))
        (incf good)))
    (values (= good 10) good)))

(check "30 more drakma requests after the refusals"
  (let ((n 0))
    (dotimes (i 30)
      (when (eql 200 (http-get (url (second (nth (mod i (length *servers*)) *servers*)))
                               :verify :required :ca-file *ca*))
        (incf n)))
    (values (= n 30) n)))

;;; ---------------------------------------------------------------- the process
(if (string= *backend* "ferrossl")
    (check "/proc/self/maps: libferrossl mapped, no libssl.so / libcrypto.so"
      (let ((libs (uiop:symbol-call :ferrossl :mapped-tls-libraries)))
        (values (and (= 1 (length libs)) (search "libferrossl.so" (first libs))) libs)))
    (check "/proc/self/maps: reference run really is on OpenSSL (libssl.so.3 mapped)"
      (let ((maps (uiop:read-file-string "/proc/self/maps")))
        (values (and (search "libssl.so" maps) (not (search "libferrossl" maps))) "no libssl"))))
