//! Co-signatures: who supports which amendment, and to which of its wordings.

use rusqlite::{OptionalExtension, params};

use crate::domain::model::{Person, Timestamp};

use super::StoreResult;

/// A member's co-signature of an amendment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Support {
    pub supporter: Person,
    /// The wording signed: the amendment's current one, or an earlier one.
    pub wording: i64,
    /// The amendment's version when signed.
    pub version: i64,
    pub at: Timestamp,
}

/// Gives (or gives again, to the current wording) a member's co-signature.
pub fn support(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    user_id: i64,
    wording: i64,
    version: i64,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO supports (amendment_id, user_id, wording, version, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (amendment_id, user_id) DO UPDATE SET wording = ?3, version = ?4, created_at = ?5",
    )?
    .execute(params![amendment_id, user_id, wording, version, now])?;
    Ok(())
}

/// Takes a member's co-signature back; whether there was one.
pub fn withdraw_support(tx: &rusqlite::Connection, amendment_id: i64, user_id: i64) -> StoreResult<bool> {
    let deleted = tx
        .prepare_cached("DELETE FROM supports WHERE amendment_id = ?1 AND user_id = ?2")?
        .execute(params![amendment_id, user_id])?;
    Ok(deleted > 0)
}

/// The co-signatures of an amendment, oldest first.
pub fn supports(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<Support>> {
    let mut statement = tx.prepare_cached(
        "SELECT u.id, u.login, u.name, s.wording, s.version, s.created_at
         FROM supports s JOIN users u ON u.id = s.user_id WHERE s.amendment_id = ?1 ORDER BY s.created_at, u.id",
    )?;
    let rows = statement.query_map([amendment_id], |row| {
        Ok(Support {
            supporter: Person { id: row.get(0)?, login: row.get(1)?, name: row.get(2)? },
            wording: row.get(3)?,
            version: row.get(4)?,
            at: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One member's co-signature of an amendment, if they gave one.
pub fn support_by(tx: &rusqlite::Connection, amendment_id: i64, user_id: i64) -> StoreResult<Option<(i64, i64)>> {
    Ok(tx
        .prepare_cached("SELECT wording, version FROM supports WHERE amendment_id = ?1 AND user_id = ?2")?
        .query_row(params![amendment_id, user_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}
