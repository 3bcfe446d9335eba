//! aws-lc's PKCS#12 code (BoringSSL's pkcs8_x509.c): parsing, MAC checks and
//! creation of PFX files. ferrossl's `PKCS12` handle keeps the DER; each
//! operation runs on an aws-lc `PKCS12` made from it. Certificates cross as
//! DER, keys as aws-lc `EVP_PKEY`s ([`Pkey`]).

use super::lc::Digest;
use super::pkey::{take_error, LcError, Pkey};
use aws_lc_sys as sys;
use std::ffi::{c_int, c_long, CStr};
use std::ptr::{self, NonNull};

/// An aws-lc object freed on drop.
struct Owned<T>(NonNull<T>, unsafe extern "C" fn(*mut T));
impl<T> Drop for Owned<T> {
    fn drop(&mut self) {
        // SAFETY: our object, freed once with its own free function.
        unsafe { (self.1)(self.0.as_ptr()) }
    }
}

fn p12_from_der(der: &[u8]) -> Result<(Owned<sys::PKCS12>, usize), LcError> {
    let mut p = der.as_ptr();
    // SAFETY: `p` points at der.len() readable bytes; d2i_PKCS12 advances it.
    let raw = unsafe { sys::d2i_PKCS12(ptr::null_mut(), &mut p, der.len()) };
    let p12 = NonNull::new(raw).ok_or_else(take_error)?;
    // SAFETY: clears aws-lc's queue after a success.
    unsafe { sys::ERR_clear_error() };
    Ok((
        Owned(p12, sys::PKCS12_free),
        (p as usize).wrapping_sub(der.as_ptr() as usize),
    ))
}

fn p12_to_der(p12: &Owned<sys::PKCS12>) -> Result<Vec<u8>, LcError> {
    let mut out: *mut u8 = ptr::null_mut();
    // SAFETY: a live PKCS12; aws-lc allocates `out`, copied then freed.
    unsafe {
        let n = sys::i2d_PKCS12(p12.0.as_ptr(), &mut out);
        if n <= 0 || out.is_null() {
            return Err(take_error());
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        Ok(v)
    }
}

fn x509_from_der(der: &[u8]) -> Result<Owned<sys::X509>, LcError> {
    let len = c_long::try_from(der.len()).map_err(|_| LcError::default())?;
    let mut p = der.as_ptr();
    // SAFETY: `p` points at `len` readable bytes.
    let x = unsafe { sys::d2i_X509(ptr::null_mut(), &mut p, len) };
    NonNull::new(x)
        .map(|x| Owned(x, sys::X509_free))
        .ok_or_else(take_error)
}

fn x509_to_der(x: *mut sys::X509) -> Result<Vec<u8>, LcError> {
    let mut out: *mut u8 = ptr::null_mut();
    // SAFETY: `x` is a live X509; aws-lc allocates `out`, copied then freed.
    unsafe {
        let n = sys::i2d_X509(x, &mut out);
        if n <= 0 || out.is_null() {
            return Err(take_error());
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        Ok(v)
    }
}

unsafe extern "C" fn free_x509_void(p: *mut std::ffi::c_void) {
    // SAFETY: the stack holds X509s this module pushed or aws-lc returned.
    unsafe { sys::X509_free(p.cast()) }
}

unsafe extern "C" fn call_free(f: sys::OPENSSL_sk_free_func, p: *mut std::ffi::c_void) {
    if let Some(f) = f {
        // SAFETY: aws-lc's calling convention for stack element frees.
        unsafe { f(p) }
    }
}

/// A stack of aws-lc X509s, freed with its elements.
struct X509s(NonNull<sys::OPENSSL_STACK>);
impl Drop for X509s {
    fn drop(&mut self) {
        // SAFETY: our stack; each element is an X509 reference we own.
        unsafe {
            sys::OPENSSL_sk_pop_free_ex(self.0.as_ptr(), Some(call_free), Some(free_x509_void))
        }
    }
}
impl X509s {
    fn new() -> Result<Self, LcError> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { sys::OPENSSL_sk_new_null() })
            .map(X509s)
            .ok_or_else(take_error)
    }
    fn ders(&self) -> Result<Vec<Vec<u8>>, LcError> {
        // SAFETY: a live stack of X509s.
        let n = unsafe { sys::OPENSSL_sk_num(self.0.as_ptr()) };
        (0..n)
            // SAFETY: index below the count; the element stays owned by the stack.
            .map(|i| x509_to_der(unsafe { sys::OPENSSL_sk_value(self.0.as_ptr(), i) }.cast()))
            .collect()
    }
}

/// `p` and a NUL after it: aws-lc reads passwords as C strings even when
/// given a length (an empty slice's pointer is not readable).
fn nul_terminated(p: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(p.len() + 1);
    v.extend_from_slice(p);
    v.push(0);
    v
}

/// What a PFX holds: the key, its certificate, the other certificates.
pub struct Contents {
    pub key: Option<Pkey>,
    pub cert: Option<Vec<u8>>,
    pub ca: Vec<Vec<u8>>,
}

/// The bytes the PFX at the start of `der` takes, its outer structure
/// checked as OpenSSL's d2i does (aws-lc's d2i_PKCS12 only copies bytes):
/// `SEQUENCE { INTEGER 3, ContentInfo SEQUENCE { OID, ... }, macData
/// SEQUENCE OPTIONAL }`, read with aws-lc's CBS. A BER element of
/// indefinite length (some Windows exports) takes all of `der`; aws-lc's
/// parser converts it when the file is opened.
pub fn check_der(der: &[u8]) -> Result<usize, LcError> {
    let bad = || LcError {
        text: "DECODE_ERROR".into(),
        ..LcError::default()
    };
    if der.starts_with(&[0x30, 0x80]) {
        return Ok(der.len());
    }
    // SAFETY: every CBS points into `der`, which outlives this function;
    // CBS_* only read within the lengths they were given.
    unsafe {
        let mut all = std::mem::zeroed::<sys::CBS>();
        sys::CBS_init(&mut all, der.as_ptr(), der.len());
        let (mut pfx, mut auth, mut oid, mut mac) = (
            std::mem::zeroed::<sys::CBS>(),
            std::mem::zeroed::<sys::CBS>(),
            std::mem::zeroed::<sys::CBS>(),
            std::mem::zeroed::<sys::CBS>(),
        );
        let mut version = 0u64;
        let seq = sys::CBS_ASN1_SEQUENCE as sys::CBS_ASN1_TAG;
        let ok = sys::CBS_get_asn1(&mut all, &mut pfx, seq) == 1
            && sys::CBS_get_asn1_uint64(&mut pfx, &mut version) == 1
            && version == 3
            && sys::CBS_get_asn1(&mut pfx, &mut auth, seq) == 1
            && sys::CBS_get_asn1(
                &mut auth,
                &mut oid,
                sys::CBS_ASN1_OBJECT as sys::CBS_ASN1_TAG,
            ) == 1
            && (sys::CBS_len(&pfx) == 0 || sys::CBS_get_asn1(&mut pfx, &mut mac, seq) == 1)
            && sys::CBS_len(&pfx) == 0;
        sys::ERR_clear_error();
        if ok {
            Ok(der.len() - sys::CBS_len(&all))
        } else {
            Err(bad())
        }
    }
}

/// `PKCS12_parse`: decrypts with `pass` (None: no password; aws-lc also
/// tries the empty one, as OpenSSL does).
pub fn parse(der: &[u8], pass: Option<&CStr>) -> Result<Contents, LcError> {
    let (p12, _) = p12_from_der(der)?;
    let mut key: *mut sys::EVP_PKEY = ptr::null_mut();
    let mut cert: *mut sys::X509 = ptr::null_mut();
    let ca = X509s::new()?;
    let mut ca_ptr = ca.0.as_ptr().cast::<sys::stack_st_X509>();
    // SAFETY: live PKCS12; the out-parameters receive references we own
    // (`ca_ptr` is our stack, which aws-lc appends to).
    let ok = unsafe {
        sys::PKCS12_parse(
            p12.0.as_ptr(),
            pass.map_or(ptr::null(), |p| p.as_ptr()),
            &mut key,
            &mut cert,
            &mut ca_ptr,
        )
    };
    let key = NonNull::new(key).map(Pkey::from_owned);
    let cert = NonNull::new(cert).map(|c| Owned(c, sys::X509_free));
    if ok != 1 {
        return Err(take_error());
    }
    // SAFETY: clears aws-lc's queue after a success.
    unsafe { sys::ERR_clear_error() };
    Ok(Contents {
        key,
        cert: cert.map(|c| x509_to_der(c.0.as_ptr())).transpose()?,
        ca: ca.ders()?,
    })
}

/// `PKCS12_verify_mac`: whether `pass` (None: no password) checks the MAC.
pub fn verify_mac(der: &[u8], pass: Option<&[u8]>) -> Result<bool, LcError> {
    let (p12, _) = p12_from_der(der)?;
    let len = c_int::try_from(pass.map_or(0, <[u8]>::len)).map_err(|_| LcError::default())?;
    let pass = pass.map(nul_terminated);
    // SAFETY: live PKCS12; `pass` is `len` readable bytes and a NUL, or NULL.
    let ok = unsafe {
        sys::PKCS12_verify_mac(
            p12.0.as_ptr(),
            pass.as_ref().map_or(ptr::null(), |p| p.as_ptr().cast()),
            len,
        )
    };
    // SAFETY: aws-lc's queue: a failed check is an answer, not an error.
    unsafe { sys::ERR_clear_error() };
    Ok(ok == 1)
}

/// `PKCS12_set_mac`: a new MAC over the PFX in `der` with `pass`, returning
/// the new DER.
pub fn set_mac(
    der: &[u8],
    pass: Option<&[u8]>,
    salt: Option<&[u8]>,
    iterations: c_int,
    md: Option<Digest>,
) -> Result<Vec<u8>, LcError> {
    let (p12, _) = p12_from_der(der)?;
    let plen = c_int::try_from(pass.map_or(0, <[u8]>::len)).map_err(|_| LcError::default())?;
    let slen = c_int::try_from(salt.map_or(0, <[u8]>::len)).map_err(|_| LcError::default())?;
    let pass = pass.map(nul_terminated);
    let mut salt_copy = salt.map(<[u8]>::to_vec);
    // SAFETY: live PKCS12; the buffers are readable for the lengths given
    // (aws-lc takes a mutable salt pointer but does not write it).
    let ok = unsafe {
        sys::PKCS12_set_mac(
            p12.0.as_ptr(),
            pass.as_ref().map_or(ptr::null(), |p| p.as_ptr().cast()),
            plen,
            salt_copy
                .as_mut()
                .map_or(ptr::null_mut(), |s| s.as_mut_ptr()),
            slen,
            iterations,
            md.map_or(ptr::null(), Digest::md),
        )
    };
    if ok != 1 {
        return Err(take_error());
    }
    p12_to_der(&p12)
}

/// What `PKCS12_create` is asked to pack.
pub struct Create<'a> {
    pub pass: Option<&'a CStr>,
    pub name: Option<&'a CStr>,
    pub key: Option<&'a Pkey>,
    pub cert: Option<&'a [u8]>,
    pub chain: Vec<&'a [u8]>,
    pub key_nid: c_int,
    pub cert_nid: c_int,
    pub iterations: c_int,
    pub mac_iterations: c_int,
    pub key_type: c_int,
}

/// `PKCS12_create`: the new PFX's DER.
pub fn create(c: &Create<'_>) -> Result<Vec<u8>, LcError> {
    let cert = c.cert.map(x509_from_der).transpose()?;
    let chain = X509s::new()?;
    for der in &c.chain {
        let x = x509_from_der(der)?;
        // SAFETY: the stack takes over our reference to `x`.
        unsafe { sys::OPENSSL_sk_push(chain.0.as_ptr(), x.0.as_ptr().cast()) };
        std::mem::forget(x);
    }
    // SAFETY: every pointer is a live aws-lc object or NULL; aws-lc takes
    // its own references.
    let raw = unsafe {
        sys::PKCS12_create(
            c.pass.map_or(ptr::null(), |p| p.as_ptr()),
            c.name.map_or(ptr::null(), |p| p.as_ptr()),
            c.key.map_or(ptr::null(), |k| k.as_ptr()),
            cert.as_ref().map_or(ptr::null_mut(), |x| x.0.as_ptr()),
            chain.0.as_ptr().cast(),
            c.key_nid,
            c.cert_nid,
            c.iterations,
            c.mac_iterations,
            c.key_type,
        )
    };
    let p12 = NonNull::new(raw)
        .map(|p| Owned(p, sys::PKCS12_free))
        .ok_or_else(take_error)?;
    p12_to_der(&p12)
}
