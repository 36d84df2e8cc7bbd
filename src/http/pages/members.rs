//! Pages of members: the admins' page (list, add, import, role, deactivation, invitation
//! links) and the invitation page through which a member sets a password.

#[allow(unused_imports)]
use super::*;
use crate::actions::members::{self, Invited, MemberChange, NewMember, Registration};
use crate::domain::Role;
use crate::domain::roster::RosterError;
use crate::http::error::row_message;
use crate::views::account::RegistrationDraft;
use crate::views::members::{MEMBERS_PER_PAGE, MembersDraft, MembersNotice, MembersShown};

/// The members page with what a request just did or was refused.
async fn members_again(
    state: &AppState,
    ctx: &PageCtx,
    status: StatusCode,
    draft: &MembersDraft<'_>,
    said: &MembersNotice<'_>,
) -> PageResult {
    members_page_of(state, ctx, status, draft, said, &MembersQuery::default()).await
}

/// The members page showing one page of the accounts a search finds.
async fn members_page_of(
    state: &AppState,
    ctx: &PageCtx,
    status: StatusCode,
    draft: &MembersDraft<'_>,
    said: &MembersNotice<'_>,
    query: &MembersQuery,
) -> PageResult {
    let viewer = ctx.user.clone();
    let (list, registration) = state
        .run(move |site| Ok((members::members(site, viewer.as_ref())?, members::registration_open(site)?)))
        .await
        .map_err(|e| ctx.error(e))?;
    let q = query.q.as_deref().unwrap_or_default().trim();
    let wanted = q.to_lowercase();
    let found: Vec<_> = list
        .into_iter()
        .filter(|member| {
            wanted.is_empty()
                || [&member.user.name, &member.user.login, &member.email]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&wanted))
        })
        .collect();
    let pages = found.len().div_ceil(MEMBERS_PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let from = (page - 1) * MEMBERS_PER_PAGE;
    let members = &found[from..(from + MEMBERS_PER_PAGE).min(found.len())];
    let shown = MembersShown { members, q, matching: found.len(), page, pages };
    let said = MembersNotice { registration, ..*said };
    Ok(html_with_status(status, views::members::members_page(&ctx.frame(), &shown, draft, &said)))
}

/// Which accounts the members page shows.
#[derive(Default, Deserialize)]
pub struct MembersQuery {
    done: Option<String>,
    q: Option<String>,
    page: Option<usize>,
}

pub async fn members_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<MembersQuery>,
) -> PageResult {
    let done = (query.done.as_deref() == Some("changed")).then(|| ctx.lang.t(K::MemberChanged));
    let site = site_address(&ctx);
    let said = MembersNotice { done, site: &site, ..MembersNotice::default() };
    members_page_of(&state, &ctx, StatusCode::OK, &MembersDraft::default(), &said, &query).await
}

/// The messages of a refusal: the whole, and each bad row of a list.
fn refusal(lang: Lang, problem: &Problem) -> (String, Vec<String>) {
    let rows = match problem {
        Problem::Action(ActionError::Invalid(crate::actions::Invalid::Roster(RosterError::Rows(rows)))) => {
            rows.iter().map(|row| row_message(lang, row)).collect()
        }
        _ => Vec::new(),
    };
    let message = if rows.is_empty() {
        problem.message(lang)
    } else {
        lang.f(K::ErrRosterRows, &[Arg::count("count", rows.len()), Arg::text("rows", "")])
    };
    (message.trim_end().to_owned(), rows)
}

#[derive(Clone, Deserialize)]
pub struct AddMemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    member_login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    list: String,
    login: Option<String>,
    password: Option<String>,
}

/// Adds one member (`list` empty) or imports a list, then shows the invitation links.
async fn add_or_import(
    state: AppState,
    ctx: PageCtx,
    body: Result<FormBody<AddMemberForm>, Problem>,
    import: bool,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let role = Role::parse(&submitted.role).unwrap_or(Role::Member);
    let site = site_address(&ctx);
    let draft = |log_in: bool| MembersDraft {
        login: &submitted.member_login,
        name: &submitted.name,
        email: &submitted.email,
        role: (!import).then_some(role),
        list: if import { &submitted.list } else { "" },
        log_in,
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let message = back.message(ctx.lang);
            let said = MembersNotice { error: Some(&message), site: &site, ..MembersNotice::default() };
            return members_again(&state, &ctx, back.status(), &draft(back.log_in), &said).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (viewer, form) = (ctx.user.clone(), submitted.clone());
    let done = state
        .run(move |site| {
            if import {
                members::import_members(site, viewer.as_ref(), &form.list, &acting).map(|done| done.value)
            } else {
                let new = NewMember { login: &form.member_login, name: &form.name, email: &form.email, role };
                members::add_member(site, viewer.as_ref(), &new, &acting).map(|done| vec![done.value])
            }
        })
        .await;
    match done {
        Ok(invited) => {
            let said = MembersNotice { invited: &invited, site: &site, ..MembersNotice::default() };
            let page = members_again(&state, &ctx, StatusCode::OK, &MembersDraft::default(), &said).await?;
            Ok(sender.answer(page))
        }
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let (message, rows) = refusal(ctx.lang, &problem);
            let said = MembersNotice { error: Some(&message), rows: &rows, site: &site, ..MembersNotice::default() };
            let page = members_again(&state, &ctx, problem.status(), &draft(false), &said).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

pub async fn add_member(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<AddMemberForm>, Problem>,
) -> PageResult {
    add_or_import(state, ctx, body, false).await
}

pub async fn import_members(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<AddMemberForm>, Problem>,
) -> PageResult {
    add_or_import(state, ctx, body, true).await
}

#[derive(Clone, Deserialize)]
pub struct ChangeMemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    role: Option<String>,
    active: Option<bool>,
}

/// Changes a member's role or deactivates or reactivates the account, then shows the list.
pub async fn change_member(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(login): PagePath<String>,
    body: Result<FormBody<ChangeMemberForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let role = match submitted.role.as_deref() {
        Some(name) => Some(Role::parse(name).ok_or_else(|| {
            ctx.error(Problem::Unreadable(Unreadable::Invalid {
                field: "role".into(),
                expected: Expected::OneOf(Role::ALL.iter().map(|role| role.as_str().to_owned()).collect()),
            }))
        })?),
        None => None,
    };
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (viewer, target) = (ctx.user.clone(), login.clone());
    let done = state
        .run(move |site| {
            let change = MemberChange { role, active: submitted.active, ..MemberChange::default() };
            members::change_member(site, viewer.as_ref(), &target, &change, &acting)
        })
        .await;
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/admin?done=changed#member-{login}")).into_response()),
        Err(error @ ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let site = site_address(&ctx);
            let said = MembersNotice { error: Some(&message), site: &site, ..MembersNotice::default() };
            members_again(&state, &ctx, problem.status(), &MembersDraft::default(), &said).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Clone, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
}

/// Makes a new invitation link for a member (the way to reset a forgotten password).
pub async fn invite_member(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(login): PagePath<String>,
    body: Result<FormBody<InviteForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    let site = site_address(&ctx);
    match state.run(move |site| members::invite(site, viewer.as_ref(), &login)).await {
        Ok(invited) => {
            let invited: [Invited; 1] = [invited];
            let said = MembersNotice { invited: &invited, site: &site, ..MembersNotice::default() };
            members_again(&state, &ctx, StatusCode::OK, &MembersDraft::default(), &said).await
        }
        Err(error @ ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let said = MembersNotice { error: Some(&message), site: &site, ..MembersNotice::default() };
            members_again(&state, &ctx, problem.status(), &MembersDraft::default(), &said).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}

/// The invitation page: whom it welcomes and the password form; an expired link says so.
pub async fn invitation_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(token): PagePath<String>,
) -> PageResult {
    let ctx = ctx.with_form_token();
    let lookup = token.clone();
    let user = state.run(move |site| members::invitation(site, &lookup)).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::members::invitation_page(&ctx.frame(), &user.name, &token, None)))
}

#[derive(Deserialize)]
pub struct InvitationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

/// Sets the password an invitation asks for and opens a session.
pub async fn accept_invitation(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(token): PagePath<String>,
    body: Result<FormBody<InvitationForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let lookup = token.clone();
    let user = state.run(move |site| members::invitation(site, &lookup)).await.map_err(|e| ctx.error(e))?;
    let again = |ctx: PageCtx, status: StatusCode, message: String| {
        let ctx = ctx.with_form_token();
        html_with_status(status, views::members::invitation_page(&ctx.frame(), &user.name, &token, Some(&message)))
    };
    if ctx.check_csrf(&submitted.csrf).is_err() {
        let message = Problem::CsrfFailed.message(ctx.lang);
        return Ok(again(ctx, StatusCode::FORBIDDEN, message));
    }
    if submitted.password != submitted.again {
        let message = ctx.lang.t(K::ErrPasswordsDiffer).to_owned();
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, message));
    }
    let (secret, password, client) = (token.clone(), submitted.password.clone(), ctx.client());
    match state.run(move |site| members::accept_invitation(site, &secret, &password, &client)).await {
        Ok(session) => {
            let mut response = Redirect::to("/").into_response();
            let session_cookie = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS));
            let device_cookie =
                set_cookie(&ctx.headers, DEVICE_COOKIE, &session.device_cookie, Some(DEVICE_COOKIE_SECONDS));
            for cookie in [session_cookie, device_cookie].into_iter().flatten() {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            Ok(again(ctx, problem.status(), message))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct RegistrationSwitch {
    #[serde(default)]
    csrf: String,
    open: bool,
}

/// Opens or closes self-registration, then shows the members page.
pub async fn switch_registration(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<RegistrationSwitch>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    state
        .run(move |site| members::set_registration(site, viewer.as_ref(), submitted.open))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Redirect::to("/admin?done=changed").into_response())
}

/// The self-registration form, while admins allow it (404 otherwise).
pub async fn register_page(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let open = state.run(members::registration_open).await.map_err(|e| ctx.error(e))?;
    if !open {
        return Err(ctx.error(ActionError::NotFound));
    }
    let ctx = ctx.with_form_token();
    Ok(html(views::account::register_page(&ctx.frame(), &RegistrationDraft::default(), None)))
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member_login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

/// Creates a member's own account and logs them in; a refusal shows the form again, filled
/// (passwords aside).
pub async fn register(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<RegisterForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let again = |ctx: &PageCtx, status: StatusCode, message: &str| {
        let ctx = ctx.clone().with_form_token();
        let draft =
            RegistrationDraft { login: &submitted.member_login, name: &submitted.name, email: &submitted.email };
        html_with_status(status, views::account::register_page(&ctx.frame(), &draft, Some(message)))
    };
    if ctx.check_csrf(&submitted.csrf).is_err() {
        return Ok(again(&ctx, StatusCode::FORBIDDEN, &Problem::CsrfFailed.message(ctx.lang)));
    }
    if submitted.password != submitted.again {
        return Ok(again(&ctx, StatusCode::UNPROCESSABLE_ENTITY, ctx.lang.t(K::ErrPasswordsDiffer)));
    }
    let client = ctx.client();
    let (login, name, email, password) =
        (submitted.member_login.clone(), submitted.name.clone(), submitted.email.clone(), submitted.password.clone());
    let registered = state
        .run(move |site| {
            let registration = Registration { login: &login, name: &name, email: &email, password: &password };
            members::register(site, &registration, &client)
        })
        .await;
    match registered {
        Ok(session) => {
            let mut response = Redirect::to("/").into_response();
            let session_cookie = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS));
            let device_cookie =
                set_cookie(&ctx.headers, DEVICE_COOKIE, &session.device_cookie, Some(DEVICE_COOKIE_SECONDS));
            for cookie in [session_cookie, device_cookie].into_iter().flatten() {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            Ok(again(&ctx, problem.status(), &problem.message(ctx.lang)))
        }
        Err(error) => Err(ctx.error(error)),
    }
}
