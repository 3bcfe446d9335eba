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
           #:library-not-found
           ;; crypto.lisp
           #:crypto-error #:crypto-error-operation #:crypto-error-message #:crypto-error-queue
           #:authentication-failed
           #:digest #:sha1 #:sha256 #:sha384 #:sha512 #:hmac #:hkdf #:random-bytes
           #:aead-seal #:aead-open
           #:x25519-keypair #:x25519-public #:x25519
           #:ed25519-keypair #:ed25519-public #:ed25519-sign #:ed25519-verify
           #:ecdsa-p256-keypair #:ecdsa-p256-public #:ecdsa-p256-sign #:ecdsa-p256-verify
           #:base64-encode #:base64-decode))
