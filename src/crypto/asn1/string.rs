//! `ASN1_STRING` (also `ASN1_INTEGER`, `ASN1_TIME`, `ASN1_IA5STRING`, ...):
//! the C view and its owner, and the conversions to UTF-8.

use crate::abi::consts::{
    ASN1_STRING_FLAG_EMBED, V_ASN1_BMPSTRING, V_ASN1_UNIVERSALSTRING, V_ASN1_UTF8STRING,
};
use std::ffi::{c_int, c_long};
use std::sync::atomic::AtomicPtr;

// ASN1_STRING (also ASN1_INTEGER, ASN1_TIME, ASN1_IA5STRING, ASN1_OCTET_STRING…).

/// OpenSSL's public `struct asn1_string_st { int length; int type; unsigned
/// char *data; long flags; }`, which some clients read directly. `data` is an
/// `AtomicPtr` only so the struct is `Send + Sync`; it has the layout of a
/// plain pointer.
/// cbindgen:ignore
#[repr(C)]
#[derive(Debug)]
pub struct asn1_string_st {
    pub length: c_int,
    pub r#type: c_int,
    pub data: AtomicPtr<u8>,
    pub flags: c_long,
}
pub type ASN1_STRING = asn1_string_st;

/// An `ASN1_STRING` with the bytes it points to. The C struct comes first, so
/// a pointer to the C struct is a pointer to this.
#[repr(C)]
#[derive(Debug)]
pub struct Asn1String {
    pub(crate) c: asn1_string_st,
    /// The content followed by a NUL (OpenSSL always NUL-terminates `data`).
    pub(crate) buf: Box<[u8]>,
}
crate::handle!(Shared: Asn1String);

impl Asn1String {
    /// A string embedded in a parent object (`ASN1_STRING_free` ignores it).
    pub fn new(r#type: c_int, content: &[u8]) -> Self {
        Self::with_flags(r#type, content, ASN1_STRING_FLAG_EMBED)
    }

    /// A string C owns and frees (`ASN1_STRING_free`).
    pub fn owned(r#type: c_int, content: &[u8]) -> Self {
        Self::with_flags(r#type, content, 0)
    }

    pub(crate) fn with_flags(r#type: c_int, content: &[u8], flags: c_long) -> Self {
        let mut v = Vec::with_capacity(content.len() + 1);
        v.extend_from_slice(content);
        v.push(0);
        let buf = v.into_boxed_slice();
        let data = AtomicPtr::new(buf.as_ptr() as *mut u8);
        let length = c_int::try_from(content.len()).unwrap_or(c_int::MAX);
        Self {
            c: asn1_string_st {
                length,
                r#type,
                data,
                flags,
            },
            buf,
        }
    }

    /// Replaces type and content in place, keeping the flags (what
    /// `ASN1_STRING_set`, `ASN1_INTEGER_set` and `ASN1_TIME_set` do to a
    /// string C holds; `data` moves, as in OpenSSL).
    pub fn assign(&mut self, r#type: c_int, content: &[u8]) {
        let flags = self.c.flags;
        *self = Self::with_flags(r#type, content, flags);
    }

    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.buf.len() - 1]
    }

    pub fn kind(&self) -> c_int {
        self.c.r#type
    }

    pub fn is_embedded(&self) -> bool {
        self.c.flags & ASN1_STRING_FLAG_EMBED != 0
    }

    pub fn as_c(&self) -> *mut ASN1_STRING {
        &self.c as *const ASN1_STRING as *mut ASN1_STRING
    }

    pub fn clone_owned(&self) -> Self {
        Self::owned(self.kind(), self.bytes())
    }

    /// `ASN1_STRING_to_UTF8`: the string as UTF-8, converting BMP/Universal
    /// and single-byte (Latin-1) types; `None` for types OpenSSL refuses.
    pub fn to_utf8(&self) -> Option<Vec<u8>> {
        to_utf8(self.kind(), self.bytes())
    }
}

/// OpenSSL's `tag2nbyte`: character width by string type (0 is UTF-8).
pub(crate) fn char_width(r#type: c_int) -> Option<usize> {
    match r#type {
        V_ASN1_UTF8STRING => Some(0),
        18 | 19 | 20 | 22 | 23 | 24 | 26 | 27 => Some(1),
        V_ASN1_UNIVERSALSTRING => Some(4),
        V_ASN1_BMPSTRING => Some(2),
        _ => None,
    }
}

/// Decodes a string of the given type into code points.
pub(crate) fn code_points(r#type: c_int, bytes: &[u8]) -> Option<Vec<u32>> {
    match char_width(r#type)? {
        0 => Some(
            std::str::from_utf8(bytes)
                .ok()?
                .chars()
                .map(|c| c as u32)
                .collect(),
        ),
        1 => Some(bytes.iter().map(|&b| b as u32).collect()),
        2 if bytes.len().is_multiple_of(2) => Some(
            bytes
                .chunks_exact(2)
                .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
                .collect(),
        ),
        4 if bytes.len().is_multiple_of(4) => Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ),
        _ => None,
    }
}

/// OpenSSL 3's `UTF8_putc`: at most 4 bytes; surrogates (U+D800..DFFF) and
/// values above U+10FFFF are refused (`None`), which makes
/// `ASN1_STRING_to_UTF8` (`ASN1_mbstring_copy`) and the UTF-8 conversion of
/// `ASN1_STRING_print_ex`/`X509_NAME_print_ex` fail, as in OpenSSL 3.
pub(crate) fn utf8_put(out: &mut Vec<u8>, c: u32) -> Option<()> {
    let c = char::from_u32(c)?;
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    Some(())
}

pub fn to_utf8(r#type: c_int, bytes: &[u8]) -> Option<Vec<u8>> {
    if r#type == V_ASN1_UTF8STRING {
        std::str::from_utf8(bytes).ok()?;
        return Some(bytes.to_vec());
    }
    let mut out = Vec::with_capacity(bytes.len());
    for c in code_points(r#type, bytes)? {
        utf8_put(&mut out, c)?;
    }
    Some(out)
}
