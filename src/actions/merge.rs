//! The merge (DESIGN rule 6): accepted amendments applied to the head in one transaction,
//! making a new revision and rebasing every other amendment over exactly what was merged.

use std::collections::HashSet;

use crate::auth::Permission;
use crate::domain::limits::{MAX_MERGE_AMENDMENTS, check_revision};
use crate::domain::merge::{Edit, MergeError, apply_edits};
use crate::domain::model::{Amendment, RevisionKind};
use crate::domain::provenance::{self, MergedAmendment};
use crate::domain::{AmendmentState, Decision, fields};
use crate::store::{self, now};

use super::{
    ActionError, ActionResult, CollidingAmendment, CollisionReport, Conflict, DECIDING, Invalid, RebaseOutcome,
    RevisionDraft, Site, Viewer, rebase_following, require, require_phase, visible_text, write_revision,
};

pub struct MergeRequest<'a> {
    /// The head the drafter saw: the merge happens only if it still is.
    pub base: u32,
    /// Amendment ids, in the order insertions at the same point are applied.
    pub amendments: &'a [i64],
    pub summary: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    pub head: u32,
    pub rebase: RebaseOutcome,
}

pub fn merge(site: &Site, viewer: Viewer<'_>, slug: &str, request: &MergeRequest<'_>) -> ActionResult<Merged> {
    let drafter = require(viewer, Permission::Merge)?;
    let summary = fields::summary(request.summary)?;
    if request.amendments.is_empty() {
        return Err(Invalid::NothingToMerge.into());
    }
    if request.amendments.len() > MAX_MERGE_AMENDMENTS {
        return Err(Invalid::TooManyToMerge { max: MAX_MERGE_AMENDMENTS }.into());
    }
    let outcome = site.store.write(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        require_phase(&text, DECIDING)?;
        if request.base != text.head {
            return Err(Conflict::HeadMoved { head: text.head }.into());
        }
        let mut seen = HashSet::new();
        let mut amendments: Vec<Amendment> = Vec::with_capacity(request.amendments.len());
        for &id in request.amendments {
            let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
            if amendment.text_id != text.id {
                return Err(Invalid::ForeignAmendment(id).into());
            }
            if !seen.insert(id) {
                return Err(Invalid::DuplicateAmendment(amendment.reference).into());
            }
            if amendment.state != AmendmentState::Accepted || amendment.anchor.revision != text.head {
                return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
            }
            amendments.push(amendment);
        }

        let head = site.revision(tx, text.id, text.head)?;
        let mut spans = Vec::with_capacity(amendments.len());
        for amendment in &amendments {
            spans.push(amendment.anchor.span_in(head.lines.len())?);
        }
        let edits: Vec<Edit<'_, String>> = amendments
            .iter()
            .zip(&spans)
            .map(|(amendment, span)| Edit { span: *span, replacement: amendment.lines_to_merge() })
            .collect();
        let merged = apply_edits(&head.lines, &edits).map_err(|error| refusal(error, &amendments))?;
        // Each amendment is within its bounds, but together they may outgrow a revision's.
        check_revision(&merged.items)?;
        if merged.items.is_empty() {
            return Err(Invalid::MergeEmptiesText.into());
        }

        let number = text.head + 1;
        let merged_amendments: Vec<MergedAmendment<'_>> = amendments
            .iter()
            .zip(&spans)
            .map(|(amendment, span)| MergedAmendment {
                id: amendment.id,
                span: *span,
                new_lines: amendment.lines_to_merge(),
            })
            .collect();
        let origins = provenance::after_merge(&head.provenance, &head.lines, &merged_amendments, number)
            .map_err(|error| refusal(error, &amendments))?;
        let summary = if summary.is_empty() {
            amendments.iter().map(|a| a.reference.as_str()).collect::<Vec<_>>().join(", ")
        } else {
            summary
        };
        let now = now();
        for amendment in &amendments {
            store::set_merged(tx, amendment.id, number, now)?;
            store::insert_event(tx, amendment.id, Decision::Merged, Some(drafter.id), "", Some(number), now)?;
        }
        // The merged amendments are no longer open or accepted, so the rebase leaves them be;
        // the others move over exactly the merged changes, never a re-derived diff.
        let rebase = rebase_following(tx, text.id, text.head, number, &merged.changes, now)?;
        let draft = RevisionDraft {
            number,
            kind: RevisionKind::Merged,
            lines: merged.items,
            provenance: origins,
            changes: merged.changes,
            summary,
        };
        let revision = write_revision(tx, text.id, drafter, draft, now)?;
        store::touch_amendments(tx, text.id)?;
        store::set_head(tx, text.id, number, now)?;
        Ok::<_, ActionError>((text.id, revision, Merged { head: number, rebase }))
    })?;
    let (text_id, revision, merged) = outcome;
    site.remember(text_id, revision);
    Ok(merged)
}

fn refusal(error: MergeError, amendments: &[Amendment]) -> ActionError {
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
