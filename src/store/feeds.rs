//! What the Atom feeds list: new revisions, new amendments and decisions on public texts,
//! newest first. Members-only texts never enter a feed, whoever asks.

use rusqlite::params;

use crate::domain::Decision;
use crate::domain::model::{Timestamp, reference};

use super::{StoreResult, as_u32, parse_name};

/// What a feed entry tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedItem {
    /// A revision of the text: its number, kind of change and summary.
    Revision { number: u32, summary: String },
    /// Something done to an amendment: proposed, accepted (as modified) or rejected.
    Amendment { id: i64, event: i64, reference: String, decision: Decision, summary: String, note: String },
}

/// One entry: on which text, by whom (empty for a former member), when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedEntry {
    pub text_slug: String,
    pub text_title: String,
    pub by: String,
    pub at: Timestamp,
    pub item: FeedItem,
}

/// Which texts a feed follows: one, a topic's, or every public text.
#[derive(Clone, Copy, Debug, Default)]
pub struct FeedScope {
    pub text_id: Option<i64>,
    pub topic_id: Option<i64>,
}

/// The newest `limit` entries of the public texts in `scope`.
pub fn feed_entries(tx: &rusqlite::Connection, scope: FeedScope, limit: u32) -> StoreResult<Vec<FeedEntry>> {
    // Each part is limited before the union, so that neither is read whole.
    let mut statement = tx.prepare_cached(
        "SELECT * FROM (
             SELECT 0 AS kind, t.slug, t.title, COALESCE(u.name, ''), r.created_at AS at, r.number, 0, '', '', r.summary, '', r.id
             FROM revisions r JOIN texts t ON t.id = r.text_id LEFT JOIN users u ON u.id = r.author_id
             WHERE t.visibility = 'public' AND (?1 IS NULL OR t.id = ?1) AND (?2 IS NULL OR t.topic_id = ?2)
             ORDER BY r.created_at DESC, r.id DESC LIMIT ?3)
         UNION ALL
         SELECT * FROM (
             SELECT 1, t.slug, t.title, COALESCE(u.name, ''), e.created_at, a.number, a.id, t.prefix, e.kind, a.summary,
                    e.note, e.id
             FROM amendment_events e JOIN amendments a ON a.id = e.amendment_id JOIN texts t ON t.id = a.text_id
                  LEFT JOIN users u ON u.id = e.actor_id
             WHERE e.kind IN ('proposed', 'accepted', 'accepted_modified', 'rejected')
               AND t.visibility = 'public' AND (?1 IS NULL OR t.id = ?1) AND (?2 IS NULL OR t.topic_id = ?2)
             ORDER BY e.created_at DESC, e.id DESC LIMIT ?3)
         ORDER BY 5 DESC, 12 DESC LIMIT ?3",
    )?;
    let rows = statement.query_map(params![scope.text_id, scope.topic_id, limit], |row| {
        let item = if row.get::<_, i64>(0)? == 0 {
            FeedItem::Revision { number: as_u32(row.get(5)?)?, summary: row.get(9)? }
        } else {
            let prefix: String = row.get(7)?;
            FeedItem::Amendment {
                id: row.get(6)?,
                event: row.get(11)?,
                reference: reference(&prefix, as_u32(row.get(5)?)?),
                decision: parse_name(row.get(8)?, Decision::parse, "event")?,
                summary: row.get(9)?,
                note: row.get(10)?,
            }
        };
        Ok(FeedEntry { text_slug: row.get(1)?, text_title: row.get(2)?, by: row.get(3)?, at: row.get(4)?, item })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
