//! Accounts and sessions.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::Role;
use crate::domain::model::{Timestamp, User};

use super::{StoreResult, parse_name};

pub(super) fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get("id")?,
        login: row.get("login")?,
        name: row.get("name")?,
        role: parse_name(row.get("role")?, Role::parse, "role")?,
    })
}

pub struct NewUser<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub role: Role,
    /// Empty for an invited member, who sets a password through their invitation.
    pub password_hash: &'a str,
    /// Empty when none is known.
    pub email: &'a str,
}

/// Inserts a user; `None` when the login is taken.
pub fn insert_user(tx: &rusqlite::Connection, user: &NewUser<'_>, now: Timestamp) -> StoreResult<Option<User>> {
    let inserted = tx.execute(
        "INSERT INTO users (login, name, role, password_hash, created_at, ballot_salt, email)
         VALUES (?1, ?2, ?3, ?4, ?5, randomblob(16), nullif(?6, ''))
         ON CONFLICT (login) DO NOTHING",
        params![user.login, user.name, user.role.as_str(), user.password_hash, now, user.email],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    Ok(Some(User {
        id: tx.last_insert_rowid(),
        login: user.login.to_owned(),
        name: user.name.to_owned(),
        role: user.role,
    }))
}

pub fn count_users(tx: &rusqlite::Connection) -> StoreResult<i64> {
    Ok(tx.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?)
}

/// What a login is checked against and what a password unlocks.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
    /// The salt of the member's ballot key (`auth::BallotKey`).
    pub ballot_salt: Vec<u8>,
    /// False once an admin deactivated the account.
    pub active: bool,
}

/// A user's credentials, by login (case-insensitive).
pub fn user_with_password(tx: &rusqlite::Connection, login: &str) -> StoreResult<Option<Credentials>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, login, name, role, password_hash, ballot_salt, deactivated_at FROM users
             WHERE login = ?1 AND deleted_at IS NULL",
        )?
        .query_row([login], |row| {
            Ok(Credentials {
                user: user_from_row(row)?,
                password_hash: row.get("password_hash")?,
                ballot_salt: row.get::<_, Option<Vec<u8>>>("ballot_salt")?.unwrap_or_default(),
                active: row.get::<_, Option<i64>>("deactivated_at")?.is_none(),
            })
        })
        .optional()?)
}

pub fn insert_session(
    tx: &rusqlite::Connection,
    token_hash: &[u8],
    user_id: i64,
    csrf_token: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash, user_id, csrf_token, now, expires_at],
    )?;
    Ok(())
}

/// The user of a live session and the session's CSRF token.
pub fn session_user(
    tx: &rusqlite::Connection,
    token_hash: &[u8],
    now: Timestamp,
) -> StoreResult<Option<(User, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT users.id, login, name, role, csrf_token FROM sessions JOIN users ON users.id = sessions.user_id
             WHERE token_hash = ?1 AND expires_at > ?2 AND deactivated_at IS NULL AND deleted_at IS NULL",
        )?
        .query_row(params![token_hash, now], |row| Ok((user_from_row(row)?, row.get("csrf_token")?)))
        .optional()?)
}

pub fn delete_session(tx: &rusqlite::Connection, token_hash: &[u8]) -> StoreResult<()> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

pub fn delete_expired_sessions(tx: &rusqlite::Connection, now: Timestamp) -> StoreResult<usize> {
    Ok(tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?)
}

/// Who an account is, by id, deleted accounts included (their name is empty).
pub fn person(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<crate::domain::model::Person>> {
    Ok(tx
        .prepare_cached("SELECT id, login, name FROM users WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(crate::domain::model::Person { id: row.get(0)?, login: row.get(1)?, name: row.get(2)? })
        })
        .optional()?)
}

/// A user by login (case-insensitive).
pub fn user_by_login(tx: &rusqlite::Connection, login: &str) -> StoreResult<Option<User>> {
    Ok(tx
        .prepare_cached("SELECT id, login, name, role FROM users WHERE login = ?1")?
        .query_row([login], user_from_row)
        .optional()?)
}
