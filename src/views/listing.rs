//! What lists of amendments share: the filters a person clicks (states, with their counts;
//! author and section of the text, in a form that works without script) and the pages.

use super::components::shown_name;
use maud::{Markup, html};

use super::Frame;
use crate::actions::listing::{Filter, Listing, Order, Page, States};
use crate::domain::AmendmentState;
use crate::i18n::{Arg, K, state_name};

/// Where a list lives and what it shows when no state is asked for.
#[derive(Clone, Copy)]
pub struct ListPlace<'a> {
    /// The list's path, as `/texts/programme/amendments`.
    pub path: &'a str,
    /// The states shown by default: all on the public list, those to decide on the desk.
    pub default_states: States,
}

impl ListPlace<'_> {
    /// The address of the list with `filter`, at `page`.
    pub fn address(&self, filter: &Filter, page: Page) -> String {
        let mut query: Vec<String> = Vec::new();
        if filter.states != self.default_states {
            query.push(format!("state={}", filter.states.name().unwrap_or("all")));
        }
        if let Some(author) = filter.author {
            query.push(format!("author={author}"));
        }
        if let Some(section) = filter.section {
            query.push(format!("section={section}"));
        }
        if let Some(line) = filter.line {
            query.push(format!("line={line}"));
        }
        if let Some(revision) = filter.revision {
            query.push(format!("revision={revision}"));
        }
        if filter.order != Order::Line {
            query.push(format!("sort={}", filter.order.name()));
        }
        match page {
            Page::Everything => query.push("all=1".to_owned()),
            Page::Number(1) => {}
            Page::Number(number) => query.push(format!("page={number}")),
        }
        if query.is_empty() { self.path.to_owned() } else { format!("{}?{}", self.path, query.join("&")) }
    }
}

/// The filters: states as links with their counts, then author and section in a small
/// form; every choice keeps the others.
pub fn filters(frame: &Frame<'_>, listing: &Listing, place: ListPlace<'_>) -> Markup {
    let lang = frame.lang;
    let filter = listing.filter;
    let total: usize = listing.by_state.values().sum();
    let state_link = |states: States, label: String, count: usize| {
        let href = place.address(&Filter { states, ..filter }, Page::Number(1));
        html! {
            @if filter.states == states {
                a.chip href=(href) aria-current="true" { (label) " " span.count { (count) } }
            } @else {
                a.chip href=(href) { (label) " " span.count { (count) } }
            }
        }
    };
    html! {
        nav.filters aria-label=(lang.t(K::FilterState)) {
            (state_link(States::All, lang.t(K::FilterAll).to_owned(), total))
            (state_link(States::ToDecide, lang.t(K::FilterToDecide).to_owned(), listing.to_decide))
            @for state in AmendmentState::ALL {
                @let count = listing.by_state.get(state).copied().unwrap_or(0);
                @if count > 0 || filter.states == States::One(*state) {
                    (state_link(States::One(*state), state_name(lang, *state).to_owned(), count))
                }
            }
        }
        form.filters method="get" action=(place.path) {
            @if let Some(name) = filter.states.name().filter(|_| filter.states != place.default_states) {
                input type="hidden" name="state" value=(name);
            } @else if filter.states != place.default_states {
                input type="hidden" name="state" value="all";
            }
            @if let Some(line) = filter.line { input type="hidden" name="line" value=(line); }
            @if let Some(revision) = filter.revision { input type="hidden" name="revision" value=(revision); }
            label {
                (lang.t(K::FilterAuthor)) " "
                select name="author" {
                    option value="" selected[filter.author.is_none()] { (lang.t(K::FilterAnyAuthor)) }
                    @for (person, count) in &listing.authors {
                        option value=(person.id) selected[filter.author == Some(person.id)] { (shown_name(lang, &person.name)) " (" (count) ")" }
                    }
                }
            }
            @if !listing.sections.is_empty() {
                label {
                    (lang.t(K::FilterSection)) " "
                    select name="section" {
                        option value="" selected[filter.section.is_none()] { (lang.t(K::FilterWholeText)) }
                        @for section in &listing.sections {
                            option value=(section.start) selected[filter.section == Some(section.start)] {
                                ("\u{a0}\u{a0}".repeat(usize::from(section.level.saturating_sub(1)))) (section.title)
                            }
                        }
                    }
                }
            }
            label {
                (lang.t(K::SortBy)) " "
                select name="sort" {
                    @for (order, key) in [(Order::Line, K::SortByLine), (Order::CoSigners, K::SortByCoSigners), (Order::Votes, K::SortByVotes)] {
                        option value=(order.name()) selected[filter.order == order] { (lang.t(key)) }
                    }
                }
            }
            button.secondary type="submit" { (lang.t(K::FilterApply)) }
        }
        p.matching {
            (lang.f(K::MatchingAmendments, &[Arg::count("count", listing.matching)]))
            @if let Page::Number(page) = listing.page {
                @if listing.pages > 1 {
                    " · " (lang.f(K::PageOf, &[Arg::number("page", page), Arg::number("pages", listing.pages)]))
                }
            }
        }
    }
}

/// Links to the other pages, and to everything on one page for printing (or back to pages).
pub fn pages(frame: &Frame<'_>, listing: &Listing, place: ListPlace<'_>) -> Markup {
    let lang = frame.lang;
    let filter = &listing.filter;
    let link = |page: Page| place.address(filter, page);
    html! {
        nav.pages aria-label=(lang.t(K::Pages)) {
            @match listing.page {
                Page::Number(page) => {
                    @if page > 1 { a rel="prev" href=(link(Page::Number(page - 1))) { "← " (lang.t(K::PreviousPage)) } }
                    @for number in 1..=listing.pages {
                        @if number == page {
                            strong aria-current="page" { (number) }
                        } @else if number == 1 || number == listing.pages || number.abs_diff(page) <= 2 {
                            a href=(link(Page::Number(number))) { (number) }
                        } @else if number.abs_diff(page) == 3 {
                            span.gap { "…" }
                        }
                    }
                    @if page < listing.pages { a rel="next" href=(link(Page::Number(page + 1))) { (lang.t(K::NextPage)) " →" } }
                    @if listing.pages > 1 { a.print href=(link(Page::Everything)) { (lang.t(K::ShowEverything)) } }
                }
                Page::Everything => {
                    a href=(link(Page::Number(1))) { (lang.t(K::ShowByPages)) }
                }
            }
        }
    }
}
