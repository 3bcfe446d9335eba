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
    (let ((ok 0) (t0 (get-internal-real-time)) (c0 (get-internal-run-time)))
      (let ((tb (get-internal-real-time)))
        (dotimes (i *n*)
          (when (one) (incf ok))
          (when (zerop (mod (1+ i) 100))   ; per-100 rates show any drift over the run
            (let ((now (get-internal-real-time)))
              (format t "~&#    ~A requests ~D-~D: ~,1F requests/s~%" *backend* (- i 99) (1+ i)
                      (/ 100 (/ (- now tb) internal-time-units-per-second)))
              (setf tb now)))))
      (let ((secs (/ (- (get-internal-real-time) t0) internal-time-units-per-second))
            (cpu (/ (- (get-internal-run-time) c0) internal-time-units-per-second)))
        ;; client and server share this process: CPU s/request is the robust number on a
        ;; busy machine, wall-clock requests/s the one users see
        (format t "~&BENCH ~A ~D requests (~D ok) in ~,2F s = ~,1F requests/s; ~,2F ms CPU/request~%"
                *backend* *n* ok secs (/ *n* secs) (* 1000 (/ cpu *n*)))
        (values (= ok *n*) ok)))))

(hunchentoot:stop *acceptor*)
