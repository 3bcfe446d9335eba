//! Extensions (`X509_EXTENSION`) and general names (`GENERAL_NAME`).

use crate::abi::consts::{
    GEN_DIRNAME, GEN_DNS, GEN_EDIPARTY, GEN_EMAIL, GEN_IPADD, GEN_OTHERNAME, GEN_RID, GEN_URI,
    GEN_X400, V_ASN1_IA5STRING, V_ASN1_OCTET_STRING, V_ASN1_SEQUENCE, XN_FLAG_ONELINE,
};
use crate::abi::reasons::ASN1_R_WRONG_TAG;
use crate::crypto::asn1::der::push_tlv;
use crate::crypto::asn1::{asn1_err, Asn1String, Der, ASN1_OBJECT, TAG_CONSTRUCTED, TAG_SEQUENCE};
use crate::crypto::err::Error;
use crate::crypto::x509::X509_NAME;
use std::ffi::{c_int, c_void};
use std::sync::Arc;

// Extensions and general names.

/// `X509_EXTENSION`: OID, critical flag, and the extnValue OCTET STRING.
#[derive(Debug)]
pub struct X509_extension_st {
    pub(crate) object: ASN1_OBJECT,
    pub(crate) critical: bool,
    pub(crate) value: Asn1String,
}
crate::handle!(Owned: X509_extension_st);
pub type X509_EXTENSION = X509_extension_st;

impl X509_extension_st {
    pub fn object(&self) -> &ASN1_OBJECT {
        &self.object
    }
    pub fn critical(&self) -> bool {
        self.critical
    }
    pub fn value(&self) -> &Asn1String {
        &self.value
    }
}

/// A subjectAltName entry, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneralName {
    OtherName {
        type_id: ASN1_OBJECT,
        value: Vec<u8>,
    },
    Email(Vec<u8>),
    Dns(Vec<u8>),
    X400(Vec<u8>),
    DirName(Vec<u8>),
    EdiParty(Vec<u8>),
    Uri(Vec<u8>),
    Ip(Vec<u8>),
    Rid(ASN1_OBJECT),
}

/// Parses `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`.
pub fn parse_general_names(der: &[u8]) -> Result<Vec<GeneralName>, Error> {
    let mut outer = Der::new(der);
    let mut seq = Der::new(outer.expect(TAG_SEQUENCE)?);
    outer.finish()?;
    let mut out = Vec::new();
    while !seq.is_empty() {
        let t = seq.read()?;
        let c = t.content.to_vec();
        out.push(match t.tag {
            0xa0 => {
                let mut d = Der::new(t.content);
                let type_id = ASN1_OBJECT::from_der_content(d.expect(0x06)?)?;
                let value = d.expect(0xa0)?.to_vec();
                d.finish()?;
                GeneralName::OtherName { type_id, value }
            }
            0x81 => GeneralName::Email(c),
            0x82 => GeneralName::Dns(c),
            0xa3 => GeneralName::X400(t.raw.to_vec()),
            0xa4 => {
                // [4] EXPLICIT Name
                X509_NAME::from_der(t.content)?;
                GeneralName::DirName(t.content.to_vec())
            }
            0xa5 => GeneralName::EdiParty(t.raw.to_vec()),
            0x86 => GeneralName::Uri(c),
            0x87 => GeneralName::Ip(c),
            0x88 => GeneralName::Rid(ASN1_OBJECT::from_der_content(t.content)?),
            _ => return Err(asn1_err(ASN1_R_WRONG_TAG)),
        });
    }
    Ok(out)
}

/// OpenSSL's public `GENERAL_NAME { int type; union { … } d; }`: `d` is an
/// `ASN1_IA5STRING*` for email/DNS/URI, `ASN1_OCTET_STRING*` for IP,
/// `X509_NAME*` for directory names, `ASN1_OBJECT*` for registered IDs,
/// `OTHERNAME*` for other names and `ASN1_STRING*` (the DER) otherwise.
/// cbindgen:ignore
#[repr(C)]
#[derive(Debug)]
pub struct GENERAL_NAME_st {
    pub r#type: c_int,
    pub d: *mut c_void,
}
/// cbindgen:ignore
pub type GENERAL_NAME = GENERAL_NAME_st;

/// OpenSSL's `ASN1_TYPE { int type; union { ASN1_STRING *… } value; }`.
#[repr(C)]
#[derive(Debug)]
pub struct asn1_type_st {
    pub r#type: c_int,
    pub value: *mut c_void,
}

/// OpenSSL's `OTHERNAME { ASN1_OBJECT *type_id; ASN1_TYPE *value; }`.
#[repr(C)]
#[derive(Debug)]
pub struct otherName_st {
    pub type_id: *mut ASN1_OBJECT,
    pub value: *mut asn1_type_st,
}

#[derive(Debug)]
pub(crate) enum GeneralNameStorage {
    Str(Box<Asn1String>),
    Name(Arc<X509_NAME>),
    Obj(Box<ASN1_OBJECT>),
    /// Kept alive for the pointers in `otherName_st`/`asn1_type_st`.
    #[allow(dead_code)]
    Other(
        Box<ASN1_OBJECT>,
        Box<Asn1String>,
        Box<asn1_type_st>,
        Box<otherName_st>,
    ),
}

/// A `GENERAL_NAME` handed to C, with what its `d` points to. The C struct
/// comes first: the handle is a pointer to this (from `Arc::into_raw`).
#[repr(C)]
#[derive(Debug)]
pub struct GeneralNameBox {
    pub(crate) c: GENERAL_NAME_st,
    pub(crate) storage: GeneralNameStorage,
}
crate::handle!(Owned: GeneralNameBox);

impl GeneralNameBox {
    pub fn new(g: &GeneralName) -> Self {
        let s = |t: c_int, b: &[u8]| GeneralNameStorage::Str(Box::new(Asn1String::new(t, b)));
        let (r#type, storage) = match g {
            GeneralName::Email(b) => (GEN_EMAIL, s(V_ASN1_IA5STRING, b)),
            GeneralName::Dns(b) => (GEN_DNS, s(V_ASN1_IA5STRING, b)),
            GeneralName::Uri(b) => (GEN_URI, s(V_ASN1_IA5STRING, b)),
            GeneralName::Ip(b) => (GEN_IPADD, s(V_ASN1_OCTET_STRING, b)),
            GeneralName::X400(b) => (GEN_X400, s(V_ASN1_SEQUENCE, b)),
            GeneralName::EdiParty(b) => (GEN_EDIPARTY, s(V_ASN1_SEQUENCE, b)),
            GeneralName::DirName(der) => {
                let name = X509_NAME::from_der(der).unwrap_or(X509_NAME {
                    entries: Vec::new(),
                    der: der.clone(),
                });
                (GEN_DIRNAME, GeneralNameStorage::Name(Arc::new(name)))
            }
            GeneralName::Rid(o) => (GEN_RID, GeneralNameStorage::Obj(Box::new(o.clone()))),
            GeneralName::OtherName { type_id, value } => {
                let obj = Box::new(type_id.clone());
                let val = match Der::new(value).read() {
                    Ok(t) if t.tag & TAG_CONSTRUCTED == 0 && t.tag & 0xc0 == 0 => {
                        Asn1String::new(c_int::from(t.tag), t.content)
                    }
                    Ok(t) => Asn1String::new(c_int::from(t.tag & 0x1f), t.raw),
                    Err(_) => Asn1String::new(V_ASN1_SEQUENCE, value),
                };
                let val = Box::new(val);
                let ty = Box::new(asn1_type_st {
                    r#type: val.kind(),
                    value: val.as_c() as *mut c_void,
                });
                let on = Box::new(otherName_st {
                    type_id: &*obj as *const ASN1_OBJECT as *mut ASN1_OBJECT,
                    value: &*ty as *const asn1_type_st as *mut asn1_type_st,
                });
                (GEN_OTHERNAME, GeneralNameStorage::Other(obj, val, ty, on))
            }
        };
        let d = match &storage {
            GeneralNameStorage::Str(b) => b.as_c() as *mut c_void,
            GeneralNameStorage::Name(n) => Arc::as_ptr(n) as *mut c_void,
            GeneralNameStorage::Obj(o) => &**o as *const ASN1_OBJECT as *mut c_void,
            GeneralNameStorage::Other(_, _, _, on) => &**on as *const otherName_st as *mut c_void,
        };
        Self {
            c: GENERAL_NAME_st { r#type, d },
            storage,
        }
    }

    pub fn kind(&self) -> c_int {
        self.c.r#type
    }

    /// The string a DNS/email/URI/IP/X400/EDI name holds.
    pub fn string(&self) -> Option<&Asn1String> {
        match &self.storage {
            GeneralNameStorage::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn dirname(&self) -> Option<&X509_NAME> {
        match &self.storage {
            GeneralNameStorage::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn rid(&self) -> Option<&ASN1_OBJECT> {
        match &self.storage {
            GeneralNameStorage::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn d(&self) -> *mut c_void {
        self.c.d
    }

    /// `GENERAL_NAME_print` text.
    pub fn print(&self) -> String {
        let txt = |s: Option<&Asn1String>| {
            s.map_or_else(String::new, |s| {
                String::from_utf8_lossy(s.bytes()).into_owned()
            })
        };
        match self.c.r#type {
            GEN_OTHERNAME => "othername:<unsupported>".to_owned(),
            GEN_X400 => "X400Name:<unsupported>".to_owned(),
            GEN_EDIPARTY => "EdiPartyName:<unsupported>".to_owned(),
            GEN_EMAIL => format!("email:{}", txt(self.string())),
            GEN_DNS => format!("DNS:{}", txt(self.string())),
            GEN_URI => format!("URI:{}", txt(self.string())),
            GEN_DIRNAME => format!(
                "DirName:{}",
                self.dirname()
                    .and_then(|n| n.print_ex(0, XN_FLAG_ONELINE))
                    .unwrap_or_default()
            ),
            GEN_IPADD => format!(
                "IP Address:{}",
                self.string()
                    .map_or_else(String::new, |s| ip_to_text(s.bytes()))
            ),
            GEN_RID => format!(
                "Registered ID:{}",
                self.rid().map_or_else(String::new, |o| o.txt(false))
            ),
            _ => String::new(),
        }
    }
}

/// OpenSSL's `ossl_ipaddr_to_asc`: dotted quad, or eight `%X` groups.
pub fn ip_to_text(b: &[u8]) -> String {
    match b.len() {
        4 => format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]),
        16 => b
            .chunks_exact(2)
            .map(|c| format!("{:X}", u16::from_be_bytes([c[0], c[1]])))
            .collect::<Vec<_>>()
            .join(":"),
        _ => "<invalid>".to_owned(),
    }
}

/// The access descriptions of an authorityInfoAccess / subjectInfoAccess
/// value: (method, the location's GeneralName tag, its content).
pub fn access_descriptions(der: &[u8]) -> Result<Vec<(ASN1_OBJECT, u8, Vec<u8>)>, Error> {
    let mut outer = Der::new(der);
    let mut seq = Der::new(outer.expect(TAG_SEQUENCE)?);
    outer.finish()?;
    let mut out = Vec::new();
    while !seq.is_empty() {
        let mut ad = Der::new(seq.expect(TAG_SEQUENCE)?);
        let method = ASN1_OBJECT::from_der_content(ad.expect(0x06)?)?;
        let loc = ad.read()?;
        ad.finish()?;
        out.push((method, loc.tag, loc.content.to_vec()));
    }
    Ok(out)
}

impl GeneralNameBox {
    /// The DER `GeneralName` of this entry (what `i2d_GENERAL_NAME` writes).
    pub fn to_der(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match (&self.storage, self.c.r#type) {
            (GeneralNameStorage::Str(s), GEN_EMAIL) => push_tlv(&mut out, 0x81, s.bytes()),
            (GeneralNameStorage::Str(s), GEN_DNS) => push_tlv(&mut out, 0x82, s.bytes()),
            (GeneralNameStorage::Str(s), GEN_URI) => push_tlv(&mut out, 0x86, s.bytes()),
            (GeneralNameStorage::Str(s), GEN_IPADD) => push_tlv(&mut out, 0x87, s.bytes()),
            // kept as their whole [3] / [5] TLV
            (GeneralNameStorage::Str(s), _) => out.extend_from_slice(s.bytes()),
            (GeneralNameStorage::Name(n), _) => push_tlv(&mut out, 0xa4, n.der()),
            (GeneralNameStorage::Obj(o), _) => push_tlv(&mut out, 0x88, o.der_content()),
            (GeneralNameStorage::Other(oid, val, ..), _) => {
                let mut body = Vec::new();
                push_tlv(&mut body, 0x06, oid.der_content());
                let mut v = Vec::new();
                if val.kind() == V_ASN1_SEQUENCE || val.kind() > 0x1e {
                    v.extend_from_slice(val.bytes());
                } else {
                    push_tlv(&mut v, val.kind() as u8, val.bytes());
                }
                push_tlv(&mut body, 0xa0, &v);
                push_tlv(&mut out, 0xa0, &body);
            }
        }
        out
    }
}

/// An extension whose value is `GeneralNames` of `names` (`X509V3_EXT_i2d`
/// for subjectAltName / issuerAltName).
pub fn general_names_ext(
    object: ASN1_OBJECT,
    critical: bool,
    names: &[&GeneralNameBox],
) -> X509_EXTENSION {
    let body: Vec<u8> = names.iter().flat_map(|g| g.to_der()).collect();
    let mut der = Vec::new();
    push_tlv(&mut der, TAG_SEQUENCE, &body);
    X509_EXTENSION {
        object,
        critical,
        value: Asn1String::new(V_ASN1_OCTET_STRING, &der),
    }
}

/// `X509_add1_ext_i2d`'s flags (x509v3.h): the operation, and SILENT.
pub const X509V3_ADD_OP_MASK: std::ffi::c_ulong = 0xf;
pub const X509V3_ADD_DEFAULT: std::ffi::c_ulong = 0;
pub const X509V3_ADD_APPEND: std::ffi::c_ulong = 1;
pub const X509V3_ADD_REPLACE: std::ffi::c_ulong = 2;
pub const X509V3_ADD_REPLACE_EXISTING: std::ffi::c_ulong = 3;
pub const X509V3_ADD_KEEP_EXISTING: std::ffi::c_ulong = 4;
pub const X509V3_ADD_DELETE: std::ffi::c_ulong = 5;
pub const X509V3_ADD_SILENT: std::ffi::c_ulong = 0x10;
