//! Accounts in the API: bearer tokens.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::JsonBody;
use super::super::openapi::{BadRequest, TooLarge, TooManyAttempts, Unauthorized, Unprocessable};
use super::{Created, created};
use crate::actions::accounts;

/// A bearer token, for `Authorization: Bearer TOKEN`.
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    token: String,
}

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
    JsonBody(body, _): JsonBody<Credentials>,
) -> Created<TokenJson> {
    let address = ctx.address;
    let token = state
        .run(move |site| accounts::issue_api_token(site, &body.login, &body.password, address))
        .await
        .map_err(|e| ctx.error(e))?;
    created(TokenJson { token })
}
