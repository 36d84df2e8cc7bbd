//! Questions put to members, who answered (never what), and the counts per choice.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::model::{Question, Timestamp};

use super::{StoreError, StoreResult, as_u32};

const QUESTION_COLUMNS: &str = "questions.id, questions.text_id, texts.slug, questions.author_id, users.name, prompt, \
    choices, revision, line, closes_at, tallies, questions.created_at";

fn question_from_row(row: &Row<'_>) -> rusqlite::Result<Question> {
    let json = |at: usize| -> rusqlite::Result<String> { row.get(at) };
    let corrupt = |at: usize, error: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, Box::new(error))
    };
    let choices: Vec<String> = serde_json::from_str(&json(6)?).map_err(|error| corrupt(6, error))?;
    let tallies: Vec<u32> = serde_json::from_str(&json(10)?).map_err(|error| corrupt(10, error))?;
    if tallies.len() != choices.len() {
        let error =
            format!("question {} has {} choices and {} tallies", row.get::<_, i64>(0)?, choices.len(), tallies.len());
        return Err(rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, error.into()));
    }
    let revision: Option<i64> = row.get(7)?;
    let line: Option<i64> = row.get(8)?;
    Ok(Question {
        id: row.get(0)?,
        text_id: row.get(1)?,
        text_slug: row.get(2)?,
        author: crate::domain::model::Person { id: row.get(3)?, login: String::new(), name: row.get(4)? },
        prompt: row.get(5)?,
        choices,
        paragraph: match (revision, line) {
            (Some(revision), Some(line)) => Some((as_u32(revision)?, as_u32(line)?)),
            _ => None,
        },
        closes_at: row.get(9)?,
        tallies,
        created_at: row.get(11)?,
    })
}

pub struct NewQuestion<'a> {
    pub text_id: i64,
    pub author_id: i64,
    pub prompt: &'a str,
    pub choices: &'a [String],
    /// The alinéa asked about: (revision, line).
    pub paragraph: Option<(u32, u32)>,
    pub closes_at: Timestamp,
}

/// Stores a question with no answer yet; returns its id.
pub fn insert_question(tx: &rusqlite::Connection, question: &NewQuestion<'_>, now: Timestamp) -> StoreResult<i64> {
    let choices = serde_json::to_string(question.choices).map_err(|error| StoreError::Corrupt(error.to_string()))?;
    let tallies = serde_json::to_string(&vec![0u32; question.choices.len()])
        .map_err(|error| StoreError::Corrupt(error.to_string()))?;
    tx.execute(
        "INSERT INTO questions (text_id, author_id, prompt, choices, revision, line, closes_at, tallies, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            question.text_id,
            question.author_id,
            question.prompt,
            choices,
            question.paragraph.map(|(revision, _)| revision),
            question.paragraph.map(|(_, line)| line),
            question.closes_at,
            tallies,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn question(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<Question>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {QUESTION_COLUMNS} FROM questions JOIN texts ON texts.id = questions.text_id
             JOIN users ON users.id = questions.author_id WHERE questions.id = ?1"
        ))?
        .query_row([id], question_from_row)
        .optional()?)
}

/// A text's questions, newest first.
pub fn questions_of(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<Question>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {QUESTION_COLUMNS} FROM questions JOIN texts ON texts.id = questions.text_id
         JOIN users ON users.id = questions.author_id WHERE questions.text_id = ?1 ORDER BY questions.id DESC"
    ))?;
    let questions = statement.query_map([text_id], question_from_row)?.collect::<Result<_, _>>()?;
    Ok(questions)
}

/// Whether a member answered a question.
pub fn answered_question(tx: &rusqlite::Connection, question_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM respondents WHERE question_id = ?1 AND user_id = ?2")?
        .query_row(params![question_id, user_id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn record_respondent(tx: &rusqlite::Connection, question_id: i64, user_id: i64) -> StoreResult<()> {
    tx.prepare_cached("INSERT INTO respondents (question_id, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
        .execute(params![question_id, user_id])?;
    Ok(())
}

/// The questions a member answered, by id.
pub fn questions_answered_by(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut statement =
        tx.prepare_cached("SELECT question_id FROM respondents WHERE user_id = ?1 ORDER BY question_id")?;
    let ids = statement.query_map([user_id], |row| row.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

pub fn set_question_tallies(tx: &rusqlite::Connection, question_id: i64, tallies: &[u32]) -> StoreResult<()> {
    let tallies = serde_json::to_string(tallies).map_err(|error| StoreError::Corrupt(error.to_string()))?;
    tx.prepare_cached("UPDATE questions SET tallies = ?2 WHERE id = ?1")?.execute(params![question_id, tallies])?;
    Ok(())
}
