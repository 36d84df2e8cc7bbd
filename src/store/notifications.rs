//! Notifications in the database: who follows which text, each member's notifications and
//! switches, the email outbox, and how far the notifier has read what use cases record.

use rusqlite::{OptionalExtension, params};

use crate::domain::model::{Timestamp, reference};
use crate::domain::notification::{Channel, NotificationKind, Switches};
use crate::domain::{Decision, Phase};

use super::{StoreResult, as_u32, parse_name};

/// What the notifier reads, each after its own cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifierSource {
    AmendmentEvents,
    Comments,
    Revisions,
    PhaseChanges,
}

impl NotifierSource {
    fn name(self) -> &'static str {
        match self {
            NotifierSource::AmendmentEvents => "amendment_events",
            NotifierSource::Comments => "comments",
            NotifierSource::Revisions => "revisions",
            NotifierSource::PhaseChanges => "phase_changes",
        }
    }
}

/// The id of the last row of `source` the notifier has dealt with.
pub fn notifier_cursor(tx: &rusqlite::Connection, source: NotifierSource) -> StoreResult<i64> {
    Ok(tx
        .prepare_cached("SELECT last_id FROM notifier_cursors WHERE source = ?1")?
        .query_row([source.name()], |row| row.get(0))
        .optional()?
        .unwrap_or(0))
}

pub fn set_notifier_cursor(tx: &rusqlite::Connection, source: NotifierSource, last_id: i64) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO notifier_cursors (source, last_id) VALUES (?1, ?2)
         ON CONFLICT (source) DO UPDATE SET last_id = excluded.last_id",
    )?
    .execute(params![source.name(), last_id])?;
    Ok(())
}

/// Whether the notifier has anything to read at `now`: a source with rows after its
/// cursor, a deadline to announce before `until`, or a digest due (a notification waiting
/// since `digest_since`).
pub fn notifier_has_work(
    tx: &rusqlite::Connection,
    now: Timestamp,
    until: Timestamp,
    digest_since: Timestamp,
) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM notifier_cursors c WHERE c.last_id < CASE c.source
                     WHEN 'amendment_events' THEN (SELECT COALESCE(MAX(id), 0) FROM amendment_events)
                     WHEN 'comments' THEN (SELECT COALESCE(MAX(id), 0) FROM comments)
                     WHEN 'revisions' THEN (SELECT COALESCE(MAX(id), 0) FROM revisions)
                     WHEN 'phase_changes' THEN (SELECT COALESCE(MAX(id), 0) FROM phase_changes) END)
                 OR EXISTS (SELECT 1 FROM texts t
                            WHERE t.phase = 'consultation' AND t.deadline > ?1 AND t.deadline <= ?2
                              AND NOT EXISTS (SELECT 1 FROM deadline_reminders r
                                              WHERE r.text_id = t.id AND r.deadline = t.deadline))
                 OR EXISTS (SELECT 1 FROM notifications WHERE digest_pending = 1 AND created_at <= ?3)",
        )?
        .query_row(params![now, until, digest_since], |row| row.get(0))?)
}

/// An amendment event, as the notifier reads it.
#[derive(Clone, Debug)]
pub struct EventRecord {
    pub id: i64,
    pub amendment_id: i64,
    pub text_id: i64,
    pub author_id: i64,
    pub actor_id: Option<i64>,
    pub kind: Decision,
    pub revision: Option<u32>,
    pub note: String,
}

/// Amendment events after `after`, oldest first, `limit` at most.
pub fn events_after(tx: &rusqlite::Connection, after: i64, limit: u32) -> StoreResult<Vec<EventRecord>> {
    let mut statement = tx.prepare_cached(
        "SELECT e.id, e.amendment_id, a.text_id, a.author_id, e.actor_id, e.kind, e.revision, e.note
         FROM amendment_events e JOIN amendments a ON a.id = e.amendment_id
         WHERE e.id > ?1 ORDER BY e.id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![after, limit], |row| {
        Ok(EventRecord {
            id: row.get(0)?,
            amendment_id: row.get(1)?,
            text_id: row.get(2)?,
            author_id: row.get(3)?,
            actor_id: row.get(4)?,
            kind: parse_name(row.get(5)?, Decision::parse, "event kind")?,
            revision: row.get::<_, Option<i64>>(6)?.map(as_u32).transpose()?,
            note: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A comment, as the notifier reads it: who wrote it, and who wrote the one it replies to.
#[derive(Clone, Debug)]
pub struct CommentRecord {
    pub id: i64,
    pub text_id: i64,
    pub author_id: i64,
    /// The comment it replies to, unless that one is deleted or hidden.
    pub parent: Option<i64>,
    /// The amendment it is about.
    pub amendment: Option<i64>,
    /// Deleted or hidden since it was written: nobody is told of it.
    pub gone: bool,
}

pub fn comments_after(tx: &rusqlite::Connection, after: i64, limit: u32) -> StoreResult<Vec<CommentRecord>> {
    let mut statement = tx.prepare_cached(
        "SELECT c.id, c.text_id, c.author_id, p.id, p.deleted_at IS NULL AND p.hidden_at IS NULL,
                c.deleted_at IS NOT NULL OR c.hidden_at IS NOT NULL, c.amendment_id
         FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
         WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![after, limit], |row| {
        let parent_shown: Option<bool> = row.get(4)?;
        Ok(CommentRecord {
            id: row.get(0)?,
            text_id: row.get(1)?,
            author_id: row.get(2)?,
            parent: row.get::<_, Option<i64>>(3)?.filter(|_| parent_shown == Some(true)),
            gone: row.get(5)?,
            amendment: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Who wrote in a thread before `before`: the first comment's author and those who replied,
/// their comments not deleted.
pub fn thread_authors(tx: &rusqlite::Connection, parent: i64, before: i64) -> StoreResult<Vec<i64>> {
    let mut statement = tx.prepare_cached(
        "SELECT DISTINCT author_id FROM comments
         WHERE (id = ?1 OR parent_id = ?1) AND id < ?2 AND deleted_at IS NULL",
    )?;
    let rows = statement.query_map(params![parent, before], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An amendment's author.
pub fn amendment_author(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT author_id FROM amendments WHERE id = ?1")?
        .query_row([amendment_id], |row| row.get(0))
        .optional()?)
}

/// Authors of the amendments merged into a revision of a text.
pub fn merged_authors(tx: &rusqlite::Connection, text_id: i64, revision: u32) -> StoreResult<Vec<i64>> {
    let mut statement =
        tx.prepare_cached("SELECT DISTINCT author_id FROM amendments WHERE text_id = ?1 AND merged_into = ?2")?;
    let rows = statement.query_map(params![text_id, revision], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A revision or a phase change of a text, as the notifier reads it.
#[derive(Clone, Debug)]
pub struct TextEventRecord {
    pub id: i64,
    pub text_id: i64,
    pub actor_id: i64,
    /// The revision's number; for a phase change, 0.
    pub number: u32,
    /// The phase a phase change put the text in.
    pub phase: Option<Phase>,
}

pub fn revisions_after(tx: &rusqlite::Connection, after: i64, limit: u32) -> StoreResult<Vec<TextEventRecord>> {
    let mut statement =
        tx.prepare_cached("SELECT id, text_id, author_id, number FROM revisions WHERE id > ?1 ORDER BY id LIMIT ?2")?;
    let rows = statement.query_map(params![after, limit], |row| {
        Ok(TextEventRecord {
            id: row.get(0)?,
            text_id: row.get(1)?,
            actor_id: row.get(2)?,
            number: as_u32(row.get(3)?)?,
            phase: None,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn phase_changes_after(tx: &rusqlite::Connection, after: i64, limit: u32) -> StoreResult<Vec<TextEventRecord>> {
    let mut statement =
        tx.prepare_cached("SELECT id, text_id, actor_id, phase FROM phase_changes WHERE id > ?1 ORDER BY id LIMIT ?2")?;
    let rows = statement.query_map(params![after, limit], |row| {
        Ok(TextEventRecord {
            id: row.get(0)?,
            text_id: row.get(1)?,
            actor_id: row.get(2)?,
            number: 0,
            phase: Some(parse_name(row.get(3)?, Phase::parse, "phase")?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Consultations whose deadline falls in `(now, until]`, with it, whose approach was not
/// announced yet.
pub fn deadlines_to_announce(
    tx: &rusqlite::Connection,
    now: Timestamp,
    until: Timestamp,
) -> StoreResult<Vec<(i64, i64)>> {
    let mut statement = tx.prepare_cached(
        "SELECT t.id, t.deadline FROM texts t
         WHERE t.phase = 'consultation' AND t.deadline > ?1 AND t.deadline <= ?2
           AND NOT EXISTS (SELECT 1 FROM deadline_reminders r WHERE r.text_id = t.id AND r.deadline = t.deadline)",
    )?;
    let rows = statement.query_map(params![now, until], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn remember_deadline_announced(tx: &rusqlite::Connection, text_id: i64, deadline: i64) -> StoreResult<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO deadline_reminders (text_id, deadline) VALUES (?1, ?2)")?
        .execute(params![text_id, deadline])?;
    Ok(())
}

/// Members following a text.
pub fn followers(tx: &rusqlite::Connection, text_id: i64) -> StoreResult<Vec<i64>> {
    let mut statement = tx.prepare_cached("SELECT user_id FROM follows WHERE text_id = ?1 AND following = 1")?;
    let rows = statement.query_map([text_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether a member follows a text.
pub fn is_following(tx: &rusqlite::Connection, user_id: i64, text_id: i64) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached("SELECT following FROM follows WHERE user_id = ?1 AND text_id = ?2")?
        .query_row(params![user_id, text_id], |row| row.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// A member's choice to follow a text or to stop.
pub fn set_following(
    tx: &rusqlite::Connection,
    user_id: i64,
    text_id: i64,
    following: bool,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO follows (user_id, text_id, following, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, text_id) DO UPDATE SET following = excluded.following",
    )?
    .execute(params![user_id, text_id, following, now])?;
    Ok(())
}

/// Follows a text for a member who took part in it, unless they chose not to follow it.
pub fn follow_unless_declined(
    tx: &rusqlite::Connection,
    user_id: i64,
    text_id: i64,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO follows (user_id, text_id, following, created_at) VALUES (?1, ?2, 1, ?3)",
    )?
    .execute(params![user_id, text_id, now])?;
    Ok(())
}

/// The texts a member follows: (slug, title), by title.
pub fn followed_texts(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Vec<(String, String)>> {
    let mut statement = tx.prepare_cached(
        "SELECT t.slug, t.title FROM follows f JOIN texts t ON t.id = f.text_id
         WHERE f.user_id = ?1 AND f.following = 1 ORDER BY t.title COLLATE NOCASE",
    )?;
    let rows = statement.query_map([user_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Co-signers of an amendment whose signature is on an earlier wording than its current one.
pub fn co_signers_to_reconfirm(tx: &rusqlite::Connection, amendment_id: i64) -> StoreResult<Vec<i64>> {
    let mut statement = tx.prepare_cached(
        "SELECT s.user_id FROM supports s JOIN amendments a ON a.id = s.amendment_id
         WHERE s.amendment_id = ?1 AND s.wording < a.wording",
    )?;
    let rows = statement.query_map([amendment_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How a member is reached: their email (if any), how and in which language, and what they
/// turned off. Only for an account that is neither closed nor deleted.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub digest: bool,
    /// Turned every email off.
    pub email_off: bool,
    pub language: String,
    pub switches: Switches,
}

pub fn recipient(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Option<Recipient>> {
    let found = tx
        .prepare_cached(
            "SELECT id, name, email, email_digest, email_language, email_off FROM users
             WHERE id = ?1 AND deactivated_at IS NULL AND deleted_at IS NULL",
        )?
        .query_row([user_id], |row| {
            Ok(Recipient {
                id: row.get(0)?,
                name: row.get(1)?,
                email: row.get::<_, Option<String>>(2)?.filter(|email| !email.is_empty()),
                digest: row.get(3)?,
                language: row.get(4)?,
                email_off: row.get(5)?,
                switches: Switches::default(),
            })
        })
        .optional()?;
    let Some(mut recipient) = found else { return Ok(None) };
    recipient.switches = switches(tx, user_id)?;
    Ok(Some(recipient))
}

pub fn switches(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<Switches> {
    let mut statement = tx.prepare_cached("SELECT kind, channel FROM notification_switches WHERE user_id = ?1")?;
    let rows = statement.query_map([user_id], |row| {
        Ok((
            parse_name(row.get(0)?, NotificationKind::parse, "notification kind")?,
            parse_name(row.get(1)?, Channel::parse, "channel")?,
        ))
    })?;
    Ok(Switches::new(rows.collect::<Result<Vec<_>, _>>()?))
}

/// Replaces a member's switches.
pub fn set_switches(tx: &rusqlite::Connection, user_id: i64, switches: &Switches) -> StoreResult<()> {
    tx.prepare_cached("DELETE FROM notification_switches WHERE user_id = ?1")?.execute([user_id])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO notification_switches (user_id, kind, channel) VALUES (?1, ?2, ?3)")?;
    for (kind, channel) in switches.off() {
        insert.execute(params![user_id, kind.as_str(), channel.as_str()])?;
    }
    Ok(())
}

/// Turns one switch off.
pub fn switch_off(
    tx: &rusqlite::Connection,
    user_id: i64,
    kind: NotificationKind,
    channel: Channel,
) -> StoreResult<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO notification_switches (user_id, kind, channel) VALUES (?1, ?2, ?3)")?
        .execute(params![user_id, kind.as_str(), channel.as_str()])?;
    Ok(())
}

/// How a member takes email: digest or not, in which language, or none at all.
pub fn set_email_preferences(
    tx: &rusqlite::Connection,
    user_id: i64,
    digest: bool,
    language: &str,
    email_off: bool,
) -> StoreResult<()> {
    tx.prepare_cached("UPDATE users SET email_digest = ?2, email_language = ?3, email_off = ?4 WHERE id = ?1")?
        .execute(params![user_id, digest, language, email_off])?;
    Ok(())
}

/// Turns every email of a member off, kinds to come included.
pub fn turn_email_off(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<()> {
    tx.prepare_cached("UPDATE users SET email_off = 1 WHERE id = ?1")?.execute([user_id])?;
    Ok(())
}

/// Forgets a deleted account's notifications, follows, switches and emails.
pub fn forget_notifications(tx: &rusqlite::Connection, user_id: i64) -> StoreResult<()> {
    // Notifications and emails point at each other: the links go first.
    tx.execute("UPDATE notifications SET digest_email = NULL WHERE user_id = ?1", [user_id])?;
    for table in ["outbox", "notifications", "notification_switches", "follows", "visits"] {
        tx.execute(&format!("DELETE FROM {table} WHERE user_id = ?1"), [user_id])?;
    }
    Ok(())
}

/// A notification to write.
#[derive(Clone, Debug)]
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub kind: NotificationKind,
    pub detail: &'a str,
    pub note: &'a str,
    pub text_id: i64,
    pub amendment_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub revision: Option<u32>,
    pub actor_id: Option<i64>,
    pub source: &'a str,
    pub link: &'a str,
    pub shown: bool,
    pub digest_pending: bool,
}

/// Writes a notification; `None` when the member was already notified of its source.
pub fn insert_notification(
    tx: &rusqlite::Connection,
    new: &NewNotification<'_>,
    now: Timestamp,
) -> StoreResult<Option<i64>> {
    let written = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO notifications (user_id, kind, detail, note, text_id, amendment_id, comment_id,
                                                  revision, actor_id, source, link, shown, digest_pending, created_at)
             VALUES (?1, ?2, ?3, ?14, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            new.user_id,
            new.kind.as_str(),
            new.detail,
            new.text_id,
            new.amendment_id,
            new.comment_id,
            new.revision,
            new.actor_id,
            new.source,
            new.link,
            new.shown,
            new.digest_pending,
            now,
            new.note
        ])?;
    Ok((written == 1).then(|| tx.last_insert_rowid()))
}

/// Brings a member's unread notice of a text's new revision, if they have one in the app,
/// up to a newer revision (`(number, link, source)`): one notice however many revisions
/// came meanwhile, its diff spanning them all. Returns whether there was one.
pub fn bring_up_unread_revision(
    tx: &rusqlite::Connection,
    user_id: i64,
    text_id: i64,
    (number, link, source): (u32, &str, &str),
    actor_id: i64,
    now: Timestamp,
) -> StoreResult<bool> {
    let changed = tx
        .prepare_cached(
            "UPDATE notifications
             SET revision = ?3, source = ?5, actor_id = ?6, created_at = ?7,
                 -- The diff now runs from the first revision not read to this one.
                 link = CASE WHEN instr(link, '..') > 0 THEN substr(link, 1, instr(link, '..') + 1) || ?3 ELSE ?4 END
             WHERE user_id = ?1 AND text_id = ?2 AND kind = 'revision' AND shown = 1 AND read_at IS NULL",
        )?
        .execute(params![user_id, text_id, number, link, source, actor_id, now])?;
    Ok(changed > 0)
}

/// A notification as shown: what it is about, with the names it mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationRecord {
    pub id: i64,
    pub kind: NotificationKind,
    pub detail: String,
    /// A drafter's note on a decision.
    pub note: String,
    pub text_slug: String,
    pub text_title: String,
    /// The amendment's id and reference.
    pub amendment: Option<(i64, String)>,
    pub comment_id: Option<i64>,
    pub revision: Option<u32>,
    /// Who acted (empty for a former member or nobody).
    pub actor: String,
    pub link: String,
    pub created_at: Timestamp,
    pub read: bool,
}

const RECORD_COLUMNS: &str =
    "n.id, n.kind, n.detail, t.slug, t.title, a.id, t.prefix, a.number, n.comment_id, n.revision,
     COALESCE(u.name, ''), n.link, n.created_at, n.read_at IS NOT NULL, n.note
     FROM notifications n JOIN texts t ON t.id = n.text_id LEFT JOIN amendments a ON a.id = n.amendment_id
          LEFT JOIN users u ON u.id = n.actor_id";

fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<NotificationRecord> {
    let amendment = match row.get::<_, Option<i64>>(5)? {
        Some(id) => Some((id, reference(&row.get::<_, String>(6)?, as_u32(row.get(7)?)?))),
        None => None,
    };
    Ok(NotificationRecord {
        id: row.get(0)?,
        kind: parse_name(row.get(1)?, NotificationKind::parse, "notification kind")?,
        detail: row.get(2)?,
        text_slug: row.get(3)?,
        text_title: row.get(4)?,
        amendment,
        comment_id: row.get(8)?,
        revision: row.get::<_, Option<i64>>(9)?.map(as_u32).transpose()?,
        actor: row.get(10)?,
        link: row.get(11)?,
        created_at: row.get(12)?,
        read: row.get(13)?,
        note: row.get(14)?,
    })
}

/// A member's notifications shown in the app, newest first: `limit` of those older than
/// `before` (an id), or the newest.
pub fn notifications_of(
    tx: &rusqlite::Connection,
    user_id: i64,
    before: Option<i64>,
    limit: u32,
) -> StoreResult<Vec<NotificationRecord>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} WHERE n.user_id = ?1 AND n.shown = 1 AND n.id < ?2 ORDER BY n.id DESC LIMIT ?3"
    );
    let mut statement = tx.prepare_cached(&sql)?;
    let rows = statement.query_map(params![user_id, before.unwrap_or(i64::MAX), limit], record_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One of a member's notifications.
pub fn notification_of(tx: &rusqlite::Connection, user_id: i64, id: i64) -> StoreResult<Option<NotificationRecord>> {
    let sql = format!("SELECT {RECORD_COLUMNS} WHERE n.user_id = ?1 AND n.id = ?2");
    Ok(tx.prepare_cached(&sql)?.query_row(params![user_id, id], record_from_row).optional()?)
}

/// How many of a member's notifications are unread, counted up to `cap`.
pub fn unread_count(tx: &rusqlite::Connection, user_id: i64, cap: u32) -> StoreResult<u32> {
    let count: i64 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM (SELECT 1 FROM notifications
                                   WHERE user_id = ?1 AND shown = 1 AND read_at IS NULL LIMIT ?2)",
        )?
        .query_row(params![user_id, cap], |row| row.get(0))?;
    Ok(u32::try_from(count).unwrap_or(cap))
}

/// Marks a member's notifications read: these, or all of them. Returns how many changed.
pub fn mark_read(tx: &rusqlite::Connection, user_id: i64, ids: Option<&[i64]>, now: Timestamp) -> StoreResult<usize> {
    match ids {
        None => Ok(tx
            .prepare_cached(
                "UPDATE notifications SET read_at = ?2 WHERE user_id = ?1 AND shown = 1 AND read_at IS NULL",
            )?
            .execute(params![user_id, now])?),
        Some(ids) => {
            let mut statement = tx.prepare_cached(
                "UPDATE notifications SET read_at = ?3 WHERE user_id = ?1 AND id = ?2 AND read_at IS NULL",
            )?;
            let mut changed = 0;
            for id in ids {
                changed += statement.execute(params![user_id, id, now])?;
            }
            Ok(changed)
        }
    }
}

/// Members whose digest is due: those with a notification waiting since `since` or before.
pub fn digests_due(tx: &rusqlite::Connection, since: Timestamp) -> StoreResult<Vec<i64>> {
    let mut statement = tx.prepare_cached(
        "SELECT DISTINCT user_id FROM notifications WHERE digest_pending = 1 AND created_at <= ?1 LIMIT 100",
    )?;
    let rows = statement.query_map([since], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The notifications waiting for a member's digest, oldest first: gathered into the
/// email `email_id`, which will read them.
pub fn gather_digest(tx: &rusqlite::Connection, user_id: i64, email_id: i64) -> StoreResult<usize> {
    Ok(tx
        .prepare_cached(
            "UPDATE notifications SET digest_pending = 0, digest_email = ?2 WHERE user_id = ?1 AND digest_pending = 1",
        )?
        .execute(params![user_id, email_id])?)
}

/// What a digest email gathered, oldest first, `limit` at most.
pub fn digest_contents(tx: &rusqlite::Connection, email_id: i64, limit: u32) -> StoreResult<Vec<NotificationRecord>> {
    let sql = format!("SELECT {RECORD_COLUMNS} WHERE n.digest_email = ?1 ORDER BY n.id LIMIT ?2");
    let mut statement = tx.prepare_cached(&sql)?;
    let rows = statement.query_map(params![email_id, limit], record_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_digest_contents(tx: &rusqlite::Connection, email_id: i64) -> StoreResult<u32> {
    let count: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM notifications WHERE digest_email = ?1")?
        .query_row([email_id], |row| row.get(0))?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// An email to send: to whom, and what it carries (one notification, or a digest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedEmail {
    pub id: i64,
    pub user_id: i64,
    pub notification_id: Option<i64>,
    pub attempts: u32,
}

/// Queues an email: of one notification, or (`None`) a digest. Returns its id.
pub fn enqueue_email(
    tx: &rusqlite::Connection,
    user_id: i64,
    notification_id: Option<i64>,
    now: Timestamp,
) -> StoreResult<i64> {
    tx.prepare_cached(
        "INSERT INTO outbox (user_id, notification_id, created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![user_id, notification_id, now])?;
    Ok(tx.last_insert_rowid())
}

/// Emails due at `now`, oldest first.
pub fn due_emails(tx: &rusqlite::Connection, now: Timestamp, limit: u32) -> StoreResult<Vec<QueuedEmail>> {
    let mut statement = tx.prepare_cached(
        "SELECT id, user_id, notification_id, attempts FROM outbox
         WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= ?1
         ORDER BY next_attempt_at, id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![now, limit], |row| {
        Ok(QueuedEmail {
            id: row.get(0)?,
            user_id: row.get(1)?,
            notification_id: row.get(2)?,
            attempts: as_u32(row.get(3)?)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One notification, whoever it is for.
pub fn notification(tx: &rusqlite::Connection, id: i64) -> StoreResult<Option<NotificationRecord>> {
    let sql = format!("SELECT {RECORD_COLUMNS} WHERE n.id = ?1");
    Ok(tx.prepare_cached(&sql)?.query_row([id], record_from_row).optional()?)
}

pub fn mark_email_sent(tx: &rusqlite::Connection, id: i64, now: Timestamp) -> StoreResult<()> {
    tx.prepare_cached("UPDATE outbox SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up when `None`. An attempt
/// that never reached the server (`counted` false) does not count towards giving up.
pub fn mark_email_failed(
    tx: &rusqlite::Connection,
    id: i64,
    error: &str,
    retry_at: Option<Timestamp>,
    counted: bool,
    now: Timestamp,
) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE outbox SET attempts = attempts + ?5, last_error = ?2,
                           next_attempt_at = COALESCE(?3, next_attempt_at),
                           abandoned_at = CASE WHEN ?3 IS NULL THEN ?4 END
         WHERE id = ?1",
    )?
    .execute(params![id, error, retry_at, now, i64::from(counted)])?;
    Ok(())
}

/// Notifications in all.
pub fn count_notifications(tx: &rusqlite::Connection) -> StoreResult<u64> {
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM notifications", [], |row| row.get(0))?;
    Ok(u64::try_from(count).unwrap_or(0))
}
