//! Comments: on paragraphs (carried with the head like amendments), on amendments, on a
//! text as a whole, and their replies.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Comment, Hiding, Paragraph, Person, Timestamp};

use super::{StartShift, StoreResult, as_u32};

const COMMENT_SELECT: &str = "SELECT c.id, c.text_id, u.id, u.login, u.name, c.parent_id, c.amendment_id,
        CASE WHEN c.revision = 0 THEN t.head ELSE c.revision END, c.line, c.revision = 0, c.written_on, c.body,
        c.created_at, c.edited_at, c.deleted_at, c.hidden_reason, h.id, h.login, h.name, c.hidden_at
    FROM comments c JOIN texts t ON t.id = c.text_id JOIN users u ON u.id = c.author_id
    LEFT JOIN users h ON h.id = c.hidden_by";

fn comment_from_row(row: &Row<'_>) -> rusqlite::Result<Comment> {
    let paragraph = match (row.get::<_, Option<i64>>(7)?, row.get::<_, Option<i64>>(8)?) {
        (Some(revision), Some(line)) => {
            Some(Paragraph { revision: as_u32(revision)?, line: as_u32(line)?, follows_head: row.get(9)? })
        }
        _ => None,
    };
    let hidden = match (row.get::<_, Option<String>>(15)?, row.get::<_, Option<i64>>(16)?) {
        (Some(reason), Some(by)) => Some(Hiding {
            reason,
            by: Person { id: by, login: row.get(17)?, name: row.get(18)? },
            at: row.get::<_, Option<i64>>(19)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Comment {
        id: row.get(0)?,
        text_id: row.get(1)?,
        author: Person { id: row.get(2)?, login: row.get(3)?, name: row.get(4)? },
        parent: row.get(5)?,
        amendment: row.get(6)?,
        paragraph,
        written_on: as_u32(row.get(10)?)?,
        body: row.get(11)?,
        created_at: row.get(12)?,
        edited_at: row.get(13)?,
        deleted_at: row.get(14)?,
        hidden,
    })
}

/// A new comment. A paragraph comment names its line on the head (`line`); a reply takes
/// its parent's place.
pub struct NewComment<'a> {
    pub text_id: i64,
    pub author_id: i64,
    pub parent: Option<i64>,
    pub amendment: Option<i64>,
    /// The 1-based paragraph of the head, or the place of the parent of a reply: `(stored
    /// revision, line)`, where revision 0 follows the head.
    pub place: Option<(u32, u32)>,
    pub written_on: u32,
    pub body: &'a str,
}

pub fn insert_comment(tx: &rusqlite::Connection, comment: &NewComment<'_>, now: Timestamp) -> StoreResult<i64> {
    tx.prepare_cached(
        "INSERT INTO comments (text_id, author_id, parent_id, amendment_id, revision, line, written_on, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        comment.text_id,
        comment.author_id,
        comment.parent,
        comment.amendment,
        comment.place.map(|(revision, _)| revision),
        comment.place.map(|(_, line)| line),
        comment.written_on,
        comment.body,
        now,
    ])?;
    Ok(tx.last_insert_rowid())
}

pub fn comment(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<Comment>> {
    Ok(tx.prepare_cached(&format!("{COMMENT_SELECT} WHERE c.id = ?1"))?.query_row([id], comment_from_row).optional()?)
}

/// The stored place of a comment: `(revision, line)`, revision 0 following the head.
pub fn comment_place(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<(u32, u32)>> {
    let place: Option<(Option<i64>, Option<i64>)> = tx
        .prepare_cached("SELECT revision, line FROM comments WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match place {
        Some((Some(revision), Some(line))) => Ok(Some((as_u32(revision)?, as_u32(line)?))),
        _ => Ok(None),
    }
}

/// Which comments of a text to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentsOn {
    /// Every one.
    All,
    /// Those on this paragraph of a stored revision (0: those following the head), and
    /// their replies.
    Paragraph { revision: u32, line: u32 },
    /// Those on this amendment, and their replies.
    Amendment(i64),
    /// Those on the text as a whole, and their replies.
    WholeText,
}

/// Comments of a text, oldest first (a reply comes after its parent).
pub fn comments_of_text(tx: &rusqlite::Connection, text_id: i64, on: CommentsOn) -> StoreResult<Vec<Comment>> {
    let (condition, first, second): (&str, i64, i64) = match on {
        CommentsOn::All => ("?2 = ?3", 0, 0),
        CommentsOn::Paragraph { revision, line } => {
            ("c.revision = ?2 AND c.line = ?3", i64::from(revision), i64::from(line))
        }
        CommentsOn::Amendment(id) => ("c.amendment_id = ?2 AND ?3 = 0", id, 0),
        CommentsOn::WholeText => ("c.line IS NULL AND c.amendment_id IS NULL AND ?2 = ?3", 0, 0),
    };
    let mut statement =
        tx.prepare_cached(&format!("{COMMENT_SELECT} WHERE c.text_id = ?1 AND {condition} ORDER BY c.id"))?;
    let rows = statement.query_map(params![text_id, first, second], comment_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many comments (not deleted) sit on each paragraph of a stored revision (0: those
/// following the head), by line.
pub fn comments_per_line(tx: &rusqlite::Connection, text_id: i64, revision: u32) -> StoreResult<Vec<(u32, u32)>> {
    let mut statement = tx.prepare_cached(
        "SELECT line, count(*) FROM comments WHERE text_id = ?1 AND revision = ?2 AND deleted_at IS NULL GROUP BY line",
    )?;
    let rows =
        statement.query_map(params![text_id, revision], |row| Ok((as_u32(row.get(0)?)?, as_u32(row.get(1)?)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many comments (not deleted) each amendment of a text has.
pub fn comments_per_amendment(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<(i64, u32)>> {
    let mut statement = tx.prepare_cached(
        "SELECT amendment_id, count(*) FROM comments
         WHERE text_id = ?1 AND amendment_id IS NOT NULL AND deleted_at IS NULL GROUP BY amendment_id",
    )?;
    let rows = statement.query_map([text_id], |row| Ok((row.get(0)?, as_u32(row.get(1)?)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn edit_comment(tx: &rusqlite::Connection, id: i64, body: &str, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1")?
        .execute(params![id, body, now])?;
    Ok(())
}

/// Deletes a comment's body; its row stays, for its replies' thread.
pub fn delete_comment(tx: &rusqlite::Connection, id: i64, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE comments SET body = '', deleted_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    Ok(())
}

pub fn hide_comment(tx: &rusqlite::Connection, id: i64, reason: &str, by: i64, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE comments SET hidden_reason = ?2, hidden_by = ?3, hidden_at = ?4 WHERE id = ?1")?
        .execute(params![id, reason, by, now])?;
    Ok(())
}

/// The comments that follow the head and sit on its lines `lines.0..=lines.1` (1-based):
/// those a head move that changed these lines may have to pin.
pub fn following_comments_on(
    tx: &rusqlite::Connection,
    text_id: i64,
    lines: (u32, u32),
) -> StoreResult<Vec<(i64, u32)>> {
    let mut statement = tx.prepare_cached(
        "SELECT id, line FROM comments WHERE text_id = ?1 AND revision = 0 AND line BETWEEN ?2 AND ?3",
    )?;
    let rows =
        statement.query_map(params![text_id, lines.0, lines.1], |row| Ok((row.get(0)?, as_u32(row.get(1)?)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Pins a comment whose paragraph a head move rewrote or removed to `revision`, the one it
/// was last on.
pub fn pin_comment(tx: &rusqlite::Connection, id: i64, revision: u32) -> StoreResult<()> {
    tx.prepare_cached("UPDATE comments SET revision = ?2 WHERE id = ?1")?.execute(params![id, revision])?;
    Ok(())
}

/// Shifts the comments following the head by ranges of lines, as [`super::shift_following`]
/// does amendments: each moves once, by its original line.
pub fn shift_following_comments(tx: &rusqlite::Connection, text_id: i64, shifts: &[StartShift]) -> StoreResult<()> {
    if shifts.is_empty() {
        return Ok(());
    }
    let mut mark = tx.prepare_cached(
        "UPDATE comments SET line = -(line + ?4) WHERE text_id = ?1 AND revision = 0 AND line >= ?2 AND line < ?3",
    )?;
    for range in shifts {
        mark.execute(params![text_id, range.starts.0, range.starts.1.map_or(i64::MAX, i64::from), range.shift])?;
    }
    tx.prepare_cached("UPDATE comments SET line = -line WHERE text_id = ?1 AND revision = 0 AND line < 0")?
        .execute([text_id])?;
    Ok(())
}
