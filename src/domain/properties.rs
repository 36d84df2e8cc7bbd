//! Property tests of the core rules on random texts and amendment sets, each checked
//! against a plain reference model of what the rule says. The models and the checks work on
//! a span's fields with their own arithmetic, never through the `Span` methods (`end`,
//! `fits`, `collides`, `lies_before`, `application_key`) that the code under test uses, so
//! that a fault there cannot hide in the oracle too.

use proptest::prelude::*;

use super::change::diff_lines;
use super::merge::{Edit, MergeError, apply_edits};
use super::provenance::{MergedAmendment, Origin, after_merge};
use super::rebase::{Rebased, Rebaser};
use super::span::Span;

/// Lines from a small alphabet, so that random texts share many lines.
fn text(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec((0u8..6).prop_map(|n| format!("l{n}")), 0..max)
}

/// An edit of a base of `len` lines. Its lines may repeat lines of the base (from the same
/// alphabet), as real amendments keep some of the lines they replace.
fn edit(len: usize) -> impl Strategy<Value = (Span, Vec<String>)> {
    (0..=len).prop_flat_map(move |start| (Just(start), 0..=(len - start).min(4))).prop_flat_map(|(start, count)| {
        let min_new = usize::from(count == 0);
        (Just(Span::new(start, count)), prop::collection::vec("l[0-5]|[xyz][0-9]", min_new..4))
    })
}

/// An anchor inside a text of `len` lines, from a pair of numbers: an insertion point when
/// its count is 0.
fn anchor_in(len: usize, (start, count): (usize, usize)) -> Span {
    let start = start.min(len);
    Span::new(start, count.min(len - start))
}

fn base_and_edits(
    max_lines: usize,
    max_edits: usize,
) -> impl Strategy<Value = (Vec<String>, Vec<(Span, Vec<String>)>)> {
    text(max_lines).prop_flat_map(move |base| {
        let len = base.len();
        (Just(base), prop::collection::vec(edit(len), 0..max_edits))
    })
}

/// Rule 6 read literally, with its own arithmetic: two edits collide when their replaced
/// ranges overlap, or when one's insertion point lies strictly inside the other's range.
fn collide_reference(a: Span, b: Span) -> bool {
    let (a_start, a_end, b_start, b_end) = (a.start, a.start + a.count, b.start, b.start + b.count);
    match (a.count, b.count) {
        (0, 0) => false,
        (0, _) => b_start < a_start && a_start < b_end,
        (_, 0) => a_start < b_start && b_start < a_end,
        _ => a_start < b_end && b_start < a_end,
    }
}

/// Keeps the edits that collide with none kept before them.
fn without_collisions(edits: Vec<(Span, Vec<String>)>) -> Vec<(Span, Vec<String>)> {
    let mut kept: Vec<(Span, Vec<String>)> = Vec::new();
    for (span, lines) in edits {
        if kept.iter().all(|(other, _)| !collide_reference(*other, span)) {
            kept.push((span, lines));
        }
    }
    kept
}

fn as_edits(edits: &[(Span, Vec<String>)]) -> Vec<Edit<'_, String>> {
    edits.iter().map(|(span, lines)| Edit { span: *span, replacement: lines }).collect()
}

/// An item of a text after a merge, for the reference models: an old line by its
/// position, or the `k`th line written by change `change`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tagged {
    Old(usize),
    New { change: usize, k: usize },
}

/// The order rule 6 gives: by position, an insertion before a replacement at the same
/// point, insertions at one point in the order given.
fn reference_order(spans: &[Span]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, spans[i].count > 0, i));
    order
}

/// Applies non-colliding changes `(old span, lines written)` to a text of `len` lines the
/// plain way: one at a time, from the last in rule 6's order to the first, so that earlier
/// positions stay valid. Each line is tagged with where it came from.
fn merge_tagged(len: usize, changes: &[(Span, usize)]) -> Vec<Tagged> {
    let spans: Vec<Span> = changes.iter().map(|(span, _)| *span).collect();
    let mut text: Vec<Tagged> = (0..len).map(Tagged::Old).collect();
    for &change in reference_order(&spans).iter().rev() {
        let (span, written) = changes[change];
        let lines = (0..written).map(|k| Tagged::New { change, k });
        text.splice(span.start..span.start + span.count, lines);
    }
    text
}

/// The reference merge of lines: [`merge_tagged`], then the tags read back.
fn merge_reference(base: &[String], edits: &[(Span, Vec<String>)]) -> Vec<String> {
    let changes: Vec<(Span, usize)> = edits.iter().map(|(span, lines)| (*span, lines.len())).collect();
    merge_tagged(base.len(), &changes)
        .into_iter()
        .map(|tag| match tag {
            Tagged::Old(i) => base[i].clone(),
            Tagged::New { change, k } => edits[change].1[k].clone(),
        })
        .collect()
}

/// Rule 5 read literally, with its own arithmetic, over non-colliding changes `(old span,
/// lines written)` of a text of `len` lines. A change touches a replacement anchor when
/// their ranges overlap or when it inserts strictly inside it, and an insertion point when
/// it replaces lines on both sides of it. An untouched replacement anchor lands where its
/// very lines now are; an insertion point lands before the first line that comes after it:
/// an old line at or after it, or a line written by a replacement starting at or after it
/// or by an insertion after it.
fn rebase_reference(len: usize, anchor: Span, changes: &[(Span, usize)]) -> Rebased {
    let (start, end) = (anchor.start, anchor.start + anchor.count);
    let touched = changes.iter().any(|(change, _)| {
        let (change_start, change_end) = (change.start, change.start + change.count);
        match (anchor.count, change.count) {
            (0, 0) => false,
            (0, _) => change_start < start && start < change_end,
            (_, 0) => start < change_start && change_start < end,
            _ => change_start < end && start < change_end,
        }
    });
    if touched {
        return Rebased::Touched;
    }
    let text = merge_tagged(len, changes);
    let new_start = if anchor.count > 0 {
        text.iter().position(|tag| *tag == Tagged::Old(start))
    } else {
        text.iter().position(|tag| match *tag {
            Tagged::Old(i) => i >= start,
            Tagged::New { change, .. } => {
                let (span, _) = changes[change];
                if span.count > 0 { span.start >= start } else { span.start > start }
            }
        })
    };
    Rebased::Moved(Span::new(new_start.unwrap_or(text.len()), anchor.count))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Comments: cut into text and addresses, a body is whole again, no two text pieces
    /// follow each other, and every address is a web address without a space or a quote.
    #[test]
    fn a_comment_body_is_its_segments(body in "[ a-zA-Zé().,:/\"<>]{0,12}(https?://[a-z.()/]{0,10}[ .,)]?){0,3}[ a-zé<>\"]{0,8}") {
        use super::comment::{Segment, segments};
        let pieces = segments(&body);
        let whole: String = pieces.iter().map(|piece| match piece { Segment::Text(t) | Segment::Link(t) => *t }).collect();
        prop_assert_eq!(&whole, &body);
        for pair in pieces.windows(2) {
            prop_assert!(!matches!(pair, [Segment::Text(_), Segment::Text(_)]), "{:?}", pieces);
        }
        for piece in &pieces {
            if let Segment::Link(address) = piece {
                let lower = address.to_ascii_lowercase();
                prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{}", address);
                prop_assert!(!address.contains(|c: char| c.is_whitespace() || c == '"' || c == '<'), "{}", address);
            }
        }
    }

    /// Member imports: whatever the file, the roster is either every member with a valid
    /// login, each once, or only errors, each on a line the file has, in file order.
    #[test]
    fn a_roster_is_all_good_rows_or_only_errors(rows in proptest::collection::vec("[a-zé ;,\"@.\n]{0,14}", 0..8)) {
        use super::roster::{RosterError, parse};
        let file = rows.join("\n");
        let line_count = file.split('\n').count();
        match parse(&file) {
            Ok(members) => {
                let mut logins: Vec<String> = members.iter().map(|m| m.login.to_lowercase()).collect();
                prop_assert!(members.iter().all(|m| super::fields::login(&m.login).is_ok()));
                logins.sort();
                logins.dedup();
                prop_assert_eq!(logins.len(), members.len());
            }
            Err(RosterError::Rows(errors)) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| (1..=line_count).contains(&e.line)), "{:?}", errors);
                prop_assert!(errors.windows(2).all(|pair| pair[0].line < pair[1].line), "{:?}", errors);
            }
            Err(_) => {}
        }
    }

    /// Votes: however members vote and change their votes, in whatever order, the tally
    /// kept by moving one vote at a time counts exactly each member's last vote.
    #[test]
    fn a_tally_counts_each_members_last_vote(votes in prop::collection::vec((0usize..8, 0usize..3), 0..60)) {
        use super::{Tally, Vote};
        let mut last: Vec<Option<Vote>> = vec![None; 8];
        let mut tally = Tally::default();
        for (member, choice) in votes {
            let choice = Vote::ALL[choice];
            tally = tally.changed(last[member], choice);
            last[member] = Some(choice);
        }
        let counted = |vote: Vote| last.iter().filter(|cast| **cast == Some(vote)).count() as u32;
        prop_assert_eq!(tally, Tally { for_: counted(Vote::For), against: counted(Vote::Against), abstain: counted(Vote::Abstain) });
        let shares: u32 = Vote::ALL.iter().map(|vote| tally.percent(*vote)).sum();
        prop_assert!(tally.total() == 0 || (99..=101).contains(&shares), "{:?} shares {}", tally, shares);
    }

    /// Rule 7, first half: amendments derived from diff(a, b), merged onto a, give b.
    #[test]
    fn merging_the_changes_of_a_diff_rebuilds_the_target(a in text(30), b in text(30)) {
        let changes = diff_lines(&a, &b);
        let edits: Vec<Edit<'_, String>> = changes
            .iter()
            .map(|change| Edit { span: change.old, replacement: &b[change.new.start..change.new.start + change.new.count] })
            .collect();
        let merged = apply_edits(&a, &edits).map(|m| m.items);
        prop_assert_eq!(merged, Ok(b));
    }

    /// Rule 6: a set is refused exactly when some pair collides; otherwise the merge equals
    /// the reference merge.
    #[test]
    fn merge_refuses_exactly_the_colliding_sets((base, edits) in base_and_edits(20, 6)) {
        let any_collision = edits.iter().enumerate().any(|(i, (a, _))| {
            edits[i + 1..].iter().any(|(b, _)| collide_reference(*a, *b))
        });
        match apply_edits(&base, &as_edits(&edits)) {
            Err(MergeError::Collisions(pairs)) => {
                prop_assert!(any_collision);
                prop_assert!(!pairs.is_empty());
                for pair in pairs {
                    prop_assert!(collide_reference(edits[pair.first].0, edits[pair.second].0));
                }
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
            Ok(merged) => {
                prop_assert!(!any_collision);
                prop_assert_eq!(merged.items, merge_reference(&base, &edits));
            }
        }
    }

    /// Rule 7, second half, with rule 5: merging S1 then S2 rebased gives the same text as
    /// merging S1 ∪ S2 at once, and no amendment of S2 is outdated.
    ///
    /// S2 is given in text order. It matters in one case: a merged deletion of the lines
    /// between two insertion points makes them one point, and insertions at one point go in
    /// the order given (rule 6); given in another order, they land in that order.
    #[test]
    fn merging_in_two_batches_equals_merging_once(
        (base, edits) in base_and_edits(20, 8),
        split in any::<prop::sample::Index>(),
    ) {
        let edits = without_collisions(edits);
        let (first, second) = edits.split_at(split.index(edits.len() + 1));
        let mut second = second.to_vec();
        second.sort_by_key(|(span, _)| (span.start, span.count > 0));
        let once = apply_edits(&base, &as_edits(&edits)).map(|m| m.items);

        let merged_first = apply_edits(&base, &as_edits(first));
        prop_assert!(merged_first.is_ok());
        let Ok(merged_first) = merged_first else { return Ok(()) };
        let rebaser = Rebaser::new(&merged_first.changes);
        let mut rebased = Vec::new();
        for (span, lines) in &second {
            match rebaser.rebase(*span) {
                Rebased::Moved(moved) => rebased.push((moved, lines.clone())),
                Rebased::Touched => prop_assert!(false, "{:?} outdated by a set it does not collide with", span),
            }
        }
        let twice = apply_edits(&merged_first.items, &as_edits(&rebased)).map(|m| m.items);
        prop_assert_eq!(twice, once);
    }

    /// Rule 5: the rebaser, carrying an anchor over the changes a merge reports, agrees
    /// with the rule read literally over the edits merged; a moved replacement anchor covers
    /// the very same lines after the move, and lines before and after it stay so.
    #[test]
    fn rebase_matches_the_reference_and_keeps_the_anchored_lines(
        (base, edits) in base_and_edits(20, 6),
        anchor in (0usize..22, 0usize..4),
    ) {
        let edits = without_collisions(edits);
        // Tag each base line with its position so that "the same lines" is checkable.
        let tagged: Vec<String> = (0..base.len()).map(|i| format!("#{i}")).collect();
        let merged = apply_edits(&tagged, &as_edits(&edits));
        prop_assert!(merged.is_ok());
        let Ok(merged) = merged else { return Ok(()) };
        let anchor = anchor_in(base.len(), anchor);

        let rebased = Rebaser::new(&merged.changes).rebase(anchor);
        let changes: Vec<(Span, usize)> = edits.iter().map(|(span, lines)| (*span, lines.len())).collect();
        prop_assert_eq!(rebased, rebase_reference(base.len(), anchor, &changes));
        if let Rebased::Moved(moved) = rebased {
            let (moved_end, anchor_end) = (moved.start + moved.count, anchor.start + anchor.count);
            prop_assert!(moved_end <= merged.items.len());
            prop_assert_eq!(&merged.items[moved.start..moved_end], &tagged[anchor.start..anchor_end]);
            let old_index = |item: &String| item.strip_prefix('#').and_then(|n| n.parse::<usize>().ok());
            for item in &merged.items[..moved.start] {
                if let Some(index) = old_index(item) {
                    prop_assert!(index < anchor.start);
                }
            }
            for item in &merged.items[moved_end..] {
                if let Some(index) = old_index(item) {
                    prop_assert!(index >= anchor_end);
                }
            }
        }
    }

    /// The ranges a store moves anchors by agree with rebasing each anchor.
    #[test]
    fn shift_ranges_agree_with_the_rebaser(
        (base, edits) in base_and_edits(20, 6),
        anchor in (0usize..22, 0usize..4),
    ) {
        let edits = without_collisions(edits);
        let merged = apply_edits(&base, &as_edits(&edits));
        prop_assert!(merged.is_ok());
        let Ok(merged) = merged else { return Ok(()) };
        let start = anchor.0.min(base.len());
        let span = Span::new(start, anchor.1.min(base.len() - start));
        let rebaser = Rebaser::new(&merged.changes);
        if let Rebased::Moved(moved) = rebaser.rebase(span) {
            let ranges = rebaser.shift_ranges();
            let range = ranges.iter().find(|r| r.from <= span.start && r.to.is_none_or(|to| span.start < to));
            prop_assert_eq!(range.map(|r| span.start as isize + r.shift), Some(moved.start as isize));
        }
    }

    /// Rule 8: after a merge, every line a merged amendment did not write keeps its origin,
    /// in order; every line an amendment wrote points to that amendment, unless it is one of
    /// the lines it replaced, left as it was, which keeps that line's origin.
    #[test]
    fn provenance_points_each_line_to_what_wrote_it((base, edits) in base_and_edits(20, 6)) {
        let edits = without_collisions(edits);
        // Every old line has its own origin, so that an origin tells which line it was.
        let old_origins: Vec<Origin> =
            (0..base.len()).map(|i| Origin { revision: 1, amendment: Some(-(i as i64) - 1) }).collect();
        let old_line = |origin: &Origin| origin.amendment.and_then(|a| usize::try_from(-a - 1).ok());
        let amendments: Vec<MergedAmendment<'_>> = edits
            .iter()
            .enumerate()
            .map(|(index, (span, lines))| MergedAmendment { id: index as i64 + 1, span: *span, new_lines: lines })
            .collect();
        let origins = after_merge(&old_origins, &base, &amendments, &[], 2);
        prop_assert!(origins.is_ok());
        let Ok(origins) = origins else { return Ok(()) };
        let changes: Vec<(Span, usize)> = edits.iter().map(|(span, lines)| (*span, lines.len())).collect();
        let tags = merge_tagged(base.len(), &changes);
        prop_assert_eq!(origins.len(), tags.len());
        let mut last_kept: Option<usize> = None;
        for (origin, tag) in origins.iter().zip(&tags) {
            match *tag {
                Tagged::Old(i) => prop_assert_eq!(*origin, old_origins[i]),
                Tagged::New { change, k } => {
                    let (span, lines) = &edits[change];
                    if origin.amendment == Some(change as i64 + 1) {
                        prop_assert_eq!(origin.revision, 2);
                    } else {
                        let kept = old_line(origin);
                        prop_assert!(kept.is_some(), "{:?} written by edit {} has origin {:?}", tag, change, origin);
                        let kept = kept.unwrap_or_default();
                        prop_assert!(span.start <= kept && kept < span.start + span.count, "kept {} outside {:?}", kept, span);
                        prop_assert_eq!(&base[kept], &lines[k]);
                        // Lines kept from an amendment's range stay in their order.
                        prop_assert!(last_kept.is_none_or(|last| last < kept));
                        last_kept = Some(kept);
                    }
                }
            }
        }
    }

    /// Rebasing over the line diff of a full-text edit follows the same rule, for
    /// replacements and insertion points alike, touched or not.
    #[test]
    fn rebase_over_a_diff_follows_the_rule(a in text(25), b in text(25), anchor in (0usize..26, 0usize..4)) {
        let changes = diff_lines(&a, &b);
        let anchor = anchor_in(a.len(), anchor);
        let rebased = Rebaser::new(&changes).rebase(anchor);
        let as_changes: Vec<(Span, usize)> = changes.iter().map(|change| (change.old, change.new.count)).collect();
        prop_assert_eq!(rebased, rebase_reference(a.len(), anchor, &as_changes));
        if let Rebased::Moved(moved) = rebased {
            let (moved_end, anchor_end) = (moved.start + moved.count, anchor.start + anchor.count);
            prop_assert!(moved_end <= b.len());
            prop_assert_eq!(&b[moved.start..moved_end], &a[anchor.start..anchor_end]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Word-level reconciliation (rule 9).

/// A passage of 1 to 3 alinéas of distinct words, and for each word who changes it: 0
/// nobody, 1 the first version, 2 the second, 3 both (differently). A changed word becomes
/// its changer's own word, sometimes two words.
fn passage_and_owners() -> impl Strategy<Value = Vec<Vec<(String, u8, bool)>>> {
    prop::collection::vec(prop::collection::vec((0u8..4, any::<bool>()), 1..7), 1..4).prop_map(|lines| {
        lines
            .into_iter()
            .enumerate()
            .map(|(l, words)| {
                words.into_iter().enumerate().map(|(w, (owner, two))| (format!("w{l}x{w}"), owner, two)).collect()
            })
            .collect()
    })
}

/// The passage as the version `who` (1 or 2) writes it, or as both together (`who == 0`:
/// every change applied, the first version's where both change a word).
fn written_by(passage: &[Vec<(String, u8, bool)>], who: u8) -> Vec<String> {
    passage
        .iter()
        .map(|words| {
            let written: Vec<String> = words
                .iter()
                .map(|(word, owner, two)| {
                    let changer = match (who, *owner) {
                        (_, 0) => None,
                        (0, 3) => Some(1),
                        (0, owner) => Some(owner),
                        (who, owner) if owner == who || owner == 3 => Some(who),
                        _ => None,
                    };
                    match changer {
                        None => word.clone(),
                        Some(version) if *two => format!("v{version}{word} et{version}"),
                        Some(version) => format!("v{version}{word}"),
                    }
                })
                .collect();
            written.join(" ")
        })
        .collect()
}

proptest! {
    #[test]
    fn reconciliation_keeps_both_sides_changes_or_names_the_overlap(passage in passage_and_owners()) {
        let base = written_by(&passage, u8::MAX);
        let (first, second) = (written_by(&passage, 1), written_by(&passage, 2));
        let overlapping = passage.iter().flatten().any(|(_, owner, _)| *owner == 3);
        let result = super::reconcile::reconcile(&base, &[&first, &second]);
        if overlapping {
            prop_assert_eq!(result, Err(vec![super::merge::Collision { first: 0, second: 1 }]));
        } else {
            let both = written_by(&passage, 0);
            prop_assert_eq!(result.map(|r| r.lines), Ok(both.clone()));
            // The same when one side is a rebase over the other, whichever goes first.
            let expected = (both != first).then(|| both.clone());
            prop_assert_eq!(super::reconcile::rebase_passage(&base, &first, &second), expected);
            // Deterministic, and a side that changes nothing changes nothing.
            prop_assert_eq!(super::reconcile::reconcile(&base, &[&first, &second]).map(|r| r.lines), Ok(both));
            prop_assert_eq!(super::reconcile::reconcile(&base, &[&first, &base]).map(|r| r.lines), Ok(first.clone()));
        }
    }

    #[test]
    fn reconciled_merge_equals_line_merge_when_lines_do_not_overlap((base, edits) in base_and_edits(12, 6)) {
        let edits = without_collisions(edits);
        let line_merge = apply_edits(&base, &as_edits(&edits));
        let word_merge = super::reconcile::merge_lines(&base, &as_edits(&edits));
        prop_assert!(word_merge.as_ref().is_ok_and(|merge| merge.groups.is_empty()));
        prop_assert_eq!(line_merge, word_merge.map(|merge| merge.merged));
    }

    #[test]
    fn reconciled_merges_keep_every_alinea_valid((base, edits) in base_and_edits(10, 5)) {
        // Any set, colliding lines or not: a merge either refuses it or writes no blank
        // alinéa, and never panics.
        if let Ok(merge) = super::reconcile::merge_lines(&base, &as_edits(&edits)) {
            prop_assert!(merge.merged.items.iter().all(|line| !line.trim().is_empty()));
            for group in &merge.groups {
                prop_assert!(group.members.len() >= 2);
            }
        }
    }
}
