//! Serves the embedded assets (`crate::assets`): by their hashed names, to be kept for a
//! year; by their plain names, to be checked against their ETag each time.

use axum::http::header::{CONTENT_TYPE, ETAG};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::caching::CachePolicy;
use super::context::PageCtx;
use super::error::Problem;
use super::forms::PagePath;
use super::fragments::fresh;

pub async fn asset(ctx: PageCtx, headers: HeaderMap, PagePath(file): PagePath<String>) -> Response {
    let Some((asset, hashed)) = crate::assets::find(&file) else {
        return ctx.error(Problem::NotFound).into_response();
    };
    let etag = format!("\"{}\"", asset.hash);
    let mut response =
        if fresh(&headers, &etag) { StatusCode::NOT_MODIFIED.into_response() } else { asset.body.into_response() };
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(ETAG, value);
    }
    response.extensions_mut().insert(if hashed { CachePolicy::Forever } else { CachePolicy::PublicRevalidate });
    response
}
