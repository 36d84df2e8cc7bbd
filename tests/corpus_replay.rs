//! Replays the real revision histories of `testdata/corpus` through the domain's merge and
//! rebase (DESIGN rule 7), with changes computed by GNU diff rather than by Redraft's own
//! diff: for every consecutive pair of revisions k → k+1, the hunks of GNU `diff -U0`
//! become edits, and
//! - merging them all onto k gives k+1;
//! - merging every other hunk onto k, then rebasing the remaining ones over that merge
//!   (none may be touched, and each must still anchor the same lines) and merging them,
//!   gives k+1, whichever half goes first;
//! - the same with each hunk cut into pieces that touch each other (adjacent replacements,
//!   an insertion at the start or at the end of a replacement, two insertions at one point);
//! - word level (rule 9): each hunk rewriting its lines one for one split into two
//!   amendments on the same lines, each with half of its word changes, merged at once or
//!   one after the other (the second rebased word by word), gives k+1 with no collision.

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{Document, Hunk};
use redraft::domain::change::diff_lines;
use redraft::domain::merge::{Edit, MergeError, apply_edits};
use redraft::domain::rebase::{Rebased, Rebaser};
use redraft::domain::reconcile::{merge_lines, rebase_amendment};
use redraft::domain::span::Span;
use redraft::domain::words::tokens;

fn edit_of(hunk: &Hunk) -> Edit<'_, String> {
    Edit { span: Span::new(hunk.old_start - 1, hunk.old_count), replacement: &hunk.new_lines }
}

/// What one document's replay checked.
#[derive(Debug, Default)]
struct Replayed {
    pairs: usize,
    hunks: usize,
    rebased: usize,
}

/// Merges `first` onto `base`, rebases `second` over that merge and merges it; returns the
/// final text.
fn merge_in_two_steps(
    context: &str,
    base: &[String],
    first: &[Edit<'_, String>],
    second: &[Edit<'_, String>],
) -> Vec<String> {
    let merged = apply_edits(base, first).unwrap_or_else(|error| panic!("{context}: merging the first batch: {error}"));
    let rebaser = Rebaser::new(&merged.changes);
    let moved: Vec<Edit<'_, String>> = second
        .iter()
        .map(|edit| match rebaser.rebase(edit.span) {
            Rebased::Moved(span) => {
                assert_eq!(span.count, edit.span.count, "{context}: rebasing {:?} changed its length", edit.span);
                assert_eq!(
                    merged.items[span.start..span.end()],
                    base[edit.span.start..edit.span.end()],
                    "{context}: {:?} rebased to {span:?}, which holds other lines",
                    edit.span
                );
                Edit { span, replacement: edit.replacement }
            }
            // GNU diff separates its hunks by unchanged lines, so none touches another.
            Rebased::Touched => panic!("{context}: {:?} is touched by the first batch", edit.span),
        })
        .collect();
    apply_edits(&merged.items, &moved)
        .unwrap_or_else(|error| panic!("{context}: merging the rebased second batch: {error}"))
        .items
}

fn replay(document: &Document) -> Replayed {
    let name = &document.name;
    assert_eq!(document.hunks.len() + 1, document.revisions.len(), "{name}: one list of hunks per consecutive pair");
    let mut replayed = Replayed::default();
    for (k, hunks) in document.hunks.iter().enumerate() {
        let (old, new) = (&document.revisions[k], &document.revisions[k + 1]);
        let context = format!("{name}, rev-{:04} -> rev-{:04} ({} hunks)", k + 1, k + 2, hunks.len());
        // The corpus never repeats a revision, so every pair changes something.
        assert!(!hunks.is_empty(), "{context}: no change");
        let edits: Vec<_> = hunks.iter().map(edit_of).collect();

        let at_once = apply_edits(old, &edits).unwrap_or_else(|error| panic!("{context}: merging all hunks: {error}"));
        assert!(at_once.items == *new, "{context}: merging all hunks at once does not give the next revision");

        let even: Vec<_> = hunks.iter().step_by(2).map(edit_of).collect();
        let odd: Vec<_> = hunks.iter().skip(1).step_by(2).map(edit_of).collect();
        for (order, first, second) in [("even then odd", &even, &odd), ("odd then even", &odd, &even)] {
            let context = format!("{context}, {order} hunks");
            let result = merge_in_two_steps(&context, old, first, second);
            assert!(result == *new, "{context}: merging in two steps does not give the next revision");
            replayed.rebased += second.len();
        }
        replayed.pairs += 1;
        replayed.hunks += hunks.len();
    }
    println!(
        "{name}: {} pairs and {} hunks replayed ({} edits rebased over the other half)",
        replayed.pairs, replayed.hunks, replayed.rebased
    );
    replayed
}

fn replay_document(name: &str, revisions: usize) {
    let document = corpus::load(name);
    assert_eq!(document.revisions.len(), revisions, "{name}: number of revisions");
    let replayed = replay(&document);
    assert_eq!(replayed.pairs, revisions - 1, "{name}: pairs replayed");
    assert_eq!(replayed.hunks, document.hunk_count(), "{name}: hunks replayed");
    // Each hunk is rebased once: in the second batch of one of the two orders.
    assert_eq!(replayed.rebased, replayed.hunks, "{name}: hunks rebased");
}

#[test]
fn reglement_assemblee_nationale() {
    replay_document("reglement-assemblee-nationale", 37);
}

#[test]
fn code_propriete_intellectuelle() {
    replay_document("code-propriete-intellectuelle", 12);
}

#[test]
fn politique_contribution_logiciels_libres() {
    replay_document("politique-contribution-logiciels-libres", 165);
}

#[test]
fn the_corpus_has_the_three_documents() {
    let started = std::time::Instant::now();
    let documents = corpus::all();
    let elapsed = started.elapsed();
    let names: Vec<_> = documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["code-propriete-intellectuelle", "politique-contribution-logiciels-libres", "reglement-assemblee-nationale",]
    );
    for document in &documents {
        println!(
            "{}: {} revisions, {} to {} lines, {} hunks",
            document.name,
            document.revisions.len(),
            document.revisions.iter().map(Vec::len).min().unwrap_or(0),
            document.revisions.iter().map(Vec::len).max().unwrap_or(0),
            document.hunk_count()
        );
    }
    println!("loaded in {elapsed:?}");
}

// ---------------------------------------------------------------------------------------
// Adversarial replay: the same histories, with each hunk cut into pieces that sit against
// each other, so that merge and rebase meet their edge cases on real texts: adjacent
// replacements, insertions at the start of a replacement, two insertions at one point,
// and insertions at the end of a replacement.

/// One piece of a hunk: replace `count` lines from 0-based `start` with `lines`.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    count: usize,
    lines: Vec<String>,
}

impl Piece {
    fn edit(&self) -> Edit<'_, String> {
        Edit { span: Span::new(self.start, self.count), replacement: &self.lines }
    }
}

/// How a hunk is cut.
#[derive(Clone, Copy, Debug)]
enum Cut {
    /// The first replaced line by the first new line, the rest by the rest.
    AdjacentReplacements,
    /// The first new line inserted at the start of the range, the rest replacing it (or,
    /// for a pure insertion, inserted at the same point after it).
    InsertionAtTheStart,
    /// The range replaced by the new lines but the last, which are inserted at its end.
    InsertionAtTheEnd,
}

/// A hunk cut into a first and a second piece, in text order, or `None` when it is too
/// small to cut that way.
fn cut(hunk: &Hunk, how: Cut) -> Option<(Piece, Piece)> {
    let start = hunk.old_start - 1;
    let (count, lines) = (hunk.old_count, &hunk.new_lines);
    match how {
        Cut::AdjacentReplacements if count >= 2 => {
            let split = lines.len().min(1);
            Some((
                Piece { start, count: 1, lines: lines[..split].to_vec() },
                Piece { start: start + 1, count: count - 1, lines: lines[split..].to_vec() },
            ))
        }
        Cut::InsertionAtTheStart if lines.len() >= 2 => Some((
            Piece { start, count: 0, lines: lines[..1].to_vec() },
            Piece { start, count, lines: lines[1..].to_vec() },
        )),
        Cut::InsertionAtTheEnd if count >= 1 && lines.len() >= 2 => {
            let split = lines.len() - 1;
            Some((
                Piece { start, count, lines: lines[..split].to_vec() },
                Piece { start: start + count, count: 0, lines: lines[split..].to_vec() },
            ))
        }
        _ => None,
    }
}

/// Merges `first` then, rebased over exactly what that merge changed, `second`.
fn merge_pieces_in_two_steps(context: &str, base: &[String], first: &[Piece], second: &[Piece]) -> Vec<String> {
    let first: Vec<_> = first.iter().map(Piece::edit).collect();
    let second: Vec<_> = second.iter().map(Piece::edit).collect();
    merge_in_two_steps(context, base, &first, &second)
}

fn adversarial_replay(document: &Document, how: Cut) -> usize {
    let mut cut_hunks = 0;
    for (k, hunks) in document.hunks.iter().enumerate() {
        let (old, new) = (&document.revisions[k], &document.revisions[k + 1]);
        let context = format!("{}, rev-{:04} -> rev-{:04}, {how:?}", document.name, k + 1, k + 2);
        let (mut firsts, mut seconds) = (Vec::new(), Vec::new());
        for hunk in hunks {
            match cut(hunk, how) {
                Some((first, second)) => {
                    firsts.push(first);
                    seconds.push(second);
                    cut_hunks += 1;
                }
                None => firsts.push(Piece {
                    start: hunk.old_start - 1,
                    count: hunk.old_count,
                    lines: hunk.new_lines.clone(),
                }),
            }
        }
        // All at once, in text order.
        let mut all: Vec<Piece> = firsts.iter().chain(&seconds).cloned().collect();
        all.sort_by_key(|piece| (piece.start, piece.count > 0));
        let edits: Vec<_> = all.iter().map(Piece::edit).collect();
        let at_once = apply_edits(old, &edits).unwrap_or_else(|error| panic!("{context}: at once: {error}"));
        assert!(at_once.items == *new, "{context}: the pieces merged at once do not give the next revision");
        // The first pieces, then the second ones rebased onto that merge.
        let result = merge_pieces_in_two_steps(&context, old, &firsts, &seconds);
        assert!(result == *new, "{context}: first pieces then second ones do not give the next revision");
        // The other way round, except where both pieces insert at one point: there the
        // first merged goes first (rule 6), which is not text order.
        if !matches!(how, Cut::InsertionAtTheStart) {
            let result = merge_pieces_in_two_steps(&context, old, &seconds, &firsts);
            assert!(result == *new, "{context}: second pieces then first ones do not give the next revision");
        }
    }
    cut_hunks
}

#[test]
fn hunks_cut_into_pieces_that_touch_each_other_still_merge_and_rebase_exactly() {
    for document in corpus::all() {
        for how in [Cut::AdjacentReplacements, Cut::InsertionAtTheStart, Cut::InsertionAtTheEnd] {
            let cut_hunks = adversarial_replay(&document, how);
            assert!(cut_hunks > 0, "{}: no hunk could be cut {how:?}", document.name);
            println!("{}: {cut_hunks} hunks cut {how:?}", document.name);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Word-level replay (rule 9): each hunk that rewrites its lines one for one is split into
// two amendments on the same lines, one with every other word change of the hunk, the
// other with the rest. Line by line they collide; word by word they must not.

/// The hunk's lines with only the word changes `keep` says to keep (given each change's
/// index in its line and how many its line has), or `None` when the hunk does not rewrite
/// its lines one for one.
fn with_some_word_changes(
    old: &[String],
    hunk: &Hunk,
    keep: impl Fn(usize, usize) -> bool,
) -> Option<(Vec<String>, usize)> {
    if hunk.old_count == 0 || hunk.old_count != hunk.new_lines.len() {
        return None;
    }
    let mut numbered = 0;
    let mut lines = Vec::with_capacity(hunk.old_count);
    for (old_line, new_line) in old[hunk.old_start - 1..][..hunk.old_count].iter().zip(&hunk.new_lines) {
        let (from, to) = (tokens(old_line), tokens(new_line));
        let mut line = String::new();
        let mut copied = 0;
        let changes = diff_lines(&from, &to);
        for (index, change) in changes.iter().enumerate() {
            line.extend(from[copied..change.old.start].iter().copied());
            let kept = if keep(index, changes.len()) {
                &to[change.new.start..change.new.end()]
            } else {
                &from[change.old.start..change.old.end()]
            };
            line.extend(kept.iter().copied());
            copied = change.old.end();
            numbered += 1;
        }
        line.extend(from[copied..].iter().copied());
        lines.push(line);
    }
    Some((lines, numbered))
}

/// A hunk split in two amendments on its lines, or `None` when it cannot be: in each line,
/// the first amendment makes the first half of the word changes and the second the rest,
/// as two members would amend the start and the end of one alinéa.
fn split_by_words(old: &[String], hunk: &Hunk) -> Option<(Piece, Piece)> {
    let (even, changes) = with_some_word_changes(old, hunk, |index, count| index < count.div_ceil(2))?;
    let (odd, _) = with_some_word_changes(old, hunk, |index, count| index >= count.div_ceil(2))?;
    // Each half must change something, and leave no alinéa blank.
    let base = &old[hunk.old_start - 1..][..hunk.old_count];
    let valid = |lines: &[String]| lines != base && lines.iter().all(|line| !line.trim().is_empty());
    if changes < 2 || !valid(&even) || !valid(&odd) {
        return None;
    }
    let start = hunk.old_start - 1;
    Some((Piece { start, count: hunk.old_count, lines: even }, Piece { start, count: hunk.old_count, lines: odd }))
}

fn word_level_replay(document: &Document) -> usize {
    let mut split_hunks = 0;
    for (k, hunks) in document.hunks.iter().enumerate() {
        let (old, new) = (&document.revisions[k], &document.revisions[k + 1]);
        let context = format!("{}, rev-{:04} -> rev-{:04}, split by words", document.name, k + 1, k + 2);
        let (mut firsts, mut seconds) = (Vec::new(), Vec::new());
        for hunk in hunks {
            match split_by_words(old, hunk) {
                Some((first, second)) => {
                    firsts.push(first);
                    seconds.push(second);
                    split_hunks += 1;
                }
                None => firsts.push(Piece {
                    start: hunk.old_start - 1,
                    count: hunk.old_count,
                    lines: hunk.new_lines.clone(),
                }),
            }
        }
        // All at once: the two halves of each split hunk collide line by line, and are
        // reconciled word by word.
        let all: Vec<Piece> = firsts.iter().chain(&seconds).cloned().collect();
        let edits: Vec<_> = all.iter().map(Piece::edit).collect();
        let at_once = merge_lines(old, &edits).unwrap_or_else(|error| match &error {
            MergeError::Collisions(pairs) if !pairs.is_empty() => {
                let (a, b) = (&all[pairs[0].first], &all[pairs[0].second]);
                let base = &old[a.start..a.start + a.count];
                panic!("{context}: at once: {error:?}\nbase {base:?}\none {:?}\nother {:?}", a.lines, b.lines)
            }
            _ => panic!("{context}: at once: {error:?}"),
        });
        assert!(at_once.merged.items == *new, "{context}: the halves merged at once do not give the next revision");

        // The first halves, then the second ones rebased word by word onto that merge.
        let first: Vec<_> = firsts.iter().map(Piece::edit).collect();
        let merged = merge_lines(old, &first).unwrap_or_else(|error| panic!("{context}: first halves: {error:?}"));
        let rebaser = Rebaser::new(&merged.merged.changes);
        let mut rebased = Vec::with_capacity(seconds.len());
        for second in &seconds {
            let span = Span::new(second.start, second.count);
            assert_eq!(
                rebaser.rebase(span),
                Rebased::Touched,
                "{context}: {span:?} shares its lines with its other half"
            );
            let (new_span, mut lines) =
                rebase_amendment(old, &merged.merged.items, span, rebaser.passage(span), &[&second.lines])
                    .unwrap_or_else(|| panic!("{context}: the second half at {span:?} was outdated"));
            rebased.push(Piece { start: new_span.start, count: new_span.count, lines: lines.remove(0) });
        }
        let second: Vec<_> = rebased.iter().map(Piece::edit).collect();
        let result = merge_lines(&merged.merged.items, &second)
            .unwrap_or_else(|error| panic!("{context}: rebased second halves: {error:?}"));
        assert!(result.merged.items == *new, "{context}: first halves then second ones do not give the next revision");
    }
    split_hunks
}

#[test]
fn hunks_split_by_words_into_two_amendments_merge_and_rebase_without_collision() {
    for document in corpus::all() {
        let split_hunks = word_level_replay(&document);
        println!("{}: {split_hunks} hunks split by words into two amendments", document.name);
        assert!(split_hunks > 0, "{}: no hunk could be split by words", document.name);
    }
}
