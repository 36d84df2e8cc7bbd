-- Comments: on a paragraph of a text (anchored like an amendment: `revision` 0 follows the
-- head, and a head move shifts `line` or, when it changes the paragraph, pins the comment
-- to the revision it was last on), on an amendment, or on the text as a whole. One level
-- of replies: a reply takes its parent's place. A deleted comment keeps its row (its
-- replies stay in their thread) without its body; a hidden one keeps its body, shown to
-- no one, and the reason, shown to all.
CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    text_id       INTEGER NOT NULL REFERENCES texts (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    parent_id     INTEGER REFERENCES comments (id),
    amendment_id  INTEGER REFERENCES amendments (id),
    -- On a paragraph: the revision it sits on (0: the head) and the 1-based paragraph.
    revision      INTEGER,
    line          INTEGER,
    -- The revision it was written on.
    written_on    INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    deleted_at    INTEGER,
    hidden_reason TEXT,
    hidden_by     INTEGER REFERENCES users (id),
    hidden_at     INTEGER,
    CHECK ((revision IS NULL) = (line IS NULL)),
    CHECK (amendment_id IS NULL OR line IS NULL)
);

CREATE INDEX comments_on_paragraphs ON comments (text_id, revision, line);
CREATE INDEX comments_on_amendments ON comments (amendment_id) WHERE amendment_id IS NOT NULL;
CREATE INDEX comments_replies ON comments (parent_id) WHERE parent_id IS NOT NULL;
