;;;; package.lisp

(defpackage #:ferrossl
  (:use #:common-lisp)
  (:export #:library-path
           #:version
           #:openssl-version-number
           #:set-context-ech-config-list
           #:ech-accepted-p
           #:mapped-tls-libraries
           #:openssl-already-loaded
           #:library-not-found))
