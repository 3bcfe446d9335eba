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

(defsystem "ferrossl"
  :description "cl+ssl on ferrossl (rustls) instead of OpenSSL: a one-line switch."
  :license "MIT"
  :version "0.1.0"
  :depends-on ("ferrossl/library" "cl+ssl")
  :components ((:module "src"
                :components ((:file "api")
                             (:file "features")))))
