-- Rule 8b, what you saw is what you decide: each event of an amendment keeps the
-- amendment as it stood after it (its version, state, anchor and wording), so that a
-- refusal can show what changed since the version someone saw, and the history what each
-- edit did. Events written before this migration have none.
ALTER TABLE amendment_events ADD COLUMN version INTEGER;
ALTER TABLE amendment_events ADD COLUMN state TEXT;
ALTER TABLE amendment_events ADD COLUMN anchor_revision INTEGER;
ALTER TABLE amendment_events ADD COLUMN start INTEGER;
ALTER TABLE amendment_events ADD COLUMN count INTEGER;
ALTER TABLE amendment_events ADD COLUMN new_lines TEXT;
ALTER TABLE amendment_events ADD COLUMN decided_lines TEXT;
CREATE INDEX amendment_events_by_version ON amendment_events (amendment_id, version);

-- A text's title belongs to each revision: drafters retitle a text, and its history keeps
-- every title. Revisions written before this migration take the text's.
ALTER TABLE revisions ADD COLUMN title TEXT;
UPDATE revisions SET title = (SELECT title FROM texts WHERE texts.id = revisions.text_id);

-- One submission, one effect: what the first submission under a key created, so that a
-- repeat (a double tap, a network retry) answers with it instead of doing it again.
CREATE TABLE submissions (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    -- What was sent, hashed: the same key with other content is another request.
    fingerprint  BLOB    NOT NULL,
    outcome      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX submissions_by_age ON submissions (created_at);
