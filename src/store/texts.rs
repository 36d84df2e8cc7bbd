//! Texts: slug, title, phase, visibility and head.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Text, Timestamp};
use crate::domain::{Phase, Secrecy, Visibility};

use super::{StoreResult, as_u32, parse_name};

const TEXT_COLUMNS: &str = "texts.id, slug, title, prefix, phase, visibility, head, texts.created_at, texts.updated_at, \
                            amendments_version, texts.deadline, \
                            (SELECT slug FROM topics WHERE topics.id = texts.topic_id), texts.min_supporters, texts.votes, \
                            texts.max_open_per_member, texts.printed_width";

/// A text as it stands now: the phase read is the one set, and the one in force is worked
/// out here, at each read, so that a deadline closes a consultation on time with no one
/// acting and no timer to lose in a restart.
fn text_from_row(row: &Row<'_>) -> rusqlite::Result<Text> {
    let set: Phase = parse_name(row.get(4)?, Phase::parse, "phase")?;
    let deadline = row.get(10)?;
    Ok(Text {
        id: row.get(0)?,
        slug: row.get(1)?,
        title: row.get(2)?,
        prefix: row.get(3)?,
        phase: set.in_force(deadline, super::now()),
        deadline,
        visibility: parse_name(row.get(5)?, Visibility::parse, "visibility")?,
        topic: row.get(11)?,
        min_supporters: as_u32(row.get(12)?)?,
        votes: parse_name(row.get(13)?, Secrecy::parse, "votes")?,
        max_open_per_member: as_u32(row.get(14)?)?,
        printed_width: as_u32(row.get(15)?)?,
        head: as_u32(row.get(6)?)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        amendments_version: row.get(9)?,
    })
}

pub struct NewText<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub prefix: &'a str,
    pub phase: Phase,
    pub visibility: Visibility,
    pub topic_id: Option<i64>,
}

/// Inserts a text with head 1; `None` when the slug is taken.
pub fn insert_text(tx: &rusqlite::Connection, text: &NewText<'_>, now: Timestamp) -> StoreResult<Option<Text>> {
    let inserted = tx.execute(
        "INSERT INTO texts (slug, title, prefix, phase, visibility, head, created_at, updated_at, topic_id)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7) ON CONFLICT (slug) DO NOTHING",
        params![text.slug, text.title, text.prefix, text.phase.as_str(), text.visibility.as_str(), now, text.topic_id],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    text_by_slug(tx, text.slug)
}

pub fn text_by_slug(tx: &rusqlite::Connection, slug: &str) -> StoreResult<Option<Text>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {TEXT_COLUMNS} FROM texts WHERE slug = ?1"))?
        .query_row([slug], text_from_row)
        .optional()?)
}

pub fn text_by_id(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<Text>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {TEXT_COLUMNS} FROM texts WHERE id = ?1"))?
        .query_row([id], text_from_row)
        .optional()?)
}

pub fn prefix_taken(tx: &rusqlite::Connection, prefix: &str) -> StoreResult<bool> {
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM texts WHERE prefix = ?1)", [prefix], |row| row.get(0))?)
}

/// A text with the number of its open amendments.
pub struct TextListing {
    pub text: Text,
    pub open_amendments: u32,
}

/// Every text, most recently changed first.
pub fn list_texts(tx: &rusqlite::Connection) -> StoreResult<Vec<TextListing>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {TEXT_COLUMNS},
                (SELECT count(*) FROM amendments WHERE text_id = texts.id AND state = 'open') AS open_amendments
         FROM texts ORDER BY texts.updated_at DESC, texts.id DESC"
    ))?;
    let rows = statement.query_map([], |row| {
        Ok(TextListing { text: text_from_row(row)?, open_amendments: as_u32(row.get("open_amendments")?)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Moves a text's head to a revision just written, with that revision's title.
pub fn set_head(tx: &rusqlite::Connection, text_id: i64, head: u32, title: &str, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET head = ?2, title = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![text_id, head, title, now])?;
    Ok(())
}

/// Marks that some amendment of the text changed (anything keyed on its amendments is new).
pub fn touch_amendments(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET amendments_version = amendments_version + 1 WHERE id = ?1")?
        .execute([text_id])?;
    Ok(())
}

/// Takes the next amendment number of a text.
pub fn next_amendment_number(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<u32> {
    let number: i64 = tx
        .prepare_cached("UPDATE texts SET last_amendment = last_amendment + 1 WHERE id = ?1 RETURNING last_amendment")?
        .query_row([text_id], |row| row.get(0))?;
    Ok(as_u32(number)?)
}

/// Puts a text in `phase`, closing a consultation at `deadline` if one is given, and
/// records who did it.
pub fn set_phase(
    tx: &rusqlite::Connection,
    text_id: i64,
    phase: Phase,
    deadline: Option<Timestamp>,
    actor_id: i64,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET phase = ?2, deadline = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![text_id, phase.as_str(), deadline, now])?;
    tx.prepare_cached(
        "INSERT INTO phase_changes (text_id, phase, deadline, actor_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![text_id, phase.as_str(), deadline, actor_id, now])?;
    Ok(())
}

/// Sets the most open amendments one member may have on a text (0: no limit).
pub fn set_max_open_per_member(tx: &rusqlite::Connection, text_id: i64, max: u32, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET max_open_per_member = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![text_id, max, now])?;
    Ok(())
}

/// How many open amendments a member has on a text.
pub fn open_amendments_by(tx: &rusqlite::Connection, text_id: i64, author_id: i64) -> StoreResult<u32> {
    let count: i64 = tx
        .prepare_cached("SELECT count(*) FROM amendments WHERE text_id = ?1 AND author_id = ?2 AND state = 'open'")?
        .query_row(params![text_id, author_id], |row| row.get(0))?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// The printed width the text's next revision will have (rule 10).
pub fn printed_width(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<u32> {
    let width: i64 =
        tx.prepare_cached("SELECT printed_width FROM texts WHERE id = ?1")?.query_row([text_id], |row| row.get(0))?;
    Ok(as_u32(width)?)
}

/// Sets the printed width of the text's revisions to come; those written keep theirs.
pub fn set_printed_width(tx: &rusqlite::Connection, text_id: i64, width: u32, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET printed_width = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![text_id, width, now])?;
    Ok(())
}

/// Sets how many co-signers an amendment of the text needs before it may be accepted.
pub fn set_min_supporters(tx: &rusqlite::Connection, text_id: i64, min: u32, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET min_supporters = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![text_id, min, now])?;
    Ok(())
}

/// Makes a text's votes secret or open.
pub fn set_votes(tx: &rusqlite::Connection, text_id: i64, votes: Secrecy, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET votes = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        text_id,
        votes.as_str(),
        now
    ])?;
    Ok(())
}

/// A move of a text to a phase, as its history shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseChange {
    pub phase: Phase,
    pub deadline: Option<Timestamp>,
    pub by: crate::domain::model::Person,
    pub at: Timestamp,
}

/// The phases a text was moved to, newest first.
pub fn phase_changes(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<PhaseChange>> {
    let mut statement = tx.prepare_cached(
        "SELECT p.phase, p.deadline, u.id, u.login, u.name, p.created_at
         FROM phase_changes p JOIN users u ON u.id = p.actor_id WHERE p.text_id = ?1 ORDER BY p.id DESC",
    )?;
    let changes = statement.query_map([text_id], |row| {
        Ok(PhaseChange {
            phase: parse_name(row.get(0)?, Phase::parse, "phase")?,
            deadline: row.get(1)?,
            by: crate::domain::model::Person { id: row.get(2)?, login: row.get(3)?, name: row.get(4)? },
            at: row.get(5)?,
        })
    })?;
    Ok(changes.collect::<Result<_, _>>()?)
}
