//! Atom feeds (RFC 4287) as XML, written with maud like the pages so that every value is
//! escaped: elements without content are written open and closed (`<link …></link>`),
//! which XML reads as empty elements.

use std::borrow::Cow;

use maud::{Markup, PreEscaped, html};

use crate::actions::feeds::Feed;
use crate::i18n::{Arg, K, Lang, event_name, rfc3339};
use crate::store::{FeedEntry, FeedItem};

/// The feed as an Atom document. `site` is the address the site answers at (absolute links
/// and ids), `path` the feed's own path, `page` the path of the page it follows.
pub fn atom(lang: Lang, site: &str, path: &str, page: &str, feed: &Feed) -> String {
    let title = match (&feed.text, &feed.topic) {
        (Some(text), _) => lang.f(K::FeedTextTitle, &[Arg::text("text", &text.title)]),
        (None, Some(topic)) => lang.f(K::FeedTopicTitle, &[Arg::text("topic", &topic.title)]),
        (None, None) => lang.t(K::FeedSiteTitle).to_owned(),
    };
    // An empty feed is as new as its subject; an Atom feed must say when it was updated.
    let updated = feed
        .entries
        .first()
        .map(|entry| entry.at)
        .or(feed.text.as_ref().map(|text| text.updated_at))
        .or(feed.topic.as_ref().map(|topic| topic.created_at))
        .unwrap_or(0);
    let document: Markup = html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" {
            id { (site) (xml_safe(path)) }
            title { (xml_safe(&title)) }
            updated { (rfc3339(updated)) }
            link rel="self" type="application/atom+xml" href={ (site) (xml_safe(path)) } {}
            link rel="alternate" type="text/html" href={ (site) (xml_safe(page)) } {}
            author { name { (lang.t(K::SiteName)) } }
            generator { "Redraft" }
            @for entry in &feed.entries { (atom_entry(lang, site, entry)) }
        }
    };
    document.into_string()
}

/// `text` without the characters XML 1.0 does not allow (U+FFFE, U+FFFF and controls other
/// than tab and line breaks): text checked on the way in refuses controls but not those
/// two, and one of them would make the whole feed unreadable.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed =
        |c: char| !matches!(c, '\u{FFFE}' | '\u{FFFF}') && (!c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

fn atom_entry(lang: Lang, site: &str, entry: &FeedEntry) -> Markup {
    let (id, link, title, summary) = match &entry.item {
        FeedItem::Revision { number, summary } => {
            let link = format!("{site}/texts/{}/revisions/{number}", entry.text_slug);
            let title =
                lang.f(K::FeedRevisionTitle, &[Arg::text("text", &entry.text_title), Arg::number("revision", *number)]);
            (link.clone(), link, title, summary.clone())
        }
        FeedItem::Amendment { id, event, reference, decision, summary, note } => {
            let link = format!("{site}/amendments/{id}");
            let title = lang.f(
                K::FeedAmendmentTitle,
                &[
                    Arg::text("text", &entry.text_title),
                    Arg::text("reference", reference),
                    Arg::text("event", event_name(lang, *decision)),
                ],
            );
            let summary = [summary.as_str(), note.as_str()]
                .into_iter()
                .filter(|part| !part.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" — ");
            (format!("{link}#event-{event}"), link, title, summary)
        }
    };
    let by = crate::views::components::shown_name(lang, &entry.by);
    html! {
        entry {
            id { (xml_safe(&id)) }
            title { (xml_safe(&title)) }
            updated { (rfc3339(entry.at)) }
            link rel="alternate" type="text/html" href=(xml_safe(&link)) {}
            author { name { (xml_safe(by)) } }
            @if !summary.is_empty() { summary { (xml_safe(&summary)) } }
        }
    }
}
