//! Comments as pages show them: threads (a comment and its replies), each comment with
//! what its viewer may do (reply, edit, delete, hide), the form that adds one, a text's
//! discussion page and the page of one comment.

use super::components::shown_name;
use maud::{Markup, html};

use super::Frame;
use super::components::{line_content, time};
use super::layout::{Head, notice, page};
use super::text::text_nav;
use crate::actions::comments::DiscussionData;
use crate::auth::{Permission, allows};
use crate::domain::comment::{Segment, segments};
use crate::domain::limits::{MAX_COMMENT_CHARS, MAX_REASON_CHARS};
use crate::domain::model::{Comment, Text};
use crate::i18n::{Arg, K, Lang};

/// Where a new comment from a form goes (hidden fields of the form).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommentTarget {
    pub line: Option<u32>,
    pub amendment: Option<i64>,
}

const EMPTY: CommentDraft<'static> = CommentDraft { body: "", parent: None, error: None, log_in: false };

/// What a comment form sent back holds: what was typed, and where.
#[derive(Clone, Debug, Default)]
pub struct CommentDraft<'a> {
    pub body: &'a str,
    /// The comment it replies to.
    pub parent: Option<i64>,
    pub error: Option<&'a str>,
    /// The login fields, when the session ended on the way.
    pub log_in: bool,
}

/// A comment's words: its paragraphs, web addresses made links that tell search engines
/// and the opened page nothing about us.
pub fn comment_body(body: &str) -> Markup {
    html! {
        @for paragraph in body.split('\n').filter(|paragraph| !paragraph.trim().is_empty()) {
            p dir="auto" {
                @for segment in segments(paragraph) {
                    @match segment {
                        Segment::Text(text) => (text),
                        Segment::Link(address) => a href=(address) rel="nofollow ugc noopener noreferrer" { (address) },
                    }
                }
            }
        }
    }
}

/// Whether members may comment on the text now.
fn open_to_comments(text: &Text) -> bool {
    crate::actions::COMMENTING.contains(&text.phase)
}

/// The threads of `comments` (oldest first, replies after their parent): each comment that
/// opens one, then its replies, a reply form under it.
pub fn threads(
    frame: &Frame<'_>,
    text: &Text,
    comments: &[Comment],
    target: CommentTarget,
    draft: &CommentDraft<'_>,
) -> Markup {
    let lang = frame.lang;
    let may_comment =
        frame.user.is_some_and(|user| allows(Some(user.role), Permission::Propose)) && open_to_comments(text);
    html! {
        @if comments.is_empty() {
            p.hint { (lang.t(K::NoCommentsYet)) }
        }
        @for top in comments.iter().filter(|comment| comment.parent.is_none()) {
            @let replies: Vec<&Comment> = comments
                .iter()
                .filter(|reply| reply.parent == Some(top.id) && reply.deleted_at.is_none())
                .collect();
            // A deleted comment with no reply left has nothing to show.
            @if top.deleted_at.is_none() || !replies.is_empty() {
                div.thread {
                    (comment_card(frame, text, top))
                    @if !replies.is_empty() {
                        ol.replies {
                            @for reply in &replies { li { (comment_card(frame, text, reply)) } }
                        }
                    }
                    @if may_comment && top.shown_body().is_some() {
                        @let replying = draft.parent == Some(top.id);
                        details.reply open[replying] {
                            summary { (lang.t(K::Reply)) }
                            @if replying { @if let Some(error) = draft.error { (notice("error", error)) } }
                            (comment_form(frame, text, target, Some(top.id), if replying { draft } else { &EMPTY }))
                        }
                    }
                }
            }
        }
    }
}

/// The form that adds a comment (a reply under `parent`).
pub fn comment_form(
    frame: &Frame<'_>,
    text: &Text,
    target: CommentTarget,
    parent: Option<i64>,
    draft: &CommentDraft<'_>,
) -> Markup {
    let lang = frame.lang;
    let id = match parent {
        Some(parent) => format!("reply-{parent}"),
        None => "new-comment".to_owned(),
    };
    html! {
        form.comment method="post" action={ "/texts/" (text.slug) "/comments" } {
            (frame.tokens())
            @if let Some(parent) = parent {
                input type="hidden" name="parent" value=(parent);
            } @else {
                @if let Some(line) = target.line {
                    input type="hidden" name="line" value=(line);
                    // The revision the alinéa was read on: carried to the head if it moved.
                    input type="hidden" name="revision" value=(text.head);
                }
                @if let Some(amendment) = target.amendment { input type="hidden" name="amendment" value=(amendment); }
            }
            label for=(id) { (lang.t(if parent.is_some() { K::YourReply } else { K::YourComment })) }
            textarea id=(id) name="body" rows="4" dir="auto" maxlength=(MAX_COMMENT_CHARS) required { (draft.body) }
            p.hint { (lang.t(K::CommentHint)) }
            @if draft.log_in { (super::account::login_fields(lang)) }
            button type="submit" { (lang.t(if parent.is_some() { K::SendReply } else { K::SendComment })) }
        }
    }
}

/// One comment: who, when, whether edited, its words (or why they are not shown), and what
/// the viewer may do with it.
fn comment_card(frame: &Frame<'_>, text: &Text, comment: &Comment) -> Markup {
    let lang = frame.lang;
    let own = frame.user.is_some_and(|user| user.id == comment.author.id);
    let drafter = frame.user.is_some_and(|user| allows(Some(user.role), Permission::Decide));
    html! {
        article.comment id={ "comment-" (comment.id) } {
            header {
                strong.author { (shown_name(lang, &comment.author.name)) }
                " · " (time(lang, comment.created_at))
                @if comment.edited_at.is_some() && comment.shown_body().is_some() { " · " span.hint { (lang.t(K::CommentEdited)) } }
            }
            @if let Some(hiding) = &comment.hidden {
                p.hidden-comment { (lang.f(K::CommentHiddenBecause, &[Arg::text("reason", &hiding.reason)])) }
            } @else if comment.deleted_at.is_some() {
                p.hidden-comment { (lang.t(K::CommentDeleted)) }
            } @else {
                (comment_body(&comment.body))
                @if own || drafter {
                    p.comment-actions {
                        @if own && open_to_comments(text) { a href={ "/comments/" (comment.id) } { (lang.t(K::EditComment)) } }
                        @if own { " " a href={ "/comments/" (comment.id) "#delete" } { (lang.t(K::DeleteComment)) } }
                        @if drafter { " " a href={ "/comments/" (comment.id) "#hide" } { (lang.t(K::HideComment)) } }
                    }
                }
            }
        }
    }
}

/// A text's discussion page.
pub fn discussion_page(frame: &Frame<'_>, discussion: &DiscussionData, draft: &CommentDraft<'_>) -> Markup {
    let lang = frame.lang;
    let text = &discussion.text;
    let on_head = discussion.revision == text.head;
    let heading = match (&discussion.paragraph, &discussion.amendment) {
        (Some((line, _)), _) => lang.f(K::CommentsOnParagraphTitle, &[Arg::number("paragraph", line)]),
        (None, Some((_, reference))) => lang.f(K::CommentsOnAmendmentTitle, &[Arg::text("reference", reference)]),
        (None, None) => lang.t(K::CommentsOnTextTitle).to_owned(),
    };
    let title = format!("{heading} · {}", text.title);
    let target = CommentTarget {
        line: discussion.paragraph.as_ref().map(|(line, _)| *line).filter(|_| on_head),
        amendment: discussion.amendment.as_ref().map(|(id, _)| *id),
    };
    let may_comment = frame.user.is_some_and(|user| allows(Some(user.role), Permission::Propose))
        && open_to_comments(text)
        && on_head;
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (heading) }
            (text_nav(frame, text, "comments"))
        }
        @if let Some((line, words)) = &discussion.paragraph {
            blockquote.paragraph {
                (line_content(words))
                p.hint {
                    @if on_head {
                        a href={ "/texts/" (text.slug) "#l" (line) } { (lang.f(K::ParagraphInText, &[Arg::number("paragraph", line)])) }
                    } @else {
                        a href={ "/texts/" (text.slug) "/revisions/" (discussion.revision) "#l" (line) } {
                            (lang.f(K::ParagraphInRevision, &[Arg::number("paragraph", line), Arg::number("revision", discussion.revision)]))
                        }
                    }
                }
            }
        }
        @if let Some((id, reference)) = &discussion.amendment {
            p { a href={ "/amendments/" (id) } { (lang.f(K::BackToAmendment, &[Arg::text("reference", reference)])) } }
        }
        @if draft.parent.is_none() { @if let Some(error) = draft.error { (notice("error", error)) } }
        (threads(frame, text, &discussion.comments, target, draft))
        @if may_comment {
            h2 { (lang.t(K::AddComment)) }
            (comment_form(frame, text, target, None, if draft.parent.is_none() { draft } else { &EMPTY }))
        } @else if !open_to_comments(text) {
            p.hint { (lang.t(K::CommentsClosed)) }
        }
        @if !discussion.paragraphs.is_empty() {
            h2 { (lang.t(K::CommentsOnOtherParagraphs)) }
            ul.discussed {
                @for (line, count, words) in &discussion.paragraphs {
                    li {
                        a href={ "/texts/" (text.slug) "/comments?line=" (line) } {
                            (lang.f(K::CommentsOnParagraph, &[Arg::count("count", *count), Arg::number("paragraph", *line)]))
                        }
                        " " span.hint dir="auto" { (super::text::excerpt(crate::domain::kind::Line::parse(words).text, 90)) }
                    }
                }
            }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// What the page of one comment holds when a form on it comes back.
#[derive(Clone, Debug, Default)]
pub struct CommentPageState<'a> {
    pub body: Option<&'a str>,
    pub reason: &'a str,
    pub error: Option<&'a str>,
    pub log_in: bool,
}

/// The page of one comment: its author edits or deletes it there, a drafter hides it.
pub fn comment_page(
    frame: &Frame<'_>,
    text: &Text,
    comment: &Comment,
    back: &str,
    state: &CommentPageState<'_>,
) -> Markup {
    let lang = frame.lang;
    let own = frame.user.is_some_and(|user| user.id == comment.author.id);
    let drafter = frame.user.is_some_and(|user| allows(Some(user.role), Permission::Decide));
    let shown = comment.shown_body().is_some();
    let title = format!("{} · {}", lang.t(K::CommentTitle), text.title);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::CommentTitle)) }
        }
        p { a href=(back) { (lang.t(K::BackToDiscussion)) } }
        @if let Some(error) = state.error { (notice("error", error)) }
        (comment_card(frame, text, comment))
        @if own && shown && open_to_comments(text) {
            h2 { (lang.t(K::EditComment)) }
            form.comment method="post" action={ "/comments/" (comment.id) "/edit" } {
                (frame.tokens())
                label for="body" { (lang.t(K::YourComment)) }
                textarea #body name="body" rows="6" dir="auto" maxlength=(MAX_COMMENT_CHARS) required { (state.body.unwrap_or(&comment.body)) }
                @if state.log_in { (super::account::login_fields(lang)) }
                button type="submit" { (lang.t(K::SaveComment)) }
            }
        }
        @if own && comment.deleted_at.is_none() {
            h2 #delete { (lang.t(K::DeleteComment)) }
            form.comment method="post" action={ "/comments/" (comment.id) "/delete" } {
                (frame.tokens())
                p.hint { (lang.t(K::DeleteCommentHint)) }
                button.danger type="submit" { (lang.t(K::DeleteComment)) }
            }
        }
        @if drafter && comment.hidden.is_none() && comment.deleted_at.is_none() {
            h2 #hide { (lang.t(K::HideComment)) }
            form.comment method="post" action={ "/comments/" (comment.id) "/hide" } {
                (frame.tokens())
                label for="reason" { (lang.t(K::FieldHideReason)) }
                input #reason type="text" name="reason" maxlength=(MAX_REASON_CHARS) required value=(state.reason) aria-describedby="reason-hint";
                p.hint #reason-hint { (lang.t(K::HideCommentHint)) }
                button.danger type="submit" { (lang.t(K::HideComment)) }
            }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// A count of comments in words, for links to a discussion.
pub fn comments_count(lang: Lang, count: u32) -> String {
    lang.f(K::CommentsCount, &[Arg::count("count", count)])
}
