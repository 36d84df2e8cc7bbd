//! Members in the API (admins): the list, adding one or importing a CSV list, changes of
//! role, name, email and state, and invitation links.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiPath, ApiQuery, JsonBody, NoParameters, TextBody};
use super::super::openapi::{
    BadRequest, Conflict, Forbidden, IdempotencyKey, NotFound, TooLarge, Unauthorized, Unprocessable,
};
use super::texts::named;
use super::{ApiResult, Created, created};
use crate::actions::members::{self, Invited, MemberChange, NewMember};
use crate::domain::Role;
use crate::domain::model::Member;
use crate::i18n::rfc3339;

fn role_names() -> utoipa::openapi::schema::Object {
    super::names(Role::ALL.iter().map(|role| role.as_str()))
}

/// An account as admins see it.
#[derive(Serialize, ToSchema)]
pub struct MemberJson {
    id: i64,
    login: String,
    /// The name shown beside what they write (a pseudonym if they like).
    name: String,
    /// Empty when none is known.
    email: String,
    #[schema(schema_with = role_names)]
    role: &'static str,
    /// False once deactivated: its sessions and tokens no longer work.
    active: bool,
    /// False until the member set a password through an invitation.
    has_password: bool,
    /// RFC 3339, UTC: until when its invitation link works, if it has one.
    #[schema(required = true)]
    invited_until: Option<String>,
    /// RFC 3339, UTC.
    created_at: String,
}

impl From<Member> for MemberJson {
    fn from(member: Member) -> Self {
        MemberJson {
            id: member.user.id,
            login: member.user.login,
            name: member.user.name,
            email: member.email,
            role: member.user.role.as_str(),
            active: member.active,
            has_password: member.has_password,
            invited_until: member.invited_until.map(rfc3339),
            created_at: rfc3339(member.created_at),
        }
    }
}

/// A member with their invitation link, the only time its secret is shown.
#[derive(Serialize, ToSchema)]
pub struct InvitedJson {
    member: MemberJson,
    invitation: InvitationJson,
}

/// A link through which a member sets their password, once, before it expires.
#[derive(Serialize, ToSchema)]
pub struct InvitationJson {
    /// The link's path on this site (`/invitations/…`).
    path: String,
    /// RFC 3339, UTC.
    expires_at: String,
}

impl From<Invited> for InvitedJson {
    fn from(invited: Invited) -> Self {
        InvitedJson {
            invitation: InvitationJson {
                path: invited.invitation.path(),
                expires_at: rfc3339(invited.invitation.expires_at),
            },
            member: invited.member.into(),
        }
    }
}

/// Lists every account, by name (admins).
#[utoipa::path(get, path = "/api/v1/members", tag = "members", security(("bearer" = [])),
    responses((status = 200, description = "Every account", body = Vec<MemberJson>),
        BadRequest, Unauthorized, Forbidden, Unprocessable))]
pub async fn list_members(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<Vec<MemberJson>> {
    let viewer = ctx.user.clone();
    let list = state.run(move |site| members::members(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(Json(list.into_iter().map(MemberJson::from).collect()))
}

/// A new member.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMemberJson {
    login: String,
    name: String,
    #[serde(default)]
    email: String,
    /// `member` when not given.
    #[schema(schema_with = role_names, nullable)]
    role: Option<String>,
}

/// Adds a member (admins), who sets a password through the invitation link answered. A
/// repeat under the same `Idempotency-Key` answers the same account with a new link.
#[utoipa::path(post, path = "/api/v1/members", tag = "members", security(("bearer" = [])),
    params(IdempotencyKey), request_body = NewMemberJson,
    responses((status = 201, description = "Added", body = InvitedJson),
        BadRequest, Unauthorized, Forbidden, Conflict, TooLarge, Unprocessable))]
pub async fn add_member(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body, fingerprint): JsonBody<NewMemberJson>,
) -> Created<InvitedJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let roles: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
    let role = named(&ctx, "role", &roles, body.role.as_deref(), Role::parse, Role::Member)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| {
            let new = NewMember { login: &body.login, name: &body.name, email: &body.email, role };
            members::add_member(site, viewer.as_ref(), &new, &acting).map(|done| InvitedJson::from(done.value))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(done)
}

/// What to change of an account; what is not named stays.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChangeJson {
    #[schema(schema_with = role_names, nullable)]
    role: Option<String>,
    /// False deactivates the account (its sessions and tokens stop working at once).
    active: Option<bool>,
    name: Option<String>,
    /// Empty removes it.
    email: Option<String>,
}

/// Changes an account (admins). Leaving no active admin is refused (409 `last_admin`).
#[utoipa::path(patch, path = "/api/v1/members/{login}", tag = "members", security(("bearer" = [])),
    params(("login" = String, Path, description = "The member's login"), IdempotencyKey), request_body = MemberChangeJson,
    responses((status = 200, description = "The account as it now is", body = MemberJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn change_member(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(login): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<MemberChangeJson>,
) -> ApiResult<MemberJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let roles: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
    let role = match body.role.as_deref() {
        Some(name) => Some(named(&ctx, "role", &roles, Some(name), Role::parse, Role::Member)?),
        None => None,
    };
    let viewer = ctx.user.clone();
    let member = state
        .run(move |site| {
            let change =
                MemberChange { role, active: body.active, name: body.name.as_deref(), email: body.email.as_deref() };
            members::change_member(site, viewer.as_ref(), &login, &change, &acting).map(|done| done.value)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(member.into()))
}

/// Gives a member a new invitation link (admins): the way to reset a forgotten password.
/// Earlier links stop working. A deactivated account is refused (409 `member_inactive`).
#[utoipa::path(post, path = "/api/v1/members/{login}/invitation", tag = "members", security(("bearer" = [])),
    params(("login" = String, Path, description = "The member's login")),
    responses((status = 201, description = "A new link", body = InvitedJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, Unprocessable))]
pub async fn invite_member(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(login): ApiPath<String>,
) -> Created<InvitedJson> {
    let viewer = ctx.user.clone();
    let invited = state
        .run(move |site| members::invite(site, viewer.as_ref(), &login).map(InvitedJson::from))
        .await
        .map_err(|e| ctx.error(e))?;
    created(invited)
}

/// Imports members from a CSV file (admins), the body as `text/csv`: columns login, name,
/// email, role (the last two optional), an optional header row, comma, semicolon or tab
/// separated. Every row is checked first; when any is bad, nothing is imported and the
/// answer (422 `invalid_rows`) lists each bad row with its line in `details.rows`.
#[utoipa::path(post, path = "/api/v1/members/import", tag = "members", security(("bearer" = [])),
    params(IdempotencyKey), request_body(content = String, content_type = "text/csv"),
    responses((status = 201, description = "Every member imported, with their invitation", body = Vec<InvitedJson>),
        BadRequest, Unauthorized, Forbidden, Conflict, TooLarge, Unprocessable))]
pub async fn import_members(
    State(state): State<AppState>,
    ctx: ApiCtx,
    TextBody(file, fingerprint): TextBody,
) -> Created<Vec<InvitedJson>> {
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let imported = state
        .run(move |site| {
            let done = members::import_members(site, viewer.as_ref(), &file, &acting)?;
            Ok(done.value.into_iter().map(InvitedJson::from).collect::<Vec<_>>())
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(imported)
}
