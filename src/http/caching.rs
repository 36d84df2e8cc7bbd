//! Cache policies, the docs.rs way: a handler names the policy of its response (a
//! [`CachePolicy`] in the response's extensions) and one middleware writes `Cache-Control`.
//! Whatever names none is never stored: members' pages, forms, errors and the API.

use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Response};
use axum::middleware::Next;

use super::context::{SESSION_COOKIE, cookie};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CachePolicy {
    /// `private, no-store`: never kept, not even by the browser, for the next person at a
    /// shared computer. What a response that names nothing gets.
    NoStore,
    /// `private, no-cache`: kept by the browser and checked against its ETag each time
    /// (public pages, shown to anonymous readers).
    Revalidate,
    /// `public, no-cache`: kept by anyone and checked each time (assets under their plain
    /// names, which change when the server is upgraded).
    PublicRevalidate,
    /// `public, max-age=31536000, immutable`: assets whose address holds their content hash.
    Forever,
}

impl CachePolicy {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            CachePolicy::NoStore => "private, no-store",
            CachePolicy::Revalidate => "private, no-cache",
            CachePolicy::PublicRevalidate => "public, no-cache",
            CachePolicy::Forever => "public, max-age=31536000, immutable",
        })
    }
}

fn policy<B>(response: &Response<B>) -> CachePolicy {
    response.extensions().get::<CachePolicy>().copied().unwrap_or(CachePolicy::NoStore)
}

/// Whether a response may be kept by a cache (then it must set no cookie).
pub fn cacheable<B>(response: &Response<B>) -> bool {
    policy(response) != CachePolicy::NoStore
}

/// Whether a request comes from a logged-in member (a session or a bearer token): what it
/// is answered may be theirs alone.
pub fn from_member(headers: &HeaderMap) -> bool {
    cookie(headers, SESSION_COOKIE).is_some() || headers.contains_key(AUTHORIZATION)
}

/// Writes each response's `Cache-Control` from its policy, made stricter where the request
/// or the response call for it.
pub async fn cache_control(request: Request, next: Next) -> Response<axum::body::Body> {
    // Pages shown to a logged-in member carry their session's form token and may show a
    // members-only text; the API's answers may be about one too.
    let member = from_member(request.headers());
    let mut response = next.run(request).await;
    debug_assert!(!response.headers().contains_key(CACHE_CONTROL), "a handler wrote Cache-Control itself");
    let mut policy = policy(&response);
    let failed = response.status().is_client_error() || response.status().is_server_error();
    if failed || (member && policy == CachePolicy::Revalidate) || response.headers().contains_key(SET_COOKIE) {
        policy = CachePolicy::NoStore;
    }
    response.headers_mut().insert(CACHE_CONTROL, policy.header());
    response
}
