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

;;; Encrypted Client Hello on cl+ssl client streams

(cffi:defcfun ("ferrossl_SSL_CTX_set1_ech_config_list" %ctx-set1-ech-config-list) :int
  (ctx :pointer) (list :pointer) (len :size))
(cffi:defcfun ("SSL_ech_accepted" %ech-accepted) :int (ssl :pointer))

(defun set-context-ech-config-list (ctx octets)
  "Makes every client connection later made from the SSL_CTX CTX (a cl+ssl context, e.g.
from cl+ssl:make-context, used through cl+ssl:with-global-context) offer Encrypted Client
Hello with OCTETS, a serialized ECHConfigList (an HTTPS record's \"ech\" value, decoded):
the :hostname of cl+ssl:make-ssl-client-stream then travels encrypted, the ClientHello on
the wire names the config's public name. NIL or empty OCTETS removes it. Signals an error
for a malformed list."
  (let ((n (length octets)))
    (cffi:with-foreign-object (buf :uint8 (max n 1))
      (dotimes (i n) (setf (cffi:mem-aref buf :uint8 i) (aref octets i)))
      (unless (= 1 (%ctx-set1-ech-config-list ctx buf n))
        (error "ferrossl: invalid ECHConfigList (~D bytes)" n))
      t)))

(defun ech-accepted-p (ssl-stream)
  "True once the handshake of the cl+ssl stream SSL-STREAM completed with the server
accepting the ECH offer."
  (= 1 (%ech-accepted (cl+ssl::ssl-stream-handle ssl-stream))))
