//! The home page: the texts the visitor may read, by topic.

use std::collections::HashMap;

use maud::{Markup, html};

use super::Frame;
use super::components::time;
use super::layout::{Head, page};
use super::phase::deadline_note;
use crate::actions::news::News;
use crate::actions::topics::TopicListing;
use crate::domain::Visibility;
use crate::domain::model::Timestamp;
use crate::i18n::{Arg, K, Lang, phase_name};
use crate::store::TextListing;

/// The home page: each topic with its texts, then the texts in none; each text's
/// deadline measured from `now`.
pub fn home(
    frame: &Frame<'_>,
    topics: &[TopicListing],
    elsewhere: &[TextListing],
    news: &HashMap<i64, News>,
    now: Timestamp,
) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::HomeTitle)) }
        p.lead { (lang.t(K::HomeLead)) }
        @if topics.iter().all(|listing| listing.texts.is_empty()) && elsewhere.is_empty() {
            p { (lang.t(K::HomeEmpty)) }
        }
        @for listing in topics {
            section.topic {
                h2 { a href={ "/topics/" (listing.topic.slug) } dir="auto" { (listing.topic.title) } }
                @if !listing.topic.description.is_empty() { p.hint dir="auto" { (listing.topic.description) } }
                @if listing.texts.is_empty() { p { (lang.t(K::TopicEmpty)) } } @else { (texts(lang, &listing.texts, news, now)) }
            }
        }
        @if !elsewhere.is_empty() {
            @if !topics.is_empty() { h2 { (lang.t(K::OtherTexts)) } }
            (texts(lang, elsewhere, news, now))
        }
    };
    page(
        frame,
        Head {
            title: lang.t(K::HomeTitle),
            description: Some(lang.t(K::HomeLead)),
            feed: Some("/feed.atom"),
            ..Head::default()
        },
        content,
    )
}

/// Texts as the home page lists them: title, revision, phase and deadline, open
/// amendments, visibility and last change, and for a member what is new on each since
/// their last visit (`news`, by text id).
pub fn texts(lang: Lang, texts: &[TextListing], news: &HashMap<i64, News>, now: Timestamp) -> Markup {
    html! {
        ul.texts {
            @for listing in texts {
                @let text = &listing.text;
                li {
                    h3 { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
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
                    @if let Some(news) = news.get(&text.id) { (super::notifications::news_line(lang, news)) }
                }
            }
        }
    }
}
