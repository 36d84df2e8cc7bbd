-- Search: one document per thing a reader can find, with its words in an FTS5 index kept
-- beside it (external content: the words are stored once, in search_documents). Kinds:
--   text       a text's title (subject: the text's id)
--   paragraph  an alinéa of a text's head (subject: a fingerprint of its words, so that a
--              change of the head removes exactly the alinéas it rewrote)
--   amendment  its new lines, summary and rationale (subject: the amendment's id)
--   comment    its words, while neither deleted nor hidden (subject: the comment's id)
--   question   its prompt and choices (subject: the question's id)
-- French first: accents and case are ignored, and prefixes of 2 and 3 letters are indexed
-- so that prefix queries do not scan the vocabulary.
CREATE TABLE search_documents (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind IN ('text', 'paragraph', 'amendment', 'comment', 'question')),
    text_id   INTEGER NOT NULL REFERENCES texts (id),
    subject   INTEGER NOT NULL,
    author_id INTEGER REFERENCES users (id),
    body      TEXT    NOT NULL
);
CREATE INDEX search_documents_by_subject ON search_documents (kind, subject, text_id);

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    content = 'search_documents',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- The head whose alinéas and title are indexed, per text: the server indexes the others'
-- at start-up (revisions are rebuilt from deltas, which SQL cannot do).
ALTER TABLE texts ADD COLUMN search_head INTEGER NOT NULL DEFAULT 0;

INSERT INTO search_documents (kind, text_id, subject, author_id, body)
    SELECT 'amendment', text_id, id, author_id,
           new_lines || char(10) || summary || char(10) || rationale
    FROM amendments;
INSERT INTO search_documents (kind, text_id, subject, author_id, body)
    SELECT 'comment', text_id, id, author_id, body
    FROM comments WHERE deleted_at IS NULL AND hidden_at IS NULL;
INSERT INTO search_documents (kind, text_id, subject, author_id, body)
    SELECT 'question', q.text_id, q.id, q.author_id,
           q.prompt || char(10) || (SELECT group_concat(value, char(10)) FROM json_each(q.choices))
    FROM questions q;
INSERT INTO search_index (rowid, body) SELECT id, body FROM search_documents;
