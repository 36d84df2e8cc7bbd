-- Accounts: members, drafters and admins; sessions and API tokens are stored as hashes.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('member', 'drafter', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash  BLOB    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
    token_hash  BLOB    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE texts (
    id                INTEGER PRIMARY KEY,
    slug              TEXT    NOT NULL UNIQUE,
    title             TEXT    NOT NULL,
    prefix            TEXT    NOT NULL UNIQUE,
    phase             TEXT    NOT NULL CHECK (phase IN ('drafting', 'consultation', 'review', 'adopted')),
    visibility        TEXT    NOT NULL CHECK (visibility IN ('public', 'members')),
    head              INTEGER NOT NULL,
    -- The number given to the text's latest amendment: references are never reused.
    last_amendment    INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- Revisions are written once and never modified.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    text_id     INTEGER NOT NULL REFERENCES texts (id),
    number      INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('published', 'edited', 'merged')),
    body        TEXT    NOT NULL,
    line_count  INTEGER NOT NULL,
    -- Run-length encoded origin of each line; the changes from the parent revision.
    provenance  BLOB    NOT NULL,
    changes     BLOB    NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    summary     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (text_id, number)
);

CREATE TABLE amendments (
    id             INTEGER PRIMARY KEY,
    text_id        INTEGER NOT NULL REFERENCES texts (id),
    number         INTEGER NOT NULL,
    author_id      INTEGER NOT NULL REFERENCES users (id),
    state          TEXT    NOT NULL CHECK (state IN ('open', 'accepted', 'rejected', 'withdrawn', 'merged', 'outdated')),
    revision       INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    count          INTEGER NOT NULL,
    new_lines      TEXT    NOT NULL,
    decided_lines  TEXT,
    summary        TEXT    NOT NULL,
    rationale      TEXT    NOT NULL,
    merged_into    INTEGER,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (text_id, number)
);
CREATE INDEX amendments_by_anchor ON amendments (text_id, revision, state);

CREATE TABLE amendment_events (
    id            INTEGER PRIMARY KEY,
    amendment_id  INTEGER NOT NULL REFERENCES amendments (id),
    kind          TEXT    NOT NULL,
    actor_id      INTEGER REFERENCES users (id),
    note          TEXT    NOT NULL,
    revision      INTEGER,
    created_at    INTEGER NOT NULL
);
CREATE INDEX amendment_events_by_amendment ON amendment_events (amendment_id);
