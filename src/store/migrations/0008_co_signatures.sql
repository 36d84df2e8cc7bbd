-- Co-signatures. An amendment's wording counts its author's rewrites: a co-signature is
-- given to one wording, and one given to an earlier wording waits for its co-signer to
-- confirm it again. `version` is the amendment's version when signed, to show the co-signer
-- what changed since.
ALTER TABLE amendments ADD COLUMN wording INTEGER NOT NULL DEFAULT 1;

CREATE TABLE supports (
    amendment_id INTEGER NOT NULL REFERENCES amendments (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    wording      INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (amendment_id, user_id)
) WITHOUT ROWID;

-- Co-signers an amendment needs before it may be accepted (0: none).
ALTER TABLE texts ADD COLUMN min_supporters INTEGER NOT NULL DEFAULT 0
    CHECK (min_supporters BETWEEN 0 AND 1000);
