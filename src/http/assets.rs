//! Assets embedded in the binary: the stylesheet and the small enhancing script.

use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::context::PageCtx;
use super::error::Problem;
use super::forms::PagePath;

const ASSETS: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../assets/app.js")),
];

pub async fn asset(ctx: PageCtx, PagePath(file): PagePath<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => {
            let mut response = body.into_response();
            response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
            response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            response
        }
        None => ctx.error(Problem::NotFound).into_response(),
    }
}
