//! Changes between two sequences: the hunks of a line diff, computed with `similar`, and
//! a revision kept as the changes that made it from its parent (a delta).

use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::span::Span;

/// One hunk: the `old` span of the old sequence became the `new` span of the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub old: Span,
    pub new: Span,
}

impl Change {
    /// Lines added minus lines removed.
    pub fn delta(self) -> isize {
        self.new.count as isize - self.old.count as isize
    }
}

/// The changes that turn `old` into `new`, in order, none overlapping.
pub fn diff_lines<T: Eq + Hash>(old: &[T], new: &[T]) -> Vec<Change> {
    // Myers as `similar` implements it bounds its work on hard inputs (Git-style), so a
    // full rewrite of a large text stays fast and the result stays deterministic.
    capture_diff_slices(Algorithm::Myers, old, new)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Equal { .. } => None,
            DiffOp::Delete { old_index, old_len, new_index } => {
                Some(Change { old: Span::new(old_index, old_len), new: Span::new(new_index, 0) })
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                Some(Change { old: Span::new(old_index, 0), new: Span::new(new_index, new_len) })
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                Some(Change { old: Span::new(old_index, old_len), new: Span::new(new_index, new_len) })
            }
        })
        .collect()
}

/// The lines that `changes` put into `new` (their new spans, in order): with `old`, all a
/// delta needs to rebuild `new` ([`apply_delta`]). `None` when that would not rebuild `new`
/// exactly: a span out of bounds or out of order, or `old` and `new` differing outside the
/// changes.
pub fn delta_of<'a, T: PartialEq>(old: &[T], changes: &[Change], new: &'a [T]) -> Option<Vec<&'a T>> {
    let mut added = Vec::new();
    // The next line of each side not yet accounted for.
    let (mut old_at, mut new_at) = (0, 0);
    for change in changes {
        let same_old = old.get(old_at..change.old.start)?;
        let same_new = new.get(new_at..change.new.start)?;
        if same_old != same_new {
            return None;
        }
        added.extend(new.get(change.new.start..change.new.end())?);
        (old_at, new_at) = (change.old.end(), change.new.end());
    }
    (old.get(old_at..)? == new.get(new_at..)?).then_some(added)
}

/// Rebuilds the lines that `changes` made of `old`, given the lines they added in order
/// ([`delta_of`]). `None` when they do not fit: a change out of order or past the end of
/// `old`, a new span not where the lines before it put it, added lines missing or left over.
pub fn apply_delta<T: Clone>(old: &[T], changes: &[Change], added: &[T]) -> Option<Vec<T>> {
    let mut lines = Vec::with_capacity(old.len() + added.len());
    let (mut old_at, mut taken) = (0, 0);
    for change in changes {
        lines.extend_from_slice(old.get(old_at..change.old.start)?);
        if change.new.start != lines.len() {
            return None;
        }
        lines.extend_from_slice(added.get(taken..taken + change.new.count)?);
        taken += change.new.count;
        old_at = change.old.end();
    }
    lines.extend_from_slice(old.get(old_at..)?);
    (taken == added.len()).then_some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn small_lines() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(0u8..6, 0..30)
    }

    proptest! {
        #[test]
        fn a_delta_rebuilds_the_lines_it_was_taken_from(old in small_lines(), new in small_lines()) {
            let changes = diff_lines(&old, &new);
            let added: Vec<u8> = delta_of(&old, &changes, &new).expect("a diff is a delta").into_iter().copied().collect();
            prop_assert_eq!(apply_delta(&old, &changes, &added), Some(new));
        }

        #[test]
        fn changes_of_other_lines_are_no_delta(old in small_lines(), new in small_lines(), other in small_lines()) {
            let changes = diff_lines(&old, &other);
            if let Some(added) = delta_of(&old, &changes, &new) {
                let added: Vec<u8> = added.into_iter().copied().collect();
                prop_assert_eq!(apply_delta(&old, &changes, &added), Some(new));
            }
        }
    }

    #[test]
    fn a_delta_that_does_not_fit_is_refused() {
        let old = ["a", "b", "c"];
        let changes = [Change { old: Span::new(1, 1), new: Span::new(1, 2) }];
        assert_eq!(apply_delta(&old, &changes, &["x", "y"]), Some(vec!["a", "x", "y", "c"]));
        assert_eq!(apply_delta(&old, &changes, &["x"]), None);
        assert_eq!(apply_delta(&old, &changes, &["x", "y", "z"]), None);
        assert_eq!(apply_delta(&old[..1], &changes, &["x", "y"]), None);
        let misplaced = [Change { old: Span::new(1, 1), new: Span::new(2, 2) }];
        assert_eq!(apply_delta(&old, &misplaced, &["x", "y"]), None);
        assert_eq!(delta_of(&old, &changes, &["a", "x", "y", "C"]), None);
        assert_eq!(delta_of(&old, &changes, &["a", "x"]), None);
    }

    #[test]
    fn hunks_of_a_small_edit() {
        let old = ["a", "b", "c", "d"];
        let new = ["a", "B", "c", "d", "e"];
        assert_eq!(
            diff_lines(&old, &new),
            vec![
                Change { old: Span::new(1, 1), new: Span::new(1, 1) },
                Change { old: Span::new(4, 0), new: Span::new(4, 1) },
            ]
        );
        assert!(diff_lines(&old, &old).is_empty());
    }
}
