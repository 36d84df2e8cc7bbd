//! Open sharing: the share links of public texts and amendments (plain links to the
//! networks' own share pages: no script, font or tracker of theirs on any page), the code
//! that embeds a read-only view, the embedded views themselves, and the words of preview
//! images.

use maud::{DOCTYPE, Markup, html};

use super::Frame;
use super::components::{line_content, proposal_diff, state_badge, time};
use super::query_value;
use crate::actions::amendments::AmendmentDetail;
use crate::domain::model::{Revision, Text};
use crate::i18n::{Arg, K, Lang};

/// Where to share `path` (on this site) titled `title`: the big networks' share pages,
/// email, and the embed code when `embed` (a path) is given.
pub fn share_block(frame: &Frame<'_>, path: &str, title: &str, embed: Option<&str>) -> Markup {
    let lang = frame.lang;
    let url = format!("{}{path}", frame.origin);
    let (u, t) = (query_value(&url), query_value(title));
    let with_title = query_value(&format!("{title} {url}"));
    let networks: [(&str, String); 7] = [
        ("Mastodon", format!("https://mastodon.social/share?text={with_title}")),
        ("Bluesky", format!("https://bsky.app/intent/compose?text={with_title}")),
        ("X", format!("https://x.com/intent/post?text={t}&url={u}")),
        ("Facebook", format!("https://www.facebook.com/sharer/sharer.php?u={u}")),
        ("LinkedIn", format!("https://www.linkedin.com/sharing/share-offsite/?url={u}")),
        ("WhatsApp", format!("https://wa.me/?text={with_title}")),
        ("Telegram", format!("https://t.me/share/url?url={u}&text={t}")),
    ];
    html! {
        section.share aria-label=(lang.t(K::ShareTitle)) {
            h2 { (lang.t(K::ShareTitle)) }
            ul.share-links {
                @for (name, href) in &networks {
                    li { a href=(href) rel="noopener noreferrer" target="_blank" { (name) } }
                }
                li { a href={ "mailto:?subject=" (t) "&body=" (u) } { (lang.t(K::ShareByEmail)) } }
            }
            @if let Some(embed) = embed {
                // What the reader copies is HTML: the title goes in an attribute, escaped
                // for it, and the page shows that (escaped again by maud).
                @let title = attribute_value(title);
                details.embed-code {
                    summary { (lang.t(K::ShareEmbed)) }
                    p.hint { (lang.t(K::ShareEmbedHint)) }
                    pre { code {
                        "<iframe src=\"" (frame.origin) (embed) "\" width=\"100%\" height=\"600\" title=\"" (title) "\" loading=\"lazy\"></iframe>"
                    } }
                }
            }
        }
    }
}

/// `value` escaped for a double-quoted HTML attribute.
fn attribute_value(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A page made to sit in another site's frame: no header, navigation or forms; the
/// content and a link to read it here.
pub fn embed_page(lang: Lang, title: &str, permalink: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " · " (lang.t(K::SiteName)) }
                link rel="stylesheet" href=(crate::assets::url("app.css"));
                link rel="canonical" href=(permalink);
            }
            body.embed {
                main #main {
                    (content)
                    p.embed-source { a href=(permalink) target="_blank" rel="noopener" { (lang.t(K::EmbedReadOn)) " →" } }
                }
            }
        }
    }
}

/// A revision of a public text, embedded.
pub fn embed_text(lang: Lang, text: &Text, revision: &Revision, permalink: &str) -> Markup {
    let content = html! {
        h1 dir="auto" { (text.title) }
        p.meta { (lang.f(K::RevisionNumber, &[Arg::number("revision", revision.info.number)])) " · " (time(lang, revision.info.created_at)) }
        ol.embed-lines {
            @for (index, line) in revision.lines.iter().enumerate() {
                li id={ "l" (index + 1) } value=(index + 1) { (line_content(line)) }
            }
        }
    };
    embed_page(lang, &text.title, permalink, content)
}

/// An amendment to a public text, embedded: its reference, state, what it changes, why.
pub fn embed_amendment(lang: Lang, detail: &AmendmentDetail, permalink: &str) -> Markup {
    let amendment = &detail.amendment;
    let title = format!("{} · {}", amendment.reference, detail.text.title);
    let content = html! {
        p.kicker dir="auto" { (detail.text.title) }
        h1 { (lang.f(K::AmendmentTitle, &[Arg::text("reference", &amendment.reference)])) " " (state_badge(lang, amendment.state)) }
        @if !amendment.summary.is_empty() { p.lead dir="auto" { (amendment.summary) } }
        (proposal_diff(lang, &detail.anchored_lines, amendment.lines_to_merge(), amendment.anchor))
        @if !amendment.rationale.is_empty() { p.rationale dir="auto" { (amendment.rationale) } }
    };
    embed_page(lang, &title, permalink, content)
}
