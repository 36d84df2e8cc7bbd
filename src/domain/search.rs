//! What a reader types in the search box, read into a query the full-text index answers
//! (SQLite FTS5's syntax) without ever handing it the reader's own syntax: words are
//! required, `"several words"` is a phrase, `word*` a prefix, and everything else a reader
//! types (operators, brackets, column filters, stray quotes) is a separator. A query is
//! either a valid FTS5 expression or a clear refusal, never a syntax error in the index.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest query read, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words and phrases in one query.
pub const MAX_TERMS: usize = 12;
/// The shortest prefix: shorter ones would match most of the vocabulary.
pub const MIN_PREFIX_CHARS: usize = 2;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum QueryError {
    #[error("the query is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the query has more than {max} words")]
    TooManyTerms { max: usize },
    #[error("a prefix must have at least {min} letters")]
    PrefixTooShort { min: usize },
}

/// One required term: its words (one, or several for a phrase), the last one possibly a
/// prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub words: Vec<String>,
    pub prefix: bool,
}

/// A query read: the terms every result has. Empty when the reader typed no word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// Reads what a reader typed. Errors: `TooLong`, `TooManyTerms`, `PrefixTooShort`.
    pub fn parse(typed: &str) -> Result<Query, QueryError> {
        if typed.chars().count() > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { max: MAX_QUERY_CHARS });
        }
        let mut terms = Vec::new();
        // Outside quotes each chunk between spaces is a term; inside, the whole phrase is.
        for (index, part) in typed.split('"').enumerate() {
            let quoted = index % 2 == 1;
            let chunks: Vec<&str> = if quoted { vec![part] } else { part.split_whitespace().collect() };
            for chunk in chunks {
                let words = words_of(chunk);
                let Some(last) = words.last() else { continue };
                let prefix = !quoted && chunk.trim_end().ends_with('*');
                // The last word is the prefix, alone or at the end of a phrase.
                if prefix && last.chars().count() < MIN_PREFIX_CHARS {
                    return Err(QueryError::PrefixTooShort { min: MIN_PREFIX_CHARS });
                }
                terms.push(Term { words, prefix });
            }
        }
        if terms.len() > MAX_TERMS {
            return Err(QueryError::TooManyTerms { max: MAX_TERMS });
        }
        Ok(Query { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The FTS5 expression: each term quoted (a phrase of its words), `*` after a prefix,
    /// all of them required.
    pub fn to_fts(&self) -> String {
        let mut out = String::new();
        for term in &self.terms {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push('"');
            out.push_str(&term.words.join(" "));
            out.push('"');
            if term.prefix {
                out.push('*');
            }
        }
        out
    }

    /// Every word of the query, for highlighting outside the index.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().flat_map(|term| term.words.iter().map(String::as_str))
    }
}

/// A word as the index compares it: lower case, accents removed (`Élu` is `elu`).
pub fn fold(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Words shown around the first match.
pub const SNIPPET_WORDS: usize = 24;
/// Of which before it, when there are.
const SNIPPET_WORDS_BEFORE: usize = 6;

/// The words of `body` a result shows: about [`SNIPPET_WORDS`] words around the first word
/// the query matches (from the start when none does), `…` where the body was cut, line
/// breaks as spaces; and the byte ranges of the shown words the query matches, to
/// highlight. Matching ignores case and accents as the index does; a prefix term matches
/// the words it starts.
pub fn snippet(body: &str, query: &Query) -> (String, Vec<(usize, usize)>) {
    let wanted: Vec<(String, bool)> = query
        .terms
        .iter()
        .flat_map(|term| {
            let last = term.words.len().saturating_sub(1);
            term.words.iter().enumerate().map(move |(at, word)| (fold(word), term.prefix && at == last))
        })
        .collect();
    let matches = |word: &str| {
        let folded = fold(word);
        wanted.iter().any(|(want, prefix)| if *prefix { folded.starts_with(want.as_str()) } else { folded == *want })
    };
    // Each word of the body: its byte range.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in body.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, body.len()));
    }
    // Words are compared up to the first match, then in the window shown only: a long
    // body costs no more than the words before its first match.
    let first = words.iter().position(|&(from, to)| matches(&body[from..to])).unwrap_or(0);
    let from_word = first.saturating_sub(SNIPPET_WORDS_BEFORE);
    let to_word = (from_word + SNIPPET_WORDS).min(words.len());
    let cut_before = from_word > 0;
    let cut_after = to_word < words.len();
    let from = if cut_before { words[from_word].0 } else { 0 };
    let to = if cut_after { words[to_word - 1].1 } else { body.len() };
    let mut text = String::with_capacity(to - from + 8);
    if cut_before {
        text.push('…');
    }
    let offset = text.len();
    text.extend(body[from..to].chars().map(|c| if c == '\n' { ' ' } else { c }));
    if cut_after {
        text.push('…');
    }
    let marks = (from_word..to_word)
        .filter(|&index| matches(&body[words[index].0..words[index].1]))
        .map(|index| (words[index].0 - from + offset, words[index].1 - from + offset))
        .collect();
    (text, marks)
}

/// The words of a chunk as the index's tokenizer cuts them: runs of letters and digits;
/// an apostrophe or a hyphen inside a word cuts it (`l'état` is `l` `état`), so that a
/// chunk of several words becomes a phrase.
fn words_of(chunk: &str) -> Vec<String> {
    chunk.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(typed: &str) -> String {
        Query::parse(typed).map(|query| query.to_fts()).unwrap_or_else(|error| format!("error: {error}"))
    }

    #[test]
    fn words_are_required_and_quotes_make_phrases() {
        assert_eq!(fts("neutralité carbone"), r#""neutralité" "carbone""#);
        assert_eq!(fts(r#""énergies renouvelables" 2030"#), r#""énergies renouvelables" "2030""#);
        assert_eq!(fts("l'état"), r#""l état""#);
        assert_eq!(fts("   "), "");
    }

    #[test]
    fn a_star_makes_a_prefix_of_two_letters_or_more() {
        assert_eq!(fts("écol*"), r#""écol"*"#);
        assert_eq!(fts("é*"), "error: a prefix must have at least 2 letters");
        assert_eq!(fts("l'é*"), "error: a prefix must have at least 2 letters", "at the end of a phrase too");
        assert_eq!(fts("l'éc*"), r#""l éc"*"#);
        assert_eq!(fts("*"), "");
    }

    #[test]
    fn the_readers_own_syntax_is_a_separator() {
        assert_eq!(fts("a OR b NOT (c) body:d ^e"), r#""a" "OR" "b" "NOT" "c" "body d" "e""#);
        assert_eq!(fts(r#"un "guillemet seul"#), r#""un" "guillemet seul""#);
    }

    proptest::proptest! {
        /// A snippet's marks are ordered, inside it, on word boundaries, and each marks a
        /// word the query asked for.
        #[test]
        fn snippet_marks_are_words_of_the_query(body in "[a-zéèA-Z .,'\n-]{0,300}", word in "[a-zé]{1,4}") {
            let query = Query::parse(&word).unwrap_or_default();
            let (text, marks) = snippet(&body, &query);
            let mut last = 0;
            for (from, to) in marks {
                proptest::prop_assert!(last <= from && from < to && to <= text.len());
                proptest::prop_assert_eq!(fold(&text[from..to]), fold(&word));
                last = to;
            }
        }

        /// Whatever is typed, the index gets quoted runs of letters and digits, each with
        /// at most a star after it, and nothing else: no syntax of the reader's reaches it.
        #[test]
        fn any_typing_gives_only_quoted_words(typed in "\\PC{0,80}|[a-zé\"*:()^ -]{0,40}") {
            if let Ok(query) = Query::parse(&typed) {
                let fts = query.to_fts();
                let mut rest = fts.as_str();
                while !rest.is_empty() {
                    let inner = rest.strip_prefix('"').expect("a term opens with a quote");
                    let close = inner.find('"').expect("a term closes");
                    let words = &inner[..close];
                    proptest::prop_assert!(!words.is_empty());
                    proptest::prop_assert!(words.split(' ').all(|word| !word.is_empty() && word.chars().all(char::is_alphanumeric)));
                    rest = inner[close + 1..].strip_prefix('*').unwrap_or(&inner[close + 1..]);
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
            }
        }
    }

    #[test]
    fn snippets_mark_the_words_matched_whatever_their_accents() {
        let query = Query::parse("neutralite renouv*").unwrap_or_default();
        let (text, marks) = snippet("Atteindre la Neutralité carbone avec des énergies renouvelables.", &query);
        let marked: Vec<&str> = marks.iter().map(|&(from, to)| &text[from..to]).collect();
        assert_eq!(marked, ["Neutralité", "renouvelables"]);
        let long: String = (1..=60).map(|n| format!("mot{n} ")).collect::<String>() + "cible fin";
        let (text, marks) = snippet(&long, &Query::parse("cible").unwrap_or_default());
        assert!(text.starts_with("…mot55 ") && text.ends_with("fin"), "{text}");
        assert_eq!(marks.iter().map(|&(from, to)| &text[from..to]).collect::<Vec<_>>(), ["cible"]);
    }

    #[test]
    fn bounds_are_refused_clearly() {
        assert_eq!(Query::parse(&"a".repeat(201)), Err(QueryError::TooLong { max: 200 }));
        assert_eq!(Query::parse(&"mot ".repeat(13)), Err(QueryError::TooManyTerms { max: 12 }));
    }
}
