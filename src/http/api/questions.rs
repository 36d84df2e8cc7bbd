//! Questions in the API: read by anyone who may read their text, asked by drafters,
//! answered in secret by members.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiPath, ApiQuery, JsonBody, NoParameters};
use super::super::openapi::{
    BadRequest, Conflict, Forbidden, IdempotencyKey, NotFound, TooLarge, Unauthorized, Unprocessable,
};
use super::{ApiResult, Created, PersonJson, created, id_in_path};
use crate::actions::questions::{self, Asking, MyAnswer, QuestionView};
use crate::i18n::{parse_rfc3339, rfc3339};

/// A question and its results (counts only: answers are secret).
#[derive(Serialize, ToSchema)]
pub struct QuestionJson {
    id: i64,
    /// The slug of its text.
    text: String,
    author: PersonJson,
    prompt: String,
    choices: Vec<String>,
    /// How many chose each choice, in the order of `choices`.
    tallies: Vec<u32>,
    /// The alinéa asked about (1-based) as numbered on `revision`; null for the whole text.
    #[schema(required = true)]
    line: Option<u32>,
    #[schema(required = true)]
    revision: Option<u32>,
    /// RFC 3339, UTC: answers are taken until then.
    closes_at: String,
    open: bool,
    /// The index of the caller's own answer; null when they gave none, or gave it under a
    /// former password (`sealed`).
    #[schema(required = true)]
    mine: Option<usize>,
    sealed: bool,
    /// RFC 3339, UTC.
    created_at: String,
}

impl From<QuestionView> for QuestionJson {
    fn from(shown: QuestionView) -> Self {
        let question = shown.question;
        QuestionJson {
            id: question.id,
            text: question.text_slug,
            author: PersonJson::from(question.author),
            prompt: question.prompt,
            choices: question.choices,
            tallies: question.tallies,
            line: question.paragraph.map(|(_, line)| line),
            revision: question.paragraph.map(|(revision, _)| revision),
            open: question.closes_at > crate::store::now(),
            closes_at: rfc3339(question.closes_at),
            mine: match shown.mine {
                MyAnswer::Given(index) => Some(index),
                _ => None,
            },
            sealed: shown.mine == MyAnswer::Sealed,
            created_at: rfc3339(question.created_at),
        }
    }
}

/// Lists a text's questions, newest first.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/questions", tag = "questions", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Its questions", body = Vec<QuestionJson>), BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn list_questions(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> ApiResult<Vec<QuestionJson>> {
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let list = state
        .run(move |site| questions::questions(site, viewer.as_ref(), key.as_ref(), &slug))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(list.into_iter().map(QuestionJson::from).collect()))
}

/// Reads one question.
#[utoipa::path(get, path = "/api/v1/questions/{id}", tag = "questions", security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The question's id")),
    responses((status = 200, description = "The question", body = QuestionJson), BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn get_question(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> ApiResult<QuestionJson> {
    let id = id_in_path(&ctx, &id)?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let shown = state
        .run(move |site| questions::question(site, viewer.as_ref(), key.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(shown.into()))
}

/// A new question.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuestionJson {
    /// One line, 1 to 300 characters.
    prompt: String,
    /// 2 to 10 choices, each one line of 1 to 200 characters, no two alike.
    choices: Vec<String>,
    /// An alinéa of the head (1-based) the question is about; none for the whole text.
    line: Option<u32>,
    /// RFC 3339: when answers stop, within a year.
    closes_at: String,
}

/// Asks members a question (drafters), during the consultation or review.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/questions", tag = "questions", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IdempotencyKey), request_body = NewQuestionJson,
    responses((status = 201, description = "Asked", body = QuestionJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn ask_question(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<NewQuestionJson>,
) -> Created<QuestionJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let closes_at = parse_rfc3339(&body.closes_at).ok_or_else(|| {
        ctx.error(super::super::unreadable::Unreadable::Invalid {
            field: "closes_at".into(),
            expected: super::super::unreadable::Expected::DateTime,
        })
    })?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let shown = state
        .run(move |site| {
            let asking = Asking { prompt: &body.prompt, choices: &body.choices, line: body.line, closes_at };
            let done = questions::ask(site, viewer.as_ref(), &slug, &asking, &acting)?;
            questions::question(site, viewer.as_ref(), key.as_ref(), done.value.id)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(shown.into())
}

/// A member's answer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerJson {
    /// The index of one of the question's choices (0-based).
    choice: usize,
}

/// What answering gives back: the counts and the caller's answer.
#[derive(Serialize, ToSchema)]
pub struct AnsweredJson {
    tallies: Vec<u32>,
    mine: usize,
}

/// Answers a question (members) while it is open and its text in consultation or review;
/// answering again changes the answer, the same answer again changes nothing (so no
/// `Idempotency-Key` is needed, and none is kept: it would date the answer). Answers are
/// secret: filed under a number only the member's credentials compute.
#[utoipa::path(put, path = "/api/v1/questions/{id}/answer", tag = "questions", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The question's id")), request_body = AnswerJson,
    responses((status = 200, description = "The counts and the caller's answer", body = AnsweredJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn answer_question(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, _): JsonBody<AnswerJson>,
) -> ApiResult<AnsweredJson> {
    let id = id_in_path(&ctx, &id)?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let done = state
        .run(move |site| questions::answer(site, viewer.as_ref(), key.as_ref(), id, body.choice))
        .await
        .map_err(|e| ctx.error(e))?;
    let shown = done.value;
    Ok(Json(AnsweredJson {
        tallies: shown.question.tallies,
        mine: match shown.mine {
            MyAnswer::Given(index) => index,
            _ => body.choice,
        },
    }))
}
