//! Partial adoption (issue 10, part 6): an amendment's changes as the merge engine sees
//! them, and the passage with only some of them applied.

use super::{BREAK, MAX_PASSAGE_LINES, Passage, WordChange, diff_lines, into_lines, word_changes};

/// One change of an amendment, at word level (issue 10, part 6: partial adoption): the
/// words it removes and those it adds, a break between alinéas shown as ` ¶ `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub removed: String,
    pub added: String,
}

/// The changes that turn `anchored` into `proposed`, in order: words inside alinéas
/// rewritten one for one, whole alinéas otherwise (a passage beyond
/// [`MAX_PASSAGE_LINES`] is compared by alinéas only).
pub fn hunks(anchored: &[String], proposed: &[String]) -> Vec<Hunk> {
    let (base, version, changes) = amendment_changes(anchored, proposed);
    let shown = |tokens: &[&str]| tokens.iter().map(|token| if *token == BREAK { " ¶ " } else { token }).collect();
    changes
        .iter()
        .map(|change| Hunk {
            removed: shown(&base.tokens[change.span.start..change.span.end()]),
            added: shown(&version.tokens[change.new.clone()]),
        })
        .collect()
}

/// `anchored` with only the changes `kept` (indices into [`hunks`]) of the amendment that
/// proposes `proposed`: what a drafter adopts of it in part. `Err` with the first index
/// that names no change.
pub fn adopt_part(anchored: &[String], proposed: &[String], kept: &[usize]) -> Result<Vec<String>, usize> {
    let (base, version, changes) = amendment_changes(anchored, proposed);
    // One pass over the indices, however many are given (repeats included).
    let mut keep = vec![false; changes.len()];
    for &index in kept {
        *keep.get_mut(index).ok_or(index)? = true;
    }
    let mut tokens: Vec<&str> = Vec::with_capacity(base.tokens.len());
    let mut at = 0;
    for (change, _) in changes.iter().zip(&keep).filter(|(_, keep)| **keep) {
        tokens.extend_from_slice(&base.tokens[at..change.span.start]);
        tokens.extend_from_slice(&version.tokens[change.new.clone()]);
        at = change.span.end();
    }
    tokens.extend_from_slice(&base.tokens[at..]);
    Ok(into_lines(&tokens).0)
}

/// Both sides of an amendment as tokens, and its changes in order.
fn amendment_changes<'a>(
    anchored: &'a [String],
    proposed: &'a [String],
) -> (Passage<'a>, Passage<'a>, Vec<WordChange>) {
    let in_words = anchored.len().max(proposed.len()) <= MAX_PASSAGE_LINES;
    let (base, version) = (Passage::new(anchored, |_| in_words), Passage::new(proposed, |_| in_words));
    let line_changes = diff_lines(anchored, proposed);
    let mut changes = word_changes(anchored, &base, proposed, &version, &line_changes);
    changes.sort_by_key(|change| (change.span.start, change.span.count));
    (base, version, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amendment_is_adopted_in_part_hunk_by_hunk() {
        let goal = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";
        let anchored = vec![goal.to_owned(), "Fin.".to_owned()];
        let proposed = vec![goal.replace("2030", "2035").replace("100", "200"), "Fin.".to_owned(), "Ajout.".to_owned()];
        let found = hunks(&anchored, &proposed);
        assert_eq!(
            found,
            [
                Hunk { removed: "2030".into(), added: "2035".into() },
                Hunk { removed: "100".into(), added: "200".into() },
                Hunk { removed: String::new(), added: " ¶ Ajout.".into() },
            ]
        );
        assert_eq!(adopt_part(&anchored, &proposed, &[1]), Ok(vec![goal.replace("100", "200"), "Fin.".to_owned()]));
        assert_eq!(adopt_part(&anchored, &proposed, &[0, 1, 2]), Ok(proposed.clone()));
        assert_eq!(adopt_part(&anchored, &proposed, &[]), Ok(anchored.clone()));
        assert_eq!(adopt_part(&anchored, &proposed, &[2, 3]), Err(3));
        assert_eq!(
            adopt_part(&anchored, &proposed, &[2]),
            Ok(vec![goal.to_owned(), "Fin.".to_owned(), "Ajout.".to_owned()])
        );
    }

    proptest::proptest! {
        #[test]
        fn adopting_every_hunk_is_the_proposal_and_none_the_passage(
            anchored in proptest::collection::vec("[a-c]{1,3}( [a-c]{1,3}){0,4}", 0..4),
            proposed in proptest::collection::vec("[a-c]{1,3}( [a-c]{1,3}){0,4}", 0..4),
        ) {
            let all: Vec<usize> = (0..hunks(&anchored, &proposed).len()).collect();
            proptest::prop_assert_eq!(adopt_part(&anchored, &proposed, &all), Ok(proposed.clone()));
            proptest::prop_assert_eq!(adopt_part(&anchored, &proposed, &[]), Ok(anchored.clone()));
        }
    }
}
