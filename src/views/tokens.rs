//! The page of one's own API tokens: each with its label and dates and a confirmed revoke,
//! and the form that creates one, whose secret the page shows once.

use maud::{Markup, html};

use super::Frame;
use super::components::time;
use super::layout::{Head, notice, page};
use crate::auth::{DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, MAX_TOKEN_LABEL_CHARS, MIN_TOKEN_DAYS};
use crate::i18n::{Arg, K};
use crate::store::ApiToken;

/// What the page shows besides the tokens.
#[derive(Default)]
pub struct TokensState<'a> {
    /// The secret of the token just created: shown this once.
    pub secret: Option<&'a str>,
    pub revoked: bool,
    pub error: Option<&'a str>,
    /// What the creation form holds (kept when it comes back).
    pub label: &'a str,
    pub days: &'a str,
    /// The member's session ended: the form asks them to log in as they send it.
    pub log_in: bool,
}

pub fn tokens_page(frame: &Frame<'_>, tokens: &[ApiToken], now: i64, state: &TokensState<'_>) -> Markup {
    let lang = frame.lang;
    let days = if state.days.is_empty() { DEFAULT_TOKEN_DAYS.to_string() } else { state.days.to_owned() };
    let content = html! {
        h1 { (lang.t(K::TokensTitle)) }
        p.lead { (lang.t(K::TokensLead)) }
        @if let Some(error) = state.error { (notice("error", error)) }
        @if state.revoked { (notice("success", lang.t(K::TokenRevoked))) }
        @if let Some(secret) = state.secret {
            section.new-token {
                (notice("success", lang.t(K::TokenSecretOnce)))
                p { code.secret { (secret) } }
                p.hint { (lang.t(K::TokenUsage)) }
            }
        }
        @if frame.user.is_some() {
            @if tokens.is_empty() {
                p { (lang.t(K::TokensNone)) }
            } @else {
                ul.tokens {
                    @for token in tokens {
                        li {
                            h2 {
                                @if token.label.is_empty() { (lang.t(K::TokenNoLabel)) } @else { (token.label) }
                                @if token.expires_at <= now { " " span.badge { (lang.t(K::TokenExpired)) } }
                            }
                            p.meta {
                                (lang.t(K::TokenCreatedAt)) " " (time(lang, token.created_at))
                                " · " (lang.t(K::TokenExpiresAt)) " " (time(lang, token.expires_at))
                                " · " (lang.t(K::TokenLastUsed)) " "
                                @match token.last_used_at {
                                    Some(at) => (time(lang, at)),
                                    None => (lang.t(K::TokenNeverUsed)),
                                }
                            }
                            // Revoking is final: a second tap confirms it, with or without script.
                            details.confirm {
                                summary.button.secondary { (lang.t(K::TokenRevoke)) }
                                form method="post" action={ "/account/tokens/" (token.id) "/revoke" } {
                                    (frame.tokens())
                                    p { (lang.t(K::TokenRevokeConfirmation)) }
                                    button.danger type="submit" { (lang.t(K::TokenConfirmRevoke)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (lang.t(K::TokenNew)) }
        form.token method="post" action="/account/tokens" {
            (frame.tokens())
            label for="label" { (lang.t(K::TokenLabel)) }
            input #label type="text" name="label" dir="auto" value=(state.label) maxlength=(MAX_TOKEN_LABEL_CHARS);
            label for="expires_in_days" {
                (lang.f(K::TokenLifetimeDays, &[Arg::count("min", MIN_TOKEN_DAYS), Arg::count("max", MAX_TOKEN_DAYS)]))
            }
            input #expires_in_days type="number" name="expires_in_days" value=(days)
                min=(MIN_TOKEN_DAYS) max=(MAX_TOKEN_DAYS) inputmode="numeric" required;
            @if state.log_in { (super::account::login_fields(lang)) }
            button type="submit" { (lang.t(K::TokenCreate)) }
        }
    };
    page(frame, Head { title: lang.t(K::TokensTitle), private: true, ..Head::default() }, content)
}
