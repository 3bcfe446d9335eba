;;;; features.lisp (ferrossl only) -- key update, sessions as octets and key logging
;;;; (src/features.lisp) on cl+ssl streams against `openssl s_server -msg -keylogfile`,
;;;; driven through its stdin ("k"/"K" update its keys, other lines go to the client).

(in-package #:ferrossl-test)

(require :sb-posix)

(defparameter +ku-in+ "<<< TLS 1.3, Handshake [length 0005], KeyUpdate")
(defparameter +ku-out+ ">>> TLS 1.3, Handshake [length 0005], KeyUpdate")

(defun slurp (path)
  (if (probe-file path) (uiop:read-file-string path) ""))

(defun count-in (text s)
  (loop with start = 0 for i = (search text s :start2 start) while i
        count t do (setf start (+ i (length text)))))

(defun wait-count (path text n &optional (seconds 10))
  "Waits until TEXT occurs N times in the file at PATH; true if it did."
  (loop repeat (* seconds 50)
        when (>= (count-in text (slurp path)) n) return t
        do (sleep 0.02)))

(defstruct srv process port log keylog)

(defun start-s-server (&rest extra)
  (let* ((log (format nil "/tmp/ferrossl-lisp-srv-~D-~D.log" (sb-posix:getpid) (random 1000000)))
         (keylog (concatenate 'string log ".keys"))
         (p (sb-ext:run-program
             "/bin/sh"
             (list "-c" (format nil "exec timeout 60 openssl s_server -accept 127.0.0.1:0 -msg -keylogfile ~A -cert ~A -key ~A~{ ~A~} >~A 2>&1"
                                keylog (cert "server-ecdsa.chain.pem") (cert "server-ecdsa.key") extra log))
             :input :stream :wait nil)))
    (loop repeat 250
          for text = (slurp log)
          for at = (search "ACCEPT 127.0.0.1:" text)
          when at return (make-srv :process p :log log :keylog keylog
                                   :port (parse-integer text :start (+ at 17) :junk-allowed t))
          do (sleep 0.02)
          finally (error "s_server did not start: ~A" text))))

(defun srv-say (srv line)
  (let ((in (sb-ext:process-input (srv-process srv))))
    (write-string (format nil "~A~%" line) in)  ; one write: "k\n" is a command only whole
    (finish-output in)))

(defun stop-s-server (srv)
  ;; s_server reads its stdin only while it serves a connection: "Q" would not do
  (sb-ext:process-kill (srv-process srv) 15)
  (sb-ext:process-wait (srv-process srv))
  (sb-ext:process-close (srv-process srv))
  (ignore-errors (delete-file (srv-log srv)))
  (ignore-errors (delete-file (srv-keylog srv))))

(defparameter *srv* (start-s-server))
(defparameter *srv12* (start-s-server "-tls1_2"))

(defvar *open* nil "streams and sockets to close after each check (s_server serves one at a time)")

(defun close-open ()
  (dolist (x *open*) (ignore-errors (if (typep x 'stream) (close x) (usocket:socket-close x))))
  (setf *open* nil))
(defmacro check* (name &body body)
  `(unwind-protect (check ,name ,@body) (close-open)))
(defmacro check-signals* (name type &body body)
  `(unwind-protect (check-signals ,name ,type ,@body) (close-open)))

(defun tls-connect (srv &key (context (cl+ssl:make-context :verify-location (cert "ca.pem"))))
  "A verified cl+ssl client stream to SRV, over the socket's fd."
  (let ((sock (usocket:socket-connect "127.0.0.1" (srv-port srv) :element-type '(unsigned-byte 8))))
    (push sock *open*)
    (let ((s (cl+ssl:with-global-context (context)
               (cl+ssl:make-ssl-client-stream (usocket:socket-stream sock)
                                              :hostname "localhost" :verify :required))))
      (push s *open*)
      s)))

(defun send-line (s line)
  (write-sequence (flexi-streams:string-to-octets (format nil "~A~%" line)) s)
  (force-output s))

(defun recv-line (s)
  (let ((octets (loop for b = (read-byte s nil) until (or (null b) (= b 10)) collect b)))
    (flexi-streams:octets-to-string (coerce octets '(vector (unsigned-byte 8))))))

(defun version (s) (cffi:foreign-funcall "SSL_get_version" :pointer (cl+ssl::ssl-stream-handle s) :string))

(check* "key update: 8 rounds both ways against s_server (ours both kinds, its k and K)"
  (let ((s (tls-connect *srv*)) (log (srv-log *srv*)) (answers 0) (problems '()))
    (unless (equal (version s) "TLSv1.3") (push (list :version (version s)) problems))
    (when (ferrossl:pending-key-update s) (push :pending-after-handshake problems))
    (loop for i from 1 to 8
          for request = (oddp i)
          for seen = (count-in +ku-in+ (slurp log))
          for line = (format nil "client line ~2,'0D" i)
          do (ferrossl:key-update s :request-peer request)
             (unless (eq (ferrossl:pending-key-update s) (if request :requested :not-requested))
               (push (list :not-pending i) problems))
             (send-line s line)
             (when (ferrossl:pending-key-update s) (push (list :still-pending i) problems))
             (unless (and (wait-count log line 1) (wait-count log +ku-in+ (1+ seen)))
               (push (list :server-did-not-see i) problems))
             (let ((sent (count-in +ku-out+ (slurp log))))
               (srv-say *srv* (if (oddp i) "k" "K"))
               (when (evenp i) (incf answers))
               (unless (wait-count log +ku-out+ (1+ sent)) (push (list :server-no-update i) problems)))
             (let ((line (format nil "server line ~2,'0D" i)))
               (srv-say *srv* line)
               (let ((got (recv-line s)))
                 (unless (equal got line) (push (list :received got :wanted line) problems)))))
    (send-line s "client line end")
    (unless (and (wait-count log "client line end" 1) (wait-count log +ku-in+ (+ 8 answers)))
      (push (list :total-key-updates (count-in +ku-in+ (slurp log))) problems))
    (values (null problems) problems)))

(check* "key-update :now t sends it at once (:request-peer nil); a second one while pending fails"
  (let* ((s (tls-connect *srv*)) (log (srv-log *srv*)) (seen (count-in +ku-in+ (slurp log))))
    (ferrossl:key-update s :request-peer nil :now t)
    (let ((after (ferrossl:pending-key-update s))
          (arrived (wait-count log +ku-in+ (1+ seen))))
      (ferrossl:key-update s)
      (let ((again (handler-case (ferrossl:key-update s) (cl+ssl::ssl-error-call () :refused))))
        (send-line s "after key-update now")
        (values (and (null after) arrived (eq again :refused)
                     (wait-count log "after key-update now" 1))
                (list after arrived again))))))

(check-signals* "key-update on TLS 1.2 signals cl+ssl:ssl-error (wrong ssl version)" cl+ssl::ssl-error-call
  (ferrossl:key-update (tls-connect *srv12*)))

(dolist (srv (list *srv* *srv12*))
  (let ((label (if (eq srv *srv*) "TLS 1.3" "TLS 1.2")))
    (check* (format nil "session as octets, resumed by WITH-CLIENT-SESSION on a new connection (~A)" label)
      (let* ((s (tls-connect srv))
             (first-reused (ferrossl:session-reused-p s))
             (octets (progn (srv-say srv (format nil "hello ~A" label))
                            (recv-line s)        ; TLS 1.3 tickets follow the handshake
                            (ferrossl:session-octets s))))
        (close s)
        (let* ((again (ferrossl:with-client-session (octets) (tls-connect srv)))
               (reused (ferrossl:session-reused-p again))
               (plain (ferrossl:session-reused-p (progn (close again) (tls-connect srv)))))
          (values (and (not first-reused) (typep octets '(vector (unsigned-byte 8)))
                       (plusp (length octets)) reused (not plain))
                  (list first-reused (length octets) reused plain)))))))

(check-signals* "WITH-CLIENT-SESSION of octets that are no session signals ssl-error-call"
    cl+ssl::ssl-error-call
  (ferrossl:with-client-session ((flexi-streams:string-to-octets "not a session"))
    (tls-connect *srv*)))

(defparameter +labels+ '("CLIENT_HANDSHAKE_TRAFFIC_SECRET" "SERVER_HANDSHAKE_TRAFFIC_SECRET"
                         "CLIENT_TRAFFIC_SECRET_0" "SERVER_TRAFFIC_SECRET_0"))

(defun lines-match-server (lines)
  "LINES (NSS key log lines of one TLS 1.3 connection): one per label, all with the same
client random, each also in the server's key log. Returns NIL or a list of problems."
  (let* ((first (find "CLIENT_HANDSHAKE_TRAFFIC_SECRET " lines :test (lambda (a b) (eql 0 (search a b)))))
         (random (and first (subseq first 32 (min (length first) 96)))))
    (if (not (and random (= 64 (length random)) (every (lambda (c) (digit-char-p c 16)) random)))
        (list :no-client-random first)
        (loop for label in +labels+
              for line = (find (format nil "~A ~A " label random) lines
                               :test (lambda (a b) (eql 0 (search a b))))
              unless line collect (list :missing label)
              else unless (wait-count (srv-keylog *srv*) line 1) collect (list :not-in-server-log label)))))

(check* "set-keylog function: NSS lines of a TLS 1.3 connection, as s_server logged them"
  (let* ((lines '())
         (ctx (cl+ssl:make-context :verify-location (cert "ca.pem"))))
    (ferrossl:set-keylog (lambda (line) (push line lines)) ctx)
    (let* ((s (tls-connect *srv* :context ctx))
           (problems (lines-match-server lines))
           (n (length lines)))
      (close s)
      (ferrossl:set-keylog nil ctx)
      (tls-connect *srv* :context ctx)
      (values (and (null problems) (>= n 4) (= n (length lines)) (null (ferrossl:keylog-callback-errors)))
              (list problems n (length lines))))))

(check* "set-keylog file (cl+ssl's global context): lines appended, mode 600"
  (let ((path (format nil "/tmp/ferrossl-lisp-keylog-~D.txt" (sb-posix:getpid))))
    (ignore-errors (delete-file path))
    (unwind-protect
         (let ((ctx (cl+ssl:make-context :verify-location (cert "ca.pem"))))
           (cl+ssl:with-global-context (ctx :auto-free-p t)
             (ferrossl:set-keylog path)
             (close (tls-connect *srv* :context ctx)))
           (let* ((lines (uiop:read-file-lines path))
                  (problems (lines-match-server lines))
                  (mode (string-trim '(#\Newline) (uiop:run-program (list "stat" "-c" "%a" path) :output :string))))
             (values (and (null problems) (equal mode "600")
                          (every (lambda (l) (= 3 (length (uiop:split-string l :separator " ")))) lines))
                     (list problems mode))))
      (ignore-errors (delete-file path)))))

(check* "a key log function that signals does not break the handshake (error kept)"
  (let ((ctx (cl+ssl:make-context :verify-location (cert "ca.pem"))))
    (ferrossl:set-keylog (lambda (line) (declare (ignore line)) (error "boom")) ctx)
    (let ((s (tls-connect *srv* :context ctx)))
      (send-line s "still fine")
      (values (and (wait-count (srv-log *srv*) "still fine" 1)
                   (plusp (length (ferrossl:keylog-callback-errors))))
              (ferrossl:keylog-callback-errors)))))

(defun readme-features-block ()
  (let* ((text (uiop:read-file-string (merge-pathnames "../README.md" *here*)))
         (start (search "```lisp
(defun get-page" text))
         (body (+ start (length "```lisp
"))))
    (subseq text body (search "```" text :start2 body))))

(check "README's get-page example: the second page resumes the first one's session"
  (let* ((code (readme-features-block))
         (code (uiop:frob-substrings code '("8443" "/tmp/pki/")
                                     (lambda (m emit)
                                       (funcall emit (if (equal m "8443")
                                                         (env "SSERVER_PORT")
                                                         (namestring (uiop:ensure-directory-pathname
                                                                      (env "FERROSSL_TEST_CERTS"))))))))
         (results (with-input-from-string (in code)
                    (let ((*package* (find-package '#:ferrossl-test)) (last nil))
                      (loop for form = (read in nil in) until (eq form in)
                            do (setf last (multiple-value-list (eval form))))
                      last))))
    (values (and (typep (first results) '(vector (unsigned-byte 8))) (eq (second results) t))
            results)))

(stop-s-server *srv*)
(stop-s-server *srv12*)
