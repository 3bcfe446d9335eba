;;;; api.lisp -- which library and version this image uses.

(in-package #:ferrossl)

(cffi:defcfun ("ferrossl_version" %ferrossl-version) :string)
(cffi:defcfun ("OpenSSL_version" %openssl-version) :string (type :int))
(cffi:defcfun ("OpenSSL_version_num" %openssl-version-num) :unsigned-long)

(defun library-path ()
  "Namestring of the libferrossl.so that cl+ssl runs on in this image."
  *library-path*)

(defun openssl-version-number ()
  "OpenSSL_version_num() as ferrossl reports it (an OpenSSL 3 number)."
  (%openssl-version-num))

(defun version ()
  "Returns ferrossl's own version string, and as second value OpenSSL_version(0),
the OpenSSL 3 version text ferrossl presents to cl+ssl."
  (values (%ferrossl-version) (%openssl-version 0)))
