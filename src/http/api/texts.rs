//! Texts in the API: list, publish, read, edit, revisions, diffs, provenance and merges.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::header::ETAG;
use axum::http::{HeaderName, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::error::ApiError;
use super::super::forms::{ApiPath, ApiQuery, JsonBody, NoParameters};
use super::super::fragments::FragmentKey;
use super::super::openapi::{
    BadRequest, Conflict, Forbidden, IdempotencyKey, IfMatch, NotFound, TooLarge, Unauthorized, Unprocessable,
};
use super::super::preconditions::text_etag;
use super::super::unreadable::{Expected, Unreadable};
use super::{
    ApiResult, Created, body_schema, created, id_schema, json_bytes, number_schema, phase_names, revision_kind_names,
    slug_schema, summary_schema, title_schema, visibility_names, whole,
};
use crate::actions::ActionError;
use crate::actions::editorial::{self, EditorialRequest};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::settings::{self, Settings};
use crate::actions::texts::{self, NewText, PhaseMove, TextEdit};
use crate::domain::limits::MAX_MERGE_AMENDMENTS;
use crate::domain::model::{Revision, RevisionInfo, Text};
use crate::domain::{Phase, Secrecy, Visibility};
use crate::i18n::{parse_rfc3339, rfc3339};
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
    /// The slug of the topic it belongs to; null for none.
    #[schema(required = true)]
    topic: Option<String>,
    /// The prefix of its amendments' references, as `PROG` in `PROG-12`.
    reference_prefix: String,
    /// When its consultation closes, or closed (the phase is then `review`); null without
    /// a deadline.
    #[schema(required = true, schema_with = date_time_schema)]
    deadline: Option<String>,
    /// Co-signers an amendment needs before it may be accepted (0: none).
    min_supporters: u32,
    /// `secret`: only tallies are shown; `open`: each voter's name and vote too.
    #[schema(schema_with = super::secrecy_names)]
    votes: &'static str,
    /// The most open amendments one member may have on it (0: no limit).
    max_open_per_member: u32,
    /// Characters per printed line of its revisions to come (rule 10).
    printed_width: u32,
}

impl From<Text> for TextFields {
    fn from(text: Text) -> Self {
        TextFields {
            slug: text.slug,
            title: text.title,
            head: text.head,
            phase: text.phase.as_str(),
            visibility: text.visibility.as_str(),
            topic: text.topic,
            reference_prefix: text.prefix,
            deadline: text.deadline.map(rfc3339),
            min_supporters: text.min_supporters,
            votes: text.votes.as_str(),
            max_open_per_member: text.max_open_per_member,
            printed_width: text.printed_width,
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
    /// The text's title in this revision: drafters may retitle a text.
    title: String,
    #[schema(schema_with = revision_kind_names)]
    kind: &'static str,
    /// The author's member id (logins are never shown to other members).
    author: i64,
    /// The author's display name; empty for a former member (a deleted account).
    author_name: String,
    summary: String,
    line_count: u32,
    /// RFC 3339, UTC.
    created_at: String,
    /// How its lines are printed (rule 10): fixed when it was written.
    printing: PrintingJson,
}

/// A revision's printed line width and the version of the breaking algorithm; its printed
/// lines are those of `GET /texts/{slug}/revisions/{number}/lines`.
#[derive(Serialize, ToSchema)]
pub struct PrintingJson {
    /// Characters per printed line.
    width: u32,
    algorithm: u32,
}

impl From<&RevisionInfo> for RevisionFields {
    fn from(info: &RevisionInfo) -> Self {
        RevisionFields {
            number: info.number,
            title: info.title.clone(),
            kind: info.kind.as_str(),
            author: info.author.id,
            author_name: info.author.name.clone(),
            summary: info.summary.clone(),
            line_count: info.line_count,
            created_at: rfc3339(info.created_at),
            printing: PrintingJson { width: info.printing.width, algorithm: info.printing.algorithm },
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
pub(crate) fn changes(old: &[String], new: &[String]) -> Vec<ChangeJson> {
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

/// Lists the texts the caller may read.
#[utoipa::path(get, path = "/api/v1/texts", tag = "texts", security((), ("bearer" = [])),
    responses((status = 200, description = "Every text the caller may read", body = Vec<TextSummary>),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn list_texts(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<Vec<TextSummary>> {
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
#[serde(deny_unknown_fields)]
pub struct NewTextJson {
    #[schema(schema_with = slug_schema)]
    slug: String,
    #[schema(schema_with = title_schema)]
    title: String,
    /// The first revision: one line per paragraph; blank lines are dropped (rule 1).
    #[schema(schema_with = body_schema)]
    body: String,
    /// A one-line summary of the first revision.
    #[serde(default)]
    #[schema(schema_with = summary_schema)]
    summary: String,
    /// `public` unless given.
    #[serde(default)]
    #[schema(schema_with = visibility_names, nullable)]
    visibility: Option<String>,
    /// `consultation` unless given.
    #[serde(default)]
    #[schema(schema_with = phase_names, nullable)]
    phase: Option<String>,
    /// The slug of the topic it belongs to (`GET /api/v1/topics`); `unknown_topic` when no
    /// topic has it.
    #[serde(default)]
    #[schema(nullable)]
    topic: Option<String>,
}

/// Publishes a new text: its first revision. A repeat under the same `Idempotency-Key`
/// answers with what the first published.
#[utoipa::path(post, path = "/api/v1/texts", tag = "texts", security(("bearer" = [])),
    params(IdempotencyKey), request_body = NewTextJson,
    responses((status = 201, description = "Published", body = PublishedJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, Conflict, TooLarge, Unprocessable))]
pub async fn publish_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body, fingerprint): JsonBody<NewTextJson>,
) -> TextAnswer<PublishedJson> {
    let visibilities: Vec<&str> = Visibility::ALL.iter().map(|v| v.as_str()).collect();
    let phases: Vec<&str> = Phase::ALL.iter().map(|p| p.as_str()).collect();
    let visibility =
        named(&ctx, "visibility", &visibilities, body.visibility.as_deref(), Visibility::parse, Visibility::Public)?;
    let phase = named(&ctx, "phase", &phases, body.phase.as_deref(), Phase::parse, Phase::Consultation)?;
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| {
            let new = NewText {
                slug: &body.slug,
                title: &body.title,
                body: &body.body,
                summary: &body.summary,
                visibility,
                phase,
                topic: body.topic.as_deref(),
            };
            texts::publish_text(site, viewer.as_ref(), &new, &acting)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let text = done.value;
    Ok((
        StatusCode::CREATED,
        [(ETAG, text_etag(&text))],
        Json(PublishedJson { slug: text.slug.clone(), head: text.head }),
    ))
}

/// One of a closed set of names, or `default` when none is given.
pub(super) fn named<T>(
    ctx: &ApiCtx,
    field: &str,
    all: &[&str],
    name: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    default: T,
) -> Result<T, ApiError> {
    match name {
        None => Ok(default),
        Some(name) => parse(name).ok_or_else(|| {
            ctx.error(Unreadable::Invalid {
                field: field.to_owned(),
                expected: Expected::OneOf(all.iter().map(|name| (*name).to_owned()).collect()),
            })
        }),
    }
}

type TextAnswer<T> = Result<(StatusCode, [(HeaderName, String); 1], Json<T>), ApiError>;

/// Reads a text and the lines of its head; its ETag names its head and phase.
#[utoipa::path(get, path = "/api/v1/texts/{slug}", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "The text", body = TextJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn get_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> Result<axum::response::Response, ApiError> {
    let viewer = ctx.user.clone();
    let fragments = Arc::clone(&state.fragments);
    let (etag, body) = state
        .run(move |site| {
            let (text, head) = texts::revision(site, viewer.as_ref(), &slug, None)?;
            let key = FragmentKey::TextJson {
                text: text.id,
                updated_at: text.updated_at,
                head: text.head,
                phase: text.phase.as_str(),
                deadline: text.deadline,
                settings: (text.min_supporters, text.votes.as_str(), text.max_open_per_member, text.printed_width),
            };
            let etag = text_etag(&text);
            // Serialised once per version of the text, off the async threads.
            let body = fragments.bytes(key, || {
                serde_json::to_vec(&TextJson { text: text.into(), lines: head.lines.clone() })
                    .map_err(|error| ActionError::Internal(format!("text as JSON: {error}")))
            })?;
            Ok((etag, body))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(json_bytes(&ctx, Some(&etag), body))
}

/// A full-text edit.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditJson {
    /// The head the edit was made on: refused with `edit_conflict` when it moved since.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = number_schema)]
    base: u32,
    /// The whole new text, one line per paragraph.
    #[schema(schema_with = body_schema)]
    body: String,
    #[serde(default)]
    #[schema(schema_with = summary_schema)]
    summary: String,
    /// A new title for the text; the title stays when left out. The history keeps each one.
    #[serde(default)]
    #[schema(schema_with = title_schema, nullable)]
    title: Option<String>,
}

/// Writes a new revision of a text from its whole new body (and title), as the version
/// `If-Match` names when given. A repeat under the same `Idempotency-Key` answers with the
/// revision the first wrote.
#[utoipa::path(put, path = "/api/v1/texts/{slug}", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IfMatch, IdempotencyKey), request_body = EditJson,
    responses((status = 201, description = "The new head", body = HeadJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn edit_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<EditJson>,
) -> Created<HeadJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let seen = ctx.text_seen()?;
    let viewer = ctx.user.clone();
    let head = state
        .run(move |site| {
            let edit = TextEdit {
                base: body.base,
                body: &body.body,
                summary: &body.summary,
                title: body.title.as_deref(),
                seen,
            };
            texts::edit_text(site, viewer.as_ref(), &slug, &edit, &acting)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(HeadJson { head: head.value })
}

/// Lists a text's revisions, newest first.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/revisions", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Its revisions, newest first", body = Vec<RevisionSummary>),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn list_revisions(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
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
    responses((status = 200, description = "The revision", body = RevisionJson),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn get_revision(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath((slug, number)): ApiPath<(String, String)>,
    _: ApiQuery<NoParameters>,
) -> ApiResult<RevisionJson> {
    let number: u32 = number.parse().map_err(|_| ctx.error(super::super::error::Problem::NotFound))?;
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
    ApiQuery(params): ApiQuery<DiffQuery>,
) -> ApiResult<DiffJson> {
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
    ApiQuery(params): ApiQuery<ProvenanceQuery>,
) -> ApiResult<Vec<OriginJson>> {
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

/// An amendment to merge: its id, or its id and the version the drafter saw.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum MergeItem {
    Id(#[serde(deserialize_with = "whole")] i64),
    /// Refused with `stale_version` when the amendment changed since `version` (rule 8b).
    Seen(SeenAmendment),
}

impl MergeItem {
    /// Its id, and the version seen when the client names one.
    fn seen(&self) -> (i64, Option<i64>) {
        match self {
            MergeItem::Id(id) => (*id, None),
            MergeItem::Seen(seen) => (seen.id, Some(seen.version)),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeenAmendment {
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = id_schema)]
    id: i64,
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = id_schema)]
    version: i64,
}

/// At least one amendment, each once, and no more than one merge takes.
fn merge_items_schema() -> utoipa::openapi::schema::Array {
    use utoipa::PartialSchema;
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(MergeItem::schema())
        .min_items(Some(1))
        .max_items(Some(MAX_MERGE_AMENDMENTS))
        .unique_items(true)
        .build()
}

/// Accepted amendments to merge into a new revision.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeJson {
    /// The head the merge was prepared on: refused with `head_moved` when it moved since.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = number_schema)]
    base: u32,
    /// Their ids (with the versions seen, when the client knows them), in the order to
    /// merge insertions at the same point.
    #[schema(schema_with = merge_items_schema)]
    amendments: Vec<MergeItem>,
    #[serde(default)]
    #[schema(schema_with = summary_schema)]
    summary: String,
}

/// Merges accepted amendments into a new revision. A repeat under the same
/// `Idempotency-Key` answers with what the first merge made.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/merge", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IfMatch, IdempotencyKey), request_body = MergeJson,
    responses((status = 201, description = "The new head", body = MergedJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn merge(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<MergeJson>,
) -> Created<MergedJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let text_seen = ctx.text_seen()?;
    let viewer = ctx.user.clone();
    let amendments: Vec<(i64, Option<i64>)> = body.amendments.iter().map(MergeItem::seen).collect();
    let merged = state
        .run(move |site| {
            let request = MergeRequest { base: body.base, amendments: &amendments, text_seen, summary: &body.summary };
            merge::merge(site, viewer.as_ref(), &slug, &request, &acting)
        })
        .await
        .map_err(|e: ActionError| ctx.error(e))?
        .value;
    created(MergedJson { head: merged.head, outdated: merged.rebase.outdated, rebased: merged.rebase.moved })
}

/// The editorial amendments to accept and merge in one action.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditorialMergeJson {
    /// The head they were chosen on: refused with `head_moved` when it moved since.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = number_schema)]
    base: u32,
    /// Editorial amendments, open or accepted on the head (ids, with the versions seen
    /// when the client knows them), in the order to merge insertions at the same point.
    #[schema(schema_with = merge_items_schema)]
    amendments: Vec<MergeItem>,
}

/// What a bulk merge of editorial amendments did.
#[derive(Serialize, ToSchema)]
pub struct EditorialMergedJson {
    /// The new head.
    head: u32,
    /// References of the amendments merged (the open ones accepted first).
    merged: Vec<String>,
    /// References of those left as they are, as they collide with another of the set.
    colliding: Vec<String>,
    /// References of open ones left open, short of the co-signers the text asks.
    below_quorum: Vec<String>,
    /// Other amendments carried to the new head, and those it outdated.
    rebased: usize,
    outdated: usize,
}

/// Accepts (when open) and merges, in one action, every editorial amendment of the set that
/// collides with none of the others; the others stay as they are and are named. 409
/// `collision` when none fits, 422 `not_editorial` for one not marked editorial. A repeat
/// under the same `Idempotency-Key` merges nothing again and answers the first merge's
/// head, without its lists.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/merge-editorial", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IfMatch, IdempotencyKey), request_body = EditorialMergeJson,
    responses((status = 201, description = "The new head and what was merged", body = EditorialMergedJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn merge_editorial(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<EditorialMergeJson>,
) -> Created<EditorialMergedJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let text_seen = ctx.text_seen()?;
    let viewer = ctx.user.clone();
    let amendments: Vec<(i64, Option<i64>)> = body.amendments.iter().map(MergeItem::seen).collect();
    let (done, head) = state
        .run(move |site| {
            let request = EditorialRequest { base: body.base, amendments: &amendments, text_seen };
            let done = editorial::merge_editorial(site, viewer.as_ref(), &slug, &request, &acting)?.value;
            let head = match done.merged {
                Some(merged) => merged.head,
                None => texts::revision(site, viewer.as_ref(), &slug, None)?.0.head,
            };
            Ok((done, head))
        })
        .await
        .map_err(|e: ActionError| ctx.error(e))?;
    let rebase = done.merged.map(|merged| merged.rebase).unwrap_or_default();
    created(EditorialMergedJson {
        head,
        merged: done.merged_amendments,
        colliding: done.colliding,
        below_quorum: done.below_quorum,
        rebased: rebase.moved,
        outdated: rebase.outdated,
    })
}

/// A chosen set of amendments to preview the merge of.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewJson {
    /// Open or accepted amendments on the head, in the order to merge insertions at the
    /// same point.
    #[schema(schema_with = preview_items_schema)]
    amendments: Vec<i64>,
}

fn preview_items_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(id_schema())
        .min_items(Some(1))
        .max_items(Some(MAX_MERGE_AMENDMENTS))
        .unique_items(true)
        .build()
}

/// What a merge of the amendments chosen would make, written nowhere.
#[derive(Serialize, ToSchema)]
pub struct MergePreviewJson {
    /// The head the preview was made on.
    base: u32,
    /// The changes from the head to the text the merge would make, with every amendment
    /// that collides with none (those on the same alinéas reconciled word by word).
    changes: Vec<ChangeJson>,
    /// Pairs that collide, at least one for each amendment left out: a merge of the whole
    /// set would be refused for them.
    collisions: Vec<crate::http::error::CollisionJson>,
    /// The amendments left out of `changes` because they collide.
    left_out: Vec<i64>,
}

/// Previews the merge of a chosen set of amendments: the changes it would make to the
/// head and the pairs that collide, before anything is written (nothing is). Anyone who
/// may read the text may preview.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/preview", tag = "texts", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")), request_body = PreviewJson,
    responses((status = 200, description = "The merge it would be", body = MergePreviewJson),
        BadRequest, Unauthorized, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn preview(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, _): JsonBody<PreviewJson>,
) -> Result<Json<MergePreviewJson>, ApiError> {
    let viewer = ctx.user.clone();
    let preview = state
        .run(move |site| merge::preview(site, viewer.as_ref(), &slug, &body.amendments))
        .await
        .map_err(|e: ActionError| ctx.error(e))?;
    Ok(Json(MergePreviewJson {
        base: preview.head.info.number,
        changes: changes(&preview.head.lines, &preview.lines),
        collisions: preview.collisions.iter().map(crate::http::error::CollisionJson::of).collect(),
        left_out: preview.left_out,
    }))
}

fn date_time_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .build()
}

/// A move of a text to a phase.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseJson {
    #[schema(schema_with = phase_names)]
    phase: String,
    /// When the consultation closes, in RFC 3339 with its offset: only with `consultation`,
    /// in the future, at most 731 days ahead. Past it the text is in review, whoever acts.
    #[serde(default)]
    #[schema(schema_with = date_time_schema)]
    deadline: Option<String>,
}

/// Puts a text in a phase (drafting, consultation, review, adopted), with a deadline for a
/// consultation, as the version `If-Match` names when given: refused with `stale_version`
/// when the phase moved since. The same phase and deadline again change nothing.
#[utoipa::path(put, path = "/api/v1/texts/{slug}/phase", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IfMatch, IdempotencyKey), request_body = PhaseJson,
    responses((status = 200, description = "The text in its phase", body = TextFields, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn set_phase(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<PhaseJson>,
) -> TextAnswer<TextFields> {
    let phases: Vec<&str> = Phase::ALL.iter().map(|p| p.as_str()).collect();
    let phase = named(&ctx, "phase", &phases, Some(&body.phase), Phase::parse, Phase::Consultation)?;
    let deadline = match body.deadline.as_deref() {
        None => None,
        Some(deadline) => Some(parse_rfc3339(deadline).ok_or_else(|| {
            ctx.error(Unreadable::Invalid { field: "deadline".to_owned(), expected: Expected::DateTime })
        })?),
    };
    let acting = ctx.acting(None, fingerprint)?;
    let seen = ctx.text_seen()?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| texts::set_phase(site, viewer.as_ref(), &slug, &PhaseMove { phase, deadline, seen }, &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    let text = done.value;
    Ok((StatusCode::OK, [(ETAG, text_etag(&text))], Json(text.into())))
}

/// A text's settings: each one given is set, the others stay.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsJson {
    /// Co-signers an amendment needs before it may be accepted: 0 (none) to 1,000.
    #[serde(default, deserialize_with = "whole_option")]
    #[schema(schema_with = min_supporters_schema)]
    min_supporters: Option<u32>,
    /// Whether votes show who voted what (`open`) or only their tallies (`secret`, the
    /// default). Fixed once a vote is cast on the text (409 `votes_cast`).
    #[serde(default)]
    #[schema(schema_with = super::secrecy_names, nullable)]
    votes: Option<String>,
    /// The most open amendments one member may have at once, 0 for no limit (the
    /// default), up to 10,000. Drafters and admins are not limited.
    #[serde(default, deserialize_with = "whole_option")]
    #[schema(schema_with = max_open_schema)]
    max_open_per_member: Option<u32>,
    /// Characters per printed line (rule 10), 30 to 200 (80 for a new text): revisions
    /// written from now on are printed at it, those written keep their width.
    #[serde(default, deserialize_with = "whole_option")]
    #[schema(schema_with = printed_width_schema)]
    printed_width: Option<u32>,
}

fn printed_width_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(crate::domain::printed::MIN_WIDTH))
        .maximum(Some(crate::domain::printed::MAX_WIDTH))
        .build()
}

fn max_open_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(0))
        .maximum(Some(crate::actions::settings::MAX_OPEN_PER_MEMBER))
        .build()
}

fn min_supporters_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(0))
        .maximum(Some(crate::actions::settings::MAX_MIN_SUPPORTERS))
        .build()
}

fn whole_option<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    whole(deserializer).map(Some)
}

/// Sets a text's settings (drafters): all of those given, or none. A field this API does
/// not know is refused (`unknown_field`) rather than ignored.
#[utoipa::path(put, path = "/api/v1/texts/{slug}/settings", tag = "texts", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IdempotencyKey), request_body = SettingsJson,
    responses((status = 200, description = "The text with its settings", body = TextFields, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn set_settings(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<SettingsJson>,
) -> TextAnswer<TextFields> {
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let secrecies: Vec<&str> = Secrecy::ALL.iter().map(|secrecy| secrecy.as_str()).collect();
    let votes = match body.votes.as_deref() {
        Some(name) => Some(named(&ctx, "votes", &secrecies, Some(name), Secrecy::parse, Secrecy::Secret)?),
        None => None,
    };
    let text = state
        .run(move |site| {
            let settings = Settings {
                min_supporters: body.min_supporters,
                votes,
                max_open_per_member: body.max_open_per_member,
                printed_width: body.printed_width,
            };
            settings::change_settings(site, viewer.as_ref(), &slug, &settings, &acting).map(|done| done.value)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok((StatusCode::OK, [(ETAG, text_etag(&text))], Json(text.into())))
}
