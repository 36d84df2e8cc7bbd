//! Who may do what: password hashing (argon2id), session and API token secrets, members'
//! ballot keys, what the server signs (form tokens, known devices), the permission table,
//! and the login limiter.

mod limiter;

pub use limiter::*;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use hmac::{Hmac, KeyInit, Mac};
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
    /// Open topics.
    ManageTopics,
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
    (Permission::ManageTopics, Role::Admin),
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

/// A token's lifetime when the request names none.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;
/// The bounds of a token's lifetime, in days: a token for a year's scripts at most.
pub const MIN_TOKEN_DAYS: u32 = 1;
pub const MAX_TOKEN_DAYS: u32 = 365;
/// A token's label, in characters.
pub const MAX_TOKEN_LABEL_CHARS: usize = 100;

/// What the server signs with its secret (kept in the database) and later checks itself:
/// anonymous form tokens and known-device cookies. HMAC-SHA-256, each use under its own
/// label, so that a value made for one use is worthless for another.
pub struct Keys {
    secret: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Keys(…)")
    }
}

/// The purposes a signature serves.
const FORM_TOKEN: &[u8] = b"redraft form token v1";
const DEVICE: &[u8] = b"redraft known device v1";
const UNSUBSCRIBE: &[u8] = b"redraft unsubscribe v1";

impl Keys {
    pub fn new(secret: Vec<u8>) -> Keys {
        Keys { secret }
    }

    fn mac(&self, purpose: &[u8], parts: &[&[u8]]) -> Hmac<Sha256> {
        // ok: HMAC takes a key of any length.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.secret).unwrap_or_else(|_| unreachable!());
        mac.update(purpose);
        for part in parts {
            // Each part's length first: ("ab", "c") and ("a", "bc") sign differently.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    /// Whether `mac_hex` is the signature of `parts` for `purpose`.
    fn verify(&self, purpose: &[u8], parts: &[&[u8]], mac_hex: &str) -> bool {
        unhex(mac_hex).is_some_and(|mac| self.mac(purpose, parts).verify_slice(&mac).is_ok())
    }

    /// A new token for anonymous forms (the login form): a random value and its signature,
    /// so that no client can choose its own.
    pub fn new_form_token(&self) -> Result<String, getrandom::Error> {
        let nonce = random_hex(16)?;
        let mac = hex(&self.mac(FORM_TOKEN, &[nonce.as_bytes()]).finalize().into_bytes());
        Ok(format!("{nonce}.{mac}"))
    }

    /// Whether this server issued `token` as an anonymous form token.
    pub fn is_form_token(&self, token: &str) -> bool {
        token
            .split_once('.')
            .is_some_and(|(nonce, mac)| nonce.len() == 32 && self.verify(FORM_TOKEN, &[nonce.as_bytes()], mac))
    }

    /// A new known-device cookie for a browser that just logged in as `login`.
    pub fn new_device_token(&self, login: &str) -> Result<String, getrandom::Error> {
        let nonce = random_hex(16)?;
        let login = login.to_lowercase();
        let mac = hex(&self.mac(DEVICE, &[login.as_bytes(), nonce.as_bytes()]).finalize().into_bytes());
        Ok(format!("{nonce}.{mac}"))
    }

    /// The signature of an unsubscribe link: turns `what` (a kind of notification, or
    /// `all`) off for member `user_id`. Hex.
    pub fn unsubscribe_signature(&self, user_id: i64, what: &str) -> String {
        hex(&self.mac(UNSUBSCRIBE, &[&user_id.to_be_bytes(), what.as_bytes()]).finalize().into_bytes())
    }

    /// Whether `signature` is this server's for an unsubscribe link of `user_id` and `what`.
    pub fn is_unsubscribe_signature(&self, user_id: i64, what: &str, signature: &str) -> bool {
        self.verify(UNSUBSCRIBE, &[&user_id.to_be_bytes(), what.as_bytes()], signature)
    }

    /// The device's id, when `token` was issued to a browser that logged in as `login`.
    pub fn device_id<'a>(&self, token: &'a str, login: &str) -> Option<&'a str> {
        let (nonce, mac) = token.split_once('.')?;
        let login = login.to_lowercase();
        (nonce.len() == 32 && self.verify(DEVICE, &[login.as_bytes(), nonce.as_bytes()], mac)).then_some(nonce)
    }
}

/// A member's ballot key: what their secret votes are filed under. It is derived from their
/// password (argon2id, under a salt of their own) when they log in, travels inside their
/// session cookie and API tokens, and is never written to the database: without the
/// password, or one of the member's own credentials, nobody (an operator holding the
/// database file included) can tell which ballot is theirs.
#[derive(Clone, PartialEq, Eq)]
pub struct BallotKey([u8; 32]);

impl std::fmt::Debug for BallotKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("BallotKey(…)")
    }
}

const BALLOT_KEY: &[u8] = b"redraft ballot key v1";
const BALLOT: &[u8] = b"redraft ballot v1";

impl BallotKey {
    /// The key that `password` unlocks with the member's `salt`.
    pub fn derive(password: &str, salt: &[u8]) -> Result<BallotKey, HashError> {
        let salt = [BALLOT_KEY, salt].concat();
        let mut key = [0u8; 32];
        Argon2::default()
            .hash_password_into(password.as_bytes(), &salt, &mut key)
            .map_err(|error| HashError(error.to_string()))?;
        Ok(BallotKey(key))
    }

    fn mac(&self, purpose: &[u8], subject: &[u8]) -> [u8; 32] {
        // ok: HMAC takes a key of any length.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!());
        mac.update(purpose);
        mac.update(subject);
        mac.finalize().into_bytes().into()
    }

    /// The number of this member's ballot on `subject` (`amendment:12:member:3`): the same
    /// each time they vote on it, unrelated to any other member's or subject's.
    pub fn ballot(&self, subject: &str) -> [u8; 32] {
        self.mac(BALLOT, subject.as_bytes())
    }

    fn to_hex(&self) -> String {
        hex(&self.0)
    }

    fn from_hex(text: &str) -> Option<BallotKey> {
        unhex(text).and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()).map(BallotKey)
    }
}

/// A credential as a client holds it (a session cookie, an API token): a secret, of which
/// the database keeps only the hash, and the member's ballot key after a dot when their
/// password unlocked one.
pub fn credential(secret: &str, ballot_key: Option<&BallotKey>) -> String {
    match ballot_key {
        Some(key) => format!("{secret}.{}", key.to_hex()),
        None => secret.to_owned(),
    }
}

/// A credential's secret and ballot key (see [`credential`]). A credential issued before
/// ballot keys existed has none.
pub fn split_credential(credential: &str) -> (&str, Option<BallotKey>) {
    match credential.split_once('.') {
        Some((secret, key)) => (secret, BallotKey::from_hex(key)),
        None => (credential, None),
    }
}

fn random_hex(bytes: usize) -> Result<String, getrandom::Error> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer)?;
    Ok(hex(&buffer))
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok()).collect()
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
    fn ballot_keys_depend_on_the_password_and_the_salt() {
        let key = BallotKey::derive("correct horse", b"salt of camille").ok();
        assert!(key.is_some());
        assert_eq!(key, BallotKey::derive("correct horse", b"salt of camille").ok());
        assert_ne!(key, BallotKey::derive("correct horsf", b"salt of camille").ok());
        assert_ne!(key, BallotKey::derive("correct horse", b"salt of dominique").ok());
        let Some(key) = key else { return };
        assert_ne!(key.ballot("amendment:1"), key.ballot("amendment:2"));
        let held = credential("abc", Some(&key));
        assert_eq!(split_credential(&held), ("abc", Some(key.clone())));
        assert_eq!(split_credential("abc"), ("abc", None));
        assert_eq!(split_credential("abc.zz"), ("abc", None));
    }

    #[test]
    fn signed_tokens_are_checked() {
        let keys = Keys::new(b"secret".to_vec());
        let token = keys.new_form_token().unwrap_or_default();
        assert!(keys.is_form_token(&token));
        assert!(!Keys::new(b"other".to_vec()).is_form_token(&token));
        assert!(!keys.is_form_token(&"a".repeat(64)));
        let mut forged = token.clone();
        forged.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
        assert!(!keys.is_form_token(&forged));
        let device = keys.new_device_token("Camille").unwrap_or_default();
        assert!(keys.device_id(&device, "camille").is_some());
        assert!(keys.device_id(&device, "dominique").is_none());
        // A form token is no device cookie, and the other way round.
        assert!(!keys.is_form_token(&device));
        assert!(keys.device_id(&token, "camille").is_none());
    }
}
