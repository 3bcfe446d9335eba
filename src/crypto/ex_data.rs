//! ex_data: per-object application slots (`SSL_set_ex_data`, ...), with
//! indexes handed out per class by `CRYPTO_get_ex_new_index`.

use crate::ffi::Ptr;
use parking_lot::Mutex;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// Index 0 of every class is reserved for the `*_set_app_data` macros.
static NEXT: [AtomicI32; 18] = [const { AtomicI32::new(1) }; 18];

/// A new index for `class`, or -1 for an unknown class.
pub fn new_index(class: c_int) -> c_int {
    match usize::try_from(class).ok().and_then(|c| NEXT.get(c)) {
        Some(n) => n.fetch_add(1, Ordering::Relaxed),
        None => -1,
    }
}

/// The slots of one object.
#[derive(Default)]
pub struct ExData(Mutex<Vec<Ptr>>);

impl std::fmt::Debug for ExData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExData")
    }
}

impl ExData {
    pub fn set(&self, idx: c_int, p: *mut c_void) -> bool {
        let Ok(idx) = usize::try_from(idx) else {
            return false;
        };
        if idx > 1 << 16 {
            return false;
        }
        let mut v = self.0.lock();
        if v.len() <= idx {
            v.resize(idx + 1, Ptr::default());
        }
        v[idx] = Ptr(p);
        true
    }

    pub fn get(&self, idx: c_int) -> *mut c_void {
        let Ok(idx) = usize::try_from(idx) else {
            return std::ptr::null_mut();
        };
        self.0.lock().get(idx).copied().unwrap_or_default().0
    }
}
