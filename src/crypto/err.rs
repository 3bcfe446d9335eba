//! Errors: the `Error` type every entry point returns, and the thread-local
//! ERR queue, packed exactly as OpenSSL 3 packs it.

use crate::abi::consts::{ERR_SYSTEM_FLAG, SSL_AD_REASON_OFFSET};
use crate::abi::reasons::{
    ERR_LIB_SSL, ERR_LIB_SYS, ERR_RFLAG_COMMON, ERR_R_INTERNAL_ERROR,
    ERR_R_PASSED_INVALID_ARGUMENT, ERR_R_PASSED_NULL_PARAMETER, ERR_R_UNSUPPORTED,
    SSL_R_BAD_EXTENSION, SSL_R_BAD_PACKET, SSL_R_CERTIFICATE_VERIFY_FAILED,
    SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, SSL_R_LENGTH_MISMATCH,
    SSL_R_NO_APPLICATION_PROTOCOL, SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_NO_SHARED_CIPHER,
    SSL_R_NO_SUITABLE_KEY_SHARE, SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM,
    SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE,
    SSL_R_TOO_MUCH_EARLY_DATA, SSL_R_UNEXPECTED_MESSAGE, SSL_R_UNINITIALIZED,
    SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_WRONG_VERSION_NUMBER,
};
use crate::abi::tables;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::ffi::{c_int, c_ulong};

const ERR_LIB_OFFSET: u32 = 23;
const ERR_LIB_MASK: c_ulong = 0xFF;
const ERR_REASON_MASK: c_ulong = 0x7F_FFFF;
/// OpenSSL keeps at most 16 entries per thread and drops the oldest.
const ERR_NUM_ERRORS: usize = 16;

/// An error on its way to the ERR queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: c_ulong,
    data: Option<String>,
}

impl Error {
    /// `ERR_PACK(lib, 0, reason)`.
    pub fn new(lib: c_int, reason: c_int) -> Self {
        Self {
            code: pack(lib, reason),
            data: None,
        }
    }

    pub fn ssl(reason: c_int) -> Self {
        Self::new(ERR_LIB_SSL, reason)
    }

    pub fn null_pointer() -> Self {
        Self::new(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER)
    }

    pub fn invalid_argument(hint: &str) -> Self {
        Self::new(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT).data(hint)
    }

    pub fn internal(hint: &str) -> Self {
        Self::new(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR).data(hint)
    }

    /// A function or ctrl ferrossl does not implement: `ERR_R_UNSUPPORTED`
    /// in the library its name belongs to (`EVP_` is `ERR_LIB_EVP`, ...).
    pub fn unsupported(what: &str) -> Self {
        Self::new(library_of(what), ERR_R_UNSUPPORTED)
            .data(&format!("ferrossl does not support {what}"))
    }

    /// An OS error (`ERR_raise(ERR_LIB_SYS, errno)`).
    pub fn system(errno: c_int) -> Self {
        Self {
            code: ERR_SYSTEM_FLAG | (errno as c_ulong & 0x7FFF_FFFF),
            data: None,
        }
    }

    pub fn from_io(e: &std::io::Error) -> Self {
        match e.raw_os_error() {
            Some(errno) => Self::system(errno),
            None => Self::new(ERR_LIB_SYS, ERR_R_INTERNAL_ERROR).data(&e.to_string()),
        }
    }

    /// The error aws-lc just queued, on OpenSSL 3's numbers (aws-lc's queue
    /// is emptied): `lib` is the library of the failing call (`ERR_LIB_EVP`,
    /// `ERR_LIB_BN`), used when aws-lc queued nothing or a reason OpenSSL
    /// has no counterpart for (then `ERR_R_INTERNAL_ERROR` with aws-lc's name).
    pub fn aws_lc(lib: c_int) -> Self {
        Self::from_aws_lc(lib, crate::ffi::cipher::take_error())
    }

    /// See [`Error::aws_lc`]: `e` is aws-lc's (library, reason name).
    pub fn from_aws_lc(lib: c_int, e: Option<(c_int, &str)>) -> Self {
        use crate::abi::reasons::*;
        let Some((_, name)) = e else {
            return Self::new(lib, ERR_R_INTERNAL_ERROR).data("aws-lc failed without an error");
        };
        let (l, r) = match name {
            // ciphers: OpenSSL 3 raises these from its default provider
            "BAD_DECRYPT" => (ERR_LIB_PROV, PROV_R_BAD_DECRYPT),
            "WRONG_FINAL_BLOCK_LENGTH" | "DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH" => {
                (ERR_LIB_PROV, PROV_R_WRONG_FINAL_BLOCK_LENGTH)
            }
            "INVALID_NONCE_SIZE" | "INVALID_IV_LENGTH" | "UNSUPPORTED_NONCE_SIZE" => {
                (ERR_LIB_PROV, PROV_R_INVALID_IV_LENGTH)
            }
            "INVALID_KEY_LENGTH" | "UNSUPPORTED_KEY_SIZE" | "BAD_KEY_LENGTH" => {
                (ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH)
            }
            "CTRL_NOT_IMPLEMENTED" | "CTRL_OPERATION_NOT_IMPLEMENTED" => {
                (ERR_LIB_EVP, EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED)
            }
            "NO_CIPHER_SET" => (ERR_LIB_EVP, EVP_R_NO_CIPHER_SET),
            "TAG_TOO_LARGE" | "INVALID_TAG" => (ERR_LIB_PROV, PROV_R_INVALID_TAG),
            // big numbers: the same names in OpenSSL's bnerr.h
            "ARG2_LT_ARG3" => (ERR_LIB_BN, BN_R_ARG2_LT_ARG3),
            "BAD_RECIPROCAL" => (ERR_LIB_BN, BN_R_BAD_RECIPROCAL),
            "BIGNUM_TOO_LONG" => (ERR_LIB_BN, BN_R_BIGNUM_TOO_LONG),
            "BITS_TOO_SMALL" => (ERR_LIB_BN, BN_R_BITS_TOO_SMALL),
            "CALLED_WITH_EVEN_MODULUS" => (ERR_LIB_BN, BN_R_CALLED_WITH_EVEN_MODULUS),
            "DIV_BY_ZERO" => (ERR_LIB_BN, BN_R_DIV_BY_ZERO),
            "ENCODING_ERROR" => (ERR_LIB_BN, BN_R_ENCODING_ERROR),
            "EXPAND_ON_STATIC_BIGNUM_DATA" => (ERR_LIB_BN, BN_R_EXPAND_ON_STATIC_BIGNUM_DATA),
            "INPUT_NOT_REDUCED" => (ERR_LIB_BN, BN_R_INPUT_NOT_REDUCED),
            "INVALID_RANGE" | "NEGATIVE_NUMBER" => (ERR_LIB_BN, BN_R_INVALID_RANGE),
            "INVALID_LENGTH" => (ERR_LIB_BN, BN_R_INVALID_LENGTH),
            "INVALID_SHIFT" => (ERR_LIB_BN, BN_R_INVALID_SHIFT),
            "NOT_A_SQUARE" => (ERR_LIB_BN, BN_R_NOT_A_SQUARE),
            "NOT_INITIALIZED" => (ERR_LIB_BN, BN_R_NOT_INITIALIZED),
            "NO_INVERSE" => (ERR_LIB_BN, BN_R_NO_INVERSE),
            "P_IS_NOT_PRIME" => (ERR_LIB_BN, BN_R_P_IS_NOT_PRIME),
            "TOO_MANY_ITERATIONS" => (ERR_LIB_BN, BN_R_TOO_MANY_ITERATIONS),
            "TOO_MANY_TEMPORARY_VARIABLES" => (ERR_LIB_BN, BN_R_TOO_MANY_TEMPORARY_VARIABLES),
            // RSA and EC keys (legacy RSA_*, EC_*, ECDSA_*, ECDH_*): the same
            // names in OpenSSL's rsaerr.h and ecerr.h
            "BAD_SIGNATURE" if lib == ERR_LIB_RSA => (lib, RSA_R_BAD_SIGNATURE),
            "BAD_SIGNATURE" if lib == ERR_LIB_EC => (lib, EC_R_BAD_SIGNATURE),
            "DATA_TOO_LARGE_FOR_KEY_SIZE" => (ERR_LIB_RSA, RSA_R_DATA_TOO_LARGE_FOR_KEY_SIZE),
            "DIGEST_TOO_BIG_FOR_RSA_KEY" => (ERR_LIB_RSA, RSA_R_DIGEST_TOO_BIG_FOR_RSA_KEY),
            "DATA_TOO_LARGE_FOR_MODULUS" => (ERR_LIB_RSA, RSA_R_DATA_TOO_LARGE_FOR_MODULUS),
            "DATA_TOO_LARGE" | "DATA_GREATER_THAN_MOD_LEN" => {
                (ERR_LIB_RSA, RSA_R_DATA_GREATER_THAN_MOD_LEN)
            }
            "DATA_TOO_SMALL" => (ERR_LIB_RSA, RSA_R_DATA_TOO_SMALL),
            "WRONG_SIGNATURE_LENGTH" => (ERR_LIB_RSA, RSA_R_WRONG_SIGNATURE_LENGTH),
            "UNKNOWN_ALGORITHM_TYPE" => (ERR_LIB_RSA, RSA_R_UNKNOWN_ALGORITHM_TYPE),
            "PADDING_CHECK_FAILED" => (ERR_LIB_RSA, RSA_R_PADDING_CHECK_FAILED),
            "OAEP_DECODING_ERROR" => (ERR_LIB_RSA, RSA_R_OAEP_DECODING_ERROR),
            "UNKNOWN_PADDING_TYPE" => (ERR_LIB_RSA, RSA_R_UNKNOWN_PADDING_TYPE),
            "BAD_E_VALUE" => (ERR_LIB_RSA, RSA_R_BAD_E_VALUE),
            "KEY_SIZE_TOO_SMALL" => (ERR_LIB_RSA, RSA_R_KEY_SIZE_TOO_SMALL),
            "MODULUS_TOO_LARGE" => (ERR_LIB_RSA, RSA_R_MODULUS_TOO_LARGE),
            "VALUE_MISSING" => (ERR_LIB_RSA, RSA_R_VALUE_MISSING),
            "N_NOT_EQUAL_P_Q" => (ERR_LIB_RSA, RSA_R_N_DOES_NOT_EQUAL_P_Q),
            "D_E_NOT_CONGRUENT_TO_1" => (ERR_LIB_RSA, RSA_R_D_E_NOT_CONGRUENT_TO_1),
            "BLOCK_TYPE_IS_NOT_01" => (ERR_LIB_RSA, RSA_R_BLOCK_TYPE_IS_NOT_01),
            "BLOCK_TYPE_IS_NOT_02" => (ERR_LIB_RSA, RSA_R_BLOCK_TYPE_IS_NOT_02),
            "POINT_IS_NOT_ON_CURVE" => (ERR_LIB_EC, EC_R_POINT_IS_NOT_ON_CURVE),
            "INVALID_ENCODING" if lib == ERR_LIB_EC => (lib, EC_R_INVALID_ENCODING),
            "INVALID_COMPRESSED_POINT" => (ERR_LIB_EC, EC_R_INVALID_COMPRESSED_POINT),
            "POINT_AT_INFINITY" => (ERR_LIB_EC, EC_R_POINT_AT_INFINITY),
            "INVALID_PRIVATE_KEY" => (ERR_LIB_EC, EC_R_INVALID_PRIVATE_KEY),
            "MISSING_PRIVATE_KEY" => (ERR_LIB_EC, EC_R_MISSING_PRIVATE_KEY),
            "UNKNOWN_GROUP" => (ERR_LIB_EC, EC_R_UNKNOWN_GROUP),
            "GROUP_MISMATCH" | "INCOMPATIBLE_OBJECTS" => (ERR_LIB_EC, EC_R_INCOMPATIBLE_OBJECTS),
            "MISSING_PARAMETERS" if lib == ERR_LIB_EC => (lib, EC_R_MISSING_PARAMETERS),
            "BUFFER_TOO_SMALL" if lib == ERR_LIB_EC => (lib, EC_R_BUFFER_TOO_SMALL),
            "INVALID_FORM" => (ERR_LIB_EC, EC_R_INVALID_FORM),
            "MALLOC_FAILURE" => (lib, ERR_R_MALLOC_FAILURE),
            other => return Self::new(lib, ERR_R_INTERNAL_ERROR).data(&format!("aws-lc: {other}")),
        };
        Self::new(l, r)
    }

    /// Error data shown after the reason (`ERR_add_error_data`).
    pub fn data(mut self, data: &str) -> Self {
        self.data = Some(data.to_owned());
        self
    }

    pub fn code(&self) -> c_ulong {
        self.code
    }

    pub fn reason(&self) -> c_int {
        reason_of(self.code)
    }

    /// Pushes this error on the calling thread's queue.
    pub fn push(self, func: &'static str) {
        push_entry(Entry {
            code: self.code,
            func,
            data: self.data,
            origin: None,
            mark: 0,
        });
    }

    /// Maps a rustls error to OpenSSL's reason, keeping rustls' words as data.
    pub fn from_rustls(e: &rustls::Error) -> Self {
        use rustls::{
            AlertDescription as A, Error as E, PeerIncompatible as PI, PeerMisbehaved as PM,
        };
        let reason = match e {
            E::InvalidCertificate(_) => SSL_R_CERTIFICATE_VERIFY_FAILED,
            E::NoCertificatesPresented => SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE,
            E::AlertReceived(a) => SSL_AD_REASON_OFFSET + c_int::from(u8::from(*a)),
            E::DecryptError => SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC,
            E::InvalidMessage(rustls::InvalidMessage::MessageTooLarge) => {
                SSL_R_PACKET_LENGTH_TOO_LONG
            }
            E::InvalidMessage(rustls::InvalidMessage::UnknownProtocolVersion)
            | E::InvalidMessage(rustls::InvalidMessage::InvalidContentType) => {
                SSL_R_WRONG_VERSION_NUMBER
            }
            E::InvalidMessage(rustls::InvalidMessage::MissingData(_))
            | E::InvalidMessage(rustls::InvalidMessage::TrailingData(_))
            | E::InvalidMessage(rustls::InvalidMessage::MessageTooShort) => SSL_R_LENGTH_MISMATCH,
            E::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge)
            | E::InvalidMessage(rustls::InvalidMessage::CertificatePayloadTooLarge) => {
                SSL_R_PACKET_LENGTH_TOO_LONG
            }
            E::InvalidMessage(_) => SSL_R_BAD_PACKET,
            E::InappropriateMessage { .. } | E::InappropriateHandshakeMessage { .. } => {
                SSL_R_UNEXPECTED_MESSAGE
            }
            E::PeerIncompatible(PI::NoCipherSuitesInCommon) => SSL_R_NO_SHARED_CIPHER,
            E::PeerIncompatible(PI::NoKxGroupsInCommon) => SSL_R_NO_SUITABLE_KEY_SHARE,
            E::PeerIncompatible(PI::NoSignatureSchemesInCommon) => {
                SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM
            }
            E::PeerIncompatible(PI::Tls12NotOffered)
            | E::PeerIncompatible(PI::Tls12NotOfferedOrEnabled)
            | E::PeerIncompatible(PI::Tls13RequiredForQuic)
            | E::PeerIncompatible(PI::SupportedVersionsExtensionRequired)
            | E::PeerIncompatible(PI::ServerDoesNotSupportTls12Or13) => SSL_R_UNSUPPORTED_PROTOCOL,
            E::PeerIncompatible(_) => SSL_R_NO_PROTOCOLS_AVAILABLE,
            E::PeerMisbehaved(PM::SelectedUnofferedApplicationProtocol) => {
                SSL_R_NO_APPLICATION_PROTOCOL
            }
            E::PeerMisbehaved(PM::BadCertChainExtensions) => SSL_R_BAD_EXTENSION,
            // OpenSSL's limit is rustls': 32 KeyUpdates without application data between.
            E::PeerMisbehaved(PM::TooManyKeyUpdateRequests) => {
                crate::abi::reasons::SSL_R_TOO_MANY_KEY_UPDATES
            }
            E::PeerMisbehaved(PM::TooMuchEarlyDataReceived) => SSL_R_TOO_MUCH_EARLY_DATA,
            E::PeerMisbehaved(_) => SSL_R_UNEXPECTED_MESSAGE,
            E::NoApplicationProtocol => SSL_R_NO_APPLICATION_PROTOCOL,
            E::PeerSentOversizedRecord => SSL_R_PACKET_LENGTH_TOO_LONG,
            E::HandshakeNotComplete => SSL_R_UNINITIALIZED,
            E::General(_) | E::Other(_) => ERR_R_INTERNAL_ERROR,
            _ => SSL_R_UNEXPECTED_MESSAGE,
        };
        let _ = A::CloseNotify; // alert names come from OpenSSL's table
        Self::ssl(reason).data(&e.to_string())
    }
}

/// `ERR_PACK(lib, 0, reason)` as OpenSSL 3 packs it.
/// The error library of an OpenSSL function by its name's prefix (the one
/// whose `*err.h` lists it); `ERR_LIB_SSL` for libssl's and anything else.
pub fn library_of(function: &str) -> c_int {
    use crate::abi::reasons::*;
    const PREFIXES: &[(&str, c_int)] = &[
        ("X509V3_", ERR_LIB_X509V3),
        ("X509_", ERR_LIB_X509),
        ("PEM_", ERR_LIB_PEM),
        ("EVP_", ERR_LIB_EVP),
        ("PKCS5_", ERR_LIB_EVP),
        ("BIO_", ERR_LIB_BIO),
        ("BN_", ERR_LIB_BN),
        ("RSA_", ERR_LIB_RSA),
        ("ECDSA_", ERR_LIB_EC),
        ("ECDH_", ERR_LIB_EC),
        ("EC_", ERR_LIB_EC),
        ("DH_", ERR_LIB_DH),
        ("DSA_", ERR_LIB_DSA),
        ("ASN1_", ERR_LIB_ASN1),
        ("d2i_", ERR_LIB_ASN1),
        ("i2d_", ERR_LIB_ASN1),
        ("OBJ_", ERR_LIB_OBJ),
        ("RAND_", ERR_LIB_RAND),
        ("ENGINE_", ERR_LIB_ENGINE),
        ("OCSP_", ERR_LIB_OCSP),
        ("PKCS7_", ERR_LIB_PKCS7),
        ("PKCS12_", ERR_LIB_PKCS12),
        ("CMS_", ERR_LIB_CMS),
        ("CONF_", ERR_LIB_CONF),
        ("NCONF_", ERR_LIB_CONF),
        ("UI_", ERR_LIB_UI),
        ("HMAC_", ERR_LIB_HMAC),
        ("CT_", ERR_LIB_CT),
        ("SCT_", ERR_LIB_CT),
        ("TS_", ERR_LIB_TS),
        ("OSSL_STORE_", ERR_LIB_OSSL_STORE),
        ("OSSL_DECODER_", ERR_LIB_OSSL_DECODER),
        ("OSSL_ENCODER_", ERR_LIB_OSSL_ENCODER),
        ("OSSL_CMP_", ERR_LIB_CMP),
        ("OSSL_CRMF_", ERR_LIB_CRMF),
        ("OSSL_HTTP_", ERR_LIB_HTTP),
        ("OSSL_PROVIDER_", ERR_LIB_CRYPTO),
        ("OSSL_", ERR_LIB_CRYPTO),
        ("CRYPTO_", ERR_LIB_CRYPTO),
        ("OPENSSL_", ERR_LIB_CRYPTO),
        ("COMP_", ERR_LIB_COMP),
        ("BUF_", ERR_LIB_BUF),
        ("ASYNC_", ERR_LIB_ASYNC),
        ("DSO_", ERR_LIB_DSO),
        ("ESS_", ERR_LIB_ESS),
    ];
    PREFIXES
        .iter()
        .find(|(p, _)| function.starts_with(p))
        .map_or(ERR_LIB_SSL, |&(_, lib)| lib)
}

pub fn pack(lib: c_int, reason: c_int) -> c_ulong {
    ((lib as c_ulong & ERR_LIB_MASK) << ERR_LIB_OFFSET) | (reason as c_ulong & ERR_REASON_MASK)
}

pub fn lib_of(code: c_ulong) -> c_int {
    if code & ERR_SYSTEM_FLAG != 0 {
        ERR_LIB_SYS
    } else {
        ((code >> ERR_LIB_OFFSET) & ERR_LIB_MASK) as c_int
    }
}

pub fn reason_of(code: c_ulong) -> c_int {
    if code & ERR_SYSTEM_FLAG != 0 {
        (code & 0x7FFF_FFFF) as c_int
    } else {
        (code & ERR_REASON_MASK) as c_int
    }
}

/// OpenSSL's library name for a packed code ("SSL routines").
pub fn lib_string(code: c_ulong) -> Option<&'static str> {
    let lib = lib_of(code);
    tables::LIB_NAMES
        .iter()
        .find(|(l, _)| *l == lib)
        .map(|(_, s)| *s)
}

/// OpenSSL's reason text for a packed code ("certificate verify failed").
pub fn reason_string(code: c_ulong) -> Option<String> {
    if code & ERR_SYSTEM_FLAG != 0 {
        return Some(
            std::io::Error::from_raw_os_error(reason_of(code))
                .to_string()
                .split(" (os error")
                .next()?
                .to_owned(),
        );
    }
    let (lib, reason) = (lib_of(code), reason_of(code));
    if reason & ERR_RFLAG_COMMON != 0 {
        if let Some((_, s)) = tables::COMMON_REASONS.iter().find(|(r, _)| *r == reason) {
            return Some((*s).to_owned());
        }
    }
    if let Some((_, _, s)) = tables::REASONS
        .iter()
        .find(|(l, r, _)| *l == lib && *r == reason)
    {
        return Some((*s).to_owned());
    }
    // A reason newer than OpenSSL 3's tables (OpenSSL 4.0's ECH).
    if lib == ERR_LIB_SSL && reason == crate::abi::consts::SSL_R_ECH_REQUIRED {
        return Some("ech required".to_owned());
    }
    if lib == ERR_LIB_SSL && reason > SSL_AD_REASON_OFFSET {
        return Some(format!("tls alert {}", reason - SSL_AD_REASON_OFFSET));
    }
    None
}

/// `error:%08lX:lib:func:reason`, OpenSSL 3's `ERR_error_string_n` layout
/// (the function field is empty in OpenSSL 3).
pub fn error_string(code: c_ulong) -> String {
    let lib = lib_string(code)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("lib({})", lib_of(code)));
    let reason = reason_string(code).unwrap_or_else(|| format!("reason({})", reason_of(code)));
    format!("error:{code:08X}:{lib}::{reason}")
}

/// One ERR queue entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: c_ulong,
    pub func: &'static str,
    pub data: Option<String>,
    /// Where a caller of `ERR_set_debug` says it was raised (replaces
    /// `func` and ferrossl's own file and line when printed).
    pub origin: Option<Box<Origin>>,
    /// `ERR_set_mark` marks on this entry (a counter, as OpenSSL's).
    pub mark: u32,
}

/// The file, line and function an `ERR_set_debug` caller recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: c_int,
    pub func: String,
}

thread_local! {
    static QUEUE: RefCell<VecDeque<Entry>> = const { RefCell::new(VecDeque::new()) };
}

/// The thread's queue; once the thread's locals are destroyed (a call from an
/// `atexit` handler: socat shuts its connections down there) it is empty and
/// takes nothing, rather than aborting the process.
fn with_queue<R: Default>(f: impl FnOnce(&mut VecDeque<Entry>) -> R) -> R {
    QUEUE
        .try_with(|q| f(&mut q.borrow_mut()))
        .unwrap_or_default()
}

pub fn push_entry(e: Entry) {
    with_queue(|q| {
        if q.len() == ERR_NUM_ERRORS {
            q.pop_front();
        }
        q.push_back(e);
    });
}

/// Appends data to the newest entry (`ERR_add_error_data`).
pub fn add_data(data: &str) {
    with_queue(|q| {
        if let Some(e) = q.back_mut() {
            e.data.get_or_insert_with(String::new).push_str(data);
        }
    });
}

/// Runs `f` on the newest entry (`None`: the queue is empty).
pub fn with_last<R>(f: impl FnOnce(&mut Entry) -> R) -> Option<R> {
    with_queue(|q| q.back_mut().map(f))
}

pub fn pop_front() -> Option<Entry> {
    with_queue(|q| q.pop_front())
}

pub fn peek_front() -> Option<Entry> {
    with_queue(|q| q.front().cloned())
}

pub fn peek_back() -> Option<Entry> {
    with_queue(|q| q.back().cloned())
}

pub fn pop_back() -> Option<Entry> {
    with_queue(|q| q.pop_back())
}

/// Empties the queue, returning its entries oldest first.
pub fn drain() -> Vec<Entry> {
    with_queue(|q| q.drain(..).collect())
}

pub fn clear() {
    with_queue(|q| q.clear());
}

/// `ERR_set_mark`: marks the newest entry; false if the queue is empty.
pub fn set_mark() -> bool {
    with_queue(|q| q.back_mut().map(|e| e.mark += 1).is_some())
}

/// `ERR_pop_to_mark`: removes the entries newer than the last mark and that
/// mark; false (having emptied the queue) if there is none.
pub fn pop_to_mark() -> bool {
    with_queue(|q| {
        while let Some(e) = q.back_mut() {
            if e.mark > 0 {
                e.mark -= 1;
                return true;
            }
            q.pop_back();
        }
        false
    })
}

/// `ERR_clear_last_mark`: removes the last mark, keeping the entries.
pub fn clear_last_mark() -> bool {
    with_queue(|q| {
        q.iter_mut()
            .rev()
            .find(|e| e.mark > 0)
            .map(|e| e.mark -= 1)
            .is_some()
    })
}

pub fn is_empty() -> bool {
    QUEUE.try_with(|q| q.borrow().is_empty()).unwrap_or(true)
}

/// `ERR_print_errors` line: `TID:error:CODE:lib:func:reason:file:line:data`.
pub fn print_line(e: &Entry) -> String {
    let lib = lib_string(e.code)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("lib({})", lib_of(e.code)));
    let reason = reason_string(e.code).unwrap_or_else(|| format!("reason({})", reason_of(e.code)));
    let tid = std::thread::current().id();
    let tid = format!("{tid:?}")
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    let (func, file, line) = match e.origin.as_deref() {
        Some(o) => (o.func.as_str(), o.file.as_str(), o.line),
        None => (e.func, "ferrossl", 0),
    };
    format!(
        "{tid}:error:{:08X}:{lib}:{func}:{reason}:{file}:{line}:{}\n",
        e.code,
        e.data.as_deref().unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn unsupported_names_its_library() {
        use crate::abi::reasons::{ERR_LIB_BN, ERR_LIB_EVP, ERR_LIB_X509, ERR_LIB_X509V3};
        assert_eq!(
            lib_of(Error::unsupported("EVP_CIPHER_fetch").code()),
            ERR_LIB_EVP
        );
        assert_eq!(
            lib_of(Error::unsupported("X509V3_EXT_print").code()),
            ERR_LIB_X509V3
        );
        assert_eq!(
            lib_of(Error::unsupported("X509_verify").code()),
            ERR_LIB_X509
        );
        assert_eq!(lib_of(Error::unsupported("BN_mod_exp").code()), ERR_LIB_BN);
        assert_eq!(
            lib_of(Error::unsupported("SSL_key_update").code()),
            ERR_LIB_SSL
        );
        assert_eq!(
            reason_of(Error::unsupported("BN_mod_exp").code()),
            ERR_R_UNSUPPORTED
        );
    }

    use super::*;
    use crate::abi::reasons::{
        ERR_LIB_PEM, ERR_LIB_X509, PEM_R_NO_START_LINE, X509_R_KEY_VALUES_MISMATCH,
    };

    #[test]
    fn packs_like_openssl_3() {
        // ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED) == 0x0A000086
        assert_eq!(
            pack(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED),
            0x0A00_0086
        );
        assert_eq!(lib_of(0x0A00_0086), ERR_LIB_SSL);
        assert_eq!(reason_of(0x0A00_0086), 134);
        assert_eq!(
            error_string(0x0A00_0086),
            "error:0A000086:SSL routines::certificate verify failed"
        );
        assert_eq!(pack(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH), 0x0580_0074);
        assert_eq!(
            reason_string(pack(ERR_LIB_PEM, PEM_R_NO_START_LINE)).unwrap(),
            "no start line"
        );
        assert_eq!(
            reason_string(pack(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER)).unwrap(),
            "passed a null parameter"
        );
        assert_eq!(
            reason_string(pack(ERR_LIB_SSL, 1048)).unwrap(),
            "tlsv1 alert unknown ca"
        );
    }

    #[test]
    fn system_errors() {
        let e = Error::system(111);
        assert_eq!(lib_of(e.code()), ERR_LIB_SYS);
        assert_eq!(reason_of(e.code()), 111);
        assert_eq!(reason_string(e.code()).unwrap(), "Connection refused");
    }

    #[test]
    fn queue_is_bounded_and_fifo() {
        clear();
        for r in 0..20 {
            Error::ssl(r + 100).push("t");
        }
        assert_eq!(reason_of(peek_front().unwrap().code), 104);
        assert_eq!(reason_of(peek_back().unwrap().code), 119);
        assert_eq!(reason_of(pop_front().unwrap().code), 104);
        clear();
        assert!(is_empty());
    }
}
