//! A text's amendments as people go through them: filtered (by state, with "to decide" for
//! the drafters, by author, by section of the text), counted, and cut into pages of a
//! bounded size, or all on one page for printing. The public list and the review desk are
//! both read here.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::auth::Permission;
use crate::domain::AmendmentState;
use crate::domain::alternatives::Rival;
use crate::domain::kind::{Line, LineKind};
use crate::domain::model::{Amendment, Person, Revision, Text};
use crate::domain::printed::Layout;

use super::amendments::{AmendmentItem, anchored};
use super::texts::TextSnapshot;
use super::{ActionResult, Site, Viewer, require, visible_text};

/// Amendments on a page, unless everything is asked for.
pub const PAGE_SIZE: usize = 50;

/// Which states to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum States {
    #[default]
    All,
    /// Those still to decide: open.
    ToDecide,
    One(AmendmentState),
}

impl States {
    fn admits(self, state: AmendmentState) -> bool {
        match self {
            States::All => true,
            States::ToDecide => state == AmendmentState::Open,
            States::One(one) => state == one,
        }
    }

    /// The name of the filter in an address: `to-decide`, a state's name, or nothing.
    pub fn name(self) -> Option<&'static str> {
        match self {
            States::All => None,
            States::ToDecide => Some("to-decide"),
            States::One(state) => Some(state.as_str()),
        }
    }

    pub fn parse(name: &str) -> Option<States> {
        match name {
            "all" => Some(States::All),
            "to-decide" => Some(States::ToDecide),
            name => AmendmentState::parse(name).map(States::One),
        }
    }
}

/// In which order a list shows its amendments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// In the order of the text: by the paragraph each sits on.
    #[default]
    Line,
    /// Most co-signers (of the current wording) first.
    CoSigners,
    /// Most approved first: votes for less votes against, then most votes cast.
    Votes,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Line, Order::CoSigners, Order::Votes];

    /// The name of the order in an address.
    pub fn name(self) -> &'static str {
        match self {
            Order::Line => "line",
            Order::CoSigners => "co-signers",
            Order::Votes => "votes",
        }
    }

    pub fn parse(name: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|order| order.name() == name)
    }
}

/// What to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub states: States,
    /// Only those of this author (their id).
    pub author: Option<i64>,
    /// Only those in the section that this heading (its paragraph number on the head) opens.
    pub section: Option<u32>,
    /// Only those sitting on this paragraph of the revision they are anchored on.
    pub line: Option<u32>,
    /// Only those anchored on this revision.
    pub revision: Option<u32>,
    pub order: Order,
}

/// Which page: a number from 1, or everything at once (for printing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Number(usize),
    Everything,
}

/// A section of the head: a heading and what follows it, up to the next heading of its
/// level or above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading's paragraph number.
    pub start: u32,
    /// The paragraph after the section's last one.
    pub end: u32,
    pub level: u8,
    pub title: String,
}

/// A page of a text's amendments, and what a reader filters them by.
pub struct Listing {
    pub text: Text,
    pub head: Arc<Revision>,
    pub filter: Filter,
    pub page: Page,
    /// The amendments of this page, in line order.
    pub items: Vec<AmendmentItem>,
    /// How many match the filter, over all pages.
    pub matching: usize,
    pub pages: usize,
    /// How many there are in each state, with the other criteria of the filter.
    pub by_state: BTreeMap<AmendmentState, usize>,
    /// Open amendments, with the other criteria of the filter.
    pub to_decide: usize,
    /// Every author with their number of amendments, by name.
    pub authors: Vec<(Person, usize)>,
    pub sections: Vec<Section>,
    /// The editorial amendments open or accepted on the head, whatever the filter, in line
    /// order: the review desk lists them apart, to merge in one action.
    pub editorial: Vec<Arc<Amendment>>,
}

/// A text's amendments as its public list shows them.
pub fn amendment_list(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    filter: Filter,
    page: Page,
) -> ActionResult<Listing> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        listing(site, tx, text, filter, page, |_| true)
    })
}

/// A text's amendments as its public list shows them, from a snapshot of the text read
/// already (see [`super::texts::read_text`]). The lines each replaces are read only when
/// `with_lines` (a caller holding the rendered list does not need them).
pub fn amendment_list_of(
    snapshot: &TextSnapshot<'_>,
    filter: Filter,
    page: Page,
    with_lines: bool,
) -> ActionResult<Listing> {
    listing(snapshot.site, snapshot.tx, snapshot.text.clone(), filter, page, |_| with_lines)
}

/// The review desk: the drafters' listing. `needs_lines` says, for an amendment and the
/// text, whether the caller needs the lines it replaces (a caller holding its rendered item
/// does not): only those are read, and with them only the revisions they sit on.
pub fn review(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    filter: Filter,
    page: Page,
    needs_lines: impl Fn(&Amendment, &Text) -> bool,
) -> ActionResult<Listing> {
    require(viewer, Permission::Decide)?;
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let shown = text.clone();
        listing(site, tx, text, filter, page, |amendment| needs_lines(amendment, &shown))
    })
}

fn listing(
    site: &Site,
    tx: &rusqlite::Connection,
    text: Text,
    filter: Filter,
    page: Page,
    needs_lines: impl Fn(&Amendment) -> bool,
) -> ActionResult<Listing> {
    let head = site.revision(tx, text.id, text.head)?;
    let sections = sections(&head.lines);
    let all = site.amendments(tx, &text)?;
    let section = filter.section.and_then(|start| sections.iter().find(|section| section.start == start));
    // Every criterion but the state: the counts per state are over what they select.
    let placed = |amendment: &Amendment| {
        let anchor = amendment.anchor;
        let on_line = |line: u32| anchor.lines().contains(&line) || (anchor.count == 0 && anchor.start == line);
        let in_section = |section: &Section| {
            anchor.revision == text.head && section.start <= anchor.start && anchor.start < section.end
        };
        filter.line.is_none_or(on_line)
            && filter.revision.is_none_or(|revision| anchor.revision == revision)
            && filter.author.is_none_or(|author| amendment.author.id == author)
            && (filter.section.is_none() || section.is_some_and(in_section))
    };
    let mut by_state: BTreeMap<AmendmentState, usize> = BTreeMap::new();
    let mut authors: HashMap<i64, (Person, usize)> = HashMap::new();
    let mut matching = Vec::new();
    for amendment in all.iter() {
        authors.entry(amendment.author.id).or_insert_with(|| (amendment.author.clone(), 0)).1 += 1;
        if !placed(amendment) {
            continue;
        }
        *by_state.entry(amendment.state).or_default() += 1;
        if filter.states.admits(amendment.state) {
            matching.push(amendment);
        }
    }
    let to_decide = by_state.get(&AmendmentState::Open).copied().unwrap_or(0);
    let mut authors: Vec<(Person, usize)> = authors.into_values().collect();
    authors.sort_by(|(a, _), (b, _)| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));

    // A stable sort: ties stay in the order of the text.
    match filter.order {
        Order::Line => {}
        Order::CoSigners => matching.sort_by_key(|amendment| std::cmp::Reverse(amendment.supporters)),
        Order::Votes => matching.sort_by_key(|amendment| {
            let tally = amendment.tally;
            std::cmp::Reverse((i64::from(tally.for_) - i64::from(tally.against), tally.total()))
        }),
    }
    let total = matching.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let shown: Vec<Arc<Amendment>> = match page {
        Page::Everything => matching.into_iter().cloned().collect(),
        Page::Number(number) => {
            let number = number.clamp(1, pages);
            matching.into_iter().skip((number - 1) * PAGE_SIZE).take(PAGE_SIZE).cloned().collect()
        }
    };
    let page = match page {
        Page::Number(number) => Page::Number(number.clamp(1, pages)),
        everything => everything,
    };
    // Each revision is fetched once, however many amendments sit on it.
    let mut revisions: HashMap<u32, Arc<Revision>> = HashMap::from([(text.head, Arc::clone(&head))]);
    let mut items = Vec::with_capacity(shown.len());
    let mut layouts: HashMap<u32, Arc<Layout>> = HashMap::from([(text.head, Arc::clone(head.layout()))]);
    for amendment in shown {
        let number = amendment.anchor.revision;
        let layout = match layouts.get(&number) {
            Some(layout) => Arc::clone(layout),
            None => {
                super::texts::on_text(&text, number)?;
                let layout = site.layout(tx, text.id, number)?;
                layouts.insert(number, Arc::clone(&layout));
                layout
            }
        };
        let printed = layout.lines_of(amendment.anchor);
        if !needs_lines(&amendment) {
            items.push(AmendmentItem { amendment, anchored_lines: Vec::new(), printed });
            continue;
        }
        let revision = match revisions.get(&number) {
            Some(revision) => Arc::clone(revision),
            None => {
                let revision = super::texts::committed_revision(site, tx, &text, number)?;
                revisions.insert(number, Arc::clone(&revision));
                revision
            }
        };
        let anchored_lines = anchored(&revision, amendment.anchor);
        items.push(AmendmentItem { amendment, anchored_lines, printed });
    }
    let editorial = all
        .iter()
        .filter(|a| a.editorial && a.state.follows_head() && a.anchor.revision == text.head)
        .cloned()
        .collect();
    Ok(Listing {
        text,
        head,
        filter,
        page,
        items,
        matching: total,
        pages,
        by_state,
        to_decide,
        authors,
        sections,
        editorial,
    })
}

/// The sections of a revision: each heading and the paragraphs up to the next heading of
/// its level or above.
pub fn sections(lines: &[String]) -> Vec<Section> {
    let headings: Vec<(u32, u8, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| match Line::parse(line) {
            Line { kind: LineKind::Heading { level }, text } => Some((index as u32 + 1, level, text)),
            _ => None,
        })
        .collect();
    let after_last = lines.len() as u32 + 1;
    headings
        .iter()
        .enumerate()
        .map(|(at, &(start, level, title))| {
            let end = headings[at + 1..].iter().find(|(_, other, _)| *other <= level).map_or(after_last, |(n, ..)| *n);
            Section { start, end, level, title: title.to_owned() }
        })
        .collect()
}

/// The amendments open or accepted on a text's head that compete for the same words, in
/// groups of alternatives (issue 10, part 3), for the drafters.
pub struct AlternativesView {
    pub text: Text,
    pub head: Arc<Revision>,
    /// Each group in the suggested order of decision.
    pub groups: Vec<Vec<Alternative>>,
    /// False when a text with too many amendments on the same lines was compared only in
    /// part ([`crate::domain::alternatives::MAX_PAIRS`]).
    pub complete: bool,
}

/// An amendment among alternatives: how far it reaches, and the references of those
/// adopting it makes impossible.
pub struct Alternative {
    pub amendment: Arc<Amendment>,
    pub reach: usize,
    pub excludes: Vec<String>,
}

/// The groups of competing amendments on a text's head. Drafters only (403), 404 where
/// the text is not theirs to read.
pub fn alternatives(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<AlternativesView> {
    require(viewer, Permission::Decide)?;
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let head = site.revision(tx, text.id, text.head)?;
        let all = site.amendments(tx, &text)?;
        let (on_head, rivals): (Vec<&Arc<Amendment>>, Vec<Rival<'_>>) = all
            .iter()
            .filter(|a| a.state.follows_head() && a.anchor.revision == text.head)
            .filter_map(|a| {
                let span = a.anchor.span_in(head.lines.len()).ok()?;
                Some((a, Rival { span, lines: a.lines_to_merge(), number: a.number }))
            })
            .unzip();
        let found = crate::domain::alternatives::alternatives(&head.lines, &rivals);
        let groups = found
            .groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|choice| {
                        let excludes = choice.excludes.iter().map(|&other| on_head[other].reference.clone()).collect();
                        Alternative { amendment: Arc::clone(on_head[choice.rival]), reach: choice.reach, excludes }
                    })
                    .collect()
            })
            .collect();
        Ok(AlternativesView { text, head, groups, complete: found.complete })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_nest_under_their_headings() {
        let lines: Vec<String> =
            ["# Programme", "Intro", "## Santé", "a", "### Hôpital", "b", "## École", "c"].map(String::from).to_vec();
        let found: Vec<(u32, u32, u8)> = sections(&lines).iter().map(|s| (s.start, s.end, s.level)).collect();
        assert_eq!(found, [(1, 9, 1), (3, 7, 2), (5, 7, 3), (7, 9, 2)]);
    }
}
