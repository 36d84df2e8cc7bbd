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
    let (text, items) = state
        .run(move |site| amendments::text_amendments(site, viewer.as_ref(), &slug, Filter::default()))
        .await
        .map_err(|e| ctx.error(e))?;
    let csv = export::amendments_csv(ctx.lang, &items);
    let filename = format!("{}-amendements.csv", text.slug);
    Ok(download("text/csv; charset=utf-8", &filename, csv))
}
