-- Per text, the most open amendments one member may have at once (0: no limit, the
-- default). Drafters and admins are not limited.
ALTER TABLE texts ADD COLUMN max_open_per_member INTEGER NOT NULL DEFAULT 0
    CHECK (max_open_per_member BETWEEN 0 AND 10000);
