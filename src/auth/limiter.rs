//! The login limiter: slows guessing down without letting anyone lock a member out.
//!
//! - Failures are counted per account, per client address (an IPv6 client by its /64,
//!   which one subscriber usually holds whole) and per known device, over [`LOGIN_WINDOW`].
//! - An address past [`LOGIN_FAILURES_PER_ADDRESS`] is refused, whatever account it tries:
//!   only that address.
//! - An account past [`LOGIN_FAILURES_PER_ACCOUNT`] is refused only to strangers: the
//!   member still gets in with the right password from an address they logged in from
//!   before (remembered for [`KNOWN_ADDRESS_FOR`]) or from a browser holding the signed
//!   known-device cookie their last login there set ([`super::Keys::new_device_token`]).
//!   Failures from elsewhere, however many, never reach these.
//! - A known device is refused only past [`LOGIN_FAILURES_PER_DEVICE`] failures of its own:
//!   it gets in even from an address an attacker shares (a proxy, a campus).
//!
//! Everything is in memory: a restart forgets the failures with the known addresses, and
//! the device cookies keep working (the secret is in the database).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Failed logins on one account, from strangers, before strangers are refused.
pub const LOGIN_FAILURES_PER_ACCOUNT: usize = 10;
/// Failed logins from one address, on any accounts, before it is refused.
pub const LOGIN_FAILURES_PER_ADDRESS: usize = 30;
/// Failed logins from one known device before it counts as a stranger.
pub const LOGIN_FAILURES_PER_DEVICE: usize = 10;
/// How long a failure counts.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long an address a member logged in from counts as theirs.
pub const KNOWN_ADDRESS_FOR: Duration = Duration::from_secs(90 * 24 * 3600);
/// Subjects with failures remembered before expired ones are swept, and at most.
const MAX_TRACKED: usize = 10_000;
/// (account, address) pairs remembered at most.
const MAX_KNOWN: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Subject {
    Account(String),
    Address(IpAddr),
    Device(String),
}

impl Subject {
    fn bound(&self) -> usize {
        match self {
            Subject::Account(_) => LOGIN_FAILURES_PER_ACCOUNT,
            Subject::Address(_) => LOGIN_FAILURES_PER_ADDRESS,
            Subject::Device(_) => LOGIN_FAILURES_PER_DEVICE,
        }
    }
}

/// Where a login attempt comes from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origin<'a> {
    pub address: Option<IpAddr>,
    /// The id of the known device it comes from, when its cookie was signed for this login.
    pub device: Option<&'a str>,
}

#[derive(Default)]
struct State {
    /// The most recent failures of each subject, at most its bound (that is all a decision
    /// needs, and an account attacked from a million addresses costs no more memory).
    failures: HashMap<Subject, VecDeque<Instant>>,
    /// When each (account, address) pair last logged in successfully.
    known: HashMap<(String, IpAddr), Instant>,
}

impl State {
    fn recent(&mut self, subject: &Subject, now: Instant) -> usize {
        self.failures.get_mut(subject).map_or(0, |times| {
            while times.front().is_some_and(|t| now.duration_since(*t) > LOGIN_WINDOW) {
                times.pop_front();
            }
            times.len()
        })
    }

    fn over(&mut self, subject: &Subject, now: Instant) -> bool {
        self.recent(subject, now) >= subject.bound()
    }

    fn fail(&mut self, subject: Subject, now: Instant) {
        if self.failures.len() >= MAX_TRACKED && !self.failures.contains_key(&subject) {
            self.failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) <= LOGIN_WINDOW));
            if self.failures.len() >= MAX_TRACKED {
                // Still full of live failures: forget the subject whose last failure is oldest.
                let oldest =
                    self.failures.iter().min_by_key(|(_, times)| times.back().copied()).map(|(s, _)| s.clone());
                if let Some(oldest) = oldest {
                    self.failures.remove(&oldest);
                }
            }
        }
        let bound = subject.bound();
        let times = self.failures.entry(subject).or_default();
        times.push_back(now);
        while times.len() > bound {
            times.pop_front();
        }
    }
}

/// Counts failed logins and remembers where members logged in from.
#[derive(Default)]
pub struct LoginLimiter {
    state: Mutex<State>,
}

/// One subscriber's addresses count as one: an IPv6 client by its /64.
fn address_key(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(segments[0], segments[1], segments[2], segments[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

impl LoginLimiter {
    /// Whether an attempt on `login` from `origin` may be tried now.
    pub fn may_try(&self, login: &str, origin: Origin<'_>) -> bool {
        let now = Instant::now();
        let login = login.to_lowercase();
        let mut state = self.lock();
        if let Some(device) = origin.device {
            return !state.over(&Subject::Device(device.to_owned()), now);
        }
        let address = origin.address.map(address_key);
        if let Some(address) = address
            && state.over(&Subject::Address(address), now)
        {
            return false;
        }
        let known = address.and_then(|address| state.known.get(&(login.clone(), address)).copied());
        if known.is_some_and(|at| now.duration_since(at) <= KNOWN_ADDRESS_FOR) {
            return true;
        }
        !state.over(&Subject::Account(login), now)
    }

    pub fn record_failure(&self, login: &str, origin: Origin<'_>) {
        let now = Instant::now();
        let mut state = self.lock();
        state.fail(Subject::Account(login.to_lowercase()), now);
        if let Some(address) = origin.address {
            state.fail(Subject::Address(address_key(address)), now);
        }
        if let Some(device) = origin.device {
            state.fail(Subject::Device(device.to_owned()), now);
        }
    }

    /// A successful login: its address becomes the member's own, and its device's failures
    /// are forgotten. The account's failures stay: they came from elsewhere, and a
    /// success here must not give an attacker a fresh allowance.
    pub fn record_success(&self, login: &str, origin: Origin<'_>) {
        let now = Instant::now();
        let mut state = self.lock();
        if let Some(device) = origin.device {
            state.failures.remove(&Subject::Device(device.to_owned()));
        }
        let Some(address) = origin.address.map(address_key) else { return };
        let key = (login.to_lowercase(), address);
        if state.known.len() >= MAX_KNOWN && !state.known.contains_key(&key) {
            state.known.retain(|_, at| now.duration_since(*at) <= KNOWN_ADDRESS_FOR);
            if state.known.len() >= MAX_KNOWN {
                let oldest = state.known.iter().min_by_key(|(_, at)| **at).map(|(key, _)| key.clone());
                if let Some(oldest) = oldest {
                    state.known.remove(&oldest);
                }
            }
        }
        state.known.insert(key, now);
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(address: &str) -> Origin<'static> {
        Origin { address: address.parse().ok(), device: None }
    }

    #[test]
    fn strangers_are_refused_after_the_accounts_bound_and_the_member_is_not() {
        let limiter = LoginLimiter::default();
        limiter.record_success("alice", from("192.0.2.1"));
        for n in 0..LOGIN_FAILURES_PER_ACCOUNT {
            // From as many addresses as failures: no address reaches its own bound.
            let attacker = format!("198.51.100.{n}");
            assert!(limiter.may_try("Alice", from(&attacker)));
            limiter.record_failure("alice", from(&attacker));
        }
        assert!(!limiter.may_try("ALICE", from("198.51.100.200")), "a stranger");
        assert!(limiter.may_try("alice", from("192.0.2.1")), "the member's own address");
        assert!(limiter.may_try("alice", Origin { address: "198.51.100.1".parse().ok(), device: Some("d") }));
        assert!(limiter.may_try("bob", from("198.51.100.200")), "another account");
        // A success does not reopen the account to strangers.
        limiter.record_success("alice", from("192.0.2.1"));
        assert!(!limiter.may_try("alice", from("198.51.100.201")));
    }

    #[test]
    fn an_address_past_its_bound_is_refused_but_a_known_device_behind_it_is_not() {
        let limiter = LoginLimiter::default();
        for n in 0..LOGIN_FAILURES_PER_ADDRESS {
            limiter.record_failure(&format!("user{}", n % 7), from("203.0.113.9"));
        }
        assert!(!limiter.may_try("carol", from("203.0.113.9")));
        assert!(limiter.may_try("carol", from("203.0.113.10")));
        let device = Origin { address: "203.0.113.9".parse().ok(), device: Some("phone") };
        assert!(limiter.may_try("carol", device));
        for _ in 0..LOGIN_FAILURES_PER_DEVICE {
            limiter.record_failure("carol", device);
        }
        assert!(!limiter.may_try("carol", device), "a device has its own bound");
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let limiter = LoginLimiter::default();
        for n in 0..LOGIN_FAILURES_PER_ADDRESS {
            limiter.record_failure("dave", from(&format!("2001:db8:1:2::{n:x}")));
        }
        assert!(!limiter.may_try("erin", from("2001:db8:1:2:ffff::1")));
        assert!(limiter.may_try("erin", from("2001:db8:1:3::1")));
    }
}
