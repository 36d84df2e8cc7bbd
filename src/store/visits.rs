//! Members' visits to texts, what happened on a text since a moment, and when (for the
//! participation charts).

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::domain::model::Timestamp;

use super::{StoreResult, as_u32};

/// A member's last visit to a text: when, the head they saw, and the newest amendment,
/// amendment event and comment there were then (anywhere: ids only grow).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Visit {
    pub at: Timestamp,
    pub head: u32,
    pub amendment: i64,
    pub event: i64,
    pub comment: i64,
}

const VISIT_COLUMNS: &str = "seen_at, seen_head, seen_amendment, seen_event, seen_comment";

fn visit_from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Visit> {
    Ok(Visit {
        at: row.get(first)?,
        head: as_u32(row.get(first + 1)?)?,
        amendment: row.get(first + 2)?,
        event: row.get(first + 3)?,
        comment: row.get(first + 4)?,
    })
}

pub fn visit(tx: &rusqlite::Connection, user_id: i64, text_id: i64) -> StoreResult<Option<Visit>> {
    let sql = format!("SELECT {VISIT_COLUMNS} FROM visits WHERE user_id = ?1 AND text_id = ?2");
    Ok(tx.prepare_cached(&sql)?.query_row(params![user_id, text_id], |row| visit_from_row(row, 0)).optional()?)
}

/// A member's last visits, by text.
pub fn visits_of(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<HashMap<i64, Visit>> {
    let sql = format!("SELECT text_id, {VISIT_COLUMNS} FROM visits WHERE user_id = ?1");
    let mut statement = tx.prepare_cached(&sql)?;
    let rows = statement.query_map([user_id], |row| Ok((row.get(0)?, visit_from_row(row, 1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest amendment, amendment event and comment ids now: what a visit has seen.
pub fn newest_ids(tx: &rusqlite::Connection) -> StoreResult<(i64, i64, i64)> {
    Ok(tx
        .prepare_cached(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM amendments), (SELECT COALESCE(MAX(id), 0) FROM amendment_events),
                (SELECT COALESCE(MAX(id), 0) FROM comments)",
        )?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?)
}

/// Records a visit; an older one (two tabs answered out of order) never replaces a newer.
pub fn record_visit(tx: &rusqlite::Connection, user_id: i64, text_id: i64, visit: Visit) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO visits (user_id, text_id, seen_at, seen_head, seen_amendment, seen_event, seen_comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (user_id, text_id) DO UPDATE
         SET seen_at = excluded.seen_at, seen_head = excluded.seen_head, seen_amendment = excluded.seen_amendment,
             seen_event = excluded.seen_event, seen_comment = excluded.seen_comment
         WHERE excluded.seen_event >= visits.seen_event AND excluded.seen_comment >= visits.seen_comment",
    )?
    .execute(params![user_id, text_id, visit.at, visit.head, visit.amendment, visit.event, visit.comment])?;
    Ok(())
}

/// Counted at most, each: "999+" is news enough.
const COUNT_CAP: u32 = 1000;

/// What others than `except_user` did on a text after `visit`: revisions written,
/// amendments filed, decisions taken (accepted, as modified, rejected, merged) and comments
/// written, each counted up to 1,000.
pub fn activity_since(
    tx: &rusqlite::Connection,
    text_id: i64,
    visit: &Visit,
    except_user: i64,
) -> StoreResult<(u32, u32, u32, u32)> {
    // Each reads the rows after the visit by id (a range of the table's own order), so a
    // recent visit reads few, whatever the size of the text.
    let counts = tx
        .prepare_cached(
            "SELECT
               (SELECT COUNT(*) FROM (SELECT 1 FROM revisions
                                      WHERE text_id = ?1 AND number > ?2 AND author_id <> ?6 LIMIT ?7)),
               (SELECT COUNT(*) FROM (SELECT 1 FROM amendments
                                      WHERE id > ?3 AND text_id = ?1 AND author_id <> ?6 LIMIT ?7)),
               (SELECT COUNT(*) FROM (SELECT 1 FROM amendment_events e CROSS JOIN amendments a
                                      WHERE e.id > ?4 AND a.id = e.amendment_id AND a.text_id = ?1
                                        AND e.kind IN ('accepted', 'accepted_modified', 'rejected', 'merged')
                                        AND (e.actor_id IS NULL OR e.actor_id <> ?6)
                                      LIMIT ?7)),
               (SELECT COUNT(*) FROM (SELECT 1 FROM comments
                                      WHERE id > ?5 AND text_id = ?1 AND author_id <> ?6
                                        AND deleted_at IS NULL AND hidden_at IS NULL LIMIT ?7))",
        )?
        .query_row(
            params![text_id, visit.head, visit.amendment, visit.event, visit.comment, except_user, COUNT_CAP],
            |row| Ok((as_u32(row.get(0)?)?, as_u32(row.get(1)?)?, as_u32(row.get(2)?)?, as_u32(row.get(3)?)?)),
        )?;
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
