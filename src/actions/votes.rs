//! Use cases of votes, the internal consultation: members vote for, against or abstain on
//! open amendments while the consultation runs, and may change their vote until it ends.
//!
//! A text's votes are secret by default: only tallies are ever shown, and who voted is kept
//! apart from what was voted. The choice is filed in the amendment's ballot box under a
//! ballot number that only the member's ballot key (`auth::BallotKey`, which their own
//! sessions and tokens hold and the database never does) computes, from the amendment and
//! the member; `voters` records that they voted, so that nobody votes twice. On an open
//! text, the choice is kept with the voter and shown with their name.
//!
//! A vote sets a value: sent twice, it sets the same one. No submission is remembered for
//! it (rule 8b's record of submissions would date each voter's act).

use crate::auth::{BallotKey, Permission};
use crate::domain::model::{Amendment, Person, Text};
use crate::domain::{AmendmentState, Secrecy, Tally, Vote};
use crate::store;

use super::{
    Acting, ActionError, ActionResult, Conflict, Done, Freshness, PROPOSING, Site, Viewer, check_seen, require,
    require_phase, visible_text,
};

/// What a voter's vote on an amendment is, as they see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MyVote {
    NotCast,
    Cast(Vote),
    /// Cast in secret under a ballot key this session does not hold (a former password, or
    /// a session opened before ballot keys): it counts, and cannot be read or changed.
    Sealed,
}

/// An amendment's tallies after a vote, and the voter's vote.
#[derive(Clone, Debug)]
pub struct Voted {
    pub tally: Tally,
    pub mine: MyVote,
}

/// The number of a member's ballot on an amendment. The member is part of it, so that a
/// key taken from one member's credential files nothing under another's name.
pub(super) fn ballot_number(key: &BallotKey, amendment_id: i64, member: i64) -> store::BallotNumber {
    key.ballot(&format!("amendment:{amendment_id}:member:{member}"))
}

/// The member's vote on an amendment of `text`, as far as `key` can read it.
fn my_vote(
    tx: &rusqlite::Connection,
    text: &Text,
    id: i64,
    member: i64,
    key: Option<&BallotKey>,
) -> ActionResult<MyVote> {
    let Some(cast) = store::voter(tx, id, member)? else { return Ok(MyVote::NotCast) };
    if let Some(choice) = cast {
        return Ok(MyVote::Cast(choice));
    }
    let filed = match (text.votes, key) {
        (Secrecy::Secret, Some(key)) => {
            let number = ballot_number(key, id, member);
            let ballots = store::ballot_box(tx, id)?;
            ballots.binary_search_by(|(filed, _)| filed.cmp(&number)).ok().map(|at| ballots[at].1)
        }
        _ => None,
    };
    Ok(filed.map_or(MyVote::Sealed, MyVote::Cast))
}

/// A member votes on an open amendment during the consultation (their own included), as the
/// version they saw; voting again changes their vote. `key` is the ballot key of their
/// session or token, which a secret vote needs.
///
/// Errors: 404 for an amendment the viewer cannot read; `PhaseClosed` outside the
/// consultation; `AmendmentState` unless open; `Stale` when it changed since the version
/// seen; `NoBallotKey` and `BallotSealed` for a secret vote this session cannot file.
pub fn vote(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&BallotKey>,
    id: i64,
    choice: Vote,
    acting: &Acting,
) -> ActionResult<Done<Voted>> {
    let member = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        let text = visible_text(tx, viewer, &amendment.text_slug)?;
        require_phase(&text, PROPOSING)?;
        if amendment.state != AmendmentState::Open {
            return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        let before = match (text.votes, my_vote(tx, &text, id, member.id, key)?) {
            (_, MyVote::NotCast) => None,
            (_, MyVote::Cast(before)) => Some(before),
            (Secrecy::Secret, MyVote::Sealed) if key.is_none() => return Err(Conflict::NoBallotKey.into()),
            (_, MyVote::Sealed) => return Err(Conflict::BallotSealed { reference: amendment.reference }.into()),
        };
        let key = match (text.votes, key) {
            (Secrecy::Secret, None) => return Err(Conflict::NoBallotKey.into()),
            (_, key) => key,
        };
        if before == Some(choice) {
            return Ok(Done {
                value: Voted { tally: amendment.tally, mine: MyVote::Cast(choice) },
                freshness: Freshness::AlreadyThere,
            });
        }
        let tally = amendment.tally.changed(before, choice);
        match (text.votes, key) {
            (Secrecy::Secret, Some(key)) => {
                store::record_voter(tx, id, member.id, None)?;
                store::file_ballot(tx, id, &ballot_number(key, id, member.id), choice)?;
            }
            _ => store::record_voter(tx, id, member.id, Some(choice))?,
        }
        store::set_tally(tx, id, tally)?;
        store::touch_amendments(tx, text.id)?;
        Ok(Done::new(Voted { tally, mine: MyVote::Cast(choice) }))
    })
}

/// The votes on an amendment as its page shows them to the viewer: the viewer's own vote,
/// and each voter's name and choice where the text's votes are open.
#[derive(Clone, Debug, Default)]
pub struct VotesView {
    pub mine: Option<MyVote>,
    pub open: Vec<(Person, Vote)>,
}

/// What the viewer may see of the votes on `amendment` (of `text`, which they may read).
pub(super) fn votes_view(
    tx: &rusqlite::Connection,
    viewer: Viewer<'_>,
    key: Option<&BallotKey>,
    text: &Text,
    amendment: &Amendment,
) -> ActionResult<VotesView> {
    let mine = match viewer {
        Some(member) => Some(my_vote(tx, text, amendment.id, member.id, key)?),
        None => None,
    };
    let open = match text.votes {
        Secrecy::Open => store::open_votes(tx, amendment.id)?,
        Secrecy::Secret => Vec::new(),
    };
    Ok(VotesView { mine, open })
}
