//! What became of an amendment, as its author asks it ("was it adopted in the end?"): its
//! state read together with the head's provenance (rule 8), which says whether the words a
//! merge wrote are still in the text or were changed again since.

use std::collections::HashMap;

use super::AmendmentState;
use super::model::Amendment;
use super::provenance::Origin;

/// An amendment's fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Still under discussion.
    Open,
    /// Accepted, waiting to be merged; `modified` when a drafter changed its wording.
    Accepted {
        modified: bool,
    },
    /// Merged into `revision`. `written` is how many alinéas the merge wrote (0 for a
    /// deletion; lines it kept as they were are not counted), `kept` how many of them the
    /// head still has as that merge wrote them, `changed_in` the first later revision that
    /// changed some of them (worked out for one amendment's page, `None` in lists).
    Adopted {
        revision: u32,
        modified: bool,
        written: usize,
        kept: usize,
        changed_in: Option<u32>,
    },
    /// Rejected, with the drafter's note (empty when none was given).
    Rejected {
        note: String,
    },
    Withdrawn,
    /// A change of the text touched its passage: its author re-anchors it or withdraws it.
    Outdated,
}

impl Fate {
    /// The fate of `amendment`, given how many alinéas it wrote in the revision it was
    /// merged into and how many of them its text's head still has (both from provenance:
    /// [`lines_by_amendment`]; ignored unless merged), and the note of its last decision.
    pub fn of(amendment: &Amendment, written: usize, kept: usize, note: &str) -> Fate {
        let modified = amendment.decided_lines.is_some();
        match amendment.state {
            AmendmentState::Open => Fate::Open,
            AmendmentState::Accepted => Fate::Accepted { modified },
            AmendmentState::Rejected => Fate::Rejected { note: note.to_owned() },
            AmendmentState::Withdrawn => Fate::Withdrawn,
            AmendmentState::Outdated => Fate::Outdated,
            AmendmentState::Merged => Fate::Adopted {
                revision: amendment.merged_into.unwrap_or(0),
                modified,
                written,
                kept,
                changed_in: None,
            },
        }
    }

    pub fn is_adopted(&self) -> bool {
        matches!(self, Fate::Adopted { .. })
    }

    /// Whether it was decided for good: adopted, rejected or withdrawn.
    pub fn is_settled(&self) -> bool {
        matches!(self, Fate::Adopted { .. } | Fate::Rejected { .. } | Fate::Withdrawn)
    }
}

/// The first revision after `merged` (up to `head`) that changed some of the `written`
/// alinéas an amendment wrote in `merged`, given `kept_in(r)`, how many of them revision
/// `r` still has. None before `head` did when `head` still has them all. A line an
/// amendment wrote never gets that origin back once changed, so the count only falls, and
/// a binary search reads about log₂(head − merged) revisions.
pub fn first_change<E>(
    merged: u32,
    head: u32,
    written: usize,
    mut kept_in: impl FnMut(u32) -> Result<usize, E>,
) -> Result<Option<u32>, E> {
    if head <= merged || kept_in(head)? >= written {
        return Ok(None);
    }
    // Invariant: revision `low` keeps them all, revision `high` does not.
    let (mut low, mut high) = (merged, head);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if kept_in(middle)? >= written {
            low = middle;
        } else {
            high = middle;
        }
    }
    Ok(Some(high))
}

/// How many alinéas of a revision each amendment wrote, by amendment id (rule 8: a line an
/// amendment left as it was keeps its older origin and is not counted).
pub fn lines_by_amendment(provenance: &[Origin]) -> HashMap<i64, usize> {
    let mut counts = HashMap::new();
    for amendment in provenance.iter().filter_map(|origin| origin.amendment) {
        *counts.entry(amendment).or_insert(0) += 1;
    }
    counts
}

/// A member's or a text's record: how many amendments, how many adopted, rejected,
/// withdrawn, outdated, still open or waiting to be merged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub total: usize,
    pub adopted: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub withdrawn: usize,
    pub outdated: usize,
    pub open: usize,
}

impl Record {
    pub fn of<'a>(fates: impl IntoIterator<Item = &'a Fate>) -> Record {
        let mut record = Record::default();
        for fate in fates {
            record.total += 1;
            match fate {
                Fate::Open => record.open += 1,
                Fate::Accepted { .. } => record.accepted += 1,
                Fate::Adopted { .. } => record.adopted += 1,
                Fate::Rejected { .. } => record.rejected += 1,
                Fate::Withdrawn => record.withdrawn += 1,
                Fate::Outdated => record.outdated += 1,
            }
        }
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_change_is_the_first_revision_that_kept_fewer() {
        // Merged into 3, writing 4 alinéas; revision 7 changed one, 9 another.
        let kept = |r: u32| -> Result<usize, ()> {
            Ok(if r >= 9 {
                2
            } else if r >= 7 {
                3
            } else {
                4
            })
        };
        assert_eq!(first_change(3, 12, 4, kept), Ok(Some(7)));
        assert_eq!(first_change(3, 6, 4, kept), Ok(None));
        assert_eq!(first_change(3, 7, 4, kept), Ok(Some(7)));
        assert_eq!(first_change(3, 3, 4, kept), Ok(None));
        for head in 4..40 {
            for change in 4..=head {
                let kept = |r: u32| -> Result<usize, ()> { Ok(if r >= change { 1 } else { 2 }) };
                assert_eq!(first_change(3, head, 2, kept), Ok(Some(change)), "head {head}, change {change}");
            }
        }
    }
    use crate::domain::model::Person;
    use crate::domain::{Anchor, Tally};

    fn amendment(state: AmendmentState, new_lines: &[&str], decided: Option<&[&str]>) -> Amendment {
        Amendment {
            id: 7,
            text_id: 1,
            text_slug: "programme".to_owned(),
            number: 7,
            reference: "PROG-7".to_owned(),
            author: Person { id: 2, login: "bea".to_owned(), name: "Béa".to_owned() },
            state,
            anchor: Anchor { revision: 1, start: 2, count: 1 },
            new_lines: new_lines.iter().map(|line| line.to_string()).collect(),
            decided_lines: decided.map(|lines| lines.iter().map(|line| line.to_string()).collect()),
            summary: String::new(),
            rationale: String::new(),
            merged_into: (state == AmendmentState::Merged).then_some(3),
            version: 1,
            wording: 1,
            supporters: 0,
            earlier_supporters: 0,
            rebased: false,
            editorial: false,
            tally: Tally::default(),
            created_at: 0,
            updated_at: 0,
        }
    }

    fn origins(amendments: &[Option<i64>]) -> Vec<Origin> {
        amendments.iter().map(|&amendment| Origin { revision: 3, amendment }).collect()
    }

    #[test]
    fn an_adopted_amendment_knows_whether_its_words_are_still_there() {
        let merged = amendment(AmendmentState::Merged, &["a", "b"], None);
        let written = lines_by_amendment(&origins(&[None, Some(7), Some(7), None]));
        let head = lines_by_amendment(&origins(&[None, Some(7), Some(9)]));
        assert_eq!((written.get(&7), head.get(&7)), (Some(&2), Some(&1)));
        assert_eq!(
            Fate::of(&merged, 2, 2, ""),
            Fate::Adopted { revision: 3, modified: false, written: 2, kept: 2, changed_in: None }
        );
        // A line it proposed as it already was keeps its older origin: not counted as written.
        let keeping = lines_by_amendment(&origins(&[None, Some(5), Some(7)]));
        assert_eq!(keeping.get(&7), Some(&1));
        let modified = amendment(AmendmentState::Merged, &["a"], Some(&["a bis", "c"]));
        assert_eq!(
            Fate::of(&modified, 2, 1, ""),
            Fate::Adopted { revision: 3, modified: true, written: 2, kept: 1, changed_in: None }
        );
        let rejected = amendment(AmendmentState::Rejected, &["a"], None);
        assert_eq!(Fate::of(&rejected, 0, 0, "Hors sujet."), Fate::Rejected { note: "Hors sujet.".to_owned() });
    }

    #[test]
    fn a_record_counts_each_fate() {
        let fates = [
            Fate::Open,
            Fate::Adopted { revision: 2, modified: false, written: 1, kept: 1, changed_in: None },
            Fate::Rejected { note: "Hors sujet.".to_owned() },
            Fate::Adopted { revision: 3, modified: true, written: 0, kept: 0, changed_in: None },
        ];
        let record = Record::of(&fates);
        assert_eq!((record.total, record.adopted, record.rejected, record.open), (4, 2, 1, 1));
    }
}
