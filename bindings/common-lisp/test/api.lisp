;;;; api.lisp (ferrossl only) -- the binding's own API, and pure-tls-style use:
;;;; (asdf:register-immutable-system "cl+ssl") after loading ferrossl, so programs that
;;;; :depends-on cl+ssl keep using the cl+ssl already loaded on ferrossl.

(in-package #:ferrossl-test)

(check "ferrossl:version -> ferrossl's version and an \"OpenSSL 3.\" OpenSSL_version(0)"
  (multiple-value-bind (own openssl) (ferrossl:version)
    (values (and (stringp own) (plusp (length own))
                 (stringp openssl) (eql 0 (search "OpenSSL 3." openssl)))
            (list own openssl))))

(check "OpenSSL_version_num >= #x30000000 (and not LibreSSL's #x20000000) as cl+ssl sees it"
  (let ((n (cl+ssl::compat-openssl-version)))
    (values (and (>= n #x30000000) (= n (ferrossl:openssl-version-number))
                 (cl+ssl::openssl-is-at-least 3 0 0) (not (cl+ssl::libresslp)))
            (format nil "#x~X" n))))

(check "ferrossl:library-path is the mapped libferrossl.so; :cl+ssl-foreign-libs-already-loaded on *features*"
  (let ((path (ferrossl:library-path)))
    (values (and path (probe-file path)
                 (equal (list path) (ferrossl:mapped-tls-libraries))
                 (member :cl+ssl-foreign-libs-already-loaded *features*))
            (list path (ferrossl:mapped-tls-libraries)))))

(if (env "FERROSSL_LIBRARY")
    (check "FERROSSL_LIBRARY set: that file is the one loaded"
      (values (equal (ferrossl:library-path) (namestring (truename (env "FERROSSL_LIBRARY"))))
              (list (ferrossl:library-path) (env "FERROSSL_LIBRARY"))))
    (check "FERROSSL_LIBRARY unset: found relative to the .asd (../../target/release)"
      (let ((expected (namestring (truename (merge-pathnames "../../target/release/libferrossl.so"
                                                             (asdf:system-source-directory "ferrossl"))))))
        (values (equal (ferrossl:library-path) expected) (list (ferrossl:library-path) expected)))))

(check "cl+ssl initialises on ferrossl (default verify paths, Lisp BIO method, global context)"
  (progn (cl+ssl:ensure-initialized)
         (values (and (cl+ssl::ssl-initialized-p) cl+ssl::*bio-is-opaque*
                      (not (cffi:null-pointer-p cl+ssl::*bio-lisp-method*)))
                 (list cl+ssl::*bio-is-opaque* cl+ssl::*bio-lisp-method*))))

(defvar *random-bytes-fn* #'cl+ssl:random-bytes)
(asdf:register-immutable-system "cl+ssl")

(check "register-immutable-system \"cl+ssl\", then load drakma (depends on cl+ssl): cl+ssl not reloaded"
  (progn (quietly (asdf:load-system "drakma"))
         (values (eq *random-bytes-fn* #'cl+ssl:random-bytes) "cl+ssl was reloaded")))

(check "immutable cl+ssl survives (asdf:load-system \"cl+ssl\" :force t)"
  (progn (quietly (asdf:load-system "cl+ssl" :force t))
         (values (eq *random-bytes-fn* #'cl+ssl:random-bytes) "cl+ssl was reloaded")))

(check "drakma (loaded after the freeze) fetches over ferrossl"
  (let ((status (nth-value 1 (drakma:http-request
                              (format nil "https://localhost:~D/" (env-int "SSERVER_PORT"))
                              :verify :required :ca-file (cert "ca.pem") :connection-timeout 10))))
    (values (eql status 200) status)))

(check "/proc/self/maps: libferrossl mapped, no libssl.so / libcrypto.so"
  (let ((libs (ferrossl:mapped-tls-libraries)))
    (values (and (= 1 (length libs)) (search "libferrossl.so" (first libs))) libs)))

;;; every foreign name cl+ssl declares is exported by the library
(defun missing-symbols (names)
  (remove-if (lambda (n) (cffi:foreign-symbol-pointer n)) names))

(check "every unversioned function cl+ssl's ffi.lisp declares resolves in libferrossl"
  (let* ((names (union cl+ssl::*cl+ssl-ssl-foreign-function-names*
                       cl+ssl::*cl+ssl-crypto-foreign-function-names* :test #'string=))
         (missing (missing-symbols names)))
    (values (and (> (length names) 50) (null missing))
            (format nil "~D names, missing: ~{~A~^ ~}" (length names) missing))))

(let ((list (probe-file (merge-pathnames "../../../../shared/api/cl+ssl.txt" *here*))))
  (when list   ; ../shared/api/cl+ssl.txt: the Debian cl+ssl import list (104 names)
    (check "every name of ../shared/api/cl+ssl.txt is exported by libferrossl.so"
      (let* ((names (remove "" (uiop:read-file-lines list) :test #'string=))
             (missing (missing-symbols names)))
        (values (null missing) (format nil "~D names, missing: ~{~A~^ ~}" (length names) missing))))))
