//! Votes on amendments: who voted (`voters`), what was voted (the choice on an open text,
//! the ballot on a secret one) and the tallies kept with each amendment.

use rusqlite::{OptionalExtension, params};

use crate::domain::model::Person;
use crate::domain::{Tally, Vote};

use super::{StoreResult, parse_name};

/// Whether a member voted on an amendment, and their choice where the text's votes are
/// open (`Some(None)`: they voted in secret).
pub fn voter(tx: &rusqlite::Connection, amendment_id: i64, user_id: i64) -> StoreResult<Option<Option<Vote>>> {
    Ok(tx
        .prepare_cached("SELECT choice FROM voters WHERE amendment_id = ?1 AND user_id = ?2")?
        .query_row(params![amendment_id, user_id], |row| {
            row.get::<_, Option<String>>(0)?.map(|name| parse_name(name, Vote::parse, "vote")).transpose()
        })
        .optional()?)
}

/// Records that a member voted, with their choice on an open text (`None` on a secret one).
pub fn record_voter(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    user_id: i64,
    open_choice: Option<Vote>,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO voters (amendment_id, user_id, choice) VALUES (?1, ?2, ?3)
         ON CONFLICT (amendment_id, user_id) DO UPDATE SET choice = ?3",
    )?
    .execute(params![amendment_id, user_id, open_choice.map(Vote::as_str)])?;
    Ok(())
}

/// The choice filed under a ballot number, if there is one.
pub fn ballot(tx: &rusqlite::Connection, ballot: &[u8]) -> StoreResult<Option<Vote>> {
    Ok(tx
        .prepare_cached("SELECT choice FROM ballots WHERE ballot = ?1")?
        .query_row([ballot], |row| parse_name(row.get(0)?, Vote::parse, "vote"))
        .optional()?)
}

/// Files (or changes) the choice under a ballot number.
pub fn file_ballot(tx: &rusqlite::Connection, ballot: &[u8], amendment_id: i64, choice: Vote) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO ballots (ballot, amendment_id, choice) VALUES (?1, ?2, ?3)
         ON CONFLICT (ballot) DO UPDATE SET choice = ?3",
    )?
    .execute(params![ballot, amendment_id, choice.as_str()])?;
    Ok(())
}

/// Writes an amendment's tallies.
pub fn set_tally(tx: &rusqlite::Connection, amendment_id: i64, tally: Tally) -> StoreResult<()> {
    tx.prepare_cached("UPDATE amendments SET votes_for = ?2, votes_against = ?3, votes_abstain = ?4 WHERE id = ?1")?
        .execute(params![amendment_id, tally.for_, tally.against, tally.abstain])?;
    Ok(())
}

/// The tallies counted again from the votes themselves (the open choices and the ballots).
pub fn counted_tally(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Tally> {
    let mut statement = tx.prepare_cached(
        "SELECT choice, count(*) FROM (
             SELECT choice FROM voters WHERE amendment_id = ?1 AND choice IS NOT NULL
             UNION ALL SELECT choice FROM ballots WHERE amendment_id = ?1)
         GROUP BY choice",
    )?;
    let mut tally = Tally::default();
    let rows = statement
        .query_map([amendment_id], |row| Ok((parse_name(row.get(0)?, Vote::parse, "vote")?, row.get::<_, u32>(1)?)))?;
    for row in rows {
        let (vote, count) = row?;
        match vote {
            Vote::For => tally.for_ = count,
            Vote::Against => tally.against = count,
            Vote::Abstain => tally.abstain = count,
        }
    }
    Ok(tally)
}

/// The open votes on an amendment: each voter and their choice, by name.
pub fn open_votes(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<(Person, Vote)>> {
    let mut statement = tx.prepare_cached(
        "SELECT u.id, u.login, u.name, v.choice FROM voters v JOIN users u ON u.id = v.user_id
         WHERE v.amendment_id = ?1 AND v.choice IS NOT NULL ORDER BY u.name COLLATE NOCASE, u.id",
    )?;
    let rows = statement.query_map([amendment_id], |row| {
        let person = Person { id: row.get(0)?, login: row.get(1)?, name: row.get(2)? };
        Ok((person, parse_name(row.get(3)?, Vote::parse, "vote")?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether anyone voted on an amendment of the text.
pub fn text_has_votes(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM voters v JOIN amendments a ON a.id = v.amendment_id WHERE a.text_id = ?1)",
        )?
        .query_row([text_id], |row| row.get(0))?)
}
