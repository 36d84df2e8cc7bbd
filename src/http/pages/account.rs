//! A member's own account page: changing the password, downloading their data, deleting
//! the account.

#[allow(unused_imports)]
use super::*;

async fn account_again(
    state: &AppState,
    ctx: &PageCtx,
    status: StatusCode,
    done: Option<&str>,
    error: Option<&str>,
) -> PageResult {
    let viewer = ctx.user.clone();
    let data = state.run(move |site| accounts::my_data(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(html_with_status(status, views::account::account_page(&ctx.frame(), &data.member, done, error)))
}

pub async fn account_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult {
    let done = (query.done.as_deref() == Some("password")).then(|| ctx.lang.t(K::PasswordChanged));
    account_again(&state, &ctx, StatusCode::OK, done, None).await
}

/// Everything stored about the member, as the API's `/me/export` gives it, to download.
pub async fn my_data(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let viewer = ctx.user.clone();
    let data = state.run(move |site| accounts::my_data(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    let login = data.member.user.login.clone();
    let json = serde_json::to_vec_pretty(&super::super::api::my_data_json(data))
        .map_err(|error| ctx.error(ActionError::Internal(error.to_string())))?;
    Ok(super::download::download("application/json", &format!("redraft-{login}.json"), json, None, &ctx.headers))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    again: String,
}

/// Changes the member's password; this browser's session is replaced by a new one.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<PasswordForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    if submitted.new != submitted.again {
        let message = ctx.lang.t(K::ErrPasswordsDiffer);
        return account_again(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)).await;
    }
    let (viewer, client) = (ctx.user.clone(), ctx.client());
    let changed = state
        .run(move |site| accounts::change_password(site, viewer.as_ref(), &submitted.current, &submitted.new, &client))
        .await;
    match changed {
        Ok(session) => {
            let mut response = Redirect::to("/account?done=password").into_response();
            if let Some(cookie) = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS)) {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error @ (ActionError::WrongCredentials | ActionError::RateLimited | ActionError::Invalid(_))) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            account_again(&state, &ctx, problem.status(), None, Some(&message)).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct DeleteAccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
}

/// Deletes the member's account, confirmed by their password, and ends the session.
pub async fn delete_account(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<DeleteAccountForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let (viewer, client) = (ctx.user.clone(), ctx.client());
    let deleted = state
        .run(move |site| accounts::delete_account(site, viewer.as_ref(), Some(&submitted.password), &client))
        .await;
    match deleted {
        Ok(()) => {
            let mut response = Redirect::to("/").into_response();
            if let Some(cookie) = set_cookie(&ctx.headers, SESSION_COOKIE, "", Some(0)) {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error @ (ActionError::WrongCredentials | ActionError::RateLimited | ActionError::Conflict(_))) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            account_again(&state, &ctx, problem.status(), None, Some(&message)).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}
