//! What a comment's body is made of when shown: plain text, and the web addresses in it,
//! which pages make clickable. Nothing else a member types becomes markup.

/// A piece of a comment's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    /// An `http://` or `https://` address, as typed.
    Link(&'a str),
}

/// Characters that end an address: spaces, and what cannot be in one unescaped.
fn ends_address(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\' | '^')
}

/// The body cut into text and addresses. An address runs from `http://` or `https://` (in
/// any case, not glued to a letter or digit before it) to the next space; punctuation that
/// ends a sentence (`.,;:!?`) and a closing bracket with no opening one inside it are left
/// out of it, and a scheme with nothing after it is text. Concatenated, the segments are
/// the body, and no two text segments follow each other.
pub fn segments(body: &str) -> Vec<Segment<'_>> {
    let mut pieces = Vec::new();
    // Where the text not yet given out starts, and where to look for the next address.
    let (mut text_from, mut search_from) = (0, 0);
    while let Some(start) = next_address(body, search_from) {
        let candidate = &body[start..];
        let mut end = candidate.find(ends_address).unwrap_or(candidate.len());
        while let Some(last) = candidate[..end].chars().last() {
            let address = &candidate[..end];
            let unbalanced = last == ')' && address.matches('(').count() < address.matches(')').count();
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') || unbalanced {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        let scheme = if candidate[..5].eq_ignore_ascii_case("https") { "https://".len() } else { "http://".len() };
        if end <= scheme {
            search_from = start + scheme;
            continue;
        }
        if start > text_from {
            pieces.push(Segment::Text(&body[text_from..start]));
        }
        pieces.push(Segment::Link(&candidate[..end]));
        text_from = start + end;
        search_from = text_from;
    }
    if text_from < body.len() {
        pieces.push(Segment::Text(&body[text_from..]));
    }
    pieces
}

/// Where the next address starts at or after byte `from`.
fn next_address(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at + 7 <= bytes.len() {
        let rest = &bytes[at..];
        let scheme = rest[..7].eq_ignore_ascii_case(b"http://")
            || (rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"https://"));
        let boundary = text[..at].chars().last().is_none_or(|c| !c.is_alphanumeric());
        if scheme && boundary {
            return Some(at);
        }
        at += 1;
        while at < bytes.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Segment::{Link, Text};
    use super::*;

    #[test]
    fn addresses_become_links_and_nothing_else_does() {
        assert_eq!(
            segments("Voir https://exemple.fr/rapport.pdf, page 3."),
            [Text("Voir "), Link("https://exemple.fr/rapport.pdf"), Text(", page 3.")]
        );
        assert_eq!(
            segments("(source : http://a.fr/x_(y)) et HTTPS://B.FR."),
            [Text("(source : "), Link("http://a.fr/x_(y)"), Text(") et "), Link("HTTPS://B.FR"), Text(".")]
        );
        assert_eq!(segments("<a href=\"javascript:alert(1)\">x</a>"), [Text("<a href=\"javascript:alert(1)\">x</a>")]);
        assert_eq!(segments("https:// seul, xhttp://collé"), [Text("https:// seul, xhttp://collé")]);
        assert_eq!(segments("« https://é.fr/ça »"), [Text("« "), Link("https://é.fr/ça"), Text(" »")]);
        assert_eq!(segments(""), []);
    }
}
