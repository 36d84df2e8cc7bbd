//! The use cases: each is one function that checks permission, applies the domain's rules
//! and reads or writes in one transaction.
//!
//! Invariant: no HTTP types here; callers get data or an [`ActionError`].

pub mod accounts;
pub mod amendments;
pub mod comments;
pub mod demo;
mod demo_data;
pub mod editorial;
pub mod exports;
pub mod fates;
pub mod feeds;
pub mod hall;
pub mod listing;
pub mod members;
pub mod merge;
pub mod news;
pub mod notifications;
pub mod pace;
pub mod questions;
pub mod search;
pub mod settings;
pub mod stats;
pub mod supports;
pub mod texts;
pub mod tokens;
pub mod topics;
pub mod votes;

use std::sync::Arc;

use crate::auth::{Keys, LoginLimiter, Permission, allows};
use crate::cache::Lru;
use crate::domain::change::{Change, delta_of};
use crate::domain::fields::FieldError;
use crate::domain::limits::LinesError;
use crate::domain::model::{
    Amendment, AmendmentSnapshot, Person, Revision, RevisionInfo, RevisionKind, Text, Timestamp, User,
};
use crate::domain::printed::{Layout, Printing};
use crate::domain::rebase::{Rebased, Rebaser};
use crate::domain::span::{Anchor, AnchorError, Span};
use crate::domain::{AmendmentState, Decision, Phase, Secrecy, Visibility};
use crate::domain::{limits, reconcile};
use crate::store::{self, Store, StoreError};

/// Everything the use cases work with: the database, the login limiter, and the caches of
/// immutable things read often.
pub struct Site {
    pub store: Store,
    pub login_limiter: LoginLimiter,
    /// Per-member rate limits, and whether limits apply at all.
    pub pace: pace::Pace,
    /// Notifications go out by email too (an SMTP server is configured).
    pub emailing: std::sync::atomic::AtomicBool,
    /// The site's public address (`--base-url`), when configured: what absolute links
    /// (emails, link previews, exports) use rather than the request's `Host`.
    pub base_url: std::sync::OnceLock<String>,
    /// What the server signs with, read from the database (or made there) on first use.
    keys: std::sync::OnceLock<Keys>,
    /// Revisions never change: each is read from the store once while it is in use.
    revisions: Lru<(i64, u32), Arc<Revision>>,
    /// How revisions are printed (rule 10), kept apart from the revisions, which leave
    /// the cache while lists still cite their printed lines.
    layouts: Lru<(i64, u32), Arc<Layout>>,
    /// Amendments and comments per line of a revision, for a given state of the text's
    /// amendments (comments bump it too).
    margins: Lru<(i64, u32, i64), Arc<Margin>>,
    /// A text's amendments in line order, for a given state of them and head: what every
    /// list, the review desk, the CSV and the API read, shared.
    amendments: Lru<(i64, i64, u32), TextAmendments>,
    /// Texts' participation figures, per state of their amendments and head, reader (member
    /// or not) and hour.
    pub(crate) stats: Lru<stats::StatsKey, Arc<stats::TextStats>>,
    /// The amendments competing with one, per state of its text's amendments and head:
    /// each costs a word reconciliation per neighbour, and every view of its page shows
    /// them.
    competitors: Lru<(i64, i64, u32, i64), Arc<Vec<amendments::Competitor>>>,
    /// The live views of texts, told of each change (the congress hall).
    pub hall: hall::Hall,
}

/// Memory for cached revisions: a few dozen of a congress-sized text.
const REVISION_CACHE_BYTES: usize = 12 << 20;
const MARGIN_CACHE_BYTES: usize = 2 << 20;
/// Memory for lists of competing amendments: a few thousand pages' worth.
const COMPETITOR_CACHE_BYTES: usize = 4 << 20;
/// Memory for printed layouts: a congress-sized revision's is 8 kB.
const LAYOUT_CACHE_BYTES: usize = 2 << 20;
/// Memory for the amendments of texts: a few congress-sized texts (3,000 amendments are
/// about 3 MB).
const AMENDMENT_CACHE_BYTES: usize = 12 << 20;
/// Memory for participation figures: a few dozen texts'.
const STATS_CACHE_BYTES: usize = 2 << 20;

impl Site {
    pub fn new(store: Store) -> Self {
        Site {
            store,
            login_limiter: LoginLimiter::default(),
            pace: pace::Pace::default(),
            emailing: std::sync::atomic::AtomicBool::new(false),
            base_url: std::sync::OnceLock::new(),
            keys: std::sync::OnceLock::new(),
            revisions: Lru::new(REVISION_CACHE_BYTES),
            layouts: Lru::new(LAYOUT_CACHE_BYTES),
            competitors: Lru::new(COMPETITOR_CACHE_BYTES),
            hall: hall::Hall::default(),
            margins: Lru::new(MARGIN_CACHE_BYTES),
            amendments: Lru::new(AMENDMENT_CACHE_BYTES),
            stats: Lru::new(STATS_CACHE_BYTES),
        }
    }

    /// Forgets what cached revisions say of people, after a member was renamed or deleted
    /// (lists follow through the texts' amendment versions, which the same change bumps).
    pub(crate) fn forget_people(&self) {
        self.revisions.clear();
    }

    /// The server's signing keys, from the secret in the database, made there the first
    /// time: every server on one database signs alike, and a restart keeps what was signed.
    pub fn keys(&self) -> ActionResult<&Keys> {
        if let Some(keys) = self.keys.get() {
            return Ok(keys);
        }
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|error| ActionError::Internal(format!("no randomness: {error}")))?;
        let secret =
            self.store.write(|tx| Ok::<_, ActionError>(store::setting_or_insert(tx, "server_secret", &fresh)?))?;
        Ok(self.keys.get_or_init(|| Keys::new(secret)))
    }

    /// A revision of a text, as a read sees it: kept in the cache. Only from a read
    /// transaction, which sees committed revisions alone: a cached revision must be one no
    /// rollback can undo, since later revisions are stored as deltas from it.
    pub fn revision(&self, tx: &rusqlite::Connection, text_id: i64, number: u32) -> ActionResult<Arc<Revision>> {
        self.revisions.get_or_insert_with((text_id, number), || {
            let known = |number| self.revisions.get(&(text_id, number));
            let revision = store::revision(tx, text_id, number, known)?.ok_or(ActionError::NotFound)?;
            let bytes = revision_bytes(&revision);
            Ok((Arc::new(revision), bytes))
        })
    }

    /// A revision of a text, as a write sees it. A write's transaction may hold revisions
    /// that earlier use cases of its batch wrote and that a failed commit takes back:
    /// caching one would later serve lines that never were, and store deltas against them.
    /// So a revision is kept only when a read transaction, which sees committed revisions
    /// alone, finds it too; one written in this batch is read from `tx` and not kept.
    pub fn revision_in_write(
        &self,
        tx: &rusqlite::Connection,
        text_id: i64,
        number: u32,
    ) -> ActionResult<Arc<Revision>> {
        if let Some(revision) = self.revisions.get(&(text_id, number)) {
            return Ok(revision);
        }
        match self.store.read(|reader| self.revision(reader, text_id, number)) {
            Err(ActionError::NotFound) => {}
            committed => return committed,
        }
        let known = |number| self.revisions.get(&(text_id, number));
        Ok(Arc::new(store::revision(tx, text_id, number, known)?.ok_or(ActionError::NotFound)?))
    }

    /// How revision `number` of a text is printed (rule 10): its printed lines, which
    /// never change. Only from a read transaction, as [`Site::revision`].
    pub fn layout(&self, tx: &rusqlite::Connection, text_id: i64, number: u32) -> ActionResult<Arc<Layout>> {
        self.layouts.get_or_insert_with((text_id, number), || {
            let layout = Arc::clone(self.revision(tx, text_id, number)?.layout());
            let bytes = layout.bytes();
            Ok((layout, bytes))
        })
    }

    /// The open and accepted amendments on the head competing with `amendment` for its
    /// words (rule 9), the most far-reaching first, as of its text's amendments and head
    /// (a vote or co-signature changes the state, so their counts are never stale).
    pub(crate) fn competitors(
        &self,
        tx: &rusqlite::Connection,
        text: &Text,
        head: &Revision,
        amendment: &Amendment,
    ) -> ActionResult<Arc<Vec<amendments::Competitor>>> {
        let key = (text.id, text.amendments_version, text.head, amendment.id);
        self.competitors.get_or_insert_with(key, || {
            let found = amendments::competing(tx, text, head, amendment)?;
            let bytes = 64
                + found
                    .iter()
                    .map(|c| 256 + c.amendment.new_lines.iter().map(String::len).sum::<usize>())
                    .sum::<usize>();
            Ok((Arc::new(found), bytes))
        })
    }

    /// Keeps a revision just written, once its transaction has committed: the next request
    /// on the text needs it, and it need not be read back.
    pub(crate) fn remember(&self, text_id: i64, revision: Revision) {
        let bytes = revision_bytes(&revision);
        self.revisions.insert((text_id, revision.info.number), Arc::new(revision), bytes);
    }

    /// How many amendments and comments sit on each line of a revision, as the text's
    /// amendments and comments stand. A revision's comments are those that follow the head
    /// on the head, and those left on it (their paragraph rewritten after it) on another.
    pub fn margin(&self, tx: &rusqlite::Connection, text: &Text, revision: &Revision) -> ActionResult<Arc<Margin>> {
        let number = revision.info.number;
        self.margins.get_or_insert_with((text.id, number, text.amendments_version), || {
            let mut per_line = vec![0u32; revision.lines.len()];
            for (_, _, anchor) in store::anchors_on(tx, text.id, number, COUNTED_IN_MARGIN)? {
                // An insertion sits on the line it goes before (the last line when it appends).
                let first = (anchor.start as usize).saturating_sub(1).min(per_line.len().saturating_sub(1));
                let last = first + (anchor.count as usize).max(1);
                for count in per_line.iter_mut().take(last).skip(first) {
                    *count += 1;
                }
            }
            let mut comments = vec![0u32; revision.lines.len()];
            let stored = if number == text.head { 0 } else { number };
            for (line, count) in store::comments_per_line(tx, text.id, stored)? {
                if let Some(slot) = comments.get_mut((line as usize).wrapping_sub(1)) {
                    *slot += count;
                }
            }
            let bytes = per_line.len() * 8 + 64;
            Ok((Arc::new(Margin { amendments: per_line, comments }), bytes))
        })
    }
}

/// What a revision's margin counts, line by line (index 0 is line 1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Margin {
    pub amendments: Vec<u32>,
    pub comments: Vec<u32>,
}

/// Every amendment of a text, each shared (see [`Site::amendments`]).
pub type TextAmendments = Arc<Vec<Arc<Amendment>>>;

impl Site {
    /// Every amendment of a text in line order: those on the head by their anchor, then the
    /// outdated ones, newest revision first. Read once per state of the text's amendments
    /// (`amendments_version`) and head; `text` must have been read in `tx`, a read
    /// transaction: what a write has not committed yet must never be kept.
    pub fn amendments(&self, tx: &rusqlite::Connection, text: &Text) -> ActionResult<TextAmendments> {
        self.amendments.get_or_insert_with((text.id, text.amendments_version, text.head), || {
            let mut all = store::amendments_of_text(tx, text.id)?;
            all.sort_by_key(|a| {
                let anchor = a.anchor;
                (anchor.revision != text.head, std::cmp::Reverse(anchor.revision), anchor.start, anchor.count, a.number)
            });
            let bytes = all.iter().map(amendment_bytes).sum::<usize>() + 64;
            // Each shared, so that a page listing thousands copies none of them.
            Ok((Arc::new(all.into_iter().map(Arc::new).collect()), bytes))
        })
    }
}

/// About how much memory an amendment takes.
fn amendment_bytes(amendment: &Amendment) -> usize {
    let lines = |lines: &[String]| lines.iter().map(|line| line.len() + std::mem::size_of::<String>()).sum::<usize>();
    std::mem::size_of::<Amendment>()
        + lines(&amendment.new_lines)
        + amendment.decided_lines.as_deref().map_or(0, lines)
        + amendment.summary.len()
        + amendment.rationale.len()
        + amendment.reference.len()
        + amendment.author.name.len()
}

/// Amendments counted in the margin: the ones still in play on that revision.
const COUNTED_IN_MARGIN: &[AmendmentState] =
    &[AmendmentState::Open, AmendmentState::Accepted, AmendmentState::Outdated];

/// About how much memory a revision takes.
fn revision_bytes(revision: &Revision) -> usize {
    let lines: usize = revision.lines.iter().map(|line| line.len() + std::mem::size_of::<String>()).sum();
    lines + revision.provenance.len() * std::mem::size_of::<crate::domain::provenance::Origin>() + 256
}

/// Who is asking: a user, or `None` for an anonymous reader.
pub type Viewer<'a> = Option<&'a User>;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// Unknown, or hidden from this viewer (members-only texts answer the same).
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("invalid: {0:?}")]
    Invalid(Invalid),
    #[error("too large: {0}")]
    TooLarge(LinesError),
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("wrong login or password")]
    WrongCredentials,
    #[error("too many attempts")]
    RateLimited,
    /// A member acts faster than the limits allow (`pace`): the next act is allowed after
    /// `wait_seconds`.
    #[error("too fast: wait {wait_seconds} s")]
    TooFast { kind: pace::Paced, wait_seconds: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal: {0}")]
    Internal(String),
}

/// Well-formed requests that break a rule (HTTP 422).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Field(FieldError),
    Anchor(AnchorError),
    /// The revision an anchor or edit names does not exist.
    UnknownRevision(u32),
    /// An amendment whose proposal equals the anchored lines, or an edit that changes nothing.
    NoChange,
    /// A text needs at least one line.
    EmptyText,
    /// A merge needs at least one amendment, each once.
    NothingToMerge,
    /// A merge names more amendments than one merge may take.
    TooManyToMerge {
        max: usize,
    },
    /// A merge that would leave the text without a single line.
    MergeEmptiesText,
    /// A range of revisions that ends before it starts.
    RevisionRange {
        from: u32,
        to: u32,
    },
    /// A range of revisions longer than one export follows.
    TooManyRevisions {
        max: u32,
    },
    DuplicateAmendment(String),
    /// An amendment named in a merge that belongs to another text.
    ForeignAmendment(i64),
    /// A line (1-based) of a body or proposal holds a control character.
    ControlCharacter {
        line: usize,
    },
    /// A submission key already answered a request with other content.
    SubmissionKeyReused,
    /// No topic has this slug.
    UnknownTopic(String),
    /// An API token's label is too long or holds a control character.
    TokenLabel {
        max: usize,
    },
    /// An API token's lifetime, in days, is out of bounds.
    TokenLifetime {
        min: u32,
        max: u32,
    },
    /// A deadline given with a phase other than consultation.
    DeadlineOutsideConsultation,
    /// A deadline that has already come.
    DeadlinePassed,
    /// A deadline further ahead than a consultation may last.
    DeadlineTooFar {
        max_days: i64,
    },
    /// An author co-signing their own amendment.
    OwnAmendment,
    /// More co-signers asked for than a text may ask.
    MinSupporters {
        max: u32,
    },
    /// A comment placed on a paragraph and an amendment at once, or a reply that names a
    /// place of its own (it takes its parent's).
    CommentPlace,
    /// A comment on a paragraph the head does not have.
    NoSuchParagraph {
        line: u32,
        count: u32,
    },
    /// A reply to a reply: threads have one level.
    ReplyToReply,
    /// Two choices of a question read alike.
    ChoicesAlike,
    /// A question offers `min` to `max` choices.
    ChoiceCount {
        min: usize,
        max: usize,
    },
    /// An answer naming a choice the question does not offer (it has `count`).
    UnknownChoice {
        count: usize,
    },
    /// A search query the index cannot take (too long, too many words, too short a prefix).
    SearchQuery(crate::domain::search::QueryError),
    /// A limit of open amendments per member out of bounds.
    MaxOpenPerMember {
        max: u32,
    },
    /// An amendment in a bulk merge of editorial amendments that is not marked editorial.
    NotEditorial(String),
    /// A partial adoption naming a change the amendment does not have.
    UnknownHunk {
        index: usize,
        count: usize,
    },
    /// A printed line width out of bounds (rule 10).
    PrintedWidth {
        min: u32,
        max: u32,
    },
    /// A member list with bad rows, each with its line (nothing imported).
    Roster(crate::domain::roster::RosterError),
}

/// Requests refused because of the current state (HTTP 409).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// A full-text edit based on a revision that is no longer the head.
    Edit(Box<EditConflict>),
    /// The head moved since the request's base.
    HeadMoved {
        head: u32,
    },
    /// Amendments of a merge that cannot be applied together.
    Collisions(Vec<CollisionReport>),
    /// The lines an amendment anchors were changed since its base revision.
    AnchorTouched {
        base: u32,
        head: u32,
    },
    /// The action is closed in the text's phase.
    PhaseClosed(Phase),
    /// The amendment's state does not allow the action.
    AmendmentState {
        reference: String,
        state: AmendmentState,
    },
    /// A rejected amendment decided on an older revision: its author must re-anchor it.
    NotOnHead {
        reference: String,
        revision: u32,
    },
    SlugTaken,
    /// A topic already has this slug.
    TopicTaken,
    /// An amendment with fewer co-signers than its text asks for, which cannot be accepted.
    QuorumNotReached {
        reference: String,
        supporters: u32,
        needed: u32,
    },
    LoginTaken,
    /// Votes were cast on the text: they stay as secret or as open as they were cast.
    VotesCast {
        votes: Secrecy,
    },
    /// A secret vote needs the member's ballot key, which this session or token (opened
    /// before ballot keys existed) does not hold.
    NoBallotKey,
    /// The member's vote was filed under their former password's ballot key: it counts,
    /// and cannot be changed.
    BallotSealed {
        reference: String,
    },
    /// The comment was deleted or hidden: it can no longer be edited or replied to.
    CommentClosed,
    /// Rule 8b: what the request acts on changed since the version its author saw.
    Stale(Box<Stale>),
    /// The author already proposed exactly this change, with another summary or rationale.
    DuplicateProposal {
        id: i64,
        reference: String,
    },
    /// The change would leave no active admin.
    LastAdmin,
    /// The account is deactivated.
    MemberInactive,
    /// The invitation link is past its expiry.
    InvitationExpired,
    /// Logging in to an account an admin deactivated.
    AccountDeactivated,
    /// Answering a question past its deadline.
    QuestionClosed,
    /// The member already has the most open amendments the text allows.
    TooManyOpen {
        max: u32,
    },
}

/// What changed since the version someone saw (rule 8b).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    Amendment(Box<StaleAmendment>),
    /// The text: its head or its phase moved.
    Text {
        slug: String,
        head: u32,
        phase: Phase,
    },
}

/// An amendment as it stands, and as it stood at the version seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleAmendment {
    pub current: Amendment,
    /// The lines its current anchor covers.
    pub anchored_lines: Vec<String>,
    pub seen: i64,
    /// The amendment at the version seen, when that version is one it had.
    pub seen_snapshot: Option<AmendmentSnapshot>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditConflict {
    pub base: u32,
    pub head: u32,
    /// The head as it stands (its lines are the other version).
    pub head_revision: Arc<Revision>,
    pub your_lines: Vec<String>,
    /// The new title sent, if any.
    pub your_title: Option<String>,
    pub summary: String,
}

/// Two amendments of a merge that collide, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollisionReport {
    pub first: CollidingAmendment,
    pub second: CollidingAmendment,
    /// One inserts inside the lines the other replaces (otherwise their lines overlap).
    pub insertion_inside: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollidingAmendment {
    pub id: i64,
    pub reference: String,
    pub anchor: Anchor,
}

impl From<FieldError> for ActionError {
    fn from(error: FieldError) -> Self {
        ActionError::Invalid(Invalid::Field(error))
    }
}

impl From<AnchorError> for ActionError {
    fn from(error: AnchorError) -> Self {
        ActionError::Invalid(Invalid::Anchor(error))
    }
}

impl From<LinesError> for ActionError {
    /// Lines over a bound are too large (413); a control character is no question of size
    /// but a rule the lines break (422).
    fn from(error: LinesError) -> Self {
        match error {
            LinesError::ControlCharacter { line } => ActionError::Invalid(Invalid::ControlCharacter { line }),
            other => ActionError::TooLarge(other),
        }
    }
}

impl From<Conflict> for ActionError {
    fn from(conflict: Conflict) -> Self {
        ActionError::Conflict(conflict)
    }
}

impl From<Invalid> for ActionError {
    fn from(invalid: Invalid) -> Self {
        ActionError::Invalid(invalid)
    }
}

pub type ActionResult<T> = Result<T, ActionError>;

/// A request that may arrive twice (a double tap, a network retry): the key it carries and
/// a fingerprint of what it sent. The first answer under a key is remembered; a repeat with
/// the same content gets it back, and creates nothing (rule 8b).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub key: String,
    pub fingerprint: Vec<u8>,
}

/// How a request acts: on the version of the thing its author saw (rule 8b, `None` when
/// the client did not say), and at most once per submission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Acting {
    pub seen: Option<Seen>,
    pub once: Option<Submission>,
}

/// The versions of an amendment a client says it acts on: the one a form carried, or any of
/// those an `If-Match` lists (RFC 9110 §13.1.1: the action goes ahead when one is current).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen(Vec<i64>);

impl Seen {
    pub fn one(version: i64) -> Seen {
        Seen(vec![version])
    }

    /// Any of `versions`; none at all (tags of other resources, weak tags) admits nothing.
    pub fn any_of(versions: Vec<i64>) -> Seen {
        Seen(versions)
    }

    pub fn admits(&self, version: i64) -> bool {
        self.0.contains(&version)
    }

    /// The newest version named, whose wording a refusal compares with; 0 (no version an
    /// amendment has) when none is.
    pub fn latest(&self) -> i64 {
        self.0.iter().copied().max().unwrap_or(0)
    }
}

/// What a use case that changes something answers, and whether it did it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done<T> {
    pub value: T,
    pub freshness: Freshness,
}

impl<T> Done<T> {
    pub fn new(value: T) -> Self {
        Done { value, freshness: Freshness::New }
    }

    pub fn repeated(value: T) -> Self {
        Done { value, freshness: Freshness::Repeated }
    }
}

/// The version of a text a client says it saw (the API's `If-Match`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSeen {
    Version {
        head: u32,
        phase: Phase,
        /// The consultation's deadline then: only a phase move compares it.
        deadline: Option<Timestamp>,
    },
    /// A version this text never had (another resource's tag, a weak one).
    Other,
}

/// Whether a use case did what was asked now, or had done it already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Done by this request.
    New,
    /// A repeat of a submission already answered: its first answer.
    Repeated,
    /// Nothing to do: it was there already (an identical open proposal).
    AlreadyThere,
}

/// Runs an act the member's pace limits (`pace`): one is taken from their bucket first
/// (`TooFast` when it is empty), and given back when the act is refused.
fn paced<T>(site: &Site, member: &User, kind: pace::Paced, act: impl FnOnce() -> ActionResult<T>) -> ActionResult<T> {
    site.pace.take(member, kind).map_err(|wait| ActionError::TooFast { kind, wait_seconds: wait.as_secs().max(1) })?;
    let done = act();
    if done.is_err() {
        site.pace.give_back(member, kind);
    }
    done
}

/// What the first submission under this key created, if it came before. The same key with
/// other content is refused.
fn answered(tx: &rusqlite::Connection, user: &User, once: Option<&Submission>) -> ActionResult<Option<String>> {
    let Some(once) = once else { return Ok(None) };
    match store::submission(tx, user.id, &once.key)? {
        Some((fingerprint, outcome)) if fingerprint == once.fingerprint => Ok(Some(outcome)),
        Some(_) => Err(Invalid::SubmissionKeyReused.into()),
        None => Ok(None),
    }
}

/// Remembers, in the use case's transaction, what this submission created.
fn remember_submission(
    tx: &rusqlite::Connection,
    user: &User,
    once: Option<&Submission>,
    outcome: &str,
    now: Timestamp,
) -> ActionResult<()> {
    if let Some(once) = once {
        store::insert_submission(tx, user.id, &once.key, &once.fingerprint, outcome, now)?;
    }
    Ok(())
}

/// Refuses to act on an amendment that changed since the version `seen` (rule 8b), showing
/// it as it was then and as it is.
fn check_seen(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    amendment: &Amendment,
    seen: Option<&Seen>,
) -> ActionResult<()> {
    let Some(seen) = seen else { return Ok(()) };
    if seen.admits(amendment.version) {
        return Ok(());
    }
    let seen = seen.latest();
    let revision = texts::revision_in_write(site, tx, text, amendment.anchor.revision)?;
    let anchored_lines = amendments::anchored(&revision, amendment.anchor);
    let seen_snapshot = store::snapshot_at(tx, amendment.id, seen)?;
    Err(Conflict::Stale(Box::new(Stale::Amendment(Box::new(StaleAmendment {
        current: amendment.clone(),
        anchored_lines,
        seen,
        seen_snapshot,
    }))))
    .into())
}

/// Checks a permission: 401 for an anonymous viewer, 403 for a user without it.
pub fn require(viewer: Viewer<'_>, permission: Permission) -> ActionResult<&User> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    if allows(Some(user.role), permission) { Ok(user) } else { Err(ActionError::Forbidden) }
}

/// Whether the viewer may read the text at all.
pub fn may_read(viewer: Viewer<'_>, text: &Text) -> bool {
    text.visibility == Visibility::Public || allows(viewer.map(|user| user.role), Permission::ReadMembersTexts)
}

/// The text with this slug, if the viewer may read it; 404 otherwise, so that a
/// members-only text is indistinguishable from a missing one.
pub fn visible_text(tx: &rusqlite::Connection, viewer: Viewer<'_>, slug: &str) -> ActionResult<Text> {
    match store::text_by_slug(tx, slug)? {
        Some(text) if may_read(viewer, &text) => Ok(text),
        _ => Err(ActionError::NotFound),
    }
}

/// Refuses an action that the text's phase closes.
pub fn require_phase(text: &Text, open_in: &[Phase]) -> ActionResult<()> {
    if open_in.contains(&text.phase) { Ok(()) } else { Err(Conflict::PhaseClosed(text.phase).into()) }
}

/// Phases in which members propose and edit amendments.
pub const PROPOSING: &[Phase] = &[Phase::Consultation];
/// Phases in which drafters decide and merge.
pub const DECIDING: &[Phase] = &[Phase::Consultation, Phase::Review];
/// Phases in which members comment: the consultation, and the review that follows it.
pub const COMMENTING: &[Phase] = &[Phase::Consultation, Phase::Review];
/// Phases in which the text itself may still change.
pub const EDITING: &[Phase] = &[Phase::Drafting, Phase::Consultation, Phase::Review];

/// A revision about to be written: what the use case decided.
pub struct RevisionDraft {
    pub number: u32,
    pub kind: RevisionKind,
    pub lines: Vec<String>,
    pub provenance: Vec<crate::domain::provenance::Origin>,
    pub changes: Vec<Change>,
    pub summary: String,
    /// The text's title in this revision.
    pub title: String,
}

/// Every this many revisions one is stored whole, so that rebuilding any revision from
/// the store applies fewer deltas than this.
const WHOLE_EVERY: u32 = 16;

/// Writes a revision of a text and returns it as readers will see it, for the caller to
/// [`Site::remember`] once the transaction has committed. Given its `parent`, it is stored
/// as the lines its changes add to it, unless it is due to be stored whole or its changes
/// rewrote most of the text.
pub fn write_revision(
    tx: &rusqlite::Connection,
    text_id: i64,
    author: &User,
    parent: Option<&Revision>,
    draft: RevisionDraft,
    now: Timestamp,
) -> ActionResult<Revision> {
    let delta = parent
        .filter(|_| draft.number % WHOLE_EVERY != 1)
        .and_then(|parent| delta_of(&parent.lines, &draft.changes, &draft.lines))
        .filter(|added| added.len() < draft.lines.len() / 2);
    let new = store::NewRevision {
        number: draft.number,
        kind: draft.kind,
        lines: &draft.lines,
        delta,
        provenance: &draft.provenance,
        changes: &draft.changes,
        author_id: author.id,
        summary: &draft.summary,
        title: &draft.title,
        printing: Printing::current(store::printed_width(tx, text_id)?),
    };
    let printing = new.printing;
    store::insert_revision(tx, text_id, &new, now)?;
    search::index_head(
        tx,
        text_id,
        parent.map(|parent| (parent.info.number, parent.lines.as_slice(), parent.info.title.as_str())),
        (draft.number, &draft.lines, &draft.title),
        &draft.changes,
    )?;
    let info = RevisionInfo {
        number: draft.number,
        title: draft.title,
        author: Person::from(author),
        summary: draft.summary,
        kind: draft.kind,
        line_count: u32::try_from(draft.lines.len()).unwrap_or(u32::MAX),
        created_at: now,
        printing,
    };
    Ok(Revision::new(info, draft.lines, draft.provenance, draft.changes))
}

/// What the rebase of a merge did: how many amendments follow the new head, how many it
/// marked outdated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RebaseOutcome {
    pub moved: usize,
    pub outdated: usize,
}

/// Rule 5: carries every open or accepted amendment anchored on `from` (the head, before
/// it moves to `to`) across `changes`, or marks it outdated when a change touched it; and
/// the comments on its paragraphs the same way, a comment whose paragraph a change
/// rewrote or removed staying on `from`, where it was written about.
/// Merges and full-text edits both move the head through here, before setting the new
/// head. The touched ones are marked one by one; the others shift by ranges of start lines,
/// one statement per gap between changes, however many amendments there are. Returns how
/// many it marked outdated.
pub fn rebase_following(
    tx: &rusqlite::Connection,
    text_id: i64,
    (from, to): (u32, u32),
    (old_lines, new_lines): (&[String], &[String]),
    changes: &[Change],
    now: Timestamp,
) -> ActionResult<usize> {
    let rebaser = Rebaser::new(changes);
    // Only anchors near the changed lines can be touched: the others are not read.
    let changed = changes.iter().map(|change| change.old).reduce(|a, b| {
        let start = a.start.min(b.start);
        Span::new(start, a.end().max(b.end()) - start)
    });
    let changed_lines = changed.map(|span| (as_line(span.start + 1), as_line(span.end())));
    let near = match changed_lines {
        Some(lines) => store::following_anchors_near(tx, text_id, from, lines)?,
        None => Vec::new(),
    };
    let commented = match changed_lines {
        Some(lines) => store::following_comments_on(tx, text_id, lines)?,
        None => Vec::new(),
    };
    for (id, line) in commented {
        let paragraph = Span::new((line as usize).saturating_sub(1), 1);
        if rebaser.rebase(paragraph) == Rebased::Touched {
            store::pin_comment(tx, id, from)?;
        }
    }
    let mut outdated = 0;
    let mut rewritten = Vec::new();
    for (id, anchor) in &near {
        // Anchors were checked against `from` when written; a stored one that no longer
        // fits is treated like a touched one rather than trusted.
        let span = match anchor.span_in(old_lines.len()) {
            Ok(span) if rebaser.rebase(span) == Rebased::Touched => span,
            Ok(_) => continue,
            Err(_) => {
                store::set_state(tx, *id, AmendmentState::Outdated, now)?;
                store::insert_event(tx, *id, Decision::Outdated, None, "", Some(to), now)?;
                outdated += 1;
                continue;
            }
        };
        // Rule 9: the changes and the amendment may change different words of the same
        // lines; only overlapping words outdate it.
        match rewrite_words(tx, *id, span, rebaser.passage(span), (old_lines, new_lines))? {
            Some(words) => rewritten.push(words),
            None => {
                store::set_state(tx, *id, AmendmentState::Outdated, now)?;
                store::insert_event(tx, *id, Decision::Outdated, None, "", Some(to), now)?;
                outdated += 1;
            }
        }
    }
    // The others follow the head where they are (the store reads "the head" for them), so
    // only those with lines added or removed before them are written.
    let shifts: Vec<store::StartShift> = rebaser
        .shift_ranges()
        .into_iter()
        .filter(|range| range.shift != 0)
        .map(|range| store::StartShift {
            starts: (as_line(range.from + 1), range.to.map(|to| as_line(to + 1))),
            shift: range.shift as i64,
        })
        .collect();
    store::shift_following(tx, text_id, &shifts, now)?;
    store::shift_following_comments(tx, text_id, &shifts)?;
    // Written once the shifts are done: their anchors are already on `to`.
    for rewrite in rewritten {
        let words = store::RebasedWords {
            revision: to,
            start: as_line(rewrite.span.start + 1),
            count: as_line(rewrite.span.count),
            new_lines: &rewrite.proposal,
            decided_lines: rewrite.decided.as_deref(),
        };
        store::record_rebase(tx, rewrite.id, &words, now)?;
        if let Some(amendment) = store::amendment(tx, rewrite.id)? {
            search::index_amendment(tx, &amendment)?;
        }
    }
    Ok(outdated)
}

/// An amendment rewritten word by word onto the new revision (rule 9): its new span there,
/// its proposal and its drafter's lines.
struct Rewrite {
    id: i64,
    span: Span,
    proposal: Vec<String>,
    decided: Option<Vec<String>>,
}

/// An amendment's words carried over the changes that touched its anchor `span` (rule 9);
/// `None` when
/// their words overlap, when the new revision already says what it changed, or when the
/// rewritten lines would break an amendment's limits.
fn rewrite_words(
    tx: &rusqlite::Connection,
    id: i64,
    span: Span,
    passage: (Span, Span),
    (old_lines, new_lines): (&[String], &[String]),
) -> ActionResult<Option<Rewrite>> {
    let Some(amendment) = store::amendment(tx, id)? else { return Ok(None) };
    let mut rewrites: Vec<&[String]> = vec![&amendment.new_lines];
    if let Some(decided) = &amendment.decided_lines {
        rewrites.push(decided);
    }
    let Some((new_span, mut lines)) = reconcile::rebase_amendment(old_lines, new_lines, span, passage, &rewrites)
    else {
        return Ok(None);
    };
    if lines.iter().any(|rewrite| limits::check_proposal(rewrite, rewrite).is_err()) {
        return Ok(None);
    }
    let decided = (lines.len() > 1).then(|| lines.pop()).flatten();
    let proposal = lines.pop().unwrap_or_default();
    Ok(Some(Rewrite { id, span: new_span, proposal, decided }))
}

/// A 1-based line number as stored (line numbers never exceed a revision's bounds).
fn as_line(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::accounts::{self, NewAccount};
    use crate::actions::texts::{self, NewText, TextEdit};
    use crate::domain::change::diff_lines;
    use crate::domain::{Role, provenance};

    /// Later revisions are stored as deltas from cached ones: a revision that a rollback
    /// took back must never be served, nor be the parent of a delta.
    #[test]
    fn a_revision_read_in_a_write_that_is_rolled_back_never_enters_the_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site::new(store::Store::open(&dir.path().join("r.db")).expect("store"));
        let account = NewAccount {
            login: "redaction",
            name: "Rédaction",
            role: Role::Drafter,
            password: "correct horse",
            email: "",
        };
        let drafter = accounts::add_user(&site, &account).expect("user");
        let new = NewText {
            slug: "programme",
            title: "Programme",
            body: "Préambule\nArticle 1",
            summary: "",
            visibility: Visibility::Public,
            phase: Phase::Consultation,
            topic: None,
        };
        let text = texts::publish_text(&site, Some(&drafter), &new, &Acting::default()).expect("publish").value;

        // A use case writes revision 2, reads it as a later use case of its batch would, and
        // fails: its savepoint is rolled back.
        let failed: ActionResult<()> = site.store.write(|tx| {
            let head = site.revision_in_write(tx, text.id, 1)?;
            let mut lines = head.lines.clone();
            lines.push("Article 2".to_owned());
            let changes = diff_lines(&head.lines, &lines);
            let draft = RevisionDraft {
                number: 2,
                kind: RevisionKind::Edited,
                provenance: provenance::after_edit(&head.provenance, &changes, lines.len(), 2),
                lines,
                changes,
                summary: String::new(),
                title: "Programme".to_owned(),
            };
            write_revision(tx, text.id, &drafter, Some(&head), draft, store::now())?;
            store::set_head(tx, text.id, 2, "Programme", store::now())?;
            assert_eq!(site.revision_in_write(tx, text.id, 2)?.lines.len(), 3);
            Err(ActionError::NotFound)
        });
        assert!(failed.is_err());
        assert!(site.revisions.get(&(text.id, 2)).is_none(), "a revision rolled back is cached");

        let edit = TextEdit { base: 1, body: "Préambule\nArticle premier", summary: "", title: None, seen: None };
        texts::edit_text(&site, Some(&drafter), "programme", &edit, &Acting::default()).expect("edit");
        let fresh = Site::new(store::Store::open(&dir.path().join("r.db")).expect("store"));
        let read = fresh.store.read(|tx| fresh.revision(tx, text.id, 2)).expect("revision 2");
        assert_eq!(read.lines, ["Préambule", "Article premier"]);

        // A committed revision that a write reads is kept: writes after a restart do not
        // rebuild it each time.
        let restarted = Site::new(store::Store::open(&dir.path().join("r.db")).expect("store"));
        let head: ActionResult<_> = restarted.store.write(|tx| restarted.revision_in_write(tx, text.id, 2));
        assert_eq!(head.expect("head").lines, read.lines);
        assert!(restarted.revisions.get(&(text.id, 2)).is_some());
    }
}
