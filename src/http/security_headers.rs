//! The security headers of every response, pages, API and assets alike: the
//! Content-Security-Policy (only this site's own script and stylesheet, no inline script or
//! style, no framing, forms only to this site), no content-type sniffing, no referrer to
//! other sites, no framing for older browsers. The read-only views made for embedding
//! (`/embed/…`) alone may be framed, by any site.

use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderName, HeaderValue, Response};
use axum::middleware::Next;

/// `img-src data:` for the inline favicon of the layout; everything else from this site.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static CROSS_ORIGIN_OPENER_POLICY: HeaderName = HeaderName::from_static("cross-origin-opener-policy");

/// The same for the read-only views other sites embed (`/embed/…`): any site may frame them.
const EMBEDDABLE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; frame-ancestors *; base-uri 'none'; form-action 'self'";

/// Marks a response made to be framed by other sites (the embedded views).
#[derive(Clone, Copy, Debug)]
pub struct Embeddable;

pub async fn security_headers(request: Request, next: Next) -> Response<axum::body::Body> {
    let mut response = next.run(request).await;
    let embeddable = response.extensions().get::<Embeddable>().is_some();
    let headers = response.headers_mut();
    if embeddable {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(EMBEDDABLE_POLICY));
        headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        return response;
    }
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Addresses of members-only texts say what they are about: other sites learn nothing.
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(CROSS_ORIGIN_OPENER_POLICY.clone(), HeaderValue::from_static("same-origin"));
    response
}
