//! `CRYPTO_RWLOCK`: a read/write lock C locks and unlocks by hand
//! (`CRYPTO_THREAD_read_lock` / `write_lock` / `unlock`), as OpenSSL's pthread
//! rwlock: any number of readers or one writer; `unlock` releases whichever
//! the caller holds.

use std::sync::{Condvar, Mutex};

#[derive(Default)]
struct State {
    readers: usize,
    writer: bool,
}

#[allow(non_camel_case_types)]
#[derive(Default)]
pub struct crypto_rwlock_st {
    state: Mutex<State>,
    cond: Condvar,
}
crate::handle!(Owned: crypto_rwlock_st);

impl crypto_rwlock_st {
    fn wait_until(&self, ready: impl Fn(&State) -> bool, take: impl FnOnce(&mut State)) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !ready(&st) {
            st = self.cond.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        take(&mut st);
    }

    pub fn read_lock(&self) {
        self.wait_until(|s| !s.writer, |s| s.readers += 1);
    }

    pub fn write_lock(&self) {
        self.wait_until(|s| !s.writer && s.readers == 0, |s| s.writer = true);
    }

    /// Releases the write lock, or one read lock; false if nothing was held.
    pub fn unlock(&self) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let held = if st.writer {
            st.writer = false;
            true
        } else if st.readers > 0 {
            st.readers -= 1;
            true
        } else {
            false
        };
        drop(st);
        self.cond.notify_all();
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn readers_share_writers_exclude() {
        let l = Arc::new(crypto_rwlock_st::default());
        l.read_lock();
        l.read_lock();
        assert!(l.unlock() && l.unlock());
        assert!(!l.unlock());
        l.write_lock();
        let l2 = l.clone();
        let t = std::thread::spawn(move || {
            l2.read_lock();
            l2.unlock()
        });
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!t.is_finished());
        assert!(l.unlock());
        assert!(t.join().unwrap());
    }
}
