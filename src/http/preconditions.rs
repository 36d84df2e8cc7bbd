//! Versions seen and submissions repeated, as HTTP carries them (rule 8b): the ETags of an
//! amendment and of a text, the `If-Match` that names the version a client acts on, the
//! `Idempotency-Key` that names one submission, and the fingerprint of what a request sent.

use axum::http::{HeaderMap, Method};
use sha2::{Digest, Sha256};

use super::error::Problem;
use super::unreadable::Unreadable;
use crate::actions::TextSeen;
use crate::domain::Phase;
use crate::domain::model::{Amendment, Text};

pub const IF_MATCH: &str = "if-match";
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Longest `Idempotency-Key` taken.
const MAX_KEY_CHARS: usize = 255;

/// The ETag of an amendment (at its own address): changes with its version.
pub fn amendment_etag(amendment: &Amendment) -> String {
    format!("\"v{}\"", amendment.version)
}

/// The ETag of a text (at its own address): changes with its head (every edit, merge and
/// retitling makes one) and its phase.
pub fn text_etag(text: &Text) -> String {
    format!("\"r{}.{}\"", text.head, text.phase.as_str())
}

/// The entity tags an `If-Match` header lists; `None` without the header or for `*` (any
/// version). A value that is no list of entity tags names no version anything has: the
/// request it comes with is refused as stale, like one naming an old version.
fn if_match_tags(headers: &HeaderMap) -> Result<Option<Vec<String>>, Problem> {
    let mut tags = Vec::new();
    for value in headers.get_all(IF_MATCH) {
        let Ok(value) = value.to_str() else {
            tags.push(String::new());
            continue;
        };
        for tag in value.split(',').map(str::trim).filter(|tag| !tag.is_empty()) {
            if tag == "*" {
                return Ok(None);
            }
            tags.push(tag.to_owned());
        }
    }
    Ok((!tags.is_empty()).then_some(tags))
}

/// The version of an amendment a client names in `If-Match`, if it names one. A tag that
/// is no version of an amendment, or a weak one (which never matches for a change), names
/// version 0, which no amendment has: the request is refused as stale.
pub fn amendment_seen(headers: &HeaderMap) -> Result<Option<i64>, Problem> {
    let Some(tags) = if_match_tags(headers)? else { return Ok(None) };
    let version = tags.iter().find_map(|tag| tag.strip_prefix("\"v")?.strip_suffix('"')?.parse::<i64>().ok());
    Ok(Some(version.unwrap_or(0)))
}

/// The head and phase of a text a client names in `If-Match`, if it names them.
pub fn text_seen(headers: &HeaderMap) -> Result<Option<TextSeen>, Problem> {
    let Some(tags) = if_match_tags(headers)? else { return Ok(None) };
    let seen = tags.iter().find_map(|tag| {
        let (head, phase) = tag.strip_prefix("\"r")?.strip_suffix('"')?.split_once('.')?;
        Some(TextSeen::Version { head: head.parse().ok()?, phase: Phase::parse(phase)? })
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

    #[test]
    fn if_match_names_a_version() {
        assert_eq!(amendment_seen(&HeaderMap::new()).ok(), Some(None));
        assert_eq!(amendment_seen(&headers("*")).ok(), Some(None));
        assert_eq!(amendment_seen(&headers("\"v3\"")).ok(), Some(Some(3)));
        assert_eq!(amendment_seen(&headers("\"x\", \"v4\"")).ok(), Some(Some(4)));
        assert_eq!(amendment_seen(&headers("\"r3.review\"")).ok(), Some(Some(0)));
        assert_eq!(amendment_seen(&headers("W/\"v3\"")).ok(), Some(Some(0)));
        assert_eq!(amendment_seen(&headers("v3")).ok(), Some(Some(0)));
        let seen = text_seen(&headers("\"r5.consultation\"")).ok().flatten();
        assert_eq!(seen, Some(TextSeen::Version { head: 5, phase: Phase::Consultation }));
        assert_eq!(text_seen(&headers("\"v5\"")).ok().flatten(), Some(TextSeen::Other));
    }
}
