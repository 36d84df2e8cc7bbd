//! Replays the real revision histories of `testdata/corpus` through the domain's merge and
//! rebase (DESIGN rule 7), with changes computed by GNU diff rather than by Redraft's own
//! diff: for every consecutive pair of revisions k → k+1, the hunks of GNU `diff -U0`
//! become edits, and
//! - merging them all onto k gives k+1;
//! - merging every other hunk onto k, then rebasing the remaining ones over that merge
//!   (none may be touched, and each must still anchor the same lines) and merging them,
//!   gives k+1, whichever half goes first;
//! - the same with each hunk cut into pieces that touch each other (adjacent replacements,
//!   an insertion at the start or at the end of a replacement, two insertions at one point).

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{Document, Hunk};
use redraft::domain::merge::{Edit, apply_edits};
use redraft::domain::rebase::{Rebased, Rebaser};
use redraft::domain::span::Span;

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
