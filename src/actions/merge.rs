//! The merge (DESIGN rules 6 and 9): accepted amendments applied to the head in one
//! transaction, those on the same lines reconciled word by word, making a new revision and
//! rebasing every other amendment over exactly what was merged.

use std::collections::HashSet;
use std::sync::Arc;

use crate::auth::Permission;
use crate::domain::limits::{MAX_MERGE_AMENDMENTS, check_revision};
use crate::domain::merge::{Edit, MergeError};
use crate::domain::model::{Amendment, Revision, RevisionKind, Text, User};
use crate::domain::provenance::{self, MergedAmendment, MergedPassage};
use crate::domain::reconcile::{merge_lines, merge_what_fits};
use crate::domain::{AmendmentState, Decision, fields};
use crate::store::{self, now};

use super::texts::committed_revision;
use super::{
    Acting, ActionError, ActionResult, CollidingAmendment, CollisionReport, Conflict, DECIDING, Done, Invalid,
    RebaseOutcome, RevisionDraft, Seen, Site, Stale, TextSeen, Viewer, answered, check_seen, rebase_following,
    remember_submission, require, require_phase, visible_text, write_revision,
};

pub struct MergeRequest<'a> {
    /// The head the drafter saw: the merge happens only if it still is.
    pub base: u32,
    /// Amendment ids, in the order insertions at the same point are applied, each with the
    /// version the drafter saw when the client says (rule 8b: a merge selection acts on
    /// the wording its author saw).
    pub amendments: &'a [(i64, Option<i64>)],
    /// The version of the text its `If-Match` names, if it names one.
    pub text_seen: Option<TextSeen>,
    pub summary: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    pub head: u32,
    pub rebase: RebaseOutcome,
}

/// How a merge is recorded as what a submission created.
pub(super) fn merge_outcome(merged: &Merged) -> String {
    format!("merge:{}:{}:{}", merged.head, merged.rebase.moved, merged.rebase.outdated)
}

pub(super) fn from_outcome(outcome: &str) -> Option<Merged> {
    let mut numbers = outcome.strip_prefix("merge:")?.split(':').map(str::parse::<usize>);
    let (head, moved, outdated) = (numbers.next()?.ok()?, numbers.next()?.ok()?, numbers.next()?.ok()?);
    Some(Merged { head: u32::try_from(head).ok()?, rebase: RebaseOutcome { moved, outdated } })
}

pub fn merge(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    request: &MergeRequest<'_>,
    acting: &Acting,
) -> ActionResult<Done<Merged>> {
    let drafter = require(viewer, Permission::Merge)?;
    let summary = fields::summary(request.summary)?;
    if request.amendments.is_empty() {
        return Err(Invalid::NothingToMerge.into());
    }
    if request.amendments.len() > MAX_MERGE_AMENDMENTS {
        return Err(Invalid::TooManyToMerge { max: MAX_MERGE_AMENDMENTS }.into());
    }
    let outcome = site.store.write(|tx| {
        if let Some(recorded) = answered(tx, drafter, acting.once.as_ref())? {
            let merged = from_outcome(&recorded)
                .ok_or_else(|| ActionError::Internal(format!("submission outcome {recorded:?}")))?;
            return Ok(Err(merged));
        }
        let text = visible_text(tx, viewer, slug)?;
        require_phase(&text, DECIDING)?;
        on_head_seen(&text, request.text_seen, request.base)?;
        let mut seen = HashSet::new();
        let mut amendments: Vec<Amendment> = Vec::with_capacity(request.amendments.len());
        for &(id, version_seen) in request.amendments {
            let amendment = chosen(site, tx, &text, &mut seen, (id, version_seen))?;
            if amendment.state != AmendmentState::Accepted || amendment.anchor.revision != text.head {
                return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
            }
            amendments.push(amendment);
        }

        let summary = if summary.is_empty() {
            amendments.iter().map(|a| a.reference.as_str()).collect::<Vec<_>>().join(", ")
        } else {
            summary
        };
        let (revision, done) = merge_amendments(site, tx, drafter, &text, &amendments, summary)?;
        let now = now();
        remember_submission(tx, drafter, acting.once.as_ref(), &merge_outcome(&done), now)?;
        Ok::<_, ActionError>(Ok((text.id, revision, done)))
    })?;
    match outcome {
        Ok((text_id, revision, merged)) => {
            site.remember(text_id, revision);
            site.announce(text_id);
            Ok(Done::new(merged))
        }
        Err(merged) => Ok(Done::repeated(merged)),
    }
}

/// Merges `amendments` (accepted, on the head of `text`, in the order insertions at one
/// point go) into a new revision, inside the caller's transaction: those sharing lines
/// reconciled word by word, the others rebased over exactly what was merged, the head
/// moved. Refused with the colliding pairs named, or when the result is out of bounds.
/// The revision written (for [`Site::remember`] once committed) and what the merge did.
pub(super) fn merge_amendments(
    site: &Site,
    tx: &rusqlite::Connection,
    drafter: &User,
    text: &Text,
    amendments: &[Amendment],
    summary: String,
) -> ActionResult<(Revision, Merged)> {
    let head = site.revision_in_write(tx, text.id, text.head)?;
    let edits = edits_of(amendments, head.lines.len())?;
    let line_merge = merge_lines(&head.lines, &edits).map_err(|error| refusal(error, amendments))?;
    // Each amendment is within its bounds, but together they may outgrow a revision's.
    check_revision(&line_merge.merged.items)?;
    if line_merge.merged.items.is_empty() {
        return Err(Invalid::MergeEmptiesText.into());
    }

    let number = text.head + 1;
    let origins = origins_after(&head, amendments, &edits, &line_merge, number)?;
    let merged = line_merge.merged;
    let now = now();
    for amendment in amendments {
        store::set_merged(tx, amendment.id, number, now)?;
        store::insert_event(tx, amendment.id, Decision::Merged, Some(drafter.id), "", Some(number), now)?;
    }
    // The merged amendments are no longer open or accepted, so the rebase leaves them be;
    // the others move over exactly the merged changes, never a re-derived diff.
    let outdated =
        rebase_following(tx, text.id, (text.head, number), (&head.lines, &merged.items), &merged.changes, now)?;
    let rebase = RebaseOutcome { moved: store::count_following(tx, text.id)?, outdated };
    let draft = RevisionDraft {
        number,
        kind: RevisionKind::Merged,
        lines: merged.items,
        provenance: origins,
        changes: merged.changes,
        summary,
        title: head.info.title.clone(),
    };
    let revision = write_revision(tx, text.id, drafter, Some(&head), draft, now)?;
    store::touch_amendments(tx, text.id)?;
    store::set_head(tx, text.id, number, &head.info.title, now)?;
    let done = Merged { head: number, rebase };
    Ok((revision, done))
}

/// Checks that a merge acts on the text as its drafter saw it: the head and phase its
/// `If-Match` names, if any (409 `stale_version`), and the head it was prepared on (409
/// `head_moved`).
pub(super) fn on_head_seen(text: &Text, text_seen: Option<TextSeen>, base: u32) -> ActionResult<()> {
    match text_seen {
        // The text's `If-Match`: the head and phase it names are the text's now.
        Some(TextSeen::Version { head, phase, .. }) if head == text.head && phase == text.phase => {}
        Some(_) => {
            let stale = Stale::Text { slug: text.slug.clone(), head: text.head, phase: text.phase };
            return Err(Conflict::Stale(Box::new(stale)).into());
        }
        None => {}
    }
    if base != text.head {
        return Err(Conflict::HeadMoved { head: text.head }.into());
    }
    Ok(())
}

/// One amendment of a merge selection, as its drafter saw it: of this text (422
/// `foreign_amendment`), not chosen twice (422 `duplicate_amendment`, `seen` holding the
/// ids before it), at the version seen if one is given (409 `stale_version`).
pub(super) fn chosen(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    seen: &mut HashSet<i64>,
    (id, version_seen): (i64, Option<i64>),
) -> ActionResult<Amendment> {
    let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
    if amendment.text_id != text.id {
        return Err(Invalid::ForeignAmendment(id).into());
    }
    if !seen.insert(id) {
        return Err(Invalid::DuplicateAmendment(amendment.reference).into());
    }
    check_seen(site, tx, text, &amendment, version_seen.map(Seen::one).as_ref())?;
    Ok(amendment)
}

/// Where each line of revision `number`, made by merging `amendments` (their `edits`, as
/// `line_merge` merged them) into `head`, comes from (rule 8): a line an amendment wrote
/// points to it, even in a passage reconciled word by word; the others keep their origin.
pub(super) fn origins_after(
    head: &Revision,
    amendments: &[Amendment],
    edits: &[Edit<'_, String>],
    line_merge: &crate::domain::reconcile::LineMerge,
    number: u32,
) -> ActionResult<Vec<crate::domain::provenance::Origin>> {
    let merged = &line_merge.merged;
    let mut reconciled = vec![false; amendments.len()];
    let mut passages = Vec::with_capacity(line_merge.groups.len());
    for group in &line_merge.groups {
        let change = group.members.first().and_then(|&member| merged.changes.get(merged.change_of_edit[member]));
        let Some(change) = change else { continue };
        for &member in &group.members {
            reconciled[member] = true;
        }
        passages.push(MergedPassage {
            span: group.span,
            lines: &merged.items[change.new.start..change.new.end()],
            made_by: group.made_by.iter().map(|maker| maker.map(|member| amendments[member].id)).collect(),
        });
    }
    let merged_amendments: Vec<MergedAmendment<'_>> = amendments
        .iter()
        .zip(edits)
        .zip(&reconciled)
        .filter(|(_, reconciled)| !**reconciled)
        .map(|((amendment, edit), _)| MergedAmendment {
            id: amendment.id,
            span: edit.span,
            new_lines: amendment.lines_to_merge(),
        })
        .collect();
    provenance::after_merge(&head.provenance, &head.lines, &merged_amendments, &passages, number)
        .map_err(|error| refusal(error, amendments))
}

/// The edits `amendments` make of a head of `line_count` lines, in their order: each
/// replaces the lines its anchor covers by the lines a merge writes for it. Refused when
/// an anchor lies outside the head.
pub(super) fn edits_of(amendments: &[Amendment], line_count: usize) -> ActionResult<Vec<Edit<'_, String>>> {
    amendments
        .iter()
        .map(|amendment| {
            Ok(Edit { span: amendment.anchor.span_in(line_count)?, replacement: amendment.lines_to_merge() })
        })
        .collect()
}

pub(super) fn refusal(error: MergeError, amendments: &[Amendment]) -> ActionError {
    let describe = |index: usize| {
        amendments.get(index).map(|a| CollidingAmendment { id: a.id, reference: a.reference.clone(), anchor: a.anchor })
    };
    match error {
        MergeError::Collisions(pairs) => Conflict::Collisions(
            pairs
                .iter()
                .filter_map(|pair| {
                    let (first, second) = (describe(pair.first)?, describe(pair.second)?);
                    let insertion_inside = (first.anchor.count == 0) != (second.anchor.count == 0);
                    Some(CollisionReport { first, second, insertion_inside })
                })
                .collect(),
        )
        .into(),
        MergeError::OutOfRange { index } => {
            ActionError::Internal(format!("amendment {:?} lies outside the head", describe(index).map(|a| a.reference)))
        }
    }
}

/// What merging a chosen set of amendments would make of the head (issue "merge
/// preview"), written nowhere: the text with every amendment of the set that collides
/// with none merged in (word by word where they share lines, rule 9), and the pairs that
/// collide, named.
pub struct MergePreview {
    pub text: Text,
    pub head: Arc<Revision>,
    /// The amendments chosen, in the order given.
    pub amendments: Vec<Amendment>,
    /// The head's lines with the amendments that collide with none merged in.
    pub lines: Vec<String>,
    pub collisions: Vec<CollisionReport>,
    /// The amendments left out of `lines` because they collide.
    pub left_out: Vec<i64>,
    /// A drafter could merge the set as it is: all accepted, none colliding, the text in a
    /// phase that takes merges, the result within a revision's bounds.
    pub may_merge: bool,
}

/// Previews the merge of `ids` (open or accepted amendments on the head, in the order
/// insertions at one point go) for anyone who may read the text. Refused as a merge would
/// be for an empty, oversized or repeated selection (422) or an amendment not on the head
/// (409); an amendment of another text is not found (404). Collisions are not refused but
/// named: at least one pair for each amendment left out.
pub fn preview(site: &Site, viewer: Viewer<'_>, slug: &str, ids: &[i64]) -> ActionResult<MergePreview> {
    if ids.is_empty() {
        return Err(Invalid::NothingToMerge.into());
    }
    if ids.len() > MAX_MERGE_AMENDMENTS {
        return Err(Invalid::TooManyToMerge { max: MAX_MERGE_AMENDMENTS }.into());
    }
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let mut seen = HashSet::new();
        let mut amendments = Vec::with_capacity(ids.len());
        for &id in ids {
            // Anyone who may read the text may preview: an amendment of another text is
            // not found here, whether or not that text is one they may read.
            let amendment = store::amendment(tx, id)?.filter(|amendment| amendment.text_id == text.id);
            let amendment = amendment.ok_or(ActionError::NotFound)?;
            if !seen.insert(id) {
                return Err(Invalid::DuplicateAmendment(amendment.reference).into());
            }
            if !amendment.state.follows_head() || amendment.anchor.revision != text.head {
                return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
            }
            amendments.push(amendment);
        }
        let head = committed_revision(site, tx, &text, text.head)?;
        let edits = edits_of(&amendments, head.lines.len())?;
        let (merge, collisions, left_out) =
            merge_what_fits(&head.lines, &edits).map_err(|error| refusal(error, &amendments))?;
        let lines = merge.merged.items;
        let reports = match refusal(MergeError::Collisions(collisions), &amendments) {
            ActionError::Conflict(Conflict::Collisions(reports)) => reports,
            _ => Vec::new(),
        };
        let left_out: Vec<i64> = left_out.iter().map(|&index| amendments[index].id).collect();
        let may_merge = DECIDING.contains(&text.phase)
            && left_out.is_empty()
            && !lines.is_empty()
            && check_revision(&lines).is_ok()
            && amendments.iter().all(|amendment| amendment.state == AmendmentState::Accepted);
        Ok(MergePreview { text, head, amendments, lines, collisions: reports, left_out, may_merge })
    })
}
