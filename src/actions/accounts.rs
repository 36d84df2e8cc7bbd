//! Use cases of accounts: create users, log in and out, sessions and API tokens.

use std::net::IpAddr;

use crate::auth::{hash_password, new_secret, secret_hash, verify_password, waste_verification};
use crate::domain::limits::MAX_LOGIN_CHARS;
use crate::domain::model::User;
use crate::domain::{Role, fields};
use crate::store::{self, NewUser, now};

use super::{ActionError, ActionResult, Conflict, Site};

/// How long a browser session lasts.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

pub struct NewAccount<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password: &'a str,
}

/// Creates an account. The operator does this from the command line, which holds the
/// database; an administration page will check `Permission::ManageUsers` first.
pub fn add_user(site: &Site, account: &NewAccount<'_>) -> ActionResult<User> {
    let login = fields::login(account.login)?;
    let name = if account.name.trim().is_empty() { login.clone() } else { fields::name(account.name)? };
    fields::password(account.password)?;
    // Hashing takes tens of milliseconds: never while holding the writer.
    let password_hash = hash_password(account.password).map_err(|error| ActionError::Internal(error.to_string()))?;
    site.store.write(|tx| {
        let user = NewUser { login: &login, name: &name, role: account.role, password_hash: &password_hash };
        store::insert_user(tx, &user, now())?.ok_or(Conflict::LoginTaken.into())
    })
}

/// Checks a login and password, counting failures per account and per address.
fn authenticate(site: &Site, login: &str, password: &str, address: Option<IpAddr>) -> ActionResult<User> {
    let login = login.trim();
    // The limiter keeps the login of each failure for a quarter of an hour: it keys on at
    // most a real login's length, so that megabyte-long logins cannot fill the memory.
    let (key, oversized) = match login.char_indices().nth(MAX_LOGIN_CHARS) {
        Some((end, _)) => (&login[..end], true),
        None => (login, false),
    };
    if !site.login_limiter.may_try(key, address) {
        return Err(ActionError::RateLimited);
    }
    let found = if oversized {
        None
    } else {
        site.store.read(|tx| Ok::<_, ActionError>(store::user_with_password(tx, login)?))?
    };
    let user = match found {
        Some((user, hash)) if verify_password(&hash, password) => user,
        Some(_) => {
            site.login_limiter.record_failure(key, address);
            return Err(ActionError::WrongCredentials);
        }
        None => {
            waste_verification(password);
            site.login_limiter.record_failure(key, address);
            return Err(ActionError::WrongCredentials);
        }
    };
    site.login_limiter.record_success(key);
    Ok(user)
}

/// A browser session: its secret goes in the cookie, its CSRF token in every form.
pub struct Session {
    pub user: User,
    pub token: String,
    pub csrf_token: String,
}

pub fn log_in(site: &Site, login: &str, password: &str, address: Option<IpAddr>) -> ActionResult<Session> {
    let user = authenticate(site, login, password, address)?;
    let token = secret()?;
    let csrf_token = secret()?;
    site.store.write(|tx| {
        let now = now();
        store::delete_expired_sessions(tx, now)?;
        store::insert_session(tx, &secret_hash(&token), user.id, &csrf_token, now, now + SESSION_SECONDS)?;
        Ok::<_, ActionError>(())
    })?;
    Ok(Session { user, token, csrf_token })
}

pub fn log_out(site: &Site, token: &str) -> ActionResult<()> {
    site.store.write(|tx| Ok(store::delete_session(tx, &secret_hash(token))?))
}

/// The user and CSRF token of a live session.
pub fn session(site: &Site, token: &str) -> ActionResult<Option<(User, String)>> {
    site.store.read(|tx| Ok(store::session_user(tx, &secret_hash(token), now())?))
}

/// Issues an API bearer token; only its hash is kept.
pub fn issue_api_token(site: &Site, login: &str, password: &str, address: Option<IpAddr>) -> ActionResult<String> {
    let user = authenticate(site, login, password, address)?;
    let token = secret()?;
    site.store.write(|tx| Ok::<_, ActionError>(store::insert_api_token(tx, &secret_hash(&token), user.id, now())?))?;
    Ok(token)
}

/// The user an API bearer token belongs to.
pub fn api_user(site: &Site, token: &str) -> ActionResult<Option<User>> {
    site.store.read(|tx| Ok(store::api_token_user(tx, &secret_hash(token))?))
}

fn secret() -> ActionResult<String> {
    new_secret().map_err(|error| ActionError::Internal(format!("no randomness: {error}")))
}

/// Whether any account exists (the demo fills only an empty database).
pub fn has_users(site: &Site) -> ActionResult<bool> {
    site.store.read(|tx| Ok(store::count_users(tx)? > 0))
}
