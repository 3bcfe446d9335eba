;;;; harness.lisp -- tiny test harness shared by the scripts run from run-tests.sh.
;;;;
;;;;   sbcl --non-interactive --no-userinit --load test/harness.lisp \
;;;;        --eval '(ferrossl-test:main "https" "drakma" "hunchentoot")'
;;;;
;;;; FERROSSL_TEST_BACKEND=ferrossl (default) loads the "ferrossl" system, =openssl
;;;; loads plain cl+ssl (the reference). Every check prints one line
;;;;   ok   <backend> <name>        or        FAIL <backend> <name>: <why>
;;;; and the process exits 0 only if nothing failed. Test files are loaded only
;;;; after the backend, so they can refer to cl+ssl, drakma... symbols directly.

(require :asdf)

(defpackage #:ferrossl-test
  (:use #:common-lisp)
  (:export #:main #:check #:check-signals #:env #:env-int #:cert
           #:*backend* #:*passed* #:*failed* #:note #:quietly #:use-binding-dir))

(in-package #:ferrossl-test)

(defvar *here* (make-pathname :name nil :type nil :defaults *load-truename*))
(defvar *backend* (if (equalp (uiop:getenv "FERROSSL_TEST_BACKEND") "openssl") "openssl" "ferrossl"))
(defvar *passed* 0)
(defvar *failed* 0)
(defun env-int* (name default)
  (let ((v (uiop:getenv name))) (if (and v (plusp (length v))) (parse-integer v) default)))

(defvar *check-seconds* (env-int* "FERROSSL_TEST_CHECK_SECONDS" 20))

(defun env (name &optional default)
  (let ((v (uiop:getenv name)))
    (if (and v (plusp (length v))) v default)))

(defun env-int (name &optional default)
  (let ((v (env name))) (if v (parse-integer v) default)))

(defun cert (name)
  "Path of NAME in the throwaway PKI (FERROSSL_TEST_CERTS, made by tests/certs/gen.sh)."
  (namestring (merge-pathnames name (uiop:ensure-directory-pathname (env "FERROSSL_TEST_CERTS")))))

(defun note (fmt &rest args)
  (format t "~&#    ~?~%" fmt args)
  (finish-output))

(defun one-line (x)
  (let ((s (princ-to-string x)))
    (substitute #\Space #\Newline (if (> (length s) 400) (concatenate 'string (subseq s 0 400) "...") s))))

(defun record (ok name detail)
  (if ok (incf *passed*) (incf *failed*))
  (format t "~&~:[FAIL~;ok  ~] ~A ~A~@[: ~A~]~%" ok *backend* name (and detail (one-line detail)))
  (finish-output))

(defun run-check (name fn)
  "FN returns (values PASSED-P DETAIL). Errors and timeouts count as failures."
  (multiple-value-bind (ok detail)
      (handler-case (sb-sys:with-deadline (:seconds *check-seconds*) (funcall fn))
        (error (e) (values nil (format nil "~S: ~A" (type-of e) e))))
    (record ok name (if ok nil (or detail "returned false")))
    ok))

(defmacro check (name &body body)
  "Passes when BODY returns true; a second value (or the value itself if false) is reported."
  `(run-check ,name (lambda ()
                      (let ((v (multiple-value-list (progn ,@body))))
                        (values (first v) (or (second v) (format nil "got ~S" (first v))))))))

(defmacro check-signals (name type &body body)
  "Passes when BODY signals a condition of TYPE (a subtype check, like FiveAM's SIGNALS).
Returns the condition via the detail only when it failed."
  `(run-check ,name
              (lambda ()
                (handler-case (progn ,@body (values nil "no condition signalled"))
                  (,type () (values t nil))
                  (error (e) (values nil (format nil "expected ~S, got ~S: ~A" ',type (type-of e) e)))))))

(defmacro quietly (&body body)
  `(let ((asdf:*compile-file-warnings-behaviour* :ignore)
         (*compile-verbose* nil) (*compile-print* nil) (*load-verbose* nil))
     (handler-bind ((warning #'muffle-warning))
       ,@body)))

(defun use-binding-dir ()
  (pushnew (merge-pathnames "../" *here*) asdf:*central-registry* :test #'equal))

(defun load-backend (&rest systems)
  (let ((asdf:*compile-file-warnings-behaviour* :ignore)
        (*compile-verbose* nil) (*compile-print* nil) (*load-verbose* nil))
    (handler-bind ((warning #'muffle-warning))
      (push (merge-pathnames "../" *here*) asdf:*central-registry*)
      (if (string= *backend* "openssl")
          (asdf:load-system "cl+ssl")
          (asdf:load-system "ferrossl"))
      (dolist (s systems) (asdf:load-system s)))))

(defun main (test-file &rest systems)
  (let ((ok nil))
    (unwind-protect
         (handler-case
             (progn
               ;; (main "file" :none): the file loads what it needs itself
               (unless (equal systems '(":none"))
                 (apply #'load-backend systems))
               (load (merge-pathnames (concatenate 'string test-file ".lisp") *here*))
               (setf ok t))
           (error (e)
             (record nil (format nil "~A/load" test-file) (format nil "~S: ~A" (type-of e) e))))
      (format t "~&RESULT ~A ~A: ~D passed, ~D failed~%" *backend* test-file *passed* *failed*)
      (finish-output)
      (uiop:quit (if (and ok (zerop *failed*)) 0 1)))))
