;;;; bench.lisp -- a measurement, not a test: drakma -> hunchentoot (easy-ssl-acceptor)
;;;; over HTTPS in one process, a new TCP+TLS connection per request, verification on.
;;;; `run-tests.sh bench` runs it on ferrossl and on OpenSSL, one after the other.

(in-package #:ferrossl-test)

(defparameter *n* (env-int "BENCH_N" 300))
(setf *check-seconds* 600)

(hunchentoot:define-easy-handler (ferrossl-bench :uri "/bench") ()
  (setf (hunchentoot:content-type*) "text/plain")
  "ok")

(defparameter *acceptor*
  (hunchentoot:start
   (make-instance 'hunchentoot:easy-ssl-acceptor
                  :address "127.0.0.1" :port 0
                  :ssl-certificate-file (cert "server-ecdsa.pem")
                  :ssl-privatekey-file (cert "server-ecdsa.key")
                  :access-log-destination nil :message-log-destination nil)))

(defun one ()
  (multiple-value-bind (body status)
      (drakma:http-request (format nil "https://localhost:~D/bench" (hunchentoot:acceptor-port *acceptor*))
                           :verify :required :ca-file (cert "ca.pem"))
    (and (eql status 200) (equal body "ok"))))

(check (format nil "bench: ~D sequential drakma requests, new connection each" *n*)
  (progn
    (dotimes (i 20) (one))                      ; warm-up
    (let ((ok 0) (t0 (get-internal-real-time)))
      (dotimes (i *n*) (when (one) (incf ok)))
      (let ((secs (/ (- (get-internal-real-time) t0) internal-time-units-per-second)))
        (format t "~&BENCH ~A ~D requests (~D ok) in ~,2F s = ~,1F requests/s~%"
                *backend* *n* ok secs (/ *n* secs))
        (values (= ok *n*) ok)))))

(hunchentoot:stop *acceptor*)
