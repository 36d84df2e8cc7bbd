//! Word-level comparison for display: tokens (words, the spaces between them, punctuation)
//! and the rows of a line comparison with word highlighting inside changed lines. Tokens
//! never cut a character as a reader sees it (a grapheme cluster: a flag, an emoji with its
//! modifiers, a letter with its accents), and lines are compared by their text, their
//! kind's marker apart (rule 1).

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use super::change::diff_lines;
use super::kind::{Line, LineKind};

/// Splits a line into tokens: runs of letters and digits, runs of white space, and single
/// other characters, each character being a whole grapheme cluster (a flag or an emoji
/// with its skin tone is one character). Joining the tokens gives the line back.
pub fn tokens(line: &str) -> Vec<&str> {
    // Segmenting graphemes is most of the cost of reconciling words; a line made only of
    // characters that are always a cluster of their own (French text, as a rule) is cut by
    // characters, with the same result.
    if line.chars().all(stands_alone) {
        split_tokens(line, line.char_indices().map(|(index, c)| (index, &line[index..index + c.len_utf8()])))
    } else {
        split_tokens(line, line.grapheme_indices(true))
    }
}

/// Characters that never join another in a grapheme cluster (UAX #29: neither Extend,
/// ZWJ, SpacingMark, Prepend, Regional_Indicator nor Hangul, and not CR or LF): Latin
/// letters with their precomposed accents, and the general punctuation and spaces French
/// typography uses.
fn stands_alone(c: char) -> bool {
    let c = u32::from(c);
    (c < 0x300 && c != 0x0D && c != 0x0A)
        || (0x2000..=0x200A).contains(&c)
        || (0x2010..=0x2027).contains(&c)
        || (0x202F..=0x205F).contains(&c)
        || c == 0x20AC
}

fn split_tokens<'a>(line: &'a str, units: impl Iterator<Item = (usize, &'a str)>) -> Vec<&'a str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |grapheme: &str| match grapheme.chars().next() {
        Some(c) if c.is_alphanumeric() => Class::Word,
        Some(c) if c.is_whitespace() => Class::Space,
        _ => Class::Other,
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (index, grapheme) in units {
        let this = class(grapheme);
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
    if ((2 * kept) as f32) < MIN_SIMILARITY * total as f32 {
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
    Same {
        old: usize,
        new: usize,
        line: Line<'a>,
    },
    Removed {
        old: usize,
        line: Line<'a>,
    },
    Added {
        new: usize,
        line: Line<'a>,
    },
    /// A line changed in its text (`pieces`, compared word by word) or its kind, or both.
    Changed {
        old: usize,
        new: usize,
        before: LineKind,
        after: LineKind,
        pieces: Vec<Piece<'a>>,
    },
}

/// Compares two sequences of lines: a line diff, then, inside each hunk, lines paired in
/// order and their texts highlighted word by word when they are alike enough.
pub fn compare_lines<'a>(old: &'a [String], new: &'a [String]) -> Vec<Row<'a>> {
    let mut rows = Vec::with_capacity(old.len().max(new.len()));
    let (mut old_at, mut new_at) = (0, 0);
    let same_run = |rows: &mut Vec<Row<'a>>, old_from: usize, new_from: usize, len: usize| {
        for offset in 0..len {
            let line = Line::parse(&old[old_from + offset]);
            rows.push(Row::Same { old: old_from + offset, new: new_from + offset, line });
        }
    };
    for change in diff_lines(old, new) {
        same_run(&mut rows, old_at, new_at, change.old.start - old_at);
        let paired = change.old.count.min(change.new.count);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for offset in 0..paired {
            let (o, n) = (change.old.start + offset, change.new.start + offset);
            let (before, after) = (Line::parse(&old[o]), Line::parse(&new[n]));
            match word_diff(before.text, after.text) {
                Some(pieces) => {
                    flush(&mut rows, &mut removed, &mut added);
                    rows.push(Row::Changed { old: o, new: n, before: before.kind, after: after.kind, pieces });
                }
                None => {
                    removed.push(Row::Removed { old: o, line: before });
                    added.push(Row::Added { new: n, line: after });
                }
            }
        }
        let unpaired_old = change.old.start + paired..change.old.end();
        removed.extend(
            (unpaired_old.clone().zip(&old[unpaired_old]))
                .map(|(o, text)| Row::Removed { old: o, line: Line::parse(text) }),
        );
        let unpaired_new = change.new.start + paired..change.new.end();
        added.extend(
            (unpaired_new.clone().zip(&new[unpaired_new]))
                .map(|(n, text)| Row::Added { new: n, line: Line::parse(text) }),
        );
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
        // A run of white space is one token, whatever its characters.
        assert_eq!(tokens("fin.  \u{a0}Suite"), vec!["fin", ".", "  \u{a0}", "Suite"]);
    }

    #[test]
    fn tokens_never_cut_a_character_as_a_reader_sees_it() {
        // A flag is two regional indicators; a thumbs-up may carry a skin tone; a letter may
        // carry an accent that no precomposed character holds.
        let france = "\u{1F1EB}\u{1F1F7}";
        let thumbs = "\u{1F44D}\u{1F3FD}";
        assert_eq!(tokens(&format!("{france}{thumbs}!")), vec![france, thumbs, "!"]);
        assert_eq!(tokens("q\u{303}uoi"), vec!["q\u{303}uoi"]);
    }

    #[test]
    fn a_changed_flag_is_one_removal_and_one_insertion() {
        let (france, germany) = ("\u{1F1EB}\u{1F1F7}", "\u{1F1E9}\u{1F1EA}");
        let old = format!("Drapeau {france} ici");
        let new = format!("Drapeau {germany} ici");
        assert_eq!(
            word_diff(&old, &new),
            Some(vec![Piece::Same("Drapeau "), Piece::Removed(france), Piece::Added(germany), Piece::Same(" ici")])
        );
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
    fn unchanged_stretches_of_up_to_three_letters_between_changes_are_folded() {
        let folded = word_diff("début aa xyz bb fin commune", "début cc xyz dd fin commune");
        assert_eq!(
            folded,
            Some(vec![
                Piece::Same("début "),
                Piece::Removed("aa xyz bb"),
                Piece::Added("cc xyz dd"),
                Piece::Same(" fin commune"),
            ])
        );
        let kept = word_diff("début aa wxyz bb fin commune", "début cc wxyz dd fin commune");
        assert_eq!(
            kept,
            Some(vec![
                Piece::Same("début "),
                Piece::Removed("aa"),
                Piece::Added("cc"),
                Piece::Same(" wxyz "),
                Piece::Removed("bb"),
                Piece::Added("dd"),
                Piece::Same(" fin commune"),
            ])
        );
    }

    #[test]
    fn lines_are_highlighted_from_two_fifths_of_their_letters_in_common() {
        // 4 letters kept of 10 + 10: twice 4 is 8, two fifths of 20.
        assert_eq!(
            word_diff("abcd efghij", "abcd klmnop"),
            Some(vec![Piece::Same("abcd "), Piece::Removed("efghij"), Piece::Added("klmnop")])
        );
        assert_eq!(word_diff("abc defghij", "abc klmnopq"), None);
        // Nothing to compare but spaces: nothing stops highlighting.
        assert_eq!(word_diff(" ", "  "), Some(vec![Piece::Removed(" "), Piece::Added("  ")]));
    }

    #[test]
    fn short_stretches_are_folded_wherever_the_changes_are() {
        // Changes from the very start of the line.
        assert_eq!(
            word_diff("aa xyz bb fin commune", "cc xyz dd fin commune"),
            Some(vec![Piece::Removed("aa xyz bb"), Piece::Added("cc xyz dd"), Piece::Same(" fin commune")])
        );
        // A fold after a change kept apart by a longer stretch.
        assert_eq!(
            word_diff("début aa wxyz bb de cc fin", "début AA wxyz BB de CC fin"),
            Some(vec![
                Piece::Same("début "),
                Piece::Removed("aa"),
                Piece::Added("AA"),
                Piece::Same(" wxyz "),
                Piece::Removed("bb de cc"),
                Piece::Added("BB de CC"),
                Piece::Same(" fin"),
            ])
        );
    }

    #[test]
    fn rows_of_a_hunk_pair_its_lines_in_order() {
        let lines = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let old = lines(&["titre", "a b c", "d e f", "fin", "signé"]);
        let new = lines(&["titre", "a B c", "d E f", "ajout", "fin", "signé"]);
        let rows = compare_lines(&old, &new);
        let places: Vec<(Option<usize>, Option<usize>)> = rows
            .iter()
            .map(|row| match row {
                Row::Same { old, new, .. } | Row::Changed { old, new, .. } => (Some(*old), Some(*new)),
                Row::Removed { old, .. } => (Some(*old), None),
                Row::Added { new, .. } => (None, Some(*new)),
            })
            .collect();
        assert_eq!(
            places,
            [
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (Some(2), Some(2)),
                (None, Some(3)),
                (Some(3), Some(4)),
                (Some(4), Some(5))
            ]
        );
        assert!(matches!(&rows[2], Row::Changed { pieces, .. } if pieces.contains(&Piece::Added("E"))), "{rows:?}");
        assert_eq!(rows[5], Row::Same { old: 4, new: 5, line: Line { kind: LineKind::Paragraph, text: "signé" } });
    }

    #[test]
    fn rows_of_a_comparison() {
        let old: Vec<String> = ["a b c", "keep", "gone"].iter().map(|s| s.to_string()).collect();
        let new: Vec<String> = ["a B c", "keep", "new line"].iter().map(|s| s.to_string()).collect();
        let rows = compare_lines(&old, &new);
        assert!(matches!(rows[0], Row::Changed { old: 0, new: 0, .. }));
        let paragraph = |text| Line { kind: LineKind::Paragraph, text };
        assert_eq!(rows[1], Row::Same { old: 1, new: 1, line: paragraph("keep") });
        assert_eq!(rows[2], Row::Removed { old: 2, line: paragraph("gone") });
        assert_eq!(rows[3], Row::Added { new: 2, line: paragraph("new line") });
    }

    #[test]
    fn markers_are_compared_as_kinds_never_as_words() {
        let old: Vec<String> = vec!["- Porter le SMIC à 1 600 euros".to_owned()];
        let new: Vec<String> = vec!["### Porter le SMIC à 1 800 euros".to_owned()];
        let rows = compare_lines(&old, &new);
        let Some(Row::Changed { before, after, pieces, .. }) = rows.first() else {
            panic!("{rows:?}");
        };
        assert_eq!((*before, *after), (LineKind::ListItem { depth: 0, number: None }, LineKind::Heading { level: 3 }));
        assert_eq!(pieces.first(), Some(&Piece::Same("Porter le SMIC à 1 ")));
        assert!(
            pieces.iter().all(
                |piece| !matches!(piece, Piece::Removed(s) | Piece::Added(s) if s.contains('#') || s.contains('-'))
            )
        );
    }

    #[test]
    fn every_pair_of_characters_said_to_stand_alone_makes_two_graphemes() {
        let alone: Vec<char> = (0..=0x20AC_u32).filter_map(char::from_u32).filter(|c| stands_alone(*c)).collect();
        let mut pair = String::new();
        for &a in &alone {
            for &b in &alone {
                pair.clear();
                pair.push(a);
                pair.push(b);
                assert_eq!(pair.graphemes(true).count(), 2, "{pair:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn tokens_join_back_into_the_line(line in "\\PC{0,30}") {
            prop_assert_eq!(tokens(&line).concat(), line);
        }

        #[test]
        fn cutting_by_characters_agrees_with_grapheme_segmentation(
            line in "[a-zéèàçœ’«»\u{a0}\u{202f}\u{2013}\u{20ac} ,.'0-9\u{300}\u{301}\u{200d}\u{1f44d}\u{1f3fd}\u{1f1eb}\u{1f1f7}]{0,30}"
        ) {
            let by_graphemes = split_tokens(&line, line.grapheme_indices(true));
            prop_assert_eq!(tokens(&line), by_graphemes);
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
