-- A consultation may close on a deadline (seconds since the epoch, UTC): past it the text
-- behaves as in review, whether or not anyone acted, and whether or not the server ran.
ALTER TABLE texts ADD COLUMN deadline INTEGER CHECK (deadline IS NULL OR phase = 'consultation');

-- Every phase a drafter put a text in, with its deadline: the text's history shows them.
CREATE TABLE phase_changes (
    id          INTEGER PRIMARY KEY,
    text_id     INTEGER NOT NULL REFERENCES texts (id),
    phase       TEXT    NOT NULL CHECK (phase IN ('drafting', 'consultation', 'review', 'adopted')),
    deadline    INTEGER CHECK (deadline IS NULL OR phase = 'consultation'),
    actor_id    INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX phase_changes_by_text ON phase_changes (text_id);
