-- Editorial amendments (spelling, grammar, formatting: no change of meaning), marked by
-- their author or a drafter, listed apart on the review desk and merged in one action.
ALTER TABLE amendments ADD COLUMN editorial INTEGER NOT NULL DEFAULT 0;
