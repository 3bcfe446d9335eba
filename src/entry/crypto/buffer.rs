//! `buffer.h`: `BUF_reverse`.

use crate::ffi;

/// BUF_reverse writes the `siz` bytes of `in` to `out` in reverse order, or
/// reverses `out` in place when `in` is NULL (what `s_server -rev` does to
/// each line). NULL `out` is a no-op.
#[no_mangle]
pub extern "C" fn BUF_reverse(out: *mut u8, r#in: *const u8, siz: usize) {
    ffi_boundary!("BUF_reverse", {
        if out.is_null() || siz == 0 {
            return Ok(());
        }
        let rev: Vec<u8> = if r#in.is_null() {
            ffi::slice_usize(out, siz)?.iter().rev().copied().collect()
        } else {
            ffi::slice_usize(r#in, siz)?.iter().rev().copied().collect()
        };
        ffi::slice_mut_usize(out, siz)?.copy_from_slice(&rev);
        Ok(())
    })
}
