//! Who is asking and in which language: cookies, the session, the CSRF token, bearer
//! tokens and language negotiation, as extractors.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;
use super::error::{ApiError, PageError, Problem};
use super::preconditions;
use crate::actions::{Acting, ActionError, Submission, TextSeen, accounts};
use crate::auth::{new_secret, secrets_match};
use crate::domain::model::User;
use crate::views::Frame;

pub use crate::i18n::Lang;

pub const SESSION_COOKIE: &str = "redraft_session";
pub const CSRF_COOKIE: &str = "redraft_csrf";
pub const LANG_COOKIE: &str = "redraft_lang";

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
/// over HTTPS (as a reverse proxy in front reports it).
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

/// The client's address, for rate limiting.
pub fn client_address(parts: &Parts) -> Option<IpAddr> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())
}

/// The token that protects anonymous forms (login): set in a cookie on the first visit,
/// echoed by each form (double submit). Logged-in forms use the session's own token.
#[derive(Clone)]
struct AnonymousCsrf(String);

/// Gives every visitor a CSRF cookie before any form is rendered. The API has no forms and
/// authenticates with bearer tokens: its clients get no cookie.
pub async fn ensure_csrf_cookie(mut request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let existing = cookie(request.headers(), CSRF_COOKIE).filter(|v| v.len() == 64).map(str::to_owned);
    let (token, fresh) = match existing {
        Some(token) => (Some(token), false),
        None => (new_secret().ok(), true),
    };
    if let Some(token) = &token {
        request.extensions_mut().insert(AnonymousCsrf(token.clone()));
    }
    let headers = request.headers().clone();
    let mut response = next.run(request).await;
    if let (Some(token), true) = (token, fresh)
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
    pub address: Option<IpAddr>,
    /// Request headers that responses depend on (cookie attributes).
    pub headers: HeaderMap,
}

impl PageCtx {
    pub fn error(&self, error: impl Into<Problem>) -> PageError {
        PageError { ctx: Box::new(self.clone()), problem: error.into() }
    }

    /// How a form acts (rule 8b): on the version `seen` it carried, and once per page it
    /// was sent from (`once`, its key) and per content (`fingerprint`).
    pub fn acting(&self, seen: Option<i64>, once: &str, fingerprint: Vec<u8>) -> Acting {
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
        Frame { lang: self.lang, user: self.user.as_ref(), csrf: &self.csrf, once: &self.once, here: &self.here }
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = language(&parts.headers);
        let here = parts.uri.path_and_query().map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let anonymous_csrf = parts.extensions.get::<AnonymousCsrf>().map(|c| c.0.clone()).unwrap_or_default();
        let mut ctx = PageCtx {
            lang,
            user: None,
            csrf: anonymous_csrf,
            once: new_secret().unwrap_or_default(),
            here,
            session_token: None,
            address: client_address(parts),
            headers: parts.headers.clone(),
        };
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned) {
            let lookup = token.clone();
            match state.run(move |site| accounts::session(site, &lookup)).await {
                Ok(Some((user, csrf))) => {
                    ctx.user = Some(user);
                    ctx.csrf = csrf;
                    ctx.session_token = Some(token);
                }
                Ok(None) => {}
                Err(error) => return Err(ctx.error(error)),
            }
        }
        Ok(ctx)
    }
}

/// Who calls the API: the bearer token's user, or an anonymous reader.
pub struct ApiCtx {
    pub lang: Lang,
    pub user: Option<User>,
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
    pub fn acting(&self, seen: Option<i64>, fingerprint: Vec<u8>) -> Result<Acting, ApiError> {
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
        let mut ctx =
            ApiCtx { lang, user: None, address: client_address(parts), headers: parts.headers.clone(), operation };
        let Some(authorization) = parts.headers.get(AUTHORIZATION) else {
            return Ok(ctx);
        };
        let token = authorization
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(|token| token.trim().to_owned())
            .ok_or_else(|| ctx.error(ActionError::Unauthenticated))?;
        let user = state
            .run(move |site| accounts::api_user(site, &token))
            .await
            .map_err(|error| ctx.error(error))?
            .ok_or_else(|| ctx.error(Problem::BadToken))?;
        ctx.user = Some(user);
        Ok(ctx)
    }
}
