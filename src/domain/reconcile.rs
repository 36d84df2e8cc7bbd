//! Word-level reconciliation (DESIGN rule 9): versions of the same passage that change
//! disjoint words are combined rather than refused. The passage and each version are cut
//! into word tokens ([`tokens`]: words, the spaces between them, punctuation, and a break
//! token between alinéas); each version's token diff from the passage becomes a set of
//! edits, and the generic merge engine ([`apply_edits`]) applies them all at once or names
//! the versions whose edits overlap. Merge (several amendments on the same lines) and
//! rebase (an amendment over the change that moved the head) both go through [`reconcile`].

use std::ops::Range;

use super::change::{Change, diff_lines};
use super::merge::{Collision, Edit, MergeError, Merged, apply_edits};
use super::span::Span;
use super::text;
use super::words;

/// The longest passage reconciled word by word, in alinéas: beyond it, amendments on the
/// same lines collide (or are outdated) as line merging has them, so a merge or an edit
/// holding the writer never reconciles a whole text per amendment.
pub const MAX_PASSAGE_LINES: usize = 200;

mod partial;

pub use partial::{Hunk, adopt_part, hunks};

/// The token that separates two alinéas: lines never contain a line feed (rule 1), so no
/// word token equals it.
const BREAK: &str = "\n";

/// The passage as every version changed it together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciled {
    pub lines: Vec<String>,
    /// For each line, the index of the first version (in text order of its changes) whose
    /// words changed it; `None` when no version changed it.
    pub made_by: Vec<Option<usize>>,
}

/// Combines `versions` of the passage `base`, each a full rewrite of it, word by word.
/// Refused with the pairs of versions (indices into `versions`) whose word changes overlap,
/// or that together would leave an alinéa with nothing in it (rule 1 has no blank lines).
/// Insertions at the same point go in the order of `versions`.
pub fn reconcile(base: &[String], versions: &[&[String]]) -> Result<Reconciled, Vec<Collision>> {
    // Alinéas compared first: only those two versions or more change are cut into words;
    // the others are one token each, which changes nothing to the result but saves the
    // cutting and the word diffs.
    let line_changes: Vec<Vec<Change>> = versions.iter().map(|version| diff_lines(base, version)).collect();
    let mut changed_by = vec![0_u8; base.len()];
    for changes in &line_changes {
        for change in changes {
            for line in &mut changed_by[change.old.start..change.old.end()] {
                *line = line.saturating_add(1);
            }
        }
    }
    let shared = |line: usize| changed_by.get(line).is_some_and(|&count| count >= 2);
    let base_tokens = Passage::new(base, shared);
    let version_tokens: Vec<Passage<'_>> = versions
        .iter()
        .zip(&line_changes)
        .map(|(version, changes)| {
            // A version's line rewritten one for one is cut as the base line it rewrites.
            let mut rewrites = vec![None; version.len()];
            for change in changes.iter().filter(|change| change.old.count == change.new.count) {
                for offset in 0..change.new.count {
                    rewrites[change.new.start + offset] = Some(change.old.start + offset);
                }
            }
            Passage::new(version, |line| rewrites[line].is_some_and(shared))
        })
        .collect();
    let mut edits = Vec::new();
    let mut owners = Vec::new();
    let mut whole_alineas = Vec::new();
    for (owner, ((version, tokens), changes)) in versions.iter().zip(&version_tokens).zip(&line_changes).enumerate() {
        for change in word_changes(base, &base_tokens, version, tokens, changes) {
            edits.push(Edit { span: change.span, replacement: &tokens.tokens[change.new] });
            owners.push(owner);
            whole_alineas.push(change.whole_alineas);
        }
    }
    let base_tokens = base_tokens.tokens;
    let at_edges = words_at_alinea_edges(&base_tokens, &edits, &owners, &whole_alineas);
    if !at_edges.is_empty() {
        return Err(owner_pairs(at_edges.into_iter()));
    }
    // Insertions at one point: new alinéas put before a line go before the words put at
    // its start, and alinéas appended after the last line after the words put at its end,
    // so every word stays in the alinéa it was written in.
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&index| insertion_rank(&edits[index]));
    let edits: Vec<Edit<'_, &str>> = order.iter().map(|&index| edits[index]).collect();
    let owners: Vec<usize> = order.iter().map(|&index| owners[index]).collect();
    let merged = match apply_edits(&base_tokens, &edits) {
        Ok(merged) => merged,
        Err(MergeError::Collisions(pairs)) => {
            return Err(owner_pairs(pairs.iter().map(|pair| (owners[pair.first], owners[pair.second]))));
        }
        // Each edit comes from a diff of `base_tokens`, so lies inside it; should one not,
        // every version is named.
        Err(MergeError::OutOfRange { .. }) => return Err(all_pairs(versions.len())),
    };
    let (lines, line_of_token) = into_lines(&merged.items);
    let made_by = made_by(&merged, &base_tokens, &owners, &line_of_token, lines.len());
    let blank: Vec<usize> = (0..lines.len()).filter(|&line| text::is_blank(&lines[line])).collect();
    if !blank.is_empty() {
        return Err(owner_pairs(blank_makers(&merged, &owners, &line_of_token, lines.len(), &blank).into_iter()));
    }
    Ok(Reconciled { lines, made_by })
}

fn span_of(tokens: Range<usize>) -> Span {
    Span::new(tokens.start, tokens.len())
}

/// Rebase at word level: `mine` rewrote `base`, which the head's move turned into
/// `theirs`. The passage with both changes, or `None` when they overlap or when `theirs`
/// already says all that `mine` changed (the amendment would change nothing).
pub fn rebase_passage(base: &[String], theirs: &[String], mine: &[String]) -> Option<Vec<String>> {
    let reconciled = reconcile(base, &[theirs, mine]).ok()?;
    (!text::read_the_same(&reconciled.lines, theirs)).then_some(reconciled.lines)
}

/// Rebase at word level of an amendment the head's move touched (rules 5 and 9). `anchor`
/// is its span in `old`, `passage` the passage of `old` and of `new` that the changes and
/// the anchor cover ([`super::rebase::Rebaser::passage`]), `rewrites` its lines (the
/// proposal, and a drafter's modified lines when there are). Its new span in `new` and
/// each rewrite's lines there, or `None` when its words and the changes' overlap, or when
/// the new revision already says what a rewrite changed.
pub fn rebase_amendment(
    old: &[String],
    new: &[String],
    anchor: Span,
    passage: (Span, Span),
    rewrites: &[&[String]],
) -> Option<(Span, Vec<Vec<String>>)> {
    let (old_passage, new_passage) = passage;
    if old_passage.count.max(new_passage.count) > MAX_PASSAGE_LINES {
        return None;
    }
    let base = old.get(old_passage.start..old_passage.end())?;
    let theirs = new.get(new_passage.start..new_passage.end())?;
    let before = base.get(..anchor.start.checked_sub(old_passage.start)?)?;
    let after = base.get(anchor.end().checked_sub(old_passage.start)?..)?;
    let mut results = Vec::with_capacity(rewrites.len());
    for rewrite in rewrites {
        let mine: Vec<String> = before.iter().chain(rewrite.iter()).chain(after).cloned().collect();
        results.push(rebase_passage(base, theirs, &mine)?);
    }
    let narrowed = narrow(theirs, &results);
    Some((Span::new(new_passage.start + narrowed.span.start, narrowed.span.count), narrowed.versions))
}

/// Whether two amendments on the same revision of `lines` compete (DESIGN rule 9, and the
/// drafter's "competing amendments"): their lines collide and, word by word, their changes
/// overlap, so that adopting one makes the other impossible as written. Each is its span
/// and its lines.
pub fn compete(lines: &[String], (a_span, a_lines): (Span, &[String]), (b_span, b_lines): (Span, &[String])) -> bool {
    if !a_span.collides(b_span) || !a_span.fits(lines.len()) || !b_span.fits(lines.len()) {
        return false;
    }
    let start = a_span.start.min(b_span.start);
    let hull = Span::new(start, a_span.end().max(b_span.end()) - start);
    if hull.count > MAX_PASSAGE_LINES {
        return true;
    }
    let passage = &lines[hull.start..hull.end()];
    let rewrite = |span: Span, new: &[String]| -> Vec<String> {
        let mut version = passage[..span.start - hull.start].to_vec();
        version.extend_from_slice(new);
        version.extend_from_slice(&passage[span.end() - hull.start..]);
        version
    };
    let (a, b) = (rewrite(a_span, a_lines), rewrite(b_span, b_lines));
    reconcile(passage, &[&a, &b]).is_err()
}

/// How far an amendment reaches: the words (and spaces and signs) it removes and adds, as
/// the suggested order of decision among competing amendments counts them (the most
/// far-reaching first).
pub fn reach(anchored: &[String], new_lines: &[String]) -> usize {
    let (old, new) = (Passage::new(anchored, |_| true), Passage::new(new_lines, |_| true));
    diff_lines(&old.tokens, &new.tokens).iter().map(|change| change.old.count + change.new.count).sum()
}

/// An amendment rewritten onto a new passage: the lines of the passage it now replaces
/// (`span`, relative to the passage) and what it puts there, trimmed of the alinéas it
/// leaves as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Narrowed {
    pub span: Span,
    pub versions: Vec<Vec<String>>,
}

/// The narrowest span of `passage` outside which none of `rewrites` (each a full rewrite of
/// the passage) differs from it, and each rewrite's lines for that span. Several rewrites
/// (an amendment's proposal and a drafter's modified version) share one span.
pub fn narrow(passage: &[String], rewrites: &[Vec<String>]) -> Narrowed {
    let shortest = rewrites.iter().map(Vec::len).chain([passage.len()]).min().unwrap_or(0);
    let same_at_start = |rewrite: &Vec<String>| passage.iter().zip(rewrite).take_while(|(a, b)| a == b).count();
    let same_at_end =
        |rewrite: &Vec<String>| passage.iter().rev().zip(rewrite.iter().rev()).take_while(|(a, b)| a == b).count();
    let prefix = rewrites.iter().map(same_at_start).min().unwrap_or(0).min(shortest);
    let suffix = rewrites.iter().map(same_at_end).min().unwrap_or(0).min(shortest - prefix);
    let span = Span::new(prefix, passage.len() - prefix - suffix);
    let versions = rewrites.iter().map(|rewrite| rewrite[prefix..rewrite.len() - suffix].to_vec()).collect();
    Narrowed { span, versions }
}

/// A passage as tokens: each line's word tokens, with [`BREAK`] between lines, and where
/// each line's tokens start and end.
struct Passage<'a> {
    tokens: Vec<&'a str>,
    /// For each line, the range of its tokens (its break excluded).
    lines: Vec<Range<usize>>,
}

impl<'a> Passage<'a> {
    /// The passage with the lines `in_words` says cut into words, the others one token.
    fn new(lines: &'a [String], in_words: impl Fn(usize) -> bool) -> Passage<'a> {
        let mut tokens = Vec::with_capacity(lines.len() * 2);
        let mut ranges = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            if index > 0 {
                tokens.push(BREAK);
            }
            let start = tokens.len();
            if in_words(index) {
                tokens.extend(words::tokens(line));
            } else {
                tokens.push(line.as_str());
            }
            ranges.push(start..tokens.len());
        }
        Passage { tokens, lines: ranges }
    }

    /// The tokens of lines `lines`, with the breaks between them.
    fn block(&self, lines: Span) -> Range<usize> {
        match (self.lines.get(lines.start), lines.end().checked_sub(1).and_then(|last| self.lines.get(last))) {
            (Some(first), Some(last)) if lines.count > 0 => first.start..last.end,
            _ => 0..0,
        }
    }
}

/// A change of a version's tokens: `span` of the base's tokens became the tokens `new` of
/// the version's.
struct WordChange {
    span: Span,
    new: Range<usize>,
    /// It inserts, removes, splits or joins alinéas: another version's change that meets it,
    /// even only at its start or end, collides with it (a word put against a removed
    /// alinéa would otherwise land in its neighbour).
    whole_alineas: bool,
}

/// The word changes that turn `base` into `version`, as spans of the base's tokens and
/// ranges of the version's. Lines are compared first, and words only inside the lines a
/// change rewrote one for one (as many alinéas as it replaced), line by line: a word diff
/// run across alinéas would match words of one with words of another. A change that
/// inserts, removes, splits or joins alinéas changes all their words, so any other change
/// of those alinéas (or an insertion between them) collides with it.
fn word_changes(
    base: &[String],
    base_tokens: &Passage<'_>,
    version: &[String],
    version_tokens: &Passage<'_>,
    line_changes: &[Change],
) -> Vec<WordChange> {
    let mut changes = Vec::new();
    let push_words = |changes: &mut Vec<WordChange>, old: Range<usize>, new: Range<usize>| {
        let (from, to) = (&base_tokens.tokens[old.clone()], &version_tokens.tokens[new.clone()]);
        for change in diff_lines(from, to) {
            let span = Span::new(old.start + change.old.start, change.old.count);
            let new = new.start + change.new.start..new.start + change.new.end();
            changes.push(WordChange { span, new, whole_alineas: false });
        }
    };
    for change in line_changes {
        let (old, new) = (change.old, change.new);
        if old.count > 0 && new.count > 0 {
            if old.count == new.count {
                for offset in 0..old.count {
                    let (old_line, new_line) = (Span::new(old.start + offset, 1), Span::new(new.start + offset, 1));
                    push_words(&mut changes, base_tokens.block(old_line), version_tokens.block(new_line));
                }
            } else {
                // Alinéas split, joined or rewritten into another number of alinéas: no
                // line of one is the other's, so the change is all their words at once.
                let (span, new) = (span_of(base_tokens.block(old)), version_tokens.block(new));
                changes.push(WordChange { span, new, whole_alineas: true });
            }
            continue;
        }
        // Whole alinéas inserted or removed: their tokens with one break each.
        let (old_tokens, new_tokens) = (base_tokens.tokens.len(), version_tokens.tokens.len());
        let (span, inserted) = if old.count == 0 {
            let added = version_tokens.block(new);
            if base.is_empty() {
                (Span::new(0, 0), 0..new_tokens)
            } else if old.start < base.len() {
                // Before a line: the new lines, each followed by a break.
                let at = base_tokens.lines[old.start].start;
                (Span::new(at, 0), added.start..(added.end + 1).min(new_tokens))
            } else {
                // At the end: a break, then the new lines.
                (Span::new(old_tokens, 0), added.start.saturating_sub(1)..added.end)
            }
        } else {
            let removed = base_tokens.block(old);
            if version.is_empty() {
                (Span::new(0, old_tokens), 0..0)
            } else if old.end() < base.len() {
                (Span::new(removed.start, removed.len() + 1), 0..0)
            } else {
                let from = removed.start.saturating_sub(1);
                (Span::new(from, removed.end - from), 0..0)
            }
        };
        changes.push(WordChange { span, new: inserted, whole_alineas: true });
    }
    changes
}

/// The lines the tokens make, and for each token the line it falls in (a break token
/// counts in the line it ends).
fn into_lines(tokens: &[&str]) -> (Vec<String>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut line_of_token = Vec::with_capacity(tokens.len());
    let mut current = String::new();
    for &token in tokens {
        line_of_token.push(lines.len());
        if token == BREAK {
            lines.push(std::mem::take(&mut current));
        } else {
            current.push_str(token);
        }
    }
    if !tokens.is_empty() {
        lines.push(current);
    }
    (lines, line_of_token)
}

/// The lines each applied change falls on: those of the words it wrote, or, for a pure
/// deletion, the line where the deleted words were.
fn lines_of_change(change: &Change, line_of_token: &[usize], line_count: usize) -> std::ops::RangeInclusive<usize> {
    let last_line = line_count.saturating_sub(1);
    let line_at = |token: usize| line_of_token.get(token).copied().unwrap_or(last_line);
    if change.new.count == 0 {
        let line = line_at(change.new.start);
        return line..=line;
    }
    line_at(change.new.start)..=line_at(change.new.end() - 1)
}

fn made_by(
    merged: &Merged<&str>,
    base_tokens: &[&str],
    owners: &[usize],
    line_of_token: &[usize],
    line_count: usize,
) -> Vec<Option<usize>> {
    let mut owner_of_change = vec![0; merged.changes.len()];
    for (edit, &change) in merged.change_of_edit.iter().enumerate() {
        owner_of_change[change] = owners[edit];
    }
    let mut made_by = vec![None; line_count];
    // Changes are in text order, so the first to reach a line claims it.
    for (change, owner) in merged.changes.iter().zip(owner_of_change) {
        // Removing whole alinéas writes no line: the one after them is not its maker's.
        let removed = base_tokens.get(change.old.start..change.old.end()).unwrap_or_default();
        if change.new.count == 0 && removed.contains(&BREAK) {
            continue;
        }
        for line in lines_of_change(change, line_of_token, line_count) {
            if let Some(slot @ None) = made_by.get_mut(line) {
                *slot = Some(owner);
            }
        }
    }
    made_by
}

/// The pairs of versions whose changes meet on a blank line.
fn blank_makers(
    merged: &Merged<&str>,
    owners: &[usize],
    line_of_token: &[usize],
    line_count: usize,
    blank: &[usize],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for &line in blank {
        let mut makers: Vec<usize> = merged
            .change_of_edit
            .iter()
            .enumerate()
            .filter(|&(_, &change)| lines_of_change(&merged.changes[change], line_of_token, line_count).contains(&line))
            .map(|(edit, _)| owners[edit])
            .collect();
        makers.sort_unstable();
        makers.dedup();
        // One version alone never leaves a blank line (its own lines are valid), so at
        // least two met here; name the first two when the count says otherwise.
        match makers.as_slice() {
            [first, rest @ ..] if !rest.is_empty() => pairs.extend(rest.iter().map(|&other| (*first, other))),
            _ => pairs.push((0, owners.iter().copied().max().unwrap_or(0).max(1))),
        }
    }
    pairs
}

/// Where an insertion goes among insertions at one point: alinéas inserted before a line
/// first, words next, alinéas appended after a line last.
fn insertion_rank(edit: &Edit<'_, &str>) -> u8 {
    match (edit.span.count, edit.replacement.first(), edit.replacement.last()) {
        (0, Some(_), Some(&BREAK)) => 0,
        (0, Some(&BREAK), Some(_)) => 2,
        _ => 1,
    }
}

/// The pairs of versions where words one inserts sit at an edge of alinéas the other
/// removes or rewrites whole, on the side of the words (the first words of a removed line,
/// the last of one rewritten): they belong to those alinéas, and would land in a neighbour.
fn words_at_alinea_edges(
    base_tokens: &[&str],
    edits: &[Edit<'_, &str>],
    owners: &[usize],
    whole_alineas: &[bool],
) -> Vec<(usize, usize)> {
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (index, edit) in edits.iter().enumerate().filter(|&(index, edit)| whole_alineas[index] && edit.span.count > 0) {
        let (start, end) = (edit.span.start, edit.span.end());
        if base_tokens.get(start).is_some_and(|&token| token != BREAK) {
            edges.push((start, owners[index]));
        }
        if end > 0 && base_tokens.get(end - 1).is_some_and(|&token| token != BREAK) {
            edges.push((end, owners[index]));
        }
    }
    if edges.is_empty() {
        return Vec::new();
    }
    edges.sort_unstable();
    let mut pairs = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        if edit.span.count > 0 || whole_alineas[index] {
            continue;
        }
        let first = edges.partition_point(|&(point, _)| point < edit.span.start);
        for &(_, owner) in edges[first..].iter().take_while(|&&(point, _)| point == edit.span.start) {
            if owner != owners[index] {
                pairs.push((owner, owners[index]));
            }
        }
    }
    pairs
}

/// Every pair of `count` versions.
fn all_pairs(count: usize) -> Vec<Collision> {
    (0..count).flat_map(|first| (first + 1..count).map(move |second| Collision { first, second })).collect()
}

/// Distinct pairs of different versions, smaller index first, in order.
fn owner_pairs(pairs: impl Iterator<Item = (usize, usize)>) -> Vec<Collision> {
    let mut found: Vec<Collision> =
        pairs.filter(|(a, b)| a != b).map(|(a, b)| Collision { first: a.min(b), second: a.max(b) }).collect();
    found.sort_by_key(|pair| (pair.first, pair.second));
    found.dedup();
    found
}

/// How a merge of line edits came out once colliding edits were reconciled word by word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMerge {
    /// The merged lines and the line changes it made; edits reconciled together share one
    /// change (their `change_of_edit` entries are equal).
    pub merged: Merged<String>,
    /// The edits whose lines collided and were reconciled word by word, one group each.
    pub groups: Vec<Group>,
}

/// Edits merged word by word as one change of the lines `span` of the base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Indices into the edits given, in application order.
    pub members: Vec<usize>,
    pub span: Span,
    /// For each line the group wrote, the member whose words made it (`None`: unchanged).
    pub made_by: Vec<Option<usize>>,
}

/// Merges line `edits` into `base` (DESIGN rules 6 and 9): edits whose lines collide are
/// reconciled word by word, and only those whose words overlap are refused, named by pairs
/// of indices into `edits`, the whole set with them. Insertions at the same point go in the
/// order given.
pub fn merge_lines(base: &[String], edits: &[Edit<'_, String>]) -> Result<LineMerge, MergeError> {
    let (merge, mut collisions, _) = merge_groups(base, edits, false)?;
    if collisions.is_empty() {
        return Ok(merge);
    }
    collisions.truncate(super::merge::MAX_REPORTED_COLLISIONS);
    Err(MergeError::Collisions(collisions))
}

/// What can be merged of `edits`: like [`merge_lines`], but the edits of a colliding pair
/// are left out (and the others of their group reconciled without them) rather than the
/// whole set refused. The merge, the pairs found (smaller index first), and the edits left
/// out, in order. For a preview: each group is retried only without what collided in it.
pub fn merge_what_fits(
    base: &[String],
    edits: &[Edit<'_, String>],
) -> Result<(LineMerge, Vec<Collision>, Vec<usize>), MergeError> {
    merge_groups(base, edits, true)
}

fn merge_groups(
    base: &[String],
    edits: &[Edit<'_, String>],
    leave_out: bool,
) -> Result<(LineMerge, Vec<Collision>, Vec<usize>), MergeError> {
    if let Some(index) = edits.iter().position(|edit| !edit.span.fits(base.len())) {
        return Err(MergeError::OutOfRange { index });
    }
    let order = super::merge::application_order(edits.iter().map(|edit| edit.span));
    let mut groups: Vec<(Span, Vec<usize>)> = Vec::new();
    for index in order {
        let span = edits[index].span;
        match groups.last_mut() {
            // Edits come by start: one meeting the lines a group covers (overlapping them,
            // or an insertion strictly inside) collides with one of its members.
            Some((hull, members)) if hull.collides(span) || (span.count > 0 && span.start < hull.end()) => {
                let end = hull.end().max(span.end());
                *hull = Span::new(hull.start, end - hull.start);
                members.push(index);
            }
            _ => groups.push((span, vec![index])),
        }
    }

    let mut collisions = Vec::new();
    let mut left_out = Vec::new();
    let mut reconciled_groups = Vec::new();
    let mut combined: Vec<(Span, Vec<String>)> = Vec::with_capacity(groups.len());
    let mut edit_of_combined = Vec::with_capacity(groups.len());
    for (hull, mut members) in groups {
        // Each round leaves out at least two members, so this ends.
        loop {
            match members[..] {
                [] => break,
                [single] => {
                    combined.push((edits[single].span, edits[single].replacement.to_vec()));
                    edit_of_combined.push(vec![single]);
                    break;
                }
                _ => {}
            }
            let hull = if leave_out { hull_of(edits, &members) } else { hull };
            match reconcile_group(base, edits, hull, &members) {
                Ok(Reconciled { lines, made_by }) => {
                    reconciled_groups.push(Group { members: members.clone(), span: hull, made_by });
                    combined.push((hull, lines));
                    edit_of_combined.push(members);
                    break;
                }
                Err(pairs) => {
                    let named: Vec<Collision> = pairs
                        .iter()
                        .map(|pair| {
                            let (a, b) = (members[pair.first], members[pair.second]);
                            Collision { first: a.min(b), second: a.max(b) }
                        })
                        .collect();
                    if !leave_out {
                        collisions.extend(named);
                        break;
                    }
                    let out: Vec<usize> = if named.is_empty() {
                        members.clone()
                    } else {
                        named.iter().flat_map(|pair| [pair.first, pair.second]).collect()
                    };
                    collisions.extend(named);
                    left_out.extend(members.iter().copied().filter(|member| out.contains(member)));
                    members.retain(|member| !out.contains(member));
                }
            }
        }
    }
    collisions.sort_by_key(|pair| (pair.first, pair.second));
    collisions.dedup();
    left_out.sort_unstable();
    if !collisions.is_empty() && !leave_out {
        let empty = Merged { items: Vec::new(), changes: Vec::new(), change_of_edit: Vec::new() };
        return Ok((LineMerge { merged: empty, groups: Vec::new() }, collisions, left_out));
    }
    let line_edits: Vec<Edit<'_, String>> =
        combined.iter().map(|(span, lines)| Edit { span: *span, replacement: lines }).collect();
    let merged = apply_edits(base, &line_edits)?;
    let mut change_of_edit = vec![0; edits.len()];
    for (combined_index, members) in edit_of_combined.iter().enumerate() {
        for &member in members {
            change_of_edit[member] = merged.change_of_edit[combined_index];
        }
    }
    let merge = LineMerge { merged: Merged { change_of_edit, ..merged }, groups: reconciled_groups };
    Ok((merge, collisions, left_out))
}

/// The lines the edits `members` cover together.
fn hull_of(edits: &[Edit<'_, String>], members: &[usize]) -> Span {
    let start = members.iter().map(|&member| edits[member].span.start).min().unwrap_or(0);
    let end = members.iter().map(|&member| edits[member].span.end()).max().unwrap_or(start);
    Span::new(start, end - start)
}

/// The edits `members`, whose lines collide, reconciled word by word over the lines `hull`:
/// its lines and who made each (indices into `edits`), or the pairs (indices into
/// `members`) that collide.
fn reconcile_group(
    base: &[String],
    edits: &[Edit<'_, String>],
    hull: Span,
    members: &[usize],
) -> Result<Reconciled, Vec<Collision>> {
    let passage = &base[hull.start..hull.end()];
    let versions: Vec<Vec<String>> = members
        .iter()
        .map(|&member| {
            let edit = &edits[member];
            let mut version = passage[..edit.span.start - hull.start].to_vec();
            version.extend_from_slice(edit.replacement);
            version.extend_from_slice(&passage[edit.span.end() - hull.start..]);
            version
        })
        .collect();
    let version_refs: Vec<&[String]> = versions.iter().map(Vec::as_slice).collect();
    let reconciled = if hull.count > MAX_PASSAGE_LINES { Err(Vec::new()) } else { reconcile(passage, &version_refs) };
    match reconciled {
        Ok(reconciled) => {
            let made_by = reconciled.made_by.iter().map(|maker| maker.map(|version| members[version])).collect();
            Ok(Reconciled { lines: reconciled.lines, made_by })
        }
        // Without word pairs to name (a passage too long to reconcile), the pairs whose
        // lines collide are named.
        Err(pairs) if pairs.is_empty() => {
            let member_edits: Vec<Edit<'_, String>> = members
                .iter()
                .map(|&member| Edit { span: edits[member].span, replacement: edits[member].replacement })
                .collect();
            Err(super::merge::collisions(&member_edits))
        }
        Err(pairs) => Err(pairs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";

    #[test]
    fn different_words_of_one_alinea_reconcile() {
        let base = lines(&[GOAL]);
        let later = lines(&[&GOAL.replace("2030", "2035")]);
        let more = lines(&[&GOAL.replace("100", "200")]);
        let both = reconcile(&base, &[&later, &more]).map(|r| r.lines);
        assert_eq!(both, Ok(lines(&["Atteindre la neutralité carbone en 2035 avec 200 % d'énergies renouvelables."])));
        assert_eq!(
            rebase_passage(&base, &later, &more),
            Some(lines(&["Atteindre la neutralité carbone en 2035 avec 200 % d'énergies renouvelables."]))
        );
    }

    #[test]
    fn the_same_words_collide() {
        let base = lines(&[GOAL]);
        let one = lines(&[&GOAL.replace("2030", "2035")]);
        let other = lines(&[&GOAL.replace("2030", "2040")]);
        assert_eq!(reconcile(&base, &[&one, &other]), Err(vec![Collision { first: 0, second: 1 }]));
        assert_eq!(rebase_passage(&base, &one, &other), None);
        // A change already made is nothing left to rebase.
        assert_eq!(rebase_passage(&base, &one, &one), None);
    }

    #[test]
    fn lines_inserted_and_words_changed_in_one_passage() {
        let base = lines(&["Un deux trois.", "Quatre cinq."]);
        let inserted = lines(&["Un deux trois.", "Nouveau.", "Quatre cinq."]);
        let changed = lines(&["Un deux trois.", "Quatre six."]);
        let both = reconcile(&base, &[&inserted, &changed]).expect("disjoint");
        assert_eq!(both.lines, lines(&["Un deux trois.", "Nouveau.", "Quatre six."]));
        assert_eq!(both.made_by[1], Some(0));
        assert_eq!(both.made_by[2], Some(1));
    }

    #[test]
    fn an_alinea_emptied_by_two_changes_is_a_collision() {
        // One removes the first word, the other the rest: together, nothing is left.
        let base = lines(&["a b", "c"]);
        let one = lines(&["b", "c"]);
        let other = lines(&["a", "c"]);
        let result = reconcile(&base, &[&one, &other]);
        assert!(result.is_err() || result.as_ref().is_ok_and(|r| r.lines.iter().all(|l| !l.trim().is_empty())));
    }

    #[test]
    fn words_never_land_against_an_alinea_inserted_or_removed() {
        // Removed alinéa, the other side changing it: never carried to its neighbour.
        let base = lines(&["a", "b c", "d"]);
        assert_eq!(rebase_passage(&base, &lines(&["a", "d"]), &lines(&["a", "Not b c", "d"])), None);
        assert_eq!(rebase_passage(&lines(&["a", "b"]), &lines(&["a"]), &lines(&["a", "b c"])), None);
        // An alinéa inserted against words the other side puts at the start or the end of
        // its neighbour: each stays where it was written.
        let (base, prefixed) = (lines(&["c d"]), lines(&["X c d"]));
        assert_eq!(rebase_passage(&base, &prefixed, &lines(&["NEW", "c d"])), Some(lines(&["NEW", "X c d"])));
        assert_eq!(rebase_passage(&base, &lines(&["NEW", "c d"]), &prefixed), Some(lines(&["NEW", "X c d"])));
        let (base, suffixed) = (lines(&["k"]), lines(&["k word"]));
        assert_eq!(rebase_passage(&base, &suffixed, &lines(&["k", "NEW"])), Some(lines(&["k word", "NEW"])));
        assert_eq!(rebase_passage(&base, &lines(&["k", "NEW"]), &suffixed), Some(lines(&["k word", "NEW"])));
        // Words put at the edge of alinéas rewritten into another number of alinéas.
        let base = lines(&["a b", "c d"]);
        assert_eq!(rebase_passage(&base, &lines(&["a b c d"]), &lines(&["Z a b", "c d"])), None);
        // Apart from each other, they combine.
        let base = lines(&["Un deux trois.", "Quatre cinq six."]);
        let removed = lines(&["Quatre cinq six."]);
        let changed = lines(&["Un deux trois.", "Quatre cinq sept."]);
        assert_eq!(rebase_passage(&base, &removed, &changed), Some(lines(&["Quatre cinq sept."])));
    }

    #[test]
    fn removing_an_alinea_makes_no_line() {
        let base = lines(&["zéro un", "un deux trois"]);
        let removed = lines(&["un deux trois"]);
        let changed = lines(&["zéro un", "un deux quatre"]);
        let both = reconcile(&base, &[&removed, &changed]).expect("apart");
        assert_eq!(both.lines, lines(&["un deux quatre"]));
        assert_eq!(both.made_by, vec![Some(1)]);
    }

    #[test]
    fn amendments_compete_on_the_same_words_only() {
        let text = lines(&[GOAL, "Autre."]);
        let later = lines(&[&GOAL.replace("2030", "2035")]);
        let more = lines(&[&GOAL.replace("100", "200")]);
        let clash = lines(&[&GOAL.replace("2030", "2040")]);
        let on_goal = Span::new(0, 1);
        assert!(!compete(&text, (on_goal, &later), (on_goal, &more)));
        assert!(compete(&text, (on_goal, &later), (on_goal, &clash)));
        assert!(!compete(&text, (on_goal, &later), (Span::new(1, 1), &clash)), "other lines");
        assert!(reach(&text[..1], &lines(&["Tout autre chose."])) > reach(&text[..1], &later));
    }

    #[test]
    fn what_fits_leaves_out_the_colliding_pair_and_merges_the_rest_of_its_group() {
        let base = lines(&[GOAL]);
        let (later, clash, more) = (
            lines(&[&GOAL.replace("2030", "2035")]),
            lines(&[&GOAL.replace("2030", "2040")]),
            lines(&[&GOAL.replace("100", "200")]),
        );
        let on_goal = Span::new(0, 1);
        let edits = [
            Edit { span: on_goal, replacement: &later[..] },
            Edit { span: on_goal, replacement: &clash[..] },
            Edit { span: on_goal, replacement: &more[..] },
        ];
        let (merge, collisions, left_out) = merge_what_fits(&base, &edits).expect("in bounds");
        assert_eq!(merge.merged.items, more);
        assert_eq!(collisions, [Collision { first: 0, second: 1 }]);
        assert_eq!(left_out, [0, 1]);
        assert!(merge_lines(&base, &edits).is_err(), "a merge refuses the whole set");
    }

    #[test]
    fn narrowing_keeps_one_span_for_every_rewrite() {
        let passage = lines(&["a", "b", "c"]);
        let narrowed = narrow(&passage, &[lines(&["a", "B", "c"]), lines(&["a", "B2", "c"])]);
        assert_eq!(narrowed.span, Span::new(1, 1));
        assert_eq!(narrowed.versions, vec![lines(&["B"]), lines(&["B2"])]);
        let deletion = narrow(&passage, &[lines(&["a", "c"])]);
        assert_eq!(deletion.span, Span::new(1, 1));
        assert_eq!(deletion.versions, vec![Vec::<String>::new()]);
    }

    #[test]
    fn merging_lines_groups_colliding_edits_only() {
        let base = lines(&[GOAL, "Deuxième alinéa."]);
        let later = lines(&[&GOAL.replace("2030", "2035")]);
        let more = lines(&[&GOAL.replace("100", "200")]);
        let second = lines(&["Deuxième alinéa modifié."]);
        let edits = [
            Edit { span: Span::new(0, 1), replacement: &later[..] },
            Edit { span: Span::new(1, 1), replacement: &second[..] },
            Edit { span: Span::new(0, 1), replacement: &more[..] },
        ];
        let merge = merge_lines(&base, &edits).expect("disjoint words");
        assert_eq!(
            merge.merged.items,
            lines(&[
                "Atteindre la neutralité carbone en 2035 avec 200 % d'énergies renouvelables.",
                "Deuxième alinéa modifié."
            ])
        );
        assert_eq!(merge.merged.change_of_edit, vec![0, 1, 0]);
        assert_eq!(merge.groups.len(), 1);
        assert_eq!(merge.groups[0].members, vec![0, 2]);

        let clash = lines(&[&GOAL.replace("2030", "2040")]);
        let edits = [
            Edit { span: Span::new(0, 1), replacement: &later[..] },
            Edit { span: Span::new(0, 1), replacement: &clash[..] },
        ];
        assert_eq!(
            merge_lines(&base, &edits).map(|m| m.merged.items),
            Err(MergeError::Collisions(vec![Collision { first: 0, second: 1 }]))
        );
    }
}
