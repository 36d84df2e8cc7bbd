//! Members' visits to texts, what happened on a text since a moment, and when (for the
//! participation charts).

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::domain::model::Timestamp;

use super::{StoreResult, as_u32};

/// A member's last visit to a text: when, and the head they saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Visit {
    pub at: Timestamp,
    pub head: u32,
}

pub fn visit(tx: &rusqlite::Connection, user_id: i64, text_id: i64) -> StoreResult<Option<Visit>> {
    Ok(tx
        .prepare_cached("SELECT seen_at, seen_head FROM visits WHERE user_id = ?1 AND text_id = ?2")?
        .query_row(params![user_id, text_id], |row| Ok(Visit { at: row.get(0)?, head: as_u32(row.get(1)?)? }))
        .optional()?)
}

/// A member's last visits, by text.
pub fn visits_of(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<HashMap<i64, Visit>> {
    let mut statement = tx.prepare_cached("SELECT text_id, seen_at, seen_head FROM visits WHERE user_id = ?1")?;
    let rows = statement
        .query_map([user_id], |row| Ok((row.get(0)?, Visit { at: row.get(1)?, head: as_u32(row.get(2)?)? })))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn record_visit(tx: &rusqlite::Connection, user_id: i64, text_id: i64, visit: Visit) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO visits (user_id, text_id, seen_at, seen_head) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, text_id) DO UPDATE SET seen_at = excluded.seen_at, seen_head = excluded.seen_head",
    )?
    .execute(params![user_id, text_id, visit.at, visit.head])?;
    Ok(())
}

/// Counted at most, each: "999+" is news enough.
const COUNT_CAP: u32 = 1000;

/// What others did on a text after `since`: amendments filed, decisions taken (accepted,
/// as modified, rejected, merged) and comments written, each counted up to 1,000.
pub fn activity_since(
    tx: &rusqlite::Connection,
    text_id: i64,
    since: Timestamp,
    except_user: i64,
) -> StoreResult<(u32, u32, u32)> {
    let counts = tx
        .prepare_cached(
            "SELECT
               (SELECT COUNT(*) FROM (SELECT 1 FROM amendments
                                      WHERE text_id = ?1 AND created_at > ?2 AND author_id <> ?3 LIMIT ?4)),
               (SELECT COUNT(*) FROM (SELECT 1 FROM amendment_events e JOIN amendments a ON a.id = e.amendment_id
                                      WHERE e.created_at > ?2 AND a.text_id = ?1
                                        AND e.kind IN ('accepted', 'accepted_modified', 'rejected', 'merged')
                                      LIMIT ?4)),
               (SELECT COUNT(*) FROM (SELECT 1 FROM comments
                                      WHERE text_id = ?1 AND created_at > ?2 AND author_id <> ?3
                                        AND deleted_at IS NULL AND hidden_at IS NULL LIMIT ?4))",
        )?
        .query_row(params![text_id, since, except_user, COUNT_CAP], |row| {
            Ok((as_u32(row.get(0)?)?, as_u32(row.get(1)?)?, as_u32(row.get(2)?)?))
        })?;
    Ok(counts)
}

/// When each decision (accepted, as modified, rejected, merged) on a text's amendments was
/// taken, in seconds since the epoch.
pub fn decision_times(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<Timestamp>> {
    let mut statement = tx.prepare_cached(
        "SELECT e.created_at FROM amendment_events e JOIN amendments a ON a.id = e.amendment_id
         WHERE a.text_id = ?1 AND e.kind IN ('accepted', 'accepted_modified', 'rejected', 'merged')",
    )?;
    let rows = statement.query_map([text_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When each comment shown on a text was written.
pub fn comment_times(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<Timestamp>> {
    let mut statement = tx.prepare_cached(
        "SELECT created_at FROM comments WHERE text_id = ?1 AND deleted_at IS NULL AND hidden_at IS NULL",
    )?;
    let rows = statement.query_map([text_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
