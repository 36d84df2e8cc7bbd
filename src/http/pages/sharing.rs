//! Open sharing: preview images of public texts and amendments (rendered once per revision
//! or wording, a few at a time), and the read-only views other sites embed in a frame.
//! Members-only texts have neither, whoever asks.

#[allow(unused_imports)]
use super::*;
use crate::actions::amendments::amendment_detail;
use crate::preview;

/// A preview image: of a text's revision (with its title, which may change) or of an
/// amendment's version, in a language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PreviewKey {
    Text { text: i64, revision: u32, title: String, lang: Lang },
    Amendment { id: i64, version: i64, anchor: (u32, u32, u32), title: String, lang: Lang },
}

/// Memory for preview images: a hundred or so of about 60 KB.
pub const PREVIEW_CACHE_BYTES: usize = 8 << 20;

/// Renders at once at most: half the cores (one at least), since each takes tens of
/// milliseconds of a core, and a crawler asking for every revision's must not take the
/// cores from readers.
pub fn preview_renders() -> usize {
    (std::thread::available_parallelism().map_or(1, usize::from) / 2).max(1)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RevisionQuery {
    revision: Option<String>,
}

fn revision_of(ctx: &PageCtx, query: &RevisionQuery) -> Result<Option<u32>, PageError> {
    match query.revision.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(value) => value.parse().map(Some).map_err(|_| ctx.error(Problem::NotFound)),
    }
}

fn png_response(ctx: &PageCtx, png: &Arc<Vec<u8>>) -> Response {
    let tag = etag(png.as_slice());
    if fresh(&ctx.headers, &tag) {
        return not_modified(&tag);
    }
    let mut response = png.as_ref().clone().into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("image/png"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(axum::http::header::ETAG, value);
    }
    response.extensions_mut().insert(super::super::caching::CachePolicy::Revalidate);
    response
}

/// Draws (or takes from the cache) the card `key` names, `card` giving its words.
async fn preview_png(
    state: &AppState,
    key: PreviewKey,
    card: impl FnOnce() -> preview::OwnedCard + Send + 'static,
) -> Result<Arc<Vec<u8>>, ActionError> {
    if let Some(png) = state.previews.get(&key) {
        return Ok(png);
    }
    // The permit goes with the drawing, not with the request: a client that leaves does
    // not free a place while its image is still being drawn.
    let permit =
        Arc::clone(&state.renders).acquire_owned().await.map_err(|error| ActionError::Internal(error.to_string()))?;
    let previews = Arc::clone(&state.previews);
    state
        .run(move |_| {
            let _permit = permit;
            previews.get_or_insert_with(key, || {
                let card = card();
                let png = preview::png(&card.borrowed()).map_err(|error| ActionError::Internal(error.to_string()))?;
                let bytes = png.len();
                Ok((Arc::new(png), bytes))
            })
        })
        .await
}

/// The preview image of a public text's head, or of `?revision=N`.
pub async fn text_preview(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<RevisionQuery>,
) -> PageResult {
    let number = revision_of(&ctx, &query)?;
    // As anyone would see it: a members-only text has no preview.
    let (text, revision) =
        state.run(move |site| texts::revision(site, None, &slug, number)).await.map_err(|e| ctx.error(e))?;
    let lang = ctx.lang;
    let number = revision.info.number;
    let key = PreviewKey::Text { text: text.id, revision: number, title: text.title.clone(), lang };
    let png = preview_png(&state, key, move || {
        let summary = revision
            .lines
            .iter()
            .find(|line| !line.starts_with('#'))
            .map(|line| crate::domain::kind::Line::parse(line).text.to_owned());
        preview::OwnedCard {
            site: lang.t(K::SiteName).to_owned(),
            kicker: lang.f(K::PreviewTextKicker, &[Arg::number("revision", number)]),
            title: text.title.clone(),
            summary: summary.unwrap_or_default(),
            footer: lang.f(
                K::PreviewTextFooter,
                &[Arg::number("revision", number), Arg::text("date", lang.date(revision.info.created_at))],
            ),
        }
    })
    .await
    .map_err(|e| ctx.error(e))?;
    Ok(png_response(&ctx, &png))
}

/// The preview image of an amendment to a public text, as its current version stands.
pub async fn amendment_preview(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
) -> PageResult {
    let id: i64 = number_in_path(&ctx, &id)?;
    let detail = state.run(move |site| amendment_detail(site, None, None, id)).await.map_err(|e| ctx.error(e))?;
    let lang = ctx.lang;
    let anchor = detail.amendment.anchor;
    let key = PreviewKey::Amendment {
        id,
        version: detail.amendment.version,
        // A rebase moves it without a new version; the card names where it applies.
        anchor: (anchor.revision, anchor.start, anchor.count),
        title: detail.text.title.clone(),
        lang,
    };
    let png = preview_png(&state, key, move || {
        let amendment = &detail.amendment;
        let summary = if amendment.summary.is_empty() {
            amendment
                .new_lines
                .iter()
                .map(|line| crate::domain::kind::Line::parse(line).text)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            amendment.summary.clone()
        };
        preview::OwnedCard {
            site: lang.t(K::SiteName).to_owned(),
            kicker: lang.f(
                K::PreviewAmendmentKicker,
                &[
                    Arg::text("reference", amendment.reference.as_str()),
                    Arg::text("state", state_name(lang, amendment.state)),
                ],
            ),
            title: detail.text.title.clone(),
            summary,
            footer: views::components::anchor_label(lang, amendment.anchor),
        }
    })
    .await
    .map_err(|e| ctx.error(e))?;
    Ok(png_response(&ctx, &png))
}

/// A public text's head, read-only, for other sites' frames.
pub async fn embed_text(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    embed_revision(state, ctx, slug, None).await
}

/// A public text's revision, read-only, for other sites' frames.
pub async fn embed_text_revision(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath((slug, number)): PagePath<(String, String)>,
) -> PageResult {
    let number = number_in_path(&ctx, &number)?;
    embed_revision(state, ctx, slug, Some(number)).await
}

async fn embed_revision(state: AppState, ctx: PageCtx, slug: String, number: Option<u32>) -> PageResult {
    let (text, revision) =
        state.run(move |site| texts::revision(site, None, &slug, number)).await.map_err(|e| ctx.error(e))?;
    let permalink = format!("{}/texts/{}/revisions/{}", ctx.origin, text.slug, revision.info.number);
    Ok(embedded(views::sharing::embed_text(ctx.lang, &text, &revision, &permalink)))
}

/// An amendment to a public text, read-only, for other sites' frames.
pub async fn embed_amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
) -> PageResult {
    let id: i64 = number_in_path(&ctx, &id)?;
    let detail = state.run(move |site| amendment_detail(site, None, None, id)).await.map_err(|e| ctx.error(e))?;
    let permalink = format!("{}/amendments/{id}", ctx.origin);
    Ok(embedded(views::sharing::embed_amendment(ctx.lang, &detail, &permalink)))
}

/// An embedded view: any site may frame it (the security headers let what is marked
/// [`Embeddable`] be framed; an error page under `/embed/` is not).
fn embedded(markup: maud::Markup) -> Response {
    let mut response = html(markup);
    response.extensions_mut().insert(super::super::caching::CachePolicy::Revalidate);
    response.extensions_mut().insert(super::super::security_headers::Embeddable);
    response
}
