//! The one writer connection and its group commit: use cases that arrive together run one
//! after the other, each in its own savepoint of one transaction, and that transaction is
//! committed once for all of them. Each use case is answered only once its batch is on disk;
//! a use case that fails is rolled back to its savepoint and touches nothing the others
//! wrote.
//!
//! Who commits: the writer that finishes its work while no other waits for the connection,
//! or the one whose work makes the batch full or old. So a lone request commits at once, and
//! under load the requests that queued meanwhile form the next batch.
//!
//! On disk: a commit in WAL mode appends the batch to the write-ahead log; the log is then
//! flushed (`fdatasync`) before anyone of the batch is answered. This is what
//! `synchronous=FULL` does, with one difference that doubles the writes a disk allows: the
//! flush happens outside SQLite's write lock, so that the next batch runs and commits while
//! the disk flushes the previous one, and one flush covers every batch committed before it
//! began. A batch is durable once a flush that began after its commit has returned; its
//! writers are answered then, and an error of the flush is theirs.

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::{StoreError, StoreResult};

/// Use cases committed together at most: a bound on what one failed flush takes with it.
const MAX_BATCH: usize = 256;

/// The longest a batch stays open while writers keep arriving: a bound on the wait of the
/// first of them.
const MAX_BATCH_AGE: Duration = Duration::from_millis(10);

pub struct Writer {
    /// The connection and the open batch: held by the writer running its use case.
    state: Mutex<State>,
    /// Where the batches stand: held briefly, by the writers waiting for their batch to be
    /// on disk apart from the one running, so that waking them does not slow it. Taken
    /// after `state` when both are.
    progress: Mutex<Progress>,
    /// Signalled when a batch is on disk or failed.
    flushed: Condvar,
    /// Writers waiting for the connection.
    queued: AtomicUsize,
    /// The write-ahead log, to flush.
    log: PathBuf,
    /// Flushes of the log so far.
    flushes: AtomicU64,
    /// How much of the log the last flush that returned covers: what a power cut keeps.
    #[cfg(test)]
    log_bytes_on_disk: AtomicU64,
}

/// What a batch does last, in its transaction, before it commits.
pub type BeforeCommit = fn(&Connection) -> StoreResult<()>;

struct State {
    connection: Connection,
    before_commit: BeforeCommit,
    /// The open batch's transaction, if one is open.
    open: Option<Batch>,
    /// The number the next batch will have; batches count from 1.
    next: u64,
}

struct Progress {
    /// Every batch up to this one is committed to the log (or failed).
    committed: u64,
    /// Every batch up to this one that committed is on disk.
    durable: u64,
    /// A writer is flushing the log.
    flushing: bool,
    /// Batches committed and not yet on disk, with how many use cases each holds.
    unflushed: VecDeque<(u64, usize)>,
    /// Batches that failed, by number: kept until each of their writers has read why.
    failures: HashMap<u64, Failure>,
}

struct Failure {
    why: String,
    /// Writers of the batch that have not read it yet.
    unread: usize,
}

struct Batch {
    number: u64,
    writes: usize,
    began: Instant,
}

impl Writer {
    /// The writer on `connection`, a database in WAL mode at `path`; each batch runs
    /// `before_commit` after its use cases, and fails whole if it fails.
    pub fn new(connection: Connection, path: &Path, before_commit: BeforeCommit) -> Writer {
        let mut log = path.as_os_str().to_owned();
        log.push("-wal");
        Writer {
            state: Mutex::new(State { connection, before_commit, open: None, next: 1 }),
            progress: Mutex::new(Progress {
                committed: 0,
                durable: 0,
                flushing: false,
                unflushed: VecDeque::new(),
                failures: HashMap::new(),
            }),
            flushed: Condvar::new(),
            queued: AtomicUsize::new(0),
            log: PathBuf::from(log),
            flushes: AtomicU64::new(0),
            #[cfg(test)]
            log_bytes_on_disk: AtomicU64::new(0),
        }
    }

    /// Runs `work` as one use case: all of its writes or none, answered once on disk.
    pub fn write<T, E: From<StoreError>>(&self, work: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        self.queued.fetch_add(1, Ordering::SeqCst);
        let mut state = lock(&self.state);
        self.queued.fetch_sub(1, Ordering::SeqCst);
        let batch = state.begin()?;
        let outcome = state.in_savepoint(&self.progress, work);
        // A savepoint that could not be ended gave up the whole batch.
        let given_up = state.open.is_none();
        if let Some(open) = state.open.as_mut() {
            open.writes += 1;
        }
        let (outcome, panic) = match outcome {
            Ok(outcome) => (outcome, None),
            Err(panic) => (Err(StoreError::Corrupt("a use case panicked".to_owned()).into()), Some(panic)),
        };
        let batch_done = state.open.as_ref().is_some_and(|open| {
            self.queued.load(Ordering::SeqCst) == 0 || open.writes >= MAX_BATCH || open.began.elapsed() >= MAX_BATCH_AGE
        });
        if given_up || (batch_done && !state.commit(&self.progress)) {
            // The batch failed: its writers are waiting to be told.
            self.flushed.notify_all();
        }
        drop(state);
        // Even a refusal waits for its batch: it may have read what others of the batch
        // wrote, which only counts once on disk. Whoever finds their batch committed and no
        // flush running flushes: the committer first of all, so a commit wakes no one.
        let mut progress = lock(&self.progress);
        loop {
            if let Some(failure) = progress.failures.get_mut(&batch) {
                let why = failure.why.clone();
                failure.unread = failure.unread.saturating_sub(1);
                if failure.unread == 0 {
                    progress.failures.remove(&batch);
                }
                drop(progress);
                if let Some(panic) = panic {
                    resume_unwind(panic);
                }
                return Err(StoreError::Io(why).into());
            }
            if progress.durable >= batch {
                break;
            }
            if progress.committed >= batch && !progress.flushing {
                progress = self.flush(progress);
                continue;
            }
            progress = self.flushed.wait(progress).unwrap_or_else(PoisonError::into_inner);
        }
        drop(progress);
        if let Some(panic) = panic {
            resume_unwind(panic);
        }
        outcome
    }

    /// Flushes the log outside the lock, for every batch committed before the flush began.
    fn flush<'a>(&'a self, mut progress: MutexGuard<'a, Progress>) -> MutexGuard<'a, Progress> {
        progress.flushing = true;
        let through = progress.committed;
        // A batch counts as committed once its commit has appended it to the log: what the
        // log holds now covers every batch counted.
        #[cfg(test)]
        let covered = std::fs::metadata(&self.log).map(|log| log.len()).unwrap_or(0);
        drop(progress);
        let flushed = std::fs::File::open(&self.log).and_then(|log| log.sync_data());
        self.flushes.fetch_add(1, Ordering::SeqCst);
        #[cfg(test)]
        if flushed.is_ok() {
            self.log_bytes_on_disk.fetch_max(covered, Ordering::SeqCst);
        }
        let mut progress = lock(&self.progress);
        progress.flushing = false;
        let reached = progress.unflushed.iter().take_while(|(number, _)| *number <= through).count();
        let batches: Vec<(u64, usize)> = progress.unflushed.drain(..reached).collect();
        if let Err(error) = flushed {
            // Committed but perhaps not on disk: none of them may say it is.
            let why = format!("the database could not flush its log: {error}");
            for (number, writers) in batches {
                progress.failures.insert(number, Failure { why: why.clone(), unread: writers });
            }
        }
        progress.durable = progress.durable.max(through);
        self.flushed.notify_all();
        progress
    }
}

impl Writer {
    /// How many batches were opened so far: with the writes acknowledged, how much they
    /// were grouped.
    pub fn batches(&self) -> u64 {
        lock(&self.state).next - 1
    }

    /// How many times the log was flushed so far.
    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::SeqCst)
    }
}

impl State {
    /// The number of the open batch, opening one when none is.
    fn begin(&mut self) -> StoreResult<u64> {
        if let Some(open) = &self.open {
            return Ok(open.number);
        }
        self.run("BEGIN IMMEDIATE")?;
        let number = self.next;
        self.next += 1;
        self.open = Some(Batch { number, writes: 0, began: Instant::now() });
        Ok(number)
    }

    /// Runs `work` in a savepoint, released when it succeeds and rolled back when it fails
    /// or panics (the panic is handed back, to go on once the batch is settled).
    fn in_savepoint<T, E: From<StoreError>>(
        &mut self,
        progress: &Mutex<Progress>,
        work: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<Result<T, E>, Box<dyn std::any::Any + Send>> {
        if let Err(error) = self.run("SAVEPOINT use_case") {
            return Ok(Err(StoreError::from(error).into()));
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| work(&self.connection)));
        let ended = match &outcome {
            Ok(Ok(_)) => self.run("RELEASE use_case"),
            _ => self.run("ROLLBACK TO use_case").and_then(|()| self.run("RELEASE use_case")),
        };
        match (ended, outcome) {
            (Ok(()), outcome) => outcome,
            // A savepoint that cannot be ended leaves the batch in doubt: it fails whole.
            // This use case is not counted in the batch yet.
            (Err(error), Ok(_)) => {
                self.fail(progress, error.to_string(), 1);
                Ok(Err(StoreError::from(error).into()))
            }
            (Err(error), Err(panic)) => {
                self.fail(progress, error.to_string(), 1);
                Err(panic)
            }
        }
    }

    /// Runs one statement of the batch's transaction control, prepared once: they run once
    /// or twice per use case, under the writer's lock, and parsing them each time showed in
    /// profiles.
    fn run(&self, sql: &str) -> rusqlite::Result<()> {
        self.connection.prepare_cached(sql)?.execute([]).map(|_| ())
    }

    /// Commits the open batch: one flush for all of its use cases. Whether it committed;
    /// when not, it failed whole.
    fn commit(&mut self, progress: &Mutex<Progress>) -> bool {
        let Some(open) = self.open.take() else { return true };
        let committed = (self.before_commit)(&self.connection)
            .map_err(|error| error.to_string())
            .and_then(|()| self.run("COMMIT").map_err(|error| error.to_string()));
        match committed {
            Ok(()) => {
                let mut progress = lock(progress);
                progress.committed = open.number;
                progress.unflushed.push_back((open.number, open.writes));
                true
            }
            Err(error) => {
                self.open = Some(open);
                self.fail(progress, format!("the database could not write: {error}"), 0);
                false
            }
        }
    }

    /// Gives up the open batch: nothing of it is written, and its writers (those it counts,
    /// and `uncounted` more) are told why.
    fn fail(&mut self, progress: &Mutex<Progress>, why: String, uncounted: usize) {
        let Some(open) = self.open.take() else { return };
        // Rolling back can only fail when there is nothing left to roll back.
        let _ = self.connection.execute_batch("ROLLBACK");
        let mut progress = lock(progress);
        progress.failures.insert(open.number, Failure { why, unread: open.writes + uncounted });
        progress.committed = open.number;
    }
}

/// A poisoned lock only means a writer panicked while holding it; the state stays
/// consistent because every step above leaves it so before anything can panic.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    fn writer() -> (tempfile::TempDir, Arc<Writer>) {
        writer_flushing("w.db")
    }

    /// A writer on `w.db` that flushes the log of `flushed` (its own, or one that is not
    /// there, so that every flush fails).
    fn writer_flushing(flushed: &str) -> (tempfile::TempDir, Arc<Writer>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let connection = Connection::open(dir.path().join("w.db")).expect("open");
        connection.pragma_update(None, "journal_mode", "WAL").expect("wal");
        connection.pragma_update(None, "synchronous", "NORMAL").expect("normal");
        connection.execute_batch("CREATE TABLE notes (n INTEGER PRIMARY KEY)").expect("schema");
        let writer = Arc::new(Writer::new(connection, &dir.path().join(flushed), |_| Ok(())));
        (dir, writer)
    }

    fn count(writer: &Writer) -> i64 {
        writer
            .write(|c| Ok::<_, StoreError>(c.query_row("SELECT count(*) FROM notes", [], |row| row.get(0))?))
            .expect("count")
    }

    #[test]
    fn use_cases_that_arrive_together_share_a_flush_and_a_failure_touches_no_other() {
        let (_dir, writer) = writer();
        let writers = 12;
        let start = Arc::new(Barrier::new(writers));
        let threads: Vec<_> = (0..writers)
            .map(|n| {
                let (writer, start) = (Arc::clone(&writer), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    writer.write(|c| {
                        // Slow enough that the others queue behind it.
                        std::thread::sleep(Duration::from_millis(5));
                        c.execute("INSERT INTO notes (n) VALUES (?1)", [n as i64])?;
                        // Every third use case fails after writing: its write must vanish.
                        if n % 3 == 0 { Err(StoreError::Corrupt(format!("refused {n}"))) } else { Ok(n) }
                    })
                })
            })
            .collect();
        for (n, thread) in threads.into_iter().enumerate() {
            match thread.join().expect("no panic") {
                Ok(answered) => assert_eq!(answered, n),
                Err(StoreError::Corrupt(why)) => {
                    assert_eq!(n % 3, 0);
                    assert_eq!(why, format!("refused {n}"));
                }
                Err(other) => panic!("{n}: {other}"),
            }
        }
        let kept: Vec<i64> = {
            let state = lock(&writer.state);
            let mut statement = state.connection.prepare("SELECT n FROM notes ORDER BY n").expect("select");
            statement.query_map([], |row| row.get(0)).expect("rows").map(|n| n.expect("n")).collect()
        };
        assert_eq!(kept, (0..writers as i64).filter(|n| n % 3 != 0).collect::<Vec<_>>());
        assert!(writer.batches() < writers as u64, "{} batches for {writers} writers", writer.batches());
        assert!(writer.flushes() <= writer.batches(), "{} flushes for {} batches", writer.flushes(), writer.batches());
    }

    #[test]
    fn a_use_case_that_panics_is_rolled_back_and_the_others_commit() {
        let (_dir, writer) = writer();
        let panicking = Arc::clone(&writer);
        let thread = std::thread::spawn(move || {
            panicking.write(|c| -> Result<(), StoreError> {
                c.execute("INSERT INTO notes (n) VALUES (1)", []).expect("insert");
                panic!("a bug in a use case")
            })
        });
        assert!(thread.join().is_err(), "the panic goes on to its caller");
        writer.write(|c| Ok::<_, StoreError>(c.execute("INSERT INTO notes (n) VALUES (2)", [])?)).expect("write");
        assert_eq!(count(&writer), 1);
    }

    /// A power cut loses what the operating system had not flushed: here, every byte of the
    /// log past what the last returned flush covered. Each answered write must be in the
    /// database rebuilt from the file and the log cut there, at the moment it was answered.
    #[test]
    fn every_answered_write_survives_a_power_cut_at_the_moment_it_is_answered() {
        let (dir, writer) = writer();
        let writers = 8;
        let threads: Vec<_> = (0..writers)
            .map(|thread| {
                let (writer, dir) = (Arc::clone(&writer), dir.path().to_owned());
                std::thread::spawn(move || {
                    for round in 0..5 {
                        let n = thread * 100 + round;
                        writer
                            .write(|c| Ok::<_, StoreError>(c.execute("INSERT INTO notes (n) VALUES (?1)", [n])?))
                            .expect("write");
                        // The power goes now: the disk holds the log up to the last flush.
                        let on_disk = writer.log_bytes_on_disk.load(Ordering::SeqCst);
                        let image = dir.join(format!("cut-{n}"));
                        std::fs::create_dir(&image).expect("dir");
                        std::fs::copy(dir.join("w.db"), image.join("w.db")).expect("copy");
                        let log = std::fs::read(dir.join("w.db-wal")).expect("log");
                        let kept = log.get(..on_disk as usize).expect("the log never shrinks here");
                        std::fs::write(image.join("w.db-wal"), kept).expect("cut log");
                        let after = Connection::open(image.join("w.db")).expect("open the image");
                        let found: i64 = after
                            .query_row("SELECT count(*) FROM notes WHERE n = ?1", [n], |row| row.get(0))
                            .expect("read the image");
                        assert_eq!(found, 1, "write {n} was answered before it was on disk");
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("no lost write");
        }
    }

    #[test]
    fn a_failed_flush_fails_every_writer_of_its_batches_and_keeps_no_record_after() {
        // Its log is looked for beside another file: every flush fails.
        let (_dir, writer) = writer_flushing("elsewhere.db");
        let writers = 12;
        let start = Arc::new(Barrier::new(writers));
        let threads: Vec<_> = (0..writers)
            .map(|n| {
                let (writer, start) = (Arc::clone(&writer), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    writer.write(|c| Ok::<_, StoreError>(c.execute("INSERT INTO notes (n) VALUES (?1)", [n as i64])?))
                })
            })
            .collect();
        for thread in threads {
            match thread.join().expect("no panic") {
                Err(StoreError::Io(why)) => assert!(why.contains("flush"), "{why}"),
                other => panic!("a write not on disk was answered {other:?}"),
            }
        }
        let progress = lock(&writer.progress);
        assert!(progress.failures.is_empty(), "{} failure records left", progress.failures.len());
        assert!(progress.unflushed.is_empty());
    }

    #[test]
    fn a_lone_write_is_committed_at_once_and_on_disk_before_it_is_answered() {
        let (dir, writer) = writer();
        writer.write(|c| Ok::<_, StoreError>(c.execute("INSERT INTO notes (n) VALUES (7)", [])?)).expect("write");
        // Answered means the log was flushed after the commit.
        assert_eq!(writer.flushes(), 1);
        // Answered means committed: another connection sees it without any help.
        let other = Connection::open(dir.path().join("w.db")).expect("open");
        let seen: i64 = other.query_row("SELECT count(*) FROM notes", [], |row| row.get(0)).expect("count");
        assert_eq!(seen, 1);
        assert_eq!(writer.batches(), 1);
    }
}
