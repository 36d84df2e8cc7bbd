//! The text with tracked changes, as the office exports write it: the changes of a range
//! of revisions, or those a chosen set of amendments would make of the head, each
//! attributed to the amendment's author and reference (or to the drafter whose edit made
//! it), with the printing of the revision shown (rule 10).

use std::collections::{BTreeMap, HashMap};

use super::merge::{edits_of, origins_after, refusal};
use super::texts::{TextSnapshot, committed_revision};
use super::*;
use crate::domain::change::Change;
use crate::domain::kind::Line;
use crate::domain::limits::MAX_MERGE_AMENDMENTS;
use crate::domain::model::{RevisionInfo, Timestamp};
use crate::domain::printed::Printing;
use crate::domain::provenance::Origin;
use crate::domain::reconcile::merge_lines;
use crate::domain::tracked::{self, Paragraph, WordCredits};
use crate::domain::words::word_diff;
use crate::i18n::{Arg, K, Lang};

/// The most revisions one export walks through: the changes of a longer range are
/// refused (422) rather than read revision by revision.
pub const MAX_TRACKED_REVISIONS: u32 = 500;

/// What the tracked changes are of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// From revision `from` to revision `to` (by default the head and the revision before it).
    Revisions { from: Option<u32>, to: Option<u32> },
    /// What merging these amendments (open or accepted, on the head) would make of it.
    Amendments(Vec<i64>),
}

/// Who made a change, as a word processor shows it: a name with the amendment's
/// reference or the revision ("Camille Martin (PROG-3)"), and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contributor {
    pub author: String,
    pub at: Timestamp,
}

/// A text with its changes tracked, ready to be written as a document.
#[derive(Clone, Debug)]
pub struct TrackedText {
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// Who made each change: [`tracked::Mark`] indices point here.
    pub contributors: Vec<Contributor>,
    /// How the revision shown is printed, so the document's lines are its printed lines.
    pub printing: Printing,
}

/// Contributors, each listed once.
#[derive(Default)]
struct Credits {
    list: Vec<Contributor>,
    index: HashMap<String, usize>,
}

impl Credits {
    fn credit(&mut self, author: String, at: Timestamp) -> usize {
        if let Some(&index) = self.index.get(&author) {
            return index;
        }
        self.list.push(Contributor { author: author.clone(), at });
        self.index.insert(author, self.list.len() - 1);
        self.list.len() - 1
    }

    fn amendment(&mut self, lang: Lang, amendment: &Amendment, at: Timestamp) -> usize {
        let name = crate::views::components::shown_name(lang, &amendment.author.name);
        self.credit(format!("{name} ({})", amendment.reference), at)
    }

    fn revision(&mut self, lang: Lang, revision: &RevisionInfo) -> usize {
        let name = crate::views::components::shown_name(lang, &revision.author.name);
        let label = lang.f(K::RevisionNumber, &[Arg::number("revision", revision.number)]);
        self.credit(format!("{name} ({label})"), revision.created_at)
    }
}

/// The text of `snapshot` (read by someone who may read it) with the changes of
/// `selection` tracked. Errors: a revision not found (404), `from` after `to` or a range
/// longer than [`MAX_TRACKED_REVISIONS`] (422), an empty, oversized or repeated set of
/// amendments (422), an amendment of another text (404) or not on the head (409),
/// amendments that collide (409, the pairs named).
pub fn tracked_text(snapshot: &TextSnapshot<'_>, selection: &Selection, lang: Lang) -> ActionResult<TrackedText> {
    let (site, tx, text) = (snapshot.site, snapshot.tx, &snapshot.text);
    match selection {
        Selection::Revisions { from, to } => {
            let to = to.unwrap_or(text.head);
            let from = from.unwrap_or(to.saturating_sub(1).max(1));
            over_revisions(site, tx, text, from, to, lang)
        }
        Selection::Amendments(ids) => over_amendments(site, tx, text, ids, lang),
    }
}

fn over_revisions(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    from: u32,
    to: u32,
    lang: Lang,
) -> ActionResult<TrackedText> {
    let first = committed_revision(site, tx, text, from)?;
    let last = committed_revision(site, tx, text, to)?;
    if from > to {
        return Err(Invalid::RevisionRange { from, to }.into());
    }
    if to - from > MAX_TRACKED_REVISIONS {
        return Err(Invalid::TooManyRevisions { max: MAX_TRACKED_REVISIONS }.into());
    }
    // By id, in order: where two amendments could take the credit, the same one always does.
    let amendments: BTreeMap<i64, Amendment> =
        store::amendments_of_text(tx, text.id)?.into_iter().map(|amendment| (amendment.id, amendment)).collect();
    // Who wrote a line needs only revisions' authors and dates, not their lines.
    let infos: HashMap<u32, RevisionInfo> =
        store::list_revisions(tx, text.id)?.into_iter().map(|info| (info.number, info)).collect();
    let mut credits = Credits::default();
    let mut revisions = Vec::with_capacity((to - from) as usize);
    for number in from + 1..=to {
        revisions.push(committed_revision(site, tx, text, number)?);
    }
    // Who wrote a line: the amendment its origin names, else the revision that wrote it.
    let mut by_origin: HashMap<Origin, usize> = HashMap::new();
    let mut origin_credit = |credits: &mut Credits, origin: Origin| -> ActionResult<usize> {
        if let Some(&credit) = by_origin.get(&origin) {
            return Ok(credit);
        }
        let info = infos.get(&origin.revision).ok_or(ActionError::NotFound)?;
        let credit = match origin.amendment.and_then(|id| amendments.get(&id)) {
            Some(amendment) => credits.amendment(lang, amendment, info.created_at),
            None => credits.revision(lang, info),
        };
        by_origin.insert(origin, credit);
        Ok(credit)
    };
    let mut inserted = Vec::with_capacity(last.lines.len());
    for &origin in &last.provenance {
        inserted.push(origin_credit(&mut credits, origin)?);
    }
    // Who removed a line in a step: the merged amendment whose anchor covered it, else
    // the amendment that wrote the lines put in its place, else the revision.
    let mut removals: Vec<HashMap<(usize, usize), usize>> = Vec::with_capacity(revisions.len());
    for revision in &revisions {
        let number = revision.info.number;
        // Amendments merged into a revision are anchored on the one before it.
        let merged: Vec<&Amendment> = amendments
            .values()
            .filter(|amendment| amendment.merged_into == Some(number) && amendment.anchor.revision + 1 == number)
            .collect();
        let mut credited = HashMap::new();
        for change in &revision.changes {
            for at in change.old.start..change.old.end() {
                let by_anchor = merged.iter().find(|amendment| {
                    let start = amendment.anchor.start.saturating_sub(1) as usize;
                    (start..start + amendment.anchor.count as usize).contains(&at)
                });
                let by_lines = || {
                    revision.provenance.get(change.new.start..change.new.end()).and_then(|origins| {
                        origins.iter().find(|origin| origin.revision == number && origin.amendment.is_some()).copied()
                    })
                };
                let credit = match (by_anchor, by_lines()) {
                    (Some(amendment), _) => credits.amendment(lang, amendment, revision.info.created_at),
                    (None, Some(origin)) => origin_credit(&mut credits, origin)?,
                    (None, None) => credits.revision(lang, &revision.info),
                };
                credited.insert((change.old.start, at), credit);
            }
        }
        removals.push(credited);
    }
    let fallback = match revisions.last() {
        Some(revision) => credits.revision(lang, &revision.info),
        None => 0,
    };
    let befores = std::iter::once(&first).chain(revisions.iter());
    let steps = revisions.iter().zip(befores).zip(&removals).map(|((revision, before), credited)| {
        let removed_by =
            move |change: &Change, at: usize| credited.get(&(change.old.start, at)).copied().unwrap_or(fallback);
        // A line reworded by one step and removed by a later one was removed by the later.
        let alike = move |old: usize, new: usize| match (before.lines.get(old), revision.lines.get(new)) {
            (Some(old), Some(new)) => word_diff(Line::parse(old).text, Line::parse(new).text).is_some(),
            _ => false,
        };
        (revision.changes.as_slice(), alike, removed_by)
    });
    let (removers, positions) = tracked::follow(first.lines.len(), steps);
    // Over one merge, amendments that reworded one line are told apart word by word.
    let mut words = Vec::new();
    if to == from + 1 {
        for amendment in amendments.values().filter(|amendment| amendment.merged_into == Some(to)) {
            if amendment.anchor.revision == from
                && let Ok(span) = amendment.anchor.span_in(first.lines.len())
            {
                words.push((
                    span,
                    amendment.lines_to_merge().as_slice(),
                    credits.amendment(lang, amendment, last.info.created_at),
                ));
            }
        }
    }
    let words = WordCredits::of(&first.lines, words);
    let paragraphs = tracked::track(
        &first.lines,
        &last.lines,
        |line| inserted.get(line).copied().unwrap_or(fallback),
        // A line still there, reworded past recognition, goes with what it became.
        |line| {
            let became = || positions.get(line).copied().flatten().and_then(|at| inserted.get(at).copied());
            removers.get(line).copied().flatten().or_else(became).unwrap_or(fallback)
        },
        &words,
    );
    Ok(TrackedText {
        title: last.info.title.clone(),
        paragraphs,
        contributors: credits.list,
        printing: last.info.printing,
    })
}

fn over_amendments(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    ids: &[i64],
    lang: Lang,
) -> ActionResult<TrackedText> {
    if ids.is_empty() {
        return Err(Invalid::NothingToMerge.into());
    }
    if ids.len() > MAX_MERGE_AMENDMENTS {
        return Err(Invalid::TooManyToMerge { max: MAX_MERGE_AMENDMENTS }.into());
    }
    let mut amendments = Vec::with_capacity(ids.len());
    for &id in ids {
        let amendment = store::amendment(tx, id)?.filter(|amendment| amendment.text_id == text.id);
        let amendment = amendment.ok_or(ActionError::NotFound)?;
        if amendments.iter().any(|chosen: &Amendment| chosen.id == id) {
            return Err(Invalid::DuplicateAmendment(amendment.reference).into());
        }
        if !amendment.state.follows_head() || amendment.anchor.revision != text.head {
            return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
        }
        amendments.push(amendment);
    }
    let head = committed_revision(site, tx, text, text.head)?;
    let edits = edits_of(&amendments, head.lines.len())?;
    let line_merge = merge_lines(&head.lines, &edits).map_err(|error| refusal(error, &amendments))?;
    if line_merge.merged.items.is_empty() {
        return Err(Invalid::MergeEmptiesText.into());
    }
    let origins = origins_after(&head, &amendments, &edits, &line_merge, text.head + 1)?;
    let merged = &line_merge.merged;
    let mut credits = Credits::default();
    let credit: Vec<usize> =
        amendments.iter().map(|amendment| credits.amendment(lang, amendment, amendment.created_at)).collect();
    let by_id: HashMap<i64, usize> = amendments.iter().zip(&credit).map(|(amendment, &c)| (amendment.id, c)).collect();
    // Each change of the merge is one amendment's (or one passage's, credited to its first).
    let mut change_credit = vec![credit.first().copied().unwrap_or(0); merged.changes.len()];
    for (edit, &change) in merged.change_of_edit.iter().enumerate().rev() {
        if let Some(slot) = change_credit.get_mut(change) {
            *slot = credit[edit];
        }
    }
    let change_of_old =
        |line: usize| merged.changes.iter().position(|change| change.old.start <= line && line < change.old.end());
    let fallback = credit.first().copied().unwrap_or(0);
    let words =
        WordCredits::of(&head.lines, edits.iter().zip(&credit).map(|(edit, &c)| (edit.span, edit.replacement, c)));
    let paragraphs = tracked::track(
        &head.lines,
        &merged.items,
        |line| {
            origins
                .get(line)
                .and_then(|origin| origin.amendment)
                .and_then(|id| by_id.get(&id).copied())
                .unwrap_or(fallback)
        },
        |line| change_of_old(line).map_or(fallback, |change| change_credit[change]),
        &words,
    );
    Ok(TrackedText {
        title: head.info.title.clone(),
        paragraphs,
        contributors: credits.list,
        printing: head.info.printing,
    })
}
