//! Topics: the thematic spaces texts belong to.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Timestamp, Topic};

use super::StoreResult;

const TOPIC_COLUMNS: &str = "topics.id, topics.slug, topics.title, topics.description, topics.created_at";

fn topic_from_row(row: &Row<'_>) -> rusqlite::Result<Topic> {
    Ok(Topic {
        id: row.get(0)?,
        slug: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        created_at: row.get(4)?,
    })
}

/// Opens a topic; `None` when its slug is taken.
pub fn insert_topic(
    tx: &rusqlite::Connection,
    slug: &str,
    title: &str,
    description: &str,
    now: Timestamp,
) -> StoreResult<Option<Topic>> {
    let inserted = tx
        .prepare_cached(
            "INSERT INTO topics (slug, title, description, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (slug) DO NOTHING",
        )?
        .execute(params![slug, title, description, now])?;
    if inserted == 0 {
        return Ok(None);
    }
    topic_by_slug(tx, slug)
}

pub fn topic_by_slug(tx: &rusqlite::Connection, slug: &str) -> StoreResult<Option<Topic>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {TOPIC_COLUMNS} FROM topics WHERE slug = ?1"))?
        .query_row([slug], topic_from_row)
        .optional()?)
}

/// Every topic, oldest first.
pub fn list_topics(tx: &rusqlite::Connection) -> StoreResult<Vec<Topic>> {
    let mut statement = tx.prepare_cached(&format!("SELECT {TOPIC_COLUMNS} FROM topics ORDER BY topics.id"))?;
    let topics = statement.query_map([], topic_from_row)?.collect::<Result<_, _>>()?;
    Ok(topics)
}
