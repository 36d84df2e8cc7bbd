//! The merge engine (DESIGN rule 6), generic over the item type so the same code merges
//! lines today and words for word-level reconciliation.

use super::change::Change;
use super::span::Span;

/// One edit of a base sequence: replace `span` with `replacement`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit<'a, T> {
    pub span: Span,
    pub replacement: &'a [T],
}

/// Two edits, by their indices in the list given, that cannot be applied together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Collision {
    pub first: usize,
    pub second: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("edit {index} lies outside the base")]
    OutOfRange { index: usize },
    #[error("{} pairs of edits collide", .0.len())]
    Collisions(Vec<Collision>),
}

/// Most collision pairs reported; a set with more is refused all the same.
pub const MAX_REPORTED_COLLISIONS: usize = 100;

/// The result of a merge: the new sequence and the changes it made, in application order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged<T> {
    pub items: Vec<T>,
    pub changes: Vec<Change>,
    /// For each edit as given, its place in `changes`.
    pub change_of_edit: Vec<usize>,
}

/// Applies all `edits` to `base` at once, or refuses the whole set: an edit outside the
/// base, or pairs that collide (overlapping ranges, or an insertion point strictly inside
/// another's range). Insertions at the same point go in the order given.
pub fn apply_edits<T: Clone>(base: &[T], edits: &[Edit<'_, T>]) -> Result<Merged<T>, MergeError> {
    if let Some(index) = edits.iter().position(|edit| !edit.span.fits(base.len())) {
        return Err(MergeError::OutOfRange { index });
    }
    let order = application_order(edits.iter().map(|edit| edit.span));
    let collisions = collisions_in_order(edits, &order);
    if !collisions.is_empty() {
        return Err(MergeError::Collisions(collisions));
    }

    let added: usize = edits.iter().map(|edit| edit.replacement.len()).sum();
    let mut items = Vec::with_capacity(base.len() + added);
    let mut changes = Vec::with_capacity(edits.len());
    let mut change_of_edit = vec![0; edits.len()];
    let mut copied_to = 0;
    for &index in &order {
        let edit = &edits[index];
        items.extend_from_slice(&base[copied_to..edit.span.start]);
        let new = Span::new(items.len(), edit.replacement.len());
        items.extend_from_slice(edit.replacement);
        copied_to = edit.span.end();
        change_of_edit[index] = changes.len();
        changes.push(Change { old: edit.span, new });
    }
    items.extend_from_slice(&base[copied_to..]);
    Ok(Merged { items, changes, change_of_edit })
}

/// Indices of `spans` in the order they apply: by position, insertions before a
/// replacement at the same point, ties kept in the order given.
pub fn application_order(spans: impl Iterator<Item = Span>) -> Vec<usize> {
    let keys: Vec<_> = spans.map(Span::application_key).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&index| keys[index]);
    order
}

/// Every colliding pair (up to [`MAX_REPORTED_COLLISIONS`]), each with its smaller index first.
pub fn collisions<T>(edits: &[Edit<'_, T>]) -> Vec<Collision> {
    let order = application_order(edits.iter().map(|edit| edit.span));
    collisions_in_order(edits, &order)
}

fn collisions_in_order<T>(edits: &[Edit<'_, T>], order: &[usize]) -> Vec<Collision> {
    let mut found = Vec::new();
    // In application order, an edit can only collide with later ones that start before it
    // ends, so each replacement scans forward only as far as its own range.
    'scan: for (position, &index) in order.iter().enumerate() {
        let span = edits[index].span;
        if span.is_insertion() {
            continue;
        }
        for &other in &order[position + 1..] {
            let other_span = edits[other].span;
            if other_span.start >= span.end() {
                break;
            }
            if span.collides(other_span) {
                found.push(Collision { first: index.min(other), second: index.max(other) });
                if found.len() == MAX_REPORTED_COLLISIONS {
                    break 'scan;
                }
            }
        }
    }
    found.sort_by_key(|c| (c.first, c.second));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit<'a>(start: usize, count: usize, replacement: &'a [&'a str]) -> Edit<'a, &'a str> {
        Edit { span: Span::new(start, count), replacement }
    }

    #[test]
    fn applies_disjoint_edits_in_position_order() {
        let base = ["a", "b", "c", "d"];
        let merged = apply_edits(&base, &[edit(3, 1, &["D"]), edit(0, 0, &["0"]), edit(1, 2, &[])]);
        assert_eq!(merged.map(|m| m.items), Ok(vec!["0", "a", "D"]));
    }

    #[test]
    fn insertions_at_one_point_keep_the_order_given_and_precede_a_replacement_there() {
        let base = ["a", "b"];
        let merged = apply_edits(&base, &[edit(1, 1, &["B"]), edit(1, 0, &["x"]), edit(1, 0, &["y"])]);
        assert_eq!(merged.map(|m| m.items), Ok(vec!["a", "x", "y", "B"]));
    }

    #[test]
    fn collisions_are_named_and_refuse_the_whole_set() {
        let base = ["a", "b", "c", "d"];
        let edits = [edit(0, 2, &["x"]), edit(3, 1, &["y"]), edit(1, 0, &["z"]), edit(1, 2, &["w"])];
        assert_eq!(
            apply_edits(&base, &edits),
            Err(MergeError::Collisions(vec![Collision { first: 0, second: 2 }, Collision { first: 0, second: 3 },]))
        );
    }

    #[test]
    fn collisions_are_found_without_merging() {
        let edits = [edit(0, 2, &["x"]), edit(3, 1, &["y"]), edit(1, 0, &["z"]), edit(1, 2, &["w"])];
        assert_eq!(collisions(&edits), [Collision { first: 0, second: 2 }, Collision { first: 0, second: 3 }]);
        assert!(collisions(&edits[1..3]).is_empty());
    }

    #[test]
    fn a_replacement_collides_with_every_edit_inside_it_however_many() {
        // Four insertions inside one range: each collides with it, none with another.
        let edits =
            [edit(2, 0, &["a"]), edit(0, 4, &["r"]), edit(1, 0, &["b"]), edit(3, 0, &["c"]), edit(2, 0, &["d"])];
        let pairs: Vec<(usize, usize)> = collisions(&edits).iter().map(|c| (c.first, c.second)).collect();
        assert_eq!(pairs, [(0, 1), (1, 2), (1, 3), (1, 4)]);
        // Reported up to a bound, the set refused all the same.
        let many: Vec<Edit<'_, &str>> =
            std::iter::once(edit(0, 200, &["r"])).chain((1..200).map(|at| edit(at, 0, &["i"]))).collect();
        assert_eq!(collisions(&many).len(), MAX_REPORTED_COLLISIONS);
    }

    #[test]
    fn edits_outside_the_base_are_refused() {
        assert_eq!(apply_edits(&["a"], &[edit(1, 1, &["x"])]), Err(MergeError::OutOfRange { index: 0 }));
        assert!(apply_edits(&["a"], &[edit(1, 0, &["x"])]).is_ok());
    }

    #[test]
    fn reports_the_changes_it_made() {
        let base = ["a", "b", "c"];
        let merged = apply_edits(&base, &[edit(2, 1, &["C", "C"]), edit(0, 1, &[])]).ok();
        let merged = merged.as_ref();
        assert_eq!(
            merged.map(|m| m.changes.clone()),
            Some(vec![
                Change { old: Span::new(0, 1), new: Span::new(0, 0) },
                Change { old: Span::new(2, 1), new: Span::new(1, 2) },
            ])
        );
        assert_eq!(merged.map(|m| m.change_of_edit.clone()), Some(vec![1, 0]));
    }
}
