//! Competing amendments organised for decision (issue 10, part 3): the amendments on one
//! revision that compete for the same words (rule 9) grouped as alternatives, each group in
//! the suggested order of decision (the most far-reaching first) with, for each choice, the
//! others it would make impossible.

use super::reconcile::{compete, reach};
use super::span::Span;

/// Pairs of amendments compared at most, so that a pathological text (thousands of
/// amendments on one alinéa) answers in bounded time; beyond it the groups are said to be
/// incomplete.
pub const MAX_PAIRS: usize = 5_000;

/// An amendment as the grouping sees it: the span it replaces, its lines, and what
/// orders it among amendments of equal reach (its number: the earlier filed first).
#[derive(Clone, Copy, Debug)]
pub struct Rival<'a> {
    pub span: Span,
    pub lines: &'a [String],
    pub number: u32,
}

/// How far an amendment replacing `anchored` by `lines` reaches, as the suggested order
/// of decision counts it: [`reach`] (words, spaces and signs removed and added) for a
/// passage words are compared in, its size in characters beyond
/// [`super::reconcile::MAX_PASSAGE_LINES`] (which no word diff is spent on).
pub fn decision_reach(anchored: &[String], lines: &[String]) -> usize {
    if anchored.len().max(lines.len()) > super::reconcile::MAX_PASSAGE_LINES {
        anchored.iter().chain(lines).map(|line| line.chars().count()).sum()
    } else {
        reach(anchored, lines)
    }
}

/// One amendment of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Its index among the rivals given.
    pub rival: usize,
    /// Words, spaces and signs it removes and adds ([`reach`]).
    pub reach: usize,
    /// The rivals adopting it makes impossible as written, by index, in order.
    pub excludes: Vec<usize>,
}

/// The groups of competing amendments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alternatives {
    /// Each group in the suggested order of decision; groups in the order of the text.
    pub groups: Vec<Vec<Choice>>,
    /// False when [`MAX_PAIRS`] stopped the comparison before its end.
    pub complete: bool,
}

/// Groups `rivals` (amendments on `base`) that compete: two are joined when their lines
/// collide and their words overlap ([`compete`]), and a group holds every amendment linked
/// to another of it. Amendments outside `base`, or competing with none, are in no group.
pub fn alternatives(base: &[String], rivals: &[Rival<'_>]) -> Alternatives {
    let mut order: Vec<usize> = (0..rivals.len()).filter(|&index| rivals[index].span.fits(base.len())).collect();
    order.sort_by_key(|&index| (rivals[index].span.start, index));
    let mut excludes: Vec<Vec<usize>> = vec![Vec::new(); rivals.len()];
    let (mut compared, mut complete) = (0, true);
    // Sorted by start, the rivals colliding with one are those after it that start
    // before it ends (an insertion collides with no later one).
    'sweep: for (at, &first) in order.iter().enumerate() {
        let end = rivals[first].span.end();
        for &second in &order[at + 1..] {
            if rivals[second].span.start >= end {
                break;
            }
            if compared == MAX_PAIRS {
                complete = false;
                break 'sweep;
            }
            compared += 1;
            let (a, b) = (&rivals[first], &rivals[second]);
            if compete(base, (a.span, a.lines), (b.span, b.lines)) {
                excludes[first].push(second);
                excludes[second].push(first);
            }
        }
    }
    let mut grouped = vec![false; rivals.len()];
    let mut groups = Vec::new();
    for &seed in &order {
        if grouped[seed] || excludes[seed].is_empty() {
            continue;
        }
        grouped[seed] = true;
        let mut members = vec![seed];
        let mut next = 0;
        while let Some(&member) = members.get(next) {
            next += 1;
            for &other in &excludes[member] {
                if !grouped[other] {
                    grouped[other] = true;
                    members.push(other);
                }
            }
        }
        let mut group: Vec<Choice> = members
            .into_iter()
            .map(|rival| {
                let span = rivals[rival].span;
                let anchored = &base[span.start..span.end()];
                let mut excluded = excludes[rival].clone();
                excluded.sort_unstable();
                Choice { rival, reach: decision_reach(anchored, rivals[rival].lines), excludes: excluded }
            })
            .collect();
        group.sort_by_key(|choice| (std::cmp::Reverse(choice.reach), rivals[choice.rival].number, choice.rival));
        groups.push(group);
    }
    Alternatives { groups, complete }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    #[test]
    fn amendments_on_the_same_words_are_grouped_the_furthest_reaching_first() {
        let base = lines(&[GOAL, "Deuxième alinéa."]);
        let year = lines(&[&GOAL.replace("2030", "2035")]);
        let rewrite = lines(&["Atteindre la neutralité carbone dès que possible."]);
        let share = lines(&[&GOAL.replace("100", "200")]);
        let second = lines(&["Deuxième alinéa, revu."]);
        let span = |start, count| Span { start, count };
        let rivals = [
            Rival { span: span(0, 1), lines: &year, number: 1 },
            Rival { span: span(0, 1), lines: &rewrite, number: 2 },
            Rival { span: span(0, 1), lines: &share, number: 3 },
            Rival { span: span(1, 1), lines: &second, number: 4 },
        ];
        let found = alternatives(&base, &rivals);
        assert!(found.complete);
        assert_eq!(found.groups.len(), 1);
        let group = &found.groups[0];
        // The rewrite reaches furthest and excludes both others; the year and the share
        // change different words, so each excludes only the rewrite.
        let order: Vec<usize> = group.iter().map(|choice| choice.rival).collect();
        assert_eq!(order[0], 1);
        assert_eq!(group[0].excludes, [0, 2]);
        for choice in &group[1..] {
            assert_eq!(choice.excludes, [1]);
        }
    }

    proptest! {
        #[test]
        fn every_exclusion_is_a_competing_pair_and_groups_do_not_overlap(
            edits in prop::collection::vec((0usize..4, 0usize..3, "[a-c]{1,3}( [a-c]{1,3}){0,3}"), 0..8),
        ) {
            let base = lines(&["a b c", "b c a", "c a b", "a a b"]);
            let proposals: Vec<Vec<String>> = edits.iter().map(|(_, _, text)| vec![text.clone()]).collect();
            let rivals: Vec<Rival<'_>> = edits
                .iter()
                .zip(&proposals)
                .zip(0u32..)
                .map(|(((start, count, _), lines), number)| Rival { span: Span { start: *start, count: *count }, lines, number })
                .collect();
            let found = alternatives(&base, &rivals);
            let mut seen = std::collections::HashSet::new();
            for group in &found.groups {
                prop_assert!(group.len() >= 2);
                for pair in group.windows(2) {
                    prop_assert!(pair[0].reach >= pair[1].reach);
                }
                for choice in group {
                    prop_assert!(seen.insert(choice.rival), "in two groups");
                    for &other in &choice.excludes {
                        let (a, b) = (rivals[choice.rival], rivals[other]);
                        prop_assert!(compete(&base, (a.span, a.lines), (b.span, b.lines)));
                        prop_assert!(group.iter().any(|member| member.rival == other));
                    }
                }
            }
            // And every competing pair is found.
            for (i, a) in rivals.iter().enumerate() {
                for (j, b) in rivals.iter().enumerate().skip(i + 1) {
                    if a.span.fits(base.len()) && b.span.fits(base.len())
                        && compete(&base, (a.span, a.lines), (b.span, b.lines))
                    {
                        let group = found.groups.iter().find(|group| group.iter().any(|c| c.rival == i));
                        let choice = group.and_then(|group| group.iter().find(|c| c.rival == i));
                        prop_assert!(choice.is_some_and(|choice| choice.excludes.contains(&j)), "{} {}", i, j);
                    }
                }
            }
        }
    }
}
