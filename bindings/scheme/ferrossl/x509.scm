;;; (ferrossl x509): a peer certificate and its details.
(define-module (ferrossl x509)
  #:use-module (ferrossl ffi)
  #:use-module (system foreign)
  #:use-module (rnrs bytevectors)
  #:use-module (srfi srfi-9)
  #:export (wrap-x509 x509-certificate? x509-subject x509-issuer x509-not-before
            x509-not-after x509-subject-alt-names x509-fingerprint))

;; the handle is an owning pointer with an X509_free finalizer
(define-record-type <x509-certificate>
  (%make-x509 pointer)
  x509-certificate?
  (pointer x509-pointer))

;; wrap-x509 P: takes over one reference to the X509 P (from a get1 call), or #f for NULL
(define (wrap-x509 p)
  (and (not (null-pointer? p))
       (%make-x509 (make-pointer (pointer-address p) (foreign-function "X509_free")))))

(define (oneline name)
  (if (null-pointer? name)
      #f
      (let* ((buf (make-bytevector 1024 0))
             (r (X509_NAME_oneline name (bytevector->pointer buf) 1024)))
        (and (not (null-pointer? r)) (pointer->string r)))))

;; "/CN=localhost" (OpenSSL's one-line form)
(define (x509-subject c) (oneline (X509_get_subject_name (x509-pointer c))))
(define (x509-issuer c) (oneline (X509_get_issuer_name (x509-pointer c))))

(define (time-text t)
  (if (null-pointer? t)
      #f
      (let ((bio (BIO_new (BIO_s_mem))))
        (dynamic-wind
          (lambda () #t)
          (lambda ()
            (let* ((ok (ASN1_TIME_print bio t))
                   (pp (make-bytevector (sizeof '*) 0))
                   (n (BIO_ctrl bio BIO_CTRL_INFO 0 (bytevector->pointer pp))))
              (and (= ok 1) (> n 0)
                   (let ((p (dereference-pointer (bytevector->pointer pp))))
                     (utf8->string (bytevector-copy (pointer->bytevector p n)))))))
          (lambda () (BIO_free bio))))))

;; "Nov 22 19:29:55 2036 GMT" (ASN1_TIME_print)
(define (x509-not-before c) (time-text (X509_get0_notBefore (x509-pointer c))))
(define (x509-not-after c) (time-text (X509_get0_notAfter (x509-pointer c))))

(define (ip->string bv)
  (case (bytevector-length bv)
    ((4) (inet-ntop AF_INET (bytevector-uint-ref bv 0 (endianness big) 4)))
    ((16) (inet-ntop AF_INET6 (bytevector-uint-ref bv 0 (endianness big) 16)))
    (else #f)))

;; (("DNS" . "localhost") ("IP" . "127.0.0.1") ...)
(define (x509-subject-alt-names c)
  (let ((sk (X509_get_ext_d2i (x509-pointer c) 85 %null-pointer %null-pointer)))
    (if (null-pointer? sk)
        '()
        (let ((ptype (make-bytevector (sizeof int) 0)))
          (let loop ((i (- (OPENSSL_sk_num sk) 1)) (acc '()))
            (if (< i 0)
                (begin (GENERAL_NAMES_free sk) acc)
                (let* ((v (GENERAL_NAME_get0_value (OPENSSL_sk_value sk i)
                                                   (bytevector->pointer ptype)))
                       (type (bytevector-sint-ref ptype 0 (native-endianness) (sizeof int)))
                       (raw (and (not (null-pointer? v))
                                 (bytevector-copy
                                  (pointer->bytevector (ASN1_STRING_get0_data v)
                                                       (ASN1_STRING_length v)))))
                       (entry (and raw
                                   (case type
                                     ((2) (cons "DNS" (utf8->string raw)))
                                     ((7) (cons "IP" (or (ip->string raw) raw)))
                                     ((6) (cons "URI" (utf8->string raw)))
                                     ((1) (cons "email" (utf8->string raw)))
                                     (else #f)))))
                  (loop (- i 1) (if entry (cons entry acc) acc)))))))))

;; lowercase hex digest of the DER certificate; ALGORITHM defaults to "sha256"
(define* (x509-fingerprint c #:optional (algorithm "sha256"))
  (let ((md (EVP_get_digestbyname (string->pointer algorithm))))
    (and (not (null-pointer? md))
         (let ((out (make-bytevector 64 0))
               (len (make-bytevector (sizeof unsigned-int) 0)))
           (and (= 1 (X509_digest (x509-pointer c) md (bytevector->pointer out)
                                  (bytevector->pointer len)))
                (let ((n (bytevector-uint-ref len 0 (native-endianness) (sizeof unsigned-int))))
                  (apply string-append
                         (map (lambda (i)
                                (let ((s (number->string (bytevector-u8-ref out i) 16)))
                                  (if (< (string-length s) 2) (string-append "0" s) s)))
                              (iota n)))))))))
