//! The libcrypto side: the ERR queue, BIOs, ASN.1 and X.509 objects, PEM,
//! stacks, digests and keys. Nothing here imports [`crate::ssl`].

pub mod asn1;
pub mod bio;
pub mod bio_addr;
pub mod bn;
pub mod cipher;
pub mod conf;
pub mod digest;
pub mod encoder;
pub mod err;
pub mod ex_data;
pub mod lhash;
pub mod lock;
pub mod mackdf;
pub mod ocsp;
pub mod params;
pub mod pem;
pub mod pkcs12;
pub mod pkey;
pub mod provider;
pub mod stack;
pub mod store;
pub mod ui;
pub mod x509;
