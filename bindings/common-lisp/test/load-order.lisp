;;;; load-order.lisp (ferrossl only; loads systems itself) -- FERROSSL_TEST_LOAD_CASE:
;;;;   openssl-first : cl+ssl loaded on OpenSSL, then "ferrossl" -> clear error
;;;;   bad-env       : FERROSSL_LIBRARY names a missing file -> library-not-found, nothing mapped
;;;;   config        : no "ferrossl" system; cl+ssl/config:define-lib*-path name libferrossl.so

(in-package #:ferrossl-test)

(use-binding-dir)

(defun error-name (thunk)
  (handler-case (progn (funcall thunk) :no-error)
    (error (e) (values (symbol-name (type-of e)) (princ-to-string e)))))

(let ((case (env "FERROSSL_TEST_LOAD_CASE")))
  (cond
    ((equal case "openssl-first")
     (quietly (asdf:load-system "cl+ssl"))
     (check "cl+ssl loaded on OpenSSL first, then \"ferrossl\" -> ferrossl:openssl-already-loaded"
       (multiple-value-bind (name text) (error-name (lambda () (quietly (asdf:load-system "ferrossl"))))
         (values (and (equal name "OPENSSL-ALREADY-LOADED") (search "libssl.so" text))
                 (list name text))))
     (check "... and libferrossl was not mapped next to libssl"
       (let ((maps (uiop:read-file-string "/proc/self/maps")))
         (values (not (search "libferrossl" maps)) "libferrossl mapped"))))
    ((equal case "bad-env")
     (check "FERROSSL_LIBRARY=/nonexistent -> ferrossl:library-not-found naming the path"
       (multiple-value-bind (name text) (error-name (lambda () (quietly (asdf:load-system "ferrossl"))))
         (values (and (equal name "LIBRARY-NOT-FOUND") (search (env "FERROSSL_LIBRARY") text))
                 (list name text))))
     (check "... and neither OpenSSL nor cl+ssl got loaded instead"
       (let ((maps (uiop:read-file-string "/proc/self/maps")))
         (values (and (not (search "libssl.so" maps)) (not (search "libcrypto.so" maps))
                      (not (find-package "CL+SSL")))
                 "OpenSSL mapped or cl+ssl loaded"))))
    ((equal case "config")
     ;; the other switch cl+ssl offers: cl+ssl/config names the files, no "ferrossl" system
     (let ((lib (namestring (truename (or (env "FERROSSL_LIBRARY")
                                          (merge-pathnames "../../../target/release/libferrossl.so" *here*))))))
       (quietly (asdf:load-system "cl+ssl/config"))
       (eval `(,(find-symbol "DEFINE-LIBSSL-PATH" "CL+SSL/CONFIG") ,lib))
       (eval `(,(find-symbol "DEFINE-LIBCRYPTO-PATH" "CL+SSL/CONFIG") ,lib))
       (quietly (asdf:load-system "cl+ssl") (asdf:load-system "drakma"))
       (check "cl+ssl/config:define-libssl-path + define-libcrypto-path naming libferrossl.so: only it is mapped"
         (let ((maps (uiop:read-file-string "/proc/self/maps")))
           (values (and (search "libferrossl.so" maps) (not (search "libssl.so" maps))
                        (not (search "libcrypto.so" maps)))
                   "libssl/libcrypto mapped or libferrossl not")))
       (check "... and drakma fetches over it with verification"
         (let ((status (nth-value 1 (uiop:symbol-call
                                     :drakma :http-request
                                     (format nil "https://localhost:~D/" (env-int "SSERVER_PORT"))
                                     :verify :required :ca-file (cert "ca.pem") :connection-timeout 10))))
           (values (eql status 200) status)))))
    (t (check "FERROSSL_TEST_LOAD_CASE set" (values nil case)))))
