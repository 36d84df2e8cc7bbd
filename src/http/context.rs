//! Who is asking and in which language: cookies, the session, the CSRF token, bearer
//! tokens and language negotiation, as extractors.

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;
use super::error::{ApiError, PageError, Problem};
use super::forwarded::ClientAddr;
use super::preconditions;
use crate::actions::{Acting, ActionError, Seen, Submission, TextSeen, accounts, tokens};
use crate::auth::{BallotKey, new_secret, secrets_match};
use crate::domain::model::User;
use crate::views::Frame;

pub use crate::i18n::Lang;

pub const SESSION_COOKIE: &str = "redraft_session";
pub const CSRF_COOKIE: &str = "redraft_csrf";
pub const LANG_COOKIE: &str = "redraft_lang";
/// Signed proof that this browser logged in as a member before (see `auth::limiter`).
pub const DEVICE_COOKIE: &str = "redraft_device";
/// How long a browser keeps its known-device cookie (the longest browsers allow).
pub const DEVICE_COOKIE_SECONDS: i64 = 400 * 24 * 3600;

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` header: HttpOnly and SameSite=Lax always, Secure when the request came
/// over HTTPS (as a trusted reverse proxy in front reports it: `forwarded.rs` removes the
/// header from anyone else).
pub fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: Option<i64>) -> Option<HeaderValue> {
    let secure = headers
        .get("x-forwarded-proto")
        .and_then(|proto| proto.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).ok()
}

/// The language: the switch's cookie first, then Accept-Language, then French.
pub fn language(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::from_code)
        .unwrap_or_else(|| Lang::negotiate(headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())))
}

/// The client's address, for rate limiting: the TCP peer, or the address a trusted proxy
/// forwarded (see `forwarded.rs`).
pub fn client_address(parts: &Parts) -> Option<IpAddr> {
    parts.extensions.get::<ClientAddr>().map(|ClientAddr(address)| *address)
}

/// The token that protects anonymous forms (the login form, and forms that come back to a
/// sender without a session): signed by the server, so that no client can choose its own,
/// and echoed by each form (double submit) from the `redraft_csrf` cookie. The cookie is set
/// only on the responses that show such a form, never on a cacheable one. Logged-in forms
/// use the session's own token.
#[derive(Clone, Default)]
pub struct FormTokenSlot(Arc<Mutex<FormToken>>);

#[derive(Default)]
struct FormToken {
    /// The visitor's token: their cookie's, when the server signed it, or a new one.
    token: String,
    /// The token is new: the browser must be given it to send the form back.
    fresh: bool,
    /// This response shows an anonymous form.
    shown: bool,
}

impl FormTokenSlot {
    fn lock(&self) -> MutexGuard<'_, FormToken> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cookie this response must set, if it shows an anonymous form with a new token.
    fn cookie_to_set(&self) -> Option<String> {
        let slot = self.lock();
        (slot.shown && slot.fresh && !slot.token.is_empty()).then(|| slot.token.clone())
    }
}

/// Gives each page request a slot for its anonymous form token, and sets the cookie when
/// the response shows an anonymous form with a new token and may not be cached. The API
/// has no forms and authenticates with bearer tokens: its clients get no cookie.
pub async fn form_token_cookie(mut request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let slot = FormTokenSlot::default();
    request.extensions_mut().insert(slot.clone());
    let headers = request.headers().clone();
    let mut response = next.run(request).await;
    if let Some(token) = slot.cookie_to_set()
        && !super::caching::cacheable(&response)
        && let Some(value) = set_cookie(&headers, CSRF_COOKIE, &token, None)
    {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// Everything a page needs to know about the request.
#[derive(Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<User>,
    /// The token this visitor's forms must carry.
    pub csrf: String,
    /// The submission key of this page's forms (see [`Frame::once`]).
    pub once: String,
    /// Path and query of this page, to come back to after switching language or logging in.
    pub here: String,
    pub session_token: Option<String>,
    /// The member's ballot key, which their session cookie holds.
    pub ballot_key: Option<BallotKey>,
    /// The member's unread notifications (the bell in the header).
    pub unread: u32,
    /// The address the site answers at, as the request named it (`https://host`): for the
    /// absolute links of sharing metadata and files.
    pub origin: String,
    pub address: Option<IpAddr>,
    /// Request headers that responses depend on (cookie attributes).
    pub headers: HeaderMap,
    form_token: FormTokenSlot,
}

impl PageCtx {
    /// This page shows an anonymous form (the login form): its token, and the cookie that
    /// holds it when the visitor has none yet. A logged-in visitor's forms keep the
    /// session's token.
    pub fn with_form_token(mut self) -> Self {
        if self.user.is_none() {
            let mut slot = self.form_token.lock();
            slot.shown = true;
            self.csrf = slot.token.clone();
        }
        self
    }

    /// The form this response shows goes back to a sender without a session, with the
    /// token this request was given: the browser must hold it to send the form again.
    pub fn keep_form_token(&self) {
        if self.user.is_none() {
            self.form_token.lock().shown = true;
        }
    }

    /// Where a login from this request comes from.
    pub fn client(&self) -> accounts::Client {
        accounts::Client {
            address: self.address,
            device_cookie: cookie(&self.headers, DEVICE_COOKIE).map(str::to_owned),
        }
    }

    pub fn error(&self, error: impl Into<Problem>) -> PageError {
        PageError { ctx: Box::new(self.clone()), problem: error.into() }
    }

    /// How a form acts (rule 8b): on the version `seen` it carried, and once per page it
    /// was sent from (`once`, its key) and per content (`fingerprint`).
    pub fn acting(&self, seen: Option<i64>, once: &str, fingerprint: Vec<u8>) -> Acting {
        let seen = seen.map(Seen::one);
        let once = (!once.is_empty()).then(|| {
            let key = format!("form:{once}:{}", crate::auth::hex(fingerprint.get(..8).unwrap_or_default()));
            Submission { key, fingerprint }
        });
        Acting { seen, once }
    }

    /// Checks the CSRF token a form carried.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), PageError> {
        if !self.csrf.is_empty() && secrets_match(&self.csrf, submitted) {
            Ok(())
        } else {
            Err(self.error(Problem::CsrfFailed))
        }
    }

    /// What cached fragments of this page leave out.
    pub fn visitor(&self) -> super::fragments::Visitor<'_> {
        super::fragments::Visitor { csrf: &self.csrf, once: &self.once }
    }

    pub fn frame(&self) -> Frame<'_> {
        Frame {
            lang: self.lang,
            user: self.user.as_ref(),
            unread: self.unread,
            origin: &self.origin,
            csrf: &self.csrf,
            once: &self.once,
            here: &self.here,
        }
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(&parts.headers);
        let here = parts.uri.path_and_query().map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let form_token = parts.extensions.get::<FormTokenSlot>().cloned().unwrap_or_default();
        let keys = state.site.keys().map_err(|error| {
            let ctx = PageCtx {
                lang,
                user: None,
                csrf: String::new(),
                once: String::new(),
                here: here.clone(),
                session_token: None,
                ballot_key: None,
                unread: 0,
                origin: state.site.base_url.get().cloned().unwrap_or_else(|| origin_of(&parts.headers)),
                address: None,
                headers: HeaderMap::new(),
                form_token: FormTokenSlot::default(),
            };
            ctx.error(error)
        })?;
        {
            let mut slot = form_token.lock();
            match cookie(&parts.headers, CSRF_COOKIE).filter(|token| keys.is_form_token(token)) {
                Some(token) => slot.token = token.to_owned(),
                None => {
                    slot.token = keys.new_form_token().unwrap_or_default();
                    slot.fresh = true;
                }
            }
        }
        // A page that is only read carries no anonymous token (its ETag must not change
        // with one); a form sent (or the login page, through `with_form_token`) does.
        let reading = parts.method == Method::GET || parts.method == Method::HEAD;
        let anonymous_csrf = if reading { String::new() } else { form_token.lock().token.clone() };
        let mut ctx = PageCtx {
            lang,
            user: None,
            csrf: anonymous_csrf,
            once: new_secret().unwrap_or_default(),
            here,
            session_token: None,
            ballot_key: None,
            unread: 0,
            origin: state.site.base_url.get().cloned().unwrap_or_else(|| origin_of(&parts.headers)),
            address: client_address(parts),
            headers: parts.headers.clone(),
            form_token,
        };
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned) {
            let lookup = token.clone();
            match state.run(move |site| accounts::session(site, &lookup)).await {
                Ok(Some(session)) => {
                    ctx.user = Some(session.user);
                    ctx.csrf = session.csrf_token;
                    ctx.ballot_key = session.ballot_key;
                    ctx.unread = session.unread;
                    ctx.session_token = Some(token);
                }
                Ok(None) => {}
                Err(error) => return Err(ctx.error(error)),
            }
        }
        Ok(ctx)
    }
}

/// The address the site answers at, as the request named it (`Host`, and the scheme a
/// trusted proxy gave): for links that leave the site. A host with anything but the
/// characters of a host name is not believed.
pub fn origin_of(headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b)))
        .unwrap_or("localhost");
    let secure = headers
        .get("x-forwarded-proto")
        .and_then(|proto| proto.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// Who calls the API: the bearer token's user, or an anonymous reader.
pub struct ApiCtx {
    pub lang: Lang,
    pub user: Option<User>,
    /// The member's ballot key, which their token holds.
    pub ballot_key: Option<BallotKey>,
    pub address: Option<IpAddr>,
    /// Request headers that use cases depend on (`If-Match`, `Idempotency-Key`).
    pub headers: HeaderMap,
    /// The method and path asked for: submission keys are scoped to one operation.
    pub operation: String,
}

impl ApiCtx {
    pub fn error(&self, error: impl Into<Problem>) -> ApiError {
        ApiError { lang: self.lang, problem: error.into() }
    }

    /// How this request acts (rule 8b): on the version `seen` it names, at most once per
    /// `Idempotency-Key`, with the fingerprint of what it sent.
    pub fn acting(&self, seen: Option<Seen>, fingerprint: Vec<u8>) -> Result<Acting, ApiError> {
        let key =
            preconditions::idempotency_key(&self.headers, &self.operation).map_err(|problem| self.error(problem))?;
        Ok(Acting { seen, once: key.map(|key| Submission { key, fingerprint }) })
    }

    /// How this request acts on an amendment: on the version its `If-Match` names.
    pub fn acting_on_amendment(&self, fingerprint: Vec<u8>) -> Result<Acting, ApiError> {
        let seen = preconditions::amendment_seen(&self.headers).map_err(|problem| self.error(problem))?;
        self.acting(seen, fingerprint)
    }

    /// The version of a text this request's `If-Match` names.
    pub fn text_seen(&self) -> Result<Option<TextSeen>, ApiError> {
        preconditions::text_seen(&self.headers).map_err(|problem| self.error(problem))
    }
}

impl FromRequestParts<AppState> for ApiCtx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(&parts.headers);
        let operation = format!("{} {}", parts.method, parts.uri.path());
        let mut ctx = ApiCtx {
            lang,
            user: None,
            ballot_key: None,
            address: client_address(parts),
            headers: parts.headers.clone(),
            operation,
        };
        let Some(authorization) = parts.headers.get(AUTHORIZATION) else {
            return Ok(ctx);
        };
        let token = bearer_token(authorization).ok_or_else(|| ctx.error(ActionError::Unauthenticated))?;
        let (user, ballot_key) = state
            .run(move |site| tokens::api_user(site, &token))
            .await
            .map_err(|error| ctx.error(error))?
            .ok_or_else(|| ctx.error(Problem::BadToken))?;
        ctx.user = Some(user);
        ctx.ballot_key = ballot_key;
        Ok(ctx)
    }
}

/// The token of an `Authorization: Bearer TOKEN` header; the scheme's name is
/// case-insensitive (RFC 9110, 11.1), and spaces may separate it from the token.
fn bearer_token(authorization: &HeaderValue) -> Option<String> {
    let (scheme, token) = authorization.to_str().ok()?.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        for header in ["Bearer abc", "bearer abc", "BEARER  abc ", "BeArEr abc"] {
            assert_eq!(bearer_token(&HeaderValue::from_static(header)).as_deref(), Some("abc"), "{header}");
        }
        for header in ["Basic abc", "Bearer", "Bearer ", "Bearerabc", "abc"] {
            assert_eq!(bearer_token(&HeaderValue::from_static(header)), None, "{header}");
        }
    }
}
