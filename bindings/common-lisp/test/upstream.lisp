;;;; upstream.lisp -- cl+ssl's own offline FiveAM suites (Debian's cl+ssl.test,
;;;; unmodified). The runner runs this on ferrossl and on OpenSSL and compares.

(in-package #:ferrossl-test)

(let ((*compile-verbose* nil) (*load-verbose* nil))
  (handler-bind ((warning #'muffle-warning))
    (asdf:load-system "cl+ssl.test")))

(dolist (suite '(:cl+ssl.bio :cl+ssl.fingerprint :cl+ssl.validity-dates :cl+ssl.verify-hostname))
  (let* ((results (let ((*standard-output* (make-broadcast-stream)))
                    (5am:run suite)))
         (failed (remove-if-not (lambda (r) (typep r '5am::test-failure)) results))
         (passed (remove-if-not (lambda (r) (typep r '5am::test-passed)) results)))
    ;; one line per FiveAM test case, then the suite verdict
    (let ((names (remove-duplicates
                  (mapcar (lambda (r) (5am::name (5am::test-case r))) results))))
      (dolist (name names)
        (let ((mine (remove-if-not (lambda (r) (eq name (5am::name (5am::test-case r)))) results)))
          (note "~A ~A: ~D checks, ~D failed" suite name (length mine)
                (count-if (lambda (r) (typep r '5am::test-failure)) mine)))))
    (run-check (format nil "upstream ~(~S~)" suite)
               (lambda ()
                 (values (and (null failed) (plusp (length passed)))
                         (format nil "~D passed, ~D failed~{; ~A~}"
                                 (length passed) (length failed)
                                 (mapcar (lambda (r) (one-line (5am::reason r))) failed)))))
    (format t "#    ~A ~(~S~) checks: ~D passed ~D failed~%" *backend* suite (length passed) (length failed))))
