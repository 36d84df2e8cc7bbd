//! The home page: the texts the visitor may read.

use maud::{Markup, html};

use super::Frame;
use super::components::time;
use super::layout::{Head, page};
use super::phase::deadline_note;
use crate::domain::Visibility;
use crate::domain::model::Timestamp;
use crate::i18n::{Arg, K, phase_name};
use crate::store::TextListing;

/// The home page, with each text's deadline measured from `now`.
pub fn home(frame: &Frame<'_>, texts: &[TextListing], now: Timestamp) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::HomeTitle)) }
        p.lead { (lang.t(K::HomeLead)) }
        @if texts.is_empty() {
            p { (lang.t(K::HomeEmpty)) }
        } @else {
            ul.texts {
                @for listing in texts {
                    @let text = &listing.text;
                    li {
                        h2 { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
                        p.meta {
                            span { (lang.f(K::RevisionNumber, &[Arg::number("revision", text.head)])) }
                            " · " span.phase {
                                (phase_name(lang, text.phase))
                                @if let Some(note) = deadline_note(lang, text, now) { ", " (note) }
                            }
                            " · " span { (lang.f(K::OpenAmendmentsCount, &[Arg::count("count", listing.open_amendments)])) }
                            @if text.visibility == Visibility::Members {
                                " · " span.badge.members { (lang.t(K::MembersOnly)) }
                            }
                            " · " (lang.t(K::UpdatedOn)) " " (time(lang, text.updated_at))
                        }
                    }
                }
            }
        }
    };
    page(
        frame,
        Head { title: lang.t(K::HomeTitle), description: Some(lang.t(K::HomeLead)), ..Head::default() },
        content,
    )
}
