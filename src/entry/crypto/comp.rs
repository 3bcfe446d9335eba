//! `comp.h`: compression methods: ferrossl offers none.

use crate::abi::objects::NID_undef;
use std::ffi::{c_int, c_void};

/// COMP_get_type returns NID_undef (there are no compression methods).
#[no_mangle]
pub extern "C" fn COMP_get_type(_meth: *const c_void) -> c_int {
    NID_undef
}
