//! Comments in the API: read by anyone who may read their text, written by members,
//! edited and deleted by their authors, hidden by drafters.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiPath, ApiQuery, JsonBody};
use super::super::fragments::FragmentKey;
use super::super::openapi::{
    BadRequest, Conflict, Forbidden, IdempotencyKey, NotFound, TooLarge, Unauthorized, Unprocessable,
};
use super::{ApiResult, Created, PersonJson, created, id_in_path};
use crate::actions::comments::{self, Place};
use crate::actions::{ActionError, texts};
use crate::domain::model::Comment;
use crate::i18n::rfc3339;
use crate::store::CommentsOn;

/// A comment. Its words are null once deleted or hidden; a hidden one shows why.
#[derive(Serialize, ToSchema)]
pub struct CommentJson {
    id: i64,
    /// The slug of its text.
    text: String,
    author: PersonJson,
    /// The comment it replies to.
    #[schema(required = true)]
    parent: Option<i64>,
    /// The id of the amendment it is about.
    #[schema(required = true)]
    amendment: Option<i64>,
    /// The paragraph it is about (1-based) on `revision`; null for a comment on an
    /// amendment or on the whole text.
    #[schema(required = true)]
    line: Option<u32>,
    /// The revision its paragraph is on: the head while it follows the head, else the
    /// revision it was last on before a change rewrote or removed its paragraph.
    #[schema(required = true)]
    revision: Option<u32>,
    /// Whether it still follows the head.
    follows_head: bool,
    /// The revision it was written on.
    written_on: u32,
    #[schema(required = true)]
    body: Option<String>,
    deleted: bool,
    /// Why a drafter hid it.
    #[schema(required = true)]
    hidden_reason: Option<String>,
    /// RFC 3339, UTC.
    created_at: String,
    /// RFC 3339, UTC; null if never edited.
    #[schema(required = true)]
    edited_at: Option<String>,
}

impl CommentJson {
    pub(super) fn of(text: &str, comment: Comment) -> CommentJson {
        CommentJson {
            id: comment.id,
            text: text.to_owned(),
            body: comment.shown_body().map(str::to_owned),
            deleted: comment.deleted_at.is_some(),
            hidden_reason: comment.hidden.map(|hiding| hiding.reason),
            author: PersonJson::from(comment.author),
            parent: comment.parent,
            amendment: comment.amendment,
            line: comment.paragraph.map(|paragraph| paragraph.line),
            revision: comment.paragraph.map(|paragraph| paragraph.revision),
            follows_head: comment.paragraph.is_some_and(|paragraph| paragraph.follows_head),
            written_on: comment.written_on,
            created_at: rfc3339(comment.created_at),
            edited_at: comment.edited_at.map(rfc3339),
        }
    }
}

/// Which comments to list: all of them by default.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CommentsQuery {
    /// Only those on this paragraph of the head (1-based), with their replies.
    line: Option<u32>,
    /// Only those on this amendment, with their replies.
    amendment: Option<i64>,
}

/// Lists a text's comments, oldest first (each reply after its parent).
#[utoipa::path(get, path = "/api/v1/texts/{slug}/comments", tag = "comments", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), CommentsQuery),
    responses((status = 200, description = "The comments", body = Vec<CommentJson>),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn list_comments(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(params): ApiQuery<CommentsQuery>,
) -> Result<axum::response::Response, super::ApiError> {
    let on = match (params.line, params.amendment) {
        (Some(_), Some(_)) => {
            return Err(ctx.error(crate::actions::ActionError::Invalid(crate::actions::Invalid::CommentPlace)));
        }
        (Some(line), None) => CommentsOn::Paragraph { revision: 0, line },
        (None, Some(id)) => CommentsOn::Amendment(id),
        (None, None) => CommentsOn::All,
    };
    let viewer = ctx.user.clone();
    let fragments = std::sync::Arc::clone(&state.fragments);
    let (etag, body) = state
        .run(move |site| {
            texts::read_text(site, viewer.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                let serialise = || {
                    let list: Vec<CommentJson> = snapshot
                        .comments(on)?
                        .into_iter()
                        .map(|comment| CommentJson::of(&text.slug, comment))
                        .collect();
                    serde_json::to_vec(&list)
                        .map_err(|error| ActionError::Internal(format!("comments as JSON: {error}")))
                };
                if on != CommentsOn::All {
                    return Ok((None, axum::body::Bytes::from(serialise()?)));
                }
                // The whole discussion, anyone may load: serialised once per state of it.
                let (text_id, amendments_version, head) = (text.id, text.amendments_version, text.head);
                let key = FragmentKey::CommentsJson { text: text_id, amendments_version, head };
                let body = fragments.bytes(key, serialise)?;
                Ok((Some(format!("\"c{text_id}.{amendments_version}.{head}\"")), body))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(super::json_bytes(&ctx, etag.as_deref(), body))
}

/// A new comment: on a paragraph of the head (`line`), on an amendment, on the whole text
/// (neither), or a reply (`parent`, which gives it its place).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommentJson {
    /// Plain text; web addresses become links. 1 to 5,000 characters.
    body: String,
    line: Option<u32>,
    /// The revision `line` was read on (default: the head). When the head moved since, the
    /// alinéa is followed to it; 409 `anchor_touched` if a change rewrote or removed it.
    revision: Option<u32>,
    amendment: Option<i64>,
    parent: Option<i64>,
}

/// Comments on a text during its consultation or review (members).
#[utoipa::path(post, path = "/api/v1/texts/{slug}/comments", tag = "comments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IdempotencyKey), request_body = NewCommentJson,
    responses((status = 201, description = "The comment", body = CommentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn post_comment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<NewCommentJson>,
) -> Created<CommentJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let place = Place { line: body.line, revision: body.revision, amendment: body.amendment, parent: body.parent };
    let done = state
        .run(move |site| {
            comments::comment(site, viewer.as_ref(), &slug, place, &body.body, &acting)
                .map(|done| CommentJson::of(&slug, done.value))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(done)
}

/// A comment's new words.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentEditJson {
    body: String,
}

/// Rewrites one's own comment during the consultation or review; it shows as edited.
#[utoipa::path(put, path = "/api/v1/comments/{id}", tag = "comments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id"), IdempotencyKey), request_body = CommentEditJson,
    responses((status = 200, description = "The comment", body = CommentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn edit_comment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<CommentEditJson>,
) -> ApiResult<CommentJson> {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let json = state
        .run(move |site| {
            let done = comments::edit_comment(site, viewer.as_ref(), id, &body.body, &acting)?;
            let (text, _) = comments::comment_by_id(site, viewer.as_ref(), id)?;
            Ok(CommentJson::of(&text.slug, done.value))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(json))
}

/// Deletes one's own comment, in any phase: its words go, its replies stay.
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "comments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id"), IdempotencyKey),
    responses((status = 200, description = "The comment, deleted", body = CommentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Unprocessable))]
pub async fn delete_comment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<CommentJson> {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting(None, Vec::new())?;
    let viewer = ctx.user.clone();
    let json = state
        .run(move |site| {
            let done = comments::delete_comment(site, viewer.as_ref(), id, &acting)?;
            let (text, _) = comments::comment_by_id(site, viewer.as_ref(), id)?;
            Ok(CommentJson::of(&text.slug, done.value))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(json))
}

/// Why a drafter hides a comment: shown to everyone in its place.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideJson {
    /// One line, 1 to 300 characters.
    reason: String,
}

/// Hides a comment (drafters), in any phase: its words are shown to no one again, the
/// reason to everyone.
#[utoipa::path(post, path = "/api/v1/comments/{id}/hide", tag = "comments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id"), IdempotencyKey), request_body = HideJson,
    responses((status = 200, description = "The comment, hidden", body = CommentJson),
        BadRequest, Unauthorized, Forbidden, NotFound, TooLarge, Unprocessable))]
pub async fn hide_comment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<HideJson>,
) -> ApiResult<CommentJson> {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let json = state
        .run(move |site| {
            let done = comments::hide_comment(site, viewer.as_ref(), id, &body.reason, &acting)?;
            let (text, _) = comments::comment_by_id(site, viewer.as_ref(), id)?;
            Ok(CommentJson::of(&text.slug, done.value))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(json))
}
