;;;; features.lisp -- ferrossl's TLS features for cl+ssl streams and contexts: TLS 1.3 key
;;;; update, client sessions saved and restored as octets, and key logging (NSS key log
;;;; lines, as SSLKEYLOGFILE).
;;;;
;;;;   (ferrossl:key-update ssl-stream :request-peer t)   ; sent by the next write/read
;;;;   (ferrossl:pending-key-update ssl-stream)           ; => :requested, :not-requested, NIL
;;;;   (ferrossl:session-octets ssl-stream)               ; => (unsigned-byte 8) vector
;;;;   (ferrossl:with-client-session (octets) (cl+ssl:make-ssl-client-stream ...))
;;;;   (ferrossl:session-reused-p ssl-stream)
;;;;   (ferrossl:set-keylog (lambda (line) ...) context)  ; or a pathname, or NIL
;;;;
;;;; Failures signal cl+ssl's SSL-ERROR-CALL, carrying the library's error queue.

(in-package #:ferrossl)

(eval-when (:compile-toplevel :load-toplevel :execute)
  (export '(key-update pending-key-update
            session-octets session-reused-p *client-session* with-client-session
            set-keylog keylog-callback-errors)))

(cffi:defcfun ("SSL_do_handshake" %ssl-do-handshake) :int (ssl :pointer))
(cffi:defcfun ("SSL_get1_session" %ssl-get1-session) :pointer (ssl :pointer))
(cffi:defcfun ("SSL_set_session" %ssl-set-session) :int (ssl :pointer) (session :pointer))
(cffi:defcfun ("SSL_session_reused" %ssl-session-reused) :int (ssl :pointer))
(cffi:defcfun ("SSL_key_update" %ssl-key-update) :int (ssl :pointer) (type :int))
(cffi:defcfun ("SSL_get_key_update_type" %ssl-get-key-update-type) :int (ssl :pointer))
(cffi:defcfun ("SSL_get_SSL_CTX" %ssl-get-ssl-ctx) :pointer (ssl :pointer))
(cffi:defcfun ("SSL_CTX_set_keylog_callback" %ssl-ctx-set-keylog-callback) :void
  (ctx :pointer) (cb :pointer))
(cffi:defcfun ("SSL_SESSION_free" %ssl-session-free) :void (session :pointer))
(cffi:defcfun ("i2d_SSL_SESSION" %i2d-ssl-session) :int (session :pointer) (pp :pointer))
(cffi:defcfun ("d2i_SSL_SESSION" %d2i-ssl-session) :pointer
  (a :pointer) (pp :pointer) (length :long))
(cffi:defcfun ("ERR_clear_error" %err-clear-error) :void)

(defconstant +key-update-not-requested+ 0)
(defconstant +key-update-requested+ 1)

(defun feature-fail (what)
  (error 'cl+ssl::ssl-error-call :message what :queue (cl+ssl::read-ssl-error-queue)))

(defun stream-handle (stream)
  (let ((handle (and (typep stream 'cl+ssl::ssl-stream) (cl+ssl::ssl-stream-handle stream))))
    (when (or (null handle) (cffi:null-pointer-p handle))
      (error "~S is not an open cl+ssl stream" stream))
    handle))

;;; ---------------------------------------------------------------- key update

(defun key-update (stream &key (request-peer t) now)
  "Schedules a TLS 1.3 KeyUpdate on the cl+ssl STREAM, sent with the next write that
reaches the library (FORCE-OUTPUT) or read, or at once when NOW is true. REQUEST-PEER
true (the default) asks the peer to update its keys too (ferrossl's limit: rustls always
sends update_requested). Signals SSL-ERROR-CALL on TLS 1.2 or before the handshake
(\"wrong ssl version\"). Returns T."
  (let ((handle (stream-handle stream)))
    (%err-clear-error)
    (unless (= 1 (%ssl-key-update handle (if request-peer
                                              +key-update-requested+
                                              +key-update-not-requested+)))
      (feature-fail "SSL_key_update"))
    (when now
      (cl+ssl::ensure-ssl-funcall stream handle #'%ssl-do-handshake handle))
    t))

(defun pending-key-update (stream)
  ":REQUESTED or :NOT-REQUESTED while a scheduled KeyUpdate is not sent yet, else NIL."
  (case (%ssl-get-key-update-type (stream-handle stream))
    (1 :requested)                      ; SSL_KEY_UPDATE_REQUESTED
    (0 :not-requested)                  ; SSL_KEY_UPDATE_NOT_REQUESTED
    (t nil)))

;;; ---------------------------------------------------------------- sessions

(defun session-octets (stream)
  "The newest resumable session of STREAM as an (unsigned-byte 8) vector, for
WITH-CLIENT-SESSION, or NIL. TLS 1.3 tickets arrive after the handshake: read some data
first. ferrossl's limit: a client session's octets resume only in this process."
  (let ((session (%ssl-get1-session (stream-handle stream))))
    (unless (cffi:null-pointer-p session)
      (unwind-protect
           (let ((n (%i2d-ssl-session session (cffi:null-pointer))))
             (when (<= n 0) (feature-fail "i2d_SSL_SESSION"))
             (cffi:with-foreign-objects ((buf :uint8 n) (pp :pointer))
               (setf (cffi:mem-ref pp :pointer) buf)
               (unless (= n (%i2d-ssl-session session pp)) (feature-fail "i2d_SSL_SESSION"))
               (let ((octets (make-array n :element-type '(unsigned-byte 8))))
                 (dotimes (i n octets)
                   (setf (aref octets i) (cffi:mem-aref buf :uint8 i))))))
        (%ssl-session-free session)))))

(defun session-reused-p (stream)
  "True if STREAM's handshake resumed a session."
  (= 1 (%ssl-session-reused (stream-handle stream))))

(defvar *client-session* nil
  "Octets from SESSION-OCTETS, or NIL: while bound, every client stream cl+ssl makes
(MAKE-SSL-CLIENT-STREAM, and so drakma) offers this session for resumption.")

(defun offer-session (handle octets)
  (let ((n (length octets)))
    (%err-clear-error)
    (cffi:with-foreign-objects ((buf :uint8 (max n 1)) (pp :pointer))
      (dotimes (i n) (setf (cffi:mem-aref buf :uint8 i) (aref octets i)))
      (setf (cffi:mem-ref pp :pointer) buf)
      (let ((session (%d2i-ssl-session (cffi:null-pointer) pp n)))
        (when (cffi:null-pointer-p session) (feature-fail "d2i_SSL_SESSION: not a session"))
        (unwind-protect
             (unless (= 1 (%ssl-set-session handle session)) (feature-fail "SSL_set_session"))
          (%ssl-session-free session))))))   ; SSL_set_session took its own reference

(defmacro with-client-session ((octets) &body body)
  "Runs BODY with *CLIENT-SESSION* bound to OCTETS (NIL: no session offered): the client
streams cl+ssl makes in BODY offer that session; SESSION-REUSED-P tells if it resumed."
  `(let ((*client-session* ,octets)) ,@body))

;; cl+ssl has no hook between SSL_new and the handshake: its SSL_set_connect_state
;; wrapper (called just before SSL_connect) is wrapped once to offer *CLIENT-SESSION*.
(defvar *connect-state-wrapper* nil)
(defun install-session-hook ()
  (let ((current (fdefinition 'cl+ssl::ssl-set-connect-state)))
    (unless (eq current *connect-state-wrapper*)
      (setf *connect-state-wrapper*
            (lambda (handle)
              (multiple-value-prog1 (funcall current handle)
                (when *client-session* (offer-session handle *client-session*))))
            (fdefinition 'cl+ssl::ssl-set-connect-state) *connect-state-wrapper*))))
(install-session-hook)

;;; ---------------------------------------------------------------- key log

(defvar *keylog-lock* (bt:make-lock "ferrossl keylog"))
(defvar *keyloggers* (make-hash-table) "SSL_CTX address -> function of one line")
(defvar *keylog-errors* nil)

(defun keylog-callback-errors ()
  "Errors signalled inside key log functions (caught there: the handshake goes on)."
  (bt:with-lock-held (*keylog-lock*) (copy-list *keylog-errors*)))

(cffi:defcallback keylog-line :void ((ssl :pointer) (line :string))
  (let ((logger (bt:with-lock-held (*keylog-lock*)
                  (gethash (cffi:pointer-address (%ssl-get-ssl-ctx ssl)) *keyloggers*))))
    (when logger
      (handler-case (funcall logger line)
        (error (e)
          (bt:with-lock-held (*keylog-lock*)
            (when (< (length *keylog-errors*) 100) (push e *keylog-errors*))))))))

(defun file-logger (path)
  (let ((path (namestring (merge-pathnames path)))
        (lock (bt:make-lock "ferrossl keylog file")))
    (with-open-file (s path :direction :output :if-exists :append :if-does-not-exist :create))
    (uiop:run-program (list "chmod" "600" path))
    (lambda (line)
      (bt:with-lock-held (lock)
        (with-open-file (s path :direction :output :if-exists :append)
          (write-line line s))))))

(defun set-keylog (target &optional (context (progn (cl+ssl:ensure-initialized)
                                                     cl+ssl::*ssl-global-context*)))
  "Every secret of every connection of CONTEXT (an SSL_CTX from CL+SSL:MAKE-CONTEXT,
default cl+ssl's global context) as one NSS key log line (\"CLIENT_HANDSHAKE_TRAFFIC_SECRET
<client random> <secret>\", hex; what SSLKEYLOGFILE gives, which Wireshark reads).
TARGET: a function called with each line (a string without newline), a pathname or
namestring appended to (mode 600), or NIL to stop. A debugging aid: the lines decrypt
the traffic. Returns T."
  (let ((logger (etypecase target
                  (null nil)
                  ((or function symbol) target)
                  ((or string pathname) (file-logger target))))
        (key (cffi:pointer-address context)))
    (bt:with-lock-held (*keylog-lock*)
      (if logger
          (setf (gethash key *keyloggers*) logger)
          (remhash key *keyloggers*)))
    (%ssl-ctx-set-keylog-callback context (if logger (cffi:callback keylog-line) (cffi:null-pointer)))
    t))
