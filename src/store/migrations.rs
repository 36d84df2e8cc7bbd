//! Numbered migrations, applied in order at start-up, each in its own transaction and
//! recorded in SQLite's `user_version`.

use rusqlite::Connection;

use super::{StoreError, StoreResult};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_amendments_version.sql"),
    include_str!("migrations/0003_versions_and_submissions.sql"),
    include_str!("migrations/0004_secrets_and_token_lifetimes.sql"),
];

/// The schema version this build writes.
pub const KNOWN: i64 = MIGRATIONS.len() as i64;

pub fn migrate(connection: &mut Connection) -> StoreResult<()> {
    let known = MIGRATIONS.len() as i64;
    let current: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > known {
        return Err(StoreError::TooNew { found: current, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = connection.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
