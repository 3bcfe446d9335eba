;;;; run-upstream.lisp -- upstream cl+ssl's own FiveAM suite (cl+ssl.test, unmodified)
;;;; on the library named by UPSTREAM_LIBSSL / UPSTREAM_LIBCRYPTO. Run by
;;;; run-upstream.sh, which unpacks the vendored sources into UPSTREAM_SRC:
;;;;
;;;;   UPSTREAM_SRC=dir UPSTREAM_BACKEND=ferrossl UPSTREAM_LIBSSL=... UPSTREAM_LIBCRYPTO=... \
;;;;     sbcl --non-interactive --no-userinit --load run-upstream.lisp
;;;;
;;;; UPSTREAM_LOAD=config (default) points cl+ssl at the libraries with its own
;;;; cl+ssl/config:define-libssl-path / define-libcrypto-path; UPSTREAM_LOAD=asdf loads it
;;;; the ferrossl way, (asdf:load-system "ferrossl") from this checkout's binding, with
;;;; FERROSSL_LIBRARY set to UPSTREAM_LIBSSL. Either way the first result is `load/maps`:
;;;; /proc/self/maps shows the library the backend names, and not the other one.
;;;;
;;;; Prints `PLAN suite/test` for every test first, then one line per test as it ends:
;;;;   ok   <backend> <suite>/<test>
;;;;   FAIL <backend> <suite>/<test>: <why>
;;;;   skip <backend> <suite>/<test>: <why>
;;;; Suites that need the internet are listed as skipped, not run.

(require :asdf)

(defpackage #:upstream-run (:use #:common-lisp))
(in-package #:upstream-run)

(defun env (name)
  (let ((v (uiop:getenv name)))
    (if (and v (plusp (length v))) v (error "~A is not set" name))))

(defvar *backend* (env "UPSTREAM_BACKEND"))
(defvar *src* (uiop:ensure-directory-pathname (env "UPSTREAM_SRC")))

(defparameter *offline-reason*
  '((:cl+ssl.badssl-com . "needs the internet (badssl.com)")
    (:cl+ssl.alpn . "needs the internet (example.com)")))

(defun one-line (x)
  (let ((s (substitute #\Space #\Newline (princ-to-string x))))
    (if (> (length s) 300) (concatenate 'string (subseq s 0 300) "...") s)))

(defun say (fmt &rest args)
  (format t "~&~?~%" fmt args)
  (finish-output))

;; the vendored cl+ssl, trivial-sockets and the empty cl-coveralls stand-in come first
(dolist (d '("cl-plus-ssl/" "trivial-sockets/" "stub/"))
  (push (merge-pathnames d *src*) asdf:*central-registry*))

(let ((asdf:*compile-file-warnings-behaviour* :ignore)
      (*compile-verbose* nil) (*compile-print* nil) (*load-verbose* nil))
  (handler-bind ((warning #'muffle-warning))
    (handler-case
        (progn
          (if (equal (uiop:getenv "UPSTREAM_LOAD") "asdf")
              (progn
                ;; this checkout's binding: ferrossl.asd is one directory up
                (push (merge-pathnames "../" (uiop:pathname-directory-pathname *load-truename*))
                      asdf:*central-registry*)
                (setf (uiop:getenv "FERROSSL_LIBRARY") (env "UPSTREAM_LIBSSL"))
                (asdf:load-system "ferrossl"))
              (progn
                (asdf:load-system "cl+ssl/config")
                ;; define-lib*-path does not evaluate its argument (and the package
                ;; exists only now, so the macros are found at run time)
                (flet ((define (macro path)
                         (eval (list (find-symbol macro "CL+SSL/CONFIG") path))))
                  (define "DEFINE-LIBCRYPTO-PATH" (env "UPSTREAM_LIBCRYPTO"))
                  (define "DEFINE-LIBSSL-PATH" (env "UPSTREAM_LIBSSL")))))
          (asdf:load-system "cl+ssl.test"))
      (error (e)
        (say "FAIL ~A load: ~S: ~A" *backend* (type-of e) (one-line e))
        (uiop:quit 1)))))

(say "# ~A: cl+ssl from ~A" *backend* (asdf:system-source-directory "cl+ssl"))
(say "# ~A: ~A (OpenSSL_version_num #x~X)" *backend*
     (cffi:foreign-funcall "OpenSSL_version" :int 0 :string)
     (cffi:foreign-funcall "OpenSSL_version_num" :unsigned-long))

(defun suite-tests (suite)
  "(suite-name . test-case) for every test under SUITE, nested suites included."
  (let ((out '()))
    (maphash (lambda (name obj)
               ;; this FiveAM keeps test cases by name
               (when (symbolp obj) (setf obj (5am::get-test obj)))
               (unless obj (setf obj (5am::get-test name)))
               (if (typep obj '5am::test-suite)
                   (setf out (append out (suite-tests obj)))
                   (push (cons (5am::name suite) obj) out)))
             (5am::tests suite))
    out))

(defun label (pair)
  (format nil "~(~A/~A~)" (car pair) (5am::name (cdr pair))))

(defvar *tests*
  (sort (suite-tests (5am::get-test :cl+ssl)) #'string< :key #'label))

(say "PLAN load/maps")
(dolist (p *tests*) (say "PLAN ~A" (label p)))

;; which TLS library really is in the process: the whole point of the run
(let* ((maps (uiop:read-file-string "/proc/self/maps"))
       (ferrossl (search "libferrossl" maps))
       (system-openssl (or (search "/libssl.so.3" maps) (search "/libcrypto.so.3" maps)))
       (want-ferrossl (not (equal *backend* "openssl"))))
  (if (if want-ferrossl
          (and ferrossl (not system-openssl))
          (and system-openssl (not ferrossl)))
      (say "ok   ~A load/maps: ~A mapped, ~A not" *backend*
           (if want-ferrossl "libferrossl" "libssl.so.3") (if want-ferrossl "libssl.so.3" "libferrossl"))
      (say "FAIL ~A load/maps: libferrossl ~:[absent~;mapped~], OpenSSL's libssl/libcrypto ~:[absent~;mapped~]"
           *backend* ferrossl system-openssl)))

(dolist (p *tests*)
  (let ((offline (cdr (assoc (car p) *offline-reason*))))
    (if offline
        (say "skip ~A ~A: ~A" *backend* (label p) offline)
        (let* ((output (make-string-output-stream))
               (results (let ((*standard-output* output))
                          (5am:run (cdr p))))
               (failed (remove-if-not (lambda (r) (typep r '5am::test-failure)) results))
               (skipped (remove-if-not (lambda (r) (typep r '5am::test-skipped)) results))
               (passed (remove-if-not (lambda (r) (typep r '5am::test-passed)) results)))
          ;; client-server's all-tests runs its own cases, printed `===== [OK] NAME ====`
          (with-input-from-string (in (get-output-stream-string output))
            (loop for line = (read-line in nil) while line
                  when (and (> (length line) 7) (string= "===== [" line :end2 7))
                    do (say "#    ~A ~A ~A" *backend* (label p)
                            (string-trim "= " (subseq line 6)))))
          (cond (failed
                 (say "FAIL ~A ~A: ~D of ~D checks failed: ~{~A~^; ~}" *backend* (label p)
                      (length failed) (length results)
                      (mapcar (lambda (r) (one-line (5am::reason r))) failed)))
                ((and skipped (null passed))
                 (say "skip ~A ~A: ~A" *backend* (label p)
                      (one-line (5am::reason (first skipped)))))
                ((null passed)
                 (say "FAIL ~A ~A: no check ran" *backend* (label p)))
                (t (say "ok   ~A ~A: ~D checks" *backend* (label p) (length passed))))))))

(say "DONE ~A" *backend*)
(uiop:quit 0)
