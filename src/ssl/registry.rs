//! Objects C sees as owned by an `SSL_CTX` or `SSL` (`get0` pointers), kept until the owner is gone.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

// ---------------------------------------------------------------------------
// Registry of objects owned by an SSL_CTX or SSL.

/// Objects C sees as owned by an `SSL_CTX` / `SSL` (get0 pointers), kept
/// until the owner is gone. `K` is the owner type.
pub(crate) struct Registry<K, V> {
    pub(crate) map: HashMap<usize, (Weak<K>, Arc<V>)>,
    pub(crate) prune_at: usize,
}

impl<K, V> Registry<K, V> {
    pub(crate) fn new() -> Self {
        Self {
            map: HashMap::new(),
            prune_at: 64,
        }
    }

    /// The entry of `owner`, if one was made.
    pub(crate) fn get(&self, owner: &Arc<K>) -> Option<Arc<V>> {
        let (w, v) = self.map.get(&(Arc::as_ptr(owner) as usize))?;
        (w.strong_count() > 0 && std::ptr::eq(w.as_ptr(), Arc::as_ptr(owner))).then(|| v.clone())
    }

    /// The entry of `owner`, made with `make` on first use.
    pub(crate) fn get_or_insert(
        &mut self,
        owner: &Arc<K>,
        make: impl FnOnce(Weak<K>) -> V,
    ) -> Arc<V> {
        let key = Arc::as_ptr(owner) as usize;
        if let Some((w, v)) = self.map.get(&key) {
            if w.strong_count() > 0 && std::ptr::eq(w.as_ptr(), Arc::as_ptr(owner)) {
                return v.clone();
            }
        }
        if self.map.len() >= self.prune_at {
            self.map.retain(|_, (w, _)| w.strong_count() > 0);
            self.prune_at = (self.map.len() * 2).max(64);
        }
        let weak = Arc::downgrade(owner);
        let v = Arc::new(make(weak.clone()));
        self.map.insert(key, (weak, v.clone()));
        v
    }
}
