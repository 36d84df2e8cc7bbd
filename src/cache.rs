//! A small in-memory cache bounded in bytes, evicting the least recently used entries. It
//! holds immutable things (revisions, rendered fragments) keyed by what determines them, so
//! an entry is never stale: a change makes a new key, and old keys age out. A value missing
//! is made once: whoever asks for it while it is being made waits for it, so that readers
//! arriving together after a change do not each build the same megabytes.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

pub struct Lru<K, V> {
    inner: Mutex<Inner<K, V>>,
    /// Signalled when a value being made is made (or its making failed).
    made: Condvar,
    budget: usize,
}

struct Inner<K, V> {
    entries: HashMap<K, Entry<V>>,
    /// Keys whose value a caller is making now.
    making: HashSet<K>,
    bytes: usize,
    clock: u64,
}

struct Entry<V> {
    value: V,
    bytes: usize,
    used: u64,
}

impl<K: Eq + Hash + Clone, V: Clone> Lru<K, V> {
    /// A cache holding at most about `budget` bytes (as sized by the caller).
    pub fn new(budget: usize) -> Self {
        Lru {
            inner: Mutex::new(Inner { entries: HashMap::new(), making: HashSet::new(), bytes: 0, clock: 0 }),
            made: Condvar::new(),
            budget,
        }
    }

    /// Forgets every entry (values made meanwhile are kept by their makers only).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.entries.clear();
        inner.bytes = 0;
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let mut inner = self.lock();
        Self::take(&mut inner, key)
    }

    fn lock(&self) -> MutexGuard<'_, Inner<K, V>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(inner: &mut Inner<K, V>, key: &K) -> Option<V> {
        inner.clock += 1;
        let now = inner.clock;
        inner.entries.get_mut(key).map(|entry| {
            entry.used = now;
            entry.value.clone()
        })
    }

    /// Keeps `value` under `key`; a value larger than the whole budget is not kept.
    pub fn insert(&self, key: K, value: V, bytes: usize) {
        if bytes > self.budget {
            return;
        }
        let mut inner = self.lock();
        inner.clock += 1;
        let used = inner.clock;
        if let Some(old) = inner.entries.insert(key, Entry { value, bytes, used }) {
            inner.bytes -= old.bytes;
        }
        inner.bytes += bytes;
        if inner.bytes > self.budget {
            // Evict down to 90 % in one sweep, so that a full cache does not sort on every insert.
            let mut by_age: Vec<(u64, K)> = inner.entries.iter().map(|(k, e)| (e.used, k.clone())).collect();
            by_age.sort_unstable_by_key(|(used, _)| *used);
            let target = self.budget / 10 * 9;
            for (_, key) in by_age {
                if inner.bytes <= target {
                    break;
                }
                if let Some(entry) = inner.entries.remove(&key) {
                    inner.bytes -= entry.bytes;
                }
            }
        }
    }

    /// Returns the cached value, or makes, keeps and returns it. While one caller makes the
    /// value of a key, the others asking for it wait and then take it; if its making fails
    /// (or it is too large to keep), the next of them makes it in turn. `make` must not ask
    /// this cache for the same key.
    pub fn get_or_insert_with<E>(&self, key: K, make: impl FnOnce() -> Result<(V, usize), E>) -> Result<V, E> {
        {
            let mut inner = self.lock();
            loop {
                if let Some(value) = Self::take(&mut inner, &key) {
                    return Ok(value);
                }
                if inner.making.insert(key.clone()) {
                    break;
                }
                inner = self.made.wait(inner).unwrap_or_else(PoisonError::into_inner);
            }
        }
        // Whatever happens to `make` (an error, a panic), the key leaves the making set
        // and the waiters are woken.
        struct Making<'a, K: Eq + Hash + Clone, V: Clone> {
            cache: &'a Lru<K, V>,
            key: &'a K,
        }
        impl<K: Eq + Hash + Clone, V: Clone> Drop for Making<'_, K, V> {
            fn drop(&mut self) {
                self.cache.lock().making.remove(self.key);
                self.cache.made.notify_all();
            }
        }
        let making = Making { cache: self, key: &key };
        let (value, bytes) = make()?;
        self.insert(key.clone(), value.clone(), bytes);
        drop(making);
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used_beyond_its_budget() {
        let cache: Lru<u32, u32> = Lru::new(100);
        cache.insert(1, 10, 40);
        cache.insert(2, 20, 40);
        assert_eq!(cache.get(&1), Some(10)); // 1 is now more recent than 2
        cache.insert(3, 30, 40);
        assert_eq!(cache.get(&2), None);
        assert_eq!(cache.get(&1), Some(10));
        assert_eq!(cache.get(&3), Some(30));
        cache.insert(4, 40, 1000);
        assert_eq!(cache.get(&4), None);
    }

    #[test]
    fn a_value_asked_for_by_many_at_once_is_made_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, Barrier};
        let cache: Arc<Lru<u32, u32>> = Arc::new(Lru::new(1000));
        let made = Arc::new(AtomicUsize::new(0));
        let start = Arc::new(Barrier::new(8));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (cache, made, start) = (Arc::clone(&cache), Arc::clone(&made), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    cache.get_or_insert_with(7, || {
                        made.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(30));
                        Ok::<_, ()>((49, 8))
                    })
                })
            })
            .collect();
        for thread in threads {
            assert_eq!(thread.join().expect("no panic"), Ok(49));
        }
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn when_making_fails_the_next_caller_makes_it() {
        let cache: Lru<u32, u32> = Lru::new(1000);
        assert_eq!(cache.get_or_insert_with(1, || Err::<(u32, usize), _>("no")), Err("no"));
        assert_eq!(cache.get_or_insert_with(1, || Ok::<_, &str>((5, 8))), Ok(5));
        assert_eq!(cache.get(&1), Some(5));
    }
}
