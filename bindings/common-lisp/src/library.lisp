;;;; library.lisp -- find libferrossl.so, refuse to mix with OpenSSL, load it,
;;;; and tell cl+ssl (via *features*) not to load libssl/libcrypto.

(in-package #:ferrossl)

(define-condition library-not-found (error)
  ((tried :initarg :tried :reader library-not-found-tried))
  (:report (lambda (c s)
             (format s "ferrossl: libferrossl.so not found; tried:~{~%  ~A~}~%~
                        Build it with `cargo build --release` in the ferrossl checkout, ~
                        or set FERROSSL_LIBRARY to its path."
                     (library-not-found-tried c)))))

(define-condition openssl-already-loaded (error)
  ((mapped :initarg :mapped :reader openssl-already-loaded-mapped)
   (cl+ssl-p :initarg :cl+ssl-p :reader openssl-already-loaded-cl+ssl-p))
  (:report (lambda (c s)
             (format s "ferrossl: ~:[OpenSSL~;cl+ssl was already loaded on OpenSSL~] ~
                        is already in this Lisp process~@[ (mapped:~{ ~A~})~].~%~
                        Load \"ferrossl\" before cl+ssl (or anything depending on it, ~
                        e.g. drakma or hunchentoot) in a fresh image; mixing the two ~
                        libraries in one process is not supported."
                     (openssl-already-loaded-cl+ssl-p c)
                     (openssl-already-loaded-mapped c)))))

(defvar *library-path* nil
  "Namestring of the libferrossl.so this image loaded, or NIL.")

(defun mapped-objects ()
  "Pathnames of the shared objects mapped in this process (Linux /proc/self/maps)."
  (with-open-file (in "/proc/self/maps" :if-does-not-exist nil)
    (when in
      (let ((seen '()))
        (loop for line = (read-line in nil)
              while line
              do (let ((slash (position #\/ line)))
                   (when slash
                     (pushnew (subseq line slash) seen :test #'string=))))
        (nreverse seen)))))

(defun mapped-tls-libraries ()
  "The mapped objects whose file name is libssl.so*, libcrypto.so* or libferrossl.so*."
  (remove-if-not (lambda (path)
                   (let ((name (subseq path (1+ (or (position #\/ path :from-end t) -1)))))
                     (some (lambda (prefix)
                             (and (>= (length name) (length prefix))
                                  (string= prefix name :end2 (length prefix))))
                           '("libssl.so" "libcrypto.so" "libferrossl.so"))))
                 (mapped-objects)))

(defun openssl-mapped ()
  (remove-if (lambda (p) (search "libferrossl.so" p)) (mapped-tls-libraries)))

(defun candidate-paths ()
  (let ((env (uiop:getenv "FERROSSL_LIBRARY")))
    (if (and env (plusp (length env)))
        (list env)          ; an explicit choice is never second-guessed
        (list (namestring
               (merge-pathnames "../../target/release/libferrossl.so"
                                (asdf:system-source-directory "ferrossl/library")))
              "libferrossl.so"))))

(cffi:define-foreign-library libferrossl
  (t (:default "libferrossl")))

(defun check-no-openssl ()
  (let ((mapped (openssl-mapped))
        (cl+ssl (find-package "CL+SSL")))
    (when (or mapped
              (and cl+ssl
                   (not (member :cl+ssl-foreign-libs-already-loaded *features*))
                   (not *library-path*)))
      (cerror "Load ferrossl anyway (symbols resolve to whichever library came first)."
              'openssl-already-loaded :mapped mapped :cl+ssl-p (and cl+ssl t)))))

(defun load-library ()
  "Load libferrossl.so (once) and return its namestring."
  (or *library-path*
      (progn
        (check-no-openssl)
        (let ((tried '()))
          (dolist (path (candidate-paths)
                        (error 'library-not-found :tried (nreverse tried)))
            (push path tried)
            (when (or (not (find #\/ path)) (probe-file path))
              (let ((full (if (find #\/ path) (namestring (truename path)) path)))
                (handler-case
                    (progn
                      (cffi:load-foreign-library full)
                      (setf *library-path*
                            (or (find-if (lambda (p) (search "libferrossl.so" p))
                                         (mapped-tls-libraries))
                                full))
                      (pushnew :cl+ssl-foreign-libs-already-loaded *features*)
                      (pushnew :ferrossl *features*)
                      (return *library-path*))
                  (cffi:load-foreign-library-error (e)
                    (when (find #\/ path) (error e)))))))))))

(load-library)
