//! Files to download: a revision as text or Markdown, the amendments as CSV, ODS or XLSX.

#[allow(unused_imports)]
use super::*;
use crate::actions::exports;
use crate::http::unreadable::{Expected, Unreadable};

/// A file to download, named after the text and revision; never stored by shared caches (it
/// may hold a members-only text: the caching middleware's default). With an `etag`, a
/// client that already holds this version is answered 304 without the body.
pub(super) fn download(
    content_type: &'static str,
    filename: &str,
    body: impl Into<axum::body::Body>,
    etag: Option<&str>,
    headers_in: &HeaderMap,
) -> Response {
    if let Some(etag) = etag
        && fresh(headers_in, etag)
    {
        return not_modified(etag);
    }
    let disposition = format!("attachment; filename=\"{filename}\"");
    let mut response = axum::body::Body::into_response(body.into());
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    if let Some(value) = etag.and_then(|etag| HeaderValue::from_str(etag).ok()) {
        headers.insert(axum::http::header::ETAG, value);
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
    let body = export::revision(&revision.lines, format).into_bytes();
    Ok(download(format.content_type(), &filename, body, None, &ctx.headers))
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

pub async fn export_csv(state: State<AppState>, ctx: PageCtx, slug: PagePath<String>) -> PageResult {
    export_sheet(state, ctx, slug, export::SheetFormat::Csv).await
}

pub async fn export_ods(state: State<AppState>, ctx: PageCtx, slug: PagePath<String>) -> PageResult {
    export_sheet(state, ctx, slug, export::SheetFormat::Ods).await
}

pub async fn export_xlsx(state: State<AppState>, ctx: PageCtx, slug: PagePath<String>) -> PageResult {
    export_sheet(state, ctx, slug, export::SheetFormat::Xlsx).await
}

/// A text's amendment list as a spreadsheet file, built once per state of its amendments.
async fn export_sheet(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    format: export::SheetFormat,
) -> PageResult {
    let (request, fragments) = (ctx.clone(), Arc::clone(&state.fragments));
    let (slug, etag, file) = state
        .run(move |site| {
            texts::read_text(site, request.user.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                let site_address = site_address(&request);
                let key = FragmentKey::Sheet {
                    text: text.id,
                    amendments_version: text.amendments_version,
                    head: text.head,
                    lang: request.lang,
                    site: site_address.clone(),
                    format,
                };
                // Built once per state of the text's amendments, off the async threads.
                let file = fragments.bytes(key, || {
                    export::release_after(|| {
                        let (items, decisions) = amendments::amendments_for_export(snapshot)?;
                        export::amendments_file(format, request.lang, &items, &decisions, &site_address)
                            .map_err(|error| ActionError::Internal(error.to_string()))
                    })
                })?;
                // The address is in the file: two sites naming it differently get two versions.
                let tag = etag((
                    format.extension(),
                    text.id,
                    text.amendments_version,
                    text.head,
                    request.lang,
                    &site_address,
                ));
                Ok((text.slug.clone(), tag, file))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let filename = format!("{slug}-{}.{}", ctx.lang.t(K::CsvFileName), format.extension());
    Ok(download(format.content_type(), &filename, file, Some(&etag), &ctx.headers))
}

/// A revision (by default the head) as a PDF, every printed line numbered (rule 10); made
/// once per revision and language.
pub async fn export_pdf(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<RevisionQuery>,
) -> PageResult {
    let (viewer, lang, fragments) = (ctx.user.clone(), ctx.lang, Arc::clone(&state.fragments));
    let (slug, number, pdf) = state
        .run(move |site| {
            let (text, revision) = texts::revision(site, viewer.as_ref(), &slug, params.revision)?;
            let key = FragmentKey::RevisionPdf { text: text.id, revision: revision.info.number, lang };
            let pdf = fragments.bytes(key, || {
                export::release_after(|| Ok::<_, ActionError>(export::printouts::revision_pdf(lang, &revision)))
            })?;
            Ok::<_, ActionError>((text.slug, revision.info.number, pdf))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let filename = export::filename(&slug, number, "pdf");
    Ok(download("application/pdf", &filename, pdf, None, &ctx.headers))
}

/// Which changes an office export tracks: `?from=A&to=B` (revisions, by default the head
/// and the one before it) or `?amendments=3,5` (ids, or the key repeated).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TrackedQuery {
    from: Option<u32>,
    to: Option<u32>,
    #[serde(default)]
    amendments: Vec<String>,
}

fn selection_of(ctx: &PageCtx, query: TrackedQuery) -> Result<exports::Selection, PageError> {
    if query.amendments.is_empty() {
        return Ok(exports::Selection::Revisions { from: query.from, to: query.to });
    }
    if query.from.is_some() || query.to.is_some() {
        let field = if query.from.is_some() { "from" } else { "to" };
        return Err(ctx.error(Unreadable::Inapplicable { field, choice: "amendments".to_owned() }));
    }
    let mut ids = Vec::new();
    for value in query.amendments.iter().flat_map(|value| value.split(',')) {
        let id = value.trim().parse::<i64>().map_err(|_| {
            ctx.error(Unreadable::Invalid { field: "amendments".to_owned(), expected: Expected::Integer })
        })?;
        ids.push(id);
    }
    Ok(exports::Selection::Amendments(ids))
}

pub async fn export_odt(
    state: State<AppState>,
    ctx: PageCtx,
    slug: PagePath<String>,
    query: PageQuery<TrackedQuery>,
) -> PageResult {
    export_tracked(state, ctx, slug, query, TrackedFormat::Odt).await
}

pub async fn export_docx(
    state: State<AppState>,
    ctx: PageCtx,
    slug: PagePath<String>,
    query: PageQuery<TrackedQuery>,
) -> PageResult {
    export_tracked(state, ctx, slug, query, TrackedFormat::Docx).await
}

#[derive(Clone, Copy)]
enum TrackedFormat {
    Odt,
    Docx,
}

/// The text with the changes of a range of revisions or of a set of amendments tracked,
/// as a word processor's file.
async fn export_tracked(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<TrackedQuery>,
    format: TrackedFormat,
) -> PageResult {
    let selection = selection_of(&ctx, query)?;
    let (viewer, lang, fragments) = (ctx.user.clone(), ctx.lang, Arc::clone(&state.fragments));
    let (slug, filename_range, file) = state
        .run(move |site| {
            texts::read_text(site, viewer.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                // The same file whether the range is named or left to its defaults.
                let (from, to, amendments) = match &selection {
                    exports::Selection::Revisions { from, to } => {
                        let to = to.unwrap_or(text.head);
                        (Some(from.unwrap_or(to.saturating_sub(1).max(1))), Some(to), Vec::new())
                    }
                    exports::Selection::Amendments(ids) => (None, None, ids.clone()),
                };
                let key = FragmentKey::Tracked {
                    text: text.id,
                    amendments_version: text.amendments_version,
                    head: text.head,
                    lang,
                    from,
                    to,
                    amendments,
                    docx: matches!(format, TrackedFormat::Docx),
                };
                // The range the file covers, for its name.
                let range = match (from, to) {
                    (Some(from), Some(to)) => (from, to),
                    _ => (text.head, text.head),
                };
                let file = fragments.bytes(key, || {
                    export::release_after(|| {
                        let document = exports::tracked_text(snapshot, &selection, lang)?;
                        let file = match format {
                            TrackedFormat::Odt => export::tracked::odt(&document),
                            TrackedFormat::Docx => export::tracked::docx(&document),
                        };
                        file.map_err(|error| ActionError::Internal(error.to_string()))
                    })
                })?;
                Ok((text.slug.clone(), range, file))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let (extension, content_type) = match format {
        TrackedFormat::Odt => ("odt", "application/vnd.oasis.opendocument.text"),
        TrackedFormat::Docx => ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    };
    let filename = match filename_range {
        (from, to) if from == to => format!("{slug}-r{to}.{extension}"),
        (from, to) => format!("{slug}-r{from}-r{to}.{extension}"),
    };
    Ok(download(content_type, &filename, file, None, &ctx.headers))
}

/// The amendment book of a text: every amendment in the order of its printed lines, a
/// standalone page with a print stylesheet (A4, page numbers). Built once per state of
/// the text's amendments, off the async threads.
pub async fn amendment_book(state: State<AppState>, ctx: PageCtx, slug: PagePath<String>) -> PageResult {
    book(state, ctx, slug, false).await
}

/// The same book as a PDF, made by the server.
pub async fn amendment_book_pdf(state: State<AppState>, ctx: PageCtx, slug: PagePath<String>) -> PageResult {
    book(state, ctx, slug, true).await
}

async fn book(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>, pdf: bool) -> PageResult {
    let (request, fragments) = (ctx.clone(), Arc::clone(&state.fragments));
    let (slug, book) = state
        .run(move |site| {
            texts::read_text(site, request.user.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                let key = FragmentKey::Book {
                    text: text.id,
                    amendments_version: text.amendments_version,
                    head: text.head,
                    lang: request.lang,
                    pdf,
                };
                let book = fragments.bytes(key, || {
                    export::release_after(|| {
                        let (items, decisions) = amendments::amendments_for_export(snapshot)?;
                        Ok::<_, ActionError>(if pdf {
                            export::printouts::book_pdf(request.lang, text, &items, &decisions)
                        } else {
                            views::book::book_page(request.lang, text, &items, &decisions).into_string().into_bytes()
                        })
                    })
                })?;
                Ok((text.slug.clone(), book))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    if !pdf {
        return Ok(Html(book).into_response());
    }
    let filename = format!("{slug}-{}.pdf", ctx.lang.t(K::BookFileName));
    Ok(download("application/pdf", &filename, book, None, &ctx.headers))
}
