//! Provenance (DESIGN rule 8): for each line of a revision, the revision that introduced it
//! and, when a merge did, the amendment.

use super::change::{Change, diff_lines};
use super::merge::{Edit, MergeError, apply_edits};
use super::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    pub revision: u32,
    pub amendment: Option<i64>,
}

/// Every line of a first revision comes from it.
pub fn first(revision: u32, line_count: usize) -> Vec<Origin> {
    vec![Origin { revision, amendment: None }; line_count]
}

/// The origins of `new_lines` when they replace `old_lines` (whose origins are
/// `old_origins`): lines left as they were keep their origin, the others get `fresh`.
pub fn carry(old_origins: &[Origin], old_lines: &[String], new_lines: &[String], fresh: Origin) -> Vec<Origin> {
    carry_over(old_origins, &diff_lines(old_lines, new_lines), new_lines.len(), fresh)
}

/// The origins of a new sequence of `new_len` lines made from the old one by `changes`:
/// lines between changes keep their origin, changed ones get `fresh`.
fn carry_over(old_origins: &[Origin], changes: &[Change], new_len: usize, fresh: Origin) -> Vec<Origin> {
    let mut origins = vec![fresh; new_len];
    // Lines between changes are equal runs: copy their origins across.
    let keep_equal_run = |origins: &mut [Origin], old_from: usize, new_from: usize, new_to: usize| {
        for (slot, old_index) in origins[new_from..new_to].iter_mut().zip(old_from..) {
            if let Some(origin) = old_origins.get(old_index) {
                *slot = *origin;
            }
        }
    };
    let (mut old_at, mut new_at) = (0, 0);
    for change in changes {
        keep_equal_run(&mut origins, old_at, new_at, change.new.start.min(new_len));
        old_at = change.old.end();
        new_at = change.new.end();
    }
    keep_equal_run(&mut origins, old_at, new_at.min(new_len), new_len);
    origins
}

/// One amendment being merged, as provenance needs it.
pub struct MergedAmendment<'a> {
    pub id: i64,
    pub span: Span,
    pub new_lines: &'a [String],
}

/// Amendments merged word by word as one passage (rule 9): the lines `span` of the old
/// revision became `lines`, each made by the amendment `made_by` names (`None`: a line no
/// amendment changed).
pub struct MergedPassage<'a> {
    pub span: Span,
    pub lines: &'a [String],
    pub made_by: Vec<Option<i64>>,
}

/// The origins of the revision made by merging `amendments` (each merged as it was) and
/// `passages` (amendments reconciled word by word) into the revision with `old_lines` and
/// `old_origins`. A line of a passage that an amendment changed points to it; a line left
/// as it was keeps its origin.
pub fn after_merge(
    old_origins: &[Origin],
    old_lines: &[String],
    amendments: &[MergedAmendment<'_>],
    passages: &[MergedPassage<'_>],
    revision: u32,
) -> Result<Vec<Origin>, MergeError> {
    let mut spans = Vec::with_capacity(amendments.len() + passages.len());
    let mut replacements = Vec::with_capacity(amendments.len() + passages.len());
    for (index, amendment) in amendments.iter().enumerate() {
        let (Some(old), Some(origins)) = (
            old_lines.get(amendment.span.start..amendment.span.end()),
            old_origins.get(amendment.span.start..amendment.span.end()),
        ) else {
            return Err(MergeError::OutOfRange { index });
        };
        let fresh = Origin { revision, amendment: Some(amendment.id) };
        spans.push(amendment.span);
        replacements.push(carry(origins, old, amendment.new_lines, fresh));
    }
    for (index, passage) in passages.iter().enumerate() {
        let (Some(old), Some(origins)) = (
            old_lines.get(passage.span.start..passage.span.end()),
            old_origins.get(passage.span.start..passage.span.end()),
        ) else {
            return Err(MergeError::OutOfRange { index: amendments.len() + index });
        };
        let changed = Origin { revision, amendment: None };
        let first_maker = passage.made_by.iter().flatten().next().copied();
        let mut carried = carry(origins, old, passage.lines, changed);
        // Only lines the merge wrote carry the new revision: older ones predate it.
        for (line, origin) in carried.iter_mut().enumerate() {
            if origin.revision == revision {
                origin.amendment = passage.made_by.get(line).copied().flatten().or(first_maker);
            }
        }
        spans.push(passage.span);
        replacements.push(carried);
    }
    let edits: Vec<Edit<'_, Origin>> =
        spans.iter().zip(&replacements).map(|(span, replacement)| Edit { span: *span, replacement }).collect();
    Ok(apply_edits(old_origins, &edits)?.items)
}

/// The origins of a revision written by a full-text edit.
/// `changes` are the line diff from the old revision to the new one, of `new_len` lines.
pub fn after_edit(old_origins: &[Origin], changes: &[Change], new_len: usize, revision: u32) -> Vec<Origin> {
    carry_over(old_origins, changes, new_len, Origin { revision, amendment: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn merged_lines_point_to_their_amendment_and_kept_lines_keep_theirs() {
        let old = lines(&["a", "b", "c"]);
        let origins = first(1, 3);
        let proposal = lines(&["b", "B2"]);
        let merged = after_merge(
            &origins,
            &old,
            &[MergedAmendment { id: 7, span: Span::new(1, 2), new_lines: &proposal }],
            &[],
            2,
        );
        let from_1 = Origin { revision: 1, amendment: None };
        let from_7 = Origin { revision: 2, amendment: Some(7) };
        assert_eq!(merged, Ok(vec![from_1, from_1, from_7]));
    }

    #[test]
    fn edits_keep_the_origins_of_unchanged_lines() {
        let old = lines(&["a", "b"]);
        let origins = vec![Origin { revision: 1, amendment: None }, Origin { revision: 2, amendment: Some(3) }];
        let new = lines(&["z", "a", "b"]);
        let after = after_edit(&origins, &diff_lines(&old, &new), new.len(), 3);
        assert_eq!(after, vec![Origin { revision: 3, amendment: None }, origins[0], origins[1]]);
    }
}
