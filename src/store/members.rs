//! Members as admins manage them: their email, whether their account is active, and the
//! invitations through which they set a password.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::Role;
use crate::domain::model::{Member, Timestamp, User};

use super::StoreResult;
use super::users::user_from_row;

const MEMBER_COLUMNS: &str = "users.id, login, name, role, email, users.created_at, deactivated_at, \
    password_hash <> '' AS has_password, \
    (SELECT max(expires_at) FROM invitations WHERE invitations.user_id = users.id) AS invited_until";

fn member_from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        user: user_from_row(row)?,
        email: row.get::<_, Option<String>>("email")?.unwrap_or_default(),
        created_at: row.get("created_at")?,
        active: row.get::<_, Option<i64>>("deactivated_at")?.is_none(),
        has_password: row.get("has_password")?,
        invited_until: row.get("invited_until")?,
    })
}

/// Every account but the deleted ones, by name (case aside), then login.
pub fn members(tx: &rusqlite::Connection) -> StoreResult<Vec<Member>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {MEMBER_COLUMNS} FROM users WHERE deleted_at IS NULL ORDER BY lower(name), login"
    ))?;
    let members = statement.query_map([], member_from_row)?.collect::<Result<_, _>>()?;
    Ok(members)
}

/// An account by login (case-insensitive), unless deleted.
pub fn member(tx: &rusqlite::Connection, login: &str) -> StoreResult<Option<Member>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {MEMBER_COLUMNS} FROM users WHERE login = ?1 AND deleted_at IS NULL"))?
        .query_row([login], member_from_row)
        .optional()?)
}

/// The logins among `logins` that an account already has (case aside).
pub fn taken_logins(tx: &rusqlite::Connection, logins: &[&str]) -> StoreResult<Vec<String>> {
    let mut statement = tx.prepare_cached("SELECT login FROM users WHERE login = ?1")?;
    let mut taken = Vec::new();
    for login in logins {
        if let Some(found) = statement.query_row([login], |row| row.get::<_, String>(0)).optional()? {
            taken.push(found);
        }
    }
    Ok(taken)
}

/// Sets what an admin changes of an account; `None` leaves a field as it is.
pub fn update_member(
    tx: &rusqlite::Connection,
    user_id: i64,
    role: Option<Role>,
    name: Option<&str>,
    email: Option<&str>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE users SET role = coalesce(?2, role), name = coalesce(?3, name),
             email = CASE WHEN ?4 IS NULL THEN email ELSE nullif(?4, '') END
         WHERE id = ?1",
        params![user_id, role.map(Role::as_str), name, email],
    )?;
    Ok(())
}

/// Closes an account (its sessions, tokens and invitations go with it) or opens it again.
pub fn set_active(tx: &rusqlite::Connection, user_id: i64, active: bool, now: Timestamp) -> StoreResult<()> {
    if active {
        tx.execute("UPDATE users SET deactivated_at = NULL WHERE id = ?1", [user_id])?;
    } else {
        tx.execute(
            "UPDATE users SET deactivated_at = coalesce(deactivated_at, ?2) WHERE id = ?1",
            params![user_id, now],
        )?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])?;
        tx.execute("DELETE FROM api_tokens WHERE user_id = ?1", [user_id])?;
        tx.execute("DELETE FROM invitations WHERE user_id = ?1", [user_id])?;
    }
    Ok(())
}

/// How many active admins there are.
pub fn active_admins(tx: &rusqlite::Connection) -> StoreResult<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM users
         WHERE role = 'admin' AND deactivated_at IS NULL AND deleted_at IS NULL AND password_hash <> ''",
        [],
        |row| row.get(0),
    )?)
}

/// Stores an invitation (only its hash), replacing the account's earlier ones: the newest
/// link is the one that works.
pub fn insert_invitation(
    tx: &rusqlite::Connection,
    token_hash: &[u8],
    user_id: i64,
    now: Timestamp,
    expires_at: Timestamp,
) -> StoreResult<()> {
    tx.execute("DELETE FROM invitations WHERE user_id = ?1", [user_id])?;
    tx.execute(
        "INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, user_id, now, expires_at],
    )?;
    Ok(())
}

/// The account an invitation is for, with its expiry, if the invitation exists and its
/// account is active.
pub fn invitation(tx: &rusqlite::Connection, token_hash: &[u8]) -> StoreResult<Option<(User, Timestamp)>> {
    Ok(tx
        .prepare_cached(
            "SELECT users.id, login, name, role, expires_at FROM invitations JOIN users ON users.id = invitations.user_id
             WHERE token_hash = ?1 AND deactivated_at IS NULL AND deleted_at IS NULL",
        )?
        .query_row([token_hash], |row| Ok((user_from_row(row)?, row.get("expires_at")?)))
        .optional()?)
}

/// Sets a password hash; the account's invitations, sessions and API tokens end with its
/// old password (they also carry the ballot key the old password gave).
pub fn set_password(tx: &rusqlite::Connection, user_id: i64, password_hash: &str) -> StoreResult<()> {
    tx.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", params![user_id, password_hash])?;
    for table in ["invitations", "sessions", "api_tokens"] {
        tx.execute(&format!("DELETE FROM {table} WHERE user_id = ?1"), [user_id])?;
    }
    Ok(())
}

/// A member's password hash as stored (empty before they set one).
pub fn password_hash(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<String> {
    Ok(tx
        .query_row("SELECT password_hash FROM users WHERE id = ?1", [user_id], |row| row.get::<_, String>(0))
        .optional()?
        .unwrap_or_default())
}

/// Makes every cached list show people as they now are: a member renamed or deleted
/// appears in the amendments of any text.
pub fn touch_every_text(tx: &rusqlite::Connection) -> StoreResult<()> {
    tx.execute("UPDATE texts SET amendments_version = amendments_version + 1", [])?;
    Ok(())
}

/// The ids a member's rows hold in one of their tables, in order: `query` selects one id
/// column for `?1`, the member.
fn ids(tx: &rusqlite::Connection, query: &str, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut statement = tx.prepare_cached(query)?;
    let ids = statement.query_map([user_id], |row| row.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The amendments a member wrote, oldest first.
pub fn amendments_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<i64>> {
    ids(tx, "SELECT id FROM amendments WHERE author_id = ?1 ORDER BY id", user_id)
}

/// The comments a member wrote, oldest first.
pub fn comments_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<i64>> {
    ids(tx, "SELECT id FROM comments WHERE author_id = ?1 ORDER BY id", user_id)
}

/// The amendments a member co-signed, by id.
pub fn co_signed_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<i64>> {
    ids(tx, "SELECT amendment_id FROM supports WHERE user_id = ?1 ORDER BY amendment_id", user_id)
}

/// The amendments a member voted on, by id, with their choice where the vote was open.
pub fn votes_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<(i64, Option<String>)>> {
    let mut statement =
        tx.prepare_cached("SELECT amendment_id, choice FROM voters WHERE user_id = ?1 ORDER BY amendment_id")?;
    let votes = statement.query_map([user_id], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(votes)
}

/// The amendments on which a member cast a secret vote (whose ballot their key files).
pub fn secret_votes_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<i64>> {
    ids(tx, "SELECT amendment_id FROM voters WHERE user_id = ?1 AND choice IS NULL ORDER BY amendment_id", user_id)
}

/// The salt of a member's ballot key.
pub fn ballot_salt(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<u8>> {
    Ok(tx
        .query_row("SELECT ballot_salt FROM users WHERE id = ?1", [user_id], |row| row.get::<_, Option<Vec<u8>>>(0))
        .optional()?
        .flatten()
        .unwrap_or_default())
}

/// Empties a deleted account: what identified the member goes (login, name, email,
/// password, ballot salt), with their sessions, tokens, invitations and submission keys;
/// the row stays for what they wrote, shown as from a former member.
pub fn delete_account(tx: &rusqlite::Connection, user_id: i64, now: Timestamp) -> StoreResult<()> {
    tx.execute(
        "UPDATE users SET login = '#former-' || id, name = '', email = NULL, password_hash = '', ballot_salt = NULL,
             deleted_at = ?2
         WHERE id = ?1",
        params![user_id, now],
    )?;
    for table in ["sessions", "api_tokens", "invitations", "submissions"] {
        tx.execute(&format!("DELETE FROM {table} WHERE user_id = ?1"), [user_id])?;
    }
    super::forget_notifications(tx, user_id)?;
    Ok(())
}
