//! The login page, a member's own account page (password, data, deletion) and the
//! drafters' form that publishes a new text.

use maud::{Markup, html};

use super::topics::texts_already_there;
use crate::actions::topics::TopicListing;
use crate::domain::model::Timestamp;

use super::Frame;
use super::layout::{Head, notice, page};
use crate::domain::Visibility;
use crate::domain::limits::MAX_TITLE_CHARS;
use crate::domain::limits::PASSWORD_CHARS;
use crate::domain::model::Member;
use crate::i18n::{Arg, K, Lang};

/// The login form; `registration` when anyone may create an account, which it links to.
pub fn login_page(frame: &Frame<'_>, next: &str, login: &str, error: Option<&str>, registration: bool) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::LogIn)) }
        @if let Some(error) = error { (notice("error", error)) }
        form.login method="post" action="/login" {
            input type="hidden" name="csrf" value=(frame.csrf);
            input type="hidden" name="next" value=(next);
            label for="login" { (lang.t(K::FieldLogin)) }
            input #login type="text" name="login" value=(login) autocomplete="username" autocapitalize="none" required autofocus;
            label for="password" { (lang.t(K::FieldPassword)) }
            input #password type="password" name="password" autocomplete="current-password" required;
            button type="submit" { (lang.t(K::LogIn)) }
        }
        @if registration {
            p { a href="/register" { (lang.t(K::CreateAccount)) } }
        } @else {
            p.hint { (lang.t(K::NoAccountHint)) }
        }
    };
    page(frame, Head { title: lang.t(K::LogIn), private: true, ..Head::default() }, content)
}

/// The login fields of a form sent without a session: logging in as it is sent, the sender
/// keeps what they typed.
pub fn login_fields(lang: Lang) -> Markup {
    html! {
        fieldset.log-in {
            legend { (lang.t(K::LogInToSend)) }
            label for="login" { (lang.t(K::FieldLogin)) }
            input #login type="text" name="login" autocomplete="username" autocapitalize="none" required;
            label for="password" { (lang.t(K::FieldPassword)) }
            input #password type="password" name="password" autocomplete="current-password" required;
        }
    }
}

/// What the publish form keeps when it is shown again with an error.
#[derive(Default)]
pub struct PublishDraft<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub summary: &'a str,
    pub members_only: bool,
    /// The slug of the topic chosen; empty for none.
    pub topic: &'a str,
    /// The drafter's session ended: the form asks them to log in as they send it.
    pub log_in: bool,
}

/// The form that publishes a text, after the texts already in the chosen topic (or in
/// every topic, before one is chosen).
pub fn publish_page(
    frame: &Frame<'_>,
    draft: &PublishDraft<'_>,
    topics: &[TopicListing],
    now: Timestamp,
    error: Option<&str>,
) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::PublishTitle)) }
        @if let Some(error) = error { (notice("error", error)) }
        (texts_already_there(lang, topics, draft.topic, now))
        form.publish method="post" action="/texts" {
            (frame.tokens())
            @if !topics.is_empty() {
                label for="topic" { (lang.t(K::FieldTopic)) }
                select #topic name="topic" {
                    option value="" selected[draft.topic.is_empty()] { (lang.t(K::NoTopic)) }
                    @for listing in topics {
                        option value=(listing.topic.slug) selected[listing.topic.slug == draft.topic] { (listing.topic.title) }
                    }
                }
            }
            label for="title" { (lang.t(K::FieldTitle)) }
            input #title type="text" name="title" dir="auto" value=(draft.title) maxlength=(MAX_TITLE_CHARS) required;
            label for="slug" { (lang.t(K::FieldSlug)) }
            p.hint #slug-hint { (lang.t(K::SlugHint)) }
            input #slug type="text" name="slug" value=(draft.slug) pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="slug-hint" required;
            fieldset {
                legend { (lang.t(K::Visibility)) }
                label { input type="radio" name="visibility" value=(Visibility::Public.as_str()) checked[!draft.members_only]; " " (lang.t(K::VisibilityPublic)) }
                label { input type="radio" name="visibility" value=(Visibility::Members.as_str()) checked[draft.members_only]; " " (lang.t(K::VisibilityMembers)) }
            }
            label for="body" { (lang.t(K::TextBody)) }
            p.hint #body-hint { (lang.t(K::BodyHint)) }
            textarea #body name="body" rows="20" dir="auto" aria-describedby="body-hint" required { (draft.body) }
            label for="summary" { (lang.t(K::RevisionSummary)) }
            input #summary type="text" name="summary" dir="auto" value=(draft.summary);
            @if draft.log_in { (login_fields(lang)) }
            button type="submit" { (lang.t(K::Publish)) }
        }
    };
    page(frame, Head { title: lang.t(K::PublishTitle), private: true, ..Head::default() }, content)
}

/// A member's own account: who they are to others, their password, their data, and the
/// deletion of the account. `notice` says what was just done; `error` what was refused.
pub fn account_page(frame: &Frame<'_>, member: &Member, done: Option<&str>, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let password_field = |id: &str, name: &str, label: K, autocomplete: &str| {
        html! {
            label for=(id) { (lang.t(label)) }
            input id=(id) type="password" name=(name) autocomplete=(autocomplete) maxlength=(PASSWORD_CHARS.end()) required;
        }
    };
    let content = html! {
        h1 { (lang.t(K::AccountTitle)) }
        @if let Some(done) = done { (notice("success", done)) }
        @if let Some(error) = error { (notice("error", error)) }
        dl.account {
            dt { (lang.t(K::FieldName)) } dd dir="auto" { (member.user.name) }
            dt { (lang.t(K::FieldLogin)) } dd { code { (member.user.login) } " " span.hint { (lang.t(K::LoginPrivate)) } }
            @if !member.email.is_empty() { dt { (lang.t(K::FieldEmail)) } dd { (member.email) } }
            dt { (lang.t(K::FieldRole)) } dd { (super::members::role_name(lang, member.user.role)) }
        }
        p {
            a href="/account/amendments" { (lang.t(K::MyAmendmentsTitle)) } " · "
            a href="/account/tokens" { (lang.t(K::NavTokens)) } " · "
            a href="/account/data.json" download { (lang.t(K::DownloadMyData)) }
        }
        h2 { (lang.t(K::ChangePassword)) }
        form.login method="post" action="/account/password" {
            input type="hidden" name="csrf" value=(frame.csrf);
            (password_field("current", "current", K::CurrentPassword, "current-password"))
            (password_field("new", "new", K::NewPassword, "new-password"))
            p.hint #new-hint { (lang.f(K::PasswordHint, &[Arg::count("min", *PASSWORD_CHARS.start())])) }
            (password_field("again", "again", K::PasswordAgain, "new-password"))
            button type="submit" { (lang.t(K::ChangePassword)) }
        }
        h2 { (lang.t(K::DeleteAccount)) }
        p { (lang.t(K::DeleteAccountHint)) }
        form.login method="post" action="/account/delete" {
            input type="hidden" name="csrf" value=(frame.csrf);
            (password_field("confirm", "password", K::FieldPassword, "current-password"))
            button.danger type="submit" { (lang.t(K::DeleteAccountButton)) }
        }
    };
    page(frame, Head { title: lang.t(K::AccountTitle), private: true, ..Head::default() }, content)
}

/// What someone typed to create their account, shown again after a refusal.
#[derive(Default)]
pub struct RegistrationDraft<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub email: &'a str,
}

/// The form through which anyone creates their own member account (while admins allow it).
pub fn register_page(frame: &Frame<'_>, draft: &RegistrationDraft<'_>, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::CreateAccount)) }
        @if let Some(error) = error { (notice("error", error)) }
        form.login method="post" action="/register" {
            input type="hidden" name="csrf" value=(frame.csrf);
            label for="member_login" { (lang.t(K::FieldLogin)) }
            p.hint #login-hint { (lang.t(K::LoginPrivate)) }
            input #member_login type="text" name="member_login" value=(draft.login) autocomplete="username" autocapitalize="none" aria-describedby="login-hint" required;
            label for="name" { (lang.t(K::FieldName)) }
            p.hint #name-hint { (lang.t(K::NameHint)) }
            input #name type="text" name="name" dir="auto" value=(draft.name) aria-describedby="name-hint" required;
            label for="email" { (lang.t(K::FieldEmail)) }
            input #email type="email" name="email" value=(draft.email) autocomplete="email";
            label for="password" { (lang.t(K::FieldPassword)) }
            p.hint #password-hint { (lang.f(K::PasswordHint, &[Arg::count("min", *PASSWORD_CHARS.start())])) }
            input #password type="password" name="password" autocomplete="new-password" maxlength=(PASSWORD_CHARS.end()) aria-describedby="password-hint" required;
            label for="again" { (lang.t(K::PasswordAgain)) }
            input #again type="password" name="again" autocomplete="new-password" maxlength=(PASSWORD_CHARS.end()) required;
            button type="submit" { (lang.t(K::CreateAccount)) }
        }
    };
    page(frame, Head { title: lang.t(K::CreateAccount), private: true, ..Head::default() }, content)
}
