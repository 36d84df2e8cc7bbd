//! Printed line numbering (DESIGN rule 10): party conventions cite "l. 171" of a text set in
//! fixed-width lines. A revision's printed lines follow from its paragraphs, its width and
//! the version of the breaking algorithm stored with it, so they never change once written.

use std::ops::RangeInclusive;

use super::kind::{Line, LineKind};
use super::span::Anchor;

/// Characters per printed line of a new text.
pub const DEFAULT_WIDTH: u32 = 80;
/// Narrowest printed line a text may set.
pub const MIN_WIDTH: u32 = 30;
/// Widest printed line a text may set.
pub const MAX_WIDTH: u32 = 200;

/// The breaking algorithm new revisions are printed with.
///
/// - 1 (revisions written before printed lines had a version): each stored line wrapped as
///   it is, markers (`## `, `- `) included, at the width.
/// - 2: each paragraph wrapped as readers see it (a heading without its `#`, a list item
///   with its bullet or number), headings at three quarters of the width, as they are set
///   larger in print.
pub const ALGORITHM: u32 = 2;

/// How a revision is printed: its width and breaking algorithm, stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Printing {
    /// Characters per line, [`MIN_WIDTH`] to [`MAX_WIDTH`] (other values are clamped).
    pub width: u32,
    pub algorithm: u32,
}

impl Printing {
    /// The printing of a revision written today at `width`.
    pub fn current(width: u32) -> Self {
        Printing { width, algorithm: ALGORITHM }
    }

    /// What a paragraph prints as, and at what width.
    fn set(self, paragraph: &str) -> (String, usize) {
        let width = self.width.clamp(MIN_WIDTH, MAX_WIDTH) as usize;
        if self.algorithm < 2 {
            return (paragraph.to_owned(), width);
        }
        let line = Line::parse(paragraph);
        match line.kind {
            LineKind::Heading { .. } => (line.text.to_owned(), width * 3 / 4),
            LineKind::ListItem { number: Some(number), .. } => (format!("{number}. {}", line.text), width),
            LineKind::ListItem { number: None, .. } => (format!("• {}", line.text), width),
            LineKind::Quotation | LineKind::Paragraph => (line.text.to_owned(), width),
        }
    }
}

/// One printed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedLine {
    /// Its number, from 1 for the first line of the revision.
    pub number: u32,
    /// The paragraph it belongs to, from 1.
    pub paragraph: u32,
    /// Whether it is the first line of its paragraph.
    pub first: bool,
    pub text: String,
}

/// A revision set in printed lines: where each paragraph starts and how many lines in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub printing: Printing,
    /// For each paragraph, its first printed line.
    starts: Vec<u32>,
    /// The number of the line after the last.
    end: u32,
}

impl Layout {
    pub fn of(paragraphs: &[String], printing: Printing) -> Self {
        let mut starts = Vec::with_capacity(paragraphs.len());
        let mut next: u32 = 1;
        for paragraph in paragraphs {
            starts.push(next);
            let (text, width) = printing.set(paragraph);
            next = next.saturating_add(u32::try_from(wrap(&text, width).len()).unwrap_or(u32::MAX));
        }
        Layout { printing, starts, end: next }
    }

    /// The first printed line of paragraph `paragraph` (from 1); for the paragraph after the
    /// last, the line after the last.
    pub fn start(&self, paragraph: u32) -> u32 {
        let index = paragraph.saturating_sub(1) as usize;
        self.starts.get(index).copied().unwrap_or(self.end)
    }

    /// The printed lines an anchor covers: from the first line of its first paragraph to the
    /// last line of its last; an insertion covers the line it goes before, or the last line
    /// when it goes after it.
    pub fn lines_of(&self, anchor: Anchor) -> RangeInclusive<u32> {
        let first = self.start(anchor.start);
        if anchor.count == 0 {
            let line = first.min(self.end - 1).max(1);
            return line..=line;
        }
        let after = self.start(anchor.start.saturating_add(anchor.count));
        first..=after.saturating_sub(1).max(first)
    }

    /// Roughly the memory it holds, in bytes.
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.starts.len() * std::mem::size_of::<u32>()
    }

    /// How many printed lines the revision takes.
    pub fn total(&self) -> u32 {
        self.end - 1
    }
}

/// The printed lines of a revision, numbered, each with the paragraph it belongs to.
pub fn print(paragraphs: &[String], printing: Printing) -> Vec<PrintedLine> {
    let mut printed = Vec::with_capacity(paragraphs.len() * 2);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let (text, width) = printing.set(paragraph);
        for (at, text) in wrap(&text, width).into_iter().enumerate() {
            printed.push(PrintedLine {
                number: u32::try_from(printed.len() + 1).unwrap_or(u32::MAX),
                paragraph: u32::try_from(index + 1).unwrap_or(u32::MAX),
                first: at == 0,
                text,
            });
        }
    }
    printed
}

/// `text` broken greedily into lines of at most `width` characters at spaces: words that fit
/// after others on a line join it with one space, a word longer than a line is cut into
/// pieces of `width` characters. An empty paragraph still takes one line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if used > 0 && used + 1 + length <= width {
            if let Some(line) = lines.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
            used += 1 + length;
            continue;
        }
        let mut rest = word;
        let mut first_piece = true;
        while !rest.is_empty() {
            if used > 0 || !first_piece {
                lines.push(String::new());
            }
            let cut = rest.char_indices().nth(width).map_or(rest.len(), |(at, _)| at);
            let (piece, after) = rest.split_at(cut);
            if let Some(line) = lines.last_mut() {
                line.push_str(piece);
            }
            used = piece.chars().count();
            rest = after;
            first_piece = false;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn legacy(width: u32) -> Printing {
        Printing { width, algorithm: 1 }
    }

    proptest! {
        #[test]
        fn lines_fit_and_keep_every_word_in_order(
            words in prop::collection::vec("[a-zé]{1,70}", 0..12),
            spaces in prop::collection::vec(" {1,3}", 12),
            width in 30usize..40,
        ) {
            let mut paragraph = String::new();
            for (word, space) in words.iter().zip(&spaces) {
                paragraph.push_str(word);
                paragraph.push_str(space);
            }
            let lines = wrap(&paragraph, width);
            prop_assert!(!lines.is_empty());
            prop_assert!(lines.iter().all(|line| line.chars().count() <= width), "{:?}", lines);
            prop_assert_eq!(lines.concat().replace(' ', ""), words.concat());
            // Greedy: the next line's first word would not have fitted on the line before.
            for pair in lines.windows(2) {
                let next = pair[1].split(' ').next().unwrap_or("");
                let used = pair[0].chars().count();
                prop_assert!(used + 1 + next.chars().count() > width || used == 0, "{:?}", lines);
            }
        }

        #[test]
        fn each_paragraph_starts_after_the_lines_of_those_before(
            paragraphs in prop::collection::vec("(#{1,3} |- |12\\. |> )?[a-z]{1,40}( [a-z]{1,40}){0,9}", 0..8),
            width in 30u32..60,
            algorithm in 1u32..=2,
        ) {
            let printing = Printing { width, algorithm };
            let layout = Layout::of(&paragraphs, printing);
            let printed = print(&paragraphs, printing);
            prop_assert_eq!(layout.total() as usize, printed.len());
            for (index, line) in printed.iter().enumerate() {
                prop_assert_eq!(line.number as usize, index + 1);
                prop_assert_eq!(line.first, layout.start(line.paragraph) == line.number);
            }
            for paragraph in 1..=paragraphs.len() as u32 {
                let anchor = Anchor { revision: 1, start: paragraph, count: 1 };
                let covered: Vec<u32> =
                    printed.iter().filter(|line| line.paragraph == paragraph).map(|line| line.number).collect();
                let range = layout.lines_of(anchor);
                prop_assert_eq!(covered, range.collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn wraps_at_spaces_and_cuts_words_longer_than_a_line() {
        assert_eq!(wrap("aaaa bbbb cccc", 9), ["aaaa bbbb", "cccc"]);
        assert_eq!(wrap(&"e".repeat(19), 9), ["e".repeat(9), "e".repeat(9), "e".to_string()]);
        assert_eq!(wrap("", 9), [""]);
        assert_eq!(wrap("ab cdefghijklmn", 9), ["ab", "cdefghijk", "lmn"]);
    }

    #[test]
    fn revisions_printed_before_algorithm_two_keep_their_numbers() {
        // What version 1 printed, markers included: "## " counts in the heading's width.
        let lines: Vec<String> = vec![format!("## {}", "mot ".repeat(19).trim()), "dd".into()];
        let old = Layout::of(&lines, legacy(DEFAULT_WIDTH));
        assert_eq!((old.start(1), old.start(2), old.total()), (1, 2, 2));
        // Version 2 sets the heading at 60 characters: 75 characters take two lines.
        let new = Layout::of(&lines, Printing::current(DEFAULT_WIDTH));
        assert_eq!((new.start(1), new.start(2), new.total()), (1, 3, 3));
        let printed = print(&lines, Printing::current(DEFAULT_WIDTH));
        assert!(printed[0].text.starts_with("mot mot"));
        assert_eq!(printed[2], PrintedLine { number: 3, paragraph: 2, first: true, text: "dd".into() });
    }

    #[test]
    fn list_items_print_their_bullet_or_number() {
        let lines: Vec<String> = vec!["- un".into(), "3. trois".into()];
        let texts: Vec<String> =
            print(&lines, Printing::current(DEFAULT_WIDTH)).into_iter().map(|line| line.text).collect();
        assert_eq!(texts, ["• un", "3. trois"]);
    }

    #[test]
    fn an_anchor_covers_its_paragraphs_printed_lines() {
        let lines: Vec<String> = vec!["a ".repeat(40).trim().into(), "b".into(), "c".into()];
        // 79 characters fit in 80, and take two lines of 40.
        let layout = Layout::of(&lines, Printing::current(40));
        assert_eq!(layout.lines_of(Anchor { revision: 1, start: 1, count: 2 }), 1..=3);
        assert_eq!(layout.lines_of(Anchor { revision: 1, start: 3, count: 1 }), 4..=4);
        assert_eq!(layout.lines_of(Anchor { revision: 1, start: 4, count: 0 }), 4..=4);
        assert_eq!(layout.lines_of(Anchor { revision: 1, start: 2, count: 0 }), 3..=3);
    }
}
