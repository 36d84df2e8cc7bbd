//! The page of one's own API tokens: list, create (the secret shown once), revoke.

#[allow(unused_imports)]
use super::*;
use crate::actions::tokens::{self, TokenRequest};
use crate::views::tokens::TokensState;

#[derive(Deserialize)]
pub struct TokensQuery {
    revoked: Option<String>,
}

async fn own_tokens(state: &AppState, ctx: &PageCtx) -> Result<Vec<crate::store::ApiToken>, PageError> {
    if ctx.user.is_none() {
        return Ok(Vec::new());
    }
    let viewer = ctx.user.clone();
    state.run(move |site| tokens::list(site, viewer.as_ref(), None)).await.map_err(|e| ctx.error(e))
}

pub async fn tokens_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<TokensQuery>,
) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let list = own_tokens(&state, &ctx).await?;
    let shown = TokensState { revoked: query.revoked.is_some(), ..TokensState::default() };
    Ok(html(views::tokens::tokens_page(&ctx.frame(), &list, crate::store::now(), &shown)))
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    expires_in_days: String,
    login: Option<String>,
    password: Option<String>,
}

pub async fn create_token(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<TokenForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let again = |ctx: &PageCtx, list: &[crate::store::ApiToken], message: &str, status: StatusCode, log_in: bool| {
        let shown = TokensState {
            error: Some(message),
            label: &submitted.label,
            days: &submitted.expires_in_days,
            log_in,
            ..TokensState::default()
        };
        html_with_status(status, views::tokens::tokens_page(&ctx.frame(), list, crate::store::now(), &shown))
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let list = own_tokens(&state, &ctx).await?;
            return Ok(again(&ctx, &list, &back.message(ctx.lang), back.status(), back.log_in));
        }
    };
    let ctx = sender.ctx(&ctx);
    let days = submitted.expires_in_days.trim();
    // A number out of any range is out of the lifetime's: the action says so.
    let days = if days.is_empty() { None } else { Some(days.parse::<u32>().unwrap_or(u32::MAX)) };
    let (viewer, key, label) = (ctx.user.clone(), ctx.ballot_key.clone(), submitted.label.clone());
    let issued = state
        .run(move |site| {
            let request = TokenRequest { label: &label, expires_in_days: days };
            tokens::issue_for(site, viewer.as_ref(), key.as_ref(), &request)
        })
        .await;
    let list = own_tokens(&state, &ctx).await?;
    match issued {
        Ok(issued) => {
            let shown = TokensState { secret: Some(&issued.secret), ..TokensState::default() };
            let page = views::tokens::tokens_page(&ctx.frame(), &list, crate::store::now(), &shown);
            Ok(sender.answer(html_with_status(StatusCode::CREATED, page)))
        }
        Err(error @ ActionError::Invalid(_)) => {
            let problem = Problem::from(error);
            Ok(sender.answer(again(&ctx, &list, &problem.message(ctx.lang), problem.status(), false)))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf: String,
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<RevokeForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let id: i64 = number_in_path(&ctx, &id)?;
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    ctx.check_csrf(&submitted.csrf)?;
    let viewer = ctx.user.clone();
    state.run(move |site| tokens::revoke(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    Ok(Redirect::to("/account/tokens?revoked=1").into_response())
}
