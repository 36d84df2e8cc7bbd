//! The caller's own account in the API: who they are, everything stored about them, and
//! deleting the account.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiQuery, NoParameters};
use super::super::openapi::{BadRequest, Conflict, Unauthorized, Unprocessable};
use super::{AmendmentJson, ApiResult, CommentJson, MemberJson, TokenInfoJson};
use crate::actions::accounts::{self, Client};

/// The caller's account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "The caller's account", body = MemberJson),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn me(State(state): State<AppState>, ctx: ApiCtx, _: ApiQuery<NoParameters>) -> ApiResult<MemberJson> {
    let viewer = ctx.user.clone();
    let data = state.run(move |site| accounts::my_data(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(Json(data.member.into()))
}

/// An amendment one voted on, and how where the vote was open.
#[derive(Serialize, ToSchema)]
pub struct MyVoteJson {
    amendment: i64,
    reference: String,
    /// The choice on an open vote (`for`, `against`, `abstain`); null on a secret one, which is kept under a ballot
    /// number only the voter's own sessions can compute.
    #[schema(required = true)]
    vote: Option<&'static str>,
}

/// An amendment one co-signed.
#[derive(Serialize, ToSchema)]
pub struct CoSignedJson {
    amendment: i64,
    reference: String,
    /// The slug of its text.
    text: String,
}

/// Everything stored about the caller.
#[derive(Serialize, ToSchema)]
pub struct MyDataJson {
    account: MemberJson,
    amendments: Vec<AmendmentJson>,
    /// Hidden and deleted ones without their words.
    comments: Vec<CommentJson>,
    co_signed: Vec<CoSignedJson>,
    votes: Vec<MyVoteJson>,
    /// The ids of the questions they answered (answers are secret).
    questions_answered: Vec<i64>,
    tokens: Vec<TokenInfoJson>,
}

/// Everything stored about the caller, as JSON: their account, their amendments and
/// comments, what they co-signed and voted on (the choice of open votes only), their API
/// tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "Everything stored about the caller", body = MyDataJson),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn export_me(State(state): State<AppState>, ctx: ApiCtx, _: ApiQuery<NoParameters>) -> ApiResult<MyDataJson> {
    let viewer = ctx.user.clone();
    let data = state.run(move |site| accounts::my_data(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(Json(my_data_json(data)))
}

pub(in crate::http) fn my_data_json(data: accounts::MyData) -> MyDataJson {
    MyDataJson {
        account: data.member.into(),
        amendments: data.amendments.into_iter().map(AmendmentJson::from).collect(),
        comments: data.comments.into_iter().map(|(slug, comment)| CommentJson::of(&slug, comment)).collect(),
        co_signed: data
            .co_signed
            .into_iter()
            .map(|amendment| CoSignedJson {
                amendment: amendment.id,
                reference: amendment.reference,
                text: amendment.text_slug,
            })
            .collect(),
        votes: data
            .votes
            .into_iter()
            .map(|(amendment, vote)| MyVoteJson {
                amendment: amendment.id,
                reference: amendment.reference,
                vote: vote.map(|vote| vote.as_str()),
            })
            .collect(),
        questions_answered: data.questions_answered,
        tokens: data.tokens.iter().map(TokenInfoJson::from).collect(),
    }
}

/// What deleting an account answers.
#[derive(Serialize, ToSchema)]
pub struct DeletedJson {
    deleted: bool,
}

/// Deletes the caller's account. Their amendments and comments stay, shown as from a former
/// member; their login, name, email, password, sessions and tokens go. The last active
/// admin cannot (409 `last_admin`).
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "Deleted", body = DeletedJson), BadRequest, Unauthorized, Conflict, Unprocessable))]
pub async fn delete_me(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<DeletedJson> {
    let viewer = ctx.user.clone();
    let client = Client::at(ctx.address);
    state
        .run(move |site| accounts::delete_account(site, viewer.as_ref(), None, &client))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(DeletedJson { deleted: true }))
}
