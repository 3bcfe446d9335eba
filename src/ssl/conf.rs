//! SSL_CONF_CTX: OpenSSL's tables for configuring an `SSL_CTX` or `SSL` by
//! command name (`CipherString` in a file, `-cipher` on a command line), as
//! nginx's `ssl_conf_command` and stunnel's `config` drive them. This module
//! holds the context and the tables (OpenSSL's `ssl/ssl_conf.c`, same names,
//! flags and matching rules); the commands run in `entry/ssl/ssl_conf.rs`
//! through the entry points a program would call itself.

use crate::abi::consts::*;
use crate::crypto::stack::stack_st;
use crate::ssl::connection::ssl_st;
use crate::ssl::context::ssl_ctx_st;
use std::ffi::{c_int, c_uint};
use std::sync::Arc;

/// What an `SSL_CONF_CTX` configures: nothing (syntax checks only), an
/// `SSL_CTX` or an `SSL`. A reference is held so the target outlives the
/// configuration context even if the program frees it first.
#[derive(Default)]
pub enum Target {
    #[default]
    None,
    Ctx(Arc<ssl_ctx_st>),
    Ssl(Arc<ssl_st>),
}

/// The SSL_CONF_CTX handle.
#[derive(Default)]
pub struct ssl_conf_ctx_st {
    pub flags: c_uint,
    pub prefix: Option<Vec<u8>>,
    pub target: Target,
    /// `Certificate` files loaded under `SSL_CONF_FLAG_REQUIRE_PRIVATE` whose
    /// key has not been given yet: `SSL_CONF_CTX_finish` loads it from them.
    pub keyless_certs: Vec<std::ffi::CString>,
    /// `RequestCAFile`/`ClientCAFile` names (a STACK_OF(X509_NAME)), installed
    /// by `SSL_CONF_CTX_finish`.
    pub ca_names: Option<Arc<stack_st>>,
    /// The `SetValidFlags` host-check flags set so far.
    pub host_flags: c_uint,
}
crate::handle!(Owned: ssl_conf_ctx_st);
pub type SSL_CONF_CTX = ssl_conf_ctx_st;

/// The commands that take a value (OpenSSL's `cmd_*` functions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    SignatureAlgorithms,
    ClientSignatureAlgorithms,
    Groups,
    EcdhParameters,
    CipherString,
    Ciphersuites,
    Protocol,
    MinProtocol,
    MaxProtocol,
    Options,
    VerifyMode,
    CertValidation,
    SetValidFlags,
    SetValidHost,
    AddValidHost,
    SetValidIp,
    AddCaPath,
    AddCaFile,
    Certificate,
    PrivateKey,
    ServerInfoFile,
    ChainCaPath,
    ChainCaFile,
    ChainCaStore,
    VerifyCaPath,
    VerifyCaFile,
    VerifyCaStore,
    RequestCaFile,
    RequestCaPath,
    RequestCaStore,
    DhParameters,
    RecordPadding,
    NumTickets,
}

/// What a command does: a switch sets one flag, the rest take a value.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    Switch(Flag),
    Value(Op),
}

/// One row of OpenSSL's `ssl_conf_cmds` table.
#[derive(Debug)]
pub struct Cmd {
    pub file: Option<&'static str>,
    pub cmdline: Option<&'static str>,
    pub flags: c_uint,
    pub value_type: c_int,
    pub action: Action,
}

/// Where a named flag lands (OpenSSL's `SSL_TFLAG_*` types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Options,
    CertFlags,
    VerifyMode,
    CertValidation,
    HostFlags,
}

/// A named flag: its field, its value, whether the name clears it
/// (`SSL_TFLAG_INV`) and which roles may use it.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub name: &'static str,
    pub field: Field,
    pub value: u64,
    pub invert: bool,
    pub roles: c_uint,
}

const BOTH: c_uint = SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_SERVER;
const SRV: c_uint = SSL_CONF_FLAG_SERVER;
const CLI: c_uint = SSL_CONF_FLAG_CLIENT;
const CERT: c_uint = SSL_CONF_FLAG_CERTIFICATE;

const fn flag(name: &'static str, field: Field, value: u64, invert: bool, roles: c_uint) -> Flag {
    Flag {
        name,
        field,
        value,
        invert,
        roles,
    }
}
const fn op(name: &'static str, value: u64) -> Flag {
    flag(name, Field::Options, value, false, BOTH)
}
const fn op_inv(name: &'static str, value: u64) -> Flag {
    flag(name, Field::Options, value, true, BOTH)
}
const fn op_srv(name: &'static str, value: u64) -> Flag {
    flag(name, Field::Options, value, false, SRV)
}
const fn certval(name: &'static str, value: u64) -> Flag {
    flag(name, Field::CertValidation, value, false, BOTH)
}
const fn hostflag(name: &'static str, value: u32) -> Flag {
    flag(name, Field::HostFlags, value as u64, false, BOTH)
}
const fn vfy(name: &'static str, value: c_int, roles: c_uint) -> Flag {
    flag(name, Field::VerifyMode, value as u64, false, roles)
}

pub static PROTOCOLS: &[Flag] = &[
    op_inv("ALL", SSL_OP_NO_SSL_MASK),
    op_inv("SSLv2", 0),
    op_inv("SSLv3", SSL_OP_NO_SSLv3),
    op_inv("TLSv1", SSL_OP_NO_TLSv1),
    op_inv("TLSv1.1", SSL_OP_NO_TLSv1_1),
    op_inv("TLSv1.2", SSL_OP_NO_TLSv1_2),
    op_inv("TLSv1.3", SSL_OP_NO_TLSv1_3),
    op_inv("DTLSv1", SSL_OP_NO_TLSv1),
    op_inv("DTLSv1.2", SSL_OP_NO_TLSv1_2),
];

pub static OPTIONS: &[Flag] = &[
    op_inv("SessionTicket", SSL_OP_NO_TICKET),
    op_inv("EmptyFragments", SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS),
    op("Bugs", SSL_OP_ALL),
    op_inv("Compression", SSL_OP_NO_COMPRESSION),
    op_srv("ServerPreference", SSL_OP_CIPHER_SERVER_PREFERENCE),
    op_srv(
        "NoResumptionOnRenegotiation",
        SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION,
    ),
    op_srv("DHSingle", 0),
    op_srv("ECDHSingle", 0),
    op(
        "UnsafeLegacyRenegotiation",
        SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION,
    ),
    op("UnsafeLegacyServerConnect", SSL_OP_LEGACY_SERVER_CONNECT),
    op("ClientRenegotiation", SSL_OP_ALLOW_CLIENT_RENEGOTIATION),
    op_inv("EncryptThenMac", SSL_OP_NO_ENCRYPT_THEN_MAC),
    op("NoRenegotiation", SSL_OP_NO_RENEGOTIATION),
    op("AllowNoDHEKEX", SSL_OP_ALLOW_NO_DHE_KEX),
    op("PreferNoDHEKEX", SSL_OP_PREFER_NO_DHE_KEX),
    op("PrioritizeChaCha", SSL_OP_PRIORITIZE_CHACHA),
    op("MiddleboxCompat", SSL_OP_ENABLE_MIDDLEBOX_COMPAT),
    op_inv("AntiReplay", SSL_OP_NO_ANTI_REPLAY),
    op_inv("ExtendedMasterSecret", SSL_OP_NO_EXTENDED_MASTER_SECRET),
    op_inv("CANames", SSL_OP_DISABLE_TLSEXT_CA_NAMES),
    op("KTLS", SSL_OP_ENABLE_KTLS),
    flag("StrictCertCheck", Field::CertFlags, 1, false, BOTH),
    op_inv(
        "TxCertificateCompression",
        SSL_OP_NO_TX_CERTIFICATE_COMPRESSION,
    ),
    op_inv(
        "RxCertificateCompression",
        SSL_OP_NO_RX_CERTIFICATE_COMPRESSION,
    ),
    op(
        "KTLSTxZerocopySendfile",
        SSL_OP_ENABLE_KTLS_TX_ZEROCOPY_SENDFILE,
    ),
    op("IgnoreUnexpectedEOF", SSL_OP_IGNORE_UNEXPECTED_EOF),
    op("LegacyECPointFormats", SSL_OP_LEGACY_EC_POINT_FORMATS),
];

pub static VERIFY_MODES: &[Flag] = &[
    vfy("Peer", SSL_VERIFY_PEER, CLI),
    vfy("Request", SSL_VERIFY_PEER, SRV),
    vfy(
        "Require",
        SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        SRV,
    ),
    vfy("Once", SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, SRV),
    vfy(
        "RequestPostHandshake",
        SSL_VERIFY_PEER | SSL_VERIFY_POST_HANDSHAKE,
        SRV,
    ),
    vfy(
        "RequirePostHandshake",
        SSL_VERIFY_PEER | SSL_VERIFY_POST_HANDSHAKE | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        SRV,
    ),
];

pub static CERT_VALIDATION: &[Flag] = &[
    certval("UseCheckTime", X509_V_FLAG_USE_CHECK_TIME),
    certval("CRLCheck", X509_V_FLAG_CRL_CHECK),
    certval("CRLCheckAll", X509_V_FLAG_CRL_CHECK_ALL),
    certval("IgnoreCritical", X509_V_FLAG_IGNORE_CRITICAL),
    certval("Strict", X509_V_FLAG_X509_STRICT),
    certval("AllowProxyCerts", X509_V_FLAG_ALLOW_PROXY_CERTS),
    certval("PolicyCheck", X509_V_FLAG_POLICY_CHECK),
    certval("ExplicitPolicy", X509_V_FLAG_EXPLICIT_POLICY),
    certval("InhibitAnyPolicy", X509_V_FLAG_INHIBIT_ANY),
    certval("InhibitPolicyMapping", X509_V_FLAG_INHIBIT_MAP),
    certval("NotifyPolicy", X509_V_FLAG_NOTIFY_POLICY),
    certval("ExtendedCRLFeatures", X509_V_FLAG_EXTENDED_CRL_SUPPORT),
    certval("EnableDeltaCRLs", X509_V_FLAG_USE_DELTAS),
    certval("CheckSelfSignedSign", X509_V_FLAG_CHECK_SS_SIGNATURE),
    certval("SuiteB128Only", X509_V_FLAG_SUITEB_128_LOS_ONLY),
    certval("SuiteB192", X509_V_FLAG_SUITEB_192_LOS),
    certval("SuiteB128", X509_V_FLAG_SUITEB_128_LOS),
    certval("PartialChain", X509_V_FLAG_PARTIAL_CHAIN),
    certval("NoCheckTime", X509_V_FLAG_NO_CHECK_TIME),
];

pub static HOST_FLAGS: &[Flag] = &[
    hostflag("AlwaysCheckSubject", X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT),
    hostflag("NoWildcards", X509_CHECK_FLAG_NO_WILDCARDS),
    hostflag("NoPartialWildcards", X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS),
    hostflag("MultiLabelWildcards", X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS),
    hostflag(
        "SingleLabelSubdomains",
        X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS,
    ),
    hostflag("NeverCheckSubject", X509_CHECK_FLAG_NEVER_CHECK_SUBJECT),
];

const fn switch(name: &'static str, roles: c_uint, f: Flag) -> Cmd {
    Cmd {
        file: None,
        cmdline: Some(name),
        flags: roles,
        value_type: SSL_CONF_TYPE_NONE,
        action: Action::Switch(f),
    }
}
const fn value(
    file: Option<&'static str>,
    cmdline: Option<&'static str>,
    flags: c_uint,
    value_type: c_int,
    op: Op,
) -> Cmd {
    Cmd {
        file,
        cmdline,
        flags,
        value_type,
        action: Action::Value(op),
    }
}
const fn string(file: &'static str, cmdline: Option<&'static str>, flags: c_uint, op: Op) -> Cmd {
    value(Some(file), cmdline, flags, SSL_CONF_TYPE_STRING, op)
}
const S: c_int = SSL_CONF_TYPE_STRING;
const F: c_int = SSL_CONF_TYPE_FILE;
const D: c_int = SSL_CONF_TYPE_DIR;
const ST: c_int = SSL_CONF_TYPE_STORE;

/// OpenSSL's `ssl_conf_cmds`, in its order (the first match wins).
pub static COMMANDS: &[Cmd] = &[
    switch("no_ssl3", 0, op("", SSL_OP_NO_SSLv3)),
    switch("no_tls1", 0, op("", SSL_OP_NO_TLSv1)),
    switch("no_tls1_1", 0, op("", SSL_OP_NO_TLSv1_1)),
    switch("no_tls1_2", 0, op("", SSL_OP_NO_TLSv1_2)),
    switch("no_tls1_3", 0, op("", SSL_OP_NO_TLSv1_3)),
    switch("bugs", 0, op("", SSL_OP_ALL)),
    switch("no_comp", 0, op("", SSL_OP_NO_COMPRESSION)),
    switch("comp", 0, op_inv("", SSL_OP_NO_COMPRESSION)),
    switch(
        "no_tx_cert_comp",
        0,
        op("", SSL_OP_NO_TX_CERTIFICATE_COMPRESSION),
    ),
    switch(
        "tx_cert_comp",
        0,
        op_inv("", SSL_OP_NO_TX_CERTIFICATE_COMPRESSION),
    ),
    switch(
        "no_rx_cert_comp",
        0,
        op("", SSL_OP_NO_RX_CERTIFICATE_COMPRESSION),
    ),
    switch(
        "rx_cert_comp",
        0,
        op_inv("", SSL_OP_NO_RX_CERTIFICATE_COMPRESSION),
    ),
    switch("ecdh_single", SRV, op("", 0)),
    switch("no_ticket", 0, op("", SSL_OP_NO_TICKET)),
    switch("serverpref", SRV, op("", SSL_OP_CIPHER_SERVER_PREFERENCE)),
    switch(
        "legacy_renegotiation",
        0,
        op("", SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION),
    ),
    switch(
        "client_renegotiation",
        SRV,
        op("", SSL_OP_ALLOW_CLIENT_RENEGOTIATION),
    ),
    switch(
        "legacy_server_connect",
        CLI,
        op("", SSL_OP_LEGACY_SERVER_CONNECT),
    ),
    switch("no_renegotiation", 0, op("", SSL_OP_NO_RENEGOTIATION)),
    switch(
        "no_resumption_on_reneg",
        SRV,
        op("", SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION),
    ),
    switch(
        "no_legacy_server_connect",
        CLI,
        op_inv("", SSL_OP_LEGACY_SERVER_CONNECT),
    ),
    switch("allow_no_dhe_kex", 0, op("", SSL_OP_ALLOW_NO_DHE_KEX)),
    switch("prefer_no_dhe_kex", 0, op("", SSL_OP_PREFER_NO_DHE_KEX)),
    switch("prioritize_chacha", SRV, op("", SSL_OP_PRIORITIZE_CHACHA)),
    switch("strict", 0, flag("", Field::CertFlags, 1, false, BOTH)),
    switch(
        "no_middlebox",
        0,
        op_inv("", SSL_OP_ENABLE_MIDDLEBOX_COMPAT),
    ),
    switch("anti_replay", SRV, op_inv("", SSL_OP_NO_ANTI_REPLAY)),
    switch("no_anti_replay", SRV, op("", SSL_OP_NO_ANTI_REPLAY)),
    switch("no_etm", 0, op("", SSL_OP_NO_ENCRYPT_THEN_MAC)),
    switch("no_ems", 0, op("", SSL_OP_NO_EXTENDED_MASTER_SECRET)),
    switch(
        "legacy_ec_point_formats",
        0,
        op("", SSL_OP_LEGACY_EC_POINT_FORMATS),
    ),
    string(
        "SignatureAlgorithms",
        Some("sigalgs"),
        0,
        Op::SignatureAlgorithms,
    ),
    string(
        "ClientSignatureAlgorithms",
        Some("client_sigalgs"),
        0,
        Op::ClientSignatureAlgorithms,
    ),
    string("Curves", Some("curves"), 0, Op::Groups),
    string("Groups", Some("groups"), 0, Op::Groups),
    string(
        "ECDHParameters",
        Some("named_curve"),
        SRV,
        Op::EcdhParameters,
    ),
    string("CipherString", Some("cipher"), 0, Op::CipherString),
    string("Ciphersuites", Some("ciphersuites"), 0, Op::Ciphersuites),
    string("Protocol", None, 0, Op::Protocol),
    string("MinProtocol", Some("min_protocol"), 0, Op::MinProtocol),
    string("MaxProtocol", Some("max_protocol"), 0, Op::MaxProtocol),
    string("Options", None, 0, Op::Options),
    string("VerifyMode", None, 0, Op::VerifyMode),
    string("CertValidation", None, 0, Op::CertValidation),
    string("SetValidFlags", None, CERT, Op::SetValidFlags),
    string("SetValidHost", None, CERT, Op::SetValidHost),
    string("AddValidHost", None, CERT, Op::AddValidHost),
    string("SetValidIP", None, CERT, Op::SetValidIp),
    value(Some("AddCAPath"), Some("addCApath"), CERT, D, Op::AddCaPath),
    value(Some("AddCAFile"), Some("addCAfile"), CERT, F, Op::AddCaFile),
    value(Some("Certificate"), Some("cert"), CERT, F, Op::Certificate),
    value(Some("PrivateKey"), Some("key"), CERT, F, Op::PrivateKey),
    value(
        Some("ServerInfoFile"),
        None,
        SRV | CERT,
        F,
        Op::ServerInfoFile,
    ),
    value(
        Some("ChainCAPath"),
        Some("chainCApath"),
        CERT,
        D,
        Op::ChainCaPath,
    ),
    value(
        Some("ChainCAFile"),
        Some("chainCAfile"),
        CERT,
        F,
        Op::ChainCaFile,
    ),
    value(
        Some("ChainCAStore"),
        Some("chainCAstore"),
        CERT,
        ST,
        Op::ChainCaStore,
    ),
    value(
        Some("VerifyCAPath"),
        Some("verifyCApath"),
        CERT,
        D,
        Op::VerifyCaPath,
    ),
    value(
        Some("VerifyCAFile"),
        Some("verifyCAfile"),
        CERT,
        F,
        Op::VerifyCaFile,
    ),
    value(
        Some("VerifyCAStore"),
        Some("verifyCAstore"),
        CERT,
        ST,
        Op::VerifyCaStore,
    ),
    value(
        Some("RequestCAFile"),
        Some("requestCAFile"),
        CERT,
        F,
        Op::RequestCaFile,
    ),
    value(Some("ClientCAFile"), None, SRV | CERT, F, Op::RequestCaFile),
    value(Some("RequestCAPath"), None, CERT, D, Op::RequestCaPath),
    value(Some("ClientCAPath"), None, SRV | CERT, D, Op::RequestCaPath),
    value(
        Some("RequestCAStore"),
        Some("requestCAStore"),
        CERT,
        ST,
        Op::RequestCaStore,
    ),
    value(
        Some("ClientCAStore"),
        None,
        SRV | CERT,
        ST,
        Op::RequestCaStore,
    ),
    value(
        Some("DHParameters"),
        Some("dhparam"),
        SRV | CERT,
        F,
        Op::DhParameters,
    ),
    value(
        Some("RecordPadding"),
        Some("record_padding"),
        0,
        S,
        Op::RecordPadding,
    ),
    value(
        Some("NumTickets"),
        Some("num_tickets"),
        SRV,
        S,
        Op::NumTickets,
    ),
];

impl ssl_conf_ctx_st {
    /// OpenSSL's `ssl_conf_cmd_skip_prefix`: the command name without its
    /// prefix, or None when the prefix does not match.
    pub fn strip_prefix<'a>(&self, cmd: &'a [u8]) -> Option<&'a [u8]> {
        match &self.prefix {
            Some(p) => {
                if cmd.len() <= p.len() {
                    return None;
                }
                let head = &cmd[..p.len()];
                if self.flags & SSL_CONF_FLAG_CMDLINE != 0 && head != p.as_slice() {
                    return None;
                }
                if self.flags & SSL_CONF_FLAG_FILE != 0 && !head.eq_ignore_ascii_case(p) {
                    return None;
                }
                Some(&cmd[p.len()..])
            }
            None if self.flags & SSL_CONF_FLAG_CMDLINE != 0 => match cmd {
                [b'-', rest @ ..] if !rest.is_empty() => Some(rest),
                _ => None,
            },
            None => Some(cmd),
        }
    }

    /// OpenSSL's `ssl_conf_cmd_lookup`: the first command this context's
    /// flags allow whose command-line (exact) or file (any case) name matches.
    pub fn lookup(&self, name: &[u8]) -> Option<&'static Cmd> {
        let f = self.flags;
        COMMANDS.iter().find(|t| {
            let allowed = [
                SSL_CONF_FLAG_SERVER,
                SSL_CONF_FLAG_CLIENT,
                SSL_CONF_FLAG_CERTIFICATE,
            ]
            .iter()
            .all(|&bit| t.flags & bit == 0 || f & bit != 0);
            allowed
                && ((f & SSL_CONF_FLAG_CMDLINE != 0
                    && t.cmdline.is_some_and(|c| c.as_bytes() == name))
                    || (f & SSL_CONF_FLAG_FILE != 0
                        && t.file
                            .is_some_and(|c| c.as_bytes().eq_ignore_ascii_case(name))))
        })
    }

    /// OpenSSL's `ssl_set_option_list` over a `,`-separated value
    /// (`CONF_parse_list` with spaces trimmed): each element, optionally
    /// prefixed `+` (set) or `-` (clear), names a flag of `table` that this
    /// context's role may use. Calls `apply(flag, on)` for each; false at the
    /// first element that names nothing (earlier ones stay applied, as in
    /// OpenSSL).
    pub fn parse_flag_list(
        &self,
        value: &[u8],
        table: &[Flag],
        mut apply: impl FnMut(&Flag, bool),
    ) -> bool {
        for elem in value.split(|&b| b == b',') {
            let elem = elem.trim_ascii();
            let (on, name) = match elem {
                [b'+', rest @ ..] => (true, rest),
                [b'-', rest @ ..] => (false, rest),
                _ => (true, elem),
            };
            if elem.is_empty() {
                return false;
            }
            let roles = self.flags & (SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_SERVER);
            match table
                .iter()
                .find(|t| roles & t.roles != 0 && t.name.as_bytes().eq_ignore_ascii_case(name))
            {
                Some(t) => apply(t, on != t.invert),
                None => return false,
            }
        }
        true
    }
}

/// OpenSSL's `protocol_from_string` (exact names).
pub fn protocol_from_string(v: &[u8]) -> Option<c_int> {
    Some(match v {
        b"None" => 0,
        b"SSLv3" => 0x0300,
        b"TLSv1" => TLS1_VERSION,
        b"TLSv1.1" => TLS1_1_VERSION,
        b"TLSv1.2" => TLS1_2_VERSION,
        b"TLSv1.3" => TLS1_3_VERSION,
        b"DTLSv1" => 0xFEFF,
        b"DTLSv1.2" => 0xFEFD,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cctx(flags: c_uint, prefix: Option<&str>) -> ssl_conf_ctx_st {
        ssl_conf_ctx_st {
            flags,
            prefix: prefix.map(|p| p.as_bytes().to_vec()),
            ..Default::default()
        }
    }

    #[test]
    fn prefixes_and_lookup_follow_openssl() {
        let file = cctx(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER, None);
        assert_eq!(
            file.strip_prefix(b"CipherString"),
            Some(&b"CipherString"[..])
        );
        assert!(file.lookup(b"cipherstring").is_some());
        assert!(
            file.lookup(b"cipher").is_none(),
            "command-line name in file mode"
        );
        assert!(
            file.lookup(b"Certificate").is_none(),
            "needs SSL_CONF_FLAG_CERTIFICATE"
        );
        let cmd = cctx(SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_CLIENT, None);
        assert_eq!(cmd.strip_prefix(b"-cipher"), Some(&b"cipher"[..]));
        assert_eq!(cmd.strip_prefix(b"cipher"), None);
        assert_eq!(cmd.strip_prefix(b"-"), None);
        assert!(
            cmd.lookup(b"Cipher").is_none(),
            "command-line names are exact"
        );
        assert!(
            cmd.lookup(b"serverpref").is_none(),
            "server-only switch on a client"
        );
        let pre = cctx(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER, Some("SSL_"));
        assert_eq!(pre.strip_prefix(b"ssl_Protocol"), Some(&b"Protocol"[..]));
        assert_eq!(pre.strip_prefix(b"SSL_"), None);
    }

    #[test]
    fn flag_lists_set_clear_and_stop_at_unknown_names() {
        let c = cctx(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER, None);
        let mut seen = Vec::new();
        assert!(
            c.parse_flag_list(b"-SessionTicket, ServerPreference", OPTIONS, |f, on| {
                seen.push((f.value, on))
            })
        );
        assert_eq!(
            seen,
            [
                (SSL_OP_NO_TICKET, true),
                (SSL_OP_CIPHER_SERVER_PREFERENCE, true)
            ]
        );
        seen.clear();
        assert!(
            !c.parse_flag_list(b"TLSv1.2,Bogus,TLSv1.3", PROTOCOLS, |f, on| seen
                .push((f.value, on)))
        );
        assert_eq!(seen, [(SSL_OP_NO_TLSv1_2, false)]);
        assert!(!c.parse_flag_list(b"TLSv1.2,,TLSv1.3", PROTOCOLS, |_, _| ()));
        let client = cctx(SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT, None);
        assert!(!client.parse_flag_list(b"Require", VERIFY_MODES, |_, _| ()));
        let neither = cctx(SSL_CONF_FLAG_FILE, None);
        assert!(!neither.parse_flag_list(b"SessionTicket", OPTIONS, |_, _| ()));
    }
}
