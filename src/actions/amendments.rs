//! Use cases of amendments: propose, edit or re-anchor, withdraw, decide, read and list.

use std::collections::HashMap;
use std::sync::Arc;

use crate::auth::{Permission, allows};
use crate::domain::limits::check_proposal;
use crate::domain::model::{Amendment, AmendmentEvent, Revision, Text, Timestamp, User};
use crate::domain::rebase::{Rebased, Rebaser};
use crate::domain::reconcile;
use crate::domain::span::{Anchor, Span};
use crate::domain::text::read_the_same;
use crate::domain::text::{Lines, normalise_lines};
use crate::domain::{AmendmentState, Decision, fields};
use crate::store::{self, NewAmendment, ProposalUpdate, now};

use super::pace::Paced;

use super::{
    Acting, ActionError, ActionResult, Conflict, DECIDING, Done, Freshness, Invalid, PROPOSING, Site, Viewer, answered,
    check_seen, paced, remember_submission, require, require_phase, visible_text,
};

/// What an author submits: lines `start..start+count` of revision `base` (1-based) to be
/// replaced by `new_lines`.
pub struct Proposal<'a> {
    pub base: u32,
    pub start: u32,
    pub count: u32,
    pub new_lines: &'a [String],
    pub summary: &'a str,
    pub rationale: &'a str,
    /// Spelling, grammar or formatting only (a new amendment; an edit keeps the flag, which
    /// [`mark_editorial`] changes).
    pub editorial: bool,
}

/// A proposal whose fields passed their checks.
struct CheckedProposal {
    anchor: Anchor,
    new_lines: Lines,
    summary: String,
    rationale: String,
    editorial: bool,
}

fn check_fields(proposal: &Proposal<'_>) -> ActionResult<CheckedProposal> {
    let new_lines = normalise_lines(proposal.new_lines);
    check_proposal(proposal.new_lines, &new_lines)?;
    Ok(CheckedProposal {
        anchor: Anchor { revision: proposal.base, start: proposal.start, count: proposal.count },
        new_lines,
        summary: fields::summary(proposal.summary)?,
        rationale: fields::rationale(proposal.rationale)?,
        editorial: proposal.editorial,
    })
}

/// Checks a proposal against its base revision (rule 3) and carries its anchor to the head
/// when the head moved since: refused if a change in between touched its lines.
fn anchor_on_head(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    proposal: &CheckedProposal,
) -> ActionResult<Anchor> {
    let base = proposal.anchor.revision;
    if base == 0 || base > text.head {
        return Err(Invalid::UnknownRevision(base).into());
    }
    let revision = site.revision_in_write(tx, text.id, base)?;
    let mut span = proposal.anchor.span_in(revision.lines.len())?;
    if read_the_same(&revision.lines[span.start..span.end()], &proposal.new_lines) {
        return Err(Invalid::NoChange.into());
    }
    for step in store::changes_between(tx, text.id, base, text.head)? {
        span = match Rebaser::new(&step.changes).rebase(span) {
            Rebased::Moved(moved) => moved,
            Rebased::Touched => return Err(Conflict::AnchorTouched { base, head: text.head }.into()),
        };
    }
    Ok(Anchor::from_span(text.head, span))
}

/// How an amendment is recorded as what a submission created.
fn outcome(id: i64) -> String {
    format!("amendment:{id}")
}

/// The amendment a remembered submission created or acted on.
fn from_outcome(tx: &rusqlite::Connection, outcome: &str) -> ActionResult<Amendment> {
    let id = outcome.strip_prefix("amendment:").and_then(|id| id.parse().ok());
    let id = id.ok_or_else(|| ActionError::Internal(format!("submission outcome {outcome:?} names no amendment")))?;
    store::amendment(tx, id)?.ok_or(ActionError::NotFound)
}

/// Proposes an amendment. A repeated submission, or the same proposal already open by the
/// same author, creates nothing and answers with the amendment there is.
pub fn propose(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    proposal: &Proposal<'_>,
    acting: &Acting,
) -> ActionResult<Done<Amendment>> {
    let author = require(viewer, Permission::Propose)?;
    let checked = check_fields(proposal)?;
    paced(site, author, Paced::Proposal, || propose_paced(site, viewer, author, slug, &checked, acting))
}

fn propose_paced(
    site: &Site,
    viewer: Viewer<'_>,
    author: &User,
    slug: &str,
    checked: &CheckedProposal,
    acting: &Acting,
) -> ActionResult<Done<Amendment>> {
    let done = site.store.write(|tx| -> ActionResult<Done<Amendment>> {
        if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
            return Ok(Done::repeated(from_outcome(tx, &outcome)?));
        }
        let text = visible_text(tx, viewer, slug)?;
        require_phase(&text, PROPOSING)?;
        let anchor = anchor_on_head(site, tx, &text, checked)?;
        let now = now();
        if let Some(existing) = identical_proposal(tx, &text, author, anchor, checked)? {
            remember_submission(tx, author, acting.once.as_ref(), &outcome(existing.id), now)?;
            return Ok(Done { value: existing, freshness: Freshness::AlreadyThere });
        }
        let limited = site.pace.enabled() && !allows(Some(author.role), Permission::Decide);
        if limited && text.max_open_per_member > 0 {
            let max = text.max_open_per_member;
            if store::open_amendments_by(tx, text.id, author.id)? >= max {
                return Err(Conflict::TooManyOpen { max }.into());
            }
        }
        let number = store::next_amendment_number(tx, text.id)?;
        let id = store::insert_amendment(
            tx,
            &NewAmendment {
                text_id: text.id,
                number,
                author_id: author.id,
                anchor,
                new_lines: &checked.new_lines,
                summary: &checked.summary,
                rationale: &checked.rationale,
                editorial: checked.editorial,
            },
            now,
        )?;
        store::insert_event(tx, id, Decision::Proposed, Some(author.id), "", Some(anchor.revision), now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        super::search::index_amendment(tx, &amendment)?;
        Ok(Done::new(amendment))
    })?;
    site.announce(done.value.text_id);
    Ok(done)
}

/// The open amendment by `author` that proposes exactly this change, if any: answered with
/// itself when its summary and rationale are also the same, refused otherwise (its author
/// edits it rather than filing it twice).
fn identical_proposal(
    tx: &rusqlite::Connection,
    text: &Text,
    author: &User,
    anchor: Anchor,
    proposal: &CheckedProposal,
) -> ActionResult<Option<Amendment>> {
    let Some(id) = store::open_proposal_by(tx, text.id, author.id, anchor, &proposal.new_lines)? else {
        return Ok(None);
    };
    let existing = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
    if existing.summary == proposal.summary && existing.rationale == proposal.rationale {
        Ok(Some(existing))
    } else {
        Err(Conflict::DuplicateProposal { id: existing.id, reference: existing.reference }.into())
    }
}

/// The amendment with this id, if the viewer may read its text.
fn visible_amendment(tx: &rusqlite::Connection, viewer: Viewer<'_>, id: i64) -> ActionResult<(Text, Amendment)> {
    let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
    let text = visible_text(tx, viewer, &amendment.text_slug)?;
    Ok((text, amendment))
}

/// Its author edits an open amendment or re-anchors an outdated one onto the head, as the
/// version they saw.
pub fn edit_amendment(
    site: &Site,
    viewer: Viewer<'_>,
    id: i64,
    proposal: &Proposal<'_>,
    acting: &Acting,
) -> ActionResult<Done<Amendment>> {
    let author = require(viewer, Permission::Propose)?;
    let checked = check_fields(proposal)?;
    site.store.write(|tx| {
        if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
            return Ok(Done::repeated(from_outcome(tx, &outcome)?));
        }
        let (text, amendment) = visible_amendment(tx, viewer, id)?;
        if amendment.author.id != author.id {
            return Err(ActionError::Forbidden);
        }
        require_phase(&text, PROPOSING)?;
        if !amendment.state.editable_by_author() {
            return Err(state_conflict(&amendment));
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        let anchor = anchor_on_head(site, tx, &text, &checked)?;
        // An edit that changes nothing makes no new version: the views others have open
        // stay current (rule 8b).
        let unchanged = amendment.state == AmendmentState::Open
            && anchor == amendment.anchor
            && read_the_same(&checked.new_lines, &amendment.new_lines)
            && checked.summary == amendment.summary
            && checked.rationale == amendment.rationale;
        if unchanged {
            return Ok(Done::repeated(amendment));
        }
        let now = now();
        let reworded = amendment.state == AmendmentState::Outdated
            || !read_the_same(&checked.new_lines, &amendment.new_lines)
            || (anchor.start, anchor.count) != (amendment.anchor.start, amendment.anchor.count);
        let update = ProposalUpdate {
            reworded,
            anchor,
            new_lines: &checked.new_lines,
            summary: &checked.summary,
            rationale: &checked.rationale,
        };
        store::update_proposal(tx, id, &update, now)?;
        let kind = if amendment.state == AmendmentState::Outdated { Decision::Reanchored } else { Decision::Edited };
        store::insert_event(tx, id, kind, Some(author.id), "", Some(anchor.revision), now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        super::search::index_amendment(tx, &amendment)?;
        Ok(Done::new(amendment))
    })
}

/// Its author withdraws an amendment that is not yet decided for good, as the version they saw.
pub fn withdraw(site: &Site, viewer: Viewer<'_>, id: i64, acting: &Acting) -> ActionResult<Done<Amendment>> {
    let author = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
            return Ok(Done::repeated(from_outcome(tx, &outcome)?));
        }
        let (text, amendment) = visible_amendment(tx, viewer, id)?;
        if amendment.author.id != author.id {
            return Err(ActionError::Forbidden);
        }
        require_phase(&text, super::EDITING)?;
        if !amendment.state.withdrawable() {
            return Err(state_conflict(&amendment));
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        let now = now();
        store::set_state(tx, id, AmendmentState::Withdrawn, now)?;
        store::insert_event(tx, id, Decision::Withdrawn, Some(author.id), "", Some(text.head), now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
        Ok(Done::new(store::amendment(tx, id)?.ok_or(ActionError::NotFound)?))
    })
}

/// A drafter's decision on an amendment.
pub enum Verdict<'a> {
    /// Accept, as proposed or with the drafter's own lines ("accepted as modified").
    Accept {
        modified_lines: Option<&'a [String]>,
    },
    /// Accept only some of its changes, by their indices among its word-level changes
    /// ([`crate::domain::reconcile::hunks`]): accepted as modified, its author keeping the
    /// credit for what is merged.
    AcceptPart {
        hunks: &'a [usize],
    },
    Reject,
}

/// A drafter decides on an amendment as the version they saw (rule 8b): refused when it
/// changed since, with both versions.
pub fn decide(
    site: &Site,
    viewer: Viewer<'_>,
    id: i64,
    verdict: &Verdict<'_>,
    note: &str,
    acting: &Acting,
) -> ActionResult<Done<Amendment>> {
    let drafter = require(viewer, Permission::Decide)?;
    let note = fields::note(note)?;
    let modified = match verdict {
        Verdict::Accept { modified_lines: Some(lines) } => {
            let normalised = normalise_lines(lines);
            check_proposal(lines, &normalised)?;
            Some(normalised)
        }
        _ => None,
    };
    let done = site.store.write(|tx| {
        if let Some(outcome) = answered(tx, drafter, acting.once.as_ref())? {
            return Ok(Done::repeated(from_outcome(tx, &outcome)?));
        }
        let (text, amendment) = visible_amendment(tx, viewer, id)?;
        require_phase(&text, DECIDING)?;
        if !amendment.state.decidable() {
            return Err(state_conflict(&amendment));
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        if amendment.anchor.revision != text.head {
            return Err(
                Conflict::NotOnHead { reference: amendment.reference, revision: amendment.anchor.revision }.into()
            );
        }
        let in_part = match verdict {
            Verdict::AcceptPart { hunks } => {
                let head = site.revision_in_write(tx, text.id, text.head)?;
                let span = amendment.anchor.span_in(head.lines.len())?;
                let anchored = &head.lines[span.start..span.end()];
                let lines = reconcile::adopt_part(anchored, &amendment.new_lines, hunks).map_err(|index| {
                    Invalid::UnknownHunk { index, count: reconcile::hunks(anchored, &amendment.new_lines).len() }
                })?;
                // Part of one side and part of the other may outgrow both: checked as any
                // wording a drafter accepts.
                let normalised = normalise_lines(&lines);
                check_proposal(&lines, &normalised)?;
                Some(normalised)
            }
            _ => None,
        };
        // Lines accepted as modified that equal the proposal are a plain acceptance.
        let modified = modified.or(in_part).filter(|lines| !read_the_same(lines, &amendment.new_lines));
        let accepting = !matches!(verdict, Verdict::Reject);
        if accepting {
            super::supports::require_quorum(&text, &amendment)?;
        }
        let (state, kind) = match (accepting, &modified) {
            (false, _) => (AmendmentState::Rejected, Decision::Rejected),
            (true, None) => (AmendmentState::Accepted, Decision::Accepted),
            (true, Some(lines)) => {
                let head = site.revision_in_write(tx, text.id, text.head)?;
                let span = amendment.anchor.span_in(head.lines.len())?;
                if read_the_same(&head.lines[span.start..span.end()], lines) {
                    return Err(Invalid::NoChange.into());
                }
                (AmendmentState::Accepted, Decision::AcceptedModified)
            }
        };
        let now = now();
        store::set_decision(tx, id, state, modified.as_deref(), now)?;
        store::insert_event(tx, id, kind, Some(drafter.id), &note, Some(text.head), now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, drafter, acting.once.as_ref(), &outcome(id), now)?;
        let decided = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        if modified.is_some() || amendment.decided_lines.is_some() {
            // The wording accepted instead is found too, and no longer once dropped.
            super::search::index_amendment(tx, &decided)?;
        }
        Ok(Done::new(decided))
    })?;
    site.announce(done.value.text_id);
    Ok(done)
}

fn state_conflict(amendment: &Amendment) -> ActionError {
    Conflict::AmendmentState { reference: amendment.reference.clone(), state: amendment.state }.into()
}

/// An amendment with what its page shows.
pub struct AmendmentDetail {
    pub text: Text,
    pub amendment: Amendment,
    /// The lines its anchor covers in its revision.
    pub anchored_lines: Lines,
    /// The printed lines its anchor covers in its revision (rule 10).
    pub printed: std::ops::RangeInclusive<u32>,
    /// Everything that changed it, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Its co-signatures, oldest first.
    pub supports: Vec<store::Support>,
    /// The viewer's own co-signature, when given to an earlier wording: the proposal as it
    /// was then, to show them what changed before they confirm it.
    pub signed_earlier: Option<crate::domain::model::AmendmentSnapshot>,
    /// The viewer's vote, and everyone's where the text's votes are open.
    pub votes: super::votes::VotesView,
    /// The comments on it, oldest first.
    pub comments: Vec<crate::domain::model::Comment>,
    /// What became of it.
    pub fate: crate::domain::fate::Fate,
    /// The open and accepted amendments on the head that change the same words (rule 9):
    /// adopting one makes the others impossible as written. The most far-reaching first,
    /// this one among them, as the order a drafter would decide them in; empty when it has
    /// none, or when it no longer follows the head.
    pub competing: Arc<Vec<Competitor>>,
}

/// An amendment among those competing for the same words, and how far it reaches
/// ([`crate::domain::reconcile::reach`]).
pub struct Competitor {
    pub amendment: Amendment,
    pub reach: usize,
}

/// One entry of an amendment's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    /// Something someone (or Redraft, outdating it) did.
    Event(AmendmentEvent),
    /// A rebase carried it to a new head (made at `at`) where its lines have other numbers.
    Carried { anchor: Anchor, at: Timestamp },
}

/// An amendment as its page shows it to the viewer, whose `key` (their ballot key) reads
/// their own secret vote.
pub fn amendment_detail(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&crate::auth::BallotKey>,
    id: i64,
) -> ActionResult<AmendmentDetail> {
    detail(site, viewer, key, id, false)
}

/// [`amendment_detail`] with the amendments competing for its words, as its page and its
/// API answer show them (the other readers of a detail do without: it costs a reconcile
/// per neighbour).
pub fn amendment_detail_with_competing(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&crate::auth::BallotKey>,
    id: i64,
) -> ActionResult<AmendmentDetail> {
    detail(site, viewer, key, id, true)
}

fn detail(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&crate::auth::BallotKey>,
    id: i64,
    with_competing: bool,
) -> ActionResult<AmendmentDetail> {
    site.store.read(|tx| {
        let (text, amendment) = visible_amendment(tx, viewer, id)?;
        let revision = super::texts::committed_revision(site, tx, &text, amendment.anchor.revision)?;
        let anchored_lines = anchored(&revision, amendment.anchor);
        let printed = revision.layout().lines_of(amendment.anchor);
        let history = history(tx, &text, &amendment, store::events_of(tx, id)?)?;
        let supports = store::supports(tx, id)?;
        let own = viewer.and_then(|user| supports.iter().find(|support| support.supporter.id == user.id));
        let signed_earlier = match own {
            Some(support) if support.wording != amendment.wording => store::snapshot_at(tx, id, support.version)?,
            _ => None,
        };
        let votes = super::votes::votes_view(tx, viewer, key, &text, &amendment)?;
        let comments = store::comments_of_text(tx, text.id, store::CommentsOn::Amendment(id))?;
        let fate = super::fates::fate_of(site, tx, &text, &amendment)?;
        let competing =
            if with_competing { site.competitors(tx, &text, &revision, &amendment)? } else { Arc::default() };
        Ok(AmendmentDetail {
            text,
            amendment,
            anchored_lines,
            printed,
            history,
            supports,
            signed_earlier,
            votes,
            comments,
            fate,
            competing,
        })
    })
}

/// Most amendments shown competing with one.
const MAX_COMPETITORS: usize = 50;

/// The amendments on the head whose words overlap `amendment`'s (up to
/// [`MAX_COMPETITORS`]), with it, the most far-reaching first (ties by reference number).
pub(super) fn competing(
    tx: &rusqlite::Connection,
    text: &Text,
    head: &crate::domain::model::Revision,
    amendment: &Amendment,
) -> ActionResult<Vec<Competitor>> {
    let on_head = amendment.state.follows_head() && amendment.anchor.revision == text.head;
    let Ok(span) = amendment.anchor.span_in(head.lines.len()) else { return Ok(Vec::new()) };
    if !on_head {
        return Ok(Vec::new());
    }
    let lines = (span.start as u32 + 1, span.end() as u32);
    let mut competitors = Vec::new();
    for (id, anchor) in store::following_anchors_near(tx, text.id, text.head, lines)? {
        if competitors.len() == MAX_COMPETITORS {
            break;
        }
        let Ok(other_span) = anchor.span_in(head.lines.len()) else { continue };
        if id == amendment.id || !other_span.collides(span) {
            continue;
        }
        let Some(other) = store::amendment(tx, id)? else { continue };
        if reconcile::compete(&head.lines, (span, amendment.lines_to_merge()), (other_span, other.lines_to_merge())) {
            competitors.push(other);
        }
    }
    if competitors.is_empty() {
        return Ok(Vec::new());
    }
    competitors.push(amendment.clone());
    let mut ranked: Vec<Competitor> = competitors
        .into_iter()
        .map(|amendment| {
            let anchored = amendment
                .anchor
                .span_in(head.lines.len())
                .map(|span| &head.lines[span.start..span.end()])
                .unwrap_or_default();
            let reach = crate::domain::alternatives::decision_reach(anchored, amendment.lines_to_merge());
            Competitor { amendment, reach }
        })
        .collect();
    ranked.sort_by_key(|competitor| (std::cmp::Reverse(competitor.reach), competitor.amendment.number));
    Ok(ranked)
}

/// The events of an amendment with, between them, the moves rebases made while it followed
/// the head. Moves are not stored: each revision keeps the changes that made it, and
/// carrying the anchor an event left across them gives exactly where the amendment went,
/// as the rebase itself did (rule 5).
fn history(
    tx: &rusqlite::Connection,
    text: &Text,
    amendment: &Amendment,
    events: Vec<AmendmentEvent>,
) -> ActionResult<Vec<HistoryEntry>> {
    let mut entries = Vec::with_capacity(events.len());
    // Where the amendment sits after the last event, while it follows the head.
    let mut following: Option<Anchor> = None;
    for event in events {
        if let (Some(at), Some(snapshot)) = (following, &event.snapshot) {
            carry(tx, text, at, snapshot.anchor.revision, &mut entries)?;
        }
        following = event.snapshot.as_ref().filter(|snapshot| snapshot.state.follows_head()).map(|s| s.anchor);
        entries.push(HistoryEntry::Event(event));
    }
    if let Some(at) = following
        && amendment.state.follows_head()
    {
        carry(tx, text, at, text.head, &mut entries)?;
    }
    Ok(entries)
}

/// Carries an anchor from its revision to `until` over each revision's changes, noting
/// every revision where its line numbers changed; stops where a change touched it (an
/// "outdated" event follows).
fn carry(
    tx: &rusqlite::Connection,
    text: &Text,
    from: Anchor,
    until: u32,
    entries: &mut Vec<HistoryEntry>,
) -> ActionResult<()> {
    let Ok(mut span) = from.span_in(usize::MAX) else { return Ok(()) };
    for step in store::changes_between(tx, text.id, from.revision, until)? {
        match Rebaser::new(&step.changes).rebase(span) {
            Rebased::Moved(moved) => {
                if moved != span {
                    let anchor = Anchor::from_span(step.number, moved);
                    entries.push(HistoryEntry::Carried { anchor, at: step.created_at });
                }
                span = moved;
            }
            Rebased::Touched => break,
        }
    }
    Ok(())
}

/// The lines an anchor covers in its revision (none if it does not fit, which the checks
/// on the way in prevent).
pub(super) fn anchored(revision: &Revision, anchor: Anchor) -> Lines {
    anchor
        .span_in(revision.lines.len())
        .map(|span: Span| revision.lines[span.start..span.end()].to_vec())
        .unwrap_or_default()
}

/// An amendment with the lines it replaces, as lists and the review desk show it (the
/// desk leaves them out where its caller said it does not need them).
pub struct AmendmentItem {
    /// Shared with the cache of the text's amendments.
    pub amendment: Arc<Amendment>,
    pub anchored_lines: Lines,
    /// The printed lines its anchor covers in its revision (rule 10): "l. 171–174".
    pub printed: std::ops::RangeInclusive<u32>,
}

/// The last decision on an amendment: what, by whom, when, with what note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionRecord {
    pub kind: Decision,
    pub by: String,
    pub at: crate::domain::model::Timestamp,
    pub note: String,
}

/// A text's amendments as the CSV export lists them: each with the lines it replaces and
/// its last decision.
pub fn amendments_for_export(
    snapshot: &super::texts::TextSnapshot<'_>,
) -> ActionResult<(Vec<AmendmentItem>, Vec<Option<DecisionRecord>>)> {
    let items = snapshot.amendment_items()?;
    let mut decided: HashMap<i64, DecisionRecord> = store::last_decisions(snapshot.tx, snapshot.text.id)?
        .into_iter()
        .map(|last| (last.amendment_id, DecisionRecord { kind: last.kind, by: last.by, at: last.at, note: last.note }))
        .collect();
    let decisions = items.iter().map(|item| decided.remove(&item.amendment.id)).collect();
    Ok((items, decisions))
}

/// Every amendment of a text in line order (outdated ones, anchored on older revisions,
/// last), each with the lines it replaces.
pub(super) fn amendment_items(site: &Site, tx: &rusqlite::Connection, text: &Text) -> ActionResult<Vec<AmendmentItem>> {
    let amendments = site.amendments(tx, text)?;
    // Each revision is fetched once, however many amendments sit on it.
    let mut revisions: HashMap<u32, Arc<Revision>> = HashMap::new();
    let mut items = Vec::with_capacity(amendments.len());
    for amendment in amendments.iter().cloned() {
        let number = amendment.anchor.revision;
        let revision = match revisions.get(&number) {
            Some(revision) => Arc::clone(revision),
            None => {
                let revision = super::texts::committed_revision(site, tx, text, number)?;
                revisions.insert(number, Arc::clone(&revision));
                revision
            }
        };
        let anchored_lines = anchored(&revision, amendment.anchor);
        let printed = revision.layout().lines_of(amendment.anchor);
        items.push(AmendmentItem { amendment, anchored_lines, printed });
    }
    Ok(items)
}
