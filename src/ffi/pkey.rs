//! aws-lc's `EVP_PKEY`, `EVP_PKEY_CTX` and signing `EVP_MD_CTX`, owned
//! safely: the keys behind ferrossl's `EVP_PKEY` handle. Parsing, encoding,
//! generation, signatures and key agreement are aws-lc's; this file only
//! owns its objects and drains its error queue into [`LcError`] (aws-lc's
//! queue is never left dirty: every failure takes its errors, and every
//! call that may leave some behind on success clears them).

use super::lc::Digest;
use aws_lc_sys as sys;
use std::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::ptr::{self, NonNull};

/// aws-lc's first queued error (library and reason in aws-lc's numbering,
/// and its reason text), the queue then cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LcError {
    pub lib: c_int,
    pub reason: c_int,
    pub text: String,
}

/// Takes aws-lc's error queue: its first entry (the root cause), the queue
/// left empty.
pub fn take_error() -> LcError {
    // SAFETY: aws-lc's thread-local queue; the strings are static.
    unsafe {
        let code = sys::ERR_get_error();
        let mut e = LcError::default();
        if code != 0 {
            e.lib = ((code >> 24) & 0xff) as c_int;
            e.reason = (code & 0xfff) as c_int;
            let r = sys::ERR_reason_error_string(code);
            if !r.is_null() {
                e.text = CStr::from_ptr(r).to_string_lossy().into_owned();
            }
        }
        sys::ERR_clear_error();
        e
    }
}

/// Clears aws-lc's error queue (after a call that succeeded but may have
/// queued errors on the way, like `d2i_AutoPrivateKey` trying formats).
fn clear() {
    // SAFETY: aws-lc's thread-local queue.
    unsafe { sys::ERR_clear_error() }
}

fn check(ok: c_int) -> Result<(), LcError> {
    if ok == 1 {
        clear();
        Ok(())
    } else {
        Err(take_error())
    }
}

/// Runs `f` with a fresh CBB and returns what it wrote.
pub(super) fn marshal(f: impl FnOnce(*mut sys::CBB) -> c_int) -> Result<Vec<u8>, LcError> {
    // SAFETY: the CBB is initialised before use, finished or cleaned up once,
    // and the buffer aws-lc hands back is copied, then freed with OPENSSL_free.
    unsafe {
        let mut cbb = std::mem::MaybeUninit::<sys::CBB>::zeroed().assume_init();
        if sys::CBB_init(&mut cbb, 256) != 1 {
            return Err(take_error());
        }
        if f(&mut cbb) != 1 {
            sys::CBB_cleanup(&mut cbb);
            return Err(take_error());
        }
        let mut out: *mut u8 = ptr::null_mut();
        let mut len = 0usize;
        if sys::CBB_finish(&mut cbb, &mut out, &mut len) != 1 {
            sys::CBB_cleanup(&mut cbb);
            return Err(take_error());
        }
        let v = std::slice::from_raw_parts(out, len).to_vec();
        sys::OPENSSL_free(out.cast());
        Ok(v)
    }
}

/// An aws-lc `EVP_PKEY` (a reference of its own).
pub struct Pkey(NonNull<sys::EVP_PKEY>);
// SAFETY: aws-lc's EVP_PKEY is reference counted atomically, and the
// operations used through `&self` only read it (aws-lc documents keys as
// safe to use from several threads once built).
unsafe impl Send for Pkey {}
// SAFETY: as above.
unsafe impl Sync for Pkey {}

impl Drop for Pkey {
    fn drop(&mut self) {
        // SAFETY: our reference, dropped once.
        unsafe { sys::EVP_PKEY_free(self.0.as_ptr()) }
    }
}

impl Clone for Pkey {
    fn clone(&self) -> Self {
        // SAFETY: a live key; the new reference is this clone's.
        unsafe { sys::EVP_PKEY_up_ref(self.0.as_ptr()) };
        Pkey(self.0)
    }
}

fn own(p: *mut sys::EVP_PKEY) -> Result<Pkey, LcError> {
    NonNull::new(p).map(Pkey).ok_or_else(take_error)
}

/// The key aws-lc parsed from `der` and the bytes it took, by `f`
/// (a d2i-style function).
fn d2i(
    der: &[u8],
    f: impl FnOnce(*mut *const u8, c_long) -> *mut sys::EVP_PKEY,
) -> Result<(Pkey, usize), LcError> {
    let len = c_long::try_from(der.len()).map_err(|_| LcError::default())?;
    let mut p = der.as_ptr();
    let k = own(f(&mut p, len))?;
    clear();
    Ok((k, (p as usize).wrapping_sub(der.as_ptr() as usize)))
}

impl Pkey {
    pub(super) fn ptr(&self) -> *mut sys::EVP_PKEY {
        self.0.as_ptr()
    }

    /// The aws-lc key, for other aws-lc calls in this layer (still ours).
    pub(super) fn as_ptr(&self) -> *const sys::EVP_PKEY {
        self.0.as_ptr()
    }

    /// Takes over a reference aws-lc handed out.
    pub(super) fn from_owned(p: NonNull<sys::EVP_PKEY>) -> Pkey {
        Pkey(p)
    }

    /// An empty key (`EVP_PKEY_new`): no type yet.
    pub fn empty() -> Result<Pkey, LcError> {
        // SAFETY: plain allocation.
        own(unsafe { sys::EVP_PKEY_new() })
    }

    /// A private key in PKCS#8, or the legacy PKCS#1 / SEC1 / DSA forms
    /// (`d2i_AutoPrivateKey`); the key and the bytes it used.
    pub fn private_from_der(der: &[u8]) -> Result<(Pkey, usize), LcError> {
        // SAFETY: `p` points into `der`, of `len` bytes; aws-lc advances it.
        d2i(der, |p, len| unsafe {
            sys::d2i_AutoPrivateKey(ptr::null_mut(), p, len)
        })
    }

    /// A private key of type `id` (`d2i_PrivateKey`).
    pub fn private_from_der_typed(id: c_int, der: &[u8]) -> Result<(Pkey, usize), LcError> {
        // SAFETY: as in `private_from_der`.
        d2i(der, |p, len| unsafe {
            sys::d2i_PrivateKey(to_lc(id), ptr::null_mut(), p, len)
        })
    }

    /// A public key from a DER SubjectPublicKeyInfo (`d2i_PUBKEY`).
    pub fn public_from_der(der: &[u8]) -> Result<(Pkey, usize), LcError> {
        // SAFETY: as in `private_from_der`.
        d2i(der, |p, len| unsafe {
            sys::d2i_PUBKEY(ptr::null_mut(), p, len)
        })
    }

    /// An encrypted PKCS#8 `EncryptedPrivateKeyInfo` with `pass`.
    pub fn from_encrypted_pkcs8(der: &[u8], pass: &[u8]) -> Result<Pkey, LcError> {
        // SAFETY: a CBS over `der`, a password slice; aws-lc copies what it keeps.
        unsafe {
            let mut cbs = sys::CBS {
                data: ptr::null(),
                len: 0,
            };
            sys::CBS_init(&mut cbs, der.as_ptr(), der.len());
            let k = own(sys::PKCS8_parse_encrypted_private_key(
                &mut cbs,
                pass.as_ptr().cast(),
                pass.len(),
            ))?;
            clear();
            Ok(k)
        }
    }

    /// A private key from one PEM block (any label aws-lc's
    /// `PEM_read_bio_PrivateKey` reads, including encrypted PKCS#8 and the
    /// legacy `Proc-Type: 4,ENCRYPTED` form), `pass` for encrypted ones.
    pub fn private_from_pem(pem: &[u8], pass: Option<&[u8]>) -> Result<Pkey, LcError> {
        let mut pw = Password(pass);
        with_mem_bio(pem, |bio| {
            // SAFETY: a live memory BIO; the callback reads `pw` only during the call.
            own(unsafe {
                sys::PEM_read_bio_PrivateKey(
                    bio,
                    ptr::null_mut(),
                    Some(password_cb),
                    (&mut pw as *mut Password).cast(),
                )
            })
        })
    }

    /// The PKCS#8 `PrivateKeyInfo` DER of a private key.
    pub fn to_pkcs8(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live key and CBB.
        marshal(|cbb| unsafe { sys::EVP_marshal_private_key(cbb, self.ptr()) })
    }

    /// The SubjectPublicKeyInfo DER.
    pub fn to_spki(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live key and CBB.
        marshal(|cbb| unsafe { sys::EVP_marshal_public_key(cbb, self.ptr()) })
    }

    /// `i2d_PrivateKey`: the type's own form (PKCS#1 for RSA, SEC1 for EC),
    /// else None (the caller writes PKCS#8, as OpenSSL 3 does).
    pub fn to_traditional_der(&self) -> Option<Vec<u8>> {
        if !matches!(self.id(), NID_RSA | NID_EC) {
            return None;
        }
        // SAFETY: the i2d convention with a NULL *out: aws-lc allocates,
        // we copy and free.
        unsafe {
            let mut out: *mut u8 = ptr::null_mut();
            let n = sys::i2d_PrivateKey(self.ptr(), &mut out);
            if n <= 0 || out.is_null() {
                let _ = take_error();
                return None;
            }
            let v = std::slice::from_raw_parts(out, n as usize).to_vec();
            sys::OPENSSL_free(out.cast());
            Some(v)
        }
    }

    /// An encrypted PKCS#8 `EncryptedPrivateKeyInfo` (PBES2: PBKDF2 with
    /// `iterations` and a random 8-byte salt, then `alg`), aws-lc's encoder.
    pub fn to_encrypted_pkcs8(
        &self,
        alg: super::cipher::Alg,
        pass: &[u8],
        iterations: c_int,
    ) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live key and CBB; a static cipher; `pass` is read only
        // during the call.
        marshal(|cbb| unsafe {
            sys::PKCS8_marshal_encrypted_private_key(
                cbb,
                -1,
                alg.lc_cipher(),
                pass.as_ptr().cast(),
                pass.len(),
                ptr::null(),
                0,
                iterations,
                self.ptr(),
            )
        })
    }

    /// The legacy PEM form of an RSA or EC private key ("RSA PRIVATE KEY",
    /// "EC PRIVATE KEY") encrypted with `alg` and `pass` (`Proc-Type:
    /// 4,ENCRYPTED`, key by `EVP_BytesToKey` with MD5), aws-lc's writer.
    pub fn to_traditional_pem_encrypted(
        &self,
        alg: super::cipher::Alg,
        pass: &[u8],
    ) -> Result<Vec<u8>, LcError> {
        let klen = c_int::try_from(pass.len()).map_err(|_| LcError::default())?;
        // SAFETY: a fresh memory BIO, freed once; the RSA / EC_KEY is
        // borrowed from the live key; `pass` is read only during the call;
        // the BIO's contents are copied before it is freed.
        unsafe {
            let bio = sys::BIO_new(sys::BIO_s_mem());
            if bio.is_null() {
                return Err(take_error());
            }
            let k = self.ptr();
            let kstr = pass.as_ptr() as *mut u8;
            let r = match self.id() {
                NID_RSA => sys::PEM_write_bio_RSAPrivateKey(
                    bio,
                    sys::EVP_PKEY_get0_RSA(k),
                    alg.lc_cipher(),
                    kstr,
                    klen,
                    None,
                    ptr::null_mut(),
                ),
                NID_EC => sys::PEM_write_bio_ECPrivateKey(
                    bio,
                    sys::EVP_PKEY_get0_EC_KEY(k),
                    alg.lc_cipher(),
                    kstr,
                    klen,
                    None,
                    ptr::null_mut(),
                ),
                _ => 0,
            };
            let out = if r == 1 {
                let mut p: *const u8 = ptr::null();
                let mut n = 0usize;
                if sys::BIO_mem_contents(bio, &mut p, &mut n) == 1 && !p.is_null() {
                    Ok(std::slice::from_raw_parts(p, n).to_vec())
                } else {
                    Err(take_error())
                }
            } else {
                Err(take_error())
            };
            sys::BIO_free(bio);
            out
        }
    }

    /// `EVP_PKEY_id`: the NID of the key type in OpenSSL's numbering (0
    /// for an empty key).
    pub fn id(&self) -> c_int {
        // SAFETY: a live key.
        from_lc(unsafe { sys::EVP_PKEY_id(self.ptr()) })
    }

    /// `EVP_PKEY_bits`.
    pub fn bits(&self) -> c_int {
        // SAFETY: a live key.
        unsafe { sys::EVP_PKEY_bits(self.ptr()) }
    }

    /// `EVP_PKEY_size`: the largest signature (or shared secret) in bytes.
    pub fn size(&self) -> c_int {
        // SAFETY: a live key.
        unsafe { sys::EVP_PKEY_size(self.ptr()) }
    }

    /// The curve NID of an EC key, else 0.
    pub fn ec_curve_nid(&self) -> c_int {
        // SAFETY: a live key; the EC_KEY and group are borrowed from it.
        unsafe {
            let ec = sys::EVP_PKEY_get0_EC_KEY(self.ptr());
            if ec.is_null() {
                clear();
                return 0;
            }
            let g = sys::EC_KEY_get0_group(ec);
            if g.is_null() {
                0
            } else {
                sys::EC_GROUP_get_curve_name(g)
            }
        }
    }

    /// A copy of the number OpenSSL 3 names `name` among the key's
    /// parameters (`EVP_PKEY_get_bn_param`: RSA "n" "e" "d" "rsa-factor1/2"
    /// "rsa-exponent1/2" "rsa-coefficient1"; EC "qx" "qy" "priv"; DH and DSA
    /// "p" "q" "g" "pub" "priv"), owned by the caller (`BN_free`); None when
    /// the key has no such number.
    pub fn bn_param(&self, name: &str) -> Option<*mut super::bn::bignum_st> {
        // SAFETY: a live key; the getters borrow from it and NULL answers
        // (another key type, a public key's "d") are checked; the copies
        // made are handed to the caller.
        let r = unsafe {
            let k = self.ptr();
            let dup = |b: *const sys::BIGNUM| {
                if b.is_null() {
                    ptr::null_mut()
                } else {
                    sys::BN_dup(b)
                }
            };
            match self.id() {
                NID_RSA | NID_RSA_PSS => {
                    let rsa = sys::EVP_PKEY_get0_RSA(k);
                    if rsa.is_null() {
                        ptr::null_mut()
                    } else {
                        dup(match name {
                            "n" => sys::RSA_get0_n(rsa),
                            "e" => sys::RSA_get0_e(rsa),
                            "d" => sys::RSA_get0_d(rsa),
                            "rsa-factor1" => sys::RSA_get0_p(rsa),
                            "rsa-factor2" => sys::RSA_get0_q(rsa),
                            "rsa-exponent1" => sys::RSA_get0_dmp1(rsa),
                            "rsa-exponent2" => sys::RSA_get0_dmq1(rsa),
                            "rsa-coefficient1" => sys::RSA_get0_iqmp(rsa),
                            _ => ptr::null(),
                        })
                    }
                }
                NID_EC => {
                    let ec = sys::EVP_PKEY_get0_EC_KEY(k);
                    if ec.is_null() {
                        ptr::null_mut()
                    } else if name == "priv" {
                        dup(sys::EC_KEY_get0_private_key(ec))
                    } else if name == "qx" || name == "qy" {
                        let g = sys::EC_KEY_get0_group(ec);
                        let pt = sys::EC_KEY_get0_public_key(ec);
                        let (x, y) = (sys::BN_new(), sys::BN_new());
                        let ok = !g.is_null()
                            && !pt.is_null()
                            && !x.is_null()
                            && !y.is_null()
                            && sys::EC_POINT_get_affine_coordinates_GFp(
                                g,
                                pt,
                                x,
                                y,
                                ptr::null_mut(),
                            ) == 1;
                        let (want, other) = if name == "qx" { (x, y) } else { (y, x) };
                        sys::BN_free(other);
                        if ok {
                            want
                        } else {
                            sys::BN_free(want);
                            ptr::null_mut()
                        }
                    } else {
                        ptr::null_mut()
                    }
                }
                NID_DH => {
                    let dh = sys::EVP_PKEY_get0_DH(k);
                    if dh.is_null() {
                        ptr::null_mut()
                    } else {
                        dup(match name {
                            "p" => sys::DH_get0_p(dh),
                            "q" => sys::DH_get0_q(dh),
                            "g" => sys::DH_get0_g(dh),
                            "pub" => sys::DH_get0_pub_key(dh),
                            "priv" => sys::DH_get0_priv_key(dh),
                            _ => ptr::null(),
                        })
                    }
                }
                NID_DSA => {
                    let dsa = sys::EVP_PKEY_get0_DSA(k);
                    if dsa.is_null() {
                        ptr::null_mut()
                    } else {
                        dup(match name {
                            "p" => sys::DSA_get0_p(dsa),
                            "q" => sys::DSA_get0_q(dsa),
                            "g" => sys::DSA_get0_g(dsa),
                            "pub" => sys::DSA_get0_pub_key(dsa),
                            "priv" => sys::DSA_get0_priv_key(dsa),
                            _ => ptr::null(),
                        })
                    }
                }
                _ => ptr::null_mut(),
            }
        };
        clear();
        (!r.is_null()).then_some(r as *mut super::bn::bignum_st)
    }

    /// Whether the key holds its private half.
    pub fn has_private(&self) -> bool {
        // SAFETY: a live key; every getter borrows from it, and a NULL
        // answer (wrong type) is cleared from aws-lc's queue.
        let r = unsafe {
            match self.id() {
                NID_RSA | NID_RSA_PSS => {
                    let rsa = sys::EVP_PKEY_get0_RSA(self.ptr());
                    !rsa.is_null() && !sys::RSA_get0_d(rsa).is_null()
                }
                NID_EC => {
                    let ec = sys::EVP_PKEY_get0_EC_KEY(self.ptr());
                    !ec.is_null() && !sys::EC_KEY_get0_private_key(ec).is_null()
                }
                _ => {
                    let mut n = 0usize;
                    sys::EVP_PKEY_get_raw_private_key(self.ptr(), ptr::null_mut(), &mut n) == 1
                }
            }
        };
        clear();
        r
    }

    /// `EVP_PKEY_new_raw_private_key` / `EVP_PKEY_new_raw_public_key` for
    /// key type `id` (OpenSSL's numbering: Ed25519, X25519); aws-lc checks
    /// the length.
    pub fn from_raw(id: c_int, raw: &[u8], private: bool) -> Result<Pkey, LcError> {
        // SAFETY: `raw` is a valid slice aws-lc copies; the new key is ours.
        let p = unsafe {
            if private {
                sys::EVP_PKEY_new_raw_private_key(
                    to_lc(id),
                    ptr::null_mut(),
                    raw.as_ptr(),
                    raw.len(),
                )
            } else {
                sys::EVP_PKEY_new_raw_public_key(
                    to_lc(id),
                    ptr::null_mut(),
                    raw.as_ptr(),
                    raw.len(),
                )
            }
        };
        let k = own(p)?;
        clear();
        Ok(k)
    }

    /// `EVP_PKEY_get_raw_private_key` / `EVP_PKEY_get_raw_public_key`: the
    /// raw key bytes (Ed25519's seed, X25519's scalar or point).
    pub fn raw(&self, private: bool) -> Result<Vec<u8>, LcError> {
        let get = if private {
            sys::EVP_PKEY_get_raw_private_key
        } else {
            sys::EVP_PKEY_get_raw_public_key
        };
        let mut n = 0usize;
        // SAFETY: a live key; a NULL buffer asks for the length only.
        check(unsafe { get(self.ptr(), ptr::null_mut(), &mut n) })?;
        let mut out = vec![0u8; n];
        // SAFETY: `n` writable bytes; aws-lc writes at most `n` and says how many.
        check(unsafe { get(self.ptr(), out.as_mut_ptr(), &mut n) })?;
        out.truncate(n);
        Ok(out)
    }

    /// `EVP_PKEY_get1_RSA` (`get1` true: a new reference, for `RSA_free`)
    /// or `EVP_PKEY_get0_RSA` (borrowed): the key's own RSA object, so
    /// what C does through it is done to this key. Err for another type.
    pub fn rsa(&self, get1: bool) -> Result<*mut super::rsa::rsa_st, LcError> {
        // SAFETY: a live key; aws-lc returns its own RSA (up-referenced by
        // get1) or NULL for another key type.
        let r = unsafe {
            if get1 {
                sys::EVP_PKEY_get1_RSA(self.ptr())
            } else {
                sys::EVP_PKEY_get0_RSA(self.ptr())
            }
        };
        if r.is_null() {
            return Err(take_error());
        }
        Ok(r.cast())
    }

    /// `EVP_PKEY_get1_EC_KEY` / `EVP_PKEY_get0_EC_KEY`, as [`Pkey::rsa`].
    pub fn ec_key(&self, get1: bool) -> Result<*mut super::ec::ec_key_st, LcError> {
        // SAFETY: as in `rsa`.
        let r = unsafe {
            if get1 {
                sys::EVP_PKEY_get1_EC_KEY(self.ptr())
            } else {
                sys::EVP_PKEY_get0_EC_KEY(self.ptr()) as *mut sys::EC_KEY
            }
        };
        if r.is_null() {
            return Err(take_error());
        }
        Ok(r.cast())
    }

    /// `EVP_PKEY_set1_RSA` (`take` false: the key takes a reference of
    /// its own) or `EVP_PKEY_assign_RSA` (`take`: it takes the caller's):
    /// this key becomes an RSA key holding `rsa`. Like OpenSSL's, the
    /// call changes the key in place: C must not use it on another thread
    /// meanwhile.
    pub fn set_rsa(&self, rsa: *mut super::rsa::rsa_st, take: bool) -> Result<(), LcError> {
        if rsa.is_null() {
            return Err(LcError::default());
        }
        // SAFETY: a live key; `rsa` is an aws-lc RSA C holds (ffi/rsa.rs's
        // contract); on success `assign` owns the reference it was given.
        check(unsafe {
            if take {
                sys::EVP_PKEY_assign_RSA(self.ptr(), rsa.cast())
            } else {
                sys::EVP_PKEY_set1_RSA(self.ptr(), rsa.cast())
            }
        })
    }

    /// `EVP_PKEY_set_type`: makes the key an empty key of type `id` (what
    /// it held is dropped).
    pub fn set_type(&self, id: c_int) -> Result<(), LcError> {
        // SAFETY: a live key, changed in place as OpenSSL's is.
        check(unsafe { sys::EVP_PKEY_set_type(self.ptr(), to_lc(id)) })
    }

    /// `EVP_PKEY_set1_encoded_public_key`: the public key from its TLS
    /// encoding (an EC point, or 32 raw X25519 bytes).
    pub fn set_encoded_public_key(&self, data: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live key changed in place; `data` is read during the call.
        check(unsafe { sys::EVP_PKEY_set1_tls_encodedpoint(self.ptr(), data.as_ptr(), data.len()) })
    }

    /// `EVP_PKEY_get1_encoded_public_key`: the TLS encoding of the public key.
    pub fn encoded_public_key(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live key; aws-lc allocates the output, copied then freed.
        unsafe {
            let mut out: *mut u8 = ptr::null_mut();
            let n = sys::EVP_PKEY_get1_tls_encodedpoint(self.ptr(), &mut out);
            if n == 0 || out.is_null() {
                return Err(take_error());
            }
            let v = std::slice::from_raw_parts(out, n).to_vec();
            sys::OPENSSL_free(out.cast());
            Ok(v)
        }
    }

    /// `EVP_PKEY_set1_EC_KEY` / `EVP_PKEY_assign_EC_KEY`, as [`Pkey::set_rsa`].
    pub fn set_ec_key(&self, ec: *mut super::ec::ec_key_st, take: bool) -> Result<(), LcError> {
        if ec.is_null() {
            return Err(LcError::default());
        }
        // SAFETY: as in `set_rsa`.
        check(unsafe {
            if take {
                sys::EVP_PKEY_assign_EC_KEY(self.ptr(), ec.cast())
            } else {
                sys::EVP_PKEY_set1_EC_KEY(self.ptr(), ec.cast())
            }
        })
    }

    /// `EVP_PKEY_cmp`: 1 equal, 0 different, -1 different types, -2 not comparable.
    pub fn compare(&self, other: &Pkey) -> c_int {
        // SAFETY: two live keys.
        let r = unsafe { sys::EVP_PKEY_cmp(self.ptr(), other.ptr()) };
        clear();
        r
    }

    /// `EVP_PKEY_cmp_parameters`: as `cmp`, for the parameters only.
    pub fn cmp_parameters(&self, other: &Pkey) -> c_int {
        // SAFETY: two live keys.
        let r = unsafe { sys::EVP_PKEY_cmp_parameters(self.ptr(), other.ptr()) };
        clear();
        r
    }

    /// `X509_CRL_verify`: whether this key signed the CRL `crl_der`
    /// (Ok(false) for a well-formed wrong signature), aws-lc's check.
    pub fn verifies_crl(&self, crl_der: &[u8]) -> Result<bool, LcError> {
        let len = c_long::try_from(crl_der.len()).map_err(|_| LcError::default())?;
        // SAFETY: d2i over `crl_der`; the X509_CRL is ours and freed once.
        unsafe {
            let mut p = crl_der.as_ptr();
            let x = sys::d2i_X509_CRL(ptr::null_mut(), &mut p, len);
            if x.is_null() {
                return Err(take_error());
            }
            let r = sys::X509_CRL_verify(x, self.ptr());
            sys::X509_CRL_free(x);
            signature_verdict(r)
        }
    }

    /// Whether the certificate `cert_der`'s signature verifies with this key
    /// (`X509_verify`): Ok(true), Ok(false) for a bad signature, Err when
    /// the certificate or the key cannot be used.
    pub fn verifies_cert(&self, cert_der: &[u8]) -> Result<bool, LcError> {
        let len = c_long::try_from(cert_der.len()).map_err(|_| LcError::default())?;
        // SAFETY: d2i over `cert_der`; the X509 is ours and freed once.
        unsafe {
            let mut p = cert_der.as_ptr();
            let x = sys::d2i_X509(ptr::null_mut(), &mut p, len);
            if x.is_null() {
                return Err(take_error());
            }
            let r = sys::X509_verify(x, self.ptr());
            sys::X509_free(x);
            signature_verdict(r)
        }
    }
}

/// What aws-lc's `X509_verify` / `X509_CRL_verify` result `r` means: Ok(true) for a
/// good signature, Ok(false) for a well-formed but wrong one (a plain "no"), Err when
/// the object or the key cannot be used. Drains aws-lc's error queue.
fn signature_verdict(r: c_int) -> Result<bool, LcError> {
    if r == 1 {
        clear();
        return Ok(true);
    }
    let e = take_error();
    if e.text.contains("BAD_SIGNATURE")
        || e.text.contains("DIGEST_AND_KEY")
        || e.text == "MISMATCHED_SIGNATURE"
        || e.text == "INVALID_SIGNATURE"
    {
        return Ok(false);
    }
    Err(e)
}

/// Key-type NIDs OpenSSL and aws-lc number differently (aws-lc keeps
/// BoringSSL's): (OpenSSL's, aws-lc's) for Ed25519, X25519, Ed448, X448
/// and HKDF. RSA, RSA-PSS, EC, DSA, DH and the curves have the same
/// numbers in both.
const NID_MAP: [(c_int, c_int); 5] = [
    (1087, 949),
    (1034, 948),
    (1088, 960),
    (1035, 961),
    (1036, 969),
];

/// aws-lc's key-type NID for OpenSSL's.
fn to_lc(id: c_int) -> c_int {
    NID_MAP.iter().find(|m| m.0 == id).map_or(id, |m| m.1)
}

/// OpenSSL's key-type NID for aws-lc's.
fn from_lc(id: c_int) -> c_int {
    NID_MAP.iter().find(|m| m.1 == id).map_or(id, |m| m.0)
}

/// The key types' NIDs (OpenSSL's numbering, as `Pkey::id` answers).
pub const NID_RSA: c_int = 6;
pub const NID_RSA_PSS: c_int = 912;
pub const NID_EC: c_int = 408;
pub const NID_DH: c_int = 28;
pub const NID_DSA: c_int = 116;

/// A password for aws-lc's PEM reader, handed over through its callback.
struct Password<'a>(Option<&'a [u8]>);

unsafe extern "C" fn password_cb(
    buf: *mut c_char,
    size: c_int,
    _rwflag: c_int,
    u: *mut c_void,
) -> c_int {
    // SAFETY: `u` is the `Password` `private_from_pem` passed, alive for the
    // call; `buf` holds `size` bytes (aws-lc's PEM reader's contract).
    unsafe {
        let Some(pw) = u.cast::<Password>().as_ref().and_then(|p| p.0) else {
            return -1;
        };
        let Ok(size) = usize::try_from(size) else {
            return -1;
        };
        if buf.is_null() || pw.len() > size {
            return -1;
        }
        ptr::copy_nonoverlapping(pw.as_ptr(), buf.cast::<u8>(), pw.len());
        pw.len() as c_int
    }
}

fn with_mem_bio<T>(
    data: &[u8],
    f: impl FnOnce(*mut sys::BIO) -> Result<T, LcError>,
) -> Result<T, LcError> {
    let len = isize::try_from(data.len()).map_err(|_| LcError::default())?;
    // SAFETY: a read-only memory BIO over `data`, which outlives it; freed once.
    unsafe {
        let bio = sys::BIO_new_mem_buf(data.as_ptr().cast(), len);
        if bio.is_null() {
            return Err(take_error());
        }
        let r = f(bio);
        sys::BIO_free(bio);
        if r.is_ok() {
            clear();
        }
        r
    }
}

/// An aws-lc `EVP_PKEY_CTX`: key generation, raw signatures, verification
/// and key agreement. One borrowed from a signing `MdSignCtx` (`owned`
/// false) lives as long as that context.
pub struct PkeyCtx {
    ctx: NonNull<sys::EVP_PKEY_CTX>,
    owned: bool,
}
// SAFETY: the context is used by one thread at a time (ferrossl keeps it
// behind a mutex); aws-lc contexts may move between threads.
unsafe impl Send for PkeyCtx {}

impl Drop for PkeyCtx {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: ours, freed once.
            unsafe { sys::EVP_PKEY_CTX_free(self.ctx.as_ptr()) }
        }
    }
}

impl PkeyCtx {
    /// `EVP_PKEY_CTX_new(pkey)`.
    pub fn for_key(k: &Pkey) -> Result<PkeyCtx, LcError> {
        // SAFETY: a live key; the context takes its own reference.
        let p = unsafe { sys::EVP_PKEY_CTX_new(k.ptr(), ptr::null_mut()) };
        NonNull::new(p)
            .map(|ctx| PkeyCtx { ctx, owned: true })
            .ok_or_else(take_error)
    }

    /// `EVP_PKEY_CTX_new_id(id)` (for key generation).
    pub fn for_id(id: c_int) -> Result<PkeyCtx, LcError> {
        // SAFETY: plain allocation.
        let p = unsafe { sys::EVP_PKEY_CTX_new_id(to_lc(id), ptr::null_mut()) };
        NonNull::new(p)
            .map(|ctx| PkeyCtx { ctx, owned: true })
            .ok_or_else(take_error)
    }

    fn ptr(&self) -> *mut sys::EVP_PKEY_CTX {
        self.ctx.as_ptr()
    }

    pub fn keygen_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_keygen_init(self.ptr()) })
    }

    pub fn paramgen_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_paramgen_init(self.ptr()) })
    }

    pub fn sign_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_sign_init(self.ptr()) })
    }

    pub fn verify_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_verify_init(self.ptr()) })
    }

    pub fn derive_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_derive_init(self.ptr()) })
    }

    pub fn encrypt_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_encrypt_init(self.ptr()) })
    }

    pub fn decrypt_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_decrypt_init(self.ptr()) })
    }

    pub fn verify_recover_init(&mut self) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_verify_recover_init(self.ptr()) })
    }

    /// `EVP_PKEY_CTX_set_rsa_oaep_md`.
    pub fn set_rsa_oaep_md(&mut self, md: Digest) -> Result<(), LcError> {
        // SAFETY: a live context and a static EVP_MD.
        check(unsafe { sys::EVP_PKEY_CTX_set_rsa_oaep_md(self.ptr(), md.md()) })
    }

    /// `EVP_PKEY_CTX_set_rsa_mgf1_md`.
    pub fn set_rsa_mgf1_md(&mut self, md: Digest) -> Result<(), LcError> {
        // SAFETY: a live context and a static EVP_MD.
        check(unsafe { sys::EVP_PKEY_CTX_set_rsa_mgf1_md(self.ptr(), md.md()) })
    }

    /// `EVP_PKEY_CTX_set0_rsa_oaep_label` with a copy of `label` (aws-lc
    /// takes a buffer of its own allocator).
    pub fn set_rsa_oaep_label(&mut self, label: &[u8]) -> Result<(), LcError> {
        // SAFETY: a buffer from aws-lc's allocator, filled from `label`;
        // aws-lc owns it on success, we free it on failure.
        unsafe {
            let buf = sys::OPENSSL_malloc(label.len().max(1)).cast::<u8>();
            if buf.is_null() {
                return Err(take_error());
            }
            ptr::copy_nonoverlapping(label.as_ptr(), buf, label.len());
            let r = sys::EVP_PKEY_CTX_set0_rsa_oaep_label(self.ptr(), buf, label.len());
            if r != 1 {
                sys::OPENSSL_free(buf.cast());
            }
            check(r)
        }
    }

    /// `EVP_PKEY_encrypt`, `EVP_PKEY_decrypt` or `EVP_PKEY_verify_recover`
    /// (`op` 0, 1, 2) of `input` into `out` (None: the largest length only).
    pub fn crypt(
        &mut self,
        op: u8,
        out: Option<&mut [u8]>,
        input: &[u8],
    ) -> Result<usize, LcError> {
        let (p, mut n) = match out {
            Some(o) => (o.as_mut_ptr(), o.len()),
            None => (ptr::null_mut(), 0),
        };
        let f = match op {
            0 => sys::EVP_PKEY_encrypt,
            1 => sys::EVP_PKEY_decrypt,
            _ => sys::EVP_PKEY_verify_recover,
        };
        // SAFETY: `p` is NULL or `n` writable bytes; aws-lc checks `n`.
        check(unsafe { f(self.ptr(), p, &mut n, input.as_ptr(), input.len()) })?;
        Ok(n)
    }

    pub fn set_rsa_keygen_bits(&mut self, bits: c_int) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_CTX_set_rsa_keygen_bits(self.ptr(), bits) })
    }

    /// `EVP_PKEY_CTX_set1_rsa_keygen_pubexp`: a copy of `e` (aws-lc's
    /// setter takes ownership of the copy on success).
    pub fn set1_rsa_keygen_pubexp(
        &mut self,
        e: *const super::bn::bignum_st,
    ) -> Result<(), LcError> {
        let d = super::bn::dup(e).map_err(|_| take_error())?;
        // SAFETY: a live context; `d` is a fresh BIGNUM aws-lc owns on success.
        let r = check(unsafe { sys::EVP_PKEY_CTX_set_rsa_keygen_pubexp(self.ptr(), d.cast()) });
        if r.is_err() {
            super::bn::free(d);
        }
        r
    }

    pub fn set_ec_curve(&mut self, nid: c_int) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_CTX_set_ec_paramgen_curve_nid(self.ptr(), nid) })
    }

    pub fn set_rsa_padding(&mut self, pad: c_int) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_CTX_set_rsa_padding(self.ptr(), pad) })
    }

    pub fn set_rsa_pss_saltlen(&mut self, len: c_int) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_CTX_set_rsa_pss_saltlen(self.ptr(), len) })
    }

    pub fn set_signature_md(&mut self, md: Digest) -> Result<(), LcError> {
        // SAFETY: a live context and a static EVP_MD.
        check(unsafe { sys::EVP_PKEY_CTX_set_signature_md(self.ptr(), md.md()) })
    }

    /// `EVP_PKEY_CTX_set_hkdf_md` (an HKDF context set up for derivation).
    pub fn set_hkdf_md(&mut self, md: Digest) -> Result<(), LcError> {
        // SAFETY: a live context and a static EVP_MD.
        check(unsafe { sys::EVP_PKEY_CTX_set_hkdf_md(self.ptr(), md.md()) })
    }

    /// `EVP_PKEY_CTX_hkdf_mode`: OpenSSL's and aws-lc's modes have the same
    /// numbers (0 extract-and-expand, 1 extract only, 2 expand only).
    pub fn set_hkdf_mode(&mut self, mode: c_int) -> Result<(), LcError> {
        // SAFETY: a live context.
        check(unsafe { sys::EVP_PKEY_CTX_hkdf_mode(self.ptr(), mode) })
    }

    /// `EVP_PKEY_CTX_set1_hkdf_key` (the input keying material; copied).
    pub fn set_hkdf_key(&mut self, key: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live context and a valid slice aws-lc copies.
        check(unsafe { sys::EVP_PKEY_CTX_set1_hkdf_key(self.ptr(), key.as_ptr(), key.len()) })
    }

    /// `EVP_PKEY_CTX_set1_hkdf_salt` (copied).
    pub fn set_hkdf_salt(&mut self, salt: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live context and a valid slice aws-lc copies.
        check(unsafe { sys::EVP_PKEY_CTX_set1_hkdf_salt(self.ptr(), salt.as_ptr(), salt.len()) })
    }

    /// `EVP_PKEY_CTX_add1_hkdf_info`: appended to the info so far (copied).
    pub fn add_hkdf_info(&mut self, info: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live context and a valid slice aws-lc copies.
        check(unsafe { sys::EVP_PKEY_CTX_add1_hkdf_info(self.ptr(), info.as_ptr(), info.len()) })
    }

    /// `EVP_PKEY_keygen`: a new key.
    pub fn keygen(&mut self) -> Result<Pkey, LcError> {
        let mut out: *mut sys::EVP_PKEY = ptr::null_mut();
        // SAFETY: a live context; the new key is ours.
        check(unsafe { sys::EVP_PKEY_keygen(self.ptr(), &mut out) })?;
        own(out)
    }

    /// `EVP_PKEY_paramgen`: new parameters (an EC key without its halves).
    pub fn paramgen(&mut self) -> Result<Pkey, LcError> {
        let mut out: *mut sys::EVP_PKEY = ptr::null_mut();
        // SAFETY: a live context; the new key is ours.
        check(unsafe { sys::EVP_PKEY_paramgen(self.ptr(), &mut out) })?;
        own(out)
    }

    /// `EVP_PKEY_sign` of the digest `tbs` into `out` (None: the largest
    /// length only); the signature length.
    pub fn sign(&mut self, out: Option<&mut [u8]>, tbs: &[u8]) -> Result<usize, LcError> {
        let (p, mut n) = match out {
            Some(o) => (o.as_mut_ptr(), o.len()),
            None => (ptr::null_mut(), 0),
        };
        // SAFETY: `p` is NULL or `n` writable bytes; aws-lc checks `n`.
        check(unsafe { sys::EVP_PKEY_sign(self.ptr(), p, &mut n, tbs.as_ptr(), tbs.len()) })?;
        Ok(n)
    }

    /// `EVP_PKEY_verify`: Ok(true) for a good signature, Ok(false) for a bad one.
    pub fn verify(&mut self, sig: &[u8], tbs: &[u8]) -> Result<bool, LcError> {
        // SAFETY: valid slices.
        let r = unsafe {
            sys::EVP_PKEY_verify(self.ptr(), sig.as_ptr(), sig.len(), tbs.as_ptr(), tbs.len())
        };
        let _ = take_error();
        Ok(r == 1)
    }

    /// `EVP_PKEY_derive_set_peer`.
    pub fn set_peer(&mut self, peer: &Pkey) -> Result<(), LcError> {
        // SAFETY: live context and key; aws-lc takes its own reference.
        check(unsafe { sys::EVP_PKEY_derive_set_peer(self.ptr(), peer.ptr()) })
    }

    /// `EVP_PKEY_derive` into `out` (None: the length only).
    pub fn derive(&mut self, out: Option<&mut [u8]>) -> Result<usize, LcError> {
        let (p, mut n) = match out {
            Some(o) => (o.as_mut_ptr(), o.len()),
            None => (ptr::null_mut(), 0),
        };
        // SAFETY: `p` is NULL or `n` writable bytes; aws-lc checks `n`.
        check(unsafe { sys::EVP_PKEY_derive(self.ptr(), p, &mut n) })?;
        Ok(n)
    }
}

/// An aws-lc `EVP_MD_CTX` set up by `EVP_DigestSignInit` or
/// `EVP_DigestVerifyInit`.
pub struct MdSignCtx {
    ctx: NonNull<sys::EVP_MD_CTX>,
    /// Kept alive for as long as aws-lc's context may use it.
    _key: Pkey,
}
// SAFETY: used by one thread at a time (behind ferrossl's mutex).
unsafe impl Send for MdSignCtx {}

impl Drop for MdSignCtx {
    fn drop(&mut self) {
        // SAFETY: ours, freed once (this also frees its EVP_PKEY_CTX).
        unsafe { sys::EVP_MD_CTX_free(self.ctx.as_ptr()) }
    }
}

impl MdSignCtx {
    /// Starts signing (`verify` false) or verifying with `key` and `md`
    /// (None for Ed25519 and for each type's default); also returns
    /// aws-lc's `EVP_PKEY_CTX` inside, borrowed.
    pub fn new(md: Option<Digest>, key: &Pkey, verify: bool) -> Result<(Self, PkeyCtx), LcError> {
        // SAFETY: a fresh context, a static EVP_MD or NULL, a live key (aws-lc
        // takes its own reference); the pctx it returns lives in the context.
        unsafe {
            let ctx = NonNull::new(sys::EVP_MD_CTX_new()).ok_or_else(take_error)?;
            let me = MdSignCtx {
                ctx,
                _key: key.clone(),
            };
            let md = md.map_or(ptr::null(), |d| d.md());
            let mut pctx: *mut sys::EVP_PKEY_CTX = ptr::null_mut();
            let r = if verify {
                sys::EVP_DigestVerifyInit(ctx.as_ptr(), &mut pctx, md, ptr::null_mut(), key.ptr())
            } else {
                sys::EVP_DigestSignInit(ctx.as_ptr(), &mut pctx, md, ptr::null_mut(), key.ptr())
            };
            check(r)?;
            let ctx = NonNull::new(pctx).ok_or_else(take_error)?;
            Ok((me, PkeyCtx { ctx, owned: false }))
        }
    }

    /// aws-lc's context, for `X509_sign_ctx` (src/ffi/x509.rs).
    pub(super) fn raw(&mut self) -> *mut sys::EVP_MD_CTX {
        self.ctx.as_ptr()
    }

    pub fn sign_update(&mut self, data: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live context, a valid slice.
        check(unsafe {
            sys::EVP_DigestSignUpdate(self.ctx.as_ptr(), data.as_ptr().cast(), data.len())
        })
    }

    pub fn verify_update(&mut self, data: &[u8]) -> Result<(), LcError> {
        // SAFETY: a live context, a valid slice.
        check(unsafe {
            sys::EVP_DigestVerifyUpdate(self.ctx.as_ptr(), data.as_ptr().cast(), data.len())
        })
    }

    /// `EVP_DigestSignFinal` into `out` (None: the largest length).
    pub fn sign_final(&mut self, out: Option<&mut [u8]>) -> Result<usize, LcError> {
        let (p, mut n) = match out {
            Some(o) => (o.as_mut_ptr(), o.len()),
            None => (ptr::null_mut(), 0),
        };
        // SAFETY: `p` is NULL or `n` writable bytes; aws-lc checks `n`.
        check(unsafe { sys::EVP_DigestSignFinal(self.ctx.as_ptr(), p, &mut n) })?;
        Ok(n)
    }

    /// `EVP_DigestSign` (one shot; the only way for Ed25519).
    pub fn sign_oneshot(&mut self, out: Option<&mut [u8]>, data: &[u8]) -> Result<usize, LcError> {
        let (p, mut n) = match out {
            Some(o) => (o.as_mut_ptr(), o.len()),
            None => (ptr::null_mut(), 0),
        };
        // SAFETY: as in `sign_final`; `data` is a valid slice.
        check(unsafe {
            sys::EVP_DigestSign(self.ctx.as_ptr(), p, &mut n, data.as_ptr(), data.len())
        })?;
        Ok(n)
    }

    /// `EVP_DigestVerifyFinal`: Ok(false) for a wrong signature.
    pub fn verify_final(&mut self, sig: &[u8]) -> bool {
        // SAFETY: a live context, a valid slice.
        let r = unsafe { sys::EVP_DigestVerifyFinal(self.ctx.as_ptr(), sig.as_ptr(), sig.len()) };
        let _ = take_error();
        r == 1
    }

    /// `EVP_DigestVerify` (one shot).
    pub fn verify_oneshot(&mut self, sig: &[u8], data: &[u8]) -> bool {
        // SAFETY: valid slices.
        let r = unsafe {
            sys::EVP_DigestVerify(
                self.ctx.as_ptr(),
                sig.as_ptr(),
                sig.len(),
                data.as_ptr(),
                data.len(),
            )
        };
        let _ = take_error();
        r == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec_keygen_sign_verify_and_pkcs8_round_trip() {
        let mut c = PkeyCtx::for_id(NID_EC).unwrap();
        c.keygen_init().unwrap();
        c.set_ec_curve(415).unwrap(); // NID_X9_62_prime256v1
        let k = c.keygen().unwrap();
        assert_eq!(k.id(), NID_EC);
        assert_eq!(k.bits(), 256);
        assert_eq!(k.ec_curve_nid(), 415);
        assert!(k.has_private());
        let der = k.to_pkcs8().unwrap();
        let (k2, used) = Pkey::private_from_der(&der).unwrap();
        assert_eq!(used, der.len());
        assert_eq!(k.compare(&k2), 1);
        let (pubk, _) = Pkey::public_from_der(&k.to_spki().unwrap()).unwrap();
        assert!(!pubk.has_private());
        assert_eq!(pubk.compare(&k), 1);

        let (mut s, _) = MdSignCtx::new(Some(Digest::Sha256), &k, false).unwrap();
        let mut sig = vec![0u8; 128];
        let n = s.sign_oneshot(Some(&mut sig), b"hello").unwrap();
        sig.truncate(n);
        let (mut v, _) = MdSignCtx::new(Some(Digest::Sha256), &pubk, true).unwrap();
        assert!(v.verify_oneshot(&sig, b"hello"));
        let (mut v, _) = MdSignCtx::new(Some(Digest::Sha256), &pubk, true).unwrap();
        assert!(!v.verify_oneshot(&sig, b"hellO"));
        assert_eq!(take_error(), LcError::default());
    }

    #[test]
    fn garbage_is_refused_and_the_queue_left_clean() {
        assert!(Pkey::private_from_der(b"\x30\x03\x02\x01").is_err());
        assert!(Pkey::public_from_der(b"").is_err());
        assert!(Pkey::private_from_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n", None).is_err());
        // SAFETY: reading aws-lc's queue.
        assert_eq!(unsafe { sys::ERR_peek_error() }, 0);
    }
}

#[cfg(test)]
mod tests_ed {
    use super::*;
    #[test]
    fn ed25519_and_x25519_keygen() {
        for id in [1087, 1034] {
            let c = PkeyCtx::for_id(id);
            let mut c = c.unwrap_or_else(|e| panic!("new_id {id}: {e:?}"));
            c.keygen_init()
                .unwrap_or_else(|e| panic!("init {id}: {e:?}"));
            let k = c.keygen().unwrap_or_else(|e| panic!("keygen {id}: {e:?}"));
            assert_eq!(k.id(), id);
        }
    }
}
