;;;; ferrossl.asd -- run the unmodified cl+ssl (and everything built on it:
;;;; drakma, hunchentoot, ...) on ferrossl instead of OpenSSL.
;;;;
;;;;   (asdf:load-system "ferrossl")   ; instead of (asdf:load-system "cl+ssl")
;;;;
;;;; "ferrossl/library" finds and loads libferrossl.so with CFFI and pushes
;;;; :cl+ssl-foreign-libs-already-loaded onto *features*, so that cl+ssl's
;;;; src/reload.lisp does not load libssl/libcrypto. "ferrossl" then loads
;;;; cl+ssl itself (ASDF loads :depends-on in the order given).

(defsystem "ferrossl/library"
  :description "Find and load libferrossl.so before cl+ssl is loaded."
  :license "MIT"
  :depends-on ("cffi")
  :serial t
  :components ((:module "src"
                :serial t
                :components ((:file "package")
                             (:file "library")))))

(defsystem "ferrossl/crypto"
  :description "Hashes, HMAC, HKDF, AEADs, X25519, Ed25519, ECDSA P-256 and base64 on
libferrossl's OpenSSL API, octet vectors in and out (no cl+ssl needed)."
  :license "MIT"
  :depends-on ("ferrossl/library")
  :components ((:module "src"
                :components ((:file "crypto")))))

(defsystem "ferrossl"
  :description "cl+ssl on ferrossl (rustls) instead of OpenSSL: a one-line switch."
  :license "MIT"
  :version "0.1.0"
  :depends-on ("ferrossl/library" "ferrossl/crypto" "cl+ssl")
  :components ((:module "src"
                :components ((:file "api")
                             (:file "features")))))
