-- Votes on amendments (the internal consultation). A text's votes are secret (the default)
-- or open. Open votes are kept in `voters` with the voter's choice. A secret vote is split:
-- `voters` says who voted, without the choice; the amendment's ballot box holds the choice
-- under a ballot number that only its voter can compute (a keyed hash of the amendment and
-- the member, under a key derived from their password and held only by their own sessions
-- and tokens). Nothing joins the two: no timestamp, and no order of insertion, since a box
-- is one value, its ballots sorted by number and rewritten whole at each vote.
CREATE TABLE voters (
    amendment_id INTEGER NOT NULL REFERENCES amendments (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    -- The vote on an open text; NULL on a secret one.
    choice       TEXT CHECK (choice IN ('for', 'against', 'abstain')),
    PRIMARY KEY (amendment_id, user_id)
) WITHOUT ROWID;

-- Each ballot: its 32-byte number and a byte for the choice (0 for, 1 against, 2 abstain),
-- in the order of the numbers.
CREATE TABLE ballot_boxes (
    amendment_id INTEGER PRIMARY KEY REFERENCES amendments (id),
    ballots      BLOB    NOT NULL
);

-- The tallies, kept with each amendment so that lists read them with it.
ALTER TABLE amendments ADD COLUMN votes_for INTEGER NOT NULL DEFAULT 0;
ALTER TABLE amendments ADD COLUMN votes_against INTEGER NOT NULL DEFAULT 0;
ALTER TABLE amendments ADD COLUMN votes_abstain INTEGER NOT NULL DEFAULT 0;

ALTER TABLE texts ADD COLUMN votes TEXT NOT NULL DEFAULT 'secret' CHECK (votes IN ('secret', 'open'));

-- The salt of each member's ballot key.
ALTER TABLE users ADD COLUMN ballot_salt BLOB;
UPDATE users SET ballot_salt = randomblob(16);
