//! Text normalisation (DESIGN rule 1): a body is its lines joined by `\n`; a line is one
//! paragraph, heading or list item, so blank lines carry nothing and are dropped.

/// The lines of a revision or of an amendment's proposal.
pub type Lines = Vec<String>;

/// Normalises a body on the way in: CRLF and CR become LF, and lines that are empty or only
/// white space are dropped. An empty body has zero lines.
pub fn normalise(body: &str) -> Lines {
    body.split(['\n', '\r']).filter(|line| !is_blank(line)).map(str::to_owned).collect()
}

/// Normalises the lines of an amendment's proposal, given as separate lines or as one body.
pub fn normalise_lines<S: AsRef<str>>(lines: &[S]) -> Lines {
    lines.iter().flat_map(|line| normalise(line.as_ref())).collect()
}

pub fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// The body of some lines, as stored and exported: lines joined by `\n`, no final newline.
pub fn join(lines: &[String]) -> String {
    lines.join("\n")
}

/// Splits a stored body back into lines; the inverse of [`join`] for normalised lines.
pub fn split(body: &str) -> Lines {
    if body.is_empty() { Vec::new() } else { body.split('\n').map(str::to_owned).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_ends_and_blank_lines() {
        assert_eq!(normalise("a\r\nb\rc\n\n  \t\nd\n"), vec!["a", "b", "c", "d"]);
        assert_eq!(normalise(""), Vec::<String>::new());
        assert_eq!(normalise("\n\r\n \n"), Vec::<String>::new());
        // leading indentation is meaningful (nested list items) and kept
        assert_eq!(normalise("  - item"), vec!["  - item"]);
    }

    #[test]
    fn proposals_given_as_one_body_or_as_lines() {
        assert_eq!(normalise_lines(&["a\nb", "", "c"]), vec!["a", "b", "c"]);
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(body in "[a-c \r\n\t]{0,40}") {
            let once = normalise(&body);
            prop_assert_eq!(normalise(&join(&once)), once.clone());
            prop_assert_eq!(split(&join(&once)), once);
        }
    }
}
