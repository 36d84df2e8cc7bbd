//! What requests carry, read as their operation expects or refused before any action runs,
//! in the reader's language: JSON bodies for the API and URL-encoded forms for pages, each
//! bounded in size (413), path parameters and query strings (400 with a page for pages, the
//! API's error format for the API).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::AppState;
use super::context::{PageCtx, language};
use super::error::{ApiError, PageError, Problem};
use super::preconditions::{IDEMPOTENCY_KEY, fingerprint};
use super::unreadable::Unreadable;

/// Reads the whole body within the server's limit.
async fn body_bytes(request: Request, state: &AppState) -> Result<Bytes, Problem> {
    Bytes::from_request(request, state).await.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            Problem::PayloadTooLarge
        } else if timed_out(&rejection) {
            Problem::TimedOut
        } else {
            Problem::Unreadable(Unreadable::Other)
        }
    })
}

/// Whether reading a body failed because it stalled (tower-http's body timeout).
fn timed_out(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Reads JSON, saying where it is not JSON or which field is not what it should be.
fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Unreadable> {
    // JSON is UTF-8 (RFC 8259). The whole body is checked once, with vector instructions:
    // serde_json's own check of each string took a third of a full-text edit's time.
    let text = simdutf8::basic::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    // serde reads a struct from a list too, field by position: `[7]` would set the first
    // field. Every body the API takes is an object; anything else that starts like a JSON
    // value is refused as such (what is no JSON at all gets the parser's position).
    if let Some(first) = text.trim_start().bytes().next()
        && matches!(first, b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
    {
        return Err(Unreadable::NotAnObject);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner();
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                Unreadable::Json { line: inner.line(), column: inner.column() }
            }
            _ => Unreadable::from_serde(&error.path().to_string(), &inner.to_string()),
        }
    })?;
    deserializer.end().map_err(|error| Unreadable::Json { line: error.line(), column: error.column() })?;
    Ok(value)
}

/// Reads URL-encoded pairs (a form's body or a query string), which must be UTF-8.
fn from_pairs<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Unreadable> {
    // Rule 1: text must be valid UTF-8. The decoder would quietly put replacement
    // characters in its place; the API refuses such bytes, and so do forms.
    if !decodes_as_utf8(bytes) {
        return Err(Unreadable::NotUtf8);
    }
    let deserializer = serde_html_form::Deserializer::from_bytes(bytes);
    serde_path_to_error::deserialize(deserializer)
        .map_err(|error| Unreadable::from_serde(&error.path().to_string(), &error.inner().to_string()))
}

/// A JSON body of the API, with the fingerprint of the request (its method, path and body)
/// that tells a repeated submission from another one: empty when the request carries no
/// `Idempotency-Key`, which is the only thing that reads it.
pub struct JsonBody<T>(pub T, pub Vec<u8>);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(request.headers());
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let keyed = request.headers().contains_key(IDEMPOTENCY_KEY);
        let bytes = body_bytes(request, state).await.map_err(|problem| ApiError { lang, problem })?;
        let value = from_json(&bytes).map_err(|unreadable| ApiError { lang, problem: unreadable.into() })?;
        Ok(JsonBody(value, api_fingerprint(keyed, &method, &path, &bytes)))
    }
}

/// A plain-text body of the API (a CSV file), which must be UTF-8, with the request's
/// fingerprint as [`JsonBody`] gives it.
pub struct TextBody(pub String, pub Vec<u8>);

impl FromRequest<AppState> for TextBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(request.headers());
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let keyed = request.headers().contains_key(IDEMPOTENCY_KEY);
        let bytes = body_bytes(request, state).await.map_err(|problem| ApiError { lang, problem })?;
        let text = simdutf8::basic::from_utf8(&bytes)
            .map_err(|_| ApiError { lang, problem: Unreadable::NotUtf8.into() })?
            .to_owned();
        Ok(TextBody(text, api_fingerprint(keyed, &method, &path, &bytes)))
    }
}

/// The fingerprint of an API request, which only a request with an `Idempotency-Key` needs
/// (a full-text edit is 450 KB to hash): empty without one.
fn api_fingerprint(keyed: bool, method: &axum::http::Method, path: &str, body: &[u8]) -> Vec<u8> {
    if keyed { fingerprint(method, path, &[body]) } else { Vec::new() }
}

/// The JSON body of an API operation whose body is optional: `None` when it sent none.
/// A body it sent is read as strictly as any other (a field it does not take is refused).
pub struct MaybeJsonBody<T>(pub Option<T>, pub Vec<u8>);

impl<T: DeserializeOwned> FromRequest<AppState> for MaybeJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(request.headers());
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let keyed = request.headers().contains_key(IDEMPOTENCY_KEY);
        let bytes = body_bytes(request, state).await.map_err(|problem| ApiError { lang, problem })?;
        let fingerprint = api_fingerprint(keyed, &method, &path, &bytes);
        // No body, or JSON's own word for nothing.
        if bytes.iter().all(u8::is_ascii_whitespace) || bytes.trim_ascii() == b"null" {
            return Ok(MaybeJsonBody(None, fingerprint));
        }
        let value = from_json(&bytes).map_err(|unreadable| ApiError { lang, problem: unreadable.into() })?;
        Ok(MaybeJsonBody(Some(value), fingerprint))
    }
}

/// What an operation without parameters takes: nothing. A parameter sent to it is refused
/// (`unknown_field`), never silently ignored.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParameters {}

/// Path parameters of the API. Axum's own `Path` answers a plain-text 400 when a segment
/// is not UTF-8 once percent-decoded; the API answers every error as `{"error": …}`.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(_) => Err(ApiError { lang: language(&parts.headers), problem: Unreadable::NotUtf8.into() }),
        }
    }
}

/// The query string of an API operation.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        // A parameter named without a value is not a value left out: the API's parameters
        // are numbers, and an empty one is none.
        if let Some(empty) = query.split('&').find_map(|pair| pair.strip_suffix('=').filter(|name| !name.contains('=')))
        {
            let field = String::from_utf8_lossy(empty.as_bytes()).into_owned();
            let unreadable = Unreadable::Invalid { field, expected: super::unreadable::Expected::Something };
            return Err(ApiError { lang: language(&parts.headers), problem: unreadable.into() });
        }
        from_pairs(query.as_bytes())
            .map(ApiQuery)
            .map_err(|unreadable| ApiError { lang: language(&parts.headers), problem: unreadable.into() })
    }
}

/// Path parameters of a page, refused with a whole localised page.
pub struct PagePath<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for PagePath<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PagePath(value)),
            Err(_) => Err(refusal(parts, state, Unreadable::NotUtf8).await),
        }
    }
}

/// The query string of a page, refused with a whole localised page.
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default().to_owned();
        match from_pairs(query.as_bytes()) {
            Ok(value) => Ok(PageQuery(value)),
            Err(unreadable) => Err(refusal(parts, state, unreadable).await),
        }
    }
}

/// The page that refuses a request, for the visitor who sent it.
async fn refusal(parts: &mut Parts, state: &AppState, unreadable: Unreadable) -> PageError {
    match PageCtx::from_request_parts(parts, state).await {
        Ok(ctx) => ctx.error(unreadable),
        Err(error) => error,
    }
}

/// A URL-encoded form body (repeated keys become lists), with the fingerprint of what it
/// says (its address and fields, the tokens and credentials aside) that tells a repeated
/// submission from another one. Its CSRF token is checked by the handler against the
/// visitor's, with `PageCtx::check_csrf`.
pub struct FormBody<T>(pub T, pub Vec<u8>);

/// Fields that are not what a form says: tokens, and the credentials of a login on the way.
const NOT_CONTENT: &[&[u8]] = &[b"csrf", b"once", b"login", b"password"];

impl<T: DeserializeOwned> FromRequest<AppState> for FormBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let bytes = body_bytes(request, state).await?;
        let value = from_pairs(&bytes)?;
        let content: Vec<&[u8]> = bytes
            .split(|byte| *byte == b'&')
            .filter(|pair| {
                let name = pair.split(|byte| *byte == b'=').next().unwrap_or_default();
                !NOT_CONTENT.contains(&name)
            })
            .collect();
        Ok(FormBody(value, fingerprint(&method, &path, &content)))
    }
}

/// Whether every name and value of a URL-encoded form is UTF-8 once percent-decoded.
pub fn decodes_as_utf8(form: &[u8]) -> bool {
    form.split(|byte| *byte == b'&').flat_map(|pair| pair.split(|byte| *byte == b'=')).all(|part| {
        let mut decoded = Vec::with_capacity(part.len());
        let mut at = 0;
        while at < part.len() {
            let escaped = match (part[at], part.get(at + 1), part.get(at + 2)) {
                (b'%', Some(&high), Some(&low)) => hex_value(high).zip(hex_value(low)),
                _ => None,
            };
            match escaped {
                Some((high, low)) => {
                    decoded.push(high * 16 + low);
                    at += 3;
                }
                None => {
                    decoded.push(part[at]);
                    at += 1;
                }
            }
        }
        simdutf8::basic::from_utf8(&decoded).is_ok()
    })
}

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|digit| digit as u8)
}

impl axum::response::IntoResponse for Problem {
    /// Handlers take bodies as `Result<FormBody<_>, Problem>` and render the problem in the
    /// visitor's language; this plain answer is the fallback.
    fn into_response(self) -> axum::response::Response {
        let lang = crate::i18n::Lang::FR;
        (self.status(), self.message(lang)).into_response()
    }
}
