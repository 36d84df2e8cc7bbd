-- Changes to the index waiting for their batch's commit (see store/writer.rs): FTS5 writes
-- out its pending terms at every savepoint, and each use case of a batch runs in one, so
-- use cases queue their index changes here (a plain table, cheap in a savepoint) and the
-- writer applies the batch's at once just before it commits: readers never see the queue.
CREATE TABLE search_pending (
    seq      INTEGER PRIMARY KEY,
    document INTEGER NOT NULL,
    body     TEXT    NOT NULL,
    removing INTEGER NOT NULL CHECK (removing IN (0, 1))
);

-- Feeds read the newest revisions and amendment events first.
CREATE INDEX revisions_by_time ON revisions (created_at);
CREATE INDEX amendment_events_by_time ON amendment_events (created_at);
