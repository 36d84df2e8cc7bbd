//! What a line is (DESIGN "Line"): a paragraph, a heading, a list item or a quotation,
//! written Markdown-style at its start. Pages, diffs, forms and office exports show the kind
//! and never the raw marker; only the Markdown export keeps it.

/// The kind of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    Paragraph,
    /// `#` to `######`.
    Heading {
        level: u8,
    },
    /// `- ` (or `* `, `+ `), or `N. ` (or `N) `) when `number` is given; `depth` counts the
    /// levels of indentation (two spaces each) that nest it.
    ListItem {
        depth: u8,
        number: Option<u32>,
    },
    /// `> `.
    Quotation,
}

/// A line cut into its kind and its text (the line without its marker).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub kind: LineKind,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// Reads a line's kind from its start. Lines are normalised on the way in (rule 1), but
    /// any line parses: a marker without the space after it is text.
    pub fn parse(line: &'a str) -> Line<'a> {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        let spaced = |marker_len: usize| {
            let after = &content[marker_len..];
            let text = after.trim_start_matches([' ', '\t']);
            (text.len() < after.len() && !text.is_empty()).then_some(text)
        };
        let hashes = content.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes)
            && let Some(text) = spaced(hashes)
        {
            return Line { kind: LineKind::Heading { level: hashes as u8 }, text };
        }
        if content.starts_with(['-', '*', '+'])
            && let Some(text) = spaced(1)
        {
            return Line { kind: LineKind::ListItem { depth: depth(indent), number: None }, text };
        }
        let digits = content.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits)
            && content[digits..].starts_with(['.', ')'])
            && let Some(text) = spaced(digits + 1)
        {
            let number = content[..digits].parse().ok();
            return Line { kind: LineKind::ListItem { depth: depth(indent), number }, text };
        }
        if let Some(after) = content.strip_prefix('>') {
            let text = after.trim_start_matches([' ', '\t']);
            if !text.is_empty() {
                return Line { kind: LineKind::Quotation, text };
            }
        }
        Line { kind: LineKind::Paragraph, text: content }
    }
}

/// Levels of nesting of an indentation: two spaces (or a tab) each.
fn depth(indent: &str) -> u8 {
    let columns: usize = indent.chars().map(|c| if c == '\t' { 2 } else { 1 }).sum();
    u8::try_from(columns / 2).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> (LineKind, &str) {
        let parsed = Line::parse(line);
        (parsed.kind, parsed.text)
    }

    #[test]
    fn kinds() {
        use LineKind::*;
        assert_eq!(parse("## Proposition 1"), (Heading { level: 2 }, "Proposition 1"));
        assert_eq!(parse("- Porter le SMIC"), (ListItem { depth: 0, number: None }, "Porter le SMIC"));
        assert_eq!(parse("  * sous-point"), (ListItem { depth: 1, number: None }, "sous-point"));
        assert_eq!(parse("12. Douzième"), (ListItem { depth: 0, number: Some(12) }, "Douzième"));
        assert_eq!(parse("3) Troisième"), (ListItem { depth: 0, number: Some(3) }, "Troisième"));
        assert_eq!(parse("> Une citation"), (Quotation, "Une citation"));
        assert_eq!(parse("Un paragraphe."), (Paragraph, "Un paragraphe."));
        // A number is one to nine digits before its dot or parenthesis.
        assert_eq!(parse("\t- tabulé"), (ListItem { depth: 1, number: None }, "tabulé"));
        for text in [
            "#sans espace",
            "####### sept",
            "-5 %",
            "10.5 %",
            "*gras*",
            ">",
            "#",
            ". point",
            "1234567890. dix chiffres",
        ] {
            assert_eq!(parse(text), (Paragraph, text), "{text}");
        }
    }
}
