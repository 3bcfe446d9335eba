;;; (harness): ok / not ok lines for run-tests.sh, certificates, openssl peers on 127.0.0.1
(define-module (harness)
  #:use-module (ice-9 rdelim)
  #:use-module (ice-9 popen)
  #:use-module (ice-9 regex)
  #:use-module (ice-9 textual-ports)
  #:export (test done check-equal check-true check-match cert free-port
            s-server s-client-start s-client-wait stop slurp shell-output cleanup tmpname))

(define passed 0)
(define failed 0)
(define children '())

(define (test name thunk)
  (let ((result
         (catch #t
           (lambda () (thunk) #t)
           (lambda (key . args)
             (format #t "not ok - ~a\n# ~s ~s\n" name key args)
             #f))))
    (if result
        (begin (set! passed (+ passed 1)) (format #t "ok - ~a\n" name))
        (set! failed (+ failed 1)))
    (force-output)))

(define (done)
  (cleanup)
  (format #t "# ~a passed, ~a failed\n" passed failed)
  (exit (if (zero? failed) 0 1)))

(define (check-equal what expected actual)
  (unless (equal? expected actual)
    (throw 'check-failed what 'expected expected 'got actual)))

(define (check-true what v . more)
  (unless v (throw 'check-failed what v more))
  v)

(define (check-match what regexp s)
  (unless (and (string? s) (string-match regexp s))
    (throw 'check-failed what regexp 'no-match s)))

(define (slurp path)
  (and (file-exists? path) (call-with-input-file path get-string-all)))

(define (shell-output cmd)
  (let* ((p (open-input-pipe cmd))
         (s (get-string-all p)))
    (close-pipe p)
    s))

(define certs
  (or (getenv "FERROSSL_SCHEME_CERTS")
      (let ((d (string-trim-right (shell-output "mktemp -d /tmp/ferrossl-scm.XXXXXX"))))
        (system (string-append (dirname (search-path %load-path "harness.scm")) "/certs.sh " d " >/dev/null 2>&1"))
        d)))

(define (cert name) (string-append certs "/" name))

(define (free-port)
  (let ((s (socket PF_INET SOCK_STREAM 0)))
    (bind s AF_INET (inet-pton AF_INET "127.0.0.1") 0)
    (let ((port (sockaddr:port (getsockname s))))
      (close-port s)
      port)))

;; a new empty file in the run's scratch directory ($FERROSSL_SCHEME_TMP, which
;; run-tests.sh removes), so a run leaves nothing in /tmp
(define (tmpname)
  (string-trim-right
   (shell-output (format #f "mktemp ~a/t.XXXXXX" (or (getenv "FERROSSL_SCHEME_TMP") "/tmp")))))

(define (wait-for path regexp secs)
  (let loop ((n (* secs 20)))
    (let ((s (slurp path)))
      (cond ((and s (string-match regexp s)) s)
            ((<= n 0) #f)
            (else (usleep 50000) (loop (- n 1)))))))

;; s-server ARGS: an `openssl s_server` on 127.0.0.1 (at most 60 s); returns (port . pid)
(define (s-server args)
  (let* ((port (free-port))
         (log (tmpname))
         (pid (string-trim-right
               (shell-output
                (format #f "timeout 60 openssl s_server -accept 127.0.0.1:~a ~a >~a 2>&1 </dev/null & echo $!"
                        port args log)))))
    (set! children (cons pid children))
    (unless (wait-for log "ACCEPT" 10)
      (throw 's-server-did-not-start (slurp log)))
    (cons port pid)))

;; s-client-start PORT ARGS INPUT: background `openssl s_client`; s-client-wait -> (rc . output)
(define (s-client-start port args input)
  (let ((in (tmpname)) (out (tmpname)) (rc (tmpname)))
    (call-with-output-file in (lambda (p) (display input p)))
    (delete-file rc)
    (let ((pid (string-trim-right
                (shell-output
                 (format #f "(timeout 20 openssl s_client -connect 127.0.0.1:~a ~a <~a >~a 2>&1; echo $? >~a) >/dev/null 2>&1 & echo $!"
                         port args in out rc)))))
      (set! children (cons pid children))
      (list out rc))))

(define (s-client-wait h)
  (let ((code (wait-for (cadr h) "[0-9]" 25)))
    (cons (and code (string->number (string-trim-right code))) (slurp (car h)))))

(define (stop server)
  (system (format #f "kill ~a 2>/dev/null" (cdr server))))

(define (cleanup)
  (for-each (lambda (pid) (system (format #f "kill ~a 2>/dev/null" pid))) children))
