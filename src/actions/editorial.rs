//! Editorial amendments (issue 10, part 5): spelling, grammar or formatting, no change of
//! meaning. Their author (while they are open) or a drafter marks them; the review desk
//! lists them apart; a drafter accepts and merges, in one action, all those of a selection
//! that collide with none of the others.

use std::collections::HashSet;

use crate::auth::{Permission, allows};
use crate::domain::limits::MAX_MERGE_AMENDMENTS;
use crate::domain::model::Amendment;
use crate::domain::reconcile::merge_what_fits;
use crate::domain::{AmendmentState, Decision};
use crate::store::{self, now};

use super::merge::{Merged, chosen, edits_of, from_outcome, merge_amendments, merge_outcome, on_head_seen, refusal};
use super::{
    Acting, ActionError, ActionResult, Conflict, DECIDING, Done, Freshness, Invalid, PROPOSING, Site, TextSeen, Viewer,
    answered, check_seen, remember_submission, require, require_phase, visible_text,
};

/// How a marking is recorded as what a submission did.
fn outcome(id: i64) -> String {
    format!("amendment:{id}")
}

/// Marks an amendment editorial or not: its author while it is open, or a drafter while
/// it is open or accepted, acting on the version they saw (rule 8b), in the phases in
/// which each may edit or decide. Marking it as it is changes nothing. Errors: 403 for
/// anyone else, 409 `phase_closed`, 409 `invalid_state` once it is decided
/// otherwise, 409 `stale_version`.
pub fn mark_editorial(
    site: &Site,
    viewer: Viewer<'_>,
    id: i64,
    editorial: bool,
    acting: &Acting,
) -> ActionResult<Done<Amendment>> {
    let member = require(viewer, Permission::Propose)?;
    let drafter = allows(Some(member.role), Permission::Decide);
    let done = site.store.write(|tx| -> ActionResult<Done<Amendment>> {
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        let text = visible_text(tx, viewer, &amendment.text_slug)?;
        if answered(tx, member, acting.once.as_ref())?.is_some() {
            return Ok(Done::repeated(amendment));
        }
        if !drafter && amendment.author.id != member.id {
            return Err(ActionError::Forbidden);
        }
        // As deciding and editing go: a drafter while the text is decided on, its author
        // while amendments are filed.
        require_phase(&text, if drafter { DECIDING } else { PROPOSING })?;
        let may = if drafter { amendment.state.follows_head() } else { amendment.state == AmendmentState::Open };
        if !may {
            return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        if amendment.editorial == editorial {
            return Ok(Done { value: amendment, freshness: Freshness::AlreadyThere });
        }
        let now = now();
        store::set_editorial(tx, id, editorial)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, member, acting.once.as_ref(), &outcome(id), now)?;
        Ok(Done::new(store::amendment(tx, id)?.ok_or(ActionError::NotFound)?))
    })?;
    site.announce(done.value.text_id);
    Ok(done)
}

/// A drafter's bulk merge of editorial amendments.
pub struct EditorialRequest<'a> {
    /// The head the drafter saw.
    pub base: u32,
    /// The editorial amendments shown, each with the version seen when the client says.
    pub amendments: &'a [(i64, Option<i64>)],
    /// The version of the text its `If-Match` names, if it names one.
    pub text_seen: Option<TextSeen>,
}

/// What a bulk merge of editorial amendments did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditorialMerge {
    /// The merge (a repeated submission answers the first one's, without the lists).
    pub merged: Option<Merged>,
    /// References of the amendments merged (the open ones accepted first).
    pub merged_amendments: Vec<String>,
    /// References of those left out because they collide with another of the selection.
    pub colliding: Vec<String>,
    /// References of open ones left out because they lack the co-signers the text asks.
    pub below_quorum: Vec<String>,
}

/// Accepts (when open) and merges, in one transaction, every amendment of the selection
/// that collides with none of the others (rule 9: those on different words of one alinéa
/// merge word by word); those that collide, and open ones below the text's quorum, are
/// left as they are and named. Every amendment must be editorial, of this text, open or
/// accepted on the head, at the version seen. Errors: 422 for an empty, oversized or
/// repeated selection or one that is not editorial; 409 `head_moved`, `invalid_state`,
/// `stale_version`, and `collision` when nothing of the selection fits.
pub fn merge_editorial(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    request: &EditorialRequest<'_>,
    acting: &Acting,
) -> ActionResult<Done<EditorialMerge>> {
    let drafter = require(viewer, Permission::Merge)?;
    if request.amendments.is_empty() {
        return Err(Invalid::NothingToMerge.into());
    }
    if request.amendments.len() > MAX_MERGE_AMENDMENTS {
        return Err(Invalid::TooManyToMerge { max: MAX_MERGE_AMENDMENTS }.into());
    }
    let written = site.store.write(|tx| {
        if let Some(recorded) = answered(tx, drafter, acting.once.as_ref())? {
            let merged = from_outcome(&recorded)
                .ok_or_else(|| ActionError::Internal(format!("submission outcome {recorded:?}")))?;
            return Ok(Err(EditorialMerge { merged: Some(merged), ..EditorialMerge::default() }));
        }
        let text = visible_text(tx, viewer, slug)?;
        require_phase(&text, DECIDING)?;
        on_head_seen(&text, request.text_seen, request.base)?;
        let mut seen = HashSet::new();
        let mut candidates = Vec::with_capacity(request.amendments.len());
        let mut below_quorum = Vec::new();
        let mut short = None;
        for &(id, version_seen) in request.amendments {
            let amendment = chosen(site, tx, &text, &mut seen, (id, version_seen))?;
            if !amendment.editorial {
                return Err(Invalid::NotEditorial(amendment.reference).into());
            }
            if !amendment.state.follows_head() || amendment.anchor.revision != text.head {
                return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
            }
            if amendment.state == AmendmentState::Open
                && let Err(refused) = super::supports::require_quorum(&text, &amendment)
            {
                short.get_or_insert(refused);
                below_quorum.push(amendment.reference);
                continue;
            }
            candidates.push(amendment);
        }
        if candidates.is_empty() {
            // All short of co-signers: why, for the first of them.
            return Err(short.unwrap_or_else(|| Invalid::NothingToMerge.into()));
        }
        let head = site.revision_in_write(tx, text.id, text.head)?;
        let edits = edits_of(&candidates, head.lines.len())?;
        let (_, collisions, left_out) =
            merge_what_fits(&head.lines, &edits).map_err(|error| refusal(error, &candidates))?;
        if left_out.len() == candidates.len() {
            return Err(refusal(crate::domain::merge::MergeError::Collisions(collisions), &candidates));
        }
        let left_out: HashSet<usize> = left_out.into_iter().collect();
        let (mut fitting, mut colliding) = (Vec::new(), Vec::new());
        for (index, amendment) in candidates.into_iter().enumerate() {
            if left_out.contains(&index) { colliding.push(amendment.reference) } else { fitting.push(amendment) }
        }
        let now = now();
        for amendment in &mut fitting {
            if amendment.state == AmendmentState::Open {
                store::set_decision(tx, amendment.id, AmendmentState::Accepted, None, now)?;
                store::insert_event(tx, amendment.id, Decision::Accepted, Some(drafter.id), "", Some(text.head), now)?;
                amendment.state = AmendmentState::Accepted;
            }
        }
        let references: Vec<String> = fitting.iter().map(|amendment| amendment.reference.clone()).collect();
        let (revision, merged) = merge_amendments(site, tx, drafter, &text, &fitting, references.join(", "))?;
        remember_submission(tx, drafter, acting.once.as_ref(), &merge_outcome(&merged), now)?;
        let done = EditorialMerge { merged: Some(merged), merged_amendments: references, colliding, below_quorum };
        Ok::<_, ActionError>(Ok((text.id, revision, done)))
    })?;
    match written {
        Ok((text_id, revision, done)) => {
            site.remember(text_id, revision);
            site.announce(text_id);
            Ok(Done::new(done))
        }
        Err(repeated) => Ok(Done::repeated(repeated)),
    }
}
