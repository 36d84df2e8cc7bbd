//! Pages and their components, as pure functions from data to markup (maud escapes every
//! value; no HTML is built by string concatenation).
//!
//! Invariant: views never touch the store and decide nothing; they show what actions return.

pub mod account;
pub mod amendment;
pub mod book;
pub mod comments;
pub mod components;
pub mod error;
pub mod fates;
pub mod feeds;
pub mod hall;
pub mod history;
pub mod home;
pub mod layout;
pub mod listing;
pub mod members;
pub mod notifications;
pub mod phase;
pub mod questions;
pub mod review;
pub mod search;
pub mod sharing;
pub mod stats;
pub mod text;
pub mod tokens;
pub mod topics;

use crate::domain::model::User;
use crate::i18n::Lang;

/// What every page shows around its content: language, who is logged in, the CSRF token
/// and the submission key for its forms, and its own address (for the language switch and
/// login).
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    pub lang: Lang,
    pub user: Option<&'a User>,
    /// The member's unread notifications.
    pub unread: u32,
    /// The site's address as the request named it (`https://host`), for absolute links.
    pub origin: &'a str,
    pub csrf: &'a str,
    /// A key new with each page: a form sent twice from it (a double tap) has one effect.
    pub once: &'a str,
    pub here: &'a str,
}

impl<'a> Frame<'a> {
    /// What this page's forms carry besides their fields.
    pub fn tokens(&self) -> FormTokens<'a> {
        FormTokens { csrf: self.csrf, once: self.once }
    }
}

/// What every form carries besides its fields: the CSRF token, and the page's submission
/// key, which makes a form sent twice (a double tap) have one effect.
#[derive(Clone, Copy)]
pub struct FormTokens<'a> {
    pub csrf: &'a str,
    pub once: &'a str,
}

impl maud::Render for FormTokens<'_> {
    fn render(&self) -> maud::Markup {
        maud::html! {
            input type="hidden" name="csrf" value=(self.csrf);
            input type="hidden" name="once" value=(self.once);
        }
    }
}

/// Percent-encodes a value for a query string.
pub fn query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}
