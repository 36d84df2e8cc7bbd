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

    #[test]
    fn wraps_at_spaces() {
        let lines = vec!["aaaa bbbb cccc".to_string(), "dd".to_string(), "e".repeat(9)];
        // width 9: "aaaa bbbb" / "cccc" → 2 lines; "dd" → 1; nine e's → 1
        assert_eq!(printed_starts(&lines, 9), vec![1, 3, 4]);
        assert_eq!(wrapped_height(&"e".repeat(19), 9), 3);
        assert_eq!(wrapped_height("a ".repeat(10).trim(), 9), 2);
    }
}
