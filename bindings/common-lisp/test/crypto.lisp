;;;; crypto.lisp (ferrossl only) -- ferrossl's crypto functions against published vectors
;;;; (FIPS 180 / NIST, RFC 4231, RFC 5869, the GCM spec's test cases, RFC 8439, RFC 7748,
;;;; RFC 8032, RFC 6979, RFC 4648), plus bad input: a CRYPTO-ERROR (AUTHENTICATION-FAILED
;;;; for a tampered AEAD message) or NIL from a verify function, never a crash.

(in-package #:ferrossl-test)

(defun hex (v) (format nil "~(~{~2,'0X~}~)" (coerce v 'list)))
(defun unhex (s)
  (let ((s (remove-if (lambda (c) (member c '(#\Space #\Newline))) s)))
    (coerce (loop for i from 0 below (length s) by 2 collect (parse-integer s :start i :end (+ i 2) :radix 16))
            '(simple-array (unsigned-byte 8) (*)))))
(defun u8 (s) (coerce (map 'list #'char-code s) '(simple-array (unsigned-byte 8) (*))))
(defun rep (b n) (make-array n :element-type '(unsigned-byte 8) :initial-element b))
(defun flip (v i) (let ((c (copy-seq v))) (setf (aref c i) (logxor 1 (aref c i))) c))
(defun cat (&rest vs) (coerce (apply #'concatenate 'list vs) '(simple-array (unsigned-byte 8) (*))))
(defmacro expect (condition &body body)
  "T when BODY signals CONDITION (with a printable report)."
  `(handler-case (progn ,@body nil)
     (,condition (c) (plusp (length (princ-to-string c))))))
(defmacro all-true (&rest clauses)
  "(all-true (name form) ...): T, or NIL and the names of the false forms."
  `(let ((bad (remove nil (list ,@(loop for (name form) in clauses collect `(unless ,form ,name))))))
     (values (null bad) (format nil "false: ~{~A~^, ~}" bad))))

(check "sha1/256/384/512 (FIPS 180-2 examples)"
  (all-true
   ("sha1" (string= (hex (ferrossl:sha1 (u8 "abc"))) "a9993e364706816aba3e25717850c26c9cd0d89d"))
   ("sha256" (string= (hex (ferrossl:sha256 (u8 "abc")))
                      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
   ("sha384" (string= (hex (ferrossl:sha384 (u8 "abc")))
                      (concatenate 'string "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                                   "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")))
   ("sha512" (string= (hex (ferrossl:sha512 (u8 "abc")))
                      (concatenate 'string "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")))
   ("sha256 448 bits" (string= (hex (ferrossl:sha256 (u8 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
                               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"))
   ("sha256 empty" (string= (hex (ferrossl:sha256 #()))
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))))

(check "HMAC (RFC 4231 test cases 1 and 2)"
  (all-true
   ("case 1 sha256" (string= (hex (ferrossl:hmac :sha256 (rep 11 20) (u8 "Hi There")))
                             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"))
   ("case 1 sha512" (string= (hex (ferrossl:hmac :sha512 (rep 11 20) (u8 "Hi There")))
                             (concatenate 'string "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                                          "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")))
   ("case 2" (string= (hex (ferrossl:hmac :sha256 (u8 "Jefe") (u8 "what do ya want for nothing?")))
                      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))))

(check "HKDF-SHA-256 (RFC 5869 test cases 1 and 3)"
  (all-true
   ("case 1" (string= (hex (ferrossl:hkdf :sha256 (rep 11 22) (unhex "000102030405060708090a0b0c")
                                          (unhex "f0f1f2f3f4f5f6f7f8f9") 42))
                      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
   ("case 3" (string= (hex (ferrossl:hkdf :sha256 (rep 11 22) #() #() 42))
                      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"))
   ("too long" (expect ferrossl:crypto-error (ferrossl:hkdf :sha256 (rep 11 22) #() #() (1+ (* 255 32)))))))

(check "random-bytes"
  (all-true
   ("length" (= 32 (length (ferrossl:random-bytes 32))))
   ("two draws differ" (not (equalp (ferrossl:random-bytes 32) (ferrossl:random-bytes 32))))
   ("zero" (= 0 (length (ferrossl:random-bytes 0))))
   ("negative" (expect ferrossl:crypto-error (ferrossl:random-bytes -1)))))

(check "AES-128-GCM (GCM spec test cases 2 and 4)"
  (let* ((key (unhex "feffe9928665731c6d6a8f9467308308")) (iv (unhex "cafebabefacedbaddecaf888"))
         (pt (unhex "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72
                     1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"))
         (aad (unhex "feedfacedeadbeeffeedfacedeadbeefabaddad2"))
         (ct (ferrossl:aead-seal :aes-128-gcm key iv pt aad)))
    (all-true
     ("case 2" (string= (hex (ferrossl:aead-seal :aes-128-gcm (rep 0 16) (rep 0 12) (rep 0 16)))
                        "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"))
     ("case 4" (string= (hex ct) (concatenate 'string "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                              "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                                              "5bc94fbc3221a5db94fae95ae7121a47")))
     ("case 4 opens" (equalp pt (ferrossl:aead-open :aes-128-gcm key iv ct aad))))))

(defparameter *key* (unhex "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"))
(defparameter *nonce* (unhex "070000004041424344454647"))
(defparameter *aad* (unhex "50515253c0c1c2c3c4c5c6c7"))
(defparameter *pt* (u8 "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."))
(defparameter *ct* (unhex "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b
  1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3f
  f4def08e4b7a9de576d26586cec64b6116 1ae10b594f09e26a7e902ecbd0600691"))

(check "ChaCha20-Poly1305 (RFC 8439 section 2.8.2)"
  (all-true
   ("seal" (equalp *ct* (ferrossl:aead-seal :chacha20-poly1305 *key* *nonce* *pt* *aad*)))
   ("open" (equalp *pt* (ferrossl:aead-open "chacha20-poly1305" *key* *nonce* *ct* *aad*)))))

(check "AEAD: tampering signals authentication-failed, bad arguments crypto-error"
  (let ((n (length *ct*)))
    (all-true
     ("tag" (expect ferrossl:authentication-failed
              (ferrossl:aead-open :chacha20-poly1305 *key* *nonce* (flip *ct* (1- n)) *aad*)))
     ("ciphertext" (expect ferrossl:authentication-failed
                     (ferrossl:aead-open :chacha20-poly1305 *key* *nonce* (flip *ct* 0) *aad*)))
     ("aad" (expect ferrossl:authentication-failed
              (ferrossl:aead-open :chacha20-poly1305 *key* *nonce* *ct* (flip *aad* 0))))
     ("aes-256-gcm round trip" (equalp (u8 "x") (ferrossl:aead-open :aes-256-gcm *key* *nonce*
                                                                    (ferrossl:aead-seal :aes-256-gcm *key* *nonce* (u8 "x")))))
     ("wrong key size" (expect ferrossl:crypto-error (ferrossl:aead-seal :aes-128-gcm *key* *nonce* (u8 "x"))))
     ("shorter than a tag" (expect ferrossl:crypto-error (ferrossl:aead-open :aes-128-gcm (rep 0 16) *nonce* (u8 "abc"))))
     ("unknown AEAD" (expect ferrossl:crypto-error (ferrossl:aead-seal :aes-128-cbc (rep 0 16) *nonce* (u8 "x"))))
     ("not octets" (expect ferrossl:crypto-error (ferrossl:aead-seal :aes-128-gcm (rep 0 16) *nonce* "text"))))))

(check "X25519 (RFC 7748 section 6.1)"
  (let* ((a (unhex "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
         (b (unhex "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
         (apub (ferrossl:x25519-public a)) (bpub (ferrossl:x25519-public b))
         (k "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"))
    (multiple-value-bind (p1 q1) (ferrossl:x25519-keypair)
      (multiple-value-bind (p2 q2) (ferrossl:x25519-keypair)
        (all-true
         ("Alice's public key" (string= (hex apub) "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
         ("Bob's public key" (string= (hex bpub) "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
         ("Alice's secret" (string= (hex (ferrossl:x25519 a bpub)) k))
         ("Bob's secret" (string= (hex (ferrossl:x25519 b apub)) k))
         ("generated public" (equalp q1 (ferrossl:x25519-public p1)))
         ("generated pair agrees" (equalp (ferrossl:x25519 p1 q2) (ferrossl:x25519 p2 q1)))
         ("31-octet peer" (expect ferrossl:crypto-error (ferrossl:x25519 a (subseq bpub 1))))
         ("all-zero peer" (expect ferrossl:crypto-error (ferrossl:x25519 a (rep 0 32)))))))))

(check "Ed25519 (RFC 8032 section 7.1 tests 1 and 2)"
  (let* ((sk1 (unhex "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
         (pk1 (ferrossl:ed25519-public sk1))
         (sig1 (ferrossl:ed25519-sign sk1 #()))
         (sk2 (unhex "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))
         (pk2 (ferrossl:ed25519-public sk2))
         (sig2 (ferrossl:ed25519-sign sk2 #(#x72))))
    (multiple-value-bind (sk pk) (ferrossl:ed25519-keypair)
      (all-true
       ("test 1 public" (string= (hex pk1) "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
       ("test 1 signature" (string= (hex sig1) (concatenate 'string "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                                            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")))
       ("test 1 verifies" (eq t (ferrossl:ed25519-verify pk1 #() sig1)))
       ("test 2 public" (string= (hex pk2) "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
       ("test 2 signature" (string= (hex sig2) (concatenate 'string "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                                            "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")))
       ("test 2 verifies" (eq t (ferrossl:ed25519-verify pk2 #(#x72) sig2)))
       ("other message refused" (null (ferrossl:ed25519-verify pk2 #(#x73) sig2)))
       ("other key refused" (null (ferrossl:ed25519-verify pk1 #(#x72) sig2)))
       ("generated round trip" (ferrossl:ed25519-verify pk (u8 "m") (ferrossl:ed25519-sign sk (u8 "m"))))
       ("31-octet private key" (expect ferrossl:crypto-error (ferrossl:ed25519-sign (subseq sk1 1) (u8 "x"))))
       ("33-octet public key" (expect ferrossl:crypto-error (ferrossl:ed25519-verify (cat pk1 #(0)) #() sig1)))))))

;; RFC 6979 A.2.5's P-256 key in DER: SubjectPublicKeyInfo (the fixed id-ecPublicKey /
;; prime256v1 header, then 04 || Ux || Uy) and SEC1 ECPrivateKey (version 1, x, the curve
;; OID; the public key left out, to be computed); its SHA-256 signature of "sample" (r, s)
;; as a DER ECDSA-Sig-Value.
(defparameter *p256-spki* (unhex "3059301306072a8648ce3d020106082a8648ce3d030107034200
  0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6
  7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"))
(defparameter *p256-sec1* (unhex "30310201010420
  c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721 a00a06082a8648ce3d030107"))
(defparameter *p256-sig* (unhex "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716
  022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"))

(check "ECDSA P-256 (RFC 6979 A.2.5): the published signature verifies, tampering does not"
  (all-true
   ("published signature" (eq t (ferrossl:ecdsa-p256-verify *p256-spki* (u8 "sample") *p256-sig*)))
   ("tampered message" (null (ferrossl:ecdsa-p256-verify *p256-spki* (u8 "samplE") *p256-sig*)))
   ("tampered signature" (null (ferrossl:ecdsa-p256-verify *p256-spki* (u8 "sample") (flip *p256-sig* 70))))
   ("the private key's public half" (equalp *p256-spki* (ferrossl:ecdsa-p256-public *p256-sec1*)))
   ("our signature, the RFC key" (ferrossl:ecdsa-p256-verify *p256-spki* (u8 "sample")
                                                             (ferrossl:ecdsa-p256-sign *p256-sec1* (u8 "sample"))))))

(check "ECDSA P-256: generated key round trip and bad keys"
  (multiple-value-bind (sk pk) (ferrossl:ecdsa-p256-keypair)
    (let ((sig (ferrossl:ecdsa-p256-sign sk (u8 "hello"))))
      (all-true
       ("round trip" (eq t (ferrossl:ecdsa-p256-verify pk (u8 "hello") sig)))
       ("tampered message" (null (ferrossl:ecdsa-p256-verify pk (u8 "hellp") sig)))
       ("other key" (null (ferrossl:ecdsa-p256-verify *p256-spki* (u8 "hello") sig)))
       ("garbage private key" (expect ferrossl:crypto-error (ferrossl:ecdsa-p256-sign (u8 "not a key") (u8 "x"))))
       ("garbage public key" (expect ferrossl:crypto-error (ferrossl:ecdsa-p256-verify (u8 "not a key") (u8 "x") sig)))))))

(check "base64 (RFC 4648 section 10) and bad input"
  (let ((all (coerce (loop for i below 256 collect i) '(simple-array (unsigned-byte 8) (*)))))
    (all-true
     ("encode" (every (lambda (v) (string= (ferrossl:base64-encode (u8 (car v))) (cdr v)))
                      '(("" . "") ("f" . "Zg==") ("fo" . "Zm8=") ("foo" . "Zm9v") ("foob" . "Zm9vYg==")
                        ("fooba" . "Zm9vYmE=") ("foobar" . "Zm9vYmFy"))))
     ("decode" (every (lambda (v) (equalp (ferrossl:base64-decode (cdr v)) (u8 (car v))))
                      '(("" . "") ("f" . "Zg==") ("fo" . "Zm8=") ("foo" . "Zm9v") ("foob" . "Zm9vYg==")
                        ("fooba" . "Zm9vYmE=") ("foobar" . "Zm9vYmFy"))))
     ("all octets" (equalp all (ferrossl:base64-decode (ferrossl:base64-encode all))))
     ("not base64" (expect ferrossl:crypto-error (ferrossl:base64-decode "Zm9v!A==")))
     ("bad length" (expect ferrossl:crypto-error (ferrossl:base64-decode "Zm9"))))))

(check "bad arguments signal crypto-error"
  (all-true
   ("unknown digest" (expect ferrossl:crypto-error (ferrossl:digest :sha3-999 (u8 "x"))))
   ("a string, not octets" (expect ferrossl:crypto-error (ferrossl:sha256 "abc")))))

(check "README's crypto example runs as written"
  (let* ((text (uiop:read-file-string (merge-pathnames "../README.md" *here*)))
         (section (search "## Crypto primitives" text))
         (start (+ (search (format nil "```lisp~%") text :start2 section) 8))
         (end (search "```" text :start2 start))
         (value (eval (read-from-string (subseq text start end)))))
    (values (equal value "hello") value)))
