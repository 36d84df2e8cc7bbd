//! Page handlers: extract, call one action, render a page or redirect.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;

use super::AppState;
use super::context::{LANG_COOKIE, Lang, PageCtx, SESSION_COOKIE, set_cookie};
use super::error::{PageError, Problem};
use super::forms::FormBody;
use super::fragments::{CSRF_PLACEHOLDER, FragmentKey, assemble, etag, fresh, html_chunks, marker, not_modified};
use crate::actions::accounts::{self, SESSION_SECONDS};
use crate::actions::amendments::{self, Filter, Proposal, Verdict};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::{ActionError, Conflict};
use crate::domain::span::Anchor;
use crate::domain::text::typed_lines;
use crate::domain::{AmendmentState, Visibility};
use crate::export;
use crate::views;
use crate::views::account::PublishDraft;
use crate::views::amendment::AmendmentDraft;
use crate::views::history::{DiffLayout, EditDraft};
use crate::views::review::ReviewState;

type PageResult = Result<Response, PageError>;

fn html(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

fn html_with_status(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// Only paths of this site are followed after a login or a language switch.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

/// One leading slash, then printable ASCII only: browsers drop tabs and newlines from a
/// `Location` and read a backslash as a slash, so `/\t/evil.example` would lead to `//evil.example`;
/// and a control character cannot go in a header at all. Paths of this site arrive
/// percent-encoded, so nothing legitimate is lost.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'\\')
}

/// Parses a number from the address; anything else is a page that does not exist.
fn number_in_path<T: std::str::FromStr>(ctx: &PageCtx, value: &str) -> Result<T, PageError> {
    value.parse().map_err(|_| ctx.error(Problem::NotFound))
}

fn query<T>(ctx: &PageCtx, query: Result<Query<T>, QueryRejection>) -> Result<T, PageError> {
    query.map(|Query(value)| value).map_err(|rejection| ctx.error(Problem::BadRequest(rejection.body_text())))
}

fn form<T>(ctx: &PageCtx, body: Result<FormBody<T>, Problem>) -> Result<T, PageError> {
    body.map(|FormBody(value)| value).map_err(|problem| ctx.error(problem))
}

/// A redirect to the login page that comes back here.
fn to_login(ctx: &PageCtx) -> Response {
    Redirect::to(&format!("/login?next={}", views::query_value(&ctx.here))).into_response()
}

pub async fn home(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let viewer = ctx.user.clone();
    let texts = state.run(move |site| texts::list_texts(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::home::home(&ctx.frame(), &texts)))
}

pub async fn health(State(state): State<AppState>) -> Response {
    match state.run(|site| Ok(site.store.check()?)).await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!("health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// No such page; an address under `/api` that no API route takes gets the API's JSON error.
pub async fn not_found(ctx: PageCtx) -> Response {
    if ctx.here == "/api" || ctx.here.starts_with("/api/") || ctx.here.starts_with("/api?") {
        return super::error::ApiError { lang: ctx.lang, problem: Problem::NotFound }.into_response();
    }
    ctx.error(Problem::NotFound).into_response()
}

pub async fn method_not_allowed(ctx: PageCtx) -> PageError {
    ctx.error(Problem::MethodNotAllowed)
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn switch_language(
    ctx: PageCtx,
    Path(code): Path<String>,
    next: Result<Query<NextQuery>, QueryRejection>,
) -> PageResult {
    let next = query(&ctx, next)?;
    let lang = Lang::from_code(&code).ok_or_else(|| ctx.error(Problem::NotFound))?;
    let mut response = Redirect::to(&safe_next(next.next.as_deref())).into_response();
    if let Some(cookie) = set_cookie(&ctx.headers, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600)) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

pub async fn login_form(ctx: PageCtx, next: Result<Query<NextQuery>, QueryRejection>) -> PageResult {
    let next = safe_next(query(&ctx, next)?.next.as_deref());
    if ctx.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(html(views::account::login_page(&ctx.frame(), &next, "", None)))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn log_in(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<LoginForm>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let next = safe_next(submitted.next.as_deref());
    let (login, password, address) = (submitted.login.clone(), submitted.password, ctx.address);
    match state.run(move |site| accounts::log_in(site, &login, &password, address)).await {
        Ok(session) => {
            let mut response = Redirect::to(&next).into_response();
            if let Some(cookie) = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS)) {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error @ (ActionError::WrongCredentials | ActionError::RateLimited)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let page = views::account::login_page(&ctx.frame(), &next, &submitted.login, Some(&message));
            Ok(html_with_status(problem.status(), page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn log_out(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<CsrfOnly>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    if let Some(token) = ctx.session_token.clone() {
        state.run(move |site| accounts::log_out(site, &token)).await.map_err(|e| ctx.error(e))?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(cookie) = set_cookie(&ctx.headers, SESSION_COOKIE, "", Some(0)) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

pub async fn publish_form(ctx: PageCtx) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    Ok(html(views::account::publish_page(&ctx.frame(), &PublishDraft::default(), None)))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    summary: String,
    visibility: Option<String>,
}

pub async fn publish_text(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<PublishForm>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let visibility = match submitted.visibility.as_deref() {
        None => Visibility::Public,
        Some(name) => {
            Visibility::parse(name).ok_or_else(|| ctx.error(Problem::BadRequest(format!("visibility {name:?}"))))?
        }
    };
    let viewer = ctx.user.clone();
    let (slug, title, text_body, summary) =
        (submitted.slug.clone(), submitted.title.clone(), submitted.body.clone(), submitted.summary.clone());
    let result = state
        .run(move |site| {
            let new = NewText { slug: &slug, title: &title, body: &text_body, summary: &summary, visibility };
            texts::publish_text(site, viewer.as_ref(), &new)
        })
        .await;
    match result {
        Ok(text) => Ok(Redirect::to(&format!("/texts/{}", text.slug)).into_response()),
        Err(error) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            let draft = PublishDraft {
                slug: &submitted.slug,
                title: &submitted.title,
                body: &submitted.body,
                summary: &submitted.summary,
                members_only: visibility == Visibility::Members,
            };
            let page = views::account::publish_page(&ctx.frame(), &draft, Some(&problem.message(ctx.lang)));
            Ok(html_with_status(problem.status(), page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

/// Failures a form shows above itself, keeping what was typed, rather than on an error page.
fn shown_in_form(error: &ActionError) -> bool {
    matches!(
        error,
        ActionError::Invalid(_)
            | ActionError::TooLarge(_)
            | ActionError::Conflict(Conflict::AnchorTouched { .. } | Conflict::SlugTaken | Conflict::HeadMoved { .. })
    )
}

#[derive(Deserialize)]
pub struct RevisionQuery {
    revision: Option<u32>,
}

pub async fn text_head(State(state): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> PageResult {
    show_text(state, ctx, slug, None).await
}

pub async fn text_revision(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, number)): Path<(String, String)>,
) -> PageResult {
    let number = number_in_path(&ctx, &number)?;
    show_text(state, ctx, slug, Some(number)).await
}

async fn show_text(state: AppState, ctx: PageCtx, slug: String, number: Option<u32>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let page = state
        .run(move |site| {
            let data = texts::text_page(site, request.user.as_ref(), &slug, number)?;
            let text = &data.text;
            let takes_amendments = views::text::takes_amendments(&data);
            // Everything the page shows: the text's state, the revision, the margin, and the
            // visitor (name, forms' token, language, address for the language switch).
            let tag = etag((
                (text.id, text.updated_at, text.amendments_version, &text.title, text.phase.as_str()),
                (data.revision.info.number, takes_amendments, request.lang),
                (
                    request.user.as_ref().map(|user| (user.id, &user.name, user.role.as_str())),
                    &request.csrf,
                    &request.here,
                ),
            ));
            if fresh(&request.headers, &tag) {
                return Ok(Err(tag));
            }
            let key = FragmentKey::TextLines {
                text: text.id,
                revision: data.revision.info.number,
                amendments_version: text.amendments_version,
                lang: request.lang,
                takes_amendments,
            };
            let lines = fragments.get(key, || views::text::text_lines(request.lang, &data));
            let shell = views::text::text_page(&request.frame(), &data, marker());
            Ok(Ok((assemble(shell, &[lines], &request.csrf), tag)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(match page {
        Ok((chunks, tag)) => html_chunks(StatusCode::OK, chunks, Some(&tag)),
        Err(tag) => not_modified(&tag),
    })
}

#[derive(Deserialize)]
pub struct AmendQuery {
    revision: Option<u32>,
    start: Option<u32>,
    count: Option<u32>,
}

pub async fn amendment_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    params: Result<Query<AmendQuery>, QueryRejection>,
) -> PageResult {
    let params = query(&ctx, params)?;
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let viewer = ctx.user.clone();
    let (text, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, params.revision))
        .await
        .map_err(|e| ctx.error(e))?;
    let anchor =
        Anchor { revision: revision.info.number, start: params.start.unwrap_or(1), count: params.count.unwrap_or(1) };
    let (anchored, error) = match anchor.span_in(revision.lines.len()) {
        Ok(span) => (revision.lines[span.start..span.end()].to_vec(), None),
        Err(error) => (Vec::new(), Some(Problem::from(ActionError::from(error)).message(ctx.lang))),
    };
    let proposed = anchored.join("\n");
    let draft = AmendmentDraft {
        revision: anchor.revision,
        start: anchor.start,
        count: anchor.count,
        anchored_lines: &anchored,
        new_lines: &proposed,
        summary: "",
        rationale: "",
    };
    Ok(html(views::amendment::amendment_form(&ctx.frame(), &text, &draft, None, error.as_deref())))
}

#[derive(Deserialize)]
pub struct AmendmentForm {
    #[serde(default)]
    csrf: String,
    base: u32,
    start: u32,
    count: u32,
    #[serde(default)]
    new_lines: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    rationale: String,
}

/// Shows the amendment form again with what was typed and why it was refused.
async fn amendment_form_again(
    state: &AppState,
    ctx: &PageCtx,
    slug: String,
    submitted: &AmendmentForm,
    editing: Option<(i64, &str)>,
    problem: Problem,
) -> PageResult {
    let viewer = ctx.user.clone();
    let base = submitted.base;
    // Quote the lines from the revision the author worked on, or the head if it is unknown.
    let (text, revision) = state
        .run(move |site| match texts::revision(site, viewer.as_ref(), &slug, Some(base)) {
            Err(ActionError::NotFound) => texts::revision(site, viewer.as_ref(), &slug, None),
            found => found,
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let anchor = Anchor { revision: revision.info.number, start: submitted.start, count: submitted.count };
    let anchored = anchor
        .span_in(revision.lines.len())
        .map(|span| revision.lines[span.start..span.end()].to_vec())
        .unwrap_or_default();
    let draft = AmendmentDraft {
        revision: anchor.revision,
        start: submitted.start,
        count: submitted.count,
        anchored_lines: &anchored,
        new_lines: &submitted.new_lines,
        summary: &submitted.summary,
        rationale: &submitted.rationale,
    };
    let page = views::amendment::amendment_form(&ctx.frame(), &text, &draft, editing, Some(&problem.message(ctx.lang)));
    Ok(html_with_status(problem.status(), page))
}

/// Lines typed in a textarea, as the actions take them (they normalise them).
fn proposal_lines(text: &str) -> Vec<String> {
    typed_lines(text).into_iter().map(str::to_owned).collect()
}

pub async fn propose_amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    body: Result<FormBody<AmendmentForm>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    let (text_slug, base, start, count) = (slug.clone(), submitted.base, submitted.start, submitted.count);
    let (lines, summary, rationale) =
        (proposal_lines(&submitted.new_lines), submitted.summary.clone(), submitted.rationale.clone());
    let result = state
        .run(move |site| {
            let proposal = Proposal { base, start, count, new_lines: &lines, summary: &summary, rationale: &rationale };
            amendments::propose(site, viewer.as_ref(), &text_slug, &proposal)
        })
        .await;
    match result {
        Ok(amendment) => Ok(Redirect::to(&format!("/amendments/{}", amendment.id)).into_response()),
        Err(error) if shown_in_form(&error) => {
            amendment_form_again(&state, &ctx, slug, &submitted, None, error.into()).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    line: Option<u32>,
    revision: Option<u32>,
    state: Option<String>,
}

pub async fn list_amendments(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    params: Result<Query<ListQuery>, QueryRejection>,
) -> PageResult {
    let params = query(&ctx, params)?;
    let amendment_state = match params.state.as_deref() {
        None | Some("") => None,
        Some(name) => {
            Some(AmendmentState::parse(name).ok_or_else(|| ctx.error(Problem::BadRequest(format!("state {name:?}"))))?)
        }
    };
    let filter = Filter { line: params.line, revision: params.revision, state: amendment_state };
    let viewer = ctx.user.clone();
    let (text, items) = state
        .run(move |site| amendments::text_amendments(site, viewer.as_ref(), &slug, filter))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(views::text::amendments_list(&ctx.frame(), &text, &items, &filter)))
}

fn amendment_id(ctx: &PageCtx, id: &str) -> Result<i64, PageError> {
    number_in_path(ctx, id)
}

pub async fn amendment(State(state): State<AppState>, ctx: PageCtx, Path(id): Path<String>) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let detail = state
        .run(move |site| amendments::amendment_detail(site, viewer.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(views::amendment::amendment_page(&ctx.frame(), &detail)))
}

pub async fn amendment_edit_form(State(state): State<AppState>, ctx: PageCtx, Path(id): Path<String>) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login(&ctx));
    };
    let viewer = Some(user.clone());
    let (detail, head) = state
        .run(move |site| {
            let detail = amendments::amendment_detail(site, viewer.as_ref(), id)?;
            let (_, head) = texts::revision(site, viewer.as_ref(), &detail.text.slug, None)?;
            Ok((detail, head))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    if detail.amendment.author.id != user.id {
        return Err(ctx.error(ActionError::Forbidden));
    }
    let amendment = &detail.amendment;
    // Editing happens on the head: an open amendment is anchored there already; an outdated
    // one is re-anchored, starting from where it was.
    let anchor = Anchor { revision: head.info.number, ..amendment.anchor };
    let anchored =
        anchor.span_in(head.lines.len()).map(|span| head.lines[span.start..span.end()].to_vec()).unwrap_or_default();
    let proposed = amendment.new_lines.join("\n");
    let draft = AmendmentDraft {
        revision: anchor.revision,
        start: anchor.start,
        count: anchor.count,
        anchored_lines: &anchored,
        new_lines: &proposed,
        summary: &amendment.summary,
        rationale: &amendment.rationale,
    };
    let editing = Some((amendment.id, amendment.reference.as_str()));
    Ok(html(views::amendment::amendment_form(&ctx.frame(), &detail.text, &draft, editing, None)))
}

pub async fn edit_amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    body: Result<FormBody<AmendmentForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    let (base, start, count) = (submitted.base, submitted.start, submitted.count);
    let (lines, summary, rationale) =
        (proposal_lines(&submitted.new_lines), submitted.summary.clone(), submitted.rationale.clone());
    let result = state
        .run(move |site| {
            let proposal = Proposal { base, start, count, new_lines: &lines, summary: &summary, rationale: &rationale };
            let amendment = amendments::edit_amendment(site, viewer.as_ref(), id, &proposal);
            // The form needs the text's slug and the reference to be shown again.
            let shown = amendments::amendment_detail(site, viewer.as_ref(), id)
                .map(|detail| (detail.text.slug, detail.amendment.reference));
            Ok((amendment, shown))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    match result {
        (Ok(amendment), _) => Ok(Redirect::to(&format!("/amendments/{}", amendment.id)).into_response()),
        (Err(error), Ok((slug, reference))) if shown_in_form(&error) => {
            amendment_form_again(&state, &ctx, slug, &submitted, Some((id, &reference)), error.into()).await
        }
        (Err(error), _) => Err(ctx.error(error)),
    }
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    body: Result<FormBody<CsrfOnly>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    state.run(move |site| amendments::withdraw(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    Ok(Redirect::to(&format!("/amendments/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    decision: String,
    #[serde(default)]
    note: String,
    modified_lines: Option<String>,
    back: Option<String>,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    body: Result<FormBody<DecisionForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let modified = match submitted.decision.as_str() {
        "accept" | "reject" => None,
        // Without the field, "accept as modified" would silently become a deletion.
        "accept_modified" => match submitted.modified_lines.as_deref() {
            Some(lines) => Some(proposal_lines(lines)),
            None => return Err(ctx.error(Problem::BadRequest("modified_lines missing".to_owned()))),
        },
        other => return Err(ctx.error(Problem::BadRequest(format!("decision {other:?}")))),
    };
    let reject = submitted.decision == "reject";
    let viewer = ctx.user.clone();
    let note = submitted.note;
    let amendment = state
        .run(move |site| {
            let verdict =
                if reject { Verdict::Reject } else { Verdict::Accept { modified_lines: modified.as_deref() } };
            amendments::decide(site, viewer.as_ref(), id, &verdict, &note)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let target = match submitted.back.as_deref() {
        Some("review") => format!("/texts/{}/review#a-{id}", amendment.text_slug),
        _ => format!("/amendments/{id}"),
    };
    Ok(Redirect::to(&target).into_response())
}

#[derive(Deserialize)]
pub struct ReviewQuery {
    merged: Option<u32>,
}

pub async fn review(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    params: Result<Query<ReviewQuery>, QueryRejection>,
) -> PageResult {
    let params = query(&ctx, params)?;
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let shown = ReviewOutcome { merged_into: params.merged, error: None, selected: Vec::new() };
    review_desk(&state, &ctx, slug, StatusCode::OK, shown).await
}

/// What the review desk shows above its amendments.
struct ReviewOutcome {
    merged_into: Option<u32>,
    error: Option<String>,
    selected: Vec<i64>,
}

/// The review desk, each amendment rendered once per version and kept.
async fn review_desk(
    state: &AppState,
    ctx: &PageCtx,
    slug: String,
    status: StatusCode,
    shown: ReviewOutcome,
) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let chunks = state
        .run(move |site| {
            let lang = request.lang;
            let item_key = |amendment: &crate::domain::model::Amendment, head: u32| FragmentKey::ReviewItem {
                amendment: amendment.id,
                version: amendment.version,
                head,
                lang,
            };
            // The lines an amendment replaces are read only for items not rendered yet; the
            // rendered ones are taken now, so that none can be evicted before it is used.
            let held = std::cell::RefCell::new(std::collections::HashMap::new());
            let review = amendments::review(site, request.user.as_ref(), &slug, |amendment, head| {
                if shown.selected.contains(&amendment.id) {
                    return true;
                }
                match fragments.lookup(&item_key(amendment, head)) {
                    Some(pieces) => {
                        held.borrow_mut().insert(amendment.id, pieces);
                        false
                    }
                    None => true,
                }
            })?;
            let head = review.text.head;
            let mut held = held.into_inner();
            let items: Vec<_> = review
                .items
                .iter()
                .map(|item| {
                    if shown.selected.contains(&item.amendment.id) {
                        // A ticked box is this response's alone: not worth keeping.
                        let html = views::review::review_item(lang, &request.csrf, item, head, true).into_string();
                        return Arc::new(vec![html.into()]);
                    }
                    match held.remove(&item.amendment.id) {
                        Some(pieces) => pieces,
                        None => fragments.get(item_key(&item.amendment, head), || {
                            views::review::review_item(lang, CSRF_PLACEHOLDER, item, head, false)
                        }),
                    }
                })
                .collect();
            let state = ReviewState {
                selected: &shown.selected,
                error: shown.error.as_deref(),
                merged_into: shown.merged_into,
            };
            let shell = views::review::review_page(&request.frame(), &review, &state, marker());
            Ok(assemble(shell, &items, &request.csrf))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_chunks(status, chunks, None))
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    base: u32,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    amendments: Vec<i64>,
}

pub async fn merge(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    body: Result<FormBody<MergeForm>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    let (text_slug, ids, summary, base) =
        (slug.clone(), submitted.amendments.clone(), submitted.summary.clone(), submitted.base);
    let result = state
        .run(move |site| {
            let request = MergeRequest { base, amendments: &ids, summary: &summary };
            merge::merge(site, viewer.as_ref(), &text_slug, &request)
        })
        .await;
    match result {
        Ok(merged) => Ok(Redirect::to(&format!("/texts/{slug}/review?merged={}", merged.head)).into_response()),
        Err(error @ (ActionError::Conflict(_) | ActionError::Invalid(_))) => {
            // The desk again, with the refusal and the selection as it was: nothing changed.
            let problem = Problem::from(error);
            let shown = ReviewOutcome {
                merged_into: None,
                error: Some(problem.message(ctx.lang)),
                selected: submitted.amendments,
            };
            review_desk(&state, &ctx, slug, problem.status(), shown).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}

pub async fn history(State(state): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> PageResult {
    let viewer = ctx.user.clone();
    let history =
        state.run(move |site| texts::history(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::history::history_page(&ctx.frame(), &history)))
}

#[derive(Deserialize)]
pub struct CompareQuery {
    from: u32,
    to: u32,
}

pub async fn compare(
    ctx: PageCtx,
    Path(slug): Path<String>,
    params: Result<Query<CompareQuery>, QueryRejection>,
) -> PageResult {
    let params = query(&ctx, params)?;
    // The slug comes decoded from the address and may hold anything, a line feed included,
    // which no `Location` header can carry: it goes back percent-encoded, as one segment.
    let segment = views::query_value(&slug).replace('/', "%2F");
    Ok(Redirect::to(&format!("/texts/{segment}/diff/{}..{}", params.from, params.to)).into_response())
}

#[derive(Deserialize)]
pub struct DiffQuery {
    view: Option<String>,
}

pub async fn diff(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, range)): Path<(String, String)>,
    params: Result<Query<DiffQuery>, QueryRejection>,
) -> PageResult {
    let params = query(&ctx, params)?;
    let (from, to) = range.split_once("..").ok_or_else(|| ctx.error(Problem::NotFound))?;
    let (from, to): (u32, u32) = (number_in_path(&ctx, from)?, number_in_path(&ctx, to)?);
    let layout = if params.view.as_deref() == Some("inline") { DiffLayout::Inline } else { DiffLayout::SideBySide };
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let page = state
        .run(move |site| {
            let (text, old, new) = texts::two_revisions(site, request.user.as_ref(), &slug, from, to)?;
            // Revisions never change: only the text's title and the visitor's frame can.
            let tag = etag((
                (text.id, &text.title, text.head, text.phase.as_str(), from, to, layout, request.lang),
                (
                    request.user.as_ref().map(|user| (user.id, &user.name, user.role.as_str())),
                    &request.csrf,
                    &request.here,
                ),
            ));
            if fresh(&request.headers, &tag) {
                return Ok(Err(tag));
            }
            let key = FragmentKey::Diff { text: text.id, from, to, layout, lang: request.lang };
            let table = fragments.get(key, || views::history::diff_table(request.lang, &old, &new, layout));
            let shell = views::history::diff_page(&request.frame(), &text, &old, &new, layout, marker());
            Ok(Ok((assemble(shell, &[table], &request.csrf), tag)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(match page {
        Ok((chunks, tag)) => html_chunks(StatusCode::OK, chunks, Some(&tag)),
        Err(tag) => not_modified(&tag),
    })
}

pub async fn edit_form(State(state): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let viewer = ctx.user.clone();
    let (text, head) =
        state.run(move |site| texts::revision(site, viewer.as_ref(), &slug, None)).await.map_err(|e| ctx.error(e))?;
    if !crate::auth::allows(ctx.user.as_ref().map(|u| u.role), crate::auth::Permission::Publish) {
        return Err(ctx.error(ActionError::Forbidden));
    }
    let body = head.lines.join("\n\n");
    let draft = EditDraft { base: head.info.number, body: &body, summary: "" };
    Ok(html(views::history::edit_page(&ctx.frame(), &text, &draft, None)))
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    base: u32,
    #[serde(default)]
    body: String,
    #[serde(default)]
    summary: String,
}

pub async fn edit_text(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    body: Result<FormBody<EditForm>, Problem>,
) -> PageResult {
    let submitted = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    let (text_slug, text_body, summary, base) =
        (slug.clone(), submitted.body.clone(), submitted.summary.clone(), submitted.base);
    let result = state
        .run(move |site| {
            let edit = TextEdit { base, body: &text_body, summary: &summary };
            let outcome = texts::edit_text(site, viewer.as_ref(), &text_slug, &edit);
            // The pages shown after a refusal need the text; a success needs nothing more.
            let text = match outcome {
                Ok(_) => Err(ActionError::NotFound),
                Err(_) => texts::revision(site, viewer.as_ref(), &text_slug, None).map(|(text, _)| text),
            };
            Ok((outcome, text))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    match result {
        (Ok(_), _) => Ok(Redirect::to(&format!("/texts/{slug}")).into_response()),
        (Err(ActionError::Conflict(Conflict::Edit(conflict))), Ok(text)) => {
            let page = views::history::edit_conflict_page(&ctx.frame(), &text, &conflict);
            Ok(html_with_status(StatusCode::CONFLICT, page))
        }
        (Err(error), Ok(text)) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            let draft = EditDraft { base: submitted.base, body: &submitted.body, summary: &submitted.summary };
            let page = views::history::edit_page(&ctx.frame(), &text, &draft, Some(&problem.message(ctx.lang)));
            Ok(html_with_status(problem.status(), page))
        }
        (Err(error), _) => Err(ctx.error(error)),
    }
}

/// A file to download, named after the text and revision.
fn download(content_type: &'static str, filename: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn export_revision(
    state: AppState,
    ctx: PageCtx,
    slug: String,
    params: Result<Query<RevisionQuery>, QueryRejection>,
    format: export::Format,
) -> PageResult {
    let params = query(&ctx, params)?;
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
    Path(slug): Path<String>,
    params: Result<Query<RevisionQuery>, QueryRejection>,
) -> PageResult {
    export_revision(state, ctx, slug, params, export::Format::Text).await
}

pub async fn export_md(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    params: Result<Query<RevisionQuery>, QueryRejection>,
) -> PageResult {
    export_revision(state, ctx, slug, params, export::Format::Markdown).await
}

pub async fn export_csv(State(state): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> PageResult {
    let viewer = ctx.user.clone();
    let (text, items) = state
        .run(move |site| amendments::text_amendments(site, viewer.as_ref(), &slug, Filter::default()))
        .await
        .map_err(|e| ctx.error(e))?;
    let csv = export::amendments_csv(ctx.lang, &items);
    let filename = format!("{}-amendements.csv", text.slug);
    Ok(download("text/csv; charset=utf-8", &filename, csv))
}
