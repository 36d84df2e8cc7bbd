-- Notifications (issue 9, part 3). Use cases write nothing for them: a background notifier
-- reads what they already record (amendment events, comments, revisions, phase changes)
-- after its cursor, and turns each into notifications and queued emails in one
-- transaction that also moves the cursor, so that each is notified once, restarts
-- included, and a merge that notifies thousands costs the merge nothing.

-- Texts a member follows (new revisions, phase changes, deadlines). `following` 0 is a
-- member's explicit "stop following", which proposing on the text again does not undo.
CREATE TABLE follows (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    text_id    INTEGER NOT NULL REFERENCES texts (id),
    following  INTEGER NOT NULL CHECK (following IN (0, 1)),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, text_id)
) WITHOUT ROWID;
CREATE INDEX follows_by_text ON follows (text_id, user_id) WHERE following = 1;
-- Those who already proposed or commented on a text follow it, as they would now.
INSERT OR IGNORE INTO follows (user_id, text_id, following, created_at)
    SELECT author_id, text_id, 1, CAST(strftime('%s', 'now') AS INTEGER) FROM amendments
    UNION SELECT author_id, text_id, 1, CAST(strftime('%s', 'now') AS INTEGER) FROM comments WHERE deleted_at IS NULL;

-- One notification of one member. `source` names what caused it (an event, a comment, a
-- revision…): a member is notified once per source. `shown` 0: the member turned the
-- kind off in the app and only wanted the email. `digest_pending` 1: waits for the
-- member's daily digest.
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    kind           TEXT    NOT NULL,
    detail         TEXT    NOT NULL DEFAULT '',
    -- A drafter's note on a decision (why an amendment was rejected).
    note           TEXT    NOT NULL DEFAULT '',
    text_id        INTEGER NOT NULL REFERENCES texts (id),
    amendment_id   INTEGER REFERENCES amendments (id),
    comment_id     INTEGER REFERENCES comments (id),
    revision       INTEGER,
    actor_id       INTEGER REFERENCES users (id),
    source         TEXT    NOT NULL,
    -- Where it leads: a permalink on this site (a path).
    link           TEXT    NOT NULL,
    shown          INTEGER NOT NULL DEFAULT 1,
    digest_pending INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    read_at        INTEGER,
    UNIQUE (user_id, source)
);
CREATE INDEX notifications_by_member ON notifications (user_id, id) WHERE shown = 1;
CREATE INDEX notifications_unread ON notifications (user_id) WHERE shown = 1 AND read_at IS NULL;
CREATE INDEX notifications_for_digest ON notifications (created_at, user_id) WHERE digest_pending = 1;

-- Kinds a member turned off, per channel ('app' or 'email'); everything else is on.
CREATE TABLE notification_switches (
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind    TEXT    NOT NULL,
    channel TEXT    NOT NULL CHECK (channel IN ('app', 'email')),
    PRIMARY KEY (user_id, kind, channel)
) WITHOUT ROWID;

-- How a member gets email: at once, or one digest a day; in which language; or none at
-- all (`email_off`: an "unsubscribe from everything", which kinds added later respect).
ALTER TABLE users ADD COLUMN email_digest INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN email_language TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE users ADD COLUMN email_off INTEGER NOT NULL DEFAULT 0;

-- Emails waiting to be sent, and sent ones (kept a while, so that none is sent twice).
-- An email is written when it is sent, from its notification, or from the notifications
-- its digest gathered (`notifications.digest_email`), to the member's address then.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    notification_id INTEGER REFERENCES notifications (id),
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    sent_at         INTEGER,
    abandoned_at    INTEGER
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND abandoned_at IS NULL;
ALTER TABLE notifications ADD COLUMN digest_email INTEGER REFERENCES outbox (id);
CREATE INDEX notifications_in_digest ON notifications (digest_email) WHERE digest_email IS NOT NULL;

-- How far the notifier has read each source. What happened before notifications existed
-- is not notified.
CREATE TABLE notifier_cursors (
    source  TEXT    PRIMARY KEY,
    last_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO notifier_cursors (source, last_id)
    SELECT 'amendment_events', COALESCE(MAX(id), 0) FROM amendment_events
    UNION ALL SELECT 'comments', COALESCE(MAX(id), 0) FROM comments
    UNION ALL SELECT 'revisions', COALESCE(MAX(id), 0) FROM revisions
    UNION ALL SELECT 'phase_changes', COALESCE(MAX(id), 0) FROM phase_changes;

-- Deadlines whose approach was announced, once each.
CREATE TABLE deadline_reminders (
    text_id  INTEGER NOT NULL REFERENCES texts (id),
    deadline INTEGER NOT NULL,
    PRIMARY KEY (text_id, deadline)
) WITHOUT ROWID;
