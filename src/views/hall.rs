//! The congress hall: a read-only view of a text for the screen in the hall, which
//! server-sent events keep up to date (the script swaps in the parts they carry; without
//! it, the page reloads itself).

use maud::{Markup, html};

use super::Frame;
use super::components::{line_content, printed_label, reference_link, state_badge};
use super::layout::{Head, page};
use crate::actions::hall::LiveView;
use crate::domain::Visibility;
use crate::i18n::{Arg, K, Lang, phase_name};

/// Seconds between reloads of the page in a browser without JavaScript.
const RELOAD_SECONDS: u32 = 30;

/// The live page around its two parts, [`live_decisions`] and [`live_text`], which the
/// events replace (callers may cache them).
pub fn live_page(frame: &Frame<'_>, view: &LiveView, decisions: Markup, text_part: Markup) -> Markup {
    let lang = frame.lang;
    let text = &view.text;
    let title = lang.f(K::LiveTitle, &[Arg::text("title", &text.title)]);
    let content = html! {
        div.live data-events={ "/texts/" (text.slug) "/events?head=" (text.head) "&version=" (text.amendments_version) "&phase=" (text.phase.as_str()) }
            data-updated=(lang.t(K::LiveUpdated)) data-lost=(lang.t(K::LiveLost)) {
            header.text-header {
                p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
                h1 { (lang.t(K::LiveHeading)) " " span.badge.live-badge { (lang.t(K::LiveBadge)) } }
                p.hint #live-status aria-live="polite" { (lang.t(K::LiveHint)) }
            }
            div.live-columns {
                section.live-decisions aria-labelledby="live-decisions-title" {
                    h2 #live-decisions-title { (lang.t(K::LiveDecisions)) }
                    div #live-decisions { (decisions) }
                }
                section.live-text aria-labelledby="live-text-title" {
                    h2 #live-text-title { (lang.t(K::LiveText)) }
                    div #live-text { (text_part) }
                }
            }
        }
    };
    let head = Head {
        title: &title,
        private: text.visibility == Visibility::Members,
        reload_without_script: Some(RELOAD_SECONDS),
        ..Head::default()
    };
    page(frame, head, content)
}

/// The amendments decided, the latest first, with the counts: the same for every reader in
/// a language, as of the text's amendments.
pub fn live_decisions(lang: Lang, view: &LiveView) -> Markup {
    html! {
        p.meta {
            (lang.f(K::LiveCounts, &[Arg::count("decided", view.decided_count), Arg::count("open", view.open_count)]))
            " · " (phase_name(lang, view.text.phase))
        }
        @if view.decided.is_empty() {
            p { (lang.t(K::LiveNothingDecided)) }
        } @else {
            ol.live-list {
                @for (amendment, printed) in &view.decided {
                    li {
                        (reference_link(amendment)) " " (state_badge(lang, amendment.state))
                        " " span.anchor { (printed_label(lang, printed)) " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)])) }
                        @if !amendment.summary.is_empty() { " — " span dir="auto" { (amendment.summary) } }
                    }
                }
            }
        }
    }
}

/// The head with its printed line numbers: the same for every reader in a language, as of
/// the head.
pub fn live_text(lang: Lang, view: &LiveView) -> Markup {
    let head = &view.head;
    html! {
        p.meta { (lang.f(K::RevisionNumber, &[Arg::number("revision", head.info.number)])) }
        ol.lines.live-lines {
            @for (index, line) in head.lines.iter().enumerate() {
                @let n = index + 1;
                li.line id={ "l" (n) } {
                    span.num { (n) }
                    span.printed { "l. " (head.layout().start(n as u32)) }
                    div.content { (line_content(line)) }
                }
            }
        }
    }
}
