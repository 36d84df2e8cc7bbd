//! An amendment's page (its diff, rationale, state and history, with what its author and
//! the drafters may do) and the form that proposes or edits one.

use maud::{Markup, html};

use super::Frame;
use super::components::{anchor_label, proposal_diff, state_badge, time};
use super::layout::{Head, notice, page};
use crate::actions::amendments::AmendmentDetail;
use crate::auth::{Permission, allows};
use crate::domain::limits::{MAX_RATIONALE_CHARS, MAX_SUMMARY_CHARS};
use crate::domain::model::Text;
use crate::domain::{AmendmentState, Visibility};
use crate::i18n::{Arg, K, Lang, event_name};

pub fn amendment_page(frame: &Frame<'_>, detail: &AmendmentDetail) -> Markup {
    let lang = frame.lang;
    let AmendmentDetail { text, amendment, anchored_lines, events } = detail;
    let is_author = frame.user.is_some_and(|user| user.id == amendment.author.id);
    let is_drafter = allows(frame.user.map(|u| u.role), Permission::Decide);
    let on_head = amendment.anchor.revision == text.head;
    let title = format!("{} · {}", amendment.reference, text.title);
    let description = if amendment.summary.is_empty() { None } else { Some(amendment.summary.as_str()) };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } { (text.title) } }
            h1 { (lang.f(K::AmendmentTitle, &[Arg::text("reference", &amendment.reference)])) " " (state_badge(lang, amendment.state)) }
            p.meta {
                a href={ "/texts/" (text.slug) "/revisions/" (amendment.anchor.revision) "#l" (amendment.anchor.start) } {
                    (anchor_label(lang, amendment.anchor)) " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)]))
                }
                " · " (lang.f(K::ByAuthor, &[Arg::text("author", &amendment.author.name)])) " · " (time(lang, amendment.created_at))
            }
        }
        @if amendment.state == AmendmentState::Outdated {
            (notice("warning", lang.t(K::OutdatedExplanation)))
        }
        @if !amendment.summary.is_empty() { p.summary { (amendment.summary) } }
        section {
            h2 { (lang.t(K::Proposal)) }
            (proposal_diff(lang, anchored_lines, &amendment.new_lines, amendment.anchor))
        }
        @if let Some(decided) = &amendment.decided_lines {
            section {
                h2 { (lang.t(K::AcceptedVersion)) }
                p { (lang.t(K::AcceptedVersionExplanation)) }
                (proposal_diff(lang, anchored_lines, decided, amendment.anchor))
            }
        }
        section {
            h2 { (lang.t(K::Rationale)) }
            @for paragraph in amendment.rationale.split('\n').filter(|p| !p.trim().is_empty()) {
                p { (paragraph) }
            }
        }
        @if is_author && (amendment.state.editable_by_author() || amendment.state.withdrawable()) {
            section.actions {
                h2 { (lang.t(K::YourAmendment)) }
                @if amendment.state.editable_by_author() {
                    a.button href={ "/amendments/" (amendment.id) "/edit" } {
                        (if amendment.state == AmendmentState::Outdated { lang.t(K::Reanchor) } else { lang.t(K::EditAmendment) })
                    }
                }
                @if amendment.state.withdrawable() {
                    form.inline method="post" action={ "/amendments/" (amendment.id) "/withdraw" } {
                        input type="hidden" name="csrf" value=(frame.csrf);
                        button.secondary type="submit" { (lang.t(K::Withdraw)) }
                    }
                }
            }
        }
        @if is_drafter && amendment.state.decidable() && on_head {
            section.actions {
                h2 { (lang.t(K::Decision)) }
                (decision_form(frame.lang, frame.csrf, amendment.id, &amendment.new_lines, "amendment"))
            }
        }
        section {
            h2 { (lang.t(K::HistoryOfAmendment)) }
            ol.events {
                @for event in events {
                    li {
                        (time(lang, event.created_at)) " · " strong { (event_name(lang, event.kind)) }
                        @if let Some(actor) = &event.actor { " · " (actor.name) }
                        @if let Some(revision) = event.revision { " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", revision)])) }
                        @if !event.note.is_empty() { blockquote { (event.note) } }
                    }
                }
            }
        }
    };
    page(frame, Head { title: &title, description, private: text.visibility == Visibility::Members }, content)
}

/// The drafter's decision form: accept, accept with their own lines, or reject, with a note.
/// `back` says which page to return to ("review" or "amendment").
pub fn decision_form(lang: Lang, csrf: &str, id: i64, proposed: &[String], back: &str) -> Markup {
    html! {
        form.decision method="post" action={ "/amendments/" (id) "/decision" } {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="back" value=(back);
            label for={ "note-" (id) } { (lang.t(K::DecisionNote)) }
            textarea id={ "note-" (id) } name="note" rows="2" {}
            details {
                summary { (lang.t(K::AcceptModifiedToggle)) }
                label for={ "modified-" (id) } { (lang.t(K::ModifiedWording)) }
                textarea id={ "modified-" (id) } name="modified_lines" rows=(proposed.len().clamp(2, 12)) { (proposed.join("\n")) }
                button type="submit" name="decision" value="accept_modified" { (lang.t(K::AcceptModified)) }
            }
            div.buttons {
                button type="submit" name="decision" value="accept" { (lang.t(K::Accept)) }
                button.danger type="submit" name="decision" value="reject" { (lang.t(K::Reject)) }
            }
        }
    }
}

/// What the amendment form shows and keeps: the anchor and everything typed.
pub struct AmendmentDraft<'a> {
    pub revision: u32,
    pub start: u32,
    pub count: u32,
    /// The lines the anchor covers in `revision`, for reference.
    pub anchored_lines: &'a [String],
    pub new_lines: &'a str,
    pub summary: &'a str,
    pub rationale: &'a str,
}

/// The form that proposes an amendment (`editing` is `None`) or edits one.
pub fn amendment_form(
    frame: &Frame<'_>,
    text: &Text,
    draft: &AmendmentDraft<'_>,
    editing: Option<(i64, &str)>,
    error: Option<&str>,
) -> Markup {
    let lang = frame.lang;
    let (title, action) = match editing {
        Some((id, reference)) => {
            (lang.f(K::EditAmendmentTitle, &[Arg::text("reference", reference)]), format!("/amendments/{id}/edit"))
        }
        None => (lang.t(K::ProposeTitle).to_owned(), format!("/texts/{}/amendments", text.slug)),
    };
    let anchor = crate::domain::span::Anchor { revision: draft.revision, start: draft.start, count: draft.count };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } { (text.title) } }
            h1 { (title) }
            p.meta { (anchor_label(lang, anchor)) " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", draft.revision)])) }
        }
        @if let Some(error) = error { (notice("error", error)) }
        @if !draft.anchored_lines.is_empty() {
            section {
                h2 { (lang.t(K::CurrentWording)) }
                ol.quoted start=(draft.start) {
                    @for line in draft.anchored_lines { li { (line) } }
                }
            }
        }
        form.amend method="post" action=(action) {
            input type="hidden" name="csrf" value=(frame.csrf);
            input type="hidden" name="base" value=(draft.revision);
            fieldset.anchor {
                legend { (lang.t(K::TargetParagraphs)) }
                div.row {
                    label { (lang.t(K::StartParagraph)) " " input type="number" name="start" min="1" value=(draft.start) required; }
                    label { (lang.t(K::ParagraphCount)) " " input type="number" name="count" min="0" value=(draft.count) required; }
                }
                p.hint { (lang.t(K::ParagraphCountHint)) }
            }
            label for="new_lines" { (lang.t(K::NewWording)) }
            p.hint #new-lines-hint { (lang.t(K::NewWordingHint)) }
            textarea #new_lines name="new_lines" rows="8" aria-describedby="new-lines-hint" { (draft.new_lines) }
            label for="summary" { (lang.t(K::SummaryOptional)) }
            input #summary type="text" name="summary" maxlength=(MAX_SUMMARY_CHARS) value=(draft.summary);
            label for="rationale" { (lang.t(K::Rationale)) }
            textarea #rationale name="rationale" rows="6" maxlength=(MAX_RATIONALE_CHARS) required { (draft.rationale) }
            button type="submit" { (if editing.is_some() { lang.t(K::SaveAmendment) } else { lang.t(K::SubmitAmendment) }) }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}
