//! The search index (migration 0014): one document per thing a reader can find, its words
//! in SQLite's FTS5, kept in step by the use cases that change what it indexes, and the
//! queries that read it. What only SQLite has (FTS5, `snippet`, `bm25`) stays in here.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{StoreError, StoreResult, as_u32};

/// What a search document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A text's title (subject: the text's id).
    Text,
    /// An alinéa of a text's head (subject: a fingerprint of its words).
    Paragraph,
    /// An amendment's new lines, summary and rationale.
    Amendment,
    /// A comment neither deleted nor hidden.
    Comment,
    /// A question's prompt and choices.
    Question,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Text,
        DocumentKind::Paragraph,
        DocumentKind::Amendment,
        DocumentKind::Comment,
        DocumentKind::Question,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Text => "text",
            DocumentKind::Paragraph => "paragraph",
            DocumentKind::Amendment => "amendment",
            DocumentKind::Comment => "comment",
            DocumentKind::Question => "question",
        }
    }

    pub fn parse(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// An alinéa's subject: the first 8 bytes of the SHA-256 of its words.
fn fingerprint(paragraph: &str) -> i64 {
    let digest = Sha256::digest(paragraph.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

fn insert(
    tx: &rusqlite::Connection,
    kind: DocumentKind,
    text_id: i64,
    subject: i64,
    author: Option<i64>,
    body: &str,
) -> StoreResult<()> {
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO search_documents (kind, text_id, subject, author_id, body) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING id",
        )?
        .query_row(params![kind.as_str(), text_id, subject, author, body], |row| row.get(0))?;
    queue(tx, id, body, false)
}

/// Queues a change of the full-text index for the batch's commit ([`apply_pending`]).
fn queue(tx: &rusqlite::Connection, document: i64, body: &str, removing: bool) -> StoreResult<()> {
    tx.prepare_cached("INSERT INTO search_pending (document, body, removing) VALUES (?1, ?2, ?3)")?
        .execute(params![document, body, removing])?;
    Ok(())
}

/// Applies the index changes the batch's use cases queued, in order, and empties the
/// queue: the writer calls it once per batch, just before committing, outside any use
/// case's savepoint (where FTS5 would write a segment per use case).
pub(super) fn apply_pending(tx: &rusqlite::Connection) -> StoreResult<()> {
    let pending: Vec<(i64, String, bool)> = tx
        .prepare_cached("SELECT document, body, removing FROM search_pending ORDER BY seq")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if pending.is_empty() {
        return Ok(());
    }
    for (document, body, removing) in &pending {
        let sql = if *removing {
            // An external-content index is told what it indexed, to take it out.
            "INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', ?1, ?2)"
        } else {
            "INSERT INTO search_index (rowid, body) VALUES (?1, ?2)"
        };
        tx.prepare_cached(sql)?.execute(params![document, body])?;
    }
    tx.prepare_cached("DELETE FROM search_pending")?.execute([])?;
    Ok(())
}

/// Removes one document: its row now, its words from the index at the batch's commit.
fn remove(tx: &rusqlite::Connection, id: i64, body: &str) -> StoreResult<()> {
    queue(tx, id, body, true)?;
    tx.prepare_cached("DELETE FROM search_documents WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Indexes what a reader finds of `subject` (an amendment, comment or question, or a text's
/// title), replacing what was indexed of it before.
pub fn index_document(
    tx: &rusqlite::Connection,
    kind: DocumentKind,
    text_id: i64,
    subject: i64,
    author: Option<i64>,
    body: &str,
) -> StoreResult<()> {
    unindex_document(tx, kind, subject)?;
    insert(tx, kind, text_id, subject, author, body)
}

/// Takes `subject` out of the index (a comment deleted or hidden). Nothing indexed, nothing
/// done.
pub fn unindex_document(tx: &rusqlite::Connection, kind: DocumentKind, subject: i64) -> StoreResult<()> {
    let found: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, body FROM search_documents WHERE kind = ?1 AND subject = ?2")?
        .query_map(params![kind.as_str(), subject], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, body) in found {
        remove(tx, id, &body)?;
    }
    Ok(())
}

/// Indexes alinéas that a change brought into a text's head.
pub fn index_paragraphs(tx: &rusqlite::Connection, text_id: i64, paragraphs: &[String]) -> StoreResult<()> {
    for paragraph in paragraphs {
        insert(tx, DocumentKind::Paragraph, text_id, fingerprint(paragraph), None, paragraph)?;
    }
    Ok(())
}

/// Takes out of the index one occurrence of each alinéa a change took out of a text's
/// head (the same words twice in the head are indexed twice).
pub fn unindex_paragraphs(tx: &rusqlite::Connection, text_id: i64, paragraphs: &[String]) -> StoreResult<()> {
    for paragraph in paragraphs {
        let found: Option<i64> = tx
            .prepare_cached(
                "SELECT id FROM search_documents
                 WHERE kind = 'paragraph' AND subject = ?1 AND text_id = ?2 AND body = ?3 LIMIT 1",
            )?
            .query_row(params![fingerprint(paragraph), text_id, paragraph], |row| row.get(0))
            .optional()?;
        if let Some(id) = found {
            remove(tx, id, paragraph)?;
        }
    }
    Ok(())
}

/// Takes every alinéa and the title of a text out of the index, to index its head afresh.
pub fn unindex_head(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<()> {
    let found: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, body FROM search_documents WHERE text_id = ?1 AND kind IN ('paragraph', 'text')")?
        .query_map([text_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, body) in found {
        remove(tx, id, &body)?;
    }
    Ok(())
}

/// Records that the index holds the alinéas and title of `head`.
pub fn set_search_head(tx: &rusqlite::Connection, text_id: i64, head: u32) -> StoreResult<()> {
    tx.prepare_cached("UPDATE texts SET search_head = ?2 WHERE id = ?1")?.execute(params![text_id, head])?;
    Ok(())
}

/// The head whose alinéas the index holds for a text (0: none yet).
pub fn search_head(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Option<u32>> {
    let head: Option<i64> = tx
        .prepare_cached("SELECT search_head FROM texts WHERE id = ?1")?
        .query_row([text_id], |row| row.get(0))
        .optional()?;
    head.map(as_u32).transpose().map_err(StoreError::from)
}

/// The texts whose head the index does not hold (written before search existed): id and
/// head.
pub fn texts_behind_search(tx: &rusqlite::Connection) -> StoreResult<Vec<(i64, u32)>> {
    let mut statement = tx.prepare_cached("SELECT id, head FROM texts WHERE search_head <> head")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, as_u32(row.get(1)?)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What narrows a search, besides its words.
#[derive(Clone, Copy, Debug, Default)]
pub struct SearchScope {
    /// Whether members-only texts may be searched.
    pub members_texts: bool,
    pub text_id: Option<i64>,
    pub topic_id: Option<i64>,
    /// An amendment state (`open`, `merged`…): only amendments are then found.
    pub state: Option<&'static str>,
    /// Only what this member wrote: amendments, comments and questions.
    pub author_id: Option<i64>,
}

/// One document that matched, without its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// The document's row, to read its snippet.
    pub document: i64,
    pub kind: DocumentKind,
    pub text_id: i64,
    pub subject: i64,
}

const SCOPE: &str = "search_index MATCH ?1
      AND (t.visibility = 'public' OR ?2)
      AND (?3 IS NULL OR d.text_id = ?3)
      AND (?4 IS NULL OR t.topic_id = ?4)
      AND (?5 IS NULL OR (d.kind = 'amendment' AND a.state = ?5))
      AND (?6 IS NULL OR d.author_id = ?6)";

/// Every document matching `fts` (an FTS5 expression, see `domain::search`) within
/// `scope`, best first when `ranked` (by BM25), newest first otherwise (which costs no
/// scoring). One pass over the matches: the caller counts and keeps the best of each kind.
pub fn matches(tx: &rusqlite::Connection, fts: &str, scope: &SearchScope, ranked: bool) -> StoreResult<Vec<Match>> {
    let order = if ranked { "rank" } else { "search_index.rowid DESC" };
    let sql = format!(
        "SELECT d.id, d.kind, d.text_id, d.subject
         FROM search_index
         JOIN search_documents d ON d.id = search_index.rowid
         JOIN texts t ON t.id = d.text_id
         LEFT JOIN amendments a ON d.kind = 'amendment' AND a.id = d.subject
         WHERE {SCOPE}
         ORDER BY {order}"
    );
    let mut statement = tx.prepare_cached(&sql)?;
    let mut rows = statement.query(params![
        fts,
        scope.members_texts,
        scope.text_id,
        scope.topic_id,
        scope.state,
        scope.author_id
    ])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let kind = DocumentKind::parse(kind)
            .ok_or_else(|| StoreError::Corrupt(format!("a search document of unknown kind {kind:?}")))?;
        found.push(Match { document: row.get(0)?, kind, text_id: row.get(2)?, subject: row.get(3)? });
    }
    Ok(found)
}

/// A document's words.
pub fn document_body(tx: &rusqlite::Connection, document: i64) -> StoreResult<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT body FROM search_documents WHERE id = ?1")?
        .query_row([document], |row| row.get(0))
        .optional()?)
}
