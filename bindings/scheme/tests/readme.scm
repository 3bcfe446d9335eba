;;; README.md's ten-line client, run as written against `openssl s_server -www`.
(use-modules (harness) (ice-9 regex))
(define here (dirname (search-path %load-path "ferrossl.scm")))

(test "README's ten-line HTTPS client works as written"
  (lambda ()
    (let* ((readme (slurp (string-append here "/README.md")))
           (m (string-match "```scheme\n(([^`]|`[^`])*)```" readme))
           (code (and m (match:substring m 1)))
           (www (s-server (string-append "-www -cert " (cert "server.pem") " -key " (cert "server.key"))))
           (file (string-trim-right (shell-output "mktemp /tmp/ferrossl-readme.XXXXXX"))))
      (check-true "scheme block" code)
      (check-true "at most ten lines" (<= (length (filter (lambda (l) (not (string-null? l)))
                                                          (string-split code #\newline)))
                                          10))
      (call-with-output-file file (lambda (p) (display code p)))
      (let ((out (shell-output (format #f "GUILE_LOAD_PATH='~a' timeout 30 guile-3.0 ~a ~a ~a 2>&1"
                                       here file (cert "ca.pem") (car www)))))
        (delete-file file)
        (check-match "status line" "HTTP/1.0 200 ok" out)
        (check-match "page" "s_server" out))
      (stop www))))

(done)
