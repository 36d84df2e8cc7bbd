//! The frame of every page: head (with sharing metadata), header with navigation, account
//! and language switch, footer.

use maud::{DOCTYPE, Markup, html};

use super::{Frame, query_value};
use crate::auth::{Permission, allows};
use crate::i18n::{K, Lang};

/// What a page says about itself in `<head>`.
#[derive(Default)]
pub struct Head<'a> {
    pub title: &'a str,
    /// Shown by networks when the page is shared.
    pub description: Option<&'a str>,
    /// Pages that are private or transient are kept out of search engines.
    pub private: bool,
    /// The path of the Atom feed that follows what the page shows.
    pub feed: Option<&'a str>,
    /// Sharing: the page's permalink and its preview image (paths on this site).
    pub share: Option<Share<'a>>,
    /// Seconds after which a browser without JavaScript reloads the page, for views that
    /// follow a text live (with the script, server-sent events update them).
    pub reload_without_script: Option<u32>,
}

/// What a shared page tells link previews besides its title and description.
#[derive(Clone, Copy)]
pub struct Share<'a> {
    /// The stable address of what the page shows.
    pub permalink: &'a str,
    /// The address search engines should keep for the page (a text's head page: the
    /// text's own address, not its current revision's).
    pub canonical: &'a str,
    /// A 1200×630 PNG.
    pub image: &'a str,
}

pub fn page(frame: &Frame<'_>, head: Head<'_>, content: Markup) -> Markup {
    let lang = frame.lang;
    let site = lang.t(K::SiteName);
    let full_title = if head.title.is_empty() { site.to_owned() } else { format!("{} · {site}", head.title) };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                // An inline icon, so that browsers do not ask for a /favicon.ico that is not there.
                link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect x='2' y='2' width='12' height='12' rx='2' fill='%231f4aa8'/%3E%3C/svg%3E";
                link rel="stylesheet" href=(crate::assets::url("app.css"));
                script src=(crate::assets::url("app.js")) defer {}
                @if head.private { meta name="robots" content="noindex"; }
                @if let Some(seconds) = head.reload_without_script {
                    noscript { meta http-equiv="refresh" content=(seconds); }
                }
                @if let Some(feed) = head.feed {
                    link rel="alternate" type="application/atom+xml" title=(lang.t(K::FeedLink)) href=(feed);
                }
                meta property="og:site_name" content=(site);
                meta property="og:title" content=(head.title);
                meta property="og:type" content="article";
                @if let Some(description) = head.description {
                    meta name="description" content=(description);
                    meta property="og:description" content=(description);
                }
                @if let Some(share) = head.share {
                    link rel="canonical" href={ (frame.origin) (share.canonical) };
                    meta property="og:url" content={ (frame.origin) (share.permalink) };
                    meta property="og:image" content={ (frame.origin) (share.image) };
                    meta property="og:image:type" content="image/png";
                    meta property="og:image:width" content=(crate::preview::WIDTH);
                    meta property="og:image:height" content=(crate::preview::HEIGHT);
                    meta property="og:image:alt" content=(head.title);
                    meta property="og:locale" content=(if lang == Lang::FR { "fr_FR" } else { "en_GB" });
                    meta name="twitter:card" content="summary_large_image";
                    meta name="twitter:title" content=(head.title);
                    @if let Some(description) = head.description { meta name="twitter:description" content=(description); }
                    meta name="twitter:image" content={ (frame.origin) (share.image) };
                } @else {
                    meta name="twitter:card" content="summary";
                }
            }
            body {
                a.skip href="#main" { (lang.t(K::SkipToContent)) }
                header.site {
                    a.brand href="/" { (site) }
                    nav aria-label=(lang.t(K::MainNavigation)) {
                        a href="/" { (lang.t(K::NavTexts)) }
                        a href="/topics" { (lang.t(K::NavTopics)) }
                        @if allows(frame.user.map(|u| u.role), Permission::Publish) {
                            a href="/texts/new" { (lang.t(K::NavPublish)) }
                        }
                        @if allows(frame.user.map(|u| u.role), Permission::ManageUsers) {
                            a href="/admin" { (lang.t(K::NavMembers)) }
                        }
                    }
                    // The search page has its own box.
                    @if !frame.here.starts_with("/search") { (super::search::header_box(lang)) }
                    div.account {
                        @if let Some(user) = frame.user {
                            a.who href="/account" { (user.name) }
                            (super::notifications::bell(lang, frame.unread))
                            a href="/account/tokens" { (lang.t(K::NavTokens)) }
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(frame.csrf);
                                button.link type="submit" { (lang.t(K::LogOut)) }
                            }
                        } @else {
                            a href={ "/login?next=" (query_value(frame.here)) } { (lang.t(K::LogIn)) }
                        }
                        (language_switch(frame))
                    }
                }
                main #main { (content) }
                footer.site {
                    p { (lang.t(K::FooterAbout)) }
                }
            }
        }
    }
}

fn language_switch(frame: &Frame<'_>) -> Markup {
    let next = query_value(frame.here);
    html! {
        span.langs role="group" aria-label=(frame.lang.t(K::Language)) {
            @for lang in Lang::ALL {
                // Each language by its code, with its own name for those who hover or listen.
                @if *lang == frame.lang {
                    strong lang=(lang.code()) title=(lang.t(K::LanguageName)) aria-current="true" { (lang.code().to_uppercase()) }
                } @else {
                    a lang=(lang.code()) hreflang=(lang.code()) title=(lang.t(K::LanguageName))
                        href={ "/lang/" (lang.code()) "?next=" (next) } {
                        (lang.code().to_uppercase())
                    }
                }
            }
        }
    }
}

/// A notice above a page's content.
pub fn notice(kind: &str, message: &str) -> Markup {
    html! { div class={ "notice " (kind) } role=(if kind == "error" { "alert" } else { "status" }) { p { (message) } } }
}
