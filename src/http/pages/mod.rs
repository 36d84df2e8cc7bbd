//! Page handlers: extract, call one action, render a page or redirect; one file per
//! resource, with what they share here.

mod account;
mod amendment;
mod comments;
mod download;
mod fates;
mod feeds;
mod hall;
mod members;
mod notifications;
mod phase;
mod questions;
mod review;
mod search;
mod session;
mod sharing;
mod stats;
mod text;
mod tokens;
mod topics;

pub use account::*;
pub use amendment::*;
pub use comments::*;
pub use download::*;
pub use fates::*;
pub use feeds::*;
pub use hall::*;
pub use members::*;
pub use notifications::*;
pub use phase::*;
pub use questions::*;
pub use review::*;
pub use search::*;
pub use session::*;
pub use sharing::*;
pub use stats::*;
pub use text::*;
pub use tokens::*;
pub use topics::*;

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;

use super::AppState;
use super::context::{DEVICE_COOKIE, DEVICE_COOKIE_SECONDS, LANG_COOKIE, Lang, PageCtx, SESSION_COOKIE, set_cookie};
use super::error::{PageError, Problem};
use super::forms::{FormBody, PagePath, PageQuery};
use super::fragments::{
    CSRF_PLACEHOLDER, Chunks, FragmentKey, ONCE_PLACEHOLDER, Piece, assemble, etag, fresh, html_chunks, marker,
    not_modified,
};
use super::unreadable::{Expected, Unreadable};
use crate::actions::accounts::{self, SESSION_SECONDS};
use crate::actions::amendments::{self, Proposal, Verdict};
use crate::actions::editorial::{self, EditorialRequest};
use crate::actions::listing::{self, Filter, Order, Page, States};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::{ActionError, Conflict};
use crate::auth::BallotKey;
use crate::domain::model::Revision;
use crate::domain::model::User;
use crate::domain::span::{Anchor, AnchorError};
use crate::domain::text::typed_lines;
use crate::domain::{AmendmentState, Phase, Visibility};
use crate::export;
use crate::i18n::{Arg, K, state_name};
use crate::views;
use crate::views::FormTokens;
use crate::views::account::PublishDraft;
use crate::views::amendment::AmendmentDraft;
use crate::views::history::{DiffLayout, EditDraft};
use crate::views::review::ReviewState;

pub(super) type PageResult = Result<Response, PageError>;

/// The address the site answers at, as the request named it: for links in exported files.
pub(super) fn site_address(ctx: &PageCtx) -> String {
    ctx.origin.clone()
}

pub(super) fn html(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

pub(super) fn html_with_status(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// Only paths of this site are followed after a login or a language switch.
pub(super) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

/// One leading slash, then printable ASCII only: browsers drop tabs and newlines from a
/// `Location` and read a backslash as a slash, so `/\t/evil.example` would lead to `//evil.example`;
/// and a control character cannot go in a header at all. Paths of this site arrive
/// percent-encoded, so nothing legitimate is lost.
pub(super) fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'\\')
}

/// Parses a number from the address; anything else is a page that does not exist.
pub(super) fn number_in_path<T: std::str::FromStr>(ctx: &PageCtx, value: &str) -> Result<T, PageError> {
    value.parse().map_err(|_| ctx.error(Problem::NotFound))
}

pub(super) fn form<T>(ctx: &PageCtx, body: Result<FormBody<T>, Problem>) -> Result<(T, Vec<u8>), PageError> {
    body.map(|FormBody(value, fingerprint)| (value, fingerprint)).map_err(|problem| ctx.error(problem))
}

/// Who sends a form that the gate let through, and the session cookie to set when they
/// logged in on the way.
pub(super) struct Sender {
    pub user: User,
    pub cookie: Option<HeaderValue>,
    /// The known-device cookie of a login on the way.
    pub device: Option<HeaderValue>,
    /// The CSRF token of the session a login on the way opened.
    pub csrf: Option<String>,
    /// The ballot key of the session: the one the request came with, or a login's on the way.
    pub ballot_key: Option<BallotKey>,
}

impl Sender {
    /// The request as this sender makes it: after a login on the way, with their new
    /// session's user and token, so that the page shown next is theirs.
    pub fn ctx(&self, ctx: &PageCtx) -> PageCtx {
        let mut ctx = ctx.clone();
        ctx.user = Some(self.user.clone());
        if let Some(csrf) = &self.csrf {
            ctx.csrf = csrf.clone();
        }
        ctx.ballot_key = self.ballot_key.clone();
        ctx
    }

    /// A response that also opens the session of a login on the way.
    pub fn answer(&self, mut response: Response) -> Response {
        for cookie in [&self.cookie, &self.device].into_iter().flatten() {
            response.headers_mut().append(SET_COOKIE, cookie.clone());
        }
        response
    }
}

/// Why a form goes back to its sender instead of through, and whether the form it comes
/// back in must ask them to log in.
pub(super) struct Back {
    pub problem: Problem,
    pub log_in: bool,
}

impl Back {
    /// What the form that comes back says above itself.
    pub fn message(&self, lang: Lang) -> String {
        match self.problem {
            Problem::CsrfFailed if self.log_in => lang.t(K::SessionEnded).to_owned(),
            Problem::CsrfFailed => lang.t(K::FormCameBack).to_owned(),
            Problem::Action(ActionError::Unauthenticated) => lang.t(K::SessionEnded).to_owned(),
            ref problem => problem.message(lang),
        }
    }

    pub fn status(&self) -> StatusCode {
        self.problem.status()
    }
}

/// The gate of every form that carries what someone typed: nothing typed is lost (DESIGN,
/// "Nothing a member typed is lost"). A token that no longer holds (the session ended or
/// changed in another tab) or a missing session sends the form back, filled, to be sent
/// again; without a session, with the login fields in it. A login on the way opens a
/// session and lets the form through.
pub(super) async fn gate(
    state: &AppState,
    ctx: &PageCtx,
    csrf: &str,
    login: Option<&str>,
    password: Option<&str>,
) -> Result<Sender, Back> {
    // A form that goes back to a sender without a session carries this request's
    // anonymous token: its response gives the browser the cookie that holds it.
    let back = |problem: Problem, log_in: bool| {
        ctx.keep_form_token();
        Back { problem, log_in }
    };
    if ctx.check_csrf(csrf).is_err() {
        return Err(back(Problem::CsrfFailed, ctx.user.is_none()));
    }
    if let Some(user) = &ctx.user {
        let ballot_key = ctx.ballot_key.clone();
        return Ok(Sender { user: user.clone(), cookie: None, device: None, csrf: None, ballot_key });
    }
    let (Some(login), Some(password)) = (login.filter(|login| !login.trim().is_empty()), password) else {
        return Err(back(Problem::Action(ActionError::Unauthenticated), true));
    };
    let (login, password, client) = (login.to_owned(), password.to_owned(), ctx.client());
    match state.run(move |site| accounts::log_in(site, &login, &password, &client)).await {
        Ok(session) => {
            let cookie = set_cookie(&ctx.headers, SESSION_COOKIE, &session.token, Some(SESSION_SECONDS));
            let device = set_cookie(&ctx.headers, DEVICE_COOKIE, &session.device_cookie, Some(DEVICE_COOKIE_SECONDS));
            let ballot_key = Some(session.ballot_key);
            Ok(Sender { user: session.user, cookie, device, csrf: Some(session.csrf_token), ballot_key })
        }
        Err(error) => Err(back(Problem::from(error), true)),
    }
}

/// What a list of amendments is asked for in its address: its filters and page. Every
/// value may be empty (a filter form's "any"), which means no filter.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    state: Option<String>,
    author: Option<String>,
    section: Option<String>,
    line: Option<String>,
    revision: Option<String>,
    page: Option<String>,
    all: Option<String>,
    merged: Option<String>,
    sort: Option<String>,
}

impl ListQuery {
    /// The filter and page asked for, the states shown by `default` when none is named.
    fn read(&self, default: States) -> Result<(Filter, Page), Unreadable> {
        fn number<T: std::str::FromStr>(field: &str, value: &Option<String>) -> Result<Option<T>, Unreadable> {
            match value.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
                None => Ok(None),
                Some(value) => value
                    .parse()
                    .map(Some)
                    .map_err(|_| Unreadable::Invalid { field: field.to_owned(), expected: Expected::Integer }),
            }
        }
        let states = match self.state.as_deref().filter(|state| !state.is_empty()) {
            None => default,
            Some(name) => States::parse(name).ok_or_else(|| {
                let names = ["all", "to-decide"].into_iter().chain(AmendmentState::ALL.iter().map(|s| s.as_str()));
                one_of("state", names)
            })?,
        };
        let filter = Filter {
            states,
            author: number("author", &self.author)?,
            section: number("section", &self.section)?,
            line: number("line", &self.line)?,
            revision: number("revision", &self.revision)?,
            order: match self.sort.as_deref().map(str::trim).filter(|sort| !sort.is_empty()) {
                None => Order::Line,
                Some(name) => Order::parse(name).ok_or_else(|| one_of("sort", Order::ALL.map(Order::name)))?,
            },
        };
        let everything = self.all.as_deref().is_some_and(|all| !all.is_empty() && all != "0");
        let page = if everything { Page::Everything } else { Page::Number(number("page", &self.page)?.unwrap_or(1)) };
        Ok((filter, page))
    }
}

/// A field that takes one of a closed set of names and holds another.
pub(super) fn one_of<'a>(field: &str, names: impl IntoIterator<Item = &'a str>) -> Unreadable {
    let expected = Expected::OneOf(names.into_iter().map(str::to_owned).collect());
    Unreadable::Invalid { field: field.to_owned(), expected }
}

/// A redirect to the login page that comes back here.
pub(super) fn to_login(ctx: &PageCtx) -> Response {
    Redirect::to(&format!("/login?next={}", views::query_value(&ctx.here))).into_response()
}

pub async fn home(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let (topics, elsewhere) = crate::actions::topics::topics(site, request.user.as_ref())?;
            let news = match request.user.as_ref() {
                Some(user) => {
                    let listed: Vec<_> = topics.iter().flat_map(|topic| &topic.texts).chain(&elsewhere).collect();
                    crate::actions::news::on_listings(site, user, &listed)?
                }
                None => Default::default(),
            };
            Ok(views::home::home(&request.frame(), &topics, &elsewhere, &news, crate::store::now()))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

pub async fn health(State(state): State<AppState>) -> Response {
    match state.run(|site| Ok(site.store.check()?)).await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!("health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// No such page; an address under `/api` that no API route takes gets the API's JSON error.
pub async fn not_found(ctx: PageCtx) -> Response {
    if ctx.here == "/api" || ctx.here.starts_with("/api/") || ctx.here.starts_with("/api?") {
        return super::error::ApiError { lang: ctx.lang, problem: Problem::NotFound }.into_response();
    }
    ctx.error(Problem::NotFound).into_response()
}

pub async fn method_not_allowed(ctx: PageCtx) -> PageError {
    ctx.error(Problem::MethodNotAllowed)
}

/// Failures a form shows above itself, keeping what was typed, rather than on an error page.
pub(super) fn shown_in_form(error: &ActionError) -> bool {
    matches!(
        error,
        ActionError::Invalid(_)
            | ActionError::TooLarge(_)
            | ActionError::Conflict(
                Conflict::AnchorTouched { .. }
                    | Conflict::SlugTaken
                    | Conflict::TopicTaken
                    | Conflict::QuorumNotReached { .. }
                    | Conflict::HeadMoved { .. }
                    // A phase that closed while the form was typed (a deadline passing).
                    | Conflict::PhaseClosed(_)
                    | Conflict::VotesCast { .. }
                    | Conflict::NoBallotKey
                    | Conflict::BallotSealed { .. }
            )
    )
}

#[derive(Deserialize)]
pub struct RevisionQuery {
    revision: Option<u32>,
}
