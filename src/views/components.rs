//! Pieces several pages share: state badges, anchor labels, lines as the text shows them,
//! and diffs (inline with word highlighting, or side by side).

use maud::{Markup, html};

use crate::domain::AmendmentState;
use crate::domain::model::Amendment;
use crate::domain::span::Anchor;
use crate::domain::words::{Piece, Row, compare_lines};
use crate::i18n::{Arg, K, Lang, state_name};

pub fn state_badge(lang: Lang, state: AmendmentState) -> Markup {
    html! { span class={ "badge state-" (state.as_str()) } { (state_name(lang, state)) } }
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

/// An amendment's reference as a link to its page.
pub fn reference_link(amendment: &Amendment) -> Markup {
    html! { a.reference href={ "/amendments/" (amendment.id) } { (amendment.reference) } }
}

/// One line of a text, styled by its Markdown role (heading, list item, paragraph); the
/// line itself is shown as written.
pub fn line_content(line: &str) -> Markup {
    let trimmed = line.trim_start();
    let level = trimmed.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&level) && trimmed.as_bytes().get(level) == Some(&b' ') {
        let heading = trimmed[level + 1..].trim();
        return html! { span class={ "heading h" (level) } { (heading) } };
    }
    let is_item = ["- ", "* ", "+ "].iter().any(|marker| trimmed.starts_with(marker));
    if is_item {
        return html! { span.item { (line) } };
    }
    html! { span.para { (line) } }
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
                            Row::Same { old, new, text } => tr.same {
                                td.num { (old + old_first) } td.num { (new + new_first) } td { (text) }
                            },
                            Row::Removed { old, text } => tr.removed {
                                td.num { (old + old_first) } td.num {} td { del { (text) } }
                            },
                            Row::Added { new, text } => tr.added {
                                td.num {} td.num { (new + new_first) } td { ins { (text) } }
                            },
                            Row::Changed { old, new, pieces: p } => tr.changed {
                                td.num { (old + old_first) } td.num { (new + new_first) } td { (pieces(p, Side::Both)) }
                            },
                        },
                    }
                }
            }
        }
    }
}

/// A side-by-side diff: old on the left, new on the right.
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
                            Row::Same { old, new, text } => tr.same {
                                td.num { (old + 1) } td { (text) } td.num { (new + 1) } td { (text) }
                            },
                            Row::Removed { old, text } => tr.removed {
                                td.num { (old + 1) } td.old { del { (text) } } td.num {} td {}
                            },
                            Row::Added { new, text } => tr.added {
                                td.num {} td {} td.num { (new + 1) } td.new { ins { (text) } }
                            },
                            Row::Changed { old, new, pieces: p } => tr.changed {
                                td.num { (old + 1) } td.old { (pieces(p, Side::Old)) }
                                td.num { (new + 1) } td.new { (pieces(p, Side::New)) }
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
    let first = anchor.start as usize;
    inline_diff(lang, anchored, proposed, first, first, false)
}

/// A time as people read it, in the visitor's language.
pub fn time(lang: Lang, timestamp: i64) -> Markup {
    html! { time datetime=(crate::i18n::rfc3339(timestamp)) { (lang.date_time(timestamp)) } }
}
