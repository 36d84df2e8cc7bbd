-- When each member last opened each text, and the head they saw then: what is new for
-- them is counted from there ("since my last visit").
CREATE TABLE visits (
    user_id   INTEGER NOT NULL REFERENCES users (id),
    text_id   INTEGER NOT NULL REFERENCES texts (id),
    seen_at   INTEGER NOT NULL,
    seen_head INTEGER NOT NULL,
    PRIMARY KEY (user_id, text_id)
) WITHOUT ROWID;

-- What is new on a text since a moment: its amendments and comments by time.
CREATE INDEX amendments_by_text_and_time ON amendments (text_id, created_at);
CREATE INDEX comments_by_text_and_time ON comments (text_id, created_at);
