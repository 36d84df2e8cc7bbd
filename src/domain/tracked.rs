//! Tracked changes: a later revision of a text as an office document shows it, with each
//! insertion and deletion since an earlier one marked and attributed to whoever made it
//! (an amendment, or a drafter's edit), so that a word processor accepts or rejects them
//! one by one. Accepting every change gives the later text, rejecting every one the
//! earlier (a property test checks both).

use std::collections::HashMap;
use std::ops::Range;

use super::change::Change;
#[cfg(test)]
use super::change::diff_lines;
use super::kind::{Line, LineKind};
use super::span::Span;
use super::words::{Piece, Row, compare_lines};

/// Whether a stretch of text is unchanged, inserted or deleted, and by whom: an index into
/// the contributors the caller keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Same,
    Inserted(usize),
    Deleted(usize),
}

/// A stretch of a paragraph's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub mark: Mark,
}

/// One paragraph of the document: its kind (from the later revision, or the earlier one
/// for a paragraph deleted), its text in runs, and whether the paragraph itself was
/// inserted or deleted whole (`Same`: it was there before and still is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: LineKind,
    /// What the stored line holds before its text: its marker (`## `, `- `) and indentation.
    pub marker: String,
    /// For a paragraph reworded whose kind or marker changed too, the old ones.
    pub before: Option<(LineKind, String)>,
    pub runs: Vec<Run>,
    pub whole: Mark,
}

/// The document from `old` to `new` (lines as stored, markers and all; the runs hold each
/// line's text without its marker). `inserted_by(j)` names who wrote line `j` of `new`
/// (it is also credited with what a rewording of that line removed); `deleted_by(i)` who
/// removed line `i` of `old`. Rewordings are tracked word by word where the two lines are
/// alike enough, else as the old paragraph deleted and the new one inserted; a change of
/// words that `words` credits (several amendments reworded one line) goes to its maker.
pub fn track(
    old: &[String],
    new: &[String],
    inserted_by: impl Fn(usize) -> usize,
    deleted_by: impl Fn(usize) -> usize,
    words: &WordCredits,
) -> Vec<Paragraph> {
    let whole = |stored: &str, line: Line<'_>, mark: Mark| Paragraph {
        kind: line.kind,
        marker: marker_of(stored),
        before: None,
        runs: if line.text.is_empty() { Vec::new() } else { vec![Run { text: line.text.to_owned(), mark }] },
        whole: mark,
    };
    let mut paragraphs = Vec::with_capacity(new.len());
    for row in compare_lines(old, new) {
        match row {
            Row::Same { new: at, line, .. } => paragraphs.push(whole(&new[at], line, Mark::Same)),
            Row::Removed { old: at, line } => paragraphs.push(whole(&old[at], line, Mark::Deleted(deleted_by(at)))),
            Row::Added { new: at, line } => paragraphs.push(whole(&new[at], line, Mark::Inserted(inserted_by(at)))),
            Row::Changed { old: line, new: at, before, after, pieces } => {
                let (marker, old_marker) = (marker_of(&new[at]), marker_of(&old[line]));
                let before = (before != after || marker != old_marker).then_some((before, old_marker));
                let by = inserted_by(at);
                let ranges = change_ranges(&pieces);
                let runs = pieces
                    .iter()
                    .zip(ranges)
                    .map(|(piece, range)| {
                        let by = || range.clone().and_then(|range| words.credit(line, range)).unwrap_or(by);
                        match piece {
                            Piece::Same(text) => Run { text: (*text).to_owned(), mark: Mark::Same },
                            Piece::Removed(text) => Run { text: (*text).to_owned(), mark: Mark::Deleted(by()) },
                            Piece::Added(text) => Run { text: (*text).to_owned(), mark: Mark::Inserted(by()) },
                        }
                    })
                    .collect();
                paragraphs.push(Paragraph { kind: after, marker, before, runs, whole: Mark::Same });
            }
        }
    }
    paragraphs
}

/// For each piece of a word comparison, the bytes of the old line's text that the change
/// it belongs to replaces (`None` for unchanged pieces): a deletion and the insertion
/// beside it are one change.
fn change_ranges(pieces: &[Piece<'_>]) -> Vec<Option<Range<usize>>> {
    let mut ranges = vec![None; pieces.len()];
    let (mut offset, mut index) = (0, 0);
    while index < pieces.len() {
        if let Piece::Same(text) = pieces[index] {
            offset += text.len();
            index += 1;
            continue;
        }
        let (start, first) = (offset, index);
        while let Some(piece) = pieces.get(index).filter(|piece| !matches!(piece, Piece::Same(_))) {
            if let Piece::Removed(text) = piece {
                offset += text.len();
            }
            index += 1;
        }
        for slot in &mut ranges[first..index] {
            *slot = Some(start..offset);
        }
    }
    ranges
}

/// Who changed which words of a line, when several amendments reworded it: each
/// amendment's own word changes, by the bytes of the base line's text they replace.
#[derive(Debug, Default)]
pub struct WordCredits {
    by_line: HashMap<usize, Vec<(Range<usize>, usize)>>,
}

impl WordCredits {
    /// The word changes of each edit of `base`: the lines `span` covers replaced by its
    /// lines, credited to the contributor given with it.
    pub fn of<'a>(base: &[String], edits: impl IntoIterator<Item = (Span, &'a [String], usize)>) -> Self {
        let mut by_line: HashMap<usize, Vec<(Range<usize>, usize)>> = HashMap::new();
        for (span, lines, credit) in edits {
            let Some(anchored) = base.get(span.start..span.end()) else { continue };
            for row in compare_lines(anchored, lines) {
                if let Row::Changed { old, pieces, .. } = row {
                    let ranges = change_ranges(&pieces);
                    let mut seen: Option<Range<usize>> = None;
                    for range in ranges.into_iter().flatten() {
                        if seen.as_ref() != Some(&range) {
                            by_line.entry(span.start + old).or_default().push((range.clone(), credit));
                            seen = Some(range);
                        }
                    }
                }
            }
        }
        WordCredits { by_line }
    }

    /// Who replaced `range` of line `line`'s text: an edit whose change overlaps it, else
    /// one whose change touches it (an insertion at its edge).
    pub fn credit(&self, line: usize, range: Range<usize>) -> Option<usize> {
        let changes = self.by_line.get(&line)?;
        let overlaps = |other: &Range<usize>| other.start < range.end && range.start < other.end;
        let touches = |other: &Range<usize>| other.start <= range.end && range.start <= other.end;
        let found = changes.iter().find(|(other, _)| overlaps(other));
        found.or_else(|| changes.iter().find(|(other, _)| touches(other))).map(|(_, credit)| *credit)
    }
}

/// What a stored line holds before its text (its marker and indentation).
fn marker_of(stored: &str) -> String {
    let text = Line::parse(stored).text;
    let offset = (text.as_ptr() as usize).saturating_sub(stored.as_ptr() as usize);
    stored.get(..offset).unwrap_or_default().to_owned()
}

/// The paragraphs' texts with every change accepted.
pub fn accepted(paragraphs: &[Paragraph]) -> Vec<String> {
    resolved(paragraphs, |mark| !matches!(mark, Mark::Deleted(_)))
}

/// The paragraphs' texts with every change rejected.
pub fn rejected(paragraphs: &[Paragraph]) -> Vec<String> {
    resolved(paragraphs, |mark| !matches!(mark, Mark::Inserted(_)))
}

fn resolved(paragraphs: &[Paragraph], kept: impl Fn(Mark) -> bool) -> Vec<String> {
    paragraphs
        .iter()
        .filter(|paragraph| kept(paragraph.whole))
        .map(|paragraph| paragraph.runs.iter().filter(|run| kept(run.mark)).map(|run| run.text.as_str()).collect())
        .collect()
}

/// Who removed each line of a first revision, and where each line still there stands,
/// following the lines through the steps that made later revisions: `steps` gives, for
/// each step in order, the changes it made to the revision before it, `alike(i, j)`,
/// whether line `i` of that revision was reworded into line `j` of the next (then it is
/// followed on, not removed), and `removed_by(change, i)`, who removed line `i` within
/// `change`. For each line of the first revision: who removed it (`None` while it stands),
/// and its place after the last step (`None` once removed).
pub fn follow<'a, A, F>(
    first_len: usize,
    steps: impl IntoIterator<Item = (&'a [Change], A, F)>,
) -> (Vec<Option<usize>>, Vec<Option<usize>>)
where
    A: Fn(usize, usize) -> bool,
    F: Fn(&Change, usize) -> usize,
{
    let mut removers = vec![None; first_len];
    // Where each line of the first revision stands in the current one, while it stands.
    let mut positions: Vec<Option<usize>> = (0..first_len).map(Some).collect();
    for (changes, alike, removed_by) in steps {
        // Changes are in order and apart: each position moves by the changes before it.
        let mut change_at = 0;
        let mut shift: isize = 0;
        for (line, position) in positions.iter_mut().enumerate() {
            let Some(at) = *position else { continue };
            // An insertion just before the line moves it too.
            while let Some(change) = changes.get(change_at)
                && change.old.end() <= at
            {
                shift += change.delta();
                change_at += 1;
            }
            match changes.get(change_at) {
                Some(change) if change.old.start <= at && at < change.old.end() => {
                    // Lines of a change pair up in order, as comparisons show them.
                    let paired = change.new.start + (at - change.old.start);
                    if at - change.old.start < change.new.count && alike(at, paired) {
                        *position = Some(paired);
                    } else {
                        removers[line] = Some(removed_by(change, at));
                        *position = None;
                    }
                }
                _ => *position = Some(at.saturating_add_signed(shift)),
            }
        }
    }
    (removers, positions)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn words_changed_in_a_paragraph_are_tracked_word_by_word() {
        let old = lines(&["# Titre", "Neutralité carbone en 2030.", "Supprimé."]);
        let new = lines(&["# Titre", "Neutralité carbone en 2035.", "- Ajouté."]);
        let paragraphs = track(&old, &new, |j| 10 + j, |i| 20 + i, &WordCredits::default());
        assert_eq!(paragraphs[0].whole, Mark::Same);
        assert_eq!(
            paragraphs[1].runs,
            vec![
                Run { text: "Neutralité carbone en ".into(), mark: Mark::Same },
                Run { text: "2030".into(), mark: Mark::Deleted(11) },
                Run { text: "2035".into(), mark: Mark::Inserted(11) },
                Run { text: ".".into(), mark: Mark::Same },
            ]
        );
        assert_eq!(paragraphs[2].whole, Mark::Deleted(22));
        assert_eq!(paragraphs[3].whole, Mark::Inserted(12));
        assert!(matches!(paragraphs[3].kind, LineKind::ListItem { .. }));
        assert_eq!((paragraphs[0].marker.as_str(), paragraphs[3].marker.as_str()), ("# ", "- "));
        assert_eq!(accepted(&paragraphs), ["Titre", "Neutralité carbone en 2035.", "Ajouté."]);
        assert_eq!(rejected(&paragraphs), ["Titre", "Neutralité carbone en 2030.", "Supprimé."]);
    }

    #[test]
    fn words_changed_by_two_amendments_are_credited_to_each() {
        let goal = "Neutralité carbone en 2030 avec 100 % de renouvelables.";
        let base = lines(&[goal]);
        let (year, share) = (lines(&[&goal.replace("2030", "2035")]), lines(&[&goal.replace("100", "90")]));
        let words =
            WordCredits::of(&base, [(Span::new(0, 1), year.as_slice(), 7), (Span::new(0, 1), share.as_slice(), 8)]);
        let both = lines(&[&goal.replace("2030", "2035").replace("100", "90")]);
        let paragraphs = track(&base, &both, |_| 0, |_| 0, &words);
        let credited: Vec<(&str, Mark)> = paragraphs[0]
            .runs
            .iter()
            .filter(|run| run.mark != Mark::Same)
            .map(|run| (run.text.as_str(), run.mark))
            .collect();
        assert_eq!(
            credited,
            [
                ("2030", Mark::Deleted(7)),
                ("2035", Mark::Inserted(7)),
                ("100", Mark::Deleted(8)),
                ("90", Mark::Inserted(8))
            ]
        );
    }

    #[test]
    fn lines_are_followed_through_steps_to_whoever_removed_them() {
        // a b c d → (b removed) a c d → (d replaced, x inserted at the start) x a c e
        let first = lines(&["a", "b", "c", "d"]);
        let second = lines(&["a", "c", "d"]);
        let third = lines(&["x", "a", "c", "e"]);
        let (one, two) = (diff_lines(&first, &second), diff_lines(&second, &third));
        let by_one: fn(&Change, usize) -> usize = |_, at| 100 + at;
        let by_two: fn(&Change, usize) -> usize = |_, at| 200 + at;
        let unlike = |_: usize, _: usize| false;
        let (removers, _) = follow(4, [(one.as_slice(), unlike, by_one), (two.as_slice(), unlike, by_two)]);
        assert_eq!(removers, [None, Some(101), None, Some(202)]);
        // Reworded in the first step, removed in the second: the second removed it.
        let (a, b, c) = (lines(&["x", "mot"]), lines(&["x", "mot revu"]), lines(&["x"]));
        let (one, two) = (diff_lines(&a, &b), diff_lines(&b, &c));
        let alike = |_: usize, _: usize| true;
        let (removers, _) = follow(2, [(one.as_slice(), alike, by_one), (two.as_slice(), alike, by_two)]);
        assert_eq!(removers, [None, Some(201)]);
    }

    fn paragraph_lines() -> impl Strategy<Value = Vec<String>> {
        let word = prop_oneof!["[a-c]{1,3}", Just("2030".to_owned()), Just("é".to_owned())];
        let line = (prop_oneof![Just(""), Just("# "), Just("- ")], prop::collection::vec(word, 1..6))
            .prop_map(|(marker, words)| format!("{marker}{}", words.join(" ")));
        prop::collection::vec(line, 0..8)
    }

    fn texts(lines: &[String]) -> Vec<String> {
        lines.iter().map(|line| Line::parse(line).text.to_owned()).collect()
    }

    proptest! {
        #[test]
        fn accepting_gives_the_new_text_and_rejecting_the_old(old in paragraph_lines(), new in paragraph_lines()) {
            let paragraphs = track(&old, &new, |j| j, |i| i, &WordCredits::default());
            prop_assert_eq!(accepted(&paragraphs), texts(&new));
            prop_assert_eq!(rejected(&paragraphs), texts(&old));
        }

        #[test]
        fn lines_followed_through_steps_land_on_themselves(a in paragraph_lines(), b in paragraph_lines(), c in paragraph_lines()) {
            let (one, two) = (diff_lines(&a, &b), diff_lines(&b, &c));
            let step = |_: &Change, at: usize| at;
            let unlike = |_: usize, _: usize| false;
            let (removers, positions) = follow(a.len(), [(one.as_slice(), unlike, step), (two.as_slice(), unlike, step)]);
            let mut last = None;
            for (line, (remover, position)) in removers.iter().zip(&positions).enumerate() {
                // A line is either removed or still there, as itself, in order.
                prop_assert!(remover.is_some() != position.is_some());
                if let Some(position) = *position {
                    prop_assert_eq!(&c[position], &a[line]);
                    prop_assert!(last.is_none_or(|last| last < position));
                    last = Some(position);
                }
            }
        }
    }
}
