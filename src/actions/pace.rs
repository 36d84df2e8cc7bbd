//! Per-member rate limits on proposals and comments (DESIGN, "Limits"), and the switch
//! that turns every limit off (`serve --no-rate-limits`, for load tests).
//!
//! Each member has a bucket per kind of act: it holds up to a burst and refills at a steady
//! rate, so a motivated member files dozens of amendments in an evening without noticing,
//! and a runaway script is slowed to the refill rate. Drafters and admins, whose scripts
//! file thousands of amendments through the API, are not paced. Buckets live in memory:
//! a restart refills them, and each server of one database paces on its own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::auth::{Permission, allows};
use crate::domain::model::User;

/// What is paced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paced {
    Proposal,
    Comment,
}

impl Paced {
    /// The burst a member may file at once, and how long each further one waits.
    fn rule(self) -> (f64, Duration) {
        match self {
            Paced::Proposal => (PROPOSAL_BURST, PROPOSAL_EVERY),
            Paced::Comment => (COMMENT_BURST, COMMENT_EVERY),
        }
    }
}

/// Amendments a member may propose in a row.
pub const PROPOSAL_BURST: f64 = 60.0;
/// After the burst, one proposal per this long (120 an hour).
pub const PROPOSAL_EVERY: Duration = Duration::from_secs(30);
/// Comments a member may write in a row.
pub const COMMENT_BURST: f64 = 30.0;
/// After the burst, one comment per this long (60 an hour).
pub const COMMENT_EVERY: Duration = Duration::from_secs(60);
/// Buckets kept before full ones are forgotten (a full bucket is the same as none).
const MAX_BUCKETS: usize = 100_000;

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The limits of one server.
pub struct Pace {
    enabled: AtomicBool,
    buckets: Mutex<HashMap<(i64, Paced), Bucket>>,
}

impl Default for Pace {
    fn default() -> Self {
        Pace { enabled: AtomicBool::new(true), buckets: Mutex::new(HashMap::new()) }
    }
}

impl Pace {
    /// Whether limits apply (rate limits, and the per-text maximum of open amendments).
    pub fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    /// Turns every limit off (`serve --no-rate-limits`) or on.
    pub fn set_enabled(&self, enabled: bool) {
        self.enabled.store(enabled, Ordering::Relaxed);
    }

    /// Takes one act from the member's bucket; `Err(wait)` says how long until the next one
    /// is allowed. Drafters and admins, and every member while limits are off, pass.
    pub fn take(&self, member: &User, kind: Paced) -> Result<(), Duration> {
        self.take_at(member, kind, Instant::now())
    }

    fn take_at(&self, member: &User, kind: Paced, now: Instant) -> Result<(), Duration> {
        if !self.enabled() || allows(Some(member.role), Permission::Decide) {
            return Ok(());
        }
        let (burst, every) = kind.rule();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, bucket| refilled(*bucket, burst, every, now) < burst);
        }
        let bucket = buckets.entry((member.id, kind)).or_insert(Bucket { tokens: burst, at: now });
        let tokens = refilled(*bucket, burst, every, now);
        if tokens < 1.0 {
            return Err(every.mul_f64(1.0 - tokens));
        }
        *bucket = Bucket { tokens: tokens - 1.0, at: now };
        Ok(())
    }

    /// Gives back what [`Pace::take`] took, for an act that was refused for another reason.
    pub fn give_back(&self, member: &User, kind: Paced) {
        let (burst, _) = kind.rule();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bucket) = buckets.get_mut(&(member.id, kind)) {
            bucket.tokens = (bucket.tokens + 1.0).min(burst);
        }
    }
}

fn refilled(bucket: Bucket, burst: f64, every: Duration, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    (bucket.tokens + elapsed / every.as_secs_f64()).min(burst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn member(role: Role) -> User {
        User { id: 7, login: "camille".into(), name: "Camille".into(), role }
    }

    #[test]
    fn a_burst_then_one_per_interval() {
        let pace = Pace::default();
        let (camille, start) = (member(Role::Member), Instant::now());
        for _ in 0..PROPOSAL_BURST as usize {
            assert_eq!(pace.take_at(&camille, Paced::Proposal, start), Ok(()));
        }
        let wait = pace.take_at(&camille, Paced::Proposal, start).expect_err("past the burst");
        assert_eq!(wait, PROPOSAL_EVERY);
        // Comments are counted apart.
        assert_eq!(pace.take_at(&camille, Paced::Comment, start), Ok(()));
        assert_eq!(pace.take_at(&camille, Paced::Proposal, start + PROPOSAL_EVERY), Ok(()));
        assert!(pace.take_at(&camille, Paced::Proposal, start + PROPOSAL_EVERY).is_err());
        pace.give_back(&camille, Paced::Proposal);
        assert_eq!(pace.take_at(&camille, Paced::Proposal, start + PROPOSAL_EVERY), Ok(()));
    }

    #[test]
    fn drafters_and_disabled_limits_pass() {
        let pace = Pace::default();
        let (drafter, camille, now) = (member(Role::Drafter), member(Role::Member), Instant::now());
        for _ in 0..1_000 {
            assert_eq!(pace.take_at(&drafter, Paced::Comment, now), Ok(()));
        }
        pace.set_enabled(false);
        for _ in 0..1_000 {
            assert_eq!(pace.take_at(&camille, Paced::Comment, now), Ok(()));
        }
    }
}
