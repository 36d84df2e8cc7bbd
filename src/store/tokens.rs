//! API tokens (stored as hashes, with an owner, a label, an expiry and their last use) and
//! the installation's settings, the server secret among them.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Timestamp, User};

use super::StoreResult;
use super::users::user_from_row;

/// An API token as stored: never its secret, only its hash, which is not read back.
#[derive(Clone, Debug)]
pub struct ApiToken {
    pub id: i64,
    pub owner: User,
    pub label: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

const TOKEN_COLUMNS: &str = "api_tokens.id AS token_id, label, api_tokens.created_at AS token_created_at, \
    expires_at, last_used_at, users.id, login, name, role";

fn token_from_row(row: &Row<'_>) -> rusqlite::Result<ApiToken> {
    Ok(ApiToken {
        id: row.get("token_id")?,
        owner: user_from_row(row)?,
        label: row.get("label")?,
        created_at: row.get("token_created_at")?,
        expires_at: row.get("expires_at")?,
        last_used_at: row.get("last_used_at")?,
    })
}

pub struct NewApiToken<'a> {
    pub token_hash: &'a [u8],
    pub user_id: i64,
    pub label: &'a str,
    pub expires_at: Timestamp,
}

/// Stores a token; returns its id.
pub fn insert_api_token(tx: &rusqlite::Connection, token: &NewApiToken<'_>, now: Timestamp) -> StoreResult<i64> {
    tx.execute(
        "INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token.token_hash, token.user_id, token.label, now, token.expires_at],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The live token with this hash (not expired) and its owner.
pub fn live_api_token(tx: &rusqlite::Connection, token_hash: &[u8], now: Timestamp) -> StoreResult<Option<ApiToken>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id
             WHERE token_hash = ?1 AND expires_at > ?2 AND deactivated_at IS NULL AND deleted_at IS NULL"
        ))?
        .query_row(params![token_hash, now], token_from_row)
        .optional()?)
}

/// Records that a token was used now, unless it was recorded less than `every` seconds
/// ago: at most one write per token per `every`, however busy it is.
pub fn touch_api_token(tx: &rusqlite::Connection, id: i64, now: Timestamp, every: i64) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at <= ?3)",
    )?
    .execute(params![id, now, now - every])?;
    Ok(())
}

/// Every stored token, or one user's, newest first.
pub fn api_tokens(tx: &rusqlite::Connection, user_id: Option<i64>) -> StoreResult<Vec<ApiToken>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id
         WHERE ?1 IS NULL OR api_tokens.user_id = ?1 ORDER BY api_tokens.id DESC"
    ))?;
    let tokens = statement.query_map([user_id], token_from_row)?.collect::<Result<_, _>>()?;
    Ok(tokens)
}

pub fn api_token(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<ApiToken>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id WHERE api_tokens.id = ?1"
        ))?
        .query_row([id], token_from_row)
        .optional()?)
}

/// Deletes a token: it stops working at once. Whether there was one.
pub fn delete_api_token(tx: &rusqlite::Connection, id: i64) -> StoreResult<bool> {
    Ok(tx.execute("DELETE FROM api_tokens WHERE id = ?1", [id])? > 0)
}

/// Forgets tokens that expired before `before`.
pub fn delete_expired_api_tokens(tx: &rusqlite::Connection, before: Timestamp) -> StoreResult<usize> {
    Ok(tx.execute("DELETE FROM api_tokens WHERE expires_at <= ?1", [before])?)
}

/// A setting's value.
pub fn setting(tx: &rusqlite::Connection, name: &str) -> StoreResult<Option<Vec<u8>>> {
    Ok(tx
        .prepare_cached("SELECT value FROM settings WHERE name = ?1")?
        .query_row([name], |row| row.get(0))
        .optional()?)
}

/// Sets a setting, replacing its value.
pub fn set_setting(tx: &rusqlite::Connection, name: &str, value: &[u8]) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2",
        params![name, value],
    )?;
    Ok(())
}

/// Sets a setting unless it is set; returns the value in force.
pub fn setting_or_insert(tx: &rusqlite::Connection, name: &str, value: &[u8]) -> StoreResult<Vec<u8>> {
    tx.execute(
        "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, value],
    )?;
    Ok(setting(tx, name)?.unwrap_or_else(|| value.to_vec()))
}
