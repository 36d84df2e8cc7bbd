-- Rule 10: a text's printed line width, and with each revision the width and version of
-- the breaking algorithm it was printed with, so that its printed lines never change.
-- Revisions written before this were printed by version 1 at 80 characters.
ALTER TABLE texts ADD COLUMN printed_width INTEGER NOT NULL DEFAULT 80;
ALTER TABLE revisions ADD COLUMN printed_width INTEGER NOT NULL DEFAULT 80;
ALTER TABLE revisions ADD COLUMN printed_algorithm INTEGER NOT NULL DEFAULT 1;
