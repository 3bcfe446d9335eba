//! The certificate (`X509`): parsed eagerly from DER into its parts.

use crate::abi::consts::{
    V_ASN1_GENERALIZEDTIME, V_ASN1_OCTET_STRING, V_ASN1_UTCTIME,
    X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
    X509_CHECK_FLAG_NO_WILDCARDS,
};
use crate::abi::objects::{
    NID_authority_key_identifier, NID_basic_constraints, NID_commonName, NID_subject_alt_name,
    NID_subject_key_identifier,
};
use crate::abi::reasons::{
    ASN1_R_BAD_OBJECT_HEADER, ASN1_R_BMPSTRING_IS_WRONG_LENGTH, ASN1_R_BOOLEAN_IS_WRONG_LENGTH,
    ASN1_R_INVALID_BIT_STRING_BITS_LEFT, ASN1_R_INVALID_VALUE, ASN1_R_NESTED_TOO_DEEP,
    ASN1_R_NULL_IS_WRONG_LENGTH, ASN1_R_STRING_TOO_SHORT, ASN1_R_TYPE_NOT_PRIMITIVE,
    ASN1_R_UNEXPECTED_EOC, ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH, ASN1_R_WRONG_TAG,
};
use crate::crypto::asn1::{
    asn1_err, integer_from_der, integer_value, obj_by_nid, parse_time, Asn1String, Der, Tlv,
    ASN1_OBJECT, SEQUENCE_OF, TAG_CONSTRUCTED, TAG_SEQUENCE, TAG_SET,
};
use crate::crypto::err::Error;
use crate::crypto::x509::{
    equal_nocase, equal_wildcard, parse_general_names, GeneralName, X509_EXTENSION, X509_NAME,
};
use rustls_pki_types::CertificateDer;
use std::ffi::c_int;
use std::sync::Arc;

// The certificate.

/// An X.509 certificate: its DER and the fields parsed from it.
#[derive(Debug)]
pub struct x509_st {
    pub(crate) der: CertificateDer<'static>,
    /// The encoded version: 0 for v1, 2 for v3.
    pub(crate) version: i64,
    pub(crate) serial: Asn1String,
    pub(crate) signature_alg: ASN1_OBJECT,
    pub(crate) issuer: Arc<X509_NAME>,
    pub(crate) subject: Arc<X509_NAME>,
    pub(crate) not_before: Asn1String,
    pub(crate) not_after: Asn1String,
    pub(crate) spki: std::ops::Range<usize>,
    pub(crate) extensions: Vec<X509_EXTENSION>,
    /// The subjectAltName entries; `None` without the extension.
    pub(crate) san: Option<Vec<GeneralName>>,
    /// basicConstraints cA.
    pub(crate) ca: Option<bool>,
    /// subjectKeyIdentifier and authorityKeyIdentifier's keyIdentifier
    /// (`X509_get0_subject_key_id` / `X509_get0_authority_key_id`); `None` when
    /// absent or malformed (OpenSSL marks such a certificate invalid, and
    /// verification refuses it; here webpki does).
    pub(crate) skid: Option<Asn1String>,
    pub(crate) akid: Option<Asn1String>,
    /// The application's slots (`X509_set_ex_data`).
    pub(crate) ex_data: crate::crypto::ex_data::ExData,
    /// The public key as an `EVP_PKEY`, made on first `X509_get0_pubkey`
    /// (type-erased: `crypto::pkey` builds on this module, not the reverse).
    pub(crate) pubkey: std::sync::OnceLock<Arc<dyn std::any::Any + Send + Sync>>,
    /// aws-lc's certificate, once C builds or changes this one, or an
    /// aws-lc routine needs it (src/crypto/x509/build.rs).
    pub(crate) lc: parking_lot::Mutex<Option<crate::ffi::x509::Cert>>,
    /// Whether C built or changed the certificate through a setter: its DER
    /// is then aws-lc's encoding of the fields.
    pub(crate) changed: bool,
    /// `X509_get0_extensions`' stack of pointers into `extensions`, made on
    /// first use; replaced whenever the extensions change.
    pub(crate) ext_stack: std::sync::OnceLock<Arc<crate::crypto::stack::stack_st>>,
    /// What `i2d_X509` returns after `X509_add_ext` / `X509_delete_ext` on a
    /// certificate read and not otherwise changed: the DER it was read from
    /// (OpenSSL 3 keeps the cached encoding until a setter or `X509_sign`
    /// marks it modified), while the fields show the change.
    pub(crate) kept_der: Option<Vec<u8>>,
    /// OpenSSL's auxiliary data that PKCS#12 carries: the friendly name
    /// (`X509_alias_set1`) and local key id (`X509_keyid_set1`).
    pub(crate) aux: parking_lot::Mutex<CertAux>,
}

/// `X509_CERT_AUX`'s alias and key id; not part of the certificate's encoding.
#[derive(Debug, Default)]
pub struct CertAux {
    pub alias: Option<Vec<u8>>,
    pub keyid: Option<Vec<u8>>,
}
crate::handle!(Shared: x509_st);
pub type X509 = x509_st;

pub(crate) fn parse_time_field(d: &mut Der<'_>) -> Result<Asn1String, Error> {
    let t = d.read()?;
    match c_int::from(t.tag) {
        ty @ (V_ASN1_UTCTIME | V_ASN1_GENERALIZEDTIME) => Ok(Asn1String::new(ty, t.content)),
        _ => Err(asn1_err(ASN1_R_WRONG_TAG)),
    }
}

/// A BIT STRING's content as OpenSSL 3's `c2i_ASN1_BIT_STRING` takes it: the
/// unused-bits octet, at most 7, then the bits.
pub(crate) fn check_bit_string(content: &[u8]) -> Result<(), Error> {
    match content.first() {
        None => Err(asn1_err(ASN1_R_STRING_TOO_SHORT)),
        Some(&n) if n > 7 => Err(asn1_err(ASN1_R_INVALID_BIT_STRING_BITS_LEFT)),
        Some(_) => Ok(()),
    }
}

/// A string's content as OpenSSL 3 decodes it: a primitive TLV's content, or
/// (`asn1_collect`) the concatenated contents of a BER constructed string's
/// parts, nested at most 5 deep; an end-of-contents (00 00) inside a
/// definite length is refused.
pub(crate) fn string_content<'a>(tlv: &Tlv<'a>) -> Result<std::borrow::Cow<'a, [u8]>, Error> {
    fn collect(content: &[u8], depth: usize, out: &mut Vec<u8>) -> Result<(), Error> {
        if depth > 5 {
            return Err(asn1_err(ASN1_R_NESTED_TOO_DEEP));
        }
        let mut d = Der::new(content);
        while !d.is_empty() {
            let t = d.read()?;
            if t.raw.starts_with(&[0, 0]) {
                return Err(asn1_err(ASN1_R_UNEXPECTED_EOC));
            }
            if t.tag & TAG_CONSTRUCTED != 0 {
                collect(t.content, depth + 1, out)?;
            } else {
                out.extend_from_slice(t.content);
            }
        }
        Ok(())
    }
    if tlv.tag & TAG_CONSTRUCTED == 0 {
        return Ok(std::borrow::Cow::Borrowed(tlv.content));
    }
    let mut out = Vec::new();
    collect(tlv.content, 0, &mut out)?;
    Ok(std::borrow::Cow::Owned(out))
}

/// An `ANY` value (an AlgorithmIdentifier's parameters) as OpenSSL 3's
/// `asn1_ex_c2i` decodes it by its universal tag: BOOLEAN of one octet, NULL
/// empty, INTEGER/ENUMERATED without padding, a valid OID, a BIT STRING's
/// unused bits, BMP/Universal string lengths. Other classes, SEQUENCE and SET
/// are kept as they are; BER constructed strings are collected.
pub(crate) fn check_any(tlv: &Tlv<'_>) -> Result<(), Error> {
    use crate::abi::consts::{
        V_ASN1_BIT_STRING, V_ASN1_BMPSTRING, V_ASN1_BOOLEAN, V_ASN1_ENUMERATED, V_ASN1_INTEGER,
        V_ASN1_NULL, V_ASN1_OBJECT, V_ASN1_UNIVERSALSTRING,
    };
    if tlv.tag & 0xc0 != 0 || tlv.tag == TAG_SEQUENCE || tlv.tag == TAG_SET {
        return Ok(());
    }
    let kind = c_int::from(tlv.tag & !TAG_CONSTRUCTED);
    if tlv.tag & TAG_CONSTRUCTED != 0
        && matches!(
            kind,
            V_ASN1_BOOLEAN | V_ASN1_NULL | V_ASN1_OBJECT | V_ASN1_INTEGER | V_ASN1_ENUMERATED
        )
    {
        return Err(asn1_err(ASN1_R_TYPE_NOT_PRIMITIVE));
    }
    // a BER constructed string: its parts' contents, collected
    let c = &*string_content(tlv)?;
    let ok = |b: bool, reason| if b { Ok(()) } else { Err(asn1_err(reason)) };
    match kind {
        // 00 00 is an end-of-contents marker, not a value; tag 0 with content loads
        0 => ok(!c.is_empty(), ASN1_R_BAD_OBJECT_HEADER),
        V_ASN1_BOOLEAN => ok(c.len() == 1, ASN1_R_BOOLEAN_IS_WRONG_LENGTH),
        V_ASN1_NULL => ok(c.is_empty(), ASN1_R_NULL_IS_WRONG_LENGTH),
        V_ASN1_INTEGER | V_ASN1_ENUMERATED => integer_from_der(c).map(|_| ()),
        V_ASN1_OBJECT => ASN1_OBJECT::from_der_content(c).map(|_| ()),
        V_ASN1_BIT_STRING => check_bit_string(c),
        V_ASN1_BMPSTRING => ok(c.len() % 2 == 0, ASN1_R_BMPSTRING_IS_WRONG_LENGTH),
        V_ASN1_UNIVERSALSTRING => ok(c.len() % 4 == 0, ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH),
        _ => Ok(()),
    }
}

/// An AlgorithmIdentifier's content as OpenSSL 3's `X509_ALGOR`: the OID,
/// optional `ANY` parameters, nothing after.
pub(crate) fn parse_algorithm(content: &[u8]) -> Result<ASN1_OBJECT, Error> {
    let mut a = Der::new(content);
    let oid = ASN1_OBJECT::from_der_content(a.expect(0x06)?)?;
    if !a.is_empty() {
        check_any(&a.read()?)?;
    }
    a.finish()?;
    Ok(oid)
}

impl x509_st {
    /// Parses exactly one DER certificate (no trailing bytes).
    pub fn from_der(der: &[u8]) -> Result<Arc<x509_st>, Error> {
        Ok(Arc::new(Self::parse(der)?))
    }

    pub(crate) fn parse(der: &[u8]) -> Result<Self, Error> {
        let mut top = Der::new(der);
        let cert = top.expect_tlv(TAG_SEQUENCE)?;
        top.finish()?;
        let mut c = Der::new(cert.content);
        let tbs = c.expect(TAG_SEQUENCE)?;
        parse_algorithm(c.expect(TAG_SEQUENCE)?)?;
        check_bit_string(c.expect(0x03)?)?;
        c.finish()?;

        let mut t = Der::new(tbs);
        let version = match t.optional(0xa0)? {
            Some(v) => {
                let mut v = Der::new(v);
                let n = integer_value(&integer_from_der(v.expect(0x02)?)?)
                    .ok_or_else(|| asn1_err(ASN1_R_INVALID_VALUE))?;
                v.finish()?;
                if !(0..=2).contains(&n) {
                    return Err(asn1_err(ASN1_R_INVALID_VALUE));
                }
                n
            }
            None => 0,
        };
        let serial = integer_from_der(t.expect(0x02)?)?;
        let signature_alg = parse_algorithm(t.expect(TAG_SEQUENCE)?)?;
        let issuer = X509_NAME::from_der(t.expect_tlv_of(SEQUENCE_OF)?.raw)?;
        let mut validity = Der::new(t.expect(TAG_SEQUENCE)?);
        let not_before = parse_time_field(&mut validity)?;
        let not_after = parse_time_field(&mut validity)?;
        validity.finish()?;
        let subject = X509_NAME::from_der(t.expect_tlv_of(SEQUENCE_OF)?.raw)?;
        let spki_tlv = t.expect_tlv(TAG_SEQUENCE)?;
        let mut spki_inner = Der::new(spki_tlv.content);
        parse_algorithm(spki_inner.expect(TAG_SEQUENCE)?)?;
        check_bit_string(spki_inner.expect(0x03)?)?;
        spki_inner.finish()?;
        let spki_start = spki_tlv.raw.as_ptr() as usize - der.as_ptr() as usize;
        let spki = spki_start..spki_start + spki_tlv.raw.len();
        // issuerUniqueID, subjectUniqueID: [1], [2] IMPLICIT BIT STRING
        for tag in [0x81, 0x82] {
            if let Some(id) = t.optional(tag)? {
                check_bit_string(id)?;
            }
        }
        let mut extensions = Vec::new();
        if let Some(exts) = t.optional(0xa3)? {
            let mut outer = Der::new(exts);
            let mut list = Der::new(outer.expect_tlv_of(SEQUENCE_OF)?.content);
            outer.finish()?;
            while !list.is_empty() {
                let mut e = Der::new(list.expect(TAG_SEQUENCE)?);
                let object = ASN1_OBJECT::from_der_content(e.expect(0x06)?)?;
                let critical = match e.optional(0x01)? {
                    Some([0]) => false,
                    Some([_]) => true,
                    Some(_) => return Err(asn1_err(ASN1_R_INVALID_VALUE)),
                    None => false,
                };
                // OCTET STRING, or its BER constructed form (which OpenSSL 3
                // and aws-lc both collect)
                let value = string_content(&e.expect_tlv_of(&[0x04, 0x24])?)?;
                let value = Asn1String::new(V_ASN1_OCTET_STRING, &value);
                e.finish()?;
                extensions.push(X509_EXTENSION {
                    object,
                    critical,
                    value,
                });
            }
        }
        t.finish()?;

        let (mut san, mut san_seen) = (None, false);
        let mut ca = None;
        let (mut skid, mut akid) = (None, None);
        let octets = |b: &[u8]| Some(Asn1String::new(V_ASN1_OCTET_STRING, b));
        for e in &extensions {
            match e.object.nid {
                NID_subject_key_identifier if skid.is_none() => {
                    let mut d = Der::new(e.value.bytes());
                    skid = d
                        .expect(0x04)
                        .ok()
                        .filter(|_| d.is_empty())
                        .and_then(octets);
                }
                NID_authority_key_identifier if akid.is_none() => {
                    let mut d = Der::new(e.value.bytes());
                    akid = d
                        .expect(TAG_SEQUENCE)
                        .ok()
                        .and_then(|seq| Der::new(seq).optional(0x80).ok().flatten())
                        .and_then(octets);
                }
                // A malformed subjectAltName or basicConstraints does not refuse
                // the certificate (OpenSSL 3 loads it and marks it EXFLAG_INVALID,
                // which verification refuses; here webpki does): the names are
                // then absent, as `X509_get_ext_d2i` returns NULL for them, and
                // the certificate is no CA (`X509_check_ca` 0).
                NID_subject_alt_name if !san_seen => {
                    san_seen = true;
                    san = parse_general_names(e.value.bytes()).ok()
                }
                NID_basic_constraints if ca.is_none() => {
                    let bc = || -> Result<bool, Error> {
                        let mut outer = Der::new(e.value.bytes());
                        let mut bc = Der::new(outer.expect(TAG_SEQUENCE)?);
                        Ok(matches!(bc.optional(0x01)?, Some([b]) if *b != 0))
                    };
                    ca = Some(bc().unwrap_or(false));
                }
                _ => {}
            }
        }

        Ok(Self {
            der: CertificateDer::from(der.to_vec()),
            version,
            serial,
            signature_alg,
            issuer: Arc::new(issuer),
            subject: Arc::new(subject),
            not_before,
            not_after,
            spki,
            extensions,
            san,
            ca,
            skid,
            akid,
            ex_data: Default::default(),
            pubkey: Default::default(),
            lc: Default::default(),
            changed: false,
            ext_stack: Default::default(),
            kept_der: None,
            aux: Default::default(),
        })
    }

    pub fn der(&self) -> &CertificateDer<'static> {
        &self.der
    }

    pub fn subject(&self) -> &X509_NAME {
        &self.subject
    }

    pub fn issuer(&self) -> &X509_NAME {
        &self.issuer
    }

    /// Another reference to the subject name (for STACK_OF(X509_NAME)).
    pub fn subject_arc(&self) -> Arc<X509_NAME> {
        self.subject.clone()
    }

    pub fn is_self_issued(&self) -> bool {
        self.subject.cmp_canonical(&self.issuer) == 0
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki(&self) -> &[u8] {
        &self.der.as_ref()[self.spki.clone()]
    }

    /// notAfter as seconds since the epoch (`i64::MIN` if unparseable: expired).
    pub fn not_after_unix(&self) -> i64 {
        parse_time(self.not_after.kind(), self.not_after.bytes())
            .map_or(i64::MIN, |t| t.tm.to_unix())
    }

    /// notBefore as seconds since the epoch (`i64::MAX` if unparseable: not yet valid).
    pub fn not_before_unix(&self) -> i64 {
        parse_time(self.not_before.kind(), self.not_before.bytes())
            .map_or(i64::MAX, |t| t.tm.to_unix())
    }

    pub fn not_before(&self) -> &Asn1String {
        &self.not_before
    }

    pub fn not_after(&self) -> &Asn1String {
        &self.not_after
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn serial(&self) -> &Asn1String {
        &self.serial
    }

    /// The subjectPublicKey BIT STRING's key bytes (after the unused-bits octet):
    /// what `X509_pubkey_digest` hashes.
    pub fn public_key_bits(&self) -> Result<&[u8], Error> {
        let mut spki = Der::new(Der::new(self.spki()).expect(TAG_SEQUENCE)?);
        spki.expect(TAG_SEQUENCE)?;
        match spki.expect(0x03)? {
            [_unused, key @ ..] => Ok(key),
            [] => Err(asn1_err(ASN1_R_INVALID_VALUE)),
        }
    }

    pub fn signature_nid(&self) -> c_int {
        self.signature_alg.nid
    }

    /// tbsCertificate.signature's algorithm OID.
    pub fn signature_alg(&self) -> &ASN1_OBJECT {
        &self.signature_alg
    }

    /// `X509_get_signature_info`: (digest NID, public key NID, security bits,
    /// flags) of the signature on this certificate, by OpenSSL 3's
    /// `x509_sig_info_init` and `rsa_sig_info_set` rules: half the digest's
    /// bits (SHA-1 63, MD5 39; SHA-1 in RSA-PSS 64), Ed25519 128 and Ed448 224
    /// bits without a digest, the TLS flag for SHA-1/256/384/512 (RSA-PSS: SHA-2
    /// with the same MGF1 digest and a salt of the digest's size).
    pub fn signature_info(&self) -> Result<(c_int, c_int, c_int, u32), Error> {
        use crate::abi::consts::{X509_SIG_INFO_TLS as TLS, X509_SIG_INFO_VALID as VALID};
        use crate::abi::objects::{
            NID_md5, NID_rsassaPss, NID_sha1, NID_sha256, NID_sha384, NID_sha512, NID_undef,
            NID_ED25519, NID_ED448,
        };
        use crate::abi::reasons::{
            ERR_LIB_X509, X509_R_ERROR_GETTING_MD_BY_NID, X509_R_ERROR_USING_SIGINF_SET,
            X509_R_UNKNOWN_SIGID_ALGS,
        };
        let x509_err = |r| Error::new(ERR_LIB_X509, r);
        let md_size = |nid| {
            crate::crypto::digest::digest_by_nid(nid)
                .map(|m| m.size)
                .ok_or_else(|| x509_err(X509_R_ERROR_GETTING_MD_BY_NID))
        };
        let tls_md = |nid| [NID_sha1, NID_sha256, NID_sha384, NID_sha512].contains(&nid);
        let (md, pk) = crate::crypto::asn1::sigid_algs(self.signature_nid())
            .filter(|&(_, pk)| pk != NID_undef)
            .ok_or_else(|| x509_err(X509_R_UNKNOWN_SIGID_ALGS))?;
        let (md, secbits, flags) = match (md, pk) {
            (NID_undef, NID_ED25519) => (NID_undef, 128, TLS),
            (NID_undef, NID_ED448) => (NID_undef, 224, TLS),
            (NID_undef, NID_rsassaPss) => {
                let (md, mgf1, salt) = self
                    .pss_params()
                    .ok_or_else(|| x509_err(X509_R_ERROR_USING_SIGINF_SET))?;
                let size = md_size(md)?;
                let secbits = match md {
                    NID_sha1 => 64,
                    NID_md5 => 39,
                    _ => size * 4,
                };
                let tls = md != NID_sha1 && tls_md(md) && mgf1 == md && salt == size as i64;
                (md, secbits, if tls { TLS } else { 0 })
            }
            (NID_undef, _) => return Err(x509_err(X509_R_ERROR_USING_SIGINF_SET)),
            (NID_sha1, _) => (md, 63, TLS),
            (NID_md5, _) => (md, 39, 0),
            (md, _) => (md, md_size(md)? * 4, if tls_md(md) { TLS } else { 0 }),
        };
        Ok((md, pk, secbits, flags | VALID))
    }

    /// RSASSA-PSS parameters of the outer signatureAlgorithm (RFC 4055 §3.1):
    /// (hash NID, MGF1 hash NID, salt length), with the defaults SHA-1, MGF1
    /// with SHA-1 and 20. `None` when they do not parse.
    fn pss_params(&self) -> Option<(c_int, c_int, i64)> {
        use crate::abi::objects::{NID_mgf1, NID_sha1};
        fn alg_nid(d: &[u8]) -> Option<(c_int, Option<&[u8]>)> {
            let mut a = Der::new(Der::new(d).expect(TAG_SEQUENCE).ok()?);
            let nid = ASN1_OBJECT::from_der_content(a.expect(0x06).ok()?)
                .ok()?
                .nid;
            Some((nid, a.read().ok().map(|t| t.raw)))
        }
        let mut top = Der::new(self.der.as_ref());
        let mut c = Der::new(top.expect(TAG_SEQUENCE).ok()?);
        c.expect(TAG_SEQUENCE).ok()?; // tbsCertificate
        let mut alg = Der::new(c.expect(TAG_SEQUENCE).ok()?);
        alg.expect(0x06).ok()?;
        let mut p = Der::new(alg.expect(TAG_SEQUENCE).ok()?);
        let md = match p.optional(0xa0).ok()? {
            Some(h) => alg_nid(h)?.0,
            None => NID_sha1,
        };
        let mgf1 = match p.optional(0xa1).ok()? {
            Some(m) => match alg_nid(m)? {
                (NID_mgf1, Some(inner)) => alg_nid(inner)?.0,
                _ => return None,
            },
            None => NID_sha1,
        };
        let salt = match p.optional(0xa2).ok()? {
            Some(s) => integer_value(&integer_from_der(Der::new(s).expect(0x02).ok()?).ok()?)?,
            None => 20,
        };
        Some((md, mgf1, salt))
    }

    pub fn extensions(&self) -> &[X509_EXTENSION] {
        &self.extensions
    }

    /// `X509_get0_extensions`: a stack of the extensions, owned by the
    /// certificate; None without extensions.
    pub fn extensions_stack(&self) -> Option<&Arc<crate::crypto::stack::stack_st>> {
        if self.extensions.is_empty() {
            return None;
        }
        Some(self.ext_stack.get_or_init(|| {
            let ptrs = self
                .extensions
                .iter()
                .map(|e| e as *const X509_EXTENSION as *mut std::ffi::c_void)
                .collect();
            Arc::new(crate::crypto::stack::stack_st::new(ptrs))
        }))
    }

    /// The subjectAltName entries, `None` without the extension.
    pub fn san(&self) -> Option<&[GeneralName]> {
        self.san.as_deref()
    }

    /// (critical, count) of extensions with `nid` (`X509_get_ext_d2i`'s `crit`).
    pub fn ext_by_nid(&self, nid: c_int) -> Vec<&X509_EXTENSION> {
        self.extensions
            .iter()
            .filter(|e| e.object.nid == nid)
            .collect()
    }

    /// `X509_get_ext_by_NID`: index of the next extension after `lastpos`, or -1.
    pub fn ext_index_by_nid(&self, nid: c_int, lastpos: c_int) -> c_int {
        if obj_by_nid(nid).is_none() {
            return -2;
        }
        let start = if lastpos < 0 { 0 } else { lastpos as usize + 1 };
        self.extensions
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, e)| e.object.nid == nid)
            .map_or(-1, |(i, _)| i as c_int)
    }

    /// `X509_check_ca`: 1 for a CA by basicConstraints, 3 for a self-signed
    /// v1 certificate, else 0.
    pub fn check_ca(&self) -> c_int {
        match self.ca {
            Some(true) => 1,
            Some(false) => 0,
            None if self.version == 0 && self.is_self_issued() => 3,
            None => 0,
        }
    }

    /// `X509_check_host`: RFC 6125 matching as OpenSSL does it. Returns the
    /// matched name, or `None`.
    pub fn check_host(&self, host: &[u8], flags: u32) -> Option<Vec<u8>> {
        let wildcards = flags & X509_CHECK_FLAG_NO_WILDCARDS == 0;
        let matches = |pattern: &[u8]| {
            if wildcards {
                equal_wildcard(pattern, host, flags)
            } else {
                equal_nocase(pattern, host)
            }
        };
        let mut san_present = false;
        if let Some(san) = &self.san {
            for g in san {
                if let GeneralName::Dns(d) = g {
                    san_present = true;
                    if !d.is_empty() && matches(d) {
                        return Some(d.clone());
                    }
                }
            }
        }
        if (san_present && flags & X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT == 0)
            || flags & X509_CHECK_FLAG_NEVER_CHECK_SUBJECT != 0
        {
            return None;
        }
        for e in self
            .subject
            .entries
            .iter()
            .filter(|e| e.object.nid == NID_commonName)
        {
            if e.value.bytes().is_empty() {
                continue;
            }
            if let Some(cn) = e.value.to_utf8() {
                if matches(&cn) {
                    return Some(cn);
                }
            }
        }
        None
    }

    /// `X509_check_ip`: whether a subjectAltName iPAddress equals `ip` (4 or 16 bytes).
    pub fn check_ip(&self, ip: &[u8]) -> bool {
        self.san
            .iter()
            .flatten()
            .any(|g| matches!(g, GeneralName::Ip(a) if a == ip))
    }
}
