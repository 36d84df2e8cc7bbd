//! Storage: the SQLite schema and its numbered migrations, every SQL statement, and the
//! connections (WAL; one writer, pooled readers that the writer never blocks).
//!
//! Invariant: this is the only module that knows SQL, and it holds no business rule.

mod amendments;
mod codec;
mod comments;
mod feeds;
mod members;
mod migrations;
mod notifications;
mod questions;
mod revisions;
mod search;
mod submissions;
mod supports;
mod texts;
mod tokens;
mod topics;
mod users;
mod visits;
mod votes;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use amendments::*;
pub use comments::*;
pub use feeds::*;
pub use members::*;
pub use notifications::*;
pub use questions::*;
pub use revisions::*;
pub use search::*;
pub use submissions::*;
pub use supports::*;
pub use texts::*;
pub use tokens::*;
pub use topics::*;
pub use users::*;
pub use visits::*;
pub use votes::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is not what Redraft wrote: {0}")]
    Corrupt(String),
    #[error("the database was written by a newer Redraft (schema {found}, this one knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("there is no database at {0}")]
    Missing(PathBuf),
    #[error("{0} is not a Redraft database")]
    NotRedraft(PathBuf),
    #[error("{0} already exists; choose a new file")]
    Exists(PathBuf),
    #[error("{0}")]
    Io(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Readers kept open between requests, per core available to the process: enough that
/// the readers busy at once on this machine need not open a connection (and warm its page
/// cache) each time.
const IDLE_READERS_PER_CORE: usize = 4;

/// The database: one writer connection (SQLite allows one writer at a time; queueing in
/// process avoids busy errors) and a pool of reader connections, which WAL lets read a
/// consistent snapshot while the writer works.
pub struct Store {
    path: PathBuf,
    writer: writer::Writer,
    readers: Mutex<Vec<Connection>>,
    /// Readers kept open between requests at most.
    max_idle_readers: usize,
    /// Held for its lifetime: dropping it stops the thread.
    _checkpointer: Checkpointer,
}

/// How often the background thread copies the write-ahead log into the database.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// Copies committed pages from the write-ahead log into the database file in the
/// background, so that no request pays for a checkpoint (and its sync) on its commit.
struct Checkpointer {
    stop: std::sync::mpsc::Sender<()>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn start_checkpointer(path: &Path) -> StoreResult<Checkpointer> {
    let connection = Connection::open(path)?;
    configure(&connection)?;
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("redraft-checkpoint".into())
        .spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
                // PASSIVE: copies what it can without waiting on readers or the writer. A
                // failure here only leaves the log longer until the next round.
                if let Err(error) = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::warn!("checkpoint: {error}");
                }
            }
            // A last full pass on the way out leaves a short log behind.
            let _ = connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        })
        .map_err(|error| StoreError::Corrupt(format!("cannot start the checkpoint thread: {error}")))?;
    Ok(Checkpointer { stop, thread: Some(thread) })
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> StoreResult<Store> {
        Store::open_with(path, Connection::open(path)?)
    }

    /// Opens and migrates the Redraft database at `path`, which must exist: commands that
    /// only work on a database (`token`) never leave an empty one behind a mistyped path.
    pub fn open_existing(path: &Path) -> StoreResult<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let writer = Connection::open_with_flags(path, flags)?;
        redraft_schema(&writer, path)?;
        Store::open_with(path, writer)
    }

    fn open_with(path: &Path, mut writer: Connection) -> StoreResult<Store> {
        configure(&writer)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut writer)?;
        // Commits never checkpoint: the background thread does.
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        let checkpointer = start_checkpointer(path)?;
        Ok(Store {
            path: path.to_owned(),
            // A commit is on disk before it is acknowledged, power cut included: the writer
            // flushes the log after each batch's commit (see `writer`).
            // A batch's changes to the full-text index, queued by its use cases.
            writer: writer::Writer::new(writer, path, search::apply_pending),
            readers: Mutex::new(Vec::new()),
            max_idle_readers: IDLE_READERS_PER_CORE
                * std::thread::available_parallelism().map_or(2, |cores| cores.get()),
            _checkpointer: checkpointer,
        })
    }

    /// Runs `work` in one read transaction: one consistent snapshot, never blocked by the writer.
    pub fn read<T, E: From<StoreError>>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let mut connection = match lock(&self.readers).pop() {
            Some(connection) => connection,
            None => self.open_reader()?,
        };
        let result = {
            let tx = connection.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
            let result = work(&tx);
            // A read transaction has nothing to commit; ending it frees its snapshot.
            tx.rollback().map_err(StoreError::from)?;
            result
        };
        let mut idle = lock(&self.readers);
        if idle.len() < self.max_idle_readers {
            idle.push(connection);
        }
        result
    }

    /// Runs `work` as one use case that writes: all of its changes or none, acknowledged
    /// only once on disk, power cut included. Use cases arriving together share one
    /// transaction and one flush, each in its own savepoint (see [`writer`]).
    pub fn write<T, E: From<StoreError>>(&self, work: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        self.writer.write(work)
    }

    /// How many transactions the writer committed or opened so far; with the writes
    /// acknowledged, how much group commit grouped them.
    pub fn batches(&self) -> u64 {
        self.writer.batches()
    }

    /// How many times the write-ahead log was flushed to disk so far: at least once for
    /// every batch of writes acknowledged, often once for several.
    pub fn flushes(&self) -> u64 {
        self.writer.flushes()
    }

    /// Whether the database answers.
    pub fn check(&self) -> StoreResult<()> {
        self.read(|tx| {
            tx.query_row("SELECT 1", [], |_| Ok(()))?;
            Ok(())
        })
    }

    fn open_reader(&self) -> StoreResult<Connection> {
        let connection = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        configure(&connection)?;
        // Each reader kept its own 2 MB page cache, filled by searches that read long
        // lists of postings: with the pool's readers that was 50 MB of the server's memory
        // under 16 searches at once (benches/load.sh). Pages the readers need again are in
        // the system's file cache; what the pages show is cached by the application.
        connection.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
        Ok(connection)
    }
}

/// Each reader's page cache, in KiB (as `PRAGMA cache_size` takes it: negative).
const READER_CACHE_KIB: i64 = -512;

/// Checks that `connection` holds a Redraft database this build can read.
fn redraft_schema(connection: &Connection, path: &Path) -> StoreResult<()> {
    let not_redraft = || StoreError::NotRedraft(path.to_owned());
    // A file that is not SQLite at all fails on its first read.
    let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|_| not_redraft())?;
    let tables: i64 = connection
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'texts', 'revisions')",
            [],
            |row| row.get(0),
        )
        .map_err(|_| not_redraft())?;
    if version < 1 || tables != 3 {
        return Err(not_redraft());
    }
    if version > migrations::KNOWN {
        return Err(StoreError::TooNew { found: version, known: migrations::KNOWN });
    }
    Ok(())
}

/// Copies the Redraft database at `source` to the new file `destination` with SQLite's
/// online backup, a consistent snapshot while a server keeps writing. The source is opened
/// read-only and never created; the copy is written beside its destination under a
/// temporary name and appears under its own only once complete, so that a failure leaves
/// nothing behind.
pub fn backup(source: &Path, destination: &Path) -> StoreResult<()> {
    if !source.is_file() {
        return Err(StoreError::Missing(source.to_owned()));
    }
    if destination.exists() {
        return Err(StoreError::Exists(destination.to_owned()));
    }
    let connection =
        Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    redraft_schema(&connection, source)?;
    let name = destination.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = destination.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let copied = copy_into(&connection, &partial).and_then(|()| {
        // A hard link never replaces an existing file, unlike a rename: a destination that
        // appeared meanwhile is kept.
        std::fs::hard_link(&partial, destination).map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::Exists(destination.to_owned()),
            _ => StoreError::Io(format!("cannot write {}: {error}", destination.display())),
        })
    });
    let _ = std::fs::remove_file(&partial);
    copied
}

fn copy_into(source: &Connection, path: &Path) -> StoreResult<()> {
    let _ = std::fs::remove_file(path);
    let mut target = Connection::open(path)?;
    {
        let backup = rusqlite::backup::Backup::new(source, &mut target)?;
        // All pages in one step, inside one read snapshot: copying in several steps would
        // restart each time a writer commits, and might never finish under steady writes.
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                // Busy or locked: another connection holds a lock for a moment; try again.
                _ => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    }
    drop(target);
    std::fs::File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|error| StoreError::Io(format!("cannot write {}: {error}", path.display())))
}

fn configure(connection: &Connection) -> StoreResult<()> {
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // Readers write nothing and the checkpointer syncs what it copies; the writer flushes
    // the log itself after each commit (see `writer`), outside SQLite's write lock.
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    connection.pragma_update(None, "temp_store", "MEMORY")?;
    // What a write removes (a ballot box's former value among others) is overwritten on the
    // pages it writes anyway, not left in free space for whoever reads the file later.
    connection.pragma_update(None, "secure_delete", "FAST")?;
    connection.set_prepared_statement_cache_capacity(64);
    // One plan per statement whatever its parameters: otherwise SQLite re-prepares a cached
    // statement after each use whose plan looked at a bound value (see the test below).
    connection.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// A poisoned lock only means another thread panicked while holding it; the connection
/// itself is intact (its transaction was rolled back when dropped).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Reads a column that must hold one of a closed set of names.
fn parse_name<T>(value: String, parse: impl Fn(&str) -> Option<T>, what: &str) -> rusqlite::Result<T> {
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown {what} {value:?}").into(),
        )
    })
}

/// Converts an SQLite integer that must fit a `u32` (line numbers, revision numbers).
fn as_u32(value: i64) -> rusqlite::Result<u32> {
    u32::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, value))
}

/// The current time in seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite marks a statement for re-preparing when the planner looked at a bound value,
    /// and clearing its bindings (which the statement cache does each time a statement goes
    /// back to it) then expires it: without the query planner stability guarantee, cached
    /// statements comparing a column with a parameter were parsed and planned again at
    /// each use, which halved the submissions a second served.
    #[test]
    fn cached_statements_are_not_prepared_again_at_each_use() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("r.db")).expect("open");
        const QUERY: &str = "SELECT count(*) FROM amendments a JOIN texts t ON t.id = a.text_id
                             WHERE a.id = ?1 AND a.state = ?2";
        let use_cached = |tx: &Connection, id: i64| -> StoreResult<i32> {
            let mut statement = tx.prepare_cached(QUERY)?;
            statement.query_row(rusqlite::params![id, "open"], |row| row.get::<_, i64>(0))?;
            Ok(statement.get_status(rusqlite::StatementStatus::RePrepare))
        };
        let mut read = 0;
        let mut written = 0;
        for id in 1..=5 {
            read = store.read(|tx| use_cached(tx, id)).expect("read");
            written = store.write(|tx| use_cached(tx, id)).expect("write");
        }
        assert_eq!((read, written), (0, 0), "statements from the cache were prepared again");
    }
}
