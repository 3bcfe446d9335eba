;;; (ferrossl features): TLS 1.3 key update, sessions as bytevectors and key logging,
;;; against `openssl s_server -msg -keylogfile` driven through its stdin ("k"/"K" update
;;; its keys, other lines go to the client).
(use-modules (ferrossl) (ferrossl features) (harness) (rnrs bytevectors)
             (ice-9 popen) (ice-9 regex) (ice-9 textual-ports) (ice-9 exceptions)
             (ice-9 format) (srfi srfi-1))

(define ku-in "<<< TLS 1.3, Handshake \\[length 0005\\], KeyUpdate")
(define ku-out ">>> TLS 1.3, Handshake \\[length 0005\\], KeyUpdate")

(define (count-matches regexp s)
  (length (list-matches regexp (or s ""))))


;; an s_server whose stdin we hold; returns an alist: port, log, keylog, stdin
(define* (s-server/stdin #:optional (extra ""))
  (let* ((port (free-port)) (log (tmpname)) (keylog (tmpname)) (pidfile (tmpname))
         (stdin (open-output-pipe
                 (format #f "echo $$ >~a; exec timeout 60 openssl s_server -accept 127.0.0.1:~a -msg -keylogfile ~a -cert ~a -key ~a ~a >~a 2>&1"
                         pidfile port keylog (cert "server.pem") (cert "server.key") extra log))))
    (setvbuf stdin 'block)
    (let loop ((n 200))
      (cond ((string-match "ACCEPT" (or (slurp log) "")) #t)
            ((zero? n) (throw 's-server-did-not-start (slurp log)))
            (else (usleep 50000) (loop (- n 1)))))
    `((port . ,port) (log . ,log) (keylog . ,keylog) (stdin . ,stdin) (pidfile . ,pidfile))))

(define (srv-ref srv k) (assq-ref srv k))
(define (srv-output srv) (or (slurp (srv-ref srv 'log)) ""))
(define (srv-say srv line)
  ;; one write per line: s_server reads "k\n" as a command only when it comes whole
  (let ((p (srv-ref srv 'stdin))) (display (string-append line "\n") p) (force-output p)))
;; (s_server reads its stdin only while it serves a connection: "Q" would not do)
(define (srv-stop srv)
  (system (format #f "kill $(cat ~a) 2>/dev/null" (srv-ref srv 'pidfile)))
  (false-if-exception (close-pipe (srv-ref srv 'stdin)))
  (for-each (lambda (k) (false-if-exception (delete-file (srv-ref srv k)))) '(log keylog pidfile)))

;; wait until REGEXP occurs at least N times in FILE (10 s)
(define (wait-count file regexp n)
  (let loop ((k 500))
    (let ((c (count-matches regexp (slurp file))))
      (cond ((>= c n) c)
            ((zero? k) (throw 'check-failed "waited for" regexp n 'saw c))
            (else (usleep 20000) (loop (- k 1)))))))

(define srv (s-server/stdin))
(define srv12 (s-server/stdin "-tls1_2"))

;; s_server serves one connection at a time: each test closes what it opened, also when
;; it fails
(define opened '())
(define* (connect server #:key session keylog)
  (let ((s (make-client-tls-socket "localhost" (number->string (srv-ref server 'port))
                                   #:ca-file (cert "ca.pem") #:handshake? #f)))
    (set! opened (cons s opened))
    (when keylog (tls-socket-keylog-set! s keylog))
    (when session (tls-socket-session-set! s session))
    (tls-client-handshake s)
    s))
(define (test* name thunk)
  (test name thunk)
  (for-each tls-socket-close opened)
  (set! opened '()))

(define (send-line s line)
  (tls-socket-send s (string->utf8 (string-append line "\n"))))
(define (recv-line s)
  (let loop ((acc ""))
    (if (string-index acc #\newline)
        (string-trim-right acc #\newline)
        (let ((bv (tls-socket-recv s 100)))
          (check-true "not EOF" (> (bytevector-length bv) 0))
          (loop (string-append acc (utf8->string bv)))))))

;; the exception a thunk raises, or #f
(define (raised thunk)
  (call/cc (lambda (k) (with-exception-handler (lambda (e) (k e)) (lambda () (thunk) #f)))))

(define log (srv-ref srv 'log))

(test* "key update: 8 rounds both ways against s_server (ours both kinds, its k and K)"
  (lambda ()
    (let ((s (connect srv)) (answers 0))
      (check-equal "version" "TLSv1.3" (tls-socket-version s))
      (check-equal "nothing pending" #f (tls-socket-pending-key-update s))
      (do ((i 1 (+ i 1))) ((> i 8))
        (let ((kind (if (odd? i) 'requested 'not-requested))
              (seen (count-matches ku-in (srv-output srv)))
              (line (format #f "client line ~2,'0d" i)))
          (check-equal "key-update!" #t (tls-socket-key-update! s kind))
          (check-equal "pending until sent" kind (tls-socket-pending-key-update s))
          (send-line s line)
          (check-equal "sent with the data" #f (tls-socket-pending-key-update s))
          (wait-count log line 1)
          (wait-count log ku-in (+ seen 1))
          (let ((sent (count-matches ku-out (srv-output srv))))
            (srv-say srv (if (odd? i) "k" "K"))
            (when (even? i) (set! answers (+ answers 1)))
            (wait-count log ku-out (+ sent 1)))
          (let ((line (format #f "server line ~2,'0d" i)))
            (srv-say srv line)
            (check-equal "receive under the server's new keys" line (recv-line s)))))
      (send-line s "client line end")
      (wait-count log "client line end" 1)
      (wait-count log ku-in (+ 8 answers)))))

(test* "key update sent at once by tls-client-handshake; refused on TLS 1.2, bad kind"
  (lambda ()
    (let ((s (connect srv)) (seen (count-matches ku-in (srv-output srv))))
      (check-true "bad kind raises" (raised (lambda () (tls-socket-key-update! s 'sideways))))
      (tls-socket-key-update! s)
      (check-equal "default kind" 'requested (tls-socket-pending-key-update s))
      (let ((e (raised (lambda () (tls-socket-key-update! s 'not-requested)))))
        (check-true "a second one while pending: &tls-error" (and e (tls-error? e)))
        (check-match "its message" "still in init" (exception-message e)))
      (check-equal "the first one stays" 'requested (tls-socket-pending-key-update s))
      (tls-client-handshake s)
      (check-equal "sent" #f (tls-socket-pending-key-update s))
      (wait-count log ku-in (+ seen 1))
      (send-line s "after handshake call")
      (wait-count log "after handshake call" 1))
    (let* ((s (connect srv12))
           (e (raised (lambda () (tls-socket-key-update! s 'not-requested)))))
      (check-equal "version" "TLSv1.2" (tls-socket-version s))
      (check-true "TLS 1.2: &tls-error" (and e (tls-error? e)))
      (check-match "message" "wrong ssl version" (exception-message e))
      (check-equal "nothing pending" #f (tls-socket-pending-key-update s)))))

(for-each
 (lambda (server)
   (let ((label (if (eq? server srv) "TLS 1.3" "TLS 1.2")))
     (test* (string-append "session saved as a bytevector, resumed by a new socket (" label ")")
       (lambda ()
         (let ((s (connect server)))
           (check-equal "first: full handshake" #f (tls-socket-session-reused? s))
           (srv-say server (string-append "hello " label))
           (check-equal "receive" (string-append "hello " label) (recv-line s))
           (let ((bv (tls-socket-session s)))
             (check-true "bytevector" (and (bytevector? bv) (> (bytevector-length bv) 0)))
             (tls-socket-close s)
             (let ((again (connect server #:session bv)))
               (check-equal "second: resumed" #t (tls-socket-session-reused? again))
               (send-line again (string-append "resumed " label))
               (wait-count (srv-ref server 'log) (string-append "resumed " label) 1))))))))
 (list srv srv12))

(test* "tls-socket-session-set! refuses bytes that are no session"
  (lambda ()
    (let* ((s (make-client-tls-socket "localhost" (number->string (srv-ref srv 'port))
                                      #:ca-file (cert "ca.pem") #:handshake? #f))
           (e (begin (set! opened (cons s opened))
                     (raised (lambda () (tls-socket-session-set! s (string->utf8 "not a session")))))))
      (check-true "&tls-error" (and e (tls-error? e)))
      (check-match "names d2i_SSL_SESSION" "d2i_SSL_SESSION" (exception-message e))
      (check-true "empty bytevector raises"
                  (raised (lambda () (tls-socket-session-set! s (make-bytevector 0))))))))

(define labels '("CLIENT_HANDSHAKE_TRAFFIC_SECRET" "SERVER_HANDSHAKE_TRAFFIC_SECRET"
                 "CLIENT_TRAFFIC_SECRET_0" "SERVER_TRAFFIC_SECRET_0"))

;; the lines' client random, and each TLS 1.3 label's line as the server logged it
(define (check-lines text what)
  (let* ((m (string-match "CLIENT_HANDSHAKE_TRAFFIC_SECRET ([0-9a-f]+) " text))
         (random (and m (match:substring m 1))))
    (check-true (string-append what ": a 32-byte client random") (and random (= 64 (string-length random))))
    (for-each
     (lambda (label)
       (let ((m (string-match (string-append label " " random " [0-9a-f]+") text)))
         (check-true (string-append what ": " label " with this connection's client random") m)
         ;; the server logs its last secrets once it has read our Finished
         (wait-count (srv-ref srv 'keylog) (regexp-quote (match:substring m 0)) 1)))
     labels)
    random))

(test* "key log procedure: NSS lines for a TLS 1.3 connection, as the server logged them"
  (lambda ()
    (let* ((lines '())
           (s (connect srv #:keylog (lambda (l) (set! lines (cons l lines))))))
      (check-true "at least 4 lines" (>= (length lines) 4))
      (check-lines (string-join (reverse lines) "\n") "procedure")
      (check-equal "no callback errors" '() (keylog-callback-errors))
      (tls-socket-keylog-set! s #f))))

(test* "key log file: lines appended, mode 600; a raising procedure is caught"
  (lambda ()
    (let ((path (tmpname)))
      (delete-file path)
      (tls-socket-close (connect srv #:keylog path))
      (let ((text (slurp path)))
        (check-true "file written" text)
        (for-each (lambda (l) (check-match "NSS line" "^[A-Z_0-9]+ [0-9a-f]+ [0-9a-f]+$" l))
                  (remove string-null? (string-split text #\newline)))
        (check-lines text "file"))
      (check-equal "mode" "600" (string-trim-right (shell-output (string-append "stat -c %a " path))))
      (delete-file path))
    (let ((s (connect srv #:keylog (lambda (l) (error "boom")))))
      (send-line s "still fine")
      (wait-count log "still fine" 1)
      (check-true "error recorded" (pair? (keylog-callback-errors))))
    (let ((s (make-client-tls-socket "localhost" (number->string (srv-ref srv 'port))
                                     #:ca-file (cert "ca.pem") #:handshake? #f)))
      (set! opened (cons s opened))
      (check-true "bad target raises" (raised (lambda () (tls-socket-keylog-set! s 42)))))))

(srv-stop srv)
(srv-stop srv12)
(done)
