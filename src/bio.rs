//! BIO objects (placeholder API; being written).
pub struct bio_st {}
impl bio_st {
    /// Reads one line (up to and including '\n') into `out`; false at EOF.
    pub fn read_line(&self, _out: &mut Vec<u8>) -> bool { false }
    /// Writes all of `data`; false on error.
    pub fn write_all(&self, _data: &[u8]) -> bool { false }
}
