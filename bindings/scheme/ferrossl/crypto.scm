;;; (ferrossl crypto): hashes, MACs, HKDF, random bytes, AEADs, X25519, Ed25519, ECDSA
;;; P-256 and base64 over libferrossl's OpenSSL entry points (EVP_Digest, HMAC, EVP_PKEY
;;; HKDF, EVP_CIPHER_CTX, EVP_PKEY_derive, EVP_DigestSign/Verify, EVP_EncodeBlock).
;;; Every input and output is a bytevector (base64 text is a string). A wrong argument (a
;;; key of the wrong size, an unknown algorithm, a malformed key) raises a &crypto-error;
;;; `aead-open' answers #f when authentication fails and the verify procedures #t or #f.
(define-module (ferrossl crypto)
  #:use-module (ferrossl ffi)
  #:use-module (system foreign)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 exceptions)
  #:export (digest sha1 sha256 sha384 sha512 hmac hkdf random-bytes
            aead-seal aead-open
            x25519-keypair x25519-public x25519
            ed25519-keypair ed25519-public ed25519-sign ed25519-verify
            ecdsa-p256-keypair ecdsa-p256-public ecdsa-p256-sign ecdsa-p256-verify
            base64-encode base64-decode
            &crypto-error crypto-error? crypto-error-queue))

(define &crypto-error (make-exception-type '&crypto-error &error '(queue)))
(define make-crypto-error (record-constructor &crypto-error))
(define crypto-error? (exception-predicate &crypto-error))
(define crypto-error-queue (exception-accessor &crypto-error (record-accessor &crypto-error 'queue)))

;; fail WHO WHAT: raises a &crypto-error whose message ends with the library's queue
(define (fail who what)
  (let ((queue (drain-queue)))
    (raise-exception
     (make-exception (make-crypto-error queue)
                     (make-exception-with-origin who)
                     (make-exception-with-message
                      (if (null? queue) what (string-append what ": " (string-join queue "; "))))
                     (make-exception-with-irritants '())))))

(define (check who what r) (unless (eqv? r 1) (fail who what)) r)

(define (bv who name v)
  (unless (bytevector? v) (fail who (string-append name " must be a bytevector")))
  v)

(define (ptr v) (bytevector->pointer v))
(define (len v) (bytevector-length v))
(define (size-box n) (let ((b (make-bytevector 8 0))) (bytevector-u64-native-set! b 0 n) b))
(define (size-ref b) (bytevector-u64-native-ref b 0))
(define (sub v n) (let ((o (make-bytevector n))) (bytevector-copy! v 0 o 0 n) o))

;;; digests and MACs

(define digest-names '(sha1 sha224 sha256 sha384 sha512 md5))

(define (md who name)
  (let ((n (if (string? name) (string->symbol (string-downcase name)) name)))
    (unless (memq n digest-names) (fail who (format #f "unknown digest ~s" name)))
    (let ((p (EVP_get_digestbyname (string->pointer (symbol->string n)))))
      (when (null-pointer? p) (fail who "EVP_get_digestbyname"))
      p)))

(define (digest name data)
  "DIGEST of the bytevector DATA; NAME is one of sha1 sha224 sha256 sha384 sha512 md5."
  (let ((m (md 'digest name)) (out (make-bytevector 64)) (n (make-bytevector 4 0)))
    (bv 'digest "data" data)
    (ERR_clear_error)
    (check 'digest "EVP_Digest" (EVP_Digest (ptr data) (len data) (ptr out) (ptr n) m %null-pointer))
    (sub out (bytevector-u32-native-ref n 0))))

(define (sha1 data) (digest 'sha1 data))
(define (sha256 data) (digest 'sha256 data))
(define (sha384 data) (digest 'sha384 data))
(define (sha512 data) (digest 'sha512 data))

(define (hmac name key data)
  "HMAC with digest NAME of DATA under KEY."
  (let ((m (md 'hmac name)) (out (make-bytevector 64)) (n (make-bytevector 4 0)))
    (bv 'hmac "key" key) (bv 'hmac "data" data)
    (ERR_clear_error)
    (when (null-pointer? (HMAC m (ptr key) (len key) (ptr data) (len data) (ptr out) (ptr n)))
      (fail 'hmac "HMAC"))
    (sub out (bytevector-u32-native-ref n 0))))

(define (hkdf name ikm salt info length)
  "RFC 5869 HKDF (extract then expand) with digest NAME: LENGTH bytes."
  (let ((m (md 'hkdf name)))
    (bv 'hkdf "ikm" ikm) (bv 'hkdf "salt" salt) (bv 'hkdf "info" info)
    (unless (and (exact-integer? length) (<= 1 length (* 255 (EVP_MD_get_size m))))
      (fail 'hkdf "length must be 1 .. 255 * the digest size"))
    (ERR_clear_error)
    (let ((pctx (EVP_PKEY_CTX_new_id EVP_PKEY_HKDF %null-pointer)))
      (when (null-pointer? pctx) (fail 'hkdf "EVP_PKEY_CTX_new_id(HKDF)"))
      (let* ((out (make-bytevector length)) (n (size-box length))
             (ok (and (= 1 (EVP_PKEY_derive_init pctx))
                      (= 1 (EVP_PKEY_CTX_set_hkdf_md pctx m))
                      (= 1 (EVP_PKEY_CTX_set1_hkdf_salt pctx (ptr salt) (len salt)))
                      (= 1 (EVP_PKEY_CTX_set1_hkdf_key pctx (ptr ikm) (len ikm)))
                      (= 1 (EVP_PKEY_CTX_add1_hkdf_info pctx (ptr info) (len info)))
                      (= 1 (EVP_PKEY_derive pctx (ptr out) (ptr n))))))
        (EVP_PKEY_CTX_free pctx)
        (unless ok (fail 'hkdf "HKDF"))
        (sub out (size-ref n))))))

(define (random-bytes n)
  "N bytes from RAND_bytes."
  (unless (and (exact-integer? n) (>= n 0)) (fail 'random-bytes "n must be a count"))
  (let ((out (make-bytevector n)))
    (unless (zero? n)
      (ERR_clear_error)
      (check 'random-bytes "RAND_bytes" (RAND_bytes (ptr out) n)))
    out))

;;; AEADs: ciphertext || 16-byte tag

(define tag-length 16)

(define (aead-cipher who name key nonce aad)
  (let* ((n (if (string? name) (string->symbol (string-downcase name)) name))
         (c (case n
              ((aes-128-gcm) (EVP_aes_128_gcm))
              ((aes-192-gcm) (EVP_aes_192_gcm))
              ((aes-256-gcm) (EVP_aes_256_gcm))
              ((chacha20-poly1305) (EVP_chacha20_poly1305))
              (else (fail who (format #f "unknown AEAD ~s" name))))))
    (bv who "key" key) (bv who "nonce" nonce) (bv who "aad" aad)
    ;; EVP_*Init_ex reads the cipher's key length from `key': a shorter one is refused here
    (unless (= (len key) (EVP_CIPHER_get_key_length c))
      (fail who (format #f "key must be ~a bytes, got ~a" (EVP_CIPHER_get_key_length c) (len key))))
    (when (zero? (len nonce)) (fail who "empty nonce"))
    c))

(define (with-cipher-ctx who f)
  (let ((ctx (EVP_CIPHER_CTX_new)))
    (when (null-pointer? ctx) (fail who "EVP_CIPHER_CTX_new"))
    (let ((r (f ctx)))
      (EVP_CIPHER_CTX_free ctx)
      r)))

(define* (aead-seal name key nonce plaintext #:optional (aad #vu8()))
  "Encrypts PLAINTEXT with NAME (aes-128-gcm aes-192-gcm aes-256-gcm chacha20-poly1305):
the ciphertext followed by the 16-byte tag."
  (let ((c (aead-cipher 'aead-seal name key nonce aad)))
    (bv 'aead-seal "plaintext" plaintext)
    (ERR_clear_error)
    (let* ((out (make-bytevector (+ (len plaintext) tag-length)))
           (n (make-bytevector 4 0))
           (n-ref (lambda () (bytevector-s32-native-ref n 0)))
           (total
            (with-cipher-ctx 'aead-seal
              (lambda (ctx)
                (and (= 1 (EVP_EncryptInit_ex ctx c %null-pointer %null-pointer %null-pointer))
                     (= 1 (EVP_CIPHER_CTX_ctrl ctx EVP_CTRL_AEAD_SET_IVLEN (len nonce) %null-pointer))
                     (= 1 (EVP_EncryptInit_ex ctx %null-pointer %null-pointer (ptr key) (ptr nonce)))
                     (or (zero? (len aad))
                         (= 1 (EVP_EncryptUpdate ctx %null-pointer (ptr n) (ptr aad) (len aad))))
                     (= 1 (EVP_EncryptUpdate ctx (ptr out) (ptr n) (ptr plaintext) (len plaintext)))
                     (let ((done (n-ref)))
                       (and (= 1 (EVP_EncryptFinal_ex ctx (make-pointer (+ (pointer-address (ptr out)) done)) (ptr n)))
                            (let ((done (+ done (n-ref))))
                              (and (= 1 (EVP_CIPHER_CTX_ctrl ctx EVP_CTRL_AEAD_GET_TAG tag-length
                                                             (make-pointer (+ (pointer-address (ptr out)) done))))
                                   (+ done tag-length))))))))))
      (unless total (fail 'aead-seal "seal"))
      (sub out total))))

(define* (aead-open name key nonce sealed #:optional (aad #vu8()))
  "Decrypts SEALED (ciphertext || tag): the plaintext, or #f when authentication fails."
  (let ((c (aead-cipher 'aead-open name key nonce aad)))
    (bv 'aead-open "ciphertext" sealed)
    (when (< (len sealed) tag-length) (fail 'aead-open "ciphertext shorter than the tag"))
    (ERR_clear_error)
    (let* ((clen (- (len sealed) tag-length))
           (tag (make-bytevector tag-length))
           (out (make-bytevector (+ clen 1)))
           (n (make-bytevector 4 0))
           (n-ref (lambda () (bytevector-s32-native-ref n 0))))
      (bytevector-copy! sealed clen tag 0 tag-length)
      (let ((r (with-cipher-ctx 'aead-open
                 (lambda (ctx)
                   (if (and (= 1 (EVP_DecryptInit_ex ctx c %null-pointer %null-pointer %null-pointer))
                            (= 1 (EVP_CIPHER_CTX_ctrl ctx EVP_CTRL_AEAD_SET_IVLEN (len nonce) %null-pointer))
                            (= 1 (EVP_DecryptInit_ex ctx %null-pointer %null-pointer (ptr key) (ptr nonce)))
                            (or (zero? (len aad))
                                (= 1 (EVP_DecryptUpdate ctx %null-pointer (ptr n) (ptr aad) (len aad))))
                            (= 1 (EVP_DecryptUpdate ctx (ptr out) (ptr n) (ptr sealed) clen))
                            (= 1 (EVP_CIPHER_CTX_ctrl ctx EVP_CTRL_AEAD_SET_TAG tag-length (ptr tag))))
                       (let ((done (n-ref)))
                         (if (= 1 (EVP_DecryptFinal_ex ctx (make-pointer (+ (pointer-address (ptr out)) done)) (ptr n)))
                             (+ done (n-ref))
                             'bad-tag))
                       'error)))))
        (cond ((eq? r 'error) (fail 'aead-open "open"))
              ((eq? r 'bad-tag) (ERR_clear_error) #f)
              (else (sub out r)))))))

;;; keys

(define (free-pkey p) (EVP_PKEY_free p))

(define (raw-of who p private?)
  (let ((out (make-bytevector 64)) (n (size-box 64)))
    (check who "raw key" ((if private? EVP_PKEY_get_raw_private_key EVP_PKEY_get_raw_public_key)
                          p (ptr out) (ptr n)))
    (sub out (size-ref n))))

(define (raw-key who id v private?)
  (bv who (if private? "private key" "public key") v)
  (unless (= 32 (len v))
    (fail who (format #f "~a must be 32 bytes, got ~a" (if private? "private key" "public key") (len v))))
  (let ((p ((if private? EVP_PKEY_new_raw_private_key EVP_PKEY_new_raw_public_key)
            id %null-pointer (ptr v) (len v))))
    (when (null-pointer? p) (fail who "raw key"))
    p))

(define (keygen who id setup)
  (ERR_clear_error)
  (let ((pctx (EVP_PKEY_CTX_new_id id %null-pointer))
        (out (make-bytevector 8 0)))
    (when (null-pointer? pctx) (fail who "EVP_PKEY_CTX_new_id"))
    (let ((ok (and (= 1 (EVP_PKEY_keygen_init pctx)) (setup pctx)
                   (= 1 (EVP_PKEY_keygen pctx (ptr out))))))
      (EVP_PKEY_CTX_free pctx)
      (unless ok (fail who "keygen"))
      (make-pointer (bytevector-u64-native-ref out 0)))))

(define (raw-keypair who id)
  (let* ((p (keygen who id (lambda (c) #t)))
         (priv (raw-of who p #t))
         (pub (raw-of who p #f)))
    (free-pkey p)
    (values priv pub)))

(define (raw-public who id priv)
  (ERR_clear_error)
  (let* ((p (raw-key who id priv #t))
         (pub (raw-of who p #f)))
    (free-pkey p)
    pub))

(define (x25519-keypair)
  "A new X25519 key: (values private public), 32 bytes each."
  (raw-keypair 'x25519-keypair EVP_PKEY_X25519))

(define (x25519-public private) (raw-public 'x25519-public EVP_PKEY_X25519 private))

(define (x25519 private peer-public)
  "The 32-byte RFC 7748 shared secret."
  (ERR_clear_error)
  (let* ((k (raw-key 'x25519 EVP_PKEY_X25519 private #t))
         (p (with-exception-handler
                (lambda (e) (free-pkey k) (raise-exception e))
              (lambda () (raw-key 'x25519 EVP_PKEY_X25519 peer-public #f))))
         (pctx (EVP_PKEY_CTX_new k %null-pointer))
         (out (make-bytevector 32)) (n (size-box 32))
         (ok (and (not (null-pointer? pctx))
                  (= 1 (EVP_PKEY_derive_init pctx))
                  (= 1 (EVP_PKEY_derive_set_peer pctx p))
                  (= 1 (EVP_PKEY_derive pctx (ptr out) (ptr n))))))
    (unless (null-pointer? pctx) (EVP_PKEY_CTX_free pctx))
    (free-pkey p) (free-pkey k)
    (unless ok (fail 'x25519 "derive"))
    (sub out (size-ref n))))

;; one-shot EVP_DigestSign / EVP_DigestVerify (MD null for Ed25519)
(define (digest-sign who p m msg)
  (let ((mctx (EVP_MD_CTX_new)) (n (size-box 0)))
    (when (null-pointer? mctx) (fail who "EVP_MD_CTX_new"))
    (let* ((ok (and (= 1 (EVP_DigestSignInit mctx %null-pointer m %null-pointer p))
                    (= 1 (EVP_DigestSign mctx %null-pointer (ptr n) (ptr msg) (len msg)))))
           (out (and ok (make-bytevector (size-ref n))))
           (ok (and ok (= 1 (EVP_DigestSign mctx (ptr out) (ptr n) (ptr msg) (len msg))))))
      (EVP_MD_CTX_free mctx)
      (unless ok (fail who "sign"))
      (sub out (size-ref n)))))

(define (digest-verify who p m msg sig)
  (let ((mctx (EVP_MD_CTX_new)))
    (when (null-pointer? mctx) (fail who "EVP_MD_CTX_new"))
    (let ((r (if (= 1 (EVP_DigestVerifyInit mctx %null-pointer m %null-pointer p))
                 (EVP_DigestVerify mctx (ptr sig) (len sig) (ptr msg) (len msg))
                 -1)))
      (EVP_MD_CTX_free mctx)
      (cond ((= r 1) #t)
            ((= r 0) (ERR_clear_error) #f)
            (else (fail who "verify"))))))

(define (with-key who p f)
  "(F P), then frees P, also when F raises."
  (let ((r (with-exception-handler
               (lambda (e) (free-pkey p) (raise-exception e))
             (lambda () (f p)))))
    (free-pkey p)
    r))

(define (ed25519-keypair)
  "A new Ed25519 key: (values private public); the private key is the 32-byte seed."
  (raw-keypair 'ed25519-keypair EVP_PKEY_ED25519))

(define (ed25519-public private) (raw-public 'ed25519-public EVP_PKEY_ED25519 private))

(define (ed25519-sign private msg)
  "The 64-byte RFC 8032 signature of MSG."
  (bv 'ed25519-sign "message" msg)
  (ERR_clear_error)
  (with-key 'ed25519-sign (raw-key 'ed25519-sign EVP_PKEY_ED25519 private #t)
            (lambda (p) (digest-sign 'ed25519-sign p %null-pointer msg))))

(define (ed25519-verify public msg sig)
  "#t if SIG is PUBLIC's signature of MSG, else #f."
  (bv 'ed25519-verify "message" msg) (bv 'ed25519-verify "signature" sig)
  (ERR_clear_error)
  (with-key 'ed25519-verify (raw-key 'ed25519-verify EVP_PKEY_ED25519 public #f)
            (lambda (p) (digest-verify 'ed25519-verify p %null-pointer msg sig))))

;;; ECDSA P-256 with SHA-256: keys in DER (private: SEC1 ECPrivateKey as i2d_PrivateKey
;;; writes it, PKCS#8 read too; public: SubjectPublicKeyInfo), signatures in DER.

(define (der-out who f p)
  (let ((n (f p %null-pointer)))
    (when (<= n 0) (fail who "DER"))
    (let* ((out (make-bytevector n))
           (pp (make-bytevector 8 0)))
      (bytevector-u64-native-set! pp 0 (pointer-address (ptr out)))
      (unless (= n (f p (ptr pp))) (fail who "DER"))
      out)))

(define (p256-key who der private?)
  (bv who (if private? "private key" "public key") der)
  (let ((pp (make-bytevector 8 0)))
    (bytevector-u64-native-set! pp 0 (pointer-address (ptr der)))
    (let ((p (if private?
                 (d2i_PrivateKey EVP_PKEY_EC %null-pointer (ptr pp) (len der))
                 (d2i_PUBKEY %null-pointer (ptr pp) (len der)))))
      (when (null-pointer? p)
        (fail who (if private? "not a DER EC private key" "not a DER public key")))
      (unless (and (= EVP_PKEY_EC (EVP_PKEY_get_base_id p)) (= 256 (EVP_PKEY_get_bits p)))
        (free-pkey p)
        (fail who "not a P-256 key"))
      p)))

(define (ecdsa-p256-keypair)
  "A new P-256 key: (values private-der public-der)."
  (let* ((p (keygen 'ecdsa-p256-keypair EVP_PKEY_EC
                    (lambda (c) (= 1 (EVP_PKEY_CTX_set_ec_paramgen_curve_nid c NID_X9_62_prime256v1)))))
         (r (with-key 'ecdsa-p256-keypair p
                      (lambda (p) (cons (der-out 'ecdsa-p256-keypair i2d_PrivateKey p)
                                        (der-out 'ecdsa-p256-keypair i2d_PUBKEY p))))))
    (values (car r) (cdr r))))

(define (ecdsa-p256-public private)
  "The DER SubjectPublicKeyInfo of a DER private key."
  (ERR_clear_error)
  (with-key 'ecdsa-p256-public (p256-key 'ecdsa-p256-public private #t)
            (lambda (p) (der-out 'ecdsa-p256-public i2d_PUBKEY p))))

(define (ecdsa-p256-sign private msg)
  "A DER signature over SHA-256(MSG)."
  (bv 'ecdsa-p256-sign "message" msg)
  (ERR_clear_error)
  (with-key 'ecdsa-p256-sign (p256-key 'ecdsa-p256-sign private #t)
            (lambda (p) (digest-sign 'ecdsa-p256-sign p (EVP_sha256) msg))))

(define (ecdsa-p256-verify public msg sig)
  "#t if the DER signature SIG over SHA-256(MSG) verifies with PUBLIC, else #f."
  (bv 'ecdsa-p256-verify "message" msg) (bv 'ecdsa-p256-verify "signature" sig)
  (ERR_clear_error)
  (with-key 'ecdsa-p256-verify (p256-key 'ecdsa-p256-verify public #f)
            (lambda (p) (digest-verify 'ecdsa-p256-verify p (EVP_sha256) msg sig))))

;;; base64 (RFC 4648, standard alphabet, padded, one line)

(define (base64-encode data)
  "DATA as padded base64 text."
  (bv 'base64-encode "data" data)
  (let* ((out (make-bytevector (+ 1 (* 4 (quotient (+ (len data) 2) 3)))))
         (n (EVP_EncodeBlock (ptr out) (ptr data) (len data))))
    (utf8->string (sub out n))))

(define (base64-decode text)
  "The bytes of padded base64 TEXT; raises &crypto-error on anything else."
  (unless (string? text) (fail 'base64-decode "text must be a string"))
  (let ((ok-char? (lambda (c) (or (char-alphabetic? c) (char-numeric? c) (memv c '(#\+ #\/ #\=)))))
        (pad (let loop ((i (string-length text)) (k 0))
               (if (and (> i 0) (char=? (string-ref text (- i 1)) #\=)) (loop (- i 1) (+ k 1)) k))))
    (unless (and (zero? (remainder (string-length text) 4))
                 (string-every (lambda (c) (and (char<? c #\x80) (ok-char? c))) text)
                 (<= pad 2)
                 (not (string-index (substring text 0 (- (string-length text) pad)) #\=)))
      (fail 'base64-decode "not padded base64"))
    (if (string-null? text)
        #vu8()
        (let* ((in (string->utf8 text))
               (out (make-bytevector (* 3 (quotient (len in) 4))))
               (n (begin (ERR_clear_error) (EVP_DecodeBlock (ptr out) (ptr in) (len in)))))
          (when (< n 0) (fail 'base64-decode "EVP_DecodeBlock"))
          (sub out (- n pad))))))
