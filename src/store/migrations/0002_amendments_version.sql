-- Bumped whenever any amendment of the text changes: cached margins and pages key on it.
ALTER TABLE texts ADD COLUMN amendments_version INTEGER NOT NULL DEFAULT 0;
