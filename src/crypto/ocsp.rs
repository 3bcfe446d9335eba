//! OCSP responses (`OCSP_RESPONSE`, `OCSP_BASICRESP`, `OCSP_SINGLERESP`,
//! `OCSP_CERTID`): aws-lc decodes and encodes them (src/ffi/ocsp.rs); the
//! handles here keep what C borrows from them (the single responses and
//! their times as ferrossl `ASN1_GENERALIZEDTIME`s) and OpenSSL's checks
//! (`OCSP_check_validity`).

use crate::abi::consts::V_ASN1_GENERALIZEDTIME;
use crate::abi::reasons::ERR_LIB_OCSP;
use crate::abi::reasons::{
    OCSP_R_ERROR_IN_NEXTUPDATE_FIELD, OCSP_R_ERROR_IN_THISUPDATE_FIELD,
    OCSP_R_NEXTUPDATE_BEFORE_THISUPDATE, OCSP_R_NOT_BASIC_RESPONSE, OCSP_R_STATUS_EXPIRED,
    OCSP_R_STATUS_NOT_YET_VALID, OCSP_R_STATUS_TOO_OLD,
};
use crate::crypto::asn1::Asn1String;
use crate::crypto::err::Error;
use crate::ffi::ocsp::{Basic, CertId, Response, SingleStatus};
use std::ffi::{c_int, c_long};
use std::sync::Arc;

fn ocsp_err(reason: c_int) -> Error {
    Error::new(ERR_LIB_OCSP, reason)
}

/// The `OCSP_RESPONSE` handle.
pub struct ocsp_response_st {
    pub(crate) lc: Response,
}
crate::handle!(Owned: ocsp_response_st);
pub type OCSP_RESPONSE = ocsp_response_st;

impl ocsp_response_st {
    /// Decodes DER; the response and the bytes it took. Anything that is
    /// not an OCSPResponse is refused (aws-lc's decoder).
    pub fn from_der(der: &[u8]) -> Result<(Self, usize), Error> {
        let (lc, n) = Response::from_der(der).map_err(|e| {
            Error::from_aws_lc(
                crate::abi::reasons::ERR_LIB_ASN1,
                Some((e.reason, e.text.as_str())),
            )
        })?;
        Ok((Self { lc }, n))
    }

    pub fn to_der(&self) -> Result<Vec<u8>, Error> {
        self.lc
            .to_der()
            .map_err(|_| Error::new(ERR_LIB_OCSP, crate::abi::reasons::ERR_R_ASN1_LIB))
    }

    pub fn status(&self) -> c_int {
        self.lc.status()
    }

    pub fn basic(&self) -> Result<ocsp_basic_response_st, Error> {
        let lc = self
            .lc
            .basic()
            .map_err(|_| ocsp_err(OCSP_R_NOT_BASIC_RESPONSE))?;
        let singles = (0..lc.count())
            .map_while(|i| lc.single(i))
            .map(|s| Box::new(ocsp_single_response_st::new(s)))
            .collect();
        Ok(ocsp_basic_response_st { lc, singles })
    }
}

/// A SingleResponse of a basic response: its status and times, which C
/// borrows (`OCSP_single_get0_status`).
pub struct ocsp_single_response_st {
    pub status: c_int,
    pub reason: c_int,
    pub revtime: Option<Arc<Asn1String>>,
    pub thisupd: Option<Arc<Asn1String>>,
    pub nextupd: Option<Arc<Asn1String>>,
}
crate::handle!(Lent: ocsp_single_response_st);
pub type OCSP_SINGLERESP = ocsp_single_response_st;

impl ocsp_single_response_st {
    fn new(s: SingleStatus) -> Self {
        let t =
            |b: Option<Vec<u8>>| b.map(|b| Arc::new(Asn1String::new(V_ASN1_GENERALIZEDTIME, &b)));
        Self {
            status: s.status,
            reason: s.reason,
            revtime: t(s.revtime),
            thisupd: t(s.thisupd),
            nextupd: t(s.nextupd),
        }
    }
}

/// The `OCSP_BASICRESP` handle (`OCSP_response_get1_basic`).
pub struct ocsp_basic_response_st {
    pub(crate) lc: Basic,
    pub singles: Vec<Box<ocsp_single_response_st>>,
}
crate::handle!(Owned: ocsp_basic_response_st);
pub type OCSP_BASICRESP = ocsp_basic_response_st;

impl ocsp_basic_response_st {
    /// The index of the SingleResponse for `id` after `last` (-1: from the start).
    pub fn find(&self, id: &ocsp_cert_id_st, last: c_int) -> Option<usize> {
        self.lc.find(&id.lc, last)
    }
}

/// The `OCSP_CERTID` handle.
pub struct ocsp_cert_id_st {
    pub(crate) lc: CertId,
}
crate::handle!(Owned: ocsp_cert_id_st);
pub type OCSP_CERTID = ocsp_cert_id_st;

impl ocsp_cert_id_st {
    /// The CertID (SHA-1 hashes) of `subject`, issued by `issuer`.
    pub fn from_certs(subject: &[u8], issuer: &[u8]) -> Result<Self, Error> {
        let lc = CertId::from_certs(subject, issuer)
            .map_err(|e| Error::from_aws_lc(ERR_LIB_OCSP, Some((e.reason, e.text.as_str()))))?;
        Ok(Self { lc })
    }
}

/// `OCSP_check_validity`: `thisupd` (and `nextupd`, if any) against now,
/// allowing `nsec` seconds of clock skew and, if `maxsec` >= 0, refusing a
/// `thisupd` older than `maxsec` seconds. OpenSSL's reasons on failure.
pub fn check_validity(
    thisupd: Option<i64>,
    nextupd: Option<Option<i64>>,
    nsec: c_long,
    maxsec: c_long,
) -> Result<(), Error> {
    let now = crate::crypto::asn1::now_unix();
    let nsec: i64 = nsec;
    let this = thisupd.ok_or_else(|| ocsp_err(OCSP_R_ERROR_IN_THISUPDATE_FIELD))?;
    if this > now + nsec {
        return Err(ocsp_err(OCSP_R_STATUS_NOT_YET_VALID));
    }
    if maxsec >= 0 && this < now - maxsec {
        return Err(ocsp_err(OCSP_R_STATUS_TOO_OLD));
    }
    if let Some(next) = nextupd {
        let next = next.ok_or_else(|| ocsp_err(OCSP_R_ERROR_IN_NEXTUPDATE_FIELD))?;
        if next < now - nsec {
            return Err(ocsp_err(OCSP_R_STATUS_EXPIRED));
        }
        if next < this {
            return Err(ocsp_err(OCSP_R_NEXTUPDATE_BEFORE_THISUPDATE));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused() {
        assert!(ocsp_response_st::from_der(b"").is_err());
        assert!(
            ocsp_response_st::from_der(b"\x30\x03\x0a\x01\x00garbage").is_ok_and(|(r, n)| {
                // a bare "successful" status without responseBytes still decodes; no basic
                n == 5 && r.status() == 0 && r.basic().is_err()
            })
        );
        assert!(ocsp_response_st::from_der(b"\x30\x80\x00\x00").is_err());
    }

    #[test]
    fn validity_window() {
        let now = crate::crypto::asn1::now_unix();
        assert!(check_validity(Some(now - 10), Some(Some(now + 100)), 300, -1).is_ok());
        assert!(check_validity(Some(now + 1000), None, 300, -1).is_err());
        assert!(check_validity(Some(now - 1000), Some(Some(now - 900)), 300, -1).is_err());
        assert!(check_validity(Some(now - 1000), None, 300, 100).is_err());
        assert!(check_validity(None, None, 300, -1).is_err());
    }
}
