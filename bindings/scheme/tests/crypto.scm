;;; (ferrossl crypto) against published vectors (FIPS 180 / NIST, RFC 4231, RFC 5869, the
;;; GCM spec's test cases, RFC 8439, RFC 7748, RFC 8032, RFC 6979, RFC 4648), plus bad
;;; input: a &crypto-error, #f from aead-open and the verify procedures, never a crash.
(use-modules (harness) (ferrossl crypto) (rnrs bytevectors) (ice-9 exceptions) (ice-9 regex))

(define (hex bv)
  (string-concatenate (map (lambda (b) (string-pad (number->string b 16) 2 #\0)) (bytevector->u8-list bv))))
(define (unhex s)
  (let ((s (string-delete char-whitespace? s)))
    (u8-list->bytevector
     (let loop ((i 0) (acc '()))
       (if (>= i (string-length s)) (reverse acc)
           (loop (+ i 2) (cons (string->number (substring s i (+ i 2)) 16) acc)))))))
(define (u8 s) (string->utf8 s))
(define (rep byte n) (make-bytevector n byte))
(define (flip bv i)
  (let ((c (bytevector-copy bv)))
    (bytevector-u8-set! c i (logxor 1 (bytevector-u8-ref c i)))
    c))
(define (bv-append . bvs) (u8-list->bytevector (apply append (map bytevector->u8-list bvs))))
(define (sub-bv bv start)
  (let* ((n (- (bytevector-length bv) start)) (o (make-bytevector n)))
    (bytevector-copy! bv start o 0 n)
    o))

;; raises? THUNK: #t when THUNK raises a &crypto-error with a message
(define (raises? thunk)
  (guard (e ((crypto-error? e) (string? (exception-message e))))
    (thunk)
    #f))

(test "sha1/256/384/512 (FIPS 180-2 examples)"
  (lambda ()
    (check-equal "sha1" "a9993e364706816aba3e25717850c26c9cd0d89d" (hex (sha1 (u8 "abc"))))
    (check-equal "sha256" "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" (hex (sha256 (u8 "abc"))))
    (check-equal "sha384" (string-append "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                                         "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
                 (hex (sha384 (u8 "abc"))))
    (check-equal "sha512" (string-append "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
                 (hex (sha512 (u8 "abc"))))
    (check-equal "sha256 448 bits" "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
                 (hex (sha256 (u8 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
    (check-equal "sha256 empty" "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" (hex (sha256 #vu8())))
    (check-equal "digest by name" (sha256 (u8 "abc")) (digest "SHA256" (u8 "abc")))))

(test "HMAC (RFC 4231 test cases 1 and 2)"
  (lambda ()
    (check-equal "case 1 sha256" "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
                 (hex (hmac 'sha256 (rep 11 20) (u8 "Hi There"))))
    (check-equal "case 1 sha512" (string-append "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                                                "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")
                 (hex (hmac 'sha512 (rep 11 20) (u8 "Hi There"))))
    (check-equal "case 2" "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
                 (hex (hmac 'sha256 (u8 "Jefe") (u8 "what do ya want for nothing?"))))))

(test "HKDF-SHA-256 (RFC 5869 test cases 1 and 3)"
  (lambda ()
    (check-equal "case 1" "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
                 (hex (hkdf 'sha256 (rep 11 22) (unhex "000102030405060708090a0b0c") (unhex "f0f1f2f3f4f5f6f7f8f9") 42)))
    (check-equal "case 3" "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
                 (hex (hkdf 'sha256 (rep 11 22) #vu8() #vu8() 42)))
    (check-true "too long" (raises? (lambda () (hkdf 'sha256 (rep 11 22) #vu8() #vu8() (+ 1 (* 255 32))))))))

(test "random-bytes"
  (lambda ()
    (check-equal "length" 32 (bytevector-length (random-bytes 32)))
    (check-true "two draws differ" (not (equal? (random-bytes 32) (random-bytes 32))))
    (check-equal "zero" #vu8() (random-bytes 0))
    (check-true "negative" (raises? (lambda () (random-bytes -1))))))

(test "AES-128-GCM (GCM spec test cases 2 and 4)"
  (lambda ()
    (check-equal "case 2" "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"
                 (hex (aead-seal 'aes-128-gcm (rep 0 16) (rep 0 12) (rep 0 16))))
    (let* ((key (unhex "feffe9928665731c6d6a8f9467308308")) (iv (unhex "cafebabefacedbaddecaf888"))
           (pt (unhex "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72
                       1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"))
           (aad (unhex "feedfacedeadbeeffeedfacedeadbeefabaddad2"))
           (ct (aead-seal 'aes-128-gcm key iv pt aad)))
      (check-equal "case 4" (string-append "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                                           "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                                           "5bc94fbc3221a5db94fae95ae7121a47")
                   (hex ct))
      (check-equal "case 4 opens" pt (aead-open 'aes-128-gcm key iv ct aad)))))

(define rfc8439-key (unhex "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"))
(define rfc8439-nonce (unhex "070000004041424344454647"))
(define rfc8439-aad (unhex "50515253c0c1c2c3c4c5c6c7"))
(define rfc8439-pt (u8 "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."))
(define rfc8439-ct
  (unhex "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b
          1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3f
          f4def08e4b7a9de576d26586cec64b6116 1ae10b594f09e26a7e902ecbd0600691"))

(test "ChaCha20-Poly1305 (RFC 8439 section 2.8.2)"
  (lambda ()
    (check-equal "seal" (hex rfc8439-ct) (hex (aead-seal 'chacha20-poly1305 rfc8439-key rfc8439-nonce rfc8439-pt rfc8439-aad)))
    (check-equal "open" rfc8439-pt (aead-open "chacha20-poly1305" rfc8439-key rfc8439-nonce rfc8439-ct rfc8439-aad))))

(test "AEAD: tampering gives #f, bad arguments raise"
  (lambda ()
    (let ((n (bytevector-length rfc8439-ct)))
      (check-equal "tag" #f (aead-open 'chacha20-poly1305 rfc8439-key rfc8439-nonce (flip rfc8439-ct (- n 1)) rfc8439-aad))
      (check-equal "ciphertext" #f (aead-open 'chacha20-poly1305 rfc8439-key rfc8439-nonce (flip rfc8439-ct 0) rfc8439-aad))
      (check-equal "aad" #f (aead-open 'chacha20-poly1305 rfc8439-key rfc8439-nonce rfc8439-ct (flip rfc8439-aad 0))))
    (check-equal "aes-256-gcm round trip" (u8 "x")
                 (aead-open 'aes-256-gcm rfc8439-key rfc8439-nonce (aead-seal 'aes-256-gcm rfc8439-key rfc8439-nonce (u8 "x"))))
    (check-true "wrong key size" (raises? (lambda () (aead-seal 'aes-128-gcm rfc8439-key rfc8439-nonce (u8 "x")))))
    (check-true "shorter than a tag" (raises? (lambda () (aead-open 'aes-128-gcm (rep 0 16) rfc8439-nonce (u8 "abc")))))
    (check-true "unknown AEAD" (raises? (lambda () (aead-seal 'aes-128-cbc (rep 0 16) rfc8439-nonce (u8 "x")))))))

(test "X25519 (RFC 7748 section 6.1)"
  (lambda ()
    (let* ((a (unhex "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
           (b (unhex "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
           (apub (x25519-public a)) (bpub (x25519-public b))
           (k "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"))
      (check-equal "Alice's public key" "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a" (hex apub))
      (check-equal "Bob's public key" "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f" (hex bpub))
      (check-equal "Alice's secret" k (hex (x25519 a bpub)))
      (check-equal "Bob's secret" k (hex (x25519 b apub)))
      (call-with-values x25519-keypair
        (lambda (p1 q1)
          (call-with-values x25519-keypair
            (lambda (p2 q2)
              (check-equal "generated public" q1 (x25519-public p1))
              (check-equal "generated pair agrees" (x25519 p1 q2) (x25519 p2 q1))))))
      (check-true "31-byte peer" (raises? (lambda () (x25519 a (sub-bv bpub 1)))))
      (check-true "all-zero peer" (raises? (lambda () (x25519 a (rep 0 32))))))))

(test "Ed25519 (RFC 8032 section 7.1 tests 1 and 2)"
  (lambda ()
    (let* ((sk1 (unhex "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
           (pk1 (ed25519-public sk1))
           (sig1 (ed25519-sign sk1 #vu8()))
           (sk2 (unhex "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))
           (pk2 (ed25519-public sk2))
           (sig2 (ed25519-sign sk2 #vu8(#x72))))
      (check-equal "test 1 public" "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a" (hex pk1))
      (check-equal "test 1 signature" (string-append "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                                     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
                   (hex sig1))
      (check-equal "test 1 verifies" #t (ed25519-verify pk1 #vu8() sig1))
      (check-equal "test 2 public" "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" (hex pk2))
      (check-equal "test 2 signature" (string-append "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                                     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
                   (hex sig2))
      (check-equal "test 2 verifies" #t (ed25519-verify pk2 #vu8(#x72) sig2))
      (check-equal "other message" #f (ed25519-verify pk2 #vu8(#x73) sig2))
      (check-equal "other key" #f (ed25519-verify pk1 #vu8(#x72) sig2))
      (call-with-values ed25519-keypair
        (lambda (sk pk) (check-equal "generated round trip" #t (ed25519-verify pk (u8 "m") (ed25519-sign sk (u8 "m"))))))
      (check-true "31-byte private key" (raises? (lambda () (ed25519-sign (sub-bv sk1 1) (u8 "x")))))
      (check-true "33-byte public key" (raises? (lambda () (ed25519-verify (bv-append pk1 #vu8(0)) #vu8() sig1)))))))

;; RFC 6979 A.2.5's P-256 key in DER: SubjectPublicKeyInfo (the fixed id-ecPublicKey /
;; prime256v1 header, then 04 || Ux || Uy) and SEC1 ECPrivateKey (version 1, x, the curve
;; OID; the public key left out, to be computed); its SHA-256 signature of "sample" (r, s)
;; as a DER ECDSA-Sig-Value.
(define p256-spki (unhex "3059301306072a8648ce3d020106082a8648ce3d030107034200
  0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6
  7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"))
(define p256-sec1 (unhex "30310201010420
  c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721 a00a06082a8648ce3d030107"))
(define p256-sig (unhex "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716
  022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"))

(test "ECDSA P-256 (RFC 6979 A.2.5)"
  (lambda ()
    (check-equal "published signature" #t (ecdsa-p256-verify p256-spki (u8 "sample") p256-sig))
    (check-equal "tampered message" #f (ecdsa-p256-verify p256-spki (u8 "samplE") p256-sig))
    (check-equal "tampered signature" #f (ecdsa-p256-verify p256-spki (u8 "sample") (flip p256-sig 70)))
    (check-equal "the private key's public half" p256-spki (ecdsa-p256-public p256-sec1))
    (check-equal "our signature, the RFC key" #t
                 (ecdsa-p256-verify p256-spki (u8 "sample") (ecdsa-p256-sign p256-sec1 (u8 "sample"))))))

(test "ECDSA P-256: generated key round trip and bad keys"
  (lambda ()
    (call-with-values ecdsa-p256-keypair
      (lambda (sk pk)
        (let ((sig (ecdsa-p256-sign sk (u8 "hello"))))
          (check-equal "round trip" #t (ecdsa-p256-verify pk (u8 "hello") sig))
          (check-equal "tampered message" #f (ecdsa-p256-verify pk (u8 "hellp") sig))
          (check-equal "other key" #f (ecdsa-p256-verify p256-spki (u8 "hello") sig))
          (check-true "garbage private key" (raises? (lambda () (ecdsa-p256-sign (u8 "not a key") (u8 "x")))))
          (check-true "garbage public key" (raises? (lambda () (ecdsa-p256-verify (u8 "not a key") (u8 "x") sig)))))))))

(test "base64 (RFC 4648 section 10) and bad input"
  (lambda ()
    (for-each (lambda (v)
                (check-equal (string-append "encode " (car v)) (cdr v) (base64-encode (u8 (car v))))
                (check-equal (string-append "decode " (cdr v)) (u8 (car v)) (base64-decode (cdr v))))
              '(("" . "") ("f" . "Zg==") ("fo" . "Zm8=") ("foo" . "Zm9v") ("foob" . "Zm9vYg==")
                ("fooba" . "Zm9vYmE=") ("foobar" . "Zm9vYmFy")))
    (let ((all (u8-list->bytevector (iota 256))))
      (check-equal "all byte values" all (base64-decode (base64-encode all))))
    (check-true "not base64" (raises? (lambda () (base64-decode "Zm9v!A=="))))
    (check-true "bad length" (raises? (lambda () (base64-decode "Zm9"))))))

(test "bad arguments raise &crypto-error"
  (lambda ()
    (check-true "unknown digest" (raises? (lambda () (digest 'sha3-999 (u8 "x")))))
    (check-true "a string, not a bytevector" (raises? (lambda () (sha256 "abc"))))))

(test "README's crypto example runs as written"
  (lambda ()
    (let* ((here (dirname (search-path %load-path "ferrossl.scm")))
           (readme (slurp (string-append here "/README.md")))
           (start (string-contains readme "## Crypto primitives"))
           (m (string-match "```scheme\n(([^`]|`[^`])*)```" readme start))
           (code (match:substring m 1))
           (port (open-input-string code))
           (env (resolve-module '(readme-crypto-example) #:ensure #t)))
      (beautify-user-module! env)
      (let loop ((last #f))
        (let ((form (read port)))
          (if (eof-object? form)
              (check-equal "last value" "hello" last)
              (loop (eval form env))))))))

(done)
