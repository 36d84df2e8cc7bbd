//! The JSON API v1 (DESIGN.md "HTTP contract"): wire types kept apart from the domain's,
//! and handlers as thin as the pages'.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::AppState;
use super::context::ApiCtx;
use super::error::{ApiError, Problem};
use super::forms::{ApiPath, JsonBody};
use crate::actions::amendments::{self, Filter, Proposal, Verdict};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::{ActionError, accounts};
use crate::domain::Visibility;
use crate::domain::model::{Amendment, Person, Revision, RevisionInfo, Text};
use crate::i18n::rfc3339;

type ApiResult = Result<Response, ApiError>;

fn ok(value: impl Serialize) -> ApiResult {
    Ok(Json(value).into_response())
}

fn created(value: impl Serialize) -> ApiResult {
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

fn query<T>(ctx: &ApiCtx, query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query.map(|Query(value)| value).map_err(|rejection| ctx.error(Problem::BadRequest(rejection.body_text())))
}

fn id_in_path(ctx: &ApiCtx, id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ctx.error(Problem::NotFound))
}

pub async fn not_found(ctx: ApiCtx) -> ApiError {
    ctx.error(Problem::NotFound)
}

pub async fn method_not_allowed(ctx: ApiCtx) -> ApiError {
    ctx.error(Problem::MethodNotAllowed)
}

#[derive(Serialize)]
struct PersonJson<'a> {
    login: &'a str,
    name: &'a str,
}

fn person(person: &Person) -> PersonJson<'_> {
    PersonJson { login: &person.login, name: &person.name }
}

fn text_json(text: &Text) -> Value {
    json!({
        "slug": text.slug,
        "title": text.title,
        "head": text.head,
        "phase": text.phase.as_str(),
        "visibility": text.visibility.as_str(),
        "topic": Value::Null,
        "reference_prefix": text.prefix,
    })
}

fn amendment_json(amendment: &Amendment) -> Value {
    json!({
        "id": amendment.id,
        "reference": amendment.reference,
        "text": amendment.text_slug,
        "author": amendment.author.login,
        "author_name": amendment.author.name,
        "state": amendment.state.as_str(),
        "anchor": {
            "revision": amendment.anchor.revision,
            "start": amendment.anchor.start,
            "count": amendment.anchor.count,
        },
        "new_lines": amendment.new_lines,
        "decided_lines": amendment.decided_lines,
        "summary": amendment.summary,
        "rationale": amendment.rationale,
        "merged_into": amendment.merged_into,
        "version": amendment.version,
        "created_at": rfc3339(amendment.created_at),
        "updated_at": rfc3339(amendment.updated_at),
    })
}

fn revision_info_json(info: &RevisionInfo, merged: &[(String, i64)]) -> Value {
    json!({
        "number": info.number,
        "kind": info.kind.as_str(),
        "author": info.author.login,
        "author_name": info.author.name,
        "summary": info.summary,
        "line_count": info.line_count,
        "created_at": rfc3339(info.created_at),
        "merged_amendments": merged.iter().map(|(reference, id)| json!({ "id": id, "reference": reference })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
pub struct Credentials {
    login: String,
    password: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body): JsonBody<Credentials>,
) -> ApiResult {
    let address = ctx.address;
    let token = state
        .run(move |site| accounts::issue_api_token(site, &body.login, &body.password, address))
        .await
        .map_err(|e| ctx.error(e))?;
    created(json!({ "token": token }))
}

pub async fn list_texts(State(state): State<AppState>, ctx: ApiCtx) -> ApiResult {
    let viewer = ctx.user.clone();
    let listings = state.run(move |site| texts::list_texts(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    ok(listings
        .iter()
        .map(|listing| {
            let mut value = text_json(&listing.text);
            if let Some(object) = value.as_object_mut() {
                object.insert("open_amendments".to_owned(), json!(listing.open_amendments));
            }
            value
        })
        .collect::<Vec<_>>())
}

#[derive(Deserialize)]
pub struct NewTextJson {
    slug: String,
    title: String,
    body: String,
    #[serde(default)]
    summary: String,
    visibility: Option<String>,
    /// Topics come with a later issue; accepted and ignored until then.
    #[allow(dead_code)]
    topic: Option<String>,
}

pub async fn publish_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body): JsonBody<NewTextJson>,
) -> ApiResult {
    let visibility = match body.visibility.as_deref() {
        None => Visibility::Public,
        Some(name) => Visibility::parse(name).ok_or_else(|| {
            ctx.error(Problem::BadRequest(format!("visibility must be public or members, not {name:?}")))
        })?,
    };
    let viewer = ctx.user.clone();
    let text = state
        .run(move |site| {
            let new =
                NewText { slug: &body.slug, title: &body.title, body: &body.body, summary: &body.summary, visibility };
            texts::publish_text(site, viewer.as_ref(), &new)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(json!({ "slug": text.slug, "head": text.head }))
}

pub async fn get_text(State(state): State<AppState>, ctx: ApiCtx, ApiPath(slug): ApiPath<String>) -> ApiResult {
    let viewer = ctx.user.clone();
    let (text, head) =
        state.run(move |site| texts::revision(site, viewer.as_ref(), &slug, None)).await.map_err(|e| ctx.error(e))?;
    let mut value = text_json(&text);
    if let Some(object) = value.as_object_mut() {
        object.insert("lines".to_owned(), json!(head.lines));
    }
    ok(value)
}

#[derive(Deserialize)]
pub struct EditJson {
    base: u32,
    body: String,
    #[serde(default)]
    summary: String,
}

pub async fn edit_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<EditJson>,
) -> ApiResult {
    let viewer = ctx.user.clone();
    let head = state
        .run(move |site| {
            let edit = TextEdit { base: body.base, body: &body.body, summary: &body.summary };
            texts::edit_text(site, viewer.as_ref(), &slug, &edit)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(json!({ "head": head }))
}

pub async fn list_revisions(State(state): State<AppState>, ctx: ApiCtx, ApiPath(slug): ApiPath<String>) -> ApiResult {
    let viewer = ctx.user.clone();
    let history =
        state.run(move |site| texts::history(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    ok(history.revisions.iter().map(|(info, merged)| revision_info_json(info, merged)).collect::<Vec<_>>())
}

fn revision_json(revision: &Revision) -> Value {
    let mut value = revision_info_json(&revision.info, &[]);
    if let Some(object) = value.as_object_mut() {
        object.remove("merged_amendments");
        object.insert("lines".to_owned(), json!(revision.lines));
    }
    value
}

pub async fn get_revision(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath((slug, number)): ApiPath<(String, String)>,
) -> ApiResult {
    let number: u32 = number.parse().map_err(|_| ctx.error(Problem::NotFound))?;
    let viewer = ctx.user.clone();
    let (_, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, Some(number)))
        .await
        .map_err(|e| ctx.error(e))?;
    ok(revision_json(&revision))
}

#[derive(Deserialize)]
pub struct DiffQuery {
    from: u32,
    to: u32,
}

pub async fn diff(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    params: Result<Query<DiffQuery>, QueryRejection>,
) -> ApiResult {
    let params = query(&ctx, params)?;
    let viewer = ctx.user.clone();
    let (_, from, to) = state
        .run(move |site| texts::two_revisions(site, viewer.as_ref(), &slug, params.from, params.to))
        .await
        .map_err(|e| ctx.error(e))?;
    ok(json!({ "from": from.info.number, "to": to.info.number, "changes": changes_json(&from.lines, &to.lines) }))
}

/// The changes from `old` to `new` as the API writes them, 1-based.
pub(super) fn changes_json(old: &[String], new: &[String]) -> Vec<Value> {
    crate::domain::diff_lines(old, new)
        .iter()
        .map(|change| {
            json!({
                "old_start": change.old.start + 1,
                "old_count": change.old.count,
                "new_start": change.new.start + 1,
                "new_count": change.new.count,
                "old_lines": old[change.old.start..change.old.end()],
                "new_lines": new[change.new.start..change.new.end()],
            })
        })
        .collect()
}

#[derive(Deserialize)]
pub struct ProvenanceQuery {
    revision: Option<u32>,
}

pub async fn provenance(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    params: Result<Query<ProvenanceQuery>, QueryRejection>,
) -> ApiResult {
    let params = query(&ctx, params)?;
    let viewer = ctx.user.clone();
    let (_, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, params.revision))
        .await
        .map_err(|e| ctx.error(e))?;
    ok(revision
        .provenance
        .iter()
        .enumerate()
        .map(|(index, origin)| json!({ "line": index + 1, "revision": origin.revision, "amendment": origin.amendment }))
        .collect::<Vec<_>>())
}

#[derive(Deserialize)]
pub struct ProposalJson {
    base: u32,
    start: u32,
    count: u32,
    new_lines: Vec<String>,
    rationale: String,
    #[serde(default)]
    summary: String,
}

pub async fn propose_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<ProposalJson>,
) -> ApiResult {
    let viewer = ctx.user.clone();
    let amendment = state
        .run(move |site| {
            let proposal = Proposal {
                base: body.base,
                start: body.start,
                count: body.count,
                new_lines: &body.new_lines,
                summary: &body.summary,
                rationale: &body.rationale,
            };
            amendments::propose(site, viewer.as_ref(), &slug, &proposal)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(amendment_json(&amendment))
}

pub async fn list_amendments(State(state): State<AppState>, ctx: ApiCtx, ApiPath(slug): ApiPath<String>) -> ApiResult {
    let viewer = ctx.user.clone();
    let (_, items) = state
        .run(move |site| amendments::text_amendments(site, viewer.as_ref(), &slug, Filter::default()))
        .await
        .map_err(|e| ctx.error(e))?;
    ok(items.iter().map(|item| amendment_json(&item.amendment)).collect::<Vec<_>>())
}

pub async fn get_amendment(State(state): State<AppState>, ctx: ApiCtx, ApiPath(id): ApiPath<String>) -> ApiResult {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let detail = state
        .run(move |site| amendments::amendment_detail(site, viewer.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    let mut value = amendment_json(&detail.amendment);
    if let Some(object) = value.as_object_mut() {
        object.insert("anchored_lines".to_owned(), json!(detail.anchored_lines));
        object.insert(
            "history".to_owned(),
            json!(
                detail
                    .events
                    .iter()
                    .map(|event| json!({
                        "kind": event.kind.as_str(),
                        "actor": event.actor.as_ref().map(person),
                        "note": event.note,
                        "revision": event.revision,
                        "created_at": rfc3339(event.created_at),
                    }))
                    .collect::<Vec<_>>()
            ),
        );
    }
    ok(value)
}

pub async fn edit_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody<ProposalJson>,
) -> ApiResult {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let amendment = state
        .run(move |site| {
            let proposal = Proposal {
                base: body.base,
                start: body.start,
                count: body.count,
                new_lines: &body.new_lines,
                summary: &body.summary,
                rationale: &body.rationale,
            };
            amendments::edit_amendment(site, viewer.as_ref(), id, &proposal)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    ok(amendment_json(&amendment))
}

pub async fn withdraw(State(state): State<AppState>, ctx: ApiCtx, ApiPath(id): ApiPath<String>) -> ApiResult {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let amendment =
        state.run(move |site| amendments::withdraw(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    ok(amendment_json(&amendment))
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DecisionKind {
    Accept,
    Reject,
}

#[derive(Deserialize)]
pub struct DecisionJson {
    decision: DecisionKind,
    new_lines: Option<Vec<String>>,
    #[serde(default)]
    note: String,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody<DecisionJson>,
) -> ApiResult {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let amendment = state
        .run(move |site| {
            let verdict = match body.decision {
                DecisionKind::Accept => Verdict::Accept { modified_lines: body.new_lines.as_deref() },
                DecisionKind::Reject => Verdict::Reject,
            };
            amendments::decide(site, viewer.as_ref(), id, &verdict, &body.note)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    ok(amendment_json(&amendment))
}

#[derive(Deserialize)]
pub struct MergeJson {
    base: u32,
    amendments: Vec<i64>,
    #[serde(default)]
    summary: String,
}

pub async fn merge(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<MergeJson>,
) -> ApiResult {
    let viewer = ctx.user.clone();
    let merged = state
        .run(move |site| {
            let request = MergeRequest { base: body.base, amendments: &body.amendments, summary: &body.summary };
            merge::merge(site, viewer.as_ref(), &slug, &request)
        })
        .await
        .map_err(|e: ActionError| ctx.error(e))?;
    created(json!({ "head": merged.head, "outdated": merged.rebase.outdated, "rebased": merged.rebase.moved }))
}
