-- When each member last opened each text, the head they saw then, and the newest
-- amendment, amendment event and comment of the whole site at that moment: what is new for
-- them is what came after (ids, not times: a time in seconds would lose, or repeat, what
-- happened in the second of the visit).
CREATE TABLE visits (
    user_id        INTEGER NOT NULL REFERENCES users (id),
    text_id        INTEGER NOT NULL REFERENCES texts (id),
    seen_at        INTEGER NOT NULL,
    seen_head      INTEGER NOT NULL,
    seen_amendment INTEGER NOT NULL,
    seen_event     INTEGER NOT NULL,
    seen_comment   INTEGER NOT NULL,
    PRIMARY KEY (user_id, text_id)
) WITHOUT ROWID;
