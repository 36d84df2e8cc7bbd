//! What became of amendments: each one's fate (`domain::fate`) read with its text's head
//! and last decision, for a member's own amendments across texts and for all of a text's.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::auth::Permission;
use crate::domain::AmendmentState;
use crate::domain::fate::{Fate, Record, first_change, lines_by_amendment};
use crate::domain::model::{Amendment, Text};
use crate::store;

use super::{ActionResult, Site, Viewer, may_read, require};

/// An amendment with its fate.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub amendment: Amendment,
    pub text_title: String,
    pub fate: Fate,
}

/// Amendments with their fates, and their record.
#[derive(Clone, Debug, Default)]
pub struct Outcomes {
    pub items: Vec<Outcome>,
    pub record: Record,
}

impl Outcomes {
    fn of(items: Vec<Outcome>) -> Outcomes {
        let record = Record::of(items.iter().map(|item| &item.fate));
        Outcomes { items, record }
    }
}

/// What a text says about the fates of its amendments: how many alinéas each amendment
/// wrote in the revision it was merged into and how many its head still has (each
/// revision read and counted once), and the note of each amendment's last decision.
struct FateReader<'a> {
    site: &'a Site,
    tx: &'a rusqlite::Connection,
    text: Text,
    in_head: HashMap<i64, usize>,
    written: RefCell<HashMap<u32, HashMap<i64, usize>>>,
    notes: HashMap<i64, String>,
}

impl<'a> FateReader<'a> {
    fn new(site: &'a Site, tx: &'a rusqlite::Connection, text: Text) -> ActionResult<FateReader<'a>> {
        let in_head = lines_by_amendment(&site.revision(tx, text.id, text.head)?.provenance);
        let notes = store::last_decisions(tx, text.id)?
            .into_iter()
            .map(|decision| (decision.amendment_id, decision.note))
            .collect();
        Ok(FateReader { site, tx, text, in_head, written: RefCell::new(HashMap::new()), notes })
    }

    fn outcome(&self, amendment: Amendment) -> ActionResult<Outcome> {
        let (written, kept) = match amendment.merged_into {
            Some(number) if amendment.state == AmendmentState::Merged => {
                let mut written = self.written.borrow_mut();
                let counts = match written.entry(number) {
                    Entry::Occupied(known) => known.into_mut(),
                    Entry::Vacant(slot) => {
                        let revision = self.site.revision(self.tx, self.text.id, number)?;
                        slot.insert(lines_by_amendment(&revision.provenance))
                    }
                };
                let count = |counts: &HashMap<i64, usize>| counts.get(&amendment.id).copied().unwrap_or(0);
                (count(counts), count(&self.in_head))
            }
            _ => (0, 0),
        };
        let note = self.notes.get(&amendment.id).map(String::as_str).unwrap_or("");
        let fate = Fate::of(&amendment, written, kept, note);
        Ok(Outcome { amendment, text_title: self.text.title.clone(), fate })
    }
}

/// The fate of one amendment of `text` (read in `tx`): reads what this amendment needs only.
pub(super) fn fate_of(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    amendment: &Amendment,
) -> ActionResult<Fate> {
    let note = match amendment.state {
        AmendmentState::Rejected => store::last_decisions_note(tx, amendment.id)?,
        _ => String::new(),
    };
    let count = |number: u32| -> ActionResult<usize> {
        let revision = site.revision(tx, text.id, number)?;
        Ok(revision.provenance.iter().filter(|origin| origin.amendment == Some(amendment.id)).count())
    };
    let (written, kept) = match amendment.merged_into {
        Some(number) if amendment.state == AmendmentState::Merged => (count(number)?, count(text.head)?),
        _ => (0, 0),
    };
    let mut fate = Fate::of(amendment, written, kept, &note);
    // Its page says which revision changed its words.
    if let Fate::Adopted { revision, written, kept, changed_in, .. } = &mut fate
        && *kept < *written
    {
        *changed_in = first_change(*revision, text.head, *written, count)?;
    }
    Ok(fate)
}

/// The viewer's own amendments, newest first, on every text they may still read, with
/// their fates and record. Errors: 401 for an anonymous viewer.
pub fn my_amendments(site: &Site, viewer: Viewer<'_>) -> ActionResult<Outcomes> {
    let member = require(viewer, Permission::Propose)?;
    site.store.read(|tx| {
        let mut readers: HashMap<i64, Option<FateReader>> = HashMap::new();
        let mut items = Vec::new();
        for amendment in store::amendments_by_author(tx, member.id)? {
            let reader = match readers.entry(amendment.text_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    let text = store::text_by_id(tx, amendment.text_id)?.filter(|text| may_read(viewer, text));
                    slot.insert(text.map(|text| FateReader::new(site, tx, text)).transpose()?)
                }
            };
            if let Some(reader) = reader {
                items.push(reader.outcome(amendment)?);
            }
        }
        Ok(Outcomes::of(items))
    })
}

/// The record of a text's amendments (what became of each, counted), in its snapshot.
pub(super) fn record_of(snapshot: &super::texts::TextSnapshot<'_>) -> ActionResult<Record> {
    let reader = FateReader::new(snapshot.site, snapshot.tx, snapshot.text.clone())?;
    let fates = snapshot
        .amendments()?
        .iter()
        .map(|shared| reader.outcome(Amendment::clone(shared)).map(|outcome| outcome.fate))
        .collect::<ActionResult<Vec<_>>>()?;
    Ok(Record::of(&fates))
}

/// Every amendment of a text in line order (as its lists show them), with their fates and
/// the text's record. Errors: 404 for a text the viewer cannot read.
pub fn text_outcomes(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<(Text, Outcomes)> {
    super::texts::read_text(site, viewer, slug, |snapshot| {
        let reader = FateReader::new(site, snapshot.tx, snapshot.text.clone())?;
        let items = snapshot
            .amendments()?
            .iter()
            .map(|shared| reader.outcome(Amendment::clone(shared)))
            .collect::<ActionResult<Vec<_>>>()?;
        Ok((snapshot.text.clone(), Outcomes::of(items)))
    })
}
