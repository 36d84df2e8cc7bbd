//! Files to download: a revision as text or Markdown, the amendments as CSV.

#[allow(unused_imports)]
use super::*;

/// A file to download, named after the text and revision; never stored by caches (it may
/// hold a members-only text: the caching middleware's default).
fn download(content_type: &'static str, filename: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

async fn export_revision(
    state: AppState,
    ctx: PageCtx,
    slug: String,
    params: RevisionQuery,
    format: export::Format,
) -> PageResult {
    let viewer = ctx.user.clone();
    let (text, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, params.revision))
        .await
        .map_err(|e| ctx.error(e))?;
    let filename = export::filename(&text.slug, revision.info.number, format.extension());
    Ok(download(format.content_type(), &filename, export::revision(&revision.lines, format).into_bytes()))
}

pub async fn export_txt(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<RevisionQuery>,
) -> PageResult {
    export_revision(state, ctx, slug, params, export::Format::Text).await
}

pub async fn export_md(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<RevisionQuery>,
) -> PageResult {
    export_revision(state, ctx, slug, params, export::Format::Markdown).await
}

pub async fn export_csv(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let viewer = ctx.user.clone();
    let (text, items, decisions) = state
        .run(move |site| amendments::amendments_for_export(site, viewer.as_ref(), &slug))
        .await
        .map_err(|e| ctx.error(e))?;
    let csv = export::amendments_csv(ctx.lang, &items, &decisions, &site_address(&ctx));
    let filename = format!("{}-{}.csv", text.slug, ctx.lang.t(K::CsvFileName));
    Ok(download("text/csv; charset=utf-8", &filename, csv))
}

/// The address the site answers at, as the request named it: for links in exported files.
fn site_address(ctx: &PageCtx) -> String {
    let host = ctx
        .headers
        .get(axum::http::header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b)))
        .unwrap_or("localhost");
    let secure = ctx
        .headers
        .get("x-forwarded-proto")
        .and_then(|proto| proto.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if secure { "https" } else { "http" })
}
