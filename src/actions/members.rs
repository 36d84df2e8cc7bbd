//! Members as admins manage them (DESIGN, "Members"): adding one or importing a list,
//! changing roles, deactivating, and the invitation links through which a member sets a
//! password (a new account's first, or a forgotten one's replacement).

use crate::auth::{Permission, hash_password, secret_hash};
use crate::domain::model::{Member, Timestamp, User};
use crate::domain::roster::{self, RosterError, RowError, RowProblem};
use crate::domain::{Role, fields};
use crate::store::{self, NewUser, now};

use super::accounts::{Client, Session, log_in, secret};
use super::{
    Acting, ActionError, ActionResult, Conflict, Done, Invalid, Site, Viewer, answered, remember_submission, require,
};

/// How long an invitation link works.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 3600;

/// A link through which a member sets their password: its secret (the database keeps its
/// hash only, so this is the one time it is known) and its expiry.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub token: String,
    pub expires_at: Timestamp,
}

impl Invitation {
    /// The link's path on the site.
    pub fn path(&self) -> String {
        format!("/invitations/{}", self.token)
    }
}

/// A member as an admin just added or invited them.
pub struct Invited {
    pub member: Member,
    pub invitation: Invitation,
}

/// What an admin sets to add a member.
pub struct NewMember<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: Role,
}

/// What an admin changes of an account; `None` leaves it as it is.
#[derive(Clone, Debug, Default)]
pub struct MemberChange<'a> {
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
}

fn invite_in(tx: &rusqlite::Connection, user_id: i64, now: Timestamp) -> ActionResult<Invitation> {
    let token = secret()?;
    let expires_at = now + INVITATION_SECONDS;
    store::insert_invitation(tx, &secret_hash(&token), user_id, now, expires_at)?;
    Ok(Invitation { token, expires_at })
}

/// Whether an account is active and its member has not set a password yet.
fn awaits_password(member: &Member) -> bool {
    member.active && !member.has_password
}

fn found(tx: &rusqlite::Connection, login: &str) -> ActionResult<Member> {
    store::member(tx, login)?.ok_or(ActionError::NotFound)
}

/// Every account, by name (admins).
pub fn members(site: &Site, viewer: Viewer<'_>) -> ActionResult<Vec<Member>> {
    require(viewer, Permission::ManageUsers)?;
    site.store.read(|tx| Ok(store::members(tx)?))
}

/// An admin adds a member, who sets their password through the invitation returned. A
/// repeat of the same submission gives a new link to the same account (the first link's
/// secret is not kept). Errors: `Invalid` for a bad login, name or email; `LoginTaken`.
pub fn add_member(
    site: &Site,
    viewer: Viewer<'_>,
    new: &NewMember<'_>,
    acting: &Acting,
) -> ActionResult<Done<Invited>> {
    let admin = require(viewer, Permission::ManageUsers)?;
    let login = fields::login(new.login)?;
    let name = fields::name(new.name)?;
    let email = fields::email(new.email)?;
    site.store.write(|tx| {
        let now = now();
        if let Some(outcome) = answered(tx, admin, acting.once.as_ref())? {
            // A repeat gives a new link to the account it added while that still waits
            // for its first password (the first link's secret was not kept).
            let login = outcome.strip_prefix("member:").ok_or(ActionError::NotFound)?;
            let member = found(tx, login)?;
            if !awaits_password(&member) {
                return Err(Conflict::LoginTaken.into());
            }
            let invitation = invite_in(tx, member.user.id, now)?;
            return Ok(Done::repeated(Invited { member: found(tx, login)?, invitation }));
        }
        let user = NewUser { login: &login, name: &name, role: new.role, password_hash: "", email: &email };
        let user = store::insert_user(tx, &user, now)?.ok_or(Conflict::LoginTaken)?;
        let invitation = invite_in(tx, user.id, now)?;
        remember_submission(tx, admin, acting.once.as_ref(), &format!("member:{}", user.login), now)?;
        Ok(Done::new(Invited { member: found(tx, &user.login)?, invitation }))
    })
}

/// An admin imports a CSV list of members (see `domain::roster`): every row is checked
/// first, logins already taken included, and nothing is imported when any row is bad.
/// Each member gets an invitation. Errors: `Invalid::Roster` with every bad row.
pub fn import_members(
    site: &Site,
    viewer: Viewer<'_>,
    file: &str,
    acting: &Acting,
) -> ActionResult<Done<Vec<Invited>>> {
    let admin = require(viewer, Permission::ManageUsers)?;
    let rows = roster::parse(file).map_err(Invalid::Roster)?;
    site.store.write(|tx| {
        let now = now();
        if let Some(outcome) = answered(tx, admin, acting.once.as_ref())? {
            // A repeat: new links for the accounts it added that still wait for their first
            // password.
            let mut again = Vec::new();
            for login in outcome.strip_prefix("members:").unwrap_or_default().split(',').filter(|l| !l.is_empty()) {
                let Some(member) = store::member(tx, login)?.filter(awaits_password) else { continue };
                let invitation = invite_in(tx, member.user.id, now)?;
                again.push(Invited { member, invitation });
            }
            return Ok(Done::repeated(again));
        }
        let logins: Vec<&str> = rows.iter().map(|row| row.login.as_str()).collect();
        let taken = store::taken_logins(tx, &logins)?;
        if !taken.is_empty() {
            let errors = rows
                .iter()
                .filter(|row| taken.iter().any(|login| login.eq_ignore_ascii_case(&row.login)))
                .map(|row| RowError { line: row.line, problem: RowProblem::LoginTaken })
                .collect();
            return Err(Invalid::Roster(RosterError::Rows(errors)).into());
        }
        let mut imported = Vec::with_capacity(rows.len());
        for row in &rows {
            let user =
                NewUser { login: &row.login, name: &row.name, role: row.role, password_hash: "", email: &row.email };
            let user = store::insert_user(tx, &user, now)?.ok_or(Conflict::LoginTaken)?;
            let invitation = invite_in(tx, user.id, now)?;
            imported.push(Invited { member: found(tx, &user.login)?, invitation });
        }
        let outcome = format!("members:{}", logins.join(","));
        remember_submission(tx, admin, acting.once.as_ref(), &outcome, now)?;
        Ok(Done::new(imported))
    })
}

/// An admin changes a member's role, name or email, or deactivates the account (its
/// sessions and tokens stop working at once) or opens it again. Errors: 404 for an
/// unknown login; `Invalid` fields; `LastAdmin` when it would leave no active admin.
pub fn change_member(
    site: &Site,
    viewer: Viewer<'_>,
    login: &str,
    change: &MemberChange<'_>,
    acting: &Acting,
) -> ActionResult<Done<Member>> {
    let admin = require(viewer, Permission::ManageUsers)?;
    let name = change.name.map(fields::name).transpose()?;
    let email = change.email.map(fields::email).transpose()?;
    site.store
        .write(|tx| {
            let now = now();
            if answered(tx, admin, acting.once.as_ref())?.is_some() {
                return Ok(Done::repeated(found(tx, login)?));
            }
            let member = found(tx, login)?;
            let stays_admin =
                change.role.unwrap_or(member.user.role) == Role::Admin && change.active.unwrap_or(member.active);
            if member.user.role == Role::Admin && member.active && !stays_admin && store::active_admins(tx)? <= 1 {
                return Err(Conflict::LastAdmin.into());
            }
            store::update_member(tx, member.user.id, change.role, name.as_deref(), email.as_deref())?;
            if name.as_deref().is_some_and(|name| name != member.user.name) {
                store::touch_every_text(tx)?;
            }
            if let Some(active) = change.active {
                store::set_active(tx, member.user.id, active, now)?;
            }
            remember_submission(tx, admin, acting.once.as_ref(), &format!("member:{}", member.user.login), now)?;
            Ok(Done::new(found(tx, login)?))
        })
        .inspect(|_| {
            if name.is_some() {
                site.forget_people();
            }
        })
}

/// An admin gives a member a new invitation link (the way to reset a forgotten password);
/// earlier links stop working. Errors: 404; `MemberInactive` for a deactivated account.
pub fn invite(site: &Site, viewer: Viewer<'_>, login: &str) -> ActionResult<Invited> {
    require(viewer, Permission::ManageUsers)?;
    site.store.write(|tx| {
        let member = found(tx, login)?;
        if !member.active {
            return Err(Conflict::MemberInactive.into());
        }
        let invitation = invite_in(tx, member.user.id, now())?;
        Ok(Invited { member: found(tx, login)?, invitation })
    })
}

/// Whom an invitation is for, while it works. Errors: 404 for an unknown or used link (or
/// a deactivated account's); `InvitationExpired`.
pub fn invitation(site: &Site, token: &str) -> ActionResult<User> {
    let (user, expires_at) = site
        .store
        .read(|tx| Ok::<_, ActionError>(store::invitation(tx, &secret_hash(token))?))?
        .ok_or(ActionError::NotFound)?;
    if expires_at <= now() {
        return Err(Conflict::InvitationExpired.into());
    }
    Ok(user)
}

/// A member sets their password through an invitation, which then stops working, and is
/// logged in. Their other sessions end. Secret ballots cast under a former password stay
/// counted but sealed: the new password derives another ballot key (see `votes`).
/// Errors: those of [`invitation`]; `Invalid` for a password too short or too long.
pub fn accept_invitation(site: &Site, token: &str, password: &str, client: &Client) -> ActionResult<Session> {
    fields::password(password)?;
    let user = invitation(site, token)?;
    // Hashing takes tens of milliseconds: never while holding the writer.
    let password_hash = hash_password(password).map_err(|error| ActionError::Internal(error.to_string()))?;
    site.store.write(|tx| {
        // The link may have been used or replaced while the password was hashed.
        match store::invitation(tx, &secret_hash(token))? {
            Some((again, expires_at)) if again.id == user.id && expires_at > now() => {}
            Some((again, _)) if again.id == user.id => return Err(Conflict::InvitationExpired.into()),
            _ => return Err(ActionError::NotFound),
        }
        store::set_password(tx, user.id, &password_hash)?;
        Ok::<_, ActionError>(())
    })?;
    log_in(site, &user.login, password, client)
}

/// The setting that opens self-registration.
const SELF_REGISTRATION: &str = "self_registration";

/// Whether anyone may create their own member account (off unless an admin opens it).
pub fn registration_open(site: &Site) -> ActionResult<bool> {
    site.store.read(|tx| Ok(store::setting(tx, SELF_REGISTRATION)?.is_some_and(|value| value == b"1")))
}

/// An admin opens or closes self-registration.
pub fn set_registration(site: &Site, viewer: Viewer<'_>, open: bool) -> ActionResult<()> {
    require(viewer, Permission::ManageUsers)?;
    site.store.write(|tx| Ok(store::set_setting(tx, SELF_REGISTRATION, if open { b"1" } else { b"0" })?))
}

/// What someone types to create their own account.
pub struct Registration<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// Someone creates their own member account, while self-registration is open, and is
/// logged in. Errors: 404 while it is closed; `Invalid` fields; `LoginTaken`.
pub fn register(site: &Site, registration: &Registration<'_>, client: &Client) -> ActionResult<Session> {
    if !registration_open(site)? {
        return Err(ActionError::NotFound);
    }
    let login = fields::login(registration.login)?;
    let name = fields::name(registration.name)?;
    let email = fields::email(registration.email)?;
    fields::password(registration.password)?;
    let password_hash =
        hash_password(registration.password).map_err(|error| ActionError::Internal(error.to_string()))?;
    site.store.write(|tx| {
        let user =
            NewUser { login: &login, name: &name, role: Role::Member, password_hash: &password_hash, email: &email };
        store::insert_user(tx, &user, now())?.ok_or(Conflict::LoginTaken)?;
        Ok::<_, ActionError>(())
    })?;
    log_in(site, &login, registration.password, client)
}
