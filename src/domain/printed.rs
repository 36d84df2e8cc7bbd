//! Printed line numbering (DESIGN rule 10): party conventions cite "l. 123" of a text set in
//! fixed-width lines. Derived deterministically from a revision's paragraphs.

/// Characters per printed line.
pub const PRINTED_WIDTH: usize = 80;

/// For each paragraph, the 1-based printed line it starts on when paragraphs are wrapped
/// greedily at `width` characters, breaking at spaces (a longer word is cut).
pub fn printed_starts(lines: &[String], width: usize) -> Vec<u32> {
    let width = width.max(1);
    let mut starts = Vec::with_capacity(lines.len());
    let mut next: u32 = 1;
    for line in lines {
        starts.push(next);
        next = next.saturating_add(u32::try_from(wrapped_height(line, width)).unwrap_or(u32::MAX));
    }
    starts
}

/// How many printed lines a paragraph takes.
fn wrapped_height(paragraph: &str, width: usize) -> usize {
    let mut height = 1;
    let mut used = 0;
    for word in paragraph.split_whitespace() {
        let length = word.chars().count();
        let needed = if used == 0 { length } else { used + 1 + length };
        if needed <= width {
            used = needed;
        } else if used == 0 {
            // A word longer than a line fills whole lines.
            height += (length - 1) / width;
            used = (length - 1) % width + 1;
        } else {
            height += 1 + (length.saturating_sub(1)) / width;
            used = (length - 1) % width + 1;
        }
    }
    height
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Greedy wrapping done the plain way: the printed lines written out, a word that does
    /// not fit after others going to a new line, a word longer than a line cut into pieces
    /// of `width` characters each starting a new line.
    fn printed_lines(paragraph: &str, width: usize) -> Vec<String> {
        let mut lines = vec![String::new()];
        for word in paragraph.split_whitespace() {
            let used = lines.last().map_or(0, |line| line.chars().count());
            let length = word.chars().count();
            if let Some(line) = lines.last_mut()
                && used > 0
                && used + 1 + length <= width
            {
                line.push(' ');
                line.push_str(word);
                continue;
            }
            let letters: Vec<char> = word.chars().collect();
            for (index, piece) in letters.chunks(width).enumerate() {
                if used > 0 || index > 0 {
                    lines.push(String::new());
                }
                if let Some(line) = lines.last_mut() {
                    line.extend(piece);
                }
            }
        }
        lines
    }

    proptest! {
        #[test]
        fn heights_are_those_of_the_lines_written_out(
            words in prop::collection::vec("[a-zé]{1,20}", 0..12),
            spaces in prop::collection::vec(" {1,3}", 12),
            width in 1usize..12,
        ) {
            let mut paragraph = String::new();
            for (word, space) in words.iter().zip(&spaces) {
                paragraph.push_str(word);
                paragraph.push_str(space);
            }
            let lines = printed_lines(&paragraph, width);
            prop_assert!(lines.iter().all(|line| line.chars().count() <= width), "{:?}", lines);
            prop_assert_eq!(wrapped_height(&paragraph, width), lines.len(), "{:?}", lines);
        }

        #[test]
        fn each_paragraph_starts_after_the_lines_of_those_before(
            paragraphs in prop::collection::vec("[a-z]{1,12}( [a-z]{1,12}){0,6}", 0..6),
            width in 1usize..16,
        ) {
            let mut next = 1;
            let mut expected = Vec::new();
            for paragraph in &paragraphs {
                expected.push(next);
                next += printed_lines(paragraph, width).len() as u32;
            }
            prop_assert_eq!(printed_starts(&paragraphs, width), expected);
        }
    }

    #[test]
    fn wraps_at_spaces() {
        let lines = vec!["aaaa bbbb cccc".to_string(), "dd".to_string(), "e".repeat(9)];
        // width 9: "aaaa bbbb" / "cccc" → 2 lines; "dd" → 1; nine e's → 1
        assert_eq!(printed_starts(&lines, 9), vec![1, 3, 4]);
        assert_eq!(wrapped_height(&"e".repeat(19), 9), 3);
        assert_eq!(wrapped_height("a ".repeat(10).trim(), 9), 2);
    }
}
