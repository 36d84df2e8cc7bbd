//! The JSON API v1 (DESIGN.md "HTTP contract"): its wire types, kept apart from the
//! domain's and described by the OpenAPI document (`openapi.rs`) from the same structs,
//! and handlers as thin as the pages'.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::context::ApiCtx;
use super::error::{ApiError, Problem};
use super::forms::{ApiPath, JsonBody};
use super::openapi::{
    BadRequest, Conflict, Forbidden, NotFound, TooLarge, TooManyAttempts, Unauthorized, Unprocessable,
};
use crate::actions::amendments::{self, Filter, Proposal, Verdict};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::{ActionError, accounts};
use crate::domain::model::{Amendment, AmendmentEvent, Person, Revision, RevisionInfo, RevisionKind, Text};
use crate::domain::{AmendmentState, Decision, Phase, Visibility};
use crate::i18n::rfc3339;

type ApiResult<T> = Result<Json<T>, ApiError>;
type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

fn created<T>(value: T) -> Created<T> {
    Ok((StatusCode::CREATED, Json(value)))
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

// ---------------------------------------------------------------------------------------
// Names: the domain's closed sets travel as their stable names, and the document lists
// exactly the names the domain has.

fn names(all: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(all)).build()
}

fn phase_names() -> Object {
    names(Phase::ALL.iter().map(|phase| phase.as_str()))
}

fn visibility_names() -> Object {
    names(Visibility::ALL.iter().map(|visibility| visibility.as_str()))
}

fn state_names() -> Object {
    names(AmendmentState::ALL.iter().map(|state| state.as_str()))
}

fn decision_names() -> Object {
    names(Decision::ALL.iter().map(|decision| decision.as_str()))
}

fn revision_kind_names() -> Object {
    const ALL: [RevisionKind; 3] = [RevisionKind::Published, RevisionKind::Edited, RevisionKind::Merged];
    // Fails to build when the domain adds a kind, until it is listed above.
    let _listed = |kind: RevisionKind| match kind {
        RevisionKind::Published | RevisionKind::Edited | RevisionKind::Merged => (),
    };
    names(ALL.iter().map(|kind| kind.as_str()))
}

// ---------------------------------------------------------------------------------------
// Answers.

/// A bearer token, for `Authorization: Bearer TOKEN`.
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    token: String,
}

/// What every answer about a text says of it.
#[derive(Serialize, ToSchema)]
pub struct TextFields {
    slug: String,
    title: String,
    /// The number of its newest revision.
    head: u32,
    #[schema(schema_with = phase_names)]
    phase: &'static str,
    #[schema(schema_with = visibility_names)]
    visibility: &'static str,
    /// Topics come with a later issue: always null until then.
    #[schema(required = true)]
    topic: Option<String>,
    /// The prefix of its amendments' references, as `PROG` in `PROG-12`.
    reference_prefix: String,
}

impl From<Text> for TextFields {
    fn from(text: Text) -> Self {
        TextFields {
            slug: text.slug,
            title: text.title,
            head: text.head,
            phase: text.phase.as_str(),
            visibility: text.visibility.as_str(),
            topic: None,
            reference_prefix: text.prefix,
        }
    }
}

/// A text in the list of texts.
#[derive(Serialize, ToSchema)]
pub struct TextSummary {
    #[serde(flatten)]
    text: TextFields,
    open_amendments: u32,
}

/// A text with the lines of its head.
#[derive(Serialize, ToSchema)]
pub struct TextJson {
    #[serde(flatten)]
    text: TextFields,
    lines: Vec<String>,
}

/// The answer to a publication.
#[derive(Serialize, ToSchema)]
pub struct PublishedJson {
    slug: String,
    head: u32,
}

/// The answer to a full-text edit.
#[derive(Serialize, ToSchema)]
pub struct HeadJson {
    /// The revision just written.
    head: u32,
}

/// The answer to a merge.
#[derive(Serialize, ToSchema)]
pub struct MergedJson {
    /// The revision just written.
    head: u32,
    /// Open and accepted amendments whose lines the merge changed: now outdated.
    outdated: usize,
    /// Open and accepted amendments carried to the new head.
    rebased: usize,
}

/// An amendment cited by its id and reference.
#[derive(Serialize, ToSchema)]
pub struct AmendmentRef {
    id: i64,
    reference: String,
}

/// What every answer about a revision says of it.
#[derive(Serialize, ToSchema)]
pub struct RevisionFields {
    number: u32,
    #[schema(schema_with = revision_kind_names)]
    kind: &'static str,
    /// The author's login.
    author: String,
    author_name: String,
    summary: String,
    line_count: u32,
    /// RFC 3339, UTC.
    created_at: String,
}

impl From<&RevisionInfo> for RevisionFields {
    fn from(info: &RevisionInfo) -> Self {
        RevisionFields {
            number: info.number,
            kind: info.kind.as_str(),
            author: info.author.login.clone(),
            author_name: info.author.name.clone(),
            summary: info.summary.clone(),
            line_count: info.line_count,
            created_at: rfc3339(info.created_at),
        }
    }
}

/// A revision in a text's history, with the amendments its merge took in.
#[derive(Serialize, ToSchema)]
pub struct RevisionSummary {
    #[serde(flatten)]
    revision: RevisionFields,
    merged_amendments: Vec<AmendmentRef>,
}

/// A whole revision.
#[derive(Serialize, ToSchema)]
pub struct RevisionJson {
    #[serde(flatten)]
    revision: RevisionFields,
    lines: Vec<String>,
}

/// The changes between two revisions.
#[derive(Serialize, ToSchema)]
pub struct DiffJson {
    from: u32,
    to: u32,
    changes: Vec<ChangeJson>,
}

/// One change: lines `old_start..old_start+old_count` of the old revision became
/// `new_lines`, at `new_start` in the new one. Line numbers are 1-based.
#[derive(Serialize, ToSchema)]
pub struct ChangeJson {
    old_start: usize,
    old_count: usize,
    new_start: usize,
    new_count: usize,
    old_lines: Vec<String>,
    new_lines: Vec<String>,
}

/// The changes from `old` to `new` as the API writes them, 1-based.
pub(super) fn changes(old: &[String], new: &[String]) -> Vec<ChangeJson> {
    crate::domain::diff_lines(old, new)
        .iter()
        .map(|change| ChangeJson {
            old_start: change.old.start + 1,
            old_count: change.old.count,
            new_start: change.new.start + 1,
            new_count: change.new.count,
            old_lines: old.get(change.old.start..change.old.end()).unwrap_or_default().to_vec(),
            new_lines: new.get(change.new.start..change.new.end()).unwrap_or_default().to_vec(),
        })
        .collect()
}

/// Where one line of a revision came from.
#[derive(Serialize, ToSchema)]
pub struct OriginJson {
    /// 1-based.
    line: usize,
    /// The revision that wrote it.
    revision: u32,
    /// The amendment whose merge wrote it, if any.
    #[schema(required = true)]
    amendment: Option<i64>,
}

/// The lines an amendment is anchored on.
#[derive(Serialize, ToSchema)]
pub struct AnchorJson {
    revision: u32,
    /// 1-based.
    start: u32,
    /// 0 for an insertion before `start`.
    count: u32,
}

/// An amendment.
#[derive(Serialize, ToSchema)]
pub struct AmendmentJson {
    id: i64,
    /// Short and stable, to cite aloud: `PROG-12`.
    reference: String,
    /// The slug of its text.
    text: String,
    /// The author's login.
    author: String,
    author_name: String,
    #[schema(schema_with = state_names)]
    state: &'static str,
    anchor: AnchorJson,
    /// The lines as its author proposed them.
    new_lines: Vec<String>,
    /// The lines a drafter accepted instead, when accepted as modified.
    #[schema(required = true)]
    decided_lines: Option<Vec<String>>,
    summary: String,
    rationale: String,
    /// The revision it was merged into.
    #[schema(required = true)]
    merged_into: Option<u32>,
    /// Bumped on every change.
    version: i64,
    /// RFC 3339, UTC.
    created_at: String,
    /// RFC 3339, UTC.
    updated_at: String,
}

impl From<Amendment> for AmendmentJson {
    fn from(amendment: Amendment) -> Self {
        AmendmentJson {
            id: amendment.id,
            reference: amendment.reference,
            text: amendment.text_slug,
            author: amendment.author.login,
            author_name: amendment.author.name,
            state: amendment.state.as_str(),
            anchor: AnchorJson {
                revision: amendment.anchor.revision,
                start: amendment.anchor.start,
                count: amendment.anchor.count,
            },
            new_lines: amendment.new_lines,
            decided_lines: amendment.decided_lines,
            summary: amendment.summary,
            rationale: amendment.rationale,
            merged_into: amendment.merged_into,
            version: amendment.version,
            created_at: rfc3339(amendment.created_at),
            updated_at: rfc3339(amendment.updated_at),
        }
    }
}

/// An amendment with the lines it replaces and its history.
#[derive(Serialize, ToSchema)]
pub struct AmendmentDetail {
    #[serde(flatten)]
    amendment: AmendmentJson,
    /// The lines its anchor covers in its revision.
    anchored_lines: Vec<String>,
    /// What happened to it, oldest first.
    history: Vec<EventJson>,
}

/// Someone, by login and display name.
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    login: String,
    name: String,
}

impl From<Person> for PersonJson {
    fn from(person: Person) -> Self {
        PersonJson { login: person.login, name: person.name }
    }
}

/// One entry of an amendment's history.
#[derive(Serialize, ToSchema)]
pub struct EventJson {
    #[schema(schema_with = decision_names)]
    kind: &'static str,
    /// Null when Redraft itself did it (a rebase outdating the amendment).
    #[schema(required = true)]
    actor: Option<PersonJson>,
    note: String,
    /// The revision it happened on.
    #[schema(required = true)]
    revision: Option<u32>,
    /// RFC 3339, UTC.
    created_at: String,
}

impl From<AmendmentEvent> for EventJson {
    fn from(event: AmendmentEvent) -> Self {
        EventJson {
            kind: event.kind.as_str(),
            actor: event.actor.map(PersonJson::from),
            note: event.note,
            revision: event.revision,
            created_at: rfc3339(event.created_at),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Requests and handlers.

/// A login and its password.
#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    login: String,
    password: String,
}

/// Issues a bearer token for an account.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = Credentials,
    responses((status = 201, description = "A new token", body = TokenJson),
        BadRequest, Unauthorized, TooLarge, Unprocessable, TooManyAttempts))]
pub async fn create_token(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body): JsonBody<Credentials>,
) -> Created<TokenJson> {
    let address = ctx.address;
    let token = state
        .run(move |site| accounts::issue_api_token(site, &body.login, &body.password, address))
        .await
        .map_err(|e| ctx.error(e))?;
    created(TokenJson { token })
}

/// Lists the texts the caller may read.
#[utoipa::path(get, path = "/api/v1/texts", tag = "texts", security((), ("bearer" = [])),
    responses((status = 200, description = "Every text the caller may read", body = Vec<TextSummary>), Unauthorized))]
pub async fn list_texts(State(state): State<AppState>, ctx: ApiCtx) -> ApiResult<Vec<TextSummary>> {
    let viewer = ctx.user.clone();
    let listings = state.run(move |site| texts::list_texts(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(Json(
        listings
            .into_iter()
            .map(|listing| TextSummary { text: listing.text.into(), open_amendments: listing.open_amendments })
            .collect(),
    ))
}

/// A new text.
#[derive(Deserialize, ToSchema)]
pub struct NewTextJson {
    slug: String,
    title: String,
    /// The first revision: one line per paragraph; blank lines are dropped.
    body: String,
    /// A one-line summary of the first revision.
    #[serde(default)]
    summary: String,
    /// `public` unless given.
    #[schema(schema_with = visibility_names)]
    visibility: Option<String>,
    /// Topics come with a later issue; accepted and ignored until then.
    #[allow(dead_code)]
    topic: Option<String>,
}

/// Publishes a new text: its first revision.
#[utoipa::path(post, path = "/api/v1/texts", tag = "texts", security(("bearer" = [])), request_body = NewTextJson,
    responses((status = 201, description = "Published", body = PublishedJson),
        BadRequest, Unauthorized, Forbidden, Conflict, TooLarge, Unprocessable))]
pub async fn publish_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body): JsonBody<NewTextJson>,
) -> Created<PublishedJson> {
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
    created(PublishedJson { slug: text.slug, head: text.head })
}

/// Reads a text and the lines of its head.
#[utoipa::path(get, path = "/api/v1/texts/{slug}", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "The text", body = TextJson), BadRequest, Unauthorized, NotFound))]
pub async fn get_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<TextJson> {
    let viewer = ctx.user.clone();
    let (text, head) =
        state.run(move |site| texts::revision(site, viewer.as_ref(), &slug, None)).await.map_err(|e| ctx.error(e))?;
    Ok(Json(TextJson { text: text.into(), lines: head.lines.clone() }))
}

/// A full-text edit.
#[derive(Deserialize, ToSchema)]
pub struct EditJson {
    /// The head the edit was made on: refused with `edit_conflict` when it moved since.
    base: u32,
    /// The whole new text, one line per paragraph.
    body: String,
    #[serde(default)]
    summary: String,
}

/// Writes a new revision of a text from its whole new body.
#[utoipa::path(put, path = "/api/v1/texts/{slug}", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")), request_body = EditJson,
    responses((status = 201, description = "The new head", body = HeadJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn edit_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<EditJson>,
) -> Created<HeadJson> {
    let viewer = ctx.user.clone();
    let head = state
        .run(move |site| {
            let edit = TextEdit { base: body.base, body: &body.body, summary: &body.summary };
            texts::edit_text(site, viewer.as_ref(), &slug, &edit)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(HeadJson { head })
}

/// Lists a text's revisions, newest first.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/revisions", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Its revisions, newest first", body = Vec<RevisionSummary>),
        BadRequest, Unauthorized, NotFound))]
pub async fn list_revisions(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Vec<RevisionSummary>> {
    let viewer = ctx.user.clone();
    let history =
        state.run(move |site| texts::history(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    Ok(Json(
        history
            .revisions
            .into_iter()
            .map(|(info, merged)| RevisionSummary {
                revision: RevisionFields::from(&info),
                merged_amendments: merged.into_iter().map(|(reference, id)| AmendmentRef { id, reference }).collect(),
            })
            .collect(),
    ))
}

fn revision_json(revision: &Revision) -> RevisionJson {
    RevisionJson { revision: RevisionFields::from(&revision.info), lines: revision.lines.clone() }
}

/// Reads one revision of a text; revisions never change.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/revisions/{number}", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"),
        ("number" = u32, Path, description = "The revision's number, from 1")),
    responses((status = 200, description = "The revision", body = RevisionJson), BadRequest, Unauthorized, NotFound))]
pub async fn get_revision(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath((slug, number)): ApiPath<(String, String)>,
) -> ApiResult<RevisionJson> {
    let number: u32 = number.parse().map_err(|_| ctx.error(Problem::NotFound))?;
    let viewer = ctx.user.clone();
    let (_, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, Some(number)))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(revision_json(&revision)))
}

/// The two revisions to compare.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The old revision's number.
    from: u32,
    /// The new revision's number.
    to: u32,
}

/// The changes from one revision of a text to another.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/diff", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), DiffQuery),
    responses((status = 200, description = "The changes, in order", body = DiffJson),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn diff(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    params: Result<Query<DiffQuery>, QueryRejection>,
) -> ApiResult<DiffJson> {
    let params = query(&ctx, params)?;
    let viewer = ctx.user.clone();
    let (_, from, to) = state
        .run(move |site| texts::two_revisions(site, viewer.as_ref(), &slug, params.from, params.to))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(DiffJson { from: from.info.number, to: to.info.number, changes: changes(&from.lines, &to.lines) }))
}

/// Which revision to trace.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProvenanceQuery {
    /// The revision's number; the head when left out.
    revision: Option<u32>,
}

/// Where each line of a revision came from.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/provenance", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), ProvenanceQuery),
    responses((status = 200, description = "One origin per line, in order", body = Vec<OriginJson>),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn provenance(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    params: Result<Query<ProvenanceQuery>, QueryRejection>,
) -> ApiResult<Vec<OriginJson>> {
    let params = query(&ctx, params)?;
    let viewer = ctx.user.clone();
    let (_, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, params.revision))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(
        revision
            .provenance
            .iter()
            .enumerate()
            .map(|(index, origin)| OriginJson {
                line: index + 1,
                revision: origin.revision,
                amendment: origin.amendment,
            })
            .collect(),
    ))
}

/// A proposal: replace `count` lines from `start` of revision `base` by `new_lines`.
#[derive(Deserialize, ToSchema)]
pub struct ProposalJson {
    /// The revision the line numbers refer to; carried to the head when its lines did not change.
    base: u32,
    /// 1-based; one past the last line to append.
    start: u32,
    /// 0 to insert before `start`.
    count: u32,
    /// Empty to delete the lines.
    new_lines: Vec<String>,
    rationale: String,
    #[serde(default)]
    summary: String,
}

/// Proposes an amendment to a text.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/amendments", tag = "amendments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")), request_body = ProposalJson,
    responses((status = 201, description = "The amendment, open", body = AmendmentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn propose_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<ProposalJson>,
) -> Created<AmendmentJson> {
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
    created(amendment.into())
}

/// Lists a text's amendments in line order.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/amendments", tag = "amendments", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Its amendments, in line order", body = Vec<AmendmentJson>),
        BadRequest, Unauthorized, NotFound))]
pub async fn list_amendments(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Vec<AmendmentJson>> {
    let viewer = ctx.user.clone();
    let (_, items) = state
        .run(move |site| amendments::text_amendments(site, viewer.as_ref(), &slug, Filter::default()))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(items.into_iter().map(|item| item.amendment.into()).collect()))
}

/// Reads an amendment with the lines it replaces and its history.
#[utoipa::path(get, path = "/api/v1/amendments/{id}", tag = "amendments", security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id")),
    responses((status = 200, description = "The amendment", body = AmendmentDetail), BadRequest, Unauthorized, NotFound))]
pub async fn get_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<AmendmentDetail> {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let detail = state
        .run(move |site| amendments::amendment_detail(site, viewer.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(AmendmentDetail {
        amendment: detail.amendment.into(),
        anchored_lines: detail.anchored_lines,
        history: detail.events.into_iter().map(EventJson::from).collect(),
    }))
}

/// Edits or re-anchors one's own amendment while it is open or outdated.
#[utoipa::path(put, path = "/api/v1/amendments/{id}", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id")), request_body = ProposalJson,
    responses((status = 200, description = "The amendment", body = AmendmentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn edit_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody<ProposalJson>,
) -> ApiResult<AmendmentJson> {
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
    Ok(Json(amendment.into()))
}

/// Withdraws one's own amendment.
#[utoipa::path(post, path = "/api/v1/amendments/{id}/withdraw", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id")),
    responses((status = 200, description = "The amendment, withdrawn", body = AmendmentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict))]
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<AmendmentJson> {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let amendment =
        state.run(move |site| amendments::withdraw(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    Ok(Json(amendment.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Accept,
    Reject,
}

/// A drafter's decision on an amendment.
#[derive(Deserialize, ToSchema)]
pub struct DecisionJson {
    decision: DecisionKind,
    /// To accept the amendment as modified: the lines to merge instead of the proposal.
    new_lines: Option<Vec<String>>,
    #[serde(default)]
    note: String,
}

/// Accepts (as proposed or modified) or rejects an amendment.
#[utoipa::path(post, path = "/api/v1/amendments/{id}/decision", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id")), request_body = DecisionJson,
    responses((status = 200, description = "The amendment, decided", body = AmendmentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn decide(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody<DecisionJson>,
) -> ApiResult<AmendmentJson> {
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
    Ok(Json(amendment.into()))
}

/// Accepted amendments to merge into a new revision.
#[derive(Deserialize, ToSchema)]
pub struct MergeJson {
    /// The head the merge was prepared on: refused with `head_moved` when it moved since.
    base: u32,
    /// Their ids, in the order to merge insertions at the same point.
    amendments: Vec<i64>,
    #[serde(default)]
    summary: String,
}

/// Merges accepted amendments into a new revision.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/merge", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")), request_body = MergeJson,
    responses((status = 201, description = "The new head", body = MergedJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn merge(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body): JsonBody<MergeJson>,
) -> Created<MergedJson> {
    let viewer = ctx.user.clone();
    let merged = state
        .run(move |site| {
            let request = MergeRequest { base: body.base, amendments: &body.amendments, summary: &body.summary };
            merge::merge(site, viewer.as_ref(), &slug, &request)
        })
        .await
        .map_err(|e: ActionError| ctx.error(e))?;
    created(MergedJson { head: merged.head, outdated: merged.rebase.outdated, rebased: merged.rebase.moved })
}
