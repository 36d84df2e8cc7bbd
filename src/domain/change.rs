//! Changes between two sequences: the hunks of a line diff, computed with `similar`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
