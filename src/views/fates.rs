//! What became of amendments, on the pages: an amendment's fate in a sentence, a member's
//! own amendments with their record ("3 adoptés sur mes 7 amendements"), and every
//! amendment of a text with the text's record.

use maud::{Markup, html};

use super::Frame;
use super::components::{anchor_label, shown_name, state_badge};
use super::layout::{Head, page, page as layout_page};
use crate::actions::fates::{Outcome, Outcomes};
use crate::domain::fate::{Fate, Record};
use crate::domain::model::Text;
use crate::i18n::{Arg, K, Lang};

/// An amendment's fate as sentences: what happened, then how (modified wording).
pub fn fate_sentences(lang: Lang, fate: &Fate) -> Vec<String> {
    let revision = |revision: &u32| Arg::number("revision", *revision);
    match fate {
        Fate::Open => vec![lang.t(K::FateOpen).to_owned()],
        Fate::Accepted { modified: false } => vec![lang.t(K::FateAccepted).to_owned()],
        Fate::Accepted { modified: true } => vec![lang.t(K::FateAcceptedModified).to_owned()],
        Fate::Adopted { revision: number, modified, written, kept, changed_in } => {
            let key = match (*written, *kept, changed_in) {
                (0, _, _) => K::FateAdoptedDeletion,
                (written, kept, _) if kept >= written => K::FateAdoptedKept,
                (_, 0, None) => K::FateAdoptedGone,
                (_, 0, Some(_)) => K::FateAdoptedGoneBy,
                (_, _, None) => K::FateAdoptedPartly,
                (_, _, Some(_)) => K::FateAdoptedPartlyBy,
            };
            let changed = Arg::number("changed", changed_in.unwrap_or(0));
            let mut sentences = vec![lang.f(key, &[revision(number), changed])];
            if *modified {
                sentences.push(lang.t(K::FateModified).to_owned());
            }
            sentences
        }
        Fate::Rejected { note } if note.trim().is_empty() => vec![lang.t(K::FateRejected).to_owned()],
        Fate::Rejected { note } => vec![lang.f(K::FateRejectedNote, &[Arg::text("note", note.trim())])],
        Fate::Withdrawn => vec![lang.t(K::FateWithdrawn).to_owned()],
        Fate::Outdated => vec![lang.t(K::FateOutdated).to_owned()],
    }
}

/// The fate of an amendment on its page.
pub fn fate_block(lang: Lang, fate: &Fate, text: &Text) -> Markup {
    html! {
        section.fate id="fate" {
            h2 { (lang.t(K::FateTitle)) }
            p class={ "fate fate-" (fate_class(fate)) } {
                @for sentence in fate_sentences(lang, fate) { (sentence) " " }
            }
            p { a href={ "/texts/" (text.slug) "/outcomes" } { (lang.t(K::OutcomesLink)) } }
        }
    }
}

fn fate_class(fate: &Fate) -> &'static str {
    match fate {
        Fate::Open => "open",
        Fate::Accepted { .. } => "accepted",
        Fate::Adopted { .. } => "adopted",
        Fate::Rejected { .. } => "rejected",
        Fate::Withdrawn => "withdrawn",
        Fate::Outdated => "outdated",
    }
}

pub(crate) fn record_list(lang: Lang, record: &Record) -> Markup {
    let rows = [
        (K::RecordAdopted, record.adopted),
        (K::RecordAccepted, record.accepted),
        (K::RecordRejected, record.rejected),
        (K::RecordWithdrawn, record.withdrawn),
        (K::RecordOutdated, record.outdated),
        (K::RecordOpen, record.open),
        (K::RecordTotal, record.total),
    ];
    html! {
        dl.record {
            @for (label, count) in rows {
                div { dt { (lang.t(label)) } dd { (lang.number(count as u64)) } }
            }
        }
    }
}

fn outcome_item(lang: Lang, outcome: &Outcome, with_text: bool, with_author: bool) -> Markup {
    let amendment = &outcome.amendment;
    html! {
        li.outcome {
            p.where {
                a href={ "/amendments/" (amendment.id) "#fate" } { (amendment.reference) }
                " " (state_badge(lang, amendment.state))
                " · " (anchor_label(lang, amendment.anchor))
                @if with_text {
                    " · " a.text href={ "/texts/" (amendment.text_slug) } dir="auto" { (outcome.text_title) }
                }
                @if with_author {
                    " · " (shown_name(lang, &amendment.author.name))
                }
            }
            @if !amendment.summary.is_empty() { p.summary dir="auto" { (amendment.summary) } }
            p class={ "fate fate-" (fate_class(&outcome.fate)) } {
                @for sentence in fate_sentences(lang, &outcome.fate) { (sentence) " " }
            }
        }
    }
}

/// A member's own amendments, newest first, with their record.
pub fn my_amendments_page(frame: &Frame<'_>, outcomes: &Outcomes) -> Markup {
    let lang = frame.lang;
    let record = &outcomes.record;
    let content = html! {
        p.kicker { a href="/account" { (lang.t(K::AccountTitle)) } }
        h1 { (lang.t(K::MyAmendmentsTitle)) }
        @if outcomes.items.is_empty() {
            p { (lang.t(K::MyAmendmentsNone)) }
        } @else {
            p.lead {
                (lang.f(K::RecordMine, &[Arg::count("adopted", record.adopted), Arg::count("total", record.total)]))
            }
            (record_list(lang, record))
            ol.outcomes {
                @for outcome in &outcomes.items { (outcome_item(lang, outcome, true, false)) }
            }
        }
    };
    page(frame, Head { title: lang.t(K::MyAmendmentsTitle), private: true, ..Head::default() }, content)
}

/// Every amendment of a text, in line order, with the text's record; `page` of `pages`,
/// `per_page` amendments each.
pub fn outcomes_page(
    frame: &Frame<'_>,
    text: &Text,
    outcomes: &Outcomes,
    (page, pages): (usize, usize),
    per_page: usize,
) -> Markup {
    let lang = frame.lang;
    let title = format!("{} · {}", lang.t(K::OutcomesTitle), text.title);
    let content = html! {
        p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
        h1 { (lang.t(K::OutcomesTitle)) }
        @if outcomes.items.is_empty() {
            p { (lang.t(K::OutcomesNone)) }
        } @else {
            (record_list(lang, &outcomes.record))
            ol.outcomes start=((page - 1) * per_page + 1) {
                @for outcome in outcomes.items.iter().skip((page - 1) * per_page).take(per_page) {
                    (outcome_item(lang, outcome, false, true))
                }
            }
            @if pages > 1 {
                nav.pages aria-label=(lang.t(K::Pages)) {
                    @for number in 1..=pages {
                        @if number == page { strong aria-current="page" { (number) } }
                        @else { a href={ "/texts/" (text.slug) "/outcomes?page=" (number) } { (number) } }
                    }
                }
            }
        }
    };
    layout_page(frame, Head { title: &title, ..Head::default() }, content)
}
