;;;; ech.lisp (ferrossl only) -- Encrypted Client Hello on cl+ssl client streams
;;;; (ferrossl:set-context-ech-config-list, ferrossl:ech-accepted-p) against BoringSSL's
;;;; `bssl server -www` (started by run-tests.sh: ECH_PORT, ECH_LIST = its ECHConfigList,
;;;; ECH_LIST_OTHER = a config it does not know), whose page reports "Encrypted
;;;; ClientHello: yes|no".

(in-package #:ferrossl-test)

(defun octets-of (path)
  (with-open-file (in path :element-type '(unsigned-byte 8))
    (let ((v (make-array (file-length in) :element-type '(unsigned-byte 8))))
      (read-sequence v in)
      v)))

(defun ech-page (list)
  "GET / from the bssl server over a cl+ssl stream whose context offers LIST (or no ECH).
Returns the page and whether ferrossl says ECH was accepted."
  (let ((ctx (cl+ssl:make-context :verify-location (cert "ca.pem"))))
    (when list (ferrossl:set-context-ech-config-list ctx list))
    (cl+ssl:with-global-context (ctx :auto-free-p t)
      (let ((sock (usocket:socket-connect "127.0.0.1" (env-int "ECH_PORT")
                                          :element-type '(unsigned-byte 8))))
        (unwind-protect
             (let* ((ssl (cl+ssl:make-ssl-client-stream (usocket:socket-stream sock)
                                                         :hostname "localhost" :verify :required))
                    (accepted (ferrossl:ech-accepted-p ssl))
                    (s (flexi-streams:make-flexi-stream ssl :external-format '(:latin-1 :eol-style :crlf))))
               (unwind-protect
                    (progn
                      (format s "GET / HTTP/1.0~%~%")
                      (finish-output s)
                      (values (with-output-to-string (out)
                                (handler-case
                                    (loop for line = (read-line s nil) while line
                                          do (write-line line out))
                                  (error () nil)))
                              accepted))
                 (ignore-errors (close s))))
          (usocket:socket-close sock))))))

(check "ECH accepted: ech-accepted-p and bssl's report agree; the inner name reached it"
  (multiple-value-bind (page accepted) (ech-page (octets-of (env "ECH_LIST")))
    (values (and accepted
                 (search "Encrypted ClientHello: yes" page)
                 (search "Client sent SNI: localhost" page))
            (list accepted (one-line page)))))

(check "without ECH: not accepted, and bssl saw none"
  (multiple-value-bind (page accepted) (ech-page nil)
    (values (and (not accepted) (search "Encrypted ClientHello: no" page))
            (list accepted (one-line page)))))

(check "a config the server does not know: the handshake fails with \"ech required\""
  (handler-case (progn (ech-page (octets-of (env "ECH_LIST_OTHER")))
                       (values nil "handshake succeeded"))
    (error (e) (values (search "ech required" (princ-to-string e)) (one-line (princ-to-string e))))))

(check-signals "a malformed ECHConfigList is refused" error
  (let ((ctx (cl+ssl:make-context)))
    (unwind-protect
         (ferrossl:set-context-ech-config-list
          ctx (make-array 5 :element-type '(unsigned-byte 8) :initial-contents '(0 3 1 2 3)))
      (cl+ssl:ssl-ctx-free ctx))))
