//! A small bounds-checked DER reader: every length is checked against what
//! remains, so hostile input never panics nor reads out of bounds.

use crate::abi::reasons::{
    ASN1_R_BAD_OBJECT_HEADER, ASN1_R_HEADER_TOO_LONG, ASN1_R_SEQUENCE_LENGTH_MISMATCH,
    ASN1_R_TOO_LONG, ASN1_R_WRONG_TAG, ERR_LIB_ASN1,
};
use crate::crypto::err::Error;
use std::ffi::c_int;

/// An `ASN1_R_*` error.
pub(crate) fn asn1_err(reason: c_int) -> Error {
    Error::new(ERR_LIB_ASN1, reason)
}

// DER reader.

/// One tag-length-value: `tag` is the identifier octet, `content` the value,
/// `raw` the whole encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

/// A cursor over DER: single-octet tags, definite lengths up to four octets.
#[derive(Clone, Copy, Debug)]
pub struct Der<'a> {
    pub(crate) rest: &'a [u8],
}

pub const TAG_CONSTRUCTED: u8 = 0x20;
pub const TAG_CONTEXT: u8 = 0x80;
pub(crate) const TAG_SEQUENCE: u8 = 0x30;
pub(crate) const TAG_SET: u8 = 0x31;
/// OpenSSL 3 decodes a SEQUENCE OF or SET OF (`asn1_template_noexp_d2i`)
/// without checking the constructed bit: a Name, its RDNs and the extensions
/// list also load with the primitive form of the tag (0x10, 0x11), and so
/// do they here. A plain SEQUENCE (AttributeTypeAndValue, Extension, ...)
/// must be constructed.
pub(crate) const SEQUENCE_OF: &[u8] = &[TAG_SEQUENCE, 0x10];
pub(crate) const SET_OF: &[u8] = &[TAG_SET, 0x11];

impl<'a> Der<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { rest: data }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads the next TLV, checking every length against what remains.
    pub fn read(&mut self) -> Result<Tlv<'a>, Error> {
        let (header, len) = header(self.rest)?;
        let total = header
            .checked_add(len)
            .ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        let raw = self
            .rest
            .get(..total)
            .ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        let content = raw.get(header..).ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
        self.rest = self.rest.get(total..).unwrap_or(&[]);
        Ok(Tlv {
            tag: raw[0],
            content,
            raw,
        })
    }

    /// Reads a TLV that must carry `tag`, returning its content.
    pub fn expect(&mut self, tag: u8) -> Result<&'a [u8], Error> {
        Ok(self.expect_tlv(tag)?.content)
    }

    pub fn expect_tlv(&mut self, tag: u8) -> Result<Tlv<'a>, Error> {
        match self.peek_tag() {
            Some(t) if t == tag => self.read(),
            Some(_) => Err(asn1_err(ASN1_R_WRONG_TAG)),
            None => Err(asn1_err(ASN1_R_HEADER_TOO_LONG)),
        }
    }

    /// Reads a TLV whose tag is one of `tags`.
    pub fn expect_tlv_of(&mut self, tags: &[u8]) -> Result<Tlv<'a>, Error> {
        match self.peek_tag() {
            Some(t) if tags.contains(&t) => self.read(),
            Some(_) => Err(asn1_err(ASN1_R_WRONG_TAG)),
            None => Err(asn1_err(ASN1_R_HEADER_TOO_LONG)),
        }
    }

    /// Reads a TLV if the next tag is `tag`.
    pub fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, Error> {
        if self.peek_tag() == Some(tag) {
            Ok(Some(self.read()?.content))
        } else {
            Ok(None)
        }
    }

    /// Fails unless everything was consumed.
    pub fn finish(&self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(asn1_err(ASN1_R_SEQUENCE_LENGTH_MISMATCH))
        }
    }
}

/// Parses a TLV header: (header length, content length).
pub(crate) fn header(data: &[u8]) -> Result<(usize, usize), Error> {
    let tag = *data
        .first()
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    if tag & 0x1f == 0x1f {
        // High tag numbers never occur in certificates.
        return Err(asn1_err(ASN1_R_BAD_OBJECT_HEADER));
    }
    let first = *data
        .get(1)
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    if first < 0x80 {
        return Ok((2, first as usize));
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        // 0x80 is BER's indefinite length, which DER forbids.
        return Err(asn1_err(ASN1_R_HEADER_TOO_LONG));
    }
    let bytes = data
        .get(2..2 + n)
        .ok_or_else(|| asn1_err(ASN1_R_HEADER_TOO_LONG))?;
    let len = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
    Ok((2 + n, len))
}

/// The length of the first complete TLV in `data` (what `d2i_*` consumes).
pub fn tlv_len(data: &[u8]) -> Result<usize, Error> {
    let (h, l) = header(data)?;
    let total = h.checked_add(l).ok_or_else(|| asn1_err(ASN1_R_TOO_LONG))?;
    if total > data.len() {
        return Err(asn1_err(ASN1_R_TOO_LONG));
    }
    Ok(total)
}

/// Encodes a DER length.
pub(crate) fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

pub(crate) fn push_tlv(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    push_len(out, content.len());
    out.extend_from_slice(content);
}
