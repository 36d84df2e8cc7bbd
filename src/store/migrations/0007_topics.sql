-- Thematic spaces (santé, éducation…) that admins open; a text belongs to one, or to none
-- for texts published before topics existed.
CREATE TABLE topics (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

ALTER TABLE texts ADD COLUMN topic_id INTEGER REFERENCES topics (id);
CREATE INDEX texts_by_topic ON texts (topic_id);
