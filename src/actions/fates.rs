//! What became of amendments: each one's fate (`domain::fate`) read with its text's head
//! and last decision, for a member's own amendments across texts and for all of a text's.

use std::collections::HashMap;

use crate::domain::fate::{Fate, Record};
use crate::domain::model::{Amendment, Text};
use crate::store;

use super::{ActionError, ActionResult, Site, Viewer, may_read, require};
use crate::auth::Permission;

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

/// What a text says about the fates of its amendments: its head's provenance and the note
/// of each amendment's last decision.
struct FateReader {
    text: Text,
    provenance: std::sync::Arc<crate::domain::model::Revision>,
    notes: HashMap<i64, String>,
}

impl FateReader {
    fn new(site: &Site, tx: &rusqlite::Connection, text: Text) -> ActionResult<FateReader> {
        let provenance = site.revision(tx, text.id, text.head)?;
        let notes = store::last_decisions(tx, text.id)?
            .into_iter()
            .map(|decision| (decision.amendment_id, decision.note))
            .collect();
        Ok(FateReader { text, provenance, notes })
    }

    fn fate(&self, amendment: &Amendment) -> Fate {
        let note = self.notes.get(&amendment.id).map(String::as_str).unwrap_or("");
        Fate::of(amendment, &self.provenance.provenance, note)
    }

    fn outcome(&self, amendment: Amendment) -> Outcome {
        let fate = self.fate(&amendment);
        Outcome { amendment, text_title: self.text.title.clone(), fate }
    }
}

/// The fate of one amendment of `text` (read in `tx`).
pub(super) fn fate_of(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    amendment: &Amendment,
) -> ActionResult<Fate> {
    Ok(FateReader::new(site, tx, text.clone())?.fate(amendment))
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
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    let text = store::text_by_id(tx, amendment.text_id)?.filter(|text| may_read(viewer, text));
                    slot.insert(text.map(|text| FateReader::new(site, tx, text)).transpose()?)
                }
            };
            if let Some(reader) = reader {
                items.push(reader.outcome(amendment));
            }
        }
        Ok(Outcomes::of(items))
    })
}

/// Every amendment of a text in line order (as its lists show them), with their fates and
/// the text's record. Errors: 404 for a text the viewer cannot read.
pub fn text_outcomes(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<(Text, Outcomes)> {
    super::texts::read_text(site, viewer, slug, |snapshot| {
        let reader = FateReader::new(site, snapshot.tx, snapshot.text.clone())?;
        let items = snapshot.amendments()?.iter().map(|shared| reader.outcome(Amendment::clone(shared))).collect();
        Ok((snapshot.text.clone(), Outcomes::of(items)))
    })
}

/// One amendment's fate, for its page and the API. Errors: 404 when the viewer cannot see it.
pub fn amendment_fate(site: &Site, viewer: Viewer<'_>, id: i64) -> ActionResult<Fate> {
    site.store.read(|tx| {
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        let text = super::visible_text(tx, viewer, &amendment.text_slug)?;
        fate_of(site, tx, &text, &amendment)
    })
}
