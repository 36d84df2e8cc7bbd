//! The amendment book (issue 10, part 8, in HTML): every amendment of a text in the order
//! of its printed lines, with its reference, printed range, inline diff, rationale,
//! co-signers, tallies and decision, set for A4 by its print stylesheet (page numbers, no
//! navigation), as drafters take it to a congress.

use maud::{DOCTYPE, Markup, html};

use super::components::{proposal_diff, shown_name, state_badge};
use crate::actions::amendments::{AmendmentItem, DecisionRecord};
use crate::domain::model::Text;
use crate::i18n::{Arg, K, Lang, event_name};

/// The whole book as one standalone page: it has no site header, so that what prints is
/// the book alone.
pub fn book_page(lang: Lang, text: &Text, items: &[AmendmentItem], decisions: &[Option<DecisionRecord>]) -> Markup {
    let title = lang.f(K::BookTitle, &[Arg::text("title", &text.title)]);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(crate::assets::url("app.css"));
                @if text.visibility == crate::domain::Visibility::Members { meta name="robots" content="noindex"; }
            }
            body.book {
                header.book-cover {
                    h1 dir="auto" { (text.title) }
                    p { (lang.f(K::BookSubtitle, &[Arg::count("count", items.len()), Arg::number("revision", text.head)])) }
                    p.no-print {
                        a href={ "/texts/" (text.slug) } { (lang.t(K::BookBack)) } " · "
                        a href={ "/texts/" (text.slug) "/book.pdf" } download { "PDF" }
                    }
                }
                @for (index, item) in items.iter().enumerate() {
                    @let amendment = &item.amendment;
                    @let decision = decisions.get(index).and_then(Option::as_ref);
                    article.book-entry id={ "a-" (amendment.id) } {
                        h2 {
                            (amendment.reference) " "
                            span.printed-ref { (super::components::printed_label(lang, &item.printed)) }
                            " " (state_badge(lang, amendment.state))
                        }
                        p.meta {
                            (lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)]))
                            " · " (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &amendment.author.name))]))
                            " · " (lang.f(K::BookCoSigners, &[Arg::count("count", amendment.supporters)]))
                            " · " (lang.f(K::BookTally, &[
                                Arg::count("for", amendment.tally.for_),
                                Arg::count("against", amendment.tally.against),
                                Arg::count("abstain", amendment.tally.abstain),
                            ]))
                        }
                        @if !amendment.summary.is_empty() { p.summary dir="auto" { strong { (amendment.summary) } } }
                        (proposal_diff(lang, &item.anchored_lines, amendment.lines_to_merge(), amendment.anchor))
                        @for paragraph in amendment.rationale.split('\n').filter(|p| !p.trim().is_empty()) {
                            p.rationale dir="auto" { (paragraph) }
                        }
                        @if let Some(decision) = decision {
                            p.decision {
                                strong { (event_name(lang, decision.kind)) }
                                " · " (shown_name(lang, &decision.by))
                                @if !decision.note.is_empty() { " · " span dir="auto" { (decision.note) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
