//! Use cases of comments: members comment on a paragraph of a text, on an amendment or on
//! the text as a whole, and reply to a comment (one level), during the consultation and
//! the review; authors edit (marked as edited) or delete their own; drafters hide one with
//! a reason that stays visible. Paragraph comments follow the head as amendments do (see
//! `rebase_following`).

use crate::auth::Permission;
use crate::domain::fields;
use crate::domain::model::{Comment, Text};
use crate::domain::rebase::{Rebased, Rebaser};
use crate::domain::span::Span;
use crate::store::{self, CommentsOn, NewComment, now};

use super::pace::Paced;
use super::{
    Acting, ActionError, ActionResult, COMMENTING, Conflict, Done, Freshness, Invalid, Site, Viewer, answered,
    may_read, paced, remember_submission, require, require_phase, visible_text,
};

/// Where a new comment goes: on a paragraph of the head (`line`, 1-based), on an amendment
/// of the text, on the text as a whole (neither), or under a comment (`parent`, which
/// gives it its place).
#[derive(Clone, Copy, Debug, Default)]
pub struct Place {
    pub line: Option<u32>,
    /// The revision `line` was read on (the head when not given): a line read on an older
    /// revision is carried to the head, refused if a change since touched its alinéa.
    pub revision: Option<u32>,
    pub amendment: Option<i64>,
    pub parent: Option<i64>,
}

fn outcome(id: i64) -> String {
    format!("comment:{id}")
}

/// A comment and its text, if the viewer may read the text.
fn visible_comment(tx: &rusqlite::Connection, viewer: Viewer<'_>, id: i64) -> ActionResult<(Text, Comment)> {
    let comment = store::comment(tx, id)?.ok_or(ActionError::NotFound)?;
    let text = store::text_by_id(tx, comment.text_id)?.filter(|text| may_read(viewer, text));
    Ok((text.ok_or(ActionError::NotFound)?, comment))
}

/// A member comments. Errors: 404 for a text, amendment or parent the viewer cannot see;
/// `PhaseClosed` outside the consultation and review; `Invalid` for an empty or oversized
/// body, two places at once, a paragraph the head does not have, a reply to a reply;
/// `CommentClosed` for a reply to a deleted or hidden comment.
pub fn comment(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    place: Place,
    body: &str,
    acting: &Acting,
) -> ActionResult<Done<Comment>> {
    let author = require(viewer, Permission::Propose)?;
    let body = fields::comment(body)?;
    if place.line.is_some() && place.amendment.is_some() {
        return Err(Invalid::CommentPlace.into());
    }
    if place.parent.is_some() && (place.line.is_some() || place.amendment.is_some()) {
        return Err(Invalid::CommentPlace.into());
    }
    paced(site, author, Paced::Comment, || {
        site.store.write(|tx| {
            let text = visible_text(tx, viewer, slug)?;
            if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
                let id =
                    outcome.strip_prefix("comment:").and_then(|id| id.parse().ok()).ok_or(ActionError::NotFound)?;
                return Ok(Done::repeated(store::comment(tx, id)?.ok_or(ActionError::NotFound)?));
            }
            require_phase(&text, COMMENTING)?;
            let (amendment, stored_place) = match place.parent {
                Some(parent_id) => {
                    let parent = store::comment(tx, parent_id)?.filter(|parent| parent.text_id == text.id);
                    let parent = parent.ok_or(ActionError::NotFound)?;
                    if parent.parent.is_some() {
                        return Err(Invalid::ReplyToReply.into());
                    }
                    if parent.shown_body().is_none() {
                        return Err(Conflict::CommentClosed.into());
                    }
                    (parent.amendment, store::comment_place(tx, parent_id)?)
                }
                None => {
                    if let Some(id) = place.amendment {
                        let amendment = store::amendment(tx, id)?.filter(|amendment| amendment.text_id == text.id);
                        amendment.ok_or(ActionError::NotFound)?;
                    }
                    let stored = match place.line {
                        Some(line) => Some((0, line_on_head(site, tx, &text, line, place.revision)?)),
                        None => None,
                    };
                    (place.amendment, stored)
                }
            };
            let now = now();
            let new = NewComment {
                text_id: text.id,
                author_id: author.id,
                parent: place.parent,
                amendment,
                place: stored_place,
                written_on: text.head,
                body: &body,
            };
            let id = store::insert_comment(tx, &new, now)?;
            // The text's page counts comments in its margin, its lists per amendment.
            store::touch_amendments(tx, text.id)?;
            remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
            let comment = store::comment(tx, id)?.ok_or(ActionError::NotFound)?;
            super::search::index_comment(tx, &comment)?;
            Ok(Done::new(comment))
        })
    })
}

/// Where alinéa `line` of revision `read_on` (the head when `None`) is on the head.
/// Errors: `UnknownRevision`, `NoSuchParagraph`, and `AnchorTouched` when a change since
/// rewrote or removed it.
fn line_on_head(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    line: u32,
    read_on: Option<u32>,
) -> ActionResult<u32> {
    let base = read_on.unwrap_or(text.head);
    if base == 0 || base > text.head {
        return Err(Invalid::UnknownRevision(base).into());
    }
    let revision = site.revision_in_write(tx, text.id, base)?;
    let count = revision.lines.len() as u32;
    if line == 0 || line > count {
        return Err(Invalid::NoSuchParagraph { line, count }.into());
    }
    let mut span = Span { start: line as usize - 1, count: 1 };
    for step in store::changes_between(tx, text.id, base, text.head)? {
        span = match Rebaser::new(&step.changes).rebase(span) {
            Rebased::Moved(moved) => moved,
            Rebased::Touched => return Err(Conflict::AnchorTouched { base, head: text.head }.into()),
        };
    }
    Ok(span.start as u32 + 1)
}

/// Its author rewrites a comment during the consultation or review; it shows as edited.
/// The same words again change nothing. Errors: 404 when the viewer cannot see it, 403 for
/// someone else's, `CommentClosed` once deleted or hidden, `PhaseClosed`.
pub fn edit_comment(
    site: &Site,
    viewer: Viewer<'_>,
    id: i64,
    body: &str,
    acting: &Acting,
) -> ActionResult<Done<Comment>> {
    let author = require(viewer, Permission::Propose)?;
    let body = fields::comment(body)?;
    site.store.write(|tx| {
        let (text, comment) = visible_comment(tx, viewer, id)?;
        if comment.author.id != author.id {
            return Err(ActionError::Forbidden);
        }
        if answered(tx, author, acting.once.as_ref())?.is_some() {
            return Ok(Done::repeated(comment));
        }
        if comment.shown_body().is_none() {
            return Err(Conflict::CommentClosed.into());
        }
        require_phase(&text, COMMENTING)?;
        if comment.body == body {
            return Ok(Done { value: comment, freshness: Freshness::AlreadyThere });
        }
        let now = now();
        store::edit_comment(tx, id, &body, now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
        let comment = store::comment(tx, id)?.ok_or(ActionError::NotFound)?;
        super::search::index_comment(tx, &comment)?;
        Ok(Done::new(comment))
    })
}

/// Its author deletes a comment, in any phase: its words go, its replies stay in their
/// thread. Deleting it again changes nothing.
pub fn delete_comment(site: &Site, viewer: Viewer<'_>, id: i64, acting: &Acting) -> ActionResult<Done<Comment>> {
    let author = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        let (text, comment) = visible_comment(tx, viewer, id)?;
        if comment.author.id != author.id {
            return Err(ActionError::Forbidden);
        }
        if comment.deleted_at.is_some() || answered(tx, author, acting.once.as_ref())?.is_some() {
            return Ok(Done { value: comment, freshness: Freshness::AlreadyThere });
        }
        let now = now();
        store::delete_comment(tx, id, now)?;
        super::search::unindex_comment(tx, id)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, author, acting.once.as_ref(), &outcome(id), now)?;
        Ok(Done::new(store::comment(tx, id)?.ok_or(ActionError::NotFound)?))
    })
}

/// A drafter hides a comment, in any phase, with a reason everyone sees; nobody sees its
/// words again. A hidden comment stays hidden; hiding it again changes nothing.
pub fn hide_comment(
    site: &Site,
    viewer: Viewer<'_>,
    id: i64,
    reason: &str,
    acting: &Acting,
) -> ActionResult<Done<Comment>> {
    let drafter = require(viewer, Permission::Decide)?;
    let reason = fields::reason(reason)?;
    site.store.write(|tx| {
        let (text, comment) = visible_comment(tx, viewer, id)?;
        if comment.hidden.is_some() || answered(tx, drafter, acting.once.as_ref())?.is_some() {
            return Ok(Done { value: comment, freshness: Freshness::AlreadyThere });
        }
        let now = now();
        store::hide_comment(tx, id, &reason, drafter.id, now)?;
        super::search::unindex_comment(tx, id)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, drafter, acting.once.as_ref(), &outcome(id), now)?;
        Ok(Done::new(store::comment(tx, id)?.ok_or(ActionError::NotFound)?))
    })
}

/// A text's comments the viewer may read (`on` says which), oldest first.
pub fn comments(site: &Site, viewer: Viewer<'_>, slug: &str, on: CommentsOn) -> ActionResult<(Text, Vec<Comment>)> {
    super::texts::read_text(site, viewer, slug, |snapshot| Ok((snapshot.text.clone(), snapshot.comments(on)?)))
}

/// One comment, if the viewer may read its text.
pub fn comment_by_id(site: &Site, viewer: Viewer<'_>, id: i64) -> ActionResult<(Text, Comment)> {
    site.store.read(|tx| visible_comment(tx, viewer, id))
}

/// Which discussion of a text a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The comments on the text as a whole.
    WholeText,
    /// One paragraph: on the head (`revision` None), or as it stood on an older revision
    /// (the comments left there when it was rewritten).
    Paragraph {
        line: u32,
        revision: Option<u32>,
    },
    Amendment(i64),
}

/// A discussion as its page shows it.
pub struct DiscussionData {
    pub text: Text,
    pub comments: Vec<Comment>,
    /// The revision the paragraph is read on.
    pub revision: u32,
    /// The paragraph discussed, with its words.
    pub paragraph: Option<(u32, String)>,
    /// The amendment discussed: id and reference.
    pub amendment: Option<(i64, String)>,
    /// On the whole-text page: each paragraph of the head with comments, how many, and
    /// its words.
    pub paragraphs: Vec<(u32, u32, String)>,
}

/// A discussion of a text, as the viewer may read it. 404 for a paragraph the revision
/// does not have, an amendment of another text, or a text the viewer cannot read.
pub fn discussion(site: &Site, viewer: Viewer<'_>, slug: &str, subject: Subject) -> ActionResult<DiscussionData> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let revision_number = match subject {
            Subject::Paragraph { revision: Some(number), .. } if number <= text.head => number,
            Subject::Paragraph { revision: Some(_), .. } => return Err(ActionError::NotFound),
            _ => text.head,
        };
        let revision = site.revision(tx, text.id, revision_number)?;
        let words = |line: u32| revision.lines.get((line as usize).wrapping_sub(1)).cloned();
        let mut data = DiscussionData {
            comments: Vec::new(),
            revision: revision_number,
            paragraph: None,
            amendment: None,
            paragraphs: Vec::new(),
            text: text.clone(),
        };
        match subject {
            Subject::WholeText => {
                data.comments = store::comments_of_text(tx, text.id, CommentsOn::WholeText)?;
                let mut counted = store::comments_per_line(tx, text.id, 0)?;
                counted.sort_unstable();
                data.paragraphs =
                    counted.into_iter().filter_map(|(line, count)| Some((line, count, words(line)?))).collect();
            }
            Subject::Paragraph { line, .. } => {
                data.paragraph = Some((line, words(line).ok_or(ActionError::NotFound)?));
                let stored = if revision_number == text.head { 0 } else { revision_number };
                data.comments = store::comments_of_text(tx, text.id, CommentsOn::Paragraph { revision: stored, line })?;
            }
            Subject::Amendment(id) => {
                let amendment = store::amendment(tx, id)?.filter(|amendment| amendment.text_id == text.id);
                let amendment = amendment.ok_or(ActionError::NotFound)?;
                data.amendment = Some((amendment.id, amendment.reference));
                data.comments = store::comments_of_text(tx, text.id, CommentsOn::Amendment(id))?;
            }
        }
        Ok(data)
    })
}

/// Where a comment is read: its amendment's page, its paragraph's discussion, or the
/// text's, at the comment.
pub fn comment_address(text: &Text, comment: &Comment) -> String {
    let place = match (comment.amendment, comment.paragraph) {
        (Some(amendment), _) => return format!("/amendments/{amendment}#comment-{}", comment.id),
        (None, Some(paragraph)) if paragraph.follows_head => format!("?line={}", paragraph.line),
        (None, Some(paragraph)) => format!("?revision={}&line={}", paragraph.revision, paragraph.line),
        (None, None) => String::new(),
    };
    format!("/texts/{}/comments{place}#comment-{}", text.slug, comment.id)
}
