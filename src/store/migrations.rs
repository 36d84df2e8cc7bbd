//! Numbered migrations, applied in order at start-up, each in its own transaction and
//! recorded in SQLite's `user_version`.

use rusqlite::Connection;

use super::{StoreError, StoreResult};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_amendments_version.sql"),
    include_str!("migrations/0003_versions_and_submissions.sql"),
    include_str!("migrations/0004_secrets_and_token_lifetimes.sql"),
    include_str!("migrations/0005_revision_deltas.sql"),
    include_str!("migrations/0006_phase_deadlines.sql"),
    include_str!("migrations/0007_topics.sql"),
    include_str!("migrations/0008_co_signatures.sql"),
    include_str!("migrations/0009_votes.sql"),
    include_str!("migrations/0010_comments.sql"),
    include_str!("migrations/0011_members.sql"),
    include_str!("migrations/0012_open_amendment_limit.sql"),
    include_str!("migrations/0013_questions.sql"),
    include_str!("migrations/0014_search.sql"),
    include_str!("migrations/0015_amendments_by_author.sql"),
    include_str!("migrations/0016_search_queue_and_feeds.sql"),
    include_str!("migrations/0017_notifications.sql"),
    include_str!("migrations/0018_visits.sql"),
    include_str!("migrations/0019_rebased.sql"),
    include_str!("migrations/0020_printed_lines.sql"),
    include_str!("migrations/0021_editorial.sql"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_written_before_deltas_read_back_whole_after_the_migration() {
        let mut connection = Connection::open_in_memory().expect("database");
        for sql in &MIGRATIONS[..4] {
            connection.execute_batch(sql).expect("migration");
        }
        connection.pragma_update(None, "user_version", 4).expect("version");
        connection
            .execute_batch(
                "INSERT INTO users (id, login, name, role, password_hash, created_at)
                     VALUES (1, 'redaction', 'Rédaction', 'drafter', 'x', 0);
                 INSERT INTO texts (id, slug, title, prefix, phase, visibility, head, created_at, updated_at)
                     VALUES (1, 'programme', 'Programme', 'PROG', 'consultation', 'public', 1, 0, 0),
                            (2, 'statuts', 'Statuts', 'STAT', 'consultation', 'public', 1, 0, 0);
                 INSERT INTO revisions (text_id, number, kind, body, line_count, provenance, changes, author_id,
                                        summary, created_at, title)
                     VALUES (1, 1, 'published', 'Préambule' || char(10) || 'Article 1', 2, X'', X'', 1, '', 0,
                             'Programme');",
            )
            .expect("a revision of schema 4");
        migrate(&mut connection).expect("migrate");
        let (body, added): (Option<String>, Option<String>) = connection
            .query_row("SELECT body, added FROM revisions WHERE number = 1", [], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("revision");
        assert_eq!(body.as_deref(), Some("Préambule\nArticle 1"));
        assert_eq!(added, None);
        // A first revision is always whole, and a revision is whole or a delta, never both.
        let delta_first = connection.execute(
            "INSERT INTO revisions (text_id, number, kind, added, line_count, provenance, changes, author_id,
                                    summary, created_at) VALUES (2, 1, 'edited', '', 0, X'', X'', 1, '', 0)",
            [],
        );
        assert!(delta_first.is_err());
        let both = connection.execute(
            "INSERT INTO revisions (text_id, number, kind, body, added, line_count, provenance, changes, author_id,
                                    summary, created_at) VALUES (1, 2, 'edited', 'a', 'a', 1, X'', X'', 1, '', 0)",
            [],
        );
        assert!(both.is_err());
    }

    #[test]
    fn revisions_written_before_printed_lines_had_a_version_keep_version_one_at_80() {
        let mut connection = Connection::open_in_memory().expect("database");
        for sql in &MIGRATIONS[..19] {
            connection.execute_batch(sql).expect("migration");
        }
        connection.pragma_update(None, "user_version", 19).expect("version");
        connection
            .execute_batch(
                "INSERT INTO users (id, login, name, role, password_hash, created_at)
                     VALUES (1, 'redaction', 'Rédaction', 'drafter', 'x', 0);
                 INSERT INTO texts (id, slug, title, prefix, phase, visibility, head, created_at, updated_at)
                     VALUES (1, 'programme', 'Programme', 'PROG', 'consultation', 'public', 1, 0, 0);
                 INSERT INTO revisions (text_id, number, kind, body, line_count, provenance, changes, author_id,
                                        summary, created_at, title)
                     VALUES (1, 1, 'published', 'Préambule', 1, X'', X'', 1, '', 0, 'Programme');",
            )
            .expect("a revision of schema 19");
        migrate(&mut connection).expect("migrate");
        let printed: (i64, i64, i64) = connection
            .query_row(
                "SELECT revisions.printed_width, printed_algorithm, texts.printed_width
                 FROM revisions JOIN texts ON texts.id = revisions.text_id",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .expect("printing");
        assert_eq!(printed, (80, 1, 80));
    }
}
