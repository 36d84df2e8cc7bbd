//! What the PDF exports say, as blocks for [`super::pdf`]: a revision in its printed lines
//! (rule 10), numbered as the line view and every citation number them, and the amendment
//! book, every amendment in printed-line order with its diff, rationale, co-signers,
//! tallies and decision.

use std::borrow::Cow;

use super::pdf::{Block, Mark, Meta, Span, Weight, render};
use crate::actions::amendments::{AmendmentItem, DecisionRecord};
use crate::domain::kind::{Line, LineKind};
use crate::domain::model::{Revision, Text};
use crate::domain::printed::print;
use crate::domain::words::{Piece, Row, compare_lines};
use crate::i18n::{Arg, K, Lang, event_name, state_name};
use crate::views::components::{printed_label, shown_name};

/// Revision `revision` of a text as a PDF, every printed line with its number in the
/// margin: line 171 of the PDF is line 171 of the line view.
pub fn revision_pdf(lang: Lang, revision: &Revision) -> Vec<u8> {
    let printed = print(&revision.lines, revision.info.printing);
    let kinds: Vec<LineKind> = revision.lines.iter().map(|line| Line::parse(line).kind).collect();
    let subtitle = format!(
        "{} · {}",
        lang.f(K::RevisionNumber, &[Arg::number("revision", revision.info.number)]),
        lang.date_time(revision.info.created_at)
    );
    let mut blocks = Vec::with_capacity(printed.len() + 8);
    blocks.push(Block::Title(Cow::Borrowed(revision.info.title.as_str())));
    blocks.push(plain(subtitle, Mark::Muted));
    blocks.push(Block::Space(8.0));
    for line in &printed {
        if line.first && line.paragraph > 1 {
            blocks.push(Block::Space(4.0));
        }
        let kind = kinds.get(line.paragraph.saturating_sub(1) as usize);
        blocks.push(Block::Numbered {
            number: line.number,
            text: Cow::Borrowed(line.text.as_str()),
            heading: matches!(kind, Some(LineKind::Heading { .. })),
        });
    }
    render(&Meta { title: &revision.info.title, language: lang.code(), footer: &revision.info.title }, &blocks)
}

/// The amendment book as a PDF: the same entries as the HTML book, in the same order.
pub fn book_pdf(lang: Lang, text: &Text, items: &[AmendmentItem], decisions: &[Option<DecisionRecord>]) -> Vec<u8> {
    let title = lang.f(K::BookTitle, &[Arg::text("title", &text.title)]);
    let mut blocks = Vec::with_capacity(items.len() * 12 + 4);
    blocks.push(Block::Title(Cow::Owned(title.clone())));
    let subtitle = lang.f(K::BookSubtitle, &[Arg::count("count", items.len()), Arg::number("revision", text.head)]);
    blocks.push(plain(subtitle, Mark::Muted));
    for (index, item) in items.iter().enumerate() {
        let amendment = &item.amendment;
        blocks.push(Block::Space(10.0));
        blocks.push(Block::Rule);
        blocks.push(Block::Heading(Cow::Owned(format!(
            "{} · {} · {}",
            amendment.reference,
            printed_label(lang, &item.printed),
            state_name(lang, amendment.state)
        ))));
        let meta = [
            lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)]),
            lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &amendment.author.name))]),
            lang.f(K::BookCoSigners, &[Arg::count("count", amendment.supporters)]),
            lang.f(
                K::BookTally,
                &[
                    Arg::count("for", amendment.tally.for_),
                    Arg::count("against", amendment.tally.against),
                    Arg::count("abstain", amendment.tally.abstain),
                ],
            ),
        ];
        blocks.push(plain(meta.join(" · "), Mark::Muted));
        if !amendment.summary.is_empty() {
            blocks.push(Block::Paragraph {
                spans: vec![Span { text: Cow::Borrowed(&amendment.summary), weight: Weight::Bold, mark: Mark::Plain }],
                indent: 0.0,
            });
        }
        blocks.push(Block::Space(4.0));
        diff_blocks(&mut blocks, &item.anchored_lines, amendment.lines_to_merge());
        blocks.push(Block::Space(4.0));
        for paragraph in amendment.rationale.split('\n').filter(|p| !p.trim().is_empty()) {
            blocks.push(plain(paragraph.to_owned(), Mark::Plain));
        }
        if let Some(decision) = decisions.get(index).and_then(Option::as_ref) {
            let mut spans = vec![Span {
                text: Cow::Borrowed(event_name(lang, decision.kind)),
                weight: Weight::Bold,
                mark: Mark::Plain,
            }];
            let mut rest = format!(" · {}", shown_name(lang, &decision.by));
            if !decision.note.is_empty() {
                rest.push_str(" · ");
                rest.push_str(&decision.note);
            }
            spans.push(Span { text: Cow::Owned(rest), weight: Weight::Regular, mark: Mark::Plain });
            blocks.push(Block::Paragraph { spans, indent: 0.0 });
        }
    }
    render(&Meta { title: &title, language: lang.code(), footer: &text.title }, &blocks)
}

fn plain<'a>(text: String, mark: Mark) -> Block<'a> {
    Block::Paragraph { spans: vec![Span { text: Cow::Owned(text), weight: Weight::Regular, mark }], indent: 0.0 }
}

/// The words an amendment changes, as the book's HTML shows them: unchanged paragraphs
/// grey, removed ones struck through, added ones underlined, reworded ones word by word.
fn diff_blocks<'a>(blocks: &mut Vec<Block<'a>>, anchored: &'a [String], proposed: &'a [String]) {
    let indent = 12.0;
    let whole = |line: Line<'a>, mark: Mark| Block::Paragraph {
        spans: vec![Span { text: shown(line), weight: Weight::Regular, mark }],
        indent,
    };
    for row in compare_lines(anchored, proposed) {
        match row {
            Row::Same { line, .. } => blocks.push(whole(line, Mark::Muted)),
            Row::Removed { line, .. } => blocks.push(whole(line, Mark::Removed)),
            Row::Added { line, .. } => blocks.push(whole(line, Mark::Added)),
            Row::Changed { after, pieces, .. } => {
                let mut spans = Vec::with_capacity(pieces.len() + 1);
                if let Some(lead) = lead(after) {
                    spans.push(Span { text: Cow::Owned(lead), weight: Weight::Regular, mark: Mark::Plain });
                }
                for piece in pieces {
                    let (text, mark) = match piece {
                        Piece::Same(text) => (text, Mark::Plain),
                        Piece::Removed(text) => (text, Mark::Removed),
                        Piece::Added(text) => (text, Mark::Added),
                    };
                    spans.push(Span { text: Cow::Borrowed(text), weight: Weight::Regular, mark });
                }
                blocks.push(Block::Paragraph { spans, indent });
            }
        }
    }
}

/// A list item's bullet or number and a space, as print shows them.
fn lead(kind: LineKind) -> Option<String> {
    match kind {
        LineKind::ListItem { number: Some(number), .. } => Some(format!("{number}. ")),
        LineKind::ListItem { number: None, .. } => Some("• ".to_owned()),
        _ => None,
    }
}

/// A line as print shows it: its text, after its bullet or number.
fn shown(line: Line<'_>) -> Cow<'_, str> {
    match lead(line.kind) {
        Some(lead) => Cow::Owned(format!("{lead}{}", line.text)),
        None => Cow::Borrowed(line.text),
    }
}
