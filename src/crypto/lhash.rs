//! `OPENSSL_LHASH`: OpenSSL's generic hash table of C pointers, hashed and
//! compared by the C callbacks given to `OPENSSL_LH_new`.

use crate::ffi::{self, Ptr};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_ulong, c_void};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

/// `OPENSSL_LH_HASHFUNC`.
pub type LhHash = Option<unsafe extern "C" fn(*const c_void) -> c_ulong>;
/// `OPENSSL_LH_COMPFUNC`.
pub type LhComp = Option<unsafe extern "C" fn(*const c_void, *const c_void) -> c_int>;

/// The table: buckets by the C hash, each holding the items that share it.
pub struct lhash_st {
    hash: LhHash,
    comp: LhComp,
    buckets: Mutex<HashMap<c_ulong, Vec<Ptr>>>,
    /// `OPENSSL_LH_error`: failed insertions since the last successful one.
    error: AtomicI32,
    down_load: AtomicU64,
}
crate::handle!(Owned: lhash_st);
pub type OPENSSL_LHASH = lhash_st;

/// `OPENSSL_LH_strhash`, OpenSSL's string hash (same values, so tables built
/// on it order and collide as OpenSSL's do).
pub fn strhash(s: &[u8]) -> c_ulong {
    let mut ret: c_ulong = 0;
    let mut n: c_ulong = 0x100;
    for &c in s {
        // `*c` is a (signed) char in OpenSSL's code.
        let v = n | (c as c_char as i64 as c_ulong);
        n += 0x100;
        let r = (((v >> 2) ^ v) & 0x0f) as u32;
        ret = (ret << r) | ((ret as u64) >> ((32 - r) & 63)) as c_ulong;
        ret &= 0xFFFF_FFFF;
        ret ^= v.wrapping_mul(v);
    }
    (ret >> 16) ^ ret
}

extern "C" fn default_hash(p: *const c_void) -> c_ulong {
    ffi::cstr_bytes(p as *const c_char).map_or(0, strhash)
}

extern "C" fn default_comp(a: *const c_void, b: *const c_void) -> c_int {
    match (
        ffi::cstr_bytes(a as *const c_char),
        ffi::cstr_bytes(b as *const c_char),
    ) {
        (Ok(a), Ok(b)) => match a.cmp(b) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        },
        _ => 1,
    }
}

impl lhash_st {
    /// `OPENSSL_LH_new(h, c)`: NULL callbacks mean C strings (strhash, strcmp).
    pub fn new(hash: LhHash, comp: LhComp) -> Self {
        Self {
            hash,
            comp,
            buckets: Mutex::new(HashMap::new()),
            error: AtomicI32::new(0),
            down_load: AtomicU64::new(1),
        }
    }

    fn hash_of(&self, data: *const c_void) -> c_ulong {
        match self.hash {
            // SAFETY: `hash` is the OPENSSL_LH_HASHFUNC given to OPENSSL_LH_new,
            // called on an item of the table's type, as OpenSSL does.
            Some(h) => ffi::call_c(h, (data,)),
            None => default_hash(data),
        }
    }

    fn equal(&self, a: *const c_void, b: *const c_void) -> bool {
        match self.comp {
            // SAFETY: `comp` is the OPENSSL_LH_COMPFUNC given to OPENSSL_LH_new.
            Some(c) => ffi::call_c(c, (a, b)) == 0,
            None => default_comp(a, b) == 0,
        }
    }

    /// The bucket's items (copied, so the callbacks run without the lock).
    fn bucket(&self, h: c_ulong) -> Vec<Ptr> {
        self.buckets.lock().get(&h).cloned().unwrap_or_default()
    }

    fn find(&self, data: *const c_void) -> (c_ulong, Option<Ptr>) {
        let h = self.hash_of(data);
        let found = self.bucket(h).into_iter().find(|p| self.equal(p.0, data));
        (h, found)
    }

    /// `OPENSSL_LH_insert`: the item replaced (NULL if the key was new).
    pub fn insert(&self, data: *mut c_void) -> *mut c_void {
        self.error.store(0, Ordering::Relaxed);
        let (h, old) = self.find(data);
        let mut b = self.buckets.lock();
        let v = b.entry(h).or_default();
        match old.and_then(|o| v.iter_mut().find(|p| **p == o)) {
            Some(slot) => {
                let prev = slot.0;
                *slot = Ptr(data);
                prev
            }
            None => {
                v.push(Ptr(data));
                std::ptr::null_mut()
            }
        }
    }

    /// `OPENSSL_LH_delete`: the item removed, or NULL.
    pub fn delete(&self, data: *const c_void) -> *mut c_void {
        let (h, found) = self.find(data);
        let Some(found) = found else {
            return std::ptr::null_mut();
        };
        let mut b = self.buckets.lock();
        if let Some(v) = b.get_mut(&h) {
            v.retain(|p| *p != found);
            if v.is_empty() {
                b.remove(&h);
            }
        }
        found.0
    }

    /// `OPENSSL_LH_retrieve`.
    pub fn retrieve(&self, data: *const c_void) -> *mut c_void {
        self.find(data).1.map_or(std::ptr::null_mut(), |p| p.0)
    }

    /// Every item (a snapshot: the `doall` callback may delete items).
    pub fn items(&self) -> Vec<Ptr> {
        let b = self.buckets.lock();
        let mut keys: Vec<_> = b.keys().copied().collect();
        keys.sort_unstable();
        keys.iter().flat_map(|k| b[k].iter().copied()).collect()
    }

    pub fn num_items(&self) -> c_ulong {
        self.buckets
            .lock()
            .values()
            .map(|v| v.len() as c_ulong)
            .sum()
    }

    pub fn flush(&self) {
        self.buckets.lock().clear();
    }

    pub fn error(&self) -> c_int {
        self.error.load(Ordering::Relaxed)
    }

    pub fn down_load(&self) -> c_ulong {
        self.down_load.load(Ordering::Relaxed)
    }

    pub fn set_down_load(&self, v: c_ulong) {
        self.down_load.store(v, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strhash_values() {
        assert_eq!(strhash(b""), 0);
        assert_ne!(strhash(b"abc"), strhash(b"abd"));
    }

    #[test]
    fn insert_replace_delete() {
        let t = lhash_st::new(None, None);
        let a = c"alpha".as_ptr() as *mut c_void;
        let a2 = b"alpha\0".to_vec();
        let a2p = a2.as_ptr() as *mut c_void;
        let b = c"beta".as_ptr() as *mut c_void;
        assert!(t.insert(a).is_null());
        assert!(t.insert(b).is_null());
        // The same key again: the old item comes back, the new one stays.
        assert_eq!(t.insert(a2p), a);
        assert_eq!(t.num_items(), 2);
        assert_eq!(t.retrieve(a), a2p);
        assert_eq!(t.delete(a), a2p);
        assert!(t.retrieve(a).is_null());
        assert!(t.delete(a).is_null());
        assert_eq!(t.num_items(), 1);
        assert_eq!(t.error(), 0);
    }
}
