//! Submissions already answered: what the first request under a key created, so that a
//! repeat answers with it (one submission, one effect).

use rusqlite::{OptionalExtension, params};

use crate::domain::model::Timestamp;

use super::StoreResult;

/// How long a key is remembered: past a day, a repeat is a new request.
pub const SUBMISSION_SECONDS: i64 = 24 * 3600;

/// What the submission under `key` by `user_id` sent (its fingerprint) and created.
pub fn submission(tx: &rusqlite::Connection, user_id: i64, key: &str) -> StoreResult<Option<(Vec<u8>, String)>> {
    Ok(tx
        .prepare_cached("SELECT fingerprint, outcome FROM submissions WHERE user_id = ?1 AND key = ?2")?
        .query_row(params![user_id, key], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// Remembers what a submission created, and forgets those past [`SUBMISSION_SECONDS`].
pub fn insert_submission(
    tx: &rusqlite::Connection,
    user_id: i64,
    key: &str,
    fingerprint: &[u8],
    outcome: &str,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached("DELETE FROM submissions WHERE created_at < ?1")?.execute([now - SUBMISSION_SECONDS])?;
    tx.prepare_cached(
        "INSERT INTO submissions (user_id, key, fingerprint, outcome, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![user_id, key, fingerprint, outcome, now])?;
    Ok(())
}
