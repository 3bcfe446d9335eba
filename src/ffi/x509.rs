//! aws-lc's `X509`, `X509_NAME` and `X509_EXTENSION` code (OpenSSL's
//! x509/x509v3 code, which aws-lc carries), owned safely: what builds,
//! encodes and signs the certificates C makes with `X509_new` & co, edits
//! names (`X509_NAME_add_entry_by_txt`) and makes extensions from their text
//! form (`X509V3_EXT_nconf`). ferrossl keeps OpenSSL 3's handles around
//! them (src/crypto/x509); aws-lc's error queue is drained after each call.

use super::conf::Conf;
use super::lc::Digest;
use super::pkey::{take_error, LcError, MdSignCtx, Pkey};
use aws_lc_sys as sys;
use std::ffi::{c_int, c_long, CStr};
use std::ptr::{self, NonNull};

fn check(ok: bool) -> Result<(), LcError> {
    if ok {
        // SAFETY: aws-lc's thread-local queue.
        unsafe { sys::ERR_clear_error() };
        Ok(())
    } else {
        Err(take_error())
    }
}

/// Copies what an aws-lc `i2d_*` allocated (aws-lc's allocator) into a
/// `Vec`, freeing it.
fn i2d(f: impl FnOnce(*mut *mut u8) -> c_int) -> Result<Vec<u8>, LcError> {
    let mut out: *mut u8 = ptr::null_mut();
    let n = f(&mut out);
    if n <= 0 || out.is_null() {
        return Err(take_error());
    }
    // SAFETY: aws-lc wrote `n` bytes at `out`, allocated with its
    // OPENSSL_malloc; copied, then freed once.
    let v = unsafe {
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        sys::OPENSSL_free(out.cast());
        v
    };
    Ok(v)
}

fn len_of(der: &[u8]) -> Result<c_long, LcError> {
    c_long::try_from(der.len()).map_err(|_| LcError::default())
}

/// An aws-lc `X509_NAME` made from DER, freed on drop.
struct Name(NonNull<sys::X509_NAME>);

impl Drop for Name {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::X509_NAME_free(self.0.as_ptr()) }
    }
}

impl Name {
    fn from_der(der: &[u8]) -> Result<Name, LcError> {
        let len = len_of(der)?;
        let mut p = der.as_ptr();
        // SAFETY: `p` points at `len` readable bytes.
        let n = unsafe { sys::d2i_X509_NAME(ptr::null_mut(), &mut p, len) };
        NonNull::new(n).map(Name).ok_or_else(take_error)
    }

    fn to_der(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live name; `out` receives aws-lc's allocation.
        i2d(|out| unsafe { sys::i2d_X509_NAME(self.0.as_ptr(), out) })
    }
}

/// `X509_NAME_add_entry_by_txt` (aws-lc's: OpenSSL's string-type choice for
/// `MBSTRING_*` input) on the name `der`; the new name's DER.
pub fn name_add_entry(
    der: &[u8],
    field: &CStr,
    kind: c_int,
    bytes: &[u8],
    loc: c_int,
    set: c_int,
) -> Result<Vec<u8>, LcError> {
    let n = Name::from_der(der)?;
    let len = isize::try_from(bytes.len()).map_err(|_| LcError::default())?;
    // SAFETY: a live name, a NUL-terminated field, `len` readable bytes.
    let ok = unsafe {
        sys::X509_NAME_add_entry_by_txt(
            n.0.as_ptr(),
            field.as_ptr(),
            kind,
            bytes.as_ptr(),
            len as _,
            loc,
            set,
        )
    };
    check(ok == 1)?;
    n.to_der()
}

/// `X509_NAME_delete_entry(loc)` on the name `der`; the new name's DER.
pub fn name_delete_entry(der: &[u8], loc: c_int) -> Result<Vec<u8>, LcError> {
    let n = Name::from_der(der)?;
    // SAFETY: a live name; the removed entry is ours to free.
    let e = unsafe { sys::X509_NAME_delete_entry(n.0.as_ptr(), loc) };
    if e.is_null() {
        return Err(take_error());
    }
    // SAFETY: as above.
    unsafe { sys::X509_NAME_ENTRY_free(e) };
    n.to_der()
}

/// An aws-lc ASN1_STRING of `kind` holding `bytes`, freed on drop.
struct Str(NonNull<sys::ASN1_STRING>);

impl Drop for Str {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::ASN1_STRING_free(self.0.as_ptr()) }
    }
}

impl Str {
    fn new(kind: c_int, bytes: &[u8]) -> Result<Str, LcError> {
        // SAFETY: a fresh string, then `bytes` copied into it.
        let s = NonNull::new(unsafe { sys::ASN1_STRING_type_new(kind) })
            .map(Str)
            .ok_or_else(take_error)?;
        let len = isize::try_from(bytes.len()).map_err(|_| LcError::default())?;
        // SAFETY: a live string, `len` readable bytes.
        check(unsafe { sys::ASN1_STRING_set(s.0.as_ptr(), bytes.as_ptr().cast(), len as _) } == 1)?;
        Ok(s)
    }
}

/// An aws-lc `X509`: the certificate C builds (`X509_new`, `X509_set_*`,
/// `X509_add_ext`, `X509_sign`) or one parsed and then changed.
pub struct Cert(NonNull<sys::X509>);
// SAFETY: aws-lc's X509 may be read from several threads (its cached
// fields are locked); ferrossl changes it only under its owner's mutex.
unsafe impl Send for Cert {}
// SAFETY: as above.
unsafe impl Sync for Cert {}

impl Drop for Cert {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::X509_free(self.0.as_ptr()) }
    }
}

impl std::fmt::Debug for Cert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("aws-lc X509")
    }
}

impl Cert {
    /// `X509_new`: an empty certificate.
    pub fn new() -> Result<Cert, LcError> {
        // SAFETY: allocates a new X509.
        NonNull::new(unsafe { sys::X509_new() })
            .map(Cert)
            .ok_or_else(take_error)
    }

    pub fn from_der(der: &[u8]) -> Result<Cert, LcError> {
        let len = len_of(der)?;
        let mut p = der.as_ptr();
        // SAFETY: `p` points at `len` readable bytes.
        let x = unsafe { sys::d2i_X509(ptr::null_mut(), &mut p, len) };
        NonNull::new(x).map(Cert).ok_or_else(take_error)
    }

    /// `i2d_X509`: the DER, re-encoded from the fields.
    pub fn to_der(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live certificate; `out` receives aws-lc's allocation.
        i2d(|out| unsafe { sys::i2d_X509(self.0.as_ptr(), out) })
    }

    pub fn set_version(&mut self, v: c_long) -> Result<(), LcError> {
        // SAFETY: a live certificate.
        check(unsafe { sys::X509_set_version(self.0.as_ptr(), v) } == 1)
    }

    /// The serial number: an INTEGER's type (`V_ASN1_INTEGER` or
    /// `V_ASN1_NEG_INTEGER`) and magnitude, as `ASN1_INTEGER` holds them.
    pub fn set_serial(&mut self, kind: c_int, magnitude: &[u8]) -> Result<(), LcError> {
        let s = Str::new(kind, magnitude)?;
        // SAFETY: a live certificate; aws-lc copies the integer.
        check(unsafe { sys::X509_set_serialNumber(self.0.as_ptr(), s.0.as_ptr()) } == 1)
    }

    /// notBefore (`after` false) or notAfter: an ASN1_TIME's type and text.
    pub fn set_time(&mut self, after: bool, kind: c_int, text: &[u8]) -> Result<(), LcError> {
        let s = Str::new(kind, text)?;
        // SAFETY: a live certificate; aws-lc copies the time.
        let ok = unsafe {
            if after {
                sys::X509_set1_notAfter(self.0.as_ptr(), s.0.as_ptr())
            } else {
                sys::X509_set1_notBefore(self.0.as_ptr(), s.0.as_ptr())
            }
        };
        check(ok == 1)
    }

    /// The issuer (`issuer` true) or subject name, from its DER.
    pub fn set_name(&mut self, issuer: bool, der: &[u8]) -> Result<(), LcError> {
        let n = Name::from_der(der)?;
        // SAFETY: a live certificate and name; aws-lc copies the name.
        let ok = unsafe {
            if issuer {
                sys::X509_set_issuer_name(self.0.as_ptr(), n.0.as_ptr())
            } else {
                sys::X509_set_subject_name(self.0.as_ptr(), n.0.as_ptr())
            }
        };
        check(ok == 1)
    }

    pub fn set_pubkey(&mut self, key: &Pkey) -> Result<(), LcError> {
        // SAFETY: a live certificate and key; aws-lc encodes the public half.
        check(unsafe { sys::X509_set_pubkey(self.0.as_ptr(), key.ptr()) } == 1)
    }

    /// `X509_add_ext` of the DER `Extension` at `loc` (-1: the end).
    pub fn add_ext(&mut self, ext_der: &[u8], loc: c_int) -> Result<(), LcError> {
        let e = Ext::from_der(ext_der)?;
        // SAFETY: a live certificate and extension; aws-lc copies it.
        check(unsafe { sys::X509_add_ext(self.0.as_ptr(), e.0.as_ptr(), loc) } == 1)?;
        self.forget_encoding();
        Ok(())
    }

    /// Drops aws-lc's cached TBSCertificate encoding, which its
    /// `X509_add_ext` / `X509_delete_ext` leave in place (OpenSSL 3 marks
    /// the certificate modified): the next `i2d_X509` encodes the fields.
    fn forget_encoding(&mut self) {
        // SAFETY: a live certificate; a NULL output only measures.
        unsafe { sys::i2d_re_X509_tbs(self.0.as_ptr(), ptr::null_mut()) };
        let _ = take_error();
    }

    /// `X509_delete_ext(loc)`; false if there is none there.
    pub fn delete_ext(&mut self, loc: c_int) -> bool {
        // SAFETY: a live certificate; the removed extension is ours.
        let e = unsafe { sys::X509_delete_ext(self.0.as_ptr(), loc) };
        let _ = take_error();
        if e.is_null() {
            return false;
        }
        // SAFETY: as above, freed once.
        unsafe { sys::X509_EXTENSION_free(e) };
        self.forget_encoding();
        true
    }

    /// `X509_sign` with `key` and `md` (None: Ed25519's "no digest").
    pub fn sign(&mut self, key: &Pkey, md: Option<Digest>) -> Result<(), LcError> {
        let md = md.map_or(ptr::null(), Digest::md);
        // SAFETY: a live certificate and key, a static EVP_MD or NULL.
        check(unsafe { sys::X509_sign(self.0.as_ptr(), key.ptr(), md) } > 0)
    }

    /// `X509_sign_ctx` with a context set up by `EVP_DigestSignInit`.
    pub fn sign_ctx(&mut self, ctx: &mut MdSignCtx) -> Result<(), LcError> {
        // SAFETY: a live certificate and signing context.
        check(unsafe { sys::X509_sign_ctx(self.0.as_ptr(), ctx.raw()) } > 0)
    }
}

/// An ASN1_STRING's type and bytes, copied.
fn string_view(s: *const sys::ASN1_STRING) -> (c_int, Vec<u8>) {
    if s.is_null() {
        return (-1, Vec::new());
    }
    // SAFETY: a live string owned by its parent; its data is `length` bytes.
    unsafe {
        let n = usize::try_from(sys::ASN1_STRING_length(s)).unwrap_or(0);
        let d = sys::ASN1_STRING_get0_data(s);
        let bytes = if d.is_null() || n == 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(d, n).to_vec()
        };
        (sys::ASN1_STRING_type(s), bytes)
    }
}

/// An OBJECT IDENTIFIER's content octets, copied.
fn oid_view(o: *const sys::ASN1_OBJECT) -> Vec<u8> {
    if o.is_null() {
        return Vec::new();
    }
    // SAFETY: a live object; OBJ_get0_data points at OBJ_length bytes.
    unsafe {
        let (d, n) = (sys::OBJ_get0_data(o), sys::OBJ_length(o));
        if d.is_null() || n == 0 {
            return Vec::new();
        }
        std::slice::from_raw_parts(d, n).to_vec()
    }
}

/// A name as aws-lc holds it after `d2i_X509`: its encoding (`i2d_X509_NAME`)
/// and its entries (OID content, string type, string bytes, RDN index).
#[derive(Debug, PartialEq, Eq)]
pub struct NameView {
    pub der: Vec<u8>,
    pub entries: Vec<(Vec<u8>, c_int, Vec<u8>, c_int)>,
}

fn name_view(n: *const sys::X509_NAME) -> Result<NameView, LcError> {
    // SAFETY: a live name owned by its certificate; entries are borrowed.
    unsafe {
        let der = i2d(|out| sys::i2d_X509_NAME(n as *mut _, out))?;
        let count = sys::X509_NAME_entry_count(n);
        let mut entries = Vec::new();
        for i in 0..count {
            let e = sys::X509_NAME_get_entry(n, i);
            let (kind, bytes) = string_view(sys::X509_NAME_ENTRY_get_data(e));
            entries.push((
                oid_view(sys::X509_NAME_ENTRY_get_object(e)),
                kind,
                bytes,
                sys::X509_NAME_ENTRY_set(e),
            ));
        }
        Ok(NameView { der, entries })
    }
}

/// The fields of a certificate as aws-lc's `d2i_X509` parsed them: what the
/// differential fuzz target (fuzz/fuzz_targets/x509_diff.rs) compares with
/// ferrossl's own reader.
#[derive(Debug)]
pub struct CertView {
    pub version: c_long,
    /// (V_ASN1_INTEGER or V_ASN1_NEG_INTEGER, magnitude)
    pub serial: (c_int, Vec<u8>),
    /// tbsCertificate.signature's OID content
    pub signature_alg: Vec<u8>,
    pub issuer: NameView,
    pub subject: NameView,
    pub not_before: (c_int, Vec<u8>),
    pub not_after: (c_int, Vec<u8>),
    /// (OID content, critical, extnValue octets)
    pub extensions: Vec<(Vec<u8>, bool, Vec<u8>)>,
    /// SubjectPublicKeyInfo as `i2d_X509_PUBKEY` writes it
    pub spki: Vec<u8>,
}

impl Cert {
    /// `d2i_X509` that must consume all of `der` (trailing bytes refused).
    pub fn from_der_exact(der: &[u8]) -> Result<Cert, LcError> {
        let len = len_of(der)?;
        let mut p = der.as_ptr();
        // SAFETY: `p` points at `len` readable bytes; d2i advances it.
        let x = unsafe { sys::d2i_X509(ptr::null_mut(), &mut p, len) };
        let c = NonNull::new(x).map(Cert).ok_or_else(take_error)?;
        if (p as usize).wrapping_sub(der.as_ptr() as usize) != der.len() {
            return Err(LcError::default());
        }
        Ok(c)
    }

    /// The parsed fields (see [`CertView`]).
    pub fn view(&self) -> Result<CertView, LcError> {
        let x = self.0.as_ptr() as *const sys::X509;
        // SAFETY: a live certificate; every pointer read is owned by it and
        // only copied here.
        unsafe {
            let mut alg: *const sys::ASN1_OBJECT = ptr::null();
            sys::X509_ALGOR_get0(
                &mut alg,
                ptr::null_mut(),
                ptr::null_mut(),
                sys::X509_get0_tbs_sigalg(x),
            );
            let mut extensions = Vec::new();
            for i in 0..sys::X509_get_ext_count(x) {
                let e = sys::X509_get_ext(x, i);
                extensions.push((
                    oid_view(sys::X509_EXTENSION_get_object(e)),
                    sys::X509_EXTENSION_get_critical(e) != 0,
                    string_view(sys::X509_EXTENSION_get_data(e) as *const _).1,
                ));
            }
            let spki = i2d(|out| sys::i2d_X509_PUBKEY(sys::X509_get_X509_PUBKEY(x), out))?;
            let v = CertView {
                version: sys::X509_get_version(x),
                serial: string_view(sys::X509_get0_serialNumber(x) as *const _),
                signature_alg: oid_view(alg),
                issuer: name_view(sys::X509_get_issuer_name(x))?,
                subject: name_view(sys::X509_get_subject_name(x))?,
                not_before: string_view(sys::X509_get0_notBefore(x) as *const _),
                not_after: string_view(sys::X509_get0_notAfter(x) as *const _),
                extensions,
                spki,
            };
            let _ = take_error();
            Ok(v)
        }
    }
}

/// An aws-lc `X509_EXTENSION`, freed on drop.
struct Ext(NonNull<sys::X509_EXTENSION>);

impl Drop for Ext {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::X509_EXTENSION_free(self.0.as_ptr()) }
    }
}

impl Ext {
    fn from_der(der: &[u8]) -> Result<Ext, LcError> {
        let len = len_of(der)?;
        let mut p = der.as_ptr();
        // SAFETY: `p` points at `len` readable bytes.
        let e = unsafe { sys::d2i_X509_EXTENSION(ptr::null_mut(), &mut p, len) };
        NonNull::new(e).map(Ext).ok_or_else(take_error)
    }
}

/// `X509V3_EXT_nconf`: the DER `Extension` aws-lc makes from the text
/// form `value` of the extension `name` ("subjectAltName",
/// "basicConstraints", ...), with `conf` for `@section` references and the
/// issuer and subject certificates for `keyid`/`hash` values.
pub fn ext_from_text(
    conf: Option<&Conf>,
    issuer: Option<&Cert>,
    subject: Option<&Cert>,
    flags: c_int,
    name: &CStr,
    value: &CStr,
) -> Result<Vec<u8>, LcError> {
    let cptr = |c: Option<&Cert>| c.map_or(ptr::null(), |c| c.0.as_ptr() as *const sys::X509);
    // SAFETY: a zeroed context filled by X509V3_set_ctx; the certificates and
    // the CONF are borrowed for the call; the extension made is ours.
    let e = unsafe {
        let mut ctx: sys::X509V3_CTX = std::mem::zeroed();
        sys::X509V3_set_ctx(
            &mut ctx,
            cptr(issuer),
            cptr(subject),
            ptr::null(),
            ptr::null(),
            flags,
        );
        let cf = conf.map_or(ptr::null_mut(), Conf::ptr);
        if !cf.is_null() {
            sys::X509V3_set_nconf(&mut ctx, cf);
        }
        sys::X509V3_EXT_nconf(cf, &ctx, name.as_ptr(), value.as_ptr())
    };
    let e = NonNull::new(e).map(Ext).ok_or_else(take_error)?;
    // SAFETY: a live extension; `out` receives aws-lc's allocation.
    i2d(|out| unsafe { sys::i2d_X509_EXTENSION(e.0.as_ptr(), out) })
}

/// An aws-lc `X509_REQ` (PKCS#10 certificate request): what ferrossl's
/// `X509_REQ` handle owns; aws-lc encodes, signs, verifies and prints it.
pub struct Req(NonNull<sys::X509_REQ>);
// SAFETY: changed only through `&mut` (under its owner's mutex); aws-lc's
// request may be read from several threads.
unsafe impl Send for Req {}
// SAFETY: as above.
unsafe impl Sync for Req {}

impl Drop for Req {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { sys::X509_REQ_free(self.0.as_ptr()) }
    }
}

impl std::fmt::Debug for Req {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("aws-lc X509_REQ")
    }
}

impl Req {
    pub fn new() -> Result<Req, LcError> {
        // SAFETY: allocates a new request.
        NonNull::new(unsafe { sys::X509_REQ_new() })
            .map(Req)
            .ok_or_else(take_error)
    }

    /// From DER; also the number of bytes read.
    pub fn from_der(der: &[u8]) -> Result<(Req, usize), LcError> {
        let len = len_of(der)?;
        let mut p = der.as_ptr();
        // SAFETY: `p` points at `len` readable bytes; d2i advances it.
        let r = unsafe { sys::d2i_X509_REQ(ptr::null_mut(), &mut p, len) };
        let r = NonNull::new(r).map(Req).ok_or_else(take_error)?;
        Ok((r, (p as usize).wrapping_sub(der.as_ptr() as usize)))
    }

    pub fn to_der(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live request; `out` receives aws-lc's allocation.
        i2d(|out| unsafe { sys::i2d_X509_REQ(self.0.as_ptr(), out) })
    }

    pub fn version(&self) -> c_long {
        // SAFETY: a live request.
        unsafe { sys::X509_REQ_get_version(self.0.as_ptr()) }
    }

    pub fn set_version(&mut self, v: c_long) -> Result<(), LcError> {
        // SAFETY: a live request.
        check(unsafe { sys::X509_REQ_set_version(self.0.as_ptr(), v) } == 1)
    }

    /// The subject's DER.
    pub fn subject_der(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: the name is owned by the live request; only encoded here.
        i2d(|out| unsafe {
            sys::i2d_X509_NAME(sys::X509_REQ_get_subject_name(self.0.as_ptr()), out)
        })
    }

    pub fn set_subject(&mut self, der: &[u8]) -> Result<(), LcError> {
        let n = Name::from_der(der)?;
        // SAFETY: a live request and name; aws-lc copies the name.
        check(unsafe { sys::X509_REQ_set_subject_name(self.0.as_ptr(), n.0.as_ptr()) } == 1)
    }

    pub fn set_pubkey(&mut self, key: &Pkey) -> Result<(), LcError> {
        // SAFETY: a live request and key.
        check(unsafe { sys::X509_REQ_set_pubkey(self.0.as_ptr(), key.ptr()) } == 1)
    }

    /// The public key's SubjectPublicKeyInfo DER.
    pub fn spki(&self) -> Result<Vec<u8>, LcError> {
        // SAFETY: a live request; the key returned is a new reference, freed
        // after encoding.
        unsafe {
            let k = sys::X509_REQ_get_pubkey(self.0.as_ptr());
            if k.is_null() {
                return Err(take_error());
            }
            let r = i2d(|out| sys::i2d_PUBKEY(k, out));
            sys::EVP_PKEY_free(k);
            r
        }
    }

    pub fn sign(&mut self, key: &Pkey, md: Option<Digest>) -> Result<c_int, LcError> {
        let md = md.map_or(ptr::null(), Digest::md);
        // SAFETY: a live request and key, a static EVP_MD or NULL.
        let n = unsafe { sys::X509_REQ_sign(self.0.as_ptr(), key.ptr(), md) };
        check(n > 0).map(|_| n)
    }

    pub fn sign_ctx(&mut self, ctx: &mut MdSignCtx) -> Result<c_int, LcError> {
        // SAFETY: a live request and signing context.
        let n = unsafe { sys::X509_REQ_sign_ctx(self.0.as_ptr(), ctx.raw()) };
        check(n > 0).map(|_| n)
    }

    /// `X509_REQ_verify`: Ok(true), Ok(false) for a wrong signature, Err
    /// when the key cannot be used.
    pub fn verify(&self, key: &Pkey) -> Result<bool, LcError> {
        // SAFETY: a live request and key.
        let r = unsafe { sys::X509_REQ_verify(self.0.as_ptr(), key.ptr()) };
        if r == 1 {
            check(true)?;
            return Ok(true);
        }
        let e = take_error();
        if e.text.contains("SIGNATURE") || e.text.contains("DIGEST_AND_KEY") {
            return Ok(false);
        }
        Err(e)
    }

    /// `X509_REQ_add_extensions` of DER `Extension`s.
    pub fn add_extensions(&mut self, exts: &[Vec<u8>]) -> Result<(), LcError> {
        let owned = exts
            .iter()
            .map(|d| Ext::from_der(d))
            .collect::<Result<Vec<_>, _>>()?;
        // SAFETY: a fresh aws-lc stack borrowing the extensions for the
        // call (aws-lc copies them), emptied and freed after.
        unsafe {
            let sk = sys::OPENSSL_sk_new_null();
            if sk.is_null() {
                return Err(take_error());
            }
            for e in &owned {
                sys::OPENSSL_sk_push(sk, e.0.as_ptr().cast());
            }
            let ok = sys::X509_REQ_add_extensions(self.0.as_ptr(), sk.cast());
            while !sys::OPENSSL_sk_pop(sk).is_null() {}
            sys::OPENSSL_sk_free(sk);
            check(ok == 1)
        }
    }

    /// `X509_REQ_get_extensions`: their DER (none: empty).
    pub fn extensions(&self) -> Result<Vec<Vec<u8>>, LcError> {
        let mut out = Vec::new();
        // SAFETY: a stack aws-lc allocates for us: each extension encoded,
        // then popped and freed, then the stack freed.
        unsafe {
            let sk = sys::X509_REQ_get_extensions(self.0.as_ptr()) as *mut sys::OPENSSL_STACK;
            if sk.is_null() {
                let _ = take_error();
                return Ok(out);
            }
            let n = sys::OPENSSL_sk_num(sk);
            let mut res = Ok(());
            for i in 0..n {
                let e = sys::OPENSSL_sk_value(sk, i) as *mut sys::X509_EXTENSION;
                match i2d(|o| sys::i2d_X509_EXTENSION(e, o)) {
                    Ok(d) => out.push(d),
                    Err(err) => res = Err(err),
                }
            }
            loop {
                let e = sys::OPENSSL_sk_pop(sk) as *mut sys::X509_EXTENSION;
                if e.is_null() {
                    break;
                }
                sys::X509_EXTENSION_free(e);
            }
            sys::OPENSSL_sk_free(sk);
            res?;
        }
        Ok(out)
    }

    /// `X509_REQ_print_ex`'s text (aws-lc's t_req.c, OpenSSL's).
    pub fn text(&self, nmflag: std::ffi::c_ulong, cflag: std::ffi::c_ulong) -> Option<Vec<u8>> {
        // SAFETY: a memory BIO made and freed here; the request is live.
        unsafe {
            let bio = sys::BIO_new(sys::BIO_s_mem());
            if bio.is_null() {
                let _ = take_error();
                return None;
            }
            let mut out = None;
            if sys::X509_REQ_print_ex(bio, self.0.as_ptr(), nmflag as _, cflag as _) == 1 {
                let mut data: *const u8 = ptr::null();
                let mut n: usize = 0;
                if sys::BIO_mem_contents(bio, &mut data, &mut n) == 1 {
                    out = Some(std::slice::from_raw_parts(data, n).to_vec());
                }
            }
            sys::BIO_free(bio);
            let _ = take_error();
            out
        }
    }
}
