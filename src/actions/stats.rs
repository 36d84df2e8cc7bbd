//! Participation at a glance (issue 9, part 6): for a text, or a topic's texts, where the
//! amendments went (per part of the text), what became of them, activity over time, and,
//! for members, co-signatures, votes and comments. Counts only: never who voted what.

use std::sync::Arc;

use crate::domain::fate::Record;
use crate::domain::model::{Amendment, Text, Timestamp};
use crate::domain::stats::{self, Bucket, Period, Section};
use crate::store;

use super::texts::{TextSnapshot, read_text};
use super::{ActionError, ActionResult, Site, Viewer, may_read};

/// Amendments listed as the most co-signed and the most voted on.
pub const TOP: usize = 10;

/// A text's figures.
#[derive(Clone, Debug)]
pub struct TextStats {
    pub text: Text,
    /// The head's parts, and how many amendments each drew (same order).
    pub sections: Vec<Section>,
    pub per_section: Vec<u32>,
    pub record: Record,
    /// Distinct authors of amendments.
    pub authors: usize,
    pub activity: Activity,
    /// What members see besides: `None` for a reader who is not logged in.
    pub participation: Option<Participation>,
}

/// Activity over time: amendments filed, decisions taken and (for members) comments written,
/// per week or per month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub period: Period,
    /// Each bucket counts amendments, decisions, then comments (when shown).
    pub buckets: Vec<Bucket>,
    pub with_comments: bool,
}

/// Figures kept to members.
#[derive(Clone, Debug)]
pub struct Participation {
    pub co_signatures: u32,
    pub votes: u32,
    pub comments: u32,
    /// The most co-signed amendments (at least one co-signature), most first.
    pub most_supported: Vec<Arc<Amendment>>,
    /// The amendments with the most votes (at least one), most first.
    pub most_voted: Vec<Arc<Amendment>>,
}

/// What a text's figures depend on: the text (its amendments' state, which co-signatures,
/// votes and comments move too, its head, its title), whether the reader is a member, and
/// the hour (the activity chart ends now).
pub(crate) type StatsKey = (i64, i64, u32, Timestamp, bool, i64);

/// About what a text's figures take in memory (its parts' titles, ten and ten amendments
/// shared with the amendment cache, a few dozen bars).
const STATS_BYTES: usize = 32 << 10;

/// The figures of a text the viewer may read, computed once per state of the text and
/// hour (a congress programme's take about 15 ms of a core: the fate of 3,000 amendments).
/// Errors: `NotFound`.
pub fn text_stats(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<Arc<TextStats>> {
    let now = store::now();
    read_text(site, viewer, slug, |snapshot| {
        let text = &snapshot.text;
        let member = viewer.is_some();
        let key = (text.id, text.amendments_version, text.head, text.updated_at, member, now / 3600);
        site.stats.get_or_insert_with(key, || Ok((Arc::new(of_text(snapshot, member, now)?), STATS_BYTES)))
    })
}

fn of_text(snapshot: &TextSnapshot<'_>, member: bool, now: Timestamp) -> ActionResult<TextStats> {
    let text = &snapshot.text;
    let head = snapshot.site.revision(snapshot.tx, text.id, text.head)?;
    let amendments = snapshot.amendments()?;
    let sections = stats::sections(&head.lines);
    // Amendments in play sit on the head's lines; adopted ones are found by their words.
    let anchored: Vec<usize> = amendments
        .iter()
        .filter(|amendment| amendment.anchor.revision == text.head && amendment.state.follows_head())
        .map(|amendment| (amendment.anchor.start as usize).saturating_sub(1))
        .collect();
    let per_section = stats::amendments_per_section(&sections, &anchored, &head.provenance);
    let mut authors: Vec<i64> = amendments.iter().map(|amendment| amendment.author.id).collect();
    authors.sort_unstable();
    authors.dedup();
    let filed: Vec<Timestamp> = amendments.iter().map(|amendment| amendment.created_at).collect();
    let decided = store::decision_times(snapshot.tx, text.id)?;
    let commented = if member { store::comment_times(snapshot.tx, text.id)? } else { Vec::new() };
    let activity = activity(text.created_at, now, &filed, &decided, member.then_some(&commented));
    let participation = member.then(|| participation(&amendments, commented.len()));
    Ok(TextStats {
        text: text.clone(),
        sections,
        per_section,
        record: super::fates::record_of(snapshot)?,
        authors: authors.len(),
        activity,
        participation,
    })
}

fn activity(
    from: Timestamp,
    now: Timestamp,
    filed: &[Timestamp],
    decided: &[Timestamp],
    commented: Option<&Vec<Timestamp>>,
) -> Activity {
    let mut series: Vec<&[Timestamp]> = vec![filed, decided];
    if let Some(commented) = commented {
        series.push(commented);
    }
    let (period, buckets) = stats::activity(&series, from, now);
    Activity { period, buckets, with_comments: commented.is_some() }
}

fn participation(amendments: &[Arc<Amendment>], comments: usize) -> Participation {
    let top = |key: fn(&Amendment) -> u32| {
        let mut ranked: Vec<Arc<Amendment>> =
            amendments.iter().filter(|amendment| key(amendment) > 0).cloned().collect();
        ranked.sort_by_key(|amendment| (std::cmp::Reverse(key(amendment)), amendment.number));
        ranked.truncate(TOP);
        ranked
    };
    Participation {
        co_signatures: amendments.iter().map(|amendment| amendment.supporters + amendment.earlier_supporters).sum(),
        votes: amendments.iter().map(|amendment| amendment.tally.total()).sum(),
        comments: u32::try_from(comments).unwrap_or(u32::MAX),
        most_supported: top(|amendment| amendment.supporters + amendment.earlier_supporters),
        most_voted: top(|amendment| amendment.tally.total()),
    }
}

/// One text in a topic's figures.
#[derive(Clone, Debug)]
pub struct TopicText {
    pub text: Text,
    pub amendments: usize,
    pub record: Record,
}

/// A topic's figures: its texts the viewer may read, each with its record, and all
/// together.
#[derive(Clone, Debug)]
pub struct TopicStats {
    pub topic: crate::domain::model::Topic,
    pub texts: Vec<TopicText>,
    pub record: Record,
    pub activity: Activity,
}

/// The figures of a topic, over the texts in it the viewer may read. Errors: `NotFound`.
pub fn topic_stats(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<TopicStats> {
    let now = store::now();
    site.store.read(|tx| {
        let topic = store::topic_by_slug(tx, slug)?.ok_or(ActionError::NotFound)?;
        let member = viewer.is_some();
        let (mut texts, mut filed, mut decided, mut commented) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut from = now;
        for listing in store::list_texts(tx)? {
            let text = listing.text;
            if text.topic.as_deref() != Some(topic.slug.as_str()) || !may_read(viewer, &text) {
                continue;
            }
            from = from.min(text.created_at);
            let snapshot = TextSnapshot { site, tx, text: text.clone() };
            let amendments = snapshot.amendments()?;
            filed.extend(amendments.iter().map(|amendment| amendment.created_at));
            decided.extend(store::decision_times(tx, text.id)?);
            if member {
                commented.extend(store::comment_times(tx, text.id)?);
            }
            let record = super::fates::record_of(&snapshot)?;
            texts.push(TopicText { text, amendments: amendments.len(), record });
        }
        texts.sort_by_cached_key(|entry| crate::domain::fields::sort_key(&entry.text.title));
        let record = sum_records(texts.iter().map(|entry| &entry.record));
        let activity = activity(from, now, &filed, &decided, member.then_some(&commented));
        Ok(TopicStats { topic, texts, record, activity })
    })
}

fn sum_records<'a>(records: impl Iterator<Item = &'a Record>) -> Record {
    records.fold(Record::default(), |sum, record| Record {
        total: sum.total + record.total,
        adopted: sum.adopted + record.adopted,
        accepted: sum.accepted + record.accepted,
        rejected: sum.rejected + record.rejected,
        withdrawn: sum.withdrawn + record.withdrawn,
        outdated: sum.outdated + record.outdated,
        open: sum.open + record.open,
    })
}
