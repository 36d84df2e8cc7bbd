//! The search page: the query and its filters as a form that works without JavaScript, and
//! the results grouped by kind, matched words highlighted, each linking to the exact
//! paragraph, amendment, comment or question.

use maud::{Markup, html};

use super::components::{shown_name, state_badge};
use super::layout::{Head, notice, page};
use super::{Frame, query_value};
use crate::actions::search::{Group, Hit, Results, SearchRequest};
use crate::domain::AmendmentState;
use crate::domain::model::Topic;
use crate::domain::search::MAX_QUERY_CHARS;
use crate::i18n::{Arg, K, Lang, state_name};
use crate::store::{DocumentKind, TextListing};

/// What the filters offer: the topics and texts the reader may see.
pub struct Choices<'a> {
    pub topics: &'a [Topic],
    pub texts: &'a [TextListing],
}

pub fn kind_name(lang: Lang, kind: DocumentKind) -> &'static str {
    lang.t(match kind {
        DocumentKind::Text => K::SearchKindText,
        DocumentKind::Paragraph => K::SearchKindParagraph,
        DocumentKind::Amendment => K::SearchKindAmendment,
        DocumentKind::Comment => K::SearchKindComment,
        DocumentKind::Question => K::SearchKindQuestion,
    })
}

/// The search page: the form, then the results (or the reason the query was refused).
pub fn search_page(
    frame: &Frame<'_>,
    request: &SearchRequest,
    choices: &Choices<'_>,
    results: &Results,
    error: Option<&str>,
) -> Markup {
    let lang = frame.lang;
    let query = request.query.trim();
    let content = html! {
        h1 { (lang.t(K::SearchTitle)) }
        (search_form(lang, request, choices, results))
        @if let Some(error) = error { (notice("error", error)) }
        @else if !query.is_empty() {
            @if results.groups.is_empty() {
                p.empty { (lang.f(K::SearchNothing, &[Arg::text("query", query)])) }
            } @else {
                h2.visually-hidden { (lang.f(K::SearchResultsFor, &[Arg::text("query", query)])) }
                @for group in &results.groups { (group_section(lang, request, group)) }
            }
        }
    };
    let title = if query.is_empty() {
        lang.t(K::SearchTitle).to_owned()
    } else {
        lang.f(K::SearchResultsFor, &[Arg::text("query", query)])
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

fn search_form(lang: Lang, request: &SearchRequest, choices: &Choices<'_>, results: &Results) -> Markup {
    let selected_kind = request.kind.map(DocumentKind::as_str).unwrap_or("");
    let selected_text = request.text.as_deref().unwrap_or("");
    let selected_topic = request.topic.as_deref().unwrap_or("");
    let selected_state = request.state.map(AmendmentState::as_str).unwrap_or("");
    html! {
        form.search-page method="get" action="/search" role="search" {
            p.field {
                label for="search-q" { (lang.t(K::SearchLabel)) }
                span.search-row {
                    input #search-q type="search" name="q" value=(request.query) maxlength=(MAX_QUERY_CHARS)
                        aria-describedby="search-hint" autocomplete="off";
                    button type="submit" { (lang.t(K::SearchButton)) }
                }
                small #search-hint.hint { (lang.t(K::SearchHint)) }
            }
            details.filters open[!selected_kind.is_empty() || !selected_text.is_empty() || !selected_topic.is_empty() || !selected_state.is_empty()] {
                summary { (lang.t(K::SearchFilters)) }
                div.filter-grid {
                    label {
                        (lang.t(K::SearchFilterKind))
                        select name="kind" {
                            option value="" { (lang.t(K::SearchAnyKind)) }
                            @for kind in DocumentKind::ALL {
                                option value=(kind.as_str()) selected[kind.as_str() == selected_kind] { (kind_name(lang, kind)) }
                            }
                        }
                    }
                    label {
                        (lang.t(K::SearchFilterText))
                        select name="text" {
                            option value="" { (lang.t(K::SearchAnyText)) }
                            @for listing in choices.texts {
                                option value=(listing.text.slug) selected[listing.text.slug == selected_text] { (listing.text.title) }
                            }
                        }
                    }
                    @if !choices.topics.is_empty() {
                        label {
                            (lang.t(K::SearchFilterTopic))
                            select name="topic" {
                                option value="" { (lang.t(K::SearchAnyTopic)) }
                                @for topic in choices.topics {
                                    option value=(topic.slug) selected[topic.slug == selected_topic] { (topic.title) }
                                }
                            }
                        }
                    }
                    label {
                        (lang.t(K::SearchFilterState))
                        select name="state" {
                            option value="" { (lang.t(K::SearchAnyState)) }
                            @for state in AmendmentState::ALL {
                                option value=(state.as_str()) selected[state.as_str() == selected_state] { (state_name(lang, *state)) }
                            }
                        }
                    }
                }
                @if let Some(id) = request.author {
                    p {
                        input type="hidden" name="author" value=(id);
                        @if let Some(author) = &results.author {
                            (lang.f(K::SearchByAuthor, &[Arg::text("name", shown_name(lang, &author.name))]))
                            " "
                        }
                        a href=(address(&SearchRequest { author: None, ..request.clone() })) { (lang.t(K::SearchAllAuthors)) }
                    }
                }
                button type="submit" { (lang.t(K::SearchButton)) }
            }
        }
    }
}

/// The address of a search.
fn address(request: &SearchRequest) -> String {
    let mut address = format!("/search?q={}", query_value(&request.query));
    let mut add = |name: &str, value: &str| {
        address.push('&');
        address.push_str(name);
        address.push('=');
        address.push_str(&query_value(value));
    };
    if let Some(kind) = request.kind {
        add("kind", kind.as_str());
    }
    if let Some(text) = &request.text {
        add("text", text);
    }
    if let Some(topic) = &request.topic {
        add("topic", topic);
    }
    if let Some(state) = request.state {
        add("state", state.as_str());
    }
    if let Some(author) = request.author {
        add("author", &author.to_string());
    }
    address
}

fn group_section(lang: Lang, request: &SearchRequest, group: &Group) -> Markup {
    let shown = group.hits.len();
    html! {
        section.search-group id={ "found-" (group.kind.as_str()) } {
            h2 { (kind_name(lang, group.kind)) " " span.count { "(" (group.total) ")" } }
            ol.hits {
                @for hit in &group.hits { li { (hit_card(lang, hit)) } }
            }
            @if (shown as u32) < group.total {
                p.more {
                    (lang.f(K::SearchFirstOf, &[Arg::count("shown", shown), Arg::count("total", group.total)]))
                    @if request.kind.is_none() {
                        " "
                        a href=(address(&SearchRequest { kind: Some(group.kind), ..request.clone() })) { (lang.t(K::SearchOnlyKind)) }
                    }
                }
            }
        }
    }
}

fn hit_card(lang: Lang, hit: &Hit) -> Markup {
    html! {
        article.hit {
            p.where {
                a href=(hit.address) {
                    @match (&hit.amendment, hit.line) {
                        (Some((reference, _)), _) => { (reference) }
                        (None, Some((line, _))) => { (lang.f(K::SearchParagraph, &[Arg::number("line", line)])) }
                        _ => { (kind_name(lang, hit.kind)) }
                    }
                }
                @if let Some((_, state)) = hit.amendment { " " (state_badge(lang, state)) }
                " · "
                a.text href={ "/texts/" (hit.text_slug) } dir="auto" { (hit.text_title) }
            }
            p.snippet dir="auto" {
                @for (run, marked) in hit.snippet.runs() {
                    @if marked { mark { (run) } } @else { (run) }
                }
            }
        }
    }
}

/// The search box of every page's header.
pub fn header_box(lang: Lang) -> Markup {
    html! {
        form.site-search method="get" action="/search" role="search" {
            input type="search" name="q" maxlength=(MAX_QUERY_CHARS) placeholder=(lang.t(K::SearchButton))
                aria-label=(lang.t(K::SearchLabel));
            button type="submit" aria-label=(lang.t(K::SearchButton)) {
                svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" {
                    circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="currentColor" stroke-width="2" {}
                    path d="M10 10l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" {}
                }
            }
        }
    }
}
