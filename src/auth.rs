//! Who may do what: password hashing (argon2id), session and API token secrets, the
//! permission table, and the login rate limiter.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use crate::domain::Role;

/// What a role may do. Actions check these; templates only reflect the answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read texts whose visibility is `members`.
    ReadMembersTexts,
    /// Propose, edit and withdraw one's own amendments.
    Propose,
    /// See the review desk, accept and reject amendments.
    Decide,
    /// Merge accepted amendments into a new revision.
    Merge,
    /// Publish new texts and edit their full text.
    Publish,
    /// Manage accounts and roles.
    ManageUsers,
}

/// The permission table: each permission and the least role that holds it (roles are
/// ordered member < drafter < admin, each holding what the one before holds).
const PERMISSIONS: &[(Permission, Role)] = &[
    (Permission::ReadMembersTexts, Role::Member),
    (Permission::Propose, Role::Member),
    (Permission::Decide, Role::Drafter),
    (Permission::Merge, Role::Drafter),
    (Permission::Publish, Role::Drafter),
    (Permission::ManageUsers, Role::Admin),
];

/// Whether someone with `role` (`None`: not logged in) holds `permission`.
pub fn allows(role: Option<Role>, permission: Permission) -> bool {
    let Some(role) = role else { return false };
    PERMISSIONS.iter().any(|(listed, least)| *listed == permission && role >= *least)
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password with argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| HashError(error.to_string()))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// Verifies against a fixed hash when the login is unknown, so that an unknown login takes
/// as long to refuse as a wrong password.
pub fn waste_verification(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(hash) = DUMMY.get_or_init(|| hash_password("not a real password").ok()) {
        verify_password(hash, password);
    }
}

/// A new random secret (session token, API token, CSRF token): 32 bytes, hex.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// How a secret is stored: only its SHA-256, so a leaked database reveals no usable token.
pub fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn secrets_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Failed logins allowed per account, and per address, within [`LOGIN_WINDOW`].
pub const LOGIN_FAILURES_PER_ACCOUNT: usize = 10;
pub const LOGIN_FAILURES_PER_ADDRESS: usize = 30;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys remembered before expired ones are swept.
const MAX_TRACKED: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Subject {
    Account(String),
    Address(IpAddr),
}

/// Counts failed logins per account and per address over a sliding window.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<Subject, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// Whether another attempt on `login` from `address` may be tried now.
    pub fn may_try(&self, login: &str, address: Option<IpAddr>) -> bool {
        let now = Instant::now();
        let mut failures = self.lock();
        let mut recent = |subject: Subject| {
            failures.get_mut(&subject).map_or(0, |times| {
                while times.front().is_some_and(|t| now.duration_since(*t) > LOGIN_WINDOW) {
                    times.pop_front();
                }
                times.len()
            })
        };
        let account_ok = recent(Subject::Account(login.to_lowercase())) < LOGIN_FAILURES_PER_ACCOUNT;
        let address_ok = address.is_none_or(|address| recent(Subject::Address(address)) < LOGIN_FAILURES_PER_ADDRESS);
        account_ok && address_ok
    }

    pub fn record_failure(&self, login: &str, address: Option<IpAddr>) {
        let now = Instant::now();
        let mut failures = self.lock();
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) <= LOGIN_WINDOW));
        }
        failures.entry(Subject::Account(login.to_lowercase())).or_default().push_back(now);
        if let Some(address) = address {
            failures.entry(Subject::Address(address)).or_default().push_back(now);
        }
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, login: &str) {
        self.lock().remove(&Subject::Account(login.to_lowercase()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Subject, VecDeque<Instant>>> {
        self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        assert!(!allows(None, Permission::Propose));
        assert!(allows(Some(Role::Member), Permission::Propose));
        assert!(!allows(Some(Role::Member), Permission::Merge));
        assert!(allows(Some(Role::Drafter), Permission::Merge));
        assert!(!allows(Some(Role::Drafter), Permission::ManageUsers));
        assert!(allows(Some(Role::Admin), Permission::Merge));
    }

    #[test]
    fn passwords() {
        let hash = hash_password("correct horse").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "wrong"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn limiter_counts_failures_per_account_and_address() {
        let limiter = LoginLimiter::default();
        let address: Option<IpAddr> = "127.0.0.1".parse().ok();
        for _ in 0..LOGIN_FAILURES_PER_ACCOUNT {
            assert!(limiter.may_try("Alice", address));
            limiter.record_failure("alice", address);
        }
        assert!(!limiter.may_try("ALICE", address));
        assert!(limiter.may_try("bob", address));
        limiter.record_success("alice");
        assert!(limiter.may_try("alice", address));
    }
}
