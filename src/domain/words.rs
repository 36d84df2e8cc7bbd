//! Word-level comparison for display: tokens (words, the spaces between them, punctuation)
//! and the rows of a line comparison with word highlighting inside changed lines.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::change::diff_lines;

/// Splits a line into tokens: runs of letters and digits, runs of white space, and single
/// other characters. Joining the tokens gives the line back.
pub fn tokens(line: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (index, c) in line.char_indices() {
        let this = class(c);
        if let Some(previous) = current
            && (previous != this || this == Class::Other)
        {
            tokens.push(&line[start..index]);
            start = index;
        }
        current = Some(this);
    }
    if start < line.len() {
        tokens.push(&line[start..]);
    }
    tokens
}

/// A piece of a word-level comparison of two lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// Below this share of letters in common, two lines are shown as one removed and one added
/// rather than as one changed line.
const MIN_SIMILARITY: f32 = 0.4;

/// The word-level comparison of two lines, or `None` when they have too little in common
/// for word highlighting to help.
pub fn word_diff<'a>(old: &'a str, new: &'a str) -> Option<Vec<Piece<'a>>> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let ops = capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens);
    // Byte offsets where each token starts, plus the end: a run of tokens is one slice.
    let offsets = |tokens: &[&str]| {
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        let mut at = 0;
        starts.push(at);
        for token in tokens {
            at += token.len();
            starts.push(at);
        }
        starts
    };
    let (old_at, new_at) = (offsets(&old_tokens), offsets(&new_tokens));
    let mut runs: Vec<Run> = Vec::with_capacity(ops.len());
    for op in ops {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        let run = Run {
            same: matches!(op, DiffOp::Equal { .. }),
            old: old_at[old_range.start]..old_at[old_range.end],
            new: new_at[new_range.start]..new_at[new_range.end],
        };
        absorb(&mut runs, run, old);
    }
    let mut pieces: Vec<Piece<'a>> = Vec::with_capacity(runs.len() * 2);
    for run in &runs {
        if run.same {
            pieces.push(Piece::Same(&old[run.old.clone()]));
        } else {
            if !run.old.is_empty() {
                pieces.push(Piece::Removed(&old[run.old.clone()]));
            }
            if !run.new.is_empty() {
                pieces.push(Piece::Added(&new[run.new.clone()]));
            }
        }
    }
    // Spaces are common to any two lines: only the letters kept tell how alike they are.
    let letters = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
    let kept: usize = pieces.iter().map(|p| if let Piece::Same(s) = p { letters(s) } else { 0 }).sum();
    let total = letters(old) + letters(new);
    if total > 0 && ((2 * kept) as f32) < MIN_SIMILARITY * total as f32 {
        return None;
    }
    Some(pieces)
}

/// A stretch of a word comparison: unchanged, or changed, as byte ranges of each line.
struct Run {
    same: bool,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// Unchanged stretches this short between two changes are folded into them: a rewritten
/// sentence reads better as one deletion and one insertion than as a mosaic around the
/// spaces and small words ("de", "la", "à") it happens to keep.
const MAX_FOLDED_LETTERS: usize = 3;

/// Appends a run, merging it with the changes around it where that reads better.
fn absorb(runs: &mut Vec<Run>, run: Run, old: &str) {
    if run.same {
        runs.push(run);
        return;
    }
    // A change after a short unchanged stretch that itself follows a change: one change.
    let fold = runs.len() >= 2 && {
        let between = &runs[runs.len() - 1];
        let letters = old[between.old.clone()].chars().filter(|c| !c.is_whitespace()).count();
        between.same && letters <= MAX_FOLDED_LETTERS && !runs[runs.len() - 2].same
    };
    if fold {
        runs.pop();
    }
    match runs.last_mut() {
        Some(last) if !last.same => {
            last.old.end = run.old.end;
            last.new.end = run.new.end;
        }
        _ => runs.push(run),
    }
}

/// One row of a line comparison. Line numbers are 0-based indices into the two sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    Same { old: usize, new: usize, text: &'a str },
    Removed { old: usize, text: &'a str },
    Added { new: usize, text: &'a str },
    Changed { old: usize, new: usize, pieces: Vec<Piece<'a>> },
}

/// Compares two sequences of lines: a line diff, then, inside each hunk, lines paired in
/// order and highlighted word by word when they are alike enough.
pub fn compare_lines<'a>(old: &'a [String], new: &'a [String]) -> Vec<Row<'a>> {
    let mut rows = Vec::with_capacity(old.len().max(new.len()));
    let (mut old_at, mut new_at) = (0, 0);
    let same_run = |rows: &mut Vec<Row<'a>>, old_from: usize, new_from: usize, len: usize| {
        for offset in 0..len {
            rows.push(Row::Same { old: old_from + offset, new: new_from + offset, text: &old[old_from + offset] });
        }
    };
    for change in diff_lines(old, new) {
        same_run(&mut rows, old_at, new_at, change.old.start - old_at);
        let paired = change.old.count.min(change.new.count);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for offset in 0..paired {
            let (o, n) = (change.old.start + offset, change.new.start + offset);
            match word_diff(&old[o], &new[n]) {
                Some(pieces) => {
                    flush(&mut rows, &mut removed, &mut added);
                    rows.push(Row::Changed { old: o, new: n, pieces });
                }
                None => {
                    removed.push(Row::Removed { old: o, text: &old[o] });
                    added.push(Row::Added { new: n, text: &new[n] });
                }
            }
        }
        let unpaired_old = change.old.start + paired..change.old.end();
        removed.extend((unpaired_old.clone().zip(&old[unpaired_old])).map(|(o, text)| Row::Removed { old: o, text }));
        let unpaired_new = change.new.start + paired..change.new.end();
        added.extend((unpaired_new.clone().zip(&new[unpaired_new])).map(|(n, text)| Row::Added { new: n, text }));
        flush(&mut rows, &mut removed, &mut added);
        old_at = change.old.end();
        new_at = change.new.end();
    }
    same_run(&mut rows, old_at, new_at, old.len() - old_at);
    rows
}

/// Removed lines go before added ones, as readers expect of a redline.
fn flush<'a>(rows: &mut Vec<Row<'a>>, removed: &mut Vec<Row<'a>>, added: &mut Vec<Row<'a>>) {
    rows.append(removed);
    rows.append(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_are_words_spaces_and_punctuation() {
        assert_eq!(tokens("L'État, 20 députés."), vec!["L", "'", "État", ",", " ", "20", " ", "députés", "."]);
        assert_eq!(tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn highlights_the_changed_words() {
        let pieces = word_diff("un groupe de 30 députés", "un groupe de 20 députés");
        assert_eq!(
            pieces,
            Some(
                vec![Piece::Same("un groupe de "), Piece::Removed("30"), Piece::Added("20"), Piece::Same(" députés"),]
            )
        );
        assert_eq!(word_diff("abc def ghi", "xyz uvw rst"), None);
        // Small words kept between changes do not chop a rewrite into pieces.
        assert_eq!(
            word_diff("nous voulons la paix de tous les peuples", "nous voulons une paix durable pour les peuples"),
            Some(vec![
                Piece::Same("nous voulons "),
                Piece::Removed("la"),
                Piece::Added("une"),
                Piece::Same(" paix "),
                Piece::Removed("de tous"),
                Piece::Added("durable pour"),
                Piece::Same(" les peuples"),
            ])
        );
    }

    #[test]
    fn rows_of_a_comparison() {
        let old: Vec<String> = ["a b c", "keep", "gone"].iter().map(|s| s.to_string()).collect();
        let new: Vec<String> = ["a B c", "keep", "new line"].iter().map(|s| s.to_string()).collect();
        let rows = compare_lines(&old, &new);
        assert!(matches!(rows[0], Row::Changed { old: 0, new: 0, .. }));
        assert_eq!(rows[1], Row::Same { old: 1, new: 1, text: "keep" });
        assert_eq!(rows[2], Row::Removed { old: 2, text: "gone" });
        assert_eq!(rows[3], Row::Added { new: 2, text: "new line" });
    }

    proptest! {
        #[test]
        fn tokens_join_back_into_the_line(line in "\\PC{0,30}") {
            prop_assert_eq!(tokens(&line).concat(), line);
        }

        #[test]
        fn word_diff_pieces_rebuild_both_lines(old in "[ab ,.]{0,20}", new in "[ab ,.]{0,20}") {
            if let Some(pieces) = word_diff(&old, &new) {
                let mut rebuilt_old = String::new();
                let mut rebuilt_new = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Same(s) => { rebuilt_old.push_str(s); rebuilt_new.push_str(s); }
                        Piece::Removed(s) => rebuilt_old.push_str(s),
                        Piece::Added(s) => rebuilt_new.push_str(s),
                    }
                }
                prop_assert_eq!(rebuilt_old, old);
                prop_assert_eq!(rebuilt_new, new);
            }
        }
    }
}
