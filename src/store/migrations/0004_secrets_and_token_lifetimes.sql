-- Settings of this installation. `server_secret`: random bytes only this server knows,
-- with which it signs what it later checks (anonymous form tokens, known-device cookies).
-- In the database, so that it survives restarts and every server of one database shares it.
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  BLOB NOT NULL
) WITHOUT ROWID;

-- API tokens get an id (to be listed and revoked by), a label, an expiry and the time they
-- were last used. Tokens issued before this migration never expired: they now expire 90 days
-- after their creation, and at the earliest 30 days from the upgrade, so that no script
-- stops working the day the server is upgraded.
CREATE TABLE api_tokens_new (
    id            INTEGER PRIMARY KEY,
    token_hash    BLOB    NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label         TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    last_used_at  INTEGER
);
INSERT INTO api_tokens_new (token_hash, user_id, label, created_at, expires_at)
    SELECT token_hash, user_id, '', created_at,
           max(created_at + 90 * 86400, CAST(strftime('%s', 'now') AS INTEGER) + 30 * 86400)
    FROM api_tokens ORDER BY created_at;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
