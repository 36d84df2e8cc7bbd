//! Topics on the pages: the home page's thematic sections, a topic's page, the admins'
//! form that opens one, and the texts already in a topic that a drafter sees before
//! publishing another.

use maud::{Markup, html};

use super::Frame;
use super::home::texts;
use super::layout::{Head, notice, page};
use crate::actions::topics::TopicListing;
use crate::auth::{Permission, allows};
use crate::domain::limits::{MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use crate::domain::model::Timestamp;
use crate::i18n::{Arg, K, Lang};

/// A topic's page: what it is about and its texts.
pub fn topic_page(
    frame: &Frame<'_>,
    listing: &TopicListing,
    news: &std::collections::HashMap<i64, crate::actions::news::News>,
    now: Timestamp,
) -> Markup {
    let lang = frame.lang;
    let topic = &listing.topic;
    let feed = format!("/topics/{}/feed.atom", topic.slug);
    let content = html! {
        p.kicker { a href="/topics" { (lang.t(K::TopicsTitle)) } }
        h1 dir="auto" { (topic.title) }
        @if !topic.description.is_empty() { p.lead dir="auto" { (topic.description) } }
        @if allows(frame.user.map(|user| user.role), Permission::Publish) {
            p { a.button href={ "/texts/new?topic=" (topic.slug) } { (lang.t(K::PublishInTopic)) } }
        }
        @if listing.texts.is_empty() { p { (lang.t(K::TopicEmpty)) } } @else { (texts(lang, &listing.texts, news, now)) }
        p.exports {
            a href={ "/topics/" (topic.slug) "/stats" } { (lang.t(K::NavStats)) } " · "
            a href=(feed) { (lang.t(K::FeedLink)) }
        }
    };
    let description = (!topic.description.is_empty()).then_some(topic.description.as_str());
    page(frame, Head { title: &topic.title, description, feed: Some(&feed), ..Head::default() }, content)
}

/// What an admin types to open a topic.
#[derive(Default)]
pub struct TopicDraft<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub log_in: bool,
}

/// Every topic with its number of texts, and for admins the form that opens one.
pub fn topics_page(frame: &Frame<'_>, topics: &[TopicListing], draft: &TopicDraft<'_>, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::TopicsTitle)) }
        @if let Some(error) = error { (notice("error", error)) }
        @if topics.is_empty() { p { (lang.t(K::TopicsNone)) } }
        ul.topics {
            @for listing in topics {
                li {
                    a href={ "/topics/" (listing.topic.slug) } dir="auto" { (listing.topic.title) }
                    " · " (lang.f(K::TextsCount, &[Arg::count("count", listing.texts.len())]))
                }
            }
        }
        @if allows(frame.user.map(|user| user.role), Permission::ManageTopics) {
            h2 { (lang.t(K::NewTopic)) }
            form.topic method="post" action="/topics" {
                (frame.tokens())
                label for="title" { (lang.t(K::FieldTitle)) }
                input #title type="text" name="title" dir="auto" value=(draft.title) maxlength=(MAX_TITLE_CHARS) required;
                label for="slug" { (lang.t(K::FieldSlug)) }
                p.hint #slug-hint { (lang.t(K::SlugHint)) }
                input #slug type="text" name="slug" value=(draft.slug) pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="slug-hint" required;
                label for="description" { (lang.t(K::FieldDescription)) }
                textarea #description name="description" rows="3" dir="auto" maxlength=(MAX_DESCRIPTION_CHARS) { (draft.description) }
                @if draft.log_in { (super::account::login_fields(lang)) }
                button type="submit" { (lang.t(K::OpenTopic)) }
            }
        }
    };
    page(frame, Head { title: lang.t(K::TopicsTitle), ..Head::default() }, content)
}

/// Before publishing: the texts already in the chosen topic (or in each topic), so that a
/// subject keeps one canonical text.
pub fn texts_already_there(lang: Lang, topics: &[TopicListing], chosen: &str, now: Timestamp) -> Markup {
    let shown: Vec<&TopicListing> =
        topics.iter().filter(|listing| chosen.is_empty() || listing.topic.slug == chosen).collect();
    html! {
        @if shown.iter().any(|listing| !listing.texts.is_empty()) {
            section.already {
                h2 { (lang.t(K::AlreadyThereTitle)) }
                p { (lang.t(K::AlreadyThereLead)) }
                @for listing in shown {
                    @if !listing.texts.is_empty() {
                        h3 dir="auto" { (listing.topic.title) }
                        (texts(lang, &listing.texts, &Default::default(), now))
                    }
                }
            }
        }
    }
}
