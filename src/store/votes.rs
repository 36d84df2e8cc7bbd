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

/// Where secret ballots are kept: an amendment's box (votes) or a question's (answers).
/// Each is one value, its ballots sorted by number: 32 bytes of number and a byte for the
/// choice, so that nothing in the file tells in which order they were cast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BallotBox {
    Amendment(i64),
    Question(i64),
}

impl BallotBox {
    fn read_sql(self) -> &'static str {
        match self {
            BallotBox::Amendment(_) => "SELECT ballots FROM ballot_boxes WHERE amendment_id = ?1",
            BallotBox::Question(_) => "SELECT answers FROM answer_boxes WHERE question_id = ?1",
        }
    }

    fn write_sql(self) -> &'static str {
        match self {
            BallotBox::Amendment(_) => {
                "INSERT INTO ballot_boxes (amendment_id, ballots) VALUES (?1, ?2)
                 ON CONFLICT (amendment_id) DO UPDATE SET ballots = ?2"
            }
            BallotBox::Question(_) => {
                "INSERT INTO answer_boxes (question_id, answers) VALUES (?1, ?2)
                 ON CONFLICT (question_id) DO UPDATE SET answers = ?2"
            }
        }
    }

    fn id(self) -> i64 {
        match self {
            BallotBox::Amendment(id) | BallotBox::Question(id) => id,
        }
    }
}

/// The ballots in a box, by number, each with its choice's byte.
pub fn raw_ballots(tx: &rusqlite::Connection, ballot_box: BallotBox) -> StoreResult<Vec<(BallotNumber, u8)>> {
    let Some(bytes) = tx
        .prepare_cached(ballot_box.read_sql())?
        .query_row([ballot_box.id()], |row| row.get::<_, Vec<u8>>(0))
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let corrupt = || super::StoreError::Corrupt(format!("the ballot box {ballot_box:?}"));
    if !bytes.len().is_multiple_of(BALLOT_BYTES) {
        return Err(corrupt());
    }
    bytes
        .chunks_exact(BALLOT_BYTES)
        .map(|ballot| {
            let number: BallotNumber = ballot[..32].try_into().map_err(|_| corrupt())?;
            Ok((number, ballot[32]))
        })
        .collect()
}

/// Writes a box whole: `ballots` in the order of their numbers.
fn write_box(tx: &rusqlite::Connection, ballot_box: BallotBox, ballots: &[(BallotNumber, u8)]) -> StoreResult<()> {
    let mut bytes = Vec::with_capacity(ballots.len() * BALLOT_BYTES);
    for (number, choice) in ballots {
        bytes.extend_from_slice(number);
        bytes.push(*choice);
    }
    tx.prepare_cached(ballot_box.write_sql())?.execute(params![ballot_box.id(), bytes])?;
    Ok(())
}

/// Files a choice's byte under a ballot number in a box, replacing the one filed under it
/// before; the box is rewritten whole.
pub fn file_raw(
    tx: &rusqlite::Connection,
    ballot_box: BallotBox,
    number: &BallotNumber,
    choice: u8,
) -> StoreResult<()> {
    let mut ballots = raw_ballots(tx, ballot_box)?;
    match ballots.binary_search_by(|(filed, _)| filed.cmp(number)) {
        Ok(at) => ballots[at].1 = choice,
        Err(at) => ballots.insert(at, (*number, choice)),
    }
    write_box(tx, ballot_box, &ballots)
}

/// Moves the ballot filed under `from` to `to` (a member's ballot key changed with their
/// password); false when no ballot has the number `from`.
pub fn move_ballot(
    tx: &rusqlite::Connection,
    ballot_box: BallotBox,
    from: &BallotNumber,
    to: &BallotNumber,
) -> StoreResult<bool> {
    let mut ballots = raw_ballots(tx, ballot_box)?;
    let Ok(at) = ballots.binary_search_by(|(filed, _)| filed.cmp(from)) else { return Ok(false) };
    let (_, choice) = ballots.remove(at);
    match ballots.binary_search_by(|(filed, _)| filed.cmp(to)) {
        Ok(at) => ballots[at].1 = choice,
        Err(at) => ballots.insert(at, (*to, choice)),
    }
    write_box(tx, ballot_box, &ballots)?;
    Ok(true)
}

/// The secret ballots cast on an amendment, by number.
pub fn ballot_box(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<(BallotNumber, Vote)>> {
    let corrupt = || super::StoreError::Corrupt(format!("a vote in the ballot box of amendment {amendment_id}"));
    raw_ballots(tx, BallotBox::Amendment(amendment_id))?
        .into_iter()
        .map(|(number, byte)| Ok((number, byte_vote(byte).ok_or_else(corrupt)?)))
        .collect()
}

/// Files a vote under a ballot number in an amendment's box (replacing the one filed
/// under it before).
pub fn file_ballot(
    tx: &rusqlite::Connection,
    amendment_id: i64,
    number: &BallotNumber,
    choice: Vote,
) -> StoreResult<()> {
    file_raw(tx, BallotBox::Amendment(amendment_id), number, vote_byte(choice))
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
