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

/// A ballot's number: a keyed hash only its voter can compute (`auth::BallotKey`).
pub type BallotNumber = [u8; 32];

const BALLOT_BYTES: usize = 33;

fn vote_byte(vote: Vote) -> u8 {
    match vote {
        Vote::For => 0,
        Vote::Against => 1,
        Vote::Abstain => 2,
    }
}

fn byte_vote(byte: u8) -> Option<Vote> {
    match byte {
        0 => Some(Vote::For),
        1 => Some(Vote::Against),
        2 => Some(Vote::Abstain),
        _ => None,
    }
}

/// The secret ballots cast on an amendment, by number.
pub fn ballot_box(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<(BallotNumber, Vote)>> {
    let Some(bytes) = tx
        .prepare_cached("SELECT ballots FROM ballot_boxes WHERE amendment_id = ?1")?
        .query_row([amendment_id], |row| row.get::<_, Vec<u8>>(0))
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let corrupt = || super::StoreError::Corrupt(format!("the ballot box of amendment {amendment_id}"));
    if !bytes.len().is_multiple_of(BALLOT_BYTES) {
        return Err(corrupt());
    }
    bytes
        .chunks_exact(BALLOT_BYTES)
        .map(|ballot| {
            let number: BallotNumber = ballot[..32].try_into().map_err(|_| corrupt())?;
            Ok((number, byte_vote(ballot[32]).ok_or_else(corrupt)?))
        })
        .collect()
}

/// Files a choice under a ballot number in an amendment's box (replacing the one filed
/// under it before); the box is written whole, its ballots in the order of their numbers,
/// so that nothing in the file tells in which order they were cast.
pub fn file_ballot(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    number: &BallotNumber,
    choice: Vote,
) -> StoreResult<()> {
    let mut ballots = ballot_box(tx, amendment_id)?;
    match ballots.binary_search_by(|(filed, _)| filed.cmp(number)) {
        Ok(at) => ballots[at].1 = choice,
        Err(at) => ballots.insert(at, (*number, choice)),
    }
    write_box(tx, amendment_id, &ballots)
}

/// Writes an amendment's box whole: `ballots` in the order of their numbers.
fn write_box(tx: &rusqlite::Connection, amendment_id: i64, ballots: &[(BallotNumber, Vote)]) -> StoreResult<()> {
    let mut bytes = Vec::with_capacity(ballots.len() * BALLOT_BYTES);
    for (number, vote) in ballots {
        bytes.extend_from_slice(number);
        bytes.push(vote_byte(*vote));
    }
    tx.prepare_cached(
        "INSERT INTO ballot_boxes (amendment_id, ballots) VALUES (?1, ?2)
         ON CONFLICT (amendment_id) DO UPDATE SET ballots = ?2",
    )?
    .execute(params![amendment_id, bytes])?;
    Ok(())
}

/// Writes an amendment's tallies.
pub fn set_tally(tx: &rusqlite::Connection, amendment_id: i64, tally: Tally) -> StoreResult<()> {
    tx.prepare_cached("UPDATE amendments SET votes_for = ?2, votes_against = ?3, votes_abstain = ?4 WHERE id = ?1")?
        .execute(params![amendment_id, tally.for_, tally.against, tally.abstain])?;
    Ok(())
}

/// The tallies counted again from the votes themselves (the open choices and the secret
/// ballots), to check the ones kept with the amendment.
pub fn counted_tally(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Tally> {
    let mut statement =
        tx.prepare_cached("SELECT choice FROM voters WHERE amendment_id = ?1 AND choice IS NOT NULL")?;
    let open = statement.query_map([amendment_id], |row| parse_name(row.get(0)?, Vote::parse, "vote"))?;
    let mut tally = Tally::default();
    for vote in open {
        tally = tally.changed(None, vote?);
    }
    for (_, vote) in ballot_box(tx, amendment_id)? {
        tally = tally.changed(None, vote);
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

/// Moves the ballot filed under `from` to `to` in an amendment's box (a member's ballot key
/// changed with their password); false when no ballot has the number `from`.
pub fn move_ballot(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    from: &BallotNumber,
    to: &BallotNumber,
) -> StoreResult<bool> {
    let ballots = ballot_box(tx, amendment_id)?;
    let Ok(at) = ballots.binary_search_by(|(filed, _)| filed.cmp(from)) else { return Ok(false) };
    let choice = ballots[at].1;
    let mut rest = ballots;
    rest.remove(at);
    write_box(tx, amendment_id, &rest)?;
    file_ballot(tx, amendment_id, to, choice)?;
    Ok(true)
}
