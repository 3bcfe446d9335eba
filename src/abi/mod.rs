//! OpenSSL's names and numbers: constants, C callback types and the tables
//! generated from OpenSSL's headers. No behaviour; this module imports nothing
//! from the rest of the crate.

pub mod consts;
pub mod objects;
pub mod reasons;
pub mod tables;
