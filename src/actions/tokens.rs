//! Use cases of API tokens: issue (by password, or from a member's session), authenticate
//! (expired and revoked tokens never do), list and revoke (one's own; an admin anyone's; the
//! operator's command line any).

use crate::auth::{BallotKey, Permission, allows, credential, secret_hash, split_credential};
use crate::domain::model::{Timestamp, User};
use crate::i18n::rfc3339;
use crate::store::{self, ApiToken, NewApiToken, now};

use super::accounts::{Client, authenticate, secret};
use super::{ActionError, ActionResult, Invalid, Site, Viewer};

pub use crate::auth::{DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, MAX_TOKEN_LABEL_CHARS, MIN_TOKEN_DAYS};
/// How precisely `last_used_at` is kept: at most one write per token per minute, however
/// many requests it makes.
pub const LAST_USE_PRECISION_SECONDS: i64 = 60;
/// Expired tokens are listed, for their owner to see why a script stopped, this long.
const EXPIRED_KEPT_SECONDS: i64 = 30 * 24 * 3600;

/// What a new token is for and how long it lives.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenRequest<'a> {
    pub label: &'a str,
    pub expires_in_days: Option<u32>,
}

/// A token just issued: the only time its secret is seen.
pub struct Issued {
    /// What its holder sends (see `auth::credential`).
    pub secret: String,
    pub token: ApiToken,
}

/// The label, trimmed, within bounds and on one line.
fn label(label: &str) -> ActionResult<String> {
    let label = label.trim();
    if label.chars().count() > MAX_TOKEN_LABEL_CHARS || label.chars().any(char::is_control) {
        return Err(ActionError::Invalid(Invalid::TokenLabel { max: MAX_TOKEN_LABEL_CHARS }));
    }
    Ok(label.to_owned())
}

fn lifetime(days: Option<u32>) -> ActionResult<i64> {
    let days = days.unwrap_or(DEFAULT_TOKEN_DAYS);
    if !(MIN_TOKEN_DAYS..=MAX_TOKEN_DAYS).contains(&days) {
        return Err(ActionError::Invalid(Invalid::TokenLifetime { min: MIN_TOKEN_DAYS, max: MAX_TOKEN_DAYS }));
    }
    Ok(i64::from(days) * 24 * 3600)
}

fn issue_to(
    site: &Site,
    user: &User,
    ballot_key: Option<&BallotKey>,
    request: &TokenRequest<'_>,
) -> ActionResult<Issued> {
    let label = label(request.label)?;
    let lifetime = lifetime(request.expires_in_days)?;
    let secret = secret()?;
    let token = site.store.write(|tx| {
        let now = now();
        store::delete_expired_api_tokens(tx, now - EXPIRED_KEPT_SECONDS)?;
        let new = NewApiToken {
            token_hash: &secret_hash(&secret),
            user_id: user.id,
            label: &label,
            expires_at: now + lifetime,
        };
        let id = store::insert_api_token(tx, &new, now)?;
        store::api_token(tx, id)?.ok_or(ActionError::NotFound)
    })?;
    Ok(Issued { secret: credential(&secret, ballot_key), token })
}

/// Issues a token for a login and password (`POST /api/v1/tokens`), through the login
/// limiter like any login.
pub fn issue(
    site: &Site,
    login: &str,
    password: &str,
    client: &Client,
    request: &TokenRequest<'_>,
) -> ActionResult<Issued> {
    // The request's own fields first: a refusal costs no password check.
    label(request.label)?;
    lifetime(request.expires_in_days)?;
    let (user, ballot_key) = authenticate(site, login, password, client)?;
    issue_to(site, &user, Some(&ballot_key), request)
}

/// Issues a token to the member of a session (the tokens page), holding the session's
/// ballot key.
pub fn issue_for(
    site: &Site,
    viewer: Viewer<'_>,
    ballot_key: Option<&BallotKey>,
    request: &TokenRequest<'_>,
) -> ActionResult<Issued> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    issue_to(site, user, ballot_key, request)
}

/// The user a bearer token authenticates, if it is live (neither expired nor revoked), and
/// the ballot key it holds.
pub fn api_user(site: &Site, token: &str) -> ActionResult<Option<(User, Option<BallotKey>)>> {
    let (secret, ballot_key) = split_credential(token);
    let now = now();
    let Some(token) =
        site.store.read(|tx| Ok::<_, ActionError>(store::live_api_token(tx, &secret_hash(secret), now)?))?
    else {
        return Ok(None);
    };
    if token.last_used_at.is_none_or(|at| at <= now - LAST_USE_PRECISION_SECONDS) {
        site.store
            .write(|tx| Ok::<_, ActionError>(store::touch_api_token(tx, token.id, now, LAST_USE_PRECISION_SECONDS)?))?;
    }
    Ok(Some((token.owner, ballot_key)))
}

/// The tokens of `login` (the viewer's own when `None`): one's own, or anyone's for an admin.
pub fn list(site: &Site, viewer: Viewer<'_>, login: Option<&str>) -> ActionResult<Vec<ApiToken>> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.read(|tx| {
        let owner = match login {
            Some(login) if !login.eq_ignore_ascii_case(&user.login) => {
                if !allows(Some(user.role), Permission::ManageUsers) {
                    return Err(ActionError::Forbidden);
                }
                store::user_by_login(tx, login)?.ok_or(ActionError::NotFound)?.id
            }
            _ => user.id,
        };
        Ok(store::api_tokens(tx, Some(owner))?)
    })
}

/// Revokes a token of the viewer's, or anyone's for an admin. Another member's token
/// answers as a token that does not exist.
pub fn revoke(site: &Site, viewer: Viewer<'_>, id: i64) -> ActionResult<ApiToken> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.write(|tx| {
        let token = store::api_token(tx, id)?.ok_or(ActionError::NotFound)?;
        if token.owner.id != user.id && !allows(Some(user.role), Permission::ManageUsers) {
            return Err(ActionError::NotFound);
        }
        store::delete_api_token(tx, id)?;
        Ok(token)
    })
}

/// Every token, or one login's: the operator's view (`redraft token list`), who holds the
/// database anyway.
pub fn list_all(site: &Site, login: Option<&str>) -> ActionResult<Vec<ApiToken>> {
    site.store.read(|tx| {
        let owner = match login {
            Some(login) => Some(store::user_by_login(tx, login)?.ok_or(ActionError::NotFound)?.id),
            None => None,
        };
        Ok(store::api_tokens(tx, owner)?)
    })
}

/// Revokes any token (`redraft token revoke`).
pub fn revoke_any(site: &Site, id: i64) -> ActionResult<ApiToken> {
    site.store.write(|tx| {
        let token = store::api_token(tx, id)?.ok_or(ActionError::NotFound)?;
        store::delete_api_token(tx, id)?;
        Ok(token)
    })
}

/// Whether a token has expired at `now`.
pub fn expired(token: &ApiToken, now: Timestamp) -> bool {
    token.expires_at <= now
}

/// One line about a token, for the operator: id, owner, label, dates.
pub fn describe(token: &ApiToken) -> String {
    let label = if token.label.is_empty() { "(no label)".to_owned() } else { format!("{:?}", token.label) };
    let state = if expired(token, now()) { "expired" } else { "expires" };
    let used = token.last_used_at.map_or_else(|| "never used".to_owned(), |at| format!("last used {}", rfc3339(at)));
    format!(
        "token {} of {} {label}: created {}, {state} {}, {used}",
        token.id,
        token.owner.login,
        rfc3339(token.created_at),
        rfc3339(token.expires_at),
    )
}
