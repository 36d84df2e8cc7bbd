//! The error page: what went wrong in the visitor's language, and where to go next.

use axum::http::StatusCode;
use maud::{Markup, html};

use super::Frame;
use super::layout::{Head, page as layout};
use crate::i18n::{Arg, K};

/// The page of a failed request, given the request's frame.
pub fn page(frame: &Frame<'_>, status: StatusCode, message: &str) -> Markup {
    let lang = frame.lang;
    let title = lang.t(match status.as_u16() {
        400 => K::Status400,
        401 => K::Status401,
        403 => K::Status403,
        404 => K::Status404,
        405 => K::Status405,
        409 => K::Status409,
        413 => K::Status413,
        422 => K::Status422,
        429 => K::Status429,
        _ => K::Status500,
    });
    let content = html! {
        h1 { (title) }
        p.status { (lang.f(K::StatusCode, &[Arg::number("status", status.as_u16())])) }
        p.message { (message) }
        p {
            @if status == StatusCode::UNAUTHORIZED && frame.user.is_none() {
                a.button href={ "/login?next=" (super::query_value(frame.here)) } { (lang.t(K::LogIn)) } " "
            }
            a href="/" { (lang.t(K::BackHome)) }
        }
    };
    layout(frame, Head { title, private: true, ..Head::default() }, content)
}
