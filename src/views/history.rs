//! A text's history (revisions, their authors and the amendments each merge took in), the
//! diff between two revisions, and the full-text editor with its edit-conflict page.

use super::components::shown_name;
use maud::{Markup, html};

use super::Frame;
use super::components::{inline_diff, line_content, side_by_side_diff, time};
use super::layout::{Head, notice, page};
use super::text::text_nav;
use crate::actions::texts::History;
use crate::domain::Visibility;
use crate::domain::limits::MAX_TITLE_CHARS;
use crate::domain::model::{Revision, RevisionKind, Text};
use crate::i18n::{Arg, K, Lang, phase_name};

fn kind_label(frame: &Frame<'_>, kind: RevisionKind) -> &'static str {
    frame.lang.t(match kind {
        RevisionKind::Published => K::KindPublished,
        RevisionKind::Edited => K::KindEdited,
        RevisionKind::Merged => K::KindMerged,
    })
}

pub fn history_page(frame: &Frame<'_>, history: &History) -> Markup {
    let lang = frame.lang;
    let text = &history.text;
    let title = lang.f(K::HistoryTitle, &[Arg::text("title", &text.title)]);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::NavHistory)) }
            (text_nav(frame, text, "history"))
        }
        form.compare method="get" action={ "/texts/" (text.slug) "/compare" } {
            label { (lang.t(K::CompareFrom)) " " input type="number" name="from" min="1" max=(text.head) value=(text.head.saturating_sub(1).max(1)); }
            label { (lang.t(K::CompareTo)) " " input type="number" name="to" min="1" max=(text.head) value=(text.head); }
            button type="submit" { (lang.t(K::Compare)) }
        }
        ol.revisions reversed {
            @for (index, (info, merged)) in history.revisions.iter().enumerate() {
                @let previous_title = history.revisions.get(index + 1).map(|(older, _)| older.title.as_str());
                li {
                    h2 {
                        a href={ "/texts/" (text.slug) "/revisions/" (info.number) } { (lang.f(K::RevisionNumber, &[Arg::number("revision", info.number)])) }
                        " " span.badge { (kind_label(frame, info.kind)) }
                    }
                    p.meta {
                        (time(lang, info.created_at)) " · " (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &info.author.name))]))
                        " · " (lang.f(K::HistoryParagraphCount, &[Arg::count("count", info.line_count)]))
                    }
                    @if !info.summary.is_empty() { p.summary dir="auto" { (info.summary) } }
                    @if let Some(previous) = previous_title.filter(|previous| *previous != info.title) {
                        p.retitled dir="auto" { (lang.f(K::Retitled, &[Arg::text("title", &info.title), Arg::text("previous", previous)])) }
                    }
                    @if !merged.is_empty() {
                        p { (lang.t(K::MergedAmendments)) " "
                            @for (index, (reference, id)) in merged.iter().enumerate() {
                                @if index > 0 { ", " }
                                a href={ "/amendments/" (id) } { (reference) }
                            }
                        }
                    }
                    @if info.number > 1 {
                        p { a href={ "/texts/" (text.slug) "/diff/" (info.number - 1) ".." (info.number) } { (lang.t(K::DiffWithPrevious)) } }
                    }
                }
            }
        }
        @if !history.phases.is_empty() {
            section.phases {
                h2 { (lang.t(K::PhaseMoves)) }
                ol.events {
                    @for change in &history.phases {
                        li {
                            (time(lang, change.at)) " · " strong { (phase_name(lang, change.phase)) }
                            @if let Some(deadline) = change.deadline {
                                " · " (lang.f(K::ClosingOn, &[Arg::text("date", lang.date_time(deadline))]))
                            }
                            " · " (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &change.by.name))]))
                        }
                    }
                }
            }
        }
    };
    page(frame, Head { title: &title, private: text.visibility == Visibility::Members, ..Head::default() }, content)
}

/// How a diff is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiffLayout {
    SideBySide,
    Inline,
}

/// The diff page around its table, which [`diff_table`] renders (and callers may cache).
pub fn diff_page(
    frame: &Frame<'_>,
    text: &Text,
    from: &Revision,
    to: &Revision,
    layout: DiffLayout,
    table: Markup,
) -> Markup {
    let lang = frame.lang;
    let (a, b) = (from.info.number, to.info.number);
    let title = lang.f(K::DiffTitle, &[Arg::number("from", a), Arg::number("to", b)]);
    let base = format!("/texts/{}/diff/{a}..{b}", text.slug);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (title) }
            (text_nav(frame, text, "history"))
            p.layouts {
                @if layout == DiffLayout::SideBySide {
                    strong { (lang.t(K::SideBySide)) } " · " a href={ (base) "?view=inline" } { (lang.t(K::InlineView)) }
                } @else {
                    a href=(base) { (lang.t(K::SideBySide)) } " · " strong { (lang.t(K::InlineView)) }
                }
            }
        }
        (table)
    };
    page(frame, Head { title: &title, private: text.visibility == Visibility::Members, ..Head::default() }, content)
}

/// The differences between two revisions, folded around the changes.
pub fn diff_table(lang: Lang, from: &Revision, to: &Revision, layout: DiffLayout) -> Markup {
    html! {
        @if from.lines == to.lines {
            p { (lang.t(K::NoDifference)) }
        } @else {
            div.scroll {
                @if layout == DiffLayout::SideBySide {
                    (side_by_side_diff(lang, &from.lines, &to.lines, true))
                } @else {
                    (inline_diff(lang, &from.lines, &to.lines, 1, 1, true))
                }
            }
        }
    }
}

/// What the editor keeps: the base it was loaded on and what the drafter typed.
pub struct EditDraft<'a> {
    pub base: u32,
    pub title: &'a str,
    pub body: &'a str,
    pub summary: &'a str,
    /// The drafter's session ended: the form asks them to log in as they send it.
    pub log_in: bool,
}

/// The full-text editor. Paragraphs are separated by blank lines for readability; blank
/// lines carry nothing and are dropped on the way in.
pub fn edit_page(frame: &Frame<'_>, text: &Text, draft: &EditDraft<'_>, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let title = lang.f(K::EditTitle, &[Arg::text("title", &text.title)]);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::NavEdit)) }
            (text_nav(frame, text, "edit"))
        }
        @if let Some(error) = error { (notice("error", error)) }
        (edit_form(frame, text, draft))
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

fn edit_form(frame: &Frame<'_>, text: &Text, draft: &EditDraft<'_>) -> Markup {
    let lang = frame.lang;
    html! {
        form.edit method="post" action={ "/texts/" (text.slug) "/edit" } {
            (frame.tokens())
            input type="hidden" name="base" value=(draft.base);
            p.hint { (lang.f(K::EditBaseHint, &[Arg::number("revision", draft.base)])) }
            label for="title" { (lang.t(K::FieldTitle)) }
            input #title type="text" name="title" dir="auto" maxlength=(MAX_TITLE_CHARS) value=(draft.title) required;
            label for="body" { (lang.t(K::TextBody)) }
            textarea #body name="body" rows="30" dir="auto" { (draft.body) }
            label for="summary" { (lang.t(K::RevisionSummary)) }
            input #summary type="text" name="summary" dir="auto" value=(draft.summary);
            @if draft.log_in { (super::account::login_fields(lang)) }
            button type="submit" { (lang.t(K::SaveRevision)) }
        }
    }
}

/// The edit-conflict page: the head changed since the drafter loaded the text. Both
/// versions and their diff, and the editor again, on the new head, holding what they typed.
pub fn edit_conflict_page(frame: &Frame<'_>, text: &Text, conflict: &crate::actions::EditConflict) -> Markup {
    let lang = frame.lang;
    let title = lang.t(K::EditConflictTitle);
    let yours = conflict.your_lines.join("\n\n");
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (title) }
        }
        (notice("error", &lang.f(K::ErrEditConflict, &[Arg::number("base", conflict.base), Arg::number("head", conflict.head)])))
        section {
            h2 { (lang.f(K::ConflictDiffTitle, &[Arg::number("revision", conflict.head)])) }
            div.scroll { (side_by_side_diff(lang, &conflict.head_revision.lines, &conflict.your_lines, true)) }
        }
        section {
            h2 { (lang.t(K::ConflictYourVersion)) }
            p { (lang.t(K::ConflictExplanation)) }
            (edit_form(frame, text, &EditDraft {
                base: conflict.head,
                title: conflict.your_title.as_deref().unwrap_or(&text.title),
                body: &yours,
                summary: &conflict.summary,
                log_in: false,
            }))
        }
        details {
            summary { (lang.f(K::ConflictHeadVersion, &[Arg::number("revision", conflict.head)])) }
            ol.quoted { @for line in &conflict.head_revision.lines { li { (line_content(line)) } } }
        }
    };
    page(frame, Head { title, private: true, ..Head::default() }, content)
}
