//! `ASN1_OBJECT` and the OBJ table: NIDs, names and dotted OIDs.

use crate::abi::objects::OBJECTS;
use crate::abi::objects::{
    NID_X9_62_id_ecPublicKey, NID_dsa, NID_dsaWithSHA1, NID_dsa_with_SHA256, NID_ecdsa_with_SHA1,
    NID_ecdsa_with_SHA224, NID_ecdsa_with_SHA256, NID_ecdsa_with_SHA384, NID_ecdsa_with_SHA512,
    NID_md5, NID_md5WithRSAEncryption, NID_rsaEncryption, NID_rsassaPss, NID_sha1,
    NID_sha1WithRSAEncryption, NID_sha224, NID_sha224WithRSAEncryption, NID_sha256,
    NID_sha256WithRSAEncryption, NID_sha384, NID_sha384WithRSAEncryption, NID_sha512,
    NID_sha512WithRSAEncryption, NID_undef, NID_ED25519, NID_ED448,
};
use crate::abi::reasons::ASN1_R_INVALID_OBJECT_ENCODING;
use crate::crypto::asn1::asn1_err;
use crate::crypto::err::Error;
use std::ffi::{c_int, CStr};
use std::sync::OnceLock;

// ASN1_OBJECT and the OBJ table.

/// An object identifier: DER content octets and the NID OpenSSL gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct asn1_object_st {
    pub(crate) nid: c_int,
    pub(crate) oid: Vec<u8>,
    /// Allocated for C (`OBJ_txt2obj`): `ASN1_OBJECT_free` releases it. Table
    /// and embedded objects are not dynamic and are never freed.
    pub(crate) dynamic: bool,
}
crate::handle!(Shared: asn1_object_st);
pub type ASN1_OBJECT = asn1_object_st;

impl asn1_object_st {
    /// From DER OBJECT IDENTIFIER content, validated like OpenSSL's `c2i_ASN1_OBJECT`.
    pub fn from_der_content(oid: &[u8]) -> Result<Self, Error> {
        if oid.is_empty() || oid.last().is_some_and(|&b| b & 0x80 != 0) {
            return Err(asn1_err(ASN1_R_INVALID_OBJECT_ENCODING));
        }
        // No sub-identifier may start with 0x80 (non-minimal).
        let mut at_start = true;
        for &b in oid {
            if at_start && b == 0x80 {
                return Err(asn1_err(ASN1_R_INVALID_OBJECT_ENCODING));
            }
            at_start = b & 0x80 == 0;
        }
        let nid = nid_of_oid(oid);
        Ok(Self {
            nid,
            oid: oid.to_vec(),
            dynamic: false,
        })
    }

    /// From dotted text ("2.5.4.3").
    pub fn from_dotted(s: &str) -> Option<Self> {
        let oid = encode_dotted(s)?;
        Some(Self {
            nid: nid_of_oid(&oid),
            oid,
            dynamic: false,
        })
    }

    /// `OBJ_txt2obj`: a short or long name (unless `no_name`), else dotted text.
    pub fn from_txt(s: &str, no_name: bool) -> Option<Self> {
        if !no_name {
            // OpenSSL's order: short name, then long name.
            let nid = match nid_by_sn(s) {
                NID_undef => nid_by_ln(s),
                nid => nid,
            };
            if let Some(o) = obj_by_nid(nid).filter(|o| o.nid != NID_undef) {
                return Some(o.clone());
            }
        }
        Self::from_dotted(s)
    }

    pub fn nid(&self) -> c_int {
        self.nid
    }

    pub fn der_content(&self) -> &[u8] {
        &self.oid
    }

    pub fn is_dynamic(&self) -> bool {
        self.dynamic
    }

    /// A copy C owns (freed by `ASN1_OBJECT_free`).
    pub fn into_dynamic(mut self) -> Self {
        self.dynamic = true;
        self
    }

    /// Dotted decimal text; arcs beyond 64 bits print as "?".
    pub fn dotted(&self) -> String {
        let mut arcs: Vec<String> = Vec::new();
        let mut v: u64 = 0;
        let mut overflow = false;
        for &b in &self.oid {
            if v >> 57 != 0 {
                overflow = true;
            }
            v = (v << 7) | u64::from(b & 0x7f);
            if b & 0x80 == 0 {
                if arcs.is_empty() {
                    let (a, b) = if overflow {
                        (2, None)
                    } else if v < 40 {
                        (0, Some(v))
                    } else if v < 80 {
                        (1, Some(v - 40))
                    } else {
                        (2, Some(v - 80))
                    };
                    arcs.push(a.to_string());
                    arcs.push(b.map_or_else(|| "?".to_owned(), |b| b.to_string()));
                } else {
                    arcs.push(if overflow {
                        "?".to_owned()
                    } else {
                        v.to_string()
                    });
                }
                v = 0;
                overflow = false;
            }
        }
        arcs.join(".")
    }

    /// `OBJ_obj2txt`: the long name (else short name) unless `no_name`, else dotted.
    pub fn txt(&self, no_name: bool) -> String {
        if !no_name && self.nid != 0 {
            if let Some(s) = ln(self.nid).or_else(|| sn(self.nid)) {
                return s.to_owned();
            }
        }
        self.dotted()
    }
}

pub(crate) fn encode_dotted(s: &str) -> Option<Vec<u8>> {
    let arcs: Vec<u64> = s
        .split('.')
        .map(|a| {
            if a.is_empty() || !a.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                a.parse().ok()
            }
        })
        .collect::<Option<_>>()?;
    if arcs.len() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) {
        return None;
    }
    let mut out = Vec::new();
    let first = arcs[0].checked_mul(40)?.checked_add(arcs[1])?;
    for v in std::iter::once(first).chain(arcs[2..].iter().copied()) {
        let mut groups = vec![(v & 0x7f) as u8];
        let mut v = v >> 7;
        while v != 0 {
            groups.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        out.extend(groups.iter().rev());
    }
    Some(out)
}

/// The table as `ASN1_OBJECT`s (what `OBJ_nid2obj` hands out; never freed).
pub fn objects() -> &'static [ASN1_OBJECT] {
    static OBJS: OnceLock<Vec<ASN1_OBJECT>> = OnceLock::new();
    OBJS.get_or_init(|| {
        OBJECTS
            .iter()
            .filter(|(_, _, _, oid)| !oid.is_empty())
            .filter_map(|&(nid, _, _, oid)| {
                Some(ASN1_OBJECT {
                    nid,
                    oid: encode_dotted(oid)?,
                    dynamic: false,
                })
            })
            .collect()
    })
}

pub(crate) fn nid_of_oid(oid: &[u8]) -> c_int {
    objects()
        .iter()
        .find(|o| o.oid == oid)
        .map_or_else(|| added(|a| a.obj.oid == oid), |o| o.nid)
}

/// An object `OBJ_create` added at run time (kept for the process's life,
/// as OpenSSL keeps them until `OBJ_cleanup`).
struct Added {
    sn: &'static CStr,
    ln: &'static CStr,
    obj: &'static ASN1_OBJECT,
}

static ADDED: parking_lot::RwLock<Vec<Added>> = parking_lot::RwLock::new(Vec::new());

/// The NID of the first added object matching `f`, or `NID_undef`.
fn added(f: impl Fn(&Added) -> bool) -> c_int {
    ADDED
        .read()
        .iter()
        .find(|a| f(a))
        .map_or(NID_undef, |a| a.obj.nid)
}

fn added_by_nid(nid: c_int) -> Option<(&'static CStr, &'static CStr, &'static ASN1_OBJECT)> {
    ADDED
        .read()
        .iter()
        .find(|a| a.obj.nid == nid)
        .map(|a| (a.sn, a.ln, a.obj))
}

/// `OBJ_create`: adds the object `oid` (dotted) named `sn` / `ln` (either
/// may be absent: the other is used) and returns its new NID. Refused
/// (`OBJ_R_OID_EXISTS`) if the OID or a name is already known.
pub fn create(oid: &str, sn: Option<&str>, ln: Option<&str>) -> Result<c_int, Error> {
    use crate::abi::reasons::{ERR_LIB_OBJ, OBJ_R_OID_EXISTS};
    let der = encode_dotted(oid).ok_or_else(|| {
        Error::new(ERR_LIB_OBJ, crate::abi::reasons::OBJ_R_UNKNOWN_OBJECT_NAME).data(oid)
    })?;
    let exists = || Error::new(ERR_LIB_OBJ, OBJ_R_OID_EXISTS).data(oid);
    let (sn, ln) = match (sn, ln) {
        (Some(s), Some(l)) => (s, l),
        (Some(s), None) => (s, s),
        (None, Some(l)) => (l, l),
        (None, None) => return Err(Error::invalid_argument("OBJ_create: no name")),
    };
    if nid_of_oid(&der) != NID_undef || nid_by_sn(sn) != NID_undef || nid_by_ln(ln) != NID_undef {
        return Err(exists());
    }
    let cs = |t: &str| -> Result<&'static CStr, Error> {
        let c = std::ffi::CString::new(t).map_err(|_| Error::invalid_argument("NUL in name"))?;
        Ok(Box::leak(c.into_boxed_c_str()))
    };
    let mut t = ADDED.write();
    let nid = OBJECTS.last().map_or(0, |r| r.0) + 1 + t.len() as c_int;
    t.push(Added {
        sn: cs(sn)?,
        ln: cs(ln)?,
        obj: Box::leak(Box::new(ASN1_OBJECT {
            nid,
            oid: der,
            dynamic: false,
        })),
    });
    Ok(nid)
}

pub(crate) fn row(
    nid: c_int,
) -> Option<&'static (c_int, &'static CStr, &'static CStr, &'static str)> {
    // OBJECTS is sorted by NID (tools/gen-abi.py writes it so).
    OBJECTS
        .binary_search_by_key(&nid, |r| r.0)
        .ok()
        .map(|i| &OBJECTS[i])
}

/// `OBJ_nid2sn` as a C string.
pub fn sn_c(nid: c_int) -> Option<&'static CStr> {
    row(nid)
        .map(|r| r.1)
        .or_else(|| added_by_nid(nid).map(|a| a.0))
}

/// `OBJ_nid2ln` as a C string.
pub fn ln_c(nid: c_int) -> Option<&'static CStr> {
    row(nid)
        .map(|r| r.2)
        .or_else(|| added_by_nid(nid).map(|a| a.1))
}

pub fn sn(nid: c_int) -> Option<&'static str> {
    sn_c(nid).and_then(|s| s.to_str().ok())
}

pub fn ln(nid: c_int) -> Option<&'static str> {
    ln_c(nid).and_then(|s| s.to_str().ok())
}

pub fn nid_by_sn(s: &str) -> c_int {
    OBJECTS
        .iter()
        .find(|r| r.1.to_bytes() == s.as_bytes())
        .map_or_else(|| added(|a| a.sn.to_bytes() == s.as_bytes()), |r| r.0)
}

pub fn nid_by_ln(s: &str) -> c_int {
    OBJECTS
        .iter()
        .find(|r| r.2.to_bytes() == s.as_bytes())
        .map_or_else(|| added(|a| a.ln.to_bytes() == s.as_bytes()), |r| r.0)
}

/// `OBJ_txt2nid`: short name, long name or dotted OID.
pub fn nid_by_txt(s: &str) -> c_int {
    ASN1_OBJECT::from_txt(s, false).map_or(NID_undef, |o| o.nid)
}

pub fn obj_by_nid(nid: c_int) -> Option<&'static ASN1_OBJECT> {
    let objs = objects();
    objs.binary_search_by_key(&nid, |o| o.nid)
        .ok()
        .map(|i| &objs[i])
        .or_else(|| added_by_nid(nid).map(|a| a.2))
}

/// `OBJ_find_sigid_algs`: (digest NID, public key NID) of a signature NID.
pub fn sigid_algs(sig: c_int) -> Option<(c_int, c_int)> {
    pub(crate) const T: &[(c_int, c_int, c_int)] = &[
        (NID_md5WithRSAEncryption, NID_md5, NID_rsaEncryption),
        (NID_sha1WithRSAEncryption, NID_sha1, NID_rsaEncryption),
        (NID_sha224WithRSAEncryption, NID_sha224, NID_rsaEncryption),
        (NID_sha256WithRSAEncryption, NID_sha256, NID_rsaEncryption),
        (NID_sha384WithRSAEncryption, NID_sha384, NID_rsaEncryption),
        (NID_sha512WithRSAEncryption, NID_sha512, NID_rsaEncryption),
        (NID_rsassaPss, NID_undef, NID_rsassaPss),
        (NID_ecdsa_with_SHA1, NID_sha1, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA224, NID_sha224, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA256, NID_sha256, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA384, NID_sha384, NID_X9_62_id_ecPublicKey),
        (NID_ecdsa_with_SHA512, NID_sha512, NID_X9_62_id_ecPublicKey),
        (NID_dsaWithSHA1, NID_sha1, NID_dsa),
        (NID_dsa_with_SHA256, NID_sha256, NID_dsa),
        (NID_ED25519, NID_undef, NID_ED25519),
        (NID_ED448, NID_undef, NID_ED448),
    ];
    T.iter().find(|r| r.0 == sig).map(|r| (r.1, r.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_by_nid_for_binary_search() {
        assert!(OBJECTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(sn(NID_sha256), Some("SHA256"));
        assert_eq!(nid_by_txt("commonName"), 13);
        assert_eq!(nid_by_txt("CN"), 13);
        assert_eq!(nid_by_txt("2.5.4.3"), 13);
        assert_eq!(obj_by_nid(NID_undef), None);
    }
}
