//! OpenSSL 3's constants that ferrossl's code uses, picked by hand from the headers
//! named in each group.

use std::ffi::{c_int, c_long, c_uint, c_ulong};

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
/// `MBSTRING_*` (asn1.h): the input encodings of `X509_NAME_add_entry_by_txt`
/// and co, which then pick the string type as OpenSSL does.
pub const MBSTRING_FLAG: c_int = 0x1000;
pub const MBSTRING_UTF8: c_int = MBSTRING_FLAG;
pub const MBSTRING_ASC: c_int = MBSTRING_FLAG | 1;
pub const MBSTRING_BMP: c_int = MBSTRING_FLAG | 2;
pub const MBSTRING_UNIV: c_int = MBSTRING_FLAG | 4;
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
/// `ASN1_STRING.flags` of a BIT STRING: the low 3 bits count the unused bits.
pub const ASN1_STRING_FLAG_BITS_LEFT: c_long = 0x08;

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

// ssl.h and tls1.h: protocol versions, verify modes, options, modes, session cache.
pub const TLS1_VERSION: c_int = 0x0301;
pub const TLS1_1_VERSION: c_int = 0x0302;
pub const TLS1_2_VERSION: c_int = 0x0303;
pub const TLS1_3_VERSION: c_int = 0x0304;
pub const SSL_VERIFY_NONE: c_int = 0x00;
pub const SSL_VERIFY_PEER: c_int = 0x01;
pub const SSL_VERIFY_FAIL_IF_NO_PEER_CERT: c_int = 0x02;
pub const SSL_VERIFY_CLIENT_ONCE: c_int = 0x04;
pub const SSL_VERIFY_POST_HANDSHAKE: c_int = 0x08;
pub const SSL_OP_NO_TICKET: u64 = 1 << 14;
pub const SSL_OP_CIPHER_SERVER_PREFERENCE: u64 = 1 << 22;
pub const SSL_OP_NO_TLSv1: u64 = 1 << 26;
pub const SSL_OP_NO_TLSv1_2: u64 = 1 << 27;
pub const SSL_OP_NO_TLSv1_1: u64 = 1 << 28;
pub const SSL_OP_NO_TLSv1_3: u64 = 1 << 29;
pub const SSL_OP_IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
pub const SSL_OP_ALL: u64 = 0x80000850;
pub const SSL_MODE_ENABLE_PARTIAL_WRITE: c_long = 0x1;
pub const SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: c_long = 0x2;
pub const SSL_MODE_AUTO_RETRY: c_long = 0x4;
pub const SSL_MODE_NO_AUTO_CHAIN: c_long = 0x8;
pub const SSL_MODE_RELEASE_BUFFERS: c_long = 0x10;
pub const SSL_SESS_CACHE_OFF: c_long = 0x0;
pub const SSL_SESS_CACHE_CLIENT: c_long = 0x1;
pub const SSL_SESS_CACHE_SERVER: c_long = 0x2;
pub const SSL_SESS_CACHE_BOTH: c_long = 0x3;
pub const SSL_SESS_CACHE_NO_AUTO_CLEAR: c_long = 0x80;
pub const SSL_SESS_CACHE_NO_INTERNAL_LOOKUP: c_long = 0x100;
pub const SSL_SESS_CACHE_NO_INTERNAL_STORE: c_long = 0x200;
pub const SSL_SESS_CACHE_NO_INTERNAL: c_long = 0x300;

// bio.h: flags, close flags, ctrl commands, types.
pub const BIO_FLAGS_READ: c_int = 0x01;
pub const BIO_FLAGS_WRITE: c_int = 0x02;
pub const BIO_FLAGS_IO_SPECIAL: c_int = 0x04;
pub const BIO_FLAGS_RWS: c_int = BIO_FLAGS_READ | BIO_FLAGS_WRITE | BIO_FLAGS_IO_SPECIAL;
pub const BIO_FLAGS_SHOULD_RETRY: c_int = 0x08;
pub const BIO_NOCLOSE: c_int = 0x00;
pub const BIO_CLOSE: c_int = 0x01;
pub const BIO_CTRL_RESET: c_int = 1;
pub const BIO_CTRL_EOF: c_int = 2;
pub const BIO_CTRL_INFO: c_int = 3;
pub const BIO_CTRL_PUSH: c_int = 6;
pub const BIO_CTRL_POP: c_int = 7;
pub const BIO_CTRL_GET_CLOSE: c_int = 8;
pub const BIO_CTRL_SET_CLOSE: c_int = 9;
pub const BIO_CTRL_PENDING: c_int = 10;
pub const BIO_CTRL_FLUSH: c_int = 11;
pub const BIO_CTRL_DUP: c_int = 12;
pub const BIO_CTRL_WPENDING: c_int = 13;
pub const BIO_C_SET_FD: c_int = 104;
pub const BIO_C_GET_FD: c_int = 105;
pub const BIO_C_SET_NBIO: c_int = 102;
pub const BIO_C_GET_BUF_MEM_PTR: c_int = 115;
pub const BIO_C_SET_BUF_MEM_EOF_RETURN: c_int = 130;
pub const BIO_C_GET_WRITE_GUARANTEE: c_int = 140;
pub const BIO_C_GET_READ_REQUEST: c_int = 141;
pub const BIO_C_SHUTDOWN_WR: c_int = 142;
pub const BIO_TYPE_DESCRIPTOR: c_int = 0x0100;
pub const BIO_TYPE_SOURCE_SINK: c_int = 0x0400;
pub const BIO_TYPE_MEM: c_int = 1 | BIO_TYPE_SOURCE_SINK;
pub const BIO_TYPE_FD: c_int = 4 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR;
pub const BIO_TYPE_FILE: c_int = 2 | BIO_TYPE_SOURCE_SINK;
pub const BIO_C_SET_FILE_PTR: c_int = 106;
pub const BIO_C_GET_FILE_PTR: c_int = 107;
pub const BIO_C_SET_FILENAME: c_int = 108;
pub const BIO_C_FILE_SEEK: c_int = 128;
pub const BIO_C_FILE_TELL: c_int = 133;
pub const BIO_FP_READ: c_long = 0x02;
pub const BIO_FP_WRITE: c_long = 0x04;
pub const BIO_FP_APPEND: c_long = 0x08;
pub const BIO_TYPE_SOCKET: c_int = 5 | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR;
pub const BIO_TYPE_NULL: c_int = 6 | BIO_TYPE_SOURCE_SINK;
pub const BIO_TYPE_BIO: c_int = 19 | BIO_TYPE_SOURCE_SINK;
pub const BIO_TYPE_START: c_int = 128;
pub const BIO_TYPE_FILTER: c_int = 0x0200;
pub const BIO_TYPE_MD: c_int = 8 | BIO_TYPE_FILTER;
pub const BIO_TYPE_BUFFER: c_int = 9 | BIO_TYPE_FILTER;
pub const BIO_TYPE_CIPHER: c_int = 10 | BIO_TYPE_FILTER;
pub const BIO_TYPE_BASE64: c_int = 11 | BIO_TYPE_FILTER;
pub const BIO_TYPE_NULL_FILTER: c_int = 17 | BIO_TYPE_FILTER;
pub const BIO_FLAGS_BASE64_NO_NL: c_int = 0x100;
pub const BIO_FLAGS_MEM_RDONLY: c_int = 0x200;
/// `BUF_MEM_new_ex` flag (buffer.h): ask for secure-heap memory.
pub const BUF_MEM_FLAG_SECURE: std::ffi::c_ulong = 0x01;
pub const BIO_CTRL_SET: c_int = 4;
pub const BIO_CTRL_GET: c_int = 5;
pub const BIO_C_DO_STATE_MACHINE: c_int = 101;
pub const BIO_C_SET_MD: c_int = 111;
pub const BIO_C_GET_MD: c_int = 112;
pub const BIO_C_GET_CIPHER_STATUS: c_int = 113;
pub const BIO_C_GET_BUFF_NUM_LINES: c_int = 116;
pub const BIO_C_SET_BUFF_SIZE: c_int = 117;
pub const BIO_C_GET_MD_CTX: c_int = 120;
pub const BIO_C_SET_BUFF_READ_DATA: c_int = 122;
pub const BIO_C_GET_CIPHER_CTX: c_int = 129;
pub const BIO_C_SET_MD_CTX: c_int = 148;
pub const BIO_RR_SSL_X509_LOOKUP: c_int = 0x01;

// x509_vfy.h: verification results.
pub const X509_V_OK: c_long = 0;
pub const X509_V_ERR_UNSPECIFIED: c_long = 1;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: c_long = 2;
pub const X509_V_ERR_UNABLE_TO_GET_CRL: c_long = 3;
pub const X509_V_ERR_CRL_SIGNATURE_FAILURE: c_long = 8;
pub const X509_V_ERR_CRL_NOT_YET_VALID: c_long = 11;
pub const X509_V_ERR_CRL_HAS_EXPIRED: c_long = 12;
pub const X509_V_ERR_KEYUSAGE_NO_CRL_SIGN: c_long = 35;
pub const X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION: c_long = 36;
pub const X509_V_ERR_CERT_SIGNATURE_FAILURE: c_long = 7;
pub const X509_V_ERR_CERT_NOT_YET_VALID: c_long = 9;
pub const X509_V_ERR_CERT_HAS_EXPIRED: c_long = 10;
pub const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: c_long = 18;
pub const X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: c_long = 19;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: c_long = 20;
pub const X509_V_ERR_CERT_CHAIN_TOO_LONG: c_long = 22;
pub const X509_V_ERR_CERT_REVOKED: c_long = 23;
pub const X509_V_ERR_INVALID_CA: c_long = 79;
pub const X509_V_ERR_INVALID_PURPOSE: c_long = 26;
pub const X509_V_ERR_CERT_UNTRUSTED: c_long = 27;
pub const X509_V_ERR_CERT_REJECTED: c_long = 28;
pub const X509_V_ERR_INVALID_EXTENSION: c_long = 41;
pub const X509_V_ERR_HOSTNAME_MISMATCH: c_long = 62;
pub const X509_V_ERR_IP_ADDRESS_MISMATCH: c_long = 64;

// ssl.h: SSL_ctrl / SSL_CTX_ctrl commands, and the server-name type.
pub const SSL_CTRL_SET_TMP_DH: c_int = 3;
pub const SSL_CTRL_SET_TMP_ECDH: c_int = 4;
pub const SSL_CTRL_EXTRA_CHAIN_CERT: c_int = 14;
/// The OpenSSL 1.1 options ctrl: a no-op returning 0 on OpenSSL 3.
pub const SSL_CTRL_OPTIONS: c_int = 32;
pub const SSL_CTRL_GET_RAW_CIPHERLIST: c_int = 110;
pub const SSL_CTRL_MODE: c_int = 33;
pub const SSL_CTRL_GET_READ_AHEAD: c_int = 40;
pub const SSL_CTRL_SET_READ_AHEAD: c_int = 41;
pub const SSL_CTRL_SESS_NUMBER: c_int = 20;
pub const SSL_CTRL_SESS_CONNECT: c_int = 21;
pub const SSL_CTRL_SESS_CONNECT_GOOD: c_int = 22;
pub const SSL_CTRL_SESS_CONNECT_RENEGOTIATE: c_int = 23;
pub const SSL_CTRL_SESS_ACCEPT: c_int = 24;
pub const SSL_CTRL_SESS_ACCEPT_GOOD: c_int = 25;
pub const SSL_CTRL_SESS_ACCEPT_RENEGOTIATE: c_int = 26;
pub const SSL_CTRL_SESS_HIT: c_int = 27;
pub const SSL_CTRL_SESS_CB_HIT: c_int = 28;
pub const SSL_CTRL_SESS_MISSES: c_int = 29;
pub const SSL_CTRL_SESS_TIMEOUTS: c_int = 30;
pub const SSL_CTRL_SESS_CACHE_FULL: c_int = 31;
pub const SSL_CTRL_SET_SESS_CACHE_SIZE: c_int = 42;
pub const SSL_CTRL_GET_SESS_CACHE_SIZE: c_int = 43;
pub const SSL_CTRL_SET_SESS_CACHE_MODE: c_int = 44;
pub const SSL_CTRL_GET_SESS_CACHE_MODE: c_int = 45;
pub const SSL_CTRL_SET_MAX_SEND_FRAGMENT: c_int = 52;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_CB: c_int = 53;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG: c_int = 54;
pub const SSL_CTRL_SET_TLSEXT_HOSTNAME: c_int = 55;
pub const SSL_CTRL_CLEAR_MODE: c_int = 78;
pub const SSL_CTRL_CHAIN: c_int = 88;
pub const SSL_CTRL_GET_EXTRA_CHAIN_CERTS: c_int = 82;
pub const SSL_CTRL_SELECT_CURRENT_CERT: c_int = 116;
pub const SSL_CTRL_CHAIN_CERT: c_int = 89;
pub const SSL_CTRL_SET_GROUPS_LIST: c_int = 92;
pub const SSL_CTRL_SET_ECDH_AUTO: c_int = 94;
pub const SSL_CTRL_SET_SIGALGS_LIST: c_int = 98;
pub const SSL_CTRL_SET_CLIENT_SIGALGS_LIST: c_int = 102;
pub const SSL_CTRL_SET_DH_AUTO: c_int = 118;
pub const SSL_CTRL_GET_EXTMS_SUPPORT: c_int = 122;
pub const SSL_CTRL_SET_MIN_PROTO_VERSION: c_int = 123;
pub const SSL_CTRL_SET_MAX_PROTO_VERSION: c_int = 124;
pub const SSL_CTRL_GET_MIN_PROTO_VERSION: c_int = 130;
pub const SSL_CTRL_GET_MAX_PROTO_VERSION: c_int = 131;
pub const SSL_CTRL_GET_NEGOTIATED_GROUP: c_int = 134;
pub const SSL_CTRL_GET_SHARED_GROUP: c_int = 93;
/// SSL_get_peer_tmp_key / SSL_get_tmp_key.
pub const SSL_CTRL_GET_PEER_TMP_KEY: c_int = 109;
pub const SSL_CTRL_GET_TMP_KEY: c_int = 133;
pub const TLSEXT_NAMETYPE_host_name: c_int = 0;
/// OCSP stapling (tls1.h's SSL_set_tlsext_status_type & co).
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB: c_int = 63;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 64;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_TYPE: c_int = 65;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 70;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 71;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_TYPE: c_int = 127;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB: c_int = 128;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 129;
pub const TLSEXT_STATUSTYPE_nothing: c_int = -1;
pub const TLSEXT_STATUSTYPE_ocsp: c_int = 1;
/// SSL_key_update types and SSL_get_key_update_type's "none pending" (ssl.h).
pub const SSL_KEY_UPDATE_NONE: c_int = -1;
pub const SSL_KEY_UPDATE_NOT_REQUESTED: c_int = 0;
pub const SSL_KEY_UPDATE_REQUESTED: c_int = 1;
/// SSL_get_early_data_status results and SSL_read_early_data's (ssl.h).
pub const SSL_EARLY_DATA_NOT_SENT: c_int = 0;
pub const SSL_EARLY_DATA_REJECTED: c_int = 1;
pub const SSL_EARLY_DATA_ACCEPTED: c_int = 2;
pub const SSL_READ_EARLY_DATA_ERROR: c_int = 0;
pub const SSL_READ_EARLY_DATA_SUCCESS: c_int = 1;
pub const SSL_READ_EARLY_DATA_FINISH: c_int = 2;
/// RFC 8879 certificate compression algorithms (tls1.h, OpenSSL 3.2).
pub const TLSEXT_comp_cert_none: c_int = 0;
pub const TLSEXT_comp_cert_zlib: c_int = 1;
pub const TLSEXT_comp_cert_brotli: c_int = 2;
pub const TLSEXT_comp_cert_zstd: c_int = 3;

// crypto.h / opensslv.h: version numbers and OpenSSL_version types.
/// The OpenSSL release whose API and behaviour ferrossl reproduces.
pub const OPENSSL_VERSION_NUMBER: c_ulong = 0x3000_0100;
pub const OPENSSL_VERSION: c_int = 0;
pub const OPENSSL_CFLAGS: c_int = 1;
pub const OPENSSL_BUILT_ON: c_int = 2;
pub const OPENSSL_PLATFORM: c_int = 3;
pub const OPENSSL_DIR: c_int = 4;
pub const OPENSSL_VERSION_STRING: c_int = 6;
pub const OPENSSL_FULL_VERSION_STRING: c_int = 7;

// crypto.h: ex_data classes.
pub const CRYPTO_EX_INDEX_SSL: c_int = 0;
pub const CRYPTO_EX_INDEX_SSL_CTX: c_int = 1;
pub const CRYPTO_EX_INDEX_SSL_SESSION: c_int = 2;
pub const CRYPTO_EX_INDEX_X509: c_int = 3;
pub const CRYPTO_EX_INDEX_X509_STORE_CTX: c_int = 5;
pub const CRYPTO_EX_INDEX__COUNT: c_int = 18;

// evp.h / ssl.h: key types and file types.
pub const EVP_PKEY_RSA: c_int = 6;
pub const EVP_PKEY_EC: c_int = 408;
pub const EVP_PKEY_ED25519: c_int = 1087;
pub const EVP_PKEY_NONE: c_int = 0;
pub const EVP_PKEY_RSA_PSS: c_int = 912;
pub const EVP_PKEY_X25519: c_int = 1034;
pub const EVP_PKEY_HKDF: c_int = 1036;
pub const EVP_PKEY_HMAC: c_int = 855;

// kdf.h: HKDF modes for EVP_PKEY_CTX_set_hkdf_mode.
pub const EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND: c_int = 0;
pub const EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY: c_int = 1;
pub const EVP_PKEY_HKDEF_MODE_EXPAND_ONLY: c_int = 2;

// rsa.h: paddings and PSS salt lengths for EVP_PKEY_CTX_set_rsa_padding / _pss_saltlen.
pub const RSA_PKCS1_PADDING: c_int = 1;
pub const RSA_NO_PADDING: c_int = 3;
pub const RSA_PKCS1_OAEP_PADDING: c_int = 4;
pub const RSA_PKCS1_PSS_PADDING: c_int = 6;
pub const RSA_PSS_SALTLEN_DIGEST: c_int = -1;
pub const SSL_FILETYPE_PEM: c_int = 1;
pub const SSL_FILETYPE_ASN1: c_int = 2;

// err.h: the system-error flag.
pub const ERR_SYSTEM_FLAG: c_ulong = 0x8000_0000;

// ssl.h: SSL_select_next_proto results.
pub const OPENSSL_NPN_UNSUPPORTED: c_int = 0;
pub const OPENSSL_NPN_NEGOTIATED: c_int = 1;
pub const OPENSSL_NPN_NO_OVERLAP: c_int = 2;

// x509v3.h: X509_get_signature_info flags.
pub const X509_SIG_INFO_VALID: u32 = 0x1;
pub const X509_SIG_INFO_TLS: u32 = 0x2;

// x509_vfy.h: verification flags and X509_LOOKUP types.
pub const X509_V_FLAG_CRL_CHECK: c_ulong = 0x4;
pub const X509_V_FLAG_CRL_CHECK_ALL: c_ulong = 0x8;
pub const X509_PURPOSE_SSL_CLIENT: c_int = 1;
pub const X509_PURPOSE_SSL_SERVER: c_int = 2;
pub const X509_PURPOSE_NS_SSL_SERVER: c_int = 3;
pub const X509_PURPOSE_SMIME_SIGN: c_int = 4;
pub const X509_PURPOSE_SMIME_ENCRYPT: c_int = 5;
pub const X509_PURPOSE_CRL_SIGN: c_int = 6;
pub const X509_PURPOSE_ANY: c_int = 7;
pub const X509_PURPOSE_OCSP_HELPER: c_int = 8;
pub const X509_PURPOSE_TIMESTAMP_SIGN: c_int = 9;
pub const X509_TRUST_DEFAULT: c_int = 0;
pub const X509_TRUST_COMPAT: c_int = 1;
pub const X509_TRUST_SSL_CLIENT: c_int = 2;
pub const X509_TRUST_SSL_SERVER: c_int = 3;
pub const X509_TRUST_EMAIL: c_int = 4;
pub const X509_TRUST_OBJECT_SIGN: c_int = 5;
pub const X509_TRUST_OCSP_SIGN: c_int = 6;
pub const X509_TRUST_OCSP_REQUEST: c_int = 7;
pub const X509_TRUST_TSA: c_int = 8;
pub const X509_LU_NONE: c_int = 0;
pub const X509_LU_X509: c_int = 1;
pub const X509_LU_CRL: c_int = 2;

// evp.h: digest flags.
pub const EVP_MD_FLAG_XOF: c_ulong = 0x0002;

// x509.h / x509_vfy.h: file types and lookup commands.
pub const X509_FILETYPE_PEM: c_int = 1;
pub const X509_FILETYPE_ASN1: c_int = 2;
pub const X509_FILETYPE_DEFAULT: c_int = 3;
pub const X509_L_FILE_LOAD: c_int = 1;
pub const X509_L_ADD_DIR: c_int = 2;

// ssl.h: SSL_CONF_CTX flags and value types, and the options its tables name.
pub const SSL_CONF_FLAG_CMDLINE: c_uint = 0x1;
pub const SSL_CONF_FLAG_FILE: c_uint = 0x2;
pub const SSL_CONF_FLAG_CLIENT: c_uint = 0x4;
pub const SSL_CONF_FLAG_SERVER: c_uint = 0x8;
pub const SSL_CONF_FLAG_SHOW_ERRORS: c_uint = 0x10;
pub const SSL_CONF_FLAG_CERTIFICATE: c_uint = 0x20;
pub const SSL_CONF_FLAG_REQUIRE_PRIVATE: c_uint = 0x40;
pub const SSL_CONF_TYPE_UNKNOWN: c_int = 0x0;
pub const SSL_CONF_TYPE_STRING: c_int = 0x1;
pub const SSL_CONF_TYPE_FILE: c_int = 0x2;
pub const SSL_CONF_TYPE_DIR: c_int = 0x3;
pub const SSL_CONF_TYPE_NONE: c_int = 0x4;
pub const SSL_CONF_TYPE_STORE: c_int = 0x5;
pub const SSL_OP_NO_EXTENDED_MASTER_SECRET: u64 = 1 << 0;
pub const SSL_OP_LEGACY_SERVER_CONNECT: u64 = 1 << 2;
pub const SSL_OP_ENABLE_KTLS: u64 = 1 << 3;
pub const SSL_OP_ALLOW_CLIENT_RENEGOTIATION: u64 = 1 << 8;
pub const SSL_OP_DISABLE_TLSEXT_CA_NAMES: u64 = 1 << 9;
pub const SSL_OP_ALLOW_NO_DHE_KEX: u64 = 1 << 10;
pub const SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: u64 = 1 << 11;
pub const SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: u64 = 1 << 16;
pub const SSL_OP_NO_COMPRESSION: u64 = 1 << 17;
pub const SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: u64 = 1 << 18;
pub const SSL_OP_NO_ENCRYPT_THEN_MAC: u64 = 1 << 19;
pub const SSL_OP_ENABLE_MIDDLEBOX_COMPAT: u64 = 1 << 20;
pub const SSL_OP_PRIORITIZE_CHACHA: u64 = 1 << 21;
pub const SSL_OP_NO_ANTI_REPLAY: u64 = 1 << 24;
pub const SSL_OP_NO_SSLv3: u64 = 1 << 25;
pub const SSL_OP_NO_RENEGOTIATION: u64 = 1 << 30;
// Bits 32 and up as literals: the C header's `1 << 32` would overflow an int.
pub const SSL_OP_NO_TX_CERTIFICATE_COMPRESSION: u64 = 0x1_0000_0000;
pub const SSL_OP_NO_RX_CERTIFICATE_COMPRESSION: u64 = 0x2_0000_0000;
pub const SSL_OP_ENABLE_KTLS_TX_ZEROCOPY_SENDFILE: u64 = 0x4_0000_0000;
pub const SSL_OP_PREFER_NO_DHE_KEX: u64 = 0x8_0000_0000;
pub const SSL_OP_LEGACY_EC_POINT_FORMATS: u64 = 0x10_0000_0000;
/// `SSL_OP_NO_SSL_MASK`: every protocol-disabling bit (SSLv3 to TLS 1.3).
pub const SSL_OP_NO_SSL_MASK: u64 =
    SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 | SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3;

// x509_vfy.h: the rest of the verification flags (SSL_CONF's CertValidation names them).
pub const X509_V_FLAG_USE_CHECK_TIME: c_ulong = 0x2;
pub const X509_V_FLAG_IGNORE_CRITICAL: c_ulong = 0x10;
pub const X509_V_FLAG_X509_STRICT: c_ulong = 0x20;
pub const X509_V_FLAG_ALLOW_PROXY_CERTS: c_ulong = 0x40;
pub const X509_V_FLAG_POLICY_CHECK: c_ulong = 0x80;
pub const X509_V_FLAG_EXPLICIT_POLICY: c_ulong = 0x100;
pub const X509_V_FLAG_INHIBIT_ANY: c_ulong = 0x200;
pub const X509_V_FLAG_INHIBIT_MAP: c_ulong = 0x400;
pub const X509_V_FLAG_NOTIFY_POLICY: c_ulong = 0x800;
pub const X509_V_FLAG_EXTENDED_CRL_SUPPORT: c_ulong = 0x1000;
pub const X509_V_FLAG_USE_DELTAS: c_ulong = 0x2000;
pub const X509_V_FLAG_CHECK_SS_SIGNATURE: c_ulong = 0x4000;
pub const X509_V_FLAG_SUITEB_128_LOS_ONLY: c_ulong = 0x10000;
pub const X509_V_FLAG_SUITEB_192_LOS: c_ulong = 0x20000;
pub const X509_V_FLAG_SUITEB_128_LOS: c_ulong = 0x30000;
pub const X509_V_FLAG_PARTIAL_CHAIN: c_ulong = 0x80000;
pub const X509_V_FLAG_NO_CHECK_TIME: c_ulong = 0x200000;
// evp.h: cipher limits, modes, flags and EVP_CIPHER_CTX_ctrl commands.
pub const EVP_MAX_MD_SIZE: c_int = 64;
pub const EVP_MAX_KEY_LENGTH: c_int = 64;
pub const EVP_MAX_IV_LENGTH: c_int = 16;
pub const EVP_MAX_BLOCK_LENGTH: c_int = 32;
pub const EVP_CIPH_STREAM_CIPHER: c_ulong = 0x0;
pub const EVP_CIPH_ECB_MODE: c_ulong = 0x1;
pub const EVP_CIPH_CBC_MODE: c_ulong = 0x2;
pub const EVP_CIPH_CFB_MODE: c_ulong = 0x3;
pub const EVP_CIPH_OFB_MODE: c_ulong = 0x4;
pub const EVP_CIPH_CTR_MODE: c_ulong = 0x5;
pub const EVP_CIPH_GCM_MODE: c_ulong = 0x6;
pub const EVP_CIPH_CCM_MODE: c_ulong = 0x7;
pub const EVP_CIPH_MODE: c_ulong = 0xF0007;
pub const EVP_CIPH_FLAG_AEAD_CIPHER: c_ulong = 0x200000;
pub const EVP_CTRL_AEAD_SET_IVLEN: c_int = 0x9;
pub const EVP_CTRL_AEAD_GET_TAG: c_int = 0x10;
pub const EVP_CTRL_AEAD_SET_TAG: c_int = 0x11;
pub const EVP_CTRL_GCM_SET_IVLEN: c_int = 0x9;
pub const EVP_CTRL_GCM_GET_TAG: c_int = 0x10;
pub const EVP_CTRL_GCM_SET_TAG: c_int = 0x11;
pub const EVP_CTRL_CCM_SET_IVLEN: c_int = 0x9;
pub const EVP_CTRL_CCM_GET_TAG: c_int = 0x10;
pub const EVP_CTRL_CCM_SET_TAG: c_int = 0x11;
pub const EVP_CTRL_CCM_SET_L: c_int = 0x14;

// bn.h: BN_rand's top and bottom.
pub const BN_RAND_TOP_ANY: c_int = -1;
pub const BN_RAND_TOP_ONE: c_int = 0;
pub const BN_RAND_TOP_TWO: c_int = 1;
pub const BN_RAND_BOTTOM_ANY: c_int = 0;
pub const BN_RAND_BOTTOM_ODD: c_int = 1;

// ec.h: point encodings for EC_POINT_point2oct (point_conversion_form_t).
pub const POINT_CONVERSION_COMPRESSED: c_int = 2;
pub const POINT_CONVERSION_UNCOMPRESSED: c_int = 4;
pub const POINT_CONVERSION_HYBRID: c_int = 6;

// Encrypted Client Hello (OpenSSL 4.0's ssl.h, ech.h and sslerr.h; BoringSSL's ssl.h).
/// `SSL_OP_ECH_GREASE`: a client without an ECHConfigList sends a GREASE ECH extension.
pub const SSL_OP_ECH_GREASE: u64 = 0x20_0000_0000; // SSL_OP_BIT(37)
/// `SSL_ech_get1_status` results.
pub const SSL_ECH_STATUS_BACKEND: c_int = 4;
pub const SSL_ECH_STATUS_GREASE_ECH: c_int = 3;
pub const SSL_ECH_STATUS_GREASE: c_int = 2;
pub const SSL_ECH_STATUS_SUCCESS: c_int = 1;
pub const SSL_ECH_STATUS_FAILED: c_int = 0;
pub const SSL_ECH_STATUS_BAD_CALL: c_int = -100;
pub const SSL_ECH_STATUS_NOT_TRIED: c_int = -101;
pub const SSL_ECH_STATUS_BAD_NAME: c_int = -102;
pub const SSL_ECH_STATUS_NOT_CONFIGURED: c_int = -103;
pub const SSL_ECH_STATUS_FAILED_ECH: c_int = -105;
/// The reason a handshake whose ECH offer the server rejected fails with
/// (OpenSSL 4.0's `SSL_R_ECH_REQUIRED`, "ech required"; BoringSSL calls the
/// same event `SSL_R_ECH_REJECTED`, and its number is BoringSSL's own).
pub const SSL_R_ECH_REQUIRED: c_int = 424;

// ui.h / uierr.h: string types, input flags, controls, library and reasons.
pub const UIT_NONE: c_int = 0;
pub const UIT_PROMPT: c_int = 1;
pub const UIT_VERIFY: c_int = 2;
pub const UIT_BOOLEAN: c_int = 3;
pub const UIT_INFO: c_int = 4;
pub const UIT_ERROR: c_int = 5;
pub const UI_INPUT_FLAG_ECHO: c_int = 0x01;
pub const UI_INPUT_FLAG_DEFAULT_PWD: c_int = 0x02;
pub const UI_CTRL_PRINT_ERRORS: c_int = 1;
pub const UI_CTRL_IS_REDOABLE: c_int = 2;

// store.h / storeerr.h: OSSL_STORE_INFO types, library and reasons.
pub const OSSL_STORE_INFO_NAME: c_int = 1;
pub const OSSL_STORE_INFO_PARAMS: c_int = 2;
pub const OSSL_STORE_INFO_PUBKEY: c_int = 3;
pub const OSSL_STORE_INFO_PKEY: c_int = 4;
pub const OSSL_STORE_INFO_CERT: c_int = 5;
pub const OSSL_STORE_INFO_CRL: c_int = 6;

// conf.h: CONF_R_* reasons (library ERR_LIB_CONF), and X509V3_CTX flags (x509v3.h).
pub const X509V3_CTX_TEST: c_int = 0x1;
pub const X509V3_CTX_REPLACE: c_int = 0x2;

// ocsp.h: OCSP_R_* reasons (library ERR_LIB_OCSP) and response statuses.

// core_dispatch.h: what an OSSL_ENCODER_CTX selects of a key.
pub const OSSL_KEYMGMT_SELECT_PRIVATE_KEY: c_int = 0x01;
pub const OSSL_KEYMGMT_SELECT_PUBLIC_KEY: c_int = 0x02;
pub const OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS: c_int = 0x04;
pub const OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS: c_int = 0x80;
pub const OSSL_KEYMGMT_SELECT_ALL_PARAMETERS: c_int = 0x84;
pub const OSSL_KEYMGMT_SELECT_KEYPAIR: c_int = 0x03;
pub const OSSL_KEYMGMT_SELECT_ALL: c_int = 0x87;
