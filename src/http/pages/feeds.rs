//! Atom feeds of the whole site, a topic and a text.

#[allow(unused_imports)]
use super::*;
use crate::actions::feeds::{self, FeedOf};

async fn feed_response(state: AppState, ctx: PageCtx, of: FeedOf, path: String, page: String) -> PageResult {
    let site_address = site_address(&ctx);
    let lang = ctx.lang;
    let feed = state.run(move |site| feeds::feed(site, &of)).await.map_err(|e| ctx.error(e))?;
    let body = views::feeds::atom(lang, &site_address, &path, &page, &feed);
    // The body names everything it shows: its hash is its version.
    let tag = etag(&body);
    if fresh(&ctx.headers, &tag) {
        return Ok(not_modified(&tag));
    }
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(axum::http::header::ETAG, value);
    }
    // Kept and checked against the ETag, like a public page (and compressed once).
    response.extensions_mut().insert(super::super::caching::CachePolicy::Revalidate);
    Ok(response)
}

pub async fn site_feed(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    feed_response(state, ctx, FeedOf::Site, "/feed.atom".to_owned(), "/".to_owned()).await
}

pub async fn topic_feed(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let (path, page) = (format!("/topics/{slug}/feed.atom"), format!("/topics/{slug}"));
    feed_response(state, ctx, FeedOf::Topic(slug), path, page).await
}

pub async fn text_feed(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let (path, page) = (format!("/texts/{slug}/feed.atom"), format!("/texts/{slug}"));
    feed_response(state, ctx, FeedOf::Text(slug), path, page).await
}
