;;;; package.lisp

(defpackage #:ferrossl
  (:use #:common-lisp)
  (:export #:library-path
           #:version
           #:openssl-version-number
           #:mapped-tls-libraries
           #:openssl-already-loaded
           #:library-not-found))
