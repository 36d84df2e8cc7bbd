-- A member's amendments across texts, with their fates ("what became of my amendments").
CREATE INDEX amendments_by_author ON amendments (author_id);
