//! Pieces several pages share: state badges, anchor labels, lines as the text shows them,
//! and diffs (inline with word highlighting, or side by side).

use maud::{Markup, html};

use crate::domain::AmendmentState;
use crate::domain::kind::{Line, LineKind};
use crate::domain::model::Amendment;
use crate::domain::span::Anchor;
use crate::domain::words::{Piece, Row, compare_lines};
use crate::i18n::{Arg, K, Lang, state_name};

pub fn state_badge(lang: Lang, state: AmendmentState) -> Markup {
    html! { span class={ "badge state-" (state.as_str()) } { (state_name(lang, state)) } }
}

/// The `rebased` flag beside a state (rule 9), when set.
pub fn rebased_badge(lang: Lang, amendment: &Amendment) -> Markup {
    html! {
        @if amendment.rebased {
            " " span.badge.rebased title=(lang.t(K::RebasedBadgeTitle)) { (lang.t(K::RebasedBadge)) }
        }
    }
}

/// The `editorial` flag beside a state, when set.
pub fn editorial_badge(lang: Lang, amendment: &Amendment) -> Markup {
    html! {
        @if amendment.editorial {
            " " span.badge.editorial title=(lang.t(K::EditorialBadgeTitle)) { (lang.t(K::EditorialBadge)) }
        }
    }
}

/// "alinéas 12 à 14", "al. 12", "insertion avant l’al. 12" ("¶ 12–14"… in English).
pub fn anchor_label(lang: Lang, anchor: Anchor) -> String {
    match anchor.count {
        0 => lang.f(K::AnchorInsertBefore, &[Arg::number("paragraph", anchor.start)]),
        1 => lang.f(K::AnchorParagraph, &[Arg::number("paragraph", anchor.start)]),
        count => {
            let end = u64::from(anchor.start) + u64::from(count) - 1;
            lang.f(K::AnchorParagraphs, &[Arg::number("start", anchor.start), Arg::number("end", end)])
        }
    }
}

/// "l. 171", "l. 171–174": printed lines as party texts cite them (rule 10).
pub fn printed_label(lang: Lang, lines: &std::ops::RangeInclusive<u32>) -> String {
    if lines.start() == lines.end() {
        lang.f(K::PrintedLine, &[Arg::number("line", *lines.start())])
    } else {
        lang.f(K::PrintedLines, &[Arg::number("start", *lines.start()), Arg::number("end", *lines.end())])
    }
}

/// An amendment's reference as a link to its page.
pub fn reference_link(amendment: &Amendment) -> Markup {
    html! { a.reference href={ "/amendments/" (amendment.id) } { (amendment.reference) } }
}

/// One line of a text as readers see it: its kind shown (a heading looks like a heading,
/// a list item has its bullet or number, a quotation its bar), never its raw marker, and
/// its text in its own script's direction.
pub fn line_content(line: &str) -> Markup {
    let line = Line::parse(line);
    line_with(line.kind, html! { (line.text) })
}

/// `content` (a line's text, or a word diff of it) dressed as a line of `kind`.
pub fn line_with(kind: LineKind, content: Markup) -> Markup {
    match kind {
        LineKind::Heading { level } => html! { span class={ "line-text heading h" (level) } dir="auto" { (content) } },
        LineKind::ListItem { depth, number } => html! {
            span class={ "line-text item depth-" (depth.min(4)) } dir="auto" {
                span.marker aria-hidden="true" {
                    @if let Some(number) = number { (number) "." } @else { "•" }
                }
                " " (content)
            }
        },
        LineKind::Quotation => html! { span.line-text.quote dir="auto" { (content) } },
        LineKind::Paragraph => html! { span.line-text.para dir="auto" { (content) } },
    }
}

fn pieces(pieces: &[Piece<'_>], side: Side) -> Markup {
    html! {
        @for piece in pieces {
            @match (piece, side) {
                (Piece::Same(text), _) => (text),
                (Piece::Removed(text), Side::Old | Side::Both) => del { (text) },
                (Piece::Added(text), Side::New | Side::Both) => ins { (text) },
                _ => {}
            }
        }
    }
}

/// How a whole line is marked in a diff.
#[derive(Clone, Copy)]
enum Change {
    None,
    Removed,
    Added,
}

/// A whole line of a diff, dressed as its kind, struck out or inserted as a whole.
fn whole_line(line: Line<'_>, change: Change) -> Markup {
    let text = html! {
        @match change {
            Change::None => (line.text),
            Change::Removed => del { (line.text) },
            Change::Added => ins { (line.text) },
        }
    };
    line_with(line.kind, text)
}

/// A changed line: its text word by word, dressed as its new kind; when the kind itself
/// changed, the old kind's look is struck out before it.
fn changed(before: LineKind, after: LineKind, word_pieces: &[Piece<'_>], side: Side) -> Markup {
    let content = pieces(word_pieces, side);
    if before == after {
        return line_with(after, content);
    }
    html! {
        del.kind { (line_with(before, html! {})) }
        ins.kind { (line_with(after, content)) }
    }
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
    Both,
}

/// Lines shown around changes in a folded diff.
pub const CONTEXT_LINES: usize = 2;

/// An inline diff: removed lines, added lines and changed lines with word highlighting.
/// `old_first` and `new_first` are the 1-based numbers of the first line on each side.
/// With `fold`, runs of unchanged lines beyond [`CONTEXT_LINES`] collapse into a gap.
pub fn inline_diff(
    lang: Lang,
    old: &[String],
    new: &[String],
    old_first: usize,
    new_first: usize,
    fold: bool,
) -> Markup {
    let rows = compare_lines(old, new);
    let shown = visible_rows(&rows, fold);
    html! {
        table.diff.inline {
            thead { tr {
                th scope="col" { (lang.t(K::DiffOldNumber)) }
                th scope="col" { (lang.t(K::DiffNewNumber)) }
                th scope="col" { span.visually-hidden { (lang.t(K::DiffText)) } }
            } }
            tbody {
                @for item in &shown {
                    @match item {
                        Shown::Gap(lines) => tr.gap { td colspan="3" { (lang.f(K::DiffUnchangedParagraphs, &[Arg::count("count", *lines)])) } },
                        Shown::Row(row) => @match row {
                            Row::Same { old, new, line } => tr.same {
                                td.num { (old + old_first) } td.num { (new + new_first) } td { (whole_line(*line, Change::None)) }
                            },
                            Row::Removed { old, line } => tr.removed {
                                td.num { (old + old_first) } td.num {} td { (whole_line(*line, Change::Removed)) }
                            },
                            Row::Added { new, line } => tr.added {
                                td.num {} td.num { (new + new_first) } td { (whole_line(*line, Change::Added)) }
                            },
                            Row::Changed { old, new, before, after, pieces: p } => tr.changed {
                                td.num { (old + old_first) } td.num { (new + new_first) }
                                td { (changed(*before, *after, p, Side::Both)) }
                            },
                        },
                    }
                }
            }
        }
    }
}

/// The diff of an amendment's lines against those it replaces, numbered in one narrow
/// column with the paragraphs' numbers in the text (`first` for the first one replaced);
/// lines it adds are marked `+`: a phone's width goes to the words, not to two columns of
/// numbers saying the same.
pub fn lines_diff(lang: Lang, old: &[String], new: &[String], first: usize) -> Markup {
    let rows = compare_lines(old, new);
    html! {
        table.diff.inline.single {
            thead { tr {
                th scope="col" { span.visually-hidden { (lang.t(K::FieldParagraph)) } }
                th scope="col" { span.visually-hidden { (lang.t(K::DiffText)) } }
            } }
            tbody {
                @for row in &rows {
                    @match row {
                        Row::Same { old, line, .. } => tr.same {
                            td.num { (old + first) } td { (whole_line(*line, Change::None)) }
                        },
                        Row::Removed { old, line } => tr.removed {
                            td.num { (old + first) } td { (whole_line(*line, Change::Removed)) }
                        },
                        Row::Added { line, .. } => tr.added {
                            td.num { "+" } td { (whole_line(*line, Change::Added)) }
                        },
                        Row::Changed { old, before, after, pieces: p, .. } => tr.changed {
                            td.num { (old + first) } td { (changed(*before, *after, p, Side::Both)) }
                        },
                    }
                }
            }
        }
    }
}

/// A side-by-side diff: old on the left, new on the right. On a narrow screen its rows
/// stack (the stylesheet lays them out), each change reading from before to after.
pub fn side_by_side_diff(lang: Lang, old: &[String], new: &[String], fold: bool) -> Markup {
    let rows = compare_lines(old, new);
    let shown = visible_rows(&rows, fold);
    html! {
        table.diff.side {
            thead { tr {
                th.num scope="col" { span.visually-hidden { (lang.t(K::DiffOldNumber)) } }
                th scope="col" { (lang.t(K::DiffBefore)) }
                th.num scope="col" { span.visually-hidden { (lang.t(K::DiffNewNumber)) } }
                th scope="col" { (lang.t(K::DiffAfter)) }
            } }
            tbody {
                @for item in &shown {
                    @match item {
                        Shown::Gap(lines) => tr.gap { td colspan="4" { (lang.f(K::DiffUnchangedParagraphs, &[Arg::count("count", *lines)])) } },
                        Shown::Row(row) => @match row {
                            Row::Same { old, new, line } => tr.same {
                                td.num { (old + 1) } td { (whole_line(*line, Change::None)) }
                                td.num { (new + 1) } td { (whole_line(*line, Change::None)) }
                            },
                            Row::Removed { old, line } => tr.removed {
                                td.num { (old + 1) } td.old { (whole_line(*line, Change::Removed)) } td.num {} td {}
                            },
                            Row::Added { new, line } => tr.added {
                                td.num {} td {} td.num { (new + 1) } td.new { (whole_line(*line, Change::Added)) }
                            },
                            Row::Changed { old, new, before, after, pieces: p } => tr.changed {
                                td.num { (old + 1) } td.old { (changed(*before, *before, p, Side::Old)) }
                                td.num { (new + 1) } td.new { (changed(*after, *after, p, Side::New)) }
                            },
                        },
                    }
                }
            }
        }
    }
}

enum Shown<'r, 'a> {
    Row(&'r Row<'a>),
    /// This many unchanged lines not shown.
    Gap(usize),
}

/// The rows to show: all of them, or changed rows with their context and gaps between.
fn visible_rows<'r, 'a>(rows: &'r [Row<'a>], fold: bool) -> Vec<Shown<'r, 'a>> {
    if !fold {
        return rows.iter().map(Shown::Row).collect();
    }
    let changed: Vec<bool> = rows.iter().map(|row| !matches!(row, Row::Same { .. })).collect();
    let mut keep = vec![false; rows.len()];
    for (index, is_changed) in changed.iter().enumerate() {
        if *is_changed {
            let from = index.saturating_sub(CONTEXT_LINES);
            let to = (index + CONTEXT_LINES + 1).min(rows.len());
            keep[from..to].iter_mut().for_each(|k| *k = true);
        }
    }
    let mut shown = Vec::new();
    let mut gap = 0;
    for (row, kept) in rows.iter().zip(keep) {
        if kept {
            if gap > 0 {
                shown.push(Shown::Gap(gap));
                gap = 0;
            }
            shown.push(Shown::Row(row));
        } else {
            gap += 1;
        }
    }
    if gap > 0 {
        shown.push(Shown::Gap(gap));
    }
    shown
}

/// An amendment's proposal against the lines it anchors, inline, numbered from its anchor.
pub fn proposal_diff(lang: Lang, anchored: &[String], proposed: &[String], anchor: Anchor) -> Markup {
    lines_diff(lang, anchored, proposed, anchor.start as usize)
}

/// A person's name as pages show it: a deleted account's is "former member".
pub fn shown_name(lang: Lang, name: &str) -> &str {
    if name.is_empty() { lang.t(K::FormerMember) } else { name }
}

/// A time as people read it, in the visitor's language.
pub fn time(lang: Lang, timestamp: i64) -> Markup {
    html! { time datetime=(crate::i18n::rfc3339(timestamp)) { (lang.date_time(timestamp)) } }
}

/// An amendment's co-signers in a list, with "collecting co-signers" while it has fewer
/// than its text's `needed`; nothing when none are asked for or given.
pub fn co_signers(lang: Lang, amendment: &crate::domain::model::Amendment, needed: u32) -> Markup {
    html! {
        @if needed > 0 || amendment.supporters > 0 {
            span.co-signers {
                @if needed > 0 {
                    (lang.f(K::CoSignersOfNeeded, &[Arg::count("count", amendment.supporters), Arg::count("needed", needed)]))
                } @else {
                    (lang.f(K::CoSignersCount, &[Arg::count("count", amendment.supporters)]))
                }
            }
            @if amendment.supporters < needed && amendment.state == crate::domain::AmendmentState::Open {
                " " span.badge.collecting { (lang.t(K::CollectingCoSigners)) }
            }
        }
    }
}

/// An amendment's votes as one bar split for, against and abstain (drawn in SVG: the
/// stylesheet colours it, and the page needs no inline style), with the counts in words
/// beside it; nothing before the first vote.
pub fn tally_bars(lang: Lang, tally: crate::domain::Tally) -> Markup {
    use crate::domain::Vote;
    let total = tally.total();
    // Each part's width out of 1,000, the last taking what rounding left.
    let mut at = 0u32;
    let parts: Vec<(Vote, u32, u32)> = Vote::ALL
        .iter()
        .enumerate()
        .map(|(index, &vote)| {
            let width = if index + 1 == Vote::ALL.len() {
                1_000 - at
            } else {
                (u64::from(tally.count(vote)) * 1_000 / u64::from(total.max(1))) as u32
            };
            let part = (vote, at, width);
            at += width;
            part
        })
        .collect();
    html! {
        @if total > 0 {
            div.tally {
                svg.tally-bar viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
                    @for (vote, x, width) in &parts {
                        @if *width > 0 { rect class={ "vote-" (vote.as_str()) } x=(x) y="0" width=(width) height="10" {} }
                    }
                }
                p.tally-counts {
                    @for (index, vote) in Vote::ALL.iter().enumerate() {
                        @if index > 0 { " · " }
                        span class={ "vote-" (vote.as_str()) } {
                            (lang.f(vote_count_key(*vote), &[
                                Arg::count("count", tally.count(*vote)),
                                Arg::count("percent", tally.percent(*vote)),
                            ]))
                        }
                    }
                }
            }
        } @else {
            p.tally-counts.hint { (lang.t(K::NoVotesYet)) }
        }
    }
}

fn vote_count_key(vote: crate::domain::Vote) -> K {
    match vote {
        crate::domain::Vote::For => K::VotesFor,
        crate::domain::Vote::Against => K::VotesAgainst,
        crate::domain::Vote::Abstain => K::VotesAbstain,
    }
}

/// A vote in words ("pour", "contre", "abstention").
pub fn vote_name(lang: Lang, vote: crate::domain::Vote) -> &'static str {
    lang.t(match vote {
        crate::domain::Vote::For => K::VoteFor,
        crate::domain::Vote::Against => K::VoteAgainst,
        crate::domain::Vote::Abstain => K::VoteAbstain,
    })
}
