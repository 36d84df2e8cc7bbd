-- Members managed by admins. `email`: where to reach them (optional). `deactivated_at`: an
-- admin closed the account (its sessions and tokens are deleted, logging in is refused).
-- `deleted_at`: the member deleted it; the row stays, emptied, for the amendments and
-- comments it wrote, shown as from a former member.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- Invitations: a link through which a member sets their password (a new account's first,
-- or a forgotten one's replacement). Only the hash of its secret is kept; it works once,
-- until it expires.
CREATE TABLE invitations (
    token_hash  BLOB    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX invitations_by_user ON invitations (user_id);
