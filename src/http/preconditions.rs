//! Versions seen and submissions repeated, as HTTP carries them (rule 8b): the ETags of an
//! amendment and of a text, the `If-Match` that names the version a client acts on, the
//! `Idempotency-Key` that names one submission, and the fingerprint of what a request sent.

use axum::http::{HeaderMap, Method};
use sha2::{Digest, Sha256};

use super::error::Problem;
use super::unreadable::Unreadable;
use crate::actions::{Seen, TextSeen};
use crate::domain::model::{Amendment, Text};
use crate::domain::printed::DEFAULT_WIDTH;
use crate::domain::{Phase, Secrecy};

pub const IF_MATCH: &str = "if-match";
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Longest `Idempotency-Key` taken.
const MAX_KEY_CHARS: usize = 255;

/// The ETag of an amendment (at its own address): changes with its version.
pub fn amendment_etag(amendment: &Amendment) -> String {
    format!("\"v{}\"", amendment.version)
}

/// The ETag of a text (at its own address): changes with its head (every edit, merge and
/// retitling makes one), its phase, its consultation's deadline, the co-signers its
/// amendments need, whether its votes are open, the limit of open amendments per member
/// and the printed width when not the default: `"r5.consultation"`,
/// `"r5.consultation.1765000000"`, `"r5.consultation.q2"`, `"r5.consultation.open"`,
/// `"r5.consultation.m10.w72"`.
pub fn text_etag(text: &Text) -> String {
    let settings = Settings {
        min_supporters: text.min_supporters,
        votes: text.votes,
        max_open: text.max_open_per_member,
        width: text.printed_width,
    };
    version_tag(text.head, text.phase, text.deadline, settings)
}

/// What a text's settings add to its ETag.
#[derive(PartialEq, Eq)]
struct Settings {
    min_supporters: u32,
    votes: Secrecy,
    max_open: u32,
    width: u32,
}

fn version_tag(head: u32, phase: Phase, deadline: Option<i64>, settings: Settings) -> String {
    let Settings { min_supporters, votes, max_open, width } = settings;
    let mut tag = format!("\"r{head}.{}", phase.as_str());
    if let Some(deadline) = deadline {
        tag.push_str(&format!(".{deadline}"));
    }
    if min_supporters > 0 {
        tag.push_str(&format!(".q{min_supporters}"));
    }
    if votes == Secrecy::Open {
        tag.push_str(".open");
    }
    if max_open > 0 {
        tag.push_str(&format!(".m{max_open}"));
    }
    if width != DEFAULT_WIDTH {
        tag.push_str(&format!(".w{width}"));
    }
    tag.push('"');
    tag
}

/// The strong entity tags an `If-Match` header lists (RFC 9110 §13.1.1); `None` without
/// the header or for `*` (any version). Weak tags are left out: a change compares tags
/// strongly, so they match nothing. A value that is no list of entity tags (an empty one,
/// `*` among tags, a tag without its quotes, a character outside ASCII) is refused with 400.
fn if_match_tags(headers: &HeaderMap) -> Result<Option<Vec<String>>, Problem> {
    let unreadable = || Problem::Unreadable(Unreadable::Header("If-Match"));
    let values: Vec<_> = headers.get_all(IF_MATCH).iter().collect();
    if values.is_empty() {
        return Ok(None);
    }
    let mut tags = Vec::new();
    let (mut any, mut elements) = (false, 0);
    for value in values {
        let value = value.to_str().map_err(|_| unreadable())?;
        // Empty list elements are allowed and mean nothing (RFC 9110 §5.6.1).
        for element in value.split(',').map(str::trim).filter(|element| !element.is_empty()) {
            elements += 1;
            if element == "*" {
                any = true;
                continue;
            }
            let (weak, tag) = match element.strip_prefix("W/") {
                Some(tag) => (true, tag),
                None => (false, element),
            };
            let opaque = tag.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).ok_or_else(unreadable)?;
            // etagc: visible ASCII but the quote, or obs-text; ours are ASCII.
            if !opaque.bytes().all(|byte| byte == 0x21 || (0x23..=0x7E).contains(&byte)) {
                return Err(unreadable());
            }
            if !weak {
                tags.push(tag.to_owned());
            }
        }
    }
    match (any, elements) {
        (_, 0) => Err(unreadable()),
        (true, 1) => Ok(None),
        // `*` stands alone: beside tags, the field is not one the grammar allows.
        (true, _) => Err(unreadable()),
        (false, _) => Ok(Some(tags)),
    }
}

/// The versions of an amendment a client names in `If-Match`, if it names any: the tags
/// that are exactly an amendment's ETag (`"v3"`, not `"v03"`). Tags of anything else
/// name no version, so that a list of them admits none and the request is refused as
/// stale.
pub fn amendment_seen(headers: &HeaderMap) -> Result<Option<Seen>, Problem> {
    let Some(tags) = if_match_tags(headers)? else { return Ok(None) };
    let versions = tags
        .iter()
        .filter_map(|tag| {
            let version: i64 = tag.strip_prefix("\"v")?.strip_suffix('"')?.parse().ok()?;
            (format!("\"v{version}\"") == *tag).then_some(version)
        })
        .collect();
    Ok(Some(Seen::any_of(versions)))
}

/// The head and phase of a text a client names in `If-Match`, if it names them: the first
/// tag that is exactly a text's ETag; [`TextSeen::Other`] when none is. Only a phase move
/// compares the deadline a tag names: moving it changes no one's edit or merge.
pub fn text_seen(headers: &HeaderMap) -> Result<Option<TextSeen>, Problem> {
    let Some(tags) = if_match_tags(headers)? else { return Ok(None) };
    let seen = tags.iter().find_map(|tag| {
        let mut parts = tag.strip_prefix("\"r")?.strip_suffix('"')?.split('.').peekable();
        let head: u32 = parts.next()?.parse().ok()?;
        let phase = Phase::parse(parts.next()?)?;
        let deadline: Option<i64> = match parts.next_if(|part| part.starts_with(|c: char| c.is_ascii_digit())) {
            Some(deadline) => Some(deadline.parse().ok()?),
            None => None,
        };
        let min_supporters: u32 = match parts.next_if(|part| part.starts_with('q')) {
            Some(quorum) => quorum.strip_prefix('q')?.parse().ok()?,
            None => 0,
        };
        let votes = if parts.next_if_eq(&"open").is_some() { Secrecy::Open } else { Secrecy::Secret };
        let mut number_after = |letter: char| match parts.next_if(|part| part.starts_with(letter)) {
            Some(part) => part.strip_prefix(letter).and_then(|number| number.parse::<u32>().ok()),
            None => Some(0),
        };
        let max_open = number_after('m')?;
        let width = number_after('w')?;
        let width = if width == 0 { DEFAULT_WIDTH } else { width };
        let settings = Settings { min_supporters, votes, max_open, width };
        let exact = parts.next().is_none() && version_tag(head, phase, deadline, settings) == *tag;
        exact.then_some(TextSeen::Version { head, phase, deadline })
    });
    Ok(Some(seen.unwrap_or(TextSeen::Other)))
}

/// The submission key of an API request (`Idempotency-Key`), if it has one: printable
/// ASCII, at most 255 characters. Keys are scoped to the `operation` (method and path):
/// the same key on another operation names another submission.
pub fn idempotency_key(headers: &HeaderMap, operation: &str) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else { return Ok(None) };
    let key = value.to_str().ok().map(str::trim).filter(|key| {
        !key.is_empty() && key.len() <= MAX_KEY_CHARS && key.bytes().all(|byte| byte.is_ascii_graphic() || byte == b' ')
    });
    match key {
        Some(key) => Ok(Some(format!("api:{operation}:{key}"))),
        None => Err(Problem::Unreadable(Unreadable::Header("Idempotency-Key"))),
    }
}

/// What a request sent, hashed: the same key with other content is another request.
pub fn fingerprint(method: &Method, path: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(method.as_str().as_bytes());
    hasher.update(b" ");
    hasher.update(path.as_bytes());
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(if_match: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(IF_MATCH, HeaderValue::from_str(if_match).unwrap_or(HeaderValue::from_static("x")));
        headers
    }

    fn seen(if_match: &str) -> Option<Option<Seen>> {
        amendment_seen(&headers(if_match)).ok()
    }

    #[test]
    fn if_match_names_the_versions_it_lists_exactly() {
        assert_eq!(amendment_seen(&HeaderMap::new()).ok(), Some(None));
        assert_eq!(seen("*"), Some(None));
        assert_eq!(seen("\"v3\""), Some(Some(Seen::any_of(vec![3]))));
        // Any of a list: the action goes ahead when one of them is current.
        assert_eq!(seen("\"v0\", \"v3\""), Some(Some(Seen::any_of(vec![0, 3]))));
        assert_eq!(seen("\"x\", \"v4\""), Some(Some(Seen::any_of(vec![4]))));
        assert_eq!(seen(", \"v4\","), Some(Some(Seen::any_of(vec![4]))));
        // Tags of another resource, weak tags and other spellings of a number name nothing.
        for nothing in ["\"r3.review\"", "W/\"v3\"", "\"v03\"", "\"v+3\"", "\"v\"", "\"\""] {
            assert_eq!(seen(nothing), Some(Some(Seen::any_of(vec![]))), "{nothing}");
        }
        let seen = text_seen(&headers("\"r5.consultation\"")).ok().flatten();
        assert_eq!(seen, Some(TextSeen::Version { head: 5, phase: Phase::Consultation, deadline: None }));
        assert_eq!(text_seen(&headers("\"v5\"")).ok().flatten(), Some(TextSeen::Other));
        assert_eq!(text_seen(&headers("\"r05.consultation\"")).ok().flatten(), Some(TextSeen::Other));
        // A deadline in the tag is read and not compared.
        let seen = text_seen(&headers("\"r5.consultation.1765000000\"")).ok().flatten();
        assert_eq!(
            seen,
            Some(TextSeen::Version { head: 5, phase: Phase::Consultation, deadline: Some(1_765_000_000) })
        );
        let seen = text_seen(&headers("\"r5.consultation.1765000000.q2\"")).ok().flatten();
        assert_eq!(
            seen,
            Some(TextSeen::Version { head: 5, phase: Phase::Consultation, deadline: Some(1_765_000_000) })
        );
        let seen = text_seen(&headers("\"r5.review.q3\"")).ok().flatten();
        assert_eq!(seen, Some(TextSeen::Version { head: 5, phase: Phase::Review, deadline: None }));
        for other in [
            "\"r5.consultation.\"",
            "\"r5.consultation.01\"",
            "\"r5.consultation.1.2\"",
            "\"r5\"",
            "\"r5.review.q0\"",
            "\"r5.review.q\"",
            "\"r5.review.q2.1\"",
        ] {
            assert_eq!(text_seen(&headers(other)).ok().flatten(), Some(TextSeen::Other), "{other}");
        }
    }

    #[test]
    fn an_if_match_that_is_no_list_of_tags_is_unreadable() {
        for value in ["", " ", "v3", "\"v3", "*, \"v0\"", "*, *", "\"v3\" \"v4\"", "\"v 3\"", ","] {
            assert!(amendment_seen(&headers(value)).is_err(), "{value:?}");
            assert!(text_seen(&headers(value)).is_err(), "{value:?}");
        }
    }
}
