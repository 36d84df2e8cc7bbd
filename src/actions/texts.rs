//! Use cases of texts and revisions: list, publish, read, edit the full text, history, diff.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::auth::Permission;
use crate::domain::change::diff_lines;
use crate::domain::limits::check_body;
use crate::domain::model::{Amendment, Revision, RevisionInfo, RevisionKind, Text, Timestamp};
use crate::domain::text::normalise;
use crate::domain::text::{as_seen, read_the_same};
use crate::domain::{Phase, Visibility, fields, provenance};
use crate::store::{self, TextListing, now};

use super::{
    Acting, ActionError, ActionResult, Conflict, Done, EDITING, EditConflict, Invalid, RevisionDraft, Site, Stale,
    TextSeen, Viewer, answered, may_read, rebase_following, remember_submission, require, require_phase, visible_text,
    write_revision,
};

/// The texts the viewer may read, with head, phase and open amendments.
pub fn list_texts(site: &Site, viewer: Viewer<'_>) -> ActionResult<Vec<TextListing>> {
    let listings = site.store.read(|tx| Ok::<_, ActionError>(store::list_texts(tx)?))?;
    Ok(listings.into_iter().filter(|listing| may_read(viewer, &listing.text)).collect())
}

pub struct NewText<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub summary: &'a str,
    pub visibility: Visibility,
    /// The phase it starts in.
    pub phase: Phase,
    /// The slug of the topic it belongs to, if any.
    pub topic: Option<&'a str>,
}

/// Publishes a text as its first revision. A repeated submission answers with the text it
/// published.
pub fn publish_text(site: &Site, viewer: Viewer<'_>, new: &NewText<'_>, acting: &Acting) -> ActionResult<Done<Text>> {
    let author = require(viewer, Permission::Publish)?;
    let slug = fields::slug(new.slug)?;
    let title = fields::title(new.title)?;
    let summary = fields::summary(new.summary)?;
    let lines = normalise(new.body);
    check_body(new.body, &lines)?;
    if lines.is_empty() {
        return Err(Invalid::EmptyText.into());
    }
    let published = site.store.write(|tx| {
        if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
            let slug = outcome.strip_prefix("text:").unwrap_or_default();
            let text = store::text_by_slug(tx, slug)?.ok_or(ActionError::NotFound)?;
            return Ok(Err(text));
        }
        let topic_id = match new.topic {
            Some(topic) => {
                Some(store::topic_by_slug(tx, topic)?.ok_or_else(|| Invalid::UnknownTopic(topic.to_owned()))?.id)
            }
            None => None,
        };
        let prefix = free_prefix(tx, &slug)?;
        let text = store::NewText {
            slug: &slug,
            title: &title,
            prefix: &prefix,
            phase: new.phase,
            visibility: new.visibility,
            topic_id,
        };
        let now = now();
        let text = store::insert_text(tx, &text, now)?.ok_or(Conflict::SlugTaken)?;
        let draft = RevisionDraft {
            number: 1,
            kind: RevisionKind::Published,
            provenance: provenance::first(1, lines.len()),
            lines,
            changes: Vec::new(),
            summary,
            title,
        };
        let revision = write_revision(tx, text.id, author, None, draft, now)?;
        remember_submission(tx, author, acting.once.as_ref(), &format!("text:{}", text.slug), now)?;
        Ok::<_, ActionError>(Ok((text, revision)))
    })?;
    match published {
        Ok((text, revision)) => {
            site.remember(text.id, revision);
            Ok(Done::new(text))
        }
        Err(text) => Ok(Done::repeated(text)),
    }
}

/// The reference prefix of a new text: the first letters of its slug in capitals
/// (`programme-2027` → `PROG`), numbered when already taken.
fn free_prefix(tx: &rusqlite::Connection, slug: &str) -> ActionResult<String> {
    let letters: String = slug.chars().filter(char::is_ascii_alphanumeric).take(4).collect::<String>().to_uppercase();
    let base = if letters.is_empty() { "TXT".to_owned() } else { letters };
    let mut candidate = base.clone();
    let mut number = 1;
    while store::prefix_taken(tx, &candidate)? {
        number += 1;
        candidate = format!("{base}{number}");
    }
    Ok(candidate)
}

/// A revision of a text as its page shows it, with the live amendments on each line.
pub struct TextPage {
    pub text: Text,
    pub revision: Arc<Revision>,
    /// For each line, how many amendments and comments sit on it.
    pub margin: Arc<super::Margin>,
    /// When the page was read: what its deadline is measured from.
    pub now: Timestamp,
    /// Whether the member reading follows the text (`None` for an anonymous reader).
    pub following: Option<bool>,
    /// What is new for the member reading since their last visit (`None`: anonymous, a
    /// first visit, or an earlier revision's page).
    pub news: Option<super::news::News>,
    /// This visit of the head's page, when it is to be recorded (see `news::record_visit`).
    pub record_visit: Option<crate::store::Visit>,
    /// When the reader asked to see what changed since an earlier revision: that revision,
    /// and for each paragraph shown whether it is new or changed since.
    pub changed_since: Option<(u32, Vec<bool>)>,
}

/// The head (or revision `number`) of a text, with the amendments on each line, and, given
/// `since`, the paragraphs changed since that revision (404 when it does not exist; none
/// when it is not before the one shown).
pub fn text_page(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    number: Option<u32>,
    since: Option<u32>,
) -> ActionResult<TextPage> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let revision = committed_revision(site, tx, &text, number.unwrap_or(text.head))?;
        let margin = site.margin(tx, &text, &revision)?;
        let following = match viewer {
            Some(user) => Some(super::notifications::is_following(tx, user, &text)?),
            None => None,
        };
        let now = now();
        let (news, record_visit) = match viewer {
            Some(user) if revision.info.number == text.head => super::news::on_text(tx, user, &text, now)?,
            _ => (None, None),
        };
        let changed_since = match since {
            Some(since) => {
                let earlier = committed_revision(site, tx, &text, since)?;
                let mut changed = vec![false; revision.lines.len()];
                if since < revision.info.number {
                    for change in diff_lines(&earlier.lines, &revision.lines) {
                        for slot in changed.iter_mut().skip(change.new.start).take(change.new.count) {
                            *slot = true;
                        }
                    }
                }
                Some((since, changed))
            }
            None => None,
        };
        Ok(TextPage { text, revision, margin, now, following, news, record_visit, changed_since })
    })
}

/// A revision at or below the head: the only ones that exist for the transaction, and the
/// only ones the cache may hold.
pub(super) fn committed_revision(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    number: u32,
) -> ActionResult<Arc<Revision>> {
    on_text(text, number)?;
    site.revision(tx, text.id, number)
}

/// Revision `number` of `text` inside a write's transaction ([`Site::revision_in_write`]).
pub(super) fn revision_in_write(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    number: u32,
) -> ActionResult<Arc<Revision>> {
    on_text(text, number)?;
    site.revision_in_write(tx, text.id, number)
}

/// Whether `text` has a revision `number` (from 1 to its head).
pub(super) fn on_text(text: &Text, number: u32) -> ActionResult<()> {
    if number == 0 || number > text.head { Err(ActionError::NotFound) } else { Ok(()) }
}

/// One consistent read of a text the viewer may read: the text and, as they stood in the
/// same snapshot, its amendments and revisions. For answers kept by the text's state: the
/// caller names the state from `text`, and what it reads matches it.
pub struct TextSnapshot<'a> {
    pub(super) site: &'a Site,
    pub(super) tx: &'a rusqlite::Connection,
    pub text: Text,
}

impl TextSnapshot<'_> {
    /// Its amendments in line order (see [`Site::amendments`]).
    pub fn amendments(&self) -> ActionResult<super::TextAmendments> {
        self.site.amendments(self.tx, &self.text)
    }

    /// Its amendments in line order, each with the lines it replaces.
    pub fn amendment_items(&self) -> ActionResult<Vec<super::amendments::AmendmentItem>> {
        super::amendments::amendment_items(self.site, self.tx, &self.text)
    }

    /// Its comments (`on` says which), oldest first.
    pub fn comments(&self, on: crate::store::CommentsOn) -> ActionResult<Vec<crate::domain::model::Comment>> {
        Ok(store::comments_of_text(self.tx, self.text.id, on)?)
    }

    /// One of its revisions.
    pub fn revision(&self, number: u32) -> ActionResult<Arc<Revision>> {
        committed_revision(self.site, self.tx, &self.text, number)
    }
}

/// Reads the text at `slug` (404 when the viewer may not) and lets `answer` take what it
/// needs of it, in one snapshot.
pub fn read_text<R>(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    answer: impl FnOnce(&TextSnapshot<'_>) -> ActionResult<R>,
) -> ActionResult<R> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        answer(&TextSnapshot { site, tx, text })
    })
}

/// A revision of a text, for reading and export.
pub fn revision(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    number: Option<u32>,
) -> ActionResult<(Text, Arc<Revision>)> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let revision = committed_revision(site, tx, &text, number.unwrap_or(text.head))?;
        Ok((text, revision))
    })
}

/// Two revisions of a text, to compare.
pub fn two_revisions(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    from: u32,
    to: u32,
) -> ActionResult<(Text, Arc<Revision>, Arc<Revision>)> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let from = committed_revision(site, tx, &text, from)?;
        let to = committed_revision(site, tx, &text, to)?;
        Ok((text, from, to))
    })
}

/// A text's revisions, newest first, each with the amendments its merge took in.
pub struct History {
    pub text: Text,
    pub revisions: Vec<(RevisionInfo, Vec<(String, i64)>)>,
    /// The phases drafters moved it to, newest first.
    pub phases: Vec<store::PhaseChange>,
}

pub fn history(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<History> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let mut merged: BTreeMap<u32, Vec<(String, i64)>> = BTreeMap::new();
        for (revision, reference, id) in store::merged_into_revisions(tx, text.id)? {
            merged.entry(revision).or_default().push((reference, id));
        }
        let revisions = store::list_revisions(tx, text.id)?
            .into_iter()
            .map(|info| {
                let amendments = merged.remove(&info.number).unwrap_or_default();
                (info, amendments)
            })
            .collect();
        let phases = store::phase_changes(tx, text.id)?;
        Ok(History { text, revisions, phases })
    })
}

/// A full-text edit: a new revision from `body`, based on revision `base`, with a new
/// title if one is given.
pub struct TextEdit<'a> {
    pub base: u32,
    pub body: &'a str,
    pub summary: &'a str,
    pub title: Option<&'a str>,
    /// The version the editor saw, when the client said (the API's `If-Match`).
    pub seen: Option<TextSeen>,
}

/// Writes a new revision whose parent is the head and rebases the open amendments over
/// its line diff; refused with both versions when `base` is no longer the head (rule 2).
/// A new title alone makes a revision too: a text's history keeps each of its titles.
pub fn edit_text(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    edit: &TextEdit<'_>,
    acting: &Acting,
) -> ActionResult<Done<u32>> {
    let author = require(viewer, Permission::Publish)?;
    let summary = fields::summary(edit.summary)?;
    let new_title = edit.title.map(fields::title).transpose()?;
    let lines = normalise(edit.body);
    check_body(edit.body, &lines)?;
    if lines.is_empty() {
        return Err(Invalid::EmptyText.into());
    }
    let written = site.store.write(|tx| {
        if let Some(outcome) = answered(tx, author, acting.once.as_ref())? {
            let head = outcome.strip_prefix("revision:").and_then(|n| n.parse().ok());
            return head.map(Err).ok_or_else(|| ActionError::Internal(format!("submission outcome {outcome:?}")));
        }
        let text = visible_text(tx, viewer, slug)?;
        require_phase(&text, EDITING)?;
        let stale =
            || Conflict::Stale(Box::new(Stale::Text { slug: text.slug.clone(), head: text.head, phase: text.phase }));
        let base = match edit.seen {
            // The version seen names the head it was; a phase that moved since is stale.
            Some(TextSeen::Version { head, phase, .. }) if head == text.head && phase != text.phase => {
                return Err(stale().into());
            }
            // A head the text never had is no version anyone saw.
            Some(TextSeen::Version { head, .. }) if head == 0 || head > text.head => return Err(stale().into()),
            Some(TextSeen::Version { head, .. }) => head,
            Some(TextSeen::Other) => return Err(stale().into()),
            None => edit.base,
        };
        if base != text.head {
            if base == 0 || base > text.head {
                return Err(Invalid::UnknownRevision(base).into());
            }
            let head = site.revision_in_write(tx, text.id, text.head)?;
            return Err(Conflict::Edit(Box::new(EditConflict {
                base,
                head: text.head,
                head_revision: Arc::clone(&head),
                your_lines: lines,
                your_title: new_title,
                summary,
            }))
            .into());
        }
        let head = site.revision_in_write(tx, text.id, text.head)?;
        let title = new_title.clone().unwrap_or_else(|| head.info.title.clone());
        if read_the_same(&head.lines, &lines) && as_seen(&head.info.title) == as_seen(&title) {
            return Err(Invalid::NoChange.into());
        }
        let number = text.head + 1;
        let changes = diff_lines(&head.lines, &lines);
        let origins = provenance::after_edit(&head.provenance, &changes, lines.len(), number);
        let now = now();
        rebase_following(tx, text.id, (text.head, number), (&head.lines, &lines), &changes, now)?;
        let draft = RevisionDraft {
            number,
            kind: RevisionKind::Edited,
            lines,
            provenance: origins,
            changes,
            summary,
            title: title.clone(),
        };
        let revision = write_revision(tx, text.id, author, Some(&head), draft, now)?;
        store::touch_amendments(tx, text.id)?;
        store::set_head(tx, text.id, number, &title, now)?;
        remember_submission(tx, author, acting.once.as_ref(), &format!("revision:{number}"), now)?;
        Ok::<_, ActionError>(Ok((text.id, revision)))
    })?;
    match written {
        Ok((text_id, revision)) => {
            let number = revision.info.number;
            site.remember(text_id, revision);
            site.announce(text_id);
            Ok(Done::new(number))
        }
        Err(head) => Ok(Done::repeated(head)),
    }
}

/// How far ahead a consultation's deadline may be set, in days: further is a typing
/// mistake (a year for a month) rather than a plan.
pub const MAX_DEADLINE_DAYS: i64 = 731;

/// A drafter's move of a text to a phase.
pub struct PhaseMove {
    pub phase: Phase,
    /// When the consultation closes, in seconds since the epoch: only with
    /// [`Phase::Consultation`], in the future, at most [`MAX_DEADLINE_DAYS`] ahead.
    pub deadline: Option<Timestamp>,
    /// The version the drafter saw (the API's `If-Match`, the form's hidden field): refused
    /// as stale when the phase moved since.
    pub seen: Option<TextSeen>,
}

/// Puts a text in a phase (DESIGN, "Phase"), with a deadline for a consultation, and
/// records who did it; any phase may follow any other, an adopted text reopened included.
/// The same phase and deadline again change nothing. A repeated submission answers with
/// the text as it stands.
pub fn set_phase(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    change: &PhaseMove,
    acting: &Acting,
) -> ActionResult<Done<Text>> {
    let drafter = require(viewer, Permission::Publish)?;
    let done = site.store.write(|tx| -> ActionResult<Done<Text>> {
        let text = visible_text(tx, viewer, slug)?;
        // A repeat answers as the first did, even once its deadline has passed.
        if answered(tx, drafter, acting.once.as_ref())?.is_some() {
            return Ok(Done::repeated(text));
        }
        let now = now();
        if let Some(deadline) = change.deadline {
            if change.phase != Phase::Consultation {
                return Err(Invalid::DeadlineOutsideConsultation.into());
            }
            if deadline <= now {
                return Err(Invalid::DeadlinePassed.into());
            }
            if deadline - now > MAX_DEADLINE_DAYS * 86_400 {
                return Err(Invalid::DeadlineTooFar { max_days: MAX_DEADLINE_DAYS }.into());
            }
        }
        // A move acts on the phase and deadline its drafter saw: another drafter's move
        // meanwhile (a deadline put back included) is not undone unseen.
        match change.seen {
            Some(TextSeen::Version { phase, deadline, .. }) if phase == text.phase && deadline == text.deadline => {}
            None => {}
            Some(_) => {
                return Err(Conflict::Stale(Box::new(Stale::Text {
                    slug: text.slug.clone(),
                    head: text.head,
                    phase: text.phase,
                }))
                .into());
            }
        }
        if text.phase == change.phase && text.deadline == change.deadline {
            return Ok(Done { value: text, freshness: super::Freshness::AlreadyThere });
        }
        store::set_phase(tx, text.id, change.phase, change.deadline, drafter.id, now)?;
        remember_submission(tx, drafter, acting.once.as_ref(), &format!("phase:{}", text.id), now)?;
        Ok(Done::new(store::text_by_id(tx, text.id)?.ok_or(ActionError::NotFound)?))
    })?;
    site.announce(done.value.id);
    Ok(done)
}

/// A revision with where each of its paragraphs came from (rule 8), as its provenance view
/// shows it.
pub struct ProvenanceView {
    pub text: Text,
    pub revision: Arc<Revision>,
    /// Every revision of the text, by number: who wrote each and how.
    pub revisions: HashMap<u32, RevisionInfo>,
    /// The amendments the revision's paragraphs came from, by id.
    pub amendments: HashMap<i64, Arc<Amendment>>,
}

/// The provenance of revision `number` of a text (its head when `None`): 404 where the
/// viewer may not read it.
pub fn provenance_view(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    number: Option<u32>,
) -> ActionResult<ProvenanceView> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let revision = committed_revision(site, tx, &text, number.unwrap_or(text.head))?;
        let revisions = store::list_revisions(tx, text.id)?.into_iter().map(|info| (info.number, info)).collect();
        let wanted: HashSet<i64> = revision.provenance.iter().filter_map(|origin| origin.amendment).collect();
        let amendments = site
            .amendments(tx, &text)?
            .iter()
            .filter(|amendment| wanted.contains(&amendment.id))
            .map(|amendment| (amendment.id, Arc::clone(amendment)))
            .collect();
        Ok(ProvenanceView { text, revision, revisions, amendments })
    })
}
