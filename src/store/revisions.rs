//! Revisions, written once and never modified: each stored whole or as a delta from its
//! parent (migration 0005), and read back whole.

use std::sync::Arc;

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::change::{Change, apply_delta};
use crate::domain::model::{Person, Revision, RevisionInfo, RevisionKind, Timestamp};
use crate::domain::printed::Printing;
use crate::domain::provenance::Origin;
use crate::domain::text;

use super::codec::{decode_changes, decode_provenance, encode_changes, encode_provenance};
use super::{StoreError, StoreResult, as_u32, parse_name};

const INFO_COLUMNS: &str = "number, kind, line_count, summary, revisions.created_at, users.id, users.login, users.name,
    COALESCE(revisions.title, (SELECT title FROM texts WHERE texts.id = revisions.text_id)),
    revisions.printed_width, revisions.printed_algorithm";

fn info_from_row(row: &Row<'_>) -> rusqlite::Result<RevisionInfo> {
    Ok(RevisionInfo {
        number: as_u32(row.get(0)?)?,
        kind: parse_name(row.get(1)?, RevisionKind::parse, "revision kind")?,
        line_count: as_u32(row.get(2)?)?,
        summary: row.get(3)?,
        created_at: row.get(4)?,
        author: Person { id: row.get(5)?, login: row.get(6)?, name: row.get(7)? },
        title: row.get(8)?,
        printing: Printing { width: as_u32(row.get(9)?)?, algorithm: as_u32(row.get(10)?)? },
    })
}

pub struct NewRevision<'a> {
    pub number: u32,
    pub kind: RevisionKind,
    pub lines: &'a [String],
    /// The lines `changes` added to the parent's, when the revision is to be stored as a
    /// delta; `None` stores it whole. The caller checks that they rebuild `lines`
    /// ([`crate::domain::change::delta_of`]).
    pub delta: Option<Vec<&'a String>>,
    pub provenance: &'a [Origin],
    pub changes: &'a [Change],
    pub author_id: i64,
    pub summary: &'a str,
    pub title: &'a str,
    /// The text's printed width and today's algorithm (rule 10).
    pub printing: Printing,
}

pub fn insert_revision(
    tx: &rusqlite::Connection,
    text_id: i64,
    revision: &NewRevision<'_>,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO revisions (text_id, number, kind, body, added, line_count, provenance, changes, author_id,
                                summary, created_at, title, printed_width, printed_algorithm)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        text_id,
        revision.number,
        revision.kind.as_str(),
        revision.delta.is_none().then(|| text::join(revision.lines)),
        revision.delta.as_ref().map(|added| added.iter().map(|line| line.as_str()).collect::<Vec<_>>().join("\n")),
        revision.lines.len() as i64,
        encode_provenance(revision.provenance),
        encode_changes(revision.changes),
        revision.author_id,
        revision.summary,
        now,
        revision.title,
        revision.printing.width,
        revision.printing.algorithm,
    ])?;
    Ok(())
}

/// Revision `number` of a text, rebuilt when it is stored as a delta from the nearest
/// revision before it that `known` holds (revisions in memory) or that is stored whole.
/// `Ok(None)` when the text has no such revision; [`StoreError::Corrupt`] when a delta does
/// not apply to its parent.
pub fn revision(
    tx: &rusqlite::Connection,
    text_id: i64,
    number: u32,
    known: impl Fn(u32) -> Option<Arc<Revision>>,
) -> StoreResult<Option<Revision>> {
    let row = tx
        .prepare_cached(&format!(
            "SELECT {INFO_COLUMNS}, provenance, changes FROM revisions JOIN users ON users.id = revisions.author_id
             WHERE text_id = ?1 AND number = ?2"
        ))?
        .query_row(params![text_id, number], |row| {
            Ok((info_from_row(row)?, row.get::<_, Vec<u8>>(11)?, row.get::<_, Vec<u8>>(12)?))
        })
        .optional()?;
    let Some((info, provenance, changes)) = row else {
        return Ok(None);
    };
    let lines = lines_of(tx, text_id, number, known)?;
    let provenance = decode_provenance(&provenance)?;
    if provenance.len() != lines.len() {
        return Err(StoreError::Corrupt(format!(
            "revision {number}: provenance of {} lines for {}",
            provenance.len(),
            lines.len()
        )));
    }
    Ok(Some(Revision::new(info, lines, provenance, decode_changes(&changes)?)))
}

/// The lines of revision `number`: read whole, or rebuilt by applying the deltas after
/// the nearest revision before it that is known or stored whole.
fn lines_of(
    tx: &rusqlite::Connection,
    text_id: i64,
    number: u32,
    known: impl Fn(u32) -> Option<Arc<Revision>>,
) -> StoreResult<text::Lines> {
    let mut statement =
        tx.prepare_cached("SELECT body, added, changes FROM revisions WHERE text_id = ?1 AND number = ?2")?;
    // The deltas between the revision found and `number`, newest first.
    let mut deltas = Vec::new();
    let mut at = number;
    let mut lines = loop {
        if at != number
            && let Some(revision) = known(at)
        {
            break revision.lines.clone();
        }
        let missing = || StoreError::Corrupt(format!("revision {number} is stored against revision {at}, missing"));
        let (body, added, changes) = statement
            .query_row(params![text_id, at], |row| {
                Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, Vec<u8>>(2)?))
            })
            .optional()?
            .ok_or_else(missing)?;
        if let Some(body) = body {
            break text::split(&body);
        }
        deltas.push((at, text::split(&added.unwrap_or_default()), decode_changes(&changes)?));
        at = at.checked_sub(1).filter(|&parent| parent > 0).ok_or_else(missing)?;
    };
    for (at, added, changes) in deltas.into_iter().rev() {
        lines = apply_delta(&lines, &changes, &added)
            .ok_or_else(|| StoreError::Corrupt(format!("revision {at}: its changes do not apply to its parent")))?;
    }
    Ok(lines)
}

/// Every revision of a text, newest first, without their bodies.
pub fn list_revisions(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<RevisionInfo>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {INFO_COLUMNS} FROM revisions JOIN users ON users.id = revisions.author_id
         WHERE text_id = ?1 ORDER BY number DESC"
    ))?;
    let rows = statement.query_map([text_id], info_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The changes that made one revision from its parent.
pub struct RevisionStep {
    pub number: u32,
    pub created_at: Timestamp,
    pub changes: Vec<Change>,
}

/// The changes that made each revision after `from` up to `to`, in order: enough to carry
/// an anchor across them without reading their bodies.
pub fn changes_between(tx: &rusqlite::Connection, text_id: i64, from: u32, to: u32) -> StoreResult<Vec<RevisionStep>> {
    let mut statement = tx.prepare_cached(
        "SELECT number, created_at, changes FROM revisions
         WHERE text_id = ?1 AND number > ?2 AND number <= ?3 ORDER BY number",
    )?;
    let rows = statement.query_map(params![text_id, from, to], |row| {
        Ok((as_u32(row.get(0)?)?, row.get::<_, Timestamp>(1)?, row.get::<_, Vec<u8>>(2)?))
    })?;
    let mut steps = Vec::new();
    for row in rows {
        let (number, created_at, blob) = row?;
        steps.push(RevisionStep { number, created_at, changes: decode_changes(&blob)? });
    }
    Ok(steps)
}
