;;;; readme.lisp -- runs the fetch.lisp block of README.md in a fresh sbcl, with the
;;;; checkout path, port and CA directory substituted, against the test s_server.

(in-package #:ferrossl-test)

(defun readme-block ()
  (let* ((text (uiop:read-file-string (merge-pathnames "../README.md" *here*)))
         (start (search "```lisp
(require :asdf)" text))
         (body (+ start (length "```lisp
")))
         (end (search "```" text :start2 body)))
    (subseq text body end)))

(defun replace-all (s old new)
  (with-output-to-string (out)
    (loop with i = 0
          for j = (search old s :start2 i)
          do (write-string s out :start i :end (or j (length s)))
             (if j (progn (write-string new out) (setf i (+ j (length old)))) (loop-finish)))))

(setf *check-seconds* 300)   ; a cold fasl cache compiles drakma first

(check "README fetch.lisp example runs and prints HTTP 200"
  (let* ((root (namestring (truename (merge-pathnames "../../../" *here*))))
         (code (reduce (lambda (s pair) (replace-all s (car pair) (cdr pair)))
                       (list (cons "/path/to/ferrossl/" root)
                             (cons "8443" (env "SSERVER_PORT"))
                             (cons "/tmp/pki/" (namestring (uiop:ensure-directory-pathname
                                                            (env "FERROSSL_TEST_CERTS")))))
                       :initial-value (readme-block)))
         (file (merge-pathnames "fetch.lisp" (uiop:ensure-directory-pathname (env "FERROSSL_TEST_CERTS")))))
    (with-open-file (out file :direction :output :if-exists :supersede) (write-string code out))
    (multiple-value-bind (out err rc)
        (uiop:run-program (list "sbcl" "--non-interactive" "--no-userinit" "--load" (namestring file))
                          :output :string :error-output :string :ignore-error-status t)
      (declare (ignore err))
      (values (and (eql rc 0) (search "HTTP 200, " out) (search "ferrossl " out))
              (list rc (subseq out (max 0 (- (length out) 300))))))))
