;;;; hunchentoot.lisp -- hunchentoot's easy-ssl-acceptor (cl+ssl server streams) serving
;;;; drakma from several threads at once (both in this process, same library) and
;;;; serving curl (a separate process on the system OpenSSL).

(in-package #:ferrossl-test)

(defparameter *ca* (cert "ca.pem"))
(defparameter *threads* (env-int "HT_THREADS" 4))
(defparameter *per-thread* (env-int "HT_PER_THREAD" 10))
(defparameter *curls* (env-int "HT_CURLS" 10))

(hunchentoot:define-easy-handler (ferrossl-hello :uri "/hello") (name)
  (setf (hunchentoot:content-type*) "text/plain")
  (format nil "hello ~A over ~A" (or name "world") (if (hunchentoot:ssl-p) "tls" "plain")))

(defun start-acceptor (cert key)
  (hunchentoot:start
   (make-instance 'hunchentoot:easy-ssl-acceptor
                  :address "127.0.0.1" :port 0
                  :ssl-certificate-file (cert cert) :ssl-privatekey-file (cert key)
                  :access-log-destination nil
                  :message-log-destination (merge-pathnames "hunchentoot-messages.log"
                                                            (cert "")))))

(defparameter *acceptor* (start-acceptor "server-ecdsa.pem" "server-ecdsa.key"))
(defparameter *port* (hunchentoot:acceptor-port *acceptor*))
(note "hunchentoot easy-ssl-acceptor on 127.0.0.1:~D" *port*)

(defun hello (&key (name "lisp") (verify :required))
  (multiple-value-bind (body status)
      (drakma:http-request (format nil "https://localhost:~D/hello" *port*)
                           :parameters `(("name" . ,name))
                           :verify verify :ca-file *ca* :connection-timeout 10)
    (values status body)))

(check "drakma -> hunchentoot, one request, :verify :required"
  (multiple-value-bind (status body) (hello)
    (values (and (eql status 200) (equal body "hello lisp over tls")) (list status body))))

(check "drakma -> hunchentoot, :verify nil"
  (multiple-value-bind (status body) (hello :verify nil)
    (values (and (eql status 200) (equal body "hello lisp over tls")) (list status body))))

(check (format nil "drakma -> hunchentoot from ~D threads x ~D requests, new connection each"
               *threads* *per-thread*)
  (let* ((results (make-array *threads* :initial-element nil))
         (threads
           (loop for i below *threads*
                 collect (let ((i i))
                           (bt:make-thread
                            (lambda ()
                              (setf (aref results i)
                                    (loop for j below *per-thread*
                                          count (handler-case
                                                    (multiple-value-bind (status body)
                                                        (hello :name (format nil "t~D-~D" i j))
                                                      (and (eql status 200)
                                                           (equal body (format nil "hello t~D-~D over tls" i j))))
                                                  (error (e)
                                                    (note "thread ~D: ~A" i (one-line e))
                                                    nil)))))
                            :name (format nil "drakma-~D" i))))))
    (mapc #'bt:join-thread threads)
    (values (every (lambda (n) (eql n *per-thread*)) results) (coerce results 'list))))

(defun curl (&rest args)
  (multiple-value-bind (out err code)
      (uiop:run-program (list* "curl" "-sS" "--max-time" "10" args)
                        :output :string :error-output :string :ignore-error-status t)
    (values out code err)))

(check (format nil "curl (system OpenSSL) -> hunchentoot on ~A, ~D requests, --cacert, HTTP/1.1" *backend* *curls*)
  (let ((ok 0) (last nil))
    (dotimes (i *curls*)
      (multiple-value-bind (out code err)
          (curl "--cacert" *ca* "-w" " %{http_code} %{http_version}"
                (format nil "https://localhost:~D/hello?name=curl~D" *port* i))
        (setf last (list out code err))
        (when (and (eql code 0) (equal out (format nil "hello curl~D over tls 200 1.1" i)))
          (incf ok))))
    (values (= ok *curls*) (list :ok ok :last last))))

(check "curl with the wrong CA refuses hunchentoot's certificate (exit 60)"
  (multiple-value-bind (out code) (curl "--cacert" (cert "untrusted-ca.pem")
                                        (format nil "https://localhost:~D/hello" *port*))
    (values (eql code 60) (list out code))))

(check "hunchentoot still serves after a refused client"
  (multiple-value-bind (status body) (hello)
    (values (and (eql status 200) (equal body "hello lisp over tls")) (list status body))))

(hunchentoot:stop *acceptor*)

(if (string= *backend* "ferrossl")
    (check "/proc/self/maps: libferrossl mapped, no libssl.so / libcrypto.so"
      (let ((libs (uiop:symbol-call :ferrossl :mapped-tls-libraries)))
        (values (and (= 1 (length libs)) (search "libferrossl.so" (first libs))) libs)))
    (check "/proc/self/maps: reference run really is on OpenSSL (libssl.so.3 mapped)"
      (let ((maps (uiop:read-file-string "/proc/self/maps")))
        (values (and (search "libssl.so" maps) (not (search "libferrossl" maps))) "no libssl"))))
