//! ASN.1: the DER reader and the C views of strings, integers, times and
//! object identifiers.

pub mod der;
pub mod integer;
pub mod object;
pub mod string;
pub mod time;
pub use der::*;
pub use integer::*;
pub use object::*;
pub use string::*;
pub use time::*;
