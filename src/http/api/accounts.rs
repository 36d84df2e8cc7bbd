//! Accounts in the API: bearer tokens, issued by password, listed and revoked by their
//! owner (and by an admin), each expiring.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, Type};
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiPath, ApiQuery, JsonBody};
use super::super::openapi::{BadRequest, Forbidden, NotFound, TooLarge, TooManyAttempts, Unauthorized, Unprocessable};
use super::{ApiResult, Created, created, id_in_path, whole};
use crate::actions::accounts::Client;
use crate::actions::tokens::{
    self, DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, MAX_TOKEN_LABEL_CHARS, MIN_TOKEN_DAYS, TokenRequest,
};
use crate::i18n::rfc3339;
use crate::store::{ApiToken, now};

/// An API token as listed: never its secret, which only its creation shows.
#[derive(Serialize, ToSchema)]
pub struct TokenInfoJson {
    /// What `DELETE /api/v1/tokens/{id}` revokes it by.
    id: i64,
    /// The login of the account it acts for.
    owner: String,
    label: String,
    /// RFC 3339, UTC.
    created_at: String,
    /// RFC 3339, UTC: from then on it is refused with `bad_token`.
    expires_at: String,
    /// RFC 3339, UTC, to the minute; null when it was never used.
    #[schema(required = true)]
    last_used_at: Option<String>,
    expired: bool,
}

impl From<&ApiToken> for TokenInfoJson {
    fn from(token: &ApiToken) -> Self {
        TokenInfoJson {
            id: token.id,
            owner: token.owner.login.clone(),
            label: token.label.clone(),
            created_at: rfc3339(token.created_at),
            expires_at: rfc3339(token.expires_at),
            last_used_at: token.last_used_at.map(rfc3339),
            expired: tokens::expired(token, now()),
        }
    }
}

/// A new bearer token, for `Authorization: Bearer TOKEN`: the only answer that shows it.
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    token: String,
    #[serde(flatten)]
    info: TokenInfoJson,
}

fn label_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(MAX_TOKEN_LABEL_CHARS))
        .pattern(Some(r"^[^\u0000-\u001F\u007F-\u009F]*$"))
        .build()
}

fn days_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(MIN_TOKEN_DAYS))
        .maximum(Some(MAX_TOKEN_DAYS))
        .default(Some(DEFAULT_TOKEN_DAYS.into()))
        .build()
}

fn whole_days<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    whole(deserializer).map(Some)
}

/// A login and its password, and what the token is for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    login: String,
    password: String,
    /// What the token is for, to tell tokens apart in the list.
    #[serde(default)]
    #[schema(schema_with = label_schema)]
    label: String,
    /// Days until the token expires.
    #[serde(default, deserialize_with = "whole_days")]
    #[schema(schema_with = days_schema)]
    expires_in_days: Option<u32>,
}

/// Issues a bearer token for an account. It expires after `expires_in_days` (90 unless
/// given); its secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = Credentials,
    responses((status = 201, description = "A new token", body = TokenJson),
        BadRequest, Unauthorized, TooLarge, Unprocessable, TooManyAttempts))]
pub async fn create_token(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body, _): JsonBody<Credentials>,
) -> Created<TokenJson> {
    let client = Client::at(ctx.address);
    let issued = state
        .run(move |site| {
            let request = TokenRequest { label: &body.label, expires_in_days: body.expires_in_days };
            tokens::issue(site, &body.login, &body.password, &client, &request)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(TokenJson { token: issued.secret, info: TokenInfoJson::from(&issued.token) })
}

/// Whose tokens to list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokensQuery {
    /// Another account's login: admins only.
    user: Option<String>,
}

/// Lists the caller's API tokens (an admin: any account's, with `user`), newest first,
/// expired ones included for a while; never their secrets.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", security(("bearer" = [])), params(TokensQuery),
    responses((status = 200, description = "The tokens", body = Vec<TokenInfoJson>),
        BadRequest, Unauthorized, Forbidden, NotFound))]
pub async fn list_tokens(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiQuery(query): ApiQuery<TokensQuery>,
) -> ApiResult<Vec<TokenInfoJson>> {
    let viewer = ctx.user.clone();
    let list = state
        .run(move |site| tokens::list(site, viewer.as_ref(), query.user.as_deref()))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(list.iter().map(TokenInfoJson::from).collect()))
}

/// Revokes an API token of the caller's (an admin: anyone's): it is refused with
/// `bad_token` from now on.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The token's id, as the list shows it")),
    responses((status = 200, description = "The token revoked", body = TokenInfoJson),
        BadRequest, Unauthorized, NotFound))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<TokenInfoJson> {
    let id = id_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let token = state.run(move |site| tokens::revoke(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    Ok(Json(TokenInfoJson::from(&token)))
}
