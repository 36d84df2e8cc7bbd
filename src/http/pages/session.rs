//! Pages of accounts: the language switch, logging in and out.

#[allow(unused_imports)]
use super::*;

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn switch_language(
    ctx: PageCtx,
    PagePath(code): PagePath<String>,
    PageQuery(next): PageQuery<NextQuery>,
) -> PageResult {
    let lang = Lang::from_code(&code).ok_or_else(|| ctx.error(Problem::NotFound))?;
    let mut response = Redirect::to(&safe_next(next.next.as_deref())).into_response();
    if let Some(cookie) = set_cookie(&ctx.headers, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600)) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(next): PageQuery<NextQuery>,
) -> PageResult {
    let next = safe_next(next.next.as_deref());
    if ctx.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let ctx = ctx.with_form_token();
    let registration = state.run(crate::actions::members::registration_open).await.unwrap_or(false);
    Ok(html(views::account::login_page(&ctx.frame(), &next, "", None, registration)))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn log_in(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<LoginForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let next = safe_next(submitted.next.as_deref());
    // The form again, with the login typed and a token the browser is given with it.
    let again = |ctx: PageCtx, problem: Problem| {
        let ctx = ctx.with_form_token();
        let message = problem.message(ctx.lang);
        let page = views::account::login_page(&ctx.frame(), &next, &submitted.login, Some(&message), false);
        html_with_status(problem.status(), page)
    };
    if ctx.check_csrf(&submitted.csrf).is_err() {
        return Ok(again(ctx, Problem::CsrfFailed));
    }
    let (login, password, client) = (submitted.login.clone(), submitted.password.clone(), ctx.client());
    match state.run(move |site| accounts::log_in(site, &login, &password, &client)).await {
        Ok(session) => {
            let mut response = Redirect::to(&next).into_response();
            let session_cookie = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS));
            let device_cookie =
                set_cookie(&ctx.headers, DEVICE_COOKIE, &session.device_cookie, Some(DEVICE_COOKIE_SECONDS));
            for cookie in [session_cookie, device_cookie].into_iter().flatten() {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(
            error @ (ActionError::WrongCredentials
            | ActionError::RateLimited
            | ActionError::Conflict(Conflict::AccountDeactivated)),
        ) => Ok(again(ctx, error.into())),
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn log_out(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<CsrfOnly>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    if let Some(token) = ctx.session_token.clone() {
        state.run(move |site| accounts::log_out(site, &token)).await.map_err(|e| ctx.error(e))?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(cookie) = set_cookie(&ctx.headers, SESSION_COOKIE, "", Some(0)) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
