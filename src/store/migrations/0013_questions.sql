-- Questions: internal polls a drafter puts to members, on a text or one of its alinéas,
-- open until `closes_at`. Answers are secret, as votes are: `respondents` says who
-- answered, without the answer; the question's answer box holds each answer under a
-- ballot number only its member can compute (see 0009_votes.sql), one value sorted by
-- number. The counts per choice are kept with the question.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    text_id     INTEGER NOT NULL REFERENCES texts (id),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    prompt      TEXT    NOT NULL,
    -- A JSON array of 2 to 10 choices.
    choices     TEXT    NOT NULL,
    -- The alinéa asked about, as numbered on `revision`; both NULL for the whole text.
    revision    INTEGER,
    line        INTEGER,
    closes_at   INTEGER NOT NULL,
    -- A JSON array of counts, one per choice.
    tallies     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX questions_by_text ON questions (text_id);

CREATE TABLE respondents (
    question_id INTEGER NOT NULL REFERENCES questions (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (question_id, user_id)
) WITHOUT ROWID;

-- Each answer: its 32-byte number and a byte for the choice's index.
CREATE TABLE answer_boxes (
    question_id INTEGER PRIMARY KEY REFERENCES questions (id),
    answers     BLOB    NOT NULL
);
