//! Notifications (issue 9, part 3): the notifier's round, which turns what use cases
//! recorded (amendment events, comments, revisions, phase changes, deadlines) into members'
//! notifications and queued emails; and the member's use cases: the list and its read
//! marks, the switches, following texts, and unsubscribing from a signed link.
//!
//! Use cases write nothing for notifications: a merge that notifies three thousand authors
//! answers as fast as one that notifies nobody, and the notifier catches up within a
//! second. Each round is one transaction that also moves the cursors it read after, so
//! that nothing is notified twice or lost, restarts included.

use std::collections::HashMap;

use crate::domain::model::{Text, Timestamp, User};
use crate::domain::notification::{self, Channel, Concerned, NotificationKind, Switches};
use crate::i18n::Lang;
use crate::store::{self, NewNotification, NotificationRecord, NotifierSource, Recipient};

use super::{ActionError, ActionResult, Site, Viewer, visible_text};

/// Source rows a round reads at most, per source.
const ROUND_ROWS: u32 = 200;

/// Notifications a round writes before it stops (after the row under way): a round is one
/// transaction of the one writer, and use cases wait for it; a revision of a text followed
/// by thousands goes out over several rounds rather than in one long one.
const ROUND_WRITES: usize = 256;

/// How long before a consultation closes its followers are told.
pub const DEADLINE_NOTICE_SECONDS: i64 = 24 * 3600;

/// Unread notifications counted at most (the bell shows "99+").
pub const UNREAD_CAP: u32 = 100;

/// How the notifier works: whether email goes out at all, and how often digests do.
#[derive(Clone, Copy, Debug)]
pub struct RoundSettings {
    /// An SMTP server is configured: emails are queued.
    pub emailing: bool,
    /// Seconds a digest member's first waiting notification waits for its digest.
    pub digest_every: i64,
}

/// One round of the notifier at `now`: reads what happened since the last, writes its
/// notifications and queues their emails, announces deadlines that draw near and gathers
/// the digests that are due, in one transaction. Returns how many things it dealt with
/// (0: nothing new).
pub fn notify_round(site: &Site, settings: RoundSettings, now: Timestamp) -> ActionResult<usize> {
    // Looked for first in a read: an idle round writes (and flushes) nothing.
    let (until, digest_since) = (now + DEADLINE_NOTICE_SECONDS, now - settings.digest_every);
    if !site.store.read(|tx| Ok::<_, ActionError>(store::notifier_has_work(tx, now, until, digest_since)?))? {
        return Ok(0);
    }
    site.store.write(|tx| {
        let mut round =
            Round { tx, settings, now, recipients: HashMap::new(), texts: HashMap::new(), done: 0, written: 0 };
        round.amendment_events()?;
        round.comments()?;
        round.revisions()?;
        round.phase_changes()?;
        round.deadlines()?;
        round.digests()?;
        Ok(round.done)
    })
}

struct Round<'a> {
    tx: &'a rusqlite::Connection,
    settings: RoundSettings,
    now: Timestamp,
    /// Members read this round (`None`: closed or deleted).
    recipients: HashMap<i64, Option<Recipient>>,
    texts: HashMap<i64, Option<Text>>,
    done: usize,
    /// Notifications written so far.
    written: usize,
}

/// What a notification is about, before it is addressed to someone.
struct About<'s> {
    kind: NotificationKind,
    detail: &'s str,
    note: &'s str,
    text_id: i64,
    amendment_id: Option<i64>,
    comment_id: Option<i64>,
    revision: Option<u32>,
    actor_id: Option<i64>,
    source: &'s str,
    link: &'s str,
}

impl Round<'_> {
    fn text(&mut self, id: i64) -> ActionResult<Option<Text>> {
        if let Some(text) = self.texts.get(&id) {
            return Ok(text.clone());
        }
        let text = store::text_by_id(self.tx, id)?;
        self.texts.insert(id, text.clone());
        Ok(text)
    }

    /// Notifies `user` of `about`, on the channels they keep on; never of their own act.
    fn notify(&mut self, user: i64, about: &About<'_>) -> ActionResult<()> {
        if about.actor_id == Some(user) {
            return Ok(());
        }
        if !self.recipients.contains_key(&user) {
            let found = store::recipient(self.tx, user)?;
            self.recipients.insert(user, found);
        }
        let Some(Some(recipient)) = self.recipients.get(&user) else { return Ok(()) };
        let in_app = recipient.switches.allows(about.kind, Channel::App);
        let by_email = self.settings.emailing
            && recipient.email.is_some()
            && !recipient.email_off
            && recipient.switches.allows(about.kind, Channel::Email);
        if !in_app && !by_email {
            return Ok(());
        }
        let digest = by_email && recipient.digest;
        let new = NewNotification {
            user_id: user,
            kind: about.kind,
            detail: about.detail,
            note: about.note,
            text_id: about.text_id,
            amendment_id: about.amendment_id,
            comment_id: about.comment_id,
            revision: about.revision,
            actor_id: about.actor_id,
            source: about.source,
            link: about.link,
            shown: in_app,
            digest_pending: digest,
        };
        if let Some(id) = store::insert_notification(self.tx, &new, self.now)? {
            self.written += 1;
            if by_email && !digest {
                store::enqueue_email(self.tx, user, Some(id), self.now)?;
            }
        }
        Ok(())
    }

    /// The round wrote enough: the rows not started wait for the next.
    fn spent(&self) -> bool {
        self.written >= ROUND_WRITES
    }

    fn amendment_events(&mut self) -> ActionResult<()> {
        let after = store::notifier_cursor(self.tx, NotifierSource::AmendmentEvents)?;
        let events = store::events_after(self.tx, after, ROUND_ROWS)?;
        let mut last = None;
        for event in &events {
            if self.spent() {
                break;
            }
            last = Some(event.id);
            self.done += 1;
            if event.kind == crate::domain::Decision::Proposed {
                // Whoever proposes on a text follows it, unless they chose not to.
                store::follow_unless_declined(self.tx, event.author_id, event.text_id, self.now)?;
            }
            let (source, link) = (format!("event:{}", event.id), format!("/amendments/{}", event.amendment_id));
            for &(kind, concerned) in notification::for_event(event.kind) {
                let about = About {
                    kind,
                    detail: event.kind.as_str(),
                    note: &event.note,
                    text_id: event.text_id,
                    amendment_id: Some(event.amendment_id),
                    comment_id: None,
                    revision: event.revision,
                    actor_id: event.actor_id,
                    source: &source,
                    link: &link,
                };
                let users = match concerned {
                    Concerned::Author => vec![event.author_id],
                    Concerned::CoSignersToReconfirm => store::co_signers_to_reconfirm(self.tx, event.amendment_id)?,
                };
                for user in users {
                    self.notify(user, &about)?;
                }
            }
        }
        if let Some(last) = last {
            store::set_notifier_cursor(self.tx, NotifierSource::AmendmentEvents, last)?;
        }
        Ok(())
    }

    /// A reply tells those who wrote in its thread before; a comment on an amendment tells
    /// the amendment's author.
    fn comments(&mut self) -> ActionResult<()> {
        let after = store::notifier_cursor(self.tx, NotifierSource::Comments)?;
        let comments = store::comments_after(self.tx, after, ROUND_ROWS)?;
        let mut last = None;
        for record in &comments {
            if self.spent() {
                break;
            }
            last = Some(record.id);
            self.done += 1;
            store::follow_unless_declined(self.tx, record.author_id, record.text_id, self.now)?;
            if record.gone {
                continue;
            }
            let (users, detail) = match (record.parent, record.amendment) {
                (Some(parent), _) => (store::thread_authors(self.tx, parent, record.id)?, "reply"),
                (None, Some(amendment)) => {
                    (store::amendment_author(self.tx, amendment)?.into_iter().collect(), "amendment")
                }
                (None, None) => continue,
            };
            let (Some(text), Some(comment)) = (self.text(record.text_id)?, store::comment(self.tx, record.id)?) else {
                continue;
            };
            let link = super::comments::comment_address(&text, &comment);
            let source = format!("comment:{}", record.id);
            let about = About {
                kind: NotificationKind::Reply,
                detail,
                note: "",
                text_id: record.text_id,
                amendment_id: comment.amendment,
                comment_id: Some(record.id),
                revision: None,
                actor_id: Some(record.author_id),
                source: &source,
                link: &link,
            };
            for user in users {
                self.notify(user, &about)?;
            }
        }
        if let Some(last) = last {
            store::set_notifier_cursor(self.tx, NotifierSource::Comments, last)?;
        }
        Ok(())
    }

    fn revisions(&mut self) -> ActionResult<()> {
        let after = store::notifier_cursor(self.tx, NotifierSource::Revisions)?;
        let revisions = store::revisions_after(self.tx, after, ROUND_ROWS)?;
        let mut last = None;
        for revision in &revisions {
            if self.spent() {
                break;
            }
            last = Some(revision.id);
            self.done += 1;
            if revision.number <= 1 {
                continue;
            }
            let Some(text) = self.text(revision.text_id)? else { continue };
            let link = format!("/texts/{}/diff/{}..{}", text.slug, revision.number - 1, revision.number);
            let source = format!("revision:{}", revision.id);
            let about = About {
                kind: NotificationKind::Revision,
                detail: "",
                note: "",
                text_id: text.id,
                amendment_id: None,
                comment_id: None,
                revision: Some(revision.number),
                actor_id: Some(revision.actor_id),
                source: &source,
                link: &link,
            };
            // Authors of what it merged are told so by their decision, not twice; and one
            // who has not read the previous revision's notice finds it brought up to this
            // one rather than a second (and no second email).
            let merged = store::merged_authors(self.tx, text.id, revision.number)?;
            for user in store::followers(self.tx, text.id)?.into_iter().filter(|user| !merged.contains(user)) {
                let pending = (revision.number, link.as_str(), source.as_str());
                if !store::bring_up_unread_revision(self.tx, user, text.id, pending, revision.actor_id, self.now)? {
                    self.notify(user, &about)?;
                }
            }
        }
        if let Some(last) = last {
            store::set_notifier_cursor(self.tx, NotifierSource::Revisions, last)?;
        }
        Ok(())
    }

    fn phase_changes(&mut self) -> ActionResult<()> {
        let after = store::notifier_cursor(self.tx, NotifierSource::PhaseChanges)?;
        let changes = store::phase_changes_after(self.tx, after, ROUND_ROWS)?;
        let mut last = None;
        for change in &changes {
            if self.spent() {
                break;
            }
            last = Some(change.id);
            self.done += 1;
            let Some(text) = self.text(change.text_id)? else { continue };
            let link = format!("/texts/{}", text.slug);
            let source = format!("phase:{}", change.id);
            let about = About {
                kind: NotificationKind::Phase,
                detail: change.phase.map_or("", |phase| phase.as_str()),
                note: "",
                text_id: text.id,
                amendment_id: None,
                comment_id: None,
                revision: None,
                actor_id: Some(change.actor_id),
                source: &source,
                link: &link,
            };
            for user in store::followers(self.tx, text.id)? {
                self.notify(user, &about)?;
            }
        }
        if let Some(last) = last {
            store::set_notifier_cursor(self.tx, NotifierSource::PhaseChanges, last)?;
        }
        Ok(())
    }

    /// Followers of a consultation that closes within a day are told once per deadline.
    fn deadlines(&mut self) -> ActionResult<()> {
        let due = store::deadlines_to_announce(self.tx, self.now, self.now + DEADLINE_NOTICE_SECONDS)?;
        for (text_id, deadline) in &due {
            store::remember_deadline_announced(self.tx, *text_id, *deadline)?;
            let Some(text) = self.text(*text_id)? else { continue };
            let link = format!("/texts/{}", text.slug);
            let source = format!("deadline:{text_id}:{deadline}");
            let detail = deadline.to_string();
            let about = About {
                kind: NotificationKind::Phase,
                detail: &detail,
                note: "",
                text_id: *text_id,
                amendment_id: None,
                comment_id: None,
                revision: None,
                actor_id: None,
                source: &source,
                link: &link,
            };
            for user in store::followers(self.tx, *text_id)? {
                self.notify(user, &about)?;
            }
        }
        self.done += due.len();
        Ok(())
    }

    /// Each member whose oldest waiting notification has waited a digest's period gets
    /// one email gathering all that waits.
    fn digests(&mut self) -> ActionResult<()> {
        let due = store::digests_due(self.tx, self.now - self.settings.digest_every)?;
        for user in &due {
            let email = store::enqueue_email(self.tx, *user, None, self.now)?;
            store::gather_digest(self.tx, *user, email)?;
        }
        self.done += due.len();
        Ok(())
    }
}

/// A page of a member's notifications, newest first.
#[derive(Clone, Debug)]
pub struct NotificationPage {
    pub items: Vec<NotificationRecord>,
    /// Unread, counted up to [`UNREAD_CAP`].
    pub unread: u32,
    /// The id to ask for older ones from (`before`), when there are more.
    pub older: Option<i64>,
}

/// The member's notifications older than `before` (an id), `limit` of them.
/// Errors: `Unauthenticated`.
pub fn notifications(
    site: &Site,
    viewer: Viewer<'_>,
    before: Option<i64>,
    limit: u32,
) -> ActionResult<NotificationPage> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.read(|tx| {
        let mut items = store::notifications_of(tx, user.id, before, limit + 1)?;
        let older = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|item| item.id)
        } else {
            None
        };
        Ok(NotificationPage { items, unread: store::unread_count(tx, user.id, UNREAD_CAP)?, older })
    })
}

/// How many of the member's notifications are unread, up to [`UNREAD_CAP`].
pub fn unread(tx: &rusqlite::Connection, user_id: i64) -> ActionResult<u32> {
    Ok(store::unread_count(tx, user_id, UNREAD_CAP)?)
}

/// Marks these notifications of the member read (`None`: all). Unknown ids, and other
/// members' notifications, are left alone. Returns the unread count after.
pub fn mark_read(site: &Site, viewer: Viewer<'_>, ids: Option<&[i64]>) -> ActionResult<u32> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    let now = store::now();
    site.store.write(|tx| {
        store::mark_read(tx, user.id, ids, now)?;
        Ok(store::unread_count(tx, user.id, UNREAD_CAP)?)
    })
}

/// Opens one of the member's notifications: marks it read and gives where it leads.
/// Errors: `Unauthenticated`; `NotFound` for another member's or an unknown one.
pub fn open(site: &Site, viewer: Viewer<'_>, id: i64) -> ActionResult<String> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    let now = store::now();
    site.store.write(|tx| {
        let record = store::notification_of(tx, user.id, id)?.ok_or(ActionError::NotFound)?;
        store::mark_read(tx, user.id, Some(&[id]), now)?;
        Ok(record.link)
    })
}

/// What a member chose about notifications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub switches: Switches,
    /// One email a day rather than one per notification.
    pub digest: bool,
    /// The language of their emails.
    pub language: Lang,
}

/// A member's preferences, their address, and the texts they follow.
#[derive(Clone, Debug)]
pub struct NotificationSettings {
    pub preferences: Preferences,
    pub email: Option<String>,
    pub followed: Vec<(String, String)>,
}

/// Errors: `Unauthenticated`.
pub fn settings(site: &Site, viewer: Viewer<'_>) -> ActionResult<NotificationSettings> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.read(|tx| read_settings(tx, user))
}

fn read_settings(tx: &rusqlite::Connection, user: &User) -> ActionResult<NotificationSettings> {
    let recipient = store::recipient(tx, user.id)?.ok_or(ActionError::Unauthenticated)?;
    // Every email turned off shows as every email switch off.
    let switches = if recipient.email_off {
        let email = NotificationKind::ALL.iter().map(|kind| (*kind, Channel::Email));
        Switches::new(recipient.switches.off().iter().copied().chain(email))
    } else {
        recipient.switches
    };
    Ok(NotificationSettings {
        preferences: Preferences {
            switches,
            digest: recipient.digest,
            language: Lang::from_code(&recipient.language).unwrap_or(Lang::FR),
        },
        email: recipient.email,
        followed: store::followed_texts(tx, user.id)?,
    })
}

/// Saves a member's preferences. Errors: `Unauthenticated`.
pub fn save_settings(site: &Site, viewer: Viewer<'_>, preferences: &Preferences) -> ActionResult<()> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.write(|tx| write_preferences(tx, user, preferences))
}

fn write_preferences(tx: &rusqlite::Connection, user: &User, preferences: &Preferences) -> ActionResult<()> {
    store::set_switches(tx, user.id, &preferences.switches)?;
    let email_off = NotificationKind::ALL.iter().all(|kind| !preferences.switches.allows(*kind, Channel::Email));
    store::set_email_preferences(tx, user.id, preferences.digest, preferences.language.code(), email_off)?;
    Ok(())
}

/// A change of some preferences: the switches named, and the digest and language when
/// given; the rest stays.
#[derive(Clone, Debug, Default)]
pub struct PreferencesChange {
    pub switches: Vec<(NotificationKind, Channel, bool)>,
    pub digest: Option<bool>,
    pub language: Option<Lang>,
}

/// Changes some of a member's preferences, in one transaction; returns the settings after.
/// Errors: `Unauthenticated`.
pub fn change_settings(
    site: &Site,
    viewer: Viewer<'_>,
    change: &PreferencesChange,
) -> ActionResult<NotificationSettings> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.write(|tx| {
        let current = read_settings(tx, user)?.preferences;
        let pairs =
            NotificationKind::ALL.iter().flat_map(|kind| Channel::ALL.iter().map(move |channel| (*kind, *channel)));
        let off = pairs.filter(|(kind, channel)| {
            let asked = change.switches.iter().find(|(k, c, _)| k == kind && c == channel).map(|(_, _, on)| *on);
            !asked.unwrap_or_else(|| current.switches.allows(*kind, *channel))
        });
        let preferences = Preferences {
            switches: Switches::new(off),
            digest: change.digest.unwrap_or(current.digest),
            language: change.language.unwrap_or(current.language),
        };
        write_preferences(tx, user, &preferences)?;
        read_settings(tx, user)
    })
}

/// The member follows a text (new revisions, phases, deadlines) or stops.
/// Errors: `Unauthenticated`; `NotFound` for a text they may not read.
pub fn follow(site: &Site, viewer: Viewer<'_>, slug: &str, following: bool) -> ActionResult<Text> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    let now = store::now();
    site.store.write(|tx| {
        let text = visible_text(tx, Some(user), slug)?;
        store::set_following(tx, user.id, text.id, following, now)?;
        Ok(text)
    })
}

/// Whether the member follows the text.
pub fn is_following(tx: &rusqlite::Connection, user: &User, text: &Text) -> ActionResult<bool> {
    Ok(store::is_following(tx, user.id, text.id)?)
}

/// What an unsubscribe link turns off: one kind's emails, or every email.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsubscribe {
    Kind(NotificationKind),
    All,
}

impl Unsubscribe {
    pub fn as_str(self) -> &'static str {
        match self {
            Unsubscribe::Kind(kind) => kind.as_str(),
            Unsubscribe::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Unsubscribe> {
        if text == "all" { Some(Unsubscribe::All) } else { NotificationKind::parse(text).map(Unsubscribe::Kind) }
    }
}

/// The signed address (a path with its query) that turns `what` off for `user_id`
/// without logging in.
pub fn unsubscribe_link(site: &Site, user_id: i64, what: Unsubscribe) -> ActionResult<String> {
    let signature = site.keys()?.unsubscribe_signature(user_id, what.as_str());
    Ok(format!("/unsubscribe?member={user_id}&what={}&signature={signature}", what.as_str()))
}

/// Checks an unsubscribe link's signature and gives the member's name, without acting.
/// Errors: `NotFound` for a link this server did not sign, or a closed account.
pub fn check_unsubscribe(site: &Site, user_id: i64, what: Unsubscribe, signature: &str) -> ActionResult<String> {
    if !site.keys()?.is_unsubscribe_signature(user_id, what.as_str(), signature) {
        return Err(ActionError::NotFound);
    }
    site.store.read(|tx| Ok(store::recipient(tx, user_id)?.ok_or(ActionError::NotFound)?.name))
}

/// Turns off what a signed unsubscribe link names. Errors as [`check_unsubscribe`].
pub fn unsubscribe(site: &Site, user_id: i64, what: Unsubscribe, signature: &str) -> ActionResult<String> {
    let name = check_unsubscribe(site, user_id, what, signature)?;
    site.store.write(|tx| {
        match what {
            Unsubscribe::Kind(kind) => store::switch_off(tx, user_id, kind, Channel::Email)?,
            Unsubscribe::All => store::turn_email_off(tx, user_id)?,
        }
        Ok(name)
    })
}
