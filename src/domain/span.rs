//! Spans of a sequence (lines or words) and the anchors of amendments, with the two
//! relations every other rule is built on: collision and "lies before".

/// `count` items of a sequence replaced from 0-based index `start`; `count == 0` is an
/// insertion point before item `start` (`start == len` appends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub count: usize,
}

impl Span {
    pub const fn new(start: usize, count: usize) -> Self {
        Span { start, count }
    }

    pub const fn end(self) -> usize {
        self.start + self.count
    }

    pub const fn is_insertion(self) -> bool {
        self.count == 0
    }

    /// Whether the span lies inside a sequence of `len` items.
    pub const fn fits(self, len: usize) -> bool {
        self.start <= len && self.count <= len - self.start
    }

    /// Two spans collide when their replaced ranges overlap, or when one is an insertion
    /// point lying strictly inside the other's range (DESIGN rules 5 and 6: "collides" and
    /// "touches" are the same relation). Insertions never collide with each other.
    pub fn collides(self, other: Span) -> bool {
        match (self.is_insertion(), other.is_insertion()) {
            (true, true) => false,
            (true, false) => other.start < self.start && self.start < other.end(),
            (false, true) => self.start < other.start && other.start < self.end(),
            (false, false) => self.start < other.end() && other.start < self.end(),
        }
    }

    /// Whether applying `self` as a change shifts `anchor` (which it must not collide with):
    /// a replacement lies before an anchor when it ends at or before the anchor's start; an
    /// insertion does when it is at or before the anchor's start, so an insertion at the
    /// start of a range shifts it, one at its end does not, and one at the same point as an
    /// inserting anchor shifts that anchor.
    pub fn lies_before(self, anchor: Span) -> bool {
        if self.is_insertion() { self.start <= anchor.start } else { self.end() <= anchor.start }
    }

    /// The order in which edits are applied: by position, an insertion before a replacement
    /// starting at the same point (it inserts before that point's line).
    pub fn application_key(self) -> (usize, bool) {
        (self.start, !self.is_insertion())
    }
}

/// Where an amendment applies: `count` lines replaced from 1-based line `start` of
/// `revision`; `count == 0` inserts before line `start` (`start == len + 1` appends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub revision: u32,
    pub start: u32,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("line numbers start at 1")]
    StartIsZero,
    #[error("lines {start}..{end} lie outside a revision of {len} lines")]
    OutsideRevision { start: u64, end: u64, len: usize },
}

impl Anchor {
    /// Checks the anchor against a revision of `len` lines and returns its 0-based span.
    pub fn span_in(self, len: usize) -> Result<Span, AnchorError> {
        if self.start == 0 {
            return Err(AnchorError::StartIsZero);
        }
        let span = Span::new(self.start as usize - 1, self.count as usize);
        if span.fits(len) {
            Ok(span)
        } else {
            Err(AnchorError::OutsideRevision {
                start: u64::from(self.start),
                end: u64::from(self.start) + u64::from(self.count),
                len,
            })
        }
    }

    /// The anchor of a 0-based span on `revision`.
    pub fn from_span(revision: u32, span: Span) -> Anchor {
        Anchor {
            revision,
            start: u32::try_from(span.start + 1).unwrap_or(u32::MAX),
            count: u32::try_from(span.count).unwrap_or(u32::MAX),
        }
    }

    /// The 1-based line numbers the anchor covers (empty for an insertion).
    pub fn lines(self) -> std::ops::Range<u32> {
        self.start..self.start.saturating_add(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, count: usize) -> Span {
        Span::new(start, count)
    }

    #[test]
    fn collision_table() {
        let cases = [
            // replacements
            (s(0, 2), s(1, 2), true),
            (s(0, 2), s(2, 2), false),
            (s(3, 1), s(0, 3), false),
            (s(0, 5), s(2, 1), true),
            // insertion against replacement
            (s(2, 0), s(0, 3), true),
            (s(0, 0), s(0, 3), false),
            (s(3, 0), s(0, 3), false),
            // insertions never collide
            (s(2, 0), s(2, 0), false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(a.collides(b), expected, "{a:?} vs {b:?}");
            assert_eq!(b.collides(a), expected, "{b:?} vs {a:?}");
        }
    }

    #[test]
    fn lies_before_table() {
        // insertion at the start of a range shifts it; at its end it does not
        assert!(s(2, 0).lies_before(s(2, 3)));
        assert!(!s(5, 0).lies_before(s(2, 3)));
        // insertion at the same point as an inserting anchor shifts it
        assert!(s(4, 0).lies_before(s(4, 0)));
        // a replacement ending at an insertion point shifts it; one starting there does not
        assert!(s(2, 2).lies_before(s(4, 0)));
        assert!(!s(4, 2).lies_before(s(4, 0)));
    }

    #[test]
    fn anchors_are_checked_against_their_revision() {
        let a = |start, count| Anchor { revision: 1, start, count };
        assert_eq!(a(1, 3).span_in(3), Ok(s(0, 3)));
        assert_eq!(a(4, 0).span_in(3), Ok(s(3, 0)));
        assert_eq!(a(0, 1).span_in(3), Err(AnchorError::StartIsZero));
        assert!(a(3, 2).span_in(3).is_err());
        assert!(a(5, 0).span_in(3).is_err());
        assert!(a(u32::MAX, u32::MAX).span_in(3).is_err());
        assert_eq!(a(1, 0).span_in(0), Ok(s(0, 0)));
        // The refusal names the lines asked for, 1-based and end-exclusive.
        assert_eq!(a(3, 2).span_in(3), Err(AnchorError::OutsideRevision { start: 3, end: 5, len: 3 }));
    }

    #[test]
    fn anchors_and_spans_convert_both_ways() {
        let anchor = Anchor::from_span(4, s(2, 3));
        assert_eq!(anchor, Anchor { revision: 4, start: 3, count: 3 });
        assert_eq!(anchor.span_in(5), Ok(s(2, 3)));
        assert_eq!(Anchor::from_span(1, s(0, 0)), Anchor { revision: 1, start: 1, count: 0 });
        // Line numbers as people cite them: the 1-based lines covered, none for an insertion.
        assert_eq!(anchor.lines(), 3..6);
        assert!(Anchor::from_span(1, s(7, 0)).lines().is_empty());
    }
}
