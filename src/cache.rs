//! A small in-memory cache bounded in bytes, evicting the least recently used entries. It
//! holds immutable things (revisions, rendered fragments) keyed by what determines them, so
//! an entry is never stale: a change makes a new key, and old keys age out.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

pub struct Lru<K, V> {
    inner: Mutex<Inner<K, V>>,
    budget: usize,
}

struct Inner<K, V> {
    entries: HashMap<K, Entry<V>>,
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
        Lru { inner: Mutex::new(Inner { entries: HashMap::new(), bytes: 0, clock: 0 }), budget }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
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
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
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

    /// Returns the cached value, or computes, keeps and returns it.
    pub fn get_or_insert_with<E>(&self, key: K, make: impl FnOnce() -> Result<(V, usize), E>) -> Result<V, E> {
        if let Some(value) = self.get(&key) {
            return Ok(value);
        }
        let (value, bytes) = make()?;
        self.insert(key, value.clone(), bytes);
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
}
