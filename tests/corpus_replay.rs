//! Replays the real revision histories of `testdata/corpus` through the domain's merge and
//! rebase (DESIGN rule 7), with changes computed by GNU diff rather than by Redraft's own
//! diff: for every consecutive pair of revisions k → k+1, the hunks of GNU `diff -U0`
//! become edits, and
//! - merging them all onto k gives k+1;
//! - merging every other hunk onto k, then rebasing the remaining ones over that merge
//!   (none may be touched, and each must still anchor the same lines) and merging them,
//!   gives k+1, whichever half goes first.

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
