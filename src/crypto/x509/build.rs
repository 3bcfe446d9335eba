//! Building and changing certificates and names (`X509_new`, `X509_set_*`,
//! `X509_add_ext`, `X509_sign`, `X509_NAME_add_entry_by_txt`): aws-lc's
//! x509 code does the work on its own `X509` and `X509_NAME` objects
//! (src/ffi/x509.rs), and the view C reads (the fields of `x509_st` and
//! `X509_name_st`) is rebuilt from what aws-lc encodes.
//!
//! What C may change in place through a pointer it was given (the names of
//! `X509_get_subject_name`, the serial number of `X509_get_serialNumber`,
//! the times of `X509_getm_notBefore`) lives in the view, OpenSSL's public
//! layout; it is copied into aws-lc's certificate before aws-lc encodes,
//! signs or verifies it ([`x509_st::sync`]).

use crate::abi::consts::{V_ASN1_INTEGER, V_ASN1_OCTET_STRING, V_ASN1_UTCTIME};
use crate::abi::reasons::*;
use crate::crypto::asn1::{push_tlv, Asn1String, Der, ASN1_OBJECT, TAG_SEQUENCE};
use crate::crypto::err::Error;
use crate::crypto::x509::{x509_st, X509_EXTENSION, X509_NAME};
use crate::ffi::conf::Conf;
use crate::ffi::lc::Digest;
use crate::ffi::pkey::{LcError, MdSignCtx, Pkey};
use crate::ffi::x509::{self as lc, Cert};
use rustls_pki_types::CertificateDer;
use std::ffi::{c_int, CStr};
use std::sync::Arc;

/// aws-lc's error as OpenSSL queues it: the reasons with the same name in
/// OpenSSL's x509/x509v3 tables, else `lib`/`reason` with aws-lc's text as
/// the error data.
pub fn lc_x509_error(e: LcError, lib: c_int, reason: c_int) -> Error {
    let (l, r) = match e.text.as_str() {
        "INVALID_FIELD_NAME" => (ERR_LIB_X509, X509_R_INVALID_FIELD_NAME),
        "UNKNOWN_NID" => (ERR_LIB_X509, X509_R_UNKNOWN_NID),
        "KEY_VALUES_MISMATCH" => (ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH),
        "KEY_TYPE_MISMATCH" => (ERR_LIB_X509, X509_R_KEY_TYPE_MISMATCH),
        "UNKNOWN_EXTENSION_NAME" => (ERR_LIB_X509V3, X509V3_R_UNKNOWN_EXTENSION_NAME),
        "UNKNOWN_EXTENSION" => (ERR_LIB_X509V3, X509V3_R_UNKNOWN_EXTENSION),
        "BAD_IP_ADDRESS" => (ERR_LIB_X509V3, X509V3_R_BAD_IP_ADDRESS),
        "INVALID_IPADDRESS" => (ERR_LIB_X509V3, X509V3_R_INVALID_IPADDRESS),
        "EXTENSION_NAME_ERROR" => (ERR_LIB_X509V3, X509V3_R_EXTENSION_NAME_ERROR),
        "EXTENSION_VALUE_ERROR" => (ERR_LIB_X509V3, X509V3_R_EXTENSION_VALUE_ERROR),
        "INVALID_NULL_VALUE" => (ERR_LIB_X509V3, X509V3_R_INVALID_NULL_VALUE),
        "MISSING_VALUE" => (ERR_LIB_X509V3, X509V3_R_MISSING_VALUE),
        "NO_ISSUER_CERTIFICATE" => (ERR_LIB_X509V3, X509V3_R_NO_ISSUER_CERTIFICATE),
        "NO_SUBJECT_DETAILS" => (ERR_LIB_X509V3, X509V3_R_NO_SUBJECT_DETAILS),
        "NO_PUBLIC_KEY" => (ERR_LIB_X509V3, X509V3_R_NO_PUBLIC_KEY),
        "INVALID_BOOLEAN_STRING" => (ERR_LIB_X509V3, X509V3_R_INVALID_BOOLEAN_STRING),
        "DIGEST_AND_KEY_TYPE_NOT_SUPPORTED" => {
            (ERR_LIB_ASN1, ASN1_R_DIGEST_AND_KEY_TYPE_NOT_SUPPORTED)
        }
        _ => (lib, reason),
    };
    let err = Error::new(l, r);
    if e.text.is_empty() {
        err
    } else {
        err.data(&format!("aws-lc: {}", e.text))
    }
}

fn x509_err(e: LcError) -> Error {
    lc_x509_error(e, ERR_LIB_X509, ERR_R_X509_LIB)
}

impl x509_st {
    /// `X509_new`: an empty certificate (v1, serial 0, empty names, no key),
    /// with an aws-lc certificate behind it.
    pub fn new_empty() -> Result<Self, Error> {
        let cert = Cert::new().map_err(x509_err)?;
        let empty = || Arc::new(X509_NAME::from_der(&[0x30, 0]).expect("empty name"));
        Ok(Self {
            der: CertificateDer::from(Vec::new()),
            version: 0,
            serial: Asn1String::new(V_ASN1_INTEGER, &[]),
            signature_alg: ASN1_OBJECT {
                nid: crate::abi::objects::NID_undef,
                oid: Vec::new(),
                dynamic: false,
            },
            issuer: empty(),
            subject: empty(),
            not_before: Asn1String::new(V_ASN1_UTCTIME, &[]),
            not_after: Asn1String::new(V_ASN1_UTCTIME, &[]),
            spki: 0..0,
            extensions: Vec::new(),
            san: None,
            ca: None,
            skid: None,
            akid: None,
            ex_data: Default::default(),
            pubkey: Default::default(),
            lc: parking_lot::Mutex::new(Some(cert)),
            changed: true,
            ext_stack: Default::default(),
            kept_der: None,
            aux: Default::default(),
        })
    }

    /// Whether C built or changed this certificate (it has an aws-lc
    /// certificate behind it, which the DER is encoded from).
    pub fn is_built(&self) -> bool {
        self.changed
    }

    /// Runs `f` on the aws-lc certificate (made from the DER on first
    /// use), after copying in the fields C may have changed in place.
    pub fn with_lc<R>(
        &self,
        f: impl FnOnce(&mut Cert) -> Result<R, LcError>,
    ) -> Result<R, LcError> {
        let mut g = self.lc.lock();
        if g.is_none() {
            *g = Some(Cert::from_der(self.der.as_ref())?);
        }
        let c = g.as_mut().expect("set above");
        self.sync(c)?;
        f(c)
    }

    /// Copies version, serial number, validity and names into `c`.
    fn sync(&self, c: &mut Cert) -> Result<(), LcError> {
        c.set_version(self.version as _)?;
        c.set_serial(self.serial.kind(), self.serial.bytes())?;
        if !self.not_before.bytes().is_empty() {
            c.set_time(false, self.not_before.kind(), self.not_before.bytes())?;
        }
        if !self.not_after.bytes().is_empty() {
            c.set_time(true, self.not_after.kind(), self.not_after.bytes())?;
        }
        c.set_name(true, self.issuer.der())?;
        c.set_name(false, self.subject.der())
    }

    /// The DER C gets from `i2d_X509`: re-encoded by aws-lc for a
    /// certificate C built or changed, else the DER it was parsed from.
    pub fn encoded(&self) -> Result<Vec<u8>, Error> {
        if let Some(kept) = &self.kept_der {
            return Ok(kept.clone());
        }
        self.current_der()
    }

    /// The DER of the current fields (what `X509_print_ex` shows), which
    /// differs from `encoded` only after `X509_add_ext` / `X509_delete_ext`
    /// on a certificate read and not re-signed.
    pub fn current_der(&self) -> Result<Vec<u8>, Error> {
        if !self.is_built() {
            return Ok(self.der.as_ref().to_vec());
        }
        self.with_lc(|c| c.to_der()).map_err(x509_err)
    }

    /// Rebuilds the view from aws-lc's encoding (after `X509_sign`,
    /// `X509_set_pubkey`, `X509_add_ext`). The objects C may hold pointers
    /// to (names, serial, times) are kept; their contents already equal
    /// what was encoded. `strict`: fail when the certificate cannot be
    /// encoded yet (a certificate still being built may not be).
    pub fn refresh(&mut self, strict: bool) -> Result<(), Error> {
        let der = match self.with_lc(|c| c.to_der()) {
            Ok(d) => d,
            Err(e) if strict => return Err(x509_err(e)),
            Err(_) => return Ok(()),
        };
        let new = match x509_st::parse(&der) {
            Ok(n) => n,
            Err(e) if strict => return Err(e),
            Err(_) => return Ok(()),
        };
        self.der = new.der;
        self.signature_alg = new.signature_alg;
        self.spki = new.spki;
        let same_exts = self.extensions.len() == new.extensions.len()
            && self.extensions.iter().zip(&new.extensions).all(|(a, b)| {
                a.object.nid == b.object.nid
                    && a.object.der_content() == b.object.der_content()
                    && a.critical == b.critical
                    && a.value.bytes() == b.value.bytes()
            });
        if !same_exts {
            self.extensions = new.extensions;
            self.ext_stack = Default::default();
        }
        self.san = new.san;
        self.ca = new.ca;
        self.skid = new.skid;
        self.akid = new.akid;
        Ok(())
    }

    /// The size of the signature (what `X509_sign` returns).
    pub fn signature_len(&self) -> c_int {
        let sig = (|| {
            let mut top = Der::new(self.der.as_ref());
            let mut c = Der::new(top.expect(TAG_SEQUENCE).ok()?);
            c.expect(TAG_SEQUENCE).ok()?;
            c.expect(TAG_SEQUENCE).ok()?;
            Some(c.expect(0x03).ok()?.len().saturating_sub(1))
        })();
        sig.map_or(0, |n| c_int::try_from(n).unwrap_or(c_int::MAX))
    }

    /// `X509_set_version`: 0 (v1) to 2 (v3).
    pub fn set_version(&mut self, v: i64) -> Result<(), Error> {
        if !(0..=2).contains(&v) {
            return Err(Error::new(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT));
        }
        self.version = v;
        self.changed = true;
        self.kept_der = None;
        self.with_lc(|_| Ok(())).map_err(x509_err)?;
        self.refresh(false)
    }

    /// `X509_set_serialNumber`: a copy of `s`.
    pub fn set_serial(&mut self, s: &Asn1String) -> Result<(), Error> {
        self.serial = Asn1String::new(s.kind(), s.bytes());
        self.changed = true;
        self.kept_der = None;
        self.with_lc(|_| Ok(())).map_err(x509_err)?;
        self.refresh(false)
    }

    /// `X509_set1_notBefore` (`after` false) / `X509_set1_notAfter`.
    pub fn set_time(&mut self, after: bool, t: &Asn1String) -> Result<(), Error> {
        let t = Asn1String::new(t.kind(), t.bytes());
        if after {
            self.not_after = t;
        } else {
            self.not_before = t;
        }
        self.changed = true;
        self.kept_der = None;
        self.with_lc(|_| Ok(())).map_err(x509_err)?;
        self.refresh(false)
    }

    /// `X509_set_issuer_name` / `X509_set_subject_name`: a copy of `n`.
    pub fn set_name(&mut self, issuer: bool, n: &X509_NAME) -> Result<(), Error> {
        let n = Arc::new(n.dup());
        if issuer {
            self.issuer = n;
        } else {
            self.subject = n;
        }
        self.changed = true;
        self.kept_der = None;
        self.with_lc(|_| Ok(())).map_err(x509_err)?;
        self.refresh(false)
    }

    /// `X509_set_pubkey`: `key`'s public half; `cached` becomes what
    /// `X509_get0_pubkey` returns.
    pub fn set_pubkey(
        &mut self,
        key: &Pkey,
        cached: Arc<dyn std::any::Any + Send + Sync>,
    ) -> Result<(), Error> {
        self.with_lc(|c| c.set_pubkey(key)).map_err(x509_err)?;
        self.changed = true;
        self.kept_der = None;
        self.pubkey = Default::default();
        let _ = self.pubkey.set(cached);
        self.refresh(false)
    }

    /// `X509_add_ext` of `e` at `loc` (-1: the end).
    pub fn add_ext(&mut self, e: &X509_EXTENSION, loc: c_int) -> Result<(), Error> {
        let der = e.to_der();
        let kept = self.kept_for_ext_edit();
        self.with_lc(|c| c.add_ext(&der, loc)).map_err(x509_err)?;
        // kept right while the certificate cannot be encoded yet (no key)
        let n = self.extensions.len();
        let at = usize::try_from(loc).map_or(n, |l| l.min(n));
        self.extensions.insert(at, e.dup());
        self.ext_stack = Default::default();
        self.changed = true;
        let r = self.refresh(false);
        self.kept_der = kept;
        r
    }

    /// The DER `i2d_X509` keeps returning across an extension edit: the one
    /// read, unless the certificate was built or changed.
    fn kept_for_ext_edit(&mut self) -> Option<Vec<u8>> {
        if self.kept_der.is_some() {
            return self.kept_der.take();
        }
        (!self.changed).then(|| self.der.as_ref().to_vec())
    }

    /// `X509_delete_ext(loc)`: the extension removed, or None.
    pub fn delete_ext(&mut self, loc: c_int) -> Result<Option<X509_EXTENSION>, Error> {
        let idx = usize::try_from(loc)
            .ok()
            .filter(|&i| i < self.extensions.len());
        let Some(idx) = idx else { return Ok(None) };
        let kept = self.kept_for_ext_edit();
        if !self.with_lc(|c| Ok(c.delete_ext(loc))).map_err(x509_err)? {
            self.kept_der = kept;
            return Ok(None);
        }
        let e = self.extensions.remove(idx);
        self.ext_stack = Default::default();
        self.changed = true;
        let r = self.refresh(false);
        self.kept_der = kept;
        r?;
        Ok(Some(e))
    }

    /// `X509_sign` with `key` and `md` (None for Ed25519).
    pub fn sign(&mut self, key: &Pkey, md: Option<Digest>) -> Result<(), Error> {
        self.with_lc(|c| c.sign(key, md))
            .map_err(|e| lc_x509_error(e, ERR_LIB_ASN1, ERR_R_EVP_LIB))?;
        self.changed = true;
        self.kept_der = None;
        self.refresh(true)
    }

    /// `X509_sign_ctx` with an `EVP_DigestSignInit` context.
    pub fn sign_ctx(&mut self, ctx: &mut MdSignCtx) -> Result<(), Error> {
        self.with_lc(|c| c.sign_ctx(ctx))
            .map_err(|e| lc_x509_error(e, ERR_LIB_ASN1, ERR_R_EVP_LIB))?;
        self.changed = true;
        self.kept_der = None;
        self.refresh(true)
    }

    /// `X509V3_EXT_nconf`: the extension `name` = `value` made by aws-lc,
    /// `issuer` and `subject` (this certificate being built, usually)
    /// lending their keys and names to `keyid`/`hash` values.
    pub fn ext_from_text(
        conf: Option<&Conf>,
        issuer: Option<&x509_st>,
        subject: Option<&x509_st>,
        flags: c_int,
        name: &CStr,
        value: &CStr,
    ) -> Result<X509_EXTENSION, Error> {
        let run =
            |i: Option<&Cert>, s: Option<&Cert>| lc::ext_from_text(conf, i, s, flags, name, value);
        let der = match (issuer, subject) {
            (None, None) => run(None, None),
            (Some(i), None) => i.with_lc(|ci| run(Some(ci), None)),
            (None, Some(s)) => s.with_lc(|cs| run(None, Some(cs))),
            (Some(i), Some(s)) if std::ptr::eq(i, s) => s.with_lc(|c| run(Some(c), Some(c))),
            (Some(i), Some(s)) => i.with_lc(|ci| s.with_lc(|cs| run(Some(ci), Some(cs)))),
        }
        .map_err(|e| lc_x509_error(e, ERR_LIB_X509V3, X509V3_R_ERROR_IN_EXTENSION))?;
        X509_EXTENSION::from_der(&der)
    }
}

impl X509_EXTENSION {
    /// The DER `Extension` (OID, critical when set, extnValue).
    pub fn to_der(&self) -> Vec<u8> {
        let mut body = Vec::new();
        push_tlv(&mut body, 0x06, self.object.der_content());
        if self.critical {
            push_tlv(&mut body, 0x01, &[0xff]);
        }
        push_tlv(&mut body, 0x04, self.value.bytes());
        let mut out = Vec::new();
        push_tlv(&mut out, TAG_SEQUENCE, &body);
        out
    }

    /// From a DER `Extension`.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let mut outer = Der::new(der);
        let mut e = Der::new(outer.expect(TAG_SEQUENCE)?);
        outer.finish()?;
        let object = ASN1_OBJECT::from_der_content(e.expect(0x06)?)?;
        let critical = matches!(e.optional(0x01)?, Some([b]) if *b != 0);
        let value = Asn1String::new(V_ASN1_OCTET_STRING, e.expect(0x04)?);
        e.finish()?;
        Ok(Self {
            object,
            critical,
            value,
        })
    }

    pub fn dup(&self) -> Self {
        Self {
            object: self.object.clone(),
            critical: self.critical,
            value: Asn1String::new(self.value.kind(), self.value.bytes()),
        }
    }
}

impl X509_NAME {
    /// `X509_NAME_add_entry_by_txt` (aws-lc's): the view rebuilt from the
    /// name aws-lc encodes.
    pub fn add_entry_txt(
        &mut self,
        field: &CStr,
        kind: c_int,
        bytes: &[u8],
        loc: c_int,
        set: c_int,
    ) -> Result<(), Error> {
        let der = lc::name_add_entry(&self.der, field, kind, bytes, loc, set)
            .map_err(|e| lc_x509_error(e, ERR_LIB_X509, X509_R_INVALID_FIELD_NAME))?;
        *self = X509_NAME::from_der(&der)?;
        Ok(())
    }

    /// `X509_NAME_delete_entry(loc)`: the entry removed, or None.
    pub fn delete_entry(
        &mut self,
        loc: c_int,
    ) -> Result<Option<Box<crate::crypto::x509::X509_NAME_ENTRY>>, Error> {
        let Some(idx) = usize::try_from(loc)
            .ok()
            .filter(|&i| i < self.entries.len())
        else {
            return Ok(None);
        };
        let der = lc::name_delete_entry(&self.der, loc).map_err(x509_err)?;
        let removed = self.entries.remove(idx);
        *self = X509_NAME::from_der(&der)?;
        Ok(Some(Box::new(removed)))
    }
}
