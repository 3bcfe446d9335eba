//! X509 (being written)
