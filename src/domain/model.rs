//! The records Redraft keeps: users, texts, revisions, amendments and their history, as the
//! store reads them and the actions and views use them.

use super::amendment::{AmendmentState, Decision, Phase, Role, Secrecy, Tally, Visibility};
use super::change::Change;
use super::provenance::Origin;
use std::sync::Arc;

use super::printed::{Layout, Printing};
use super::span::Anchor;
use super::text::Lines;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
}

/// A question a drafter put to members (DESIGN, "Questions").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: i64,
    pub text_id: i64,
    pub text_slug: String,
    pub author: Person,
    pub prompt: String,
    /// 2 to 10.
    pub choices: Vec<String>,
    /// The alinéa asked about: (revision, line as numbered on it); none for the text.
    pub paragraph: Option<(u32, u32)>,
    pub closes_at: Timestamp,
    /// How many chose each choice.
    pub tallies: Vec<u32>,
    pub created_at: Timestamp,
}

/// An account as admins manage it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub user: User,
    /// Empty when none is known.
    pub email: String,
    pub created_at: Timestamp,
    /// False once an admin deactivated it.
    pub active: bool,
    /// False until the member set a password through an invitation.
    pub has_password: bool,
    /// Until when the account's invitation works, if it has one.
    pub invited_until: Option<Timestamp>,
}

/// Who did something, as shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub login: String,
    pub name: String,
}

impl From<&User> for Person {
    fn from(user: &User) -> Self {
        Person { id: user.id, login: user.login.clone(), name: user.name.clone() }
    }
}

/// A thematic space that texts belong to (santé, éducation…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Prefix of the references of its amendments, as in `PROG-12`.
    pub prefix: String,
    /// The phase in force now: a consultation past its deadline is in review
    /// ([`Phase::in_force`]).
    pub phase: Phase,
    /// When the consultation closes or closed (seconds since the epoch), if it has a
    /// deadline; kept once passed, so that pages say when it closed.
    pub deadline: Option<Timestamp>,
    pub visibility: Visibility,
    /// The slug of the topic it belongs to, if any.
    pub topic: Option<String>,
    /// Co-signers an amendment needs before it may be accepted (0: none).
    pub min_supporters: u32,
    /// Whether its votes show who voted what.
    pub votes: Secrecy,
    /// The most open amendments one member may have on it (0: no limit).
    pub max_open_per_member: u32,
    /// Characters per printed line of its revisions to come (rule 10).
    pub printed_width: u32,
    pub head: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Changes whenever any of its amendments changes.
    pub amendments_version: i64,
}

/// How a revision came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevisionKind {
    Published,
    Edited,
    Merged,
}

impl RevisionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Published => "published",
            RevisionKind::Edited => "edited",
            RevisionKind::Merged => "merged",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "published" => Some(RevisionKind::Published),
            "edited" => Some(RevisionKind::Edited),
            "merged" => Some(RevisionKind::Merged),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionInfo {
    pub number: u32,
    /// The text's title in this revision (drafters may retitle a text).
    pub title: String,
    pub author: Person,
    pub summary: String,
    pub kind: RevisionKind,
    pub line_count: u32,
    pub created_at: Timestamp,
    /// How its lines are printed (rule 10), fixed when it was written.
    pub printing: Printing,
}

/// A whole revision: never modified once written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub info: RevisionInfo,
    pub lines: Lines,
    /// For each line, where it came from.
    pub provenance: Vec<Origin>,
    /// The changes that made it from its parent (none for a first revision).
    pub changes: Vec<Change>,
    /// Its printed lines (rule 10), worked out the first time they are asked for.
    layout: LazyLayout,
}

impl Revision {
    pub fn new(info: RevisionInfo, lines: Lines, provenance: Vec<Origin>, changes: Vec<Change>) -> Self {
        Revision { info, lines, provenance, changes, layout: LazyLayout::default() }
    }

    /// Its printed lines (rule 10): about a millisecond for 2,000 paragraphs the first
    /// time, which a revision only written (a full-text edit, a merge) never pays.
    pub fn layout(&self) -> &Arc<Layout> {
        self.layout.0.get_or_init(|| Arc::new(Layout::of(&self.lines, self.info.printing)))
    }
}

/// A revision's layout once worked out. It follows from the revision's lines and printing,
/// so two revisions equal in those are equal whether or not either has worked it out.
#[derive(Clone, Debug, Default)]
struct LazyLayout(std::sync::OnceLock<Arc<Layout>>);

impl PartialEq for LazyLayout {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyLayout {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub id: i64,
    pub text_id: i64,
    pub text_slug: String,
    pub number: u32,
    /// Short stable reference people cite, e.g. `PROG-12`.
    pub reference: String,
    pub author: Person,
    pub state: AmendmentState,
    pub anchor: Anchor,
    /// The proposal as its author wrote it.
    pub new_lines: Lines,
    /// The lines a drafter accepted instead ("accepted as modified").
    pub decided_lines: Option<Lines>,
    pub summary: String,
    pub rationale: String,
    /// The revision it was merged into.
    pub merged_into: Option<u32>,
    /// Bumped whenever someone (or Redraft, outdating it) changes its wording, anchor or
    /// state; not when a rebase only carries it to a new head, which changes nothing anyone
    /// decides on (rule 8b: a decision acts on the version its author saw).
    pub version: i64,
    /// Bumped each time its author rewrites or re-anchors it: what a co-signature is given to.
    pub wording: i64,
    /// Co-signatures given to its current wording.
    pub supporters: u32,
    /// Co-signatures given to an earlier wording, waiting to be confirmed again.
    pub earlier_supporters: u32,
    /// Its votes, counted.
    pub tally: Tally,
    /// A rebase rewrote its words onto a new revision (rule 9: other words of its alinéas
    /// changed there); cleared when its author rewrites it.
    pub rebased: bool,
    /// Spelling, grammar or formatting only, no change of meaning, as its author or a
    /// drafter says: listed apart on the review desk and merged in one action.
    pub editorial: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Amendment {
    /// The lines a merge writes: the drafter's version when accepted as modified.
    pub fn lines_to_merge(&self) -> &Lines {
        self.decided_lines.as_ref().unwrap_or(&self.new_lines)
    }
}

/// Where a comment on a paragraph sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The revision: the head while the comment follows it, else the revision it was last
    /// on before a change rewrote or removed its paragraph.
    pub revision: u32,
    /// 1-based.
    pub line: u32,
    pub follows_head: bool,
}

/// A drafter's hiding of a comment: the reason is shown to everyone, the body to no one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hiding {
    pub reason: String,
    pub by: Person,
    pub at: Timestamp,
}

/// A comment on a text: on one of its paragraphs, on one of its amendments, or on the
/// text as a whole; or a reply to one of those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub text_id: i64,
    pub author: Person,
    /// The comment it replies to.
    pub parent: Option<i64>,
    pub amendment: Option<i64>,
    pub paragraph: Option<Paragraph>,
    /// The revision it was written on.
    pub written_on: u32,
    /// Empty once deleted. Readers never see a hidden one's: see [`Comment::shown_body`].
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub deleted_at: Option<Timestamp>,
    pub hidden: Option<Hiding>,
}

impl Comment {
    /// What anyone may read of it: nothing once deleted or hidden.
    pub fn shown_body(&self) -> Option<&str> {
        (self.deleted_at.is_none() && self.hidden.is_none()).then_some(self.body.as_str())
    }
}

/// One entry of an amendment's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmendmentEvent {
    pub kind: Decision,
    /// `None` when Redraft itself did it (a rebase outdating the amendment).
    pub actor: Option<Person>,
    pub note: String,
    /// The revision it happened on.
    pub revision: Option<u32>,
    pub created_at: Timestamp,
    /// The amendment as it stood after it (none for events recorded before Redraft kept them).
    pub snapshot: Option<AmendmentSnapshot>,
}

/// An amendment as it stood at one version (rule 8b): what someone who saw that version saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmendmentSnapshot {
    pub version: i64,
    pub state: AmendmentState,
    pub anchor: Anchor,
    pub new_lines: Lines,
    pub decided_lines: Option<Lines>,
}

impl AmendmentSnapshot {
    /// The lines a merge would have written at that version.
    pub fn lines_to_merge(&self) -> &Lines {
        self.decided_lines.as_ref().unwrap_or(&self.new_lines)
    }
}

/// The reference of amendment `number` of a text with `prefix`.
pub fn reference(prefix: &str, number: u32) -> String {
    format!("{prefix}-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_kinds_round_trip_and_nothing_else_parses() {
        for kind in [RevisionKind::Published, RevisionKind::Edited, RevisionKind::Merged] {
            assert_eq!(RevisionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(RevisionKind::Merged.as_str(), "merged");
        assert_eq!(RevisionKind::parse("Merged"), None);
    }

    #[test]
    fn a_merge_writes_the_drafters_wording_when_there_is_one() {
        let anchor = Anchor { revision: 1, start: 1, count: 1 };
        let proposed = vec!["proposé".to_owned()];
        let decided = vec!["retenu".to_owned(), "ajouté".to_owned()];
        let mut snapshot = AmendmentSnapshot {
            version: 1,
            state: AmendmentState::Accepted,
            anchor,
            new_lines: proposed.clone(),
            decided_lines: None,
        };
        assert_eq!(snapshot.lines_to_merge(), &proposed);
        snapshot.decided_lines = Some(decided.clone());
        assert_eq!(snapshot.lines_to_merge(), &decided);

        let author = User { id: 3, login: "camille".to_owned(), name: "Camille".to_owned(), role: Role::Member };
        let mut amendment = Amendment {
            id: 9,
            text_id: 1,
            text_slug: "programme".to_owned(),
            number: 12,
            reference: reference("PROG", 12),
            author: Person::from(&author),
            state: AmendmentState::Accepted,
            anchor,
            new_lines: proposed.clone(),
            decided_lines: None,
            summary: String::new(),
            rationale: "Parce que.".to_owned(),
            merged_into: None,
            version: 1,
            wording: 1,
            supporters: 0,
            earlier_supporters: 0,
            rebased: false,
            editorial: false,
            tally: Default::default(),
            created_at: 0,
            updated_at: 0,
        };
        assert_eq!(amendment.lines_to_merge(), &proposed);
        amendment.decided_lines = Some(decided.clone());
        assert_eq!(amendment.lines_to_merge(), &decided);
        assert_eq!(amendment.author, Person { id: 3, login: "camille".to_owned(), name: "Camille".to_owned() });
    }

    #[test]
    fn references_join_the_prefix_and_the_number() {
        assert_eq!(reference("PROG", 12), "PROG-12");
    }
}
