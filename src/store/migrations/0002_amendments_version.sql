-- Bumped whenever any amendment of the text changes: cached margins and pages key on it.
ALTER TABLE texts ADD COLUMN amendments_version INTEGER NOT NULL DEFAULT 0;

-- Rebases read every amendment following the head and shift them by ranges of start lines:
-- an index that covers what they read spares a table lookup per amendment.
DROP INDEX amendments_by_anchor;
CREATE INDEX amendments_by_anchor ON amendments (text_id, revision, start, count, state);

-- Open and accepted amendments follow the head: revision 0 stands for it (see
-- store/amendments.rs), so a head move writes only the amendments whose lines shift.
UPDATE amendments SET revision = 0 WHERE state IN ('open', 'accepted');
