//! OpenSSL 3's constants that ferrossl's code uses, picked by hand from the headers
//! named in each group.

use std::ffi::{c_int, c_long};

// Constants (OpenSSL 3 values).

// ASN.1 universal tags, as `ASN1_STRING_type` reports them (asn1.h).
pub const V_ASN1_EOC: c_int = 0;
pub const V_ASN1_BOOLEAN: c_int = 1;
pub const V_ASN1_INTEGER: c_int = 2;
pub const V_ASN1_BIT_STRING: c_int = 3;
pub const V_ASN1_OCTET_STRING: c_int = 4;
pub const V_ASN1_NULL: c_int = 5;
pub const V_ASN1_OBJECT: c_int = 6;
pub const V_ASN1_ENUMERATED: c_int = 10;
pub const V_ASN1_UTF8STRING: c_int = 12;
pub const V_ASN1_SEQUENCE: c_int = 16;
pub const V_ASN1_SET: c_int = 17;
pub const V_ASN1_NUMERICSTRING: c_int = 18;
pub const V_ASN1_PRINTABLESTRING: c_int = 19;
pub const V_ASN1_T61STRING: c_int = 20;
pub const V_ASN1_TELETEXSTRING: c_int = 20;
pub const V_ASN1_VIDEOTEXSTRING: c_int = 21;
pub const V_ASN1_IA5STRING: c_int = 22;
pub const V_ASN1_UTCTIME: c_int = 23;
pub const V_ASN1_GENERALIZEDTIME: c_int = 24;
pub const V_ASN1_GRAPHICSTRING: c_int = 25;
pub const V_ASN1_ISO64STRING: c_int = 26;
pub const V_ASN1_VISIBLESTRING: c_int = 26;
pub const V_ASN1_GENERALSTRING: c_int = 27;
pub const V_ASN1_UNIVERSALSTRING: c_int = 28;
pub const V_ASN1_BMPSTRING: c_int = 30;
pub const V_ASN1_NEG: c_int = 0x100;
pub const V_ASN1_NEG_INTEGER: c_int = 2 | V_ASN1_NEG;
pub const V_ASN1_NEG_ENUMERATED: c_int = 10 | V_ASN1_NEG;

/// `ASN1_STRING.flags`: the string is embedded in its parent (freeing it is a no-op).
pub const ASN1_STRING_FLAG_EMBED: c_long = 0x080;

// GENERAL_NAME types (x509v3.h).
pub const GEN_OTHERNAME: c_int = 0;
pub const GEN_EMAIL: c_int = 1;
pub const GEN_DNS: c_int = 2;
pub const GEN_X400: c_int = 3;
pub const GEN_DIRNAME: c_int = 4;
pub const GEN_EDIPARTY: c_int = 5;
pub const GEN_URI: c_int = 6;
pub const GEN_IPADD: c_int = 7;
pub const GEN_RID: c_int = 8;

// X509_check_host flags (x509v3.h).
pub const X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT: u32 = 0x1;
pub const X509_CHECK_FLAG_NO_WILDCARDS: u32 = 0x2;
pub const X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS: u32 = 0x4;
pub const X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS: u32 = 0x8;
pub const X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS: u32 = 0x10;
pub const X509_CHECK_FLAG_NEVER_CHECK_SUBJECT: u32 = 0x20;

// ASN1_STRING_print_ex / X509_NAME_print_ex flags (asn1.h, x509.h).
pub const ASN1_STRFLGS_ESC_2253: u64 = 1;
pub const ASN1_STRFLGS_ESC_CTRL: u64 = 2;
pub const ASN1_STRFLGS_ESC_MSB: u64 = 4;
pub const ASN1_STRFLGS_ESC_QUOTE: u64 = 8;
pub const ASN1_STRFLGS_UTF8_CONVERT: u64 = 0x10;
pub const ASN1_STRFLGS_IGNORE_TYPE: u64 = 0x20;
pub const ASN1_STRFLGS_SHOW_TYPE: u64 = 0x40;
pub const ASN1_STRFLGS_DUMP_ALL: u64 = 0x80;
pub const ASN1_STRFLGS_DUMP_UNKNOWN: u64 = 0x100;
pub const ASN1_STRFLGS_DUMP_DER: u64 = 0x200;
pub const ASN1_STRFLGS_ESC_2254: u64 = 0x400;
pub const ASN1_STRFLGS_RFC2253: u64 = ASN1_STRFLGS_ESC_2253
    | ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB
    | ASN1_STRFLGS_UTF8_CONVERT
    | ASN1_STRFLGS_DUMP_UNKNOWN
    | ASN1_STRFLGS_DUMP_DER;
pub const XN_FLAG_COMPAT: u64 = 0;
pub const XN_FLAG_SEP_COMMA_PLUS: u64 = 1 << 16;
pub const XN_FLAG_SEP_CPLUS_SPC: u64 = 2 << 16;
pub const XN_FLAG_SEP_SPLUS_SPC: u64 = 3 << 16;
pub const XN_FLAG_SEP_MULTILINE: u64 = 4 << 16;
pub const XN_FLAG_SEP_MASK: u64 = 0xf << 16;
pub const XN_FLAG_DN_REV: u64 = 1 << 20;
pub const XN_FLAG_FN_SN: u64 = 0;
pub const XN_FLAG_FN_LN: u64 = 1 << 21;
pub const XN_FLAG_FN_OID: u64 = 2 << 21;
pub const XN_FLAG_FN_NONE: u64 = 3 << 21;
pub const XN_FLAG_FN_MASK: u64 = 0x3 << 21;
pub const XN_FLAG_SPC_EQ: u64 = 1 << 23;
pub const XN_FLAG_DUMP_UNKNOWN_FIELDS: u64 = 1 << 24;
pub const XN_FLAG_FN_ALIGN: u64 = 1 << 25;
pub const XN_FLAG_RFC2253: u64 = ASN1_STRFLGS_RFC2253
    | XN_FLAG_SEP_COMMA_PLUS
    | XN_FLAG_DN_REV
    | XN_FLAG_FN_SN
    | XN_FLAG_DUMP_UNKNOWN_FIELDS;
pub const XN_FLAG_ONELINE: u64 = ASN1_STRFLGS_RFC2253
    | ASN1_STRFLGS_ESC_QUOTE
    | XN_FLAG_SEP_CPLUS_SPC
    | XN_FLAG_SPC_EQ
    | XN_FLAG_FN_SN;
pub const XN_FLAG_MULTILINE: u64 = ASN1_STRFLGS_ESC_CTRL
    | ASN1_STRFLGS_ESC_MSB
    | XN_FLAG_SEP_MULTILINE
    | XN_FLAG_SPC_EQ
    | XN_FLAG_FN_LN
    | XN_FLAG_FN_ALIGN;

// ERR (err.h).
/// `ERR_get_error_all` flags: the entry's data is allocated / is a string.
pub const ERR_TXT_MALLOCED: c_int = 0x01;
pub const ERR_TXT_STRING: c_int = 0x02;

// SSL_get_error results, shutdown state, servername/ALPN callback results and alerts (ssl.h, tls1.h).
pub const SSL_ERROR_NONE: c_int = 0;
pub const SSL_ERROR_SSL: c_int = 1;
pub const SSL_ERROR_WANT_READ: c_int = 2;
pub const SSL_ERROR_WANT_WRITE: c_int = 3;
pub const SSL_ERROR_WANT_X509_LOOKUP: c_int = 4;
pub const SSL_ERROR_SYSCALL: c_int = 5;
pub const SSL_ERROR_ZERO_RETURN: c_int = 6;
pub const SSL_ERROR_WANT_CONNECT: c_int = 7;
pub const SSL_ERROR_WANT_ACCEPT: c_int = 8;
pub const SSL_SENT_SHUTDOWN: c_int = 1;
pub const SSL_RECEIVED_SHUTDOWN: c_int = 2;
pub const SSL_TLSEXT_ERR_OK: c_int = 0;
pub const SSL_TLSEXT_ERR_ALERT_WARNING: c_int = 1;
pub const SSL_TLSEXT_ERR_ALERT_FATAL: c_int = 2;
pub const SSL_TLSEXT_ERR_NOACK: c_int = 3;
pub const SSL_AD_UNRECOGNIZED_NAME: c_int = 112;
pub const SSL_AD_NO_APPLICATION_PROTOCOL: c_int = 120;

// Alerts received from the peer as SSL_R_* reasons (ssl.h).
/// Alerts received from the peer are reported as `SSL_R_SSLV3_ALERT_*` /
/// `SSL_R_TLSV1_ALERT_*`, numbered 1000 + the alert code.
pub const SSL_AD_REASON_OFFSET: c_int = 1000;
