//! Rebase (DESIGN rule 5): carrying an anchor across the changes that moved the head.

use super::change::Change;
use super::merge::application_order;
use super::span::Span;

/// Where an anchor lands after the changes of one head move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rebased {
    /// No change touched it: the same lines, now at this span of the new revision.
    Moved(Span),
    /// A change touched it: its author must re-anchor it.
    Touched,
}

/// The changes of one head move, prepared to rebase many anchors: each anchor costs a
/// binary search plus the changes near it, so rebasing `a` anchors over `c` changes is
/// O(a log c), not O(a × c).
pub struct Rebaser {
    /// Old spans in application order.
    spans: Vec<Span>,
    /// `shift[i]`: lines added minus removed by the first `i` changes.
    shift: Vec<isize>,
}

impl Rebaser {
    /// `changes` must not collide with each other, as the changes of a diff or of a merge.
    pub fn new(changes: &[Change]) -> Self {
        let order = application_order(changes.iter().map(|change| change.old));
        let mut shift = Vec::with_capacity(order.len() + 1);
        shift.push(0);
        let mut total = 0;
        for &index in &order {
            total += changes[index].delta();
            shift.push(total);
        }
        let spans = order.iter().map(|&index| changes[index].old).collect();
        Rebaser { spans, shift }
    }

    pub fn rebase(&self, anchor: Span) -> Rebased {
        // The changes lying before the anchor are a prefix of the application order.
        let before = self.spans.partition_point(|span| span.lies_before(anchor));
        // Only a change starting before the anchor's end can touch it: one that replaces
        // lines on both sides of an insertion point starts before that point.
        let touched =
            self.spans[before..].iter().take_while(|span| span.start < anchor.end()).any(|span| span.collides(anchor));
        if touched {
            return Rebased::Touched;
        }
        let start = anchor.start as isize + self.shift[before];
        // A non-colliding set of changes never moves an anchor before line 0.
        Rebased::Moved(Span::new(usize::try_from(start).unwrap_or(0), anchor.count))
    }
}

impl Rebaser {
    /// For an anchor that changes touched, the passage word-level reconciliation works on
    /// (rule 9): the lines of the old revision covered by the anchor and every change that
    /// meets it (and every change meeting those), and where that passage lies in the new
    /// revision.
    pub fn passage(&self, anchor: Span) -> (Span, Span) {
        let mut passage = anchor;
        loop {
            let first = self.spans.partition_point(|span| span.lies_before(passage));
            let inside = self.spans[first..].iter().take_while(|span| span.start < passage.end()).count();
            let start = self.spans[first..first + inside].iter().map(|span| span.start).fold(passage.start, usize::min);
            let end = self.spans[first..first + inside].iter().map(|span| span.end()).fold(passage.end(), usize::max);
            let grown = Span::new(start, end - start);
            if grown != passage {
                passage = grown;
                continue;
            }
            let before = self.shift[first];
            let within = self.shift[first + inside] - before;
            let new_start = usize::try_from(passage.start as isize + before).unwrap_or(0);
            let new_count = usize::try_from(passage.count as isize + within).unwrap_or(0);
            return (passage, Span::new(new_start, new_count));
        }
    }
}

/// A range of anchor starts that the changes shift alike: every untouched anchor whose
/// 0-based start lies in `from..to` (`to == None`: to the end) moves by `shift` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftRange {
    pub from: usize,
    pub to: Option<usize>,
    pub shift: isize,
}

impl Rebaser {
    /// The shifts as ranges of starts. Whether a change lies before an anchor depends only
    /// on the anchor's start (a replacement when it ends at or before it, an insertion when
    /// it is at or before it), and in application order those thresholds never decrease:
    /// so one range per gap between changes covers every anchor, and a store can move all
    /// the untouched anchors of a range in one statement.
    pub fn shift_ranges(&self) -> Vec<ShiftRange> {
        let thresholds = self.spans.iter().map(|span| if span.is_insertion() { span.start } else { span.end() });
        let mut ranges = Vec::with_capacity(self.spans.len() + 1);
        let mut from = 0;
        for (index, threshold) in thresholds.enumerate() {
            if threshold > from {
                ranges.push(ShiftRange { from, to: Some(threshold), shift: self.shift[index] });
                from = threshold;
            }
        }
        ranges.push(ShiftRange { from, to: None, shift: self.shift[self.spans.len()] });
        ranges
    }
}

/// Rebases one anchor; see [`Rebaser`] to rebase many over the same changes.
pub fn rebase_span(anchor: Span, changes: &[Change]) -> Rebased {
    Rebaser::new(changes).rebase(anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old_start: usize, old_count: usize, new_start: usize, new_count: usize) -> Change {
        Change { old: Span::new(old_start, old_count), new: Span::new(new_start, new_count) }
    }

    #[test]
    fn rule_five() {
        // One change: lines 2..4 (0-based) replaced by 3 lines, so +1 after it.
        let changes = [change(2, 2, 2, 3)];
        let moved = |start, count| Rebased::Moved(Span::new(start, count));
        let cases = [
            (Span::new(0, 2), moved(0, 2)),      // before, untouched
            (Span::new(4, 1), moved(5, 1)),      // after, shifted
            (Span::new(3, 2), Rebased::Touched), // overlaps
            (Span::new(1, 2), Rebased::Touched),
            (Span::new(2, 0), moved(2, 0)), // insertion at the change's start: not both sides
            (Span::new(4, 0), moved(5, 0)), // insertion at its end: shifted
            (Span::new(3, 0), Rebased::Touched), // lines replaced on both sides
        ];
        for (anchor, expected) in cases {
            assert_eq!(rebase_span(anchor, &changes), expected, "{anchor:?}");
        }
    }

    #[test]
    fn insertions_as_changes() {
        let changes = [change(3, 0, 3, 2)];
        let moved = |start, count| Rebased::Moved(Span::new(start, count));
        assert_eq!(rebase_span(Span::new(3, 2), &changes), moved(5, 2)); // at its start: shifts
        assert_eq!(rebase_span(Span::new(1, 2), &changes), moved(1, 2)); // at its end: stays
        assert_eq!(rebase_span(Span::new(2, 2), &changes), Rebased::Touched); // strictly inside
        assert_eq!(rebase_span(Span::new(3, 0), &changes), moved(5, 0)); // same point: after them
    }

    #[test]
    fn shift_ranges_agree_with_rebasing_one_by_one() {
        let sets = [
            vec![change(0, 1, 0, 0), change(5, 0, 4, 3), change(5, 2, 7, 1), change(8, 2, 8, 0)],
            // An insertion at the very start, and one where a replacement ends.
            vec![change(0, 0, 0, 2), change(3, 2, 5, 0), change(5, 0, 5, 1)],
        ];
        for changes in sets {
            let rebaser = Rebaser::new(&changes);
            let ranges = rebaser.shift_ranges();
            assert_eq!(ranges.first().map(|r| r.from), Some(0));
            assert_eq!(ranges.last().map(|r| r.to), Some(None));
            // The ranges follow each other, none empty.
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].to, Some(pair[1].from), "{ranges:?}");
                assert!(pair[0].from < pair[1].from, "{ranges:?}");
            }
            for start in 0..14 {
                for count in 0..3 {
                    let anchor = Span::new(start, count);
                    if let Rebased::Moved(moved) = rebaser.rebase(anchor) {
                        let range = ranges.iter().find(|r| r.from <= start && r.to.is_none_or(|to| start < to));
                        let shift = range.map(|r| r.shift);
                        assert_eq!(Some(moved.start as isize - start as isize), shift, "{anchor:?} over {changes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn shifts_add_up_over_many_changes() {
        let changes = [change(0, 1, 0, 0), change(5, 0, 4, 3), change(8, 2, 10, 1)];
        assert_eq!(rebase_span(Span::new(6, 2), &changes), Rebased::Moved(Span::new(8, 2)));
        assert_eq!(rebase_span(Span::new(12, 1), &changes), Rebased::Moved(Span::new(13, 1)));
    }
}
