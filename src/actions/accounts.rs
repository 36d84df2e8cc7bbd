//! Use cases of accounts: create users, log in and out, sessions.

use std::net::IpAddr;

use crate::auth::{
    BallotKey, Origin, credential, hash_password, new_secret, secret_hash, split_credential, verify_password,
    waste_verification,
};
use crate::domain::limits::MAX_LOGIN_CHARS;
use crate::domain::model::{Amendment, Comment, Member, User};
use crate::domain::{Role, Vote, fields};
use crate::store::{self, NewUser, now};

use super::{ActionError, ActionResult, Conflict, Site};

/// How long a browser session lasts.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

pub struct NewAccount<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password: &'a str,
    /// Empty when none is given.
    pub email: &'a str,
}

/// Creates an account. The operator does this from the command line, which holds the
/// database; an administration page will check `Permission::ManageUsers` first.
pub fn add_user(site: &Site, account: &NewAccount<'_>) -> ActionResult<User> {
    let login = fields::login(account.login)?;
    let name = if account.name.trim().is_empty() { login.clone() } else { fields::name(account.name)? };
    let email = fields::email(account.email)?;
    fields::password(account.password)?;
    // Hashing takes tens of milliseconds: never while holding the writer.
    let password_hash = hash_password(account.password).map_err(|error| ActionError::Internal(error.to_string()))?;
    site.store.write(|tx| {
        let user =
            NewUser { login: &login, name: &name, role: account.role, password_hash: &password_hash, email: &email };
        store::insert_user(tx, &user, now())?.ok_or(Conflict::LoginTaken.into())
    })
}

/// Where a login comes from: the client's address, and the known-device cookie its browser
/// holds (see `auth::limiter`).
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub address: Option<IpAddr>,
    pub device_cookie: Option<String>,
}

impl Client {
    pub fn at(address: Option<IpAddr>) -> Client {
        Client { address, device_cookie: None }
    }
}

/// Checks a login and password through the limiter (`auth::limiter`): failures from
/// strangers slow guessing down; the member's own address and browser still get in. The
/// password also unlocks the member's ballot key (`auth::BallotKey`).
pub(super) fn authenticate(
    site: &Site,
    login: &str,
    password: &str,
    client: &Client,
) -> ActionResult<(User, BallotKey)> {
    let login = login.trim();
    // The limiter keeps the login of each failure for a quarter of an hour: it keys on at
    // most a real login's length, so that megabyte-long logins cannot fill the memory.
    let (key, oversized) = match login.char_indices().nth(MAX_LOGIN_CHARS) {
        Some((end, _)) => (&login[..end], true),
        None => (login, false),
    };
    let keys = site.keys()?;
    let device = client.device_cookie.as_deref().and_then(|cookie| keys.device_id(cookie, key));
    let origin = Origin { address: client.address, device };
    if !site.login_limiter.may_try(key, origin) {
        return Err(ActionError::RateLimited);
    }
    let found = if oversized {
        None
    } else {
        site.store.read(|tx| Ok::<_, ActionError>(store::user_with_password(tx, login)?))?
    };
    let (user, salt) = match found {
        Some(found) if found.password_hash.is_empty() => {
            // Invited, no password set yet: refused as long as a wrong password takes.
            waste_verification(password);
            site.login_limiter.record_failure(key, origin);
            return Err(ActionError::WrongCredentials);
        }
        Some(found) if verify_password(&found.password_hash, password) => {
            if !found.active {
                return Err(Conflict::AccountDeactivated.into());
            }
            (found.user, found.ballot_salt)
        }
        Some(_) => {
            site.login_limiter.record_failure(key, origin);
            return Err(ActionError::WrongCredentials);
        }
        None => {
            waste_verification(password);
            site.login_limiter.record_failure(key, origin);
            return Err(ActionError::WrongCredentials);
        }
    };
    site.login_limiter.record_success(key, origin);
    let ballot_key = BallotKey::derive(password, &salt).map_err(|error| ActionError::Internal(error.to_string()))?;
    Ok((user, ballot_key))
}

/// A browser session: its secret and the member's ballot key go in the cookie, its CSRF
/// token in every form, and the known-device cookie stays in the browser past the session.
pub struct Session {
    pub user: User,
    /// The session cookie's value (see `auth::credential`).
    pub token: String,
    pub csrf_token: String,
    pub device_cookie: String,
    pub ballot_key: BallotKey,
}

pub fn log_in(site: &Site, login: &str, password: &str, client: &Client) -> ActionResult<Session> {
    let (user, ballot_key) = authenticate(site, login, password, client)?;
    let keys = site.keys()?;
    // The browser's device cookie stays as it is when it is this member's already.
    let device_cookie = match client.device_cookie.as_deref() {
        Some(cookie) if keys.device_id(cookie, &user.login).is_some() => cookie.to_owned(),
        _ => keys
            .new_device_token(&user.login)
            .map_err(|error| ActionError::Internal(format!("no randomness: {error}")))?,
    };
    let token = secret()?;
    let csrf_token = secret()?;
    site.store.write(|tx| {
        let now = now();
        store::delete_expired_sessions(tx, now)?;
        store::insert_session(tx, &secret_hash(&token), user.id, &csrf_token, now, now + SESSION_SECONDS)?;
        Ok::<_, ActionError>(())
    })?;
    Ok(Session { user, token: credential(&token, Some(&ballot_key)), csrf_token, device_cookie, ballot_key })
}

pub fn log_out(site: &Site, cookie: &str) -> ActionResult<()> {
    let (secret, _) = split_credential(cookie);
    site.store.write(|tx| Ok(store::delete_session(tx, &secret_hash(secret))?))
}

/// Who a live session's cookie speaks for.
pub struct LiveSession {
    pub user: User,
    pub csrf_token: String,
    /// None for a session opened before ballot keys existed.
    pub ballot_key: Option<BallotKey>,
    /// The member's unread notifications, up to [`super::notifications::UNREAD_CAP`].
    pub unread: u32,
}

/// The live session a cookie holds, if any.
pub fn session(site: &Site, cookie: &str) -> ActionResult<Option<LiveSession>> {
    let (secret, ballot_key) = split_credential(cookie);
    site.store.read(|tx| {
        let Some((user, csrf_token)) = store::session_user(tx, &secret_hash(secret), now())? else { return Ok(None) };
        let unread = super::notifications::unread(tx, user.id)?;
        Ok(Some(LiveSession { user, csrf_token, ballot_key, unread }))
    })
}

pub(super) fn secret() -> ActionResult<String> {
    new_secret().map_err(|error| ActionError::Internal(format!("no randomness: {error}")))
}

/// Whether any account exists (the demo fills only an empty database).
pub fn has_users(site: &Site) -> ActionResult<bool> {
    site.store.read(|tx| Ok(store::count_users(tx)? > 0))
}

/// A member changes their password, giving the current one; their other sessions end, and
/// their secret ballots move to the numbers the new password's ballot key gives them, so
/// that they can still change their votes. Returns the new session of this browser.
/// Errors: `Unauthenticated`; `WrongCredentials` for a wrong current password (through
/// the login limiter); `Invalid` for a new password too short or too long.
pub fn change_password(
    site: &Site,
    viewer: Option<&User>,
    current: &str,
    new: &str,
    client: &Client,
) -> ActionResult<Session> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    fields::password(new)?;
    // The hash the current password is checked against: if another change (another tab,
    // an invitation) lands first, this one is refused rather than moving ballots twice.
    let seen_hash = site.store.read(|tx| Ok::<_, ActionError>(store::password_hash(tx, user.id)?))?;
    let (user, old_key) = authenticate(site, &user.login, current, client)?;
    let password_hash = hash_password(new).map_err(|error| ActionError::Internal(error.to_string()))?;
    let salt = site.store.read(|tx| Ok::<_, ActionError>(store::ballot_salt(tx, user.id)?))?;
    let new_key = BallotKey::derive(new, &salt).map_err(|error| ActionError::Internal(error.to_string()))?;
    site.store.write(|tx| {
        if store::password_hash(tx, user.id)? != seen_hash {
            return Err(ActionError::WrongCredentials);
        }
        for amendment in store::secret_votes_by(tx, user.id)? {
            let from = super::votes::ballot_number(&old_key, amendment, user.id);
            let to = super::votes::ballot_number(&new_key, amendment, user.id);
            store::move_ballot(tx, store::BallotBox::Amendment(amendment), &from, &to)?;
        }
        for (answers, from, to) in super::questions::answers_to_move(tx, user.id, &old_key, &new_key)? {
            store::move_ballot(tx, answers, &from, &to)?;
        }
        store::set_password(tx, user.id, &password_hash)?;
        Ok::<_, ActionError>(())
    })?;
    log_in(site, &user.login, new, client)
}

/// Everything stored about a member, as they download it: their account, what they wrote
/// (a hidden comment without its words), what they co-signed and voted on (the choice of
/// an open vote only: a secret one is theirs alone to know), their API tokens.
pub struct MyData {
    pub member: Member,
    pub amendments: Vec<Amendment>,
    pub comments: Vec<(String, Comment)>,
    pub co_signed: Vec<Amendment>,
    pub votes: Vec<(Amendment, Option<Vote>)>,
    /// The questions they answered, by id (never the answer: it is secret).
    pub questions_answered: Vec<i64>,
    pub tokens: Vec<store::ApiToken>,
}

pub fn my_data(site: &Site, viewer: Option<&User>) -> ActionResult<MyData> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    site.store.read(|tx| {
        let member = store::member(tx, &user.login)?.ok_or(ActionError::Unauthenticated)?;
        let amendment = |id: i64| store::amendment(tx, id)?.ok_or(ActionError::NotFound);
        let amendments = store::amendments_by(tx, user.id)?.into_iter().map(amendment).collect::<ActionResult<_>>()?;
        let co_signed = store::co_signed_by(tx, user.id)?.into_iter().map(amendment).collect::<ActionResult<_>>()?;
        let votes = store::votes_by(tx, user.id)?
            .into_iter()
            .map(|(id, choice)| Ok((amendment(id)?, choice.as_deref().and_then(Vote::parse))))
            .collect::<ActionResult<_>>()?;
        let mut comments = Vec::new();
        for id in store::comments_by(tx, user.id)? {
            let comment = store::comment(tx, id)?.ok_or(ActionError::NotFound)?;
            let text = store::text_by_id(tx, comment.text_id)?.ok_or(ActionError::NotFound)?;
            comments.push((text.slug, comment));
        }
        let tokens = store::api_tokens(tx, Some(user.id))?;
        let questions_answered = store::questions_answered_by(tx, user.id)?;
        Ok(MyData { member, amendments, comments, co_signed, votes, questions_answered, tokens })
    })
}

/// A member deletes their account, confirming with their password where they give one
/// (pages ask for it; an API token is proof enough). Their amendments and comments stay,
/// shown as from a former member; what identified them goes (see `store::delete_account`).
/// Errors: `WrongCredentials`; `LastAdmin` for the last active admin.
pub fn delete_account(site: &Site, viewer: Option<&User>, password: Option<&str>, client: &Client) -> ActionResult<()> {
    let user = viewer.ok_or(ActionError::Unauthenticated)?;
    if let Some(password) = password {
        authenticate(site, &user.login, password, client)?;
    }
    site.store.write(|tx| {
        if user.role == Role::Admin && store::active_admins(tx)? <= 1 {
            return Err(Conflict::LastAdmin.into());
        }
        store::delete_account(tx, user.id, now())?;
        store::touch_every_text(tx)?;
        Ok::<_, ActionError>(())
    })?;
    site.forget_people();
    Ok(())
}
