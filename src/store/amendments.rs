//! Amendments and their history.
//!
//! Open and accepted amendments are always anchored on their text's head (DESIGN rule 5),
//! so their row stores revision 0, read as "the head": when the head moves, only the
//! amendments whose lines shift are written, not every one of them. Any other state keeps
//! the revision it was anchored on, written down as it leaves the head.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Amendment, AmendmentEvent, AmendmentSnapshot, Person, Timestamp, reference};
use crate::domain::span::Anchor;
use crate::domain::text;
use crate::domain::{AmendmentState, Decision, Tally};

use super::{StoreResult, as_u32, parse_name};

const AMENDMENT_SELECT: &str = "SELECT a.id, a.text_id, t.slug, t.prefix, a.number, u.id, u.login, u.name, a.state,
        CASE WHEN a.revision = 0 THEN t.head ELSE a.revision END, a.start, a.count, a.new_lines, a.decided_lines, a.summary, a.rationale, a.merged_into,
        a.version, a.created_at, a.updated_at, a.wording,
        (SELECT count(*) FROM supports s WHERE s.amendment_id = a.id AND s.wording = a.wording),
        (SELECT count(*) FROM supports s WHERE s.amendment_id = a.id AND s.wording <> a.wording),
        a.votes_for, a.votes_against, a.votes_abstain, a.rebased, a.editorial
    FROM amendments a JOIN texts t ON t.id = a.text_id JOIN users u ON u.id = a.author_id";

fn amendment_from_row(row: &Row<'_>) -> rusqlite::Result<Amendment> {
    let prefix: String = row.get(3)?;
    let number = as_u32(row.get(4)?)?;
    Ok(Amendment {
        id: row.get(0)?,
        text_id: row.get(1)?,
        text_slug: row.get(2)?,
        number,
        reference: reference(&prefix, number),
        author: Person { id: row.get(5)?, login: row.get(6)?, name: row.get(7)? },
        state: parse_name(row.get(8)?, AmendmentState::parse, "amendment state")?,
        anchor: Anchor { revision: as_u32(row.get(9)?)?, start: as_u32(row.get(10)?)?, count: as_u32(row.get(11)?)? },
        new_lines: text::split(&row.get::<_, String>(12)?),
        decided_lines: row.get::<_, Option<String>>(13)?.map(|body| text::split(&body)),
        summary: row.get(14)?,
        rationale: row.get(15)?,
        merged_into: row.get::<_, Option<i64>>(16)?.map(as_u32).transpose()?,
        version: row.get(17)?,
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
        wording: row.get(20)?,
        supporters: as_u32(row.get(21)?)?,
        earlier_supporters: as_u32(row.get(22)?)?,
        tally: Tally { for_: as_u32(row.get(23)?)?, against: as_u32(row.get(24)?)?, abstain: as_u32(row.get(25)?)? },
        rebased: row.get(26)?,
        editorial: row.get(27)?,
    })
}

pub struct NewAmendment<'a> {
    pub text_id: i64,
    pub number: u32,
    pub author_id: i64,
    pub anchor: Anchor,
    pub new_lines: &'a [String],
    pub summary: &'a str,
    pub rationale: &'a str,
    /// Spelling, grammar or formatting only, as its author says.
    pub editorial: bool,
}

pub fn insert_amendment(tx: &rusqlite::Connection, amendment: &NewAmendment<'_>, now: Timestamp) -> StoreResult<i64> {
    tx.prepare_cached(
        "INSERT INTO amendments (text_id, number, author_id, state, revision, start, count, new_lines, summary,
                                 rationale, created_at, updated_at, editorial)
         VALUES (?1, ?2, ?3, 'open', 0, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
    )?
    .execute(params![
        amendment.text_id,
        amendment.number,
        amendment.author_id,
        amendment.anchor.start,
        amendment.anchor.count,
        text::join(amendment.new_lines),
        amendment.summary,
        amendment.rationale,
        now,
        amendment.editorial,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Marks an amendment editorial or not. Not a change of its wording nor a decision: its
/// version and the time of its last change stay.
pub fn set_editorial(tx: &rusqlite::Connection, id: i64, editorial: bool) -> StoreResult<()> {
    tx.prepare_cached("UPDATE amendments SET editorial = ?2 WHERE id = ?1")?.execute(params![id, editorial])?;
    Ok(())
}

pub fn amendment(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<Amendment>> {
    Ok(tx
        .prepare_cached(&format!("{AMENDMENT_SELECT} WHERE a.id = ?1"))?
        .query_row([id], amendment_from_row)
        .optional()?)
}

/// Every amendment of a text, by number.
pub fn amendments_of_text(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<Amendment>> {
    let mut statement = tx.prepare_cached(&format!("{AMENDMENT_SELECT} WHERE a.text_id = ?1 ORDER BY a.number"))?;
    let rows = statement.query_map([text_id], amendment_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every amendment a member wrote, newest first.
pub fn amendments_by_author(tx: &rusqlite::Connection, author_id: i64) -> StoreResult<Vec<Amendment>> {
    let mut statement = tx.prepare_cached(&format!("{AMENDMENT_SELECT} WHERE a.author_id = ?1 ORDER BY a.id DESC"))?;
    let rows = statement.query_map([author_id], amendment_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Amendments of a text anchored on `revision` and in one of `states`.
pub fn anchors_on(
    tx: &rusqlite::Connection,
    text_id: i64,
    revision: u32,
    states: &[AmendmentState],
) -> StoreResult<Vec<(i64, AmendmentState, Anchor)>> {
    let mut statement = tx.prepare_cached(
        "SELECT a.id, a.state, a.start, a.count FROM amendments a JOIN texts t ON t.id = a.text_id
         WHERE a.text_id = ?1 AND (a.revision = ?2 OR (a.revision = 0 AND t.head = ?2))",
    )?;
    let rows = statement.query_map(params![text_id, revision], |row| {
        let state = parse_name(row.get(1)?, AmendmentState::parse, "amendment state")?;
        let anchor = Anchor { revision, start: as_u32(row.get(2)?)?, count: as_u32(row.get(3)?)? };
        Ok((row.get::<_, i64>(0)?, state, anchor))
    })?;
    let mut anchors = Vec::new();
    for row in rows {
        let row = row?;
        if states.contains(&row.1) {
            anchors.push(row);
        }
    }
    Ok(anchors)
}

/// The open and accepted amendments, anchored on the head (`head`), that may touch its
/// 1-based lines `lines.0..=lines.1` (`lines.1 == lines.0 - 1`: the insertion point before
/// `lines.0`): every anchor that overlaps or borders them, a superset of those a change
/// there collides with. A head move carries them; the others only shift.
pub fn following_anchors_near(
    tx: &rusqlite::Connection,
    text_id: i64,
    head: u32,
    lines: (u32, u32),
) -> StoreResult<Vec<(i64, Anchor)>> {
    // An anchor starting after the line past the range, or ending before its first line,
    // neither overlaps it nor has an insertion point inside it. A start below 1 fits no
    // revision: the caller decides what to do with it, so it is always returned.
    let mut statement = tx.prepare_cached(
        "SELECT id, start, count FROM amendments
         WHERE text_id = ?1 AND revision = 0 AND state IN ('open', 'accepted')
           AND ((start <= ?3 + 1 AND start + count >= ?2) OR start < 1)",
    )?;
    let rows = statement.query_map(params![text_id, lines.0, lines.1], |row| {
        Ok((row.get(0)?, Anchor { revision: head, start: as_u32(row.get(1)?)?, count: as_u32(row.get(2)?)? }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many amendments follow the head of a text (open and accepted ones).
pub fn count_following(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<usize> {
    let count: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM amendments WHERE text_id = ?1 AND revision = 0 AND state IN ('open', 'accepted')",
        )?
        .query_row([text_id], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// One range of a shift: the open and accepted amendments whose start lies in `starts`
/// (1-based, open-ended when `None`) move by `shift` lines.
pub struct StartShift {
    pub starts: (u32, Option<u32>),
    pub shift: i64,
}

/// Shifts the start of the open and accepted amendments by ranges: a head move that added
/// or removed lines before them. Each amendment moves once, by its original start: moved
/// ones are marked (negated) until every range is done, so none is caught by a later range.
/// Their version stays: being carried changes nothing anyone decides on (rule 8b).
pub fn shift_following(
    tx: &rusqlite::Connection,
    text_id: i64,
    shifts: &[StartShift],
    now: Timestamp,
) -> StoreResult<()> {
    if shifts.is_empty() {
        return Ok(());
    }
    let mut mark = tx.prepare_cached(
        "UPDATE amendments SET start = -(start + ?4), updated_at = ?5
         WHERE text_id = ?1 AND revision = 0 AND state IN ('open', 'accepted') AND start >= ?2 AND start < ?3",
    )?;
    for range in shifts {
        mark.execute(params![text_id, range.starts.0, range.starts.1.map_or(i64::MAX, i64::from), range.shift, now])?;
    }
    tx.prepare_cached("UPDATE amendments SET start = -start WHERE text_id = ?1 AND revision = 0 AND start < 0")?
        .execute([text_id])?;
    Ok(())
}

/// The stored revision after a change of state to `?2`: 0 while it follows the head, the
/// head it was on once it leaves it.
const REVISION_FOR_STATE: &str = "CASE WHEN ?2 IN ('open', 'accepted') THEN 0
         WHEN revision = 0 THEN (SELECT head FROM texts WHERE texts.id = amendments.text_id)
         ELSE revision END";

pub fn set_state(tx: &rusqlite::Connection, id: i64, state: AmendmentState, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached(&format!(
        "UPDATE amendments SET state = ?2, revision = {REVISION_FOR_STATE}, version = version + 1, updated_at = ?3
         WHERE id = ?1"
    ))?
    .execute(params![id, state.as_str(), now])?;
    Ok(())
}

/// Records that an amendment was merged into `revision` (its anchor stays on the revision
/// it was merged from, the head until the merge ends).
pub fn set_merged(tx: &rusqlite::Connection, id: i64, revision: u32, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached(&format!(
        "UPDATE amendments SET state = ?2, merged_into = ?3, revision = {REVISION_FOR_STATE},
                version = version + 1, updated_at = ?4
         WHERE id = ?1"
    ))?
    .execute(params![id, AmendmentState::Merged.as_str(), revision, now])?;
    Ok(())
}

/// Records a drafter's decision: the new state and, when accepted as modified, the lines.
pub fn set_decision(
    tx: &rusqlite::Connection,
    id: i64,
    state: AmendmentState,
    decided_lines: Option<&[String]>,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(&format!(
        "UPDATE amendments SET state = ?2, revision = {REVISION_FOR_STATE}, decided_lines = ?3,
                version = version + 1, updated_at = ?4
         WHERE id = ?1"
    ))?
    .execute(params![id, state.as_str(), decided_lines.map(text::join), now])?;
    Ok(())
}

/// The open amendment by `author_id` on the head at `anchor` proposing `new_lines`, if any.
pub fn open_proposal_by(
    tx: &rusqlite::Connection,
    text_id: i64,
    author_id: i64,
    anchor: Anchor,
    new_lines: &[String],
) -> StoreResult<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM amendments
             WHERE text_id = ?1 AND revision = 0 AND start = ?2 AND count = ?3 AND state = 'open'
               AND author_id = ?4 AND new_lines = ?5
             LIMIT 1",
        )?
        .query_row(params![text_id, anchor.start, anchor.count, author_id, text::join(new_lines)], |row| row.get(0))
        .optional()?)
}

pub struct ProposalUpdate<'a> {
    /// Whether what it proposes changed (its lines, or the passage they replace), which
    /// sends its co-signatures back to their co-signers; not a new summary or rationale.
    pub reworded: bool,
    pub anchor: Anchor,
    pub new_lines: &'a [String],
    pub summary: &'a str,
    pub rationale: &'a str,
}

/// Replaces an amendment's proposal and reopens it, anchored on the head.
pub fn update_proposal(
    tx: &rusqlite::Connection,
    id: i64,
    update: &ProposalUpdate<'_>,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE amendments SET state = 'open', revision = 0, start = ?3, count = ?4, new_lines = ?5, decided_lines = NULL, rebased = 0,
                summary = ?6, rationale = ?7, version = version + 1, wording = wording + ?9, updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        update.anchor.revision,
        update.anchor.start,
        update.anchor.count,
        text::join(update.new_lines),
        update.summary,
        update.rationale,
        now,
        i64::from(update.reworded),
    ])?;
    Ok(())
}

/// An amendment's words rewritten by a rebase onto `revision`, the head being set (rule 9):
/// its new anchor there and its lines. It is flagged `rebased`, and its wording moves on so
/// that its co-signatures wait to be confirmed again. Records the event too, its snapshot
/// anchored on `revision`.
pub struct RebasedWords<'a> {
    pub revision: u32,
    pub start: u32,
    pub count: u32,
    pub new_lines: &'a [String],
    pub decided_lines: Option<&'a [String]>,
}

pub fn record_rebase(tx: &rusqlite::Connection, id: i64, words: &RebasedWords<'_>, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE amendments SET start = ?2, count = ?3, new_lines = ?4, decided_lines = ?5, rebased = 1,
                version = version + 1, wording = wording + 1, updated_at = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        words.start,
        words.count,
        text::join(words.new_lines),
        words.decided_lines.map(text::join),
        now
    ])?;
    tx.prepare_cached(
        "INSERT INTO amendment_events (amendment_id, kind, actor_id, note, revision, created_at,
                                       version, state, anchor_revision, start, count, new_lines, decided_lines)
         SELECT a.id, ?2, NULL, '', ?3, ?4, a.version, a.state, ?3, a.start, a.count, a.new_lines, a.decided_lines
         FROM amendments a WHERE a.id = ?1",
    )?
    .execute(params![id, Decision::Rebased.as_str(), words.revision, now])?;
    Ok(())
}

/// Records an event of an amendment, with the amendment as it stands after it (its
/// version, state, anchor and wording): call it once the amendment's row is updated.
pub fn insert_event(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    kind: Decision,
    actor_id: Option<i64>,
    note: &str,
    revision: Option<u32>,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO amendment_events (amendment_id, kind, actor_id, note, revision, created_at,
                                       version, state, anchor_revision, start, count, new_lines, decided_lines)
         SELECT a.id, ?2, ?3, ?4, ?5, ?6, a.version, a.state,
                CASE WHEN a.revision = 0 THEN t.head ELSE a.revision END,
                a.start, a.count, a.new_lines, a.decided_lines
         FROM amendments a JOIN texts t ON t.id = a.text_id WHERE a.id = ?1",
    )?
    .execute(params![amendment_id, kind.as_str(), actor_id, note, revision, now])?;
    Ok(())
}

/// The columns of an event's snapshot, as `snapshot_from_row` reads them.
const SNAPSHOT_COLUMNS: &str = "e.version, e.state, e.anchor_revision, e.start, e.count, e.new_lines, e.decided_lines";

/// The snapshot of an event, from its columns at `first` in `SNAPSHOT_COLUMNS`'s order.
fn snapshot_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<Option<AmendmentSnapshot>> {
    let (Some(version), Some(state), Some(revision)) = (
        row.get::<_, Option<i64>>(first)?,
        row.get::<_, Option<String>>(first + 1)?,
        row.get::<_, Option<i64>>(first + 2)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(AmendmentSnapshot {
        version,
        state: parse_name(state, AmendmentState::parse, "amendment state")?,
        anchor: Anchor {
            revision: as_u32(revision)?,
            start: as_u32(row.get(first + 3)?)?,
            count: as_u32(row.get(first + 4)?)?,
        },
        new_lines: text::split(&row.get::<_, String>(first + 5)?),
        decided_lines: row.get::<_, Option<String>>(first + 6)?.map(|body| text::split(&body)),
    }))
}

/// The amendment as it stood at `version`, if an event recorded it.
pub fn snapshot_at(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    version: i64,
) -> StoreResult<Option<AmendmentSnapshot>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM amendment_events e
             WHERE e.amendment_id = ?1 AND e.version = ?2 ORDER BY e.id DESC LIMIT 1"
        ))?
        .query_row(params![amendment_id, version], |row| snapshot_from_row(row, 0))
        .optional()?
        .flatten())
}

/// An amendment's history, oldest first.
pub fn events_of(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<AmendmentEvent>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT e.kind, u.id, u.login, u.name, e.note, e.revision, e.created_at, {SNAPSHOT_COLUMNS}
         FROM amendment_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.amendment_id = ?1 ORDER BY e.id"
    ))?;
    let rows = statement.query_map([amendment_id], |row| {
        let actor = match row.get::<_, Option<i64>>(1)? {
            Some(id) => Some(Person { id, login: row.get(2)?, name: row.get(3)? }),
            None => None,
        };
        Ok(AmendmentEvent {
            kind: parse_name(row.get(0)?, Decision::parse, "event")?,
            actor,
            note: row.get(4)?,
            revision: row.get::<_, Option<i64>>(5)?.map(as_u32).transpose()?,
            created_at: row.get(6)?,
            snapshot: snapshot_from_row(row, 7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The last decision on an amendment.
pub struct LastDecision {
    pub amendment_id: i64,
    pub kind: Decision,
    /// The drafter's name.
    pub by: String,
    pub at: Timestamp,
    pub note: String,
}

/// The last decision (accept, accept as modified, reject) on each decided amendment of a text.
pub fn last_decisions(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<LastDecision>> {
    let mut statement = tx.prepare_cached(
        "SELECT e.amendment_id, e.kind, COALESCE(u.name, ''), e.created_at, e.note
         FROM amendment_events e
         JOIN amendments a ON a.id = e.amendment_id
         LEFT JOIN users u ON u.id = e.actor_id
         WHERE a.text_id = ?1 AND e.kind IN ('accepted', 'accepted_modified', 'rejected')
           AND e.id = (SELECT max(d.id) FROM amendment_events d
                       WHERE d.amendment_id = e.amendment_id AND d.kind IN ('accepted', 'accepted_modified', 'rejected'))",
    )?;
    let rows = statement.query_map([text_id], |row| {
        Ok(LastDecision {
            amendment_id: row.get(0)?,
            kind: parse_name(row.get(1)?, Decision::parse, "event")?,
            by: row.get(2)?,
            at: row.get(3)?,
            note: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The note of an amendment's last decision (empty when none or undecided).
pub fn last_decisions_note(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<String> {
    Ok(tx
        .prepare_cached(
            "SELECT note FROM amendment_events
             WHERE amendment_id = ?1 AND kind IN ('accepted', 'accepted_modified', 'rejected')
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([amendment_id], |row| row.get(0))
        .optional()?
        .unwrap_or_default())
}

/// The amendments each revision of a text took in: (revision, reference, id).
pub fn merged_into_revisions(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<(u32, String, i64)>> {
    let mut statement = tx.prepare_cached(
        "SELECT a.merged_into, t.prefix, a.number, a.id FROM amendments a JOIN texts t ON t.id = a.text_id
         WHERE a.text_id = ?1 AND a.merged_into IS NOT NULL ORDER BY a.merged_into, a.number",
    )?;
    let rows = statement.query_map([text_id], |row| {
        let prefix: String = row.get(1)?;
        Ok((as_u32(row.get(0)?)?, reference(&prefix, as_u32(row.get(2)?)?), row.get(3)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
