//! Printed line numbering (DESIGN rule 10): party conventions cite "l. 171" of a text set in
//! fixed-width lines. A revision's printed lines follow from its paragraphs, its width and
//! the version of the breaking algorithm stored with it, so they never change once written.

use std::borrow::Cow;
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
///   larger in print, and lines broken at plain spaces only: a no-break space (French
///   typography puts one before `%`, `:` or `»`) never ends a line.
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

    /// What a paragraph prints as: a word before its text (a list item's bullet or
    /// number), its text, and the width it is set at.
    fn set(self, paragraph: &str) -> (Option<Cow<'static, str>>, &str, usize) {
        let width = self.width.clamp(MIN_WIDTH, MAX_WIDTH) as usize;
        if self.algorithm < 2 {
            return (None, paragraph, width);
        }
        let line = Line::parse(paragraph);
        match line.kind {
            LineKind::Heading { .. } => (None, line.text, width * 3 / 4),
            LineKind::ListItem { number: Some(number), .. } => (Some(format!("{number}.").into()), line.text, width),
            LineKind::ListItem { number: None, .. } => (Some("•".into()), line.text, width),
            LineKind::Quotation | LineKind::Paragraph => (None, line.text, width),
        }
    }

    /// How many printed lines a paragraph takes, and, given `out`, the lines themselves.
    fn wrap_paragraph(self, paragraph: &str, out: Option<&mut Vec<String>>) -> usize {
        let (before, text, width) = self.set(paragraph);
        if self.algorithm < 2 {
            return wrap(text.split_whitespace(), width, out);
        }
        if out.is_none() {
            return count_lines(before.as_deref(), text, width);
        }
        let words = text.split(' ').filter(|word| !word.is_empty());
        wrap(before.as_deref().into_iter().chain(words), width, out)
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
            let height = printing.wrap_paragraph(paragraph, None);
            next = next.saturating_add(u32::try_from(height).unwrap_or(u32::MAX));
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
    let mut lines = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        printing.wrap_paragraph(paragraph, Some(&mut lines));
        for (at, text) in lines.drain(..).enumerate() {
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

/// Greedy line breaking at a width: where each word goes, given its length in characters.
/// What both the count of a revision's lines and the lines written out follow.
struct Greedy {
    width: usize,
    /// Characters on the current line.
    used: usize,
    lines: usize,
}

/// Where a word goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// On the current line, after a space.
    Join,
    /// Cut into pieces of `width` characters (one piece when it fits), the first on the
    /// current line when it is empty, else on a new one, each other on a new line.
    Pieces { first_on_new_line: bool },
}

impl Greedy {
    fn new(width: usize) -> Self {
        Greedy { width: width.max(1), used: 0, lines: 1 }
    }

    fn place(&mut self, length: usize) -> Placement {
        if self.used > 0 && self.used + 1 + length <= self.width {
            self.used += 1 + length;
            return Placement::Join;
        }
        let first_on_new_line = self.used > 0;
        let pieces = length.div_ceil(self.width).max(1);
        self.lines += pieces - 1 + usize::from(first_on_new_line);
        self.used = length - (pieces - 1) * self.width;
        Placement::Pieces { first_on_new_line }
    }
}

/// `words` broken greedily into lines of at most `width` characters: words that fit after
/// others on a line join it with one space, a word longer than a line is cut into pieces of
/// `width` characters. How many lines (an empty paragraph still takes one), written out
/// into `out` when given.
fn wrap<'a>(words: impl Iterator<Item = &'a str>, width: usize, mut out: Option<&mut Vec<String>>) -> usize {
    let mut greedy = Greedy::new(width);
    if let Some(out) = out.as_deref_mut() {
        out.push(String::new());
    }
    for word in words {
        let placement = greedy.place(word.chars().count());
        let Some(out) = out.as_deref_mut() else { continue };
        match placement {
            Placement::Join => {
                if let Some(line) = out.last_mut() {
                    line.push(' ');
                    line.push_str(word);
                }
            }
            Placement::Pieces { first_on_new_line } => {
                let mut rest = word;
                let mut new_line = first_on_new_line;
                while !rest.is_empty() {
                    if new_line {
                        out.push(String::new());
                    }
                    let cut = rest.char_indices().nth(greedy.width).map_or(rest.len(), |(at, _)| at);
                    if let Some(line) = out.last_mut() {
                        line.push_str(&rest[..cut]);
                    }
                    rest = &rest[cut..];
                    new_line = true;
                }
            }
        }
    }
    greedy.lines
}

/// How many lines [`wrap`] makes of `before` and the words of `text` between plain spaces,
/// reading `text` once, byte by byte: what every revision read or written pays.
fn count_lines(before: Option<&str>, text: &str, width: usize) -> usize {
    let mut greedy = Greedy::new(width);
    if let Some(before) = before {
        greedy.place(before.chars().count());
    }
    let mut length = 0;
    for &byte in text.as_bytes() {
        if byte == b' ' {
            if length > 0 {
                greedy.place(length);
                length = 0;
            }
        } else if byte & 0xC0 != 0x80 {
            // A character starts at each byte that does not continue one (UTF-8).
            length += 1;
        }
    }
    if length > 0 {
        greedy.place(length);
    }
    greedy.lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        let count = wrap(text.split_whitespace(), width, Some(&mut out));
        assert_eq!(count, out.len(), "counted as written");
        out
    }

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
            let lines = lines(&paragraph, width);
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
        fn counting_lines_finds_as_many_as_writing_them(
            text in "[a-zé\u{202F} ]{0,200}",
            before in prop::option::of("[•0-9.]{1,4}"),
            width in 1usize..40,
        ) {
            let mut out = Vec::new();
            let words = text.split(' ').filter(|word| !word.is_empty());
            let written = wrap(before.as_deref().into_iter().chain(words), width, Some(&mut out));
            prop_assert_eq!(written, out.len());
            prop_assert_eq!(count_lines(before.as_deref(), &text, width), written, "{:?}", out);
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
        assert_eq!(lines("aaaa bbbb cccc", 9), ["aaaa bbbb", "cccc"]);
        assert_eq!(lines(&"e".repeat(19), 9), ["e".repeat(9), "e".repeat(9), "e".to_string()]);
        assert_eq!(lines("", 9), [""]);
        assert_eq!(lines("ab cdefghijklmn", 9), ["ab", "cdefghijk", "lmn"]);
        assert_eq!(lines("ab cdefghijklmnopqr", 9), ["ab", "cdefghijk", "lmnopqr"]);
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
    fn a_no_break_space_never_ends_a_line() {
        // "100\u{202F}%" is one word in version 2, two in version 1.
        let paragraph = vec![format!("{} 100\u{202F}%", "a".repeat(29))];
        let printing = Printing::current(MIN_WIDTH);
        let printed = print(&paragraph, printing);
        assert_eq!(printed.len(), 2);
        assert_eq!(printed[1].text, "100\u{202F}%");
        assert_eq!(Layout::of(&paragraph, Printing { width: MIN_WIDTH, algorithm: 1 }).total(), 2);
        let mut old = Vec::new();
        Printing { width: MIN_WIDTH, algorithm: 1 }.wrap_paragraph(&paragraph[0], Some(&mut old));
        assert_eq!(old, ["a".repeat(29), "100 %".to_string()]);
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
