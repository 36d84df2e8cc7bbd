//! The text page (a revision with frozen paragraph numbers, printed line numbers and the
//! amendments in the margin) and the list of a text's amendments.

use super::components::shown_name;
use maud::{Markup, html};

use super::Frame;
use super::components::{
    anchor_label, co_signers, editorial_badge, line_content, printed_label, proposal_diff, rebased_badge,
    reference_link, state_badge, time,
};
use super::layout::{Head, Share, page};
use super::listing::{ListPlace, filters, pages};
use super::phase::deadline_note;
use crate::actions::amendments::AmendmentItem;
use crate::actions::listing::{Listing, States};
use crate::actions::texts::{ProvenanceView, TextPage};
use crate::auth::{Permission, allows};
use crate::domain::kind::{Line, LineKind};
use crate::domain::model::{Revision, Text};
use crate::domain::printed::print;
use crate::domain::{Phase, Visibility};
use crate::i18n::{Arg, K, Lang, phase_name};

/// Links to what can be done with a text, shown above its pages.
pub fn text_nav(frame: &Frame<'_>, text: &Text, current: &str) -> Markup {
    let lang = frame.lang;
    let role = frame.user.map(|u| u.role);
    let link = |key: &str, href: String, label: &str| {
        html! {
            @if key == current { a href=(href) aria-current="page" { (label) } } @else { a href=(href) { (label) } }
        }
    };
    html! {
        nav.text-nav aria-label=(lang.t(K::TextNavigation)) {
            (link("text", format!("/texts/{}", text.slug), lang.t(K::NavText)))
            (link("amendments", format!("/texts/{}/amendments", text.slug), lang.t(K::NavAmendments)))
            (link("comments", format!("/texts/{}/comments", text.slug), lang.t(K::NavComments)))
            (link("questions", format!("/texts/{}/questions", text.slug), lang.t(K::NavQuestions)))
            (link("history", format!("/texts/{}/history", text.slug), lang.t(K::NavHistory)))
            (link("stats", format!("/texts/{}/stats", text.slug), lang.t(K::NavStats)))
            @if allows(role, Permission::Decide) {
                (link("review", format!("/texts/{}/review", text.slug), lang.t(K::NavReviewShort)))
            }
            @if allows(role, Permission::Publish) && text.phase != Phase::Adopted {
                (link("edit", format!("/texts/{}/edit", text.slug), lang.t(K::NavEditShort)))
            }
            @if allows(role, Permission::Publish) {
                (link("phase", format!("/texts/{}/phase", text.slug), lang.t(K::NavPhase)))
            }
        }
    }
}

/// Whether this page of the text takes amendments: the head, in consultation.
pub fn takes_amendments(data: &TextPage) -> bool {
    data.revision.info.number == data.text.head && data.text.phase == Phase::Consultation
}

/// Whether the page's alinéas take comments: the head's, while its text is discussed.
pub fn takes_comments(data: &TextPage) -> bool {
    data.revision.info.number == data.text.head && crate::actions::COMMENTING.contains(&data.text.phase)
}

/// The text page around its lines, which [`text_lines`] renders (and callers may cache).
pub fn text_page(frame: &Frame<'_>, data: &TextPage, lines: Markup) -> Markup {
    let lang = frame.lang;
    let text = &data.text;
    let revision = &data.revision;
    let number = revision.info.number;
    let is_head = number == text.head;
    let can_propose = takes_amendments(data);
    let description = revision.lines.iter().find(|line| !line.starts_with('#')).map(|line| excerpt(line, 200));
    let content = html! {
        header.text-header {
            h1 dir="auto" { (text.title) }
            p.meta {
                span { (lang.f(K::RevisionNumber, &[Arg::number("revision", number)])) }
                @if !is_head {
                    " · " strong { (lang.t(K::OldRevision)) } " " a href={ "/texts/" (text.slug) } { (lang.f(K::SeeHead, &[Arg::number("revision", text.head)])) }
                }
                " · " span.phase {
                    (phase_name(lang, text.phase))
                    @if let Some(note) = deadline_note(lang, text, data.now) { ", " (note) }
                }
                @if text.visibility == Visibility::Members { " · " span.badge.members { (lang.t(K::MembersOnly)) } }
                " · " (time(lang, revision.info.created_at))
            }
            (text_nav(frame, text, "text"))
            p.exports {
                (lang.t(K::Export)) " "
                a href={ "/texts/" (text.slug) "/export.txt?revision=" (number) } download { "TXT" } " · "
                a href={ "/texts/" (text.slug) "/export.md?revision=" (number) } download { "Markdown" } " · "
                @let range = format!("from={}&to={number}", number.saturating_sub(1).max(1));
                a href={ "/texts/" (text.slug) "/export.odt?" (range) } download title=(lang.t(K::TrackedExportHint)) { "ODT" } " · "
                a href={ "/texts/" (text.slug) "/export.docx?" (range) } download title=(lang.t(K::TrackedExportHint)) { "DOCX" } " · "
                a href={ "/texts/" (text.slug) "/export.pdf?revision=" (number) } download { "PDF" } " · "
                a href={ "/texts/" (text.slug) "/revisions/" (number) "/lines" } { (lang.t(K::PrintedLink)) } " · "
                a href={ "/texts/" (text.slug) "/revisions/" (number) "/provenance" } { (lang.t(K::ProvenanceLink)) } " · "
                a href={ "/texts/" (text.slug) "/live" } { (lang.t(K::LiveLink)) } " · "
                a href={ "/texts/" (text.slug) "/amendments.csv" } download { (lang.t(K::AmendmentsCsv)) } " · "
                a href={ "/texts/" (text.slug) "/amendments.ods" } download { "ODS" } " · "
                a href={ "/texts/" (text.slug) "/amendments.xlsx" } download { "XLSX" } " · "
                a href={ "/texts/" (text.slug) "/book.html" } { (lang.t(K::BookLink)) } " ("
                a href={ "/texts/" (text.slug) "/book.pdf" } download { "PDF" } ")"
                @if text.visibility == Visibility::Public {
                    " · " a href={ "/texts/" (text.slug) "/feed.atom" } { (lang.t(K::FeedLink)) }
                }
            }
            @if let Some(following) = data.following {
                (super::notifications::follow_form(frame, &text.slug, following))
            }
            @if let Some(news) = &data.news {
                (super::notifications::news_banner(lang, &text.slug, text.head, news))
            }
            @if let Some((since, changed)) = &data.changed_since {
                p.since-legend {
                    (lang.f(K::SinceHighlighted, &[
                        Arg::count("count", changed.iter().filter(|changed| **changed).count()),
                        Arg::number("revision", *since),
                    ]))
                    " " a href={ "/texts/" (text.slug) @if number != text.head { "/revisions/" (number) } } { (lang.t(K::SinceClear)) }
                }
            }
        }
        @if can_propose {
            @if frame.user.is_some() {
                // What is true without the script; the script, which makes the numbers
                // selectable, says how to select.
                p.hint #paragraph-hint data-with-script=(lang.t(K::HintTapParagraphs)) { (lang.t(K::HintParagraphLinks)) }
            } @else {
                p.hint { (lang.t(K::HintLogInToAmend)) }
            }
        }
        (lines)
        @if can_propose {
            div #selection-bar hidden aria-live="polite" {
                a.button #selection-link href="#" { }
                button.link type="button" #selection-clear { (lang.t(K::ClearSelection)) }
            }
            p {
                a href={ "/texts/" (text.slug) "/amend?revision=" (number) "&start=" (revision.lines.len() + 1) "&count=0" } {
                    (lang.t(K::AppendAtEnd))
                }
            }
        }
    };
    let feed = format!("/texts/{}/feed.atom", text.slug);
    let public = text.visibility == Visibility::Public;
    let permalink = format!("/texts/{}/revisions/{number}", text.slug);
    let image = format!("/texts/{}/preview.png?revision={number}", text.slug);
    let embed = format!("/embed/texts/{}/revisions/{number}", text.slug);
    let canonical = if is_head { format!("/texts/{}", text.slug) } else { permalink.clone() };
    let content = html! {
        (content)
        @if public {
            p.permalink { a href=(permalink) { (lang.t(K::SharePermalink)) } }
            (super::sharing::share_block(frame, &permalink, &text.title, Some(&embed)))
        }
    };
    page(
        frame,
        Head {
            title: &text.title,
            description: description.as_deref(),
            private: !public,
            feed: public.then_some(feed.as_str()),
            share: public.then_some(Share { permalink: &permalink, canonical: &canonical, image: &image }),
            reload_without_script: None,
        },
        content,
    )
}

/// The lines of a revision: paragraph numbers (links to the amendment form where the text
/// takes amendments), printed line numbers, and the amendments in the margin. The same for
/// every visitor in a language, so it can be rendered once per state of the amendments.
pub fn text_lines(lang: Lang, data: &TextPage) -> Markup {
    let text = &data.text;
    let revision = &data.revision;
    let number = revision.info.number;
    let can_propose = takes_amendments(data);
    let on_head = number == text.head;
    // Outside the consultation, a paragraph's number opens its comments while they are open.
    let can_comment = takes_comments(data);
    let comments_href = |line: usize| {
        format!(
            "/texts/{}/comments?{}line={line}",
            text.slug,
            if on_head { String::new() } else { format!("revision={number}&") }
        )
    };
    let amend_href = |start: usize| format!("/texts/{}/amend?revision={number}&start={start}&count=1", text.slug);
    // The script fills in {start} and {end} when a passage is selected.
    let label_one = lang.f(K::AmendParagraph, &[Arg::text("start", "{start}")]);
    let label_range = lang.f(K::AmendParagraphs, &[Arg::text("start", "{start}"), Arg::text("end", "{end}")]);
    let printed_title = lang.f(K::PrintedLineTitle, &[Arg::count("width", revision.info.printing.width)]);
    html! {
        ol.lines data-slug=(text.slug) data-revision=(number) data-label-one=(label_one) data-label-range=(label_range) {
            @for (index, line) in revision.lines.iter().enumerate() {
                @let n = index + 1;
                @let changed = data.changed_since.as_ref().is_some_and(|(_, changed)| changed.get(index).copied().unwrap_or(false));
                li.line.since[changed] id={ "l" (n) } {
                    @if can_propose {
                        a.num href=(amend_href(n)) data-line=(n) aria-label=(lang.f(K::AmendParagraph, &[Arg::number("start", n)])) { (n) }
                    } @else if can_comment {
                        a.num href=(comments_href(n)) aria-label=(lang.f(K::CommentParagraph, &[Arg::number("paragraph", n)])) { (n) }
                    } @else {
                        span.num { (n) }
                    }
                    span.printed title=(printed_title) { "l. " (revision.layout().start(n as u32)) }
                    div.content { (line_content(line)) }
                    @let count = data.margin.amendments.get(index).copied().unwrap_or(0);
                    @let comments = data.margin.comments.get(index).copied().unwrap_or(0);
                    @if count > 0 {
                        a.margin href={ "/texts/" (text.slug) "/amendments?revision=" (number) "&line=" (n) }
                            aria-label=(lang.f(K::AmendmentsOnParagraph, &[Arg::count("count", count), Arg::number("paragraph", n)])) { (count) }
                    }
                    @if comments > 0 {
                        a.margin.comments href=(comments_href(n))
                            aria-label=(lang.f(K::CommentsOnParagraph, &[Arg::count("count", comments), Arg::number("paragraph", n)])) { (comments) }
                    }
                }
            }
        }
    }
}

/// The first `max` characters of a line, for previews.
pub fn excerpt(line: &str, max: usize) -> String {
    let mut cut: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        cut.push('…');
    }
    cut
}

/// A text's amendments, a page at a time, with the filters a reader clicks.
/// The public list of a text's amendments around `cards`, the listed amendments as
/// [`amendment_cards`] renders them (or a marker where they go).
pub fn amendments_list(frame: &Frame<'_>, listing: &Listing, cards: Markup) -> Markup {
    let lang = frame.lang;
    let text = &listing.text;
    let title = match listing.filter.line {
        Some(line) => lang.f(K::AmendmentsOnParagraphTitle, &[Arg::number("paragraph", line)]),
        None => lang.t(K::AmendmentsTitle).to_owned(),
    };
    let path = format!("/texts/{}/amendments", text.slug);
    let place = ListPlace { path: &path, default_states: States::All };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (title) }
            (text_nav(frame, text, "amendments"))
        }
        @if listing.filter.line.is_some() {
            p { a href=(path) { (lang.t(K::AllAmendments)) } }
        }
        (filters(frame, listing, place))
        @if listing.items.is_empty() {
            p { (lang.t(K::NoAmendments)) }
        }
        (cards)
        (pages(frame, listing, place))
    };
    page(frame, Head { title: &title, private: text.visibility == Visibility::Members, ..Head::default() }, content)
}

/// The amendments of a listing, each as [`amendment_card`]: the same for every visitor.
pub fn amendment_cards(lang: Lang, listing: &Listing) -> Markup {
    html! {
        @for item in &listing.items {
            (amendment_card(lang, item, listing.text.min_supporters))
        }
    }
}

/// An amendment in a list: reference, state, anchor, author and its diff.
pub fn amendment_card(lang: Lang, item: &AmendmentItem, needed: u32) -> Markup {
    let amendment = &item.amendment;
    html! {
        article id={ "a-" (amendment.id) } class={ "amendment state-" (amendment.state.as_str()) } {
            header {
                h2 { (reference_link(amendment)) }
                (state_badge(lang, amendment.state))
                (rebased_badge(lang, amendment))
                (editorial_badge(lang, amendment))
                span.anchor {
                    (anchor_label(lang, amendment.anchor)) " · " (printed_label(lang, &item.printed)) " · "
                    (lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)]))
                }
                span.author { (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &amendment.author.name))])) }
                (co_signers(lang, amendment, needed))
            }
            @if !amendment.summary.is_empty() { p.summary dir="auto" { (amendment.summary) } }
            (proposal_diff(lang, &item.anchored_lines, amendment.lines_to_merge(), amendment.anchor))
        }
    }
}

/// The line view of a revision (rule 10): every printed line with its number, broken by the
/// server, so that "l. 171" is the same line on screen, on paper and in every export. Its
/// print stylesheet sets it on A4 with nothing else. `lines` is [`printed_lines`].
pub fn printed_page(frame: &Frame<'_>, text: &Text, revision: &Revision, lines: Markup) -> Markup {
    let lang = frame.lang;
    let number = revision.info.number;
    let title = lang.f(K::PrintedTitle, &[Arg::text("title", &revision.info.title)]);
    let printing = revision.info.printing;
    let content = html! {
        header.text-header.printed-header {
            h1 dir="auto" { (revision.info.title) }
            p.meta {
                a href={ "/texts/" (text.slug) "/revisions/" (number) } { (lang.f(K::RevisionNumber, &[Arg::number("revision", number)])) }
                " · " (lang.f(K::PrintedMeta, &[
                    Arg::count("lines", revision.layout().total()),
                    Arg::count("width", printing.width),
                    Arg::number("algorithm", printing.algorithm),
                ]))
            }
            (text_nav(frame, text, "text"))
            p.hint { (lang.t(K::PrintedHint)) }
        }
        (lines)
    };
    page(frame, Head { title: &title, private: text.visibility == Visibility::Members, ..Head::default() }, content)
}

/// A revision's printed lines, each with its number, and at the first line of each
/// paragraph its number linking to it on the text page: the same for every visitor in a
/// language.
pub fn printed_lines(lang: Lang, text: &Text, revision: &Revision) -> Markup {
    let printing = revision.info.printing;
    let number = revision.info.number;
    let printed = print(&revision.lines, printing);
    let heading = |paragraph: u32| {
        revision
            .lines
            .get(paragraph as usize - 1)
            .is_some_and(|line| matches!(Line::parse(line).kind, LineKind::Heading { .. }))
    };
    html! {
        div.printed {
            @for line in &printed {
                div class={ "pl" @if line.first { " first" } @if heading(line.paragraph) { " heading" } } id={ "pl" (line.number) } {
                    span.pn { (line.number) }
                    span.pt dir="auto" { (line.text) }
                    @if line.first {
                        a.pa href={ "/texts/" (text.slug) "/revisions/" (number) "#l" (line.paragraph) } {
                            (lang.f(K::AnchorParagraph, &[Arg::number("paragraph", line.paragraph)]))
                        }
                    }
                }
            }
        }
    }
}

/// The provenance view of a revision (rule 8): its paragraphs in runs of the same origin,
/// each run with a band in the margin and what wrote it (an amendment with its author,
/// a drafter's edit, or the first revision). `body` is [`provenance_body`].
pub fn provenance_page(frame: &Frame<'_>, view: &ProvenanceView, body: Markup) -> Markup {
    let lang = frame.lang;
    let text = &view.text;
    let number = view.revision.info.number;
    let title = lang.f(K::ProvenanceTitle, &[Arg::text("title", &view.revision.info.title)]);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) "/revisions/" (number) } dir="auto" { (view.revision.info.title) } }
            h1 { (lang.t(K::ProvenanceHeading)) }
            p.meta { (lang.f(K::RevisionNumber, &[Arg::number("revision", number)])) }
            (text_nav(frame, text, "text"))
        }
        (body)
    };
    page(frame, Head { title: &title, private: text.visibility == Visibility::Members, ..Head::default() }, content)
}

/// The paragraphs of a provenance view with their origins and a summary: the same for
/// every reader in a language, as of the revision and the text's amendments (which a
/// member's new name bumps).
pub fn provenance_body(lang: Lang, view: &ProvenanceView) -> Markup {
    let revision = &view.revision;
    let origins = &revision.provenance;
    // Runs of consecutive paragraphs of the same origin: (first index, one past the last).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for index in 0..origins.len() {
        match runs.last_mut() {
            Some(run) if origins[run.0] == origins[index] => run.1 = index + 1,
            _ => runs.push((index, index + 1)),
        }
    }
    let from_amendments = origins.iter().filter(|origin| origin.amendment.is_some()).count();
    let from_first = origins.iter().filter(|origin| origin.amendment.is_none() && origin.revision == 1).count();
    let from_edits = origins.len() - from_amendments - from_first;
    let author_of =
        |number: u32| view.revisions.get(&number).map(|info| shown_name(lang, &info.author.name)).unwrap_or_default();
    html! {
        p.provenance-summary {
            (lang.f(K::ProvenanceSummary, &[
                Arg::count("amendments", from_amendments),
                Arg::count("authors", view.amendments.len()),
                Arg::count("edits", from_edits),
                Arg::count("first", from_first),
            ]))
        }
        ol.provenance {
            @for &(start, end) in &runs {
                @let origin = origins[start];
                @let amendment = origin.amendment.and_then(|id| view.amendments.get(&id));
                @let band = match (origin.amendment, origin.revision) {
                    (Some(id), _) => format!("band-{}", id.rem_euclid(8)),
                    (None, 1) => "band-first".to_owned(),
                    (None, _) => "band-edit".to_owned(),
                };
                li class={ "origin " (band) } {
                    p.origin-label {
                        @match (origin.amendment, amendment) {
                            (Some(_), Some(amendment)) => {
                                a href={ "/amendments/" (amendment.id) } { (amendment.reference) } " · "
                                (lang.f(K::ProvenanceMerged, &[
                                    Arg::text("author", shown_name(lang, &amendment.author.name)),
                                    Arg::number("revision", origin.revision),
                                ]))
                            }
                            (Some(id), None) => {
                                a href={ "/amendments/" (id) } { "#" (id) } " · "
                                (lang.f(K::RevisionNumber, &[Arg::number("revision", origin.revision)]))
                            }
                            (None, _) if origin.revision == 1 => {
                                (lang.f(K::ProvenanceFirst, &[Arg::text("author", author_of(1))]))
                            }
                            (None, _) => {
                                a href={ "/texts/" (view.text.slug) "/diff/" (origin.revision - 1) ".." (origin.revision) } {
                                    (lang.f(K::ProvenanceEdit, &[
                                        Arg::number("revision", origin.revision),
                                        Arg::text("author", author_of(origin.revision)),
                                    ]))
                                }
                            }
                        }
                    }
                    ol.lines start=(start + 1) {
                        @for (index, line) in revision.lines[start..end].iter().enumerate() {
                            li.line id={ "l" (start + index + 1) } {
                                span.num { (start + index + 1) }
                                div.content { (line_content(line)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
