;;;; crypto.lisp -- hashes, MACs, HKDF, random bytes, AEADs, X25519, Ed25519, ECDSA P-256
;;;; and base64 over libferrossl's OpenSSL entry points (EVP_Digest, HMAC, EVP_PKEY HKDF,
;;;; EVP_CIPHER_CTX, EVP_PKEY_derive, EVP_DigestSign/Verify, EVP_EncodeBlock).
;;;;
;;;; Octets in, octets out: every input is a vector of (unsigned-byte 8) and every result
;;;; a fresh (simple-array (unsigned-byte 8) (*)); base64 text is a string. A bad argument
;;;; or a library failure signals FERROSSL:CRYPTO-ERROR (its QUEUE: the library's error
;;;; queue as strings); AEAD-OPEN signals FERROSSL:AUTHENTICATION-FAILED (a CRYPTO-ERROR)
;;;; for a wrong key, nonce, aad or tag; the verify functions return T or NIL.

(in-package #:ferrossl)

(define-condition crypto-error (error)
  ((operation :initarg :operation :reader crypto-error-operation)
   (message :initarg :message :reader crypto-error-message)
   (queue :initarg :queue :initform '() :reader crypto-error-queue))
  (:report (lambda (c s)
             (format s "~(~A~): ~A~@[: ~{~A~^; ~}~]" (crypto-error-operation c)
                     (crypto-error-message c) (crypto-error-queue c)))))

(define-condition authentication-failed (crypto-error) ()
  (:default-initargs :message "authentication failed"))

;;; the raw layer

(cffi:defcfun ("ERR_get_error" %err-get-error) :unsigned-long)
(cffi:defcfun ("ERR_clear_error" %err-clear-error) :void)
(cffi:defcfun ("ERR_error_string_n" %err-error-string-n) :void (e :unsigned-long) (buf :pointer) (len :size))
(cffi:defcfun ("EVP_get_digestbyname" %evp-get-digestbyname) :pointer (name :string))
(cffi:defcfun ("EVP_MD_get_size" %evp-md-get-size) :int (md :pointer))
(cffi:defcfun ("EVP_sha256" %evp-sha256) :pointer)
(cffi:defcfun ("EVP_Digest" %evp-digest) :int
  (data :pointer) (count :size) (md :pointer) (size :pointer) (type :pointer) (impl :pointer))
(cffi:defcfun ("HMAC" %hmac) :pointer
  (md :pointer) (key :pointer) (key-len :int) (d :pointer) (n :size) (out :pointer) (out-len :pointer))
(cffi:defcfun ("RAND_bytes" %rand-bytes) :int (buf :pointer) (num :int))
(cffi:defcfun ("EVP_aes_128_gcm" %evp-aes-128-gcm) :pointer)
(cffi:defcfun ("EVP_aes_192_gcm" %evp-aes-192-gcm) :pointer)
(cffi:defcfun ("EVP_aes_256_gcm" %evp-aes-256-gcm) :pointer)
(cffi:defcfun ("EVP_chacha20_poly1305" %evp-chacha20-poly1305) :pointer)
(cffi:defcfun ("EVP_CIPHER_get_key_length" %evp-cipher-get-key-length) :int (cipher :pointer))
(cffi:defcfun ("EVP_CIPHER_CTX_new" %evp-cipher-ctx-new) :pointer)
(cffi:defcfun ("EVP_CIPHER_CTX_free" %evp-cipher-ctx-free) :void (ctx :pointer))
(cffi:defcfun ("EVP_CIPHER_CTX_ctrl" %evp-cipher-ctx-ctrl) :int (ctx :pointer) (type :int) (arg :int) (ptr :pointer))
(cffi:defcfun ("EVP_EncryptInit_ex" %evp-encrypt-init-ex) :int
  (ctx :pointer) (cipher :pointer) (impl :pointer) (key :pointer) (iv :pointer))
(cffi:defcfun ("EVP_DecryptInit_ex" %evp-decrypt-init-ex) :int
  (ctx :pointer) (cipher :pointer) (impl :pointer) (key :pointer) (iv :pointer))
(cffi:defcfun ("EVP_EncryptUpdate" %evp-encrypt-update) :int
  (ctx :pointer) (out :pointer) (outl :pointer) (in :pointer) (inl :int))
(cffi:defcfun ("EVP_DecryptUpdate" %evp-decrypt-update) :int
  (ctx :pointer) (out :pointer) (outl :pointer) (in :pointer) (inl :int))
(cffi:defcfun ("EVP_EncryptFinal_ex" %evp-encrypt-final-ex) :int (ctx :pointer) (out :pointer) (outl :pointer))
(cffi:defcfun ("EVP_DecryptFinal_ex" %evp-decrypt-final-ex) :int (ctx :pointer) (out :pointer) (outl :pointer))
(cffi:defcfun ("EVP_EncodeBlock" %evp-encode-block) :int (out :pointer) (in :pointer) (n :int))
(cffi:defcfun ("EVP_DecodeBlock" %evp-decode-block) :int (out :pointer) (in :pointer) (n :int))
(cffi:defcfun ("EVP_PKEY_free" %evp-pkey-free) :void (pkey :pointer))
(cffi:defcfun ("EVP_PKEY_get_base_id" %evp-pkey-get-base-id) :int (pkey :pointer))
(cffi:defcfun ("EVP_PKEY_get_bits" %evp-pkey-get-bits) :int (pkey :pointer))
(cffi:defcfun ("EVP_PKEY_new_raw_private_key" %evp-pkey-new-raw-private-key) :pointer
  (type :int) (e :pointer) (key :pointer) (len :size))
(cffi:defcfun ("EVP_PKEY_new_raw_public_key" %evp-pkey-new-raw-public-key) :pointer
  (type :int) (e :pointer) (key :pointer) (len :size))
(cffi:defcfun ("EVP_PKEY_get_raw_private_key" %evp-pkey-get-raw-private-key) :int
  (pkey :pointer) (out :pointer) (len :pointer))
(cffi:defcfun ("EVP_PKEY_get_raw_public_key" %evp-pkey-get-raw-public-key) :int
  (pkey :pointer) (out :pointer) (len :pointer))
(cffi:defcfun ("d2i_PrivateKey" %d2i-private-key) :pointer (type :int) (a :pointer) (pp :pointer) (len :long))
(cffi:defcfun ("i2d_PrivateKey" %i2d-private-key) :int (pkey :pointer) (pp :pointer))
(cffi:defcfun ("d2i_PUBKEY" %d2i-pubkey) :pointer (a :pointer) (pp :pointer) (len :long))
(cffi:defcfun ("i2d_PUBKEY" %i2d-pubkey) :int (pkey :pointer) (pp :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_new" %evp-pkey-ctx-new) :pointer (pkey :pointer) (e :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_new_id" %evp-pkey-ctx-new-id) :pointer (id :int) (e :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_free" %evp-pkey-ctx-free) :void (ctx :pointer))
(cffi:defcfun ("EVP_PKEY_keygen_init" %evp-pkey-keygen-init) :int (ctx :pointer))
(cffi:defcfun ("EVP_PKEY_keygen" %evp-pkey-keygen) :int (ctx :pointer) (out :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_set_ec_paramgen_curve_nid" %evp-pkey-ctx-set-ec-paramgen-curve-nid) :int
  (ctx :pointer) (nid :int))
(cffi:defcfun ("EVP_PKEY_derive_init" %evp-pkey-derive-init) :int (ctx :pointer))
(cffi:defcfun ("EVP_PKEY_derive_set_peer" %evp-pkey-derive-set-peer) :int (ctx :pointer) (peer :pointer))
(cffi:defcfun ("EVP_PKEY_derive" %evp-pkey-derive) :int (ctx :pointer) (out :pointer) (len :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_set_hkdf_md" %evp-pkey-ctx-set-hkdf-md) :int (ctx :pointer) (md :pointer))
(cffi:defcfun ("EVP_PKEY_CTX_set1_hkdf_salt" %evp-pkey-ctx-set1-hkdf-salt) :int (ctx :pointer) (p :pointer) (n :int))
(cffi:defcfun ("EVP_PKEY_CTX_set1_hkdf_key" %evp-pkey-ctx-set1-hkdf-key) :int (ctx :pointer) (p :pointer) (n :int))
(cffi:defcfun ("EVP_PKEY_CTX_add1_hkdf_info" %evp-pkey-ctx-add1-hkdf-info) :int (ctx :pointer) (p :pointer) (n :int))
(cffi:defcfun ("EVP_MD_CTX_new" %evp-md-ctx-new) :pointer)
(cffi:defcfun ("EVP_MD_CTX_free" %evp-md-ctx-free) :void (ctx :pointer))
(cffi:defcfun ("EVP_DigestSignInit" %evp-digest-sign-init) :int
  (ctx :pointer) (pctx :pointer) (md :pointer) (e :pointer) (pkey :pointer))
(cffi:defcfun ("EVP_DigestVerifyInit" %evp-digest-verify-init) :int
  (ctx :pointer) (pctx :pointer) (md :pointer) (e :pointer) (pkey :pointer))
(cffi:defcfun ("EVP_DigestSign" %evp-digest-sign) :int
  (ctx :pointer) (sig :pointer) (siglen :pointer) (tbs :pointer) (tbslen :size))
(cffi:defcfun ("EVP_DigestVerify" %evp-digest-verify) :int
  (ctx :pointer) (sig :pointer) (siglen :size) (tbs :pointer) (tbslen :size))

;; include/ferrossl.h's values (OpenSSL's)
(defconstant +evp-pkey-ec+ 408)
(defconstant +evp-pkey-x25519+ 1034)
(defconstant +evp-pkey-ed25519+ 1087)
(defconstant +evp-pkey-hkdf+ 1036)
(defconstant +nid-prime256v1+ 415)
(defconstant +evp-ctrl-aead-set-ivlen+ 9)
(defconstant +evp-ctrl-aead-get-tag+ 16)
(defconstant +evp-ctrl-aead-set-tag+ 17)
(defconstant +tag-length+ 16)

;;; errors

(defun drain-queue ()
  (cffi:with-foreign-object (buf :char 256)
    (loop for e = (%err-get-error)
          until (zerop e)
          collect (progn (%err-error-string-n e buf 256) (cffi:foreign-string-to-lisp buf)))))

(defun fail (operation fmt &rest args)
  (error 'crypto-error :operation operation :message (apply #'format nil fmt args)
                       :queue (drain-queue)))

(defun check (operation what r)
  (unless (eql r 1) (fail operation "~A failed" what))
  r)

;;; octets <-> foreign memory

(deftype octets () '(simple-array (unsigned-byte 8) (*)))

(defun octets (operation name v)
  (unless (and (vectorp v) (every (lambda (b) (typep b '(unsigned-byte 8))) v))
    (fail operation "~A must be a vector of (unsigned-byte 8)" name))
  (coerce v 'octets))

(defmacro with-octets (bindings &body body)
  "(with-octets ((ptr vector) ...) body): each vector copied to foreign memory for BODY."
  (if (null bindings)
      `(progn ,@body)
      (destructuring-bind ((ptr vec) &rest more) bindings
        (let ((v (gensym "VEC")) (i (gensym "I")))
          `(let ((,v ,vec))
             (cffi:with-foreign-object (,ptr :uint8 (max 1 (length ,v)))
               (dotimes (,i (length ,v)) (setf (cffi:mem-aref ,ptr :uint8 ,i) (aref ,v ,i)))
               (with-octets ,more ,@body)))))))

(defun foreign-octets (ptr n)
  (let ((out (make-array n :element-type '(unsigned-byte 8))))
    (dotimes (i n out) (setf (aref out i) (cffi:mem-aref ptr :uint8 i)))))

;;; digests and MACs

(defun md (operation name)
  (let ((n (string-downcase (string name))))
    (unless (member n '("sha1" "sha224" "sha256" "sha384" "sha512" "md5") :test #'string=)
      (fail operation "unknown digest ~S" name))
    (let ((p (%evp-get-digestbyname n)))
      (when (cffi:null-pointer-p p) (fail operation "EVP_get_digestbyname(~A)" n))
      p)))

(defun digest (name data)
  "The digest NAME (:sha1 :sha224 :sha256 :sha384 :sha512 :md5) of the octets DATA."
  (let ((m (md 'digest name)) (data (octets 'digest "data" data)))
    (%err-clear-error)
    (with-octets ((in data))
      (cffi:with-foreign-objects ((out :uint8 64) (n :uint))
        (check 'digest "EVP_Digest" (%evp-digest in (length data) out n m (cffi:null-pointer)))
        (foreign-octets out (cffi:mem-ref n :uint))))))

(defun sha1 (data) (digest :sha1 data))
(defun sha256 (data) (digest :sha256 data))
(defun sha384 (data) (digest :sha384 data))
(defun sha512 (data) (digest :sha512 data))

(defun hmac (name key data)
  "HMAC with digest NAME of DATA under KEY."
  (let ((m (md 'hmac name)) (key (octets 'hmac "key" key)) (data (octets 'hmac "data" data)))
    (%err-clear-error)
    (with-octets ((k key) (d data))
      (cffi:with-foreign-objects ((out :uint8 64) (n :uint))
        (when (cffi:null-pointer-p (%hmac m k (length key) d (length data) out n))
          (fail 'hmac "HMAC failed"))
        (foreign-octets out (cffi:mem-ref n :uint))))))

(defun hkdf (name ikm salt info length)
  "RFC 5869 HKDF (extract then expand) with digest NAME: LENGTH octets."
  (let ((m (md 'hkdf name))
        (ikm (octets 'hkdf "ikm" ikm)) (salt (octets 'hkdf "salt" salt)) (info (octets 'hkdf "info" info)))
    (unless (and (integerp length) (<= 1 length (* 255 (%evp-md-get-size m))))
      (fail 'hkdf "length must be 1 .. 255 * the digest size"))
    (%err-clear-error)
    (let ((pctx (%evp-pkey-ctx-new-id +evp-pkey-hkdf+ (cffi:null-pointer))))
      (when (cffi:null-pointer-p pctx) (fail 'hkdf "EVP_PKEY_CTX_new_id(HKDF) failed"))
      (unwind-protect
           (with-octets ((k ikm) (s salt) (i info))
             (cffi:with-foreign-objects ((out :uint8 length) (n :size))
               (setf (cffi:mem-ref n :size) length)
               (unless (and (= 1 (%evp-pkey-derive-init pctx))
                            (= 1 (%evp-pkey-ctx-set-hkdf-md pctx m))
                            (= 1 (%evp-pkey-ctx-set1-hkdf-salt pctx s (length salt)))
                            (= 1 (%evp-pkey-ctx-set1-hkdf-key pctx k (length ikm)))
                            (= 1 (%evp-pkey-ctx-add1-hkdf-info pctx i (length info)))
                            (= 1 (%evp-pkey-derive pctx out n)))
                 (fail 'hkdf "HKDF failed"))
               (foreign-octets out (cffi:mem-ref n :size))))
        (%evp-pkey-ctx-free pctx)))))

(defun random-bytes (n)
  "N octets from RAND_bytes."
  (unless (typep n '(integer 0)) (fail 'random-bytes "n must be a count"))
  (if (zerop n)
      (make-array 0 :element-type '(unsigned-byte 8))
      (cffi:with-foreign-object (out :uint8 n)
        (%err-clear-error)
        (check 'random-bytes "RAND_bytes" (%rand-bytes out n))
        (foreign-octets out n))))

;;; AEADs: ciphertext followed by the 16-octet tag

(defun aead-cipher (operation name key nonce)
  (let ((c (case (intern (string-upcase (string name)) :keyword)
             (:aes-128-gcm (%evp-aes-128-gcm))
             (:aes-192-gcm (%evp-aes-192-gcm))
             (:aes-256-gcm (%evp-aes-256-gcm))
             (:chacha20-poly1305 (%evp-chacha20-poly1305))
             (t (fail operation "unknown AEAD ~S" name)))))
    ;; EVP_*Init_ex reads the cipher's key length from KEY: a shorter one is refused here
    (unless (= (length key) (%evp-cipher-get-key-length c))
      (fail operation "key must be ~D octets, got ~D" (%evp-cipher-get-key-length c) (length key)))
    (when (zerop (length nonce)) (fail operation "empty nonce"))
    c))

(defmacro with-cipher-ctx ((ctx operation) &body body)
  `(let ((,ctx (%evp-cipher-ctx-new)))
     (when (cffi:null-pointer-p ,ctx) (fail ,operation "EVP_CIPHER_CTX_new failed"))
     (unwind-protect (progn ,@body) (%evp-cipher-ctx-free ,ctx))))

(defun aead-seal (name key nonce plaintext &optional (aad #()))
  "Encrypts PLAINTEXT with NAME (:aes-128-gcm :aes-192-gcm :aes-256-gcm :chacha20-poly1305):
the ciphertext followed by the 16-octet tag."
  (let* ((key (octets 'aead-seal "key" key)) (nonce (octets 'aead-seal "nonce" nonce))
         (plaintext (octets 'aead-seal "plaintext" plaintext)) (aad (octets 'aead-seal "aad" aad))
         (c (aead-cipher 'aead-seal name key nonce))
         (null (cffi:null-pointer)))
    (%err-clear-error)
    (with-cipher-ctx (ctx 'aead-seal)
      (with-octets ((k key) (iv nonce) (pt plaintext) (a aad))
        (cffi:with-foreign-objects ((out :uint8 (+ (length plaintext) +tag-length+)) (n :int))
          (unless (and (= 1 (%evp-encrypt-init-ex ctx c null null null))
                       (= 1 (%evp-cipher-ctx-ctrl ctx +evp-ctrl-aead-set-ivlen+ (length nonce) null))
                       (= 1 (%evp-encrypt-init-ex ctx null null k iv))
                       (or (zerop (length aad)) (= 1 (%evp-encrypt-update ctx null n a (length aad))))
                       (= 1 (%evp-encrypt-update ctx out n pt (length plaintext))))
            (fail 'aead-seal "encryption failed"))
          (let ((done (cffi:mem-ref n :int)))
            (check 'aead-seal "EVP_EncryptFinal_ex"
                   (%evp-encrypt-final-ex ctx (cffi:inc-pointer out done) n))
            (incf done (cffi:mem-ref n :int))
            (check 'aead-seal "EVP_CTRL_AEAD_GET_TAG"
                   (%evp-cipher-ctx-ctrl ctx +evp-ctrl-aead-get-tag+ +tag-length+ (cffi:inc-pointer out done)))
            (foreign-octets out (+ done +tag-length+))))))))

(defun aead-open (name key nonce sealed &optional (aad #()))
  "Decrypts SEALED (ciphertext followed by the tag): the plaintext. Signals
AUTHENTICATION-FAILED when the tag does not match."
  (let* ((key (octets 'aead-open "key" key)) (nonce (octets 'aead-open "nonce" nonce))
         (sealed (octets 'aead-open "ciphertext" sealed)) (aad (octets 'aead-open "aad" aad))
         (c (aead-cipher 'aead-open name key nonce))
         (null (cffi:null-pointer)))
    (when (< (length sealed) +tag-length+) (fail 'aead-open "ciphertext shorter than the tag"))
    (%err-clear-error)
    (let ((clen (- (length sealed) +tag-length+)))
      (with-cipher-ctx (ctx 'aead-open)
        (with-octets ((k key) (iv nonce) (ct sealed) (a aad))
          (cffi:with-foreign-objects ((out :uint8 (1+ clen)) (n :int))
            (unless (and (= 1 (%evp-decrypt-init-ex ctx c null null null))
                         (= 1 (%evp-cipher-ctx-ctrl ctx +evp-ctrl-aead-set-ivlen+ (length nonce) null))
                         (= 1 (%evp-decrypt-init-ex ctx null null k iv))
                         (or (zerop (length aad)) (= 1 (%evp-decrypt-update ctx null n a (length aad))))
                         (= 1 (%evp-decrypt-update ctx out n ct clen))
                         (= 1 (%evp-cipher-ctx-ctrl ctx +evp-ctrl-aead-set-tag+ +tag-length+
                                                    (cffi:inc-pointer ct clen))))
              (fail 'aead-open "decryption failed"))
            (let ((done (cffi:mem-ref n :int)))
              (unless (= 1 (%evp-decrypt-final-ex ctx (cffi:inc-pointer out done) n))
                (%err-clear-error)
                (error 'authentication-failed :operation 'aead-open))
              (foreign-octets out (+ done (cffi:mem-ref n :int))))))))))

;;; keys

(defmacro with-pkey ((var form) &body body)
  `(let ((,var ,form))
     (unwind-protect (progn ,@body) (%evp-pkey-free ,var))))

(defun raw-of (operation pkey private)
  (cffi:with-foreign-objects ((out :uint8 64) (n :size))
    (setf (cffi:mem-ref n :size) 64)
    (check operation "raw key"
           (funcall (if private #'%evp-pkey-get-raw-private-key #'%evp-pkey-get-raw-public-key) pkey out n))
    (foreign-octets out (cffi:mem-ref n :size))))

(defun raw-key (operation id v private)
  (let ((v (octets operation (if private "private key" "public key") v)))
    (unless (= 32 (length v))
      (fail operation "~:[public~;private~] key must be 32 octets, got ~D" private (length v)))
    (with-octets ((p v))
      (let ((k (funcall (if private #'%evp-pkey-new-raw-private-key #'%evp-pkey-new-raw-public-key)
                        id (cffi:null-pointer) p 32)))
        (when (cffi:null-pointer-p k) (fail operation "not a valid key"))
        k))))

(defun keygen (operation id &optional (setup (constantly t)))
  (%err-clear-error)
  (let ((pctx (%evp-pkey-ctx-new-id id (cffi:null-pointer))))
    (when (cffi:null-pointer-p pctx) (fail operation "EVP_PKEY_CTX_new_id failed"))
    (unwind-protect
         (cffi:with-foreign-object (out :pointer)
           (setf (cffi:mem-ref out :pointer) (cffi:null-pointer)) ; EVP_PKEY_keygen fills a non-NULL *out
           (unless (and (= 1 (%evp-pkey-keygen-init pctx)) (funcall setup pctx)
                        (= 1 (%evp-pkey-keygen pctx out)))
             (fail operation "key generation failed"))
           (cffi:mem-ref out :pointer))
      (%evp-pkey-ctx-free pctx))))

(defun raw-keypair (operation id)
  (with-pkey (k (keygen operation id))
    (values (raw-of operation k t) (raw-of operation k nil))))

(defun raw-public (operation id private)
  (%err-clear-error)
  (with-pkey (k (raw-key operation id private t))
    (raw-of operation k nil)))

(defun x25519-keypair ()
  "A new X25519 key: (values private public), 32 octets each."
  (raw-keypair 'x25519-keypair +evp-pkey-x25519+))

(defun x25519-public (private)
  "The public key of the 32-octet X25519 PRIVATE key."
  (raw-public 'x25519-public +evp-pkey-x25519+ private))

(defun x25519 (private peer-public)
  "The 32-octet RFC 7748 shared secret."
  (%err-clear-error)
  (with-pkey (k (raw-key 'x25519 +evp-pkey-x25519+ private t))
    (with-pkey (p (raw-key 'x25519 +evp-pkey-x25519+ peer-public nil))
      (let ((pctx (%evp-pkey-ctx-new k (cffi:null-pointer))))
        (when (cffi:null-pointer-p pctx) (fail 'x25519 "EVP_PKEY_CTX_new failed"))
        (unwind-protect
             (cffi:with-foreign-objects ((out :uint8 32) (n :size))
               (setf (cffi:mem-ref n :size) 32)
               (unless (and (= 1 (%evp-pkey-derive-init pctx))
                            (= 1 (%evp-pkey-derive-set-peer pctx p))
                            (= 1 (%evp-pkey-derive pctx out n)))
                 (fail 'x25519 "key agreement failed"))
               (foreign-octets out (cffi:mem-ref n :size)))
          (%evp-pkey-ctx-free pctx))))))

(defun digest-sign (operation pkey md msg)
  (let ((mctx (%evp-md-ctx-new)))
    (when (cffi:null-pointer-p mctx) (fail operation "EVP_MD_CTX_new failed"))
    (unwind-protect
         (with-octets ((m msg))
           (cffi:with-foreign-object (n :size)
             (unless (and (= 1 (%evp-digest-sign-init mctx (cffi:null-pointer) md (cffi:null-pointer) pkey))
                          (= 1 (%evp-digest-sign mctx (cffi:null-pointer) n m (length msg))))
               (fail operation "signing failed"))
             (cffi:with-foreign-object (sig :uint8 (cffi:mem-ref n :size))
               (check operation "EVP_DigestSign" (%evp-digest-sign mctx sig n m (length msg)))
               (foreign-octets sig (cffi:mem-ref n :size)))))
      (%evp-md-ctx-free mctx))))

(defun digest-verify (operation pkey md msg sig)
  (let ((mctx (%evp-md-ctx-new)))
    (when (cffi:null-pointer-p mctx) (fail operation "EVP_MD_CTX_new failed"))
    (unwind-protect
         (with-octets ((m msg) (s sig))
           (let ((r (if (= 1 (%evp-digest-verify-init mctx (cffi:null-pointer) md (cffi:null-pointer) pkey))
                        (%evp-digest-verify mctx s (length sig) m (length msg))
                        -1)))
             (case r
               (1 t)
               (0 (%err-clear-error) nil)
               (t (fail operation "verification could not run")))))
      (%evp-md-ctx-free mctx))))

(defun ed25519-keypair ()
  "A new Ed25519 key: (values private public); PRIVATE is the 32-octet seed."
  (raw-keypair 'ed25519-keypair +evp-pkey-ed25519+))

(defun ed25519-public (private)
  "The public key of the 32-octet Ed25519 PRIVATE key (seed)."
  (raw-public 'ed25519-public +evp-pkey-ed25519+ private))

(defun ed25519-sign (private message)
  "The 64-octet RFC 8032 signature of MESSAGE."
  (let ((message (octets 'ed25519-sign "message" message)))
    (%err-clear-error)
    (with-pkey (k (raw-key 'ed25519-sign +evp-pkey-ed25519+ private t))
      (digest-sign 'ed25519-sign k (cffi:null-pointer) message))))

(defun ed25519-verify (public message signature)
  "T if SIGNATURE is PUBLIC's signature of MESSAGE, else NIL."
  (let ((message (octets 'ed25519-verify "message" message))
        (signature (octets 'ed25519-verify "signature" signature)))
    (%err-clear-error)
    (with-pkey (k (raw-key 'ed25519-verify +evp-pkey-ed25519+ public nil))
      (digest-verify 'ed25519-verify k (cffi:null-pointer) message signature))))

;;; ECDSA P-256 with SHA-256: keys in DER (private: SEC1 ECPrivateKey as i2d_PrivateKey
;;; writes it, PKCS#8 read too; public: SubjectPublicKeyInfo), signatures in DER.

(defun der-out (operation fn pkey)
  (let ((n (funcall fn pkey (cffi:null-pointer))))
    (when (<= n 0) (fail operation "DER encoding failed"))
    (cffi:with-foreign-objects ((buf :uint8 n) (pp :pointer))
      (setf (cffi:mem-ref pp :pointer) buf)
      (unless (= n (funcall fn pkey pp)) (fail operation "DER encoding failed"))
      (foreign-octets buf n))))

(defun p256-key (operation der private)
  (let ((der (octets operation (if private "private key" "public key") der)))
    (with-octets ((p der))
      (cffi:with-foreign-object (pp :pointer)
        (setf (cffi:mem-ref pp :pointer) p)
        (let ((k (if private
                     (%d2i-private-key +evp-pkey-ec+ (cffi:null-pointer) pp (length der))
                     (%d2i-pubkey (cffi:null-pointer) pp (length der)))))
          (when (cffi:null-pointer-p k)
            (fail operation "not a DER ~:[public key~;EC private key~]" private))
          (unless (and (= +evp-pkey-ec+ (%evp-pkey-get-base-id k)) (= 256 (%evp-pkey-get-bits k)))
            (%evp-pkey-free k)
            (fail operation "not a P-256 key"))
          k)))))

(defun ecdsa-p256-keypair ()
  "A new P-256 key: (values private-der public-der)."
  (with-pkey (k (keygen 'ecdsa-p256-keypair +evp-pkey-ec+
                        (lambda (c) (= 1 (%evp-pkey-ctx-set-ec-paramgen-curve-nid c +nid-prime256v1+)))))
    (values (der-out 'ecdsa-p256-keypair #'%i2d-private-key k)
            (der-out 'ecdsa-p256-keypair #'%i2d-pubkey k))))

(defun ecdsa-p256-public (private)
  "The DER SubjectPublicKeyInfo of the DER P-256 PRIVATE key."
  (%err-clear-error)
  (with-pkey (k (p256-key 'ecdsa-p256-public private t))
    (der-out 'ecdsa-p256-public #'%i2d-pubkey k)))

(defun ecdsa-p256-sign (private message)
  "A DER signature over SHA-256(MESSAGE)."
  (let ((message (octets 'ecdsa-p256-sign "message" message)))
    (%err-clear-error)
    (with-pkey (k (p256-key 'ecdsa-p256-sign private t))
      (digest-sign 'ecdsa-p256-sign k (%evp-sha256) message))))

(defun ecdsa-p256-verify (public message signature)
  "T if the DER SIGNATURE over SHA-256(MESSAGE) verifies with PUBLIC, else NIL."
  (let ((message (octets 'ecdsa-p256-verify "message" message))
        (signature (octets 'ecdsa-p256-verify "signature" signature)))
    (%err-clear-error)
    (with-pkey (k (p256-key 'ecdsa-p256-verify public nil))
      (digest-verify 'ecdsa-p256-verify k (%evp-sha256) message signature))))

;;; base64 (RFC 4648, standard alphabet, padded, one line)

(defun base64-encode (data)
  "DATA as padded base64 text."
  (let ((data (octets 'base64-encode "data" data)))
    (with-octets ((in data))
      (cffi:with-foreign-object (out :uint8 (1+ (* 4 (ceiling (length data) 3))))
        (let ((n (%evp-encode-block out in (length data))))
          (map 'string #'code-char (foreign-octets out n)))))))

(defun base64-decode (text)
  "The octets of padded base64 TEXT; signals CRYPTO-ERROR for anything else."
  (unless (stringp text) (fail 'base64-decode "text must be a string"))
  (let* ((pad (- (length text) (or (position #\= text :from-end t :test-not #'char=) -1) 1))
         (ok (and (zerop (mod (length text) 4)) (<= pad 2)
                  (every (lambda (c) (or (char<= #\A c #\Z) (char<= #\a c #\z) (char<= #\0 c #\9)
                                         (member c '(#\+ #\/))))
                         (subseq text 0 (- (length text) pad))))))
    (unless ok (fail 'base64-decode "not padded base64"))
    (if (zerop (length text))
        (make-array 0 :element-type '(unsigned-byte 8))
        (with-octets ((in (map 'octets #'char-code text)))
          (cffi:with-foreign-object (out :uint8 (* 3 (floor (length text) 4)))
            (%err-clear-error)
            (let ((n (%evp-decode-block out in (length text))))
              (when (< n 0) (fail 'base64-decode "EVP_DecodeBlock failed"))
              (foreign-octets out (- n pad))))))))
