//! The admins' members page (the list, adding one, importing a list, roles, deactivation,
//! invitation links) and the page through which an invited member sets a password.

use maud::{Markup, html};

use super::Frame;
use super::account::login_fields;
use super::layout::{Head, notice, page};
use crate::actions::members::Invited;
use crate::domain::Role;
use crate::domain::limits::{MAX_EMAIL_CHARS, MAX_LOGIN_CHARS, MAX_NAME_CHARS, PASSWORD_CHARS};
use crate::domain::model::Member;
use crate::i18n::{Arg, K, Lang};

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    lang.t(match role {
        Role::Member => K::RoleMember,
        Role::Drafter => K::RoleDrafter,
        Role::Admin => K::RoleAdmin,
    })
}

/// What an admin typed in the add and import forms, shown again after a refusal.
#[derive(Default)]
pub struct MembersDraft<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: Option<Role>,
    pub list: &'a str,
    pub log_in: bool,
}

/// What the page says above the list: an error (with each bad row of a list), a change
/// done, or the invitation links just made, each shown this once.
#[derive(Default)]
pub struct MembersNotice<'a> {
    /// Whether anyone may create their own account.
    pub registration: bool,
    pub error: Option<&'a str>,
    pub rows: &'a [String],
    pub done: Option<&'a str>,
    pub invited: &'a [Invited],
    /// Where links point: the site's address as the request named it.
    pub site: &'a str,
}

fn role_select(lang: Lang, id: &str, chosen: Role) -> Markup {
    html! {
        select id=(id) name="role" {
            @for role in Role::ALL {
                option value=(role.as_str()) selected[*role == chosen] { (role_name(lang, *role)) }
            }
        }
    }
}

fn invitation_links(lang: Lang, invited: &[Invited], site: &str) -> Markup {
    html! {
        section.invitations role="status" {
            p { (lang.f(K::InvitationsMade, &[Arg::count("count", invited.len())])) }
            ul {
                @for one in invited {
                    @let link = format!("{site}{}", one.invitation.path());
                    li {
                        strong { (one.member.user.name) } " (" (one.member.user.login) ") · "
                        (lang.f(K::ValidUntil, &[Arg::text("date", lang.date_time(one.invitation.expires_at))]))
                        br;
                        input.link readonly type="text" value=(link) aria-label=(lang.t(K::InvitationLink));
                    }
                }
            }
        }
    }
}

fn member_card(frame: &Frame<'_>, member: &Member) -> Markup {
    let lang = frame.lang;
    let login = &member.user.login;
    let id = format!("member-{login}");
    html! {
        li.member id=(id) {
            p.who {
                strong dir="auto" { (member.user.name) } " · " code { (login) }
                @if !member.email.is_empty() { " · " (member.email) }
            }
            p.meta {
                (role_name(lang, member.user.role)) " · "
                @if !member.active {
                    span.state-withdrawn { (lang.t(K::MemberDeactivated)) }
                } @else if !member.has_password {
                    (lang.t(K::MemberNoPassword))
                } @else {
                    (lang.t(K::MemberActive))
                }
                @if let Some(until) = member.invited_until {
                    " · " (lang.f(K::InvitedUntil, &[Arg::text("date", lang.date_time(until))]))
                }
            }
            div.member-actions {
                form.inline method="post" action={ "/admin/members/" (login) } {
                    (frame.tokens())
                    @let select_id = format!("role-{login}");
                    label.visually-hidden for=(select_id) { (lang.t(K::FieldRole)) }
                    (role_select(lang, &select_id, member.user.role))
                    button.secondary type="submit" { (lang.t(K::ChangeRole)) }
                }
                form.inline method="post" action={ "/admin/members/" (login) } {
                    (frame.tokens())
                    @if member.active {
                        input type="hidden" name="active" value="false";
                        button.secondary type="submit" { (lang.t(K::Deactivate)) }
                    } @else {
                        input type="hidden" name="active" value="true";
                        button.secondary type="submit" { (lang.t(K::Reactivate)) }
                    }
                }
                @if member.active {
                    form.inline method="post" action={ "/admin/members/" (login) "/invitation" } {
                        (frame.tokens())
                        button.secondary type="submit" { (lang.t(K::NewInvitation)) }
                    }
                }
            }
        }
    }
}

/// Accounts per page of the members page (a congress's membership is tens of thousands).
pub const MEMBERS_PER_PAGE: usize = 100;

/// One page of the accounts, among those a search finds.
pub struct MembersShown<'a> {
    pub members: &'a [Member],
    /// What was searched (in names, logins and emails), empty for everyone.
    pub q: &'a str,
    /// Accounts the search finds, all pages together.
    pub matching: usize,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
}

fn members_pages(lang: Lang, shown: &MembersShown<'_>) -> Markup {
    let link = |page: usize| {
        let mut address = format!("/admin?page={page}");
        if !shown.q.is_empty() {
            address.push_str("&q=");
            address.push_str(&super::query_value(shown.q));
        }
        address
    };
    html! {
        @if shown.pages > 1 {
            nav.pages aria-label=(lang.t(K::Pages)) {
                @if shown.page > 1 { a rel="prev" href=(link(shown.page - 1)) { "← " (lang.t(K::PreviousPage)) } }
                strong aria-current="page" { (shown.page) " / " (shown.pages) }
                @if shown.page < shown.pages { a rel="next" href=(link(shown.page + 1)) { (lang.t(K::NextPage)) " →" } }
            }
        }
    }
}

/// The members page: what was just done, the forms that add and import members, and one
/// page of the accounts (searched by name, login or email) with their role, their state and
/// the forms that change them.
pub fn members_page(
    frame: &Frame<'_>,
    shown: &MembersShown<'_>,
    draft: &MembersDraft<'_>,
    said: &MembersNotice<'_>,
) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::MembersTitle)) }
        @if let Some(error) = said.error {
            (notice("error", error))
            @if !said.rows.is_empty() {
                ul.errors { @for row in said.rows { li { (row) } } }
            }
        }
        @if let Some(done) = said.done { (notice("success", done)) }
        @if !said.invited.is_empty() { (invitation_links(lang, said.invited, said.site)) }
        details.add-member open[draft.role.is_some() || said.error.is_some() && draft.list.is_empty()] {
            summary { (lang.t(K::AddMember)) }
            form.member method="post" action="/admin/members" {
                (frame.tokens())
                label for="member-login" { (lang.t(K::FieldLogin)) }
                input #member-login type="text" name="member_login" value=(draft.login) maxlength=(MAX_LOGIN_CHARS) autocapitalize="none" required;
                label for="name" { (lang.t(K::FieldName)) }
                p.hint #name-hint { (lang.t(K::NameHint)) }
                input #name type="text" name="name" dir="auto" value=(draft.name) maxlength=(MAX_NAME_CHARS) aria-describedby="name-hint" required;
                label for="email" { (lang.t(K::FieldEmail)) }
                input #email type="email" name="email" value=(draft.email) maxlength=(MAX_EMAIL_CHARS);
                label for="new-role" { (lang.t(K::FieldRole)) }
                (role_select(lang, "new-role", draft.role.unwrap_or(Role::Member)))
                @if draft.log_in { (login_fields(lang)) }
                button type="submit" { (lang.t(K::AddMemberButton)) }
            }
        }
        details.import-members open[!draft.list.is_empty()] {
            summary { (lang.t(K::ImportMembers)) }
            form.member method="post" action="/admin/members/import" {
                (frame.tokens())
                label for="list" { (lang.t(K::MembersList)) }
                p.hint #list-hint { (lang.t(K::MembersListHint)) }
                textarea #list name="list" rows="8" aria-describedby="list-hint" required { (draft.list) }
                @if draft.log_in { (login_fields(lang)) }
                button type="submit" { (lang.t(K::ImportButton)) }
            }
        }
        form.inline.registration method="post" action="/admin/registration" {
            (frame.tokens())
            @if said.registration {
                p { (lang.t(K::RegistrationOpen)) " " }
                input type="hidden" name="open" value="false";
                button.secondary type="submit" { (lang.t(K::CloseRegistration)) }
            } @else {
                p { (lang.t(K::RegistrationClosed)) " " }
                input type="hidden" name="open" value="true";
                button.secondary type="submit" { (lang.t(K::OpenRegistration)) }
            }
        }
        h2 { (lang.f(K::MembersCount, &[Arg::count("count", shown.matching)])) }
        form.search method="get" action="/admin" role="search" {
            label for="q" { (lang.t(K::SearchMembers)) }
            div.row {
                input #q type="search" name="q" value=(shown.q);
                button.secondary type="submit" { (lang.t(K::Search)) }
            }
        }
        ul.members {
            @for member in shown.members { (member_card(frame, member)) }
        }
        (members_pages(lang, shown))
    };
    page(frame, Head { title: lang.t(K::MembersTitle), private: true, ..Head::default() }, content)
}

/// The page of an invitation: the member chooses a password, twice.
pub fn invitation_page(frame: &Frame<'_>, name: &str, token: &str, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let title = lang.f(K::WelcomeName, &[Arg::text("name", name)]);
    let content = html! {
        h1 dir="auto" { (title) }
        p { (lang.t(K::InvitationIntro)) }
        @if let Some(error) = error { (notice("error", error)) }
        form.login method="post" action={ "/invitations/" (token) } {
            input type="hidden" name="csrf" value=(frame.csrf);
            label for="password" { (lang.t(K::FieldPassword)) }
            p.hint #password-hint { (lang.f(K::PasswordHint, &[Arg::count("min", *PASSWORD_CHARS.start())])) }
            input #password type="password" name="password" autocomplete="new-password" minlength=(PASSWORD_CHARS.start()) maxlength=(PASSWORD_CHARS.end()) aria-describedby="password-hint" required;
            label for="again" { (lang.t(K::PasswordAgain)) }
            input #again type="password" name="again" autocomplete="new-password" minlength=(PASSWORD_CHARS.start()) maxlength=(PASSWORD_CHARS.end()) required;
            button type="submit" { (lang.t(K::SetPassword)) }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}
