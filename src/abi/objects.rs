//! OpenSSL 3's object identifiers: NID numbers and the (nid, short name, long
//! name, dotted OID) table behind `OBJ_*`.

use std::ffi::{c_int, CStr};

// Object identifiers: OpenSSL's NID numbers and the (nid, short name, long
// name, dotted OID) table behind `OBJ_*`. Rows copied from OpenSSL 3's
// `obj_mac.h` / `OBJ_nid2sn` / `OBJ_nid2ln` / `OBJ_obj2txt`.
pub const NID_undef: c_int = 0;
pub const NID_commonName: c_int = 13;
pub const NID_countryName: c_int = 14;
pub const NID_localityName: c_int = 15;
pub const NID_stateOrProvinceName: c_int = 16;
pub const NID_organizationName: c_int = 17;
pub const NID_organizationalUnitName: c_int = 18;
pub const NID_pkcs9_emailAddress: c_int = 48;
pub const NID_serialNumber: c_int = 105;
pub const NID_domainComponent: c_int = 391;
pub const NID_surname: c_int = 100;
pub const NID_givenName: c_int = 99;
pub const NID_title: c_int = 106;
pub const NID_name: c_int = 173;
pub const NID_initials: c_int = 101;
pub const NID_generationQualifier: c_int = 509;
pub const NID_dnQualifier: c_int = 174;
pub const NID_pseudonym: c_int = 510;
pub const NID_streetAddress: c_int = 660;
pub const NID_postalCode: c_int = 661;
pub const NID_userId: c_int = 458;
pub const NID_businessCategory: c_int = 860;
pub const NID_jurisdictionCountryName: c_int = 957;
pub const NID_jurisdictionStateOrProvinceName: c_int = 956;
pub const NID_jurisdictionLocalityName: c_int = 955;
pub const NID_description: c_int = 107;
pub const NID_role: c_int = 400;
pub const NID_organizationIdentifier: c_int = 1089;
pub const NID_postalAddress: c_int = 861;
pub const NID_pkcs9_unstructuredName: c_int = 49;
pub const NID_pkcs9_challengePassword: c_int = 54;
pub const NID_ext_req: c_int = 172;
pub const NID_x500UniqueIdentifier: c_int = 503;
pub const NID_subject_alt_name: c_int = 85;
pub const NID_issuer_alt_name: c_int = 86;
pub const NID_basic_constraints: c_int = 87;
pub const NID_key_usage: c_int = 83;
pub const NID_ext_key_usage: c_int = 126;
pub const NID_subject_key_identifier: c_int = 82;
pub const NID_authority_key_identifier: c_int = 90;
pub const NID_crl_distribution_points: c_int = 103;
pub const NID_info_access: c_int = 177;
pub const NID_certificate_policies: c_int = 89;
pub const NID_name_constraints: c_int = 666;
pub const NID_policy_constraints: c_int = 401;
pub const NID_inhibit_any_policy: c_int = 748;
pub const NID_ct_precert_scts: c_int = 951;
pub const NID_ct_precert_poison: c_int = 952;
pub const NID_tlsfeature: c_int = 1020;
pub const NID_netscape_cert_type: c_int = 71;
pub const NID_netscape_comment: c_int = 78;
pub const NID_sinfo_access: c_int = 398;
pub const NID_freshest_crl: c_int = 857;
pub const NID_policy_mappings: c_int = 747;
pub const NID_subject_directory_attributes: c_int = 769;
pub const NID_private_key_usage_period: c_int = 84;
pub const NID_crl_number: c_int = 88;
pub const NID_id_pkix_OCSP_noCheck: c_int = 369;
pub const NID_any_policy: c_int = 746;
pub const NID_server_auth: c_int = 129;
pub const NID_client_auth: c_int = 130;
pub const NID_code_sign: c_int = 131;
pub const NID_email_protect: c_int = 132;
pub const NID_time_stamp: c_int = 133;
pub const NID_OCSP_sign: c_int = 180;
pub const NID_anyExtendedKeyUsage: c_int = 910;
pub const NID_ipsec_IKE: c_int = 1022;
pub const NID_ad_OCSP: c_int = 178;
pub const NID_ad_ca_issuers: c_int = 179;
pub const NID_rsaEncryption: c_int = 6;
pub const NID_md5WithRSAEncryption: c_int = 8;
pub const NID_sha1WithRSAEncryption: c_int = 65;
pub const NID_sha224WithRSAEncryption: c_int = 671;
pub const NID_sha256WithRSAEncryption: c_int = 668;
pub const NID_sha384WithRSAEncryption: c_int = 669;
pub const NID_sha512WithRSAEncryption: c_int = 670;
pub const NID_rsassaPss: c_int = 912;
pub const NID_rsaesOaep: c_int = 919;
pub const NID_mgf1: c_int = 911;
pub const NID_ecdsa_with_SHA1: c_int = 416;
pub const NID_ecdsa_with_SHA224: c_int = 793;
pub const NID_ecdsa_with_SHA256: c_int = 794;
pub const NID_ecdsa_with_SHA384: c_int = 795;
pub const NID_ecdsa_with_SHA512: c_int = 796;
pub const NID_X9_62_id_ecPublicKey: c_int = 408;
pub const NID_ED25519: c_int = 1087;
pub const NID_ED448: c_int = 1088;
pub const NID_X25519: c_int = 1034;
pub const NID_X448: c_int = 1035;
pub const NID_dsa: c_int = 116;
pub const NID_dsaWithSHA1: c_int = 113;
pub const NID_dsa_with_SHA256: c_int = 803;
pub const NID_dhKeyAgreement: c_int = 28;
pub const NID_dhpublicnumber: c_int = 920;
pub const NID_X9_62_prime256v1: c_int = 415;
pub const NID_secp384r1: c_int = 715;
pub const NID_secp521r1: c_int = 716;
pub const NID_secp224r1: c_int = 713;
pub const NID_secp256k1: c_int = 714;
pub const NID_X9_62_prime192v1: c_int = 409;
pub const NID_brainpoolP256r1: c_int = 927;
pub const NID_brainpoolP384r1: c_int = 931;
pub const NID_brainpoolP512r1: c_int = 933;
pub const NID_md5: c_int = 4;
pub const NID_sha1: c_int = 64;
pub const NID_sha224: c_int = 675;
pub const NID_sha256: c_int = 672;
pub const NID_sha384: c_int = 673;
pub const NID_sha512: c_int = 674;
pub const NID_sha512_224: c_int = 1094;
pub const NID_sha512_256: c_int = 1095;
pub const NID_sha3_224: c_int = 1096;
pub const NID_sha3_256: c_int = 1097;
pub const NID_sha3_384: c_int = 1098;
pub const NID_sha3_512: c_int = 1099;
pub const NID_pkcs7_data: c_int = 21;
pub const NID_pkcs7_signed: c_int = 22;
pub const NID_pkcs9_signingTime: c_int = 52;
pub const NID_friendlyName: c_int = 156;
pub const NID_localKeyID: c_int = 157;

/// (nid, sn, ln, dotted OID); nid 0 ("UNDEF") has no OID.
pub static OBJECTS: &[(c_int, &CStr, &CStr, &str)] = &[
    (0, c"UNDEF", c"undefined", ""),
    (13, c"CN", c"commonName", "2.5.4.3"),
    (14, c"C", c"countryName", "2.5.4.6"),
    (15, c"L", c"localityName", "2.5.4.7"),
    (16, c"ST", c"stateOrProvinceName", "2.5.4.8"),
    (17, c"O", c"organizationName", "2.5.4.10"),
    (18, c"OU", c"organizationalUnitName", "2.5.4.11"),
    (48, c"emailAddress", c"emailAddress", "1.2.840.113549.1.9.1"),
    (105, c"serialNumber", c"serialNumber", "2.5.4.5"),
    (391, c"DC", c"domainComponent", "0.9.2342.19200300.100.1.25"),
    (100, c"SN", c"surname", "2.5.4.4"),
    (99, c"GN", c"givenName", "2.5.4.42"),
    (106, c"title", c"title", "2.5.4.12"),
    (173, c"name", c"name", "2.5.4.41"),
    (101, c"initials", c"initials", "2.5.4.43"),
    (
        509,
        c"generationQualifier",
        c"generationQualifier",
        "2.5.4.44",
    ),
    (174, c"dnQualifier", c"dnQualifier", "2.5.4.46"),
    (510, c"pseudonym", c"pseudonym", "2.5.4.65"),
    (660, c"street", c"streetAddress", "2.5.4.9"),
    (661, c"postalCode", c"postalCode", "2.5.4.17"),
    (458, c"UID", c"userId", "0.9.2342.19200300.100.1.1"),
    (860, c"businessCategory", c"businessCategory", "2.5.4.15"),
    (
        957,
        c"jurisdictionC",
        c"jurisdictionCountryName",
        "1.3.6.1.4.1.311.60.2.1.3",
    ),
    (
        956,
        c"jurisdictionST",
        c"jurisdictionStateOrProvinceName",
        "1.3.6.1.4.1.311.60.2.1.2",
    ),
    (
        955,
        c"jurisdictionL",
        c"jurisdictionLocalityName",
        "1.3.6.1.4.1.311.60.2.1.1",
    ),
    (107, c"description", c"description", "2.5.4.13"),
    (400, c"role", c"role", "2.5.4.72"),
    (
        1089,
        c"organizationIdentifier",
        c"organizationIdentifier",
        "2.5.4.97",
    ),
    (861, c"postalAddress", c"postalAddress", "2.5.4.16"),
    (
        49,
        c"unstructuredName",
        c"unstructuredName",
        "1.2.840.113549.1.9.2",
    ),
    (
        54,
        c"challengePassword",
        c"challengePassword",
        "1.2.840.113549.1.9.7",
    ),
    (
        172,
        c"extReq",
        c"Extension Request",
        "1.2.840.113549.1.9.14",
    ),
    (
        503,
        c"x500UniqueIdentifier",
        c"x500UniqueIdentifier",
        "2.5.4.45",
    ),
    (
        85,
        c"subjectAltName",
        c"X509v3 Subject Alternative Name",
        "2.5.29.17",
    ),
    (
        86,
        c"issuerAltName",
        c"X509v3 Issuer Alternative Name",
        "2.5.29.18",
    ),
    (
        87,
        c"basicConstraints",
        c"X509v3 Basic Constraints",
        "2.5.29.19",
    ),
    (83, c"keyUsage", c"X509v3 Key Usage", "2.5.29.15"),
    (
        126,
        c"extendedKeyUsage",
        c"X509v3 Extended Key Usage",
        "2.5.29.37",
    ),
    (
        82,
        c"subjectKeyIdentifier",
        c"X509v3 Subject Key Identifier",
        "2.5.29.14",
    ),
    (
        90,
        c"authorityKeyIdentifier",
        c"X509v3 Authority Key Identifier",
        "2.5.29.35",
    ),
    (
        103,
        c"crlDistributionPoints",
        c"X509v3 CRL Distribution Points",
        "2.5.29.31",
    ),
    (
        177,
        c"authorityInfoAccess",
        c"Authority Information Access",
        "1.3.6.1.5.5.7.1.1",
    ),
    (
        89,
        c"certificatePolicies",
        c"X509v3 Certificate Policies",
        "2.5.29.32",
    ),
    (
        666,
        c"nameConstraints",
        c"X509v3 Name Constraints",
        "2.5.29.30",
    ),
    (
        401,
        c"policyConstraints",
        c"X509v3 Policy Constraints",
        "2.5.29.36",
    ),
    (
        748,
        c"inhibitAnyPolicy",
        c"X509v3 Inhibit Any Policy",
        "2.5.29.54",
    ),
    (
        951,
        c"ct_precert_scts",
        c"CT Precertificate SCTs",
        "1.3.6.1.4.1.11129.2.4.2",
    ),
    (
        952,
        c"ct_precert_poison",
        c"CT Precertificate Poison",
        "1.3.6.1.4.1.11129.2.4.3",
    ),
    (1020, c"tlsfeature", c"TLS Feature", "1.3.6.1.5.5.7.1.24"),
    (
        71,
        c"nsCertType",
        c"Netscape Cert Type",
        "2.16.840.1.113730.1.1",
    ),
    (
        78,
        c"nsComment",
        c"Netscape Comment",
        "2.16.840.1.113730.1.13",
    ),
    (
        398,
        c"subjectInfoAccess",
        c"Subject Information Access",
        "1.3.6.1.5.5.7.1.11",
    ),
    (857, c"freshestCRL", c"X509v3 Freshest CRL", "2.5.29.46"),
    (
        747,
        c"policyMappings",
        c"X509v3 Policy Mappings",
        "2.5.29.33",
    ),
    (
        769,
        c"subjectDirectoryAttributes",
        c"X509v3 Subject Directory Attributes",
        "2.5.29.9",
    ),
    (
        84,
        c"privateKeyUsagePeriod",
        c"X509v3 Private Key Usage Period",
        "2.5.29.16",
    ),
    (88, c"crlNumber", c"X509v3 CRL Number", "2.5.29.20"),
    (369, c"noCheck", c"OCSP No Check", "1.3.6.1.5.5.7.48.1.5"),
    (746, c"anyPolicy", c"X509v3 Any Policy", "2.5.29.32.0"),
    (
        129,
        c"serverAuth",
        c"TLS Web Server Authentication",
        "1.3.6.1.5.5.7.3.1",
    ),
    (
        130,
        c"clientAuth",
        c"TLS Web Client Authentication",
        "1.3.6.1.5.5.7.3.2",
    ),
    (131, c"codeSigning", c"Code Signing", "1.3.6.1.5.5.7.3.3"),
    (
        132,
        c"emailProtection",
        c"E-mail Protection",
        "1.3.6.1.5.5.7.3.4",
    ),
    (133, c"timeStamping", c"Time Stamping", "1.3.6.1.5.5.7.3.8"),
    (180, c"OCSPSigning", c"OCSP Signing", "1.3.6.1.5.5.7.3.9"),
    (
        910,
        c"anyExtendedKeyUsage",
        c"Any Extended Key Usage",
        "2.5.29.37.0",
    ),
    (
        1022,
        c"ipsecIKE",
        c"ipsec Internet Key Exchange",
        "1.3.6.1.5.5.7.3.17",
    ),
    (178, c"OCSP", c"OCSP", "1.3.6.1.5.5.7.48.1"),
    (179, c"caIssuers", c"CA Issuers", "1.3.6.1.5.5.7.48.2"),
    (
        6,
        c"rsaEncryption",
        c"rsaEncryption",
        "1.2.840.113549.1.1.1",
    ),
    (
        8,
        c"RSA-MD5",
        c"md5WithRSAEncryption",
        "1.2.840.113549.1.1.4",
    ),
    (
        65,
        c"RSA-SHA1",
        c"sha1WithRSAEncryption",
        "1.2.840.113549.1.1.5",
    ),
    (
        671,
        c"RSA-SHA224",
        c"sha224WithRSAEncryption",
        "1.2.840.113549.1.1.14",
    ),
    (
        668,
        c"RSA-SHA256",
        c"sha256WithRSAEncryption",
        "1.2.840.113549.1.1.11",
    ),
    (
        669,
        c"RSA-SHA384",
        c"sha384WithRSAEncryption",
        "1.2.840.113549.1.1.12",
    ),
    (
        670,
        c"RSA-SHA512",
        c"sha512WithRSAEncryption",
        "1.2.840.113549.1.1.13",
    ),
    (912, c"RSASSA-PSS", c"rsassaPss", "1.2.840.113549.1.1.10"),
    (919, c"RSAES-OAEP", c"rsaesOaep", "1.2.840.113549.1.1.7"),
    (911, c"MGF1", c"mgf1", "1.2.840.113549.1.1.8"),
    (
        416,
        c"ecdsa-with-SHA1",
        c"ecdsa-with-SHA1",
        "1.2.840.10045.4.1",
    ),
    (
        793,
        c"ecdsa-with-SHA224",
        c"ecdsa-with-SHA224",
        "1.2.840.10045.4.3.1",
    ),
    (
        794,
        c"ecdsa-with-SHA256",
        c"ecdsa-with-SHA256",
        "1.2.840.10045.4.3.2",
    ),
    (
        795,
        c"ecdsa-with-SHA384",
        c"ecdsa-with-SHA384",
        "1.2.840.10045.4.3.3",
    ),
    (
        796,
        c"ecdsa-with-SHA512",
        c"ecdsa-with-SHA512",
        "1.2.840.10045.4.3.4",
    ),
    (
        408,
        c"id-ecPublicKey",
        c"id-ecPublicKey",
        "1.2.840.10045.2.1",
    ),
    (1087, c"ED25519", c"ED25519", "1.3.101.112"),
    (1088, c"ED448", c"ED448", "1.3.101.113"),
    (1034, c"X25519", c"X25519", "1.3.101.110"),
    (1035, c"X448", c"X448", "1.3.101.111"),
    (116, c"DSA", c"dsaEncryption", "1.2.840.10040.4.1"),
    (113, c"DSA-SHA1", c"dsaWithSHA1", "1.2.840.10040.4.3"),
    (
        803,
        c"dsa_with_SHA256",
        c"dsa_with_SHA256",
        "2.16.840.1.101.3.4.3.2",
    ),
    (
        28,
        c"dhKeyAgreement",
        c"dhKeyAgreement",
        "1.2.840.113549.1.3.1",
    ),
    (920, c"dhpublicnumber", c"X9.42 DH", "1.2.840.10046.2.1"),
    (415, c"prime256v1", c"prime256v1", "1.2.840.10045.3.1.7"),
    (715, c"secp384r1", c"secp384r1", "1.3.132.0.34"),
    (716, c"secp521r1", c"secp521r1", "1.3.132.0.35"),
    (713, c"secp224r1", c"secp224r1", "1.3.132.0.33"),
    (714, c"secp256k1", c"secp256k1", "1.3.132.0.10"),
    (409, c"prime192v1", c"prime192v1", "1.2.840.10045.3.1.1"),
    (
        927,
        c"brainpoolP256r1",
        c"brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.7",
    ),
    (
        931,
        c"brainpoolP384r1",
        c"brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.11",
    ),
    (
        933,
        c"brainpoolP512r1",
        c"brainpoolP512r1",
        "1.3.36.3.3.2.8.1.1.13",
    ),
    (4, c"MD5", c"md5", "1.2.840.113549.2.5"),
    (64, c"SHA1", c"sha1", "1.3.14.3.2.26"),
    (675, c"SHA224", c"sha224", "2.16.840.1.101.3.4.2.4"),
    (672, c"SHA256", c"sha256", "2.16.840.1.101.3.4.2.1"),
    (673, c"SHA384", c"sha384", "2.16.840.1.101.3.4.2.2"),
    (674, c"SHA512", c"sha512", "2.16.840.1.101.3.4.2.3"),
    (1094, c"SHA512-224", c"sha512-224", "2.16.840.1.101.3.4.2.5"),
    (1095, c"SHA512-256", c"sha512-256", "2.16.840.1.101.3.4.2.6"),
    (1096, c"SHA3-224", c"sha3-224", "2.16.840.1.101.3.4.2.7"),
    (1097, c"SHA3-256", c"sha3-256", "2.16.840.1.101.3.4.2.8"),
    (1098, c"SHA3-384", c"sha3-384", "2.16.840.1.101.3.4.2.9"),
    (1099, c"SHA3-512", c"sha3-512", "2.16.840.1.101.3.4.2.10"),
    (21, c"pkcs7-data", c"pkcs7-data", "1.2.840.113549.1.7.1"),
    (
        22,
        c"pkcs7-signedData",
        c"pkcs7-signedData",
        "1.2.840.113549.1.7.2",
    ),
    (52, c"signingTime", c"signingTime", "1.2.840.113549.1.9.5"),
    (
        156,
        c"friendlyName",
        c"friendlyName",
        "1.2.840.113549.1.9.20",
    ),
    (157, c"localKeyID", c"localKeyID", "1.2.840.113549.1.9.21"),
];
