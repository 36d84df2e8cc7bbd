-- A revision is stored whole (`body`) or as a delta (`added`): the lines its changes put in
-- place of its parent's, in the order of `changes`, joined by line feeds. Reading a delta
-- rebuilds it from the nearest revision before it that is stored whole (or already in
-- memory). A one-line edit of a 450 KB text so writes a few hundred bytes, not 450 KB.
-- Revisions written before stay whole.
CREATE TABLE revisions_new (
    id          INTEGER PRIMARY KEY,
    text_id     INTEGER NOT NULL REFERENCES texts (id),
    number      INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('published', 'edited', 'merged')),
    body        TEXT,
    added       TEXT,
    line_count  INTEGER NOT NULL,
    -- Run-length encoded origin of each line; the changes from the parent revision.
    provenance  BLOB    NOT NULL,
    changes     BLOB    NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    summary     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    title       TEXT,
    UNIQUE (text_id, number),
    CHECK ((body IS NULL) <> (added IS NULL)),
    CHECK (number > 1 OR body IS NOT NULL)
);

INSERT INTO revisions_new (id, text_id, number, kind, body, added, line_count, provenance, changes, author_id,
                           summary, created_at, title)
SELECT id, text_id, number, kind, body, NULL, line_count, provenance, changes, author_id, summary, created_at, title
FROM revisions;

DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;
