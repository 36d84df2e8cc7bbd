//! Property tests of the core rules on random texts and amendment sets, each checked
//! against a plain reference model of what the rule says.

use proptest::prelude::*;

use super::change::{Change, diff_lines};
use super::merge::{Edit, MergeError, apply_edits};
use super::provenance::{MergedAmendment, Origin, after_merge};
use super::rebase::{Rebased, Rebaser};
use super::span::Span;

/// Lines from a small alphabet, so that random texts share many lines.
fn text(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec((0u8..6).prop_map(|n| format!("l{n}")), 0..max)
}

/// An edit of a base of `len` lines that changes something.
fn edit(len: usize) -> impl Strategy<Value = (Span, Vec<String>)> {
    (0..=len).prop_flat_map(move |start| (Just(start), 0..=(len - start).min(4))).prop_flat_map(|(start, count)| {
        let min_new = usize::from(count == 0);
        (Just(Span::new(start, count)), prop::collection::vec("[xyz][0-9]", min_new..4))
    })
}

fn base_and_edits(
    max_lines: usize,
    max_edits: usize,
) -> impl Strategy<Value = (Vec<String>, Vec<(Span, Vec<String>)>)> {
    text(max_lines).prop_flat_map(move |base| {
        let len = base.len();
        (Just(base), prop::collection::vec(edit(len), 0..max_edits))
    })
}

/// Keeps the edits that collide with none kept before them.
fn without_collisions(edits: Vec<(Span, Vec<String>)>) -> Vec<(Span, Vec<String>)> {
    let mut kept: Vec<(Span, Vec<String>)> = Vec::new();
    for (span, lines) in edits {
        if kept.iter().all(|(other, _)| !other.collides(span)) {
            kept.push((span, lines));
        }
    }
    kept
}

fn as_edits(edits: &[(Span, Vec<String>)]) -> Vec<Edit<'_, String>> {
    edits.iter().map(|(span, lines)| Edit { span: *span, replacement: lines }).collect()
}

/// Rule 5 read literally, one change at a time: a change touching the anchor outdates it,
/// each change lying before it shifts it by what it adds.
fn rebase_reference(anchor: Span, changes: &[Change]) -> Rebased {
    let mut shift: isize = 0;
    for change in changes {
        if change.old.collides(anchor) {
            return Rebased::Touched;
        }
        if change.old.lies_before(anchor) {
            shift += change.delta();
        }
    }
    Rebased::Moved(Span::new((anchor.start as isize + shift) as usize, anchor.count))
}

/// The reference merge: apply edits one at a time from the last position to the first, so
/// earlier positions stay valid; same-point insertions in reverse of the order given.
fn merge_reference(base: &[String], edits: &[(Span, Vec<String>)]) -> Vec<String> {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (edits[i].0.start, !edits[i].0.is_insertion(), i));
    let mut text = base.to_vec();
    for &i in order.iter().rev() {
        let (span, lines) = &edits[i];
        text.splice(span.start..span.end(), lines.iter().cloned());
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Rule 7, first half: amendments derived from diff(a, b), merged onto a, give b.
    #[test]
    fn merging_the_changes_of_a_diff_rebuilds_the_target(a in text(30), b in text(30)) {
        let changes = diff_lines(&a, &b);
        let edits: Vec<Edit<'_, String>> = changes
            .iter()
            .map(|change| Edit { span: change.old, replacement: &b[change.new.start..change.new.end()] })
            .collect();
        let merged = apply_edits(&a, &edits).map(|m| m.items);
        prop_assert_eq!(merged, Ok(b));
    }

    /// Rule 6: a set is refused exactly when some pair collides; otherwise the merge equals
    /// the reference merge.
    #[test]
    fn merge_refuses_exactly_the_colliding_sets((base, edits) in base_and_edits(20, 6)) {
        let any_collision = edits.iter().enumerate().any(|(i, (a, _))| {
            edits[i + 1..].iter().any(|(b, _)| a.collides(*b))
        });
        match apply_edits(&base, &as_edits(&edits)) {
            Err(MergeError::Collisions(pairs)) => {
                prop_assert!(any_collision);
                for pair in pairs {
                    prop_assert!(edits[pair.first].0.collides(edits[pair.second].0));
                }
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
            Ok(merged) => {
                prop_assert!(!any_collision);
                prop_assert_eq!(merged.items, merge_reference(&base, &edits));
            }
        }
    }

    /// Rule 7, second half, with rule 5: merging S1 then S2 rebased gives the same text as
    /// merging S1 ∪ S2 at once, and no amendment of S2 is outdated.
    ///
    /// S2 is given in text order. It matters in one case: a merged deletion of the lines
    /// between two insertion points makes them one point, and insertions at one point go in
    /// the order given (rule 6); given in another order, they land in that order.
    #[test]
    fn merging_in_two_batches_equals_merging_once(
        (base, edits) in base_and_edits(20, 8),
        split in any::<prop::sample::Index>(),
    ) {
        let edits = without_collisions(edits);
        let (first, second) = edits.split_at(split.index(edits.len() + 1));
        let mut second = second.to_vec();
        second.sort_by_key(|(span, _)| span.application_key());
        let once = apply_edits(&base, &as_edits(&edits)).map(|m| m.items);

        let merged_first = apply_edits(&base, &as_edits(first));
        prop_assert!(merged_first.is_ok());
        let Ok(merged_first) = merged_first else { return Ok(()) };
        let rebaser = Rebaser::new(&merged_first.changes);
        let mut rebased = Vec::new();
        for (span, lines) in &second {
            match rebaser.rebase(*span) {
                Rebased::Moved(moved) => rebased.push((moved, lines.clone())),
                Rebased::Touched => prop_assert!(false, "{:?} outdated by a set it does not collide with", span),
            }
        }
        let twice = apply_edits(&merged_first.items, &as_edits(&rebased)).map(|m| m.items);
        prop_assert_eq!(twice, once);
    }

    /// Rule 5: the rebaser agrees with the rule read literally, and a moved replacement
    /// anchor covers the very same lines after the move.
    #[test]
    fn rebase_matches_the_reference_and_keeps_the_anchored_lines(
        (base, edits) in base_and_edits(20, 6),
        anchor in (0usize..22, 0usize..4),
    ) {
        let edits = without_collisions(edits);
        // Tag each base line with its position so that "the same lines" is checkable.
        let tagged: Vec<String> = (0..base.len()).map(|i| format!("#{i}")).collect();
        let merged = apply_edits(&tagged, &as_edits(&edits));
        prop_assert!(merged.is_ok());
        let Ok(merged) = merged else { return Ok(()) };
        let anchor = Span::new(anchor.0.min(base.len()), anchor.1.min(base.len() - anchor.0.min(base.len())));

        let rebased = Rebaser::new(&merged.changes).rebase(anchor);
        prop_assert_eq!(rebased, rebase_reference(anchor, &merged.changes));
        if let Rebased::Moved(moved) = rebased {
            prop_assert!(moved.fits(merged.items.len()));
            prop_assert_eq!(&merged.items[moved.start..moved.end()], &tagged[anchor.start..anchor.end()]);
            // Old lines before the anchor stay before it, old lines after it stay after.
            let old_index = |item: &String| item.strip_prefix('#').and_then(|n| n.parse::<usize>().ok());
            for item in &merged.items[..moved.start] {
                if let Some(index) = old_index(item) {
                    prop_assert!(index < anchor.start);
                }
            }
            for item in &merged.items[moved.end()..] {
                if let Some(index) = old_index(item) {
                    prop_assert!(index >= anchor.end());
                }
            }
        }
    }

    /// The ranges a store moves anchors by agree with rebasing each anchor.
    #[test]
    fn shift_ranges_agree_with_the_rebaser(
        (base, edits) in base_and_edits(20, 6),
        anchor in (0usize..22, 0usize..4),
    ) {
        let edits = without_collisions(edits);
        let merged = apply_edits(&base, &as_edits(&edits));
        prop_assert!(merged.is_ok());
        let Ok(merged) = merged else { return Ok(()) };
        let start = anchor.0.min(base.len());
        let span = Span::new(start, anchor.1.min(base.len() - start));
        let rebaser = Rebaser::new(&merged.changes);
        if let Rebased::Moved(moved) = rebaser.rebase(span) {
            let ranges = rebaser.shift_ranges();
            let range = ranges.iter().find(|r| r.from <= span.start && r.to.is_none_or(|to| span.start < to));
            prop_assert_eq!(range.map(|r| span.start as isize + r.shift), Some(moved.start as isize));
        }
    }

    /// Rule 8: after a merge, a line that points to an amendment lies among the lines that
    /// amendment wrote; every other line kept the origin it had, and every line an
    /// amendment wrote that was not there before points to it.
    #[test]
    fn provenance_points_each_line_to_what_wrote_it((base, edits) in base_and_edits(20, 6)) {
        let edits = without_collisions(edits);
        let old_origins: Vec<Origin> = (0..base.len()).map(|i| Origin { revision: 1, amendment: (i % 3 == 0).then_some(-(i as i64) - 1) }).collect();
        let merged = apply_edits(&base, &as_edits(&edits));
        prop_assert!(merged.is_ok());
        let Ok(merged) = merged else { return Ok(()) };
        let amendments: Vec<MergedAmendment<'_>> = edits
            .iter()
            .enumerate()
            .map(|(index, (span, lines))| MergedAmendment { id: index as i64 + 1, span: *span, new_lines: lines })
            .collect();
        let origins = after_merge(&old_origins, &base, &amendments, 2);
        prop_assert!(origins.is_ok());
        let Ok(origins) = origins else { return Ok(()) };
        prop_assert_eq!(origins.len(), merged.items.len());
        // Where each edit's lines landed, and the lines no edit wrote, in the merged text.
        let mut written_by = vec![None; merged.items.len()];
        for (index, change) in merged.change_of_edit.iter().enumerate() {
            let new = merged.changes[*change].new;
            for slot in &mut written_by[new.start..new.end()] {
                *slot = Some(index);
            }
        }
        let mut old_at = 0;
        let mut kept = Vec::new();
        for change in &merged.changes {
            kept.extend(old_at..change.old.start);
            old_at = change.old.end();
        }
        kept.extend(old_at..base.len());
        let mut next_kept = kept.into_iter();
        for (line, origin) in origins.iter().enumerate() {
            match written_by[line] {
                None => {
                    let old = next_kept.next();
                    prop_assert_eq!(Some(*origin), old.map(|i| old_origins[i]));
                }
                Some(edit) => {
                    let (span, _) = &edits[edit];
                    let anchored = &base[span.start..span.end()];
                    if origin.amendment == Some(edit as i64 + 1) {
                        prop_assert_eq!(origin.revision, 2);
                    } else {
                        // Kept from the replaced lines: an unchanged line of the edit.
                        prop_assert!(anchored.contains(&merged.items[line]), "line {} has origin {:?}", line, origin);
                        prop_assert!(old_origins[span.start..span.end()].contains(origin));
                    }
                    if !anchored.contains(&merged.items[line]) {
                        prop_assert_eq!(origin.amendment, Some(edit as i64 + 1));
                    }
                }
            }
        }
    }

    /// Rebasing over the line diff of a full-text edit follows the same rule.
    #[test]
    fn rebase_over_a_diff_keeps_untouched_lines(a in text(25), b in text(25), anchor in (0usize..26, 1usize..4)) {
        let changes = diff_lines(&a, &b);
        let anchor = Span::new(anchor.0.min(a.len()), anchor.1.min(a.len() - anchor.0.min(a.len())));
        if let Rebased::Moved(moved) = Rebaser::new(&changes).rebase(anchor) {
            prop_assert_eq!(&b[moved.start..moved.end()], &a[anchor.start..anchor.end()]);
        }
    }
}
