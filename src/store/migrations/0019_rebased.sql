-- Rule 9: an amendment whose words a rebase rewrote onto a new revision (other words of
-- its alinéas changed there) is flagged, beside its state, until its author rewrites it.
ALTER TABLE amendments ADD COLUMN rebased INTEGER NOT NULL DEFAULT 0;
