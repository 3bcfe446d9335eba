//! OpenSSL 3's error reason codes (`*_R_*`).

use std::ffi::c_int;

// Reasons (asn1err.h, x509err.h, pemerr.h, objectserr.h).
pub const ASN1_R_BAD_OBJECT_HEADER: c_int = 102;
pub const ASN1_R_HEADER_TOO_LONG: c_int = 123;
pub const ASN1_R_ILLEGAL_TIME_VALUE: c_int = 184;
pub const ASN1_R_INVALID_OBJECT_ENCODING: c_int = 216;
pub const ASN1_R_NOT_ENOUGH_DATA: c_int = 142;
pub const ASN1_R_SEQUENCE_LENGTH_MISMATCH: c_int = 148;
pub const ASN1_R_TOO_LONG: c_int = 155;
pub const ASN1_R_WRONG_TAG: c_int = 168;
pub const ASN1_R_INVALID_VALUE: c_int = 219;
pub const ASN1_R_INTEGER_TOO_LARGE_FOR_LONG: c_int = 128;
pub const ASN1_R_UNKNOWN_TAG: c_int = 194;
pub const ASN1_R_BUFFER_TOO_SMALL: c_int = 107;
pub const ASN1_R_ILLEGAL_CHARACTERS: c_int = 124;
pub const X509_R_UNKNOWN_NID: c_int = 109;
pub const X509_R_INVALID_FIELD_NAME: c_int = 119;
pub const PEM_R_BAD_BASE64_DECODE: c_int = 100;
pub const PEM_R_BAD_END_LINE: c_int = 102;
pub const PEM_R_NO_START_LINE: c_int = 108;
pub const OBJ_R_UNKNOWN_NID: c_int = 101;
pub const OBJ_R_UNKNOWN_OBJECT_NAME: c_int = 103;
